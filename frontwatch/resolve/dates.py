"""Resolve date mentions to calendar dates against the publication date, with ACLED's time_precision and why.

A mention is what ``frontwatch.extract.dates.find_dates`` read; this module does the calendar arithmetic and
knows no language. The record type ``DateMention`` lives here (resolve never imports extract) and is
re-exported by ``frontwatch.extract.dates``.

Choices, so that callers can rely on them:

- A weekday is the most recent such day on or before publication ("vendredi" on a Friday is that day);
  "jeudi dernier" is strictly before, "jeudi prochain" strictly after.
- A day and month without a year is the most recent one on or before publication (a 28 December read in
  an article of 3 January is last year's); a 29 February goes back to the last leap year. When its weekday
  does not fit that year but fits a year the text writes elsewhere ("janvier 2015" ... "le mercredi 7
  janvier"), it is of that year.
- A month alone is the first of that month, precision 3; "début / mi- / fin" a month is the 5th / 15th /
  25th (the middle of each third), precision 3, never after publication.
- "au cours des dernières 24 heures" is the publication day with precision 1; a window of up to a week
  is precision 2, up to a month precision 3, longer windows have no single date (None).
- "dans la nuit de mardi à mercredi" is the Wednesday (most of a night's events fall after midnight).
- "la veille", "deux jours plus tard" and other ``anchor='previous'`` mentions count from the previous
  mention in the text that resolved to within a week (precision 1 or 2, relation ``at``); with none
  they count from publication. The result is never more precise than its anchor. A same-day mention
  ("plus tôt dans la journée", "le même jour") skips a day reached by "la veille" / "le lendemain":
  those are side remarks ("tués la veille"), the story's day stays the one before them.
- "depuis lors", "mais depuis, ..." (kind ``since_then``, relation ``since``) start at the previous date of
  what is told in the text, of any precision ("En septembre 2018 ... Mais depuis, ..."); with none, no date.
- A publication datetime counts as its calendar day as written (time zones and DST play no part).
- Without a publication date only mentions that carry their year (or hang on such a mention) resolve;
  the rest get ``date=None`` with the reason, never an invented date.
- Without a publication date a resolved date of month precision or vaguer (a bare year "en 2018", a month
  "en mars 2020", a part of either "fin 2016") is background: a report tells its news by the day or the
  week ("mercredi", "le 3 février 2020"), so the years and months it names with nothing to measure them
  against are what it recalls. With a publication date, age decides (``background_max_age_days``).
  Such a date gives its date to nothing: an event it dates (in its sentence, or borrowed by an undated
  sentence of its paragraph) is history and is dropped; an event with no date at all stays undated (None).
"""

from __future__ import annotations

import calendar
import logging
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from frontwatch.settings import SETTINGS

log = logging.getLogger(__name__)

