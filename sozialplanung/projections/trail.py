"""Entscheidungspfad: the events of an object and of everything linked to it."""

from __future__ import annotations

from .database import Row
from .queries import ReadQueries


def decision_trail(queries: ReadQueries, key: str) -> list[Row] | None:
    """In log order; None when nothing with that id was recorded."""
    linked: list[str] = [key]
    papers: list[str] = []
    if measure := queries.measures.by_ids([key]).get(key):
        papers = list(measure["paper_ids"])
    elif paper := queries.papers.by_ids([key]).get(key):
        papers = [key]
        linked += paper["related_paper_ids"]
        linked += queries.measures.of_paper(key)
    elif cycle := queries.cycles.by_ids([key]).get(key):
        linked += [cycle["conference_meeting_id"]] if cycle["conference_meeting_id"] else []
    elif not queries.audit.of_aggregates([key]):
        return None
    for paper in queries.papers.by_ids(papers).values():
        linked.append(paper["id"])
        linked += [c["meeting_id"] for c in paper["consultations"] if c["meeting_id"]]
    linked += queries.briefings.about(linked)
    linked += queries.redactions.about(linked)
    return queries.audit.of_aggregates(list(dict.fromkeys(linked)))
