# Warnings on everywhere; kept clean (CI builds with -Werror via TI_WERROR=ON).
option(TI_WERROR "Treat warnings as errors" OFF)
add_library(ti_warnings INTERFACE)
target_compile_options(ti_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference)
if(TI_WERROR)
  target_compile_options(ti_warnings INTERFACE -Werror)
endif()
