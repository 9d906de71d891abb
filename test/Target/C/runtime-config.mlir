// RUN: huge-translate --emit-c --huge-model-name=net %s -split-input-file | FileCheck %s
// RUN: huge-translate --emit-c --huge-model-name=net --huge-optimize=size %s -split-input-file | FileCheck %s --check-prefix=SIZE
// RUN: not huge-translate --emit-c --huge-optimize=fast %s -split-input-file 2>&1 | FileCheck %s --check-prefix=BAD

// huge_config.h names the runtime's kernel variants the model's layers call,
// so a firmware build compiles and links only those; --optimize=size keeps
// none of the unrolled ones.
// BAD: error: unknown --huge-optimize 'fast'; expected speed or size

// Two output channels: by-column tiles of 2 channels, nothing else.
// CHECK-LABEL: // ---- huge_config.h
// CHECK: #define HUGE_OPTIMIZE_SIZE 0
// CHECK-NEXT: #define HUGE_COLUMN_CHANNELS 0x4u /* channels: 2 */
// CHECK-NEXT: #define HUGE_CHANNEL_TILES 0
// CHECK-NEXT: #define HUGE_GATHERED_TILES 0
// CHECK-NEXT: #define HUGE_DEPTHWISE_TILES 0 /*
// SIZE-LABEL: // ---- huge_config.h
// SIZE: /* --optimize=size: the compact generic tiles only */
// SIZE-NEXT: #define HUGE_OPTIMIZE_SIZE 1
// SIZE-NOT: HUGE_COLUMN_CHANNELS
func.func @main(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x3xf32> {
  %w = huge.constant dense<1.0> : tensor<2x1x1x2xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x4x4xf32>, tensor<2x1x1x2xf32>) -> tensor<1x2x4x3xf32>
  return %0 : tensor<1x2x4x3xf32>
}

// -----

// Twelve output channels and a short reduction: blocks of 8 channels, the
// last one of 4. Twenty channels with a long reduction, rows of 6 pixels: a
// by-channel block whose short rows may be gathered.
// CHECK-LABEL: // ---- huge_config.h
// CHECK: #define HUGE_COLUMN_CHANNELS 0x110u /* channels: 4 8 */
// CHECK-NEXT: #define HUGE_CHANNEL_TILES 1
// CHECK-NEXT: #define HUGE_GATHERED_TILES 1
// CHECK-NEXT: #define HUGE_DEPTHWISE_TILES 0 /*
// CHECK-NEXT: #define HUGE_FLAT_COLUMNS 0 /*
func.func @main(%x: tensor<1x8x6x6xf32>) -> (tensor<1x12x6x6xf32>, tensor<1x20x6x6xf32>) {
  %w = huge.constant dense<0.5> : tensor<12x8x1x1xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x6x6xf32>, tensor<12x8x1x1xf32>) -> tensor<1x12x6x6xf32>
  %w2 = huge.constant dense<0.25> : tensor<20x8x3x3xf32>
  %1 = huge.conv2d %x, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x8x6x6xf32>, tensor<20x8x3x3xf32>) -> tensor<1x20x6x6xf32>
  return %0, %1 : tensor<1x12x6x6xf32>, tensor<1x20x6x6xf32>
}

// -----

// Depthwise 3x3 at stride 2 and 5x5: the unrolled depthwise tiles of both
// sizes; 4x4: by-column tiles of one channel.
// CHECK-LABEL: // ---- huge_config.h
// CHECK: #define HUGE_COLUMN_CHANNELS 0x2u /* channels: 1 */
// CHECK-NEXT: #define HUGE_CHANNEL_TILES 0
// CHECK-NEXT: #define HUGE_GATHERED_TILES 0
// CHECK-NEXT: #define HUGE_DEPTHWISE_TILES 3 /* depthwise tiles: bit 1 3x3, 2 5x5, 4 7x7, 8 runs of pixels */
func.func @main(%x: tensor<1x4x8x8xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x4x8x8xf32>, tensor<1x4x5x5xf32>) {
  %w = huge.constant dense<0.5> : tensor<4x3x3xf32>
  %b = huge.constant dense<0.0> : tensor<4xf32>
  %0 = huge.depthwise_conv2d %x, %w, %b {dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %w5 = huge.constant dense<0.5> : tensor<4x5x5xf32>
  %1 = huge.depthwise_conv2d %x, %w5, %b {dilations = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x5x5xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %w4 = huge.constant dense<0.5> : tensor<4x4x4xf32>
  %2 = huge.depthwise_conv2d %x, %w4, %b {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x4xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>
  return %0, %1, %2 : tensor<1x4x4x4xf32>, tensor<1x4x8x8xf32>, tensor<1x4x5x5xf32>
}

// -----

// A depthwise layer in runs of pixels: its kernel, and the 3x3 tiles it
// falls back to for a geometry it cannot take. A 3x3 by-column layer at
// stride 1 keeping the width: the by-column kernel's runs of pixels.
// CHECK-LABEL: // ---- net.c
// CHECK: huge_depthwise_conv2d_flat(
// CHECK-LABEL: // ---- huge_config.h
// CHECK: #define HUGE_DEPTHWISE_TILES 9 /*
// CHECK-NEXT: #define HUGE_FLAT_COLUMNS 1 /*
func.func @main(%x: tensor<1x4x6x6xf32>) -> (tensor<1x4x6x6xf32>, tensor<1x2x6x6xf32>) {
  %w = huge.constant dense<0.5> : tensor<4x3x3xf32>
  %0 = huge.depthwise_conv2d %x, %w {dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>, form = "flat"} : (tensor<1x4x6x6xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  %w2 = huge.constant dense<0.25> : tensor<2x4x3x3xf32>
  %1 = huge.conv2d %x, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x4x6x6xf32>, tensor<2x4x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %0, %1 : tensor<1x4x6x6xf32>, tensor<1x2x6x6xf32>
}
