"""The demo's words: measure titles per working group, the Sozialräume they name, the
obstacles and enablers its evaluations draw from, and each group's profile.

All illustrative: the paper names no measure, no obstacle and no enabler. The profiles give
the groups a character the comparison can show (Wohnen struggles with the housing market,
Ehrenamt and Sport put most of their measures into practice).
"""

from __future__ import annotations

from dataclasses import dataclass

# Aachen's Stadtteile and Sozialräume a measure may be placed in ({q} in a title).
QUARTERS = (
    "Aachen-Ost",
    "Rothe Erde",
    "Aachen-Nord",
    "Driescher Hof",
    "Preuswald",
    "Kronenberg",
    "Schönforst",
    "Forst",
    "Haaren",
    "Brand",
    "Eilendorf",
    "Burtscheid",
    "Richterich",
    "Kornelimünster",
)

# Hemmnisse: a fixed vocabulary, so that the comparison can count them across cycles.
OBSTACLES = (
    "Befristete Finanzierung",  # 0
    "Fachkräftemangel",  # 1
    "Fehlende Räume",  # 2
    "Angespannter Wohnungsmarkt",  # 3
    "Datenschutzfragen",  # 4
    "Hoher Abstimmungsaufwand zwischen Trägern",  # 5
    "Zielgruppe schwer erreichbar",  # 6
    "Sprachbarrieren",  # 7
    "Kontaktbeschränkungen in der Pandemie",  # 8
    "Personalwechsel beim Träger",  # 9
)
PANDEMIC = 8

# Förderliche Rahmenbedingungen (Gelingensfaktoren).
ENABLERS = (
    "Landesförderung",  # 0
    "Kooperation mit Kitas und Schulen",  # 1
    "Engagierte Träger",  # 2
    "Ehrenamtliche Unterstützung",  # 3
    "Verankerung im Quartiersmanagement",  # 4
    "Bundesprogramm",  # 5
    "Kurze Wege in der Verwaltung",  # 6
    "Beteiligung der Zielgruppe",  # 7
    "Digitale Angebote",  # 8
    "Gemeinsame Datengrundlage",  # 9
)
DIGITAL = 8


@dataclass(frozen=True)
class Profile:
    """How a working group's measures tend to fare (illustrative)."""

    leads: tuple[str, ...]  # demo keys of the organisations that lead its measures
    success: float  # share of started measures put fully into practice
    obstacles: tuple[int, ...]  # its typical obstacles (indices into OBSTACLES)
    enablers: tuple[int, ...]  # its typical enablers (indices into ENABLERS)
    titles: tuple[str, ...]  # measure titles; "{q}" names a Sozialraum


