// RUN: huge-opt %s | FileCheck %s
// Round trip through the generic form:
// RUN: huge-opt %s --mlir-print-op-generic | huge-opt | FileCheck %s

// CHECK-LABEL: func.func @convolutions
func.func @convolutions(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>,
                        %b: tensor<8xf32>, %wt: tensor<4x3x4x4xf32>)
    -> (tensor<1x8x4x4xf32>, tensor<1x6x16x16xf32>) {
  // CHECK: %[[C:.*]] = huge.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
  // CHECK-SAME: -> tensor<1x8x4x4xf32>
  %0 = huge.conv2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: huge.conv_transpose2d %{{.*}}, %{{.*}} {{{.*}}groups = 2{{.*}}output_padding = array<i64: 0, 0>{{.*}}} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  %1 = huge.conv_transpose2d %x, %wt {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return %0, %1 : tensor<1x8x4x4xf32>, tensor<1x6x16x16xf32>
}

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<1x4x8x8xf32>, %s: tensor<4x1x1xf32>,
                       %c: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: huge.batch_norm
  %0 = huge.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-5 : f32} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.instance_norm %{{.*}} {epsilon = 9.99999974E-6 : f32}
  %in = huge.instance_norm %0, %c, %c {epsilon = 1.0e-5 : f32} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.relu
  %1 = huge.relu %in : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32}
  %2 = huge.leaky_relu %1 {alpha = 0.2 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.prelu
  %3 = huge.prelu %2, %s : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.clip %{{.*}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}
  %4 = huge.clip %3 {min = 0.0 : f32, max = 6.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.sigmoid
  %5 = huge.sigmoid %4 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.tanh
  %6 = huge.tanh %5 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.hard_sigmoid %{{.*}} {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32}
  %7 = huge.hard_sigmoid %6 {alpha = 0.2 : f32, beta = 0.5 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.hard_swish
  %8 = huge.hard_swish %7 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.unary softsign %{{.*}} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %9 = huge.unary softsign %8 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.reduce mean %{{.*}} {axes = array<i64: 2, 3>, keep_dims = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4xf32>
  %r0 = huge.reduce mean %9 {axes = array<i64: 2, 3>, keep_dims = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4xf32>
  // CHECK: huge.reduce max %{{.*}} {axes = array<i64: 1>, keep_dims = true} : (tensor<1x4x8x8xf32>) -> tensor<1x1x8x8xf32>
  %r1 = huge.reduce max %9 {axes = array<i64: 1>, keep_dims = true} : (tensor<1x4x8x8xf32>) -> tensor<1x1x8x8xf32>
  // CHECK: huge.silu %{{.*}} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %s0 = huge.silu %9 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.unary elu %{{.*}} {params = array<f32: 5.000000e-01>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %u0 = huge.unary elu %9 {params = array<f32: 0.5>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %9 : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @broadcasts
func.func @broadcasts(%x: tensor<1x4x8x8xf32>, %c: tensor<4x1x1xf32>, %r: tensor<8xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: huge.add %{{.*}}, %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %0 = huge.add %x, %c : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.sub
  %1 = huge.sub %0, %r : (tensor<1x4x8x8xf32>, tensor<8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.mul
  %2 = huge.mul %c, %1 : (tensor<4x1x1xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.div
  %3 = huge.div %2, %x : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.pow %{{.*}}, %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %4 = huge.pow %3, %c : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: huge.unary floor
  %5 = huge.unary floor %4 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %5 : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<1x8x4x4xf32>) -> (tensor<1x16x4x4xf32>, tensor<1x2x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x7x6xf32>, tensor<1x2x4x4x4xf32>, tensor<1x128xf32>) {
  // CHECK: huge.concat %{{.*}}, %{{.*}} {axis = 1 : i64}
  %0 = huge.concat %x, %x {axis = 1} : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x16x4x4xf32>
  // CHECK: huge.depth_to_space %{{.*}} {block_size = 2 : i64, mode = #huge<depth_to_space_mode crd>}
  %1 = huge.depth_to_space %x {block_size = 2, mode = #huge<depth_to_space_mode crd>} : (tensor<1x8x4x4xf32>) -> tensor<1x2x8x8xf32>
  // CHECK: huge.resize %{{.*}} {coordinate_mode = #huge<coordinate_mode pytorch_half_pixel>, mode = #huge<resize_mode linear>, nearest_mode = #huge<nearest_mode floor>, scales = array<f64: 2.000000e+00, 2.000000e+00>}
  %2 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode pytorch_half_pixel>, nearest_mode = #huge<nearest_mode floor>} : (tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32>
  // CHECK: huge.resize %{{.*}} {coordinate_mode = #huge<coordinate_mode half_pixel>, cubic_coeff_a = -5.000000e-01 : f32, exclude_outside, mode = #huge<resize_mode cubic>, nearest_mode = #huge<nearest_mode floor>, scales = array<f64: 2.000000e+00, 2.000000e+00>}
  %cubic = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode cubic>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode floor>, cubic_coeff_a = -0.5 : f32, exclude_outside} : (tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32>
  // CHECK: huge.resize %{{.*}} {coordinate_mode = #huge<coordinate_mode tf_crop_and_resize>, extrapolation_value = -1.000000e+00 : f32, mode = #huge<resize_mode linear>, nearest_mode = #huge<nearest_mode floor>, roi = array<f64: 2.500000e-01, 0.000000e+00, 7.500000e-01, 1.000000e+00>, scales = array<f64: 2.000000e+00, 2.000000e+00>}
  %crop = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode tf_crop_and_resize>, nearest_mode = #huge<nearest_mode floor>, roi = array<f64: 0.25, 0.0, 0.75, 1.0>, extrapolation_value = -1.0 : f32} : (tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32>
  // CHECK: huge.pad %{{.*}} {mode = #huge<pad_mode reflect>, pads = array<i64: 0, 0, 1, 0, 0, 0, 2, 2>, value = 0.000000e+00 : f32}
  %3 = huge.pad %x {pads = array<i64: 0, 0, 1, 0, 0, 0, 2, 2>, mode = #huge<pad_mode reflect>, value = 0.0 : f32} : (tensor<1x8x4x4xf32>) -> tensor<1x8x7x6xf32>
  // CHECK: huge.reshape %{{.*}} : (tensor<1x8x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  %4 = huge.reshape %x : (tensor<1x8x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  // CHECK: huge.transpose %{{.*}} {perm = array<i64: 0, 2, 1, 3, 4>}
  %5 = huge.transpose %4 {perm = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x4x4x4xf32>) -> tensor<1x4x2x4x4xf32>
  %6 = huge.reshape %x : (tensor<1x8x4x4xf32>) -> tensor<1x128xf32>
  return %0, %1, %2, %3, %4, %6 : tensor<1x16x4x4xf32>, tensor<1x2x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x7x6xf32>, tensor<1x2x4x4x4xf32>, tensor<1x128xf32>
}

// CHECK-LABEL: func.func @pooling
func.func @pooling(%x: tensor<1x8x9x9xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32>) {
  // CHECK: huge.max_pool2d %{{.*}} {ceil_mode = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}
  %0 = huge.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x8x9x9xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: huge.avg_pool2d
  %1 = huge.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false} : (tensor<1x8x9x9xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: huge.global_avg_pool
  %2 = huge.global_avg_pool %x : (tensor<1x8x9x9xf32>) -> tensor<1x8x1x1xf32>
  return %0, %1, %2 : tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32>
}

// CHECK-LABEL: func.func @dense
func.func @dense(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<4xf32>, %t: tensor<5x2x3xf32>) -> (tensor<2x4xf32>, tensor<5x2x4xf32>, tensor<2x4xf32>) {
  // CHECK: huge.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = false, trans_b = false}
  %0 = huge.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  // CHECK: huge.matmul %{{.*}}, %{{.*}} : (tensor<5x2x3xf32>, tensor<3x4xf32>) -> tensor<5x2x4xf32>
  %1 = huge.matmul %t, %b : (tensor<5x2x3xf32>, tensor<3x4xf32>) -> tensor<5x2x4xf32>
  // CHECK: huge.softmax %{{.*}} {axis = 1 : i64}
  %2 = huge.softmax %0 {axis = 1} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: huge.constant dense<1.000000e+00> : tensor<2xf32>
  %3 = huge.constant dense<1.0> : tensor<2xf32>
  return %0, %1, %2 : tensor<2x4xf32>, tensor<5x2x4xf32>, tensor<2x4xf32>
}
