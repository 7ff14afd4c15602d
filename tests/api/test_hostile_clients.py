"""What an outside tester with ordinary tokens tried, each as it was tried: over HTTP and the
websocket, on both stores. Every one of these got through (or crashed the service) before
rights were decided inside the commands and the limits below were in place."""

from __future__ import annotations

import socket
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from sozialplanung.application import PlanningApp
from sozialplanung.graphql import cost
from sozialplanung.graphql.ids import to_global
from sozialplanung.limits import MAX_BODY_BYTES, MAX_WEBSOCKET_MESSAGE_BYTES
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from .client import GraphQLClient
from .departments import BERLIN, World, build_world, consultation, m, measure
from .served import serving

G = to_global
WS = ["graphql-transport-ws"]


@dataclass
class Scene:
    world: World
    http: TestClient
    admin: GraphQLClient
    coordinator: GraphQLClient  # of department A (FB 50)
    public: GraphQLClient
    settings: Settings

    def current(self) -> None:
        """Waits until the views hold what was recorded directly through the application."""
        assert self.http.app.state.services["read_model"].wait_until_current()  # type: ignore[attr-defined]

    def refused(self, client: GraphQLClient, mutation: str, input_type: str, **input_: Any) -> str:
        """The code of the one userError, after checking that nothing was written."""
        before = self.world.events()
        result = client.mutate(mutation, input_type, "__typename", **input_)
        assert self.world.events() == before, "a refused command wrote events"
        [error] = result["userErrors"]
        return str(error["code"])


@pytest.fixture
def scene(settings: Settings) -> Iterator[Scene]:
    app = PlanningApp.from_settings(settings)
    world = build_world(app)
    with TestClient(create_app(settings, app)) as http:
        yield Scene(
            world,
            http,
            GraphQLClient(http, app.issue_token("ADMIN", "admin")),
            GraphQLClient(http, app.issue_token("COORDINATOR", "fb50", world.ids["A"])),
            GraphQLClient(http),
            settings,
        )
    app.close()


# A department deciding another department's measures -----------------------------------


def test_a_paper_of_ones_own_cannot_refer_another_departments_measures(scene: Scene) -> None:
    theirs = measure(scene.world, "foreign")
    code = scene.refused(
        scene.coordinator,
        "submitPaper",
        "SubmitPaperInput",
        reference="FB 50/0900/WP17",
        type="DECISION_PROPOSAL",
        subject="Sammelvorlage",
        date="2012-01-10",
        lead=G("Organization", scene.world.ids["A"]),
        measures=[G("Measure", theirs)],
    )
    assert code == "FORBIDDEN"


def test_a_consultation_of_ones_own_cannot_decide_another_departments_measures(
    scene: Scene,
) -> None:
    world = scene.world
    theirs = measure(world, "foreign")
    paper, held = consultation(world, "own")
    world.app.refer_measure(m(), measure=theirs, paper=paper)  # as an administrator
    code = scene.refused(
        scene.coordinator,
        "concludeConsultation",
        "ConcludeConsultationInput",
        consultation=G("Consultation", held),
        decision="APPROVED",
        measureDecisions=[{"measure": G("Measure", theirs), "adopted": True}],
    )
    assert code == "FORBIDDEN"
    assert world.app.repository.get(theirs).status == "IN_DELIBERATION"


# Keys that belong to others --------------------------------------------------------------


