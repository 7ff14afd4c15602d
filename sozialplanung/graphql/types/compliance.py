"""Regelprüfung: the council paper's rules as a report (see projections/compliance.py)."""

from __future__ import annotations

from datetime import date

import strawberry

from ...domain import compliance as rules
from ...domain.rights import Forbidden, Role, Unauthenticated
from ..context import Info
from ..ids import to_global
from .bodies import Body, body
from .core import described_enum
from .measures import Measure, measure

described_enum(
    rules.ComplianceRule,
    "ComplianceRule",
    "A rule of council paper FB 50/0098/WP16 (Regel der Vorlage).",
    {
        "MEETING_FREQUENCY": "Arbeitskreis: ein- bis zweimal jährlich. Each year of each "
        "WORKING_GROUP with fewer than one or more than two held meetings (the current year "
        "only for more than two).",
        "TOPIC_NOT_IN_COMMITTEE": "Themen mindestens einmal jährlich in die Fachausschüsse: a "
        "Lenkungsgruppe whose topic no paper of its lead department brought to a COMMITTEE "
        "or the COUNCIL for more than 12 months.",
        "CONFERENCE_OVERDUE": "Sozialkonferenz alle 2 Jahre: more than 24 months since its "
        "last held meeting.",
        "MEASURE_NOT_DISCUSSED": "Maßnahme nicht politisch beraten: proposed more than N "
        "months ago, neither decided nor withdrawn, and no paper it was referred to "
        "consulted in a political body since.",
    },
)

# strawberry.enum() registers a domain enum in place and returns the class itself: the
# names below are aliases of the domain's classes, so that type checkers take them as types.
ComplianceRuleEnum = rules.ComplianceRule
READERS = (Role.ADMIN, Role.ANALYST, Role.COORDINATOR)


def require_reader(info: Info) -> None:
    role = info.context.principal.role
    if role in READERS:
        return
    if role is Role.PUBLIC:
        raise Unauthenticated("Sign in as ADMIN, ANALYST or COORDINATOR to read the report.")
    raise Forbidden("The compliance report is for ADMIN, ANALYST and COORDINATOR.")


@strawberry.type(
    description="One finding in the report's flat list: which rule, about what, in words."
)
class ComplianceFinding:
    rule: ComplianceRuleEnum = strawberry.field(description="The rule that is not met.")
    subject_id: strawberry.ID = strawberry.field(
        description="Global id of the body or measure concerned."
    )
    message: str = strawberry.field(
        description="The finding in words (English), e.g. how often a body met in a year."
    )


@strawberry.type
class BodyFinding:
    """A finding about a body (Gremium); its fields follow in the subclasses."""

    body_id: strawberry.Private[str]

    @strawberry.field(name="body", description="The body concerned.")
    async def resolve_body(self, info: Info) -> Body | None:
        return await body(info, self.body_id)


@strawberry.type(description="Arbeitskreis: a year with fewer than one or more than two meetings.")
class MeetingFrequencyFinding(BodyFinding):
    year: int = strawberry.field(description="The calendar year concerned.")
    held: int = strawberry.field(description="Meetings held in that year (these count).")
    cancelled: int = strawberry.field(
        description="Meetings cancelled in that year (shown, not counted)."
    )


@strawberry.type(
    description="Lenkungsgruppe: topic not in a political committee for more than 12 months."
)
class DormantTopicFinding(BodyFinding):
    topic: str | None = strawberry.field(description="The Lenkungsgruppe's topic.")
    last_brought_on: date | None = strawberry.field(
        description="When a paper of its lead department was last consulted in a COMMITTEE "
        "or the COUNCIL; null if never."
    )
    months: int = strawberry.field(
        description="Whole months since then (or since the group was established)."
    )


@strawberry.type(description="Sozialkonferenz: more than 24 months since it was last held.")
class ConferenceOverdueFinding(BodyFinding):
    last_held_on: date | None = strawberry.field(
        description="Day of its last held meeting; null if it never met."
    )
    months: int = strawberry.field(
        description="Whole months since then (or since it was established)."
    )


@strawberry.type(description="Maßnahme proposed but not discussed in a political body.")
class UndiscussedMeasureFinding:
    proposed_on: date = strawberry.field(description="Business date it was proposed.")
    months: int = strawberry.field(description="Whole months since it was proposed.")
    measure_id: strawberry.Private[str]

    @strawberry.field(description="The measure concerned.")
    async def measure(self, info: Info) -> Measure | None:
        return await measure(info, self.measure_id)


@strawberry.type(
    description="Regelprüfung: the rules of council paper FB 50/0098/WP16 checked as of a "
    "business date, one list of findings per rule."
)
class ComplianceReport:
    as_of: date = strawberry.field(description="The business date checked.")
    undiscussed_after_months: int = strawberry.field(
        description="After how many months an undiscussed measure is reported."
    )
    meeting_frequency: list[MeetingFrequencyFinding] = strawberry.field(
        description="MEETING_FREQUENCY findings: Arbeitskreis years with too few or too many "
        "meetings."
    )
    dormant_topics: list[DormantTopicFinding] = strawberry.field(
        description="TOPIC_NOT_IN_COMMITTEE findings: Lenkungsgruppen whose topic is overdue "
        "in a political committee."
    )
    conferences_overdue: list[ConferenceOverdueFinding] = strawberry.field(
        description="CONFERENCE_OVERDUE findings: Sozialkonferenzen not held for more than 24 "
        "months."
    )
    undiscussed_measures: list[UndiscussedMeasureFinding] = strawberry.field(
        description="MEASURE_NOT_DISCUSSED findings: measures not discussed in a political "
        "body after undiscussedAfterMonths."
    )
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
