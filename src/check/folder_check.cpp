// Across the files of one model folder: no overlapping files of one
// variable, one experiment.
#include <algorithm>
#include <map>

#include "internal.hpp"

namespace ti::check::detail {
namespace {

struct Span {
  TimeRange range;
  const FileFacts* file;
};

std::string span_text(const Span& s) {
  return s.file->shown + " (" + cf::to_string(s.range.start) + " .. " +
         cf::to_string(s.range.end) + ")";
}

std::map<std::string, std::vector<Span>> spans_by_variable(const std::vector<FileFacts>& files) {
  std::map<std::string, std::vector<Span>> by_var;
  for (const auto& f : files) {
    if (!f.range) continue;
    for (const auto& v : f.data_vars) {
      if (!is_fixed_field(v)) by_var[v].push_back({*f.range, &f});
    }
  }
  return by_var;
}

void report_overlaps(const std::string& var, std::vector<Span>& spans, FindingSink& sink) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return earlier(a.range.start, b.range.start); });
  for (std::size_t i = 0; i < spans.size(); ++i) {
    for (std::size_t j = i + 1; j < spans.size(); ++j) {
      if (!earlier(spans[j].range.start, spans[i].range.end)) break;
      sink.set_file(spans[i].file->shown);
      sink.error("overlap", var + ": time ranges overlap: " + span_text(spans[i]) + " and " +
                                span_text(spans[j]) +
                                "; ILAMB refuses overlapping files of one variable");
    }
  }
  sink.set_file("");
}

std::string first_files(const std::vector<std::string>& files) {
  std::vector<std::string> shown(files.begin(), files.begin() + std::min<std::ptrdiff_t>(3, std::ssize(files)));
  auto text = join(shown);
  if (files.size() > 3) text += ", ... (" + std::to_string(files.size()) + " files)";
  return text;
}

}  // namespace

void check_overlaps(const std::vector<FileFacts>& files, FindingSink& sink) {
  for (auto& [var, spans] : spans_by_variable(files)) report_overlaps(var, spans, sink);
}

void check_experiments(const std::vector<FileFacts>& files, FindingSink& sink) {
  std::map<std::string, std::vector<std::string>> by_experiment;
  for (const auto& f : files) {
    if (f.experiment_id) by_experiment[*f.experiment_id].push_back(f.shown);
  }
  if (by_experiment.size() <= 1) return;
  std::vector<std::string> parts;
  for (const auto& [id, names] : by_experiment) parts.push_back("'" + id + "' in " + first_files(names));
  sink.error("experiment", "more than one experiment_id in one model folder: " + join(parts, "; ") +
                               "; ILAMB needs one experiment per model folder");
}

}  // namespace ti::check::detail
