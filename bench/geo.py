"""Benchmark of the geo stage on the geoparsing development sets (shared/bench/geoparse_*/dev.jsonl).

For each set, with the gold spans given and their coordinates withheld: accuracy within 161 km (a span
with no answer is wrong), country accuracy, exact GeoNames id where gold has one, mean/median error;
then end-to-end recognition (find_toponyms against the gold spans, overlap match), resolution speed and
peak memory. A context-free baseline (the most populous place of the name) runs on the same spans, so
the gain of context is visible. Writes bench/results/geo.md and geo.json.

    python bench/geo.py [--data PATH_OR_GLOB] [--no-recognition]
"""

from __future__ import annotations

import argparse
import glob
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conflictatlas.geo.gazetteer import FUZZY, Gazetteer, get_gazetteer
from conflictatlas.geo.resolve import distance_km, resolve_toponyms
from conflictatlas.model import Toponym

DEFAULT_DATA = "/work/shared/bench/geoparse_*/dev.jsonl"
RESULTS = Path(__file__).parent / "results"
TARGETS = {"geoparse_geowebnews": 0.95, "geoparse_lgl": 0.85}
KM = 161.0
ANALYSIS = "## Error analysis"

Resolver = Callable[[str, list[tuple[int, int]]], list[Toponym]]


def baseline(gaz: Gazetteer) -> Resolver:
    """Most populous exact name match, no context."""

    def resolve(text: str, spans: list[tuple[int, int]]) -> list[Toponym]:
        out = []
        for start, end in spans:
            name = text[start:end]
            matches = [m for m in gaz.lookup(name) if m.quality < FUZZY]
            best = max(matches, key=lambda m: m.entry.population, default=None)
            out.append(Toponym(start, end, name, gaz.place(best.entry) if best else None))
        return out

    return resolve


