# Fails when the engine breaks its layering (DESIGN.md): no engine file may
# include a Qt header, and no public header (all but the internal engine/torchimpl/) may
# include a torch header, so Qt code and the CLI can include every one of them.
# Run: cmake -DENGINE_DIR=<repo>/engine -P CheckEngineLayering.cmake
file(GLOB_RECURSE engine_files "${ENGINE_DIR}/*.h" "${ENGINE_DIR}/*.cpp")
set(violations "")
foreach(file IN LISTS engine_files)
  file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS includes)
    if(line MATCHES "[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/)")
      list(APPEND violations "${file}: Qt include in the engine: ${line}")
    endif()
    if(file MATCHES "\\.h$" AND NOT file MATCHES "/engine/torchimpl/"
       AND line MATCHES "[<\"](torch|ATen|c10|caffe2)/")
      list(APPEND violations "${file}: torch include in a public engine header: ${line}")
    endif()
  endforeach()
endforeach()
list(LENGTH engine_files file_count)
if(file_count LESS 10)
  message(FATAL_ERROR "found only ${file_count} engine files under ${ENGINE_DIR}: wrong folder?")
endif()
if(violations)
  list(JOIN violations "\n" report)
  message(FATAL_ERROR "engine layering violated:\n${report}")
endif()
message(STATUS "checked ${file_count} engine files: layering holds")
