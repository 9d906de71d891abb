//===- LayerCost.cpp - multiply-add counts --------------------------------===//
//
// executedMacs mirrors the loops of the runtime kernels exactly: for each
// kernel tap it counts the output rows and columns whose input lies inside
// the tensor.
//
//===----------------------------------------------------------------------===//

#include "huge/Analysis/LayerCost.h"

#include "huge/Analysis/MemoryPlan.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace huge;

/// Number of x in [0, n) with 0 <= x*stride + offset < limit.
static int64_t countInRange(int64_t n, int64_t stride, int64_t offset,
                            int64_t limit) {
  int64_t count = 0;
  for (int64_t x = 0; x < n; ++x) {
    int64_t i = x * stride + offset;
    count += i >= 0 && i < limit;
  }
  return count;
}

/// Taps (ky, kx) times positions of a direct or transposed convolution.
/// `iterShape` is the extent the kernel loops over (output for conv2d, input
/// for the transposed form) and `limit` the extent it lands in.
static int64_t convTaps(ArrayRef<int64_t> iter, ArrayRef<int64_t> limit,
                        ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations) {
  int64_t taps = 0;
  for (int64_t ky = 0; ky < kernel[0]; ++ky) {
    int64_t rows = countInRange(iter[0], strides[0],
                                ky * dilations[0] - pads[0], limit[0]);
    for (int64_t kx = 0; kx < kernel[1]; ++kx)
      taps += rows * countInRange(iter[1], strides[1],
                                  kx * dilations[1] - pads[1], limit[1]);
  }
  return taps;
}

int64_t huge::executedMacs(Operation *op) {
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case([](Conv2dOp c) {
        ArrayRef<int64_t> x = shapeOf(c.getInput()), w = shapeOf(c.getWeight()),
                          y = shapeOf(c.getResult());
        return x[0] * y[1] * w[1] *
               convTaps(y.drop_front(2), x.drop_front(2), w.drop_front(2),
                        c.getStrides(), c.getPads(), c.getDilations());
      })
      .Case([](ConvTranspose2dOp c) {
        ArrayRef<int64_t> x = shapeOf(c.getInput()), w = shapeOf(c.getWeight()),
                          y = shapeOf(c.getResult());
        return x[0] * x[1] * w[1] *
               convTaps(x.drop_front(2), y.drop_front(2), w.drop_front(2),
                        c.getStrides(), c.getPads(), c.getDilations());
      })
      .Case([](DepthwiseConv2dOp c) {
        ArrayRef<int64_t> x = shapeOf(c.getInput()), w = shapeOf(c.getWeight()),
                          y = shapeOf(c.getResult());
        return x[0] * y[1] *
               convTaps(y.drop_front(2), x.drop_front(2), w.drop_front(1),
                        c.getStrides(), c.getPads(), c.getDilations());
      })
      .Case([](PackedGroupedConv2dOp c) {
        // Like conv2d: the kernel visits exactly the in-range taps.
        ArrayRef<int64_t> x = shapeOf(c.getInput()),
                          w = shapeOf(c.getPackedWeight()),
                          y = shapeOf(c.getResult());
        return x[0] * y[1] * w[4] *
               convTaps(y.drop_front(2), x.drop_front(2), w.slice(2, 2),
                        c.getStrides(), c.getPads(), c.getDilations());
      })
      .Default([](Operation *other) { return nominalMacs(other); });
}

int64_t huge::nominalMacs(Operation *op) {
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case([](Conv2dOp c) {
        ArrayRef<int64_t> w = shapeOf(c.getWeight());
        return product(shapeOf(c.getResult())) * w[1] * w[2] * w[3];
      })
      .Case([](ConvTranspose2dOp c) {
        ArrayRef<int64_t> w = shapeOf(c.getWeight());
        return product(shapeOf(c.getInput())) * w[1] * w[2] * w[3];
      })
      .Case([](DepthwiseConv2dOp c) {
        ArrayRef<int64_t> w = shapeOf(c.getWeight());
        return product(shapeOf(c.getResult())) * w[1] * w[2];
      })
      .Case([](PackedGroupedConv2dOp c) {
        ArrayRef<int64_t> w = shapeOf(c.getPackedWeight());
        return product(shapeOf(c.getResult())) * w[2] * w[3] * w[4];
      })
      .Case([](MatMulOp m) {
        return product(shapeOf(m.getResult())) * shapeOf(m.getLhs()).back();
      })
      .Case([](GemmOp g) {
        ArrayRef<int64_t> a = shapeOf(g.getA());
        return product(shapeOf(g.getResult())) * (g.getTransA() ? a[0] : a[1]);
      })
      .Case([](BatchNormOp b) { return product(shapeOf(b.getResult())); })
      .Default([](Operation *) { return int64_t(0); });
}

static int64_t bytesOf(Value v) {
  return product(shapeOf(v)) * static_cast<int64_t>(sizeof(float));
}

Traffic huge::activationTraffic(Operation *op, const MemoryPlan &plan) {
  Traffic t;
  if (isa<ReshapeOp, ConstantOp, EmptyOp>(op))
    return t;
  if (isa<SliceOp>(op) && plan.viewOf(op->getResult(0)))
    return t; // read in place by its users
  if (auto insert = dyn_cast<InsertRowsOp>(op)) {
    // In place, only the band moves (nothing if it was written in place);
    // otherwise dest is copied first.
    if (!plan.viewOf(insert.getTile()))
      t.read = t.written = bytesOf(insert.getTile());
    if (plan.rootOf(insert.getDest()) != plan.rootOf(insert.getResult())) {
      t.read += bytesOf(insert.getDest());
      t.written += bytesOf(insert.getDest());
    }
    return t;
  }
  if (auto interleave = dyn_cast<InterleaveOp>(op)) {
    int64_t placed = 0;
    for (Value phase : interleave.getPhaseValues()) {
      if (!plan.viewOf(phase)) {
        t.read += bytesOf(phase);
        t.written += bytesOf(phase);
      }
      placed += bytesOf(phase);
    }
    t.written += bytesOf(interleave.getResult()) - placed; // filled positions
    return t;
  }
  if (auto concat = dyn_cast<ConcatOp>(op)) {
    // Inputs written in place by their producers move nothing here.
    for (Value input : concat.getInputs())
      if (!plan.viewOf(input)) {
        t.read += bytesOf(input);
        t.written += bytesOf(input);
      }
    return t;
  }
  // Phases computed in one pass read their shared input once, in the first.
  bool sharesInput = plan.isGroupedPhase(op) && plan.phaseGroup(op).empty();
  for (auto [i, operand] : llvm::enumerate(op->getOperands()))
    if (!operand.getDefiningOp<ConstantOp>() && !(sharesInput && i == 0))
      t.read += bytesOf(operand);
  for (Value result : op->getResults())
    t.written += bytesOf(result);
  return t;
}
