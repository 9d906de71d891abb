//===- FuseChains.cpp - runs of element-wise ops into one pass ------------===//
//
// Each element-wise kernel reads and writes a whole tensor; a run of them
// (GELU as exported is five: div, erf, add, mul, mul) streams the tensor
// through memory once per op. A huge.chain applies the run's steps to each
// chunk of elements while it is in cache, so the tensor is read once and
// written once.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/ConstantUtils.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"

#include "llvm/ADT/TypeSwitch.h"

namespace huge {
#define GEN_PASS_DEF_HUGEFUSEELEMENTWISECHAINSPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {

/// One op of a run, as a step: its kind and parameters.
struct Step {
  ChainStep kind;
  SmallVector<float, 2> params;
};

/// The value of `v` when it is a scalar constant (every dimension 1).
std::optional<float> scalarConstant(Value v) {
  auto type = dyn_cast<ShapedType>(v.getType());
  if (!type || !llvm::all_of(type.getShape(), [](int64_t d) { return d == 1; }))
    return std::nullopt;
  auto values = getConstantFloats(v);
  if (!values || values->size() != 1)
    return std::nullopt;
  return (*values)[0];
}

float f(FloatAttr a) { return a.getValue().convertToFloat(); }

/// `op` as a step applied to `value`, with `input` the run's input, or
/// nothing when it is not one.
std::optional<Step> asStep(Operation *op, Value value, Value input) {
  if (op->getNumResults() != 1 || op->getResult(0).getType() != value.getType())
    return std::nullopt;
  if (op->getNumOperands() == 1) {
    if (op->getOperand(0) != value)
      return std::nullopt;
    return TypeSwitch<Operation *, std::optional<Step>>(op)
        .Case([](ReluOp) { return Step{ChainStep::Relu, {}}; })
        .Case([](LeakyReluOp o) {
          return Step{ChainStep::LeakyRelu, {f(o.getAlphaAttr())}};
        })
        .Case([](ClipOp o) {
          return Step{ChainStep::Clip, {f(o.getMinAttr()), f(o.getMaxAttr())}};
        })
        .Case([](SigmoidOp) { return Step{ChainStep::Sigmoid, {}}; })
        .Case([](TanhOp) { return Step{ChainStep::Tanh, {}}; })
        .Case([](HardSigmoidOp o) {
          return Step{ChainStep::HardSigmoid,
                      {f(o.getAlphaAttr()), f(o.getBetaAttr())}};
        })
        .Case([](HardSwishOp) { return Step{ChainStep::HardSwish, {}}; })
        .Case([](SiluOp) { return Step{ChainStep::Silu, {}}; })
        .Case([](UnaryMathOp o) {
          // Every function of huge.unary is a step of the same name.
          Step s{*symbolizeChainStep(stringifyUnaryFn(o.getFn())), {}};
          if (auto params = o.getParams())
            s.params.append(params->begin(), params->end());
          return s;
        })
        .Default([](Operation *) { return std::nullopt; });
  }
  if (op->getNumOperands() != 2 || !isa<AddOp, SubOp, MulOp, DivOp>(op))
    return std::nullopt;
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  bool onLeft = lhs == value;
  if (!onLeft && rhs != value)
    return std::nullopt;
  Value other = onLeft ? rhs : lhs;
  // v op x, with x the run's input (x * x is not a run), or v op c, with c
  // a scalar constant; sub and div name the order.
  bool withInput =
      other == input && other != value && other.getType() == value.getType();
  std::optional<float> c;
  if (!withInput && !(c = scalarConstant(other)))
    return std::nullopt;
  auto pick = [&](ChainStep constant, ChainStep fromInput) {
    return withInput ? fromInput : constant;
  };
  ChainStep kind =
      TypeSwitch<Operation *, ChainStep>(op)
          .Case([&](AddOp) { return pick(ChainStep::Add, ChainStep::AddInput); })
          .Case([&](MulOp) { return pick(ChainStep::Mul, ChainStep::MulInput); })
          .Case([&](SubOp) {
            return onLeft ? pick(ChainStep::Sub, ChainStep::SubInput)
                          : pick(ChainStep::RSub, ChainStep::RSubInput);
          })
          .Default([&](Operation *) {
            return onLeft ? pick(ChainStep::Div, ChainStep::DivInput)
                          : pick(ChainStep::RDiv, ChainStep::RDivInput);
          });
  Step step{kind, {}};
  if (c)
    step.params.push_back(*c);
  return step;
}

/// `op` as the first step of a run, with the run's input: the operand a
/// unary op steps, or the one of a binary op that is not the constant.
std::optional<std::pair<Value, Step>> firstStep(Operation *op) {
  for (Value input : op->getOperands())
    if (std::optional<Step> step = asStep(op, input, input))
      return std::make_pair(input, *step);
  return std::nullopt;
}

/// The op using `v`, when it is its only user.
Operation *onlyUser(Value v) {
  if (!v.hasOneUse())
    return nullptr;
  return *v.getUsers().begin();
}

struct FuseElementwiseChainsPass
    : huge::impl::HugeFuseElementwiseChainsPassBase<
          FuseElementwiseChainsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> starts;
    getOperation().walk([&](Operation *op) {
      if (firstStep(op))
        starts.push_back(op);
    });
    DenseSet<Operation *> fused;
    for (Operation *start : starts) {
      if (fused.contains(start))
        continue;
      auto [input, first] = *firstStep(start);
      SmallVector<Operation *> ops = {start};
      SmallVector<Step> steps = {first};
      Value value = start->getResult(0);
      while (Operation *next = onlyUser(value)) {
        std::optional<Step> step = asStep(next, value, input);
        if (!step || next->getBlock() != start->getBlock())
          break;
        ops.push_back(next);
        steps.push_back(*step);
        value = next->getResult(0);
      }
      if (ops.size() < 2)
        continue;
      OpBuilder b(ops.back());
      SmallVector<Attribute> kinds;
      SmallVector<float> params;
      SmallVector<Location> locs;
      for (auto [op, step] : llvm::zip(ops, steps)) {
        kinds.push_back(ChainStepAttr::get(&getContext(), step.kind));
        params.append(step.params.begin(), step.params.end());
        locs.push_back(op->getLoc());
        fused.insert(op);
      }
      auto chain = b.create<ChainOp>(
          b.getFusedLoc(locs), value.getType(), input, b.getArrayAttr(kinds),
          b.getDenseF32ArrayAttr(params));
      value.replaceAllUsesWith(chain.getResult());
      for (Operation *op : llvm::reverse(ops))
        op->erase();
    }
  }
};

} // namespace
