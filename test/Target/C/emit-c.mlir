// RUN: huge-translate --emit-c --huge-model-name=net %s | FileCheck %s
// RUN: huge-translate --emit-c --huge-model-name=net --huge-weight-format=decimal %s | FileCheck %s --check-prefix=DECIMAL

// The header carries the contract's macros; every layer calls its runtime
// kernel with its geometry; the last layer writes straight into outputs[0].

// CHECK-LABEL: // ---- net.h
// CHECK: #define NET_ARENA_SIZE 1024
// CHECK: #define NET_ARENA_ALIGN 64
// CHECK: #define NET_WEIGHT_BYTES 296
// CHECK: #define NET_NUM_INPUTS 1
// CHECK: #define NET_NUM_OUTPUTS 1
// CHECK: /* input 0 'image': float[1, 2, 8, 8], NCHW */
// CHECK: #define NET_INPUT_0_SIZE 128
// CHECK: #define NET_INPUT_0_SHAPE {1, 2, 8, 8}
// CHECK: #define NET_OUTPUT_0_SIZE 256
// CHECK: int net_run(const float *const inputs[], float *const outputs[], void *arena);

// CHECK-LABEL: // ---- net.c
// Weights are named after the layer that reads them and their role there; a
// constant nothing reads is still emitted. By default they are the bytes of
// little-endian floats, one string literal per 64-byte row of a union whose
// `data` member the code reads (0.5f = 00 00 00 3f; -1.0f = 00 00 80 bf,
// 2.25f = 00 00 10 40); decimal float literals on request.
// CHECK: __ORDER_LITTLE_ENDIAN__
// CHECK: NET_WEIGHT_ATTR NET_WEIGHT_ALIGN static const union {
// CHECK-NEXT: unsigned char bytes[5][64];
// CHECK-NEXT: float data[72];
// CHECK-NEXT: } net_conv2d0_w = {{[{][{]}}
// CHECK-NEXT: "\000\000\000\077\000\000\000\077
// CHECK: } net_unused = {{[{][{]}}
// CHECK-NEXT: "\000\000\200\277\000\000\020@"{{[}][}]}};
// DECIMAL-NOT: __ORDER_LITTLE_ENDIAN__
// DECIMAL: NET_WEIGHT_ATTR NET_WEIGHT_ALIGN static const float net_conv2d0_w[72] = {
// DECIMAL-NEXT: 0.5f, 0.5f
// DECIMAL: NET_WEIGHT_ATTR NET_WEIGHT_ALIGN static const float net_unused[2] = {
// DECIMAL-NEXT: -1.0f, 2.25f
// DECIMAL: huge_conv2d(inputs[0], net_conv2d0_w, 4, NULL, (float *)base, &p);
// CHECK: int net_run(
// CHECK: { /* huge.packed_conv2d -> [1, 4, 8, 8] */
// CHECK-NEXT: static const huge_conv_params p = {
// CHECK-NEXT: .n = 1, .cin = 2, .h = 8, .w = 8, .cout = 4, .oh = 8, .ow = 8,
// CHECK-NEXT: .kh = 3, .kw = 3, .sh = 1, .sw = 1, .pt = 1, .pl = 1, .dh = 1, .dw = 1,
// CHECK-NEXT: .groups = 1, .ocs = 64, .oys = 8, .oxs = 1};
// CHECK-NEXT: huge_conv2d(inputs[0], net_conv2d0_w.data, 4, NULL, (float *)base, &p);
// CHECK: { /* huge.relu -> [1, 4, 8, 8] */
// CHECK-NEXT: huge_relu((float *)base, outputs[0], 256);
// CHECK-NEXT: }
// CHECK: return 0;
func.func @main(%x: tensor<1x2x8x8xf32> {huge.name = "image"}) -> tensor<1x4x8x8xf32> {
  %w = huge.constant dense<0.5> : tensor<4x2x3x3xf32>
  %unused = huge.constant dense<[-1.0, 2.25]> : tensor<2xf32>
  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x8x8xf32>
  %1 = huge.relu %0 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %1 : tensor<1x4x8x8xf32>
}
