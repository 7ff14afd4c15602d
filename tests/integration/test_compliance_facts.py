"""The facts the council paper's rules are judged on, read from the views on both stores:
a consultation counts as political discussion only once it took place."""

from __future__ import annotations

from datetime import date

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel
from sozialplanung.projections.compliance import compliance_report
from sozialplanung.settings import Settings

from ..conftest import meta_on
from .helpers import DECIDED_ON, build_world
from .test_figures_add_up import second_cycle

AS_OF = date(2012, 6, 30)  # nine months after the measure's proposal


def undiscussed(app: PlanningApp, settings: Settings, as_of: date = AS_OF) -> list[str]:
    views = ReadModel(settings, app)
    try:
        views.catch_up()
        report = compliance_report(views.queries, as_of, 6)
        return [finding.measure.title for finding in report.undiscussed_measures]
    finally:
        views.close()


def test_a_consultation_only_planned_is_no_discussion_until_it_is_concluded(
    app: PlanningApp, settings: Settings
) -> None:
    world = build_world(app)
    world.referred("Familienzentren")
    app.schedule_consultation(
        meta_on(date(2011, 10, 20)),
        paper=world.paper,
        body=world.committee,
        role="DECISION",
        authoritative=True,
        date=date(2011, 11, 24),
    )
    assert undiscussed(app, settings) == ["Familienzentren"]  # planned, never held

    consultation = app.repository.get(world.paper).consultations[-1]["id"]
    app.conclude_consultation(meta_on(None), consultation=consultation, decision="DEFERRED")
    assert undiscussed(app, settings) == []  # deferred, but discussed on 2011-11-24


def test_a_measure_carried_forward_with_a_new_text_waits_again_from_that_day(
    app: PlanningApp, settings: Settings
) -> None:
    world = build_world(app)
    unchanged, revised = world.referred("Familienzentren"), world.referred("Stadtteilmütter")
    second_cycle(world)
    for measure in (unchanged, revised):
        app.decide_measure(
            meta_on(DECIDED_ON),
            measure=measure,
            adopted=True,
            body=world.committee,
            paper=world.paper,
        )
        app.evaluate_measure(meta_on(date(2013, 9, 20)), measure=measure, outcome="IMPLEMENTED")
    for measure, description in ((unchanged, None), (revised, "Neu gefasst für 2013–2015")):
        app.carry_forward_measure(
            meta_on(date(2013, 9, 21)),
            measure=measure,
            to_cycle=2,
            working_group=world.group,
            description=description,
        )

    # Adopted in 2011: nothing waits. The revised text needs deliberation again (PROPOSED in
    # cycle 2) and waits from 2013-09-21; the unchanged one stays ADOPTED.
    assert undiscussed(app, settings, date(2014, 1, 31)) == []
    assert undiscussed(app, settings, date(2014, 6, 30)) == ["Stadtteilmütter"]
