"""The schema documents itself: the introspection of the built schema is walked, and every
type, field, argument, enum value and input field must carry a real description (GraphiQL's
documentation panel shows them). The mutations must name the roles the rights table
(domain/rights.py) lets send them, and the reads limited to some roles must name those."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from graphql import introspection_from_schema

from sozialplanung.domain.rights import RULES
from sozialplanung.graphql.schema import build_schema

STANDARD_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}
SHORTEST = 12  # characters: "The id." says nothing a name does not
PLACEHOLDERS = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|^\W*$")


@cache
def introspection() -> dict[str, Any]:
    return dict(introspection_from_schema(build_schema()._schema))


def schema_types() -> list[dict[str, Any]]:
    return [
        t
        for t in introspection()["__schema"]["types"]
        if not t["name"].startswith("__") and t["name"] not in STANDARD_SCALARS
    ]


def elements() -> Iterator[tuple[str, str, str | None]]:
    """(kind, path, description) of every element a client can read about."""
    for t in schema_types():
        yield "type", t["name"], t["description"]
        for field in t["fields"] or []:
            path = f"{t['name']}.{field['name']}"
            yield "field", path, field["description"]
            for arg in field["args"]:
                yield "argument", f"{path}({arg['name']})", arg["description"]
        for value in t["enumValues"] or []:
            yield "enum value", f"{t['name']}.{value['name']}", value["description"]
        for field in t["inputFields"] or []:
            yield "input field", f"{t['name']}.{field['name']}", field["description"]


def name_of(path: str) -> str:
    """The element's own name: 'Query.measures(first)' → 'first'."""
    return re.split(r"[.(]", path.rstrip(")"))[-1]


def squeezed(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def test_the_walk_sees_every_kind_of_element() -> None:
    kinds = {kind for kind, _, _ in elements()}
    assert kinds == {"type", "field", "argument", "enum value", "input field"}
    assert len(list(elements())) > 800  # the whole schema, not a part of it


def test_every_type_field_argument_enum_value_and_input_field_is_described() -> None:
    undocumented = [f"{kind} {path}" for kind, path, text in elements() if not text]
    assert not undocumented, (
        f"{len(undocumented)} schema elements have no description (write it next to the "
        "declaration, or in graphql/descriptions.py for a repeated pattern):\n"
        + "\n".join(undocumented)
    )


def test_no_description_is_a_placeholder() -> None:
    placeholders = [
        f"{kind} {path}: {text!r}"
        for kind, path, text in elements()
        if text
        and (
            len(text.strip()) < SHORTEST
            or squeezed(text) == squeezed(name_of(path))
            or PLACEHOLDERS.search(text)
        )
    ]
    assert not placeholders, "placeholder descriptions:\n" + "\n".join(placeholders)


def mutations() -> dict[str, str]:
    mutation = next(t for t in schema_types() if t["name"] == "Mutation")
    return {field["name"]: field["description"] or "" for field in mutation["fields"]}


def test_every_mutation_names_the_roles_that_may_send_it() -> None:
    wrong = []
    for name, text in mutations().items():
        rule = RULES[name]
        says = set(re.findall(r"\b(ADMIN|COORDINATOR|MEMBER)\b", text))
        expected = {"ADMIN"}
        if rule.coordinator:
            expected.add("COORDINATOR")
        if rule.member:
            expected.add("MEMBER")
        if says != expected:
            wrong.append(f"{name}: names {sorted(says)}, the rights table {sorted(expected)}")
        if not rule.coordinator and not rule.member and "ADMIN only" not in text:
            wrong.append(f"{name}: open to ADMIN alone, but does not say 'ADMIN only'")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("path", "roles"),
    [
        ("Query.events", "ADMIN and ANALYST"),
        ("Query.decisionTrail", "ADMIN and ANALYST"),
        ("Subscription.eventAppended", "ADMIN and ANALYST"),
        ("Measure.history", "ADMIN and ANALYST"),
        ("ProgressReport.reportedBy", "ADMIN and ANALYST"),
        ("Query.complianceReport", "ADMIN, ANALYST and COORDINATOR"),
        ("Query.persons", "signed-in"),
        ("Person.name", "without a token"),
    ],
)
def test_a_read_limited_to_some_roles_names_them(path: str, roles: str) -> None:
    described = {p: text for kind, p, text in elements() if kind == "field"}
    assert roles in (described[path] or "")
