"""Maßnahmen: current state, terms per cycle, evaluations and progress reports."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...domain.base import ValidationError
from ...projections.queries import Document
from ..context import Info
from ..ids import to_global
from .bodies import Body, body, organization
from .core import (
    Connection,
    EvaluationOutcomeEnum,
    MeasureStatusEnum,
    Node,
    nodes_of_page,
    require_history,
)
from .cycles import Cycle, cycle_by_number
from .events import WithHistory
from .organizations import Organization

if TYPE_CHECKING:
    pass
    from .papers import Consultation


MAX_SEARCH = 200


@strawberry.type
class Evaluation:
    outcome: EvaluationOutcomeEnum  # type: ignore[valid-type]
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


def evaluation(e: dict[str, Any] | None) -> Evaluation | None:
    if e is None:
        return None
    return Evaluation(
        outcome=e["outcome"],
        obstacles=e["obstacles"],
        enablers=e["enablers"],
        report=e["report"],
        effective_on=e["effective_on"],
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
    status_at_end: MeasureStatusEnum | None  # type: ignore[valid-type]
    evaluation: Evaluation | None
    reached: list[MeasureStatusEnum]  # type: ignore[valid-type]
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
    status: MeasureStatusEnum  # type: ignore[valid-type]
    progress: int = strawberry.field(description="0..100, latest report")
    terms: list[MeasureTerm]
    evaluations: list[Evaluation]
    progress_reports: list[ProgressReport]
    version: int
    cycle_number: strawberry.Private[int]
    working_group_id: strawberry.Private[str]
    lead_id: strawberry.Private[str | None]
    paper_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def cycle(self, info: Info) -> Cycle:
        found = await cycle_by_number(info, self.cycle_number)
        assert found is not None
        return found

    @strawberry.field
    async def working_group(self, info: Info) -> Body | None:
        return await body(info, self.working_group_id)

    @strawberry.field
    async def lead(self, info: Info) -> Organization | None:
        return await organization(info, self.lead_id)

    @strawberry.field
    async def consultations(
        self, info: Info
    ) -> list[Annotated[Consultation, strawberry.lazy(".papers")]]:
        from .papers import Paper

        papers = await info.context.documents.load_many(self.paper_ids)
        return [c for p in papers if p is not None for c in Paper.from_document(p).consultations]

    @classmethod
    def from_document(cls, document: Document) -> Measure:
        s = document.state
        return cls(
            id=strawberry.ID(to_global("Measure", document.id)),
            title=s["title"],
            description=s["description"],
            status=s["status"],
            progress=s["progress"],
            terms=[
                MeasureTerm(
                    status_at_end=t["status_at_end"],
                    evaluation=evaluation(t["evaluation"]),
                    reached=t["reached"],
                    cycle_number=t["cycle"],
                    working_group_id=str(t["working_group_id"]),
                )
                for t in s["terms"]
            ],
            evaluations=[e for e in map(evaluation, s["evaluations"]) if e is not None],
            progress_reports=[
                ProgressReport(
                    percent=r["percent"],
                    note=r["note"],
                    effective_on=r["effective_on"],
                    actor=r["reported_by"],
                )
                for r in s["progress_reports"]
            ],
            version=document.version,
            key=document.id,
            cycle_number=s["cycle_number"],
            working_group_id=str(s["working_group_id"]),
            lead_id=str(s["lead_id"]) if s["lead_id"] else None,
            paper_ids=[str(p) for p in s["paper_ids"]],
        )


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
    where: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("cycle_number", cycle),
        ("working_group_id", working_group),
        ("lead_id", lead),
        ("status", status.value if status else None),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if search and len(search) > MAX_SEARCH:
        raise ValidationError(f"Search for at most {MAX_SEARCH} characters.", "search")
    if search:
        # The text as typed: % and _ are characters here, not LIKE wildcards.
        literal = search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("search LIKE ? ESCAPE '\\'")
        params.append(f"%{literal}%")
    page = await info.context.run(
        info.context.queries.page,
        "measures",
        ["cycle_number", "title", "id"],
        where=where,
        params=params,
        first=first,
        after=after,
    )
    return Connection.of(page, await nodes_of_page(info, page, Measure.from_document))


def measures_as_of(
    info: Info,
    documents: list[Document],
    cycle: int,
    status: Any,
    working_group: str | None,
    *,
    first: int | None,
    after: str | None,
) -> Connection[Measure]:
    """A cycle's measures as recorded at a past moment, paged like the live list."""
    chosen = {
        d.id: d
        for d in documents
        if d.state["cycle_number"] == cycle
        and (status is None or str(d.state["status"]) == status.value)
        and (working_group is None or str(d.state["working_group_id"]) == working_group)
    }
    rows = [{"id": key, "title": d.state["title"]} for key, d in chosen.items()]
    page = info.context.queries.page_of_rows(rows, ["title", "id"], first=first, after=after)
    return Connection.of(page, [Measure.from_document(chosen[row["id"]]) for row in page.rows])
