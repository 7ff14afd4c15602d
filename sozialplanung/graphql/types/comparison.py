"""Zyklusvergleich: two cycles side by side, per working group."""

from __future__ import annotations

import strawberry

from ...projections.comparison import Comparison, GroupRow
from ..context import Info
from .bodies import Body, body
from .cycles import Cycle, CycleStatistics, cycle_by_number
from .measures import Measure


@strawberry.type(
    description="One row of the Zyklusvergleich: a working group's statistics in both "
    "cycles, or the totals over all groups."
)
class ComparisonRow:
    focus_from: str | None = strawberry.field(
        description="The group's focus (Schwerpunkt) in the `from` cycle; null if it was not "
        "active there, and in the totals."
    )
    focus_to: str | None = strawberry.field(
        description="The group's focus in the `to` cycle; null if it was not active there, and "
        "in the totals."
    )
    from_: CycleStatistics = strawberry.field(
        name="from", description="Its statistics in the `from` cycle."
    )
    to: CycleStatistics = strawberry.field(description="Its statistics in the `to` cycle.")
    working_group_id: strawberry.Private[str | None]

    @strawberry.field(description="The conference working group; null in the totals row.")
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


@strawberry.type(
    description="How often an obstacle or enabler was named in the evaluations of each cycle."
)
class Frequency:
    text: str = strawberry.field(description="The phrase as the evaluations name it.")
    from_: int = strawberry.field(
        name="from", description="Evaluations of the `from` cycle's terms naming it."
    )
    to: int = strawberry.field(description="Evaluations of the `to` cycle's terms naming it.")


@strawberry.type(
    description="Zyklusvergleich: two cycles side by side, per working group, with the "
    "obstacles and enablers their evaluations named and the measures carried between them."
)
class CycleComparison:
    rows: list[ComparisonRow] = strawberry.field(
        description="One row per working group active or counted in either cycle."
    )
    totals: ComparisonRow = strawberry.field(description="The sums over all working groups.")
    obstacles: list[Frequency] = strawberry.field(
        description="Hemmnisse named in either cycle's evaluations, most frequent first."
    )
    enablers: list[Frequency] = strawberry.field(
        description="Förderliche Rahmenbedingungen named in either cycle's evaluations, most "
        "frequent first."
    )
    from_number: strawberry.Private[int]
    to_number: strawberry.Private[int]
    carried_ids: strawberry.Private[list[str]]

    @strawberry.field(name="from", description="The first cycle compared (the `from` argument).")
    async def from_cycle(self, info: Info) -> Cycle:
        found = await cycle_by_number(info, self.from_number)
        assert found is not None
        return found

    @strawberry.field(name="to", description="The cycle it is compared with (the `to` argument).")
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
