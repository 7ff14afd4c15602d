"""Benchmark: what sealing costs — on the command path (a command that records a person's
name and prose) and in the rebuild of the views — against the same application with sealing
switched off, taken in the same run (the ratios count on a noisy machine).

    make bench        (or: .venv/bin/python -m bench.sealing [COMMANDS])
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sozialplanung.application import PlanningApp
from sozialplanung.application.sealing import SealingMapper
from sozialplanung.demo import load_demo
from sozialplanung.domain.base import Meta
from sozialplanung.domain.rights import administrator
from sozialplanung.projections import ReadModel
from sozialplanung.settings import Settings


class UnsealedMapper(SealingMapper):
    """Stores every value as plain text (the baseline: no encryption, no data keys)."""

    def _seal(self, cls: Any, state: dict[str, Any]) -> None:
        return None


class UnsealedApp(PlanningApp):
    def construct_mapper(self) -> Any:
        mapper = super().construct_mapper()
        return UnsealedMapper(mapper.transcoder, self.keys)


def commands(app: PlanningApp, count: int) -> float:
    """Seconds for `count` commands that each carry a name and a reason, then a progress
    note (prose) — the fields sealing encrypts."""
    meta = Meta(
        principal=administrator("bench"),
        correlation_id="bench",
        today=date.today(),
        effective_on=date(2026, 11, 2),
        reason="Benchmark: Begründung mit Personenbezug",
    )
    start = time.perf_counter()
    for n in range(count):
        app.register_person(meta, name=f"Person {n}")
    return time.perf_counter() - start


def rebuild(settings: Settings, app: PlanningApp) -> tuple[int, float]:
    read_model = ReadModel(settings, app)
    try:
        start = time.perf_counter()
        applied = read_model.rebuild()
        return applied, time.perf_counter() - start
    finally:
        read_model.close()


def main(count: int) -> None:
    results: dict[str, tuple[float, int, float]] = {}
    for label, kind in (("unsealed", UnsealedApp), ("sealed", PlanningApp)):
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(data_dir=Path(folder))
            app = kind.from_settings(settings)
            load_demo(app)
            took = commands(app, count)
            events, rebuilt = rebuild(settings, app)
            results[label] = (took, events, rebuilt)
            app.close()
    plain, sealed = results["unsealed"], results["sealed"]
    print(f"commands: {count} registerPerson with name and reason (SQLite)")
    print(f"  without sealing: {count / plain[0]:,.0f} commands/s")
    print(f"  with sealing:    {count / sealed[0]:,.0f} commands/s")
    print(f"  cost of sealing on the command path: {sealed[0] / plain[0]:.2f}x the time")
    print(f"rebuild of the views: {sealed[1]} events")
    print(f"  without sealing: {plain[1] / plain[2]:,.0f} events/s")
    print(f"  with sealing:    {sealed[1] / sealed[2]:,.0f} events/s")
    print(f"  cost of sealing on the rebuild: {sealed[2] / plain[2]:.2f}x the time")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000)
