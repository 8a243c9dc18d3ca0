// CF time units "<unit> since <reference>" and the absolute/decimal-year
// encodings: parsing, decoding, encoding.
#include "trendy_ilamb/cf/time_units.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ti::cf {
namespace {

constexpr std::string_view kExpected =
    "expected \"<days|hours|minutes|seconds|months|years> since <YYYY-MM-DD[ hh:mm:ss]>\", "
    "\"<day|month|year> as %Y[%m[%d]][.%f]\" or a bare year unit";

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
  throw TimeError(fmt::format("cannot parse time units \"{}\": {}{}{}", text, reason,
                              reason.empty() ? "" : "; ", kExpected));
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

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
  std::string_view rest() const { return text_.substr(pos_); }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }

  // The first non-blank character at or after `offset` characters ahead.
  char peek_nonblank(std::size_t offset) const {
    std::size_t i = pos_ + offset;
    while (i < text_.size() && is_blank(text_[i])) ++i;
    return i < text_.size() ? text_[i] : '\0';
  }

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

  // Whole seconds with an optional fraction ("05", "5.25", "00.000000"),
  // kept to the microsecond (the resolution of decoding and formatting);
  // further digits are dropped, not rounded, so that 59.9999997 stays below
  // 60 and formats as it parses ("59.999999", not "59.1" or "60").
  double seconds() {
    const int whole = number(2, "seconds");
    std::int64_t micros = 0;
    if (accept('.')) {
      const std::string_view fraction = digits();
      for (std::size_t i = 0; i < 6; ++i) micros = micros * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    }
    return whole + static_cast<double>(micros) / 1e6;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Unit words by general rule: case-insensitive, one plural 's' dropped (from
// words of three letters or more, so that "as" is no unit), then the singular
// or its usual abbreviation.
std::optional<TimeUnit> unit_from_word(std::string_view word) {
  std::string w = lowercase(word);
  if (w.size() > 2 && w.back() == 's') w.pop_back();
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

// Letter runs, lower-cased, dots dropped first ("A.D." gives "ad").
std::vector<std::string> letter_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == '.') continue;
    if (is_letter(c)) {
      current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!current.empty()) {
      words.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

// A word that says the date is before Christ or before present ("BC",
// "B.C.", "BCE", "BP", "before"): the reference or the year would then count
// backwards, which is not supported.
void refuse_backwards_era(std::string_view text, std::string_view part) {
  for (const std::string& w : letter_words(part)) {
    if (w == "bc" || w == "bce" || w == "bp" || w == "before") {
      fail(text, fmt::format("dates counted backwards (\"{}\") are not supported", w));
    }
  }
}

// An upper-case word of 2-5 letters right after the date/time reads as a
// time-zone abbreviation ("CET", "EST", "CEST"); "AD" is an era, not a zone.
bool looks_like_zone(std::string_view word) {
  if (word.size() < 2 || word.size() > 5 || word == "AD") return false;
  for (char c : word) {
    if (!is_upper(c)) return false;
  }
  return true;
}

// Optional zone after the date/time: "Z", "UTC"/"UT"/"GMT", or a zero
// offset. Any other word is left for the free text that may follow.
void parse_zone(Scanner& sc) {
  const std::size_t start = sc.pos();
  sc.skip_blanks();
  if (sc.accept('+') || sc.accept('-')) return parse_utc_offset(sc);
  const std::string_view zone = sc.word();
  const std::string name = lowercase(zone);
  if (name == "z" || name == "utc" || name == "ut" || name == "gmt") return;
  refuse_backwards_era(sc.text(), zone);
  if (looks_like_zone(zone)) fail(sc.text(), fmt::format("unknown time zone \"{}\"", zone));
  sc.seek(start);
}

// An optional era "AD" or "A.D." before the reference date.
void skip_era(Scanner& sc) {
  const std::size_t start = sc.pos();
  const std::string w = lowercase(sc.word());
  if (w == "ad" || (w == "a" && sc.accept('.') && lowercase(sc.word()) == "d")) {
    sc.accept('.');
    sc.skip_blanks();
    if (is_digit(sc.peek())) return;
  }
  sc.seek(start);
}

DateTime parse_reference(Scanner& sc) {
  DateTime t;
  parse_date(sc, t);
  const std::size_t after_date = sc.pos();
  const bool blank = sc.skip_blanks();
  // The time follows a 'T' or blanks; a bare zone or free text may follow
  // the date too ("T" only counts as a separator before a digit).
  if ((sc.peek() == 't' || sc.peek() == 'T') && is_digit(sc.peek_nonblank(1))) {
    sc.accept('t');
    sc.skip_blanks();
    parse_time_of_day(sc, t);
  } else if (blank && is_digit(sc.peek())) {
    parse_time_of_day(sc, t);
  } else {
    sc.seek(after_date);
  }
  parse_zone(sc);
  return t;
}

// Free text after a complete reference ("(double)", "as the reference") is
// ignored if a blank separates it and it starts with a letter or an opening
// bracket; anything else means the date itself is malformed ("1700/01/01",
// "1700-01-01 12:00:00 7").
void skip_free_text(Scanner& sc) {
  const bool blank = sc.skip_blanks();
  if (sc.at_end()) return;
  const char c = sc.peek();
  const bool bracket = c == '(' || c == '[' || c == '{';
  if (!bracket && !(blank && is_letter(c))) fail(sc.text(), "unexpected text after the reference date");
  refuse_backwards_era(sc.text(), sc.rest());
}

TimeUnits parse_relative(Scanner& sc, TimeUnit unit) {
  sc.skip_blanks();
  skip_era(sc);
  TimeUnits units;
  units.unit = unit;
  units.reference = parse_reference(sc);
  skip_free_text(sc);
  return units;
}

// "<day|month|year> as <format>": the format names the fields down to the
// unit, with an optional fraction; blanks inside are ignored.
std::string_view absolute_format(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Days: return "%Y%m%d";
    case TimeUnit::Months: return "%Y%m";
    case TimeUnit::Years: return "%Y";
    default: return "";
  }
}

TimeUnits parse_absolute(std::string_view text, std::string_view word, TimeUnit unit, std::string_view format) {
  const std::string_view fields = absolute_format(unit);
  if (fields.empty()) fail(text, fmt::format("\"{} as\" is not supported, only day, month or year", word));
  std::string spec;
  for (char c : format) {
    if (!is_blank(c)) spec += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string plain = lowercase(fields);
  if (spec != plain && spec != plain + ".%f") {
    fail(text, fmt::format("expected the format \"{}[.%f]\" after \"{} as\"", fields, word));
  }
  TimeUnits units;
  units.unit = unit;
  switch (unit) {
    case TimeUnit::Days: units.encoding = TimeEncoding::AbsoluteDay; break;
    case TimeUnit::Months: units.encoding = TimeEncoding::AbsoluteMonth; break;
    default: units.encoding = TimeEncoding::AbsoluteYear; break;
  }
  return units;
}

// A bare year unit: a text without "since" or digits that starts with a year
// word ("yr", "years (decimal)", "year AD", "a" alone), or whose words hold a year
// word and no other unit word ("decimal years"; one-letter words like the
// article "a" are not taken as units there).
bool is_decimal_year(std::string_view text) {
  for (char c : text) {
    if (is_digit(c)) return false;
  }
  const std::vector<std::string> words = letter_words(text);
  if (words.empty()) return false;
  for (const std::string& w : words) {
    if (w == "since") return false;
  }
  // A leading one-letter "a" is the unit only when alone (else an article).
  const auto first = unit_from_word(words.front());
  if (first) return *first == TimeUnit::Years && (words.front().size() > 1 || words.size() == 1);
  bool year = false;
  for (const std::string& w : words) {
    const auto unit = w.size() > 1 ? unit_from_word(w) : std::nullopt;
    if (unit && *unit != TimeUnit::Years) return false;
    year = year || unit.has_value();
  }
  return year;
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

std::string_view encoding_format(TimeEncoding encoding) {
  switch (encoding) {
    case TimeEncoding::AbsoluteDay: return "day as %Y%m%d.%f";
    case TimeEncoding::AbsoluteMonth: return "month as %Y%m.%f";
    case TimeEncoding::AbsoluteYear: return "year as %Y.%f";
    case TimeEncoding::DecimalYear: return "years";
    case TimeEncoding::Relative: break;
  }
  return "";
}

// Absolute and decimal-year values: the day / month / year the integer part
// names, plus the fraction of its length in the calendar.
DateTime decode_absolute(Calendar cal, TimeEncoding encoding, double value) {
  const auto bad = [&](std::string_view why) {
    return TimeError(fmt::format("time value {} is not a date as \"{}\" in the {} calendar: {}", value,
                                 encoding_format(encoding), cf_name(cal), why));
  };
  const double whole = std::floor(value);
  const double fraction = value - whole;
  DateTime start;
  DateTime next;
  if (encoding == TimeEncoding::AbsoluteDay || encoding == TimeEncoding::AbsoluteMonth) {
    const bool day = encoding == TimeEncoding::AbsoluteDay;
    if (value < 0.0) throw bad("negative");
    if (whole >= (day ? 1e10 : 1e8)) throw bad("the year is out of range");
    const auto n = static_cast<std::int64_t>(whole);
    const std::int64_t ym = day ? n / 100 : n;
    start.year = static_cast<int>(ym / 100);
    start.month = static_cast<int>(ym % 100);
    start.day = day ? static_cast<int>(n % 100) : 1;
    if (start.month < 1 || start.month > 12) throw bad(fmt::format("month {} is not in 1..12", start.month));
    if (!is_valid_date(cal, start.year, start.month, start.day)) {
      throw bad(fmt::format("day {} does not exist in {:04d}-{:02d}", start.day, start.year, start.month));
    }
    next = day ? add_days(cal, start, 1.0) : add_months(cal, start, 1);
  } else {
    if (std::fabs(whole) >= 1e6) throw bad("the year is out of range");
    start.year = static_cast<int>(whole);
    next.year = start.year + 1;
  }
  return add_seconds(cal, start, fraction * seconds_between(cal, start, next));
}

}  // namespace

TimeUnits parse_time_units(std::string_view text) {
  Scanner sc(text);
  sc.skip_blanks();
  const std::string_view word = sc.word();
  const auto unit = unit_from_word(word);
  if (unit) {
    sc.skip_blanks();
    const std::string next = lowercase(sc.word());
    if (next == "since") return parse_relative(sc, *unit);
    sc.skip_blanks();
    if (next == "as" && sc.peek() == '%') return parse_absolute(text, word, *unit, sc.rest());
  }
  if (is_decimal_year(text)) {
    refuse_backwards_era(text, text);
    TimeUnits units;
    units.unit = TimeUnit::Years;
    units.encoding = TimeEncoding::DecimalYear;
    return units;
  }
  if (!unit) fail(text, word.empty() ? "missing unit" : fmt::format("unknown unit \"{}\"", word));
  fail(text, "missing \"since\"");
}

std::string format_time_units(const TimeUnits& units) {
  if (units.encoding != TimeEncoding::Relative) return std::string(encoding_format(units.encoding));
  return fmt::format("{} since {}", unit_name(units.unit), to_string(units.reference));
}

DateTime decode_time(Calendar cal, const TimeUnits& units, double value) {
  if (!std::isfinite(value)) throw TimeError(fmt::format("time value {} is not a finite number", value));
  if (units.encoding != TimeEncoding::Relative) return decode_absolute(cal, units.encoding, value);
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
  if (units.encoding != TimeEncoding::Relative || units.unit == TimeUnit::Months ||
      units.unit == TimeUnit::Years) {
    throw TimeError(fmt::format("cannot encode times in \"{}\": only seconds, minutes, hours or days since",
                                format_time_units(units)));
  }
  check_date_exists(cal, units.reference, "reference date");
  check_date_exists(cal, t, "date");
  return seconds_between(cal, units.reference, t) / unit_seconds(units.unit);
}

}  // namespace ti::cf
