// RUN: huge-opt %s -huge-untangle-dilated-conv -split-input-file | FileCheck %s
// RUN: huge-opt %s -huge-untangle-dilated-conv="prefer-per-tap" -split-input-file | FileCheck %s --check-prefix=PREFER

// Dilation 2 on a 16x16 map: the polyphase form. Phase rho reads the
// sub-image in[beta + 2m] (beta = (rho - p) mod 2 = rho + 1 mod 2 for p = 2),
// 8x8 pixels, and runs the compact 3x3 kernel densely with pad_lo = -gamma =
// 1 (gamma = floor((rho - 2) / 2) = -1 for both phases).
// CHECK-LABEL: func.func @polyphase
// CHECK-DAG: %[[S00:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 2, 2>} : (tensor<1x4x16x16xf32>) -> tensor<1x4x8x8xf32>
// CHECK-DAG: %[[S11:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 1, 1>, steps = array<i64: 1, 1, 2, 2>} : (tensor<1x4x16x16xf32>) -> tensor<1x4x8x8xf32>
// CHECK-DAG: huge.conv2d %[[S00]], %{{.*}} {dilations = array<i64: 1, 1>, form = "direct", groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32>
// CHECK: huge.interleave %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {phases = array<i64: 0, 0, 0, 1, 1, 0, 1, 1>, strides = array<i64: 2, 2>}
// With prefer-per-tap the same convolution stays whole, in the per-tap form.
// PREFER-LABEL: func.func @polyphase
// PREFER: huge.conv2d %arg0, %{{.*}} {dilations = array<i64: 2, 2>, form = "per_tap"
// PREFER-NOT: huge.slice
// PREFER-NOT: huge.interleave
func.func @polyphase(%x: tensor<1x4x16x16xf32>) -> tensor<1x8x16x16xf32> {
  %w = huge.constant dense<1.0> : tensor<8x4x3x3xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>, groups = 1} : (tensor<1x4x16x16xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}

// -----

// ASPP rate 12 on a 33x33 map: per axis the dense sub-convolutions would run
// 33 * 3 = 99 taps, of which 21 + 33 + 21 = 75 land inside the map: 74%
// more work than useful in 2-D, above the 25% allowed, so the per-tap form.
// CHECK-LABEL: func.func @aspp_rate12_per_tap
// CHECK: huge.conv2d %arg0, %{{.*}} {dilations = array<i64: 12, 12>, form = "per_tap"
// CHECK-NOT: huge.interleave
func.func @aspp_rate12_per_tap(%x: tensor<1x8x33x33xf32>) -> tensor<1x8x33x33xf32> {
  %w = huge.constant dense<1.0> : tensor<8x8x3x3xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 12, 12, 12, 12>, dilations = array<i64: 12, 12>, groups = 1} : (tensor<1x8x33x33xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x33x33xf32>
  return %0 : tensor<1x8x33x33xf32>
}

// -----

// A strided dilated convolution always takes the per-tap form.
// CHECK-LABEL: func.func @strided_per_tap
// CHECK: huge.conv2d {{.*}}form = "per_tap"{{.*}}strides = array<i64: 2, 2>
func.func @strided_per_tap(%x: tensor<1x2x16x16xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<1.0> : tensor<2x2x3x3xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>, groups = 1} : (tensor<1x2x16x16xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}

// -----

// Dilation along one axis only (ERFNet's 3x1 dilated conv): phases along H.
// CHECK-LABEL: func.func @one_axis
// CHECK-COUNT-2: huge.slice
// CHECK: huge.interleave {{.*}}strides = array<i64: 2, 1>
func.func @one_axis(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<1.0> : tensor<2x2x3x1xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 0, 2, 0>, dilations = array<i64: 2, 1>, groups = 1} : (tensor<1x2x8x8xf32>, tensor<2x2x3x1xf32>) -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}
