"""Identity militias named as ACLED names them: a kind word next to a militia noun ("Zamfara communal militias",
"unidentified clan militia") makes a party phrase the militia of that kind of the group the capitalised words before
them name ("Zamfara Communal Militia (Nigeria)"), or of ACLED's "Unidentified" group. The words are data
(``data/lang/<lang>/militia_words.tsv``); the name's form is ``data/taxonomy/generic_actors.tsv``'s."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from frontwatch.data import lang_file, read_tsv_dicts
from frontwatch.errors import DataFileError
from frontwatch.extract.arguments import lookup
from frontwatch.extract.parties import actor_words
from frontwatch.extract.place_words import function_words


@dataclass(frozen=True)
class _Words:
    nouns: frozenset[str]
    kinds: dict[str, str]
    skip: frozenset[str]
    unwritten: dict[str, str]  # a militia noun -> the kind of a group named right before it with no kind word


@lru_cache(maxsize=None)
def _words(lang: str) -> _Words | None:
    try:
        rows = lang_file(lang, "militia_words")
    except DataFileError:  # a language without the list names no identity militia
        return None
    return _Words(frozenset(r["word"] for r in rows if r["role"] == "noun"),
                  {r["word"]: r["kind"] for r in rows if r["role"] == "kind"},
                  frozenset(r["word"] for r in rows if r["role"] == "skip"),
                  {r["word"]: r["kind"] for r in rows if r["role"] == "noun" and r["kind"]})


_TOKEN = re.compile(r"[^\s,;:()«»\"“”]+")


def identity_militia(phrase: str, lang: str) -> tuple[str, str | None] | None:
    """The generic kind and the group of the identity militia ``phrase`` names ("Suspected Fulani ethnic
    militiamen" -> ("ethnic_militia", "Fulani"); "unidentified clan militia" -> ("clan_militia", None)), or None
    when it names none: a kind word must stand right next to a militia noun, or a group's capitalised name right
    before a noun that says the kind of such a group ("Lendu militia", "Maasai militias": ethnic; "Al Awad
    tribesmen": tribal), a people's name and not a country's demonym ("Iranian militias")."""
    words = _words(lang)
    if words is None:
        return None
    tokens = [m.group().strip(".'’") for m in _TOKEN.finditer(phrase)]
    lowered = [t.lower() for t in tokens]
    for i, word in enumerate(lowered):
        kind = words.kinds.get(word)
        if kind is None:
            continue
        if i + 1 < len(tokens) and lowered[i + 1] in words.nouns:
            first = i  # "Zamfara communal militias": the group's words stand before the kind word
        elif i > 0 and lowered[i - 1] in words.nouns:
            first = i - 1  # a language that writes the kind after the noun
        else:
            continue
        start = first
        while start > 0 and tokens[start - 1][:1].isupper():
            start -= 1
        while start < first and lowered[start] in words.skip:
            start += 1
        group = " ".join(tokens[start:first])
        return kind, group or None
    return _unwritten_kind(tokens, lowered, words, lang)


# A word of a group's name: capitalised, and so is each part after a hyphen ("Hawiye-Habar", not "Pro-government")
_NAME_WORD = re.compile(r"[A-Z](?:[^\W\d_]|['’])*(?:-[A-Z](?:[^\W\d_]|['’])*)*")


def _unwritten_kind(tokens: list[str], lowered: list[str], words: _Words, lang: str) -> tuple[str, str] | None:
    """The kind and group of a militia written as a group's name before a noun alone ("Lendu militia")."""
    for i, word in enumerate(lowered):
        kind = words.unwritten.get(word)
        if kind is None:
            continue
        start = i
        while start > 0 and _NAME_WORD.fullmatch(tokens[start - 1]) and lowered[start - 1] not in words.skip:
            start -= 1
        named = tokens[start:i]
        if named and not any(lookup(w, actor_words(lang)) is not None for w in lowered[start:i]):
            return kind, " ".join(named)
    return None


# Capitalised words joined by spaces or hyphens right before a phrase: the start of a group's name the parse cut
# ("Hawiye-Habar Gedir-Saleban sub-clan militia" parsed as "Saleban sub-clan militia").
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’]*[ -])+$")


def militia_phrase(text: str, start: int, end: int, lang: str) -> str | None:
    """The phrase ``text[start:end]`` with the rest of its group's name written right before it, when it names an
    identity militia; else None."""
    phrase = text[start:end]
    if not phrase[:1].isupper():
        return None
    if identity_militia(phrase, lang) is None:
        phrase = _sharing_head(text, end, phrase, lang)
        if phrase is None:
            return None
    before = _NAME_BEFORE.search(text, max(0, start - 60), start)
    return text[before.start():start] + phrase if before else phrase


def _sharing_head(text: str, end: int, phrase: str, lang: str) -> str | None:
    """A group's name alone joined to another's militia ("Kipsigis and Maasai militias", "Al Tilan and Al Dahshal
    tribal militias"): the name with the words that make the other a militia, which it shares."""
    coordinator = function_words(lang)["coordinator"]
    if not coordinator or not all(_NAME_WORD.fullmatch(w) for w in phrase.split()):
        return None
    found = re.match(rf"\s+(?:{coordinator})\s+(?:{_NAME_WORD.pattern}\s+)+?([a-z][\w-]*)(?:\s+([a-z][\w-]*))?",
                     text[end:end + 80])
    if found is None:
        return None
    # the noun itself, or a kind word and its noun ("tribal militias")
    shared = (found.group(1), f"{found.group(1)} {found.group(2)}") if found.group(2) else (found.group(1),)
    return next((f"{phrase} {words}" for words in shared if identity_militia(f"{phrase} {words}", lang)), None)


@lru_cache(maxsize=1)
def _lineages() -> dict[str, list[tuple[str, str, date]]]:
    """Country code -> (folded clan, ACLED's lineage, first day of that naming), longest clan first."""
    out: dict[str, list[tuple[str, str, date]]] = {}
    for r in read_tsv_dicts("taxonomy", "clan_lineages.tsv"):
        out.setdefault(r["country"], []).append((_folded(r["clan"]), r["lineage"], date.fromisoformat(r["from"])))
    return {code: sorted(rows, key=lambda row: -len(row[0])) for code, rows in out.items()}


def _folded(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.lower()).strip()


def acled_militia(kind: str, group: str | None, country: str | None, on_date: date | None) -> tuple[str, str | None]:
    """The kind and group ACLED names a clan militia by in ``country`` (ISO code) on ``on_date``: a clan of
    ``data/taxonomy/clan_lineages.tsv`` is its lineage's sub-clan militia ("Hawadle" clan militia ->
    ("subclan_militia", "Hawiye-Hawadle"); "Habar Gedir Ayr" -> "Hawiye-Habar Gedir-Ayr"); else as written."""
    if kind not in ("clan_militia", "subclan_militia") or not group or not country or on_date is None:
        return kind, group
    folded = _folded(group)
    for clan, lineage, since in _lineages().get(country, ()):
        if on_date >= since and (folded == clan or folded.startswith(clan + " ")):
            words = group.replace("-", " ").split()
            tail = " ".join(words[len(clan.split()):])
            return "subclan_militia", lineage + (f"-{tail}" if tail else "")
    return kind, group
