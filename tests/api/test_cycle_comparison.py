"""cycleComparison over HTTP: on the demo data and on a generated two-cycle history whose
expected counts the generator itself keeps."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.graphql.ids import to_global
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..conftest import meta_on
from ..integration.helpers import DECIDED_ON, build_world
from .client import GraphQLClient
from .conftest import DemoService

STATS = "proposed adopted rejected withdrawn implemented partiallyImplemented notImplemented \
carriedForward evaluated"
COMPARISON = f"""query($from: Int!, $to: Int!) {{ cycleComparison(from: $from, to: $to) {{
  from {{ number }} to {{ number }}
  rows {{ workingGroup {{ id name }} focusFrom focusTo from {{ {STATS} }} to {{ {STATS} }} }}
  totals {{ workingGroup {{ id }} from {{ {STATS} }} to {{ {STATS} }} }}
  carriedForward {{ id title }}
  obstacles {{ text from to }} enablers {{ text from to }} }} }}"""


def comparison(api: GraphQLClient, a: int, b: int) -> dict[str, Any]:
    return api.data(COMPARISON, **{"from": a, "to": b})["cycleComparison"]


def test_rows_add_up_to_the_totals_on_the_demo_data(demo: DemoService) -> None:
    result = comparison(demo.analyst, 1, 2)
    for side in ("from", "to"):
        for name, total in result["totals"][side].items():
            assert sum(row[side][name] for row in result["rows"]) == total, (side, name)


def test_the_demo_shows_the_added_group_and_the_shifted_foci(demo: DemoService) -> None:
    def rows(a: int, b: int) -> dict[str, dict[str, Any]]:
        return {row["workingGroup"]["name"]: row for row in comparison(demo.analyst, a, b)["rows"]}

    def shifted(a: int, b: int) -> list[tuple[str, str]]:
        return [
            (name, r["focusTo"])
            for name, r in rows(a, b).items()
            if r["focusFrom"] and r["focusFrom"] != r["focusTo"]
        ]

    assert len(rows(1, 2)) == 12 and "AG 13 Flucht" not in rows(1, 2)
    added = rows(2, 3)["AG 13 Flucht"]
    assert (added["focusFrom"], added["focusTo"]) == (None, "Aufnahme und Teilhabe Geflüchteter")
    assert added["from"]["proposed"] == 0 and added["to"]["proposed"] == 2
    assert shifted(1, 2) == [("AG 12 Sozialraum", "Sozialraummonitoring und Datenberichte")]
    assert shifted(2, 3) == []
    assert shifted(5, 6) == [("AG 6 Alter", "Einsamkeit im Alter und Pflege im Quartier")]
    assert shifted(6, 7) == [("AG 5 Gesundheit", "Gesundheit und Hitzeschutz im Klimawandel")]


def test_the_demo_counts_the_first_cycles_outcomes(demo: DemoService) -> None:
    result = comparison(demo.analyst, 1, 2)
    first, second = result["totals"]["from"], result["totals"]["to"]
    assert first == {
        "proposed": 46,
        "adopted": 39,
        "rejected": 6,
        "withdrawn": 1,
        "implemented": 17,
        "partiallyImplemented": 10,
        "notImplemented": 12,
        "carriedForward": 10,
        "evaluated": 39,
    }
    # Carried forward unchanged, a measure is adopted in cycle 2 without a new proposal.
    assert (second["proposed"], second["adopted"], second["carriedForward"]) == (37, 38, 17)
    carried = {m["id"] for m in result["carriedForward"]}
    assert len(carried) == 10
    assert {demo.global_id("Measure", k) for k in ("familienzentren", "wohnraumboerse")} <= carried
    titles = {m["title"] for m in result["carriedForward"]}
    # revised on carry-forward: the title it has now
    assert "Wohnraumbörse für Alleinerziehende und Familien" in titles
    obstacles = {f["text"]: (f["from"], f["to"]) for f in result["obstacles"]}
    assert obstacles["Befristete Finanzierung"] == (10, 10)
    assert "Kontaktbeschränkungen in der Pandemie" not in obstacles


def test_the_pandemic_shows_in_the_evaluations_of_2019_2021(demo: DemoService) -> None:
    before = comparison(demo.analyst, 4, 5)
    after = comparison(demo.analyst, 5, 6)
    assert before["obstacles"][0] == {
        "text": "Kontaktbeschränkungen in der Pandemie",
        "from": 0,
        "to": 22,
    }
    assert after["obstacles"][0] == {
        "text": "Kontaktbeschränkungen in der Pandemie",
        "from": 22,
        "to": 7,
    }
    totals = before["totals"]
    assert (totals["from"]["implemented"], totals["to"]["implemented"]) == (23, 8)
    assert (totals["from"]["notImplemented"], totals["to"]["notImplemented"]) == (14, 19)
    enablers = {f["text"]: (f["from"], f["to"]) for f in after["enablers"]}
    assert enablers["Digitale Angebote"] == (7, 13)
    # Housing First: not started in 2019–2021, revised, and still running today.
    assert demo.global_id("Measure", "housing-first") in {m["id"] for m in after["carriedForward"]}


def test_the_open_cycle_is_not_yet_evaluated(demo: DemoService) -> None:
    result = comparison(demo.analyst, 7, 8)
    now = result["totals"]["to"]
    assert (now["proposed"], now["adopted"], now["rejected"], now["withdrawn"]) == (38, 34, 3, 1)
    assert now["evaluated"] == 0 and now["carriedForward"] == 0
    assert len(result["carriedForward"]) == 7
    assert all(f["to"] == 0 for f in result["obstacles"] + result["enablers"])


def test_an_unknown_cycle_is_named_in_the_error(demo: DemoService) -> None:
    body = demo.analyst.post(COMPARISON, **{"from": 1, "to": 9})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "9" in body["errors"][0]["message"]


# A generated history ---------------------------------------------------------------------

OBSTACLES = ["Personalmangel", "Befristete Finanzierung", "Raumnot", "Datenschutz"]
ENABLERS = ["Kooperation mit Kitas", "Landesförderung", "Ehrenamt"]
OUTCOMES = ["IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "NOT_IMPLEMENTED"]
CONFERENCE_2013 = date(2013, 9, 19)  # evaluated and carried forward at the next conference


@dataclass
class Expected:
    """What the generator did, counted as it went."""

    first: Counter[str] = field(default_factory=Counter)
    carried: set[UUID] = field(default_factory=set)
    obstacles: Counter[str] = field(default_factory=Counter)
    enablers: Counter[str] = field(default_factory=Counter)
    new_group_proposed: int = 0


def generate(app: PlanningApp, seed: int) -> tuple[Expected, UUID]:
    rng = random.Random(seed)
    world = build_world(app)
    new_group = app.establish_body(
        meta_on(date(2013, 6, 1)),
        name="AG 2 Wohnen",
        kind="CONFERENCE_WORKING_GROUP",
        parent=world.conference,
    )
    app.open_cycle(
        meta_on(date(2013, 9, 1)),
        number=2,
        label="2013–2015",
        starts_on=date(2013, 9, 1),
        ends_on=date(2015, 8, 31),
        conference_body=world.conference,
        working_groups=[(world.group, "Bildungsübergänge"), (new_group, "Bezahlbarer Wohnraum")],
    )
    expected = Expected()
    for n in range(rng.randint(12, 20)):
        measure = world.measure(f"Maßnahme {n}")
        expected.first["proposed"] += 1
        fate = rng.choice(["withdrawn", "rejected", "adopted", "evaluated", "evaluated"])
        if fate == "withdrawn":
            app.withdraw_measure(meta_on(), measure=measure)
            expected.first["withdrawn"] += 1
            continue
        app.refer_measure(meta_on(), measure=measure, paper=world.paper)
        adopted = fate != "rejected"
        app.decide_measure(
            meta_on(DECIDED_ON), measure=measure, adopted=adopted, body=world.committee
        )
        expected.first["adopted" if adopted else "rejected"] += 1
        if fate != "evaluated":
            continue
        outcome = rng.choice(OUTCOMES)
        if outcome != "NOT_IMPLEMENTED":
            app.start_implementation(meta_on(), measure=measure)
        obstacles = rng.sample(OBSTACLES, rng.randint(0, 2))
        enablers = rng.sample(ENABLERS, rng.randint(0, 2))
        app.evaluate_measure(
            meta_on(CONFERENCE_2013),
            measure=measure,
            outcome=outcome,
            obstacles=obstacles,
            enablers=enablers,
        )
        expected.first[outcome] += 1
        expected.obstacles.update(obstacles)
        expected.enablers.update(enablers)
        if rng.random() < 0.5:
            app.carry_forward_measure(
                meta_on(CONFERENCE_2013), measure=measure, to_cycle=2, working_group=new_group
            )
            expected.carried.add(measure)
    for n in range(rng.randint(1, 5)):
        app.propose_measure(
            meta_on(date(2013, 10, 1)), cycle=2, working_group=new_group, title=f"Neu {n}"
        )
        expected.new_group_proposed += 1
    return expected, new_group


@pytest.fixture(params=[1, 2, 3], ids=lambda seed: f"seed{seed}")
def generated(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Any]:
    app = PlanningApp.from_settings(settings)
    expected, new_group = generate(app, request.param)
    with TestClient(create_app(settings, app)) as http:
        analyst = GraphQLClient(http, app.tokens.create("ANALYST", "analyst"))
        yield analyst, expected, new_group
    app.close()


def test_a_generated_history_is_counted_as_it_was_made(generated: Any) -> None:
    analyst, expected, _ = generated
    result = comparison(analyst, 1, 2)
    first = result["totals"]["from"]
    assert first["proposed"] == expected.first["proposed"]
    assert first["withdrawn"] == expected.first["withdrawn"]
    assert first["rejected"] == expected.first["rejected"]
    assert first["adopted"] == expected.first["adopted"]
    assert first["implemented"] == expected.first["IMPLEMENTED"]
    assert first["partiallyImplemented"] == expected.first["PARTIALLY_IMPLEMENTED"]
    assert first["notImplemented"] == expected.first["NOT_IMPLEMENTED"]
    assert first["carriedForward"] == len(expected.carried)
    assert {m["id"] for m in result["carriedForward"]} == {
        to_global("Measure", m) for m in expected.carried
    }
    assert {f["text"]: f["from"] for f in result["obstacles"]} == dict(expected.obstacles)
    assert {f["text"]: f["from"] for f in result["enablers"]} == dict(expected.enablers)
    assert all(f["to"] == 0 for f in result["obstacles"] + result["enablers"])


def test_a_generated_history_shows_the_new_group_only_in_the_later_cycle(
    generated: Any,
) -> None:
    analyst, expected, new_group = generated
    rows = {row["workingGroup"]["id"]: row for row in comparison(analyst, 1, 2)["rows"]}
    added = rows[to_global("Body", new_group)]
    assert (added["focusFrom"], added["focusTo"]) == (None, "Bezahlbarer Wohnraum")
    assert added["from"]["proposed"] == 0
    assert added["to"]["proposed"] == expected.new_group_proposed
    shifted = [r for r in rows.values() if r["focusFrom"] == "Prävention von Kinderarmut"]
    assert [r["focusTo"] for r in shifted] == ["Bildungsübergänge"]


def test_the_decision_trail_of_a_generated_carried_measure_is_complete_and_ordered(
    generated: Any,
) -> None:
    analyst, expected, _ = generated
    assert expected.carried  # every seed carries some measure forward
    for measure in sorted(expected.carried)[:2]:
        trail = analyst.data(
            "query($id: ID!) { decisionTrail(id: $id) { position type } }",
            id=to_global("Measure", measure),
        )["decisionTrail"]
        positions = [e["position"] for e in trail]
        assert positions == sorted(positions)
        types = [e["type"] for e in trail]
        order = [
            "MeasureProposed",
            "MeasureReferred",
            "MeasureDecided",
            "MeasureEvaluated",
            "MeasureCarriedForward",
        ]
        assert [types.index(t) for t in order] == sorted(types.index(t) for t in order)
        assert "PaperSubmitted" in types
