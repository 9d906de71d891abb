//===- OpenCLEmitter.cpp - the OpenCL target ------------------------------===//
//
// Each layer becomes one kernel whose geometry, strides and buffer offsets
// are literals in its source; the host side is a table of launches the
// runtime (runtime/opencl) walks. Kernels index with 32-bit ints: buffers
// are checked to hold fewer than 2^31 floats.
//
//===----------------------------------------------------------------------===//

#include "huge/Target/OpenCL/OpenCLEmitter.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Locations.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Support/ErrorCounter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <functional>
#include <limits>
#include <set>

using namespace mlir;
using namespace huge;

namespace {
#include "OpenCLRuntimeSources.inc"

/// Buffer slots (runtime/opencl/huge_cl_runtime.h).
constexpr int kArenaSlot = 0, kWeightSlot = 1, kFirstInputSlot = 2;
/// Weight arrays start on 128 bytes in the weight buffer.
constexpr int64_t kWeightAlignFloats = 32;
/// Work-items per work-group of the element-wise kernels.
constexpr int64_t kGroupSize = 64;
/// Most local memory a convolution's input window takes (OpenCL 1.2
/// devices offer at least 32 KiB).
constexpr int64_t kLocalTileBytes = 16384;
constexpr int64_t kMaxIndex = (int64_t(1) << 31) - 1;

std::string str(int64_t v) { return std::to_string(v); }

int64_t pow2Ceil(int64_t v) {
  int64_t p = 1;
  while (p < v)
    p *= 2;
  return p;
}

int64_t roundUp(int64_t v, int64_t m) { return (v + m - 1) / m * m; }

/// An OpenCL C float literal.
std::string flt(float v) {
  std::string s = cFloatLiteral(v);
  if (s == "NAN")
    return "NAN";
  return s;
}

/// `text` inside a C string literal: no escape can end it early, no
/// trigraph forms.
std::string cString(StringRef text) {
  std::string s;
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '?')
      s += '\\';
    s += c >= 0x20 && c <= 0x7e ? c : '_';
  }
  return s;
}

/// The statement applying element-wise step `spelling` (a huge.chain step,
/// huge.unary function or activation, all spelled alike) to `v`; `x0` is
/// the chain's input.
std::string stepCode(StringRef spelling, float a0, float a1) {
  std::string a = flt(a0), b = flt(a1);
  return llvm::StringSwitch<std::string>(spelling)
      .Case("relu", "v = v > 0.0f ? v : 0.0f;")
      .Case("leaky_relu", "v = v >= 0.0f ? v : " + a + " * v;")
      .Case("clip", "v = v < " + a + " ? " + a + " : (v > " + b + " ? " + b +
                        " : v);")
      .Case("sigmoid", "v = 1.0f / (1.0f + exp(-v));")
      .Case("tanh", "v = tanh(v);")
      .Case("hard_sigmoid", "v = clamp(" + a + " * v + " + b +
                                ", 0.0f, 1.0f);")
      .Case("hard_swish", "v = v * clamp(v + 3.0f, 0.0f, 6.0f) / 6.0f;")
      .Case("silu", "v = v / (1.0f + exp(-v));")
      .Case("sqrt", "v = sqrt(v);")
      .Case("exp", "v = exp(v);")
      .Case("log", "v = log(v);")
      .Case("neg", "v = -v;")
      .Case("abs", "v = fabs(v);")
      .Case("reciprocal", "v = 1.0f / v;")
      .Case("erf", "v = erf(v);")
      .Case("softplus", "v = huge_softplus(v);")
      .Case("softsign", "v = v / (1.0f + fabs(v));")
      .Case("elu", "v = v > 0.0f ? v : " + a + " * expm1(v);")
      .Case("selu", "v = " + b + " * (v > 0.0f ? v : " + a + " * expm1(v));")
      .Case("pow", "v = pow(v, " + a + ");")
      .Case("floor", "v = floor(v);")
      .Case("ceil", "v = ceil(v);")
      .Case("add", "v = v + " + a + ";")
      .Case("sub", "v = v - " + a + ";")
      .Case("rsub", "v = " + a + " - v;")
      .Case("mul", "v = v * " + a + ";")
      .Case("div", "v = v / " + a + ";")
      .Case("rdiv", "v = " + a + " / v;")
      .Case("add_input", "v = v + x0;")
      .Case("sub_input", "v = v - x0;")
      .Case("rsub_input", "v = x0 - v;")
      .Case("mul_input", "v = v * x0;")
      .Case("div_input", "v = v / x0;")
      .Case("rdiv_input", "v = x0 / v;")
      .Default("");
}

std::string activationCode(std::optional<Activation> act,
                           std::optional<ArrayRef<float>> params) {
  if (!act)
    return "";
  float a = params && !params->empty() ? (*params)[0] : 0.0f;
  float b = params && params->size() > 1 ? (*params)[1] : 0.0f;
  return stepCode(stringifyActivation(*act), a, b);
}

const char kSoftplus[] =
    "static float huge_softplus(float x) {\n"
    "  return x > 0.0f ? x + log1p(exp(-x)) : log1p(exp(x));\n}\n";

// ONNX's coordinate transformations and nearest rounding, as the C
// runtime's resize (runtime/src/resize.c) computes them.
const char kResize[] = R"cl(
static float huge_source(int x, float scale, int in_len, int out_len,
                         int mode, float roi_start, float roi_end) {
  switch (mode) {
  case 0: return ((float)x + 0.5f) / scale - 0.5f;
  case 1: return out_len > 1 ? ((float)x + 0.5f) / scale - 0.5f : 0.0f;
  case 2: {
    const float resized = (float)in_len * scale;
    return out_len > 1 ? (float)x * (float)(in_len - 1) / (resized - 1.0f)
                       : 0.0f;
  }
  case 3: return (float)x / scale;
  default: {
    const float resized = (float)in_len * scale, last = (float)(in_len - 1);
    return resized == 1.0f
               ? 0.5f * (roi_start + roi_end) * last
               : roi_start * last +
                     (float)x * (roi_end - roi_start) * last / (resized - 1.0f);
  }
  }
}
static int huge_nearest(float s, int in_len, int mode) {
  int i;
  switch (mode) {
  case 1: i = (int)ceil(s); break;
  case 2: i = (s - floor(s) == 0.5f) ? (int)floor(s) : (int)round(s); break;
  case 3: i = (s - floor(s) == 0.5f) ? (int)ceil(s) : (int)round(s); break;
  default: i = (int)floor(s); break;
  }
  return min(max(i, 0), in_len - 1);
}
static void huge_cubic(float s, int len, float a, int exclude_outside,
                       int idx[4], float wt[4]) {
  const float fl = floor(s);
  const float r = s == fl ? 1.0f : s - fl, q = 1.0f - r;
  const int base = (int)fl - (s == fl ? 2 : 1);
  float sum = 0.0f;
  wt[0] = ((a * (r + 1.0f) - 5.0f * a) * (r + 1.0f) + 8.0f * a) * (r + 1.0f) -
          4.0f * a;
  wt[1] = ((a + 2.0f) * r - (a + 3.0f)) * r * r + 1.0f;
  wt[2] = ((a + 2.0f) * q - (a + 3.0f)) * q * q + 1.0f;
  wt[3] = ((a * (q + 1.0f) - 5.0f * a) * (q + 1.0f) + 8.0f * a) * (q + 1.0f) -
          4.0f * a;
  for (int k = 0; k < 4; ++k) {
    const int i = base + k;
    if (exclude_outside && (i < 0 || i >= len))
      wt[k] = 0.0f;
    sum += wt[k];
    idx[k] = min(max(i, 0), len - 1);
  }
  if (exclude_outside && sum != 0.0f)
    for (int k = 0; k < 4; ++k)
      wt[k] /= sum;
}
)cl";
} // namespace

namespace huge {

/// Writes one kernel: its buffer parameters (one per slot it touches), its
/// body and its launch.
struct KernelWriter {
  KernelWriter(OpenCLEmitter &e, Operation *op) : e(e), op(op) {}

  /// The parameter name of the buffer holding `v`, and where it is.
  std::string buf(const OpenCLEmitter::Place &p) {
    auto it = llvm::find(slots, p.slot);
    size_t i = it - slots.begin();
    if (it == slots.end())
      slots.push_back(p.slot);
    return "b" + str(i);
  }
  OpenCLEmitter::Place place(Value v) { return e.placeOf(v); }

  /// The element of `v` at `coords` (one expression per dimension).
  std::string at(Value v, ArrayRef<std::string> coords) {
    OpenCLEmitter::Place p = place(v);
    std::string b = buf(p);
    ArrayRef<int64_t> s = p.shape;
    std::string index = offset(v);
    if (p.strided) {
      // x * column stride + y * row stride + c * channel stride + b * C *
      // channel stride, in the order of the dense form below.
      index += " + (" + coords[3] + ") * " + str(p.colStride) + " + (" +
               coords[2] + ") * " + str(p.rowStride) + " + (" + coords[1] +
               ") * " + str(p.channelStride) + " + (" + coords[0] + ") * " +
               str(s[1] * p.channelStride);
    } else {
      int64_t stride = 1;
      std::string sum;
      for (int64_t d = static_cast<int64_t>(s.size()) - 1; d >= 0; --d) {
        if (coords[d] != "0")
          sum += " + (" + coords[d] + ")" +
                 (stride == 1 ? "" : " * " + str(stride));
        stride *= s[d];
      }
      index += sum;
    }
    return b + "[" + index + "]";
  }
  /// Element `i` (row-major) of `v`, which is stored densely.
  std::string flat(Value v, StringRef i) {
    OpenCLEmitter::Place p = place(v);
    std::string b = buf(p);
    return b + "[" + offset(v) + " + " + i.str() + "]";
  }

  /// An integer argument `name` of the kernel, `value` for this launch.
  /// Each name is one argument (asking again gives the same value). Values
  /// fit a cl_int: offsets lie in buffers readTarget bounds by kMaxIndex,
  /// and the rest are extents and paddings of tensors bounded the same way.
  /// Arguments are numbered in the order they are asked for, so callers ask
  /// in separate statements where the order would otherwise be the
  /// compiler's.
  std::string param(StringRef name, int64_t value) {
    for (auto &[n, known] : ints)
      if (n == name) {
        assert(known == value && "one kernel argument, two values");
        return n;
      }
    ints.push_back({name.str(), value});
    return name.str();
  }
  /// The float offset of `v` in its buffer, an argument: o0, o1, ... by
  /// first use, so launches that differ only in where their tensors lie
  /// run one kernel.
  std::string offset(Value v) {
    auto [it, added] = offsets.try_emplace(v, offsets.size());
    return param("o" + str(static_cast<int64_t>(it->second)),
                 place(v).offset);
  }
  bool dense(Value v) { return !place(v).strided; }