DAY, WEEK, MONTH = 1, 2, 3  # ACLED time_precision
# Day of the month (or month and day of the year) standing for the early / mid / late part of it.
_MONTH_PART_DAY = {"early": 5, "mid": 15, "late": 25}
_YEAR_PART_DAY = {"early": (2, 15), "mid": (7, 1), "late": (11, 15)}
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
# A window longer than this has no single date worth exporting.
_MAX_WINDOW_DAYS = 31
# Kinds that never give the date of what is told.
_NO_EVENT_KINDS = frozenset({"time", "distant_past", "since_reference"})


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, with its offsets and the parts it spells out."""

    start: int
    end: int
    text: str
    kind: str  # absolute, day_month, month_year, month, month_part, year, weekday, relative_day,
    # relative_offset, duration_window, part_of_day, night_span, date_range, since_reference,
    # since_then, distant_past, time
    rule: str = ""  # the dates_patterns.tsv rule that read it
    relation: str = "at"  # at | since (start of an ongoing period) | reference (a point of comparison)
    anchor: str | None = None  # publication | previous | None (absolute)
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None  # 0 Monday .. 6 Sunday
    end_day: int | None = None  # second day of a range or a night ("du 3 au 5", "nuit du 2 au 3")
    end_weekday: int | None = None  # second weekday of a night ("nuit de mardi à mercredi")
    offset: int | None = None  # signed count of ``unit`` from the anchor
    unit: str | None = None  # hour, day, week, month, year
    mode: str | None = None  # weekday: last_or_same, last, next; month_part: early, mid, late; snap
    vague: bool = False  # a vague count ("quelques jours", "près de cinq ans")
    precision: int | None = None  # time_precision forced by the lexicon
    hour: int | None = None
    minute: int | None = None

    @property
    def offset_days(self) -> int | None:
        """The offset in whole days when the unit is a day or a week, else None."""
        if self.offset is None or self.unit not in ("day", "week"):
            return None
        return self.offset * (7 if self.unit == "week" else 1)


# How many days a vague date's period may run past the day it resolves to ("fin 2023": 15 November to 31 December).
_SPAN_DAYS = {"month_year": 30, "month": 30, "month_part": 46, "year": 365}


@dataclass(frozen=True)
class ResolvedDate:
    """A date mention resolved to a calendar date (or None, with the reason), with ACLED's time_precision."""

    mention: DateMention
    date: date | None
    time_precision: int  # 1 day, 2 week or a few days, 3 month or vaguer
    year_explicit: bool  # the year was written (in this mention or the one it counts from)
    reason: str

    @property
    def is_event_date(self) -> bool:
        """True when this can be the date of what is told: resolved, not a clock time, a reference point or the
        start of an ongoing period ("depuis janvier": what is told runs until now, it did not happen then)."""
        return self.date is not None and self.names_event_date

    @property
    def names_event_date(self) -> bool:
        """True when the mention, resolved or not, names when what is told happened ("mercredi" with no
        publication date names a day that cannot be known: the event is undated, not dated by another mention)."""
        return self.mention.relation == "at" and self.mention.kind not in _NO_EVENT_KINDS

    def age_days(self, published: date | None) -> int | None:
        """Days from this date to publication (positive in the past); None when either is unknown."""
        if self.date is None or published is None:
            return None
        return (published - self.date).days

    def is_background(self, published: date | None, max_age_days: int | None = None) -> bool:
        """True for history: the distant past, a reference year, a date older than ``max_age_days``, or, with no
        publication date, a year or a month (precision 3: nothing says it is recent)."""
        if self.mention.kind == "distant_past" or self.mention.relation == "reference":
            return True
        if published is None:
            return self.date is not None and self.time_precision >= MONTH
        age = self.age_days(published)
        limit = SETTINGS.background_max_age_days if max_age_days is None else max_age_days
        # a month or a year is recent while any of it is: "en mars" told on 2 April, "en 2024" in December
        limit += _SPAN_DAYS.get(self.mention.kind, 0) if self.time_precision >= MONTH else 0
        return age is not None and age > limit

    @property
    def can_anchor(self) -> bool:
        """True when a later "la veille" or "deux jours plus tard" may count from this date."""
        return (
            self.date is not None
            and self.mention.relation == "at"
            and self.mention.kind not in _NO_EVENT_KINDS
            and self.time_precision <= WEEK
        )


def resolve_dates(mentions: Sequence[DateMention], published: date | None,
                  sentence_starts: Sequence[int] = ()) -> list[ResolvedDate]:
    """Resolve mentions in text order; relative ones count from ``published`` or from the previous date. With the
    text's ``sentence_starts``, an offset ("quelques jours plus tard") counts from a month told in its sentence or
    the one before ("début janvier"), however coarse, rather than from an earlier day, and a part of the day
    ("overnight") is of the day its sentence gives before it ("On 21 May 2025, overnight, ...")."""
    if isinstance(published, datetime):  # the calendar day as written, whatever its offset or DST
        published = published.date()
    out: list[ResolvedDate] = []
    previous: ResolvedDate | None = None
    narrative: ResolvedDate | None = None  # the previous date not reached by "la veille" / "le lendemain"
    told: ResolvedDate | None = None  # the previous date of what is told, of any precision ("en septembre 2018")
    written = sorted({m.year for m in mentions if m.year is not None}, reverse=True)
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        same_day = mention.anchor == "previous" and mention.kind == "relative_day" and not mention.offset
        if mention.kind == "since_then":
            resolved = _since_then(mention, told)
        elif (mention.kind == "part_of_day" and previous is not None and previous.time_precision == DAY
              and previous.mention.kind == "absolute"
              and _sentences_apart(sentence_starts, previous.mention.start, mention.start) == 0):
            # "On 21 May 2025, overnight, Al Shabaab attacked": the night of the day its sentence gives
            resolved = replace(previous, mention=mention, reason="part of the day its sentence gives")
        else:
            base = narrative if same_day else previous
            if (mention.kind == "relative_offset" and told is not None and told.time_precision <= MONTH
                    and (base is None or told.mention.start > base.mention.start)
                    and _sentences_apart(sentence_starts, told.mention.start, mention.start) <= 1):
                base = told
            resolved = _resolve_one(mention, published, base)
            resolved = _weekday_year(resolved, written, published)
        out.append(resolved)
        if resolved.is_event_date:
            told = resolved
        if resolved.can_anchor:
            previous = resolved
            if not (mention.kind == "relative_day" and mention.anchor == "previous" and mention.offset):
                narrative = resolved
    log.debug("resolved %d of %d date mentions", sum(r.date is not None for r in out), len(out))
    return out


