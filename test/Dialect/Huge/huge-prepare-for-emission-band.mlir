// RUN: huge-opt %s -huge-tile-fuse="groups=0-2:2" -huge-prepare-for-emission | FileCheck %s

// huge-prepare-for-emission on a tiled band (huge-prepare-for-emission.mlir
// has the untiled cases).
// A tiled band (huge-tile-fuse, two bands of four rows): each band's first
// convolution and relu share one blocked buffer; the second convolution of
// each band writes its rows into the planar result (huge.insert_rows).
// CHECK-LABEL: func.func @main
// CHECK-SAME: huge.arena_size = 2560
// CHECK: huge.conv2d {{.*}}huge.block = 16 : i64, huge.buffer = #huge.buffer<offset = 0, size = 2560, live = [1, 3]>, huge.layout = "nchw16c"
// CHECK-NEXT: huge.relu {{.*}}{huge.buffer = #huge.buffer<offset = 0, size = 2560, live = [1, 3]>, huge.layout = "nchw16c"}
// CHECK-NEXT: huge.conv2d {{.*}}{dilations = array<i64: 1, 1>, groups = 1 : i64, huge.block = 16 : i64, pads
// CHECK: huge.insert_rows {{.*}}row = 0
// CHECK: huge.conv2d {{.*}}huge.block = 16 : i64, huge.buffer = #huge.buffer<offset = 0, size = 2560, live = [7, 9]>, huge.layout = "nchw16c"
// CHECK-NEXT: huge.relu {{.*}}huge.layout = "nchw16c"
// CHECK: huge.insert_rows {{.*}}row = 4
func.func @main(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %w0 = huge.constant dense<0.5> : tensor<16x16x3x3xf32>
  %w1 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
  %a = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  %b = huge.relu %a : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  %c = huge.conv2d %b, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %c : tensor<1x16x8x8xf32>
}
