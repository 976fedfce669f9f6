#!/usr/bin/env python3
"""Ranks a sweep's configurations by validation metrics averaged over split seeds and seeds.

Reads DIR/sweep.json and DIR/trials/*.json as `dynpmnn sweep run` writes them. Only validAccuracy, validLoss,
parameters and epochs are read; test_* metrics are never read, so nothing here can select on the test rows.
Usage: python3 analyze.py SWEEP_DIR [--top N] [--csv FILE]
       python3 analyze.py --across DIR1 DIR2 ...   (one row per configuration, its rank on each data set's sweep)
"""
import argparse
import csv
import glob
import json
import os
import statistics

VALIDATION = ("validAccuracy", "validLoss", "parameters", "epochs")


def configurations(directory):
    manifest = json.load(open(os.path.join(directory, "sweep.json")))
    searched = {}
    for path in glob.glob(os.path.join(directory, "trials", "*.json")):
        record = json.load(open(path))
        trial = next(t for t in manifest["trials"] if t["id"] == record["id"])
        values = trial["parameters"]
        key = json.dumps({k: v for k, v in values.items() if k != "splitSeed"}, sort_keys=True)
        entry = searched.setdefault(key, {"trials": 0, "failed": 0, **{m: [] for m in VALIDATION}})
        entry["trials"] += 1
        if record["status"] != "done":
            entry["failed"] += 1
            continue
        for m in VALIDATION:
            value = record["metrics"].get(m)
            if isinstance(value, (int, float)):
                entry[m].append(value)
    return searched


def summary(entry):
    def mean(m):
        return statistics.fmean(entry[m]) if entry[m] else float("nan")

    def sd(m):
        return statistics.stdev(entry[m]) if len(entry[m]) > 1 else 0.0

    return {
        "trials": entry["trials"], "failed": entry["failed"],
        "validAccuracy": mean("validAccuracy"), "validAccuracy_sd": sd("validAccuracy"),
        "validLoss": mean("validLoss"), "validLoss_sd": sd("validLoss"),
        "parameters": max(entry["parameters"]) if entry["parameters"] else float("nan"),
        "epochs": mean("epochs"),
    }


def ranked(directory):
    rows = [(key, summary(entry)) for key, entry in configurations(directory).items()]
    classification = any(s["validAccuracy"] == s["validAccuracy"] for _, s in rows)
    # A failed trial counts against a configuration: it sorts after every configuration that always finished.
    if classification:
        rows.sort(key=lambda r: (r[1]["failed"], -r[1]["validAccuracy"], r[1]["validLoss"]))
    else:
        rows.sort(key=lambda r: (r[1]["failed"], r[1]["validLoss"]))
    return rows, classification


def across(directories):
    """Configurations searched on several data sets with one grid, by their mean rank over the data sets."""
    table = {}
    for directory in directories:
        rows, classification = ranked(directory)
        for rank, (key, s) in enumerate(rows, 1):
            score = s["validAccuracy"] if classification else s["validLoss"]
            table.setdefault(key, []).append((os.path.basename(directory.rstrip("/")), rank, score))
    print("mean rank  " + "  ".join(f"{d:>22}" for d, _, _ in next(iter(table.values()))))
    for key, cells in sorted(table.items(), key=lambda kv: statistics.fmean(r for _, r, _ in kv[1])):
        print(f"{statistics.fmean(r for _, r, _ in cells):9.2f}  " + "  ".join(f"#{r:<3d} {v:17.4f}" for _, r, v in cells) + f"  {key}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="+")
    parser.add_argument("--across", action="store_true")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--csv")
    args = parser.parse_args()
    if args.across:
        across(args.directory)
        return
    args.directory = args.directory[0]
    rows, _ = ranked(args.directory)
    print(f"{args.directory}: {len(rows)} configurations, {sum(s['trials'] for _, s in rows)} trials")
    for key, s in rows[: args.top]:
        print(f"  acc {s['validAccuracy']:.4f}±{s['validAccuracy_sd']:.4f}  loss {s['validLoss']:.4f}±{s['validLoss_sd']:.4f}"
              f"  params {s['parameters']:.0f}  epochs {s['epochs']:.0f}  failed {s['failed']}/{s['trials']}  {key}")
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["configuration", *rows[0][1].keys()] if rows else [])
            for key, s in rows:
                writer.writerow([key, *s.values()])


if __name__ == "__main__":
    main()
