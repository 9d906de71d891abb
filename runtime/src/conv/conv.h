/* The two loop orders of a packed convolution (see job.h), which
 * huge_conv2d picks between by block size and the depthwise kernel reuses.
 * The runtime's rooms are compiled as one translation unit (the generated
 * huge_runtime.c), so these stay static. */
#ifndef HUGE_CONV_CONV_H
#define HUGE_CONV_CONV_H

#include "job.h"

/* One block of blk output channels (a multiple of 16) of group g, batch item
 * n, output rows [y0, y1); `next` (with its layer next_p) are the weights the
 * following task reads, prefetched meanwhile. res, when not NULL, is a
 * residual laid out as out, added before the activation. conv/channel.c. */
static void conv_by_channel(const float *in, const float *packed, int blk,
                            const float *bias, const float *res, float *out,
                            const huge_conv_params *p, int n, int g, int b,
                            int y0, int y1, const float *next,
                            const huge_conv_params *next_p);

/* Whether by-channel tiles gather pixels from across the output (short
 * rows). conv/channel.c. */
static int gather_pixels(const huge_conv_params *p);

/* One block of blk output channels of group g, batch item n, by column.
 * conv/column.c. */
static void conv_by_column(const float *in, const float *packed, int blk,
                           const float *bias, const float *res, float *out,
                           const huge_conv_params *p, int n, int g, int b);

#endif /* HUGE_CONV_CONV_H */
