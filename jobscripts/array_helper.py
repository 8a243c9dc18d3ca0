#!/usr/bin/env python3
"""Job-array support for trendy_ilamb (see docs/batch.md, jobscripts/slurm_array.sbatch).

    array_helper.py prepare CONFIG   write one config per model, print the model count
    array_helper.py merge CONFIG     gather the per-model outputs into the shared layout

Why per-model output roots: trendy_ilamb's rank 0 owns report.json,
manifest.jsonl and <Sx>/models.csv in its output.root. Several single-rank
runs writing the same root at once would overwrite each other's report and
interleave their manifests. So each array task converts one model folder into
its own root, <output.root>/_array/<Model>/, keeping its own manifest (it
resumes on its own), and `merge` then builds the shared layout:

    <output.root>/<Sx>/<Model>/*.nc   hard links to the files the model's own
                                      <Sx>/models.csv lists (no extra space; a
                                      copy where links fail)
    <output.root>/<Sx>/models.csv     every model's rows, paths pointing at the links
    <output.root>/report.json         every model's tasks, counts summed

Model folders of models no longer in models.txt are left as they are (delete
them by hand). The per-model roots are left in place, so a later array run still resumes
from them, and merging again is safe (links are replaced, stale ones removed).
No manifest.jsonl is written at the top: the per-model manifests belong to
the per-model configs. A top-level manifest.jsonl therefore means a plain
(non-array) run wrote into output.root; merge refuses to mix the two.

Configs are read with PyYAML's BaseLoader (every scalar stays the text it
was: no yes/no booleans, no dates) and written as JSON, which trendy_ilamb's
YAML reader accepts; relative paths are made absolute because the generated
configs live elsewhere than the original.
"""
import csv
import io
import json
import os
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("array_helper.py: needs PyYAML (Debian: apt-get install python3-yaml)")

ARRAY_DIR = "_array"


def fail(msg, status=2):
    print(f"array_helper.py: {msg}", file=sys.stderr)
    sys.exit(status)


def load_config(path):
    try:
        with open(path, encoding="utf-8") as f:
            cfg = yaml.load(f, Loader=yaml.BaseLoader)
    except OSError as e:
        fail(f"{path}: cannot read the config file ({e.strerror})")
    except yaml.YAMLError as e:
        fail(f"{path}: invalid YAML: {e}")
    if not isinstance(cfg, dict) or not isinstance(cfg.get("input"), dict) \
            or not isinstance(cfg.get("output"), dict):
        fail(f"{path}: expected a map with input: and output: sections")
    for section, key in (("input", "root"), ("output", "root")):
        if not isinstance(cfg[section].get(key), str) or not cfg[section][key]:
            fail(f"{path}: '{section}.{key}' is required")
    return cfg


def resolve(path, config_path):
    """What trendy_ilamb does: relative to the config file's folder."""
    if os.path.isabs(path):
        return os.path.normpath(path)
    base = os.path.dirname(os.path.abspath(config_path))
    return os.path.normpath(os.path.join(base, path))


def output_root(cfg, config_path):
    return resolve(cfg["output"]["root"], config_path)


def names(value, default):
    return value if isinstance(value, list) and value else default


def discover_models(cfg, config_path):
    """Model folders trendy_ilamb would take (same rules as plan/catalogue.cpp)."""
    root = resolve(cfg["input"]["root"], config_path)
    if not os.path.isdir(root):
        fail(f"input.root '{root}' is not a folder")
    wanted = [m.lower() for m in names(cfg["input"].get("models"), [])]
    sims = names(cfg["input"].get("simulations"), ["S3"])
    models = []
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if name.startswith(".") or not os.path.isdir(path):
            continue
        if wanted and name.lower() not in wanted:
            continue
        if any(os.path.isdir(os.path.join(path, s)) for s in sims):
            models.append(name)
    return models


def write_atomically(path, text):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def read_models(adir):
    path = os.path.join(adir, "models.txt")
    try:
        with open(path, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]
    except OSError:
        fail(f"{path} is missing: run 'array_helper.py prepare CONFIG' first")


def prepare(config_path):
    cfg = load_config(config_path)
    root = output_root(cfg, config_path)
    adir = os.path.join(root, ARRAY_DIR)
    models = discover_models(cfg, config_path)
    if not models:
        fail("no model folder with the configured simulations under input.root")
    for m in models:
        if m in ("models.txt",) or m.endswith(".yaml") or m.endswith(".log"):
            fail(f"model folder name '{m}' clashes with the array's own files")
    os.makedirs(adir, exist_ok=True)
    cfg["input"]["root"] = resolve(cfg["input"]["root"], config_path)
    if isinstance(cfg.get("variable_table"), str):
        cfg["variable_table"] = resolve(cfg["variable_table"], config_path)
    regrid = cfg.get("regrid")
    if isinstance(regrid, dict) and isinstance(regrid.get("grid"), str) and regrid["grid"].endswith(".nc"):
        regrid["grid"] = resolve(regrid["grid"], config_path)
    for m in models:
        cfg["input"]["models"] = [m]
        cfg["output"]["root"] = os.path.join(adir, m)
        write_atomically(os.path.join(adir, m + ".yaml"),
                         "# generated by jobscripts/array_helper.py from " + os.path.abspath(config_path)
                         + "\n" + json.dumps(cfg, indent=2) + "\n")
    write_atomically(os.path.join(adir, "models.txt"), "".join(m + "\n" for m in models))
    print(len(models))


def link_or_copy(src, dst):
    tmp = os.path.join(os.path.dirname(dst), "." + os.path.basename(dst) + ".merge-tmp")
    if os.path.lexists(tmp):
        os.remove(tmp)
    try:
        os.link(src, tmp)
    except OSError:  # a file system without hard links
        import shutil
        shutil.copy2(src, tmp)
    os.replace(tmp, dst)


