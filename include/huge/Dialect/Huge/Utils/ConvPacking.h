//===- ConvPacking.h - compile-time packed convolution weights --*- C++ -*-===//
//
// Every convolution the C target emits reads weights packed at compile time
// as [groups][ceil(cog / blk)][kh][kw][cig][blk] (cog, cig: output and input
// channels per group; lanes past cog are zero). The runtime's huge_conv2d
// reads this layout, and the block size blk selects its loop order:
//
// - a multiple of 16 ("by channel"): tiles of output pixels x vectors of
//   output channels; the weights of one step are whole vectors. Best when a
//   group has many output channels and a long reduction.
// - anything else ("by column"): tiles of up to 8 output channels x vectors
//   of output columns. Best for few output channels, or short reductions
//   (1x1 convolutions with few input channels), where by-channel tiles
//   would spend their time transposing results into NCHW.
//
// Both orders compute exactly the taps that fall inside the input.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_DIALECT_HUGE_UTILS_CONVPACKING_H
#define HUGE_DIALECT_HUGE_UTILS_CONVPACKING_H

#include "llvm/ADT/ArrayRef.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace huge {

/// Largest by-channel block (four AVX-512 vectors).
constexpr int64_t kMaxChannelBlock = 64;
/// By-column blocks hold at most this many output channels.
constexpr int64_t kMaxColumnBlock = 8;

/// The block size for a convolution with `cog` output channels per group, a
/// reduction of `reduction` = cig * kh * kw products per output, output rows
/// `ow` pixels wide read at column stride `stride`, for kernels whose vectors
/// hold `vectorWidth` floats (the target's).
///
/// The rule compares the two loop orders' cost per useful multiply-add, as
/// lanes that do no work and work that is not a multiply-add:
///
/// - by channel: vectors of output channels, so 1 / (cog / cog rounded up to
///   vectors) for the idle lanes of the last vector, times (1 + 32 /
///   reduction) for transposing each output vector into NCHW (about 32
///   multiply-adds' worth, which a long reduction hides);
/// - by column: vectors of output columns, so 1 / (ow / ow rounded up to
///   vectors), times 2 where the stride makes every input vector a gather,
///   times cog rounded up to its blocks of at most 8 channels / cog, times
///   1.1 for reusing each input vector over at most 8 channels (against the
///   by-channel tiles' wider register blocks).
///
/// By channel needs at least one whole vector of output channels; with
/// every lane of its vectors used and a reduction over 64 it is taken
/// without comparing (its results then usually feed another by-channel
/// layer in the blocked layout, with no transposition at all). On the
/// shape sweep's grouped 1x1 layers and ShuffleNet's this picks the faster
/// order on 10 of 11 (the eleventh within 30%).
inline int64_t chooseConvBlock(int64_t cog, int64_t reduction, int64_t ow,
                               int64_t stride, int64_t vectorWidth) {
  auto roundUp = [](int64_t x, int64_t m) { return (x + m - 1) / m * m; };
  int64_t column = std::min(cog, kMaxColumnBlock);
  if (cog < vectorWidth)
    return column;
  int64_t vectors = (cog + vectorWidth - 1) / vectorWidth;
  int64_t blocks = (cog + kMaxChannelBlock - 1) / kMaxChannelBlock;
  int64_t channel = vectorWidth * ((vectors + blocks - 1) / blocks);
  if (cog % vectorWidth == 0 && reduction > 64)
    return channel;
  double byChannel = double(roundUp(cog, vectorWidth)) / double(cog) *
                     (1.0 + 32.0 / double(std::max<int64_t>(reduction, 1)));
  double byColumn = double(roundUp(std::max<int64_t>(ow, 1), vectorWidth)) /
                    double(std::max<int64_t>(ow, 1)) * (stride > 1 ? 2.0 : 1.0) *
                    double(roundUp(cog, column)) / double(cog) * 1.1;
  return byColumn < byChannel ? column : channel;
}

/// Number of floats of the packed form.
inline int64_t packedConvSize(int64_t cout, int64_t cig, int64_t kh, int64_t kw,
                              int64_t groups, int64_t blk) {
  int64_t cog = cout / groups;
  return groups * ((cog + blk - 1) / blk) * kh * kw * cig * blk;
}

/// Packs conv2d weights [cout][cig][kh][kw] into the layout above, with the
/// runtime's own huge_pack_conv2d_weights (runtime/src/conv/pack.c is
/// compiled into this library): the layout is written once.
std::vector<float> packConvWeights(llvm::ArrayRef<float> weight, int64_t cout,
                                   int64_t cig, int64_t kh, int64_t kw,
                                   int64_t groups, int64_t blk);

