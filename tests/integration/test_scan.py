"""A load reads the log through the ledger's ``scan``: what ``select_notifications`` reads,
on both stores — except that, for a load in parts, an event of an aggregate the load passes
by keeps its id as text (as ``str(UUID)`` writes it), never decoded."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sozialplanung.application import PlanningApp
from sozialplanung.projections import partition

from .helpers import build_world


def _as_read(notifications: Any) -> list[tuple[Any, ...]]:
    return [
        (n.id, n.originator_id, n.originator_version, n.topic, bytes(n.state))
        for n in notifications
    ]


def test_scan_reads_what_select_notifications_reads(app: PlanningApp) -> None:
    build_world(app)
    last = app.recorder.max_notification_id() or 0
    library = _as_read(app.recorder.select_notifications(start=1, limit=last))
    assert _as_read(app.recorder.scan(1, last)) == library  # type: ignore[attr-defined]
    assert last >= 7
    # From a start, up to a stop, at most a limit, as the library counts them.
    for start, limit, stop in ((2, 3, None), (2, 3, last - 4), (last - 4, 100, last - 1)):
        scanned = app.recorder.scan(start, limit, stop=stop)  # type: ignore[attr-defined]
        expected = app.recorder.select_notifications(start=start, limit=limit, stop=stop)
        assert _as_read(scanned) == _as_read(expected) != []


def test_an_event_of_an_aggregate_passed_by_keeps_its_id_as_text(app: PlanningApp) -> None:
    build_world(app)
    last = app.recorder.max_notification_id() or 0
    library = app.recorder.select_notifications(start=1, limit=last)
    part = partition.OTHER
    scanned = app.recorder.scan(1, last, wanted=part.holds)  # type: ignore[attr-defined]
    assert [n.id for n in scanned] == [n.id for n in library]
    for read, known in zip(scanned, library, strict=True):
        assert (read.state, read.topic, read.originator_version) == (
            known.state,
            known.topic,
            known.originator_version,
        )
        if part.holds(known.originator_id):
            assert read.originator_id == known.originator_id
        else:  # the SQLite store passes the text; PostgreSQL's reader makes UUIDs anyway
            assert read.originator_id in (known.originator_id, str(known.originator_id))
            assert str(read.originator_id) == str(known.originator_id)
    # Both kinds occur in the world: the test compares both.
    assert {part.holds(n.originator_id) for n in library} == {True, False}
    assert all(isinstance(n.originator_id, UUID) for n in scanned if part.holds(n.originator_id))
