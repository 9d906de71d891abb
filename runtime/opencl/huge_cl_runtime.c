/* huge_cl_runtime.c: see huge_cl_runtime.h. C99, OpenCL 1.2 host API. */
#include "huge_cl_runtime.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct huge_cl_model {
  const huge_cl_model_desc *desc;
  cl_context context;
  cl_device_id device;
  cl_command_queue queue;
  cl_program program;
  cl_kernel *kernels;
  cl_event *events; /* one per kernel when profiling, else NULL */
  cl_mem arena, weights;
  cl_mem *host_inputs, *host_outputs; /* for huge_cl_run */
  int profile;
  char message[1024];
};

const char *huge_cl_status_name(cl_int status) {
  switch (status) {
#define HUGE_CL_NAME(s)                                                        \
  case s:                                                                      \
    return #s;
    HUGE_CL_NAME(CL_SUCCESS)
    HUGE_CL_NAME(CL_DEVICE_NOT_FOUND)
    HUGE_CL_NAME(CL_DEVICE_NOT_AVAILABLE)
    HUGE_CL_NAME(CL_COMPILER_NOT_AVAILABLE)
    HUGE_CL_NAME(CL_MEM_OBJECT_ALLOCATION_FAILURE)
    HUGE_CL_NAME(CL_OUT_OF_RESOURCES)
    HUGE_CL_NAME(CL_OUT_OF_HOST_MEMORY)
    HUGE_CL_NAME(CL_PROFILING_INFO_NOT_AVAILABLE)
    HUGE_CL_NAME(CL_BUILD_PROGRAM_FAILURE)
    HUGE_CL_NAME(CL_INVALID_VALUE)
    HUGE_CL_NAME(CL_INVALID_PLATFORM)
    HUGE_CL_NAME(CL_INVALID_DEVICE)
    HUGE_CL_NAME(CL_INVALID_CONTEXT)
    HUGE_CL_NAME(CL_INVALID_COMMAND_QUEUE)
    HUGE_CL_NAME(CL_INVALID_MEM_OBJECT)
    HUGE_CL_NAME(CL_INVALID_BINARY)
    HUGE_CL_NAME(CL_INVALID_BUILD_OPTIONS)
    HUGE_CL_NAME(CL_INVALID_PROGRAM)
    HUGE_CL_NAME(CL_INVALID_PROGRAM_EXECUTABLE)
    HUGE_CL_NAME(CL_INVALID_KERNEL_NAME)
    HUGE_CL_NAME(CL_INVALID_KERNEL)
    HUGE_CL_NAME(CL_INVALID_ARG_INDEX)
    HUGE_CL_NAME(CL_INVALID_ARG_VALUE)
    HUGE_CL_NAME(CL_INVALID_ARG_SIZE)
    HUGE_CL_NAME(CL_INVALID_KERNEL_ARGS)
    HUGE_CL_NAME(CL_INVALID_WORK_DIMENSION)
    HUGE_CL_NAME(CL_INVALID_WORK_GROUP_SIZE)
    HUGE_CL_NAME(CL_INVALID_WORK_ITEM_SIZE)
    HUGE_CL_NAME(CL_INVALID_GLOBAL_OFFSET)
    HUGE_CL_NAME(CL_INVALID_EVENT)
    HUGE_CL_NAME(CL_INVALID_OPERATION)
    HUGE_CL_NAME(CL_INVALID_BUFFER_SIZE)
    HUGE_CL_NAME(CL_INVALID_GLOBAL_WORK_SIZE)
#undef HUGE_CL_NAME
  default:
    return "an OpenCL error";
  }
}

static void say(char *out, size_t size, const char *format, ...) {
  va_list args;
  if (!out || size == 0)
    return;
  va_start(args, format);
  vsnprintf(out, size, format, args);
  va_end(args);
}

/* Records a failed call `what` (status s) and returns s. */
static cl_int fail(huge_cl_model *m, cl_int s, const char *what,
                   const char *layer) {
  if (layer)
    say(m->message, sizeof m->message, "%s: %s failed for layer %s: %s (%d)",
        m->desc->name, what, layer, huge_cl_status_name(s), (int)s);
  else
    say(m->message, sizeof m->message, "%s: %s failed: %s (%d)",
        m->desc->name, what, huge_cl_status_name(s), (int)s);
  return s;
}

