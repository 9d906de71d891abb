//===- HugeOps.td - huge dialect operations ----------------*- tablegen -*-===//
//
// Layout conventions: activations are NCHW; conv2d weights are
// [Cout, Cin/groups, kh, kw]; conv_transpose2d weights are
// [Cin, Cout/groups, kh, kw] (PyTorch and ONNX); per-side pads are
// [top, left, bottom, right] (ONNX order).
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_OPS_TD
#define HUGE_OPS_TD

include "huge/Dialect/Huge/IR/HugeBase.td"
include "huge/Dialect/Huge/IR/HugeInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

class Huge_Op<string mnemonic, list<Trait> traits = []>
    : Op<Huge_Dialect, mnemonic, !listconcat([Pure], traits)>;

// Ops whose result type follows from operands and attributes.
class Huge_InferredOp<string mnemonic, list<Trait> traits = []>
    : Huge_Op<mnemonic, !listconcat([InferTypeOpAdaptor], traits)> {
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def Huge_ConstantOp : Huge_Op<"constant", [ConstantLike, InferTypeOpAdaptor]> {
  let summary = "a constant tensor (weights, biases, tables)";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

// The epilogue of convolutions: an optional activation applied to every
// output, with its parameters (leaky_relu: alpha; clip: min, max).
defvar Huge_EpilogueArgs = (ins OptionalAttr<Huge_ActivationAttr>:$activation,
                            OptionalAttr<DenseF32ArrayAttr>:$activation_params);

// What both forms of a convolution declare: their bias and residual (the
// epilogue operands), tiling rule and multiply-add counts.
defvar Huge_ConvDeclarations = [{
    /// The bias ([Cout]) and the residual (the result's shape), each null
    /// when absent.
    ::mlir::Value getBias() { return ::huge::epilogueBias(getEpilogueOperands()); }
    ::mlir::Value getResidual() {
      return ::huge::epilogueResidual(getEpilogueOperands());
    }
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Conv; }
    std::optional<::huge::SpatialWindow> getWindow(unsigned axis);
    int64_t getNominalMacs();
    int64_t getExecutedMacs();
}];

def Huge_Conv2dOp : Huge_InferredOp<"conv2d", [Huge_LayerOpInterface]> {
  let summary = "2-D convolution (cross-correlation) with groups and dilation";
  let description = [{
    `out[n, co, y, x] = act(bias[co] + sum over ci in co's group, ky, kx of
     in[n, ci, y*sh - pt + ky*dh, x*sw - pl + kx*dw] * weight[co, ci', ky, kx])`
    with `H_out = floor((H + pt + pb - dh*(kh-1) - 1) / sh) + 1` (same for W).
    Negative pads crop the input (sub-convolutions of untangled layers use
    them); `act` is the optional fused activation.

    After the weights come the epilogue operands: the optional bias
    `[Cout]`, then an optional residual of the result's shape, added before
    the activation: `out = act(conv + bias + residual)`, a residual
    connection fused by huge-fuse-epilogues (ResNet's `relu(conv(x) + x)`).

    The optional `form` records how a dilated convolution is computed:
    `per_tap` accumulates one dense product per kernel tap over the shifted
    input (chosen by huge-untangle-dilated-conv for large dilations on small
    maps).
  }];
  let arguments = !con((ins Huge_Tensor:$input, Huge_Tensor:$weight,
                            Variadic<Huge_Tensor>:$epilogue_operands,
                            DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                            DenseI64ArrayAttr:$dilations, I64Attr:$groups),
                       Huge_EpilogueArgs,
                       (ins OptionalAttr<StrAttr>:$form));
  let hasVerifier = 1;
  let extraClassDeclaration = Huge_ConvDeclarations;
}

def Huge_PackedConv2dOp : Huge_Op<"packed_conv2d", [Huge_LayerOpInterface]> {
  let summary = "convolution over weights packed for the target's kernels";
  let description = [{
    A `huge.conv2d` whose weights were packed at compile time as
    `[groups, ceil(Cout/groups / block), kh, kw, Cin/groups, block]`: each
    group's output channels in blocks of `block` lanes, zero padded. A
    block that is a multiple of 16 is computed as output pixels times
    vectors of output channels; any other block as output channels times
    vectors of output columns. Semantics equal the `huge.conv2d` it came
    from.

    Grouped convolutions take this form early, in the grouped-spatial-pack
    layout (GSPC, `huge-pack-grouped-conv`); every other convolution takes it
    last, when `huge-pack-conv-weights` packs the block that
    `huge-assign-layouts` chose.
  }];
  let arguments = !con((ins Huge_Tensor:$input, Huge_Tensor:$packed_weight,
                            Variadic<Huge_Tensor>:$epilogue_operands,
                            DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                            DenseI64ArrayAttr:$dilations, I64Attr:$groups),
                       Huge_EpilogueArgs);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = Huge_ConvDeclarations;
}

def Huge_DepthwiseConv2dOp : Huge_Op<"depthwise_conv2d", [Huge_LayerOpInterface]> {
  let summary = "depthwise convolution with its dedicated kernel";
  let description = [{
    A `huge.conv2d` whose groups equal its input channels, with weights
    `[Cout, kh, kw]` (output channel `c` reads input channel
    `c / (Cout / Cin)`). Its kernel keeps one input plane in cache for all of
    that plane's output channels.

    The optional `form = "flat"` computes each output plane as one run of
    pixels, in vectors that cross row ends (the runtime's
    `huge_depthwise_conv2d_flat`): one output channel per input channel,
    stride 1, output rows as wide as the input's and at most 49 taps. huge-pack-grouped-conv chooses it for small
    planes, whose rows fill few of a vector's lanes.
  }];
  let arguments = !con((ins Huge_Tensor:$input, Huge_Tensor:$weight,
                            Optional<Huge_Tensor>:$bias,
                            DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                            DenseI64ArrayAttr:$dilations),
                       Huge_EpilogueArgs,
                       (ins OptionalAttr<StrAttr>:$form));
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Conv; }
    std::optional<::huge::SpatialWindow> getWindow(unsigned axis);
    int64_t getNominalMacs();
    int64_t getExecutedMacs();
  }];
}

