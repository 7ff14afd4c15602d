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


@strawberry.type(
    description="Kennzahlen eines Zyklus: counts of the terms its measures had in it, by what "
    "they reached; a measure carried forward counts in both cycles. Each count equals "
    "measures(reached: S).totalCount or, for outcomes, measures(outcome: O).totalCount."
)
class CycleStatistics:
    proposed: int = strawberry.field(
        description="Terms that reached PROPOSED (proposed in the cycle, or carried into it "
        "with a revised text)."
    )
    adopted: int = strawberry.field(
        description="Terms that reached ADOPTED (adopted by a political body, or carried "
        "into the cycle unchanged)."
    )
    rejected: int = strawberry.field(description="Terms that ended REJECTED.")
    implemented: int = strawberry.field(
        description="Terms evaluated IMPLEMENTED (also when recorded at the next conference)."
    )
    partially_implemented: int = strawberry.field(
        description="Terms evaluated PARTIALLY_IMPLEMENTED."
    )
    not_implemented: int = strawberry.field(description="Terms evaluated NOT_IMPLEMENTED.")
    carried_forward: int = strawberry.field(
        description="Terms that ended by carrying the measure into a later cycle."
    )
    completed: int = strawberry.field(description="Terms that ended COMPLETED.")
    dropped: int = strawberry.field(description="Terms that ended DROPPED.")
    withdrawn: int = strawberry.field(description="Terms that ended WITHDRAWN.")
    evaluated: int = strawberry.field(
        description="Terms evaluated: implemented + partiallyImplemented + notImplemented."
    )
    implementation_rate: float | None = strawberry.field(
        description="Umsetzungsquote from 0 to 1: (implemented + 0.5 × partiallyImplemented) "
        "/ evaluated; null when none was evaluated."
    )

    @classmethod
    def of(cls, counts: TermCounts) -> CycleStatistics:
        return cls(
            evaluated=counts.evaluated,
            implementation_rate=counts.implementation_rate,
            **{name: getattr(counts, name) for name in counts.__dataclass_fields__},
        )


@strawberry.type(
    description="Arbeitsgruppe im Zyklus: a conference working group active in the cycle, "
    "with its focus there."
)
class CycleWorkingGroup:
    focus: str = strawberry.field(
        description="Schwerpunkt: what the group works on in this cycle (at most 500 "
        "characters); assignWorkingGroup shifts it."
    )
    body_id: strawberry.Private[str]

    @strawberry.field(name="body", description="The working group (a CONFERENCE_WORKING_GROUP).")
    async def resolve_body(self, info: Info) -> Body:
        found = await body(info, self.body_id)
        assert found is not None
        return found


@strawberry.type(
    description="Zyklus: the two years between two Sozialkonferenzen, known by its number. "
    "At its conference the working groups evaluate the last cycle's measures and formulate "
    "new ones."
)
class Cycle(Node):
    id: strawberry.ID
    number: int = strawberry.field(
        description="Its number, 1, 2, … (at most 10,000): the cycle's identity in queries "
        "and inputs."
    )
    label: str = strawberry.field(description="Its name, e.g. 2011–2013.")
    starts_on: date = strawberry.field(description="First day of the cycle (business date).")
    ends_on: date = strawberry.field(description="Last day of the cycle (business date).")
    status: CycleStatusEnum = strawberry.field(description="Open, conference held, or closed.")
    working_groups: list[CycleWorkingGroup] = strawberry.field(
        description="The working groups active in the cycle and their focus, in the order "
        "they were assigned."
    )
    version: int
    key: strawberry.Private[str]
    conference_meeting_id: strawberry.Private[str | None]
    conference_body_id: strawberry.Private[str]
    # Set when the cycle was asked for "as of" a recorded time: nested reads follow it.
    as_of: strawberry.Private[datetime | None] = None

    @strawberry.field(
        description="The Sozialkonferenz meeting recorded as held for this cycle "
        "(recordConferenceHeld); null before."
    )
    async def conference(
        self, info: Info
    ) -> Annotated[Meeting, strawberry.lazy(".meetings")] | None:
        from .meetings import meeting

        return await meeting(info, self.conference_meeting_id)

    @strawberry.field(
        description="The Sozialkonferenz (SOCIAL_CONFERENCE) whose cycle it is; its lead "
        "organisation's COORDINATORs run the cycle."
    )
    async def conference_body(self, info: Info) -> Body:
        found = await body(info, self.conference_body_id)
        assert found is not None
        return found

    @strawberry.field(
        description="Kennzahlen of the cycle's terms; asked through cycle(asOf:), as "
        "recorded at that moment."
    )
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
        "current status, `workingGroup` by the group of the term in this cycle. Ordered by title."
    )
    async def measures(
        self,
        info: Info,
        status: Annotated[
            MeasureStatusEnum | None,
            strawberry.argument(description="Only measures whose current status is this."),
        ] = None,
        reached: Annotated[
            MeasureStatusEnum | None,
            strawberry.argument(
                description="Only measures whose term in this cycle reached this status."
            ),
        ] = None,
        outcome: Annotated[
            EvaluationOutcomeEnum | None,
            strawberry.argument(
                description="Only measures whose term in this cycle was evaluated so."
            ),
        ] = None,
        working_group: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only measures of this working group (a Body id) in this cycle."
            ),
        ] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Annotated[Measure, strawberry.lazy(".measures")]]:
        from .measures import Measure, measures_as_of

        group = str(uuid_of(working_group, "workingGroup", "Body")) if working_group else None
        filters: dict[str, Any] = {
            "status": _value(status),
            "reached": _value(reached),
            "outcome": _value(outcome),
            "working_group": group,
            "first": first,
            "after": after,
        }
        if self.as_of is not None:
            from ..as_of import cycle_measures_as_of

            rows = await cycle_measures_as_of(info, self.number, self.as_of)
            return measures_as_of(rows, self.number, **filters)
        measures = info.context.queries.measures
        page = await info.context.run(lambda: measures.in_cycle(self.number, **filters))
        return Connection.of(page, [Measure.from_row(row) for row in page.rows])

    @strawberry.field(
        description="The cycle before (by number), as of the same moment; null for the first."
    )
    async def previous(self, info: Info) -> Cycle | None:
        numbers = await info.context.read(info.context.queries.cycles.numbers)
        earlier = [n for n in numbers if n < self.number]
        return await cycle_by_number(info, earlier[-1], self.as_of) if earlier else None

    @strawberry.field(
        description="The cycle after (by number), as of the same moment; null for the latest."
    )
    async def next(self, info: Info) -> Cycle | None:
        numbers = await info.context.read(info.context.queries.cycles.numbers)
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
