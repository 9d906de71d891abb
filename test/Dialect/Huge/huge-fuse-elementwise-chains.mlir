// RUN: huge-opt %s -huge-fuse-elementwise-chains -split-input-file | FileCheck %s

// GELU as PyTorch exports it: the run reads x twice (the erf path and the
// product), so x is the chain's input and the product a step with it.
// CHECK-LABEL: func.func @gelu
// CHECK: %[[G:.*]] = huge.chain %arg0 {params = array<f32: 1.41421354, 1.000000e+00, 5.000000e-01>, steps = [#huge<step div>, #huge<step erf>, #huge<step add>, #huge<step mul_input>, #huge<step mul>]}
// CHECK-NOT: huge.unary
// CHECK-NOT: huge.mul
// CHECK: return %[[G]]
func.func @gelu(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %sqrt2 = huge.constant dense<1.41421354> : tensor<f32>
  %one = huge.constant dense<1.0> : tensor<f32>
  %half = huge.constant dense<0.5> : tensor<f32>
  %0 = huge.div %x, %sqrt2 : (tensor<1x4x8x8xf32>, tensor<f32>) -> tensor<1x4x8x8xf32>
  %1 = huge.unary erf %0 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %2 = huge.add %1, %one : (tensor<1x4x8x8xf32>, tensor<f32>) -> tensor<1x4x8x8xf32>
  %3 = huge.mul %x, %2 : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %4 = huge.mul %3, %half : (tensor<1x4x8x8xf32>, tensor<f32>) -> tensor<1x4x8x8xf32>
  return %4 : tensor<1x4x8x8xf32>
}

// -----

// Operand order matters for sub and div: c - v and x / v are their own steps.
// CHECK-LABEL: func.func @reversed_operands
// CHECK: huge.chain %arg0 {params = array<f32: 2.000000e+00, 0.000000e+00, 6.000000e+00>, steps = [#huge<step rsub>, #huge<step rdiv_input>, #huge<step clip>]}
func.func @reversed_operands(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %two = huge.constant dense<2.0> : tensor<1x1x1x1xf32>
  %0 = huge.sub %two, %x : (tensor<1x1x1x1xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %1 = huge.div %x, %0 : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %2 = huge.clip %1 {min = 0.0 : f32, max = 6.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %2 : tensor<1x4x8x8xf32>
}

// -----

// An intermediate result with another user ends the run there; a lone op
// stays as it is; a per-channel operand is not a scalar step.
// CHECK-LABEL: func.func @boundaries
// CHECK: %[[A:.*]] = huge.chain %arg0 {params = array<f32>, steps = [#huge<step softplus>, #huge<step tanh>]}
// CHECK: %[[B:.*]] = huge.relu %[[A]]
// CHECK: %[[C:.*]] = huge.add %[[A]], %{{.*}} : (tensor<1x4x8x8xf32>, tensor<1x4x1x1xf32>)
// CHECK: %[[D:.*]] = huge.sigmoid %[[C]]
// CHECK: return %[[B]], %[[D]]
func.func @boundaries(%x: tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  %bias = huge.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]]> : tensor<1x4x1x1xf32>
  %0 = huge.unary softplus %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %1 = huge.tanh %0 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %2 = huge.relu %1 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %3 = huge.add %1, %bias : (tensor<1x4x8x8xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %4 = huge.sigmoid %3 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %2, %4 : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
}

// -----

// x * x is a binary op of the run's input with itself, not a step.
// CHECK-LABEL: func.func @square_then_relu
// CHECK: huge.mul %arg0, %arg0
// CHECK: huge.relu
func.func @square_then_relu(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %0 = huge.mul %x, %x : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %1 = huge.relu %0 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %1 : tensor<1x4x8x8xf32>
}
