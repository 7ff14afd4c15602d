"""Keeps the read model up to date: one runner per deployment, woken right after a save
in this process, by LISTEN/NOTIFY on PostgreSQL, or by polling across SQLite processes.

Every server process starts a ViewRunner, but only the one holding the runner lock (a
PostgreSQL advisory lock, or an exclusive file lock beside the SQLite files) applies
events; the others wait for the shared tracking position to pass their writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import threading
import time
import zlib
from pathlib import Path
from typing import Any, Protocol

from .projector import Projector, read

log = logging.getLogger(__name__)

BATCH_SIZE = 500


class RunnerLock(Protocol):
    def acquire(self) -> bool: ...
    def release(self) -> None: ...


class FileLock:
    """Exclusive, non-blocking lock on a file; the OS frees it when the process dies."""

    def __init__(self, path: Path):
        self.path = path
        self._file: Any = None

    def acquire(self) -> bool:
        if self._file is not None:
            return True
        handle = os.fdopen(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600), "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class AdvisoryLock:
    """PostgreSQL session advisory lock, held on a connection of its own."""

    def __init__(self, conninfo: dict[str, Any], name: str):
        self.conninfo = conninfo
        self.key = zlib.crc32(name.encode())
        self._connection: Any = None

    def acquire(self) -> bool:
        import psycopg

        if self._connection is not None and not self._connection.closed:
            return True
        connection = psycopg.connect(**self.conninfo, autocommit=True)
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", [self.key]).fetchone()
        if row and row[0]:
            self._connection = connection
            return True
        connection.close()
        return False

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()  # ends the session, which frees the lock
            self._connection = None


class ViewRunner:
    def __init__(
        self,
        projector: Projector,
        lock: RunnerLock,
        *,
        poll_interval: float = 0.5,
        listen: dict[str, Any] | None = None,
        channel: str | None = None,
    ):
        self.projector = projector
        self.lock = lock
        self.poll_interval = poll_interval
        self.listen = listen
        self.channel = channel
        self.holding = False
        self.notification_id, self.position = projector.tracking()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._changed = threading.Condition()
        # Subscriptions wait on the event loop, not in a worker thread each: an idle
        # subscriber must not hold one of the few threads that queries run in.
        self._listeners: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self._listeners_lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    # Lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        self._threads.append(threading.Thread(target=self._run, name="view-runner", daemon=True))
        if self.listen is not None and self.channel is not None:
            self._threads.append(
                threading.Thread(
                    target=self._listen,
                    args=(self.listen, self.channel),
                    name="view-listen",
                    daemon=True,
                )
            )
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self.lock.release()
        self.holding = False

    def wake(self) -> None:
        self._wake.set()

    # Work ----------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if not self.holding:
                    self.holding = self.lock.acquire()
                if self.holding:
                    self.catch_up()
                else:
                    self._refresh()
            except Exception:  # keep serving; the next wake-up retries
                log.exception("view runner failed; retrying")
                self.holding = False
                self.lock.release()
                self._stop.wait(self.poll_interval)
            self._wake.wait(self._pause())
            self._wake.clear()

    def _pause(self) -> float:
        # A process that does not hold the lock learns of new events only by re-reading
        # the shared position; while subscribers wait here, it re-reads more often.
        if not self.holding and self._listeners:
            return min(self.poll_interval, 0.1)
        return self.poll_interval

    def _listen(self, conninfo: dict[str, Any], channel: str) -> None:
        """Turns the event store's NOTIFY into a wake-up (PostgreSQL)."""
        import psycopg
        from psycopg import sql

        while not self._stop.is_set():
            try:
                with psycopg.connect(**conninfo, autocommit=True) as connection:
                    connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                    while not self._stop.is_set():
                        for _ in connection.notifies(timeout=0.5, stop_after=1):
                            self._wake.set()
            except Exception:
                log.exception("LISTEN connection lost; reconnecting")
                self._stop.wait(1.0)

    def catch_up(self) -> int:
        """Applies every pending event in batches; returns how many notifications it read."""
        total = 0
        while True:
            batch = read(self.projector.app, self.notification_id + 1, limit=BATCH_SIZE)
            if not batch:
                return total
            notification_id, position = self.projector.apply(batch)
            total += len(batch)
            self.advance(notification_id, position)

    def _refresh(self) -> None:
        self.advance(*self.projector.tracking())

    def advance(self, notification_id: int, position: int) -> None:
        with self._changed:
            moved = notification_id >= self.notification_id and position > self.position
            if notification_id >= self.notification_id:
                self.notification_id, self.position = notification_id, position
            self._changed.notify_all()
        if not moved:
            return
        with self._listeners_lock:
            listeners = list(self._listeners)
        for loop, event in listeners:
            with contextlib.suppress(RuntimeError):  # that loop has closed meanwhile
                loop.call_soon_threadsafe(event.set)

    async def wait_past(self, position: int, timeout: float) -> bool:
        """Waits on the running event loop, without a thread, until the audit log has an
        event after ``position`` (subscriptions); False when ``timeout`` passes first."""
        listener = (asyncio.get_running_loop(), asyncio.Event())
        with self._listeners_lock:
            self._listeners.add(listener)
        try:
            # Registered before this check, so an advance in between still sets the event.
            if self.position <= position:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(listener[1].wait(), timeout)
            return self.position > position
        finally:
            with self._listeners_lock:
                self._listeners.discard(listener)

    def wait_for(self, notification_id: int, timeout: float = 5.0) -> bool:
        """Read-your-writes: wait until the views include that notification (bounded)."""
        deadline = time.monotonic() + timeout
        self.wake()
        with self._changed:
            while self.notification_id < notification_id:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                # The holder notifies at once; others re-read the shared position often.
                self._changed.wait(remaining if self.holding else min(remaining, 0.02))
                if not self.holding:
                    self._refresh()  # the condition's lock is reentrant
            return True
