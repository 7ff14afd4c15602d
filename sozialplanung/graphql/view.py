"""The GraphQL endpoint as an ASGI app: who asks, what a request body may be, websockets.

- HTTP: the Authorization header is resolved once, before anything runs; a malformed
  header or an unknown or revoked token is 401 with a message.
- A body must be a UTF-8 JSON object; anything else (``"hello"``, ``null``, ``[1]``, bytes
  that are not UTF-8, JSON nested deeper than the parser goes) is 400, never a crash.
- graphql-transport-ws: the token (in ``connection_init``) is asked about again before every
  operation; a revoked one gets UNAUTHENTICATED and the socket closes with 4403. Few
  operations at a time per connection, and a short wait for ``connection_init``.
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.types.unset import UNSET, UnsetType

from ..domain.rights import Principal, Unauthenticated
from ..pages import graphiql_page, graphiql_response
from .context import Context
from .schema import build_schema

MAX_OPERATIONS_PER_SOCKET = 10
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)


def unauthorized(message: str) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]},
        401,
        headers={"WWW-Authenticate": "Bearer"},
    )


class TokenCheckingHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws, asking the token store again before every operation."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged:
            try:
                await self.context.run(self.context.recheck)
            except Unauthenticated as error:
                await self.send_message(
                    {
                        "id": message["id"],
                        "type": "error",
                        "payload": [
                            {"message": error.message, "extensions": {"code": "UNAUTHENTICATED"}}
                        ],
                    }
                )
                await self.websocket.close(code=4403, reason="Forbidden")
                return
        await super().handle_subscribe(message)


class PlanningGraphQL(GraphQL):
    graphql_transport_ws_handler_class = TokenCheckingHandler

    def __init__(
        self,
        services: dict[str, Any],
        *,
        production: bool,
        allowed_origins: tuple[str, ...],
        max_selections: int,
    ):
        super().__init__(
            build_schema(production=production, max_selections=max_selections),
            graphql_ide=None if production else "graphiql",
            subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
            connection_init_wait_timeout=CONNECTION_INIT_TIMEOUT,
            max_subscriptions_per_connection=MAX_OPERATIONS_PER_SOCKET,
            # Browsers apply no CORS to websockets: pages elsewhere may open one only from
            # these origins (tokens travel in connection_init, but stay on the safe side).
            allowed_origins=allowed_origins,
        )
        self.services = services
        # Built once: the page depends on nothing in the request (start.js reads the URL).
        self.ide_page = None if production else graphiql_page()

    async def render_graphql_ide(self, request: Request) -> Response:
        """Our own GraphiQL page, every asset served by us (strawberry's loads a CDN)."""
        assert self.ide_page is not None  # strawberry asks only when graphql_ide is set
        return graphiql_response(self.ide_page)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Who asks is settled before anything runs: 401 for a bad header or token."""
        if scope["type"] == "http":
            header = Request(scope).headers.get("authorization")
            try:
                principal = await asyncio.to_thread(self._resolve, header)
            except Unauthenticated as error:
                await unauthorized(error.message)(scope, receive, send)
                return
            scope.setdefault("state", {})["principal"] = principal
        await super().__call__(scope, receive, send)

    def _resolve(self, header: str | None) -> Principal:
        return self.services["app"].tokens.resolve(header)

    def decode_json(self, data: str | bytes) -> object:
        """A request body or ``variables`` parameter: a JSON object in UTF-8, or 400."""
        try:
            value = json.loads(data)
        except UnicodeDecodeError:
            raise HTTPException(
                400, "Unable to parse request body as JSON: it is not UTF-8."
            ) from None
        except RecursionError:
            raise HTTPException(
                400, "Unable to parse request body as JSON: nested too deeply."
            ) from None
        if not isinstance(value, dict):
            raise HTTPException(
                400,
                "Expected a JSON object: the request, e.g. "
                '{"query": "{ cycles { totalCount } }"}, and its variables are objects.',
            )
        return value

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """An unknown or revoked token in connection_init closes the socket with 4403, the
        protocol's refusal (HTTP answers 401); without a token a client connects as PUBLIC."""
        try:
            await context.run(context.recheck)
        except Unauthenticated as error:
            raise ConnectionRejectionError({"message": error.message}) from None
        return UNSET

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        return Context(
            app=self.services["app"],
            read_model=self.services["read_model"],
            queries=self.services["queries"],
            principal_of_request=request.scope.get("state", {}).get("principal"),
            authorization=request.headers.get("authorization"),
            over_websocket=isinstance(request, WebSocket),
        )
