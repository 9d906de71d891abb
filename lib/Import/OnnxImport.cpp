//===- OnnxImport.cpp - ONNX model to huge dialect ------------------------===//
//
// Loading and validation go through ONNX's own C++ library (protobuf classes,
// checker, shape inference). Nodes are then translated in order: constant
// shape subgraphs are evaluated on the host, everything else becomes huge
// ops whose result types are inferred by the dialect and cross-checked
// against ONNX's shape inference. Every diagnostic is located at the ONNX
// node (name and op type) it concerns.
//
//===----------------------------------------------------------------------===//

#include "huge/Import/OnnxImport.h"

#include "HostTensor.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <limits>
#include <map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mlir;
using namespace huge;
using llvm::SmallVector;
using llvm::StringRef;

namespace {

//===----------------------------------------------------------------------===//
// Tensor data decoding
//===----------------------------------------------------------------------===//

/// Decodes the payload of an ONNX TensorProto (inline, raw or external).
/// The shape a tensor declares is only believed once the data it holds
/// agrees with it and it fits the limits: nothing is allocated before.
class TensorDecoder {
public:
  TensorDecoder(std::string modelDir, const ModelLimits &limits)
      : modelDir(std::move(modelDir)), limits(limits) {}

  /// Returns false and sets `error` on malformed or unsupported data.
  /// For external data, the bytes read are stored in `*externalBytes` when
  /// given. Counts the tensor against the weight limit.
  bool decode(const onnx::TensorProto &t, HostTensor &out, std::string &error,
              std::string *externalBytes = nullptr) {
    out.shape.assign(t.dims().begin(), t.dims().end());
    int64_t n = checkedElementCount(out.shape);
    if (n < 0) {
      error = "has a negative dimension or more than 2^31-1 elements";
      return false;
    }
    struct ElementType {
      int type, size;
      HostTensor::Kind kind;
    };
    static const ElementType kTypes[] = {
        {onnx::TensorProto::FLOAT, 4, HostTensor::Kind::Float},
        {onnx::TensorProto::DOUBLE, 8, HostTensor::Kind::Float},
        {onnx::TensorProto::INT64, 8, HostTensor::Kind::Int},
        {onnx::TensorProto::INT32, 4, HostTensor::Kind::Int},
        {onnx::TensorProto::UINT64, 8, HostTensor::Kind::Int},
        {onnx::TensorProto::UINT32, 4, HostTensor::Kind::Int},
        {onnx::TensorProto::INT16, 2, HostTensor::Kind::Int},
        {onnx::TensorProto::UINT16, 2, HostTensor::Kind::Int},
        {onnx::TensorProto::INT8, 1, HostTensor::Kind::Int},
        {onnx::TensorProto::UINT8, 1, HostTensor::Kind::Int},
        {onnx::TensorProto::BOOL, 1, HostTensor::Kind::Bool}};
    const ElementType *element = llvm::find_if(
        kTypes, [&](const ElementType &e) { return e.type == t.data_type(); });
    if (element == std::end(kTypes)) {
      error = "has unsupported element type " +
              onnx::TensorProto::DataType_Name(
                  static_cast<onnx::TensorProto::DataType>(t.data_type()));
      return false;
    }
    int elemSize = element->size;
    out.kind = element->kind;
    bool external = t.data_location() == onnx::TensorProto::EXTERNAL;
    // Inline data must match the declared shape before the shape is used.
    if (!external && t.has_raw_data()) {
      if (static_cast<int64_t>(t.raw_data().size()) != n * elemSize) {
        error = "holds " + std::to_string(t.raw_data().size()) +
                " bytes of data, expected " + std::to_string(n * elemSize) +
                " for its shape";
        return false;
      }
    } else if (!external) {
      int64_t count =
          t.data_type() == onnx::TensorProto::FLOAT    ? t.float_data_size()
          : t.data_type() == onnx::TensorProto::DOUBLE ? t.double_data_size()
          : t.data_type() == onnx::TensorProto::INT64  ? t.int64_data_size()
          : t.data_type() == onnx::TensorProto::UINT64 ||
                  t.data_type() == onnx::TensorProto::UINT32
              ? t.uint64_data_size()
              : t.int32_data_size();
      if (count != n) {
        error = "holds " + std::to_string(count) + " values, expected " +
                std::to_string(n) + " for its shape";
        return false;
      }
    }
    if (!charge(n, error))
      return false;
    std::string externalData;
    const std::string *raw = nullptr;
    if (external) {
      if (!readExternal(t, n * elemSize, externalData, error))
        return false;
      raw = &externalData;
    } else if (t.has_raw_data()) {
      raw = &t.raw_data();
    }
    out.data.resize(n);
    if (raw) {
      const char *p = raw->data();
      for (int64_t i = 0; i < n; ++i, p += elemSize)
        out.data[i] = decodeRaw(p, t.data_type());
      if (externalBytes)
        *externalBytes = std::move(externalData);
      return true;
    }
    for (int64_t i = 0; i < n; ++i)
      switch (t.data_type()) {
      case onnx::TensorProto::FLOAT:
        out.data[i] = t.float_data(i);
        break;
      case onnx::TensorProto::DOUBLE:
        out.data[i] = t.double_data(i);
        break;
      case onnx::TensorProto::INT64:
        out.data[i] = static_cast<double>(t.int64_data(i));
        break;
      case onnx::TensorProto::UINT64:
      case onnx::TensorProto::UINT32:
        out.data[i] = static_cast<double>(t.uint64_data(i));
        break;
      default:
        out.data[i] = t.int32_data(i);
        break;
      }
    return true;
  }

  /// Counts `elements` more of constant data against the limits; false,
  /// with `error` set, when the model would exceed them.
  bool charge(int64_t elements, std::string &error) {
    int64_t bytes = elements * 4;
    if (bytes > limits.maxTensorBytes) {
      error = "has " + std::to_string(elements) + " elements (" +
              std::to_string(bytes) + " bytes as float), above the limit of " +
              std::to_string(limits.maxTensorBytes) +
              " bytes per tensor (--max-tensor-size)";
      return false;
    }
    if (bytes > limits.maxWeightBytes - weightBytes) {
      error = "brings the model's constant data to " +
              std::to_string(weightBytes + bytes) +
              " bytes, above the limit of " +
              std::to_string(limits.maxWeightBytes) + " bytes (--max-weights)";
      return false;
    }
    weightBytes += bytes;
    return true;
  }

  /// Elements one more constant may still have.
  int64_t remainingElements() const {
    return std::min(limits.maxTensorBytes,
                    limits.maxWeightBytes - weightBytes) /
           4;
  }

private:
  static double decodeRaw(const char *p, int type) {
    switch (type) {
    case onnx::TensorProto::FLOAT: {
      float v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case onnx::TensorProto::DOUBLE: {
      double v;
      std::memcpy(&v, p, 8);
      return v;
    }
    case onnx::TensorProto::INT64: {
      int64_t v;
      std::memcpy(&v, p, 8);
      return static_cast<double>(v);
    }
    case onnx::TensorProto::INT32: {
      int32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case onnx::TensorProto::UINT64: {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return static_cast<double>(v);
    }
    case onnx::TensorProto::UINT32: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case onnx::TensorProto::INT16: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case onnx::TensorProto::UINT16: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case onnx::TensorProto::INT8:
      return static_cast<int8_t>(*p);
    default:
      return static_cast<uint8_t>(*p);
    }
  }

  /// Reads external data, confined to the model's folder: relative paths
  /// without `..`, and the resolved file (symlinks followed) must stay inside.
  bool readExternal(const onnx::TensorProto &t, int64_t bytes,
                    std::string &data, std::string &error) {
    std::string location;
    int64_t offset = 0, length = -1;
    for (const auto &entry : t.external_data()) {
      if (entry.key() == "location")
        location = entry.value();
      else if (entry.key() == "offset" || entry.key() == "length") {
        char *end = nullptr;
        long long v = std::strtoll(entry.value().c_str(), &end, 10);
        if (entry.value().empty() || *end != '\0' || v < 0) {
          error = "has an invalid external data " + entry.key() + " '" +
                  entry.value() + "'";
          return false;
        }
        (entry.key() == "offset" ? offset : length) = v;
      }
    }
    if (location.empty()) {
      error = "is stored externally but names no location";
      return false;
    }
    if (llvm::sys::path::is_absolute(location) ||
        llvm::sys::path::is_absolute(location,
                                     llvm::sys::path::Style::windows)) {
      error = "has external data at absolute path '" + location +
              "'; only files inside the model's folder are read";
      return false;
    }
    for (auto it = llvm::sys::path::begin(location),
              e = llvm::sys::path::end(location);
         it != e; ++it)
      if (*it == "..") {
        error = "has external data path '" + location +
                "' that leaves the model's folder";
        return false;
      }
    llvm::SmallString<256> path(modelDir);
    llvm::sys::path::append(path, location);
    llvm::SmallString<256> realDir, realFile;
    if (llvm::sys::fs::real_path(modelDir, realDir) ||
        llvm::sys::fs::real_path(path, realFile)) {
      error = "has external data file '" + location + "' that cannot be found";
      return false;
    }
    StringRef dirRef(realDir);
    if (!StringRef(realFile).starts_with(dirRef) ||
        (realFile.size() > realDir.size() &&
         !llvm::sys::path::is_separator(realFile[realDir.size()]))) {
      error = "has external data file '" + location +
              "' that resolves outside the model's folder";
      return false;
    }
    if (length >= 0 && length != bytes) {
      error = "has external data length " + std::to_string(length) +
              ", expected " + std::to_string(bytes) + " bytes for its shape";
      return false;
    }
    // Only a regular file is read: the resolved path has no links left
    // (O_NOFOLLOW catches one put there since), and a pipe or device opened
    // without blocking is rejected by its type before any read.
    int fd = ::open(realFile.c_str(),
                    O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      error = "has external data file '" + location + "' that cannot be read";
      return false;
    }
    auto closeFd = llvm::make_scope_exit([&] { ::close(fd); });
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      error = "has external data '" + location + "' that is not a regular file";
      return false;
    }
    uint64_t size = static_cast<uint64_t>(st.st_size);
    if (static_cast<uint64_t>(offset) > size ||
        size - static_cast<uint64_t>(offset) < static_cast<uint64_t>(bytes)) {
      error = "has external data file '" + location + "' too short: needs " +
              std::to_string(bytes) + " bytes at offset " +
              std::to_string(offset) + ", file has " + std::to_string(size);
      return false;
    }
    data.resize(bytes);
    for (int64_t done = 0; done < bytes;) {
      ssize_t got = ::pread(fd, &data[done], bytes - done, offset + done);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0) {
        error = "has external data file '" + location +
                "' that cannot be read (it changed while being read)";
        return false;
      }
      done += got;
    }
    return true;
  }

