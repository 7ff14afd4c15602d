"""Each mutation of the contract over HTTP, as a client app sends it: the payload shows the
change, and a later read agrees. (Refusals, roles and retries: test_errors_and_roles.)"""

from __future__ import annotations

from typing import Any

from .client import GraphQLClient
from .world import ApiWorld, build, propose

MEMBERS = "members(asOf: $day) { role since until member { ... on Person { id } \
... on Organization { id } } onBehalfOf { id } }"


def ok(api: GraphQLClient, mutation: str, input_type: str, selection: str, **input_: Any) -> Any:
    result = api.mutate(mutation, input_type, selection, **input_)
    assert result["userErrors"] == [], (mutation, result["userErrors"])
    return result


def members_on(api: GraphQLClient, body: str, day: str) -> dict[str, dict[str, Any]]:
    query = f"query($id: ID!, $day: Date) {{ body(id: $id) {{ {MEMBERS} }} }}"
    rows = api.data(query, id=body, day=day)["body"]["members"]
    return {row["member"]["id"]: row for row in rows}


def test_a_steering_group_lives_through_every_body_and_person_mutation(
    admin: GraphQLClient,
) -> None:
    world = build(admin)
    person = ok(
        admin,
        "registerPerson",
        "RegisterPersonInput",
        "person { id name erased affiliation { id } }",
        name="Anna Beispiel",
        affiliation=world.fb50,
    )["person"]
    assert (person["name"], person["erased"], person["affiliation"]["id"]) == (
        "Anna Beispiel",
        False,
        world.fb50,
    )
    group = ok(
        admin,
        "establishBody",
        "EstablishBodyInput",
        "body { id }",
        name="Lenkungsgruppe Prävention von Kinderarmut",
        kind="STEERING_GROUP",
        lead=world.fb50,
        topic="Kinderarmut",
        effectiveOn="2011-02-24",
    )["body"]["id"]
    for member, role, extra in [
        (world.fb64, "MEMBER", {}),
        (person["id"], "GUEST", {"onBehalfOf": world.fb50}),
    ]:
        ok(
            admin,
            "addMember",
            "AddMemberInput",
            "body { id }",
            body=group,
            member=member,
            role=role,
            effectiveOn="2011-03-01",
            **extra,
        )
    ok(
        admin,
        "changeMemberRole",
        "ChangeMemberRoleInput",
        "body { id }",
        body=group,
        member=person["id"],
        role="EXPERT",
        effectiveOn="2011-09-01",
    )
    ok(
        admin,
        "removeMember",
        "RemoveMemberInput",
        "body { id }",
        body=group,
        member=world.fb64,
        effectiveOn="2012-01-01",
    )
    early = members_on(admin, group, "2011-06-01")
    assert early[world.fb64]["role"] == "MEMBER"
    assert early[person["id"]]["role"] == "GUEST"
    assert early[person["id"]]["onBehalfOf"] == {"id": world.fb50}
    later = members_on(admin, group, "2012-06-01")
    assert world.fb64 not in later
    assert later[person["id"]]["role"] == "EXPERT"

    shifted = ok(
        admin,
        "shiftFocus",
        "ShiftFocusInput",
        "body { topic }",
        body=group,
        topic="Prävention von Kinderarmut im Quartier",
    )
    assert shifted["body"]["topic"] == "Prävention von Kinderarmut im Quartier"
    cadence = ok(
        admin,
        "setCadence",
        "SetCadenceInput",
        "body { cadence { description minPerYear selfDetermined } }",
        body=group,
        cadence={"description": "quartalsweise", "minPerYear": 4},
    )["body"]["cadence"]
    assert cadence == {"description": "quartalsweise", "minPerYear": 4, "selfDetermined": False}
    ok(
        admin,
        "publishNotice",
        "PublishNoticeInput",
        "body { id }",
        body=group,
        title="Sachstand",
        text="Bericht zur Fortschreibung.",
    )
    history = admin.data(
        "query($id: ID!) { body(id: $id) { history(first: 50) { nodes { type payload } } } }",
        id=group,
    )["body"]["history"]["nodes"]
    assert history[-1]["type"] == "NoticePublished"
    assert history[-1]["payload"]["title"] == "Sachstand"

    erased = ok(
        admin, "erasePerson", "ErasePersonInput", "person { name erased }", person=person["id"]
    )["person"]
    assert erased == {"name": None, "erased": True}
    dissolved = ok(admin, "dissolveBody", "DissolveBodyInput", "body { active }", body=group)[
        "body"
    ]
    assert dissolved == {"active": False}
    departments = admin.data("{ organizations(kind: DEPARTMENT) { totalCount nodes { id } } }")[
        "organizations"
    ]
    assert departments["totalCount"] == 2
    assert {n["id"] for n in departments["nodes"]} == {world.fb50, world.fb64}


