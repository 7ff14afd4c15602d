"""GraphiQL works in a real browser from this service alone: headless Chromium, for which
every other host is unresolvable, against the server on the demo data.

Chromium is driven over its DevTools protocol (a websocket), so the test can click: it runs
the default query, then a subscription with a token pasted into the headers editor, and
watches every request the page makes and every Content-Security-Policy violation.

Without Chromium the test is skipped; with SOZIALPLANUNG_REQUIRE_BROWSER=1 (CI) it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

from sozialplanung.application import PlanningApp
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy
from .served import TIMEOUT, serving, until

REQUIRE_BROWSER = os.environ.get("SOZIALPLANUNG_REQUIRE_BROWSER") == "1"


@dataclass
class Served:
    base: str
    admin_token: str
    last_position: int


@pytest.fixture
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        reason = "headless Chromium is not installed (apt-get install chromium)"
        if REQUIRE_BROWSER:
            pytest.fail(f"The browser test is required (SOZIALPLANUNG_REQUIRE_BROWSER=1): {reason}")
        pytest.skip(reason)
    return found


@pytest.fixture
def served(tmp_path: Path, demo_copy: DemoCopy) -> Iterator[Served]:
    """The real server (uvicorn, in a thread) on the demo data, outside production mode."""
    settings = Settings(data_dir=tmp_path / "data", production=False)
    demo_copy.restore(settings)
    app = PlanningApp.from_settings(settings)
    token = app.tokens.create("ADMIN", "browser-test")
    try:
        with serving(settings, app) as port:
            base = f"http://127.0.0.1:{port}"
            # The audit log's positions are gapless from 1 (claims and other bookkeeping
            # events of the store are not in it): the last one is the count.
            query = "{ events { totalCount } }"
            count = _post(base, query, token)["data"]["events"]["totalCount"]
            yield Served(base, token, count)
    finally:
        app.close()


@dataclass
class Tab:
    """A tab of headless Chromium, driven over the DevTools protocol."""

    socket: ClientConnection
    events: list[dict[str, Any]] = field(default_factory=list)
    calls: int = 0

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=TIMEOUT))
            if message.get("id") == self.calls:
                assert "error" not in message, message
                return message["result"]
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def wait_for(self, expression: str, what: str) -> Any:
        return until(lambda: self.evaluate(expression), what)

    def of(self, method: str) -> list[dict[str, Any]]:
        return [event["params"] for event in self.events if event.get("method") == method]


@pytest.fixture
def tab(chromium: str, tmp_path: Path) -> Iterator[Tab]:
    profile = tmp_path / "chromium"
    log = (tmp_path / "chromium.log").open("w")
    browser = subprocess.Popen(
        [
            chromium,
            "--headless",
            "--no-sandbox",  # as root in a container
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            # No other host exists for this browser: an asset from elsewhere cannot load.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--remote-debugging-port=0",
            "--window-size=1400,900",
            "about:blank",
        ],
        stdout=log,
        stderr=log,
    )
    try:
        # Chromium writes the port it chose into the profile.
        active = profile / "DevToolsActivePort"

        def port_written() -> bool:
            if browser.poll() is not None:
                pytest.fail(f"Chromium exited with {browser.returncode}; see {log.name}")
            return active.exists() and bool(active.read_text().strip())

        until(port_written, "Chromium's DevTools port")
        port = active.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            [page] = [t for t in json.load(answer) if t["type"] == "page"]
        with connect(page["webSocketDebuggerUrl"], max_size=None) as devtools:
            tab = Tab(devtools)
            for domain in ("Page", "Runtime", "Log", "Network"):
                tab.call(f"{domain}.enable")
            yield tab
    finally:
        browser.terminate()
        browser.wait(TIMEOUT)
        log.close()


QUERY_EDITOR = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror"
HEADERS_EDITOR = (
    "document.querySelector('section[aria-label=Headers] .graphiql-editor:not(.hidden)"
    " .CodeMirror').CodeMirror"
)
RESULT = "((document.querySelector('.result-window') || {}).innerText || '')"
RUN = "document.querySelector('.graphiql-execute-button').click()"


def test_graphiql_renders_runs_queries_and_subscriptions_from_this_service_alone(
    tab: Tab, served: Served
) -> None:
    tab.call("Page.navigate", url=served.base + "/graphql")
    tab.wait_for(
        "!!document.querySelector('.graphiql-container .graphiql-query-editor .CodeMirror')",
        "GraphiQL's query editor",
    )
    assert "Loading..." not in tab.evaluate("document.body.innerText")
    assert "cycles" in tab.evaluate(f"{QUERY_EDITOR}.getValue()")  # the default query

    # The default query, over HTTP.
    tab.evaluate(RUN)
    result = tab.wait_for(f"{RESULT}.includes('2015–2017') && {RESULT}", "the cycles")
    assert '"implementationRate"' in result and '"errors"' not in result

    # The explorer plugin lists the root fields, from the schema it asked the server for.
    tab.evaluate("document.querySelector('[aria-label=\"Show GraphiQL Explorer\"]').click()")
    explorer = "(document.querySelector('.graphiql-explorer-root') || {}).innerText || ''"
    tab.wait_for(f"({explorer}).includes('cycleComparison')", "the explorer's fields")

    # A subscription over graphql-transport-ws, with the token from the headers editor.
    tab.evaluate(f"{HEADERS_EDITOR}.setValue({json.dumps(_bearer(served))})")
    subscription = (
        f"subscription {{ eventAppended(filter: {{afterPosition: {served.last_position - 1}}})"
        " { position type } }"
    )
    tab.evaluate(f"{QUERY_EDITOR}.setValue({json.dumps(subscription)})")
    # GraphiQL parses the query after a short pause; run it once it knows it subscribes.
    tab.wait_for(
        f"({QUERY_EDITOR}.documentAST || {{definitions: [{{}}]}}).definitions[0].operation"
        " === 'subscription'",
        "GraphiQL to parse the subscription",
    )
    tab.evaluate(RUN)
    result = tab.wait_for(f"{RESULT}.includes('eventAppended') && {RESULT}", "the event")
    assert f'"position": {served.last_position}' in result and '"errors"' not in result

    sockets = [event["url"] for event in tab.of("Network.webSocketCreated")]
    assert sockets == [served.base.replace("http:", "ws:") + "/graphql"]
    # Every request went to this service (the fonts are data: URLs inside its stylesheet).
    requested = {event["request"]["url"] for event in tab.of("Network.requestWillBeSent")}
    elsewhere = {u for u in requested if not u.startswith((served.base + "/", "data:"))}
    assert served.base + "/graphql" in requested and not elsewhere, elsewhere
    violations = [
        entry["entry"]["text"]
        for entry in tab.of("Log.entryAdded")
        if entry["entry"]["source"] == "security"
    ]
    assert not violations
    assert not tab.of("Runtime.exceptionThrown")


def _post(base: str, query: str, token: str) -> dict[str, Any]:
    request = urllib.request.Request(
        base + "/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
        return json.load(answer)


def _bearer(served: Served) -> str:
    return json.dumps({"Authorization": f"Bearer {served.admin_token}"})
