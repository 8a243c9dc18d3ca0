#include "trendy_ilamb/pipeline/task.hpp"

#include <nlohmann/json.hpp>

namespace ti::pipeline {

std::string status_name(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::Failed: return "failed";
    case Status::Skipped: return "skipped";
  }
  return "failed";
}

static Status status_from(const std::string& s) {
  if (s == "ok") return Status::Ok;
  if (s == "skipped") return Status::Skipped;
  return Status::Failed;
}

void to_json(nlohmann::json& j, const Task& t) {
  j = nlohmann::json{{"id", t.id},
                     {"kind", t.kind == TaskKind::Convert ? "convert" : "fixed"},
                     {"input", t.input},
                     {"model", t.model},
                     {"simulation", t.simulation},
                     {"variable", t.variable},
                     {"file_variable", t.file_variable},
                     {"bytes", t.bytes},
                     {"cost", t.cost}};
  if (t.piece) j["piece"] = {{"index", t.piece->index}, {"count", t.piece->count}};
  if (t.area) j["area"] = *t.area;
  if (t.weights) j["weights"] = *t.weights;
  if (t.fraction) {
    j["fraction"] = {{"path", t.fraction->path},
                     {"role", t.fraction->role},
                     {"extra_rule", t.fraction->extra_rule}};
  }
}

void from_json(const nlohmann::json& j, Task& t) {
  t.id = j.at("id").get<std::uint64_t>();
  t.kind = j.at("kind").get<std::string>() == "fixed" ? TaskKind::Fixed : TaskKind::Convert;
  t.input = j.at("input").get<std::string>();
  t.model = j.at("model").get<std::string>();
  t.simulation = j.at("simulation").get<std::string>();
  t.variable = j.at("variable").get<std::string>();
  t.file_variable = j.at("file_variable").get<std::string>();
  t.bytes = j.value("bytes", 0.0);
  t.cost = j.at("cost").get<double>();
  if (j.contains("piece")) {
    t.piece = Piece{j.at("piece").at("index").get<std::size_t>(), j.at("piece").at("count").get<std::size_t>()};
  }
  if (j.contains("area")) t.area = j.at("area").get<std::string>();
  if (j.contains("weights")) t.weights = j.at("weights").get<std::string>();
  if (j.contains("fraction")) {
    const auto& f = j.at("fraction");
    t.fraction = FractionInput{f.at("path").get<std::string>(), f.at("role").get<std::string>(),
                               f.at("extra_rule").get<std::string>()};
  }
}

void to_json(nlohmann::json& j, const Outcome& o) {
  j = nlohmann::json{{"id", o.id},
                     {"status", status_name(o.status)},
                     {"outputs", o.outputs},
                     {"bytes_read", o.bytes_read},
                     {"bytes_written", o.bytes_written},
                     {"seconds", o.seconds},
                     {"warnings", o.warnings},
                     {"checks", o.checks},
                     {"error", o.error}};
}

void from_json(const nlohmann::json& j, Outcome& o) {
  o.id = j.at("id").get<std::uint64_t>();
  o.status = status_from(j.at("status").get<std::string>());
  o.outputs = j.at("outputs").get<std::vector<std::string>>();
  o.bytes_read = j.at("bytes_read").get<std::uint64_t>();
  o.bytes_written = j.at("bytes_written").get<std::uint64_t>();
  o.seconds = j.at("seconds").get<double>();
  o.warnings = j.at("warnings").get<std::vector<std::string>>();
  if (j.contains("checks")) o.checks = j.at("checks").get<std::vector<std::string>>();
  o.error = j.at("error").get<std::string>();
}

std::string serialise(const Task& t) { return nlohmann::json(t).dump(); }
Task parse_task(const std::string& text) { return nlohmann::json::parse(text).get<Task>(); }
std::string serialise(const Outcome& o) { return nlohmann::json(o).dump(); }
Outcome parse_outcome(const std::string& text) { return nlohmann::json::parse(text).get<Outcome>(); }

}  // namespace ti::pipeline
