"""Which date of a document's text belongs to which event: the day its relative dates count from (a scraped
dateline may differ from the metadata), datelines that tell when a dispatch was filed, the days another trigger of a
sentence owns, a sentence that opens on its event's calendar day, and the words that make a date a comparison.
Read by ``frontwatch.extract.document``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc

from frontwatch.data import lang_file
from frontwatch.extract.dates import opens_on_calendar_word
from frontwatch.extract.draft import Draft
from frontwatch.extract.events import EventMention
from frontwatch.extract.modality import is_finite
from frontwatch.extract.parties import WORD
from frontwatch.extract.sentences import Sentence
from frontwatch.resolve.dates import DAY, ResolvedDate, resolve_dates

# Date mentions that write out a calendar day ("On 17 February 2020", "17/02/2020") or days ("On 13 and 14 February")
_CALENDAR_KINDS = frozenset({"absolute", "day_month", "date_range"})
# A date this close to the text's start, in its headline or lede, is when it was filed (a scraped dateline)
_FILED_CHARS = 300
# Words that may open a sentence before the date it opens on ("On", "Around", "In the night of")
_DATE_LEAD_WORDS = 4
# What may follow a day written as a sentence of its own: its hedge in brackets, a full stop or a colon ("18
# September (on or around). ")
_DATE_ALONE = re.compile(r"\s*(?:\([^()]*\))?\s*[.:]\s*")


def filed_day(text: str, found: Sequence, published, sentences: Sequence[Sentence], lang: str):
    """The day relative dates count from: the calendar day a scraped text opens its lede with, bare as a dateline
    ("Monitor AFP Sunday 1 Feb 2015 At least seven people were killed ... on Sunday"), where the metadata gives
    another day of publication; else the publication's. A day standing as a sentence of its own sets a story's
    scene ("9 novembre 2018. Comme chaque vendredi, des milliers de Palestiniens ..."), not when it was filed."""
    first = found[0] if found else None
    lede = sentences[1].end if len(sentences) > 1 else (sentences[0].end if sentences else 0)
    if (published is None or first is None or first.kind not in _CALENDAR_KINDS
            or first.start >= min(lede, _FILED_CHARS) or not opens_on_calendar_word(first, lang)
            or text[first.end:first.end + 1] in (".", "\n")):
        return published
    (when,) = resolve_dates([first], published)
    return when.date if when.time_precision == DAY and when.date is not None else published


def dated_in_sentence(draft: Draft, text: str) -> bool:
    """Whether the draft's sentence opens on the calendar day it happened ("On 17 February, shelling fell on ...";
    a weekday, "yesterday" or a date further on may be when a statement was made: "who tweeted on 30 August that"),
    or follows that day written as a sentence of its own ("18 September. Lendu militia attacked FARDC in Gobi")."""
    when = draft.event_date
    if when is None or when.mention.kind not in _CALENDAR_KINDS or not (
            when.time_precision == DAY or when.mention.kind == "date_range"):  # "Between 6 and 7 February"
        return False
    if when.mention.end <= draft.sentence.start and _DATE_ALONE.fullmatch(text, when.mention.end, draft.sentence.start):
        opening = text.rfind(".", 0, when.mention.start) + 1  # the date's own sentence
    elif draft.sentence.start <= when.mention.start < draft.sentence.end:
        opening = draft.sentence.start
    else:
        return False
    return len(WORD.findall(text[opening:when.mention.start])) <= _DATE_LEAD_WORDS


def framing_date(before: Sequence[ResolvedDate], sentence: Sentence, text: str, owners: dict[int, int]) -> ResolvedDate:
    """Of the dates of the last dated sentence before (``before``, in text order, the last in ``sentence``), the one
    that opens it, when a later one is another event's (``owners``: "On 24 July, in Goma, people protested ... after 4
    people had been killed on 23 July. PNC used tear gas": the 24th); else the last."""
    last = before[-1]
    opening = next((d for d in before if sentence.start <= d.mention.start < sentence.end
                    and len(WORD.findall(text[sentence.start:d.mention.start])) <= _DATE_LEAD_WORDS), None)
    if opening is None or opening is last:
        return last
    owner = owners.get(opening.mention.start)
    return opening if owner is not None and owners.get(last.mention.start, owner) != owner else last


@lru_cache(maxsize=None)
def compare_cues(lang: str) -> frozenset[str]:
    """The words that make the date after them a comparison (background.tsv, class compare)."""
    return frozenset(r["cue"].lower() for r in lang_file(lang, "background") if r["class"] == "compare")


# A date in parentheses opened right after another one glosses that one: "Around 29 July 2020 (between 28 - 30 July)"
_GLOSS_INSIDE, _GLOSS_CLOSING = re.compile(r"\([^()\n]{0,40}"), re.compile(r"[^()\n]*\)")


def without_glosses(text: str, found: Sequence) -> list:
    """The date mentions, but for those inside parentheses that open right after another date and gloss it ("Around
    30 March 2020 (from 27 March - 2 April), forces executed ..."): the span a report gives for its day tells no day
    of its own, so it neither dates the event (it stands nearer its trigger) nor makes it history ("2 April" before
    publication is last year's)."""
    ends = {m.end for m in found}

    def gloss(m) -> bool:
        opening = text.rfind("(", 0, m.start)
        return (opening >= 0 and len(text[:opening].rstrip()) in ends
                and _GLOSS_INSIDE.fullmatch(text, opening, m.start) is not None
                and _GLOSS_CLOSING.match(text, m.end) is not None)

    return [m for m in found if not gloss(m)]


