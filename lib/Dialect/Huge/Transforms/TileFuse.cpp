//===- TileFuse.cpp - memory-aware fusing and tiling ----------------------===//
//
// Fused tile partitioning (DeepThings, MAFAT) in row bands. A group is a run
// of consecutive layers whose intermediate values are used only inside the
// group; its result is split into T bands of rows, and each band's receptive
// field is propagated back through the group. Halo rows that neighbouring
// bands share are either recomputed by each band or carried: bands run top
// to bottom, and a carrying band keeps (huge.slice) the rows of each value
// that the next band reads again, so that the next computes only the rows
// past them and assembles both parts with huge.insert_rows. A group may
// also recompute, per band, the layers that feed it from at most DEPTH
// layers above the model inputs (a U-Net's first levels, whose results the
// last layers need again), so those results need not stay whole. The group
// is replaced by T copies of its layers, each on its band, whose results
// huge.insert_rows writes into one buffer. Only one band's intermediates
// (and the carried halos) are alive at a time, so the arena shrinks.
//
// Ranges: every value of a band has a row range [lo, hi) of the full value.
// Convolutions read their operand through a top pad that may be negative (a
// crop), so an operand band may be wider than one user needs (phases of an
// untangled transposed convolution share one input band); so may a resize,
// which carries the row window of the whole it computes. Every other layer
// needs its operand band exactly; a wider band is cut with huge.slice.
//
// The predictor is the memory planner itself, run on the tiled IR: the arena
// it predicts is the arena the emitter prints. The descent ranks candidates
// with the planner's quick mode (no local search), which never predicts
// less than the full plan; the configuration it picks is planned in full. The
// search is a descent over configurations (sets of groups with their band
// counts) whose neighbours add a group (carrying), change a group's band
// count, grow or shrink a group by one layer, toggle carrying, step its
// recompute depth, or drop a group; where
// none of them improves while over the budget, it also tries moving a group's
// first or last layer anywhere, with any band count. While the
// arena exceeds the budget it minimizes the arena (then the bytes x steps
// alive, so that lowering one of several equal peaks is progress); then it
// minimizes the cost, the executed multiply-adds (halo recompute included) plus
// kMoveCost per float the bands copy and kCallCost per extra kernel call, among
// configurations within the budget.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/Transforms/TileFuse.h"
#include "huge/Analysis/LayerCost.h"
#include "huge/Analysis/MemoryPlan.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Locations.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

#include <map>
#include <numeric>

