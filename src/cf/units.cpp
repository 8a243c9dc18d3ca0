// Unit strings: normalise TRENDY spellings with general rules, then let
// UDUNITS-2 parse and convert.
#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"

#include <udunits2.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ti::cf {

namespace {

// ---------------------------------------------------------------------------
// Small string helpers (ASCII only; bytes >= 0x80 are left alone).

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }


std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Whole texts that mean "dimensionless" (compared lower-cased, trimmed).
constexpr std::array<std::string_view, 16> kDimensionlessTexts = {
    "1", "-", "--", "---", "[]", "[-]", "[1]", "()", "(-)", "n/a", "na",
    "none", "unitless", "dimensionless", "fraction", "frac"};

// Words that mean "dimensionless" inside a product ("fraction month-1").
constexpr std::array<std::string_view, 7> kDimensionlessWords = {
    "fraction", "frac", "unitless", "dimensionless", "none", "unity", "nondimensional"};

constexpr std::array<std::string_view, 9> kKelvinWords = {
    "kelvin", "kelvins", "degk", "deg_k", "degree_k", "degrees_k", "degreek", "degreesk", "degree_kelvin"};
constexpr std::array<std::string_view, 10> kCelsiusWords = {
    "degc", "deg_c", "degree_c", "degrees_c", "degreec", "degreesc", "celsius",
    "degree_celsius", "degrees_celsius", "deg_celsius"};
constexpr std::array<std::string_view, 8> kFahrenheitWords = {
    "degf", "deg_f", "degree_f", "degrees_f", "degreef", "degreesf", "fahrenheit", "degree_fahrenheit"};
constexpr std::array<std::string_view, 3> kDegreeWords = {"deg", "degree", "degrees"};

// Calendar periods (exact spelling; "a" is annum only as a rate, since a
// positive "a" is UDUNITS' are).
constexpr std::array<std::string_view, 8> kMonthWords = {
    "month", "months", "Month", "Months", "mon", "mons", "mo", "mth"};
constexpr std::array<std::string_view, 10> kYearWords = {
    "yr", "yrs", "year", "years", "Year", "Years", "a", "annum", "y", "YR"};

// A mass unit: [prefix]g (Kg/KG are miswritten kg), or [k|M|G]t (tonnes).
bool is_mass(std::string_view s) {
  if (s == "g" || s == "t" || s == "KG") return true;
  if (s.size() == 2 && s[1] == 'g') return std::string_view("kKmMGTPEunpcd").find(s[0]) != std::string_view::npos;
  if (s.size() == 2 && s[1] == 't') return s[0] == 'k' || s[0] == 'M' || s[0] == 'G';
  return false;
}

std::string canonical_mass(std::string_view s) {
  if (s == "KG" || s == "Kg") return "kg";
  return std::string(s);
}

// Replaces the UTF-8 and LaTeX decorations that the tokenizer does not know
// by their ASCII meaning. Leaves other non-ASCII bytes in place.
std::string preprocess(std::string_view in) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kReplace = {{
      {"\xC2\xB0" "C", "degC"},   // °C
      {"\xE2\x84\x83", "degC"},   // ℃
      {"\xC2\xB0" "K", "K"},      // °K
      {"\xE2\x84\xAA", "K"},      // Kelvin sign
      {"\xC2\xB7", " "},          // middle dot
      {"\xE2\x8B\x85", " "},      // dot operator
      {"\xC2\xB5", "u"},          // micro sign
      {"\xCE\xBC", "u"},          // greek mu
      {"\xE2\x88\x92", "-"},      // minus sign
      {"\xE2\x81\xBB", "-"},      // superscript minus
      {"\xE2\x81\xBA", "+"},      // superscript plus
      {"\xE2\x81\xB0", "0"},      // superscript digits
      {"\xC2\xB9", "1"},
      {"\xC2\xB2", "2"},
      {"\xC2\xB3", "3"},
      {"\xE2\x81\xB4", "4"},
      {"\xE2\x81\xB5", "5"},
      {"\xE2\x81\xB6", "6"},
      {"\xE2\x81\xB7", "7"},
      {"\xE2\x81\xB8", "8"},
      {"\xE2\x81\xB9", "9"},
      {"**", "^"},
  }};
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    bool replaced = false;
    for (const auto& [from, to] : kReplace) {
      if (in.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = in[i++];
    if (c == '$' || c == '{' || c == '}' || c == '\\') continue;  // LaTeX math markers
    out += is_blank(c) ? ' ' : c;
  }
  return out;
}

