"""Time travel: objects as the system had recorded them at a moment (`asOf: DateTime`) or at a
version, replayed from the event store (snapshots make long histories cheap) and mapped to
their view's row, so the API shows them exactly as it shows the current state.

This is recorded time: what the system knew then. The business date of a change
(`effectiveOn`, `members(asOf: Date)`) is a different axis; see the README.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from ..domain.base import PlanningAggregate
from ..projections.database import Row
from ..projections.registry import VIEWS
from ..projections.view import moment
from .context import Info

ROW_OF: dict[str, Any] = {
    view.aggregate.__name__: view.from_aggregate
    for view in VIEWS
    if hasattr(view, "from_aggregate")
}


async def row_as_of(
    info: Info, key: str, as_of: datetime | None, version: int | None
) -> Row | None:
    """The aggregate's row as recorded at that time or version."""
    context = info.context
    if as_of is not None:
        version = await context.run(context.queries.audit.version_at, key, as_of)
        if version is None:
            return None
    if version is not None and version < 1:
        return None
    return await context.run(replay, info, key, version)


def replay(info: Info, key: str, version: int | None) -> Row | None:
    """The aggregate at a version, as its view's row (``_type``: which view)."""
    app = info.context.app
    try:
        with app.keys.reading():  # each record's key fetched once for this replay
            aggregate: PlanningAggregate = app.repository.get(UUID(key), version=version)
    except AggregateNotFoundError:
        return None
    if version is not None and aggregate.version < version:
        return None  # that version was never recorded (the store answers the latest one)
    mapper = ROW_OF.get(type(aggregate).__name__)
    if mapper is None:
        return None
    row: Row = mapper(aggregate)
    return {
        **row,
        "_type": type(aggregate).__name__,
        "version": aggregate.version,
        "created_at": moment(aggregate.created_on),
        "modified_at": moment(aggregate.modified_on),
    }


async def cycle_measures_as_of(info: Info, number: int, as_of: datetime) -> list[Row]:
    """The measures that had a term in the cycle by then, each as recorded then.

    Terms are only ever added, so today's measures of the cycle name every candidate."""
    queries = info.context.queries
    candidates: list[str] = []
    after: str | None = None
    while True:
        page = await info.context.run(
            lambda a=after: queries.measures.in_cycle(number, first=200, after=a)
        )
        candidates += [row["id"] for row in page.rows]
        if not page.has_next:
            break
        after = page.cursors[-1]
    versions = await info.context.run(queries.audit.versions_at, candidates, as_of)

    def replay_all() -> list[Row]:
        replayed = (replay(info, key, version) for key, version in sorted(versions.items()))
        return [
            row
            for row in replayed
            if row is not None and any(t["cycle"] == number for t in row["terms"])
        ]

    return await info.context.run(replay_all)
