"""Paper with its embedded Consultations (the Beratungsfolge) and Files (the Anlagen).

A consultation links the meeting it is held in and the agenda item that treats its paper
there. Attachments are metadata only in this service (the documents live in the city's
document system): a File's ``accessUrl`` answers 404 with an explanation. A paper withdrawn
because it was submitted in error is deleted in OParl's sense, with its consultations and
files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..projections.database import Row
from ..projections.oparl import Stamp
from .context import Ctx, oparl_object
from .values import CONSULTATION_ROLE, PAPER_TYPE, RESULT, VENDOR


def papers(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    keys = [s.k1 for s in stamps]
    rows = ctx.q.papers.by_ids(keys)
    inner = ctx.q.stamps_of("consultation", keys)
    files = ctx.q.stamps_of("file", keys) if not ctx.omit_internal else {}
    items = ctx.q.agenda_items_for(_pairs(rows.values()))
    return [paper(ctx, rows[s.k1], s, inner.get(s.k1, []), files.get(s.k1), items) for s in stamps]


def _pairs(rows: Iterable[Row]) -> list[tuple[str, str]]:
    """(meeting, paper) of every consultation held in a meeting."""
    return [(c["meeting_id"], r["id"]) for r in rows for c in r["consultations"] if c["meeting_id"]]


def paper(
    ctx: Ctx,
    row: Row,
    stamp: Stamp,
    inner: list[Stamp],
    files: list[Stamp] | None,
    items: dict[tuple[str, str], int],
) -> dict[str, Any]:
    urls, key = ctx.urls, row["id"]
    by_id = {s.k1: s for s in inner}
    return oparl_object(
        "Paper",
        urls.paper(key),
        stamp,
        body=urls.body,
        name=row["subject"],
        reference=row["reference"],
        date=row["date"],
        paperType=PAPER_TYPE.get(row["type"], row["type"]),
        relatedPaper=[urls.paper(p) for p in row["related_paper_ids"]],
        underDirectionOf=[urls.organization(row["lead_id"])] if row["lead_id"] else None,
        originatorOrganization=[urls.organization(row["originated_by_id"])]
        if row["originated_by_id"]
        else None,
        auxiliaryFile=None
        if files is None
        else [file(ctx, row, s.k2, s, embedded=True) for s in files],
        consultation=[
            consultation(ctx, row, c, by_id[c["id"]], items, embedded=True)
            for c in row["consultations"]
        ],
        **{
            VENDOR + "settled": bool(row["settled"]),
            VENDOR + "decisionProposal": row["decision_proposal"],
            VENDOR + "explanation": row["explanation"],
            VENDOR + "measure": [urls.measure(m) for m in row["measure_ids"]],
        },
    )


def consultations(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    owners = {s.k1: s.owner or "" for s in stamps}
    rows = ctx.q.papers.by_ids(sorted(set(owners.values())))
    items = ctx.q.agenda_items_for(_pairs(rows.values()))
    found = []
    for s in stamps:
        row = rows[owners[s.k1]]
        entry = next(c for c in row["consultations"] if c["id"] == s.k1)
        found.append(consultation(ctx, row, entry, s, items, embedded=False))
    return found


def consultation(
    ctx: Ctx,
    paper_row: Row,
    entry: Row,
    stamp: Stamp,
    items: dict[tuple[str, str], int],
    *,
    embedded: bool,
) -> dict[str, Any]:
    """Inside its Paper without the paper (the spec's rule for embedded objects); meeting
    and agenda item, which the spec requires when it is fetched on its own, it always has
    where they exist (a consultation may be scheduled without a meeting)."""
    urls, paper_key, meeting = ctx.urls, paper_row["id"], entry["meeting_id"]
    seq = items.get((meeting, paper_key)) if meeting else None
    return oparl_object(
        "Consultation",
        urls.consultation(entry["id"]),
        stamp,
        paper=None if embedded else urls.paper(paper_key),
        agendaItem=urls.agenda_item(meeting, seq) if seq is not None else None,
        meeting=urls.meeting(meeting) if meeting else None,
        organization=[urls.organization(entry["body_id"])],
        authoritative=bool(entry["authoritative"]),
        role=CONSULTATION_ROLE.get(entry["role"], entry["role"]),
        **{
            VENDOR + "date": entry["date"],
            VENDOR + "decision": RESULT.get(entry["decision"]) if entry["decision"] else None,
            VENDOR + "decisionText": entry["decision_text"],
        },
    )


def files(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    rows = ctx.q.papers.by_ids(sorted({s.k1 for s in stamps}))
    return [file(ctx, rows[s.k1], s.k2, s, embedded=False) for s in stamps]


def file(ctx: Ctx, paper_row: Row, seq: int, stamp: Stamp, *, embedded: bool) -> dict[str, Any]:
    urls, key = ctx.urls, paper_row["id"]
    attachment = paper_row["attachments"][seq]
    access = urls.file_access(key, seq)
    return oparl_object(
        "File",
        urls.file(key, seq),
        stamp,
        keep={"accessUrl": access},  # required by the schema, deleted or not
        name=attachment["name"],
        mimeType=attachment["media_type"],
        size=attachment["size_bytes"],
        accessUrl=access,
        paper=None if embedded else [urls.paper(key)],
        **{VENDOR + "sha256Checksum": attachment["sha256"]},
    )
