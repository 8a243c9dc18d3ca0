// Golden time vectors: decode_time, encode_time and the month/year lengths
// against cftime, read from the committed CSV files under
// test/data/time_vectors/ (made by scripts/gen_time_vectors.py; see
// docs/time-golden-vectors.md). CI does not run Python: only the CSVs.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/time_units.hpp"

using namespace ti::cf;

namespace {

const std::string kDecodeCsv = TI_TEST_DATA_DIR "/time_vectors/decode.csv";
const std::string kLengthsCsv = TI_TEST_DATA_DIR "/time_vectors/lengths.csv";

// Rows of a plain CSV file (no quoting: no field holds a comma), header
// checked and dropped.
std::vector<std::vector<std::string>> read_csv(const std::string& path, const std::string& header) {
  std::ifstream in(path);
  if (!in) FAIL("cannot open " << path);
  std::string line;
  std::getline(in, line);
  REQUIRE(line == header);
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

int to_int(const std::string& s) { return std::stoi(s); }
double to_double(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

Calendar calendar_of(const std::string& name) {
  const auto cal = parse_calendar(name);
  if (!cal) FAIL("unknown calendar " << name);
  return *cal;
}

// Mismatches are collected and reported together (the first few in full) so
// that a regression does not print thousands of lines.
struct Mismatches {
  std::size_t count = 0;
  std::string first;
  void add(const std::string& what) {
    if (count++ < 20) first += what + "\n";
  }
};

}  // namespace

TEST_CASE("golden: decode_time matches cftime.num2date for every calendar", "[golden]") {
  const auto rows = read_csv(kDecodeCsv, "units,calendar,has_year_zero,value,year,month,day,hour,minute,second");
  REQUIRE(rows.size() >= 20000);

  std::map<std::string, TimeUnits> units_cache;
  std::set<std::string> calendars;
  std::set<std::string> kinds;
  Mismatches decode_bad;
  Mismatches encode_bad;
  std::size_t encoded = 0;
  for (const auto& r : rows) {
    REQUIRE(r.size() == 10);
    auto it = units_cache.find(r[0]);
    if (it == units_cache.end()) it = units_cache.emplace(r[0], parse_time_units(r[0])).first;
    const TimeUnits& units = it->second;
    const Calendar cal = calendar_of(r[1]);
    calendars.insert(r[1]);
    kinds.insert(r[0].substr(0, r[0].find(' ')));
    const double value = to_double(r[3]);
    DateTime want;
    want.year = to_int(r[4]);
    want.month = to_int(r[5]);
    want.day = to_int(r[6]);
    want.hour = to_int(r[7]);
    want.minute = to_int(r[8]);
    want.second = to_double(r[9]);
    // Rows decoded with cftime's default (no year zero) stay in years >= 1,
    // where both numberings agree.
    if (r[2] == "0") REQUIRE(want.year >= 1);

    const std::string where = r[0] + " | " + r[1] + " | " + r[3];
    DateTime got;
    try {
      got = decode_time(cal, units, value);
    } catch (const std::exception& e) {
      decode_bad.add(where + ": threw " + e.what());
      continue;
    }
    const bool same = got.year == want.year && got.month == want.month && got.day == want.day &&
                      got.hour == want.hour && got.minute == want.minute &&
                      std::fabs(got.second - want.second) <= 1e-6;
    if (!same) decode_bad.add(where + ": got " + to_string(got) + ", cftime " + to_string(want));

    if (units.unit == TimeUnit::Months) continue;  // encoding only for seconds..days
    ++encoded;
    const double back = encode_time(cal, units, got);
    if (std::fabs(back - value) > 1e-9 * std::fabs(value)) {
      std::ostringstream msg;
      msg.precision(17);
      msg << where << ": encode(decode(v)) = " << back;
      encode_bad.add(msg.str());
    }
  }
  INFO(decode_bad.count << " decode mismatches of " << rows.size() << ", first:\n" << decode_bad.first);
  CHECK(decode_bad.count == 0);
  INFO(encode_bad.count << " round-trip mismatches of " << encoded << ", first:\n" << encode_bad.first);
  CHECK(encode_bad.count == 0);

  // The vectors cover what they claim to.
  CHECK(calendars == std::set<std::string>{"standard", "gregorian", "proleptic_gregorian", "julian", "noleap",
                                           "365_day", "all_leap", "366_day", "360_day"});
  CHECK(kinds == std::set<std::string>{"seconds", "minutes", "hours", "days", "months"});
}

TEST_CASE("golden: days_in_month and days_in_year match cftime", "[golden]") {
  const auto rows = read_csv(kLengthsCsv,
                             "calendar,has_year_zero,year,days_in_year,"
                             "m01,m02,m03,m04,m05,m06,m07,m08,m09,m10,m11,m12");
  REQUIRE(rows.size() >= 1000);
  Mismatches bad;
  for (const auto& r : rows) {
    REQUIRE(r.size() == 16);
    const Calendar cal = calendar_of(r[0]);
    const int year = to_int(r[2]);
    if (r[1] == "0") REQUIRE(year >= 1);
    const std::string where = r[0] + " " + r[2];
    if (days_in_year(cal, year) != to_int(r[3])) {
      bad.add(where + ": days_in_year " + std::to_string(days_in_year(cal, year)) + ", cftime " + r[3]);
    }
    int sum = 0;
    for (int m = 1; m <= 12; ++m) {
      const int want = to_int(r[static_cast<std::size_t>(3 + m)]);
      sum += want;
      if (days_in_month(cal, year, m) != want) {
        bad.add(where + "-" + std::to_string(m) + ": days_in_month " + std::to_string(days_in_month(cal, year, m)) +
                ", cftime " + std::to_string(want));
      }
    }
    if (sum != to_int(r[3])) bad.add(where + ": month lengths do not add up to the year");
  }
  INFO(bad.count << " mismatches of " << rows.size() << " rows, first:\n" << bad.first);
  CHECK(bad.count == 0);
}
