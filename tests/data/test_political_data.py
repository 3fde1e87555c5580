"""Tests for the data that decides what is an event and how unnamed parties and places are named: political cues,
the sub-types that imply an armed party, ACLED's generic actors and country spellings, actor words' kinds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.data import lang_file, read_tsv_dicts
from frontwatch.eval.gold import corpus_dir
from frontwatch.extract.political import says
from frontwatch.extract.sentences import split_sentences
from frontwatch.resolve.gazetteer.build import country_names
from frontwatch.resolve.generic import generic_actor, is_generic, kinds

FRAMES = {"not_political", "political", "cumulative", "idiom"}
REPO = Path(__file__).resolve().parents[2]


def test_political_cues_use_known_frames_once_each():
    rows = lang_file("fr", "political_cues")
    assert {r["frame"] for r in rows} == FRAMES
    cues = [r["cue"] for r in rows]
    assert len(cues) == len(set(cues)), "a cue is listed twice"
    assert all(c == c.lower().strip() and c for c in cues)


def test_political_cues_match_whole_words_with_accents_kept():
    assert says("not_political", "Un skieur a été tué par la chute d'un sapin.", "fr")
    assert says("political", "Des frappes ont visé la ville.", "fr")
    assert not says("political", "plusieurs départements frappés par l'épidémie", "fr")  # frappés is no frappes
    assert not says("not_political", "Les virusologues", "fr")  # whole words only
    # a trial's verdict on an attack of 2005, read in 2020 (shared/corpus/fr-dev)
    assert says("not_political", "ont déclaré les juges lors de la lecture du verdict", "fr")


def test_armed_subtypes_are_acled_sub_event_types():
    taxonomy = {r["sub_event_type"] for r in read_tsv_dicts("taxonomy", "acled.tsv")}
    assert {r["sub_event_type"] for r in read_tsv_dicts("taxonomy", "armed_subtypes.tsv")} <= taxonomy


@pytest.mark.parametrize("table", ["unnamed_actors.tsv", "unnamed_victims.tsv"])
def test_unnamed_actors_are_acled_sub_event_types_with_a_generic_kind(table):
    taxonomy = {r["sub_event_type"] for r in read_tsv_dicts("taxonomy", "acled.tsv")}
    rows = read_tsv_dicts("taxonomy", table)
    assert rows and {r["sub_event_type"] for r in rows} <= taxonomy and {r["kind"] for r in rows} <= kinds()


def test_actor_word_kinds_have_a_generic_actor():
    for lang in ("fr",):
        assert {r["kind"] for r in lang_file(lang, "actor_words")} <= kinds()


def test_generic_actors_are_spelled_as_acled_does():
    assert generic_actor("armed_group", "Mali").name == "Unidentified Armed Group (Mali)"
    assert generic_actor("protesters", "Palestinian Territory").name == "Protesters (Palestine)"
    assert generic_actor("state_forces", "United States").name == "Military Forces of the United States"
    assert generic_actor("civilians", "United Kingdom").name == "Civilians (United Kingdom)"
    assert generic_actor("rioters", None) is None and generic_actor("pilots", "Mali") is None
    assert is_generic("Military Forces of France (2017-)") and not is_generic("la Turquie")


def test_acled_country_names_rename_gazetteer_names():
    gazetteer = set(country_names().values())
    for row in read_tsv_dicts("taxonomy", "acled_countries.tsv"):
        assert row["gazetteer"] in gazetteer, row


def _fr_dev_text(doc_id: str) -> str:
    path = corpus_dir(REPO / "eval" / "gold" / "real-dev.json") / "fr-dev"
    if not path.is_dir():
        pytest.skip("../shared/corpus/fr-dev is not available")
    for name in ("conflict.jsonl", "other.jsonl"):
        for line in (path / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["id"] == doc_id:
                return row["text"]
    raise AssertionError(doc_id)


def test_sentences_glued_by_scraping_are_split_in_real_copy():
    # OrangeSum's scraped AFP copy glues sentences ("d'annexion.L'armée") and cross-headings into one paragraph
    text = _fr_dev_text("orangesum-6717")
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert any(s.startswith("L'armée israélienne a tiré des grenades") for s in sentences)
    assert any(s.startswith("Des rassemblements ont également lieu à Naplouse") for s in sentences)
    assert all(len(s) < 600 for s in sentences)


def test_a_sentence_glued_after_an_acronym_is_split_in_real_copy():
    # "a indiqué ... à l'AFP.A Jalalabad, les combats": the next sentence's town is read, not an entity "AFP.A Jalalabad"
    text = _fr_dev_text("orangesum-36148")
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert any(s.startswith("A Jalalabad, les combats autour de la prison") for s in sentences)
    assert any(s.startswith("L'attaque est intervenue après l'annonce") for s in sentences)
    initials = "Les U.S.A. sont là."
    assert [initials[s.start : s.end] for s in split_sentences(initials)] == [initials]


def test_a_capital_named_by_its_demonym_is_that_capital_in_real_copy():
    # AFP names capitals by their demonym ("dans la capitale allemande"): Berlin, whatever the article's focus
    from datetime import date

    from frontwatch.extract.document import document_places
    from frontwatch.records import Document

    text = _fr_dev_text("orangesum-32763")
    start = text.index("la capitale allemande")
    doc = Document(doc_id="orangesum-32763", text=text, original=text, content_hash="t", published=date(2020, 8, 30),
                   language="fr")
    found = [p.place for p in document_places(doc) if start <= p.start < start + len("la capitale allemande")]
    assert [(p.name, p.country) for p in found] == [("Berlin", "Germany")]
