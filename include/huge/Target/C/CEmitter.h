//===- CEmitter.h - model to C sources --------------------------*- C++ -*-===//
//
// Emits a model function as a self-contained folder of C99 sources that
// follows the generated-code contract (docs/generated-c-api.md):
// NAME.h, NAME.c and the runtime sources they need.
//
// The emitter core prepares (checks every op is supported, plans memory),
// legalizes names (C identifiers for weights) and then prints; targets
// derive from ModelEmitter and override only what differs (kernel calls,
// runtime files). The printer never changes the IR.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_TARGET_C_CEMITTER_H
#define HUGE_TARGET_C_CEMITTER_H

#include "huge/Analysis/MemoryPlan.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace huge {

struct EmittedFile {
  std::string name;
  std::string contents;
};

/// How weight arrays are printed.
enum class WeightFormat {
  /// The bytes of little-endian floats as string literals in a union with
  /// the float array: compilers read them about 15 times faster, with a
  /// fifth of the memory, than float literals.
  Bytes,
  /// Decimal float literals that read back exactly (any byte order).
  Decimal,
};

/// Parses "bytes" or "decimal".
std::optional<WeightFormat> parseWeightFormat(llvm::StringRef text);

/// What the runtime a model ships with is built for.
enum class Optimize {
  /// Every unrolled kernel variant the model's layers use (default).
  Speed,
  /// Only the compact generic tiles: the least code, for firmware.
  Size,
};
std::optional<Optimize> parseOptimize(llvm::StringRef text);

struct EmitOptions {
  /// Prefix of every public symbol; a C identifier.
  std::string name = "model";
  /// Where the model came from, for the banner.
  std::string source;
  WeightFormat weightFormat = WeightFormat::Bytes;
  Optimize optimize = Optimize::Speed;
};

/// The model function of a module: the single func.func in it.
mlir::FailureOr<mlir::func::FuncOp> getModelFunction(mlir::ModuleOp module);

/// Returns true if `name` is a valid C identifier that is not a keyword.
bool isValidCIdentifier(llvm::StringRef name);

/// `text` (a name from the model) as it may appear inside a C comment:
/// printable ASCII only, and no `*/` or `/*`.
std::string commentSafe(llvm::StringRef text);

/// C float literal of `v` that reads back exactly, in its shortest decimal
/// form ("0.5f", "1e-05f", "-INFINITY").
std::string cFloatLiteral(float v);

class ModelEmitter {
public:
  ModelEmitter(mlir::func::FuncOp func, const MemoryPlan &plan,
               EmitOptions options);
  virtual ~ModelEmitter();

  /// Emits all files; on failure a located diagnostic has been reported.
  mlir::FailureOr<std::vector<EmittedFile>> emit();

  /// After emit(): bytes of all weight arrays in the generated code
  /// (NAME_WEIGHT_BYTES): every constant as the IR holds it (convolution
  /// weights packed, with their padded blocks).
  int64_t emittedWeightBytes() const { return weightBytes; }

protected:
  // What a target prints. The core walks the prepared IR (constants, then
  // one block per layer, then the outputs) and asks the target for each
  // piece; nothing below is decided by the printer.

  /// What NAME.c needs before its weights: includes, macros.
  virtual void emitSourcePrologue(llvm::raw_ostream &os) = 0;
  /// One weight array named `name` holding `data`.
  virtual void emitWeightArray(llvm::raw_ostream &os, llvm::StringRef name,
                               llvm::ArrayRef<float> data) = 0;
  /// The start of NAME_run, up to its first layer.
  virtual void emitRunBegin(llvm::raw_ostream &os) = 0;
  /// Emits the call of one layer's kernel into the body of NAME_run.
  virtual mlir::LogicalResult emitKernel(mlir::Operation *op,
                                         llvm::raw_ostream &os) = 0;
  /// Copies model output `index` from where `value` was computed.
  virtual void emitOutputCopy(llvm::raw_ostream &os, mlir::Value value,
                              int64_t index) = 0;
  /// The end of NAME_run.
  virtual void emitRunEnd(llvm::raw_ostream &os) = 0;
  /// The header's API: what follows the model's size and tensor macros.
  virtual void emitApiDeclarations(llvm::raw_ostream &os) = 0;
  /// Places the `code` emitKernel printed for `op` (not empty) in NAME.c:
  /// by default a block of NAME_run headed by the op and its shape.
  virtual void emitLayerCode(llvm::raw_ostream &os, mlir::Operation *op,
                             llvm::StringRef code);
  /// Expression of the float pointer `bytes` into the arena.
  virtual std::string arenaPointer(int64_t bytes) const = 0;
  /// Runtime files shipped with the model.
  virtual std::vector<EmittedFile> runtimeFiles() const = 0;
  /// Checks the module's target and reads what the IR records for it
  /// before printing; nothing is chosen here.
  virtual mlir::LogicalResult readTarget() { return mlir::success(); }
  /// C expression of the floats of the weight array named `ident`.
  std::string weightRef(llvm::StringRef ident) const;
  /// The macros weight arrays are declared with (NAME_WEIGHT_ATTR,
  /// NAME_WEIGHT_ALIGN) and the byte-order check of the bytes format.
  void printWeightMacros(llvm::raw_ostream &os) const;
  /// One weight array named `name` in the options' weight format.
  void printWeightArray(llvm::raw_ostream &os, llvm::StringRef name,
                        llvm::ArrayRef<float> data) const;