namespace huge {
#define GEN_PASS_DEF_HUGETILEFUSEPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {

/// Rows [lo, hi) of a value, or columns.
struct Rows {
  int64_t lo = 0, hi = 0;
  int64_t size() const { return hi - lo; }
  bool operator==(const Rows &o) const { return lo == o.lo && hi == o.hi; }
  bool operator!=(const Rows &o) const { return !(*this == o); }
};

/// Rows `y` and columns `x` of a value: a band of whole rows, or a tile of
/// a 2-D grid.
struct Area {
  Rows y, x;
  Rows &operator[](unsigned axis) { return axis ? x : y; }
  const Rows &operator[](unsigned axis) const { return axis ? x : y; }
  bool empty() const { return y.size() < 1 || x.size() < 1; }
  bool operator==(const Area &o) const { return y == o.y && x == o.x; }
};

Rows unite(std::optional<Rows> a, Rows b) {
  return a ? Rows{std::min(a->lo, b.lo), std::max(a->hi, b.hi)} : b;
}

Area unite(std::optional<Area> a, Area b) {
  if (!a)
    return b;
  return {unite(a->y, b.y), unite(a->x, b.x)};
}

/// The extent of `v` along spatial axis `axis` (0: rows, 1: columns).
int64_t extentOf(Value v, unsigned axis) { return shapeOf(v)[2 + axis]; }
int64_t rowsOf(Value v) { return extentOf(v, 0); }

/// Geometry of a windowed layer along one axis: output row y reads input
/// rows y * stride - pad + k * dilation for k < kernel (columns likewise).
struct Window {
  int64_t kernel, stride, pad, dilation;
  Rows need(Rows out) const {
    return {out.lo * stride - pad,
            (out.hi - 1) * stride - pad + (kernel - 1) * dilation + 1};
  }
  /// Pads (before, after) that make a layer over input rows `in` compute
  /// exactly output rows `out`.
  std::pair<int64_t, int64_t> pads(Rows in, Rows out) const {
    int64_t top = pad + in.lo - out.lo * stride;
    int64_t bottom = (out.size() - 1) * stride + (kernel - 1) * dilation + 1 -
                     in.size() - top;
    return {top, bottom};
  }
};

using Rule = TileRule;

/// The op's tiling rule (LayerOpInterface); only single-result rank-4 ops
/// are tiled.
Rule ruleOf(Operation *op) {
  if (op->getNumResults() != 1 ||
      !isa<RankedTensorType>(op->getResultTypes()[0]) ||
      cast<ShapedType>(op->getResultTypes()[0]).getRank() != 4)
    return Rule::None;
  // A convolution's residual would need its own band: not tiled.
  if (convResidual(op))
    return Rule::None;
  return tileRule(op);
}

std::optional<Window> windowOf(Operation *op, unsigned axis) {
  if (std::optional<SpatialWindow> w = spatialWindow(op, axis))
    return Window{w->kernel, w->stride, w->pad, w->dilation};
  return std::nullopt;
}

/// Whether operand `i` of `op` is split into bands (else passed whole).
bool isBanded(Operation *op, unsigned i) {
  Value v = op->getOperand(i);
  if (v.getDefiningOp<ConstantOp>())
    return false;
  switch (ruleOf(op)) {
  case Rule::Conv:
  case Rule::Window:
  case Rule::Pad:
  case Rule::Slice:
    return i == 0;
  case Rule::Interleave:
    return i < cast<InterleaveOp>(op).getPhaseValues().size();
  case Rule::Upsample:
    return i == 0;
  case Rule::Resample:
    // A one-row input (a pooled vector broadcast to the map) is read whole:
    // what computes it runs once, not per band.
    return i == 0 && rowsOf(v) > 1;
  case Rule::Identity: {
    ArrayRef<int64_t> s = shapeOf(v);
    return s.size() == 4 && s[2] == rowsOf(op->getResult(0));
  }
  case Rule::Whole:
  case Rule::None:
    break;
  }
  return false;
}

/// Whether `op` can also be split into columns (a 2-D grid): a resize
/// computes whole rows, a slice must take unit steps along the row, and an
/// element-wise operand is either banded and spans the result's columns or,
/// passed whole, is one column wide (broadcast along the row) or not rank 4
/// (a batch norm's per-channel parameters). Any other configuration fails
/// to verify and is dropped.
bool splitsColumns(Operation *op) {
  switch (ruleOf(op)) {
  case Rule::Resample:
    return false;
  case Rule::Slice:
    return cast<SliceOp>(op).getSteps()[3] == 1;
  case Rule::Identity:
    for (unsigned i = 0; i < op->getNumOperands(); ++i) {
      ArrayRef<int64_t> s = shapeOf(op->getOperand(i));
      if (s.size() == 4 &&
          s[3] != (isBanded(op, i) ? extentOf(op->getResult(0), 1) : 1))
        return false;
    }
    return true;
  default:
    return true;
  }
}

/// The factor of an Upsample layer: output row y reads input row y / f
/// (columns likewise).
int64_t upsampleFactor(Operation *op) {
  return cast<DepthToSpaceOp>(op).getBlockSize();
}

int64_t floorDiv(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }

/// Rows widened to whole blocks of the layer that defines `v` where that
/// layer is an Upsample (it computes whole blocks of f rows or columns).
Rows alignedRows(Value v, Rows rows) {
  Operation *def = v.getDefiningOp();
  if (!def || ruleOf(def) != Rule::Upsample)
    return rows;
  int64_t f = upsampleFactor(def);
  return {floorDiv(rows.lo, f) * f, ceilDiv(rows.hi, f) * f};
}

/// Rows (axis 0) or columns (axis 1) of operand `i` that `op` reads to
/// compute its rows or columns `out`; for Conv the range before clipping
/// to the operand's extent.
Rows neededRows(Operation *op, unsigned i, Rows out, unsigned axis) {
  switch (ruleOf(op)) {
  case Rule::Conv:
  case Rule::Window:
    return windowOf(op, axis)->need(out);
  case Rule::Pad: {
    int64_t before = cast<PadOp>(op).getPads()[2 + axis];
    return {out.lo - before, out.hi - before};
  }
  case Rule::Slice: {
    int64_t offset = cast<SliceOp>(op).getOffsets()[2 + axis];
    return {offset + out.lo, offset + out.hi};
  }
  case Rule::Interleave: {
    auto il = cast<InterleaveOp>(op);
    int64_t s = il.getStrides()[axis], r = il.getPhases()[2 * i + axis];
    return {ceilDiv(out.lo - r, s), ceilDiv(out.hi - r, s)};
  }
  case Rule::Upsample: {
    int64_t f = upsampleFactor(op);
    return {floorDiv(out.lo, f), ceilDiv(out.hi, f)};
  }
  case Rule::Resample: {
    if (axis == 1) // only bands of whole rows (splitsColumns)
      return {0, extentOf(op->getOperand(i), 1)};
    auto [lo, hi] = cast<ResizeOp>(op).getSourceRows(out.lo, out.hi);
    return {lo, hi};
  }
  default:
    return out;
  }
}

Area neededRegion(Operation *op, unsigned i, const Area &out) {
  return {neededRows(op, i, out.y, 0), neededRows(op, i, out.x, 1)};
}

Rows clip(Rows r, int64_t extent) {
  return {std::max<int64_t>(r.lo, 0), std::min(r.hi, extent)};
}

/// `r` clipped to the extents of `v`.
Area clip(Area r, Value v) {
  return {clip(r.y, extentOf(v, 0)), clip(r.x, extentOf(v, 1))};
}

/// `r` widened to whole blocks of the Upsample layer defining `v`, clipped.
Area clipTo(Value v, Area r) {
  return clip(Area{alignedRows(v, r.y), alignedRows(v, r.x)}, v);
}

Area wholeOf(Value v) { return {{0, extentOf(v, 0)}, {0, extentOf(v, 1)}}; }

RankedTensorType withRegion(Type t, const Area &r) {
  auto type = cast<RankedTensorType>(t);
  SmallVector<int64_t> shape(type.getShape());
  shape[2] = r.y.size();
  shape[3] = r.x.size();
  return RankedTensorType::get(shape, type.getElementType());
}

} // namespace

//===----------------------------------------------------------------------===//
// Configurations
//===----------------------------------------------------------------------===//

std::string TileConfig::str() const {
  std::string s;
  for (const TileGroup &g : groups) {
    s += (s.empty() ? "" : ",") + std::to_string(g.first) + "-" +
         std::to_string(g.last) + ":" + std::to_string(g.tiles);
    if (g.cols > 1)
      s += "x" + std::to_string(g.cols);
    if (g.recompute > 0)
      s += "r" + (g.recompute > 1 ? std::to_string(g.recompute) : "");
    if (g.carry)
      s += "c";
  }
  return s.empty() ? "none" : s;
}

std::optional<TileConfig> TileConfig::parse(StringRef text) {
  TileConfig config;
  text = text.trim();
  if (text.empty() || text == "none")
    return config;
  SmallVector<StringRef> parts;
  text.split(parts, ',');
  for (StringRef part : parts) {
    auto [range, spec] = part.trim().split(':');
    auto [first, last] = range.split('-');
    TileGroup g;
    g.carry = spec.consume_back("c");
    auto [grid, depth] = spec.split('r');
    if (spec.contains('r'))
      g.recompute = 1;
    auto [tiles, cols] = grid.split('x');
    if (grid.contains('x') && cols.getAsInteger(10, g.cols))
      return std::nullopt;
    if (first.getAsInteger(10, g.first) || last.getAsInteger(10, g.last) ||
        tiles.getAsInteger(10, g.tiles) || g.first < 0 || g.last < g.first ||
        g.tiles < 1 || g.cols < 1 || g.tiles > 4096 || g.cols > 4096 ||
        (!depth.empty() && (depth.getAsInteger(10, g.recompute) ||
                            g.recompute < 1 || g.recompute > 1000)))
      return std::nullopt;
    config.groups.push_back(g);
  }
  llvm::sort(config.groups, [](const TileGroup &a, const TileGroup &b) {
    return a.first < b.first;
  });
  for (size_t i = 1; i < config.groups.size(); ++i)
    if (config.groups[i].first <= config.groups[i - 1].last)
      return std::nullopt;
  return config;
}

