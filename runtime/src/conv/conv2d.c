/* huge_conv2d and huge_conv2d_phases: the tasks of a layer (its phases,
 * groups, blocks of output channels and bands of rows), each run by channel
 * or by column, optionally on the caller's threads. */
#include "conv.h"

static huge_parallel_for_fn parallel_for;
static void *parallel_ctx;

void huge_set_parallel_for(huge_parallel_for_fn fn, void *ctx) {
  parallel_for = fn;
  parallel_ctx = ctx;
}

/* Runs task(arg, t) for t in [0, tasks): on the installed parallel-for, or
 * in order on this thread. */
static void run_tasks(int tasks, huge_task_fn task, void *arg) {
  int t;
  if (parallel_for && tasks > 1)
    parallel_for(parallel_ctx, tasks, task, arg);
  else
    for (t = 0; t < tasks; ++t)
      task(arg, t);
}

typedef struct conv_tasks {
  const float *in;
  const float *const *packed;
  const float *bias;
  const float *res; /* a residual laid out as outs[0], or NULL */
  float *const *outs;
  const huge_conv_params *const *params;
  int blk, count, groups, nb, bands, tasks;
} conv_tasks;

/* Output rows (of each phase's own grid) of a band of by-channel phases. */
#define HUGE_BAND_ROWS 4

/* Task t: phase t % count of row band (t / count) % bands of block ... of
 * group ... of batch item ...; tasks write disjoint outputs. */
/* The packed weights of task t's block. */
static const float *task_weights(const conv_tasks *c, int t) {
  const int k = t % c->count, b = t / c->count / c->bands % c->nb;
  const int g = t / c->count / c->bands / c->nb % c->groups;
  const huge_conv_params *p = c->params[k];
  return c->packed[k] +
         ((long)g * c->nb + b) * p->kh * p->kw * (p->cin / p->groups) * c->blk;
}

static void conv_task(void *arg, int t) {
  const conv_tasks *c = (const conv_tasks *)arg;
  const int k = t % c->count, band = t / c->count % c->bands;
  const int b = t / c->count / c->bands % c->nb;
  const int g = t / c->count / c->bands / c->nb % c->groups;
  const int n = t / c->count / c->bands / c->nb / c->groups;
  if (c->blk % 16 == 0) {
    /* the next task's block, unless it is this one (another band) */
    const float *next = t + 1 < c->tasks ? task_weights(c, t + 1) : NULL;
    conv_by_channel(c->in, c->packed[k], c->blk, c->bias, c->res, c->outs[k],
                    c->params[k], n, g, b,
                    c->bands > 1 ? band * HUGE_BAND_ROWS : 0,
                    c->bands > 1 ? (band + 1) * HUGE_BAND_ROWS : INT_MAX,
                    next == task_weights(c, t) ? NULL : next,
                    c->params[(t + 1) % c->count]);
  } else
    conv_by_column(c->in, c->packed[k], c->blk, c->bias, c->res, c->outs[k],
                   c->params[k], n, g, b);
}

static void conv_layer(const float *in, int count, const float *const packed[],
                       int blk, const float *bias, const float *res,
                       float *const outs[],
                       const huge_conv_params *const params[]) {
  const huge_conv_params *p0 = params[0];
  conv_tasks c;
  int tasks;
  c.in = in;
  c.packed = packed;
  c.bias = bias;
  c.res = res;
  c.outs = outs;
  c.params = params;
  c.blk = blk;
  c.count = count;
  c.groups = p0->groups;
  c.nb = (p0->cout / p0->groups + blk - 1) / blk;
  /* The phases of one layer write interleaved pixels of the same output
   * lines: by channel, they run band by band of rows, so each line is still
   * in cache when the next phase writes its share (not for gathered tiles,
   * which span the whole output). */
  c.bands = 1;
  if (count > 1 && blk % 16 == 0) {
    int k, oh = 0, gather = 0;
    for (k = 0; k < count; ++k) {
      oh = max_int(oh, params[k]->oh);
      gather |= gather_pixels(params[k]);
    }
    if (!gather)
      c.bands = (oh + HUGE_BAND_ROWS - 1) / HUGE_BAND_ROWS;
  }
  tasks = c.tasks = p0->n * c.groups * c.nb * c.bands * count;
  /* in order, every phase of a block runs while its weights are in cache */
  run_tasks(tasks, conv_task, &c);
}

void huge_conv2d_phases(const float *in, int count, const float *const packed[],
                        int blk, const float *bias, float *const outs[],
                        const huge_conv_params *const params[]) {
  conv_layer(in, count, packed, blk, bias, NULL, outs, params);
}

void huge_conv2d(const float *in, const float *packed, int blk,
                 const float *bias, float *out, const huge_conv_params *p) {
  conv_layer(in, 1, &packed, blk, bias, NULL, &out, &p);
}

void huge_conv2d_residual(const float *in, const float *packed, int blk,
                          const float *bias, const float *res, float *out,
                          const huge_conv_params *p) {
  conv_layer(in, 1, &packed, blk, bias, res, &out, &p);
}
