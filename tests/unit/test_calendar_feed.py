"""The meetings calendar as iCalendar, built from view rows (no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from sozialplanung.feeds.calendar import DEFAULT_LENGTH, calendar_of, meeting_end
from sozialplanung.projections.database import Row

BODY: Row = {"id": "b-1", "name": "Arbeitskreis Sozialplanung"}


def meeting(key: str, status: str, version: int = 2, **extra: object) -> Row:
    start = datetime(2014, 10, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    row: Row = {
        "id": key,
        "version": version,
        "created_at": "2014-09-01T08:00:00+00:00",
        "modified_at": "2014-09-20T08:00:00+00:00",
        "title": "Sitzung",
        "starts": start.isoformat(),
        "ends": None,
        "location": None,
        "status": status,
        "agenda": [],
    }
    row.update(extra)
    return row


def parsed(*meetings: Row) -> Calendar:
    return Calendar.from_ical(calendar_of(BODY, list(meetings)).to_ical())


def test_each_meeting_is_an_event_with_its_id_as_uid_and_version_as_sequence() -> None:
    feed = parsed(meeting("m-1", "HELD", version=4), meeting("m-2", "SCHEDULED"))
    events = feed.events
    assert [str(e["UID"]) for e in events] == ["m-1@sozialplanung", "m-2@sozialplanung"]
    assert [int(e["SEQUENCE"]) for e in events] == [4, 2]
    assert {str(e["STATUS"]) for e in events} == {"CONFIRMED"}
    assert str(feed["X-WR-CALNAME"]) == "Arbeitskreis Sozialplanung"
    assert str(feed["METHOD"]) == "PUBLISH"


def test_cancelled_meeting_is_marked_cancelled_in_feed() -> None:
    (event,) = parsed(meeting("m-1", "CANCELLED")).events
    assert str(event["STATUS"]) == "CANCELLED"


def test_start_is_the_same_instant_in_utc() -> None:
    (event,) = parsed(meeting("m-1", "HELD")).events
    assert event.start == datetime(2014, 10, 1, 12, 0, tzinfo=UTC)


def test_summary_names_the_body_and_description_lists_the_agenda() -> None:
    agenda = [{"number": "3", "title": "Sozialkonferenz 2015"}]
    (event,) = parsed(meeting("m-1", "HELD", agenda=agenda, location="Verwaltungsgebäude")).events
    assert str(event["SUMMARY"]) == "Arbeitskreis Sozialplanung: Sitzung"
    assert "TOP 3: Sozialkonferenz 2015" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Verwaltungsgebäude"


def test_the_same_data_gives_the_same_feed() -> None:
    first = calendar_of(BODY, [meeting("m-1", "HELD")]).to_ical()
    assert calendar_of(BODY, [meeting("m-1", "HELD")]).to_ical() == first


START = datetime(2014, 10, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))


@pytest.mark.parametrize(
    ("end", "shown"),
    [
        (None, START + timedelta(hours=2)),  # no end recorded: two hours
        (START + timedelta(minutes=45), START + timedelta(minutes=45)),
        (START + timedelta(hours=6), START + timedelta(hours=6)),
    ],
)
def test_a_meeting_ends_when_recorded_or_two_hours_after_its_start(
    end: datetime | None, shown: datetime
) -> None:
    assert meeting_end(START, end) == shown
    assert timedelta(hours=2) == DEFAULT_LENGTH


def test_dtend_is_the_meetings_end_in_utc() -> None:
    ends = datetime(2014, 10, 1, 17, 30, tzinfo=timezone(timedelta(hours=2)))
    (event,) = parsed(meeting("m-1", "SCHEDULED", ends=ends.isoformat())).events
    assert event.end == datetime(2014, 10, 1, 15, 30, tzinfo=UTC)


def test_a_meeting_without_an_end_is_shown_two_hours_long() -> None:
    for event in parsed(meeting("m-1", "HELD"), meeting("m-2", "SCHEDULED")).events:
        assert event.end - event.start == timedelta(hours=2)
