# embed_text(TARGET_VAR INPUT SYMBOL): generates a header that holds the text
# of INPUT as `inline constexpr std::string_view SYMBOL`, so data files (the
# variable table) are built into the binary and still edited as data.
function(embed_text out_header input symbol)
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/generated/${symbol}.hpp)
  add_custom_command(
    OUTPUT ${gen}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${gen} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake
    COMMENT "Embedding ${input}")
  set(${out_header} ${gen} PARENT_SCOPE)
endfunction()
