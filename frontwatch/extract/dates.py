"""Find date expressions in a text with regexes compiled from the per-language dates_*.tsv lexicons.

The grammar is data: ``data/lang/<iso>/dates_patterns.tsv`` holds regex templates whose placeholders
({day} {month} {year} {weekday} {num} {unit} ...) expand from ``dates_months``, ``dates_weekdays``,
``dates_numbers`` and ``dates_units``. A new language needs those five files, no code. No spaCy here:
it runs on the raw text and costs a few milliseconds per article.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError, Messages
from frontwatch.resolve.dates import DateMention

__all__ = ["DateMention", "find_dates", "opens_on_calendar_word"]

log = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"\{(day|month|monthnum|year|weekday|num|unit|hour|minute)(2?)\}")
_BUILTIN = {
    "monthnum": r"1[0-2]|0?[1-9]",
    "year": r"(?:19|20)\d\d",
    "hour": r"2[0-3]|[01]?\d",
    "minute": r"[0-5]\d",
}
_KINDS_WITH_YEAR = {"day_month": "absolute", "month": "month_year"}


@dataclass(frozen=True)
class _Rule:
    """One row of dates_patterns.tsv, compiled."""

    name: str
    kind: str
    relation: str
    anchor: str | None
    offset: int | None
    unit: str | None
    mode: str | None
    precision: int | None
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Lexicon:
    """Everything find_dates needs for one language."""

    months: dict[str, int]
    weekdays: dict[str, int]
    counts: dict[str, tuple[int, bool]]  # word -> (value, vague)
    days: dict[str, int]
    units: dict[str, str]
    rules: tuple[_Rule, ...]
    # where some rule matches: every rule's body in one alternation inside a lookahead (groups unnamed), so the text
    # is scanned once and each rule is tried only at those few positions (``_matches``)
    gate: re.Pattern[str]
    # the same alternation with its letters in lower case and matched case-sensitively, on the text in lower case
    # (``_lowered``): the same positions, found in less than half the time an ignore-case scan takes
    lower_gate: re.Pattern[str]


def find_dates(text: str, lang: str = "fr") -> list[DateMention]:
    """Every date expression in ``text``, in order, without overlaps (the longest match wins)."""
    lexicon = _lexicon(lang)
    candidates: list[tuple[int, int, int, dict[str, str]]] = []
    for index, match in _matches(text, lexicon):
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        candidates.append((match.start(), match.end(), index, groups))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for start, end, index, groups in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        mention = _mention(text, start, end, groups, lexicon.rules[index], lexicon)
        if mention is None:
            continue
        taken.append((start, end))
        mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    log.debug("found %d date mentions in %d characters", len(mentions), len(text))
    return mentions


def _matches(text: str, lexicon: _Lexicon) -> list[tuple[int, re.Match[str]]]:
    """Each rule's matches in ``text``, as ``rule.regex.finditer`` finds them, with the rule's index.

    Every match starts where the gate matches, so a rule is tried only there, from the end of its previous match
    on: the matches finditer would find (scanning the text once per rule cost about twice as much). A rule matching
    the empty string would need finditer's own stepping past it: then every rule scans the text."""
    rules = lexicon.rules
    found: list[tuple[int, re.Match[str]]] = []
    free = [0] * len(rules)  # where each rule's next match may start
    lowered = _lowered(text)
    openings = lexicon.gate.finditer(text) if lowered is None else lexicon.lower_gate.finditer(lowered)
    for opening in openings:
        at = opening.start()
        for index, rule in enumerate(rules):
            if at >= free[index] and (match := rule.regex.match(text, at)) is not None:
                if match.end() == at:
                    return [(i, m) for i, r in enumerate(rules) for m in r.regex.finditer(text)]
                free[index] = match.end()
                found.append((index, match))
    return found


# Letters an ignore-case match takes for another that ``str.lower`` leaves apart (dotless i, long s)
_CASE_FOLDS = str.maketrans({"ı": "i", "ſ": "s"})