/// The layers of `func` in order: every op but constants and the return.
static SmallVector<Operation *> layersOf(func::FuncOp func) {
  SmallVector<Operation *> layers;
  for (Operation &op : func.getBody().front())
    if (!isa<ConstantOp, func::ReturnOp>(op))
      layers.push_back(&op);
  return layers;
}

bool huge::isTileableGroup(
    ArrayRef<Operation *> layers, int64_t first, int64_t last,
    function_ref<bool(Operation *, Operation *)> replaced) {
  if (first < 0 || last >= static_cast<int64_t>(layers.size()) || first > last)
    return false;
  DenseSet<Operation *> inside(layers.begin() + first,
                               layers.begin() + last + 1);
  for (int64_t i = first; i <= last; ++i) {
    Operation *op = layers[i];
    if (ruleOf(op) == Rule::None)
      return false;
    if (i == last)
      break;
    for (Operation *user : op->getResult(0).getUsers())
      if (!inside.contains(user) && !(replaced && replaced(op, user)))
        return false;
  }
  return rowsOf(layers[last]->getResult(0)) >= 2;
}

/// How many layers above the model inputs each layer that a band could
/// recompute lies: 1 + the deepest of its operands (model inputs and
/// constants are 0). A layer has no level if it cannot run per band from
/// banded operands: untileable, or reading a computed value whole.
static DenseMap<Operation *, int64_t>
recomputeLevels(ArrayRef<Operation *> layers) {
  DenseMap<Operation *, int64_t> levels;
  for (Operation *op : layers) {
    Rule rule = ruleOf(op);
    if (rule == Rule::None || rule == Rule::Whole)
      continue;
    int64_t level = 0;
    bool ok = true;
    for (unsigned i = 0; ok && i < op->getNumOperands(); ++i) {
      Value v = op->getOperand(i);
      if (isa<BlockArgument>(v) || v.getDefiningOp<ConstantOp>())
        continue;
      auto it = levels.find(v.getDefiningOp());
      ok = isBanded(op, i) && it != levels.end();
      if (ok)
        level = std::max(level, it->second);
    }
    if (ok)
      levels[op] = level + 1;
  }
  return levels;
}

/// The layers outside group [first, last] that its bands read, each with its
/// level (those that have one).
static SmallVector<std::pair<Operation *, int64_t>>
feedingLevels(ArrayRef<Operation *> layers, int64_t first, int64_t last,
              const DenseMap<Operation *, int64_t> &levels) {
  SmallVector<std::pair<Operation *, int64_t>> out;
  DenseSet<Operation *> inside(layers.begin() + first,
                               layers.begin() + last + 1);
  for (Operation *op : layers.slice(first, last - first + 1))
    for (unsigned i = 0; i < op->getNumOperands(); ++i) {
      Operation *def = op->getOperand(i).getDefiningOp();
      if (!def || inside.contains(def) || !isBanded(op, i))
        continue;
      if (auto it = levels.find(def); it != levels.end())
        out.push_back({def, it->second});
    }
  return out;
}

/// The layers outside group [first, last] that feed its bands from at most
/// `depth` layers above the model inputs, with every layer between them
/// and the inputs: a group with `recompute` = depth runs them per band.
static SmallVector<Operation *>
recomputable(ArrayRef<Operation *> layers, int64_t first, int64_t last,
             int64_t depth, const DenseMap<Operation *, int64_t> &levels) {
  SmallVector<Operation *> out, work;
  for (auto [def, level] : feedingLevels(layers, first, last, levels))
    if (level <= depth)
      work.push_back(def);
  // Everything a recomputed layer reads but constants is recomputed too
  // (it has a lower level).
  while (!work.empty()) {
    Operation *op = work.pop_back_val();
    if (llvm::is_contained(out, op))
      continue;
    out.push_back(op);
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp(); def && !isa<ConstantOp>(def))
        work.push_back(def);
  }
  return out;
}

/// The recompute depths worth trying for group [first, last]: 0, then each
/// level (up to kMaxRecomputeDepth) at which one more layer that feeds the
/// group directly becomes recomputable.
static SmallVector<int64_t>
recomputeDepths(ArrayRef<Operation *> layers, int64_t first, int64_t last,
                const DenseMap<Operation *, int64_t> &levels) {
  SmallVector<int64_t> depths = {0};
  for (auto [def, level] : feedingLevels(layers, first, last, levels))
    if (level <= kMaxRecomputeDepth)
      depths.push_back(level);
  llvm::sort(depths);
  depths.erase(std::unique(depths.begin(), depths.end()), depths.end());
  return depths;
}

static std::optional<size_t>
untileableGroup(ArrayRef<Operation *> layers, const TileConfig &config,
                const DenseMap<Operation *, int64_t> &levels) {
  // A use a recomputing group will replace by its own copy: (layer, user)
  // for every recomputed layer and its users inside that group.
  DenseSet<std::pair<Operation *, Operation *>> replaced;
  for (const TileGroup &g : config.groups) {
    if (g.recompute <= 0 || g.count() <= 1 ||
        g.last >= static_cast<int64_t>(layers.size()) || g.first < 0 ||
        g.first > g.last)
      continue;
    DenseSet<Operation *> inside(layers.begin() + g.first,
                                 layers.begin() + g.last + 1);
    for (Operation *op :
         recomputable(layers, g.first, g.last, g.recompute, levels))
      for (OpOperand &use : op->getUses())
        if (inside.contains(use.getOwner()) &&
            isBanded(use.getOwner(), use.getOperandNumber()))
          replaced.insert({op, use.getOwner()});
  }
  for (auto [i, g] : llvm::enumerate(config.groups))
    if (!isTileableGroup(layers, g.first, g.last,
                         [&](Operation *op, Operation *user) {
                           return replaced.contains({op, user});
                         }))
      return i;
  return std::nullopt;
}

std::optional<size_t> huge::untileableGroup(ArrayRef<Operation *> layers,
                                           const TileConfig &config) {
  return ::untileableGroup(layers, config, recomputeLevels(layers));
}

