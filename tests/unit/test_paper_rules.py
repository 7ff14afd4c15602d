"""Vorlagen and their Beratungsfolge."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from sozialplanung.domain.base import Duplicate, InvalidTransition, ValidationError
from sozialplanung.domain.briefing import Briefing
from sozialplanung.domain.organization import Organization
from sozialplanung.domain.paper import Paper, attachment

from .builders import committee, department, meta


def paper() -> Paper:
    return Paper.submit(
        meta(),
        reference=" FB 50/0098/WP16 ",
        type_="INFORMATION",
        subject="Einrichtung einer Sozialkonferenz",
        date_=date(2011, 2, 1),
        attachments=[attachment("Anlage 1", "application/pdf", 51_917)],
    )


def test_reference_is_normalised() -> None:
    assert paper().reference == "FB 50/0098/WP16"


def test_paper_type_must_be_known() -> None:
    with pytest.raises(ValidationError, match="type must be one of"):
        Paper.submit(meta(), reference="1", type_="MEMO", subject="x", date_=date(2011, 1, 1))


def test_attachment_checksum_is_hexadecimal() -> None:
    with pytest.raises(ValidationError, match="sha256"):
        attachment("Anlage", sha256="xyz")
    with pytest.raises(ValidationError, match="negative"):
        attachment("Anlage", size_bytes=-5)


def test_consultation_is_concluded_once() -> None:
    doc, body = paper(), committee()
    consultation = doc.schedule_consultation(
        meta(), body=body, meeting=None, date_=date(2011, 2, 24), role="NOTICE", authoritative=True
    )
    doc.conclude_consultation(
        meta(),
        consultation_id=consultation,
        decision="NOTED",
        decision_text=None,
        deciding_measures=False,
    )
    assert doc.consultations[0]["decision"] == "NOTED"
    with pytest.raises(InvalidTransition, match="already concluded"):
        doc.conclude_consultation(
            meta(),
            consultation_id=consultation,
            decision="APPROVED",
            decision_text=None,
            deciding_measures=False,
        )


def test_a_paper_has_one_authoritative_consultation() -> None:
    doc, body = paper(), committee()
    doc.schedule_consultation(
        meta(), body=body, meeting=None, date_=None, role="DECISION", authoritative=True
    )
    with pytest.raises(Duplicate):
        doc.schedule_consultation(
            meta(), body=body, meeting=None, date_=None, role="DECISION", authoritative=True
        )


def test_only_an_authoritative_deciding_conclusion_decides_measures() -> None:
    doc, body = paper(), committee()
    preliminary = doc.schedule_consultation(
        meta(), body=body, meeting=None, date_=None, role="PRELIMINARY", authoritative=False
    )
    with pytest.raises(ValidationError, match="authoritative"):
        doc.conclude_consultation(
            meta(),
            consultation_id=preliminary,
            decision="APPROVED",
            decision_text=None,
            deciding_measures=True,
        )
    final = doc.schedule_consultation(
        meta(), body=body, meeting=None, date_=None, role="DECISION", authoritative=True
    )
    with pytest.raises(ValidationError, match="does not decide"):
        doc.conclude_consultation(
            meta(),
            consultation_id=final,
            decision="DEFERRED",
            decision_text=None,
            deciding_measures=True,
        )


def test_settled_paper_is_settled_once_and_takes_no_consultations() -> None:
    doc = paper()
    doc.settle(meta())
    with pytest.raises(InvalidTransition):
        doc.settle(meta())
    with pytest.raises(InvalidTransition, match="settled"):
        doc.schedule_consultation(
            meta(), body=committee(), meeting=None, date_=None, role="NOTICE", authoritative=False
        )


def test_only_parliamentary_groups_are_informed() -> None:
    spd = Organization.register(meta(), name="SPD-Fraktion", kind="PARLIAMENTARY_GROUP")
    doc = paper()
    with pytest.raises(ValidationError, match="not a parliamentary group"):
        Briefing.inform(
            meta(),
            subject_id=doc.id,
            subject_type="Paper",
            groups=[department()],
            channel="E-Mail",
            note=None,
        )
    briefing = Briefing.inform(
        meta(), subject_id=doc.id, subject_type="Paper", groups=[spd], channel="E-Mail", note=None
    )
    assert briefing.group_ids == [spd.id]


def test_no_event_field_shadows_the_event_stores_own_fields() -> None:
    from sozialplanung.domain.base import PlanningAggregate

    reserved = {"originator_id", "originator_version", "timestamp", "originator_topic"}
    for aggregate in PlanningAggregate.__subclasses__():
        for event in vars(aggregate).values():
            if isinstance(event, type) and issubclass(event, PlanningAggregate.Event):
                own = set(inspect.get_annotations(event))
                assert not own & reserved, (event, own & reserved)
