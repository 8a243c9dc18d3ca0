#!/usr/bin/python3
"""Quicklook plots for a converted ILAMB model root.

Usage: quicklook.py MODEL_ROOT OUT_DIR

MODEL_ROOT is one simulation folder of the converter's output (for example
<output.root>/S3) holding one folder per model. For every model folder and
every data variable in it (the *_fx_* files are used as weights, not
plotted), one PNG is written to OUT_DIR/<Model>/<variable>.png:

  left   the time mean map (first depth layer if the variable has one),
         masked where the value is the fill value in every time step;
  right  the land-area-weighted global mean time series,
         sum(v * areacella * sftlf/100) / sum(areacella * sftlf/100) over the
         valid cells of each time step; cos(lat) weights when the model folder
         has no usable areacella/sftlf (the title says so).

Files of one variable split in time are concatenated in time order. Data are
read in slabs of SLAB time steps so memory stays bounded on large files.
OUT_DIR/index.html links all PNGs (model rows, variable columns).

Needs Debian's python3-netcdf4, python3-numpy and python3-matplotlib
(bash scripts/install-deps.sh --quicklook). Exits 1 if any file could not be
read (after plotting everything else), 0 otherwise.
"""

import html
import os
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FormatStrFormatter, MaxNLocator  # noqa: E402
import netCDF4  # noqa: E402
import numpy as np  # noqa: E402

SLAB = 120  # time steps read at once
FILL_THRESHOLD = 1.0e19  # |value| at or above this counts as fill
YEAR_DAYS = {"noleap": 365.0, "365_day": 365.0, "all_leap": 366.0, "366_day": 366.0, "360_day": 360.0}


def log(msg):
    print(msg, flush=True)


def find_data_var(ds):
    """The variable with dims (time, [depth,] lat, lon); prefer variable_id."""
    vid = getattr(ds, "variable_id", None)
    candidates = []
    for name, var in ds.variables.items():
        dims = var.dimensions
        if len(dims) in (3, 4) and dims[0] == "time" and dims[-2:] == ("lat", "lon"):
            candidates.append(name)
    if vid in candidates:
        return vid
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValueError("no variable with dimensions (time, [depth,] lat, lon)")
    raise ValueError("several data variables: %s" % ", ".join(candidates))


def decimal_years(ds):
    """Time coordinate as decimal years (float array)."""
    t = ds.variables["time"]
    units = getattr(t, "units", None)
    cal = getattr(t, "calendar", "standard")
    vals = t[:]
    if units is None:
        return np.asarray(vals, dtype=float)
    dates = netCDF4.num2date(vals, units, calendar=cal)
    ylen = YEAR_DAYS.get(str(cal).lower(), 365.25)
    out = np.empty(len(dates))
    for i, d in enumerate(dates):
        # position inside the year from the day of year; good enough to plot
        out[i] = d.year + (d.dayofyr - 1 + d.hour / 24.0) / ylen
    return out


def masked(arr):
    a = np.ma.asarray(arr, dtype=np.float64)
    return np.ma.masked_where(~np.isfinite(a.filled(np.nan)) | (np.abs(a.filled(0.0)) >= FILL_THRESHOLD), a)


def read_fx(folder, files, name, shape):
    """2-D field from the first *name*_fx_* file, or None (with the reason)."""
    for f in files:
        if f.startswith(name + "_fx_"):
            path = os.path.join(folder, f)
            try:
                with netCDF4.Dataset(path) as ds:
                    v = masked(ds.variables[name][:])
            except Exception as e:  # noqa: BLE001
                return None, "%s unreadable (%s)" % (f, e)
            if v.shape != shape:
                return None, "%s shape %s does not match data %s" % (f, v.shape, shape)
            return v, None
    return None, "no %s file" % name