  std::string modelDir;
  const ModelLimits &limits;
  /// Constant data decoded or computed so far, 4 bytes per element.
  int64_t weightBytes = 0;
};

//===----------------------------------------------------------------------===//
// Node attributes
//===----------------------------------------------------------------------===//

class NodeAttrs {
public:
  explicit NodeAttrs(const onnx::NodeProto &node) {
    for (const auto &a : node.attribute())
      attrs[a.name()] = &a;
  }
  bool has(StringRef name) const { return attrs.count(name); }
  int64_t getInt(StringRef name, int64_t def) const {
    auto *a = lookup(name);
    return a ? a->i() : def;
  }
  float getFloat(StringRef name, float def) const {
    auto *a = lookup(name);
    return a ? a->f() : def;
  }
  std::string getString(StringRef name, StringRef def) const {
    auto *a = lookup(name);
    return a ? a->s() : def.str();
  }
  SmallVector<int64_t> getInts(StringRef name, ArrayRef<int64_t> def) const {
    auto *a = lookup(name);
    if (!a)
      return SmallVector<int64_t>(def);
    return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
  }
  const onnx::AttributeProto *lookup(StringRef name) const {
    auto it = attrs.find(name);
    return it == attrs.end() ? nullptr : it->second;
  }

private:
  llvm::StringMap<const onnx::AttributeProto *> attrs;
};

/// The attributes host evaluation reads (axis, axes, perm, to).
FoldAttrs foldAttrsOf(const NodeAttrs &attrs) {
  FoldAttrs fa;
  if (attrs.has("axis")) {
    fa.axis = attrs.getInt("axis", 0);
    fa.hasAxis = true;
  }
  if (attrs.has("axes")) {
    auto axes = attrs.getInts("axes", {});
    fa.axes.assign(axes.begin(), axes.end());
    fa.hasAxes = true;
  }
  if (attrs.has("perm")) {
    auto perm = attrs.getInts("perm", {});
    fa.perm.assign(perm.begin(), perm.end());
    fa.hasPerm = true;
  }
  fa.to = attrs.getInt("to", 1);
  return fa;
}

//===----------------------------------------------------------------------===//
// The importer
//===----------------------------------------------------------------------===//

/// The ONNX opsets huge imports.
constexpr int kMinOpset = 7, kMaxOpset = 17;

struct OnnxOp;
/// The operator table's row for `type` at `opset`, or null.
const OnnxOp *findOnnxOp(StringRef type, int opset);

/// What an ONNX tensor name stands for during import.
struct Entry {
  Value value;                      // a runtime tensor, or
  std::shared_ptr<HostTensor> host; // a constant known at import time
  Value materialized;               // host tensor as a huge.constant
};

class Importer {
public:
  Importer(MLIRContext *ctx, StringRef path, const llvm::MemoryBuffer &buffer,
           const OnnxImportOptions &options)
      : ctx(ctx), builder(ctx), path(path.str()), buffer(buffer),
        options(options), fileLoc(FileLineColLoc::get(ctx, path, 0, 0)),
        decoder(llvm::sys::path::parent_path(path).empty()
                    ? std::string(".")
                    : llvm::sys::path::parent_path(path).str(),
                this->options.limits) {}

  OwningOpRef<ModuleOp> run();

private:
  // Model-level steps.
  bool load();
  bool checkModel();
  bool crossCheckShapes();
  onnx::ModelProto inlinedModel() const;
  bool validateAttributes(const onnx::NodeProto &node);
  bool validateGraphInputs();
  bool importInitializers();
  bool importNode(const onnx::NodeProto &node);

  // Helpers.
  InFlightDiagnostic modelError() { return emitError(fileLoc); }
  Location nodeLoc(const onnx::NodeProto &node) {
    std::string name = "node '" + node.name() + "' (" + node.op_type() + ")";
    return NameLoc::get(StringAttr::get(ctx, name), fileLoc);
  }
  Entry *lookup(const std::string &name) {
    auto it = tensors.find(name);
    return it == tensors.end() ? nullptr : &it->second;
  }
  /// The runtime value (materializing constants) of input `i`, or null after
  /// reporting an error.
  Value operand(const onnx::NodeProto &node, int i);
  /// The host constant of input `i`, or null after reporting an error.
  const HostTensor *constantInput(const onnx::NodeProto &node, int i,
                                  StringRef what);
  bool hasInput(const onnx::NodeProto &node, int i) {
    return i < node.input_size() && !node.input(i).empty();
  }
  Value materialize(const HostTensor &t, Location loc);
  bool define(const onnx::NodeProto &node, int i, Value v);
  bool defineHost(const onnx::NodeProto &node, int i, HostTensor t);
  /// Creates op OpTy, inferring its result type; diagnostics go to `loc`.
  template <typename OpTy, typename... Args>
  Value create(Location loc, Args &&...args);
  Value reshape(Location loc, Value v, ArrayRef<int64_t> shape);
  bool unusedOutputsBeyond(const onnx::NodeProto &node, int n);
  int opset() const { return opsetVersion; }
  FailureOr<SmallVector<int64_t>>
  convPads(const onnx::NodeProto &node, const NodeAttrs &attrs,
           ArrayRef<int64_t> in, ArrayRef<int64_t> kernel,
           ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations);

