"""Fuzzing the GraphQL API with schemathesis: 10,000+ generated queries and mutations against
the demo data, served by `sozialplanung serve`, sent with an ADMIN token.

    make fuzz        (or: .venv/bin/python -m bench.fuzz [--requests N] [--seed S]
                          [--role ADMIN|ANALYST|PUBLIC] [--database-url postgresql://…]
                          [--server-log FILE] [--plain])

Every response must be below HTTP 500 and carry no error whose `extensions.code` is
`INTERNAL`. The server's stderr goes to a file, so each INTERNAL is matched to its traceback
by the correlation id the service logs with it, and each 5xx to the traceback logged while
it was answered. Failures with the same exception at the same place in our code are one
failure; hypothesis shrinks the first request that shows it, and the shortest request seen is
printed with it. Exit code 1 when there is any.

Left to itself, schemathesis sends random strings as ids, years 1 to 9999, any 32-bit
integer and text with control characters, so nearly every mutation stops at NOT_FOUND or
VALIDATION and the commands behind them never run (`--plain` shows it). `realistic_scalars`
and `fuzz_cases` draw most values from the demo instead: ids of the kind of object an
argument names, read from the API before each of ten rounds (so later rounds act on what
earlier ones created), its cycle numbers, names and cursors, business dates 1900–2199,
printable text; the rest as schemathesis would. tests/api/test_fuzzing.py runs a bounded
version of the same in the test suite.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import math
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import graphql
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky
from schemathesis import GenerationMode
from schemathesis.graphql import nodes
from schemathesis.specs.graphql.scalars import CUSTOM_SCALARS

# --- what is generated ------------------------------------------------------------------

# Ids of every kind of object, with fields that order them the same way in every run (the
# ids themselves are random), so that a derandomized run picks the same objects; and a few
# cursors of each list (a cursor of one list may be sent to another).
HARVEST_QUERY = """{
  o: organizations(first: 2) { edges { cursor } }
  b: bodies(first: 2) { edges { cursor } }
  m: meetings(first: 2) { edges { cursor } }
  c: cycles(first: 2) { edges { cursor } }
  me: measures(first: 2) { edges { cursor } }
  p: papers(first: 2) { edges { cursor } }
  e: events(first: 2) { edges { cursor } }
  organizations(first: 200) { nodes { id name } }
  persons(first: 200) { nodes { id name } }
  bodies(first: 200) { nodes { id name } }
  meetings(first: 200) { nodes { id scheduledFor title } }
  cycles(first: 200) { nodes { id number } }
  measures(first: 200) { nodes { id title } }
  papers(first: 200) { nodes { id reference consultations { id date role } } }
  events(first: 30) { nodes { id position } }
}"""

# The kinds of object an `ID` argument or input field names, by its name (the rest, such
# as `id`, `ids` and `aggregateId`, take any id).
ID_KINDS: dict[str, tuple[str, ...]] = {
    "measure": ("Measure",),
    "measures": ("Measure",),
    "paper": ("Paper",),
    "relatedPapers": ("Paper",),
    "body": ("Body",),
    "workingGroup": ("Body",),
    "conferenceBody": ("Body",),
    "meeting": ("Meeting",),
    "consultation": ("Consultation",),
    "person": ("Person",),
    "member": ("Person", "Organization"),
    "attendees": ("Person", "Organization"),
    "lead": ("Organization",),
    "affiliation": ("Organization",),
    "onBehalfOf": ("Organization",),
    "originator": ("Organization",),
    "groups": ("Organization",),
    "parent": ("Organization", "Body"),
    "subject": ("Measure", "Paper"),
}


@dataclass(frozen=True)
class DemoValues:
    """Values read from the demo: its ids (global ids), also by kind of object; its names,
    titles, references and some cursors; its cycle numbers."""

    ids: list[str]
    by_kind: dict[str, list[str]]
    texts: list[str]
    numbers: list[int]

    @classmethod
    def from_answer(cls, answer: dict[str, Any]) -> DemoValues:
        """From the answer to HARVEST_QUERY, in an order that does not depend on the ids."""
        found: list[tuple[str, str, str]] = []
        texts: set[str] = set()
        numbers: set[int] = set()

        def walk(value: object, key: str) -> None:
            if isinstance(value, dict):
                if isinstance(value.get("cursor"), str):
                    texts.add(value["cursor"])
                if isinstance(value.get("number"), int):
                    numbers.add(value["number"])
                if isinstance(value.get("id"), str):
                    labels = [v for k, v in value.items() if k != "id" and _scalar(v)]
                    texts.update(v for v in labels if isinstance(v, str))
                    found.append((key, json.dumps(labels), value["id"]))
                for child_key, child in value.items():
                    walk(child, child_key)
            elif isinstance(value, list):
                for child in value:
                    walk(child, key)

        walk(answer.get("data"), "")
        ids = list(dict.fromkeys(id_ for _, _, id_ in sorted(found)))
        by_kind: dict[str, list[str]] = {}
        for id_ in ids:
            kind, _ = split_global(id_) or ("?", "")
            by_kind.setdefault(kind, []).append(id_)
        # The latest cycle first: it is the open one, and hypothesis starts with the first.
        return cls(ids, by_kind, sorted(texts), sorted(numbers, reverse=True) or [1])

    def of(self, kinds: tuple[str, ...]) -> list[str]:
        return [id_ for kind in kinds for id_ in self.by_kind.get(kind, [])] or self.ids


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def split_global(global_id: str) -> tuple[str, str] | None:
    """(type, key) of a global id (base64 of "Type:uuid"); inputs accept the key bare too."""
    try:
        decoded = base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    kind, sep, key = decoded.partition(":")
    return (kind, key) if sep else None


def _strings(values: st.SearchStrategy[str]) -> st.SearchStrategy[graphql.ValueNode]:
    return values.map(nodes.String)


def _mostly(
    realistic: st.SearchStrategy[Any], wild: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """`realistic` three times in four, `wild` otherwise."""
    return st.one_of(realistic, realistic, realistic, wild)


@contextmanager
def realistic_scalars(demo: DemoValues) -> Iterator[None]:
    """While inside, about three in four generated scalars are values the service accepts
    (a request with several arguments must get all of them right to get far), the others
    what schemathesis sends by itself. The realistic choice comes first, so hypothesis
    shrinks towards it. (schemathesis keeps custom scalars in a module-level registry, read
    at each draw; the built-in ones may be overridden there.)
    """
    uuids = [parts[1] for parts in map(split_global, demo.ids) if parts]
    printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
    dates = st.dates(date(1900, 1, 1), date(2199, 12, 31))
    times = st.datetimes(datetime(1900, 1, 1), datetime(2199, 12, 31), timezones=st.just(UTC))
    any_int = st.integers(-(2**31), 2**31 - 1)
    scalars = {
        "ID": _mostly(
            _strings(st.sampled_from(demo.ids) | st.sampled_from(uuids or demo.ids)),
            _strings(st.text()) | any_int.map(nodes.Int),
        ),
        "Int": _mostly(
            st.sampled_from(demo.numbers) | st.integers(-1, 12) | st.sampled_from([100, 200, 201]),
            any_int,
        ).map(nodes.Int),
        "String": _strings(
            _mostly(st.sampled_from(demo.texts) | st.text(printable, max_size=40), st.text())
        ),
        "Date": _strings(_mostly(dates, st.dates()).map(date.isoformat)),
        "DateTime": _strings(
            _mostly(
                times.map(datetime.isoformat),
                st.tuples(st.dates(), st.times()).map(lambda pair: f"{pair[0]}T{pair[1]}Z"),
            )
        ),
    }
    saved = {name: CUSTOM_SCALARS.get(name) for name in scalars}
    for name, strategy in scalars.items():
        schemathesis.graphql.scalar(name, strategy)
    try:
        yield
    finally:
        for name, previous in saved.items():
            if previous is None:
                CUSTOM_SCALARS.pop(name, None)
            else:
                CUSTOM_SCALARS[name] = previous


def fuzz_cases(
    operation: Any, mode: GenerationMode, demo: DemoValues | None
) -> st.SearchStrategy[Any]:
    """schemathesis' cases for `operation`; in valid ones (positive mode), each `ID` value is
    replaced, about one time in two, by the id of a demo object of the kind its name asks
    for (the first choice: hypothesis shrinks towards it). Without `demo`, as they come."""
    cases = operation.as_strategy(generation_mode=mode)
    if demo is None or mode is not GenerationMode.POSITIVE:
        return cases
    schema = operation.schema.client_schema

    @st.composite
    def typed(draw: st.DrawFn) -> Any:
        case = draw(cases)
        document = graphql.parse(case.body)
        sites = _IdSites(schema)
        graphql.visit(document, graphql.TypeInfoVisitor(sites.type_info, sites))
        choices = [draw(st.sampled_from(demo.of(kinds)) | st.none()) for kinds in sites.kinds]
        if any(choices):
            replace = _IdSites(schema, choices)
            document = graphql.visit(document, graphql.TypeInfoVisitor(replace.type_info, replace))
            case.body = graphql.print_ast(document)
        return case

    return typed()


class _IdSites(graphql.Visitor):
    """Finds the `ID` literals of a document (`kinds`), or replaces them by `choices`."""

    def __init__(self, schema: graphql.GraphQLSchema, choices: list[str | None] | None = None):
        super().__init__()
        self.type_info = graphql.TypeInfo(schema)
        self.names: list[str] = []
        self.kinds: list[tuple[str, ...]] = []
        self.choices = choices

    def enter_argument(self, node: graphql.ArgumentNode, *_: object) -> None:
        self.names.append(node.name.value)

    def leave_argument(self, node: graphql.ArgumentNode, *_: object) -> None:
        self.names.pop()

    def enter_object_field(self, node: graphql.ObjectFieldNode, *_: object) -> None:
        self.names.append(node.name.value)

    def leave_object_field(self, node: graphql.ObjectFieldNode, *_: object) -> None:
        self.names.pop()

    def enter_string_value(self, node: graphql.ValueNode, *_: object) -> Any:
        return self._site(node)

    def enter_int_value(self, node: graphql.ValueNode, *_: object) -> Any:
        return self._site(node)

    def _site(self, node: graphql.ValueNode) -> Any:
        expected = self.type_info.get_input_type()
        if expected is None or graphql.get_named_type(expected).name != "ID" or not self.names:
            return None
        index = len(self.kinds)
        self.kinds.append(ID_KINDS.get(self.names[-1], ()))
        choice = self.choices[index] if self.choices else None
        return graphql.StringValueNode(value=choice) if choice is not None else None


# --- what must not happen ---------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a response: HTTP 5xx, or an error with code INTERNAL."""

    kind: str
    correlation_id: str | None = None


