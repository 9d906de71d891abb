//===- Passes.td - huge transformation passes --------------*- tablegen -*-===//

#ifndef HUGE_DIALECT_HUGE_TRANSFORMS_PASSES_TD
#define HUGE_DIALECT_HUGE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def HugeSetTargetPass : Pass<"huge-set-target", "::mlir::ModuleOp"> {
  let summary = "Records the backend the module is compiled for";
  let description = [{
    Sets the module's `huge.target` attribute to the description of backend
    `target` (see `#huge.target`), which the passes after it and the emitter
    read. A module that already names the same backend keeps its attribute
    (its parameters may have been edited); one that names another backend is
    an error.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"c\"",
           "backend name (c, neon, opencl)">
  ];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugeFuseEpiloguesPass : Pass<"huge-fuse-epilogues", "::mlir::func::FuncOp"> {
  let summary = "Fuses activations and per-channel adds into convolutions";
  let description = [{
    `x * sigmoid(x)` becomes `silu(x)` and `x * hard_sigmoid(x)` (alpha 1/6,
    beta 1/2) `hard_swish(x)`, as exporters write SiLU and HardSwish;
    `act(conv(x))` becomes `conv(x) {activation = act}` when the convolution
    has no other user (relu, leaky_relu, clip, sigmoid, tanh, hard_sigmoid,
    hard_swish, silu); and `conv(x) + c` with a constant per-channel `c`
    folds into the bias.

    With `residuals` (the default), `conv(x) + r` becomes a convolution with
    residual `r`, added in its epilogue before the activation, when `r` has
    the result's type and is computed before the convolution, and the
    convolution is dense (one group), without activation and with no other
    user: ResNet's `relu(conv(x) + identity)` and MobileNetV2's
    `x + conv(...)` become one layer, with no pass over the sum. The C
    pipeline turns it off under a memory budget, where huge-tile-fuse bands
    the add instead.
  }];
  let options = [
    Option<"residuals", "residuals", "bool", /*default=*/"true",
           "fuse residual adds into convolutions">
  ];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugeFuseElementwiseChainsPass
    : Pass<"huge-fuse-elementwise-chains", "::mlir::func::FuncOp"> {
  let summary = "Fuses runs of element-wise ops into one pass (huge.chain)";
  let description = [{
    A run of two or more element-wise ops, each the only user of the one
    before, becomes one `huge.chain`, which reads its input once and writes
    its result once. A link is an activation or `huge.unary`, a binary op
    with a scalar constant (`x / 1.414`, `1 + x`), or a binary op whose other
    operand is the run's own input (`x * tanh(softplus(x))`, Mish, and
    `x * 0.5 * (1 + erf(x / sqrt(2)))`, GELU, as exporters write them).
    Runs after huge-fuse-epilogues, so activations a convolution can apply
    stay in its epilogue.
  }];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugeUntangleTransposedConvPass
    : Pass<"huge-untangle-transposed-conv", "::mlir::func::FuncOp"> {
  let summary = "Rewrites transposed convolutions without zero insertion";
  let description = [{
    `form=phases` (HUGE2): one stride-1 sub-convolution per output phase,
    each with its own sub-kernel, pads and crop, combined by huge.interleave;
    phases no tap reaches (stride > kernel) hold the bias. Every multiply-add
    is useful. `form=split` (split deconvolution): one stride-1 convolution
    with s*s*Cout outputs over the zero-padded kernel, then depth_to_space
    and a crop; square strides only (others use the phase form).

    With `form=phases` and `output-order` (the default), a layer whose
    outputs each sum a few products (`preferTransposeRows` in
    ConvPacking.h: few input channels per group) becomes one
    `huge.conv_transpose_rows` instead, computed row by row in output order
    with weights packed per lane, on targets with the runtime's packed
    kernels (c, neon).
  }];
  let options = [
    Option<"form", "form", "std::string", /*default=*/"\"phases\"",
           "phases or split">,
    Option<"outputOrder", "output-order", "bool", /*default=*/"true",
           "with form=phases, compute layers of few products per output in "
           "output order (huge.conv_transpose_rows)">
  ];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugeUntangleDilatedConvPass
    : Pass<"huge-untangle-dilated-conv", "::mlir::func::FuncOp"> {
  let summary = "Chooses and applies the polyphase or per-tap form of dilated convolutions";
  let description = [{
    A stride-1 dilated convolution becomes d_h*d_w dense convolutions of the
    compact kernel, one per sub-image `in[beta + m*d]`, interleaved back
    (polyphase form), unless the sub-images are so small that the dense
    sub-convolutions would spend more than `max-padding-overhead` of the
    useful multiply-adds on padding; then, and for any stride > 1, the
    convolution is marked `form = "per_tap"`: one dense product per kernel
    tap over the shifted input.

    With `prefer-per-tap`, every dilated convolution keeps the per-tap form:
    for targets whose direct kernel visits only in-range taps over whole
    rows (the C runtime's), where the polyphase form does the same useful
    work on shorter rows plus the slices and strided writes. huge-compile
    sets it in the default `phases` mode; `split` mode keeps the polyphase
    sub-convolutions, which any dense convolution engine runs.
  }];
  let options = [
    Option<"maxPaddingOverhead", "max-padding-overhead", "double",
           /*default=*/"0.25",
           "largest fraction of padding work the polyphase form may add">,
    Option<"preferPerTap", "prefer-per-tap", "bool", /*default=*/"false",
           "keep every dilated convolution in the per-tap form (the target "
           "kernel takes dilated taps natively)">
  ];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugePackGroupedConvPass
    : Pass<"huge-pack-grouped-conv", "::mlir::func::FuncOp"> {
  let summary = "Grouped convolutions in the GSPC packed layout, depthwise ones on their own kernel";
  let description = [{
    A grouped conv2d (1 < groups < Cin) becomes huge.packed_conv2d:
    its weights are packed at compile time per group, output channels in
    blocks of `block` lanes (zero padded). The block also picks the kernel's
    loop order: a multiple of 16 keeps output pixels times vectors of output
    channels in registers, any other size output channels times vectors of
    output columns. The default, 0, chooses per layer from the channels per
    group and the reduction length, as the C emitter does for dense
    convolutions.
    A depthwise conv2d (groups = Cin) becomes huge.depthwise_conv2d.
    Phases of untangled layers (operands of huge.interleave) stay conv2d:
    their kernel writes them in place and executes only useful products.
  }];
  let options = [
    Option<"block", "block", "int64_t", /*default=*/"0",
           "output channels per packed block (0: chosen per layer)">
  ];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugePlanMemoryPass : Pass<"huge-plan-memory", "::mlir::func::FuncOp"> {
  let summary = "Plans every intermediate tensor into one arena, as IR";
  let description = [{
    Computes storage classes (reshape aliases, in-place element-wise ops,
    strided views of interleaved phases), their lifetimes in op steps and
    their arena offsets (best of several greedy orders), validates that no two
    buffers alive at the same step overlap, and records the plan:
    `huge.arena_size` on the function, `#huge.buffer<offset, size,
    live = [first, last]>` on each op whose result lives in the arena,
    `#huge.view<offset, strides>` on each result written inside another
    tensor's buffer, and `huge.one_pass` on each `huge.interleave` whose
    phases (convolutions of one input and bias, all written through views)
    one kernel pass computes. The emitter uses these as written; a plan
    that no longer matches the IR is an error.
  }];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugeAssignLayoutsPass
    : Pass<"huge-assign-layouts", "::mlir::func::FuncOp"> {
  let summary = "Chooses each convolution's weight block and each "
                "activation's layout, as IR";
  let description = [{
    The layout decisions of emission, taken for the module's `#huge.target`
    and recorded on the ops (huge/Dialect/Huge/IR/Layout.h):

    - `huge.block = N` on every `huge.conv2d`: its weights are packed in
      blocks of N output channels. N is a multiple of the target's
      vector_width (tiles of output pixels x vectors of output channels) when
      a group has at least a vector of output channels and a long
      reduction, else at most 8 (tiles of channels x vectors of output
      columns). The phases of an untangled layer take their leader's block,
      and convolutions that share weights take the block of the first.
    - `huge.layout = "nchw16c"` on every op whose result is kept
      channel-blocked (the target's channel_block; none when it is 0).
      Tensors that share storage (memory plan), or that a layout-agnostic op
      maps element for element, form one class with one layout. A class is
      blocked when every tensor in it lives in the arena, has rank 4 and a
      multiple of channel_block channels, and is written and read only by
      dense (groups = 1) by-channel convolutions, packed or not yet, or by
      such ops of the class.

    The pass replaces earlier decisions, and reads the memory plan (written
    in the IR by huge-plan-memory, or computed). On IR whose weights
    huge-pack-conv-weights already packed it takes the same decisions.
  }];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugePackConvWeightsPass
    : Pass<"huge-pack-conv-weights", "::mlir::func::FuncOp"> {
  let summary = "Packs every convolution's weights into the blocks "
                "huge-assign-layouts chose, as IR";
  let description = [{
    The last step of huge-prepare-for-emission. Every `huge.conv2d` carrying
    `huge.block = N` becomes `huge.packed_conv2d` over a new constant holding
    its weights packed as `[groups, ceil(Cout/groups / N), kh, kw,
    Cin/groups, N]` (output channels in blocks of N lanes, zero padded),
    the layout the target's kernels read. The new op keeps the old one's
    memory plan and layout attributes, so the plan in the IR stays valid.
    A constant packed for several convolutions with the same block is packed
    once; a constant nothing else reads any more is erased.

    A conv2d without `huge.block` is an error (run huge-assign-layouts
    first), as are weights that are not constant.
  }];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugeTileFusePass : Pass<"huge-tile-fuse", "::mlir::func::FuncOp"> {
  let summary = "Fuses and tiles groups of layers to fit a memory budget (MAFAT)";
  let description = [{
    Picks groups of consecutive layers whose intermediate values stay inside
    the group and runs each group in bands of output rows, or in a 2-D grid
    of tiles (fused tile partitioning). Each band either recomputes the halo
    rows it shares with the previous band or carries them over from it (in
    a grid, from the tile above); tiles recompute their column halos. A group may
    also recompute per band the layers that feed it from near the model
    inputs (a U-Net's skip connections). Every band's layers are copies of
    the group's on their rows and columns; huge.insert_rows writes the tiles
    of the group's result into one buffer. The arena of a configuration is
    predicted exactly by planning the tiled IR, and a descent over
    configurations (add, resize, split into columns, grow, shrink or drop a
    group) first brings the arena within `memory-budget` and then minimizes
    the cost: executed multiply-adds including halos, plus copies and calls.
    An infeasible budget is an error that states the smallest arena found.
    `groups` forces a configuration instead, as
    `FIRST-LAST:TILES[xCOLS][r[DEPTH]][c],...` over layer indices (ops other
    than constants, in order): `xCOLS` splits each band into COLS tiles,
    `r` recomputes the feeding layers up to DEPTH (default 1) layers above
    the inputs, `c` carries halos. The decision is
    recorded in the `huge.tiling` attribute of the function.
  }];
  let options = [
    Option<"memoryBudget", "memory-budget", "int64_t", /*default=*/"-1",
           "arena budget in bytes (-1: no budget, no tiling)">,
    Option<"groups", "groups", "std::string", /*default=*/"\"\"",
           "explicit groups FIRST-LAST:TILES[xCOLS][r[DEPTH]][c],... instead "
           "of the "
           "search">,
    Option<"maxGroupLayers", "max-group-layers", "int64_t", /*default=*/"24",
           "most layers in one group">,
    Option<"reportSmallest", "report-smallest", "bool", /*default=*/"false",
           "also search the smallest arena and record it">,
    Option<"recordSearch", "record-search", "bool", /*default=*/"false",
           "record every configuration evaluated in huge.tile_search">
  ];
  let dependentDialects = ["::huge::HugeDialect"];
}

def HugeLowerToZeroInsertionPass
    : Pass<"huge-lower-to-zero-insertion", "::mlir::func::FuncOp"> {
  let summary = "The baseline: zero insertion and zero-dilated kernels";
  let description = [{
    What engines without untangling do, kept to measure against: a transposed
    convolution becomes insert_zeros followed by a stride-1 convolution with
    the flipped kernel; a dilated convolution becomes a dense convolution
    with zeros inserted in the kernel.
  }];
  let dependentDialects = ["::huge::HugeDialect"];
}

#endif // HUGE_DIALECT_HUGE_TRANSFORMS_PASSES_TD
