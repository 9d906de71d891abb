// RUN: huge-compile %s -o %t --name up --target opencl --emit-mlir %t/final.mlir
// RUN: FileCheck %s --input-file=%t/up.cl
// RUN: FileCheck %s --check-prefix=HOST --input-file=%t/up.c
// RUN: FileCheck %s --check-prefix=IR --input-file=%t/final.mlir
// RUN: FileCheck %s --check-prefix=HEADER --input-file=%t/up.h
// RUN: ls %t | FileCheck %s --check-prefix=FILES

// A k4 s2 transposed convolution untangled into four 2x2 phases, run as one
// kernel that computes eight consecutive pixels of an output row at once:
// lane l belongs to the column phase l % 2, reads the input columns that
// phase's taps need (a window of six around column ox0 / 2 - 1), and meets
// weights repacked with the column phases innermost. No zero is multiplied;
// the row's eight pixels are stored as one vector, after the bias and the
// relu on the accumulators. The row phase picks its top pad from a table.
// CHECK-NOT: insert_zeros
// CHECK: __constant int lane_pads_0[2] = {1, 0};
// CHECK: __kernel __attribute__((reqd_work_group_size(1, 4, 1)))
// CHECK: void k0_conv2d(
// CHECK: const int r = get_global_id(1) / 4, i = get_global_id(1) % 4, oy = i * 2 + r;
// CHECK: const int iy0 = i - lane_pads_0[r];
// CHECK: const int q = ox0 / 2 + (-1);
// CHECK: const __global float *wp = b0 + 32 + r * 48 + oc0 * 24;
// CHECK: for (int ky = 0; ky < 2; ++ky)
// CHECK: if (q >= 0 && q + 5 < 4) {
// CHECK: const float8 v = (float8)(u0, u1, u1, u2, u2, u3, u3, u4);
// CHECK-NEXT: acc0 = fma(v, (float8)(vload2(0, wt + 0), vload2(0, wt + 0), vload2(0, wt + 0), vload2(0, wt + 0)), acc0);
// CHECK: const float8 v = (float8)(u1, u2, u2, u3, u3, u4, u4, u5);
// CHECK: acc0 += (float8)(b0[o2 + (oc0 + 0)]);
// CHECK: { float v = acc0.s7; v = v > 0.0f ? v : 0.0f; acc0.s7 = v; }
// CHECK: if (lanes >= 8) vstore8(acc0, 0, (out + 0));
// CHECK: if (lanes > 6) (out + 0)[6] = acc0.s6;
// CHECK: if (lanes >= 8) vstore8(acc1, 0, (out + 64));
// CHECK-NOT: __kernel

// The host side: the repacked weights (each phase's 24 floats, 96 in all)
// replace the array the phases share; one launch over the weights (slot
// 1), the input (slot 2) and the output (slot 3): one block of eight
// columns by the four rows of each row residue, residue by residue
// (work-groups of one residue); the program embedded.
// HOST: static const huge_cl_weight up_weights[] = {
// HOST-NEXT: {up_conv2d0_b.data, 0, 8},
// HOST-NEXT: {up_conv2d0_w_lanes.data, 128, 384},
// HOST-NEXT: {NULL, 0, 0}};
// HOST: static const huge_cl_kernel up_kernels[] = {
// HOST-NEXT: {"k0_conv2d", "huge.conv2d", 3, {1, 2, 3}, 3, {1, 8, 1}, {1, 4, 1}, 3, 0},
// HOST-NEXT: {NULL, NULL, 0, {0}, 0, {0}, {0}, 0, 0}};
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