  /// The C identifier of the weight array of constant `op`.
  std::string constantName(mlir::Operation *op) const {
    return constantNames.lookup(op);
  }

  /// C expression of the buffer holding `v` (a float pointer).
  std::string buffer(mlir::Value v) const;
  /// C expression of the float pointer `elements` floats into `v`'s buffer.
  std::string bufferAt(mlir::Value v, int64_t elements) const;
  std::string upperName() const;

  mlir::func::FuncOp func;
  const MemoryPlan &plan;
  EmitOptions options;

private:
  mlir::LogicalResult prepare();
  void legalizeNames();
  std::string emitHeader();
  mlir::FailureOr<std::string> emitSource();

  llvm::DenseMap<mlir::Operation *, std::string> constantNames;
  int64_t weightBytes = 0;
};

/// The portable C99 target: every layer calls a runtime kernel.
class CEmitter : public ModelEmitter {
public:
  using ModelEmitter::ModelEmitter;

protected:
  void emitSourcePrologue(llvm::raw_ostream &os) override;
  void emitWeightArray(llvm::raw_ostream &os, llvm::StringRef name,
                       llvm::ArrayRef<float> data) override;
  void emitRunBegin(llvm::raw_ostream &os) override;
  mlir::LogicalResult emitKernel(mlir::Operation *op,
                                 llvm::raw_ostream &os) override;
  void emitOutputCopy(llvm::raw_ostream &os, mlir::Value value,
                      int64_t index) override;
  void emitRunEnd(llvm::raw_ostream &os) override;
  void emitApiDeclarations(llvm::raw_ostream &os) override;
  std::string arenaPointer(int64_t bytes) const override;
  std::vector<EmittedFile> runtimeFiles() const override;
  mlir::LogicalResult readTarget() override;

private:
  /// Channels per block of the blocked activation layout (NCHW16c), from
  /// the target; 0: every activation is planar.
  int64_t channelBlock = 0;
  /// The neon target: the runtime takes its NEON kernels and builds only for
  /// AArch64 (huge_config.h says so).
  bool neon = false;
  /// Storage roots of the activations kept channel-blocked (NCHW16c)
  /// between by-channel convolutions; every other tensor is planar NCHW.
  llvm::DenseSet<mlir::Value> blockedRoots;

  /// The runtime's kernel variants the model calls, for huge_config.h
  /// (runtime/src/config.h), noted as kernels are emitted.
  struct KernelUse {
    /// Bit c: by-column tiles of c output channels.
    unsigned columnChannels = 0;
    bool channelTiles = false, gatheredTiles = false, flatColumns = false;
    unsigned depthwiseTiles = 0; // bit (k - 3) / 2: the k x k tiles; 8: flat
  };
  KernelUse used;
  /// Notes the tiles huge_conv2d runs for blocks of blk of cog channels per
  /// group, output rows ow wide, with `taps` kernel taps; sameWidth: stride
  /// 1 and output rows as wide as the input's.
  void noteConv(int64_t blk, int64_t cog, int64_t ow, int64_t taps,
                bool sameWidth);
  /// The text of huge_config.h.
  std::string configHeader() const;

  /// Reads blockedRoots from the layouts in the IR (huge.layout).
  void planLayouts();
  bool isBlocked(mlir::Value v) const;
  /// C expression of a convolution's output buffer, in its layout.
  std::string convOutput(mlir::Value result) const;

  /// `static const huge_conv_params NAME = {...};` for one convolution.
  void emitConvParams(llvm::raw_ostream &os, llvm::StringRef name,
                      mlir::Value input, mlir::Value weight, mlir::Value result,
                      llvm::ArrayRef<int64_t> strides,
                      llvm::ArrayRef<int64_t> pads,
                      llvm::ArrayRef<int64_t> dilations, int64_t groups,
                      std::optional<Activation> act,
                      std::optional<llvm::ArrayRef<float>> actParams) const;
  /// Same, with the kernel given as a [Cout, Cin/g, kh, kw] shape.
  void emitConvGeometry(llvm::raw_ostream &os, llvm::StringRef name,
                        mlir::Value input, llvm::ArrayRef<int64_t> kernel,
                        mlir::Value result, llvm::ArrayRef<int64_t> strides,
                        llvm::ArrayRef<int64_t> pads,
                        llvm::ArrayRef<int64_t> dilations, int64_t groups,
                        std::optional<Activation> act,
                        std::optional<llvm::ArrayRef<float>> actParams) const;
};

/// Plans memory and emits the C target for `module`.
mlir::FailureOr<std::vector<EmittedFile>> emitC(mlir::ModuleOp module,
                                                const EmitOptions &options);

/// Registers the `emit-c` translation (all files, concatenated with
/// `// ---- FILE` separators) for huge-translate.
void registerCTranslation();

} // namespace huge

#endif // HUGE_TARGET_C_CEMITTER_H