static cl_mem new_buffer(cl_context context, cl_mem_flags flags, size_t bytes,
                         cl_int *status) {
  /* OpenCL has no empty buffers; an unused one takes 4 bytes. */
  return clCreateBuffer(context, flags, bytes ? bytes : 4, NULL, status);
}

void huge_cl_release(huge_cl_model *m) {
  int i;
  if (!m)
    return;
  if (m->queue)
    clFinish(m->queue);
  for (i = 0; m->kernels && i < m->desc->kernel_count; ++i)
    if (m->kernels[i])
      clReleaseKernel(m->kernels[i]);
  for (i = 0; m->events && i < m->desc->kernel_count; ++i)
    if (m->events[i])
      clReleaseEvent(m->events[i]);
  for (i = 0; m->host_inputs && i < m->desc->num_inputs; ++i)
    if (m->host_inputs[i])
      clReleaseMemObject(m->host_inputs[i]);
  for (i = 0; m->host_outputs && i < m->desc->num_outputs; ++i)
    if (m->host_outputs[i])
      clReleaseMemObject(m->host_outputs[i]);
  if (m->arena)
    clReleaseMemObject(m->arena);
  if (m->weights)
    clReleaseMemObject(m->weights);
  if (m->program)
    clReleaseProgram(m->program);
  if (m->queue)
    clReleaseCommandQueue(m->queue);
  if (m->context)
    clReleaseContext(m->context);
  free(m->kernels);
  free(m->events);
  free(m->host_inputs);
  free(m->host_outputs);
  free(m);
}

/* Builds the program from the binary if one is given and loads, else from
 * source; a failed build leaves its log in the message. */
static cl_int build_program(huge_cl_model *m, const huge_cl_options *o) {
  cl_int s = CL_SUCCESS, loaded = CL_SUCCESS;
  const char *flags = "";
  int local_tiles = o ? o->local_tiles : HUGE_CL_AUTO;
  if (local_tiles == 0) {
    cl_device_local_mem_type type = CL_GLOBAL;
    s = clGetDeviceInfo(m->device, CL_DEVICE_LOCAL_MEM_TYPE, sizeof type,
                        &type, NULL);
    if (s != CL_SUCCESS)
      return fail(m, s, "clGetDeviceInfo", NULL);
    local_tiles = type == CL_LOCAL ? HUGE_CL_ON : HUGE_CL_OFF;
  }
  if (local_tiles > 0)
    flags = "-DHUGE_CL_LOCAL_TILES";
  if (o && o->binary && o->binary_size) {
    const unsigned char *binary = o->binary;
    size_t size = o->binary_size;
    m->program = clCreateProgramWithBinary(m->context, 1, &m->device, &size,
                                           &binary, &loaded, &s);
    if (m->program && (s != CL_SUCCESS || loaded != CL_SUCCESS ||
                       clBuildProgram(m->program, 1, &m->device, flags, NULL,
                                      NULL) != CL_SUCCESS)) {
      clReleaseProgram(m->program); /* not this device's: build the source */
      m->program = NULL;
    }
  }
  if (m->program)
    return CL_SUCCESS;
  {
    /* The API takes the pieces as a non-const array. */
    const int n = m->desc->source_count;
    const char **pieces =
        (const char **)malloc(sizeof(const char *) * (size_t)(n > 0 ? n : 1));
    int i;
    if (!pieces)
      return fail(m, CL_OUT_OF_HOST_MEMORY, "allocating the source", NULL);
    for (i = 0; i < n; ++i)
      pieces[i] = m->desc->source[i];
    m->program =
        clCreateProgramWithSource(m->context, (cl_uint)n, pieces, NULL, &s);
    free(pieces);
  }
  if (s != CL_SUCCESS)
    return fail(m, s, "clCreateProgramWithSource", NULL);
  s = clBuildProgram(m->program, 1, &m->device, flags, NULL, NULL);
  if (s != CL_SUCCESS) {
    size_t n = 0, head;
    fail(m, s, "clBuildProgram", NULL);
    head = strlen(m->message);
    if (head + 2 < sizeof m->message &&
        clGetProgramBuildInfo(m->program, m->device, CL_PROGRAM_BUILD_LOG,
                              sizeof m->message - head - 2,
                              m->message + head + 1, &n) == CL_SUCCESS) {
      m->message[head] = '\n';
      m->message[sizeof m->message - 1] = '\0';
    }
  }
  return s;
}

