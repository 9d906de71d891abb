//===- ModelEmitter.cpp - the emitter core shared by all targets ----------===//
//
// prepare (support check, memory plan validation) -> legalize names (weights
// get C identifiers in order of first appearance) -> print (header, weights,
// NAME_run calling the target's kernels). Same IR in, same bytes out.
//
//===----------------------------------------------------------------------===//

#include "huge/Target/C/CEmitter.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Locations.h"

#include "llvm/ADT/StringSet.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <functional>

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

std::string ModelEmitter::weightRef(StringRef ident) const {
  // Weights stored as bytes are unions whose `data` member is the floats.
  return options.weightFormat == WeightFormat::Bytes ? ident.str() + ".data"
                                                     : ident.str();
}

std::string ModelEmitter::upperName() const {
  return llvm::StringRef(options.name).upper();
}

std::string ModelEmitter::buffer(Value v) const { return bufferAt(v, 0); }

std::string ModelEmitter::bufferAt(Value v, int64_t elements) const {
  if (std::optional<StridedView> view = plan.viewOf(v))
    return bufferAt(view->owner, view->offset + elements);
  Value root = plan.rootOf(v);
  const Storage &s = plan.storageOf(root);
  std::string base;
  switch (s.kind) {
  case Storage::Kind::Input:
    base = "inputs[" + std::to_string(s.index) + "]";
    break;
  case Storage::Kind::Output:
    base = "outputs[" + std::to_string(s.index) + "]";
    break;
  case Storage::Kind::Constant:
    base = weightRef(constantNames.lookup(root.getDefiningOp()));
    break;
  case Storage::Kind::Arena: {
    return arenaPointer(plan.buffers()[s.index].offset + elements * 4);
  }
  }
  return elements ? "(" + base + " + " + std::to_string(elements) + ")" : base;
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

/// The first ONNX node name in `loc` as the tail of a C identifier
/// ("/up3/ConvTranspose" -> "up3_ConvTranspose"); empty if there is none.
static std::string nodeIdentifier(Location loc) {
  std::string text = locationName(loc);
  // "node 'NAME' (Op)": the name between the first pair of quotes.
  size_t open = text.find('\'');
  size_t close = open == std::string::npos ? open : text.find("' (", open + 1);
  if (close == std::string::npos)
    return "";
  std::string id;
  for (char c : StringRef(text).slice(open + 1, close)) {
    if (llvm::isAlnum(c))
      id += c;
    else if (!id.empty() && id.back() != '_')
      id += '_';
  }
  while (!id.empty() && id.back() == '_')
    id.pop_back();
  // Long exporter paths keep their most specific end.
  constexpr size_t kMaxLength = 40;
  if (id.size() > kMaxLength) {
    id = id.substr(id.size() - kMaxLength);
    size_t cut = id.find('_');
    if (cut != std::string::npos && cut + 1 < id.size())
      id = id.substr(cut + 1);
  }
  return id;
}

/// What operand `index` of `user` holds, as a name suffix.
static std::string operandRole(Operation *user, unsigned index) {
  if (isa<Conv2dOp, ConvTranspose2dOp, ConvTransposeRowsOp, DepthwiseConv2dOp,
          PackedConv2dOp>(user))
    return index == 1 ? "w" : index == 2 ? "b" : "in";
  if (isa<BatchNormOp>(user)) {
    static const char *const kRoles[] = {"in", "scale", "bias", "mean", "var"};
    return index < 5 ? kRoles[index] : "in";
  }
  if (isa<PReluOp>(user))
    return index == 1 ? "slope" : "in";
  if (isa<GemmOp, MatMulOp>(user))
    return index == 1 ? "w" : index == 2 ? "b" : "a";
  if (auto il = dyn_cast<InterleaveOp>(user))
    if (il.getFill() && user->getOperand(index) == il.getFill())
      return "fill";
  if (isa<AddOp, SubOp, MulOp, DivOp, PowOp>(user))
    return index == 1 ? "rhs" : "lhs";
  return "in" + std::to_string(index);
}

void ModelEmitter::legalizeNames() {
  // A weight is named after the layer that reads it first and what it is
  // there ("NAME_up3_phase01_w"); layers without an ONNX name are named by
  // their op and its position ("NAME_conv2d0_w").
  llvm::DenseMap<Operation *, std::string> layerNames;
  llvm::StringMap<int> kindCounts;
  for (Operation &op : func.getBody().front()) {
    if (isa<ConstantOp, ReshapeOp, func::ReturnOp>(op))
      continue;
    std::string id = nodeIdentifier(op.getLoc());
    if (id.empty()) {
      // A packed convolution is the conv2d the model has.
      StringRef kind = isa<PackedConv2dOp>(op) ? StringRef("conv2d")
                                               : op.getName().stripDialect();
      id = kind.str() + std::to_string(kindCounts[kind]++);
    }
    layerNames[&op] = id;
  }
  /// The first non-reshape use of `v`, following reshapes.
  std::function<OpOperand *(Value)> firstUse = [&](Value v) -> OpOperand * {
    OpOperand *best = nullptr;
    for (OpOperand &use : v.getUses()) {
      OpOperand *u = &use;
      if (auto r = dyn_cast<ReshapeOp>(use.getOwner()))
        if (!(u = firstUse(r.getResult())))
          continue;
      if (!best || u->getOwner()->isBeforeInBlock(best->getOwner()))
        best = u;
    }
    return best;
  };
  llvm::StringSet<> used;
  func.walk([&](ConstantOp op) {
    std::string name = options.name + "_unused";
    if (OpOperand *use = firstUse(op.getResult())) {
      Operation *user = use->getOwner();
      std::string phase;
      // A phase convolution of a transposed layer: which output phase
      // (not for what all the phases share).
      bool shared = llvm::any_of(op->getUsers(), [&](Operation *other) {
        return other != user && isa<Conv2dOp, PackedConv2dOp>(other);
      });
      if (isa<Conv2dOp, PackedConv2dOp>(user) && !shared)
        for (Operation *reader : user->getResult(0).getUsers())
          if (auto il = dyn_cast<InterleaveOp>(reader);
              il && il.getPhaseValues().size() > 1)
            for (auto [i, v] : llvm::enumerate(il.getPhaseValues()))
              if (v == user->getResult(0))
                phase = "phase" + std::to_string(il.getPhases()[2 * i]) +
                        (il.getStrides()[1] > 9 ? "_" : "") +
                        std::to_string(il.getPhases()[2 * i + 1]) + "_";
      name = options.name + "_" + layerNames.lookup(user) + "_" + phase +
             operandRole(user, use->getOperandNumber());
    }
    std::string unique = name;
    for (int k = 2; !used.insert(unique).second; ++k)
      unique = name + "_" + std::to_string(k);
    constantNames[op] = unique;
  });
}

static std::string shapeList(ArrayRef<int64_t> shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s;
}

/// `text` (a name from the model) as it may appear inside a C comment:
/// printable ASCII only (no newline to splice a line with a backslash, no
/// NUL or invalid UTF-8 for the compiler to warn about), and no `*/` or
/// `/*`.
std::string huge::commentSafe(StringRef text) {
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
  weightBytes = 0;
  func.walk([&](ConstantOp op) {
    weightBytes += cast<ShapedType>(op.getType()).getNumElements() * 4;
  });
  os << "/* " << options.name << ".h: generated by huge"
     << (options.source.empty() ? "" : " from " + commentSafe(options.source))
     << ". Do not edit. */\n"
     << "#ifndef " << up << "_H\n#define " << up << "_H\n\n"
     << "/* Scratch memory NAME_run needs, aligned to " << up
     << "_ARENA_ALIGN bytes. */\n"
     << "#define " << up << "_ARENA_SIZE " << plan.arenaSize() << "\n"
     << "#define " << up << "_ARENA_ALIGN " << plan.alignment() << "\n"
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
  emitApiDeclarations(os);
  os << "\n#endif /* " << up << "_H */\n";
  return out;
}

void ModelEmitter::emitLayerCode(raw_ostream &os, Operation *op,
                                 StringRef code) {
  os << "  { /* " << op->getName().getStringRef() << " -> ["
     << shapeList(cast<ShapedType>(op->getResult(0).getType()).getShape())
     << "] */\n"
     << code << "  }\n";
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

/// Bytes per string literal of a weight array: each initializes one row of
/// the union's `bytes` member, well within the 4095 characters C99 promises.
constexpr size_t kBytesPerRow = 64;

/// `data` as C string literals of its little-endian bytes, one per row of
/// kBytesPerRow bytes, comma separated. Printable characters stand for
/// themselves; every other byte (and `"`, `\\`, `?` which could start a
/// trigraph) is a three-digit octal escape, so no escape can swallow the
/// character after it.
static void printFloatBytes(raw_ostream &os, ArrayRef<float> data) {
  std::string line;
  size_t bytes = 0;
  for (float f : data) {
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    for (int k = 0; k < 4; ++k, ++bytes) {
      auto c = static_cast<unsigned char>(bits >> (8 * k));
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
        line += static_cast<char>(c);
      } else {
        line += '\\';
        line += static_cast<char>('0' + (c >> 6));
        line += static_cast<char>('0' + ((c >> 3) & 7));
        line += static_cast<char>('0' + (c & 7));
      }
      if (bytes % kBytesPerRow == kBytesPerRow - 1) {
        os << (bytes < kBytesPerRow ? "\n    \"" : ",\n    \"") << line << '"';
        line.clear();
      }
    }
  }
  if (!line.empty())
    os << (bytes <= kBytesPerRow ? "\n    \"" : ",\n    \"") << line << '"';
}

void ModelEmitter::printWeightMacros(raw_ostream &os) const {
  std::string up = upperName();
  os << "/* Define " << up
     << "_WEIGHT_ATTR to place the weights, e.g. in a flash section. */\n"
     << "#ifndef " << up << "_WEIGHT_ATTR\n#define " << up
     << "_WEIGHT_ATTR\n#endif\n"
     << "/* Weight arrays start on a cache line, so the kernels' vector loads\n"
     << "   never split one (where the compiler has the attribute). */\n"
     << "#if defined(__GNUC__)\n#define " << up
     << "_WEIGHT_ALIGN __attribute__((aligned(" << plan.alignment()
     << ")))\n#else\n#define " << up << "_WEIGHT_ALIGN\n#endif\n";
  if (options.weightFormat == WeightFormat::Bytes)
    os << "/* Weights are the bytes of little-endian IEEE-754 floats (a "
          "string\n"
       << "   literal compiles far faster than float literals); compile with\n"
       << "   --weight-format=decimal for a big-endian target. */\n"
       << "#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && "
          "\\\n"
       << "    __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__\n"
       << "#error \"" << options.name
       << ".c holds little-endian weights: regenerate it with "
          "--weight-format=decimal\"\n"
       << "#endif\n";
}

void ModelEmitter::printWeightArray(raw_ostream &os, StringRef name,
                                    ArrayRef<float> data) const {
  std::string up = upperName();
  os << "\n" << up << "_WEIGHT_ATTR " << up << "_WEIGHT_ALIGN ";
  if (options.weightFormat == WeightFormat::Bytes) {
    size_t rows = (data.size() * 4 + kBytesPerRow - 1) / kBytesPerRow;
    os << "static const union {\n  unsigned char bytes[" << rows << "]["
       << kBytesPerRow << "];\n  float data[" << data.size() << "];\n} "
       << name << " = {{";
    printFloatBytes(os, data);
    os << "}};\n";
    return;
  }
  os << "static const float " << name << "[" << data.size() << "] = {";
  for (size_t i = 0; i < data.size(); ++i)
    os << (i % 8 == 0 ? "\n    " : " ") << cFloatLiteral(data[i])
       << (i + 1 < data.size() ? "," : "");
  os << "\n};\n";
}

FailureOr<std::string> ModelEmitter::emitSource() {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "/* " << options.name << ".c: generated by huge"
     << (options.source.empty() ? "" : " from " + commentSafe(options.source))
     << ". Do not edit. */\n"
     << "#include \"" << options.name << ".h\"\n\n";
  emitSourcePrologue(os);

  for (Operation &op : func.getBody().front()) {
    auto constant = dyn_cast<ConstantOp>(op);
    if (!constant)
      continue;
    auto values = constant.getValue().tryGetValues<float>();
    if (!values)
      return constant.emitError("cannot be emitted: not f32 data");
    std::vector<float> data(values->begin(), values->end());
    emitWeightArray(os, constantNames[constant], data);
  }

  emitRunBegin(os);

  // One block per kernel call; the ONNX nodes of a layer are named once,
  // above its first block. Ops that need no code (phases computed with
  // their layer's leader, results written in place) print nothing.
  std::string lastLayer;
  for (Operation &op : func.getBody().front()) {
    if (isa<ConstantOp, ReshapeOp, EmptyOp, func::ReturnOp>(op))
      continue;
    if (isa<SliceOp>(op) && plan.viewOf(op.getResult(0)))
      continue; // read in place by its users
    std::string code;
    llvm::raw_string_ostream cos(code);
    if (failed(emitKernel(&op, cos)))
      return failure();
    if (code.empty())
      continue;
    std::string layer = locationName(op.getLoc());
    if (!layer.empty() && layer != lastLayer)
      os << "\n  /* " << commentSafe(layer) << " */\n";
    lastLayer = layer;
    emitLayerCode(os, &op, code);
  }

  // Outputs not computed in place: copies.
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    const Storage &s = plan.storageOf(v);
    if (s.kind == Storage::Kind::Output && s.index == static_cast<int64_t>(i))
      continue;
    emitOutputCopy(os, v, i);
  }
  emitRunEnd(os);
  return out;
}

FailureOr<std::vector<EmittedFile>> ModelEmitter::emit() {
  if (failed(prepare()))
    return failure();
  legalizeNames();
  if (failed(readTarget()))
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
