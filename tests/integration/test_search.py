"""Full-text search on both stores: German word forms, umlauts and ß however typed, every
word must occur, best matches first, the same hits on SQLite and PostgreSQL, and redacted
text gone from the index."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel
from sozialplanung.projections.search import query_terms, snippet
from sozialplanung.settings import Settings

from ..conftest import meta_on
from .helpers import World, build_world

MEASURES = {
    "wohnung": ("Wohnung für Alleinerziehende", "Eine Wohnung in der Nähe der Kita."),
    "wohnungen": ("Mehr Wohnungen", "Wohnungen, Wohnungen und nochmals Wohnungen bauen."),
    "familien": ("Familienzentren", "Beratung für Familien im Quartier."),
    "uebergang": ("Übergang Schule–Beruf", "Begleitung beim Übergang in die Ausbildung."),
    "massnahme": ("Maßnahme gegen Energiearmut", "Stromsparcheck für Haushalte."),
    "strasse": ("Straßensozialarbeit", "Aufsuchende Arbeit auf der Straße."),
    "sprachkurse": ("Sprachkurse für Eltern", "Deutsch lernen im Stadtteil."),
}


@pytest.fixture
def world(app: PlanningApp) -> World:
    return build_world(app)


@pytest.fixture
def searched(world: World, settings: Settings) -> Iterator[tuple[ReadModel, dict[str, str]]]:
    ids = {name: str(_measure(world, *texts)) for name, texts in MEASURES.items()}
    views = ReadModel(settings, world.app)
    try:
        views.catch_up()
        yield views, ids
    finally:
        views.close()


def _measure(world: World, title: str, description: str) -> Any:
    return world.app.propose_measure(
        meta_on(date(2011, 9, 15)),
        cycle=1,
        working_group=world.group,
        title=title,
        description=description,
    )


def found(views: ReadModel, text: str, kinds: tuple[str, ...] = ("MEASURE",)) -> list[str]:
    return [hit["key"] for hit in views.queries.search.hits(text, list(kinds), 50, None).rows]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Wohnungen", {"wohnung", "wohnungen"}),  # plural finds the singular …
        ("Wohnung", {"wohnung", "wohnungen"}),  # … and the other way round
        ("Familie", {"familien"}),  # a word inside a compound is no word form
        ("familien", {"familien"}),
        ("Uebergang", {"uebergang"}),  # an umlaut typed as ue
        ("übergang", {"uebergang"}),
        ("Massnahme", {"massnahme"}),  # ß typed as ss
        ("MASSNAHMEN", {"massnahme"}),
        ("Strasse", {"strasse"}),
        ("Sprachkurs", {"sprachkurse"}),  # Snowball cuts the singular shorter than the plural
        ("sprach", {"sprachkurse"}),  # the beginning of a compound
        ("Kurse", set()),  # … but not its end
        ("Wohnung Kita", {"wohnung"}),  # every word must occur
        ("Wohnung Ausbildung", set()),
        ("der die das", set()),  # only function words: nothing to look for
        ("", set()),
    ],
)
def test_german_word_forms_find_each_other(
    searched: tuple[ReadModel, dict[str, str]], typed: str, expected: set[str]
) -> None:
    views, ids = searched
    names = {key: name for name, key in ids.items()}
    assert {names[key] for key in found(views, typed)} == expected


def test_more_occurrences_and_the_title_rank_higher(
    searched: tuple[ReadModel, dict[str, str]],
) -> None:
    views, ids = searched
    assert found(views, "Wohnungen") == [ids["wohnungen"], ids["wohnung"]]
    hits = views.queries.search.hits("Wohnungen", ["MEASURE"], 50, None).rows
    assert hits[0]["score"] > hits[1]["score"] > 0


def test_measures_search_uses_the_same_index(searched: tuple[ReadModel, dict[str, str]]) -> None:
    views, ids = searched
    page = views.queries.measures.page(search="Wohnung")
    assert {row["id"] for row in page.rows} == {ids["wohnung"], ids["wohnungen"]}
    assert views.queries.measures.page(search="Wohnung Kita").total == 1


def test_search_text_that_looks_like_query_syntax_is_just_text(
    searched: tuple[ReadModel, dict[str, str]],
) -> None:
    views, _ = searched
    for text in ['"', "Wohnung OR Kita", "NEAR(Wohnung)", "terms:Wohnung", "*", "Wohn*", "^"]:
        views.queries.search.hits(text, ["MEASURE", "PAPER"], 10, None)  # no error
    assert found(views, '"Wohnung" (Kita*)') == found(views, "Wohnung Kita") != []
    assert found(views, "Wohnung OR Kita") == []  # OR is a word here, and it does not occur


def test_pages_of_hits_follow_on_without_repeats(
    searched: tuple[ReadModel, dict[str, str]],
) -> None:
    views, _ = searched
    first = views.queries.search.hits("Wohnung", ["MEASURE"], 1, None)
    second = views.queries.search.hits("Wohnung", ["MEASURE"], 1, first.cursors[-1])
    assert first.has_next and not second.has_next and first.total == 2
    assert first.rows[0]["key"] != second.rows[0]["key"]


def test_kinds_limit_what_is_searched(searched: tuple[ReadModel, dict[str, str]]) -> None:
    views, _ = searched  # the world has a body "AG 1 Kinderarmut", a paper "Maßnahmen"
    assert len(found(views, "Kinderarmut", ("BODY",))) == 1
    assert found(views, "Kinderarmut", ("MEASURE", "PAPER")) == []
    assert len(found(views, "Maßnahmen", ("PAPER",))) == 1
    assert len(found(views, "Maßnahmen", ("PAPER", "MEASURE"))) == 2


def test_an_edited_text_is_found_by_its_new_words_only(
    searched: tuple[ReadModel, dict[str, str]], app: PlanningApp
) -> None:
    views, ids = searched
    app.revise_measure(
        meta_on(date(2011, 9, 16)), measure=UUID(ids["familien"]), description="Spielplätze"
    )
    views.catch_up()
    assert found(views, "Quartier") == []
    assert found(views, "Spielplatz") == [ids["familien"]]


def test_redacted_text_leaves_the_index(
    searched: tuple[ReadModel, dict[str, str]], world: World, settings: Settings
) -> None:
    views, _ = searched
    app = world.app
    marker = "Zzgeheimwort"
    measure = _measure(world, "Schuldnerberatung", f"Herr {marker} wurde beraten.")
    views.catch_up()
    assert found(views, marker) == [str(measure)]
    record = app.keys.record_of(app.recorder.max_notification_id() or 0)
    assert record is not None
    app.redact_event(
        meta_on(reason="Personenbezug"), notification_id=int(record["first_position"]), position=1
    )
    views.catch_up()
    assert found(views, marker) == []
    assert found(views, "Schuldnerberatung") == [str(measure)]  # the title stays
    stem = query_terms(marker)[0]
    if views.db.postgres:
        rows = views.db.query("SELECT terms, body FROM search_documents")
        assert not [r for r in rows if stem in r["terms"] or marker in r["body"]]
    else:
        views.db.query("CREATE VIRTUAL TABLE IF NOT EXISTS v USING fts5vocab(search_fts, 'row')")
        assert views.db.query("SELECT term FROM v WHERE term = ?", [stem]) == []
        stored = (settings.data_dir / "views.sqlite").read_bytes()
        assert marker.encode() not in stored and stem.encode() not in stored


def test_a_snippet_marks_the_matches_and_escapes_the_rest() -> None:
    text = "Beratung <script>alert(1)</script> für Familien & Kinder im Quartier"
    assert snippet(text, set(query_terms("Familie"))) == (
        "Beratung &lt;script&gt;alert(1)&lt;/script&gt; für <mark>Familien</mark> &amp; "
        "Kinder im Quartier"
    )
    long = " ".join(f"Wort{n}" for n in range(100)) + " Familien " + "Ende " * 50
    cut = snippet(long, set(query_terms("Familien")))
    assert cut is not None and cut.startswith("… ") and cut.endswith(" …")
    assert "<mark>Familien</mark>" in cut and len(cut) < 300
    assert snippet("nichts", set(query_terms("Familie"))) is None
