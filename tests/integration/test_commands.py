"""Commands on both stores: atomic saves, refusals that write nothing, concurrency,
idempotent retries, unique keys without races."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.domain.base import (
    Duplicate,
    ErrorCode,
    InvalidTransition,
    NotFound,
    ValidationError,
    VersionConflict,
)
from sozialplanung.domain.measure import Measure
from sozialplanung.domain.paper import Paper
from sozialplanung.domain.rights import administrator

from ..conftest import meta_on
from .helpers import DECIDED_ON, World, build_world


@pytest.fixture
def world(app: PlanningApp) -> World:
    return build_world(app)


def conclude_with(world: World, decisions: list[tuple]) -> None:
    consultation = world.app.repository.get(world.paper).consultations[-1]["id"]
    world.app.conclude_consultation(
        meta_on(date(2011, 11, 24)),
        consultation=consultation,
        decision="APPROVED",
        measure_decisions=decisions,
    )


def schedule_decision(world: World) -> None:
    world.app.schedule_consultation(
        meta_on(),
        paper=world.paper,
        body=world.committee,
        role="DECISION",
        authoritative=True,
        date=date(2011, 11, 24),
    )


def test_concluding_a_consultation_adopts_its_measures_in_one_transaction(world: World) -> None:
    measures = [world.referred(f"Maßnahme {i}") for i in range(3)]
    schedule_decision(world)
    before = world.events()
    conclude_with(world, [(m, True) for m in measures])
    assert world.events() == before + 4
    for m in measures:
        assert world.app.repository.get(m).status == "ADOPTED"
    stored = list(world.app.notification_log.select(start=before + 1, limit=10))
    assert len({n.id for n in stored}) == 4


def test_a_refused_measure_decision_leaves_the_consultation_and_every_measure_untouched(
    world: World,
) -> None:
    good = [world.referred("A"), world.referred("B")]
    unreferred = world.measure("C")
    schedule_decision(world)
    before = world.events()
    with pytest.raises(InvalidTransition):
        conclude_with(world, [(good[0], True), (good[1], True), (unreferred, True)])
    assert world.events() == before
    assert world.app.repository.get(world.paper).consultations[0]["decision"] is None
    assert {world.app.repository.get(m).status for m in good} == {"IN_DELIBERATION"}


def test_rejected_measure_cannot_be_evaluated_and_nothing_is_written(world: World) -> None:
    measure = world.referred()
    world.app.decide_measure(
        meta_on(DECIDED_ON), measure=measure, adopted=False, body=world.committee
    )
    before = world.events()
    with pytest.raises(InvalidTransition):
        world.app.evaluate_measure(meta_on(), measure=measure, outcome="NOT_IMPLEMENTED")
    assert world.events() == before


def test_committee_given_as_conference_working_group_is_refused(world: World) -> None:
    before = world.events()
    with pytest.raises(ValidationError, match="COMMITTEE") as refused:
        world.app.open_cycle(
            meta_on(),
            number=2,
            label="2013–2015",
            starts_on=date(2013, 9, 1),
            ends_on=date(2015, 8, 31),
            conference_body=world.conference,
            working_groups=[(world.committee, "Politik")],
        )
    assert refused.value.field == "workingGroups.0.body"
    assert world.events() == before


def test_unknown_and_foreign_ids_are_named_in_the_error(world: World) -> None:
    from uuid import uuid4

    with pytest.raises(NotFound) as missing:
        world.app.start_implementation(meta_on(), measure=uuid4())
    assert missing.value.field == "measure"
    with pytest.raises(ValidationError, match="is a body, not a measure"):
        world.app.start_implementation(meta_on(), measure=world.committee)


def test_stale_expected_version_is_a_version_conflict(world: World) -> None:
    measure = world.measure()
    before = world.events()
    with pytest.raises(VersionConflict) as conflict:
        world.app.revise_measure(meta_on(), measure=measure, title="Neu", expected_version=7)
    assert conflict.value.code is ErrorCode.VERSION_CONFLICT
    assert world.events() == before
    world.app.revise_measure(meta_on(), measure=measure, title="Neu", expected_version=1)


def test_two_writers_on_one_aggregate_conflict_and_the_second_writes_nothing(
    world: World,
) -> None:
    measure_id = world.measure()
    first = world.app.repository.get(measure_id)
    second = world.app.repository.get(measure_id)
    first.revise(meta_on(), title="Erste Fassung", description=None)
    second.revise(meta_on(), title="Zweite Fassung", description=None)

    def save(measure: Measure) -> Callable[[], tuple[UUID, list[Measure]]]:
        def action() -> tuple[UUID, list[Measure]]:
            world.app.permit("reviseMeasure", measure)
            return measure.id, [measure]

        return action

    world.app.execute(meta_on(), "reviseMeasure", None, save(first))
    with pytest.raises(VersionConflict):
        world.app.execute(meta_on(), "reviseMeasure", None, save(second))
    assert world.app.repository.get(measure_id).title == "Erste Fassung"


def test_retry_with_the_same_client_mutation_id_returns_the_first_result(world: World) -> None:
    first = world.app.propose_measure(
        meta_on(), cycle=1, working_group=world.group, title="Einmal", client_mutation_id="abc-1"
    )
    before = world.events()
    again = world.app.propose_measure(
        meta_on(), cycle=1, working_group=world.group, title="Einmal", client_mutation_id="abc-1"
    )
    assert again == first
    assert world.events() == before


def test_client_mutation_id_is_not_reused_for_another_command(world: World) -> None:
    world.app.propose_measure(
        meta_on(), cycle=1, working_group=world.group, title="X", client_mutation_id="abc-2"
    )
    with pytest.raises(Duplicate, match="already used for proposeMeasure"):
        world.app.register_organization(
            meta_on(), name="Y", kind="OTHER", client_mutation_id="abc-2"
        )


def test_client_mutation_ids_of_different_actors_do_not_collide(world: World) -> None:
    one = world.app.propose_measure(
        meta_on(principal=administrator("a")),
        cycle=1,
        working_group=world.group,
        title="X",
        client_mutation_id="same",
    )
    two = world.app.propose_measure(
        meta_on(principal=administrator("b")),
        cycle=1,
        working_group=world.group,
        title="X",
        client_mutation_id="same",
    )
    assert one != two


def test_paper_reference_is_unique(world: World) -> None:
    before = world.events()
    with pytest.raises(Duplicate, match="already in use"):
        world.app.submit_paper(
            meta_on(),
            reference="fb 50/0150/wp16",
            type="REPORT",
            subject="Doppelt",
            date=date(2012, 1, 1),
        )
    assert world.events() == before


def test_racing_submissions_of_one_reference_store_one_paper(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both requests passed the existence check before either saved: the store decides.
    monkeypatch.setattr(world.app, "paper_by_reference", lambda reference: None)
    before = world.events()
    with pytest.raises(Duplicate, match="already taken"):
        world.app.submit_paper(
            meta_on(),
            reference="FB 50/0150/WP16",
            type="REPORT",
            subject="Doppelt",
            date=date(2012, 1, 1),
        )
    assert world.events() == before


def test_racing_cycle_openings_store_one_cycle(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world.app, "cycle_exists", lambda number: False)
    with pytest.raises(Duplicate, match="Cycle 1 already exists"):
        world.app.open_cycle(
            meta_on(),
            number=1,
            label="again",
            starts_on=date(2011, 9, 1),
            ends_on=date(2013, 8, 31),
            conference_body=world.conference,
            working_groups=[],
        )


def test_submitting_a_paper_with_measures_refers_them_atomically(world: World) -> None:
    measure = world.measure()
    paper = world.app.submit_paper(
        meta_on(),
        reference="FB 50/0200/WP16",
        type="DECISION_PROPOSAL",
        subject="Neu",
        date=date(2012, 1, 1),
        measures=[measure],
    )
    assert world.app.repository.get(measure).paper_ids == [paper]
    assert world.app.paper_by_reference("FB 50/0200/WP16") == paper


def test_long_histories_are_read_from_snapshots(world: World) -> None:
    measure = world.referred()
    world.app.decide_measure(
        meta_on(DECIDED_ON), measure=measure, adopted=True, body=world.committee
    )
    world.app.start_implementation(meta_on(), measure=measure)
    for percent in range(60):
        world.app.report_progress(meta_on(), measure=measure, percent=percent)
    snapshots = list(world.app.snapshots.get(measure))
    assert [s.originator_version for s in snapshots] == [50]
    from_snapshot = world.app.repository.get(measure)
    events = list(world.app.events.get(measure))
    replayed: Measure | None = None
    for event in events:
        replayed = event.mutate(replayed)
    assert from_snapshot.version == replayed.version == 64
    assert from_snapshot.progress_reports == replayed.progress_reports
    assert from_snapshot.terms == replayed.terms


def test_members_are_persons_or_organizations(world: World) -> None:
    with pytest.raises(NotFound, match="neither a person nor an organization"):
        world.app.add_member(meta_on(), body=world.committee, member=world.group, role="MEMBER")
    person = world.app.register_person(
        meta_on(), name="Anna Beispiel", affiliation=world.department
    )
    world.app.add_member(
        meta_on(), body=world.committee, member=person, role="EXPERT", on_behalf_of=world.department
    )
    membership = world.app.repository.get(world.committee).memberships[0]
    assert membership["member_type"] == "PERSON"
    assert membership["on_behalf_of_id"] == world.department


def test_paper_is_found_by_its_consultation(world: World) -> None:
    schedule_decision(world)
    paper: Paper = world.app.repository.get(world.paper)
    assert world.app.paper_of_consultation(paper.consultations[0]["id"]) == world.paper
