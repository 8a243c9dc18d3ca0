#include <catch2/catch.hpp>

#include "trendy_ilamb/plan/config.hpp"

using namespace ti::plan;

namespace {
const char* kGood = R"(input:
  root: /data/trendy
  simulations: [S2, S3]
  models: []
  variables: [gpp]
output:
  root: out
  compression: 4
  time_units: "days since 1850-01-01 00:00:00"
run:
  on_error: stop
  memory_mb: 512
)";
}

TEST_CASE("a valid config is read with its defaults and relative paths resolved", "[config]") {
  const auto c = parse_config(kGood, "/etc/job/config.yaml");
  CHECK(c.input.root == "/data/trendy");
  CHECK(c.input.simulations == std::vector<std::string>{"S2", "S3"});
  CHECK(c.input.models.empty());
  CHECK(c.input.variables == std::vector<std::string>{"gpp"});
  CHECK(c.output.root == "/etc/job/out");
  CHECK(c.output.compression == 4);
  CHECK(c.run.on_error == OnError::Stop);
  CHECK(c.run.memory_mb == 512);

  const auto minimal = parse_config("input: {root: /a}\noutput: {root: /b}\n", "c.yaml");
  CHECK(minimal.input.simulations == std::vector<std::string>{"S3"});
  CHECK(minimal.output.compression == 1);
  CHECK(minimal.output.time_units == "days since 1700-01-01 00:00:00");
  CHECK(minimal.run.memory_mb == 1024);
}

TEST_CASE("an unknown key is an error naming the key and its line", "[config]") {
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput:\n  root: /b\n  compresion: 3\n", "c.yaml"),
                    Catch::Contains("c.yaml:4") && Catch::Contains("'output.compresion'") &&
                        Catch::Contains("not a known setting"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b}\nrnu: {}\n", "c.yaml"),
                    Catch::Contains("c.yaml:3") && Catch::Contains("'rnu'"));
}

TEST_CASE("a wrong type is an error naming the key and its line", "[config]") {
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b, compression: fast}\n", "c.yaml"),
                    Catch::Contains("c.yaml:2") && Catch::Contains("'output.compression'") &&
                        Catch::Contains("integer"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a, models: CLM}\noutput: {root: /b}\n", "c.yaml"),
                    Catch::Contains("'input.models'") && Catch::Contains("list"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b}\nrun: {on_error: maybe}\n", "c.yaml"),
                    Catch::Contains("c.yaml:3") && Catch::Contains("'run.on_error'"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b, compression: 12}\n", "c.yaml"),
                    Catch::Contains("0..9"));
}

TEST_CASE("output.codec is fast or zlib, fast by default when built with ISA-L", "[config]") {
  const auto minimal = parse_config("input: {root: /a}\noutput: {root: /b}\n", "c.yaml");
  CHECK(minimal.output.codec == ti::codec::default_codec());
  CHECK(minimal.output.codec == (ti::codec::have_isal() ? ti::codec::Codec::Fast : ti::codec::Codec::Zlib));
  CHECK(parse_config("input: {root: /a}\noutput: {root: /b, codec: zlib}\n", "c.yaml").output.codec ==
        ti::codec::Codec::Zlib);
  CHECK(parse_config("input: {root: /a}\noutput: {root: /b, codec: fast}\n", "c.yaml").output.codec ==
        ti::codec::Codec::Fast);
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput:\n  root: /b\n  codec: lz4\n", "c.yaml"),
                    Catch::Contains("c.yaml:4") && Catch::Contains("'output.codec'") &&
                        Catch::Contains("fast or zlib"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b, codec: [fast]}\n", "c.yaml"),
                    Catch::Contains("'output.codec'"));
}

TEST_CASE("a missing required key is an error naming it", "[config]") {
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\n", "c.yaml"), Catch::Contains("'output'") &&
                                                                        Catch::Contains("required"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {compression: 1}\n", "c.yaml"),
                    Catch::Contains("c.yaml:2") && Catch::Contains("'output.root'") &&
                        Catch::Contains("required"));
}

