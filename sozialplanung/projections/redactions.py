"""Schwärzungen: which event's free text was made unreadable, when, by whom and why.

The redaction's work on the other views — rewriting them from the log now that a key is
destroyed — is the projector's (``Projector._rewrite``), as is an erasure's."""

from __future__ import annotations

from typing import Any

from ..domain.redaction import Redaction
from .database import Row
from .view import Child, View, handles

COLUMNS = {
    "id": "TEXT",
    "position": "BIGINT NOT NULL",
    "aggregate_ids": "TEXT NOT NULL",  # JSON
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}

# Each aggregate a redaction blacked out text of, and when: what OParl shows of it changed
# then, so its ``modified`` moves (projections/oparl.py) and clients' copies follow.
REDACTED_COLUMNS = {
    "redaction_id": "TEXT NOT NULL",
    "aggregate_id": "TEXT NOT NULL",
    "redacted_at": "TEXT NOT NULL",
}


def _redacted(row: Row) -> list[Row]:
    return [
        {"redaction_id": row["id"], "aggregate_id": key, "redacted_at": row["created_at"]}
        for key in row["aggregate_ids"]
    ]


class RedactionsView(View):
    aggregate = Redaction
    table = "redactions"
    columns = COLUMNS
    json_columns = ("aggregate_ids",)
    children = (Child("redacted_aggregates", REDACTED_COLUMNS, _redacted, "redaction_id"),)
    indexes = ("redactions (position)", "redacted_aggregates (aggregate_id)")

    @handles(Redaction.EventRedacted)
    def redacted(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "position": e.position,
            "aggregate_ids": [str(a) for a in e.aggregate_ids],
        }

    def about(self, aggregate_ids: list[str]) -> list[str]:
        """Redactions that blacked out text of any of these aggregates (few: read whole)."""
        wanted = set(aggregate_ids)
        return [
            row["id"]
            for row in self.db.query("SELECT id, aggregate_ids FROM redactions ORDER BY position")
            if wanted & set(self.decode(dict(row))["aggregate_ids"])
        ]
