"""The README's example reads work against the demo data, as a newcomer pastes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.demo import load_demo
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.S)


@pytest.mark.parametrize("example", EXAMPLES[:3], ids=["cycle", "members", "paper"])
def test_readme_read_examples_answer_without_errors(
    sqlite_settings: Settings, example: str
) -> None:
    app = PlanningApp.from_settings(sqlite_settings)
    load_demo(app)
    with TestClient(create_app(sqlite_settings, app)) as http:
        body = http.post("/graphql", json={"query": example}).json()
    app.close()
    assert "errors" not in body, body
    assert all(value for value in body["data"].values())


HISTORY_EXAMPLES = [e for e in EXAMPLES if "cycleComparison" in e or "events(filter" in e]


@pytest.mark.parametrize("example", HISTORY_EXAMPLES, ids=["analyst", "administrator"])
def test_readme_history_examples_answer_for_an_analyst(
    sqlite_settings: Settings, example: str
) -> None:
    app = PlanningApp.from_settings(sqlite_settings)
    load_demo(app)
    token = app.tokens.create("ANALYST", "readme")
    with TestClient(create_app(sqlite_settings, app)) as http:
        body = http.post(
            "/graphql", json={"query": example}, headers={"Authorization": f"Bearer {token}"}
        ).json()
    app.close()
    assert "errors" not in body, body
    data = body["data"]
    assert data["events"]["nodes"] if "events" in data else data["cycleComparison"]["rows"]
