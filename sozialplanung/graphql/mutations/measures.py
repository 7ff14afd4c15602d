"""Mutations along the measure lifecycle."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta
from ..context import Info
from ..ids import optional_uuid, uuid_of
from ..inputs import (
    CarryForwardMeasureInput,
    CloseMeasureInput,
    DecideMeasureInput,
    EvaluateMeasureInput,
    ProposeMeasureInput,
    ReferMeasureInput,
    ReportProgressInput,
    ReviseMeasureInput,
    StartImplementationInput,
)
from .runner import MeasurePayload, respond

MEASURE, BODY = "Measure", "Body"


async def _measure(info: Info, data: Any, command: str, call: Any) -> MeasurePayload:
    def perform(app: PlanningApp, meta: Meta) -> UUID:
        measure = uuid_of(data.measure, "measure", MEASURE)
        return call(app, meta, measure)

    return await respond(info, data, MeasurePayload, perform)


@strawberry.type
class MeasureMutations:
    @strawberry.mutation
    async def propose_measure(self, info: Info, input: ProposeMeasureInput) -> MeasurePayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            group = uuid_of(input.working_group, "workingGroup", BODY)
            lead = optional_uuid(input.lead, "lead", "Organization")
            return app.propose_measure(
                meta,
                cycle=input.cycle,
                working_group=group,
                title=input.title,
                description=input.description,
                lead=lead,
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, MeasurePayload, perform)

    @strawberry.mutation
    async def revise_measure(self, info: Info, input: ReviseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "reviseMeasure",
            lambda app, meta, m: app.revise_measure(
                meta,
                measure=m,
                title=input.title,
                description=input.description,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def refer_measure(self, info: Info, input: ReferMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "referMeasure",
            lambda app, meta, m: app.refer_measure(
                meta,
                measure=m,
                paper=uuid_of(input.paper, "paper", "Paper"),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def decide_measure(self, info: Info, input: DecideMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "decideMeasure",
            lambda app, meta, m: app.decide_measure(
                meta,
                measure=m,
                adopted=input.adopted,
                body=uuid_of(input.body, "body", BODY),
                paper=optional_uuid(input.paper, "paper", "Paper"),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def start_implementation(
        self, info: Info, input: StartImplementationInput
    ) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "startImplementation",
            lambda app, meta, m: app.start_implementation(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def report_progress(self, info: Info, input: ReportProgressInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "reportProgress",
            lambda app, meta, m: app.report_progress(
                meta,
                measure=m,
                percent=input.percent,
                note=input.note,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def evaluate_measure(self, info: Info, input: EvaluateMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "evaluateMeasure",
            lambda app, meta, m: app.evaluate_measure(
                meta,
                measure=m,
                outcome=input.outcome,
                obstacles=input.obstacles,
                enablers=input.enablers,
                report=input.report,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def carry_forward_measure(
        self, info: Info, input: CarryForwardMeasureInput
    ) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "carryForwardMeasure",
            lambda app, meta, m: app.carry_forward_measure(
                meta,
                measure=m,
                to_cycle=input.to_cycle,
                working_group=optional_uuid(input.working_group, "workingGroup", BODY),
                title=input.title,
                description=input.description,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def complete_measure(self, info: Info, input: CloseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "completeMeasure",
            lambda app, meta, m: app.complete_measure(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def drop_measure(self, info: Info, input: CloseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "dropMeasure",
            lambda app, meta, m: app.drop_measure(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def withdraw_measure(self, info: Info, input: CloseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "withdrawMeasure",
            lambda app, meta, m: app.withdraw_measure(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )
