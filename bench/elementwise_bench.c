/* Element-wise kernels of the huge runtime against the machine's copy
 * bandwidth, on one core, over tensors far larger than the caches.
 *
 * Each case is timed REPS times after a warm-up and reported as its median
 * time and its effective bandwidth: the bytes the operation must read and
 * write (4 per element of each operand that is not broadcast, and of the
 * output) over the time, and as its share of memcpy's bandwidth on the same
 * number of elements (read + write), timed just before it in each
 * repetition. Prints one line per case:
 *
 *   name  ms  GB/s  share-of-memcpy
 *
 * usage: elementwise_bench [ELEMENTS] [REPS] */
#define _POSIX_C_SOURCE 200112L
#include "huge_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static float *buffer(long n, float scale) {
  void *p = NULL;
  long i;
  if (posix_memalign(&p, 64, (size_t)n * sizeof(float)) != 0) {
    fprintf(stderr, "error: cannot allocate %ld floats\n", n);
    exit(1);
  }
  for (i = 0; i < n; ++i) /* touch every page; values in [-scale, scale) */
    ((float *)p)[i] = scale * ((float)(i % 1000) / 500.0f - 1.0f);
  return (float *)p;
}

static int compare_double(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

enum { kMaxReps = 64 };

typedef struct bench {
  const char *name;
  int streams; /* operands read plus the output written, per element */
} bench;

static long n_elems, channels, plane;
static float *a, *b, *o, *per_channel, *per_pixel;

static void run_case(int which) {
  int shape[4], sa[4], sb[4];
  shape[0] = 1;
  shape[1] = (int)channels;
  shape[2] = 1;
  shape[3] = (int)plane;
  sa[0] = 0;
  sa[1] = (int)plane;
  sa[2] = 0;
  sa[3] = 1;
  switch (which) {
  case 0:
    memcpy(o, a, (size_t)n_elems * sizeof(float));
    break;
  case 1:
    huge_binary(HUGE_ADD, a, sa, b, sa, o, shape, 4);
    break;
  case 2:
    huge_binary(HUGE_ADD, o, sa, b, sa, o, shape, 4);
    break;
  case 3: /* a per-channel scale, [1, C, 1, HW] * [1, C, 1, 1] */
    sb[0] = 0;
    sb[1] = 1;
    sb[2] = 0;
    sb[3] = 0;
    huge_binary(HUGE_MUL, a, sa, per_channel, sb, o, shape, 4);
    break;
  case 4: /* a per-pixel map, [1, C, 1, HW] * [1, 1, 1, HW] */
    sb[0] = 0;
    sb[1] = 0;
    sb[2] = 0;
    sb[3] = 1;
    huge_binary(HUGE_MUL, a, sa, per_pixel, sb, o, shape, 4);
    break;
  case 5: /* a scalar */
    sb[0] = sb[1] = sb[2] = sb[3] = 0;
    huge_binary(HUGE_SUB, a, sa, per_channel, sb, o, shape, 4);
    break;
  case 6:
    huge_relu(a, o, (int)n_elems);
    break;
  case 7:
    huge_relu(o, o, (int)n_elems);
    break;
  case 8:
    huge_clip(a, o, (int)n_elems, 0.0f, 6.0f);
    break;
  case 9:
    huge_hard_swish(a, o, (int)n_elems);
    break;
  case 10:
    huge_sigmoid(a, o, (int)n_elems);
    break;
  case 11:
    huge_silu(a, o, (int)n_elems);
    break;
  case 12:
    huge_tanh(a, o, (int)n_elems);
    break;
  case 13:
    huge_unary(a, o, (int)n_elems, HUGE_FN_ABS, 0.0f, 0.0f);
    break;
  case 14:
    huge_unary(a, o, (int)n_elems, HUGE_FN_EXP, 0.0f, 0.0f);
    break;
  }
}

int main(int argc, char **argv) {
  static const bench cases[] = {
      {"memcpy", 2},
      {"add", 3},
      {"add_in_place", 3},
      {"mul_per_channel", 2},
      {"mul_per_pixel", 2},
      {"sub_scalar", 2},
      {"relu", 2},
      {"relu_in_place", 2},
      {"clip", 2},
      {"hard_swish", 2},
      {"sigmoid", 2},
      {"silu", 2},
      {"tanh", 2},
      {"unary_abs", 2},
      {"unary_exp", 2},
  };
  const int count = (int)(sizeof(cases) / sizeof(cases[0]));
  int reps = argc > 2 ? atoi(argv[2]) : 9, c, r;
  n_elems = argc > 1 ? atol(argv[1]) : 1L << 24;
  if (n_elems < 4096 || reps < 1 || reps > kMaxReps) {
    fprintf(stderr, "error: usage: elementwise_bench [ELEMENTS >= 4096] "
                    "[REPS 1..64]\n");
    return 1;
  }
  channels = 256;
  plane = n_elems / channels;
  n_elems = channels * plane;
  a = buffer(n_elems, 3.0f);
  b = buffer(n_elems, 1.0f);
  o = buffer(n_elems, 1.0f);
  per_channel = buffer(channels, 1.0f);
  per_pixel = buffer(plane, 1.0f);
  printf("elements %ld (%.0f MB per tensor), %d reps\n", n_elems,
         (double)n_elems * 4.0 / 1e6, reps);
  /* Each repetition times memcpy and then the kernel, so that both see the
   * same state of a shared machine; the share is the median of the
   * repetitions' ratios. */
  for (c = 0; c < count; ++c) {
    double times[kMaxReps], shares[kMaxReps], median, gbs;
    run_case(0);
    run_case(c); /* warm-up */
    for (r = 0; r < reps; ++r) {
      double t0 = now_s(), copy;
      run_case(0);
      copy = now_s() - t0;
      t0 = now_s();
      run_case(c);
      times[r] = now_s() - t0;
      shares[r] = ((double)cases[c].streams / times[r]) / (2.0 / copy);
    }
    qsort(times, (size_t)reps, sizeof(double), compare_double);
    qsort(shares, (size_t)reps, sizeof(double), compare_double);
    median = times[reps / 2];
    gbs = (double)cases[c].streams * 4.0 * (double)n_elems / median / 1e9;
    printf("%-16s %9.3f ms %7.2f GB/s %5.2f\n", cases[c].name, median * 1e3,
           gbs, shares[reps / 2]);
  }
  free(a);
  free(b);
  free(o);
  free(per_channel);
  free(per_pixel);
  return 0;
}
