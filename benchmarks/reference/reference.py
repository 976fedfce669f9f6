#!/usr/bin/python3
"""PyTorch references of the paper's California Housing models, trained with the paper's protocol for timing.

Each model is written in plain PyTorch 1.13 as the authors' code defines it (see the project's docs/PAPER.md); the
solvers torchdiffeq would provide (adaptive dopri5 with its step-size controller, fixed-step RK4) are written out
here, backpropagated through the steps like `odeint` without the adjoint. The training loop is the paper's: MSE,
Adam with L2 weight decay 5e-3, batches reshuffled every epoch, validation on the 4,096 validation rows after each
epoch under no_grad. One line per epoch goes to standard output:

    epoch 3 seconds 0.481234 train_mse 0.512345 valid_mse 0.498765

where seconds is the wall time of the epoch: shuffling, training and validation, as DynPmnn's trainer times it.

    /usr/bin/python3 benchmarks/reference/reference.py --model pmnn --epochs 5 --threads 2

Models: pmnn, cfc, node (dopri5, rtol 1e-7 / atol 1e-9), node-rk4, dnn, deep. Only needs torch and numpy.
"""

import argparse
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn

# ---------------------------------------------------------------------------------------------------------------------
# Data: scikit-learn's California Housing features from the raw StatLib file, the paper's split and scaler.
# ---------------------------------------------------------------------------------------------------------------------

DEFAULT_DATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "cal_housing.data"))

FEATURES = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude"]


def find_data(path):
    """The file named, else $DYNPMNN_CAL_HOUSING, else ../shared/data/cal_housing.data next to the repository."""
    for candidate in (path, os.environ.get("DYNPMNN_CAL_HOUSING"), DEFAULT_DATA):
        if candidate and os.path.isfile(candidate):
            return candidate
    raise SystemExit(f"cal_housing.data not found (tried --data, $DYNPMNN_CAL_HOUSING, {DEFAULT_DATA})")


def load_california_housing(path):
    """The eight features and the target as scikit-learn's fetch_california_housing derives them, in float64."""
    raw = np.loadtxt(path, delimiter=",", dtype=np.float64)
    if raw.ndim != 2 or raw.shape[1] != 9:
        raise SystemExit(f"{path}: expected 9 comma-separated columns, got shape {raw.shape}")
    longitude, latitude, age, rooms, bedrooms, population, households, income, value = raw.T
    x = np.stack([
        income,                    # MedInc
        age,                       # HouseAge
        rooms / households,        # AveRooms
        bedrooms / households,     # AveBedrms
        population,                # Population
        population / households,   # AveOccup
        latitude,                  # Latitude
        longitude,                 # Longitude
    ], axis=1)
    y = value / 100000.0
    return x, y


def paper_split(x, y, seed=42, multiple=64):
    """r = RandomState(42).rand(n): train r <= 0.7, valid 0.7 < r <= 0.9, test the rest; scaler fitted to the
    whole training split (mean, unbiased std + 1e-12), then each split cut to a multiple of 64 rows. Float32 tensors;
    the target is not scaled."""
    r = np.random.RandomState(seed).rand(len(x))
    train = r <= 0.7
    valid = (r > 0.7) & (r <= 0.9)
    test = r > 0.9
    mean = x[train].mean(axis=0)
    std = x[train].std(axis=0, ddof=1)
    sizes = (int(train.sum()), int(valid.sum()), int(test.sum()))
    splits = []
    for mask in (train, valid, test):
        xs = (x[mask] - mean) / (std + 1e-12)
        ys = y[mask]
        keep = len(xs) // multiple * multiple
        splits.append((torch.tensor(xs[:keep], dtype=torch.float32), torch.tensor(ys[:keep], dtype=torch.float32).unsqueeze(1)))
    return splits, sizes


# ---------------------------------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------------------------------


def fhn_rhs(v, w, a, b, g):
    """FitzHugh–Nagumo in the paper's cubic form with I = 0: dv = −v(v − a)(v − 1) − w, dw = b(v − g w)."""
    return -v * (v - a) * (v - 1.0) - w, b * (v - g * w)


