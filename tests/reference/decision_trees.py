"""Reference fixtures for the decision trees in src/DynPmnn/Trees.

For each of the five small data sets of the study (Banknote, Breast Cancer, Diabetes, Energy, Iris) this script
rebuilds the authors' data pipeline (loading, the stratified 70/20/10 split, float32 standardisation on the training
rows), runs the authors' full decision-tree grid with scikit-learn 1.2.1 and writes one JSON fixture per data set to
tests/DynPmnn.Tests/Fixtures/decision_trees/<name>.json with:

- the standardised float32 features and the targets of train, valid and test (float32 written as their shortest
  decimal that reads back to the same float32, plus a SHA-256 of the little-endian float32 bytes so a reader can
  prove it got every bit);
- for every configuration of the grid, in grid order: node count, depth, leaf count and the two validation
  scores the selection ranks by (accuracy and F1, or MSE and MAE);
- the selected configuration, its depth and leaves, its train/valid/test metrics and its export_text;
- for about twenty configurations spread over the grid, the whole tree (feature, threshold, children, values)
  and the test predictions (and class probabilities).

Run from the repository root: /usr/bin/python3 tests/reference/decision_trees.py
(scikit-learn 1.2.1, numpy 1.24, pandas 1.5 with openpyxl; the data sets in ../shared/data).
"""

import hashlib
import itertools
import json
import math
import os
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    mean_absolute_error,
    mean_squared_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
OUT = os.path.join(ROOT, "tests", "DynPmnn.Tests", "Fixtures", "decision_trees")

SEED = 42

# The authors' grids, in their itertools.product order.
CLASSIFIER_GRID = {
    "criterion": ["gini", "entropy"],
    "max_depth": [None, 2, 3, 4, 5, 10],
    "min_samples_split": [2, 5, 10],
    "min_samples_leaf": [1, 2, 5, 10],
    "max_features": [None, "sqrt", "log2"],
    "class_weight": [None, "balanced"],
    "ccp_alpha": [0.0, 0.001, 0.01],
}
REGRESSOR_GRID = {
    "criterion": ["squared_error", "friedman_mse", "absolute_error"],
    "max_depth": [None, 2, 3, 4, 5, 10],
    "min_samples_split": [2, 5, 10],
    "min_samples_leaf": [1, 2, 5, 10],
    "max_features": [None, "sqrt", "log2"],
    "ccp_alpha": [0.0, 0.001, 0.01],
}


def grid(spec):
    keys = list(spec)
    return [dict(zip(keys, values)) for values in itertools.product(*(spec[k] for k in keys))]


# ----------------------------------------------------------------------------------------------------------------
# The authors' data pipeline
# ----------------------------------------------------------------------------------------------------------------

def load(name):
    """Features as float32; targets int64 (classification) or float32 (regression)."""
    if name == "iris":
        d = load_iris()
        return d.data.astype(np.float32), d.target.astype(np.int64), list(d.feature_names), True
    if name == "breast_cancer":
        d = load_breast_cancer()
        return d.data.astype(np.float32), d.target.astype(np.int64), list(d.feature_names), True
    if name == "diabetes":
        d = load_diabetes()
        return d.data.astype(np.float32), d.target.astype(np.float32), list(d.feature_names), False
    if name == "banknote":
        df = pd.read_csv(os.path.join(DATA, "data_banknote_authentication.txt"), header=None)
        x = df.iloc[:, :4].values.astype(np.float32)
        y = df.iloc[:, 4].values.astype(np.int64)
        return x, y, ["variance", "skewness", "curtosis", "entropy"], True
    if name == "energy":
        df = pd.read_excel(os.path.join(DATA, "ENB2012_data.xlsx"), sheet_name=0)
        df = df.dropna(how="all").dropna(axis=1, how="all")
        features = [f"X{i}" for i in range(1, 9)]
        x = df[features].values.astype(np.float32)
        y = df[["Y1", "Y2"]].values.astype(np.float32)
        return x, y, features, False
    raise ValueError(name)


def split(x, y, classification):
    ratios = np.array([0.7, 0.2, 0.1])
    ratios = ratios / ratios.sum()
    train_ratio, valid_ratio, test_ratio = (float(r) for r in ratios)
    x_tv, x_test, y_tv, y_test = train_test_split(
        x, y, test_size=test_ratio, random_state=SEED, stratify=y if classification else None)
    x_train, x_valid, y_train, y_valid = train_test_split(
        x_tv, y_tv, test_size=valid_ratio / (train_ratio + valid_ratio), random_state=SEED,
        stratify=y_tv if classification else None)
    return x_train, x_valid, x_test, y_train, y_valid, y_test


def standardise(x_train, *others):
    # torch's mean and unbiased std over rows in float32; numpy's float32 arithmetic gives the same numbers.
    mean = x_train.mean(0)
    std = x_train.std(0, ddof=1)
    assert mean.dtype == np.float32 and std.dtype == np.float32
    scale = std + 1e-12
    return [((x - mean) / scale).astype(np.float32) for x in (x_train, *others)], mean, std


