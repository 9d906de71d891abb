// RUN: huge-translate --emit-c --huge-model-name=net --huge-weight-format=decimal %s -split-input-file | FileCheck %s

// Convolution weights are emitted packed, [g][blocks][kh][kw][cig][blk]. Two
// output channels and a reduction of 2: blocks of the 2 channels, computed
// by column. w[co][0][0][kw] = 1 + kw + 2 co, so for each tap the packed row
// holds channel 0 then channel 1: (1, 3) for kw = 0, (2, 4) for kw = 1.
// CHECK-LABEL: // ---- net.c
// CHECK: static const float net_conv2d0_w[4] = {
// CHECK-NEXT: 1.0f, 3.0f, 2.0f, 4.0f
// CHECK: huge_conv2d(inputs[0], net_conv2d0_w, 2, NULL, outputs[0], &p);
func.func @main(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x3xf32> {
  %w = huge.constant dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]]]> : tensor<2x1x1x2xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x4x4xf32>, tensor<2x1x1x2xf32>) -> tensor<1x2x4x3xf32>
  return %0 : tensor<1x2x4x3xf32>
}

// -----

// Twenty output channels and a reduction of 72: one block of 32 lanes (two
// 16-lane vectors, 12 of them zero), computed by channel. NET_WEIGHT_BYTES
// counts the packed array: 32 x 72 floats.
// CHECK-LABEL: // ---- net.h
// CHECK: #define NET_WEIGHT_BYTES 9216
// CHECK-LABEL: // ---- net.c
// CHECK: static const float net_conv2d0_w[2304] = {
// CHECK: huge_conv2d(inputs[0], net_conv2d0_w, 32, NULL, outputs[0], &p);
func.func @main(%x: tensor<1x8x6x6xf32>) -> tensor<1x20x6x6xf32> {
  %w = huge.constant dense<0.25> : tensor<20x8x3x3xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x6x6xf32>, tensor<20x8x3x3xf32>) -> tensor<1x20x6x6xf32>
  return %0 : tensor<1x20x6x6xf32>
}

// -----

// A dense 1x1 convolution runs over each plane as one long row.
// CHECK-LABEL: // ---- net.c
// CHECK: static const huge_conv_params p = {
// CHECK-NEXT: .n = 1, .cin = 3, .h = 1, .w = 35, .cout = 2, .oh = 1, .ow = 35,
// CHECK-NEXT: .kh = 1, .kw = 1,
// CHECK-NEXT: .groups = 1, .ocs = 35, .oys = 35, .oxs = 1};
func.func @main(%x: tensor<1x3x5x7xf32>) -> tensor<1x2x5x7xf32> {
  %w = huge.constant dense<0.5> : tensor<2x3x1x1xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x3x5x7xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x5x7xf32>
  return %0 : tensor<1x2x5x7xf32>
}
