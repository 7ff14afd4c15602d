"""The bodies' routine at the cadence the paper names, with the deviations the compliance
report finds (all dates illustrative):

- Arbeitskreis Sozialplanung, "ein- bis zweimal jährlich": three meetings in 2015 (a
  special session on the arrival of refugees), none in 2020 (both cancelled in the
  pandemic); 2014 has one held and one cancelled meeting, which complies.
- Lenkungsgruppen, "von diesen selbst festgelegt": the paper's Lenkungsgruppe Prävention von
  Kinderarmut (FB 45) and a second one on Wohnungsnotfallhilfe (FB 64, from 2016).
- "mindestens aber einmal jährlich … in die Fachausschüsse": each Lenkungsgruppe's lead
  department reports to the committee every spring; FB 45 skipped 2020 and 2021, FB 64's
  report of 2026 is only scheduled for December.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from ..domain.body import cadence
from .recorder import Consultation, DemoRecorder

AK_ATTENDEES = ("fb50", "fb45", "jobcenter", "gesundheitsamt", "anna")
# Arbeitskreis Sozialplanung: held meetings, and cancelled ones (date, cancelled on).
ARBEITSKREIS = (
    date(2011, 11, 10),
    date(2012, 5, 15),
    date(2012, 11, 20),
    date(2013, 6, 12),
    date(2014, 3, 5),
    date(2015, 2, 10),
    date(2015, 6, 16),
    date(2015, 10, 27),  # Sondersitzung: Aufnahme Geflüchteter
    date(2016, 4, 12),
    date(2016, 11, 8),
    date(2017, 3, 14),
    date(2017, 10, 24),
    date(2018, 5, 8),
    date(2019, 2, 12),
    date(2019, 6, 25),
    date(2021, 6, 15),
    date(2021, 11, 16),
    date(2022, 4, 26),
    date(2022, 10, 18),
    date(2023, 3, 21),
    date(2023, 11, 7),
    date(2024, 5, 14),
    date(2024, 11, 12),
    date(2025, 3, 18),
    date(2025, 6, 24),
    date(2026, 3, 17),
    date(2026, 10, 20),
)
ARBEITSKREIS_CANCELLED = (
    (date(2014, 10, 1), date(2014, 9, 20)),
    (date(2020, 3, 24), date(2020, 3, 16)),
    (date(2020, 11, 10), date(2020, 10, 29)),
)
KINDERARMUT = (
    date(2012, 4, 18),
    date(2013, 2, 6),
    date(2014, 5, 14),
    date(2015, 3, 11),
    date(2015, 11, 18),
    date(2016, 5, 25),
    date(2017, 5, 10),
    date(2018, 2, 21),
    date(2018, 9, 19),
    date(2019, 5, 15),
    date(2021, 9, 22),
    date(2022, 3, 9),
    date(2023, 1, 25),
    date(2023, 6, 14),
    date(2024, 4, 17),
    date(2025, 2, 19),
    date(2026, 5, 6),
)
WOHNEN_ESTABLISHED = date(2016, 3, 1)
WOHNEN = (
    date(2016, 4, 20),
    date(2016, 10, 12),
    date(2017, 3, 29),
    date(2017, 10, 11),
    date(2018, 4, 18),
    date(2019, 3, 27),
    date(2019, 10, 9),
    date(2020, 9, 16),
    date(2021, 3, 17),
    date(2021, 10, 6),
    date(2022, 6, 22),
    date(2023, 3, 15),
    date(2023, 10, 18),
    date(2024, 4, 10),
    date(2025, 3, 26),
    date(2026, 4, 15),
)
# The committee's spring sessions with the Lenkungsgruppen's reports (each within twelve
# months of the one before).
REPORT_SESSIONS = (
    date(2012, 6, 21),
    date(2013, 6, 20),
    date(2014, 6, 19),
    date(2015, 6, 18),
    date(2016, 6, 16),
    date(2017, 6, 15),
    date(2018, 6, 14),
    date(2019, 6, 13),
    date(2020, 6, 11),
    date(2021, 6, 10),
    date(2022, 6, 9),
    date(2023, 6, 1),
    date(2024, 5, 30),
    date(2025, 5, 22),
    date(2026, 5, 21),
)
KINDERARMUT_SKIPPED = (2020, 2021)
WOHNEN_REPORT_2026 = date(2026, 12, 10)  # with the cycle's later paper; not yet held


def plan(demo: DemoRecorder) -> None:
    arbeitskreis(demo)
    lenkungsgruppen(demo)
    topic_reports(demo)


def arbeitskreis(demo: DemoRecorder) -> None:
    for on in ARBEITSKREIS:
        title = f"Arbeitskreis Sozialplanung {on:%d.%m.%Y}"
        if on == date(2015, 10, 27):
            title = "Arbeitskreis Sozialplanung: Sondersitzung Aufnahme Geflüchteter"
        announced = on - timedelta(days=28)
        demo.at(
            on,
            title,
            partial(demo.meeting, "ak", title, on, attendees=AK_ATTENDEES, announced=announced),
        )
    for on, cancelled in ARBEITSKREIS_CANCELLED:
        title = f"Arbeitskreis Sozialplanung {on:%d.%m.%Y}"
        key, announced = f"ak-{on.isoformat()}", cancelled - timedelta(days=21)
        demo.at(announced, title, partial(_announce, demo, key, title, on, announced))
        demo.at(cancelled, title, partial(_cancel, demo, key, cancelled))


def _announce(demo: DemoRecorder, key: str, title: str, on: date, announced: date) -> None:
    demo.ids[key] = demo.meeting("ak", title, on, held=False, announced=announced)


def _cancel(demo: DemoRecorder, key: str, on: date) -> None:
    demo.app.cancel_meeting(demo.meta(on), meeting=demo.ids[key])


def lenkungsgruppen(demo: DemoRecorder) -> None:
    for on in KINDERARMUT:
        title = f"Lenkungsgruppe Kinderarmut {on:%d.%m.%Y}"
        demo.at(
            on, title, partial(demo.meeting, "lg", title, on, attendees=("fb45", "fb50", "bernd"))
        )
    demo.at(
        WOHNEN_ESTABLISHED, "Lenkungsgruppe Wohnungsnotfallhilfe", partial(_establish_wohnen, demo)
    )
    for on in WOHNEN:
        title = f"Lenkungsgruppe Wohnungsnotfallhilfe {on:%d.%m.%Y}"
        demo.at(
            on,
            title,
            partial(demo.meeting, "lg-wohnen", title, on, attendees=("fb64", "fb50", "wohlfahrt")),
        )


def _establish_wohnen(demo: DemoRecorder) -> None:
    app, on = demo.app, WOHNEN_ESTABLISHED
    demo.ids["lg-wohnen"] = app.establish_body(
        demo.meta(on),
        name="Lenkungsgruppe Wohnungsnotfallhilfe",
        kind="STEERING_GROUP",
        lead=demo.ids["fb64"],
        topic="Wohnungsnotfallhilfe und Prävention von Wohnungslosigkeit",
        cadence=cadence("von der Lenkungsgruppe selbst festgelegt", self_determined=True),
    )
    for key, role in (
        ("fb64", "LEAD"),
        ("fb50", "MEMBER"),
        ("jobcenter", "MEMBER"),
        ("wohlfahrt", "MEMBER"),
    ):
        app.add_member(demo.meta(on), body=demo.ids["lg-wohnen"], member=demo.ids[key], role=role)


def topic_reports(demo: DemoRecorder) -> None:
    for index, session in enumerate(REPORT_SESSIONS):
        if session.year not in KINDERARMUT_SKIPPED:
            _report(demo, session, "fb45", "FB 45", 40 + 30 * index, "Prävention von Kinderarmut")
        if session >= WOHNEN_ESTABLISHED and session.year < WOHNEN_REPORT_2026.year:
            _report(demo, session, "fb64", "FB 64", 20 + 30 * index, "Wohnungsnotfallhilfe")
    _report(
        demo,
        WOHNEN_REPORT_2026,
        "fb64",
        "FB 64",
        20 + 30 * len(REPORT_SESSIONS),
        "Wohnungsnotfallhilfe",
    )


def _report(
    demo: DemoRecorder, session: date, lead: str, code: str, number: int, topic: str
) -> None:
    reference = f"{code}/{number:04d}/{period(session)}"
    subject = f"Sachstandsbericht {session.year} der Lenkungsgruppe {topic}"
    submitted = session - timedelta(days=35)
    demo.at(
        submitted,
        reference,
        partial(demo.submit, reference, subject, submitted, lead=lead, kind="REPORT"),
    )
    demo.consult(session, Consultation(reference, subject))


def period(on: date) -> str:
    """The council's Wahlperiode a paper of that date is numbered in."""
    if on < date(2014, 6, 1):
        return "WP16"
    if on < date(2020, 11, 1):
        return "WP17"
    return "WP18" if on < date(2025, 11, 1) else "WP19"
