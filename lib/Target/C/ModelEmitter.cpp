//===- ModelEmitter.cpp - the emitter core shared by all targets ----------===//
//
// prepare (support check, memory plan validation) -> legalize names (weights
// get C identifiers in order of first appearance) -> print (header, weights,
// NAME_run calling the target's kernels). Same IR in, same bytes out.
//
//===----------------------------------------------------------------------===//

#include "huge/Target/C/CEmitter.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/Utils/ConvPacking.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

#include <fmt/format.h>

#include <cmath>

using namespace mlir;
using namespace huge;

FailureOr<func::FuncOp> huge::getModelFunction(ModuleOp module) {
  auto funcs = module.getOps<func::FuncOp>();
  if (std::distance(funcs.begin(), funcs.end()) != 1)
    return module.emitError("expects exactly one func.func (the model), got ")
           << std::distance(funcs.begin(), funcs.end());
  func::FuncOp func = *funcs.begin();
  if (func.isExternal() || !func.getBody().hasOneBlock())
    return func.emitError("expects a model function with a single-block body");
  return func;
}

bool huge::isValidCIdentifier(StringRef name) {
  static const char *const kKeywords[] = {
      "auto",      "break",    "case",     "char",   "const",   "continue",
      "default",   "do",       "double",   "else",   "enum",    "extern",
      "float",     "for",      "goto",     "if",     "inline",  "int",
      "long",      "register", "restrict", "return", "short",   "signed",
      "sizeof",    "static",   "struct",   "switch", "typedef", "union",
      "unsigned",  "void",     "volatile", "while",  "_Bool",   "_Complex",
      "_Imaginary"};
  if (name.empty() || !(llvm::isAlpha(name[0]) || name[0] == '_'))
    return false;
  if (!llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; }))
    return false;
  return !llvm::is_contained(kKeywords, name);
}

ModelEmitter::ModelEmitter(func::FuncOp func, const MemoryPlan &plan,
                           EmitOptions options)
    : func(func), plan(plan), options(std::move(options)) {}

ModelEmitter::~ModelEmitter() = default;

std::string ModelEmitter::packedBuffer(Value weight) const {
  Operation *def = plan.rootOf(weight).getDefiningOp();
  std::string name = constantNames.lookup(def);
  return packings.lookup(def).raw ? name + "_packed" : name;
}

std::string ModelEmitter::upperName() const {
  return llvm::StringRef(options.name).upper();
}

std::string ModelEmitter::buffer(Value v) const {
  if (std::optional<StridedView> view = plan.viewOf(v))
    return "(" + buffer(view->owner) + " + " + std::to_string(view->offset) +
           ")";
  Value root = plan.rootOf(v);
  const Storage &s = plan.storageOf(root);
  switch (s.kind) {
  case Storage::Kind::Input:
    return "inputs[" + std::to_string(s.index) + "]";
  case Storage::Kind::Output:
    return "outputs[" + std::to_string(s.index) + "]";
  case Storage::Kind::Constant:
    return constantNames.lookup(root.getDefiningOp());
  case Storage::Kind::Arena:
    return "(float *)(base + " +
           std::to_string(plan.buffers()[s.index].offset) + ")";
  }
  llvm_unreachable("unknown storage kind");
}

LogicalResult ModelEmitter::prepare() {
  if (!isValidCIdentifier(options.name))
    return func.emitError("model name '")
           << options.name << "' is not a valid C identifier";
  for (Type t : func.getFunctionType().getInputs())
    if (!isa<RankedTensorType>(t))
      return func.emitError("expects tensor arguments");
  for (Operation &op : func.getBody().front()) {
    if (isa<func::ReturnOp>(op))
      continue;
    if (op.getDialect() != func->getContext()->getLoadedDialect<HugeDialect>())
      return op.emitError("cannot be emitted: only huge ops are supported");
    for (Value v : op.getResults())
      if (cast<ShapedType>(v.getType()).getRank() > 8)
        return op.emitError("cannot be emitted: rank above 8");
  }
  return plan.validate(func);
}

void ModelEmitter::legalizeNames() {
  int counter = 0;
  func.walk([&](ConstantOp op) {
    constantNames[op] = options.name + "_w" + std::to_string(counter++);
  });
}

static std::string shapeList(ArrayRef<int64_t> shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s;
}