static cl_int create(huge_cl_model *m, const huge_cl_options *o) {
  const huge_cl_model_desc *d = m->desc;
  cl_int s = CL_SUCCESS;
  size_t max_group = 0;
  int i;
  m->kernels = (cl_kernel *)calloc((size_t)d->kernel_count + 1, sizeof(cl_kernel));
  m->host_inputs = (cl_mem *)calloc((size_t)d->num_inputs + 1, sizeof(cl_mem));
  m->host_outputs = (cl_mem *)calloc((size_t)d->num_outputs + 1, sizeof(cl_mem));
  if (m->profile)
    m->events = (cl_event *)calloc((size_t)d->kernel_count + 1, sizeof(cl_event));
  if (!m->kernels || !m->host_inputs || !m->host_outputs ||
      (m->profile && !m->events))
    return fail(m, CL_OUT_OF_HOST_MEMORY, "allocating the model", NULL);
  if ((s = build_program(m, o)) != CL_SUCCESS)
    return s;
  s = clGetDeviceInfo(m->device, CL_DEVICE_MAX_WORK_GROUP_SIZE,
                      sizeof max_group, &max_group, NULL);
  if (s != CL_SUCCESS)
    return fail(m, s, "clGetDeviceInfo", NULL);
  m->arena = new_buffer(m->context, CL_MEM_READ_WRITE, d->arena_bytes, &s);
  if (s != CL_SUCCESS)
    return fail(m, s, "clCreateBuffer (the arena)", NULL);
  m->weights = new_buffer(m->context, CL_MEM_READ_ONLY, d->weight_bytes, &s);
  if (s != CL_SUCCESS)
    return fail(m, s, "clCreateBuffer (the weights)", NULL);
  for (i = 0; i < d->weight_count; ++i) {
    s = clEnqueueWriteBuffer(m->queue, m->weights, CL_FALSE,
                             d->weights[i].offset, d->weights[i].bytes,
                             d->weights[i].data, 0, NULL, NULL);
    if (s != CL_SUCCESS)
      return fail(m, s, "clEnqueueWriteBuffer (the weights)", NULL);
  }
  for (i = 0; i < d->num_inputs; ++i) {
    m->host_inputs[i] =
        new_buffer(m->context, CL_MEM_READ_ONLY, d->input_bytes[i], &s);
    if (s != CL_SUCCESS)
      return fail(m, s, "clCreateBuffer (an input)", NULL);
  }
  for (i = 0; i < d->num_outputs; ++i) {
    m->host_outputs[i] =
        new_buffer(m->context, CL_MEM_READ_WRITE, d->output_bytes[i], &s);
    if (s != CL_SUCCESS)
      return fail(m, s, "clCreateBuffer (an output)", NULL);
  }
  for (i = 0; i < d->kernel_count; ++i) {
    const huge_cl_kernel *k = &d->kernels[i];
    size_t group = 1, fits = 0;
    int j;
    m->kernels[i] = clCreateKernel(m->program, k->name, &s);
    if (s != CL_SUCCESS)
      return fail(m, s, "clCreateKernel", k->layer);
    for (j = 0; j < k->dims; ++j)
      group *= k->local[j];
    s = clGetKernelWorkGroupInfo(m->kernels[i], m->device,
                                 CL_KERNEL_WORK_GROUP_SIZE, sizeof fits, &fits,
                                 NULL);
    if (s != CL_SUCCESS)
      return fail(m, s, "clGetKernelWorkGroupInfo", k->layer);
    if (group > fits || group > max_group) {
      say(m->message, sizeof m->message,
          "%s: layer %s needs work-groups of %lu work-items, the device runs "
          "at most %lu",
          d->name, k->layer, (unsigned long)group,
          (unsigned long)(fits < max_group ? fits : max_group));
      return CL_OUT_OF_RESOURCES;
    }
    for (j = 0; j < k->nargs; ++j) {
      const cl_mem *mem = k->args[j] == HUGE_CL_SLOT_ARENA     ? &m->arena
                          : k->args[j] == HUGE_CL_SLOT_WEIGHTS ? &m->weights
                                                               : NULL;
      if (mem && (s = clSetKernelArg(m->kernels[i], (cl_uint)j, sizeof(cl_mem),
                                     mem)) != CL_SUCCESS)
        return fail(m, s, "clSetKernelArg", k->layer);
    }
    for (j = 0; j < k->nints; ++j)
      if ((s = clSetKernelArg(m->kernels[i], (cl_uint)(k->nargs + j),
                              sizeof(cl_int), &d->ints[k->first_int + j])) !=
          CL_SUCCESS)
        return fail(m, s, "clSetKernelArg", k->layer);
  }
  if ((s = clFinish(m->queue)) != CL_SUCCESS)
    return fail(m, s, "uploading the weights", NULL);
  return CL_SUCCESS;
}

