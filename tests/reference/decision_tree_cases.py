"""Small random cases for the decision trees in src/DynPmnn/Trees, built to reach the corners the study's data
sets may miss: tied and nearly tied feature values (closer than the splitter's 1e-7), constant and repeated
columns, very large magnitudes, labels that are not 0..k-1, class weights, two outputs, random seeds, integer
max_features, and export_text's options.

Writes tests/DynPmnn.Tests/Fixtures/decision_trees/cases.json: for each case the float32 features, the targets,
the parameters, scikit-learn 1.2.1's whole tree (children, feature, threshold, impurity, weighted counts,
values) and export_text with random options.

Run from the repository root: /usr/bin/python3 tests/reference/decision_tree_cases.py
"""

import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "DynPmnn.Tests", "Fixtures", "decision_trees", "cases.json")
CASES = 100


def f32(v):
    return np.format_float_positional(np.float32(v), unique=True, trim="-")


def column(rng, n, previous):
    kind = rng.randint(0, 7)
    if kind == 0:  # constant
        return np.full(n, rng.randn())
    if kind == 1:  # three values
        return rng.randint(0, 3, n) * 0.5 - 0.3
    if kind == 2:  # continuous
        return rng.randn(n)
    if kind == 3:  # many ties
        return np.round(rng.randn(n), 1)
    if kind == 4:  # neighbouring float32 values around 0.5, 6e-8 apart: closer than the splitter's 1e-7
        return 0.5 + rng.randint(0, 4, n) * 2.0 ** -24
    if kind == 5:  # huge magnitudes: the threshold is a sum of halves
        return rng.choice([-3e38, -1e30, 0.0, 1e30, 3e38], n)
    return previous.copy() if previous is not None else rng.randn(n)  # a repeated column


def case(rng, index):
    n = rng.randint(8, 80)
    d = rng.randint(1, 6)
    columns, previous = [], None
    for _ in range(d):
        previous = column(rng, n, previous)
        columns.append(previous)
    x = np.column_stack(columns).astype(np.float32)
    classification = index % 2 == 0
    params = {
        "max_depth": [None, None, 1, 3, 5][rng.randint(0, 5)],
        "min_samples_split": [2, 3, 5, 10][rng.randint(0, 4)],
        "min_samples_leaf": [1, 1, 2, 3, 5][rng.randint(0, 5)],
        "max_features": [None, "sqrt", "log2", 1, d][rng.randint(0, 5)],
        "ccp_alpha": [0.0, 0.0, 0.0, 0.001, 0.01, 0.05][rng.randint(0, 6)],
        "random_state": int(rng.randint(0, 2 ** 31)),
    }
    if classification:
        label_set = [[0, 1], [0, 1, 2], [1, 3, 4], [0, 1, 2, 3]][rng.randint(0, 4)]
        y = np.array(label_set)[rng.randint(0, len(label_set), n)]
        if rng.rand() < 0.5:  # labels that follow a feature, so the tree has something to find
            y = np.array(label_set)[(x[:, 0] > np.median(x[:, 0])).astype(int) % len(label_set)]
            flip = rng.rand(n) < 0.2
            y[flip] = np.array(label_set)[rng.randint(0, len(label_set), flip.sum())]
        params["criterion"] = ["gini", "entropy"][rng.randint(0, 2)]
        params["class_weight"] = [None, "balanced"][rng.randint(0, 2)]
        model = DecisionTreeClassifier(**params).fit(x, y)
        y_json = [int(v) for v in y]
        outputs = 1
    else:
        outputs = 1 + rng.randint(0, 2)
        y = np.round(rng.randn(n, outputs) * 10, 2).astype(np.float32)
        if rng.rand() < 0.3:
            y = np.round(y)
        params["criterion"] = ["squared_error", "friedman_mse", "absolute_error"][rng.randint(0, 3)]
        model = DecisionTreeRegressor(**params).fit(x, y[:, 0] if outputs == 1 else y)
        y_json = [f32(v) for v in y.ravel()]
    t = model.tree_
    names = [f"f{j}" for j in range(d)] if rng.rand() < 0.5 else None
    text_options = {
        "max_depth": int(rng.randint(0, 4)),
        "spacing": int(rng.randint(1, 5)),
        "decimals": int(rng.randint(0, 5)),
    }
    if classification:
        text_options["show_weights"] = bool(rng.rand() < 0.5)
    return {
        "task": "classification" if classification else "regression",
        "rows": int(n),
        "columns": int(d),
        "outputs": outputs,
        "x": "[" + ",".join(f32(v) for v in x.ravel()) + "]",
        "y": "[" + ",".join(str(v) for v in y_json) + "]",
        "params": params,
        "node_count": int(t.node_count),
        "depth": int(model.get_depth()),
        "leaves": int(model.get_n_leaves()),
        "children_left": [int(v) for v in t.children_left],
        "children_right": [int(v) for v in t.children_right],
        "feature": [int(v) for v in t.feature],
        "threshold": "[" + ",".join(repr(float(v)) for v in t.threshold) + "]",
        "impurity": "[" + ",".join(repr(float(v)) for v in t.impurity) + "]",
        "weighted_n_node_samples": "[" + ",".join(repr(float(v)) for v in t.weighted_n_node_samples) + "]",
        "value": "[" + ",".join(repr(float(v)) for v in t.value.ravel()) + "]",
        "feature_names": names,
        "text_options": text_options,
        "export_text": export_text(model, feature_names=names, **text_options),
    }


def main():
    assert sklearn.__version__ == "1.2.1", sklearn.__version__
    # Columns near the float32 maximum overflow numpy's median of them; harmless here.
    warnings.simplefilter("ignore", RuntimeWarning)
    rng = np.random.RandomState(20230124)
    cases = [case(rng, i) for i in range(CASES)]
    raw_keys = {"x", "y", "threshold", "impurity", "weighted_n_node_samples", "value"}
    lines = []
    for c in cases:
        fields = [f"{json.dumps(k)}: {v if k in raw_keys else json.dumps(v)}" for k, v in c.items()]
        lines.append("  {" + ", ".join(fields) + "}")
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n" + ",\n".join(lines) + "\n]\n")
    kinds = {}
    for c in cases:
        key = (c["params"]["criterion"], c["params"].get("class_weight"))
        kinds[key] = kinds.get(key, 0) + 1
    print(f"{len(cases)} cases, {os.path.getsize(OUT) // 1024} KiB -> {os.path.relpath(OUT, ROOT)}; {kinds}")
    print("nodes per tree:", sorted(c["node_count"] for c in cases))


if __name__ == "__main__":
    main()
