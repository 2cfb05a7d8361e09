"""Benchmark: the same event read from an original article and from its translation.

    python bench/multilingual.py [--data bench/corpus/multilingual]

For every pair of `parallel.jsonl` (an original, e.g. French, and its English translation), the main
event of each side (its highest-confidence event) is compared on type, date, place and actor1; the share of
pairs where each field agrees is printed per language pair, with accuracy against `gold.jsonl` per language
and texts/s per language. Writes bench/results/multilingual.md and .json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from unidecode import unidecode

from conflictatlas.errors import InputError
from conflictatlas.model import Article, Event
from conflictatlas.nlp import get_nlp
from conflictatlas.pipeline import process_article
from conflictatlas.read.text import new_article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "bench" / "corpus" / "multilingual"
RESULTS = ROOT / "bench" / "results"
FIELDS = ("event_type", "sub_event_type", "event_date", "location", "actor1")


def _main_event(article: Article) -> Event | None:
    try:
        events = process_article(article)
    except InputError:
        return None
    return max(events, key=lambda e: e.confidence) if events else None


def _fields(event: Event | None) -> dict:
    if event is None:
        return dict.fromkeys(FIELDS)
    record = event.to_record()
    return {field: record[field] for field in FIELDS}


def _same_place(a: Event | None, b: Event | None) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return False
    return a.place.geonameid == b.place.geonameid or a.place.location == b.place.location


#: (parallel file, gold file) per original language
CORPORA = {"fr": ("parallel.jsonl", "gold.jsonl"), "es": ("parallel_es.jsonl", "gold_es.jsonl")}


def run(data: Path, parallel: str, gold_file: str) -> dict:
    rows = [json.loads(line) for line in (data / parallel).open(encoding="utf-8") if line.strip()]
    gold = {g["pair_id"]: g for g in map(json.loads, (data / gold_file).open(encoding="utf-8"))}
    for language in {row["lang"] for row in rows}:
        get_nlp(language)  # load each pipeline before timing
    by_pair: dict[str, dict[str, Event | None]] = defaultdict(dict)
    seconds: dict[str, float] = defaultdict(float)
    texts: dict[str, int] = defaultdict(int)
    for row in rows:
        article = new_article(
            row["text"],
            title=row.get("title"),
            article_id=row["id"],
            published=date.fromisoformat(row["published"]),
        )
        started = time.perf_counter()
        by_pair[row["pair_id"]][row["lang"]] = _main_event(article)
        seconds[row["lang"]] += time.perf_counter() - started
        texts[row["lang"]] += 1
    agree: dict[str, int] = defaultdict(int)
    right: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    details = []
    for pair_id, sides in sorted(by_pair.items()):
        original = next(lang for lang in sides if lang != "en")
        a, b = _fields(sides[original]), _fields(sides.get("en"))
        same = {f: a[f] == b[f] and a[f] is not None for f in FIELDS}
        same["location"] = _same_place(sides[original], sides.get("en"))
        same["all"] = all(same[f] for f in ("event_type", "event_date", "location", "actor1"))
        for field, value in same.items():
            agree[field] += value
        for lang, fields in ((original, a), ("en", b)):
            for field in ("sub_event_type", "event_date", "location", "actor1"):
                got, expected = fields[field], gold[pair_id][field]
                if field == "location":  # "Culiacan" as ACLED writes it is the gold's "Culiacán"
                    got, expected = unidecode(got or ""), unidecode(expected or "")
                right[lang][field] += got == expected
        details.append({"pair": pair_id, original: a, "en": b, "agree": same})
    pairs = len(by_pair)
    return {
        "pairs": pairs,
        "agreement": {field: agree[field] / pairs for field in (*FIELDS, "all")},
        "gold_accuracy": {lang: {f: n / pairs for f, n in fields.items()} for lang, fields in right.items()},
        "texts_per_s": {lang: texts[lang] / seconds[lang] for lang in texts},
        "details": details,
    }


def table(result: dict, original: str) -> str:
    lines = [
        f"## {original} originals and their English translations ({result['pairs']} pairs)",
        "",
        "| field | original and translation agree |",
        "|---|---|",
    ]
    lines += [f"| {field} | {share:.2f} |" for field, share in result["agreement"].items()]
    lines += [
        "",
        "| language | sub-type vs gold | date vs gold | place vs gold | actor1 vs gold | texts/s |",
        "|---|---|---|---|---|---|",
    ]
    for lang, acc in sorted(result["gold_accuracy"].items()):
        lines.append(
            f"| {lang} | {acc['sub_event_type']:.2f} | {acc['event_date']:.2f} | {acc['location']:.2f} "
            f"| {acc['actor1']:.2f} | {result['texts_per_s'][lang]:.1f} |"
        )
    lines += ["", "Disagreements (original | translation):", ""]
    for d in result["details"]:
        if not d["agree"]["all"]:
            original = next(k for k in d if k not in {"pair", "en", "agree"})
            lines.append(f"- {d['pair']}: {_short(d[original])} | {_short(d['en'])}")
    return "\n".join(lines) + "\n"


def _short(fields: dict) -> str:
    return ", ".join(str(fields[f]) for f in ("sub_event_type", "event_date", "location", "actor1"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    results, sections = {}, ["# Multilingual benchmark (bench/multilingual.py)", ""]
    for original, (parallel, gold) in CORPORA.items():
        if not (args.data / parallel).exists():
            print(f"no parallel corpus {args.data / parallel}: skipped", file=sys.stderr)
            continue
        results[original] = run(args.data, parallel, gold)
        sections.append(table(results[original], original))
    text = "\n".join(sections)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "multilingual.md").write_text(text, encoding="utf-8")
    (RESULTS / "multilingual.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
