// RUN: huge-translate --emit-c --huge-model-name=net %s | FileCheck %s

// Activations that only by-channel convolutions write and read (through
// layout-agnostic ops such as relu) are stored channel-blocked, NCHW16c:
// the writer's params set ocb = 16 and count its row and column
// strides in floats (16 per pixel), the reader's icb = 16. The model's
// input and output, and tensors other kernels touch, stay planar.

// CHECK-LABEL: // ---- net.c
// CHECK: int net_run(
// The first layer reads the planar input and writes a blocked tensor.
// CHECK: static const huge_conv_params p = {
// CHECK-NEXT: .n = 1, .cin = 8, .h = 8, .w = 8, .cout = 16, .oh = 8, .ow = 8,
// CHECK-NEXT: .kh = 3, .kw = 3,
// CHECK-NEXT: .groups = 1, .ocs = 64, .oys = 128, .oxs = 16,
// CHECK-NEXT: .ocb = 16};
// CHECK: huge_relu(
// The second reads it blocked and writes the planar output.
// CHECK: static const huge_conv_params p = {
// CHECK-NEXT: .n = 1, .cin = 16, .h = 8, .w = 8, .cout = 16, .oh = 8, .ow = 8,
// CHECK-NEXT: .kh = 3, .kw = 3,
// CHECK-NEXT: .groups = 1, .ocs = 64, .oys = 8, .oxs = 1,
// CHECK-NEXT: .icb = 16};
// A tensor that max pooling reads stays planar.
// CHECK: static const huge_conv_params p = {
// CHECK-NEXT: .n = 1, .cin = 8, .h = 8, .w = 8, .cout = 16, .oh = 8, .ow = 8,
// CHECK-NEXT: .kh = 3, .kw = 3,
// CHECK-NEXT: .groups = 1, .ocs = 64, .oys = 8, .oxs = 1};
// CHECK: huge_max_pool2d(
func.func @main(%x: tensor<1x8x8x8xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x16x4x4xf32>) {
  %w0 = huge.constant dense<0.5> : tensor<16x8x3x3xf32>
  %w1 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
  %w2 = huge.constant dense<0.125> : tensor<16x8x3x3xf32>
  %a = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x8x8xf32>
  %b = huge.relu %a : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  %c = huge.conv2d %b, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  %d = huge.conv2d %x, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x8x8xf32>
  %e = huge.max_pool2d %d {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x16x8x8xf32>) -> tensor<1x16x4x4xf32>
  return %c, %e : tensor<1x16x8x8xf32>, tensor<1x16x4x4xf32>
}
