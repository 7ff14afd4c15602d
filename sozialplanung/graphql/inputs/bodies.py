"""Inputs of the commands on bodies (Gremien)."""

from __future__ import annotations

import datetime as dt

import strawberry

from ..types.core import BodyKindEnum, MemberRoleEnum

BODY = "The body (Gremium); it must be active (not dissolved)."
MEMBER = "The person or organisation; a person whose data was erased joins nothing."


@strawberry.input(
    description="Sitzungsrhythmus: how often a body is meant to meet; every figure is optional."
)
class CadenceInput:
    description: str = strawberry.field(
        description="The rhythm in words, e.g. ein- bis zweimal jährlich (1–200 characters)."
    )
    min_per_year: int | None = strawberry.field(
        default=None, description="At least this many meetings a year (0–366)."
    )
    max_per_year: int | None = strawberry.field(
        default=None, description="At most this many meetings a year (0–366, not below min)."
    )
    every_months: int | None = strawberry.field(
        default=None, description="One meeting every this many months (1–120)."
    )
    self_determined: bool | None = strawberry.field(
        default=None, description="True when the body sets its own rhythm; default false."
    )


@strawberry.input
class EstablishBodyInput:
    name: str = strawberry.field(description="Name (1–200 characters).")
    kind: BodyKindEnum = strawberry.field(description="What kind of body.")
    topic: str | None = strawberry.field(
        default=None,
        description="Thema (at most 500 characters); required for a STEERING_GROUP.",
    )
    lead: strawberry.ID | None = strawberry.field(
        default=None,
        description="Federführung: the leading organisation; a COORDINATOR establishing a "
        "body without parent names its own.",
    )
    parent: strawberry.ID | None = strawberry.field(
        default=None,
        description="The active body it belongs to; for a CONFERENCE_WORKING_GROUP its "
        "SOCIAL_CONFERENCE (required).",
    )
    cadence: CadenceInput | None = strawberry.field(
        default=None, description="Its Sitzungsrhythmus, if known."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AssignLeadInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    lead: strawberry.ID = strawberry.field(
        description="The organisation to lead it (not already its lead)."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ShiftFocusInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    topic: str = strawberry.field(description="The new topic (1–500 characters).")
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class SetCadenceInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    cadence: CadenceInput = strawberry.field(description="The new Sitzungsrhythmus.")
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AddMemberInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    member: strawberry.ID = strawberry.field(description=MEMBER + " Not a current member already.")
    role: MemberRoleEnum = strawberry.field(description="The role it joins in.")
    on_behalf_of: strawberry.ID | None = strawberry.field(
        default=None, description="The organisation it represents in the body, if any."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ChangeMemberRoleInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    member: strawberry.ID = strawberry.field(description="A current member (its id).")
    role: MemberRoleEnum = strawberry.field(description="The new role (not its current one).")
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RemoveMemberInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    member: strawberry.ID = strawberry.field(
        description="A current member (its id) whose membership ends."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class DissolveBodyInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class PublishNoticeInput:
    body: strawberry.ID = strawberry.field(description=BODY)
    title: str = strawberry.field(description="Title of the notice (1–200 characters).")
    text: str = strawberry.field(
        description="The notice (1–20,000 characters); sealed, so redactEvent can remove it."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None
