"""Vorlage / Ratsantrag: a council paper with its Beratungsfolge (the consultations in the
bodies that deliberate it, one of them authoritative) and their conclusions.

A reference such as "FB 50/0098/WP16" is unique: the application saves a reference claim
(see ``claim.py``) in the same transaction as the paper.
"""

from __future__ import annotations

import datetime as dt  # in Paper's body, ``date`` names the paper's date
import re
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from .base import (
    Duplicate,
    InvalidTransition,
    Meta,
    NotFound,
    PlanningAggregate,
    ValidationError,
    business_date,
    choice,
    occurred,
    optional_text,
    text,
)
from .body import Body
from .meeting import DecisionKind, Meeting, MeetingStatus

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class PaperType(StrEnum):
    MOTION = "MOTION"  # Ratsantrag
    INFORMATION = "INFORMATION"  # Kenntnisnahme
    DECISION_PROPOSAL = "DECISION_PROPOSAL"  # Beschlussvorlage
    REPORT = "REPORT"  # Bericht


class ConsultationRole(StrEnum):
    PRELIMINARY = "PRELIMINARY"  # Vorberatung
    DECISION = "DECISION"  # Entscheidung
    NOTICE = "NOTICE"  # Kenntnisnahme
    HEARING = "HEARING"  # Anhörung


DECIDING = (DecisionKind.APPROVED, DecisionKind.APPROVED_AMENDED, DecisionKind.REJECTED)


def attachment(
    name: str,
    media_type: str | None = None,
    size_bytes: int | None = None,
    sha256: str | None = None,
) -> dict[str, Any]:
    """Anlage: metadata only; the document itself lives in the city's document system."""
    if size_bytes is not None and size_bytes < 0:
        raise ValidationError("sizeBytes cannot be negative.", "attachments.sizeBytes")
    if sha256 is not None and not SHA256.match(sha256.lower()):
        raise ValidationError("sha256 must be 64 hexadecimal digits.", "attachments.sha256")
    return {
        "name": text(name, "attachments.name"),
        "media_type": optional_text(media_type, "attachments.mediaType", limit=100),
        "size_bytes": size_bytes,
        "sha256": sha256.lower() if sha256 else None,
    }


def normalize_reference(reference: str) -> str:
    return " ".join(text(reference, "reference", limit=60).split())


