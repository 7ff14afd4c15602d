"""complianceReport and `sozialplanung check` on the demo data."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sozialplanung.cli import main
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy
from .client import GraphQLClient
from .conftest import DemoService

LG_KINDERARMUT = "Lenkungsgruppe Prävention von Kinderarmut"
LG_WOHNEN = "Lenkungsgruppe Wohnungsnotfallhilfe"
WOHNUNGSNOT = "Wohnungsnotfallhilfe und Prävention von Wohnungslosigkeit"
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


def test_the_pandemic_year_without_a_held_meeting_is_flagged(demo: DemoService) -> None:
    found = report(demo.analyst, "2021-10-31")["meetingFrequency"]
    assert [(f["year"], f["held"], f["cancelled"]) for f in found] == [(2015, 3, 0), (2020, 0, 2)]


def test_measures_proposed_without_political_discussion_are_flagged(demo: DemoService) -> None:
    found = report(demo.analyst, "2016-06-30")["undiscussedMeasures"]
    assert {(m["measure"]["title"], m["proposedOn"], m["months"]) for m in found} == {
        ("Kinderarmutsbericht je Sozialraum", "2015-09-10", 9),
        ("Mietschuldenprävention", "2015-09-10", 9),
    }
    assert report(demo.analyst, "2016-06-30", months=12)["undiscussedMeasures"] == []
    # Both were decided in the committee on 2016-09-29, after a year of waiting.
    assert report(demo.analyst, "2016-09-29")["undiscussedMeasures"] == []


def test_measures_proposed_between_conferences_waited_through_the_pandemic(
    demo: DemoService,
) -> None:
    found = report(demo.analyst, "2021-10-31")["undiscussedMeasures"]
    assert {(m["measure"]["title"], m["proposedOn"], m["months"]) for m in found} == {
        ("Digitale Endgeräte für Schulkinder", "2020-10-15", 12),
        ("Digitale Sprechstunden der Beratungsstellen", "2020-10-15", 12),
    }


def test_the_steering_groups_topic_and_the_conference_fall_due(demo: DemoService) -> None:
    early = report(demo.analyst, "2014-06-30")
    assert early["dormantTopics"] == [] and early["conferencesOverdue"] == []
    pandemic = report(demo.analyst, "2021-10-31")
    (topic,) = pandemic["dormantTopics"]
    assert topic["topic"] == "Prävention von Kinderarmut"
    assert (topic["lastBroughtOn"], topic["months"]) == ("2019-11-21", 23)
    assert topic["body"]["name"] == "Lenkungsgruppe Prävention von Kinderarmut"
    (conference,) = pandemic["conferencesOverdue"]
    assert (conference["lastHeldOn"], conference["months"]) == ("2019-09-05", 25)
    # The postponed conference met on 2022-03-24; FB 45 was back in the committee in 2021.
    after = report(demo.analyst, "2022-06-30")
    assert after["dormantTopics"] == [] and after["conferencesOverdue"] == []


def test_as_of_the_demos_today_a_topic_and_three_measures_wait(demo: DemoService) -> None:
    today = report(demo.analyst, "2026-11-25")
    (topic,) = today["dormantTopics"]
    assert topic["body"]["name"] == "Lenkungsgruppe Wohnungsnotfallhilfe"
    assert (topic["lastBroughtOn"], topic["months"]) == ("2025-10-23", 13)
    assert today["conferencesOverdue"] == []
    assert {
        (m["measure"]["title"], m["measure"]["status"], m["months"])
        for m in today["undiscussedMeasures"]
    } == {
        ("Hitzeschutz für ältere Menschen", "PROPOSED", 14),
        ("Trinkbrunnen und kühle Orte in Aachen-Ost", "PROPOSED", 14),
        # referred to a paper whose committee session (2026-12-10) is still to come
        ("Digitale Teilhabe im Alter", "IN_DELIBERATION", 14),
    }


def test_the_flat_findings_list_every_finding_with_its_subject(demo: DemoService) -> None:
    found = report(demo.analyst, "2021-10-31")
    rules = [f["rule"] for f in found["findings"]]
    assert rules == (
        ["MEETING_FREQUENCY"] * 2
        + ["TOPIC_NOT_IN_COMMITTEE", "CONFERENCE_OVERDUE"]
        + ["MEASURE_NOT_DISCUSSED"] * 2
    )
    assert found["findings"][0]["subjectId"] == demo.global_id("Body", "ak")
    assert found["findings"][2]["subjectId"] == demo.global_id("Body", "lg")
    assert found["findings"][3]["subjectId"] == demo.global_id("Body", "sk")
    assert {f["subjectId"] for f in found["findings"][4:]} == {
        demo.global_id("Measure", "endgeraete"),
        demo.global_id("Measure", "sprechstunden"),
    }


AK = "Arbeitskreis Sozialplanung met"
LATE = "last brought to a political committee on"
PLANTED = {
    ("MEETING_FREQUENCY", f"{AK} 3 time(s) in 2015 (0 cancelled)"),
    ("MEETING_FREQUENCY", f"{AK} 0 time(s) in 2020 (2 cancelled)"),
    (
        "TOPIC_NOT_IN_COMMITTEE",
        f"Topic 'Prävention von Kinderarmut' of {LG_KINDERARMUT}: {LATE} 2019-11-21",
    ),
    ("TOPIC_NOT_IN_COMMITTEE", f"Topic '{WOHNUNGSNOT}' of {LG_WOHNEN}: {LATE} 2025-10-23"),
    ("CONFERENCE_OVERDUE", "Sozialkonferenz: last held on 2019-09-05"),
    ("MEASURE_NOT_DISCUSSED", "Measure 'Kinderarmutsbericht je Sozialraum'"),
    ("MEASURE_NOT_DISCUSSED", "Measure 'Mietschuldenprävention'"),
    ("MEASURE_NOT_DISCUSSED", "Measure 'Digitale Endgeräte für Schulkinder'"),
    ("MEASURE_NOT_DISCUSSED", "Measure 'Digitale Sprechstunden der Beratungsstellen'"),
    ("MEASURE_NOT_DISCUSSED", "Measure 'Hitzeschutz für ältere Menschen'"),
    ("MEASURE_NOT_DISCUSSED", "Measure 'Trinkbrunnen und kühle Orte in Aachen-Ost'"),
    ("MEASURE_NOT_DISCUSSED", "Measure 'Digitale Teilhabe im Alter'"),
}


def test_the_demo_deviates_from_the_paper_only_where_its_story_says(demo: DemoService) -> None:
    """Every quarter from 2011 to the demo's today, the findings are those the demo planted
    (README: "Demo data") and no others."""
    days = [f"{y}-{m}" for y in range(2011, 2027) for m in ("03-31", "06-30", "09-30", "12-31")]
    seen = set()
    for day in [d for d in days if d <= "2026-11-25"] + ["2026-11-25"]:
        for finding in report(demo.analyst, day)["findings"]:
            message = finding["message"]
            seen.add((finding["rule"], message.split(";")[0].split(",")[0]))
    assert seen == PLANTED


def test_coordinators_may_read_the_report_the_public_may_not(demo: DemoService) -> None:
    coordinator = demo.analyst.as_(demo.app.tokens.create("COORDINATOR", "c", demo.ids["fb50"]))
    assert report(coordinator, "2016-06-30")["asOf"] == "2016-06-30"
    member = demo.analyst.as_(demo.app.tokens.create("MEMBER", "m", demo.ids["fb50"]))
    assert member.error_codes(REPORT, asOf="2016-06-30") == ["FORBIDDEN"]
    assert demo.analyst.as_(None).error_codes(REPORT, asOf="2016-06-30") == ["UNAUTHENTICATED"]


def test_negative_months_are_refused(demo: DemoService) -> None:
    assert demo.analyst.error_codes(REPORT, asOf="2016-06-30", months=-1) == ["VALIDATION"]


def test_check_exits_1_with_findings_and_0_without(tmp_path: Path, demo_copy: DemoCopy) -> None:
    data = tmp_path / "data"
    demo_copy.restore(Settings(data_dir=data))
    flagged = CliRunner().invoke(main, ["--data-dir", str(data), "check", "--as-of", "2016-06-30"])
    assert flagged.exit_code == 1
    assert "MEETING_FREQUENCY" in flagged.output and "in 2015" in flagged.output
    assert "3 finding(s)" in flagged.output
    clean = CliRunner().invoke(main, ["--data-dir", str(data), "check", "--as-of", "2012-06-30"])
    assert clean.exit_code == 0, clean.output
    assert "0 finding(s)" in clean.output
    today = CliRunner().invoke(main, ["--data-dir", str(data), "check", "--as-of", "2026-11-25"])
    assert today.exit_code == 1 and "6 finding(s)" in today.output
    assert "Lenkungsgruppe Wohnungsnotfallhilfe" in today.output
