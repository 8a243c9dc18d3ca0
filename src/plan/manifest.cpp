#include "trendy_ilamb/plan/manifest.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

namespace ti::plan {

namespace fs = std::filesystem;

Fingerprint fingerprint(const std::string& path) {
  Fingerprint f{path, 0, 0};
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return f;
  const auto mtime = fs::last_write_time(path, ec);
  if (ec) return f;
  f.size = size;
  const auto sys = std::chrono::file_clock::to_sys(mtime);  // Unix time: readable in the JSONL
  f.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
  return f;
}

std::string task_key(const pipeline::Task& t) {
  const std::string key = fmt::format("{}|{}|{}|{}|{}", t.kind == pipeline::TaskKind::Convert ? "convert" : "fixed",
                                      t.simulation, t.model, t.variable, t.input);
  // A piece is its own task: "…|piece 2/4" (1-based).
  return t.piece ? fmt::format("{}|piece {}/{}", key, t.piece->index + 1, t.piece->count) : key;
}

std::string config_hash(const std::string& config_text, const std::string& table_text) {
  return fmt::format("{:016x}", std::hash<std::string>{}(config_text + '\0' + table_text));
}

Manifest::Manifest(const std::string& output_root, std::string config_hash, std::string version)
    : root_(output_root),
      path_((fs::path(output_root) / "manifest.jsonl").string()),
      config_hash_(std::move(config_hash)),
      version_(std::move(version)) {
  std::ifstream in(path_);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("key")) continue;  // a line torn by a kill
    Entry e;
    e.input = {j.value("input", ""), j.value("size", std::uint64_t{0}), j.value("mtime_ns", std::int64_t{0})};
    e.config_hash = j.value("config_hash", "");
    e.version = j.value("version", "");
    for (const auto& o : j.value("outputs", nlohmann::json::array())) {
      e.outputs.emplace_back(o.value("path", ""), o.value("size", std::uint64_t{0}));
    }
    entries_[j["key"].get<std::string>()] = std::move(e);
  }
}

std::optional<std::vector<std::string>> Manifest::done(const pipeline::Task& t) const {
  const auto it = entries_.find(task_key(t));
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  if (e.config_hash != config_hash_ || e.version != version_ || !(e.input == fingerprint(t.input))) {
    return std::nullopt;
  }
  std::vector<std::string> outputs;
  for (const auto& [rel, size] : e.outputs) {
    std::error_code ec;
    if (fs::file_size(fs::path(root_) / rel, ec) != size || ec) return std::nullopt;
    outputs.push_back(rel);
  }
  return outputs;
}

void Manifest::record(const pipeline::Task& t, const pipeline::Outcome& o) {
  const auto input = fingerprint(t.input);
  nlohmann::json outputs = nlohmann::json::array();
  for (const auto& rel : o.outputs) {
    std::error_code ec;
    outputs.push_back({{"path", rel}, {"size", fs::file_size(fs::path(root_) / rel, ec)}});
  }
  const nlohmann::json j = {{"key", task_key(t)},         {"input", input.path},
                            {"size", input.size},         {"mtime_ns", input.mtime_ns},
                            {"config_hash", config_hash_}, {"version", version_},
                            {"status", pipeline::status_name(o.status)}, {"outputs", outputs}};
  // A line torn by a killed run must not swallow the next record.
  bool needs_newline = false;
  if (std::ifstream last(path_, std::ios::ate | std::ios::binary); last && last.tellg() > 0) {
    last.seekg(-1, std::ios::end);
    needs_newline = last.get() != '\n';
  }
  std::ofstream out(path_, std::ios::app);
  if (needs_newline) out << '\n';
  out << j.dump() << '\n';
  out.flush();
  Entry e{input, config_hash_, version_, {}};
  for (const auto& x : outputs) e.outputs.emplace_back(x["path"], x["size"]);
  entries_[task_key(t)] = std::move(e);
}

}  // namespace ti::plan
