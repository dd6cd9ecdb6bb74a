# Script for the <name>_complete tests: runs lupdate on a copy of TS_FILE (the
# source tree stays untouched) and lrelease on the result, and fails when
# either finds a string without a finished translation.
# Inputs: LUPDATE, LRELEASE, TS_FILE, WORK_DIR, LUPDATE_ARGS (a list), and
# PLURALS_ONLY (optional): for the source language, where only the %n plural
# forms need translating and every other string shows its source text.
foreach(var LUPDATE LRELEASE TS_FILE WORK_DIR LUPDATE_ARGS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "CheckTranslation.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(ts_name "${TS_FILE}" NAME)
set(ts_copy "${WORK_DIR}/${ts_name}")
file(COPY_FILE "${TS_FILE}" "${ts_copy}")

execute_process(
  COMMAND "${LUPDATE}" ${LUPDATE_ARGS} -ts "${ts_copy}"
  OUTPUT_VARIABLE lupdate_out ERROR_VARIABLE lupdate_err RESULT_VARIABLE lupdate_rc)
if(NOT lupdate_rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed on ${ts_name}:\n${lupdate_out}${lupdate_err}")
endif()
# lupdate says "Found N source text(s) (M new and K already existing)".
if(NOT lupdate_out MATCHES "Found ([0-9]+) source text\\(s\\) \\(([0-9]+) new")
  message(FATAL_ERROR "Cannot read lupdate's summary for ${ts_name}:\n${lupdate_out}")
endif()
set(source_texts ${CMAKE_MATCH_1})
if(NOT CMAKE_MATCH_2 EQUAL 0)
  message(FATAL_ERROR "${ts_name} lacks ${CMAKE_MATCH_2} string(s) that are in the sources; "
                      "run `ninja quantlens_lupdate` and translate them:\n${lupdate_out}")
endif()

execute_process(
  COMMAND "${LRELEASE}" "${ts_copy}" -qm "${WORK_DIR}/check.qm"
  OUTPUT_VARIABLE lrelease_out ERROR_VARIABLE lrelease_err RESULT_VARIABLE lrelease_rc)
if(NOT lrelease_rc EQUAL 0)
  message(FATAL_ERROR "lrelease failed on ${ts_name}:\n${lrelease_out}${lrelease_err}")
endif()
# lrelease says "Generated N translation(s) (F finished and U unfinished)" and
# leaves empty translations out of N ("Ignored E untranslated source text(s)"),
# so every source text is translated exactly when N equals lupdate's count
# and U is 0.
if(NOT lrelease_out MATCHES "Generated ([0-9]+) translation\\(s\\) \\(([0-9]+) finished and ([0-9]+) unfinished")
  message(FATAL_ERROR "Cannot read lrelease's summary for ${ts_name}:\n${lrelease_out}")
endif()
set(generated ${CMAKE_MATCH_1})
set(finished ${CMAKE_MATCH_2})
set(unfinished ${CMAKE_MATCH_3})
file(READ "${ts_copy}" ts_text)
set(expected ${source_texts})
if(PLURALS_ONLY)
  string(REGEX MATCHALL "<message numerus=\"yes\"" plurals "${ts_text}")
  list(LENGTH plurals expected)
endif()
if(NOT generated EQUAL expected OR NOT unfinished EQUAL 0)
  message(FATAL_ERROR "${ts_name} translates ${finished} of ${expected} strings "
                      "(${unfinished} marked unfinished); finish them in Qt Linguist:\n${lrelease_out}")
endif()
# lrelease counts a plural message as finished even with one form left empty.
if(ts_text MATCHES "<numerusform></numerusform>")
  message(FATAL_ERROR "${ts_name} has a plural message with an empty form")
endif()
message(STATUS "${ts_name}: ${lrelease_out}")
