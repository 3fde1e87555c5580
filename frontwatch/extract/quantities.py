"""Figures in news text: numbers in digits and words, their qualifier, what they count and what befell it.

Every word list lives in ``data/lang/<iso>/``: ``numbers`` (number words), ``qualifiers``, ``figure_units``
(what makes a number a distance, a date or an area), ``count_subjects`` (counted nouns), ``count_kinds``
(killed, wounded, captured...) and ``figure_cues`` (breakdown markers, clause breaks, hedges, labels).

Decisions, documented once here:
- A figure's span is the number as written ("1,7 million", "des dizaines", "cinq"), without its
  qualifier or noun; the counted noun phrase is the subject span ("membres du HTS").
- Vague amounts ("des dizaines", "plusieurs centaines", "plusieurs") carry ``vague=True``, ACLED's coded
  value (tens 10, dozens 12, hundreds 100; "plusieurs" 2, its most conservative reading) and the
  qualifier ``at_least``.
- "aucun mort" is a figure of value 0 (the text asserts that nobody died; ACLED codes it 0).
- A conditional or hedged report ("auraient été tués") is kept with ``hedged=True``.
- "un", "une", "aucun" and "plusieurs" count only with a counted noun from ``count_subjects`` or a kind
  word right after their noun ("un char", "plusieurs russes ont été tués"), never "une attaque".
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.attrs import IDX, LEMMA, ORTH
from spacy.tokens import Doc, Token
from text_to_num import text2num

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError
from frontwatch.extract.modality import load_modality
from frontwatch.extract.triggers import normalise
from frontwatch.nlp.model import MODELS, load_nlp
from frontwatch.nlp.text import doc_text
from frontwatch.settings import SETTINGS

log = logging.getLogger(__name__)

QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to")
PERSON, EQUIPMENT, MUNITION, OTHER = "person", "equipment", "munition", "other"
_COUNTED = (PERSON, EQUIPMENT, MUNITION)  # categories whose figures a kind word in the clause may claim
# Four-digit numbers in this range, written without a thousands separator, are years unless a counted
# noun follows ("2000 soldats"): news reports date events from the 20th and 21st centuries.
_YEARS = range(1900, 2101)
_DIGITS = re.compile(
    r"(?<![\w.,:/\-@#])(\d{1,3}(?:(?:[ \u00a0\u202f]|\.(?=\d{3}(?!\d)))\d{3})+|\d+)(?:,(\d+))?(?![.,:/]?\d)"
)
_SUFFIX = re.compile(r"[^\W\d_][\w²]*|%")
_QUOTE_CHARS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_FOLDED: dict[int, str] = {}  # folded words by string id (``token_keys``), bounded: cleared when full
_FOLDED_SIZE = 200_000
_SKIP_POS = {"AUX", "ADV"}  # words allowed between a counted noun and its kind word: "ont aussi été tués"
_COUNTING_ROLES = ("cardinal", "weak", "approx", "vague", "scale")


@dataclass(frozen=True)
class Figure:
    """One figure read in the text, with what it counts, what happened to it, and where it was read."""

    start: int
    end: int
    text: str
    value: int | float
    qualifier: str  # exact, at_least, more_than, about, up_to
    kind: str | None  # killed, wounded, captured, missing, displaced, equipment_destroyed, territory_km2, ...
    subject_text: str | None  # the counted noun phrase, without the number: "membres du HTS"
    subject_start: int | None
    subject_end: int | None
    vague: bool  # "des dizaines", "plusieurs": the value is a coded conservative reading
    part_of: int | None  # index in the returned list of the total this figure is a breakdown of
    sentence: int  # index into the ``sentences`` argument
    subject_class: str | None = None  # civilians, soldiers, fighters, tanks, ... (count_subjects.tsv)
    hedged: bool = False  # reported as unconfirmed ("auraient été tués", "présumés")


def fold(text: str) -> str:
    """Lower case with typographic apostrophes made plain, for matching words against the lexicons."""
    return text.lower().translate(_QUOTE_CHARS)


@lru_cache(maxsize=None)
def _tokenizer(lang: str):
    return spacy.blank(lang).tokenizer


class PhraseTable:
    """Phrases of one or more words mapped to a value, matched token by token on surface form or lemma."""

    def __init__(self, lang: str, rows: Sequence[tuple[str, object]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        self.max_len = 0
        tokenizer = _tokenizer(lang)
        for phrase, value in rows:
            words = tuple(fold(t.text) for t in tokenizer(phrase) if not t.is_space)
            if not words:
                continue
            self._by_first.setdefault(words[0], []).append((words, value))
            self.max_len = max(self.max_len, len(words))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def match(self, keys: Sequence[tuple[str, str]], i: int, stop: int | None = None) -> tuple[int, object] | None:
        """The longest phrase starting at token ``i`` as ``(length, value)``, or None."""
        stop = len(keys) if stop is None else stop
        if i >= stop:
            return None
        by_surface, by_lemma = self._by_first.get(keys[i][0]), self._by_first.get(keys[i][1])
        if by_surface is None and by_lemma is None:  # most words start no phrase
            return None
        candidates = (by_surface or []) + (by_lemma or [])
        best = None
        for words, value in candidates:
            n = len(words)
            if i + n <= stop and all(w in keys[i + k] for k, w in enumerate(words)):
                if best is None or n > best[0]:
                    best = (n, value)
        return best

    def match_ending(self, keys: Sequence[tuple[str, str]], end: int, start: int = 0) -> tuple[int, object] | None:
        """The longest phrase ending right before token ``end`` (not before ``start``), or None."""
        for n in range(min(self.max_len, end - start), 0, -1):
            found = self.match(keys, end - n, end)
            if found and found[0] == n:
                return found
        return None


@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, tuple[float, str]]  # form -> (value, role)
    qualifiers_before: PhraseTable
    qualifiers_after: PhraseTable
    units: PhraseTable  # -> (unit, factor)
    subjects: PhraseTable  # -> (class, category)
    kinds: PhraseTable  # -> (person_kind, equipment_kind)
    cues: PhraseTable  # -> role
    unit_words: dict[str, tuple[str, float]]
    links: frozenset[str]  # words allowed inside a counted noun phrase before its complement: "de", "des"

    def role(self, form: str) -> str | None:
        """The role of a number word, or None."""
        entry = self.numbers.get(form)
        return entry[1] if entry else None


@lru_cache(maxsize=None)
def lexicon(lang: str) -> _Lexicon:
    """The figure lexicons of ``lang``, read once."""
    numbers = {}
    for row in lang_file(lang, "numbers"):
        try:
            numbers[fold(row["form"])] = (float(row["value"]), row["role"])
        except ValueError as e:
            raise DataFileError(f"numbers.tsv for {lang}: bad value in row {row}") from e
    quals = lang_file(lang, "qualifiers")
    for row in quals:
        if row["qualifier"] not in QUALIFIERS:
            raise DataFileError(f"qualifiers.tsv for {lang}: unknown qualifier {row['qualifier']!r}")
    units = [(r["form"], (r["unit"], float(r["factor"] or 1))) for r in lang_file(lang, "figure_units")]

    def none_if_dash(value: str) -> str | None:
        return None if value in ("", "-") else value

    return _Lexicon(
        numbers=numbers,
        qualifiers_before=PhraseTable(lang, [(r["phrase"], r["qualifier"]) for r in quals if r["position"] == "before"]),
        qualifiers_after=PhraseTable(lang, [(r["phrase"], r["qualifier"]) for r in quals if r["position"] == "after"]),
        units=PhraseTable(lang, units),
        subjects=PhraseTable(lang, [(r["form"], (r["class"], r["category"])) for r in lang_file(lang, "count_subjects")]),
        kinds=PhraseTable(
            lang,
            [
                (r["form"], (none_if_dash(r["person_kind"]), none_if_dash(r["equipment_kind"])))
                for r in lang_file(lang, "count_kinds")
            ],
        ),
        cues=PhraseTable(lang, [(r["form"], r["role"]) for r in lang_file(lang, "figure_cues")]),
        unit_words={fold(form): value for form, value in units},
        links=frozenset(form for form, (_, role) in numbers.items() if role in ("link", "plural_det")),
    )


def parse(text: str, lang: str = "fr", doc: Doc | None = None) -> Doc:
    """``doc`` when given (it must be over ``text``), else ``text`` run through the language's pipeline.

    Languages without a configured spaCy model get a bare tokenizer: matching then works on surface
    forms only, which is why the lexicons list plural forms beside lemmas.
    """
    if doc is not None:
        if doc_text(doc) != text:
            raise ValueError("the Doc passed must be the parse of exactly the text passed")
        return doc
    nlp = load_nlp(lang) if lang in MODELS else _blank(lang)
    return nlp(text)


@lru_cache(maxsize=None)
def _blank(lang: str):
    log.info("no spaCy model for %s: figures and claims are read on surface forms only", lang)
    return spacy.blank(lang)


def token_keys(doc: Doc) -> list[tuple[str, str]]:
    """Each token's folded surface form and folded lemma (the surface again where there is no lemma)."""
    keys = []
    for orth, lemma in doc.to_array([ORTH, LEMMA]).tolist():  # string ids: no Token object per word
        surface = _folded(doc.vocab.strings, orth)
        keys.append((surface, _folded(doc.vocab.strings, lemma) if lemma else surface))
    return keys


