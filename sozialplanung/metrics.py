"""Prometheus metrics at GET /metrics (ADMIN or ANALYST token), for whoever runs the service.

- sozialplanung_http_requests_total{route, status} and
  sozialplanung_http_request_duration_seconds{route}: every HTTP request, by the template of
  its route (/calendar/{body_id}.ics, never an id, so the number of series stays small);
- sozialplanung_graphql_operations_total{type, outcome} (graphql/metrics.py);
- sozialplanung_events_recorded and sozialplanung_view_lag_events: read from the store at
  each scrape, so every worker process reports the same numbers.

With `serve --workers N` the processes share their counters through
PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode), set by `serve`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .application import PlanningApp
from .projections import ReadModel

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("sozialplanung_http_requests", "HTTP requests answered.", ["route", "status"])
DURATION = Histogram(
    "sozialplanung_http_request_duration_seconds",
    "Time from request to the end of the answer.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class RequestMetrics:
    """ASGI middleware: counts and times HTTP requests (websockets pass through), labelled
    by the template of the app's route that matches (never by id), else "other"."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]):
        self.app = app
        self.routes = routes

    def route_of(self, scope: Scope) -> str:
        for route in self.routes:
            if route.matches(scope)[0] is not Match.NONE:
                return getattr(route, "path", "other")
        return "other"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route, status, start = self.route_of(scope), 500, time.perf_counter()

        async def observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observed)
        finally:
            REQUESTS.labels(route, str(status)).inc()
            DURATION.labels(route).observe(time.perf_counter() - start)


class StoreCollector(Collector):
    """Figures from the store itself, the same whichever process is asked."""

    def __init__(self, app: PlanningApp, read_model: ReadModel):
        self.app = app
        self.read_model = read_model

    def collect(self) -> Iterable[Metric]:
        yield GaugeMetricFamily(
            "sozialplanung_events_recorded",
            "Events in the event store (the newest notification id).",
            value=self.app.recorder.max_notification_id() or 0,
        )
        yield GaugeMetricFamily(
            "sozialplanung_view_lag_events",
            "Events the views have not applied yet.",
            value=self.read_model.lag(),
        )
        chain = self.read_model.projector.chain_state()
        yield GaugeMetricFamily(
            "sozialplanung_chain_verified_position",
            "The last position up to which the hash chain over the stored events was checked.",
            value=chain["verified"],
        )
        yield GaugeMetricFamily(
            "sozialplanung_chain_broken_at",
            "The first position at which the hash chain broke (0: intact as far as checked).",
            value=chain["broken_at"] or 0,
        )


def metrics_response(app: PlanningApp, read_model: ReadModel) -> Response:
    """The exposition text: this process's (or, with workers, all processes') counters and
    the store's figures."""
    if os.environ.get(MULTIPROCESS_DIR):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
        text = generate_latest(processes)
    else:
        text = generate_latest(REGISTRY)
    store = CollectorRegistry()
    store.register(StoreCollector(app, read_model))
    return Response(text + generate_latest(store), media_type=CONTENT_TYPE_LATEST)
