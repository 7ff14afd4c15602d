"""A long load into empty SQLite views runs in two processes, each applying the events of its
part of the aggregates (projections/partition.py). What it builds is what a load in one
process builds, row for row — erasures and redactions of either part's aggregates included,
the hash chain checked as far; a part that fails fails the load, and the next start loads
again from an empty file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from uuid import UUID, uuid4

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel, partition, search
from sozialplanung.projections.database import loading_marker, part_path
from sozialplanung.projections.schema import DATA_TABLES
from sozialplanung.settings import Settings

from ..conftest import meta_on
from ..demo_store import DemoCopy
from .helpers import next_start_loads_again

ONE_PROCESS = 10**12  # more events than any test stores: the load stays in one process


@pytest.fixture
def store(sqlite_settings: Settings, demo_copy: DemoCopy) -> Iterator[PlanningApp]:
    """The demo, and a tail of everyday work in which people are erased and events
    redacted, until both parts have aggregates rewritten by each."""
    demo_copy.restore(sqlite_settings)
    app = PlanningApp.from_settings(sqlite_settings)
    try:
        group = app.cycle(8).working_groups[0]["body_id"]
        erased: set[int] = set()
        redacted: set[int] = set()
        for i in range(40):
            if erased == {0, 1} and redacted == {0, 1}:
                break
            person = app.register_person(meta_on(reason="Anmeldung mit Telefon"), name=f"P {i}")
            if i % 2:
                app.erase_person(meta_on(), person=person)
                erased.add(_part_of(person))
            measure = app.propose_measure(
                meta_on(date(2026, 11, 2), reason="mit Begründung"),
                cycle=8,
                working_group=group,
                title=f"Maßnahme {i}",
                description="Beschreibung",
            )
            app.revise_measure(meta_on(), measure=measure, description=f"Neuer Text {i}")
            if i % 3 == 0:
                record = app.keys.record_of(app.recorder.max_notification_id() or 0)
                assert record is not None
                app.redact_event(
                    meta_on(reason="Schwärzung"),
                    notification_id=int(record["first_position"]),
                    position=1,
                )
                redacted.add(_part_of(measure))
        assert erased == {0, 1} and redacted == {0, 1}, "both parts rewrite aggregates"
        yield app
    finally:
        app.close()


def _part_of(aggregate: UUID) -> int:
    return next(i for i, part in enumerate(partition.PARTS) if part.holds(aggregate))


def _load(settings: Settings, app: PlanningApp, parts_from: int) -> tuple[dict, dict, int, list]:
    """Rebuilt views: their rows, how far the chain was checked, their position, and what
    the full-text index holds."""
    views = ReadModel(settings, app)
    try:
        views.parts_from = parts_from
        views.rebuild()
        return (
            views.table_rows(),
            views.projector.chain_state(),
            views.position(),
            _full_text_index(views),
        )
    finally:
        views.close()


def _full_text_index(views: ReadModel) -> list[tuple[str, str, int]]:
    """Every entry of SQLite's full-text index (term, document, offset): what a search
    finds, read from the index itself, not from the documents it was made of."""
    with views.db.write() as cursor:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries "
            f"USING fts5vocab(main, {search.FTS}, 'instance')"
        )
        cursor.execute(
            f"SELECT e.term, d.doc, e.offset FROM temp.entries e "
            f"JOIN {search.TABLE} d ON d.rowid = e.doc ORDER BY 1, 2, 3"
        )
        return [tuple(row) for row in cursor.fetchall()]


def test_a_load_in_two_processes_builds_the_views_a_load_in_one_builds(
    sqlite_settings: Settings, store: PlanningApp
) -> None:
    in_one = _load(sqlite_settings, store, ONE_PROCESS)
    in_two = _load(sqlite_settings, store, 1)
    assert in_two[0] == in_one[0]
    assert in_two[1:3] == in_one[1:3]
    assert in_two[3] == in_one[3] and ("massnahm", 2) in {(t, o) for t, _, o in in_one[3]}
    assert in_one[1]["verified"] == store.recorder.max_notification_id()
    assert not part_path(sqlite_settings.data_dir / "views.sqlite").exists()


def test_the_views_show_no_position_until_both_parts_are_in(
    sqlite_settings: Settings, store: PlanningApp
) -> None:
    views = ReadModel(sqlite_settings, store)
    seen: list[int] = []
    try:
        views.parts_from = 1
        views.rebuild(progress=lambda _: seen.append(views.position()))
        assert seen and set(seen) == {0}  # an answer cached now would be a half answer
        assert views.position() > 0
    finally:
        views.close()


def test_events_stored_while_the_parts_load_follow_once_both_are_in(
    sqlite_settings: Settings, store: PlanningApp
) -> None:
    group = store.cycle(8).working_groups[0]["body_id"]
    added: list[UUID] = []

    def work_goes_on(_: int) -> None:  # between two batches of this part
        if not added:
            added.append(store.propose_measure(meta_on(), cycle=8, working_group=group, title="X"))

    views = ReadModel(sqlite_settings, store)
    try:
        views.parts_from = 1
        views.rebuild(progress=work_goes_on)
        assert views.queries.measures.by_ids([str(added[0])])
        assert views.position() == len(views.table_rows()["events"])
        in_parts = views.table_rows(), _full_text_index(views)
    finally:
        views.close()
    in_one = _load(sqlite_settings, store, ONE_PROCESS)
    assert in_parts == (in_one[0], in_one[3])


def test_a_part_that_fails_fails_the_load_and_the_next_start_loads_again(
    sqlite_settings: Settings, store: PlanningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _load(sqlite_settings, store, ONE_PROCESS)[0]
    views_file = sqlite_settings.data_dir / "views.sqlite"
    tell = (
        "import sys; from multiprocessing.connection import Connection; "
        "Connection(int(sys.argv[2]), readable=False).send_bytes(b'Fdisk full')"
    )
    for boot, reason in [(tell, "disk full"), ("import sys; sys.exit(3)", "without a word")]:
        views = ReadModel(sqlite_settings, store)
        try:
            views.parts_from = 1
            monkeypatch.setattr(partition, "_BOOT", boot)
            with pytest.raises(RuntimeError, match=reason):
                views.rebuild()
            monkeypatch.undo()
        finally:
            views.close()
        assert loading_marker(views_file).exists()  # not to be trusted
        assert not part_path(views_file).exists()
        next_start_loads_again(sqlite_settings, store, expected)


def test_a_load_cut_off_leaves_no_part_behind(
    sqlite_settings: Settings, store: PlanningApp
) -> None:
    views_file = sqlite_settings.data_dir / "views.sqlite"
    expected = _load(sqlite_settings, store, ONE_PROCESS)[0]
    # What a kill during a load in parts leaves: both markers, both files.
    for path in (views_file, part_path(views_file)):
        loading_marker(path).touch()
        path.write_bytes(b"half a page of a database" * 100)
    views = ReadModel(sqlite_settings, store)
    try:
        assert not part_path(views_file).exists()
        assert not loading_marker(part_path(views_file)).exists()
        views.catch_up()
        assert views.table_rows() == expected
    finally:
        views.close()


def test_the_merge_adds_every_table_of_the_views_once() -> None:
    merged = [s.split()[2] for s in partition.merging("part") if s.startswith("INSERT INTO")]
    assert sorted(merged) == sorted(DATA_TABLES)


def test_every_aggregate_is_in_exactly_one_part_one_part_checks_the_chain() -> None:
    keys = [uuid4() for _ in range(2_560)]
    held = [[p for p in partition.PARTS if p.holds(key)] for key in keys]
    assert all(len(h) == 1 for h in held)
    for part in partition.PARTS:  # about its share
        assert abs(sum(h == [part] for h in held) - 10 * (part.end - part.first)) < 200
    # An id read from the log as text is in the part its UUID is in.
    for key, parts in zip(keys, held, strict=True):
        assert [p for p in partition.PARTS if p.holds(str(key))] == parts
    assert sum(part.checks_chain for part in partition.PARTS) == 1