TEST_CASE("output time units must be ones cftime and ILAMB decode", "[config]") {
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b, time_units: months since 1700-01-01}\n", "c.yaml"),
                    Catch::Contains("'output.time_units'"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b, time_units: fortnights}\n", "c.yaml"),
                    Catch::Contains("'output.time_units'"));
}

TEST_CASE("broken YAML is reported with its line", "[config]") {
  CHECK_THROWS_WITH(parse_config("input: {root: /a\noutput: [\n", "c.yaml"), Catch::Contains("c.yaml:"));
}

TEST_CASE("period and per-model overrides are read and validated", "[config]") {
  const auto c = parse_config(
      "input: {root: /a}\noutput: {root: /b, period: [1980, 2023]}\n"
      "overrides:\n  CARDAMOM: {time_start: \"2003-01\", frequency: monthly, calendar: noleap}\n",
      "c.yaml");
  REQUIRE(c.output.period);
  CHECK(c.output.period->first == 1980);
  CHECK(c.output.period->second == 2023);
  REQUIRE(c.overrides.count("CARDAMOM") == 1);
  CHECK(c.overrides.at("CARDAMOM").time_start == "2003-01");
  CHECK(c.overrides.at("CARDAMOM").frequency == "monthly");
  CHECK(c.overrides.at("CARDAMOM").calendar == "noleap");

  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b, period: [2023, 1980]}\n", "c.yaml"),
                    Catch::Contains("'output.period'"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b}\noverrides:\n  M: {time_start: Jan 2003}\n", "c.yaml"),
                    Catch::Contains("c.yaml:4") && Catch::Contains("'overrides.M.time_start'"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b}\noverrides:\n  M: {calendar: lunar}\n", "c.yaml"),
                    Catch::Contains("'overrides.M.calendar'"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b}\noverrides:\n  M: {start: 2003}\n", "c.yaml"),
                    Catch::Contains("'overrides.M.start'"));
}

// Found by fuzz/fuzz_config.cpp: non-scalar keys let yaml-cpp's conversion
// exception escape instead of a ConfigError.
TEST_CASE("a key that is not a plain name is a config error", "[config]") {
  CHECK_THROWS_AS(parse_config("?\n:", "c.yaml"), ConfigError);
  CHECK_THROWS_WITH(parse_config("input: {root: r}\noutput: {root: o}\noverrides:\n  [a]: {frequency: daily}\n", "c.yaml"),
                    Catch::Contains("c.yaml:4") && Catch::Contains("'overrides'"));
  CHECK_THROWS_AS(parse_config("input: {root: r}\noutput: {root: o,[period: RaE b]}\n", "c.yaml"), ConfigError);
}

TEST_CASE("run.grace_s, run.split_mb and run.isolate are read and checked", "[config]") {
  const auto d = parse_config("input: {root: /a}\noutput: {root: /b}\n", "c.yaml");
  CHECK(d.run.grace_s == 120.0);
  CHECK_FALSE(d.run.split_mb.has_value());
  CHECK(d.run.isolate);
  const auto c = parse_config(
      "input: {root: /a}\noutput: {root: /b}\nrun: {grace_s: 5, split_mb: 0, isolate: false}\n", "c.yaml");
  CHECK(c.run.grace_s == 5.0);
  CHECK(c.run.split_mb == 0.0);
  CHECK_FALSE(c.run.isolate);
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b}\nrun: {split_mb: -1}\n", "c.yaml"),
                    Catch::Contains("'run.split_mb'"));
  CHECK_THROWS_WITH(parse_config("input: {root: /a}\noutput: {root: /b}\nrun: {grace_s: -1}\n", "c.yaml"),
                    Catch::Contains("'run.grace_s'"));
}
