"""A small planning world built through the application's commands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel
from sozialplanung.settings import Settings

from ..conftest import meta_on

# The world's paper is dated 2011-10-20 and its measures proposed on 2011-09-15: the committee
# decides after both.
DECIDED_ON = date(2011, 11, 24)


@dataclass
class World:
    app: PlanningApp
    department: UUID
    conference: UUID
    group: UUID
    committee: UUID
    paper: UUID

    def measure(self, title: str = "Familienzentren", cycle: int = 1) -> UUID:
        return self.app.propose_measure(
            meta_on(date(2011, 9, 15)), cycle=cycle, working_group=self.group, title=title
        )

    def referred(self, title: str = "Familienzentren") -> UUID:
        measure = self.measure(title)
        self.app.refer_measure(meta_on(), measure=measure, paper=self.paper)
        return measure

    def events(self) -> int:
        return self.app.recorder.max_notification_id() or 0


def next_start_loads_again(settings: Settings, app: PlanningApp, expected: dict) -> None:
    """The next start finds empty views, loads them from the log, and they hold ``expected``
    (what a load that failed or was cut off must come to)."""
    views = ReadModel(settings, app)
    try:
        assert views.fresh
        views.catch_up()
        assert views.table_rows() == expected
    finally:
        views.close()


def build_world(app: PlanningApp) -> World:
    m = meta_on(date(2011, 2, 24))
    department = app.register_organization(
        m, name="Fachbereich Soziales und Integration", kind="DEPARTMENT", short_name="FB 50"
    )
    conference = app.establish_body(
        m, name="Sozialkonferenz", kind="SOCIAL_CONFERENCE", lead=department
    )
    group = app.establish_body(
        m, name="AG 1 Kinderarmut", kind="CONFERENCE_WORKING_GROUP", parent=conference
    )
    committee = app.establish_body(m, name="Ausschuss für Soziales", kind="COMMITTEE")
    app.open_cycle(
        m,
        number=1,
        label="2011–2013",
        starts_on=date(2011, 9, 1),
        ends_on=date(2013, 8, 31),
        conference_body=conference,
        working_groups=[(group, "Prävention von Kinderarmut")],
    )
    paper = app.submit_paper(
        m,
        reference="FB 50/0150/WP16",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen",
        date=date(2011, 10, 20),
        lead=department,
    )
    return World(app, department, conference, group, committee, paper)
