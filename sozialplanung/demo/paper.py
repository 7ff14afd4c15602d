"""What council paper FB 50/0098/WP16 states, recorded as stated.

The organisations, the bodies of the Beratungskonzept, motion 105/16, the paper itself, its
Kenntnisnahme on 24.02.2011 and the settling of 105/16. The working groups' topics, the
persons and the sub-association are illustrative and say so in the event's reason.
"""

from __future__ import annotations

from datetime import date

from ..domain.body import cadence
from ..domain.paper import Paper
from .recorder import FROM_PAPER, DemoRecorder

DECISION_PROPOSAL = (
    "Der Ausschuss für Soziales, Integration und Demographie nimmt die Ausführungen der "
    "Verwaltung zustimmend zur Kenntnis. Über die von der Verwaltung geschaffenen Strukturen "
    "hinaus ist die Einrichtung einer Sozialkonferenz nicht erforderlich. Der Ratsantrag "
    "105/16 ist damit erledigt."
)
EXPLANATION = (
    "Mit Ratsantrag 105/16 beantragt die SPD-Fraktion, zur Verstetigung der "
    "Sozialentwicklungsplanung und für die Umsetzung des Maßnahmenkatalogs eine "
    "Sozialkonferenz für die Stadt Aachen einzurichten (Anlage 1). Die Verwaltung hat zur "
    "Umsetzung und Weiterentwicklung des Sozialentwicklungsplanes und der daraus "
    "resultierenden Maßnahmen ein mehrstufiges Informations- und Beratungskonzept entwickelt: "
    "Allgemeine Information; Allgemeine Begleitung in einem Arbeitskreis Sozialplanung; "
    "Projektbezogene Mitwirkung in Lenkungsgruppen; Evaluierung und Fortführung der "
    "Sozialplanung in der Sozialkonferenz; Beteiligung der politischen Gremien. Ein Schaubild "
    "hierzu ist beigefügt (Anlage 2)."
)

WORKING_GROUPS = [  # the twelve working groups of the Sozialkonferenz; topics illustrative
    ("AG 1 Kinderarmut", "Prävention von Kinderarmut"),
    ("AG 2 Bildung", "Bildungsteilhabe von der Kita bis zum Schulabschluss"),
    ("AG 3 Arbeit", "Übergang Schule–Beruf und Langzeitarbeitslosigkeit"),
    ("AG 4 Wohnen", "Bezahlbarer Wohnraum und Quartiersentwicklung"),
    ("AG 5 Gesundheit", "Gesundheitsförderung in benachteiligten Quartieren"),
    ("AG 6 Alter", "Leben im Alter und Pflege"),
    ("AG 7 Integration", "Integration von Zugewanderten"),
    ("AG 8 Inklusion", "Teilhabe von Menschen mit Behinderung"),
    ("AG 9 Sucht", "Drogenproblematik und Suchtprävention"),
    ("AG 10 Ehrenamt", "Bürgerschaftliches Engagement und Ehrenamt"),
    ("AG 11 Sport", "Sport und Bewegung im Quartier"),
    ("AG 12 Sozialraum", "Sozialraumorientierte Planung und Berichterstattung"),
]


