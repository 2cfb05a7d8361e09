"""An optional learned sub-event classifier, fitted on a user's own ACLED-format export.

ACLED's terms forbid building a competing product from its data, so no weights trained on it ship with
conflictatlas. Users who hold an ACLED licence may fit this component on their own export
(`conflictatlas train export.csv --out model.joblib`) and point `CONFLICTATLAS_CLASSIFIER` at the file:
the rules then still decide whether a sentence reports an event and who, where and when; the classifier
decides the sub-event type when it is confident. Needs the `learn` extra (scikit-learn).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.knowledge import load_json

#: the classifier overrides the rules' sub-type only above this probability
MIN_PROBABILITY = 0.6
TEXT_COLUMN, LABEL_COLUMN = "notes", "sub_event_type"


@dataclass(frozen=True)
class TrainReport:
    """What a training run saw and reached (accuracy on a held-out fifth of the rows)."""

    rows: int
    classes: int
    held_out_accuracy: float
    path: Path


def _sklearn():
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
    except ImportError as exc:
        raise ConflictAtlasError(
            "the learned classifier needs scikit-learn", hint='pip install -e ".[learn]"'
        ) from exc
    return TfidfVectorizer, LogisticRegression, make_pipeline


def read_export(path: Path) -> tuple[list[str], list[str]]:
    """(texts, labels) of an ACLED-format CSV: the `notes` and `sub_event_type` columns."""
    known = set(load_json("taxonomy.json")["sub_event_types"])
    texts, labels = [], []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {TEXT_COLUMN, LABEL_COLUMN} - set(reader.fieldnames or ())
            if missing:
                raise ConflictAtlasError(
                    f"{path}: no column {', '.join(sorted(missing))}", hint="give an ACLED-format CSV export"
                )
            for row in reader:
                text, label = (row.get(TEXT_COLUMN) or "").strip(), (row.get(LABEL_COLUMN) or "").strip()
                if text and label in known:
                    texts.append(text)
                    labels.append(label)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConflictAtlasError(f"{path}: cannot read ({exc})") from exc
    return texts, labels


def train(csv_path: Path, out: Path, *, seed: int = 13) -> TrainReport:
    """Fit TF-IDF + logistic regression on the export's notes, report held-out accuracy, save to `out`."""
    import joblib

    vectorizer, regression, make_pipeline = _sklearn()
    texts, labels = read_export(csv_path)
    if len(set(labels)) < 2 or len(texts) < 10:
        raise ConflictAtlasError(
            f"{csv_path}: too few labelled rows ({len(texts)}) to train on",
            hint="the export needs notes of at least two sub-event types",
        )
    order = sorted(range(len(texts)), key=lambda i: hash((seed, texts[i])) % 1000)
    cut = max(1, len(order) // 5)
    held, fit = order[:cut], order[cut:]

    def model():
        return make_pipeline(
            vectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True), regression(max_iter=2000, C=5.0)
        )

    probe = model().fit([texts[i] for i in fit], [labels[i] for i in fit])
    accuracy = sum(probe.predict([texts[i]])[0] == labels[i] for i in held) / len(held)
    final = model().fit(texts, labels)
    out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(final, out)
    return TrainReport(len(texts), len(set(labels)), accuracy, out)


@cache
def _load(path: str):
    import joblib

    _sklearn()
    try:
        return joblib.load(path)
    except (OSError, ValueError, EOFError) as exc:
        raise ConflictAtlasError(
            f"cannot load the classifier {path}: {exc}", hint="train one with `conflictatlas train`"
        ) from exc


def classify(text: str) -> tuple[str, float] | None:
    """(sub-event type, probability) from the configured classifier, or None when none is configured."""
    path = os.environ.get("CONFLICTATLAS_CLASSIFIER")
    if not path:
        return None
    model = _load(path)
    probabilities = model.predict_proba([text])[0]
    best = max(range(len(probabilities)), key=probabilities.__getitem__)
    return str(model.classes_[best]), float(probabilities[best])
