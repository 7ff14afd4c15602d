"""The demo data records what council paper FB 50/0098/WP16 states."""

from __future__ import annotations

from datetime import date

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.demo import load_demo
from sozialplanung.domain.measure import Measure, MeasureStatus


@pytest.fixture
def demo(app: PlanningApp) -> PlanningApp:
    load_demo(app)
    return app


def test_running_the_demo_twice_writes_nothing_the_second_time(demo: PlanningApp) -> None:
    before = demo.recorder.max_notification_id()
    assert "already loaded" in load_demo(demo)
    assert demo.recorder.max_notification_id() == before


def test_demo_refuses_a_store_holding_other_data(app: PlanningApp) -> None:
    from ..conftest import meta_on

    app.register_organization(meta_on(), name="Rat der Stadt", kind="OTHER")
    assert "only into an empty store" in load_demo(app)
    assert app.recorder.max_notification_id() == 1


def test_paper_was_noted_on_24_february_2011_and_settles_motion_105_16(
    demo: PlanningApp,
) -> None:
    paper = demo.repository.get(demo.paper_by_reference("FB 50/0098/WP16"))
    motion = demo.repository.get(demo.paper_by_reference("105/16"))
    assert (paper.type, paper.settled, paper.related_paper_ids) == (
        "INFORMATION",
        True,
        [motion.id],
    )
    assert paper.decision_proposal.startswith("Der Ausschuss für Soziales")
    [consultation] = paper.consultations
    assert (consultation["date"], consultation["decision"]) == (date(2011, 2, 24), "NOTED")
    assert (motion.type, motion.date, motion.settled) == ("MOTION", date(2010, 8, 31), True)
    assert demo.repository.get(motion.originated_by_id).name == "SPD-Fraktion"
    settled = [e for e in demo.events.get(motion.id) if type(e).__name__ == "PaperSettled"]
    assert settled[0].effective_on == date(2011, 2, 24)


def test_demo_has_measures_in_every_lifecycle_state(demo: PlanningApp) -> None:
    seen: set[str] = set()
    for notification in demo.recorder.select_notifications(start=1, limit=10_000):
        if notification.topic.endswith("MeasureProposed"):
            measure: Measure = demo.repository.get(notification.originator_id)
            seen.add(measure.status)
            seen.update(t["status_at_end"] for t in measure.terms if t["status_at_end"])
    assert seen == {status.value for status in MeasureStatus}


def test_the_conference_has_twelve_working_groups_and_a_thirteenth_is_added(
    demo: PlanningApp,
) -> None:
    assert len(demo.cycle(1).working_groups) == 12
    assert len(demo.cycle(2).working_groups) == 13
    assert [demo.cycle(n).status for n in (1, 2, 3)] == ["CLOSED", "CLOSED", "CONFERENCE_HELD"]
