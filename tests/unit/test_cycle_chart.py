"""The cycle comparison as a table and a chart, from a hand-built comparison (no I/O)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import matplotlib.image

from sozialplanung.projections.comparison import Comparison, GroupRow
from sozialplanung.projections.statistics import TermCounts
from sozialplanung.reports.chart import chart
from sozialplanung.reports.cycles import CycleReport, table

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def report() -> CycleReport:
    rows = [
        GroupRow(
            "g1",
            "Kinderarmut",
            "Kinderarmut",
            TermCounts(proposed=3, adopted=2),
            TermCounts(proposed=1, adopted=1),
        ),
        GroupRow(
            "g2",
            "Wohnen",
            "Bezahlbarer Wohnraum",
            TermCounts(proposed=1),
            TermCounts(proposed=2, adopted=2, implemented=1),
        ),
        GroupRow("g3", None, "Flucht", TermCounts(), TermCounts(proposed=4, adopted=3)),
    ]
    totals = GroupRow(
        None,
        None,
        None,
        TermCounts(proposed=4, adopted=2),
        TermCounts(proposed=7, adopted=6, implemented=1),
    )
    comparison = Comparison(1, 2, rows, totals, ["m1"], [("Personalmangel", 2, 1)], [])
    return CycleReport(
        comparison,
        ("2011–2013", "2013–2015"),
        {"g1": "AG 1 Kinderarmut", "g2": "AG 4 Wohnen", "g3": "AG 13 Flucht"},
        {"m1": "Familienzentren"},
    )


def test_the_png_is_a_readable_image() -> None:
    png = chart(report(), "png")
    assert png.startswith(PNG_SIGNATURE)
    pixels = matplotlib.image.imread(io.BytesIO(png), format="png")
    height, width = pixels.shape[:2]
    assert width == 1300 and height > 200


def test_the_svg_is_svg_and_names_every_group() -> None:
    svg = chart(report(), "svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = svg.decode()
    for label in ("AG 1 Kinderarmut", "AG 4 Wohnen (Schwerpunkt neu)", "AG 13 Flucht (neu)"):
        assert label in text
    # the sums in the count panels' titles, each group's rate and the rate of all groups
    assert "Summe 4 → 7" in text and "Summe 2 → 6" in text and "Summe 0 → 1" in text
    assert "– → 100 %" in text  # AG 4 Wohnen: nothing evaluated in cycle 1
    assert "alle Arbeitsgruppen – → 100 %" in text


def test_the_same_comparison_gives_the_same_files() -> None:
    assert chart(report(), "svg") == chart(report(), "svg")
    assert chart(report(), "png") == chart(report(), "png")


def test_the_table_shows_each_group_the_totals_and_the_carried_measures() -> None:
    lines = table(report()).splitlines()
    row = next(line for line in lines if line.startswith("AG 4 Wohnen"))
    assert row.split()[-7:] == ["1→2", "0→2", "0→0", "0→1", "0→1", "0→0", "0→0"]
    assert next(line for line in lines if line.startswith("Summe")).split()[1] == "4→7"
    assert "  Familienzentren" in lines
    assert "  AG 4 Wohnen (Schwerpunkt neu): Wohnen → Bezahlbarer Wohnraum" in lines
    assert any("Personalmangel" in line and "2 / 1" in line for line in lines)
