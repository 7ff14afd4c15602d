"""Gremien: establishment, memberships over business dates, dissolution, cadence."""

from __future__ import annotations

from datetime import date

import pytest

from sozialplanung.domain.base import Duplicate, InvalidTransition, NotFound, ValidationError
from sozialplanung.domain.body import Body, cadence

from .builders import conference, department, meta


def arbeitskreis() -> Body:
    return Body.establish(
        meta(date(2011, 2, 24)),
        name="Arbeitskreis Sozialplanung",
        kind="WORKING_GROUP",
        lead=department(),
        cadence=cadence("ein- bis zweimal jährlich", min_per_year=1, max_per_year=2),
    )


def test_established_body_is_active_with_its_lead_and_cadence() -> None:
    body = arbeitskreis()
    assert body.active and body.lead_id is not None
    assert body.cadence["max_per_year"] == 2
    assert body.established_on == date(2011, 2, 24)


def test_body_kind_must_be_known() -> None:
    with pytest.raises(ValidationError, match="kind must be one of"):
        Body.establish(meta(), name="X", kind="CLUB")


def test_conference_working_group_belongs_to_a_social_conference() -> None:
    with pytest.raises(ValidationError, match="SOCIAL_CONFERENCE"):
        Body.establish(meta(), name="AG", kind="CONFERENCE_WORKING_GROUP", parent=arbeitskreis())
    group = Body.establish(meta(), name="AG", kind="CONFERENCE_WORKING_GROUP", parent=conference())
    assert group.parent_id is not None


def test_steering_group_needs_a_topic() -> None:
    with pytest.raises(ValidationError, match="topic"):
        Body.establish(meta(), name="Lenkungsgruppe", kind="STEERING_GROUP")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"min_per_year": 3, "max_per_year": 2}, "minPerYear"),
        ({"min_per_year": -1}, "minPerYear"),
        ({"every_months": 0}, "everyMonths"),
    ],
)
def test_cadence_must_be_consistent(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        cadence("x", **kwargs)
    assert refused.value.field == field


def test_member_cannot_join_the_same_body_twice_at_once() -> None:
    body, member = arbeitskreis(), department().id
    body.add_member(
        meta(date(2011, 3, 1)), member_id=member, member_type="ORGANIZATION", role="MEMBER"
    )
    with pytest.raises(Duplicate):
        body.add_member(
            meta(date(2012, 1, 1)), member_id=member, member_type="ORGANIZATION", role="GUEST"
        )


def test_member_can_rejoin_after_leaving() -> None:
    body, member = arbeitskreis(), department().id
    body.add_member(
        meta(date(2011, 3, 1)), member_id=member, member_type="ORGANIZATION", role="MEMBER"
    )
    body.remove_member(meta(date(2012, 1, 1)), member_id=member)
    body.add_member(
        meta(date(2013, 1, 1)), member_id=member, member_type="ORGANIZATION", role="GUEST"
    )
    assert [m["role"] for m in body.members_on(date(2011, 6, 1))] == ["MEMBER"]
    assert body.members_on(date(2012, 6, 1)) == []
    assert [m["role"] for m in body.members_on(date(2013, 6, 1))] == ["GUEST"]


def test_role_change_keeps_the_earlier_role_in_history() -> None:
    body, member = arbeitskreis(), department().id
    body.add_member(
        meta(date(2011, 3, 1)), member_id=member, member_type="ORGANIZATION", role="CO_OPTED"
    )
    body.change_member_role(meta(date(2012, 3, 1)), member_id=member, role="MEMBER")
    assert body.members_on(date(2011, 12, 31))[0]["role"] == "CO_OPTED"
    assert body.members_on(date(2012, 3, 1))[0]["role"] == "MEMBER"


def test_removing_a_non_member_is_refused() -> None:
    with pytest.raises(NotFound):
        arbeitskreis().remove_member(meta(), member_id=department().id)


def test_nobody_joins_before_the_body_exists() -> None:
    with pytest.raises(ValidationError, match="established"):
        arbeitskreis().add_member(
            meta(date(2010, 1, 1)),
            member_id=department().id,
            member_type="ORGANIZATION",
            role="MEMBER",
        )


def test_dissolved_body_takes_no_changes() -> None:
    body = arbeitskreis()
    body.dissolve(meta(date(2015, 1, 1)))
    assert not body.active
    with pytest.raises(InvalidTransition, match="dissolved"):
        body.shift_focus(meta(), "Neues Thema")
    with pytest.raises(InvalidTransition):
        body.dissolve(meta(date(2016, 1, 1)))


def test_a_dissolution_is_recorded_once_it_takes_effect_never_ahead() -> None:
    body = arbeitskreis()
    with pytest.raises(ValidationError, match="future") as refused:
        body.dissolve(meta(date(2026, 12, 31), today=date(2026, 11, 25)))
    assert refused.value.field == "effectiveOn"
    assert body.active
    body.dissolve(meta(None, today=date(2026, 11, 25)))  # no date given: today
    assert not body.active and body.dissolved_on == date(2026, 11, 25)


def test_notice_needs_title_and_text() -> None:
    body = arbeitskreis()
    with pytest.raises(ValidationError):
        body.publish_notice(meta(), title="", text_="x")
    body.publish_notice(meta(), title="Info", text_="Text")
    assert body.notice_count == 1
