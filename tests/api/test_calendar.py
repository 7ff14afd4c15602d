"""GET /calendar/{bodyId}.ics over HTTP on the demo data."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from sozialplanung.graphql.ids import to_global, uuid_of

from .client import GraphQLClient
from .conftest import DemoService


def feed(demo: DemoService, key: str) -> Calendar:
    response = demo.analyst.http.get(f"/calendar/{demo.global_id('Body', key)}.ics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_arbeitskreis_feed_lists_its_meetings_and_the_cancelled_one(demo: DemoService) -> None:
    events = feed(demo, "ak").events
    by_day = {e.start.date(): str(e["STATUS"]) for e in events}
    assert by_day[date(2014, 10, 1)] == "CANCELLED"
    assert by_day[date(2015, 6, 16)] == "CONFIRMED"
    meetings = demo.analyst.data(
        "query($id: ID!) { meetings(body: $id, first: 200) { totalCount } }",
        id=demo.global_id("Body", "ak"),
    )["meetings"]["totalCount"]
    assert len(events) == meetings


def test_the_feed_needs_no_token_and_holds_no_attendance(demo: DemoService) -> None:
    response = demo.analyst.as_(None).http.get(f"/calendar/{demo.global_id('Body', 'ak')}.ics")
    assert response.status_code == 200
    assert b"ATTENDEE" not in response.content


def test_uids_are_stable_and_a_reschedule_raises_the_sequence(fresh_demo: DemoService) -> None:
    before = {str(e["UID"]): e for e in feed(fresh_demo, "ausschuss").events}
    assert before.keys() == {str(e["UID"]) for e in feed(fresh_demo, "ausschuss").events}
    admin = GraphQLClient(fresh_demo.analyst.http, fresh_demo.app.tokens.create("ADMIN", "admin"))
    upcoming = admin.mutate(
        "scheduleMeeting",
        "ScheduleMeetingInput",
        "meeting { id }",
        body=fresh_demo.global_id("Body", "ausschuss"),
        title="Sitzung des Ausschusses",
        scheduledFor="2016-02-24T17:00:00+01:00",
    )["meeting"]["id"]
    uid = f"{uuid_of(upcoming, 'id')}@sozialplanung"
    first = {str(e["UID"]): e for e in feed(fresh_demo, "ausschuss").events}[uid]
    moved = admin.mutate(
        "rescheduleMeeting",
        "RescheduleMeetingInput",
        "meeting { scheduledFor }",
        meeting=upcoming,
        scheduledFor="2016-03-02T17:00:00+01:00",
    )
    assert moved["userErrors"] == []
    after = {str(e["UID"]): e for e in feed(fresh_demo, "ausschuss").events}
    assert len(after) == len(before) + 1
    assert after[uid].start.date() == date(2016, 3, 2)
    assert int(after[uid]["SEQUENCE"]) > int(first["SEQUENCE"])


def test_an_unchanged_feed_answers_304_to_its_etag(demo: DemoService) -> None:
    url = f"/calendar/{demo.global_id('Body', 'ak')}.ics"
    etag = demo.analyst.http.get(url).headers["etag"]
    assert demo.analyst.http.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_unknown_and_malformed_ids_get_404_and_400(demo: DemoService) -> None:
    http = demo.analyst.http
    unknown = to_global("Body", "00000000-0000-4000-8000-000000000000")
    assert http.get(f"/calendar/{unknown}.ics").status_code == 404
    assert http.get("/calendar/nonsense.ics").status_code == 400
    measure = http.get(f"/calendar/{demo.global_id('Measure', 'familienzentren')}.ics")
    assert measure.status_code == 400
    assert "Body" in measure.text
