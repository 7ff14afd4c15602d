"""What a data-protection officer checks: marker strings typed into a name, minutes, a
reason, a progress note, an evaluation report and a description are gone after the person
is erased and the events are redacted — from every file of the data directory (WAL
included), every PostgreSQL table's rows, an export, and everything the API answers (time
travel and a subscription's replay included) — while the decision trail stays whole and
the hash chain still verifies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.application.ledger import verify
from sozialplanung.application.transfer import export_lines
from sozialplanung.graphql.ids import uuid_of
from sozialplanung.server import create_app
from sozialplanung.settings import Settings, postgres_env

from .client import GraphQLClient
from .world import build, propose

MARKERS = {
    "name": "Zzname-Pfefferkorn",
    "minutes": "Zzminutes-berichtete-ueber-Krankheit",
    "reason": "Zzreason-Telefon-0241-555",
    "note": "Zznote-Hausbesuch",
    "report": "Zzreport-Familie-Kaya",
    "description": "Zzdescription-Herr-Lindner",
}


@dataclass
class Recorded:
    admin: GraphQLClient
    http: TestClient
    app: PlanningApp
    settings: Settings
    ids: dict[str, str]


@pytest.fixture
def recorded(settings: Settings) -> Iterator[Recorded]:
    app = PlanningApp.from_settings(settings)
    with TestClient(create_app(settings, app)) as http:
        admin = GraphQLClient(http, app.issue_token("ADMIN", "dsb"))
        yield Recorded(admin, http, app, settings, _record(admin))
    app.close()


def ok(api: GraphQLClient, mutation: str, input_type: str, selection: str, **input_: Any) -> Any:
    result = api.mutate(mutation, input_type, selection, **input_)
    assert result["userErrors"] == [], (mutation, result["userErrors"])
    return result


def _record(admin: GraphQLClient) -> dict[str, str]:
    world = build(admin)
    person = ok(
        admin, "registerPerson", "RegisterPersonInput", "person { id }", name=MARKERS["name"]
    )["person"]["id"]
    ok(
        admin,
        "addMember",
        "AddMemberInput",
        "body { id }",
        body=world.group,
        member=person,
        role="EXPERT",
        effectiveOn="2011-07-01",
    )
    measure = propose(admin, world, description=MARKERS["description"])["measure"]["id"]
    meeting = ok(
        admin,
        "scheduleMeeting",
        "ScheduleMeetingInput",
        "meeting { id }",
        body=world.group,
        title="Sitzung der AG",
        scheduledFor="2011-10-05T15:00:00+02:00",
    )["meeting"]["id"]
    ok(
        admin,
        "recordMeetingHeld",
        "RecordMeetingHeldInput",
        "meeting { id }",
        meeting=meeting,
        attendees=[person],
        minutes=MARKERS["minutes"],
        reason=MARKERS["reason"],
        effectiveOn="2011-10-05",
    )
    paper = ok(
        admin,
        "submitPaper",
        "SubmitPaperInput",
        "paper { id }",
        reference="FB 50/0200/WP16",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen",
        date="2011-10-20",
        measures=[measure],
    )["paper"]["id"]
    for mutation, input_type, extra in [
        ("decideMeasure", "DecideMeasureInput", {"adopted": True, "body": world.committee}),
        ("startImplementation", "StartImplementationInput", {}),
        ("reportProgress", "ReportProgressInput", {"percent": 40, "note": MARKERS["note"]}),
        (
            "evaluateMeasure",
            "EvaluateMeasureInput",
            {"outcome": "PARTIALLY_IMPLEMENTED", "report": MARKERS["report"]},
        ),
    ]:
        ok(admin, mutation, input_type, "measure { id }", measure=measure, **extra)
    del paper
    return {"person": person, "measure": measure, "meeting": meeting}


def _everything_the_api_says(recorded: Recorded) -> str:
    admin, ids = recorded.admin, recorded.ids
    answers = [
        admin.post(
            "query($m: ID!, $p: ID!, $g: ID!) { measure(id: $m) { title description "
            "progressReports { note } evaluations { report } history(first: 200) { nodes "
            "{ reason payload actor } } } meeting: node(id: $g) { ... on Meeting { minutes } } "
            "person: node(id: $p) { ... on Person { name } } persons { nodes { name } } }",
            m=ids["measure"],
            p=ids["person"],
            g=ids["meeting"],
        ),
        admin.post("{ events(first: 200) { nodes { reason payload actor redacted } } }"),
        admin.post("query($m: ID!) { decisionTrail(id: $m) { reason payload } }", m=ids["measure"]),
    ]
    for version in range(1, 8):
        answers.append(
            admin.post(
                "query($m: ID!, $v: Int) { measure(id: $m, version: $v) { description "
                "progressReports { note } evaluations { report } } }",
                m=ids["measure"],
                v=version,
            )
        )
    answers.append(
        admin.post(
            'query($m: ID!) { measure(id: $m, asOf: "2199-01-01T00:00:00Z") { description } }',
            m=ids["measure"],
        )
    )
    with recorded.http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json(
            {"type": "connection_init", "payload": {"Authorization": f"Bearer {admin.token}"}}
        )
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json(
            {
                "id": "replay",
                "type": "subscribe",
                "payload": {
                    "query": "subscription { eventAppended(filter: {afterPosition: 0}) "
                    "{ position reason payload actor } }"
                },
            }
        )
        total = admin.event_count()
        for _ in range(total):
            answers.append(ws.receive_json())
    return json.dumps(answers, ensure_ascii=False)


def _cached_answers(recorded: Recorded) -> str:
    """What the process keeps in its response cache."""
    cache = recorded.http.app.state.services["response_cache"]  # type: ignore[attr-defined]
    return b"".join(cache.answers()).decode()


def _files(settings: Settings) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(settings.data_dir.iterdir()) if p.is_file())


def _table_rows(settings: Settings) -> str:
    assert settings.database_url is not None
    env = postgres_env(settings.database_url)
    schema = env["POSTGRES_SCHEMA"]
    rows: list[str] = []
    with psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        autocommit=True,
    ) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema]
        ).fetchall()
        assert len(tables) > 10
        for (table,) in tables:
            for row in connection.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall():
                rows.append(repr(row))
    return "\n".join(rows)


def _redact_every_event_carrying(recorded: Recorded, words: list[str]) -> int:
    events = recorded.admin.data("{ events(first: 200) { nodes { id position reason payload } } }")[
        "events"
    ]["nodes"]
    redacted = 0
    for event in events:
        text = json.dumps(event, ensure_ascii=False)
        if any(word in text for word in words):
            result = recorded.admin.mutate(
                "redactEvent",
                "RedactEventInput",
                "event { position redacted reason payload }",
                event=event["id"],
                reason="Personenbezogene Angaben im Freitext (DSGVO Art. 17).",
            )
            if result["userErrors"]:  # shares its record with an event redacted already
                assert result["userErrors"][0]["code"] == "INVALID_TRANSITION", result
                continue
            assert result["event"]["redacted"] is True
            redacted += 1
    return redacted


def test_erasure_and_redaction_leave_no_trace_and_the_trail_whole(recorded: Recorded) -> None:
    before = _everything_the_api_says(recorded)
    assert all(marker in before for marker in MARKERS.values())  # the markers were readable
    assert [m for m in MARKERS.values() if m not in _cached_answers(recorded)] == []
    trail_before = recorded.admin.data(
        "query($m: ID!) { decisionTrail(id: $m) { position type } }", m=recorded.ids["measure"]
    )["decisionTrail"]
    events_before = recorded.admin.event_count()
    person_key = recorded.app.keys.person_key_id(uuid_of(recorded.ids["person"], "person"))
    assert person_key is not None
    key_material = _key_material(recorded, person_key)
    # The scans below see what they look for: before, the views hold the text in the clear.
    if recorded.settings.database_url is None:
        raw = _files(recorded.settings)
        assert MARKERS["description"].encode() in raw and key_material in raw
    else:
        assert MARKERS["description"] in _table_rows(recorded.settings)

    erased = recorded.admin.mutate(
        "erasePerson",
        "ErasePersonInput",
        "person { name erased }",
        person=recorded.ids["person"],
        reason="Antrag auf Löschung (DSGVO Art. 17).",
    )
    assert erased["person"] == {"name": None, "erased": True}
    words = [m for k, m in MARKERS.items() if k != "name"]
    assert _redact_every_event_carrying(recorded, words) >= 4

    after = _everything_the_api_says(recorded)
    assert [m for m in MARKERS.values() if m in after] == []
    assert _cached_answers(recorded)  # answered again and kept, without the markers
    assert [m for m in MARKERS.values() if m in _cached_answers(recorded)] == []
    exported = "\n".join(export_lines(recorded.app, with_keys=True))
    assert [m for m in MARKERS.values() if m in exported] == []
    if recorded.settings.database_url is None:
        raw = _files(recorded.settings)
        assert [m for m in MARKERS.values() if m.encode() in raw] == []
        assert key_material not in raw  # the destroyed key is nowhere in the files
    else:
        rows = _table_rows(recorded.settings)
        assert [m for m in MARKERS.values() if m in rows] == []
        assert repr(key_material) not in rows

    trail_after = recorded.admin.data(
        "query($m: ID!) { decisionTrail(id: $m) { position type } }", m=recorded.ids["measure"]
    )["decisionTrail"]
    assert [e for e in trail_before if e not in trail_after] == []  # nothing lost
    assert recorded.admin.event_count() > events_before  # erasure and redactions recorded
    assert verify(recorded.app.recorder).intact


def _key_material(recorded: Recorded, key_id: str) -> bytes:
    with recorded.app.factory.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
        cursor.execute(
            recorded.app.keys._sql(
                f"SELECT material FROM {recorded.app.keys.table} WHERE key_id = ?"
            ),
            (key_id,),
        )
        return bytes(cursor.fetchone()["material"])


def test_a_redaction_needs_a_reason_and_happens_once(recorded: Recorded) -> None:
    admin = recorded.admin
    events = admin.data("{ events(first: 200) { nodes { id payload } } }")["events"]["nodes"]
    carrying = next(e for e in events if MARKERS["minutes"] in json.dumps(e["payload"]))
    without = admin.mutate(
        "redactEvent", "RedactEventInput", "__typename", event=carrying["id"], reason="  "
    )
    assert [e["code"] for e in without["userErrors"]] == ["VALIDATION"]
    first = admin.mutate(
        "redactEvent",
        "RedactEventInput",
        "event { redacted payload }",
        event=carrying["id"],
        reason="Gesundheitsdaten.",
    )
    assert first["userErrors"] == [] and first["event"]["payload"]["minutes"] is None
    again = admin.mutate(
        "redactEvent", "RedactEventInput", "__typename", event=carrying["id"], reason="Nochmal."
    )
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_TRANSITION"]
    unknown = admin.mutate(
        "redactEvent", "RedactEventInput", "__typename", event="RXZlbnQ6OTk5OTk", reason="X."
    )
    assert [e["code"] for e in unknown["userErrors"]] == ["NOT_FOUND"]
