"""The optional learned classifier: trained on an ACLED-format CSV, used when configured."""

import csv
import json
from pathlib import Path

import pytest

pytest.importorskip("sklearn", reason="the learned classifier needs the `learn` extra (scikit-learn)")

from conflictatlas.errors import ConflictAtlasError  # noqa: E402
from conflictatlas.extraction import learned  # noqa: E402

SENTENCES = Path(__file__).parent / "fixtures" / "sentences" / "subtypes.jsonl"


def _export(path: Path) -> Path:
    """An ACLED-format CSV of our own sentences (never ACLED data)."""
    rows = [json.loads(line) for line in SENTENCES.open(encoding="utf-8")]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["event_id_cnty", "event_type", "sub_event_type", "notes"])
        writer.writeheader()
        for number, row in enumerate(rows * 3):
            writer.writerow(
                {
                    "event_id_cnty": f"X{number}",
                    "event_type": row["event_type"],
                    "sub_event_type": row["sub_event_type"],
                    "notes": row["text"],
                }
            )
    return path


def test_train_and_classify(tmp_path, monkeypatch):
    report = learned.train(_export(tmp_path / "export.csv"), tmp_path / "model.joblib")
    assert report.classes == 25 and report.rows >= 300
    monkeypatch.setenv("CONFLICTATLAS_CLASSIFIER", str(report.path))
    learned._load.cache_clear()
    sub_type, probability = learned.classify("A suicide bomber blew himself up at the gate of the base.")
    assert sub_type == "Suicide bomb" and 0 < probability <= 1


def test_no_classifier_configured(monkeypatch):
    monkeypatch.delenv("CONFLICTATLAS_CLASSIFIER", raising=False)
    assert learned.classify("Anything at all.") is None


def test_export_without_notes_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ConflictAtlasError, match="no column notes"):
        learned.train(bad, tmp_path / "m.joblib")
