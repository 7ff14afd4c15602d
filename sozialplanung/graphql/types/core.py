"""Node, Relay connections, enums and errors shared by every type."""

from __future__ import annotations

from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from ...domain.base import ErrorCode
from ...domain.body import BodyKind, MemberRole
from ...domain.cycle import CycleStatus
from ...domain.measure import EvaluationOutcome, MeasureStatus
from ...domain.meeting import DecisionKind, MeetingStatus
from ...domain.organization import OrganizationKind
from ...domain.paper import ConsultationRole, PaperType
from ...domain.rights import Forbidden, Unauthenticated
from ...projections.paging import Page
from ..context import Info

T = TypeVar("T")


def described_enum(cls: type[Enum], name: str, description: str, values: dict[str, str]) -> None:
    """Makes a domain enum a GraphQL enum, in place, with a description for the enum and each
    of its values (the domain knows no GraphQL: the descriptions live here)."""
    enum: Any = strawberry.enum(cls, name=name, description=description)
    definition = enum.__strawberry_definition__
    names = {value.name for value in definition.values}
    if names != set(values):
        raise LookupError(f"{name}: describe exactly {sorted(names)}, not {sorted(values)}")
    for value in definition.values:
        value.description = values[value.name]


described_enum(
    OrganizationKind,
    "OrganizationKind",
    "Organisationsart: what kind of organisation takes part in the city's social planning.",
    {
        "DEPARTMENT": "Fachbereich: a department of the city administration, e.g. FB 50 "
        "(Soziales und Integration).",
        "REGIONAL_INSTITUTION": "Einrichtung der StädteRegion: a regional institution, e.g. "
        "the Jobcenter or the Gesundheitsamt.",
        "WELFARE_ASSOCIATION": "Verband der Freien Wohlfahrtspflege: a welfare association "
        "(or one of its member associations).",
        "PARLIAMENTARY_GROUP": "Fraktion: a parliamentary group of the city council; only "
        "these are informed by informParliamentaryGroups.",
        "EXTERNAL": "An external partner outside the administration and the welfare associations.",
        "OTHER": "Any other organisation.",
    },
)
described_enum(
    BodyKind,
    "BodyKind",
    "Art des Gremiums: the kinds of bodies of council paper FB 50/0098/WP16 and the "
    "political bodies that deliberate and decide.",
    {
        "INFORMATION_FORUM": "Allgemeine Information: a forum that informs, e.g. the "
        "Versammlung der Fachbereichsleiter.",
        "WORKING_GROUP": "Arbeitskreis, e.g. the Arbeitskreis Sozialplanung; the paper "
        "foresees one or two meetings a year (complianceReport checks it).",
        "STEERING_GROUP": "Lenkungsgruppe: works on one topic (required), brought into a "
        "political committee at least once a year.",
        "SOCIAL_CONFERENCE": "Sozialkonferenz: meets every two years; its working groups "
        "evaluate the last cycle's measures and formulate new ones; its lead opens and closes "
        "cycles. City-wide: established, re-led and dissolved by ADMIN only.",
        "CONFERENCE_WORKING_GROUP": "Arbeitsgruppe der Sozialkonferenz: a working group "
        "under a SOCIAL_CONFERENCE (its parent) that proposes and evaluates measures.",
        "COMMITTEE": "Fachausschuss: a political committee of the council; decides measures. "
        "City-wide: established, re-led and dissolved by ADMIN only.",
        "COUNCIL": "Rat: the city council; decides measures. City-wide: established, re-led "
        "and dissolved by ADMIN only.",
    },
)
described_enum(
    MemberRole,
    "MemberRole",
    "Rolle: the part a member plays in a body. A MEMBER token may report progress on and "
    "evaluate the measures of a working group its organisation belongs to, in any role.",
    {
        "LEAD": "Leitung: chairs the body's work; rights follow Body.lead (Federführung), "
        "set by assignLead, not this role.",
        "DEPUTY": "Stellvertretung: deputises for the lead.",
        "MEMBER": "Mitglied: a regular member.",
        "CO_OPTED": "Hinzugezogen: co-opted for a time or a topic.",
        "GUEST": "Gast: attends without being a member proper.",
        "EXPERT": "Sachverständige(r): contributes expertise.",
    },
)
described_enum(
    MeetingStatus,
    "MeetingStatus",
    "Status einer Sitzung: where a meeting stands.",
    {
        "SCHEDULED": "Geplant: scheduled; may be rescheduled, cancelled or recorded as held.",
        "HELD": "Durchgeführt: recorded as held, with attendance and minutes; resolutions "
        "can be recorded.",
        "CANCELLED": "Abgesagt: cancelled; it stays in the calendar feed as cancelled.",
    },
)
described_enum(
    CycleStatus,
    "CycleStatus",
    "Status eines Zyklus: where a cycle between two Sozialkonferenzen stands.",
    {
        "OPEN": "Eröffnet: opened; its conference has not been recorded yet.",
        "CONFERENCE_HELD": "Its Sozialkonferenz was recorded as held (recordConferenceHeld).",
        "CLOSED": "Geschlossen: takes no new measures, working groups or carried-forward measures.",
    },
)
described_enum(
    MeasureStatus,
    "MeasureStatus",
    "Status einer Maßnahme in its lifecycle: PROPOSED → IN_DELIBERATION → ADOPTED or "
    "REJECTED; ADOPTED → IN_IMPLEMENTATION → EVALUATED → COMPLETED, DROPPED or "
    "CARRIED_FORWARD; PROPOSED or IN_DELIBERATION → WITHDRAWN.",
    {
        "PROPOSED": "Vorgeschlagen: proposed by a conference working group (or carried "
        "forward with a revised text).",
        "IN_DELIBERATION": "In der Beratungsfolge: referred to a paper (Vorlage) that the "
        "political bodies deliberate.",
        "ADOPTED": "Beschlossen: adopted by a COMMITTEE or the COUNCIL (or carried forward "
        "unchanged).",
        "REJECTED": "Abgelehnt: rejected by a political body; ends the term.",
        "IN_IMPLEMENTATION": "In Umsetzung: implementation started; progress is reported "
        "in percent.",
        "EVALUATED": "Bewertet: evaluated at the next Sozialkonferenz.",
        "COMPLETED": "Abgeschlossen: done after an evaluation other than NOT_IMPLEMENTED; "
        "ends the term.",
        "CARRIED_FORWARD": "Fortgeführt: a term that ended by carrying the measure into a "
        "later cycle (in MeasureTerm.reached and the statistics); the measure itself starts "
        "its new term as ADOPTED or PROPOSED.",
        "DROPPED": "Nicht weiterverfolgt: dropped after its evaluation; ends the term.",
        "WITHDRAWN": "Zurückgezogen: withdrawn before a decision; ends the term.",
    },
)
described_enum(
    EvaluationOutcome,
    "EvaluationOutcome",
    "Bewertungsergebnis: how far a measure was put into practice in its term, as the "
    "Sozialkonferenz found.",
    {
        "IMPLEMENTED": "Umgesetzt: fully implemented (counts 1 in the implementation rate).",
        "PARTIALLY_IMPLEMENTED": "Teilweise umgesetzt: partly implemented (counts 0.5).",
        "NOT_IMPLEMENTED": "Nicht umgesetzt: not implemented (counts 0); such a measure "
        "cannot be completed, only dropped or carried forward.",
    },
)
described_enum(
    PaperType,
    "PaperType",
    "Art der Vorlage: what kind of council paper it is.",
    {
        "MOTION": "Ratsantrag: a motion, e.g. of a parliamentary group (105/16).",
        "INFORMATION": "Mitteilungsvorlage: for the bodies to take note of (Kenntnisnahme), "
        "e.g. FB 50/0098/WP16.",
        "DECISION_PROPOSAL": "Beschlussvorlage: proposes a decision (decisionProposal).",
        "REPORT": "Bericht: a report.",
    },
)
described_enum(
    ConsultationRole,
    "ConsultationRole",
    "Beratungsrolle: what a body does with a paper in its Beratungsfolge.",
    {
        "PRELIMINARY": "Vorberatung: deliberates before the deciding body.",
        "DECISION": "Entscheidung: decides.",
        "NOTICE": "Kenntnisnahme: takes note.",
        "HEARING": "Anhörung: is heard.",
    },
)
described_enum(
    DecisionKind,
    "DecisionKind",
    "Beschlussart: what a body concluded on an agenda item or in a consultation.",
    {
        "NOTED": "Kenntnisnahme: taken note of; decides no measures.",
        "APPROVED": "Zustimmung: approved; in the authoritative consultation it may adopt "
        "measures.",
        "APPROVED_AMENDED": "Zustimmung mit Änderungen: approved with amendments; may adopt "
        "measures like APPROVED.",
        "REJECTED": "Ablehnung: rejected; it adopts no measure (it may reject them).",
        "DEFERRED": "Vertagung: deferred to a later meeting; decides no measures.",
        "REFERRED": "Verweisung: referred to another body; decides no measures.",
    },
)
described_enum(
    ErrorCode,
    "UserErrorCode",
    "Why a command was refused (also `extensions.code` of query errors). A refused command "
    "writes nothing.",
    {
        "NOT_FOUND": "An id or number names nothing of the kind asked for.",
        "VALIDATION": "An input breaks a rule (length, range, date, kind …); `field` names it.",
        "INVALID_TRANSITION": "Not possible in the object's current status, e.g. deciding "
        "a measure that was never referred to a paper.",
        "VERSION_CONFLICT": "expectedVersion differs from the object's version: someone "
        "changed it meanwhile. Reload and retry.",
        "DUPLICATE": "Already there: a paper reference, cycle number, membership, agenda item "
        "number, authoritative consultation, or a clientMutationId used for another command.",
        "FORBIDDEN": "Your role, or your organisation's relation to the object, does not allow it.",
        "UNAUTHENTICATED": "Needs a bearer token: PUBLIC clients change nothing.",
    },
)

