"""The Starlette application: routes and lifespan, built by create_app(); nothing at import.

/          the landing page: what the service is, links to all of the below (pages.py)
/graphql   the API (GraphiQL in a browser unless in production mode)
/schema.graphql   the running schema's SDL (not in production mode, like introspection)
/static/…  GraphiQL's scripts and styles, vendored (not in production mode)
/healthz   the process is alive
/readyz    the store answers and the views are caught up within a bound
/metrics   Prometheus metrics (ADMIN or ANALYST token; see metrics.py)
/calendar/{bodyId}.ics   a body's meetings as an iCalendar feed (public)
/reports/cycles/{from}-{to}.svg   the cycle comparison chart (public, like cycleComparison)
/reports/cycles/{from}-{to}.csv   the same figures for a spreadsheet

Pages of other web origins (a city intranet, a welfare association's portal) may call all of
these from a browser once their origin is in SOZIALPLANUNG_ALLOWED_ORIGINS.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from .application import PlanningApp
from .application.access import Unauthenticated
from .downloads import calendar_response, cycles_report_response
from .graphql.context import Context, bearer_token
from .graphql.schema import build_schema
from .metrics import RequestMetrics, metrics_response
from .pages import STATIC, Assets, graphiql_page, graphiql_response, landing_response
from .projections import ReadModel
from .projections.documents import DocumentCodec
from .projections.queries import ReadQueries
from .settings import Settings

log = logging.getLogger("sozialplanung")

MAX_BODY_BYTES = 1_000_000
READY_LAG = 1_000  # events the views may trail behind and still be "ready"


class BodyLimit:
    """Answers 413 to a request body larger than the limit, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await PlainTextResponse("Request body too large.", 413)(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await PlainTextResponse("Request body too large.", 413)(scope, receive, send)


class _TooLarge(Exception):
    pass


class PlanningGraphQL(GraphQL):
    def __init__(
        self, services: dict[str, Any], *, production: bool, allowed_origins: tuple[str, ...]
    ):
        super().__init__(
            build_schema(production=production),
            graphql_ide=None if production else "graphiql",
            subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
            # Browsers apply no CORS to websockets: pages elsewhere may open one only from
            # these origins (tokens travel in connection_init, but stay on the safe side).
            allowed_origins=allowed_origins,
        )
        self.services = services
        # Built once: the page depends on nothing in the request (start.js reads the URL).
        self.ide_page = None if production else graphiql_page()

    async def render_graphql_ide(self, request: Request) -> Response:
        """Our own GraphiQL page in place of strawberry's, which loads it from a CDN."""
        assert self.ide_page is not None  # strawberry asks only when graphql_ide is set
        return graphiql_response(self.ide_page)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A request with an unknown or revoked token gets 401 before anything runs."""
        if scope["type"] == "http":
            token = bearer_token(Request(scope).headers.get("authorization"))
            if token is not None and not await asyncio.to_thread(self._known, token):
                await JSONResponse(
                    {
                        "errors": [
                            {
                                "message": "That token is unknown or revoked.",
                                "extensions": {"code": "UNAUTHENTICATED"},
                            }
                        ]
                    },
                    401,
                    headers={"WWW-Authenticate": "Bearer"},
                )(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    def _known(self, token: str) -> bool:
        return self.services["app"].tokens.principal(token) is not None

    def decode_json(self, data: str | bytes) -> object:
        """A body nested too deeply for the parser is malformed JSON (400), not a crash."""
        try:
            return json.loads(data)
        except RecursionError:
            raise json.JSONDecodeError("nested too deeply", "", 0) from None

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
            token=bearer_token(request.headers.get("authorization")),
        )


def create_app(settings: Settings, planning: PlanningApp | None = None) -> Starlette:
    services: dict[str, Any] = {}

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        try:
            lag = await asyncio.to_thread(services["read_model"].lag)
        except Exception:
            log.exception("readiness check failed")
            return JSONResponse({"status": "unavailable", "store": "unreachable"}, 503)
        ready = lag <= READY_LAG
        return JSONResponse(
            {"status": "ready" if ready else "catching up", "lag": lag}, 200 if ready else 503
        )

    async def calendar(request: Request) -> Response:
        return await asyncio.to_thread(
            calendar_response,
            services["queries"],
            request.path_params["body_id"],
            request.headers.get("if-none-match"),
        )

    async def cycles_report(request: Request) -> Response:
        return await asyncio.to_thread(
            cycles_report_response,
            services["queries"],
            request.path_params["span"],
            request.url.path.rpartition(".")[2],  # the routes admit only svg and csv
            request.headers.get("if-none-match"),
        )

    async def landing(request: Request) -> Response:
        return await asyncio.to_thread(
            landing_response,
            services["queries"],
            production=settings.production,
            today=date.today(),
        )

    async def schema_sdl(request: Request) -> Response:
        if settings.production:
            # Production mode hides the schema from introspection; it is not handed out here
            # either (client developers have schema.graphql in the repository).
            return PlainTextResponse("Not Found", 404)
        return PlainTextResponse(graphql.schema.as_str() + "\n")

    async def metrics(request: Request) -> Response:
        token = bearer_token(request.headers.get("authorization"))
        tokens = services["app"].tokens
        principal = await asyncio.to_thread(tokens.principal, token) if token else None
        if principal is None or not principal.reads_history:
            return PlainTextResponse(
                "Metrics are for ADMIN and ANALYST tokens.",
                401 if principal is None else 403,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return await asyncio.to_thread(metrics_response, services["app"], services["read_model"])

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        planning_app = planning or PlanningApp.from_settings(settings)
        read_model = ReadModel(settings, planning_app)
        planning_app.after_save.append(read_model.wake)
        await asyncio.to_thread(read_model.start)
        services.update(
            app=planning_app,
            read_model=read_model,
            queries=ReadQueries(read_model.db, DocumentCodec(planning_app.mapper.transcoder)),
        )
        try:
            yield
        finally:
            read_model.close()
            if planning is None:
                planning_app.close()

    graphql = PlanningGraphQL(
        services, production=settings.production, allowed_origins=settings.allowed_origins
    )
    routes: list[BaseRoute] = [
        Route("/", landing),
        Route("/schema.graphql", schema_sdl),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        Route("/calendar/{body_id}.ics", calendar),
        Route("/reports/cycles/{span}.svg", cycles_report),
        Route("/reports/cycles/{span}.csv", cycles_report),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]
    if not settings.production:
        # Only GraphiQL uses these; in production mode there is no GraphiQL to serve them to.
        routes.append(Mount("/static", Assets(directory=STATIC), name="static"))
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(BodyLimit)
    # Outside the body limit, so a 413 is counted too.
    app.add_middleware(RequestMetrics, routes=routes)
    if settings.allowed_origins:
        # Outermost, so that preflights and even a 401 or 413 carry the CORS headers a
        # client app's page needs to read them.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    return app


def app_from_env() -> Starlette:
    """uvicorn's factory for `sozialplanung serve` (each worker process calls it)."""
    logging.basicConfig(level=logging.INFO)
    return create_app(Settings.from_env())
