// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2c" | FileCheck %s
// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2" | FileCheck %s --check-prefix=RECOMPUTE
// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2c" -huge-plan-memory | FileCheck %s --check-prefix=PLAN

// Two bands of a conv-relu-conv chain. Band 0 computes rows [0, 5) of %a
// (the second conv's rows [0, 4) read one halo row below, through the
// relu). With carrying, band 1 keeps rows [3, 5) of %a from band 0 (cut as
// soon as %a's band exists) and computes only rows [5, 8), from input rows
// [4, 8); the two parts are assembled into one band of 5 rows (the conv
// writes its part in place). The relu has no arithmetic worth carrying: it
// runs again on all 5 rows, in place.
// CHECK-LABEL: func.func @carry
// CHECK-SAME: groups = "0-2:2c"
// CHECK-SAME: macs = 3872
// CHECK: %[[W:.*]] = huge.constant
// CHECK: %[[X0:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>{{.*}} -> tensor<1x2x6x8xf32>
// CHECK-NEXT: %[[A0:.*]] = huge.conv2d %[[X0]], %[[W]] {{.*}} -> tensor<1x2x5x8xf32>
// CHECK-NEXT: %[[K:.*]] = huge.slice %[[A0]] {offsets = array<i64: 0, 0, 3, 0>{{.*}} -> tensor<1x2x2x8xf32>
// CHECK-NEXT: %[[B0:.*]] = huge.relu %[[A0]]
// CHECK-NEXT: %[[C0:.*]] = huge.conv2d %[[B0]], %[[W]] {{{.*}}pads = array<i64: 1, 1, 0, 1>{{.*}} -> tensor<1x2x4x8xf32>
// CHECK: %[[X1:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 4, 0>{{.*}} -> tensor<1x2x4x8xf32>
// CHECK-NEXT: %[[A1:.*]] = huge.conv2d %[[X1]], %[[W]] {{{.*}}pads = array<i64: 0, 1, 1, 1>{{.*}} -> tensor<1x2x3x8xf32>
// CHECK-NEXT: %[[E:.*]] = huge.empty : tensor<1x2x5x8xf32>
// CHECK-NEXT: %[[L:.*]] = huge.insert_rows %[[K]] into %[[E]] {row = 0 : i64}
// CHECK-NEXT: %[[A:.*]] = huge.insert_rows %[[A1]] into %[[L]] {row = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = huge.relu %[[A]] {{.*}} -> tensor<1x2x5x8xf32>
// CHECK-NEXT: huge.conv2d %[[B]], %[[W]] {{{.*}}pads = array<i64: 0, 1, 1, 1>{{.*}} -> tensor<1x2x4x8xf32>

// The kept rows (128 B) live from band 0 to band 1; band 1's conv writes
// its 3 new rows straight into the assembled 5-row band (a view 2 rows in,
// with the band's channel stride of 5 rows).
// PLAN-LABEL: func.func @carry
// PLAN-SAME: huge.arena_size = 448
// PLAN: huge.conv2d {{.*}}#huge.buffer<offset = 0, size = 320, live = [1, 4]>
// PLAN-NEXT: huge.slice {{.*}}#huge.buffer<offset = 320, size = 128, live = [2, 10]>
// PLAN: huge.conv2d {{.*}}#huge.buffer<offset = 0, size = 320, live = [8, 13]>, huge.view = #huge.view<offset = 16, strides = [40, 8, 1]>
// PLAN-NEXT: huge.empty
// PLAN-NEXT: huge.insert_rows
// PLAN-NEXT: huge.insert_rows
// PLAN-NEXT: huge.relu {{.*}}#huge.buffer<offset = 0, size = 320, live = [8, 13]>

// Without, band 1 recomputes rows [3, 5) of %a: 528 more multiply-adds.
// RECOMPUTE-LABEL: func.func @carry
// RECOMPUTE-SAME: groups = "0-2:2"
// RECOMPUTE-SAME: macs = 4400
// RECOMPUTE: huge.slice %arg0 {offsets = array<i64: 0, 0, 2, 0>{{.*}} -> tensor<1x2x6x8xf32>
// RECOMPUTE-NOT: huge.insert_rows {{.*}} -> tensor<1x2x5x8xf32>
func.func @carry(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<2x2x3x3xf32>
  %a = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %b = huge.relu %a : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %c = huge.conv2d %b, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %c : tensor<1x2x8x8xf32>
}
