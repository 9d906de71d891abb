// RUN: huge-opt %s -split-input-file -verify-diagnostics

// The decisions huge-prepare-for-emission records are checked when read.

func.func @block_not_on_conv(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects huge.block to be a positive integer on a huge.conv2d}}
  %0 = huge.relu %x {huge.block = 16 : i64} : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @unknown_layout(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects huge.layout to be "nchw16c"}}
  %0 = huge.relu %x {huge.layout = "nhwc"} : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @channels_not_blocks(%x: tensor<1x12x8x8xf32>) -> tensor<1x12x8x8xf32> {
  // expected-error @+1 {{huge.layout "nchw16c" needs one rank-4 result whose channels are a multiple of the target's channel_block (16)}}
  %0 = huge.relu %x {huge.layout = "nchw16c"} : (tensor<1x12x8x8xf32>) -> tensor<1x12x8x8xf32>
  return %0 : tensor<1x12x8x8xf32>
}

// -----

func.func @one_pass_not_on_interleave(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expects huge.one_pass to be a unit attribute on a huge.interleave}}
  %0 = huge.relu %x {huge.one_pass} : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}
