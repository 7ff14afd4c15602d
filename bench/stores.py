"""Large stores for the benchmarks, written fast: the demo, then measures built in memory
through their own domain methods and saved many at a time (the ledger still seals each
event, keys and chain included, exactly as a command would store it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import UUID

from sozialplanung.application import PlanningApp
from sozialplanung.demo import load_demo
from sozialplanung.domain.base import Meta
from sozialplanung.domain.body import Body
from sozialplanung.domain.measure import Measure
from sozialplanung.domain.rights import administrator
from sozialplanung.settings import Settings

META = Meta(
    principal=administrator("bench"),
    correlation_id="bench",
    today=date.today(),
    effective_on=date(2026, 11, 2),
    reason="Benchmark",
)


def measures_in_cycle(app: PlanningApp, count: int, events_each: int = 10) -> list[UUID]:
    """``count`` measures in cycle 8 of the demo, each with ``events_each`` events (proposed,
    revised, referred … as the lifecycle allows), saved in batches."""
    cycle = app.cycle(8)
    groups = [app.repository.get(g["body_id"]) for g in cycle.working_groups]
    ids: list[UUID] = []
    batch: list[Measure] = []
    for n in range(count):
        group: Body = groups[n % len(groups)]
        measure = Measure.propose(
            META,
            cycle=cycle,
            working_group=group,
            title=f"Maßnahme {n:06d}",
            description="Text",
            lead_id=group.lead_id,
        )
        for version in range(events_each - 1):
            measure.revise(META, title=None, description=f"Fassung {version}")
        batch.append(measure)
        ids.append(measure.id)
        if len(batch) >= 500:
            app.save(*batch)
            batch = []
    if batch:
        app.save(*batch)
    return ids


def store(folder: Path, measures: int, events_each: int = 10) -> tuple[Settings, PlanningApp]:
    settings = Settings(data_dir=folder)
    app = PlanningApp.from_settings(settings)
    load_demo(app)
    measures_in_cycle(app, measures, events_each)
    return settings, app