def fhn_euler(v, w, a, b, g, dt, steps):
    for _ in range(steps):
        dv, dw = fhn_rhs(v, w, a, b, g)
        v, w = v + dt * dv, w + dt * dw
    return v, w


def fhn_rk4(v, w, a, b, g, dt, steps):
    for _ in range(steps):
        k1v, k1w = fhn_rhs(v, w, a, b, g)
        k2v, k2w = fhn_rhs(v + 0.5 * dt * k1v, w + 0.5 * dt * k1w, a, b, g)
        k3v, k3w = fhn_rhs(v + 0.5 * dt * k2v, w + 0.5 * dt * k2w, a, b, g)
        k4v, k4w = fhn_rhs(v + dt * k3v, w + dt * k3w, a, b, g)
        v = v + dt / 6.0 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v)
        w = w + dt / 6.0 * (k1w + 2.0 * k2w + 2.0 * k3w + k4w)
    return v, w


class Pmnn(nn.Module):
    """The authors' PMNNBlock as it ran: Linear(8→2) → LayerNorm(2) → SiLU → (v0, w0) → FitzHugh–Nagumo, explicit
    Euler dt 5 × 2 steps, a = 0.2, b = 0.02, g = 3, I = 0 fixed buffers → Linear(2→1) on (v_T, w_T). 25 parameters."""

    def __init__(self, inputs=8, dt=5.0, t_end=10.0):
        super().__init__()
        self.encoder = nn.Linear(inputs, 2)
        self.norm = nn.LayerNorm(2)
        self.act = nn.SiLU()
        self.register_buffer("a", torch.tensor(0.2))
        self.register_buffer("b", torch.tensor(0.02))
        self.register_buffer("g", torch.tensor(3.0))
        self.register_buffer("dt", torch.tensor(dt))
        self.steps = int(round(t_end / dt))
        self.readout = nn.Linear(2, 1)

    def forward(self, x):
        z = self.act(self.norm(self.encoder(x)))
        v, w = fhn_euler(z[:, 0:1], z[:, 1:2], self.a, self.b, self.g, self.dt, self.steps)
        return self.readout(torch.cat([v, w], dim=1))


class LeCunTanh(nn.Module):
    def forward(self, x):
        return 1.7159 * torch.tanh(0.666 * x)


class CfcCell(nn.Module):
    """ncps' CfCCell in its default mode: backbone lecun_tanh(Linear([x, h])) of 128 units, heads ff1, ff2 and the
    time gate; Xavier-uniform init of every 2-D weight (biases keep nn.Linear's)."""

    def __init__(self, inputs, units, backbone_units=128):
        super().__init__()
        self.units = units
        self.backbone = nn.Sequential(nn.Linear(inputs + units, backbone_units), LeCunTanh())
        self.ff1 = nn.Linear(backbone_units, units)
        self.ff2 = nn.Linear(backbone_units, units)
        self.time_a = nn.Linear(backbone_units, units)
        self.time_b = nn.Linear(backbone_units, units)
        for w in self.parameters():
            if w.dim() == 2 and w.requires_grad:
                nn.init.xavier_uniform_(w)

    def forward(self, x, h, ts):
        z = self.backbone(torch.cat([x, h], dim=1))
        ff1 = torch.tanh(self.ff1(z))
        ff2 = torch.tanh(self.ff2(z))
        t_interp = torch.sigmoid(self.time_a(z) * ts + self.time_b(z))
        return ff1 * (1.0 - t_interp) + t_interp * ff2


class Cfc(nn.Module):
    """ncps.torch.CfC(8, 64) on a length-1 sequence from a zero state, time span 1, then Linear(64→1). 42,433 parameters."""

    def __init__(self, inputs=8, units=64):
        super().__init__()
        self.cell = CfcCell(inputs, units)
        self.readout = nn.Linear(units, 1)

    def forward(self, x):
        h = torch.zeros(x.shape[0], self.cell.units, dtype=x.dtype, device=x.device)
        h = self.cell(x, h, 1.0)
        return self.readout(h)