/// Most products per output (input channels per group x kernel rows per
/// output row x kernel columns per output column) for which a transposed
/// convolution runs in output order.
constexpr int64_t kRowsMaxProducts = 16;

/// Whether a transposed convolution (dilation 1) runs in output order
/// (huge.conv_transpose_rows, runtime huge_conv_transpose_rows) instead of
/// as phases. Its outputs each sum cig * ceil(kh/sh) * ceil(kw/sw) products
/// at most; when that is small, writing the output is the work. Phases then
/// cost a stored pixel per phase at the stride (by column) or a transposed
/// vector of channels per pixel (by channel), about 32 multiply-adds each,
/// while output order stores whole vectors of a row and spends 16-lane
/// multiply-adds on every column tap (lanes of shorter phases multiply zero
/// weights). Taken when the products per output are at most
/// kRowsMaxProducts and the packed weights (16 * ceil(sw/16) lanes per
/// kernel row and column tap) are at most 4x the plain ones or 1 MiB.
inline bool preferTransposeRows(int64_t cout, int64_t cig, int64_t kh,
                                int64_t kw, int64_t sh, int64_t sw) {
  int64_t taps = (kw + sw - 1) / sw;
  int64_t products = cig * ((kh + sh - 1) / sh) * taps;
  int64_t plain = cout * cig * kh * kw;
  int64_t packed = cout * cig * kh * taps * 16 * ((sw + 15) / 16);
  return products <= kRowsMaxProducts &&
         (packed <= 4 * plain || packed * 4 <= (int64_t(1) << 20));
}

/// Most kernel taps of a depthwise convolution computed in runs of pixels
/// (the runtime's huge_depthwise_conv2d_flat works out each tap's lanes
/// once per call, in a table of this many taps).
constexpr int64_t kFlatMaxTaps = 49;

/// Whether a depthwise convolution can be computed a plane at a time in
/// runs of pixels (`form = "flat"`): one output channel per input channel,
/// stride 1, output rows as wide as the input's (so output pixel y * w + x
/// reads input pixel y * w + x plus one offset per tap) and at most
/// kFlatMaxTaps taps.
inline bool flatDepthwiseFits(int64_t cin, int64_t cout, int64_t w, int64_t ow,
                              int64_t kh, int64_t kw, int64_t sh, int64_t sw) {
  return cin == cout && sh == 1 && sw == 1 && ow == w &&
         kh * kw <= kFlatMaxTaps;
}

/// Whether a depthwise convolution that fits runs in runs of pixels, for
/// kernels whose vectors hold `vectorWidth` floats. The row tiles
/// (huge_depthwise_conv2d) load each input vector once for the output rows
/// it feeds, but a row fills ow / (ow rounded up to vectors) of its lanes
/// and each tile is set up per channel; runs of pixels fill every lane (a
/// vector crosses row ends), with one masked load per tap and vector and
/// nothing set up per channel. Measured on 3x3-7x7 kernels at dilations
/// 1-16, runs of pixels win on planes of up to 16 vectors (2-5x on 4x4 to
/// 12x12, 0.8-0.9 at 16x16) and on planes of up to 48 vectors whose rows
/// fill under 80% of their lanes (20x20, 24x24: 0.6-0.8); larger planes
/// with fuller rows (28x28 and up) keep the row tiles.
inline bool preferFlatDepthwise(int64_t cin, int64_t cout, int64_t w,
                                int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                                int64_t sh, int64_t sw, int64_t vectorWidth) {
  if (!flatDepthwiseFits(cin, cout, w, ow, kh, kw, sh, sw) || vectorWidth <= 0)
    return false;
  int64_t pixels = oh * ow;
  int64_t rowLanes = (ow + vectorWidth - 1) / vectorWidth * vectorWidth;
  return pixels <= 16 * vectorWidth ||
         (pixels <= 48 * vectorWidth && 5 * ow < 4 * rowLanes);
}

/// Packs transposed-convolution weights [cin][cout/groups][kh][kw] for
/// huge_conv_transpose_rows, with the runtime's own
/// huge_pack_transpose_rows_weights: [cout][cig][kh][ceil(kw/sw)][L].
std::vector<float> packTransposeRowsWeights(llvm::ArrayRef<float> weight,
                                            int64_t cin, int64_t cout,
                                            int64_t kh, int64_t kw, int64_t sw,
                                            int64_t pl, int64_t groups);

} // namespace huge

#endif // HUGE_DIALECT_HUGE_UTILS_CONVPACKING_H
