"""Load each language's spaCy pipeline once per process, with a cheap sentence splitter enabled."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import NORM, ORTH

from frontwatch.data import data_path, read_toml
from frontwatch.errors import DataFileError
from frontwatch.nlp import ud  # noqa: F401  (registers the frontwatch_ud component)

log = logging.getLogger(__name__)


def _configured_models() -> dict[str, str]:
    """Language code -> spaCy package, from each ``data/lang/<iso>/language.toml`` that names one."""
    models = {}
    for folder in data_path("lang").iterdir():
        if folder.is_dir() and (folder / "language.toml").is_file():
            name = read_toml("lang", folder.name, "language.toml").get("spacy_model")
            if name:
                models[folder.name] = name
    return models


# One registry package per language, read from the language's data folder: a new language is new data.
MODELS = _configured_models()


@lru_cache(maxsize=None)
def load_nlp(lang: str = "fr") -> Language:
    """The full pipeline for ``lang`` (tagger, parser, NER), loaded once per process."""
    name = MODELS.get(lang)
    if name is None:
        raise DataFileError(f"No spaCy model configured for language {lang!r}; known: {sorted(MODELS)}.")
    log.info("loading spaCy model %s", name)
    nlp = spacy.load(name)
    setup = read_toml("lang", lang, "language.toml")
    # splits the model's tokenizer misses in news copy (the language's data says which)
    tokenizer = nlp.tokenizer
    if setup.get("infixes"):
        pattern = tokenizer.infix_finditer.__self__.pattern
        tokenizer.infix_finditer = spacy.util.compile_infix_regex([pattern, *setup["infixes"]]).finditer
    if setup.get("prefixes"):
        pattern = tokenizer.prefix_search.__self__.pattern
        tokenizer.prefix_search = re.compile(f"{pattern}|" + "|".join(f"^{p}" for p in setup["prefixes"])).search
    if setup.get("suffixes"):
        pattern = tokenizer.suffix_search.__self__.pattern
        tokenizer.suffix_search = re.compile(f"{pattern}|" + "|".join(f"{p}$" for p in setup["suffixes"])).search
    for word in setup.get("own_norms", ()):
        tokenizer.add_special_case(word, [{ORTH: word, NORM: word}])
    unread = set(setup.get("unread_attributes", ()))
    if unread and "attribute_ruler" in nlp.pipe_names:  # a rule that sets only what nobody reads is work for nothing
        ruler = nlp.get_pipe("attribute_ruler")
        read = [rule for rule in ruler.patterns if set(rule["attrs"]) - unread]
        ruler.clear()
        ruler.add_patterns(read)
    parse = setup.get("parse")
    if parse:  # a model that does not parse in Universal Dependencies: rewrite its parses (frontwatch.nlp.ud)
        nlp.add_pipe("frontwatch_ud", last=True, config=parse)
    return nlp


@lru_cache(maxsize=None)
def load_splitter(lang: str = "fr") -> Language:
    """A cheap pipeline (tokenizer and rule-based sentencizer only) sharing the full model's vocab."""
    nlp = load_nlp(lang)
    splitter = spacy.blank(lang, vocab=nlp.vocab)
    splitter.add_pipe("sentencizer")
    return splitter
