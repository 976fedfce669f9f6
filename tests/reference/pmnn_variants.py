"""The authors' PMNN block in its per-data-set variants (PAPER-DATASETS.md §2.1), written in plain torch as their
src/PMNN.py computes it, evaluated in float64 with fixed weights and inputs: outputs and the gradients of a fixed
linear loss with respect to every parameter and the input. Writes tests/DynPmnn.Tests/Fixtures/pmnn_variants.json.

Run from the repository root: /usr/bin/python3 tests/reference/pmnn_variants.py
"""
import json
import math

import torch

torch.set_default_dtype(torch.float64)

# name, features, outputs, bounding (tanh after SiLU), dt, steps, clamp
VARIANTS = [
    ("banknote", 4, 2, True, 500.0, 1, 20.0),      # t_step 500, t_end 500: ceil(500/500) = 1 step
    ("iris", 4, 3, True, 5.0, 100, 20.0),          # t_step 5, t_end 500: 100 steps
    ("diabetes", 10, 1, False, 50.0, 2, 20.0),     # t_step = 2 steps over t_end 100: dt 50
    ("energy", 8, 2, False, 50.0, 1, None),        # dt 50, t_end 50, no clamp
    ("small-steps", 4, 2, True, 0.5, 8, 0.9),      # the clamp cuts some states and not others
]
A, B, G, I = 0.2, 0.02, 3.0, 0.0
BATCH = 12


def forward(x, linear, norm, head, bounding, dt, steps, clamp):
    h = torch.nn.functional.silu(norm(linear(x)))
    if bounding:
        h = torch.tanh(h) * 1.0
    v, w = h[:, 0], h[:, 1]
    for _ in range(steps):
        dv = I - v * (v - A) * (v - 1) - w
        dw = B * (v - G * w)
        v, w = v + dt * dv, w + dt * dw
        if clamp is not None:
            v = torch.clamp(v, -clamp, clamp)
            w = torch.clamp(w, -clamp, clamp)
    return head(torch.stack([v, w], dim=1))


cases = []
for index, (name, features, outputs, bounding, dt, steps, clamp) in enumerate(VARIANTS):
    torch.manual_seed(100 + index)
    linear = torch.nn.Linear(features, 2)
    norm = torch.nn.LayerNorm(2, eps=1e-5)
    with torch.no_grad():
        norm.weight.uniform_(0.5, 1.5)
        norm.bias.uniform_(-0.5, 0.5)
    head = torch.nn.Linear(2, outputs)
    # Inputs spread so that |h0 − h1| is sometimes small, where the LayerNorm over two units is not saturated.
    x = torch.randn(BATCH, features)
    x[: BATCH // 3] *= 0.002
    x.requires_grad_(True)
    y = forward(x, linear, norm, head, bounding, dt, steps, clamp)
    weights = torch.randn(BATCH, outputs)
    (y * weights).sum().backward()
    parameters = [linear.weight, linear.bias, norm.weight, norm.bias, head.weight, head.bias]
    cases.append({
        "name": name,
        "features": features,
        "outputs": outputs,
        "activation": "silu-tanh" if bounding else "silu",
        "dt": dt,
        "steps": steps,
        "clamp": clamp,
        "input": x.detach().flatten().tolist(),
        "parameters": [p.detach().flatten().tolist() for p in parameters],
        "output": y.detach().flatten().tolist(),
        "lossWeights": weights.flatten().tolist(),
        "parameterGradients": [p.grad.flatten().tolist() for p in parameters],
        "inputGradient": x.grad.flatten().tolist(),
    })
    assert all(math.isfinite(v) for v in cases[-1]["output"])

with open("tests/DynPmnn.Tests/Fixtures/pmnn_variants.json", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
print(f"{len(cases)} cases")
