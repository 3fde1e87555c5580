"""The figure and claim lexicons: provenance header, sorted rows, known roles, in every language."""

from __future__ import annotations

import pytest

from frontwatch.data import data_path, lang_file
from frontwatch.extract.quantities import QUALIFIERS, lexicon

LANGS = ["en", "fr"]
FILES = ["count_kinds", "count_subjects", "figure_cues", "figure_units", "numbers", "qualifiers",
         "reporting_cues", "reporting_verbs"]
ALLOWED = {
    ("numbers", "role"): {"cardinal", "weak", "scale", "approx", "vague", "plural_det", "link", "joiner", "other"},
    ("qualifiers", "qualifier"): set(QUALIFIERS),
    ("qualifiers", "position"): {"before", "after"},
    ("count_subjects", "category"): {"person", "equipment", "munition", "other"},
    ("figure_cues", "role"): {"part_marker", "clause_break", "hedge", "label", "toll_frame"},
    ("figure_units", "unit"): {"area", "date", "distance", "duration", "ordinal", "percent", "time", "money",
                               "weight", "calibre"},
    ("reporting_cues", "role"): {"prep", "source", "pronoun", "definite", "same", "anaphor_noun", "aux",
                                 "quote_open", "quote_close", "possessive", "channel", "speaker_end"},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", FILES)
def test_quantities_data_file_has_header_and_sorted_rows(lang, name):
    text = data_path("lang", lang, f"{name}.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and any("Licence" in line for line in lines if line.startswith("#"))
    body = [line for line in lines if line.strip() and not line.startswith("#")][1:]
    assert body == sorted(body), f"{lang}/{name}.tsv rows are not sorted"
    assert len(body) == len(set(body)), f"{lang}/{name}.tsv has duplicate rows"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name,column", sorted(ALLOWED))
def test_quantities_data_values_are_known(lang, name, column):
    values = {row[column] for row in lang_file(lang, name)}
    assert values <= ALLOWED[(name, column)], values - ALLOWED[(name, column)]


@pytest.mark.parametrize("lang", LANGS)
def test_quantities_data_kinds_are_snake_case_or_dash(lang):
    for row in lang_file(lang, "count_kinds"):
        for column in ("person_kind", "equipment_kind"):
            assert row[column] == "-" or row[column].replace("_", "").isalpha(), row
        assert row["person_kind"] != "-" or row["equipment_kind"] != "-", row


@pytest.mark.parametrize("lang", LANGS)
def test_quantities_data_lexicon_loads(lang):
    lex = lexicon(lang)
    assert any(role == "cardinal" for _, role in lex.numbers.values())
