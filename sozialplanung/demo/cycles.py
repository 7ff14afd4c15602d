"""Three illustrative Sozialkonferenz cycles (2011–2013, 2013–2015, open 2015–2017).

Sample measures in every state, evaluations with obstacles and enablers, carry-forwards, a
13th working group and a focus shift, and the routine meetings of the Arbeitskreis and the
Lenkungsgruppe. Nothing here is stated in the paper; every description says so.
"""

from __future__ import annotations

from datetime import date

from .recorder import DemoRecorder

FIRST_CONFERENCE = date(2011, 9, 15)
SECOND_CONFERENCE = date(2013, 9, 19)
THIRD_CONFERENCE = date(2015, 9, 17)


def first_cycle(demo: DemoRecorder) -> None:
    """2011–2013: seven proposals; one withdrawn, one rejected, four put into practice."""
    app, ids = demo.app, demo.ids
    on = FIRST_CONFERENCE
    demo.cycle(1, date(2011, 9, 1), date(2013, 8, 31), on, range(1, 13))
    demo.propose("m1", 1, 1, "Familienzentren in allen Sozialräumen", "fb45", on)
    demo.propose("m2", 1, 3, "Ausbildungslotsen an Hauptschulen", "jobcenter", on)
    demo.propose("m3", 1, 4, "Wohnraumbörse für Alleinerziehende", "fb64", on)
    demo.propose("m4", 1, 11, "Kostenlose Sportvereinsmitgliedschaft", "fb52", on)
    demo.propose("m5", 1, 5, "Gesundheitslotsen im Ostviertel", "gesundheitsamt", on)
    demo.propose("m6", 1, 9, "Mobile Suchtberatung", "wohlfahrt", on)
    demo.propose("m7", 1, 10, "Ehrenamtsbörse online", "ehrenamt", on)
    app.withdraw_measure(demo.meta(date(2011, 10, 1)), measure=ids["m5"])
    demo.decide_by_committee(
        "FB 50/0150/WP16",
        date(2011, 10, 20),
        {"m1": True, "m2": True, "m3": True, "m4": False, "m6": True, "m7": True},
    )
    demo.start(
        {
            "m1": date(2012, 1, 10),
            "m2": date(2012, 2, 1),
            "m6": date(2012, 3, 1),
            "m7": date(2012, 1, 15),
        }
    )
    demo.progress(
        [
            ("m1", 40, date(2012, 6, 30)),
            ("m1", 100, date(2013, 6, 30)),
            ("m2", 30, date(2012, 9, 30)),
            ("m2", 60, date(2013, 6, 30)),
            ("m6", 10, date(2012, 12, 31)),
            ("m7", 100, date(2013, 3, 31)),
        ]
    )


def second_cycle(demo: DemoRecorder) -> None:
    """2013–2015: the first cycle evaluated and closed, AG 12 refocused, AG 13 added."""
    app, ids = demo.app, demo.ids
    on = SECOND_CONFERENCE
    demo.cycle(2, date(2013, 9, 1), date(2015, 8, 31), on, range(1, 13))
    app.assign_working_group(
        demo.meta(on),
        cycle=2,
        body=ids["ag12"],
        focus="Sozialraummonitoring und Datenberichte",
    )
    ids["ag13"] = app.establish_body(
        demo.meta(on),
        name="AG 13 Flucht",
        kind="CONFERENCE_WORKING_GROUP",
        parent=ids["sk"],
        topic="Aufnahme und Teilhabe Geflüchteter",
    )
    app.assign_working_group(
        demo.meta(on), cycle=2, body=ids["ag13"], focus="Aufnahme und Teilhabe Geflüchteter"
    )
    demo.evaluate(
        on,
        "Bericht der Arbeitsgruppe an die Sozialkonferenz (illustrativ).",
        [
            (
                "m1",
                "IMPLEMENTED",
                ["Personalwechsel in zwei Zentren"],
                ["Kooperation mit Kitas", "Landesförderung"],
            ),
            (
                "m2",
                "PARTIALLY_IMPLEMENTED",
                ["Befristete Finanzierung", "Personalwechsel in zwei Zentren"],
                ["Kooperation mit Kitas"],
            ),
            (
                "m3",
                "NOT_IMPLEMENTED",
                ["Angespannter Wohnungsmarkt", "Befristete Finanzierung"],
                [],
            ),
            ("m6", "NOT_IMPLEMENTED", ["Fehlende Räume"], ["Engagierte Träger"]),
            ("m7", "IMPLEMENTED", [], ["Engagierte Träger", "Landesförderung"]),
        ],
    )
    app.complete_measure(demo.meta(on), measure=ids["m1"])
    app.complete_measure(demo.meta(on), measure=ids["m7"])
    app.drop_measure(demo.meta(on), measure=ids["m6"])
    app.carry_forward_measure(demo.meta(on), measure=ids["m2"], to_cycle=2)
    app.carry_forward_measure(
        demo.meta(on),
        measure=ids["m3"],
        to_cycle=2,
        title="Wohnraumbörse für Alleinerziehende und Familien",
        description="Erweitert um Familien mit mehreren Kindern (illustrative sample).",
    )
    app.close_cycle(demo.meta(on), cycle=1)

    demo.propose("n1", 2, 2, "Lernpatenschaften in Grundschulen", "fb45", on)
    demo.propose("n2", 2, 13, "Willkommenslotsen für Geflüchtete", "wohlfahrt", on)
    demo.propose("n3", 2, 6, "Quartierstreffs für Ältere", "fb50", on)
    demo.propose("n4", 2, 8, "Barrierefreie Beratungsstellen", "fb50", on)
    demo.decide_by_committee(
        "FB 50/0412/WP16",
        date(2013, 10, 24),
        {"n1": True, "n2": True, "n3": True, "n4": False, "m3": True},
    )
    demo.start(
        {
            "n1": date(2014, 1, 8),
            "n2": date(2014, 2, 1),
            "m3": date(2014, 3, 1),
            "m2": date(2013, 10, 1),
        }
    )
    demo.progress(
        [
            ("n1", 50, date(2014, 6, 30)),
            ("n1", 90, date(2015, 6, 30)),
            ("n2", 70, date(2015, 3, 31)),
            ("m2", 100, date(2015, 6, 30)),
            ("m3", 20, date(2015, 6, 30)),
        ]
    )