  /// Statements decomposing `i` into coordinates c0.. of `shape`.
  static std::string coords(ArrayRef<int64_t> shape, StringRef i,
                            StringRef prefix = "c") {
    std::string s;
    int64_t stride = 1;
    SmallVector<int64_t> strides(shape.size());
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      strides[d] = stride;
      stride *= shape[d];
    }
    for (size_t d = 0; d < shape.size(); ++d) {
      s += "  const int " + prefix.str() + str(d) + " = " + i.str();
      if (strides[d] != 1)
        s += " / " + str(strides[d]);
      if (d != 0)
        s += " % " + str(shape[d]);
      s += ";\n";
    }
    return s;
  }
  static SmallVector<std::string> names(size_t rank, StringRef prefix = "c") {
    SmallVector<std::string> v;
    for (size_t d = 0; d < rank; ++d)
      v.push_back(prefix.str() + str(d));
    return v;
  }

  /// Emits the kernel with a 1-D range of `n` work-items (index `i`).
  void finish1D(int64_t n, StringRef body) {
    int64_t local = std::min(kGroupSize, pow2Ceil(std::max<int64_t>(n, 1)));
    finish({roundUp(std::max<int64_t>(n, 1), local)}, {local},
           "  const int i = get_global_id(0);\n  if (i >= " + param("n", n) +
               ") return;\n" + body.str());
  }

  void finish(ArrayRef<int64_t> global, ArrayRef<int64_t> local,
              StringRef body) {
    int index = e.kernelCount++;
    std::string name =
        "k" + str(index) + "_" + op->getName().stripDialect().str();
    std::string layer = locationName(op->getLoc());
    if (layer.empty())
      layer = op->getName().getStringRef().str();
    // The kernel's text but its name; a launch whose kernel reads the same
    // as an earlier one's runs that one.
    std::string head = prelude + "__kernel __attribute__((reqd_work_group_size(";
    for (size_t d = 0; d < 3; ++d)
      head += (d ? ", " : "") + str(d < local.size() ? local[d] : 1);
    head += ")))\nvoid ";
    std::string tail = "(";
    for (size_t i = 0; i < slots.size(); ++i)
      tail += (i ? ", " : "") + std::string("__global float *b") + str(i);
    for (auto &[n, value] : ints)
      tail += ", const int " + n;
    tail += ") {\n" + body.str() + "}\n";
    auto [known, added] = e.kernelByText.try_emplace(head + tail, name);
    if (added)
      e.kernels +=
          "\n/* " + commentSafe(layer) + " */\n" + head + name + tail;
    else
      name = known->second;
    // The launch, as a table entry.
    std::string entry = "    {\"" + name + "\", \"" + cString(layer) +
                        "\", " + str(slots.size()) + ", {";
    for (size_t i = 0; i < slots.size(); ++i)
      entry += (i ? ", " : "") + str(slots[i]);
    entry += "}, " + str(global.size()) + ", {";
    for (size_t d = 0; d < global.size(); ++d)
      entry += (d ? ", " : "") + str(global[d]);
    entry += "}, {";
    for (size_t d = 0; d < local.size(); ++d)
      entry += (d ? ", " : "") + str(local[d]);
    entry += "}, " + str(static_cast<int64_t>(ints.size())) + ", " +
             str(static_cast<int64_t>(e.launchInts.size())) + "},\n";
    for (auto &[n, value] : ints)
      e.launchInts.push_back(value);
    launches += entry;
  }

  OpenCLEmitter &e;
  Operation *op;
  SmallVector<int> slots;
  /// The integer arguments (after the buffers), with this launch's values.
  SmallVector<std::pair<std::string, int64_t>> ints;
  DenseMap<Value, size_t> offsets;
  std::string launches;
  /// Program-scope declarations the kernel needs (tables), before it.
  std::string prelude;
};

} // namespace huge

OpenCLEmitter::~OpenCLEmitter() = default;

OpenCLEmitter::Place OpenCLEmitter::placeOf(Value v) const {
  Place p;
  p.shape.assign(shapeOf(v).begin(), shapeOf(v).end());
  if (std::optional<StridedView> view = plan.viewOf(v)) {
    Place owner = placeOf(view->owner);
    p.slot = owner.slot;
    p.offset = owner.offset + view->offset;
    p.strided = true;
    p.channelStride = view->channelStride;
    p.rowStride = view->rowStride;
    p.colStride = view->colStride;
    return p;
  }
  Value root = plan.rootOf(v);
  const Storage &s = plan.storageOf(root);
  switch (s.kind) {
  case Storage::Kind::Input:
    p.slot = kFirstInputSlot + s.index;
    break;
  case Storage::Kind::Output:
    p.slot = kFirstInputSlot +
             static_cast<int>(const_cast<func::FuncOp &>(func).getNumArguments()) +
             s.index;
    break;
  case Storage::Kind::Constant:
    p.slot = kWeightSlot;
    p.offset = weightOffsets.lookup(constantName(root.getDefiningOp()));
    break;
  case Storage::Kind::Arena:
    p.slot = kArenaSlot;
    p.offset = plan.buffers()[s.index].offset / 4;
    break;
  }
  return p;
}

LogicalResult OpenCLEmitter::readTarget() {
  TargetAttr target = getTarget(func);
  if (target.getName() != "opencl")
    return func.emitError("the OpenCL emitter cannot emit code for target '")
           << target.getName() << "'";
  if (packsWeights(target))
    return func.emitError("the OpenCL target reads plain weights; the "
                          "module's target packs them");
  // 32-bit indices in the kernels.
  if (plan.arenaSize() / 4 > kMaxIndex)
    return func.emitError("the arena (")
           << plan.arenaSize()
           << " bytes) is too large for the OpenCL target's 32-bit indices";
  int64_t weights = 0;
  for (Operation &op : func.getBody().front()) {
    if (auto c = dyn_cast<ConstantOp>(op))
      weights += roundUp(cast<ShapedType>(c.getType()).getNumElements(),
                         kWeightAlignFloats);
    for (Value v : op.getResults())
      if (cast<ShapedType>(v.getType()).getNumElements() > kMaxIndex)
        return op.emitError("cannot be emitted: a tensor of more than 2^31 "
                            "elements for the OpenCL target's 32-bit indices");
  }
  if (weights > kMaxIndex)
    return func.emitError("the weights are too large for the OpenCL "
                          "target's 32-bit indices");

  // Phase groups computed eight output columns at a time, and the weight
  // arrays only they read (emitted repacked instead: one array per group,
  // each phase's weights in it, even where phases share a constant).
  llvm::StringSet<> taken;
  for (auto constant : func.getBody().front().getOps<ConstantOp>())
    taken.insert(constantName(constant));
  DenseSet<Operation *> lanePhases;
  for (Operation &op : func.getBody().front()) {
    if (!isa<Conv2dOp>(op) || !plan.isGroupedPhase(&op))
      continue;
    ArrayRef<Operation *> group = plan.phaseGroup(&op);
    if (group.empty() || group.front() != &op)
      continue;
    std::optional<LaneGroup> g = laneForm(group);
    if (!g)
      continue;
    std::string base =
        constantName(op.getOperand(1).getDefiningOp()) + "_lanes";
    g->weights = base;
    for (int i = 2; taken.contains(g->weights); ++i)
      g->weights = base + std::to_string(i);
    taken.insert(g->weights);
    lanePhases.insert(group.begin(), group.end());
    laneGroups.insert({&op, std::move(*g)});
  }
  for (auto constant : func.getBody().front().getOps<ConstantOp>()) {
    Value v = constant.getResult();
    if (!v.use_empty() && llvm::all_of(v.getUses(), [&](OpOperand &use) {
          return lanePhases.contains(use.getOwner()) &&
                 use.getOperandNumber() == 1;
        }))
      repackedWeights.insert(constantName(constant));
  }
  // The weight buffer as emitted: the repacked arrays instead of those.
  for (auto constant : func.getBody().front().getOps<ConstantOp>())
    if (repackedWeights.contains(constantName(constant)))
      weights -= roundUp(cast<ShapedType>(constant.getType()).getNumElements(),
                         kWeightAlignFloats);
  for (auto &[leader, g] : laneGroups)
    weights += roundUp(static_cast<int64_t>(g.phaseAt.size()) *
                           cast<ShapedType>(leader->getOperand(1).getType())
                               .getNumElements(),
                       kWeightAlignFloats);
  if (weights > kMaxIndex)
    return func.emitError("the weights are too large for the OpenCL "
                          "target's 32-bit indices");
  return success();
}

void OpenCLEmitter::emitSourcePrologue(raw_ostream &os) {
  os << "#include <stddef.h>\n\n";
  printWeightMacros(os);
}

void OpenCLEmitter::emitWeightArray(raw_ostream &os, StringRef name,
                                    ArrayRef<float> data) {
  if (repackedWeights.contains(name))
    return;
  printWeightArray(os, name, data);
  weightOffsets[name] = weightFloats;
  weightEntries.push_back({name.str(), static_cast<int64_t>(data.size())});
  weightFloats += roundUp(static_cast<int64_t>(data.size()), kWeightAlignFloats);
}

void OpenCLEmitter::emitRunBegin(raw_ostream &os) {
  // The lane groups' weights: [row residue][oc][ic][ky][kx][column residue].
  for (auto &[leader, g] : laneGroups) {
    ArrayRef<int64_t> w = shapeOf(leader->getOperand(1));
    int64_t per = w[1] * w[2] * w[3];
    std::vector<float> data(g.sy * w[0] * per * g.sx);
    for (auto [i, phase] : llvm::enumerate(g.phaseAt)) {
      int64_t r = static_cast<int64_t>(i) / g.sx,
              c = static_cast<int64_t>(i) % g.sx;
      auto values = cast<ConstantOp>(phase->getOperand(1).getDefiningOp())
                        .getValue()
                        .getValues<float>();
      int64_t e = 0;
      for (float v : values) {
        int64_t oc = e / per, t = e % per;
        data[((r * w[0] + oc) * per + t) * g.sx + c] = v;
        ++e;
      }
    }
    emitWeightArray(os, g.weights, data);
  }
  os << "\n/* The weights' places in the weight buffer. */\n"
     << "static const huge_cl_weight " << options.name << "_weights[] = {\n";
  int64_t offset = 0;
  for (auto &[name, count] : weightEntries) {
    os << "    {" << weightRef(name) << ", " << offset * 4 << ", " << count * 4
       << "},\n";
    offset += roundUp(count, kWeightAlignFloats);
  }
  os << "    {NULL, 0, 0}};\n\n"
     << "/* One launch per kernel, in order: the kernel, its layer, the "
        "buffer slot\n"
     << "   of each argument (0 arena, 1 weights, then inputs and outputs), "
        "the\n"
     << "   global and local sizes, and its integer arguments (how many, and "
        "the\n"
     << "   first's index in the _ints table). */\n"
     << "static const huge_cl_kernel " << options.name << "_kernels[] = {\n";
}

