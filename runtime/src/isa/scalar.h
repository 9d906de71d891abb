/* Any C99 compiler: a "vector" is a plain array of four floats, and the
 * same kernels run, only slower. */
#ifndef HUGE_ISA_SCALAR_H
#define HUGE_ISA_SCALAR_H

#define HUGE_ISA_PORTABLE 1
#define HUGE_VL 4
#if defined(__aarch64__)
#define HUGE_VREGS 32
#else
#define HUGE_VREGS 16
#endif
typedef struct hv {
  float f[4];
} hv;
static hv hv_load(const float *p) {
  hv v;
  memcpy(v.f, p, sizeof v.f);
  return v;
}
static hv hv_splat(float s) {
  hv v;
  v.f[0] = v.f[1] = v.f[2] = v.f[3] = s;
  return v;
}
static hv hv_fma(hv a, hv b, hv c) {
  int i;
  for (i = 0; i < 4; ++i)
    c.f[i] += a.f[i] * b.f[i];
  return c;
}
static void hv_store(float *p, hv v) { memcpy(p, v.f, sizeof v.f); }
#define HUGE_CO_MR 4
#define HUGE_CO_NV 2

#endif /* HUGE_ISA_SCALAR_H */
