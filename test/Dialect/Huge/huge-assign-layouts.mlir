// RUN: huge-opt %s -split-input-file -huge-assign-layouts | FileCheck %s

// Blocks: 16 output channels with a long reduction run by channel (block
// 16); 2 output channels by column (block 2). Layouts: %a is written by a
// by-channel convolution and read through relu by another, so its class is
// blocked; %d feeds max pooling, which takes planar tensors; the model's
// input and outputs stay planar.
// CHECK-LABEL: func.func @main
// CHECK: %[[A:.*]] = huge.conv2d %arg0, {{.*}}huge.block = 16 : i64, huge.layout = "nchw16c"
// CHECK-NEXT: huge.relu %[[A]] {huge.layout = "nchw16c"}
// CHECK-NEXT: huge.conv2d {{.*}}huge.block = 16 : i64, pads
// CHECK-NEXT: huge.conv2d %arg0, {{.*}}huge.block = 16 : i64, pads
// CHECK-NEXT: huge.max_pool2d
// CHECK-NOT: huge.layout
// CHECK-NEXT: huge.conv2d %arg0, {{.*}}huge.block = 2 : i64, pads
func.func @main(%x: tensor<1x8x8x8xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x16x4x4xf32>, tensor<1x2x8x8xf32>) {
  %w0 = huge.constant dense<0.5> : tensor<16x8x3x3xf32>
  %w1 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
  %w2 = huge.constant dense<0.125> : tensor<16x8x3x3xf32>
  %w3 = huge.constant dense<0.75> : tensor<2x8x3x3xf32>
  %a = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x8x8xf32>
  %b = huge.relu %a : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  %c = huge.conv2d %b, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  %d = huge.conv2d %x, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x8x8xf32>
  %e = huge.max_pool2d %d {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x16x8x8xf32>) -> tensor<1x16x4x4xf32>
  %f = huge.conv2d %x, %w3 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x8x8xf32>, tensor<2x8x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %c, %e, %f : tensor<1x16x8x8xf32>, tensor<1x16x4x4xf32>, tensor<1x2x8x8xf32>
}

// -----

// A target without a blocked layout (channel_block = 0): blocks only.
// CHECK-LABEL: func.func @main
// CHECK: huge.conv2d {{.*}}huge.block = 16 : i64, pads
// CHECK-NOT: huge.layout
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 0, vector_width = 16, strided_outputs = true, in_place = true>} {
  func.func @main(%x: tensor<1x8x8x8xf32>) -> tensor<1x16x8x8xf32> {
    %w0 = huge.constant dense<0.5> : tensor<16x8x3x3xf32>
    %w1 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
    %a = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x8x8xf32>
    %c = huge.conv2d %a, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
    return %c : tensor<1x16x8x8xf32>
  }
}
