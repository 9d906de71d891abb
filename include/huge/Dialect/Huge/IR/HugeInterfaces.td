//===- HugeInterfaces.td - what passes know about a layer --*- tablegen -*-===//

#ifndef HUGE_INTERFACES_TD
#define HUGE_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Huge_LayerOpInterface : OpInterface<"LayerOpInterface"> {
  let cppNamespace = "::huge";
  let description = [{
    What the memory plan, the tiler, the cost model, epilogue fusion and the
    emitters need to know about a layer, asked of the op instead of decided
    by lists of op types in each of them. Every method has the conservative
    default: no in-place reuse, a planar layout, not tileable, no
    multiply-adds, nothing to fuse. An op that does not implement the
    interface at all gets the same defaults (see LayerInfo.h).
  }];
  let methods = [
    InterfaceMethod<[{
        The operand whose storage the kernel may overwrite with the result:
        same type as the result, and every element read before the same
        element is written.
      }], "std::optional<unsigned>", "getInPlaceOperand", (ins), "",
      [{ return std::nullopt; }]>,
    InterfaceMethod<[{
        Whether the op maps its activation operands to its result element for
        element, so that they can share any activation layout (e.g. the
        channel-blocked one) with no conversion.
      }], "bool", "isLayoutAgnostic", (ins), "", [{ return false; }]>,
    InterfaceMethod<[{
        How a band of output rows maps to rows of the operands (huge-tile-fuse).
      }], "::huge::TileRule", "getTileRule", (ins), "",
      [{ return ::huge::TileRule::None; }]>,
    InterfaceMethod<[{
        Geometry of a windowed layer (TileRule::Conv and Window) along
        `axis` (0: rows, 1: columns): output row y reads input rows
        y * stride - pad + k * dilation, k < kernel; columns likewise.
      }], "std::optional<::huge::SpatialWindow>", "getWindow",
      (ins "unsigned":$axis), "",
      [{ return std::nullopt; }]>,
    InterfaceMethod<[{
        Multiply-adds counted the way frameworks do: every tap of every
        output, padding included.
      }], "int64_t", "getNominalMacs", (ins), "", [{ return 0; }]>,
    InterfaceMethod<[{
        Multiply-adds the generated code executes (convolution kernels skip
        the taps that fall in the padding).
      }], "int64_t", "getExecutedMacs", (ins), "",
      [{ return $_op.getNominalMacs(); }]>,
    InterfaceMethod<[{
        The activation a producing convolution can apply in its epilogue
        instead of this op (huge-fuse-epilogues).
      }], "std::optional<::huge::FusedActivation>", "getAsActivation", (ins),
      "", [{ return std::nullopt; }]>,
  ];
}

#endif // HUGE_INTERFACES_TD