/// Replaces layers[first..last] of one group by `tiles` bands. Fails (and
/// leaves the IR untouched) if a band would be empty. Layers recomputed per
/// band stay (another group may tile them); they are added to `recomputed`.
static LogicalResult
tileGroup(ArrayRef<Operation *> layers, const TileGroup &group,
          const DenseMap<Operation *, int64_t> &levels,
          llvm::SetVector<Operation *> &recomputedOps) {
  SmallVector<Operation *> ops;
  if (group.recompute > 0)
    ops = recomputable(layers, group.first, group.last, group.recompute,
                       levels);
  // Recomputed layers come first (they precede the group), in layer order.
  llvm::sort(ops,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  size_t recomputed = ops.size();
  llvm::append_range(ops,
                     layers.slice(group.first, group.last - group.first + 1));
  Value result = ops.back()->getResult(0);
  int64_t height = rowsOf(result), width = extentOf(result, 1);
  if (group.tiles > height || group.cols > width ||
      (group.cols > 1 && !llvm::all_of(ops, splitsColumns)))
    return failure();

  // Rows and columns of every banded value, per tile; tiles run row by row
  // (a band of whole rows when the grid has one column). Tile edges fall on
  // multiples of the factor of every Upsample layer at the result's
  // resolution (a pixel shuffle followed by element-wise layers), so that
  // element-wise layers' tiles recompute no block their neighbour computes
  // too.
  int64_t grain = 1;
  for (Operation *op : ops)
    if (ruleOf(op) == Rule::Upsample && rowsOf(op->getResult(0)) == height)
      grain = std::lcm(grain, upsampleFactor(op)); // each divides the extents
  // Per tile, the region of each value it holds (`buf`), of each layer's
  // result it computes (`comp`), and of each value it hands to the next
  // tile (`keep`). Without carrying, a tile computes all it holds: halos
  // are recomputed. With carrying, rows the tile above (the same column of
  // the previous band) computed are kept from it instead: a tile computes
  // only rows past them. Column halos are always recomputed: a tile's
  // columns of every value are those of its column in every band.
  struct Band {
    DenseMap<Value, Area> buf, comp, keep;
  };
  SmallVector<Band> bands(group.count());
  // Carrying, per value and grid column: rows [.., done) computed, and the
  // last tile holding the value.
  DenseMap<std::pair<Value, int64_t>, int64_t> done, last;
  int64_t blocks = height / grain, colBlocks = width / grain;
  for (int64_t t = 0; t < static_cast<int64_t>(bands.size()); ++t) {
    Band &band = bands[t];
    int64_t ty = t / group.cols, tx = t % group.cols;
    DenseMap<Value, Area> need;
    need[result] = {{grain * (blocks * ty / group.tiles),
                     grain * (blocks * (ty + 1) / group.tiles)},
                    {grain * (colBlocks * tx / group.cols),
                     grain * (colBlocks * (tx + 1) / group.cols)}};
    if (need[result].empty())
      return failure();
    for (Operation *op : llvm::reverse(ops)) {
      Value v = op->getResult(0);
      auto it = need.find(v);
      if (it == need.end())
        continue;
      Area region = it->second, comp = region;
      Rows &rows = region.y;
      // Layers without their own arithmetic (element-wise, concatenations,
      // pads, slices) recompute their rows: the rows they read are then
      // carried at their operand instead, where a convolution writes its
      // new rows in place next to the kept ones.
      Rule rule = ruleOf(op);
      bool carries = rule == Rule::Conv || rule == Rule::Window ||
                     rule == Rule::Interleave || rule == Rule::Upsample ||
                     rule == Rule::Resample;
      if (group.carry && carries && v != result) {
        auto [d, fresh] = done.try_emplace({v, tx}, rows.hi);
        if (!fresh) {
          comp.y.lo = std::max(rows.lo, d->second);
          // Rows so few that an operand would get none (a phase of an
          // interleave with no row among them) grow upwards: rows above
          // are computed again.
          auto reads = [&](unsigned i) {
            Value w = op->getOperand(i);
            // The rows emission cuts, not only the whole blocks it holds.
            return !isBanded(op, i) ||
                   clip(neededRows(op, i, comp.y, 0), rowsOf(w)).size() >= 1;
          };
          while (comp.y.size() >= 1 && comp.y.lo > 0 &&
                 !llvm::all_of(llvm::seq(op->getNumOperands()), reads))
            --comp.y.lo;
          rows.lo = std::min(rows.lo, comp.y.lo);
          if (rows.lo < comp.y.lo) {
            // Rows of earlier bands: the last one holding the value keeps
            // them (it holds every row computed since the first it needs).
            Area kept = {{rows.lo, std::min(rows.hi, comp.y.lo)}, region.x};
            Band &from = bands[last.lookup({v, tx})];
            Area held = from.buf.lookup(v);
            if (held.y.lo > kept.y.lo || held.y.hi < kept.y.hi)
              return failure();
            from.keep[v] = kept;
          }
          d->second = std::max(d->second, rows.hi);
        }
        last[{v, tx}] = t;
      }
      band.buf[v] = region;
      if (comp.y.size() < 1)
        continue;
      band.comp[v] = comp;
      for (unsigned i = 0; i < op->getNumOperands(); ++i) {
        if (!isBanded(op, i))
          continue;
        Value w = op->getOperand(i);
        Area r = clipTo(w, neededRegion(op, i, comp));
        if (r.empty())
          return failure();
        std::optional<Area> old;
        if (auto o = need.find(w); o != need.end())
          old = o->second;
        need[w] = unite(old, r);
      }
    }
    // Values from outside the group: their rows, cut from the whole.
    for (const auto &[w, region] : need)
      band.buf.try_emplace(w, region);
  }

  // Layers of the group that no band reads by rows (the scale of a
  // squeeze-and-excitation block, computed from a whole pooled tensor) run
  // once, whole, before the bands. They may only read values from outside
  // the group or other such layers: a banded value is never whole.
  DenseSet<Operation *> banded;
  for (const Band &band : bands)
    for (const auto &entry : band.buf)
      if (Operation *def = entry.first.getDefiningOp())
        banded.insert(def);
  DenseSet<Operation *> inside(ops.begin() + recomputed, ops.end());
  SmallVector<Operation *> whole, tiled;
  for (Operation *op : ArrayRef(ops).drop_front(recomputed)) {
    if (banded.contains(op)) {
      tiled.push_back(op);
      continue;
    }
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp();
          def && inside.contains(def) && banded.contains(def))
        return failure();
    whole.push_back(op);
  }
  // Every user of a layer the bands replace is replaced too (the result's
  // users get the assembled bands): nothing may be left reading an erased
  // layer.
  DenseSet<Operation *> erased(tiled.begin(), tiled.end());
  for (Operation *op : tiled)
    if (op != result.getDefiningOp())
      for (Operation *user : op->getUsers())
        if (!erased.contains(user))
          return failure();
  // A whole layer moves before the bands: everything it reads must be
  // defined before them already (a constant placed between is not).
  Operation *anchor = tiled.front();
  DenseSet<Operation *> wholeSet(whole.begin(), whole.end());
  for (Operation *op : whole)
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp();
          def && !wholeSet.contains(def) && !def->isBeforeInBlock(anchor))
        return failure();
  for (Operation *op : whole)
    if (anchor->isBeforeInBlock(op))
      op->moveBefore(anchor);

  OpBuilder b(anchor);
  Value assembled;
  // Rows kept from the tile above, per value and grid column.
  DenseMap<std::pair<Value, int64_t>, Value> carried;
  // The window `r` of `v`, whose value `from` holds window `have` of it.
  auto cut = [&](Location loc, Value v, Value from, const Area &have,
                 const Area &r) -> Value {
    return b.create<SliceOp>(
        loc, withRegion(v.getType(), r), from,
        b.getDenseI64ArrayAttr({0, 0, r.y.lo - have.y.lo, r.x.lo - have.x.lo}),
        b.getDenseI64ArrayAttr({1, 1, 1, 1}));
  };
  auto insert = [&](Location loc, Value tile, Value dest, const Area &at) {
    auto op = b.create<InsertRowsOp>(loc, dest.getType(), tile, dest,
                                     b.getI64IntegerAttr(at.y.lo), nullptr);
    if (at.x.lo != 0)
      op.setColAttr(b.getI64IntegerAttr(at.x.lo));
    return op.getResult();
  };
  for (size_t t = 0; t < bands.size(); ++t) {
    const Band &band = bands[t];
    const DenseMap<Value, Area> &need = band.buf;
    int64_t tx = t % group.cols;
    IRMapping map;
    // A banded value as operand `i` of `op`, cut to `region` when `exact`.
    auto bandOf = [&](Operation *op, unsigned i, const Area &region,
                      bool exact) -> std::pair<Value, Area> {
      Value v = op->getOperand(i);
      Value band = map.lookupOrNull(v);
      Area have = need.lookup(v);
      if (!band) {
        // A value from outside the group: cut its window once per band.
        band = have == wholeOf(v) ? v
                                  : cut(op->getLoc(), v, v, wholeOf(v), have);
        map.map(v, band);
      }
      if (!exact || have == region)
        return {band, have};
      return {cut(op->getLoc(), v, band, have, region), region};
    };

    // The rows `band` holds of `v`: those kept from an earlier band, then
    // those computed now (`computed`, null if none); and what a later band
    // keeps of them, cut now so that this band's value dies with the band.
    auto hold = [&](Value v, Value computed) {
      Location loc = v.getLoc();
      Area region = need.lookup(v);
      Value kept = carried.lookup({v, tx}), whole = computed ? computed : kept;
      carried.erase({v, tx});
      if (kept && computed) {
        Area comp = band.comp.lookup(v);
        Value empty = b.create<EmptyOp>(loc, withRegion(v.getType(), region));
        Value low = insert(loc, kept, empty, Area{});
        whole = insert(loc, computed, low,
                       Area{{comp.y.lo - region.y.lo, 0}, {0, 0}});
      }
      map.map(v, whole);
      if (auto k = band.keep.find(v); k != band.keep.end())
        carried[{v, tx}] = cut(loc, v, whole, region, k->second);
    };

    for (Operation *op : ops) {
      if (!need.contains(op->getResult(0)))
        continue;
      auto it = band.comp.find(op->getResult(0));
      if (it == band.comp.end()) {
        hold(op->getResult(0), nullptr); // every row kept
        continue;
      }
      Area out = it->second;
      Rule rule = ruleOf(op);
      SmallVector<Value> operands;
      SmallVector<Area> operandRegions;
      for (unsigned i = 0; i < op->getNumOperands(); ++i) {
        if (!isBanded(op, i)) {
          operands.push_back(op->getOperand(i));
          operandRegions.push_back({});
          continue;
        }
        Value w = op->getOperand(i);
        Area region = clip(neededRegion(op, i, out), w);
        auto [band, have] =
            bandOf(op, i, region,
                   rule != Rule::Conv && rule != Rule::Slice &&
                       rule != Rule::Resample);
        operands.push_back(band);
        operandRegions.push_back(have);
      }
      Operation *clone = b.clone(*op);
      clone->setOperands(operands);
      clone->getResult(0).setType(withRegion(op->getResultTypes()[0], out));
      switch (rule) {
      case Rule::Conv:
      case Rule::Window: {
        SmallVector<int64_t> pads(
            op->getAttrOfType<DenseI64ArrayAttr>("pads").asArrayRef());
        for (unsigned axis : {0u, 1u}) {
          auto [before, after] =
              windowOf(op, axis)->pads(operandRegions[0][axis], out[axis]);
          pads[axis] = before;
          pads[2 + axis] = after;
        }
        clone->setAttr("pads", b.getDenseI64ArrayAttr(pads));
        break;
      }
      case Rule::Pad: {
        auto pad = cast<PadOp>(op);
        SmallVector<int64_t> pads(pad.getPads());
        for (unsigned axis : {0u, 1u}) {
          const Rows &in = operandRegions[0][axis];
          pads[2 + axis] = in.lo + pads[2 + axis] - out[axis].lo;
          pads[6 + axis] = out[axis].size() - in.size() - pads[2 + axis];
        }
        clone->setAttr("pads", b.getDenseI64ArrayAttr(pads));
        break;
      }
      case Rule::Slice: {
        SmallVector<int64_t> offsets(cast<SliceOp>(op).getOffsets());
        for (unsigned axis : {0u, 1u})
          offsets[2 + axis] += out[axis].lo - operandRegions[0][axis].lo;
        clone->setAttr("offsets", b.getDenseI64ArrayAttr(offsets));
        break;
      }
      case Rule::Resample: {
        // The band of a larger resize: its rows of the whole, from the rows
        // of the whole input its operand band holds.
        auto resize = cast<ResizeOp>(op);
        clone->setAttr("row_band",
                       b.getDenseI64ArrayAttr(
                           {operandRegions[0].y.lo, resize.getFullInputRows(),
                            out.y.lo, resize.getFullResultRows()}));
        break;
      }
      case Rule::Interleave: {
        auto il = cast<InterleaveOp>(op);
        SmallVector<int64_t> phases(il.getPhases());
        ArrayRef<int64_t> s = il.getStrides();
        for (size_t i = 0; i < il.getPhaseValues().size(); ++i)
          for (unsigned axis : {0u, 1u})
            phases[2 * i + axis] = operandRegions[i][axis].lo * s[axis] +
                                   phases[2 * i + axis] - out[axis].lo;
        clone->setAttr("phases", b.getDenseI64ArrayAttr(phases));
        break;
      }
      default:
        break;
      }
      hold(op->getResult(0), clone->getResult(0));
    }

    Value bandResult = map.lookup(result);
    if (!assembled)
      assembled = b.create<EmptyOp>(result.getLoc(), result.getType());
    assembled =
        insert(result.getLoc(), bandResult, assembled, need.lookup(result));
  }
  result.replaceAllUsesWith(assembled);
  for (Operation *op : llvm::reverse(tiled))
    op->erase();
  recomputedOps.insert(ops.begin(), ops.begin() + recomputed);
  return success();
}

