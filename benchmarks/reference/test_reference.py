#!/usr/bin/python3
"""Checks of the PyTorch references: parameter counts, the split, the solvers and the FitzHugh–Nagumo steps against
hand-written arithmetic, the gradients through the solvers against finite differences, and, when the command line is
built (dotnet build src/DynPmnn.Cli -c Release), each reference with DynPmnn's weights against DynPmnn's own output.

    /usr/bin/python3 -m unittest discover -s benchmarks/reference -v
"""

import glob
import math
import os
import shutil
import sys
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402
from side_by_side import parse_dynpmnn_epoch, parse_reference_epoch  # noqa: E402


class ParameterCounts(unittest.TestCase):
    def test_counts_equal_the_readme(self):
        expected = {"pmnn": 25, "cfc": 42433, "node": 51203, "node-rk4": 51203, "dnn": 168961, "deep": 985}
        for name, count in expected.items():
            with self.subTest(model=name):
                self.assertEqual(reference.parameter_count(reference.build(name)), count)

    def test_pmnn_dynamics_are_buffers(self):
        model = reference.Pmnn()
        self.assertEqual({n for n, _ in model.named_buffers()}, {"a", "b", "g", "dt"})
        self.assertEqual(model.steps, 2)

    def test_cfc_weights_are_xavier_uniform(self):
        torch.manual_seed(0)
        cell = reference.Cfc().cell
        bound = math.sqrt(6.0 / (72 + 128))
        weight = cell.backbone[0].weight
        self.assertEqual(tuple(weight.shape), (128, 72))
        self.assertLessEqual(float(weight.abs().max()), bound)
        self.assertGreater(float(weight.abs().max()), 0.9 * bound)


@unittest.skipUnless(os.path.isfile(reference.DEFAULT_DATA) or os.environ.get("DYNPMNN_CAL_HOUSING"), "cal_housing.data not present")
class Split(unittest.TestCase):
    def test_sizes_and_scaling(self):
        x, y = reference.load_california_housing(reference.find_data(None))
        splits, sizes = reference.paper_split(x, y)
        self.assertEqual(sizes, (14489, 4102, 2049))
        self.assertEqual([len(s[0]) for s in splits], [14464, 4096, 2048])
        # Standardised with every training row, so the kept 14,464 are near, not exactly at, mean 0 and std 1.
        train = splits[0][0].double()
        self.assertLess(float(train.mean(0).abs().max()), 0.02)
        self.assertLess(float((train.std(0) - 1).abs().max()), 0.02)
        self.assertAlmostEqual(float(splits[0][1].mean()), 2.07, delta=0.05)


class FitzHughNagumo(unittest.TestCase):
    def test_euler_step_matches_the_formula(self):
        v, w, a, b, g, dt = 0.3, -0.1, 0.2, 0.02, 3.0, 5.0
        dv = -v * (v - a) * (v - 1) - w
        dw = b * (v - g * w)
        v1, w1 = reference.fhn_euler(torch.tensor(v, dtype=torch.float64), torch.tensor(w, dtype=torch.float64), a, b, g, dt, 1)
        self.assertAlmostEqual(float(v1), v + dt * dv, places=12)
        self.assertAlmostEqual(float(w1), w + dt * dw, places=12)

    def test_rk4_converges_to_a_fine_euler_solution(self):
        v0, w0 = torch.tensor([0.4], dtype=torch.float64), torch.tensor([0.1], dtype=torch.float64)
        coarse = reference.fhn_rk4(v0, w0, 0.2, 0.02, 3.0, 0.5, 6)
        fine = reference.fhn_euler(v0, w0, 0.2, 0.02, 3.0, 3.0 / 30000, 30000)
        self.assertAlmostEqual(float(coarse[0]), float(fine[0]), delta=1e-3)
        self.assertAlmostEqual(float(coarse[1]), float(fine[1]), delta=1e-3)


