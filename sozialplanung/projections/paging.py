"""Keyset pages over a view (never offsets): rows after the cursor's sort values."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
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
    """A page of rows. Its cursors and its total are worked out when first asked for: most
    readers want neither, and the total of a filtered list costs a count over the view."""

    rows: list[Row]
    order: list[str]
    has_next: bool
    has_previous: bool
    counted: int | Callable[[], int]

    @cached_property
    def cursors(self) -> list[str]:
        return [encode_cursor([row[c] for c in self.order]) for row in self.rows]

    @cached_property
    def total(self) -> int:
        """Every row the list holds (a query, the first time, for a page of a view)."""
        return self.counted if isinstance(self.counted, int) else self.counted()


class Paged(Protocol):
    @property
    def table(self) -> str: ...  # a view's class variable will do

    def decode_all(self, rows: list[Row]) -> list[Row]: ...


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
    filtering = (f" WHERE {' AND '.join(conditions)}" if conditions else "", list(values))

    def count() -> int:
        found = db.query_one(f"SELECT COUNT(*) AS n FROM {view.table}{filtering[0]}", filtering[1])
        return int(found["n"]) if found else 0

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
    rows = view.decode_all(rows[:size])
    return Page(rows, order, has_next, after is not None, count)


def page_of_rows(
    rows: list[Row], order: list[str], *, first: int | None = None, after: str | None = None
) -> Page:
    """The same keyset page over rows computed in memory (e.g. replayed "as of" a time)."""
    size = page_size(first)
    ordered = sorted(rows, key=lambda row: [row[c] for c in order])
    if after is not None:
        start = decode_cursor(after, len(order))
        ordered = [row for row in ordered if [row[c] for c in order] > start]
    return Page(ordered[:size], order, len(ordered) > size, after is not None, len(rows))
