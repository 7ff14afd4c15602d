"""Client apps running in a browser on another web origin (a city intranet, a welfare
association's portal): CORS for HTTP and the Origin check for websockets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from sozialplanung.server import create_app
from sozialplanung.settings import Settings, SettingsError

INTRANET = "https://intranet.aachen.de"
ELSEWHERE = "https://evil.example"
QUERY = {"query": "{ cycles { totalCount } }"}


@pytest.fixture
def browser(sqlite_settings: Settings) -> Iterator[TestClient]:
    settings = replace(sqlite_settings, allowed_origins=(INTRANET,))
    with TestClient(create_app(settings)) as http:
        yield http


def preflight(http: TestClient, origin: str) -> dict[str, str]:
    response = http.options(
        "/graphql",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    return dict(response.headers)


def test_a_page_of_an_allowed_origin_may_post_queries_with_a_token(browser: TestClient) -> None:
    allowed = preflight(browser, INTRANET)
    assert allowed["access-control-allow-origin"] == INTRANET
    assert "authorization" in allowed["access-control-allow-headers"].lower()
    response = browser.post("/graphql", json=QUERY, headers={"Origin": INTRANET})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == INTRANET


def test_a_refusal_still_carries_the_cors_headers_so_the_page_can_read_it(
    browser: TestClient,
) -> None:
    response = browser.post(
        "/graphql", json=QUERY, headers={"Origin": INTRANET, "Authorization": "Bearer sp_nope"}
    )
    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == INTRANET


def test_a_page_of_any_other_origin_gets_no_cors_grant(browser: TestClient) -> None:
    assert "access-control-allow-origin" not in preflight(browser, ELSEWHERE)
    response = browser.post("/graphql", json=QUERY, headers={"Origin": ELSEWHERE})
    assert "access-control-allow-origin" not in response.headers


def test_without_allowed_origins_no_page_elsewhere_gets_a_grant(sqlite_settings: Settings) -> None:
    with TestClient(create_app(sqlite_settings)) as http:
        assert "access-control-allow-origin" not in preflight(http, INTRANET)


def test_websockets_open_from_allowed_origins_and_are_refused_from_others(
    browser: TestClient,
) -> None:
    def connect(origin: str) -> str:
        with browser.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"], headers={"Origin": origin}
        ) as socket:
            socket.send_json({"type": "connection_init", "payload": {}})
            return socket.receive_json()["type"]

    assert connect(INTRANET) == "connection_ack"
    with pytest.raises(WebSocketDisconnect):
        connect(ELSEWHERE)


def test_allowed_origins_are_read_as_browsers_send_them() -> None:
    env = {"SOZIALPLANUNG_ALLOWED_ORIGINS": "https://Intranet.Aachen.de:443, http://localhost:5173"}
    settings = Settings.from_env(env)
    assert settings.allowed_origins == ("https://intranet.aachen.de", "http://localhost:5173")
    assert Settings.from_env(settings.to_env()).allowed_origins == settings.allowed_origins
    with pytest.raises(SettingsError, match="not a web origin"):
        Settings.from_env({"SOZIALPLANUNG_ALLOWED_ORIGINS": "intranet.aachen.de/portal"})
