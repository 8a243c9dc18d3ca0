#!/usr/bin/python3
"""Generates the golden time vectors read by test/unit/cf/test_time_golden.cpp.

Usage (Debian's python3 with python3-cftime and python3-numpy):

    /usr/bin/python3 scripts/gen_time_vectors.py test/data/time_vectors

Writes, deterministically (own seeded generator, no dependence on Python's
or numpy's random streams):

  decode.csv   units,calendar,has_year_zero,value,year,month,day,hour,minute,second
               one row per value decoded with cftime.num2date
  lengths.csv  calendar,has_year_zero,year,days_in_year,m01..m12
               month and year lengths in days, from cftime.date2num differences

Every value is exact in binary (a multiple of 1/64 of the unit, or a whole
number of seconds), so that decoding has no rounding ambiguity. Dates before
0001-01-01 appear only in rows decoded with has_year_zero=True (astronomical
year numbering, as in the C++ code); all other rows use cftime's default
convention and stay in years >= 1, where the conventions agree.

See docs/time-golden-vectors.md.
"""

import csv
import os
import sys
import warnings

import cftime
import numpy as np

CALENDARS = [
    "standard", "gregorian", "proleptic_gregorian", "julian",
    "noleap", "365_day", "all_leap", "366_day", "360_day",
]
REAL_WORLD = {"standard", "gregorian", "proleptic_gregorian", "julian"}

# Units cftime decodes for every calendar (seconds..days) and, for 360_day
# only, "months since". Reference spellings vary like those in TRENDY files.
RELATIVE_UNITS = [
    "days since 0001-01-01",
    "days since 1-1-1 00:00:00",
    "days since 1582-10-04 12:00",
    "days since 1582-10-15",
    "days since 1699-12-31",
    "days since 1700-01-01",
    "days since 1700-01-01 00:00:00.000000",
    "days since 1850-01-01 00:00:00",
    "days since 2000-02-29",
    "days since 2100-03-01 18:00",
    "hours since 0001-01-01",
    "hours since 1700-01-01 00:00:00",
    "hours since 1701-1-16 12:00:00",
    "hours since 1900-02-28 23:00",
    "minutes since 1582-10-15 06:30",
    "minutes since 1900-01-01",
    "minutes since 2000-03-01 00:00:00",
    "seconds since 0001-01-01",
    "seconds since 1582-10-04 23:59:59",
    "seconds since 1970-01-01 00:00:00",
    "seconds since 2023-12-31T23:59:30Z",
]
MONTH_UNITS_360 = [
    "months since 0001-01-01",
    "months since 1582-10-15",
    "months since 1700-1-16 12:00:00",
]
# Units for the dates before year 1 (decoded with has_year_zero=True).
EARLY_UNITS = [
    "days since 0001-01-01",
    "hours since 0001-01-01 12:00",
    "seconds since 0001-03-01",
]
EARLY_UNITS_IDEALISED = ["days since 0000-01-01"]

QUANTUM = {"seconds": 1.0, "minutes": 1.0 / 64, "hours": 1.0 / 64, "days": 1.0 / 64,
           "months": 1.0 / 64}

LAST_DATE = (2400, 12, 30)  # exists in every calendar
RANDOM_PER_UNITS = 48      # over the whole window
RANDOM_RECENT = 24         # within 1690..2030
TARGETS_PER_UNITS = 48     # near leap days, year ends and the 1582 reform
EARLY_PER_UNITS = 40


