"""Descriptions of the schema's repeated patterns, filled in when the schema is built.

What an element means in the city's process is written next to its declaration (types/,
inputs/, queries.py, mutations/). What is the same on many types is written once, here:
the Relay connections and edges (named after their node type), the mutation payloads
(with the mutations that return them), each mutation's `input` argument, the `id` and
`version` of the objects, the paging arguments `first`/`after`, and the fields every
command input shares (clientMutationId, reason, effectiveOn, expectedVersion).

Only a missing description is filled, so a declaration can always say more; the test
tests/api/test_schema_documentation.py fails on any element left without one.
"""

from __future__ import annotations

from graphql import (
    GraphQLArgument,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)

from ..projections.paging import DEFAULT_PAGE, MAX_PAGE
from .mutations.runner import MAX_REASON

PAGING = {
    "first": f"How many items at most: default {DEFAULT_PAGE}, at most {MAX_PAGE} (larger "
    "values are capped), 0 for none.",
    "after": "Continue after this cursor (an edge's cursor or pageInfo.endCursor); omit for "
    "the first page.",
}
COMMAND_FIELDS = {
    "clientMutationId": "Idempotency key chosen by the client (1–200 characters): the same "
    "actor sending the same command with it again gets the first answer, and nothing is "
    "recorded twice (DUPLICATE if it was used for another command). Echoed in the payload.",
    "reason": "Begründung: why, recorded with the events and shown in the audit log (at most "
    f"{MAX_REASON:,} characters); sealed, so redactEvent can make it unreadable.",
    "effectiveOn": "Business date (Wirksamkeitsdatum): the day the change happens or takes "
    "effect in the city, not the day it is typed in (1900–2199); default today.",
    "expectedVersion": "The object's version as the client last read it: if it was changed "
    "since, the command is refused with VERSION_CONFLICT and writes nothing. Omit to skip "
    "the check.",
}


def describe_patterns(schema: GraphQLSchema) -> None:
    """Fills the missing descriptions of the repeated patterns in a built schema."""
    returned_by = _mutations_by_type(schema)
    for name, named in schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            _object(named, returned_by.get(name, []))
        elif isinstance(named, GraphQLInputObjectType):
            _input(named, returned_by.get(name, []))


def _mutations_by_type(schema: GraphQLSchema) -> dict[str, list[str]]:
    """Payload and input type names → the mutations that return or take them."""
    found: dict[str, list[str]] = {}
    mutation = schema.mutation_type
    for field_name, field in (mutation.fields if mutation else {}).items():
        found.setdefault(get_named_type(field.type).name, []).append(field_name)
        for arg in field.args.values():
            found.setdefault(get_named_type(arg.type).name, []).append(field_name)
    return found


def _fill(
    element: GraphQLNamedType | GraphQLField | GraphQLArgument | GraphQLInputField, text: str
) -> None:
    if not element.description:
        element.description = text


def _listing(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _object(named: GraphQLObjectType | GraphQLInterfaceType, mutations: list[str]) -> None:
    name = named.name
    if name.endswith("Connection") and "pageInfo" in named.fields:
        node = name.removesuffix("Connection")
        _fill(
            named,
            f"A page of {node} objects (Relay connection): nodes, or edges with their "
            "cursors; pageInfo to ask for the next page; totalCount for the whole list.",
        )
    elif name.endswith("Edge") and set(named.fields) == {"cursor", "node"}:
        _fill(named, f"One {name.removesuffix('Edge')} in a page, with its cursor.")
    elif name.endswith("Payload") and "userErrors" in named.fields:
        subject = name.removesuffix("Payload")
        _fill(
            named,
            f"What {_listing(mutations)} {'return' if len(mutations) > 1 else 'returns'}: "
            f"the {subject} as recorded once the views "
            "include the change (read-your-writes), or the userErrors that refused it.",
        )
        for field_name, field in named.fields.items():
            if field_name == "userErrors":
                _fill(field, "Why the command was refused; empty when it was recorded.")
            elif field_name == "clientMutationId":
                _fill(field, "The input's clientMutationId, echoed.")
            else:
                _fill(
                    field,
                    f"The {subject} as it stands after the command; null when it was refused.",
                )
    for field_name, field in named.fields.items():
        if field_name == "id" and "Node" in {i.name for i in getattr(named, "interfaces", [])}:
            _fill(field, f"Global, opaque id of this {name} (base64 of {name}:<uuid>).")
        elif field_name == "version":
            _fill(
                field,
                f"How many events have been recorded for this {name}: 1 once created, one more "
                "with each change. Send it as expectedVersion where a mutation takes one.",
            )
        for arg_name, arg in field.args.items():
            if arg_name in PAGING:
                _fill(arg, PAGING[arg_name])
            elif arg_name == "input" and named.name == "Mutation":
                _fill(arg, f"What to record; see {get_named_type(arg.type).name}.")


def _input(named: GraphQLInputObjectType, mutations: list[str]) -> None:
    if mutations:
        _fill(
            named,
            f"Input of {_listing(mutations)}; the mutation says what it does and who may send it.",
        )
    for field_name, field in named.fields.items():
        if field_name in COMMAND_FIELDS:
            _fill(field, COMMAND_FIELDS[field_name])