def problems(status: int, text: str) -> list[Problem]:
    found = [Problem(f"HTTP {status}")] if status >= 500 else []
    try:
        body = json.loads(text)
    except ValueError:
        return found
    errors = body.get("errors") if isinstance(body, dict) else None
    for error in errors if isinstance(errors, list) else []:
        extensions = error.get("extensions") if isinstance(error, dict) else None
        if isinstance(extensions, dict) and extensions.get("code") == "INTERNAL":
            found.append(Problem("INTERNAL", extensions.get("correlationId")))
    return found


def outcome(status: int, text: str) -> str:
    """How far a request got: its first error's or user error's code, or `data` (which
    may hide a user error the query did not ask for)."""
    if status >= 400:
        return f"HTTP {status}"
    try:
        body = json.loads(text)
    except ValueError:
        return "not JSON"
    errors = body.get("errors") or []
    if errors:
        code = (errors[0].get("extensions") or {}).get("code")
        return code or "GraphQL validation"
    for payload in (body.get("data") or {}).values():
        user_errors = payload.get("userErrors") if isinstance(payload, dict) else None
        if user_errors:
            return f"userErrors {user_errors[0].get('code', '(code not asked)')}"
    return "data"


def request_text(query: str) -> str:
    """The request body as sent (schemathesis writes every value into the query: there are
    no variables)."""
    return json.dumps({"query": query}, ensure_ascii=False)


