// RUN: huge-opt %s -split-input-file -huge-tile-fuse="groups=0-2:2x2" | FileCheck %s
// RUN: huge-opt %s -split-input-file -huge-tile-fuse="groups=0-2:2x2" -huge-plan-memory | FileCheck %s --check-prefix=PLAN

// A 2-D grid: two bands of rows, each split into two tiles of columns, run
// row by row. Each tile recomputes its halo in both axes: the second conv's
// tile [0, 4) x [0, 4) reads relu rows and columns [0, 5), the first conv's
// input window [0, 6) x [0, 6) (cut from the model input by a copy, since it
// is not a band of whole rows), with the pads kept only at the map's
// borders. insert_rows writes each tile at its row and column.
// CHECK-LABEL: func.func @grid
// CHECK-SAME: groups = "0-2:2x2"
// CHECK-SAME: tiled_groups = [{carry = false, cols = 2 : i64
// CHECK: %[[X0:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>, {{.*}} -> tensor<1x2x6x6xf32>
// CHECK: huge.conv2d %[[X0]], {{.*}}pads = array<i64: 1, 1, 0, 0>{{.*}} -> tensor<1x2x5x5xf32>
// CHECK: %[[T0:.*]] = huge.conv2d {{.*}}pads = array<i64: 1, 1, 0, 0>{{.*}} -> tensor<1x2x4x4xf32>
// CHECK: %[[E:.*]] = huge.empty : tensor<1x2x8x8xf32>
// CHECK: %[[I0:.*]] = huge.insert_rows %[[T0]] into %[[E]] {row = 0 : i64}
// CHECK: huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 2>, {{.*}} -> tensor<1x2x6x6xf32>
// CHECK: huge.conv2d {{.*}}pads = array<i64: 1, 0, 0, 1>{{.*}} -> tensor<1x2x5x5xf32>
// CHECK: %[[T1:.*]] = huge.conv2d {{.*}}pads = array<i64: 1, 0, 0, 1>{{.*}} -> tensor<1x2x4x4xf32>
// CHECK: %[[I1:.*]] = huge.insert_rows %[[T1]] into %[[I0]] {col = 4 : i64, row = 0 : i64}
// CHECK: huge.slice %arg0 {offsets = array<i64: 0, 0, 2, 0>
// CHECK: %[[I2:.*]] = huge.insert_rows {{.*}} into %[[I1]] {row = 4 : i64}
// CHECK: huge.slice %arg0 {offsets = array<i64: 0, 0, 2, 2>
// CHECK: %[[I3:.*]] = huge.insert_rows {{.*}} into %[[I2]] {col = 4 : i64, row = 4 : i64}
// CHECK: return %[[I3]]

// Each tile's last conv writes straight into the output at its row and
// column, with the output's row stride (8); one tile's intermediates are
// alive at a time.
// PLAN-LABEL: func.func @grid
// PLAN-SAME: huge.arena_size = 576
// PLAN: huge.conv2d {{.*}}huge.view = #huge.view<offset = 0, strides = [64, 8, 1]>{{.*}} -> tensor<1x2x4x4xf32>
// PLAN: huge.conv2d {{.*}}huge.view = #huge.view<offset = 4, strides = [64, 8, 1]>{{.*}} -> tensor<1x2x4x4xf32>
// PLAN: huge.conv2d {{.*}}huge.view = #huge.view<offset = 32, strides = [64, 8, 1]>{{.*}} -> tensor<1x2x4x4xf32>
// PLAN: huge.conv2d {{.*}}huge.view = #huge.view<offset = 36, strides = [64, 8, 1]>{{.*}} -> tensor<1x2x4x4xf32>
func.func @grid(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<2x2x3x3xf32>
  %a = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %b = huge.relu %a : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %c = huge.conv2d %b, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %c : tensor<1x2x8x8xf32>
}

// -----

// Phases of a transposed convolution in a 2-D grid: each tile's phases read
// one shared input window, and are written in place at the tile's column
// offset (4) plus their own (0 or 1), every second column of the output.
// CHECK-LABEL: func.func @phases
// CHECK: %[[X:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 2>, {{.*}} -> tensor<1x1x2x2xf32>
// CHECK: %[[A:.*]] = huge.conv2d %[[X]]
// CHECK: %[[B:.*]] = huge.conv2d %[[X]]
// CHECK: %[[Y:.*]] = huge.interleave %[[A]], %[[B]] {phases = array<i64: 0, 0, 0, 1>, strides = array<i64: 1, 2>}{{.*}} -> tensor<1x1x2x4xf32>
// CHECK: huge.insert_rows %[[Y]] into {{.*}} {col = 4 : i64, row = 0 : i64}
// PLAN-LABEL: func.func @phases
// PLAN-SAME: huge.arena_size = 64
// PLAN: huge.conv2d {{.*}}huge.view = #huge.view<offset = 4, strides = [32, 8, 2]>
// PLAN: huge.conv2d {{.*}}huge.view = #huge.view<offset = 5, strides = [32, 8, 2]>
// PLAN: huge.interleave {{.*}}huge.view = #huge.view<offset = 4, strides = [32, 8, 1]>

func.func @phases(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x8xf32> {
  %w = huge.constant dense<1.0> : tensor<1x1x1x1xf32>
  %p0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x4x4xf32>
  %p1 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x4x4xf32>
  %y = huge.interleave %p0, %p1 {phases = array<i64: 0, 0, 0, 1>, strides = array<i64: 1, 2>} : (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x4x8xf32>
  return %y : tensor<1x1x4x8xf32>
}
