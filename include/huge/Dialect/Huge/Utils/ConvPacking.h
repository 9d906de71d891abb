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

/// The block size for a convolution with `cog` output channels per group and
/// a reduction of `reduction` = cig * kh * kw products per output, for
/// kernels whose vectors hold `vectorWidth` floats (the target's).
inline int64_t chooseConvBlock(int64_t cog, int64_t reduction,
                               int64_t vectorWidth) {
  if (cog >= vectorWidth && reduction > 64) {
    int64_t vectors = (cog + vectorWidth - 1) / vectorWidth;
    int64_t blocks = (cog + kMaxChannelBlock - 1) / kMaxChannelBlock;
    return vectorWidth * ((vectors + blocks - 1) / blocks);
  }
  return std::min(cog, kMaxColumnBlock);
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

} // namespace huge

#endif // HUGE_DIALECT_HUGE_UTILS_CONVPACKING_H