class CountryOf:
    """The country of a gold point: that of the nearest gazetteer town (gold rows rarely name it)."""

    def __init__(self, gaz: Gazetteer):
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for lat, lon, cc in gaz.towns(min_population=1000):
            self.cells.setdefault((int(lat // 1), int(lon // 1)), []).append((lat, lon, cc))
        self.by_name = {name.lower(): cc for cc, (name, _n, _r) in gaz.countries.items()}

    def __call__(self, gold: dict) -> str | None:
        if gold.get("country"):
            return self.by_name.get(gold["country"].lower())
        lat, lon = gold["lat"], gold["lon"]
        for radius in (1, 3):
            near = [
                p
                for dy in range(-radius, radius + 1)
                for dx in range(-radius, radius + 1)
                for p in self.cells.get((int(lat // 1) + dy, int(lon // 1) + dx), ())
            ]
            if near:
                return min(near, key=lambda p: distance_km(lat, lon, p[0], p[1]))[2]
        return None


def score_resolution(rows: list[dict], resolver: Resolver, country_of: CountryOf) -> dict:
    n = right = country_n = country_right = gid_n = gid_right = answered = 0
    wrong_country = wrong_place = 0  # errors (beyond 161 km) by cause, besides the unanswered spans
    errors: list[float] = []
    spans_total, seconds = 0, 0.0
    for row in rows:
        golds = [t for t in row["toponyms"] if t.get("lat") is not None]
        spans = [(t["start"], t["end"]) for t in golds]
        started = time.perf_counter()
        toponyms = resolver(row["text"], spans)
        seconds += time.perf_counter() - started
        spans_total += len(spans)
        for gold, toponym in zip(golds, toponyms, strict=True):
            n += 1
            place = toponym.place
            if place is not None:
                answered += 1
                km = distance_km(gold["lat"], gold["lon"], place.latitude, place.longitude)
                errors.append(km)
                right += km <= KM
            cc = country_of(gold)
            if cc is not None:
                country_n += 1
                country_right += place is not None and place.country_code == cc
            if place is not None and km > KM:
                if cc is not None and place.country_code != cc:
                    wrong_country += 1
                else:
                    wrong_place += 1
            if gold.get("geonameid"):
                gid_n += 1
                gid_right += place is not None and str(place.geonameid) == str(gold["geonameid"])
    return {
        "spans": n,
        "answered": answered,
        "errors": {"unanswered": n - answered, "wrong_country": wrong_country, "wrong_place": wrong_place},
        "acc161": right / n if n else 0.0,
        "country_acc": country_right / country_n if country_n else None,
        "geonameid_acc": gid_right / gid_n if gid_n else None,
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
        "toponyms_per_s": spans_total / seconds if seconds else None,
    }


def score_recognition(rows: list[dict], gaz: Gazetteer) -> dict:
    from conflictatlas.geo.recognize import find_toponyms
    from conflictatlas.nlp import get_nlp

    found = gold_n = hit_found = hit_gold = 0
    for row, doc in zip(rows, get_nlp("en").pipe(r["text"] for r in rows), strict=True):
        ours = find_toponyms(doc, gaz)
        golds = [(t["start"], t["end"]) for t in row["toponyms"]]
        found += len(ours)
        gold_n += len(golds)
        hit_found += sum(any(s < ge and gs < e for gs, ge in golds) for s, e in ours)
        hit_gold += sum(any(s < ge and gs < e for s, e in ours) for gs, ge in golds)
    precision = hit_found / found if found else 0.0
    recall = hit_gold / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def table(results: dict) -> str:
    head = (
        "| set | system | spans | acc@161km | country acc | geonameid acc | mean km | median km "
        "| toponyms/s | recog P | recog R | recog F1 |"
    )
    lines = [head, "|" + "---|" * 12]
    for name, res in results.items():
        for system in ("ours", "baseline"):
            r = res[system]
            rec = res.get("recognition") if system == "ours" else None
            lines.append(
                f"| {name} | {system} | {r['spans']} | {fmt(r['acc161'])} | {fmt(r['country_acc'])} "
                f"| {fmt(r['geonameid_acc'])} | {fmt(r['mean_km'], 0)} | {fmt(r['median_km'], 1)} "
                f"| {fmt(r['toponyms_per_s'], 0)} | {fmt(rec and rec['precision'])} "
                f"| {fmt(rec and rec['recall'])} | {fmt(rec and rec['f1'])} |"
            )
    lines += ["", "Errors of our resolution (spans beyond 161 km), by cause:", ""]
    lines += ["| set | unanswered | wrong country | right country, wrong place |", "|---|---|---|---|"]
    for name, res in results.items():
        e = res["ours"]["errors"]
        lines.append(f"| {name} | {e['unanswered']} | {e['wrong_country']} | {e['wrong_place']} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="a dev.jsonl file, or a glob of them")
    parser.add_argument("--no-recognition", action="store_true", help="skip the spaCy recognition step")
    args = parser.parse_args()
    paths = sorted(glob.glob(args.data))
    if not paths:
        print(f"no data at {args.data}: nothing to benchmark (the shared bench folder is absent)")
        return 0
    started = time.perf_counter()
    gaz = get_gazetteer()
    load_s = time.perf_counter() - started
    country_of = CountryOf(gaz)
    results: dict[str, dict] = {}
    for path in paths:
        name = Path(path).parent.name
        rows = [
            json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        results[name] = {
            "ours": score_resolution(rows, lambda t, s: resolve_toponyms(t, s, gazetteer=gaz), country_of),
            "baseline": score_resolution(rows, baseline(gaz), country_of),
        }
        if not args.no_recognition:
            results[name]["recognition"] = score_recognition(rows, gaz)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = table(results)
    summary = (
        f"gazetteer load {load_s:.2f} s (file {gaz.path.stat().st_size / 1e6:.0f} MB); "
        f"peak RSS {peak_mb:.0f} MB (including spaCy when recognition runs)"
    )
    print(text)
    print(summary)
    for name, target in TARGETS.items():
        if name in results:
            acc = results[name]["ours"]["acc161"]
            print(f"target {name} acc@161km >= {target}: {'met' if acc >= target else 'NOT met'} ({acc:.3f})")
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = RESULTS / "geo.md"
    # a hand-written error analysis at the end of the report survives reruns
    previous = report.read_text(encoding="utf-8") if report.exists() else ""
    analysis = previous[previous.index(ANALYSIS) :] if ANALYSIS in previous else ""
    report.write_text(
        f"# Geo benchmark (bench/geo.py)\n\n{text}\n\n{summary}\n" + (f"\n{analysis}" if analysis else ""),
        encoding="utf-8",
    )
    (RESULTS / "geo.json").write_text(
        json.dumps({"results": results, "load_s": load_s, "peak_rss_mb": peak_mb}, indent=2), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
