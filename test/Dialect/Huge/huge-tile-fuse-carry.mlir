// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2c" | FileCheck %s
// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2" | FileCheck %s --check-prefix=RECOMPUTE

// Two bands of a conv-relu-conv chain. Band 0 computes rows [0, 5) of %b
// (the second conv's rows [0, 4) read one halo row below). With carrying,
// band 1 keeps rows [3, 5) of %b from band 0 (cut as soon as %b's band
// exists) and computes only rows [5, 8), from input rows [4, 8); the two
// parts are assembled into one band of 5 rows for the second conv.
// CHECK-LABEL: func.func @carry
// CHECK-SAME: groups = "0-2:2c"
// CHECK-SAME: macs = 3872
// CHECK: %[[W:.*]] = huge.constant
// CHECK: %[[X0:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>{{.*}} -> tensor<1x2x6x8xf32>
// CHECK-NEXT: %[[A0:.*]] = huge.conv2d %[[X0]], %[[W]] {{.*}} -> tensor<1x2x5x8xf32>
// CHECK-NEXT: %[[B0:.*]] = huge.relu %[[A0]]
// CHECK-NEXT: %[[K:.*]] = huge.slice %[[B0]] {offsets = array<i64: 0, 0, 3, 0>{{.*}} -> tensor<1x2x2x8xf32>
// CHECK-NEXT: %[[C0:.*]] = huge.conv2d %[[B0]], %[[W]] {{{.*}}pads = array<i64: 1, 1, 0, 1>{{.*}} -> tensor<1x2x4x8xf32>
// CHECK: %[[X1:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 4, 0>{{.*}} -> tensor<1x2x4x8xf32>
// CHECK-NEXT: %[[A1:.*]] = huge.conv2d %[[X1]], %[[W]] {{{.*}}pads = array<i64: 0, 1, 1, 1>{{.*}} -> tensor<1x2x3x8xf32>
// CHECK-NEXT: %[[B1:.*]] = huge.relu %[[A1]]
// CHECK-NEXT: %[[E:.*]] = huge.empty : tensor<1x2x5x8xf32>
// CHECK-NEXT: %[[L:.*]] = huge.insert_rows %[[K]] into %[[E]] {row = 0 : i64}
// CHECK-NEXT: %[[B:.*]] = huge.insert_rows %[[B1]] into %[[L]] {row = 2 : i64}
// CHECK-NEXT: huge.conv2d %[[B]], %[[W]] {{{.*}}pads = array<i64: 0, 1, 1, 1>{{.*}} -> tensor<1x2x4x8xf32>

// Without, band 1 recomputes rows [3, 5) of %b: 528 more multiply-adds.
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