# strawberry.enum() registers a domain enum in place and returns the class itself: the
# names below are aliases of the domain's classes, so that type checkers take them as types.
OrganizationKindEnum = OrganizationKind
BodyKindEnum = BodyKind
MemberRoleEnum = MemberRole
MeetingStatusEnum = MeetingStatus
CycleStatusEnum = CycleStatus
MeasureStatusEnum = MeasureStatus
EvaluationOutcomeEnum = EvaluationOutcome
PaperTypeEnum = PaperType
ConsultationRoleEnum = ConsultationRole
DecisionKindEnum = DecisionKind
UserErrorCode = ErrorCode


@strawberry.interface(
    description="An object with a global, opaque id; node(id) and nodes(ids) fetch any of them."
)
class Node:
    id: strawberry.ID = strawberry.field(
        description="Global, opaque id (base64 of Type:key); inputs also accept the bare UUID."
    )


@strawberry.type(description="Where a page lies in its list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="True when more items follow: ask again with after: endCursor."
    )
    has_previous_page: bool = strawberry.field(
        description="True when this page continues the list (it was asked for with `after`)."
    )
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first item of the page; null for an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item of the page: pass it as `after` for the next "
        "page; null for an empty page."
    )


@strawberry.type
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque position of this item: pass it as `after` to continue after it."
    )
    node: T = strawberry.field(description="The item itself.")


