"""The facts for the council paper's rules, read from the views (see domain/compliance.py
for the rules and how each is judged)."""

from __future__ import annotations

import json
from dataclasses import replace
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
        # Each walrus binds in this function's scope (PEP 572): a name for each list.
        dormant_topics=[
            dormant
            for body in bodies.get("STEERING_GROUP", [])
            if is_active(body, as_of)
            and (dormant := dormant_topic(body, _brought_by(political, departments, body), as_of))
        ],
        conferences_overdue=[
            overdue
            for body in bodies.get("SOCIAL_CONFERENCE", [])
            if is_active(body, as_of)
            and (
                overdue := conference_overdue(
                    body, [d for d, s in meetings.get(body.id, []) if s == "HELD"], as_of
                )
            )
        ],
        undiscussed_measures=[
            undiscussed
            for measure in _measures(queries, political)
            if (undiscussed := undiscussed_measure(measure, as_of, after_months))
        ],
    )


def _bodies(queries: ReadQueries) -> dict[str, list[BodyFacts]]:
    found: dict[str, list[BodyFacts]] = {}
    for row in queries.bodies.all():
        found.setdefault(row["kind"], []).append(
            BodyFacts(
                row["id"],
                row["name"],
                date.fromisoformat(row["established_on"]),
                date.fromisoformat(row["dissolved_on"]) if row["dissolved_on"] else None,
                row["topic"],
                row["lead_id"],
            )
        )
    return found


def _meetings(queries: ReadQueries) -> dict[str, list[tuple[date, str]]]:
    found: dict[str, list[tuple[date, str]]] = {}
    for row in queries.meetings.dates():
        day = datetime.fromisoformat(row["scheduled_for"]).astimezone(LOCAL).date()
        found.setdefault(row["body_id"], []).append((day, row["status"]))
    return found


def _political_consultations(queries: ReadQueries) -> dict[str, list[date]]:
    """Paper id → dates it was consulted in a committee or the council."""
    found: dict[str, list[date]] = {}
    for row in queries.papers.consulted_in(POLITICAL):
        found.setdefault(row["paper_id"], []).append(date.fromisoformat(row["date"][:10]))
    return found


def _departments_of_papers(queries: ReadQueries, paper_ids: list[str]) -> dict[str, set[str]]:
    """Paper id → the departments it speaks for: its own lead and the leads of its measures."""
    found: dict[str, set[str]] = {paper: set() for paper in paper_ids}
    for paper_id, row in queries.papers.by_ids(paper_ids).items():
        if row["lead_id"]:
            found[paper_id].add(row["lead_id"])
    for row in queries.measures.papers_and_leads():
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
    """One fact per term a measure waited for political discussion: from its proposal, and
    again from each carrying forward with a revised text (it starts as PROPOSED there), until
    it was decided, withdrawn or carried on."""
    rows = queries.audit.of_type(
        "Measure",
        ("MeasureProposed", "MeasureCarriedForward", "MeasureDecided", "MeasureWithdrawn"),
    )
    terms: list[MeasureFacts] = []
    waiting: dict[str, int] = {}  # measure id → its open term in ``terms``
    for row in rows:
        key, day = row["aggregate_id"], date.fromisoformat(row["effective_on"])
        if (open_term := waiting.pop(key, None)) is not None:
            terms[open_term] = replace(terms[open_term], closed_on=day)  # each of these ends it
        if row["type"] in ("MeasureProposed", "MeasureCarriedForward"):
            payload = json.loads(row["payload"])
            if payload.get("status_in_new_cycle", "PROPOSED") == "PROPOSED":
                waiting[key] = len(terms)
                terms.append(MeasureFacts(key, payload["title"], day))
    papers: dict[str, list[str]] = {}
    for row in queries.measures.referrals():
        papers.setdefault(row["measure_id"], []).append(row["paper_id"])
    return [
        replace(
            term,
            consulted_on=[d for paper in papers.get(term.id, []) for d in political.get(paper, [])],
        )
        for term in terms
    ]
