// A plan written in the IR is the plan, but only if it is still the plan of
// that IR: a view or buffer that no longer matches is an error that says
// what to do, never code for a stale plan.
// RUN: huge-opt %s --huge-c-pipeline | sed 's/offset = 17, strides/offset = 18, strides/' | not huge-translate --emit-c 2>&1 | FileCheck %s --check-prefix=VIEW
// VIEW: error: memory plan: expected huge.view with offset 17; run huge-plan-memory again after changing the IR
// RUN: huge-opt %s --huge-c-pipeline | sed 's/huge.view = #huge.view<offset = 1, strides = \[256, 32, 2\]>, //' | not huge-translate --emit-c 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: memory plan: expected huge.view with offset 1; run huge-plan-memory again after changing the IR
// RUN: huge-opt %s --huge-c-pipeline | sed 's/live = \[0, 5\]/live = [0, 4]/' | not huge-translate --emit-c 2>&1 | FileCheck %s --check-prefix=BUFFER
// BUFFER: error: memory plan: expected huge.buffer with size 16384 alive over [0, 5]; run huge-plan-memory again after changing the IR
// RUN: huge-opt %s --huge-c-pipeline | sed 's/huge.one_pass, //' | not huge-translate --emit-c 2>&1 | FileCheck %s --check-prefix=ONEPASS
// ONEPASS: error: memory plan: expected huge.one_pass; run huge-plan-memory again after changing the IR
func.func @main(%x: tensor<1x32x8x8xf32>) -> tensor<1x16x16x16xf32> {
  %w = huge.constant dense<0.5> : tensor<32x16x4x4xf32>
  %b = huge.constant dense<0.1> : tensor<16xf32>
  %y = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, groups = 1} : (tensor<1x32x8x8xf32>, tensor<32x16x4x4xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
  %r = huge.relu %y : (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
  %w2 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
  %z = huge.conv2d %r, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x16x16xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x16x16xf32>
  return %z : tensor<1x16x16x16xf32>
}
