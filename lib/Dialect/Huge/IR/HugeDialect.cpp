//===- HugeDialect.cpp - huge dialect registration ------------------------===//

#include "huge/Dialect/Huge/IR/HugeDialect.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace huge;

#include "huge/Dialect/Huge/IR/HugeOpsDialect.cpp.inc"
#include "huge/Dialect/Huge/IR/HugeEnums.cpp.inc"
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
