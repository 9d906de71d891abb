// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2,4-5:2r2" | FileCheck %s
// RUN: not huge-opt %s -huge-tile-fuse="groups=0-2:2,4-5:2" 2>&1 | FileCheck %s --check-prefix=NORECOMPUTE
// RUN: not huge-opt %s -huge-tile-fuse="groups=4-5:2r0" 2>&1 | FileCheck %s --check-prefix=DEPTH

// A skip connection from a layer two above the input (%b = relu(conv(x)))
// to the last group. With recompute depth 2 the last group runs the conv and
// the relu again on each band, from the input's rows, so %b is never whole;
// the first group may then tile %b inside it, since the only user outside,
// the concat, reads the last group's own copy. %d (depth 4) is read whole.
// CHECK-LABEL: func.func @skip
// CHECK-SAME: groups = "0-2:2,4-5:2r2"
// CHECK-SAME: recompute = 2
// First group, band 0 and 1: conv, relu, conv.
// CHECK: huge.slice %arg0
// CHECK-NEXT: huge.conv2d
// CHECK-NEXT: huge.relu
// CHECK-NEXT: huge.conv2d
// CHECK: huge.slice %arg0
// CHECK-NEXT: huge.conv2d
// CHECK-NEXT: huge.relu
// CHECK-NEXT: huge.conv2d
// CHECK: %[[D:.*]] = huge.conv2d {{.*}} -> tensor<1x2x8x8xf32>
// Last group, band 0: input rows [0, 6) give %b rows [0, 5), with %d's.
// CHECK: %[[X0:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 0, 0>{{.*}} -> tensor<1x2x6x8xf32>
// CHECK-NEXT: %[[A0:.*]] = huge.conv2d %[[X0]]
// CHECK-NEXT: %[[B0:.*]] = huge.relu %[[A0]] {{.*}} -> tensor<1x2x5x8xf32>
// CHECK-NEXT: %[[D0:.*]] = huge.slice %[[D]] {offsets = array<i64: 0, 0, 0, 0>{{.*}} -> tensor<1x2x5x8xf32>
// CHECK-NEXT: huge.concat %[[D0]], %[[B0]]
// Band 1: rows [3, 8) of %b from input rows [2, 8).
// CHECK: %[[X1:.*]] = huge.slice %arg0 {offsets = array<i64: 0, 0, 2, 0>{{.*}} -> tensor<1x2x6x8xf32>
// CHECK-NEXT: %[[A1:.*]] = huge.conv2d %[[X1]]
// CHECK-NEXT: %[[B1:.*]] = huge.relu %[[A1]]
// CHECK-NEXT: %[[D1:.*]] = huge.slice %[[D]] {offsets = array<i64: 0, 0, 3, 0>
// CHECK-NEXT: huge.concat %[[D1]], %[[B1]]
// CHECK-NOT: huge.relu
// CHECK: return

// NORECOMPUTE: error: huge-tile-fuse: layers 0-2 cannot form a group (each layer must be tileable and all but the last used only inside the group, or recomputed by a later group)
// DEPTH: error: huge-tile-fuse: cannot parse groups '4-5:2r0'
func.func @skip(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<2x2x3x3xf32>
  %w4 = huge.constant dense<0.25> : tensor<2x4x3x3xf32>
  %a = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %b = huge.relu %a : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %c = huge.conv2d %b, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %d = huge.conv2d %c, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %cat = huge.concat %d, %b {axis = 1 : i64} : (tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) -> tensor<1x4x8x8xf32>
  %o = huge.conv2d %cat, %w4 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<2x4x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %o : tensor<1x2x8x8xf32>
}
