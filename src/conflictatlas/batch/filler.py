"""Original non-conflict news (sport, business, culture) from templates, for realistic crawl mixes.

A real news crawl is mostly not about conflict; benchmarks and tests need such text to measure the
pre-filter and throughput, and copying real articles is not an option. The templates deliberately use
the vocabulary sport and business share with war reporting ("attack", "shot", "clash", "battle",
"takeover", "strike a deal") so the pre-filter is measured on hard cases, not on easy ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

_PLACES = (
    "Harwick",
    "Dunmore",
    "Port Avalen",
    "Kestrel Bay",
    "Marlow Vale",
    "Easton Ridge",
    "Corvale",
    "Saltmere",
    "Brackenford",
    "Lynhurst",
    "Oakhaven",
    "Westbury Cross",
)
_CLUBS = ("Rovers", "United", "Athletic", "Wanderers", "City", "Albion", "Rangers", "Harriers")
_FIRST = (
    "Tomas",
    "Aiko",
    "Leila",
    "Marcus",
    "Ines",
    "Bruno",
    "Sana",
    "Oren",
    "Clara",
    "Dmitri",
    "Noor",
    "Felix",
    "Amara",
    "Jonah",
    "Priya",
    "Mateo",
)
_LAST = (
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Brennan",
    "Takeda",
    "Varga",
    "Delacroix",
    "Osei",
    "Kowalski",
    "Ferreira",
    "Nakamura",
    "Abbott",
    "Castellano",
)
_COMPANIES = (
    "Northwind Logistics",
    "Brightpath Energy",
    "Calder Foods",
    "Vantor Systems",
    "Meridian Retail",
    "Halcyon Pharma",
    "Tessaly Motors",
    "Orbis Telecom",
    "Kinloch Brewing",
    "Silverline Bank",
)
_SECTORS = ("retail", "logistics", "renewable energy", "semiconductor", "food", "telecoms", "insurance")
_WORKS = (
    "The Glass Orchard",
    "Low Tide at Noon",
    "A House of Small Lights",
    "Northern Quarters",
    "The Cartographer's Daughter",
    "Salt and Silver",
    "Evening Trains",
)

SPORT = (
    ("{club1} edge {club2} in late drama", "{club1} beat {club2} {g1}-{g2} at {place} on {weekday}."),
    ("{player} double lifts {club1}", "{player} scored twice as {club1} beat {club2} {g1}-{g2}."),
    (
        "Title battle tightens after {club1} win",
        "{club1} kept the pressure on the leaders with a {g1}-{g2} win.",
    ),
    (
        "{club2} hold {club1} to a draw",
        "{club2} held {club1} to a {g2}-{g2} draw in a tense clash at {place}.",
    ),
)
SPORT_BODY = (
    "The visitors started brightly and {player} forced a save from the goalkeeper in the {minute}th minute.",
    "{club1} pressed high and their attack finally paid off when {player} curled a shot into the far corner.",
    "{player2} went close with a header from a corner before the break.",
    "The home side dominated possession but lacked a cutting edge in the final third.",
    "Manager {manager} said afterwards that his side had shown real character.",
    '"We defended well as a unit and took our chances," {manager} told reporters.',
    "A crowd of {crowd} watched the match in cold, blustery conditions.",
    "{player2} limped off with a hamstring injury and is a doubt for next week's trip to {place2}.",
    "The result leaves {club1} {pos} in the table, {pts} points behind the leaders.",
    "{club2} have now gone {n} games without a win and face a battle to avoid relegation.",
    "The striker's low shot deflected off a defender and looped over the keeper.",
    "Substitute {player2} struck the post in stoppage time as {club2} chased an equaliser.",
    "Both sides will meet again in the cup quarter-final next month.",
    "The referee showed {n} yellow cards in a fiercely contested second half.",
)
BUSINESS = (
    (
        "{company} shares jump on strong results",
        "Shares in {company} rose {pct}% on {weekday} after the "
        "company reported higher than expected quarterly profits.",
    ),
    (
        "{company} agrees takeover of {company2}",
        "{company} has agreed to buy {company2} in a deal valuing "
        "the {sector} group at {money} million dollars.",
    ),
    (
        "{company} to open new plant in {place}",
        "{company} will open a new plant in {place}, creating {jobs} jobs over the next three years.",
    ),
)
BUSINESS_BODY = (
    "Revenue grew {pct}% to {money} million dollars in the three months to {month}.",
    "Chief executive {person} said demand in the {sector} market remained robust.",
    "Analysts had expected a more modest increase, citing weaker consumer spending.",
    "The board proposed a dividend of {cents} cents per share.",
    "The company said it would strike a deal with suppliers to cut costs further.",
    "Rival {company2} has been fighting for market share with aggressive price cuts.",
    "The central bank kept interest rates unchanged at its meeting last month.",
    "Investors welcomed the news, pushing the broader index up {pct2}% by the close.",
    "The group expects to complete the transaction in the second half of the year, subject to approval.",
    "Competition regulators are expected to examine the merger closely.",
    "{person} described the quarter as a turning point after a difficult year.",
    "The firm plans to raise its investment in research and development by {pct2}%.",
)
CULTURE = (
    (
        "Review: {work} at the {place} Playhouse",
        "{work}, the new play by {person}, opened at the {place} Playhouse on {weekday} to a warm reception.",
    ),
    (
        "{person} wins the {place} book prize",
        "{person} has won this year's {place} book prize for the novel {work}.",
    ),
    (
        "Festival returns to {place} with record line-up",
        "The {place} arts festival returns next month with more than {n}0 events across the town.",
    ),
)
CULTURE_BODY = (
    "The production moves at a brisk pace, and the lighting design is especially striking.",
    "Critics praised the lead performance by {person2} as one of the finest of the season.",
    "The judges called the book a tender portrait of a family over three generations.",
    "Tickets go on sale on {weekday}, with discounts for students and pensioners.",
    "The exhibition brings together {n}0 paintings, many never shown in public before.",
    "Organisers expect more than {crowd} visitors over the festival's ten days.",
    "{person2}, who directed the piece, said the story was inspired by her grandmother's letters.",
    "The second act features an explosive argument between the two brothers.",
    "Last year's winner was a debut collection of short stories set in {place2}.",
    "The orchestra will perform works by three living composers alongside the classics.",
    "A documentary about the making of the album will be screened on the closing night.",
)
FRENCH = (
    (
        "{club1} s'impose face à {club2}",
        "{club1} a battu {club2} {g1}-{g2} {weekday_fr} soir à {place}. "
        "L'entraîneur s'est félicité de l'état d'esprit de son équipe. Le public est venu nombreux malgré la "
        "pluie. Le prochain match aura lieu dans deux semaines.",
    ),
    (
        "{company} publie des résultats en hausse",
        "Le groupe {company} a annoncé une hausse de {pct} % de son "
        "chiffre d'affaires au dernier trimestre. La direction prévoit de poursuivre ses investissements "
        "dans le secteur. Les analystes saluent une performance solide.",
    ),
    (
        "Le festival de {place} dévoile sa programmation",
        "Le festival de {place} accueillera cet été plus de "
        "{n}0 artistes. Les organisateurs promettent une édition riche en découvertes. La billetterie "
        "ouvrira le mois prochain.",
    ),
)
_KINDS = {
    "sport": (SPORT, SPORT_BODY),
    "business": (BUSINESS, BUSINESS_BODY),
    "culture": (CULTURE, CULTURE_BODY),
}


@dataclass(frozen=True)
class FillerArticle:
    """One generated article: plain fields, wrapped into a web page by the WARC generator."""

    id: str
    kind: str
    title: str
    text: str
    published: date
    language: str = "en"


def _slots(rng: random.Random) -> dict[str, object]:
    club1, club2 = rng.sample([f"{p} {c}" for p in _PLACES for c in _CLUBS], 2)
    place, place2 = rng.sample(_PLACES, 2)
    company, company2 = rng.sample(_COMPANIES, 2)
    people = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(4)]
    return dict(
        club1=club1,
        club2=club2,
        place=place,
        place2=place2,
        company=company,
        company2=company2,
        player=people[0],
        player2=people[1],
        manager=people[2],
        person=people[2],
        person2=people[3],
        g1=rng.randint(2, 4),
        g2=rng.randint(0, 1),
        minute=rng.randint(5, 85),
        crowd=f"{rng.randint(3, 60)},000",
        pos=rng.choice(("second", "third", "fifth", "seventh")),
        pts=rng.randint(1, 9),
        n=rng.randint(2, 9),
        pct=rng.randint(2, 19),
        pct2=rng.randint(1, 4),
        money=rng.randint(40, 900),
        cents=rng.randint(5, 60),
        jobs=rng.randint(50, 900),
        sector=rng.choice(_SECTORS),
        work=rng.choice(_WORKS),
        month=rng.choice(("March", "June", "September", "December")),
        weekday=rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
        weekday_fr=rng.choice(("lundi", "mardi", "mercredi", "samedi", "dimanche")),
    )


def filler_article(seed: int, *, start: date = date(2021, 1, 1)) -> FillerArticle:
    """The filler article for `seed`: the same seed always gives the same article."""
    rng = random.Random(seed)
    slots = _slots(rng)
    published = start + timedelta(days=rng.randrange(365))
    if rng.random() < 0.08:
        title, body = rng.choice(FRENCH)
        return FillerArticle(
            f"filler-{seed}", "french", title.format(**slots), body.format(**slots), published, "fr"
        )
    kind = rng.choice(tuple(_KINDS))
    heads, bodies = _KINDS[kind]
    title, lead = rng.choice(heads)
    paragraphs = [lead] + rng.sample(bodies, rng.randint(5, min(9, len(bodies))))
    text = "\n\n".join(p.format(**slots) for p in paragraphs)
    return FillerArticle(f"filler-{seed}", kind, title.format(**slots), text, published)