def _lowered(text: str) -> str | None:
    """``text`` in lower case, character for character as an ignore-case match compares it; None where lowering
    changes its length ("İ"), so offsets into it would not be the text's."""
    lowered = text.lower().translate(_CASE_FOLDS)
    return lowered if len(lowered) == len(text) else None


def _key(word: str) -> str:
    # a capital dotted I lower-cases to "i" and a combining dot ("LUNDİ" in copy typed on a Turkish keyboard)
    return " ".join(word.lower().replace("\u0307", "").replace("’", "'").replace("‑", "-").split())


def _mention(text: str, start: int, end: int, groups: dict[str, str], rule: _Rule, lexicon: _Lexicon) -> DateMention | None:
    """The DateMention a match spells out, or None when it is not a calendar date (31 February)."""
    day = _day(groups.get("day"), lexicon)
    end_day = _day(groups.get("day2"), lexicon)
    month = lexicon.months[_key(groups["month"])] if "month" in groups else None
    if "monthnum" in groups:
        month = int(groups["monthnum"])
    year = int(groups["year"]) if "year" in groups else None
    if day is not None and month is not None and not _possible(day, month, year):
        return None
    weekday = lexicon.weekdays[_key(groups["weekday"])] if "weekday" in groups else None
    end_weekday = lexicon.weekdays[_key(groups["weekday2"])] if "weekday2" in groups else None
    unit = lexicon.units[_key(groups["unit"])] if "unit" in groups else rule.unit
    vague = "num_approx" in groups
    offset = rule.offset
    if "num" in groups:
        count, vague_count = _count(groups["num"], lexicon)
        vague = vague or vague_count
        offset = (1 if offset is None else offset) * count
    elif "unit" in groups and rule.offset is not None:
        offset, vague = rule.offset * 3, True  # a bare plural unit ("ces derniers jours") reads as "a few"
    kind = _KINDS_WITH_YEAR.get(rule.kind, rule.kind) if year is not None else rule.kind
    return DateMention(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        rule=rule.name,
        relation=rule.relation,
        anchor=rule.anchor,
        day=day,
        month=month,
        year=year,
        weekday=weekday,
        end_day=end_day,
        end_weekday=end_weekday,
        offset=offset,
        unit=unit,
        mode=rule.mode,
        vague=vague,
        precision=rule.precision,
        hour=int(groups["hour"]) if "hour" in groups else None,
        minute=int(groups["minute"]) if "minute" in groups else None,
    )


def _day(value: str | None, lexicon: _Lexicon) -> int | None:
    if value is None:
        return None
    return int(value) if value.isdigit() else lexicon.days[_key(value)]


def _count(value: str, lexicon: _Lexicon) -> tuple[int, bool]:
    return (int(value), False) if value.isdigit() else lexicon.counts[_key(value)]