class SplitMix64:
    """A tiny deterministic generator (independent of library versions)."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def integer(self, lo, hi):
        """Uniform integer in [lo, hi] (tiny modulo bias is irrelevant here)."""
        return lo + self.next() % (hi - lo + 1)


def seed_of(text):
    h = 1469598103934665603  # FNV-1a, stable across runs (unlike hash())
    for b in text.encode():
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def unit_kind(units):
    return units.split()[0]


def date_exists(cal, y, m, d, has_year_zero):
    try:
        cftime.datetime(y, m, d, calendar=cal, has_year_zero=has_year_zero)
    except ValueError:
        return False
    if cal in ("standard", "gregorian") and (y, m) == (1582, 10) and 4 < d < 15:
        return False
    return True


def encode(cal, units, date, has_year_zero):
    y, m, d = date[:3]
    h, mi = (date[3], date[4]) if len(date) > 3 else (0, 0)
    dt = cftime.datetime(y, m, d, h, mi, calendar=cal, has_year_zero=has_year_zero)
    return float(cftime.date2num(dt, units, cal, has_year_zero=has_year_zero))


def quantize_range(lo, hi, q):
    return int(np.ceil(lo / q)), int(np.floor(hi / q))


def target_dates(cal, has_year_zero):
    """Dates where calendar rules bite: leap days, year ends, the reform."""
    dates = []
    for y in (4, 100, 200, 300, 400, 1500, 1580, 1600, 1700, 1800, 1900, 2000, 2004, 2024, 2100, 2400):
        for m, d in ((2, 28), (2, 29), (2, 30), (3, 1)):
            dates.append((y, m, d))
    for y in (1, 2, 1581, 1582, 1699, 1700, 1701, 1899, 1900, 1999, 2000, 2023, 2099, 2100):
        dates.extend([(y, 1, 1), (y, 12, 31), (y, 12, 30), (y, 7, 1)])
    for d in range(1, 32):
        dates.append((1582, 10, d))
    return [t for t in dates if date_exists(cal, *t, has_year_zero=has_year_zero)]


def decode_rows(cal, units, values, has_year_zero):
    values = np.array(sorted(set(values)), dtype=np.float64)
    dates = cftime.num2date(values, units, cal, only_use_cftime_datetimes=True,
                            has_year_zero=has_year_zero)
    back = cftime.date2num(dates, units, cal, has_year_zero=has_year_zero)
    rows = []
    for v, t, b in zip(values, dates, back):
        if float(b) != float(v):  # every value must be exact: no rounding ambiguity
            raise SystemExit(f"value {v!r} in {units!r} ({cal}) is not exact: {b!r}")
        second = f"{t.second}.{t.microsecond:06d}".rstrip("0").rstrip(".")
        rows.append([units, cal, int(has_year_zero), repr(float(v)), t.year, t.month, t.day,
                     t.hour, t.minute, second])
    return rows


def main_rows(cal, units):
    kind = unit_kind(units)
    q = QUANTUM[kind]
    rng = SplitMix64(seed_of(cal + "|" + units))
    # Real-world calendars stay in years >= 1 (no year-zero question); the
    # idealised ones have a year 0 in cftime and in the C++ code alike.
    hyz = cal not in REAL_WORLD
    first = (-400, 1, 1) if hyz else (1, 1, 1)
    lo = encode(cal, units, first, hyz)
    hi = encode(cal, units, LAST_DATE, hyz)
    klo, khi = quantize_range(lo, hi, q)
    values = [rng.integer(klo, khi) * q for _ in range(RANDOM_PER_UNITS)]
    rlo, rhi = quantize_range(encode(cal, units, (1690, 1, 1), hyz), encode(cal, units, (2030, 12, 30), hyz), q)
    values += [rng.integer(rlo, rhi) * q for _ in range(RANDOM_RECENT)]
    # Near targets: exactly at midnight, one quantum either side, half a day
    # either side, or a random time of day.
    targets = target_dates(cal, hyz)
    day = {"seconds": 86400.0, "minutes": 1440.0, "hours": 24.0, "days": 1.0, "months": 1.0 / 30}[kind]
    for _ in range(TARGETS_PER_UNITS):
        t = targets[rng.integer(0, len(targets) - 1)]
        base = encode(cal, units, t, hyz)
        choice = rng.integer(0, 5)
        if choice == 0:
            v = base
        elif choice == 1:
            v = base - q
        elif choice == 2:
            v = base + q
        elif choice == 3:
            v = base - day / 2
        elif choice == 4:
            v = base + day / 2
        else:
            v = base + rng.integer(0, int(day / q) - 1) * q
        v = round(v / q) * q
        if lo <= v <= hi:
            values.append(v)
    # The reference itself and small negative/positive steps from it.
    values += [0.0, -q, q, -1.0, 1.0]
    values = [v for v in values if lo <= v <= hi]
    return decode_rows(cal, units, values, has_year_zero=hyz)


def early_rows(cal, units):
    """Dates before 0001-01-01, astronomical numbering (has_year_zero=True)."""
    kind = unit_kind(units)
    q = QUANTUM[kind]
    rng = SplitMix64(seed_of("early|" + cal + "|" + units))
    lo = encode(cal, units, (-1000, 1, 1), True)
    hi = encode(cal, units, (1, 1, 1), True)
    klo, khi = quantize_range(lo, hi, q)
    values = [rng.integer(klo, khi) * q for _ in range(EARLY_PER_UNITS // 2)]
    day = {"seconds": 86400.0, "minutes": 1440.0, "hours": 24.0, "days": 1.0}[kind]
    for y in (-400, -100, -4, -1, 0):
        for m, d in ((2, 28), (2, 29), (3, 1), (12, 31)):
            if date_exists(cal, y, m, d, has_year_zero=True):
                values.append(encode(cal, units, (y, m, d), True) + day / 2)
    return decode_rows(cal, units, [v for v in values if lo <= v <= hi], has_year_zero=True)


def length_years():
    years = set(range(1, 41)) | set(range(1, 2101, 7))
    for c in range(100, 2101, 100):
        years |= set(range(c - 4, c + 5))
    for lo, hi in ((1570, 1600), (1690, 1710), (1890, 1910), (1990, 2030), (2090, 2100)):
        years |= set(range(lo, hi + 1))
    return sorted(y for y in years if 1 <= y <= 2100)


def length_rows(cal, years, has_year_zero):
    rows = []
    for y in years:
        firsts = [cftime.datetime(y, m, 1, calendar=cal, has_year_zero=has_year_zero) for m in range(1, 13)]
        firsts.append(cftime.datetime(y + 1, 1, 1, calendar=cal, has_year_zero=has_year_zero))
        n = cftime.date2num(firsts, "days since 0001-01-01", cal, has_year_zero=has_year_zero)
        months = [int(round(n[i + 1] - n[i])) for i in range(12)]
        rows.append([cal, int(has_year_zero), y, int(round(n[12] - n[0]))] + months)
    return rows


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: gen_time_vectors.py OUTPUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    warnings.simplefilter("ignore")  # cftime warns about year zero conventions

    decode = []
    for cal in CALENDARS:
        units_list = RELATIVE_UNITS + (MONTH_UNITS_360 if cal == "360_day" else [])
        for units in units_list:
            ref = units.split("since", 1)[1].split()[0].replace("T", " ").split()[0]
            y, m, d = (int(p) for p in ref.split("-"))
            if not date_exists(cal, y, m, d, has_year_zero=cal not in REAL_WORLD):
                continue  # e.g. 2000-02-29 in noleap
            decode += main_rows(cal, units)
        early = EARLY_UNITS + ([] if cal in REAL_WORLD else EARLY_UNITS_IDEALISED)
        for units in early:
            decode += early_rows(cal, units)

    with open(os.path.join(out, "decode.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["units", "calendar", "has_year_zero", "value", "year", "month", "day",
                    "hour", "minute", "second"])
        w.writerows(decode)

    lengths = []
    years = length_years()
    for cal in CALENDARS:
        lengths += length_rows(cal, years, has_year_zero=cal not in REAL_WORLD)
        lengths += length_rows(cal, list(range(-8, 1)), has_year_zero=True)
    with open(os.path.join(out, "lengths.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["calendar", "has_year_zero", "year", "days_in_year"] +
                   [f"m{m:02d}" for m in range(1, 13)])
        w.writerows(lengths)

    print(f"cftime {cftime.__version__}, numpy {np.__version__}: "
          f"{len(decode)} decode rows, {len(lengths)} length rows -> {out}")


if __name__ == "__main__":
    main()