class OdeField(nn.Module):
    """The NODE's f(t, h) = MLP(LayerNorm([h, t])): Linear(H+1→H), then H→H, Tanh between, nothing after the last."""

    def __init__(self, hidden, layers):
        super().__init__()
        self.norm = nn.LayerNorm(hidden + 1)
        mods = []
        for i in range(layers):
            mods.append(nn.Linear(hidden + 1 if i == 0 else hidden, hidden))
            if i < layers - 1:
                mods.append(nn.Tanh())
        self.mlp = nn.Sequential(*mods)

    def forward(self, t, h):
        tt = torch.ones_like(h[:, :1]) * t
        return self.mlp(self.norm(torch.cat([h, tt], dim=1)))


def rk4_fixed(func, y0, steps):
    """Classic fourth-order Runge–Kutta over [0, 1] in equal steps, through autograd."""
    y = y0
    for i in range(steps):
        t0, t1 = i / steps, (i + 1) / steps
        h = t1 - t0
        k1 = func(t0, y)
        k2 = func(t0 + 0.5 * h, y + 0.5 * h * k1)
        k3 = func(t0 + 0.5 * h, y + 0.5 * h * k2)
        k4 = func(t1, y + h * k3)
        y = y + (h / 6.0) * (k1 + 2.0 * (k2 + k3) + k4)
    return y


# Dormand–Prince 5(4) with Shampine's midpoint for the quartic dense output, as torchdiffeq's dopri5.
DP_ALPHA = [1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0]
DP_BETA = [
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
]
DP_C_ERROR = [
    35 / 384 - 1951 / 21600, 0, 500 / 1113 - 22642 / 50085, 125 / 192 - 451 / 720,
    -2187 / 6784 + 12231 / 42400, 11 / 84 - 649 / 6300, -1 / 60,
]
DP_C_MID = [
    6025192743 / 30085553152 / 2, 0, 51252292925 / 65400821598 / 2, -2691868925 / 45128329728 / 2,
    187940372067 / 1594534317056 / 2, -1776094331 / 19743644256 / 2, 11237099 / 235043384 / 2,
]


def _combine(y, dt, coefficients, k):
    out = y
    for c, kj in zip(coefficients, k):
        if c != 0:
            out = out + (dt * c) * kj
    return out


def _rms(x):
    return float(x.pow(2).mean().sqrt())


class Dopri5Stats:
    def __init__(self):
        self.accepted = 0
        self.rejected = 0
        self.evaluations = 0


