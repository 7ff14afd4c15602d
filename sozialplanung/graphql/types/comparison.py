"""Zyklusvergleich: two cycles side by side, per working group."""

from __future__ import annotations

import strawberry

from ...projections.comparison import Comparison, GroupRow
from ..context import Info
from .bodies import Body, body
from .cycles import Cycle, CycleStatistics, cycle_by_number
from .measures import Measure


@strawberry.type
class ComparisonRow:
    focus_from: str | None
    focus_to: str | None
    from_: CycleStatistics = strawberry.field(name="from")
    to: CycleStatistics
    working_group_id: strawberry.Private[str | None]

    @strawberry.field
    async def working_group(self, info: Info) -> Body | None:
        return await body(info, self.working_group_id)

    @classmethod
    def of(cls, row: GroupRow) -> ComparisonRow:
        return cls(
            focus_from=row.focus_from,
            focus_to=row.focus_to,
            from_=CycleStatistics.of(row.from_counts),
            to=CycleStatistics.of(row.to_counts),
            working_group_id=row.working_group_id,
        )


@strawberry.type
class Frequency:
    text: str
    from_: int = strawberry.field(name="from")
    to: int


@strawberry.type
class CycleComparison:
    rows: list[ComparisonRow]
    totals: ComparisonRow
    obstacles: list[Frequency]
    enablers: list[Frequency]
    from_number: strawberry.Private[int]
    to_number: strawberry.Private[int]
    carried_ids: strawberry.Private[list[str]]

    @strawberry.field(name="from")
    async def from_cycle(self, info: Info) -> Cycle:
        found = await cycle_by_number(info, self.from_number)
        assert found is not None
        return found

    @strawberry.field(name="to")
    async def to_cycle(self, info: Info) -> Cycle:
        found = await cycle_by_number(info, self.to_number)
        assert found is not None
        return found

    @strawberry.field(description="Measures of `from` that continued in `to`.")
    async def carried_forward(self, info: Info) -> list[Measure]:
        rows = await info.context.load.measures.load_many(self.carried_ids)
        return [Measure.from_row(row) for row in rows if row is not None]

    @classmethod
    def of(cls, comparison: Comparison) -> CycleComparison:
        return cls(
            rows=[ComparisonRow.of(r) for r in comparison.rows],
            totals=ComparisonRow.of(comparison.totals),
            obstacles=[Frequency(text=t, from_=a, to=b) for t, a, b in comparison.obstacles],
            enablers=[Frequency(text=t, from_=a, to=b) for t, a, b in comparison.enablers],
            from_number=comparison.from_number,
            to_number=comparison.to_number,
            carried_ids=comparison.carried_forward,
        )
