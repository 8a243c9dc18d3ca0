#!/usr/bin/env python3
"""Discrete-event replay of trendy_ilamb's task schedule on N ranks.

Replays task costs (seconds on one rank) under four scheduling policies and
projects makespan, speedup, parallel efficiency and the idle tail for
N = 16 .. 1024 ranks (or --ranks):

  static_model    today's practice elsewhere: each model's files form one
                  group; groups are assigned to workers up front, greedily
                  (largest group total first, to the least-loaded worker,
                  ties to the lowest worker index; --static-assign
                  round-robin deals them out in discovery order instead);
                  each worker runs its groups' files in discovery order.
  dynamic_file    self-scheduling: the next task in discovery order goes to
                  whichever worker is free first.
  dynamic_largest self-scheduling, largest estimated cost first (what
                  trendy_ilamb does without splitting).
  largest_split   as dynamic_largest after splitting inputs above the
                  threshold into whole-year pieces: pieces = ceil(bytes /
                  threshold), at most one per 12 time steps as the planner
                  does, cost split evenly; threshold = run.split_mb if given
                  (--split-mb), else max(256 MB, total bytes / (4 x 96)).
  largest_split_scaled (only with --scaled-split) as largest_split with the
                  threshold computed for the simulated worker count:
                  max(256 MB, total bytes / (4 x workers)).

Model of the machine: rank 0 only schedules when N > 1, so N ranks have
W = N - 1 workers (W = 1 for N = 1: the serial path runs every task on
rank 0). A worker runs one task at a time; a task's cost does not depend on
how many run at once (no shared file-system contention is modelled); the
hand-out itself costs --dispatch-s seconds of rank 0's time per task (0 by
default). The dynamic policies run the fixed-field tasks (kind "fixed") as a
second round after every conversion has finished, as trendy_ilamb does; the
static policy runs a model's fixed task at the end of its group.

Metrics (one row per policy and rank count):
  makespan_s       time until the last task ends
  speedup          serial / makespan, serial = the sum of the unsplit task
                   costs (what one rank needs)
  efficiency       serial / (W x makespan): rank 0 is NOT counted
  efficiency_ranks serial / (N x makespan): rank 0 counted as a rank
  idle_tail_s      makespan - the time the first worker runs out of work
                   (asks for a task and none is left: it waits for the end,
                   or for the fixed-field round, idle; a worker that never
                   gets a task runs out at 0)
  mean_idle_s      makespan - the mean over workers of the time each runs
                   out of work (the mean tail idle time per worker)

Inputs:
  --report report.json     a trendy_ilamb report: tasks[].seconds are the
                           costs, tasks[].estimated_bytes the sizes that the
                           split rule sees, tasks[].id the discovery order;
                           pieces of one input (tasks[].piece) are merged
                           back into one task first.
  --synthetic-release      a generated release with TRENDY's size mix
                           (see synthetic_release()); per-task cost =
                           overhead + bytes / throughput, with
                           --throughput-mbs / --overhead-s, or both fitted
                           from --calibrate report.json.

Outputs: <out>/schedule.csv, and with matplotlib <out>/speedup.png,
<out>/efficiency.png, <out>/idle_tail.png; a table on stdout.

Python 3 standard library only; matplotlib is optional.
"""

import argparse
import csv
import heapq
import json
import math
import os
import random
import sys
import textwrap
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence

DEFAULT_RANKS = [16, 32, 64, 96, 128, 256, 512, 1024]
MIN_AUTO_SPLIT_MB = 256.0   # include/trendy_ilamb/plan/planner.hpp kMinAutoSplitMb
REFERENCE_RANKS = 96.0      # ... kReferenceRanks
DEFAULT_THROUGHPUT_MBS = 200.0  # cost_model.hpp kDefaultSecondsPerByte = 1 / 200e6
DEFAULT_OVERHEAD_S = 0.2
POLICIES = ["static_model", "dynamic_file", "dynamic_largest", "largest_split"]
SCALED_POLICY = "largest_split_scaled"


@dataclass
class Task:
    name: str
    model: str
    cost: float            # seconds on one rank
    nbytes: float = 0.0    # estimated uncompressed bytes read
    steps: int = 0         # time steps (0: unknown, no cap on pieces)
    order: int = 0         # discovery order
    fixed: bool = False    # a fixed-field task (second round)
    kind: str = "convert"  # free text for summaries (monthly, annual, pft, ...)


