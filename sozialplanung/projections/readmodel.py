"""The read model as one object: its database, projector and runner, and rebuild."""

from __future__ import annotations

import gc
from collections.abc import Callable

from eventsourcing.application import Application

from ..settings import Settings
from . import search
from .database import (
    PAGE_CACHE_KB,
    PostgresViews,
    SQLiteViews,
    ViewDatabase,
    discard_cut_off_load,
    open_views,
    sqlite_path,
)
from .partition import PARTS_FROM, THIS, OtherPart, merge, shrink
from .projector import Projector, decode, read
from .queries import ReadQueries
from .runner import AdvisoryLock, FileLock, RunnerLock, ViewRunner
from .schema import DATA_TABLES, create_indexes, create_tables, drop_tables


class ReadModel:
    def __init__(self, settings: Settings, app: Application, *, poll_interval: float = 0.5):
        self.app = app
        # From how many events a load into empty SQLite views runs in two processes.
        self.parts_from = PARTS_FROM
        lock: RunnerLock
        if settings.database_url is None:
            lock = FileLock(settings.data_dir / "views.lock")
            # A load cut off half-way left a file not to be trusted (SQLiteViews.bulk_load).
            discard_cut_off_load(sqlite_path(settings), lock)
        self.db: ViewDatabase = open_views(settings)
        # New (or rebuilt for a new shape) views are loaded in bulk, their indexes made
        # after the load; existing ones keep theirs.
        self.fresh = create_tables(self.db, indexes=False)
        if not self.fresh:
            create_indexes(self.db)
        self.projector = Projector(self.db, app)
        self.queries = ReadQueries(self.db)
        # A local SQLite file answers a short indexed read (a page, rows by key, a token)
        # in less time than a hop to a worker thread and back, and the hop's hand-over of
        # the interpreter lock costs a busy server far more (bench.read_path: 1.5x the
        # reads per second inline). PostgreSQL answers over the network: a thread waits
        # for it, never the event loop.
        self.inline_reads = not isinstance(self.db, PostgresViews)
        listen = channel = None
        if isinstance(self.db, PostgresViews):
            lock = AdvisoryLock(self.db.conninfo, f"sozialplanung-views:{self.db.schema}")
            from eventsourcing.postgres import PostgresApplicationRecorder

            recorder = app.recorder
            assert isinstance(recorder, PostgresApplicationRecorder)  # one database for both
            listen, channel = self.db.conninfo, recorder.channel_name
        self.runner = ViewRunner(
            self.projector,
            lock,
            poll_interval=poll_interval,
            listen=listen,
            channel=channel,
        )

    def start(self) -> None:
        """Catches up first when this process runs the views, then keeps them current."""
        if self.runner.lock.acquire():
            self.runner.holding = True
            self._catch_up()
        self.runner.start()

    def _catch_up(self) -> int:
        if self.fresh:
            return self._load()
        return self.runner.catch_up()

    def close(self) -> None:
        self.runner.stop()
        self.db.close()

    def wake(self) -> None:
        self.runner.wake()

    def wait_until_current(self, timeout: float = 5.0) -> bool:
        """Read-your-writes: the views include everything stored so far (bounded wait)."""
        latest = self.app.recorder.max_notification_id() or 0
        return self.runner.wait_for(latest, timeout)

    def position(self) -> int:
        """The audit-log position the views have reached: what an answer read from them now
        is an answer as of. The process that runs the views knows it; another one asks the
        database (its own view of the runner lags by up to a poll interval)."""
        if self.runner.holding:
            return self.runner.position
        notification_id, position = self.projector.tracking()
        self.runner.advance(notification_id, position)
        return position

    @property
    def rewritten_at(self) -> int:
        """The position of the views' last rewrite (erasure, redaction), as last read."""
        return self.projector.rewritten_at

    def lag(self) -> int:
        return (self.app.recorder.max_notification_id() or 0) - self.runner.notification_id

    def catch_up(self) -> int:
        """Applies pending events now, in this thread (tests, CLI); needs the runner lock."""
        if not self.runner.lock.acquire():
            raise RuntimeError("Another process runs the views; it keeps them current.")
        self.runner.holding = True
        return self._catch_up()

    def bring_current(self, timeout: float = 60.0) -> None:
        """For one-off readers (the CLI): apply pending events here, or, when a running
        server holds the views, wait until it has applied everything stored so far."""
        if self.runner.lock.acquire():
            self.runner.holding = True
            self._catch_up()
        elif not self.wait_until_current(timeout):
            raise RuntimeError("The views are still catching up in another process; try again.")

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Drops every view and replays the whole log into it, in batches."""
        if not self.runner.lock.acquire():
            raise RuntimeError("Another process runs the views; stop it before a rebuild.")
        self.runner.holding = True
        drop_tables(self.db)
        create_tables(self.db, indexes=False)
        self.projector.cache.clear()
        self.runner.notification_id, self.runner.position = 0, 0
        return self._load(progress)

    def _load(self, progress: Callable[[int], None] | None = None) -> int:
        """Every event not yet applied, into views without their indexes, in big batches;
        the indexes after. A long load into empty SQLite views runs in two processes, each
        applying its part of the aggregates (partition.py). A load makes millions of
        short-lived objects and hardly a reference cycle: the cycle collector would only
        cost time (it runs once the load is done)."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            applied = 0
            with self.db.bulk_load():
                start = self.runner.notification_id + 1
                stop = self.app.recorder.max_notification_id() or 0
                if isinstance(self.db, SQLiteViews) and start == 1 and stop >= self.parts_from:
                    applied, last = self._load_in_parts(stop, progress)
                    start = last + 1
                while batch := read(self.app, start):
                    self.runner.advance(*self.projector.apply(batch, decode(self.app, batch)))
                    applied, start = applied + len(batch), batch[-1].id + 1
                    if progress is not None:
                        progress(len(batch))
                create_indexes(self.db)
            self.fresh = False
            return applied
        finally:
            if collecting:
                gc.enable()

    def _load_in_parts(self, stop: int, progress: Callable[[int], None] | None) -> tuple[int, int]:
        """The log up to ``stop`` into the empty views, in two processes; returns how many
        events and the last one's id. The position advances only once both parts are in."""
        assert isinstance(self.db, SQLiteViews)
        other = OtherPart(self.app, self.db.path, stop)
        self.projector.part = THIS
        self.projector.full_text = False  # both parts' documents are indexed at the merge
        cache = self.projector.cache
        shrink(self.projector, self.db)
        applied, last = 0, 0
        try:
            while batch := read(self.app, last + 1, stop, THIS):
                last, _ = self.projector.apply(batch, decode(self.app, batch, THIS))
                applied += len(batch)
                if progress is not None:
                    progress(len(batch))
            other.finish()
            merge(self.db, other.path)
        finally:
            self.projector.part = None
            self.projector.full_text = True
            # Its rows are this part's only: the other part's came with the merge.
            self.projector.cache = cache
            self.db.cache_pages(PAGE_CACHE_KB)
            other.close()
        self.runner.advance(*self.projector.tracking())
        return applied, last

    def table_rows(self) -> dict[str, list[dict]]:
        """Every row of every view, in a stable order (for comparing two builds)."""
        # The search documents' columns both stores have (PostgreSQL adds a tsvector).
        columns = {search.TABLE: "doc, kind, key, body, terms"}
        return {
            table: sorted(self.db.query(f"SELECT {columns.get(table, '*')} FROM {table}"), key=repr)
            for table in DATA_TABLES
        }
