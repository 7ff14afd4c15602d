"""The root Query, part one: the current state (and time travel) that client apps read.
The history analysts and auditors read is in history.py; schema.py joins the two."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Annotated, Any

import strawberry

from ..domain.base import DomainError, NotFound, ValidationError
from ..domain.rights import Unauthenticated
from ..projections.queries import MAX_PAGE, Document
from .as_of import document_as_of
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
    nodes_of_page,
    require_history,
)
from .types.cycles import Cycle
from .types.events import Event
from .types.measures import Measure, measure_page
from .types.meetings import Meeting, meeting_page
from .types.organizations import Organization, Person
from .types.papers import Paper

NODE_TYPES: dict[str, Any] = {
    "Organization": Organization,
    "Person": Person,
    "Body": Body,
    "Meeting": Meeting,
    "Cycle": Cycle,
    "Measure": Measure,
    "Paper": Paper,
}


def node_of(document: Document | None) -> Any:
    if document is None or document.type not in NODE_TYPES:
        return None
    return NODE_TYPES[document.type].from_document(document)


def _require_signed_in(info: Info) -> None:
    if not info.context.principal.reads_personal_data:
        raise Unauthenticated("Sign in to read persons' data.")


async def _page(
    info: Info,
    table: str,
    order: list[str],
    make: Any,
    where: list[str],
    params: list[Any],
    first: int | None,
    after: str | None,
) -> Any:
    page = await info.context.run(
        info.context.queries.page,
        table,
        order,
        where=where,
        params=params,
        first=first,
        after=after,
    )
    return Connection.of(page, await nodes_of_page(info, page, make))


async def _node(info: Info, id: str) -> Node | None:
    """The object behind a global id; null for an id this service never gave out."""
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
        rows = await info.context.run(info.context.queries.events_by_position, [position])
        return Event.from_row(rows[0]) if rows else None
    if type_name not in NODE_TYPES:
        return None
    if type_name == "Person":
        _require_signed_in(info)
    document = await info.context.document(key)
    # The type named in the id must be the type found: "Measure:<a person's id>" is no
    # measure, and must not hand a person to a reader who may not see persons.
    return node_of(document) if document is not None and document.type == type_name else None


@strawberry.type
class StateQueries:
    @strawberry.field
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _node(info, id)

    @strawberry.field
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_PAGE:
            raise ValidationError(f"Ask for at most {MAX_PAGE} ids at a time.", "ids")
        # Concurrently, so the document loader fetches them in one batch.
        return list(await asyncio.gather(*(_node(info, id) for id in ids)))

    @strawberry.field
    async def organizations(
        self,
        info: Info,
        kind: OrganizationKindEnum | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Organization]:
        where, params = (["kind = ?"], [kind.value]) if kind else ([], [])
        return await _page(
            info,
            "organizations",
            ["name", "id"],
            Organization.from_document,
            where,
            params,
            first,
            after,
        )

    @strawberry.field
    async def persons(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Person]:
        _require_signed_in(info)
        return await _page(info, "persons", ["id"], Person.from_document, [], [], first, after)

    @strawberry.field
    async def bodies(
        self,
        info: Info,
        kind: BodyKindEnum | None = None,  # type: ignore[valid-type]
        active_on: date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Body]:
        where: list[str] = []
        params: list[Any] = []
        if kind:
            where.append("kind = ?")
            params.append(kind.value)
        if active_on:
            where.append("established_on <= ? AND (dissolved_on IS NULL OR dissolved_on > ?)")
            params += [active_on.isoformat()] * 2
        return await _page(
            info, "bodies", ["name", "id"], Body.from_document, where, params, first, after
        )

    @strawberry.field
    async def body(
        self, info: Info, id: strawberry.ID, as_of: datetime | None = None
    ) -> Body | None:
        key = str(uuid_of(id, "id", "Body"))
        document = await document_as_of(info, key, as_of, None)
        return Body.from_document(document) if document and document.type == "Body" else None

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
        return await _page(info, "cycles", ["number"], Cycle.from_document, [], [], first, after)

    @strawberry.field
    async def cycle(self, info: Info, number: int, as_of: datetime | None = None) -> Cycle | None:
        from ..domain.cycle import cycle_id

        document = await document_as_of(info, str(cycle_id(number)), as_of, None)
        return Cycle.from_document(document, as_of) if document else None

    @strawberry.field
    async def measures(
        self,
        info: Info,
        cycle: int | None = None,
        status: MeasureStatusEnum | None = None,  # type: ignore[valid-type]
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

    @strawberry.field(description="State as recorded at that time / that version.")
    async def measure(
        self,
        info: Info,
        id: strawberry.ID,
        as_of: datetime | None = None,
        version: int | None = None,
    ) -> Measure | None:
        key = str(uuid_of(id, "id", "Measure"))
        document = await document_as_of(info, key, as_of, version)
        return Measure.from_document(document) if document and document.type == "Measure" else None

    @strawberry.field
    async def papers(
        self,
        info: Info,
        reference: str | None = None,
        type: PaperTypeEnum | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Paper]:
        where: list[str] = []
        params: list[Any] = []
        if reference:
            where.append("LOWER(reference) = LOWER(?)")
            params.append(" ".join(reference.split()))
        if type:
            where.append("type = ?")
            params.append(type.value)
        return await _page(
            info, "papers", ["date", "id"], Paper.from_document, where, params, first, after
        )

    @strawberry.field
    async def paper(
        self, info: Info, id: strawberry.ID | None = None, reference: str | None = None
    ) -> Paper | None:
        if id is not None:
            key: str | None = str(uuid_of(id, "id", "Paper"))
        elif reference is not None:
            key = await info.context.run(info.context.queries.paper_by_reference, reference)
        else:
            raise DomainError("Give the paper's id or its reference.", "id")
        document = await info.context.document(key)
        return Paper.from_document(document) if document and document.type == "Paper" else None