// One factor of a product: symbol and integer exponent.
struct Factor {
  std::string sym;
  int exp = 1;
  bool explicit_exp = false;  // the text wrote an exponent (m-2, m^2, m2)
};

struct Product {
  double number = 1.0;  // numeric factors folded together ("1e-3 kg")
  std::vector<Factor> factors;
};

// Tokenizer / recursive-descent parser for unit products:
//   product := item*   item := ['/'] (number | word | '(' product ')') [exponent]
// '/' (or the word "per") negates the exponent of the following item only,
// so a/b/c = a b-1 c-1 as in UDUNITS. Blanks, '.', '*' separate items.
// Returns nullopt when the text is not a product of units (free text,
// punctuation, fractional exponents).
class ProductParser {
 public:
  explicit ProductParser(std::string_view s) : s_(s) {}

  std::optional<Product> parse() {
    Product p;
    if (!group(p, 1, 0) || pos_ != s_.size()) return std::nullopt;
    return p;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;

  bool at_end() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }

  // Optional exponent: ^[+-]?digits, ^(...), or [+-]?digits directly.
  // Returns 1 when there is none; nullopt when malformed.
  std::optional<int> exponent(bool& explicit_exp) {
    explicit_exp = false;
    bool caret = false;
    bool paren = false;
    if (peek() == '^') {
      caret = true;
      ++pos_;
      if (peek() == '(') {
        paren = true;
        ++pos_;
      }
    }
    int sign = 1;
    if ((peek() == '-' || peek() == '+') && is_digit(peek(1))) {
      sign = peek() == '-' ? -1 : 1;
      ++pos_;
    }
    if (!is_digit(peek())) {
      if (caret) return std::nullopt;
      return 1;
    }
    int value = 0;
    while (is_digit(peek())) {
      value = value * 10 + (peek() - '0');
      if (value > 1000) return std::nullopt;
      ++pos_;
    }
    if (peek() == '.' && is_digit(peek(1))) return std::nullopt;  // fractional exponent
    if (paren) {
      if (peek() != ')') return std::nullopt;
      ++pos_;
    }
    explicit_exp = true;
    return sign * value;
  }

  bool number(Product& p, int sign) {
    const std::size_t start = pos_;
    while (is_digit(peek())) ++pos_;
    if (peek() == '.' && is_digit(peek(1))) {
      ++pos_;
      while (is_digit(peek())) ++pos_;
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && is_digit(peek(2))))) {
      pos_ += 2;
      while (is_digit(peek())) ++pos_;
    }
    double v = 0.0;
    const auto text = s_.substr(start, pos_ - start);
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size()) return false;
    // "10^3" or "10-3" style exponents on numbers are only accepted with '^'.
    int e = 1;
    if (peek() == '^') {
      bool ex = false;
      const auto oe = exponent(ex);
      if (!oe) return false;
      e = *oe;
    }
    if (is_alpha(peek())) return false;  // "2kg": ambiguous, leave to UDUNITS
    p.number *= std::pow(v, sign * e);
    return true;
  }

  bool word(Product& p, int sign, bool& per) {
    const std::size_t start = pos_;
    if (peek() == '%') {
      ++pos_;
    } else {
      while (is_alpha(peek()) || peek() == '_' || static_cast<unsigned char>(peek()) >= 0x80) ++pos_;
      // A chemical formula ("H2O", "CO2e") keeps its digits when letters follow.
      std::size_t look = pos_;
      while (look < s_.size() && is_digit(s_[look])) ++look;
      if (look > pos_ && look < s_.size() && is_alpha(s_[look])) {
        pos_ = look;
        while (is_alpha(peek()) || is_digit(peek()) || peek() == '_') ++pos_;
      }
    }
    Factor f;
    f.sym = std::string(s_.substr(start, pos_ - start));
    if (f.sym.empty()) return false;
    if (cf::to_lower(f.sym) == "per") {  // "kg m-2 per month"
      per = true;
      return true;
    }
    const auto e = exponent(f.explicit_exp);
    if (!e) return false;
    f.exp = sign * *e;
    p.factors.push_back(std::move(f));
    return true;
  }

  bool group(Product& p, int sign, int depth) {
    if (depth > 4) return false;
    bool divide = false;
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '.' || c == '*') {
        ++pos_;
        continue;
      }
      if (c == '/') {
        if (divide) return false;  // "//"
        divide = true;
        ++pos_;
        continue;
      }
      if (c == ')') {
        if (depth == 0 || divide) return false;
        return true;
      }
      const int s = divide ? -sign : sign;
      bool per = false;
      if (c == '(') {
        ++pos_;
        if (!group(p, s, depth + 1) || peek() != ')') return false;
        ++pos_;
        if (peek() == '^' || is_digit(peek()) || peek() == '-') return false;  // (..)^n unsupported
      } else if (is_digit(c)) {
        if (!number(p, s)) return false;
      } else if (is_alpha(c) || c == '_' || c == '%' || static_cast<unsigned char>(c) >= 0x80) {
        if (!word(p, s, per)) return false;
      } else {
        return false;  // punctuation of a sentence, '-' alone, ...
      }
      divide = per;
    }
    return depth == 0 && !divide;
  }
};

