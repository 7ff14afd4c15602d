"""A load into empty SQLite views (first start, rebuild) runs without the write-ahead log
and without waiting for the disk; a marker file beside the views says a load is under way.
A load cut off half-way is never trusted: the next start begins from an empty file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel
from sozialplanung.projections.database import PAGE_SIZE
from sozialplanung.projections.runner import FileLock
from sozialplanung.settings import Settings

from .helpers import build_world, next_start_loads_again


@pytest.fixture
def world(sqlite_settings: Settings) -> Iterator[tuple[Settings, PlanningApp, dict]]:
    """A store with a small world in it, its views built once: the rows to expect."""
    app = PlanningApp.from_settings(sqlite_settings)
    try:
        build_world(app)
        views = ReadModel(sqlite_settings, app)
        views.catch_up()
        expected = views.table_rows()
        views.close()
        yield sqlite_settings, app, expected
    finally:
        app.close()


def test_loaded_views_are_back_in_wal_mode_with_no_marker_left(world: tuple) -> None:
    settings, _app, expected = world
    assert expected["events"], "the load wrote rows"
    assert not (settings.data_dir / "views.sqlite.loading").exists()
    with sqlite3.connect(settings.data_dir / "views.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_new_views_have_large_pages_and_an_old_file_keeps_its_own(world: tuple) -> None:
    settings, app, expected = world
    path = settings.data_dir / "views.sqlite"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA page_size").fetchone() == (PAGE_SIZE,)
    path.unlink()
    with sqlite3.connect(path) as db:  # a file made before pages were this large
        db.execute("PRAGMA page_size = 4096")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE older (x)")
    views = ReadModel(settings, app)
    try:
        views.catch_up()
        assert views.table_rows() == expected
    finally:
        views.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA page_size").fetchone() == (4096,)


def test_a_load_cut_off_half_way_starts_again_from_an_empty_file(world: tuple) -> None:
    settings, app, expected = world
    # What a kill during the load leaves: the marker, and a file that cannot be trusted.
    (settings.data_dir / "views.sqlite.loading").touch()
    (settings.data_dir / "views.sqlite").write_bytes(b"half a page of a database" * 100)
    next_start_loads_again(settings, app, expected)
    assert not (settings.data_dir / "views.sqlite.loading").exists()


def test_the_file_of_a_load_still_under_way_in_another_process_is_left_alone(
    world: tuple,
) -> None:
    settings, app, expected = world
    loading = FileLock(settings.data_dir / "views.lock")  # the other process: it loads
    assert loading.acquire()
    try:
        (settings.data_dir / "views.sqlite.loading").touch()
        views = ReadModel(settings, app)  # a second server process starting meanwhile
        try:
            assert not views.fresh
            assert views.table_rows() == expected
        finally:
            views.close()
        assert (settings.data_dir / "views.sqlite.loading").exists()
    finally:
        loading.release()


def test_a_load_that_fails_leaves_the_marker_and_the_next_start_loads_again(
    world: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, app, expected = world
    views = ReadModel(settings, app)
    views.close()
    (settings.data_dir / "views.sqlite").unlink()  # empty views: the next start loads
    views = ReadModel(settings, app)
    try:

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(views.projector, "apply", broken)
        with pytest.raises(RuntimeError, match="the disk is full"):
            views.catch_up()
        assert (settings.data_dir / "views.sqlite.loading").exists()
    finally:
        views.close()
    next_start_loads_again(settings, app, expected)
