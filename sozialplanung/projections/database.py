"""The read-model database: a SQLite file beside the event store, or the PostgreSQL
database (and schema) of the event store. SQL is written once with ``?`` placeholders."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Protocol

from ..settings import Settings, postgres_env, private_dir, private_file

Row = dict[str, Any]
PAGE_CACHE_KB = 32_000  # the writer's page cache (SQLite)
PAGE_SIZE = 16_384  # bytes, of a new views file (SQLite)


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def executemany(
        self, sql: str, params: Sequence[Sequence[Any]], *, storable: bool = False
    ) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchone(self) -> Any: ...
    def dicts(self) -> list[Row]: ...


class ViewDatabase:
    """Connections to the read model; subclasses know their backend."""

    postgres = False
    schema = ""

    @contextmanager
    def write(self) -> Iterator[Cursor]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    @contextmanager
    def read(self) -> Iterator[Cursor]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        with self.read() as cursor:
            cursor.execute(statement, list(params))
            return cursor.dicts()

    def query_one(self, statement: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.query(statement, params)
        return rows[0] if rows else None

    def close(self) -> None:
        pass

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Around a load into empty views (a first start, a rebuild): whatever makes
        writing many rows cheaper where the backend allows it."""
        yield

    def reset(self) -> bool:
        """Replaces the views with an empty database if the backend can (True)."""
        return False

    def purge_traces(self, tables: Sequence[str]) -> None:
        """After views were rewritten without erased or redacted text: no old copy left
        where the database files can be read (as far as the store allows; README)."""


