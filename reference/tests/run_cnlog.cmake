# Runs ${CNLOG} ${ARGS}; fails unless the exit code is ${EXIT} and the
# combined output matches ${MATCH}.
execute_process(COMMAND ${CNLOG} ${ARGS} RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc STREQUAL "${EXIT}")
  message(FATAL_ERROR "cnlog exited ${rc}, want ${EXIT}")
endif()
if(NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match: ${MATCH}")
endif()
