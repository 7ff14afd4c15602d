"""Commands on papers (Vorlagen) and their Beratungsfolge, and on informing the
parliamentary groups."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from ..domain.base import Duplicate, Meta, NotFound, PlanningAggregate, ValidationError
from ..domain.body import Body
from ..domain.briefing import Briefing
from ..domain.claim import Claim, claim_id
from ..domain.measure import Measure
from ..domain.meeting import Meeting
from ..domain.organization import Organization
from ..domain.paper import Paper, normalize_reference
from ..domain.rights import require_may_submit
from .base import CommandsBase, Outcome, single, unique_ids

REFERENCE = "paper reference"
CONSULTATION = "consultation"


class PaperCommands(CommandsBase):
    def paper_by_reference(self, reference: str) -> UUID | None:
        return self.claimed_owner(REFERENCE, normalize_reference(reference))

    def submit_paper(
        self,
        meta: Meta,
        *,
        reference: str,
        type: str,
        subject: str,
        date: date,
        lead: UUID | None = None,
        originator: UUID | None = None,
        decision_proposal: str | None = None,
        explanation: str | None = None,
        related_papers: list[UUID] | None = None,
        measures: list[UUID] | None = None,
        attachments: list[dict[str, Any]] | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            principal = meta.principal
            own = self.load_optional(Organization, principal.organization_id, "lead")
            lead_org = self.load_optional(Organization, lead, "lead")
            require_may_submit(principal, reference, _id(lead_org), own.short_name if own else None)
            if self.paper_by_reference(reference) is not None:
                raise Duplicate(f"The reference {reference!r} is already in use.", "reference")
            related = [
                self.load(Paper, p, f"relatedPapers.{i}")
                for i, p in enumerate(unique_ids(related_papers))
            ]
            referred = [
                self.load(Measure, m, f"measures.{i}") for i, m in enumerate(unique_ids(measures))
            ]
            for measure in referred:
                # Referring through the paper needs the same right as referMeasure.
                self.permit("submitPaper:measure", measure)
            paper = Paper.submit(
                meta,
                reference=reference,
                type_=type,
                subject=subject,
                date_=date,
                lead_id=_id(lead_org),
                originated_by_id=_id(self.load_optional(Organization, originator, "originator")),
                decision_proposal=decision_proposal,
                explanation=explanation,
                related=related,
                measure_ids=[m.id for m in referred],
                attachments=attachments,
            )
            for measure in referred:
                measure.refer(meta, paper.id)
            self.allow(paper)
            claim = self.claim(meta, kind=REFERENCE, key=paper.reference, owner_id=paper.id)
            return paper.id, [paper, claim, *referred]

        return self.execute(meta, "submitPaper", client_mutation_id, action)

    def schedule_consultation(
        self,
        meta: Meta,
        *,
        paper: UUID,
        body: UUID,
        role: str,
        authoritative: bool,
        meeting: UUID | None = None,
        date: date | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            target = self.load(Paper, paper, "paper")
            self.permit("scheduleConsultation", target)
            consultation_id = target.schedule_consultation(
                meta,
                body=self.load(Body, body, "body"),
                meeting=self.load_optional(Meeting, meeting, "meeting"),
                date_=date,
                role=role,
                authoritative=authoritative,
            )
            index = Claim.make(
                meta, kind=CONSULTATION, key=str(consultation_id), owner_id=target.id
            )
            return target.id, [target, index]

        return self.execute(meta, "scheduleConsultation", client_mutation_id, action)

    def paper_of_consultation(self, consultation: UUID) -> UUID:
        paper_id = self.claimed_owner(CONSULTATION, str(consultation))
        if paper_id is None:
            raise NotFound(f"No consultation with id {consultation}.", "consultation")
        return paper_id

    def conclude_consultation(
        self,
        meta: Meta,
        *,
        consultation: UUID,
        decision: str,
        decision_text: str | None = None,
        measure_decisions: list[tuple[UUID, bool]] | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        """Records the consultation's decision and, in the same transaction, the decisions
        on the measures it deliberated."""

        def action() -> Outcome:
            paper = self.load(Paper, self.paper_of_consultation(consultation), "consultation")
            self.permit("concludeConsultation", paper)
            decisions = measure_decisions or []
            # The decisions on measures carry the conclusion's business date.
            concluded, dated = paper.conclude_consultation(
                meta,
                consultation_id=consultation,
                decision=decision,
                decision_text=decision_text,
                deciding_measures=bool(decisions),
            )
            body = self.load(Body, concluded["body_id"], "consultation")
            changed: list[PlanningAggregate] = [paper]
            for index, (measure_id, adopted) in enumerate(decisions):
                field = f"measureDecisions.{index}.measure"
                if any(m.id == measure_id for m in changed[1:]):
                    raise ValidationError("A measure is decided twice.", field)
                measure = self.load(Measure, measure_id, field)
                # Deciding through the consultation needs the same right as decideMeasure.
                self.permit("concludeConsultation:measure", measure)
                if adopted and decision == "REJECTED":
                    raise ValidationError("A rejected paper adopts no measure.", field)
                measure.decide(dated, adopted=adopted, body=body, paper=paper)
                changed.append(measure)
            return paper.id, changed

        return self.execute(meta, "concludeConsultation", client_mutation_id, action)

    def settle_paper(
        self, meta: Meta, *, paper: UUID, client_mutation_id: str | None = None
    ) -> UUID:
        return self.change(
            meta,
            "settlePaper",
            Paper,
            paper,
            "paper",
            lambda p: p.settle(meta),
            client_mutation_id=client_mutation_id,
        )

    def withdraw_paper(
        self, meta: Meta, *, paper: UUID, client_mutation_id: str | None = None
    ) -> UUID:
        """A paper submitted in error: withdrawn, never deleted; its reference is free again,
        and a measure referred to no other paper is back to PROPOSED."""

        def action() -> Outcome:
            target = self.load(Paper, paper, "paper")
            self.permit("withdrawPaper", target)
            target.withdraw(meta)
            measures = [self.load(Measure, m, "paper") for m in target.measure_ids]
            for measure in measures:
                measure.withdraw_referral(meta, target.id)
            # The measures' referrals go with the paper its lead withdraws: every one of them
            # was made with that lead's consent (referMeasure needs the paper's lead too).
            self.allow(*measures)
            changed: list[PlanningAggregate] = [target, *measures]
            claim: Claim = self.repository.get(claim_id(REFERENCE, target.reference))
            if claim.owner_id == target.id:
                claim.release(meta)
                changed.append(claim)
            return target.id, changed

        return self.execute(meta, "withdrawPaper", client_mutation_id, action)

    def inform_parliamentary_groups(
        self,
        meta: Meta,
        *,
        subject: UUID,
        groups: list[UUID],
        channel: str,
        note: str | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            try:
                topic: PlanningAggregate = self.load(Measure, subject, "subject")
            except ValidationError:
                topic = self.load(Paper, subject, "subject")
            self.permit("informParliamentaryGroups", topic)
            orgs = [
                self.load(Organization, g, f"groups.{i}") for i, g in enumerate(unique_ids(groups))
            ]
            briefing = Briefing.inform(
                meta,
                subject_id=topic.id,
                subject_type=type(topic).__name__,
                groups=orgs,
                channel=channel,
                note=note,
            )
            self.allow(briefing)
            return single(briefing)

        return self.execute(meta, "informParliamentaryGroups", client_mutation_id, action)


def _id(aggregate: PlanningAggregate | None) -> UUID | None:
    return aggregate.id if aggregate is not None else None
