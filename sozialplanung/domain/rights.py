"""Wer darf was: the rights of every role over every command (DESIGN §8). Pure: no I/O.

A command is decided against each aggregate it changes, from the principal's *relation* to
that aggregate as recorded before the change — never from a value the caller supplies in the
same request (naming your own organisation as a new measure's lead grants nothing). The
application layer works out the relation from the aggregates it loads for the command anyway
(``application/unit_of_work.py``); this module only judges it.

Roles: ADMIN does everything. COORDINATOR acts on what its organisation leads (Federführung):
a body, the bodies below it, their meetings, a cycle through its conference body, a measure
through itself, its working group or its cycle's conference, a paper it leads. MEMBER reports
progress and evaluations of measures in the working groups its organisation belongs to.
ANALYST reads and never writes. PUBLIC (no token) reads the public views and writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from .base import DomainError, ErrorCode


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
    """Who sends a command or a query: a token's holder, or the anonymous PUBLIC."""

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


def administrator(name: str) -> Principal:
    """The principal of the console commands and the demo: whoever runs them holds the store."""
    return Principal(name=name, role=Role.ADMIN)


class Relation(StrEnum):
    """How the principal's organisation stands to an aggregate, as recorded before a change."""

    LEADS = "LEADS"  # leads it: the body, the meeting's body, the cycle's conference, the
    #                  measure, the paper (Federführung)
    LEADS_ABOVE = "LEADS_ABOVE"  # leads a body above it: a parent body, a measure's working
    #                  group or its cycle's conference
    MEMBER = "MEMBER"  # a current member of the measure's working group
    NONE = "NONE"


LEADERS = frozenset({Relation.LEADS, Relation.LEADS_ABOVE})
OWN = frozenset({Relation.LEADS})
ANY = frozenset(Relation)
NOBODY: frozenset[Relation] = frozenset()


@dataclass(frozen=True)
class Rule:
    """The relations to the changed aggregate that let a COORDINATOR or a MEMBER send a
    command; ADMIN may always, ANALYST and PUBLIC never."""

    coordinator: frozenset[Relation]
    member: frozenset[Relation] = NOBODY
    aggregate: str = ""  # what the relation is judged on, for the rights matrix


# One row per command, and one per further kind of aggregate a compound command changes
# ("command:aggregate"): submitPaper refers measures as referMeasure does, concludeConsultation
# decides them as decideMeasure does. A command missing here cannot run: the application asks
# for its rule, and the rights test walks the schema's mutations against this table.
RULES: dict[str, Rule] = {
    "registerOrganization": Rule(ANY, aggregate="—"),
    "registerPerson": Rule(ANY, aggregate="—"),
    "renameOrganization": Rule(NOBODY, aggregate="organization"),
    "erasePerson": Rule(NOBODY, aggregate="person"),
    "establishBody": Rule(LEADERS, aggregate="parent body (or the new body's own lead)"),
    "assignLead": Rule(LEADERS, aggregate="body"),
    "shiftFocus": Rule(LEADERS, aggregate="body"),
    "setCadence": Rule(LEADERS, aggregate="body"),
    "addMember": Rule(LEADERS, aggregate="body"),
    "changeMemberRole": Rule(LEADERS, aggregate="body"),
    "removeMember": Rule(LEADERS, aggregate="body"),
    "dissolveBody": Rule(LEADERS, aggregate="body"),
    "publishNotice": Rule(LEADERS, aggregate="body"),
    "scheduleMeeting": Rule(LEADERS, aggregate="body"),
    "addAgendaItem": Rule(LEADERS, aggregate="meeting's body"),
    "rescheduleMeeting": Rule(LEADERS, aggregate="meeting's body"),
    "recordMeetingHeld": Rule(LEADERS, aggregate="meeting's body"),
    "recordResolution": Rule(LEADERS, aggregate="meeting's body"),
    "cancelMeeting": Rule(LEADERS, aggregate="meeting's body"),
    "openCycle": Rule(OWN, aggregate="conference body"),
    "assignWorkingGroup": Rule(OWN, aggregate="cycle's conference body"),
    "recordConferenceHeld": Rule(OWN, aggregate="cycle's conference body"),
    "closeCycle": Rule(OWN, aggregate="cycle's conference body"),
    "proposeMeasure": Rule(LEADERS, aggregate="working group in the cycle"),
    "reviseMeasure": Rule(LEADERS, aggregate="measure"),
    "referMeasure": Rule(LEADERS, aggregate="measure"),
    "referMeasure:paper": Rule(OWN, aggregate="paper it is referred to"),
    "decideMeasure": Rule(LEADERS, aggregate="measure"),
    "startImplementation": Rule(LEADERS, aggregate="measure"),
    "reportProgress": Rule(LEADERS, LEADERS | {Relation.MEMBER}, aggregate="measure"),
    "evaluateMeasure": Rule(LEADERS, LEADERS | {Relation.MEMBER}, aggregate="measure"),
    "carryForwardMeasure": Rule(LEADERS, aggregate="measure"),
    "carryForwardMeasure:workingGroup": Rule(LEADERS, aggregate="target working group"),
    "completeMeasure": Rule(LEADERS, aggregate="measure"),
    "dropMeasure": Rule(LEADERS, aggregate="measure"),
    "withdrawMeasure": Rule(LEADERS, aggregate="measure"),
    "submitPaper": Rule(OWN, aggregate="the new paper's lead and reference"),
    "submitPaper:measure": Rule(LEADERS, aggregate="each measure it refers"),
    "scheduleConsultation": Rule(OWN, aggregate="paper"),
    "concludeConsultation": Rule(OWN, aggregate="paper"),
    "concludeConsultation:measure": Rule(LEADERS, aggregate="each measure it decides"),
    "settlePaper": Rule(OWN, aggregate="paper"),
    "withdrawPaper": Rule(OWN, aggregate="paper"),
    "informParliamentaryGroups": Rule(LEADERS, aggregate="measure or paper"),
    "redactEvent": Rule(NOBODY, aggregate="event"),
}

