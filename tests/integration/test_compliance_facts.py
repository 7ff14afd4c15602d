"""The facts the council paper's rules are judged on, read from the views on both stores:
a consultation counts as political discussion only once it took place."""

from __future__ import annotations

from datetime import date

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel
from sozialplanung.projections.compliance import compliance_report
from sozialplanung.settings import Settings

from ..conftest import meta_on
from .helpers import build_world

AS_OF = date(2012, 6, 30)  # nine months after the measure's proposal


def undiscussed(app: PlanningApp, settings: Settings) -> list[str]:
    views = ReadModel(settings, app)
    try:
        views.catch_up()
        report = compliance_report(views.queries, AS_OF, 6)
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
