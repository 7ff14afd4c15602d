"""Every userError code, the role matrix, and that a refusal writes nothing."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.graphql.ids import to_global

from .client import GraphQLClient
from .world import ApiWorld, build, propose

MISSING = "TWVhc3VyZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"  # Measure:0000…


@pytest.fixture
def world(admin: GraphQLClient) -> ApiWorld:
    return build(admin)


def refused(
    api: GraphQLClient, admin: GraphQLClient, mutation: str, input_type: str, **input_: object
) -> dict:
    before = admin.event_count()
    result = api.mutate(mutation, input_type, "clientMutationId", **input_)
    assert admin.event_count() == before, "a refused command wrote an event"
    [error] = result["userErrors"]
    return error


def test_unknown_id_is_not_found(admin: GraphQLClient, world: ApiWorld) -> None:
    error = refused(
        admin, admin, "startImplementation", "StartImplementationInput", measure=MISSING
    )
    assert (error["code"], error["field"]) == ("NOT_FOUND", ["input", "measure"])


def test_foreign_id_and_empty_title_are_validation_errors(
    admin: GraphQLClient, world: ApiWorld
) -> None:
    error = refused(
        admin, admin, "startImplementation", "StartImplementationInput", measure=world.committee
    )
    assert error["code"] == "VALIDATION"
    error = refused(
        admin,
        admin,
        "proposeMeasure",
        "ProposeMeasureInput",
        cycle=1,
        workingGroup=world.group,
        title="   ",
    )
    assert (error["code"], error["field"]) == ("VALIDATION", ["input", "title"])


def test_committee_as_conference_working_group_is_refused(
    admin: GraphQLClient, world: ApiWorld
) -> None:
    error = refused(
        admin,
        admin,
        "assignWorkingGroup",
        "AssignWorkingGroupInput",
        cycle=1,
        body=world.committee,
        focus="Politik",
    )
    assert error["code"] == "VALIDATION" and "COMMITTEE" in error["message"]


def test_illegal_transition(admin: GraphQLClient, world: ApiWorld) -> None:
    measure = propose(admin, world)["measure"]["id"]
    error = refused(
        admin,
        admin,
        "evaluateMeasure",
        "EvaluateMeasureInput",
        measure=measure,
        outcome="IMPLEMENTED",
    )
    assert error["code"] == "INVALID_TRANSITION"


def test_stale_expected_version(admin: GraphQLClient, world: ApiWorld) -> None:
    measure = propose(admin, world)["measure"]["id"]
    error = refused(
        admin,
        admin,
        "reviseMeasure",
        "ReviseMeasureInput",
        measure=measure,
        title="Neu",
        expectedVersion=5,
    )
    assert (error["code"], error["field"]) == ("VERSION_CONFLICT", ["input", "expectedVersion"])


def test_duplicate_paper_reference(admin: GraphQLClient, world: ApiWorld) -> None:
    paper = {
        "reference": "105/16",
        "type": "MOTION",
        "subject": "Sozialkonferenz",
        "date": "2010-08-31",
    }
    admin.mutate("submitPaper", "SubmitPaperInput", "paper { id }", **paper)
    error = refused(admin, admin, "submitPaper", "SubmitPaperInput", **paper)
    assert error["code"] == "DUPLICATE"


def test_without_a_token_nothing_is_written(
    public: GraphQLClient, admin: GraphQLClient, world: ApiWorld
) -> None:
    error = refused(
        public,
        admin,
        "proposeMeasure",
        "ProposeMeasureInput",
        cycle=1,
        workingGroup=world.group,
        title="Anonym",
    )
    assert error["code"] == "UNAUTHENTICATED"


def test_an_unknown_token_is_refused(public: GraphQLClient) -> None:
    response = public.http.post(
        "/graphql",
        json={"query": "{ cycles { totalCount } }"},
        headers={"Authorization": "Bearer sp_forged"},
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_analyst_reads_the_log_but_writes_nothing(
    admin: GraphQLClient, tokens: dict[str, str], world: ApiWorld
) -> None:
    analyst = admin.as_(tokens["ANALYST"])
    assert analyst.event_count() > 0
    error = refused(
        analyst,
        admin,
        "proposeMeasure",
        "ProposeMeasureInput",
        cycle=1,
        workingGroup=world.group,
        title="Analyse",
    )
    assert error["code"] == "FORBIDDEN"


def test_public_reads_no_event_log_and_no_persons(
    public: GraphQLClient, admin: GraphQLClient
) -> None:
    admin.mutate("registerPerson", "RegisterPersonInput", "person { id }", name="Anna")
    assert public.error_codes("{ events { totalCount } }") == ["UNAUTHENTICATED"]
    assert public.error_codes("{ persons { totalCount } }") == ["UNAUTHENTICATED"]
    assert admin.data("{ persons { nodes { name } } }")["persons"]["nodes"] == [{"name": "Anna"}]


def test_coordinator_acts_only_for_what_its_organisation_leads(
    service: tuple[TestClient, PlanningApp], admin: GraphQLClient, world: ApiWorld
) -> None:
    from sozialplanung.graphql.ids import uuid_of

    app = service[1]
    fb50 = admin.as_(
        app.tokens.create("COORDINATOR", "fb50", uuid_of(world.fb50, "org", "Organization"))
    )
    fb64 = admin.as_(
        app.tokens.create("COORDINATOR", "fb64", uuid_of(world.fb64, "org", "Organization"))
    )
    # FB 50 leads the Sozialkonferenz, so it coordinates the cycle and its measures.
    measure = propose(fb50, world, "Von FB 50")
    assert measure["userErrors"] == []
    error = refused(
        fb64,
        admin,
        "reviseMeasure",
        "ReviseMeasureInput",
        measure=measure["measure"]["id"],
        title="Übernahme",
    )
    assert error["code"] == "FORBIDDEN"
    ok = fb50.mutate(
        "reviseMeasure",
        "ReviseMeasureInput",
        "measure { title }",
        measure=measure["measure"]["id"],
        title="Von FB 50, überarbeitet",
    )
    assert ok["userErrors"] == []
    error = refused(fb64, admin, "closeCycle", "CloseCycleInput", cycle=1)
    assert error["code"] == "FORBIDDEN"


def test_member_reports_progress_in_its_own_working_group_only(
    service: tuple[TestClient, PlanningApp], admin: GraphQLClient, world: ApiWorld
) -> None:
    from sozialplanung.graphql.ids import uuid_of

    app = service[1]
    admin.mutate(
        "addMember",
        "AddMemberInput",
        "body { id }",
        body=world.group,
        member=world.fb64,
        role="MEMBER",
        effectiveOn="2011-06-01",
    )
    member = admin.as_(
        app.tokens.create("MEMBER", "fb64", uuid_of(world.fb64, "org", "Organization"))
    )
    measure = propose(admin, world)["measure"]["id"]
    paper = admin.mutate(
        "submitPaper",
        "SubmitPaperInput",
        "paper { id }",
        reference="P1",
        type="DECISION_PROPOSAL",
        subject="S",
        date="2011-10-01",
        measures=[measure],
    )["paper"]["id"]
    admin.mutate(
        "decideMeasure",
        "DecideMeasureInput",
        "measure { status }",
        measure=measure,
        adopted=True,
        body=world.committee,
        paper=paper,
    )
    admin.mutate(
        "startImplementation", "StartImplementationInput", "measure { status }", measure=measure
    )
    ok = member.mutate(
        "reportProgress", "ReportProgressInput", "measure { progress }", measure=measure, percent=30
    )
    assert ok["userErrors"] == [] and ok["measure"]["progress"] == 30
    error = refused(
        member,
        admin,
        "proposeMeasure",
        "ProposeMeasureInput",
        cycle=1,
        workingGroup=world.group,
        title="Nicht erlaubt",
    )
    assert error["code"] == "FORBIDDEN"


def test_the_actor_is_the_authenticated_principal(admin: GraphQLClient, world: ApiWorld) -> None:
    actors = admin.data('{ events(filter: {types: ["CycleOpened"]}) { nodes { actor } } }')
    assert actors["events"]["nodes"] == [{"actor": "admin:admin"}]


def test_a_negative_page_size_is_a_validation_error_on_any_list(
    admin: GraphQLClient, world: ApiWorld
) -> None:
    for query in [
        "{ measures(first: -5) { totalCount } }",
        "{ bodies { nodes { meetings(first: -1) { totalCount } } } }",
        "{ events(first: -1) { totalCount } }",
    ]:
        errors = admin.post(query).get("errors")
        assert errors, query
        for error in errors:
            assert error["extensions"] == {"code": "VALIDATION", "field": "first"}, query
            assert error["message"].startswith("first must be 0 or more"), query


@pytest.mark.parametrize(
    ("odd", "field"),
    [
        ({"name": "A\x00B"}, "name"),
        ({"reason": "weil\x1b"}, "reason"),
        ({"clientMutationId": "retry\x00"}, "clientMutationId"),
        ({"effectiveOn": "0201-05-01"}, "effectiveOn"),
    ],
)
def test_a_control_character_or_an_implausible_date_is_refused_and_writes_nothing(
    admin: GraphQLClient, odd: dict[str, str], field: str
) -> None:
    input_ = {"name": "Tafel", "kind": "OTHER", **odd}
    error = refused(admin, admin, "registerOrganization", "RegisterOrganizationInput", **input_)
    assert (error["code"], error["field"]) == ("VALIDATION", ["input", field])


def test_a_meeting_in_the_year_9999_is_refused(admin: GraphQLClient, world: ApiWorld) -> None:
    far = refused(
        admin,
        admin,
        "scheduleMeeting",
        "ScheduleMeetingInput",
        body=world.committee,
        title="Sitzung",
        scheduledFor="9999-12-31T23:59:59Z",
    )
    assert (far["code"], far["field"]) == ("VALIDATION", ["input", "scheduledFor"])


def test_nodes_answers_each_id_in_order_and_null_for_ids_never_given_out(
    admin: GraphQLClient, world: ApiWorld
) -> None:
    event = to_global("Event", "1")
    ids = [world.committee, "x", "", to_global("Event", "abc"), world.fb50, event]
    ids.append(to_global("Event", str(2**70)))
    nodes = admin.data("query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }", ids=ids)[
        "nodes"
    ]
    assert nodes == [
        {"id": world.committee, "__typename": "Body"},
        None,
        None,
        None,
        {"id": world.fb50, "__typename": "Organization"},
        {"id": event, "__typename": "Event"},
        None,
    ]
    assert admin.data("query($id: ID!) { node(id: $id) { id } }", id=ids[3]) == {"node": None}
    too_many = admin.post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=["x"] * 201)
    assert too_many["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "ids"}


def test_the_compliance_report_refuses_an_implausible_reference_date(admin: GraphQLClient) -> None:
    query = "query($asOf: Date, $months: Int) { complianceReport(asOf: $asOf, \
undiscussedAfterMonths: $months) { asOf } }"
    assert admin.error_codes(query, asOf="9999-12-31") == ["VALIDATION"]
    assert admin.error_codes(query, asOf="2016-06-30", months=2_000_000_000) == ["VALIDATION"]
    assert admin.error_codes(query, asOf="2016-06-30", months=1_200) == []


@pytest.mark.parametrize("odd", ["A\x00B", "A\ud800B"])
def test_search_text_no_store_can_hold_finds_nothing_instead_of_failing(
    admin: GraphQLClient, world: ApiWorld, odd: str
) -> None:
    query = (
        "query($s: String, $t: String!) { measures(search: $s) { totalCount } "
        "papers(reference: $s) { totalCount } events(filter: {actor: $s, types: [$t]}) "
        "{ totalCount } }"
    )
    # Sent as a client app's JSON encoder sends it: \u0000 and \ud800 as escapes.
    body = json.dumps({"query": query, "variables": {"s": odd, "t": odd}})
    response = admin.http.post(
        "/graphql",
        content=body.encode(),
        headers={"Authorization": f"Bearer {admin.token}", "Content-Type": "application/json"},
    )
    assert response.json() == {
        "data": {
            "measures": {"totalCount": 0},
            "papers": {"totalCount": 0},
            "events": {"totalCount": 0},
        }
    }
