//===- OpenCLEmitter.h - model to OpenCL kernels and host C -----*- C++ -*-===//
//
// The OpenCL target: every layer becomes one generated OpenCL C 1.2 kernel
// with its shapes, strides and buffer offsets as constants, and NAME.c a
// description the host runtime (huge_cl_runtime.{c,h}) runs: the program's
// source, one launch per kernel, the weights and the output copies. Phases
// of untangled transposed convolutions write straight into their strided
// output positions; tensors live in one arena buffer at the memory plan's
// offsets. See docs/generated-c-api.md.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_TARGET_OPENCL_OPENCLEMITTER_H
#define HUGE_TARGET_OPENCL_OPENCLEMITTER_H

#include "huge/Target/C/CEmitter.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"

namespace huge {

struct KernelWriter;

class OpenCLEmitter : public ModelEmitter {
public:
  using ModelEmitter::ModelEmitter;
  ~OpenCLEmitter() override;

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
  void emitLayerCode(llvm::raw_ostream &os, mlir::Operation *op,
                     llvm::StringRef code) override;
  std::string arenaPointer(int64_t bytes) const override;
  std::vector<EmittedFile> runtimeFiles() const override;
  mlir::LogicalResult readTarget() override;

public:
  /// Where a tensor's elements are: a buffer slot of the runtime
  /// (HUGE_CL_SLOT_*), a float offset in it, and, for a value written or
  /// read through a strided view, the view's strides.
  struct Place {
    int slot = 0;
    int64_t offset = 0;
    bool strided = false;
    int64_t channelStride = 0, rowStride = 0, colStride = 0;
    llvm::SmallVector<int64_t> shape;
  };
  Place placeOf(mlir::Value v) const;

private:
  /// Writes the kernel of a convolution, or of the phases of one
  /// transposed layer (`phases`, sharing input, bias and form) as one.
  mlir::LogicalResult emitConv(KernelWriter &k,
                               llvm::ArrayRef<mlir::Operation *> phases);
  /// Whether the phases of a group differ only in their taps, pads, extents
  /// and output offsets, so that one kernel runs them all.
  bool samePhaseForm(llvm::ArrayRef<mlir::Operation *> phases) const;

  /// The phases of a transposed layer whose column stride divides the
  /// eight lanes of a vector and whose phases all have the same taps: one
  /// kernel computes eight consecutive output pixels of a row at once, lane
  /// `l` in the column phase `l % sx` (emitLaneConv), from weights repacked
  /// with the column phases innermost.
  struct LaneGroup {
    int64_t sy = 1, sx = 1, kh = 1, kw = 1;
    /// The phase computing residue (r, c) of the output: phaseAt[r * sx + c].
    llvm::SmallVector<mlir::Operation *> phaseAt;
    /// Top pad of each row residue, left pad of each column residue.
    llvm::SmallVector<int64_t> padTop, padLeft;
    /// The interleaved result the phases are views of.
    mlir::Value output;
    /// The repacked weight array: [r][oc][ic][ky][kx][c].
    std::string weights;
  };
  std::optional<LaneGroup>
  laneForm(llvm::ArrayRef<mlir::Operation *> phases) const;
  mlir::LogicalResult emitLaneConv(KernelWriter &k, const LaneGroup &g);
  /// Lane groups by their first phase, in op order.
  llvm::MapVector<mlir::Operation *, LaneGroup> laneGroups;
  /// Weight arrays only lane groups read, repacked: not emitted as they are.
  llvm::StringSet<> repackedWeights;

  /// The program: helper functions first (as kernels need them), then the
  /// kernels: one per launch, but launches whose kernels would read the same
  /// share the first one's, so the device compiles it once. The numbers
  /// that differ between the bands and tiles of one layer, or between
  /// layers of one shape (buffer offsets, a band's padding and input
  /// extent), are integer arguments, so those launches read the same.
  std::string helpers, kernels;
  /// Each kernel's name, by its text (declarations, attributes, parameters
  /// and body; not its name).
  llvm::StringMap<std::string> kernelByText;
  bool helperSoftplus = false, helperResize = false;
  /// Float offset of each weight array in the weight buffer, by name.
  llvm::StringMap<int64_t> weightOffsets;
  /// The weight table's entries, in order.
  std::vector<std::pair<std::string, int64_t>> weightEntries;
  int64_t weightFloats = 0;
  /// The output copies' table entries.
  std::vector<std::string> copies;
  /// The launches' integer arguments, in launch order (each launch names
  /// its first and how many).
  std::vector<int64_t> launchInts;
  /// Launches (entries of the kernel table).
  int kernelCount = 0;

  friend struct KernelWriter;
};

} // namespace huge

#endif // HUGE_TARGET_OPENCL_OPENCLEMITTER_H
