"""The response cache's rules, without a server: what a key depends on, the bound in bytes,
and nothing kept from before a rewrite of the views."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from sozialplanung.domain.rights import PUBLIC, Principal, Role
from sozialplanung.graphql.response_cache import Question, ResponseCache

TODAY = date(2026, 11, 25)
ASKED = Question("{ cycles { totalCount } }", None, {"first": 5})
ANALYST = Principal("a", Role.ANALYST)


@pytest.mark.parametrize(
    ("question", "principal", "position", "today"),
    [
        (Question("{ cycles { nodes { number } } }", None, {"first": 5}), ANALYST, 7, TODAY),
        (Question(ASKED.query, "Other", ASKED.variables), ANALYST, 7, TODAY),
        (Question(ASKED.query, None, {"first": 6}), ANALYST, 7, TODAY),
        (ASKED, PUBLIC, 7, TODAY),
        (ASKED, Principal("b", Role.ANALYST, UUID(int=1)), 7, TODAY),
        (ASKED, ANALYST, 8, TODAY),
        (ASKED, ANALYST, 7, date(2026, 11, 26)),
    ],
)
def test_the_key_changes_with_everything_an_answer_depends_on(
    question: Question, principal: Principal, position: int, today: date
) -> None:
    cache = ResponseCache(1_000)
    assert cache.key(question, principal, position, today) != cache.key(ASKED, ANALYST, 7, TODAY)


def test_the_key_ignores_the_token_holders_name_and_the_order_of_variables() -> None:
    cache = ResponseCache(1_000)
    reordered = Question(ASKED.query, None, {"b": 1, "a": 2})
    assert cache.key(reordered, ANALYST, 7, TODAY) == cache.key(
        Question(ASKED.query, None, {"a": 2, "b": 1}), Principal("z", Role.ANALYST), 7, TODAY
    )


def test_huge_integers_in_variables_still_make_a_key() -> None:
    big = Question(ASKED.query, None, {"first": 10**30})
    assert ResponseCache(1_000).key(big, ANALYST, 7, TODAY)


def test_the_cache_stays_within_its_bytes_dropping_the_least_recently_used() -> None:
    cache = ResponseCache(1_000)
    for n in range(10):
        cache.put(f"k{n}", b"x" * 100, position=1)
    cache.get("k0")  # used again: kept
    cache.put("k10", b"y" * 100, position=1)
    assert sum(len(a) for a in cache.answers()) <= 1_000
    assert cache.get("k0") is not None and cache.get("k1") is None


def test_one_answer_too_large_for_an_eighth_of_the_cache_is_not_kept() -> None:
    cache = ResponseCache(800)
    cache.put("small", b"x" * 50, position=1)
    cache.put("large", b"x" * 101, position=1)
    assert cache.get("large") is None and cache.get("small") is not None


def test_a_rewrite_empties_the_cache_and_refuses_answers_from_before_it() -> None:
    cache = ResponseCache(1_000)
    cache.put("before", b"Erika Muster", position=5)
    cache.rewritten(at=6)
    assert cache.answers() == []
    cache.put("late", b"Erika Muster", position=5)  # computed before the erasure
    cache.put("after", b"(erased)", position=6)
    assert cache.answers() == [b"(erased)"]
    cache.rewritten(at=6)  # the same rewrite seen again changes nothing
    assert cache.answers() == [b"(erased)"]


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        [{"query": "{ a }"}],  # a batch
        {"query": 5},
        {"query": "{ a }", "variables": "not json"},
        {"query": "{ a }", "variables": [1]},
        {"query": "{ a }", "operationName": 3},
        {},
    ],
)
def test_anything_but_one_plain_request_is_left_to_strawberry(data: object) -> None:
    assert Question.of(data) is None


def test_a_get_requests_variables_are_read_from_json_text() -> None:
    assert Question.of({"query": "{ a }", "variables": '{"x": 1}'}) == Question(
        "{ a }", None, {"x": 1}
    )
