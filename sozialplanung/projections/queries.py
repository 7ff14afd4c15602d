"""Reads for the API: documents by id and keyset pages over the views. Synchronous; the
API calls them from worker threads."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .database import Row, ViewDatabase
from .documents import DocumentCodec, moment

MAX_PAGE = 200
DEFAULT_PAGE = 50


class BadPaging(ValueError):
    """A page asked for with arguments no list can serve (a foreign cursor, first < 0)."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def decode_cursor(cursor: str, width: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        raise BadPaging(f"{cursor!r} is not a cursor of this list.", "after") from None
    if not isinstance(values, list) or len(values) != width:
        raise BadPaging(f"{cursor!r} is not a cursor of this list.", "after")
    return values


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 0:
        raise BadPaging(f"first must be 0 or more, not {first}.", "first")
    return min(first, MAX_PAGE)


@dataclass
class Page:
    rows: list[Row]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    total: int


@dataclass
class Document:
    id: str
    type: str
    version: int
    created_at: str
    modified_at: str
    state: dict[str, Any]


class ReadQueries:
    def __init__(self, db: ViewDatabase, codec: DocumentCodec):
        self.db = db
        self.codec = codec

    # Documents -----------------------------------------------------------------------

    def documents(self, ids: list[str]) -> dict[str, Document]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = self.db.query(f"SELECT * FROM documents WHERE id IN ({marks})", ids)
        return {
            row["id"]: Document(
                row["id"],
                row["type"],
                row["version"],
                row["created_at"],
                row["modified_at"],
                self.codec.state(row["state"]),
            )
            for row in rows
        }

    # Pages ---------------------------------------------------------------------------

    def page(
        self,
        table: str,
        order: list[str],
        *,
        where: list[str] | None = None,
        params: list[Any] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Page:
        """Keyset pagination: rows after the cursor's sort values, never an offset."""
        size = page_size(first)
        conditions, values = list(where or []), list(params or [])
        total_row = self.db.query_one(
            f"SELECT COUNT(*) AS n FROM {table}"
            + (f" WHERE {' AND '.join(conditions)}" if conditions else ""),
            values,
        )
        total = int(total_row["n"]) if total_row else 0
        if after is not None:
            conditions.append(f"({', '.join(order)}) > ({', '.join('?' for _ in order)})")
            values += decode_cursor(after, len(order))
        sql = (
            f"SELECT * FROM {table}"
            + (f" WHERE {' AND '.join(conditions)}" if conditions else "")
            + f" ORDER BY {', '.join(order)} LIMIT {size + 1}"
        )
        rows = self.db.query(sql, values)
        has_next = len(rows) > size
        rows = rows[:size]
        cursors = [encode_cursor([row[c] for c in order]) for row in rows]
        return Page(rows, cursors, has_next, after is not None, total)

    @staticmethod
    def page_of_rows(
        rows: list[Row], order: list[str], *, first: int | None = None, after: str | None = None
    ) -> Page:
        """The same keyset page over rows computed in memory (e.g. replayed "as of" a time)."""
        size = page_size(first)
        ordered = sorted(rows, key=lambda row: [row[c] for c in order])
        if after is not None:
            start = decode_cursor(after, len(order))
            ordered = [row for row in ordered if [row[c] for c in order] > start]
        chosen = ordered[:size]
        cursors = [encode_cursor([row[c] for c in order]) for row in chosen]
        return Page(chosen, cursors, len(ordered) > size, after is not None, len(rows))

    # Specific reads ------------------------------------------------------------------

    def cycle_numbers(self) -> list[int]:
        return [row["number"] for row in self.db.query("SELECT number FROM cycles ORDER BY number")]

    def cycles_with_labels(self) -> list[tuple[int, str]]:
        """Every cycle's number and label, in order (the landing page's report links)."""
        rows = self.db.query(
            "SELECT cycles.number, documents.state FROM cycles"
            " JOIN documents ON documents.id = cycles.id ORDER BY cycles.number"
        )
        return [(row["number"], self.codec.state(row["state"])["label"]) for row in rows]

    def active_bodies(self, on: date) -> list[Row]:
        """Bodies established by that day and not dissolved, by name: id, name, kind."""
        return self.db.query(
            "SELECT id, name, kind FROM bodies WHERE established_on <= ?"
            " AND (dissolved_on IS NULL OR dissolved_on > ?) ORDER BY name, id",
            [on.isoformat(), on.isoformat()],
        )

    def cycle_id(self, number: int) -> str | None:
        row = self.db.query_one("SELECT id FROM cycles WHERE number = ?", [number])
        return row["id"] if row else None

    def terms_of_cycle(self, number: int) -> list[Row]:
        return self.db.query(
            "SELECT * FROM measure_terms WHERE cycle_number = ? ORDER BY measure_id, seq", [number]
        )

    def meetings_of_body(self, body_id: str) -> list[str]:
        rows = self.db.query(
            "SELECT id FROM meetings WHERE body_id = ? ORDER BY scheduled_for, id", [body_id]
        )
        return [row["id"] for row in rows]

    def measures_of_paper(self, paper_id: str) -> list[str]:
        return [
            row["measure_id"]
            for row in self.db.query(
                "SELECT measure_id FROM measure_papers WHERE paper_id = ? ORDER BY measure_id",
                [paper_id],
            )
        ]

    def paper_by_reference(self, reference: str) -> str | None:
        # A reference freed by a withdrawal may name a newer paper: the current one first.
        row = self.db.query_one(
            "SELECT id FROM papers WHERE LOWER(reference) = LOWER(?) "
            "ORDER BY withdrawn, date DESC, id LIMIT 1",
            [" ".join(reference.split())],
        )
        return row["id"] if row else None

    def version_at(self, aggregate_id: str, recorded: datetime) -> int | None:
        row = self.db.query_one(
            "SELECT MAX(version) AS v FROM events WHERE aggregate_id = ? AND recorded_at <= ?",
            [aggregate_id, moment(recorded)],
        )
        return row["v"] if row and row["v"] is not None else None

    def versions_at(self, aggregate_ids: list[str], recorded: datetime) -> dict[str, int]:
        """Each aggregate's last version recorded by then; absent if it did not exist yet."""
        if not aggregate_ids:
            return {}
        marks = ", ".join("?" for _ in aggregate_ids)
        rows = self.db.query(
            f"SELECT aggregate_id, MAX(version) AS v FROM events WHERE aggregate_id IN ({marks})"
            " AND recorded_at <= ? GROUP BY aggregate_id",
            [*aggregate_ids, moment(recorded)],
        )
        return {row["aggregate_id"]: int(row["v"]) for row in rows}

    def events_by_position(self, positions: list[int]) -> list[Row]:
        if not positions:
            return []
        marks = ", ".join("?" for _ in positions)
        return self.db.query(
            f"SELECT * FROM events WHERE position IN ({marks}) ORDER BY position", positions
        )

    def events_of(self, aggregate_ids: list[str]) -> list[Row]:
        if not aggregate_ids:
            return []
        marks = ", ".join("?" for _ in aggregate_ids)
        return self.db.query(
            f"SELECT * FROM events WHERE aggregate_id IN ({marks}) ORDER BY position", aggregate_ids
        )

    def briefings_about(self, subject_ids: list[str]) -> list[str]:
        """Briefings of the parliamentary groups about any of these measures or papers."""
        rows = self.db.query(
            "SELECT aggregate_id, payload FROM events WHERE type = 'ParliamentaryGroupsInformed'"
        )
        wanted = set(subject_ids)
        return [
            row["aggregate_id"]
            for row in rows
            if json.loads(row["payload"])["subject_id"] in wanted
        ]
