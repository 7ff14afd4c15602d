"""Benchmark: reading a measure with a 1,000-event history "as of" a version, with the
snapshots the application writes (every 50 events) against replaying every event (baseline
taken in the same run, on the same store, so the ratio is what counts on a noisy machine).

    make bench        (or: .venv/bin/python -m bench.time_travel [EVENTS] [DATABASE_URL])
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

from eventsourcing.application import Repository

from sozialplanung.application import PlanningApp
from sozialplanung.application.app import SNAPSHOT_EVERY
from sozialplanung.demo import load_demo
from sozialplanung.domain.base import Meta
from sozialplanung.domain.rights import administrator
from sozialplanung.settings import Settings

READS = 200


def long_history(app: PlanningApp, events: int) -> UUID:
    """One measure revised until its history holds `events` events."""
    load_demo(app)
    group = app.cycle(8).working_groups[0]["body_id"]
    meta = Meta(
        principal=administrator("bench"),
        correlation_id="bench",
        today=date.today(),
        effective_on=date(2026, 11, 2),
    )
    measure = app.propose_measure(meta, cycle=8, working_group=group, title="Benchmark")
    for n in range(events - 1):
        app.revise_measure(meta, measure=measure, description=f"Fassung {n}")
    return measure


def per_read(read: Callable[[int | None], object], versions: list[int | None]) -> float:
    start = time.perf_counter()
    for version in versions:
        read(version)
    return (time.perf_counter() - start) / len(versions)


def main(events: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), database_url=database_url)
        app = PlanningApp.from_settings(settings)
        measure = long_history(app, events)
        assert app.repository.get(measure).version == events
        snapshots = app.repository
        baseline = Repository(app.repository.event_store)  # no snapshot store: every event
        rng = random.Random(4)
        # Time travel asks for arbitrary versions; None is the latest state.
        versions: list[int | None] = [rng.randint(1, events) for _ in range(READS)]
        versions += [None] * (READS // 4)
        for repository in (baseline, snapshots):  # warm both the same way
            repository.get(measure, version=events)
        plain = per_read(lambda v: baseline.get(measure, version=v or events), versions)
        fast = per_read(lambda v: snapshots.get(measure, version=v or events), versions)
        print(f"store: {settings.backend}")
        print(f"history: {events} events of one measure, a snapshot every {SNAPSHOT_EVERY}")
        print(f"reads: {len(versions)} at random versions and the latest")
        print(f"baseline, replaying every event: {plain * 1000:.2f} ms per read")
        print(f"with snapshots: {fast * 1000:.2f} ms per read ({1 / fast:,.0f} reads/s)")
        print(f"ratio baseline/snapshots: {plain / fast:.1f}x")
        app.close()


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1_000,
        sys.argv[2] if len(sys.argv) > 2 else None,
    )