LogicalResult huge::applyTiling(func::FuncOp func, const TileConfig &config) {
  SmallVector<Operation *> layers = layersOf(func);
  if (untileableGroup(layers, config))
    return failure();
  // Levels of the untouched IR: tiling a group erases its layers.
  DenseMap<Operation *, int64_t> levels = recomputeLevels(layers);
  // Later groups first: tiling one group leaves the others' ops in place.
  llvm::SetVector<Operation *> recomputed;
  DenseSet<Operation *> grouped;
  for (const TileGroup &g : config.groups)
    if (g.count() > 1)
      grouped.insert(layers.begin() + g.first, layers.begin() + g.last + 1);
  for (const TileGroup &g : llvm::reverse(config.groups))
    if (g.count() > 1 && failed(tileGroup(layers, g, levels, recomputed)))
      return failure();
  // A recomputed layer no longer used whole is dead (unless a group tiled
  // it, which erased it already); users first, so that a dead chain goes.
  SmallVector<Operation *> kept;
  for (Operation *op : recomputed)
    if (!grouped.contains(op))
      kept.push_back(op);
  llvm::sort(kept,
             [](Operation *a, Operation *b) { return b->isBeforeInBlock(a); });
  for (Operation *op : kept)
    if (op->use_empty())
      op->erase();
  return success();
}