std::string format_number(double v) {
  std::array<char, 64> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), res.ptr);
}

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

// ---------------------------------------------------------------------------

NormalisedUnits normalise_units(std::string_view raw) {
  NormalisedUnits out;
  const std::string_view trimmed = trim(raw);
  if (trimmed.empty()) {
    out.text = "1";
    out.was_empty = true;
    return out;
  }
  const std::string lowered = cf::to_lower(trimmed);
  if (one_of(lowered, kDimensionlessTexts)) {
    out.text = "1";
    return out;
  }
  if (lowered == "%" || lowered == "percent" || lowered == "percentage") {
    out.text = "%";
    return out;
  }

  std::string text = preprocess(trimmed);
  // Units wrapped in brackets: "[kg m-2]", "(kg m-2)".
  {
    const std::string_view t = trim(text);
    if (t.size() >= 2 && ((t.front() == '[' && t.back() == ']') || (t.front() == '(' && t.back() == ')')) &&
        t.substr(1, t.size() - 2).find_first_of("[]()") == std::string_view::npos) {
      text = std::string(t.substr(1, t.size() - 2));
    }
  }
  const std::string_view inner = trim(text);
  if (inner.empty() || inner.find_first_not_of('-') == std::string_view::npos) {
    out.text = "1";
    return out;
  }

  const std::string as_is(trimmed);
  auto parsed = ProductParser(inner).parse();
  if (!parsed) {
    out.text = as_is;  // free text: UDUNITS will reject it with the original wording
    return out;
  }

  // Rewrite the factors symbol by symbol.
  std::vector<Factor> kept;
  bool prev_mass = false;  // the previous kept factor was a mass unit
  int prev_mass_exp = 0;
  const auto& in = parsed->factors;
  for (std::size_t i = 0; i < in.size(); ++i) {
    Factor f = in[i];
    const std::string low = cf::to_lower(f.sym);

    // "deg C", "degrees K": join the degree word with its scale letter.
    if (one_of(low, kDegreeWords) && !f.explicit_exp && i + 1 < in.size()) {
      const std::string next = cf::to_lower(in[i + 1].sym);
      if (next == "c" || next == "celsius" || next == "k" || next == "kelvin" || next == "f" ||
          next == "fahrenheit") {
        f.sym = next[0] == 'c' ? "degC" : next[0] == 'k' ? "K" : "degF";
        f.exp = in[i + 1].exp;
        f.explicit_exp = in[i + 1].explicit_exp;
        ++i;
        kept.push_back(std::move(f));
        prev_mass = false;
        continue;
      }
    }
    if (one_of(low, kDimensionlessWords)) continue;
    if (low == "percent" || low == "percentage") f.sym = "%";
    else if (one_of(low, kKelvinWords)) f.sym = "K";
    else if (one_of(low, kCelsiusWords)) f.sym = "degC";
    else if (one_of(low, kFahrenheitWords)) f.sym = "degF";

    // An element marker written apart after a mass: "kg C", "g N", "kg carbon".
    const bool marker = f.sym == "C" || f.sym == "N" || low == "carbon" || low == "nitrogen";
    if (marker && prev_mass && !f.explicit_exp && (f.exp > 0) == (prev_mass_exp > 0)) {
      prev_mass = false;
      continue;
    }
    // An element marker glued to a mass: "kgC", "gN", "KgC", "PgC", "GtC", "kg_C".
    if (f.sym.size() >= 2 && (f.sym.back() == 'C' || f.sym.back() == 'N')) {
      std::string_view mass = std::string_view(f.sym).substr(0, f.sym.size() - 1);
      if (mass.size() >= 2 && mass.back() == '_') mass.remove_suffix(1);
      if (is_mass(mass)) f.sym = std::string(mass);
    }
    if (is_mass(f.sym)) {
      f.sym = canonical_mass(f.sym);
      prev_mass = true;
      prev_mass_exp = f.exp;
    } else {
      prev_mass = false;
    }

    // Per-month and per-year rates: split off as a CalendarRate.
    const bool month = one_of(std::string_view(f.sym), kMonthWords);
    const bool year = one_of(std::string_view(f.sym), kYearWords);
    if (month || year) {
      if (f.exp == -1) {
        if (out.rate != CalendarRate::None) {
          throw UnitError("units " + quote(trimmed) + " have more than one per-month/per-year rate");
        }
        out.rate = month ? CalendarRate::PerMonth : CalendarRate::PerYear;
        f.sym = "s";
      } else if (f.exp < -1) {
        throw UnitError("units " + quote(trimmed) + " divide by a calendar month or year more than once");
      } else if (month) {
        f.sym = "month";  // a plain duration; UDUNITS' mean month
      } else if (f.sym == "y" || f.sym == "annum") {
        f.sym = "yr";  // a positive "a" stays UDUNITS' are
      }
    }
    kept.push_back(std::move(f));
  }

  // Merge repeated symbols ("m2 m-2" -> nothing), keep first-seen order.
  std::vector<Factor> merged;
  for (const Factor& f : kept) {
    auto it = std::find_if(merged.begin(), merged.end(), [&](const Factor& m) { return m.sym == f.sym; });
    if (it == merged.end()) merged.push_back(f);
    else it->exp += f.exp;
  }
  std::erase_if(merged, [](const Factor& f) { return f.exp == 0; });

  // Symbols UDUNITS does not know (words of a sentence, "kgCO2"): leave the
  // text as written so that the error quotes it.
  UnitSystem& sys = UnitSystem::instance();
  for (const Factor& f : merged) {
    if (!sys.parses(f.sym)) {
      out.text = as_is;
      out.rate = CalendarRate::None;
      return out;
    }
  }

  std::string result;
  if (parsed->number != 1.0 || merged.empty()) {
    if (!std::isfinite(parsed->number) || parsed->number == 0.0) {
      out.text = as_is;
      out.rate = CalendarRate::None;
      return out;
    }
    result = format_number(parsed->number);
  }
  for (const Factor& f : merged) {
    if (!result.empty()) result += ' ';
    result += f.sym;
    if (f.exp != 1) {
      if (is_digit(f.sym.back())) result += '^';  // "H2O^-1", not "H2O-1"
      result += std::to_string(f.exp);
    }
  }
  // Each symbol parsing alone does not make the product parse: UDUNITS-2
  // accepts a symbol with a stray non-ASCII byte at its end ("t\xC3") but
  // not the same symbol followed by others ("t\xC3 s-1"). A result it
  // refuses is treated as free text, like an unknown symbol above, so that
  // the error quotes the text as written and no rate is split off.
  if (!sys.parses(result)) {
    out.text = as_is;
    out.rate = CalendarRate::None;
    return out;
  }
  out.text = result;
  return out;
}