int huge_cl_create(const huge_cl_model_desc *desc, cl_context context,
                   cl_device_id device, cl_command_queue queue,
                   const huge_cl_options *options, huge_cl_model **model,
                   char *error, size_t error_size) {
  huge_cl_model *m;
  cl_int s;
  say(error, error_size, "%s", "");
  if (!model) {
    say(error, error_size, "huge_cl_create: model is NULL");
    return HUGE_CL_INVALID_ARGUMENT;
  }
  *model = NULL;
  if (!desc || !context || !device || !queue) {
    say(error, error_size, "huge_cl_create: a NULL %s",
        !desc ? "model description" : !context ? "context"
                                     : !device ? "device"
                                               : "command queue");
    return HUGE_CL_INVALID_ARGUMENT;
  }
  m = (huge_cl_model *)calloc(1, sizeof *m);
  if (!m) {
    say(error, error_size, "%s: out of host memory", desc->name);
    return CL_OUT_OF_HOST_MEMORY;
  }
  m->desc = desc;
  m->profile = options && options->profile;
  /* Retained for the model's life, released with it. */
  if ((s = clRetainContext(context)) != CL_SUCCESS) {
    say(error, error_size, "%s: clRetainContext failed: %s (%d)", desc->name,
        huge_cl_status_name(s), (int)s);
    free(m);
    return s;
  }
  m->context = context;
  if ((s = clRetainCommandQueue(queue)) != CL_SUCCESS) {
    say(error, error_size, "%s: clRetainCommandQueue failed: %s (%d)",
        desc->name, huge_cl_status_name(s), (int)s);
    huge_cl_release(m);
    return s;
  }
  m->queue = queue;
  m->device = device;
  if ((s = create(m, options)) != CL_SUCCESS) {
    say(error, error_size, "%s", m->message);
    huge_cl_release(m);
    return s;
  }
  *model = m;
  return 0;
}

static cl_int enqueue(huge_cl_model *m, const cl_mem *inputs,
                      const cl_mem *outputs) {
  const huge_cl_model_desc *d = m->desc;
  cl_int s;
  int i, j;
  for (i = 0; i < d->kernel_count; ++i) {
    const huge_cl_kernel *k = &d->kernels[i];
    for (j = 0; j < k->nargs; ++j) {
      const int slot = k->args[j];
      if (slot < HUGE_CL_SLOT_INPUT(0))
        continue; /* set at create */
      s = clSetKernelArg(m->kernels[i], (cl_uint)j, sizeof(cl_mem),
                         slot < HUGE_CL_SLOT_INPUT(d->num_inputs)
                             ? &inputs[slot - HUGE_CL_SLOT_INPUT(0)]
                             : &outputs[slot - HUGE_CL_SLOT_INPUT(d->num_inputs)]);
      if (s != CL_SUCCESS)
        return fail(m, s, "clSetKernelArg", k->layer);
    }
    if (m->events && m->events[i]) {
      clReleaseEvent(m->events[i]);
      m->events[i] = NULL;
    }
    s = clEnqueueNDRangeKernel(m->queue, m->kernels[i], (cl_uint)k->dims, NULL,
                               k->global, k->local, 0, NULL,
                               m->events ? &m->events[i] : NULL);
    if (s != CL_SUCCESS)
      return fail(m, s, "clEnqueueNDRangeKernel", k->layer);
  }
  for (i = 0; i < d->copy_count; ++i) {
    const huge_cl_copy *c = &d->copies[i];
    const int slot = c->slot;
    cl_mem src = slot == HUGE_CL_SLOT_ARENA     ? m->arena
                 : slot == HUGE_CL_SLOT_WEIGHTS ? m->weights
                 : slot < HUGE_CL_SLOT_INPUT(d->num_inputs)
                     ? inputs[slot - HUGE_CL_SLOT_INPUT(0)]
                     : outputs[slot - HUGE_CL_SLOT_INPUT(d->num_inputs)];
    s = clEnqueueCopyBuffer(m->queue, src, outputs[c->output], c->offset, 0,
                            c->bytes, 0, NULL, NULL);
    if (s != CL_SUCCESS)
      return fail(m, s, "clEnqueueCopyBuffer", "(an output copy)");
  }
  return CL_SUCCESS;
}