def organizations(demo: DemoRecorder) -> None:
    on = date(2010, 8, 31)
    for key, name, short, kind in [
        ("fb50", "Fachbereich Soziales und Integration", "FB 50", "DEPARTMENT"),
        ("fb45", "Fachbereich Jugend, Kinder und Schule", "FB 45", "DEPARTMENT"),
        ("fb64", "Fachbereich Wohnen", "FB 64", "DEPARTMENT"),
        ("ehrenamt", "Verwaltungsleitung (Ehrenamt)", None, "DEPARTMENT"),
        ("fb52", "Fachbereich Sport", "FB 52", "DEPARTMENT"),
        ("jobcenter", "Jobcenter StädteRegion Aachen", None, "REGIONAL_INSTITUTION"),
        ("gesundheitsamt", "Gesundheitsamt", None, "REGIONAL_INSTITUTION"),
        (
            "wohlfahrt",
            "Arbeitsgemeinschaft der Verbände der Freien Wohlfahrtspflege",
            "AG Wohlfahrt",
            "WELFARE_ASSOCIATION",
        ),
        ("spd", "SPD-Fraktion", None, "PARLIAMENTARY_GROUP"),
    ]:
        demo.ids[key] = demo.app.register_organization(
            demo.meta(on, FROM_PAPER), name=name, kind=kind, short_name=short
        )
    # Department codes other than FB 50 and the sub-association are illustrative.
    demo.ids["caritas"] = demo.app.register_organization(
        demo.meta(on),
        name="Caritasverband (Unterabteilung der AG Wohlfahrt)",
        kind="WELFARE_ASSOCIATION",
        parent=demo.ids["wohlfahrt"],
    )
    for key, name, org in [
        ("anna", "Anna Beispiel", "fb50"),
        ("bernd", "Bernd Muster", "fb45"),
        ("clara", "Clara Exempel", "caritas"),
    ]:
        demo.ids[key] = demo.app.register_person(
            demo.meta(on), name=name, affiliation=demo.ids[org]
        )


def bodies(demo: DemoRecorder) -> None:
    on = date(2011, 2, 24)
    app, ids = demo.app, demo.ids
    ids["forum"] = app.establish_body(
        demo.meta(on, FROM_PAPER),
        name="Versammlung der Fachbereichsleiter",
        kind="INFORMATION_FORUM",
        lead=ids["fb50"],
        topic="Allgemeine Information über Themen der Sozialentwicklung",
    )
    ids["ak"] = app.establish_body(
        demo.meta(on, FROM_PAPER),
        name="Arbeitskreis Sozialplanung",
        kind="WORKING_GROUP",
        lead=ids["fb50"],
        topic="Allgemeine Begleitung der Sozialplanung",
        cadence=cadence("ein- bis zweimal jährlich", min_per_year=1, max_per_year=2),
    )
    ids["lg"] = app.establish_body(
        demo.meta(on, FROM_PAPER),
        name="Lenkungsgruppe Prävention von Kinderarmut",
        kind="STEERING_GROUP",
        lead=ids["fb45"],
        topic="Prävention von Kinderarmut",
        cadence=cadence("von der Lenkungsgruppe selbst festgelegt", self_determined=True),
    )
    ids["sk"] = app.establish_body(
        demo.meta(on, FROM_PAPER),
        name="Sozialkonferenz",
        kind="SOCIAL_CONFERENCE",
        lead=ids["fb50"],
        cadence=cadence("alle 2 Jahre", every_months=24),
    )
    ids["ausschuss"] = app.establish_body(
        demo.meta(on, FROM_PAPER),
        name="Ausschuss für Soziales, Integration und Demographie",
        kind="COMMITTEE",
        cadence=cadence("bei Entscheidungsbedarf, mindestens einmal jährlich", min_per_year=1),
    )
    for index, (name, topic) in enumerate(WORKING_GROUPS, start=1):
        ids[f"ag{index}"] = app.establish_body(
            demo.meta(date(2011, 6, 1)),
            name=name,
            kind="CONFERENCE_WORKING_GROUP",
            parent=ids["sk"],
            topic=topic,
        )
    joined = date(2011, 3, 1)
    for key, role in [
        ("fb50", "LEAD"),
        ("fb45", "MEMBER"),
        ("fb64", "MEMBER"),
        ("ehrenamt", "MEMBER"),
        ("fb52", "MEMBER"),
        ("jobcenter", "MEMBER"),
        ("gesundheitsamt", "MEMBER"),
        ("wohlfahrt", "MEMBER"),
    ]:
        app.add_member(demo.meta(joined, FROM_PAPER), body=ids["ak"], member=ids[key], role=role)
    for key, role in [
        ("fb45", "LEAD"),
        ("fb50", "MEMBER"),
        ("jobcenter", "MEMBER"),
        ("gesundheitsamt", "MEMBER"),
    ]:
        app.add_member(demo.meta(joined, FROM_PAPER), body=ids["lg"], member=ids[key], role=role)
    app.add_member(
        demo.meta(date(2011, 3, 1)),
        body=ids["ak"],
        member=ids["anna"],
        role="DEPUTY",
        on_behalf_of=ids["fb50"],
    )
    app.add_member(
        demo.meta(date(2012, 1, 15)),
        body=ids["lg"],
        member=ids["clara"],
        role="CO_OPTED",
        on_behalf_of=ids["caritas"],
    )
    app.change_member_role(
        demo.meta(date(2013, 1, 1)), body=ids["lg"], member=ids["clara"], role="MEMBER"
    )
    app.remove_member(demo.meta(date(2014, 12, 31)), body=ids["lg"], member=ids["clara"])
    app.add_member(
        demo.meta(date(2011, 3, 1)),
        body=ids["lg"],
        member=ids["bernd"],
        role="EXPERT",
        on_behalf_of=ids["fb45"],
    )
    app.publish_notice(
        demo.meta(date(2011, 3, 15)),
        body=ids["forum"],
        title="Fortschreibung des Sozialentwicklungsplanes",
        text="Information an alle interessierten Fachbereichsleitungen "
        "über den Stand der Fortschreibung (illustrativ).",
    )