@strawberry.type
class Connection(Generic[T]):
    nodes: list[T] = strawberry.field(
        description="The items of this page, in the list's order (without cursors)."
    )
    page: strawberry.Private[Page]

    @strawberry.field(description="The items of this page, each with its cursor.")
    def edges(self) -> list[Edge[T]]:
        return [Edge(cursor=c, node=n) for c, n in zip(self.page.cursors, self.nodes, strict=True)]

    @strawberry.field(description="Whether more items follow, and the cursors to page on.")
    def page_info(self) -> PageInfo:
        cursors = self.page.cursors
        return PageInfo(
            has_next_page=self.page.has_next,
            has_previous_page=self.page.has_previous,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )

    @strawberry.field(
        description="How many items the whole list holds with these filters, over all pages "
        "(counted only when asked for)."
    )
    async def total_count(self, info: Info) -> int:
        # Counted only when asked for: a count over a filtered view is a query of its own.
        return await info.context.run(lambda: self.page.total)

    @classmethod
    def of(cls, page: Page, nodes: list[T]) -> Connection[T]:
        return cls(nodes=nodes, page=page)


@strawberry.type(description="Why a command was refused, for people and for programs.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path to the offending input field, e.g. ["input", "effectiveOn"] or '
        '["input", "attendees", "2"]; null when no single field is at fault.'
    )
    message: str = strawberry.field(
        description="What went wrong and what to do, in English, for people."
    )
    code: UserErrorCode = strawberry.field(description="The kind of refusal, for programs.")


def require_history(info: Info) -> None:
    """The event log and histories are for ADMIN and ANALYST (the rights table, README)."""
    principal = info.context.principal
    if principal.reads_history:
        return
    if not principal.reads_personal_data:
        raise Unauthenticated("Sign in as ADMIN or ANALYST to read the event log.")
    raise Forbidden("The event log is for ADMIN and ANALYST.")
