"""The facts for the council paper's rules, read from the views (see domain/compliance.py
for the rules and how each is judged)."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..domain.compliance import (
    BodyFacts,
    ComplianceReport,
    MeasureFacts,
    check_parameters,
    conference_overdue,
    dormant_topic,
    is_active,
    meeting_frequency,
    undiscussed_measure,
)
from .queries import ReadQueries

LOCAL = ZoneInfo("Europe/Berlin")
POLITICAL = ("COMMITTEE", "COUNCIL")


def today() -> date:
    """The city's date (the default reference date)."""
    return datetime.now(LOCAL).date()


def compliance_report(queries: ReadQueries, as_of: date, after_months: int) -> ComplianceReport:
    check_parameters(as_of, after_months)
    bodies = _bodies(queries)
    meetings = _meetings(queries)
    political = _political_consultations(queries)
    departments = _departments_of_papers(queries, list(political))
    return ComplianceReport(
        as_of,
        after_months,
        meeting_frequency=[
            finding
            for body in bodies.get("WORKING_GROUP", [])
            if body.established_on <= as_of
            for finding in meeting_frequency(body, meetings.get(body.id, []), as_of)
        ],
        dormant_topics=[
            finding
            for body in bodies.get("STEERING_GROUP", [])
            if is_active(body, as_of)
            and (finding := dormant_topic(body, _brought_by(political, departments, body), as_of))
        ],
        conferences_overdue=[
            finding
            for body in bodies.get("SOCIAL_CONFERENCE", [])
            if is_active(body, as_of)
            and (
                finding := conference_overdue(
                    body, [d for d, s in meetings.get(body.id, []) if s == "HELD"], as_of
                )
            )
        ],
        undiscussed_measures=[
            finding
            for measure in _measures(queries, political)
            if (finding := undiscussed_measure(measure, as_of, after_months))
        ],
    )


def _bodies(queries: ReadQueries) -> dict[str, list[BodyFacts]]:
    rows = queries.db.query(
        "SELECT id, kind, established_on, dissolved_on FROM bodies ORDER BY name, id"
    )
    documents = queries.documents([row["id"] for row in rows])
    found: dict[str, list[BodyFacts]] = {}
    for row in rows:
        state = documents[row["id"]].state
        found.setdefault(row["kind"], []).append(
            BodyFacts(
                row["id"],
                state["name"],
                date.fromisoformat(row["established_on"]),
                date.fromisoformat(row["dissolved_on"]) if row["dissolved_on"] else None,
                state.get("topic"),
                str(state["lead_id"]) if state.get("lead_id") else None,
            )
        )
    return found


def _meetings(queries: ReadQueries) -> dict[str, list[tuple[date, str]]]:
    found: dict[str, list[tuple[date, str]]] = {}
    for row in queries.db.query("SELECT body_id, scheduled_for, status FROM meetings"):
        day = datetime.fromisoformat(row["scheduled_for"]).astimezone(LOCAL).date()
        found.setdefault(row["body_id"], []).append((day, row["status"]))
    return found


def _political_consultations(queries: ReadQueries) -> dict[str, list[date]]:
    """Paper id → dates it was consulted in a committee or the council."""
    marks = ", ".join("?" for _ in POLITICAL)
    rows = queries.db.query(
        "SELECT c.paper_id, c.date FROM consultations c JOIN bodies b ON b.id = c.body_id "
        f"WHERE b.kind IN ({marks}) AND c.date IS NOT NULL",
        list(POLITICAL),
    )
    found: dict[str, list[date]] = {}
    for row in rows:
        found.setdefault(row["paper_id"], []).append(date.fromisoformat(row["date"][:10]))
    return found


def _departments_of_papers(queries: ReadQueries, paper_ids: list[str]) -> dict[str, set[str]]:
    """Paper id → the departments it speaks for: its own lead and the leads of its measures."""
    found: dict[str, set[str]] = {paper: set() for paper in paper_ids}
    for paper_id, document in queries.documents(paper_ids).items():
        if document.state.get("lead_id"):
            found[paper_id].add(str(document.state["lead_id"]))
    for row in queries.db.query(
        "SELECT mp.paper_id, m.lead_id FROM measure_papers mp "
        "JOIN measures m ON m.id = mp.measure_id WHERE m.lead_id IS NOT NULL"
    ):
        if row["paper_id"] in found:
            found[row["paper_id"]].add(row["lead_id"])
    return found


def _brought_by(
    political: dict[str, list[date]], departments: dict[str, set[str]], body: BodyFacts
) -> list[date]:
    """Dates on which the body's lead department had a paper consulted politically."""
    return [
        day
        for paper_id, days in political.items()
        if body.lead_id is not None and body.lead_id in departments.get(paper_id, set())
        for day in days
    ]


def _measures(queries: ReadQueries, political: dict[str, list[date]]) -> list[MeasureFacts]:
    rows = queries.db.query(
        "SELECT aggregate_id, type, effective_on, payload FROM events "
        "WHERE aggregate_type = 'Measure' AND type IN "
        "('MeasureProposed', 'MeasureDecided', 'MeasureWithdrawn') ORDER BY position"
    )
    proposed: dict[str, tuple[str, date]] = {}
    closed: dict[str, date] = {}
    for row in rows:
        day = date.fromisoformat(row["effective_on"])
        if row["type"] == "MeasureProposed":
            proposed[row["aggregate_id"]] = (json.loads(row["payload"])["title"], day)
        else:
            closed.setdefault(row["aggregate_id"], day)
    papers: dict[str, list[str]] = {}
    for row in queries.db.query("SELECT measure_id, paper_id FROM measure_papers"):
        papers.setdefault(row["measure_id"], []).append(row["paper_id"])
    return [
        MeasureFacts(
            key,
            title,
            day,
            closed.get(key),
            [d for paper in papers.get(key, []) for d in political.get(paper, [])],
        )
        for key, (title, day) in proposed.items()
    ]
