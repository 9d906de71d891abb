/* Tests of the OpenCL host runtime (runtime/opencl/huge_cl_runtime.c) on the
 * machine's OpenCL device, with small hand-written model descriptions: a
 * model that runs, then each way a device can fail it (a program that does
 * not build, a work-group the device cannot run, a buffer it cannot hold,
 * NULL arguments, a binary from elsewhere). Every failure must come back as
 * an error code and a message, with the context and queue the caller passed
 * released to their former reference counts.
 *
 * With --no-platform (run with OCL_ICD_VENDORS naming an empty folder, so
 * the ICD loader finds no platform) it checks instead that asking for a
 * device fails with a message.
 *
 * Prints one line per check and ends with "N passed, N failed". */
#define _POSIX_C_SOURCE 199309L /* nanosleep */
#include "huge_cl_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int passed, failed;
/* The context's and queue's reference counts before any model was made. */
static cl_uint base_context_refs, base_queue_refs;

static void check(int ok, const char *what, const char *detail) {
  if (ok) {
    ++passed;
    printf("PASS %s\n", what);
  } else {
    ++failed;
    printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  }
}

/* The second kernel of both test models: the arena scratch to the output,
 * from an offset given as an integer argument (kInts). */
#define kCopyKernel                                                            \
  "__kernel __attribute__((reqd_work_group_size(4, 1, 1)))\n"                 \
  "void k1_copy(__global float *b0, __global float *b1, const int from) {\n"  \
  "  const int i = get_global_id(0);\n"                                        \
  "  b1[i] = b0[from + i];\n"                                                  \
  "}\n"

/* out[i] = 2 * in[i] + w[i % 4] + arena scratch round trip. */
static const char *const kGoodSource[] = {
    "__kernel __attribute__((reqd_work_group_size(4, 1, 1)))\n"
    "void k0_scale(__global float *b0, __global float *b1, __global float "
    "*b2) {\n"
    "  const int i = get_global_id(0);\n"
    "  b0[32 + i] = 2.0f * b1[i] + b2[i % 4];\n"
    "}\n",
    kCopyKernel};

/* The same scale, 3 x instead of 2 x where the program is built with
 * HUGE_CL_LOCAL_TILES: shows which build options the runtime chose. */
static const char *const kLocalSource[] = {
    "__kernel __attribute__((reqd_work_group_size(4, 1, 1)))\n"
    "void k0_scale(__global float *b0, __global float *b1, __global float "
    "*b2) {\n"
    "  const int i = get_global_id(0);\n"
    "#ifdef HUGE_CL_LOCAL_TILES\n"
    "  b0[32 + i] = 3.0f * b1[i] + b2[i % 4];\n"
    "#else\n"
    "  b0[32 + i] = 2.0f * b1[i] + b2[i % 4];\n"
    "#endif\n"
    "}\n",
    kCopyKernel};

static const float kWeights[4] = {1.0f, 2.0f, 3.0f, 4.0f};
static const huge_cl_weight kWeightTable[] = {{kWeights, 0, sizeof kWeights}};
static const size_t kInputBytes[] = {8 * sizeof(float)};
static const size_t kOutputBytes[] = {8 * sizeof(float)};
/* Slots: 0 arena, 1 weights, 2 input 0, 3 output 0. */
static const huge_cl_kernel kKernels[] = {
    {"k0_scale", "scale layer", 3, {0, 2, 1}, 1, {8, 1, 1}, {4, 1, 1}, 0, 0},
    {"k1_copy", "copy layer", 2, {0, 3}, 1, {8, 1, 1}, {4, 1, 1}, 1, 1}};
/* The kernels' integer arguments: k1_copy's offset is the second. */
static const cl_int kInts[] = {-1, 32};

static huge_cl_model_desc good_desc(void) {
  huge_cl_model_desc d;
  memset(&d, 0, sizeof d);
  d.name = "tiny";
  d.source = kGoodSource;
  d.source_count = 2;
  d.kernels = kKernels;
  d.kernel_count = 2;
  d.weights = kWeightTable;
  d.weight_count = 1;
  d.weight_bytes = sizeof kWeights;
  d.arena_bytes = 64 * sizeof(float);
  d.num_inputs = 1;
  d.num_outputs = 1;
  d.input_bytes = kInputBytes;
  d.output_bytes = kOutputBytes;
  d.ints = kInts;
  return d;
}

static cl_uint refs_context(cl_context c) {
  cl_uint n = 0;
  clGetContextInfo(c, CL_CONTEXT_REFERENCE_COUNT, sizeof n, &n, NULL);
  return n;
}

