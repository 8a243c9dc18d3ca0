// libFuzzer target: ti::plan::parse_config on arbitrary YAML text.
// The API documents one failure: ti::plan::ConfigError (config.hpp: "an
// unknown key, a wrong type or a missing required key is a ConfigError";
// parse_config converts YAML syntax errors into it). Anything else that
// escapes — a YAML::Exception, std::out_of_range, ... — is reported as a
// finding with its type and message, like crashes and sanitizer reports.
#include <cxxabi.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

#include "trendy_ilamb/plan/config.hpp"

namespace {

std::string type_name(const std::type_info& t) {
  int status = 0;
  char* name = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  std::string out = status == 0 && name ? name : t.name();
  std::free(name);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)ti::plan::parse_config(text, "/fuzz/config.yaml");
  } catch (const ti::plan::ConfigError&) {
    return 0;  // the documented refusal
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_config: undocumented exception %s escaped parse_config: %s\n",
                 type_name(typeid(e)).c_str(), e.what());
    std::abort();
  }
  return 0;
}
