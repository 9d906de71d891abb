/* The AArch64 by-channel tile in assembly: five pixels x four vectors of
 * output channels, on blocked input (four input channels a step) or on
 * planar input at stride 1 (one).
 *
 * Each step loads the next four input channels of each of the five pixels
 * (one vector each: blocked input keeps a pixel's channels together) and
 * uses them by lane against those channels' weight vectors: 80 fmla from
 * 21 loads. The next input channel's weights are loaded as soon as each
 * weight register's last fmla has issued, so an in-order core
 * (Cortex-A53/A55) finds them ready. The C form of the step
 * (HUGE_CHANNEL_STEP4 in channel.c) needs the same 29 registers; GCC
 * schedules its loads early and then spills accumulators to make room, or,
 * unscheduled, waits on every load.
 *
 * One call runs one tap over all its input channels: the accumulators come
 * from `in` and go to `out` (the tile's 20 vectors, pixel-major), and stay
 * in v12-v31 between. v0-v4 hold the pixels' inputs, v5-v8 the weights.
 * Every accumulator adds its input channels in order, as the C tiles do,
 * so the results are the same bits. */
#ifndef HUGE_CONV_CHANNEL_A64_H
#define HUGE_CONV_CHANNEL_A64_H

/* The accumulators v12-v27 (16) or v12-v31 (20), pixel-major, from [in] or
 * to [out]; the pointer moves past them. */
#define HUGE_A64_ACC(op, ptr, a)                                               \
  op " {v" #a ".4s-v" HUGE_A64_PLUS3_##a ".4s}, [%[" ptr "]], #64\n\t"
#define HUGE_A64_PLUS3_12 "15"
#define HUGE_A64_PLUS3_16 "19"
#define HUGE_A64_PLUS3_20 "23"
#define HUGE_A64_PLUS3_24 "27"
#define HUGE_A64_PLUS3_28 "31"
#define HUGE_A64_ACC16(op, ptr)                                                \
  HUGE_A64_ACC(op, ptr, 12)                                                    \
  HUGE_A64_ACC(op, ptr, 16) HUGE_A64_ACC(op, ptr, 20) HUGE_A64_ACC(op, ptr, 24)
#define HUGE_A64_ACC20(op, ptr) HUGE_A64_ACC16(op, ptr) HUGE_A64_ACC(op, ptr, 28)

/* accumulator (pixel p, vector v) */
#define HUGE_A64_A00 "v12"
#define HUGE_A64_A01 "v13"
#define HUGE_A64_A02 "v14"
#define HUGE_A64_A03 "v15"
#define HUGE_A64_A10 "v16"
#define HUGE_A64_A11 "v17"
#define HUGE_A64_A12 "v18"
#define HUGE_A64_A13 "v19"
#define HUGE_A64_A20 "v20"
#define HUGE_A64_A21 "v21"
#define HUGE_A64_A22 "v22"
#define HUGE_A64_A23 "v23"
#define HUGE_A64_A30 "v24"
#define HUGE_A64_A31 "v25"
#define HUGE_A64_A32 "v26"
#define HUGE_A64_A33 "v27"
#define HUGE_A64_A40 "v28"
#define HUGE_A64_A41 "v29"
#define HUGE_A64_A42 "v30"
#define HUGE_A64_A43 "v31"
/* weight vector v */
#define HUGE_A64_W0 "v5"
#define HUGE_A64_W1 "v6"
#define HUGE_A64_W2 "v7"
#define HUGE_A64_W3 "v8"
/* accumulator (p, v) += weight vector v * lane l of pixel p's input (v<p>) */
#define HUGE_A64_FMLA(p, v, l)                                                 \
  "fmla " HUGE_A64_A##p##v ".4s, " HUGE_A64_W##v ".4s, v" #p ".s[" #l "]\n\t"
#define HUGE_A64_ROW(v, l)                                                     \
  HUGE_A64_FMLA(0, v, l)                                                       \
  HUGE_A64_FMLA(1, v, l)                                                       \
  HUGE_A64_FMLA(2, v, l) HUGE_A64_FMLA(3, v, l) HUGE_A64_FMLA(4, v, l)
/* lane l of a step, each weight register reloaded with the next input
 * channel's from [wl] as soon as its row is issued; `next` (which moves w
 * on) and `mid` are scalar work placed among the FMAs */