def Huge_ConvTranspose2dOp : Huge_InferredOp<"conv_transpose2d", [Huge_LayerOpInterface]> {
  let summary = "2-D transposed convolution (deconvolution)";
  let description = [{
    The gradient of conv2d with respect to its input. Each input pixel
    scatters `weight[ci, co', :, :]` into the output at stride `s`:
    `H_out = (H - 1)*sh - pt - pb + dh*(kh - 1) + output_padding_h + 1`.
    `output_padding` must be smaller than the stride or the dilation.
  }];
  let arguments = !con((ins Huge_Tensor:$input, Huge_Tensor:$weight,
                            Optional<Huge_Tensor>:$bias,
                            DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                            DenseI64ArrayAttr:$output_padding,
                            DenseI64ArrayAttr:$dilations, I64Attr:$groups),
                       Huge_EpilogueArgs);
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNominalMacs();
    int64_t getExecutedMacs();
  }];
}

def Huge_ConvTransposeRowsOp
    : Huge_Op<"conv_transpose_rows", [Huge_LayerOpInterface]> {
  let summary = "transposed convolution in output order, weights packed per lane";
  let description = [{
    A `huge.conv_transpose2d` (dilation 1) computed row by row in output
    order: each output row in vectors of 16 consecutive columns, whose lanes
    belong to different column phases, stored contiguously. It suits layers
    whose outputs each sum a few products (one or two input channels per
    group), where writing the output is the work; `huge-untangle-transposed-
    conv` chooses it per layer (docs/passes.md).

    `packed_weight` is `[Cout, Cin/groups, kh, ceil(kw/sw), L]`, L = 16 *
    ceil(sw/16): lane l of column tap t holds kernel column
    `(pl mod sw + l) mod sw + t*sw` of `weight[ci, co', ky, :]` (zero past
    kw). `kernel` is `[kh, kw]`; `pads` are `[pt, pl, pb, pr]` with the
    output padding subtracted from `pb` and `pr`, so that
    `H_out = (H - 1)*sh - pt - pb + kh`. Semantics equal the
    `huge.conv_transpose2d` it came from.
  }];
  let arguments = !con((ins Huge_Tensor:$input, Huge_Tensor:$packed_weight,
                            Optional<Huge_Tensor>:$bias,
                            DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                            DenseI64ArrayAttr:$kernel, I64Attr:$groups),
                       Huge_EpilogueArgs);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNominalMacs();
    int64_t getExecutedMacs();
  }];
}

