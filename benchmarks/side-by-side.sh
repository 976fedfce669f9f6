#!/usr/bin/env bash
# Training time per epoch of the PyTorch references and of DynPmnn, measured side by side on this machine.
# Needs the .NET SDK and PyTorch (on Debian: apt-get install python3-torch libopenblas0-openmp).
# All arguments go to benchmarks/reference/side_by_side.py; see benchmarks/reference/README.md.
#   benchmarks/side-by-side.sh                                   # 3 rounds x 6 epochs of pmnn, cfc, node-rk4, dnn, deep
#   benchmarks/side-by-side.sh --models pmnn,cfc --rounds 1 --epochs 3
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-/usr/bin/python3}" benchmarks/reference/side_by_side.py "$@"
