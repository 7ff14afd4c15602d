"""Auskunft (DSGVO Art. 15): everything the views hold about one person, with dates —
what an administrator hands a person who asks what is recorded about them."""

from __future__ import annotations

import json
from typing import Any

from .queries import ReadQueries


def privacy_report(queries: ReadQueries, person_id: str) -> dict[str, Any] | None:
    """The person as recorded, their memberships, the meetings they attended and every
    event of the log that names them; None when no such person was recorded."""
    documents = queries.documents([person_id])
    person = documents.get(person_id)
    if person is None or person.type != "Person":
        return None
    state = person.state
    events = queries.db.query(
        "SELECT position, type, aggregate_type, aggregate_id, recorded_at, effective_on, "
        "payload, redacted FROM events WHERE aggregate_id = ? OR payload LIKE ? "
        "ORDER BY position",
        [person_id, f"%{person_id}%"],
    )
    memberships = queries.db.query(
        "SELECT m.body_id, b.name AS body, m.role, m.since, m.until, m.on_behalf_of_id "
        "FROM memberships m JOIN bodies b ON b.id = m.body_id WHERE m.member_id = ? "
        "ORDER BY m.since, b.name",
        [person_id],
    )
    attended = [
        event["aggregate_id"]
        for event in events
        if event["type"] == "MeetingHeld"
        and any(a["member_id"] == person_id for a in json.loads(event["payload"])["attendees"])
    ]
    meetings = queries.documents(attended)
    return {
        "person": {
            "id": person_id,
            "name": state.get("name"),
            "erased": state["erased"],
            "affiliation_id": str(state["affiliation_id"]) if state["affiliation_id"] else None,
            "registered_at": person.created_at,
        },
        "memberships": memberships,
        "meetings_attended": [
            {
                "meeting_id": key,
                "title": meetings[key].state["title"],
                "scheduled_for": str(meetings[key].state["scheduled_for"]),
            }
            for key in attended
            if key in meetings
        ],
        "events": [
            {
                "position": e["position"],
                "type": e["type"],
                "aggregate_type": e["aggregate_type"],
                "aggregate_id": e["aggregate_id"],
                "recorded_at": e["recorded_at"],
                "effective_on": e["effective_on"],
                "redacted": bool(e["redacted"]),
            }
            for e in events
        ],
    }
