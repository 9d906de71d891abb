// RUN: huge-opt %s -huge-tile-fuse="groups=0-1:2" -huge-plan-memory | huge-translate --emit-c | FileCheck %s

// Two 3x3 convolutions in two bands of output rows. Each band's first
// convolution reads its input rows in place from the model input (a channel
// stride, ics = 64, instead of a copy); its last writes its rows in place
// into the output (channel stride 64, offset row * 8). Only one band of the
// intermediate (2 x 5 x 8 floats) lives in the arena.
// CHECK: #define MODEL_ARENA_SIZE 320
// CHECK: static const huge_conv_params p = {
// CHECK-NEXT: .n = 1, .cin = 2, .h = 6, .w = 8, .cout = 2, .oh = 5, .ow = 8,
// CHECK-NEXT: .pt = 1, .pl = 1,
// CHECK-NEXT: .groups = 1, .ocs = 40, .oys = 8, .oxs = 1,
// CHECK-NEXT: .ics = 64};
// CHECK-NEXT: huge_conv2d(inputs[0], model_conv2d0_w.data, 2, NULL, (float *)base, &p);
// CHECK: .groups = 1, .ocs = 64, .oys = 8, .oxs = 1};
// CHECK-NEXT: huge_conv2d((float *)base, model_conv2d0_w.data, 2, NULL, outputs[0], &p);
// CHECK: static const huge_conv_params p = {
// CHECK-NEXT: .n = 1, .cin = 2, .h = 6, .w = 8, .cout = 2, .oh = 5, .ow = 8,
// CHECK-NEXT: .pt = 0, .pl = 1,
// CHECK-NEXT: .groups = 1, .ocs = 40, .oys = 8, .oxs = 1,
// CHECK-NEXT: .ics = 64};
// CHECK-NEXT: huge_conv2d((inputs[0] + 16), model_conv2d0_w.data, 2, NULL, (float *)base, &p);
// CHECK: huge_conv2d((float *)base, model_conv2d0_w.data, 2, NULL, (outputs[0] + 32), &p);
// Every band was written in place: no copies, no empty blocks.
// CHECK-NOT: {{^  {$}}
// CHECK-NOT: huge_slice
// CHECK-NOT: huge_concat_part
func.func @main(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<2x2x3x3xf32>
  %a = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %b = huge.conv2d %a, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %b : tensor<1x2x8x8xf32>
}
