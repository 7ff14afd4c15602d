"""Inputs of the commands along the measure lifecycle (Maßnahmen)."""

from __future__ import annotations

import datetime as dt

import strawberry

from ..types.core import EvaluationOutcomeEnum

DECIDED_ON_HELP = (
    "The day of the decision; default: the date of the paper's consultation in the deciding "
    "body (its authoritative one, else its latest one up to today), else today. Not in the "
    "future, not before the measure was proposed (or carried forward) or the paper's date."
)
EVALUATED_ON_HELP = (
    "The day of the evaluation; default today. Not in the future, not before the adoption."
)
OPEN = "The measure; it must be PROPOSED or IN_DELIBERATION."
SEALED = "; sealed, so redactEvent can remove it."
FACTORS = " as distinct short phrases (each 1–300 characters, at most 50)."


@strawberry.input
class ProposeMeasureInput:
    cycle: int = strawberry.field(description="The number of the cycle; not closed.")
    working_group: strawberry.ID = strawberry.field(
        description="The working group proposing it: one of the cycle's working groups."
    )
    title: str = strawberry.field(description="Title (1–200 characters).")
    description: str | None = strawberry.field(
        default=None, description="What it is about (at most 20,000 characters)" + SEALED
    )
    lead: strawberry.ID | None = strawberry.field(
        default=None, description="Federführung: the organisation to lead it, if known."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input(
    description="Input of reviseMeasure; the revision must change the title or the description."
)
class ReviseMeasureInput:
    measure: strawberry.ID = strawberry.field(description=OPEN)
    title: str | None = strawberry.field(
        default=None, description="The new title (1–200 characters); omit to keep it."
    )
    description: str | None = strawberry.field(
        default=None, description="The new description; omit to keep it, empty to clear it."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ReferMeasureInput:
    measure: strawberry.ID = strawberry.field(description=OPEN)
    paper: strawberry.ID = strawberry.field(
        description="The paper (not settled or withdrawn) it is not yet referred to."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class DecideMeasureInput:
    measure: strawberry.ID = strawberry.field(description="The measure IN_DELIBERATION.")
    adopted: bool = strawberry.field(description="True: ADOPTED; false: REJECTED.")
    body: strawberry.ID = strawberry.field(
        description="The deciding body: a COMMITTEE or the COUNCIL."
    )
    paper: strawberry.ID | None = strawberry.field(
        default=None, description="The paper decided on: one the measure is referred to."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=DECIDED_ON_HELP)


@strawberry.input
class StartImplementationInput:
    measure: strawberry.ID = strawberry.field(description="The ADOPTED measure.")
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ReportProgressInput:
    measure: strawberry.ID = strawberry.field(description="The measure IN_IMPLEMENTATION.")
    percent: int = strawberry.field(description="How much is done, 0–100 %.")
    note: str | None = strawberry.field(
        default=None, description="A note on the state (at most 2,000 characters)" + SEALED
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class EvaluateMeasureInput:
    measure: strawberry.ID = strawberry.field(
        description="The measure; it must be ADOPTED or IN_IMPLEMENTATION."
    )
    outcome: EvaluationOutcomeEnum = strawberry.field(
        description="How far it was put into practice."
    )
    obstacles: list[str] | None = strawberry.field(default=None, description="Hemmnisse" + FACTORS)
    enablers: list[str] | None = strawberry.field(
        default=None, description="Förderliche Rahmenbedingungen" + FACTORS
    )
    report: str | None = strawberry.field(
        default=None, description="Bewertungsbericht (at most 20,000 characters)" + SEALED
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=EVALUATED_ON_HELP)


@strawberry.input(
    description="Input of carryForwardMeasure: unchanged, the measure stays ADOPTED in the new "
    "cycle; with a revised title or description it starts there as PROPOSED."
)
class CarryForwardMeasureInput:
    measure: strawberry.ID = strawberry.field(description="The EVALUATED measure.")
    to_cycle: int = strawberry.field(description="The number of a later cycle that is not closed.")
    working_group: strawberry.ID | None = strawberry.field(
        default=None,
        description="Its working group there; default its current one. It must be active in "
        "that cycle.",
    )
    title: str | None = strawberry.field(
        default=None, description="A revised title; omit to keep it."
    )
    description: str | None = strawberry.field(
        default=None, description="A revised description; omit to keep it."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class CloseMeasureInput:
    measure: strawberry.ID = strawberry.field(
        description="The measure: EVALUATED to complete or drop it, PROPOSED or "
        "IN_DELIBERATION to withdraw it."
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None