//===----------------------------------------------------------------------===//
// Prediction and search
//===----------------------------------------------------------------------===//

std::optional<TilePrediction>
huge::predictTiling(func::FuncOp func, const TileConfig &config, bool exact,
                    std::optional<int64_t> costCutoff,
                    std::optional<int64_t> arenaCutoff) {
  auto clone = cast<func::FuncOp>(func->clone());
  // Beside the original, so that the plan reads the module's target.
  if (Block *block = func->getBlock())
    block->getOperations().insert(std::next(Block::iterator(func)), clone);
  auto erase = llvm::make_scope_exit([&] { clone->erase(); });
  clone->removeAttr("huge.arena_size");
  clone.walk([](Operation *op) { op->removeAttr("huge.buffer"); });
  // The tiled IR must be valid; its diagnostics are not the user's.
  ScopedDiagnosticHandler quiet(func.getContext(),
                                [](Diagnostic &) { return success(); });
  if (failed(applyTiling(clone, config)))
    return std::nullopt;
  for (Operation &op : clone.getBody().front())
    if (failed(mlir::verify(&op, /*verifyRecursively=*/false)))
      return std::nullopt;
  TilePrediction p;
  int64_t calls = 0, moved = 0;
  for (Operation &op : clone.getBody().front()) {
    if (isa<ConstantOp, ReshapeOp, EmptyOp, func::ReturnOp>(op))
      continue;
    p.macs += executedMacs(&op);
    ++calls;
  }
  // The cost without copies is a lower bound: no need to plan past it.
  p.cost = p.macs + kCallCost * calls;
  if (costCutoff && p.cost >= *costCutoff) {
    p.pruned = true;
    return p;
  }
  auto plan = MemoryPlan::build(
      clone, /*localSearch=*/exact,
      arenaCutoff.value_or(std::numeric_limits<int64_t>::max()));
  if (failed(plan))
    return std::nullopt;
  if (!plan->isPlaced()) {
    p.pruned = true;
    return p;
  }
  p.arena = plan->arenaSize();
  p.lowerBound = plan->lowerBound();
  for (const ArenaBuffer &buf : plan->buffers())
    p.liveArea += buf.size * (buf.end - buf.begin + 1);
  for (Operation &op : clone.getBody().front())
    if (isa<SliceOp, InsertRowsOp>(op))
      moved += activationTraffic(&op, *plan).written / 4;
  p.cost += kMoveCost * moved;
  return p;
}

namespace {
struct Candidate {
  TileConfig config;
  TilePrediction prediction;
};
} // namespace

/// Band counts the search tries.
static const int64_t kGrids[] = {2, 3, 4, 6, 8, 12, 16, 24, 32};
/// Column counts of a 2-D grid the search tries (1: bands of whole rows).
static const int64_t kColGrids[] = {1, 2, 3, 4, 6, 8};
/// Band counts a new group starts with (a later move tries the others).
static const int64_t kNewGroupGrids[] = {2, 4, 8, 16, 32};

