// RUN: huge-translate --emit-c %s -split-input-file | FileCheck %s

// The memory plan and the emitter read the module's #huge.target instead of
// assuming the C kernels' defaults.

// The target's alignment: buffers are placed on 128-byte boundaries and the
// header asks for a 128-byte aligned arena.
// CHECK: #define MODEL_ARENA_SIZE 256
// CHECK: #define MODEL_ARENA_ALIGN 128
// CHECK: __attribute__((aligned(128)))
// CHECK: huge_sigmoid(inputs[0], (float *)base, 4);
// CHECK: huge_binary(HUGE_ADD, inputs[0], sa, (float *)base, sb, (float *)(base + 128), shape, 2);
module attributes {huge.target = #huge.target<"c", alignment = 128, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = true>} {
  func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
    %0 = huge.sigmoid %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1 = huge.add %x, %0 : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %2 = huge.mul %1, %0 : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    return %2 : tensor<1x4xf32>
  }
}

// -----

// Without in-place element-wise kernels, tanh gets its own buffer instead of
// overwriting sigmoid's.
// CHECK: #define MODEL_ARENA_SIZE
// CHECK: huge_sigmoid(inputs[0], (float *)base, 4);
// CHECK: huge_tanh((float *)base, (float *)(base + 64), 4);
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = false>} {
  func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
    %0 = huge.sigmoid %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1 = huge.tanh %0 : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %2 = huge.relu %1 : (tensor<1x4xf32>) -> tensor<1x4xf32>
    return %2 : tensor<1x4xf32>
  }
}

// -----

// Without strided outputs, each phase is computed on its own and copied into
// the interleaved result.
// CHECK: #define MODEL_ARENA_SIZE
// CHECK-NOT: huge_conv2d_phases
// CHECK-COUNT-2: huge_interleave_copy(
// CHECK-NOT: huge_conv2d_phases
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 16, vector_width = 16, strided_outputs = false, in_place = true>} {
  func.func @main(%x: tensor<1x3x4x4xf32>) -> tensor<1x2x4x8xf32> {
    %w0 = huge.constant dense<0.5> : tensor<2x3x1x2xf32>
    %w1 = huge.constant dense<0.25> : tensor<2x3x1x2xf32>
    %p0 = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 0, 1, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x3x4x4xf32>, tensor<2x3x1x2xf32>) -> tensor<1x2x4x4xf32>
    %p1 = huge.conv2d %x, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x3x4x4xf32>, tensor<2x3x1x2xf32>) -> tensor<1x2x4x4xf32>
    %y = huge.interleave %p0, %p1 {strides = array<i64: 1, 2>, phases = array<i64: 0, 0, 0, 1>} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
    return %y : tensor<1x2x4x8xf32>
  }
}

// -----

// Without a channel-blocked layout, activations between by-channel
// convolutions stay planar (no icb/ocb).
// CHECK: #define MODEL_ARENA_SIZE
// CHECK-NOT: .icb
// CHECK-NOT: .ocb
// CHECK: return 0;
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 0, vector_width = 16, strided_outputs = true, in_place = true>} {
  func.func @main(%x: tensor<1x8x8x8xf32>) -> tensor<1x16x8x8xf32> {
    %w0 = huge.constant dense<0.5> : tensor<16x8x3x3xf32>
    %w1 = huge.constant dense<0.25> : tensor<16x16x3x3xf32>
    %0 = huge.conv2d %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x8x8xf32>
    %1 = huge.conv2d %0, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x16x8x8xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
    return %1 : tensor<1x16x8x8xf32>
  }
}
