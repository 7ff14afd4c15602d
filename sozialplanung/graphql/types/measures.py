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


@strawberry.type(
    description="Bewertung: how the Sozialkonferenz evaluated a measure's term, with "
    "obstacles (Hemmnisse) and enablers (förderliche Rahmenbedingungen)."
)
class Evaluation:
    outcome: EvaluationOutcomeEnum = strawberry.field(
        description="How far the measure was put into practice."
    )
    obstacles: list[str] = strawberry.field(
        description="Hemmnisse: what stood in the way, as distinct short phrases (at most 50, "
        "each at most 300 characters)."
    )
    enablers: list[str] = strawberry.field(
        description="Förderliche Rahmenbedingungen: what helped, as distinct short phrases "
        "(at most 50, each at most 300 characters)."
    )
    report: str | None = strawberry.field(
        description="Bewertungsbericht: the evaluation's text; null if none or once redacted."
    )
    effective_on: date = strawberry.field(description="Business date of the evaluation.")
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


@strawberry.type(
    description="Sachstandsbericht: how far the implementation of an adopted measure has come."
)
class ProgressReport:
    percent: int = strawberry.field(description="Share of the implementation done, 0–100 %.")
    note: str | None = strawberry.field(
        description="A note on the state (at most 2,000 characters); null if none or once redacted."
    )
    effective_on: date = strawberry.field(description="Business date the report concerns.")
    actor: strawberry.Private[str]

    @strawberry.field(
        description="Who recorded the report (role:name, as the event's actor); ADMIN and "
        "ANALYST only, like the event log."
    )
    def reported_by(self, info: Info) -> str:
        require_history(info)
        return self.actor


@strawberry.type(
    description="Laufzeit: a measure's life in one cycle, what it reached there and how it "
    "ended; a measure carried forward has one term per cycle. The statistics count terms."
)
class MeasureTerm:
    status_at_end: MeasureStatusEnum | None = strawberry.field(
        description="The status that ended the term (REJECTED, CARRIED_FORWARD, COMPLETED, "
        "DROPPED or WITHDRAWN); null while it runs."
    )
    evaluation: Evaluation | None = strawberry.field(
        description="The evaluation of this term; null until recorded."
    )
    reached: list[MeasureStatusEnum] = strawberry.field(
        description="Every status the measure reached in this term, in the order reached."
    )
    cycle_number: strawberry.Private[int]
    working_group_id: strawberry.Private[str]

    @strawberry.field(description="The cycle of this term.")
    async def cycle(self, info: Info) -> Cycle:
        found = await cycle_by_number(info, self.cycle_number)
        assert found is not None
        return found

    @strawberry.field(description="The conference working group the measure had in this term.")
    async def working_group(self, info: Info) -> Body | None:
        return await body(info, self.working_group_id)


@strawberry.type(
    description="Maßnahme: proposed by a conference working group in a cycle, referred to a "
    "paper, decided by a political body, implemented, evaluated at the next Sozialkonferenz "
    "and completed, dropped or carried forward: one identity across all its cycles."
)
class Measure(WithHistory, Node):
    id: strawberry.ID
    title: str = strawberry.field(description="Title (at most 200 characters).")
    description: str | None = strawberry.field(
        description="What the measure is about (at most 20,000 characters); null if none or "
        "once redacted."
    )
    status: MeasureStatusEnum = strawberry.field(
        description="Where it stands now in its lifecycle."
    )
    progress: int = strawberry.field(
        description="Umsetzungsstand in percent (0–100) from the latest progress report; 0 "
        "before any, and again after carrying it forward with a revised text."
    )
    version: int
    row: strawberry.Private[Row]

    @strawberry.field(description="Its terms, one per cycle it lived in, oldest first.")
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

    @strawberry.field(description="Every evaluation of its terms, oldest first.")
    def evaluations(self) -> list[Evaluation]:
        return [e for e in map(evaluation, self.row["evaluations"]) if e is not None]

    @strawberry.field(description="Every progress report, oldest first.")
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

    @strawberry.field(description="The cycle of its current term.")
    def cycle(self, info: Info) -> Cycle:
        return info.context.load.related("cycles", self.row["cycle_number"], Cycle.from_row)

    @strawberry.field(description="The conference working group of its current term.")
    def working_group(self, info: Info) -> Body | None:
        return info.context.load.related("bodies", self.row["working_group_id"], Body.from_row)

    @strawberry.field(
        description="Federführung: the organisation that leads the measure; its COORDINATORs "
        "may change it. Null when none is named."
    )
    def lead(self, info: Info) -> Organization | None:
        return info.context.load.related(
            "organizations", self.row["lead_id"], Organization.from_row
        )

    @strawberry.field(description="Every paper the measure is referred to, consulted yet or not.")
    async def papers(self, info: Info) -> list[Annotated[Paper, strawberry.lazy(".papers")]]:
        from .papers import paper

        found = await asyncio.gather(*(paper(info, key) for key in self.row["paper_ids"]))
        return [p for p in found if p is not None]

    @strawberry.field(
        description="Beratungsfolge: every consultation of the papers it is referred to."
    )
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

    # A search may scan the index (``run``); a page by cycle, group, lead or status is read
    # along an index (``read``).
    page = await (info.context.run(read) if search else info.context.read(read))
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
