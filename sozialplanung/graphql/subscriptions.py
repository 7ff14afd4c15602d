"""Live events over graphql-transport-ws, resumable from an audit-log position."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from .context import Info
from .history import audit_filter
from .inputs import EventFilter
from .types.core import require_history
from .types.events import Event

WAIT_SECONDS = 30.0  # then look again; a closed socket cancels the wait at once


@strawberry.type(description="Live updates over a websocket (graphql-transport-ws at /graphql).")
class Subscription:
    @strawberry.subscription(
        description="Live events over graphql-transport-ws: each event recorded from now on "
        "that matches the filter, in log order; afterPosition resumes without gaps or "
        "duplicates. ADMIN and ANALYST, like `events`."
    )
    async def event_appended(
        self,
        info: Info,
        filter: Annotated[
            EventFilter | None,
            strawberry.argument(
                description="Which events; with afterPosition, also those after that position."
            ),
        ] = None,
    ) -> AsyncGenerator[Event, None]:
        context = info.context
        await context.run(lambda: context.principal)  # token from connection_init; off the loop
        require_history(info)
        chosen, audit = audit_filter(filter), context.queries.audit
        if chosen.after_position is not None:
            position = chosen.after_position
        else:
            position = context.read_model.runner.position
        while True:
            # Everything up to `latest` is considered in one go, so a quiet filter never
            # skips an event that arrives meanwhile.
            latest = context.read_model.runner.position
            page = await context.run(audit.between, chosen, position, latest)
            for row in page.rows:
                position = row["position"]
                yield Event.from_row(row)
            if page.has_next:
                continue
            position = max(position, latest)
            await context.read_model.runner.wait_past(position, WAIT_SECONDS)
            # Asked again after each wait, so revoking a token ends its stream.
            await context.run(context.recheck)
