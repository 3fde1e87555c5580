"""Sentence and paragraph boundaries as character offsets, from the cheap tokenizer-only pipeline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.nlp.model import load_splitter

_PARAGRAPH = re.compile(r"[^\n]+")
# Scraping debris that hides a sentence's end from the sentencizer, which then reads a whole paragraph as one
# sentence: sentences glued without a space ("le projet d'annexion.L'armée israélienne a tiré", "a constaté un
# journaliste de l'AFP.\"Cette marche"), and a cross-heading scraped into the paragraph ("...à Bamako.- Quatre
# soldats tués -Quatre soldats ont été tués": a dash right after a sentence's end, or glued to the capital that
# opens the next sentence; "Port-Soudan" and "Al-Qaïda" have no space before their dash). A full stop between a
# lower-case letter or a digit and a capital is no abbreviation in French copy ("M. Assad" takes a space), nor one
# after an acronym ("a indiqué à l'AFP.A Jalalabad, les combats", "par l'EI.Quelques heures plus tard"; "U.S.A"
# has no two capitals before a stop).
_SENTENCE_BREAK = re.compile(
    r"(?<=[a-zà-ÿ0-9)][.!?])(?=[«\"]?[A-ZÀ-Ý])|(?<=[A-Z][.!?])(?=[«\"][A-ZÀ-Ý])|(?<=[A-Z]{2}[.!?])(?=[A-ZÀ-Ý][a-zà-ÿ\s])"
    r"|(?<=[.!?][»\"])(?=[A-ZÀ-Ý])"
    r"|(?<=[.!?»\"])\s*-\s*(?=[A-ZÀ-Ý])|(?<=\w)\s+-(?=[A-ZÀ-Ý«])"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: character offsets into the document text and the paragraph it belongs to."""

    index: int
    start: int
    end: int
    paragraph: int


def split_sentences(text: str, lang: str = "fr") -> list[Sentence]:
    """Paragraphs are lines; each is split into sentences by the rule-based sentencizer."""
    return list(_split(text, lang))


@lru_cache(maxsize=512)  # a batch of documents is split once to gather its parses, then again to extract each
def _split(text: str, lang: str) -> tuple[Sentence, ...]:
    splitter = load_splitter(lang)
    sentences: list[Sentence] = []
    paragraphs = [m for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    # each paragraph's pieces between hidden sentence ends: (paragraph index, offset of the piece, its text)
    pieces = [(p_index, match.start() + a, match.group()[a:b])
              for p_index, match in enumerate(paragraphs) for a, b in _pieces(match.group())]
    for (p_index, base, _), sdoc in zip(pieces, splitter.pipe(piece for _, _, piece in pieces)):
        for sent in sdoc.sents:
            chunk = sent.text
            stripped = chunk.strip()
            if not stripped:
                continue
            lead = len(chunk) - len(chunk.lstrip())
            start = base + sent.start_char + lead
            sentences.append(Sentence(len(sentences), start, start + len(stripped), p_index))
    return tuple(sentences)


def _pieces(paragraph: str) -> list[tuple[int, int]]:
    """The paragraph's spans between hidden sentence ends (the whole paragraph when it has none)."""
    bounds = [0]
    for m in _SENTENCE_BREAK.finditer(paragraph):
        if any(c.isalnum() for c in paragraph[bounds[-1] : m.end()]):  # a lone quote mark goes with what follows
            bounds.append(m.end())
    bounds.append(len(paragraph))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if paragraph[a:b].strip()]
