"""Who asserts what a sentence reports: the claimant phrase of each sentence, or None when the outlet does.

Constructions read (word lists in ``data/lang/<iso>/reporting_verbs.tsv`` and ``reporting_cues.tsv``):
- a preposition before the claimant: "selon l'OSDH", "d'après l'ONU", "de source militaire";
- the subject of a reporting verb, before or after it: "l'armée a annoncé que", "..., a indiqué le ministère";
- a quotation whose speaker is named in the sentence that closes it: "« ... éliminés. Le colonel X, ...,
  a déclaré vendredi aux journalistes" (the reporting verb has no complement of its own);
- a pronoun or a short definite description standing for the last claimant: "Il a ajouté que",
  "Le ministère a ajouté", "La même ONG a rapporté", "selon lui";
- carry-over: a sentence with no cue of its own continues the statement of the sentence before it, in the
  same paragraph, for one sentence only (a new paragraph or a new speaker stops it).

The claimant is returned as a span of the text; resolving it to a canonical actor is the registry's job.
An anaphoric claimant's span is its antecedent's, with the anaphor's own span kept beside it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from frontwatch.data import lang_file
from frontwatch.extract.quantities import PhraseTable, as_span, fold, parse, sentence_tokens, token_keys
from frontwatch.settings import SETTINGS

log = logging.getLogger(__name__)

QUOTE = "quote"
CARRIED_OVER = "carried_over"
_STOP_PUNCT = {",", ".", ";", ":", "!", "?", "«", "»", "“", "”", '"', "—", "–"}
_COMPLEMENT_DEPS = ("ccomp", "xcomp", "obj", "csubj")
_WORD = re.compile(r"[^\W\d_][\w-]*")
_MAX_CLAIMANT_TOKENS = 16  # a claimant phrase longer than this is a misparse (the seeds' longest is 13)


@dataclass(frozen=True)
class Attribution:
    """The claimant of a sentence: a span of the text and the construction that named it."""

    start: int
    end: int
    text: str  # the claimant phrase, e.g. "l'Observatoire syrien des droits de l'homme (OSDH)"
    cue: str  # the preposition or verb lemma ("selon", "déclarer", "faire état"), "quote" or "carried_over"
    anaphor_start: int | None = None  # "Il", "le ministère": the words that stood for the claimant here
    anaphor_end: int | None = None


@dataclass(frozen=True)
class _Cues:
    verbs: PhraseTable
    preps: PhraseTable  # -> role (prep or source)
    roles: dict[str, str]  # single-word cue -> role
    quote_open: frozenset[str]
    quote_close: frozenset[str]


@lru_cache(maxsize=None)
def _cues(lang: str) -> _Cues:
    rows = lang_file(lang, "reporting_cues")
    return _Cues(
        verbs=PhraseTable(lang, [(r["form"], r["form"]) for r in lang_file(lang, "reporting_verbs")]),
        preps=PhraseTable(lang, [(r["form"], (r["role"], r["form"])) for r in rows if r["role"] in ("prep", "source")]),
        roles={r["form"].lower(): r["role"] for r in rows if " " not in r["form"]},
        quote_open=frozenset(r["form"] for r in rows if r["role"] == "quote_open"),
        quote_close=frozenset(r["form"] for r in rows if r["role"] == "quote_close"),
    )


@dataclass
class _Own:
    """A sentence's own attribution before anaphora is resolved."""

    first: int  # token range of the claimant phrase
    last: int
    cue: str
    verb: int | None  # token index of the reporting verb
    has_complement: bool