def dopri5(func, y0, rtol, atol, safety=0.9, ifactor=10.0, dfactor=0.2, max_steps=100000, stats=None):
    """torchdiffeq's odeint(func, y0, [0, 1], method='dopri5') for the value at t = 1, backpropagated through the
    accepted steps: Hairer's initial step (under no_grad), error ratio = RMS over the whole batch of
    err / (atol + rtol max(|y0|, |y1|)) under no_grad, controller h · min(ifactor, max(safety ratio^(−1/5), dfactor))
    with no shrinking after an accepted step, steps not clipped to t = 1 and the result read off the last step's
    quartic interpolant. Step sizes and times are float64; each stage's time is rounded to the state's dtype when the
    field is evaluated (torchdiffeq forms it in that dtype, and nudges the step's end time down by one ulp: both
    differences are in the last bit of t)."""
    calls = [0]

    def f(t, y):
        calls[0] += 1
        return func(t, y)

    t_end = 1.0
    f0 = f(0.0, y0)
    with torch.no_grad():
        scale = atol + torch.abs(y0) * rtol
        d0 = _rms(y0 / scale)
        d1 = _rms(f0 / scale)
        h0 = 1e-6 if d0 < 1e-5 or d1 < 1e-5 else 0.01 * d0 / d1
        f1 = f(h0, y0 + h0 * f0)
        d2 = _rms((f1 - f0) / scale) / h0
        if d1 <= 1e-15 and d2 <= 1e-15:
            h1 = max(1e-6, h0 * 1e-3)
        else:
            h1 = (0.01 / max(d1, d2)) ** (1.0 / 5.0)
        dt = min(100 * h0, h1)

    t0, t1, y, fy = 0.0, 0.0, y0, f0
    coeff = None
    steps = 0
    while t_end > t1:
        if steps >= max_steps:
            raise RuntimeError(f"dopri5: more than {max_steps} steps")
        steps += 1
        start, end = t1, t1 + dt
        if not end > start:
            raise RuntimeError(f"dopri5: step size underflow ({dt})")
        k = [fy]
        yi = y
        for i, (alpha, beta) in enumerate(zip(DP_ALPHA, DP_BETA)):
            ti = end if alpha == 1.0 else start + alpha * dt
            yi = _combine(y, dt, beta, k)
            k.append(f(ti, yi))
        y1 = yi  # first same as last: the sixth stage's state is the step's result
        with torch.no_grad():
            err = _combine(torch.zeros_like(y), dt, DP_C_ERROR, k)
            tol = atol + rtol * torch.max(y.abs(), y1.abs())
            ratio = _rms(err / tol)
        if ratio <= 1:
            y_mid = _combine(y, dt, DP_C_MID, k)
            fa, fb = k[0], k[-1]
            coeff = [
                y,
                dt * fa,
                dt * (fb - 4 * fa) - 11 * y - 5 * y1 + 16 * y_mid,
                dt * (5 * fa - 3 * fb) + 18 * y + 14 * y1 - 32 * y_mid,
                2 * dt * (fb - fa) - 8 * (y1 + y) + 16 * y_mid,
            ]
            t0, t1, y, fy = start, end, y1, fb
            if stats is not None:
                stats.accepted += 1
        elif stats is not None:
            stats.rejected += 1
        if ratio == 0:
            dt = dt * ifactor
        else:
            floor = 1.0 if ratio < 1 else dfactor
            dt = dt * min(ifactor, max(safety / ratio ** (1.0 / 5.0), floor))
    if stats is not None:
        stats.evaluations += calls[0]
    x = (t_end - t0) / (t1 - t0)
    total = coeff[0] + x * coeff[1]
    power = x
    for c in coeff[2:]:
        power = power * x
        total = total + power * c
    return total


class NeuralOde(nn.Module):
    """Linear(8→128) → odeint over [0, 1] of MLP(LayerNorm([h, t])) (3 layers, Tanh) → Linear(128→1). 51,203 parameters.
    solver 'dopri5' (the paper's, rtol 1e-7, atol 1e-9) or 'rk4' (classic RK4 in `steps` equal steps)."""

    def __init__(self, inputs=8, hidden=128, layers=3, solver="dopri5", steps=8, rtol=1e-7, atol=1e-9):
        super().__init__()
        self.encoder = nn.Linear(inputs, hidden)
        self.field = OdeField(hidden, layers)
        self.readout = nn.Linear(hidden, 1)
        self.solver, self.steps, self.rtol, self.atol = solver, steps, rtol, atol
        self.stats = Dopri5Stats()

    def _f(self, t, h):
        return self.field(torch.tensor(t, dtype=h.dtype), h)

    def forward(self, x):
        h0 = self.encoder(x)
        if self.solver == "rk4":
            h1 = rk4_fixed(self._f, h0, self.steps)
        else:
            h1 = dopri5(self._f, h0, self.rtol, self.atol, stats=self.stats)
        return self.readout(h1)


class Dnn(nn.Module):
    """8 → 512 → 256 → 128 → 1 with ReLU. 168,961 parameters."""

    def __init__(self, inputs=8, hidden=(512, 256, 128)):
        super().__init__()
        mods, width = [], inputs
        for size in hidden:
            mods += [nn.Linear(width, size), nn.ReLU()]
            width = size
        mods.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*mods)

    def forward(self, x):
        return self.net(x)


