// RUN: huge-translate --emit-c --huge-model-name=net %s | FileCheck %s

// Activations that only by-channel convolutions write and read (through
// layout-agnostic ops such as relu) are stored channel-blocked, NCHW16c:
// the writer's params end with ocb = 16 and count its row and column
// strides in floats (16 per pixel), the reader's with icb = 16. The model's
// input and output, and tensors other kernels touch, stay planar.

// CHECK-LABEL: // ---- net.c
// CHECK: int net_run(
// The first layer reads the planar input and writes a blocked tensor.
// CHECK: static const huge_conv_params p = {1, 8, 8, 8, 16, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1,
// CHECK-NEXT: 64, 128, 16, HUGE_ACT_NONE, 0.0f, 0.0f, 0, 0, 16};
// CHECK: huge_relu(
// The second reads it blocked and writes the planar output.
// CHECK: static const huge_conv_params p = {1, 16, 8, 8, 16, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1,
// CHECK-NEXT: 64, 8, 1, HUGE_ACT_NONE, 0.0f, 0.0f, 0, 16, 0};
// A tensor that max pooling reads stays planar.
// CHECK: static const huge_conv_params p = {1, 8, 8, 8, 16, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1,
// CHECK-NEXT: 64, 8, 1, HUGE_ACT_NONE, 0.0f, 0.0f, 0, 0, 0};
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
