"""`sozialplanung report cycles` and GET /reports/cycles/{from}-{to}.svg|.csv on the demo data."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from sozialplanung.cli import main

from .conftest import DemoService
from .test_cycle_comparison import comparison

SVG = "{http://www.w3.org/2000/svg}svg"


def test_report_prints_the_table_and_writes_png_and_svg(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "charts"
    CliRunner().invoke(main, ["--data-dir", str(data), "demo"])
    result = CliRunner().invoke(
        main, ["--data-dir", str(data), "report", "cycles", "1", "2", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "AG 13 Flucht (neu)" in result.output
    summe = next(line for line in result.output.splitlines() if line.startswith("Summe"))
    assert summe.split()[1:3] == ["7→5", "5→5"]  # proposed, adopted: cycle 1 → cycle 2
    png, svg = out / "cycles-1-2.png", out / "cycles-1-2.svg"
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert ET.fromstring(svg.read_bytes()).tag == SVG
    spreadsheet = (out / "cycles-1-2.csv").read_bytes()
    assert spreadsheet.startswith("\ufeffArbeitsgruppe;".encode())


def test_report_of_an_unknown_cycle_fails_and_writes_nothing(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "charts"
    CliRunner().invoke(main, ["--data-dir", str(data), "demo"])
    result = CliRunner().invoke(
        main, ["--data-dir", str(data), "report", "cycles", "1", "9", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "no cycle 9" in result.output
    assert not out.exists()


def test_the_chart_is_served_as_svg_with_the_groups_of_the_comparison(demo: DemoService) -> None:
    response = demo.analyst.as_(None).http.get("/reports/cycles/1-2.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert ET.fromstring(response.content).tag == SVG
    for row in comparison(demo.analyst, 1, 2)["rows"]:
        assert row["workingGroup"]["name"] in response.text


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
        "0,500",
        "0,600",
    )


def test_only_svg_and_csv_are_served(demo: DemoService) -> None:
    assert demo.analyst.http.get("/reports/cycles/1-2.pdf").status_code == 404
    assert demo.analyst.http.get("/reports/cycles/1-9.csv").status_code == 404