def inverse_softplus(y):
    return y if y > 20 else math.log(math.expm1(y))


def positive(raw):
    """softplus with PyTorch's (and DynPmnn's) threshold 20."""
    return nn.functional.softplus(raw)


class DeepPmnn(nn.Module):
    """The project's `dynpmnn-deep` preset, 985 parameters:
    Dense(8→32) → LayerNorm → tanh → 32 FitzHugh–Nagumo units, v0 from the features, w0 = 0, RK4 dt 0.5 × 6, g trained
    per unit as softplus(θ) (from 3), v read out;
    Dense(32→16) → LayerNorm → tanh → 8 units, (v0, w0) from the features (unit u takes features 2u, 2u+1), explicit
    Euler dt 0.5 × 4, a trained (from 0.2), b and g trained positive (softplus, from 0.02 and 3), (v, w) read out per
    unit → Dense(16→1). I = 0 throughout."""

    def __init__(self, inputs=8, wide=32, small=8):
        super().__init__()
        self.dense1 = nn.Linear(inputs, wide)
        self.norm1 = nn.LayerNorm(wide)
        self.g1 = nn.Parameter(torch.full((wide,), inverse_softplus(3.0)))
        self.register_buffer("a1", torch.tensor(0.2))
        self.register_buffer("b1", torch.tensor(0.02))
        self.dense2 = nn.Linear(wide, 2 * small)
        self.norm2 = nn.LayerNorm(2 * small)
        self.a2 = nn.Parameter(torch.full((small,), 0.2))
        self.b2 = nn.Parameter(torch.full((small,), inverse_softplus(0.02)))
        self.g2 = nn.Parameter(torch.full((small,), inverse_softplus(3.0)))
        self.readout = nn.Linear(2 * small, 1)
        self.small = small

    def forward(self, x):
        v = torch.tanh(self.norm1(self.dense1(x)))
        v, _ = fhn_rk4(v, torch.zeros_like(v), self.a1, self.b1, positive(self.g1), 0.5, 6)
        z = torch.tanh(self.norm2(self.dense2(v))).view(-1, self.small, 2)
        v2, w2 = fhn_euler(z[:, :, 0], z[:, :, 1], self.a2, positive(self.b2), positive(self.g2), 0.5, 4)
        return self.readout(torch.stack([v2, w2], dim=2).view(-1, 2 * self.small))


# name: (builder, DynPmnn preset, batch size, learning rate, trainable parameters as the README gives them)
MODELS = {
    "pmnn": (lambda: Pmnn(), "paper-dynpmnn", 32, 5e-4, 25),
    "cfc": (lambda: Cfc(), "paper-cfc", 256, 5e-3, 42433),
    "node": (lambda: NeuralOde(solver="dopri5"), "paper-node", 128, 5e-4, 51203),
    "node-rk4": (lambda: NeuralOde(solver="rk4", steps=8), "node-rk4", 128, 5e-4, 51203),
    "dnn": (lambda: Dnn(), "paper-dnn", 32, 5e-4, 168961),
    "deep": (lambda: DeepPmnn(), "dynpmnn-deep", 32, 1e-3, 985),
}


def parameter_count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def build(name):
    builder, _, _, _, expected = MODELS[name]
    model = builder()
    count = parameter_count(model)
    assert count == expected, f"{name}: {count} trainable parameters, expected {expected}"
    return model


# ---------------------------------------------------------------------------------------------------------------------
# Training, timed per epoch
# ---------------------------------------------------------------------------------------------------------------------


def evaluate(model, loss_fn, x, y, batch_size):
    """Mean of the per-batch MSE over consecutive batches, under no_grad (the paper's validation)."""
    model.eval()
    total, batches = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(x), batch_size):
            total += float(loss_fn(model(x[start:start + batch_size]), y[start:start + batch_size]))
            batches += 1
    return total / batches


