"""`sozialplanung audit`: the audit log for an administrator at the server's console."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.cli import main
from sozialplanung.cli.history import recorded_event_types
from sozialplanung.graphql.ids import to_global
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy


@pytest.fixture
def demo_dir(tmp_path: Path, demo_copy: DemoCopy) -> Path:
    data = tmp_path / "data"
    demo_copy.restore(Settings(data_dir=data))
    return data


def audit(data: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["--data-dir", str(data), "audit", *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_audit_prints_the_filtered_log_like_the_api(demo_dir: Path) -> None:
    lines = audit(demo_dir, "--json", "--type", "ConsultationConcluded", "--type", "PaperSettled")
    records = [json.loads(line) for line in lines]
    assert {r["type"] for r in records} == {"ConsultationConcluded", "PaperSettled"}
    positions = [r["position"] for r in records]
    assert positions == sorted(positions)

    settings = Settings(data_dir=demo_dir)
    app = PlanningApp.from_settings(settings)
    token = app.tokens.create("ADMIN", "auditor")
    query = '{ events(filter: {types: ["ConsultationConcluded", "PaperSettled"]}, first: 200) \
{ nodes { position payload } } }'
    with TestClient(create_app(settings, app)) as http:
        body = http.post(
            "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
        ).json()
    app.close()
    nodes = body["data"]["events"]["nodes"]
    assert [(n["position"], n["payload"]) for n in nodes] == [
        (r["position"], r["payload"]) for r in records
    ]


def test_audit_of_one_object_shows_its_history_in_order(demo_dir: Path) -> None:
    first = json.loads(audit(demo_dir, "--json", "--type", "PaperSubmitted")[0])
    header, *lines = audit(demo_dir, "--aggregate", to_global("Paper", first["aggregate_id"]))
    assert header.split()[:4] == ["POS", "RECORDED", "(UTC)", "EFFECTIVE"]
    assert lines and all(first["aggregate_id"] in line for line in lines)
    assert "PaperSubmitted" in lines[0]
    assert all('"105/16"' in line for line in lines)  # the reference beside the id


def test_audit_reads_a_store_loaded_without_the_views_catching_up(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    app = PlanningApp.from_settings(settings)
    demo_copy.import_into(app)  # no server ran: the views are empty until someone catches up
    app.close()
    assert len(audit(settings.data_dir, "--actor", "admin:demo-loader")) > 100


def test_audit_refuses_a_malformed_id_with_a_usage_error(demo_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--data-dir", str(demo_dir), "audit", "--aggregate", "x"])
    assert result.exit_code == 2
    assert "not an id" in result.output


COMMITTEE = "Ausschuss für Soziales, Integration und Demographie"


def test_audit_names_each_object_and_what_the_decisions_decided(demo_dir: Path) -> None:
    header, *lines = audit(demo_dir, "--type", "MeasureDecided", "--type", "ConsultationConcluded")
    assert "OBJECT" in header and "OUTCOME" in header
    decided = [line for line in lines if "MeasureDecided" in line]
    assert any(
        '"Familienzentren im Quartier" → adopted by ' + COMMITTEE in line for line in decided
    )
    assert any('"Kostenlose Sportvereinsmitgliedschaft" → rejected by ' in line for line in decided)
    (kenntnisnahme,) = [line for line in lines if '"FB 50/0098/WP16"' in line]
    assert "ConsultationConcluded" in kenntnisnahme
    assert f"→ NOTED in {COMMITTEE}" in kenntnisnahme
    assert "2011-02-24" in kenntnisnahme


def test_audit_json_stays_one_object_per_line_without_a_header(demo_dir: Path) -> None:
    lines = audit(demo_dir, "--json", "--type", "MeasureDecided")
    records = [json.loads(line) for line in lines]
    assert records and {r["type"] for r in records} == {"MeasureDecided"}
    assert set(records[0]) >= {"position", "aggregate_id", "payload", "effective_on"}


def test_an_unknown_event_type_is_an_error_listing_the_known_ones(demo_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["--data-dir", str(demo_dir), "audit", "--type", "MeasureDecidedX"]
    )
    assert result.exit_code == 2
    assert "'MeasureDecidedX' is no event type" in result.stderr
    assert "Did you mean MeasureDecided?" in result.stderr
    assert "ConsultationConcluded" in result.stderr and "MeetingScheduled" in result.stderr
    unknown_kind = CliRunner().invoke(
        main, ["--data-dir", str(demo_dir), "audit", "--aggregate-type", "Measur"]
    )
    assert unknown_kind.exit_code == 2
    assert "Did you mean Measure?" in unknown_kind.stderr


def test_the_known_event_types_are_the_domains_event_classes(demo_dir: Path) -> None:
    from sozialplanung.domain.meeting import Meeting

    known = recorded_event_types()
    assert known["Meeting"] == [
        name
        for name, cls in vars(Meeting).items()
        if isinstance(cls, type) and name not in ("Event", "Created") and hasattr(cls, "apply")
    ]
    assert "Claim" not in known and "CommandReceipt" not in known  # bookkeeping
    every = {t for types in known.values() for t in types}
    recorded = {json.loads(line)["type"] for line in audit(demo_dir, "--json")}
    assert recorded <= every
