"""Zyklusvergleich for people: the comparison with the names it refers to, as a table."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..projections.comparison import Comparison, GroupRow, compare
from ..projections.queries import ReadQueries
from ..projections.statistics import TermCounts

# (column heading, TermCounts attribute) in the order a reader follows a measure's life.
COLUMNS = [
    ("vorgeschl.", "proposed"),
    ("beschl.", "adopted"),
    ("abgel.", "rejected"),
    ("bewertet", "evaluated"),
    ("umges.", "implemented"),
    ("teilw.", "partially_implemented"),
    ("fortgef.", "carried_forward"),
]
TOP_FACTORS = 5
# The spreadsheet spells out every count of the API's CycleStatistics.
SPREADSHEET_COLUMNS = [
    ("vorgeschlagen", "proposed"),
    ("beschlossen", "adopted"),
    ("abgelehnt", "rejected"),
    ("umgesetzt", "implemented"),
    ("teilweise umgesetzt", "partially_implemented"),
    ("nicht umgesetzt", "not_implemented"),
    ("fortgeführt", "carried_forward"),
    ("abgeschlossen", "completed"),
    ("eingestellt", "dropped"),
    ("zurückgezogen", "withdrawn"),
]


class UnknownCycle(LookupError):
    def __init__(self, number: int):
        super().__init__(f"There is no cycle {number}.")
        self.number = number


@dataclass
class CycleReport:
    comparison: Comparison
    labels: tuple[str, str]  # the cycles' labels, e.g. "2011–2013"
    group_names: dict[str, str]
    measure_titles: dict[str, str]

    def group_label(self, row: GroupRow) -> str:
        name = self.group_names.get(str(row.working_group_id), "?")
        if row.focus_from is None:
            return f"{name} (neu)"
        if row.focus_to is not None and row.focus_to != row.focus_from:
            return f"{name} (Schwerpunkt neu)"
        return name


def cycle_report(queries: ReadQueries, from_number: int, to_number: int) -> CycleReport:
    cycles = queries.cycles.by_numbers([from_number, to_number])
    for number in (from_number, to_number):
        if number not in cycles:
            raise UnknownCycle(number)
    comparison = compare(queries, from_number, to_number)
    groups = queries.bodies.by_ids([str(r.working_group_id) for r in comparison.rows])
    carried = queries.measures.by_ids(comparison.carried_forward)
    return CycleReport(
        comparison,
        (cycles[from_number]["label"], cycles[to_number]["label"]),
        {key: row["name"] for key, row in groups.items()},
        {key: row["title"] for key, row in carried.items()},
    )


def table(report: CycleReport) -> str:
    """The comparison as plain text: one line per working group, "from → to" in each cell."""
    c = report.comparison
    rows = [(report.group_label(r), r) for r in c.rows] + [("Summe", c.totals)]
    width = max(len(label) for label, _ in rows)
    cell = 9
    lines = [
        f"Zyklus {c.from_number} ({report.labels[0]}) → Zyklus {c.to_number} ({report.labels[1]})",
        "",
        f"{'Arbeitsgruppe':<{width}}  " + "".join(f"{h:>{cell}}" for h, _ in COLUMNS),
    ]
    for label, row in rows:
        if label == "Summe":
            lines.append("-" * (width + 2 + cell * len(COLUMNS)))
        lines.append(
            f"{label:<{width}}  "
            + "".join(f"{_pair(row.from_counts, row.to_counts, a):>{cell}}" for _, a in COLUMNS)
        )
    shifted = [r for r in c.rows if r.focus_from and r.focus_to and r.focus_from != r.focus_to]
    if shifted:
        lines += ["", "Schwerpunkt verschoben:"]
        lines += [f"  {report.group_label(r)}: {r.focus_from} → {r.focus_to}" for r in shifted]
    lines += ["", f"Fortgeführt in Zyklus {c.to_number}: {len(c.carried_forward)}"]
    lines += sorted(f"  {report.measure_titles.get(m, m)}" for m in c.carried_forward)
    for heading, factors in (("Hemmnisse", c.obstacles), ("Gelingensfaktoren", c.enablers)):
        lines += ["", f"{heading} (häufigste; Zyklus {c.from_number} / {c.to_number}):"]
        lines += [f"  {a:>3} / {b:<3} {text}" for text, a, b in factors[:TOP_FACTORS]] or ["  –"]
    return "\n".join(lines)


def _pair(a: TermCounts, b: TermCounts, attribute: str) -> str:
    return f"{getattr(a, attribute)}→{getattr(b, attribute)}"


def spreadsheet(report: CycleReport) -> str:
    """The comparison as CSV for Excel or LibreOffice in a German locale: semicolons,
    decimal commas, a row per working group and one for the sum, each count per cycle."""
    c = report.comparison
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    a, b = f"Zyklus {c.from_number}", f"Zyklus {c.to_number}"
    header = ["Arbeitsgruppe", f"Schwerpunkt {a}", f"Schwerpunkt {b}"]
    for heading, _ in [*SPREADSHEET_COLUMNS, ("Umsetzungsquote", "")]:
        header += [f"{heading} {a}", f"{heading} {b}"]
    writer.writerow(header)
    rows = [(report.group_label(r), r) for r in c.rows] + [("Summe", c.totals)]
    for label, row in rows:
        cells: list[str | int] = [inert(label), inert(row.focus_from), inert(row.focus_to)]
        for _, attribute in SPREADSHEET_COLUMNS:
            cells += [getattr(row.from_counts, attribute), getattr(row.to_counts, attribute)]
        cells += [_rate(row.from_counts), _rate(row.to_counts)]
        writer.writerow(cells)
    return out.getvalue()


# A cell a spreadsheet would read as a formula ("=HYPERLINK(…)", "@SUM(…)", "+1", "-1") or
# that starts with a tab or carriage return (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str | None) -> str:
    """Text from the views as a spreadsheet cell that stays text: a leading apostrophe
    keeps Excel and LibreOffice from evaluating it (and is not shown by them)."""
    if not text:
        return ""
    return "'" + text if text.startswith(FORMULA_START) else text


def _rate(counts: TermCounts) -> str:
    rate = counts.implementation_rate
    return "" if rate is None else f"{rate:.3f}".replace(".", ",")
