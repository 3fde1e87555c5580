"""Sentence and paragraph boundaries as character offsets, from the cheap tokenizer-only pipeline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.nlp.model import load_splitter

_PARAGRAPH = re.compile(r"[^\n]+")


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
    for p_index, (match, sdoc) in enumerate(zip(paragraphs, splitter.pipe(m.group() for m in paragraphs))):
        base = match.start()
        for sent in sdoc.sents:
            chunk = sent.text
            stripped = chunk.strip()
            if not stripped:
                continue
            lead = len(chunk) - len(chunk.lstrip())
            start = base + sent.start_char + lead
            sentences.append(Sentence(len(sentences), start, start + len(stripped), p_index))
    return tuple(sentences)
