"""Inputs of the commands on organisations and persons, and of data protection."""

from __future__ import annotations

import datetime as dt

import strawberry

from ..types.core import OrganizationKindEnum


@strawberry.input
class RegisterOrganizationInput:
    name: str = strawberry.field(description="Full name (1–200 characters).")
    short_name: str | None = strawberry.field(
        default=None,
        description="Kürzel, e.g. FB 50 (at most 40 characters): the code its paper "
        "references begin with.",
    )
    kind: OrganizationKindEnum = strawberry.field(description="What kind of organisation.")
    parent: strawberry.ID | None = strawberry.field(
        default=None, description="The organisation it belongs to, if any."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RegisterPersonInput:
    name: str = strawberry.field(
        description="Full name (1–200 characters), sealed under the person's own key."
    )
    affiliation: strawberry.ID | None = strawberry.field(
        default=None, description="The organisation the person works for or represents."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ErasePersonInput:
    person: strawberry.ID = strawberry.field(description="The person whose name to erase.")
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RedactEventInput:
    event: strawberry.ID = strawberry.field(
        description="The event: its id (Event:<position>) or its position in the log."
    )
    reason: str = strawberry.field(
        description="Why it is redacted (required, at most 2,000 characters)."
    )
    client_mutation_id: str | None = None