def traceback_summary(text: str) -> tuple[str, list[str]]:
    """The final exception line and the frames (`file:line function: source`) of a
    formatted traceback."""
    lines = [line for line in text.splitlines() if line.strip()]
    locations = [i for i, line in enumerate(lines) if line.startswith('  File "')]
    if not locations:
        return (lines[-1] if lines else "no traceback"), []
    last = locations[-1]
    end = last + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    exception = " | ".join(lines[end:])[:300] or "?"
    shown = []
    for i in locations:
        source = lines[i + 1].strip() if i + 1 < len(lines) and lines[i + 1][:4] == "    " else ""
        shown.append(f"{_short(lines[i].strip())}: {source}")
    return exception, shown


def _short(location: str) -> str:
    """`File "/…/site-packages/x/y.py", line 3, in f` → `x/y.py:3 f`."""
    match = re.match(r'File "(.+)", line (\d+), in (.+)', location)
    if not match:
        return location
    path, line, function = match.groups()
    for marker in ("site-packages/", "/sozialplanung/", "/lib/python3"):
        if marker in path:
            path = path.rsplit(marker, 1)[1]
            if marker == "/sozialplanung/":
                path = "sozialplanung/" + path
            break
    return f"{path}:{line} {function}"


def signature(problem: Problem, exception: str, frames: list[str]) -> str:
    """What makes two failures one: the exception's type at the deepest frame of our code."""
    ours = [frame for frame in frames if frame.startswith("sozialplanung/")]
    place = (ours or frames or ["?"])[-1].split(":", 2)
    return f"{problem.kind}: {exception.split(':')[0]} at {':'.join(place[:2])}"


