"""Generated queries and mutations (schemathesis) never make the service fail: a bounded run of
`make fuzz` (bench/fuzz.py) in the test suite.

Each operation of the schema gets a few requests, valid ones and ones that break the schema,
with an ADMIN token against the demo data, on each store (text with NUL characters or
integers at the edges of their range can fail on one store and not the other); every
answer must be below HTTP 500 and carry no error with code INTERNAL. Derandomized: every run
sends the same requests (the demo's ids differ, but which object is picked does not).
`make fuzz` sends 10,000+ requests.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from starlette.testclient import TestClient

from bench.fuzz import (
    HARVEST_QUERY,
    DemoValues,
    fuzz_cases,
    problems,
    realistic_scalars,
    request_text,
    traceback_summary,
)
from sozialplanung.application import PlanningApp
from sozialplanung.demo import DemoLoader
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..conftest import REQUIRE_POSTGRES, postgres_schema, postgres_unavailable

SCHEMA_FILE = Path(__file__).parents[2] / "schema.graphql"
# schema.graphql equals the code's schema (test_limits_and_server checks it), so the
# operations are known at collection, one test each, without starting the service.
SCHEMA = schemathesis.graphql.from_path(SCHEMA_FILE)
OPERATIONS = [
    f"{root.name}.{name}"
    for root in (SCHEMA.client_schema.query_type, SCHEMA.client_schema.mutation_type)
    if root is not None
    for name in root.fields
]
EXAMPLES = 15  # per operation and store: 825 requests, 10–15 s a store on this machine


class LoggedErrors(logging.Handler):
    """The tracebacks the service logs for INTERNAL errors, by correlation id."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.tracebacks: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and isinstance(record.args, tuple) and record.args:
            formatted = "".join(traceback.format_exception(*record.exc_info))  # type: ignore[misc]
            self.tracebacks[str(record.args[0])] = formatted


@dataclass
class FuzzTarget:
    """The service on the demo data, an ADMIN token, and the tracebacks it logged."""

    http: TestClient
    token: str
    demo: DemoValues
    logged: LoggedErrors

    def failure(self, query: str) -> str | None:
        """What went wrong with the answer to `query`, or None."""
        headers = {"Authorization": f"Bearer {self.token}"}
        try:
            response = self.http.post("/graphql", json={"query": query}, headers=headers)
        except Exception:
            return describe(query, "an exception, answered as HTTP 500", traceback.format_exc())
        found = problems(response.status_code, response.text)
        if not found:
            return None
        tracebacks = [self.logged.tracebacks.get(p.correlation_id or "", "") for p in found]
        answer = f"HTTP {response.status_code} {response.text[:1000]}"
        return describe(query, answer, "\n".join(tracebacks))


def describe(query: str, answer: str, logged: str) -> str:
    exception, frames = traceback_summary(logged)
    return "\n".join(
        [
            "The service failed on a generated request.",
            f"request: {request_text(query)}",
            "variables: none (schemathesis writes every value into the query)",
            f"answer: {answer}",
            f"exception: {exception}",
            *(f"  {frame}" for frame in frames[-6:]),
        ]
    )


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    """An empty store for the module's requests (the demo is loaded once per store)."""
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path_factory.mktemp("fuzz") / "data")
        return
    reason = postgres_unavailable()
    if reason:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required (SOZIALPLANUNG_REQUIRE_POSTGRES=1): {reason}")
        pytest.skip(reason)
    with postgres_schema() as settings_:
        yield settings_


@pytest.fixture(scope="module")
def target(store: Settings) -> Iterator[FuzzTarget]:
    settings_ = store
    app = PlanningApp.from_settings(settings_)
    DemoLoader(app).load()
    token = app.tokens.create("ADMIN", "fuzz")
    logged = LoggedErrors()
    logger = logging.getLogger("sozialplanung.graphql")
    logger.addHandler(logged)
    try:
        with TestClient(create_app(settings_, app)) as http:
            headers = {"Authorization": f"Bearer {token}"}
            answer = http.post("/graphql", json={"query": HARVEST_QUERY}, headers=headers)
            demo = DemoValues.from_answer(answer.json())
            with realistic_scalars(demo):
                yield FuzzTarget(http, token, demo, logged)
    finally:
        logger.removeHandler(logged)
        app.close()


def bounded(examples: int) -> settings:
    """The same requests every run, each sent once. No shrinking: it would send many more
    requests; `make fuzz` shrinks what it finds."""
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


def operation_of(label: str) -> Any:
    root, name = label.split(".")
    return SCHEMA[root][name]


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_generated_request_makes_the_service_fail(label: str, target: FuzzTarget) -> None:
    operation = operation_of(label)
    cases = st.one_of(
        fuzz_cases(operation, GenerationMode.POSITIVE, target.demo),
        fuzz_cases(operation, GenerationMode.NEGATIVE, target.demo),
    )

    @bounded(EXAMPLES)
    @given(cases)
    def request(case: Any) -> None:
        failure = target.failure(case.body)
        if failure is not None:
            raise AssertionError(failure)

    request()


def test_the_check_finds_a_server_error_and_an_internal_error_but_no_refusal() -> None:
    internal = (
        '{"data": null, "errors": [{"message": "Unexpected error.", '
        '"extensions": {"code": "INTERNAL", "correlationId": "c-1"}}]}'
    )
    refusal = '{"data": null, "errors": [{"message": "No.", "extensions": {"code": "NOT_FOUND"}}]}'
    assert [p.kind for p in problems(500, "Internal Server Error")] == ["HTTP 500"]
    assert [(p.kind, p.correlation_id) for p in problems(200, internal)] == [("INTERNAL", "c-1")]
    assert problems(200, refusal) == []
    assert problems(400, '{"errors": [{"message": "Syntax Error"}]}') == []


def test_about_half_the_generated_ids_name_a_demo_object_of_the_kind_asked_for(
    target: FuzzTarget,
) -> None:
    operation = operation_of("Mutation.reportProgress")  # input: {measure: ID!, …}
    sent: list[str] = []

    @settings(max_examples=40, derandomize=True, database=None, deadline=None)
    @given(fuzz_cases(operation, GenerationMode.POSITIVE, target.demo))
    def generate(case: Any) -> None:
        sent.append(case.body)

    generate()
    measures = target.demo.by_kind["Measure"]
    named = [body for body in sent if any(f'measure: "{id_}"' in body for id_ in measures)]
    assert 0.25 <= len(named) / len(sent) <= 0.9
