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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy
from spacy.tokens import Doc, Token

from frontwatch.data import lang_file
from frontwatch.extract.quantities import PhraseTable, as_span, fold, parse, sentence_tokens, token_keys, token_starts
from frontwatch.extract.triggers import load_targets
from frontwatch.nlp.deps import with_dep
from frontwatch.nlp.model import MODELS, load_nlp
from frontwatch.settings import SETTINGS

log = logging.getLogger(__name__)

QUOTE = "quote"
CARRIED_OVER = "carried_over"
_STOP_PUNCT = {",", ".", ";", ":", "!", "?", "«", "»", "“", "”", '"', "—", "–"}
_COMPLEMENT_DEPS = ("ccomp", "xcomp", "obj", "csubj")
_WORD = re.compile(r"[^\W\d_][\w-]*")
_INVERTED_DEPS = ("nsubj", "nsubj:pass", "obj")  # how the parser labels the speaker of an incise
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
    # character ranges of the sentence outside the statement: a clause with its own subject coordinated
    # with the reporting verb ("l'Iran a signalé une attaque, et un général iranien a été tué")
    outside: tuple[tuple[int, int], ...] = ()
    # an incise that names its speaker after the verb ("..., a annoncé l'état-major dans la capitale française"):
    # its character range, from the verb to the sentence's end, tells who spoke and from where, not what happened
    incise: tuple[int, int] | None = None

    def covers(self, offset: int) -> bool:
        """Whether what stands at ``offset`` in its sentence is part of the attributed statement."""
        return not any(start <= offset < end for start, end in self.outside)


@dataclass(frozen=True)
class _Cues:
    verbs: PhraseTable
    preps: PhraseTable  # -> role (prep or source)
    ends: PhraseTable  # words that end a speaker's phrase: "sous couvert d'anonymat", "joint par téléphone"
    roles: dict[str, str]  # single-word cue -> role
    quote_open: frozenset[str]
    quote_close: frozenset[str]
    stems: re.Pattern  # a word starting like an inflected reporting verb ("déclar", "annonç")


@lru_cache(maxsize=None)
def _cues(lang: str) -> _Cues:
    rows = lang_file(lang, "reporting_cues")
    verbs = lang_file(lang, "reporting_verbs")
    stems = sorted({s for r in verbs for s in (r.get("stems") or r["form"]).split("|") if s}, key=len, reverse=True)
    return _Cues(
        verbs=PhraseTable(lang, [(r["form"], r["form"]) for r in verbs]),
        preps=PhraseTable(lang, [(r["form"], (r["role"], r["form"])) for r in rows if r["role"] in ("prep", "source")]),
        ends=PhraseTable(lang, [(r["form"], r["form"]) for r in rows if r["role"] == "speaker_end"]),
        roles={r["form"].lower(): r["role"] for r in rows if " " not in r["form"]},
        quote_open=frozenset(r["form"] for r in rows if r["role"] == "quote_open"),
        quote_close=frozenset(r["form"] for r in rows if r["role"] == "quote_close"),
        stems=re.compile(r"\b(?:" + "|".join(re.escape(fold(s)) for s in stems) + ")"),
    )


@dataclass
class _Own:
    """A sentence's own attribution before anaphora is resolved."""

    first: int  # token range of the claimant phrase
    last: int
    cue: str
    verb: int | None  # token index of the reporting verb
    has_complement: bool
    outside: tuple[tuple[int, int], ...] = ()
    incise: tuple[int, int] | None = None  # token range of a closing incise


def _bare_past_participle(token: Token) -> bool:
    """A past participle with no auxiliary nor subject of its own: a passive clause ("Reported on 4 May")."""
    return ("Part" in token.morph.get("VerbForm") and "Past" in token.morph.get("Tense")
            and not any(c.dep_.startswith(("aux", "nsubj")) for c in token.children))


