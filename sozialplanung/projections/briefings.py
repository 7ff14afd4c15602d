"""Informationen der Fraktionen: which parliamentary groups were told about a measure or paper."""

from __future__ import annotations

from typing import Any

from ..domain.briefing import Briefing
from .database import Row
from .view import View, day, handles

COLUMNS = {
    "id": "TEXT",
    "subject_id": "TEXT NOT NULL",
    "subject_type": "TEXT NOT NULL",
    "group_ids": "TEXT NOT NULL",  # JSON
    "channel": "TEXT NOT NULL",
    "note": "TEXT",
    "effective_on": "TEXT NOT NULL",
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}


class BriefingsView(View):
    aggregate = Briefing
    table = "briefings"
    columns = COLUMNS
    json_columns = ("group_ids",)
    indexes = ("briefings (subject_id)",)

    @handles(Briefing.ParliamentaryGroupsInformed)
    def informed(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "subject_id": str(e.subject_id),
            "subject_type": e.subject_type,
            "group_ids": [str(g) for g in e.group_ids],
            "channel": e.channel,
            "note": e.note,
            "effective_on": day(e.effective_on),
        }

    def about(self, subjects: list[str]) -> list[str]:
        """Briefings about any of these measures or papers."""
        if not subjects:
            return []
        marks = ", ".join("?" for _ in subjects)
        rows = self.db.query(
            f"SELECT id FROM briefings WHERE subject_id IN ({marks}) ORDER BY id", subjects
        )
        return [row["id"] for row in rows]
