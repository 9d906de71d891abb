//===- PhaseMath.h - index math of untangled convolutions -------*- C++ -*-===//
//
// Per spatial axis, how a transposed or dilated convolution splits into
// dense stride-1 sub-convolutions, one per output phase (outputs
// rho, rho + s, rho + 2s, ...). Pure arithmetic, shared by the passes and
// unit-tested on its own (unittests/PhaseMathTest.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_DIALECT_HUGE_UTILS_PHASEMATH_H
#define HUGE_DIALECT_HUGE_UTILS_PHASEMATH_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace huge {

/// One output phase along one axis, computed by a stride-1 sub-convolution:
/// phaseOut[n] = sum_u in[n - padLo + u * dilation] * w[taps[u]].
struct AxisPhase {
  int64_t phase = 0;               // rho
  int64_t extent = 0;              // outputs in this phase: ceil((O - rho) / s)
  llvm::SmallVector<int64_t> taps; // kernel indices; empty: bias only
  int64_t dilation = 1;            // input spacing between consecutive taps
  int64_t padLo = 0, padHi = 0;    // of the sub-convolution; negative crops
  /// For dilated convolutions: the sub-image in[offset + m * step] the
  /// sub-convolution reads (offset = beta, step = d), `inputExtent` long.
  int64_t inputOffset = 0, inputStep = 1, inputExtent = 0;
};

/// Transposed convolution along one axis: input extent H, kernel k, stride
/// s, pad p (leading), dilation d, output extent O (output_padding and the
/// trailing pad are implied by O). Returns the phases rho in [0, min(s, O)).
///
/// With K = d(k - 1) + 1, r = (rho + p) mod s, c = (rho + p) div s, the
/// dilated-kernel taps hitting phase rho are e = r + i*s (i < ceil((K-r)/s))
/// with e a multiple of d; they are spaced q = d / gcd(s, d) apart in i.
/// Listed by increasing input index, tap u reads in[n + c - iLast + u*q]
/// with weight w[(r + (iLast - u*q)*s) / d].
llvm::SmallVector<AxisPhase> transposedConvPhases(int64_t H, int64_t k,
                                                  int64_t s, int64_t p,
                                                  int64_t d, int64_t O);

/// Stride-1 dilated convolution along one axis: input H, kernel k, dilation
/// d, pad p (leading), output O. Phase rho reads the sub-image
/// in[beta + m*d] with a = rho - p, beta = a mod d, gamma = floor(a / d):
/// out[rho + n*d] = sum_t sub[n + gamma + t] * w[t], a dense convolution of
/// the compact kernel.
llvm::SmallVector<AxisPhase> dilatedConvPhases(int64_t H, int64_t k, int64_t d,
                                               int64_t p, int64_t O);

/// Number of (output, tap) pairs of a direct convolution along one axis
/// whose input index lies inside [0, H): the multiply-adds it executes per
/// channel pair, for output extent O, stride s, leading pad p, dilation d.
int64_t inRangeTaps(int64_t H, int64_t O, int64_t k, int64_t s, int64_t p,
                    int64_t d);

} // namespace huge

#endif // HUGE_DIALECT_HUGE_UTILS_PHASEMATH_H
