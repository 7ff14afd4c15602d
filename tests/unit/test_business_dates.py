"""Business dates that make sense: what happened is dated neither in the future nor before
what it follows; without effectiveOn it takes its own day. Planned things may lie ahead.

"Today" is what the caller puts on the Meta (here: builders.TODAY, 2026-11-25)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sozialplanung.domain.base import ValidationError
from sozialplanung.domain.cycle import Cycle
from sozialplanung.domain.measure import Measure
from sozialplanung.domain.meeting import Meeting
from sozialplanung.domain.paper import Paper

from .builders import (
    DECIDED_ON,
    EVALUATED_ON,
    PAPER_DATED,
    TODAY,
    Planning,
    committee,
    conference,
    meta,
)

BERLIN = ZoneInfo("Europe/Berlin")
TOMORROW = TODAY + timedelta(days=1)
MEETING_DAY = date(2011, 2, 24)


def meeting_on(day: date, hour: int = 17) -> Meeting:
    return Meeting.schedule(
        meta(date(2011, 1, 10)),
        body=committee(),
        title="Sitzung",
        scheduled_for=datetime.combine(day, datetime.min.time(), BERLIN).replace(hour=hour),
    )


def refused(action: object, *words: str) -> None:
    with pytest.raises(ValidationError) as error:
        action()  # type: ignore[operator]
    assert error.value.field == "effectiveOn"
    for word in words:
        assert word in error.value.message, error.value.message


def last_day(aggregate: Meeting | Paper | Measure) -> date:
    return aggregate.pending_events[-1].effective_on


# The context itself ---------------------------------------------------------------------


def test_without_effective_on_the_business_date_is_the_callers_today() -> None:
    context = meta(None, today=date(2016, 3, 1))
    assert (context.effective_on, context.business_day) == (None, date(2016, 3, 1))
    assert context.fields()["effective_on"] == date(2016, 3, 1)


def test_a_given_effective_on_is_kept_and_not_replaced_by_a_default() -> None:
    context = meta(date(2012, 5, 4))
    assert context.defaulting_to(date(2011, 1, 1)).business_day == date(2012, 5, 4)
    assert meta(None).defaulting_to(date(2011, 1, 1)).business_day == date(2011, 1, 1)


# Recording a meeting as held ------------------------------------------------------------


@pytest.mark.parametrize(
    ("effective_on", "held_on"),
    [
        (None, MEETING_DAY),  # default: the meeting's day
        (MEETING_DAY, MEETING_DAY),
        (date(2011, 3, 1), date(2011, 3, 1)),  # recorded as held later than planned
        (TODAY, TODAY),
    ],
)
def test_a_meeting_is_held_on_its_day_or_later_up_to_today(
    effective_on: date | None, held_on: date
) -> None:
    meeting = meeting_on(MEETING_DAY)
    meeting.record_held(meta(effective_on), attendees=[], minutes=None)
    assert (last_day(meeting), meeting.held_on) == (held_on, held_on)


@pytest.mark.parametrize(
    ("scheduled", "effective_on", "words"),
    [
        (
            MEETING_DAY,
            date(2011, 2, 23),
            ["effectiveOn (2011-02-23)", "meeting's day (2011-02-24)"],
        ),
        (
            MEETING_DAY,
            TOMORROW,
            ["effectiveOn (2026-11-26)", "in the future (today is 2026-11-25)"],
        ),
        (
            date(2027, 1, 10),
            None,
            ["not given: the meeting's day, 2027-01-10", "in the future (today is 2026-11-25)"],
        ),
    ],
)
def test_a_meeting_is_not_held_before_its_day_or_in_the_future(
    scheduled: date, effective_on: date | None, words: list[str]
) -> None:
    meeting = meeting_on(scheduled)
    refused(lambda: meeting.record_held(meta(effective_on), attendees=[], minutes=None), *words)
    assert meeting.status == "SCHEDULED"


def test_the_meetings_day_is_the_date_where_it_takes_place() -> None:
    # 00:30 in Aachen is still the day before in UTC: the meeting's day is the local one.
    meeting = meeting_on(MEETING_DAY, hour=0)
    meeting.record_held(meta(None), attendees=[], minutes=None)
    assert last_day(meeting) == MEETING_DAY


# Recording a resolution -----------------------------------------------------------------


def held_on(day: date) -> Meeting:
    meeting = meeting_on(MEETING_DAY)
    meeting.add_agenda_item(meta(date(2011, 2, 1)), number="3", title="Sozialkonferenz")
    meeting.record_held(meta(day), attendees=[], minutes=None)
    return meeting


@pytest.mark.parametrize(
    ("effective_on", "resolved_on"),
    [(None, date(2011, 3, 1)), (date(2011, 3, 1), date(2011, 3, 1)), (TODAY, TODAY)],
)
def test_a_resolution_takes_the_day_the_meeting_was_held(
    effective_on: date | None, resolved_on: date
) -> None:
    meeting = held_on(date(2011, 3, 1))
    meeting.record_resolution(meta(effective_on), number="3", decision="NOTED")
    assert last_day(meeting) == resolved_on


@pytest.mark.parametrize(
    ("effective_on", "words"),
    [
        (date(2011, 2, 28), ["(2011-02-28)", "before the day the meeting was held (2011-03-01)"]),
        (TOMORROW, ["in the future (today is 2026-11-25)"]),
    ],
)
def test_a_resolution_is_not_dated_before_the_meeting_or_in_the_future(
    effective_on: date, words: list[str]
) -> None:
    meeting = held_on(date(2011, 3, 1))
    refused(
        lambda: meeting.record_resolution(meta(effective_on), number="3", decision="NOTED"),
        *words,
    )


# Concluding a consultation --------------------------------------------------------------


def paper_with_consultation(on: date | None) -> tuple[Paper, object]:
    paper = Paper.submit(
        meta(date(2011, 2, 1)),
        reference="FB 50/0098/WP16",
        type_="INFORMATION",
        subject="Sozialkonferenz",
        date_=date(2011, 2, 1),
    )
    consultation = paper.schedule_consultation(
        meta(date(2011, 2, 1)),
        body=committee(),
        meeting=None,
        date_=on,
        role="NOTICE",
        authoritative=True,
    )
    return paper, consultation


def conclude(paper: Paper, consultation: object, effective_on: date | None) -> object:
    return paper.conclude_consultation(
        meta(effective_on),
        consultation_id=consultation,  # type: ignore[arg-type]
        decision="NOTED",
        decision_text=None,
        deciding_measures=False,
    )


@pytest.mark.parametrize(
    ("scheduled", "effective_on", "concluded_on"),
    [
        (MEETING_DAY, None, MEETING_DAY),  # default: the consultation's date
        (MEETING_DAY, date(2011, 3, 3), date(2011, 3, 3)),
        (None, None, TODAY),  # no date of its own: today
        (None, date(2011, 2, 1), date(2011, 2, 1)),  # the paper's date itself
    ],
)
def test_a_consultation_is_concluded_on_its_date_or_later(
    scheduled: date | None, effective_on: date | None, concluded_on: date
) -> None:
    paper, consultation = paper_with_consultation(scheduled)
    _, dated = conclude(paper, consultation, effective_on)  # type: ignore[misc]
    assert last_day(paper) == concluded_on
    assert dated.business_day == concluded_on  # what the measure decisions with it carry


@pytest.mark.parametrize(
    ("scheduled", "effective_on", "words"),
    [
        (MEETING_DAY, date(2011, 2, 23), ["before the consultation's date (2011-02-24)"]),
        (None, date(2011, 1, 31), ["before the date of paper FB 50/0098/WP16 (2011-02-01)"]),
        (MEETING_DAY, TOMORROW, ["in the future (today is 2026-11-25)"]),
        (
            date(2027, 3, 1),
            None,
            ["not given: the consultation's date, 2027-03-01", "in the future"],
        ),
    ],
)
def test_a_consultation_is_not_concluded_before_its_date_or_in_the_future(
    scheduled: date | None, effective_on: date | None, words: list[str]
) -> None:
    paper, consultation = paper_with_consultation(scheduled)
    refused(lambda: conclude(paper, consultation, effective_on), *words)
    assert paper.consultations[0]["decision"] is None


# Deciding a measure ---------------------------------------------------------------------


def test_a_decision_on_a_paper_takes_the_date_of_its_consultation_in_the_deciding_body() -> None:
    plan = Planning()
    plan.paper.schedule_consultation(
        meta(PAPER_DATED),
        body=plan.committee,
        meeting=None,
        date_=DECIDED_ON,
        role="DECISION",
        authoritative=True,
    )
    measure = plan.in_deliberation()
    measure.decide(meta(None), adopted=True, body=plan.committee, paper=plan.paper)
    assert last_day(measure) == DECIDED_ON


def test_without_an_authoritative_one_the_latest_consultation_up_to_today_counts() -> None:
    plan = Planning()
    for day in (date(2011, 11, 10), date(2011, 12, 1), date(2027, 1, 1)):
        plan.paper.schedule_consultation(
            meta(PAPER_DATED),
            body=plan.committee,
            meeting=None,
            date_=day,
            role="PRELIMINARY",
            authoritative=False,
        )
    measure = plan.in_deliberation()
    measure.decide(meta(None), adopted=True, body=plan.committee, paper=plan.paper)
    assert last_day(measure) == date(2011, 12, 1)


@pytest.mark.parametrize("with_paper", [False, True])
def test_a_decision_without_a_consultation_day_is_dated_today(with_paper: bool) -> None:
    plan = Planning()
    measure = plan.in_deliberation()
    paper = plan.paper if with_paper else None
    measure.decide(meta(None), adopted=False, body=plan.committee, paper=paper)
    assert last_day(measure) == TODAY


@pytest.mark.parametrize(
    ("effective_on", "with_paper", "words"),
    [
        (date(2011, 10, 19), True, ["before the date of paper FB 50/0150/WP16 (2011-10-20)"]),
        (date(2011, 9, 14), False, ["before the day it was proposed (2011-09-15)"]),
        (TOMORROW, False, ["effectiveOn (2026-11-26)", "in the future (today is 2026-11-25)"]),
    ],
)
def test_a_measure_is_not_decided_before_its_proposal_or_paper_or_in_the_future(
    effective_on: date, with_paper: bool, words: list[str]
) -> None:
    plan = Planning()
    measure = plan.in_deliberation()
    paper = plan.paper if with_paper else None
    refused(
        lambda: measure.decide(meta(effective_on), adopted=True, body=plan.committee, paper=paper),
        *words,
    )
    assert measure.status == "IN_DELIBERATION"


def test_a_revised_measure_carried_forward_is_not_decided_before_it_was_carried_forward() -> None:
    plan = Planning()
    measure = plan.evaluated()
    measure.carry_forward(
        meta(date(2013, 10, 1)),
        to_cycle=plan.cycle2,
        working_group=None,
        title="Familienzentren plus",
        description=None,
    )
    paper = Paper.submit(
        meta(date(2013, 10, 2)),
        reference="FB 50/0400/WP17",
        type_="DECISION_PROPOSAL",
        subject="Familienzentren plus",
        date_=date(2013, 9, 1),
    )
    measure.refer(meta(date(2013, 10, 2)), paper.id)
    refused(
        lambda: measure.decide(
            meta(date(2013, 9, 30)), adopted=True, body=plan.committee, paper=paper
        ),
        "before the day it was carried forward into cycle 2 (2013-10-01)",
    )


# Evaluating a measure -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effective_on", "evaluated_on"),
    [(None, TODAY), (DECIDED_ON, DECIDED_ON), (EVALUATED_ON, EVALUATED_ON)],
)
def test_an_evaluation_is_dated_from_the_adoption_up_to_today(
    effective_on: date | None, evaluated_on: date
) -> None:
    measure = Planning().adopted()
    measure.evaluate(
        meta(effective_on), outcome="IMPLEMENTED", obstacles=[], enablers=[], report=None
    )
    assert last_day(measure) == evaluated_on


@pytest.mark.parametrize(
    ("effective_on", "words"),
    [
        (date(2011, 11, 23), ["before the day it was adopted (2011-11-24)"]),
        (TOMORROW, ["in the future (today is 2026-11-25)"]),
    ],
)
def test_a_measure_is_not_evaluated_before_its_adoption_or_in_the_future(
    effective_on: date, words: list[str]
) -> None:
    measure = Planning().in_implementation()
    refused(
        lambda: measure.evaluate(
            meta(effective_on), outcome="IMPLEMENTED", obstacles=[], enablers=[], report=None
        ),
        *words,
    )
    assert measure.status == "IN_IMPLEMENTATION"


def test_a_measure_carried_forward_unchanged_is_evaluated_after_it_was_carried_forward() -> None:
    plan = Planning()
    measure = plan.evaluated()
    measure.carry_forward(
        meta(date(2013, 10, 1)),
        to_cycle=plan.cycle2,
        working_group=None,
        title=None,
        description=None,
    )
    refused(
        lambda: measure.evaluate(
            meta(date(2013, 9, 30)), outcome="IMPLEMENTED", obstacles=[], enablers=[], report=None
        ),
        "carried forward into cycle 2 (2013-10-01)",
    )


# Planned things may lie ahead -----------------------------------------------------------


def test_meetings_consultations_and_cycles_may_be_planned_ahead() -> None:
    ahead = TODAY + timedelta(days=400)
    meeting = Meeting.schedule(
        meta(None),
        body=committee(),
        title="Sitzung",
        scheduled_for=datetime.combine(ahead, datetime.min.time(), BERLIN).replace(hour=17),
    )
    meeting.reschedule(meta(None), meeting.scheduled_for + timedelta(days=7))
    paper, _ = paper_with_consultation(ahead)
    group_conference = conference()
    cycle = Cycle.open(
        meta(None),
        number=9,
        label="2027–2029",
        starts_on=ahead,
        ends_on=ahead + timedelta(days=700),
        conference=group_conference,
        working_groups=[],
    )
    assert (meeting.status, paper.consultations[0]["date"], cycle.status) == (
        "SCHEDULED",
        ahead,
        "OPEN",
    )
