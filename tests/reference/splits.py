"""Reference row orders for DynPmnn's ports of numpy's legacy permutations and scikit-learn's train_test_split.

Writes tests/DynPmnn.Tests/Fixtures/numpy_permutations.json and tests/DynPmnn.Tests/Fixtures/sklearn_splits.json.
Run from the repository root with Debian's numpy 1.24 and scikit-learn 1.2.1:

    /usr/bin/python3 tests/reference/splits.py
"""

import hashlib
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit, train_test_split

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
FIXTURES = os.path.join(ROOT, "tests", "DynPmnn.Tests", "Fixtures")

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert np.__version__.startswith("1.24"), np.__version__


def sha256_of_int64(values):
    return hashlib.sha256(np.asarray(values, dtype="<i8").tobytes()).hexdigest()


def permutation_case(n, seed, full):
    rng = np.random.RandomState(seed)
    values = rng.permutation(n)
    case = {"n": n, "seed": seed, "nextDouble": rng.rand()}
    if full:
        case["values"] = values.tolist()
    else:
        # Large permutations are pinned by their first and last values and a digest of the whole array
        # (SHA-256 of the values as little-endian 64-bit integers, numpy's own dtype for arange).
        case["head"] = values[:16].tolist()
        case["tail"] = values[-16:].tolist()
        case["sha256"] = sha256_of_int64(values)
    return case


def choice_case(n, size, seed):
    rng = np.random.RandomState(seed)
    values = rng.choice(n, size, replace=False)
    return {"n": n, "size": size, "seed": seed, "values": values.tolist(), "nextDouble": rng.rand()}


def shuffle_case(values, seed):
    rng = np.random.RandomState(seed)
    shuffled = np.array(values)
    rng.shuffle(shuffled)
    return {"seed": seed, "values": list(values), "shuffled": shuffled.tolist(), "nextDouble": rng.rand()}


def numpy_fixture():
    permutations = []
    for n in [0, 1, 2, 3, 5, 10, 17, 64, 100, 1000]:
        for seed in [0, 1, 42]:
            permutations.append(permutation_case(n, seed, full=True))
    # Past one MT19937 block (624 words) many times over, and every mask width up to 2^20.
    for n, seed in [(20640, 42), (100000, 7), (1048577, 2**32 - 1)]:
        permutations.append(permutation_case(n, seed, full=False))
    choices = [
        choice_case(n, size, seed)
        for n, size, seed in [(1, 1, 0), (1, 0, 0), (2, 1, 42), (3, 2, 42), (10, 3, 0), (10, 10, 5), (1000, 7, 123)]
    ]
    shuffles = [shuffle_case([10, 20, 30, 40, 50, 60, 70], 42), shuffle_case([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], 0)]
    return {
        "source": f"numpy {np.__version__} RandomState (legacy): permutation, choice(replace=False), shuffle",
        "permutations": permutations,
        "choices": choices,
        "shuffles": shuffles,
    }


def size_json(size):
    if size is None:
        return None
    if isinstance(size, float):
        return {"fraction": size}
    return {"rows": size}


def single_stage_case(name, rows, labels, test_size, train_size, seed):
    indices = np.arange(rows)
    stratify = None if labels is None else np.asarray(labels)
    kwargs = {"random_state": seed, "stratify": stratify}
    if test_size is not None:
        kwargs["test_size"] = test_size
    if train_size is not None:
        kwargs["train_size"] = train_size
    case = {
        "name": name,
        "rows": rows,
        "labels": None if labels is None else list(labels),
        "testSize": size_json(test_size),
        "trainSize": size_json(train_size),
        "seed": seed,
    }
    try:
        train, test = train_test_split(indices, **kwargs)
    except ValueError as error:
        case["error"] = str(error)
        return case
    # train_test_split hands its sizes to the splitter class as integers; the classes given the original sizes
    # must agree, so one fixture pins both.
    splitter = (
        ShuffleSplit(n_splits=1, test_size=test_size, train_size=train_size, random_state=seed)
        if labels is None
        else StratifiedShuffleSplit(n_splits=1, test_size=test_size, train_size=train_size, random_state=seed)
    )
    if test_size is not None or train_size is not None:
        cls_train, cls_test = next(splitter.split(indices, stratify))
        assert np.array_equal(cls_train, train) and np.array_equal(cls_test, test), name
    case["train"] = train.tolist()
    case["test"] = test.tolist()
    return case