#define HUGE_A64_LANE_NEXT(l, next, mid, wl)                                   \
  HUGE_A64_FMLA(0, 0, l)                                                       \
  HUGE_A64_FMLA(1, 0, l)                                                       \
  next HUGE_A64_FMLA(2, 0, l)                                                  \
      HUGE_A64_FMLA(3, 0, l) HUGE_A64_FMLA(4, 0, l) "ldr q5, [" wl "]\n\t"     \
      HUGE_A64_ROW(1, l) mid "ldr q6, [" wl ", #16]\n\t" HUGE_A64_ROW(2, l)    \
          "ldr q7, [" wl ", #32]\n\t" HUGE_A64_ROW(3, l)                       \
              "ldr q8, [" wl ", #48]\n\t"
/* the next input channel's weights are at w; the next step's first ones
 * at wl, which is where w will be, clamped to the tap's last channel: found
 * over lanes 1 and 2, apart, as an in-order core waits on each result. The
 * step count is decremented in lane 3. */
#define HUGE_A64_W_NEXT "add %[w], %[w], %[wstep]\n\t"
#define HUGE_A64_W_AHEAD HUGE_A64_W_NEXT "add %[wl], %[w], %[wstep2]\n\t"
#define HUGE_A64_W_CMP HUGE_A64_W_NEXT "cmp %[wl], %[wmax]\n\t"
#define HUGE_A64_W_CLAMP "csel %[wl], %[wl], %[wmax], lo\n\t"
#define HUGE_A64_W_COUNT HUGE_A64_W_NEXT "subs %[k], %[k], #1\n\t"
/* pixel p's four vectors, lane l */
#define HUGE_A64_PIXEL(p, l)                                                   \
  HUGE_A64_FMLA(p, 0, l)                                                       \
  HUGE_A64_FMLA(p, 1, l) HUGE_A64_FMLA(p, 2, l) HUGE_A64_FMLA(p, 3, l)
/* lane 0 of a step, pixel by pixel, among the loads of the five pixels'
 * next four input channels (pixel p's first fmla comes 2p cycles after the
 * step starts); then lane 1's weights */
#define HUGE_A64_LANE_FIRST                                                    \
  "ldr q0, [%[x]]\n\t"                                                         \
  "ldr q1, [%[x], %[px1]]\n\t"                                                 \
  "ldr q2, [%[x], %[px2]]\n\t" HUGE_A64_FMLA(0, 0, 0) HUGE_A64_FMLA(0, 1, 0)   \
  "ldr q3, [%[x], %[px3]]\n\t" HUGE_A64_FMLA(0, 2, 0) HUGE_A64_FMLA(0, 3, 0)   \
  "ldr q4, [%[x], %[px4]]\n\t" HUGE_A64_PIXEL(1, 0)                            \
  "add %[x], %[x], #16\n\t" HUGE_A64_PIXEL(2, 0)                               \
  "add %[w], %[w], %[wstep]\n\t" HUGE_A64_PIXEL(3, 0) HUGE_A64_FMLA(4, 0, 0)   \
  "ldr q5, [%[w]]\n\t" HUGE_A64_FMLA(4, 1, 0)                                  \
  "ldr q6, [%[w], #16]\n\t" HUGE_A64_FMLA(4, 2, 0)                             \
  "ldr q7, [%[w], #32]\n\t" HUGE_A64_FMLA(4, 3, 0)                             \
  "ldr q8, [%[w], #48]\n\t"

/* One tap of the 5 x 4 tile: `steps` (> 0) steps of four input channels,
 * `block` steps (> 0) to a block of channels, blocks `plane` floats apart;
 * input x (pixels px floats apart), weights w (blk floats between input
 * channels, four vectors used from w). Each step loads the next step's
 * first weights, the last step its own last ones again: nothing past the
 * tap's weights is read. */
