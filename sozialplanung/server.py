"""The Starlette application: routes and lifespan, built by create_app(); nothing at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .application import PlanningApp
from .settings import Settings


def create_app(settings: Settings, planning: PlanningApp | None = None) -> Starlette:
    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.planning = planning or PlanningApp.from_settings(settings)
        try:
            yield
        finally:
            app.state.planning.close()

    return Starlette(routes=[Route("/healthz", healthz)], lifespan=lifespan)
