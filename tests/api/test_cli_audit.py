"""`sozialplanung audit`: the audit log for an administrator at the server's console."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.cli import main
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
    lines = audit(demo_dir, "--aggregate", to_global("Paper", first["aggregate_id"]))
    assert lines and all(first["aggregate_id"] in line for line in lines)
    assert "PaperSubmitted" in lines[0]


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