def _weekday_year(resolved: ResolvedDate, written: Sequence[int], published: date | None) -> ResolvedDate:
    """A day and month whose weekday is not the one of the year inferred for it ("le mercredi 7 janvier" in an
    article of August 2020: 7 January 2020 was a Tuesday) is of the most recent year the text writes in which it
    falls on that weekday (the "janvier 2015" of a retrospective). With no such year it stays as inferred: a
    weekday is as likely a slip of the pen as the sign of another year. A year after publication's is none (a
    date weeks ahead is announced, not told)."""
    m, found = resolved.mention, resolved.date
    if found is None or m.year is not None or m.weekday is None or m.day is None or found.weekday() == m.weekday:
        return resolved
    for year in written:
        other = _valid(year, found.month, found.day)
        if other is not None and other.weekday() == m.weekday and (published is None or other.year <= published.year):
            return replace(resolved, date=other, year_explicit=True,
                           reason=f"year written in the text, the one its weekday fits; not {found.year}")
    return resolved


_UNKNOWN_APART = 2


def _sentences_apart(sentence_starts: Sequence[int], a: int, b: int) -> int:
    """How many sentences separate offsets ``a`` and ``b``; without the sentences, more than the callers look across
    (the same sentence or the one before), so nothing is read as adjacent."""
    if not sentence_starts:
        return _UNKNOWN_APART
    return bisect_right(sentence_starts, b) - bisect_right(sentence_starts, a)


