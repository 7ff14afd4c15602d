"""Builds a small planning world through the API, as a client app would."""

from __future__ import annotations

from dataclasses import dataclass

from .client import GraphQLClient

ID = "id"


@dataclass
class ApiWorld:
    fb50: str
    fb64: str
    conference: str
    group: str
    committee: str


def build(api: GraphQLClient) -> ApiWorld:
    def org(name: str, short: str) -> str:
        return api.mutate(
            "registerOrganization",
            "RegisterOrganizationInput",
            "organization { id }",
            name=name,
            kind="DEPARTMENT",
            shortName=short,
        )["organization"]["id"]

    def body(**input_: object) -> str:
        result = api.mutate("establishBody", "EstablishBodyInput", "body { id }", **input_)
        assert result["userErrors"] == [], result
        return result["body"]["id"]

    fb50 = org("Fachbereich Soziales und Integration", "FB 50")
    fb64 = org("Fachbereich Wohnen", "FB 64")
    conference = body(
        name="Sozialkonferenz",
        kind="SOCIAL_CONFERENCE",
        lead=fb50,
        effectiveOn="2011-02-24",
        cadence={"description": "alle 2 Jahre", "everyMonths": 24},
    )
    group = body(
        name="AG 1 Kinderarmut",
        kind="CONFERENCE_WORKING_GROUP",
        parent=conference,
        effectiveOn="2011-06-01",
    )
    committee = body(
        name="Ausschuss für Soziales, Integration und Demographie",
        kind="COMMITTEE",
        effectiveOn="2011-02-24",
    )
    opened = api.mutate(
        "openCycle",
        "OpenCycleInput",
        "cycle { number status }",
        number=1,
        label="2011–2013",
        startsOn="2011-09-01",
        endsOn="2013-08-31",
        conferenceBody=conference,
        workingGroups=[{"body": group, "focus": "Prävention von Kinderarmut"}],
    )
    assert opened["cycle"] == {"number": 1, "status": "OPEN"}, opened
    return ApiWorld(fb50, fb64, conference, group, committee)


def propose(
    api: GraphQLClient, world: ApiWorld, title: str = "Familienzentren", **extra: object
) -> dict:
    # Proposed in cycle 1 (2011–2013), before the papers and decisions that follow it.
    extra.setdefault("effectiveOn", "2011-09-15")
    return api.mutate(
        "proposeMeasure",
        "ProposeMeasureInput",
        "measure { id status version title }",
        cycle=1,
        workingGroup=world.group,
        title=title,
        lead=world.fb50,
        **extra,
    )
