//===- LayerInfo.h - what passes know about a layer -------------*- C++ -*-===//
//
// The types of huge::LayerOpInterface (HugeInterfaces.td) and one query per
// method that also answers for ops without the interface, with the
// conservative default. MemoryPlan, huge-tile-fuse, LayerCost,
// huge-fuse-epilogues and the emitters ask these instead of listing op types.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_DIALECT_HUGE_IR_LAYERINFO_H
#define HUGE_DIALECT_HUGE_IR_LAYERINFO_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir {
class Operation;
} // namespace mlir

namespace huge {

enum class Activation : uint32_t;

/// How huge-tile-fuse maps a band of output rows to operand rows.
enum class TileRule {
  None,       // not tileable
  Conv,       // windowed; operand 0 may be a wider band (negative pads)
  Window,     // windowed; operand 0 exactly its rows (pools)
  Pad,        // constant pad
  Identity,   // spatial operands share the result's rows
  Slice,      // a window of its operand
  Interleave, // phases of the result
  Upsample,   // output row y reads operand 0's row y / f (depth_to_space,
              // f its block); bands start and end on multiples of f
  Resample,   // a resize: operand 0 may be a wider band (a row window)
  Whole,      // reads its operands whole (global pooling): inside a group
              // it runs once, before the bands
};

/// Geometry of a windowed layer along one spatial axis.
struct SpatialWindow {
  int64_t kernel, stride, pad, dilation;
};

/// An activation a convolution's epilogue applies, with its parameters
/// (leaky_relu: alpha; clip: min, max).
struct FusedActivation {
  Activation activation;
  llvm::SmallVector<float> params;
};

std::optional<unsigned> inPlaceOperand(mlir::Operation *op);
bool isLayoutAgnostic(mlir::Operation *op);
TileRule tileRule(mlir::Operation *op);
std::optional<SpatialWindow> spatialWindow(mlir::Operation *op,
                                           unsigned axis);
int64_t nominalMacs(mlir::Operation *op);
int64_t executedMacs(mlir::Operation *op);
std::optional<FusedActivation> asActivation(mlir::Operation *op);

} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_LAYERINFO_H
