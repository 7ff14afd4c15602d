"""Volltextsuche in the API: ``search(text, types)`` over measures, papers, meetings and
bodies, best matches first, each hit with the passage that matched."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from ...domain.base import ValidationError
from ...projections.database import Row
from ...projections.paging import Page
from ..context import Info
from .bodies import Body
from .core import Connection, Node
from .measures import MAX_SEARCH, Measure
from .meetings import Meeting
from .papers import Paper


@strawberry.enum(name="SearchType", description="What kind of object a search looks at.")
class SearchType(Enum):
    MEASURE = strawberry.enum_value(
        "MEASURE", description="Maßnahmen: title, description, evaluations' texts."
    )
    PAPER = strawberry.enum_value(
        "PAPER", description="Vorlagen: reference, subject, decision proposal, explanation."
    )
    MEETING = strawberry.enum_value(
        "MEETING", description="Sitzungen: title, agenda items and minutes."
    )
    BODY = strawberry.enum_value("BODY", description="Gremien: name and topic.")


# Where each kind's rows are read, and how they become API objects.
KINDS: dict[str, tuple[str, Any]] = {
    "MEASURE": ("measures", Measure.from_row),
    "PAPER": ("papers", Paper.from_row),
    "MEETING": ("meetings", Meeting.from_row),
    "BODY": ("bodies", Body.from_row),
}


@strawberry.type(description="One search result: the object, how well it matched, and where.")
class SearchHit:
    node: Node = strawberry.field(description="The measure, paper, meeting or body found.")
    score: float = strawberry.field(
        description="Relevance (higher is better; comparable only within one search)."
    )
    snippet: str | None = strawberry.field(
        description="The matching passage, HTML-escaped, matches marked with <mark>…</mark>."
    )


async def search_page(
    info: Info, text: str, types: list[SearchType] | None, first: int | None, after: str | None
) -> Connection[SearchHit]:
    if len(text) > MAX_SEARCH:
        raise ValidationError(f"Search for at most {MAX_SEARCH} characters.", "text")
    kinds = list(dict.fromkeys(t.name for t in types)) if types is not None else list(KINDS)
    queries, loads = info.context.queries, info.context.load

    def read() -> tuple[Page, dict[tuple[str, str], Row | None]]:
        page = queries.search.hits(text, kinds, first, after)
        rows: dict[tuple[str, str], Row | None] = {}
        for kind, (view, _) in KINDS.items():
            keys = [hit["key"] for hit in page.rows if hit["kind"] == kind]
            if keys:
                for key, row in loads.rows(view, keys).items():
                    rows[kind, key] = row
        return page, rows

    page, rows = await info.context.run(read)
    # A document and its row are written in one transaction: every hit has its row.
    hits = [
        SearchHit(
            node=KINDS[hit["kind"]][1](rows[hit["kind"], hit["key"]]),
            score=hit["score"],
            snippet=hit["snippet"],
        )
        for hit in page.rows
    ]
    return Connection.of(page, hits)