void OpenCLEmitter::emitLayerCode(raw_ostream &os, Operation *op,
                                  StringRef code) {
  (void)op;
  os << code;
}

void OpenCLEmitter::emitOutputCopy(raw_ostream &, Value value, int64_t index) {
  Place p = placeOf(value);
  copies.push_back("    {" + str(p.slot) + ", " + str(p.offset * 4) + ", " +
                   str(index) + ", " +
                   str(cast<ShapedType>(value.getType()).getNumElements() * 4) +
                   "},\n");
}

std::string OpenCLEmitter::arenaPointer(int64_t bytes) const {
  return "arena + " + str(bytes);
}

/// The program text as C string literals, pieces of at most ~4000
/// characters (C99 promises 4095 per literal), split at line ends; each
/// piece in parentheses, one line per source line.
static void printSourcePieces(raw_ostream &os, StringRef text) {
  size_t piece = 0;
  os << "    (\"";
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    if (piece + line.size() > 3800 && piece > 0) {
      os << "\"),\n    (\"";
      piece = 0;
    }
    os << cString(line) << "\\n";
    if (!rest.empty())
      os << "\"\n    \"";
    piece += line.size() + 1;
    text = rest;
  }
  os << "\")";
}

std::string programText(StringRef helpers, StringRef kernels) {
  return "/* generated by huge: OpenCL C 1.2 */\n" + helpers.str() +
         kernels.str();
}

void OpenCLEmitter::emitRunEnd(raw_ostream &os) {
  std::string up = upperName(), n = options.name;
  helpers.clear();
  if (helperSoftplus)
    helpers += kSoftplus;
  if (helperResize)
    helpers += kResize;
  os << "    {NULL, NULL, 0, {0}, 0, {0}, {0}, 0, 0}};\n\n"
     << "/* The kernels' integer arguments, launch by launch. */\n"
     << "static const cl_int " << n << "_ints[] = {";
  for (auto [i, v] : llvm::enumerate(launchInts))
    os << (i % 12 ? " " : "\n    ") << v << ",";
  os << (launchInts.size() % 12 ? " " : "\n    ") << "0};\n\n"
     << "/* Outputs not computed in place: (slot, byte offset, output, "
        "bytes). */\n"
     << "static const huge_cl_copy " << n << "_copies[] = {\n";
  for (const std::string &c : copies)
    os << c;
  os << "    {0, 0, 0, 0}};\n\n";
  os << "static const char *const " << n << "_source[] = {\n";
  printSourcePieces(os, programText(helpers, kernels));
  os << "};\n\n";
  auto sizes = [&](StringRef kind, TypeRange types) {
    os << "static const size_t " << n << "_" << kind << "_bytes[] = {";
    for (Type t : types)
      os << cast<ShapedType>(t).getNumElements() * 4 << ", ";
    os << "0};\n";
  };
  sizes("input", func.getArgumentTypes());
  sizes("output", func.getResultTypes());
  os << "\nconst huge_cl_model_desc " << n << "_cl_desc = {\n"
     << "    \"" << n << "\", " << n << "_source, (int)(sizeof " << n
     << "_source / sizeof " << n << "_source[0]),\n"
     << "    " << n << "_kernels, " << kernelCount << ", " << n
     << "_weights, " << weightEntries.size() << ", " << weightFloats * 4
     << ",\n    " << n << "_copies, " << copies.size() << ", " << up
     << "_ARENA_SIZE, " << up << "_NUM_INPUTS, " << up << "_NUM_OUTPUTS,\n"
     << "    " << n << "_input_bytes, " << n << "_output_bytes, " << n
     << "_ints};\n\n"
     << "int " << n
     << "_cl_create(cl_context context, cl_device_id device,\n"
     << "    cl_command_queue queue, const huge_cl_options *options,\n"
     << "    huge_cl_model **model, char *error, size_t error_size) {\n"
     << "  return huge_cl_create(&" << n
     << "_cl_desc, context, device, queue, options, model,\n"
     << "                        error, error_size);\n}\n";
}

void OpenCLEmitter::emitApiDeclarations(raw_ostream &os) {
  std::string up = upperName(), n = options.name;
  os << "#define " << up << "_CL_KERNELS " << kernelCount << "\n"
     << "\n#include \"huge_cl_runtime.h\"\n"
     << "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* The model for the OpenCL runtime (huge_cl_runtime.h): run it with\n"
     << " * huge_cl_run (host arrays) or huge_cl_enqueue (cl_mem buffers),\n"
     << " * free it with huge_cl_release. */\n"
     << "extern const huge_cl_model_desc " << n << "_cl_desc;\n\n"
     << "/* Builds the model's program for `device` and uploads its weights;\n"
     << " * returns 0, or an error code with the reason in `error`. */\n"
     << "int " << n
     << "_cl_create(cl_context context, cl_device_id device,\n"
     << "    cl_command_queue queue, const huge_cl_options *options,\n"
     << "    huge_cl_model **model, char *error, size_t error_size);\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n";
}

std::vector<EmittedFile> OpenCLEmitter::runtimeFiles() const {
  return {{options.name + ".cl", programText(helpers, kernels)},
          {"huge_cl_runtime.h", kOpenCLRuntimeHeader},
          {"huge_cl_runtime.c", kOpenCLRuntimeSource}};
}

namespace {
/// A direct convolution as conv2d and depthwise_conv2d give it.
struct ConvForm {
  Value input, weight, bias, residual, result;
  ArrayRef<int64_t> strides, pads, dilations;
  int64_t groups = 1, cig = 1, kh = 1, kw = 1;
  std::string act;
};

ConvForm convForm(Operation *op) {
  ConvForm f;
  f.input = op->getOperand(0);
  f.weight = op->getOperand(1);
  f.result = op->getResult(0);
  ArrayRef<int64_t> w = shapeOf(f.weight);
  if (auto c = dyn_cast<Conv2dOp>(op)) {
    f.strides = c.getStrides();
    f.pads = c.getPads();
    f.dilations = c.getDilations();
    f.bias = c.getBias();
    f.residual = c.getResidual();
    f.groups = c.getGroupsAttr().getInt();
    f.cig = w[1];
    f.kh = w[2];
    f.kw = w[3];
    f.act = activationCode(c.getActivation(), c.getActivationParams());
  } else {
    auto d = cast<DepthwiseConv2dOp>(op);
    f.strides = d.getStrides();
    f.pads = d.getPads();
    f.dilations = d.getDilations();
    f.bias = d.getBias();
    f.groups = shapeOf(f.input)[1];
    f.kh = w[1];
    f.kw = w[2];
    f.act = activationCode(d.getActivation(), d.getActivationParams());
  }
  return f;
}
} // namespace

/// Output channels per work-item of a convolution kernel: the largest
/// divisor of a group's `channels` up to 8.
static int64_t channelsPerItem(int64_t channels) {
  for (int64_t t = 8; t > 1; --t)
    if (channels % t == 0)
      return t;
  return 1;
}

bool OpenCLEmitter::samePhaseForm(ArrayRef<Operation *> phases) const {
  ConvForm f = convForm(phases.front());
  std::optional<StridedView> first = plan.viewOf(f.result);
  if (!first)
    return false;
  for (Operation *op : phases) {
    ConvForm g = convForm(op);
    std::optional<StridedView> view = plan.viewOf(g.result);
    if (g.residual || !view || g.input != f.input || g.bias != f.bias ||
        g.strides != f.strides || g.dilations != f.dilations ||
        g.groups != f.groups || g.cig != f.cig || g.act != f.act ||
        shapeOf(g.result)[0] != shapeOf(f.result)[0] ||
        shapeOf(g.result)[1] != shapeOf(f.result)[1] ||
        plan.rootOf(view->owner) != plan.rootOf(first->owner) ||
        view->channelStride != first->channelStride ||
        view->rowStride != first->rowStride ||
        view->colStride != first->colStride ||
        placeOf(g.weight).slot != placeOf(f.weight).slot)
      return false;
  }
  return true;
}

