"""Figures that add up: for every count in a cycle's statistics, `Cycle.measures` with the
matching filter lists exactly that many measures — on the demo's eight cycles, per working
group (the comparison's rows) too, and as of a past moment."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import DemoService

# statistics field → the filter that lists what it counts
REACHED = {
    "proposed": "PROPOSED",
    "adopted": "ADOPTED",
    "rejected": "REJECTED",
    "carriedForward": "CARRIED_FORWARD",
    "completed": "COMPLETED",
    "dropped": "DROPPED",
    "withdrawn": "WITHDRAWN",
}
OUTCOMES = {
    "implemented": "IMPLEMENTED",
    "partiallyImplemented": "PARTIALLY_IMPLEMENTED",
    "notImplemented": "NOT_IMPLEMENTED",
}
FIELDS = " ".join([*REACHED, *OUTCOMES, "evaluated"])


def drilled(api: Any, number: int, as_of: str | None = None, group: str | None = None) -> Any:
    filters = [
        *(
            f"{name}: measures(reached: {state}{_group(group)}) {{ totalCount }}"
            for name, state in REACHED.items()
        ),
        *(
            f"{name}: measures(outcome: {outcome}{_group(group)}) {{ totalCount }}"
            for name, outcome in OUTCOMES.items()
        ),
    ]
    at = f', asOf: "{as_of}"' if as_of else ""
    query = (
        f"{{ cycle(number: {number}{at}) {{ statistics {{ {FIELDS} }} "
        f"all: measures{'(' + _group(group)[2:] + ')' if group else ''} {{ totalCount }} "
        f"{' '.join(filters)} }} }}"
    )
    return api.data(query)["cycle"]


def _group(group: str | None) -> str:
    return f', workingGroup: "{group}"' if group else ""


def assert_adds_up(cycle: Any) -> None:
    statistics = cycle["statistics"]
    for name in [*REACHED, *OUTCOMES]:
        assert cycle[name]["totalCount"] == statistics[name], name
    assert statistics["evaluated"] == sum(statistics[name] for name in OUTCOMES)
    assert cycle["all"]["totalCount"] >= statistics["proposed"]


@pytest.mark.parametrize("number", range(1, 9))
def test_every_count_of_every_demo_cycle_lists_its_measures(demo: DemoService, number: int) -> None:
    cycle = drilled(demo.analyst, number)
    assert cycle["statistics"]["proposed"] > 0
    assert_adds_up(cycle)


def test_the_comparisons_counts_per_working_group_list_their_measures(
    demo: DemoService,
) -> None:
    rows = demo.analyst.data(
        f"{{ cycleComparison(from: 3, to: 4) {{ rows {{ workingGroup {{ id }} "
        f"to {{ {FIELDS} }} }} totals {{ to {{ {FIELDS} }} }} }} }}"
    )["cycleComparison"]
    groups = [row for row in rows["rows"] if row["workingGroup"]]
    assert len(groups) >= 12
    for row in groups:
        cycle = drilled(demo.analyst, 4, group=row["workingGroup"]["id"])
        cycle["statistics"] = row["to"]  # the group's own counts
        assert_adds_up(cycle)
    assert rows["totals"]["to"] == drilled(demo.analyst, 4)["statistics"]


def test_the_counts_add_up_as_of_a_past_moment(demo: DemoService) -> None:
    # As the store held cycle 7 while its evaluations were being recorded.
    evaluated = demo.analyst.data(
        "{ cycle(number: 7) { measures(outcome: IMPLEMENTED) { nodes { id } } } }"
    )["cycle"]["measures"]["nodes"]
    times = sorted(
        demo.analyst.data(
            'query($m: ID!) { events(filter: {aggregateId: $m, types: ["MeasureEvaluated"]}) '
            "{ nodes { recordedAt } } }",
            m=measure["id"],
        )["events"]["nodes"][-1]["recordedAt"]
        for measure in evaluated
    )
    moment = times[len(times) // 2]
    then, now = drilled(demo.analyst, 7, as_of=moment), drilled(demo.analyst, 7)
    assert_adds_up(then)
    assert then["statistics"] != now["statistics"]
