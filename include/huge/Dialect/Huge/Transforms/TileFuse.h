//===- TileFuse.h - memory-aware fusing and tiling --------------*- C++ -*-===//
//
// The pieces of huge-tile-fuse (see TileFuse.cpp): configurations of fused
// groups, their exact arena prediction, and the search under a budget.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_DIALECT_HUGE_TRANSFORMS_TILEFUSE_H
#define HUGE_DIALECT_HUGE_TRANSFORMS_TILEFUSE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace huge {

/// Layers [first, last] (indices among the function's ops, constants and
/// the return excluded) run band by band, in `tiles` bands of output rows.
/// With `recompute` = d > 0, the layers outside the group that feed it and
/// lie at most d layers above the model inputs (with every layer between)
/// are recomputed on each band instead of being kept whole: the skip
/// connections of a U-Net's first levels.
///
/// With `carry`, each band keeps the rows of the previous band that it
/// reads again (the halo of its windowed layers) and computes only the rows
/// past them; without, it recomputes them.
struct TileGroup {
  int64_t first = 0, last = 0, tiles = 1;
  int64_t recompute = 0;
  bool carry = false;
  /// Columns of the grid: with cols > 1 the result is split into tiles x
  /// cols tiles (a 2-D grid), run row by row. Tiles recompute their column
  /// halos; with `carry` each keeps the rows the tile below reads again.
  int64_t cols = 1;
  /// Tiles of the grid (1: the group is not tiled).
  int64_t count() const { return tiles * cols; }
};

/// The deepest recompute the search tries, in layers above the inputs.
constexpr int64_t kMaxRecomputeDepth = 8;

/// Disjoint groups, in layer order.
struct TileConfig {
  llvm::SmallVector<TileGroup> groups;
  /// "FIRST-LAST:TILES[xCOLS][r[DEPTH]][c],..." or "none" ("r" alone is
  /// depth 1, "c" carries).
  std::string str() const;
  static std::optional<TileConfig> parse(llvm::StringRef text);
};

/// What a configuration costs, from the tiled IR.
struct TilePrediction {
  int64_t arena = 0;      // bytes, exactly what the emitter prints
  int64_t lowerBound = 0; // largest live total of the tiled IR
  int64_t macs = 0;       // executed multiply-adds, halo recompute included
  int64_t cost = 0;     // macs + kMoveCost * floats copied + kCallCost * calls
  int64_t liveArea = 0; // sum over arena buffers of bytes x steps alive
  /// Not planned: it could not beat the search's cutoffs (the arena,
  /// lowerBound, liveArea and cost are then not known).
  bool pruned = false;
};

/// Cost of copying one float in a band's slice or insert, and of one kernel
/// call, in multiply-adds.
constexpr int64_t kMoveCost = 2;
constexpr int64_t kCallCost = 1000;

struct TileSearchResult {
  TileConfig config;
  TilePrediction prediction;
  bool fits = false;
  /// Every configuration evaluated, in order.
  llvm::SmallVector<std::pair<TileConfig, TilePrediction>> considered;
};

/// Whether layers[first..last] can form a group: every layer tileable in
/// rows, every value but the last used only inside the group, except by a
/// user for which `replaced(value's layer, user)` holds (a later group
/// recomputes that value, so the user will read its own copy).
bool isTileableGroup(
    llvm::ArrayRef<mlir::Operation *> layers, int64_t first, int64_t last,
    llvm::function_ref<bool(mlir::Operation *, mlir::Operation *)> replaced =
        nullptr);

/// The first group of `config` that cannot form a group, given what the
/// config's recomputing groups recompute; nullopt if every group can.
std::optional<size_t> untileableGroup(llvm::ArrayRef<mlir::Operation *> layers,
                                      const TileConfig &config);

/// Rewrites `func` with `config`; fails if a group is invalid or a band
/// would be empty (the IR may then be partly rewritten).
mlir::LogicalResult applyTiling(mlir::func::FuncOp func,
                                const TileConfig &config);

/// Tiles a copy of `func` and plans it; nullopt if `config` is invalid.
/// With `exact` false the plan skips its local search: an upper bound of
/// the arena, which the search uses to rank configurations quickly.
/// With `costCutoff`, a configuration whose cost without copies reaches it
/// is returned `pruned`, unplanned; with `arenaCutoff`, one whose arena's
/// lower bound exceeds it.
std::optional<TilePrediction>
predictTiling(mlir::func::FuncOp func, const TileConfig &config,
              bool exact = true,
              std::optional<int64_t> costCutoff = std::nullopt,
              std::optional<int64_t> arenaCutoff = std::nullopt);

/// Descends from no tiling to a configuration within `budget` bytes of the
/// lowest cost (see TileFuse.cpp); `fits` is false if none was found, and
/// the configuration is then the smallest arena reached. `prediction` is
/// exact; `considered` holds the quick estimates the descent compared.
mlir::FailureOr<TileSearchResult>
searchTiling(mlir::func::FuncOp func, int64_t budget, int64_t maxGroupLayers);

} // namespace huge

#endif // HUGE_DIALECT_HUGE_TRANSFORMS_TILEFUSE_H