static cl_uint refs_queue(cl_command_queue q) {
  cl_uint n = 0;
  clGetCommandQueueInfo(q, CL_QUEUE_REFERENCE_COUNT, sizeof n, &n, NULL);
  return n;
}

/* Whether the context and queue are back to `rc` and `rq` references. A
 * driver may drop the references its finished commands hold (on the buffers
 * and through them the context) from its own threads shortly after
 * clFinish returns, so this waits up to five seconds for them to settle. */
static int refs_back(cl_context c, cl_command_queue q, cl_uint rc, cl_uint rq) {
  int i;
  for (i = 0; i < 5000; ++i) {
    struct timespec ms = {0, 1000000};
    if (refs_context(c) == rc && refs_queue(q) == rq)
      return 1;
    nanosleep(&ms, NULL);
  }
  return 0;
}

/* Expects create to fail with `status` (0: any nonzero) and a message
 * containing `needle`, leaving the caller's objects as they were before any
 * model was made (no model is alive while these run). */
static void expect_create_fails(const char *what,
                                const huge_cl_model_desc *d, cl_context c,
                                cl_device_id dev, cl_command_queue q,
                                const huge_cl_options *o, int status,
                                const char *needle) {
  huge_cl_model *m = (huge_cl_model *)&passed; /* must be reset to NULL */
  char error[4096];
  const int s = huge_cl_create(d, c, dev, q, o, &m, error, sizeof error);
  char detail[4600];
  snprintf(detail, sizeof detail, "status %d, model %p, message '%s'", s,
           (void *)m, error);
  check(s != 0 && (status == 0 || s == status) && m == NULL &&
            strstr(error, needle) != NULL && refs_back(c, q, base_context_refs, base_queue_refs),
        what, detail);
}

