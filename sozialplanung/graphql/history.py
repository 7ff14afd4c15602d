"""The root Query, part two: the history analysts and auditors read — the audit log, the
decision trail, the cycle comparison and the council paper's rules as a report."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from ..domain.base import NotFound
from ..projections.audit import AuditFilter
from ..projections.comparison import compare
from ..projections.compliance import compliance_report, today
from ..projections.trail import decision_trail
from .context import Info
from .ids import uuid_of
from .inputs import EventFilter
from .types.comparison import CycleComparison
from .types.compliance import ComplianceReport, require_reader
from .types.core import Connection, require_history
from .types.events import Event


@strawberry.type
class HistoryQueries:
    @strawberry.field(description="Prüfpfad: the audit log, oldest first; ADMIN and ANALYST only.")
    async def events(
        self,
        info: Info,
        filter: Annotated[
            EventFilter | None, strawberry.argument(description="Which events; default all.")
        ] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Event]:
        require_history(info)
        audit, chosen = info.context.queries.audit, audit_filter(filter)
        page = await info.context.run(lambda: audit.page(chosen, first=first, after=after))
        return Connection.of(page, [Event.from_row(row) for row in page.rows])

    @strawberry.field(
        description="Entscheidungspfad: the events of an object and of everything linked to it "
        "(papers, consultations, meetings), in log order; ADMIN and ANALYST only."
    )
    async def decision_trail(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="Global id of a measure, paper, meeting, body …"),
        ],
    ) -> list[Event]:
        require_history(info)
        key = str(uuid_of(id, "id"))
        rows = await info.context.run(decision_trail, info.context.queries, key)
        if rows is None:
            raise NotFound("Nothing with that id has been recorded.", "id")
        return [Event.from_row(row) for row in rows]

    @strawberry.field(
        description="Zyklusvergleich: two cycles side by side, per working group (any client)."
    )
    async def cycle_comparison(
        self,
        info: Info,
        from_: Annotated[
            int, strawberry.argument(name="from", description="Number of the first cycle.")
        ],
        to: Annotated[int, strawberry.argument(description="Number of the cycle to compare.")],
    ) -> CycleComparison:
        queries = info.context.queries
        known = await info.context.run(queries.cycles.by_numbers, [from_, to])
        for number, field in ((from_, "from"), (to, "to")):
            if number not in known:
                raise NotFound(f"There is no cycle {number}.", field)
        return CycleComparison.of(await info.context.run(compare, queries, from_, to))

    @strawberry.field(
        description="The council paper's rules checked as of a business date (default today); "
        "ADMIN, ANALYST and COORDINATOR."
    )
    async def compliance_report(
        self,
        info: Info,
        as_of: Annotated[
            date | None,
            strawberry.argument(description="The business date to check as of; default today."),
        ] = None,
        undiscussed_after_months: Annotated[
            int,
            strawberry.argument(
                description="Report measures not discussed in a political body for more than "
                "this many months (0–1,200)."
            ),
        ] = 6,
    ) -> ComplianceReport:
        require_reader(info)
        report = await info.context.run(
            compliance_report, info.context.queries, as_of or today(), undiscussed_after_months
        )
        return ComplianceReport.of(report)


def audit_filter(filter: EventFilter | None) -> AuditFilter:
    if filter is None:
        return AuditFilter()
    return AuditFilter(
        aggregate_id=str(uuid_of(filter.aggregate_id, "aggregateId"))
        if filter.aggregate_id
        else None,
        aggregate_type=filter.aggregate_type,
        types=list(filter.types) if filter.types else None,
        actor=filter.actor,
        correlation_id=filter.correlation_id,
        recorded_from=filter.recorded_from,
        recorded_to=filter.recorded_to,
        after_position=filter.after_position,
    )