def single_stage_cases():
    cases = []
    add = cases.append
    # Unstratified (ShuffleSplit).
    add(single_stage_case("two rows, half", 2, None, 0.5, None, 0))
    add(single_stage_case("ten rows, default size", 10, None, None, None, 42))
    add(single_stage_case("ten rows, test 0.25 rounds up", 10, None, 0.25, None, 42))
    add(single_stage_case("ten rows, test as a count", 10, None, 3, None, 42))
    add(single_stage_case("ten rows, train fraction only", 10, None, None, 0.55, 1))
    add(single_stage_case("ten rows, train count only", 10, None, None, 6, 1))
    add(single_stage_case("ten rows, both fractions leave rows out", 10, None, 0.3, 0.5, 3))
    add(single_stage_case("ten rows, both counts", 10, None, 2, 5, 3))
    add(single_stage_case("ten rows, test count train fraction", 10, None, 4, 0.3, 9))
    add(single_stage_case("1000 rows", 1000, None, 0.1, None, 123))
    # Stratified (StratifiedShuffleSplit).
    add(single_stage_case("three classes of three, tie for one extra", 9, [0, 1, 2] * 3, 0.5, None, 42))
    add(single_stage_case("three classes of three, other seed", 9, [2, 2, 2, 1, 1, 1, 0, 0, 0], 0.5, None, 7))
    add(single_stage_case("classes of two, unsorted labels", 6, [5, -1, 5, 7, -1, 7], 0.5, None, 0))
    add(single_stage_case("classes of two and three", 7, [1, 0, 1, 0, 0, 2, 2], 3, None, 42))
    add(single_stage_case("tie levels", 15, [0] * 5 + [1] * 3 + [2] * 3 + [3] * 2 + [4] * 2, 0.4, None, 11))
    add(single_stage_case("tie levels, train and test fractions", 15, [4, 3, 2, 1, 0] * 3, 0.4, 0.4, 5))
    add(single_stage_case("counts leave rows out", 12, [0, 1] * 6, 3, 5, 8))
    rng = np.random.RandomState(2024)
    for rows, classes, seed in [(50, 3, 0), (101, 4, 42), (333, 7, 9)]:
        labels = rng.randint(0, classes, size=rows)
        while np.bincount(labels, minlength=classes).min() < 2:
            labels = rng.randint(0, classes, size=rows)
        add(single_stage_case(f"{rows} random labels of {classes} classes", rows, labels.tolist(), 0.2, None, seed))
    # Stratified on a skewed binary label.
    add(single_stage_case("skewed binary", 40, [1] * 3 + [0] * 37, 0.25, None, 42))
    # Cases scikit-learn rejects.
    add(single_stage_case("test fraction zero", 10, None, 0.0, None, 0))
    add(single_stage_case("test fraction one", 10, None, 1.0, None, 0))
    add(single_stage_case("test count zero", 10, None, 0, None, 0))
    add(single_stage_case("test count all rows", 10, None, 10, None, 0))
    add(single_stage_case("train fraction one", 10, None, None, 1.0, 0))
    add(single_stage_case("train count too many", 10, None, None, 11, 0))
    add(single_stage_case("fractions over one", 10, None, 0.6, 0.5, 0))
    add(single_stage_case("counts over the rows", 10, None, 6, 5, 0))
    add(single_stage_case("empty train", 2, None, 0.6, None, 0))
    add(single_stage_case("class of one", 6, [0, 0, 0, 1, 1, 2], 0.5, None, 0))
    add(single_stage_case("test smaller than the classes", 8, [0, 0, 1, 1, 2, 2, 3, 3], 3, None, 0))
    add(single_stage_case("train smaller than the classes", 8, [0, 0, 1, 1, 2, 2, 3, 3], 5, None, 0))
    return cases


