//===- HugeDialect.cpp - huge dialect registration ------------------------===//

#include "huge/Dialect/Huge/IR/HugeDialect.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Layout.h"
#include "huge/Dialect/Huge/IR/Target.h"

#include "mlir/IR/BuiltinOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace huge;

#include "huge/Dialect/Huge/IR/HugeEnums.cpp.inc"
#include "huge/Dialect/Huge/IR/HugeOpsDialect.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "huge/Dialect/Huge/IR/HugeAttrs.cpp.inc"

void HugeDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "huge/Dialect/Huge/IR/HugeAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "huge/Dialect/Huge/IR/HugeOps.cpp.inc"
      >();
}

Operation *HugeDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}

/// `huge.target` on a module is a #huge.target. `huge.arena_size` on a
/// function: every `huge.buffer` inside fits, is aligned to the target's
/// alignment, and no two buffers alive at the same step overlap.
LogicalResult HugeDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attr) {
  if (attr.getName() == kTargetAttrName) {
    if (!isa<ModuleOp>(op) || !isa<TargetAttr>(attr.getValue()))
      return op->emitError("expects huge.target to be a #huge.target on a "
                           "module");
    return success();
  }
  if (attr.getName() == kBlockAttrName) {
    auto block = dyn_cast<IntegerAttr>(attr.getValue());
    if (!isa<Conv2dOp>(op) || !block || block.getInt() <= 0)
      return op->emitError("expects huge.block to be a positive integer on a "
                           "huge.conv2d");
    return success();
  }
  if (attr.getName() == kLayoutAttrName) {
    auto layout = dyn_cast<StringAttr>(attr.getValue());
    if (!layout || layout.getValue() != kBlockedLayout)
      return op->emitError("expects huge.layout to be \"")
             << kBlockedLayout << "\"";
    int64_t block = getTarget(op).getChannelBlock();
    auto type = op->getNumResults() == 1
                    ? dyn_cast<RankedTensorType>(op->getResult(0).getType())
                    : RankedTensorType();
    if (!type || type.getRank() != 4 || block == 0 ||
        type.getDimSize(1) % block != 0)
      return op->emitError("huge.layout \"")
             << kBlockedLayout
             << "\" needs one rank-4 result whose channels are a multiple of "
                "the target's channel_block ("
             << block << ")";
    return success();
  }
  if (attr.getName() == "huge.view") {
    if (!isa<ViewAttr>(attr.getValue()) || op->getNumResults() != 1)
      return op->emitError("expects huge.view to be a #huge.view on an op "
                           "with one result");
    return success();
  }
  if (attr.getName() == "huge.one_pass") {
    if (!isa<InterleaveOp>(op) || !isa<UnitAttr>(attr.getValue()))
      return op->emitError("expects huge.one_pass to be a unit attribute on "
                           "a huge.interleave");
    return success();
  }
  if (attr.getName() == "huge.buffer") {
    if (!isa<BufferAttr>(attr.getValue()))
      return op->emitError("expects huge.buffer to be a #huge.buffer");
    return success();
  }
  if (attr.getName() != "huge.arena_size")
    return success();
  auto size = dyn_cast<IntegerAttr>(attr.getValue());
  if (!size || size.getInt() < 0)
    return op->emitError(
        "expects huge.arena_size to be a non-negative integer");
  struct Placed {
    BufferAttr buffer;
    Operation *op;
  };
  SmallVector<Placed> buffers;
  LogicalResult result = success();
  int64_t alignment = getTarget(op).getAlignment();
  op->walk([&](Operation *inner) {
    auto buffer = inner->getAttrOfType<BufferAttr>("huge.buffer");
    if (!buffer || failed(result))
      return;
    if (buffer.getOffset() < 0 || buffer.getOffset() % alignment != 0 ||
        buffer.getSize() <= 0 ||
        buffer.getOffset() + buffer.getSize() > size.getInt() ||
        buffer.getFirst() > buffer.getLast()) {
      result = inner->emitError("buffer [")
               << buffer.getOffset() << ", "
               << buffer.getOffset() + buffer.getSize()
               << ") is misaligned, empty or outside the arena of "
               << size.getInt() << " bytes";
      return;
    }
    for (const Placed &other : buffers) {
      BufferAttr b = other.buffer;
      if (b == buffer)
        continue; // the same storage, shared
      bool together =
          b.getFirst() <= buffer.getLast() && buffer.getFirst() <= b.getLast();
      bool overlap = b.getOffset() < buffer.getOffset() + buffer.getSize() &&
                     buffer.getOffset() < b.getOffset() + b.getSize();
      if (together && overlap) {
        InFlightDiagnostic diag = inner->emitError("buffer [");
        diag << buffer.getOffset() << ", "
             << buffer.getOffset() + buffer.getSize() << ") alive over ["
             << buffer.getFirst() << ", " << buffer.getLast() << "] overlaps ["
             << b.getOffset() << ", " << b.getOffset() + b.getSize()
             << ") alive over [" << b.getFirst() << ", " << b.getLast() << "]";
        diag.attachNote(other.op->getLoc()) << "the other buffer";
        result = failure();
        return;
      }
    }
    buffers.push_back({buffer, inner});
  });
  return result;
}
