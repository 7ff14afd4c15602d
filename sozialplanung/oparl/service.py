"""Answering an OParl request: the canonical URL, the cached answer or a new one, as JSON.

Runs in a worker thread (server.py hands each request over with asyncio.to_thread): the
views are read synchronously. Answers are cached like the GraphQL API's, keyed by the URL
with its query and the views' position in the audit log: a new event is a new key, so
nothing is ever served stale and nothing is invalidated by hand; the key is the ETag, and a
client that sends it back in If-None-Match gets 304. Everything here is public, so who asks
is no part of the key.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ..projections.oparl import OparlQueries
from ..response_cache import ResponseCache, key_of
from ..settings import Settings
from .context import Ctx
from .errors import Moved, OparlError, not_found
from .filters import ListQuery
from .urls import BODY, Urls

log = logging.getLogger("sozialplanung.oparl")

MEDIA_TYPE = "application/json"
# Public data that changes with every event: a client may keep it, but asks again first.
CACHE_CONTROL = "public, no-cache"
SEQ = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class Asked:
    """What the resource gets: the path's parts, made canonical, and the list query."""

    params: dict[str, Any]
    query: ListQuery


Resource = Callable[[Ctx, Asked], dict[str, Any]]


class OparlService:
    def __init__(self, settings: Settings, services: dict[str, Any]):
        self.settings = settings
        self.services = services
        self.urls = Urls(settings.public_base)
        self._queries: OparlQueries | None = None

    @property
    def queries(self) -> OparlQueries:
        db = self.services["read_model"].db
        if self._queries is None or self._queries.db is not db:
            self._queries = OparlQueries(db)
        return self._queries

    @property
    def cache(self) -> ResponseCache | None:
        return self.services.get("response_cache")  # None when switched off (0 MB)

    def respond(self, resource: Resource, template: str, request: Request) -> Response:
        try:
            return self._respond(resource, template, request)
        except Moved as moved:
            location = self.urls.absolute(moved.path, request.url.query)
            return Response(status_code=301, headers={"Location": location})
        except OparlError as error:
            return error_response(error)
        except Exception:  # a bug of ours: still an OParl error object, and logged
            log.exception("OParl request %s failed", request.url.path)
            return error_response(
                OparlError(500, "Interner Fehler des Servers.", "See the server's log.")
            )

    def _respond(self, resource: Resource, template: str, request: Request) -> Response:
        params = canonical_params(template, dict(request.path_params))
        read_model = self.services["read_model"]
        position = read_model.position()  # read first: an answer is never older than its key
        key = key_of(["oparl", request.url.path, request.url.query, position])
        etag = f'"{key}"'
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if etag in if_none_match(request.headers.get("if-none-match")):
            return Response(status_code=304, headers=headers)
        cache = self.cache
        if cache is not None:
            cache.rewritten(read_model.rewritten_at)
            hit = cache.get(key)
            if hit is not None:
                return Response(hit, 200, headers=headers, media_type=MEDIA_TYPE)
        query = ListQuery.parse(parse_qs(request.url.query, keep_blank_values=True))
        ctx = Ctx(self.queries, self.urls, self.settings, query.omit_internal)
        body = orjson.dumps(resource(ctx, Asked(params, query)))
        if cache is not None:
            cache.rewritten(read_model.rewritten_at)
            cache.put(key, body, position)
        return Response(body, 200, headers=headers, media_type=MEDIA_TYPE)


def canonical_params(template: str, params: dict[str, str]) -> dict[str, Any]:
    """The path's parts in their one spelling: a UUID in lower case, a position without
    leading zeros (spec 2.3); another spelling of an existing URL is redirected (301), a
    part that names nothing is a 404."""
    found: dict[str, Any] = {}
    for name, value in params.items():
        if name == "key":
            try:
                found[name] = str(UUID(value))
            except ValueError:
                raise not_found(f"{value!r} is not a key of this service.") from None
        elif name == "seq":
            if not SEQ.fullmatch(value):
                raise not_found(f"{value!r} is not a position.")
            found[name] = int(value)
        elif name == "body":
            if value != BODY:
                raise not_found(f"This service has one Body, {BODY}.")
            found[name] = value
        else:
            found[name] = value
    if any(str(found[name]) != params[name] for name in params):
        raise Moved(template.format(**found))
    return found


def if_none_match(header: str | None) -> set[str]:
    """The entity tags a client holds (weak ones compare like strong ones for a GET)."""
    if not header:
        return set()
    return {tag.strip().removeprefix("W/") for tag in header.split(",")}


def error_response(error: OparlError) -> Response:
    return Response(orjson.dumps(error.body()), error.status, media_type=MEDIA_TYPE)