# --- the served run -------------------------------------------------------------------


@dataclass
class Failure:
    signature: str
    kind: str
    exception: str
    frames: list[str]
    operations: Counter[str] = field(default_factory=Counter)
    query: str = ""
    operation: str = ""
    status: int = 0
    response: str = ""
    traceback: str = ""


class ServerLog:
    """The server's stderr: the tracebacks written since a mark."""

    def __init__(self, path: Path):
        self.path = path
        self.mark = 0

    def set_mark(self) -> None:
        self.mark = self.path.stat().st_size

    def since_mark(self, wait_for: str) -> str:
        """The text logged since the mark once it contains `wait_for` and has stopped
        growing (the server may log just after it answered)."""
        deadline = time.monotonic() + 2.0
        size, text = -1, ""
        while time.monotonic() < deadline:
            with self.path.open("rb") as log:
                log.seek(self.mark)
                text = log.read().decode(errors="replace")
            if wait_for in text and len(text) == size:
                break
            size = len(text)
            time.sleep(0.05)
        return text

    def traceback_for(self, problem: Problem) -> str:
        """The traceback logged with the problem's correlation id, or else (a 5xx) the
        first one logged since the mark."""
        anchor = f"correlation id {problem.correlation_id}" if problem.correlation_id else ""
        text = self.since_mark(anchor or "Traceback (most recent call last)")
        start = text.find("Traceback (most recent call last)", max(text.find(anchor), 0))
        if start < 0:
            return ""
        # Up to the next record of the log.
        kept: list[str] = []
        for line in text[start:].splitlines():
            if kept and re.match(r"(INFO|WARNING|ERROR|DEBUG|CRITICAL):", line):
                break
            kept.append(line)
        return "\n".join(kept)


class Shrink(Exception):
    """Raised at a new failure, and again while a smaller request still shows it, so that
    hypothesis shrinks the request."""


class ServerGone(BaseException):
    """The server does not answer any more: stops the run at once (hypothesis lets a
    BaseException through instead of shrinking it)."""


