"""`sozialplanung report cycles` and GET /reports/cycles/{from}-{to}.svg|.csv on the demo data."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from sozialplanung.cli import main
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy
from .conftest import DemoService
from .test_cycle_comparison import comparison

SVG = "{http://www.w3.org/2000/svg}svg"


def test_report_prints_the_table_and_writes_png_and_svg(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    data, out = tmp_path / "data", tmp_path / "charts"
    demo_copy.restore(Settings(data_dir=data))
    result = CliRunner().invoke(
        main, ["--data-dir", str(data), "report", "cycles", "5", "6", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Zyklus 5 (2019–2021) → Zyklus 6 (2021–2023)"
    assert "AG 6 Alter (Schwerpunkt neu)" in result.output
    summe = next(line for line in lines if line.startswith("Summe"))
    # proposed, adopted, rejected, evaluated, implemented, partially, carried: 5 → 6
    assert summe.split()[1:] == ["44→31", "37→24", "5→8", "37→24", "8→12", "10→6", "11→6"]
    carried = lines[lines.index("Fortgeführt in Zyklus 6: 11") + 1 :][:11]
    assert (
        carried == sorted(carried)
        and "  Housing First Aachen: Wohnungen aus dem Bestand" in carried
    )
    assert "   22 / 7   Kontaktbeschränkungen in der Pandemie" in lines
    png, svg = out / "cycles-5-6.png", out / "cycles-5-6.svg"
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert ET.fromstring(svg.read_bytes()).tag == SVG
    spreadsheet = (out / "cycles-5-6.csv").read_bytes()
    assert spreadsheet.startswith("\ufeffArbeitsgruppe;".encode())


def test_report_of_an_unknown_cycle_fails_and_writes_nothing(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    data, out = tmp_path / "data", tmp_path / "charts"
    demo_copy.restore(Settings(data_dir=data))
    result = CliRunner().invoke(
        main, ["--data-dir", str(data), "report", "cycles", "1", "9", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "no cycle 9" in result.output
    assert not out.exists()


def test_the_chart_is_served_as_svg_with_the_groups_of_the_comparison(demo: DemoService) -> None:
    response = demo.analyst.as_(None).http.get("/reports/cycles/2-3.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert ET.fromstring(response.content).tag == SVG
    rows = comparison(demo.analyst, 2, 3)["rows"]
    assert len(rows) == 13
    for row in rows:
        assert row["workingGroup"]["name"] in response.text
    assert "AG 13 Flucht (neu)" in response.text
    # the sums in the panels' titles and the implementation rates of all groups
    assert "Summe 37 → 37" in response.text
    assert "alle Arbeitsgruppen 58 % → 74 %" in response.text
    assert response.content == demo.analyst.as_(None).http.get("/reports/cycles/2-3.svg").content


def test_the_chart_route_answers_400_and_404(demo: DemoService) -> None:
    http = demo.analyst.http
    assert http.get("/reports/cycles/1-x.svg").status_code == 400
    assert http.get("/reports/cycles/12.svg").status_code == 400
    missing = http.get("/reports/cycles/1-9.svg")
    assert missing.status_code == 404 and "no cycle 9" in missing.text


# (CSV heading, CycleStatistics field) — every count the API gives, spelled out in German.
COUNTS = [
    ("vorgeschlagen", "proposed"),
    ("beschlossen", "adopted"),
    ("abgelehnt", "rejected"),
    ("umgesetzt", "implemented"),
    ("teilweise umgesetzt", "partiallyImplemented"),
    ("nicht umgesetzt", "notImplemented"),
    ("fortgeführt", "carriedForward"),
    ("abgeschlossen", "completed"),
    ("eingestellt", "dropped"),
    ("zurückgezogen", "withdrawn"),
]


def test_the_spreadsheet_holds_the_figures_of_the_api_cell_for_cell(demo: DemoService) -> None:
    response = demo.analyst.as_(None).http.get("/reports/cycles/1-2.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="cycles-1-2.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    stats = " ".join(field for _, field in COUNTS)
    api = demo.analyst.data(
        f"{{ cycleComparison(from: 1, to: 2) {{ rows {{ workingGroup {{ name }} "
        f"from {{ {stats} }} to {{ {stats} }} }} "
        f"totals {{ from {{ {stats} }} to {{ {stats} }} }} }} }}"
    )["cycleComparison"]
    expected = [(row["workingGroup"]["name"], row) for row in api["rows"]]
    expected.append(("Summe", api["totals"]))
    assert len(rows) == len(expected)
    for cells, (name, row) in zip(rows, expected, strict=True):
        assert cells["Arbeitsgruppe"].startswith(name)
        for heading, field in COUNTS:
            assert int(cells[f"{heading} Zyklus 1"]) == row["from"][field], (name, heading)
            assert int(cells[f"{heading} Zyklus 2"]) == row["to"][field], (name, heading)
    summe = rows[-1]
    assert (summe["Umsetzungsquote Zyklus 1"], summe["Umsetzungsquote Zyklus 2"]) == (
        "0,564",
        "0,579",
    )


def test_only_svg_and_csv_are_served(demo: DemoService) -> None:
    assert demo.analyst.http.get("/reports/cycles/1-2.pdf").status_code == 404
    assert demo.analyst.http.get("/reports/cycles/1-9.csv").status_code == 404
