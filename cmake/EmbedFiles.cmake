# cmake -DOUTPUT=<file.inc> -DINPUTS="name1=path1;name2=path2" -P EmbedFiles.cmake
# Writes each file as a C++ raw string literal named `name`.
file(WRITE "${OUTPUT}.tmp" "// Generated from the runtime sources. Do not edit.\n")
foreach(entry IN LISTS INPUTS)
  string(REPLACE "=" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 path)
  file(READ "${path}" contents)
  file(APPEND "${OUTPUT}.tmp" "const char ${name}[] = R\"huge_embed(${contents})huge_embed\";\n")
endforeach()
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
