"""Benchmark: projection catch-up, batched against one transaction per event (baseline
taken in the same run, so the ratio is what counts on a noisy machine).

    make bench        (or: .venv/bin/python -m bench.catch_up [EVENTS])
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sozialplanung.application import PlanningApp
from sozialplanung.demo import load_demo
from sozialplanung.domain.base import Meta
from sozialplanung.domain.rights import administrator
from sozialplanung.projections import ReadModel
from sozialplanung.projections.schema import create_tables, drop_tables
from sozialplanung.settings import Settings


def history(app: PlanningApp, events: int) -> None:
    load_demo(app)
    group = app.cycle(8).working_groups[0]["body_id"]
    meta = Meta(
        principal=administrator("bench"),
        correlation_id="bench",
        today=date.today(),
        effective_on=date(2026, 11, 2),
    )
    while (app.recorder.max_notification_id() or 0) < events:
        measure = app.propose_measure(meta, cycle=8, working_group=group, title="Benchmark")
        for n in range(9):
            app.revise_measure(meta, measure=measure, description=f"Fassung {n}")


def replay(read_model: ReadModel, batch: int) -> float:
    drop_tables(read_model.db)
    create_tables(read_model.db)
    read_model.projector.cache.clear()  # as a rebuild does: rows of the last run are gone
    recorder = read_model.app.recorder
    start, last = time.perf_counter(), 0
    while True:
        notifications = recorder.select_notifications(start=last + 1, limit=batch)
        if not notifications:
            return time.perf_counter() - start
        last, _ = read_model.projector.apply(notifications)


def main(events: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder))
        app = PlanningApp.from_settings(settings)
        history(app, events)
        read_model = ReadModel(settings, app)
        total = app.recorder.max_notification_id() or 0
        per_event = replay(read_model, 1)
        batched = replay(read_model, 500)
        print(f"events: {total}")
        print(f"baseline, one transaction per event: {total / per_event:,.0f} events/s")
        print(f"batched, 500 events per transaction: {total / batched:,.0f} events/s")
        print(f"ratio batched/baseline: {per_event / batched:.1f}x")
        read_model.close()
        app.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
