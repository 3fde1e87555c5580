"""Cleaning of plain text scraped from the web: drop menus, share bars, newsletters and comment sections.

The rules are data: ``data/lang/mul/ingest_boilerplate.tsv`` (language-neutral debris) and
``data/lang/<iso>/boilerplate.tsv`` (one language's debris). Each row has a ``kind``:

- ``drop_line``: a line the pattern fully matches is removed;
- ``drop_from_here``: that line and everything after it are removed (comment and share sections close
  an article), but only when the line sits in the document's tail (``Settings.boilerplate_tail_min_fraction``);
  earlier in the document the line alone is removed, so a widget in a page header never cuts the article.

Besides the rules, a line repeated verbatim is kept once (headlines are often scraped twice), runs of blank
lines disappear, a cross-heading glued to the sentence after it goes on its own line, and the cleaned text holds
one paragraph per line, separated by ``"\\n"``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError, Messages
from frontwatch.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

DROP_LINE = "drop_line"
DROP_FROM_HERE = "drop_from_here"
KINDS = frozenset({DROP_LINE, DROP_FROM_HERE})

# The language-neutral rules live under ISO 639-2 "mul" (multiple languages).
NEUTRAL_LANG = "mul"
NEUTRAL_FILE = "ingest_boilerplate"
LANG_FILE = "boilerplate"

# A cross-heading in capitals scraped onto the sentence after it ("DIMANCHE 11 JANVIERUne grande marche",
# "INTERVIEW IRRÉELLELe réaction du pouvoir"): the capital that opens a word in lower case after three capitals
# (six before a one-letter word, so that "ISILs" and "SANAs" stay whole) starts a new line.
_GLUED_HEADING = re.compile(r"(?<=[A-ZÀ-Ý]{3})(?=[A-ZÀ-Ý][a-zà-ÿ]{2,}[^\w'’-])|(?<=[A-ZÀ-Ý]{6})(?=[A-ZÀ-Ý][a-zà-ÿ]\s)")
# Invisible characters that scraping leaves inside words: BOM, zero-width space/joiners, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))


@dataclass(frozen=True)
class BoilerplateRule:
    """One line pattern of web debris and what to do when a line matches it."""

    kind: str
    pattern: re.Pattern[str]
    origin: str  # the data file it came from, for logs


@lru_cache(maxsize=None)
def load_rules(lang: str | None) -> tuple[BoilerplateRule, ...]:
    """The neutral rules followed by ``lang``'s rules (none for a language without a boilerplate file)."""
    rules = list(_read_rules(NEUTRAL_LANG, NEUTRAL_FILE))
    if lang:
        try:
            rules.extend(_read_rules(lang, LANG_FILE))
        except DataFileError:
            log.debug("no boilerplate rules for language %r; using the neutral set only", lang)
    return tuple(rules)


def _read_rules(lang: str, name: str) -> tuple[BoilerplateRule, ...]:
    origin = f"lang/{lang}/{name}.tsv"
    rules = []
    for row in lang_file(lang, name):
        kind, source = row.get("kind", ""), row.get("pattern", "")
        if kind not in KINDS:
            raise DataFileError(Messages.E013.format(path=origin, detail=f"unknown kind {kind!r}, expected one of {sorted(KINDS)}"))
        try:
            pattern = re.compile(source, re.IGNORECASE)
        except re.error as e:
            raise DataFileError(Messages.E013.format(path=origin, detail=f"bad pattern {source!r}: {e}")) from e
        rules.append(BoilerplateRule(kind, pattern, origin))
    return tuple(rules)


def normalize_text(text: str) -> str:
    """Unicode NFC, Unix newlines and no invisible characters; every other character is kept as it is."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)


def clean_text(text: str, lang: str | None = None, *, settings: Settings = SETTINGS) -> str:
    """The article's own lines of ``text``, one paragraph per line, without the web debris around them."""
    rules = load_rules(lang)
    lines = [line.strip() for line in _GLUED_HEADING.sub("\n", normalize_text(text)).split("\n")]
    lines = [line for line in lines if line]
    lines = _truncate_tail(lines, rules, settings.boilerplate_tail_min_fraction)
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        rule = _first_match(line, rules)
        if rule is not None:
            log.debug("dropped %r (%s, %s)", line[:60], rule.kind, rule.origin)
            continue
        if line in seen:
            log.debug("dropped repeated line %r", line[:60])
            continue
        seen.add(line)
        kept.append(line)
    return "\n".join(kept)


def _truncate_tail(lines: list[str], rules: tuple[BoilerplateRule, ...], min_fraction: float) -> list[str]:
    """Cut the lines at the first ``drop_from_here`` line that has enough of the document before it."""
    enders = [rule for rule in rules if rule.kind == DROP_FROM_HERE]
    total = sum(len(line) for line in lines)
    before = 0
    for i, line in enumerate(lines):
        if before >= min_fraction * total and any(rule.pattern.fullmatch(line) for rule in enders):
            log.debug("truncated %d lines from %r", len(lines) - i, line[:60])
            return lines[:i]
        before += len(line)
    return lines


def _first_match(line: str, rules: tuple[BoilerplateRule, ...]) -> BoilerplateRule | None:
    for rule in rules:
        if rule.pattern.fullmatch(line):
            return rule
    return None
