"""Running one command for the API: authorize, execute off the event loop, wait for the
views (read-your-writes), and turn refusals into userErrors."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, Protocol
from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import DomainError, Meta, optional_text
from ...domain.rights import require_may_write
from ..context import Info
from ..types.bodies import Body
from ..types.core import UserError
from ..types.cycles import Cycle
from ..types.events import Event
from ..types.measures import Measure
from ..types.meetings import Meeting
from ..types.organizations import Organization, Person
from ..types.papers import Paper

log = logging.getLogger(__name__)

Perform = Callable[[PlanningApp, Meta], UUID]
MAX_REASON = 2_000


class CommandInput(Protocol):
    """What every command's input carries, read only (an input may require a reason)."""

    @property
    def client_mutation_id(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def effective_on(self) -> dt.date | None: ...


def _user_error(error: DomainError) -> UserError:
    path = ["input", *error.field.split(".")] if error.field else None
    return UserError(field=path, message=error.message, code=error.code)


async def run_command(
    info: Info, data: CommandInput, perform: Perform
) -> tuple[UUID | None, list[UserError]]:
    context = info.context

    def work() -> UUID:
        principal = context.principal
        require_may_write(principal)  # before the input is read: no hints to readers
        meta = Meta(
            principal=principal,
            correlation_id=context.correlation_id,
            # The server's calendar day is the domain's "today"; without effectiveOn the
            # command dates what it records itself (the meeting's day, …) or takes today.
            today=dt.date.today(),
            effective_on=data.effective_on,
            on_behalf_of=principal.organization_id,
            reason=optional_text(data.reason, "reason", limit=MAX_REASON),
        )
        result = perform(context.app, meta)
        if not context.read_model.wait_until_current():
            log.warning("views did not catch up within the bound (%s)", context.correlation_id)
        return result

    try:
        result = await context.run(work)
    except DomainError as error:
        return None, [_user_error(error)]
    context.load.clear_all()  # this request reads the views as they are now
    return result, []


@strawberry.type
class OrganizationPayload:
    organization: Organization | None
    user_errors: list[UserError]
    client_mutation_id: str | None


@strawberry.type
class PersonPayload:
    person: Person | None
    user_errors: list[UserError]
    client_mutation_id: str | None


@strawberry.type
class BodyPayload:
    body: Body | None
    user_errors: list[UserError]
    client_mutation_id: str | None


@strawberry.type
class MeetingPayload:
    meeting: Meeting | None
    user_errors: list[UserError]
    client_mutation_id: str | None


@strawberry.type
class CyclePayload:
    cycle: Cycle | None
    user_errors: list[UserError]
    client_mutation_id: str | None


@strawberry.type
class MeasurePayload:
    measure: Measure | None
    user_errors: list[UserError]
    client_mutation_id: str | None


@strawberry.type
class PaperPayload:
    paper: Paper | None
    user_errors: list[UserError]
    client_mutation_id: str | None


@strawberry.type
class EventPayload:
    event: Event | None = strawberry.field(
        description="The event concerned: for redactEvent the redacted event as it reads now, "
        "for informParliamentaryGroups the ParliamentaryGroupsInformed event; null when the "
        "command was refused."
    )
    user_errors: list[UserError]
    client_mutation_id: str | None


VIEWS = {
    OrganizationPayload: "organizations",
    PersonPayload: "persons",
    BodyPayload: "bodies",
    MeetingPayload: "meetings",
    CyclePayload: "cycles",
    MeasurePayload: "measures",
    PaperPayload: "papers",
}


PAYLOADS: dict[type, tuple[str, Any]] = {
    OrganizationPayload: ("organization", Organization),
    PersonPayload: ("person", Person),
    BodyPayload: ("body", Body),
    MeetingPayload: ("meeting", Meeting),
    CyclePayload: ("cycle", Cycle),
    MeasurePayload: ("measure", Measure),
    PaperPayload: ("paper", Paper),
}


async def respond(info: Info, data: CommandInput, payload: type, perform: Perform) -> Any:
    """Runs the command and builds the payload around the changed object."""
    result, errors = await run_command(info, data, perform)
    name, node_type = PAYLOADS[payload]
    node = None
    if result is not None:
        view = getattr(info.context.queries, VIEWS[payload])
        rows = await info.context.run(view.by_ids, [str(result)])
        node = node_type.from_row(rows[str(result)]) if str(result) in rows else None
    return payload(**{name: node}, user_errors=errors, client_mutation_id=data.client_mutation_id)