def test_a_department_cannot_claim_the_citys_keys(scene: Scene) -> None:
    world, coordinator = scene.world, scene.coordinator
    conference = scene.refused(
        coordinator,
        "establishBody",
        "EstablishBodyInput",
        name="Meine Sozialkonferenz",
        kind="SOCIAL_CONFERENCE",
        lead=G("Organization", world.ids["A"]),
    )
    cycle_four = scene.refused(
        coordinator,
        "openCycle",
        "OpenCycleInput",
        number=4,
        label="2017–2019",
        startsOn="2017-09-01",
        endsOn="2019-08-31",
        conferenceBody=G("Body", world.ids["conference"]),
        workingGroups=[],
    )
    reference = scene.refused(
        coordinator,
        "submitPaper",
        "SubmitPaperInput",
        reference="FB 20/0001/WP17",
        type="REPORT",
        subject="Fremde Nummer",
        date="2012-01-10",
        lead=G("Organization", world.ids["A"]),
    )
    under_theirs = scene.refused(
        coordinator,
        "establishBody",
        "EstablishBodyInput",
        name="Unterarbeitskreis",
        kind="WORKING_GROUP",
        parent=G("Body", world.ids["sg_b"]),
    )
    naming_itself = scene.refused(
        coordinator,
        "proposeMeasure",
        "ProposeMeasureInput",
        cycle=1,
        workingGroup=G("Body", world.ids["wg_b"]),
        title="Unterschoben",
        lead=G("Organization", world.ids["A"]),
    )
    assert [conference, cycle_four, reference, under_theirs, naming_itself] == ["FORBIDDEN"] * 5
    # The real conference can still open cycle 4: nothing was claimed.
    opened = scene.admin.mutate(
        "openCycle",
        "OpenCycleInput",
        "cycle { number }",
        number=4,
        label="2017–2019",
        startsOn="2017-09-01",
        endsOn="2019-08-31",
        conferenceBody=G("Body", world.ids["conference"]),
        workingGroups=[],
    )
    assert opened["userErrors"] == [] and opened["cycle"]["number"] == 4


def test_a_paper_submitted_in_error_is_withdrawn_and_its_reference_is_free_again(
    scene: Scene,
) -> None:
    world, coordinator = scene.world, scene.coordinator
    submit = {
        "reference": "FB 50/0777/WP17",
        "type": "DECISION_PROPOSAL",
        "subject": "Irrtum",
        "date": "2012-01-10",
        "lead": G("Organization", world.ids["A"]),
    }
    ours = measure(world, "own")
    first = coordinator.mutate(
        "submitPaper",
        "SubmitPaperInput",
        "paper { id }",
        **submit,
        measures=[G("Measure", ours)],
    )["paper"]["id"]
    assert world.app.repository.get(ours).status == "IN_DELIBERATION"
    without_reason = coordinator.mutate(
        "withdrawPaper", "WithdrawPaperInput", "__typename", paper=first, reason=" "
    )
    assert [e["code"] for e in without_reason["userErrors"]] == ["VALIDATION"]
    withdrawn = coordinator.mutate(
        "withdrawPaper",
        "WithdrawPaperInput",
        "paper { reference withdrawn }",
        paper=first,
        reason="Falsches Aktenzeichen.",
    )
    assert withdrawn["userErrors"] == [] and withdrawn["paper"]["withdrawn"] is True
    assert world.app.repository.get(ours).status == "PROPOSED"
    again = coordinator.mutate("submitPaper", "SubmitPaperInput", "paper { id }", **submit)
    assert again["userErrors"] == [] and again["paper"]["id"] != first
    found = scene.public.data(
        "query($r: String!) { paper(reference: $r) { id withdrawn } }", r=submit["reference"]
    )
    assert found["paper"] == {"id": again["paper"]["id"], "withdrawn": False}
    other = scene.refused(
        GraphQLClient(scene.http, world.app.issue_token("COORDINATOR", "fb20", world.ids["B"])),
        "withdrawPaper",
        "WithdrawPaperInput",
        paper=again["paper"]["id"],
        reason="Fremdes Papier.",
    )
    assert other == "FORBIDDEN"


# Tokens ---------------------------------------------------------------------------------


def _subscribe(ws: Any, id_: str, query: str, variables: dict[str, Any] | None = None) -> None:
    payload: dict[str, Any] = {"query": query}
    if variables:
        payload["variables"] = variables
    ws.send_json({"id": id_, "type": "subscribe", "payload": payload})


