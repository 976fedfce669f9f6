#!/usr/bin/python3
"""Training time per epoch of the PyTorch references and of DynPmnn, measured side by side on this machine.

For each round and each model, runs the PyTorch reference (reference.py) and `dynpmnn train --preset P` for the same
number of epochs on the same data, one after the other (the order alternates from round to round), collects each
side's per-epoch wall times (shuffling + training + validation), skips epoch 1 of every run as warm-up, and prints
the medians side by side with the machine and the date. Every epoch's time goes to a CSV.

Both sides get the same number of threads: torch.set_num_threads(N) for PyTorch, and DOTNET_PROCESSOR_COUNT=N for
DynPmnn (whose parallel loops use all the processors .NET sees). N defaults to the cores this process may use.

    /usr/bin/python3 benchmarks/reference/side_by_side.py --rounds 3 --epochs 6
    /usr/bin/python3 benchmarks/reference/side_by_side.py --models pmnn,cfc --rounds 1 --epochs 3
"""

import argparse
import csv
import datetime
import glob
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import reference  # noqa: E402  (torch is imported by it; the driver itself needs only the standard library)

DEFAULT_MODELS = ["pmnn", "cfc", "node-rk4", "dnn", "deep"]
TITLES = {
    "pmnn": "paper DynPMNN (batch 32; Euler dt 5 x 2)",
    "cfc": "CfC (batch 256)",
    "node": "Neural ODE, dopri5 rtol 1e-7 / atol 1e-9 (batch 128)",
    "node-rk4": "Neural ODE, RK4 x 8 (batch 128)",
    "dnn": "DNN 512-256-128 (batch 32)",
    "deep": "dynpmnn-deep (batch 32)",
}


# ---------------------------------------------------------------------------------------------------------------------
# Reading the two programs' per-epoch lines. Each side's format is read in exactly one function.
# ---------------------------------------------------------------------------------------------------------------------

_REFERENCE_LINE = re.compile(r"^epoch (\d+) seconds ([0-9.eE+-]+) train_mse (\S+) valid_mse (\S+)")

# DynPmnn's progress line on standard error, as `dynpmnn train` prints it:
#   "  paper-dynpmnn  epoch   3/5  train MSE   0.5123  valid MSE   0.4988    0.002 s  *"
# and a plain key-value form ("epoch 3 seconds 0.0021 train_mse ... valid_mse ...") should the command offer one.
_DYNPMNN_LINE = re.compile(r"\bepoch\s+(\d+)\s*/\s*\d+\s+train MSE\s+(\S+)\s+valid MSE\s+(\S+)\s+([0-9.eE+-]+)\s*s\b")


def parse_reference_epoch(line):
    """(epoch, seconds, train MSE, valid MSE) from one line of reference.py, or None."""
    m = _REFERENCE_LINE.match(line.strip())
    return (int(m.group(1)), float(m.group(2)), _number(m.group(3)), _number(m.group(4))) if m else None


def parse_dynpmnn_epoch(line):
    """(epoch, seconds, train MSE, valid MSE) from one progress line of `dynpmnn train`, or None."""
    m = _DYNPMNN_LINE.search(line)
    if m:
        return int(m.group(1)), float(m.group(4)), _number(m.group(2)), _number(m.group(3))
    return parse_reference_epoch(line)


def _number(text):
    try:
        return float(text)
    except ValueError:
        return float("nan")


# ---------------------------------------------------------------------------------------------------------------------
# Running the two sides
# ---------------------------------------------------------------------------------------------------------------------


class Run:
    def __init__(self, side, model, round_, epochs, ok, wall, error=None):
        self.side, self.model, self.round, self.epochs, self.ok, self.wall, self.error = side, model, round_, epochs, ok, wall, error


def run_process(command, env, parse, stream, timeout):
    """Runs `command`, reads per-epoch lines from `stream` ('stdout' or 'stderr') with `parse`; returns (epochs, rc, tail)."""
    started = time.perf_counter()
    proc = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - started
    text = proc.stdout if stream == "stdout" else proc.stderr
    epochs = [e for e in (parse(line) for line in text.splitlines()) if e is not None]
    tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
    return epochs, proc.returncode, wall, tail


