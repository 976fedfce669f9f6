"""Reference scores for DynPmnn.Metrics from scikit-learn 1.2.1.

Writes tests/DynPmnn.Tests/Fixtures/sklearn_metrics.json. Run from the repository root with Debian's scikit-learn:

    /usr/bin/python3 tests/reference/metrics.py

Every expected number is scikit-learn's own output. Specificity has no scikit-learn function: it is the recall of the
negative class (binary: recall_score with pos_label=0; multiclass: for each label present in y_true or y_pred, the
recall of "not that label"), averaged like the macro scores.
"""

import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    mean_absolute_error,
    mean_squared_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
)
from sklearn.utils.multiclass import unique_labels

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "DynPmnn.Tests", "Fixtures")

assert sklearn.__version__ == "1.2.1", sklearn.__version__

# zero_division="warn" (the default) gives 0 and warns; the warnings are expected here.
warnings.simplefilter("ignore", UndefinedMetricWarning)


def specificity(y_true, y_pred, classes, weights):
    if classes == 2:
        return recall_score(y_true, y_pred, pos_label=0, average="binary", sample_weight=weights)
    per_class = [
        recall_score((y_true != c).astype(int), (y_pred != c).astype(int), pos_label=1, average="binary", sample_weight=weights)
        for c in unique_labels(y_true, y_pred)
    ]
    return float(np.mean(per_class))


def classification_case(name, classes, y_true, y_pred, probabilities=None, weights=None):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    average = "binary" if classes == 2 else "macro"
    w = None if weights is None else np.asarray(weights, dtype=float)
    case = {
        "name": name,
        "classes": classes,
        "actual": y_true.tolist(),
        "predicted": y_pred.tolist(),
        "probabilities": None if probabilities is None else np.asarray(probabilities).tolist(),
        "weights": None if w is None else w.tolist(),
        "accuracy": accuracy_score(y_true, y_pred, sample_weight=w),
        "precision": precision_score(y_true, y_pred, average=average, sample_weight=w),
        "recall": recall_score(y_true, y_pred, average=average, sample_weight=w),
        "f1": f1_score(y_true, y_pred, average=average, sample_weight=w),
        "specificity": specificity(y_true, y_pred, classes, w),
        "confusion": confusion_matrix(y_true, y_pred, labels=list(range(classes)), sample_weight=w).astype(float).tolist(),
    }
    if probabilities is not None:
        p = np.asarray(probabilities, dtype=float)
        try:
            if classes == 2:
                case["rocAuc"] = roc_auc_score(y_true, p[:, 1], sample_weight=w)
            else:
                case["rocAuc"] = roc_auc_score(y_true, p, multi_class="ovr", average="macro", sample_weight=w)
        except ValueError as error:
            case["rocAucError"] = str(error)
    return {k: (float(v) if isinstance(v, np.floating) else v) for k, v in case.items()}


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def classification_cases():
    cases = []
    add = cases.append
    add(
        classification_case(
            "binary with tied scores",
            2,
            [0, 0, 1, 1, 0, 1, 1, 0, 1, 0],
            [0, 1, 1, 1, 0, 0, 1, 0, 1, 1],
            [[0.9, 0.1], [0.4, 0.6], [0.3, 0.7], [0.2, 0.8], [0.6, 0.4], [0.6, 0.4], [0.3, 0.7], [0.7, 0.3], [0.1, 0.9], [0.3, 0.7]],
        )
    )
    add(
        classification_case(
            "binary, positive class never predicted",
            2,
            [0, 1, 1, 0, 1, 0],
            [0, 0, 0, 0, 0, 0],
            [[0.8, 0.2], [0.6, 0.4], [0.7, 0.3], [0.9, 0.1], [0.55, 0.45], [0.75, 0.25]],
        )
    )
    add(
        classification_case(
            "binary, y_true all positive",
            2,
            [1, 1, 1, 1],
            [1, 0, 1, 1],
            [[0.2, 0.8], [0.6, 0.4], [0.1, 0.9], [0.3, 0.7]],
        )
    )
    add(classification_case("binary, all one class", 2, [0, 0, 0], [0, 0, 0], [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3]]))
    add(
        classification_case(
            "binary with sample weights and ties",
            2,
            [1, 0, 1, 0, 1, 0, 0, 1],
            [1, 0, 0, 0, 1, 1, 0, 1],
            [[0.25, 0.75], [0.5, 0.5], [0.5, 0.5], [0.75, 0.25], [0.0, 1.0], [0.5, 0.5], [0.25, 0.75], [0.25, 0.75]],
            [1.0, 2.0, 0.5, 1.5, 3.0, 0.25, 1.0, 2.0],
        )
    )
    add(
        classification_case(
            "three classes",
            3,
            [0, 1, 2, 2, 1, 0, 1, 2, 0, 1],
            [0, 2, 2, 2, 1, 0, 0, 1, 0, 1],
            [
                [0.8, 0.1, 0.1],
                [0.2, 0.3, 0.5],
                [0.1, 0.2, 0.7],
                [0.05, 0.15, 0.8],
                [0.25, 0.6, 0.15],
                [0.7, 0.2, 0.1],
                [0.5, 0.4, 0.1],
                [0.2, 0.45, 0.35],
                [0.6, 0.3, 0.1],
                [0.1, 0.7, 0.2],
            ],
        )
    )
    add(
        classification_case(
            "three classes, one never predicted",
            3,
            [0, 1, 2, 2, 1, 0],
            [0, 1, 1, 0, 1, 0],
            [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.3, 0.4, 0.3], [0.4, 0.3, 0.3], [0.1, 0.8, 0.1], [0.5, 0.25, 0.25]],
        )
    )
    add(
        classification_case(
            "three classes, one absent from y_true",
            3,
            [0, 1, 1, 0, 1, 0],
            [0, 2, 1, 2, 1, 0],
            [[0.6, 0.3, 0.1], [0.2, 0.3, 0.5], [0.3, 0.4, 0.3], [0.3, 0.3, 0.4], [0.1, 0.8, 0.1], [0.5, 0.25, 0.25]],
        )
    )
    add(classification_case("four classes, one absent from both", 4, [0, 1, 3, 3, 1, 0, 3], [0, 3, 3, 1, 1, 0, 3]))
    add(classification_case("three classes, all one class", 3, [2, 2, 2, 2], [2, 2, 2, 2]))
    add(
        classification_case(
            "three classes with sample weights and tied probabilities",
            3,
            [0, 1, 2, 0, 1, 2, 0, 1, 2],
            [0, 1, 1, 0, 2, 2, 1, 1, 2],
            [
                [0.5, 0.25, 0.25],
                [0.25, 0.5, 0.25],
                [0.25, 0.5, 0.25],
                [0.5, 0.25, 0.25],
                [0.25, 0.25, 0.5],
                [0.25, 0.25, 0.5],
                [0.25, 0.5, 0.25],
                [0.5, 0.25, 0.25],
                [0.25, 0.25, 0.5],
            ],
            [1.0, 0.5, 2.0, 1.5, 1.0, 0.75, 2.0, 1.0, 0.5],
        )
    )
    rng = np.random.RandomState(0)
    y = rng.randint(0, 3, size=200)
    probabilities = softmax(rng.normal(size=(200, 3)) + 1.5 * np.eye(3)[y])
    add(classification_case("200 rows of three classes", 3, y, probabilities.argmax(axis=1), probabilities))
    y = rng.randint(0, 2, size=150)
    positive = np.round(np.clip(0.5 + 0.3 * (2 * y - 1) + rng.normal(scale=0.3, size=150), 0, 1), 1)
    probabilities = np.stack([1 - positive, positive], axis=1)
    add(classification_case("150 binary rows, scores in tenths", 2, y, (positive >= 0.5).astype(int), probabilities))
    return cases


