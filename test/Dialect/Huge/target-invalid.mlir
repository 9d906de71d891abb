// RUN: huge-opt %s -split-input-file -verify-diagnostics
// RUN: not huge-opt %s -split-input-file -huge-set-target="target=c" 2>&1 | FileCheck %s --check-prefix=OTHER

// expected-error @+1 {{expects alignment to be a power of two from 4 to 4096, got 48}}
module attributes {huge.target = #huge.target<"c", alignment = 48, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = true>} {}

// -----

// expected-error @+1 {{expects channel_block to be 0 or a power of two up to 64, got 24}}
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 24, vector_width = 16, strided_outputs = true, in_place = true>} {}

// -----

// expected-error @+1 {{expects vector_width to be a power of two up to 64, got 0}}
module attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 16, vector_width = 0, strided_outputs = true, in_place = true>} {}

// -----

// expected-error @+1 {{expects huge.target to be a #huge.target on a module}}
func.func @f() attributes {huge.target = #huge.target<"c", alignment = 64, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = true>} {
  return
}

// -----

// A module compiled for one backend is not silently retargeted.
// OTHER: error: the module is compiled for target 'opencl', not 'c'
module attributes {huge.target = #huge.target<"opencl", alignment = 64, channel_block = 16, vector_width = 16, strided_outputs = true, in_place = true>} {}