def _possible(day: int, month: int, year: int | None) -> bool:
    """True when the day exists in that month (any leap year when the year is not written)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2024, month)[1]


def opens_on_calendar_word(mention: DateMention, lang: str = "fr") -> bool:
    """Whether a date is written bare, opening on its day, weekday or month ("Sunday 1 Feb 2015", "27 October
    2016"), as a dateline is, rather than as a complement ("Le 24 février 2022", "on April 2")."""
    first = _key(mention.text.split()[0]) if mention.text.split() else ""
    lexicon = _lexicon(lang)
    return first[:1].isdigit() or first in lexicon.weekdays or first in lexicon.months


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    """The compiled lexicon of ``lang``, read once per process."""
    months = {_key(r["word"]): int(r["month"]) for r in lang_file(lang, "dates_months")}
    weekdays = {_key(r["word"]): int(r["weekday"]) for r in lang_file(lang, "dates_weekdays")}
    units = {_key(r["word"]): r["unit"] for r in lang_file(lang, "dates_units")}
    numbers = lang_file(lang, "dates_numbers")
    counts = {_key(r["word"]): (int(r["value"]), r["role"] == "vague") for r in numbers if r["role"] in ("count", "vague")}
    days = {_key(r["word"]): int(r["value"]) for r in numbers if r["role"] == "day"}
    approx = [_key(r["word"]) for r in numbers if r["role"] == "approx"]
    alternations = {
        "month": _alternation(months),
        "weekday": _alternation(weekdays),
        "unit": _alternation(units),
        "day": _alternation(days) + "|" + r"3[01]|[12]\d|0?[1-9]",
        "num_approx": _alternation(approx),
        "num": _alternation(counts) + r"|\d{1,3}",
        **_BUILTIN,
    }
    rules, bodies, lower_bodies = [], [], []
    for row in lang_file(lang, "dates_patterns"):
        try:
            regex = re.compile(r"(?<!\w)(?:" + _expand(row["pattern"], alternations) + r")(?!\w)", re.IGNORECASE)
            bodies.append(r"(?:" + _expand(row["pattern"], alternations, named=False) + r")(?!\w)")
            lower_bodies.append(r"(?:" + _expand(row["pattern"], alternations, named=False, lower=True) + r")(?!\w)")
        except re.error as e:
            raise DataFileError(
                Messages.E013.format(path=f"lang/{lang}/dates_patterns.tsv", detail=f"rule {row['rule']!r}: {e}")
            ) from e
        rules.append(
            _Rule(
                name=row["rule"],
                kind=row["kind"],
                relation=row["relation"] or "at",
                anchor=row["anchor"] or None,
                offset=int(row["offset"]) if row["offset"] else None,
                unit=row["unit"] or None,
                mode=row["mode"] or None,
                precision=int(row["precision"]) if row["precision"] else None,
                regex=regex,
            )
        )
    gate = re.compile(r"(?<!\w)(?=" + "|".join(bodies) + ")", re.IGNORECASE)
    lower_gate = re.compile(r"(?<!\w)(?=" + "|".join(lower_bodies) + ")")
    return _Lexicon(months, weekdays, counts, days, units, tuple(rules), gate, lower_gate)


def _alternation(words) -> str:
    """A regex alternation of lexicon words, longest first, tolerant of spacing, apostrophes and hyphens."""
    return "|".join(_word_regex(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _word_regex(word: str) -> str:
    out = []
    for char in word:
        if char == " ":
            out.append(r"\s+")
        elif char in "'’":
            out.append("['’]")
        elif char in "-‑":
            out.append("[-‑]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _expand(template: str, alternations: dict[str, str], named: bool = True, lower: bool = False) -> str:
    """A pattern template as a regex: placeholders become named groups (plain groups unless ``named``), spaces any
    whitespace run; ``lower``: its letters in lower case (an escape's letter kept: ``\\w``, ``\\s``), for a
    case-sensitive match on lowered text (the lexicons' words are lower case already)."""
    out: list[str] = []
    in_class = escaped = False
    i = 0
    while i < len(template):
        char = template[i]
        placeholder = None if (escaped or in_class) else _PLACEHOLDER.match(template, i)
        if placeholder is not None:
            name, suffix = placeholder.groups()
            if name == "num":  # an optional approximator before the count: "près de cinq ans", "plus d'un an"
                group = "(?P<num_approx>" if named else "(?:"
                out.append(f"(?:{group}{alternations['num_approx']})(?:\\s+|(?<=['’])))?")
            out.append(f"(?P<{name}{suffix}>" if named else "(?:")
            out.append(f"{alternations[name]})")
            i = placeholder.end()
            continue
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == "]" and in_class:
            out.append(char)
            in_class = False
        elif char == " ":  # " ?" stays optional: a quantified space is one whitespace character
            quantified = template[i + 1 : i + 2] in ("?", "*", "+", "{")
            out.append(r"\s" if in_class or quantified else r"\s+")
        elif char in "'’" and not in_class:
            out.append("['’]")
        else:
            out.append(char.lower() if lower else char)
        i += 1
    return "".join(out)
