"""Benchmark: the read and write paths over HTTP, each against a reference in the same run.

- Read, first time (response cache off) and repeated (cache on): a page of 50 measures
  with their leads, 4 clients, against a bare Starlette endpoint serving the same 50 rows
  from the same view database (``bench.bare``).
- Write with read-your-writes: ``reportProgress`` over HTTP (the answer reads the views
  after the event), against get + mutate + save of the same aggregate in-process.

    make bench     (or: .venv/bin/python -m bench.read_path [MEASURES])
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from uuid import UUID

from sozialplanung.application import PlanningApp
from sozialplanung.domain.base import Meta
from sozialplanung.domain.rights import administrator
from sozialplanung.graphql.ids import to_global
from sozialplanung.projections import ReadModel
from sozialplanung.settings import Settings

from . import http
from .stores import store

CLIENTS = 4
SECONDS = 4.0
CYCLE = 8
PAGE = """query Page($cycle: Int!) {
  measures(cycle: $cycle, first: 50) { nodes { id title status progress lead { name } } }
}"""
REPORT = """mutation Report($input: ReportProgressInput!) {
  reportProgress(input: $input) { measure { id progress } userErrors { message } }
}"""


def prepare(folder: Path, measures: int) -> tuple[Settings, str, list[UUID]]:
    """A store with ``measures`` more measures in the open cycle, its views current, an
    ADMIN token and the measures in implementation (progress can be reported on those)."""
    settings, app = store(folder, measures, events_each=3)
    views = ReadModel(settings, app)
    views.catch_up()
    started = views.queries.measures.page(status="IN_IMPLEMENTATION", first=CLIENTS)
    token = app.tokens.create("ADMIN", "bench")
    views.close()
    app.close()
    return settings, token, [UUID(row["id"]) for row in started.rows]


def read_rates(settings: Settings, token: str) -> dict[str, float]:
    call = http.graphql(PAGE, {"cycle": CYCLE}, token)
    bare_port, ours_port = http.free_port(), http.free_port()
    views = str(settings.data_dir / "views.sqlite")
    rates: dict[str, list[float]] = {"bare": [], "first": [], "repeated": []}
    with http.process(["bench.bare", views, str(bare_port)], bare_port):
        bare = http.Call("GET", f"/measures?cycle={CYCLE}")
        ours = http.answer(bare_port, bare)["data"]["measures"]["nodes"]
        for cache in ("0", "64"):
            with http.sozialplanung(
                settings.data_dir, ours_port, SOZIALPLANUNG_RESPONSE_CACHE=cache
            ):
                answer = http.answer(ours_port, call)
                assert [n["title"] for n in answer["data"]["measures"]["nodes"]] == [
                    n["title"] for n in ours
                ], "both serve the same rows"
                for _ in range(2):  # alternating, so that drift hits both alike
                    rates["bare"].append(
                        http.rate(bare_port, [bare], clients=CLIENTS, seconds=SECONDS)
                    )
                    rates["first" if cache == "0" else "repeated"].append(
                        http.rate(ours_port, [call], clients=CLIENTS, seconds=SECONDS)
                    )
                if cache == "0":
                    rates["one request (ms)"] = [1000 * http.latency(ours_port, call)]
                    rates["{ __typename } (ms)"] = [
                        1000 * http.latency(ours_port, http.graphql("{ __typename }", None, token))
                    ]
    return {name: max(values) if "ms" not in name else values[0] for name, values in rates.items()}


def write_rates(settings: Settings, token: str, started: list[UUID]) -> dict[str, float]:
    """Over HTTP and in-process, alternating (the faster round counts, as for the reads).
    The server is stopped while the in-process writes run: its projector would otherwise
    spend the machine's time applying them, and the reference would run slower."""
    port = http.free_port()
    calls = [
        http.graphql(
            REPORT,
            {"input": {"measure": to_global("Measure", str(measure)), "percent": 50}},
            token,
        )
        for measure in started
    ]
    rates: dict[str, list[float]] = {"sequential": [], "parallel": [], "raw": []}
    for _ in range(2):
        with http.sozialplanung(settings.data_dir, port):
            answer = http.answer(port, calls[0])
            assert answer["data"]["reportProgress"]["userErrors"] == [], answer
            rates["sequential"].append(http.rate(port, calls[:1], clients=1, seconds=SECONDS))
            rates["parallel"].append(http.rate(port, calls, clients=len(calls), seconds=SECONDS))
        rates["raw"].append(raw_writes(settings, started[0]))
    return {name: max(values) for name, values in rates.items()}


def raw_writes(settings: Settings, measure: UUID) -> float:
    """get + report_progress + save of one measure, in-process, on the same store."""
    app = PlanningApp.from_settings(settings)
    meta = Meta(principal=administrator("bench"), correlation_id="bench", today=date.today())
    try:
        count, began = 0, time.perf_counter()
        while time.perf_counter() - began < SECONDS:
            aggregate = app.repository.get(measure)
            aggregate.report_progress(meta, percent_done=count % 100, note=None)
            app.save(aggregate)
            count += 1
        return count / (time.perf_counter() - began)
    finally:
        app.close()


def main(measures: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings, token, started = prepare(Path(folder), measures)
        reads = read_rates(settings, token)
        writes = write_rates(settings, token, started)
    print(f"store: the demo and {measures:,} more measures in cycle {CYCLE}; {CLIENTS} clients")
    print(f"bare Starlette endpoint, same 50 rows:  {reads['bare']:8,.0f} req/s")
    print(
        f"read, first time (cache off):          {reads['first']:8,.0f} req/s"
        f"   ratio {reads['first'] / reads['bare']:.2f}  (goal 0.25)"
    )
    print(
        f"read, repeated (cache on):             {reads['repeated']:8,.0f} req/s"
        f"   ratio {reads['repeated'] / reads['bare']:.2f}  (goal 0.7)"
    )
    print(
        f"one request alone: {reads['one request (ms)']:.2f} ms"
        f" ({{ __typename }}: {reads['{ __typename } (ms)']:.2f} ms)"
    )
    print(f"raw get + mutate + save:               {writes['raw']:8,.0f} /s")
    print(
        f"reportProgress over HTTP, sequential:  {writes['sequential']:8,.0f} /s"
        f"   ratio {writes['sequential'] / writes['raw']:.2f}  (goal 0.5)"
    )
    print(
        f"reportProgress over HTTP, {len(started)} clients:   {writes['parallel']:8,.0f} /s"
        f"   ratio {writes['parallel'] / writes['raw']:.2f}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
