"""Zyklen: their period, conference, working groups with their focus, and status."""

from __future__ import annotations

from typing import Any

from ..domain.cycle import Cycle
from .database import Row
from .paging import Page, keyset_page
from .view import View, day, handles, ident

COLUMNS = {
    "id": "TEXT",
    "number": "INTEGER NOT NULL UNIQUE",
    "label": "TEXT NOT NULL",
    "starts_on": "TEXT NOT NULL",
    "ends_on": "TEXT NOT NULL",
    "conference_body_id": "TEXT NOT NULL",
    "conference_meeting_id": "TEXT",
    "status": "TEXT NOT NULL",
    "working_groups": "TEXT NOT NULL",  # JSON: [{body_id, focus}]
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}


class CyclesView(View):
    aggregate = Cycle
    table = "cycles"
    columns = COLUMNS
    json_columns = ("working_groups",)

    @handles(Cycle.CycleOpened)
    def opened(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "number": e.number,
            "label": e.label,
            "starts_on": day(e.starts_on),
            "ends_on": day(e.ends_on),
            "conference_body_id": str(e.conference_body_id),
            "conference_meeting_id": None,
            "status": "OPEN",
            "working_groups": [
                {"body_id": str(g["body_id"]), "focus": g["focus"]} for g in e.working_groups
            ],
        }

    @handles(Cycle.WorkingGroupAssigned)
    def working_group_assigned(self, row: Row, e: Any) -> Row:
        body, groups = str(e.body_id), [dict(g) for g in row["working_groups"]]
        for group in groups:
            if group["body_id"] == body:
                group["focus"] = e.focus
                break
        else:
            groups.append({"body_id": body, "focus": e.focus})
        return {**row, "working_groups": groups}

    @handles(Cycle.ConferenceHeld)
    def conference_held(self, row: Row, e: Any) -> Row:
        return {**row, "conference_meeting_id": str(e.meeting_id), "status": "CONFERENCE_HELD"}

    @handles(Cycle.CycleClosed)
    def closed(self, row: Row, e: Any) -> Row:
        return {**row, "status": "CLOSED"}

    @staticmethod
    def from_aggregate(cycle: Cycle) -> Row:
        return {
            "id": str(cycle.id),
            "number": cycle.number,
            "label": cycle.label,
            "starts_on": day(cycle.starts_on),
            "ends_on": day(cycle.ends_on),
            "conference_body_id": str(cycle.conference_body_id),
            "conference_meeting_id": ident(cycle.conference_meeting_id),
            "status": cycle.status,
            "working_groups": [
                {"body_id": str(g["body_id"]), "focus": g["focus"]} for g in cycle.working_groups
            ],
        }

    # Questions ---------------------------------------------------------------------------

    def page(self, *, first: int | None, after: str | None) -> Page:
        return keyset_page(self.db, self, ["number"], first=first, after=after)

    def by_numbers(self, numbers: list[int]) -> dict[int, Row]:
        if not numbers:
            return {}
        rows = self.db.query(
            f"SELECT * FROM cycles WHERE number IN ({', '.join('?' for _ in numbers)})", numbers
        )
        return {row["number"]: row for row in self.decode_all(rows)}

    def numbers(self) -> list[int]:
        return [row["number"] for row in self.db.query("SELECT number FROM cycles ORDER BY number")]

    def all(self) -> list[Row]:
        return self.decode_all(self.db.query("SELECT * FROM cycles ORDER BY number"))
