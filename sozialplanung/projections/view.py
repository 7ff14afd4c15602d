"""What every view shares: a row per aggregate, one handler per event type, a batch that
writes each touched row once.

A view answers one kind of question (the measures of a cycle, the members of a body …). It
owns its tables, and its handlers turn an event into the next state of one row — a plain
dict of JSON-ready values (ids and dates as strings, lists of dicts), never the aggregate's
private state. The projector hands each event to the view of its aggregate; a view keeps the
rows of a batch in memory and writes each touched row once when the batch ends, with
multi-row statements, in the transaction that also moves the tracking position.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum, auto
from typing import Any, ClassVar, TypeVar
from uuid import UUID

import orjson

from ..domain.base import PlanningAggregate
from .database import Cursor, Row, ViewDatabase

Handler = Callable[[Any, "Row | None", Any], "Row"]
# A handler as written: its row is ``Row`` when the event never starts an aggregate.
H = TypeVar("H", bound=Callable[..., "Row"])


def moment(value: datetime) -> str:
    """UTC with fixed width, so that text order is time order."""
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    # Without a timespec, isoformat is twice as fast, and writes the same unless the
    # microseconds are zero (a load formats a million of these: bench.rebuild).
    return value.isoformat() if value.microsecond else value.isoformat(timespec="microseconds")


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def ident(value: UUID | str | None) -> str | None:
    return None if value is None else str(value)


def plain(value: Any) -> Any:
    """JSON-ready values: ids and dates as strings, tuples as lists."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def copy_rows(table: str, source: str) -> str:
    """SQL adding every row of ``table`` in the attached database ``source``."""
    return f"INSERT INTO {table} SELECT * FROM {source}.{table}"


def handles(*event_classes: type) -> Callable[[H], H]:
    """Marks a view method as the handler of these event classes."""

    def mark(method: H) -> H:
        # A function takes attributes, but its type declares none.
        method._handles = event_classes  # type: ignore[attr-defined]
        return method

    return mark


@dataclass(frozen=True)
class Child:
    """A table of rows derived from a list in the main row (memberships of a body …)."""

    table: str
    columns: dict[str, str]
    rows: Callable[[Row], list[Row]]
    parent: str  # the column naming the main row


