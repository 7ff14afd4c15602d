"""Entscheidungspfad: the events of an object and of everything linked to it."""

from __future__ import annotations

from .database import Row
from .queries import ReadQueries


def _ids(values: list) -> list[str]:
    return [str(v) for v in values if v is not None]


def decision_trail(queries: ReadQueries, key: str) -> list[Row]:
    documents = queries.documents([key])
    if key not in documents:
        return []
    document = documents[key]
    linked: list[str] = [key]
    papers: list[str] = []
    if document.type == "Measure":
        papers = _ids(document.state["paper_ids"])
    elif document.type == "Paper":
        papers = [key]
        linked += _ids(document.state["related_paper_ids"])
        linked += queries.measures_of_paper(key)
    elif document.type == "Cycle":
        linked += _ids([document.state["conference_meeting_id"]])
    for paper in queries.documents(papers).values():
        linked.append(paper.id)
        linked += _ids([c["meeting_id"] for c in paper.state["consultations"]])
    linked += queries.briefings_about(linked)
    return queries.events_of(list(dict.fromkeys(linked)))