HUGE_INLINE void channel_a64_tap(const float *in, float *out, const float *x,
                                 const float *w, long px, long blk, long plane,
                                 long steps, long block) {
  const long px1 = px * 4, px2 = 2 * px1, px3 = 3 * px1, px4 = 4 * px1;
  const long wstep = blk * 4, wstep2 = 2 * wstep, plane4 = plane * 4;
  const long block16 = block * 16;
  const float *xb = x, *xend = x + block * 4, *wl;
  const float *wmax = w + (4 * steps - 1) * blk; /* the last channel's */
  long k = 0;
  __asm__ __volatile__(
      HUGE_A64_ACC20("ld1", "in")
      "ldr q5, [%[w]]\n\t"
      "ldr q6, [%[w], #16]\n\t"
      "ldr q7, [%[w], #32]\n\t"
      "ldr q8, [%[w], #48]\n"
      /* the steps of one block, or those left */
      ".Lhuge_a64_block%=:\n\t"
      "cmp %[n], %[block]\n\t"
      "csel %[k], %[n], %[block], lo\n\t"
      "sub %[n], %[n], %[k]\n"
      ".Lhuge_a64_step%=:\n\t" HUGE_A64_LANE_FIRST
          HUGE_A64_LANE_NEXT(1, HUGE_A64_W_AHEAD, "", "%[w]")
              HUGE_A64_LANE_NEXT(2, HUGE_A64_W_CMP, HUGE_A64_W_CLAMP, "%[w]")
                  HUGE_A64_LANE_NEXT(3, HUGE_A64_W_COUNT, "", "%[wl]")
      "b.ne .Lhuge_a64_step%=\n\t"
      /* at a block's end: the next block */
      "cmp %[x], %[xend]\n\t"
      "b.ne .Lhuge_a64_more%=\n\t"
      "add %[xb], %[xb], %[plane4]\n\t"
      "mov %[x], %[xb]\n\t"
      "add %[xend], %[xb], %[block16]\n"
      ".Lhuge_a64_more%=:\n\t"
      "cbnz %[n], .Lhuge_a64_block%=\n\t"
      HUGE_A64_ACC20("st1", "out")
      : [in] "+r"(in), [out] "+r"(out), [x] "+r"(x), [w] "+r"(w),
        [n] "+r"(steps), [xb] "+r"(xb), [xend] "+r"(xend), [k] "+r"(k),
        [wl] "=&r"(wl)
      : [px1] "r"(px1), [px2] "r"(px2), [px3] "r"(px3), [px4] "r"(px4),
        [wstep] "r"(wstep), [wstep2] "r"(wstep2), [plane4] "r"(plane4), [block] "r"(block),
        [block16] "r"(block16), [wmax] "r"(wmax)
      : "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v12", "v13",
        "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23",
        "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "cc",
        "memory");
}

/* ---- planar input at stride 1 ----
 * Each step is one input channel: the five pixels are consecutive floats,
 * pixels 0-3 one vector used by lane and pixel 4 lane 0 of another, against
 * the channel's four weight vectors: 20 fmla from 6 loads. Steps alternate
 * between two sets of input registers (v0, v1 and v2, v3) so that the next
 * channel's pixels load at the start of a step; the weights are reloaded row
 * by row as in the blocked tile. */
#define HUGE_A64_PX(p, xv, x4) HUGE_A64_PX_##p(xv, x4)
#define HUGE_A64_PX_0(xv, x4) xv ".s[0]"
#define HUGE_A64_PX_1(xv, x4) xv ".s[1]"
#define HUGE_A64_PX_2(xv, x4) xv ".s[2]"
#define HUGE_A64_PX_3(xv, x4) xv ".s[3]"
#define HUGE_A64_PX_4(xv, x4) x4 ".s[0]"
#define HUGE_A64_PFMLA(p, v, xv, x4)                                           \
  "fmla " HUGE_A64_A##p##v ".4s, " HUGE_A64_W##v                               \
  ".4s, " HUGE_A64_PX(p, xv, x4) "\n\t"
#define HUGE_A64_PROW(v, xv, x4)                                               \
  HUGE_A64_PFMLA(0, v, xv, x4)                                                 \
  HUGE_A64_PFMLA(1, v, xv, x4)                                                 \
  HUGE_A64_PFMLA(2, v, xv, x4)                                                 \
  HUGE_A64_PFMLA(3, v, xv, x4) HUGE_A64_PFMLA(4, v, xv, x4)
/* one channel from xv/x4, loading the next one's pixels into nv/n4 and its
 * weights row by row (x and w point at the next channel, and move on at
 * the end, well before the next step loads from them), with the step
 * count decremented in the middle */
#define HUGE_A64_PSTEP_NEXT(xv, x4, nv, n4)                                    \
  "ldr q" nv ", [%[x]]\n\t" HUGE_A64_PFMLA(0, 0, "v" xv, "v" x4)              \
  "ldr s" n4 ", [%[x], #16]\n\t" HUGE_A64_PFMLA(1, 0, "v" xv, "v" x4)         \
  HUGE_A64_PFMLA(2, 0, "v" xv, "v" x4) HUGE_A64_PFMLA(3, 0, "v" xv, "v" x4)   \
  HUGE_A64_PFMLA(4, 0, "v" xv, "v" x4)                                         \
  "ldr q5, [%[w]]\n\t" HUGE_A64_PROW(1, "v" xv, "v" x4)                        \
  "ldr q6, [%[w], #16]\n\t"                                                    \
  "subs %[n], %[n], #1\n\t" HUGE_A64_PROW(2, "v" xv, "v" x4)                   \
  "ldr q7, [%[w], #32]\n\t" HUGE_A64_PFMLA(0, 3, "v" xv, "v" x4)              \
  "add %[x], %[x], %[plane4]\n\t" HUGE_A64_PFMLA(1, 3, "v" xv, "v" x4)        \
  HUGE_A64_PFMLA(2, 3, "v" xv, "v" x4) HUGE_A64_PFMLA(3, 3, "v" xv, "v" x4)   \
  HUGE_A64_PFMLA(4, 3, "v" xv, "v" x4) "ldr q8, [%[w], #48]\n\t"              \
  "add %[w], %[w], %[wstep]\n\t"
