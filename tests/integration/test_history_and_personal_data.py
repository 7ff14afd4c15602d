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
    app.keys.discard_staged()
    state = json.loads(stored.state)
    assert state.pop("class_version") == 3
    del state["on_behalf_of_id"]  # the shape version 1 wrote, with its actor as plain text
    state["actor"] = "admin:tester"
    old = type(stored)(
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=json.dumps(state).encode(),
    )
    app.recorder.insert_events([old])

    read: Body = app.repository.get(world.committee)
    joined = list(app.repository.event_store.get(world.committee))[-1]
    assert joined.actor == "admin:tester"
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


def test_a_persons_name_is_sealed_in_its_event_and_erasure_destroys_its_key(
    app: PlanningApp,
) -> None:
    world = build_world(app)
    person = app.register_person(meta_on(), name="Erika Mustermann", affiliation=world.department)
    assert app.repository.get(person).name == "Erika Mustermann"
    stored = list(app.recorder.select_notifications(start=1, limit=1000))
    assert not [n for n in stored if b"Mustermann" in n.state]

    app.erase_person(meta_on(), person=person)
    assert app.repository.get(person).erased
    assert app.repository.get(person, version=1).name is None  # time travel too
    after = list(app.recorder.select_notifications(start=1, limit=1000))
    assert [n.state for n in after[: len(stored)]] == [n.state for n in stored]
    types = [n.topic for n in after if n.originator_id == person]
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