// ---------------------------------------------------------------------------
// UnitSystem

namespace {

struct SystemDeleter {
  void operator()(ut_system* s) const noexcept { ut_free_system(s); }
};
struct UnitDeleter {
  void operator()(ut_unit* u) const noexcept { ut_free(u); }
};
struct ConverterDeleter {
  void operator()(cv_converter* c) const noexcept { cv_free(c); }
};
using SystemPtr = std::unique_ptr<ut_system, SystemDeleter>;
using UnitPtr = std::unique_ptr<ut_unit, UnitDeleter>;
using ConverterPtr = std::unique_ptr<cv_converter, ConverterDeleter>;

}  // namespace

struct UnitSystem::Impl {
  SystemPtr system;
  mutable std::map<std::pair<std::string, std::string>, LinearConversion, std::less<>> cache;

  // nullptr when UDUNITS-2 does not parse `text` (ut_parse wants no
  // surrounding blanks).
  UnitPtr parse(std::string_view text) const {
    const std::string s(trim(text));
    return UnitPtr(ut_parse(system.get(), s.c_str(), UT_UTF8));
  }
};

UnitSystem::UnitSystem() : impl_(std::make_unique<Impl>()) {
  ut_set_error_message_handler(ut_ignore);
  impl_->system.reset(ut_read_xml(nullptr));
  if (!impl_->system) {
    throw UnitError(
        "cannot load the UDUNITS-2 unit database (ut_read_xml failed; check UDUNITS2_XML_PATH "
        "or the libudunits2 installation)");
  }
}

