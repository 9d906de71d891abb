//===- onnx_fuzzer.cpp - ONNX models through the whole compiler -----------===//
//
// A libFuzzer target whose inputs are ONNX models. The custom mutator
// parses the input as a ModelProto and changes its structure: dimensions,
// attributes, op types, initializers, graph edges, external-data fields and
// the opset; bytes that do not parse get libFuzzer's byte mutations. Each
// model is compiled as if it sat in a sandbox folder that holds the files
// external data may name: a regular weights file, a named pipe, a link
// leading out of the folder, a link staying in it, and a subfolder.
//
// Build with -DHUGE_FUZZ=ON (see docs/fuzzing.md).
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "huge/Import/OnnxImport.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <random>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

namespace {

std::string sandbox;

void makeSandbox() {
  const char *tmp = std::getenv("TMPDIR");
  std::string dir = std::string(tmp && *tmp ? tmp : "/tmp") +
                    "/huge-fuzz-onnx-" + std::to_string(::getpid());
  ::mkdir(dir.c_str(), 0700);
  std::mt19937 rng(1);
  std::vector<float> weights(1024);
  for (float &w : weights)
    w = std::uniform_real_distribution<float>(-1, 1)(rng);
  if (FILE *f = std::fopen((dir + "/weights.bin").c_str(), "wb")) {
    std::fwrite(weights.data(), sizeof(float), weights.size(), f);
    std::fclose(f);
  }
  ::mkfifo((dir + "/pipe.bin").c_str(), 0600);
  (void)::symlink("/dev/zero", (dir + "/outside.bin").c_str());
  (void)::symlink("weights.bin", (dir + "/inside.bin").c_str());
  ::mkdir((dir + "/sub").c_str(), 0700);
  sandbox = dir;
  std::atexit([] {
    for (const char *f :
         {"/weights.bin", "/pipe.bin", "/outside.bin", "/inside.bin"})
      ::unlink((sandbox + f).c_str());
    ::rmdir((sandbox + "/sub").c_str());
    ::rmdir(sandbox.c_str());
  });
}

using Rng = std::mt19937_64;

size_t pick(Rng &rng, size_t n) {
  return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
}

int64_t interestingInt(Rng &rng) {
  static const int64_t kValues[] = {0,
                                    1,
                                    -1,
                                    2,
                                    3,
                                    4,
                                    7,
                                    16,
                                    255,
                                    65536,
                                    65537,
                                    (int64_t(1) << 31) - 1,
                                    int64_t(1) << 31,
                                    int64_t(1) << 32,
                                    int64_t(1) << 40,
                                    INT64_MAX,
                                    INT64_MIN,
                                    -(int64_t(1) << 31)};
  if (pick(rng, 3) == 0)
    return static_cast<int64_t>(pick(rng, 9)) - 2;
  return kValues[pick(rng, std::size(kValues))];
}

float interestingFloat(Rng &rng) {
  static const float kValues[] = {0.0f, -0.0f,    1.0f,     -1.0f, 0.5f,
                                  2.0f, 1e-30f,   1e30f,    3e38f, -3e38f,
                                  NAN,  INFINITY, -INFINITY};
  return kValues[pick(rng, std::size(kValues))];
}

/// An op type: one the importer translates, or now and then one it does not.
const char *someOpType(Rng &rng) {
  static const char *const kUnsupported[] = {"IsNaN", "Loop", "Einsum", ""};
  llvm::ArrayRef<const char *> ops = huge::supportedOnnxOperators();
  if (pick(rng, 8) == 0)
    return kUnsupported[pick(rng, std::size(kUnsupported))];
  return ops[pick(rng, ops.size())];
}

const char *const kIntAttrs[] = {"strides",
                                 "pads",
                                 "dilations",
                                 "kernel_shape",
                                 "output_padding",
                                 "output_shape",
                                 "group",
                                 "axis",
                                 "axes",
                                 "perm",
                                 "blocksize",
                                 "ceil_mode",
                                 "count_include_pad",
                                 "storage_order",
                                 "to",
                                 "transA",
                                 "transB",
                                 "allowzero",
                                 "start",
                                 "end",
                                 "keepdims"};
const char *const kStringAttrs[] = {
    "auto_pad", "mode", "coordinate_transformation_mode", "nearest_mode"};
const char *const kStrings[] = {
    "NOTSET",        "SAME_UPPER", "SAME_LOWER", "VALID",    "DCR",     "CRD",
    "nearest",       "linear",     "cubic",      "constant", "reflect", "edge",
    "align_corners", "asymmetric", "half_pixel", "floor",    ""};
const char *const kLocations[] = {
    "weights.bin", "pipe.bin",           "outside.bin",   "inside.bin",
    "sub",         "../weights.bin",     "/etc/passwd",   "",
    "missing.bin", "sub/../weights.bin", "./weights.bin", "weights.bin/"};

/// Every tensor name of the graph, for rewiring edges.
std::vector<std::string> namesOf(const onnx::GraphProto &g) {
  std::vector<std::string> names;
  for (const auto &i : g.input())
    names.push_back(i.name());
  for (const auto &t : g.initializer())
    names.push_back(t.name());
  for (const auto &n : g.node())
    for (const auto &o : n.output())
      names.push_back(o);
  return names;
}

onnx::TensorShapeProto *someShape(onnx::GraphProto &g, Rng &rng) {
  std::vector<onnx::TensorShapeProto *> shapes;
  for (auto &v : *g.mutable_input())
    shapes.push_back(v.mutable_type()->mutable_tensor_type()->mutable_shape());
  for (auto &v : *g.mutable_output())
    shapes.push_back(v.mutable_type()->mutable_tensor_type()->mutable_shape());
  for (auto &v : *g.mutable_value_info())
    shapes.push_back(v.mutable_type()->mutable_tensor_type()->mutable_shape());
  return shapes.empty() ? nullptr : shapes[pick(rng, shapes.size())];
}

void mutateAttribute(onnx::NodeProto &node, Rng &rng) {
  if (node.attribute_size() == 0 || pick(rng, 4) == 0) {
    onnx::AttributeProto *a = node.add_attribute();
    if (pick(rng, 4) == 0) {
      a->set_name(kStringAttrs[pick(rng, std::size(kStringAttrs))]);
      a->set_type(onnx::AttributeProto::STRING);
      a->set_s(kStrings[pick(rng, std::size(kStrings))]);
      return;
    }
    a->set_name(kIntAttrs[pick(rng, std::size(kIntAttrs))]);
    if (pick(rng, 2)) {
      a->set_type(onnx::AttributeProto::INT);
      a->set_i(interestingInt(rng));
    } else {
      a->set_type(onnx::AttributeProto::INTS);
      for (size_t i = 0, n = pick(rng, 5); i < n; ++i)
        a->add_ints(interestingInt(rng));
    }
    return;
  }
  onnx::AttributeProto &a =
      *node.mutable_attribute(pick(rng, node.attribute_size()));
  switch (pick(rng, 6)) {
  case 0:
    a.set_i(interestingInt(rng));
    break;
  case 1:
    if (a.ints_size())
      a.set_ints(pick(rng, a.ints_size()), interestingInt(rng));
    else
      a.add_ints(interestingInt(rng));
    break;
  case 2:
    if (a.ints_size() && pick(rng, 2))
      a.mutable_ints()->RemoveLast();
    else
      a.add_ints(interestingInt(rng));
    break;
  case 3:
    a.set_f(interestingFloat(rng));
    if (a.floats_size())
      a.set_floats(pick(rng, a.floats_size()), interestingFloat(rng));
    break;
  case 4:
    a.set_s(kStrings[pick(rng, std::size(kStrings))]);
    break;
  default:
    a.set_type(static_cast<onnx::AttributeProto::AttributeType>(pick(rng, 12)));
    break;
  }
}

void mutateTensor(onnx::TensorProto &t, Rng &rng) {
  switch (pick(rng, 7)) {
  case 0:
    if (t.dims_size())
      t.set_dims(pick(rng, t.dims_size()), interestingInt(rng));
    else
      t.add_dims(interestingInt(rng));
    break;
  case 1:
    if (t.dims_size() && pick(rng, 2))
      t.mutable_dims()->RemoveLast();
    else
      t.add_dims(1 + pick(rng, 4));
    break;
  case 2: {
    std::string raw = t.raw_data();
    raw.resize(pick(rng, raw.size() + 16));
    t.set_raw_data(raw);
    break;
  }
  case 3: {
    static const int kTypes[] = {
        onnx::TensorProto::FLOAT, onnx::TensorProto::DOUBLE,
        onnx::TensorProto::INT64, onnx::TensorProto::INT32,
        onnx::TensorProto::INT8,  onnx::TensorProto::UINT8,
        onnx::TensorProto::BOOL,  onnx::TensorProto::FLOAT16,
        onnx::TensorProto::STRING};
    t.set_data_type(kTypes[pick(rng, std::size(kTypes))]);
    break;
  }
  case 4: {
    // Values to the typed field instead of raw bytes.
    t.clear_raw_data();
    for (size_t i = 0, n = pick(rng, 9); i < n; ++i)
      t.add_float_data(interestingFloat(rng));
    break;
  }
  case 5:
    if (t.raw_data().size() >= 4) {
      std::string raw = t.raw_data();
      float v = interestingFloat(rng);
      std::memcpy(&raw[4 * pick(rng, raw.size() / 4)], &v, 4);
      t.set_raw_data(raw);
    }
    break;
  default: {
    // External data with hostile fields.
    t.clear_raw_data();
    t.clear_float_data();
    t.set_data_location(onnx::TensorProto::EXTERNAL);
    t.clear_external_data();
    auto add = [&](const char *k, const std::string &v) {
      auto *e = t.add_external_data();
      e->set_key(k);
      e->set_value(v);
    };
    add("location", kLocations[pick(rng, std::size(kLocations))]);
    if (pick(rng, 2))
      add("offset", std::to_string(interestingInt(rng)));
    if (pick(rng, 2))
      add("length", pick(rng, 3) ? std::to_string(interestingInt(rng))
                                 : std::string("12x"));
    break;
  }
  }
}

void mutate(onnx::ModelProto &m, Rng &rng) {
  onnx::GraphProto &g = *m.mutable_graph();
  switch (pick(rng, 10)) {
  case 0: // a dimension of an input, output or value_info
    if (auto *shape = someShape(g, rng)) {
      if (shape->dim_size() && pick(rng, 4)) {
        auto *d = shape->mutable_dim(pick(rng, shape->dim_size()));
        if (pick(rng, 5))
          d->set_dim_value(interestingInt(rng));
        else
          d->set_dim_param("N");
      } else if (shape->dim_size() && pick(rng, 2)) {
        shape->mutable_dim()->RemoveLast();
      } else {
        shape->add_dim()->set_dim_value(1 + pick(rng, 8));
      }
    }
    break;
  case 1:
  case 2: // an attribute
    if (g.node_size())
      mutateAttribute(*g.mutable_node(pick(rng, g.node_size())), rng);
    break;
  case 3: // an op type
    if (g.node_size())
      g.mutable_node(pick(rng, g.node_size()))->set_op_type(someOpType(rng));
    break;
  case 4:
  case 5: // an initializer (or a Constant's value)
    if (g.initializer_size() && pick(rng, 4)) {
      mutateTensor(*g.mutable_initializer(pick(rng, g.initializer_size())),
                   rng);
    } else {
      for (auto &n : *g.mutable_node())
        for (auto &a : *n.mutable_attribute())
          if (a.has_t() && pick(rng, 2)) {
            mutateTensor(*a.mutable_t(), rng);
            return;
          }
    }
    break;
  case 6: { // an edge
    std::vector<std::string> names = namesOf(g);
    if (!g.node_size() || names.empty())
      break;
    onnx::NodeProto &n = *g.mutable_node(pick(rng, g.node_size()));
    std::string name = pick(rng, 6)   ? names[pick(rng, names.size())]
                       : pick(rng, 2) ? std::string()
                                      : std::string("nowhere");
    if (n.input_size() && pick(rng, 3))
      n.set_input(pick(rng, n.input_size()), name);
    else if (pick(rng, 2))
      n.add_input(name);
    else if (n.output_size())
      n.set_output(pick(rng, n.output_size()), name);
    break;
  }
  case 7: { // node order: move, duplicate or drop
    if (g.node_size() < 1)
      break;
    size_t i = pick(rng, g.node_size());
    switch (pick(rng, 3)) {
    case 0:
      g.mutable_node()->SwapElements(i, pick(rng, g.node_size()));
      break;
    case 1:
      *g.add_node() = g.node(i);
      break;
    default:
      g.mutable_node()->DeleteSubrange(i, 1);
      break;
    }
    break;
  }
  case 8: // graph outputs and inputs
    if (g.output_size() && pick(rng, 2)) {
      std::vector<std::string> names = namesOf(g);
      if (!names.empty())
        g.mutable_output(pick(rng, g.output_size()))
            ->set_name(names[pick(rng, names.size())]);
    } else if (g.input_size()) {
      auto *tt = g.mutable_input(pick(rng, g.input_size()))
                     ->mutable_type()
                     ->mutable_tensor_type();
      tt->set_elem_type(pick(rng, 3) ? 1 : static_cast<int>(pick(rng, 17)));
    }
    break;
  default: // the opset and IR version
    if (m.opset_import_size() && pick(rng, 3))
      m.mutable_opset_import(0)->set_version(
          static_cast<int64_t>(pick(rng, 22)));
    else
      m.set_ir_version(static_cast<int64_t>(pick(rng, 11)));
    break;
  }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  makeSandbox();
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size,
                                          size_t maxSize, unsigned int seed) {
  Rng rng(seed);
  onnx::ModelProto model;
  if (size == 0 || pick(rng, 16) == 0 ||
      !model.ParseFromArray(data, static_cast<int>(size)))
    return LLVMFuzzerMutate(data, size, maxSize);
  for (size_t i = 0, n = 1 + pick(rng, 3); i < n; ++i)
    mutate(model, rng);
  std::string out;
  if (!model.SerializeToString(&out) || out.size() > maxSize)
    return LLVMFuzzerMutate(data, size, maxSize);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return huge::fuzz::compileOne(data, size, /*onnx=*/true,
                                sandbox + "/model.onnx");
}
