"""`search` over HTTP on the demo: hits of every kind with their nodes, snippets marked and
escaped, what PUBLIC may not read never found, clear refusals for bad arguments."""

from __future__ import annotations

from typing import Any

from .client import GraphQLClient
from .conftest import DemoService

SEARCH = """query($text: String!, $types: [SearchType!], $first: Int, $after: String) {
  search(text: $text, types: $types, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { score snippet node { __typename id
      ... on Measure { title } ... on Paper { reference } ... on Body { name }
      ... on Meeting { title } } }
  }
}"""


def search(api: GraphQLClient, text: str, **arguments: Any) -> dict[str, Any]:
    return api.data(SEARCH, text=text, **arguments)["search"]


def test_the_seed_paper_is_found_by_its_subject_in_another_word_form(demo: DemoService) -> None:
    public = demo.analyst.as_(None)
    found = search(public, "Sozialkonferenzen einrichten", types=["PAPER"])
    references = [hit["node"]["reference"] for hit in found["nodes"]]
    assert "FB 50/0098/WP16" in references
    hit = found["nodes"][references.index("FB 50/0098/WP16")]
    assert "<mark>Sozialkonferenz</mark>" in hit["snippet"] and hit["score"] > 0


def test_hits_of_every_kind_come_with_their_objects(demo: DemoService) -> None:
    found = search(demo.analyst, "Kinderarmut", first=200)
    kinds = {hit["node"]["__typename"] for hit in found["nodes"]}
    assert {"Body", "Measure"} <= kinds
    scores = [hit["score"] for hit in found["nodes"]]
    assert scores == sorted(scores, reverse=True)  # best first
    assert found["totalCount"] == len(found["nodes"])


def test_pages_of_hits_carry_on_from_their_cursor(demo: DemoService) -> None:
    first = search(demo.analyst, "Familien", first=2)
    second = search(demo.analyst, "Familien", first=2, after=first["pageInfo"]["endCursor"])
    assert first["pageInfo"]["hasNextPage"]
    ids = [hit["node"]["id"] for hit in first["nodes"] + second["nodes"]]
    assert len(ids) == len(set(ids)) == 4


def test_public_finds_no_person_and_no_one_who_reported_progress(demo: DemoService) -> None:
    # Person names are for signed-in readers; who recorded a progress report for ADMIN
    # and ANALYST. Neither is indexed, so no role finds anything by them.
    names = demo.analyst.data("{ persons(first: 5) { nodes { name } } }")["persons"]["nodes"]
    reporters = demo.analyst.data(
        "{ measures(status: IN_IMPLEMENTATION, first: 5) "
        "{ nodes { progressReports { reportedBy } } } }"
    )["measures"]["nodes"]
    words = [n["name"] for n in names if n["name"]] + [
        r["reportedBy"] for m in reporters for r in m["progressReports"]
    ]
    assert words
    for word in words:
        for api in (demo.analyst, demo.analyst.as_(None)):
            assert search(api, word)["totalCount"] == 0, word


def test_search_arguments_are_refused_clearly(demo: DemoService) -> None:
    api = demo.analyst
    assert api.error_codes(SEARCH, text="x" * 201) == ["VALIDATION"]
    assert api.error_codes(SEARCH, text="Familien", after="bm90IGEgY3Vyc29y") == ["VALIDATION"]
    assert api.error_codes(SEARCH, text="Familien", after="WzEwMDAwMDAwXQ==") == ["VALIDATION"]
    assert api.error_codes(SEARCH, text="Familien", types=["PERSON"]) == ["VALIDATION"]
    assert search(api, "Familien", types=[])["totalCount"] == 0
    assert search(api, "und oder der")["totalCount"] == 0
    for hostile in ['"', "NEAR(a b)", "a:b", "*", "\u0000", "<script>"]:
        assert "totalCount" in search(api, hostile)
