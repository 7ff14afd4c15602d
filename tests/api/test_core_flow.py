"""The core flow over HTTP on both stores: from a proposal to its evaluation, with
read-your-writes, history and time travel."""

from __future__ import annotations

from .client import GraphQLClient
from .world import build, propose


def test_a_measure_goes_from_proposal_through_decision_to_evaluation(
    admin: GraphQLClient,
) -> None:
    world = build(admin)
    a = propose(admin, world, "Familienzentren")["measure"]["id"]
    b = propose(admin, world, "Lernpatenschaften")["measure"]["id"]
    c = propose(admin, world, "Mobile Suchtberatung")["measure"]["id"]
    # Read-your-writes: the list shows the new measures right after the mutations returned.
    listed = admin.data("{ measures(cycle: 1) { totalCount nodes { title status } } }")
    assert listed["measures"]["totalCount"] == 3

    paper = admin.mutate(
        "submitPaper",
        "SubmitPaperInput",
        "paper { id reference measures { title } }",
        reference="FB 50/0150/WP16",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen 2011",
        date="2011-10-20",
        lead=world.fb50,
        measures=[a, b, c],
        attachments=[{"name": "Anlage 1", "mediaType": "application/pdf", "sizeBytes": 1000}],
    )["paper"]
    assert sorted(m["title"] for m in paper["measures"]) == [
        "Familienzentren",
        "Lernpatenschaften",
        "Mobile Suchtberatung",
    ]
    scheduled = admin.mutate(
        "scheduleConsultation",
        "ScheduleConsultationInput",
        "paper { consultations { id role authoritative decision } }",
        paper=paper["id"],
        body=world.committee,
        date="2011-11-24",
        role="DECISION",
        authoritative=True,
    )
    consultation = scheduled["paper"]["consultations"][0]
    assert consultation["decision"] is None
    concluded = admin.mutate(
        "concludeConsultation",
        "ConcludeConsultationInput",
        "paper { consultations { decision } measures { title status } }",
        consultation=consultation["id"],
        decision="APPROVED_AMENDED",
        effectiveOn="2011-11-24",
        measureDecisions=[
            {"measure": a, "adopted": True},
            {"measure": b, "adopted": True},
            {"measure": c, "adopted": False},
        ],
    )
    assert concluded["userErrors"] == []
    assert {m["title"]: m["status"] for m in concluded["paper"]["measures"]} == {
        "Familienzentren": "ADOPTED",
        "Lernpatenschaften": "ADOPTED",
        "Mobile Suchtberatung": "REJECTED",
    }

    admin.mutate("startImplementation", "StartImplementationInput", "measure { status }", measure=a)
    progress = admin.mutate(
        "reportProgress",
        "ReportProgressInput",
        "measure { progress progressReports { percent reportedBy } }",
        measure=a,
        percent=60,
        note="Halbzeit",
    )
    assert progress["measure"]["progress"] == 60
    assert progress["measure"]["progressReports"][0]["reportedBy"] == "admin:admin"
    evaluated = admin.mutate(
        "evaluateMeasure",
        "EvaluateMeasureInput",
        "measure { status evaluations { outcome obstacles enablers cycle { number } } }",
        measure=a,
        outcome="PARTIALLY_IMPLEMENTED",
        obstacles=["Befristete Finanzierung"],
        enablers=["Kooperation mit Kitas"],
        effectiveOn="2013-09-19",
    )
    assert evaluated["measure"]["status"] == "EVALUATED"
    assert evaluated["measure"]["evaluations"][0]["cycle"] == {"number": 1}

    stats = admin.data(
        "{ cycle(number: 1) { statistics { proposed adopted rejected "
        "partiallyImplemented implementationRate } } }"
    )["cycle"]["statistics"]
    assert stats == {
        "proposed": 3,
        "adopted": 2,
        "rejected": 1,
        "partiallyImplemented": 1,
        "implementationRate": 0.5,
    }


