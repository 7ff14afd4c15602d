"""Whole answers cached by log position, seen from outside: never stale after a write, never
shared across roles or organisations, an ETag that a GET can send back for a 304, nothing
kept that is not a query's clean answer, and a switch to turn it off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.graphql.ids import uuid_of
from sozialplanung.graphql.response_cache import LOOKUPS
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from .client import GraphQLClient
from .world import ApiWorld, build, propose

TITLE = "query($m: ID!) { measure(id: $m) { title version } }"


@pytest.fixture
def world(admin: GraphQLClient) -> ApiWorld:
    return build(admin)


def post(http: TestClient, query: str, token: str | None = None, **variables: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response


def lookups(outcome: str) -> float:
    return LOOKUPS.labels(outcome)._value.get()


def test_a_repeated_query_is_answered_from_the_cache_with_the_same_etag(
    admin: GraphQLClient, world: ApiWorld
) -> None:
    measure = propose(admin, world)["measure"]["id"]
    first = post(admin.http, TITLE, admin.token, m=measure)
    hits = lookups("hit")
    second = post(admin.http, TITLE, admin.token, m=measure)
    assert lookups("hit") == hits + 1
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"] == "private, no-cache"


def test_a_cached_answer_is_never_stale_after_a_write(
    admin: GraphQLClient, world: ApiWorld
) -> None:
    measure = propose(admin, world)["measure"]["id"]
    before = post(admin.http, TITLE, admin.token, m=measure)
    revised = admin.mutate(
        "reviseMeasure", "ReviseMeasureInput", "measure { id }", measure=measure, title="Neu"
    )
    assert revised["userErrors"] == []
    after = post(admin.http, TITLE, admin.token, m=measure)
    assert after.json()["data"]["measure"]["title"] == "Neu"
    assert after.headers["etag"] != before.headers["etag"]


def test_answers_are_not_shared_across_roles(admin: GraphQLClient, world: ApiWorld) -> None:
    # Who reported progress is for ADMIN and ANALYST; names of persons for those signed in.
    query = "{ persons { nodes { name } } }"
    admin.mutate("registerPerson", "RegisterPersonInput", "person { id }", name="Erika Muster")
    as_admin = post(admin.http, query, admin.token)
    assert as_admin.json()["data"]["persons"]["nodes"] == [{"name": "Erika Muster"}]
    as_public = post(admin.http, query)
    assert "Erika Muster" not in as_public.text
    assert as_public.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_answers_are_not_shared_across_organisations(
    service: tuple[TestClient, PlanningApp], admin: GraphQLClient, world: ApiWorld
) -> None:
    http, app = service
    mine = app.issue_token("MEMBER", "a", uuid_of(world.fb50, "organization"))
    other = app.issue_token("MEMBER", "b", uuid_of(world.fb64, "organization"))
    query = "{ cycles { nodes { number } } }"
    first, second = post(http, query, mine), post(http, query, other)
    assert first.content == second.content  # the same data …
    assert first.headers["etag"] != second.headers["etag"]  # … kept apart all the same


def test_a_get_with_the_etag_is_not_modified_until_the_next_event(
    admin: GraphQLClient, world: ApiWorld
) -> None:
    measure = propose(admin, world)["measure"]["id"]
    params = {"query": TITLE, "variables": f'{{"m": "{measure}"}}'}
    headers = {"Authorization": f"Bearer {admin.token}"}
    first = admin.http.get("/graphql", params=params, headers=headers)
    assert first.status_code == 200 and first.json()["data"]["measure"]["title"]
    etag = first.headers["etag"]
    again = admin.http.get("/graphql", params=params, headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    admin.mutate(
        "reviseMeasure", "ReviseMeasureInput", "measure { id }", measure=measure, title="X"
    )
    changed = admin.http.get("/graphql", params=params, headers={**headers, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert changed.json()["data"]["measure"]["title"] == "X"


def test_errors_and_mutations_are_never_kept(
    service: tuple[TestClient, PlanningApp], admin: GraphQLClient, world: ApiWorld
) -> None:
    cache = service[0].app.state.services["response_cache"]  # type: ignore[attr-defined]
    kept = len(cache.answers())
    refused = post(admin.http, "{ persons { nodes { name } } }")  # PUBLIC: an error
    assert "etag" not in refused.headers
    invalid = post(admin.http, "{ nosuchfield }", admin.token)
    assert "errors" in invalid.json() and "etag" not in invalid.headers
    mutation = "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"
    once = post(admin.http, mutation, admin.token, i={"name": "Max Muster"})
    twice = post(admin.http, mutation, admin.token, i={"name": "Max Muster"})
    assert "etag" not in once.headers
    assert (
        once.json()["data"]["registerPerson"]["person"]["id"]
        != (twice.json()["data"]["registerPerson"]["person"]["id"])
    )  # the second was run, not answered from memory
    assert len(cache.answers()) == kept


def test_the_cache_can_be_switched_off(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, response_cache_mb=0)
    app = PlanningApp.from_settings(settings)
    try:
        with TestClient(create_app(settings, app)) as http:
            hits = lookups("hit")
            for _ in range(3):
                answer = post(http, "{ cycles { totalCount } }")
                assert "etag" not in answer.headers
            assert lookups("hit") == hits
    finally:
        app.close()


@pytest.fixture
def two_processes(settings: Settings) -> Iterator[tuple[GraphQLClient, GraphQLClient]]:
    """Two servers on one store; the first runs the views, the second only reads them."""
    first_app, second_app = PlanningApp.from_settings(settings), PlanningApp.from_settings(settings)
    try:
        with (
            TestClient(create_app(settings, first_app)) as first,
            TestClient(create_app(settings, second_app)) as second,
        ):
            token = first_app.issue_token("ADMIN", "admin")
            yield GraphQLClient(first, token), GraphQLClient(second, token)
    finally:
        first_app.close()
        second_app.close()


def test_a_server_that_does_not_run_the_views_serves_what_the_other_wrote(
    two_processes: tuple[GraphQLClient, GraphQLClient],
) -> None:
    writer, reader = two_processes
    world = build(writer)
    measure = propose(writer, world)["measure"]["id"]
    assert post(reader.http, TITLE, reader.token, m=measure).json()["data"]["measure"]
    writer.mutate(
        "reviseMeasure", "ReviseMeasureInput", "measure { id }", measure=measure, title="Y"
    )
    # The writer returned once the views held its event: the reader's next answer shows it.
    assert (
        post(reader.http, TITLE, reader.token, m=measure).json()["data"]["measure"]["title"] == "Y"
    )
