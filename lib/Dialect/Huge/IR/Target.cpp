//===- Target.cpp - the target a module is compiled for -------------------===//

#include "huge/Dialect/Huge/IR/Target.h"

#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace huge;

ArrayRef<TargetDescription> huge::targetDescriptions() {
  // The C target's kernels (runtime/src) are portable C99 with
  // AVX-512/AVX2/NEON paths: 16-float vectors, NCHW16c between by-channel
  // convolutions, strided outputs and in-place element-wise kernels. The C
  // backend checks at build time that its runtime agrees.
  static const TargetDescription kTargets[] = {
      {"c", "portable C99 with the huge runtime", /*alignment=*/64,
       /*channelBlock=*/16, /*vectorWidth=*/16, /*stridedOutputs=*/true,
       /*inPlace=*/true},
      // The NEON target is the C target's code and layouts with a runtime
      // that takes the NEON micro-kernels unconditionally (arm_neon.h,
      // 128-bit FMA tiles sized for AArch64's 32 vector registers) and
      // refuses to build for anything but AArch64.
      {"neon", "C with NEON intrinsics for AArch64 (Armv8-A)",
       /*alignment=*/64, /*channelBlock=*/16, /*vectorWidth=*/16,
       /*stridedOutputs=*/true, /*inPlace=*/true},
      // The OpenCL target generates one kernel per layer with every shape
      // a constant, reading plain weights; activations stay planar NCHW.
      // Buffers start on 128 bytes, the base-address alignment OpenCL
      // devices commonly require (CL_DEVICE_MEM_BASE_ADDR_ALIGN of 1024
      // bits), so an arena offset is also a valid sub-buffer origin.
      {"opencl", "OpenCL 1.2 kernels generated per layer", /*alignment=*/128,
       /*channelBlock=*/0, /*vectorWidth=*/4, /*stridedOutputs=*/true,
       /*inPlace=*/true, /*packedWeights=*/false},
  };
  return kTargets;
}

std::string huge::targetNameList() {
  std::string s;
  for (const TargetDescription &t : targetDescriptions())
    s += (s.empty() ? "" : ", ") + t.name.str();
  return s;
}

TargetAttr huge::describeTarget(MLIRContext *context, StringRef name) {
  for (const TargetDescription &t : targetDescriptions())
    if (t.name == name)
      return TargetAttr::get(context, t.name, t.alignment, t.channelBlock,
                             t.vectorWidth,
                             BoolAttr::get(context, t.stridedOutputs),
                             BoolAttr::get(context, t.inPlace),
                             t.packedWeights
                                 ? BoolAttr()
                                 : BoolAttr::get(context, false));
  return nullptr;
}

TargetAttr huge::getTarget(Operation *op) {
  auto module =
      isa<ModuleOp>(op) ? cast<ModuleOp>(op) : op->getParentOfType<ModuleOp>();
  if (module)
    if (auto target = module->getAttrOfType<TargetAttr>(kTargetAttrName))
      return target;
  return describeTarget(op->getContext(), "c");
}

bool huge::packsWeights(TargetAttr target) {
  return !target.getPackedWeights() || target.getPackedWeights().getValue();
}

static bool isPowerOfTwo(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef name, int64_t alignment,
                                 int64_t channelBlock, int64_t vectorWidth,
                                 BoolAttr stridedOutputs, BoolAttr inPlace,
                                 BoolAttr packedWeights) {
  if (name.empty())
    return emitError() << "expects a target name";
  if (!isPowerOfTwo(alignment) || alignment < 4 || alignment > 4096)
    return emitError() << "expects alignment to be a power of two from 4 to "
                          "4096, got "
                       << alignment;
  if (channelBlock != 0 && (!isPowerOfTwo(channelBlock) || channelBlock > 64))
    return emitError()
           << "expects channel_block to be 0 or a power of two up to 64, got "
           << channelBlock;
  if (!isPowerOfTwo(vectorWidth) || vectorWidth > 64)
    return emitError()
           << "expects vector_width to be a power of two up to 64, got "
           << vectorWidth;
  if (!stridedOutputs || !inPlace)
    return emitError() << "expects strided_outputs and in_place to be true "
                          "or false";
  return success();
}
