"""Who may do what (DESIGN §6): roles and the check that runs before every command.

ADMIN does everything. COORDINATOR acts for the bodies, cycles, measures and papers its
organisation leads. MEMBER reports progress and evaluations of measures in the working
groups its organisation belongs to. ANALYST reads everything and writes nothing. Without a
token a client is PUBLIC: it reads the public views and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from ..domain.base import DomainError, ErrorCode


class Role(StrEnum):
    ADMIN = "ADMIN"
    COORDINATOR = "COORDINATOR"
    MEMBER = "MEMBER"
    ANALYST = "ANALYST"
    PUBLIC = "PUBLIC"


class Forbidden(DomainError):
    code = ErrorCode.FORBIDDEN


class Unauthenticated(DomainError):
    code = ErrorCode.UNAUTHENTICATED


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role
    organization_id: UUID | None = None

    @property
    def actor(self) -> str:
        return f"{self.role.value.lower()}:{self.name}"

    @property
    def reads_history(self) -> bool:
        return self.role in (Role.ADMIN, Role.ANALYST)

    @property
    def reads_personal_data(self) -> bool:
        return self.role is not Role.PUBLIC


PUBLIC = Principal(name="anonymous", role=Role.PUBLIC)

# Commands a MEMBER may send for measures of its own working groups.
MEMBER_COMMANDS = {"reportProgress", "evaluateMeasure"}
# Commands that open something new and name no existing leader to check against.
OPEN_TO_COORDINATORS = {"registerOrganization", "registerPerson"}


def authorize(
    principal: Principal, command: str, leads: Iterable[UUID | None], members: Iterable[UUID] = ()
) -> None:
    """Refuses unless the principal may send ``command`` for a target led by ``leads``
    (and, for a MEMBER, whose working group has ``members``)."""
    role = principal.role
    if role is Role.PUBLIC:
        raise Unauthenticated("Sign in with a bearer token to change anything.")
    if role is Role.ADMIN:
        return
    if role is Role.ANALYST:
        raise Forbidden("An ANALYST reads but does not write.")
    org = principal.organization_id
    if role is Role.COORDINATOR:
        if command in OPEN_TO_COORDINATORS or (org is not None and org in set(leads)):
            return
        raise Forbidden(f"{command}: your organisation does not lead this.")
    if (
        role is Role.MEMBER
        and command in MEMBER_COMMANDS
        and org is not None
        and (org in set(leads) or org in set(members))
    ):
        return
    raise Forbidden(f"{command} is not open to a {role.value} here.")


def current_members(memberships: list[dict], on: date) -> list[UUID]:
    return [
        m["member_id"]
        for m in memberships
        if m["since"] <= on and (m["until"] is None or on < m["until"])
    ]