@dataclass
class Schedule:
    makespan: float
    finish: List[float] = field(default_factory=list)  # per worker: end of its last task (0: none)
    # per worker: when it first asked for work and none was left to take
    # (in a round with a barrier after it, it waits from then on)
    out_of_work: List[float] = field(default_factory=list)


# --------------------------------------------------------------------------
# Scheduling primitives


def workers_for(ranks: int) -> int:
    """Rank 0 only schedules when there is more than one rank."""
    if ranks < 1:
        raise ValueError("ranks must be >= 1")
    return 1 if ranks == 1 else ranks - 1


def list_schedule(costs: Sequence[float], workers: int, start: float = 0.0,
                  finish: Optional[List[float]] = None, dispatch_s: float = 0.0) -> Schedule:
    """Self-scheduling: each task in the given order goes to the worker that
    is free first (ties: lowest worker index). Every worker starts at
    `start` (a barrier); `finish` carries each worker's last finish over
    from an earlier round. Rank 0 spends dispatch_s per hand-out, one at a
    time."""
    finish = list(finish) if finish is not None else [0.0] * workers
    free = [(start, w) for w in range(workers)]
    heapq.heapify(free)
    rank0_free = start
    end = start
    for c in costs:
        t, w = heapq.heappop(free)
        begin = max(t, rank0_free) + dispatch_s
        rank0_free = begin
        done = begin + c
        finish[w] = done
        end = max(end, done)
        heapq.heappush(free, (done, w))
    return Schedule(makespan=max(end, max(finish) if finish else start), finish=finish,
                    out_of_work=[max(f, start) for f in finish])


def two_rounds(convert: Sequence[float], fixed: Sequence[float], workers: int,
               dispatch_s: float = 0.0) -> Schedule:
    """Conversions, then (after all of them) the fixed-field round."""
    first = list_schedule(convert, workers, dispatch_s=dispatch_s)
    if not fixed:
        return first
    second = list_schedule(fixed, workers, start=first.makespan, finish=first.finish,
                           dispatch_s=dispatch_s)
    # A worker done before the barrier waits there, idle: it ran out of work
    # then; the last one(s) to finish go straight on with the fixed round.
    eps = 1e-12 * max(1.0, first.makespan)
    second.out_of_work = [f if f < first.makespan - eps else g
                          for f, g in zip(first.out_of_work, second.out_of_work)]
    return second


def largest_first(tasks: Sequence[Task]) -> List[Task]:
    # Stable, as farm::schedule_order (equal costs keep discovery order).
    return sorted(tasks, key=lambda t: -t.cost)


def discovery(tasks: Sequence[Task]) -> List[Task]:
    return sorted(tasks, key=lambda t: t.order)


def split_threshold_bytes(total_bytes: float, split_mb: Optional[float] = None,
                          reference_workers: float = REFERENCE_RANKS) -> float:
    if split_mb is not None:
        return split_mb * 1e6
    return max(MIN_AUTO_SPLIT_MB * 1e6, total_bytes / (4.0 * reference_workers))