# ----------------------------------------------------------------------------------------------------------------
# The authors' selection rule
# ----------------------------------------------------------------------------------------------------------------

def f1(y_true, y_pred, n_classes):
    return f1_score(y_true, y_pred, average="binary" if n_classes == 2 else "macro")


def classifier_scores(model, x, y, n_classes):
    pred = model.predict(x)
    proba = model.predict_proba(x)
    average = "binary" if n_classes == 2 else "macro"
    if n_classes == 2:
        auc = roc_auc_score(y, proba[:, 1])
    else:
        auc = roc_auc_score(y, proba, multi_class="ovr", average="macro")
    return {
        "accuracy": accuracy_score(y, pred),
        "f1": f1_score(y, pred, average=average),
        "precision": precision_score(y, pred, average=average, zero_division=0),
        "recall": recall_score(y, pred, average=average, zero_division=0),
        "roc_auc": auc,
    }


def regressor_scores(model, x, y):
    pred = model.predict(x)
    return {
        "mse": mean_squared_error(y, pred),
        "mae": mean_absolute_error(y, pred),
        "r2": r2_score(y, pred),
    }


def better_classifier(candidate, best):
    """Max validation accuracy, then max validation F1, then min depth, then min leaves; ties keep the first."""
    if best is None:
        return True
    for key, sign in (("accuracy", 1), ("f1", 1), ("depth", -1), ("leaves", -1)):
        a, b = candidate[key] * sign, best[key] * sign
        if a != b:
            return a > b
    return False


def better_regressor(candidate, best):
    """Min validation MSE, then min validation MAE, then min depth, then min leaves; ties keep the first."""
    if best is None:
        return True
    for key in ("mse", "mae", "depth", "leaves"):
        if candidate[key] != best[key]:
            return candidate[key] < best[key]
    return False


# ----------------------------------------------------------------------------------------------------------------
# JSON writing: float32 as shortest round-trip decimals, float64 as Python's repr (shortest round-trip)
# ----------------------------------------------------------------------------------------------------------------

def f32(v):
    text = np.format_float_positional(np.float32(v), unique=True, trim="-")
    assert np.float32(float(text)) == np.float32(v) or (math.isnan(v))
    return text


def f64(v):
    v = float(v)
    assert math.isfinite(v), v
    return repr(v)


class Raw:
    """Pre-rendered JSON text, so float32 arrays keep their short form."""

    def __init__(self, text):
        self.text = text


def raw_matrix(a, fmt):
    a = np.asarray(a)
    if a.ndim == 1:
        return Raw("[" + ",".join(fmt(v) for v in a) + "]")
    return Raw("[" + ",".join("[" + ",".join(fmt(v) for v in row) + "]" for row in a) + "]")


