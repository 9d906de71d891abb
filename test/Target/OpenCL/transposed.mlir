// RUN: huge-compile %s -o %t --name up --target opencl --emit-mlir %t/final.mlir
// RUN: FileCheck %s --input-file=%t/up.cl
// RUN: FileCheck %s --check-prefix=HOST --input-file=%t/up.c
// RUN: FileCheck %s --check-prefix=IR --input-file=%t/final.mlir
// RUN: FileCheck %s --check-prefix=HEADER --input-file=%t/up.h
// RUN: ls %t | FileCheck %s --check-prefix=FILES

// A k4 s2 transposed convolution untangled into four 2x2 phases, run as one
// kernel over a table of the phases' pads, extents and offsets: no zero is
// multiplied, every phase writes straight into its strided output positions
// (column stride 2, row stride 16 = 2 rows of 8; offsets 0, 1, 8, 9), with
// the bias and the relu on the accumulators. The weights stay plain OIHW.
// CHECK-NOT: insert_zeros
// CHECK: __constant int phase_table_0[32] = {
// CHECK-NEXT: 2, 2, 1, 1, 4, 4, 32, 0,
// CHECK-NEXT: 2, 2, 1, 0, 4, 4, 32, 1,
// CHECK-NEXT: 2, 2, 0, 1, 4, 4, 32, 8,
// CHECK-NEXT: 2, 2, 0, 0, 4, 4, 32, 9};
// CHECK: void k0_conv2d(
// CHECK: const int p = get_global_id(2) / 1
// CHECK: for (int ky = 0; ky < 2; ++ky)
// CHECK: for (int kx = 0; kx < 2; ++kx)
// CHECK: acc0 = fma(v, (float8)(wp[t]), acc0);
// CHECK: v = v > 0.0f ? v : 0.0f;
// CHECK: b2[OOFF + (n * 2 + oc0 + 0) * 64 + oy * 16 + (ox0 + 0) * 2] = v;
// CHECK-NOT: __kernel

// The host side: one launch over the weights (slot 1), the input (slot 2)
// and the output (slot 3), four phases in the third dimension; the program
// embedded.
// HOST: static const huge_cl_kernel up_kernels[] = {
// HOST-NEXT: {"k0_conv2d", "huge.conv2d", 3, {1, 2, 3}, 3, {1, 4, 4}, {1, 4, 1}},
// HOST-NEXT: {NULL, NULL, 0, {0}, 0, {0}, {0}}};
// HOST: static const char *const up_source[] = {
// HOST: const huge_cl_model_desc up_cl_desc = {
// HOST: int up_cl_create(cl_context context, cl_device_id device,

// IR: huge.target = #huge.target<"opencl", alignment = 128, channel_block = 0, vector_width = 4, strided_outputs = true, in_place = true, packed_weights = false>
// IR-NOT: huge.packed_conv2d
// IR-COUNT-4: huge.conv2d

// HEADER: #define UP_CL_KERNELS 1
// HEADER: #include "huge_cl_runtime.h"
// HEADER: extern const huge_cl_model_desc up_cl_desc;

// FILES: huge_cl_runtime.c
// FILES: huge_cl_runtime.h
// FILES: up.c
// FILES: up.cl
// FILES: up.h
func.func @main(%x: tensor<1x3x4x4xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.25> : tensor<3x2x4x4xf32>
  %b = huge.constant dense<0.5> : tensor<2xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1, activation = #huge<activation relu>} : (tensor<1x3x4x4xf32>, tensor<3x2x4x4xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}