//===----------------------------------------------------------------------===//
// Normalization and activations
//===----------------------------------------------------------------------===//

def Huge_BatchNormOp : Huge_InferredOp<"batch_norm", [Huge_LayerOpInterface]> {
  let summary = "batch normalization in inference form";
  let description = [{
    `out = (in - mean[c]) / sqrt(var[c] + epsilon) * scale[c] + bias[c]`.
    Canonicalization folds it into a preceding convolution.
  }];
  let arguments = (ins Huge_Tensor:$input, Huge_Tensor:$scale,
                   Huge_Tensor:$bias, Huge_Tensor:$mean, Huge_Tensor:$variance,
                   F32Attr:$epsilon);
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    std::optional<unsigned> getInPlaceOperand() { return 0; }
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Identity; }
    int64_t getNominalMacs();
  }];
}

def Huge_InstanceNormOp
    : Huge_InferredOp<"instance_norm", [Huge_LayerOpInterface]> {
  let summary = "instance normalization";
  let description = [{
    Each (batch item, channel) plane normalized by its own statistics:
    `out = (in - mean) / sqrt(var + epsilon) * scale[c] + bias[c]`, with the
    mean and the biased variance of that plane (ONNX
    InstanceNormalization; PyTorch's InstanceNorm2d in eval mode without
    running statistics). The kernel reads a whole plane before writing it,
    so it may work in place; a band of rows is not enough (not tileable).
  }];
  let arguments = (ins Huge_Tensor:$input, Huge_Tensor:$scale,
                   Huge_Tensor:$bias, F32Attr:$epsilon);
  let extraClassDeclaration = [{
    std::optional<unsigned> getInPlaceOperand() { return 0; }
    int64_t getNominalMacs();
  }];
}

// An element-wise op of one operand: its kernel may work in place and in
// any layout, and a band of rows needs the same rows of its input.
defvar Huge_UnaryLayer = [{
    std::optional<unsigned> getInPlaceOperand() { return 0; }
    bool isLayoutAgnostic() { return true; }
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Identity; }
}];

// The activation a convolution's epilogue can apply instead of the op.
class Huge_AsActivation<string activation, string params = ""> {
  code body = [{
    std::optional<::huge::FusedActivation> getAsActivation() {
      return ::huge::FusedActivation{::huge::Activation::}] # activation #
      [{, {}] # params # [{}};
    }
  }];
}

class Huge_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Huge_InferredOp<mnemonic, !listconcat([Huge_LayerOpInterface], traits)> {
  let arguments = (ins Huge_Tensor:$input);
  let extraClassDeclaration = Huge_UnaryLayer;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location>,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      types.push_back(adaptor.getInput().getType());
      return ::mlir::success();
    }
  }];
}

