"""complianceReport and `sozialplanung check` on the demo data."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sozialplanung.cli import main

from .client import GraphQLClient
from .conftest import DemoService

REPORT = """query($asOf: Date, $months: Int) {
  complianceReport(asOf: $asOf, undiscussedAfterMonths: $months) {
    asOf undiscussedAfterMonths
    meetingFrequency { year held cancelled body { name } }
    dormantTopics { topic lastBroughtOn months body { name } }
    conferencesOverdue { lastHeldOn months body { name } }
    undiscussedMeasures { proposedOn months measure { title status } }
    findings { rule subjectId message } } }"""


def report(api: GraphQLClient, as_of: str, months: int = 6) -> dict:
    return api.data(REPORT, asOf=as_of, months=months)["complianceReport"]


def test_the_arbeitskreis_meeting_three_times_in_2015_is_flagged(demo: DemoService) -> None:
    found = report(demo.analyst, "2016-06-30")
    assert [(f["year"], f["held"]) for f in found["meetingFrequency"]] == [(2015, 3)]
    assert found["meetingFrequency"][0]["body"]["name"] == "Arbeitskreis Sozialplanung"


def test_2014_with_one_held_and_one_cancelled_meeting_complies(demo: DemoService) -> None:
    assert report(demo.analyst, "2015-01-15")["meetingFrequency"] == []


def test_measures_proposed_without_political_discussion_are_flagged(demo: DemoService) -> None:
    found = report(demo.analyst, "2016-06-30")["undiscussedMeasures"]
    assert {(m["measure"]["title"], m["proposedOn"], m["months"]) for m in found} == {
        ("Kinderarmutsbericht je Sozialraum", "2015-09-17", 9),
        ("Mietschuldenprävention", "2015-09-17", 9),
    }
    assert report(demo.analyst, "2016-06-30", months=12)["undiscussedMeasures"] == []


def test_the_steering_groups_topic_and_the_conference_fall_due(demo: DemoService) -> None:
    early = report(demo.analyst, "2014-06-30")
    assert early["dormantTopics"] == [] and early["conferencesOverdue"] == []
    late = report(demo.analyst, "2018-01-01")
    (topic,) = late["dormantTopics"]
    assert topic["topic"] == "Prävention von Kinderarmut"
    assert topic["lastBroughtOn"] == "2013-11-24"
    (conference,) = late["conferencesOverdue"]
    assert conference["lastHeldOn"] == "2015-09-17" and conference["months"] == 27


def test_the_flat_findings_list_every_finding_with_its_subject(demo: DemoService) -> None:
    found = report(demo.analyst, "2016-06-30")
    rules = [f["rule"] for f in found["findings"]]
    assert rules == ["MEETING_FREQUENCY", "TOPIC_NOT_IN_COMMITTEE"] + ["MEASURE_NOT_DISCUSSED"] * 2
    assert found["findings"][0]["subjectId"] == demo.global_id("Body", "ak")


def test_coordinators_may_read_the_report_the_public_may_not(demo: DemoService) -> None:
    coordinator = demo.analyst.as_(demo.app.tokens.create("COORDINATOR", "c", demo.ids["fb50"]))
    assert report(coordinator, "2016-06-30")["asOf"] == "2016-06-30"
    member = demo.analyst.as_(demo.app.tokens.create("MEMBER", "m", demo.ids["fb50"]))
    assert member.error_codes(REPORT, asOf="2016-06-30") == ["FORBIDDEN"]
    assert demo.analyst.as_(None).error_codes(REPORT, asOf="2016-06-30") == ["UNAUTHENTICATED"]


def test_negative_months_are_refused(demo: DemoService) -> None:
    assert demo.analyst.error_codes(REPORT, asOf="2016-06-30", months=-1) == ["VALIDATION"]


def test_check_exits_1_with_findings_and_0_without(tmp_path: Path) -> None:
    data = tmp_path / "data"
    CliRunner().invoke(main, ["--data-dir", str(data), "demo"])
    flagged = CliRunner().invoke(main, ["--data-dir", str(data), "check", "--as-of", "2016-06-30"])
    assert flagged.exit_code == 1
    assert "MEETING_FREQUENCY" in flagged.output and "in 2015" in flagged.output
    assert "4 finding(s)" in flagged.output
    clean = CliRunner().invoke(main, ["--data-dir", str(data), "check", "--as-of", "2012-06-30"])
    assert clean.exit_code == 0, clean.output
    assert "0 finding(s)" in clean.output