class _Reader:
    """Reads attributions over one document."""

    def __init__(self, text: str, doc: Doc, lang: str):
        self.text, self.doc, self.lang = text, doc, lang
        self.keys = token_keys(doc)
        self.starts = token_starts(doc)
        self.cues = _cues(lang)
        self.times = load_targets(lang)
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
            if subject and self._bracketed_apart(i, subject):
                continue  # "Around 6 May (as reported), gunmen ambushed ...": a bracket's verb reports, its clause acts
            if subject:
                incise = (i, b) if subject[0] > i else None
                return _Own(subject[0], subject[1], str(found[1]), i, self._has_complement(i, b), self._outside(i, b),
                            incise)
        return None

    def _bracketed_apart(self, verb: int, subject: tuple[int, int]) -> bool:
        """Whether the verb stands inside brackets that its subject lies outside of."""
        depth, k = 0, verb - 1
        while k >= 0 and self.doc[k].text not in ".!?":
            depth += {")": -1, "(": 1}.get(self.doc[k].text, 0)
            if depth > 0:
                return not (k < subject[0] and subject[1] <= self._closing(k))
            k -= 1
        return False

    def _closing(self, opening: int) -> int:
        """The token index just after the bracket that closes the one at ``opening`` (the sentence's end without one)."""
        depth = 0
        for k in range(opening, len(self.doc)):
            depth += {"(": 1, ")": -1}.get(self.doc[k].text, 0)
            if depth == 0:
                return k
        return len(self.doc)

    def _outside(self, verb: int, b: int) -> tuple[tuple[int, int], ...]:
        """Clauses coordinated with the reporting verb after it that have a subject of their own."""
        if not self.has_dep:
            return ()
        out = []
        for conj in self.doc[verb].children:
            if conj.dep_ == "conj" and conj.i > verb and any(c.dep_.startswith("nsubj") for c in conj.children):
                last = min(conj.right_edge.i, b - 1)
                out.append((self.doc[conj.left_edge.i].idx, self.doc[last].idx + len(self.doc[last])))
        return tuple(out)

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
        inverted = self._inverted_subject(verb, a, b)
        if inverted:  # an incise names its speaker after the verb, whatever the parser took for nsubj
            return inverted
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
            if any(c.dep_ == "nsubj:pass" and a <= c.i < b for c in token.children):
                return None  # "17 people were reported killed": what is reported, not who reports it
            if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
                if token.dep_ == "advcl" and token.i < token.head.i and _bare_past_participle(token):
                    # "(As) Reported on 4 December, gunmen shot ...": a fronted participle is said of what its
                    # clause tells, whose subject acted; nobody in the sentence spoke
                    return None
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

        The parser often reads it as an object; an incise is a reporting verb right after a comma. With a
        parse, its speaker is the noun phrase the verb governs after it ("..., a annoncé jeudi le ministère
        de la Défense, précisant que ..."): time words and what follows the phrase stay out. Without one,
        the verb must be followed by a noun phrase and nothing else.
        """
        k = verb - 1
        while k >= a and (self.doc[k].pos_ == "AUX" or self.role(k) == "aux"):
            k -= 1
        if k < a or self.doc[k].text != ",":
            return None
        if self.has_dep and self.doc[verb].pos_:
            children = [c for c in self.doc[verb].children if verb < c.i < b]
            heads = [c for c in children if c.dep_ in _INVERTED_DEPS and c.pos_ in ("NOUN", "PROPN")]
            # "a déclaré à l'AFP un habitant": the parser hangs the speaker on the channel as its apposition
            heads += [
                x for c in children if c.dep_.startswith(("obl", "iobj")) and self._is_channel(c)
                for x in c.children if x.dep_ == "appos" and x.pos_ in ("NOUN", "PROPN") and c.i < x.i < b
            ]
            # "a indiqué dans l'après-midi l'Élysée": the parser hangs the speaker on the time complement
            heads += [
                x for c in children if c.dep_.startswith("obl") and self.times.get(c.lemma_.lower()) == "time"
                for x in c.children if x.dep_.startswith("nmod") and x.pos_ in ("NOUN", "PROPN") and c.i < x.i < b
                and not any(g.dep_ == "case" for g in x.children)
            ]
            heads.sort(key=lambda h: h.i)
            # the head must follow the verb at once, time words and complements aside: "a indiqué avoir
            # vu « des dizaines de blessés »" governs what was seen, not who saw it
            # and it names someone: a determiner or a proper name ("a déclaré vendredi ..." is a date)
            heads = [
                h for h in heads
                if not any(t.pos_ in ("VERB", "AUX") for t in self.doc[verb + 1:h.left_edge.i])
                and (h.pos_ == "PROPN" or self.doc[h.left_edge.i].pos_ == "DET")
            ]
            if not heads:
                return None
            head = heads[0]
            hi = min(head.right_edge.i + 1, self._phrase_end(head.i, b))
            return self._trim(head.left_edge.i, hi, a, b)
        hi = self._phrase_end(verb + 1, b)
        if hi <= verb + 1 or any(not (t.is_punct or t.is_space) for t in self.doc[hi:b]):
            return None
        if any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in self.doc[verb + 1:hi]):
            return None
        return self._trim(verb + 1, hi, a, b)

    def _is_channel(self, token: Token) -> bool:
        """Whether a complement of a reporting verb is who was told ("à l'AFP", "aux journalistes")."""
        return any(c.dep_ == "case" and self.role(c.i) == "channel" for c in token.children)

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
        # what follows the speaker's name says how they spoke, not who they are: "un élu local sous
        # couvert d'anonymat", "un habitant joint par téléphone"
        hi = next((k for k in range(lo + 1, hi) if self.cues.ends.match(self.keys, k, hi)), hi)
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
        if words and self.role(words[0]) == "possessive" and len(words) <= 3:
            return "same"  # "son porte-parole", "leur chef": who speaks for the last claimant
        if not words or self.role(words[0]) != "definite" or len(words) > 3:
            return None
        rest = words[1:]
        if rest and self.role(rest[0]) == "same":
            return "same"
        if len(rest) == 1 and self.doc[rest[0]].pos_ != "PROPN":  # "l'OSDH" is a name, not a description
            noun = self.keys[rest[0]][0]
            return ("anaphor_noun:" if self.role(rest[0]) == "anaphor_noun" else "definite:") + noun
        return None


def agent_phrases(doc: Doc, lang: str) -> list[tuple[int, int]]:
    """Character spans of passive agents that say who spoke or who acted, never where anything happened: the agent
    of a reporting verb ("annoncée par des sources à Paris", "confirmed by officials in Washington") and a name as
    agent of any verb ("les zones contrôlées par Damas", "soutenu par Moscou et Téhéran")."""
    stems = _cues(lang).stems
    return [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in with_dep(doc, "obl:agent".__eq__)
            if (t.pos_ == "PROPN" or (
                t.head.pos_ == "VERB" and stems.match(fold(t.head.text.lower()))))]


def find_attributions(
    text: str, sentences: Sequence[tuple[int, int]], lang: str = "fr", doc: Doc | None = None,
    reparsed: Mapping[str, Doc] | None = None,
) -> list[tuple[int, Attribution | None]]:
    """The claimant of every sentence, as ``(sentence index, Attribution or None)`` in sentence order.

    ``reparsed``: the Docs of ``reporting_texts``, by text, when a batch caller piped them already."""
    spans = [as_span(s) for s in sentences]
    reader = _Reader(text, _complete_parse(text, parse(text, lang, doc), spans, lang, reparsed), lang)
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
            result[i] = replace(previous, cue=CARRIED_OVER, outside=())
    return list(enumerate(result))


def reporting_texts(nlp, left_out: Sequence[tuple[int, int, str]], parsed_any: bool, lang: str) -> list[str]:
    """The texts ``_complete_parse`` re-parses, from the sentences triage left out (``(start, end, chunk)``: the
    sentence's offsets and its text up to the next sentence's start) and whether triage kept any: each that holds a
    reporting verb, from its start to the first token at or after its end, tokenized on its own as the joined Doc
    holds it. A batch caller pipes them with other documents' (one model call, not one per document)."""
    if lang not in MODELS or not parsed_any:
        return []
    stems = _cues(lang).stems
    out = []
    for start, end, chunk in left_out:
        if stems.search(fold(chunk[: end - start])):
            after = next((t.idx for t in nlp.make_doc(chunk) if t.idx >= end - start), len(chunk))
            out.append(chunk[:after])
    return out


def _complete_parse(text: str, doc: Doc, spans: Sequence[tuple[int, int]], lang: str,
                    reparsed: Mapping[str, Doc] | None = None) -> Doc:
    """``doc`` with the sentences the cheap pass left unparsed parsed too when they hold a reporting verb.

    The pipeline parses only sentences with a trigger or a figure, but the speaker of a quotation or the
    antecedent of "Il a ajouté" often stands in a sentence with neither ("Le colonel X a déclaré vendredi
    aux journalistes"); reporting verbs are found on lemmas, so such a sentence needs its parse. ``reparsed``:
    such sentences' Docs by text (``reporting_texts``), when a batch caller piped them; the rest is parsed here.
    """
    if lang not in MODELS or not doc.has_annotation("DEP") or not len(doc):
        return doc
    stems = _cues(lang).stems
    starts = token_starts(doc)
    tagged = doc.to_array("POS")  # 0 where the cheap pass left a token untagged
    todo = []
    for start, end in spans:
        a, b = sentence_tokens(starts, start, end)
        if a < b and not tagged[a:b].any() and stems.search(fold(text[start:end])):
            todo.append((a, b))
    if not todo:
        return doc
    nlp = load_nlp(lang)
    texts = [text[doc[a].idx:(doc[b].idx if b < len(doc) else len(text))] for a, b in todo]
    missing = list(dict.fromkeys(t for t in texts if t not in (reparsed or {})))
    # attributions read no named entity: the entity recogniser, near half the pipeline's time, is left out
    reparsed = {**(reparsed or {}), **dict(zip(missing, nlp.pipe(missing, disable=["ner"])))}  # one batch
    parts, previous = [], 0
    for (a, b), sentence in zip(todo, (reparsed[t] for t in texts)):
        if a > previous:
            parts.append(doc[previous:a].as_doc())
        parts.append(sentence)
        previous = b
    if previous < len(doc):
        parts.append(doc[previous:].as_doc())
    for part in parts:
        part.tensor = numpy.zeros((0,), dtype="float32")  # joined Docs must agree on the tensor's width
    joined = Doc.from_docs(parts, ensure_whitespace=False)
    if joined.text != text:
        log.debug("re-parse of reporting sentences did not keep the text; attributions use the cheap pass")
        return doc
    return joined


def attribution_at(attributions: Mapping[int, Attribution | None], index: int, offset: int) -> Attribution | None:
    """The attribution of sentence ``index`` when it covers the words at ``offset``, else None (the outlet's)."""
    attribution = attributions.get(index)
    return attribution if attribution is not None and attribution.covers(offset) else None


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
    incise = reader.chars(*own.incise) if own.incise else None
    mine = Attribution(start, end, reader.text[start:end], own.cue, outside=own.outside, incise=incise)
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
    return Attribution(antecedent.start, antecedent.end, antecedent.text, own.cue, start, end, own.outside, incise)


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
        result[k] = replace(speaker, cue=QUOTE, outside=())


def _same_paragraph(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    return "\n" not in text[before[1]:after[0]]


MONITOR_TOLL = "monitor_toll"
# Kinds of figure that make a sentence a casualty toll, the kind of figure a monitor keeps.
TOLL_KINDS = frozenset({"killed", "wounded", "missing", "captured", "casualties"})


@lru_cache(maxsize=None)
def _toll_frames(lang: str) -> re.Pattern | None:
    forms = [fold(r["form"]) for r in lang_file(lang, "figure_cues") if r["role"] == "toll_frame"]
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)")


def is_framed_toll(sentence: str, lang: str = "fr") -> bool:
    """Whether a sentence calls its figures a toll ("le bilan", "au total": ``toll_frame`` in figure_cues)."""
    frames = _toll_frames(lang)
    return frames is not None and frames.search(fold(sentence)) is not None


def carry_monitor_tolls(
    text: str,
    sentences: Sequence[tuple[int, int]],
    attributions: Mapping[int, Attribution | None],
    tolls: Collection[int],
    claimed_tolls: Collection[int],
    monitor_of: Callable[[Attribution], str | None],
    lang: str = "fr",
) -> dict[int, Attribution]:
    """Give a monitor's casualty figures their claimant where the text leaves the attribution implicit.

    A sentence whose toll carries no attribution of its own is the outlet's, except in two framings that
    wire copy uses for a monitor's count (a monitor: an actor ``monitor_of`` names, such as the Syrian
    Observatory, Airwars, a UN agency):
    - continuation: the sentence right after a monitor's attributed statement, and the toll sentences
      that follow it without a break in the same paragraph ("L'OSDH a rapporté que 100 combattants ont
      péri. Les combats ont aussi coûté la vie à 44 membres du HTS. Parmi les tués figurent ...");
    - a framed total: a sentence that calls its figure a toll (``toll_frame`` words of ``figure_cues``:
      "le bilan", "au total") in a document that has cited exactly one monitor before it and attributed
      no casualty figure to anyone else ("Le bilan provisoire a atteint 311 morts").
    ``tolls`` are the indices of sentences holding a casualty figure that no claimant covers,
    ``claimed_tolls`` those holding one that a claimant does; the result maps a sentence index to its
    carried attribution (cue ``monitor_toll``) and holds only sentences without an attribution.
    """
    spans = [as_span(s) for s in sentences]
    monitors = {i: monitor_of(a) for i, a in attributions.items() if a is not None}
    carried: dict[int, Attribution] = {}
    for i in sorted(tolls):
        if attributions.get(i) is not None or i == 0:
            continue
        before = attributions.get(i - 1)
        if before is not None and monitors.get(i - 1):
            carried[i] = replace(before, cue=MONITOR_TOLL, outside=())
            continue
        if i - 1 in carried and _same_paragraph(text, spans[i - 1], spans[i]):
            carried[i] = carried[i - 1]
            continue
        if not is_framed_toll(text[spans[i][0]:spans[i][1]], lang):
            continue
        cited = {monitors[k] for k in monitors if k < i and monitors[k]}
        partisan = any(k in claimed_tolls and not monitors.get(k) for k in monitors)
        if len(cited) == 1 and not partisan:
            last = max(k for k in monitors if k < i and monitors[k])
            carried[i] = replace(attributions[last], cue=MONITOR_TOLL, outside=())
    return carried
