//===- ConvPacking.cpp - compile-time packed convolution weights ----------===//

#include "huge/Dialect/Huge/Utils/ConvPacking.h"

#include "huge_runtime.h"

#include <cassert>
#include <limits>

namespace huge {

std::vector<float> packConvWeights(llvm::ArrayRef<float> weight, int64_t cout,
                                   int64_t cig, int64_t kh, int64_t kw,
                                   int64_t groups, int64_t blk) {
  assert(static_cast<int64_t>(weight.size()) == cout * cig * kh * kw &&
         "weights do not match their shape");
  // The importer refuses tensors of 2^31 elements or more, so every count
  // fits the runtime's int.
#ifndef NDEBUG
  for (int64_t v : {cout, cig, kh, kw, groups, blk,
                    packedConvSize(cout, cig, kh, kw, groups, blk)})
    assert(v >= 0 && v <= std::numeric_limits<int>::max() && "size too large");
#endif
  std::vector<float> packed(packedConvSize(cout, cig, kh, kw, groups, blk));
  huge_pack_conv2d_weights(weight.data(), static_cast<int>(cout),
                           static_cast<int>(cig), static_cast<int>(kh),
                           static_cast<int>(kw), static_cast<int>(groups),
                           static_cast<int>(blk), packed.data());
  return packed;
}

std::vector<float> packTransposeRowsWeights(llvm::ArrayRef<float> weight,
                                            int64_t cin, int64_t cout,
                                            int64_t kh, int64_t kw, int64_t sw,
                                            int64_t pl, int64_t groups) {
  int64_t taps = (kw + sw - 1) / sw;
  assert(static_cast<int64_t>(weight.size()) == cin * (cout / groups) * kh * kw &&
         "weights do not match their shape");
  std::vector<float> packed(cout * (cin / groups) * kh * taps * 16 *
                            ((sw + 15) / 16));
  huge_pack_transpose_rows_weights(
      weight.data(), static_cast<int>(cin), static_cast<int>(cout),
      static_cast<int>(kh), static_cast<int>(kw), static_cast<int>(sw),
      static_cast<int>(pl), static_cast<int>(groups), packed.data());
  return packed;
}

} // namespace huge
