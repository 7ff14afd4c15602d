"""Two departments and a welfare association in one planning world, and fresh aggregates of
either department to act on (built by an administrator through the commands)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sozialplanung.application import PlanningApp
from sozialplanung.graphql.ids import to_global

from ..conftest import meta_on

BERLIN = ZoneInfo("Europe/Berlin")
numbers = itertools.count(10)


@dataclass
class World:
    """Departments A (FB 50) and B (FB 20) each lead a working group of the conference (led
    by the planning office C), a steering group, papers and measures; a welfare association
    M is a member of A's working group. A second conference is led by A."""

    app: PlanningApp
    ids: dict[str, UUID] = field(default_factory=dict)
    views: dict[str, Any] = field(default_factory=dict)  # the running service's parts

    def last_position(self, aggregate: UUID) -> int:
        """The audit-log position of the aggregate's latest event (the views caught up)."""
        assert self.views["read_model"].wait_until_current()
        rows = self.views["queries"].audit.of_aggregates([str(aggregate)])
        return int(rows[-1]["position"])

    def gid(self, type_name: str, key: str) -> str:
        return to_global(type_name, self.ids[key])

    def events(self) -> int:
        return self.app.recorder.max_notification_id() or 0


def m(day: date = date(2012, 3, 1)) -> Any:
    return meta_on(day)


def build_world(app: PlanningApp) -> World:
    w = World(app)
    i, on = w.ids, date(2011, 2, 1)
    for key, name, short, kind in [
        ("A", "Fachbereich Soziales und Integration", "FB 50", "DEPARTMENT"),
        ("B", "Fachbereich Jugend", "FB 20", "DEPARTMENT"),
        ("C", "Sozialplanung", "FB 01", "DEPARTMENT"),
        ("M", "Caritasverband", "Caritas", "WELFARE_ASSOCIATION"),
        ("F", "SPD-Fraktion", "SPD", "PARLIAMENTARY_GROUP"),
    ]:
        i[key] = app.register_organization(m(on), name=name, kind=kind, short_name=short)
    i["conference"] = app.establish_body(
        m(on), name="Sozialkonferenz", kind="SOCIAL_CONFERENCE", lead=i["C"]
    )
    i["conference_a"] = app.establish_body(
        m(on), name="Fachkonferenz A", kind="SOCIAL_CONFERENCE", lead=i["A"]
    )
    for key, lead, parent in [
        ("wg_a", "A", "conference"),
        ("wg_b", "B", "conference"),
        ("wg_conf_a", None, "conference_a"),
    ]:
        i[key] = app.establish_body(
            m(on),
            name=f"AG {key}",
            kind="CONFERENCE_WORKING_GROUP",
            parent=i[parent],
            lead=i[lead] if lead else None,
        )
    for key, lead in [("sg_a", "A"), ("sg_b", "B")]:
        i[key] = app.establish_body(
            m(on), name=f"Lenkungsgruppe {key}", kind="STEERING_GROUP", topic="T", lead=i[lead]
        )
    i["committee"] = app.establish_body(m(on), name="Sozialausschuss", kind="COMMITTEE")
    app.add_member(m(on), body=i["wg_a"], member=i["M"], role="MEMBER")
    for number in (1, 2):
        app.open_cycle(
            m(on),
            number=number,
            label=f"Zyklus {number}",
            starts_on=date(2009 + 2 * number, 9, 1),
            ends_on=date(2011 + 2 * number, 8, 31),
            conference_body=i["conference"],
            working_groups=[(i["wg_a"], "Schwerpunkt A"), (i["wg_b"], "Schwerpunkt B")],
        )
    return w


# Builders of fresh aggregates, as an administrator -------------------------------------

OWNER = {"own": "A", "foreign": "B"}


def body(w: World, whose: str, **extra: Any) -> UUID:
    return w.app.establish_body(
        m(date(2011, 3, 1)),
        name=f"Lenkungsgruppe {next(numbers)}",
        kind="STEERING_GROUP",
        topic="Wohnen",
        lead=w.ids[OWNER[whose]],
        **extra,
    )


def meeting(w: World, whose: str, *, held: bool = False, item: bool = False) -> UUID:
    found = w.app.schedule_meeting(
        m(date(2011, 4, 1)),
        body=w.ids[f"sg_{OWNER[whose].lower()}"],
        title="Sitzung",
        scheduled_for=datetime(2011, 5, 1, 15, tzinfo=BERLIN),
    )
    if item:
        w.app.add_agenda_item(m(date(2011, 4, 1)), meeting=found, number="1", title="TOP")
    if held:
        w.app.record_meeting_held(m(date(2011, 5, 1)), meeting=found, attendees=[])
    return found


def cycle(w: World, whose: str) -> int:
    number = next(numbers)
    conference = "conference_a" if whose == "own" else "conference"
    group = "wg_conf_a" if whose == "own" else "wg_a"
    w.app.open_cycle(
        m(date(2011, 2, 1)),
        number=number,
        label=f"Zyklus {number}",
        starts_on=date(2011, 9, 1),
        ends_on=date(2013, 8, 31),
        conference_body=w.ids[conference],
        working_groups=[(w.ids[group], "Schwerpunkt")],
    )
    return number


def paper(w: World, whose: str, **extra: Any) -> UUID:
    owner = OWNER[whose]
    code = "FB 50" if owner == "A" else "FB 20"
    return w.app.submit_paper(
        m(date(2011, 10, 1)),
        reference=f"{code}/{next(numbers):04d}/WP16",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen",
        date=date(2011, 10, 1),
        lead=w.ids[owner],
        **extra,
    )


def measure(w: World, whose: str, state: str = "PROPOSED") -> UUID:
    app = w.app
    found = app.propose_measure(
        m(date(2011, 9, 15)),
        cycle=1,
        working_group=w.ids[f"wg_{OWNER[whose].lower()}"],
        title=f"Maßnahme {next(numbers)}",
    )
    if state == "PROPOSED":
        return found
    on_paper = paper(w, whose)
    app.refer_measure(m(), measure=found, paper=on_paper)
    if state == "IN_DELIBERATION":
        return found
    app.decide_measure(m(), measure=found, adopted=True, body=w.ids["committee"], paper=on_paper)
    if state == "ADOPTED":
        return found
    app.start_implementation(m(), measure=found)
    if state == "IN_IMPLEMENTATION":
        return found
    app.evaluate_measure(m(date(2013, 9, 1)), measure=found, outcome="IMPLEMENTED")
    assert state == "EVALUATED"
    return found


def consultation(w: World, whose: str) -> tuple[UUID, UUID]:
    found = paper(w, whose)
    made = w.app.schedule_consultation(
        m(date(2011, 10, 2)),
        paper=found,
        body=w.ids["committee"],
        role="DECISION",
        authoritative=True,
        date=date(2011, 11, 1),
    )
    consultations = w.app.repository.get(made).consultations
    return found, consultations[-1]["id"]
