"""Writes Fixtures/datasets.json: the built-in data sets as scikit-learn 1.2.1 and pandas load them.

For each data set: its shape, feature and target names, class names and counts, and its first and last five rows of
features and targets rounded to float32 (how DynPmnn stores them), each value written as numpy's shortest text for
that float32, which reads back to the same float. For diabetes, every scaled feature value, so the C# scaling can be
checked bit for bit against load_diabetes's.

Run from the repository root: /usr/bin/python3 tests/reference/datasets.py
The data files are read from ../shared/data (see its README.md); the bundled scikit-learn files must be the same
bytes, which the script checks.
"""

import gzip
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn import datasets
from sklearn.datasets import _base

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
OUT = os.path.join(ROOT, "tests", "DynPmnn.Tests", "Fixtures", "datasets.json")
EDGE = 5


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def same_as_bundled(name, decompress=False):
    """The shared file must be the one scikit-learn's loader reads, or the fixture would describe other data."""
    with open(os.path.join(DATA, name), "rb") as f:
        shared = f.read()
    with open(os.path.join(os.path.dirname(datasets.__file__), "data", name), "rb") as f:
        bundled = f.read()
    if decompress:
        shared, bundled = gzip.decompress(shared), gzip.decompress(bundled)
    assert sha256(shared) == sha256(bundled), name


def f32(values):
    """Shortest text of each float32 value (numpy's round-trip repr)."""
    return [str(v) for v in np.asarray(values, dtype=np.float32).ravel()]


def rows(matrix):
    m = np.asarray(matrix, dtype=np.float64)
    if m.ndim == 1:
        m = m[:, None]
    return [f32(r) for r in m]


def describe(name, X, y, feature_names, target_names, class_names=None):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    entry = {
        "rows": int(X.shape[0]),
        "columns": int(X.shape[1]),
        "feature_names": list(feature_names),
        "target_names": list(target_names),
        "first_features": rows(X[:EDGE]),
        "last_features": rows(X[-EDGE:]),
        "first_targets": rows(y[:EDGE]),
        "last_targets": rows(y[-EDGE:]),
    }
    if class_names is not None:
        entry["class_names"] = [str(c) for c in class_names]
        entry["class_counts"] = [int((y == k).sum()) for k in range(len(class_names))]
    print(f"{name}: {X.shape[0]} x {X.shape[1]}", file=sys.stderr)
    return entry


def california():
    # fetch_california_housing reads a joblib cache of the raw columns it would have built from the archive; building
    # that cache from cal_housing.data exactly as the function does lets its own code derive the features.
    home = tempfile.mkdtemp()
    try:
        raw = np.loadtxt(os.path.join(DATA, "cal_housing.data"), delimiter=",")
        joblib.dump(raw[:, [8, 7, 2, 3, 4, 5, 6, 1, 0]], _base._pkl_filepath(home, "cal_housing.pkz"), compress=6)
        bunch = datasets.fetch_california_housing(data_home=home, download_if_missing=False)
    finally:
        shutil.rmtree(home)
    return describe("california", bunch.data, bunch.target, bunch.feature_names, ["MedHouseVal"])


def iris():
    same_as_bundled("iris.csv")
    bunch = datasets.load_iris()
    return describe("iris", bunch.data, bunch.target, bunch.feature_names, ["target"], bunch.target_names)


def breast_cancer():
    same_as_bundled("breast_cancer.csv")
    bunch = datasets.load_breast_cancer()
    return describe("breast-cancer", bunch.data, bunch.target, bunch.feature_names, ["target"], bunch.target_names)


def diabetes():
    same_as_bundled("diabetes_data_raw.csv.gz", decompress=True)
    same_as_bundled("diabetes_target.csv.gz", decompress=True)
    bunch = datasets.load_diabetes()
    raw = datasets.load_diabetes(scaled=False)
    # The data README's formula, which the C# loader follows, must equal scale()'s result bit for bit.
    X = raw.data
    formula = ((X - X.mean(0)) / X.std(0)) / 442 ** 0.5
    assert np.array_equal(formula, bunch.data), "the README's formula differs from load_diabetes"
    entry = describe("diabetes", bunch.data, bunch.target, bunch.feature_names, ["disease progression"])
    entry["all_scaled_features"] = rows(bunch.data)
    entry["first_raw_features"] = rows(raw.data[:EDGE])
    return entry


def banknote():
    frame = pd.read_csv(os.path.join(DATA, "data_banknote_authentication.txt"), header=None)
    X, y = frame.iloc[:, :4].to_numpy(), frame.iloc[:, 4].to_numpy()
    return describe("banknote", X, y, ["variance", "skewness", "curtosis", "entropy"], ["class"], ["0", "1"])


def energy():
    frame = pd.read_excel(os.path.join(DATA, "ENB2012_data.xlsx"))
    assert list(frame.columns) == [f"X{i}" for i in range(1, 9)] + ["Y1", "Y2"], list(frame.columns)
    X, y = frame.iloc[:, :8].to_numpy(), frame.iloc[:, 8:].to_numpy()
    names = [
        "relative compactness", "surface area", "wall area", "roof area",
        "overall height", "orientation", "glazing area", "glazing area distribution",
    ]
    return describe("energy", X, y, names, ["heating load", "cooling load"])


def main():
    fixture = {
        "generator": f"tests/reference/datasets.py with scikit-learn {sklearn.__version__}, numpy {np.__version__}, pandas {pd.__version__}",
        "datasets": {
            "california": california(),
            "iris": iris(),
            "breast-cancer": breast_cancer(),
            "diabetes": diabetes(),
            "banknote": banknote(),
            "energy": energy(),
        },
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    text = json.dumps(fixture, indent=1)
    # One line per row (an innermost list of values or names) keeps the file short and readable.
    text = re.sub(r'\[\s*("[^"]*"(?:,\s*"[^"]*")*)\s*\]', lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text)
    with open(OUT, "w") as f:
        f.write(text + "\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
