#!/usr/bin/env python3
"""Rewrites a results.json written by DynPmnn 0.1 (mixed-case names, nulls for NaN, no titles in runs) into the
schema of docs/results-schema.md, so the figures of an earlier study can be drawn again without training again.

usage: python3 docs/results/migrate-0.1-results.py docs/results/paper-5seeds/results.json
"""
import json
import math
import sys


def camel(name):
    return name[:1].lower() + name[1:]


def convert(value):
    if isinstance(value, dict):
        return {camel(k): convert(v) for k, v in value.items() if k != "Summary"}
    if isinstance(value, list):
        return [convert(v) for v in value]
    return value


def number(value):
    return math.nan if value is None else value


def main(path):
    with open(path, encoding="utf-8") as f:
        old = json.load(f)
    if "runs" in old and old["runs"] and "preset" in old["runs"][0]:
        print(f"{path} is already in the current schema")
        return
    models = [
        {
            "preset": m["preset"],
            "title": m["title"],
            "model": convert(m["model"]),
            "protocol": convert(m["protocol"]),
            "paperTestRmse": m.get("paperTestRmse"),
            "paperParameters": m.get("paperParameters"),
        }
        for m in old["models"]
    ]
    titles = {m["preset"]: m["title"] for m in models}
    runs = []
    for r in old["runs"]:
        history = r.get("history", [])
        best = min((h["ValidationLoss"] for h in history if h["ValidationLoss"] is not None), default=None)
        runs.append({
            "preset": r["Preset"],
            "title": titles[r["Preset"]],
            "seed": r["Seed"],
            "parameters": r["Parameters"],
            "epochs": r["Epochs"],
            "bestEpoch": r["BestEpoch"],
            "trainingSeconds": r["TrainingSeconds"],
            "medianEpochSeconds": number(r["MedianEpochSeconds"]),
            "bestValidationMse": number(r["BestValidationMse"]),
            "testRmse": number(r["TestRmse"]),
            "testMae": number(r["TestMae"]),
            "testR2": number(r["TestR2"]),
            "bestValidationAccuracy": None,
            "testMetrics": {},
            "error": r["Error"],
            "history": [
                {
                    "epoch": h["Epoch"],
                    "trainLoss": number(h["TrainLoss"]),
                    "validationLoss": h["ValidationLoss"],
                    "seconds": h["Seconds"],
                    "isBest": h["ValidationLoss"] is not None and h["ValidationLoss"] == best,
                    "validationAccuracy": None,
                }
                for h in history
            ],
            "stabilityWarnings": r.get("StabilityWarnings", []),
        })
    new = {"experiment": old["experiment"], "models": models, "runs": runs}
    text = json.dumps(new, indent=2, ensure_ascii=False, allow_nan=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"{path}: {len(runs)} runs of {len(models)} models rewritten")


if __name__ == "__main__":
    main(sys.argv[1])
