"""Auskunft (DSGVO Art. 15): everything the views hold about one person, with dates —
what an administrator hands a person who asks what is recorded about them."""

from __future__ import annotations

from typing import Any

import orjson

from .queries import ReadQueries


def privacy_report(queries: ReadQueries, person_id: str) -> dict[str, Any] | None:
    """The person as recorded, their memberships, the meetings they attended and every
    event of the log that names them; None when no such person was recorded."""
    person = queries.persons.by_ids([person_id]).get(person_id)
    if person is None:
        return None
    events = queries.audit.naming(person_id)
    attended = [
        event["aggregate_id"]
        for event in events
        if event["type"] == "MeetingHeld"
        and any(a["member_id"] == person_id for a in orjson.loads(event["payload"])["attendees"])
    ]
    meetings = queries.meetings.by_ids(attended)
    return {
        "person": {
            "id": person_id,
            "name": person["name"],
            "erased": bool(person["erased"]),
            "affiliation_id": person["affiliation_id"],
            "registered_at": person["created_at"],
        },
        "memberships": queries.bodies.memberships_of(person_id),
        "meetings_attended": [
            {
                "meeting_id": key,
                "title": meetings[key]["title"],
                "scheduled_for": meetings[key]["starts"],
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