UnitSystem::~UnitSystem() = default;

UnitSystem& UnitSystem::instance() {
  static UnitSystem system;
  return system;
}

bool UnitSystem::parses(std::string_view text) const { return impl_->parse(text) != nullptr; }

LinearConversion UnitSystem::conversion(std::string_view from, std::string_view to) const {
  auto key = std::make_pair(std::string(from), std::string(to));
  if (auto it = impl_->cache.find(key); it != impl_->cache.end()) return it->second;

  const UnitPtr ufrom = impl_->parse(from);
  if (!ufrom) throw UnitError("units " + quote(from) + " are not understood by UDUNITS-2");
  const UnitPtr uto = impl_->parse(to);
  if (!uto) throw UnitError("units " + quote(to) + " are not understood by UDUNITS-2");
  // A unit to itself is exactly the identity: UDUNITS-2 goes through the
  // base units and would give 1 +- an ulp ("e"), or cancellation noise for
  // a scaled offset unit ("adegC": offset -32768).
  if (trim(from) == trim(to)) {
    impl_->cache.emplace(std::move(key), LinearConversion{});
    return LinearConversion{};
  }
  if (ut_are_convertible(ufrom.get(), uto.get()) == 0) {
    throw UnitError("cannot convert " + quote(from) + " to " + quote(to) + ": dimensions differ");
  }
  const ConverterPtr cv(ut_get_converter(ufrom.get(), uto.get()));
  if (!cv) {
    throw UnitError("cannot convert " + quote(from) + " to " + quote(to) + ": UDUNITS-2 gives no converter");
  }

  LinearConversion lc;
  lc.offset = cv_convert_double(cv.get(), 0.0);
  if (lc.offset == 0.0) {
    lc.scale = cv_convert_double(cv.get(), 1.0);
  } else {
    // With an offset, cv(1) - cv(0) loses the last bits of the scale to the
    // offset's rounding ("K" -> "degC" would give 0.99999999999997726).
    // Probing at 1e6 keeps the rounding error far below the scale's ulp.
    constexpr double kProbe = 1.0e6;
    lc.scale = (cv_convert_double(cv.get(), kProbe) - lc.offset) / kProbe;
  }
  // Only linear conversions (no logarithmic units) are supported.
  const double probe2 = cv_convert_double(cv.get(), 2.0);
  const double expect2 = 2.0 * lc.scale + lc.offset;
  if (!std::isfinite(lc.scale) || !std::isfinite(lc.offset) || lc.scale == 0.0 ||
      std::fabs(probe2 - expect2) > 1e-9 * std::max({1.0, std::fabs(probe2), std::fabs(lc.offset)})) {
    throw UnitError("cannot convert " + quote(from) + " to " + quote(to) + ": the conversion is not linear");
  }
  impl_->cache.emplace(std::move(key), lc);
  return lc;
}

}  // namespace ti::cf
