// RUN: huge-opt %s -split-input-file -huge-untangle-transposed-conv -huge-pack-grouped-conv -huge-prepare-for-emission | FileCheck %s

// huge-prepare-for-emission records in the IR what the printers read: the
// arena plan (huge.arena_size, #huge.buffer), the results stored inside
// another tensor's buffer (#huge.view: offset and strides in elements),
// the layout of each activation (huge.layout), and each convolution's
// weights packed in the block chosen for it (huge.packed_conv2d over
// [groups, blocks, kh, kw, Cin/groups, block]).

// A DCGAN layer (transposed 4x4, stride 2) feeding a convolution: four phase
// convolutions with their leader's block of 16 channels (2x2 sub-kernels
// packed as [1, 1, 2, 2, 32, 16]), each written in
// place into the interleaved 16x16 tensor's buffer (the same #huge.buffer)
// at its own offset (rows 0/1, columns 0/1: elements 0, 1, 16, 17) with
// strides of two rows and two columns, all of it channel-blocked because
// only by-channel convolutions write and read it.
// CHECK-LABEL: func.func @main
// CHECK-SAME: huge.arena_size = 16384
// CHECK-NOT: huge.conv2d
// CHECK: %[[W:.*]] = huge.constant {{.*}} : tensor<1x1x2x2x32x16xf32>
// CHECK: huge.packed_conv2d %arg0, %[[W]], {{.*}}huge.buffer = #huge.buffer<offset = 0, size = 16384, live = [0, 5]>, huge.layout = "nchw16c", huge.view = #huge.view<offset = 0, strides = [256, 32, 2]>{{.*}}tensor<1x1x2x2x32x16xf32>
// CHECK-NEXT: huge.packed_conv2d %arg0, {{.*}}huge.layout = "nchw16c", huge.view = #huge.view<offset = 1, strides = [256, 32, 2]>{{.*}}tensor<1x1x2x2x32x16xf32>
// CHECK-NEXT: huge.packed_conv2d %arg0, {{.*}}huge.layout = "nchw16c", huge.view = #huge.view<offset = 16, strides = [256, 32, 2]>{{.*}}tensor<1x1x2x2x32x16xf32>
// CHECK-NEXT: huge.packed_conv2d %arg0, {{.*}}huge.layout = "nchw16c", huge.view = #huge.view<offset = 17, strides = [256, 32, 2]>{{.*}}tensor<1x1x2x2x32x16xf32>
// The four phases are computed in one pass over the input (huge.one_pass).
// CHECK: huge.interleave {{.*}}huge.buffer = #huge.buffer<offset = 0, size = 16384, live = [0, 5]>, huge.layout = "nchw16c", huge.one_pass
// The last convolution writes the model's output: planar.
// CHECK: huge.packed_conv2d {{.*}}groups = 1 : i64, pads{{.*}}tensor<1x1x3x3x16x16xf32>
// CHECK-NOT: huge.layout
// CHECK: return
func.func @main(%x: tensor<1x32x8x8xf32>) -> tensor<1x16x16x16xf32> {
  %w = huge.constant dense<0.5> : tensor<32x16x4x4xf32>
  %b = huge.constant dense<0.1> : tensor<16xf32>
  %y = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, groups = 1} : (tensor<1x32x8x8xf32>, tensor<32x16x4x4xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
  %w2 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
  %z = huge.conv2d %y, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x16x16xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x16x16xf32>
  return %z : tensor<1x16x16x16xf32>
}

// -----

// A pix2pix skip connection: the concatenation of whole blocks is
// layout-agnostic, so %a, %b and the concatenation form one class, blocked.
// CHECK-LABEL: func.func @main
// CHECK: %[[A:.*]] = huge.packed_conv2d %arg0, {{.*}}huge.buffer = {{.*}}, huge.layout = "nchw16c"{{.*}}tensor<1x1x3x3x16x16xf32>
// CHECK: %[[B:.*]] = huge.packed_conv2d %[[A]], {{.*}}huge.buffer = {{.*}}, huge.layout = "nchw16c"{{.*}}tensor<1x1x3x3x16x16xf32>
// CHECK: huge.concat %[[A]], %[[B]] {axis = 1 : i64, huge.buffer = {{.*}}, huge.layout = "nchw16c"}
func.func @main(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %w0 = huge.constant dense<0.5> : tensor<16x16x3x3xf32>
  %w1 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
  %w2 = huge.constant dense<0.125> : tensor<16x32x3x3xf32>
  %a = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  %b = huge.conv2d %a, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  %c = huge.concat %a, %b {axis = 1} : (tensor<1x16x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x32x8x8xf32>
  %d = huge.conv2d %c, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x32x8x8xf32>, tensor<16x32x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %d : tensor<1x16x8x8xf32>
}

// -----

// A grouped convolution, packed by huge-pack-grouped-conv: its weights are
// [groups][blocks][kh][kw][Cin/g][block] in the IR, and it reads and writes
// planar tensors (no layout).
// CHECK-LABEL: func.func @main
// CHECK: huge.packed_conv2d {{.*}} : (tensor<1x16x8x8xf32>, tensor<4x1x3x3x4x8xf32>) -> tensor<1x32x8x8xf32>
// CHECK-NOT: huge.layout
// CHECK: return
func.func @main(%x: tensor<1x16x8x8xf32>) -> tensor<1x32x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<32x4x3x3xf32>
  %y = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 4} : (tensor<1x16x8x8xf32>, tensor<32x4x3x3xf32>) -> tensor<1x32x8x8xf32>
  return %y : tensor<1x32x8x8xf32>
}

// A tiled band: huge-prepare-for-emission-band.mlir.
