// RUN: huge-opt %s -split-input-file -verify-diagnostics
// One case per verifier branch of the huge dialect.

func.func @case0(%x: tensor<4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input of rank 4, got rank 3}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case1(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects weight of rank 4, got rank 3}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case2(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 2 strides, got 1}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case3(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 4 pads, got 2}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case4(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 2 dilations, got 3}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case5(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects strides >= 1, got [0, 1]}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 0, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case6(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects pads >= 0, got [-1, 1, 1, 1]}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: -1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @case7(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects dilations >= 1, got [1, 0]}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 0>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case8(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects groups in [1, 2147483647], got 0}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 0} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case9(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects groups to divide the 4 input channels, got groups = 3}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 3} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case10(%x: tensor<1x4x8x8xf32>, %w: tensor<6x1x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects groups to divide the 6 output channels, got groups = 4}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 4} : (tensor<1x4x8x8xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x8x8xf32>
  return
}

// -----

func.func @case11(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects weight dim 1 = input channels / groups = 4, got 2}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case12(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects bias of shape [8], got [5]}}
  %0 = huge.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<5xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case13(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects the dilated kernel (11) to fit the padded input (8) along axis 2}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 5, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @case14(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{'huge.conv2d' op inferred type(s) 'tensor<1x8x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x8x4x4xf32>'}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x4x4xf32>
  return
}

// -----

func.func @case15(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 2 output_padding, got 1}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case16(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects output_padding >= 0, got [-1, 0]}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: -1, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case17(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects output_padding < stride (or dilation), got 3 >= 2 along axis 2}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 3, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case18(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects groups in [1, 2147483647], got 0}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 0} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case19(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects groups to divide the 4 input channels, got groups = 3}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 3} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case20(%x: tensor<1x4x8x8xf32>, %w: tensor<2x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects weight dim 0 = input channels = 4, got 2}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case21(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4x4xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects bias of shape [6], got [5]}}
  %0 = huge.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>, tensor<5xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case22(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects pads to leave a non-empty output along axis 2, got extent -7}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 9, 9, 9, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case23(%x: tensor<4x8x8xf32>, %w: tensor<4x3x4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input of rank 4, got rank 3}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<4x8x8xf32>, tensor<4x3x4x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case24(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects weight of rank 4, got rank 3}}
  %0 = huge.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2} : (tensor<1x4x8x8xf32>, tensor<4x3x4xf32>) -> tensor<1x6x16x16xf32>
  return
}

// -----

