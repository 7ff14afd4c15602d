"""Volltextsuche: one index over measures, papers, meetings and bodies, in German.

Each searchable row of those views becomes a *document*: its text as shown (for snippets)
and its *terms* — every word lower-cased, stemmed by the Snowball German stemmer (the
algorithm PostgreSQL's ``german`` configuration uses; "Wohnungen" and "Wohnung" both become
``wohnung``, "Maßnahme" and "Massnahme" ``massnahm``, "Übergang" and "Uebergang"
``ubergang``), common function words left out. Stemming happens here, in Python, for both
stores, so that both find exactly the same documents: SQLite keeps the terms in an FTS5
table and ranks with bm25, PostgreSQL in a ``tsvector`` (``simple`` configuration over the
stemmed terms) with a GIN index, ranked by ``ts_rank``. A title's terms count twice.

A word searched for matches the terms that *begin* with its stem (from three letters on):
German joins words ("Sprach" finds "Sprachkurse"), and Snowball cuts a singular shorter
than its plural ("Sprachkurs" → ``sprachkur``, "Sprachkurse" → ``sprachkurs``).

The projector refreshes a document in the transaction that changes its row, and only when
its text changed. Everything indexed is text PUBLIC may read in the API (no person's name,
no one who reported progress), so a hit never shows a reader what their role hides. Text
sealed and then redacted or erased leaves the index with the row's rewrite, and
:func:`purge` removes what the index kept of it (FTS5 keeps deleted terms until merged).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import snowballstemmer

from .database import Cursor, Row, ViewDatabase
from .paging import BadPaging, Page, decode_cursor, page_size

TABLE = "search_documents"
COLUMNS = (
    "doc TEXT PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, "
    "terms TEXT NOT NULL"
)
FTS = "search_fts"
# Backend-specific parts, made with the tables (and part of the views' shape).
SQLITE_DDL = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(terms, tokenize='unicode61')",)
POSTGRES_DDL = (
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS vector TSVECTOR",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_vector ON {TABLE} USING GIN (vector)",
)
INDEXES = (f"{TABLE} (kind, key)",)
PREFIX_FROM = 3  # shorter stems ("ab", "ob") would match half the vocabulary
MAX_OFFSET = 10_000  # hits are ranked: nobody reads past the first thousands
KINDS = {"measures": "MEASURE", "papers": "PAPER", "meetings": "MEETING", "bodies": "BODY"}

_WORD = re.compile(r"[^\W_]+")  # letters and digits; "_" separates, like a space
_STEMMER = snowballstemmer.stemmer("german")
# Function words no search is about (a short form of the Snowball German stop list).
_STOP_LIST = """
aber alle als also am an auch auf aus bei bin bis bist da damit dann das dass dem den der
des dessen die dies diese dieser dieses doch dort du durch ein eine einem einen einer eines
er es für hat hatte ich ihr im in ins ist ja jede jedem jeden jeder jedes kein keine man mit
nach nicht noch nur ob oder ohne sich sie sind so sondern über um und uns unter vom von vor
war waren was weil wenn wer werden wie wir wird wo zu zum zur zwischen
"""
STOPWORDS = frozenset(_STOP_LIST.split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A word's search term ('' for a function word). The pure-Python stemmer is slow;
    a city's vocabulary is small, so each word is stemmed once."""
    folded = word.casefold()
    if folded in STOPWORDS:
        return ""
    if folded.isascii() and folded.isdigit():  # numbers stay as they are
        return folded
    return str(_STEMMER.stemWord(folded))


def terms_of(text: str) -> list[str]:
    return [term for term in map(stem, _WORD.findall(text)) if term]


def query_terms(text: str) -> list[str]:
    """The distinct terms of what a reader typed, in order."""
    return list(dict.fromkeys(terms_of(text)))


def is_prefix(term: str) -> bool:
    """Whether a searched term also matches longer terms (numbers match as typed)."""
    return len(term) >= PREFIX_FROM and not term.isdigit()


