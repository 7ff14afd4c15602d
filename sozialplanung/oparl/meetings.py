"""Meeting with its embedded AgendaItems and Location.

An agenda item is identified by its position in the agenda (which is also OParl's
``order``: items are only ever added); it links the consultation of its paper in its
meeting. A meeting's place is a Location of its own, keyed by the meeting. Who attended is
not shown as persons (``participant``): attendance lists are personal data (spec 1.6);
organisations that attended are (``sozialplanung:attendingOrganization``).
"""

from __future__ import annotations

from typing import Any

from ..domain.cycle import cycle_id
from ..projections.database import Row
from ..projections.oparl import Stamp
from .context import Ctx, oparl_object
from .values import MEETING_STATE, RESULT, VENDOR, compact, moment_shown


def meetings(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    keys = [s.k1 for s in stamps]
    rows = ctx.q.meetings.by_ids(keys)
    items = ctx.q.stamps_of("agendaItem", keys) if not ctx.omit_internal else {}
    places = ctx.q.stamps_of("location", keys)
    links = ctx.q.consultations_in(keys) if not ctx.omit_internal else {}
    return [
        meeting(ctx, rows[s.k1], s, items.get(s.k1), places.get(s.k1, []), links) for s in stamps
    ]


def meeting(
    ctx: Ctx,
    row: Row,
    stamp: Stamp,
    items: list[Stamp] | None,
    place: list[Stamp],
    links: dict[tuple[str, str], str],
) -> dict[str, Any]:
    urls, key = ctx.urls, row["id"]
    number = row["cycle_number"]
    return oparl_object(
        "Meeting",
        urls.meeting(key),
        stamp,
        name=row["title"],
        meetingState=MEETING_STATE.get(row["status"]),
        cancelled=row["status"] == "CANCELLED",
        start=moment_shown(row["starts"]),
        end=moment_shown(row["ends"]) if row["ends"] else None,
        location=location(ctx, row, place[0], embedded=True) if place else None,
        organization=[urls.organization(row["body_id"])],
        agendaItem=None
        if items is None
        else [agenda_item(ctx, row, s.k2, s, links, embedded=True) for s in items],
        **{
            VENDOR + "minutes": row["minutes"],
            VENDOR + "cycle": urls.cycle(str(cycle_id(number))) if number is not None else None,
            VENDOR + "attendingOrganization": [
                urls.organization(a["member_id"])
                for a in row["attendees"]
                if a["member_type"] == "ORGANIZATION"
            ],
        },
    )


def agenda_items(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    keys = sorted({s.k1 for s in stamps})
    rows = ctx.q.meetings.by_ids(keys)
    links = ctx.q.consultations_in(keys)
    return [agenda_item(ctx, rows[s.k1], s.k2, s, links, embedded=False) for s in stamps]


def agenda_item(
    ctx: Ctx,
    meeting_row: Row,
    seq: int,
    stamp: Stamp,
    links: dict[tuple[str, str], str],
    *,
    embedded: bool,
) -> dict[str, Any]:
    """Inside its Meeting without the meeting (the spec's rule for embedded objects)."""
    urls, key = ctx.urls, meeting_row["id"]
    item = meeting_row["agenda"][seq]
    resolution = item["resolution"] or {}
    consultation = links.get((key, item["paper_id"])) if item["paper_id"] else None
    votes = compact(
        {
            "for": resolution.get("votes_for"),
            "against": resolution.get("votes_against"),
            "abstentions": resolution.get("abstentions"),
        }
    )
    return oparl_object(
        "AgendaItem",
        urls.agenda_item(key, seq),
        stamp,
        meeting=None if embedded else urls.meeting(key),
        number=item["number"],
        order=seq,
        name=item["title"],
        public=True,  # whoever reads without a token reads every item here
        consultation=urls.consultation(consultation) if consultation else None,
        result=RESULT.get(resolution["decision"]) if resolution else None,
        resolutionText=resolution.get("text"),
        **{
            VENDOR + "measure": urls.measure(item["measure_id"]) if item["measure_id"] else None,
            VENDOR + "votes": votes or None,
        },
    )


def locations(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    rows = ctx.q.meetings.by_ids([s.k1 for s in stamps])
    return [location(ctx, rows[s.k1], s, embedded=False) for s in stamps]


def location(ctx: Ctx, meeting_row: Row, stamp: Stamp, *, embedded: bool) -> dict[str, Any]:
    """The place as the meeting names it (free text: no address parts, no coordinates)."""
    key = meeting_row["id"]
    return oparl_object(
        "Location",
        ctx.urls.location(key),
        stamp,
        description=meeting_row["location"],
        meetings=None if embedded else [ctx.urls.meeting(key)],
    )
