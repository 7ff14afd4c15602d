"""Stored history stays readable; personal data stays out of it."""

from __future__ import annotations

import json
from datetime import date

from eventsourcing.application import Repository

from sozialplanung.application import PlanningApp
from sozialplanung.domain.body import Body

from ..conftest import meta_on
from .helpers import build_world


def test_member_joined_stored_in_version_1_is_read_through_its_upcaster(
    app: PlanningApp,
) -> None:
    world = build_world(app)
    body: Body = app.repository.get(world.committee)
    body.add_member(
        meta_on(date(2011, 3, 1)),
        member_id=world.department,
        member_type="ORGANIZATION",
        role="MEMBER",
    )
    stored = app.mapper.to_stored_event(body.collect_events()[0])
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    del state["on_behalf_of_id"]  # the shape version 1 wrote
    old = type(stored)(
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=json.dumps(state).encode(),
    )
    app.recorder.insert_events([old])

    read: Body = app.repository.get(world.committee)
    assert read.memberships == [
        {
            "member_id": world.department,
            "member_type": "ORGANIZATION",
            "role": "MEMBER",
            "on_behalf_of_id": None,
            "since": date(2011, 3, 1),
            "until": None,
        }
    ]


def test_events_store_dates_as_iso_strings_and_no_tuples(app: PlanningApp) -> None:
    world = build_world(app)
    cycle_event = next(iter(app.recorder.select_events(world.app.cycle(1).id)))
    state = json.loads(cycle_event.state)
    assert state["starts_on"] == {"_type_": "date_iso", "_data_": "2011-09-01"}
    assert isinstance(state["working_groups"], list)


def test_a_persons_name_never_enters_an_event_and_erasure_removes_it(app: PlanningApp) -> None:
    world = build_world(app)
    person = app.register_person(meta_on(), name="Erika Mustermann", affiliation=world.department)
    assert app.person_names([person]) == {person: "Erika Mustermann"}
    for notification in app.recorder.select_notifications(start=1, limit=1000):
        assert b"Mustermann" not in notification.state

    app.erase_person(meta_on(), person=person)
    assert app.person_names([person]) == {}
    assert app.repository.get(person).erased
    types = [
        n.topic
        for n in app.recorder.select_notifications(start=1, limit=1000)
        if n.originator_id == person
    ]
    assert [t.rsplit(".", 1)[-1] for t in types] == ["PersonRegistered", "PersonDataErased"]


def test_time_travel_through_snapshots_equals_replaying_every_event(app: PlanningApp) -> None:
    world = build_world(app)
    measure = world.measure()
    for n in range(120):  # past two snapshots (every 50 events)
        app.revise_measure(meta_on(), measure=measure, description=f"Fassung {n}")
    assert app.snapshots is not None
    assert [s.originator_version for s in app.snapshots.get(measure)] == [50, 100]
    full_replay = Repository(app.repository.event_store)
    for version in (1, 49, 50, 51, 99, 100, 101, 121):
        through_snapshot = app.repository.get(measure, version=version)
        replayed = full_replay.get(measure, version=version)
        assert through_snapshot.version == replayed.version == version
        assert vars(through_snapshot) == vars(replayed)
