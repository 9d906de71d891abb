// RUN: huge-opt %s -huge-fuse-epilogues -split-input-file | FileCheck %s
// RUN: huge-opt %s -huge-fuse-epilogues=residuals=false -split-input-file | FileCheck %s --check-prefix=NORES

// CHECK-LABEL: func.func @relu_into_conv
// CHECK: %[[C:.*]] = huge.conv2d {{.*}}activation = #huge<activation relu>
// CHECK-NOT: huge.relu
// CHECK: return %[[C]]
func.func @relu_into_conv(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.relu %0 : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_and_leaky
// CHECK: huge.conv_transpose2d {{.*}}activation = #huge<activation clip>, activation_params = array<f32: 0.000000e+00, 6.000000e+00>
// CHECK: huge.conv2d {{.*}}activation = #huge<activation leaky_relu>, activation_params = array<f32: 1.000000e-01>
func.func @clip_and_leaky(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = huge.conv2d %1, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %3 = huge.leaky_relu %2 {alpha = 0.1 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %3 : tensor<1x2x4x4xf32>
}

// -----

// A per-channel constant add becomes the bias (here created: 0 + [1, 2]).
// CHECK-LABEL: func.func @channel_add_into_bias
// CHECK: %[[B:.*]] = huge.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[C:.*]] = huge.conv2d %arg0, %arg1, %[[B]]
// CHECK-NOT: huge.add
// CHECK: return %[[C]]
func.func @channel_add_into_bias(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %c = huge.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.add %0, %c : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// Not fused: the conv result has a second user, or the add is not
// per-channel.
// CHECK-LABEL: func.func @not_fused
// CHECK: huge.conv2d
// CHECK-NOT: activation
// CHECK: huge.relu
// CHECK: huge.add
func.func @not_fused(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>, %y: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.relu %0 : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = huge.add %0, %y : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %1, %2 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// SiLU and HardSwish as exporters write them (x * sigmoid(x), either
// operand order; x * hard_sigmoid(x) with alpha 1/6, beta 1/2) become one
// op each, which then fuses into the convolution's epilogue.
// CHECK-LABEL: func.func @gated
// CHECK: %[[A:.*]] = huge.conv2d {{.*}}activation = #huge<activation silu>
// CHECK: %[[B:.*]] = huge.conv2d %[[A]], {{.*}}activation = #huge<activation hard_swish>
// CHECK-NOT: huge.sigmoid
// CHECK-NOT: huge.mul
// CHECK: return %[[B]]
func.func @gated(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.sigmoid %0 : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = huge.mul %1, %0 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %3 = huge.conv2d %2, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %4 = huge.hard_sigmoid %3 {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %5 = huge.mul %3, %4 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %5 : tensor<1x2x4x4xf32>
}

// -----

// Not formed: the gate reads another tensor, or has a second user; a hard
// sigmoid with other constants is not HardSwish.
// CHECK-LABEL: func.func @not_gated
// CHECK-COUNT-3: huge.mul
// CHECK-NOT: huge.silu
// CHECK-NOT: huge.hard_swish
func.func @not_gated(%x: tensor<1x2x4x4xf32>, %y: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %0 = huge.sigmoid %y : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.mul %x, %0 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = huge.sigmoid %x : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %3 = huge.mul %x, %2 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %4 = huge.hard_sigmoid %x {alpha = 0.2 : f32, beta = 5.000000e-01 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %5 = huge.mul %x, %4 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %1, %3, %5, %2 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// ResNet's relu(conv(x) + identity): the add becomes the convolution's
// residual and the relu its activation, applied after the sum.
// CHECK-LABEL: func.func @residual_then_relu
// CHECK: %[[C:.*]] = huge.conv2d %arg0, %arg1, %arg2, %arg0 {{.*}}activation = #huge<activation relu>
// CHECK-NOT: huge.add
// CHECK-NOT: huge.relu
// CHECK: return %[[C]]
// NORES-LABEL: func.func @residual_then_relu
// NORES: huge.add
func.func @residual_then_relu(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %0 = huge.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.add %0, %x : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = huge.relu %1 : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %2 : tensor<1x2x4x4xf32>
}

// -----

// Not fused: a convolution that already has an activation (act(conv) + r
// is not act(conv + r)), a grouped one, a residual computed after the
// convolution, and a residual of another shape.
// CHECK-LABEL: func.func @residual_not_fused
// CHECK-COUNT-4: huge.add
func.func @residual_not_fused(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>, %g: tensor<2x1x1x1xf32>, %row: tensor<1x2x4x1xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1, activation = #huge<activation relu>} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.add %0, %x : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = huge.conv2d %x, %g {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x2x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %3 = huge.add %x, %2 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %4 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %later = huge.tanh %x : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %5 = huge.add %4, %later : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %6 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %7 = huge.add %6, %row : (tensor<1x2x4x4xf32>, tensor<1x2x4x1xf32>) -> tensor<1x2x4x4xf32>
  return %1, %3, %5, %7 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}
