//===- Layout.h - emission decisions recorded in the IR ---------*- C++ -*-===//
//
// huge-assign-layouts (part of huge-prepare-for-emission) records two
// decisions on the ops, where huge-opt tests see them and every printer reads
// them instead of taking them itself:
//
// - `huge.block = N` on each huge.conv2d: its weights are to be packed in
//   blocks of N output channels (ConvPacking.h), which huge-pack-conv-weights
//   then does. A multiple of 16 runs "by channel", anything else "by column".
// - `huge.layout = "nchw16c"` on an op whose result is stored
//   channel-blocked (NCHW16c, the target's channel_block); every other
//   activation is planar NCHW.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_DIALECT_HUGE_IR_LAYOUT_H
#define HUGE_DIALECT_HUGE_IR_LAYOUT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"

#include <optional>

namespace huge {

constexpr llvm::StringLiteral kBlockAttrName = "huge.block";
constexpr llvm::StringLiteral kLayoutAttrName = "huge.layout";
/// The one non-planar layout: channels in blocks of the target's
/// channel_block, innermost.
constexpr llvm::StringLiteral kBlockedLayout = "nchw16c";

/// The packed-weight block of a conv2d, if assigned.
inline std::optional<int64_t> getConvBlock(mlir::Operation *op) {
  if (auto block = op->getAttrOfType<mlir::IntegerAttr>(kBlockAttrName))
    return block.getInt();
  return std::nullopt;
}

/// Whether `v` is stored channel-blocked: the result of an op marked so.
inline bool hasBlockedLayout(mlir::Value v) {
  mlir::Operation *def = v.getDefiningOp();
  auto layout =
      def ? def->getAttrOfType<mlir::StringAttr>(kLayoutAttrName) : nullptr;
  return layout && layout.getValue() == kBlockedLayout;
}

} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_LAYOUT_H
