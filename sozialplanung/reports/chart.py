"""The cycle comparison as a chart: per working group, the two cycles side by side.

matplotlib's object-oriented API (Figure + canvas), never pyplot: pyplot keeps global
state and is not safe in the server's worker threads.
"""

from __future__ import annotations

import io
from typing import Literal

import matplotlib
from matplotlib.figure import Figure

from .cycles import CycleReport

# Same data, same file: fixed ids in the SVG and no creation date in either format.
matplotlib.rcParams["svg.hashsalt"] = "sozialplanung"
METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}

PANELS = [
    ("Vorgeschlagen", "proposed"),
    ("Beschlossen", "adopted"),
    ("Umgesetzt (ganz/teilweise)", "implemented_any"),
]
COLOURS = ("#9ecae1", "#08519c")  # earlier cycle light, later cycle dark

Format = Literal["png", "svg"]


def chart(report: CycleReport, fmt: Format) -> bytes:
    c = report.comparison
    labels = [report.group_label(r) for r in c.rows]
    height = 1.2 + 0.42 * max(len(labels), 1)
    figure = Figure(figsize=(11, height), layout="constrained")
    axes = figure.subplots(1, len(PANELS), sharey=True)
    positions = range(len(labels))
    for ax, (title, attribute) in zip(axes, PANELS, strict=True):
        for offset, side, colour, label in (
            (-0.2, "from_counts", COLOURS[0], f"Zyklus {c.from_number} ({report.labels[0]})"),
            (0.2, "to_counts", COLOURS[1], f"Zyklus {c.to_number} ({report.labels[1]})"),
        ):
            values = [_value(getattr(row, side), attribute) for row in c.rows]
            ax.barh([p + offset for p in positions], values, height=0.38, color=colour, label=label)
        ax.set_title(title)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(list(positions), labels)
    axes[0].invert_yaxis()
    figure.suptitle(f"Maßnahmen je Arbeitsgruppe: Zyklus {c.from_number} und {c.to_number}")
    figure.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, metadata=METADATA[fmt], dpi=100)
    return buffer.getvalue()


def _value(counts: object, attribute: str) -> int:
    if attribute == "implemented_any":
        return counts.implemented + counts.partially_implemented  # type: ignore[attr-defined]
    return int(getattr(counts, attribute))
