"""Laden in Teilen: a long load into empty SQLite views, in two processes at once.

A load (a rebuild, the first start on a large store) reads and decodes every event — opening
every sealed value — and applies it. Both halves of that work need the interpreter, so a
thread beside the load gains nothing (the two contend for its lock), and handing decoded
events from one process to another costs as much as decoding them again. What does pay off
is splitting the *aggregates*: each of two processes reads the whole log, but decodes and
applies only the events of its part of the aggregates (``Part``: by the aggregate's id), into
a file of its own. A view's row depends on its own aggregate's events only, so the parts
never need each other's rows (the counts per cycle, working group and state, which do, are
added up when the parts are merged); every part counts every event, so the audit-log
positions are the log's in both. The other part also checks the whole hash chain. Neither
keeps the full-text index: the merge builds it over both parts' documents at once.

This process loads its part (``THIS``) into the views themselves; a second process
(``OtherPart``, started as ``python -c`` with this process's import path, not through
``multiprocessing``, which would import the program's main module again and run its command
line twice) loads the other part (``OTHER``) into ``views.sqlite.part``. Both stop at the
same event, the last one stored when the load began. Then this process copies the other
part's rows in (``merge``), and the load goes on as usual with whatever was stored
meanwhile. Until the merge, the views' position stays where it was: no answer is ever
cached for a position whose rows were still half there.

The other part's file lives only during the load, owner-only like every file of the views,
inside the load's marker (``SQLiteViews.bulk_load``): a load cut off half-way leaves both
files to be discarded at the next start (``discard_cut_off_load``).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Mapping
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path

from eventsourcing.application import Application

from . import audit, search
from .database import (
    PAGE_CACHE_KB,
    SQLiteViews,
    part_path,
    remove_load,
)
from .projector import Part, Projector, decode, read
from .registry import VIEWS
from .schema import VIEW_NAME, create_tables
from .view import RowCache, copy_rows

PARTS_FROM = 100_000  # events to load at least: a second process takes a second to start
# This process and one other (OtherPart): a core each on a two-core machine. The other one
# checks the hash chain too, about a tenth of a load's work: it takes a smaller share of the
# aggregates, so that both are done at about the same time (bench.rebuild).
OTHER = Part(0, 115, checks_chain=True)
THIS = Part(115, 256, checks_chain=False)
PARTS = (OTHER, THIS)

# The tables beside the views': a row per event or per document, of one aggregate each.
PLAIN_TABLES = (audit.TABLE, search.TABLE)
_DONE, _FAILED = b"D", b"F"
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from sozialplanung.projections.partition import serve; serve(int(sys.argv[2]))"
)


class OtherPart:
    """The process loading the other part (``OTHER``) of the events up to ``stop`` into a
    file of its own."""

    def __init__(self, app: Application, views: Path, stop: int):
        self.path = part_path(views)
        discard_part(views)  # what a load cut off earlier may have left
        receiving, sending = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, json.dumps(sys.path), str(sending)],
                stdin=subprocess.PIPE,
                pass_fds=(sending,),
            )
        finally:
            os.close(sending)  # the other part's end: only that process holds it now
        self.messages = Connection(receiving, writable=False)
        env = {str(k): str(v) for k, v in app.env.items()}
        assert self.process.stdin is not None
        with suppress(BrokenPipeError):  # a process that died at once is reported by finish
            self.process.stdin.write(pickle.dumps((type(app), env, self.path, stop)))
            self.process.stdin.close()

    def finish(self) -> None:
        """Waits until the other part is loaded; raises RuntimeError when it failed."""
        try:
            message = self.messages.recv_bytes()
        except EOFError:
            message = _FAILED + b"the process ended without a word"
        self.process.wait()
        if message[:1] != _DONE:
            raise RuntimeError(f"Loading a part of the views failed: {message[1:].decode()}")

    def close(self) -> None:
        """Stops the process if it still runs (this part failed) and removes its file."""
        self.messages.close()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        remove_load(self.path)


def shrink(projector: Projector, db: SQLiteViews) -> None:
    """Each part remembers its share of recent rows and pages, in a row cache of its own:
    the two processes together take about the memory one load takes."""
    projector.cache = RowCache(projector.cache.size // len(PARTS))
    db.cache_pages(PAGE_CACHE_KB // len(PARTS))


def discard_part(views: Path) -> None:
    """The other part's file of a load that did not finish."""
    remove_load(part_path(views))


def merge(db: SQLiteViews, path: Path) -> None:
    """Copies the other part's rows into the views, its check of the chain and the later of
    the two rewrite positions, and indexes both parts' documents for full-text search."""
    with db.attached(path, "part"), db.unjournaled(), db.write() as cursor:
        cursor.execute(
            "SELECT m.notification_id = p.notification_id AND m.position = p.position "
            "FROM view_tracking m, part.view_tracking p "
            "WHERE m.view_name = ? AND p.view_name = m.view_name",
            [VIEW_NAME],
        )
        agreed = cursor.fetchone()
        if not agreed or not agreed[0]:  # both read the same log to the same event
            raise RuntimeError("The two parts of the load did not end at the same event.")
        for statement in merging("part"):
            cursor.execute(statement)
        # Neither part kept the full-text index up to date: one pass over all documents
        # builds it at once, in fewer and larger segments than batch after batch.
        cursor.execute(
            f"INSERT INTO {search.FTS} (rowid, terms) SELECT rowid, terms FROM {search.TABLE}"
        )
        cursor.execute(
            "UPDATE view_tracking SET rewritten_at = max(rewritten_at, "
            "(SELECT rewritten_at FROM part.view_tracking WHERE view_name = ?)) "
            "WHERE view_name = ?",
            [VIEW_NAME, VIEW_NAME],
        )
        cursor.execute("DELETE FROM chain_tracking")
        cursor.execute("INSERT INTO chain_tracking SELECT * FROM part.chain_tracking")


def merging(source: str) -> list[str]:
    """SQL adding every table's rows from the other part (attached as ``source``)."""
    return [
        *(copy_rows(table, source) for table in PLAIN_TABLES),
        *(statement for view in VIEWS for statement in view.merging(source)),
    ]


def serve(fd: int) -> None:
    """The other part's process: reads its task from stdin, loads, says _DONE (or _FAILED
    and why) through the pipe ``fd``."""
    messages = Connection(fd, readable=False)
    try:
        cls, env, path, stop = pickle.load(sys.stdin.buffer)
        _load(cls, env, path, stop)
        messages.send_bytes(_DONE)
    except KeyboardInterrupt:
        pass  # Ctrl-C reaches the whole process group: the load says what happened
    except Exception as error:
        with suppress(BrokenPipeError):  # the load stopped waiting: nothing to tell
            messages.send_bytes(_FAILED + f"{type(error).__name__}: {error}".encode())
    finally:
        messages.close()


def _load(cls: type[Application], env: Mapping[str, str], path: Path, stop: int) -> None:
    gc.disable()  # as in ReadModel._load: millions of short-lived objects, hardly a cycle
    app = cls(env=env)
    db = SQLiteViews(path)
    try:
        create_tables(db, indexes=False)
        projector = Projector(db, app)
        projector.part = OTHER
        projector.full_text = False  # documents are indexed at the merge
        shrink(projector, db)
        loader = os.getppid()
        with db.bulk_load():
            start = 1
            while batch := read(app, start, stop, OTHER):
                if os.getppid() != loader:  # the load was killed: nobody waits for this part
                    raise RuntimeError("The load this part belongs to has ended.")
                projector.apply(batch, decode(app, batch, projector.part))
                start = batch[-1].id + 1
    finally:
        db.close()
        app.close()
