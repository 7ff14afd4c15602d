"""Cycle-to-cycle comparison (Zyklusvergleich) from the measure views."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .queries import ReadQueries
from .statistics import TermCounts, count_terms


@dataclass
class GroupRow:
    working_group_id: str | None
    focus_from: str | None
    focus_to: str | None
    from_counts: TermCounts
    to_counts: TermCounts


@dataclass
class Comparison:
    from_number: int
    to_number: int
    rows: list[GroupRow]
    totals: GroupRow
    carried_forward: list[str]
    obstacles: list[tuple[str, int, int]] = field(default_factory=list)
    enablers: list[tuple[str, int, int]] = field(default_factory=list)


def _focus(queries: ReadQueries, number: int) -> dict[str, str]:
    cycle_id = queries.cycle_id(number)
    if cycle_id is None:
        return {}
    document = queries.documents([cycle_id])[cycle_id]
    return {str(g["body_id"]): g["focus"] for g in document.state["working_groups"]}


def _factors(queries: ReadQueries, number: int, terms: list[dict]) -> tuple[Counter, Counter]:
    obstacles: Counter[str] = Counter()
    enablers: Counter[str] = Counter()
    documents = queries.documents(sorted({t["measure_id"] for t in terms if t["outcome"]}))
    for document in documents.values():
        for term in document.state["terms"]:
            if term["cycle"] == number and term["evaluation"]:
                obstacles.update(term["evaluation"]["obstacles"])
                enablers.update(term["evaluation"]["enablers"])
    return obstacles, enablers


def _frequencies(a: Counter, b: Counter) -> list[tuple[str, int, int]]:
    texts = sorted(set(a) | set(b), key=lambda t: (-(a[t] + b[t]), t))
    return [(t, a[t], b[t]) for t in texts]


def compare(queries: ReadQueries, from_number: int, to_number: int) -> Comparison:
    terms_from = queries.terms_of_cycle(from_number)
    terms_to = queries.terms_of_cycle(to_number)
    focus_from, focus_to = _focus(queries, from_number), _focus(queries, to_number)
    groups = list(
        dict.fromkeys(
            [*focus_from, *focus_to, *(t["working_group_id"] for t in terms_from + terms_to)]
        )
    )
    rows = [
        GroupRow(
            group,
            focus_from.get(group),
            focus_to.get(group),
            count_terms(t for t in terms_from if t["working_group_id"] == group),
            count_terms(t for t in terms_to if t["working_group_id"] == group),
        )
        for group in groups
    ]
    totals = GroupRow(None, None, None, count_terms(terms_from), count_terms(terms_to))
    in_to = {t["measure_id"] for t in terms_to}
    carried = sorted(
        {
            t["measure_id"]
            for t in terms_from
            if t["status_at_end"] == "CARRIED_FORWARD" and t["measure_id"] in in_to
        }
    )
    obstacles_from, enablers_from = _factors(queries, from_number, terms_from)
    obstacles_to, enablers_to = _factors(queries, to_number, terms_to)
    return Comparison(
        from_number,
        to_number,
        rows,
        totals,
        carried,
        _frequencies(obstacles_from, obstacles_to),
        _frequencies(enablers_from, enablers_to),
    )