/// C comment text: never closes the comment early.
/// `text` (a name from the model) as it may appear inside a C comment:
/// printable ASCII only (no newline to splice a line with a backslash, no
/// NUL or invalid UTF-8 for the compiler to warn about), and no `*/` or
/// `/*`.
static std::string commentSafe(StringRef text) {
  std::string s;
  for (char c : text) {
    c = c >= 0x20 && c <= 0x7e ? c : '?';
    if (!s.empty() &&
        ((s.back() == '*' && c == '/') || (s.back() == '/' && c == '*')))
      s += ' ';
    s += c;
  }
  return s;
}

std::string ModelEmitter::emitHeader() {
  std::string out;
  llvm::raw_string_ostream os(out);
  std::string up = upperName();
  int64_t weightBytes = 0;
  func.walk([&](ConstantOp op) {
    auto it = packings.find(op);
    if (it == packings.end() || it->second.raw)
      weightBytes += cast<ShapedType>(op.getType()).getNumElements() * 4;
    if (it != packings.end()) {
      const ConvPacking &k = it->second;
      weightBytes +=
          packedConvSize(k.cout, k.cig, k.kh, k.kw, k.groups, k.blk) * 4;
    }
  });
  os << "/* " << options.name << ".h: generated by huge"
     << (options.source.empty() ? "" : " from " + commentSafe(options.source))
     << ". Do not edit. */\n"
     << "#ifndef " << up << "_H\n#define " << up << "_H\n\n"
     << "/* Scratch memory NAME_run needs, aligned to " << up
     << "_ARENA_ALIGN bytes. */\n"
     << "#define " << up << "_ARENA_SIZE " << plan.arenaSize() << "\n"
     << "#define " << up << "_ARENA_ALIGN " << kArenaAlignment << "\n"
     << "#define " << up << "_WEIGHT_BYTES " << weightBytes << "\n"
     << "#define " << up << "_NUM_INPUTS " << func.getNumArguments() << "\n"
     << "#define " << up << "_NUM_OUTPUTS " << func.getNumResults() << "\n";
  auto describe = [&](StringRef kind, unsigned i, Type t,
                      DictionaryAttr attrs) {
    auto type = cast<ShapedType>(t);
    std::string prefix = up + "_" + kind.str() + "_" + std::to_string(i);
    auto name = attrs ? attrs.getAs<StringAttr>("huge.name") : StringAttr();
    os << "\n/* " << kind.lower() << " " << i;
    if (name)
      os << " '" << commentSafe(name.getValue()) << "'";
    os << ": float[" << shapeList(type.getShape()) << "], NCHW */\n"
       << "#define " << prefix << "_SIZE " << type.getNumElements() << "\n"
       << "#define " << prefix << "_RANK " << type.getRank() << "\n"
       << "#define " << prefix << "_SHAPE {" << shapeList(type.getShape())
       << "}\n";
  };
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    describe("INPUT", i, func.getArgumentTypes()[i], func.getArgAttrDict(i));
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    describe("OUTPUT", i, func.getResultTypes()[i], func.getResultAttrDict(i));
  os << "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* Runs the model. inputs[i] holds " << up
     << "_INPUT_i_SIZE floats, outputs[i] receives " << up
     << "_OUTPUT_i_SIZE floats;\n"
     << " * arena points to " << up << "_ARENA_SIZE bytes aligned to " << up
     << "_ARENA_ALIGN. Returns 0 on success,\n"
     << " * 1 if a pointer is NULL or the arena is misaligned. */\n"
     << "int " << options.name
     << "_run(const float *const inputs[], float *const outputs[], void "
        "*arena);\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << up << "_H */\n";
  return out;
}

std::string huge::cFloatLiteral(float v) {
  if (std::isnan(v))
    return "NAN";
  if (std::isinf(v))
    return v > 0 ? "INFINITY" : "-INFINITY";
  // fmt prints the shortest decimal that round-trips.
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".e") == std::string::npos)
    s += ".0";
  return s + "f";
}