class Weights:
    """Land-area weights for one model folder, computed once per grid shape."""

    def __init__(self, folder, files):
        self.folder, self.files, self.cache = folder, files, {}

    def get(self, lat, nlon):
        key = (len(lat), nlon)
        if key in self.cache:
            return self.cache[key]
        shape = key
        area, why_a = read_fx(self.folder, self.files, "areacella", shape)
        frac, why_f = read_fx(self.folder, self.files, "sftlf", shape)
        if area is not None and frac is not None:
            w = (area * frac / 100.0).filled(0.0)
            w[~np.isfinite(w) | (w < 0)] = 0.0
            res = (w, "weights areacella\u00d7sftlf", None)
        else:
            coslat = np.clip(np.cos(np.deg2rad(np.asarray(lat, dtype=float))), 0.0, None)
            w = np.repeat(coslat[:, None], nlon, axis=1)
            res = (w, "cos(lat) weights (no areacella/sftlf)", why_a or why_f)
        self.cache[key] = res
        return res


def plot_variable(model, var, paths, weights, out_png):
    """Read all time pieces of one variable and write its PNG. Raises on error."""
    pieces = []
    for p in paths:
        with netCDF4.Dataset(p) as ds:
            years = decimal_years(ds)
            pieces.append((years[0] if len(years) else np.inf, p))
    pieces.sort()

    sum_map = cnt_map = None
    ts_x, ts_y = [], []
    units = long_name = depth_note = ""
    lat = lon = None
    wnote = None
    for _, p in pieces:
        with netCDF4.Dataset(p) as ds:
            name = find_data_var(ds)
            v = ds.variables[name]
            v.set_auto_mask(False)
            v.set_auto_scale(True)
            units = getattr(v, "units", "")
            long_name = getattr(v, "long_name", name)
            has_depth = len(v.dimensions) == 4
            if has_depth and not depth_note:
                dname = v.dimensions[1]
                dval = ""
                if dname in ds.variables:
                    dv = ds.variables[dname]
                    dval = " = %g %s" % (float(dv[0]), getattr(dv, "units", ""))
                depth_note = ", %s[0]%s" % (dname, dval)
            flat = np.asarray(ds.variables["lat"][:], dtype=float)
            flon = np.asarray(ds.variables["lon"][:], dtype=float)
            if lat is None:
                lat, lon = flat, flon
                w, wnote, why = weights.get(lat, len(lon))
                if why:
                    log("  %s/%s: %s (%s)" % (model, var, wnote, why))
            elif flat.shape != lat.shape or flon.shape != lon.shape:
                raise ValueError("%s: grid differs from the other pieces" % os.path.basename(p))
            years = decimal_years(ds)
            nt = v.shape[0]
            for t0 in range(0, nt, SLAB):
                t1 = min(nt, t0 + SLAB)
                slab = v[t0:t1, 0] if has_depth else v[t0:t1]
                slab = masked(slab)
                valid = ~np.ma.getmaskarray(slab)
                vals = slab.filled(0.0)
                if sum_map is None:
                    sum_map = np.zeros(vals.shape[1:])
                    cnt_map = np.zeros(vals.shape[1:], dtype=np.int64)
                sum_map += vals.sum(axis=0)
                cnt_map += valid.sum(axis=0)
                wv = np.where(valid, w[None, :, :], 0.0)
                den = wv.reshape(len(vals), -1).sum(axis=1)
                num = (vals * wv).reshape(len(vals), -1).sum(axis=1)
                with np.errstate(invalid="ignore", divide="ignore"):
                    series = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
                ts_x.extend(years[t0:t1])
                ts_y.extend(series)

    if sum_map is None:
        raise ValueError("no time steps")
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.ma.masked_where(cnt_map == 0, sum_map / np.maximum(cnt_map, 1))

    fig, (ax_map, ax_ts) = plt.subplots(
        1, 2, figsize=(13, 4.2), gridspec_kw={"width_ratios": [1.45, 1]}
    )
    # lon/lat cell edges from centres (regular or not)
    def edges(c):
        if len(c) < 2:
            return np.array([c[0] - 0.5, c[0] + 0.5])
        mid = (c[:-1] + c[1:]) / 2.0
        return np.concatenate([[c[0] - (mid[0] - c[0])], mid, [c[-1] + (c[-1] - mid[-1])]])

    pm = ax_map.pcolormesh(edges(lon), edges(lat), mean, shading="flat", cmap="viridis")
    ax_map.set_xlim(edges(lon)[0], edges(lon)[-1])
    ax_map.set_ylim(-90, 90)
    ax_map.set_aspect("equal")
    ax_map.set_xlabel("longitude")
    ax_map.set_ylabel("latitude")
    ax_map.set_title("%s %s: time mean%s" % (model, var, depth_note), fontsize=10)
    cb = fig.colorbar(pm, ax=ax_map, shrink=0.85, pad=0.02)
    cb.set_label(units)

    x = np.asarray(ts_x)
    y = np.asarray(ts_y)
    ax_ts.plot(x, y, lw=1.0, marker="." if len(x) < 60 else None)
    ax_ts.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax_ts.xaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax_ts.set_xlabel("year")
    ax_ts.set_ylabel(units)
    ax_ts.grid(alpha=0.3)
    ax_ts.set_title("global land mean, %s" % wnote, fontsize=10)
    fig.suptitle("%s \u2014 %s (%d files, %d steps)" % (long_name, var, len(pieces), len(x)), fontsize=11)
    fig.tight_layout()
    os.makedirs(os.path.dirname(out_png), exist_ok=True)
    fig.savefig(out_png, dpi=90)
    plt.close(fig)
    return len(x)