def committee_meeting(admin: GraphQLClient, world: ApiWorld, on: str) -> str:
    return ok(
        admin,
        "scheduleMeeting",
        "ScheduleMeetingInput",
        "meeting { id status }",
        body=world.committee,
        title=f"Ausschusssitzung {on}",
        scheduledFor=f"{on}T17:00:00+01:00",
        location="Rathaus",
    )["meeting"]["id"]


def test_a_paper_is_consulted_decided_settled_and_the_groups_informed(
    admin: GraphQLClient,
) -> None:
    world = build(admin)
    measure = propose(admin, world)["measure"]["id"]
    spd = ok(
        admin,
        "registerOrganization",
        "RegisterOrganizationInput",
        "organization { id }",
        name="SPD-Fraktion",
        kind="PARLIAMENTARY_GROUP",
    )["organization"]["id"]
    paper = ok(
        admin,
        "submitPaper",
        "SubmitPaperInput",
        "paper { id measures { status } }",
        reference="FB 50/0150/WP16",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen der Sozialkonferenz",
        date="2011-10-20",
        lead=world.fb50,
        measures=[measure],
    )["paper"]
    assert paper["measures"] == [{"status": "IN_DELIBERATION"}]
    meeting = committee_meeting(admin, world, "2011-11-24")
    agenda = ok(
        admin,
        "addAgendaItem",
        "AddAgendaItemInput",
        "meeting { agenda { number title paper { id } } }",
        meeting=meeting,
        number="3",
        title="Maßnahmen der Sozialkonferenz",
        paper=paper["id"],
    )["meeting"]["agenda"]
    assert agenda == [
        {"number": "3", "title": "Maßnahmen der Sozialkonferenz", "paper": {"id": paper["id"]}}
    ]
    consultation = ok(
        admin,
        "scheduleConsultation",
        "ScheduleConsultationInput",
        "paper { consultations { id date role authoritative decision meeting { id } } }",
        paper=paper["id"],
        body=world.committee,
        meeting=meeting,
        role="DECISION",
        authoritative=True,
    )["paper"]["consultations"][0]
    assert (consultation["date"], consultation["role"], consultation["decision"]) == (
        "2011-11-24",
        "DECISION",
        None,
    )
    held = ok(
        admin,
        "recordMeetingHeld",
        "RecordMeetingHeldInput",
        "meeting { status minutes attendees { ... on Organization { id } } }",
        meeting=meeting,
        attendees=[world.fb50],
        minutes="Beschlussfassung über die Maßnahmen.",
        effectiveOn="2011-11-24",
    )["meeting"]
    assert held == {
        "status": "HELD",
        "minutes": "Beschlussfassung über die Maßnahmen.",
        "attendees": [{"id": world.fb50}],
    }
    resolution = ok(
        admin,
        "recordResolution",
        "RecordResolutionInput",
        "meeting { agenda { resolution { decision text votesFor votesAgainst abstentions } } }",
        meeting=meeting,
        number="3",
        decision="APPROVED",
        text="Der Ausschuss beschließt die Maßnahmen.",
        votesFor=11,
        votesAgainst=2,
        abstentions=1,
        effectiveOn="2011-11-24",
    )["meeting"]["agenda"][0]["resolution"]
    assert resolution == {
        "decision": "APPROVED",
        "text": "Der Ausschuss beschließt die Maßnahmen.",
        "votesFor": 11,
        "votesAgainst": 2,
        "abstentions": 1,
    }
    concluded = ok(
        admin,
        "concludeConsultation",
        "ConcludeConsultationInput",
        "paper { consultations { decision decisionText } measures { status } }",
        consultation=consultation["id"],
        decision="APPROVED",
        decisionText="Wie vorgeschlagen.",
        measureDecisions=[{"measure": measure, "adopted": True}],
        effectiveOn="2011-11-24",
    )["paper"]
    assert concluded["consultations"] == [
        {"decision": "APPROVED", "decisionText": "Wie vorgeschlagen."}
    ]
    assert concluded["measures"] == [{"status": "ADOPTED"}]
    settled = ok(admin, "settlePaper", "SettlePaperInput", "paper { settled }", paper=paper["id"])
    assert settled["paper"] == {"settled": True}
    informed = ok(
        admin,
        "informParliamentaryGroups",
        "InformParliamentaryGroupsInput",
        "event { type aggregateId payload }",
        subject=paper["id"],
        groups=[spd],
        channel="E-Mail",
        note="Vorabinformation",
    )["event"]
    assert informed["type"] == "ParliamentaryGroupsInformed"
    assert informed["payload"]["channel"] == "E-Mail"

    other = committee_meeting(admin, world, "2011-12-15")
    cancelled = ok(
        admin, "cancelMeeting", "CancelMeetingInput", "meeting { status }", meeting=other
    )
    assert cancelled["meeting"] == {"status": "CANCELLED"}