class View:
    """One view: its main table (a row per aggregate, key ``id``), child tables derived from
    the row, and its handlers."""

    aggregate: ClassVar[type[PlanningAggregate]]
    name: ClassVar[str]  # the aggregate's name, as the audit log shows its type
    table: ClassVar[str]
    columns: ClassVar[dict[str, str]]  # column → SQL type; JSON columns hold lists/dicts
    json_columns: ClassVar[tuple[str, ...]] = ()
    children: ClassVar[tuple[Child, ...]] = ()
    indexes: ClassVar[tuple[str, ...]] = ()
    handlers: ClassVar[dict[type, Handler]]

    def __init__(self, db: ViewDatabase | None = None):
        self._db = db

    @property
    def db(self) -> ViewDatabase:
        """The database the view's questions read (the API's; the projector writes through
        its cursor)."""
        assert self._db is not None, "a view asked a question without its database"
        return self._db

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.name = cls.aggregate.__name__
        cls.handlers = {}
        for value in vars(cls).values():
            for event_class in getattr(value, "_handles", ()):
                cls.handlers[event_class] = value

    # The tables --------------------------------------------------------------------------

    @classmethod
    def tables(cls) -> dict[str, str]:
        found = {cls.table: _ddl(cls.columns, "id")}
        for child in cls.children:
            found[child.table] = _ddl(child.columns, None)
        return found

    @classmethod
    def merging(cls, source: str) -> list[str]:
        """SQL adding the rows of the view's tables in the attached database ``source``:
        another part of a load in parts (partition.py), which holds other aggregates' rows."""
        return [copy_rows(table, source) for table in cls.tables()]

    # Applying events ---------------------------------------------------------------------

    def apply(self, row: Row | None, event: Any, stamp: str | None = None) -> Row:
        """The row after the event, with the bookkeeping every row carries (``stamp``: the
        event's ``moment``, when the caller has it already)."""
        handler = self.handlers.get(type(event))
        if handler is None:
            raise LookupError(
                f"{type(self).__name__} has no handler for {type(event).__qualname__}: "
                "every event of a registered aggregate needs one (projections/view.py)."
            )
        after = handler(self, row, event)  # handlers build a new row, never change this one
        stamp = stamp or moment(event.timestamp)
        after["version"] = event.originator_version
        after["modified_at"] = stamp
        if row is None:
            after["created_at"] = stamp
        return after

    def replay(self, events: Iterable[Any]) -> Row | None:
        row: Row | None = None
        for event in events:
            row = self.apply(row, event)
        return row

    # Writing a batch ---------------------------------------------------------------------

    def flush(self, cursor: Cursor, before: dict[str, Row | None], after: dict[str, Row]) -> None:
        """Writes the rows the batch touched: each once, with multi-row statements."""
        if not after:
            return
        names = list(self.columns)
        cursor.executemany(
            f"INSERT INTO {self.table} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)}) ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{n} = excluded.{n}" for n in names if n != "id"),
            [self.encode(row) for row in after.values()],
        )
        for child in self.children:
            changed = [k for k, row in after.items() if child.rows(row) != _rows(child, before, k)]
            if not changed:
                continue
            cursor.executemany(
                f"DELETE FROM {child.table} WHERE {child.parent} = ?", [[k] for k in changed]
            )
            rows = [r for k in changed for r in child.rows(after[k])]
            if rows:
                columns = list(child.columns)
                cursor.executemany(
                    f"INSERT INTO {child.table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [[r[c] for c in columns] for r in rows],
                )
        self.after_flush(cursor, before, after)

    def after_flush(
        self, cursor: Cursor, before: dict[str, Row | None], after: dict[str, Row]
    ) -> None:
        """What a view derives from the change of its rows (counters, for one)."""

    def encode(self, row: Row) -> list[Any]:
        return [
            orjson.dumps(row[c]).decode() if c in self.json_columns else row[c]
            for c in self.columns
        ]

    def decode(self, row: Row) -> Row:
        """A stored row as the handlers and the API read it (JSON columns opened)."""
        for column in self.json_columns:
            if row.get(column) is not None:
                row[column] = orjson.loads(row[column])
        return row

    def decode_all(self, rows: list[Row]) -> list[Row]:
        """Stored rows as :meth:`decode` opens them, with one JSON parse for all their JSON
        columns: a page of 50 measures holds 250 small documents, and parsing them as one
        array takes a third less time than one by one (most of it was the calls)."""
        columns = self.json_columns
        if not columns or len(rows) < 2:
            return [self.decode(row) for row in rows]
        texts = [row[c] or "null" for row in rows for c in columns]
        values = orjson.loads("[" + ",".join(texts) + "]")
        if len(values) != len(texts):  # not one document each: the rows say which is wrong
            return [self.decode(row) for row in rows]
        width = len(columns)
        for start, row in zip(range(0, len(values), width), rows, strict=True):
            row.update(zip(columns, values[start : start + width], strict=True))
        return rows

    def load(self, db_cursor: Cursor, keys: Sequence[str]) -> dict[str, Row]:
        found: dict[str, Row] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            db_cursor.execute(
                f"SELECT * FROM {self.table} WHERE id IN ({', '.join('?' for _ in chunk)})",
                list(chunk),
            )
            for row in self.decode_all(db_cursor.dicts()):
                found[row["id"]] = row
        return found

    def by_ids(self, keys: Sequence[str]) -> dict[str, Row]:
        with self.db.read() as cursor:
            return self.load(cursor, list(keys))


def _rows(child: Child, before: dict[str, Row | None], key: str) -> list[Row]:
    row = before.get(key)
    return child.rows(row) if row is not None else []


def _ddl(columns: dict[str, str], key: str | None) -> str:
    parts = [f"{name} {kind}" for name, kind in columns.items()]
    if key is not None:
        parts[list(columns).index(key)] += " PRIMARY KEY"
    return ", ".join(parts)


class RowCache:
    """The rows the projector touched lately, kept across batches (it is the views' only
    writer, so they cannot go stale): a rebuild reads each row from the database once."""

    def __init__(self, size: int = 20_000):
        self.size = size
        self.rows: OrderedDict[tuple[str, str], Row | None] = OrderedDict()

    def get(self, view: str, key: str) -> tuple[bool, Row | None]:
        found = self.rows.get((view, key), _Missing.MISSING)
        if found is _Missing.MISSING:
            return False, None
        self.rows.move_to_end((view, key))
        return True, found

    def put(self, view: str, key: str, row: Row | None) -> None:
        self.rows[(view, key)] = row
        self.rows.move_to_end((view, key))
        while len(self.rows) > self.size:
            self.rows.popitem(last=False)

    def clear(self) -> None:
        self.rows.clear()


class _Missing(Enum):
    """A row the cache does not hold (None is a value it may hold)."""

    MISSING = auto()


@dataclass
class Batch:
    """The rows of one batch, per view: as they were before it, and as they are now."""

    before: dict[str, dict[str, Row | None]] = field(default_factory=dict)
    after: dict[str, dict[str, Row]] = field(default_factory=dict)
