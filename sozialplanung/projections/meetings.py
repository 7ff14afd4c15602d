"""Sitzungen: the calendar of each body, with agenda, attendance, minutes and resolutions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.meeting import Meeting
from .database import Row
from .paging import Page, keyset_page
from .view import Child, View, handles, ident, moment

COLUMNS = {
    "id": "TEXT",
    "body_id": "TEXT NOT NULL",
    "title": "TEXT NOT NULL",
    "scheduled_for": "TEXT NOT NULL",  # UTC, fixed width: sorts and compares as text
    "starts": "TEXT NOT NULL",  # ISO 8601 with the offset it was given in
    "ends": "TEXT",  # likewise, or null
    "location": "TEXT",
    "cycle_number": "INTEGER",
    "status": "TEXT NOT NULL",
    "minutes": "TEXT",
    "agenda": "TEXT NOT NULL",  # JSON: [{number, title, measure_id, paper_id, resolution,
    #                                    created_at, modified_at}]
    "attendees": "TEXT NOT NULL",  # JSON: [{member_id, member_type}]
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}

# An agenda item is an object of its own in OParl (AgendaItem, listed per Body): its row
# here, with its position in the agenda (``seq``) and when it was added and last changed.
AGENDA_ITEM_COLUMNS = {
    "meeting_id": "TEXT NOT NULL",
    "seq": "INTEGER NOT NULL",
    "paper_id": "TEXT",
    "measure_id": "TEXT",
    "created_at": "TEXT",
    "modified_at": "TEXT",
}


def _agenda_items(row: Row) -> list[Row]:
    return [
        {
            "meeting_id": row["id"],
            "seq": seq,
            "paper_id": item["paper_id"],
            "measure_id": item["measure_id"],
            "created_at": item.get("created_at"),
            "modified_at": item.get("modified_at"),
        }
        for seq, item in enumerate(row["agenda"])
    ]


def _times(start: datetime, end: datetime | None) -> Row:
    return {
        "scheduled_for": moment(start),
        "starts": start.isoformat(),
        "ends": end.isoformat() if end is not None else None,
    }


class MeetingsView(View):
    aggregate = Meeting
    table = "meetings"
    columns = COLUMNS
    json_columns = ("agenda", "attendees")
    children = (Child("agenda_items", AGENDA_ITEM_COLUMNS, _agenda_items, "meeting_id"),)
    indexes = ("meetings (scheduled_for, id)", "meetings (body_id, scheduled_for, id)")

    @handles(Meeting.MeetingScheduled)
    def scheduled(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "body_id": str(e.body_id),
            "title": e.title,
            **_times(e.scheduled_for, e.ends_at),
            "location": e.location,
            "cycle_number": e.cycle_number,
            "status": "SCHEDULED",
            "minutes": None,
            "agenda": [],
            "attendees": [],
        }

    @handles(Meeting.AgendaItemAdded)
    def agenda_item_added(self, row: Row, e: Any) -> Row:
        stamp = moment(e.timestamp)
        item = {
            "number": e.number,
            "title": e.title,
            "measure_id": ident(e.measure_id),
            "paper_id": ident(e.paper_id),
            "resolution": None,
            "created_at": stamp,
            "modified_at": stamp,
        }
        return {**row, "agenda": [*row["agenda"], item]}

    @handles(Meeting.MeetingRescheduled)
    def rescheduled(self, row: Row, e: Any) -> Row:
        return {**row, **_times(e.scheduled_for, e.ends_at)}

    @handles(Meeting.MeetingHeld)
    def held(self, row: Row, e: Any) -> Row:
        attendees = [
            {"member_id": str(a["member_id"]), "member_type": a["member_type"]} for a in e.attendees
        ]
        return {**row, "status": "HELD", "attendees": attendees, "minutes": e.minutes}

    @handles(Meeting.ResolutionRecorded)
    def resolution_recorded(self, row: Row, e: Any) -> Row:
        resolution = {
            "decision": e.decision,
            "text": e.text,
            "votes_for": e.votes_for,
            "votes_against": e.votes_against,
            "abstentions": e.abstentions,
        }
        stamp = moment(e.timestamp)
        agenda = [
            {**item, "resolution": resolution, "modified_at": stamp}
            if item["number"] == e.number
            else item
            for item in row["agenda"]
        ]
        return {**row, "agenda": agenda}

    @handles(Meeting.MeetingCancelled)
    def cancelled(self, row: Row, e: Any) -> Row:
        return {**row, "status": "CANCELLED"}

    @staticmethod
    def from_aggregate(meeting: Meeting) -> Row:
        return {
            "id": str(meeting.id),
            "body_id": str(meeting.body_id),
            "title": meeting.title,
            **_times(meeting.scheduled_for, meeting.ends_at),
            "location": meeting.location,
            "cycle_number": meeting.cycle_number,
            "status": meeting.status,
            "minutes": meeting.minutes,
            "agenda": [
                {
                    "number": item["number"],
                    "title": item["title"],
                    "measure_id": ident(item["measure_id"]),
                    "paper_id": ident(item["paper_id"]),
                    "resolution": item["resolution"],
                }
                for item in meeting.agenda
            ],
            "attendees": [
                {"member_id": str(a["member_id"]), "member_type": a["member_type"]}
                for a in meeting.attendees
            ],
        }

    # Questions ---------------------------------------------------------------------------

    def page(
        self,
        *,
        body: str | None,
        starting: datetime | None,
        before: datetime | None,
        first: int | None,
        after: str | None,
    ) -> Page:
        where: list[str] = []
        params: list[Any] = []
        if body is not None:
            where.append("body_id = ?")
            params.append(body)
        if starting is not None:
            where.append("scheduled_for >= ?")
            params.append(moment(starting))
        if before is not None:
            where.append("scheduled_for < ?")
            params.append(moment(before))
        return keyset_page(
            self.db,
            self,
            ["scheduled_for", "id"],
            where=where,
            params=params,
            first=first,
            after=after,
        )

    def of_body(self, body: str) -> list[Row]:
        """Every meeting of a body in time order (its calendar feed)."""
        rows = self.db.query(
            "SELECT * FROM meetings WHERE body_id = ? ORDER BY scheduled_for, id", [body]
        )
        return self.decode_all(rows)

    def dates(self) -> list[Row]:
        """(body_id, scheduled_for, status) of every meeting (the council paper's rules)."""
        return self.db.query("SELECT body_id, scheduled_for, status FROM meetings")
