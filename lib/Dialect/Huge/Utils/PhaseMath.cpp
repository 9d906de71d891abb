//===- PhaseMath.cpp - index math of untangled convolutions ---------------===//

#include "huge/Dialect/Huge/Utils/PhaseMath.h"

#include <numeric>

using namespace huge;

static int64_t ceilDiv(int64_t a, int64_t b) {
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

static int64_t floorDiv(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

llvm::SmallVector<AxisPhase> huge::transposedConvPhases(int64_t H, int64_t k,
                                                        int64_t s, int64_t p,
                                                        int64_t d, int64_t O) {
  llvm::SmallVector<AxisPhase> phases;
  int64_t K = d * (k - 1) + 1;
  int64_t q = d / std::gcd(s, d);
  for (int64_t rho = 0; rho < std::min(s, O); ++rho) {
    AxisPhase ph;
    ph.phase = rho;
    ph.extent = ceilDiv(O - rho, s);
    int64_t r = (rho + p) % s, c = (rho + p) / s;
    int64_t M = r < K ? ceilDiv(K - r, s) : 0;
    // Tap indices i < M whose dilated-kernel position r + i*s is a real tap.
    int64_t iFirst = -1;
    for (int64_t i = 0; i < std::min(M, q); ++i)
      if ((r + i * s) % d == 0) {
        iFirst = i;
        break;
      }
    if (iFirst >= 0) {
      int64_t count = (M - 1 - iFirst) / q + 1;
      int64_t iLast = iFirst + (count - 1) * q;
      for (int64_t u = 0; u < count; ++u)
        ph.taps.push_back((r + (iLast - u * q) * s) / d);
      ph.dilation = q;
      ph.padLo = iLast - c;
      ph.padHi = ph.extent - H - ph.padLo + q * (count - 1);
    }
    phases.push_back(std::move(ph));
  }
  return phases;
}

llvm::SmallVector<AxisPhase>
huge::dilatedConvPhases(int64_t H, int64_t k, int64_t d, int64_t p, int64_t O) {
  llvm::SmallVector<AxisPhase> phases;
  for (int64_t rho = 0; rho < std::min(d, O); ++rho) {
    AxisPhase ph;
    ph.phase = rho;
    ph.extent = ceilDiv(O - rho, d);
    int64_t a = rho - p;
    int64_t beta = ((a % d) + d) % d, gamma = floorDiv(a, d);
    ph.inputOffset = beta;
    ph.inputStep = d;
    ph.inputExtent = beta < H ? ceilDiv(H - beta, d) : 0;
    if (ph.inputExtent > 0) {
      for (int64_t t = 0; t < k; ++t)
        ph.taps.push_back(t);
      ph.padLo = -gamma;
      ph.padHi = ph.extent - ph.inputExtent - ph.padLo + k - 1;
    }
    phases.push_back(std::move(ph));
  }
  return phases;
}

int64_t huge::inRangeTaps(int64_t H, int64_t O, int64_t k, int64_t s, int64_t p,
                          int64_t d) {
  int64_t count = 0;
  for (int64_t t = 0; t < k; ++t)
    for (int64_t o = 0; o < O; ++o) {
      int64_t i = o * s - p + t * d;
      count += i >= 0 && i < H;
    }
  return count;
}
