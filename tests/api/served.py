"""The real server (uvicorn, in a thread, on a free port) for tests that need real sockets:
a browser, a client that sends more than the server reads."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn

from sozialplanung.application import PlanningApp
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

TIMEOUT = 30.0


@contextmanager
def serving(settings: Settings, app: PlanningApp) -> Iterator[int]:
    """Serves ``app`` until the block ends; yields the port."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, app), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        until(lambda: server.started, "the server to start")
        yield port
    finally:
        server.should_exit = True
        thread.join(TIMEOUT)
        listening.close()


def until(probe: Any, what: str) -> Any:
    deadline = time.monotonic() + TIMEOUT
    while not (value := probe()):
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}.")
        time.sleep(0.1)
    return value
