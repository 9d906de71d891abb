/* Which kernel variants this build of the runtime compiles.
 *
 * huge-compile writes huge_config.h beside huge_runtime.c with the variants
 * its model's layers use (and HUGE_OPTIMIZE_SIZE with --optimize=size), so
 * a firmware image links only those. Whatever a build leaves out is still
 * computed, by a compact generic tile with the same sums in the same order:
 * a runtime built for one model runs any other model correctly, bit for bit,
 * only more slowly. Define HUGE_NO_CONFIG to build without huge_config.h:
 * every variant (a runtime shared by several models), unless -D flags set
 * the macros below. */
#ifndef HUGE_CONFIG_ROOM_H
#define HUGE_CONFIG_ROOM_H

#ifndef HUGE_NO_CONFIG
#include "huge_config.h"
#endif

/* 1: no unrolled variants at all, only the generic tiles. */
#ifndef HUGE_OPTIMIZE_SIZE
#define HUGE_OPTIMIZE_SIZE 0
#endif
/* Bit c set: the by-column tiles of c output channels (1-8). */
#ifndef HUGE_COLUMN_CHANNELS
#define HUGE_COLUMN_CHANNELS 0x1feu
#endif
/* 1: the unrolled by-channel tiles (blocks of a multiple of 16 channels). */
#ifndef HUGE_CHANNEL_TILES
#define HUGE_CHANNEL_TILES 1
#endif
/* 1: the unrolled gathered tiles (by-channel layers with short rows). */
#ifndef HUGE_GATHERED_TILES
#define HUGE_GATHERED_TILES 1
#endif
/* The unrolled depthwise tiles (strides 1 and 2, dilated at stride 1), a
 * bit per kernel size: 1 3x3, 2 5x5, 4 7x7; and 8, the tiles of planes in
 * runs of pixels (huge_depthwise_conv2d_flat). */
#ifndef HUGE_DEPTHWISE_TILES
#define HUGE_DEPTHWISE_TILES 15
#endif
/* 1: the by-column kernel computes small planes in runs of pixels
 * (conv/column.c, conv_flat_columns). */
#ifndef HUGE_FLAT_COLUMNS
#define HUGE_FLAT_COLUMNS 1
#endif
/* Floats of the stack buffer that holds input rows split by column phase
 * for strided by-column and depthwise layers (conv/columns.h): 8 KiB, none
 * when optimizing for size; 0 turns the form off. */
#ifndef HUGE_PHASE_FLOATS
#if HUGE_OPTIMIZE_SIZE
#define HUGE_PHASE_FLOATS 0
#else
#define HUGE_PHASE_FLOATS 2048
#endif
#endif
/* Element-wise kernels that write a tensor of at least this many bytes
 * other than their input store it with non-temporal stores (x86), which
 * skip reading each output line into the cache first: set it to about the
 * last-level cache's size. Smaller outputs stay in the cache for the next
 * layer. */
#ifndef HUGE_STREAM_BYTES
#define HUGE_STREAM_BYTES (64L << 20)
#endif

#endif /* HUGE_CONFIG_ROOM_H */