def variable_of(filename):
    return filename.split("_", 1)[0]


def write_index(out_dir, root, table, errors):
    models = sorted(table)
    variables = sorted({v for m in table.values() for v in m})
    rows = []
    esc = html.escape
    for m in models:
        cells = ["<th>%s</th>" % esc(m)]
        for v in variables:
            rel = table[m].get(v)
            if rel:
                cells.append(
                    '<td><a href="%s"><img src="%s" width="260" alt="%s %s"></a></td>'
                    % (esc(rel), esc(rel), esc(m), esc(v))
                )
            else:
                cells.append("<td class=\"none\">\u2014</td>")
        rows.append("<tr>%s</tr>" % "".join(cells))
    err_html = ""
    if errors:
        err_html = "<h2>Unreadable</h2><ul>%s</ul>" % "".join(
            "<li>%s</li>" % esc(e) for e in errors
        )
    page = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Quicklooks: {root}</title>
<style>
body {{ font-family: sans-serif; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 3px; text-align: center; vertical-align: middle; }}
thead th {{ position: sticky; top: 0; background: #eee; }}
td.none {{ color: #aaa; }}
</style></head><body>
<h1>Quicklooks: {root}</h1>
<p>{nm} models, {nv} variables, {np} plots. Left: time mean map; right: land-area-weighted global mean. Click a thumbnail for the full image.</p>
<table><thead><tr><th>model</th>{head}</tr></thead><tbody>
{rows}
</tbody></table>
{errs}
</body></html>
""".format(
        root=esc(root),
        nm=len(models),
        nv=len(variables),
        np=sum(len(m) for m in table.values()),
        head="".join("<th>%s</th>" % esc(v) for v in variables),
        rows="\n".join(rows),
        errs=err_html,
    )
    path = os.path.join(out_dir, "index.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
    return path


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root, out_dir = argv[1], argv[2]
    if not os.path.isdir(root):
        print("quicklook: %s is not a directory" % root, file=sys.stderr)
        return 2
    os.makedirs(out_dir, exist_ok=True)

    table = defaultdict(dict)
    errors = []
    written = 0
    for model in sorted(os.listdir(root)):
        folder = os.path.join(root, model)
        if not os.path.isdir(folder):
            continue
        files = sorted(f for f in os.listdir(folder) if f.endswith(".nc"))
        groups = defaultdict(list)
        for f in files:
            if "_fx_" in f:
                continue
            groups[variable_of(f)].append(os.path.join(folder, f))
        weights = Weights(folder, files)
        for var in sorted(groups):
            rel = os.path.join(model, var + ".png")
            out_png = os.path.join(out_dir, rel)
            try:
                nsteps = plot_variable(model, var, groups[var], weights, out_png)
            except Exception as e:  # noqa: BLE001
                msg = "%s/%s: cannot read (%s)" % (model, var, e)
                errors.append(msg)
                print("quicklook: " + msg, file=sys.stderr, flush=True)
                plt.close("all")
                continue
            table[model][var] = rel
            written += 1
            log("%s  (%d files, %d steps)" % (out_png, len(groups[var]), nsteps))

    index = write_index(out_dir, root, table, errors)
    log(
        "quicklook: %d PNGs for %d models, %d unreadable; index %s"
        % (written, len(table), len(errors), index)
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
