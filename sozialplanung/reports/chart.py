"""The cycle comparison as a chart: per working group, the two cycles side by side.

Three panels count the measures (proposed, adopted, put into practice — fully, and
partially hatched), each bar labelled with its number and each panel's title carrying the
sums; a fourth shows the implementation rate of each group in both cycles, joined by a line
so that the change reads at a glance, with the rate of all groups as dashed lines.

matplotlib's object-oriented API (Figure + canvas), never pyplot: pyplot keeps global
state and is not safe in the server's worker threads.
"""

from __future__ import annotations

import io
from typing import Literal

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..projections.statistics import TermCounts
from .cycles import CycleReport

# Same data, same file: fixed ids in the SVG and no creation date in either format.
matplotlib.rcParams["svg.hashsalt"] = "sozialplanung"
METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}

COUNT_PANELS = [
    ("Vorgeschlagen", "proposed"),
    ("Beschlossen", "adopted"),
    ("Umgesetzt", "implemented"),  # fully, with the partially implemented hatched on top
]
COLOURS = ("#9ecae1", "#08519c")  # earlier cycle light, later cycle dark
OFFSETS = (-0.2, 0.2)
BAR = 0.38
WIDTH = 13  # inches, at 100 dpi
UP, DOWN, SAME = "#41ab5d", "#e34a33", "#bbbbbb"  # the line from one cycle's rate to the next
FOOTNOTE = (
    "Umsetzungsquote: (umgesetzt + ½ teilweise umgesetzt) ÷ bewertete Maßnahmen; gestrichelt: "
    "alle Arbeitsgruppen; –: (noch) nichts bewertet.\n"
    "Gezählt wird jede Maßnahme in jedem Zyklus, in dem sie lief. (neu): Arbeitsgruppe erst "
    "im späteren Zyklus; (Schwerpunkt neu): Schwerpunkt verlagert."
)

Format = Literal["png", "svg"]


def chart(report: CycleReport, fmt: Format) -> bytes:
    c = report.comparison
    labels = [report.group_label(r) for r in c.rows]
    sides = [(row.from_counts, row.to_counts) for row in c.rows]
    totals = (c.totals.from_counts, c.totals.to_counts)
    names = (
        f"Zyklus {c.from_number} ({report.labels[0]})",
        f"Zyklus {c.to_number} ({report.labels[1]})",
    )
    height = 2.4 + 0.46 * max(len(labels), 1)
    figure = Figure(figsize=(WIDTH, height), layout="constrained")
    # The chart above, its legend and the footnote below: a subfigure each, so that the
    # layout keeps them apart.
    rows = figure.subfigures(2, 1, squeeze=False, height_ratios=[height - 0.75, 0.75])
    plot: SubFigure = rows[0, 0]
    notes: SubFigure = rows[1, 0]
    axes = plot.subplots(1, 4, sharey=True, width_ratios=[1, 1, 1, 1.25])
    positions = list(range(len(labels)))
    for ax, (title, attribute) in zip(axes[:3], COUNT_PANELS, strict=True):
        _counts(ax, positions, sides, attribute)
        ax.set_title(
            f"{title}\nSumme {_count(totals[0], attribute)} → {_count(totals[1], attribute)}"
        )
    _rates(axes[3], positions, sides, totals)
    axes[0].set_yticks(positions, labels)
    axes[0].invert_yaxis()
    axes[0].tick_params(axis="y", length=0)
    plot.suptitle(
        f"Maßnahmen je Arbeitsgruppe: Zyklus {c.from_number} ({report.labels[0]}) "
        f"und Zyklus {c.to_number} ({report.labels[1]})",
        fontsize=13,
    )
    handles: list[Artist] = [
        Patch(color=colour, label=name) for colour, name in zip(COLOURS, names, strict=True)
    ]
    handles.append(
        Patch(
            facecolor="white", edgecolor="#555555", hatch="////", label="davon teilweise umgesetzt"
        )
    )
    handles += [
        Line2D([], [], color=UP, linewidth=2, label="Quote gestiegen"),
        Line2D([], [], color=DOWN, linewidth=2, label="Quote gesunken"),
    ]
    notes.legend(handles=handles, loc="upper center", ncols=5, frameon=False)
    notes.text(0.5, 0.05, FOOTNOTE, ha="center", va="bottom", fontsize=8, color="#555555")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, metadata=METADATA[fmt], dpi=100)
    return buffer.getvalue()