  bool foldNode(const onnx::NodeProto &node, const NodeAttrs &attrs,
                Fold::Method method);

public:
  // Node handlers, one per operator family; the operator table (kOnnxOps)
  // names the handler of each ONNX operator.
  bool importConv(const onnx::NodeProto &node, const NodeAttrs &attrs);
  /// A 1-D convolution or pooling node as the 2-D one with H = 1.
  bool importAs2d(const onnx::NodeProto &node,
                  bool (Importer::*method)(const onnx::NodeProto &,
                                           const NodeAttrs &));
  bool importConvTranspose(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importPool(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importResize(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importPad(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importSoftmax(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importShapeOp(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importConstant(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importPassThrough(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importBatchNorm(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importInstanceNorm(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importUnary(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importClip(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importBinary(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importGemm(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importConcat(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importDepthToSpace(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importTranspose(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importReshape(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importReduce(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importSlice(const onnx::NodeProto &node, const NodeAttrs &attrs);
  bool importSplit(const onnx::NodeProto &node, const NodeAttrs &attrs);

  /// A huge.slice of `x` taking `window` (positive steps only: huge.slice
  /// reads forwards), or a null value after an error at `loc`.
  Value sliceOf(Location loc, Value x, const SliceWindow &window);

private:
  MLIRContext *ctx;
  OpBuilder builder;
  std::string path;
  const llvm::MemoryBuffer &buffer;
  OnnxImportOptions options;
  Location fileLoc;
  TensorDecoder decoder;
  onnx::ModelProto model;
  int opsetVersion = 0;
  llvm::StringMap<Entry> tensors;
  /// Bytes of initializers stored as external data.
  std::map<std::string, std::string> externalData;
  /// Runtime outputs huge defined (node, output index), whose shapes ONNX's
  /// shape inference cross-checks.
  std::vector<std::pair<const onnx::NodeProto *, int>> definedOutputs;
  /// 1-D nodes rewritten as 2-D ones (importAs2d); kept for definedOutputs.
  std::deque<onnx::NodeProto> liftedNodes;
};

} // namespace

//===----------------------------------------------------------------------===//
// The operator table
//===----------------------------------------------------------------------===//

namespace {
using ImportMethod = bool (Importer::*)(const onnx::NodeProto &,
                                        const NodeAttrs &);
/// Attributes range-checked before ONNX's shape inference sees them.
enum class AttrCheck { None, Window, BlockSize };

/// What huge does with one ONNX operator over a range of opsets. The list of
/// supported operators, the constant evaluator's list and the unsupported-
/// operator message all follow from this table; adding an operator means
/// adding its row (and its handler).
struct OnnxOp {
  const char *type;
  /// Translates the node on runtime tensors; null: huge evaluates the
  /// operator only on constants.
  ImportMethod import;
  /// Evaluates the node when every input is a constant; null: never folded.
  Fold::Method fold;
  AttrCheck check = AttrCheck::None;
  int sinceOpset = kMinOpset, untilOpset = kMaxOpset;
};

// clang-format off
const OnnxOp kOnnxOps[] = {
  // Convolutions and pooling.
  {"Conv",               &Importer::importConv,          nullptr, AttrCheck::Window},
  {"ConvTranspose",      &Importer::importConvTranspose, nullptr, AttrCheck::Window},
  {"MaxPool",            &Importer::importPool,          nullptr, AttrCheck::Window},
  {"AveragePool",        &Importer::importPool,          nullptr, AttrCheck::Window},
  {"GlobalAveragePool",  &Importer::importUnary,         nullptr},
  {"ReduceMean",         &Importer::importReduce,        nullptr},
  {"ReduceSum",          &Importer::importReduce,        nullptr},
  {"ReduceMax",          &Importer::importReduce,        nullptr},
  {"BatchNormalization", &Importer::importBatchNorm,     nullptr},
  {"InstanceNormalization", &Importer::importInstanceNorm, nullptr},
  // Activations.
  {"Relu",               &Importer::importUnary,         nullptr},
  {"LeakyRelu",          &Importer::importUnary,         nullptr},
  {"Sigmoid",            &Importer::importUnary,         nullptr},
  {"Tanh",               &Importer::importUnary,         nullptr},
  {"HardSigmoid",        &Importer::importUnary,         nullptr},
  {"HardSwish",          &Importer::importUnary,         nullptr, AttrCheck::None, 14},
  // Element-wise math (huge.unary; Pow with a tensor of exponents: huge.pow);
  // Neg, Sqrt, Floor and Ceil are also folded on constants.
  {"Sqrt",               &Importer::importUnary,         &Fold::unaryMath},
  {"Neg",                &Importer::importUnary,         &Fold::unaryMath},
  {"Exp",                &Importer::importUnary,         nullptr},
  {"Log",                &Importer::importUnary,         nullptr},
  {"Abs",                &Importer::importUnary,         nullptr},
  {"Reciprocal",         &Importer::importUnary,         nullptr},
  {"Erf",                &Importer::importUnary,         nullptr},
  {"Softplus",           &Importer::importUnary,         nullptr},
  {"Softsign",           &Importer::importUnary,         nullptr},
  {"Elu",                &Importer::importUnary,         nullptr},
  {"Selu",               &Importer::importUnary,         nullptr},
  {"Pow",                &Importer::importUnary,         nullptr},
  {"Floor",              &Importer::importUnary,         &Fold::unaryMath},
  {"Ceil",               &Importer::importUnary,         &Fold::unaryMath},
  {"PRelu",              &Importer::importBinary,        nullptr},
  {"Clip",               &Importer::importClip,          nullptr},
  {"Softmax",            &Importer::importSoftmax,       nullptr},
  // Element-wise arithmetic (broadcasting); folded when constant.
  {"Add",                &Importer::importBinary,        &Fold::binary},
  {"Sub",                &Importer::importBinary,        &Fold::binary},
  {"Mul",                &Importer::importBinary,        &Fold::binary},
  {"Div",                &Importer::importBinary,        &Fold::binary},
  {"MatMul",             &Importer::importBinary,        nullptr},
  {"Gemm",               &Importer::importGemm,          nullptr},
  // Data movement.
  {"Concat",             &Importer::importConcat,        &Fold::concat},
  {"DepthToSpace",       &Importer::importDepthToSpace,  nullptr, AttrCheck::BlockSize},
  {"Resize",             &Importer::importResize,        nullptr, AttrCheck::None, 10},
  {"Upsample",           &Importer::importResize,        nullptr, AttrCheck::None, 7, 9},
  {"Pad",                &Importer::importPad,           nullptr},
  {"Transpose",          &Importer::importTranspose,     &Fold::transpose},
  {"Reshape",            &Importer::importReshape,       &Fold::reshape},
  {"Flatten",            &Importer::importReshape,       &Fold::reshape},
  {"Squeeze",            &Importer::importReshape,       &Fold::squeeze},
  {"Unsqueeze",          &Importer::importReshape,       &Fold::squeeze},
  {"Identity",           &Importer::importPassThrough,   &Fold::identity},
  {"Dropout",            &Importer::importPassThrough,   nullptr},
  {"Cast",               &Importer::importPassThrough,   &Fold::cast},
  // Sources and shape queries.
  {"Constant",           &Importer::importConstant,      nullptr},
  {"Shape",              &Importer::importShapeOp,       nullptr},
  {"Size",               &Importer::importShapeOp,       nullptr},
  // Shape arithmetic: evaluated on constants only.
  {"Gather",             nullptr,                        &Fold::gather},
  {"Slice",              &Importer::importSlice,         &Fold::slice, AttrCheck::None, 10},
  {"Split",              &Importer::importSplit,         nullptr},
  {"ConstantOfShape",    nullptr,                        &Fold::constantOfShape},
  {"Expand",             nullptr,                        &Fold::expand},
  {"Range",              nullptr,                        &Fold::range},
  {"Equal",              nullptr,                        &Fold::binary},
  {"Where",              nullptr,                        &Fold::where},
};
// clang-format on

const OnnxOp *findOnnxOp(StringRef type, int opset) {
  for (const OnnxOp &op : kOnnxOps)
    if (type == op.type && opset >= op.sinceOpset && opset <= op.untilOpset)
      return &op;
  return nullptr;
}

bool isKnownOnnxOp(StringRef type) {
  return llvm::any_of(kOnnxOps,
                      [&](const OnnxOp &op) { return type == op.type; });
}
} // namespace

static Type f32Tensor(MLIRContext *ctx, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, Float32Type::get(ctx));
}

/// A number for messages in its shortest form ("0.5", "1").
static std::string shortNum(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

static std::string shapeStr(ArrayRef<int64_t> s) {
  std::string r = "[";
  for (size_t i = 0; i < s.size(); ++i)
    r += (i ? ", " : "") + std::to_string(s[i]);
  return r + "]";
}

bool Importer::load() {
  if (buffer.getBufferSize() > static_cast<size_t>(INT32_MAX)) {
    modelError() << "the model file is larger than 2 GiB; store the weights "
                 << "as external data";
    return false;
  }
  if (!model.ParseFromArray(buffer.getBufferStart(),
                            static_cast<int>(buffer.getBufferSize()))) {
    modelError() << "not a valid ONNX model (protobuf parsing failed)";
    return false;
  }
  return true;
}

/// A copy of the model with its external data inlined (already read, and
/// confined to the model's folder, by importInitializers), for ONNX's
/// library, which would look for the files relative to the working
/// directory.
onnx::ModelProto Importer::inlinedModel() const {
  onnx::ModelProto inlined = model;
  for (auto &init : *inlined.mutable_graph()->mutable_initializer()) {
    auto it = externalData.find(init.name());
    if (it == externalData.end())
      continue;
    init.clear_external_data();
    init.set_data_location(onnx::TensorProto::DEFAULT);
    init.set_raw_data(it->second);
  }
  return inlined;
}

bool Importer::checkModel() {
  // The checker would look for external data relative to the working
  // directory: it checks a copy with that data inlined.
  onnx::ModelProto inlined = inlinedModel();
  // ONNX's library reports problems by throwing; nothing may escape here.
  try {
    onnx::checker::check_model(inlined);
  } catch (const std::exception &e) {
    modelError() << "the ONNX checker rejects the model: " << e.what();
    return false;
  }
  for (const auto &op : model.opset_import())
    if (op.domain().empty() || op.domain() == "ai.onnx")
      opsetVersion = static_cast<int>(op.version());
  if (opsetVersion < kMinOpset || opsetVersion > kMaxOpset) {
    modelError() << "the model uses ONNX opset " << opsetVersion
                 << "; huge imports opsets " << kMinOpset << " to "
                 << kMaxOpset;
    return false;
  }
  return true;
}

/// ONNX's shape inference, run once huge has imported every node: its
/// implementations assume well-formed nodes (a Conv weight of rank 1 makes
/// it dereference null, a stride of 0 divide by zero), so it only sees a
/// graph whose every node huge's own inference and verifiers accepted. Its
/// shapes then cross-check huge's.
bool Importer::crossCheckShapes() {
  onnx::ModelProto inferred = inlinedModel();
  // The inference starts from what huge checked: the graph inputs and the
  // initializers. Declared types of intermediate values and outputs are
  // dropped (a graph output reusing an input's name with another rank
  // would otherwise retype that input under the nodes that read it).
  inferred.mutable_graph()->clear_value_info();
  for (auto &out : *inferred.mutable_graph()->mutable_output())
    out.clear_type();
  try {
    onnx::ShapeInferenceOptions opts;
    opts.check_type = true;
    opts.error_mode = 1;
    onnx::shape_inference::InferShapes(
        inferred, onnx::OpSchemaRegistry::Instance(), opts);
  } catch (const std::exception &e) {
    modelError() << "ONNX shape inference fails: " << e.what();
    return false;
  }
  llvm::StringMap<SmallVector<int64_t>> onnxShapes;
  std::vector<const onnx::ValueInfoProto *> infos;
  for (const auto &vi : inferred.graph().value_info())
    infos.push_back(&vi);
  for (const auto &vi : inferred.graph().output())
    infos.push_back(&vi);
  for (const onnx::ValueInfoProto *info : infos) {
    const onnx::ValueInfoProto &vi = *info;
    if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
      continue;
    SmallVector<int64_t> shape;
    bool known = true;
    for (const auto &d : vi.type().tensor_type().shape().dim()) {
      known &= d.has_dim_value();
      shape.push_back(d.dim_value());
    }
    if (known)
      onnxShapes[vi.name()] = shape;
  }
  for (auto [node, i] : definedOutputs) {
    const std::string &name = node->output(i);
    auto it = onnxShapes.find(name);
    Entry *e = lookup(name);
    if (it == onnxShapes.end() || !e || !e->value)
      continue;
    if (ArrayRef<int64_t>(it->second) != shapeOf(e->value)) {
      emitError(nodeLoc(*node))
          << "output '" << name << "' has shape " << shapeStr(shapeOf(e->value))
          << " but ONNX shape inference says " << shapeStr(it->second);
      return false;
    }
  }
  // A graph output's declared shape is what an application sizes its buffer
  // by: every extent it states must be the one huge computes.
  for (const auto &out : model.graph().output()) {
    Entry *e = lookup(out.name());
    if (!e || !e->value || !out.type().tensor_type().has_shape())
      continue;
    ArrayRef<int64_t> shape = shapeOf(e->value);
    const auto &dims = out.type().tensor_type().shape().dim();
    bool agree = dims.size() == static_cast<int>(shape.size());
    for (int d = 0; agree && d < dims.size(); ++d)
      agree = !dims[d].has_dim_value() || dims[d].dim_value() == shape[d];
    if (!agree) {
      SmallVector<int64_t> declared;
      for (const auto &d : dims)
        declared.push_back(d.has_dim_value() ? d.dim_value() : -1);
      modelError() << "graph output '" << out.name() << "' is declared with "
                   << "shape " << shapeStr(declared) << " (-1: symbolic), "
                   << "but the graph computes " << shapeStr(shape);
      return false;
    }
  }
  return true;
}

/// Integer attributes that ONNX's shape inference divides by or multiplies
/// with, and that the generated code stores in `int`: checked before the
/// inference runs, since a stride of 0 or a block size of 2^40 would make it
/// divide by zero, which no exception handler catches.
bool Importer::validateAttributes(const onnx::NodeProto &node) {
  struct Range {
    const char *attr;
    int64_t min, max;
  };
  static const Range kWindow[] = {{"strides", 1, kMaxWindowParam},
                                  {"dilations", 1, kMaxWindowParam},
                                  {"kernel_shape", 1, kMaxWindowParam},
                                  {"pads", -kMaxWindowParam, kMaxWindowParam},
                                  {"output_padding", 0, kMaxWindowParam},
                                  {"output_shape", 1, kMaxExtent},
                                  {"group", 1, kMaxExtent}};
  static const Range kBlock[] = {{"blocksize", 1, kMaxWindowParam}};
  ArrayRef<Range> ranges;
  for (const OnnxOp &op : kOnnxOps)
    if (node.op_type() == op.type && op.check != AttrCheck::None)
      ranges = op.check == AttrCheck::Window ? ArrayRef<Range>(kWindow)
                                             : ArrayRef<Range>(kBlock);
  NodeAttrs attrs(node);
  for (const Range &r : ranges) {
    const onnx::AttributeProto *a = attrs.lookup(r.attr);
    if (!a)
      continue;
    SmallVector<int64_t> values(a->ints().begin(), a->ints().end());
    if (a->type() == onnx::AttributeProto::INT || a->has_i())
      values.push_back(a->i());
    for (int64_t v : values)
      if (v < r.min || v > r.max) {
        emitError(nodeLoc(node))
            << "has " << r.attr << " " << v << " out of range: huge accepts "
            << r.min << " to " << r.max;
        return false;
      }
  }
  return true;
}

/// Graph inputs must have static, positive shapes; checked before ONNX's
/// shape inference sees them.
bool Importer::validateGraphInputs() {
  llvm::StringSet<> initializers;
  for (const auto &init : model.graph().initializer())
    initializers.insert(init.name());
  for (const auto &in : model.graph().input()) {
    if (initializers.count(in.name()))
      continue; // an initializer listed as input (IR version < 4)
    const auto &tt = in.type().tensor_type();
    if (!in.type().has_tensor_type() ||
        tt.elem_type() != onnx::TensorProto::FLOAT) {
      modelError() << "graph input '" << in.name()
                   << "' is not a float tensor; huge models take float inputs";
      return false;
    }
    SmallVector<int64_t> shape;
    for (const auto &d : tt.shape().dim()) {
      if (!d.has_dim_value() || d.dim_value() <= 0) {
        modelError() << "graph input '" << in.name()
                     << "' has a dynamic or non-positive dimension"
                     << (d.has_dim_param() ? " '" + d.dim_param() + "'" : "")
                     << "; huge needs static shapes (re-export with fixed "
                     << "sizes)";
        return false;
      }
      shape.push_back(d.dim_value());
    }
    int64_t n = checkedElementCount(shape);
    if (n < 0) {
      modelError() << "graph input '" << in.name() << "' has more than 2^31-1 "
                   << "elements";
      return false;
    }
    if (n * 4 > options.limits.maxTensorBytes) {
      modelError() << "graph input '" << in.name() << "' has " << n * 4
                   << " bytes, above the limit of "
                   << options.limits.maxTensorBytes
                   << " bytes per tensor (--max-tensor-size)";
      return false;
    }
  }
  return true;
}

bool Importer::importInitializers() {
  for (const auto &init : model.graph().initializer()) {
    auto host = std::make_shared<HostTensor>();
    std::string error, external;
    if (!decoder.decode(init, *host, error, &external)) {
      modelError() << "initializer '" << init.name() << "' " << error;
      return false;
    }
    if (init.data_location() == onnx::TensorProto::EXTERNAL)
      externalData[init.name()] = std::move(external);
    tensors[init.name()].host = std::move(host);
  }
  return true;
}

Value Importer::materialize(const HostTensor &t, Location loc) {
  std::vector<float> values(t.data.begin(), t.data.end());
  auto type = cast<RankedTensorType>(f32Tensor(ctx, t.shape));
  return builder.create<ConstantOp>(
      loc, DenseElementsAttr::get(type, ArrayRef<float>(values)));
}

Value Importer::operand(const onnx::NodeProto &node, int i) {
  if (!hasInput(node, i)) {
    emitError(nodeLoc(node)) << "expects input " << i;
    return nullptr;
  }
  Entry *e = lookup(node.input(i));
  if (!e) {
    emitError(nodeLoc(node))
        << "uses undefined tensor '" << node.input(i) << "'";
    return nullptr;
  }
  if (e->value)
    return e->value;
  if (!e->materialized)
    e->materialized = materialize(*e->host, nodeLoc(node));
  return e->materialized;
}

const HostTensor *Importer::constantInput(const onnx::NodeProto &node, int i,
                                          StringRef what) {
  Entry *e = hasInput(node, i) ? lookup(node.input(i)) : nullptr;
  if (!e || !e->host) {
    emitError(nodeLoc(node))
        << "expects " << what << " (input " << i << ") to be a constant";
    return nullptr;
  }
  return e->host.get();
}

bool Importer::define(const onnx::NodeProto &node, int i, Value v) {
  if (!v)
    return false;
  const std::string &name = node.output(i);
  int64_t n = checkedElementCount(shapeOf(v));
  if (n < 0 || n * 4 > options.limits.maxTensorBytes) {
    emitError(nodeLoc(node))
        << "output '" << name << "' of shape " << shapeStr(shapeOf(v))
        << " is larger than the limit of " << options.limits.maxTensorBytes
        << " bytes per tensor (--max-tensor-size)";
    return false;
  }
  definedOutputs.emplace_back(&node, i);
  tensors[name] = Entry{v, nullptr, nullptr};
  return true;
}

bool Importer::defineHost(const onnx::NodeProto &node, int i, HostTensor t) {
  tensors[node.output(i)] =
      Entry{nullptr, std::make_shared<HostTensor>(std::move(t)), nullptr};
  return true;
}

template <typename OpTy, typename... Args>
Value Importer::create(Location loc, Args &&...args) {
  // Build with a placeholder result type, then infer the real one so that a
  // failed inference is a located error rather than a fatal builder error.
  OperationState state(loc, OpTy::getOperationName());
  OpTy::build(builder, state, f32Tensor(ctx, {1}), std::forward<Args>(args)...);
  Operation *op = builder.create(state);
  SmallVector<Type> types;
  if (failed(OpTy::inferReturnTypes(
          ctx, loc, op->getOperands(), op->getAttrDictionary(),
          op->getPropertiesStorage(), op->getRegions(), types))) {
    op->erase();
    return nullptr;
  }
  op->getResult(0).setType(types[0]);
  return op->getResult(0);
}

Value Importer::reshape(Location loc, Value v, ArrayRef<int64_t> shape) {
  if (shapeOf(v) == shape)
    return v;
  return builder.create<ReshapeOp>(loc, f32Tensor(ctx, shape), v);
}

bool Importer::unusedOutputsBeyond(const onnx::NodeProto &node, int n) {
  for (int i = n; i < node.output_size(); ++i)
    if (!node.output(i).empty()) {
      for (const auto &other : model.graph().node())
        for (const auto &in : other.input())
          if (in == node.output(i)) {
            emitError(nodeLoc(node))
                << "output " << i << " ('" << node.output(i)
                << "') is used, but huge computes only "
                << "the first " << n << " output(s)";
            return false;
          }
      for (const auto &out : model.graph().output())
        if (out.name() == node.output(i)) {
          emitError(nodeLoc(node)) << "output " << i << " ('" << node.output(i)
                                   << "') is a graph output, but huge computes "
                                   << "only the first " << n << " output(s)";
          return false;
        }
    }
  return true;
}

FailureOr<SmallVector<int64_t>>
Importer::convPads(const onnx::NodeProto &node, const NodeAttrs &attrs,
                   ArrayRef<int64_t> in, ArrayRef<int64_t> kernel,
                   ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  std::string autoPad = attrs.getString("auto_pad", "NOTSET");
  if (autoPad == "NOTSET")
    return attrs.getInts("pads", {0, 0, 0, 0});
  if (autoPad == "VALID")
    return SmallVector<int64_t>{0, 0, 0, 0};
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER") {
    emitError(nodeLoc(node)) << "has unknown auto_pad '" << autoPad << "'";
    return failure();
  }
  if (strides.size() != 2 || dilations.size() != 2 || kernel.size() != 2 ||
      in.size() != 4)
    return attrs.getInts("pads", {0, 0, 0, 0}); // the verifier reports it
  SmallVector<int64_t> pads(4);
  for (int i = 0; i < 2; ++i) {
    int64_t extent = in[2 + i], s = std::max<int64_t>(strides[i], 1);
    int64_t out = (extent + s - 1) / s;
    int64_t total = std::max<int64_t>(
        0, (out - 1) * s + (kernel[i] - 1) * dilations[i] + 1 - extent);
    int64_t small = total / 2, large = total - small;
    pads[i] = autoPad == "SAME_UPPER" ? small : large;
    pads[2 + i] = autoPad == "SAME_UPPER" ? large : small;
  }
  return pads;
}

bool Importer::importAs2d(const onnx::NodeProto &node,
                          bool (Importer::*method)(const onnx::NodeProto &,
                                                   const NodeAttrs &)) {
  Location loc = nodeLoc(node);
  // Per spatial axis attributes must name the one axis L.
  for (const auto &a : node.attribute()) {
    StringRef n = a.name();
    int64_t want = n == "pads" ? 2 : n == "output_shape" ? -1 : 1;
    bool perAxis = n == "kernel_shape" || n == "strides" ||
                   n == "dilations" || n == "output_padding" || n == "pads";
    if (perAxis && a.ints_size() != want) {
      emitError(loc) << "is 1-D but its " << n << " has " << a.ints_size()
                     << " values; expected " << want;
      return false;
    }
    if (n == "output_shape" && a.ints_size() != 1 && a.ints_size() != 3) {
      emitError(loc) << "is 1-D but its output_shape has " << a.ints_size()
                     << " values; expected 1 or 3";
      return false;
    }
  }
  onnx::NodeProto &lifted = liftedNodes.emplace_back(node);
  std::string prefix = node.output(0) + "/as2d:";
  // The data input and a convolution's weight gain H = 1 at axis 2.
  bool conv = node.op_type() == "Conv" || node.op_type() == "ConvTranspose";
  for (int i = 0; i < std::min(node.input_size(), conv ? 2 : 1); ++i) {
    Entry *e = node.input(i).empty() ? nullptr : lookup(node.input(i));
    if (!e) {
      emitError(loc) << "expects input " << i;
      return false;
    }
    ArrayRef<int64_t> shape = e->host ? ArrayRef<int64_t>(e->host->shape)
                                      : shapeOf(e->value);
    if (shape.size() != 3) {
      emitError(loc) << "is 1-D but its input " << i << " has shape "
                     << shapeStr(shape) << "; expected 3 axes";
      return false;
    }
    SmallVector<int64_t> shape4(shape);
    shape4.insert(shape4.begin() + 2, 1);
    std::string name = prefix + std::to_string(i);
    if (e->host) {
      auto t = std::make_shared<HostTensor>(*e->host);
      t->shape = shape4;
      tensors[name] = Entry{nullptr, std::move(t), nullptr};
    } else {
      tensors[name] = Entry{reshape(loc, e->value, shape4), nullptr, nullptr};
    }
    lifted.set_input(i, name);
  }
  for (auto &a : *lifted.mutable_attribute()) {
    StringRef n = a.name();
    std::vector<int64_t> v(a.ints().begin(), a.ints().end());
    if (n == "pads")
      v = {0, v[0], 0, v[1]};
    else if (n == "output_shape")
      v.insert(v.end() - 1, 1);
    else if (n == "kernel_shape" || n == "strides" || n == "dilations")
      v.insert(v.begin(), 1);
    else if (n == "output_padding")
      v.insert(v.begin(), 0);
    else
      continue;
    a.clear_ints();
    for (int64_t x : v)
      a.add_ints(x);
  }
  lifted.set_output(0, prefix + "out");
  if (!(this->*method)(lifted, NodeAttrs(lifted)))
    return false;
  Value r = lookup(lifted.output(0))->value;
  SmallVector<int64_t> shape3(shapeOf(r));
  shape3.erase(shape3.begin() + 2);
  return define(node, 0, reshape(loc, r, shape3));
}

bool Importer::importConv(const onnx::NodeProto &node, const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (x && shapeOf(x).size() == 3)
    return importAs2d(node, &Importer::importConv);
  Value w = x ? operand(node, 1) : Value();
  Value b = hasInput(node, 2) ? operand(node, 2) : Value();
  if (!x || !w || (hasInput(node, 2) && !b))
    return false;
  if (shapeOf(x).size() != 4 || shapeOf(w).size() != 4) {
    emitError(loc) << "only 1-D and 2-D convolutions are supported, got input "
                   << shapeStr(shapeOf(x)) << " and weight "
                   << shapeStr(shapeOf(w));
    return false;
  }
  ArrayRef<int64_t> ws = shapeOf(w);
  SmallVector<int64_t> kernel = attrs.getInts("kernel_shape", ws.drop_front(2));
  if (ArrayRef<int64_t>(kernel) != ws.drop_front(2)) {
    emitError(loc) << "kernel_shape " << shapeStr(kernel)
                   << " disagrees with the weight's "
                   << shapeStr(ws.drop_front(2));
    return false;
  }
  SmallVector<int64_t> strides = attrs.getInts("strides", {1, 1});
  SmallVector<int64_t> dilations = attrs.getInts("dilations", {1, 1});
  auto pads = convPads(node, attrs, shapeOf(x), kernel, strides, dilations);
  if (failed(pads))
    return false;
  if (llvm::any_of(*pads, [](int64_t p) { return p < 0; })) {
    emitError(loc) << "expects pads >= 0, got " << shapeStr(*pads);
    return false;
  }
  return define(
      node, 0,
      create<Conv2dOp>(loc, x, w, epilogueOperands(b),
                       builder.getDenseI64ArrayAttr(strides),
                       builder.getDenseI64ArrayAttr(*pads),
                       builder.getDenseI64ArrayAttr(dilations),
                       builder.getI64IntegerAttr(attrs.getInt("group", 1)),
                       /*activation=*/ActivationAttr(),
                       /*activation_params=*/DenseF32ArrayAttr(),
                       /*form=*/StringAttr()));
}

bool Importer::importConvTranspose(const onnx::NodeProto &node,
                                   const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (x && shapeOf(x).size() == 3)
    return importAs2d(node, &Importer::importConvTranspose);
  Value w = x ? operand(node, 1) : Value();
  Value b = hasInput(node, 2) ? operand(node, 2) : Value();
  if (!x || !w || (hasInput(node, 2) && !b))
    return false;
  if (shapeOf(x).size() != 4 || shapeOf(w).size() != 4) {
    emitError(loc) << "only 1-D and 2-D transposed convolutions are supported, got "
                   << "input " << shapeStr(shapeOf(x));
    return false;
  }
  ArrayRef<int64_t> in = shapeOf(x), ws = shapeOf(w);
  SmallVector<int64_t> kernel = attrs.getInts("kernel_shape", ws.drop_front(2));
  SmallVector<int64_t> strides = attrs.getInts("strides", {1, 1});
  SmallVector<int64_t> dilations = attrs.getInts("dilations", {1, 1});
  SmallVector<int64_t> outputPadding = attrs.getInts("output_padding", {0, 0});
  SmallVector<int64_t> pads = attrs.getInts("pads", {0, 0, 0, 0});
  std::string autoPad = attrs.getString("auto_pad", "NOTSET");
  if (autoPad != "NOTSET" && autoPad != "VALID" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER") {
    emitError(loc) << "has unknown auto_pad '" << autoPad << "'";
    return false;
  }
  if (autoPad == "VALID")
    pads.assign(4, 0);
  // output_shape, or SAME padding (output = input * stride), fixes the output
  // extent; the pads follow from it (ONNX: total padding split evenly, the
  // odd one at the end for SAME_UPPER and at the start otherwise).
  bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  if (attrs.has("output_shape") || same) {
    SmallVector<int64_t> target = attrs.getInts("output_shape", {});
    if (!target.empty() && target.size() != 2 && target.size() != 4) {
      emitError(loc) << "expects output_shape of 2 (spatial) or 4 extents, got "
                     << shapeStr(target);
      return false;
    }
    if (target.size() == 4)
      target.erase(target.begin(), target.begin() + 2);
    if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2 ||
        outputPadding.size() != 2) {
      emitError(loc) << "expects 2 kernel extents, strides, dilations and "
                     << "output paddings";
      return false;
    }
    for (int i = 0; i < 2; ++i) {
      int64_t want = target.empty() ? in[2 + i] * strides[i] : target[i];
      int64_t total = strides[i] * (in[2 + i] - 1) + outputPadding[i] +
                      (kernel[i] - 1) * dilations[i] + 1 - want;
      // ONNX splits with floor division; a negative total asks for more
      // output than the transposed convolution reaches, which the end pad
      // gives as output padding (zeros plus bias).
      int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
      bool upper = autoPad == "SAME_UPPER";
      int64_t begin = upper ? half : total - half;
      int64_t end = upper ? total - half : half;
      if (begin < 0) {
        emitError(loc) << "asks for an output extent of " << want
                       << " along axis " << 2 + i << ", which would grow the "
                       << "output at its start; huge pads only the end";
        return false;
      }
      pads[i] = begin;
      pads[2 + i] = std::max<int64_t>(end, 0);
      outputPadding[i] += std::max<int64_t>(-end, 0);
    }
  }
  return define(
      node, 0,
      create<ConvTranspose2dOp>(
          loc, x, w, b, builder.getDenseI64ArrayAttr(strides),
          builder.getDenseI64ArrayAttr(pads),
          builder.getDenseI64ArrayAttr(outputPadding),
          builder.getDenseI64ArrayAttr(dilations),
          builder.getI64IntegerAttr(attrs.getInt("group", 1)),
          /*activation=*/ActivationAttr(),
          /*activation_params=*/DenseF32ArrayAttr()));
}

bool Importer::importPool(const onnx::NodeProto &node, const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x || !unusedOutputsBeyond(node, 1))
    return false;
  if (shapeOf(x).size() == 3)
    return importAs2d(node, &Importer::importPool);
  if (shapeOf(x).size() != 4) {
    emitError(loc) << "only 1-D and 2-D pooling is supported, got input "
                   << shapeStr(shapeOf(x));
    return false;
  }
  if (!attrs.has("kernel_shape")) {
    emitError(loc) << "expects attribute kernel_shape";
    return false;
  }
  SmallVector<int64_t> kernel = attrs.getInts("kernel_shape", {});
  SmallVector<int64_t> strides = attrs.getInts("strides", {1, 1});
  SmallVector<int64_t> dilations = attrs.getInts("dilations", {1, 1});
  auto pads = convPads(node, attrs, shapeOf(x), kernel, strides, dilations);
  if (failed(pads))
    return false;
  bool ceil = attrs.getInt("ceil_mode", 0) != 0;
  if (node.op_type() == "MaxPool") {
    if (attrs.getInt("storage_order", 0) != 0) {
      emitError(loc) << "storage_order 1 is not supported";
      return false;
    }
    return define(node, 0,
                  create<MaxPool2dOp>(loc, x,
                                      builder.getDenseI64ArrayAttr(kernel),
                                      builder.getDenseI64ArrayAttr(strides),
                                      builder.getDenseI64ArrayAttr(*pads),
                                      builder.getDenseI64ArrayAttr(dilations),
                                      builder.getBoolAttr(ceil)));
  }
  return define(
      node, 0,
      create<AvgPool2dOp>(
          loc, x, builder.getDenseI64ArrayAttr(kernel),
          builder.getDenseI64ArrayAttr(strides),
          builder.getDenseI64ArrayAttr(*pads), builder.getBoolAttr(ceil),
          builder.getBoolAttr(attrs.getInt("count_include_pad", 0) != 0)));
}

bool Importer::importResize(const onnx::NodeProto &node,
                            const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  ArrayRef<int64_t> in = shapeOf(x);
  if (in.size() != 4) {
    emitError(loc) << "only 4-D (NCHW) resize is supported, got "
                   << shapeStr(in);
    return false;
  }
  // Upsample (opset < 10) has scales as input 1; Resize has (roi, scales,
  // sizes) from opset 11, (scales) in opset 10.
  bool upsample = node.op_type() == "Upsample";
  int scalesIdx = upsample || opset() < 11 ? 1 : 2;
  int sizesIdx = upsample || opset() < 11 ? -1 : 3;
  SmallVector<double> scales(4, 1.0);
  SmallVector<int64_t> out(in);
  if (sizesIdx > 0 && hasInput(node, sizesIdx)) {
    const HostTensor *sizes = constantInput(node, sizesIdx, "sizes");
    if (!sizes)
      return false;
    if (sizes->data.size() != 4) {
      emitError(loc) << "expects 4 sizes, got " << sizes->data.size();
      return false;
    }
    for (int i = 0; i < 4; ++i) {
      if (!(sizes->data[i] >= 1 &&
            sizes->data[i] <= static_cast<double>(kMaxExtent))) {
        emitError(loc) << "has size " << sizes->data[i] << " along axis " << i
                       << " out of range: huge accepts 1 to " << kMaxExtent;
        return false;
      }
      out[i] = static_cast<int64_t>(sizes->data[i]);
      scales[i] = static_cast<double>(out[i]) / static_cast<double>(in[i]);
    }
  } else {
    const HostTensor *s = constantInput(node, scalesIdx, "scales");
    if (!s)
      return false;
    if (s->data.size() != 4) {
      emitError(loc) << "expects 4 scales, got " << s->data.size();
      return false;
    }
    for (int i = 0; i < 4; ++i) {
      scales[i] = s->data[i];
      if (!(scales[i] > 0)) {
        emitError(loc) << "expects positive scales, got " << scales[i];
        return false;
      }
      // ONNX: output = floor(input * scale), computed in float as exporters do.
      double extent =
          std::floor(static_cast<float>(in[i]) * static_cast<float>(scales[i]));
      if (!(extent >= 1 && extent <= static_cast<double>(kMaxExtent))) {
        emitError(loc) << "scales axis " << i << " of extent " << in[i]
                       << " by " << scales[i] << " to " << extent
                       << ": huge accepts extents of 1 to " << kMaxExtent;
        return false;
      }
      out[i] = static_cast<int64_t>(extent);
    }
  }
  if (out[0] != in[0] || out[1] != in[1]) {
    emitError(loc) << "resizes the batch or channel axis (" << shapeStr(in)
                   << " -> " << shapeStr(out) << "); only H and W may change";
    return false;
  }
  std::string mode = attrs.getString("mode", "nearest");
  ResizeMode resizeMode;
  if (mode == "nearest")
    resizeMode = ResizeMode::Nearest;
  else if (mode == "linear" || mode == "bilinear")
    resizeMode = ResizeMode::Linear;
  else if (mode == "cubic" && !upsample)
    resizeMode = ResizeMode::Cubic;
  else {
    emitError(loc) << "has unsupported mode '" << mode
                   << "'; expected nearest, linear or cubic";
    return false;
  }
  std::string coord =
      attrs.getString("coordinate_transformation_mode",
                      upsample || opset() < 11 ? "asymmetric" : "half_pixel");
  std::optional<CoordinateMode> coordMode = symbolizeCoordinateMode(coord);
  if (!coordMode) {
    emitError(loc) << "has unsupported coordinate_transformation_mode '"
                   << coord << "'; expected half_pixel, pytorch_half_pixel, "
                   << "align_corners, asymmetric or tf_crop_and_resize";
    return false;
  }
  std::string nearest = attrs.getString(
      "nearest_mode",
      upsample || opset() < 11 ? "floor" : "round_prefer_floor");
  std::optional<NearestMode> nearestMode = symbolizeNearestMode(nearest);
  if (!nearestMode) {
    emitError(loc) << "has unknown nearest_mode '" << nearest << "'";
    return false;
  }
  bool cubic = resizeMode == ResizeMode::Cubic;
  bool excludeOutside = attrs.getInt("exclude_outside", 0) != 0;
  if (excludeOutside && !cubic) {
    emitError(loc) << "exclude_outside is supported with cubic interpolation "
                   << "only";
    return false;
  }
  FloatAttr cubicA;
  if (cubic)
    cubicA = builder.getF32FloatAttr(attrs.getFloat("cubic_coeff_a", -0.75f));
  // tf_crop_and_resize reads the window resized from the roi input:
  // [start_0 .. start_3, end_0 .. end_3] as fractions of each axis.
  DenseF64ArrayAttr roi;
  FloatAttr extrapolation;
  if (*coordMode == CoordinateMode::TfCropAndResize) {
    const HostTensor *r =
        upsample || opset() < 11 ? nullptr : constantInput(node, 1, "roi");
    if (!r) {
      if (upsample || opset() < 11)
        emitError(loc) << "uses tf_crop_and_resize, which needs a roi input "
                       << "(opset 11 and later)";
      return false;
    }
    if (r->data.size() != 8) {
      emitError(loc) << "expects a roi of 8 values (4 starts, 4 ends), got "
                     << r->data.size();
      return false;
    }
    for (int i = 0; i < 2; ++i)
      if (r->data[i] != 0 || r->data[4 + i] != 1) {
        emitError(loc) << "crops axis " << i << " (roi "
                       << shortNum(r->data[i]) << " to "
                       << shortNum(r->data[4 + i])
                       << "); only H and W may be cropped";
        return false;
      }
    for (double v : r->data)
      if (!std::isfinite(v)) {
        emitError(loc) << "expects a finite roi";
        return false;
      }
    roi = builder.getDenseF64ArrayAttr(
        {r->data[2], r->data[3], r->data[6], r->data[7]});
    extrapolation =
        builder.getF32FloatAttr(attrs.getFloat("extrapolation_value", 0.0f));
  }
  auto op = builder.create<ResizeOp>(
      loc, f32Tensor(ctx, out), x,
      builder.getDenseF64ArrayAttr({scales[2], scales[3]}),
      ResizeModeAttr::get(ctx, resizeMode),
      CoordinateModeAttr::get(ctx, *coordMode),
      NearestModeAttr::get(ctx, *nearestMode), roi, extrapolation, cubicA,
      excludeOutside ? builder.getUnitAttr() : UnitAttr(),
      DenseI64ArrayAttr());
  if (failed(verify(op))) {
    op->erase();
    return false;
  }
  return define(node, 0, op);
}

bool Importer::importPad(const onnx::NodeProto &node, const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  SmallVector<int64_t> pads;
  float value = 0.0f;
  if (opset() >= 11) {
    const HostTensor *p = constantInput(node, 1, "pads");
    if (!p)
      return false;
    for (int64_t v : p->asInts())
      pads.push_back(v);
    if (hasInput(node, 2)) {
      const HostTensor *v = constantInput(node, 2, "constant_value");
      if (!v)
        return false;
      value = v->data.empty() ? 0.0f : static_cast<float>(v->data[0]);
    }
  } else {
    pads = attrs.getInts("pads", {});
    value = attrs.getFloat("value", 0.0f);
  }
  std::string mode = attrs.getString("mode", "constant");
  std::optional<PadMode> padMode = symbolizePadMode(mode);
  if (!padMode) {
    emitError(loc) << "has unknown mode '" << mode
                   << "'; expected constant, reflect or edge";
    return false;
  }
  return define(node, 0,
                create<PadOp>(loc, x, builder.getDenseI64ArrayAttr(pads),
                              PadModeAttr::get(ctx, *padMode),
                              builder.getF32FloatAttr(value)));
}

bool Importer::importSoftmax(const onnx::NodeProto &node,
                             const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  ArrayRef<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  int64_t axis = attrs.getInt("axis", opset() >= 13 ? -1 : 1);
  if (axis < -rank || axis >= rank) {
    emitError(loc) << "axis " << axis << " is out of range for rank " << rank;
    return false;
  }
  if (axis < 0)
    axis += rank;
  if (opset() >= 13 || axis == rank - 1)
    return define(node, 0,
                  create<SoftmaxOp>(loc, x, builder.getI64IntegerAttr(axis)));
  // Before opset 13, softmax normalizes over all axes from `axis` on.
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < axis ? outer : inner) *= in[d];
  Value flat = reshape(loc, x, {outer, inner});
  Value sm = create<SoftmaxOp>(loc, flat, builder.getI64IntegerAttr(1));
  return define(node, 0, sm ? reshape(loc, sm, in) : Value());
}

bool Importer::foldNode(const onnx::NodeProto &node, const NodeAttrs &attrs,
                        Fold::Method method) {
  std::vector<const HostTensor *> inputs;
  for (int i = 0; i < node.input_size(); ++i) {
    if (node.input(i).empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    inputs.push_back(lookup(node.input(i))->host.get());
  }
  FoldAttrs fa = foldAttrsOf(attrs);
  if (const auto *v = attrs.lookup("value")) {
    std::string error;
    if (!decoder.decode(v->t(), fa.value, error)) {
      emitError(nodeLoc(node)) << "attribute 'value' " << error;
      return false;
    }
    fa.hasValue = true;
  }
  fa.maxElements = decoder.remainingElements();
  HostTensor result;
  std::string error;
  if (!Fold(node.op_type(), inputs, fa, opset(), error).run(method, result)) {
    emitError(nodeLoc(node))
        << "cannot be evaluated on its constant inputs: " << error;
    return false;
  }
  if (!decoder.charge(result.numElements(), error)) {
    emitError(nodeLoc(node)) << "computes a constant that " << error;
    return false;
  }
  return defineHost(node, 0, std::move(result));
}

bool Importer::importShapeOp(const onnx::NodeProto &node,
                             const NodeAttrs &attrs) {
  Entry *e = hasInput(node, 0) ? lookup(node.input(0)) : nullptr;
  if (!e) {
    emitError(nodeLoc(node)) << "uses an undefined tensor";
    return false;
  }
  SmallVector<int64_t> shape =
      e->value ? SmallVector<int64_t>(shapeOf(e->value)) : e->host->shape;
  HostTensor t;
  t.kind = HostTensor::Kind::Int;
  int64_t rank = shape.size();
  if (node.op_type() == "Size") {
    t.data.push_back(static_cast<double>(checkedElementCount(shape)));
    return defineHost(node, 0, std::move(t));
  }
  int64_t start = attrs.getInt("start", 0), end = attrs.getInt("end", rank);
  if (start < 0)
    start += rank;
  if (end < 0)
    end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  for (int64_t i = start; i < end; ++i)
    t.data.push_back(static_cast<double>(shape[i]));
  t.shape = {end - start};
  return defineHost(node, 0, std::move(t));
}

bool Importer::importConstant(const onnx::NodeProto &node,
                              const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  HostTensor t;
  std::string error;
  if (const auto *v = attrs.lookup("value")) {
    if (!decoder.decode(v->t(), t, error)) {
      emitError(loc) << "value " << error;
      return false;
    }
  } else if (const auto *f = attrs.lookup("value_float")) {
    t.data = {f->f()};
  } else if (const auto *fs = attrs.lookup("value_floats")) {
    t.data.assign(fs->floats().begin(), fs->floats().end());
    t.shape = {static_cast<int64_t>(t.data.size())};
  } else if (const auto *i = attrs.lookup("value_int")) {
    t.kind = HostTensor::Kind::Int;
    t.data = {static_cast<double>(i->i())};
  } else if (const auto *is = attrs.lookup("value_ints")) {
    t.kind = HostTensor::Kind::Int;
    for (int64_t v : is->ints())
      t.data.push_back(static_cast<double>(v));
    t.shape = {static_cast<int64_t>(t.data.size())};
  } else {
    emitError(loc) << "has no supported value attribute";
    return false;
  }
  if (!attrs.lookup("value") &&
      !decoder.charge(static_cast<int64_t>(t.data.size()), error)) {
    emitError(loc) << "value " << error;
    return false;
  }
  return defineHost(node, 0, std::move(t));
}

/// Identity, Dropout (inference) and Cast to float: the output is the input.
bool Importer::importPassThrough(const onnx::NodeProto &node,
                                 const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  const std::string &op = node.op_type();
  Entry *in = hasInput(node, 0) ? lookup(node.input(0)) : nullptr;
  if (!in) {
    emitError(loc) << "expects input 0";
    return false;
  }
  if (op == "Dropout") {
    if (!unusedOutputsBeyond(node, 1))
      return false;
    // Inference only, as for BatchNormalization: training mode (opset 12
    // on, input 2) is rejected, not ignored.
    if (hasInput(node, 2)) {
      const HostTensor *mode = constantInput(node, 2, "training_mode");
      if (!mode)
        return false;
      if (llvm::any_of(mode->data, [](double v) { return v != 0; })) {
        emitError(loc) << "training_mode = 1 is not supported";
        return false;
      }
    }
  }
  if (op == "Cast" && attrs.getInt("to", 1) != onnx::TensorProto::FLOAT) {
    emitError(loc) << "casts a runtime tensor to a type other than float";
    return false;
  }
  tensors[node.output(0)] = *in;
  return true;
}

bool Importer::importBatchNorm(const onnx::NodeProto &node,
                               const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  if (attrs.getInt("training_mode", 0) != 0) {
    emitError(loc) << "training_mode = 1 is not supported";
    return false;
  }
  if (!unusedOutputsBeyond(node, 1))
    return false;
  SmallVector<Value> v;
  for (int i = 0; i < 5; ++i)
    if (!v.emplace_back(operand(node, i)))
      return false;
  return define(node, 0,
                create<BatchNormOp>(
                    loc, v[0], v[1], v[2], v[3], v[4],
                    builder.getF32FloatAttr(attrs.getFloat("epsilon", 1e-5f))));
}

bool Importer::importInstanceNorm(const onnx::NodeProto &node,
                                  const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  SmallVector<Value> v;
  for (int i = 0; i < 3; ++i)
    if (!v.emplace_back(operand(node, i)))
      return false;
  return define(node, 0,
                create<InstanceNormOp>(
                    loc, v[0], v[1], v[2],
                    builder.getF32FloatAttr(attrs.getFloat("epsilon", 1e-5f))));
}

/// One-operand ops without parameters beyond attributes.
bool Importer::importUnary(const onnx::NodeProto &node,
                           const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  const std::string &op = node.op_type();
  Value x = operand(node, 0);
  if (!x)
    return false;
  Value r;
  if (op == "Relu")
    r = create<ReluOp>(loc, x);
  else if (op == "Sigmoid")
    r = create<SigmoidOp>(loc, x);
  else if (op == "Tanh")
    r = create<TanhOp>(loc, x);
  else if (op == "GlobalAveragePool")
    r = create<GlobalAvgPoolOp>(loc, x);
  else if (op == "LeakyRelu")
    r = create<LeakyReluOp>(
        loc, x, builder.getF32FloatAttr(attrs.getFloat("alpha", 0.01f)));
  else if (op == "HardSigmoid")
    r = create<HardSigmoidOp>(
        loc, x, builder.getF32FloatAttr(attrs.getFloat("alpha", 0.2f)),
        builder.getF32FloatAttr(attrs.getFloat("beta", 0.5f)));
  else if (op == "HardSwish")
    r = create<HardSwishOp>(loc, x);
  else if (op == "Elu")
    r = create<UnaryMathOp>(
        loc, x, UnaryFnAttr::get(ctx, UnaryFn::Elu),
        builder.getDenseF32ArrayAttr({attrs.getFloat("alpha", 1.0f)}));
  else if (op == "Selu")
    r = create<UnaryMathOp>(
        loc, x, UnaryFnAttr::get(ctx, UnaryFn::Selu),
        builder.getDenseF32ArrayAttr(
            {attrs.getFloat("alpha", 1.67326319217681884765625f),
             attrs.getFloat("gamma", 1.05070102214813232421875f)}));
  else if (op == "Pow") {
    // x to one constant power (the exponent broadcasts into x's shape
    // without enlarging it) is element-wise math; any other exponent, a
    // tensor of them or a runtime one, is a broadcasting binary op.
    Entry *entry = hasInput(node, 1) ? lookup(node.input(1)) : nullptr;
    const HostTensor *e = entry ? entry->host.get() : nullptr;
    ArrayRef<int64_t> xs = shapeOf(x);
    bool uniform = e && !e->data.empty() && e->shape.size() <= xs.size() &&
                   llvm::all_of(e->data,
                                [&](double v) { return v == e->data[0]; });
    for (size_t i = 0; uniform && i < e->shape.size(); ++i) {
      int64_t d = e->shape[e->shape.size() - 1 - i];
      uniform = d == 1 || d == xs[xs.size() - 1 - i];
    }
    if (uniform) {
      r = create<UnaryMathOp>(
          loc, x, UnaryFnAttr::get(ctx, UnaryFn::Pow),
          builder.getDenseF32ArrayAttr({static_cast<float>(e->data[0])}));
    } else {
      Value y = operand(node, 1);
      if (!y)
        return false;
      r = create<PowOp>(loc, x, y);
    }
  } else if (std::optional<UnaryFn> fn =
                 symbolizeUnaryFn(StringRef(op).lower()))
    r = create<UnaryMathOp>(loc, x, UnaryFnAttr::get(ctx, *fn),
                            DenseF32ArrayAttr());
  return define(node, 0, r);
}

/// Clip: bounds are attributes before opset 11 and optional constant inputs
/// from it on.
bool Importer::importClip(const onnx::NodeProto &node, const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
  if (opset() >= 11) {
    for (int i : {1, 2})
      if (hasInput(node, i)) {
        const HostTensor *t = constantInput(node, i, i == 1 ? "min" : "max");
        if (!t)
          return false;
        if (t->data.size() != 1) {
          emitError(loc) << "expects " << (i == 1 ? "min" : "max")
                         << " to be a scalar, got " << shapeStr(t->shape);
          return false;
        }
        (i == 1 ? lo : hi) = static_cast<float>(t->data[0]);
      }
  } else {
    lo = attrs.getFloat("min", lo);
    hi = attrs.getFloat("max", hi);
  }
  Value r = create<ClipOp>(loc, x, builder.getF32FloatAttr(lo),
                           builder.getF32FloatAttr(hi));
  if (r && failed(verify(r.getDefiningOp())))
    return false;
  return define(node, 0, r);
}

/// Two-operand ops (broadcasting element-wise, PRelu, MatMul).
bool Importer::importBinary(const onnx::NodeProto &node, const NodeAttrs &) {
  Location loc = nodeLoc(node);
  const std::string &op = node.op_type();
  Value a = operand(node, 0), b = a ? operand(node, 1) : Value();
  if (!a || !b)
    return false;
  Value r = op == "PRelu" ? create<PReluOp>(loc, a, b)
            : op == "Add" ? create<AddOp>(loc, a, b)
            : op == "Sub" ? create<SubOp>(loc, a, b)
            : op == "Mul" ? create<MulOp>(loc, a, b)
            : op == "Div" ? create<DivOp>(loc, a, b)
                          : create<MatMulOp>(loc, a, b);
  return define(node, 0, r);
}

bool Importer::importGemm(const onnx::NodeProto &node, const NodeAttrs &attrs) {
  Value a = operand(node, 0), b = a ? operand(node, 1) : Value();
  Value c = hasInput(node, 2) && b ? operand(node, 2) : Value();
  if (!a || !b || (hasInput(node, 2) && !c))
    return false;
  return define(
      node, 0,
      create<GemmOp>(nodeLoc(node), a, b, c,
                     builder.getF32FloatAttr(attrs.getFloat("alpha", 1.0f)),
                     builder.getF32FloatAttr(attrs.getFloat("beta", 1.0f)),
                     builder.getBoolAttr(attrs.getInt("transA", 0) != 0),
                     builder.getBoolAttr(attrs.getInt("transB", 0) != 0)));
}

bool Importer::importConcat(const onnx::NodeProto &node,
                            const NodeAttrs &attrs) {
  SmallVector<Value> inputs;
  for (int i = 0; i < node.input_size(); ++i)
    if (!inputs.emplace_back(operand(node, i)))
      return false;
  int64_t rank = inputs.empty() ? 0 : shapeOf(inputs[0]).size();
  int64_t axis = attrs.getInt("axis", 0);
  if (axis < 0)
    axis += rank;
  return define(
      node, 0,
      create<ConcatOp>(nodeLoc(node), inputs, builder.getI64IntegerAttr(axis)));
}

bool Importer::importDepthToSpace(const onnx::NodeProto &node,
                                  const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  std::string mode = attrs.getString("mode", "DCR");
  if (mode != "DCR" && mode != "CRD") {
    emitError(loc) << "has unknown mode '" << mode << "'; expected DCR or CRD";
    return false;
  }
  return define(
      node, 0,
      create<DepthToSpaceOp>(
          loc, x, builder.getI64IntegerAttr(attrs.getInt("blocksize", 0)),
          DepthToSpaceModeAttr::get(ctx, mode == "DCR"
                                             ? DepthToSpaceMode::DCR
                                             : DepthToSpaceMode::CRD)));
}

bool Importer::importTranspose(const onnx::NodeProto &node,
                               const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  int64_t rank = shapeOf(x).size();
  SmallVector<int64_t> reversed;
  for (int64_t i = rank - 1; i >= 0; --i)
    reversed.push_back(i);
  if (rank > 8) {
    emitError(loc) << "transposes a tensor of rank " << rank
                   << "; huge supports rank <= 8";
    return false;
  }
  return define(node, 0,
                create<TransposeOp>(loc, x,
                                    builder.getDenseI64ArrayAttr(
                                        attrs.getInts("perm", reversed))));
}

bool Importer::importReduce(const onnx::NodeProto &node,
                            const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  int64_t rank = shapeOf(x).size();
  if (rank > 8) {
    emitError(loc) << "reduces a tensor of rank " << rank
                   << "; huge supports rank <= 8";
    return false;
  }
  // Axes are an attribute, or (ReduceSum from opset 13, the others from 18)
  // a constant input.
  SmallVector<int64_t> axes;
  if (hasInput(node, 1)) {
    const HostTensor *t = constantInput(node, 1, "the axes");
    if (!t)
      return false;
    for (int64_t a : t->asInts())
      axes.push_back(a);
  } else {
    axes = attrs.getInts("axes", {});
  }
  if (axes.empty() || rank == 0) {
    if (attrs.getInt("noop_with_empty_axes", 0) != 0 || rank == 0)
      return define(node, 0, x); // nothing to reduce
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  }
  for (int64_t &a : axes) {
    std::string error;
    if (!normalizeAxis(a, rank, error)) {
      emitError(loc) << error;
      return false;
    }
  }
  llvm::sort(axes);
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) {
    emitError(loc) << "reduces an axis twice";
    return false;
  }
  const std::string &op = node.op_type();
  ReduceKind kind = op == "ReduceSum"    ? ReduceKind::Sum
                    : op == "ReduceMean" ? ReduceKind::Mean
                                         : ReduceKind::Max;
  return define(node, 0,
                create<ReduceOp>(loc, x, ReduceKindAttr::get(ctx, kind),
                                 builder.getDenseI64ArrayAttr(axes),
                                 builder.getBoolAttr(
                                     attrs.getInt("keepdims", 1) != 0)));
}

Value Importer::sliceOf(Location loc, Value x, const SliceWindow &window) {
  for (auto [d, step] : llvm::enumerate(window.step))
    if (step < 0 && window.shape[d] > 1) {
      emitError(loc) << "takes axis " << d << " backwards (step " << step
                     << ") from a runtime tensor; huge slices forwards only";
      return Value();
    }
  if (llvm::is_contained(window.shape, 0)) {
    emitError(loc) << "gives an empty tensor of shape "
                   << shapeStr(window.shape);
    return Value();
  }
  SmallVector<int64_t> steps(window.step);
  for (int64_t &st : steps)
    st = std::max<int64_t>(st, 1); // one element: any step reads it
  if (ArrayRef<int64_t>(window.shape) == shapeOf(x))
    return x;
  return builder.create<SliceOp>(loc, f32Tensor(ctx, window.shape), x,
                                 builder.getDenseI64ArrayAttr(window.start),
                                 builder.getDenseI64ArrayAttr(steps));
}

bool Importer::importSlice(const onnx::NodeProto &node, const NodeAttrs &) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  std::vector<int64_t> in[4];
  static const char *const kWhat[] = {"the starts", "the ends", "the axes",
                                      "the steps"};
  for (int i = 1; i <= 4; ++i) {
    if (!hasInput(node, i)) {
      if (i <= 2) {
        emitError(loc) << "expects " << kWhat[i - 1] << " (input " << i
                       << ")";
        return false;
      }
      continue;
    }
    const HostTensor *t = constantInput(node, i, kWhat[i - 1]);
    if (!t)
      return false;
    in[i - 1] = t->asInts();
  }
  SliceWindow window;
  std::string error;
  if (!sliceWindow(shapeOf(x), in[0], in[1], in[2], in[3], window, error)) {
    emitError(loc) << error;
    return false;
  }
  return define(node, 0, sliceOf(loc, x, window));
}

bool Importer::importSplit(const onnx::NodeProto &node,
                           const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  Value x = operand(node, 0);
  if (!x)
    return false;
  ArrayRef<int64_t> shape = shapeOf(x);
  int64_t rank = shape.size(), axis = attrs.getInt("axis", 0);
  std::string error;
  if (!normalizeAxis(axis, rank, error)) {
    emitError(loc) << error;
    return false;
  }
  // The parts' extents: the `split` input (opset 13) or attribute, else
  // num_outputs (opset 18) or the number of outputs, as equal as possible
  // with a smaller last part.
  SmallVector<int64_t> sizes;
  if (hasInput(node, 1)) {
    const HostTensor *t = constantInput(node, 1, "the split sizes");
    if (!t)
      return false;
    for (int64_t v : t->asInts())
      sizes.push_back(v);
  } else if (attrs.has("split")) {
    sizes = attrs.getInts("split", {});
  } else {
    int64_t parts = attrs.getInt("num_outputs", node.output_size());
    if (parts < 1 || parts > shape[axis]) {
      emitError(loc) << "splits an extent of " << shape[axis] << " into "
                     << parts << " parts";
      return false;
    }
    int64_t each = (shape[axis] + parts - 1) / parts;
    for (int64_t k = 0, left = shape[axis]; k < parts; ++k, left -= each)
      sizes.push_back(std::min(each, left));
  }
  int64_t total = 0;
  for (int64_t v : sizes) {
    if (v < 1 || v > shape[axis]) {
      emitError(loc) << "has a part of extent " << v << " along axis " << axis
                     << " of extent " << shape[axis];
      return false;
    }
    total += v;
  }
  if (static_cast<int64_t>(sizes.size()) != node.output_size() ||
      total != shape[axis]) {
    emitError(loc) << "splits an extent of " << shape[axis] << " into parts "
                   << shapeStr(sizes) << " for " << node.output_size()
                   << " outputs";
    return false;
  }
  int64_t offset = 0;
  for (auto [i, size] : llvm::enumerate(sizes)) {
    SliceWindow window;
    window.start.assign(rank, 0);
    window.step.assign(rank, 1);
    window.shape.assign(shape.begin(), shape.end());
    window.start[axis] = offset;
    window.shape[axis] = size;
    offset += size;
    if (!node.output(i).empty() && !define(node, i, sliceOf(loc, x, window)))
      return false;
  }
  return true;
}

/// Shape-only ops on a runtime tensor (Reshape, Flatten, Squeeze,
/// Unsqueeze): the shape is evaluated on a stand-in host tensor by the op's
/// constant evaluator, then one huge.reshape is emitted.
bool Importer::importReshape(const onnx::NodeProto &node,
                             const NodeAttrs &attrs) {
  Location loc = nodeLoc(node);
  const std::string &op = node.op_type();
  Value x = operand(node, 0);
  if (!x)
    return false;
  if (op == "Reshape" && attrs.getInt("allowzero", 0) != 0) {
    emitError(loc) << "allowzero = 1 is not supported";
    return false;
  }
  HostTensor standIn;
  standIn.shape.assign(shapeOf(x).begin(), shapeOf(x).end());
  standIn.data.assign(checkedElementCount(standIn.shape), 0.0);
  std::vector<const HostTensor *> inputs = {&standIn};
  for (int i = 1; i < node.input_size(); ++i) {
    if (node.input(i).empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    const HostTensor *t = constantInput(node, i, "the shape");
    if (!t)
      return false;
    inputs.push_back(t);
  }
  FoldAttrs fa = foldAttrsOf(attrs);
  HostTensor result;
  std::string error;
  if (!Fold(op, inputs, fa, opset(), error)
           .run(findOnnxOp(op, opset())->fold, result)) {
    emitError(loc) << error;
    return false;
  }
  return define(node, 0, reshape(loc, x, result.shape));
}

bool Importer::importNode(const onnx::NodeProto &node) {
  const std::string &op = node.op_type();
  Location loc = nodeLoc(node);
  NodeAttrs attrs(node);
  if (!node.domain().empty() && node.domain() != "ai.onnx") {
    emitError(loc) << "is in domain '" << node.domain()
                   << "'; huge imports the default ONNX domain only";
    return false;
  }
  if (node.output_size() == 0) {
    emitError(loc) << "has no outputs";
    return false;
  }
  for (int i = 0; i < node.input_size(); ++i)
    if (!node.input(i).empty() && !lookup(node.input(i))) {
      emitError(loc) << "uses undefined tensor '" << node.input(i) << "'";
      return false;
    }
  const OnnxOp *entry = findOnnxOp(op, opset());
  if (!entry) {
    InFlightDiagnostic diag = emitError(loc);
    diag << "uses operator '" << op << "' at opset " << opset();
    for (const OnnxOp &row : kOnnxOps)
      if (op == row.type)
        diag << "; huge imports it at opsets " << row.sinceOpset << " to "
             << row.untilOpset;
    return false;
  }

  bool allConstant = true;
  for (int i = 0; i < node.input_size(); ++i)
    if (!node.input(i).empty() && !lookup(node.input(i))->host)
      allConstant = false;
  if (allConstant && entry->fold)
    return foldNode(node, attrs, entry->fold);
  if (!entry->import) {
    emitError(loc) << "is applied to a runtime tensor; huge evaluates " << op
                   << " only on constants";
    return false;
  }
  return (this->*entry->import)(node, attrs);
}

OwningOpRef<ModuleOp> Importer::run() {
  ctx->loadDialect<HugeDialect, func::FuncDialect>();
  // Diagnostics located at an ONNX node are re-emitted at the model file
  // with the node named in the text, so every handler shows both.
  ScopedDiagnosticHandler nodeNames(ctx, [](Diagnostic &diag) {
    auto name = dyn_cast<NameLoc>(diag.getLocation());
    if (!name)
      return failure();
    std::string text = name.getName().str() + ": " + diag.str();
    Location at = name.getChildLoc();
    InFlightDiagnostic re = diag.getSeverity() == DiagnosticSeverity::Error
                                ? emitError(at, text)
                            : diag.getSeverity() == DiagnosticSeverity::Warning
                                ? emitWarning(at, text)
                                : emitRemark(at, text);
    for (Diagnostic &note : diag.getNotes())
      re.attachNote(note.getLocation()) << note.str();
    return success();
  });
  if (!load())
    return nullptr;
  const onnx::GraphProto &graph = model.graph();

  // Unsupported operators are listed all at once.
  llvm::StringSet<> unsupported;
  std::string list;
  for (const auto &node : graph.node())
    if (!isKnownOnnxOp(node.op_type()) &&
        unsupported.insert(node.op_type()).second)
      list += (list.empty() ? "" : ", ") + node.op_type();
  if (!unsupported.empty()) {
    modelError() << "the model uses unsupported operator(s): " << list;
    return nullptr;
  }
  for (const auto &node : graph.node())
    if (!validateAttributes(node))
      return nullptr;
  if (!validateGraphInputs() || !importInitializers() || !checkModel())
    return nullptr;

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());

  SmallVector<Type> inputTypes;
  SmallVector<std::string> inputNames;
  for (const auto &in : graph.input()) {
    if (tensors.count(in.name()))
      continue; // an initializer listed as input (IR version < 4)
    SmallVector<int64_t> shape; // validated by validateGraphInputs
    for (const auto &d : in.type().tensor_type().shape().dim())
      shape.push_back(d.dim_value());
    inputTypes.push_back(f32Tensor(ctx, shape));
    inputNames.push_back(in.name());
  }
  if (inputTypes.empty()) {
    modelError() << "the model has no graph inputs";
    return nullptr;
  }

  auto func = builder.create<func::FuncOp>(
      fileLoc, options.functionName, builder.getFunctionType(inputTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [i, name] : llvm::enumerate(inputNames)) {
    tensors[name] = Entry{body->getArgument(i), nullptr, nullptr};
    func.setArgAttr(i, "huge.name", builder.getStringAttr(name));
  }
  builder.setInsertionPointToStart(body);

  for (const auto &node : graph.node())
    if (!importNode(node))
      return nullptr;
  if (!crossCheckShapes())
    return nullptr;

  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  for (const auto &out : graph.output()) {
    Entry *e = lookup(out.name());
    if (!e) {
      modelError() << "graph output '" << out.name() << "' is never computed";
      return nullptr;
    }
    Value v = e->value;
    if (!v) {
      if (!e->materialized)
        e->materialized = materialize(*e->host, fileLoc);
      v = e->materialized;
    }
    results.push_back(v);
    resultTypes.push_back(v.getType());
  }
  if (results.empty()) {
    modelError() << "the model has no graph outputs";
    return nullptr;
  }
  builder.create<func::ReturnOp>(fileLoc, results);
  func.setType(builder.getFunctionType(inputTypes, resultTypes));
  for (auto [i, out] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, "huge.name", builder.getStringAttr(out.name()));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

ArrayRef<const char *> huge::supportedOnnxOperators() {
  static const std::vector<const char *> types = [] {
    std::vector<const char *> v;
    for (const OnnxOp &op : kOnnxOps)
      if (!llvm::any_of(v,
                        [&](const char *t) { return StringRef(t) == op.type; }))
        v.push_back(op.type);
    return v;
  }();
  return types;
}

std::vector<OnnxOperatorInfo> huge::onnxOperatorTable() {
  std::vector<OnnxOperatorInfo> rows;
  for (const OnnxOp &op : kOnnxOps)
    rows.push_back({op.type, op.sinceOpset, op.untilOpset,
                    op.import != nullptr, op.fold != nullptr});
  return rows;
}

OwningOpRef<ModuleOp> huge::importOnnx(const llvm::MemoryBuffer &buffer,
                                       StringRef path, MLIRContext *context,
                                       const OnnxImportOptions &options) {
  Importer importer(context, path, buffer, options);
  return importer.run();
}

OwningOpRef<ModuleOp> huge::importOnnxFile(StringRef path, MLIRContext *context,
                                           const OnnxImportOptions &options) {
  Location loc = FileLineColLoc::get(context, path, 0, 0);
  // Only a regular file is read (a pipe would block, a device never end).
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status)) {
    emitError(loc) << "cannot read '" << path << "': no such file";
    return nullptr;
  }
  if (!llvm::sys::fs::is_regular_file(status)) {
    emitError(loc) << "'" << path << "' is not a regular file";
    return nullptr;
  }
  if (status.getSize() > static_cast<uint64_t>(options.limits.maxModelBytes)) {
    emitError(loc) << "the model file has " << status.getSize()
                   << " bytes, above the limit of "
                   << options.limits.maxModelBytes
                   << " bytes (--max-model-size)";
    return nullptr;
  }
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read '" << path << "': " << buffer.getError().message();
    return nullptr;
  }
  return importOnnx(**buffer, path, context, options);
}
