"""Benchmark of the extract stage on the development sets (../shared/bench/ by default).

    python bench/extract.py [--data DIR] [--limit N]

- case2021_task2: short snippets, no publication date. The prediction for a snippet is its event with the
  highest confidence, or "no event". Sub-event macro-F1 over the 25 ACLED sub-types (a wrong prediction is a
  false positive of the predicted class and a false negative of the gold class), event-type accuracy over
  the conflict snippets, and the share of non-conflict snippets wrongly coded as an event.
- india_police_events: whole articles with publication dates. Per article, KILL = some event has
  fatalities > 0; ARREST = some event is Arrests; FORCE = state forces used force (an event initiated by
  state forces that is not a strategic development or a peaceful protest, or a protest met with force).
- texts/s of the extract stage (reading + analysis + extraction + locating + merging within the article).

Prints a table and writes bench/results/extract.md and extract.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from conflictatlas.errors import InputError
from conflictatlas.knowledge import load_json
from conflictatlas.model import Article
from conflictatlas.pipeline import process_article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench" / "results"
FORCE_TYPES = {"Protest with intervention", "Excessive force against protesters"}
NOT_FORCE = {"Strategic developments"}


def _events(article: Article) -> list:
    try:
        return process_article(article)
    except InputError:
        return []


def _rows(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit else rows


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def case2021(path: Path, limit: int | None) -> dict:
    """Sub-event classification of snippets, following shared/bench/README.md."""
    sub_types = list(load_json("taxonomy.json")["sub_event_types"])
    tp, fp, fn = Counter(), Counter(), Counter()
    type_right = conflict = non_conflict = false_events = 0
    confusion: Counter = Counter()
    rows = _rows(path, limit)
    started = time.perf_counter()
    for row in rows:
        events = _events(Article(id=row["id"], text=row["text"], language="en"))
        best = max(events, key=lambda e: e.confidence) if events else None
        predicted = best.sub_event_type if best else None
        gold = row["sub_event_type"]
        if gold is None:
            non_conflict += 1
            false_events += predicted is not None
            if predicted:
                fp[predicted] += 1
            continue
        conflict += 1
        type_right += best is not None and best.event_type == row["event_type"]
        if predicted == gold:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if predicted:
                fp[predicted] += 1
            confusion[(gold, predicted)] += 1
    elapsed = time.perf_counter() - started
    per_class = {c: _prf(tp[c], fp[c], fn[c]) for c in sub_types}
    return {
        "rows": len(rows),
        "event_type_accuracy": type_right / conflict if conflict else 0.0,
        "sub_event_macro_f1": sum(f for _, _, f in per_class.values()) / len(sub_types),
        "non_conflict_coded": false_events / non_conflict if non_conflict else 0.0,
        "per_class": per_class,
        "support": {c: tp[c] + fn[c] for c in sub_types},
        "confusions": [[g, p, n] for (g, p), n in confusion.most_common(15)],
        "texts_per_s": len(rows) / elapsed,
    }


def _has_force(events: list) -> bool:
    return any(
        e.sub_event_type in FORCE_TYPES
        or (e.inter1 == 1 and e.event_type not in NOT_FORCE and e.sub_event_type != "Peaceful protest")
        for e in events
    )


def india(path: Path, limit: int | None) -> dict:
    """Whole-article detection of killings, arrests and police force."""
    counts = {label: Counter() for label in ("KILL", "ARREST", "FORCE")}
    rows = _rows(path, limit)
    started = time.perf_counter()
    for row in rows:
        article = Article(id=row["id"], text=row["text"], url=row.get("url"), language="en",
                          published=_date(row.get("date")))
        events = _events(article)
        found = {
            "KILL": any(e.fatalities > 0 for e in events),
            "ARREST": any(e.sub_event_type == "Arrests" for e in events),
            "FORCE": _has_force(events),
        }
        for label, predicted in found.items():
            gold = label in row["labels"]
            counts[label]["tp" if predicted and gold else "fp" if predicted else "fn" if gold else "tn"] += 1
    elapsed = time.perf_counter() - started
    return {
        "rows": len(rows),
        **{label: _prf(c["tp"], c["fp"], c["fn"]) for label, c in counts.items()},
        "texts_per_s": len(rows) / elapsed,
    }


def _date(value: str | None):
    from conflictatlas.api import as_date

    return as_date(value) if value else None


def _table(case: dict | None, ipe: dict | None) -> str:
    lines = ["# Extract benchmark (bench/extract.py)", ""]
    if case:
        lines += [
            f"## case2021_task2 ({case['rows']} snippets, {case['texts_per_s']:.1f} texts/s)", "",
            "| measure | value |", "|---|---|",
            f"| event-type accuracy (conflict snippets) | {case['event_type_accuracy']:.3f} |",
            f"| sub-event macro-F1 (25 classes) | {case['sub_event_macro_f1']:.3f} |",
            f"| non-conflict snippets coded as events | {case['non_conflict_coded']:.3f} |", "",
            "| sub-event type | support | P | R | F1 |", "|---|---|---|---|---|",
        ]
        for name, (p, r, f) in sorted(case["per_class"].items(), key=lambda kv: kv[1][2]):
            lines.append(f"| {name} | {case['support'][name]} | {p:.2f} | {r:.2f} | {f:.2f} |")
        lines += ["", "Most frequent confusions (gold → predicted):", ""]
        lines += [f"- {g} → {p or 'no event'}: {n}" for g, p, n in case["confusions"]]
    if ipe:
        lines += [
            "", f"## india_police_events ({ipe['rows']} articles, {ipe['texts_per_s']:.1f} texts/s)", "",
            "| label | P | R | F1 |", "|---|---|---|---|",
        ]
        lines += [f"| {label} | {ipe[label][0]:.3f} | {ipe[label][1]:.3f} | {ipe[label][2]:.3f} |"
                  for label in ("KILL", "ARREST", "FORCE")]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the development sets")
    parser.add_argument("--limit", type=int, default=None, help="rows per set (default: all)")
    args = parser.parse_args()
    case_path = args.data / "case2021_task2" / "dev.jsonl"
    ipe_path = args.data / "india_police_events" / "dev.jsonl"
    if not case_path.exists() and not ipe_path.exists():
        print(f"no development sets under {args.data}: nothing to measure (give --data)", file=sys.stderr)
        return 0
    case = case2021(case_path, args.limit) if case_path.exists() else None
    ipe = india(ipe_path, args.limit) if ipe_path.exists() else None
    table = _table(case, ipe)
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract.md").write_text(table, encoding="utf-8")
    (RESULTS / "extract.json").write_text(json.dumps({"case2021_task2": case, "india_police_events": ipe},
                                                     indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