def _folded(strings, key: int) -> str:
    """``fold`` of the string a vocabulary stores under ``key``, kept (words recur: the same few thousand)."""
    found = _FOLDED.get(key)
    if found is None:
        if len(_FOLDED) >= _FOLDED_SIZE:
            _FOLDED.clear()
        found = _FOLDED[key] = fold(strings[key])
    return found


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, read from the Doc's array (no Token object per word)."""
    return doc.to_array(IDX).tolist()


def sentence_tokens(starts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The token range ``[a, b)`` of the characters ``[start, end)``, given every token's start offset."""
    return bisect_left(starts, start), bisect_left(starts, end)


def as_span(sentence) -> tuple[int, int]:
    """``(start, end)`` of a sentence given as a pair or as an object with ``start``/``end``."""
    if hasattr(sentence, "start") and hasattr(sentence, "end"):
        return int(sentence.start), int(sentence.end)
    start, end = sentence
    return int(start), int(end)


@dataclass
class _Candidate:
    first: int  # token range of the number expression
    last: int  # exclusive
    start: int  # character range
    end: int
    value: float
    weak: bool = False
    vague: bool = False
    qualifier: str | None = None
    digits_only: bool = False
    suffix: str = ""


class _SentenceReader:
    """Reads the figures of one sentence; its state is the sentence's tokens and the lexicons."""

    def __init__(self, text: str, doc: Doc, keys, starts, lex: _Lexicon, lang: str, a: int, b: int, start: int, end: int):
        self.text, self.doc, self.keys, self.starts, self.lex, self.lang = text, doc, keys, starts, lex, lang
        self.a, self.b, self.start, self.end = a, b, start, end
        self.has_pos = doc.has_annotation("POS")
        self.has_dep = doc.has_annotation("DEP")
        self.breaks = self._clause_breaks()

    # -- number expressions ---------------------------------------------------------------------------

    def candidates(self) -> list[_Candidate]:
        """Number expressions of the sentence, in text order, before any filtering."""
        found = [c for c in (self._digit(m) for m in _DIGITS.finditer(self.text, self.start, self.end)) if c]
        taken = {i for c in found for i in range(c.first, c.last)}
        i = self.a
        while i < self.b:
            if i in taken:
                i += 1
                continue
            cand = self._words(i)
            if cand:
                found.append(cand)
                i = cand.last
            else:
                i += 1
        return sorted(found, key=lambda c: c.start)

    def _token_at(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, self.a)

    def _digit(self, m: re.Match) -> _Candidate | None:
        whole = re.sub(r"\D", "", m.group(1))
        frac = m.group(2)
        value = float(f"{whole}.{frac}") if frac else float(whole)
        first, last = self._token_at(m.start()), self._token_at(m.end() - 1) + 1
        cand = _Candidate(first, last, m.start(), m.end(), value, digits_only=not frac and whole == m.group(1))
        suffix = _SUFFIX.match(self.text, m.end(), self.end)
        if suffix:
            cand.suffix = fold(suffix.group())
            nxt = self._token_at(suffix.end() - 1) + 1
            cand.last = max(cand.last, nxt)
            return cand
        return self._scaled(cand)

    def _scaled(self, cand: _Candidate) -> _Candidate:
        if cand.last < self.b and self.lex.role(self.keys[cand.last][0]) == "scale":
            cand.value *= self.lex.numbers[self.keys[cand.last][0]][0]
            cand.end = self.doc[cand.last].idx + len(self.doc[cand.last])
            cand.last += 1
        return cand

    def _word_value(self, i: int) -> tuple[str, float] | None:
        """``(role, value)`` of token ``i`` when it is a number word, hyphenated compounds included."""
        form = self.keys[i][0]
        if form in self.lex.numbers:
            value, role = self.lex.numbers[form]
            return role, value
        parts = form.split("-")
        if len(parts) > 1 and all(self.lex.role(p) in ("cardinal", "weak", "joiner") for p in parts):
            try:
                return "cardinal", float(text2num(form, self.lang))
            except ValueError:
                return None
        return None

    def _words(self, i: int) -> _Candidate | None:
        found = self._word_value(i)
        if not found:
            return None
        role, value = found
        tok = self.doc[i]
        if role in ("cardinal", "weak"):
            j = i + 1
            words = [self.keys[i][0]]
            while j < self.b:
                nxt = self._word_value(j)
                if nxt and nxt[0] in ("cardinal", "weak"):
                    words.append(self.keys[j][0])
                    j += 1
                elif nxt and nxt[0] == "joiner" and j + 1 < self.b and (self._word_value(j + 1) or ("",))[0] in ("cardinal", "weak"):
                    try:
                        text2num(" ".join(words + [self.keys[j][0], self.keys[j + 1][0]]), self.lang)
                    except ValueError:
                        break
                    words += [self.keys[j][0], self.keys[j + 1][0]]
                    j += 2
                else:
                    break
            if j - i > 1:
                try:
                    value = float(text2num(" ".join(words), self.lang))
                except ValueError:
                    j, words = i + 1, words[:1]
            cand = _Candidate(i, j, tok.idx, self._end_char(j - 1), value, weak=(role == "weak" and j - i == 1))
            if j < self.b and self.lex.role(self.keys[j][0]) == "approx":
                cand.value *= self.lex.numbers[self.keys[j][0]][0]
                cand.weak, cand.qualifier = False, "about"
                cand.last, cand.end = j + 1, self._end_char(j)
                return cand
            return self._scaled(cand)
        if role in ("approx", "scale"):
            first = i
            if i - 1 >= self.a and self.lex.role(self.keys[i - 1][0]) in ("plural_det", "vague"):
                first = i - 1
            elif role == "scale":
                return None  # "million" alone is part of a digit figure or not a figure
            return _Candidate(first, i + 1, self.doc[first].idx, self._end_char(i), value, vague=True, qualifier="at_least")
        if role == "vague":
            if i + 1 < self.b and self.lex.role(self.keys[i + 1][0]) in ("approx", "scale"):
                return None  # read from the approx noun: "plusieurs centaines"
            return _Candidate(i, i + 1, tok.idx, self._end_char(i), value, weak=True, vague=True, qualifier="at_least")
        return None

    def _end_char(self, i: int) -> int:
        return self.doc[i].idx + len(self.doc[i])

    # -- context --------------------------------------------------------------------------------------

    def _clause_breaks(self) -> list[int]:
        breaks = []
        i = self.a
        while i < self.b:
            if self.keys[i][0] in (";", ":"):
                breaks.append(i)
            found = self.lex.cues.match(self.keys, i, self.b)
            if found and found[1] == "clause_break":
                breaks.append(i)
                i += found[0]
                continue
            i += 1
        return breaks

    def clause(self, i: int) -> tuple[int, int]:
        """The token range of the clause around token ``i``."""
        lo = max([k for k in self.breaks if k < i], default=self.a - 1) + 1
        hi = min([k for k in self.breaks if k > i], default=self.b)
        return lo, hi

    def cue_role(self, i: int) -> str | None:
        """The figure_cues role of a phrase starting at token ``i``, or None."""
        found = self.lex.cues.match(self.keys, i, self.b)
        return found[1] if found else None

    def cue_role_ending(self, end: int) -> str | None:
        """The figure_cues role of a phrase ending right before token ``end``, or None."""
        found = self.lex.cues.match_ending(self.keys, end, self.a)
        return found[1] if found else None

    def unit_after(self, cand: _Candidate) -> tuple[str, float] | None:
        """The unit that makes this number a non-count or an area, or None."""
        if cand.suffix:
            unit = self.lex.unit_words.get(cand.suffix) or self.lex.unit_words.get(cand.suffix.rstrip("0123456789"))
            return unit or ("unknown_suffix", 1.0)
        found = self.lex.units.match(self.keys, cand.last, self.b)
        found = found or self.lex.units.match(self.keys, self.skip_links(cand.last), self.b)  # "millions de dollars"
        return found[1] if found else None

    def skip_links(self, j: int) -> int:
        """The first token from ``j`` that is not a link word ("de", "d'")."""
        while j < self.b and self.lex.role(self.keys[j][0]) == "link":
            j += 1
        return j

    def subject(self, j: int) -> tuple[int, int, str | None, str | None] | None:
        """The counted noun phrase from token ``j`` as ``(first, last, class, category)``, or None."""
        j = self.skip_links(j)
        if j >= self.b:
            return None
        found = self.lex.subjects.match(self.keys, j, self.b)
        if found:
            head_end, (cls, category) = j + found[0], found[1]
        elif self.has_pos and self.doc[j].pos_ in ("NOUN", "PROPN") and self.doc[j].dep_ != "advmod":
            head_end, cls, category = j + 1, None, None
        else:
            return None
        if self.kind_at(j) is not None and found:
            return j, head_end, cls, category  # "311 morts": the noun is its own kind word
        return j, self._np_end(head_end), cls, category

    def headed_subject(self, cand: _Candidate) -> tuple[int, int, str | None, str | None] | None:
        """The counted noun the parse makes the number's head, when words stand between them ("5 Boko Haram
        fighters", "one rapid intervention battalion soldier", "a Somali police officer"), as ``subject`` gives it,
        or None when that head is no counted noun of the lexicon."""
        if not self.has_dep:
            return None
        token = self.doc[cand.last - 1]
        head = token.head
        if token.dep_ not in ("nummod", "det") or not (cand.last < head.i < min(self.b, cand.last + SETTINGS.figure_subject_max_tokens)):
            return None
        found = self.lex.subjects.match_ending(self.keys, head.i + 1, cand.last)
        if not found:
            return None
        cls, category = found[1]
        return cand.last, head.i + 1, cls, category

    def _np_end(self, k: int) -> int:
        if not self.has_pos:
            return k
        end, limit = k, min(self.b, k + SETTINGS.figure_subject_max_tokens)
        while k < limit:
            token = self.doc[k]
            number = self._word_value(k)
            if self.kind_at(k) is not None or (number and number[0] in _COUNTING_ROLES):
                break
            if token.pos_ in ("ADJ", "NOUN", "PROPN"):
                end = k + 1
            elif token.pos_ == "CCONJ":
                nxt = k + 1
                while nxt < self.b and self.lex.role(self.keys[nxt][0]) == "link":
                    nxt += 1
                found = self.lex.subjects.match(self.keys, nxt, self.b)
                if not found or found[1][1] == OTHER or self.kind_at(nxt) is not None:
                    break
                end = k = nxt + found[0]
                continue
            elif not (token.pos_ in ("DET", "ADP") and self.keys[k][1] in self.lex.links):
                if not (token.pos_ == "DET" and end > 0 and self.doc[k - 1].pos_ == "ADP"):
                    break
            k += 1
        return end

    def kind_at(self, i: int) -> tuple[int, tuple[str | None, str | None]] | None:
        """The kind word starting at token ``i`` as ``(length, (person_kind, equipment_kind))``, or None."""
        return self.lex.kinds.match(self.keys, i, self.b)


def _reading(kinds: tuple[str | None, str | None], category: str | None) -> str | None:
    person_kind, equipment_kind = kinds
    if category in (EQUIPMENT, MUNITION):
        return equipment_kind
    if category == OTHER:
        return None
    return person_kind


def find_figures(text: str, sentences: Sequence[tuple[int, int]], lang: str = "fr", doc: Doc | None = None) -> list[Figure]:
    """Every figure of every sentence, in text order; ``part_of`` indexes into the returned list."""
    doc = parse(text, lang, doc)
    starts = token_starts(doc)
    keys = token_keys(doc)
    lex = lexicon(lang)
    figures: list[Figure] = []
    for s_index, sentence in enumerate(sentences):
        start, end = as_span(sentence)
        a, b = sentence_tokens(starts, start, end)
        reader = _SentenceReader(text, doc, keys, starts, lex, lang, a, b, start, end)
        _read_sentence(reader, s_index, figures)
    return figures


@dataclass
class _Draft:
    cand: _Candidate
    qualifier: str
    kind: str | None
    subject: tuple[int, int] | None  # token range
    subject_chars: tuple[int, int] | None
    cls: str | None
    category: str | None
    hedged: bool
    part_of: int | None = None


def _read_sentence(reader: _SentenceReader, s_index: int, figures: list[Figure]) -> None:
    doc, keys, lex = reader.doc, reader.keys, reader.lex
    drafts: list[_Draft] = []
    candidates = reader.candidates()
    counted = {reader.skip_links(c.last) for c in candidates}  # nouns that other figures count: "20 blessés"
    partitive = _partitives(reader, candidates)
    wholes = {c.first for c in partitive.values()}  # "45 des 60 drones": 45 counts the drones, 60 is the whole
    for cand in candidates:
        if cand.first > reader.a and reader.cue_role_ending(cand.first) == "label":
            continue
        subject = cls = category = None
        subject_chars = None
        unit = reader.unit_after(cand)
        if unit is not None:
            if unit[0] != "area":
                continue
            cand.value *= unit[1]
            read = _KindRead("territory_km2", None, "unit")
            cls = "territory"
        else:
            whole = partitive.get(cand.first)
            j = reader.skip_links(whole.last if whole else cand.last)
            others = j < reader.b and lex.role(keys[j][0]) == "other"
            found = reader.subject(j + 1 if others else j)
            if found and others and reader.kind_at(found[0]):
                found = None  # "huit autres blessés": the noun is the kind, the counted are the earlier ones
            if not others and not whole and (found is None or found[3] is None):
                found = reader.headed_subject(cand) or found
            if found:
                subject, cls, category = (found[0], found[1]), found[2], found[3]
                subject_chars = (doc[found[0]].idx, doc[found[1] - 1].idx + len(doc[found[1] - 1]))
            elif others:
                previous = _previous_subject(drafts, figures, s_index)
                if previous:
                    subject_chars, cls, category = previous
            if cand.digits_only and int(cand.value) in _YEARS and category not in _COUNTED:
                continue
            read = _kind(reader, cand, subject, category, counted - {reader.skip_links(cand.last)})
            if read.cue is not None and _unrealised(reader, read.cue):
                read = _KindRead(None, None, "none")
            if cand.first in wholes and read.how != "noun":
                read = _KindRead(None, None, "none")  # the whole of a partitive is not what befell the part
        if cand.weak and not (category in _COUNTED or (subject and read.how in ("noun", "adjacent"))):
            continue
        if subject_chars is None and read.kind is None:
            continue
        drafts.append(
            _Draft(cand, _qualifier(reader, cand, subject), read.kind, subject, subject_chars, cls, category,
                   _hedged(reader, cand, read.cue))
        )
    _link_parts(reader, drafts, len(figures))
    for d in drafts:
        value = int(d.cand.value) if float(d.cand.value).is_integer() else d.cand.value
        sub_text = reader.text[d.subject_chars[0]:d.subject_chars[1]] if d.subject_chars else None
        figures.append(
            Figure(
                start=d.cand.start, end=d.cand.end, text=reader.text[d.cand.start:d.cand.end], value=value,
                qualifier=d.qualifier, kind=d.kind, subject_text=sub_text,
                subject_start=d.subject_chars[0] if d.subject_chars else None,
                subject_end=d.subject_chars[1] if d.subject_chars else None,
                vague=d.cand.vague, part_of=d.part_of, sentence=s_index, subject_class=d.cls, hedged=d.hedged,
            )
        )


def _partitives(reader: _SentenceReader, candidates: list[_Candidate]) -> dict[int, _Candidate]:
    """Map a part's first token to the whole it is taken from: "45 des 60 drones", "deux d'entre les 12"."""
    by_first = {c.first: c for c in candidates}
    found = {}
    for cand in candidates:
        k = cand.last
        if k < reader.b and reader.lex.role(reader.keys[k][0]) in ("link", "plural_det") and k + 1 in by_first:
            found[cand.first] = by_first[k + 1]
    return found


def _previous_subject(drafts: list[_Draft], figures: list[Figure], s_index: int):
    """The counted noun of the nearest figure before, in this sentence or the one before ("cinq autres")."""
    for d in reversed(drafts):
        if d.subject_chars:
            return d.subject_chars, d.cls, d.category
    for f in reversed(figures):
        if f.sentence < s_index - 1:
            break
        if f.subject_start is not None:
            category = PERSON if f.kind in (None, "killed", "wounded", "captured", "missing") else None
            return (f.subject_start, f.subject_end), f.subject_class, category
    return None


def _qualifier(reader: _SentenceReader, cand: _Candidate, subject: tuple[int, int] | None) -> str:
    if cand.qualifier:
        before = reader.lex.qualifiers_before.match_ending(reader.keys, cand.first, reader.a)
        return before[1] if before and cand.qualifier == "about" and before[1] != "about" else cand.qualifier
    before = reader.lex.qualifiers_before.match_ending(reader.keys, cand.first, reader.a)
    if before:
        return before[1]
    for position in (cand.last, subject[1] if subject else None):
        if position is not None:
            after = reader.lex.qualifiers_after.match(reader.keys, position, reader.b)
            if after:
                return after[1]
    return "exact"


@dataclass(frozen=True)
class _KindRead:
    kind: str | None
    cue: int | None  # token index of the kind word
    how: str  # noun, tree, adjacent, clause, unit, none


def _kind(reader: _SentenceReader, cand: _Candidate, subject, category: str | None, counted: set[int]) -> _KindRead:
    """The kind of count: the noun itself, its governor in the parse, a kind word right after it, then the clause.

    The clause is searched (forward first: French wire copy mostly puts the participle after the count,
    "37 soldats ont été tués") only for nouns known to count people or equipment.
    """
    if subject:
        own = reader.kind_at(subject[0])
        if own and own[0] <= subject[1] - subject[0]:
            return _KindRead(_reading(own[1], category), subject[0], "noun")
    if category == OTHER:
        return _KindRead(None, None, "none")
    head = subject[0] if subject else cand.last - 1
    if reader.has_dep:
        if subject:
            head = reader.doc[subject[0]:subject[1]].root.i  # "killing 1 QDW member": the phrase's head noun
        cue = _kind_from_tree(reader, reader.doc[head], category)
        if cue is None and not subject:
            cue = _kind_of_verbs_subject(reader, reader.doc[head], category)
        if cue is not None:
            return _KindRead(_reading(reader.kind_at(cue)[1], category), cue, "tree")
    after = subject[1] if subject else cand.last
    while after < reader.b and reader.doc[after].pos_ in _SKIP_POS:
        after += 1
    found = reader.kind_at(after) if after < reader.b else None
    if found and _reading(found[1], category):
        return _KindRead(_reading(found[1], category), after, "adjacent")
    if category not in _COUNTED:
        return _KindRead(None, None, "none")
    lo, hi = reader.clause(cand.first)
    for k in [*range(after, hi), *range(cand.first - 1, lo - 1, -1)]:
        found = reader.kind_at(k) if k not in counted else None
        if found and _reading(found[1], category):
            return _KindRead(_reading(found[1], category), k, "clause")
    return _KindRead(None, None, "none")


def _kind_of_verbs_subject(reader: _SentenceReader, token: Token, category: str | None) -> int | None:
    """The kind word of the subject a bare number is said of through its verb ("the death toll rose to 15",
    "unknown number of fatalities coded as 10"): the subject's head or a noun compounded or complemented in it."""
    if token.dep_ not in ("obl", "obj", "attr", "oprd") or not (reader.a <= token.head.i < reader.b):
        return None
    for child in token.head.children:
        if child.dep_ not in ("nsubj", "nsubj:pass"):
            continue
        words = [child, *(c for c in child.children if c.dep_ in ("compound", "nmod"))]
        for word in words:
            found = reader.kind_at(word.i)
            if found and found[0] == 1 and _reading(found[1], category):
                return word.i
    return None


def _kind_from_tree(reader: _SentenceReader, token: Token, category: str | None) -> int | None:
    """The kind word governing the counted noun in the parse ("tués" in "37 soldats ... ont été tués")."""
    for child in token.children:
        if child.dep_ in ("amod", "acl") and child.i > token.i:
            found = reader.kind_at(child.i)
            if found and _reading(found[1], category):
                return child.i
    for _ in range(5):
        head = token.head
        if not (reader.a <= head.i < reader.b) or head is token:
            return None
        dep = token.dep_.split(":")[0]
        if dep in ("nsubj", "obj", "obl", "iobj", "nmod"):
            found = reader.kind_at(head.i)
            # a noun is a governor only through a complement ("la mort de dizaines de combattants"),
            # never through a copula ("une information est la mort de ...")
            if found and _reading(found[1], category) and (dep == "nmod" or head.pos_ != "NOUN"):
                return head.i
            if dep != "nmod":
                return None
        elif dep not in ("conj", "appos", "nummod", "det", "flat", "fixed"):
            return None
        token = head
    return None


# Modality classes of a governing verb or noun under which what befalls a count did not happen.
_UNREALISED = frozenset({"attempt", "intention", "hypothetical"})


def _unrealised(reader: _SentenceReader, cue: int) -> bool:
    """The kind word is what a verb or noun of attempt or intention governs ("attempted to kill a commander", "an
    attempt to kill two officers", "threatened to kill 10 hostages"): nothing befell the count."""
    if not reader.has_dep:
        return False
    governors = load_modality(reader.lang).governors
    token = reader.doc[cue]
    for _ in range(2):
        if token.dep_ not in ("xcomp", "acl") or token.head is token:
            return False
        token = token.head
        if governors.get(normalise(token.lemma_)) in _UNREALISED or governors.get(normalise(token.text)) in _UNREALISED:
            return True
    return False


def _hedged(reader: _SentenceReader, cand: _Candidate, cue: int | None) -> bool:
    """Conditional mood on the kind word or its auxiliaries, or a hedge word close to the figure."""
    lo = max(reader.a, cand.first - 2)
    hi = min(reader.b, max(cand.last, cue if cue is not None else 0) + 2)
    tokens = list(reader.doc[lo:hi])
    if cue is not None and reader.has_dep:
        tokens += [c for c in reader.doc[cue].children if c.dep_.startswith("aux")]
    for token in tokens:
        if "Cnd" in token.morph.get("Mood") and token.pos_ in ("AUX", "VERB"):
            return True
    return any(reader.cue_role(k) == "hedge" for k in range(lo, hi))


def _link_parts(reader: _SentenceReader, drafts: list[_Draft], offset: int) -> None:
    """Mark breakdowns: figures after a part marker ("dont", "incluant") are parts of the figure before it."""
    for k in range(reader.a, reader.b):
        if reader.cue_role(k) != "part_marker":
            continue
        lo, hi = reader.clause(k)
        totals = [n for n, d in enumerate(drafts) if lo <= d.cand.first and d.cand.last <= k and d.part_of is None]
        if not totals:
            continue
        total = totals[-1]
        t = drafts[total]
        for d in drafts[total + 1:]:
            if d.cand.first < k:
                continue
            if d.cand.first >= hi or (d.kind is not None and t.kind is not None and d.kind != t.kind):
                break
            d.part_of = offset + total
            if d.kind is None:
                d.kind = t.kind