def dump(value, indent=0):
    pad = " " * indent
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        items = [f'{pad}  {json.dumps(k)}: {dump(v, indent + 2)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list, Raw)) for v in value):
            return "[" + ", ".join(dump(v) for v in value) + "]"
        items = [pad + "  " + dump(v, indent + 2) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, float):
        return f64(value)
    if isinstance(value, (np.integer,)):
        return str(int(value))
    if isinstance(value, (np.floating,)):
        return f64(value)
    return json.dumps(value)


def sha256_f32(a):
    return hashlib.sha256(np.ascontiguousarray(a, dtype="<f4").tobytes()).hexdigest()


def tree_record(model):
    t = model.tree_
    value = t.value  # (nodes, outputs, classes)
    return {
        "node_count": int(t.node_count),
        "depth": int(model.get_depth()),
        "leaves": int(model.get_n_leaves()),
        "children_left": [int(v) for v in t.children_left],
        "children_right": [int(v) for v in t.children_right],
        "feature": [int(v) for v in t.feature],
        "threshold": raw_matrix(t.threshold, f64),
        "value": raw_matrix(value.reshape(value.shape[0], -1), f64),
    }


def spread(n_configs, step, offset):
    return sorted({(offset + i * step) % n_configs for i in range(n_configs // step)})


# ----------------------------------------------------------------------------------------------------------------

DATASETS = ["banknote", "breast_cancer", "diabetes", "energy", "iris"]


def run(name):
    x, y, feature_names, classification = load(name)
    x_train, x_valid, x_test, y_train, y_valid, y_test = split(x, y, classification)
    (x_train, x_valid, x_test), mean, std = standardise(x_train, x_valid, x_test)

    configs = grid(CLASSIFIER_GRID if classification else REGRESSOR_GRID)
    n_classes = len(np.unique(y_train)) if classification else 0
    rows, best, best_index = [], None, -1
    start = time.perf_counter()
    for index, params in enumerate(configs):
        if classification:
            model = DecisionTreeClassifier(random_state=SEED, **params).fit(x_train, y_train)
            pred = model.predict(x_valid)
            score = {"accuracy": accuracy_score(y_valid, pred), "f1": f1(y_valid, pred, n_classes)}
        else:
            model = DecisionTreeRegressor(random_state=SEED, **params).fit(x_train, y_train)
            pred = model.predict(x_valid)
            score = {"mse": mean_squared_error(y_valid, pred), "mae": mean_absolute_error(y_valid, pred)}
        score["depth"] = int(model.get_depth())
        score["leaves"] = int(model.get_n_leaves())
        rows.append((int(model.tree_.node_count), score))
        if (better_classifier if classification else better_regressor)(score, best):
            best, best_index = score, index
    seconds = time.perf_counter() - start

    params = configs[best_index]
    cls = DecisionTreeClassifier if classification else DecisionTreeRegressor
    model = cls(random_state=SEED, **params).fit(x_train, y_train)
    if classification:
        metrics = {part: classifier_scores(model, xs, ys, n_classes)
                   for part, xs, ys in (("train", x_train, y_train), ("valid", x_valid, y_valid),
                                        ("test", x_test, y_test))}
    else:
        metrics = {part: regressor_scores(model, xs, ys)
                   for part, xs, ys in (("train", x_train, y_train), ("valid", x_valid, y_valid),
                                        ("test", x_test, y_test))}

    # About twenty configurations spread over the grid (a stride that is prime to every radix of the grid, so
    # each parameter takes all its values), plus the selected one.
    step = 131 if classification else 97
    checked = spread(len(configs), step, 7)
    if best_index not in checked:
        checked.append(best_index)
    checked_params = [configs[i] for i in checked]
    for key, values in (CLASSIFIER_GRID if classification else REGRESSOR_GRID).items():
        seen = {json.dumps(p[key]) for p in checked_params}
        assert seen == {json.dumps(v) for v in values}, (name, key, seen)

    trees = []
    for index in checked:
        p = configs[index]
        m = cls(random_state=SEED, **p).fit(x_train, y_train)
        record = {"index": index, "params": p}
        record.update(tree_record(m))
        if classification:
            record["test_predictions"] = [int(v) for v in m.predict(x_test)]
            record["test_probabilities"] = raw_matrix(m.predict_proba(x_test), f64)
        else:
            pred = m.predict(x_test)
            record["test_predictions"] = raw_matrix(pred, f64)
        trees.append(record)

    def targets(a):
        return raw_matrix(a, str) if classification else raw_matrix(a, f32)

    fixture = {
        "name": name,
        "task": "classification" if classification else "regression",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "feature_names": feature_names,
        "classes": [int(c) for c in np.unique(y_train)] if classification else None,
        "outputs": 1 if y_train.ndim == 1 else int(y_train.shape[1]),
        "scaler_mean": raw_matrix(mean, f32),
        "scaler_std": raw_matrix(std, f32),
        "sha256": {
            "x_train": sha256_f32(x_train), "x_valid": sha256_f32(x_valid), "x_test": sha256_f32(x_test),
        },
        "x_train": raw_matrix(x_train, f32),
        "y_train": targets(y_train),
        "x_valid": raw_matrix(x_valid, f32),
        "y_valid": targets(y_valid),
        "x_test": raw_matrix(x_test, f32),
        "y_test": targets(y_test),
        "grid_columns": ["node_count", "depth", "leaves"]
        + (["valid_accuracy", "valid_f1"] if classification else ["valid_mse", "valid_mae"]),
        "grid": Raw("[\n" + ",\n".join(
            "    [" + ",".join([str(n), str(s["depth"]), str(s["leaves"])]
                           + [f64(s[k]) for k in (("accuracy", "f1") if classification else ("mse", "mae"))]) + "]"
            for n, s in rows) + "\n  ]"),
        "best": {
            "index": best_index,
            "params": params,
            "depth": int(model.get_depth()),
            "leaves": int(model.get_n_leaves()),
            "node_count": int(model.tree_.node_count),
            "metrics": metrics,
            "export_text": export_text(model, feature_names=feature_names),
        },
        "trees": trees,
    }
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, f"{name}.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(dump(fixture) + "\n")
    print(f"{name}: {len(x_train)}/{len(x_valid)}/{len(x_test)} rows, {len(configs)} fits in {seconds:.1f} s, "
          f"best #{best_index} {params} depth {best['depth']} leaves {best['leaves']} "
          f"{ {k: round(v, 6) for k, v in metrics['valid'].items()} } test "
          f"{ {k: round(v, 6) for k, v in metrics['test'].items()} } -> {os.path.relpath(path, ROOT)} "
          f"({os.path.getsize(path) // 1024} KiB)")


def main():
    assert sklearn.__version__ == "1.2.1", sklearn.__version__
    for name in sys.argv[1:] or DATASETS:
        run(name)


if __name__ == "__main__":
    main()
