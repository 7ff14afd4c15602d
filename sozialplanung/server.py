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
/oparl/v1.1  the public data as an OParl 1.1 interface, read-only (oparl/)

Pages of other web origins (a city intranet, a welfare association's portal) may call all of
these from a browser once their origin is in SOZIALPLANUNG_ALLOWED_ORIGINS.
"""

from __future__ import annotations

import asyncio
import gc
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

from .application import PlanningApp
from .domain.rights import Unauthenticated
from .downloads import calendar_response, cycles_report_response
from .graphql.view import PlanningGraphQL
from .limits import BodyLimit, WebSocketLimit
from .metrics import RequestMetrics, metrics_response
from .oparl import OparlCors, oparl_routes
from .pages import STATIC, Assets, landing_response
from .projections import ReadModel
from .settings import Settings

log = logging.getLogger("sozialplanung")

READY_LAG = 1_000  # events the views may trail behind and still be "ready"


def create_app(
    settings: Settings, planning: PlanningApp | None = None, *, own_process: bool = False
) -> Starlette:
    """The application. ``own_process``: it is the process's for life (``serve``), and what
    its start made is set aside from the cycle collector (``settle_heap``)."""
    services: dict[str, Any] = {}

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        """Store reachable, views caught up, and the hash chain intact as far as checked."""
        read_model = services["read_model"]
        try:
            lag = await asyncio.to_thread(read_model.lag)
            chain = await asyncio.to_thread(read_model.projector.chain_state)
        except Exception:
            log.exception("readiness check failed")
            return JSONResponse({"status": "unavailable", "store": "unreachable"}, 503)
        body = {
            "status": "ready" if lag <= READY_LAG else "catching up",
            "lag": lag,
            "chain": {"verifiedPosition": chain["verified"], "brokenAt": chain["broken_at"]},
        }
        if chain["broken_at"] is not None:
            body["status"] = f"event log tampered with at position {chain['broken_at']}"
            body["chain"]["problem"] = chain["problem"]
        ready = lag <= READY_LAG and chain["broken_at"] is None
        return JSONResponse(body, 200 if ready else 503)

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
        tokens = services["app"].tokens
        header = request.headers.get("authorization")
        try:
            principal = await asyncio.to_thread(tokens.resolve, header)
        except Unauthenticated as error:
            return PlainTextResponse(error.message, 401, headers={"WWW-Authenticate": "Bearer"})
        if not principal.reads_history:
            return PlainTextResponse(
                "Metrics are for ADMIN and ANALYST tokens.",
                403 if principal.reads_personal_data else 401,
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
            queries=read_model.queries,
        )
        app.state.services = services  # for operations and tests: the running app's parts
        if own_process:
            settle_heap()
        try:
            yield
        finally:
            read_model.close()
            if planning is None:
                planning_app.close()

    graphql = PlanningGraphQL(
        services,
        production=settings.production,
        allowed_origins=settings.allowed_origins,
        max_selections=settings.max_selections,
        cache_bytes=settings.response_cache_mb * 1_000_000,
    )
    services["response_cache"] = graphql.cache
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
        *oparl_routes(settings, services),
    ]
    if not settings.production:
        # Only GraphiQL uses these; in production mode there is no GraphiQL to serve them to.
        routes.append(Mount("/static", Assets(directory=STATIC), name="static"))
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(BodyLimit)
    app.add_middleware(WebSocketLimit)
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
    # Outermost of all: every OParl answer is for any origin (the spec's CORS rule).
    app.add_middleware(OparlCors)
    return app


def app_from_env() -> Starlette:
    """uvicorn's factory for `sozialplanung serve` (each worker process calls it)."""
    logging.basicConfig(level=logging.INFO)
    return create_app(Settings.from_env(), own_process=True)


def settle_heap() -> None:
    """Moves every object made so far out of the cycle collector's sight, for good. A
    started server holds some 160,000 of them (the schema, graphql-core's types, the
    routes, the views' state) as long as it runs, and every full collection — one every few
    hundred requests — walked them all: 60-90 ms each time, a fifth of the CPU a page of
    measures took (bench.read_path). Only objects that live for the whole process are
    frozen, hence only in a process of its own; garbage goes first."""
    gc.collect()
    gc.freeze()