def third_cycle(demo: DemoRecorder) -> None:
    """2015–2017, still open: the second cycle evaluated, new proposals before the committee."""
    app, ids = demo.app, demo.ids
    on = THIRD_CONFERENCE
    demo.cycle(3, date(2015, 9, 1), date(2017, 8, 31), on, range(1, 14))
    demo.evaluate(
        on,
        "Bericht an die Sozialkonferenz 2015 (illustrativ).",
        [
            ("n1", "IMPLEMENTED", [], ["Kooperation mit Kitas", "Engagierte Träger"]),
            ("n2", "PARTIALLY_IMPLEMENTED", ["Befristete Finanzierung"], ["Engagierte Träger"]),
            ("m2", "IMPLEMENTED", [], ["Landesförderung"]),
            ("m3", "PARTIALLY_IMPLEMENTED", ["Angespannter Wohnungsmarkt"], []),
            ("n3", "NOT_IMPLEMENTED", ["Fehlende Räume"], []),
        ],
    )
    app.complete_measure(demo.meta(on), measure=ids["m2"])
    app.carry_forward_measure(demo.meta(on), measure=ids["n2"], to_cycle=3)
    demo.start({"n2": date(2015, 10, 1)})
    demo.progress([("n2", 15, date(2015, 11, 1))])
    app.drop_measure(demo.meta(on), measure=ids["n3"])
    app.close_cycle(demo.meta(on), cycle=2)
    # n1 and m3 stay EVALUATED: the conference has not yet decided how they continue.
    demo.propose("p1", 3, 1, "Kinderarmutsbericht je Sozialraum", "fb50", on)
    demo.propose("p2", 3, 4, "Mietschuldenprävention", "fb64", on)
    demo.propose("p3", 3, 11, "Bewegungsparcours in Grünanlagen", "fb52", on)
    demo.decide_by_committee("FB 50/0720/WP17", date(2015, 10, 8), {"p3": True})
    ids["FB 50/0733/WP17"] = app.submit_paper(
        demo.meta(date(2015, 10, 22)),
        reference="FB 50/0733/WP17",
        type="DECISION_PROPOSAL",
        subject="Maßnahmen der Sozialkonferenz 2015 (illustrativ)",
        date=date(2015, 10, 22),
        lead=ids["fb50"],
        measures=[ids["p2"]],
    )
    app.inform_parliamentary_groups(
        demo.meta(date(2015, 10, 23)),
        subject=ids["FB 50/0733/WP17"],
        groups=[ids["spd"]],
        channel="E-Mail",
        note="Vorabinformation der Fraktionen (illustrativ).",
    )


def routine_meetings(demo: DemoRecorder) -> None:
    attendees = ("fb50", "fb45", "jobcenter", "gesundheitsamt", "anna")
    for on in [
        date(2011, 11, 10),
        date(2012, 5, 15),
        date(2012, 11, 20),
        date(2013, 6, 12),
        date(2014, 3, 5),
        date(2015, 2, 10),
        date(2015, 6, 16),
        date(2015, 11, 3),
    ]:
        demo.meeting("ak", f"Arbeitskreis Sozialplanung {on:%d.%m.%Y}", on, attendees=attendees)
    cancelled = demo.meeting(
        "ak", "Arbeitskreis Sozialplanung (Sondersitzung)", date(2014, 10, 1), held=False
    )
    demo.app.cancel_meeting(demo.meta(date(2014, 9, 20)), meeting=cancelled)
    for on in [date(2012, 4, 18), date(2013, 2, 6), date(2014, 5, 14)]:
        demo.meeting(
            "lg",
            f"Lenkungsgruppe Kinderarmut {on:%d.%m.%Y}",
            on,
            attendees=("fb45", "fb50", "bernd"),
        )