def train(name, splits, epochs, seed, loader="index", out=sys.stdout):
    """Trains `name` for `epochs` epochs with the paper's protocol (no early stopping) and prints one line per epoch."""
    _, preset, batch_size, lr, _ = MODELS[name]
    (x_train, y_train), (x_valid, y_valid), _ = splits
    torch.manual_seed(seed)
    model = build(name)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=5e-3, betas=(0.9, 0.999))
    loss_fn = nn.MSELoss()
    if loader == "dataloader":
        data_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_train, y_train), batch_size=batch_size, shuffle=True)
    n = len(x_train)
    print(f"# model {name} preset {preset} parameters {parameter_count(model)} batch {batch_size} lr {lr:g} "
          f"threads {torch.get_num_threads()} loader {loader} train_rows {n} valid_rows {len(x_valid)} torch {torch.__version__} "
          f"cpu_capability {cpu_capability()} blas {blas_library().replace(' ', '')}", file=out, flush=True)
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        model.train()
        total, batches = 0.0, 0
        if loader == "dataloader":
            batches_iter = data_loader
        else:
            order = torch.randperm(n)
            batches_iter = ((x_train[idx], y_train[idx]) for idx in order.split(batch_size))
        for xb, yb in batches_iter:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        train_mse = total / batches
        valid_mse = evaluate(model, loss_fn, x_valid, y_valid, batch_size)
        seconds = time.perf_counter() - started
        extra = ""
        if isinstance(model, NeuralOde) and model.solver == "dopri5":
            s = model.stats
            extra = f" accepted_steps {s.accepted} rejected_steps {s.rejected} evaluations {s.evaluations}"
            model.stats = Dopri5Stats()
        print(f"epoch {epoch} seconds {seconds:.6f} train_mse {train_mse:.6f} valid_mse {valid_mse:.6f}{extra}", file=out, flush=True)
    return model


def blas_library():
    """The BLAS library this process has mapped after a matrix product (PyTorch's Linear layers run on it)."""
    torch.ones(2, 2) @ torch.ones(2, 2)
    names = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                base = os.path.basename(path).lower()
                if ("blas" in base or "mkl" in base or "blis" in base) and path not in names:
                    names.append(path)
    except OSError:
        return "unknown"
    return ", ".join(names) if names else "built in"


def cpu_capability():
    """The kernel set ATen dispatches to (DEFAULT, AVX2, AVX512), from torch's build summary."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def warn_about_blas():
    blas = blas_library()
    if "/blas/libblas" in blas or "/lapack/" in blas:
        print(f"warning: PyTorch runs on the reference (netlib) BLAS, {blas}; its Linear layers are many times slower "
              "than with OpenBLAS. On Debian: apt-get install libopenblas0-openmp", file=sys.stderr, flush=True)
    return blas


def default_threads():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, choices=sorted(MODELS), help="which reference to train")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=default_threads(), help="torch.set_num_threads (default: the cores this process may use)")
    parser.add_argument("--data", help="cal_housing.data (default: $DYNPMNN_CAL_HOUSING, then ../shared/data/cal_housing.data)")
    parser.add_argument("--seed", type=int, default=1, help="torch.manual_seed: initialisation and shuffling")
    parser.add_argument("--loader", choices=["index", "dataloader"], default="index",
                        help="index: a randperm of the rows each epoch, batches by indexing (default); "
                             "dataloader: torch.utils.data.DataLoader(TensorDataset, shuffle=True), the authors' loop")
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.threads < 1:
        parser.error("--epochs and --threads must be at least 1")
    torch.set_num_threads(args.threads)
    warn_about_blas()
    path = find_data(args.data)
    x, y = load_california_housing(path)
    splits, sizes = paper_split(x, y)
    if len(x) == 20640:
        assert sizes == (14489, 4102, 2049), f"split sizes {sizes}, expected (14489, 4102, 2049)"
        assert tuple(len(s[0]) for s in splits) == (14464, 4096, 2048)
    train(args.model, splits, args.epochs, args.seed, args.loader)


if __name__ == "__main__":
    main()