LogicalResult OpenCLEmitter::emitConv(KernelWriter &k,
                                      ArrayRef<Operation *> phases) {
  ConvForm f = convForm(phases.front());
  ArrayRef<int64_t> x = shapeOf(f.input), y = shapeOf(f.result);
  bool grouped = phases.size() > 1;
  int64_t cout = y[1], cog = cout / f.groups, cig = f.cig;
  // Each work-item computes `oct` output channels ...
  int64_t oct = channelsPerItem(cog);
  int64_t tiles = cout / oct;
  // ... of a strip of kStrip output pixels of a row: a float8 per output
  // channel (on PoCL's AVX2 code it runs 1.1-1.8x faster than a float4 on
  // dense, dilated and grouped layers). Strips inside the input load their
  // pixels as one vector (vload8 at stride 1); strips at the borders load
  // lane by lane, with lanes past the input's edge idle (zero), as a SIMD
  // kernel's masks.
  const int64_t kStrip = 8;
  std::string vec = "float" + str(kStrip);
  auto lane = [](int64_t j) { return std::string(1, "0123456789abcdef"[j]); };
  int64_t sw = f.strides[1], dw = f.dilations[1];
  Place in = placeOf(f.input);
  std::string wb = k.buf(placeOf(f.weight));
  // The geometry: literals for one convolution; for a phase group, names
  // read from the group's table (taps, pads, extents, weight and output
  // offsets per phase).
  std::string KH = str(f.kh), KW = str(f.kw), OH = str(y[2]), OW = str(y[3]);
  // The input's extent is an argument, as are, for one convolution, its
  // padding and weight offset: a layer's bands (each reads its own rows of
  // the input) then run one kernel.
  std::string IH = k.param("ih", x[2]), IW = k.param("iw", x[3]), PT, PL,
              WOFF;
  int64_t maxOh = 0, maxStrips = 0;
  std::string b;
  b += "  const int ox0 = get_global_id(0) * " + str(kStrip) +
       ", oy = get_global_id(1);\n";
  if (grouped) {
    std::string table = "phase_table_" + str(kernelCount);
    k.prelude = "__constant int " + table + "[" + str(phases.size() * 8) +
                "] = {";
    for (auto [i, phase] : llvm::enumerate(phases)) {
      ConvForm g = convForm(phase);
      ArrayRef<int64_t> py = shapeOf(g.result);
      k.prelude += std::string(i ? ",\n    " : "\n    ") + str(g.kh) + ", " +
                   str(g.kw) + ", " + str(g.pads[0]) + ", " + str(g.pads[1]) +
                   ", " + str(py[2]) + ", " + str(py[3]) + ", " +
                   str(placeOf(g.weight).offset) + ", " +
                   str(placeOf(g.result).offset);
      maxOh = std::max(maxOh, py[2]);
      maxStrips = std::max(maxStrips, (py[3] + kStrip - 1) / kStrip);
    }
    k.prelude += "};\n";
    b += "  const int p = get_global_id(2) / " + str(y[0] * tiles) +
         ", z = get_global_id(2) % " + str(y[0] * tiles) + ";\n";
    b += "  __constant int *g = " + table + " + p * 8;\n";
    // Taps the phases share stay literals, so the compiler unrolls them.
    bool sameTaps = llvm::all_of(phases, [&](Operation *phase) {
      ConvForm g = convForm(phase);
      return g.kh == f.kh && g.kw == f.kw;
    });
    b += "  const int PT = g[2], PL = g[3], OH = g[4], OW = g[5], WOFF = g[6], "
         "OOFF = g[7];\n";
    if (!sameTaps) {
      b += "  const int KH = g[0], KW = g[1];\n";
      KH = "KH", KW = "KW";
    }
    PT = "PT", PL = "PL", OH = "OH", OW = "OW", WOFF = "WOFF";
  } else {
    PT = k.param("pt", f.pads[0]);
    PL = k.param("pl", f.pads[1]);
    WOFF = k.offset(f.weight);
    b += "  const int z = get_global_id(2);\n";
    maxOh = y[2];
    maxStrips = (y[3] + kStrip - 1) / kStrip;
  }
  std::string taps = KH == "KH" ? "(" + str(cig) + " * KH * KW)"
                                : str(cig * f.kh * f.kw);
  int64_t lx = std::min<int64_t>(pow2Ceil(maxStrips), 16);
  int64_t ly = std::min<int64_t>(pow2Ceil(maxOh), 64 / lx);
  // With HUGE_CL_LOCAL_TILES defined (the runtime defines it for devices
  // with dedicated local memory, huge_cl_options.local_tiles), a
  // work-group stages the input window its outputs read, a few channels at
  // a time, in local memory: each input element is then read from global
  // memory once per work-group instead of once per tap that reads it.
  // Kernels with one tap (no reuse) and windows too large for
  // kLocalTileBytes have only the global form.
  int64_t khMax = 0, kwMax = 0;
  for (Operation *phase : phases) {
    khMax = std::max(khMax, convForm(phase).kh);
    kwMax = std::max(kwMax, convForm(phase).kw);
  }
  int64_t sh = f.strides[0], dh = f.dilations[0];
  int64_t tileH = (ly - 1) * sh + (khMax - 1) * dh + 1,
          tileW = (lx * kStrip - 1) * sw + (kwMax - 1) * dw + 1, tileC = 0;
  for (int64_t t = cig; t >= 1 && khMax * kwMax > 1; --t)
    if (cig % t == 0 && t * tileH * tileW * 4 <= kLocalTileBytes) {
      tileC = t;
      break;
    }
  bool localTiles = tileC > 0;
  if (localTiles)
    b += "#ifdef HUGE_CL_LOCAL_TILES\n  const int active = ox0 < " + OW +
         " && oy < " + OH + ";\n#else\n";
  b += "  if (ox0 >= " + OW + " || oy >= " + OH + ") return;\n";
  if (localTiles)
    b += "#endif\n";
  b += "  const int n = z / " + str(tiles) + ", oc0 = z % " + str(tiles) +
       " * " + str(oct) + ";\n";
  b += "  const int cin0 = n * " + str(x[1]) + " + oc0 / " + str(cog) + " * " +
       str(cig) + ";\n";
  b += "  const __global float *wp = " + wb + " + " + WOFF + " + oc0 * " +
       taps + ";\n";
  for (int64_t o = 0; o < oct; ++o)
    b += "  " + vec + " acc" + str(o) + " = (" + vec + ")(0.0f);\n";
  auto fmas = [&](StringRef indent) {
    std::string t;
    for (int64_t o = 0; o < oct; ++o)
      t += indent.str() + "acc" + str(o) + " = fma(v, (" + vec + ")(wp[" +
           (o ? str(o) + " * " + taps + " + " : "") + "t]), acc" + str(o) +
           ");\n";
    return t;
  };
  if (localTiles) {
    std::string tile = str(tileC * tileH * tileW), plane = str(tileH * tileW);
    b += "#ifdef HUGE_CL_LOCAL_TILES\n";
    b += "  __local float tile[" + tile + "];\n";
    b += "  const int lid = get_local_id(1) * " + str(lx) +
         " + get_local_id(0);\n";
    b += "  const int gx = get_group_id(0) * " + str(lx * kStrip) +
         ", gy = get_group_id(1) * " + str(ly) + ";\n";
    b += "  const int tx0 = gx * " + str(sw) + " - " + PL + ", ty0 = gy * " +
         str(sh) + " - " + PT + ";\n";
    b += "  const int tbase = (oy - gy) * " + str(sh * tileW) + " + (ox0 - gx) * " +
         str(sw) + ";\n";
    b += "  for (int c0 = 0; c0 < " + str(cig) + "; c0 += " + str(tileC) +
         ") {\n";
    b += "    for (int e = lid; e < " + tile + "; e += " + str(lx * ly) +
         ") {\n";
    b += "      const int c = e / " + plane + ", iy = ty0 + e / " + str(tileW) +
         " % " + str(tileH) + ", ix = tx0 + e % " + str(tileW) + ";\n";
    b += "      tile[e] = iy >= 0 && iy < " + IH + " && ix >= 0 && ix < " +
         IW + " ? " + k.at(f.input, {"0", "cin0 + c0 + c", "iy", "ix"}) +
         " : 0.0f;\n";
    b += "    }\n";
    b += "    barrier(CLK_LOCAL_MEM_FENCE);\n";
    b += "    if (active)\n";
    b += "      for (int c = 0; c < " + str(tileC) + "; ++c)\n";
    // Taps whose row, or whose whole strip, lies outside the input are
    // skipped, as in the global form.
    b += "        for (int ky = 0; ky < " + KH + "; ++ky) {\n";
    b += "          const int iy = oy * " + str(sh) + " - " + PT + " + ky * " +
         str(dh) + ";\n";
    b += "          if (iy < 0 || iy >= " + IH + ") continue;\n";
    b += "          const __local float *row = tile + tbase + (c * " +
         str(tileH) + " + ky * " + str(dh) + ") * " + str(tileW) + ";\n";
    b += "          for (int kx = 0; kx < " + KW + "; ++kx) {\n";
    b += "            const int ix = ox0 * " + str(sw) + " - " + PL +
         " + kx * " + str(dw) + ";\n";
    b += "            if (ix + " + str((kStrip - 1) * sw) + " < 0 || ix >= " +
         IW + ") continue;\n";
    if (sw == 1) {
      b += "            const " + vec + " v = vload" + str(kStrip) +
           "(0, row + kx * " + str(dw) + ");\n";
    } else {
      b += "            const " + vec + " v = (" + vec + ")(";
      for (int64_t j = 0; j < kStrip; ++j)
        b += (j ? ", " : "") + std::string("row[kx * ") + str(dw) + " + " +
             str(j * sw) + "]";
      b += ");\n";
    }
    b += "            const int t = ((c0 + c) * " + KH + " + ky) * " + KW +
         " + kx;\n";
    b += fmas("            ");
    b += "          }\n        }\n";
    b += "    barrier(CLK_LOCAL_MEM_FENCE);\n  }\n";
    b += "  if (!active) return;\n#else\n";
  }
  b += "  for (int ic = 0; ic < " + str(cig) + "; ++ic)\n";
  b += "    for (int ky = 0; ky < " + KH + "; ++ky) {\n";
  b += "      const int iy = oy * " + str(f.strides[0]) + " - " + PT +
       " + ky * " + str(f.dilations[0]) + ";\n";
  b += "      if (iy < 0 || iy >= " + IH + ") continue;\n";
  // The input row's first element: x = 0 of (cin0 + ic, iy).
  std::string row = k.at(f.input, {"0", "cin0 + ic", "iy", "0"});
  size_t open = row.find('[');
  std::string rowBuf = row.substr(0, open);
  std::string rowIndex = row.substr(open + 1, row.size() - open - 2);
  int64_t xs = in.strided ? in.colStride : 1;
  b += "      const __global float *row = " + rowBuf + " + " + rowIndex + ";\n";
  b += "      for (int kx = 0; kx < " + KW + "; ++kx) {\n";
  b += "        const int ix = ox0 * " + str(sw) + " - " + PL + " + kx * " +
       str(dw) + ";\n";
  b += "        " + vec + " v;\n";
  b += "        if (ix >= 0 && ix + " + str((kStrip - 1) * sw) + " < " +
       IW + ")\n";
  if (sw == 1 && xs == 1) {
    b += "          v = vload" + str(kStrip) + "(0, row + ix);\n";
  } else {
    b += "          v = (" + vec + ")(";
    for (int64_t j = 0; j < kStrip; ++j)
      b += (j ? ", " : "") + std::string("row[(ix + ") + str(j * sw) + ") * " +
           str(xs) + "]";
    b += ");\n";
  }
  b += "        else {\n";
  b += "          if (ix + " + str((kStrip - 1) * sw) + " < 0 || ix >= " +
       IW + ") continue;\n";
  for (int64_t j = 0; j < kStrip; ++j) {
    std::string e = "ix + " + str(j * sw);
    b += "          v.s" + lane(j) + " = " + e + " >= 0 && " + e + " < " +
         IW + " ? row[(" + e + ") * " + str(xs) + "] : 0.0f;\n";
  }
  b += "        }\n";
  b += "        const int t = (ic * " + KH + " + ky) * " + KW + " + kx;\n";
  b += fmas("        ");
  b += "      }\n    }\n";
  if (localTiles)
    b += "#endif\n";
  // The output element (n, oc, oy, ox): through the phase's view in a
  // group, else as the value is stored.
  std::optional<StridedView> view = plan.viewOf(f.result);
  auto outAt = [&](const std::string &oc, const std::string &ox) {
    if (!grouped)
      return k.at(f.result, {"n", oc, "oy", ox});
    return k.buf(placeOf(f.result)) + "[OOFF + (n * " + str(cout) + " + " +
           oc + ") * " + str(view->channelStride) + " + oy * " +
           str(view->rowStride) + " + (" + ox + ") * " +
           str(view->colStride) + "]";
  };
  for (int64_t o = 0; o < oct; ++o) {
    std::string oc = "oc0 + " + str(o);
    for (int64_t j = 0; j < kStrip; ++j) {
      std::string ox = "ox0 + " + str(j);
      b += "  if (" + ox + " < " + OW + ") {\n    float v = acc" + str(o) +
           ".s" + lane(j) + ";\n";
      if (f.bias)
        b += "    v += " + k.at(f.bias, {oc}) + ";\n";
      if (f.residual)
        b += "    v += " + k.at(f.residual, {"n", oc, "oy", ox}) + ";\n";
      if (!f.act.empty())
        b += "    " + f.act + "\n";
      b += "    " + outAt(oc, ox) + " = v;\n  }\n";
    }
  }
  k.finish({roundUp(maxStrips, lx), roundUp(maxOh, ly),
            static_cast<int64_t>(phases.size()) * y[0] * tiles},
           {lx, ly, 1}, b);
  return success();
}

