//===- LayerInfoTest.cpp - op knowledge and its conservative defaults -----===//
//
// What the memory plan, the tiler, the cost model, epilogue fusion and the
// emitters know about a layer comes from LayerOpInterface. An op without it
// (a new op, or one written in another dialect) and an op that implements it
// without answering some method both get the conservative answer: no
// in-place reuse, planar layout, not tileable, no multiply-adds, nothing to
// fuse.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/LayerInfo.h"
#include "huge/Dialect/Huge/IR/HugeDialect.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace huge;

namespace {

class LayerInfoTest : public ::testing::Test {
protected:
  LayerInfoTest() {
    context.loadDialect<HugeDialect, func::FuncDialect>();
    context.allowUnregisteredDialects();
  }

  /// The ops of the single function in `text`, in order.
  std::vector<Operation *> parse(const char *text) {
    module = parseSourceString<ModuleOp>(text, &context);
    EXPECT_TRUE(module);
    std::vector<Operation *> ops;
    if (module)
      module->walk([&](Operation *op) {
        if (!isa<ModuleOp, func::FuncOp, func::ReturnOp>(op))
          ops.push_back(op);
      });
    return ops;
  }

  void expectConservative(Operation *op) {
    SCOPED_TRACE(op->getName().getStringRef().str());
    EXPECT_FALSE(inPlaceOperand(op).has_value());
    EXPECT_FALSE(isLayoutAgnostic(op));
    EXPECT_EQ(tileRule(op), TileRule::None);
    EXPECT_FALSE(spatialWindow(op, 0).has_value());
    EXPECT_EQ(nominalMacs(op), 0);
    EXPECT_EQ(executedMacs(op), 0);
    EXPECT_FALSE(asActivation(op).has_value());
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(LayerInfoTest, OpsWithoutTheInterfaceGetTheDefaults) {
  auto ops = parse(R"mlir(
    func.func @f(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
      %0 = "new.layer"(%x) : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
      %1 = huge.softmax %0 {axis = 1} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
      return %1 : tensor<1x4x8x8xf32>
    })mlir");
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_FALSE(isa<LayerOpInterface>(ops[0]));
  EXPECT_FALSE(isa<LayerOpInterface>(ops[1]));
  for (Operation *op : ops)
    expectConservative(op);
}

TEST_F(LayerInfoTest, MethodsAnOpDoesNotAnswerGetTheDefaults) {
  auto ops = parse(R"mlir(
    func.func @f(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
      %0 = huge.relu %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
      %1 = huge.concat %0, %0 {axis = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x16x8xf32>
      return %0 : tensor<1x4x8x8xf32>
    })mlir");
  ASSERT_EQ(ops.size(), 2u);
  // relu answers in place, layout, tiling and activation, nothing else.
  EXPECT_EQ(inPlaceOperand(ops[0]), 0u);
  EXPECT_TRUE(isLayoutAgnostic(ops[0]));
  EXPECT_EQ(tileRule(ops[0]), TileRule::Identity);
  ASSERT_TRUE(asActivation(ops[0]).has_value());
  EXPECT_EQ(asActivation(ops[0])->activation, Activation::Relu);
  EXPECT_FALSE(spatialWindow(ops[0], 0).has_value());
  EXPECT_EQ(nominalMacs(ops[0]), 0);
  // A concatenation along rows answers nothing but "not tileable".
  expectConservative(ops[1]);
}

TEST_F(LayerInfoTest, ConvolutionsAnswerForThemselves) {
  auto ops = parse(R"mlir(
    func.func @f(%x: tensor<1x2x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x8x8xf32> {
      %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x2x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x8x8xf32>
      return %0 : tensor<1x4x8x8xf32>
    })mlir");
  ASSERT_EQ(ops.size(), 1u);
  Operation *conv = ops[0];
  EXPECT_EQ(tileRule(conv), TileRule::Conv);
  ASSERT_TRUE(spatialWindow(conv, 0).has_value());
  EXPECT_EQ(spatialWindow(conv, 0)->kernel, 3);
  EXPECT_EQ(spatialWindow(conv, 0)->pad, 1);
  ASSERT_TRUE(spatialWindow(conv, 1).has_value());
  EXPECT_EQ(spatialWindow(conv, 1)->kernel, 3);
  EXPECT_EQ(spatialWindow(conv, 1)->stride, 1);
  // Every tap of every output, and the taps that fall inside the input:
  // per axis 8 * 3 - 2 border taps.
  EXPECT_EQ(nominalMacs(conv), 1 * 4 * 8 * 8 * 2 * 9);
  EXPECT_EQ(executedMacs(conv), 1 * 4 * 2 * 22 * 22);
  EXPECT_FALSE(inPlaceOperand(conv).has_value());
  EXPECT_FALSE(isLayoutAgnostic(conv));
}

} // namespace