class Fuzzer:
    SHRINK_BUDGET = 300  # requests hypothesis may spend shrinking one failure

    def __init__(self, url: str, token: str | None, log: ServerLog):
        self.url = url
        self.demo: DemoValues | None = None  # values to draw from, besides schemathesis' own
        self.session = requests.Session()
        if token is not None:
            self.session.headers.update({"Authorization": f"Bearer {token}"})
        self.log = log
        self.sent = 0
        self.reported = 0
        self.shrink_requests = 0
        self.per_operation: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.server_errors = 0
        self.internal_errors = 0
        self.failures: dict[str, Failure] = {}
        self.shrunk: set[str] = set()
        self.shrinking: str | None = None
        self.shrink_left = 0

    def run(self, operation: Any, mode: GenerationMode, examples: int, seed_value: int) -> bool:
        """Up to `examples` requests generated for `operation`; False when a new failure
        cut the run short (after it was shrunk)."""

        @seed(seed_value)
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate, Phase.shrink],
            verbosity=Verbosity.quiet,
        )
        @given(fuzz_cases(operation, mode, self.demo))
        def fuzz(case: Any) -> None:
            self.send(operation.label, case.body)

        try:
            fuzz()
            return True
        except (Shrink, Flaky):
            # Flaky: the smallest request did not fail again on the last replay (mutations
            # change the data as they go); the failure is recorded all the same.
            return False
        except ExceptionGroup as group:  # several failures at once
            if group.split((Shrink, Flaky))[1] is not None:
                raise
            return False
        finally:
            self.shrinking = None

    def run_for(self, operation: Any, mode: GenerationMode, examples: int, seed_value: int) -> bool:
        """`examples` requests for `operation`, in more than one run if a new failure cuts
        one short; True when hypothesis ran out of distinct requests well before."""
        end = self.sent + examples
        for attempt in range(examples):
            before = self.sent
            if self.run(operation, mode, end - self.sent, seed_value + attempt):
                return self.sent - before < (end - before) // 2
            if self.sent >= end:
                break
        return False

    def send(self, label: str, query: str) -> None:
        self.log.set_mark()
        try:
            response = self.session.post(self.url, json={"query": query}, timeout=60)
        except requests.ConnectionError as error:
            raise ServerGone(f"The server stopped answering ({error}).") from None
        self.sent += 1
        self.per_operation[label] += 1
        self.statuses[response.status_code] += 1
        self.outcomes[outcome(response.status_code, response.text)] += 1
        shown = set()
        for problem in problems(response.status_code, response.text):
            if problem.kind == "INTERNAL":
                self.internal_errors += 1
            else:
                self.server_errors += 1
            shown.add(self.record(label, query, response, problem))
        if self.shrinking is None:
            new = sorted(shown - self.shrunk)
            if new:
                self.shrunk.add(new[0])
                self.shrinking, self.shrink_left = new[0], self.SHRINK_BUDGET
        else:
            self.shrink_requests += 1
            self.shrink_left -= 1
        # Failing again (the same failure, within the budget) tells hypothesis that this
        # smaller request still shows it.
        if self.shrinking in shown and self.shrink_left > 0:
            raise Shrink(self.shrinking)

    def record(self, label: str, query: str, response: Any, problem: Problem) -> str:
        text = self.log.traceback_for(problem)
        exception, frames = traceback_summary(text)
        key = signature(problem, exception, frames)
        failure = self.failures.setdefault(key, Failure(key, problem.kind, exception, frames))
        failure.operations[label] += 1
        if not failure.query or len(query) < len(failure.query):
            failure.query, failure.operation = query, label
            failure.status, failure.response = response.status_code, response.text[:500]
            failure.traceback = text
        return key


ROUNDS = 10  # the demo's ids are read again before each
# The demo has one open cycle with a few working groups; once the cycle is closed or its
# groups are dissolved, no measure can be proposed, so these two wait for the last round
# (and get their whole share there).
LAST_ROUND_ONLY = frozenset({"Mutation.closeCycle", "Mutation.dissolveBody"})


