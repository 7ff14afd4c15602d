"""Zyklen, their working groups and statistics."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.queries import Document
from ...projections.statistics import TermCounts, count_terms
from ..as_of import cycle_measures_as_of, document_as_of, terms_in_cycle
from ..context import Info
from ..ids import to_global, uuid_of
from .bodies import Body, body
from .core import Connection, CycleStatusEnum, MeasureStatusEnum, Node

if TYPE_CHECKING:
    from .measures import Measure
    from .meetings import Meeting


@strawberry.type
class CycleStatistics:
    proposed: int
    adopted: int
    rejected: int
    implemented: int
    partially_implemented: int
    not_implemented: int
    carried_forward: int
    completed: int
    dropped: int
    withdrawn: int
    evaluated: int
    implementation_rate: float | None = strawberry.field(
        description="(implemented + 0.5 * partiallyImplemented) / evaluated; null if none evaluated"
    )

    @classmethod
    def of(cls, counts: TermCounts) -> CycleStatistics:
        return cls(
            evaluated=counts.evaluated,
            implementation_rate=counts.implementation_rate,
            **{name: getattr(counts, name) for name in counts.__dataclass_fields__},
        )


@strawberry.type
class CycleWorkingGroup:
    focus: str
    body_id: strawberry.Private[str]

    @strawberry.field(name="body")
    async def resolve_body(self, info: Info) -> Body:
        found = await body(info, self.body_id)
        assert found is not None
        return found


@strawberry.type
class Cycle(Node):
    id: strawberry.ID
    number: int
    label: str
    starts_on: date
    ends_on: date
    status: CycleStatusEnum  # type: ignore[valid-type]
    working_groups: list[CycleWorkingGroup]
    version: int
    key: strawberry.Private[str]
    conference_meeting_id: strawberry.Private[str | None]
    conference_body_id: strawberry.Private[str]
    # Set when the cycle was asked for "as of" a recorded time: nested reads follow it.
    as_of: strawberry.Private[datetime | None] = None

    @strawberry.field
    async def conference(
        self, info: Info
    ) -> Annotated[Meeting, strawberry.lazy(".meetings")] | None:
        from .meetings import meeting

        return await meeting(info, self.conference_meeting_id)

    @strawberry.field
    async def conference_body(self, info: Info) -> Body:
        found = await body(info, self.conference_body_id)
        assert found is not None
        return found

    @strawberry.field
    async def statistics(self, info: Info) -> CycleStatistics:
        if self.as_of is not None:
            documents = await cycle_measures_as_of(info, self.number, self.as_of)
            return CycleStatistics.of(count_terms(terms_in_cycle(documents, self.number)))
        terms = await info.context.run(info.context.queries.terms_of_cycle, self.number)
        return CycleStatistics.of(count_terms(terms))

    @strawberry.field
    async def measures(
        self,
        info: Info,
        status: MeasureStatusEnum | None = None,  # type: ignore[valid-type]
        working_group: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Annotated[Measure, strawberry.lazy(".measures")]]:
        from .measures import measure_page, measures_as_of

        group = str(uuid_of(working_group, "workingGroup", "Body")) if working_group else None
        if self.as_of is not None:
            documents = await cycle_measures_as_of(info, self.number, self.as_of)
            return measures_as_of(
                info, documents, self.number, status, group, first=first, after=after
            )
        return await measure_page(
            info, cycle=self.number, status=status, working_group=group, first=first, after=after
        )

    @strawberry.field
    async def previous(self, info: Info) -> Cycle | None:
        numbers = await info.context.run(info.context.queries.cycle_numbers)
        earlier = [n for n in numbers if n < self.number]
        return await cycle_by_number(info, earlier[-1], self.as_of) if earlier else None

    @strawberry.field
    async def next(self, info: Info) -> Cycle | None:
        numbers = await info.context.run(info.context.queries.cycle_numbers)
        later = [n for n in numbers if n > self.number]
        return await cycle_by_number(info, later[0], self.as_of) if later else None

    @classmethod
    def from_document(cls, document: Document, as_of: datetime | None = None) -> Cycle:
        s = document.state
        return cls(
            id=strawberry.ID(to_global("Cycle", document.id)),
            number=s["number"],
            label=s["label"],
            starts_on=s["starts_on"],
            ends_on=s["ends_on"],
            status=s["status"],
            version=document.version,
            key=document.id,
            working_groups=[
                CycleWorkingGroup(focus=g["focus"], body_id=str(g["body_id"]))
                for g in s["working_groups"]
            ],
            conference_meeting_id=str(s["conference_meeting_id"])
            if s["conference_meeting_id"]
            else None,
            conference_body_id=str(s["conference_body_id"]),
            as_of=as_of,
        )


async def cycle_by_number(info: Info, number: Any, as_of: datetime | None = None) -> Cycle | None:
    if number is None:
        return None
    from ...domain.cycle import cycle_id

    document = await document_as_of(info, str(cycle_id(number)), as_of, None)
    return Cycle.from_document(document, as_of) if document else None
