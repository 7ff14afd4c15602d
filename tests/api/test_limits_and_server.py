"""Limits, errors without stack traces, GraphiQL and production mode, the schema file."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sozialplanung.graphql.export import sdl
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from .client import GraphQLClient

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def api(sqlite_settings: Settings) -> GraphQLClient:
    with TestClient(create_app(sqlite_settings)) as http:
        yield GraphQLClient(http)


def test_schema_file_is_generated_from_the_code() -> None:
    assert (ROOT / "schema.graphql").read_text() == sdl(), "run `make schema`"


def test_healthz_and_readyz(api: GraphQLClient) -> None:
    assert api.http.get("/healthz").json() == {"status": "ok"}
    assert api.http.get("/readyz").json() == {
        "status": "ready",
        "lag": 0,
        "chain": {"verifiedPosition": 0, "brokenAt": None},
    }


def test_over_deep_query_is_refused(api: GraphQLClient) -> None:
    deep = "{ cycles { nodes { " + "previous { " * 14 + "number" + " }" * 14 + " } } }"
    body = api.post(deep)
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


def test_too_many_aliases_are_refused(api: GraphQLClient) -> None:
    wide = "{ " + " ".join(f"a{i}: cycles {{ totalCount }}" for i in range(40)) + " }"
    assert "aliases" in api.post(wide)["errors"][0]["message"]


def test_too_many_tokens_are_refused(api: GraphQLClient) -> None:
    many = "{ cycles { " + " ".join("totalCount" for _ in range(3100)) + " } }"
    assert "token" in api.post(many)["errors"][0]["message"].lower()


def test_page_size_is_capped_at_200(api: GraphQLClient) -> None:
    first = api.data("{ cycles(first: 5000) { totalCount pageInfo { hasNextPage } } }")
    assert first["cycles"] == {"totalCount": 0, "pageInfo": {"hasNextPage": False}}


def test_malformed_graphql_and_wrong_argument_types_are_clear_errors(api: GraphQLClient) -> None:
    assert "Syntax Error" in api.post("{ cycles { ")["errors"][0]["message"]
    assert api.post('{ cycle(number: "eins") { label } }')["errors"][0]["message"]
    assert (
        api.post('{ measure(id: "nonsense") { title } }')["errors"][0]["extensions"]["code"]
        == "NOT_FOUND"
    )


def test_a_bad_cursor_is_a_validation_error(api: GraphQLClient) -> None:
    codes = api.error_codes('{ cycles(after: "bm9wZQ==") { totalCount } }')
    assert codes == ["VALIDATION"]


def test_an_oversized_body_gets_413(api: GraphQLClient) -> None:
    response = api.http.post(
        "/graphql", content=b"x" * 1_100_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_unexpected_errors_are_masked_and_carry_a_correlation_id(
    api: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sozialplanung.projections.cycles import CyclesView

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(CyclesView, "page", broken)
    body = api.post("{ cycles { totalCount } }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INTERNAL"
    assert "secret" not in str(body) and "Traceback" not in str(body)
    assert error["extensions"]["correlationId"]


def test_graphiql_only_in_development_mode_and_production_is_the_default(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path / "d", production=False))) as http:
        page = http.get("/graphql", headers={"Accept": "text/html"})
        assert "GraphiQL" in page.text
    assert Settings().production and Settings.from_env({}).production
    assert not Settings.from_env({"SOZIALPLANUNG_DEV": "1"}).production
    production = Settings(data_dir=tmp_path / "p")
    with TestClient(create_app(production)) as http:
        assert http.get("/graphql", headers={"Accept": "text/html"}).status_code != 200
        introspection = http.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        assert "introspection" in introspection.text.lower()
        typo = http.post("/graphql", json={"query": "{ cycle { labl } }"}).json()
        assert "Did you mean" not in str(typo)


def test_a_query_sent_again_is_not_validated_again(
    api: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limits are validation rules; built per request they would defeat the cache.
    from sozialplanung.graphql import cost

    validations: list[object] = []
    original = cost.validate_document

    def counted(*args: object, **kwargs: object) -> object:
        validations.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(cost, "validate_document", counted)
    for _ in range(3):
        assert api.post("{ cycles { totalCount } }")["data"] == {"cycles": {"totalCount": 0}}
    too_deep = "{ cycles { nodes { " + "previous { " * 12 + "number" + " }" * 12 + " } } }"
    for _ in range(2):
        assert "depth" in api.post(too_deep)["errors"][0]["message"]
    assert len(validations) == 2  # once per distinct query, limits included


def test_a_body_nested_too_deeply_for_the_parser_is_malformed_json(api: GraphQLClient) -> None:
    depth = 100_000  # 200 kB, well under the body limit, far past the parser's recursion limit
    body = '{"query": "{ cycles { totalCount } }", "variables": {"a": ' + "[" * depth
    body += "]" * depth + "}}"
    response = api.http.post(
        "/graphql", content=body.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "Unable to parse request body as JSON" in response.text