def fuzz_all(
    fuzzer: Fuzzer,
    operations: list[Any],
    target: int,
    base_seed: int,
    harvest: Callable[[], DemoValues] | None,
) -> None:
    """Rounds over all operations until `target` requests are sent: in each, every operation
    gets a tenth of its share, four fifths of it valid requests (positive mode), one fifth
    with a schema violation (negative). Before each round `harvest` reads the demo's ids
    again, so that later rounds act on what earlier ones created (a measure proposed in one
    round may be referred to a paper in the next). Without it, plain schemathesis."""
    share = math.ceil(target / len(operations) / ROUNDS)
    exhausted: set[tuple[str, GenerationMode]] = set()
    round_ = 0
    while fuzzer.sent < target and len(exhausted) < 2 * len(operations):
        fuzzer.demo = harvest() if harvest else None
        with realistic_scalars(fuzzer.demo) if fuzzer.demo else nullcontext():
            for number, operation in enumerate(operations):
                examples = share
                if operation.label in LAST_ROUND_ONLY:
                    examples = share * ROUNDS if round_ == ROUNDS - 1 else 0
                plan = [
                    (GenerationMode.POSITIVE, examples - examples // 5),
                    (GenerationMode.NEGATIVE, examples // 5),
                ]
                for mode, count in plan:
                    if count and (operation.label, mode) not in exhausted:
                        seed_value = base_seed + 1_000_000 * round_ + 1000 * number
                        if fuzzer.run_for(operation, mode, count, seed_value):
                            exhausted.add((operation.label, mode))
                progress(fuzzer, target)
        round_ += 1


def progress(fuzzer: Fuzzer, target: int) -> None:
    """A line on stderr each time another thousand requests have been sent."""
    if fuzzer.sent // 1000 > fuzzer.reported // 1000:
        fuzzer.reported = fuzzer.sent
        print(
            f"{fuzzer.sent:>6,} / {target:,} requests, {fuzzer.server_errors} 5xx, "
            f"{fuzzer.internal_errors} INTERNAL",
            file=sys.stderr,
            flush=True,
        )


# --- the server ----------------------------------------------------------------------


CLI = [sys.executable, "-m", "sozialplanung"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cli_env() -> dict[str, str]:
    """The environment without this shell's SOZIALPLANUNG_* settings (a DATABASE_URL there
    would win over --data-dir)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SOZIALPLANUNG_")}


def cli(store: list[str], *args: str) -> str:
    done = subprocess.run(
        [*CLI, *store, *args], env=cli_env(), capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"`sozialplanung {' '.join(args)}` failed:\n{done.stderr}")
    return done.stdout.strip()


@contextmanager
def store_flags(folder: Path, database_url: str | None) -> Iterator[list[str]]:
    """The flags that select a new, empty store: SQLite in `folder`, or a schema of its own
    in the PostgreSQL database at `database_url`, dropped afterwards."""
    if database_url is None:
        yield ["--data-dir", str(folder / "data")]
        return
    import psycopg

    schema = f"fuzz_{uuid4().hex[:12]}"
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield ["--database-url", f"{database_url}?schema={schema}"]
    finally:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def served_demo(folder: Path, store: list[str]) -> Iterator[tuple[str, str, ServerLog]]:
    """The demo data served on a free port: (GraphQL URL, ADMIN token, the server's log)."""
    cli(store, "demo")
    token = cli(store, "token", "create", "--role", "ADMIN", "--name", "fuzz")
    port = free_port()
    log_path = folder / "server.log"
    with log_path.open("wb") as stderr:
        server = subprocess.Popen(
            # --dev: schemathesis reads the schema by introspection, which production hides.
            [*CLI, *store, "serve", "--dev", "--port", str(port)],
            env=cli_env(),
            stdout=subprocess.DEVNULL,  # uvicorn's access log
            stderr=stderr,
        )
    try:
        wait_until_ready(port, server)
        yield f"http://127.0.0.1:{port}/graphql", token, ServerLog(log_path)
    finally:
        server.terminate()
        server.wait(timeout=15)


def wait_until_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server exited with {server.returncode} before it was ready.")
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit("The server did not become ready within 60 s.")


# --- the report ------------------------------------------------------------------------


def report(fuzzer: Fuzzer, operations: list[Any], elapsed: float, written: Counter[str]) -> None:
    mutations = sum(1 for op in operations if op.label.startswith("Mutation."))
    covered = [op.label for op in operations if fuzzer.per_operation[op.label]]
    counts = [fuzzer.per_operation[op.label] for op in operations]
    print(
        f"requests sent: {fuzzer.sent:,} ({fuzzer.shrink_requests:,} of them shrinking "
        f"failures) in {elapsed:.0f} s = {fuzzer.sent / elapsed:.1f} requests/s"
    )
    print(
        f"operations covered: {len(covered)} of {len(operations)} "
        f"({len(operations) - mutations} queries, {mutations} mutations); "
        f"{min(counts)}–{max(counts)} requests each"
    )
    print("HTTP statuses: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(fuzzer.statuses.items())))
    print("outcomes: " + ", ".join(f"{k} {v:,}" for k, v in fuzzer.outcomes.most_common()))
    kinds = ", ".join(f"{k} {v}" for k, v in written.most_common())
    print(f"events written: {sum(written.values()):,}" + (f" ({kinds})" if kinds else ""))
    print(f"5xx responses: {fuzzer.server_errors}")
    print(f"INTERNAL errors: {fuzzer.internal_errors}")
    print(f"distinct failures: {len(fuzzer.failures)}")
    for number, failure in enumerate(fuzzer.failures.values(), 1):
        seen = ", ".join(f"{op} ×{n}" for op, n in failure.operations.most_common())
        print(f"\n{number}. {failure.signature}")
        print(f"   seen {sum(failure.operations.values())} times: {seen}")
        print(f"   exception: {failure.exception}")
        for frame in failure.frames[-5:]:
            print(f"     {frame}")
        print(f"   shortest request ({failure.operation}, HTTP {failure.status}):")
        print(f"     {request_text(failure.query)}")
        print(f"   response: {failure.response}")


EVENT_COUNT = "{ events(first: 1) { totalCount } }"


def events_written(url: str, auth: dict[str, str], after: int) -> Counter[str]:
    """The events recorded after position `after`, by type: how deep the mutations got."""
    query = "query($after: Int) { events(filter: {afterPosition: $after}, first: 200) "
    query += "{ nodes { position type } } }"
    types: Counter[str] = Counter()
    while True:
        answer = requests.post(
            url, json={"query": query, "variables": {"after": after}}, headers=auth, timeout=60
        ).json()
        events = answer["data"]["events"]["nodes"]
        if not events:
            return types
        types.update(event["type"] for event in events)
        after = events[-1]["position"]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--requests", type=int, default=10_000, help="at least this many")
    parser.add_argument("--seed", type=int, default=20260501, help="hypothesis seed")
    parser.add_argument("--server-log", type=Path, help="keep the server's stderr here")
    parser.add_argument(
        "--role",
        choices=["ADMIN", "ANALYST", "PUBLIC"],
        default="ADMIN",
        help="whose requests (PUBLIC: no token; ANALYST and PUBLIC must write no event)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="schemathesis' own values only, none from the demo (to compare how deep it gets)",
    )
    parser.add_argument(
        "--database-url",
        help="fuzz on PostgreSQL (postgresql://user@host:port/db; a schema of its own is "
        "created and dropped) instead of SQLite",
    )
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        store_flags(Path(folder), options.database_url) as store,
        served_demo(Path(folder), store) as (url, token, log),
    ):
        auth = {"Authorization": f"Bearer {token}"}

        def harvest() -> DemoValues:
            answer = requests.post(url, json={"query": HARVEST_QUERY}, headers=auth, timeout=60)
            return DemoValues.from_answer(answer.json())

        demo = harvest()
        count = requests.post(url, json={"query": EVENT_COUNT}, headers=auth, timeout=60)
        demo_events = count.json()["data"]["events"]["totalCount"]
        schema = schemathesis.graphql.from_url(url, headers=auth, timeout=60)
        operations = [result.ok() for result in schema.get_all_operations()]
        role = options.role
        fuzz_token = token if role == "ADMIN" else None
        if role == "ANALYST":
            fuzz_token = cli(store, "token", "create", "--role", role, "--name", "fuzz-analyst")
        fuzzer = Fuzzer(url, fuzz_token, log)
        start = time.perf_counter()
        try:
            fuzz_all(
                fuzzer,
                operations,
                options.requests,
                options.seed,
                None if options.plain else harvest,
            )
        except ServerGone as gone:
            tail = log.path.read_text(errors="replace")[-3000:]
            raise SystemExit(f"{gone}\nThe end of its log:\n{tail}") from None
        elapsed = time.perf_counter() - start
        print(
            f"schemathesis {schemathesis.__version__} against {url} (demo data, "
            f"{'PostgreSQL' if options.database_url else 'SQLite'}, "
            f"{role if role == 'PUBLIC' else role + ' token'}, "
            f"{'plain schemathesis values' if options.plain else f'{len(demo.ids)} demo ids'}), "
            f"seed {options.seed}"
        )
        written = events_written(url, auth, demo_events)
        report(fuzzer, operations, elapsed, written)
        # ANALYST and PUBLIC write nothing: a single event is a hole in the access rules.
        forbidden_writes = 0 if role == "ADMIN" else sum(written.values())
        if forbidden_writes:
            print(f"\n{role} must not change anything, but wrote {forbidden_writes} events.")
        if options.server_log:
            options.server_log.write_bytes(log.path.read_bytes())
    failed = fuzzer.server_errors or fuzzer.internal_errors or forbidden_writes
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
