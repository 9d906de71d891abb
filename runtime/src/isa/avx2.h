/* AVX / AVX2 (with FMA where the target has it): 8-float vectors, 16
 * registers. */
#ifndef HUGE_ISA_AVX2_H
#define HUGE_ISA_AVX2_H

#include <immintrin.h>

#define HUGE_VL 8
#define HUGE_VREGS 16
typedef __m256 hv;
#define hv_load(p) _mm256_loadu_ps(p)
#define hv_splat(s) _mm256_set1_ps(s)
#ifdef __FMA__
#define hv_fma(a, b, c) _mm256_fmadd_ps(a, b, c)
#else
#define hv_fma(a, b, c) _mm256_add_ps(_mm256_mul_ps(a, b), c)
#endif
#define hv_store(p, v) _mm256_storeu_ps(p, v)
#define HUGE_CO_MR 6
#define HUGE_CO_NV 2

#endif /* HUGE_ISA_AVX2_H */