def run_reference(model, args, round_):
    command = args.pin + [sys.executable, os.path.join(HERE, "reference.py"), "--model", model, "--epochs", str(args.epochs),
               "--threads", str(args.threads), "--data", args.data, "--seed", str(round_), "--loader", args.loader]
    threads = str(args.threads)
    env = dict(os.environ, OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    return run_process(command, env, parse_reference_epoch, "stdout", args.timeout)


def run_dynpmnn(model, args, round_):
    preset = reference.MODELS[model][1]
    command = args.pin + ["dotnet", args.cli, "train", "--dataset", "california", "--preset", preset, "--data", args.data, "--epochs", str(args.epochs),
               "--no-early-stopping", "--seed", str(round_)] + args.progress_flag
    env = dict(os.environ, DOTNET_PROCESSOR_COUNT=str(args.threads), DOTNET_CLI_TELEMETRY_OPTOUT="1")
    return run_process(command, env, parse_dynpmnn_epoch, "stderr", args.timeout)


def build_cli():
    """Builds the command line in Release once and returns the path of DynPmnn.Cli.dll."""
    print("building: dotnet build src/DynPmnn.Cli -c Release", file=sys.stderr, flush=True)
    proc = subprocess.run(["dotnet", "build", "src/DynPmnn.Cli", "-c", "Release", "-nologo", "-v", "quiet"], cwd=REPO,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit("the DynPmnn command line did not build")
    found = sorted(glob.glob(os.path.join(REPO, "src", "DynPmnn.Cli", "bin", "Release", "*", "DynPmnn.Cli.dll")))
    if not found:
        raise SystemExit("built, but DynPmnn.Cli.dll is not under src/DynPmnn.Cli/bin/Release/")
    return found[-1]


def progress_flag(cli):
    """`--progress plain` if the command line offers it (then its lines are key-value), else nothing."""
    proc = subprocess.run(["dotnet", cli, "train", "--help"], cwd=REPO, capture_output=True, text=True)
    return ["--progress", "plain"] if re.search(r"--progress\b[^\n]*plain", proc.stdout + proc.stderr) else []


# ---------------------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------------------


def machine():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    flags = ""
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
        flags = "AVX-512" if " avx512f" in text else "AVX2" if " avx2" in text else ""
    except OSError:
        pass
    return cpu, flags


def dotnet_version():
    try:
        return subprocess.run(["dotnet", "--version"], capture_output=True, text=True, cwd=REPO).stdout.strip()
    except OSError:
        return "?"


def median(values):
    return statistics.median(values) if values else float("nan")


def spread(values):
    """'median [min, max]' with three significant digits, or '-' when nothing was timed."""
    return f"{median(values):.3g} [{min(values):.3g}, {max(values):.3g}]" if values else "-"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=",".join(DEFAULT_MODELS),
                        help=f"comma-separated, from {', '.join(reference.MODELS)} or 'all' (default: {','.join(DEFAULT_MODELS)}; "
                             "'node', the paper's dopri5, takes minutes per epoch in PyTorch)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each side per model (default 3)")
    parser.add_argument("--epochs", type=int, default=6, help="epochs per run; epoch 1 is skipped as warm-up (default 6)")
    parser.add_argument("--threads", type=int, default=reference.default_threads(), help="threads for both sides (default: the cores this process may use)")
    parser.add_argument("--data", help="cal_housing.data (default: $DYNPMNN_CAL_HOUSING, then ../shared/data/cal_housing.data)")
    parser.add_argument("--cli", help="a built DynPmnn.Cli.dll (default: build src/DynPmnn.Cli in Release first)")
    parser.add_argument("--pin", action="store_true", help="run both sides under taskset -c 0-(threads-1), on the same cores")
    parser.add_argument("--loader", choices=["index", "dataloader"], default="index", help="the reference's batching (see reference.py --help)")
    parser.add_argument("--csv", help="where the raw times go (default: benchmarks/reference/results/side-by-side-<time>.csv)")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the check that each reference computes what DynPmnn's preset computes (crosscheck.py)")
    parser.add_argument("--timeout", type=float, default=6 * 3600, help="seconds one run may take (default 6 h)")
    args = parser.parse_args(argv)

    models = list(reference.MODELS) if args.models == "all" else [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = [m for m in models if m not in reference.MODELS]
    if unknown:
        parser.error(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(reference.MODELS)}")
    if args.rounds < 1 or args.epochs < 2 or args.threads < 1:
        parser.error("need --rounds >= 1, --epochs >= 2 (epoch 1 is skipped) and --threads >= 1")
    args.data = os.path.abspath(reference.find_data(args.data))
    args.cli = os.path.abspath(args.cli) if args.cli else build_cli()
    args.progress_flag = progress_flag(args.cli)
    args.pin = ["taskset", "-c", f"0-{args.threads - 1}"] if args.pin else []

    started = datetime.datetime.now().astimezone()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    csv_path = args.csv or os.path.join(HERE, "results", f"side-by-side-{stamp}.csv")
    os.makedirs(os.path.dirname(os.path.abspath(csv_path)), exist_ok=True)
    cpu, isa = machine()
    cores = reference.default_threads()
    import torch
    header = (f"machine: {cpu}{' (' + isa + ')' if isa else ''}, {cores} cores; threads: {args.threads} "
              f"(torch.set_num_threads, DOTNET_PROCESSOR_COUNT); PyTorch {torch.__version__} (ATen {reference.cpu_capability()}, "
              f"BLAS {reference.warn_about_blas()}), .NET SDK {dotnet_version()}, Python {platform.python_version()}")
    print(header, flush=True)
    print(f"date: {started.isoformat(timespec='seconds')}; {args.rounds} round(s) x {args.epochs} epochs per side and model, "
          f"epoch 1 of every run skipped; reference batching: {args.loader}; "
          f"{'pinned to cores 0-' + str(args.threads - 1) if args.pin else 'not pinned'}; load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    if os.getloadavg()[0] > 0.5 * cores:
        print(f"warning: the machine is busy (load average {os.getloadavg()[0]:.1f} on {cores} cores): these times measure the "
              "contention as much as the programs; with several threads each, PyTorch waits on its OpenMP barriers. "
              "Measure on an idle machine.", flush=True)
    if not args.no_check:
        import crosscheck
        failed = crosscheck.run(models, args.cli, args.data)
        if failed:
            raise SystemExit(f"the references of {', '.join(failed)} do not compute what DynPmnn computes; not timing them")

    times = {m: {"pytorch": [], "dynpmnn": []} for m in models}
    runs = {m: {"pytorch": 0, "dynpmnn": 0} for m in models}
    failures = []
    with open(csv_path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["date", "cpu", "threads", "model", "preset", "side", "round", "epoch", "seconds", "train_mse", "valid_mse"])
        for round_ in range(1, args.rounds + 1):
            for model in models:
                sides = [("pytorch", run_reference), ("dynpmnn", run_dynpmnn)]
                if round_ % 2 == 0:
                    sides.reverse()
                for side, runner in sides:
                    try:
                        epochs, rc, wall, tail = runner(model, args, round_)
                    except subprocess.TimeoutExpired:
                        epochs, rc, wall, tail = [], "timeout", args.timeout, ""
                    complete = rc == 0 and len(epochs) == args.epochs
                    print(f"  round {round_}/{args.rounds}  {model:9s} {side:8s} {len(epochs)} epochs in {wall:7.1f} s"
                          + ("" if complete else f"  FAILED (exit {rc}): {tail}"), flush=True)
                    if not complete:
                        failures.append((model, side, round_, rc))
                    for epoch, seconds, train_mse, valid_mse in epochs:
                        writer.writerow([started.isoformat(timespec="seconds"), cpu, args.threads, model, reference.MODELS[model][1],
                                         side, round_, epoch, f"{seconds:.6f}", train_mse, valid_mse])
                        if epoch > 1:
                            times[model][side].append(seconds)
                    if complete:
                        runs[model][side] += 1
                    f.flush()

    print()
    print(f"Training time per epoch (14,464 shuffled rows + validation on 4,096), median [min, max] of epochs 2-{args.epochs} "
          f"over {args.rounds} round(s); {args.threads} thread(s) each side")
    columns = ["model", "preset", "PyTorch s/epoch", "DynPmnn s/epoch", "ratio", "runs (PyTorch/DynPmnn)", "epochs timed"]
    rows = []
    for model in models:
        t, d = times[model]["pytorch"], times[model]["dynpmnn"]
        ratio = median(t) / median(d) if t and d and median(d) > 0 else float("nan")
        rows.append([TITLES[model], reference.MODELS[model][1], spread(t), spread(d), f"{ratio:.1f}x" if ratio == ratio else "-",
                     f"{runs[model]['pytorch']}/{runs[model]['dynpmnn']}", f"{len(t)}/{len(d)}"])
    widths = [max(len(str(r[i])) for r in [columns] + rows) for i in range(len(columns))]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    print(f"ratio = PyTorch / DynPmnn. Load average at the end: {os.getloadavg()[0]:.2f}. Raw times: {os.path.relpath(csv_path)}")
    if failures:
        print("failed runs: " + ", ".join(f"{m} {s} round {r} (exit {rc})" for m, s, r, rc in failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
