"""Maßnahme: proposed by a conference working group in a cycle, referred to a paper,
decided by a political body, implemented, evaluated at the next conference and completed,
dropped or carried forward into the next cycle — one identity across all its cycles.

Each cycle the measure lives in is a *term*; a term remembers every state the measure
reached in it, how it ended and its evaluation, which the cycle statistics count.

Decisions and evaluations record what happened: their business date lies neither in the
future nor before what they follow (the measure's proposal or carrying forward, the paper's
date, the adoption).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from .base import (
    Duplicate,
    InvalidTransition,
    Meta,
    PlanningAggregate,
    ValidationError,
    choice,
    occurred,
    optional_text,
    percent,
    text,
)
from .body import POLITICAL_KINDS, Body
from .cycle import Cycle
from .paper import Paper


class MeasureStatus(StrEnum):
    PROPOSED = "PROPOSED"
    IN_DELIBERATION = "IN_DELIBERATION"  # in der Beratungsfolge
    ADOPTED = "ADOPTED"
    REJECTED = "REJECTED"
    IN_IMPLEMENTATION = "IN_IMPLEMENTATION"
    EVALUATED = "EVALUATED"
    COMPLETED = "COMPLETED"
    CARRIED_FORWARD = "CARRIED_FORWARD"
    DROPPED = "DROPPED"
    WITHDRAWN = "WITHDRAWN"


class EvaluationOutcome(StrEnum):
    IMPLEMENTED = "IMPLEMENTED"
    PARTIALLY_IMPLEMENTED = "PARTIALLY_IMPLEMENTED"
    NOT_IMPLEMENTED = "NOT_IMPLEMENTED"


S = MeasureStatus
MAX_FACTORS = 50


def _factors(values: list[str] | None, field: str) -> list[str]:
    """Hemmnisse or förderliche Rahmenbedingungen: distinct non-empty phrases."""
    cleaned: list[str] = []
    for index, value in enumerate(values or []):
        phrase = text(value, f"{field}.{index}", limit=300)
        if phrase not in cleaned:
            cleaned.append(phrase)
    if len(cleaned) > MAX_FACTORS:
        raise ValidationError(f"At most {MAX_FACTORS} {field} per evaluation.", field)
    return cleaned


class Measure(PlanningAggregate):
    """Version 2 of the state (snapshots) knows the day the current term began."""

    class_version = 2

    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        term_began_on: date | None
        title: str
        description: str | None
        status: str
        cycle_number: int
        working_group_id: UUID
        lead_id: UUID | None
        progress: int
        paper_ids: list[UUID]
        terms: list[dict[str, Any]]
        evaluations: list[dict[str, Any]]
        progress_reports: list[dict[str, Any]]
        decisions: list[dict[str, Any]]

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot from before the term's first day was kept: unknown, so no bound."""
        state.setdefault("term_began_on", None)

    def _enter(self, status: MeasureStatus, *, ends_term: bool = False) -> None:
        self.status = status.value
        term = self.terms[-1]
        if status.value not in term["reached"]:
            term["reached"].append(status.value)
        if ends_term:
            term["status_at_end"] = status.value

    class MeasureProposed(PlanningAggregate.Created):
        prose = (*PlanningAggregate.Event.prose, "description")

        cycle_number: int
        working_group_id: UUID
        title: str
        description: str | None
        lead_id: UUID | None

        def apply(self, measure: Measure) -> None:
            measure.title, measure.description = self.title, self.description
            measure.cycle_number = self.cycle_number
            measure.working_group_id, measure.lead_id = self.working_group_id, self.lead_id
            measure.progress = 0
            measure.paper_ids, measure.evaluations = [], []
            measure.progress_reports, measure.decisions = [], []
            measure.terms = [_term(self.cycle_number, self.working_group_id)]
            measure.term_began_on = self.effective_on
            measure._enter(S.PROPOSED)

    class MeasureRevised(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "description")

        title: str
        description: str | None

        def apply(self, measure: Measure) -> None:
            measure.title, measure.description = self.title, self.description

    class MeasureReferred(PlanningAggregate.Event):
        paper_id: UUID

        def apply(self, measure: Measure) -> None:
            measure.paper_ids.append(self.paper_id)
            measure._enter(S.IN_DELIBERATION)

    class ReferralWithdrawn(PlanningAggregate.Event):
        """The paper it was referred to was withdrawn; with no paper left, the measure is
        back to PROPOSED."""

        paper_id: UUID

        def apply(self, measure: Measure) -> None:
            measure.paper_ids.remove(self.paper_id)
            if measure.status == S.IN_DELIBERATION and not measure.paper_ids:
                measure.status = S.PROPOSED.value

    class MeasureDecided(PlanningAggregate.Event):
        adopted: bool
        body_id: UUID
        paper_id: UUID | None

        def apply(self, measure: Measure) -> None:
            measure.decisions.append(
                {
                    "adopted": self.adopted,
                    "body_id": self.body_id,
                    "paper_id": self.paper_id,
                    "cycle": measure.cycle_number,
                    "effective_on": self.effective_on,
                }
            )
            if self.adopted:
                measure._enter(S.ADOPTED)
            else:
                measure._enter(S.REJECTED, ends_term=True)

    class ImplementationStarted(PlanningAggregate.Event):
        def apply(self, measure: Measure) -> None:
            measure._enter(S.IN_IMPLEMENTATION)

    class ProgressReported(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "note")

        percent: int
        note: str | None

        def apply(self, measure: Measure) -> None:
            measure.progress = self.percent
            measure.progress_reports.append(
                {
                    "percent": self.percent,
                    "note": self.note,
                    "effective_on": self.effective_on,
                    "reported_by": self.actor,
                }
            )

    class MeasureEvaluated(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "report", "obstacles", "enablers")

        outcome: str
        obstacles: list[str]
        enablers: list[str]
        report: str | None

        def apply(self, measure: Measure) -> None:
            evaluation = {
                "cycle": measure.cycle_number,
                "outcome": self.outcome,
                "obstacles": list(self.obstacles),
                "enablers": list(self.enablers),
                "report": self.report,
                "effective_on": self.effective_on,
            }
            measure.evaluations.append(evaluation)
            measure.terms[-1]["evaluation"] = evaluation
            measure._enter(S.EVALUATED)

    class MeasureCarriedForward(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "description")

        to_cycle: int
        working_group_id: UUID
        title: str
        description: str | None
        status_in_new_cycle: str

        def apply(self, measure: Measure) -> None:
            measure._enter(S.CARRIED_FORWARD, ends_term=True)
            measure.cycle_number = self.to_cycle
            measure.working_group_id = self.working_group_id
            measure.title, measure.description = self.title, self.description
            measure.terms.append(_term(self.to_cycle, self.working_group_id))
            measure.term_began_on = self.effective_on
            measure.progress = 0 if self.status_in_new_cycle == S.PROPOSED else measure.progress
            measure._enter(S(self.status_in_new_cycle))

    class MeasureCompleted(PlanningAggregate.Event):
        def apply(self, measure: Measure) -> None:
            measure._enter(S.COMPLETED, ends_term=True)

    class MeasureDropped(PlanningAggregate.Event):
        def apply(self, measure: Measure) -> None:
            measure._enter(S.DROPPED, ends_term=True)

    class MeasureWithdrawn(PlanningAggregate.Event):
        def apply(self, measure: Measure) -> None:
            measure._enter(S.WITHDRAWN, ends_term=True)

    # Commands -------------------------------------------------------------------------

    @classmethod
    def propose(
        cls,
        meta: Meta,
        *,
        cycle: Cycle,
        working_group: Body,
        title: str,
        description: str | None = None,
        lead_id: UUID | None = None,
    ) -> Measure:
        cycle.require_not_closed("takes no new measures")
        if cycle.working_group(working_group.id) is None:
            raise ValidationError(
                f"{working_group.name} is not a working group of cycle {cycle.number}.",
                "workingGroup",
            )
        return cls._create(
            cls.MeasureProposed,
            id=uuid4(),
            cycle_number=cycle.number,
            working_group_id=working_group.id,
            title=text(title, "title"),
            description=optional_text(description, "description"),
            lead_id=lead_id,
            **meta.fields(),
        )

    def _require(self, *allowed: MeasureStatus, action: str) -> None:
        if self.status not in allowed:
            wanted = " or ".join(s.value for s in allowed)
            raise InvalidTransition(
                f"The measure '{self.title}' is {self.status}; only a measure that is "
                f"{wanted} can be {action}.",
                "measure",
            )

    def revise(self, meta: Meta, *, title: str | None, description: str | None) -> None:
        self._require(S.PROPOSED, S.IN_DELIBERATION, action="revised")
        new_title = text(title, "title") if title is not None else self.title
        new_description = (
            optional_text(description, "description")
            if description is not None
            else self.description
        )
        if (new_title, new_description) == (self.title, self.description):
            raise ValidationError("The revision changes neither title nor description.", "title")
        self.trigger_event(
            self.MeasureRevised, title=new_title, description=new_description, **meta.fields()
        )

    def refer(self, meta: Meta, paper_id: UUID) -> None:
        self._require(S.PROPOSED, S.IN_DELIBERATION, action="referred to a paper")
        if paper_id in self.paper_ids:
            raise Duplicate("The measure is already referred to this paper.", "paper")
        self.trigger_event(self.MeasureReferred, paper_id=paper_id, **meta.fields())

    def withdraw_referral(self, meta: Meta, paper_id: UUID) -> None:
        if paper_id not in self.paper_ids:
            return
        if any(d["paper_id"] == paper_id for d in self.decisions):
            raise InvalidTransition(
                f"The measure '{self.title}' was decided with this paper; the decision "
                "stands, so the paper cannot be withdrawn.",
                "paper",
            )
        self.trigger_event(self.ReferralWithdrawn, paper_id=paper_id, **meta.fields())

    def _term_began(self) -> tuple[str, date | None]:
        if len(self.terms) == 1:
            return "the day it was proposed", self.term_began_on
        return f"the day it was carried forward into cycle {self.cycle_number}", self.term_began_on

    def decide(self, meta: Meta, *, adopted: bool, body: Body, paper: Paper | None) -> None:
        """A political body's decision. Its business date defaults to the date of the paper's
        consultation in that body (``Paper.consultation_day``), else today; it lies neither
        in the future nor before the measure's proposal (or carrying forward) and the
        paper's date."""
        self._require(S.IN_DELIBERATION, action="decided (refer it to a paper first)")
        body.require_kind(*POLITICAL_KINDS)
        if paper is not None and paper.id not in self.paper_ids:
            raise ValidationError("The measure was not referred to that paper.", "paper")
        bounds = [self._term_began()]
        consulted = None
        if paper is not None:
            bounds.append((f"the date of paper {paper.reference}", paper.date))
            consulted = paper.consultation_day(body.id, meta.today)
        meta = occurred(
            meta,
            "the decision",
            own_day=(f"its consultation in {body.name}", consulted) if consulted else None,
            not_before=bounds,
        )
        self.trigger_event(
            self.MeasureDecided,
            adopted=adopted,
            body_id=body.id,
            paper_id=paper.id if paper is not None else None,
            **meta.fields(),
        )

    def start_implementation(self, meta: Meta) -> None:
        self._require(S.ADOPTED, action="started")
        self.trigger_event(self.ImplementationStarted, **meta.fields())

    def report_progress(self, meta: Meta, *, percent_done: int, note: str | None) -> None:
        self._require(S.IN_IMPLEMENTATION, action="given a progress report")
        self.trigger_event(
            self.ProgressReported,
            percent=percent(percent_done, "percent"),
            note=optional_text(note, "note", limit=2_000),
            **meta.fields(),
        )

    def evaluate(
        self,
        meta: Meta,
        *,
        outcome: str,
        obstacles: list[str] | None,
        enablers: list[str] | None,
        report: str | None,
    ) -> None:
        """Any outcome, whether or not its implementation was recorded as started. The
        business date defaults to today and lies neither in the future nor before the
        adoption or the start of the current term."""
        self._require(S.ADOPTED, S.IN_IMPLEMENTATION, action="evaluated")
        result = choice(EvaluationOutcome, outcome, "outcome")
        adoptions = [d["effective_on"] for d in self.decisions if d["adopted"]]
        meta = occurred(
            meta,
            "the evaluation",
            not_before=[
                ("the day it was adopted", max(adoptions) if adoptions else None),
                self._term_began(),
            ],
        )
        self.trigger_event(
            self.MeasureEvaluated,
            outcome=result.value,
            obstacles=_factors(obstacles, "obstacles"),
            enablers=_factors(enablers, "enablers"),
            report=optional_text(report, "report"),
            **meta.fields(),
        )

    def carry_forward(
        self,
        meta: Meta,
        *,
        to_cycle: Cycle,
        working_group: Body | None,
        title: str | None,
        description: str | None,
    ) -> None:
        """Fortführung: an unchanged measure stays ADOPTED in the new cycle; a revised text
        needs political deliberation again and starts there as PROPOSED."""
        self._require(S.EVALUATED, action="carried forward (evaluate it first)")
        to_cycle.require_not_closed("takes no carried-forward measures")
        if to_cycle.number <= self.cycle_number:
            raise ValidationError(
                f"A measure of cycle {self.cycle_number} is carried forward into a later "
                f"cycle, not into cycle {to_cycle.number}.",
                "toCycle",
            )
        group_id = working_group.id if working_group is not None else self.working_group_id
        if to_cycle.working_group(group_id) is None:
            raise ValidationError(
                f"That working group is not active in cycle {to_cycle.number}; name one that is.",
                "workingGroup",
            )
        new_title = text(title, "title") if title is not None else self.title
        new_description = (
            optional_text(description, "description")
            if description is not None
            else self.description
        )
        revised = (new_title, new_description) != (self.title, self.description)
        status = S.PROPOSED if revised else S.ADOPTED
        self.trigger_event(
            self.MeasureCarriedForward,
            to_cycle=to_cycle.number,
            working_group_id=group_id,
            title=new_title,
            description=new_description,
            status_in_new_cycle=status.value,
            **meta.fields(),
        )

    def complete(self, meta: Meta) -> None:
        self._require(S.EVALUATED, action="completed")
        if self.terms[-1]["evaluation"]["outcome"] == EvaluationOutcome.NOT_IMPLEMENTED:
            raise InvalidTransition(
                "The measure was evaluated as NOT_IMPLEMENTED: drop it or carry it forward.",
                "measure",
            )
        self.trigger_event(self.MeasureCompleted, **meta.fields())

    def drop(self, meta: Meta) -> None:
        self._require(S.EVALUATED, action="dropped")
        self.trigger_event(self.MeasureDropped, **meta.fields())

    def withdraw(self, meta: Meta) -> None:
        self._require(S.PROPOSED, S.IN_DELIBERATION, action="withdrawn")
        self.trigger_event(self.MeasureWithdrawn, **meta.fields())


def _term(cycle_number: int, working_group_id: UUID) -> dict[str, Any]:
    return {
        "cycle": cycle_number,
        "working_group_id": working_group_id,
        "reached": [],
        "status_at_end": None,
        "evaluation": None,
    }
