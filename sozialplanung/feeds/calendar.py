"""Sitzungskalender: a body's meetings as an iCalendar feed (RFC 5545).

Calendar programs poll the feed and match events by UID: the UID is the meeting's id, so a
rescheduled meeting moves instead of appearing twice, and SEQUENCE (the meeting's version)
tells them which copy is newer. Cancelled meetings stay in the feed as STATUS:CANCELLED so
that subscribers see the cancellation. Only public facts enter: no attendance, no minutes.
DTEND is the meeting's end (``endsAt``); a meeting that names none is shown two hours long
(``DEFAULT_LENGTH``), so that calendars block the afternoon rather than show a dot.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import STATUS as EventStatus
from icalendar import Calendar, Event

from ..projections.database import Row

PRODID = "-//Sozialplanung//Sitzungskalender//DE"
STATUS = {
    "SCHEDULED": EventStatus.CONFIRMED,
    "HELD": EventStatus.CONFIRMED,
    "CANCELLED": EventStatus.CANCELLED,
}
DEFAULT_LENGTH = timedelta(hours=2)


def meeting_end(start: datetime, end: datetime | None) -> datetime:
    """When the calendar shows the meeting ending: its recorded end, else two hours on."""
    return end if end is not None else start + DEFAULT_LENGTH


def meeting_uid(meeting_id: str) -> str:
    return f"{meeting_id}@sozialplanung"


def calendar_of(body: Row, meetings: list[Row]) -> Calendar:
    """The calendar of a body's rows (the bodies and meetings views)."""
    name = body["name"]
    calendar = Calendar.new(
        prodid=PRODID, name=name, method="PUBLISH", uid=f"{body['id']}@sozialplanung"
    )
    # Times are UTC (no VTIMEZONE needed); calendar programs show them in local time.
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for meeting in meetings:
        calendar.add_component(_event(name, meeting))
    return calendar


def _event(body_name: str, meeting: Row) -> Event:
    title = meeting["title"]
    start = _moment(meeting["starts"]).astimezone(UTC)
    ends = meeting["ends"]
    end = meeting_end(start, _moment(ends) if ends else None).astimezone(UTC)
    return Event.new(
        uid=meeting_uid(meeting["id"]),
        # The meeting's last change, not the request time: the same data gives the same feed.
        stamp=_moment(meeting["modified_at"]),
        created=_moment(meeting["created_at"]),
        last_modified=_moment(meeting["modified_at"]),
        sequence=meeting["version"],
        summary=title if body_name in title else f"{body_name}: {title}",
        start=start,
        end=end,
        status=STATUS[meeting["status"]],
        categories=[body_name],
        location=meeting["location"],
        description=_agenda(meeting["agenda"]),
    )


def _agenda(items: list[dict]) -> str | None:
    """Die Tagesordnung, one line per item."""
    if not items:
        return None
    return "Tagesordnung:\n" + "\n".join(f"TOP {i['number']}: {i['title']}" for i in items)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)