def Huge_ReluOp : Huge_UnaryOp<"relu"> {
  let summary = "max(x, 0)";
  let extraClassDeclaration = Huge_UnaryLayer # Huge_AsActivation<"Relu">.body;
}
def Huge_SigmoidOp : Huge_UnaryOp<"sigmoid"> {
  let summary = "1 / (1 + exp(-x))";
  let extraClassDeclaration =
      Huge_UnaryLayer # Huge_AsActivation<"Sigmoid">.body;
}
def Huge_TanhOp : Huge_UnaryOp<"tanh"> {
  let summary = "hyperbolic tangent";
  let extraClassDeclaration = Huge_UnaryLayer # Huge_AsActivation<"Tanh">.body;
}
def Huge_HardSigmoidOp : Huge_UnaryOp<"hard_sigmoid"> {
  let summary = "max(0, min(1, alpha * x + beta))";
  let arguments = (ins Huge_Tensor:$input, F32Attr:$alpha, F32Attr:$beta);
  let extraClassDeclaration = Huge_UnaryLayer # Huge_AsActivation<"HardSigmoid",
      "getAlpha().convertToFloat(), getBeta().convertToFloat()">.body;
}
def Huge_HardSwishOp : Huge_UnaryOp<"hard_swish"> {
  let summary = "x * max(0, min(1, x / 6 + 1 / 2)) (MobileNetV3)";
  let extraClassDeclaration =
      Huge_UnaryLayer # Huge_AsActivation<"HardSwish">.body;
}
def Huge_SiluOp : Huge_UnaryOp<"silu"> {
  let summary = "x * sigmoid(x) (SiLU, swish: EfficientNet)";
  let description = [{
    Formed by huge-fuse-epilogues from `x * sigmoid(x)`, as exporters write
    it, so that a convolution's epilogue can apply it.
  }];
  let extraClassDeclaration = Huge_UnaryLayer # Huge_AsActivation<"Silu">.body;
}
def Huge_UnaryMathOp : Huge_UnaryOp<"unary"> {
  let summary = "an element-wise math function (sqrt, exp, log, neg, abs, reciprocal, erf, softplus, softsign, elu, selu, pow)";
  let description = [{
    `fn(x)` for every element, with the function's IEEE semantics (sqrt and
    log of a negative number are NaN, reciprocal of 0 is infinity).
    `softplus` is `log(1 + exp(x))`, `softsign` is `x / (1 + |x|)`.
    Three take `params`: `elu` [alpha] is `x` for `x > 0`, else
    `alpha * (exp(x) - 1)`; `selu` [alpha, gamma] is `gamma * elu(x)`;
    `pow` [exponent] is `x` to a constant power.
  }];
  let arguments = (ins Huge_Tensor:$input, Huge_UnaryFnAttr:$fn,
                   OptionalAttr<DenseF32ArrayAttr>:$params);
  let hasVerifier = 1;
  let assemblyFormat = [{
    $fn operands attr-dict `:` functional-type(operands, results)
  }];
}
def Huge_LeakyReluOp : Huge_UnaryOp<"leaky_relu"> {
  let summary = "x if x >= 0 else alpha * x";
  let arguments = (ins Huge_Tensor:$input, F32Attr:$alpha);
  let extraClassDeclaration = Huge_UnaryLayer #
      Huge_AsActivation<"LeakyRelu", "getAlpha().convertToFloat()">.body;
}
def Huge_ClipOp : Huge_UnaryOp<"clip"> {
  let summary = "min(max(x, min), max) (ReLU6 and friends)";
  let arguments = (ins Huge_Tensor:$input, F32Attr:$min, F32Attr:$max);
  let extraClassDeclaration = Huge_UnaryLayer # Huge_AsActivation<"Clip",
      "getMin().convertToFloat(), getMax().convertToFloat()">.body;
  let hasVerifier = 1;
}

def Huge_ChainOp : Huge_UnaryOp<"chain"> {
  let summary = "element-wise steps applied in one pass";
  let description = [{
    A run of element-wise ops whose intermediate results have no other use,
    formed by `huge-fuse-elementwise-chains`: each element of `input` is
    read once, the steps are applied to it in order, and the result is
    written once, where the ops would each have read and written the whole
    tensor. A step is an activation (`relu`, `leaky_relu` [alpha], `clip`
    [min, max], `sigmoid`, `tanh`, `hard_sigmoid` [alpha, beta],
    `hard_swish`, `silu`), a math function as in `huge.unary` (`elu`
    [alpha], `selu` [alpha, gamma], `pow` [exponent] take parameters), an
    operation with a constant (`add`, `sub`, `mul`, `div` [c] compute
    `v op c`; `rsub`, `rdiv` [c] compute `c op v`), or an operation with the
    chain's own input `x` (`add_input`, `sub_input`, `mul_input`,
    `div_input` compute `v op x`; `rsub_input`, `rdiv_input` compute
    `x op v`). `params` holds the steps' parameters one after another. Each
    step rounds to float as the op it replaces does, so the result is the
    same bit for bit.

    ```mlir
    // GELU as exporters write it: x * 0.5 * (1 + erf(x / sqrt(2)))
    %y = huge.chain %x {steps = [#huge<step div>, #huge<step erf>,
                                 #huge<step add>, #huge<step mul_input>,
                                 #huge<step mul>],
                        params = array<f32: 1.41421354, 1.0, 0.5>}
        : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    ```
  }];
  let arguments = (ins Huge_Tensor:$input,
                   TypedArrayAttrBase<Huge_ChainStepAttr, "chain steps">:$steps,
                   DenseF32ArrayAttr:$params);
  let extraClassDeclaration = Huge_UnaryLayer # [{
    /// The number of parameters `step` takes from `params`.
    static unsigned paramCount(::huge::ChainStep step);
  }];
  let hasVerifier = 1;
}

