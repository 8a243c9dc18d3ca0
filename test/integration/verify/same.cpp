// trendy_verify same (see same.hpp).
#include "same.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace ti::verify {
namespace {

// Steps of the first dimension compared at once.
constexpr std::size_t kSlabSteps = 4;

// Global attributes that legitimately differ between two runs.
bool run_specific(const std::string& att) { return att == "history" || att == "creation_date"; }

bool same_attribute(const io::Attribute& a, const io::Attribute& b) {
  return a.name == b.name && a.type == b.type && a.text == b.text && a.numbers == b.numbers;
}

void compare_attributes(Problems& p, const fs::path& file, const std::string& owner,
                        std::vector<io::Attribute> a, std::vector<io::Attribute> b) {
  const auto drop = [&](std::vector<io::Attribute>& v) {
    if (owner.empty()) std::erase_if(v, [](const io::Attribute& x) { return run_specific(x.name); });
  };
  drop(a);
  drop(b);
  if (!std::equal(a.begin(), a.end(), b.begin(), b.end(), same_attribute))
    p.add(file, fmt::format("attributes of {} differ", owner.empty() ? "the file" : owner));
}

template <class T>
std::vector<unsigned char> read_bytes(const io::Variable& v, const std::vector<std::size_t>& start,
                                      const std::vector<std::size_t>& count, std::size_t n) {
  std::vector<T> values(n);
  if (n > 0) v.read(start, count, values.data());
  std::vector<unsigned char> bytes(n * sizeof(T));
  if (n > 0) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

// Raw values of rows [r0, r0+n) of the first dimension, as bytes: floats as
// floats, everything else through double (exact for every type up to 32 bits).
std::vector<unsigned char> raw_rows(const io::Variable& v, std::size_t r0, std::size_t n) {
  auto count = v.shape();
  std::vector<std::size_t> start(count.size(), 0);
  if (!count.empty()) {
    start[0] = r0;
    count[0] = n;
  }
  std::size_t total = 1;
  for (auto c : count) total *= c;
  if (v.type() == NcType::Float) return read_bytes<float>(v, start, count, total);
  return read_bytes<double>(v, start, count, total);
}

void compare_data(Problems& p, const fs::path& file, const io::Variable& a, const io::Variable& b) {
  if (!io::is_numeric(a.type())) {
    p.add(file, a.name() + " is not numeric: cannot compare");
    return;
  }
  const auto shape = a.shape();
  const std::size_t rows = shape.empty() ? 1 : shape[0];
  const std::size_t step = shape.size() > 1 ? kSlabSteps : std::max<std::size_t>(rows, 1);
  for (std::size_t r = 0; r < rows; r += step) {
    const std::size_t n = std::min(step, rows - r);
    if (raw_rows(a, r, n) != raw_rows(b, r, n)) {
      p.add(file, fmt::format("{}: data differ in rows {}..{}", a.name(), r, r + n - 1));
      return;
    }
  }
}

void compare_variable(Problems& p, const fs::path& file, const io::Variable& a,
                      const io::Variable& b) {
  if (a.type() != b.type() || a.dimension_names() != b.dimension_names() || a.shape() != b.shape()) {
    p.add(file, a.name() + ": type, dimensions or shape differ");
    return;
  }
  compare_attributes(p, file, a.name(), a.attributes(), b.attributes());
  compare_data(p, file, a, b);
}

void compare_files(Problems& p, const fs::path& rel, const fs::path& a_path, const fs::path& b_path) {
  const io::File a = io::File::open_read(a_path);
  const io::File b = io::File::open_read(b_path);
  compare_attributes(p, rel, "", a.global_attributes(), b.global_attributes());
  auto names_a = a.variable_names(), names_b = b.variable_names();
  std::sort(names_a.begin(), names_a.end());
  std::sort(names_b.begin(), names_b.end());
  if (names_a != names_b) {
    p.add(rel, fmt::format("variables differ: ({}) vs ({})", fmt::join(names_a, ", "),
                           fmt::join(names_b, ", ")));
    return;
  }
  for (const auto& name : names_a) compare_variable(p, rel, a.variable(name), b.variable(name));
}

std::set<fs::path> relative_nc_files(const fs::path& root) {
  std::set<fs::path> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& f : nc_files_under(root)) out.insert(fs::relative(f, root));
  return out;
}

}  // namespace

int run_same(const fs::path& a_root, const fs::path& b_root) {
  Problems p;
  const auto a = relative_nc_files(a_root), b = relative_nc_files(b_root);
  for (const auto& f : a) {
    if (!b.contains(f)) p.add(a_root / f, "has no counterpart under " + b_root.string());
  }
  for (const auto& f : b) {
    if (!a.contains(f)) p.add(b_root / f, "has no counterpart under " + a_root.string());
  }
  std::size_t compared = 0;
  for (const auto& f : a) {
    if (!b.contains(f)) continue;
    ++compared;
    guarded(p, f, [&] { compare_files(p, f, a_root / f, b_root / f); });
  }
  if (a.empty()) p.add(a_root, "no .nc files");
  return p.finish("same", fmt::format("{} file(s) compared", compared));
}

}  // namespace ti::verify