int main(int argc, char **argv) {
  cl_context context;
  cl_device_id device;
  cl_command_queue queue;
  char error[4096];
  huge_cl_model *model = NULL;
  huge_cl_model_desc d = good_desc();
  float in[8] = {0, 1, 2, 3, 4, 5, 6, 7}, out[8];
  const float *inputs[1] = {in};
  float *outputs[1] = {out};
  unsigned char *binary = NULL;
  size_t binary_size = 0;
  int i, ok;

  if (argc > 1 && strcmp(argv[1], "--no-platform") == 0) {
    const int s = huge_cl_default_device(&context, &device, &queue, 0, error,
                                         sizeof error);
    check(s != 0 && context == NULL && queue == NULL &&
              strstr(error, "no OpenCL platform") != NULL,
          "no OpenCL platform", error);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
  }

  if (huge_cl_default_device(&context, &device, &queue, 1, error,
                             sizeof error) != 0) {
    printf("FAIL no OpenCL device to test on: %s\n0 passed, 1 failed\n", error);
    return 1;
  }
  base_context_refs = refs_context(context);
  base_queue_refs = refs_queue(queue);

  /* A model that works, and its binary. */
  ok = huge_cl_create(&d, context, device, queue, NULL, &model, error,
                      sizeof error) == 0;
  check(ok, "create", error);
  if (ok) {
    int right = huge_cl_run(model, inputs, outputs) == 0;
    for (i = 0; i < 8; ++i)
      right = right && out[i] == 2.0f * in[i] + kWeights[i % 4];
    check(right, "run gives 2 x + w", huge_cl_error(model));
    check(huge_cl_run(model, NULL, outputs) == HUGE_CL_INVALID_ARGUMENT &&
              strstr(huge_cl_error(model), "NULL") != NULL,
          "run with NULL inputs is refused", huge_cl_error(model));
    check(huge_cl_kernel_times(model, NULL) == HUGE_CL_INVALID_ARGUMENT,
          "kernel times need a profiling model", NULL);
    check(huge_cl_program_binary(model, &binary, &binary_size) == 0 &&
              binary_size > 0,
          "program binary", huge_cl_error(model));
    huge_cl_release(model);
    model = NULL;
  }

  /* Local tiles: on and off as asked; by default on only where the
   * device's local memory is dedicated. */
  {
    static const int modes[] = {HUGE_CL_ON, HUGE_CL_OFF, HUGE_CL_AUTO};
    cl_device_local_mem_type type = CL_GLOBAL;
    huge_cl_model_desc local = d;
    huge_cl_options o;
    int m;
    clGetDeviceInfo(device, CL_DEVICE_LOCAL_MEM_TYPE, sizeof type, &type,
                    NULL);
    local.source = kLocalSource;
    for (m = 0; m < 3; ++m) {
      const float scale = modes[m] == HUGE_CL_ON ||
                                  (modes[m] == HUGE_CL_AUTO && type == CL_LOCAL)
                              ? 3.0f
                              : 2.0f;
      int right;
      memset(&o, 0, sizeof o);
      o.local_tiles = modes[m];
      memset(out, 0, sizeof out);
      right = huge_cl_create(&local, context, device, queue, &o, &model,
                             error, sizeof error) == 0 &&
              huge_cl_run(model, inputs, outputs) == 0;
      for (i = 0; i < 8; ++i)
        right = right && out[i] == scale * in[i] + kWeights[i % 4];
      check(right,
            modes[m] == HUGE_CL_ON    ? "local tiles on: built with HUGE_CL_LOCAL_TILES"
            : modes[m] == HUGE_CL_OFF ? "local tiles off: built without"
                                      : "local tiles by default: as the device's local memory type",
            error);
      huge_cl_release(model);
      model = NULL;
    }
  }

  /* The binary builds the same model; a corrupt one falls back to source. */
  if (binary) {
    huge_cl_options o;
    memset(&o, 0, sizeof o);
    o.binary = binary;
    o.binary_size = binary_size;
    memset(out, 0, sizeof out);
    ok = huge_cl_create(&d, context, device, queue, &o, &model, error,
                        sizeof error) == 0 &&
         huge_cl_run(model, inputs, outputs) == 0 && out[7] == 18.0f;
    check(ok, "create from the binary", error);
    huge_cl_release(model);
    model = NULL;
    for (i = 0; i < 64 && (size_t)i < binary_size; ++i)
      binary[i] = (unsigned char)(binary[i] ^ 0x5a);
    memset(out, 0, sizeof out);
    ok = huge_cl_create(&d, context, device, queue, &o, &model, error,
                        sizeof error) == 0 &&
         huge_cl_run(model, inputs, outputs) == 0 && out[7] == 18.0f;
    check(ok, "a corrupt binary falls back to the source", error);
    huge_cl_release(model);
    model = NULL;
    free(binary);
  }

  /* A program that does not build: the status and the build log. */
  {
    static const char *const bad[] = {
        "__kernel void k0_scale(__global float *b0) { b0[0] = nope; }\n"};
    huge_cl_model_desc b = good_desc();
    b.source = bad;
    b.source_count = 1;
    expect_create_fails("a build failure", &b, context, device, queue, NULL,
                        CL_BUILD_PROGRAM_FAILURE, "nope");
  }
  /* A kernel the program lacks. */
  {
    static const huge_cl_kernel missing[] = {
        {"k9_missing", "the missing layer", 1, {0}, 1, {4, 1, 1}, {4, 1, 1},
         0, 0}};
    huge_cl_model_desc b = good_desc();
    b.kernels = missing;
    b.kernel_count = 1;
    expect_create_fails("a missing kernel", &b, context, device, queue, NULL,
                        CL_INVALID_KERNEL_NAME, "the missing layer");
  }
  /* A work-group larger than the device runs. */
  {
    static const huge_cl_kernel huge_group[] = {
        {"k1_copy", "wide layer", 2, {0, 3}, 1, {1 << 20, 1, 1},
         {1 << 20, 1, 1}, 1, 1}};
    huge_cl_model_desc b = good_desc();
    b.kernels = huge_group;
    b.kernel_count = 1;
    expect_create_fails("out of resources: a work-group too large", &b,
                        context, device, queue, NULL, CL_OUT_OF_RESOURCES,
                        "wide layer");
  }
  /* An arena larger than the device holds. */
  {
    huge_cl_model_desc b = good_desc();
    b.arena_bytes = (size_t)1 << 62;
    expect_create_fails("out of resources: an arena too large", &b, context,
                        device, queue, NULL, 0, "the arena");
  }
  /* NULL arguments. */
  {
    huge_cl_model *m = NULL;
    check(huge_cl_create(&d, NULL, device, queue, NULL, &m, error,
                         sizeof error) == HUGE_CL_INVALID_ARGUMENT &&
              m == NULL && strstr(error, "context") != NULL,
          "a NULL context", error);
    check(huge_cl_create(&d, context, device, queue, NULL, NULL, error,
                         sizeof error) == HUGE_CL_INVALID_ARGUMENT,
          "a NULL model pointer", error);
    check(huge_cl_run(NULL, inputs, outputs) == HUGE_CL_INVALID_ARGUMENT,
          "running a NULL model", NULL);
    huge_cl_release(NULL);
  }

  clReleaseCommandQueue(queue);
  clReleaseContext(context);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
