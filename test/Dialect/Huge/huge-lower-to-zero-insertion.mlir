// RUN: huge-opt %s -huge-lower-to-zero-insertion -split-input-file | FileCheck %s

// k4 s2 p1: insert zeros (4 -> 7), then a stride-1 conv with pads
// k-1-p = 2 (and 2 + output_padding at the end) gives 7 + 4 - 4 + 1 = 8.
// The kernel is flipped (and for several channels, its channel axes swap).
// CHECK-LABEL: func.func @transposed
// CHECK-DAG: %[[W:.*]] = huge.constant dense<{{\[\[\[\[}}1.600000e+01, 1.500000e+01, 1.400000e+01, 1.300000e+01], [1.200000e+01, {{.*}}, [4.000000e+00, 3.000000e+00, 2.000000e+00, 1.000000e+00]]]]> : tensor<1x1x4x4xf32>
// CHECK-DAG: %[[Z:.*]] = huge.insert_zeros %arg0 {strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x7x7xf32>
// CHECK: huge.conv2d %[[Z]], %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x1x7x7xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x8x8xf32>
func.func @transposed(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x8x8xf32> {
  %w = huge.constant dense<[[[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]]]> : tensor<1x1x4x4xf32>
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}

// -----

// Channels: weight [Ci=2, Co=3, k, k] becomes [3, 2, k, k]; output_padding 1
// pads one more at the end; pads beyond the kernel's reach crop (negative).
// CHECK-LABEL: func.func @channels_and_crop
// CHECK: huge.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: -1, -1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xf32>, tensor<3x2x2x2xf32>) -> tensor<1x3x3x3xf32>
func.func @channels_and_crop(%x: tensor<1x2x3x3xf32>) -> tensor<1x3x3x3xf32> {
  %w = huge.constant dense<1.0> : tensor<2x3x2x2xf32>
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>, output_padding = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x3x3xf32>, tensor<2x3x2x2xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

// -----

// Dilation 2 becomes a 5x5 kernel with zeros between the 3x3 taps.
// CHECK-LABEL: func.func @dilated
// CHECK: %[[W:.*]] = huge.constant dense<{{\[\[\[\[}}1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00
// CHECK: huge.conv2d %arg0, %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x1x8x8xf32>, tensor<1x1x5x5xf32>) -> tensor<1x1x8x8xf32>
func.func @dilated(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %w = huge.constant dense<1.0> : tensor<1x1x3x3xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>, groups = 1} : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}
