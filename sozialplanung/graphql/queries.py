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
from .types.measures import MAX_SEARCH, Measure, measure_page
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
        rows = await info.context.read(info.context.queries.cycles.by_ids, [key])
        row = rows.get(key)
    else:
        row = await loader.load(key)
    # Each view holds one type: "Measure:<a person's id>" finds no measure.
    return NODE_TYPES[type_name].from_row(row) if row is not None else None


async def _page(info: Info, read: Any, make: Any) -> Any:
    page = await info.context.read(read)
    return Connection.of(page, [make(row) for row in page.rows])


# Argument descriptions shared by several fields.
AS_OF = (
    "Recorded time to look back to (time travel): the state as the system had recorded it "
    "then, not a business date; null if it was not recorded yet."
)
ID_OF = "Its global id (or the bare UUID)."
FROM = "Only meetings that start at or after this moment."
TO = "Only meetings that start before this moment."


def arg(description: str) -> Any:
    return strawberry.argument(description=description)


@strawberry.type
class StateQueries:
    @strawberry.field(
        description="Any object by its global id; null for an id this service never gave out "
        "or whose type is not what it names. A Person needs a token, an Event ADMIN or ANALYST."
    )
    async def node(
        self, info: Info, id: Annotated[strawberry.ID, arg("A global id, as `id` gives it.")]
    ) -> Node | None:
        return await _node(info, id)

    @strawberry.field(
        description="Several objects by their global ids, answered in the order asked; null "
        "for each unknown id."
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[list[strawberry.ID], arg(f"Global ids, at most {MAX_PAGE}.")],
    ) -> list[Node | None]:
        if len(ids) > MAX_PAGE:
            raise ValidationError(f"Ask for at most {MAX_PAGE} ids at a time.", "ids")
        # Concurrently, so the loaders fetch them in one batch per type.
        return list(await asyncio.gather(*(_node(info, id) for id in ids)))

    @strawberry.field(description="Organisationen, by name.")
    async def organizations(
        self,
        info: Info,
        kind: Annotated[
            OrganizationKindEnum | None,
            arg("Only organisations of this kind."),
        ] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Organization]:
        view = info.context.queries.organizations
        return await _page(
            info,
            lambda: view.page(kind=kind.value if kind else None, first=first, after=after),
            Organization.from_row,
        )

    @strawberry.field(
        description="Personen, in no particular order; for signed-in clients only (any role)."
    )
    async def persons(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Person]:
        _require_signed_in(info)
        view = info.context.queries.persons
        return await _page(info, lambda: view.page(first=first, after=after), Person.from_row)

    @strawberry.field(description="Gremien, by name.")
    async def bodies(
        self,
        info: Info,
        kind: Annotated[
            BodyKindEnum | None,
            arg("Only bodies of this kind."),
        ] = None,
        active_on: Annotated[
            date | None,
            arg(
                "Only bodies that existed on this business date: established by then and not "
                "dissolved on or before it."
            ),
        ] = None,
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

    @strawberry.field(
        description="One body (Gremium) by id, now or as recorded at a past moment (asOf)."
    )
    async def body(
        self,
        info: Info,
        id: Annotated[strawberry.ID, arg(ID_OF)],
        as_of: Annotated[datetime | None, arg(AS_OF)] = None,
    ) -> Body | None:
        key = str(uuid_of(id, "id", "Body"))
        if as_of is None:
            row = await info.context.load.bodies.load(key)
        else:
            row = await row_as_of(info, key, as_of, None)
            row = row if row and row["_type"] == "Body" else None
        return Body.from_row(row) if row else None

    @strawberry.field(description="Sitzungen of every body or one, in the order they start.")
    async def meetings(
        self,
        info: Info,
        body: Annotated[strawberry.ID | None, arg("Only meetings of this body.")] = None,
        from_: Annotated[
            datetime | None, strawberry.argument(name="from", description=FROM)
        ] = None,
        to: Annotated[datetime | None, arg(TO)] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Meeting]:
        key = str(uuid_of(body, "body", "Body")) if body else None
        return await meeting_page(info, key, from_, to, first, after)

    @strawberry.field(description="Zyklen, by number.")
    async def cycles(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Cycle]:
        view = info.context.queries.cycles
        return await _page(info, lambda: view.page(first=first, after=after), Cycle.from_row)

    @strawberry.field(
        description="One cycle by its number, now or as recorded at a past moment (asOf); "
        "its statistics, measures, previous and next follow the same moment."
    )
    async def cycle(
        self,
        info: Info,
        number: Annotated[int, arg("The cycle's number.")],
        as_of: Annotated[datetime | None, arg(AS_OF)] = None,
    ) -> Cycle | None:
        if as_of is None:
            return await cycle_by_number(info, number)
        row = await row_as_of(info, str(cycle_id(number)), as_of, None)
        return Cycle.from_row(row, as_of) if row and row["_type"] == "Cycle" else None

    @strawberry.field(
        description="Maßnahmen by their current cycle, then title. For every measure with a "
        "term in a cycle, and counts that add up, ask cycle(number) { measures }."
    )
    async def measures(
        self,
        info: Info,
        cycle: Annotated[
            int | None, arg("Only measures whose current term is in this cycle.")
        ] = None,
        status: Annotated[
            MeasureStatusEnum | None,
            arg("Only measures with this current status."),
        ] = None,
        working_group: Annotated[
            strawberry.ID | None, arg("Only measures whose current working group is this body.")
        ] = None,
        lead: Annotated[
            strawberry.ID | None, arg("Only measures this organisation leads (Federführung).")
        ] = None,
        search: Annotated[
            str | None,
            arg(
                "Only measures whose text (title, description, evaluations) holds every word, "
                f"German word forms included; at most {MAX_SEARCH} characters."
            ),
        ] = None,
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
        text: Annotated[
            str, arg(f"The words to find (at most {MAX_SEARCH} characters); all must occur.")
        ],
        types: Annotated[
            list[SearchType] | None, arg("The kinds of objects to search; default all four.")
        ] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SearchHit]:
        return await search_page(info, text, types, first, after)

    @strawberry.field(
        description="One measure by id, now, or as recorded at a past moment (asOf) or at a "
        "version (time travel); asOf wins when both are given."
    )
    async def measure(
        self,
        info: Info,
        id: Annotated[strawberry.ID, arg(ID_OF)],
        as_of: Annotated[datetime | None, arg(AS_OF)] = None,
        version: Annotated[
            int | None, arg("The version to replay (1: as proposed); none if it was never reached.")
        ] = None,
    ) -> Measure | None:
        key = str(uuid_of(id, "id", "Measure"))
        if as_of is None and version is None:
            row = await info.context.load.measures.load(key)
        else:
            row = await row_as_of(info, key, as_of, version)
            row = row if row and row["_type"] == "Measure" else None
        return Measure.from_row(row) if row else None

    @strawberry.field(description="Vorlagen, by date, oldest first.")
    async def papers(
        self,
        info: Info,
        reference: Annotated[
            str | None,
            arg(
                "Only papers with this reference, case and spacing aside (a withdrawn paper "
                "may share it with a newer one)."
            ),
        ] = None,
        type: Annotated[
            PaperTypeEnum | None,
            arg("Only papers of this type."),
        ] = None,
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

    @strawberry.field(
        description="One paper (Vorlage) by id or by reference; give one of them. By "
        "reference, a current paper comes before a withdrawn one that had it."
    )
    async def paper(
        self,
        info: Info,
        id: Annotated[strawberry.ID | None, arg(ID_OF)] = None,
        reference: Annotated[
            str | None, arg("Its reference, e.g. FB 50/0098/WP16, case and spacing aside.")
        ] = None,
    ) -> Paper | None:
        if id is not None:
            row = await info.context.load.papers.load(str(uuid_of(id, "id", "Paper")))
        elif reference is not None:
            row = await info.context.run(info.context.queries.papers.by_reference, reference)
        else:
            raise DomainError("Give the paper's id or its reference.", "id")
        return Paper.from_row(row) if row else None
