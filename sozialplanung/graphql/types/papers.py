"""Vorlagen with their Beratungsfolge."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.queries import Document
from ..context import Info
from ..ids import to_global
from .bodies import Body, body, organization
from .core import ConsultationRoleEnum, DecisionKindEnum, Node, PaperTypeEnum
from .events import WithHistory
from .meetings import Meeting, meeting
from .organizations import Organization

if TYPE_CHECKING:
    pass
    from .measures import Measure


@strawberry.type
class Attachment:
    name: str
    media_type: str | None
    size_bytes: int | None
    sha256: str | None


@strawberry.type
class Consultation:
    id: strawberry.ID
    date: date | None
    role: ConsultationRoleEnum  # type: ignore[valid-type]
    authoritative: bool
    decision: DecisionKindEnum | None  # type: ignore[valid-type]
    decision_text: str | None
    paper_id: strawberry.Private[str]
    body_id: strawberry.Private[str]
    meeting_id: strawberry.Private[str | None]

    @strawberry.field
    async def paper(self, info: Info) -> Annotated[Paper, strawberry.lazy(".papers")]:
        document = await info.context.document(self.paper_id)
        assert document is not None
        return Paper.from_document(document)

    @strawberry.field(name="body")
    async def resolve_body(self, info: Info) -> Body:
        found = await body(info, self.body_id)
        assert found is not None
        return found

    @strawberry.field(name="meeting")
    async def resolve_meeting(self, info: Info) -> Meeting | None:
        return await meeting(info, self.meeting_id)


@strawberry.type
class Paper(WithHistory, Node):
    id: strawberry.ID
    reference: str
    type: PaperTypeEnum  # type: ignore[valid-type]
    subject: str
    date: date
    decision_proposal: str | None
    explanation: str | None
    settled: bool
    withdrawn: bool = strawberry.field(
        description="Zurückgezogen: submitted in error and withdrawn; its reference is free "
        "again, its events stay."
    )
    consultations: list[Consultation]
    attachments: list[Attachment]
    version: int
    lead_id: strawberry.Private[str | None]
    originated_by_id: strawberry.Private[str | None]
    related_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def lead(self, info: Info) -> Organization | None:
        return await organization(info, self.lead_id)

    @strawberry.field
    async def originator(self, info: Info) -> Organization | None:
        return await organization(info, self.originated_by_id)

    @strawberry.field
    async def related_papers(self, info: Info) -> list[Paper]:
        documents = await info.context.documents.load_many(self.related_ids)
        return [Paper.from_document(d) for d in documents if d is not None]

    @strawberry.field
    async def measures(self, info: Info) -> list[Annotated[Measure, strawberry.lazy(".measures")]]:
        from .measures import Measure

        ids = await info.context.run(info.context.queries.measures_of_paper, self.key)
        documents = await info.context.documents.load_many(ids)
        return [Measure.from_document(d) for d in documents if d is not None]

    @classmethod
    def from_document(cls, document: Document) -> Paper:
        s = document.state
        return cls(
            id=strawberry.ID(to_global("Paper", document.id)),
            reference=s["reference"],
            type=s["type"],
            subject=s["subject"],
            date=s["date"],
            decision_proposal=s["decision_proposal"],
            explanation=s["explanation"],
            settled=s["settled"],
            withdrawn=s["withdrawn"],
            version=document.version,
            key=document.id,
            consultations=[_consultation(document.id, c) for c in s["consultations"]],
            attachments=[
                Attachment(
                    name=a["name"],
                    media_type=a["media_type"],
                    size_bytes=a["size_bytes"],
                    sha256=a["sha256"],
                )
                for a in s["attachments"]
            ],
            lead_id=str(s["lead_id"]) if s["lead_id"] else None,
            originated_by_id=str(s["originated_by_id"]) if s["originated_by_id"] else None,
            related_ids=[str(p) for p in s["related_paper_ids"]],
        )


def _consultation(paper_key: str, c: dict[str, Any]) -> Consultation:
    return Consultation(
        id=strawberry.ID(to_global("Consultation", c["id"])),
        date=c["date"],
        role=c["role"],
        authoritative=c["authoritative"],
        decision=c["decision"],
        decision_text=c["decision_text"],
        paper_id=paper_key,
        body_id=str(c["body_id"]),
        meeting_id=str(c["meeting_id"]) if c["meeting_id"] else None,
    )
