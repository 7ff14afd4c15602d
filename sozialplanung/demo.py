"""Demo data from council paper FB 50/0098/WP16 of the City of Aachen.

What the paper states is recorded as stated (the organisations, the bodies, motion 105/16,
the paper, its consultation of 24.02.2011 concluded as Kenntnisnahme, the settling of
105/16). Everything else — working-group topics, persons, meeting dates, the sample
measures of the cycles 2011–2013, 2013–2015 and the open cycle 2015–2017 — is illustrative
and says so in its text or in the event's reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import count
from uuid import UUID
from zoneinfo import ZoneInfo

from .application import PlanningApp
from .domain.base import Meta
from .domain.body import cadence
from .domain.claim import Claim

ACTOR = "demo-loader"
ILLUSTRATIVE = "Illustrative: not stated in paper FB 50/0098/WP16."
FROM_PAPER = "As stated in paper FB 50/0098/WP16."
BERLIN = ZoneInfo("Europe/Berlin")

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


@dataclass
class DemoLoader:
    app: PlanningApp
    ids: dict[str, UUID] = field(default_factory=dict)
    _step: Iterator[int] = field(default_factory=lambda: count(1))

    def meta(self, on: date, reason: str = ILLUSTRATIVE) -> Meta:
        return Meta(
            actor=ACTOR,
            correlation_id=f"demo-{next(self._step):04d}",
            effective_on=on,
            reason=reason,
        )

    # Building blocks ---------------------------------------------------------------

    def organizations(self) -> None:
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
            self.ids[key] = self.app.register_organization(
                self.meta(on, FROM_PAPER), name=name, kind=kind, short_name=short
            )
        # Department codes other than FB 50 and the sub-association are illustrative.
        self.ids["caritas"] = self.app.register_organization(
            self.meta(on),
            name="Caritasverband (Unterabteilung der AG Wohlfahrt)",
            kind="WELFARE_ASSOCIATION",
            parent=self.ids["wohlfahrt"],
        )
        for key, name, org in [
            ("anna", "Anna Beispiel", "fb50"),
            ("bernd", "Bernd Muster", "fb45"),
            ("clara", "Clara Exempel", "caritas"),
        ]:
            self.ids[key] = self.app.register_person(
                self.meta(on), name=name, affiliation=self.ids[org]
            )

    def bodies(self) -> None:
        on = date(2011, 2, 24)
        app, ids = self.app, self.ids
        ids["forum"] = app.establish_body(
            self.meta(on, FROM_PAPER),
            name="Versammlung der Fachbereichsleiter",
            kind="INFORMATION_FORUM",
            lead=ids["fb50"],
            topic="Allgemeine Information über Themen der Sozialentwicklung",
        )
        ids["ak"] = app.establish_body(
            self.meta(on, FROM_PAPER),
            name="Arbeitskreis Sozialplanung",
            kind="WORKING_GROUP",
            lead=ids["fb50"],
            topic="Allgemeine Begleitung der Sozialplanung",
            cadence=cadence("ein- bis zweimal jährlich", min_per_year=1, max_per_year=2),
        )
        ids["lg"] = app.establish_body(
            self.meta(on, FROM_PAPER),
            name="Lenkungsgruppe Prävention von Kinderarmut",
            kind="STEERING_GROUP",
            lead=ids["fb45"],
            topic="Prävention von Kinderarmut",
            cadence=cadence("von der Lenkungsgruppe selbst festgelegt", self_determined=True),
        )
        ids["sk"] = app.establish_body(
            self.meta(on, FROM_PAPER),
            name="Sozialkonferenz",
            kind="SOCIAL_CONFERENCE",
            lead=ids["fb50"],
            cadence=cadence("alle 2 Jahre", every_months=24),
        )
        ids["ausschuss"] = app.establish_body(
            self.meta(on, FROM_PAPER),
            name="Ausschuss für Soziales, Integration und Demographie",
            kind="COMMITTEE",
            cadence=cadence("bei Entscheidungsbedarf, mindestens einmal jährlich", min_per_year=1),
        )
        for index, (name, topic) in enumerate(WORKING_GROUPS, start=1):
            ids[f"ag{index}"] = app.establish_body(
                self.meta(date(2011, 6, 1)),
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
            app.add_member(
                self.meta(joined, FROM_PAPER), body=ids["ak"], member=ids[key], role=role
            )
        for key, role in [
            ("fb45", "LEAD"),
            ("fb50", "MEMBER"),
            ("jobcenter", "MEMBER"),
            ("gesundheitsamt", "MEMBER"),
        ]:
            app.add_member(
                self.meta(joined, FROM_PAPER), body=ids["lg"], member=ids[key], role=role
            )
        app.add_member(
            self.meta(date(2011, 3, 1)),
            body=ids["ak"],
            member=ids["anna"],
            role="DEPUTY",
            on_behalf_of=ids["fb50"],
        )
        app.add_member(
            self.meta(date(2012, 1, 15)),
            body=ids["lg"],
            member=ids["clara"],
            role="CO_OPTED",
            on_behalf_of=ids["caritas"],
        )
        app.change_member_role(
            self.meta(date(2013, 1, 1)), body=ids["lg"], member=ids["clara"], role="MEMBER"
        )
        app.remove_member(self.meta(date(2014, 12, 31)), body=ids["lg"], member=ids["clara"])
        app.add_member(
            self.meta(date(2011, 3, 1)),
            body=ids["lg"],
            member=ids["bernd"],
            role="EXPERT",
            on_behalf_of=ids["fb45"],
        )
        app.publish_notice(
            self.meta(date(2011, 3, 15)),
            body=ids["forum"],
            title="Fortschreibung des Sozialentwicklungsplanes",
            text="Information an alle interessierten Fachbereichsleitungen "
            "über den Stand der Fortschreibung (illustrativ).",
        )

    def meeting(
        self,
        body: str,
        title: str,
        on: date,
        *,
        held: bool = True,
        attendees: tuple[str, ...] = (),
        cycle: int | None = None,
        agenda: tuple[tuple[str, str, str | None, str | None], ...] = (),
    ) -> UUID:
        at = datetime.combine(on, time(15, 0), BERLIN)
        meeting = self.app.schedule_meeting(
            self.meta(on),
            body=self.ids[body],
            title=title,
            scheduled_for=at,
            location="Verwaltungsgebäude Katschhof (illustrativ)",
            cycle=cycle,
        )
        for number, item, measure, paper in agenda:
            self.app.add_agenda_item(
                self.meta(on),
                meeting=meeting,
                number=number,
                title=item,
                measure=self.ids.get(measure or ""),
                paper=self.ids.get(paper or ""),
            )
        if held:
            self.app.record_meeting_held(
                self.meta(on),
                meeting=meeting,
                attendees=[self.ids[a] for a in attendees],
                minutes=f"Protokoll: {title} (illustrativ).",
            )
        return meeting

    def papers(self) -> None:
        app, ids = self.app, self.ids
        ids["105/16"] = app.submit_paper(
            self.meta(date(2010, 8, 31), FROM_PAPER),
            reference="105/16",
            type="MOTION",
            subject="Einrichtung einer Sozialkonferenz für die Stadt Aachen",
            date=date(2010, 8, 31),
            originator=ids["spd"],
        )
        ids["0098"] = app.submit_paper(
            self.meta(date(2011, 2, 1), "Paper date illustrative; content as stated in the paper."),
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
        meeting = self.meeting(
            "ausschuss",
            "Sitzung des Ausschusses für Soziales, Integration und Demographie",
            on,
            held=False,
            agenda=(("5", "Einrichtung einer Sozialkonferenz", None, "0098"),),
        )
        app.record_meeting_held(
            self.meta(on, FROM_PAPER),
            meeting=meeting,
            attendees=[],
            minutes="Kenntnisnahme der Vorlage FB 50/0098/WP16.",
        )
        app.record_resolution(
            self.meta(on, FROM_PAPER),
            meeting=meeting,
            number="5",
            decision="NOTED",
            text=DECISION_PROPOSAL,
        )
        app.schedule_consultation(
            self.meta(on, FROM_PAPER),
            paper=ids["0098"],
            body=ids["ausschuss"],
            meeting=meeting,
            date=on,
            role="NOTICE",
            authoritative=True,
        )
        consultation = app.repository.get(ids["0098"]).consultations[-1]["id"]
        app.conclude_consultation(
            self.meta(on, FROM_PAPER),
            consultation=consultation,
            decision="NOTED",
            decision_text=DECISION_PROPOSAL,
        )
        app.settle_paper(self.meta(on, FROM_PAPER), paper=ids["0098"])
        app.settle_paper(self.meta(on, FROM_PAPER), paper=ids["105/16"])

    def cycle(
        self, number: int, starts: date, ends: date, conference_on: date, groups: range
    ) -> None:
        app, ids = self.app, self.ids
        app.open_cycle(
            self.meta(starts),
            number=number,
            label=f"{starts.year}–{ends.year}",
            starts_on=starts,
            ends_on=ends,
            conference_body=ids["sk"],
            working_groups=[
                (ids[f"ag{i}"], app.repository.get(ids[f"ag{i}"]).topic) for i in groups
            ],
        )
        ids[f"conference{number}"] = self.meeting(
            "sk",
            f"Sozialkonferenz {conference_on.year}",
            conference_on,
            cycle=number,
            attendees=("fb50", "fb45", "jobcenter", "wohlfahrt", "anna", "clara"),
        )
        app.record_conference_held(
            self.meta(conference_on), cycle=number, meeting=ids[f"conference{number}"]
        )

    def propose(self, key: str, cycle: int, group: int, title: str, lead: str, on: date) -> None:
        self.ids[key] = self.app.propose_measure(
            self.meta(on),
            cycle=cycle,
            working_group=self.ids[f"ag{group}"],
            title=title,
            description=f"{title} (illustrative sample measure).",
            lead=self.ids[lead],
        )

    def decide_by_committee(self, reference: str, on: date, decisions: dict[str, bool]) -> None:
        app, ids = self.app, self.ids
        ids[reference] = app.submit_paper(
            self.meta(on),
            reference=reference,
            type="DECISION_PROPOSAL",
            subject=f"Maßnahmen der Sozialkonferenz ({reference}, illustrativ)",
            date=on,
            lead=ids["fb50"],
            measures=[ids[k] for k in decisions],
            decision_proposal="Der Ausschuss beschließt die Maßnahmen wie vorgeschlagen.",
        )
        decided_on = date(on.year, 11, 24)
        meeting = self.meeting(
            "ausschuss",
            f"Ausschusssitzung {decided_on:%d.%m.%Y}",
            decided_on,
            agenda=(("3", "Maßnahmen der Sozialkonferenz", None, reference),),
        )
        app.schedule_consultation(
            self.meta(on),
            paper=ids[reference],
            body=ids["ausschuss"],
            meeting=meeting,
            role="DECISION",
            authoritative=True,
        )
        consultation = app.repository.get(ids[reference]).consultations[-1]["id"]
        app.conclude_consultation(
            self.meta(decided_on),
            consultation=consultation,
            decision="APPROVED_AMENDED",
            measure_decisions=[(ids[k], v) for k, v in decisions.items()],
        )
        app.settle_paper(self.meta(decided_on), paper=ids[reference])

    def measures(self) -> None:
        app, ids = self.app, self.ids
        on1, on2, on3 = date(2011, 9, 15), date(2013, 9, 19), date(2015, 9, 17)
        self.propose("m1", 1, 1, "Familienzentren in allen Sozialräumen", "fb45", on1)
        self.propose("m2", 1, 3, "Ausbildungslotsen an Hauptschulen", "jobcenter", on1)
        self.propose("m3", 1, 4, "Wohnraumbörse für Alleinerziehende", "fb64", on1)
        self.propose("m4", 1, 11, "Kostenlose Sportvereinsmitgliedschaft", "fb52", on1)
        self.propose("m5", 1, 5, "Gesundheitslotsen im Ostviertel", "gesundheitsamt", on1)
        self.propose("m6", 1, 9, "Mobile Suchtberatung", "wohlfahrt", on1)
        self.propose("m7", 1, 10, "Ehrenamtsbörse online", "ehrenamt", on1)
        app.withdraw_measure(self.meta(date(2011, 10, 1)), measure=ids["m5"])
        self.decide_by_committee(
            "FB 50/0150/WP16",
            date(2011, 10, 20),
            {"m1": True, "m2": True, "m3": True, "m4": False, "m6": True, "m7": True},
        )
        for key, start in [
            ("m1", date(2012, 1, 10)),
            ("m2", date(2012, 2, 1)),
            ("m6", date(2012, 3, 1)),
            ("m7", date(2012, 1, 15)),
        ]:
            app.start_implementation(self.meta(start), measure=ids[key])
        for key, pct, on in [
            ("m1", 40, date(2012, 6, 30)),
            ("m1", 100, date(2013, 6, 30)),
            ("m2", 30, date(2012, 9, 30)),
            ("m2", 60, date(2013, 6, 30)),
            ("m6", 10, date(2012, 12, 31)),
            ("m7", 100, date(2013, 3, 31)),
        ]:
            app.report_progress(
                self.meta(on), measure=ids[key], percent=pct, note="Sachstandsbericht (illustrativ)"
            )

        self.cycle(2, date(2013, 9, 1), date(2015, 8, 31), on2, range(1, 13))
        app.assign_working_group(
            self.meta(on2),
            cycle=2,
            body=ids["ag12"],
            focus="Sozialraummonitoring und Datenberichte",
        )
        ids["ag13"] = app.establish_body(
            self.meta(on2),
            name="AG 13 Flucht",
            kind="CONFERENCE_WORKING_GROUP",
            parent=ids["sk"],
            topic="Aufnahme und Teilhabe Geflüchteter",
        )
        app.assign_working_group(
            self.meta(on2), cycle=2, body=ids["ag13"], focus="Aufnahme und Teilhabe Geflüchteter"
        )
        evaluations = [
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
        ]
        for key, outcome, obstacles, enablers in evaluations:
            app.evaluate_measure(
                self.meta(on2),
                measure=ids[key],
                outcome=outcome,
                obstacles=obstacles,
                enablers=enablers,
                report="Bericht der Arbeitsgruppe an die Sozialkonferenz (illustrativ).",
            )
        app.complete_measure(self.meta(on2), measure=ids["m1"])
        app.complete_measure(self.meta(on2), measure=ids["m7"])
        app.drop_measure(self.meta(on2), measure=ids["m6"])
        app.carry_forward_measure(self.meta(on2), measure=ids["m2"], to_cycle=2)
        app.carry_forward_measure(
            self.meta(on2),
            measure=ids["m3"],
            to_cycle=2,
            title="Wohnraumbörse für Alleinerziehende und Familien",
            description="Erweitert um Familien mit mehreren Kindern (illustrative sample).",
        )
        app.close_cycle(self.meta(on2), cycle=1)

        self.propose("n1", 2, 2, "Lernpatenschaften in Grundschulen", "fb45", on2)
        self.propose("n2", 2, 13, "Willkommenslotsen für Geflüchtete", "wohlfahrt", on2)
        self.propose("n3", 2, 6, "Quartierstreffs für Ältere", "fb50", on2)
        self.propose("n4", 2, 8, "Barrierefreie Beratungsstellen", "fb50", on2)
        self.decide_by_committee(
            "FB 50/0412/WP16",
            date(2013, 10, 24),
            {"n1": True, "n2": True, "n3": True, "n4": False, "m3": True},
        )
        for key, start in [
            ("n1", date(2014, 1, 8)),
            ("n2", date(2014, 2, 1)),
            ("m3", date(2014, 3, 1)),
            ("m2", date(2013, 10, 1)),
        ]:
            app.start_implementation(self.meta(start), measure=ids[key])
        for key, pct, on in [
            ("n1", 50, date(2014, 6, 30)),
            ("n1", 90, date(2015, 6, 30)),
            ("n2", 70, date(2015, 3, 31)),
            ("m2", 100, date(2015, 6, 30)),
            ("m3", 20, date(2015, 6, 30)),
        ]:
            app.report_progress(
                self.meta(on), measure=ids[key], percent=pct, note="Sachstandsbericht (illustrativ)"
            )

        self.cycle(3, date(2015, 9, 1), date(2017, 8, 31), on3, range(1, 14))
        for key, outcome, obstacles, enablers in [
            ("n1", "IMPLEMENTED", [], ["Kooperation mit Kitas", "Engagierte Träger"]),
            ("n2", "PARTIALLY_IMPLEMENTED", ["Befristete Finanzierung"], ["Engagierte Träger"]),
            ("m2", "IMPLEMENTED", [], ["Landesförderung"]),
            ("m3", "PARTIALLY_IMPLEMENTED", ["Angespannter Wohnungsmarkt"], []),
            ("n3", "NOT_IMPLEMENTED", ["Fehlende Räume"], []),
        ]:
            app.evaluate_measure(
                self.meta(on3),
                measure=ids[key],
                outcome=outcome,
                obstacles=obstacles,
                enablers=enablers,
                report="Bericht an die Sozialkonferenz 2015 (illustrativ).",
            )
        app.complete_measure(self.meta(on3), measure=ids["m2"])
        app.carry_forward_measure(self.meta(on3), measure=ids["n2"], to_cycle=3)
        app.start_implementation(self.meta(date(2015, 10, 1)), measure=ids["n2"])
        app.report_progress(
            self.meta(date(2015, 11, 1)),
            measure=ids["n2"],
            percent=15,
            note="Sachstandsbericht (illustrativ)",
        )
        app.drop_measure(self.meta(on3), measure=ids["n3"])
        app.close_cycle(self.meta(on3), cycle=2)
        # n1 and m3 stay EVALUATED: the conference has not yet decided how they continue.
        self.propose("p1", 3, 1, "Kinderarmutsbericht je Sozialraum", "fb50", on3)
        self.propose("p2", 3, 4, "Mietschuldenprävention", "fb64", on3)
        self.propose("p3", 3, 11, "Bewegungsparcours in Grünanlagen", "fb52", on3)
        self.decide_by_committee("FB 50/0720/WP17", date(2015, 10, 8), {"p3": True})
        ids["FB 50/0733/WP17"] = app.submit_paper(
            self.meta(date(2015, 10, 22)),
            reference="FB 50/0733/WP17",
            type="DECISION_PROPOSAL",
            subject="Maßnahmen der Sozialkonferenz 2015 (illustrativ)",
            date=date(2015, 10, 22),
            lead=ids["fb50"],
            measures=[ids["p2"]],
        )
        app.inform_parliamentary_groups(
            self.meta(date(2015, 10, 23)),
            subject=ids["FB 50/0733/WP17"],
            groups=[ids["spd"]],
            channel="E-Mail",
            note="Vorabinformation der Fraktionen (illustrativ).",
        )

    def routine_meetings(self) -> None:
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
            self.meeting("ak", f"Arbeitskreis Sozialplanung {on:%d.%m.%Y}", on, attendees=attendees)
        cancelled = self.meeting(
            "ak", "Arbeitskreis Sozialplanung (Sondersitzung)", date(2014, 10, 1), held=False
        )
        self.app.cancel_meeting(self.meta(date(2014, 9, 20)), meeting=cancelled)
        for on in [date(2012, 4, 18), date(2013, 2, 6), date(2014, 5, 14)]:
            self.meeting(
                "lg",
                f"Lenkungsgruppe Kinderarmut {on:%d.%m.%Y}",
                on,
                attendees=("fb45", "fb50", "bernd"),
            )

    def load(self) -> None:
        self.organizations()
        self.bodies()
        self.papers()
        self.cycle(1, date(2011, 9, 1), date(2013, 8, 31), date(2011, 9, 15), range(1, 13))
        self.measures()
        self.routine_meetings()
        marker = Claim.make(
            self.meta(date(2015, 11, 3), "Demo data loaded."),
            kind="demo",
            key="FB 50/0098/WP16",
            owner_id=self.ids["0098"],
        )
        self.app.save(marker)


def load_demo(app: PlanningApp) -> str:
    """Loads the demo into an empty store; says what it did. A second run writes nothing."""
    if app.claimed_owner("demo", "FB 50/0098/WP16") is not None:
        return "The demo data is already loaded; nothing was written."
    last = app.recorder.max_notification_id() or 0
    if last:
        return (
            f"The store already holds {last} events of other data; the demo loads only "
            "into an empty store. Nothing was written."
        )
    DemoLoader(app).load()
    return f"Loaded the demo data: {app.recorder.max_notification_id()} events."