def regression_case(name, targets, predictions, weights=None):
    y = np.asarray(targets, dtype=float)
    p = np.asarray(predictions, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
        p = p[:, None]
    w = None if weights is None else np.asarray(weights, dtype=float)
    mse = mean_squared_error(y, p, sample_weight=w)
    return {
        "name": name,
        "targets": y.tolist(),
        "predictions": p.tolist(),
        "weights": None if w is None else w.tolist(),
        "mseRaw": mean_squared_error(y, p, sample_weight=w, multioutput="raw_values").tolist(),
        "rmseRaw": mean_squared_error(y, p, sample_weight=w, multioutput="raw_values", squared=False).tolist(),
        "maeRaw": mean_absolute_error(y, p, sample_weight=w, multioutput="raw_values").tolist(),
        "r2Raw": r2_score(y, p, sample_weight=w, multioutput="raw_values").tolist(),
        "mse": float(mse),
        # The authors' RMSE: the root of the uniformly averaged MSE.
        "rmse": float(np.sqrt(mse)),
        "mae": float(mean_absolute_error(y, p, sample_weight=w)),
        "r2": float(r2_score(y, p, sample_weight=w)),
    }


def regression_cases():
    rng = np.random.RandomState(1)
    cases = [
        regression_case("one output", [1.0, 3.0, 5.0], [1.0, 2.0, 3.0]),
        regression_case("two outputs", [[0.5, 10.0], [1.5, 12.0], [-2.0, 9.5], [3.0, 11.0]], [[0.0, 10.5], [1.0, 11.0], [-1.0, 9.0], [2.5, 12.5]]),
        regression_case(
            "two outputs with sample weights",
            [[0.5, 10.0], [1.5, 12.0], [-2.0, 9.5], [3.0, 11.0]],
            [[0.0, 10.5], [1.0, 11.0], [-1.0, 9.0], [2.5, 12.5]],
            [1.0, 0.5, 2.0, 3.0],
        ),
        regression_case("constant target predicted exactly", [[2.0, 1.0], [2.0, 2.0], [2.0, 3.0]], [[2.0, 1.5], [2.0, 2.0], [2.0, 2.0]]),
        regression_case("constant target missed", [[2.0, 1.0], [2.0, 2.0], [2.0, 3.0]], [[2.5, 1.5], [2.0, 2.0], [2.0, 2.0]]),
    ]
    targets = rng.normal(size=(50, 3)) * [1.0, 10.0, 100.0] + [0.0, 5.0, -50.0]
    predictions = targets + rng.normal(size=(50, 3)) * [0.3, 4.0, 60.0]
    cases.append(regression_case("fifty rows of three outputs", targets, predictions))
    cases.append(regression_case("fifty rows of three outputs, weighted", targets, predictions, rng.uniform(0.1, 2.0, size=50)))
    return cases


if __name__ == "__main__":
    fixture = {
        "source": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "classification": classification_cases(),
        "regression": regression_cases(),
    }
    path = os.path.join(FIXTURES, "sklearn_metrics.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(fixture, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)
