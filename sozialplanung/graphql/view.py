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
from datetime import date, timedelta
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.datastructures import Headers, QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
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
from ..projections import ReadModel
from .context import Context
from .metrics import OPERATIONS
from .response_cache import LOOKUPS, Answer, Question, ResponseCache
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


class PlanningGraphQL(GraphQL[Context, None]):  # context and root value types
    graphql_transport_ws_handler_class = TokenCheckingHandler

    def __init__(
        self,
        services: dict[str, Any],
        *,
        production: bool,
        allowed_origins: tuple[str, ...],
        max_selections: int,
        cache_bytes: int = 0,
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
        self.cache = ResponseCache(cache_bytes) if cache_bytes else None
        # Built once: the page depends on nothing in the request (start.js reads the URL).
        self.ide_page = None if production else graphiql_page()

    async def render_graphql_ide(self, request: Request) -> Response:
        """Our own GraphiQL page, every asset served by us (strawberry's loads a CDN)."""
        assert self.ide_page is not None  # strawberry asks only when graphql_ide is set
        return graphiql_response(self.ide_page)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Who asks is settled before anything runs: 401 for a bad header or token."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        header = Headers(scope=scope).get("authorization")
        try:
            if self.read_model.inline_reads:
                principal, position = self._who_and_when(header)
            else:
                principal, position = await asyncio.to_thread(self._who_and_when, header)
        except Unauthenticated as error:
            await unauthorized(error.message)(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        if self.cache is None or scope["method"] not in ("GET", "POST"):
            await super().__call__(scope, receive, send)
            return
        await self._cached(scope, receive, send, principal, position)

    def _who_and_when(self, header: str | None) -> tuple[Principal, int]:
        """Who asks, and the views' position the answer will be as of (read first: an
        answer is never older than its key says)."""
        return self.services["app"].tokens.resolve(header), self.read_model.position()

    @property
    def read_model(self) -> ReadModel:
        return self.services["read_model"]

    async def _cached(
        self, scope: Scope, receive: Receive, send: Send, principal: Principal, position: int
    ) -> None:
        """The answer from the cache, or computed and kept when it may be."""
        assert self.cache is not None
        body, question = await _question_of(scope, receive)
        replay = _replaying(body, receive)
        if question is None:  # not one plain GraphQL request: strawberry answers
            await super().__call__(scope, replay, send)
            return
        key = self.cache.key(question, principal, position, date.today())
        etag = f'"{key}"'.encode()
        headers = [(b"etag", etag), (b"cache-control", b"private, no-cache")]
        if scope["method"] == "GET" and etag in _if_none_match(scope):
            LOOKUPS.labels("not_modified").inc()
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        self.cache.rewritten(self.read_model.rewritten_at)
        hit = self.cache.get(key)
        LOOKUPS.labels("miss" if hit is None else "hit").inc()
        if hit is not None:
            OPERATIONS.labels("query", "ok").inc()  # only clean answers to queries are kept
            response = Response(hit, 200, media_type="application/json")
            response.raw_headers.extend(headers)
            await response(scope, replay, send)
            return
        answer = Answer()
        scope["state"]["answer"] = answer
        started: Message | None = None

        async def keeping(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = message  # held back: the headers depend on what follows
                return
            if started is not None:
                if (
                    message["type"] == "http.response.body"
                    and not message.get("more_body")
                    and started["status"] == 200
                    and answer.cacheable
                ):
                    assert self.cache is not None
                    self.cache.rewritten(self.read_model.rewritten_at)
                    self.cache.put(key, message.get("body", b""), position)
                    started = {**started, "headers": [*started["headers"], *headers]}
                await send(started)
                started = None
            await send(message)

        await super().__call__(scope, replay, keeping)

    def encode_json(self, data: object) -> str:
        """Answers as JSON, fast; the standard library for what orjson refuses (an
        integer beyond 64 bits in an event's payload). Text, not bytes: a websocket sends
        bytes as a binary frame, which graphql-transport-ws clients do not read."""
        try:
            return orjson.dumps(data).decode()
        except TypeError:
            return json.dumps(data, separators=(",", ":"))

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
            answer=request.scope.get("state", {}).get("answer"),
            inline_reads=self.read_model.inline_reads,
        )


async def _question_of(scope: Scope, receive: Receive) -> tuple[bytes, Question | None]:
    """The body as read, and the GraphQL request in it (or in a GET's parameters)."""
    if scope["method"] == "GET":
        return b"", Question.of(dict(QueryParams(scope["query_string"])))
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    body = b"".join(chunks)
    if b"application/json" not in Headers(scope=scope).get("content-type", "").encode():
        return body, None
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return body, None  # strawberry says what is wrong with it
    return body, Question.of(data)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """``receive`` again, starting with the body read already."""
    pending = True

    async def replay() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _if_none_match(scope: Scope) -> list[bytes]:
    value = Headers(scope=scope).get("if-none-match", "")
    return [tag.strip().removeprefix("W/").encode() for tag in value.split(",")]
