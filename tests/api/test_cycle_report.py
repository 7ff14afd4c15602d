"""`sozialplanung report cycles` and GET /reports/cycles/{from}-{to}.svg on the demo data."""

from __future__ import annotations

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
