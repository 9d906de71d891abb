// RUN: huge-opt %s -split-input-file -huge-tile-fuse="groups=0-2:2" | FileCheck %s
// RUN: huge-opt %s -split-input-file -huge-tile-fuse="groups=0-2:2" -huge-plan-memory | FileCheck %s --check-prefix=PLAN
// RUN: huge-opt %s -split-input-file -huge-tile-fuse="memory-budget=400" -huge-plan-memory | FileCheck %s --check-prefix=BUDGET
// RUN: not huge-opt %s -split-input-file -huge-tile-fuse="memory-budget=150" 2>&1 | FileCheck %s --check-prefix=SMALL

// Two bands of the pooled output (rows [0, 2) and [2, 4)). Band 0 needs conv
// rows [0, 4), hence input rows [0, 5) with the top pad kept and no bottom
// pad; band 1 needs conv rows [4, 8), input rows [3, 8): no top pad, the
// bottom one kept. The pool reads its band exactly, so its pads are as
// before. Each band is written into one buffer by insert_rows.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: huge.tiling = {{.*}}groups = "0-2:2"{{.*}}untiled_arena = 512
// CHECK: %[[W:.*]] = huge.constant
// CHECK: %[[X0:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>, {{.*}} -> tensor<1x2x5x8xf32>
// CHECK: %[[C0:.*]] = huge.conv2d %[[X0]], %[[W]] {{{.*}}pads = array<i64: 1, 1, 0, 1>{{.*}} -> tensor<1x2x4x8xf32>
// CHECK: %[[R0:.*]] = huge.relu %[[C0]]
// CHECK: %[[P0:.*]] = huge.max_pool2d %[[R0]] {{{.*}}pads = array<i64: 0, 0, 0, 1>{{.*}} -> tensor<1x2x2x8xf32>
// CHECK: %[[E:.*]] = huge.empty : tensor<1x2x4x8xf32>
// CHECK: %[[I0:.*]] = huge.insert_rows %[[P0]] into %[[E]] {row = 0 : i64}
// CHECK: %[[X1:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 3, 0>, {{.*}} -> tensor<1x2x5x8xf32>
// CHECK: %[[C1:.*]] = huge.conv2d %[[X1]], %[[W]] {{{.*}}pads = array<i64: 0, 1, 1, 1>
// CHECK: %[[R1:.*]] = huge.relu %[[C1]]
// CHECK: %[[P1:.*]] = huge.max_pool2d %[[R1]]
// CHECK: %[[I1:.*]] = huge.insert_rows %[[P1]] into %[[I0]] {row = 2 : i64}
// CHECK: return %[[I1]]

// The insert chain is the output: no arena for it. The input bands are read
// in place by the convolutions (no buffer); per band: conv and relu in
// place (256 B), the pooled band (128 B).
// PLAN-LABEL: func.func @chain
// PLAN-SAME: huge.arena_size = 384
// PLAN: huge.slice
// PLAN-NOT: huge.buffer
// PLAN: huge.conv2d {{.*}}#huge.buffer<offset = 0, size = 256, live = [1, 3]>
// PLAN: huge.relu {{.*}}#huge.buffer<offset = 0, size = 256, live = [1, 3]>
// PLAN: huge.max_pool2d {{.*}}#huge.buffer<offset = 256, size = 128, live = [3, 5]>
// PLAN: huge.empty
// PLAN-NOT: huge.buffer
// PLAN: huge.insert_rows
// PLAN-NOT: huge.buffer
// PLAN: huge.slice

// A budget below the untiled arena (512) makes the search tile; the
// smallest arena it reaches is 4 bands of one pooled row: the conv band
// (128 B) and the pooled row (64 B).
// BUDGET-LABEL: func.func @chain
// BUDGET-SAME: huge.arena_size = 384 : i64
// BUDGET-SAME: budget = 400
// BUDGET-SAME: groups = "0-2:2c"
// BUDGET: huge.insert_rows
// SMALL: error: memory budget of 150 bytes is infeasible: the smallest arena huge-tile-fuse finds for this model is 192 bytes (untiled: 512 bytes)
func.func @chain(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x4x8xf32> {
  %w = huge.constant dense<0.5> : tensor<2x2x3x3xf32>
  %a = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %b = huge.relu %a : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %c = huge.max_pool2d %b {kernel = array<i64: 2, 2>, strides = array<i64: 2, 1>, pads = array<i64: 0, 0, 0, 1>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x8xf32>
  return %c : tensor<1x2x4x8xf32>
}

// -----

// Two users of one band with different halos: the conv phases of an
// interleave read one shared input band (the union of their rows) through
// their own pads, negative where a phase skips rows of the band.
// CHECK-LABEL: func.func @phases
// CHECK: %[[IN:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>, {{.*}} -> tensor<1x1x5x4xf32>
// CHECK: huge.conv2d %[[IN]], %{{.*}} {{{.*}}pads = array<i64: 1, 0, -1, 0>{{.*}} -> tensor<1x1x4x4xf32>
// CHECK: huge.conv2d %[[IN]], %{{.*}} {{{.*}}pads = array<i64: 0, 0, 0, 0>{{.*}} -> tensor<1x1x4x4xf32>
// CHECK: huge.interleave {{.*}}phases = array<i64: 0, 0, 1, 0>{{.*}} -> tensor<1x1x8x4xf32>
// CHECK: %[[IN1:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 3, 0>, {{.*}} -> tensor<1x1x5x4xf32>
// CHECK: huge.conv2d %[[IN1]], %{{.*}} {{{.*}}pads = array<i64: 0, 0, 0, 0>
// CHECK: huge.conv2d %[[IN1]], %{{.*}} {{{.*}}pads = array<i64: -1, 0, 1, 0>
func.func @phases(%x: tensor<1x1x8x4xf32>) -> tensor<1x1x16x4xf32> {
  %w = huge.constant dense<1.0> : tensor<1x1x2x1xf32>
  %e = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x1x8x4xf32>, tensor<1x1x2x1xf32>) -> tensor<1x1x8x4xf32>
  %o = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 1, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x1x8x4xf32>, tensor<1x1x2x1xf32>) -> tensor<1x1x8x4xf32>
  %y = huge.interleave %e, %o {strides = array<i64: 2, 1>, phases = array<i64: 0, 0, 1, 0>} : (tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>) -> tensor<1x1x16x4xf32>
  return %y : tensor<1x1x16x4xf32>
}
