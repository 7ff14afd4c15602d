"""An HTTP client against the whole service, on each store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.graphql.ids import to_global
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..conftest import store_on
from ..demo_store import DemoCopy
from .client import GraphQLClient


@pytest.fixture
def service(settings: Settings) -> Iterator[tuple[TestClient, PlanningApp]]:
    app = PlanningApp.from_settings(settings)
    with TestClient(create_app(settings, app)) as http:
        yield http, app
    app.close()


@pytest.fixture
def tokens(service: tuple[TestClient, PlanningApp]) -> dict[str, str]:
    app = service[1]
    return {
        "ADMIN": app.tokens.create("ADMIN", "admin"),
        "ANALYST": app.tokens.create("ANALYST", "analyst"),
    }


@pytest.fixture
def admin(service: tuple[TestClient, PlanningApp], tokens: dict[str, str]) -> GraphQLClient:
    return GraphQLClient(service[0], tokens["ADMIN"])


@pytest.fixture
def public(service: tuple[TestClient, PlanningApp]) -> GraphQLClient:
    return GraphQLClient(service[0])


@dataclass
class DemoService:
    """The service on the council paper's demo data, with an ANALYST signed in."""

    analyst: GraphQLClient
    app: PlanningApp
    ids: dict[str, Any]

    def global_id(self, type_name: str, key: str) -> str:
        return to_global(type_name, self.ids[key])


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo(
    request: pytest.FixtureRequest,
    demo_copy: DemoCopy,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[DemoService]:
    """The demo on each backend, one service for the whole session: tests only read it
    (creating tokens is fine); a test that records events takes `fresh_demo`."""
    with store_on(request.param, tmp_path_factory) as settings:
        yield from _demo_service(settings, demo_copy)


@pytest.fixture
def fresh_demo(settings: Settings, demo_copy: DemoCopy) -> Iterator[DemoService]:
    """The demo in a store of this test's own, to write to."""
    yield from _demo_service(settings, demo_copy)


def _demo_service(settings: Settings, demo_copy: DemoCopy) -> Iterator[DemoService]:
    demo_copy.restore(settings)
    app = PlanningApp.from_settings(settings)
    # Started after restoring, so the views have caught up before the first request.
    with TestClient(create_app(settings, app)) as http:
        yield DemoService(
            GraphQLClient(http, app.tokens.create("ANALYST", "analyst")), app, demo_copy.ids
        )
    app.close()
