// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2" -huge-prepare-for-emission | FileCheck %s

// huge-prepare-for-emission on a tiled band (huge-prepare-for-emission.mlir
// has the untiled cases).
// A tiled band (huge-tile-fuse, two bands of four rows): each band reads its
// six input rows in place (a huge.view of the input, rows 0-5 then 2-7); its
// first convolution and relu share one blocked buffer; its second
// convolution writes its four rows straight into the planar result (a
// huge.view of the huge.insert_rows, at row 0 then row 4: element 32). The
// two bands read the same packed weights, packed once.
// CHECK-LABEL: func.func @main
// CHECK-SAME: huge.arena_size = 2560
// CHECK: %[[W0:.*]] = huge.constant {{.*}} : tensor<1x1x3x3x16x16xf32>
// CHECK: %[[W1:.*]] = huge.constant {{.*}} : tensor<1x1x3x3x16x16xf32>
// CHECK: huge.slice %arg0 {huge.view = #huge.view<offset = 0, strides = [64, 8, 1]>
// CHECK-NEXT: huge.packed_conv2d %{{.*}}, %[[W0]] {{.*}}huge.buffer = #huge.buffer<offset = 0, size = 2560, live = [1, 3]>, huge.layout = "nchw16c"
// CHECK-NEXT: huge.relu {{.*}}{huge.buffer = #huge.buffer<offset = 0, size = 2560, live = [1, 3]>, huge.layout = "nchw16c"}
// CHECK-NEXT: huge.packed_conv2d %{{.*}}, %[[W1]] {{.*}}huge.view = #huge.view<offset = 0, strides = [64, 8, 1]>, pads
// CHECK: huge.insert_rows {{.*}}row = 0
// CHECK: huge.slice %arg0 {huge.view = #huge.view<offset = 16, strides = [64, 8, 1]>
// CHECK-NEXT: huge.packed_conv2d %{{.*}}, %[[W0]] {{.*}}huge.buffer = #huge.buffer<offset = 0, size = 2560, live = [7, 9]>, huge.layout = "nchw16c"
// CHECK-NEXT: huge.relu {{.*}}huge.layout = "nchw16c"
// CHECK-NEXT: huge.packed_conv2d %{{.*}}, %[[W1]] {{.*}}huge.view = #huge.view<offset = 32, strides = [64, 8, 1]>
// CHECK: huge.insert_rows {{.*}}row = 4
func.func @main(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %w0 = huge.constant dense<0.5> : tensor<16x16x3x3xf32>
  %w1 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
  %a = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  %b = huge.relu %a : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  %c = huge.conv2d %b, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %c : tensor<1x16x8x8xf32>
}
