"""The council paper's rules as a report (Regelprüfung nach Vorlage FB 50/0098/WP16).

- "Es ist vorgesehen, dass der Arbeitskreis Sozialplanung ein- bis zweimal jährlich tagt."
  Each calendar year of each Arbeitskreis (body kind WORKING_GROUP) with fewer than one or
  more than two held meetings. Years before the body was established or after it was
  dissolved are not checked; the year of the reference date is checked only for "more than
  twice" (it is not over yet). Cancelled meetings do not count; they are shown as context.
- "Bei Entscheidungsbedarf, mindestens aber einmal jährlich, werden die Themen in die
  Fachausschüsse eingebracht." The topics are those of the Lenkungsgruppen (STEERING_GROUP),
  whose lead department (Federführung) brings them in: a topic counts as brought to a
  political committee when a paper of that department — led by it, or carrying measures it
  leads — was consulted in a COMMITTEE or the COUNCIL. Flagged when that last happened more
  than twelve months ago (or never, once the group has existed for twelve months).
- "Die Sozialkonferenz … soll weiterhin alle 2 Jahre einberufen werden." Each Sozialkonferenz
  whose last held meeting is more than 24 months ago (or that never met in 24 months).
- Measures proposed but not discussed in a political body (no consultation of a paper they
  were referred to that took place — concluded, or at a held meeting —, no decision) more
  than N months after their proposal, unless withdrawn. Topics count the same way. A measure
  carried forward with a revised text is proposed anew (it needs deliberation again).

All dates are business dates (Wirksamkeitsdatum), judged as of a reference date. The facts
come from the read model (projections/compliance.py); the rules here do no I/O.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .base import ValidationError, business_date

MEETINGS_PER_YEAR = (1, 2)
TOPIC_MONTHS = 12
CONFERENCE_MONTHS = 24
MAX_UNDISCUSSED_MONTHS = 1_200  # a century: anything longer is a typo


def check_parameters(as_of: date, after_months: int) -> None:
    """The reference date is a business date; the months a number a person would ask for."""
    business_date(as_of, "asOf")
    if not 0 <= after_months <= MAX_UNDISCUSSED_MONTHS:
        raise ValidationError(
            f"undiscussedAfterMonths must be between 0 and {MAX_UNDISCUSSED_MONTHS}, "
            f"not {after_months}.",
            "undiscussedAfterMonths",
        )


class ComplianceRule(StrEnum):
    MEETING_FREQUENCY = "MEETING_FREQUENCY"  # Arbeitskreis: ein- bis zweimal jährlich
    TOPIC_NOT_IN_COMMITTEE = "TOPIC_NOT_IN_COMMITTEE"  # Themen mindestens jährlich im Ausschuss
    CONFERENCE_OVERDUE = "CONFERENCE_OVERDUE"  # Sozialkonferenz alle 2 Jahre
    MEASURE_NOT_DISCUSSED = "MEASURE_NOT_DISCUSSED"  # Maßnahme nicht politisch beraten


# Facts in, findings out --------------------------------------------------------------


@dataclass(frozen=True)
class BodyFacts:
    id: str
    name: str
    established_on: date
    dissolved_on: date | None = None
    topic: str | None = None
    lead_id: str | None = None


@dataclass(frozen=True)
class MeetingFrequency:
    body: BodyFacts
    year: int
    held: int
    cancelled: int

    @property
    def message(self) -> str:
        low, high = MEETINGS_PER_YEAR
        wanted = f"{low}–{high}"
        return (
            f"{self.body.name} met {self.held} time(s) in {self.year} "
            f"({self.cancelled} cancelled); the paper foresees {wanted} meetings a year."
        )


@dataclass(frozen=True)
class DormantTopic:
    body: BodyFacts
    last_brought_on: date | None
    months: int

    @property
    def message(self) -> str:
        since = (
            f"last brought to a political committee on {self.last_brought_on}"
            if self.last_brought_on
            else "never brought to a political committee"
        )
        return (
            f"Topic '{self.body.topic}' of {self.body.name}: {since}, {self.months} months "
            f"ago; the paper asks for at least once a year."
        )


@dataclass(frozen=True)
class ConferenceOverdue:
    body: BodyFacts
    last_held_on: date | None
    months: int

    @property
    def message(self) -> str:
        since = f"last held on {self.last_held_on}" if self.last_held_on else "never held"
        return (
            f"{self.body.name}: {since}, {self.months} months ago; "
            "the paper foresees one every 2 years."
        )


@dataclass(frozen=True)
class MeasureFacts:
    id: str
    title: str
    proposed_on: date
    closed_on: date | None = None  # decided or withdrawn
    consulted_on: list[date] = field(default_factory=list)  # in political bodies


@dataclass(frozen=True)
class UndiscussedMeasure:
    measure: MeasureFacts
    months: int

    @property
    def message(self) -> str:
        return (
            f"Measure '{self.measure.title}', proposed on {self.measure.proposed_on}, has not "
            f"been discussed in a political body for {self.months} months."
        )


@dataclass(frozen=True)
class ComplianceReport:
    as_of: date
    undiscussed_after_months: int
    meeting_frequency: list[MeetingFrequency]
    dormant_topics: list[DormantTopic]
    conferences_overdue: list[ConferenceOverdue]
    undiscussed_measures: list[UndiscussedMeasure]

    @property
    def findings(self) -> list[tuple[ComplianceRule, str, str]]:
        """(rule, subject id, message) of every finding, rule by rule."""
        rule = ComplianceRule
        return [
            *((rule.MEETING_FREQUENCY, f.body.id, f.message) for f in self.meeting_frequency),
            *((rule.TOPIC_NOT_IN_COMMITTEE, f.body.id, f.message) for f in self.dormant_topics),
            *((rule.CONFERENCE_OVERDUE, f.body.id, f.message) for f in self.conferences_overdue),
            *(
                (rule.MEASURE_NOT_DISCUSSED, f.measure.id, f.message)
                for f in self.undiscussed_measures
            ),
        ]


# Calendar arithmetic -----------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (0 when end is before start + 1 month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


def _overdue(last: date | None, since: date, as_of: date, months: int) -> int | None:
    """Months since `last` (or since `since` when never) if more than `months` passed."""
    start = last or since
    return months_between(start, as_of) if as_of > add_months(start, months) else None


# The rules ---------------------------------------------------------------------------


def meeting_frequency(
    body: BodyFacts, meetings: list[tuple[date, str]], as_of: date
) -> list[MeetingFrequency]:
    last_year = min(as_of.year, body.dissolved_on.year if body.dissolved_on else as_of.year)
    low, high = MEETINGS_PER_YEAR
    findings = []
    for year in range(body.established_on.year, last_year + 1):
        held = sum(1 for day, s in meetings if day.year == year and day <= as_of and s == "HELD")
        cancelled = sum(1 for day, s in meetings if day.year == year and s == "CANCELLED")
        year_is_over = year < as_of.year
        if held > high or (held < low and year_is_over):
            findings.append(MeetingFrequency(body, year, held, cancelled))
    return findings


def dormant_topic(body: BodyFacts, brought_on: list[date], as_of: date) -> DormantTopic | None:
    earlier = [day for day in brought_on if day <= as_of]
    last = max(earlier) if earlier else None
    months = _overdue(last, body.established_on, as_of, TOPIC_MONTHS)
    return None if months is None else DormantTopic(body, last, months)


def conference_overdue(
    body: BodyFacts, held_on: list[date], as_of: date
) -> ConferenceOverdue | None:
    earlier = [day for day in held_on if day <= as_of]
    last = max(earlier) if earlier else None
    months = _overdue(last, body.established_on, as_of, CONFERENCE_MONTHS)
    return None if months is None else ConferenceOverdue(body, last, months)


def undiscussed_measure(
    measure: MeasureFacts, as_of: date, after_months: int
) -> UndiscussedMeasure | None:
    if measure.proposed_on > as_of:
        return None
    if measure.closed_on is not None and measure.closed_on <= as_of:
        return None
    if any(measure.proposed_on <= day <= as_of for day in measure.consulted_on):
        return None
    if as_of <= add_months(measure.proposed_on, after_months):
        return None
    return UndiscussedMeasure(measure, months_between(measure.proposed_on, as_of))


def is_active(body: BodyFacts, as_of: date) -> bool:
    return body.established_on <= as_of and (body.dissolved_on is None or body.dissolved_on > as_of)
