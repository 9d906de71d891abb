// RUN: not huge-translate --emit-c %s -split-input-file 2>&1 | FileCheck %s

// The C emitter refuses targets its runtime does not implement.
// CHECK: error: the C runtime's kernels take vectors of 16 floats; the target says 8
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 16, vector_width = 8, strided_outputs = true, in_place = true>} {
  func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
    %0 = huge.relu %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
    return %0 : tensor<1x4xf32>
  }
}

// -----

// CHECK: error: the C runtime's blocked layout has 16 channels per block; the target says 32
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 32, vector_width = 16, strided_outputs = true, in_place = true>} {
  func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
    %0 = huge.relu %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
    return %0 : tensor<1x4xf32>
  }
}

// -----

// CHECK: error: the C emitter cannot emit code for target 'opencl'
module attributes {huge.target = #huge.target<"opencl", alignment = 64, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = true>} {
  func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
    %0 = huge.relu %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
    return %0 : tensor<1x4xf32>
  }
}