int huge_cl_enqueue(huge_cl_model *m, const cl_mem inputs[],
                    const cl_mem outputs[]) {
  int i;
  if (!m)
    return HUGE_CL_INVALID_ARGUMENT;
  m->message[0] = '\0';
  if ((!inputs && m->desc->num_inputs) || (!outputs && m->desc->num_outputs)) {
    say(m->message, sizeof m->message, "%s: NULL inputs or outputs",
        m->desc->name);
    return HUGE_CL_INVALID_ARGUMENT;
  }
  for (i = 0; i < m->desc->num_inputs; ++i)
    if (!inputs[i]) {
      say(m->message, sizeof m->message, "%s: input %d is NULL", m->desc->name,
          i);
      return HUGE_CL_INVALID_ARGUMENT;
    }
  for (i = 0; i < m->desc->num_outputs; ++i)
    if (!outputs[i]) {
      say(m->message, sizeof m->message, "%s: output %d is NULL",
          m->desc->name, i);
      return HUGE_CL_INVALID_ARGUMENT;
    }
  return enqueue(m, inputs, outputs);
}

int huge_cl_run(huge_cl_model *m, const float *const inputs[],
                float *const outputs[]) {
  const huge_cl_model_desc *d;
  cl_int s;
  int i;
  if (!m)
    return HUGE_CL_INVALID_ARGUMENT;
  d = m->desc;
  m->message[0] = '\0';
  if ((!inputs && d->num_inputs) || (!outputs && d->num_outputs)) {
    say(m->message, sizeof m->message, "%s: NULL inputs or outputs", d->name);
    return HUGE_CL_INVALID_ARGUMENT;
  }
  for (i = 0; i < d->num_inputs; ++i) {
    if (!inputs[i]) {
      say(m->message, sizeof m->message, "%s: input %d is NULL", d->name, i);
      return HUGE_CL_INVALID_ARGUMENT;
    }
    if (!d->input_bytes[i])
      continue;
    s = clEnqueueWriteBuffer(m->queue, m->host_inputs[i], CL_FALSE, 0,
                             d->input_bytes[i], inputs[i], 0, NULL, NULL);
    if (s != CL_SUCCESS)
      return fail(m, s, "clEnqueueWriteBuffer", "(an input)");
  }
  for (i = 0; i < d->num_outputs; ++i)
    if (!outputs[i]) {
      say(m->message, sizeof m->message, "%s: output %d is NULL", d->name, i);
      return HUGE_CL_INVALID_ARGUMENT;
    }
  if ((s = enqueue(m, m->host_inputs, m->host_outputs)) != CL_SUCCESS)
    return s;
  for (i = 0; i < d->num_outputs; ++i) {
    if (!d->output_bytes[i])
      continue;
    s = clEnqueueReadBuffer(m->queue, m->host_outputs[i], CL_FALSE, 0,
                            d->output_bytes[i], outputs[i], 0, NULL, NULL);
    if (s != CL_SUCCESS)
      return fail(m, s, "clEnqueueReadBuffer", "(an output)");
  }
  if ((s = clFinish(m->queue)) != CL_SUCCESS)
    return fail(m, s, "clFinish", "(the run)");
  return 0;
}

int huge_cl_kernel_times(const huge_cl_model *m, double *ms) {
  int i;
  if (!m || !ms || !m->events)
    return HUGE_CL_INVALID_ARGUMENT;
  for (i = 0; i < m->desc->kernel_count; ++i) {
    cl_ulong start = 0, end = 0;
    cl_int s;
    if (!m->events[i])
      return HUGE_CL_INVALID_ARGUMENT;
    s = clGetEventProfilingInfo(m->events[i], CL_PROFILING_COMMAND_START,
                                sizeof start, &start, NULL);
    if (s == CL_SUCCESS)
      s = clGetEventProfilingInfo(m->events[i], CL_PROFILING_COMMAND_END,
                                  sizeof end, &end, NULL);
    if (s != CL_SUCCESS)
      return s;
    ms[i] = (double)(end - start) * 1e-6;
  }
  return 0;
}