def Huge_PReluOp : Huge_InferredOp<"prelu", [Huge_LayerOpInterface]> {
  let summary = "x if x >= 0 else slope * x, slope broadcast to x";
  let arguments = (ins Huge_Tensor:$input, Huge_Tensor:$slope);
  let extraClassDeclaration = [{
    std::optional<unsigned> getInPlaceOperand();
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Identity; }
  }];
}

//===----------------------------------------------------------------------===//
// Element-wise binary ops with ONNX (numpy) broadcasting
//===----------------------------------------------------------------------===//

class Huge_BinaryOp<string mnemonic, string formula>
    : Huge_InferredOp<mnemonic, [Huge_LayerOpInterface]> {
  let summary = "element-wise " # formula # " with numpy broadcasting";
  let arguments = (ins Huge_Tensor:$lhs, Huge_Tensor:$rhs);
  // In place over an operand of the result's type; layout agnostic when
  // nothing broadcasts.
  let extraClassDeclaration = [{
    std::optional<unsigned> getInPlaceOperand() {
      for (unsigned i : {0u, 1u})
        if (getOperand(i).getType() == getType())
          return i;
      return std::nullopt;
    }
    bool isLayoutAgnostic() {
      return getLhs().getType() == getType() && getRhs().getType() == getType();
    }
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Identity; }
  }];
}
def Huge_AddOp : Huge_BinaryOp<"add", "lhs + rhs">;
def Huge_SubOp : Huge_BinaryOp<"sub", "lhs - rhs">;
def Huge_MulOp : Huge_BinaryOp<"mul", "lhs * rhs">;
def Huge_DivOp : Huge_BinaryOp<"div", "lhs / rhs">;
def Huge_PowOp : Huge_BinaryOp<"pow", "lhs ^ rhs">;

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Huge_ConcatOp : Huge_InferredOp<"concat", [Huge_LayerOpInterface]> {
  let summary = "concatenation along one axis";
  let arguments = (ins Variadic<Huge_Tensor>:$inputs, I64Attr:$axis);
  let hasFolder = 1;
  let extraClassDeclaration = [{
    bool isLayoutAgnostic() { return getAxis() == 1; }
    ::huge::TileRule getTileRule() {
      return getAxis() == 2 ? ::huge::TileRule::None
                            : ::huge::TileRule::Identity;
    }
  }];
}

def Huge_DepthToSpaceOp : Huge_InferredOp<"depth_to_space",
                                          [Huge_LayerOpInterface]> {
  let summary = "rearranges channel blocks into space (pixel shuffle)";
  let description = [{
    `[N, C*b*b, H, W] -> [N, C, H*b, W*b]`. Mode `crd` is PyTorch's
    PixelShuffle (channel index `c*b*b + i*b + j`); `dcr` takes channel
    `(i*b + j)*C + c`.
  }];
  let arguments = (ins Huge_Tensor:$input, I64Attr:$block_size,
                   Huge_DepthToSpaceModeAttr:$mode);
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Upsample; }
  }];
}

def Huge_ResizeOp : Huge_Op<"resize", [Huge_LayerOpInterface]> {
  let summary = "nearest or bilinear resize of the two spatial axes";
  let description = [{
    `scales` holds the H and W scale factors that map output coordinates to
    input ones through `coordinate_mode`; the result type carries the output
    size, which must equal `floor(in * scale)` up to rounding.

    With `tf_crop_and_resize`, `roi` is the window of the input resized, as
    fractions of its extent `(h_start, w_start, h_end, w_end)`, and an output
    whose source coordinate falls outside the input is
    `extrapolation_value` (ONNX's defaults: 0).

    `cubic` interpolates 4 taps per axis with Keys' coefficients of parameter
    `cubic_coeff_a` (ONNX's default -0.75, as PyTorch's bicubic), edge pixels
    repeated outside the input; with `exclude_outside`, taps outside the
    input weigh 0 and the others are renormalized.

    With `row_band = [in_row, in_rows, out_row, out_rows]` the op computes
    a band of rows of a larger resize (huge-tile-fuse's bands): the resize
    of an `in_rows`-row input to `out_rows` rows, of which the result holds
    rows `[out_row, out_row + H)` and the operand input rows
    `[in_row, in_row + H_in)`, every row the band reads.
  }];
  let arguments = (ins Huge_Tensor:$input, DenseF64ArrayAttr:$scales,
                   Huge_ResizeModeAttr:$mode,
                   Huge_CoordinateModeAttr:$coordinate_mode,
                   Huge_NearestModeAttr:$nearest_mode,
                   OptionalAttr<DenseF64ArrayAttr>:$roi,
                   OptionalAttr<F32Attr>:$extrapolation_value,
                   OptionalAttr<F32Attr>:$cubic_coeff_a,
                   UnitAttr:$exclude_outside,
                   OptionalAttr<DenseI64ArrayAttr>:$row_band);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule();
    /// Rows of the whole input and result, and the first row of each this
    /// op holds (the row window, or the op's own shapes).
    int64_t getFullInputRows();
    int64_t getFullResultRows();
    int64_t getInputRow0();
    int64_t getResultRow0();
    /// The input rows [first, second) that result rows [lo, hi) of the whole
    /// resize read, clipped to the input.
    std::pair<int64_t, int64_t> getSourceRows(int64_t lo, int64_t hi);
  }];
}

