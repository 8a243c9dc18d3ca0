// LeakSanitizer canary for fuzz/lsan.supp (run by scripts/fuzz.sh under the
// fuzz targets' ASAN_OPTIONS and LSAN_OPTIONS). It allocates through
// UDUNITS-2 the way src/cf/units.cpp does (ut_read_xml, ut_parse,
// ut_get_converter) and deliberately never frees one object, named by its
// argument:
//   unit       the ut_unit that ut_parse returns (the system freed)
//   converter  the cv_converter between two parsed units (units and system freed)
// LSan must report the leak: a suppression that hides it would hide the same
// leak in trendy_ilamb's code. Exits 0 after leaking (LSan's exit code says
// whether it saw the leak), 2 on a usage or UDUNITS-2 error.
// A leaked ut_system cannot be checked: libudunits2 keeps the last one
// ut_read_xml made in a static variable, so LSan finds it reachable.
#include <udunits2.h>

#include <cstdio>
#include <cstring>
#include <thread>

namespace {

// Where the leaked pointer goes before it is dropped, so the compiler cannot
// drop the allocation and no register or stack slot keeps it reachable.
void* volatile g_sink = nullptr;

void drop(void* p) {
  g_sink = p;
  g_sink = nullptr;
}

int fail(const char* what) {
  std::fprintf(stderr, "lsan_canary: %s\n", what);
  return 2;
}

int leak(const char* mode) {
  ut_set_error_message_handler(ut_ignore);
  ut_system* sys = ut_read_xml(nullptr);
  if (sys == nullptr) return fail("ut_read_xml failed (check UDUNITS2_XML_PATH)");
  ut_unit* from = ut_parse(sys, "kg m-2 s-1", UT_UTF8);
  ut_unit* to = ut_parse(sys, "g m-2 d-1", UT_UTF8);
  if (from == nullptr || to == nullptr) return fail("ut_parse failed");
  if (std::strcmp(mode, "unit") == 0) {
    ut_free(to);
    drop(from);
  } else if (std::strcmp(mode, "converter") == 0) {
    cv_converter* cv = ut_get_converter(from, to);
    if (cv == nullptr) return fail("ut_get_converter failed");
    ut_free(from);
    ut_free(to);
    drop(cv);
  } else {
    return fail("unknown mode (want unit or converter)");
  }
  ut_free_system(sys);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: lsan_canary unit|converter");
  int rc = 2;
  // The work runs on a thread that ends before the leak check at exit: a
  // stale copy of a pointer in a dead frame of the main thread's stack,
  // which LSan scans, would make the leaked object look reachable.
  std::thread worker([&rc, mode = argv[1]] { rc = leak(mode); });
  worker.join();
  return rc;
}
