#!/usr/bin/python3
"""Draws the PNG plots of docs/performance.md from benchmark outputs.

    plot_results.py --peers WORK_OF_PEERS_SH --scaling WORK_OF_SCALING_SH --out DIR

peers.png: per input of bench/peers.sh, the median of per-round ratios of
each tool's wall time to `nccopy -d1 -s` on the same file in the same round
(lower is faster). regrid.png: the regrid cases, trendy_ilamb against
`cdo remapcon`, seconds. scaling.png: measured speedup and efficiency per
worker from bench/scaling.sh's reports (report.json wall_seconds).
Needs matplotlib (scripts/install-deps.sh --bench).
"""
import argparse
import csv
import glob
import json
import os
import re
import statistics as st

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LABEL = {"nccopy_d1s": "nccopy -d1 -s (floor)", "cdo_chain": "CDO chain", "trendy_ilamb": "trendy_ilamb, 1 rank",
         "xarray": "xarray", "xarray_dask": "xarray + dask", "nccopy_d0": "nccopy -d0", "cdo_chain_noshuf": "CDO chain, no shuffle"}


def read_runs(path):
    rounds = {}
    for r in csv.DictReader(open(path), delimiter="\t"):
        if r["rc"] == "0":
            rounds.setdefault(r["round"], {})[r["peer"]] = float(r["wall_s"])
    return rounds


def ratio(rounds, a, b):
    v = [w[a] / w[b] for w in rounds.values() if a in w and b in w]
    return st.median(v) if v else None


def case_label(name):
    """1deg_100y_f4_step -> three lines under the bar."""
    return name.replace("_", "\n", 2)


def target_grid(peers_dir, name):
    """The regrid target of a case, from run_peers.sh's meta.txt."""
    meta = open(os.path.join(peers_dir, "out_" + name, "meta.txt")).read()
    m = re.search(r"cmd cdo_remap: .* (r\d+x\d+)", meta)
    return m.group(1) if m else "?"


def save(fig, ax, labels, ylabel, title, path):
    """Labels under the bars, axis text, legend; writes the PNG."""
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_peers(peers_dir, out):
    cases = sorted(glob.glob(os.path.join(peers_dir, "out_*", "runs.tsv")))
    if not cases:
        return []
    names = [os.path.basename(os.path.dirname(c))[4:] for c in cases]
    runs = [read_runs(c) for c in cases]
    tools = [t for t in LABEL if any(t in w for r in runs for w in r.values())]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / len(tools)
    for k, t in enumerate(tools):
        ys = [ratio(r, t, "nccopy_d1s") or 0 for r in runs]
        xs = [i + (k - (len(tools) - 1) / 2) * width for i in range(len(names))]
        ax.bar(xs, ys, width, label=LABEL[t])
        for x, y in zip(xs, ys):
            if y:
                ax.text(x, y + 0.03, f"{y:.2f}", ha="center", fontsize=7)
    ax.axhline(1.0, color="grey", lw=0.8, ls="--")
    ax.axhline(0.6, color="tab:green", lw=0.8, ls=":", label="target 0.6")
    paths = [save(fig, ax, [case_label(n) for n in names], "wall time / nccopy -d1 -s (same round)",
                  "One file, one rank: time relative to the zlib floor (median of rounds)",
                  os.path.join(out, "peers.png"))]

    remap = [(n, r) for n, r in zip(names, runs) if any("cdo_remap" in w for w in r.values())]
    if remap:
        fig, ax = plt.subplots(figsize=(6, 4))
        for i, (n, r) in enumerate(remap):
            cdo = st.median(w["cdo_remap"] for w in r.values() if "cdo_remap" in w)
            ours = st.median(w["trendy_ilamb_remap"] for w in r.values() if "trendy_ilamb_remap" in w)
            ax.bar(i - 0.2, cdo, 0.4, color="tab:orange", label="cdo remapcon chain" if i == 0 else None)
            ax.bar(i + 0.2, ours, 0.4, color="tab:blue", label="trendy_ilamb, 1 rank" if i == 0 else None)
            ax.text(i + 0.2, ours, f"{ratio(r, 'cdo_remap', 'trendy_ilamb_remap'):.1f}x faster\n(median of rounds)",
                    ha="center", va="bottom", fontsize=8)
        paths.append(save(fig, ax, [case_label(n) + "\nto " + target_grid(peers_dir, n) for n, _ in remap], "median wall s",
                          "Conservative regrid + conversion, one file", os.path.join(out, "regrid.png")))
    return paths


def plot_scaling(scaling_dir, out):
    reports = {}
    for f in glob.glob(os.path.join(scaling_dir, "reports", "report-np*.json")):
        n = int(re.search(r"np(\d+)", f).group(1))
        reports[n] = json.load(open(f))["wall_seconds"]
    if len(reports) < 2:
        return []
    ns = sorted(reports)
    t1 = reports[ns[0]]
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for i, n in enumerate(ns):
        workers = max(n - 1, 1)
        speed = t1 / reports[n]
        ax.bar(i, speed, 0.6, color="tab:blue")
        ax.bar(i, workers, 0.6, fill=False, edgecolor="grey", ls="--")
        ax.text(i, speed, f"{speed:.2f}x\n{100 * speed / workers:.0f} % / worker", ha="center", va="bottom",
                fontsize=8)
    labels = [f"{n} rank{'s' if n > 1 else ''}\n{max(n - 1, 1)} worker{'s' if n > 2 else ''}" for n in ns]
    return [save(fig, ax, labels, "speedup vs 1 rank (dashed: ideal)",
                 f"Measured on this machine ({os.cpu_count()} cores), report.json wall_seconds",
                 os.path.join(out, "scaling_measured.png"))]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--peers")
    p.add_argument("--scaling")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    paths = []
    if a.peers:
        paths += plot_peers(a.peers, a.out)
    if a.scaling:
        paths += plot_scaling(a.scaling, a.out)
    print("wrote " + ", ".join(paths) if paths else "nothing to plot")


if __name__ == "__main__":
    main()