# Bodies that belong to the whole city, not to one department: only an administrator
# establishes, re-leads or dissolves them (their keys — the one Sozialkonferenz whose lead
# opens cycles, the committees that decide — must not be claimed by a department).
CITY_WIDE_KINDS = frozenset({"SOCIAL_CONFERENCE", "COMMITTEE", "COUNCIL"})


def rule(command: str) -> Rule:
    """The row for a command, or for "command:aggregate" of a compound command."""
    try:
        return RULES[command]
    except KeyError:
        # A defect, not a refusal: every command the application runs has a row above.
        raise LookupError(f"No rights rule for the command {command!r}.") from None


def require_may_send(principal: Principal, command: str) -> None:
    """The cheap first check, before anything is loaded: may this role send it at all?"""
    allowed = rule(command)
    role = principal.role
    if role is Role.PUBLIC:
        raise Unauthenticated("Sign in with a bearer token to change anything.")
    if role is Role.ADMIN:
        return
    if role is Role.ANALYST:
        raise Forbidden("An ANALYST reads but does not write.")
    relations = allowed.coordinator if role is Role.COORDINATOR else allowed.member
    if not relations:
        raise Forbidden(f"{command} is not open to a {role.value}.")
    if principal.organization_id is None and relations != ANY:
        raise Forbidden(f"A {role.value} token without an organisation leads nothing.")


def require_may_write(principal: Principal) -> None:
    """Before anything of a command is even read: PUBLIC and ANALYST write nothing."""
    if principal.role is Role.PUBLIC:
        raise Unauthenticated("Sign in with a bearer token to change anything.")
    if principal.role is Role.ANALYST:
        raise Forbidden("An ANALYST reads but does not write.")


def require(principal: Principal, command: str, relation: Relation, what: str) -> None:
    """Refuses unless the principal, standing in ``relation`` to ``what``, may send it."""
    require_may_send(principal, command.split(":")[0])
    if principal.role is Role.ADMIN:
        return
    allowed = rule(command)
    relations = allowed.coordinator if principal.role is Role.COORDINATOR else allowed.member
    if relation not in relations:
        raise Forbidden(
            f"{command}: your organisation does not lead {what}"
            + (" or belong to its working group." if Relation.MEMBER in relations else ".")
        )


def require_city_wide_by_admin(principal: Principal, command: str, kind: str) -> None:
    if kind in CITY_WIDE_KINDS and principal.role is not Role.ADMIN:
        raise Forbidden(
            f"{command}: a {kind} belongs to the whole city; only an administrator "
            "establishes, re-leads or dissolves it."
        )


# Paper references carry the issuing organisation's code before the first slash
# ("FB 50/0098/WP16"); council motions are numbered by the council office ("105/16").
_REFERENCE_CODE = re.compile(r"^([^/]*[^\W\d_][^/]*)/")


def reference_code(reference: str) -> str | None:
    """The organisation code a reference begins with, or None for a plain number."""
    found = _REFERENCE_CODE.match(reference)
    return " ".join(found.group(1).split()).casefold() if found else None


def require_may_submit(
    principal: Principal, reference: str, lead_id: UUID | None, own_code: str | None
) -> None:
    """A COORDINATOR submits papers its own organisation leads, under references in its own
    organisation's namespace; plain numbers (council motions) are the council office's."""
    require_may_send(principal, "submitPaper")
    if principal.role is Role.ADMIN:
        return
    if lead_id is None or lead_id != principal.organization_id:
        raise Forbidden("submitPaper: name your own organisation as the paper's lead.", "lead")
    code = reference_code(reference)
    if code is None:
        raise Forbidden(
            f"submitPaper: {reference!r} carries no organisation code; references without "
            "one (council motions) are registered by an administrator.",
            "reference",
        )
    if own_code is None or code != " ".join(own_code.split()).casefold():
        raise Forbidden(
            f"submitPaper: {reference!r} belongs to another organisation's references; "
            f"yours begin with {own_code or '(your organisation has no short name)'}/.",
            "reference",
        )


_RELATION_WORDS = {
    Relation.LEADS: "leads it",
    Relation.LEADS_ABOVE: "leads a body above it",
    Relation.MEMBER: "is a member of its working group",
}


def _words(relations: frozenset[Relation]) -> str:
    if relations == ANY:
        return "always"
    return ", or ".join(w for r, w in _RELATION_WORDS.items() if r in relations) or "—"


def rights_matrix() -> list[str]:
    """The rule table as Markdown: who may send which command for whose aggregate."""
    rows = [
        "| command | judged on | COORDINATOR, if its organisation … "
        "| MEMBER, if its organisation … |",
        "|---|---|---|---|",
    ]
    for command, allowed in RULES.items():
        rows.append(
            f"| `{command}` | {allowed.aggregate} | {_words(allowed.coordinator)} "
            f"| {_words(allowed.member)} |"
        )
    return rows
