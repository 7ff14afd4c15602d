"""Planned execution (graphql/planned.py) answers exactly what graphql-core answers.

Every query is sent twice over HTTP, once answered from its compiled plan and once with
planning switched off, so that graphql-core executes it field by field; the two answers
must be equal, errors included. Hand-written queries cover the shapes a plan must get
right (fragments, aliases, interfaces, lists of relations, @include with variables,
refusals); generated ones (schemathesis, as in test_fuzzing) cover every query field of the
schema with valid arguments. On both stores: SQLite reads inline, PostgreSQL in threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from hypothesis import given
from schemathesis import GenerationMode
from starlette.routing import Route
from starlette.testclient import TestClient

from bench.fuzz import HARVEST_QUERY, DemoValues, fuzz_cases, realistic_scalars
from sozialplanung.application import PlanningApp
from sozialplanung.demo import DemoLoader
from sozialplanung.graphql.planned import EXECUTIONS, PlannedExecutor
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..conftest import store_on
from .test_fuzzing import SCHEMA, bounded, operation_of

QUERIES = [
    f"Query.{name}"
    for name in SCHEMA.client_schema.query_type.fields  # type: ignore[union-attr]
]
EXAMPLES = 6  # per query field and store


@dataclass
class Twice:
    """The demo service; each query is answered planned and unplanned."""

    http: TestClient
    tokens: dict[str, str]
    demo: DemoValues
    monkeypatch: pytest.MonkeyPatch

    def answer(self, query: str, variables: dict[str, Any], role: str | None) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        response = self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        return _without_correlation(response.json())

    def both(
        self, query: str, variables: dict[str, Any] | None = None, role: str | None = "ADMIN"
    ) -> tuple[Any, Any]:
        planned = self.answer(query, variables or {}, role)
        with self.monkeypatch.context() as patch:
            patch.setattr(PlannedExecutor, "planning", False)
            unplanned = self.answer(query, variables or {}, role)
        return planned, unplanned


def _without_correlation(body: Any) -> Any:
    """Correlation ids differ per request by design."""
    for error in body.get("errors", []) if isinstance(body, dict) else []:
        error.get("extensions", {}).pop("correlationId", None)
    return body


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, dict[str, str], DemoValues]]:
    with store_on(request.param, tmp_path_factory) as settings_:
        yield from _service(settings_)


def _service(settings_: Settings) -> Iterator[tuple[TestClient, dict[str, str], DemoValues]]:
    # No response cache: the second answer must be computed, not the first one kept.
    # Development mode: introspection is answered.
    settings_ = replace(settings_, response_cache_mb=0, production=False)  # introspection
    app = PlanningApp.from_settings(settings_)
    DemoLoader(app).load()
    tokens = {role: app.tokens.create(role, role.lower()) for role in ("ADMIN", "ANALYST")}
    try:
        with TestClient(create_app(settings_, app)) as http:
            harvest = http.post(
                "/graphql",
                json={"query": HARVEST_QUERY},
                headers={"Authorization": f"Bearer {tokens['ADMIN']}"},
            )
            yield http, tokens, DemoValues.from_answer(harvest.json())
    finally:
        app.close()


@pytest.fixture
def twice(
    service: tuple[TestClient, dict[str, str], DemoValues], monkeypatch: pytest.MonkeyPatch
) -> Twice:
    return Twice(*service, monkeypatch)


def planned_count(outcome: str) -> float:
    return EXECUTIONS.labels(outcome)._value.get()


PAGE = """query Page($cycle: Int!) {
  measures(cycle: $cycle, first: 50) { nodes { id title status progress lead { name } } }
}"""

SHAPES = {
    "a page of measures with their leads (the benchmark's query)": (PAGE, {"cycle": 2}),
    "edges, cursors, totals and page info": (
        """{ measures(first: 7) { totalCount pageInfo { hasNextPage endCursor }
             edges { cursor node { __typename id title cycle { number } } } } }""",
        {},
    ),
    "aliases and the same field twice with different arguments": (
        """{ a: cycles(first: 2) { nodes { number } } b: cycles(first: 5) { nodes { n: number
             statistics { proposed adopted } } } }""",
        {},
    ),
    "named and inline fragments, merged": (
        """fragment M on Measure { id title status }
           fragment C on Cycle { number measures(first: 3) { nodes { ...M progress } } }
           { cycles(first: 3) { nodes { ...C ... on Cycle { number measures(first: 3) {
             nodes { ...M workingGroup { name } } } } } } }""",
        {},
    ),
    "relations three levels deep, loaded in batches": (
        """{ bodies(first: 20) { nodes { name kind members { __typename }
             meetings(first: 3) { nodes { title scheduledFor endsAt } } } } }""",
        {},
    ),
    "async relations (papers, consultations) inside a list": (
        """{ measures(first: 40) { nodes { title papers { reference consultations {
             role date } } consultations { role } terms { reached evaluation { outcome } } } } }""",
        {},
    ),
    "an interface: node() with a fragment per type": (
        """query($a: ID!, $b: ID!) { x: node(id: $a) { __typename id ... on Measure { title }
             ... on Body { name } } y: node(id: $b) { id ... on Organization { name } } }""",
        None,
    ),
    "@include and @skip by variables, first true": (
        """query($with: Boolean!) { measures(first: 3) { nodes { title
             lead @include(if: $with) { name } status @skip(if: $with) } } }""",
        {"with": True},
    ),
    "@include and @skip by variables, then false": (
        """query($with: Boolean!) { measures(first: 3) { nodes { title
             lead @include(if: $with) { name } status @skip(if: $with) } } }""",
        {"with": False},
    ),
    "a field that is refused (history needs ADMIN or ANALYST) as PUBLIC": (
        "{ measures(first: 5) { nodes { title progressReports { percent reportedBy } } } }",
        {},
    ),
    "a refusal while relations are still being loaded (PUBLIC)": (
        """{ measures(first: 30) { nodes { title papers { reference }
             progressReports { reportedBy } workingGroup { name } } } }""",
        {},
    ),
    "a bad cursor": ('{ measures(after: "nonsense") { nodes { id } } }', {}),
    "introspection": ("{ __schema { queryType { name } types { name kind } } }", {}),
    "__typename alone": ("{ __typename }", {}),
    "a search": (
        """{ search(text: "Sprachkurs") { totalCount nodes { score snippet node { __typename
             ... on Measure { title } ... on Paper { reference } } } } }""",
        {},
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_planned_query_answers_what_graphql_core_answers(twice: Twice, shape: str) -> None:
    query, variables = SHAPES[shape]
    if variables is None:  # ids of this store's demo
        variables = {"a": twice.demo.of(("Measure",))[0], "b": twice.demo.of(("Organization",))[0]}
    role = None if "PUBLIC" in shape else "ADMIN"
    planned, unplanned = twice.both(query, variables, role)
    assert planned == unplanned
    assert "data" in planned
    assert bool(planned.get("errors")) == ("refus" in shape or "bad" in shape)


def test_the_plan_answers_the_common_queries_and_graphql_core_the_refusals(twice: Twice) -> None:
    planned, abandoned = planned_count("planned"), planned_count("abandoned")
    twice.answer(PAGE, {"cycle": 2}, "ADMIN")
    twice.answer(PAGE, {"cycle": 3}, None)
    assert (planned_count("planned"), planned_count("abandoned")) == (planned + 2, abandoned)

    refused = SHAPES["a field that is refused (history needs ADMIN or ANALYST) as PUBLIC"][0]
    body = twice.answer(refused, {}, None)
    assert body["errors"], "PUBLIC does not read who reported progress"
    assert planned_count("abandoned") == abandoned + 1


def test_a_plan_is_kept_for_a_document_of_bounded_length_only(twice: Twice) -> None:
    endpoint = next(
        r for r in twice.http.app.routes if isinstance(r, Route) and r.path == "/graphql"
    )
    plans = endpoint.endpoint.schema.execution_context_class.plans
    short = "{ cycles(first: 1) { nodes { number } } }"
    long = short + "\n# " + "padding " * 3_000  # beyond what the parse cache keeps, too

    twice.answer(short, {}, "ADMIN")
    kept = [operation.loc.source.body for operation, _ in plans.kept.values()]
    assert short in kept
    planned = planned_count("planned")
    for _ in range(2):
        assert twice.answer(long, {}, "ADMIN") == twice.answer(short, {}, "ADMIN")
    assert planned_count("planned") == planned + 4, "still answered from a plan"
    assert all(len(operation.loc.source.body) < len(long) for operation, _ in plans.kept.values())


def test_a_mutation_is_never_planned(twice: Twice) -> None:
    unplanned = planned_count("unplanned")
    body = twice.answer("mutation { __typename }", {}, "ADMIN")
    assert body == {"data": {"__typename": "Mutation"}}
    assert planned_count("unplanned") == unplanned + 1


@pytest.mark.parametrize("label", QUERIES)
def test_generated_queries_are_answered_alike_planned_and_unplanned(
    twice: Twice, label: str
) -> None:
    cases = fuzz_cases(operation_of(label), GenerationMode.POSITIVE, twice.demo)

    @bounded(EXAMPLES)
    @given(cases)
    def compare(case: Any) -> None:
        planned, unplanned = twice.both(case.body)
        assert planned == unplanned, case.body

    with realistic_scalars(twice.demo):
        compare()