class SQLiteViews(ViewDatabase):
    """One writer connection (the projection runner) and a connection per reading thread."""

    def __init__(self, path: Path):
        self.path = path
        self.loading = loading_marker(path)
        private_dir(path.parent)
        private_file(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._writer = self._open_writer()

    def _open_writer(self) -> sqlite3.Connection:
        writer = self._connect()
        # Pages of 16 KB for a new file (an existing one keeps its own): the audit log's
        # rows are a few hundred bytes each, and a load writes, copies (partition.merge)
        # and indexes a million of them, in a quarter as many pages as with SQLite's
        # default of 4 KB (bench.rebuild; reads and writes over HTTP measured the same).
        writer.execute(f"PRAGMA page_size={PAGE_SIZE}")  # before WAL, which fixes it
        writer.execute("PRAGMA journal_mode=WAL")
        # Deleted and replaced rows are overwritten with zeros, not left in free pages: a
        # document rewritten after an erasure leaves no older copy in the file.
        writer.execute("PRAGMA secure_delete=ON")
        # The views are rebuilt from the log at will: a commit need not wait for the disk
        # (WAL with NORMAL never corrupts the file; a power cut may lose the last batches,
        # which the projector applies again from its tracking position).
        writer.execute("PRAGMA synchronous=NORMAL")
        # Room for a batch's pages and for sorting when indexes are built after a rebuild.
        writer.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KB}")
        return writer

    def cache_pages(self, kilobytes: int) -> None:
        """The writer's page cache, in KB."""
        with self._write_lock:
            self._writer.execute(f"PRAGMA cache_size=-{int(kilobytes)}")

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=30, check_same_thread=False, isolation_level=None
        )
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout=30000")
        self._connections.append(connection)
        return connection

    def reset(self) -> bool:
        """A new, empty file in place of the views (a rebuild): faster than dropping every
        table, whose pages secure_delete would zero one by one, and nothing of the old file
        is left inside the new one."""
        with self._write_lock:
            self.close()
            remove_database(self.path)
            private_file(self.path)
            self._local = threading.local()  # every thread opens the new file
            self._writer = self._open_writer()
        return True

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Loads into empty views without the write-ahead log and without waiting for the
        disk: every page is written once, straight into the file, instead of into the WAL
        and again at each checkpoint (bench.rebuild). A rollback still works (the journal
        is kept in memory); a crash or a kill half-way leaves the marker file, and the next
        start begins again from an empty file rather than trust a half-written one."""
        private_file(self.loading)
        _sync(self.path.parent)
        with self._write_lock:
            # Leaving WAL needs the only connection to the file: this process's readers
            # (idle while views load; each thread opens its own again) are closed. If
            # another process holds the file open, the load keeps the WAL.
            for connection in self._connections[:]:
                if connection is not self._writer:
                    connection.close()
                    self._connections.remove(connection)
            self._local = threading.local()
            with suppress(sqlite3.OperationalError):  # "database is locked"
                self._writer.execute("PRAGMA journal_mode=MEMORY")
            self._writer.execute("PRAGMA synchronous=OFF")
        try:
            yield
        finally:
            with self._write_lock:
                self._writer.execute("PRAGMA synchronous=NORMAL")
                self._writer.execute("PRAGMA journal_mode=WAL")
        # Loaded: on the disk before the marker goes (it stays if anything above failed).
        _sync(self.path)
        self.loading.unlink()
        _sync(self.path.parent)

    @contextmanager
    def unjournaled(self) -> Iterator[None]:
        """Writes without a rollback journal, within a bulk load only: copying many rows at
        once (partition.merge), whose journal in memory would hold a copy of every page
        they touch. Without a journal a failed write cannot be rolled back; the load's
        marker stays then, and the next start discards the file."""
        assert self.loading.exists(), "only a bulk load may write without a journal"
        with self._write_lock:
            mode = self._writer.execute("PRAGMA journal_mode").fetchone()[0]
            if mode == "memory":  # not when another process kept the file in WAL mode
                self._writer.execute("PRAGMA journal_mode=OFF")
        try:
            yield
        finally:
            with self._write_lock:
                if mode == "memory":
                    self._writer.execute("PRAGMA journal_mode=MEMORY")

    @contextmanager
    def attached(self, path: Path, name: str) -> Iterator[None]:
        """Another SQLite file, readable as ``name.table`` in this file's writes (outside a
        transaction: SQLite attaches no file inside one)."""
        with self._write_lock:
            self._writer.execute("ATTACH DATABASE ? AS " + name, [str(path)])
        try:
            yield
        finally:
            with self._write_lock:
                self._writer.execute("DETACH DATABASE " + name)

    @contextmanager
    def write(self) -> Iterator[Cursor]:
        with self._write_lock:
            cursor = self._writer.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield _ViewCursor(cursor)
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Cursor]:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = self._connect()
        yield _ViewCursor(connection.cursor())

    def close(self) -> None:
        for connection in self._connections:
            connection.close()
        self._connections.clear()

    def purge_traces(self, tables: Sequence[str]) -> None:
        # The WAL still holds the pages as they were before the rewrite: copy them into the
        # file (zeroed there by secure_delete) and cut the WAL to nothing.
        with self._write_lock:
            self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def loading_marker(path: Path) -> Path:
    return path.with_name(path.name + ".loading")


def part_path(path: Path) -> Path:
    """Where a load in two processes keeps the other process's part (partition.py)."""
    return path.with_name(path.name + ".part")


def discard_cut_off_load(path: Path, lock: Any) -> None:
    """A load into empty views that was cut off (killed, crashed: see
    SQLiteViews.bulk_load) left its marker and a file not to be trusted: both go, and the
    views load again from the log. Only when ``lock`` (the runner's) is free: a process
    that holds it may be loading right now."""
    marker = loading_marker(path)
    if not marker.exists() or not lock.acquire():
        return
    try:
        remove_load(part_path(path))  # the other part's file of a load in parts
        remove_load(path)
    finally:
        lock.release()


def remove_load(path: Path) -> None:
    """A loaded SQLite database file, and its marker last."""
    remove_database(path)
    loading_marker(path).unlink(missing_ok=True)


def remove_database(path: Path) -> None:
    """A SQLite database file with its write-ahead log and shared memory."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _sync(path: Path) -> None:
    """A file's (or a folder's entries') writes on the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# PostgreSQL text cannot hold NUL, and neither store can encode a lone surrogate as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# How repr() shows those characters (a text that merely contains such a backslash sequence
# costs only the slow path, never a wrong result).
_ESCAPED = re.compile(r"\\x00|\\ud[89a-f]")


