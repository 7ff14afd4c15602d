"""Someone with database access changes the stored log directly: `verify` names the first
position that was altered, removed, inserted or moved — on both stores — and the projector
notices what it is handed. Erasure and redaction, which destroy keys, leave it intact."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from typing import Any
from uuid import UUID

import psycopg
import pytest
from click.testing import CliRunner

from sozialplanung.application import PlanningApp
from sozialplanung.application.ledger import IdOfNoAggregate, verify
from sozialplanung.cli import main
from sozialplanung.projections import ReadModel
from sozialplanung.settings import Settings, postgres_env

from ..conftest import meta_on
from .helpers import build_world


class Store:
    """Raw SQL on the event store's own tables, as an intruder would run it."""

    def __init__(self, settings: Settings, app: PlanningApp):
        self.settings = settings
        self.postgres = settings.database_url is not None
        events: str = app.recorder.events_table_name  # type: ignore[attr-defined]
        if self.postgres:
            assert settings.database_url is not None
            schema = postgres_env(settings.database_url)["POSTGRES_SCHEMA"]
            self.events, self.chain = f'"{schema}".{events}', f'"{schema}".event_chain'
            self.id = "notification_id"
        else:
            self.events, self.chain, self.id = events, "event_chain", "rowid"

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        if self.postgres:
            assert self.settings.database_url is not None
            env = postgres_env(self.settings.database_url)
            with psycopg.connect(
                dbname=env["POSTGRES_DBNAME"],
                host=env["POSTGRES_HOST"],
                port=int(env["POSTGRES_PORT"]),
                user=env["POSTGRES_USER"],
                autocommit=True,
            ) as connection:
                yield connection.cursor()
        else:
            path = self.settings.data_dir / "events.sqlite"
            with closing(sqlite3.connect(path, isolation_level=None)) as connection:
                yield connection.cursor()

    def sql(self, statement: str, params: tuple[Any, ...] = ()) -> list[Any]:
        mark = "%s" if self.postgres else "?"
        with self.cursor() as cursor:
            cursor.execute(statement.replace("?", mark), params)
            return cursor.fetchall() if cursor.description else []

    def state(self, position: int) -> bytes:
        rows = self.sql(f"SELECT state FROM {self.events} WHERE {self.id} = ?", (position,))
        return bytes(rows[0][0])

    def set_state(self, position: int, state: bytes) -> None:
        self.sql(f"UPDATE {self.events} SET state = ? WHERE {self.id} = ?", (state, position))

    def delete_event(self, position: int) -> None:
        self.sql(f"DELETE FROM {self.events} WHERE {self.id} = ?", (position,))

    def delete_link(self, position: int) -> None:
        self.sql(f"DELETE FROM {self.chain} WHERE notification_id = ?", (position,))


@pytest.fixture
def store(app: PlanningApp, settings: Settings) -> Store:
    world = build_world(app)
    for n in range(5):
        world.measure(f"Maßnahme {n}")
    return Store(settings, app)


def test_an_untouched_log_verifies(app: PlanningApp, store: Store) -> None:
    verdict = verify(app.recorder)
    assert verdict.intact and verdict.checked == app.recorder.max_notification_id()
    assert len(verdict.head_hash) == 64


