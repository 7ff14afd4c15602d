"""The council paper's rules, each at its boundaries (no I/O)."""

from __future__ import annotations

from datetime import date

from sozialplanung.domain.compliance import (
    BodyFacts,
    MeasureFacts,
    add_months,
    conference_overdue,
    dormant_topic,
    meeting_frequency,
    months_between,
    undiscussed_measure,
)

AK = BodyFacts("ak", "Arbeitskreis Sozialplanung", date(2011, 3, 1))
LG = BodyFacts("lg", "Lenkungsgruppe", date(2011, 3, 1), topic="Kinderarmut", lead_id="fb45")
SK = BodyFacts("sk", "Sozialkonferenz", date(2011, 3, 1))


def test_months_are_calendar_months_clamped_at_month_end() -> None:
    assert add_months(date(2015, 1, 31), 1) == date(2015, 2, 28)
    assert months_between(date(2015, 1, 31), date(2015, 2, 27)) == 0
    assert months_between(date(2015, 1, 31), date(2015, 2, 28)) == 1
    assert months_between(date(2013, 11, 24), date(2016, 6, 30)) == 31


def test_a_year_between_two_years_with_meetings_without_any_is_flagged() -> None:
    meetings = [(date(2012, 5, 1), "HELD"), (date(2014, 5, 1), "HELD")]
    flagged = meeting_frequency(AK, meetings, as_of=date(2014, 12, 31))
    assert [(f.year, f.held) for f in flagged] == [(2011, 0), (2013, 0)]


def test_cancelled_meetings_do_not_count_but_are_reported() -> None:
    body = BodyFacts("ak", "AK", date(2014, 1, 1))
    meetings = [(date(2014, 3, 5), "HELD"), (date(2014, 10, 1), "CANCELLED")]
    assert meeting_frequency(body, meetings, as_of=date(2015, 1, 1)) == []
    (finding,) = meeting_frequency(body, [(date(2014, 10, 1), "CANCELLED")], date(2015, 1, 1))
    assert (finding.year, finding.held, finding.cancelled) == (2014, 0, 1)


def test_three_meetings_are_flagged_even_before_the_year_is_over() -> None:
    meetings = [(date(2015, m, 1), "HELD") for m in (2, 4, 6)] + [(date(2014, 5, 1), "HELD")]
    body = BodyFacts("ak", "AK", date(2014, 1, 1))
    flagged = meeting_frequency(body, meetings, as_of=date(2015, 7, 1))
    assert [(f.year, f.held) for f in flagged] == [(2015, 3)]


def test_the_unfinished_year_and_years_before_establishment_are_not_short_of_meetings() -> None:
    body = BodyFacts("ak", "AK", date(2014, 6, 1))
    assert meeting_frequency(body, [(date(2014, 9, 1), "HELD")], as_of=date(2015, 11, 1)) == []


def test_a_topic_is_dormant_only_after_more_than_twelve_months() -> None:
    brought = [date(2014, 11, 24)]
    assert dormant_topic(LG, brought, as_of=date(2015, 11, 24)) is None
    finding = dormant_topic(LG, brought, as_of=date(2015, 11, 25))
    assert finding is not None and finding.last_brought_on == date(2014, 11, 24)
    assert finding.months == 12


def test_a_topic_never_brought_counts_from_the_groups_establishment() -> None:
    assert dormant_topic(LG, [], as_of=date(2012, 3, 1)) is None
    finding = dormant_topic(LG, [date(2013, 1, 1)], as_of=date(2012, 3, 2))
    assert finding is not None and finding.last_brought_on is None


def test_a_conference_is_overdue_after_more_than_24_months() -> None:
    assert conference_overdue(SK, [date(2013, 9, 19)], as_of=date(2015, 9, 19)) is None
    finding = conference_overdue(SK, [date(2011, 9, 15), date(2013, 9, 19)], date(2015, 9, 20))
    assert finding is not None and finding.last_held_on == date(2013, 9, 19)


def test_a_measure_is_undiscussed_after_the_given_months_until_consulted_or_closed() -> None:
    measure = MeasureFacts("m", "Stadtteilmütter", proposed_on=date(2015, 9, 17))
    assert undiscussed_measure(measure, date(2016, 3, 17), after_months=6) is None
    finding = undiscussed_measure(measure, date(2016, 3, 18), after_months=6)
    assert finding is not None and finding.months == 6
    consulted = MeasureFacts("m", "x", date(2015, 9, 17), consulted_on=[date(2016, 1, 1)])
    assert undiscussed_measure(consulted, date(2016, 6, 1), after_months=6) is None
    assert undiscussed_measure(consulted, date(2015, 12, 31), after_months=0) is not None
    withdrawn = MeasureFacts("m", "x", date(2015, 9, 17), closed_on=date(2015, 10, 1))
    assert undiscussed_measure(withdrawn, date(2016, 6, 1), after_months=6) is None