std::optional<OpenCLEmitter::LaneGroup>
OpenCLEmitter::laneForm(ArrayRef<Operation *> phases) const {
  if (phases.size() < 2 || !samePhaseForm(phases))
    return std::nullopt;
  Value first = phases.front()->getResult(0);
  auto interleave = dyn_cast<InterleaveOp>(*first.getUsers().begin());
  if (!interleave || interleave.getFill() ||
      interleave.getPhaseValues().size() != phases.size())
    return std::nullopt;
  LaneGroup g;
  g.sy = interleave.getStrides()[0];
  g.sx = interleave.getStrides()[1];
  if (g.sx < 2 || 8 % g.sx != 0 ||
      g.sy * g.sx != static_cast<int64_t>(phases.size()))
    return std::nullopt;
  ConvForm f = convForm(phases.front());
  g.kh = f.kh;
  g.kw = f.kw;
  g.phaseAt.assign(phases.size(), nullptr);
  constexpr int64_t kUnset = std::numeric_limits<int64_t>::min();
  g.padTop.assign(g.sy, kUnset);
  g.padLeft.assign(g.sx, kUnset);
  ArrayRef<int64_t> at = interleave.getPhases();
  for (auto [i, v] : llvm::enumerate(interleave.getPhaseValues())) {
    Operation *op = v.getDefiningOp();
    if (!isa_and_nonnull<Conv2dOp>(op) || !llvm::is_contained(phases, op))
      return std::nullopt;
    int64_t r = at[2 * i], c = at[2 * i + 1];
    if (r < 0 || c < 0 || r >= g.sy || c >= g.sx || g.phaseAt[r * g.sx + c])
      return std::nullopt;
    ConvForm h = convForm(op);
    if (h.kh != g.kh || h.kw != g.kw || h.strides[0] != 1 ||
        h.strides[1] != 1 || h.dilations[0] != 1 || h.dilations[1] != 1 ||
        !isa_and_nonnull<ConstantOp>(h.weight.getDefiningOp()))
      return std::nullopt;
    // A transposed layer's row residue fixes a phase's top pad, its column
    // residue the left pad.
    if ((g.padTop[r] != kUnset && g.padTop[r] != h.pads[0]) ||
        (g.padLeft[c] != kUnset && g.padLeft[c] != h.pads[1]))
      return std::nullopt;
    g.padTop[r] = h.pads[0];
    g.padLeft[c] = h.pads[1];
    g.phaseAt[r * g.sx + c] = op;
  }
  // Eight consecutive pixels of an output row are contiguous.
  Place out = placeOf(interleave.getResult());
  if (out.strided && out.colStride != 1)
    return std::nullopt;
  g.output = interleave.getResult();
  return g;
}

LogicalResult OpenCLEmitter::emitLaneConv(KernelWriter &k,
                                          const LaneGroup &g) {
  ConvForm f = convForm(g.phaseAt.front());
  ArrayRef<int64_t> x = shapeOf(f.input), y = shapeOf(g.output);
  int64_t cout = y[1], cog = cout / f.groups, cig = f.cig;
  int64_t oct = channelsPerItem(cog);
  int64_t tiles = cout / oct, sx = g.sx;
  // Floats per output channel and row residue in the repacked weights.
  int64_t taps = cig * g.kh * g.kw * sx;
  auto lane = [](int64_t j) { return std::string(1, "01234567"[j]); };
  // Lane l computes output column ox0 + l: column j = ox0 / sx + l / sx of
  // the phase of column residue l % sx, whose tap kx reads input column
  // j - padLeft + kx = ox0 / sx + d(l, kx).
  auto d = [&](int64_t l, int64_t kx) {
    return l / sx - g.padLeft[l % sx] + kx;
  };
  int64_t dmin = INT64_MAX, dmax = INT64_MIN;
  for (int64_t l = 0; l < 8; ++l)
    for (int64_t kx = 0; kx < g.kw; ++kx) {
      dmin = std::min(dmin, d(l, kx));
      dmax = std::max(dmax, d(l, kx));
    }
  int64_t span = dmax - dmin + 1;
  Place in = placeOf(f.input);
  int64_t xs = in.strided ? in.colStride : 1;
  std::string wb = k.buf(placeOf(f.weight));
  std::string table = "lane_pads_" + str(kernelCount);
  k.prelude = "__constant int " + table + "[" + str(g.sy) + "] = {";
  for (int64_t r = 0; r < g.sy; ++r)
    k.prelude += (r ? ", " : "") + str(g.padTop[r]);
  k.prelude += "};\n";
  std::string b;
  // Rows run residue by residue (row i of residue r is output row
  // i * sy + r), so that a work-group's work-items read the same weights.
  // Work-groups that tile the blocks and rows exactly where they can.
  auto local = [](int64_t extent, int64_t cap) {
    for (int64_t t = std::min(extent, cap); t >= 4; --t)
      if (extent % t == 0)
        return t;
    return std::min(pow2Ceil(extent), cap);
  };
  int64_t blocks = (y[3] + 7) / 8, rowsPer = (y[2] + g.sy - 1) / g.sy;
  int64_t lx = local(blocks, 16),
          ly = local(rowsPer, std::max<int64_t>(64 / lx, 1));
  int64_t rowsPad = roundUp(rowsPer, ly);
  b += "  const int ox0 = get_global_id(0) * 8, z = get_global_id(2);\n";
  b += "  const int r = get_global_id(1) / " + str(rowsPad) +
       ", i = get_global_id(1) % " + str(rowsPad) + ", oy = i * " +
       str(g.sy) + " + r;\n";
  b += "  if (ox0 >= " + str(y[3]) + " || oy >= " + str(y[2]) +
       ") return;\n";
  b += "  const int n = z / " + str(tiles) + ", oc0 = z % " + str(tiles) +
       " * " + str(oct) + ";\n";
  b += "  const int iy0 = i - " + table + "[r];\n";
  b += "  const int cin0 = n * " + str(x[1]) + " + oc0 / " + str(cog) + " * " +
       str(cig) + ";\n";
  b += "  const int q = ox0 / " + str(sx) + " + (" + str(dmin) + ");\n";
  b += "  const __global float *wp = " + wb + " + " +
       str(weightOffsets.lookup(g.weights)) + " + r * " + str(cout * taps) +
       " + oc0 * " + str(taps) + ";\n";
  for (int64_t o = 0; o < oct; ++o)
    b += "  float8 acc" + str(o) + " = (float8)(0.0f);\n";
  b += "  for (int ic = 0; ic < " + str(cig) + "; ++ic)\n";
  b += "    for (int ky = 0; ky < " + str(g.kh) + "; ++ky) {\n";
  b += "      const int iy = iy0 + ky;\n";
  b += "      if (iy < 0 || iy >= " + str(x[2]) + ") continue;\n";
  std::string row = k.at(f.input, {"0", "cin0 + ic", "iy", "0"});
  size_t open = row.find('[');
  b += "      const __global float *row = " + row.substr(0, open) + " + " +
       row.substr(open + 1, row.size() - open - 2) + ";\n";
  // The input columns the eight lanes read, q .. q + span - 1.
  for (int64_t t = 0; t < span; ++t)
    b += "      float u" + str(t) + ";\n";
  b += "      if (q >= 0 && q + " + str(span - 1) + " < " + str(x[3]) +
       ") {\n";
  for (int64_t t = 0; t < span; ++t)
    b += "        u" + str(t) + " = row[(q + " + str(t) + ") * " + str(xs) +
         "];\n";
  b += "      } else {\n";
  for (int64_t t = 0; t < span; ++t)
    b += "        u" + str(t) + " = q + " + str(t) + " >= 0 && q + " + str(t) +
         " < " + str(x[3]) + " ? row[(q + " + str(t) + ") * " + str(xs) +
         "] : 0.0f;\n";
  b += "      }\n";
  b += "      const __global float *wt = wp + (ic * " + str(g.kh) +
       " + ky) * " + str(g.kw * sx) + ";\n";
  for (int64_t kx = 0; kx < g.kw; ++kx) {
    b += "      {\n        const float8 v = (float8)(";
    for (int64_t l = 0; l < 8; ++l)
      b += (l ? ", u" : "u") + str(d(l, kx) - dmin);
    b += ");\n";
    for (int64_t o = 0; o < oct; ++o) {
      std::string at = "wt + " + str(o * taps + kx * sx);
      std::string w =
          sx == 8 ? "vload8(0, " + at + ")"
          : sx == 4
              ? "(float8)(vload4(0, " + at + "), vload4(0, " + at + "))"
              : "(float8)(vload2(0, " + at + "), vload2(0, " + at +
                    "), vload2(0, " + at + "), vload2(0, " + at + "))";
      b += "        acc" + str(o) + " = fma(v, " + w + ", acc" + str(o) +
           ");\n";
    }
    b += "      }\n";
  }
  b += "    }\n";
  // Epilogue: bias and activation lane by lane, then eight contiguous
  // stores (fewer at the row's end).
  Place out = placeOf(g.output);
  int64_t cs = out.strided ? out.channelStride : y[2] * y[3];
  int64_t rs = out.strided ? out.rowStride : y[3];
  b += "  __global float *out = " + k.buf(out) + " + " + k.offset(g.output) +
       " + (n * " + str(cout) + " + oc0) * " + str(cs) + " + oy * " + str(rs) +
       " + ox0;\n";
  b += "  const int lanes = " + str(y[3]) + " - ox0;\n";
  for (int64_t o = 0; o < oct; ++o) {
    std::string a = "acc" + str(o);
    if (f.bias)
      b += "  " + a + " += (float8)(" + k.at(f.bias, {"oc0 + " + str(o)}) +
           ");\n";
    if (!f.act.empty())
      for (int64_t l = 0; l < 8; ++l)
        b += "  { float v = " + a + ".s" + lane(l) + "; " + f.act + " " + a +
             ".s" + lane(l) + " = v; }\n";
    std::string at = "(out + " + str(o * cs) + ")";
    b += "  if (lanes >= 8) vstore8(" + a + ", 0, " + at + ");\n  else {\n";
    for (int64_t l = 0; l < 7; ++l)
      b += "    if (lanes > " + str(l) + ") " + at + "[" + str(l) + "] = " + a +
           ".s" + lane(l) + ";\n";
    b += "  }\n";
  }
  k.finish({roundUp(blocks, lx), g.sy * rowsPad, y[0] * tiles}, {lx, ly, 1},
           b);
  return success();
}