def test_a_token_revoked_while_its_socket_is_open_can_neither_read_nor_write(
    scene: Scene,
) -> None:
    world = scene.world
    token = world.app.issue_token("ADMIN", "socket")
    with scene.http.websocket_connect("/graphql", subprotocols=WS) as ws:
        ws.send_json({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        assert ws.receive_json()["type"] == "connection_ack"
        _subscribe(ws, "1", "{ cycles { totalCount } }")
        assert ws.receive_json()["payload"]["data"] == {"cycles": {"totalCount": 2}}
        assert ws.receive_json()["type"] == "complete"
        fingerprint = world.app.tokens.fingerprint(token)
        world.app.tokens.revoke(fingerprint)
        before = world.events()
        _subscribe(
            ws,
            "2",
            'mutation { registerOrganization(input: {name: "Nach dem Widerruf", kind: OTHER})'
            " { organization { id } } }",
        )
        refused = ws.receive_json()
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 4403
    assert world.events() == before


@pytest.mark.parametrize(
    "header", ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Bearer\tsp_x", "sp_x", ""]
)
def test_a_malformed_authorization_header_is_401_not_public(scene: Scene, header: str) -> None:
    response = scene.http.post(
        "/graphql",
        json={"query": "{ cycles { totalCount } }"},
        headers={"Authorization": header},
    )
    assert response.status_code == 401
    assert "Bearer <token>" in response.json()["errors"][0]["message"]


# Reads ----------------------------------------------------------------------------------


def test_node_checks_the_type_it_finds(scene: Scene) -> None:
    person = scene.world.app.register_person(m(), name="Geheim Person")
    scene.current()
    assert scene.admin.data("query($id: ID!) { node(id: $id) { id } }", id=G("Person", person))[
        "node"
    ]
    disguised = G("Measure", person)
    data = scene.public.data("query($id: ID!) { node(id: $id) { __typename id } }", id=disguised)
    assert data["node"] is None
    listed = scene.public.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=[disguised])
    assert listed["nodes"] == [None]


def test_who_reported_progress_is_for_admin_and_analyst_only(scene: Scene) -> None:
    world = scene.world
    reported = measure(world, "own", "IN_IMPLEMENTATION")
    world.app.report_progress(m(), measure=reported, percent=40)
    scene.current()
    query = "query($id: ID!) { measure(id: $id) { progressReports { percent reportedBy } } }"
    for client in (scene.public, scene.coordinator):
        codes = client.error_codes(query, id=G("Measure", reported))
        assert codes and set(codes) <= {"UNAUTHENTICATED", "FORBIDDEN"}
    reports = scene.admin.data(query, id=G("Measure", reported))["measure"]["progressReports"]
    assert reports == [{"percent": 40, "reportedBy": "admin:tester"}]


# Cost -----------------------------------------------------------------------------------


def test_one_field_repeated_hundreds_of_times_is_refused_before_validation(scene: Scene) -> None:
    hostile = "{ " + " ".join("__typename" for _ in range(420)) + " }"
    assert len(hostile) > 4_000
    body = scene.public.post(hostile)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "VALIDATION"
    assert "__typename" in error["message"]


def test_too_many_field_selections_are_refused_with_fragments_expanded(scene: Scene) -> None:
    # Each fragment spreads the one below twice: 30 lines that expand to 1,536 selections.
    fragments = ["fragment F0 on Cycle { number label status }"]
    for level in range(1, 10):
        fragments.append(f"fragment F{level} on Cycle {{ ...F{level - 1} ...F{level - 1} }}")
    hostile = "{ cycles { nodes { ...F9 } } } " + " ".join(fragments)
    body = scene.public.post(hostile)
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert "more than 500 fields" in body["errors"][0]["message"]


def test_validating_a_document_never_holds_up_other_requests(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Validation is held until /healthz has answered: were it on the event loop, /healthz
    # could not answer while it waits, and the test would time out instead of passing.
    release, started = threading.Event(), threading.Event()
    original = cost.validate_document

    def held(*args: Any) -> Any:
        started.set()
        assert release.wait(30), "the validation was never released"
        return original(*args)

    monkeypatch.setattr(cost, "validate_document", held)
    answers: list[int] = []
    query = threading.Thread(
        target=lambda: answers.append(
            scene.http.post("/graphql", json={"query": "{ cycles { totalCount } }"}).status_code
        )
    )
    query.start()
    assert started.wait(30)
    health = scene.http.get("/healthz")  # while the validation is held
    release.set()
    query.join(30)
    assert health.status_code == 200 and answers == [200]


# Client mistakes are 4xx or VALIDATION, never 500 or INTERNAL --------------------------


@pytest.mark.parametrize("body", [b'"hello"', b"null", b"1", b"true", b"[]", b"\xff\xfe{}"])
def test_a_body_that_is_no_json_object_is_400(scene: Scene, body: bytes) -> None:
    response = scene.http.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "span", ["99999999999999999999-1", "１-２", "²-1", "0-1", "1-10001", "1--2"]
)
def test_report_paths_with_numbers_no_cycle_has_are_400(scene: Scene, span: str) -> None:
    for suffix in ("csv", "svg"):
        assert scene.http.get(f"/reports/cycles/{span}.{suffix}").status_code == 400


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query($n: Int!) { cycle(number: $n) { id } }", {"n": 2**40}),
        ('{ node(id: "RXZlbnQ6wrI") { id } }', {}),  # "Event:²"
        ('{ cycle(number: 1, asOf: "9999-12-31T23:59:59-14:00") { id } }', {}),
        ('{ meetings(from: "0001-01-01T00:00:00+14:00") { totalCount } }', {}),
        ("query($s: String) { measures(search: $s) { totalCount } }", {"s": "x" * 100_000}),
        ("subscription { eventAppended { position } }", {}),
    ],
)
def test_client_mistakes_are_never_internal(
    scene: Scene, query: str, variables: dict[str, Any]
) -> None:
    response = scene.http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {scene.admin.token}"},
    )
    assert response.status_code < 500
    codes = [e.get("extensions", {}).get("code") for e in response.json().get("errors", [])]
    assert "INTERNAL" not in codes