def test_one_changed_byte_is_found_at_its_position(app: PlanningApp, store: Store) -> None:
    state = bytearray(store.state(5))
    state[len(state) // 2] ^= 0x01
    store.set_state(5, bytes(state))
    verdict = verify(app.recorder)
    assert (verdict.intact, verdict.position, verdict.checked) == (False, 5, 4)
    assert "altered" in str(verdict.problem)


def test_a_removed_event_is_named_with_or_without_its_link(app: PlanningApp, store: Store) -> None:
    store.delete_event(7)
    assert (verify(app.recorder).position, verify(app.recorder).problem) == (
        7,
        "removed (its link remains)",
    )
    store.delete_link(7)
    verdict = verify(app.recorder)
    assert (verdict.position, verdict.problem) == (7, "removed together with its link")


def test_two_swapped_events_are_found_at_the_first(app: PlanningApp, store: Store) -> None:
    fourth, sixth = store.state(4), store.state(6)
    store.set_state(4, sixth)
    store.set_state(6, fourth)
    verdict = verify(app.recorder)
    assert (verdict.intact, verdict.position) == (False, 4)


def test_an_event_inserted_without_the_ledger_is_found(app: PlanningApp, store: Store) -> None:
    last = app.recorder.max_notification_id()
    assert last is not None
    forged = store.sql(
        f"SELECT originator_id, originator_version, topic, state FROM {store.events} "
        f"WHERE {store.id} = ?",
        (last,),
    )[0]
    store.sql(
        f"INSERT INTO {store.events} (originator_id, originator_version, topic, state) "
        "VALUES (?, ?, ?, ?)",
        (forged[0], forged[1] + 1, forged[2], forged[3]),
    )
    verdict = verify(app.recorder)
    assert (verdict.intact, verdict.problem) == (False, "inserted (it has no link)")
    assert verdict.position is not None and verdict.position > last


def test_a_cut_off_tail_is_found_against_a_head_noted_down_before(
    app: PlanningApp, store: Store
) -> None:
    noted = verify(app.recorder)
    last = noted.head_position
    store.delete_event(last)
    store.delete_link(last)
    assert verify(app.recorder).intact  # without an anchor a cut tail looks like a shorter log
    anchored = verify(app.recorder, expect=(last, noted.head_hash))
    assert not anchored.intact and anchored.position == last


def test_the_projector_flags_what_it_is_handed_outside_the_ledger(
    app: PlanningApp, store: Store, settings: Settings
) -> None:
    read_model = ReadModel(settings, app)
    try:
        read_model.catch_up()
        assert read_model.projector.chain_state()["broken_at"] is None
        intact = read_model.projector.chain_state()["verified"]
        app.propose_measure(
            meta_on(), cycle=1, working_group=app.cycle(1).working_groups[0]["body_id"], title="X"
        )
        forged = app.recorder.max_notification_id() or 0
        store.delete_link(forged)  # as if the event had been written past the ledger
        read_model.catch_up()
        state = read_model.projector.chain_state()
        assert (state["broken_at"], state["problem"]) == (forged, "inserted")
        assert state["verified"] == intact
    finally:
        read_model.close()


@pytest.mark.parametrize("in_parts", [False, True], ids=["one process", "in parts"])
def test_a_rebuild_checks_the_whole_chain_again(
    app: PlanningApp, store: Store, settings: Settings, in_parts: bool
) -> None:
    read_model = ReadModel(settings, app)
    # A load in parts (SQLite views: projections/partition.py) checks it in one of them.
    read_model.parts_from = 1 if in_parts else 10**12
    try:
        read_model.catch_up()
        assert read_model.projector.chain_state()["broken_at"] is None
        state = bytearray(store.state(3))  # altered after the projector checked it
        state[len(state) // 2] ^= 0x01
        store.set_state(3, bytes(state))
        read_model.rebuild()
        found = read_model.projector.chain_state()
        assert (found["broken_at"], found["problem"]) == (3, "altered")
    finally:
        read_model.close()


# The library reads any spelling of a UUID as the same id; the event store looks an
# aggregate's events up by the exact text. (PostgreSQL keeps ids as uuid: one spelling.)
RESPELLINGS = {
    "upper case": str.upper,
    "with hyphens": lambda text: str(UUID(text)),
    "in braces": lambda text: "{" + text + "}",
    "as a URN": lambda text: "urn:uuid:" + text,
}


@contextmanager
def id_rewritten(
    settings: Settings, rewrite: Callable[[str], str]
) -> Iterator[tuple[PlanningApp, Store, ReadModel, str]]:
    """A world whose views are current, then the aggregate id of the event at position 4
    rewritten in the store; yields the app, the store, the views and the id as it was."""
    app = PlanningApp.from_settings(settings)
    try:
        build_world(app)
        store = Store(settings, app)
        read_model = ReadModel(settings, app)
        try:
            read_model.catch_up()
            (text,) = store.sql(f"SELECT originator_id FROM {store.events} WHERE rowid = 4")[0]
            store.sql(
                f"UPDATE {store.events} SET originator_id = ? WHERE rowid = 4", (rewrite(text),)
            )
            yield app, store, read_model, text
        finally:
            read_model.close()
    finally:
        app.close()


def one_more_event(app: PlanningApp) -> int:
    """A measure proposed after the views caught up: the position of its event."""
    group = app.cycle(1).working_groups[0]["body_id"]
    app.propose_measure(meta_on(), cycle=1, working_group=group, title="X")
    return app.recorder.max_notification_id() or 0


@pytest.mark.parametrize("respell", RESPELLINGS.values(), ids=RESPELLINGS.keys())
def test_an_id_respelled_in_the_store_is_found_as_altered(
    sqlite_settings: Settings, respell: Callable[[str], str]
) -> None:
    with id_rewritten(sqlite_settings, respell) as (app, _, read_model, _):
        verdict = verify(app.recorder)
        assert (verdict.intact, verdict.position, verdict.checked) == (False, 4, 3)
        assert verdict.problem == "altered (its aggregate id is respelled)"
        # The views still rebuild, in one process and in parts (the library reads the id
        # as the UUID it spells), and their check of the chain names the event too.
        before = read_model.table_rows()
        for parts_from in (10**12, 1):
            read_model.parts_from = parts_from
            read_model.rebuild()
            assert read_model.table_rows() == before
            state = read_model.projector.chain_state()
            assert (state["broken_at"], state["problem"]) == (
                4,
                "altered (its aggregate id is respelled)",
            )


@pytest.mark.parametrize("respell", RESPELLINGS.values(), ids=RESPELLINGS.keys())
def test_the_running_views_name_an_id_respelled_before_they_apply_it(
    sqlite_settings: Settings, respell: Callable[[str], str]
) -> None:
    # The world with its views current (position 4 as it was), then one more event.
    with id_rewritten(sqlite_settings, lambda text: text) as (app, store, read_model, _):
        last = one_more_event(app)
        (text,) = store.sql(f"SELECT originator_id FROM {store.events} WHERE rowid = ?", (last,))[0]
        store.sql(
            f"UPDATE {store.events} SET originator_id = ? WHERE rowid = ?", (respell(text), last)
        )
        read_model.catch_up()
        state = read_model.projector.chain_state()
        assert (state["broken_at"], state["problem"]) == (
            last,
            "altered (its aggregate id is respelled)",
        )


# Ids that spell no UUID at all: the library never writes one (SQLite keeps ids as text).
NO_IDS = {"not hex": "z" * 32, "a word": "Maßnahme", "empty": ""}


@pytest.mark.parametrize("garbage", NO_IDS.values(), ids=NO_IDS.keys())
def test_an_id_that_spells_no_uuid_is_named_by_verify_and_stops_every_load_there(
    sqlite_settings: Settings, garbage: str
) -> None:
    with id_rewritten(sqlite_settings, lambda _: garbage) as (app, store, read_model, text):
        verdict = verify(app.recorder)
        assert (verdict.intact, verdict.position, verdict.checked) == (False, 4, 3)
        assert verdict.problem == "altered (its aggregate id is no UUID)"
        # A rebuild, in one process and in parts, names the position instead of
        # failing somewhere inside the library.
        for parts_from in (10**12, 1):
            read_model.parts_from = parts_from
            with pytest.raises(IdOfNoAggregate, match="position 4 names no aggregate"):
                read_model.rebuild()
        # The running views stop at such an event too, and say where.
        read_model.parts_from = 10**12
        store.sql(f"UPDATE {store.events} SET originator_id = ? WHERE rowid = 4", (text,))
        read_model.rebuild()
        last = one_more_event(app)
        store.sql(f"UPDATE {store.events} SET originator_id = ? WHERE rowid = ?", (garbage, last))
        with pytest.raises(IdOfNoAggregate, match=f"position {last} names no aggregate"):
            read_model.catch_up()
    # The command, once the views are free again.
    result = CliRunner().invoke(main, ["--data-dir", str(sqlite_settings.data_dir), "rebuild"])
    assert result.exit_code == 1
    assert f"The event at position {last} names no aggregate" in result.output
    assert "sozialplanung verify" in result.output


def test_erasure_and_redaction_leave_the_chain_intact(app: PlanningApp, store: Store) -> None:
    person = app.register_person(meta_on(reason="Anmeldung mit Telefonnummer"), name="X Y")
    registered = app.recorder.max_notification_id() or 0
    app.erase_person(meta_on(), person=person)
    record = app.keys.record_of(registered)
    assert record is not None
    app.redact_event(
        meta_on(reason="Personenbezug"), notification_id=int(record["first_position"]), position=1
    )
    assert verify(app.recorder).intact


def test_the_verify_command_exits_1_naming_the_position(
    app: PlanningApp, store: Store, settings: Settings
) -> None:
    runner = CliRunner()
    args = (
        ["--database-url", settings.database_url]
        if settings.database_url
        else ["--data-dir", str(settings.data_dir)]
    )
    intact = runner.invoke(main, [*args, "verify"])
    assert intact.exit_code == 0 and "Intact:" in intact.output, intact.output
    head = intact.output.split("Head: ")[1].split(" ")[0]
    state = bytearray(store.state(3))
    state[-3] ^= 0x20
    store.set_state(3, bytes(state))
    broken = runner.invoke(main, [*args, "verify"])
    assert broken.exit_code == 1 and "BROKEN at position 3" in broken.output, broken.output
    anchored = runner.invoke(main, [*args, "verify", "--expect", head])
    assert anchored.exit_code == 1


def test_the_verify_command_refuses_a_malformed_head(app: PlanningApp, settings: Settings) -> None:
    args = (
        ["--database-url", settings.database_url]
        if settings.database_url
        else ["--data-dir", str(settings.data_dir)]
    )
    refused = CliRunner().invoke(main, [*args, "verify", "--expect", "3:abc"])
    assert refused.exit_code == 2, refused.output
    assert "Invalid value for --expect: write it as POSITION:HASH" in refused.output