/* the last channel, loading nothing */
#define HUGE_A64_PSTEP_LAST(xv, x4)                                            \
  HUGE_A64_PROW(0, "v" xv, "v" x4)                                             \
  HUGE_A64_PROW(1, "v" xv, "v" x4)                                             \
  HUGE_A64_PROW(2, "v" xv, "v" x4) HUGE_A64_PROW(3, "v" xv, "v" x4)

/* One tap of the 5 x 4 tile on planar input at stride 1: `steps` (> 0)
 * input channels `plane` floats apart from x, weights w (blk floats
 * between input channels); nothing past the last channel is read. */
HUGE_INLINE void channel_a64_planar_tap(const float *in, float *out,
                                        const float *x, const float *w,
                                        long blk, long plane, long steps) {
  const long wstep = blk * 4, plane4 = plane * 4;
  __asm__ __volatile__(
      HUGE_A64_ACC20("ld1", "in")
      "ldr q0, [%[x]]\n\t"
      "ldr s1, [%[x], #16]\n\t"
      "ldr q5, [%[w]]\n\t"
      "ldr q6, [%[w], #16]\n\t"
      "ldr q7, [%[w], #32]\n\t"
      "ldr q8, [%[w], #48]\n\t"
      "add %[x], %[x], %[plane4]\n\t"
      "add %[w], %[w], %[wstep]\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.eq .Lhuge_a64_p_last0%=\n"
      /* channels in pairs; n counts those after the one loaded */
      ".Lhuge_a64_p_pair%=:\n\t" HUGE_A64_PSTEP_NEXT("0", "1", "2", "3")
      "b.eq .Lhuge_a64_p_last1%=\n\t" HUGE_A64_PSTEP_NEXT("2", "3", "0", "1")
      "b.ne .Lhuge_a64_p_pair%=\n"
      ".Lhuge_a64_p_last0%=:\n\t" HUGE_A64_PSTEP_LAST("0", "1")
      "b .Lhuge_a64_p_done%=\n"
      ".Lhuge_a64_p_last1%=:\n\t" HUGE_A64_PSTEP_LAST("2", "3")
      ".Lhuge_a64_p_done%=:\n\t"
      HUGE_A64_ACC20("st1", "out")
      : [in] "+r"(in), [out] "+r"(out), [x] "+r"(x), [w] "+r"(w),
        [n] "+r"(steps)
      : [wstep] "r"(wstep), [plane4] "r"(plane4)
      : "v0", "v1", "v2", "v3", "v5", "v6", "v7", "v8", "v12", "v13", "v14",
        "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24",
        "v25", "v26", "v27", "v28", "v29", "v30", "v31", "cc", "memory");
}

/* The same for four pixels (accumulators v12-v27): one input vector a
 * channel, 16 fmla from 5 loads. */
#define HUGE_A64_QFMLA(p, v, xv) "fmla " HUGE_A64_A##p##v ".4s, " HUGE_A64_W##v ".4s, v" xv ".s[" #p "]\n\t"
#define HUGE_A64_QROW(v, xv)                                                   \
  HUGE_A64_QFMLA(0, v, xv)                                                     \
  HUGE_A64_QFMLA(1, v, xv) HUGE_A64_QFMLA(2, v, xv) HUGE_A64_QFMLA(3, v, xv)
#define HUGE_A64_QSTEP_NEXT(xv, nv)                                            \
  "ldr q" nv ", [%[x]]\n\t" HUGE_A64_QROW(0, xv) "ldr q5, [%[w]]\n\t"          \
  HUGE_A64_QROW(1, xv) "ldr q6, [%[w], #16]\n\t"                               \
  "subs %[n], %[n], #1\n\t" HUGE_A64_QROW(2, xv) "ldr q7, [%[w], #32]\n\t"     \
  HUGE_A64_QFMLA(0, 3, xv) "add %[x], %[x], %[plane4]\n\t"                     \
  HUGE_A64_QFMLA(1, 3, xv) HUGE_A64_QFMLA(2, 3, xv) HUGE_A64_QFMLA(3, 3, xv)   \
  "ldr q8, [%[w], #48]\n\t"                                                    \
  "add %[w], %[w], %[wstep]\n\t"
