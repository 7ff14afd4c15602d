"""Commands on measures (Maßnahmen) through their whole lifecycle."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from ..domain.base import Meta
from ..domain.body import Body
from ..domain.measure import Measure
from ..domain.organization import Organization
from ..domain.paper import Paper
from .base import CommandsBase, Outcome, single


class MeasureCommands(CommandsBase):
    def propose_measure(
        self,
        meta: Meta,
        *,
        cycle: int,
        working_group: UUID,
        title: str,
        description: str | None = None,
        lead: UUID | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            target_cycle = self.cycle(cycle)
            group = self.load(Body, working_group, "workingGroup")
            # Decided by the working group and cycle, never by the lead named here.
            self.permit_placement("proposeMeasure", target_cycle, group)
            lead_org = self.load_optional(Organization, lead, "lead")
            measure = Measure.propose(
                meta,
                cycle=target_cycle,
                working_group=group,
                title=title,
                description=description,
                lead_id=lead_org.id if lead_org else None,
            )
            self.allow(measure)
            return single(measure)

        return self.execute(meta, "proposeMeasure", client_mutation_id, action)

    def _measure(
        self,
        meta: Meta,
        command: str,
        measure: UUID,
        apply: Callable[[Measure], None],
        expected_version: int | None,
        client_mutation_id: str | None,
    ) -> UUID:
        return self.change(
            meta,
            command,
            Measure,
            measure,
            "measure",
            apply,
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
        )

    def revise_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        title: str | None = None,
        description: str | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self._measure(
            meta,
            "reviseMeasure",
            measure,
            lambda m: m.revise(meta, title=title, description=description),
            expected_version,
            client_mutation_id,
        )

    def refer_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        paper: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            target = self.load_current(Measure, measure, "measure", expected_version)
            self.permit("referMeasure", target)
            to_paper = self.load(Paper, paper, "paper")
            # The paper lists the measure too: its lead decides what the Vorlage carries.
            self.permit("referMeasure:paper", to_paper)
            target.refer(meta, to_paper.id)
            to_paper.list_measure(meta, target.id)
            return target.id, [target, to_paper]

        return self.execute(meta, "referMeasure", client_mutation_id, action)

    def decide_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        adopted: bool,
        body: UUID,
        paper: UUID | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def apply(target: Measure) -> None:
            deciding = self.load(Body, body, "body")
            on_paper = self.load_optional(Paper, paper, "paper")
            target.decide(meta, adopted=adopted, body=deciding, paper=on_paper)

        return self._measure(
            meta, "decideMeasure", measure, apply, expected_version, client_mutation_id
        )

    def start_implementation(
        self,
        meta: Meta,
        *,
        measure: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self._measure(
            meta,
            "startImplementation",
            measure,
            lambda m: m.start_implementation(meta),
            expected_version,
            client_mutation_id,
        )

    def report_progress(
        self,
        meta: Meta,
        *,
        measure: UUID,
        percent: int,
        note: str | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self._measure(
            meta,
            "reportProgress",
            measure,
            lambda m: m.report_progress(meta, percent_done=percent, note=note),
            expected_version,
            client_mutation_id,
        )

    def evaluate_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        outcome: str,
        obstacles: list[str] | None = None,
        enablers: list[str] | None = None,
        report: str | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self._measure(
            meta,
            "evaluateMeasure",
            measure,
            lambda m: m.evaluate(
                meta, outcome=outcome, obstacles=obstacles, enablers=enablers, report=report
            ),
            expected_version,
            client_mutation_id,
        )

    def carry_forward_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        to_cycle: int,
        working_group: UUID | None = None,
        title: str | None = None,
        description: str | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def apply(target: Measure) -> None:
            next_cycle = self.cycle(to_cycle, "toCycle")
            group = self.load_optional(Body, working_group, "workingGroup") or self.load(
                Body, target.working_group_id, "workingGroup"
            )
            # Carrying forward places the measure anew: the target group must be yours too.
            self.permit_placement("carryForwardMeasure:workingGroup", next_cycle, group)
            target.carry_forward(
                meta,
                to_cycle=next_cycle,
                working_group=group,
                title=title,
                description=description,
            )

        return self._measure(
            meta, "carryForwardMeasure", measure, apply, expected_version, client_mutation_id
        )

    def complete_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self._measure(
            meta,
            "completeMeasure",
            measure,
            lambda m: m.complete(meta),
            expected_version,
            client_mutation_id,
        )

    def drop_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self._measure(
            meta,
            "dropMeasure",
            measure,
            lambda m: m.drop(meta),
            expected_version,
            client_mutation_id,
        )

    def withdraw_measure(
        self,
        meta: Meta,
        *,
        measure: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self._measure(
            meta,
            "withdrawMeasure",
            measure,
            lambda m: m.withdraw(meta),
            expected_version,
            client_mutation_id,
        )
