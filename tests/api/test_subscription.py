"""eventAppended over graphql-transport-ws: live events, resumable without gaps."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from sozialplanung.application import PlanningApp

from .client import GraphQLClient
from .world import build, propose

SUBSCRIPTION = (
    "subscription($after: Int) { eventAppended(filter: {afterPosition: $after}) "
    "{ position type actor } }"
)


def subscribe(http: TestClient, token: str | None, after: int | None):
    ws = http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"])
    socket = ws.__enter__()
    payload = {"Authorization": f"Bearer {token}"} if token else {}
    socket.send_json({"type": "connection_init", "payload": payload})
    assert socket.receive_json()["type"] == "connection_ack"
    socket.send_json(
        {
            "id": "1",
            "type": "subscribe",
            "payload": {"query": SUBSCRIPTION, "variables": {"after": after}},
        }
    )
    return ws, socket


def test_subscriber_receives_the_events_a_mutation_writes(
    service: tuple[TestClient, PlanningApp], admin: GraphQLClient, tokens: dict[str, str]
) -> None:
    world = build(admin)
    position = admin.event_count()
    ws, socket = subscribe(service[0], tokens["ANALYST"], position)
    try:
        propose(admin, world, "Live")
        message = socket.receive_json()
        assert message["type"] == "next", message
        assert message["payload"]["data"]["eventAppended"] == {
            "position": position + 1,
            "type": "MeasureProposed",
            "actor": "admin:admin",
        }
    finally:
        ws.__exit__(None, None, None)


def test_resuming_from_a_position_replays_every_later_event_once_in_order(
    service: tuple[TestClient, PlanningApp], admin: GraphQLClient, tokens: dict[str, str]
) -> None:
    build(admin)
    total = admin.event_count()
    ws, socket = subscribe(service[0], tokens["ADMIN"], 2)
    try:
        positions = [
            socket.receive_json()["payload"]["data"]["eventAppended"]["position"]
            for _ in range(total - 2)
        ]
    finally:
        ws.__exit__(None, None, None)
    assert positions == list(range(3, total + 1))


def test_public_clients_cannot_subscribe(service: tuple[TestClient, PlanningApp]) -> None:
    ws, socket = subscribe(service[0], None, None)
    try:
        message = socket.receive_json()
        assert message["payload"]["data"] is None
        assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    finally:
        ws.__exit__(None, None, None)


def test_revoking_the_token_ends_its_open_subscription(
    service: tuple[TestClient, PlanningApp], admin: GraphQLClient
) -> None:
    http, app = service
    world = build(admin)
    token = app.tokens.create("ANALYST", "leaving")
    ws, socket = subscribe(http, token, admin.event_count())
    try:
        propose(admin, world, "Noch gesehen")
        seen = socket.receive_json()
        assert seen["payload"]["data"]["eventAppended"]["type"] == "MeasureProposed"
        app.tokens.revoke(app.tokens.fingerprint(token))
        propose(admin, world, "Nicht mehr gesehen")
        ended = socket.receive_json()
        assert ended["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert "revoked" in ended["payload"]["errors"][0]["message"]
    finally:
        ws.__exit__(None, None, None)


def test_an_unknown_token_is_refused_at_connection_init_with_4403(
    service: tuple[TestClient, PlanningApp],
) -> None:
    with service[0].websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
        socket.send_json(
            {"type": "connection_init", "payload": {"Authorization": "Bearer sp_unknown"}}
        )
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 4403
