//===- huge-compile.cpp - model to firmware-ready C -----------------------===//

#include "huge/Compiler/Compiler.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Import/OnnxImport.h"
#include "huge/Support/SanitizerOptions.h"

#include "llvm/Pass.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

#include <string>
#include <tuple>

using namespace llvm;

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::OptionCategory category("huge-compile options");
  cl::opt<std::string> input(
      cl::Positional, cl::desc("<model.onnx|model.mlir>"), cl::cat(category));
  cl::opt<std::string> out("o", cl::desc("Output folder (created if missing)"),
                           cl::value_desc("DIR"), cl::cat(category));
  cl::opt<std::string> name(
      "name",
      cl::desc(
          "Symbol prefix, a C identifier (default: the model's file stem)"),
      cl::value_desc("NAME"), cl::cat(category));
  std::string targetHelp = "Code generation target: " + huge::targetNameList();
  cl::opt<std::string> target("target", cl::desc(targetHelp), cl::init("c"),
                              cl::cat(category));
  cl::opt<std::string> untangle(
      "untangle",
      cl::desc("How transposed and dilated convolutions are lowered: phases "
               "(HUGE2 sub-convolutions, default), split (split deconvolution) "
               "or none (zero insertion, the baseline)"),
      cl::init("phases"), cl::cat(category));
  cl::opt<std::string> weightFormat(
      "weight-format",
      cl::desc("How weights are printed: bytes (string literals of "
               "little-endian floats, fast to compile; default) or decimal "
               "(float literals, any byte order)"),
      cl::init("bytes"), cl::cat(category));
  cl::opt<std::string> optimize(
      "optimize",
      cl::desc("What the shipped runtime is built for: speed (every unrolled "
               "kernel variant the model's layers use; default) or size (only "
               "compact generic kernels, for firmware; slower)"),
      cl::init("speed"), cl::cat(category));
  cl::opt<std::string> budget(
      "memory-budget",
      cl::desc("Largest arena allowed, in bytes or with KiB/MiB. Layers are "
               "fused and tiled (huge-tile-fuse) to fit; a budget no tiling "
               "reaches is an error stating the smallest arena found"),
      cl::value_desc("SIZE"), cl::cat(category));
  cl::opt<std::string> tileGroups(
      "tile-groups",
      cl::desc("Tile these groups instead of searching: "
               "FIRST-LAST:TILES[xCOLS][r[DEPTH]][c],... over layer indices, "
               "as --report prints them (xCOLS: a grid of TILES x COLS tiles; "
               "r: recompute the layers feeding the group up to DEPTH layers "
               "above the inputs; c: carry halo rows between bands)"),
      cl::value_desc("GROUPS"), cl::cat(category));
  cl::opt<std::string> emitMlir("emit-mlir",
                                cl::desc("Also write the final IR to FILE"),
                                cl::value_desc("FILE"), cl::cat(category));
  cl::opt<std::string> report(
      "report",
      cl::desc("Also write a JSON report (per layer: op, shapes, "
               "multiply-adds, arena offset and size; totals)"),
      cl::value_desc("FILE.json"), cl::cat(category));
  huge::ModelLimits defaults;
  auto sizeText = [](int64_t bytes) {
    if (bytes % (int64_t(1) << 30) == 0)
      return std::to_string(bytes >> 30) + "GiB";
    if (bytes % (int64_t(1) << 20) == 0)
      return std::to_string(bytes >> 20) + "MiB";
    return std::to_string(bytes);
  };
  cl::OptionCategory limitsCategory(
      "limits (what a model may claim; beyond one, compilation stops with an "
      "error)");
  std::string modelDesc = "Largest model file (default " +
                          sizeText(defaults.maxModelBytes) + " bytes)";
  std::string weightsDesc =
      "Most constant data: initializers, inline or external, and constants "
      "computed at import, at 4 bytes per element (default " +
      sizeText(defaults.maxWeightBytes) + ")";
  std::string tensorDesc =
      "Largest tensor, weights or activations, at 4 bytes per element; never "
      "more than 2^31-1 elements (default " +
      sizeText(defaults.maxTensorBytes) + ")";
  std::string arenaDesc = "Largest arena the memory plan may need (default " +
                          sizeText(defaults.maxArenaBytes) + ")";
  cl::opt<std::string> maxModel("max-model-size", cl::desc(modelDesc),
                                cl::init(sizeText(defaults.maxModelBytes)),
                                cl::value_desc("SIZE"),
                                cl::cat(limitsCategory));
  cl::opt<std::string> maxWeights("max-weights", cl::desc(weightsDesc),
                                  cl::init(sizeText(defaults.maxWeightBytes)),
                                  cl::value_desc("SIZE"),
                                  cl::cat(limitsCategory));
  cl::opt<std::string> maxTensor("max-tensor-size", cl::desc(tensorDesc),
                                 cl::init(sizeText(defaults.maxTensorBytes)),
                                 cl::value_desc("SIZE"),
                                 cl::cat(limitsCategory));
  cl::opt<std::string> maxArena("max-arena-size", cl::desc(arenaDesc),
                                cl::init(sizeText(defaults.maxArenaBytes)),
                                cl::value_desc("SIZE"),
                                cl::cat(limitsCategory));
  cl::opt<bool> verbose("v", cl::desc("Print progress"), cl::cat(category));
  cl::opt<bool> listOperators(
      "list-operators",
      cl::desc("Print the ONNX operators huge imports, with their opsets, and "
               "exit"),
      cl::cat(category));
  cl::alias verboseLong("verbose", cl::desc("Alias for -v"),
                        cl::aliasopt(verbose), cl::cat(category));
  // LLVM owns -time-passes; show it in our --help and read it back.
  auto &registered = cl::getRegisteredOptions();
  cl::Option *timePasses = registered.lookup("time-passes");
  if (timePasses) {
    timePasses->addCategory(category);
    timePasses->setDescription("Print the time of each stage");
    timePasses->setHiddenFlag(cl::NotHidden);
  }
  cl::HideUnrelatedOptions({&category, &limitsCategory});
  cl::ParseCommandLineOptions(argc, argv,
                              "huge-compile: compiles an ONNX or huge-dialect "
                              "MLIR model into C99 sources\n\n"
                              "  huge-compile model.onnx -o out/ --name net\n"
                              "writes out/net.h, out/net.c and the runtime; "
                              "build with: cc -std=c99 out/*.c app.c -lm\n");
  if (listOperators) {
    // One line per row of the importer's table: type, opsets, and whether
    // the operator runs on runtime tensors or is only evaluated on constants.
    for (const huge::OnnxOperatorInfo &op : huge::onnxOperatorTable())
      outs() << op.type << " " << op.sinceOpset << "-" << op.untilOpset << " "
             << (op.runtime ? "runtime" : "constants") << "\n";
    return 0;
  }
  huge::CompileOptions options{input,    out,      name,  target,
                               untangle, emitMlir, report};
  options.weightFormat = weightFormat;
  options.optimize = optimize;
  options.verbose = verbose;
  options.tileGroups = tileGroups;
  options.timePasses = TimePassesIsEnabled;
  if (!budget.empty()) {
    std::optional<int64_t> bytes = huge::parseByteSize(budget);
    if (!bytes) {
      errs() << "error: --memory-budget '" << budget
             << "' is not a size (bytes, or a number with KiB, MiB or GiB)\n";
      return 1;
    }
    options.memoryBudget = *bytes;
  }
  for (auto [flag, text, field] :
       {std::tuple{"max-model-size", &maxModel, &options.limits.maxModelBytes},
        std::tuple{"max-weights", &maxWeights, &options.limits.maxWeightBytes},
        std::tuple{"max-tensor-size", &maxTensor,
                   &options.limits.maxTensorBytes},
        std::tuple{"max-arena-size", &maxArena,
                   &options.limits.maxArenaBytes}}) {
    std::optional<int64_t> bytes = huge::parseByteSize(*text);
    if (!bytes || *bytes < 1) {
      errs() << "error: --" << flag << " '" << *text
             << "' is not a size (bytes, or a number with KiB, MiB or GiB)\n";
      return 1;
    }
    *field = *bytes;
  }
  return huge::compile(options);
}
