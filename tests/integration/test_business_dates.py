"""Business dates and meeting ends through the commands, on both stores: defaults taken
from the meeting or consultation, refusals that write nothing, old events still readable."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.domain.base import ValidationError
from sozialplanung.domain.meeting import Meeting

from ..conftest import meta_on
from .helpers import DECIDED_ON, World, build_world

BERLIN = ZoneInfo("Europe/Berlin")
AT = datetime(2011, 11, 24, 17, 0, tzinfo=BERLIN)


@pytest.fixture
def world(app: PlanningApp) -> World:
    return build_world(app)


def days_of(app: PlanningApp, aggregate_id: object) -> list[tuple[str, date]]:
    return [
        (type(e).__name__, e.effective_on)
        for e in app.repository.event_store.get(aggregate_id)  # type: ignore[arg-type]
    ]


def test_a_meeting_held_and_its_resolution_without_a_date_take_the_meetings_day(
    world: World,
) -> None:
    app = world.app
    meeting = app.schedule_meeting(
        meta_on(date(2011, 10, 1)), body=world.committee, title="Sitzung", scheduled_for=AT
    )
    app.add_agenda_item(meta_on(date(2011, 10, 1)), meeting=meeting, number="3", title="Maßnahmen")
    app.record_meeting_held(meta_on(None), meeting=meeting, attendees=[])
    app.record_resolution(meta_on(None), meeting=meeting, number="3", decision="APPROVED")
    assert days_of(app, meeting)[-2:] == [
        ("MeetingHeld", DECIDED_ON),
        ("ResolutionRecorded", DECIDED_ON),
    ]


def test_a_meeting_held_before_its_day_or_ahead_is_refused_and_nothing_is_written(
    world: World,
) -> None:
    app = world.app
    ahead = datetime.combine(date.today() + timedelta(days=30), AT.timetz())
    past = app.schedule_meeting(meta_on(), body=world.committee, title="Sitzung", scheduled_for=AT)
    planned = app.schedule_meeting(
        meta_on(), body=world.committee, title="Sitzung", scheduled_for=ahead
    )
    before = world.events()
    with pytest.raises(ValidationError, match="before the meeting's day") as early:
        app.record_meeting_held(meta_on(date(2011, 11, 23)), meeting=past, attendees=[])
    with pytest.raises(ValidationError, match="in the future") as future:
        app.record_meeting_held(meta_on(None), meeting=planned, attendees=[])
    assert early.value.field == future.value.field == "effectiveOn"
    assert world.events() == before


def test_measure_decisions_of_a_consultation_take_its_date(world: World) -> None:
    app = world.app
    measures = [world.referred("A"), world.referred("B")]
    app.schedule_consultation(
        meta_on(date(2011, 10, 20)),
        paper=world.paper,
        body=world.committee,
        role="DECISION",
        authoritative=True,
        date=DECIDED_ON,
    )
    consultation = app.repository.get(world.paper).consultations[-1]["id"]
    app.conclude_consultation(
        meta_on(None),
        consultation=consultation,
        decision="APPROVED",
        measure_decisions=[(measures[0], True), (measures[1], False)],
    )
    assert days_of(app, world.paper)[-1] == ("ConsultationConcluded", DECIDED_ON)
    for measure in measures:
        assert days_of(app, measure)[-1] == ("MeasureDecided", DECIDED_ON)


def test_a_consultation_concluded_ahead_of_its_date_writes_nothing(world: World) -> None:
    app = world.app
    measure = world.referred()
    app.schedule_consultation(
        meta_on(date(2011, 10, 20)),
        paper=world.paper,
        body=world.committee,
        role="DECISION",
        authoritative=True,
        date=date.today() + timedelta(days=10),
    )
    consultation = app.repository.get(world.paper).consultations[-1]["id"]
    before = world.events()
    with pytest.raises(ValidationError, match="not given: the consultation's date"):
        app.conclude_consultation(
            meta_on(None),
            consultation=consultation,
            decision="APPROVED",
            measure_decisions=[(measure, True)],
        )
    assert world.events() == before
    assert app.repository.get(measure).status == "IN_DELIBERATION"


def test_deciding_on_a_paper_takes_the_date_of_its_consultation_in_that_body(
    world: World,
) -> None:
    app = world.app
    measure = world.referred()
    app.schedule_consultation(
        meta_on(date(2011, 10, 20)),
        paper=world.paper,
        body=world.committee,
        role="DECISION",
        authoritative=True,
        date=DECIDED_ON,
    )
    app.decide_measure(
        meta_on(None), measure=measure, adopted=True, body=world.committee, paper=world.paper
    )
    app.evaluate_measure(meta_on(None), measure=measure, outcome="IMPLEMENTED")
    assert days_of(app, measure)[-2:] == [
        ("MeasureDecided", DECIDED_ON),
        ("MeasureEvaluated", date.today()),
    ]


def test_a_decision_before_the_papers_date_is_refused_and_nothing_is_written(
    world: World,
) -> None:
    measure = world.referred()
    before = world.events()
    with pytest.raises(ValidationError, match=r"before the date of paper FB 50/0150/WP16"):
        world.app.decide_measure(
            meta_on(date(2011, 10, 19)),
            measure=measure,
            adopted=True,
            body=world.committee,
            paper=world.paper,
        )
    assert world.events() == before


# Meeting ends ---------------------------------------------------------------------------


def test_a_meetings_end_is_stored_with_its_zone_and_moves_with_a_reschedule(
    world: World,
) -> None:
    app = world.app
    meeting = app.schedule_meeting(
        meta_on(),
        body=world.committee,
        title="Sitzung",
        scheduled_for=AT,
        ends_at=AT + timedelta(hours=2, minutes=30),
    )
    stored: Meeting = app.repository.get(meeting)
    assert stored.ends_at == AT + timedelta(hours=2, minutes=30)
    assert stored.ends_at.utcoffset() == timedelta(hours=1)
    app.reschedule_meeting(meta_on(), meeting=meeting, scheduled_for=AT + timedelta(days=7))
    assert app.repository.get(meeting).ends_at == AT + timedelta(days=7, hours=2, minutes=30)


def test_an_end_before_the_start_is_refused_and_nothing_is_written(world: World) -> None:
    before = world.events()
    with pytest.raises(ValidationError, match="after the start") as refused:
        world.app.schedule_meeting(
            meta_on(),
            body=world.committee,
            title="Sitzung",
            scheduled_for=AT,
            ends_at=AT - timedelta(hours=1),
        )
    assert refused.value.field == "endsAt"
    assert world.events() == before


def test_meeting_events_stored_in_version_2_read_without_an_end(world: World) -> None:
    app = world.app
    meeting = Meeting.schedule(
        meta_on(), body=app.repository.get(world.committee), title="Sitzung", scheduled_for=AT
    )
    meeting.reschedule(meta_on(), AT + timedelta(days=1))
    old = []
    for event in meeting.collect_events():
        stored = app.mapper.to_stored_event(event)
        state = json.loads(stored.state)
        assert state.pop("class_version") == 3
        del state["ends_at"]  # the shape version 2 wrote
        state["class_version"] = 2
        old.append(
            type(stored)(
                originator_id=stored.originator_id,
                originator_version=stored.originator_version,
                topic=stored.topic,
                state=json.dumps(state).encode(),
            )
        )
    app.keys.discard_staged()
    app.recorder.insert_events(old)
    read: Meeting = app.repository.get(meeting.id)
    assert (read.scheduled_for, read.ends_at) == (AT + timedelta(days=1), None)
