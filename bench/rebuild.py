"""Benchmark: a rebuild of the views against reading and decoding the same log, the memory
both take, the statistics of a cycle with 100,000 measures, and what serving the store
takes in memory. Every figure from processes of their own (``sozialplanung rebuild`` and
``sozialplanung serve`` as an operator runs them), the reference in the same run.

    make bench     (or: .venv/bin/python -m bench.rebuild [MEASURES [EVENTS_EACH]])

The default store holds the demo and 100,000 measures with 10 events each: 1,000,000
events in the open cycle.
"""

from __future__ import annotations

import gc
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from sozialplanung.application import PlanningApp
from sozialplanung.projections import ReadModel
from sozialplanung.projections.projector import read
from sozialplanung.settings import Settings

from . import http
from .stores import store

RUNS = 2

STATISTICS = """{ cycle(number: 8) { statistics {
  proposed adopted rejected implemented partiallyImplemented notImplemented
  carriedForward completed dropped withdrawn implementationRate } } }"""


def decode(data_dir: Path) -> None:
    """Reads every event, as fast as the project reads its log (the ledger's reader for
    loads, the cycle collector off as in a load), and decodes it with the project's mapper
    (the reference); prints how many, in how many seconds."""
    gc.disable()  # the collector cost the reference 5-13 % of its time (2026-11-26)
    app = PlanningApp.from_settings(Settings(data_dir=data_dir))
    began, last, count = time.perf_counter(), 0, 0
    with app.keys.reading():
        while True:
            batch = read(app, last + 1)
            if not batch:
                break
            app.keys.prefetch(batch[0].id, batch[-1].id)
            for notification in batch:
                app.mapper.to_domain_event(notification)
            last, count = batch[-1].id, count + len(batch)
    print(count, time.perf_counter() - began)


def timed(args: list[str], data_dir: Path) -> tuple[float, float, str]:
    """Seconds and peak memory (MB) of ``python -m ARGS`` on the store, and its output. The
    memory is what the command and the processes it starts (a rebuild's second part) hold
    together, sampled every few milliseconds: the most they took at once."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", *args],
        env={**os.environ, "SOZIALPLANUNG_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak, done = [0.0], threading.Event()
    sampler = threading.Thread(target=_sample, args=(child.pid, peak, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    assert child.stdout is not None and child.stderr is not None
    output = child.stdout.read().decode()
    if status != 0:
        raise RuntimeError(f"{args}: {child.stderr.read().decode()}")
    # The sampler may miss a short peak of the command itself; its own high-water mark not.
    return seconds, max(peak[0], usage.ru_maxrss / 1024), output


def _sample(command: int, peak: list[float], done: threading.Event) -> None:
    while not done.wait(0.005):
        peak[0] = max(peak[0], sum(_rss_mb(pid) for pid in [command, *_children(command)]))


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with suppress(OSError):
            found += [int(c) for c in task.read_text().split()]
    return found


def _rss_mb(pid: int) -> float:
    with suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def serving(settings: Settings, token: str) -> dict[str, float]:
    """The statistics' answer time and the server's peak memory after typical reads."""
    port = http.free_port()
    with http.sozialplanung(settings.data_dir, port, SOZIALPLANUNG_RESPONSE_CACHE="0") as pid:
        answer = http.answer(port, http.graphql(STATISTICS, None, token))
        assert answer["data"]["cycle"]["statistics"]["proposed"] > 0, answer
        statistics = http.latency(port, http.graphql(STATISTICS, None, token), count=50)
        trivial = http.latency(port, http.graphql("{ __typename }", None, token), count=50)
        for query in (
            "{ measures(cycle: 8, first: 200) { nodes { id title status lead { name } } } }",
            "{ events(first: 200) { nodes { position type payload } } }",
        ):
            http.answer(port, http.graphql(query, None, token))
        return {
            "statistics ms": statistics * 1000,
            "typename ms": trivial * 1000,
            "serving MB": http.peak_rss_mb(pid),
        }


def main(measures: int, events_each: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        settings, app = store(Path(folder), measures, events_each)
        total = app.recorder.max_notification_id() or 0
        views = ReadModel(settings, app)
        views.catch_up()  # as served: the views exist, the chain was checked
        token = app.tokens.create("ANALYST", "bench")
        views.close()
        app.close()
        print(f"store: {total:,} events ({measures:,} measures × {events_each} and the demo)")
        print(f"  written and first projected in {time.perf_counter() - began:.0f} s")
        # Each twice, alternating, the faster run counting (the machine's noise only ever
        # slows a run down); the memory of the larger run.
        rebuilds, decodes = [], []
        for _ in range(RUNS):
            rebuilds.append(timed(["sozialplanung", "rebuild"], settings.data_dir))
            decodes.append(timed(["bench.rebuild", "decode"], settings.data_dir))
        for _, _, output in decodes:
            assert int(output.split()[0]) == total, (output, total)
        rebuild_s, decode_s = min(r[0] for r in rebuilds), min(d[0] for d in decodes)
        rebuild_mb, decode_mb = max(r[1] for r in rebuilds), max(d[1] for d in decodes)
        said = rebuilds[-1][2]
        figures = serving(settings, token)
    print(
        f"read and decode the log (reference):  {total / decode_s:9,.0f} events/s"
        f"  {decode_s:6.1f} s  peak {decode_mb:5.0f} MB"
    )
    print(
        f"sozialplanung rebuild:                {total / rebuild_s:9,.0f} events/s"
        f"  {rebuild_s:6.1f} s  peak {rebuild_mb:5.0f} MB"
        f"   ratio {decode_s / rebuild_s:.2f}  (goal 0.5, peak < 300 MB)"
    )
    print(
        "  runs: rebuild "
        + ", ".join(f"{r[0]:.1f} s" for r in rebuilds)
        + "; decode "
        + ", ".join(f"{d[0]:.1f} s" for d in decodes)
    )
    print(f"  ({said.strip()} The peak above: both at once.)")
    print(
        f"cycle statistics, {measures:,} measures:   {figures['statistics ms']:6.1f} ms"
        f"  ({{ __typename }} {figures['typename ms']:.1f} ms; goal < 20 ms)"
    )
    print(f"serving {total:,} events: peak {figures['serving MB']:.0f} MB  (goal < 300 MB)")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this benchmark's own process, which wrote the store: peak {own:.0f} MB)")


def _arguments(argv: list[str]) -> Any:
    if argv[:1] == ["decode"]:
        decode(Path(os.environ["SOZIALPLANUNG_DATA_DIR"]))
        return None
    return main(int(argv[0]) if argv else 100_000, int(argv[1]) if len(argv) > 1 else 10)


if __name__ == "__main__":
    _arguments(sys.argv[1:])
