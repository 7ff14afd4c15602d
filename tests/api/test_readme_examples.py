"""The README's example reads work against the demo data, as a newcomer pastes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.S)


@pytest.mark.parametrize("example", EXAMPLES[:3], ids=["cycle", "members", "paper"])
def test_readme_read_examples_answer_without_errors(
    sqlite_settings: Settings, demo_copy: DemoCopy, example: str
) -> None:
    demo_copy.restore(sqlite_settings)
    app = PlanningApp.from_settings(sqlite_settings)
    with TestClient(create_app(sqlite_settings, app)) as http:
        body = http.post("/graphql", json={"query": example}).json()
    app.close()
    assert "errors" not in body, body
    assert all(value for value in body["data"].values())


HISTORY_EXAMPLES = [e for e in EXAMPLES if "cycleComparison" in e or "events(filter" in e]


@pytest.mark.parametrize("example", HISTORY_EXAMPLES, ids=["analyst", "administrator"])
def test_readme_history_examples_answer_for_an_analyst(
    sqlite_settings: Settings, demo_copy: DemoCopy, example: str
) -> None:
    demo_copy.restore(sqlite_settings)
    app = PlanningApp.from_settings(sqlite_settings)
    token = app.tokens.create("ANALYST", "readme")
    with TestClient(create_app(sqlite_settings, app)) as http:
        body = http.post(
            "/graphql", json={"query": example}, headers={"Authorization": f"Bearer {token}"}
        ).json()
    app.close()
    assert "errors" not in body, body
    data = body["data"]
    assert data["events"]["nodes"] if "events" in data else data["cycleComparison"]["rows"]


# One block holds the three mutations, one after the other.
MUTATIONS = [m.strip() for e in EXAMPLES if e.startswith("mutation") for m in e.split("\n\n")]


def test_readme_mutations_propose_refer_and_adopt_a_measure_in_the_open_cycle(
    sqlite_settings: Settings, demo_copy: DemoCopy
) -> None:
    demo_copy.restore(sqlite_settings)
    app = PlanningApp.from_settings(sqlite_settings)
    token = app.tokens.create("ADMIN", "readme")
    with TestClient(create_app(sqlite_settings, app)) as http:

        def post(query: str) -> dict:
            body = http.post(
                "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
            ).json()
            assert "errors" not in body, body
            return body["data"]

        ids = {
            "<AG id>": post("{ cycle(number: 8) { workingGroups { body { id name } } } }")["cycle"][
                "workingGroups"
            ][0]["body"]["id"],
            "<committee id>": post("{ bodies(kind: COMMITTEE) { nodes { id } } }")["bodies"][
                "nodes"
            ][0]["id"],
        }
        answers = []
        for example, field, key in zip(
            MUTATIONS,
            ("proposeMeasure", "submitPaper", "decideMeasure"),
            ("<measure id>", "<paper id>", None),
            strict=True,
        ):
            for placeholder, value in ids.items():
                example = example.replace(placeholder, value)
            answer = post(example)[field]
            assert answer["userErrors"] == [], answer
            answers.append(answer)
            if key:
                ids[key] = answer["measure" if field == "proposeMeasure" else "paper"]["id"]
    app.close()
    assert answers[0]["measure"]["status"] == "PROPOSED"
    assert answers[2]["measure"]["status"] == "ADOPTED"
