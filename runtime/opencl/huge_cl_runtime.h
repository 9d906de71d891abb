/* huge_cl_runtime.h: the host side of models huge compiles for OpenCL.
 *
 * A generated model (NAME.c) is a description: its kernels' OpenCL C source,
 * one entry per kernel launch (buffers, global and local sizes), its weights
 * and the copies of outputs not computed in place. This runtime builds the
 * program once, uploads the weights once, keeps every intermediate tensor in
 * one arena buffer laid out by huge's memory plan, and enqueues the launches.
 * It uses only the OpenCL 1.2 host API.
 *
 * Return codes: 0 on success; HUGE_CL_INVALID_ARGUMENT for a NULL or
 * mismatched argument; otherwise the (negative) OpenCL status of the call
 * that failed. huge_cl_error() names the call and the layer.
 */
#ifndef HUGE_CL_RUNTIME_H
#define HUGE_CL_RUNTIME_H

#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120
#endif
#if defined(__APPLE__)
#include <OpenCL/cl.h>
#else
#include <CL/cl.h>
#endif

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HUGE_CL_INVALID_ARGUMENT 1
/* Most buffers one kernel reads or writes. */
#define HUGE_CL_MAX_ARGS 8

/* Buffer slots a kernel argument names: the arena, the weights, then the
 * model's inputs and outputs in order. */
#define HUGE_CL_SLOT_ARENA 0
#define HUGE_CL_SLOT_WEIGHTS 1
#define HUGE_CL_SLOT_INPUT(i) (2 + (i))

/* One kernel launch. */
typedef struct {
  const char *name;  /* kernel function in the program */
  const char *layer; /* the layer it computes, for messages */
  int nargs;
  int args[HUGE_CL_MAX_ARGS]; /* buffer slot of each argument */
  int dims;
  size_t global[3], local[3];
  /* Integer arguments after the buffers: nints values of the model's ints
   * from index first_int (offsets and extents, so that launches differing
   * only in those share a kernel). */
  int nints, first_int;
} huge_cl_kernel;

/* One weight array and its byte offset in the weight buffer. */
typedef struct {
  const void *data;
  size_t offset, bytes;
} huge_cl_weight;

/* An output not computed in place: `bytes` from buffer slot `slot` at byte
 * `offset` into output `output`. */
typedef struct {
  int slot;
  size_t offset;
  int output;
  size_t bytes;
} huge_cl_copy;

/* What a generated model hands the runtime. */
typedef struct {
  const char *name;
  const char *const *source; /* the program, in pieces */
  int source_count;
  const huge_cl_kernel *kernels;
  int kernel_count;
  const huge_cl_weight *weights;
  int weight_count;
  size_t weight_bytes;
  const huge_cl_copy *copies;
  int copy_count;
  size_t arena_bytes;
  int num_inputs, num_outputs;
  const size_t *input_bytes, *output_bytes;
  const cl_int *ints; /* the kernels' integer arguments */
} huge_cl_model_desc;

/* Options of huge_cl_create; NULL means all defaults (zeros). */
typedef struct {
  /* A program binary from huge_cl_program_binary() for the same model and
   * device: the build from source is skipped. One that does not load (a
   * new driver, another device) is ignored and the source is built. */
  const unsigned char *binary;
  size_t binary_size;
  /* Record each launch's event, for huge_cl_kernel_times(); the queue must
   * have CL_QUEUE_PROFILING_ENABLE. */
  int profile;
  /* Convolutions stage their input windows in local memory: HUGE_CL_AUTO
   * (0) where the device's local memory is dedicated (CL_LOCAL: GPUs),
   * HUGE_CL_ON (any positive value) or HUGE_CL_OFF (any negative value) to
   * choose. The program is built with -DHUGE_CL_LOCAL_TILES when on; a
   * program binary (above) keeps the form it was built with. */
  int local_tiles;
} huge_cl_options;

enum { HUGE_CL_OFF = -1, HUGE_CL_AUTO = 0, HUGE_CL_ON = 1 };

typedef struct huge_cl_model huge_cl_model;

/* Builds the program on `device`, creates the kernels, the arena and the
 * weight buffer and uploads the weights. The app's context and queue are
 * used, not retained beyond the model's life. On failure *model is NULL,
 * nothing is leaked, and `error` (error_size bytes, may be NULL) holds the
 * reason, with the build log for a failed build. */
int huge_cl_create(const huge_cl_model_desc *desc, cl_context context,
                   cl_device_id device, cl_command_queue queue,
                   const huge_cl_options *options, huge_cl_model **model,
                   char *error, size_t error_size);

/* Copies the inputs in, runs the model and copies the outputs out; blocks
 * until done. inputs[i] and outputs[i] hold the model's tensors (floats). */
int huge_cl_run(huge_cl_model *model, const float *const inputs[],
                float *const outputs[]);

/* Enqueues the model on the app's buffers and returns without waiting:
 * inputs[i] and outputs[i] are buffers of at least the tensors' bytes. */
int huge_cl_enqueue(huge_cl_model *model, const cl_mem inputs[],
                    const cl_mem outputs[]);

/* Milliseconds each kernel of the last run took (event profiling), in
 * launch order, into ms[desc->kernel_count]. */
int huge_cl_kernel_times(const huge_cl_model *model, double *ms);

/* Milliseconds from the start of the last run's first kernel to the end
 * of its last (event profiling, as huge_cl_kernel_times): the device time
 * of the model, gaps between launches included. */
int huge_cl_run_span(const huge_cl_model *model, double *ms);

/* The built program's binary for `options.binary` of a later create;
 * *binary is malloc'd, the caller frees it. */
int huge_cl_program_binary(huge_cl_model *model, unsigned char **binary,
                           size_t *size);

/* The message of the model's last failure ("" if none). */
const char *huge_cl_error(const huge_cl_model *model);

void huge_cl_release(huge_cl_model *model);

/* For apps with no OpenCL objects of their own: the first GPU of any
 * platform, else the first device, with a context and an in-order queue
 * (with profiling if `profiling`). */
int huge_cl_default_device(cl_context *context, cl_device_id *device,
                           cl_command_queue *queue, int profiling,
                           char *error, size_t error_size);

/* The name of an OpenCL status code ("CL_OUT_OF_RESOURCES"). */
const char *huge_cl_status_name(cl_int status);

#ifdef __cplusplus
}
#endif

#endif /* HUGE_CL_RUNTIME_H */