PROFILES: dict[int, Profile] = {
    1: Profile(
        ("fb45", "fb50", "wohlfahrt"),
        0.5,
        (0, 6, 9),
        (1, 4, 0),
        (
            "Familienzentrum {q}",
            "Frühe Hilfen: Babybegrüßungsbesuche",
            "Kostenloses Mittagessen in Kitas in {q}",
            "Ferienprogramm für Kinder aus Bedarfsgemeinschaften",
            "Lotsen für Leistungen aus Bildung und Teilhabe",
            "Familienpatenschaften in {q}",
            "Präventionskette gegen Kinderarmut in {q}",
            "Schulstarterpakete",
            "Beratung zum Kinderzuschlag",
        ),
    ),
    2: Profile(
        ("fb45",),
        0.55,
        (1, 2, 0),
        (1, 0, 2),
        (
            "Sprachförderung in Kitas in {q}",
            "Lernpatenschaften in Grundschulen",
            "Hausaufgabenhilfe in {q}",
            "Schulsozialarbeit an Grundschulen in {q}",
            "Elterncafés an Familiengrundschulzentren",
            "Bildungsberatung für Eltern",
            "Offener Ganztag: zusätzliche Plätze in {q}",
            "Lernbrücken nach den Schulschließungen",
        ),
    ),
    3: Profile(
        ("jobcenter", "fb50"),
        0.4,
        (0, 6, 5),
        (5, 2, 6),
        (
            "Jugendberufsagentur Aachen",
            "Teilzeitausbildung für Alleinerziehende",
            "Sozialer Arbeitsmarkt: geförderte Stellen",
            "Stadtteilwerkstatt {q}",
            "Coaching für Langzeitarbeitslose",
            "Arbeitsmarktlotsen in {q}",
            "Berufsorientierung an Gesamtschulen",
            "Kinderbetreuung für Eltern in Maßnahmen",
        ),
    ),
    4: Profile(
        ("fb64", "fb50"),
        0.25,
        (3, 0, 5),
        (4, 0, 6),
        (
            "Quartiersmanagement {q}",
            "Belegungsbindungen im Bestand",
            "Fachstelle Wohnungsnotfallhilfe",
            "Wohnungstausch für Ältere",
            "Quote für geförderten Wohnraum in Neubaugebieten",
            "Aufsuchende Wohnungsnotfallhilfe",
            "Modernisierung ohne Verdrängung in {q}",
            "Zweckentfremdungssatzung",
        ),
    ),
    5: Profile(
        ("gesundheitsamt",),
        0.45,
        (1, 6, 0),
        (4, 1, 7),
        (
            "Gesundheitslotsen in {q}",
            "Gesundheitskiosk {q}",
            "Zahngesundheit in Kitas",
            "Ernährungsberatung für Familien in {q}",
            "Impfberatung in Gemeinschaftsunterkünften",
            "Psychosoziale Beratung für Jugendliche",
            "Trinkbrunnen und kühle Orte in {q}",
        ),
    ),
    6: Profile(
        ("fb50", "wohlfahrt", "caritas"),
        0.5,
        (2, 1, 6),
        (3, 4, 2),
        (
            "Seniorenbegegnungsstätte {q}",
            "Quartierstreff für Ältere in {q}",
            "Pflegeberatung im Quartier",
            "Besuchsdienste gegen Einsamkeit",
            "Wohnberatung für Ältere",
            "Mittagstisch für Ältere in {q}",
            "Nachbarschaftsstifter in {q}",
        ),
    ),
    7: Profile(
        ("fb50", "wohlfahrt"),
        0.45,
        (7, 0, 6),
        (3, 7, 2),
        (
            "Integrationslotsen in {q}",
            "Sprachcafés in {q}",
            "Interkulturelle Öffnung der Verwaltung",
            "Migrantenorganisationen als Partner",
            "Dolmetscherpool für Beratungsstellen",
            "Antidiskriminierungsberatung",
            "Elternbegleiter mit Migrationsgeschichte",
        ),
    ),
    8: Profile(
        ("fb50",),
        0.35,
        (0, 5, 2),
        (7, 6, 5),
        (
            "Barrierefreie Beratungsstellen",
            "Inklusive Spielplätze in {q}",
            "Bescheide in Leichter Sprache",
            "Budget für Arbeit",
            "Inklusive Freizeitangebote in {q}",
            "Aktionsplan Inklusion",
            "Unabhängige Teilhabeberatung",
        ),
    ),
    9: Profile(
        ("gesundheitsamt", "wohlfahrt"),
        0.3,
        (2, 6, 0),
        (2, 6, 5),
        (
            "Suchtprävention an Schulen",
            "Drogenkonsumraum",
            "Aufsuchende Arbeit am Kaiserplatz",
            "Hilfen für Kinder suchtkranker Eltern",
            "Glücksspielprävention",
            "Alkoholprävention im Jugendschutz",
            "Substitution in Hausarztpraxen",
            "Suchtberatung vor Ort in {q}",
            "Jugendsuchtberatung in {q}",
        ),
    ),
    10: Profile(
        ("ehrenamt",),
        0.65,
        (9, 5, 4),
        (3, 2, 8),
        (
            "Ehrenamtsbörse online",
            "Ehrenamtskarte",
            "Tag des Ehrenamts",
            "Freiwilligenagentur {q}",
            "Qualifizierung von Ehrenamtlichen",
            "Engagement von Unternehmen",
            "Nachbarschaftshilfe in {q}",
        ),
    ),
    11: Profile(
        ("fb52",),
        0.6,
        (2, 0, 9),
        (3, 1, 4),
        (
            "Kostenlose Sportvereinsmitgliedschaft",
            "Bewegungsparcours in Grünanlagen",
            "Sport im Park",
            "Schwimmkurse für Grundschulkinder",
            "Bolzplatz {q}",
            "Mitternachtssport in {q}",
            "Bewegungsangebote für Ältere in {q}",
        ),
    ),
    12: Profile(
        ("fb50",),
        0.6,
        (4, 5, 1),
        (9, 6, 8),
        (
            "Sozialraummonitoring",
            "Fortschreibung des Sozialentwicklungsplanes",
            "Kleinräumige Armutsberichterstattung",
            "Quartiersprofil {q}",
            "Datenportal Sozialplanung",
            "Sozialraumkonferenz {q}",
            "Befragung zur Lebenslage in {q}",
        ),
    ),
    13: Profile(
        ("fb50", "wohlfahrt", "jobcenter"),
        0.4,
        (3, 7, 1),
        (3, 2, 0),
        (
            "Willkommenslotsen für Geflüchtete",
            "Ehrenamtskoordination in Unterkünften",
            "Wohnungen statt Sammelunterkünfte",
            "Sprachkurse mit Kinderbetreuung",
            "Psychosoziale Hilfe für Geflüchtete",
            "Ankommenspatenschaften in {q}",
            "Anerkennung ausländischer Berufsabschlüsse",
        ),
    ),
}

# The 13th working group, added in the cycle 2015–2017 ("Bei Bedarf können die
# Arbeitsgruppen auch erweitert … werden").
ADDED_GROUP = ("AG 13 Flucht", "Aufnahme und Teilhabe Geflüchteter")

# Schwerpunkte verlagert: (cycle, working group, new focus).
FOCUS_SHIFTS = (
    (2, 12, "Sozialraummonitoring und Datenberichte"),
    (5, 7, "Integration in Arbeit, Sprache und Nachbarschaft"),
    (6, 6, "Einsamkeit im Alter und Pflege im Quartier"),
    (7, 5, "Gesundheit und Hitzeschutz im Klimawandel"),
)