func.func @case25(%v: tensor<4xf32>, %p: tensor<4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input of rank >= 2, got rank 1}}
  %0 = huge.batch_norm %v, %p, %p, %p, %p {epsilon = 1.0e-5 : f32} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @case26(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>, %q: tensor<3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects bias of shape [4], got [3]}}
  %0 = huge.batch_norm %x, %p, %q, %p, %p {epsilon = 1.0e-5 : f32} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<3xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case27(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects min <= max, got 6 > 0}}
  %0 = huge.clip %x {min = 6.0 : f32, max = 0.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case28(%x: tensor<1x4x8x8xf32>, %s: tensor<3x1x1xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects slope [3, 1, 1] to broadcast to input [1, 4, 8, 8]}}
  %0 = huge.prelu %x, %s : (tensor<1x4x8x8xf32>, tensor<3x1x1xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case29(%x: tensor<1x4x8x8xf32>, %y: tensor<3x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects broadcast-compatible operands, got [1, 4, 8, 8] and [3, 8, 8]}}
  %0 = huge.add %x, %y : (tensor<1x4x8x8xf32>, tensor<3x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case30() {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects at least one input}}
  %0 = huge.concat {axis = 0} : () -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case31(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects axis in [0, 4), got 4}}
  %0 = huge.concat %x, %x {axis = 4} : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case32(%x: tensor<1x4x8x8xf32>, %y: tensor<1x4x8x7xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input 1 of shape [1, 4, 8, 7] to match [1, 4, 8, 8] except along axis 1}}
  %0 = huge.concat %x, %y {axis = 1} : (tensor<1x4x8x8xf32>, tensor<1x4x8x7xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case33(%x: tensor<4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input of rank 4, got rank 3}}
  %0 = huge.depth_to_space %x {block_size = 2, mode = #huge<depth_to_space_mode dcr>} : (tensor<4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case34(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects block_size in [1, 65536], got 0}}
  %0 = huge.depth_to_space %x {block_size = 0, mode = #huge<depth_to_space_mode dcr>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case35(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects block_size^2 = 9 to divide the 4 input channels}}
  %0 = huge.depth_to_space %x {block_size = 3, mode = #huge<depth_to_space_mode dcr>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case36(%x: tensor<4x8x8xf32>) {
  // expected-error @+1 {{expects input and result of rank 4, got 3 and 3}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode nearest>, coordinate_mode = #huge<coordinate_mode asymmetric>, nearest_mode = #huge<nearest_mode floor>} : (tensor<4x8x8xf32>) -> tensor<4x16x16xf32>
  return
}

// -----

func.func @case37(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects 2 scales (H, W), got 1}}
  %0 = huge.resize %x {scales = array<f64: 2.0>, mode = #huge<resize_mode nearest>, coordinate_mode = #huge<coordinate_mode asymmetric>, nearest_mode = #huge<nearest_mode floor>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @case38(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects batch and channels to be kept, got [1, 4, 8, 8] -> [1, 2, 16, 16]}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode nearest>, coordinate_mode = #huge<coordinate_mode asymmetric>, nearest_mode = #huge<nearest_mode floor>} : (tensor<1x4x8x8xf32>) -> tensor<1x2x16x16xf32>
  return
}

// -----

func.func @case39(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects positive scales, got 0}}
  %0 = huge.resize %x {scales = array<f64: 0.0, 2.0>, mode = #huge<resize_mode nearest>, coordinate_mode = #huge<coordinate_mode asymmetric>, nearest_mode = #huge<nearest_mode floor>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @case40(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects result extent 16 along axis 3 (input 8 * scale 2), got 15}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode nearest>, coordinate_mode = #huge<coordinate_mode asymmetric>, nearest_mode = #huge<nearest_mode floor>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x15xf32>
  return
}

// -----

// A band of rows of a 16 -> 32 resize: result rows [0, 8) read input rows
// [0, 5), which a band starting at row 5 does not hold.
func.func @case40_band(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects the input band to hold rows [0, 5) that result rows [0, 8) read, got [5, 13)}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode floor>, row_band = array<i64: 5, 16, 0, 32>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x16xf32>
  return
}

// -----

func.func @case40_band_range(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects input rows [10, 18) within 16 and result rows [0, 8) within 32}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode floor>, row_band = array<i64: 10, 16, 0, 32>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x16xf32>
  return
}

// -----

func.func @case40_band_int(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects row_band values in [0, 2^31)}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode floor>, row_band = array<i64: 0, 9223372036854775807, 0, 32>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x16xf32>
  return
}

// -----

func.func @case41(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 8 pads (leading then trailing per axis), got 2}}
  %0 = huge.pad %x {pads = array<i64: 1, 1>, mode = #huge<pad_mode constant>, value = 0.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case42(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects a non-empty result along axis 2, got extent -1}}
  %0 = huge.pad %x {pads = array<i64: 0, 0, -9, 0, 0, 0, 0, 0>, mode = #huge<pad_mode constant>, value = 0.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case43(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects reflect pads smaller than the extent 8 of axis 2}}
  %0 = huge.pad %x {pads = array<i64: 0, 0, 8, 0, 0, 0, 0, 0>, mode = #huge<pad_mode reflect>, value = 0.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x8xf32>
  return
}

// -----

func.func @case44(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects the result to hold the input's 256 elements, got 255}}
  %0 = huge.reshape %x : (tensor<1x4x8x8xf32>) -> tensor<1x255xf32>
  return
}

// -----

func.func @case45(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 4 perm entries, got 3}}
  %0 = huge.transpose %x {perm = array<i64: 0, 1, 2>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case46(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects perm to be a permutation of [0, 4), got [0, 1, 1, 3]}}
  %0 = huge.transpose %x {perm = array<i64: 0, 1, 1, 3>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case47(%x: tensor<4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input of rank 4, got rank 3}}
  %0 = huge.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<4x8x8xf32>) -> tensor<4x4x4xf32>
  return
}

