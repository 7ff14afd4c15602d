"""Figures that add up on generated histories, on both stores: measures drawn through random
lifecycles over two cycles (carried forward, revised, rejected, withdrawn, evaluated with
every outcome); every count of the statistics, per cycle and working group, equals what the
matching filter lists."""

from __future__ import annotations

import random
from datetime import date
from uuid import UUID

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel
from sozialplanung.projections.statistics import COUNTED, per_group
from sozialplanung.settings import Settings

from ..conftest import meta_on
from .helpers import DECIDED_ON, World, build_world

OUTCOMES = ("IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "NOT_IMPLEMENTED")


def second_cycle(world: World) -> UUID:
    group = world.app.establish_body(
        meta_on(date(2013, 6, 1)),
        name="AG 2 Wohnen",
        kind="CONFERENCE_WORKING_GROUP",
        parent=world.conference,
    )
    world.app.open_cycle(
        meta_on(date(2013, 6, 1)),
        number=2,
        label="2013–2015",
        starts_on=date(2013, 9, 1),
        ends_on=date(2015, 8, 31),
        conference_body=world.conference,
        working_groups=[(world.group, "Kinderarmut"), (group, "Wohnen")],
    )
    return group


def live_one(world: World, draw: random.Random, n: int, groups: list[UUID]) -> None:
    """One measure through a random part of its lifecycle."""
    app = world.app
    measure = world.measure(f"Maßnahme {n}")
    if draw.random() < 0.1:
        app.withdraw_measure(meta_on(date(2011, 10, 1)), measure=measure)
        return
    app.refer_measure(meta_on(date(2011, 10, 21)), measure=measure, paper=world.paper)
    adopted = draw.random() < 0.8
    app.decide_measure(
        meta_on(DECIDED_ON),
        measure=measure,
        adopted=adopted,
        body=world.committee,
        paper=world.paper,
    )
    if not adopted:
        return
    if draw.random() < 0.6:
        app.start_implementation(meta_on(date(2012, 1, 10)), measure=measure)
    if draw.random() < 0.15:
        return  # not evaluated (yet)
    outcome = draw.choice(OUTCOMES)
    app.evaluate_measure(
        meta_on(date(2013, 9, 20)), measure=measure, outcome=outcome, obstacles=["Personal"]
    )
    fate = draw.random()
    if fate < 0.4:
        app.carry_forward_measure(
            meta_on(date(2013, 9, 21)),
            measure=measure,
            to_cycle=2,
            working_group=draw.choice(groups),
            description="Neu gefasst" if draw.random() < 0.5 else None,
        )
    elif fate < 0.7 and outcome != "NOT_IMPLEMENTED":
        app.complete_measure(meta_on(date(2013, 9, 22)), measure=measure)
    elif fate < 0.85:
        app.drop_measure(meta_on(date(2013, 9, 22)), measure=measure)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_count_lists_its_measures_on_generated_histories(
    app: PlanningApp, settings: Settings, seed: int
) -> None:
    world = build_world(app)
    groups = [world.group, second_cycle(world)]
    draw = random.Random(seed)
    for n in range(40):
        live_one(world, draw, n, groups)
    views = ReadModel(settings, app)
    try:
        views.catch_up()
        measures = views.queries.measures
        checked = 0
        for number in (1, 2):
            counts = per_group(measures.counts(number))
            for group, figures in counts.items():
                for state, name in COUNTED.items():
                    listed = measures.in_cycle(
                        number,
                        working_group=group,
                        **({"outcome": state} if state in OUTCOMES else {"reached": state}),
                        first=200,
                    )
                    assert len(listed.rows) == listed.total == getattr(figures, name), (
                        number,
                        group,
                        state,
                    )
                    checked += getattr(figures, name)
        assert checked > 60  # the draw reached many states
        assert per_group(measures.counts(2))  # and carried measures forward
    finally:
        views.close()
