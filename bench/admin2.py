"""Benchmark of the district (admin2) inference of geo/districts.py.

GeoNames ties ~200,000 towns to their district; the inference never sees those ties for the towns it
fills, so they are the test: the ties are withheld (all of them, then all but a fifth), the inference
runs as on a country without them, and its district is compared with GeoNames'. Reported for all tied
towns, for towns that are a district's seat, for the others, and weighted by population (events happen
where people live); then how many towns have a district before and after the inference in the countries
that GeoNames leaves without. Writes bench/results/admin2.md and admin2.json.

    python bench/admin2.py
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from pathlib import Path

from conflictatlas.geo import districts, sources

RESULTS = Path(__file__).parent / "results"
KNOWN_SHARES = (0.0, 0.2)
KNOWN_SEED = 7
#: countries of conflict news where GeoNames ties few towns to a district
FOCUS = ("SY", "SO", "SD", "SS", "ML", "NE", "ET", "LB", "LY", "PS", "IR", "CM", "TD", "MZ")


def _load() -> tuple[list[sources.Area], list[sources.Area]]:
    countries = sources.load_countries()
    subdivisions = sources.load_subdivisions(countries)
    towns = sources.load_cities(subdivisions, countries)
    return [a for a in subdivisions if a and a.fcode == "ADM2"], towns


def held_out(known_share: float) -> dict[str, dict[str, float]]:
    """Agreement with GeoNames' own ties on the towns whose tie is withheld from the inference; a random
    `known_share` of the ties (the same ones on every run) stays known, as in countries that GeoNames
    ties in part (Mali 28 %, Somalia 12 %)."""
    areas, towns = _load()
    chance = random.Random(KNOWN_SEED)
    truth = {id(t): t.admin2 for t in towns if t.admin2 and chance.random() >= known_share}
    for town in towns:
        if id(town) in truth:
            town.admin2 = None
    anchors = districts.find_anchors(areas, towns)
    counts: dict[str, Counter] = {g: Counter() for g in ("all", "seats", "other towns", "by population")}
    for town in towns:
        if id(town) not in truth:
            continue
        guess = anchors.district_of(town)
        right = guess is not None and guess.name == truth[id(town)]
        weight = max(town.population, 1)
        kind = "seats" if id(town) in anchors.seats else "other towns"
        for group, w in (("all", 1), (kind, 1), ("by population", weight)):
            counts[group]["towns"] += w
            counts[group]["filled"] += w * (guess is not None)
            counts[group]["right"] += w * right
    return {
        group: {
            "towns": c["towns"],
            "filled": c["filled"] / c["towns"],
            "accuracy": c["right"] / c["filled"] if c["filled"] else 0.0,
        }
        for group, c in counts.items()
    }


def coverage() -> dict[str, tuple[int, float, float]]:
    """Per focus country: towns, share with a district from GeoNames, share after the inference."""
    areas, towns = _load()
    before = Counter(t.cc for t in towns if t.admin2)
    districts.fill_admin2(areas, towns)
    after = Counter(t.cc for t in towns if t.admin2)
    total = Counter(t.cc for t in towns)
    return {cc: (total[cc], before[cc] / total[cc], after[cc] / total[cc]) for cc in FOCUS if total[cc]}


def main() -> int:
    start = time.perf_counter()
    agreement = {share: held_out(share) for share in KNOWN_SHARES}
    filled = coverage()
    lines = ["# District (admin2) inference", ""]
    for share, rows in agreement.items():
        lines += [
            f"Held out: GeoNames' own town → district ties, withheld from the inference; {share:.0%} of them"
            " known.",
            "",
            "| towns | count | given a district | agrees with GeoNames |",
            "|---|---|---|---|",
        ]
        for group, row in rows.items():
            count = "(weights)" if group == "by population" else f"{row['towns']:,}"
            lines.append(f"| {group} | {count} | {row['filled']:.3f} | {row['accuracy']:.3f} |")
        lines.append("")
    lines += ["Towns with a district, before → after the inference:", ""]
    lines += ["| country | towns | GeoNames | with inference |", "|---|---|---|---|"]
    lines += [f"| {cc} | {n} | {b:.2f} | {a:.2f} |" for cc, (n, b, a) in filled.items()]
    lines += ["", f"({time.perf_counter() - start:.0f} s)"]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "admin2.md").write_text(text + "\n", encoding="utf-8")
    (RESULTS / "admin2.json").write_text(
        json.dumps({"held_out": {str(k): v for k, v in agreement.items()}, "coverage": filled}, indent=1)
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
