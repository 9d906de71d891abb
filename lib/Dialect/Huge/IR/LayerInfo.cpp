//===- LayerInfo.cpp - what passes know about a layer ---------------------===//
//
// The queries of LayerInfo.h, and the LayerOpInterface methods that need more
// than a line. Executed multiply-adds mirror the loops of the runtime
// kernels: for each kernel tap, the output rows and columns whose input lies
// inside the tensor.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/LayerInfo.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"

using namespace mlir;
using namespace huge;

#include "huge/Dialect/Huge/IR/HugeInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// Queries: the interface's answer, or the conservative default
//===----------------------------------------------------------------------===//

std::optional<unsigned> huge::inPlaceOperand(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer ? layer.getInPlaceOperand() : std::nullopt;
}

bool huge::isLayoutAgnostic(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer && layer.isLayoutAgnostic();
}

TileRule huge::tileRule(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer ? layer.getTileRule() : TileRule::None;
}

std::optional<SpatialWindow> huge::spatialWindow(Operation *op,
                                                 unsigned axis) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer ? layer.getWindow(axis) : std::nullopt;
}

int64_t huge::nominalMacs(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer ? layer.getNominalMacs() : 0;
}

int64_t huge::executedMacs(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer ? layer.getExecutedMacs() : 0;
}

std::optional<FusedActivation> huge::asActivation(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer ? layer.getAsActivation() : std::nullopt;
}

//===----------------------------------------------------------------------===//
// Multiply-adds
//===----------------------------------------------------------------------===//

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
/// `iter` is the extent the kernel loops over (output for conv2d, input for
/// the transposed form) and `limit` the extent it lands in.
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

int64_t Conv2dOp::getNominalMacs() {
  ArrayRef<int64_t> w = shapeOf(getWeight());
  return product(shapeOf(getResult())) * w[1] * w[2] * w[3];
}

int64_t Conv2dOp::getExecutedMacs() {
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getWeight()),
                    y = shapeOf(getResult());
  return x[0] * y[1] * w[1] *
         convTaps(y.drop_front(2), x.drop_front(2), w.drop_front(2),
                  getStrides(), getPads(), getDilations());
}

int64_t ConvTranspose2dOp::getNominalMacs() {
  ArrayRef<int64_t> w = shapeOf(getWeight());
  return product(shapeOf(getInput())) * w[1] * w[2] * w[3];
}

int64_t ConvTranspose2dOp::getExecutedMacs() {
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getWeight()),
                    y = shapeOf(getResult());
  return x[0] * x[1] * w[1] *
         convTaps(x.drop_front(2), y.drop_front(2), w.drop_front(2),
                  getStrides(), getPads(), getDilations());
}

int64_t ConvTransposeRowsOp::getNominalMacs() {
  ArrayRef<int64_t> w = shapeOf(getPackedWeight()), k = getKernel();
  return product(shapeOf(getInput())) * (w[0] / getGroupsAttr().getInt()) *
         k[0] * k[1];
}

int64_t ConvTransposeRowsOp::getExecutedMacs() {
  // Every output column runs ceil(kw/sw) column taps of each in-range
  // kernel row; lanes of a shorter phase multiply zero weights.
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getPackedWeight()),
                    y = shapeOf(getResult()), s = getStrides(), p = getPads();
  int64_t rows = 0;
  for (int64_t oy = 0; oy < y[2]; ++oy)
    for (int64_t ky = (oy + p[0]) % s[0]; ky < getKernel()[0]; ky += s[0]) {
      int64_t iy = (oy + p[0] - ky) / s[0];
      rows += iy >= 0 && iy < x[2];
    }
  return y[0] * y[1] * w[1] * rows * w[3] * y[3];
}

int64_t DepthwiseConv2dOp::getNominalMacs() {
  ArrayRef<int64_t> w = shapeOf(getWeight());
  return product(shapeOf(getResult())) * w[1] * w[2];
}

int64_t DepthwiseConv2dOp::getExecutedMacs() {
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getWeight()),
                    y = shapeOf(getResult());
  return x[0] * y[1] *
         convTaps(y.drop_front(2), x.drop_front(2), w.drop_front(1),
                  getStrides(), getPads(), getDilations());
}

int64_t PackedConv2dOp::getNominalMacs() {
  ArrayRef<int64_t> w = shapeOf(getPackedWeight());
  return product(shapeOf(getResult())) * w[2] * w[3] * w[4];
}

int64_t PackedConv2dOp::getExecutedMacs() {
  // Like conv2d: the kernel visits exactly the in-range taps.
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getPackedWeight()),
                    y = shapeOf(getResult());
  return x[0] * y[1] * w[4] *
         convTaps(y.drop_front(2), x.drop_front(2), w.slice(2, 2), getStrides(),
                  getPads(), getDilations());
}

int64_t MatMulOp::getNominalMacs() {
  return product(shapeOf(getResult())) * shapeOf(getLhs()).back();
}

int64_t GemmOp::getNominalMacs() {
  ArrayRef<int64_t> a = shapeOf(getA());
  return product(shapeOf(getResult())) * (getTransA() ? a[0] : a[1]);
}

int64_t BatchNormOp::getNominalMacs() { return product(shapeOf(getResult())); }
// Two passes over each plane (statistics, then the normalization).
int64_t InstanceNormOp::getNominalMacs() {
  return 2 * product(shapeOf(getResult()));
}

//===----------------------------------------------------------------------===//
// Windows and in-place operands
//===----------------------------------------------------------------------===//

std::optional<SpatialWindow> Conv2dOp::getWindow(unsigned axis) {
  return SpatialWindow{shapeOf(getWeight())[2 + axis], getStrides()[axis],
                       getPads()[axis], getDilations()[axis]};
}

std::optional<SpatialWindow> PackedConv2dOp::getWindow(unsigned axis) {
  return SpatialWindow{shapeOf(getPackedWeight())[2 + axis], getStrides()[axis],
                       getPads()[axis], getDilations()[axis]};
}

std::optional<SpatialWindow> DepthwiseConv2dOp::getWindow(unsigned axis) {
  return SpatialWindow{shapeOf(getWeight())[1 + axis], getStrides()[axis],
                       getPads()[axis], getDilations()[axis]};
}

std::optional<SpatialWindow> MaxPool2dOp::getWindow(unsigned axis) {
  return SpatialWindow{getKernel()[axis], getStrides()[axis], getPads()[axis],
                       getDilations()[axis]};
}

std::optional<SpatialWindow> AvgPool2dOp::getWindow(unsigned axis) {
  return SpatialWindow{getKernel()[axis], getStrides()[axis], getPads()[axis],
                       1};
}

std::optional<unsigned> PReluOp::getInPlaceOperand() {
  if (getInput().getType() == getType())
    return 0;
  return std::nullopt;
}
