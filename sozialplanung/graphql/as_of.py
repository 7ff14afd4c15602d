"""Time travel: objects as the system had recorded them at a moment (`asOf: DateTime`) or at a
version, replayed from the event store (snapshots make long histories cheap).

This is recorded time: what the system knew then. The business date of a change
(`effectiveOn`, `members(asOf: Date)`) is a different axis; see the README.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from ..projections.documents import moment, state_of
from ..projections.queries import Document
from ..projections.statistics import term_rows
from .context import Info


async def document_as_of(
    info: Info, key: str, as_of: datetime | None, version: int | None
) -> Document | None:
    """The aggregate as recorded at that time or version; the current view without either."""
    if as_of is None and version is None:
        return await info.context.document(key)
    context = info.context
    if as_of is not None:
        version = await context.run(context.queries.version_at, key, as_of)
        if version is None:
            return None
    if version is not None and version < 1:
        return None
    return await context.run(_replay, info, key, version)


def _replay(info: Info, key: str, version: int | None) -> Document | None:
    app = info.context.app
    try:
        with app.keys.reading():  # each record's key fetched once for this replay
            aggregate = app.repository.get(UUID(key), version=version)
    except AggregateNotFoundError:
        return None
    if version is not None and aggregate.version < version:
        return None  # that version was never recorded (the store answers the latest one)
    return Document(
        key,
        type(aggregate).__name__,
        aggregate.version,
        moment(aggregate.created_on),
        moment(aggregate.modified_on),
        state_of(aggregate),
    )


async def cycle_measures_as_of(info: Info, number: int, as_of: datetime) -> list[Document]:
    """The measures that had a term in the cycle by then, each as recorded then.

    Terms are only ever added, so today's terms of the cycle name every candidate.
    """
    queries = info.context.queries
    candidates = sorted(
        {row["measure_id"] for row in await info.context.run(queries.terms_of_cycle, number)}
    )
    versions = await info.context.run(queries.versions_at, candidates, as_of)

    def replay_all() -> list[Document]:
        replayed = (_replay(info, key, version) for key, version in sorted(versions.items()))
        return [
            document
            for document in replayed
            if document is not None
            and any(term["cycle"] == number for term in document.state["terms"])
        ]

    return await info.context.run(replay_all)


def terms_in_cycle(documents: list[Document], number: int) -> list[dict[str, Any]]:
    """The `measure_terms` rows of these measures for one cycle, as the statistics count them."""
    return [
        row
        for document in documents
        for row in term_rows(document.id, document.state["terms"])
        if row["cycle_number"] == number
    ]
