//===- HugeBase.td - huge dialect definition ---------------*- tablegen -*-===//
//
// The huge dialect: tensor-level layers of generative and segmentation
// networks (NCHW, static shapes, f32).
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_BASE_TD
#define HUGE_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Huge_Dialect : Dialect {
  let name = "huge";
  let summary = "Layers of generative and segmentation networks";
  let description = [{
    The `huge` dialect describes convolutional networks at tensor level: NCHW
    activations, static shapes and f32 elements. Every op that changes a shape
    infers its result type from its operands and attributes with the formulas
    of ONNX and PyTorch, and its verifier names the offending attribute and the
    value that was expected. Weights are `huge.constant` ops.
  }];
  let cppNamespace = "::huge";
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let hasOperationAttrVerify = 1;
  let hasCanonicalizer = 0;
}

// Statically shaped f32 tensors are the only values the dialect computes on.
def Huge_Tensor : StaticShapeTensorOf<[F32]>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Huge_ResizeMode : I32EnumAttr<"ResizeMode", "interpolation of huge.resize", [
    I32EnumAttrCase<"Nearest", 0, "nearest">,
    I32EnumAttrCase<"Linear", 1, "linear">,
    I32EnumAttrCase<"Cubic", 2, "cubic">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_ResizeModeAttr : EnumAttr<Huge_Dialect, Huge_ResizeMode, "resize_mode">;

def Huge_CoordinateMode : I32EnumAttr<"CoordinateMode",
    "how huge.resize maps an output coordinate to the input", [
    I32EnumAttrCase<"HalfPixel", 0, "half_pixel">,
    I32EnumAttrCase<"PytorchHalfPixel", 1, "pytorch_half_pixel">,
    I32EnumAttrCase<"AlignCorners", 2, "align_corners">,
    I32EnumAttrCase<"Asymmetric", 3, "asymmetric">,
    I32EnumAttrCase<"TfCropAndResize", 4, "tf_crop_and_resize">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_CoordinateModeAttr
    : EnumAttr<Huge_Dialect, Huge_CoordinateMode, "coordinate_mode">;

def Huge_NearestMode : I32EnumAttr<"NearestMode",
    "rounding of the source coordinate in nearest huge.resize", [
    I32EnumAttrCase<"Floor", 0, "floor">,
    I32EnumAttrCase<"Ceil", 1, "ceil">,
    I32EnumAttrCase<"RoundPreferFloor", 2, "round_prefer_floor">,
    I32EnumAttrCase<"RoundPreferCeil", 3, "round_prefer_ceil">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_NearestModeAttr
    : EnumAttr<Huge_Dialect, Huge_NearestMode, "nearest_mode">;

def Huge_PadMode : I32EnumAttr<"PadMode", "border handling of huge.pad", [
    I32EnumAttrCase<"Constant", 0, "constant">,
    I32EnumAttrCase<"Reflect", 1, "reflect">,
    I32EnumAttrCase<"Edge", 2, "edge">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_PadModeAttr : EnumAttr<Huge_Dialect, Huge_PadMode, "pad_mode">;

def Huge_DepthToSpaceMode : I32EnumAttr<"DepthToSpaceMode",
    "channel order of huge.depth_to_space", [
    I32EnumAttrCase<"DCR", 0, "dcr">,
    I32EnumAttrCase<"CRD", 1, "crd">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_DepthToSpaceModeAttr
    : EnumAttr<Huge_Dialect, Huge_DepthToSpaceMode, "depth_to_space_mode">;

def Huge_UnaryFn : I32EnumAttr<"UnaryFn",
    "element-wise function of huge.unary", [
    I32EnumAttrCase<"Sqrt", 0, "sqrt">,
    I32EnumAttrCase<"Exp", 1, "exp">,
    I32EnumAttrCase<"Log", 2, "log">,
    I32EnumAttrCase<"Neg", 3, "neg">,
    I32EnumAttrCase<"Abs", 4, "abs">,
    I32EnumAttrCase<"Reciprocal", 5, "reciprocal">,
    I32EnumAttrCase<"Erf", 6, "erf">,
    I32EnumAttrCase<"Softplus", 7, "softplus">,
    I32EnumAttrCase<"Softsign", 8, "softsign">,
    I32EnumAttrCase<"Elu", 9, "elu">,
    I32EnumAttrCase<"Selu", 10, "selu">,
    I32EnumAttrCase<"Pow", 11, "pow">,
    I32EnumAttrCase<"Floor", 12, "floor">,
    I32EnumAttrCase<"Ceil", 13, "ceil">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_UnaryFnAttr : EnumAttr<Huge_Dialect, Huge_UnaryFn, "unary_fn">;

def Huge_ReduceKind : I32EnumAttr<"ReduceKind",
    "reduction of huge.reduce", [
    I32EnumAttrCase<"Sum", 0, "sum">,
    I32EnumAttrCase<"Mean", 1, "mean">,
    I32EnumAttrCase<"Max", 2, "max">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_ReduceKindAttr : EnumAttr<Huge_Dialect, Huge_ReduceKind, "reduce_kind">;

def Huge_Activation : I32EnumAttr<"Activation",
    "element-wise function fused into a producing op", [
    I32EnumAttrCase<"Relu", 0, "relu">,
    I32EnumAttrCase<"LeakyRelu", 1, "leaky_relu">,
    I32EnumAttrCase<"Clip", 2, "clip">,
    I32EnumAttrCase<"Sigmoid", 3, "sigmoid">,
    I32EnumAttrCase<"Tanh", 4, "tanh">,
    I32EnumAttrCase<"HardSigmoid", 5, "hard_sigmoid">,
    I32EnumAttrCase<"HardSwish", 6, "hard_swish">,
    I32EnumAttrCase<"Silu", 7, "silu">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_ActivationAttr : EnumAttr<Huge_Dialect, Huge_Activation, "activation">;

def Huge_ChainStep : I32EnumAttr<"ChainStep",
    "one step of a fused element-wise chain (huge.chain)", [
    I32EnumAttrCase<"Relu", 0, "relu">,
    I32EnumAttrCase<"LeakyRelu", 1, "leaky_relu">,
    I32EnumAttrCase<"Clip", 2, "clip">,
    I32EnumAttrCase<"Sigmoid", 3, "sigmoid">,
    I32EnumAttrCase<"Tanh", 4, "tanh">,
    I32EnumAttrCase<"HardSigmoid", 5, "hard_sigmoid">,
    I32EnumAttrCase<"HardSwish", 6, "hard_swish">,
    I32EnumAttrCase<"Silu", 7, "silu">,
    I32EnumAttrCase<"Sqrt", 8, "sqrt">,
    I32EnumAttrCase<"Exp", 9, "exp">,
    I32EnumAttrCase<"Log", 10, "log">,
    I32EnumAttrCase<"Neg", 11, "neg">,
    I32EnumAttrCase<"Abs", 12, "abs">,
    I32EnumAttrCase<"Reciprocal", 13, "reciprocal">,
    I32EnumAttrCase<"Erf", 14, "erf">,
    I32EnumAttrCase<"Softplus", 15, "softplus">,
    I32EnumAttrCase<"Softsign", 16, "softsign">,
    I32EnumAttrCase<"Elu", 17, "elu">,
    I32EnumAttrCase<"Selu", 18, "selu">,
    I32EnumAttrCase<"Pow", 19, "pow">,
    I32EnumAttrCase<"Floor", 20, "floor">,
    I32EnumAttrCase<"Ceil", 21, "ceil">,
    I32EnumAttrCase<"Add", 22, "add">,
    I32EnumAttrCase<"Sub", 23, "sub">,
    I32EnumAttrCase<"RSub", 24, "rsub">,
    I32EnumAttrCase<"Mul", 25, "mul">,
    I32EnumAttrCase<"Div", 26, "div">,
    I32EnumAttrCase<"RDiv", 27, "rdiv">,
    I32EnumAttrCase<"AddInput", 28, "add_input">,
    I32EnumAttrCase<"SubInput", 29, "sub_input">,
    I32EnumAttrCase<"RSubInput", 30, "rsub_input">,
    I32EnumAttrCase<"MulInput", 31, "mul_input">,
    I32EnumAttrCase<"DivInput", 32, "div_input">,
    I32EnumAttrCase<"RDivInput", 33, "rdiv_input">]> {
  let cppNamespace = "::huge";
  let genSpecializedAttr = 0;
}
def Huge_ChainStepAttr : EnumAttr<Huge_Dialect, Huge_ChainStep, "step">;

//===----------------------------------------------------------------------===//
// The memory plan
//===----------------------------------------------------------------------===//

def Huge_BufferAttr : AttrDef<Huge_Dialect, "Buffer"> {
  let mnemonic = "buffer";
  let summary = "where an op's result lives in the arena, and when";
  let description = [{
    Set by huge-plan-memory as the `huge.buffer` attribute of every op whose
    result lives in the scratch arena: byte `offset` and `size` in the arena,
    alive from step `first` to step `last` (steps count the function's
    non-constant ops, the return included). Values that share storage (a
    reshape and its input, an in-place op and the operand it overwrites, the
    phases of huge.interleave) carry the same buffer. The function's
    `huge.arena_size` bounds them all; the dialect verifies that no two
    buffers alive at the same step overlap.
  }];
  let parameters = (ins "int64_t":$offset, "int64_t":$size, "int64_t":$first,
                        "int64_t":$last);
  let assemblyFormat = [{
    `<` `offset` `=` $offset `,` `size` `=` $size `,` `live` `=` `[` $first `,` $last `]` `>`
  }];
}

def Huge_ViewAttr : AttrDef<Huge_Dialect, "View"> {
  let mnemonic = "view";
  let summary = "a result stored inside another tensor's buffer, strided";
  let description = [{
    Set by huge-plan-memory as the `huge.view` attribute of an op whose
    result is not a tensor of its own but a strided window of its owner's
    storage: a phase of an untangled layer written in place into the
    huge.interleave that uses it, a convolution writing its channels into
    the huge.concat that uses it, a band written into its huge.insert_rows,
    or a band of rows (huge.slice) its convolutions read in place from the
    slice's input. Element (b, c, y, x) of the result is element
    `offset + (b * C + c) * strides[0] + y * strides[1] + x * strides[2]`
    (in elements) of the owner, whose `huge.buffer` it shares.
  }];
  let parameters = (ins "int64_t":$offset, "int64_t":$channelStride,
                        "int64_t":$rowStride, "int64_t":$colStride);
  let assemblyFormat = [{
    `<` `offset` `=` $offset `,` `strides` `=` `[` $channelStride `,` $rowStride `,` $colStride `]` `>`
  }];
}

def Huge_TargetAttr : AttrDef<Huge_Dialect, "Target"> {
  let mnemonic = "target";
  let summary = "what the code huge emits may assume of its target";
  let description = [{
    Set on the module as `huge.target` by `huge-compile --target` and by the
    `target` option of `huge-c-pipeline` (pass `huge-set-target`). Every pass
    that shapes the generated code reads it instead of assuming one backend:

    - `alignment`: bytes every arena buffer and weight array is aligned to
      (a power of two, at least 4);
    - `channel_block`: channels per block of the channel-blocked activation
      layout the convolution kernels read and write (NCHW16c for 16); 0:
      every activation stays planar NCHW;
    - `vector_width`: floats per vector register of the target's kernels;
    - `strided_outputs`: the convolution kernels write through a strided view
      of a larger tensor and read a band of rows in place, so phases of a
      transposed layer, parts of a concatenation and bands of a tiled layer
      are written where their consumer reads them, with no copy;
    - `in_place`: element-wise kernels may overwrite their input;
    - `packed_weights` (default true): the convolution kernels are the
      runtime's, which read weights packed in blocks (huge-pack-conv-weights,
      huge-pack-grouped-conv); false: the backend generates each layer's
      kernel and reads plain `[Cout, Cin/g, kh, kw]` weights.

    A module without the attribute is planned for the `c` target.
  }];
  let parameters = (ins StringRefParameter<"backend name">:$name,
                        "int64_t":$alignment, "int64_t":$channelBlock,
                        "int64_t":$vectorWidth, "mlir::BoolAttr":$stridedOutputs,
                        "mlir::BoolAttr":$inPlace,
                        OptionalParameter<"mlir::BoolAttr">:$packedWeights);
  let assemblyFormat = [{
    `<` $name `,` `alignment` `=` $alignment `,` `channel_block` `=` $channelBlock
    `,` `vector_width` `=` $vectorWidth `,` `strided_outputs` `=` $stridedOutputs
    `,` `in_place` `=` $inPlace (`,` `packed_weights` `=` $packedWeights^)? `>`
  }];
  let genVerifyDecl = 1;
}

#endif // HUGE_BASE_TD
