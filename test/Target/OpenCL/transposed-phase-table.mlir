// RUN: huge-compile %s -o %t --name up --target opencl
// RUN: FileCheck %s --input-file=%t/up.cl
// RUN: FileCheck %s --check-prefix=HOST --input-file=%t/up.c

// A k3 s2 transposed convolution (pad 1, output_padding 1) untangled into
// phases of 1x1, 1x2, 2x1 and 2x2 taps: too unlike for the lane kernel, so
// one kernel runs them over a table of the phases' taps, pads, extents and
// weight and output offsets; every phase writes straight into its strided
// output positions (column stride 2, row stride 16 = 2 rows of 8; offsets
// 0, 1, 8, 9), with the bias and the relu on the accumulators. The weights
// stay the phases' plain OIHW arrays.
// CHECK-NOT: insert_zeros
// CHECK-NOT: lane_pads
// CHECK: __constant int phase_table_0[32] = {
// CHECK-NEXT: 1, 1, 0, 0, 4, 4, 128, 0,
// CHECK-NEXT: 1, 2, 0, 0, 4, 4, 64, 1,
// CHECK-NEXT: 2, 1, 0, 0, 4, 4, 32, 8,
// CHECK-NEXT: 2, 2, 0, 0, 4, 4, 0, 9};
// CHECK: void k0_conv2d(
// CHECK: const int p = get_global_id(2) / 1
// CHECK: const int KH = g[0], KW = g[1];
// With HUGE_CL_LOCAL_TILES (devices with dedicated local memory), the
// work-group first stages its input window, 5 rows by 9 columns of each of
// the 3 channels, zero outside the input (the table's largest taps size
// it), between barriers; inactive work-items only help load.
// CHECK: #ifdef HUGE_CL_LOCAL_TILES
// CHECK-NEXT: const int active = ox0 < OW && oy < OH;
// CHECK-NEXT: #else
// CHECK-NEXT: if (ox0 >= OW || oy >= OH) return;
// CHECK-NEXT: #endif
// CHECK: #ifdef HUGE_CL_LOCAL_TILES
// CHECK-NEXT: __local float tile[135];
// CHECK: const int tx0 = gx * 1 - PL, ty0 = gy * 1 - PT;
// CHECK: tile[e] = iy >= 0 && iy < ih && ix >= 0 && ix < iw ? b1[o0 + (ix) + (iy) * 4 + (cin0 + c0 + c) * 16] : 0.0f;
// CHECK: barrier(CLK_LOCAL_MEM_FENCE);
// CHECK-NEXT: if (active)
// CHECK: if (iy < 0 || iy >= ih) continue;
// CHECK: if (ix + 7 < 0 || ix >= iw) continue;
// CHECK: const float8 v = vload8(0, row + kx * 1);
// CHECK: barrier(CLK_LOCAL_MEM_FENCE);
// CHECK: if (!active) return;
// CHECK-NEXT: #else
// CHECK: for (int ky = 0; ky < KH; ++ky)
// CHECK: for (int kx = 0; kx < KW; ++kx)
// CHECK: acc0 = fma(v, (float8)(wp[t]), acc0);
// CHECK: v = v > 0.0f ? v : 0.0f;
// CHECK: b2[OOFF + (n * 2 + oc0 + 0) * 64 + oy * 16 + (ox0 + 0) * 2] = v;
// CHECK-NOT: __kernel

// HOST: static const huge_cl_weight up_weights[] = {
// HOST-NEXT: {up_conv2d3_phase11_w.data, 0, 96},
// HOST-NEXT: {up_conv2d2_phase10_w.data, 128, 48},
// HOST-NEXT: {up_conv2d1_phase01_w.data, 256, 48},
// HOST-NEXT: {up_conv2d0_b.data, 384, 8},
// HOST-NEXT: {up_conv2d0_phase00_w.data, 512, 24},
// HOST: static const huge_cl_kernel up_kernels[] = {
// HOST-NEXT: {"k0_conv2d", "huge.conv2d", 3, {1, 2, 3}, 3, {1, 4, 4}, {1, 4, 1}, 4, 0},
// The input's extent (4 x 4), then the input's and bias's offsets.
// HOST: static const cl_int up_ints[] = {
// HOST-NEXT: 4, 4, 0, 96, 0};
func.func @main(%x: tensor<1x3x4x4xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.25> : tensor<3x2x3x3xf32>
  %b = huge.constant dense<0.5> : tensor<2xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 1, activation = #huge<activation relu>} : (tensor<1x3x4x4xf32>, tensor<3x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}
