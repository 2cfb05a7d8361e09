"""Benchmark of the district (admin2) inference of geo/districts.py.

GeoNames ties ~200,000 towns to their district; the inference never sees those ties for the towns it
fills, so they are the test: every tie is withheld, the inference runs as on a country without them, and
its district is compared with GeoNames'. Reported for all tied towns, for towns that are a district's seat,
for the others, and weighted by population (events happen where people live); then how many towns have a
district before and after the inference in the countries that GeoNames leaves without. Writes
bench/results/admin2.md and admin2.json.

    python bench/admin2.py
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from conflictatlas.geo import districts, sources

RESULTS = Path(__file__).parent / "results"
#: countries of conflict news where GeoNames ties few towns to a district
FOCUS = ("SY", "SO", "SD", "SS", "ML", "NE", "ET", "LB", "LY", "IR", "CM", "TD", "MZ")


def _load() -> tuple[list[sources.Area], list[sources.Area]]:
    countries = sources.load_countries()
    subdivisions = sources.load_subdivisions(countries)
    towns = sources.load_cities(subdivisions, countries)
    return [a for a in subdivisions if a and a.fcode == "ADM2"], towns


def held_out() -> dict[str, dict[str, float]]:
    """Agreement with GeoNames' own ties, each tie withheld from the inference."""
    areas, towns = _load()
    truth = {id(t): t.admin2 for t in towns if t.admin2}
    for town in towns:
        town.admin2 = None
    seats = districts.find_seats(areas, towns)
    counts: dict[str, Counter] = {g: Counter() for g in ("all", "seats", "other towns", "by population")}
    for town in towns:
        if id(town) not in truth:
            continue
        guess = seats.district_of(town)
        is_seat = any(seat is town for _d, seat in seats.pairs.get(town.admin1_code or "", ()))
        right = guess is not None and guess.name == truth[id(town)]
        weight = max(town.population, 1)
        for group, w in (("all", 1), ("seats" if is_seat else "other towns", 1), ("by population", weight)):
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
    agreement = held_out()
    filled = coverage()
    lines = [
        "# District (admin2) inference",
        "",
        "Held out: GeoNames' own town → district ties, withheld from the inference.",
        "",
        "| towns | count | given a district | agrees with GeoNames |",
        "|---|---|---|---|",
    ]
    for group, row in agreement.items():
        count = "(weights)" if group == "by population" else f"{row['towns']:,}"
        lines.append(f"| {group} | {count} | {row['filled']:.3f} | {row['accuracy']:.3f} |")
    lines += ["", "Towns with a district, before → after the inference:", ""]
    lines += ["| country | towns | GeoNames | with inference |", "|---|---|---|---|"]
    lines += [f"| {cc} | {n} | {b:.2f} | {a:.2f} |" for cc, (n, b, a) in filled.items()]
    lines += ["", f"({time.perf_counter() - start:.0f} s)"]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "admin2.md").write_text(text + "\n", encoding="utf-8")
    (RESULTS / "admin2.json").write_text(
        json.dumps({"held_out": agreement, "coverage": filled}, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
