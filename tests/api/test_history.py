"""History for analysts and auditors over HTTP: the audit log with each of its filters, the
decision trail, and time travel along recorded time versus the business date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.graphql.ids import to_global, uuid_of

from .client import GraphQLClient
from .conftest import DemoService
from .world import ApiWorld, build, propose

EVENT_FIELDS = (
    "position type aggregateId aggregateType version recordedAt effectiveOn actor reason "
    "correlationId payload onBehalfOf { id }"
)
LOG = f"query($filter: EventFilter, $first: Int, $after: String) {{ events(filter: $filter, \
first: $first, after: $after) {{ totalCount nodes {{ {EVENT_FIELDS} }} \
pageInfo {{ hasNextPage endCursor }} }} }}"


def whole_log(api: GraphQLClient, **filter_: Any) -> list[dict[str, Any]]:
    """Every event the filter lets through, page by page along the keyset cursor."""
    events: list[dict[str, Any]] = []
    after = None
    while True:
        page = api.data(LOG, filter=filter_ or None, first=7, after=after)["events"]
        events += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            assert len(events) == page["totalCount"]
            return events
        after = page["pageInfo"]["endCursor"]


CoordinatorFor = Callable[[str], GraphQLClient]


@pytest.fixture
def coordinator_for(service: tuple[TestClient, PlanningApp]) -> CoordinatorFor:
    """A COORDINATOR client acting for the organization with that global id."""
    http, app = service
    return lambda organization: GraphQLClient(
        http, app.tokens.create("COORDINATOR", "sozialplanerin", uuid_of(organization, "id"))
    )


def history_by_two_hands(
    admin: GraphQLClient, coordinator_for: CoordinatorFor
) -> tuple[ApiWorld, str, str]:
    """An administrator sets up; a coordinator acting for FB 50 proposes and revises."""
    world = build(admin)
    coordinator = coordinator_for(world.fb50)
    first = propose(coordinator, world, "Familienzentren")["measure"]["id"]
    second = propose(coordinator, world, "Stadtteilmütter", reason="Aus der AG 1")["measure"]
    revised = coordinator.mutate(
        "reviseMeasure",
        "ReviseMeasureInput",
        "measure { version }",
        measure=second["id"],
        title="Stadtteilmütter in allen Sozialräumen",
        reason="Ausgeweitet",
        effectiveOn="2012-01-15",
    )
    assert revised["userErrors"] == [], revised
    return world, first, second["id"]


# Audit log -------------------------------------------------------------------------------


def test_every_event_shows_who_when_why_and_what(admin: GraphQLClient) -> None:
    world = build(admin)
    propose(admin, world, reason="Vorschlag der AG 1", effectiveOn="2011-10-05")
    proposed = whole_log(admin, types=["MeasureProposed"])[0]
    assert proposed["actor"] == "admin:admin"
    assert proposed["reason"] == "Vorschlag der AG 1"
    assert proposed["effectiveOn"] == "2011-10-05"
    assert datetime.fromisoformat(proposed["recordedAt"]).tzinfo is not None
    assert proposed["payload"]["title"] == "Familienzentren"
    assert proposed["aggregateType"] == "Measure"
    assert proposed["correlationId"]


def test_the_log_pages_in_log_order_without_gaps(admin: GraphQLClient) -> None:
    world = build(admin)
    for n in range(4):
        propose(admin, world, f"Maßnahme {n}")
    events = whole_log(admin)
    positions = [e["position"] for e in events]
    assert positions == list(range(1, len(events) + 1))


def test_each_filter_returns_exactly_the_matching_events(
    admin: GraphQLClient, coordinator_for: CoordinatorFor
) -> None:
    world, first, second = history_by_two_hands(admin, coordinator_for)
    log = whole_log(admin)
    revised = next(e for e in log if e["type"] == "MeasureRevised")
    middle = log[len(log) // 2]

    def expect(selected: list[dict[str, Any]], **filter_: Any) -> None:
        assert [e["position"] for e in whole_log(admin, **filter_)] == [
            e["position"] for e in selected
        ], filter_

    expect([e for e in log if e["aggregateId"] == second], aggregateId=second)
    expect([e for e in log if e["aggregateType"] == "Body"], aggregateType="Body")
    expect(
        [e for e in log if e["type"] in ("MeasureProposed", "MeasureRevised")],
        types=["MeasureProposed", "MeasureRevised"],
    )
    by_coordinator = [e for e in log if e["actor"] == "coordinator:sozialplanerin"]
    assert {e["type"] for e in by_coordinator} == {"MeasureProposed", "MeasureRevised"}
    expect(by_coordinator, actor="coordinator:sozialplanerin")
    expect(
        [e for e in log if e["correlationId"] == revised["correlationId"]],
        correlationId=revised["correlationId"],
    )
    expect(
        [e for e in log if e["recordedAt"] >= middle["recordedAt"]],
        recordedFrom=middle["recordedAt"],
    )
    expect(
        [e for e in log if e["recordedAt"] < middle["recordedAt"]],
        recordedTo=middle["recordedAt"],
    )
    expect([e for e in log if e["position"] > middle["position"]], afterPosition=middle["position"])
    expect(
        [e for e in log if e["aggregateType"] == "Measure" and e["actor"] != "admin:admin"],
        aggregateType="Measure",
        actor="coordinator:sozialplanerin",
    )
    assert first != second
    assert world.fb50


def test_events_of_a_coordinator_name_the_organization_it_acted_for(
    admin: GraphQLClient, coordinator_for: CoordinatorFor
) -> None:
    world, _, _ = history_by_two_hands(admin, coordinator_for)
    proposed = whole_log(admin, actor="coordinator:sozialplanerin")[0]
    assert proposed["onBehalfOf"] == {"id": world.fb50}


def test_a_filter_on_an_unknown_type_finds_nothing_rather_than_failing(
    admin: GraphQLClient,
) -> None:
    build(admin)
    assert whole_log(admin, types=["NoSuchEvent"]) == []


# Decision trail --------------------------------------------------------------------------


def test_decision_trail_of_the_council_paper_shows_motion_consultation_and_settling(
    demo: DemoService,
) -> None:
    paper = demo.global_id("Paper", "0098")
    motion = demo.global_id("Paper", "105/16")
    trail = demo.analyst.data(
        f"query($id: ID!) {{ decisionTrail(id: $id) {{ {EVENT_FIELDS} }} }}", id=paper
    )["decisionTrail"]
    positions = [e["position"] for e in trail]
    assert positions == sorted(positions)

    def first(type_: str, **where: Any) -> int:
        return next(
            i
            for i, e in enumerate(trail)
            if e["type"] == type_ and all(e[k] == v for k, v in where.items())
        )

    submitted_motion = first("PaperSubmitted", aggregateId=motion)
    assert trail[submitted_motion]["payload"]["reference"] == "105/16"
    submitted_paper = first("PaperSubmitted", aggregateId=paper)
    assert trail[submitted_paper]["payload"]["reference"] == "FB 50/0098/WP16"
    concluded = first("ConsultationConcluded", aggregateId=paper)
    assert trail[concluded]["payload"]["decision"] == "NOTED"
    assert trail[concluded]["effectiveOn"] == "2011-02-24"
    held = first("MeetingHeld")
    assert trail[held]["effectiveOn"] == "2011-02-24"
    settled_motion = first("PaperSettled", aggregateId=motion)
    assert submitted_motion < submitted_paper < concluded < settled_motion


def test_decision_trail_of_a_carried_forward_measure_spans_both_cycles(
    demo: DemoService,
) -> None:
    measure = demo.global_id("Measure", "wohnraumboerse")
    trail = demo.analyst.data(
        "query($id: ID!) { decisionTrail(id: $id) { type aggregateId payload } }", id=measure
    )["decisionTrail"]
    types = [e["type"] for e in trail]
    assert types[0] == "MeasureProposed"
    assert types.count("MeasureDecided") == 2  # once in each cycle
    carried = types.index("MeasureCarriedForward")
    assert "MeasureEvaluated" in types[:carried]
    assert "ConsultationConcluded" in types[carried:]
    papers = {e["aggregateId"] for e in trail if e["type"] == "PaperSubmitted"}
    assert len(papers) == 2


def test_decision_trail_of_a_measure_through_four_cycles(demo: DemoService) -> None:
    measure = demo.global_id("Measure", "stadtteilmuetter")
    trail = demo.analyst.data(
        "query($id: ID!) { decisionTrail(id: $id) { type effectiveOn aggregateType } }",
        id=measure,
    )["decisionTrail"]
    own = [e for e in trail if e["aggregateType"] == "Measure"]
    types = [e["type"] for e in own]
    assert types.count("MeasureEvaluated") == 4  # at the conferences of 2015, 2017, 2019, 2022
    assert types.count("MeasureCarriedForward") == 3
    assert types.count("MeasureDecided") == 2  # revised once on carry-forward: decided again
    assert types[-1] == "MeasureCompleted"
    assert [e["effectiveOn"] for e in own if e["type"] == "MeasureEvaluated"] == [
        "2015-09-10",
        "2017-09-07",
        "2019-09-05",
        "2022-03-24",
    ]
    days = [e["effectiveOn"] for e in own]
    assert days == sorted(days)


def test_decision_trail_of_an_unknown_id_says_not_found(demo: DemoService) -> None:
    unknown = to_global("Measure", "00000000-0000-4000-8000-000000000000")
    query = "query($id: ID!) { decisionTrail(id: $id) { type } }"
    assert demo.analyst.error_codes(query, id=unknown) == ["NOT_FOUND"]


def test_the_event_log_and_histories_are_for_analysts_and_administrators_only(
    demo: DemoService,
) -> None:
    paper = demo.global_id("Paper", "0098")
    fb50 = demo.ids["fb50"]
    tokens = demo.app.tokens
    readers = {
        "PUBLIC": None,
        "MEMBER": tokens.create("MEMBER", "member", fb50),
        "COORDINATOR": tokens.create("COORDINATOR", "coordinator", fb50),
        "ANALYST": tokens.create("ANALYST", "analyst 2"),
        "ADMIN": tokens.create("ADMIN", "admin"),
    }
    expected = {
        "PUBLIC": ["UNAUTHENTICATED"],
        "MEMBER": ["FORBIDDEN"],
        "COORDINATOR": ["FORBIDDEN"],
        "ANALYST": [],
        "ADMIN": [],
    }
    queries = [
        "{ events(first: 1) { totalCount } }",
        "query($id: ID!) { decisionTrail(id: $id) { type } }",
        "query($id: ID!) { paper(id: $id) { history(first: 1) { totalCount } } }",
    ]
    for role, token in readers.items():
        reader = demo.analyst.as_(token)
        for query in queries:
            assert reader.error_codes(query, id=paper) == expected[role], (role, query)
    # The paper itself stays public: only its history is restricted.
    assert demo.analyst.as_(None).data("query($id: ID!) { paper(id: $id) { reference } }", id=paper)


# Time travel -----------------------------------------------------------------------------


def moment_before(event: dict[str, Any]) -> str:
    return (datetime.fromisoformat(event["recordedAt"]) - timedelta(microseconds=1)).isoformat()


def test_a_measure_as_of_a_recorded_time_shows_what_was_known_then(
    admin: GraphQLClient, coordinator_for: CoordinatorFor
) -> None:
    _, _, second = history_by_two_hands(admin, coordinator_for)
    revised = whole_log(admin, aggregateId=second, types=["MeasureRevised"])[0]
    query = (
        "query($id: ID!, $at: DateTime) { then: measure(id: $id, asOf: $at) { title version } "
        "now: measure(id: $id) { title version } }"
    )
    data = admin.data(query, id=second, at=moment_before(revised))
    assert data["then"] == {"title": "Stadtteilmütter", "version": 1}
    assert data["now"] == {"title": "Stadtteilmütter in allen Sozialräumen", "version": 2}
    at_revision = admin.data(query, id=second, at=revised["recordedAt"])["then"]
    assert at_revision["version"] == 2


def test_nothing_is_known_of_a_measure_before_it_was_recorded(
    admin: GraphQLClient, coordinator_for: CoordinatorFor
) -> None:
    _, first, _ = history_by_two_hands(admin, coordinator_for)
    proposed = whole_log(admin, aggregateId=first)[0]
    query = "query($id: ID!, $at: DateTime) { measure(id: $id, asOf: $at) { title } }"
    assert admin.data(query, id=first, at=moment_before(proposed))["measure"] is None


def test_history_about_2011_imported_in_2026_keeps_both_times_apart(
    admin: GraphQLClient,
) -> None:
    """Recorded time answers "what did the system know then"; the business date answers
    "who was a member on that day". Importing old minutes today separates the two."""
    world = build(admin)
    admin.mutate(
        "addMember",
        "AddMemberInput",
        "body { version }",
        body=world.committee,
        member=world.fb50,
        role="MEMBER",
        effectiveOn="2011-03-01",
    )
    joined = whole_log(admin, types=["MemberJoined"])[0]
    assert joined["effectiveOn"] == "2011-03-01"
    assert datetime.fromisoformat(joined["recordedAt"]).date() > date(2011, 3, 1)

    query = (
        "query($id: ID!, $recorded: DateTime, $on: Date) { body(id: $id, asOf: $recorded) "
        "{ members(asOf: $on) { since member { ... on Organization { shortName } } } } }"
    )

    def members(recorded: str | None, on: str | None) -> list[str] | None:
        body = admin.data(query, id=world.committee, recorded=recorded, on=on)["body"]
        return None if body is None else [m["member"]["shortName"] for m in body["members"]]

    # Today the system knows FB 50 joined on 2011-03-01 …
    assert members(None, "2011-06-01") == ["FB 50"]
    assert members(None, "2011-02-01") == []
    # … but just before the import was recorded, it knew of no member on any business date.
    assert members(moment_before(joined), "2011-06-01") == []
    # And before the committee itself was recorded, it knew nothing of the committee at all,
    # although the committee's business date is 2011-02-24.
    established = whole_log(admin, aggregateId=world.committee)[0]
    assert established["effectiveOn"] == "2011-02-24"
    assert members(moment_before(established), None) is None


def test_a_cycle_as_of_a_recorded_time_counts_its_measures_as_recorded_then(
    admin: GraphQLClient,
) -> None:
    world = build(admin)
    kept = propose(admin, world, "Familienzentren")["measure"]["id"]
    withdrawn = propose(admin, world, "Stadtteilmütter")["measure"]["id"]
    admin.mutate("withdrawMeasure", "CloseMeasureInput", "measure { status }", measure=withdrawn)
    later = propose(admin, world, "Lernpaten")["measure"]["id"]
    withdrawal = whole_log(admin, types=["MeasureWithdrawn"])[0]
    query = (
        "query($at: DateTime, $status: MeasureStatus) { cycle(number: 1, asOf: $at) { "
        "statistics { proposed withdrawn } "
        "measures(status: $status) { totalCount nodes { id status } } } }"
    )
    then = admin.data(query, at=moment_before(withdrawal))["cycle"]
    assert then["statistics"] == {"proposed": 2, "withdrawn": 0}
    assert {m["id"] for m in then["measures"]["nodes"]} == {kept, withdrawn}
    assert {m["status"] for m in then["measures"]["nodes"]} == {"PROPOSED"}
    now = admin.data(query)["cycle"]
    assert now["statistics"] == {"proposed": 3, "withdrawn": 1}
    proposed_now = admin.data(query, status="PROPOSED")["cycle"]["measures"]["nodes"]
    assert {m["id"] for m in proposed_now} == {kept, later}


def test_measures_of_a_past_cycle_state_page_like_the_live_list(admin: GraphQLClient) -> None:
    world = build(admin)
    titles = [f"Maßnahme {n}" for n in range(5)]
    for title in titles:
        propose(admin, world, title)
    last = whole_log(admin, types=["MeasureProposed"])[-1]
    query = (
        "query($at: DateTime, $after: String) { cycle(number: 1, asOf: $at) { "
        "measures(first: 2, after: $after) { totalCount nodes { title } "
        "pageInfo { hasNextPage endCursor } } } }"
    )
    seen: list[str] = []
    after = None
    while True:
        page = admin.data(query, at=last["recordedAt"], after=after)["cycle"]["measures"]
        assert page["totalCount"] == 5
        seen += [m["title"] for m in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(titles)


def test_a_body_as_of_a_recorded_time_names_the_lead_recorded_then(admin: GraphQLClient) -> None:
    world = build(admin)
    changed = admin.mutate(
        "assignLead",
        "AssignLeadInput",
        "body { lead { shortName } }",
        body=world.conference,
        lead=world.fb64,
        reason="Neue Zuständigkeit",
    )
    assert changed["body"]["lead"] == {"shortName": "FB 64"}
    assigned = whole_log(admin, aggregateId=world.conference, types=["LeadAssigned"])[-1]
    query = (
        "query($id: ID!, $at: DateTime) { body(id: $id, asOf: $at) { version lead { shortName } } }"
    )
    before = admin.data(query, id=world.conference, at=moment_before(assigned))["body"]
    assert before["lead"] == {"shortName": "FB 50"}
    after = admin.data(query, id=world.conference, at=assigned["recordedAt"])["body"]
    assert after == {"version": assigned["version"], "lead": {"shortName": "FB 64"}}
