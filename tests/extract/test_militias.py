"""Identity militias: a kind word next to a militia noun names ACLED's communal, ethnic, clan, sub-clan or tribal
militia of the group written before it (frontwatch.extract.militias, data/lang/en/militia_words.tsv)."""

from __future__ import annotations

import pytest

from frontwatch.extract.militias import identity_militia, militia_phrase
from frontwatch.resolve.generic import generic_actor, generic_group, generic_kind, is_generic


@pytest.mark.parametrize("phrase,expected", [
    ("Zamfara Communal Militias", ("communal_militia", "Zamfara")),
    ("Suspected Fulani ethnic militiamen", ("ethnic_militia", "Fulani")),
    ("The Hawadle clan militia", ("clan_militia", "Hawadle")),
    ("Hawiye-Habar Gedir-Saleban sub-clan militia", ("subclan_militia", "Hawiye-Habar Gedir-Saleban")),
    ("unidentified clan militia", ("clan_militia", None)),
    ("Bani Ali tribal militia", ("tribal_militia", "Bani Ali")),
])
def test_a_kind_word_next_to_a_militia_noun_names_an_identity_militia(phrase, expected):
    assert identity_militia(phrase, "en") == expected


@pytest.mark.parametrize("phrase", ["pro-government militia", "the clan elders", "Iranian militias", "Shia militias",
                                    "Militiamen", "Two militias", "armed tribesmen"])
def test_no_group_name_or_no_militia_noun_names_none(phrase):
    assert identity_militia(phrase, "en") is None


# A people's name before a militia noun with no kind word: ACLED's ethnic militia of that people ("Lendu militia");
# tribesmen are a tribe's militia.
@pytest.mark.parametrize("phrase,expected", [
    ("Fulani militiamen", ("ethnic_militia", "Fulani")),
    ("A suspected Lendu militia", ("ethnic_militia", "Lendu")),
    ("Al Awad tribesmen", ("tribal_militia", "Al Awad")),
    ("Ma'aza tribesmen", ("tribal_militia", "Ma'aza")),
])
def test_a_group_named_before_a_militia_noun_alone_takes_the_nouns_kind(phrase, expected):
    assert identity_militia(phrase, "en") == expected


def test_a_name_joined_to_another_groups_militia_shares_its_noun():
    text = "clashes between Kipsigis and Maasai militias at Pimbinyiet"
    start = text.index("Kipsigis")
    assert militia_phrase(text, start, start + len("Kipsigis"), "en") == "Kipsigis militias"
    text = "clashes between Kipsigis and Maasai elders"
    assert militia_phrase(text, start, start + len("Kipsigis"), "en") is None


def test_a_language_without_militia_words_names_none():
    assert identity_militia("milices communautaires", "fr") is None


def test_the_group_name_the_parse_cut_is_read_back_from_the_text():
    text = "On 21 March, Hawiye-Habar Gedir-Saleban sub-clan militia clashed"
    start = text.index("Saleban")
    assert militia_phrase(text, start, text.index(" clashed"), "en") == "Hawiye-Habar Gedir-Saleban sub-clan militia"
    assert militia_phrase(text, text.index("clashed"), len(text), "en") is None


def test_identity_militias_are_spelled_as_acled_does():
    named = generic_actor("communal_militia", "Nigeria", "Zamfara")
    assert (named.name, named.inter) == ("Zamfara Communal Militia (Nigeria)", 4)
    assert generic_actor("clan_militia", "Somalia").name == "Unidentified Clan Militia (Somalia)"
    name = "Hawiye-Habar Gedir-Ayr Sub-Clan Militia (Somalia)"
    assert is_generic(name) and generic_kind(name) == "subclan_militia" and generic_group(name) == "Hawiye-Habar Gedir-Ayr"
    assert generic_kind("Mayi Mayi Militia (Nyatura)") is None and not is_generic("Mayi Mayi Militia (Nyatura)")
    assert generic_group("Unidentified Armed Group (Mali)") is None


@pytest.mark.parametrize("group,expected", [
    ("Hawadle", ("subclan_militia", "Hawiye-Hawadle")),
    ("Habar Gedir Ayr", ("subclan_militia", "Hawiye-Habar Gedir-Ayr")),
    ("Marehan-Wagardhac", ("subclan_militia", "Darod-Marehan-Wagardhac")),
    ("Hawiye-Habar Gedir-Saleban", ("clan_militia", "Hawiye-Habar Gedir-Saleban")),  # its lineage already
    ("Unknownclan", ("clan_militia", "Unknownclan")),
])
def test_a_somali_clan_militia_is_named_by_its_lineage(group, expected):
    from datetime import date

    from frontwatch.extract.militias import acled_militia

    assert acled_militia("clan_militia", group, "SO", date(2025, 6, 1)) == expected


def test_the_lineage_naming_holds_from_its_date_and_in_its_country_only():
    from datetime import date

    from frontwatch.extract.militias import acled_militia

    assert acled_militia("clan_militia", "Hawadle", "SO", date(2020, 1, 1)) == ("clan_militia", "Hawadle")
    assert acled_militia("clan_militia", "Hawadle", "KE", date(2025, 6, 1)) == ("clan_militia", "Hawadle")
    assert acled_militia("ethnic_militia", "Fulani", "SO", date(2025, 6, 1)) == ("ethnic_militia", "Fulani")
