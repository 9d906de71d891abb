/* SSE2 (every x86-64): 4-float vectors, 16 registers, no fused
 * multiply-add. */
#ifndef HUGE_ISA_SSE_H
#define HUGE_ISA_SSE_H

#include <emmintrin.h>

#define HUGE_VL 4
#define HUGE_VREGS 16
typedef __m128 hv;
#define hv_load(p) _mm_loadu_ps(p)
#define hv_splat(s) _mm_set1_ps(s)
#define hv_fma(a, b, c) _mm_add_ps(_mm_mul_ps(a, b), c)
#define hv_store(p, v) _mm_storeu_ps(p, v)
#define HUGE_CO_MR 4
#define HUGE_CO_NV 3

#endif /* HUGE_ISA_SSE_H */
