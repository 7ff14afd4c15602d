"""Measures whose story the demo tells on purpose (all illustrative): long carry-forwards,
revisions, the measures that waited for the committee, the ones still open today.

Each term is (decision, started, outcome, end) — see lifecycle.Term. A measure's title
changes where a term ends in "revise" (the next title of `titles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .lifecycle import IMPLEMENTED, NOT, PARTIAL

TermSpec = tuple[str, bool, str | None, str | None]


@dataclass(frozen=True)
class Story:
    key: str
    group: int
    lead: str
    cycle: int
    titles: tuple[str, ...]
    terms: tuple[TermSpec, ...]
    proposed_on: date | None = None  # proposed between two conferences


STORIES = (
    # 2011–2013
    Story(
        "familienzentren",
        1,
        "fb45",
        1,
        ("Familienzentren im Quartier",),
        (("adopt", True, PARTIAL, "carry"), ("adopt", True, IMPLEMENTED, "complete")),
    ),
    Story(
        "sprachfoerderung",
        2,
        "fb45",
        1,
        ("Sprachförderung in Kitas",),
        (("adopt", True, IMPLEMENTED, "complete"),),
    ),
    Story(
        "wohnraumboerse",
        4,
        "fb64",
        1,
        ("Wohnraumbörse für Alleinerziehende", "Wohnraumbörse für Alleinerziehende und Familien"),
        (("adopt", False, NOT, "revise"), ("adopt", True, PARTIAL, "drop")),
    ),
    Story(
        "suchtberatung",
        9,
        "wohlfahrt",
        1,
        ("Mobile Suchtberatung",),
        (("adopt", True, NOT, "drop"),),
    ),
    Story(
        "gesundheitslotsen",
        5,
        "gesundheitsamt",
        1,
        ("Gesundheitslotsen im Ostviertel",),
        (("withdraw", False, None, None),),
    ),
    Story(
        "sportverein",
        11,
        "fb52",
        1,
        ("Kostenlose Sportvereinsmitgliedschaft",),
        (("reject", False, None, None),),
    ),
    # 2013–2015: four cycles, revised once on the way
    Story(
        "stadtteilmuetter",
        7,
        "wohlfahrt",
        2,
        ("Stadtteilmütter", "Stadtteilmütter – auch für geflüchtete Familien"),
        (
            ("adopt", True, PARTIAL, "revise"),
            ("adopt", True, IMPLEMENTED, "carry"),
            ("adopt", True, IMPLEMENTED, "carry"),
            ("adopt", True, PARTIAL, "complete"),
        ),
    ),
    # 2015–2017: two measures wait a year for the committee; the Fachstelle leads to a
    # Lenkungsgruppe Wohnungsnotfallhilfe in 2016 (meetings.py)
    Story(
        "kinderarmutsbericht",
        1,
        "fb50",
        3,
        ("Kinderarmutsbericht je Sozialraum",),
        (("late", True, IMPLEMENTED, "complete"),),
    ),
    Story(
        "mietschulden",
        4,
        "fb64",
        3,
        ("Mietschuldenprävention",),
        (("late", True, PARTIAL, "carry"), ("adopt", True, IMPLEMENTED, "complete")),
    ),
    Story(
        "fachstelle-wohnungsnot",
        4,
        "fb64",
        3,
        ("Fachstelle Wohnungsnotfallhilfe",),
        (("adopt", True, IMPLEMENTED, "complete"),),
    ),
    Story(
        "willkommenslotsen",
        13,
        "wohlfahrt",
        3,
        ("Willkommenslotsen für Geflüchtete",),
        (("adopt", True, IMPLEMENTED, "complete"),),
    ),
    # 2019–2021: Housing First through four cycles, still running; two pandemic measures
    # proposed between the conferences wait fourteen months for the committee
    Story(
        "housing-first",
        4,
        "fb64",
        5,
        ("Housing First Aachen", "Housing First Aachen: Wohnungen aus dem Bestand"),
        (
            ("adopt", False, NOT, "revise"),
            ("adopt", True, PARTIAL, "carry"),
            ("adopt", True, IMPLEMENTED, "carry"),
            ("adopt", True, None, None),
        ),
    ),
    Story(
        "endgeraete",
        2,
        "fb45",
        5,
        ("Digitale Endgeräte für Schulkinder",),
        (("late", True, PARTIAL, "carry"), ("adopt", True, IMPLEMENTED, "complete")),
        proposed_on=date(2020, 10, 15),
    ),
    Story(
        "sprechstunden",
        12,
        "fb50",
        5,
        ("Digitale Sprechstunden der Beratungsstellen",),
        (("late", True, IMPLEMENTED, "complete"),),
        proposed_on=date(2020, 10, 15),
    ),
    # 2023–2025: evaluated in 2025, how they go on is still open
    Story(
        "seniorenbegegnung",
        6,
        "caritas",
        7,
        ("Seniorenbegegnungsstätte Preuswald",),
        (("adopt", True, PARTIAL, "keep"),),
    ),
    Story(
        "arbeitsmarkt",
        3,
        "jobcenter",
        7,
        ("Sozialer Arbeitsmarkt: geförderte Stellen",),
        (("adopt", True, PARTIAL, "keep"),),
    ),
    # 2025–2027: waiting for the committee as of today
    Story(
        "hitzeschutz",
        6,
        "fb50",
        8,
        ("Hitzeschutz für ältere Menschen",),
        (("wait", False, None, None),),
    ),
    Story(
        "trinkbrunnen",
        5,
        "gesundheitsamt",
        8,
        ("Trinkbrunnen und kühle Orte in Aachen-Ost",),
        (("wait", False, None, None),),
    ),
    Story(
        "digitale-teilhabe",
        6,
        "fb50",
        8,
        ("Digitale Teilhabe im Alter",),
        (("late", False, None, None),),
    ),
    Story(
        "hitzeaktionsplan",
        5,
        "gesundheitsamt",
        8,
        ("Hitzeaktionsplan für Aachen",),
        (("late", False, None, None),),
        proposed_on=date(2026, 9, 24),
    ),
)
