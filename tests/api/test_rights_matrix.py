"""The rights matrix, over HTTP: every mutation of the schema × every role × an aggregate of
the caller's own organisation and one of another's, plus the compound paths (a paper that
refers measures, a consultation that decides them, a measure carried into another group).

Expectations come from the rule table (domain/rights.py), not from this file: a mutation the
schema has but the table (or this file) lacks fails the first test, so none can be added
unguarded. Every refusal is checked to have written nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.domain.rights import RULES, Relation
from sozialplanung.graphql.ids import to_global
from sozialplanung.graphql.schema import build_schema
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..conftest import REQUIRE_POSTGRES, meta_on, postgres_schema, postgres_unavailable
from .client import GraphQLClient
from .departments import (
    BERLIN,
    OWNER,
    World,
    body,
    build_world,
    consultation,
    cycle,
    m,
    measure,
    meeting,
    numbers,
    paper,
)

ROLES = ("PUBLIC", "ANALYST", "MEMBER", "COORDINATOR", "ADMIN")
WHOSE = ("own", "foreign")


# The cases ------------------------------------------------------------------------------

G = to_global


@dataclass(frozen=True)
class Case:
    mutation: str
    input_type: str
    prepare: Callable[[World, str], dict[str, Any]]
    rule: str = ""  # the RULES row deciding it; the mutation's own by default
    own: Relation = Relation.LEADS  # a COORDINATOR of A's relation to the "own" aggregate
    member_own: Relation = Relation.NONE  # M's (a MEMBER) relation to it
    label: str = ""

    @property
    def row(self) -> str:
        return self.rule or self.mutation

    def expected(self, role: str, whose: str) -> str | None:
        """The error code this role gets, or None when the mutation succeeds."""
        if role == "PUBLIC":
            return "UNAUTHENTICATED"
        if role == "ANALYST":
            return "FORBIDDEN"
        if role == "ADMIN":
            return None
        rule = RULES[self.row]
        if role == "COORDINATOR":
            relation = self.own if whose == "own" else Relation.NONE
            return None if relation in rule.coordinator else "FORBIDDEN"
        relation = self.member_own if whose == "own" else Relation.NONE
        return None if relation in rule.member else "FORBIDDEN"


def _body_case(mutation: str, input_type: str, **fields: Any) -> Case:
    def prepare(w: World, whose: str) -> dict[str, Any]:
        target = body(w, whose)
        values = {k: (v(w, target) if callable(v) else v) for k, v in fields.items()}
        return {"body": G("Body", target), **values}

    return Case(mutation, input_type, prepare)


def _with_member(w: World, target: UUID) -> str:
    w.app.add_member(m(date(2011, 3, 2)), body=target, member=w.ids["M"], role="MEMBER")
    return G("Organization", w.ids["M"])


def _meeting_case(
    mutation: str, input_type: str, *, held: bool = False, item: bool = False, **fields: Any
) -> Case:
    def prepare(w: World, whose: str) -> dict[str, Any]:
        return {"meeting": G("Meeting", meeting(w, whose, held=held, item=item)), **fields}

    return Case(mutation, input_type, prepare)


def _cycle_case(mutation: str, input_type: str, extra: Callable[[World, str, int], dict]) -> Case:
    def prepare(w: World, whose: str) -> dict[str, Any]:
        number = cycle(w, whose)
        return {"cycle": number, **extra(w, whose, number)}

    return Case(mutation, input_type, prepare)


def _conference_meeting(w: World, whose: str, number: int) -> dict[str, Any]:
    conference = "conference_a" if whose == "own" else "conference"
    held = w.app.schedule_meeting(
        m(date(2013, 5, 1)),
        body=w.ids[conference],
        title="Sozialkonferenz",
        scheduled_for=datetime(2013, 6, 1, 10, tzinfo=BERLIN),
    )
    w.app.record_meeting_held(m(date(2013, 6, 1)), meeting=held, attendees=[])
    return {"meeting": G("Meeting", held)}


def _extra_group(w: World, whose: str, number: int) -> dict[str, Any]:
    parent = "conference_a" if whose == "own" else "conference"
    group = w.app.establish_body(
        m(date(2011, 2, 1)),
        name=f"AG {next(numbers)}",
        kind="CONFERENCE_WORKING_GROUP",
        parent=w.ids[parent],
    )
    return {"body": G("Body", group), "focus": "Neu"}


def _measure_case(
    mutation: str,
    input_type: str,
    state: str,
    member: Relation = Relation.NONE,
    **fields: Any,
) -> Case:
    def prepare(w: World, whose: str) -> dict[str, Any]:
        values = {k: (v(w, whose) if callable(v) else v) for k, v in fields.items()}
        return {"measure": G("Measure", measure(w, whose, state)), **values}

    return Case(mutation, input_type, prepare, own=Relation.LEADS_ABOVE, member_own=member)


def _paper_case(mutation: str, input_type: str, **fields: Any) -> Case:
    def prepare(w: World, whose: str) -> dict[str, Any]:
        return {"paper": G("Paper", paper(w, whose)), **fields}

    return Case(mutation, input_type, prepare)


def _register_org(w: World, whose: str) -> dict[str, Any]:
    return {"name": f"Verein {next(numbers)}", "kind": "OTHER"}


def _propose(w: World, whose: str) -> dict[str, Any]:
    group = w.ids[f"wg_{OWNER[whose].lower()}"]
    return {"cycle": 1, "workingGroup": G("Body", group), "title": "Neu"}


def _propose_naming_oneself(w: World, whose: str) -> dict[str, Any]:
    # Into the group of `whose`, naming A (the caller) as lead: the lead grants nothing.
    return {**_propose(w, whose), "lead": G("Organization", w.ids["A"])}


def _open_cycle(w: World, whose: str) -> dict[str, Any]:
    number = next(numbers)
    conference, group = ("conference_a", "wg_conf_a") if whose == "own" else ("conference", "wg_a")
    return {
        "number": number,
        "label": f"Zyklus {number}",
        "startsOn": "2011-09-01",
        "endsOn": "2013-08-31",
        "conferenceBody": G("Body", w.ids[conference]),
        "workingGroups": [{"body": G("Body", w.ids[group]), "focus": "X"}],
    }


def _establish_under(w: World, whose: str) -> dict[str, Any]:
    return {
        "name": f"Unterarbeitskreis {next(numbers)}",
        "kind": "WORKING_GROUP",
        "parent": G("Body", w.ids[f"sg_{OWNER[whose].lower()}"]),
        "effectiveOn": "2011-04-01",
    }


def _establish_top_level(w: World, whose: str) -> dict[str, Any]:
    return {
        "name": f"Lenkungsgruppe {next(numbers)}",
        "kind": "STEERING_GROUP",
        "topic": "Wohnen",
        "lead": G("Organization", w.ids[OWNER[whose]]),
    }


def _establish_city_wide(w: World, whose: str) -> dict[str, Any]:
    return {"name": f"Ausschuss {next(numbers)}", "kind": "COMMITTEE"}


def _submit(w: World, whose: str) -> dict[str, Any]:
    code = "FB 50" if whose == "own" else "FB 20"
    return {
        "reference": f"{code}/{next(numbers):04d}/WP17",
        "type": "DECISION_PROPOSAL",
        "subject": "Vorlage",
        "date": "2012-01-10",
        "lead": G("Organization", w.ids[OWNER[whose]]),
    }


def _submit_referring(w: World, whose: str) -> dict[str, Any]:
    # A's own paper, referring a measure of `whose`.
    return {**_submit(w, "own"), "measures": [G("Measure", measure(w, whose))]}


def _submit_motion_number(w: World, whose: str) -> dict[str, Any]:
    return {**_submit(w, "own"), "reference": f"{next(numbers)}/16"}


def _refer(w: World, whose: str) -> dict[str, Any]:
    return {"measure": G("Measure", measure(w, whose)), "paper": G("Paper", paper(w, whose))}


def _refer_to_foreign_paper(w: World, whose: str) -> dict[str, Any]:
    # A's own measure onto the paper of `whose`.
    return {"measure": G("Measure", measure(w, "own")), "paper": G("Paper", paper(w, whose))}


def _decide(w: World, whose: str) -> dict[str, Any]:
    return {
        "measure": G("Measure", measure(w, whose, "IN_DELIBERATION")),
        "adopted": True,
        "body": G("Body", w.ids["committee"]),
    }


def _carry(w: World, whose: str) -> dict[str, Any]:
    group = w.ids[f"wg_{OWNER[whose].lower()}"]
    return {
        "measure": G("Measure", measure(w, whose, "EVALUATED")),
        "toCycle": 2,
        "workingGroup": G("Body", group),
    }


def _carry_into_foreign_group(w: World, whose: str) -> dict[str, Any]:
    # A's own evaluated measure, into the working group of `whose`.
    return {**_carry(w, "own"), "workingGroup": G("Body", w.ids[f"wg_{OWNER[whose].lower()}"])}


def _schedule_consultation(w: World, whose: str) -> dict[str, Any]:
    return {
        "paper": G("Paper", paper(w, whose)),
        "body": G("Body", w.ids["committee"]),
        "role": "DECISION",
        "authoritative": True,
        "date": "2011-11-01",
    }


def _conclude(w: World, whose: str) -> dict[str, Any]:
    _, held = consultation(w, whose)
    return {"consultation": G("Consultation", held), "decision": "NOTED"}


def _conclude_deciding(w: World, whose: str) -> dict[str, Any]:
    # A's own paper and consultation, deciding a measure of `whose` referred to it.
    decided = measure(w, whose)
    on_paper, held = consultation(w, "own")
    w.app.refer_measure(m(), measure=decided, paper=on_paper)
    return {
        "consultation": G("Consultation", held),
        "decision": "APPROVED",
        "measureDecisions": [{"measure": G("Measure", decided), "adopted": True}],
    }


def _inform(w: World, whose: str) -> dict[str, Any]:
    return {
        "subject": G("Measure", measure(w, whose)),
        "groups": [G("Organization", w.ids["F"])],
        "channel": "E-Mail",
    }


def _person(w: World, whose: str) -> dict[str, Any]:
    return {"person": G("Person", w.app.register_person(m(), name="Erika Beispiel"))}


def _redact(w: World, whose: str) -> dict[str, Any]:
    described = w.app.propose_measure(
        meta_on(date(2011, 9, 15), reason="Vertraulich"),
        cycle=1,
        working_group=w.ids[f"wg_{OWNER[whose].lower()}"],
        title="Mit Begründung",
    )
    return {"event": G("Event", w.last_position(described)), "reason": "Personenbezug"}


def _meeting_in(w: World, whose: str) -> dict[str, Any]:
    return {
        "body": G("Body", w.ids[f"sg_{OWNER[whose].lower()}"]),
        "title": "Sitzung",
        "scheduledFor": "2012-05-01T15:00:00+02:00",
    }


CASES: list[Case] = [
    Case("registerOrganization", "RegisterOrganizationInput", _register_org, own=Relation.NONE),
    Case(
        "registerPerson",
        "RegisterPersonInput",
        lambda w, whose: {"name": "Max Beispiel"},
        own=Relation.NONE,
    ),
    Case("erasePerson", "ErasePersonInput", _person, own=Relation.NONE),
    Case("establishBody", "EstablishBodyInput", _establish_under, label="under a parent"),
    Case("establishBody", "EstablishBodyInput", _establish_top_level, label="of its own"),
    Case(
        "establishBody",
        "EstablishBodyInput",
        _establish_city_wide,
        own=Relation.NONE,
        label="a committee (city-wide)",
    ),
    _body_case("assignLead", "AssignLeadInput", lead=lambda w, t: G("Organization", w.ids["C"])),
    _body_case("shiftFocus", "ShiftFocusInput", topic="Neuer Schwerpunkt"),
    _body_case("setCadence", "SetCadenceInput", cadence={"description": "jährlich"}),
    _body_case(
        "addMember",
        "AddMemberInput",
        member=lambda w, t: G("Organization", w.ids["M"]),
        role="MEMBER",
        effectiveOn="2011-04-01",
    ),
    _body_case(
        "changeMemberRole",
        "ChangeMemberRoleInput",
        member=_with_member,
        role="DEPUTY",
        effectiveOn="2011-04-01",
    ),
    _body_case("removeMember", "RemoveMemberInput", member=_with_member, effectiveOn="2011-04-01"),
    _body_case("dissolveBody", "DissolveBodyInput", effectiveOn="2011-04-01"),
    _body_case("publishNotice", "PublishNoticeInput", title="Hinweis", text="Text"),
    Case("scheduleMeeting", "ScheduleMeetingInput", _meeting_in),
    _meeting_case("addAgendaItem", "AddAgendaItemInput", number="9", title="TOP 9"),
    _meeting_case(
        "rescheduleMeeting", "RescheduleMeetingInput", scheduledFor="2011-05-02T15:00:00+02:00"
    ),
    _meeting_case(
        "recordMeetingHeld", "RecordMeetingHeldInput", attendees=[], effectiveOn="2011-05-01"
    ),
    _meeting_case(
        "recordResolution",
        "RecordResolutionInput",
        held=True,
        item=True,
        number="1",
        decision="NOTED",
        effectiveOn="2011-05-01",
    ),
    _meeting_case("cancelMeeting", "CancelMeetingInput"),
    Case("openCycle", "OpenCycleInput", _open_cycle),
    _cycle_case("assignWorkingGroup", "AssignWorkingGroupInput", _extra_group),
    _cycle_case("recordConferenceHeld", "RecordConferenceHeldInput", _conference_meeting),
    _cycle_case("closeCycle", "CloseCycleInput", lambda w, whose, n: {}),
    Case("proposeMeasure", "ProposeMeasureInput", _propose, own=Relation.LEADS_ABOVE),
    Case(
        "proposeMeasure",
        "ProposeMeasureInput",
        _propose_naming_oneself,
        own=Relation.LEADS_ABOVE,
        label="naming itself lead",
    ),
    _measure_case("reviseMeasure", "ReviseMeasureInput", "PROPOSED", title="Neu gefasst"),
    Case("referMeasure", "ReferMeasureInput", _refer, own=Relation.LEADS_ABOVE),
    Case(
        "referMeasure",
        "ReferMeasureInput",
        _refer_to_foreign_paper,
        rule="referMeasure:paper",
        label="to another's paper",
    ),
    Case("decideMeasure", "DecideMeasureInput", _decide, own=Relation.LEADS_ABOVE),
    _measure_case("startImplementation", "StartImplementationInput", "ADOPTED"),
    _measure_case(
        "reportProgress",
        "ReportProgressInput",
        "IN_IMPLEMENTATION",
        member=Relation.MEMBER,
        percent=50,
    ),
    _measure_case(
        "evaluateMeasure",
        "EvaluateMeasureInput",
        "IN_IMPLEMENTATION",
        member=Relation.MEMBER,
        outcome="IMPLEMENTED",
        effectiveOn="2013-09-01",
    ),
    Case("carryForwardMeasure", "CarryForwardMeasureInput", _carry, own=Relation.LEADS_ABOVE),
    Case(
        "carryForwardMeasure",
        "CarryForwardMeasureInput",
        _carry_into_foreign_group,
        rule="carryForwardMeasure:workingGroup",
        own=Relation.LEADS_ABOVE,
        label="into another's group",
    ),
    _measure_case("completeMeasure", "CloseMeasureInput", "EVALUATED"),
    _measure_case("dropMeasure", "CloseMeasureInput", "EVALUATED"),
    _measure_case("withdrawMeasure", "CloseMeasureInput", "PROPOSED"),
    Case("submitPaper", "SubmitPaperInput", _submit),
    Case(
        "submitPaper",
        "SubmitPaperInput",
        _submit_referring,
        rule="submitPaper:measure",
        own=Relation.LEADS_ABOVE,
        label="referring measures",
    ),
    Case(
        "submitPaper",
        "SubmitPaperInput",
        _submit_motion_number,
        own=Relation.NONE,
        label="a motion number (the council office's)",
    ),
    Case("scheduleConsultation", "ScheduleConsultationInput", _schedule_consultation),
    Case("concludeConsultation", "ConcludeConsultationInput", _conclude),
    Case(
        "concludeConsultation",
        "ConcludeConsultationInput",
        _conclude_deciding,
        rule="concludeConsultation:measure",
        own=Relation.LEADS_ABOVE,
        label="deciding measures",
    ),
    _paper_case("settlePaper", "SettlePaperInput"),
    _paper_case("withdrawPaper", "WithdrawPaperInput", reason="Irrtümlich eingereicht."),
    Case(
        "informParliamentaryGroups",
        "InformParliamentaryGroupsInput",
        _inform,
        own=Relation.LEADS_ABOVE,
    ),
    Case("redactEvent", "RedactEventInput", _redact, own=Relation.NONE),
]

NOT_YET_IN_THIS_TABLE: set[str] = set()


def test_every_mutation_of_the_schema_has_a_rule_and_a_case() -> None:
    mutation = build_schema()._schema.mutation_type
    assert mutation is not None
    names = set(mutation.fields)
    assert len(names) >= 40 and "withdrawPaper" in names, names
    assert names - set(RULES) == set(), "mutations without a row in domain/rights.py"
    cased = {case.mutation for case in CASES} | NOT_YET_IN_THIS_TABLE
    assert names - cased == set(), "mutations without a case in the rights matrix"


# The run --------------------------------------------------------------------------------


@dataclass
class Matrix:
    world: World
    http: TestClient
    tokens: dict[str, str | None]

    def client(self, role: str) -> GraphQLClient:
        return GraphQLClient(self.http, self.tokens[role])


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def matrix(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Matrix]:
    if request.param == "sqlite":
        yield from _matrix(Settings(data_dir=tmp_path_factory.mktemp("rights") / "data"))
        return
    reason = postgres_unavailable()
    if reason:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required (SOZIALPLANUNG_REQUIRE_POSTGRES=1): {reason}")
        pytest.skip(reason)
    with postgres_schema() as settings:
        yield from _matrix(settings)


def _matrix(settings: Settings) -> Iterator[Matrix]:
    app = PlanningApp.from_settings(settings)
    world = build_world(app)
    tokens: dict[str, str | None] = {
        "PUBLIC": None,
        "ANALYST": app.issue_token("ANALYST", "analyst"),
        "MEMBER": app.issue_token("MEMBER", "caritas", world.ids["M"]),
        "COORDINATOR": app.issue_token("COORDINATOR", "fb50", world.ids["A"]),
        "ADMIN": app.issue_token("ADMIN", "admin"),
    }
    try:
        with TestClient(create_app(settings, app)) as http:
            world.views = http.app.state.services  # type: ignore[attr-defined]
            yield Matrix(world, http, tokens)
    finally:
        app.close()


def _id(case: Case) -> str:
    return case.mutation + (f" ({case.label})" if case.label else "")


@pytest.mark.parametrize("whose", WHOSE)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=_id)
def test_each_role_may_change_exactly_what_the_rules_allow(
    matrix: Matrix, case: Case, role: str, whose: str
) -> None:
    world = matrix.world
    input_ = case.prepare(world, whose)
    before = world.events()
    result = matrix.client(role).mutate(case.mutation, case.input_type, "__typename", **input_)
    codes = [error["code"] for error in result["userErrors"]]
    expected = case.expected(role, whose)
    if expected is None:
        assert codes == [], (role, whose, result["userErrors"])
        assert world.events() > before
    else:
        assert codes == [expected], (role, whose, result["userErrors"])
        assert world.events() == before, "a refused command wrote events"


def test_the_matrix_names_who_may_and_who_may_not() -> None:
    # The table is no tautology: for every mutation some role is refused, and for all but
    # the administrator-only ones some non-ADMIN role is allowed somewhere.
    admin_only = {"erasePerson", "redactEvent", "renameOrganization"}
    for case in CASES:
        outcomes = {(r, w): case.expected(r, w) for r in ROLES for w in WHOSE}
        assert any(v is not None for v in outcomes.values()), case.mutation
        if case.mutation not in admin_only and case.label not in (
            "a committee (city-wide)",
            "a motion number (the council office's)",
        ):
            assert any(v is None for (r, _), v in outcomes.items() if r != "ADMIN"), _id(case)