def _storable(params: Sequence[Any]) -> list[Any]:
    """Text the views can store. Commands refuse such characters, but an event is forever
    (an old or imported one may carry them) and a query's search text comes straight from a
    client: both read and write U+FFFD instead, the same on both stores."""
    return [storable_text(value) if type(value) is str else value for value in params]


def storable_text(value: str | None) -> str | None:
    """``value`` with what no store can hold replaced by U+FFFD."""
    # Most text is ASCII without NUL: no pattern to run over it.
    if value is None or (value.isascii() and "\x00" not in value):
        return value
    return _UNSTORABLE.sub("\ufffd", value)


class _ViewCursor:
    """A DB-API cursor for the views' SQL, which is written with ``?`` placeholders
    (psycopg takes ``%s``); every parameter passes through ``_storable``."""

    def __init__(self, cursor: Any, placeholder: str = "?"):
        self._cursor = cursor
        self._placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cursor.execute(self._sql(sql), _storable(params))

    def executemany(
        self, sql: str, params: Sequence[Sequence[Any]], *, storable: bool = False
    ) -> Any:
        """``storable``: the caller made the rows' text storable already."""
        rows = list(params)
        # One scan of the rows' repr (in C) finds whether any text needs replacing at all.
        if not storable and _ESCAPED.search(repr(rows)):
            rows = [_storable(p) for p in rows]
        return self._cursor.executemany(self._sql(sql), rows)

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def dicts(self) -> list[Row]:
        """The remaining rows as dicts by column name. PostgreSQL's cursors make dicts
        already; from SQLite's plain tuples they are made here, a third faster than through
        ``sqlite3.Row`` (a page of measures reads 50 rows of 16 columns per request)."""
        if self._placeholder != "?":  # psycopg's cursor, whose connection makes dict rows
            return list(self._cursor.fetchall())
        cursor = self._cursor
        if cursor.description is None:  # a statement that returns no rows
            return []
        names = [column[0] for column in cursor.description]
        factory, cursor.row_factory = cursor.row_factory, None
        try:
            rows = cursor.fetchall()
        finally:
            cursor.row_factory = factory  # for these rows only: the cursor may read more
        return [dict(zip(names, row, strict=True)) for row in rows]

    def fetchone(self) -> Any:
        return self._cursor.fetchone()


class PostgresViews(ViewDatabase):
    postgres = True

    def __init__(self, url: str):
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        env = postgres_env(url)
        self.schema = env.get("POSTGRES_SCHEMA", "public")
        self.conninfo: dict[str, Any] = {  # psycopg.connect's keyword arguments
            "dbname": env["POSTGRES_DBNAME"],
            "host": env["POSTGRES_HOST"],
            "port": env["POSTGRES_PORT"],
            "user": env["POSTGRES_USER"],
            "password": env["POSTGRES_PASSWORD"] or None,
            "connect_timeout": 5,
            "options": f"-c search_path={self.schema}",
        }
        self.pool = ConnectionPool(
            kwargs={**self.conninfo, "row_factory": dict_row}, min_size=1, max_size=8, open=True
        )

    @contextmanager
    def write(self) -> Iterator[Cursor]:
        with self.pool.connection() as connection, connection.transaction():
            yield _ViewCursor(connection.cursor(), "%s")

    @contextmanager
    def read(self) -> Iterator[Cursor]:
        with self.pool.connection() as connection:
            yield _ViewCursor(connection.cursor(), "%s")

    def close(self) -> None:
        self.pool.close()

    def purge_traces(self, tables: Sequence[str]) -> None:
        # Dead tuples of the rewritten rows are marked free (not zeroed: see the README).
        import psycopg

        with psycopg.connect(**self.conninfo, autocommit=True) as connection:
            connection.execute(f"VACUUM {', '.join(tables)}")


def open_views(settings: Settings) -> ViewDatabase:
    if settings.database_url is not None:
        return PostgresViews(settings.database_url)
    return SQLiteViews(sqlite_path(settings))


def sqlite_path(settings: Settings) -> Path:
    return settings.data_dir / "views.sqlite"