def Huge_PadOp : Huge_InferredOp<"pad", [Huge_LayerOpInterface]> {
  let summary = "constant, reflect or edge padding of every axis";
  let description = [{
    `pads` holds `rank` leading amounts followed by `rank` trailing amounts,
    as in ONNX. Negative amounts crop.
  }];
  let arguments = (ins Huge_Tensor:$input, DenseI64ArrayAttr:$pads,
                   Huge_PadModeAttr:$mode, F32Attr:$value);
  let hasFolder = 1;
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() {
      return getMode() == PadMode::Constant ? ::huge::TileRule::Pad
                                            : ::huge::TileRule::None;
    }
  }];
}

def Huge_InterleaveOp : Huge_Op<"interleave", [AttrSizedOperandSegments, Huge_LayerOpInterface]> {
  let summary = "writes output phases into their strided positions";
  let description = [{
    Operand `i` is the phase `(rh, rw) = (phases[2i], phases[2i+1])` of the
    result: `out[n, c, rh + y*sh, rw + x*sw] = phase_i[n, c, y, x]`, so it has
    shape `[N, C, ceil((H - rh) / sh), ceil((W - rw) / sw)]`. Positions no
    operand covers hold `fill[c]` (0 without `fill`). Untangled transposed and
    dilated convolutions produce their phases with stride-1 convolutions; the
    memory plan makes single-use phases strided views of the result, so they
    are written in place.
  }];
  let arguments = (ins Variadic<Huge_Tensor>:$phase_values,
                   Optional<Huge_Tensor>:$fill, DenseI64ArrayAttr:$strides,
                   DenseI64ArrayAttr:$phases);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    $phase_values (`fill` $fill^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Interleave; }
  }];
}

def Huge_SliceOp : Huge_Op<"slice", [Huge_LayerOpInterface]> {
  let summary = "a strided window of a tensor";
  let description = [{
    `out[i] = in[offsets + i * steps]` per axis; the result type gives the
    extents.
  }];
  let arguments = (ins Huge_Tensor:$input, DenseI64ArrayAttr:$offsets,
                   DenseI64ArrayAttr:$steps);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() {
      return getSteps().size() == 4 && getSteps()[2] == 1
                 ? ::huge::TileRule::Slice
                 : ::huge::TileRule::None;
    }
  }];
}

def Huge_EmptyOp : Huge_Op<"empty"> {
  let summary = "a tensor whose elements are written later (by insert_rows)";
  let description = [{
    Starts the result of a tiled group: huge-tile-fuse writes every row of
    it with a chain of `huge.insert_rows`, each of which the memory plan runs
    in place, so the chain occupies one buffer. Reading an element no insert
    wrote is undefined.
  }];
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def Huge_InsertRowsOp : Huge_Op<"insert_rows"> {
  let summary = "copies a band of rows, or a tile, into a tensor";
  let description = [{
    `result = dest` except `result[n, c, row + y, col + x] = tile[n, c, y, x]`
    (`col` is 0 when absent). `tile` and `dest` are rank 4 with equal batch
    and channel extents; the tile lies inside `dest`. A band of whole rows
    leaves `col` out; a tile of a 2-D grid (huge-tile-fuse) names it. When
    `dest` has no other use the memory plan writes the tile in place.
  }];
  let arguments = (ins Huge_Tensor:$tile, Huge_Tensor:$dest, I64Attr:$row,
                   OptionalAttr<I64Attr>:$col);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    $tile `into` $dest attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The first column the tile lands in (0 for a band of whole rows).
    int64_t getColumn() { return getCol().value_or(0); }
  }];
}

