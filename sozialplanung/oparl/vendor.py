"""Our own object types beside OParl's (spec 2.1, "Erweiterbarkeit"): what the model has
more than a council information system — the measures (Maßnahmen) of each cycle of the
Sozialkonferenz with their decisions, progress and evaluations, and the cycles themselves.

They are objects like OParl's (id = URL, created, modified, lists with the same paging
and filters), their ``type`` is ``sozialplanung:Measure`` / ``sozialplanung:Cycle``, and
OParl objects point to them only through ``sozialplanung:`` properties, so a client that
knows nothing of them can ignore them. Codes (status, outcome) are those of the GraphQL API.
"""

from __future__ import annotations

from typing import Any

from ..domain.cycle import cycle_id
from ..projections.database import Row
from ..projections.oparl import Stamp
from .context import Ctx, oparl_object
from .values import VENDOR, compact

MEASURE = VENDOR + "Measure"
CYCLE = VENDOR + "Cycle"


def _cycle_url(ctx: Ctx, number: int) -> str:
    return ctx.urls.cycle(str(cycle_id(number)))


def measures(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    rows = ctx.q.measures.by_ids([s.k1 for s in stamps])
    return [measure(ctx, rows[s.k1], s) for s in stamps]


def measure(ctx: Ctx, row: Row, stamp: Stamp) -> dict[str, Any]:
    """Who reported progress is left out, as in the API for readers without a token."""
    urls = ctx.urls
    return oparl_object(
        MEASURE,
        urls.measure(row["id"]),
        stamp,
        body=urls.body,
        name=row["title"],
        description=row["description"],
        status=row["status"],
        progress=row["progress"],
        cycle=_cycle_url(ctx, row["cycle_number"]),
        workingGroup=urls.organization(row["working_group_id"]),
        lead=urls.organization(row["lead_id"]) if row["lead_id"] else None,
        paper=[urls.paper(p) for p in row["paper_ids"]],
        decision=[
            compact(
                {
                    "adopted": d["adopted"],
                    "organization": urls.organization(d["body_id"]),
                    "paper": urls.paper(d["paper_id"]) if d["paper_id"] else None,
                    "cycle": _cycle_url(ctx, d["cycle"]),
                    "date": d["effective_on"],
                }
            )
            for d in row["decisions"]
        ],
        evaluation=[
            compact(
                {
                    "cycle": _cycle_url(ctx, e["cycle"]),
                    "outcome": e["outcome"],
                    "obstacles": e["obstacles"],
                    "enablers": e["enablers"],
                    "report": e["report"],
                    "date": e["effective_on"],
                }
            )
            for e in row["evaluations"]
        ],
        progressReport=[
            compact({"percent": r["percent"], "note": r["note"], "date": r["effective_on"]})
            for r in row["progress_reports"]
        ],
    )


def cycles(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    rows = ctx.q.cycles.by_ids([s.k1 for s in stamps])
    return [cycle(ctx, rows[s.k1], s) for s in stamps]


def cycle(ctx: Ctx, row: Row, stamp: Stamp) -> dict[str, Any]:
    urls = ctx.urls
    meeting = row["conference_meeting_id"]
    return oparl_object(
        CYCLE,
        urls.cycle(row["id"]),
        stamp,
        body=urls.body,
        name=row["label"],
        number=row["number"],
        startDate=row["starts_on"],
        endDate=row["ends_on"],
        status=row["status"],
        conference=urls.organization(row["conference_body_id"]),
        conferenceMeeting=urls.meeting(meeting) if meeting else None,
        workingGroup=[
            {"organization": urls.organization(g["body_id"]), "focus": g["focus"]}
            for g in row["working_groups"]
        ],
    )
