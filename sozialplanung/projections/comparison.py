"""Cycle-to-cycle comparison (Zyklusvergleich) from the measures view's counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .queries import ReadQueries
from .statistics import TermCounts, per_group, total


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


def _factors(queries: ReadQueries, number: int) -> tuple[Counter[str], Counter[str]]:
    obstacles: Counter[str] = Counter()
    enablers: Counter[str] = Counter()
    for evaluation in queries.measures.evaluated_in(number):
        obstacles.update(evaluation["obstacles"])
        enablers.update(evaluation["enablers"])
    return obstacles, enablers


def _frequencies(a: Counter[str], b: Counter[str]) -> list[tuple[str, int, int]]:
    texts = sorted(set(a) | set(b), key=lambda t: (-(a[t] + b[t]), t))
    return [(t, a[t], b[t]) for t in texts]


def compare(queries: ReadQueries, from_number: int, to_number: int) -> Comparison:
    cycles = queries.cycles.by_numbers([from_number, to_number])
    focus_from, focus_to = (
        {g["body_id"]: g["focus"] for g in cycles[n]["working_groups"]} if n in cycles else {}
        for n in (from_number, to_number)
    )
    counts_from = per_group(queries.measures.counts(from_number))
    counts_to = per_group(queries.measures.counts(to_number))
    groups = list(dict.fromkeys([*focus_from, *focus_to, *counts_from, *counts_to]))
    rows = [
        GroupRow(
            group,
            focus_from.get(group),
            focus_to.get(group),
            counts_from.get(group, TermCounts()),
            counts_to.get(group, TermCounts()),
        )
        for group in groups
    ]
    totals = GroupRow(None, None, None, total(counts_from.values()), total(counts_to.values()))
    obstacles_from, enablers_from = _factors(queries, from_number)
    obstacles_to, enablers_to = _factors(queries, to_number)
    return Comparison(
        from_number,
        to_number,
        rows,
        totals,
        queries.measures.carried_from(from_number, to_number),
        _frequencies(obstacles_from, obstacles_to),
        _frequencies(enablers_from, enablers_to),
    )
