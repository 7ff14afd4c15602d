"""Organization (our Gremien and our organisations), Person and Membership.

A Gremium (Arbeitskreis, Lenkungsgruppe, Sozialkonferenz and its working groups, a
committee, the council) is an OParl Organization of organizationType "Gremium"; a
Fachbereich, the Jobcenter, a welfare association or a Fraktion is one of its own type.
Persons appear without any name: whoever reads without a token (as every OParl client
does) may not see persons' names in this service. OParl's Membership is a person's; that an
organisation is a member of a Gremium is shown on the Gremium
(``sozialplanung:memberOrganization``).
"""

from __future__ import annotations

from typing import Any

from ..projections.database import Row
from ..projections.oparl import Stamp
from .context import Ctx, oparl_object
from .values import BODY_CLASSIFICATION, MEMBER_ROLE, ORGANIZATION_TYPE, VENDOR, last_day


def organizations(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    bodies = ctx.q.bodies.by_ids([s.k1 for s in stamps if s.k2 == 0])
    others = ctx.q.organizations.by_ids([s.k1 for s in stamps if s.k2 == 1])
    return [
        gremium(ctx, bodies[s.k1], s) if s.k2 == 0 else organization(ctx, others[s.k1], s)
        for s in stamps
    ]


def gremium(ctx: Ctx, row: Row, stamp: Stamp) -> dict[str, Any]:
    urls, key = ctx.urls, row["id"]
    memberships = list(enumerate(row["memberships"]))
    return oparl_object(
        "Organization",
        urls.organization(key),
        stamp,
        body=urls.body,
        name=row["name"],
        membership=[
            urls.membership(key, seq) for seq, m in memberships if m["member_type"] == "PERSON"
        ],
        meeting=urls.organization_list(key, "meeting"),
        consultation=urls.organization_list(key, "consultation"),
        subOrganizationOf=urls.organization(row["parent_id"]) if row["parent_id"] else None,
        organizationType="Gremium",
        classification=BODY_CLASSIFICATION.get(row["kind"], row["kind"]),
        startDate=row["established_on"],
        endDate=last_day(row["dissolved_on"], row["established_on"]),
        **{
            VENDOR + "topic": row["topic"],
            VENDOR + "cadence": (row["cadence"] or {}).get("description"),
            VENDOR + "lead": urls.organization(row["lead_id"]) if row["lead_id"] else None,
            VENDOR + "memberOrganization": [
                _member_organization(ctx, m)
                for _, m in memberships
                if m["member_type"] == "ORGANIZATION"
            ],
        },
    )


def _member_organization(ctx: Ctx, membership: Row) -> dict[str, Any]:
    behalf = membership["on_behalf_of_id"]
    return {
        k: v
        for k, v in {
            "organization": ctx.urls.organization(membership["member_id"]),
            "role": MEMBER_ROLE.get(membership["role"], membership["role"]),
            "startDate": membership["since"],
            "endDate": last_day(membership["until"], membership["since"]),
            "onBehalfOf": ctx.urls.organization(behalf) if behalf else None,
        }.items()
        if v is not None
    }


def organization(ctx: Ctx, row: Row, stamp: Stamp) -> dict[str, Any]:
    urls = ctx.urls
    kind, classification = ORGANIZATION_TYPE.get(row["kind"], ("Sonstiges", row["kind"]))
    return oparl_object(
        "Organization",
        urls.organization(row["id"]),
        stamp,
        body=urls.body,
        name=row["name"],
        shortName=row["short_name"],
        subOrganizationOf=urls.organization(row["parent_id"]) if row["parent_id"] else None,
        organizationType=kind,
        classification=classification,
    )


def persons(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    keys = [s.k1 for s in stamps]
    rows = ctx.q.persons.by_ids(keys)
    memberships = ctx.q.memberships_of_persons(keys) if not ctx.omit_internal else {}
    inner = ctx.q.stamps_of("membership", keys) if not ctx.omit_internal else {}
    return [person(ctx, rows[s.k1], s, memberships.get(s.k1), inner.get(s.k1, [])) for s in stamps]


def person(
    ctx: Ctx, row: Row, stamp: Stamp, memberships: list[Row] | None, inner: list[Stamp]
) -> dict[str, Any]:
    """No name, ever (not even the erased flag says more than ``deleted``)."""
    urls = ctx.urls
    by_key = {(s.k1, s.k2): s for s in inner}
    affiliation = row["affiliation_id"]
    return oparl_object(
        "Person",
        urls.person(row["id"]),
        stamp,
        body=urls.body,
        membership=None
        if memberships is None
        else [
            membership(ctx, m, by_key[(m["body_id"], int(m["seq"]))], embedded=True)
            for m in memberships
        ],
        **{VENDOR + "affiliation": urls.organization(affiliation) if affiliation else None},
    )


def memberships(ctx: Ctx, stamps: list[Stamp]) -> list[dict[str, Any]]:
    rows = ctx.q.memberships([(s.k1, s.k2) for s in stamps])
    return [membership(ctx, rows[(s.k1, s.k2)], s, embedded=False) for s in stamps]


def membership(ctx: Ctx, row: Row, stamp: Stamp, *, embedded: bool) -> dict[str, Any]:
    """Inside a Person without the person (the spec's rule for embedded objects)."""
    urls = ctx.urls
    behalf = row["on_behalf_of_id"]
    return oparl_object(
        "Membership",
        urls.membership(row["body_id"], int(row["seq"])),
        stamp,
        person=None if embedded else urls.person(row["member_id"]),
        organization=urls.organization(row["body_id"]),
        role=MEMBER_ROLE.get(row["role"], row["role"]),
        startDate=row["since"],
        endDate=last_day(row["until"], row["since"]),
        onBehalfOf=urls.organization(behalf) if behalf else None,
    )
