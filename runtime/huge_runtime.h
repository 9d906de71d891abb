/* huge runtime: the portable C99 kernels that generated models call.
 *
 * All tensors are dense row-major fp32 (activations NCHW). Kernels never
 * allocate, never print, and accept out == in where the comment says so.
 * Sizes are int: huge refuses tensors of 2^31 elements or more.
 */
#ifndef HUGE_RUNTIME_H
#define HUGE_RUNTIME_H

#define HUGE_MAX_RANK 8

#ifdef __cplusplus
extern "C" {
#endif

/* Activation fused into a kernel's epilogue. */
typedef enum huge_activation {
  HUGE_ACT_NONE,
  HUGE_ACT_RELU,
  HUGE_ACT_LEAKY_RELU, /* a = alpha */
  HUGE_ACT_CLIP,       /* a = min, b = max */
  HUGE_ACT_SIGMOID,
  HUGE_ACT_TANH,
  HUGE_ACT_HARD_SIGMOID, /* a = alpha, b = beta */
  HUGE_ACT_HARD_SWISH,
  HUGE_ACT_SILU
} huge_activation;

/* Channels per block of the blocked activation layout (NCHW16c); the
 * compiler reads this definition too. */
#define HUGE_CHANNEL_BLOCK 16

/* Convolution geometry. Input [n, cin, h, w], output [n, cout, oh, ow].
 * conv2d weights: [cout, cin/groups, kh, kw];
 * conv_transpose2d weights: [cin, cout/groups, kh, kw].
 * pt/pl: top/left padding (bottom/right follow from oh/ow); conv2d accepts
 * negative values (a crop).
 * The output is written through a strided view: element (b, c, y, x) is at
 * out[(b * cout + c) * ocs + y * oys + x * oxs]; dense NCHW has
 * ocs = oh * ow, oys = ow, oxs = 1.
 *
 * Activations between two by-channel convolutions (see huge_conv2d) may be
 * stored channel-blocked instead, NCHW16c: icb (input) or ocb (output) = 16
 * puts element (b, c, y, x) at ((b * C + c - c % 16) * plane) + c % 16 +
 * (y * w + x) * 16 for the input (plane = ics or h * w), and at
 * ((b * cout + c - c % 16) * ocs) + c % 16 + y * oys + x * oxs for the
 * output, whose oys and oxs then count floats (16 per pixel when dense).
 * Channel counts (per group for the input) are then multiples of 16. 0 or 1
 * means planar NCHW; the other kernels take planar tensors only. */
typedef struct huge_conv_params {
  int n, cin, h, w;
  int cout, oh, ow;
  int kh, kw, sh, sw, pt, pl, dh, dw, groups;
  int ocs, oys, oxs; /* output strides: channel, row, column */
  huge_activation act;
  float act_a, act_b;
  /* Input channel stride in floats; 0 means h * w (dense). Larger when the
   * input is a band of rows of a taller tensor. */
  long ics;
  int icb, ocb; /* channel blocks of the input and output layouts */
} huge_conv_params;

/* Optional multi-threading. By default every kernel runs on the calling
 * thread. An application with threads may install a parallel-for: the
 * convolution kernels then call fn(ctx, count, task, arg), which must run
 * task(arg, i) once for every i in [0, count), in any order and on any
 * threads, and return when all are done. The tasks write disjoint outputs.
 * Pass NULL to go back to a single thread. Not thread-safe itself: install
 * it before running models. */
typedef void (*huge_task_fn)(void *arg, int index);
typedef void (*huge_parallel_for_fn)(void *ctx, int count, huge_task_fn task,
                                     void *arg);
void huge_set_parallel_for(huge_parallel_for_fn fn, void *ctx);

/* Convolution with weights packed by huge_pack_conv2d_weights (huge-compile
 * packs them at compile time). blk, the output channels per weight block,
 * selects the loop order: a multiple of 16 computes tiles of output pixels x
 * vectors of output channels; any other value tiles output channels x
 * vectors of output columns, which suits few output channels. bias may be
 * NULL. */
void huge_conv2d(const float *in, const float *packed, int blk,
                 const float *bias, float *out, const huge_conv_params *p);
/* huge_conv2d with a residual connection: res, a tensor laid out as out
 * (dense, not overlapping out), is added to every output before the
 * activation: act(bias + sum + res). */
void huge_conv2d_residual(const float *in, const float *packed, int blk,
                          const float *bias, const float *res, float *out,
                          const huge_conv_params *p);

/* Packs conv2d weights [cout][cig][kh][kw] as
 * [groups][ceil(cog / blk)][kh][kw][cig][blk] (cog = cout / groups), zero
 * past cog: groups * ceil(cog / blk) * kh * kw * cig * blk floats. */
void huge_pack_conv2d_weights(const float *weight, int cout, int cig, int kh,
                              int kw, int groups, int blk, float *packed);

/* The phases of one untangled layer: `count` convolutions of the same input
 * and bias, each with its own packed weights (same blk), geometry and
 * (strided) output, computed block by block so every weight block and the
 * input it reads stay in cache for all phases. */
void huge_conv2d_phases(const float *in, int count, const float *const packed[],
                        int blk, const float *bias, float *const outs[],
                        const huge_conv_params *const params[]);

/* Transposed convolution, by scatter (used only where no pass untangled
 * it). weights [cin][cout/groups][kh][kw]; bias may be NULL. */
void huge_conv_transpose2d(const float *in, const float *weight,
                           const float *bias, float *out,
                           const huge_conv_params *p);

/* Transposed convolution in output order, for layers whose outputs each sum
 * a few products: every output row in vectors of 16 consecutive columns,
 * stored contiguously (dense output: oxs 1). Dilation 1, pl >= 0 and
 * pt >= 0; the stride, kernel and pads must give
 * sw * floor(L / sw) + (ceil(kw / sw) - 1) * sw + 16 <= 1024, with L =
 * HUGE_ROWS_LANES(sw). Weights packed by huge_pack_transpose_rows_weights
 * from [cin][cout/groups][kh][kw] as [cout][cin/groups][kh][ceil(kw/sw)][L]:
 * lane l of column tap t is kernel column (pl % sw + l) % sw + t * sw, zero
 * past kw. bias may be NULL. */
#define HUGE_ROWS_LANES(sw) (16 * (((sw) + 15) / 16))
void huge_conv_transpose_rows(const float *in, const float *packed,
                              const float *bias, float *out,
                              const huge_conv_params *p);
void huge_pack_transpose_rows_weights(const float *weight, int cin, int cout,
                                      int kh, int kw, int sw, int pl,
                                      int groups, float *packed);

/* Depthwise convolution: weights [cout][kh][kw], output channel c reads
 * input channel c / (cout / cin). */
void huge_depthwise_conv2d(const float *in, const float *weight,
                           const float *bias, float *out,
                           const huge_conv_params *p);
/* The same convolution computed a plane at a time in runs of pixels
 * (vectors that cross row ends), for small planes: one output channel per
 * input channel, stride 1, output rows as wide as the input's (ow = w),
 * dense planar output (oxs 1, oys ow) and at most 49 taps. Any other
 * geometry is computed by huge_depthwise_conv2d; either way the values are
 * the same, bit for bit. */
void huge_depthwise_conv2d_flat(const float *in, const float *weight,
                                const float *bias, float *out,
                                const huge_conv_params *p);

/* Pooling geometry over planes [nc, h, w] -> [nc, oh, ow]. */
typedef struct huge_pool_params {
  int nc, h, w, oh, ow;
  int kh, kw, sh, sw, pt, pl, pb, pr, dh, dw;
  int count_include_pad; /* avg pool: divide by the padded window */
} huge_pool_params;

void huge_max_pool2d(const float *in, float *out, const huge_pool_params *p);
void huge_avg_pool2d(const float *in, float *out, const huge_pool_params *p);
void huge_global_avg_pool(const float *in, float *out, int nc, int hw);

/* Phases of a strided output [n, c, oh, ow] (see huge.interleave): copies
 * phase (rh, rw), dense [n, c, ceil((oh-rh)/sh), ceil((ow-rw)/sw)], into its
 * positions, or fills them with fill[c] (0 when fill is NULL). */
void huge_interleave_copy(const float *phase, float *out, int n, int c, int oh,
                          int ow, int sh, int sw, int rh, int rw);
void huge_interleave_fill(const float *fill, float *out, int n, int c, int oh,
                          int ow, int sh, int sw, int rh, int rw);

/* out[i] = in[offsets + i * steps] per axis (rank <= HUGE_MAX_RANK). */
void huge_slice(const float *in, float *out, const int *in_shape,
                const int *out_shape, const int *offsets, const int *steps,
                int rank);

/* [n, c, h, w] -> [n, c, (h-1)*sh+1, (w-1)*sw+1], zeros between pixels. */
void huge_insert_zeros(const float *in, float *out, int nc, int h, int w,
                       int sh, int sw);

/* Element-wise activations over n elements; out may equal in. */
void huge_relu(const float *in, float *out, int n);
void huge_leaky_relu(const float *in, float *out, int n, float alpha);
void huge_clip(const float *in, float *out, int n, float lo, float hi);
void huge_sigmoid(const float *in, float *out, int n);
void huge_tanh(const float *in, float *out, int n);
typedef enum huge_unary_fn {
  HUGE_FN_SQRT,
  HUGE_FN_EXP,
  HUGE_FN_LOG,
  HUGE_FN_NEG,
  HUGE_FN_ABS,
  HUGE_FN_RECIPROCAL,
  HUGE_FN_ERF,
  HUGE_FN_SOFTPLUS, /* log(1 + exp(x)) */
  HUGE_FN_SOFTSIGN, /* x / (1 + |x|) */
  HUGE_FN_ELU,      /* x > 0 ? x : a * (exp(x) - 1) */
  HUGE_FN_SELU,     /* b * (x > 0 ? x : a * (exp(x) - 1)) */
  HUGE_FN_POW,      /* pow(x, a) */
  HUGE_FN_FLOOR,
  HUGE_FN_CEIL
} huge_unary_fn;
/* out[i] = fn(in[i]), with the function's parameters a and b (ignored by
 * the functions that have none); out may equal in. */
void huge_unary(const float *in, float *out, int n, huge_unary_fn fn, float a,
                float b);
/* max(0, min(1, alpha * x + beta)) */
void huge_hard_sigmoid(const float *in, float *out, int n, float alpha,
                       float beta);
/* x * min(max(x + 3, 0), 6) / 6 (MobileNetV3) */
void huge_hard_swish(const float *in, float *out, int n);
/* x * sigmoid(x) (SiLU, swish) */
void huge_silu(const float *in, float *out, int n);

/* The steps of a fused element-wise chain (huge.chain): activations, the
 * functions of huge_unary_fn in its order, operations with a constant c
 * (v op c; RSUB and RDIV compute c op v) and with the chain's input x
 * (v op x; RSUB_INPUT and RDIV_INPUT compute x op v). */
typedef enum huge_step {
  HUGE_STEP_RELU,
  HUGE_STEP_LEAKY_RELU,   /* [alpha] */
  HUGE_STEP_CLIP,         /* [lo, hi] */
  HUGE_STEP_SIGMOID,
  HUGE_STEP_TANH,
  HUGE_STEP_HARD_SIGMOID, /* [alpha, beta] */
  HUGE_STEP_HARD_SWISH,
  HUGE_STEP_SILU,
  HUGE_STEP_SQRT,
  HUGE_STEP_EXP,
  HUGE_STEP_LOG,
  HUGE_STEP_NEG,
  HUGE_STEP_ABS,
  HUGE_STEP_RECIPROCAL,
  HUGE_STEP_ERF,
  HUGE_STEP_SOFTPLUS,
  HUGE_STEP_SOFTSIGN,
  HUGE_STEP_ELU,  /* [alpha] */
  HUGE_STEP_SELU, /* [alpha, gamma] */
  HUGE_STEP_POW,  /* [exponent] */
  HUGE_STEP_FLOOR,
  HUGE_STEP_CEIL,
  HUGE_STEP_ADD, /* [c] */
  HUGE_STEP_SUB,
  HUGE_STEP_RSUB,
  HUGE_STEP_MUL,
  HUGE_STEP_DIV,
  HUGE_STEP_RDIV,
  HUGE_STEP_ADD_INPUT,
  HUGE_STEP_SUB_INPUT,
  HUGE_STEP_RSUB_INPUT,
  HUGE_STEP_MUL_INPUT,
  HUGE_STEP_DIV_INPUT,
  HUGE_STEP_RDIV_INPUT
} huge_step;
/* out[i] = the steps applied in order to in[i], reading each input and
 * writing each output once; params holds the steps' parameters one after
 * another. out may equal in. Rounds as the separate kernels do. */
void huge_chain(const float *in, float *out, int n, const huge_step *steps,
                int nsteps, const float *params);

/* Inference batch norm over [n, c, inner]; out may equal in. */
void huge_batch_norm(const float *in, float *out, int n, int c, int inner,
                     const float *scale, const float *bias, const float *mean,
                     const float *var, float epsilon);

/* Instance normalization of [n, c, inner] (inner = the product of the
 * spatial dimensions): each (b, ch) plane by its own mean and biased
 * variance, then scale[ch] and bias[ch]. out may equal in. */
void huge_instance_norm(const float *in, float *out, int n, int c, int inner,
                        const float *scale, const float *bias, float epsilon);

/* Broadcasting binary op. Shapes are given as the output shape (rank <=
 * HUGE_MAX_RANK) and per-operand element strides, 0 along broadcast axes.
 * out may equal a or b when that operand is not broadcast. */
typedef enum huge_binary_kind {
  HUGE_ADD,
  HUGE_SUB,
  HUGE_MUL,
  HUGE_DIV,
  HUGE_PRELU, /* a >= 0 ? a : a * b */
  HUGE_POW    /* powf(a, b) */
} huge_binary_kind;
void huge_binary(huge_binary_kind kind, const float *a, const int *a_strides,
                 const float *b, const int *b_strides, float *out,
                 const int *shape, int rank);

/* Copies a [outer, inner] block into a [outer, dst_inner] buffer at column
 * dst_offset (one input of a concat). */
void huge_concat_part(const float *src, float *dst, int outer, int inner,
                      int dst_inner, int dst_offset);
void huge_copy(const float *src, float *dst, int n);

/* [n, c*b*b, h, w] -> [n, c, h*b, w*b]; crd = PyTorch pixel shuffle. */
void huge_depth_to_space(const float *in, float *out, int n, int c, int h,
                         int w, int b, int crd);

typedef enum huge_coordinate_mode {
  HUGE_COORD_HALF_PIXEL,
  HUGE_COORD_PYTORCH_HALF_PIXEL,
  HUGE_COORD_ALIGN_CORNERS,
  HUGE_COORD_ASYMMETRIC,
  HUGE_COORD_TF_CROP_AND_RESIZE
} huge_coordinate_mode;
typedef enum huge_nearest_mode {
  HUGE_NEAREST_FLOOR,
  HUGE_NEAREST_CEIL,
  HUGE_NEAREST_ROUND_PREFER_FLOOR,
  HUGE_NEAREST_ROUND_PREFER_CEIL
} huge_nearest_mode;
typedef enum huge_resize_mode {
  HUGE_RESIZE_NEAREST,
  HUGE_RESIZE_LINEAR, /* bilinear */
  HUGE_RESIZE_CUBIC   /* bicubic, Keys' kernel of parameter cubic_a */
} huge_resize_mode;
/* Resize of planes [nc, h, w] -> [nc, oh, ow]. With
 * HUGE_COORD_TF_CROP_AND_RESIZE, roi = {h_start, w_start, h_end, w_end} (as
 * fractions of the input) is the window resized, and outputs whose source
 * lies outside the input are `extrapolation`; otherwise roi may be NULL.
 * Cubic: with exclude_outside, taps outside the input weigh 0 and the others
 * are renormalized; otherwise edge pixels repeat. */
void huge_resize(const float *in, float *out, int nc, int h, int w, int oh,
                 int ow, float scale_h, float scale_w, huge_resize_mode mode,
                 huge_coordinate_mode coord, huge_nearest_mode nearest,
                 const float *roi, float extrapolation, float cubic_a,
                 int exclude_outside);
/* Rows [out_row0, out_row0 + out_rows) of the same resize (h and oh the
 * whole extents), from `in` holding input rows [in_row0, in_row0 + in_rows)
 * (planes of in_rows x w); output planes of out_rows x ow lie out_plane
 * elements apart (out_rows * ow when contiguous; the whole tensor's plane
 * when the band is written into it). The rows read must be in the band. */
void huge_resize_rows(const float *in, float *out, int nc, int h, int w,
                      int oh, int ow, float scale_h, float scale_w,
                      huge_resize_mode mode, huge_coordinate_mode coord,
                      huge_nearest_mode nearest, const float *roi,
                      float extrapolation, float cubic_a, int exclude_outside,
                      int in_row0, int in_rows, int out_row0, int out_rows,
                      long out_plane);

/* out[i_perm] = in[i]: out axis k is in axis perm[k]. */
void huge_transpose(const float *in, float *out, const int *in_shape,
                    const int *perm, int rank);

typedef enum huge_pad_mode {
  HUGE_PAD_CONSTANT,
  HUGE_PAD_REFLECT,
  HUGE_PAD_EDGE
} huge_pad_mode;
/* pads: rank leading amounts then rank trailing ones; negative crops. */
void huge_pad(const float *in, float *out, const int *in_shape, const int *pads,
              int rank, huge_pad_mode mode, float value);

/* batch independent products [m, k] x [k, n]; a_stride/b_stride are the
 * element distances between batches (0 to broadcast). */
void huge_matmul(const float *a, const float *b, float *out, int batch,
                 int a_stride, int b_stride, int m, int k, int n);
/* out = alpha * op(A) op(B) + beta * C, C broadcast with strides
 * (c_stride_m, c_stride_n); c may be NULL. */
void huge_gemm(const float *a, const float *b, const float *c, float *out,
               int m, int n, int k, int trans_a, int trans_b, float alpha,
               float beta, int c_stride_m, int c_stride_n);

/* Softmax along the middle axis of [outer, len, inner]. */
void huge_softmax(const float *in, float *out, int outer, int len, int inner);

/* Reduces the dense tensor `in` of shape[rank] (rank <= HUGE_MAX_RANK) over
 * the axes d with reduced[d] != 0 into `out`, dense over the other axes in
 * order. Sums and means accumulate in double; a max over a NaN is NaN. */
typedef enum huge_reduce_kind {
  HUGE_REDUCE_SUM,
  HUGE_REDUCE_MEAN,
  HUGE_REDUCE_MAX
} huge_reduce_kind;
void huge_reduce(huge_reduce_kind kind, const float *in, float *out,
                 const int *shape, const int *reduced, int rank);

#ifdef __cplusplus
}
#endif

#endif /* HUGE_RUNTIME_H */