class _Reader:
    """Reads attributions over one document."""

    def __init__(self, text: str, doc: Doc, lang: str):
        self.text, self.doc, self.lang = text, doc, lang
        self.keys = token_keys(doc)
        self.starts = [token.idx for token in doc]
        self.cues = _cues(lang)
        self.has_dep = doc.has_annotation("DEP")

    def role(self, i: int) -> str | None:
        """The reporting_cues role of token ``i``."""
        return self.cues.roles.get(self.keys[i][0])

    def own(self, a: int, b: int) -> _Own | None:
        """The sentence's own cue: a claimant preposition first (it is the more specific), else a verb."""
        for i in range(a, b):
            found = self.cues.preps.match(self.keys, i, b)
            if found:
                (role, form), n = found[1], found[0]
                first = i + n - 1 if role == "source" else i + n
                last = self._phrase_end(first, b)
                if last > first:
                    return _Own(first, last, form, None, True)
        for i in range(a, b):
            found = self.cues.verbs.match(self.keys, i, b)
            if not found or self.doc[i].pos_ not in ("VERB", "AUX", ""):
                continue
            subject = self._subject(i, a, b)
            if subject:
                return _Own(subject[0], subject[1], str(found[1]), i, self._has_complement(i, b))
        return None

    def _phrase_end(self, i: int, b: int) -> int:
        """The end of a claimant phrase starting at ``i``: up to punctuation, a parenthesis kept whole."""
        end = i
        depth = 0
        while end < b and end - i < _MAX_CLAIMANT_TOKENS:
            t = self.doc[end].text
            if t == "(":
                depth += 1
            elif t == ")":
                depth -= 1
            elif depth == 0 and (t in _STOP_PUNCT or self.doc[end].is_space):
                break
            end += 1
        return end

    def _subject(self, verb: int, a: int, b: int) -> tuple[int, int] | None:
        """The token range of the reporting verb's subject."""
        if not self.has_dep:
            return self._subject_without_parse(verb, a, b)
        token: Token = self.doc[verb]
        for _ in range(3):
            # a heading without a full stop is parsed into the next sentence: keep subjects inside it
            subjects = [c for c in token.children if c.dep_ == "nsubj" and a <= c.i < b]
            if subjects:
                subj = min(subjects, key=lambda c: abs(c.i - token.i))
                if "Rel" in subj.morph.get("PronType") and token.dep_.startswith("acl"):
                    subj = token.head
                    return self._trim(subj.left_edge.i, min(subj.i + 1, b), a, b)
                lo, hi = subj.left_edge.i, subj.right_edge.i + 1
                if lo < verb < hi:  # a subject cannot contain its own verb: keep the side it stands on
                    lo, hi = (lo, verb) if subj.i < verb else (verb + 1, hi)
                return self._trim(lo, hi, a, b)
            if token.i == verb:
                inverted = self._inverted_subject(verb, a, b)
                if inverted:
                    return inverted
            if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
                token = token.head
                continue
            break
        # no subject in the parse (a heading without a full stop can swallow it): the noun phrase before
        found = self._subject_without_parse(verb, a, b)
        if found is None or found[1] > verb:
            return None
        if any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in self.doc[found[0]:found[1]]):
            return None
        return found

    def _inverted_subject(self, verb: int, a: int, b: int) -> tuple[int, int] | None:
        """The subject of an incise that closes the sentence: "..., a annoncé l'armée de l'air."

        The parser often reads it as an object; an incise is a reporting verb right after a comma, followed
        by a noun phrase and nothing else.
        """
        k = verb - 1
        while k >= a and (self.doc[k].pos_ == "AUX" or self.role(k) == "aux"):
            k -= 1
        if k < a or self.doc[k].text != ",":
            return None
        hi = self._phrase_end(verb + 1, b)
        if hi <= verb + 1 or any(not (t.is_punct or t.is_space) for t in self.doc[hi:b]):
            return None
        if any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in self.doc[verb + 1:hi]):
            return None
        return self._trim(verb + 1, hi, a, b)

    def _subject_without_parse(self, verb: int, a: int, b: int) -> tuple[int, int] | None:
        """Without a parse: the words before the verb back to punctuation, else the words after it."""
        k = verb - 1
        while k >= a and self.role(k) == "aux":
            k -= 1
        lo = k
        while lo >= a and self.doc[lo].text not in _STOP_PUNCT:
            lo -= 1
        if k > lo:
            return self._trim(lo + 1, k + 1, a, b)
        hi = self._phrase_end(verb + 1, b)
        return self._trim(verb + 1, hi, a, b) if hi > verb + 1 else None

    def _trim(self, lo: int, hi: int, a: int, b: int) -> tuple[int, int] | None:
        lo, hi = max(lo, a), min(hi, b)
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        while hi > lo and (self.doc[hi - 1].is_punct and self.doc[hi - 1].text != ")" or self.doc[hi - 1].is_space):
            hi -= 1
        if hi - lo > _MAX_CLAIMANT_TOKENS or hi <= lo:
            return None
        return lo, hi

    def _has_complement(self, verb: int, b: int) -> bool:
        """Whether the reporting verb says what was reported itself ("a déclaré que ...", "a annoncé X")."""
        if self.has_dep:
            # a bare noun read as an object is a misparsed date ("a déclaré jeudi"), not what was said
            return any(
                c.dep_.split(":")[0] in _COMPLEMENT_DEPS and not (c.dep_ == "obj" and c.pos_ == "NOUN" and not list(c.children))
                for c in self.doc[verb].children
            )
        return any(self.doc[k].pos_ == "SCONJ" or self.keys[k][0] in ("que", "qu'", "that") for k in range(verb + 1, b))

    def chars(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of the token range ``[first, last)``."""
        return self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1])

    def anaphor(self, own: _Own) -> str | None:
        """``pronoun``, ``same``, ``definite:<noun>`` or ``anaphor_noun:<noun>`` when the claimant stands for another."""
        words = [k for k in range(own.first, own.last) if not self.doc[k].is_punct]
        if len(words) == 1 and self.role(words[0]) == "pronoun":
            return "pronoun"
        if not words or self.role(words[0]) != "definite" or len(words) > 3:
            return None
        rest = words[1:]
        if rest and self.role(rest[0]) == "same":
            return "same"
        if len(rest) == 1 and self.doc[rest[0]].pos_ != "PROPN":  # "l'OSDH" is a name, not a description
            noun = self.keys[rest[0]][0]
            return ("anaphor_noun:" if self.role(rest[0]) == "anaphor_noun" else "definite:") + noun
        return None


def find_attributions(
    text: str, sentences: Sequence[tuple[int, int]], lang: str = "fr", doc: Doc | None = None
) -> list[tuple[int, Attribution | None]]:
    """The claimant of every sentence, as ``(sentence index, Attribution or None)`` in sentence order."""
    reader = _Reader(text, parse(text, lang, doc), lang)
    spans = [as_span(s) for s in sentences]
    ranges = [sentence_tokens(reader.starts, start, end) for start, end in spans]
    owns: list[_Own | None] = [reader.own(a, b) for a, b in ranges]
    result: list[Attribution | None] = [None] * len(spans)
    for i, own in enumerate(owns):
        if own is not None:
            result[i] = _resolve(reader, own, i, result)
    for i, own in enumerate(owns):
        if own is not None and result[i] is not None and own.verb is not None and not own.has_complement:
            _attribute_quote(reader, spans, i, own, result)
    for i in range(1, len(spans)):
        previous = result[i - 1]
        if (result[i] is None and previous is not None and previous.cue != CARRIED_OVER
                and _same_paragraph(text, spans[i - 1], spans[i]) and _continues_statement(reader, *ranges[i])):
            result[i] = replace(previous, cue=CARRIED_OVER)
    return list(enumerate(result))


def _continues_statement(reader: _Reader, a: int, b: int) -> bool:
    """Whether a sentence reads as more of a reported statement rather than the outlet's own narration.

    Reported speech keeps the tenses of indirect speech (imperfect, pluperfect, conditional: "avaient été
    tués", "serait"), while narration uses the present and the compound past; without a morphological
    analysis every sentence of the paragraph continues the statement.
    """
    if not reader.doc.has_annotation("MORPH"):
        return True
    roots = [t for t in reader.doc[a:b] if t.dep_ == "ROOT" or not reader.has_dep]
    for root in roots:
        for token in [root, *(c for c in root.children if c.dep_.startswith(("aux", "cop")))]:
            if "Imp" in token.morph.get("Tense") or "Cnd" in token.morph.get("Mood"):
                return True
    return False


def _resolve(reader: _Reader, own: _Own, i: int, result: list[Attribution | None]) -> Attribution | None:
    """The attribution of sentence ``i``, its anaphor replaced by the claimant it stands for."""
    start, end = reader.chars(own.first, own.last)
    mine = Attribution(start, end, reader.text[start:end], own.cue)
    kind = reader.anaphor(own)
    if kind is None:
        return mine
    window = [a for a in result[max(0, i - SETTINGS.claim_anaphor_window):i] if a is not None]
    antecedent = None
    if kind.startswith(("definite:", "anaphor_noun:")):
        noun = kind.split(":", 1)[1]
        antecedent = next((a for a in reversed(window) if noun in _WORD.findall(fold(a.text))), None)
        if antecedent is None and kind.startswith("definite:"):
            return mine  # "le porte-parole" with no earlier porte-parole is a claimant of its own
    if antecedent is None and window:
        antecedent = window[-1]
    if antecedent is None:
        log.debug("no antecedent for claimant %r in sentence %d", mine.text, i)
        return None if kind == "pronoun" else mine
    return Attribution(antecedent.start, antecedent.end, antecedent.text, own.cue, start, end)


def _attribute_quote(reader: _Reader, spans: list[tuple[int, int]], i: int, own: _Own, result) -> None:
    """Give a speaker-only sentence's claimant to the quoted sentences before it in its paragraph."""
    text = reader.text
    para_start = text.rfind("\n", 0, spans[i][0]) + 1
    verb_char = reader.doc[own.verb].idx
    opened = max((text.rfind(q, para_start, verb_char) for q in reader.cues.quote_open), default=-1)
    if opened < 0 or opened >= spans[i][0]:
        return
    between = text[opened:spans[i][0]]
    closes = [k for k, ch in enumerate(between) if ch in reader.cues.quote_close]
    if closes and (len(closes) > 1 or between[closes[0] + 1:].strip()):
        return  # the quotation closed earlier: this speaker is not its speaker
    speaker = result[i]
    for k in range(i - 1, -1, -1):
        if spans[k][1] <= opened or result[k] is not None:
            break
        result[k] = replace(speaker, cue=QUOTE)


def _same_paragraph(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    return "\n" not in text[before[1]:after[0]]