def test_history_and_time_travel_show_a_measure_as_it_was(admin: GraphQLClient) -> None:
    world = build(admin)
    measure = propose(admin, world, "Erster Titel")["measure"]["id"]
    admin.mutate(
        "reviseMeasure",
        "ReviseMeasureInput",
        "measure { title }",
        measure=measure,
        title="Zweiter Titel",
        expectedVersion=1,
        reason="Redaktionell",
    )
    data = admin.data(
        "query($id: ID!) { now: measure(id: $id) { title version history { totalCount "
        "nodes { type version actor reason effectiveOn payload } } } "
        "then: measure(id: $id, version: 1) { title version } "
        "never: measure(id: $id, version: 3) { title } }",
        id=measure,
    )
    assert data["now"]["title"] == "Zweiter Titel"
    assert data["then"] == {"title": "Erster Titel", "version": 1}
    assert data["never"] is None  # version 3 was never recorded
    history = data["now"]["history"]["nodes"]
    assert [e["type"] for e in history] == ["MeasureProposed", "MeasureRevised"]
    assert history[1]["reason"] == "Redaktionell"
    assert history[1]["payload"]["title"] == "Zweiter Titel"


def test_members_of_a_body_on_a_business_date(admin: GraphQLClient) -> None:
    world = build(admin)
    for member, day in ((world.fb50, "2011-03-01"), (world.fb64, "2012-03-01")):
        result = admin.mutate(
            "addMember",
            "AddMemberInput",
            "body { version }",
            body=world.committee,
            member=member,
            role="MEMBER",
            effectiveOn=day,
        )
        assert result["userErrors"] == []
    query = (
        "query($id: ID!, $on: Date) { node(id: $id) { ... on Body { members(asOf: $on) "
        "{ since member { ... on Organization { shortName } } } } } }"
    )
    early = admin.data(query, id=world.committee, on="2011-06-01")["node"]["members"]
    late = admin.data(query, id=world.committee, on="2012-06-01")["node"]["members"]
    assert [m["member"]["shortName"] for m in early] == ["FB 50"]
    assert [m["member"]["shortName"] for m in late] == ["FB 50", "FB 64"]


def test_a_retried_mutation_returns_the_first_result_and_writes_nothing(
    admin: GraphQLClient,
) -> None:
    world = build(admin)
    first = propose(admin, world, "Einmal", clientMutationId="retry-1")
    before = admin.event_count()
    again = propose(admin, world, "Einmal", clientMutationId="retry-1")
    assert again["measure"]["id"] == first["measure"]["id"]
    assert again["clientMutationId"] == "retry-1"
    assert admin.event_count() == before


def test_search_finds_the_words_of_title_and_description(admin: GraphQLClient) -> None:
    world = build(admin)
    propose(admin, world, "Kita_Plätze für 100% der Kinder")
    propose(admin, world, "KitaXPlätze", description="Mehr Plätze im Ostviertel")
    propose(admin, world, "Familienzentren")

    def found(text: str) -> set[str]:
        query = "query($s: String) { measures(search: $s) { nodes { title } } }"
        return {n["title"] for n in admin.data(query, s=text)["measures"]["nodes"]}

    assert found("plätze") == {"Kita_Plätze für 100% der Kinder", "KitaXPlätze"}
    assert found("Platz") == found("plätze")  # word forms, umlauts aside
    assert found("OSTVIERTEL") == {"KitaXPlätze"}  # the description counts, case aside
    # "_" separates words like a space (no wildcard); "Kita" begins both titles' words
    assert found("kita_") == found("Kita") == {"Kita_Plätze für 100% der Kinder", "KitaXPlätze"}
    assert found("Kinder") == {"Kita_Plätze für 100% der Kinder"}
    assert found("100%") == {"Kita_Plätze für 100% der Kinder"}  # nor is %
    assert found("%") == set()  # no word to look for
    assert found("\\") == set()
