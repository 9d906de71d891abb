//===- PhaseMathTest.cpp - phase math against brute force -----------------===//
//
// For every small configuration, the (input index, kernel tap) pairs each
// phase's sub-convolution reads must be exactly the pairs that contribute to
// those outputs by the definition of the transposed or dilated convolution.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/Utils/PhaseMath.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

using namespace huge;

namespace {
using Pair = std::tuple<int64_t, int64_t, int64_t>; // output, input, tap

std::set<Pair> subConvPairs(const AxisPhase &ph, int64_t stride, int64_t H) {
  std::set<Pair> pairs;
  for (int64_t n = 0; n < ph.extent; ++n)
    for (size_t u = 0; u < ph.taps.size(); ++u) {
      int64_t m = n - ph.padLo + static_cast<int64_t>(u) * ph.dilation;
      int64_t i = ph.inputOffset + m * ph.inputStep;
      bool inside = m >= 0 && (ph.inputExtent ? m < ph.inputExtent : i < H);
      if (inside && i >= 0 && i < H)
        pairs.insert({ph.phase + n * stride, i, ph.taps[u]});
    }
  return pairs;
}
} // namespace

TEST(PhaseMath, TransposedConvMatchesDefinition) {
  int configs = 0;
  for (int64_t H = 1; H <= 6; ++H)
    for (int64_t k = 1; k <= 7; ++k)
      for (int64_t s = 1; s <= 4; ++s)
        for (int64_t d = 1; d <= 3; ++d)
          for (int64_t p = 0; p <= d * (k - 1) + 1; ++p)
            for (int64_t op = 0; op < std::max(s, d); ++op) {
              int64_t O = (H - 1) * s - 2 * p + d * (k - 1) + op + 1;
              if (O < 1)
                continue;
              ++configs;
              std::set<Pair> want, got;
              for (int64_t i = 0; i < H; ++i)
                for (int64_t t = 0; t < k; ++t) {
                  int64_t o = i * s - p + t * d;
                  if (o >= 0 && o < O)
                    want.insert({o, i, t});
                }
              auto phases = transposedConvPhases(H, k, s, p, d, O);
              int64_t covered = 0;
              for (const AxisPhase &ph : phases) {
                covered += ph.extent;
                // the sub-convolution's output extent formula holds
                if (!ph.taps.empty()) {
                  EXPECT_EQ(ph.extent, H + ph.padLo + ph.padHi -
                                           ph.dilation * (ph.taps.size() - 1));
                }
                for (const Pair &pr : subConvPairs(ph, s, H))
                  got.insert(pr);
              }
              EXPECT_EQ(covered, O);
              ASSERT_EQ(got, want) << "H=" << H << " k=" << k << " s=" << s
                                   << " p=" << p << " d=" << d << " op=" << op;
            }
  EXPECT_GT(configs, 2000);
}

TEST(PhaseMath, DilatedConvMatchesDefinition) {
  for (int64_t H = 1; H <= 12; ++H)
    for (int64_t k = 1; k <= 5; ++k)
      for (int64_t d = 2; d <= 5; ++d)
        for (int64_t p = 0; p <= d * (k - 1); ++p) {
          int64_t O = H + 2 * p - d * (k - 1);
          if (O < 1)
            continue;
          std::set<Pair> want, got;
          for (int64_t o = 0; o < O; ++o)
            for (int64_t t = 0; t < k; ++t) {
              int64_t i = o - p + t * d;
              if (i >= 0 && i < H)
                want.insert({o, i, t});
            }
          int64_t covered = 0;
          for (const AxisPhase &ph : dilatedConvPhases(H, k, d, p, O)) {
            covered += ph.extent;
            if (!ph.taps.empty()) {
              EXPECT_EQ(ph.extent, ph.inputExtent + ph.padLo + ph.padHi -
                                       static_cast<int64_t>(ph.taps.size()) +
                                       1);
            }
            for (const Pair &pr : subConvPairs(ph, d, H))
              got.insert(pr);
          }
          EXPECT_EQ(covered, O);
          ASSERT_EQ(got, want)
              << "H=" << H << " k=" << k << " d=" << d << " p=" << p;
          EXPECT_EQ(static_cast<int64_t>(want.size()),
                    inRangeTaps(H, O, k, 1, p, d));
        }
}

// The worked example of the design notes: k4 s2 p1 gives
// out[2n] = in[n-1] w3 + in[n] w1 and out[2n+1] = in[n] w2 + in[n+1] w0.
TEST(PhaseMath, K4S2P1Example) {
  auto phases = transposedConvPhases(/*H=*/4, /*k=*/4, /*s=*/2, /*p=*/1,
                                     /*d=*/1, /*O=*/8);
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_EQ(phases[0].taps, (llvm::SmallVector<int64_t>{3, 1}));
  EXPECT_EQ(phases[0].padLo, 1);
  EXPECT_EQ(phases[0].padHi, 0);
  EXPECT_EQ(phases[1].taps, (llvm::SmallVector<int64_t>{2, 0}));
  EXPECT_EQ(phases[1].padLo, 0);
  EXPECT_EQ(phases[1].padHi, 1);
}

// Stride larger than the kernel: phases without taps get the bias only.
TEST(PhaseMath, StrideAboveKernelLeavesBiasOnlyPhases) {
  auto phases = transposedConvPhases(3, 2, 4, 0, 1, 10);
  ASSERT_EQ(phases.size(), 4u);
  EXPECT_EQ(phases[0].taps.size(), 1u);
  EXPECT_EQ(phases[1].taps.size(), 1u);
  EXPECT_TRUE(phases[2].taps.empty());
  EXPECT_TRUE(phases[3].taps.empty());
}