#define HUGE_A64_QSTEP_LAST(xv)                                                \
  HUGE_A64_QROW(0, xv)                                                         \
  HUGE_A64_QROW(1, xv) HUGE_A64_QROW(2, xv) HUGE_A64_QROW(3, xv)

HUGE_INLINE void channel_a64_planar4_tap(const float *in, float *out,
                                         const float *x, const float *w,
                                         long blk, long plane, long steps) {
  const long wstep = blk * 4, plane4 = plane * 4;
  __asm__ __volatile__(
      HUGE_A64_ACC16("ld1", "in")
      "ldr q0, [%[x]]\n\t"
      "ldr q5, [%[w]]\n\t"
      "ldr q6, [%[w], #16]\n\t"
      "ldr q7, [%[w], #32]\n\t"
      "ldr q8, [%[w], #48]\n\t"
      "add %[x], %[x], %[plane4]\n\t"
      "add %[w], %[w], %[wstep]\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.eq .Lhuge_a64_q_last0%=\n"
      ".Lhuge_a64_q_pair%=:\n\t" HUGE_A64_QSTEP_NEXT("0", "2")
      "b.eq .Lhuge_a64_q_last1%=\n\t" HUGE_A64_QSTEP_NEXT("2", "0")
      "b.ne .Lhuge_a64_q_pair%=\n"
      ".Lhuge_a64_q_last0%=:\n\t" HUGE_A64_QSTEP_LAST("0")
      "b .Lhuge_a64_q_done%=\n"
      ".Lhuge_a64_q_last1%=:\n\t" HUGE_A64_QSTEP_LAST("2")
      ".Lhuge_a64_q_done%=:\n\t"
      HUGE_A64_ACC16("st1", "out")
      : [in] "+r"(in), [out] "+r"(out), [x] "+r"(x), [w] "+r"(w),
        [n] "+r"(steps)
      : [wstep] "r"(wstep), [plane4] "r"(plane4)
      : "v0", "v2", "v5", "v6", "v7", "v8", "v12", "v13", "v14", "v15", "v16",
        "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26",
        "v27", "cc", "memory");
}

/* Whether an mr x 4 tile of a job runs here: 5 pixels on blocked input
 * with whole steps (channel_a64_tap), or 5 or 4 consecutive pixels on
 * planar input (channel_a64_planar_tap, channel_a64_planar4_tap). */
static int channel_a64_planar(const conv_job *j) {
  return j->cblk == INT_MAX && j->px_step == 1 && j->cig > 0;
}
static int channel_a64_fits(const conv_job *j, int mr) {
  if (mr == 5 && j->cstep == 1)
    return j->cig > 0 && j->cig % 4 == 0 && j->cblk % 4 == 0;
  return (mr == 5 || mr == 4) && channel_a64_planar(j);
}

/* The mr x 4 by-channel tile of a job that channel_a64_fits, from init to
 * tile (pixel-major, 4 vectors per pixel): the taps of channel_tile, each
 * one call of a tap above, with the same prefetch of the next chunk's
 * weights (issued before the tap's FMAs instead of among them). */
HUGE_INLINE void channel_a64_tile(const conv_job *j, const float *init,
                                  float *tile, const int mr) {
  const int planar = channel_a64_planar(j);
  const long block = min_int(j->cblk, j->cig) / 4;
  const float *in = init;
  int kh, kw, i, nf;
  for (kh = 0; kh < j->nkh; ++kh)
    for (kw = 0; kw < j->nkw; ++kw) {
      const float *pf = cursor_take(j->ahead, j->cig, &nf);
      const float *x = j->src + kh * j->row_step + kw * j->col_step;
      const float *w = j->w + kh * j->w_row + kw * j->w_col;
      for (i = 0; i < nf; ++i)
        HUGE_PREFETCH_OUTER(pf + i * HUGE_LINE_FLOATS);
      if (mr == 4)
        channel_a64_planar4_tap(in, tile, x, w, j->blk, j->cstep, j->cig);
      else if (planar)
        channel_a64_planar_tap(in, tile, x, w, j->blk, j->cstep, j->cig);
      else
        channel_a64_tap(in, tile, x, w, j->px_step, j->blk, j->plane,
                        j->cig / 4, block);
      in = tile;
    }
  if (in == init) /* no tap */
    for (i = 0; i < mr * 4 * HUGE_VL; ++i)
      tile[i] = init[i];
}

#endif /* HUGE_CONV_CHANNEL_A64_H */
