"""Maßnahmen: current state, terms per cycle, evaluations and progress reports."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...domain.base import ValidationError
from ...projections.database import Row
from ...projections.measures import term_states
from ...projections.paging import Page, page_of_rows
from ..context import Info, Relation
from ..ids import to_global
from ..selection import selected_names
from .bodies import Body, body
from .core import (
    Connection,
    EvaluationOutcomeEnum,
    MeasureStatusEnum,
    Node,
    require_history,
)
from .cycles import Cycle, cycle_by_number
from .events import WithHistory
from .organizations import Organization

if TYPE_CHECKING:
    from .papers import Consultation, Paper

MAX_SEARCH = 200


@strawberry.type
class Evaluation:
    outcome: EvaluationOutcomeEnum
    obstacles: list[str]
    enablers: list[str]
    report: str | None
    effective_on: date
    cycle_number: strawberry.Private[int]

    @strawberry.field(
        description="The cycle whose term is evaluated (recorded at the next conference)."
    )
    async def cycle(self, info: Info) -> Cycle:
        found = await cycle_by_number(info, self.cycle_number)
        assert found is not None
        return found


def evaluation(e: Row | None) -> Evaluation | None:
    if e is None:
        return None
    return Evaluation(
        outcome=e["outcome"],
        obstacles=e["obstacles"],
        enablers=e["enablers"],
        report=e["report"],
        effective_on=date.fromisoformat(e["effective_on"]),
        cycle_number=e["cycle"],
    )


@strawberry.type
class ProgressReport:
    percent: int
    note: str | None
    effective_on: date
    actor: strawberry.Private[str]

    @strawberry.field(
        description="Who recorded the report: ADMIN and ANALYST only, like the event log."
    )
    def reported_by(self, info: Info) -> str:
        require_history(info)
        return self.actor


@strawberry.type
class MeasureTerm:
    status_at_end: MeasureStatusEnum | None
    evaluation: Evaluation | None
    reached: list[MeasureStatusEnum]
    cycle_number: strawberry.Private[int]
    working_group_id: strawberry.Private[str]

    @strawberry.field
    async def cycle(self, info: Info) -> Cycle:
        found = await cycle_by_number(info, self.cycle_number)
        assert found is not None
        return found

    @strawberry.field
    async def working_group(self, info: Info) -> Body | None:
        return await body(info, self.working_group_id)


@strawberry.type
class Measure(WithHistory, Node):
    id: strawberry.ID
    title: str
    description: str | None
    status: MeasureStatusEnum
    progress: int = strawberry.field(description="0..100, latest report")
    version: int
    row: strawberry.Private[Row]

    @strawberry.field
    def terms(self) -> list[MeasureTerm]:
        return [
            MeasureTerm(
                status_at_end=t["status_at_end"],
                evaluation=evaluation(t["evaluation"]),
                reached=t["reached"],
                cycle_number=t["cycle"],
                working_group_id=t["working_group_id"],
            )
            for t in self.row["terms"]
        ]

    @strawberry.field
    def evaluations(self) -> list[Evaluation]:
        return [e for e in map(evaluation, self.row["evaluations"]) if e is not None]

    @strawberry.field
    def progress_reports(self) -> list[ProgressReport]:
        return [
            ProgressReport(
                percent=r["percent"],
                note=r["note"],
                effective_on=date.fromisoformat(r["effective_on"]),
                actor=r["reported_by"],
            )
            for r in self.row["progress_reports"]
        ]

    @strawberry.field
    def cycle(self, info: Info) -> Cycle:
        return info.context.load.related("cycles", self.row["cycle_number"], Cycle.from_row)

    @strawberry.field
    def working_group(self, info: Info) -> Body | None:
        return info.context.load.related("bodies", self.row["working_group_id"], Body.from_row)

    @strawberry.field
    def lead(self, info: Info) -> Organization | None:
        return info.context.load.related(
            "organizations", self.row["lead_id"], Organization.from_row
        )

    @strawberry.field(description="Every paper the measure is referred to, consulted yet or not.")
    async def papers(self, info: Info) -> list[Annotated[Paper, strawberry.lazy(".papers")]]:
        from .papers import paper

        found = await asyncio.gather(*(paper(info, key) for key in self.row["paper_ids"]))
        return [p for p in found if p is not None]

    @strawberry.field
    async def consultations(
        self, info: Info
    ) -> list[Annotated[Consultation, strawberry.lazy(".papers")]]:
        return [c for p in await self.papers(info) for c in p.consultations]

    @classmethod
    def from_row(cls, row: Row) -> Measure:
        return cls(
            id=strawberry.ID(to_global("Measure", row["id"])),
            title=row["title"],
            description=row["description"],
            status=row["status"],
            progress=row["progress"],
            version=row["version"],
            key=row["id"],
            row=row,
        )


# The relations a page of measures reads ahead when they are asked for.
RELATIONS = (
    Relation("lead", "organizations", "lead_id"),
    Relation("workingGroup", "bodies", "working_group_id"),
    Relation("cycle", "cycles", "cycle_number"),
)


async def measure(info: Info, key: str | None) -> Measure | None:
    row = await info.context.load.measures.load(key) if key else None
    return Measure.from_row(row) if row else None


async def measure_page(
    info: Info,
    *,
    cycle: int | None = None,
    status: Any = None,
    working_group: str | None = None,
    lead: str | None = None,
    search: str | None = None,
    first: int | None = None,
    after: str | None = None,
) -> Connection[Measure]:
    if search and len(search) > MAX_SEARCH:
        raise ValidationError(f"Search for at most {MAX_SEARCH} characters.", "search")
    measures, loads, wanted = info.context.queries.measures, info.context.load, selected_names(info)

    def read() -> Page:
        page = measures.page(
            cycle=cycle,
            status=status.value if status else None,
            working_group=working_group,
            lead=lead,
            search=search,
            first=first,
            after=after,
        )
        loads.read_ahead(page.rows, wanted, RELATIONS)
        return page

    page = await info.context.run(read)
    return Connection.of(page, [Measure.from_row(row) for row in page.rows])


def measures_as_of(
    rows: list[Row],
    number: int,
    *,
    status: str | None,
    reached: str | None,
    outcome: str | None,
    working_group: str | None,
    first: int | None,
    after: str | None,
) -> Connection[Measure]:
    """A cycle's measures as recorded at a past moment, paged like the live list."""

    def chosen(row: Row) -> bool:
        states = [
            s
            for s in term_states(row)
            if s["cycle_number"] == number
            and (working_group is None or s["working_group_id"] == working_group)
        ]
        names = {s["state"] for s in states}
        return (
            bool(states)
            and (status is None or row["status"] == status)
            and (reached is None or reached in names)
            and (outcome is None or outcome in names)
        )

    page = page_of_rows([r for r in rows if chosen(r)], ["title", "id"], first=first, after=after)
    return Connection.of(page, [Measure.from_row(row) for row in page.rows])
