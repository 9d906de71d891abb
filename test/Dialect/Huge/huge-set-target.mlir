// RUN: huge-opt %s -huge-set-target | FileCheck %s
// RUN: huge-opt %s -huge-c-pipeline="target=c" | FileCheck %s
// RUN: not huge-opt %s -huge-set-target="target=vax" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: huge-opt %s -huge-set-target="target=neon" | FileCheck %s --check-prefix=NEON

// The module records the backend; every pass after it reads this instead of
// assuming the C kernels.
// CHECK: module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = true>}
// UNKNOWN: error: unknown target 'vax'; available: c, neon, opencl
// NEON: module attributes {huge.target = #huge.target<"neon", alignment = 64, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = true>}
func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = huge.relu %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}