FailureOr<std::string> ModelEmitter::emitSource() {
  std::string out;
  llvm::raw_string_ostream os(out);
  std::string up = upperName();
  os << "/* " << options.name << ".c: generated by huge"
     << (options.source.empty() ? "" : " from " + commentSafe(options.source))
     << ". Do not edit. */\n"
     << "#include \"" << options.name << ".h\"\n\n";
  emitIncludes(os);
  os << "#include <math.h>\n#include <stddef.h>\n#include <stdint.h>\n\n"
     << "/* Define " << up
     << "_WEIGHT_ATTR to place the weights, e.g. in a flash section. */\n"
     << "#ifndef " << up << "_WEIGHT_ATTR\n#define " << up
     << "_WEIGHT_ATTR\n#endif\n"
     << "/* Weight arrays start on a cache line, so the kernels' vector loads\n"
     << "   never split one (where the compiler has the attribute). */\n"
     << "#if defined(__GNUC__)\n#define " << up
     << "_WEIGHT_ALIGN __attribute__((aligned(" << kArenaAlignment
     << ")))\n#else\n#define " << up << "_WEIGHT_ALIGN\n#endif\n";

  for (Operation &op : func.getBody().front()) {
    auto constant = dyn_cast<ConstantOp>(op);
    if (!constant)
      continue;
    auto values = constant.getValue().tryGetValues<float>();
    if (!values)
      return constant.emitError("cannot be emitted: not f32 data");
    auto printArray = [&](StringRef name, ArrayRef<float> data) {
      os << "\n"
         << up << "_WEIGHT_ATTR " << up << "_WEIGHT_ALIGN static const float "
         << name << "[" << data.size() << "] = {";
      for (size_t i = 0; i < data.size(); ++i)
        os << (i % 8 == 0 ? "\n    " : " ") << cFloatLiteral(data[i])
           << (i + 1 < data.size() ? "," : "");
      os << "\n};\n";
    };
    std::vector<float> data(values->begin(), values->end());
    auto packing = packings.find(constant);
    if (packing == packings.end() || packing->second.raw)
      printArray(constantNames[constant], data);
    if (packing != packings.end()) {
      const ConvPacking &k = packing->second;
      printArray(
          packedBuffer(constant),
          packConvWeights(data, k.cout, k.cig, k.kh, k.kw, k.groups, k.blk));
    }
  }

  os << "\nint " << options.name
     << "_run(const float *const inputs[], float *const outputs[], void "
        "*arena) {\n";
  if (plan.arenaSize() > 0)
    os << "  unsigned char *const base = (unsigned char *)arena;\n"
       << "  if (inputs == NULL || outputs == NULL || arena == NULL ||\n"
       << "      (uintptr_t)arena % " << up << "_ARENA_ALIGN != 0)\n"
       << "    return 1;\n";
  else
    os << "  (void)arena;\n"
       << "  if (inputs == NULL || outputs == NULL)\n    return 1;\n";

  for (Operation &op : func.getBody().front()) {
    if (isa<ConstantOp, ReshapeOp, EmptyOp, func::ReturnOp>(op))
      continue;
    if (isa<SliceOp>(op) && plan.viewOf(op.getResult(0)))
      continue; // read in place by its users
    std::string where;
    if (auto name = dyn_cast<NameLoc>(op.getLoc()))
      where = " " + name.getName().str();
    else if (auto fused = dyn_cast<FusedLoc>(op.getLoc()))
      for (Location l : fused.getLocations())
        if (auto name = dyn_cast<NameLoc>(l))
          where += " " + name.getName().str();
    os << "  /* " << op.getName().getStringRef() << commentSafe(where)
       << " -> ["
       << shapeList(cast<ShapedType>(op.getResult(0).getType()).getShape())
       << "] */\n  {\n";
    if (failed(emitKernel(&op, os)))
      return failure();
    os << "  }\n";
  }

  // Outputs not computed in place: copies.
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    const Storage &s = plan.storageOf(v);
    if (s.kind == Storage::Kind::Output && s.index == static_cast<int64_t>(i))
      continue;
    os << "  huge_copy(" << buffer(v) << ", outputs[" << i << "], "
       << cast<ShapedType>(v.getType()).getNumElements() << ");\n";
  }
  os << "  return 0;\n}\n";
  return out;
}

FailureOr<std::vector<EmittedFile>> ModelEmitter::emit() {
  if (failed(prepare()))
    return failure();
  legalizeNames();
  if (failed(planConstants()))
    return failure();
  auto source = emitSource();
  if (failed(source))
    return failure();
  std::vector<EmittedFile> files;
  files.push_back({options.name + ".h", emitHeader()});
  files.push_back({options.name + ".c", std::move(*source)});
  for (EmittedFile &f : runtimeFiles())
    files.push_back(std::move(f));
  return files;
}