def test_spreadsheet_cells_that_look_like_formulas_stay_text(scene: Scene) -> None:
    world = scene.world
    world.app.shift_focus(m(), body=world.ids["wg_a"], topic='=HYPERLINK("http://x","Klick")')
    world.app.assign_working_group(m(), cycle=2, body=world.ids["wg_a"], focus="@SUMME(A1:A9)")
    scene.current()
    text = scene.http.get("/reports/cycles/1-2.csv").content.decode("utf-8-sig")
    cells = [cell for line in text.splitlines() for cell in line.split(";")]
    assert not [c for c in cells if c.lstrip('"').startswith(("=", "@", "+", "-", "\t"))]
    assert any(c.lstrip('"').startswith("'@SUMME") for c in cells)


# Safe by default ------------------------------------------------------------------------


def test_production_mode_suggests_nothing(scene: Scene) -> None:
    assert scene.settings.production  # the default
    for typo in [
        "{ measures(status: ADOPTD) { totalCount } }",
        "{ measures(statsu: ADOPTED) { totalCount } }",
        "{ cycles { nodes { ... on Cycel { number } } } }",
        "{ cycle(number: 1) { labl } }",
    ]:
        body = scene.public.post(typo)
        assert body["errors"] and "Did you mean" not in str(body), typo
    introspection = scene.public.post("{ __schema { types { name } } }")
    assert "introspection" in str(introspection).lower()
    assert scene.http.get("/graphql", headers={"Accept": "text/html"}).status_code != 200


def test_the_data_directory_and_its_files_are_the_owners_only(scene: Scene) -> None:
    if scene.settings.database_url is not None:
        pytest.skip("PostgreSQL keeps its files itself")
    data = scene.settings.data_dir
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = [p for p in data.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"events.sqlite", "views.sqlite"}
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}


def test_a_websocket_message_over_the_limit_closes_the_socket(scene: Scene) -> None:
    with scene.http.websocket_connect("/graphql", subprotocols=WS) as ws:
        ws.send_json({"type": "connection_init", "payload": {}})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_text('{"padding": "' + "x" * MAX_WEBSOCKET_MESSAGE_BYTES + '"}')
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 1009


