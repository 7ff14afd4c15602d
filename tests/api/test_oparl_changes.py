"""The OParl interface after new events: ``modified_since`` lists exactly what changed —
also where a change of one aggregate changes what another object shows — and objects that
ended or were deleted are shown as the spec says."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

from sozialplanung.graphql.ids import uuid_of

from .client import GraphQLClient
from .conftest import DemoService
from .oparl_client import ENTRY, schema_errors
from .test_oparl import BODY, LIST_OF


def admin_of(demo: DemoService) -> GraphQLClient:
    return GraphQLClient(demo.analyst.http, demo.app.tokens.create("ADMIN", "admin"))


def next_second() -> str:
    """A modified_since bound later than anything recorded so far (times are shown to the
    second), waited for: what is recorded from now on is on or after it."""
    since = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
    time.sleep(max(0.0, (since - datetime.now(UTC)).total_seconds()) + 0.01)
    return quote(since.isoformat(), safe="")


def changed(demo: DemoService, since: str) -> dict[str, set[str]]:
    """Every Body list with modified_since, page after page: the ids in each."""
    http = demo.analyst.as_(None).http
    found: dict[str, set[str]] = {}
    for path in LIST_OF.values():
        url: str | None = f"{BODY}/{path}?modified_since={since}&limit=20"
        ids: set[str] = set()
        while url:
            page = http.get(url).json()
            ids |= {item["id"] for item in page["data"]}
            url = page["links"].get("next")
        found[path] = ids
    return found


def expect(**lists: set[str]) -> dict[str, set[str]]:
    return {path: lists.get(path.replace("-", "_"), set()) for path in LIST_OF.values()}


def get(demo: DemoService, url: str) -> Any:
    response = demo.analyst.as_(None).http.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def test_modified_since_lists_exactly_what_changed(fresh_demo: DemoService) -> None:
    admin, ids = admin_of(fresh_demo), fresh_demo.ids
    group = f"{ENTRY}/organization/{ids['lg']}"
    person = f"{ENTRY}/person/{ids['anna']}"

    # A person joins a Gremium: the Gremium, the new Membership and the person who shows it.
    since = next_second()
    joined = admin.mutate(
        "addMember",
        "AddMemberInput",
        "body { id }",
        body=fresh_demo.global_id("Body", "lg"),
        member=fresh_demo.global_id("Person", "anna"),
        role="MEMBER",
        onBehalfOf=fresh_demo.global_id("Organization", "fb50"),
    )
    assert joined["userErrors"] == []
    found = changed(fresh_demo, since)
    (membership,) = found["memberships"]
    assert membership.startswith(f"{ENTRY}/membership/{ids['lg']}/")
    assert found == expect(organizations={group}, persons={person}, memberships={membership})
    assert membership in [m["id"] for m in get(fresh_demo, person)["membership"]]

    # A paper on a meeting's agenda, then its consultation in that meeting: the consultation
    # is a Paper event, but the meeting's agenda item now links it.
    paper = admin.mutate(
        "submitPaper",
        "SubmitPaperInput",
        "paper { id }",
        reference="FB 50/0300/WP19",
        type="DECISION_PROPOSAL",
        subject="Kältehilfe im Winter",
        date="2024-01-15",
        lead=fresh_demo.global_id("Organization", "fb50"),
        attachments=[{"name": "Anlage 1", "mediaType": "application/pdf", "sizeBytes": 1000}],
    )["paper"]["id"]
    meeting = admin.mutate(
        "scheduleMeeting",
        "ScheduleMeetingInput",
        "meeting { id }",
        body=fresh_demo.global_id("Body", "ausschuss"),
        title="Sitzung des Ausschusses",
        scheduledFor="2024-02-01T17:00:00+01:00",
        location="Rathaus, Krönungssaal",
    )["meeting"]["id"]
    added = admin.mutate(
        "addAgendaItem",
        "AddAgendaItemInput",
        "meeting { id }",
        meeting=meeting,
        number="1",
        title="Kältehilfe im Winter",
        paper=paper,
    )
    assert added["userErrors"] == []
    paper_url = f"{ENTRY}/paper/{uuid_of(paper, 'id')}"
    meeting_key = uuid_of(meeting, "id")
    meeting_url, item_url = f"{ENTRY}/meeting/{meeting_key}", f"{ENTRY}/agenda-item/{meeting_key}/0"
    file_url = f"{ENTRY}/file/{uuid_of(paper, 'id')}/0"
    assert changed(fresh_demo, since) == expect(
        organizations={group},
        persons={person},
        memberships={membership},
        papers={paper_url},
        files={file_url},
        meetings={meeting_url},
        agenda_items={item_url},
        locations={f"{ENTRY}/location/{meeting_key}"},
    )

    later = next_second()
    scheduled = admin.mutate(
        "scheduleConsultation",
        "ScheduleConsultationInput",
        "paper { consultations { id } }",
        paper=paper,
        body=fresh_demo.global_id("Body", "ausschuss"),
        meeting=meeting,
        role="DECISION",
        authoritative=True,
    )
    (consultation,) = scheduled["paper"]["consultations"]
    consultation_url = f"{ENTRY}/consultation/{uuid_of(consultation['id'], 'id')}"
    assert changed(fresh_demo, later) == expect(
        papers={paper_url},
        consultations={consultation_url},
        meetings={meeting_url},
        agenda_items={item_url},
    )
    item = get(fresh_demo, item_url)
    assert item["consultation"] == consultation_url
    assert get(fresh_demo, consultation_url)["agendaItem"] == item_url
    # Every object shows the change in its own modified, embedded ones too.
    shown = get(fresh_demo, meeting_url)
    assert shown["modified"] == shown["agendaItem"][0]["modified"] == item["modified"]
    assert shown["location"]["modified"] < shown["modified"]


def test_deleted_and_ended_objects(fresh_demo: DemoService) -> None:
    admin, ids = admin_of(fresh_demo), fresh_demo.ids
    paper = admin.mutate(
        "submitPaper",
        "SubmitPaperInput",
        "paper { id }",
        reference="FB 50/0301/WP19",
        type="REPORT",
        subject="Bericht, irrtümlich eingereicht",
        date="2024-01-15",
        lead=fresh_demo.global_id("Organization", "fb50"),
        attachments=[{"name": "Anlage 1", "mediaType": "application/pdf", "sizeBytes": 10}],
    )["paper"]["id"]
    scheduled = admin.mutate(
        "scheduleConsultation",
        "ScheduleConsultationInput",
        "paper { consultations { id } }",
        paper=paper,
        body=fresh_demo.global_id("Body", "ausschuss"),
        date="2024-02-01",
        role="NOTICE",
        authoritative=False,
    )
    key = uuid_of(paper, "id")
    paper_url, file_url = f"{ENTRY}/paper/{key}", f"{ENTRY}/file/{key}/0"
    consultation_url = (
        f"{ENTRY}/consultation/{uuid_of(scheduled['paper']['consultations'][0]['id'], 'id')}"
    )
    http = fresh_demo.analyst.as_(None).http
    before = http.get(paper_url)
    created = before.json()["created"]

    # Withdrawn (submitted in error): deleted, with its consultation and its file.
    since = next_second()
    withdrawn = admin.mutate(
        "withdrawPaper", "WithdrawPaperInput", "paper { id }", paper=paper, reason="Irrtum"
    )
    assert withdrawn["userErrors"] == []
    after = http.get(paper_url, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200  # a deleted object is still an object (2.8); no 304
    deleted = after.json()
    assert deleted["deleted"] is True and deleted["created"] == created
    assert set(deleted) == {"id", "type", "created", "modified", "deleted"}
    withdrawn_at = datetime.fromisoformat(deleted["modified"])
    assert withdrawn_at >= datetime.fromisoformat(unquote(since))  # the time of deletion
    for url in (consultation_url, file_url):
        assert get(fresh_demo, url)["deleted"] is True
    assert get(fresh_demo, file_url)["accessUrl"]  # the schema requires it even so
    assert [e for u in (paper_url, consultation_url, file_url)
            for e in schema_errors(get(fresh_demo, u))] == []  # fmt: skip
    everything = get(fresh_demo, f"{BODY}/papers")["data"]
    assert paper_url not in [p["id"] for p in everything]  # without modified_since: left out
    found = changed(fresh_demo, since)
    assert found == expect(papers={paper_url}, consultations={consultation_url}, files={file_url})

    # Erased: the person is deleted; the memberships it had remain, pointing to it.
    since = next_second()
    erased = admin.mutate(
        "erasePerson",
        "ErasePersonInput",
        "person { id }",
        person=fresh_demo.global_id("Person", "clara"),
        reason="Auskunft und Löschung nach Art. 17 DSGVO",
    )
    assert erased["userErrors"] == []
    person_url = f"{ENTRY}/person/{ids['clara']}"
    assert get(fresh_demo, person_url)["deleted"] is True
    assert person_url not in [p["id"] for p in get(fresh_demo, f"{BODY}/persons")["data"]]
    memberships = get(fresh_demo, f"{BODY}/memberships")["data"]
    assert person_url in [m["person"] for m in memberships]
    assert changed(fresh_demo, since)["persons"] == {person_url}

    # Dissolved: a Gremium that ended has an endDate (its last day); it is not deleted.
    dissolved = admin.mutate(
        "dissolveBody",
        "DissolveBodyInput",
        "body { id }",
        body=fresh_demo.global_id("Body", "lg"),
        effectiveOn="2025-01-01",
    )
    assert dissolved["userErrors"] == []
    group = get(fresh_demo, f"{ENTRY}/organization/{ids['lg']}")
    assert group["endDate"] == "2024-12-31" and "deleted" not in group


def test_a_redaction_moves_modified_of_what_it_blacked_out(fresh_demo: DemoService) -> None:
    """Text blacked out must leave the clients' copies too: their next update fetches it."""
    admin = admin_of(fresh_demo)
    paper = get(fresh_demo, f"{ENTRY}/paper/{fresh_demo.ids['0098']}")
    meeting_url = paper["consultation"][0]["meeting"]
    assert get(fresh_demo, meeting_url)["sozialplanung:minutes"]
    held = admin.data(
        'query($id: ID!) { events(filter: {aggregateId: $id, types: ["MeetingHeld"]}) '
        "{ nodes { id } } }",
        id=meeting_url.rpartition("/")[2],
    )["events"]["nodes"]
    since = next_second()
    redacted = admin.mutate(
        "redactEvent",
        "RedactEventInput",
        "event { redacted }",
        event=held[0]["id"],
        reason="Personenbezogene Angaben im Protokoll.",
    )
    assert redacted["userErrors"] == []
    meeting = get(fresh_demo, meeting_url)
    assert "sozialplanung:minutes" not in meeting
    found = changed(fresh_demo, since)
    assert found == expect(
        meetings={meeting_url}, agenda_items={paper["consultation"][0]["agendaItem"]}
    )
