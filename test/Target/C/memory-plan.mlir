// RUN: huge-compile %s -o %t --name plan --report %t/report.json
// RUN: FileCheck %s --input-file=%t/plan.c
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t/report.json

// The emitted code follows the plan written by huge-plan-memory (see
// test/Dialect/Huge/huge-plan-memory.mlir): the relu and the sigmoid run as
// one chain into the arena, the reshapes are free, the add writes the output.
// CHECK: static const huge_step steps[] = {HUGE_STEP_RELU, HUGE_STEP_SIGMOID};
// CHECK: huge_chain(inputs[0], (float *)base, 1024, steps, 2, NULL);
// CHECK: huge_tanh((float *)base, (float *)(base + 4096), 1024);
// CHECK: huge_binary(HUGE_ADD, (float *)(base + 4096), sa, (float *)base, sb, outputs[0], shape, 2);
// REPORT: "arena_bytes": 8192
// REPORT: "arena_lower_bound_bytes": 8192
func.func @main(%x: tensor<1x4x16x16xf32>) -> tensor<4x256xf32> {
  %a = huge.relu %x : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %b = huge.sigmoid %a : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %c = huge.tanh %b : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %r = huge.reshape %c : (tensor<1x4x16x16xf32>) -> tensor<4x256xf32>
  %rb = huge.reshape %b : (tensor<1x4x16x16xf32>) -> tensor<4x256xf32>
  %d = huge.add %r, %rb : (tensor<4x256xf32>, tensor<4x256xf32>) -> tensor<4x256xf32>
  return %d : tensor<4x256xf32>
}
