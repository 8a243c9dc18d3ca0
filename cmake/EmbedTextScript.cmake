file(READ ${INPUT} content)
# A raw string with a delimiter that YAML text will not contain.
file(WRITE ${OUTPUT} "#pragma once\n#include <string_view>\nnamespace ti::embedded {\ninline constexpr std::string_view ${SYMBOL} = R\"TIEMBED(${content})TIEMBED\";\n}\n")
