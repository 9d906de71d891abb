// RUN: huge-opt %s -split-input-file -huge-tile-fuse="groups=0-2:2" | FileCheck %s
// RUN: not huge-opt %s -split-input-file -huge-tile-fuse="groups=0-2:4" 2>&1 | FileCheck %s --check-prefix=EMPTY

// Three blocks of rows cannot make four bands.
// EMPTY: error: huge-tile-fuse: groups '0-2:4' cannot be tiled as given: a band would be empty (use fewer tiles)

// A pixel shuffle in a group: its bands are whole blocks of 2 rows (the 3
// blocks of the 6-row result split [0, 2) and [2, 6)), each from its own
// input rows ([0, 1) and [1, 3)).
// CHECK-LABEL: func.func @pixel_shuffle
// CHECK: %[[X0:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>, {{.*}} -> tensor<1x4x1x4xf32>
// CHECK: %[[C0:.*]] = huge.conv2d %[[X0]]{{.*}} -> tensor<1x4x1x4xf32>
// CHECK: %[[D0:.*]] = huge.depth_to_space %[[C0]] {{.*}} -> tensor<1x1x2x8xf32>
// CHECK: %[[S0:.*]] = huge.sigmoid %[[D0]]
// CHECK: %[[I0:.*]] = huge.insert_rows %[[S0]] into %{{.*}} {row = 0 : i64}
// CHECK: %[[X1:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 1, 0>, {{.*}} -> tensor<1x4x2x4xf32>
// CHECK: %[[C1:.*]] = huge.conv2d %[[X1]]{{.*}} -> tensor<1x4x2x4xf32>
// CHECK: %[[D1:.*]] = huge.depth_to_space %[[C1]] {{.*}} -> tensor<1x1x4x8xf32>
// CHECK: %[[S1:.*]] = huge.sigmoid %[[D1]]
// CHECK: huge.insert_rows %[[S1]] into %[[I0]] {row = 2 : i64}
func.func @pixel_shuffle(%x: tensor<1x4x3x4xf32>) -> tensor<1x1x6x8xf32> {
  %w = huge.constant dense<0.5> : tensor<4x4x1x1xf32>
  %a = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x3x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x3x4xf32>
  %d = huge.depth_to_space %a {block_size = 2 : i64, mode = #huge<depth_to_space_mode crd>} : (tensor<1x4x3x4xf32>) -> tensor<1x1x6x8xf32>
  %s = huge.sigmoid %d : (tensor<1x1x6x8xf32>) -> tensor<1x1x6x8xf32>
  return %s : tensor<1x1x6x8xf32>
}
