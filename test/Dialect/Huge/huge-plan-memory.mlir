// RUN: huge-opt %s -huge-plan-memory -split-input-file | FileCheck %s

// Steps count the non-constant ops (the return included). Buffers:
//   %a relu      4096 B  [0, 4096)     live [0, 5]  (shared with %b, in place)
//   %b sigmoid   overwrites %a: %a dies at step 1
//   %c tanh      4096 B  [4096, 8192)  live [2, 5]  (%a/%b still alive)
//   %r, %rb      reshapes alias %c and %b
//   %d add       the output: outputs[0], no arena
// CHECK-LABEL: func.func @chain
// CHECK-SAME: huge.arena_size = 8192
// CHECK: huge.relu %arg0 {huge.buffer = #huge.buffer<offset = 0, size = 4096, live = [0, 5]>}
// CHECK: huge.sigmoid %{{.*}} {huge.buffer = #huge.buffer<offset = 0, size = 4096, live = [0, 5]>}
// CHECK: huge.tanh %{{.*}} {huge.buffer = #huge.buffer<offset = 4096, size = 4096, live = [2, 5]>}
// CHECK: huge.reshape %{{.*}} {huge.buffer = #huge.buffer<offset = 4096, size = 4096, live = [2, 5]>}
// CHECK: huge.reshape %{{.*}} {huge.buffer = #huge.buffer<offset = 0, size = 4096, live = [0, 5]>}
// CHECK: huge.add
// CHECK-NOT: huge.buffer
func.func @chain(%x: tensor<1x4x16x16xf32>) -> tensor<4x256xf32> {
  %a = huge.relu %x : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %b = huge.sigmoid %a : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %c = huge.tanh %b : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %r = huge.reshape %c : (tensor<1x4x16x16xf32>) -> tensor<4x256xf32>
  %rb = huge.reshape %b : (tensor<1x4x16x16xf32>) -> tensor<4x256xf32>
  %d = huge.add %r, %rb : (tensor<4x256xf32>, tensor<4x256xf32>) -> tensor<4x256xf32>
  return %d : tensor<4x256xf32>
}

// -----

// Reuse across a U-shaped lifetime pattern: %s (skip) stays alive while two
// short-lived buffers take turns in the remaining space.
//   %s   1x8x8x8  2048 B  live [0, 3]
//   %t   1x8x8x8  2048 B  live [1, 2]   (no in place: %s lives on)
//   %u   (tanh %t: %t dies here) in place into %t's buffer
//   %v   add %u, %s -> output
// CHECK-LABEL: func.func @skip
// CHECK-SAME: huge.arena_size = 4096
// CHECK: huge.relu {{.*}}#huge.buffer<offset = 0, size = 2048, live = [0, 3]>
// CHECK: huge.sigmoid {{.*}}#huge.buffer<offset = 2048, size = 2048, live = [1, 3]>
// CHECK: huge.tanh {{.*}}#huge.buffer<offset = 2048, size = 2048, live = [1, 3]>
func.func @skip(%x: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %s = huge.relu %x : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %t = huge.sigmoid %s : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %u = huge.tanh %t : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %v = huge.add %u, %s : (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %v : tensor<1x8x8x8xf32>
}

// -----

// A slice of whole channel planes (how ShuffleNet's channel split exports)
// is read where it lies: #huge.view at channel 2 (element 2 * 64) of %a's
// buffer, which stays alive until the concat reads it; the concat copies
// it (it is not a view of the concat). A strided slice is copied, here
// into the caller's output.
// CHECK-LABEL: func.func @channel_split
// CHECK: %[[A:.*]] = huge.relu %arg0 {huge.buffer = #huge.buffer<offset = 0, size = 1024, live = [0, 4]>}
// CHECK-NEXT: huge.slice %[[A]] {huge.buffer = #huge.buffer<offset = 0, size = 1024, live = [0, 4]>, huge.view = #huge.view<offset = 0, strides = [64, 8, 1]>
// CHECK-NEXT: huge.slice %[[A]] {huge.buffer = #huge.buffer<offset = 0, size = 1024, live = [0, 4]>, huge.view = #huge.view<offset = 128, strides = [64, 8, 1]>
// CHECK-NEXT: huge.slice %[[A]] {offsets = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 2, 1, 1>}
func.func @channel_split(%x: tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x2x8x8xf32>) {
  %a = huge.relu %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %l = huge.slice %a {offsets = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x2x8x8xf32>
  %r = huge.slice %a {offsets = array<i64: 0, 2, 0, 0>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x2x8x8xf32>
  %e = huge.slice %a {offsets = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 2, 1, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x2x8x8xf32>
  %c = huge.concat %r, %l {axis = 1} : (tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %c, %e : tensor<1x4x8x8xf32>, tensor<1x2x8x8xf32>
}