def Huge_InsertZerosOp : Huge_InferredOp<"insert_zeros"> {
  let summary = "inserts stride - 1 zeros between pixels (zero insertion)";
  let description = [{
    `[N, C, H, W] -> [N, C, (H-1)*sh + 1, (W-1)*sw + 1]` with
    `out[n, c, y*sh, x*sw] = in[n, c, y, x]` and zeros elsewhere. Only the
    zero-insertion baseline lowering of transposed convolutions uses it.
  }];
  let arguments = (ins Huge_Tensor:$input, DenseI64ArrayAttr:$strides);
}

def Huge_ReshapeOp : Huge_Op<"reshape"> {
  let summary = "reinterprets the elements with a new static shape";
  let arguments = (ins Huge_Tensor:$input);
  let results = (outs Huge_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Huge_TransposeOp : Huge_InferredOp<"transpose"> {
  let summary = "permutes the axes (channel shuffle)";
  let arguments = (ins Huge_Tensor:$input, DenseI64ArrayAttr:$perm);
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def Huge_MaxPool2dOp : Huge_InferredOp<"max_pool2d", [Huge_LayerOpInterface]> {
  let summary = "2-D max pooling";
  let arguments = (ins Huge_Tensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                   DenseI64ArrayAttr:$dilations, BoolAttr:$ceil_mode);
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() {
      return getCeilMode() ? ::huge::TileRule::None : ::huge::TileRule::Window;
    }
    std::optional<::huge::SpatialWindow> getWindow(unsigned axis);
  }];
}

def Huge_AvgPool2dOp : Huge_InferredOp<"avg_pool2d", [Huge_LayerOpInterface]> {
  let summary = "2-D average pooling";
  let arguments = (ins Huge_Tensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                   BoolAttr:$ceil_mode, BoolAttr:$count_include_pad);
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() {
      return getCeilMode() ? ::huge::TileRule::None : ::huge::TileRule::Window;
    }
    std::optional<::huge::SpatialWindow> getWindow(unsigned axis);
  }];
}

def Huge_GlobalAvgPoolOp : Huge_InferredOp<"global_avg_pool",
                                            [Huge_LayerOpInterface]> {
  let summary = "mean over the spatial axes: [N, C, H, W] -> [N, C, 1, 1]";
  let arguments = (ins Huge_Tensor:$input);
  let extraClassDeclaration = [{
    ::huge::TileRule getTileRule() { return ::huge::TileRule::Whole; }
  }];
}

def Huge_ReduceOp : Huge_InferredOp<"reduce"> {
  let summary = "sum, mean or max over a set of axes";
  let description = [{
    Reduces `input` over `axes` (sorted, distinct, in range; at least one).
    With `keep_dims` each reduced axis stays with extent 1, else it is
    dropped. Sums and means accumulate in double precision; the max of a
    set holding a NaN is NaN.
  }];
  let arguments = (ins Huge_Tensor:$input, Huge_ReduceKindAttr:$kind,
                   DenseI64ArrayAttr:$axes, BoolAttr:$keep_dims);
  let assemblyFormat = [{
    $kind operands attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Dense layers
//===----------------------------------------------------------------------===//

def Huge_MatMulOp : Huge_InferredOp<"matmul", [Huge_LayerOpInterface]> {
  let summary = "matrix product with numpy batch broadcasting";
  let arguments = (ins Huge_Tensor:$lhs, Huge_Tensor:$rhs);
  let extraClassDeclaration = [{
    int64_t getNominalMacs();
  }];
}

def Huge_GemmOp : Huge_InferredOp<"gemm", [Huge_LayerOpInterface]> {
  let summary = "alpha * op(A) * op(B) + beta * C for rank-2 A and B";
  let arguments = (ins Huge_Tensor:$a, Huge_Tensor:$b, Optional<Huge_Tensor>:$c,
                   F32Attr:$alpha, F32Attr:$beta, BoolAttr:$trans_a,
                   BoolAttr:$trans_b);
  let extraClassDeclaration = [{
    int64_t getNominalMacs();
  }];
  let hasCanonicalizer = 1;
}

def Huge_SoftmaxOp : Huge_InferredOp<"softmax"> {
  let summary = "softmax along one axis";
  let arguments = (ins Huge_Tensor:$input, I64Attr:$axis);
}

#endif // HUGE_OPS_TD
