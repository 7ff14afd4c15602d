"""The Maßnahme lifecycle: every rule, allowed and refused."""

from __future__ import annotations

from datetime import date

import pytest

from sozialplanung.domain.base import (
    Duplicate,
    ErrorCode,
    InvalidTransition,
    ValidationError,
)
from sozialplanung.domain.measure import Measure
from sozialplanung.domain.paper import Paper

from .builders import DECIDED_ON, EVALUATED_ON, PAPER_DATED, Planning, meta, working_group


@pytest.fixture
def plan() -> Planning:
    return Planning()


def test_proposed_measure_starts_its_first_term_in_the_cycle(plan: Planning) -> None:
    measure = plan.proposed()
    assert measure.status == "PROPOSED"
    assert measure.terms == [
        {
            "cycle": 1,
            "working_group_id": plan.group.id,
            "reached": ["PROPOSED"],
            "status_at_end": None,
            "evaluation": None,
        }
    ]


def test_closed_cycle_takes_no_new_measures(plan: Planning) -> None:
    plan.cycle1.close(meta())
    with pytest.raises(InvalidTransition, match="closed"):
        plan.proposed()


def test_measure_needs_a_working_group_of_its_cycle(plan: Planning) -> None:
    other = working_group(plan.conference, "AG 2 Bildung")
    with pytest.raises(ValidationError, match="not a working group of cycle 1") as refused:
        Measure.propose(meta(), cycle=plan.cycle1, working_group=other, title="X")
    assert refused.value.field == "workingGroup"


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_measure_title_must_be_present_and_short(plan: Planning, title: str) -> None:
    with pytest.raises(ValidationError) as refused:
        plan.proposed(title)
    assert refused.value.code is ErrorCode.VALIDATION


def test_referring_puts_a_measure_in_deliberation(plan: Planning) -> None:
    assert plan.in_deliberation().status == "IN_DELIBERATION"


def test_a_measure_is_referred_to_the_same_paper_once(plan: Planning) -> None:
    measure = plan.in_deliberation()
    with pytest.raises(Duplicate):
        measure.refer(meta(), plan.paper.id)


def test_only_a_measure_in_deliberation_can_be_decided(plan: Planning) -> None:
    measure = plan.proposed()
    with pytest.raises(InvalidTransition, match="refer it to a paper first"):
        measure.decide(meta(), adopted=True, body=plan.committee, paper=None)


def test_only_a_political_body_decides(plan: Planning) -> None:
    measure = plan.in_deliberation()
    with pytest.raises(ValidationError, match="not a COMMITTEE or COUNCIL"):
        measure.decide(meta(), adopted=True, body=plan.group, paper=None)


def test_decision_names_a_paper_the_measure_was_referred_to(plan: Planning) -> None:
    measure = plan.in_deliberation()
    other = Paper.submit(
        meta(), reference="FB 50/0151/WP16", type_="REPORT", subject="x", date_=PAPER_DATED
    )
    with pytest.raises(ValidationError, match="not referred to that paper"):
        measure.decide(meta(DECIDED_ON), adopted=True, body=plan.committee, paper=other)


def test_adoption_and_implementation(plan: Planning) -> None:
    measure = plan.in_implementation()
    assert measure.status == "IN_IMPLEMENTATION"
    assert measure.terms[0]["reached"] == [
        "PROPOSED",
        "IN_DELIBERATION",
        "ADOPTED",
        "IN_IMPLEMENTATION",
    ]


def test_rejection_ends_the_term(plan: Planning) -> None:
    measure = plan.rejected()
    assert measure.status == "REJECTED"
    assert measure.terms[0]["status_at_end"] == "REJECTED"


def test_rejected_measure_cannot_be_evaluated(plan: Planning) -> None:
    measure = plan.rejected()
    with pytest.raises(InvalidTransition) as refused:
        measure.evaluate(meta(), outcome="NOT_IMPLEMENTED", obstacles=[], enablers=[], report=None)
    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    assert measure.pending_events[-1].__class__.__name__ == "MeasureDecided"


def test_proposed_measure_cannot_be_evaluated(plan: Planning) -> None:
    with pytest.raises(InvalidTransition):
        plan.proposed().evaluate(
            meta(), outcome="IMPLEMENTED", obstacles=[], enablers=[], report=None
        )


