// RUN: huge-opt %s -huge-untangle-transposed-conv="output-order=false" -split-input-file | FileCheck %s
// RUN: huge-opt %s -huge-untangle-transposed-conv="form=split" -split-input-file | FileCheck %s --check-prefix=SPLIT
//
// Phase rho of an axis uses taps r, r+s, ... (r = (rho+p) mod s), flipped;
// pad_lo = M-1-c, pad_hi = ceil((O-rho)/s) + c - H (c = (rho+p) div s,
// negative = crop). Expected sub-kernel shapes and pads below are that
// formula evaluated per case.

// CHECK-LABEL: func.func @k4_s2_p1
// SPLIT-LABEL: func.func @k4_s2_p1
//   phase (0, 0): taps h [3, 1] w [3, 1], pads [1, 1, 0, 0], 4x4 outputs
//   phase (0, 1): taps h [3, 1] w [2, 0], pads [1, 0, 0, 1], 4x4 outputs
//   phase (1, 0): taps h [2, 0] w [3, 1], pads [0, 1, 1, 0], 4x4 outputs
//   phase (1, 1): taps h [2, 0] w [2, 0], pads [0, 0, 1, 1], 4x4 outputs
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK: huge.interleave {{.*}} {phases = array<i64: 0, 0, 0, 1, 1, 0, 1, 1>, strides = array<i64: 2, 2>}{{.*}} -> tensor<1x3x8x8xf32>
// CHECK-NOT: huge.conv_transpose2d
// SPLIT: huge.conv2d %arg0{{.*}} -> tensor<1x12x
// SPLIT: huge.depth_to_space {{.*}}block_size = 2
// SPLIT-NOT: huge.conv_transpose2d
func.func @k4_s2_p1(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x8x8xf32> {
  %w = huge.constant dense<1.0> : tensor<2x3x4x4xf32>
  %b = huge.constant dense<0.5> : tensor<3xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x3x4x4xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @k3_s2_p1_op1
// SPLIT-LABEL: func.func @k3_s2_p1_op1
//   phase (0, 0): taps h [1] w [1], pads [0, 0, 0, 0], 4x4 outputs
//   phase (0, 1): taps h [1] w [2, 0], pads [0, 0, 0, 1], 4x4 outputs
//   phase (1, 0): taps h [2, 0] w [1], pads [0, 0, 1, 0], 4x4 outputs
//   phase (1, 1): taps h [2, 0] w [2, 0], pads [0, 0, 1, 1], 4x4 outputs
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x2xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x2x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
// CHECK: huge.interleave {{.*}} {phases = array<i64: 0, 0, 0, 1, 1, 0, 1, 1>, strides = array<i64: 2, 2>}{{.*}} -> tensor<1x3x8x8xf32>
// CHECK-NOT: huge.conv_transpose2d
// SPLIT: huge.conv2d %arg0{{.*}} -> tensor<1x12x
// SPLIT: huge.depth_to_space {{.*}}block_size = 2
// SPLIT-NOT: huge.conv_transpose2d
func.func @k3_s2_p1_op1(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x8x8xf32> {
  %w = huge.constant dense<1.0> : tensor<2x3x3x3xf32>
  %b = huge.constant dense<0.5> : tensor<3xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @k16_s8_p4
// SPLIT-LABEL: func.func @k16_s8_p4
//   phase (0, 0): taps h [12, 4] w [12, 4], pads [1, 1, 0, 0], 2x2 outputs
//   phase (0, 1): taps h [12, 4] w [13, 5], pads [1, 1, 0, 0], 2x2 outputs
//   phase (0, 2): taps h [12, 4] w [14, 6], pads [1, 1, 0, 0], 2x2 outputs
//   phase (0, 3): taps h [12, 4] w [15, 7], pads [1, 1, 0, 0], 2x2 outputs
//   phase (0, 4): taps h [12, 4] w [8, 0], pads [1, 0, 0, 1], 2x2 outputs
//   phase (0, 5): taps h [12, 4] w [9, 1], pads [1, 0, 0, 1], 2x2 outputs
//   phase (0, 6): taps h [12, 4] w [10, 2], pads [1, 0, 0, 1], 2x2 outputs
//   phase (0, 7): taps h [12, 4] w [11, 3], pads [1, 0, 0, 1], 2x2 outputs
//   phase (1, 0): taps h [13, 5] w [12, 4], pads [1, 1, 0, 0], 2x2 outputs
//   phase (1, 1): taps h [13, 5] w [13, 5], pads [1, 1, 0, 0], 2x2 outputs
//   phase (1, 2): taps h [13, 5] w [14, 6], pads [1, 1, 0, 0], 2x2 outputs
//   phase (1, 3): taps h [13, 5] w [15, 7], pads [1, 1, 0, 0], 2x2 outputs
//   phase (1, 4): taps h [13, 5] w [8, 0], pads [1, 0, 0, 1], 2x2 outputs
//   phase (1, 5): taps h [13, 5] w [9, 1], pads [1, 0, 0, 1], 2x2 outputs
//   phase (1, 6): taps h [13, 5] w [10, 2], pads [1, 0, 0, 1], 2x2 outputs
//   phase (1, 7): taps h [13, 5] w [11, 3], pads [1, 0, 0, 1], 2x2 outputs
//   phase (2, 0): taps h [14, 6] w [12, 4], pads [1, 1, 0, 0], 2x2 outputs
//   phase (2, 1): taps h [14, 6] w [13, 5], pads [1, 1, 0, 0], 2x2 outputs
//   phase (2, 2): taps h [14, 6] w [14, 6], pads [1, 1, 0, 0], 2x2 outputs
//   phase (2, 3): taps h [14, 6] w [15, 7], pads [1, 1, 0, 0], 2x2 outputs
//   phase (2, 4): taps h [14, 6] w [8, 0], pads [1, 0, 0, 1], 2x2 outputs
//   phase (2, 5): taps h [14, 6] w [9, 1], pads [1, 0, 0, 1], 2x2 outputs
//   phase (2, 6): taps h [14, 6] w [10, 2], pads [1, 0, 0, 1], 2x2 outputs
//   phase (2, 7): taps h [14, 6] w [11, 3], pads [1, 0, 0, 1], 2x2 outputs
//   phase (3, 0): taps h [15, 7] w [12, 4], pads [1, 1, 0, 0], 2x2 outputs
//   phase (3, 1): taps h [15, 7] w [13, 5], pads [1, 1, 0, 0], 2x2 outputs
//   phase (3, 2): taps h [15, 7] w [14, 6], pads [1, 1, 0, 0], 2x2 outputs
//   phase (3, 3): taps h [15, 7] w [15, 7], pads [1, 1, 0, 0], 2x2 outputs
//   phase (3, 4): taps h [15, 7] w [8, 0], pads [1, 0, 0, 1], 2x2 outputs
//   phase (3, 5): taps h [15, 7] w [9, 1], pads [1, 0, 0, 1], 2x2 outputs
//   phase (3, 6): taps h [15, 7] w [10, 2], pads [1, 0, 0, 1], 2x2 outputs
//   phase (3, 7): taps h [15, 7] w [11, 3], pads [1, 0, 0, 1], 2x2 outputs
//   phase (4, 0): taps h [8, 0] w [12, 4], pads [0, 1, 1, 0], 2x2 outputs
//   phase (4, 1): taps h [8, 0] w [13, 5], pads [0, 1, 1, 0], 2x2 outputs
//   phase (4, 2): taps h [8, 0] w [14, 6], pads [0, 1, 1, 0], 2x2 outputs
//   phase (4, 3): taps h [8, 0] w [15, 7], pads [0, 1, 1, 0], 2x2 outputs
//   phase (4, 4): taps h [8, 0] w [8, 0], pads [0, 0, 1, 1], 2x2 outputs
//   phase (4, 5): taps h [8, 0] w [9, 1], pads [0, 0, 1, 1], 2x2 outputs
//   phase (4, 6): taps h [8, 0] w [10, 2], pads [0, 0, 1, 1], 2x2 outputs
//   phase (4, 7): taps h [8, 0] w [11, 3], pads [0, 0, 1, 1], 2x2 outputs
//   phase (5, 0): taps h [9, 1] w [12, 4], pads [0, 1, 1, 0], 2x2 outputs
//   phase (5, 1): taps h [9, 1] w [13, 5], pads [0, 1, 1, 0], 2x2 outputs
//   phase (5, 2): taps h [9, 1] w [14, 6], pads [0, 1, 1, 0], 2x2 outputs
//   phase (5, 3): taps h [9, 1] w [15, 7], pads [0, 1, 1, 0], 2x2 outputs
//   phase (5, 4): taps h [9, 1] w [8, 0], pads [0, 0, 1, 1], 2x2 outputs
//   phase (5, 5): taps h [9, 1] w [9, 1], pads [0, 0, 1, 1], 2x2 outputs
//   phase (5, 6): taps h [9, 1] w [10, 2], pads [0, 0, 1, 1], 2x2 outputs
//   phase (5, 7): taps h [9, 1] w [11, 3], pads [0, 0, 1, 1], 2x2 outputs
//   phase (6, 0): taps h [10, 2] w [12, 4], pads [0, 1, 1, 0], 2x2 outputs
//   phase (6, 1): taps h [10, 2] w [13, 5], pads [0, 1, 1, 0], 2x2 outputs
//   phase (6, 2): taps h [10, 2] w [14, 6], pads [0, 1, 1, 0], 2x2 outputs
//   phase (6, 3): taps h [10, 2] w [15, 7], pads [0, 1, 1, 0], 2x2 outputs
//   phase (6, 4): taps h [10, 2] w [8, 0], pads [0, 0, 1, 1], 2x2 outputs
//   phase (6, 5): taps h [10, 2] w [9, 1], pads [0, 0, 1, 1], 2x2 outputs
//   phase (6, 6): taps h [10, 2] w [10, 2], pads [0, 0, 1, 1], 2x2 outputs
//   phase (6, 7): taps h [10, 2] w [11, 3], pads [0, 0, 1, 1], 2x2 outputs
//   phase (7, 0): taps h [11, 3] w [12, 4], pads [0, 1, 1, 0], 2x2 outputs
//   phase (7, 1): taps h [11, 3] w [13, 5], pads [0, 1, 1, 0], 2x2 outputs
//   phase (7, 2): taps h [11, 3] w [14, 6], pads [0, 1, 1, 0], 2x2 outputs
//   phase (7, 3): taps h [11, 3] w [15, 7], pads [0, 1, 1, 0], 2x2 outputs
//   phase (7, 4): taps h [11, 3] w [8, 0], pads [0, 0, 1, 1], 2x2 outputs
//   phase (7, 5): taps h [11, 3] w [9, 1], pads [0, 0, 1, 1], 2x2 outputs
//   phase (7, 6): taps h [11, 3] w [10, 2], pads [0, 0, 1, 1], 2x2 outputs
//   phase (7, 7): taps h [11, 3] w [11, 3], pads [0, 0, 1, 1], 2x2 outputs
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
// CHECK: huge.interleave {{.*}} {phases = array<i64: 0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 1, 0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 2, 0, 2, 1, 2, 2, 2, 3, 2, 4, 2, 5, 2, 6, 2, 7, 3, 0, 3, 1, 3, 2, 3, 3, 3, 4, 3, 5, 3, 6, 3, 7, 4, 0, 4, 1, 4, 2, 4, 3, 4, 4, 4, 5, 4, 6, 4, 7, 5, 0, 5, 1, 5, 2, 5, 3, 5, 4, 5, 5, 5, 6, 5, 7, 6, 0, 6, 1, 6, 2, 6, 3, 6, 4, 6, 5, 6, 6, 6, 7, 7, 0, 7, 1, 7, 2, 7, 3, 7, 4, 7, 5, 7, 6, 7, 7>, strides = array<i64: 8, 8>}{{.*}} -> tensor<1x1x16x16xf32>
// CHECK-NOT: huge.conv_transpose2d
// SPLIT: huge.conv2d %arg0{{.*}} -> tensor<1x64x
// SPLIT: huge.depth_to_space {{.*}}block_size = 8
// SPLIT-NOT: huge.conv_transpose2d
func.func @k16_s8_p4(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x16x16xf32> {
  %w = huge.constant dense<1.0> : tensor<1x1x16x16xf32>
  %b = huge.constant dense<0.5> : tensor<1xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 8, 8>, pads = array<i64: 4, 4, 4, 4>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x2x2xf32>, tensor<1x1x16x16xf32>, tensor<1xf32>) -> tensor<1x1x16x16xf32>
  return %0 : tensor<1x1x16x16xf32>
}

// -----

// CHECK-LABEL: func.func @k9_s3_p4_op2
// SPLIT-LABEL: func.func @k9_s3_p4_op2
//   phase (0, 0): taps h [7, 4, 1] w [7, 4, 1], pads [1, 1, 1, 1], 3x3 outputs
//   phase (0, 1): taps h [7, 4, 1] w [8, 5, 2], pads [1, 1, 1, 1], 3x3 outputs
//   phase (0, 2): taps h [7, 4, 1] w [6, 3, 0], pads [1, 0, 1, 2], 3x3 outputs
//   phase (1, 0): taps h [8, 5, 2] w [7, 4, 1], pads [1, 1, 1, 1], 3x3 outputs
//   phase (1, 1): taps h [8, 5, 2] w [8, 5, 2], pads [1, 1, 1, 1], 3x3 outputs
//   phase (1, 2): taps h [8, 5, 2] w [6, 3, 0], pads [1, 0, 1, 2], 3x3 outputs
//   phase (2, 0): taps h [6, 3, 0] w [7, 4, 1], pads [0, 1, 2, 1], 3x3 outputs
//   phase (2, 1): taps h [6, 3, 0] w [8, 5, 2], pads [0, 1, 2, 1], 3x3 outputs
//   phase (2, 2): taps h [6, 3, 0] w [6, 3, 0], pads [0, 0, 2, 2], 3x3 outputs
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 1, 2>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 1, 2>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 2, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 2, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
// CHECK: huge.interleave {{.*}} {phases = array<i64: 0, 0, 0, 1, 0, 2, 1, 0, 1, 1, 1, 2, 2, 0, 2, 1, 2, 2>, strides = array<i64: 3, 3>}{{.*}} -> tensor<1x1x9x9xf32>
// CHECK-NOT: huge.conv_transpose2d
// SPLIT: huge.conv2d %arg0{{.*}} -> tensor<1x9x
// SPLIT: huge.depth_to_space {{.*}}block_size = 3
// SPLIT-NOT: huge.conv_transpose2d
func.func @k9_s3_p4_op2(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x9x9xf32> {
  %w = huge.constant dense<1.0> : tensor<1x1x9x9xf32>
  %b = huge.constant dense<0.5> : tensor<1xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 3, 3>, pads = array<i64: 4, 4, 4, 4>, output_padding = array<i64: 2, 2>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x3x3xf32>, tensor<1x1x9x9xf32>, tensor<1xf32>) -> tensor<1x1x9x9xf32>
  return %0 : tensor<1x1x9x9xf32>
}

// -----

// CHECK-LABEL: func.func @k2_s2
// SPLIT-LABEL: func.func @k2_s2
//   phase (0, 0): taps h [0] w [0], pads [0, 0, 0, 0], 3x3 outputs
//   phase (0, 1): taps h [0] w [1], pads [0, 0, 0, 0], 3x3 outputs
//   phase (1, 0): taps h [1] w [0], pads [0, 0, 0, 0], 3x3 outputs
//   phase (1, 1): taps h [1] w [1], pads [0, 0, 0, 0], 3x3 outputs
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK: huge.interleave {{.*}} {phases = array<i64: 0, 0, 0, 1, 1, 0, 1, 1>, strides = array<i64: 2, 2>}{{.*}} -> tensor<1x2x6x6xf32>
// CHECK-NOT: huge.conv_transpose2d
// SPLIT: huge.conv2d %arg0{{.*}} -> tensor<1x8x
// SPLIT: huge.depth_to_space {{.*}}block_size = 2
// SPLIT-NOT: huge.conv_transpose2d
func.func @k2_s2(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  %w = huge.constant dense<1.0> : tensor<2x2x2x2xf32>
  %b = huge.constant dense<0.5> : tensor<2xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x3x3xf32>, tensor<2x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @k2_s4_stride_above_kernel
// SPLIT-LABEL: func.func @k2_s4_stride_above_kernel
//   phase (0, 0): taps h [0] w [0], pads [0, 0, 0, 0], 3x3 outputs
//   phase (0, 1): taps h [0] w [1], pads [0, 0, 0, 0], 3x3 outputs
//   phase (0, 2): no taps, bias only
//   phase (0, 3): no taps, bias only
//   phase (1, 0): taps h [1] w [0], pads [0, 0, 0, 0], 3x3 outputs
//   phase (1, 1): taps h [1] w [1], pads [0, 0, 0, 0], 3x3 outputs
//   phase (1, 2): no taps, bias only
//   phase (1, 3): no taps, bias only
//   phase (2, 0): no taps, bias only
//   phase (2, 1): no taps, bias only
//   phase (2, 2): no taps, bias only
//   phase (2, 3): no taps, bias only
//   phase (3, 0): no taps, bias only
//   phase (3, 1): no taps, bias only
//   phase (3, 2): no taps, bias only
//   phase (3, 3): no taps, bias only
// CHECK-DAG: %[[FILL:.*]] = huge.constant dense<{{.*}}> : tensor<2xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK: huge.interleave {{.*}} fill %[[FILL]] {phases = array<i64: 0, 0, 0, 1, 1, 0, 1, 1>, strides = array<i64: 4, 4>}{{.*}} -> tensor<1x2x10x10xf32>
// CHECK-NOT: huge.conv_transpose2d
// SPLIT: huge.conv2d %arg0{{.*}} -> tensor<1x32x
// SPLIT: huge.depth_to_space {{.*}}block_size = 4
// SPLIT-NOT: huge.conv_transpose2d
func.func @k2_s4_stride_above_kernel(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x10x10xf32> {
  %w = huge.constant dense<1.0> : tensor<1x2x2x2xf32>
  %b = huge.constant dense<0.5> : tensor<2xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 4, 4>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x3x3xf32>, tensor<1x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

// CHECK-LABEL: func.func @k4_s2_p1_groups2
// SPLIT-LABEL: func.func @k4_s2_p1_groups2
//   phase (0, 0): taps h [3, 1] w [3, 1], pads [1, 1, 0, 0], 3x3 outputs
//   phase (0, 1): taps h [3, 1] w [2, 0], pads [1, 0, 0, 1], 3x3 outputs
//   phase (1, 0): taps h [2, 0] w [3, 1], pads [0, 1, 1, 0], 3x3 outputs
//   phase (1, 1): taps h [2, 0] w [2, 0], pads [0, 0, 1, 1], 3x3 outputs
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<6x2x2x2xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<6x2x2x2xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 1, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<6x2x2x2xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
// CHECK-DAG: huge.conv2d %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<6x2x2x2xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
// CHECK: huge.interleave {{.*}} {phases = array<i64: 0, 0, 0, 1, 1, 0, 1, 1>, strides = array<i64: 2, 2>}{{.*}} -> tensor<1x6x6x6xf32>
// CHECK-NOT: huge.conv_transpose2d
// SPLIT: huge.conv2d %arg0{{.*}} -> tensor<1x24x
// SPLIT: huge.depth_to_space {{.*}}block_size = 2
// SPLIT-NOT: huge.conv_transpose2d
func.func @k4_s2_p1_groups2(%x: tensor<1x4x3x3xf32>) -> tensor<1x6x6x6xf32> {
  %w = huge.constant dense<1.0> : tensor<4x3x4x4xf32>
  %b = huge.constant dense<0.5> : tensor<6xf32>
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x3x3xf32>, tensor<4x3x4x4xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}