def _resolve_one(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    handler = _HANDLERS.get(m.kind)
    if handler is None:
        return ResolvedDate(m, None, MONTH, False, f"unknown kind {m.kind!r}")
    return handler(m, published, previous)


def _none(m: DateMention, reason: str) -> ResolvedDate:
    return ResolvedDate(m, None, m.precision or MONTH, m.year is not None, reason)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_month(m: DateMention, day: int, published: date | None) -> tuple[date | None, str]:
    """A day and month, in the written year or the most recent one on or before publication."""
    if m.year is not None:
        found = _valid(m.year, m.month, day)
        return found, ("written date" if found else "not a calendar date")
    if published is None:
        return None, "day and month without a year and no publication date"
    for year in range(published.year, published.year - 9, -1):  # 8 years back reaches a leap year
        found = _valid(year, m.month, day)
        if found is not None and found <= published:
            return found, "year inferred: most recent on or before publication"
    return None, "no such day in the years before publication"


def _absolute(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    found, reason = _day_month(m, m.day, published)
    return ResolvedDate(m, found, m.precision or DAY, m.year is not None, reason)


def _date_range(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    found, reason = _day_month(m, m.day, published)
    span = (m.end_day or m.day) - m.day
    precision = m.precision or (WEEK if 0 <= span <= 7 else MONTH)
    return ResolvedDate(m, found, precision, m.year is not None, f"first day of a range; {reason}")


def _night_span(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    if m.end_day is not None and m.month is not None:
        found, reason = _day_month(m, m.end_day, published)
        return ResolvedDate(m, found, m.precision or DAY, m.year is not None, f"night: its second day; {reason}")
    second = DateMention(**{**_fields(m), "weekday": m.end_weekday if m.end_weekday is not None else m.weekday})
    resolved = _weekday(second, published, previous)
    return ResolvedDate(m, resolved.date, resolved.time_precision, False, f"night: its second day; {resolved.reason}")


def _fields(m: DateMention) -> dict:
    return {name: getattr(m, name) for name in DateMention.__dataclass_fields__}


def _month_year(m: DateMention, published: date | None) -> tuple[int | None, str]:
    if m.year is not None:
        return m.year, "written year"
    if published is None:
        return None, "month without a year and no publication date"
    if m.month <= published.month:
        return published.year, "year inferred: this year's month, not after publication"
    return published.year - 1, "year inferred: last year's month, this year's is after publication"


def _month(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    year, reason = _month_year(m, published)
    if year is None:
        return _none(m, reason)
    return ResolvedDate(m, date(year, m.month, 1), m.precision or MONTH, m.year is not None, f"first of the month; {reason}")


def _month_part(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    if m.month is None:  # a part of a year: "début 2023", "fin 2016"
        if m.year is None:
            return _none(m, "part of a year without the year")
        month, day = _YEAR_PART_DAY[m.mode or "mid"]
        found, year_explicit, reason = date(m.year, month, day), True, f"{m.mode} part of the year"
    else:
        year, reason = _month_year(m, published)
        if year is None:
            return _none(m, reason)
        last = calendar.monthrange(year, m.month)[1]
        found = date(year, m.month, min(_MONTH_PART_DAY[m.mode or "mid"], last))
        year_explicit, reason = m.year is not None, f"{m.mode} part of the month; {reason}"
    if published is not None and published < found <= published + timedelta(days=31):
        found, reason = published, f"{reason}; capped at publication"
    return ResolvedDate(m, found, m.precision or MONTH, year_explicit, reason)


def _year(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    if m.year is None:
        return _none(m, "no year")
    if m.month is not None:  # "depuis mars 2020" as a reference point
        return ResolvedDate(m, date(m.year, m.month, 1), m.precision or MONTH, True, "first of the written month")
    return ResolvedDate(m, date(m.year, 1, 1), m.precision or MONTH, True, "first day of the written year")


def _anchor(m: DateMention, published: date | None, previous: ResolvedDate | None) -> tuple[ResolvedDate | None, str]:
    """The resolved date a relative mention counts from (None when unknown) and why."""
    if m.anchor == "previous" and previous is not None:
        return previous, f"counted from {previous.mention.text!r}"
    if m.anchor == "previous" and (m.offset or 0) > 0:  # "le lendemain" of a day the text does not give
        return None, "counts forward from an earlier date and the text gives none"
    if published is None:
        return None, "relative date and no publication date"
    pub = ResolvedDate(m, published, DAY, False, "publication")
    if m.anchor == "previous":
        return pub, "no earlier date in the text: counted from publication"
    return pub, "counted from publication"


def _weekday(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    base, reason = _anchor(m, published, previous)
    if base is None or m.weekday is None:
        return _none(m, reason)
    wd = base.date.weekday()
    mode = m.mode or "last_or_same"
    if mode == "next":
        found = base.date + timedelta(days=(m.weekday - wd - 1) % 7 + 1)
    elif mode == "last":
        found = base.date - timedelta(days=(wd - m.weekday - 1) % 7 + 1)
    else:
        found = base.date - timedelta(days=(wd - m.weekday) % 7)
    precision = max(m.precision or DAY, base.time_precision)
    return ResolvedDate(m, found, precision, base.year_explicit, f"weekday ({mode}); {reason}")


def _shift(start: date, count: int, unit: str) -> date:
    if unit in ("month", "year"):
        months = start.month - 1 + count * (12 if unit == "year" else 1)
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    if unit == "hour":
        return start + timedelta(days=int(count / 24))
    return start + timedelta(days=count * int(_UNIT_DAYS[unit]))


def _unit_precision(unit: str, vague: bool) -> int:
    if unit in ("hour", "day"):
        return WEEK if vague else DAY
    if unit == "week":
        return MONTH if vague else WEEK
    return MONTH


def _relative(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    base, reason = _anchor(m, published, previous)
    if base is None:
        return _none(m, reason)
    unit = m.unit or "day"
    found = _shift(base.date, m.offset or 0, unit)
    if m.mode == "snap":
        found = date(found.year, 1 if unit == "year" else found.month, 1)
    precision = max(m.precision or _unit_precision(unit, m.vague), base.time_precision)
    return ResolvedDate(m, found, precision, base.year_explicit, f"{m.offset or 0:+d} {unit}; {reason}")


def _window(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
    if published is None:
        return _none(m, "window before publication and no publication date")
    span = abs(m.offset or 0) * _UNIT_DAYS[m.unit or "day"]
    if span > _MAX_WINDOW_DAYS:
        return _none(m, f"window of {span:.0f} days: no single date")
    precision = m.precision or (DAY if span <= 1 else WEEK if span <= 7 else MONTH)
    return ResolvedDate(m, published, precision, False, f"window of {span:g} days ending at publication")


def _since_then(m: DateMention, told: ResolvedDate | None) -> ResolvedDate:
    """"depuis lors", "mais depuis, ...": the start of an ongoing period at the date told just before, whatever
    its precision ("En septembre 2018, ... Mais depuis, 1.800 civils ont été tués")."""
    if told is None:
        return _none(m, "since an earlier date and the text gives none")
    return ResolvedDate(m, told.date, told.time_precision, told.year_explicit,
                        f"since the date told before: {told.mention.text!r}")


def _no_date(reason: str):
    def handler(m: DateMention, published: date | None, previous: ResolvedDate | None) -> ResolvedDate:
        return _none(m, reason)

    return handler


_HANDLERS = {
    "absolute": _absolute,
    "day_month": _absolute,
    "date_range": _date_range,
    "night_span": _night_span,
    "month": _month,
    "month_year": _month,
    "month_part": _month_part,
    "year": _year,
    "since_reference": _year,
    "weekday": _weekday,
    "relative_day": _relative,
    "relative_offset": _relative,
    "part_of_day": _relative,
    "duration_window": _window,
    "distant_past": _no_date("the distant past: background, no date"),
    "time": _no_date("a clock time, not a date"),
}