FailureOr<TileSearchResult>
huge::searchTiling(func::FuncOp func, int64_t budget, int64_t maxGroupLayers) {
  SmallVector<Operation *> layers = layersOf(func);
  int64_t n = layers.size();
  DenseMap<Operation *, int64_t> levels = recomputeLevels(layers);
  std::map<std::string, std::optional<TilePrediction>> memo;
  TileSearchResult result;
  // A configuration that cannot beat the one to beat is not planned (it is
  // "pruned", and stays so, since what it must beat only gets better):
  // within the budget, one whose cost without copies is no less; over it,
  // one whose arena's lower bound is larger.
  auto evaluate = [&](const TileConfig &c, std::optional<int64_t> cutoff,
                      std::optional<int64_t> arenaCutoff)
      -> std::optional<TilePrediction> {
    std::string key = c.str();
    auto it = memo.find(key);
    if (it != memo.end())
      return it->second;
    std::optional<TilePrediction> p;
    if (!::untileableGroup(layers, c, levels))
      p = predictTiling(func, c, /*exact=*/false, cutoff, arenaCutoff);
    memo[key] = p;
    if (p && !p->pruned)
      result.considered.push_back({c, *p});
    return p;
  };

  // Groups each layer can start: tileable runs of up to maxGroupLayers. A
  // value used after the group counts as used inside if a later group
  // could recompute it (evaluate() drops the configs where none does).
  auto laterRecomputable = [&](Operation *op, Operation *) {
    auto it = levels.find(op);
    return it != levels.end() && it->second <= kMaxRecomputeDepth;
  };
  auto tileable = [&](int64_t first, int64_t last) {
    return isTileableGroup(layers, first, last, laterRecomputable);
  };
  SmallVector<SmallVector<int64_t>> ends(n);
  for (int64_t first = 0; first < n; ++first)
    for (int64_t last = first; last < n && last - first < maxGroupLayers;
         ++last)
      if (tileable(first, last))
        ends[first].push_back(last);
  // The recompute depths worth trying per group, once per group.
  std::map<std::pair<int64_t, int64_t>, SmallVector<int64_t>> depthsOf;
  auto depths = [&](int64_t first, int64_t last) -> ArrayRef<int64_t> {
    auto [it, fresh] = depthsOf.try_emplace({first, last});
    if (fresh)
      it->second = recomputeDepths(layers, first, last, levels);
    return it->second;
  };

  // `wide`: instead, every group's range moved to any tileable run sharing
  // its first or last layer, with every band count (the moves a descent
  // that stalled over the budget tries before it gives up: growing a group
  // by several layers may lower the peak only with more bands).
  auto neighbours = [&](const TileConfig &c, bool wide) {
    SmallVector<TileConfig> out;
    auto with = [&](auto edit) {
      TileConfig next = c;
      edit(next);
      llvm::sort(next.groups, [](const TileGroup &a, const TileGroup &b) {
        return a.first < b.first;
      });
      out.push_back(next);
    };
    auto freeRange = [&](int64_t first, int64_t last, int64_t skip) {
      for (auto [i, g] : llvm::enumerate(c.groups))
        if (static_cast<int64_t>(i) != skip && g.first <= last &&
            first <= g.last)
          return false;
      return true;
    };
    if (wide) {
      for (auto [i, g] : llvm::enumerate(c.groups)) {
        int64_t gi = i;
        SmallVector<std::pair<int64_t, int64_t>> ranges;
        for (int64_t last : ends[g.first])
          ranges.push_back({g.first, last});
        for (int64_t first = 0; first < n; ++first)
          if (first != g.first && llvm::is_contained(ends[first], g.last))
            ranges.push_back({first, g.last});
        for (auto [first, last] : ranges)
          if (freeRange(first, last, gi))
            for (int64_t t : kGrids)
              with([&, first = first, last = last](TileConfig &x) {
                x.groups[gi].first = first;
                x.groups[gi].last = last;
                x.groups[gi].tiles = t;
              });
      }
      return out;
    }
    // A new group.
    for (int64_t first = 0; first < n; ++first)
      for (int64_t last : ends[first])
        if (freeRange(first, last, -1))
          for (int64_t t : kNewGroupGrids)
            for (int64_t r : depths(first, last).take_front(2))
              with([&](TileConfig &x) {
                x.groups.push_back({first, last, t, r, /*carry=*/true});
              });
    for (auto [i, g] : llvm::enumerate(c.groups)) {
      int64_t gi = i;
      with([&](TileConfig &x) { x.groups.erase(x.groups.begin() + gi); });
      for (int64_t t : kGrids)
        if (t != g.tiles)
          with([&](TileConfig &x) { x.groups[gi].tiles = t; });
      // Carrying changes what a band holds: with every band count.
      bool carry = !g.carry;
      for (int64_t t : kGrids)
        with([&](TileConfig &x) {
          x.groups[gi].carry = carry;
          x.groups[gi].tiles = t;
        });
      // Split each band into columns (a 2-D grid), or into fewer.
      for (int64_t k : kColGrids)
        if (k != g.cols)
          with([&](TileConfig &x) { x.groups[gi].cols = k; });
      // One step deeper or shallower.
      ArrayRef<int64_t> ds = depths(g.first, g.last);
      auto at = llvm::lower_bound(ds, g.recompute);
      if (at != ds.begin())
        with([&](TileConfig &x) { x.groups[gi].recompute = *std::prev(at); });
      if (at != ds.end() && *at == g.recompute)
        ++at;
      if (at != ds.end())
        with([&](TileConfig &x) { x.groups[gi].recompute = *at; });
      for (auto range :
           {std::pair{g.first - 1, g.last}, std::pair{g.first + 1, g.last},
            std::pair{g.first, g.last - 1}, std::pair{g.first, g.last + 1}})
        if (int64_t first = range.first, last = range.second;
            first >= 0 && last < n && first <= last &&
            last - first < maxGroupLayers && freeRange(first, last, gi) &&
            tileable(first, last))
          with([&](TileConfig &x) {
            x.groups[gi].first = first;
            x.groups[gi].last = last;
          });
    }
    return out;
  };

  // Descent: (over budget, arena) first, then cost.
  auto better = [&](const TilePrediction &a, const TilePrediction &b) {
    bool aFits = a.arena <= budget, bFits = b.arena <= budget;
    if (aFits != bFits)
      return aFits;
    if (!aFits && a.arena != b.arena)
      return a.arena < b.arena;
    // Over budget at equal arenas: less memory alive over time, so that a
    // move that lowers one of several equal peaks still counts.
    if (!aFits && a.liveArea != b.liveArea)
      return a.liveArea < b.liveArea;
    if (a.cost != b.cost)
      return a.cost < b.cost;
    return a.arena < b.arena;
  };
  std::optional<TilePrediction> start =
      evaluate(TileConfig{}, std::nullopt, std::nullopt);
  if (!start)
    return failure();
  Candidate current{TileConfig{}, *start};
  while (true) {
    std::optional<Candidate> best;
    for (bool wide : {false, true}) {
      // Wide moves only where the near ones found nothing, over budget.
      if (best || (wide && current.prediction.arena <= budget))
        break;
      for (const TileConfig &next : neighbours(current.config, wide)) {
        const TilePrediction &toBeat =
            best ? best->prediction : current.prediction;
        std::optional<int64_t> cutoff, arenaCutoff;
        if (toBeat.arena <= budget)
          cutoff = toBeat.cost;
        else
          arenaCutoff = toBeat.arena;
        std::optional<TilePrediction> p = evaluate(next, cutoff, arenaCutoff);
        if (p && !p->pruned && better(*p, toBeat))
          best = Candidate{next, *p};
      }
    }
    if (!best)
      break;
    current = *best;
  }
  result.config = current.config;
  std::optional<TilePrediction> exact = predictTiling(func, current.config);
  result.prediction = exact ? *exact : current.prediction;
  result.fits = result.prediction.arena <= budget;
  return result;
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

namespace {
struct TileFusePass : huge::impl::HugeTileFusePassBase<TileFusePass> {
  using HugeTileFusePassBase::HugeTileFusePassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    func->removeAttr("huge.arena_size");
    func.walk([](Operation *op) { op->removeAttr("huge.buffer"); });
    MLIRContext *ctx = func.getContext();
    Builder b(ctx);

    TileConfig config;
    std::optional<TilePrediction> untiled = predictTiling(func, TileConfig{});
    if (!untiled) {
      func.emitError("huge-tile-fuse: the model cannot be planned");
      return signalPassFailure();
    }
    std::optional<TilePrediction> chosen;
    int64_t considered = 1;
    std::optional<int64_t> smallest;
    if (!groups.empty()) {
      std::optional<TileConfig> parsed = TileConfig::parse(groups);
      if (!parsed) {
        func.emitError("huge-tile-fuse: cannot parse groups '")
            << groups
            << "'; expected FIRST-LAST:TILES[xCOLS][r[DEPTH]][c][,...] with "
               "disjoint ranges of layer indices";
        return signalPassFailure();
      }
      config = *parsed;
      SmallVector<Operation *> layers = layersOf(func);
      if (std::optional<size_t> bad = untileableGroup(layers, config)) {
        const TileGroup &g = config.groups[*bad];
        func.emitError("huge-tile-fuse: layers ")
            << g.first << "-" << g.last
            << " cannot form a group (each layer must be tileable and all "
               "but the last used only inside the group, or recomputed by a "
               "later group)";
        return signalPassFailure();
      }
      chosen = predictTiling(func, config);
      if (!chosen) {
        func.emitError("huge-tile-fuse: groups '")
            << groups
            << "' cannot be tiled as given: a band would be empty (use fewer "
               "tiles), a band would need carried rows no earlier band holds "
               "(drop 'c'), a layer the bands need whole (a global pool) "
               "reads a value the group computes in bands (start the group "
               "after it), or a grid of several columns holds a layer that "
               "cannot be split into columns (a resize, a slice with column "
               "steps, an operand broadcast along the row)";
        return signalPassFailure();
      }
    } else if (memoryBudget >= 0) {
      if (untiled->arena <= memoryBudget) {
        chosen = untiled;
      } else {
        auto search = searchTiling(func, memoryBudget, maxGroupLayers);
        if (failed(search))
          return signalPassFailure();
        considered = search->considered.size();
        if (!search->fits) {
          // Never within the budget, the descent minimized the arena all
          // the way: its end is the smallest arena it reaches.
          int64_t bytes = search->prediction.arena;
          func.emitError("memory budget of ")
              << memoryBudget.getValue()
              << " bytes is infeasible: the smallest arena huge-tile-fuse "
                 "finds for this model is "
              << bytes << " bytes (untiled: " << untiled->arena << " bytes)";
          return signalPassFailure();
        }
        config = search->config;
        chosen = search->prediction;
        if (reportSmallest) {
          auto least = searchTiling(func, 0, maxGroupLayers);
          if (succeeded(least))
            smallest = least->prediction.arena;
        }
        if (recordSearch) {
          SmallVector<Attribute> entries;
          for (const auto &[c, p] : search->considered)
            entries.push_back(b.getDictionaryAttr(
                {b.getNamedAttr("groups", b.getStringAttr(c.str())),
                 b.getNamedAttr("arena", b.getI64IntegerAttr(p.arena)),
                 b.getNamedAttr("macs", b.getI64IntegerAttr(p.macs)),
                 b.getNamedAttr("cost", b.getI64IntegerAttr(p.cost))}));
          func->setAttr("huge.tile_search", b.getArrayAttr(entries));
        }
      }
    } else {
      return; // nothing asked
    }

    // Describe the groups before their layers are replaced.
    SmallVector<Operation *> layers = layersOf(func);
    SmallVector<Attribute> described;
    for (const TileGroup &g : config.groups) {
      auto name = [](Operation *op) {
        std::string s = locationName(op->getLoc());
        return s.empty() ? op->getName().getStringRef().str() : s;
      };
      described.push_back(b.getDictionaryAttr(
          {b.getNamedAttr("first", b.getI64IntegerAttr(g.first)),
           b.getNamedAttr("last", b.getI64IntegerAttr(g.last)),
           b.getNamedAttr("tiles", b.getI64IntegerAttr(g.tiles)),
           b.getNamedAttr("cols", b.getI64IntegerAttr(g.cols)),
           b.getNamedAttr("recompute", b.getI64IntegerAttr(g.recompute)),
           b.getNamedAttr("carry", b.getBoolAttr(g.carry)),
           b.getNamedAttr("first_layer",
                          b.getStringAttr(name(layers[g.first]))),
           b.getNamedAttr("last_layer", b.getStringAttr(name(layers[g.last]))),
           b.getNamedAttr("rows", b.getI64IntegerAttr(
                                      rowsOf(layers[g.last]->getResult(0))))}));
    }
    SmallVector<NamedAttribute> summary = {
        b.getNamedAttr("groups", b.getStringAttr(config.str())),
        b.getNamedAttr("tiled_groups", b.getArrayAttr(described)),
        b.getNamedAttr("untiled_arena", b.getI64IntegerAttr(untiled->arena)),
        b.getNamedAttr("lower_bound", b.getI64IntegerAttr(untiled->lowerBound)),
        b.getNamedAttr("predicted_arena", b.getI64IntegerAttr(chosen->arena)),
        b.getNamedAttr("untiled_macs", b.getI64IntegerAttr(untiled->macs)),
        b.getNamedAttr("macs", b.getI64IntegerAttr(chosen->macs)),
        b.getNamedAttr("cost", b.getI64IntegerAttr(chosen->cost)),
        b.getNamedAttr("considered", b.getI64IntegerAttr(considered))};
    if (memoryBudget >= 0)
      summary.push_back(
          b.getNamedAttr("budget", b.getI64IntegerAttr(memoryBudget)));
    if (smallest)
      summary.push_back(
          b.getNamedAttr("smallest_arena", b.getI64IntegerAttr(*smallest)));
    if (failed(applyTiling(func, config))) {
      func.emitError("huge-tile-fuse: cannot tile groups '")
          << config.str() << "'";
      return signalPassFailure();
    }
    func->setAttr("huge.tiling", b.getDictionaryAttr(summary));
  }
};
} // namespace