class Paper(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        reference: str
        type: str
        subject: str
        date: date
        lead_id: UUID | None
        originated_by_id: UUID | None
        decision_proposal: str | None
        explanation: str | None
        related_paper_ids: list[UUID]
        measure_ids: list[UUID]
        attachments: list[dict[str, Any]]
        consultations: list[dict[str, Any]]
        settled: bool
        withdrawn: bool

    class PaperSubmitted(PlanningAggregate.Created):
        prose = (*PlanningAggregate.Event.prose, "decision_proposal", "explanation")

        reference: str
        type: str
        subject: str
        date: date
        lead_id: UUID | None
        originated_by_id: UUID | None
        decision_proposal: str | None
        explanation: str | None
        related_paper_ids: list[UUID]
        measure_ids: list[UUID]
        attachments: list[dict[str, Any]]

        def apply(self, paper: Paper) -> None:
            paper.reference, paper.type, paper.subject = self.reference, self.type, self.subject
            paper.date, paper.lead_id = self.date, self.lead_id
            paper.originated_by_id = self.originated_by_id
            paper.decision_proposal, paper.explanation = self.decision_proposal, self.explanation
            paper.related_paper_ids = list(self.related_paper_ids)
            paper.measure_ids = list(self.measure_ids)
            paper.attachments = [dict(a) for a in self.attachments]
            paper.consultations = []
            paper.settled = False
            paper.withdrawn = False

    class MeasureListed(PlanningAggregate.Event):
        """A measure referred to the paper after it was submitted (referMeasure)."""

        measure_id: UUID

        def apply(self, paper: Paper) -> None:
            paper.measure_ids.append(self.measure_id)

    class ConsultationScheduled(PlanningAggregate.Event):
        consultation_id: UUID
        body_id: UUID
        meeting_id: UUID | None
        date: date | None
        role: str
        authoritative: bool

        def apply(self, paper: Paper) -> None:
            paper.consultations.append(
                {
                    "id": self.consultation_id,
                    "body_id": self.body_id,
                    "meeting_id": self.meeting_id,
                    "date": self.date,
                    "role": self.role,
                    "authoritative": self.authoritative,
                    "decision": None,
                    "decision_text": None,
                }
            )

    class ConsultationConcluded(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "decision_text")

        consultation_id: UUID
        decision: str
        decision_text: str | None

        def apply(self, paper: Paper) -> None:
            consultation = paper.consultation(self.consultation_id)
            if consultation is not None:
                consultation["decision"] = self.decision
                consultation["decision_text"] = self.decision_text

    class PaperSettled(PlanningAggregate.Event):
        def apply(self, paper: Paper) -> None:
            paper.settled = True

    class PaperWithdrawn(PlanningAggregate.Event):
        """Submitted in error: the paper stays in the record, its reference is free again."""

        def apply(self, paper: Paper) -> None:
            paper.withdrawn = True

    @classmethod
    def submit(
        cls,
        meta: Meta,
        *,
        reference: str,
        type_: str,
        subject: str,
        date_: dt.date,
        lead_id: UUID | None = None,
        originated_by_id: UUID | None = None,
        decision_proposal: str | None = None,
        explanation: str | None = None,
        related: list[Paper] | None = None,
        measure_ids: list[UUID] | None = None,
        attachments: list[dict[str, Any]] | None = None,
    ) -> Paper:
        related_ids: list[UUID] = []
        for paper in related or []:
            if paper.id not in related_ids:
                related_ids.append(paper.id)
        measures: list[UUID] = []
        for measure_id in measure_ids or []:
            if measure_id not in measures:
                measures.append(measure_id)
        return cls._create(
            cls.PaperSubmitted,
            id=uuid4(),
            reference=normalize_reference(reference),
            type=choice(PaperType, type_, "type").value,
            subject=text(subject, "subject", limit=1_000),
            date=business_date(date_, "date"),
            lead_id=lead_id,
            originated_by_id=originated_by_id,
            decision_proposal=optional_text(decision_proposal, "decisionProposal"),
            explanation=optional_text(explanation, "explanation", limit=200_000),
            related_paper_ids=related_ids,
            measure_ids=measures,
            attachments=list(attachments or []),
            **meta.fields(),
        )

    def consultation(self, consultation_id: UUID) -> dict[str, Any] | None:
        return next((c for c in self.consultations if c["id"] == consultation_id), None)

    def consultation_day(self, body_id: UUID, today: dt.date) -> dt.date | None:
        """The day a decision of ``body_id`` on this paper was taken, when nobody says: the
        date of the paper's authoritative consultation in that body, else of its latest
        consultation there up to today; None when it has no dated consultation there."""
        dated = [c for c in self.consultations if c["body_id"] == body_id and c["date"]]
        for consultation in dated:
            if consultation["authoritative"]:
                return consultation["date"]
        past = [c["date"] for c in dated if c["date"] <= today]
        return max(past) if past else None

    def _require_open(self) -> None:
        if self.withdrawn:
            raise InvalidTransition(f"Paper {self.reference} was withdrawn.", "paper")
        if self.settled:
            raise InvalidTransition(f"Paper {self.reference} is settled (erledigt).", "paper")

    def list_measure(self, meta: Meta, measure_id: UUID) -> None:
        self._require_open()
        if measure_id not in self.measure_ids:
            self.trigger_event(self.MeasureListed, measure_id=measure_id, **meta.fields())

    def schedule_consultation(
        self,
        meta: Meta,
        *,
        body: Body,
        meeting: Meeting | None,
        date_: dt.date | None,
        role: str,
        authoritative: bool,
    ) -> UUID:
        self._require_open()
        body.require_active()
        consultation_role = choice(ConsultationRole, role, "role")
        if meeting is not None:
            if meeting.body_id != body.id:
                raise ValidationError("That meeting belongs to another body.", "meeting")
            if meeting.status == MeetingStatus.CANCELLED:
                raise InvalidTransition("That meeting was cancelled.", "meeting")
            if date_ is None:
                date_ = meeting.scheduled_for.date()
        if date_ is not None:
            business_date(date_, "date")
        if authoritative and any(c["authoritative"] for c in self.consultations):
            raise Duplicate(
                f"Paper {self.reference} already has an authoritative consultation.",
                "authoritative",
            )
        consultation_id = uuid4()
        self.trigger_event(
            self.ConsultationScheduled,
            consultation_id=consultation_id,
            body_id=body.id,
            meeting_id=meeting.id if meeting else None,
            date=date_,
            role=consultation_role.value,
            authoritative=authoritative,
            **meta.fields(),
        )
        return consultation_id

    def conclude_consultation(
        self,
        meta: Meta,
        *,
        consultation_id: UUID,
        decision: str,
        decision_text: str | None,
        deciding_measures: bool,
    ) -> tuple[dict[str, Any], Meta]:
        """Records the decision of one consultation. When it decides measures as well, it
        must be the authoritative consultation and its decision one that decides.

        Its business date defaults to the consultation's date (else today) and lies neither
        in the future nor before the consultation's date and the paper's date. Returns the
        consultation and the context, so dated, that the decisions on measures carry."""
        self._require_open()
        consultation = self.consultation(consultation_id)
        if consultation is None:
            raise NotFound("Paper has no such consultation.", "consultation")
        if consultation["decision"] is not None:
            raise InvalidTransition(
                f"This consultation was already concluded as {consultation['decision']}.",
                "consultation",
            )
        kind = choice(DecisionKind, decision, "decision")
        scheduled: date | None = consultation["date"]
        meta = occurred(
            meta,
            "concluding the consultation",
            own_day=("the consultation's date", scheduled) if scheduled else None,
            not_before=[
                ("the consultation's date", scheduled),
                (f"the date of paper {self.reference}", self.date),
            ],
        )
        if deciding_measures:
            if not consultation["authoritative"]:
                raise ValidationError(
                    "Only the authoritative consultation decides measures.", "measureDecisions"
                )
            if kind not in DECIDING:
                raise ValidationError(
                    f"A decision {kind} does not decide measures.", "measureDecisions"
                )
        self.trigger_event(
            self.ConsultationConcluded,
            consultation_id=consultation_id,
            decision=kind.value,
            decision_text=optional_text(decision_text, "decisionText"),
            **meta.fields(),
        )
        return consultation, meta

    def settle(self, meta: Meta) -> None:
        if self.withdrawn:
            raise InvalidTransition(f"Paper {self.reference} was withdrawn.", "paper")
        if self.settled:
            raise InvalidTransition(f"Paper {self.reference} is already settled.", "paper")
        self.trigger_event(self.PaperSettled, **meta.fields())

    def withdraw(self, meta: Meta) -> None:
        """Zurückziehen: only a paper no body has concluded on yet; the reason is required."""
        self._require_open()
        concluded = [c for c in self.consultations if c["decision"] is not None]
        if concluded:
            raise InvalidTransition(
                f"Paper {self.reference} was already concluded on "
                f"({concluded[0]['decision']}); it can no longer be withdrawn.",
                "paper",
            )
        if not meta.reason:
            raise ValidationError("Say why the paper is withdrawn (reason).", "reason")
        self.trigger_event(self.PaperWithdrawn, **meta.fields())
