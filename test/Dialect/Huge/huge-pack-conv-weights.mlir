// RUN: huge-opt %s -split-input-file -verify-diagnostics -huge-pack-conv-weights | FileCheck %s

// Each conv2d becomes huge.packed_conv2d over its weights packed in the
// block huge.block names: [groups][blocks][kh][kw][Cin/groups][block], the
// last block zero padded. Here 3 output channels x 2 input channels in
// blocks of 2: block 0 holds channels 0 and 1 of each input channel, block 1
// channel 2 and a zero. The op keeps the attributes other passes recorded
// (the memory plan's, the layouts) and drops huge.block (the block is the weights' last extent now); the
// unpacked constant, read by nothing else, is erased.
// CHECK-LABEL: func.func @pack
// CHECK-NEXT: %[[W:.*]] = huge.constant dense<{{\[\[\[\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]]], {{\[\[\[\[}}5.000000e+00, 0.000000e+00], [6.000000e+00, 0.000000e+00]]]]]]> : tensor<1x2x1x1x2x2xf32>
// CHECK-NEXT: %[[Y:.*]] = huge.packed_conv2d %arg0, %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, test.kept} : (tensor<1x2x4x4xf32>, tensor<1x2x1x1x2x2xf32>) -> tensor<1x3x4x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @pack(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %w = huge.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]], [[[5.0]], [[6.0]]]]> : tensor<3x2x1x1xf32>
  %y = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1, huge.block = 2 : i64, test.kept} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// Two convolutions reading one constant in the same block share one packed
// copy; a third reading it in another block gets its own; an op that reads
// the weights as they are keeps the original constant.
// CHECK-LABEL: func.func @shared
// CHECK-NEXT: %[[W:.*]] = huge.constant {{.*}} : tensor<4x4x3x3xf32>
// CHECK-NEXT: %[[P4:.*]] = huge.constant {{.*}} : tensor<1x1x3x3x4x4xf32>
// CHECK-NEXT: %[[P2:.*]] = huge.constant {{.*}} : tensor<1x2x3x3x4x2xf32>
// CHECK-NEXT: huge.packed_conv2d %arg0, %[[P4]]
// CHECK-NEXT: huge.packed_conv2d %{{.*}}, %[[P4]]
// CHECK-NEXT: huge.packed_conv2d %{{.*}}, %[[P2]]
// CHECK-NEXT: huge.relu %[[W]]
func.func @shared(%x: tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) {
  %w = huge.constant dense<0.5> : tensor<4x4x3x3xf32>
  %a = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1, huge.block = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32>
  %b = huge.conv2d %a, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1, huge.block = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32>
  %c = huge.conv2d %b, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1, huge.block = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32>
  %r = huge.relu %w : (tensor<4x4x3x3xf32>) -> tensor<4x4x3x3xf32>
  return %c, %r : tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>
}

// -----

// A grouped convolution packs per group: [groups = 2][1 block][1][1][Cin/g = 1][2].
// CHECK-LABEL: func.func @grouped
// CHECK-NEXT: huge.constant dense<{{\[\[\[\[\[\[}}1.000000e+00, 2.000000e+00]]]]], {{\[\[\[\[\[}}3.000000e+00, 4.000000e+00]]]]]]> : tensor<2x1x1x1x1x2xf32>
// CHECK-NEXT: huge.packed_conv2d {{.*}}groups = 2 : i64
func.func @grouped(%x: tensor<1x2x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %w = huge.constant dense<[[[[1.0]]], [[[2.0]]], [[[3.0]]], [[[4.0]]]]> : tensor<4x1x1x1xf32>
  %y = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2, huge.block = 2 : i64} : (tensor<1x2x4x4xf32>, tensor<4x1x1x1xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @no_block(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %w = huge.constant dense<1.0> : tensor<3x2x1x1xf32>
  // expected-error @+1 {{huge-pack-conv-weights: no huge.block (run huge-assign-layouts first)}}
  %y = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

func.func @runtime_weights(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{huge-pack-conv-weights: the weights are not a constant (they are packed at compile time)}}
  %y = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1, huge.block = 2 : i64} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}
