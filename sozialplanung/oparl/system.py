"""System (the entry point) and Body (the city): both made of settings, not of events.
Their created and modified are the time the event log began (the settings' own changes
leave no trace to date them by)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..projections.oparl import Stamp
from ..projections.view import moment
from .context import Ctx, oparl_object
from .urls import BODY, BODY_LISTS
from .values import OPARL


def stamp(ctx: Ctx) -> Stamp:
    """The System's and the Body's times; an empty store has no history yet: now."""
    began = ctx.q.first_event_at() or moment(datetime.now(UTC))
    return Stamp("body", BODY, 0, None, began, began, False)


def system(ctx: Ctx) -> dict[str, Any]:
    settings, urls = ctx.settings, ctx.urls
    return oparl_object(
        "System",
        urls.system,
        stamp(ctx),
        oparlVersion=OPARL,
        body=urls.bodies,
        name=f"Sozialplanung {settings.city_name}",
        license=settings.city_license,
        contactEmail=settings.city_contact_email,
        contactName=settings.city_contact_name,
        website=urls.web,
    )


def body(ctx: Ctx, found: Stamp) -> dict[str, Any]:
    settings, urls = ctx.settings, ctx.urls
    lists = {name: urls.body_list(name) for name in BODY_LISTS}
    answer = oparl_object(
        "Body",
        urls.body,
        found,
        system=urls.system,
        name=settings.city_name,
        website=settings.city_website,
        license=settings.city_license,
        contactEmail=settings.city_contact_email,
        contactName=settings.city_contact_name,
        web=urls.web,
        **lists,
    )
    if not ctx.omit_internal:
        # Required, and an empty list where there is none (spec 2.4): the city's
        # legislative terms are not recorded here.
        answer["legislativeTerm"] = []
    return answer
