// RUN: huge-compile %s -o %t --name res
// RUN: FileCheck %s --input-file=%t/res.c
// RUN: huge-compile %s -o %t/budget --name res --memory-budget 1KiB
// RUN: FileCheck %s --check-prefix=BUDGET --input-file=%t/budget/res.c

// relu(conv(x) + x) is one kernel call: the residual is read from the input
// and added before the relu, with no add or relu pass after it. Under a
// memory budget the add stays a layer the tiler can band.
// CHECK: .act = HUGE_ACT_RELU
// CHECK: huge_conv2d_residual(inputs[0], {{.*}}, inputs[0], outputs[0], &p);
// CHECK-NOT: huge_binary
// CHECK-NOT: huge_relu
// BUDGET: huge_binary(HUGE_ADD
func.func @main(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %w = huge.constant dense<0.25> : tensor<4x4x3x3xf32>
  %b = huge.constant dense<0.5> : tensor<4xf32>
  %0 = huge.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %1 = huge.add %0, %x : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %2 = huge.relu %1 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %2 : tensor<1x4x8x8xf32>
}
