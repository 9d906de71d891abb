# The C runtime is written in rooms, one file per kernel family and ISA
# (runtime/src); models ship its one-file form, huge_runtime.c, which
# runtime/amalgamate.py writes into the build tree. HUGE_RUNTIME_SOURCE is
# that file; the target HugeRuntimeAmalgamation makes it.
find_package(Python3 REQUIRED COMPONENTS Interpreter)

set(HUGE_RUNTIME_DIR ${PROJECT_SOURCE_DIR}/runtime)
# Rooms in the order they are copied; each one's headers come in where it
# first includes them.
set(HUGE_RUNTIME_ROOMS
  src/conv/pack.c
  src/conv/channel.c
  src/conv/column.c
  src/conv/conv2d.c
  src/conv/depthwise.c
  src/conv/transpose.c
  src/layout.c
  src/pool.c
  src/elementwise.c
  src/resize.c
  src/linalg.c)
list(TRANSFORM HUGE_RUNTIME_ROOMS PREPEND ${HUGE_RUNTIME_DIR}/
     OUTPUT_VARIABLE huge_runtime_room_paths)
file(GLOB_RECURSE huge_runtime_headers CONFIGURE_DEPENDS
     ${HUGE_RUNTIME_DIR}/src/*.h)

set(HUGE_RUNTIME_SOURCE ${PROJECT_BINARY_DIR}/runtime/huge_runtime.c)
add_custom_command(
  OUTPUT ${HUGE_RUNTIME_SOURCE}
  COMMAND ${Python3_EXECUTABLE} ${HUGE_RUNTIME_DIR}/amalgamate.py
          ${HUGE_RUNTIME_SOURCE} ${huge_runtime_room_paths}
  DEPENDS ${HUGE_RUNTIME_DIR}/amalgamate.py ${huge_runtime_room_paths}
          ${huge_runtime_headers} ${HUGE_RUNTIME_DIR}/huge_runtime.h
  COMMENT "Amalgamating the C runtime")
add_custom_target(HugeRuntimeAmalgamation DEPENDS ${HUGE_RUNTIME_SOURCE})
