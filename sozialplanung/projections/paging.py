"""Keyset pages over a view (never offsets): rows after the cursor's sort values."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any, Protocol

from .database import Row

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


class Paged(Protocol):
    table: str

    def decode(self, row: Row) -> Row: ...


def keyset_page(
    db: Any,
    view: Paged,
    order: list[str],
    *,
    where: list[str] | None = None,
    params: list[Any] | None = None,
    first: int | None = None,
    after: str | None = None,
) -> Page:
    """A page of the view's rows in ``order``, after the cursor."""
    size = page_size(first)
    conditions, values = list(where or []), list(params or [])
    total_row = db.query_one(
        f"SELECT COUNT(*) AS n FROM {view.table}"
        + (f" WHERE {' AND '.join(conditions)}" if conditions else ""),
        values,
    )
    total = int(total_row["n"]) if total_row else 0
    if after is not None:
        conditions.append(f"({', '.join(order)}) > ({', '.join('?' for _ in order)})")
        values += decode_cursor(after, len(order))
    rows = db.query(
        f"SELECT * FROM {view.table}"
        + (f" WHERE {' AND '.join(conditions)}" if conditions else "")
        + f" ORDER BY {', '.join(order)} LIMIT {size + 1}",
        values,
    )
    has_next = len(rows) > size
    rows = [view.decode(row) for row in rows[:size]]
    cursors = [encode_cursor([row[c] for c in order]) for row in rows]
    return Page(rows, cursors, has_next, after is not None, total)


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
