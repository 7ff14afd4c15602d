"""Export and import of the event log (JSON Lines) on both stores, and from SQLite to
PostgreSQL: the round trip is exact, a bad file or a non-empty store writes nothing."""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.application.transfer import (
    ImportRefused,
    export_lines,
    import_events,
    read_lines,
)
from sozialplanung.projections import ReadModel
from sozialplanung.settings import Settings

from ..conftest import meta_on
from ..demo_store import DemoCopy


def demo_and_more(app: PlanningApp, demo_copy: DemoCopy) -> None:
    """The demo (restored from the session's recording), then through the commands a
    measure past its first snapshot and a retried command (a receipt)."""
    demo_copy.import_into(app)
    group = app.cycle(8).working_groups[0]["body_id"]
    measure = app.propose_measure(
        meta_on(date(2026, 11, 2)),
        cycle=8,
        working_group=group,
        title="Stadtteilmütter",
        client_mutation_id="export-1",
    )
    for n in range(55):
        app.revise_measure(meta_on(date(2026, 11, 3)), measure=measure, description=f"v{n}")


def views(settings: Settings, app: PlanningApp) -> dict[str, list[dict]]:
    read_model = ReadModel(settings, app)
    try:
        read_model.bring_current()
        return read_model.table_rows()
    finally:
        read_model.close()


def round_trip(source: Settings, target: Settings, demo_copy: DemoCopy) -> None:
    original = PlanningApp.from_settings(source)
    copy = PlanningApp.from_settings(target)
    try:
        demo_and_more(original, demo_copy)
        exported = list(export_lines(original, with_keys=True))
        keys = [line for line in exported if line.startswith('{"data_key"')]
        assert keys and all(line.startswith('{"data_key"') for line in exported[-len(keys) :])
        events = len(exported) - len(keys)
        assert import_events(copy, read_lines(copy, exported)) == events
        assert views(target, copy) == views(source, original)
        assert list(export_lines(copy, with_keys=True)) == exported
        last = original.recorder.max_notification_id()
        assert [n.state for n in copy.recorder.select_notifications(1, last)] == [
            n.state for n in original.recorder.select_notifications(1, last)
        ]
        assert copy.snapshots is not None and original.snapshots is not None
        measure = UUID(json.loads(exported[events - 1])["aggregate_id"])
        snapshots = [s.originator_version for s in original.snapshots.get(measure)]
        assert snapshots == [50]
        assert [s.originator_version for s in copy.snapshots.get(measure)] == snapshots
    finally:
        copy.close()
        original.close()


def test_the_round_trip_gives_identical_views_and_an_identical_export(
    settings: Settings, other_settings: Settings, demo_copy: DemoCopy
) -> None:
    round_trip(settings, other_settings, demo_copy)


@pytest.mark.postgres
def test_an_embedded_store_moves_to_postgresql_unchanged(
    sqlite_settings: Settings, postgres_settings: Settings, demo_copy: DemoCopy
) -> None:
    round_trip(sqlite_settings, postgres_settings, demo_copy)


def test_the_export_is_the_raw_log_in_order_with_bookkeeping_and_nothing_readable(
    app: PlanningApp, demo_copy: DemoCopy
) -> None:
    demo_and_more(app, demo_copy)
    records = [json.loads(line) for line in export_lines(app)]
    assert [r["position"] for r in records] == sorted(r["position"] for r in records)
    assert len(records) == app.recorder.max_notification_id()
    topics = {r["topic"].rsplit(".", 1)[0] for r in records}
    assert "sozialplanung.domain.claim:Claim" in topics
    assert "sozialplanung.domain.claim:CommandReceipt" in topics
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    persons = [app.repository.get(demo_copy.ids[k]) for k in ("anna", "bernd", "clara")]
    names = [p.name for p in persons if p.name]
    assert names and not [name for name in names if name in text]
    assert "Illustrative" not in text and "demo-loader" not in text  # reasons, actors
    first = records[0]
    assert first["recorded_at"] == first["state"]["timestamp"]["_data_"]
    # The actor stands as a pseudonym: a random key id whose name only the keys know.
    assert first["state"]["actor"]["_type_"] == "actor"
    assert first["state"]["actor"]["_data_"].startswith("a-")


def test_import_refuses_a_store_that_holds_events_and_writes_nothing(
    app: PlanningApp, demo_copy: DemoCopy
) -> None:
    demo_and_more(app, demo_copy)
    lines = list(export_lines(app))
    before = app.recorder.max_notification_id()
    with pytest.raises(ImportRefused, match="empty store"):
        import_events(app, read_lines(app, lines))
    assert app.recorder.max_notification_id() == before


def exported_demo(demo_copy: DemoCopy) -> list[str]:
    """The demo's export without the data keys."""
    return [line for line in demo_copy.lines if not line.startswith('{"data_key"')]


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda line: line[: len(line) // 2], "line 7: not JSON"),
        (lambda line: line.replace('"topic":"', '"topic":"nowhere:'), "line 7: unknown event"),
        (lambda line: line.replace('"aggregate_version":1', '"aggregate_version":2'), "line 7"),
        (lambda line: line.replace('"position":7', '"position":3'), "line 7: position 3"),
        (lambda line: line.replace('"actor":', '"actress":'), r"line 7: .* lacks \['actor'\]"),
        (lambda line: line.replace('"recorded_at":"', '"recorded_at":"1'), "line 7: 'recorded_at'"),
        (lambda line: "[1, 2]", "line 7: not a JSON object"),
        (lambda line: "[" * 100_000 + "]" * 100_000, r"line 7: not JSON \(nested too deeply\)"),
    ],
    ids=["truncated", "topic", "version", "order", "state", "recorded_at", "array", "deep"],
)
def test_a_malformed_line_stops_the_import_with_its_number_and_writes_nothing(
    sqlite_settings: Settings,
    other_settings: Settings,
    demo_copy: DemoCopy,
    spoil: object,
    message: str,
) -> None:
    lines = exported_demo(demo_copy)
    lines[6] = spoil(lines[6])  # type: ignore[operator]
    target = PlanningApp.from_settings(other_settings)
    try:
        with pytest.raises(ImportRefused, match=message):
            import_events(target, read_lines(target, lines))
        assert not target.recorder.max_notification_id()
    finally:
        target.close()


def test_an_import_racing_another_writer_is_refused_whole(
    app: PlanningApp, demo_copy: DemoCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_and_more(app, demo_copy)
    lines = list(export_lines(app))
    before = app.recorder.max_notification_id()
    # As if the store was still empty when checked and filled just before the insert.
    monkeypatch.setattr(app.recorder, "max_notification_id", lambda: None)
    with pytest.raises(ImportRefused, match="refused"):
        import_events(app, read_lines(app, lines))
    monkeypatch.undo()
    assert app.recorder.max_notification_id() == before