int huge_cl_run_span(const huge_cl_model *m, double *ms) {
  cl_ulong start = 0, end = 0;
  cl_int s;
  const int last = m ? m->desc->kernel_count - 1 : -1;
  if (!m || !ms || !m->events || last < 0 || !m->events[0] || !m->events[last])
    return HUGE_CL_INVALID_ARGUMENT;
  s = clGetEventProfilingInfo(m->events[0], CL_PROFILING_COMMAND_START,
                              sizeof start, &start, NULL);
  if (s == CL_SUCCESS)
    s = clGetEventProfilingInfo(m->events[last], CL_PROFILING_COMMAND_END,
                                sizeof end, &end, NULL);
  if (s != CL_SUCCESS)
    return s;
  *ms = (double)(end - start) * 1e-6;
  return 0;
}

int huge_cl_program_binary(huge_cl_model *m, unsigned char **binary,
                           size_t *size) {
  cl_int s;
  if (!m || !binary || !size)
    return HUGE_CL_INVALID_ARGUMENT;
  *binary = NULL;
  s = clGetProgramInfo(m->program, CL_PROGRAM_BINARY_SIZES, sizeof *size, size,
                       NULL);
  if (s != CL_SUCCESS)
    return fail(m, s, "clGetProgramInfo", NULL);
  if (!(*binary = (unsigned char *)malloc(*size ? *size : 1)))
    return fail(m, CL_OUT_OF_HOST_MEMORY, "allocating the binary", NULL);
  s = clGetProgramInfo(m->program, CL_PROGRAM_BINARIES, sizeof *binary, binary,
                       NULL);
  if (s != CL_SUCCESS) {
    free(*binary);
    *binary = NULL;
    return fail(m, s, "clGetProgramInfo", NULL);
  }
  return 0;
}

const char *huge_cl_error(const huge_cl_model *m) {
  return m ? m->message : "no model";
}

int huge_cl_default_device(cl_context *context, cl_device_id *device,
                           cl_command_queue *queue, int profiling,
                           char *error, size_t error_size) {
  cl_platform_id platforms[16];
  cl_uint count = 0, i;
  cl_int s;
  cl_device_id chosen = NULL;
  if (!context || !device || !queue) {
    say(error, error_size, "huge_cl_default_device: a NULL argument");
    return HUGE_CL_INVALID_ARGUMENT;
  }
  *context = NULL;
  *device = NULL;
  *queue = NULL;
  s = clGetPlatformIDs(16, platforms, &count);
  if (s != CL_SUCCESS || count == 0) {
    say(error, error_size, "no OpenCL platform: %s (%d)",
        s != CL_SUCCESS ? huge_cl_status_name(s) : "none installed", (int)s);
    return s != CL_SUCCESS ? s : CL_DEVICE_NOT_FOUND;
  }
  if (count > 16)
    count = 16;
  for (i = 0; i < count && !chosen; ++i) /* a GPU first */
    if (clGetDeviceIDs(platforms[i], CL_DEVICE_TYPE_GPU, 1, &chosen, NULL) !=
        CL_SUCCESS)
      chosen = NULL;
  for (i = 0; i < count && !chosen; ++i)
    if (clGetDeviceIDs(platforms[i], CL_DEVICE_TYPE_ALL, 1, &chosen, NULL) !=
        CL_SUCCESS)
      chosen = NULL;
  if (!chosen) {
    say(error, error_size, "no OpenCL device on %u platform(s)",
        (unsigned)count);
    return CL_DEVICE_NOT_FOUND;
  }
  *context = clCreateContext(NULL, 1, &chosen, NULL, NULL, &s);
  if (s != CL_SUCCESS) {
    say(error, error_size, "clCreateContext failed: %s (%d)",
        huge_cl_status_name(s), (int)s);
    *context = NULL;
    return s;
  }
  *queue = clCreateCommandQueue(*context, chosen,
                                profiling ? CL_QUEUE_PROFILING_ENABLE : 0, &s);
  if (s != CL_SUCCESS) {
    say(error, error_size, "clCreateCommandQueue failed: %s (%d)",
        huge_cl_status_name(s), (int)s);
    clReleaseContext(*context);
    *context = NULL;
    *queue = NULL;
    return s;
  }
  *device = chosen;
  return 0;
}
