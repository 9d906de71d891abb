// RUN: huge-opt %s -split-input-file -huge-tile-fuse="groups=0-3:2" | FileCheck %s
// RUN: huge-opt %s -split-input-file -huge-tile-fuse="groups=0-3:2" -huge-plan-memory | FileCheck %s --check-prefix=PLAN

// ASPP's image-pooling branch in a group: the global pool reads the input
// whole and runs once before the bands; the resize broadcasting its one row
// computes the band's rows of the whole resize (row_band: input rows [0, 1)
// of 1, result rows [0, 2) then [2, 4) of 4); the concatenation and the
// convolution reading it are banded.
// CHECK-LABEL: func.func @image_pooling
// CHECK: %[[P:.*]] = huge.global_avg_pool %arg0
// CHECK: %[[R0:.*]] = huge.resize %[[P]] {{{.*}}row_band = array<i64: 0, 1, 0, 4>, scales = array<f64: 4.000000e+00, 4.000000e+00>} : (tensor<1x2x1x1xf32>) -> tensor<1x2x2x4xf32>
// CHECK: %[[X0:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>, {{.*}} -> tensor<1x2x2x4xf32>
// CHECK: %[[K0:.*]] = huge.concat %[[R0]], %[[X0]] {axis = 1 : i64} {{.*}} -> tensor<1x4x2x4xf32>
// CHECK: huge.conv2d %[[K0]]{{.*}} -> tensor<1x2x2x4xf32>
// CHECK: huge.insert_rows
// CHECK: %[[R1:.*]] = huge.resize %[[P]] {{{.*}}row_band = array<i64: 0, 1, 2, 4>{{.*}} -> tensor<1x2x2x4xf32>
// CHECK: huge.insert_rows
// CHECK-NOT: huge.global_avg_pool
// The pooled vector (64-byte aligned) stays alive across both bands: from
// step 0 to the second band's resize (step 7).
// PLAN-LABEL: func.func @image_pooling
// PLAN: huge.global_avg_pool {{.*}}#huge.buffer<offset = {{[0-9]+}}, size = 64, live = [0, 7]>
func.func @image_pooling(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = huge.constant dense<0.5> : tensor<2x4x1x1xf32>
  %p = huge.global_avg_pool %x : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  %r = huge.resize %p {scales = array<f64: 4.0, 4.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode round_prefer_floor>} : (tensor<1x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %c = huge.concat %r, %x {axis = 1} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x4x4x4xf32>
  %y = huge.conv2d %c, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// A bilinear x2 upsampling in bands: result rows [0, 4) read input rows
// [0, 3) (half_pixel: row 3 has source 1.25, taps 1 and 2), rows [4, 8)
// read [1, 4) (row 4: source 1.75); the conv before computes those rows.
// CHECK-LABEL: func.func @bilinear
// CHECK: %[[C0:.*]] = huge.conv2d {{.*}} -> tensor<1x2x3x4xf32>
// CHECK: huge.resize %[[C0]] {{{.*}}row_band = array<i64: 0, 4, 0, 8>{{.*}} : (tensor<1x2x3x4xf32>) -> tensor<1x2x4x8xf32>
// CHECK: %[[C1:.*]] = huge.conv2d {{.*}} -> tensor<1x2x3x4xf32>
// CHECK: huge.resize %[[C1]] {{{.*}}row_band = array<i64: 1, 4, 4, 8>{{.*}} : (tensor<1x2x3x4xf32>) -> tensor<1x2x4x8xf32>
func.func @bilinear(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<2x2x1x1xf32>
  %c = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r = huge.resize %c {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode round_prefer_floor>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  %s = huge.sigmoid %r : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %t = huge.tanh %s : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  return %t : tensor<1x2x8x8xf32>
}

// -----

// The group's result is the resize: each band is written straight into the
// assembled result (huge.view: its planes 64 elements apart, the band's first
// row at element 0, then 32), no copy.
// CHECK-LABEL: func.func @upsample_last
// PLAN-LABEL: func.func @upsample_last
// PLAN: huge.resize {{.*}}huge.view = #huge.view<offset = 0, strides = [64, 8, 1]>{{.*}} -> tensor<1x2x4x8xf32>
// PLAN: huge.resize {{.*}}huge.view = #huge.view<offset = 32, strides = [64, 8, 1]>{{.*}} -> tensor<1x2x4x8xf32>
func.func @upsample_last(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<2x2x1x1xf32>
  %c = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %s = huge.sigmoid %c : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %t = huge.tanh %s : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %r = huge.resize %t {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode round_prefer_floor>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  %u = huge.relu %r : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  return %u : tensor<1x2x8x8xf32>
}