def three_way(rows, labels, seed, ratios=(0.7, 0.2, 0.1)):
    """The authors' two-stage split: test first, then validation from the rest, both with the same seed."""
    train_ratio, valid_ratio, test_ratio = ratios
    total = train_ratio + valid_ratio + test_ratio
    train_ratio, valid_ratio, test_ratio = train_ratio / total, valid_ratio / total, test_ratio / total
    indices = np.arange(rows)
    y = None if labels is None else np.asarray(labels)
    rest, test = train_test_split(indices, test_size=test_ratio, random_state=seed, stratify=y)
    train, valid = train_test_split(
        rest,
        test_size=valid_ratio / (train_ratio + valid_ratio),
        random_state=seed,
        stratify=None if y is None else y[rest],
    )
    return {"seed": seed, "train": train.tolist(), "validation": valid.tolist(), "test": test.tolist()}


def check_sha256(name, expected):
    with open(os.path.join(DATA, name), "rb") as f:
        actual = hashlib.sha256(f.read()).hexdigest()
    assert actual == expected, f"{name}: sha256 {actual}, README says {expected}"


def dataset_labels():
    """(name, rows, labels or None) of the five data sets, loaded as the experiments load them."""
    check_sha256("iris.csv", "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449")
    check_sha256("breast_cancer.csv", "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed")
    check_sha256("diabetes_data_raw.csv.gz", "fc08fc59c1cbfe65550d9ebb36321d505de9e8f004bf92c1566d2908962f08ff")
    check_sha256("data_banknote_authentication.txt", "d0539aaed2139ba7a587b3e34fb345ce503ff7d5d33dbf9912d8e195ce425cb9")
    check_sha256("ENB2012_data.xlsx", "0089fcffc1415e41e2ff63730cca5280efe54fc43d722dfde1b0aaa808e35dc4")

    iris = load_iris()
    cancer = load_breast_cancer()
    diabetes = load_diabetes()
    # scikit-learn's loaders read their bundled copies; those are the shared files (same bytes), so the labels
    # agree with the last column of the shared CSVs.
    for loaded, name in [(iris, "iris.csv"), (cancer, "breast_cancer.csv")]:
        shared = np.loadtxt(os.path.join(DATA, name), delimiter=",", skiprows=1)[:, -1].astype(int)
        assert np.array_equal(shared, loaded.target), name

    banknote = pd.read_csv(os.path.join(DATA, "data_banknote_authentication.txt"), header=None)
    banknote_labels = banknote[4].to_numpy()
    assert banknote_labels.dtype == np.int64

    energy = pd.read_excel(os.path.join(DATA, "ENB2012_data.xlsx"))
    energy = energy.dropna(how="all").dropna(axis=1, how="all")
    assert energy.shape == (768, 10), energy.shape

    return [
        ("Banknote", len(banknote_labels), banknote_labels),
        ("BreastCancer", len(cancer.target), cancer.target),
        ("Diabetes", len(diabetes.target), None),
        ("Energy", len(energy), None),
        ("Iris", len(iris.target), iris.target),
    ]


def splits_fixture():
    datasets = []
    for name, rows, labels in dataset_labels():
        datasets.append(
            {
                "name": name,
                "rows": rows,
                "labels": None if labels is None else labels.tolist(),
                "paper": three_way(rows, labels, 42),
                "repeats": [three_way(rows, labels, seed) for seed in range(10)],
            }
        )
    return {
        "source": f"scikit-learn {sklearn.__version__} train_test_split(shuffle=True, random_state=int), numpy {np.__version__}",
        "ratios": [0.7, 0.2, 0.1],
        "singleStage": single_stage_cases(),
        "datasets": datasets,
    }


def write(name, content):
    path = os.path.join(FIXTURES, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(content, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    write("numpy_permutations.json", numpy_fixture())
    write("sklearn_splits.json", splits_fixture())
