"""Vorlagen with their Beratungsfolge."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.database import Row
from ..context import Info
from ..ids import to_global
from .bodies import Body, body
from .core import ConsultationRoleEnum, DecisionKindEnum, Node, PaperTypeEnum
from .events import WithHistory
from .meetings import Meeting, meeting
from .organizations import Organization, organization

if TYPE_CHECKING:
    from .measures import Measure

date_of = date.fromisoformat


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
    role: ConsultationRoleEnum
    authoritative: bool
    decision: DecisionKindEnum | None
    decision_text: str | None
    paper_id: strawberry.Private[str]
    body_id: strawberry.Private[str]
    meeting_id: strawberry.Private[str | None]

    @strawberry.field(name="paper")
    async def resolve_paper(self, info: Info) -> Annotated[Paper, strawberry.lazy(".papers")]:
        found = await paper(info, self.paper_id)
        assert found is not None
        return found

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
    type: PaperTypeEnum
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
        found = await asyncio.gather(*(paper(info, key) for key in self.related_ids))
        return [p for p in found if p is not None]

    @strawberry.field
    async def measures(self, info: Info) -> list[Annotated[Measure, strawberry.lazy(".measures")]]:
        from .measures import measure

        ids = await info.context.run(info.context.queries.measures.of_paper, self.key)
        found = await asyncio.gather(*(measure(info, key) for key in ids))
        return [m for m in found if m is not None]

    @classmethod
    def from_row(cls, row: Row) -> Paper:
        return cls(
            id=strawberry.ID(to_global("Paper", row["id"])),
            reference=row["reference"],
            type=row["type"],
            subject=row["subject"],
            date=date_of(row["date"]),
            decision_proposal=row["decision_proposal"],
            explanation=row["explanation"],
            settled=bool(row["settled"]),
            withdrawn=bool(row["withdrawn"]),
            version=row["version"],
            key=row["id"],
            consultations=[_consultation(row["id"], c) for c in row["consultations"]],
            attachments=[
                Attachment(
                    name=a["name"],
                    media_type=a["media_type"],
                    size_bytes=a["size_bytes"],
                    sha256=a["sha256"],
                )
                for a in row["attachments"]
            ],
            lead_id=row["lead_id"],
            originated_by_id=row["originated_by_id"],
            related_ids=row["related_paper_ids"],
        )


def _consultation(paper_key: str, c: dict[str, Any]) -> Consultation:
    return Consultation(
        id=strawberry.ID(to_global("Consultation", c["id"])),
        date=date_of(c["date"]) if c["date"] else None,
        role=c["role"],
        authoritative=c["authoritative"],
        decision=c["decision"],
        decision_text=c["decision_text"],
        paper_id=paper_key,
        body_id=c["body_id"],
        meeting_id=c["meeting_id"],
    )


async def paper(info: Info, key: str | None) -> Paper | None:
    row = await info.context.load.papers.load(key) if key else None
    return Paper.from_row(row) if row else None