def measure_status(admin: GraphQLClient, measure: str) -> str:
    query = "query($id: ID!) { measure(id: $id) { status } }"
    return admin.data(query, id=measure)["measure"]["status"]


def test_measures_go_through_their_lifecycle_and_the_cycle_closes(admin: GraphQLClient) -> None:
    world = build(admin)
    paper = ok(
        admin,
        "submitPaper",
        "SubmitPaperInput",
        "paper { id }",
        reference="FB 50/0150/WP16",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen",
        date="2011-10-20",
    )["paper"]["id"]
    titles = ["Familienzentren", "Ausbildungslotsen", "Wohnraumbörse", "Suchtberatung"]
    done, carried, dropped, withdrawn = (propose(admin, world, t)["measure"]["id"] for t in titles)
    for measure in (done, carried, dropped):
        referred = ok(
            admin,
            "referMeasure",
            "ReferMeasureInput",
            "measure { status consultations { id } }",
            measure=measure,
            paper=paper,
        )["measure"]
        assert referred["status"] == "IN_DELIBERATION"
        ok(
            admin,
            "decideMeasure",
            "DecideMeasureInput",
            "measure { status }",
            measure=measure,
            adopted=True,
            body=world.committee,
            paper=paper,
            effectiveOn="2011-11-24",
        )
        ok(
            admin,
            "startImplementation",
            "StartImplementationInput",
            "measure { id }",
            measure=measure,
        )
    withdrawn_now = ok(
        admin, "withdrawMeasure", "CloseMeasureInput", "measure { status }", measure=withdrawn
    )
    assert withdrawn_now["measure"] == {"status": "WITHDRAWN"}

    conference = ok(
        admin,
        "scheduleMeeting",
        "ScheduleMeetingInput",
        "meeting { id }",
        body=world.conference,
        title="Sozialkonferenz 2013",
        scheduledFor="2013-09-19T10:00:00+02:00",
        cycle=1,
    )["meeting"]["id"]
    ok(
        admin,
        "recordMeetingHeld",
        "RecordMeetingHeldInput",
        "meeting { id }",
        meeting=conference,
        attendees=[world.fb50],
    )
    cycle = ok(
        admin,
        "recordConferenceHeld",
        "RecordConferenceHeldInput",
        "cycle { status conference { id } }",
        cycle=1,
        meeting=conference,
    )["cycle"]
    assert cycle == {"status": "CONFERENCE_HELD", "conference": {"id": conference}}

    for measure, outcome in [
        (done, "IMPLEMENTED"),
        (carried, "PARTIALLY_IMPLEMENTED"),
        (dropped, "NOT_IMPLEMENTED"),
    ]:
        evaluated = ok(
            admin,
            "evaluateMeasure",
            "EvaluateMeasureInput",
            "measure { status evaluations { outcome obstacles enablers cycle { number } } }",
            measure=measure,
            outcome=outcome,
            obstacles=["Befristete Finanzierung"],
            enablers=["Kooperation mit Kitas"],
            effectiveOn="2013-09-19",
        )["measure"]
        assert evaluated["status"] == "EVALUATED"
        assert evaluated["evaluations"] == [
            {
                "outcome": outcome,
                "obstacles": ["Befristete Finanzierung"],
                "enablers": ["Kooperation mit Kitas"],
                "cycle": {"number": 1},
            }
        ]
    completed = ok(
        admin, "completeMeasure", "CloseMeasureInput", "measure { status }", measure=done
    )
    assert completed["measure"] == {"status": "COMPLETED"}
    dropped_now = ok(
        admin, "dropMeasure", "CloseMeasureInput", "measure { status }", measure=dropped
    )
    assert dropped_now["measure"] == {"status": "DROPPED"}

    ok(
        admin,
        "openCycle",
        "OpenCycleInput",
        "cycle { number }",
        number=2,
        label="2013–2015",
        startsOn="2013-09-01",
        endsOn="2015-08-31",
        conferenceBody=world.conference,
        workingGroups=[{"body": world.group, "focus": "Prävention von Kinderarmut"}],
    )
    forward = ok(
        admin,
        "carryForwardMeasure",
        "CarryForwardMeasureInput",
        "measure { status cycle { number } terms { cycle { number } statusAtEnd } }",
        measure=carried,
        toCycle=2,
    )["measure"]
    assert forward["cycle"] == {"number": 2}
    assert [term["cycle"]["number"] for term in forward["terms"]] == [1, 2]
    assert forward["terms"][0]["statusAtEnd"] == "CARRIED_FORWARD"
    closed = ok(admin, "closeCycle", "CloseCycleInput", "cycle { status }", cycle=1)
    assert closed["cycle"] == {"status": "CLOSED"}
    assert [measure_status(admin, m) for m in (done, carried, dropped, withdrawn)] == [
        "COMPLETED",
        forward["status"],
        "DROPPED",
        "WITHDRAWN",
    ]
