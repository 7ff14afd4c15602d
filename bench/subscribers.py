"""Benchmark: does a crowd of idle `eventAppended` subscribers slow down ordinary queries?

Starts the real server (uvicorn) on the demo data, times a small query with no subscriber
(the baseline, same run), then again while SUBSCRIBERS websocket clients wait for events,
and prints the ratio. Then it times how long a mutation's event takes to reach every
subscriber. A client app keeps a subscription open per browser tab, so idle subscribers must
cost next to nothing.

    make bench        (or: .venv/bin/python -m bench.subscribers [SUBSCRIBERS])
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import websockets

from sozialplanung.application import PlanningApp
from sozialplanung.demo import load_demo
from sozialplanung.settings import Settings

QUERIES = 40
QUERY = "{ cycle(number: 1) { label statistics { adopted implementationRate } } }"
SUBSCRIPTION = "subscription { eventAppended { position type } }"
MUTATION = (
    'mutation { registerOrganization(input: {name: "Bench e.V.", kind: OTHER}) '
    "{ organization { id } userErrors { message } } }"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(url: str, query: str, token: str) -> dict[str, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


async def query_latency(url: str, token: str) -> float:
    """Median seconds per query, sent one after another from a thread of its own."""
    timings = []
    for _ in range(QUERIES):
        start = time.perf_counter()
        body = await asyncio.to_thread(post, url, QUERY, token)
        timings.append(time.perf_counter() - start)
        assert "errors" not in body, body
    return statistics.median(timings)


async def subscribe(stack: AsyncExitStack, ws_url: str, token: str) -> Any:
    connection = await stack.enter_async_context(
        websockets.connect(ws_url, subprotocols=["graphql-transport-ws"])
    )
    payload = {"Authorization": f"Bearer {token}"}
    await connection.send(json.dumps({"type": "connection_init", "payload": payload}))
    assert json.loads(await connection.recv())["type"] == "connection_ack"
    subscribe = {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}
    await connection.send(json.dumps(subscribe))
    return connection


async def measure(port: int, token: str, subscribers: int) -> None:
    url, ws_url = f"http://127.0.0.1:{port}/graphql", f"ws://127.0.0.1:{port}/graphql"
    await query_latency(url, token)  # warm-up
    baseline = await query_latency(url, token)
    async with AsyncExitStack() as stack:
        connections = [await subscribe(stack, ws_url, token) for _ in range(subscribers)]
        await asyncio.sleep(1.0)  # let every subscription settle into waiting
        crowded = await query_latency(url, token)
        start = time.perf_counter()
        await asyncio.to_thread(post, url, MUTATION, token)
        for connection in connections:
            message = json.loads(await asyncio.wait_for(connection.recv(), timeout=30))
            assert message["type"] == "next", message
        delivered = time.perf_counter() - start
    print(f"query, no subscriber (baseline): {baseline * 1000:8.2f} ms")
    print(f"query, {subscribers} idle subscribers: {crowded * 1000:8.2f} ms")
    print(f"ratio: {crowded / baseline:.2f}x the baseline (1.0 = subscribers cost nothing)")
    print(f"one event delivered to all {subscribers} subscribers in {delivered * 1000:.0f} ms")


def main(subscribers: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder))
        app = PlanningApp.from_settings(settings)
        load_demo(app)
        token = app.tokens.create("ADMIN", "bench")
        app.close()
        port = free_port()
        env = {**os.environ, **settings.with_overrides(port=port).to_env()}
        server = subprocess.Popen(
            [sys.executable, "-m", "sozialplanung", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_ready(port)
            print(f"Idle subscribers (SQLite, demo data, {QUERIES} queries each way):")
            asyncio.run(measure(port, token, subscribers))
        finally:
            server.terminate()
            server.wait(timeout=10)


def wait_until_ready(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("The server did not become ready within 30 s.")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 24)