def _tsquery(terms: Iterable[str]) -> str:
    # Terms are letters and digits only (see _WORD), so they need no quoting.
    return " & ".join(f"{term}:*" if is_prefix(term) else term for term in terms)


def texts(table: str, row: Row) -> tuple[str, list[str]]:
    """A row's title and its other searchable texts (only what PUBLIC may read)."""
    if table == "measures":
        evaluations = row["evaluations"] or []
        return row["title"], [
            row["description"] or "",
            *(e.get("report") or "" for e in evaluations),
            *(item for e in evaluations for item in e.get("obstacles") or []),
            *(item for e in evaluations for item in e.get("enablers") or []),
        ]
    if table == "papers":
        return f"{row['reference']} {row['subject']}", [
            row["decision_proposal"] or "",
            row["explanation"] or "",
        ]
    if table == "meetings":
        return row["title"], [
            *(item.get("title") or "" for item in row["agenda"] or []),
            row["minutes"] or "",
        ]
    return row["name"], [row["topic"] or ""]


def _document(table: str, key: str, row: Row) -> list[Any]:
    title, rest = texts(table, row)
    body = "\n".join(part for part in (title, *rest) if part)
    terms = terms_of(title) * 2 + [t for part in rest for t in terms_of(part)]
    return [f"{KINDS[table]}:{key}", KINDS[table], key, body, " ".join(terms)]


# Keeping the index ---------------------------------------------------------------------


