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


@strawberry.type(
    description="Anlage: metadata of a document attached to a paper; the document itself "
    "lives in the city's document system."
)
class Attachment:
    name: str = strawberry.field(description="File name or title (at most 200 characters).")
    media_type: str | None = strawberry.field(
        description="Media type, e.g. application/pdf; null if unknown."
    )
    size_bytes: int | None = strawberry.field(description="Size in bytes; null if unknown.")
    sha256: str | None = strawberry.field(
        description="SHA-256 of the document as 64 lower-case hex digits, to check a copy; "
        "null if unknown."
    )


@strawberry.type(
    description="Beratung: one step of a paper's Beratungsfolge, a body deliberating it in a "
    "role, possibly at a meeting, and what it concluded."
)
class Consultation:
    id: strawberry.ID = strawberry.field(
        description="Global id (base64 of Consultation:<uuid>), for concludeConsultation."
    )
    date: date | None = strawberry.field(
        description="Day of the consultation (business date; its meeting's day unless given); "
        "null if not set."
    )
    role: ConsultationRoleEnum = strawberry.field(description="What the body does with the paper.")
    authoritative: bool = strawberry.field(
        description="Abschließende Beratung: this consultation decides the paper; at most one "
        "per paper, and only it decides measures."
    )
    decision: DecisionKindEnum | None = strawberry.field(
        description="What the body concluded (concludeConsultation); null until then."
    )
    decision_text: str | None = strawberry.field(
        description="Wording of the conclusion; null if none or once redacted."
    )
    paper_id: strawberry.Private[str]
    body_id: strawberry.Private[str]
    meeting_id: strawberry.Private[str | None]

    @strawberry.field(name="paper", description="The paper deliberated.")
    async def resolve_paper(self, info: Info) -> Annotated[Paper, strawberry.lazy(".papers")]:
        found = await paper(info, self.paper_id)
        assert found is not None
        return found

    @strawberry.field(name="body", description="The body that deliberates it.")
    async def resolve_body(self, info: Info) -> Body:
        found = await body(info, self.body_id)
        assert found is not None
        return found

    @strawberry.field(name="meeting", description="The meeting where it is deliberated, if set.")
    async def resolve_meeting(self, info: Info) -> Meeting | None:
        return await meeting(info, self.meeting_id)


@strawberry.type(
    description="Vorlage: a council paper (Beschlussvorlage, Mitteilungsvorlage, Ratsantrag, "
    "Bericht) with its Beratungsfolge, the consultations in the bodies that deliberate it."
)
class Paper(WithHistory, Node):
    id: strawberry.ID
    reference: str = strawberry.field(
        description="Drucksachennummer, e.g. FB 50/0098/WP16 (at most 60 characters), unique "
        "while the paper is not withdrawn: its organisation's short name before the first "
        "slash, or a plain number for council motions (105/16)."
    )
    type: PaperTypeEnum = strawberry.field(description="What kind of paper it is.")
    subject: str = strawberry.field(description="Betreff (at most 1,000 characters).")
    date: date = strawberry.field(description="The paper's date.")
    decision_proposal: str | None = strawberry.field(
        description="Beschlussvorschlag: the decision it proposes; null if none or once redacted."
    )
    explanation: str | None = strawberry.field(
        description="Begründung or Sachverhalt (at most 200,000 characters); null if none or "
        "once redacted."
    )
    settled: bool = strawberry.field(
        description="Erledigt: settled by settlePaper; it takes no more consultations or measures."
    )
    withdrawn: bool = strawberry.field(
        description="Zurückgezogen: submitted in error and withdrawn; its reference is free "
        "again, its events stay."
    )
    consultations: list[Consultation] = strawberry.field(
        description="Beratungsfolge: its consultations in the order they were scheduled."
    )
    attachments: list[Attachment] = strawberry.field(
        description="Anlagen: metadata of its attachments, in the order given."
    )
    version: int
    lead_id: strawberry.Private[str | None]
    originated_by_id: strawberry.Private[str | None]
    related_ids: strawberry.Private[list[str]]

    @strawberry.field(
        description="Federführung: the organisation that leads the paper; its COORDINATORs "
        "manage the paper and its Beratungsfolge."
    )
    async def lead(self, info: Info) -> Organization | None:
        return await organization(info, self.lead_id)

    @strawberry.field(
        description="Urheber: who brought the paper in, e.g. the Fraktion behind a motion; "
        "null if not recorded."
    )
    async def originator(self, info: Info) -> Organization | None:
        return await organization(info, self.originated_by_id)

    @strawberry.field(
        description="Bezugsvorlagen: papers it refers to, e.g. the motion it answers."
    )
    async def related_papers(self, info: Info) -> list[Paper]:
        found = await asyncio.gather(*(paper(info, key) for key in self.related_ids))
        return [p for p in found if p is not None]

    @strawberry.field(description="The measures referred to it (referMeasure or submitPaper).")
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
