"""A language's ``unread_attributes`` (language.toml) drop only attribute-ruler rules whose work nobody reads: on real
news, the loaded pipeline gives every word the same part of speech, features, lemma, parse and entity as the model
with all of its rules. Read from ../shared/corpus, never copied into the repository."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from frontwatch.data import read_toml
from frontwatch.eval.gold import corpus_dir
from frontwatch.nlp.model import MODELS, load_nlp

REPO = Path(__file__).resolve().parents[2]
FR_DEV = corpus_dir(REPO / "eval" / "gold" / "real-dev.json") / "fr-dev"
READ = [POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE]


@pytest.mark.parametrize("lang", sorted(lang for lang in MODELS
                                        if read_toml("lang", lang, "language.toml").get("unread_attributes")))
def test_unread_attributes_leave_every_read_attribute_as_the_whole_model_sets_it(lang):
    if not (FR_DEV / "conflict.jsonl").is_file():
        pytest.skip("../shared/corpus/fr-dev is not available")
    lines = (FR_DEV / "conflict.jsonl").read_text(encoding="utf-8").splitlines()[:60]
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    loaded = load_nlp(lang)
    whole = spacy.load(MODELS[lang])
    whole.tokenizer = loaded.tokenizer  # the language's own tokenizer settings (infixes), rules apart
    dropped = len(whole.get_pipe("attribute_ruler").patterns) - len(loaded.get_pipe("attribute_ruler").patterns)
    assert dropped > 0, "no rule dropped: the language's unread_attributes no longer match its model's ruler"
    unread = read_toml("lang", lang, "language.toml")["unread_attributes"]
    tag_unread = "TAG" in unread
    differing_tags = 0
    for full, ours in zip(whole.pipe(texts), loaded.pipe(texts)):
        assert [t.text for t in full] == [t.text for t in ours]
        assert numpy.array_equal(full.to_array(READ), ours.to_array(READ)), full.text[:80]
        differing_tags += int(tag_unread and not numpy.array_equal(full.to_array([TAG]), ours.to_array([TAG])))
    assert not tag_unread or differing_tags > 0  # the dropped rules did set something: the tags nobody reads