// -----

func.func @case48(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 2 kernel extents, got 1}}
  %0 = huge.max_pool2d %x {kernel = array<i64: 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case49(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects kernel >= 1, got [0, 2]}}
  %0 = huge.max_pool2d %x {kernel = array<i64: 0, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case50(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects pads smaller than the window (2) along axis 2, got [2, 0, 0, 0]}}
  %0 = huge.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 2, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case51(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects the window (9) to fit the padded input along axis 2}}
  %0 = huge.max_pool2d %x {kernel = array<i64: 9, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case52(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects 2 strides, got 1}}
  %0 = huge.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case53(%x: tensor<4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input of rank 4, got rank 3}}
  %0 = huge.global_avg_pool %x : (tensor<4x8x8xf32>) -> tensor<4x1x1xf32>
  return
}

// -----

func.func @case54(%a: tensor<3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects operands of rank >= 2, got [3] and [3, 4]}}
  %0 = huge.matmul %a, %b : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @case55(%a: tensor<2x3xf32>, %b: tensor<4x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects lhs columns (3) = rhs rows (4)}}
  %0 = huge.matmul %a, %b : (tensor<2x3xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @case56(%a: tensor<2x2x3xf32>, %b: tensor<3x3x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects broadcast-compatible batch dimensions, got [2, 2, 3] and [3, 3, 4]}}
  %0 = huge.matmul %a, %b : (tensor<2x2x3xf32>, tensor<3x3x4xf32>) -> tensor<2x2x4xf32>
  return
}

// -----

func.func @case57(%a: tensor<2x3x1xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects A of rank 2, got rank 3}}
  %0 = huge.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3x1xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @case58(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects B of rank 2, got rank 1}}
  %0 = huge.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @case59(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects inner dimensions to agree, got 3 and 2}}
  %0 = huge.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @case60(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects C [3] to broadcast to [2, 4]}}
  %0 = huge.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @case61(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects axis in [0, 4), got 4}}
  %0 = huge.softmax %x {axis = 4} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @case62(%x: tensor<1x?x8x8xf32>) {
  // expected-error @+1 {{must be statically shaped tensor of 32-bit float values}}
  %0 = huge.relu %x : (tensor<1x?x8x8xf32>) -> tensor<1x?x8x8xf32>
  return
}

// -----

