//===- HostTensor.cpp - host evaluation of ONNX shape subgraphs -----------===//

#include "HostTensor.h"

#include "huge/Dialect/Huge/IR/ShapeUtils.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace huge;
using llvm::ArrayRef;
using llvm::SmallVector;

int64_t HostTensor::numElements() const { return checkedElementCount(shape); }

int64_t huge::saturatingInt(double v) {
  // 2^63 is exact in double; NaN is no valid shape, index or count.
  if (!(v > -9223372036854775808.0))
    return INT64_MIN;
  if (v >= 9223372036854775808.0)
    return INT64_MAX;
  return static_cast<int64_t>(v);
}

std::vector<int64_t> HostTensor::asInts() const {
  std::vector<int64_t> out;
  out.reserve(data.size());
  for (double v : data)
    out.push_back(saturatingInt(v));
  return out;
}

namespace {
/// Row-major strides of `shape`.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Linear offset in `src` (broadcast into `outShape`) of the element at
/// multi-index `index` of the output.
int64_t broadcastOffset(ArrayRef<int64_t> index, ArrayRef<int64_t> src) {
  SmallVector<int64_t> strides = stridesOf(src);
  size_t lead = index.size() - src.size();
  int64_t off = 0;
  for (size_t i = 0; i < src.size(); ++i)
    if (src[i] != 1)
      off += index[lead + i] * strides[i];
  return off;
}

/// Calls fn(multiIndex, linear) for every element of `shape`.
template <typename Fn>
void forEachIndex(ArrayRef<int64_t> shape, Fn fn) {
  int64_t total = checkedElementCount(shape);
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t linear = 0; linear < total; ++linear) {
    fn(ArrayRef<int64_t>(index), linear);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

bool fail(std::string &error, std::string msg) {
  error = std::move(msg);
  return false;
}

HostTensor broadcastBinary(const HostTensor &a, const HostTensor &b,
                           ArrayRef<int64_t> shape,
                           double (*fn)(double, double),
                           HostTensor::Kind kind) {
  HostTensor r;
  r.kind = kind;
  r.shape.assign(shape.begin(), shape.end());
  r.data.resize(checkedElementCount(shape));
  forEachIndex(shape, [&](ArrayRef<int64_t> idx, int64_t i) {
    r.data[i] = fn(a.data[broadcastOffset(idx, a.shape)],
                   b.data[broadcastOffset(idx, b.shape)]);
  });
  return r;
}
} // namespace

bool huge::normalizeAxis(int64_t &axis, int64_t rank, std::string &error) {
  if (axis < -rank || axis >= rank) {
    error = "axis " + std::to_string(axis) + " is out of range for rank " +
            std::to_string(rank);
    return false;
  }
  if (axis < 0)
    axis += rank;
  return true;
}

static const HostTensor kNoInput;

Fold::Fold(llvm::StringRef op, const std::vector<const HostTensor *> &in,
           const FoldAttrs &attrs, int opset, std::string &error)
    : op(op), in(in), attrs(attrs), opset(opset), error(error),
      x(!in.empty() && in[0] ? *in[0] : kNoInput) {
  r.kind = x.kind;
}

bool Fold::need(size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (i >= in.size() || !in[i])
      return fail(error, "expects at least " + std::to_string(n) + " inputs");
  return true;
}

// A result's size is checked against the limit before it is allocated: a few
// bytes of shape must not make the importer allocate gigabytes.
bool Fold::fits(ArrayRef<int64_t> shape) {
  int64_t n = checkedElementCount(shape);
  if (n >= 0 && n <= attrs.maxElements)
    return true;
  std::string dims;
  for (int64_t d : shape)
    dims += (dims.empty() ? "" : ", ") + std::to_string(d);
  return fail(error, "the result [" + dims + "] has more elements than " +
                         "the limits allow (" +
                         std::to_string(attrs.maxElements) + ")");
}

bool Fold::run(Method method, HostTensor &result) {
  if (!need(1) || !(this->*method)())
    return false;
  if (static_cast<int64_t>(r.data.size()) != checkedElementCount(r.shape))
    return fail(error, "folded result has an inconsistent shape");
  result = std::move(r);
  return true;
}

bool Fold::identity() {
  r = x;
  return true;
}

bool Fold::cast() {
  r = x;
  switch (attrs.to) {
  case 1:
  case 10:
  case 11:
  case 16: // float, float16, double, bfloat16
    r.kind = HostTensor::Kind::Float;
    break;
  case 9: // bool
    r.kind = HostTensor::Kind::Bool;
    for (double &v : r.data)
      v = v != 0.0;
    break;
  default: // integer types truncate toward zero
    r.kind = HostTensor::Kind::Int;
    for (double &v : r.data)
      v = std::trunc(v);
  }
  return true;
}

bool Fold::unaryMath() {
  r = x;
  for (double &v : r.data)
    v = op == "Floor"  ? std::floor(v)
        : op == "Ceil" ? std::ceil(v)
        : op == "Neg"  ? -v
                       : std::sqrt(v);
  return true;
}

bool Fold::binary() {
  if (!need(2))
    return false;
  const HostTensor &y = *in[1];
  auto broadcast = broadcastShapes(x.shape, y.shape);
  if (!broadcast)
    return fail(error, "operands do not broadcast");
  SmallVector<int64_t> shape = *broadcast;
  bool isInt = x.kind != HostTensor::Kind::Float;
  double (*fn)(double, double) =
      op == "Add"     ? +[](double a, double b) { return a + b; }
      : op == "Sub"   ? +[](double a, double b) { return a - b; }
      : op == "Mul"   ? +[](double a, double b) { return a * b; }
      : op == "Equal" ? +[](double a, double b) { return a == b ? 1.0 : 0.0; }
      : isInt
          ? +[](double a, double b) { return b == 0 ? 0.0 : std::trunc(a / b); }
          : +[](double a, double b) { return a / b; };
  if (op == "Div" && isInt && llvm::is_contained(y.data, 0.0))
    return fail(error, "integer division by zero");
  if (!fits(shape))
    return false;
  r = broadcastBinary(x, y, shape, fn,
                      op == "Equal" ? HostTensor::Kind::Bool : x.kind);
  return true;
}

bool Fold::where() {
  if (!need(3))
    return false;
  auto s1 = broadcastShapes(x.shape, in[1]->shape);
  auto broadcast = s1 ? broadcastShapes(*s1, in[2]->shape) : std::nullopt;
  if (!broadcast)
    return fail(error, "operands do not broadcast");
  SmallVector<int64_t> shape = *broadcast;
  if (!fits(shape))
    return false;
  r.kind = in[1]->kind;
  r.shape = shape;
  r.data.resize(checkedElementCount(shape));
  forEachIndex(shape, [&](ArrayRef<int64_t> idx, int64_t i) {
    r.data[i] = x.data[broadcastOffset(idx, x.shape)] != 0
                    ? in[1]->data[broadcastOffset(idx, in[1]->shape)]
                    : in[2]->data[broadcastOffset(idx, in[2]->shape)];
  });
  return true;
}

bool Fold::gather() {
  if (!need(2))
    return false;
  int64_t axis = attrs.axis;
  int64_t rank = x.shape.size();
  if (!normalizeAxis(axis, rank, error))
    return false;
  const HostTensor &ind = *in[1];
  r.shape.assign(x.shape.begin(), x.shape.begin() + axis);
  r.shape.append(ind.shape.begin(), ind.shape.end());
  r.shape.append(x.shape.begin() + axis + 1, x.shape.end());
  if (!fits(r.shape))
    return false;
  int64_t outer =
      checkedElementCount(ArrayRef<int64_t>(x.shape).take_front(axis));
  int64_t inner =
      checkedElementCount(ArrayRef<int64_t>(x.shape).drop_front(axis + 1));
  for (int64_t o = 0; o < outer; ++o)
    for (double fi : ind.data) {
      int64_t i = saturatingInt(fi);
      if (i < 0)
        i += x.shape[axis];
      if (i < 0 || i >= x.shape[axis])
        return fail(error, "index " + std::to_string(saturatingInt(fi)) +
                               " is out of range for axis extent " +
                               std::to_string(x.shape[axis]));
      for (int64_t k = 0; k < inner; ++k)
        r.data.push_back(x.data[(o * x.shape[axis] + i) * inner + k]);
    }
  return true;
}

bool huge::sliceWindow(ArrayRef<int64_t> shape, ArrayRef<int64_t> starts,
                       ArrayRef<int64_t> ends, ArrayRef<int64_t> axesIn,
                       ArrayRef<int64_t> stepsIn, SliceWindow &w,
                       std::string &error) {
  int64_t rank = shape.size();
  SmallVector<int64_t> axes(axesIn), steps(stepsIn);
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(i);
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return fail(error, "starts, ends, axes and steps differ in length");
  w.start.assign(rank, 0);
  w.step.assign(rank, 1);
  w.shape.assign(shape.begin(), shape.end());
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t a = axes[i];
    if (!normalizeAxis(a, rank, error))
      return false;
    if (seen[a])
      return fail(error, "axis " + std::to_string(a) + " is sliced twice");
    seen[a] = true;
    int64_t dim = shape[a], s = starts[i], e = ends[i], st = steps[i];
    if (st == 0)
      return fail(error, "slice step is 0");
    if (dim == 0) {
      w.shape[a] = 0;
      continue;
    }
    // A step beyond the extent takes one element, as the extent does.
    st = std::clamp<int64_t>(st, -dim - 1, dim + 1);
    if (s < 0)
      s += dim;
    if (e < 0)
      e += dim;
    if (st > 0) {
      s = std::clamp<int64_t>(s, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      w.shape[a] = e > s ? (e - s + st - 1) / st : 0;
    } else {
      s = std::clamp<int64_t>(s, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      w.shape[a] = s > e ? (s - e - st - 1) / -st : 0;
    }
    w.start[a] = s;
    w.step[a] = st;
  }
  return true;
}

bool Fold::slice() {
  if (!need(3))
    return false;
  int64_t rank = x.shape.size();
  std::vector<int64_t> axes, steps;
  if (in.size() > 3 && in[3])
    axes = in[3]->asInts();
  if (in.size() > 4 && in[4])
    steps = in[4]->asInts();
  SliceWindow w;
  if (!sliceWindow(x.shape, in[1]->asInts(), in[2]->asInts(), axes, steps, w,
                   error))
    return false;
  ArrayRef<int64_t> start = w.start, step = w.step;
  r.shape = w.shape;
  SmallVector<int64_t> xs = stridesOf(x.shape);
  r.data.resize(checkedElementCount(r.shape));
  forEachIndex(r.shape, [&](ArrayRef<int64_t> idx, int64_t li) {
    int64_t off = 0;
    for (int64_t d = 0; d < rank; ++d)
      off += (start[d] + idx[d] * step[d]) * xs[d];
    r.data[li] = x.data[off];
  });
  return true;
}

bool Fold::concat() {
  int64_t rank = x.shape.size();
  int64_t axis = attrs.axis;
  if (!normalizeAxis(axis, rank, error))
    return false;
  r.shape = x.shape;
  r.shape[axis] = 0;
  for (const HostTensor *t : in) {
    if (!t || t->shape.size() != x.shape.size())
      return fail(error, "inputs differ in rank");
    r.shape[axis] += t->shape[axis];
  }
  if (!fits(r.shape))
    return false;
  int64_t outer =
      checkedElementCount(ArrayRef<int64_t>(x.shape).take_front(axis));
  for (int64_t o = 0; o < outer; ++o)
    for (const HostTensor *t : in) {
      int64_t chunk = t->data.size() / std::max<int64_t>(outer, 1);
      r.data.insert(r.data.end(), t->data.begin() + o * chunk,
                    t->data.begin() + (o + 1) * chunk);
    }
  return true;
}

bool Fold::squeeze() {
  std::vector<int64_t> axes = attrs.axes;
  bool hasAxes = attrs.hasAxes;
  if (opset >= 13 && in.size() > 1 && in[1]) {
    axes = in[1]->asInts();
    hasAxes = true;
  }
  r = x;
  if (op == "Unsqueeze") {
    int64_t rank = x.shape.size() + axes.size();
    for (int64_t &a : axes)
      if (!normalizeAxis(a, rank, error))
        return false;
    llvm::sort(axes);
    for (int64_t a : axes)
      r.shape.insert(r.shape.begin() + a, 1);
  } else {
    int64_t rank = x.shape.size();
    SmallVector<int64_t> shape;
    for (int64_t &a : axes)
      if (!normalizeAxis(a, rank, error))
        return false;
    for (int64_t d = 0; d < rank; ++d) {
      bool drop = hasAxes ? llvm::is_contained(axes, d) : x.shape[d] == 1;
      if (drop && x.shape[d] != 1)
        return fail(error, "cannot squeeze axis " + std::to_string(d) +
                               " of extent " + std::to_string(x.shape[d]));
      if (!drop)
        shape.push_back(x.shape[d]);
    }
    r.shape = shape;
  }
  return true;
}

bool Fold::constantOfShape() {
  std::vector<int64_t> shape = x.asInts();
  r.shape.assign(shape.begin(), shape.end());
  if (!fits(r.shape))
    return false;
  int64_t n = checkedElementCount(r.shape);
  r.kind = attrs.hasValue ? attrs.value.kind : HostTensor::Kind::Float;
  r.data.assign(n, attrs.hasValue && !attrs.value.data.empty()
                       ? attrs.value.data[0]
                       : 0.0);
  return true;
}

bool Fold::expand() {
  if (!need(2))
    return false;
  std::vector<int64_t> target = in[1]->asInts();
  auto broadcast = broadcastShapes(x.shape, target);
  if (!broadcast)
    return fail(error, "shape does not broadcast");
  SmallVector<int64_t> shape = *broadcast;
  if (!fits(shape))
    return false;
  HostTensor ones;
  ones.shape = shape;
  ones.data.assign(checkedElementCount(shape), 0.0);
  r = broadcastBinary(
      x, ones, shape, [](double a, double) { return a; }, x.kind);
  return true;
}

bool Fold::reshape() {
  SmallVector<int64_t> shape;
  int64_t total = x.numElements();
  if (op == "Flatten") {
    // ONNX: axis in [-r, r]; a negative one counts from the back (-1
    // keeps the last axis apart).
    int64_t axis = attrs.hasAxis ? attrs.axis : 1;
    int64_t rank = x.shape.size();
    if (axis < -rank || axis > rank)
      return fail(error, "axis " + std::to_string(axis) +
                             " is out of range for rank " +
                             std::to_string(rank));
    if (axis < 0)
      axis += rank;
    int64_t outer =
        checkedElementCount(ArrayRef<int64_t>(x.shape).take_front(axis));
    shape = {outer, outer ? total / outer : 0};
  } else {
    if (!need(2))
      return false;
    int64_t inferred = -1, known = 1;
    std::vector<int64_t> target = in[1]->asInts();
    for (size_t i = 0; i < target.size(); ++i) {
      int64_t d = target[i];
      if (d == 0 && i < x.shape.size())
        d = x.shape[i];
      if (d == -1) {
        if (inferred >= 0)
          return fail(error, "shape has more than one -1");
        inferred = i;
      } else if (d < 0) {
        return fail(error, "shape has negative extent " + std::to_string(d));
      } else if (d > kMaxTensorElements) {
        return fail(error, "shape has extent " + std::to_string(d) +
                               ", more than 2^31-1");
      } else if (known > kMaxTensorElements) {
        return fail(error, "shape holds more than 2^31-1 elements");
      } else {
        known *= d;
      }
      shape.push_back(d);
    }
    if (inferred >= 0) {
      if (known == 0 || total % known != 0)
        return fail(error, "cannot infer the -1 extent");
      shape[inferred] = total / known;
    }
    if (checkedElementCount(shape) != total)
      return fail(error, "shape does not hold the input's elements");
  }
  r = x;
  r.shape = shape;
  return true;
}

bool Fold::range() {
  if (!need(3))
    return false;
  if (x.data.empty() || in[1]->data.empty() || in[2]->data.empty())
    return fail(error, "start, limit and delta must be scalars");
  double start = x.data[0], limit = in[1]->data[0], delta = in[2]->data[0];
  if (delta == 0)
    return fail(error, "delta is 0");
  double count = std::ceil((limit - start) / delta);
  if (!(count <= static_cast<double>(attrs.maxElements)))
    return fail(error, "the range has more elements than the limits allow");
  int64_t n = std::max<int64_t>(0, saturatingInt(count));
  for (int64_t i = 0; i < n; ++i)
    r.data.push_back(start + i * delta);
  r.shape = {n};
  return true;
}

bool Fold::transpose() {
  int64_t rank = x.shape.size();
  std::vector<int64_t> perm = attrs.perm;
  if (!attrs.hasPerm)
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  if (static_cast<int64_t>(perm.size()) != rank)
    return fail(error, "perm has the wrong length");
  for (int64_t p : perm)
    if (p < 0 || p >= rank)
      return fail(error, "perm entry out of range");
  SmallVector<int64_t> xs = stridesOf(x.shape);
  for (int64_t p : perm)
    r.shape.push_back(x.shape[p]);
  r.data.resize(x.data.size());
  forEachIndex(r.shape, [&](ArrayRef<int64_t> idx, int64_t li) {
    int64_t off = 0;
    for (int64_t d = 0; d < rank; ++d)
      off += idx[d] * xs[perm[d]];
    r.data[li] = x.data[off];
  });
  return true;
}