def papers(demo: DemoRecorder) -> None:
    app, ids = demo.app, demo.ids
    ids["105/16"] = app.submit_paper(
        demo.meta(date(2010, 8, 31), FROM_PAPER),
        reference="105/16",
        type="MOTION",
        subject="Einrichtung einer Sozialkonferenz für die Stadt Aachen",
        date=date(2010, 8, 31),
        originator=ids["spd"],
    )
    ids["0098"] = app.submit_paper(
        demo.meta(date(2011, 2, 1), "Paper date illustrative; content as stated in the paper."),
        reference="FB 50/0098/WP16",
        type="INFORMATION",
        subject="Einrichtung einer Sozialkonferenz für die Stadt Aachen Antrag der "
        "SPD-Fraktion vom 31.08.2010, Nr. 105/16",
        date=date(2011, 2, 1),
        lead=ids["fb50"],
        decision_proposal=DECISION_PROPOSAL,
        explanation=EXPLANATION,
        related_papers=[ids["105/16"]],
        attachments=[
            {
                "name": "Anlage 1: Ratsantrag 105/16",
                "media_type": "application/pdf",
                "size_bytes": 51_917,
                "sha256": None,
            },
            {
                "name": "Anlage 2: Schaubild",
                "media_type": "application/pdf",
                "size_bytes": 27_750,
                "sha256": None,
            },
        ],
    )
    on = date(2011, 2, 24)
    meeting = demo.meeting(
        "ausschuss",
        "Sitzung des Ausschusses für Soziales, Integration und Demographie",
        on,
        held=False,
        agenda=(("5", "Einrichtung einer Sozialkonferenz", None, "0098"),),
    )
    app.record_meeting_held(
        demo.meta(on, FROM_PAPER),
        meeting=meeting,
        attendees=[],
        minutes="Kenntnisnahme der Vorlage FB 50/0098/WP16.",
    )
    app.record_resolution(
        demo.meta(on, FROM_PAPER),
        meeting=meeting,
        number="5",
        decision="NOTED",
        text=DECISION_PROPOSAL,
    )
    app.schedule_consultation(
        demo.meta(on, FROM_PAPER),
        paper=ids["0098"],
        body=ids["ausschuss"],
        meeting=meeting,
        date=on,
        role="NOTICE",
        authoritative=True,
    )
    paper: Paper = app.repository.get(ids["0098"])
    consultation = paper.consultations[-1]["id"]
    app.conclude_consultation(
        demo.meta(on, FROM_PAPER),
        consultation=consultation,
        decision="NOTED",
        decision_text=DECISION_PROPOSAL,
    )
    app.settle_paper(demo.meta(on, FROM_PAPER), paper=ids["0098"])
    app.settle_paper(demo.meta(on, FROM_PAPER), paper=ids["105/16"])
