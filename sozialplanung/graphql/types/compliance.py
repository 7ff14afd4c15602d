"""Regelprüfung: the council paper's rules as a report (see projections/compliance.py)."""

from __future__ import annotations

from datetime import date

import strawberry

from ...domain import compliance as rules
from ...domain.rights import Forbidden, Role, Unauthenticated
from ..context import Info
from ..ids import to_global
from .bodies import Body, body
from .measures import Measure, measure

strawberry.enum(  # in place: the GraphQL enum is the domain's class (see core.py)
    rules.ComplianceRule,
    name="ComplianceRule",
    description="A rule of council paper FB 50/0098/WP16 (Regel der Vorlage).",
)
ComplianceRuleEnum = rules.ComplianceRule
READERS = (Role.ADMIN, Role.ANALYST, Role.COORDINATOR)


def require_reader(info: Info) -> None:
    role = info.context.principal.role
    if role in READERS:
        return
    if role is Role.PUBLIC:
        raise Unauthenticated("Sign in as ADMIN, ANALYST or COORDINATOR to read the report.")
    raise Forbidden("The compliance report is for ADMIN, ANALYST and COORDINATOR.")


@strawberry.type
class ComplianceFinding:
    rule: ComplianceRuleEnum
    subject_id: strawberry.ID = strawberry.field(description="The body or measure concerned.")
    message: str


@strawberry.type
class BodyFinding:
    """A finding about a body (Gremium); its fields follow in the subclasses."""

    body_id: strawberry.Private[str]

    @strawberry.field(name="body")
    async def resolve_body(self, info: Info) -> Body | None:
        return await body(info, self.body_id)


@strawberry.type(description="Arbeitskreis: a year with fewer than one or more than two meetings.")
class MeetingFrequencyFinding(BodyFinding):
    year: int
    held: int
    cancelled: int


@strawberry.type(description="Lenkungsgruppe: topic not in a political committee for 12 months.")
class DormantTopicFinding(BodyFinding):
    topic: str | None
    last_brought_on: date | None
    months: int


@strawberry.type(description="Sozialkonferenz: more than 24 months since it was last held.")
class ConferenceOverdueFinding(BodyFinding):
    last_held_on: date | None
    months: int


@strawberry.type(description="Maßnahme proposed but not discussed in a political body.")
class UndiscussedMeasureFinding:
    proposed_on: date
    months: int
    measure_id: strawberry.Private[str]

    @strawberry.field
    async def measure(self, info: Info) -> Measure | None:
        return await measure(info, self.measure_id)


@strawberry.type
class ComplianceReport:
    as_of: date
    undiscussed_after_months: int
    meeting_frequency: list[MeetingFrequencyFinding]
    dormant_topics: list[DormantTopicFinding]
    conferences_overdue: list[ConferenceOverdueFinding]
    undiscussed_measures: list[UndiscussedMeasureFinding]
    findings: list[ComplianceFinding] = strawberry.field(
        description="Every finding in one flat list, rule by rule."
    )

    @classmethod
    def of(cls, report: rules.ComplianceReport) -> ComplianceReport:
        kinds = {
            rules.ComplianceRule.MEASURE_NOT_DISCUSSED: "Measure",
        }
        return cls(
            as_of=report.as_of,
            undiscussed_after_months=report.undiscussed_after_months,
            meeting_frequency=[
                MeetingFrequencyFinding(
                    year=f.year, held=f.held, cancelled=f.cancelled, body_id=f.body.id
                )
                for f in report.meeting_frequency
            ],
            dormant_topics=[
                DormantTopicFinding(
                    topic=f.body.topic,
                    last_brought_on=f.last_brought_on,
                    months=f.months,
                    body_id=f.body.id,
                )
                for f in report.dormant_topics
            ],
            conferences_overdue=[
                ConferenceOverdueFinding(
                    last_held_on=f.last_held_on, months=f.months, body_id=f.body.id
                )
                for f in report.conferences_overdue
            ],
            undiscussed_measures=[
                UndiscussedMeasureFinding(
                    proposed_on=f.measure.proposed_on, months=f.months, measure_id=f.measure.id
                )
                for f in report.undiscussed_measures
            ],
            findings=[
                ComplianceFinding(
                    rule=rule,
                    subject_id=strawberry.ID(to_global(kinds.get(rule, "Body"), subject)),
                    message=message,
                )
                for rule, subject, message in report.findings
            ],
        )