LogicalResult OpenCLEmitter::emitKernel(Operation *op, raw_ostream &os) {
  KernelWriter k(*this, op);
  Value result = op->getNumResults() ? op->getResult(0) : Value();
  ArrayRef<int64_t> y = result ? shapeOf(result) : ArrayRef<int64_t>();
  int64_t count = result ? product(y) : 0;
  auto done = [&]() {
    os << k.launches;
    return success();
  };
  // Element-wise over the result: `inputs` are loaded, broadcast, as x0..;
  // `code` computes v from them.
  auto pointwise = [&](ArrayRef<Value> inputs, StringRef code) {
    std::string body;
    bool flat = k.dense(result);
    for (Value in : inputs)
      flat = flat && k.dense(in) && shapeOf(in) == y;
    if (!flat)
      body += KernelWriter::coords(y, "i");
    SmallVector<std::string> c = KernelWriter::names(y.size());
    for (auto [j, in] : llvm::enumerate(inputs)) {
      std::string load;
      if (flat) {
        load = k.flat(in, "i");
      } else {
        ArrayRef<int64_t> s = shapeOf(in);
        size_t lead = y.size() - s.size();
        SmallVector<std::string> ic;
        for (size_t d = 0; d < s.size(); ++d)
          ic.push_back(s[d] == 1 ? "0" : c[lead + d]);
        load = k.at(in, ic);
      }
      body += "  const float x" + str(j) + " = " + load + ";\n";
    }
    body += "  float v = x0;\n  " + code.str() + "\n  " +
            (flat ? k.flat(result, "i") : k.at(result, c)) + " = v;\n";
    k.finish1D(count, body);
    return done();
  };
  auto unary = [&](StringRef code) { return pointwise({op->getOperand(0)}, code); };

  if (isa<Conv2dOp, DepthwiseConv2dOp>(op)) {
    // The phases of one transposed layer (MemoryPlan::phaseGroup) run as
    // one launch: each phase's geometry is a row of a constant table.
    SmallVector<Operation *> phases = {op};
    if (plan.isGroupedPhase(op)) {
      ArrayRef<Operation *> group = plan.phaseGroup(op);
      if (group.empty())
        return success(); // computed with its layer's leader
      if (samePhaseForm(group))
        phases.assign(group.begin(), group.end());
      else if (op != group.front())
        return success(); // printed by the leader, one kernel per phase
      else
        for (Operation *phase : group.drop_front()) {
          KernelWriter other(*this, phase);
          if (failed(emitConv(other, {phase})))
            return failure();
          os << other.launches;
        }
    }
    auto lanes = laneGroups.find(phases.front());
    if (failed(lanes != laneGroups.end() ? emitLaneConv(k, lanes->second)
                                         : emitConv(k, phases)))
      return failure();
    return done();
  }

  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](ConvTranspose2dOp c) {
        // Gathers, per output pixel, the taps whose input lands on it.
        Value input = c.getInput();
        ArrayRef<int64_t> x = shapeOf(input), w = shapeOf(c.getWeight());
        int64_t groups = c.getGroupsAttr().getInt(), cig = x[1] / groups,
                cog = w[1];
        ArrayRef<int64_t> s = c.getStrides(), p = c.getPads(),
                          d = c.getDilations();
        std::string b = KernelWriter::coords(y, "i");
        b += "  const int g = c1 / " + str(cog) + ", co = c1 % " + str(cog) +
             ";\n  float v = 0.0f;\n";
        b += "  for (int ic = 0; ic < " + str(cig) + "; ++ic)\n";
        b += "    for (int ky = 0; ky < " + str(w[2]) + "; ++ky) {\n";
        b += "      const int ty = c2 + " + str(p[0]) + " - ky * " + str(d[0]) +
             ";\n";
        b += "      if (ty < 0 || ty % " + str(s[0]) + " != 0 || ty / " +
             str(s[0]) + " >= " + str(x[2]) + ") continue;\n";
        b += "      for (int kx = 0; kx < " + str(w[3]) + "; ++kx) {\n";
        b += "        const int tx = c3 + " + str(p[1]) + " - kx * " +
             str(d[1]) + ";\n";
        b += "        if (tx < 0 || tx % " + str(s[1]) + " != 0 || tx / " +
             str(s[1]) + " >= " + str(x[3]) + ") continue;\n";
        b += "        const int ci = g * " + str(cig) + " + ic;\n";
        b += "        v = fma(" +
             k.at(input, {"c0", "ci", "ty / " + str(s[0]), "tx / " + str(s[1])}) +
             ", " +
             k.at(c.getWeight(), {"ci", "co", "ky", "kx"}) + ", v);\n";
        b += "      }\n    }\n";
        if (Value bias = c.getBias())
          b += "  v += " + k.at(bias, {"c1"}) + ";\n";
        std::string act =
            activationCode(c.getActivation(), c.getActivationParams());
        if (!act.empty())
          b += "  " + act + "\n";
        b += "  " + k.at(result, KernelWriter::names(4)) + " = v;\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](BatchNormOp bn) {
        ArrayRef<int64_t> x = shapeOf(bn.getInput());
        int64_t inner = product(x.drop_front(2));
        std::string ch = "(i / " + str(inner) + " % " + str(x[1]) + ")";
        std::string b = "  const int ch = " + ch + ";\n";
        std::string eps = flt(bn.getEpsilon().convertToFloat());
        b += "  const float s = " + k.at(op->getOperand(1), {"ch"}) +
             " / sqrt(" + k.at(op->getOperand(4), {"ch"}) + " + " + eps +
             ");\n";
        b += "  const float t = " + k.at(op->getOperand(2), {"ch"}) + " - " +
             k.at(op->getOperand(3), {"ch"}) + " * s;\n";
        bool flat = k.dense(bn.getInput()) && k.dense(result);
        if (!flat) {
          b += KernelWriter::coords(y, "i");
          SmallVector<std::string> c = KernelWriter::names(y.size());
          b += "  " + k.at(result, c) + " = " + k.at(bn.getInput(), c) +
               " * s + t;\n";
        } else {
          b += "  " + k.flat(result, "i") + " = " + k.flat(bn.getInput(), "i") +
               " * s + t;\n";
        }
        k.finish1D(count, b);
        return done();
      })
      .Case([&](InstanceNormOp in) -> LogicalResult {
        ArrayRef<int64_t> x = shapeOf(in.getInput());
        int64_t inner = product(x.drop_front(2));
        if (!k.dense(in.getInput()) || !k.dense(result))
          return op->emitError("cannot be emitted by the OpenCL target: a "
                               "strided instance norm");
        std::string base = "i * " + str(inner);
        std::string b = "  const int ch = i % " + str(x[1]) + ";\n";
        b += "  float mean = 0.0f, var = 0.0f;\n";
        b += "  for (int j = 0; j < " + str(inner) + "; ++j) mean += " +
             k.flat(in.getInput(), base + " + j") + ";\n";
        b += "  mean /= " + str(inner) + ".0f;\n";
        b += "  for (int j = 0; j < " + str(inner) + "; ++j) {\n    const float "
             "d = " +
             k.flat(in.getInput(), base + " + j") +
             " - mean;\n    var += d * d;\n  }\n";
        b += "  var /= " + str(inner) + ".0f;\n";
        b += "  const float s = " + k.at(op->getOperand(1), {"ch"}) +
             " / sqrt(var + " + flt(in.getEpsilon().convertToFloat()) +
             "), t = " + k.at(op->getOperand(2), {"ch"}) + ";\n";
        b += "  for (int j = 0; j < " + str(inner) + "; ++j)\n    " +
             k.flat(result, base + " + j") + " = (" +
             k.flat(in.getInput(), base + " + j") + " - mean) * s + t;\n";
        k.finish1D(x[0] * x[1], b);
        return done();
      })
      .Case([&](ReluOp) { return unary(stepCode("relu", 0, 0)); })
      .Case([&](SigmoidOp) { return unary(stepCode("sigmoid", 0, 0)); })
      .Case([&](TanhOp) { return unary(stepCode("tanh", 0, 0)); })
      .Case([&](SiluOp) { return unary(stepCode("silu", 0, 0)); })
      .Case([&](HardSwishOp) { return unary(stepCode("hard_swish", 0, 0)); })
      .Case([&](HardSigmoidOp h) {
        return unary(stepCode("hard_sigmoid", h.getAlpha().convertToFloat(),
                              h.getBeta().convertToFloat()));
      })
      .Case([&](LeakyReluOp l) {
        return unary(stepCode("leaky_relu", l.getAlpha().convertToFloat(), 0));
      })
      .Case([&](ClipOp c) {
        return unary(stepCode("clip", c.getMin().convertToFloat(),
                              c.getMax().convertToFloat()));
      })
      .Case([&](UnaryMathOp u) {
        std::optional<ArrayRef<float>> params = u.getParams();
        float a = params && !params->empty() ? (*params)[0] : 0.0f;
        float b = params && params->size() > 1 ? (*params)[1] : 0.0f;
        StringRef fn = stringifyUnaryFn(u.getFn());
        helperSoftplus |= fn == "softplus";
        return unary(stepCode(fn, a, b));
      })
      .Case([&](ChainOp c) {
        std::string code;
        ArrayRef<float> params = c.getParams();
        size_t next = 0;
        for (Attribute a : c.getSteps()) {
          ChainStep step = cast<ChainStepAttr>(a).getValue();
          unsigned n = ChainOp::paramCount(step);
          float p0 = n > 0 ? params[next] : 0.0f;
          float p1 = n > 1 ? params[next + 1] : 0.0f;
          next += n;
          helperSoftplus |= step == ChainStep::Softplus;
          code += stepCode(stringifyChainStep(step), p0, p1) + "\n  ";
        }
        return unary(code);
      })
      .Case([&](PReluOp p) {
        return pointwise({p.getInput(), p.getSlope()},
                         "v = x0 >= 0.0f ? x0 : x0 * x1;");
      })
      .Case([&](AddOp b) { return pointwise({b.getLhs(), b.getRhs()}, "v = x0 + x1;"); })
      .Case([&](SubOp b) { return pointwise({b.getLhs(), b.getRhs()}, "v = x0 - x1;"); })
      .Case([&](MulOp b) { return pointwise({b.getLhs(), b.getRhs()}, "v = x0 * x1;"); })
      .Case([&](DivOp b) { return pointwise({b.getLhs(), b.getRhs()}, "v = x0 / x1;"); })
      .Case([&](PowOp b) {
        return pointwise({b.getLhs(), b.getRhs()}, "v = pow(x0, x1);");
      })
      .Case([&](ConcatOp c) {
        int64_t axis = c.getAxisAttr().getInt(), offset = 0;
        for (Value input : c.getInputs()) {
          ArrayRef<int64_t> s = shapeOf(input);
          if (!plan.isWrittenInto(input, result) && product(s) > 0) {
            KernelWriter part(*this, op);
            SmallVector<std::string> ci = KernelWriter::names(s.size()), co = ci;
            co[axis] = co[axis] + " + " + part.param("at", offset);
            std::string to = part.at(result, co);
            std::string from = part.at(input, ci);
            part.finish1D(product(s), KernelWriter::coords(s, "i") + "  " +
                                          to + " = " + from + ";\n");
            os << part.launches;
          }
          offset += s[axis];
        }
        return success();
      })
      .Case([&](DepthToSpaceOp d) {
        ArrayRef<int64_t> x = shapeOf(d.getInput());
        int64_t r = d.getBlockSizeAttr().getInt();
        std::string b = KernelWriter::coords(y, "i");
        std::string sub = "(c2 % " + str(r) + ") * " + str(r) + " + c3 % " + str(r);
        std::string ch = d.getMode() == DepthToSpaceMode::CRD
                             ? "c1 * " + str(r * r) + " + " + sub
                             : "(" + sub + ") * " + str(y[1]) + " + c1";
        (void)x;
        b += "  " + k.at(result, KernelWriter::names(4)) + " = " +
             k.at(d.getInput(), {"c0", ch, "c2 / " + str(r), "c3 / " + str(r)}) +
             ";\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](ResizeOp r) {
        helperResize = true;
        ArrayRef<int64_t> x = shapeOf(r.getInput());
        SmallVector<float> roi = {0.0f, 0.0f, 1.0f, 1.0f};
        if (std::optional<ArrayRef<double>> window = r.getRoi())
          for (size_t j = 0; j < 4 && j < window->size(); ++j)
            roi[j] = static_cast<float>((*window)[j]);
        int coord = static_cast<int>(r.getCoordinateMode());
        int nearest = static_cast<int>(r.getNearestMode());
        std::string b = KernelWriter::coords(y, "i");
        // A band of a larger resize (row_band): source coordinates of the
        // whole, rows of the band.
        int64_t inRows = r.getFullInputRows(), outRows = r.getFullResultRows();
        int64_t in0 = r.getInputRow0(), out0 = r.getResultRow0();
        auto src = [&](StringRef o, int axis) {
          return "huge_source(" + o.str() + ", " +
                 flt(static_cast<float>(r.getScales()[axis])) + ", " +
                 str(axis ? x[3] : inRows) + ", " +
                 str(axis ? y[3] : outRows) + ", " + str(coord) + ", " +
                 flt(roi[axis]) + ", " + flt(roi[axis + 2]) + ")";
        };
        b += "  const float sy = " + src("c2 + " + k.param("row", out0), 0) +
             ", sx = " + src("c3", 1) + ";\n  float v;\n";
        auto in = [&](StringRef yy, StringRef xx) {
          return k.at(r.getInput(),
                      {"c0", "c1", "(" + yy.str() + ") - " + k.param("in_row", in0),
                       xx.str()});
        };
        std::string body;
        if (r.getMode() == ResizeMode::Nearest) {
          body = "v = " +
                 in("huge_nearest(sy, " + str(inRows) + ", " + str(nearest) +
                        ")",
                    "huge_nearest(sx, " + str(x[3]) + ", " + str(nearest) +
                        ")") +
                 ";";
        } else if (r.getMode() == ResizeMode::Linear) {
          body = "const float cy = sy < 0.0f ? 0.0f : sy, cx = sx < 0.0f ? "
                 "0.0f : sx;\n"
                 "    const int y0 = min((int)cy, " + str(inRows - 1) +
                 "), x0 = min((int)cx, " + str(x[3] - 1) + ");\n" +
                 "    const int y1 = min(y0 + 1, " + str(inRows - 1) +
                 "), x1 = min(x0 + 1, " + str(x[3] - 1) + ");\n" +
                 "    const float ly = fmin(cy - (float)y0, 1.0f), lx = "
                 "fmin(cx - (float)x0, 1.0f);\n"
                 "    const float top = " + in("y0", "x0") +
                 " * (1.0f - lx) + " + in("y0", "x1") + " * lx;\n" +
                 "    const float bot = " + in("y1", "x0") +
                 " * (1.0f - lx) + " + in("y1", "x1") + " * lx;\n" +
                 "    v = top * (1.0f - ly) + bot * ly;";
        } else {
          float a = r.getCubicCoeffA() ? r.getCubicCoeffA()->convertToFloat()
                                       : -0.75f;
          int ex = r.getExcludeOutside() ? 1 : 0;
          body = "int iy[4], ix[4];\n    float wy[4], wx[4];\n"
                 "    huge_cubic(sy, " + str(inRows) + ", " + flt(a) + ", " +
                 str(ex) + ", iy, wy);\n" + "    huge_cubic(sx, " + str(x[3]) +
                 ", " + flt(a) + ", " + str(ex) + ", ix, wx);\n" +
                 "    v = 0.0f;\n"
                 "    for (int a = 0; a < 4; ++a) {\n"
                 "      float row = 0.0f;\n"
                 "      for (int b = 0; b < 4; ++b) row += wx[b] * " +
                 in("iy[a]", "ix[b]") + ";\n      v += wy[a] * row;\n    }";
        }
        if (r.getCoordinateMode() == CoordinateMode::TfCropAndResize) {
          float e = r.getExtrapolationValue()
                        ? r.getExtrapolationValue()->convertToFloat()
                        : 0.0f;
          b += "  if (sy < 0.0f || sy > " + str(x[2] - 1) +
               ".0f || sx < 0.0f || sx > " + str(x[3] - 1) + ".0f) v = " +
               flt(e) + ";\n  else {\n    " + body + "\n  }\n";
        } else {
          b += "  {\n    " + body + "\n  }\n";
        }
        b += "  " + k.at(result, KernelWriter::names(4)) + " = v;\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](PadOp p) {
        ArrayRef<int64_t> x = shapeOf(p.getInput()), pads = p.getPads();
        size_t rank = x.size();
        std::string b = KernelWriter::coords(y, "i");
        std::string inside = "1";
        SmallVector<std::string> ic;
        for (size_t d = 0; d < rank; ++d) {
          std::string s = "(c" + str(d) + " - " + str(pads[d]) + ")";
          std::string n = str(x[d]);
          switch (p.getMode()) {
          case PadMode::Constant:
            inside += " && " + s + " >= 0 && " + s + " < " + n;
            ic.push_back(s);
            break;
          case PadMode::Reflect:
            b += "  int s" + str(d) + " = " + s + ";\n  s" + str(d) + " = s" +
                 str(d) + " < 0 ? -s" + str(d) + " : s" + str(d) + ";\n  s" +
                 str(d) + " = s" + str(d) + " >= " + n + " ? " +
                 str(2 * (x[d] - 1)) + " - s" + str(d) + " : s" + str(d) +
                 ";\n";
            ic.push_back("s" + str(d));
            break;
          case PadMode::Edge:
            ic.push_back("clamp(" + s + ", 0, " + str(x[d] - 1) + ")");
            break;
          }
        }
        std::string load = k.at(p.getInput(), ic);
        if (p.getMode() == PadMode::Constant)
          load = "(" + inside + ") ? " + load + " : " +
                 flt(p.getValue().convertToFloat());
        b += "  " + k.at(result, KernelWriter::names(rank)) + " = " + load +
             ";\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](TransposeOp t) {
        ArrayRef<int64_t> perm = t.getPerm();
        SmallVector<std::string> ic(perm.size());
        for (size_t d = 0; d < perm.size(); ++d)
          ic[perm[d]] = "c" + str(d);
        k.finish1D(count, KernelWriter::coords(y, "i") + "  " +
                              k.at(result, KernelWriter::names(y.size())) +
                              " = " + k.at(t.getInput(), ic) + ";\n");
        return done();
      })
      .Case([&](MaxPool2dOp p) {
        ArrayRef<int64_t> x = shapeOf(p.getInput()), kk = p.getKernel(),
                          s = p.getStrides(), pd = p.getPads(),
                          d = p.getDilations();
        std::string b = KernelWriter::coords(y, "i");
        b += "  float v = -INFINITY;\n";
        b += "  for (int ky = 0; ky < " + str(kk[0]) + "; ++ky) {\n";
        // A band's padding and input extent are arguments, as a
        // convolution's.
        b += "    const int iy = c2 * " + str(s[0]) + " - " + k.param("pt", pd[0]) +
             " + ky * " + str(d[0]) + ";\n";
        b += "    if (iy < 0 || iy >= " + k.param("ih", x[2]) + ") continue;\n";
        b += "    for (int kx = 0; kx < " + str(kk[1]) + "; ++kx) {\n";
        b += "      const int ix = c3 * " + str(s[1]) + " - " + k.param("pl", pd[1]) +
             " + kx * " + str(d[1]) + ";\n";
        b += "      if (ix < 0 || ix >= " + k.param("iw", x[3]) + ") continue;\n";
        b += "      const float u = " + k.at(p.getInput(), {"c0", "c1", "iy", "ix"}) +
             ";\n      if (u > v) v = u;\n    }\n  }\n";
        b += "  " + k.at(result, KernelWriter::names(4)) + " = v;\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](AvgPool2dOp p) {
        ArrayRef<int64_t> x = shapeOf(p.getInput()), kk = p.getKernel(),
                          s = p.getStrides(), pd = p.getPads();
        std::string b = KernelWriter::coords(y, "i");
        std::string pt = k.param("pt", pd[0]);
        std::string pl = k.param("pl", pd[1]);
        std::string ihp = k.param("ih_padded", x[2] + pd[2]);
        std::string iwp = k.param("iw_padded", x[3] + pd[3]);
        std::string ih = k.param("ih", x[2]);
        std::string iw = k.param("iw", x[3]);
        b += "  int y0 = c2 * " + str(s[0]) + " - " + pt + ", x0 = c3 * " +
             str(s[1]) + " - " + pl + ";\n";
        b += "  int y1 = min(y0 + " + str(kk[0]) + ", " + ihp +
             "), x1 = min(x0 + " + str(kk[1]) + ", " + iwp + ");\n";
        b += "  const int padded = (y1 - y0) * (x1 - x0);\n";
        b += "  y0 = max(y0, 0); x0 = max(x0, 0); y1 = min(y1, " + ih +
             "); x1 = min(x1, " + iw + ");\n";
        b += "  float v = 0.0f;\n";
        b += "  for (int iy = y0; iy < y1; ++iy)\n    for (int ix = x0; ix < "
             "x1; ++ix)\n      v += " +
             k.at(p.getInput(), {"c0", "c1", "iy", "ix"}) + ";\n";
        b += "  " + k.at(result, KernelWriter::names(4)) + " = v / (float)(" +
             (p.getCountIncludePad() ? "padded" : "(y1 - y0) * (x1 - x0)") +
             ");\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](GlobalAvgPoolOp g) {
        ArrayRef<int64_t> x = shapeOf(g.getInput());
        std::string b = KernelWriter::coords({x[0], x[1]}, "i");
        b += "  float v = 0.0f;\n";
        b += "  for (int iy = 0; iy < " + str(x[2]) +
             "; ++iy)\n    for (int ix = 0; ix < " + str(x[3]) +
             "; ++ix)\n      v += " +
             k.at(g.getInput(), {"c0", "c1", "iy", "ix"}) + ";\n";
        b += "  " + k.at(result, {"c0", "c1", "0", "0"}) + " = v / " +
             str(x[2] * x[3]) + ".0f;\n";
        k.finish1D(x[0] * x[1], b);
        return done();
      })
      .Case([&](MatMulOp m) -> LogicalResult {
        ArrayRef<int64_t> a = shapeOf(m.getLhs()), bs = shapeOf(m.getRhs());
        int64_t batch = product(y.drop_back(2));
        int64_t aBatch = product(a.drop_back(2)), bBatch = product(bs.drop_back(2));
        if ((aBatch != batch && aBatch != 1) || (bBatch != batch && bBatch != 1))
          return m.emitError("cannot be emitted: batch broadcast of ")
                 << "partially broadcast dimensions is not supported";
        if (!k.dense(m.getLhs()) || !k.dense(m.getRhs()) || !k.dense(result))
          return m.emitError("cannot be emitted by the OpenCL target: a "
                             "strided matmul operand");
        int64_t mm = a[a.size() - 2], kk = a.back(), n = bs.back();
        std::string b = KernelWriter::coords({batch, mm, n}, "i");
        std::string ab = aBatch == 1 ? "0" : "c0 * " + str(mm * kk);
        std::string bb = bBatch == 1 ? "0" : "c0 * " + str(kk * n);
        b += "  float v = 0.0f;\n  for (int j = 0; j < " + str(kk) +
             "; ++j)\n    v = fma(" +
             k.flat(m.getLhs(), ab + " + c1 * " + str(kk) + " + j") + ", " +
             k.flat(m.getRhs(), bb + " + j * " + str(n) + " + c2") + ", v);\n";
        b += "  " + k.flat(result, "i") + " = v;\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](GemmOp g) -> LogicalResult {
        ArrayRef<int64_t> a = shapeOf(g.getA());
        int64_t kk = g.getTransA() ? a[0] : a[1];
        if (!k.dense(g.getA()) || !k.dense(g.getB()) || !k.dense(result))
          return g.emitError("cannot be emitted by the OpenCL target: a "
                             "strided gemm operand");
        std::string b = KernelWriter::coords(y, "i");
        std::string ai = g.getTransA() ? "j * " + str(y[0]) + " + c0"
                                       : "c0 * " + str(kk) + " + j";
        std::string bi = g.getTransB() ? "c1 * " + str(kk) + " + j"
                                       : "j * " + str(y[1]) + " + c1";
        b += "  float v = 0.0f;\n  for (int j = 0; j < " + str(kk) +
             "; ++j)\n    v = fma(" + k.flat(g.getA(), ai) + ", " +
             k.flat(g.getB(), bi) + ", v);\n";
        b += "  v *= " + flt(g.getAlpha().convertToFloat()) + ";\n";
        if (Value c = g.getC()) {
          ArrayRef<int64_t> cs = shapeOf(c);
          SmallVector<int64_t> st = broadcastStrides(cs, y);
          b += "  v += " + flt(g.getBeta().convertToFloat()) + " * " +
               k.flat(c, "c0 * " + str(st[0]) + " + c1 * " + str(st[1])) +
               ";\n";
        }
        b += "  " + k.flat(result, "i") + " = v;\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](InterleaveOp il) {
        ArrayRef<int64_t> st = il.getStrides(), phases = il.getPhases();
        std::set<std::pair<int64_t, int64_t>> covered;
        auto phaseKernel = [&](int64_t rh, int64_t rw, Value phase) {
          int64_t ph = (y[2] - rh + st[0] - 1) / st[0],
                  pw = (y[3] - rw + st[1] - 1) / st[1];
          if (ph <= 0 || pw <= 0)
            return;
          KernelWriter part(*this, op);
          std::string b = KernelWriter::coords({y[0], y[1], ph, pw}, "i");
          std::string v = phase ? part.at(phase, KernelWriter::names(4))
                          : il.getFill() ? part.at(il.getFill(), {"c1"})
                                         : "0.0f";
          b += "  " +
               part.at(result, {"c0", "c1", "c2 * " + str(st[0]) + " + " + str(rh),
                                "c3 * " + str(st[1]) + " + " + str(rw)}) +
               " = " + v + ";\n";
          part.finish1D(y[0] * y[1] * ph * pw, b);
          os << part.launches;
        };
        for (auto [i, phase] : llvm::enumerate(il.getPhaseValues())) {
          int64_t rh = phases[2 * i], rw = phases[2 * i + 1];
          covered.insert({rh, rw});
          if (!plan.isWrittenInto(phase, result))
            phaseKernel(rh, rw, phase);
        }
        for (int64_t rh = 0; rh < std::min(st[0], y[2]); ++rh)
          for (int64_t rw = 0; rw < std::min(st[1], y[3]); ++rw)
            if (!covered.count({rh, rw}))
              phaseKernel(rh, rw, Value());
        return success();
      })
      .Case([&](SliceOp sl) {
        ArrayRef<int64_t> off = sl.getOffsets(), steps = sl.getSteps();
        SmallVector<std::string> ic;
        for (size_t d = 0; d < y.size(); ++d)
          ic.push_back(k.param("s" + str(static_cast<int64_t>(d)), off[d]) +
                       " + c" + str(static_cast<int64_t>(d)) + " * " +
                       str(steps[d]));
        std::string to = k.at(result, KernelWriter::names(y.size()));
        std::string from = k.at(sl.getInput(), ic);
        k.finish1D(count, KernelWriter::coords(y, "i") + "  " + to + " = " +
                              from + ";\n");
        return done();
      })
      .Case([&](InsertRowsOp ins) {
        if (plan.isWrittenInto(ins.getTile(), result))
          return success(); // the band was written in place
        ArrayRef<int64_t> t = shapeOf(ins.getTile());
        Place dest = placeOf(ins.getDest()), out = placeOf(result);
        if (dest.slot != out.slot || dest.offset != out.offset) {
          KernelWriter copy(*this, op);
          SmallVector<std::string> c = KernelWriter::names(4);
          copy.finish1D(count, KernelWriter::coords(y, "i") + "  " +
                                   copy.at(result, c) + " = " +
                                   copy.at(ins.getDest(), c) + ";\n");
          os << copy.launches;
        }
        SmallVector<std::string> c = KernelWriter::names(4), co = c;
        co[2] = "c2 + " + k.param("row", ins.getRow());
        if (ins.getColumn())
          co[3] = "c3 + " + k.param("col", ins.getColumn());
        std::string to = k.at(result, co);
        std::string from = k.at(ins.getTile(), c);
        k.finish1D(product(t), KernelWriter::coords(t, "i") + "  " + to +
                                   " = " + from + ";\n");
        return done();
      })
      .Case([&](InsertZerosOp z) {
        ArrayRef<int64_t> x = shapeOf(z.getInput()), s = z.getStrides();
        std::string b = KernelWriter::coords(y, "i");
        b += "  float v = 0.0f;\n";
        b += "  if (c2 % " + str(s[0]) + " == 0 && c3 % " + str(s[1]) +
             " == 0 && c2 / " + str(s[0]) + " < " + str(x[2]) + " && c3 / " +
             str(s[1]) + " < " + str(x[3]) + ")\n    v = " +
             k.at(z.getInput(),
                  {"c0", "c1", "c2 / " + str(s[0]), "c3 / " + str(s[1])}) +
             ";\n";
        b += "  " + k.at(result, KernelWriter::names(4)) + " = v;\n";
        k.finish1D(count, b);
        return done();
      })
      .Case([&](ReduceOp r) -> LogicalResult {
        ArrayRef<int64_t> x = shapeOf(r.getInput());
        if (!k.dense(result))
          return r.emitError("cannot be emitted by the OpenCL target: a "
                             "strided reduction");
        SmallVector<int64_t> kept(x);
        int64_t n = 1;
        for (int64_t axis : r.getAxes()) {
          kept[axis] = 1;
          n *= x[axis];
        }
        std::string b = KernelWriter::coords(kept, "i");
        SmallVector<std::string> ic = KernelWriter::names(x.size());
        bool max = r.getKind() == ReduceKind::Max;
        b += std::string("  float v = ") + (max ? "-INFINITY" : "0.0f") + ";\n";
        std::string indent = "  ";
        for (int64_t axis : r.getAxes()) {
          std::string a = "r" + str(axis);
          b += indent + "for (int " + a + " = 0; " + a + " < " + str(x[axis]) +
               "; ++" + a + ")\n";
          ic[axis] = a;
          indent += "  ";
        }
        b += indent + "{\n" + indent + "  const float u = " +
             k.at(r.getInput(), ic) + ";\n" + indent + "  " +
             (max ? "v = u > v ? u : v;" : "v += u;") + "\n" + indent + "}\n";
        if (r.getKind() == ReduceKind::Mean)
          b += "  v /= " + str(n) + ".0f;\n";
        b += "  " + k.flat(result, "i") + " = v;\n";
        k.finish1D(product(kept), b);
        return done();
      })
      .Case([&](SoftmaxOp s) -> LogicalResult {
        ArrayRef<int64_t> x = shapeOf(s.getInput());
        if (!k.dense(s.getInput()) || !k.dense(result))
          return s.emitError("cannot be emitted by the OpenCL target: a "
                             "strided softmax");
        int64_t axis = s.getAxisAttr().getInt();
        int64_t outer = product(x.take_front(axis)), n = x[axis],
                inner = product(x.drop_front(axis + 1));
        std::string base = "i / " + str(inner) + " * " + str(n * inner) +
                           " + i % " + str(inner);
        auto el = [&](Value v) {
          return k.flat(v, "base + j * " + str(inner));
        };
        std::string b = "  const int base = " + base + ";\n";
        b += "  float m = -INFINITY, sum = 0.0f;\n";
        b += "  for (int j = 0; j < " + str(n) + "; ++j) m = fmax(m, " +
             el(s.getInput()) + ");\n";
        b += "  for (int j = 0; j < " + str(n) + "; ++j) sum += exp(" +
             el(s.getInput()) + " - m);\n";
        b += "  for (int j = 0; j < " + str(n) + "; ++j) " + el(result) +
             " = exp(" + el(s.getInput()) + " - m) / sum;\n";
        k.finish1D(outer * inner, b);
        return done();
      })
      .Default([&](Operation *other) {
        return other->emitError("cannot be emitted by the OpenCL target");
      });
}
