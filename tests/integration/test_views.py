"""The read model on both stores: batched catch-up, rebuild equals live, demo views."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from uuid import UUID, uuid4

from sozialplanung.application import PlanningApp
from sozialplanung.domain.organization import Organization
from sozialplanung.projections import ReadModel
from sozialplanung.settings import Settings

from ..conftest import meta_on
from ..demo_store import DemoCopy
from .helpers import build_world


def test_rebuilt_views_equal_the_live_ones_row_for_row(
    app: PlanningApp, settings: Settings, demo_copy: DemoCopy
) -> None:
    read_model = ReadModel(settings, app)
    try:
        app.after_save.append(read_model.wake)
        read_model.start()
        demo_copy.import_into(app)  # the runner catches up on the demo in batches
        group = app.cycle(8).working_groups[0]["body_id"]
        for i in range(30):  # a realistic tail of everyday work after the demo
            measure = app.propose_measure(
                meta_on(date(2026, 11, 2)), cycle=8, working_group=group, title=f"Maßnahme {i}"
            )
            app.revise_measure(
                meta_on(date(2026, 11, 3)), measure=measure, description=f"Beschreibung {i}"
            )
            if i % 3 == 0:
                app.withdraw_measure(meta_on(date(2026, 11, 4)), measure=measure)
        assert read_model.wait_until_current(timeout=10)
        live = read_model.table_rows()
        assert len(live["events"]) > 2_500
        read_model.runner.stop()
        replayed = read_model.rebuild()
        assert replayed == app.recorder.max_notification_id()
        assert read_model.table_rows() == live
    finally:
        read_model.close()


def test_audit_positions_are_gapless_even_with_bookkeeping_events(
    app: PlanningApp, settings: Settings
) -> None:
    read_model = ReadModel(settings, app)
    try:
        build_world(app)  # includes a claim event for the paper reference
        read_model.catch_up()
        positions = [row["position"] for row in read_model.table_rows()["events"]]
        assert positions == list(range(1, len(positions) + 1))
    finally:
        read_model.close()


def test_a_second_process_does_not_run_the_views(app: PlanningApp, settings: Settings) -> None:
    first = ReadModel(settings, app)
    second = ReadModel(settings, app)
    try:
        first.start()
        assert first.runner.holding
        assert not second.runner.lock.acquire()
        build_world(app)
        first.wake()
        # The second waits on the shared tracking position that the first advances.
        assert second.wait_until_current(timeout=10)
    finally:
        second.close()
        first.close()


def test_a_one_off_reader_catches_up_itself_or_waits_for_the_running_server(
    app: PlanningApp, settings: Settings
) -> None:
    build_world(app)
    alone = ReadModel(settings, app)
    alone.bring_current()  # nobody runs the views: it applies them itself
    assert alone.lag() == 0
    alone.close()

    server = ReadModel(settings, app)
    reader = ReadModel(settings, app)
    try:
        server.start()
        app.register_organization(meta_on(), name="Jobcenter", kind="OTHER")
        server.wake()
        reader.bring_current(timeout=10)  # the server holds the views: the reader waits
        assert not reader.runner.holding
        assert reader.lag() == 0
    finally:
        reader.close()
        server.close()


async def _waiters_then_an_event(
    app: PlanningApp, runner_of_waiters: ReadModel, holder: ReadModel
) -> tuple[bool, list[bool]]:
    """Three subscribers wait past the current position on a loop with ONE worker thread;
    a query then needs that thread, and only afterwards does an event arrive."""
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=1))
    position = runner_of_waiters.runner.position
    waiters = [
        asyncio.create_task(runner_of_waiters.runner.wait_past(position, timeout=60))
        for _ in range(3)
    ]
    await asyncio.sleep(0)
    await asyncio.to_thread(lambda: None)  # a query's turn on the only worker thread
    still_waiting = not any(waiter.done() for waiter in waiters)
    await asyncio.to_thread(app.register_organization, meta_on(), name="Tafel", kind="OTHER")
    holder.wake()
    woken = await asyncio.wait_for(asyncio.gather(*waiters), timeout=30)
    return still_waiting, woken


def test_waiting_subscribers_leave_the_query_threads_free(
    app: PlanningApp, settings: Settings
) -> None:
    views = ReadModel(settings, app)
    try:
        views.start()
        still_waiting, woken = asyncio.run(_waiters_then_an_event(app, views, views))
        assert still_waiting  # the query ran while all three went on waiting
        assert woken == [True, True, True]
    finally:
        views.close()


def test_subscribers_of_a_second_process_are_woken_when_the_first_applies_events(
    app: PlanningApp, settings: Settings
) -> None:
    first = ReadModel(settings, app)
    second = ReadModel(settings, app)
    try:
        first.start()
        second.start()
        assert first.runner.holding and not second.runner.holding
        still_waiting, woken = asyncio.run(_waiters_then_an_event(app, second, first))
        assert still_waiting
        assert woken == [True, True, True]
    finally:
        second.close()
        first.close()


def test_an_old_event_with_a_nul_character_does_not_stall_the_views(
    app: PlanningApp, settings: Settings
) -> None:
    # Commands refuse control characters now; an event stored earlier (or imported) keeps
    # its text forever, and PostgreSQL text cannot hold NUL.
    legacy = Organization._create(
        Organization.OrganizationRegistered,
        id=uuid4(),
        name="Tafel\x00Aachen",
        short_name=None,
        kind="OTHER",
        parent_id=None,
        **meta_on().fields(),
    )
    app.save(legacy)
    app.register_organization(meta_on(), name="Jobcenter", kind="OTHER")
    views = ReadModel(settings, app)
    try:
        views.bring_current()
        assert views.lag() == 0
        names = [row["name"] for row in views.db.query("SELECT name FROM organizations")]
        assert sorted(names) == ["Jobcenter", "Tafel\ufffdAachen"]
    finally:
        views.close()


def test_each_view_row_is_what_its_aggregate_says(
    app: PlanningApp, settings: Settings, demo_copy: DemoCopy
) -> None:
    # Time travel maps a replayed aggregate to its view's row: both ways must agree, for
    # every aggregate of the demo and of a tail of everyday work with redactions.
    from sozialplanung.projections.registry import VIEWS

    demo_copy.import_into(app)
    group = app.cycle(8).working_groups[0]["body_id"]
    measure = app.propose_measure(
        meta_on(date(2026, 11, 2), reason="mit Begründung"),
        cycle=8,
        working_group=group,
        title="Stadtteilmütter",
        description="Text",
    )
    app.revise_measure(meta_on(), measure=measure, description="Neuer Text")
    record = app.keys.record_of(app.recorder.max_notification_id() or 0)
    assert record is not None
    app.redact_event(
        meta_on(reason="Schwärzung"), notification_id=int(record["first_position"]), position=1
    )
    read_model = ReadModel(settings, app)
    try:
        read_model.catch_up()
        compared = 0
        for view in VIEWS:
            mapper = getattr(view, "from_aggregate", None)
            if mapper is None:
                continue
            rows = read_model.db.query(f"SELECT id FROM {view.table}")
            stored = view(read_model.db).by_ids([r["id"] for r in rows])
            for key, row in stored.items():
                expected = mapper(app.repository.get(UUID(key)))
                assert _without_bookkeeping(row) == expected, key
                compared += 1
        assert compared > 50
    finally:
        read_model.close()


def _without_bookkeeping(row: dict) -> dict:
    """The row without what the view adds from the log (version, when recorded): on the
    row, and on the items of its lists that OParl shows as objects of their own
    (memberships, agenda items, consultations carry their own created_at/modified_at)."""
    stamps = {"created_at", "modified_at"}
    found = {k: v for k, v in row.items() if k not in {"version", *stamps}}
    for key, value in found.items():
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            found[key] = [{k: v for k, v in item.items() if k not in stamps} for item in value]
    return found


def test_an_aggregate_without_a_view_or_an_event_without_a_handler_stops_the_projector(
    monkeypatch: object,
) -> None:
    import pytest

    from sozialplanung.projections import registry
    from sozialplanung.projections.measures import MeasuresView

    handlers = dict(MeasuresView.handlers)
    del handlers[next(iter(handlers))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MeasuresView, "handlers", handlers)
        with pytest.raises(LookupError, match="no handler"):
            registry.check()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(registry, "VIEWS", tuple(v for v in registry.VIEWS if v is not MeasuresView))
        with pytest.raises(LookupError, match="Measure has no view"):
            registry.check()


def test_short_reads_run_inline_only_on_a_local_sqlite_file(
    app: PlanningApp, settings: Settings
) -> None:
    read_model = ReadModel(settings, app)
    try:
        # PostgreSQL answers over the network: its reads wait in a worker thread, never on
        # the event loop (graphql/context.py, Context.read).
        assert read_model.inline_reads is (settings.database_url is None)
    finally:
        read_model.close()