# "Bamako, 12 juin 2024 (AFP) -", "BAMAKO, June 13, 2024 - ": a line's place and date of filing, then a dash
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-ZÀ-Ý][\w'’. -]{1,40},[ \t]*$")
_DATELINE_AFTER = re.compile(r"[ \t,]*(?:\([^)\n]{1,30}\))?[ \t]*[-–—]")


def is_dateline(text: str, when: ResolvedDate) -> bool:
    """Whether a date is a dispatch's dateline: when it was filed, not when anything happened."""
    start, end = when.mention.start, when.mention.start + len(when.mention.text)
    return bool(_DATELINE_BEFORE.search(text, max(0, start - 45), start) and _DATELINE_AFTER.match(text, end))


def date_owners(parsed, mentions: list[EventMention], dates: list) -> dict[int, int]:
    """For each date of a sentence with two of the ``mentions`` or more (by its start), the start of its nearest
    trigger above it in the parse, where it has one."""
    owners: dict[int, int] = {}
    for sent, sdoc in parsed:
        heads = _trigger_heads(sent, sdoc, mentions)
        if len(heads) < 2:
            continue
        for d in dates:
            tok = _token_at(sdoc, d.mention.start - sent.start) if sent.start <= d.mention.start < sent.end else None
            for _ in range(12):
                if tok is None or tok.head.i == tok.i:
                    break
                tok = tok.head
                if tok.i in heads:
                    owners[d.mention.start] = heads[tok.i]
                    break
    return owners


def dates_of_others(parsed, mentions: list[EventMention], owners: dict[int, int],
                    dates: Sequence[ResolvedDate] = ()) -> dict[int, frozenset[int]]:
    """For each event trigger (by its start), the dates of its sentence that belong to another (``owners``): a date
    whose nearest event trigger above it in the parse is another one, neither above nor below this trigger
    ("l'explosion ... est survenue à 20 km d'Indelimane, mais n'a aucun lien avec l'attaque de vendredi": Friday is the
    attack's day, not the explosion's; in "l'attaque de vendredi a tué cinq personnes" the victims are the attack's,
    and so is its day), or a casualty word's with an adverbial clause of its own, wherever it hangs ("erected
    barricades after 4 people have been killed on 23 July"). Victims counted in a phrase own no day: "rebels fired
    rockets on Damascus killing three civilians Friday". A date told in a relative or participial clause that does
    not hold the trigger is that clause's when it counts days from another ("the previous day": ``_in_noun_clause_apart``),
    whatever trigger it holds or none."""
    out: dict[int, frozenset[int]] = {}
    events = [m for m in mentions if m.kind == "event"]
    for sent, sdoc in parsed:
        for i, start in _trigger_heads(sent, sdoc, events).items():
            mine = sdoc[i]
            others = set()
            for d, owner in owners.items():
                theirs = _token_at(sdoc, owner - sent.start) if sent.start <= d < sent.end and owner != start else None
                if theirs is not None and (_clause_of_victims(theirs) or (
                        not _governs(mine, theirs) and not _governs(theirs, mine))):
                    others.add(d)
            others |= {d.mention.start for d in dates if sent.start <= d.mention.start < sent.end
                       and d.mention.kind in _COUNTED_DAYS
                       and _in_noun_clause_apart(sdoc, d.mention.start - sent.start, mine)}
            out[start] = frozenset(others)
    return out


def day_owning(mentions: list[EventMention], parsed) -> list[EventMention]:
    """The triggers that own the dates below them (``date_owners``): the event triggers, and casualty words with an
    adverbial clause of their own ("after 4 people have been killed on 23 July")."""
    out = []
    for m in mentions:
        found = next(((sent, sdoc) for sent, sdoc in parsed if sent.start <= m.start < sent.end), None)
        tok = _token_at(found[1], m.start - found[0].start) if found else None
        if m.kind == "event" or (tok is not None and _clause_of_victims(tok)):
            out.append(m)
    return out


# Dates counted in days from another ("the previous day", "two days ago"), which a clause of its own may tell
_COUNTED_DAYS = frozenset({"relative_day", "relative_offset"})
# Universal Dependencies relations of a clause that modifies a noun (relative and participial clauses)
_NOUN_CLAUSES = frozenset({"acl", "acl:relcl"})


def _clause_of_victims(token) -> bool:
    """A casualty verb heading an adverbial clause of its own, finite ("after 4 people have been killed")."""
    return token.dep_ == "advcl" and is_finite(token)


def _in_noun_clause_apart(sdoc: Doc, char: int, trigger) -> bool:
    """Whether the date at ``char`` is told in a clause that modifies a noun (a relative or participial clause) which
    neither holds ``trigger`` nor modifies it: that clause tells its own day ("torched the truck of the men they
    ambushed the previous day", "took control of the base following an attack launched the previous day"); one that
    modifies the trigger tells the trigger's ("an attack launched the previous day", "Arrests: On 13 November, the
    police arrested ...", a label the parser hangs the sentence on)."""
    tok = _token_at(sdoc, char)
    for _ in range(12):
        if tok is None or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.dep_ in _NOUN_CLAUSES and tok.pos_ in ("VERB", "AUX"):
            return trigger.i not in (tok.i, tok.head.i) and not _governs(tok, trigger)
    return False


def _trigger_heads(sent: Sentence, sdoc: Doc, mentions: list[EventMention]) -> dict[int, int]:
    """The token index of each trigger of a sentence -> the trigger's start."""
    return {tok.i: m.start for m in mentions if sent.start <= m.start < sent.end
            and (tok := _token_at(sdoc, m.start - sent.start)) is not None}


def _token_at(sdoc: Doc, char: int):
    return next((t for t in sdoc if t.idx <= char < t.idx + max(len(t.text), 1)), None)


def _governs(head, token) -> bool:
    return any(a.i == head.i for a in token.ancestors)
