"""What each OParl URL answers: an object by its key, or a page of a list (spec 2.5)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..projections.oparl import Stamp, StampPage
from . import meetings, organizations, papers, system, vendor
from .context import Ctx
from .errors import OparlError, not_found
from .filters import ListQuery
from .urls import BODY_LISTS

Renderer = Callable[[Ctx, list[Stamp]], list[dict[str, Any]]]

# Each kind the views hold (projections/oparl.py SOURCES), mapped a batch at a time.
RENDER: dict[str, Renderer] = {
    "organization": organizations.organizations,
    "person": organizations.persons,
    "membership": organizations.memberships,
    "meeting": meetings.meetings,
    "agendaItem": meetings.agenda_items,
    "location": meetings.locations,
    "paper": papers.papers,
    "consultation": papers.consultations,
    "file": papers.files,
    "measure": vendor.measures,
    "cycle": vendor.cycles,
}
# A Body list's path → the kind it lists (legislative terms: none are recorded).
LIST_KINDS = {
    path: name.removeprefix("sozialplanung:").removesuffix("List")
    for name, path in BODY_LISTS.items()
}


def one(ctx: Ctx, kind: str, k1: str, k2: int | None = None) -> dict[str, Any]:
    """The object with that key, deleted ones included (they stay at their URL, 2.8)."""
    found = ctx.q.stamp(kind, k1, k2)
    if found is None:
        raise not_found(f"There is no {kind} {k1}" + (f"/{k2}." if k2 is not None else "."))
    return RENDER[kind](ctx, [found])[0]


def body_list(ctx: Ctx, path: str, query: ListQuery) -> dict[str, Any]:
    """One of the Body's lists: every object of its kind (there is only the one Body)."""
    kind = LIST_KINDS.get(path)
    if kind is None:
        raise not_found(f"The Body has no list {path!r}.")
    url = ctx.urls.body_list(next(n for n, p in BODY_LISTS.items() if p == path))
    if kind == "legislativeTerm":
        return listed(ctx, url, query, None, [])
    return listed(
        ctx, url, query, ctx.q.page(kind, query.window, after=query.after, size=query.size)
    )


def organization_list(ctx: Ctx, key: str, name: str, query: ListQuery) -> dict[str, Any]:
    """A Gremium's meetings or consultations (an organisation that is no Gremium has none)."""
    kind = {"meetings": "meeting", "consultations": "consultation"}.get(name)
    if kind is None or ctx.q.stamp("organization", key) is None:
        raise not_found(f"There is no list {name!r} of organization {key}.")
    page = ctx.q.page(kind, query.window, scope=key, after=query.after, size=query.size)
    url = ctx.urls.organization_list(key, kind)
    return listed(ctx, url, query, page)


def bodies(ctx: Ctx, query: ListQuery) -> dict[str, Any]:
    found = system.stamp(ctx)
    return listed(ctx, ctx.urls.bodies, query, None, [(found, lambda: system.body(ctx, found))])


def body(ctx: Ctx) -> dict[str, Any]:
    return system.body(ctx, system.stamp(ctx))


def listed(
    ctx: Ctx,
    url: str,
    query: ListQuery,
    page: StampPage | None,
    fixed: list[tuple[Stamp, Callable[[], dict[str, Any]]]] | None = None,
) -> dict[str, Any]:
    """A list page: data, pagination and links (all three on every page, 2.5). ``fixed``:
    a list of objects that are no view rows, filtered and paged here the same way."""
    if page is None:
        window = query.window
        admitted = sorted(
            (item for item in fixed or [] if window.admits(item[0])),
            key=lambda item: item[0].cursor,
        )
        after = [i for i in admitted if query.after is None or i[0].cursor > query.after]
        shown = after[: query.size]
        data = [make() for _, make in shown]
        stamps = [s for s, _ in shown]
        page = StampPage(stamps, len(after) > query.size, len(admitted), len(admitted) - len(after))
    else:
        data = RENDER[page.stamps[0].kind](ctx, page.stamps) if page.stamps else []
    size = query.size
    links = {
        "first": _with_query(url, query.page_after(None)),
        "self": _with_query(url, query),
    }
    if page.has_next:
        links["next"] = _with_query(url, query.page_after(page.stamps[-1].cursor))
    return {
        "data": data,
        "pagination": {
            "totalElements": page.total,
            "elementsPerPage": size,
            "currentPage": page.before // size + 1,
            "totalPages": max(1, math.ceil(page.total / size)),
        },
        "links": links,
    }


def _with_query(url: str, query: ListQuery) -> str:
    text = query.query_string()
    return f"{url}?{text}" if text else url


def file_access(ctx: Ctx, paper: str, seq: int) -> dict[str, Any]:
    """Where a client fetches a File's content: this service has none to give."""
    one(ctx, "file", paper, seq)  # 404 for a file that does not exist at all
    raise OparlError(
        404,
        "Diese Datei liegt im Dokumentenmanagement der Stadt; dieser Dienst kennt nur ihre "
        "Metadaten (Name, Typ, Größe).",
        "Attachments are recorded as metadata only (name, media type, size, SHA-256); "
        "the document itself is not stored in this service.",
    )
