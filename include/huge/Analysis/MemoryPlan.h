//===- MemoryPlan.h - static arena plan of a model --------------*- C++ -*-===//
//
// Decides where every tensor of a model function lives: the caller's input
// and output buffers, a weight array, or an offset in one scratch arena. What
// the target's kernels allow (#huge.target: alignment, strided views,
// in-place element-wise ops) bounds the choices.
// Arena buffers get lifetimes (first definition to last use, in op order) and
// offsets such that no two buffers alive at the same step overlap.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_ANALYSIS_MEMORYPLAN_H
#define HUGE_ANALYSIS_MEMORYPLAN_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <limits>

namespace huge {

/// The unit attribute on a huge.interleave whose phases are computed in one
/// kernel pass over their shared input (MemoryPlan::phaseGroup).
constexpr llvm::StringLiteral kOnePassAttrName = "huge.one_pass";

struct Storage {
  enum class Kind { Input, Output, Arena, Constant };
  Kind kind = Kind::Arena;
  /// Input or output position for Input/Output; buffer index for Arena.
  int64_t index = 0;
};

/// One arena buffer: the tensors that share storage (a value and the
/// reshapes of it), alive over op steps [begin, end].
struct ArenaBuffer {
  mlir::Value root;
  int64_t begin = 0, end = 0;
  int64_t size = 0;   // bytes, rounded up to the target's alignment
  int64_t offset = 0; // bytes from the arena base
};

/// A value stored inside its owner's buffer through a strided layout: a
/// single-use conv2d phase of huge.interleave or a band of an in-place
/// huge.insert_rows, written in place; or a band of rows (huge.slice) that
/// convolutions read in place. Element
/// (b, c, y, x) of the value is element
/// offset + (b * C + c) * channelStride + y * rowStride + x * colStride
/// of the owner.
struct StridedView {
  mlir::Value owner;
  int64_t offset = 0;
  int64_t channelStride = 0, rowStride = 0, colStride = 0;
};

class MemoryPlan {
public:
  /// Plans `func`, whose body is a single block of huge ops. If the function
  /// already carries a plan (huge.arena_size and huge.buffer attributes, see
  /// huge-plan-memory), its offsets are used as written, after validation.
  /// `localSearch` = false skips the local search after the greedy orders:
  /// quicker, and never a smaller arena than the full plan.
  /// A plan whose lower bound exceeds `placeUpTo` is returned unplaced
  /// (isPlaced() false, arenaSize() the bound): what a search that only
  /// needs to know the arena is larger asks for.
  static mlir::FailureOr<MemoryPlan>
  build(mlir::func::FuncOp func, bool localSearch = true,
        int64_t placeUpTo = std::numeric_limits<int64_t>::max());

  /// Writes the plan into the IR: huge.arena_size on `func`, #huge.buffer
  /// on every op whose result lives in the arena, #huge.view on every result
  /// written inside another's storage, and huge.one_pass on every
  /// huge.interleave whose phases are computed in one pass (phaseGroup).
  void annotate(mlir::func::FuncOp func) const;

  /// The storage of `v`, i.e. of the root of its reshape chain.
  const Storage &storageOf(mlir::Value v) const;
  /// The value that owns the storage of `v` (follows reshapes and views).
  mlir::Value rootOf(mlir::Value v) const;
  /// The strided view `v` is written through, if it is one.
  std::optional<StridedView> viewOf(mlir::Value v) const;
  /// Whether `v` is computed in place inside the storage of `into` (a phase
  /// in its interleave, a part in its concatenation, a band in its
  /// insert_rows), so that `into`'s op has nothing to copy for it. A slice
  /// read in place from some other tensor is a view, but not of `into`.
  bool isWrittenInto(mlir::Value v, mlir::Value into) const {
    std::optional<StridedView> view = viewOf(v);
    return view && rootOf(view->owner) == rootOf(into);
  }
  /// Index of `op` in execution order (constants have none).
  int64_t stepOf(mlir::Operation *op) const { return steps.lookup(op); }

  /// The phases of one huge.interleave that are all convolution views of
  /// the same input and bias are computed by one kernel pass, which reads
  /// the input once (recorded as huge.one_pass on the interleave). For the first phase of such a group (in op order) this returns
  /// all of its convolutions; for the others an empty list and
  /// isGroupedPhase() is true.
  llvm::ArrayRef<mlir::Operation *> phaseGroup(mlir::Operation *leader) const;
  bool isGroupedPhase(mlir::Operation *op) const {
    return groupedPhases.contains(op);
  }

  llvm::ArrayRef<ArenaBuffer> buffers() const { return arenaBuffers; }
  /// Arena offsets and sizes are multiples of this: the alignment of the
  /// module's #huge.target.
  int64_t alignment() const { return align; }
  int64_t arenaSize() const { return size; }
  /// False if build() stopped at the lower bound (see placeUpTo).
  bool isPlaced() const { return placed; }
  /// The largest total size of arena buffers alive at one step: no plan
  /// without tiling can use less.
  int64_t lowerBound() const { return bound; }

  /// Checks that every buffer fits in the arena and that no two buffers alive
  /// at the same step overlap; reports the first violation on `func`.
  mlir::LogicalResult validate(mlir::func::FuncOp func) const;

private:
  static mlir::FailureOr<MemoryPlan> buildOnce(mlir::func::FuncOp func,
                                               bool localSearch,
                                               bool concatViews,
                                               bool &concatCandidates,
                                               int64_t placeUpTo);

  llvm::DenseMap<mlir::Value, Storage> storage;
  llvm::DenseMap<mlir::Value, StridedView> views;
  llvm::DenseMap<mlir::Operation *, llvm::SmallVector<mlir::Operation *>>
      phaseGroups;
  llvm::DenseSet<mlir::Operation *> groupedPhases;
  /// The interleaves whose phases form a group.
  llvm::DenseSet<mlir::Operation *> onePass;
  llvm::DenseMap<mlir::Operation *, int64_t> steps;
  llvm::SmallVector<ArenaBuffer> arenaBuffers;
  int64_t size = 0;
  int64_t bound = 0;
  bool placed = true;
  int64_t align = 64;
  /// In-place ops: result -> the operand whose storage it overwrites.
  llvm::DenseMap<mlir::Value, mlir::Value> inPlace;
};

} // namespace huge

#endif // HUGE_ANALYSIS_MEMORYPLAN_H