def refresh(
    cursor: Cursor,
    postgres: bool,
    before: dict[str, dict[str, Row | None]],
    after: dict[str, dict[str, Row]],
    *,
    full_text: bool = True,
) -> None:
    """The documents of the rows a batch changed, where their text changed; with
    ``full_text``, their entries in the full-text index too."""
    documents = [
        _document(table, key, row)
        for table in KINDS
        for key, row in after.get(table, {}).items()
        if row is not None
        and (
            (old := before.get(table, {}).get(key)) is None
            or texts(table, old) != texts(table, row)
        )
    ]
    if not documents:
        return
    cursor.executemany(
        f"INSERT INTO {TABLE} (doc, kind, key, body, terms) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (doc) DO UPDATE SET body = excluded.body, terms = excluded.terms",
        documents,
    )
    if not full_text:
        return
    if postgres:
        cursor.executemany(
            f"UPDATE {TABLE} SET vector = to_tsvector('simple', terms) WHERE doc = ?",
            [[d[0]] for d in documents],
        )
        return
    for start in range(0, len(documents), 500):
        chunk = documents[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        cursor.execute(
            f"SELECT rowid, terms FROM {TABLE} WHERE doc IN ({marks})", [d[0] for d in chunk]
        )
        rows = [(r[0], r[1]) for r in cursor.fetchall()]
        cursor.executemany(f"DELETE FROM {FTS} WHERE rowid = ?", [[r[0]] for r in rows])
        cursor.executemany(f"INSERT INTO {FTS} (rowid, terms) VALUES (?, ?)", rows)


def purge(cursor: Cursor, postgres: bool) -> None:
    """After a rewrite: FTS5 keeps a deleted document's terms in its segments until they
    are merged; merging them all now leaves no trace (PostgreSQL: VACUUM, like every view)."""
    if not postgres:
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")


# Reading ---------------------------------------------------------------------------------


class SearchQueries:
    def __init__(self, db: ViewDatabase):
        self.db = db

    def matching(self, kind: str, text: str) -> tuple[str, list[Any]]:
        """SQL selecting the keys of documents of ``kind`` that match ``text`` (for
        ``measures(search:)``): every term must occur."""
        terms = query_terms(text)
        if not terms:
            return "SELECT NULL WHERE 1 = 0", []
        if self.db.postgres:
            return (
                f"SELECT key FROM {TABLE} WHERE kind = ? AND vector @@ to_tsquery('simple', ?)",
                [kind, _tsquery(terms)],
            )
        return (
            f"SELECT d.key FROM {FTS} CROSS JOIN {TABLE} d ON d.rowid = {FTS}.rowid "
            f"WHERE {FTS} MATCH ? AND d.kind = ?",
            [_fts_query(terms), kind],
        )

    def hits(self, text: str, kinds: Sequence[str], first: int | None, after: str | None) -> Page:
        """Documents matching ``text``, best first: rows {kind, key, score, snippet}."""
        terms, size = query_terms(text), page_size(first)
        offset = decode_cursor(after, 1)[0] if after is not None else 0
        if type(offset) is not int or not 0 <= offset <= MAX_OFFSET:
            raise BadPaging(f"{after!r} is not a cursor of this search.", "after")
        if not terms or not kinds:
            return Page([], ["offset"], False, after is not None, 0)
        kind_marks = ", ".join("?" for _ in kinds)
        if self.db.postgres:
            source = (
                f"FROM {TABLE} d, to_tsquery('simple', ?) q "
                f"WHERE d.vector @@ q AND d.kind IN ({kind_marks})"
            )
            params: list[Any] = [_tsquery(terms), *kinds]
            score = "ts_rank(d.vector, q)"
        else:
            # CROSS JOIN keeps FTS5 first: left to itself, SQLite's planner walks every
            # document of the kinds and asks FTS5 about each (a count over 2,000 documents
            # took 110 ms instead of 0.4 ms).
            source = (
                f"FROM {FTS} CROSS JOIN {TABLE} d ON d.rowid = {FTS}.rowid "
                f"WHERE {FTS} MATCH ? AND d.kind IN ({kind_marks})"
            )
            params = [_fts_query(terms), *kinds]
            score = f"-bm25({FTS})"  # bm25: lower is better
        rows = self.db.query(
            f"SELECT d.kind, d.key, d.doc, d.body, {score} AS score {source} "
            f"ORDER BY score DESC, d.doc LIMIT {size + 1} OFFSET {offset}",
            params,
        )
        found = [
            {
                "kind": row["kind"],
                "key": row["key"],
                "score": float(row["score"]),
                "snippet": snippet(row["body"], terms),
                "offset": offset + n + 1,
            }
            for n, row in enumerate(rows[:size])
        ]

        def count() -> int:
            total = self.db.query_one(f"SELECT COUNT(*) AS n {source}", params)
            return int(total["n"]) if total else 0

        return Page(found, ["offset"], len(rows) > size, offset > 0, count)


def _fts_query(terms: Iterable[str]) -> str:
    # Quoted, so that a term is never read as an FTS5 operator (AND, NEAR, column:).
    return " ".join(
        '"' + term.replace('"', '""') + '"' + ("*" if is_prefix(term) else "") for term in terms
    )


def matches(term: str, searched: Sequence[str]) -> bool:
    """Whether a document's term is one a search for ``searched`` finds."""
    return any(term.startswith(s) if is_prefix(s) else term == s for s in searched)


def snippet(body: str, terms: Sequence[str], width: int = 24) -> str | None:
    """The passage around the first match, HTML-escaped, matches in <mark>…</mark>."""
    words = list(_WORD.finditer(body))
    matched = {n for n, word in enumerate(words) if (s := stem(word.group())) and matches(s, terms)}
    if not matched:
        return None
    start = max(0, min(matched) - width // 3)
    end = min(len(words), start + width)
    begin, finish = words[start].start(), words[end - 1].end()
    parts, position = [], begin
    for n in range(start, end):
        word = words[n]
        if n in matched:
            parts.append(html.escape(body[position : word.start()]))
            parts.append(f"<mark>{html.escape(word.group())}</mark>")
            position = word.end()
    parts.append(html.escape(body[position:finish]))
    text = " ".join("".join(parts).split())  # one line: newlines between fields become spaces
    return ("… " if begin > 0 else "") + text + (" …" if finish < len(body) else "")
