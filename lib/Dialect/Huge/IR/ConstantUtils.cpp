//===- ConstantUtils.cpp - reading and making huge.constant ops -----------===//

#include "huge/Dialect/Huge/IR/ConstantUtils.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;

std::optional<std::vector<float>> huge::getConstantFloats(Value v) {
  ElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto values = attr.tryGetValues<float>();
  if (!values)
    return std::nullopt;
  return std::vector<float>(values->begin(), values->end());
}

Value huge::createF32Constant(OpBuilder &builder, Location loc,
                              ArrayRef<int64_t> shape, ArrayRef<float> values) {
  auto type = RankedTensorType::get(shape, builder.getF32Type());
  return builder.create<ConstantOp>(loc, DenseElementsAttr::get(type, values));
}
