"""Servers in their own processes and clients that load them, for the benchmarks that
measure from outside (over HTTP, the way clients see the service)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def process(args: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[int]:
    """Runs ``python -m ARGS`` until the block ends; yields its pid once ``port`` answers."""
    child = subprocess.Popen(
        [sys.executable, "-m", *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{args} did not start: {child.stderr.read().decode()}"  # type: ignore[union-attr]
                    ) from None
                time.sleep(0.1)
        yield child.pid
    finally:
        child.terminate()
        child.wait(30)


@contextmanager
def sozialplanung(data_dir: Path, port: int, **env: str) -> Iterator[int]:
    """``sozialplanung serve`` on the store in ``data_dir`` (production mode)."""
    with process(
        ["sozialplanung", "serve", "--port", str(port)],
        port,
        {"SOZIALPLANUNG_DATA_DIR": str(data_dir), "SOZIALPLANUNG_DEV": "0", **env},
    ) as pid:
        yield pid


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


def graphql(query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> Call:
    headers = [("Content-Type", "application/json")]
    if token:
        headers.append(("Authorization", f"Bearer {token}"))
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    return Call("POST", "/graphql", body, tuple(headers))


def send(connection: http.client.HTTPConnection, call: Call) -> bytes:
    connection.request(call.method, call.path, call.body, dict(call.headers))
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{call.path}: {response.status} {body[:300]!r}")
    return body


def answer(port: int, call: Call) -> Any:
    """One call's JSON answer (to check it before timing it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    try:
        return json.loads(send(connection, call))
    finally:
        connection.close()


def rate(port: int, calls: list[Call], *, clients: int, seconds: float) -> float:
    """Requests per second that ``clients`` keep-alive connections get through in
    ``seconds``; client ``n`` sends ``calls[n % len(calls)]`` again and again."""
    done = [0] * clients
    failures: list[BaseException] = []
    start = threading.Barrier(clients + 1)
    deadline = 0.0

    def client(n: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        call = calls[n % len(calls)]
        send(connection, call)  # warm: connection open, first answer computed
        start.wait()
        try:
            while time.perf_counter() < deadline:
                send(connection, call)
                done[n] += 1
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.perf_counter() + seconds + 3600  # set properly once all are warm
    start.wait()
    began = time.perf_counter()
    deadline = began + seconds
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return sum(done) / (time.perf_counter() - began)


def latency(port: int, call: Call, count: int = 200) -> float:
    """Median seconds for one request on an idle server."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    try:
        send(connection, call)
        times = []
        for _ in range(count):
            began = time.perf_counter()
            send(connection, call)
            times.append(time.perf_counter() - began)
        return sorted(times)[len(times) // 2]
    finally:
        connection.close()


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (Linux), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")