def _count(counts: TermCounts, attribute: str) -> int:
    if attribute == "implemented":
        return counts.implemented + counts.partially_implemented
    return int(getattr(counts, attribute))


def _counts(
    ax: Axes, positions: list[int], sides: list[tuple[TermCounts, TermCounts]], attribute: str
) -> None:
    """Two bars per group, each labelled with its number; "Umgesetzt" stacks the partially
    implemented measures, hatched, on the fully implemented ones."""
    largest = 1
    for index, (offset, colour) in enumerate(zip(OFFSETS, COLOURS, strict=True)):
        y = [p + offset for p in positions]
        counts = [pair[index] for pair in sides]
        if attribute == "implemented":
            full = [n.implemented for n in counts]
            partial = [n.partially_implemented for n in counts]
            ax.barh(y, full, height=BAR, color=colour)
            ax.barh(
                y,
                partial,
                left=full,
                height=BAR,
                color=colour,
                hatch="////",
                hatchcolor="white",
                linewidth=0,
            )
        else:
            ax.barh(y, [_count(n, attribute) for n in counts], height=BAR, color=colour)
        for y_, n in zip(y, counts, strict=True):
            value = _count(n, attribute)
            largest = max(largest, value)
            ax.text(value + 0.08, y_, str(value), va="center", fontsize=7.5, color="#333333")
    ax.set_xlim(0, largest * 1.18 + 0.3)
    locator = ax.xaxis.get_major_locator()
    assert isinstance(locator, MaxNLocator)  # an axis's default, AutoLocator, is one
    locator.set_params(integer=True)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)


def _rates(
    ax: Axes,
    positions: list[int],
    sides: list[tuple[TermCounts, TermCounts]],
    totals: tuple[TermCounts, TermCounts],
) -> None:
    """Each group's implementation rate in both cycles, joined by a line; the rate of all
    groups dashed. A group without evaluated measures in a cycle has no point there."""
    for y, (before, after) in zip(positions, sides, strict=True):
        rates = [before.implementation_rate, after.implementation_rate]
        earlier, later = rates
        if earlier is not None and later is not None:
            change = UP if later > earlier else DOWN if later < earlier else SAME
            ax.plot([100 * earlier, 100 * later], [y, y], color=change, linewidth=2.5, zorder=1)
        for rate, colour in zip(rates, COLOURS, strict=True):
            if rate is not None:
                ax.scatter(
                    [100 * rate],
                    [y],
                    s=46,
                    color=colour,
                    edgecolors="#08306b",
                    linewidths=0.6,
                    zorder=2,
                )
        label = " → ".join("–" if r is None else f"{100 * r:.0f} %" for r in rates)
        ax.text(
            1.02,
            y,
            label,
            transform=ax.get_yaxis_transform(),
            va="center",
            fontsize=8,
            color="#333333",
        )
    for total, colour in zip(totals, COLOURS, strict=True):
        if total.implementation_rate is not None:
            ax.axvline(100 * total.implementation_rate, color=colour, linestyle="--", linewidth=1.2)
    summary = " → ".join(
        "–" if t.implementation_rate is None else f"{100 * t.implementation_rate:.0f} %"
        for t in totals
    )
    ax.set_title(f"Umsetzungsquote in %\nalle Arbeitsgruppen {summary}")
    ax.set_xlim(-4, 104)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