def split_tasks(tasks: Sequence[Task], threshold: float, piece_overhead_s: float = 0.0) -> List[Task]:
    """Inputs above the threshold become ceil(bytes / threshold) pieces, at
    most one per 12 steps (the planner's whole-year rule), cost split evenly
    (plus piece_overhead_s per piece when there is more than one)."""
    out = []
    for t in tasks:
        n = 1
        if threshold > 0 and t.nbytes > threshold and not t.fixed:
            n = math.ceil(t.nbytes / threshold)
            if t.steps > 0:
                n = min(n, max(1, t.steps // 12))
        if n == 1:
            out.append(t)
            continue
        for k in range(n):
            out.append(replace(t, name=f"{t.name}#{k + 1}/{n}", cost=t.cost / n + piece_overhead_s,
                               nbytes=t.nbytes / n,
                               steps=t.steps // n if t.steps else 0))
    return out


def static_groups(tasks: Sequence[Task], workers: int, assign: str = "greedy") -> Schedule:
    """Each model's tasks form one group, fixed up front to one worker."""
    groups: Dict[str, List[Task]] = {}
    for t in discovery(tasks):
        groups.setdefault(t.model, []).append(t)
    # A model's group in discovery order of its first file.
    names = list(groups)
    load = [0.0] * workers
    if assign == "round-robin":
        for i, name in enumerate(names):
            load[i % workers] += sum(t.cost for t in groups[name])
    elif assign == "greedy":
        totals = sorted(((sum(t.cost for t in groups[n]), i) for i, n in enumerate(names)),
                        key=lambda x: (-x[0], x[1]))
        heap = [(0.0, w) for w in range(workers)]
        for total, _ in totals:
            l, w = heapq.heappop(heap)
            load[w] = l + total
            heapq.heappush(heap, (load[w], w))
    else:
        raise ValueError(f"unknown static assignment '{assign}'")
    return Schedule(makespan=max(load) if load else 0.0, finish=load, out_of_work=list(load))


@dataclass
class Options:
    split_mb: Optional[float] = None
    static_assign: str = "greedy"
    dispatch_s: float = 0.0
    piece_overhead_s: float = 0.0


def run_policy(policy: str, tasks: Sequence[Task], ranks: int, opt: Options = Options()) -> Schedule:
    w = workers_for(ranks)
    convert = [t for t in tasks if not t.fixed]
    fixed = [t for t in tasks if t.fixed]
    if policy == "static_model":
        return static_groups(tasks, w, opt.static_assign)
    if policy == "dynamic_file":
        return two_rounds([t.cost for t in discovery(convert)], [t.cost for t in discovery(fixed)], w,
                          opt.dispatch_s)
    if policy == "dynamic_largest":
        return two_rounds([t.cost for t in largest_first(convert)],
                          [t.cost for t in largest_first(fixed)], w, opt.dispatch_s)
    if policy in ("largest_split", SCALED_POLICY):
        total = sum(t.nbytes for t in convert)
        ref = REFERENCE_RANKS if policy == "largest_split" else float(w)
        threshold = split_threshold_bytes(total, opt.split_mb if policy == "largest_split" else None, ref)
        pieces = split_tasks(convert, threshold, opt.piece_overhead_s)
        return two_rounds([t.cost for t in largest_first(pieces)], [t.cost for t in largest_first(fixed)],
                          w, opt.dispatch_s)
    raise ValueError(f"unknown policy '{policy}'")


def metrics(policy: str, ranks: int, tasks: Sequence[Task], s: Schedule) -> dict:
    serial = sum(t.cost for t in tasks)
    w = workers_for(ranks)
    span = s.makespan
    out = s.out_of_work if s.out_of_work else [0.0] * w
    return {
        "policy": policy,
        "ranks": ranks,
        "workers": w,
        "makespan_s": span,
        "speedup": serial / span if span > 0 else 0.0,
        "efficiency": serial / (w * span) if span > 0 else 0.0,
        "efficiency_ranks": serial / (ranks * span) if span > 0 else 0.0,
        "idle_tail_s": span - min(out),
        "mean_idle_s": span - sum(out) / len(out),
        "serial_s": serial,
    }


def simulate(tasks: Sequence[Task], ranks_list: Sequence[int], policies: Sequence[str],
             opt: Options = Options()) -> List[dict]:
    rows = []
    for policy in policies:
        for n in ranks_list:
            rows.append(metrics(policy, n, tasks, run_policy(policy, tasks, n, opt)))
    return rows


# --------------------------------------------------------------------------
# Inputs


def tasks_from_report(report: dict) -> List[Task]:
    """One Task per input (pieces merged back), in discovery (id) order."""
    merged: Dict[tuple, Task] = {}
    for i, t in enumerate(report.get("tasks", [])):
        fixed = t.get("kind", "convert") == "fixed"
        # One input can feed several outputs (tasks); its pieces share one.
        key = (t.get("input", f"#{i}"), fixed, t.get("variable", ""))
        order = int(t.get("id", i))
        seconds = float(t.get("seconds", 0.0) or 0.0)
        nbytes = float(t.get("estimated_bytes", 0.0) or 0.0)
        if key in merged:
            m = merged[key]
            m.cost += seconds
            m.nbytes += nbytes
            m.order = min(m.order, order)
        else:
            merged[key] = Task(name=os.path.basename(key[0]) + (" (fixed)" if fixed else ""),
                               model=str(t.get("model", "")),
                               cost=seconds, nbytes=nbytes, order=order, fixed=fixed,
                               kind="fixed" if fixed else "convert")
    return sorted(merged.values(), key=lambda t: t.order)


def fit_cost_model(report: dict) -> tuple:
    """Per-task overhead (s) and throughput (MB/s per rank) fitted by least
    squares to seconds = overhead + bytes / throughput over the report's
    successful conversions (pieces merged; bytes_read, else estimated)."""
    per_input: Dict[tuple, List[float]] = {}
    for t in report.get("tasks", []):
        if t.get("kind", "convert") != "convert" or t.get("status") != "ok":
            continue
        b = float(t.get("bytes_read", 0.0) or 0.0) or float(t.get("estimated_bytes", 0.0) or 0.0)
        s = float(t.get("seconds", 0.0) or 0.0)
        acc = per_input.setdefault((t.get("input", ""), t.get("variable", "")), [0.0, 0.0])
        acc[0] += b
        acc[1] += s
    pts = [(b, s) for b, s in per_input.values() if b > 0 and s > 0]
    if not pts:
        raise ValueError("no successful conversion with bytes and seconds in the report")
    n = len(pts)
    mb = sum(b for b, _ in pts) / n
    ms = sum(s for _, s in pts) / n
    sxx = sum((b - mb) ** 2 for b, _ in pts)
    slope = sum((b - mb) * (s - ms) for b, s in pts) / sxx if sxx > 0 else 0.0
    overhead = ms - slope * mb
    if slope <= 0 or overhead < 0:  # degenerate: a line through the origin
        overhead = max(0.0, overhead) if slope > 0 else 0.0
        slope = (sum(s for _, s in pts) - n * overhead) / sum(b for b, _ in pts)
    return overhead, 1.0 / slope / 1e6


GIB = 1024.0 ** 3

# The release's size mix (../shared/docs/TRENDY_QUIRKS.md: 835 files in 19
# model folders for S3, ~3,300 for S0-S3, ~2 TiB uncompressed per
# simulation; monthly 0.5 deg 1700-2023 float32 = 3.75 GiB, annual 0.31 GiB,
# per-PFT monthly 40-113 GiB). Per model: one grid, one value type and one
# start year for all of its files.
GRIDS = [  # (name, cells, weight)
    ("0.5deg", 720 * 360, 0.40),
    ("1deg", 360 * 180, 0.30),
    ("0.9375x1.25", 288 * 192, 0.15),
    ("T63", 192 * 96, 0.10),
    ("0.5deg-regional", 720 * 300, 0.05),
]
TYPES = [(4, 0.85), (8, 0.15)]                # float32 / float64
STARTS = [(1700, 0.75), (1701, 0.15), (1900, 0.10)]
LAST_YEAR = 2023


def _pick(rng: random.Random, choices):
    x = rng.random() * sum(c[-1] for c in choices)
    for c in choices:
        x -= c[-1]
        if x <= 0:
            return c
    return choices[-1]


def synthetic_release(seed: int, models: int = 19, simulations: Sequence[str] = ("S0", "S1", "S2", "S3"),
                      throughput_mbs: float = DEFAULT_THROUGHPUT_MBS,
                      overhead_s: float = DEFAULT_OVERHEAD_S) -> List[Task]:
    """A TRENDY-like release. Per model: 12-28 monthly variables, 10-30
    annual ones; half of the models write per-PFT output (10-30 PFTs): 1-2
    monthly per-PFT files and one annual per-PFT file (landCoverFrac);
    one fixed-field task per model and simulation. Every simulation holds
    the same files (as most models write S0-S3 alike). Seeds differ in
    totals (4-8.5 TiB for seeds 1-8); seed 7 gives 3,236 data files and
    8.1 TiB (~2 TiB per simulation), the documented release."""
    rng = random.Random(seed)
    tasks: List[Task] = []
    order = 0
    for m in range(models):
        name = f"M{m + 1:02d}"
        _, cells, _ = _pick(rng, GRIDS)
        size, _ = _pick(rng, TYPES)
        start, _ = _pick(rng, STARTS)
        years = LAST_YEAR - start + 1
        files = []  # (variable, kind, steps, values per step)
        for v in range(rng.randint(12, 28)):
            files.append((f"mon{v:02d}", "monthly", 12 * years, cells))
        for v in range(rng.randint(10, 30)):
            files.append((f"ann{v:02d}", "annual", years, cells))
        if rng.random() < 0.5:
            pfts = rng.randint(10, 30)
            for v in range(rng.randint(1, 2)):
                files.append((f"pft{v}", "pft-monthly", 12 * years, cells * pfts))
            files.append(("landCoverFrac", "pft-annual", years, cells * pfts))
        files.sort()
        for sim in simulations:
            for var, kind, steps, values in files:
                nbytes = float(steps * values * size)
                order += 1
                tasks.append(Task(name=f"{name}/{sim}/{var}", model=name,
                                  cost=overhead_s + nbytes / (throughput_mbs * 1e6),
                                  nbytes=nbytes, steps=steps, order=order, kind=kind))
            order += 1
            tasks.append(Task(name=f"{name}/{sim}/fixed", model=name,
                              cost=overhead_s + cells * 8.0 / (throughput_mbs * 1e6),
                              nbytes=cells * 8.0, order=order, fixed=True, kind="fixed"))
    return tasks


def describe(tasks: Sequence[Task]) -> str:
    kinds: Dict[str, List[Task]] = {}
    for t in tasks:
        kinds.setdefault(t.kind, []).append(t)
    total = sum(t.nbytes for t in tasks)
    lines = [f"{len(tasks)} tasks in {len({t.model for t in tasks})} model groups, "
             f"{total / GIB:.0f} GiB to read, serial cost {sum(t.cost for t in tasks):.0f} s"]
    for k, ts in sorted(kinds.items()):
        b = sorted(t.nbytes for t in ts)
        c = sorted(t.cost for t in ts)
        lines.append(f"  {k:<12} {len(ts):5d} tasks, {sum(b) / GIB:9.1f} GiB "
                     f"(median {b[len(b) // 2] / GIB:7.2f} GiB, max {b[-1] / GIB:7.2f} GiB), "
                     f"cost median {c[len(c) // 2]:.2f} s, max {c[-1]:.2f} s")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Output

CSV_FIELDS = ["policy", "ranks", "workers", "makespan_s", "speedup", "efficiency",
              "efficiency_ranks", "idle_tail_s", "mean_idle_s", "serial_s"]


def write_csv(rows: Sequence[dict], path: str) -> None:
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{r[k]:.6g}" if isinstance(r[k], float) else r[k]) for k in CSV_FIELDS})


def table(rows: Sequence[dict]) -> str:
    head = (f"{'policy':<21} {'ranks':>5} {'workers':>7} {'makespan_s':>11} {'speedup':>8} "
            f"{'eff':>6} {'eff_ranks':>9} {'idle_tail_s':>11} {'mean_idle_s':>11}")
    out = [head, "-" * len(head)]
    for r in rows:
        out.append(f"{r['policy']:<21} {r['ranks']:>5} {r['workers']:>7} {r['makespan_s']:>11.1f} "
                   f"{r['speedup']:>8.1f} {r['efficiency']:>6.1%} {r['efficiency_ranks']:>9.1%} "
                   f"{r['idle_tail_s']:>11.1f} {r['mean_idle_s']:>11.1f}")
    return "\n".join(out)


def plot(rows: Sequence[dict], out_dir: str, title: str) -> List[str]:
    """PNGs with matplotlib; returns the written paths ([] without it)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    written = []
    policies = list(dict.fromkeys(r["policy"] for r in rows))
    specs = [("speedup", "speedup (serial / makespan)", "speedup.png"),
             ("efficiency", "efficiency (work / (workers x makespan))", "efficiency.png"),
             ("idle_tail_s", "idle tail (s): makespan - first worker out of work", "idle_tail.png")]
    for key, label, fname in specs:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for p in policies:
            pts = [(r["ranks"], r[key]) for r in rows if r["policy"] == p]
            ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", label=p)
        if key == "speedup":
            xs = sorted({r["ranks"] for r in rows})
            ax.plot(xs, [workers_for(x) for x in xs], color="grey", linestyle=":", label="ideal (workers)")
            ax.set_yscale("log", base=2)
        if key == "efficiency":
            ax.set_ylim(0, 1.05)
            ax.axhline(0.9, color="grey", linestyle=":", linewidth=1)
        ax.set_xscale("log", base=2)
        xs = sorted({r["ranks"] for r in rows})
        ax.set_xticks(xs)
        ax.set_xticklabels([str(x) for x in xs], fontsize=8)
        ax.set_xlabel("MPI ranks (workers = ranks - 1)")
        ax.set_ylabel(label)
        ax.set_title("\n".join(textwrap.wrap(title, 90)), fontsize=8)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        path = os.path.join(out_dir, fname)
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    return written


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--report", help="a trendy_ilamb report.json: replay its measured task seconds")
    src.add_argument("--synthetic-release", action="store_true",
                     help="a generated release with TRENDY's size mix")
    ap.add_argument("--seed", type=int, default=7,
                    help="seed of the synthetic release (default 7: 3,236 files, 8.1 TiB, the "
                         "documented release totals)")
    ap.add_argument("--models", type=int, default=19, help="models of the synthetic release (default 19)")
    ap.add_argument("--simulations", default="S0,S1,S2,S3", help="synthetic simulations (default S0-S3)")
    ap.add_argument("--throughput-mbs", type=float, default=None,
                    help=f"synthetic: MB/s per rank (default {DEFAULT_THROUGHPUT_MBS:g}, or fitted by --calibrate)")
    ap.add_argument("--overhead-s", type=float, default=None,
                    help=f"synthetic: seconds per task (default {DEFAULT_OVERHEAD_S:g}, or fitted by --calibrate)")
    ap.add_argument("--calibrate", help="synthetic: fit throughput and overhead to this report.json")
    ap.add_argument("--ranks", default=",".join(map(str, DEFAULT_RANKS)),
                    help="comma-separated rank counts (default 16..1024)")
    ap.add_argument("--split-mb", type=float, default=None,
                    help="split threshold in MB (run.split_mb); default max(256, total/(4*96))")
    ap.add_argument("--static-assign", choices=["greedy", "round-robin"], default="greedy")
    ap.add_argument("--dispatch-s", type=float, default=0.0, help="rank 0's seconds per hand-out (default 0)")
    ap.add_argument("--piece-overhead-s", type=float, default=0.0,
                    help="extra seconds per piece of a split input (default 0)")
    ap.add_argument("--scaled-split", action="store_true",
                    help=f"also simulate {SCALED_POLICY} (threshold from the simulated worker count)")
    ap.add_argument("--out", default="schedule-sim", help="output folder (default schedule-sim)")
    ap.add_argument("--dump-tasks", action="store_true", help="also write <out>/tasks.csv")
    args = ap.parse_args(argv)

    ranks = [int(x) for x in args.ranks.split(",") if x.strip()]
    if not ranks or min(ranks) < 1:
        ap.error("--ranks: positive integers")
    if args.report:
        with open(args.report) as f:
            tasks = tasks_from_report(json.load(f))
        source = f"report {args.report}"
    else:
        overhead, throughput = DEFAULT_OVERHEAD_S, DEFAULT_THROUGHPUT_MBS
        how = "defaults"
        if args.calibrate:
            with open(args.calibrate) as f:
                overhead, throughput = fit_cost_model(json.load(f))
            how = f"fitted to {args.calibrate}"
        if args.overhead_s is not None:
            overhead, how = args.overhead_s, how + ", overhead given"
        if args.throughput_mbs is not None:
            throughput, how = args.throughput_mbs, how + ", throughput given"
        sims = [s for s in args.simulations.split(",") if s]
        tasks = synthetic_release(args.seed, args.models, sims, throughput, overhead)
        source = (f"synthetic release seed {args.seed}, cost = {overhead:.3g} s + bytes / "
                  f"{throughput:.4g} MB/s per rank ({how})")
    if not tasks:
        print("schedule_sim: no tasks", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    convert_bytes = sum(t.nbytes for t in tasks if not t.fixed)
    threshold = split_threshold_bytes(convert_bytes, args.split_mb)
    pieces = split_tasks([t for t in tasks if not t.fixed], threshold, args.piece_overhead_s)
    print(f"schedule_sim: {source}")
    print(describe(tasks))
    print(f"split threshold {threshold / 1e6:.0f} MB: {sum(1 for t in tasks if not t.fixed)} conversions "
          f"-> {len(pieces)} tasks; largest task after splitting {max(t.cost for t in pieces):.1f} s")
    policies = POLICIES + ([SCALED_POLICY] if args.scaled_split else [])
    opt = Options(split_mb=args.split_mb, static_assign=args.static_assign, dispatch_s=args.dispatch_s,
                  piece_overhead_s=args.piece_overhead_s)
    rows = simulate(tasks, ranks, policies, opt)
    csv_path = os.path.join(args.out, "schedule.csv")
    write_csv(rows, csv_path)
    if args.dump_tasks:
        with open(os.path.join(args.out, "tasks.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["order", "name", "model", "kind", "bytes", "steps", "cost_s"])
            for t in tasks:
                w.writerow([t.order, t.name, t.model, t.kind, f"{t.nbytes:.0f}", t.steps, f"{t.cost:.6g}"])
    print(table(rows))
    print(f"static_model: groups per model, assigned {args.static_assign}; workers = ranks - 1 "
          f"(rank 0 schedules); efficiency excludes rank 0, efficiency_ranks includes it")
    pngs = plot(rows, args.out, source)
    print(f"wrote {csv_path}" + (", " + ", ".join(pngs) if pngs else
                                 " (matplotlib not available: CSV only, no PNG plots)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
