"""The root Query, part one: the current state (and time travel) that client apps read.
The history analysts and auditors read is in history.py; schema.py joins the two."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Annotated, Any

import strawberry

from ..domain.base import DomainError, NotFound, ValidationError
from ..domain.cycle import cycle_id
from ..domain.rights import Unauthenticated
from ..projections.paging import MAX_PAGE
from .as_of import row_as_of
from .context import Info
from .ids import event_position, from_global, uuid_of
from .types.bodies import Body
from .types.core import (
    BodyKindEnum,
    Connection,
    MeasureStatusEnum,
    Node,
    OrganizationKindEnum,
    PaperTypeEnum,
    require_history,
)
from .types.cycles import Cycle, cycle_by_number
from .types.events import Event
from .types.measures import Measure, measure_page
from .types.meetings import Meeting, meeting_page
from .types.organizations import Organization, Person
from .types.papers import Paper
from .types.search import SearchHit, SearchType, search_page

NODE_TYPES: dict[str, Any] = {
    "Organization": Organization,
    "Person": Person,
    "Body": Body,
    "Meeting": Meeting,
    "Cycle": Cycle,
    "Measure": Measure,
    "Paper": Paper,
}


def _require_signed_in(info: Info) -> None:
    if not info.context.principal.reads_personal_data:
        raise Unauthenticated("Sign in to read persons' data.")


async def _node(info: Info, id: str) -> Node | None:
    """The object behind a global id; null for an id this service never gave out, and for
    an id whose type is not the type of what it names."""
    parsed = from_global(id)
    if parsed is None:
        return None
    type_name, key = parsed
    if type_name == "Event":
        require_history(info)
        try:
            position = event_position(id)
        except NotFound:
            return None
        events = await info.context.run(info.context.queries.audit.by_positions, [position])
        return Event.from_row(events[0]) if events else None
    if type_name not in NODE_TYPES:
        return None
    if type_name == "Person":
        _require_signed_in(info)
    load = info.context.load
    loader = {
        "Organization": load.organizations,
        "Person": load.persons,
        "Body": load.bodies,
        "Meeting": load.meetings,
        "Measure": load.measures,
        "Paper": load.papers,
    }.get(type_name)
    if loader is None:  # a cycle: its id derives from its number
        rows = await info.context.run(info.context.queries.cycles.by_ids, [key])
        row = rows.get(key)
    else:
        row = await loader.load(key)
    # Each view holds one type: "Measure:<a person's id>" finds no measure.
    return NODE_TYPES[type_name].from_row(row) if row is not None else None


async def _page(info: Info, read: Any, make: Any) -> Any:
    page = await info.context.run(read)
    return Connection.of(page, [make(row) for row in page.rows])


@strawberry.type
class StateQueries:
    @strawberry.field
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _node(info, id)

    @strawberry.field
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_PAGE:
            raise ValidationError(f"Ask for at most {MAX_PAGE} ids at a time.", "ids")
        # Concurrently, so the loaders fetch them in one batch per type.
        return list(await asyncio.gather(*(_node(info, id) for id in ids)))

    @strawberry.field
    async def organizations(
        self,
        info: Info,
        kind: OrganizationKindEnum | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Organization]:
        view = info.context.queries.organizations
        return await _page(
            info,
            lambda: view.page(kind=kind.value if kind else None, first=first, after=after),
            Organization.from_row,
        )

    @strawberry.field
    async def persons(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Person]:
        _require_signed_in(info)
        view = info.context.queries.persons
        return await _page(info, lambda: view.page(first=first, after=after), Person.from_row)

    @strawberry.field
    async def bodies(
        self,
        info: Info,
        kind: BodyKindEnum | None = None,
        active_on: date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Body]:
        view = info.context.queries.bodies
        return await _page(
            info,
            lambda: view.page(
                kind=kind.value if kind else None,
                active_on=active_on.isoformat() if active_on else None,
                first=first,
                after=after,
            ),
            Body.from_row,
        )

    @strawberry.field
    async def body(
        self, info: Info, id: strawberry.ID, as_of: datetime | None = None
    ) -> Body | None:
        key = str(uuid_of(id, "id", "Body"))
        if as_of is None:
            row = await info.context.load.bodies.load(key)
        else:
            row = await row_as_of(info, key, as_of, None)
            row = row if row and row["_type"] == "Body" else None
        return Body.from_row(row) if row else None

    @strawberry.field
    async def meetings(
        self,
        info: Info,
        body: strawberry.ID | None = None,
        from_: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        to: datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Meeting]:
        key = str(uuid_of(body, "body", "Body")) if body else None
        return await meeting_page(info, key, from_, to, first, after)

    @strawberry.field
    async def cycles(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Cycle]:
        view = info.context.queries.cycles
        return await _page(info, lambda: view.page(first=first, after=after), Cycle.from_row)

    @strawberry.field
    async def cycle(self, info: Info, number: int, as_of: datetime | None = None) -> Cycle | None:
        if as_of is None:
            return await cycle_by_number(info, number)
        row = await row_as_of(info, str(cycle_id(number)), as_of, None)
        return Cycle.from_row(row, as_of) if row and row["_type"] == "Cycle" else None

    @strawberry.field
    async def measures(
        self,
        info: Info,
        cycle: int | None = None,
        status: MeasureStatusEnum | None = None,
        working_group: strawberry.ID | None = None,
        lead: strawberry.ID | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Measure]:
        return await measure_page(
            info,
            cycle=cycle,
            status=status,
            working_group=str(uuid_of(working_group, "workingGroup", "Body"))
            if working_group
            else None,
            lead=str(uuid_of(lead, "lead", "Organization")) if lead else None,
            search=search,
            first=first,
            after=after,
        )

    @strawberry.field(
        description="Volltextsuche: measures (title, description, evaluations' reports, "
        "obstacles, enablers), papers (reference, subject, decision proposal, explanation), "
        "meetings (title, agenda, minutes) and bodies (name, topic), German word forms "
        "included ('Wohnungen' finds 'Wohnung', 'Massnahme' finds 'Maßnahme'); every word "
        "must occur; best matches first. Only text every reader may read is searched."
    )
    async def search(
        self,
        info: Info,
        text: str,
        types: list[SearchType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SearchHit]:
        return await search_page(info, text, types, first, after)

    @strawberry.field(description="State as recorded at that time / that version.")
    async def measure(
        self,
        info: Info,
        id: strawberry.ID,
        as_of: datetime | None = None,
        version: int | None = None,
    ) -> Measure | None:
        key = str(uuid_of(id, "id", "Measure"))
        if as_of is None and version is None:
            row = await info.context.load.measures.load(key)
        else:
            row = await row_as_of(info, key, as_of, version)
            row = row if row and row["_type"] == "Measure" else None
        return Measure.from_row(row) if row else None

    @strawberry.field
    async def papers(
        self,
        info: Info,
        reference: str | None = None,
        type: PaperTypeEnum | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Paper]:
        view = info.context.queries.papers
        return await _page(
            info,
            lambda: view.page(
                reference=reference,
                type=type.value if type else None,
                first=first,
                after=after,
            ),
            Paper.from_row,
        )

    @strawberry.field
    async def paper(
        self, info: Info, id: strawberry.ID | None = None, reference: str | None = None
    ) -> Paper | None:
        if id is not None:
            row = await info.context.load.papers.load(str(uuid_of(id, "id", "Paper")))
        elif reference is not None:
            row = await info.context.run(info.context.queries.papers.by_reference, reference)
        else:
            raise DomainError("Give the paper's id or its reference.", "id")
        return Paper.from_row(row) if row else None
