"""GET /metrics for whoever runs the service: Prometheus text, counted by route template and
operation, the store's figures read at each scrape, summed over worker processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from uuid import UUID

from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.graphql.ids import uuid_of
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy
from .client import GraphQLClient
from .world import build

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(http: TestClient, token: str) -> Samples:
    response = http.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


def value(found: Samples, name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_are_for_administrators_and_analysts(
    service: tuple[TestClient, PlanningApp], tokens: dict[str, str], admin: GraphQLClient
) -> None:
    http, app = service
    assert http.get("/metrics").status_code == 401
    assert http.get("/metrics", headers={"Authorization": "Bearer sp_nope"}).status_code == 401
    world = build(admin)
    member = app.tokens.create("MEMBER", "member", _uuid(world.fb50))
    assert http.get("/metrics", headers={"Authorization": f"Bearer {member}"}).status_code == 403
    for role in ("ADMIN", "ANALYST"):
        found = scrape(http, tokens[role])
        assert any(name == "process_cpu_seconds_total" for name, _ in found)  # one process


def _uuid(global_id: str) -> UUID:
    return uuid_of(global_id, "organization")


def test_requests_operations_and_the_store_are_counted(
    service: tuple[TestClient, PlanningApp], tokens: dict[str, str], admin: GraphQLClient
) -> None:
    http, app = service
    build(admin)
    before = scrape(http, tokens["ANALYST"])
    admin.data("{ cycles { totalCount } }")
    admin.mutate("registerOrganization", "RegisterOrganizationInput", "", name="X", kind="OTHER")
    admin.post("{ cycles { nonsense } }")
    assert http.get("/calendar/not-an-id.ics").status_code == 400
    after = scrape(http, tokens["ANALYST"])

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("sozialplanung_graphql_operations_total", type="query", outcome="ok") == 1
    assert grew("sozialplanung_graphql_operations_total", type="mutation", outcome="ok") == 1
    assert grew("sozialplanung_graphql_operations_total", type="query", outcome="error") == 1
    # Three GraphQL requests and the scrape before; the calendar by its template, not its id.
    assert grew("sozialplanung_http_requests_total", route="/graphql", status="200") == 3
    assert grew("sozialplanung_http_requests_total", route="/metrics", status="200") == 1
    calendar = {"route": "/calendar/{body_id}.ics", "status": "400"}
    assert grew("sozialplanung_http_requests_total", **calendar) == 1
    assert grew("sozialplanung_http_request_duration_seconds_count", route="/graphql") == 3
    assert value(after, "sozialplanung_events_recorded") == app.recorder.max_notification_id()
    assert value(after, "sozialplanung_view_lag_events") == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_worker_processes_report_their_counters_together(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    settings = Settings(data_dir=tmp_path / "data", port=free_port())
    demo_copy.restore(settings)
    app = PlanningApp.from_settings(settings)
    token = app.tokens.create("ANALYST", "prometheus")
    app.close()
    env = {**os.environ, **settings.to_env()}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "sozialplanung", "serve", "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{settings.port}"
    try:
        _wait_until_ready(base)
        query = json.dumps({"query": "{ cycles { totalCount } }"}).encode()
        for _ in range(10):
            request = urllib.request.Request(
                base + "/graphql", data=query, headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=10) as answer:
                assert json.load(answer)["data"] == {"cycles": {"totalCount": 8}}
        request = urllib.request.Request(
            base + "/metrics", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            found = samples(answer.read().decode())
    finally:
        server.terminate()
        server.wait(timeout=20)
    ok = {"type": "query", "outcome": "ok"}
    # Whichever worker answers the scrape, it reports all ten queries, not only its own: the
    # counters come from the workers' shared files (which hold no per-process CPU figures).
    assert value(found, "sozialplanung_graphql_operations_total", **ok) == 10
    assert not any(name == "process_cpu_seconds_total" for name, _ in found)
    assert value(found, "sozialplanung_events_recorded") > 200


def _wait_until_ready(base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
