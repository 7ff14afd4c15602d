"""Sitzungen and Zyklen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sozialplanung.domain.base import Duplicate, InvalidTransition, NotFound, ValidationError
from sozialplanung.domain.cycle import Cycle, cycle_id
from sozialplanung.domain.meeting import MAX_LENGTH, Meeting

from .builders import Planning, committee, conference, cycle, meta, working_group

AT = datetime(2011, 2, 24, 17, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def scheduled() -> Meeting:
    return Meeting.schedule(meta(), body=committee(), title="Sitzung", scheduled_for=AT)


def held() -> Meeting:
    meeting = scheduled()
    meeting.add_agenda_item(meta(), number="5", title="Sozialkonferenz")
    meeting.record_held(meta(), attendees=[], minutes="Protokoll")
    return meeting


def test_meeting_needs_a_time_zone() -> None:
    with pytest.raises(ValidationError, match="time zone"):
        Meeting.schedule(meta(), body=committee(), title="X", scheduled_for=datetime(2011, 1, 1))


def test_meeting_cannot_be_held_twice() -> None:
    meeting = held()
    with pytest.raises(InvalidTransition, match="already held"):
        meeting.record_held(meta(), attendees=[], minutes=None)


def test_cancelled_meeting_cannot_be_held_or_rescheduled() -> None:
    meeting = scheduled()
    meeting.cancel(meta())
    with pytest.raises(InvalidTransition, match="CANCELLED"):
        meeting.record_held(meta(), attendees=[], minutes=None)
    with pytest.raises(InvalidTransition):
        meeting.reschedule(meta(), AT)


def test_agenda_item_numbers_are_unique() -> None:
    meeting = scheduled()
    meeting.add_agenda_item(meta(), number="1", title="Eröffnung")
    with pytest.raises(Duplicate):
        meeting.add_agenda_item(meta(), number="1", title="Nochmal")


def test_resolution_needs_a_held_meeting_and_a_known_item() -> None:
    with pytest.raises(InvalidTransition):
        scheduled().record_resolution(meta(), number="5", decision="NOTED")
    meeting = held()
    with pytest.raises(NotFound):
        meeting.record_resolution(meta(), number="9", decision="NOTED")
    with pytest.raises(ValidationError, match="negative"):
        meeting.record_resolution(meta(), number="5", decision="APPROVED", votes_for=-1)
    meeting.record_resolution(meta(), number="5", decision="NOTED", votes_for=12)
    assert meeting.agenda[0]["resolution"]["decision"] == "NOTED"
    with pytest.raises(Duplicate):
        meeting.record_resolution(meta(), number="5", decision="APPROVED")


def test_attendees_are_listed_once() -> None:
    person = {"member_id": committee().id, "member_type": "ORGANIZATION"}
    with pytest.raises(Duplicate):
        scheduled().record_held(meta(), attendees=[person, person], minutes=None)


def test_cycle_identity_derives_from_its_number() -> None:
    conf = conference()
    assert cycle(1, conf, [working_group(conf)]).id == cycle_id(1)


def test_cycle_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="before the start"):
        Cycle.open(
            meta(),
            number=1,
            label="x",
            starts_on=date(2013, 1, 1),
            ends_on=date(2011, 1, 1),
            conference=conference(),
            working_groups=[],
        )


def test_committee_is_refused_as_conference_working_group() -> None:
    conf = conference()
    with pytest.raises(ValidationError, match="COMMITTEE") as refused:
        cycle(1, conf, [committee()])
    assert refused.value.field == "workingGroups.0.body"


def test_cycle_conference_must_be_a_social_conference() -> None:
    with pytest.raises(ValidationError, match="SOCIAL_CONFERENCE"):
        cycle(1, committee(), [])


def test_working_group_can_be_added_and_its_focus_shifted() -> None:
    plan = Planning()
    extra = working_group(plan.conference, "AG 13 Flucht")
    plan.cycle2.assign_working_group(
        meta(), body=extra, focus="Geflüchtete", conference=plan.conference
    )
    plan.cycle2.assign_working_group(
        meta(), body=extra, focus="Teilhabe Geflüchteter", conference=plan.conference
    )
    assert plan.cycle2.working_group(extra.id) == {
        "body_id": extra.id,
        "focus": "Teilhabe Geflüchteter",
    }
    with pytest.raises(InvalidTransition, match="already works"):
        plan.cycle2.assign_working_group(
            meta(), body=extra, focus="Teilhabe Geflüchteter", conference=plan.conference
        )


def test_conference_is_recorded_once_from_a_held_meeting_of_the_conference() -> None:
    plan = Planning()
    meeting = Meeting.schedule(
        meta(), body=plan.conference, title="Sozialkonferenz 2011", scheduled_for=AT
    )
    with pytest.raises(InvalidTransition, match="record it as held"):
        plan.cycle1.record_conference_held(meta(), meeting)
    meeting.record_held(meta(), attendees=[], minutes=None)
    plan.cycle1.record_conference_held(meta(), meeting)
    assert plan.cycle1.status == "CONFERENCE_HELD"
    with pytest.raises(InvalidTransition):
        plan.cycle1.record_conference_held(meta(), meeting)


def test_meeting_of_another_body_is_not_the_conference() -> None:
    plan = Planning()
    other = held()
    with pytest.raises(ValidationError, match="conference body"):
        plan.cycle1.record_conference_held(meta(), other)


def test_cycle_closes_once() -> None:
    plan = Planning()
    plan.cycle1.close(meta())
    with pytest.raises(InvalidTransition):
        plan.cycle1.close(meta())


# The meeting's end ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "ends_at",
    [
        None,
        AT + timedelta(hours=2),
        (AT + timedelta(hours=3)).astimezone(UTC),  # another zone, a later instant
        AT + MAX_LENGTH,
    ],
)
def test_a_meeting_ends_after_its_start_within_a_day_or_names_no_end(
    ends_at: datetime | None,
) -> None:
    meeting = Meeting.schedule(
        meta(), body=committee(), title="Sitzung", scheduled_for=AT, ends_at=ends_at
    )
    assert meeting.ends_at == ends_at
    assert meeting.pending_events[0].ends_at == ends_at


@pytest.mark.parametrize(
    ("ends_at", "words"),
    [
        (datetime(2011, 2, 24, 19, 0), "endsAt needs a time zone"),
        (AT, "must lie after the start"),
        (AT - timedelta(minutes=30), "must lie after the start"),
        (AT + MAX_LENGTH + timedelta(minutes=1), "more than 24 hours after the start"),
        (datetime(2200, 1, 1, tzinfo=UTC), "must lie between"),
    ],
)
def test_a_meeting_end_without_a_zone_before_the_start_or_days_later_is_refused(
    ends_at: datetime, words: str
) -> None:
    with pytest.raises(ValidationError, match=words) as refused:
        Meeting.schedule(
            meta(), body=committee(), title="Sitzung", scheduled_for=AT, ends_at=ends_at
        )
    assert refused.value.field == "endsAt"


def test_a_rescheduled_meeting_keeps_its_length_unless_a_new_end_is_given() -> None:
    meeting = Meeting.schedule(
        meta(), body=committee(), title="Sitzung", scheduled_for=AT, ends_at=AT + timedelta(hours=3)
    )
    later = AT + timedelta(days=7)
    meeting.reschedule(meta(), later)
    assert meeting.ends_at == later + timedelta(hours=3)
    meeting.reschedule(meta(), later, later + timedelta(hours=1))
    assert meeting.ends_at == later + timedelta(hours=1)
    with pytest.raises(ValidationError, match="after the start"):
        meeting.reschedule(meta(), later, later - timedelta(hours=1))


def test_a_meeting_without_an_end_rescheduled_still_has_none() -> None:
    meeting = scheduled()
    meeting.reschedule(meta(), AT + timedelta(days=1))
    assert meeting.ends_at is None


def test_meeting_events_stored_before_the_end_existed_read_as_meetings_without_one() -> None:
    for event in (Meeting.MeetingScheduled, Meeting.MeetingRescheduled):
        state: dict[str, object] = {"scheduled_for": AT}
        event.upcast_v2_v3(state)
        assert state["ends_at"] is None
        assert event.class_version == 3
    snapshot: dict[str, object] = {"scheduled_for": AT, "status": "HELD"}
    Meeting.upcast_v1_v2(snapshot)
    assert (snapshot["ends_at"], snapshot["held_on"]) == (None, None)
