//===- Compiler.cpp - the huge-compile pipeline ---------------------------===//

#include "huge/Compiler/Compiler.h"

#include "huge/Analysis/LayerCost.h"
#include "huge/Analysis/MemoryPlan.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Locations.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"
#include "huge/Import/OnnxImport.h"
#include "huge/Support/ErrorCounter.h"
#include "huge/Target/TargetRegistry.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <nlohmann/json.hpp>

using namespace mlir;
using namespace huge;

namespace {

/// Prints `path[:line:col]: [node 'x' (Op): ]` for a diagnostic location.
void printLocation(Location loc, llvm::raw_ostream &os) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    printLocation(name.getChildLoc(), os);
    os << name.getName().getValue() << ": ";
  } else if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    os << file.getFilename().getValue();
    if (file.getLine() != 0)
      os << ":" << file.getLine() << ":" << file.getColumn();
    os << ": ";
  } else if (auto fused = dyn_cast<FusedLoc>(loc)) {
    if (!fused.getLocations().empty())
      printLocation(fused.getLocations().back(), os);
  } else if (auto callSite = dyn_cast<CallSiteLoc>(loc)) {
    printLocation(callSite.getCallee(), os);
  }
}

/// `text` with control characters escaped (\xNN): names quoted from the
/// model cannot break a diagnostic line or send terminal escapes.
std::string escapeControls(llvm::StringRef text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

/// `error: <location>: message` lines on stderr, notes indented.
LogicalResult printDiagnostic(Diagnostic &diag) {
  std::string line;
  llvm::raw_string_ostream os(line);
  switch (diag.getSeverity()) {
  case DiagnosticSeverity::Error:
    os << "error: ";
    break;
  case DiagnosticSeverity::Warning:
    os << "warning: ";
    break;
  case DiagnosticSeverity::Note:
    os << "note: ";
    break;
  case DiagnosticSeverity::Remark:
    os << "remark: ";
    break;
  }
  printLocation(diag.getLocation(), os);
  os << diag;
  os.flush();
  llvm::errs() << escapeControls(line) << "\n";
  for (Diagnostic &note : diag.getNotes()) {
    line.clear();
    os << "  note: ";
    printLocation(note.getLocation(), os);
    os << note;
    os.flush();
    llvm::errs() << escapeControls(line) << "\n";
  }
  return success();
}

int fail(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

/// The input's file stem as a C identifier.
std::string defaultName(llvm::StringRef input) {
  std::string name = llvm::sys::path::stem(input).str();
  for (char &c : name)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  if (name.empty() || llvm::isDigit(name[0]))
    name = "model_" + name;
  return isValidCIdentifier(name) ? name : "model";
}

nlohmann::ordered_json buildReport(func::FuncOp func, const MemoryPlan &plan,
                                   const CompileOptions &options,
                                   llvm::StringRef name, int64_t weightBytes) {
  using json = nlohmann::ordered_json;
  json layers = json::array();
  int64_t totalMacs = 0, totalRead = 0, totalWritten = 0;
  for (Operation &op : func.getBody().front()) {
    if (isa<ConstantOp>(op))
      continue;
    if (isa<func::ReturnOp>(op))
      continue;
    json layer;
    layer["step"] = plan.stepOf(&op);
    layer["op"] = op.getName().getStringRef().str();
    layer["name"] = locationName(op.getLoc());
    json inputs = json::array();
    for (Value v : op.getOperands())
      if (!v.getDefiningOp<ConstantOp>())
        inputs.push_back(cast<ShapedType>(v.getType()).getShape());
    layer["input_shapes"] = inputs;
    Value result = op.getResult(0);
    layer["output_shape"] = cast<ShapedType>(result.getType()).getShape();
    int64_t macs = executedMacs(&op);
    layer["macs"] = macs;
    layer["nominal_macs"] = nominalMacs(&op);
    totalMacs += macs;
    Traffic traffic = activationTraffic(&op, plan);
    layer["bytes_read"] = traffic.read;
    layer["bytes_written"] = traffic.written;
    totalRead += traffic.read;
    totalWritten += traffic.written;
    const Storage &s = plan.storageOf(result);
    switch (s.kind) {
    case Storage::Kind::Arena:
      layer["storage"] = "arena";
      layer["arena_offset"] = plan.buffers()[s.index].offset;
      layer["arena_size"] = plan.buffers()[s.index].size;
      layer["live"] = {plan.buffers()[s.index].begin,
                       plan.buffers()[s.index].end};
      break;
    case Storage::Kind::Output:
      layer["storage"] = "output " + std::to_string(s.index);
      break;
    case Storage::Kind::Input:
      layer["storage"] = "input " + std::to_string(s.index);
      break;
    case Storage::Kind::Constant:
      layer["storage"] = "constant";
      break;
    }
    if (isa<ReshapeOp>(op))
      layer["storage"] = "alias of its input";
    layers.push_back(layer);
  }
  json report;
  report["model"] = options.input;
  report["name"] = name.str();
  report["target"] = options.target;
  report["untangle"] = options.untangle;
  report["layers"] = layers;
  json buffers = json::array();
  for (const ArenaBuffer &b : plan.buffers())
    buffers.push_back({{"offset", b.offset},
                       {"size", b.size},
                       {"live", {b.begin, b.end}},
                       {"name", locationName(b.root.getLoc())}});
  report["buffers"] = buffers;
  if (auto tiling = func->getAttrOfType<DictionaryAttr>("huge.tiling")) {
    auto get = [&](StringRef key) {
      auto attr = tiling.getAs<IntegerAttr>(key);
      return attr ? attr.getInt() : int64_t(-1);
    };
    json groups = json::array();
    for (auto g :
         tiling.getAs<ArrayAttr>("tiled_groups").getAsRange<DictionaryAttr>())
      groups.push_back(
          {{"first", g.getAs<IntegerAttr>("first").getInt()},
           {"last", g.getAs<IntegerAttr>("last").getInt()},
           {"first_layer", g.getAs<StringAttr>("first_layer").str()},
           {"last_layer", g.getAs<StringAttr>("last_layer").str()},
           {"tiles", g.getAs<IntegerAttr>("tiles").getInt()},
           {"cols", g.getAs<IntegerAttr>("cols").getInt()},
           {"recompute", g.getAs<IntegerAttr>("recompute").getInt()},
           {"carry", g.getAs<BoolAttr>("carry").getValue()},
           {"rows", g.getAs<IntegerAttr>("rows").getInt()}});
    json t;
    t["groups"] = tiling.getAs<StringAttr>("groups").str();
    t["tiled_groups"] = groups;
    if (get("budget") >= 0)
      t["budget_bytes"] = get("budget");
    t["predicted_arena_bytes"] = get("predicted_arena");
    t["arena_bytes"] = plan.arenaSize();
    t["untiled_arena_bytes"] = get("untiled_arena");
    t["untiled_lower_bound_bytes"] = get("lower_bound");
    if (get("smallest_arena") >= 0)
      t["smallest_arena_bytes"] = get("smallest_arena");
    t["untiled_macs"] = get("untiled_macs");
    t["macs"] = get("macs");
    t["halo_macs"] = get("macs") - get("untiled_macs");
    t["cost"] = get("cost");
    t["configurations_considered"] = get("considered");
    if (auto search = func->getAttrOfType<ArrayAttr>("huge.tile_search")) {
      json list = json::array();
      for (auto c : search.getAsRange<DictionaryAttr>())
        list.push_back({{"groups", c.getAs<StringAttr>("groups").str()},
                        {"arena_bytes", c.getAs<IntegerAttr>("arena").getInt()},
                        {"macs", c.getAs<IntegerAttr>("macs").getInt()},
                        {"cost", c.getAs<IntegerAttr>("cost").getInt()}});
      t["search"] = list;
    }
    report["tiling"] = t;
  }
  report["totals"] = {{"arena_bytes", plan.arenaSize()},
                      {"arena_lower_bound_bytes", plan.lowerBound()},
                      {"weight_bytes", weightBytes},
                      {"macs", totalMacs},
                      {"activation_bytes_read", totalRead},
                      {"activation_bytes_written", totalWritten}};
  return report;
}

/// Every tensor of the model within the limits: the generated code indexes
/// with `int`, and a tensor above the user's limit is rejected, after import
/// (an .mlir model states any type it likes) and after the passes (zero
/// insertion grows tensors).
LogicalResult checkTensorSizes(Operation *root, const ModelLimits &limits) {
  int64_t maxElements =
      std::min<int64_t>(kMaxTensorElements, limits.maxTensorBytes / 4);
  auto check = [&](Type type, Location loc) -> LogicalResult {
    auto shaped = dyn_cast<ShapedType>(type);
    if (!shaped)
      return success();
    if (!shaped.hasStaticShape())
      return emitError(loc) << "has a tensor of dynamic shape " << type
                            << "; huge needs static shapes";
    if (checkedElementCount(shaped.getShape(), maxElements) < 0)
      return emitError(loc) << "has a tensor " << type << " above the limit of "
                            << maxElements << " elements ("
                            << (maxElements == kMaxTensorElements
                                    ? "the generated code indexes with int"
                                    : "--max-tensor-size")
                            << ")";
    return success();
  };
  WalkResult walk = root->walk([&](Operation *op) {
    for (Type t : op->getResultTypes())
      if (failed(check(t, op->getLoc())))
        return WalkResult::interrupt();
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (failed(check(arg.getType(), op->getLoc())))
            return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

LogicalResult writeFile(llvm::StringRef path, llvm::StringRef contents) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file) {
    llvm::errs() << "error: cannot write '" << path << "': " << error << "\n";
    return failure();
  }
  file->os() << contents;
  file->keep();
  return success();
}

} // namespace

std::optional<int64_t> huge::parseByteSize(llvm::StringRef text) {
  text = text.trim();
  int64_t scale = 1;
  for (auto [suffix, factor] :
       {std::pair<llvm::StringRef, int64_t>{"KiB", 1024},
        {"MiB", 1024 * 1024},
        {"GiB", int64_t(1) << 30},
        {"K", 1024},
        {"M", 1024 * 1024},
        {"G", int64_t(1) << 30},
        {"B", 1}})
    if (text.consume_back(suffix)) {
      scale = factor;
      break;
    }
  int64_t value;
  if (text.trim().getAsInteger(10, value) || value < 0 ||
      value > INT64_MAX / scale)
    return std::nullopt;
  return value * scale;
}

LogicalResult huge::compileBuffer(const llvm::MemoryBuffer &buffer,
                                  llvm::StringRef path, bool onnx,
                                  const CompileOptions &options,
                                  MLIRContext &context, CompileOutput &out) {
  std::optional<UntangleMode> untangle = parseUntangleMode(options.untangle);
  if (!untangle)
    return emitError(UnknownLoc::get(&context))
           << "unknown --untangle '" << options.untangle
           << "'; expected phases, split or none";
  std::optional<WeightFormat> weightFormat =
      parseWeightFormat(options.weightFormat);
  if (!weightFormat)
    return emitError(UnknownLoc::get(&context))
           << "unknown --weight-format '" << options.weightFormat
           << "'; expected bytes or decimal";
  std::optional<Optimize> optimize = parseOptimize(options.optimize);
  if (!optimize)
    return emitError(UnknownLoc::get(&context))
           << "unknown --optimize '" << options.optimize
           << "'; expected speed or size";
  const TargetBackend *backend = findTargetBackend(options.target);
  if (!backend)
    return emitError(UnknownLoc::get(&context))
           << "unknown target '" << options.target
           << "'; available: " << targetNameList();
  std::string name = options.name.empty() ? defaultName(path) : options.name;
  // Every error reported makes the compilation fail, whichever step
  // reported it and whether or not that step went on: an `error:` line never
  // comes with success.
  ErrorCounter errors(&context);

  DefaultTimingManager timing;
  timing.setEnabled(options.timePasses);
  TimingScope root = timing.getRootScope();
  auto progress = [&](const llvm::Twine &msg) {
    if (options.verbose)
      llvm::errs() << "huge-compile: " << msg << "\n";
  };

  OwningOpRef<ModuleOp> module;
  {
    TimingScope t = root.nest("import");
    progress("reading " + path);
    if (onnx) {
      OnnxImportOptions importOptions;
      importOptions.limits = options.limits;
      module = importOnnx(buffer, path, &context, importOptions);
    } else {
      // MLIR's lexer stops at a NUL: the text is copied into a buffer that
      // has one after its end.
      llvm::SourceMgr sourceMgr;
      sourceMgr.AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBufferCopy(buffer.getBuffer(), path),
          llvm::SMLoc());
      // Types are bounded before the verifiers do arithmetic on them: the
      // text can state any extent.
      module = parseSourceFile<ModuleOp>(
          sourceMgr, ParserConfig(&context, /*verifyAfterParse=*/false));
      if (module && (failed(checkTensorSizes(*module, options.limits)) ||
                     failed(verify(*module))))
        module = nullptr;
    }
  }
  if (!module || errors.count())
    return failure();
  auto func = getModelFunction(*module);
  if (failed(func) || failed(checkTensorSizes(*func, options.limits)))
    return failure();
  progress("imported " +
           llvm::Twine(std::distance(func->getBody().front().begin(),
                                     func->getBody().front().end())) +
           " ops");

  PassManager pm(&context);
  TimingScope passTiming = root.nest("passes");
  pm.enableTiming(passTiming);
  std::optional<HugeTileFusePassOptions> tiling;
  if (options.memoryBudget >= 0 || !options.tileGroups.empty()) {
    tiling.emplace();
    tiling->memoryBudget = options.memoryBudget;
    tiling->groups = options.tileGroups;
    tiling->reportSmallest = !options.report.empty();
    tiling->recordSearch = !options.report.empty();
  }
  buildCPipeline(pm, *untangle, tiling ? &*tiling : nullptr, options.target);
  if (failed(pm.run(*module)) ||
      failed(checkTensorSizes(*func, options.limits)))
    return failure();
  progress("ran huge-c-pipeline (untangle=" + options.untangle + ")");

  TimingScope t = root.nest("plan and emit");
  auto plan = MemoryPlan::build(*func);
  if (failed(plan))
    return failure();
  progress("arena " + llvm::Twine(plan->arenaSize()) + " bytes (lower bound " +
           llvm::Twine(plan->lowerBound()) + ")");
  if (plan->arenaSize() > options.limits.maxArenaBytes)
    return func->emitError("the model needs an arena of ")
           << plan->arenaSize() << " bytes, above the limit of "
           << options.limits.maxArenaBytes
           << " bytes (--max-arena-size; --memory-budget tiles the model "
              "into less)";
  if (options.memoryBudget >= 0 && plan->arenaSize() > options.memoryBudget)
    return func->emitError("memory budget of ")
           << options.memoryBudget
           << " bytes is infeasible: the smallest arena huge can plan for "
              "this model is "
           << plan->arenaSize() << " bytes";
  EmitOptions emitOptions;
  emitOptions.name = name;
  emitOptions.weightFormat = *weightFormat;
  emitOptions.optimize = *optimize;
  emitOptions.source = llvm::sys::path::filename(path).str();
  auto emitted = backend->emit(*func, *plan, emitOptions);
  if (failed(emitted))
    return failure();
  out.files = std::move(emitted->files);
  if (!options.report.empty())
    // Names come from the model: bytes that are not UTF-8 are replaced
    // (U+FFFD) rather than making the serializer throw.
    out.report = buildReport(*func, *plan, options, name, emitted->weightBytes)
                     .dump(2, ' ', false,
                           nlohmann::ordered_json::error_handler_t::replace) +
                 "\n";
  (*func)->removeAttr("huge.tile_search");
  if (!options.emitMlir.empty()) {
    llvm::raw_string_ostream os(out.mlir);
    module->print(os);
  }
  return failure(errors.count() != 0);
}

int huge::compile(const CompileOptions &options) {
  if (options.input.empty())
    return fail("no input model given (see --help)");
  if (options.outputDir.empty())
    return fail("no output folder given: use -o DIR");
  if (!findTargetBackend(options.target))
    return fail("unknown target '" + options.target +
                "'; available: " + targetNameList());
  if (!parseUntangleMode(options.untangle))
    return fail("unknown --untangle '" + options.untangle +
                "'; expected phases, split or none");
  if (!parseWeightFormat(options.weightFormat))
    return fail("unknown --weight-format '" + options.weightFormat +
                "'; expected bytes or decimal");
  if (!parseOptimize(options.optimize))
    return fail("unknown --optimize '" + options.optimize +
                "'; expected speed or size");
  std::string name =
      options.name.empty() ? defaultName(options.input) : options.name;
  if (!isValidCIdentifier(name))
    return fail("--name '" + name + "' is not a valid C identifier");
  llvm::StringRef ext = llvm::sys::path::extension(options.input);
  if (ext != ".onnx" && ext != ".mlir")
    return fail("'" + options.input +
                "' has an unknown extension; expected .onnx or .mlir");
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(options.input, status))
    return fail("cannot read '" + options.input + "': no such file");
  if (llvm::sys::fs::is_directory(status))
    return fail("'" + options.input + "' is a directory, not a model");
  // A pipe would block the compiler, a device never end.
  if (!llvm::sys::fs::is_regular_file(status))
    return fail("'" + options.input + "' is not a regular file");
  if (status.getSize() > static_cast<uint64_t>(options.limits.maxModelBytes))
    return fail("'" + options.input + "' has " + llvm::Twine(status.getSize()) +
                " bytes, above the limit of " +
                llvm::Twine(options.limits.maxModelBytes) +
                " bytes (--max-model-size)");
  auto buffer = llvm::MemoryBuffer::getFile(options.input, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("cannot read '" + options.input +
                "': " + buffer.getError().message());

  DialectRegistry registry;
  registry.insert<HugeDialect, func::FuncDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler handler(&context, printDiagnostic);
  CompileOptions named = options;
  named.name = name;
  CompileOutput out;
  if (failed(compileBuffer(**buffer, options.input, ext == ".onnx", named,
                           context, out)))
    return 1;

  // Everything succeeded: only now is anything written.
  if (std::error_code ec = llvm::sys::fs::create_directories(options.outputDir))
    return fail("cannot create '" + options.outputDir + "': " + ec.message());
  for (const EmittedFile &f : out.files) {
    llvm::SmallString<256> path(options.outputDir);
    llvm::sys::path::append(path, f.name);
    if (failed(writeFile(path, f.contents)))
      return 1;
    if (options.verbose)
      llvm::errs() << "huge-compile: wrote " << path << "\n";
  }
  if (!options.emitMlir.empty() &&
      failed(writeFile(options.emitMlir, out.mlir)))
    return 1;
  if (!options.report.empty() && failed(writeFile(options.report, out.report)))
    return 1;
  return 0;
}
