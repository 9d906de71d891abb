// RUN: huge-opt %s -huge-pack-grouped-conv -split-input-file | FileCheck %s
// RUN: huge-opt %s -huge-pack-grouped-conv="block=4" -split-input-file | FileCheck %s --check-prefix=BLOCK4

// Groups 2, 6 output channels per group and a reduction of 3: the chosen
// block is the 6 channels (by column); blocks of 4 -> 2 blocks (2 padding
// lanes). Packed [g, blocks, kh, kw, Cin/g, block]: output channel o = 7
// (group 1, j = 1) has weight 7.0 at lane 1 of every input channel's row.
// CHECK-LABEL: func.func @grouped
// CHECK: %[[W:.*]] = huge.constant dense<{{\[}}{{\[}}{{\[}}{{\[}}{{\[}}[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00], [0.000000e+00, {{.*}}[6.000000e+00, 7.000000e+00, 8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01]]]]]]> : tensor<2x1x1x1x3x6xf32>
// CHECK: huge.packed_conv2d %arg0, %[[W]] {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x6x4x4xf32>, tensor<2x1x1x1x3x6xf32>) -> tensor<1x12x4x4xf32>
// BLOCK4: tensor<2x2x1x1x3x4xf32>
func.func @grouped(%x: tensor<1x6x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %w = huge.constant dense<[[[[0.0]], [[0.0]], [[0.0]]], [[[1.0]], [[1.0]], [[1.0]]], [[[2.0]], [[2.0]], [[2.0]]], [[[3.0]], [[3.0]], [[3.0]]], [[[4.0]], [[4.0]], [[4.0]]], [[[5.0]], [[5.0]], [[5.0]]], [[[6.0]], [[6.0]], [[6.0]]], [[[7.0]], [[7.0]], [[7.0]]], [[[8.0]], [[8.0]], [[8.0]]], [[[9.0]], [[9.0]], [[9.0]]], [[[10.0]], [[10.0]], [[10.0]]], [[[11.0]], [[11.0]], [[11.0]]]]> : tensor<12x3x1x1xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x6x4x4xf32>, tensor<12x3x1x1xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// -----

// Depthwise (groups = Cin): weights [Cout, kh, kw] on the dedicated kernel;
// the fused activation stays.
// CHECK-LABEL: func.func @depthwise
// CHECK: huge.depthwise_conv2d %arg0, %{{.*}}, %{{.*}} {activation = #huge<activation relu>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
func.func @depthwise(%x: tensor<1x4x8x8xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %w = huge.constant dense<1.0> : tensor<4x1x3x3xf32>
  %0 = huge.conv2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 4, activation = #huge<activation relu>} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Depthwise on a small plane (12x12, 9 vectors of 16): computed in runs of
// pixels. A 32x32 plane (64 vectors, rows of whole vectors) and stride 2
// keep the row tiles.
// CHECK-LABEL: func.func @depthwise_flat
// CHECK: huge.depthwise_conv2d %arg0, %{{.*}} {dilations = array<i64: 4, 4>, form = "flat", pads = array<i64: 4, 4, 4, 4>, strides = array<i64: 1, 1>}
// CHECK: huge.depthwise_conv2d %arg1, %{{.*}} {dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
// CHECK: huge.depthwise_conv2d %arg0, %{{.*}} {dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
func.func @depthwise_flat(%x: tensor<1x4x12x12xf32>, %y: tensor<1x4x32x32xf32>) -> (tensor<1x4x12x12xf32>, tensor<1x4x32x32xf32>, tensor<1x4x6x6xf32>) {
  %w = huge.constant dense<1.0> : tensor<4x1x3x3xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 4, 4, 4, 4>, dilations = array<i64: 4, 4>, groups = 4} : (tensor<1x4x12x12xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x12x12xf32>
  %1 = huge.conv2d %y, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 4} : (tensor<1x4x32x32xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x32x32xf32>
  %2 = huge.conv2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 4} : (tensor<1x4x12x12xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0, %1, %2 : tensor<1x4x12x12xf32>, tensor<1x4x32x32xf32>, tensor<1x4x6x6xf32>
}

// -----

// Ungrouped convolutions are left alone.
// CHECK-LABEL: func.func @dense
// CHECK: huge.conv2d
func.func @dense(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x1x1xf32>) -> tensor<1x4x8x8xf32> {
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x4x8x8xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

// A phase of an untangled layer stays on the phase kernel.
// CHECK-LABEL: func.func @phase_stays
// CHECK: huge.conv2d
// CHECK-NOT: huge.packed_conv2d
func.func @phase_stays(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x1x1xf32>) -> tensor<1x4x4x4xf32> {
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x4x4xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x4x4xf32>
  %1 = huge.interleave %0 {phases = array<i64: 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %1 : tensor<1x4x4x4xf32>
}
