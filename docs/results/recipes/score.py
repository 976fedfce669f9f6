#!/usr/bin/env python3
"""The single test scoring of a chosen recipe: reads the final sweeps (authors' split, seeds 1-5; repeated splits,
split seeds 0-9) and prints, per data set, the validation score, the test metric median [min, max] and the
repeated-split mean ± sd beside the target. Run only after the recipe was chosen (analyze.py reads no test metric).
Usage: python3 score.py RUNS_DIR PREFIX   (RUNS_DIR/PREFIX-<dataset> and RUNS_DIR/PREFIX-repeated-<dataset>)
"""
import glob
import json
import os
import statistics
import sys

# The best of the paper's five baselines per data set (PAPER-DATASETS.md §4), in their averaging.
TARGETS = {
    "banknote": ("test_accuracy", "max", 1.0, "accuracy 1.0 (DNN)"),
    "breast-cancer": ("test_accuracy", "max", 53 / 57, "accuracy 0.9298 = 53/57 (NODE)"),
    "diabetes": ("test_batch32_mse", "min", 2150.6, "per-batch MSE at batch 32 2150.6 (DNN)"),
    "energy": ("test_batch32_mse", "min", 1.1685, "per-batch MSE at batch 32 1.1685 (DNN)"),
    "iris": ("test_accuracy", "max", 0.875, "accuracy 0.875 = 14/16 (tree)"),
    "california": ("test_rmse", "min", 0.554, "RMSE 0.554 (NODE)"),
}
ALSO = {"diabetes": ["test_mse"], "energy": ["test_mse"], "california": ["test_batch32_mse"]}


def records(directory):
    return [json.load(open(p)) for p in sorted(glob.glob(os.path.join(directory, "trials", "*.json")))]


def values(rs, metric):
    return [r["metrics"][metric] for r in rs if r["status"] == "done" and isinstance(r["metrics"].get(metric), (int, float))]


def fmt(x):
    return f"{x:.4f}" if abs(x) < 100 else f"{x:.1f}"


def main():
    runs, prefix = sys.argv[1], sys.argv[2]
    for dataset, (metric, direction, target, text) in TARGETS.items():
        final = os.path.join(runs, f"{prefix}-{dataset}")
        if not os.path.isdir(final):
            continue
        rs = records(final)
        failed = sum(r["status"] != "done" for r in rs)
        valid = values(rs, "validAccuracy") or values(rs, "validLoss")
        test = values(rs, metric)
        median = statistics.median(test)
        met = median >= target if direction == "max" else median <= target
        print(f"{dataset}: {len(rs)} runs, {failed} failed, parameters {values(rs, 'parameters')[0]:.0f}")
        print(f"  validation ({'accuracy' if values(rs, 'validAccuracy') else 'loss'}), authors' split: median {fmt(statistics.median(valid))} [{fmt(min(valid))}, {fmt(max(valid))}]")
        print(f"  test {metric}: median {fmt(median)} [{fmt(min(test))}, {fmt(max(test))}] per seed {', '.join(fmt(v) for v in test)}"
              f"  target {text}: {'met' if met else 'NOT met'}")
        for other in ALSO.get(dataset, []):
            o = values(rs, other)
            print(f"  test {other}: median {fmt(statistics.median(o))} [{fmt(min(o))}, {fmt(max(o))}]")
        repeated = os.path.join(runs, f"{prefix}-repeated-{dataset}")
        if os.path.isdir(repeated):
            rr = records(repeated)
            for m in [metric] + ALSO.get(dataset, []):
                v = values(rr, m)
                print(f"  repeated splits 0-9, test {m}: mean {fmt(statistics.fmean(v))} ± {fmt(statistics.stdev(v))} ({len(v)} splits)")


if __name__ == "__main__":
    main()
