"""Schema tests for the ACLED taxonomy and the event lexicons (triggers, targets, modality, background)."""

from __future__ import annotations

import pytest

from frontwatch.data import data_path, lang_file, read_tsv_dicts
from frontwatch.extract.events import TERRITORY
from frontwatch.extract.triggers import KINDS, load_triggers

# SPEC.md's reference list, spelled exactly as ACLED does.
SPEC_TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
    },
}
DISORDER_TYPES = {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}
LANGS = ["fr", "en"]
LEXICONS = ["triggers", "targets", "modality", "background"]
TARGET_CLASSES = {"place", "position", "equipment", "munition", "civilian", "site", "goods", "protester", "combatant",
                  "person", "group", "partitive", "actor_adj", "time", "locator", "abstract", "symbol", "feeling"}


def _taxonomy() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in read_tsv_dicts("taxonomy", "acled.tsv"):
        out.setdefault(row["event_type"], set()).add(row["sub_event_type"])
    return out


def test_taxonomy_matches_spec_exactly():
    assert _taxonomy() == SPEC_TAXONOMY


def test_taxonomy_disorder_types_are_acled_values():
    rows = read_tsv_dicts("taxonomy", "acled.tsv")
    assert {r["disorder_type"] for r in rows} <= DISORDER_TYPES
    assert all(r["disorder_type"] for r in rows)


@pytest.mark.parametrize("lang", LANGS)
def test_triggers_use_exact_acled_spellings(lang):
    taxonomy = _taxonomy()
    for entry in load_triggers(lang).entries:
        assert entry.kind in KINDS
        if entry.kind == "support":
            assert not entry.event_type and not entry.sub_event_type, entry.phrase
            continue
        assert entry.event_type in taxonomy, entry.phrase
        if entry.sub_event_type == TERRITORY:
            assert entry.event_type == "Battles", entry.phrase
        else:
            assert entry.sub_event_type in taxonomy[entry.event_type], (entry.phrase, entry.sub_event_type)


@pytest.mark.parametrize("lang", LANGS)
def test_triggers_objects_are_target_classes(lang):
    targets = {r["class"] for r in lang_file(lang, "targets")}
    assert targets <= TARGET_CLASSES
    for entry in load_triggers(lang).entries:
        assert entry.objects | entry.excluded <= TARGET_CLASSES, entry.phrase
        assert entry.needs in ("", "support", "intransitive", "purpose", "form", "agent"), entry.phrase
        assert entry.roles in ("", "swap", "patient", "mutual"), entry.phrase


@pytest.mark.parametrize("lang", LANGS)
def test_modality_and_background_classes_are_known(lang):
    assert {r["class"] for r in lang_file(lang, "modality")} <= {"negation", "hypothetical", "intention", "attempt", "hedge", "trend", "reaction",
                                                                       "characterisation", "attribution", "achieved"}
    assert {r["scope"] for r in lang_file(lang, "modality")} <= {
        "governor", "governor_unless_past", "dependent", "dependent_unless_past", "dependent_inf", "named_point", "habit", "span", "time_point", "lasting"}
    assert {r["class"] for r in lang_file(lang, "background")} <= {"since", "compare", "recap"}


@pytest.mark.parametrize("parts", [("taxonomy", "acled.tsv")] + [("lang", lang, f"{name}.tsv") for lang in LANGS
                                                                   for name in [*LEXICONS, "places_areas"]])
def test_event_data_files_have_provenance_and_sorted_rows(parts):
    lines = data_path(*parts).read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert len(comments) >= 2 and lines[0].startswith("#"), "provenance header missing"
    assert any("Licence" in c or "licence" in c for c in comments)
    body = [line for line in lines if line.strip() and not line.startswith("#")][1:]
    assert body == sorted(body), f"{'/'.join(parts)} rows are not sorted"
    assert len(body) == len(set(body))


def test_role_words_are_pronouns_or_possessives_sorted_with_provenance():
    text = data_path("lang", "fr", "role_words.tsv").read_text(encoding="utf-8")
    assert text.startswith("# ") and "Source:" in text and "Licence:" in text
    rows = read_tsv_dicts("lang", "fr", "role_words.tsv")
    assert {r["role"] for r in rows} == {"pronoun", "possessive"}
    phrases = [r["phrase"] for r in rows]
    assert phrases == sorted(phrases) and len(set(phrases)) == len(phrases)


def test_taxonomy_fusion_days_name_acled_sub_event_types():
    rows = read_tsv_dicts("taxonomy", "fusion.tsv")
    known = set().union(*_taxonomy().values())
    assert rows and {r["sub_event_type"] for r in rows} <= known
    assert all(0 <= int(r["report_days"]) <= 3 for r in rows)