class Solvers(unittest.TestCase):
    def test_rk4_and_dopri5_solve_a_linear_system(self):
        # dy/dt = A y + t: compare with a very fine RK4 solution.
        torch.manual_seed(0)
        A = torch.randn(4, 4, dtype=torch.float64) * 0.7
        f = lambda t, y: y @ A.T + float(t)  # noqa: E731
        y0 = torch.randn(3, 4, dtype=torch.float64)
        exact = reference.rk4_fixed(f, y0, 2000)
        stats = reference.Dopri5Stats()
        self.assertLess(float((reference.dopri5(f, y0, 1e-10, 1e-12, stats=stats) - exact).abs().max()), 1e-8)
        self.assertGreater(stats.accepted, 3)
        self.assertLess(float((reference.rk4_fixed(f, y0, 8) - exact).abs().max()), 1e-3)

    def test_gradients_through_the_solvers(self):
        torch.manual_seed(1)
        field = reference.OdeField(3, 3).double()
        func = lambda t, h: field(torch.tensor(t, dtype=h.dtype), h)  # noqa: E731
        y0 = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
        self.assertTrue(torch.autograd.gradcheck(lambda y: reference.rk4_fixed(func, y, 4), (y0,)))
        # dopri5's step sizes are constants to the gradient, so finite differences agree only up to the tolerance.
        out = reference.dopri5(func, y0, 1e-10, 1e-12)
        (grad,) = torch.autograd.grad(out.sum(), y0)
        eps = 1e-6
        numeric = torch.zeros_like(y0)
        for i in range(y0.numel()):
            d = torch.zeros_like(y0).view(-1)
            d[i] = eps
            d = d.view_as(y0)
            with torch.no_grad():
                numeric.view(-1)[i] = (reference.dopri5(func, y0 + d, 1e-10, 1e-12).sum() - reference.dopri5(func, y0 - d, 1e-10, 1e-12).sum()) / (2 * eps)
        self.assertLess(float((grad - numeric).abs().max()), 1e-5)


class Training(unittest.TestCase):
    def test_each_model_trains_one_epoch_on_a_small_split(self):
        torch.manual_seed(2)
        x = torch.randn(256, 8)
        y = x[:, :1] * 0.5 + 2.0
        splits = [(x, y), (x[:128], y[:128]), (x[:64], y[:64])]
        for name in reference.MODELS:
            with self.subTest(model=name):
                lines = []

                class Out:
                    def write(self, text):
                        lines.append(text)

                    def flush(self):
                        pass

                reference.train(name, splits, 2, seed=3, out=Out())
                epochs = [parse_reference_epoch(line) for line in "".join(lines).splitlines()]
                epochs = [e for e in epochs if e]
                self.assertEqual([e[0] for e in epochs], [1, 2])
                self.assertTrue(all(math.isfinite(e[2]) and math.isfinite(e[3]) and e[1] > 0 for e in epochs))


CLI = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "DynPmnn.Cli", "bin", "Release", "*", "DynPmnn.Cli.dll")))


@unittest.skipUnless(CLI and shutil.which("dotnet") and (os.path.isfile(reference.DEFAULT_DATA) or os.environ.get("DYNPMNN_CAL_HOUSING")),
                     "needs the built command line (dotnet build src/DynPmnn.Cli -c Release) and cal_housing.data")
class AgainstDynPmnn(unittest.TestCase):
    def test_each_reference_computes_what_dynpmnn_computes(self):
        import crosscheck
        failed = crosscheck.run(["pmnn", "deep", "cfc", "dnn", "node-rk4", "node"], os.path.abspath(CLI[-1]), reference.find_data(None))
        self.assertEqual(failed, [])


class ProgressLines(unittest.TestCase):
    def test_dynpmnn_progress_line(self):
        line = "  paper-dynpmnn  epoch   3/5  train MSE   0.5123  valid MSE   0.4988    0.002 s  *"
        self.assertEqual(parse_dynpmnn_epoch(line), (3, 0.002, 0.5123, 0.4988))
        self.assertEqual(parse_dynpmnn_epoch("  dynpmnn-deep  epoch  12/100  train MSE   1.0000  valid MSE        -   12.500 s")[:2], (12, 12.5))
        self.assertIsNone(parse_dynpmnn_epoch("model: FitzHughNagumo×1 Euler dt 5 × 2"))

    def test_plain_lines(self):
        self.assertEqual(parse_dynpmnn_epoch("epoch 3 seconds 0.0021 train_mse 0.5 valid_mse 0.4"), (3, 0.0021, 0.5, 0.4))
        self.assertEqual(parse_reference_epoch("epoch 10 seconds 1.5 train_mse 0.5 valid_mse 0.4 accepted_steps 3")[:2], (10, 1.5))


if __name__ == "__main__":
    unittest.main()
