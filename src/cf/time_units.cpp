// CF time units "<unit> since <reference>": parsing, decoding, encoding.
#include "trendy_ilamb/cf/time_units.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

namespace ti::cf {
namespace {

constexpr std::string_view kExpected =
    "expected \"<days|hours|minutes|seconds|months|years> since <YYYY-MM-DD[ hh:mm:ss]>\"";

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
  throw TimeError(fmt::format("cannot parse time units \"{}\": {}{}{}", text, reason,
                              reason.empty() ? "" : "; ", kExpected));
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A left-to-right reader over the units text; every parse error goes
// through `fail` so that the message always quotes the whole text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::string_view text() const { return text_; }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  // Skips blanks; returns whether any were skipped.
  bool skip_blanks() {
    const std::size_t start = pos_;
    while (!at_end() && is_blank(peek())) ++pos_;
    return pos_ > start;
  }

  bool accept(char c) {
    if (at_end() || std::tolower(static_cast<unsigned char>(peek())) != c) return false;
    ++pos_;
    return true;
  }

  std::string_view word() {
    const std::size_t start = pos_;
    while (!at_end() && is_alpha(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // A run of decimal digits, possibly empty.
  std::string_view digits() {
    const std::size_t start = pos_;
    while (!at_end() && is_digit(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // 1..max_digits decimal digits, required; `what` names the field in errors.
  int number(int max_digits, std::string_view what) {
    const std::size_t start = pos_;
    while (!at_end() && is_digit(peek()) && pos_ - start < static_cast<std::size_t>(max_digits)) ++pos_;
    if (pos_ == start) fail(text_, fmt::format("missing {}", what));
    if (is_digit(peek())) fail(text_, fmt::format("{} has more than {} digits", what, max_digits));
    return std::stoi(std::string(text_.substr(start, pos_ - start)));
  }

  // Whole seconds with an optional fraction ("05", "5.25", "00.000000").
  double seconds() {
    const std::size_t start = pos_;
    number(2, "seconds");
    if (accept('.')) digits();
    return std::strtod(std::string(text_.substr(start, pos_ - start)).c_str(), nullptr);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Unit words by general rule: case-insensitive, one plural 's' dropped, then
// the singular or its usual abbreviation.
std::optional<TimeUnit> unit_from_word(std::string_view word) {
  std::string w = lowercase(word);
  if (w.size() > 1 && w.back() == 's') w.pop_back();
  if (w == "s" || w == "sec" || w == "second") return TimeUnit::Seconds;
  if (w == "min" || w == "minute") return TimeUnit::Minutes;
  if (w == "h" || w == "hr" || w == "hour") return TimeUnit::Hours;
  if (w == "d" || w == "day") return TimeUnit::Days;
  if (w == "mon" || w == "month") return TimeUnit::Months;
  if (w == "a" || w == "yr" || w == "year") return TimeUnit::Years;
  return std::nullopt;
}

void check_range(std::string_view text, std::string_view what, double v, double lo, double hi) {
  if (v < lo || v > hi) fail(text, fmt::format("{} {} is not in {}..{}", what, v, lo, hi));
}

// YYYY[-MM[-DD]]: missing month/day mean the first.
void parse_date(Scanner& sc, DateTime& t) {
  t.year = sc.number(4, "year");
  if (sc.accept('-')) {
    t.month = sc.number(2, "month");
    if (sc.accept('-')) t.day = sc.number(2, "day");
  }
  check_range(sc.text(), "month", t.month, 1, 12);
  check_range(sc.text(), "day", t.day, 1, 31);
}

// hh[:mm[:ss[.ffffff]]]
void parse_time_of_day(Scanner& sc, DateTime& t) {
  t.hour = sc.number(2, "hour");
  if (sc.accept(':')) {
    t.minute = sc.number(2, "minute");
    if (sc.accept(':')) t.second = sc.seconds();
  }
  check_range(sc.text(), "hour", t.hour, 0, 23);
  check_range(sc.text(), "minute", t.minute, 0, 59);
  if (t.second >= 60.0) fail(sc.text(), fmt::format("seconds {} are not below 60", t.second));
}

// An offset [+-]hh[:mm] or [+-]hhmm; only a zero offset is accepted because
// the reference is kept as a calendar date without a time zone.
void parse_utc_offset(Scanner& sc) {
  std::string offset(sc.digits());
  if (offset.empty()) fail(sc.text(), "missing UTC offset hours");
  if (offset.size() <= 2 && sc.accept(':')) {
    const std::string_view minutes = sc.digits();
    if (minutes.size() != 2) fail(sc.text(), "UTC offset minutes need 2 digits");
    offset += minutes;
  }
  if (offset.size() > 4) fail(sc.text(), "UTC offset has more than 4 digits");
  if (offset.find_first_not_of('0') != std::string::npos) fail(sc.text(), "only a zero UTC offset is supported");
}

// Optional zone after the time: "Z", "UTC"/"GMT", or a zero offset.
void parse_zone(Scanner& sc) {
  sc.skip_blanks();
  if (sc.accept('z')) return;
  if (sc.accept('+') || sc.accept('-')) return parse_utc_offset(sc);
  const std::string_view zone = sc.word();
  const std::string name = lowercase(zone);
  if (!name.empty() && name != "utc" && name != "gmt") {
    fail(sc.text(), fmt::format("unknown time zone \"{}\"", zone));
  }
}

DateTime parse_reference(Scanner& sc) {
  DateTime t;
  parse_date(sc, t);
  const bool blank = sc.skip_blanks();
  // The time follows a 'T' or blanks; a bare zone may follow the date too.
  if (sc.accept('t')) {
    sc.skip_blanks();
    parse_time_of_day(sc, t);
  } else if (blank && is_digit(sc.peek())) {
    parse_time_of_day(sc, t);
  }
  parse_zone(sc);
  return t;
}

double unit_seconds(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Seconds: return 1.0;
    case TimeUnit::Minutes: return 60.0;
    case TimeUnit::Hours: return 3600.0;
    default: return 86400.0;
  }
}

std::string_view unit_name(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Seconds: return "seconds";
    case TimeUnit::Minutes: return "minutes";
    case TimeUnit::Hours: return "hours";
    case TimeUnit::Days: return "days";
    case TimeUnit::Months: return "months";
    case TimeUnit::Years: return "years";
  }
  return "days";
}

void check_date_exists(Calendar cal, const DateTime& t, std::string_view role) {
  if (!is_valid_date(cal, t.year, t.month, t.day)) {
    throw TimeError(fmt::format("{} {} does not exist in the {} calendar", role, to_string(t),
                                cf_name(cal)));
  }
}

// "months/years since": whole steps of `months_per_step` calendar months from
// the reference, the fraction interpolated across the step that follows, so
// decoding is continuous in the value.
DateTime decode_calendar_steps(Calendar cal, const DateTime& ref, double value, int months_per_step) {
  const double whole = std::floor(value);
  if (std::fabs(whole) * months_per_step > 1e8) {
    throw TimeError(fmt::format("time value {} is too large for calendar steps", value));
  }
  const auto steps = static_cast<std::int64_t>(whole);
  const DateTime base = add_months(cal, ref, steps * months_per_step);
  const double fraction = value - whole;
  if (fraction == 0.0) return base;
  const DateTime next = add_months(cal, ref, (steps + 1) * months_per_step);
  return add_seconds(cal, base, fraction * seconds_between(cal, base, next));
}

}  // namespace

TimeUnits parse_time_units(std::string_view text) {
  Scanner sc(text);
  sc.skip_blanks();
  TimeUnits units;
  const std::string_view word = sc.word();
  const auto unit = unit_from_word(word);
  if (!unit) fail(text, word.empty() ? "missing unit" : fmt::format("unknown unit \"{}\"", word));
  units.unit = *unit;
  sc.skip_blanks();
  if (lowercase(sc.word()) != "since") fail(text, "missing \"since\"");
  sc.skip_blanks();
  units.reference = parse_reference(sc);
  sc.skip_blanks();
  if (!sc.at_end()) fail(text, "unexpected text after the reference date");
  return units;
}

std::string format_time_units(const TimeUnits& units) {
  return fmt::format("{} since {}", unit_name(units.unit), to_string(units.reference));
}

DateTime decode_time(Calendar cal, const TimeUnits& units, double value) {
  if (!std::isfinite(value)) throw TimeError(fmt::format("time value {} is not a finite number", value));
  check_date_exists(cal, units.reference, "reference date");
  switch (units.unit) {
    case TimeUnit::Months: return decode_calendar_steps(cal, units.reference, value, 1);
    case TimeUnit::Years: return decode_calendar_steps(cal, units.reference, value, 12);
    default: break;
  }
  try {
    return add_seconds(cal, units.reference, value * unit_seconds(units.unit));
  } catch (const std::out_of_range&) {
    throw TimeError(fmt::format("time value {} in \"{}\" is out of range", value, format_time_units(units)));
  }
}

double encode_time(Calendar cal, const TimeUnits& units, const DateTime& t) {
  if (units.unit == TimeUnit::Months || units.unit == TimeUnit::Years) {
    throw TimeError(fmt::format("cannot encode times in \"{}\": only seconds, minutes, hours or days since",
                                format_time_units(units)));
  }
  check_date_exists(cal, units.reference, "reference date");
  check_date_exists(cal, t, "date");
  return seconds_between(cal, units.reference, t) / unit_seconds(units.unit);
}

}  // namespace ti::cf
