"""The demo data records what council paper FB 50/0098/WP16 states, and tells an
illustrative story around it that is the same on every run and consistent in its dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.demo import cycles, load_demo, meetings
from sozialplanung.demo.recorder import TODAY, DemoRecorder
from sozialplanung.domain.measure import Measure, MeasureStatus
from sozialplanung.domain.meeting import Meeting

from ..conftest import store_on


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PlanningApp]:
    """The demo recorded through the commands, once per backend for this module's readers."""
    with store_on(request.param, tmp_path_factory) as settings:
        app = PlanningApp.from_settings(settings)
        load_demo(app)
        yield app
        app.close()


def notifications(app: PlanningApp) -> list:  # type: ignore[type-arg]
    return app.recorder.select_notifications(start=1, limit=100_000)


def events(app: PlanningApp) -> list:  # type: ignore[type-arg]
    """Every event of the log, in order, as domain events."""
    with app.keys.reading():  # type: ignore[attr-defined]
        return [app.mapper.to_domain_event(n) for n in notifications(app)]


def measures(app: PlanningApp) -> list[Measure]:
    return [
        app.repository.get(n.originator_id)
        for n in notifications(app)
        if n.topic.endswith("MeasureProposed")
    ]


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
    for measure in measures(demo):
        seen.add(measure.status)
        seen.update(t["status_at_end"] for t in measure.terms if t["status_at_end"])
    assert seen == {status.value for status in MeasureStatus}


def test_the_demo_holds_eight_cycles_with_several_measures_per_group(demo: PlanningApp) -> None:
    found = measures(demo)
    assert len(found) == 282
    assert Counter(m.status for m in found) == {
        "COMPLETED": 137,
        "DROPPED": 46,
        "REJECTED": 45,
        "IN_IMPLEMENTATION": 30,
        "WITHDRAWN": 14,
        "ADOPTED": 4,
        "EVALUATED": 2,
        "IN_DELIBERATION": 2,
        "PROPOSED": 2,
    }
    terms = Counter((t["cycle"], t["working_group_id"]) for m in found for t in m.terms)
    assert len(terms) == 2 * 12 + 6 * 13  # every group in every cycle
    assert (min(terms.values()), max(terms.values())) == (2, 5)
    assert sum(terms.values()) == 351
    lives = Counter(len(m.terms) for m in found)
    assert lives == {1: 228, 2: 41, 3: 11, 4: 2}  # carried through up to four cycles
    revised = [m for m in found if any(t["reached"][0] == "PROPOSED" for t in m.terms[1:])]
    assert revised  # carried forward with a new text, deliberated again


def test_the_conference_has_twelve_working_groups_and_a_thirteenth_is_added(
    demo: PlanningApp,
) -> None:
    assert [len(demo.cycle(n).working_groups) for n in range(1, 9)] == [12, 12] + [13] * 6
    assert [demo.cycle(n).status for n in range(1, 9)] == ["CLOSED"] * 7 + ["CONFERENCE_HELD"]
    assert [demo.cycle(n).label for n in (1, 6, 8)] == ["2011–2013", "2021–2023", "2025–2027"]


def test_nothing_is_held_decided_or_evaluated_after_today_nor_before_it_was_scheduled(
    demo: PlanningApp,
) -> None:
    """The demo's "today" is 2026-11-25: later meetings are scheduled only; and each step
    follows what it depends on (a meeting held on its day, a decision after its paper)."""
    done = ("MeetingHeld", "ConsultationConcluded", "MeasureDecided", "MeasureEvaluated")
    seen: set[str] = set()
    for event in events(demo):
        kind = type(event).__name__
        if kind not in (*done, "MeetingCancelled"):
            continue
        assert event.effective_on <= TODAY, (kind, event.effective_on)
        if kind in ("MeetingHeld", "MeetingCancelled"):
            meeting = demo.repository.get(event.originator_id, version=event.originator_version)
            scheduled = meeting.scheduled_for.date()
            if kind == "MeetingHeld":
                assert event.effective_on == scheduled, meeting.title
            else:
                assert event.effective_on < scheduled, meeting.title
        seen.add(kind)
    assert seen == {*done, "MeetingCancelled"}
    future = [m for m in _meetings(demo) if m.scheduled_for.date() > TODAY]
    assert sorted((m.scheduled_for.date(), m.status) for m in future) == [
        (date(2026, 12, 10), "SCHEDULED"),
        (date(2027, 9, 16), "SCHEDULED"),
    ]


def _meetings(app: PlanningApp) -> list[Meeting]:
    return [
        app.repository.get(n.originator_id)
        for n in notifications(app)
        if n.topic.endswith("MeetingScheduled")
    ]


def test_every_measure_event_follows_the_one_before_in_business_time(demo: PlanningApp) -> None:
    days: dict[object, list[date]] = {}
    for event in events(demo):
        if type(event).__qualname__.startswith("Measure."):
            days.setdefault(event.originator_id, []).append(event.effective_on)
    assert len(days) == 282
    for measure_days in days.values():
        assert measure_days == sorted(measure_days)


def test_the_story_is_planned_the_same_on_every_run() -> None:
    """The schedule comes from a generator with a constant seed: two plans are equal."""

    def plan() -> list[tuple[date, str]]:
        demo = DemoRecorder(app=None)  # type: ignore[arg-type]  # planning touches no store
        cycles.plan(demo)
        meetings.plan(demo)
        steps = [(s.day, s.label) for s in demo.schedule]
        sessions = [(day, c.reference) for day, items in demo.sessions.items() for c in items]
        assert max(day for day, _ in steps) <= TODAY
        return steps + sessions

    first = plan()
    assert len(first) > 1_500
    assert plan() == first


def test_illustrative_content_says_so(demo: PlanningApp) -> None:
    """Whatever the paper does not state says so in the event's reason or in its text."""
    stated = {"As stated in paper FB 50/0098/WP16.", "Demo data loaded."}
    for event in events(demo):
        reason = event.reason or ""
        assert reason in stated or "llustrative" in reason, (type(event).__name__, reason)
    organizations = [e for e in events(demo) if type(e).__name__ == "MeasureProposed"]
    assert all("illustrative" in (e.description or "") for e in organizations)