// A memory plan whose buffers overlap while both are alive.
func.func @overlapping_plan(%x: tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32> attributes {huge.arena_size = 8192 : i64} {
  // expected-note @+1 {{the other buffer}}
  %a = huge.relu %x {huge.buffer = #huge.buffer<offset = 0, size = 4096, live = [0, 2]>} : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  // expected-error @+1 {{buffer [64, 4160) alive over [1, 2] overlaps [0, 4096) alive over [0, 2]}}
  %b = huge.sigmoid %x {huge.buffer = #huge.buffer<offset = 64, size = 4096, live = [1, 2]>} : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %c = huge.add %a, %b : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  return %c : tensor<1x4x16x16xf32>
}

// -----

// A buffer outside the arena.
func.func @outside_arena(%x: tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32> attributes {huge.arena_size = 4096 : i64} {
  // expected-error @+1 {{buffer [4096, 8192) is misaligned, empty or outside the arena of 4096 bytes}}
  %a = huge.relu %x {huge.buffer = #huge.buffer<offset = 4096, size = 4096, live = [0, 1]>} : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  %b = huge.sigmoid %a : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  return %b : tensor<1x4x16x16xf32>
}

// -----

func.func @insert_rows_outside(%t: tensor<1x2x3x8xf32>) -> tensor<1x2x4x8xf32> {
  %e = huge.empty : tensor<1x2x4x8xf32>
  // expected-error @+1 {{expects rows [2, 5) inside the 4 rows of dest}}
  %r = huge.insert_rows %t into %e {row = 2 : i64} : (tensor<1x2x3x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %r : tensor<1x2x4x8xf32>
}

// -----

func.func @insert_rows_width(%t: tensor<1x2x1x7xf32>) -> tensor<1x2x4x8xf32> {
  %e = huge.empty : tensor<1x2x4x8xf32>
  // expected-error @+1 {{expects columns [2, 9) inside the 8 columns of dest}}
  %r = huge.insert_rows %t into %e {row = 0 : i64, col = 2 : i64} : (tensor<1x2x1x7xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %r : tensor<1x2x4x8xf32>
}

// -----

func.func @insert_rows_channels(%t: tensor<1x3x1x8xf32>) -> tensor<1x2x4x8xf32> {
  %e = huge.empty : tensor<1x2x4x8xf32>
  // expected-error @+1 {{expects rank-4 tile and dest of equal batch and channels}}
  %r = huge.insert_rows %t into %e {row = 0 : i64} : (tensor<1x3x1x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %r : tensor<1x2x4x8xf32>
}

// -----

func.func @insert_rows_result(%t: tensor<1x2x1x8xf32>) -> tensor<1x2x5x8xf32> {
  %e = huge.empty : tensor<1x2x4x8xf32>
  // expected-error @+1 {{expects the result type of dest}}
  %r = huge.insert_rows %t into %e {row = 0 : i64} : (tensor<1x2x1x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x5x8xf32>
  return %r : tensor<1x2x5x8xf32>
}

// -----

// Window parameters are bounded: a dilation of 2^63-1 on a 1x1 kernel keeps
// the shape, but would wrap in the generated code's int fields.
func.func @dilation_out_of_range(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x1x1xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects |dilations| <= 65536, got [9223372036854775807, 1]}}
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 9223372036854775807, 1>, groups = 1} : (tensor<1x4x8x8xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @stride_out_of_range(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects |strides| <= 65536, got [4294967296, 1]}}
  %0 = huge.max_pool2d %x {kernel = array<i64: 1, 1>, strides = array<i64: 4294967296, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x1x8xf32>
  return
}

// -----

func.func @pool_kernel_out_of_range(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects |kernel| <= 65536, got [1099511627776, 1]}}
  %0 = huge.max_pool2d %x {kernel = array<i64: 1099511627776, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x1x8xf32>
  return
}

// -----

func.func @block_size_out_of_range(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects block_size in [1, 65536], got 1099511627776}}
  %0 = huge.depth_to_space %x {block_size = 1099511627776, mode = #huge<depth_to_space_mode dcr>} : (tensor<1x4x8x8xf32>) -> tensor<1x1x16x16xf32>
  return
}

// -----

func.func @pad_out_of_range(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects |pads| <= 65536, got [0, 0, 4611686018427387904, 0, 0, 0, 0, 0]}}
  %0 = huge.pad %x {pads = array<i64: 0, 0, 4611686018427387904, 0, 0, 0, 0, 0>, mode = #huge<pad_mode constant>, value = 0.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_rank(%v: tensor<4x4xf32>, %p: tensor<4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects input of rank >= 3, got rank 2}}
  %0 = huge.instance_norm %v, %p, %p {epsilon = 1.0e-5 : f32} : (tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @instance_norm_scale(%x: tensor<1x4x8x8xf32>, %q: tensor<3xf32>, %p: tensor<4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects scale of shape [4], got [3]}}
  %0 = huge.instance_norm %x, %q, %p {epsilon = 1.0e-5 : f32} : (tensor<1x4x8x8xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @reduce_no_axes(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects at least one axis}}
  %0 = huge.reduce sum %x {axes = array<i64>, keep_dims = true} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @reduce_axis_range(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects axes in [0, 4), got 4}}
  %0 = huge.reduce sum %x {axes = array<i64: 4>, keep_dims = true} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  return
}

// -----

func.func @reduce_axes_unsorted(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects sorted distinct axes}}
  %0 = huge.reduce max %x {axes = array<i64: 3, 2>, keep_dims = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @unary_params(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects 2 params for selu, got 1}}
  %0 = huge.unary selu %x {params = array<f32: 1.0>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @resize_roi_without_crop(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects a roi only with tf_crop_and_resize}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode nearest>, coordinate_mode = #huge<coordinate_mode asymmetric>, nearest_mode = #huge<nearest_mode floor>, roi = array<f64: 0.0, 0.0, 1.0, 1.0>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @resize_crop_short_roi(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects a roi of 4 values (h_start, w_start, h_end, w_end), got 2}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode nearest>, coordinate_mode = #huge<coordinate_mode tf_crop_and_resize>, nearest_mode = #huge<nearest_mode floor>, roi = array<f64: 0.0, 1.0>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @resize_exclude_outside_linear(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects cubic_coeff_a and exclude_outside only with cubic interpolation}}
  %0 = huge.resize %x {scales = array<f64: 2.0, 2.0>, mode = #huge<resize_mode linear>, coordinate_mode = #huge<coordinate_mode half_pixel>, nearest_mode = #huge<nearest_mode floor>, exclude_outside} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @chain_params(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects 3 params for its steps, got 1}}
  %0 = huge.chain %x {steps = [#huge<step clip>, #huge<step add>], params = array<f32: 1.0>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @chain_empty(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{expects at least one step}}
  %0 = huge.chain %x {steps = [], params = array<f32>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @conv_residual_shape(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>, %r: tensor<1x2x4x1xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects a residual of the result's shape [1, 2, 4, 4], got [1, 2, 4, 1]}}
  %0 = huge.conv2d %x, %w, %r {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<1x2x4x1xf32>) -> tensor<1x2x4x4xf32>
  return
}

// -----

func.func @conv_two_residuals(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{expects a bias and a residual at most, in that order}}
  %0 = huge.conv2d %x, %w, %x, %x {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return
}

// -----

func.func @rows_packed_shape(%x: tensor<1x1x6x6xf32>, %w: tensor<32x1x2x2x16xf32>) {
  // expected-error @+1 {{expects packed weights [Cout, Cin/groups, kh, ceil(kw/sw), 16*ceil(sw/16)]}}
  %0 = huge.conv_transpose_rows %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, -1, -1>, kernel = array<i64: 2, 2>, groups = 1} : (tensor<1x1x6x6xf32>, tensor<32x1x2x2x16xf32>) -> tensor<1x32x13x13xf32>
  return
}

// -----

func.func @rows_extent(%x: tensor<1x1x6x6xf32>, %w: tensor<32x1x2x1x16xf32>) {
  // expected-error @+1 {{expects result extent 13 along axis 2, got 12}}
  %0 = huge.conv_transpose_rows %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, -1, -1>, kernel = array<i64: 2, 2>, groups = 1} : (tensor<1x1x6x6xf32>, tensor<32x1x2x1x16xf32>) -> tensor<1x32x12x13xf32>
  return
}

// -----

func.func @rows_window(%x: tensor<1x1x2x2xf32>, %w: tensor<4x1x1x2x1024xf32>) {
  // expected-error @+1 {{has a column window too wide for the kernel's staged rows}}
  %0 = huge.conv_transpose_rows %x, %w {strides = array<i64: 1, 1024>, pads = array<i64: 0, 0, 0, 0>, kernel = array<i64: 1, 2048>, groups = 1} : (tensor<1x1x2x2xf32>, tensor<4x1x1x2x1024xf32>) -> tensor<1x4x2x3072xf32>
  return
}

// -----

func.func @depthwise_form(%x: tensor<1x4x6x6xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{expects form "flat" or none, got "rows"}}
  %0 = huge.depthwise_conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, form = "rows"} : (tensor<1x4x6x6xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @depthwise_flat_stride(%x: tensor<1x4x6x6xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{form "flat" expects one output channel per input channel, stride 1, output rows as wide as the input's and at most 49 taps}}
  %0 = huge.depthwise_conv2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, form = "flat"} : (tensor<1x4x6x6xf32>, tensor<4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

func.func @depthwise_flat_width(%x: tensor<1x4x6x6xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{form "flat" expects one output channel per input channel}}
  %0 = huge.depthwise_conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, form = "flat"} : (tensor<1x4x6x6xf32>, tensor<4x3x3xf32>) -> tensor<1x4x4x4xf32>
  return
}
