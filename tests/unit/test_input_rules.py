"""Rules every command shares: texts are printable, business dates plausible."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sozialplanung.domain.base import EARLIEST, LATEST, Meta, ValidationError, text
from sozialplanung.domain.compliance import check_parameters
from sozialplanung.domain.cycle import Cycle
from sozialplanung.domain.meeting import Meeting
from sozialplanung.domain.organization import Organization
from sozialplanung.domain.paper import Paper
from sozialplanung.domain.rights import administrator

from .builders import TODAY, committee, conference, meta

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\ud800"])
def test_a_name_with_a_control_character_is_refused(character: str) -> None:
    with pytest.raises(ValidationError, match="control character") as refused:
        Organization.register(meta(), name=f"Tafel{character}Aachen", kind="OTHER")
    assert refused.value.field == "name"


def test_tabs_and_line_breaks_are_ordinary_text() -> None:
    assert text("Protokoll:\n\tTOP 1\r\n", "minutes", limit=100) == "Protokoll:\n\tTOP 1"


def test_a_reason_with_a_control_character_is_refused() -> None:
    with pytest.raises(ValidationError, match="U\\+0000") as refused:
        Meta(
            principal=administrator("a"),
            correlation_id="c",
            today=TODAY,
            effective_on=date(2011, 2, 24),
            reason="weil\x00",
        )
    assert refused.value.field == "reason"


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(2200, 1, 1)])
def test_an_implausible_business_date_is_refused(day: date) -> None:
    with pytest.raises(ValidationError, match="must lie between 1900-01-01 and 2199-12-31"):
        Meta(principal=administrator("a"), correlation_id="c", today=TODAY, effective_on=day)


def test_the_first_and_last_plausible_days_are_accepted() -> None:
    for day in (EARLIEST, LATEST):
        assert (
            Meta(
                principal=administrator("a"), correlation_id="c", today=TODAY, effective_on=day
            ).effective_on
            == day
        )


def test_a_meeting_in_the_year_9999_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        Meeting.schedule(
            meta(),
            body=committee(),
            title="Sitzung",
            scheduled_for=datetime(9999, 12, 31, 23, 0, tzinfo=BERLIN),
        )
    assert refused.value.field == "scheduledFor"


def test_a_paper_dated_before_1900_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        Paper.submit(meta(), reference="1", type_="MOTION", subject="x", date_=date(1011, 2, 1))
    assert refused.value.field == "date"


def test_a_cycle_ending_after_2199_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        Cycle.open(
            meta(),
            number=1,
            label="2011–2013",
            starts_on=date(2011, 9, 1),
            ends_on=date(2301, 8, 31),
            conference=conference(),
            working_groups=[],
        )
    assert refused.value.field == "endsOn"


def test_the_compliance_report_takes_a_business_date_and_at_most_a_century() -> None:
    check_parameters(date(2016, 6, 30), 1_200)
    with pytest.raises(ValidationError) as refused:
        check_parameters(date(9999, 12, 31), 6)
    assert refused.value.field == "asOf"
    with pytest.raises(ValidationError) as refused:
        check_parameters(date(2016, 6, 30), 2_000_000_000)
    assert refused.value.field == "undiscussedAfterMonths"
