// RUN: huge-opt %s -canonicalize -split-input-file | FileCheck %s

// Batch norm folds into the conv: W' = W * s, b' = (b - mean) * s + beta with
// s = scale / sqrt(var + eps). Here s = [2, 0.5], so W' = [2, 0.5] and
// b' = [(1 - 1) * 2 + 3, (0 - 2) * 0.5 + 0] = [3, -1].
// CHECK-LABEL: func.func @fold_bn_into_conv
// CHECK-DAG: %[[W:.*]] = huge.constant dense<{{\[\[\[\[}}2.000000e+00]]], {{\[\[\[}}5.000000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = huge.constant dense<[3.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK: %[[C:.*]] = huge.conv2d %arg0, %[[W]], %[[B]]
// CHECK-NOT: huge.batch_norm
// CHECK: return %[[C]]
func.func @fold_bn_into_conv(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = huge.constant dense<1.0> : tensor<2x1x1x1xf32>
  %b = huge.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %scale = huge.constant dense<[4.0, 1.0]> : tensor<2xf32>
  %beta = huge.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %mean = huge.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = huge.constant dense<[4.0, 4.0]> : tensor<2xf32>
  %0 = huge.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// Transposed conv with 2 groups: weight [Cin=2, Cout/g=1, 1, 1]; input
// channel i feeds output channel i, so each weight scales by s[i]. A bias is
// created.
// CHECK-LABEL: func.func @fold_bn_into_grouped_conv_transpose
// CHECK-DAG: %[[W:.*]] = huge.constant dense<{{\[\[\[\[}}2.000000e+00]]], {{\[\[\[}}5.000000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = huge.constant dense<[-2.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK: huge.conv_transpose2d %arg0, %[[W]], %[[B]] {{{.*}}groups = 2
// CHECK-NOT: huge.batch_norm
func.func @fold_bn_into_grouped_conv_transpose(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = huge.constant dense<1.0> : tensor<2x1x1x1xf32>
  %scale = huge.constant dense<[4.0, 1.0]> : tensor<2xf32>
  %beta = huge.constant dense<[0.0, 0.0]> : tensor<2xf32>
  %mean = huge.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = huge.constant dense<[4.0, 4.0]> : tensor<2xf32>
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x2x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = huge.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// The conv has another user: folding would change it, so nothing happens.
// CHECK-LABEL: func.func @keep_bn_when_conv_is_shared
// CHECK: %[[C:.*]] = huge.conv2d
// CHECK: %[[N:.*]] = huge.batch_norm %[[C]]
// CHECK: return %[[C]], %[[N]]
func.func @keep_bn_when_conv_is_shared(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) {
  %w = huge.constant dense<1.0> : tensor<1x1x1x1xf32>
  %p = huge.constant dense<1.0> : tensor<1xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x4x4xf32>
  %1 = huge.batch_norm %0, %p, %p, %p, %p {epsilon = 0.0 : f32} : (tensor<1x1x4x4xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x4x4xf32>
  return %0, %1 : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>
}

// -----

// Batch norm of a runtime input stays.
// CHECK-LABEL: func.func @keep_bn_of_argument
// CHECK: huge.batch_norm %arg0
func.func @keep_bn_of_argument(%x: tensor<1x1x4x4xf32>, %p: tensor<1xf32>) -> tensor<1x1x4x4xf32> {
  %0 = huge.batch_norm %x, %p, %p, %p, %p {epsilon = 0.0 : f32} : (tensor<1x1x4x4xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @collapse_reshapes
// CHECK-NEXT: %[[R:.*]] = huge.reshape %arg0 : (tensor<1x8x4x4xf32>) -> tensor<1x128xf32>
// CHECK-NEXT: return %[[R]]
func.func @collapse_reshapes(%x: tensor<1x8x4x4xf32>) -> tensor<1x128xf32> {
  %0 = huge.reshape %x : (tensor<1x8x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  %1 = huge.reshape %0 : (tensor<1x2x4x4x4xf32>) -> tensor<1x128xf32>
  return %1 : tensor<1x128xf32>
}

// -----

// Identity reshape, transpose, pad and single-input concat fold away.
// CHECK-LABEL: func.func @identities
// CHECK-NEXT: return %arg0
func.func @identities(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %0 = huge.reshape %x : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %1 = huge.transpose %0 {perm = array<i64: 0, 1, 2, 3>} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %2 = huge.pad %1 {pads = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, mode = #huge<pad_mode constant>, value = 0.0 : f32} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %3 = huge.concat %2 {axis = 1} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %3 : tensor<1x8x4x4xf32>
}

// -----

// A Linear layer's gemm(A, B^T) with constant B stores B transposed once:
// [[1, 2, 3], [4, 5, 6]] (N = 2, K = 3) becomes [[1, 4], [2, 5], [3, 6]].
// CHECK-LABEL: func.func @gemm_untranspose
// CHECK: %[[B:.*]] = huge.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK: huge.gemm %arg0, %[[B]] {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = false, trans_b = false}
func.func @gemm_untranspose(%a: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %b = huge.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = huge.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true} : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
