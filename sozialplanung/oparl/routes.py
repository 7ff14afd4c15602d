"""The OParl routes for server.py, and the CORS every OParl answer carries.

Each route is a template under /oparl/v1.1 (so the request metrics count by template, never
by id) whose endpoint hands the request to the worker threads (OparlService.respond).
A last route catches the rest of /oparl: a path that differs from a route's only by a
trailing slash is redirected (301), a method other than GET/HEAD is 405, anything else 404
— all as OParl error objects.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import Settings
from . import resources, system
from .context import Ctx
from .errors import OparlError, not_found
from .service import Asked, OparlService, Resource, error_response
from .urls import PREFIX

ROOT = "/oparl"
METHODS = ["GET"]  # Starlette adds HEAD


def _object(kind: str, positioned: bool = False) -> Resource:
    def answer(ctx: Ctx, asked: Asked) -> dict[str, Any]:
        params = asked.params
        return resources.one(ctx, kind, params["key"], params["seq"] if positioned else None)

    return answer


# (path under PREFIX, what it answers)
RESOURCES: list[tuple[str, Resource]] = [
    ("", lambda ctx, asked: system.system(ctx)),
    ("/bodies", lambda ctx, asked: resources.bodies(ctx, asked.query)),
    ("/body/{body}", lambda ctx, asked: resources.body(ctx)),
    (
        "/body/{body}/{list}",
        lambda ctx, asked: resources.body_list(ctx, asked.params["list"], asked.query),
    ),
    ("/organization/{key}", _object("organization")),
    (
        "/organization/{key}/{list}",
        lambda ctx, asked: resources.organization_list(
            ctx, asked.params["key"], asked.params["list"], asked.query
        ),
    ),
    ("/person/{key}", _object("person")),
    ("/membership/{key}/{seq}", _object("membership", positioned=True)),
    ("/meeting/{key}", _object("meeting")),
    ("/agenda-item/{key}/{seq}", _object("agendaItem", positioned=True)),
    ("/location/{key}", _object("location")),
    ("/paper/{key}", _object("paper")),
    ("/consultation/{key}", _object("consultation")),
    ("/file/{key}/{seq}", _object("file", positioned=True)),
    (
        "/file/{key}/{seq}/access",
        lambda ctx, asked: resources.file_access(ctx, asked.params["key"], asked.params["seq"]),
    ),
    ("/measure/{key}", _object("measure")),
    ("/cycle/{key}", _object("cycle")),
]


def oparl_routes(settings: Settings, services: dict[str, Any]) -> list[BaseRoute]:
    service = OparlService(settings, services)

    def route(path: str, resource: Resource) -> Route:
        template = PREFIX + path

        async def endpoint(request: Request) -> Response:
            return await asyncio.to_thread(service.respond, resource, template, request)

        return Route(template, endpoint, methods=METHODS)

    routes: list[BaseRoute] = [route(path, resource) for path, resource in RESOURCES]
    known = list(routes)

    async def elsewhere(request: Request) -> Response:
        return _elsewhere(request, known, service.urls.absolute)

    routes.append(
        Route(
            ROOT + "{rest:path}",
            elsewhere,
            methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        )
    )
    return routes


def _elsewhere(
    request: Request, known: list[BaseRoute], absolute: Callable[[str, str], str]
) -> Response:
    scope = request.scope
    for route in known:
        if route.matches(scope)[0] is Match.PARTIAL:  # the path, not the method
            response = error_response(
                OparlError(
                    405,
                    "OParl wird nur gelesen (GET).",
                    f"{request.method} is not allowed here; OParl is read with GET.",
                )
            )
            response.headers["Allow"] = "GET, HEAD"
            return response
    path = request.url.path
    other = path[:-1] if path.endswith("/") else path + "/"
    if request.method in ("GET", "HEAD") and any(
        route.matches({**scope, "path": other})[0] is Match.FULL for route in known
    ):
        return Response(status_code=301, headers={"Location": absolute(other, request.url.query)})
    return error_response(not_found(f"Nothing is served at {path}; start at {PREFIX}."))


class OparlCors:
    """``Access-Control-Allow-Origin: *`` on every answer under /oparl — with or without an
    Origin header, on errors and 304s too (spec 2.6) — and an answer to a browser's
    preflight (a client sending If-None-Match asks first). Outermost, so that it also wins
    over the API's own CORS for SOZIALPLANUNG_ALLOWED_ORIGINS, which is narrower."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(ROOT):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            allowed = {
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Allow-Methods": "GET, HEAD",
                "Access-Control-Max-Age": "600",
            }
            if "access-control-request-headers" in headers:
                allowed["Access-Control-Allow-Headers"] = headers["access-control-request-headers"]
            await Response(status_code=204, headers=allowed)(scope, receive, send)
            return

        async def opened(message: Message) -> None:
            if message["type"] == "http.response.start":
                found = MutableHeaders(scope=message)
                found["Access-Control-Allow-Origin"] = "*"
                found["Access-Control-Expose-Headers"] = "ETag"
            await send(message)

        await self.app(scope, receive, opened)