@pytest.mark.parametrize("outcome", ["IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "NOT_IMPLEMENTED"])
@pytest.mark.parametrize("started", [False, True])
def test_an_adopted_measure_is_evaluated_with_any_outcome_whether_or_not_it_was_started(
    plan: Planning, outcome: str, started: bool
) -> None:
    measure = plan.in_implementation() if started else plan.adopted()
    measure.evaluate(
        meta(EVALUATED_ON), outcome=outcome, obstacles=["Personal"], enablers=[], report=None
    )
    assert (measure.status, measure.terms[0]["evaluation"]["outcome"]) == ("EVALUATED", outcome)


def test_an_adopted_measure_evaluated_as_implemented_without_a_recorded_start_completes(
    plan: Planning,
) -> None:
    measure = plan.adopted()
    measure.evaluate(
        meta(EVALUATED_ON), outcome="IMPLEMENTED", obstacles=[], enablers=[], report=None
    )
    measure.complete(meta(EVALUATED_ON))
    assert measure.terms[0]["reached"] == [
        "PROPOSED",
        "IN_DELIBERATION",
        "ADOPTED",
        "EVALUATED",
        "COMPLETED",
    ]


def test_evaluation_records_obstacles_and_enablers_for_the_terms_cycle(plan: Planning) -> None:
    measure = plan.evaluated()
    evaluation = measure.terms[0]["evaluation"]
    assert evaluation["cycle"] == 1
    assert evaluation["obstacles"] == ["Personal"]
    assert evaluation["enablers"] == ["Kooperation"]
    assert evaluation["effective_on"] == date(2013, 9, 19)


def test_evaluation_outcome_must_be_known(plan: Planning) -> None:
    with pytest.raises(ValidationError, match="outcome must be one of"):
        plan.in_implementation().evaluate(
            meta(), outcome="GREAT", obstacles=[], enablers=[], report=None
        )


def test_repeated_factors_are_recorded_once(plan: Planning) -> None:
    measure = plan.in_implementation()
    measure.evaluate(
        meta(EVALUATED_ON),
        outcome="IMPLEMENTED",
        obstacles=["Räume", "Räume "],
        enablers=[],
        report=None,
    )
    assert measure.evaluations[0]["obstacles"] == ["Räume"]


@pytest.mark.parametrize("percent", [-1, 101])
def test_progress_is_a_percentage(plan: Planning, percent: int) -> None:
    with pytest.raises(ValidationError, match="between 0 and 100"):
        plan.in_implementation().report_progress(meta(), percent_done=percent, note=None)


def test_progress_is_reported_only_during_implementation(plan: Planning) -> None:
    with pytest.raises(InvalidTransition):
        plan.adopted().report_progress(meta(), percent_done=10, note=None)
    measure = plan.in_implementation()
    measure.report_progress(meta(), percent_done=40, note="Halbzeit")
    assert measure.progress == 40
    assert measure.progress_reports[0]["reported_by"] == "admin:tester"


def test_carrying_forward_needs_an_evaluation(plan: Planning) -> None:
    with pytest.raises(InvalidTransition, match="evaluate it first"):
        plan.in_implementation().carry_forward(
            meta(), to_cycle=plan.cycle2, working_group=None, title=None, description=None
        )


def test_carrying_forward_needs_a_later_cycle(plan: Planning) -> None:
    with pytest.raises(ValidationError, match="later cycle"):
        plan.evaluated().carry_forward(
            meta(), to_cycle=plan.cycle1, working_group=None, title=None, description=None
        )


def test_carrying_forward_needs_an_open_target_cycle(plan: Planning) -> None:
    plan.cycle2.close(meta())
    with pytest.raises(InvalidTransition, match="closed"):
        plan.evaluated().carry_forward(
            meta(), to_cycle=plan.cycle2, working_group=None, title=None, description=None
        )


def test_unchanged_measure_carried_forward_stays_adopted_with_the_same_identity(
    plan: Planning,
) -> None:
    measure = plan.evaluated()
    identity = measure.id
    measure.carry_forward(
        meta(), to_cycle=plan.cycle2, working_group=None, title=None, description=None
    )
    assert measure.id == identity
    assert (measure.status, measure.cycle_number) == ("ADOPTED", 2)
    assert [t["cycle"] for t in measure.terms] == [1, 2]
    assert measure.terms[0]["status_at_end"] == "CARRIED_FORWARD"


def test_revised_measure_carried_forward_is_proposed_again(plan: Planning) -> None:
    measure = plan.evaluated()
    measure.carry_forward(
        meta(),
        to_cycle=plan.cycle2,
        working_group=None,
        title="Familienzentren plus",
        description=None,
    )
    assert (measure.status, measure.title) == ("PROPOSED", "Familienzentren plus")


def test_completion_needs_something_implemented(plan: Planning) -> None:
    with pytest.raises(InvalidTransition, match="NOT_IMPLEMENTED"):
        plan.evaluated("NOT_IMPLEMENTED").complete(meta())
    measure = plan.evaluated("IMPLEMENTED")
    measure.complete(meta())
    assert measure.terms[0]["status_at_end"] == "COMPLETED"


def test_only_an_evaluated_measure_is_dropped(plan: Planning) -> None:
    with pytest.raises(InvalidTransition):
        plan.adopted().drop(meta())
    measure = plan.evaluated("NOT_IMPLEMENTED")
    measure.drop(meta())
    assert measure.status == "DROPPED"


def test_a_measure_is_withdrawn_before_it_is_decided(plan: Planning) -> None:
    with pytest.raises(InvalidTransition):
        plan.adopted().withdraw(meta())
    measure = plan.in_deliberation()
    measure.withdraw(meta())
    assert measure.status == "WITHDRAWN"


def test_revision_is_allowed_until_the_decision(plan: Planning) -> None:
    measure = plan.proposed()
    measure.revise(meta(), title="Neuer Titel", description=None)
    assert measure.title == "Neuer Titel"
    with pytest.raises(ValidationError, match="changes neither"):
        measure.revise(meta(), title="Neuer Titel", description=None)
    with pytest.raises(InvalidTransition):
        plan.adopted().revise(meta(), title="Später", description=None)


def test_every_event_carries_the_context_of_the_action(plan: Planning) -> None:
    measure = plan.proposed()
    event = measure.pending_events[0]
    assert (event.actor, event.correlation_id, event.effective_on) == (
        "admin:tester",
        "test",
        date(2011, 9, 15),
    )
    assert event.on_behalf_of is None and event.reason is None
