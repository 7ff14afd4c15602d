"""Over HTTP on both stores: business dates refused as VALIDATION userErrors naming
effectiveOn and both dates, their defaults, and a meeting's end in the calendar feed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from sozialplanung.graphql.ids import uuid_of

from .client import GraphQLClient
from .world import ApiWorld, build, propose

MEETING = "meeting { id status }"


def schedule(admin: GraphQLClient, world: ApiWorld, at: str, **extra: object) -> dict:
    return admin.mutate(
        "scheduleMeeting",
        "ScheduleMeetingInput",
        MEETING,
        body=world.committee,
        title="Sitzung des Ausschusses",
        scheduledFor=at,
        **extra,
    )


def held(admin: GraphQLClient, meeting: str, **extra: object) -> dict:
    return admin.mutate(
        "recordMeetingHeld",
        "RecordMeetingHeldInput",
        MEETING,
        meeting=meeting,
        attendees=[],
        **extra,
    )


def event_days(admin: GraphQLClient, types: list[str]) -> list[str]:
    query = "query($t: [String!]) { events(filter: {types: $t}) { nodes { effectiveOn } } }"
    return [n["effectiveOn"] for n in admin.data(query, t=types)["events"]["nodes"]]


def test_a_meeting_held_without_a_date_is_dated_on_its_day(admin: GraphQLClient) -> None:
    world = build(admin)
    meeting = schedule(admin, world, "2011-11-24T17:00:00+01:00")["meeting"]["id"]
    answer = held(admin, meeting)
    assert answer["userErrors"] == []
    assert answer["meeting"]["status"] == "HELD"
    assert event_days(admin, ["MeetingHeld"]) == ["2011-11-24"]


def test_a_meeting_held_ahead_or_before_its_day_is_a_validation_error(
    admin: GraphQLClient,
) -> None:
    world = build(admin)
    ahead = (date.today() + timedelta(days=20)).isoformat()
    planned = schedule(admin, world, f"{ahead}T17:00:00+01:00")["meeting"]["id"]
    past = schedule(admin, world, "2011-11-24T17:00:00+01:00")["meeting"]["id"]
    before = admin.event_count()

    (future,) = held(admin, planned)["userErrors"]
    assert (future["code"], future["field"]) == ("VALIDATION", ["input", "effectiveOn"])
    assert f"the meeting's day, {ahead}" in future["message"]
    assert f"today is {date.today().isoformat()}" in future["message"]

    (early,) = held(admin, past, effectiveOn="2011-11-23")["userErrors"]
    assert early["code"] == "VALIDATION"
    assert "2011-11-23" in early["message"] and "2011-11-24" in early["message"]
    assert admin.event_count() == before


def test_a_decision_ahead_of_today_is_refused(admin: GraphQLClient) -> None:
    world = build(admin)
    measure = propose(admin, world)["measure"]["id"]
    paper = admin.mutate(
        "submitPaper",
        "SubmitPaperInput",
        "paper { id }",
        reference="FB 50/0150/WP16",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen",
        date="2011-10-20",
        measures=[measure],
    )["paper"]["id"]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    answer = admin.mutate(
        "decideMeasure",
        "DecideMeasureInput",
        "measure { status }",
        measure=measure,
        adopted=True,
        body=world.committee,
        paper=paper,
        effectiveOn=tomorrow,
    )
    assert answer["measure"] is None
    (error,) = answer["userErrors"]
    assert (error["code"], error["field"]) == ("VALIDATION", ["input", "effectiveOn"])
    assert tomorrow in error["message"]


def test_a_meetings_end_reaches_the_calendar_and_moves_with_it(admin: GraphQLClient) -> None:
    world = build(admin)
    with_end = schedule(
        admin,
        world,
        "2016-02-24T17:00:00+01:00",
        endsAt="2016-02-24T19:30:00+01:00",
    )
    assert with_end["userErrors"] == []
    meeting = with_end["meeting"]["id"]
    without = schedule(admin, world, "2016-03-10T17:00:00+01:00")["meeting"]["id"]
    moved = admin.mutate(
        "rescheduleMeeting",
        "RescheduleMeetingInput",
        "meeting { id }",
        meeting=meeting,
        scheduledFor="2016-03-02T16:00:00+01:00",
    )
    assert moved["userErrors"] == []

    response = admin.http.get(f"/calendar/{world.committee}.ics")
    assert response.status_code == 200
    events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).events}
    moved_event = events[f"{uuid_of(meeting, 'id')}@sozialplanung"]
    assert (moved_event.start, moved_event.end) == (
        datetime(2016, 3, 2, 15, 0, tzinfo=UTC),
        datetime(2016, 3, 2, 17, 30, tzinfo=UTC),  # the same 2½ hours, moved along
    )
    default = events[f"{uuid_of(without, 'id')}@sozialplanung"]
    assert default.end - default.start == timedelta(hours=2)


def test_an_end_before_the_start_or_without_a_zone_is_a_validation_error(
    admin: GraphQLClient,
) -> None:
    world = build(admin)
    before = admin.event_count()
    for ends_at in ("2016-02-24T16:00:00+01:00", "2016-02-24T19:00:00", "2016-02-26T17:00Z"):
        answer = schedule(admin, world, "2016-02-24T17:00:00+01:00", endsAt=ends_at)
        assert answer["meeting"] is None
        (error,) = answer["userErrors"]
        assert (error["code"], error["field"]) == ("VALIDATION", ["input", "endsAt"]), ends_at
    assert admin.event_count() == before