def test_a_socket_runs_only_a_few_operations_at_once(scene: Scene) -> None:
    admin = scene.admin.token
    with scene.http.websocket_connect("/graphql", subprotocols=WS) as ws:
        ws.send_json({"type": "connection_init", "payload": {"Authorization": f"Bearer {admin}"}})
        assert ws.receive_json()["type"] == "connection_ack"
        for index in range(11):
            _subscribe(ws, str(index), "subscription { eventAppended { position } }")
        # Ten wait for events; the eleventh is refused.
        assert ws.receive_json() == {
            "id": "10",
            "type": "error",
            "payload": [{"message": "Subscription limit reached"}],
        }


def test_an_erased_person_joins_nothing_and_attends_nothing(scene: Scene) -> None:
    world = scene.world
    person = world.app.register_person(m(), name="Gelöscht")
    world.app.erase_person(m(), person=person)
    joined = scene.refused(
        scene.admin,
        "addMember",
        "AddMemberInput",
        body=G("Body", world.ids["sg_a"]),
        member=G("Person", person),
        role="GUEST",
        effectiveOn="2012-03-01",
    )
    meeting = world.app.schedule_meeting(
        m(),
        body=world.ids["sg_a"],
        title="Sitzung",
        scheduled_for=datetime(2012, 5, 1, 15, tzinfo=BERLIN),
    )
    attended = scene.refused(
        scene.admin,
        "recordMeetingHeld",
        "RecordMeetingHeldInput",
        meeting=G("Meeting", meeting),
        attendees=[G("Person", person)],
        effectiveOn="2012-05-01",
    )
    assert (joined, attended) == ("INVALID_TRANSITION", "INVALID_TRANSITION")


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u0085", "\u009b"])
def test_bidi_overrides_and_c1_controls_are_refused_in_names(scene: Scene, mark: str) -> None:
    code = scene.refused(
        scene.admin,
        "registerOrganization",
        "RegisterOrganizationInput",
        name=f"Fachbereich {mark}05 BF",
        kind="OTHER",
    )
    assert code == "VALIDATION"


def test_a_body_over_the_limit_reaches_the_client_as_413_every_time(tmp_path: Path) -> None:
    # A real server and a raw socket: the client sends everything before it reads, as
    # most HTTP clients do; an answer sent before the body was read would reach it as a reset.
    settings = Settings(data_dir=tmp_path / "data")
    app = PlanningApp.from_settings(settings)
    body = b"{" + b" " * (2 * MAX_BODY_BYTES) + b"}"
    head = (
        "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    statuses = []
    try:
        with serving(settings, app) as port:
            for _ in range(30):
                with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
                    client.sendall(head + body)
                    answer = b""
                    while chunk := client.recv(65536):
                        answer += chunk
                statuses.append(answer.split(b" ", 2)[1])
                assert b"at most 1,000,000 bytes" in answer
    finally:
        app.close()
    assert statuses == [b"413"] * 30


def test_a_chunked_body_over_the_limit_is_413_as_well(scene: Scene) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(3):
            yield b" " * MAX_BODY_BYTES

    response = scene.http.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_readers_learn_nothing_from_the_input_of_a_mutation(scene: Scene) -> None:
    # Refused for who they are before their input is read: no NOT_FOUND or VALIDATION hints.
    analyst = GraphQLClient(scene.http, scene.world.app.issue_token("ANALYST", "a"))
    for client, code in ((scene.public, "UNAUTHENTICATED"), (analyst, "FORBIDDEN")):
        for input_ in (
            {"cycle": 3, "workingGroup": "nope", "title": "x"},
            {"cycle": 1, "workingGroup": G("Measure", scene.world.ids["A"]), "title": "x"},
            {"cycle": 1, "workingGroup": "nope", "title": "x", "effectiveOn": "1800-01-01"},
        ):
            assert scene.refused(client, "proposeMeasure", "ProposeMeasureInput", **input_) == code
