// RUN: huge-opt %s -huge-c-pipeline -split-input-file | FileCheck %s
// RUN: huge-opt %s -huge-c-pipeline="untangle=none" -split-input-file | FileCheck %s --check-prefix=NONE
// RUN: huge-opt %s -huge-c-pipeline="untangle=split" -split-input-file | FileCheck %s --check-prefix=SPLIT
// RUN: huge-opt %s -huge-c-pipeline="target=opencl" -split-input-file | FileCheck %s --check-prefix=OPENCL

// The whole pre-emission pipeline on a deconvolution + batch norm + relu:
// batch norm folds into the weights, relu fuses, the layer untangles, the
// phases' weights are packed (8 input channels: 32 products per output, too
// many for output order).
// CHECK-LABEL: func.func @deconv_bn_relu
// CHECK-COUNT-4: huge.packed_conv2d {{.*}}activation = #huge<activation relu>
// CHECK: huge.interleave
// CHECK-NOT: huge.batch_norm
// CHECK-NOT: huge.relu
// NONE: huge.insert_zeros
// NONE: huge.packed_conv2d {{.*}}activation = #huge<activation relu>
// SPLIT: huge.packed_conv2d {{.*}}activation = #huge<activation relu>{{.*}} -> tensor<1x8x5x5xf32>
// SPLIT: huge.depth_to_space
// SPLIT: huge.slice
func.func @deconv_bn_relu(%x: tensor<1x8x4x4xf32>) -> tensor<1x2x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<8x2x4x4xf32>
  %p = huge.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x4x4xf32>, tensor<8x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  %1 = huge.batch_norm %0, %p, %p, %p, %p {epsilon = 1.0e-5 : f32} : (tensor<1x2x8x8xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32>
  %2 = huge.relu %1 : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  return %2 : tensor<1x2x8x8xf32>
}

// -----

// One input channel to many: 1 product per output, computed in output order
// on the c target (weights [Cout, Cin, kh, ceil(kw/sw), 16], the output
// padding folded into the trailing pads); split mode and the OpenCL target
// (no such kernel) keep their forms.
// CHECK-LABEL: func.func @few_products
// CHECK: huge.conv_transpose_rows %arg0, %{{.*}}, %{{.*}} {activation = #huge<activation relu>, groups = 1 : i64, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, -1, -1>, strides = array<i64: 2, 2>} : (tensor<1x1x6x6xf32>, tensor<32x1x2x1x16xf32>, tensor<32xf32>) -> tensor<1x32x13x13xf32>
// CHECK-NOT: huge.interleave
// SPLIT-LABEL: func.func @few_products
// SPLIT: huge.depth_to_space
// OPENCL-LABEL: func.func @few_products
// OPENCL-COUNT-4: huge.conv2d
// OPENCL: huge.interleave
func.func @few_products(%x: tensor<1x1x6x6xf32>) -> tensor<1x32x13x13xf32> {
  %w = huge.constant dense<0.25> : tensor<1x32x2x2xf32>
  %b = huge.constant dense<0.5> : tensor<32xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x6x6xf32>, tensor<1x32x2x2xf32>, tensor<32xf32>) -> tensor<1x32x13x13xf32>
  %1 = huge.relu %0 : (tensor<1x32x13x13xf32>) -> tensor<1x32x13x13xf32>
  return %1 : tensor<1x32x13x13xf32>
}

// -----

// A dilated convolution: the default mode keeps it whole for the C kernel,
// which takes dilated taps natively, split mode runs the polyphase
// sub-convolutions, none inserts zeros into the kernel.
// CHECK-LABEL: func.func @dilated
// CHECK: huge.packed_conv2d %arg0, %{{.*}} {dilations = array<i64: 2, 2>
// CHECK-NOT: huge.interleave
// NONE-LABEL: func.func @dilated
// NONE: huge.packed_conv2d %arg0, %{{.*}} {dilations = array<i64: 1, 1>{{.*}} : (tensor<1x4x16x16xf32>, tensor<1x1x5x5x4x8xf32>)
// SPLIT-LABEL: func.func @dilated
// SPLIT-COUNT-4: huge.slice
// SPLIT: huge.interleave
func.func @dilated(%x: tensor<1x4x16x16xf32>) -> tensor<1x8x16x16xf32> {
  %w = huge.constant dense<1.0> : tensor<8x4x3x3xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>, groups = 1} : (tensor<1x4x16x16xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}
