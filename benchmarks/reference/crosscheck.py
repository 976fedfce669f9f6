#!/usr/bin/python3
"""Checks that each PyTorch reference computes the same function as DynPmnn's preset, on the same data.

For each model: `dynpmnn train --preset P --epochs 1 --save FILE` trains one epoch and saves the weights (a
safetensors file); the reference loads them, by name, and evaluates the paper's validation MSE and test RMSE on its
own copy of the split. Both must agree with what the command printed, to its four decimals. This checks the data
pipeline (features, split, scaler, cut), every layer's arithmetic and layout, and the dynamical parameters'
parameterisation (softplus of the stored value) in one go.

    /usr/bin/python3 benchmarks/reference/crosscheck.py [--models pmnn,deep] [--cli PATH/DynPmnn.Cli.dll]
"""

import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference  # noqa: E402
import side_by_side  # noqa: E402


def read_safetensors(path):
    """{name: float32 tensor} from a safetensors file (little-endian F32 only, as DynPmnn writes)."""
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    base = 8 + length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        values = np.frombuffer(data[base + begin:base + end], dtype="<f4").reshape(entry["shape"])
        tensors[name] = torch.tensor(values.copy())
    return tensors


def _linear(ours, theirs):
    return {f"{ours}.weight": f"{theirs}.weight", f"{ours}.bias": f"{theirs}.bias"}


def _norm(ours, theirs):
    return {f"{ours}.weight": f"{theirs}.gamma", f"{ours}.bias": f"{theirs}.beta"}


# reference parameter name -> DynPmnn parameter name (layer index in the Sequential, then the parameter's own name)
NAMES = {
    "pmnn": {**_linear("encoder", "0"), **_norm("norm", "1"), **_linear("readout", "4")},
    "deep": {**_linear("dense1", "0"), **_norm("norm1", "1"), "g1": "3.G", **_linear("dense2", "4"), **_norm("norm2", "5"),
             "a2": "7.A", "b2": "7.B", "g2": "7.G", **_linear("readout", "8")},
    "cfc": {**_linear("cell.backbone.0", "0.backbone"), **_linear("cell.ff1", "0.ff1"), **_linear("cell.ff2", "0.ff2"),
            **_linear("cell.time_a", "0.time_a"), **_linear("cell.time_b", "0.time_b"), **_linear("readout", "1")},
    "node": {**_linear("encoder", "0"), **_norm("field.norm", "1.norm"), **_linear("field.mlp.0", "1.linear0"),
             **_linear("field.mlp.2", "1.linear1"), **_linear("field.mlp.4", "1.linear2"), **_linear("readout", "2")},
    "dnn": {**_linear("net.0", "0"), **_linear("net.2", "2"), **_linear("net.4", "4"), **_linear("net.6", "6")},
}
NAMES["node-rk4"] = NAMES["node"]


def load_weights(model, name, tensors):
    mapping = NAMES[name]
    params = dict(model.named_parameters())
    if set(mapping) != set(params):
        raise AssertionError(f"{name}: the mapping names {sorted(set(mapping) ^ set(params))} wrongly")
    if set(mapping.values()) != set(tensors):
        raise AssertionError(f"{name}: the file has {sorted(tensors)}, the mapping expects {sorted(mapping.values())}")
    with torch.no_grad():
        for ours, theirs in mapping.items():
            if tuple(params[ours].shape) != tuple(tensors[theirs].shape):
                raise AssertionError(f"{name}: {ours} is {tuple(params[ours].shape)}, {theirs} is {tuple(tensors[theirs].shape)}")
            params[ours].copy_(tensors[theirs])


def parse_result_table(stdout):
    """{column: value} of the one result row `dynpmnn train` prints (columns separated by two or more spaces)."""
    lines = [line for line in stdout.splitlines() if line.strip() and not line.startswith("saved:")]
    for i, line in enumerate(lines[:-2]):
        if "test RMSE" in line and set(lines[i + 1].replace(" ", "")) == {"-"}:
            header = re.split(r"\s{2,}", line.strip())
            row = re.split(r"\s{2,}", lines[i + 2].strip())
            return dict(zip(header, row))
    raise ValueError("no result table in the output:\n" + stdout)


def check(name, cli, data, splits, workdir):
    """(ok, message): DynPmnn's printed validation MSE and test RMSE against the reference's with the saved weights."""
    preset, batch_size = reference.MODELS[name][1], reference.MODELS[name][2]
    path = os.path.join(workdir, f"{preset}.safetensors")
    proc = subprocess.run(["dotnet", cli, "train", "--dataset", "california", "--preset", preset, "--data", data, "--epochs", "1", "--no-early-stopping",
                           "--quiet", "--save", path], capture_output=True, text=True)
    if proc.returncode != 0:
        return False, f"dynpmnn train failed: {proc.stderr.strip()[-500:]}"
    printed = parse_result_table(proc.stdout)
    # The column is "best valid loss" (the MSE for these regressions); older versions printed "best valid MSE".
    theirs_valid = float(printed.get("best valid loss", printed.get("best valid MSE")))
    theirs_rmse = float(printed["test RMSE"])

    model = reference.build(name)
    load_weights(model, name, read_safetensors(path))
    loss = torch.nn.MSELoss()
    (_, _), (xv, yv), (xt, yt) = splits
    ours_valid = reference.evaluate(model, loss, xv, yv, batch_size)
    ours_rmse = reference.evaluate(model, loss, xt, yt, batch_size) ** 0.5
    # Four printed decimals, and float32 sums in another order.
    ok = all(abs(a - b) <= 1e-4 + 1e-5 * abs(b) for a, b in ((ours_valid, theirs_valid), (ours_rmse, theirs_rmse)))
    return ok, (f"valid MSE {ours_valid:.6f} (DynPmnn {theirs_valid:.4f}), test RMSE {ours_rmse:.6f} (DynPmnn {theirs_rmse:.4f})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="pmnn,deep,cfc,dnn,node-rk4,node", help="comma-separated (default: all six)")
    parser.add_argument("--cli", help="a built DynPmnn.Cli.dll (default: build src/DynPmnn.Cli in Release first)")
    parser.add_argument("--data", help="cal_housing.data (default: $DYNPMNN_CAL_HOUSING, then ../shared/data/cal_housing.data)")
    args = parser.parse_args(argv)
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    for m in models:
        if m not in NAMES:
            parser.error(f"unknown model {m}")
    data = os.path.abspath(reference.find_data(args.data))
    cli = os.path.abspath(args.cli) if args.cli else side_by_side.build_cli()
    return 1 if run(models, cli, data) else 0


def run(models, cli, data):
    """Checks each model, printing one line each; returns the names of those that disagree."""
    x, y = reference.load_california_housing(data)
    splits, _ = reference.paper_split(x, y)
    failed = []
    print("check: each reference with the weights `dynpmnn train --epochs 1 --save` wrote, against what it printed", flush=True)
    with tempfile.TemporaryDirectory() as workdir:
        for name in models:
            ok, message = check(name, cli, data, splits, workdir)
            if not ok:
                failed.append(name)
            print(f"  {'ok  ' if ok else 'FAIL'}  {name:9s} {message}", flush=True)
    return failed


if __name__ == "__main__":
    sys.exit(main())