def sync_folder(dst, sources):
    """dst/*.nc becomes exactly the files in `sources` (name -> path)."""
    os.makedirs(dst, exist_ok=True)
    for n in os.listdir(dst):
        p = os.path.join(dst, n)
        if n.endswith(".nc") and not n.startswith(".") and n not in sources and os.path.isfile(p):
            os.remove(p)  # no longer an output of the model's run (renamed pieces, ...)
    for n, src in sorted(sources.items()):
        d = os.path.join(dst, n)
        if os.path.exists(d) and os.path.samefile(src, d):
            continue
        link_or_copy(src, d)


def stopped(task):
    err = task.get("error") or ""
    return err.startswith("interrupted:") or "stopped by signal" in err


def merge(config_path):
    cfg = load_config(config_path)
    root = output_root(cfg, config_path)
    adir = os.path.join(root, ARRAY_DIR)
    models = read_models(adir)
    if os.path.exists(os.path.join(root, "manifest.jsonl")):
        fail(f"{root}/manifest.jsonl exists: a plain (non-array) run wrote into this output.root; "
             "merge into a fresh output.root or convert it with that run instead")
    tables = {}  # simulation -> rows
    tasks, skipped, per_model = [], [], []
    counts = {"ok": 0, "failed": 0, "skipped": 0}
    totals = {"bytes_read": 0, "bytes_written": 0, "wall_seconds": 0.0}
    first = None
    problems = []
    files = 0
    for m in models:
        mroot = os.path.join(adir, m)
        report_path = os.path.join(mroot, "report.json")
        try:
            with open(report_path, encoding="utf-8") as f:
                rep = json.load(f)
        except (OSError, ValueError):
            problems.append(f"{m}: no readable report.json (array task not run yet, or killed)")
            continue
        first = first or rep
        # The files to take are the ones the model's own models.csv lists:
        # this run's outputs and those of earlier runs it resumed, never
        # leftovers of an older config that the folder may still hold.
        folders = {}  # merged folder -> {name: source file}
        for sim in sorted(os.listdir(mroot)):
            sdir = os.path.join(mroot, sim)
            if sim.startswith(".") or not os.path.isdir(sdir):
                continue
            tables.setdefault(sim, [])
            for mdir in os.listdir(sdir):
                if not mdir.startswith(".") and os.path.isdir(os.path.join(sdir, mdir)):
                    folders.setdefault(os.path.join(root, sim, mdir), {})
            table = os.path.join(sdir, "models.csv")
            if not os.path.isfile(table):
                continue
            with open(table, newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            for row in rows[1:]:
                if len(row) != 5:
                    continue
                rel = os.path.relpath(row[1], mroot)
                if rel.startswith("..") or not os.path.isfile(row[1]):
                    problems.append(f"{m}: {row[1]} is listed in {table} but missing")
                    continue
                dst = os.path.join(root, rel)
                folders.setdefault(os.path.dirname(dst), {})[os.path.basename(dst)] = row[1]
                row[1] = dst
                tables.setdefault(sim, []).append(row)
        for dst, sources in folders.items():
            sync_folder(dst, sources)
            files += len(sources)
        c = rep.get("counts", {})
        for k in counts:
            counts[k] += int(c.get(k, 0))
        totals["bytes_read"] += int(rep.get("bytes_read", 0))
        totals["bytes_written"] += int(rep.get("bytes_written", 0))
        totals["wall_seconds"] = max(totals["wall_seconds"], float(rep.get("wall_seconds", 0.0)))
        model_tasks = rep.get("tasks", [])
        tasks.extend(model_tasks)  # outputs are relative to the root: still right here
        skipped.extend(rep.get("skipped", []))
        n_stopped = sum(1 for t in model_tasks if stopped(t))
        per_model.append({"model": m, "report": report_path, "command": rep.get("command", ""),
                          "counts": c, "stopped": n_stopped})
        if n_stopped:
            problems.append(f"{m}: {n_stopped} task(s) interrupted or not started (the run was stopped)")
        if int(c.get("failed", 0)):
            problems.append(f"{m}: {c.get('failed')} task(s) failed (see {report_path})")
    for sim, rows in tables.items():
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["variable_id", "path", "source_id", "grid_label", "frequency"])
        w.writerows(rows)
        write_atomically(os.path.join(root, sim, "models.csv"), out.getvalue())
    report = {
        "trendy_ilamb_version": (first or {}).get("trendy_ilamb_version", ""),
        "command": "job array merged by jobscripts/array_helper.py merge " + os.path.abspath(config_path),
        "config": os.path.abspath(config_path),
        "input_root": resolve(cfg["input"]["root"], config_path),
        "output_root": root,
        "ranks": len(per_model),
        "wall_seconds": totals["wall_seconds"],
        "counts": counts,
        "bytes_read": totals["bytes_read"],
        "bytes_written": totals["bytes_written"],
        "tasks": tasks,
        "skipped": skipped,
        "array": per_model,
    }
    os.makedirs(root, exist_ok=True)
    write_atomically(os.path.join(root, "report.json"), json.dumps(report, indent=2) + "\n")
    print(f"merged {len(per_model)} of {len(models)} model(s): {files} file(s) under {root}, "
          f"tasks ok {counts['ok']}, failed {counts['failed']}, skipped {counts['skipped']}")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


def main(argv):
    if len(argv) != 3 or argv[1] not in ("prepare", "merge"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    if argv[1] == "prepare":
        prepare(argv[2])
        return 0
    return merge(argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
