"""Zyklen, their working groups and statistics."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.database import Row
from ...projections.statistics import TermCounts, counted_rows, per_group, total
from ..context import Info
from ..ids import to_global, uuid_of
from .bodies import Body, body
from .core import Connection, CycleStatusEnum, EvaluationOutcomeEnum, MeasureStatusEnum, Node

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
    status: CycleStatusEnum
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
            from ..as_of import cycle_measures_as_of

            rows = await cycle_measures_as_of(info, self.number, self.as_of)
            return CycleStatistics.of(counted_rows(rows, self.number))
        counts = await info.context.run(info.context.queries.measures.counts, self.number)
        return CycleStatistics.of(total(per_group(counts).values()))

    @strawberry.field(
        description="Every measure with a term in this cycle, also those carried forward "
        "later: measures(reached: S).totalCount equals the statistics' count for S, "
        "measures(outcome: O) lists the terms evaluated with O; `status` filters by the "
        "current status, `workingGroup` by the group of the term in this cycle."
    )
    async def measures(
        self,
        info: Info,
        status: MeasureStatusEnum | None = None,
        reached: MeasureStatusEnum | None = None,
        outcome: EvaluationOutcomeEnum | None = None,
        working_group: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Annotated[Measure, strawberry.lazy(".measures")]]:
        from .measures import Measure, measures_as_of

        group = str(uuid_of(working_group, "workingGroup", "Body")) if working_group else None
        if self.as_of is not None:
            from ..as_of import cycle_measures_as_of

            rows = await cycle_measures_as_of(info, self.number, self.as_of)
            return measures_as_of(
                rows,
                self.number,
                status=_value(status),
                reached=_value(reached),
                outcome=_value(outcome),
                working_group=group,
                first=first,
                after=after,
            )
        measures = info.context.queries.measures
        page = await info.context.run(
            lambda: measures.in_cycle(
                self.number,
                status=_value(status),
                reached=_value(reached),
                outcome=_value(outcome),
                working_group=group,
                first=first,
                after=after,
            )
        )
        return Connection.of(page, [Measure.from_row(row) for row in page.rows])

    @strawberry.field
    async def previous(self, info: Info) -> Cycle | None:
        numbers = await info.context.run(info.context.queries.cycles.numbers)
        earlier = [n for n in numbers if n < self.number]
        return await cycle_by_number(info, earlier[-1], self.as_of) if earlier else None

    @strawberry.field
    async def next(self, info: Info) -> Cycle | None:
        numbers = await info.context.run(info.context.queries.cycles.numbers)
        later = [n for n in numbers if n > self.number]
        return await cycle_by_number(info, later[0], self.as_of) if later else None

    @classmethod
    def from_row(cls, row: Row, as_of: datetime | None = None) -> Cycle:
        return cls(
            id=strawberry.ID(to_global("Cycle", row["id"])),
            number=row["number"],
            label=row["label"],
            starts_on=date.fromisoformat(row["starts_on"]),
            ends_on=date.fromisoformat(row["ends_on"]),
            status=row["status"],
            version=row["version"],
            key=row["id"],
            working_groups=[
                CycleWorkingGroup(focus=g["focus"], body_id=g["body_id"])
                for g in row["working_groups"]
            ],
            conference_meeting_id=row["conference_meeting_id"],
            conference_body_id=row["conference_body_id"],
            as_of=as_of,
        )


def _value(enum: Any) -> str | None:
    return None if enum is None else str(enum.value)


async def cycle_by_number(info: Info, number: Any, as_of: datetime | None = None) -> Cycle | None:
    if number is None:
        return None
    if as_of is not None:
        from ...domain.cycle import cycle_id
        from ..as_of import row_as_of

        row = await row_as_of(info, str(cycle_id(number)), as_of, None)
    else:
        row = await info.context.load.cycles.load(number)
    return Cycle.from_row(row, as_of) if row else None
