"""Tests of web-debris cleaning: rules from data files, seeds keep every content line and lose their debris."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontwatch.data import data_path, read_tsv
from frontwatch.ingest.clean import KINDS, clean_text, load_rules, normalize_text

# For each seed (by name prefix), the lines a reader would call web debris, not article.
SEED_DEBRIS = {
    "000_": [],
    "001_": ["Table of Contents"],
    "002_": ["X", "Related Post", "Vous pouvez partager cette histoire sur les réseaux sociaux :", "Lien source"],
    "003_": ["Merci d’avoir lu ce thread rédigé par Clément Molin"],
    "004_": [
        "FLASH INFO :",
        "Que pensez-vous de cet article ?",
        "11",
        "NEWSLETTER",
        "Inscrivez-vous pour suivre toute notre actualité.",
        "RÉAGISSEZ",
        "Poster un Commentaire",
        "Soyez le premier à commenter !",
        "Me notifier des",
        "avatar",
        "wpDiscuz",
        "RÉSEAUX SOCIAUX",
        "• Red'Action",
    ],
}


def _seed(seeds_dir: Path, prefix: str) -> Path:
    (path,) = sorted(seeds_dir.glob(f"{prefix}*.txt"))
    return path


@pytest.mark.parametrize("prefix", sorted(SEED_DEBRIS))
def test_clean_text_seed_keeps_every_content_line(seeds_dir, prefix):
    raw = _seed(seeds_dir, prefix).read_text(encoding="utf-8")
    cleaned = clean_text(raw, "fr").split("\n")
    content = [line.strip() for line in raw.splitlines() if line.strip() and line.strip() not in SEED_DEBRIS[prefix]]
    first_copies = list(dict.fromkeys(content))
    assert cleaned == first_copies


@pytest.mark.parametrize("prefix", sorted(p for p, debris in SEED_DEBRIS.items() if debris))
def test_clean_text_seed_loses_its_debris(seeds_dir, prefix):
    cleaned = clean_text(_seed(seeds_dir, prefix).read_text(encoding="utf-8"), "fr").split("\n")
    assert not set(SEED_DEBRIS[prefix]) & set(cleaned)


def test_clean_text_repeated_headline_kept_once(seeds_dir):
    raw = _seed(seeds_dir, "000_").read_text(encoding="utf-8")
    headline = raw.splitlines()[0]
    assert raw.count(headline) == 2
    cleaned = clean_text(raw, "fr")
    assert cleaned.count(headline) == 1
    assert cleaned.startswith(headline)


ARTICLE = (
    "Au moins 12 soldats maliens ont été tués lundi dans une embuscade près de Boulkessi, "
    "dans le centre du Mali, a indiqué l'armée dans un communiqué."
)


@pytest.mark.parametrize(
    "debris",
    [
        "Lire aussi : Burkina Faso, l'armée reprend le contrôle de Djibo",
        "À lire également",
        "Partager sur Facebook",
        "Partager",
        "Facebook | Twitter | WhatsApp",
        "Publicité",
        "Crédit photo : AFP",
        "Abonnez-vous à notre newsletter pour ne rien manquer",
        "Suivez-nous sur Telegram",
        "Dernière minute",
        "Temps de lecture : 3 min",
        "Sommaire",
        "— 12 —",
        "* * *",
        "×",
        "Table of Contents",
        "Related Posts",
    ],
)
def test_clean_text_drops_french_debris_line(debris):
    assert clean_text(f"{ARTICLE}\n{debris}\n{ARTICLE.replace('lundi', 'mardi')}", "fr") == (
        f"{ARTICLE}\n{ARTICLE.replace('lundi', 'mardi')}"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Partager le pouvoir avec les civils n'est pas à l'ordre du jour, a déclaré la junte à Niamey.",
        "Lire les communiqués de l'armée ne suffit pas à établir un bilan, estiment les ONG présentes à Gaza.",
        "Suivez la progression des forces russes autour de Pokrovsk : les combats se sont intensifiés samedi.",
        "Commentaire de l'état-major ukrainien : 35 attaques ont été repoussées dans le secteur de Koupiansk.",
    ],
)
def test_clean_text_keeps_content_sentence(sentence):
    cleaned = clean_text(f"{ARTICLE}\n{sentence} Les frappes ont repris à l'aube.", "fr")
    assert f"{sentence} Les frappes ont repris à l'aube." in cleaned.split("\n")


@pytest.mark.parametrize(
    "tail",
    [
        ["3 commentaires", "Ahmed : quelle tristesse pour El-Fasher.", "Marie : merci pour cet article."],
        ["Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée."],
        ["Que pensez-vous de cet article ?", "27", "Soyez le premier à réagir"],
        ["Vous pouvez partager cet article sur les réseaux sociaux :", "Source : agences"],
    ],
)
def test_clean_text_tail_section_truncated(tail):
    body = [ARTICLE, "Les rebelles ont revendiqué l'attaque dans la soirée sur les réseaux sociaux, selon l'AFP."]
    assert clean_text("\n".join(body + tail), "fr") == "\n".join(body)


def test_clean_text_tail_marker_in_header_does_not_truncate():
    body = [ARTICLE, "Les rebelles ont revendiqué l'attaque dans la soirée sur les réseaux sociaux, selon l'AFP."]
    cleaned = clean_text("\n".join(["Laisser un commentaire"] + body), "fr")
    assert cleaned == "\n".join(body)


def test_clean_text_collapses_blank_lines_and_invisibles():
    raw = "\ufeffDes frappes de drones\u200b ont visé Port-Soudan.\r\n\r\n\r\n   \n\tL'armée dénonce une attaque.  \r\n"
    assert clean_text(raw, "fr") == "Des frappes de drones ont visé Port-Soudan.\nL'armée dénonce une attaque."


def test_normalize_text_keeps_non_breaking_spaces():
    assert normalize_text("«\u00a0infligé\u00a0»") == "«\u00a0infligé\u00a0»"


@pytest.mark.parametrize("lang", [None, "de", "en"])
def test_clean_text_neutral_rules_apply_without_french_file(lang):
    raw = "Russian forces shelled Kherson on Sunday, killing two civilians.\n* * *\nwpDiscuz\nX"
    assert clean_text(raw, lang) == "Russian forces shelled Kherson on Sunday, killing two civilians."


@pytest.mark.parametrize(
    "debris",
    ["Advertisement", "Read more: Sudan's war explained", "Sign up for our daily newsletter", "5 min read"],
)
def test_clean_text_drops_english_debris_line(debris):
    article = "Israeli strikes killed at least 20 people in Rafah overnight, the Gaza health ministry said."
    assert clean_text(f"{article}\n{debris}", "en") == article


def test_clean_text_french_rules_not_applied_to_english():
    line = "Publicité"  # French advertising label, not debris for an English document's rules
    assert load_rules("en") != load_rules("fr")
    assert clean_text(f"{ARTICLE}\n{line}", "en").endswith(line)


RULE_FILES = [("mul", "ingest_boilerplate.tsv"), ("fr", "boilerplate.tsv"), ("en", "boilerplate.tsv")]


@pytest.mark.parametrize(("lang", "name"), RULE_FILES)
def test_boilerplate_file_is_well_formed(lang, name):
    text = data_path("lang", lang, name).read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any(line.startswith("# Source") for line in comments)
    assert any("Licence" in line for line in comments)
    header, *rows = read_tsv("lang", lang, name)
    assert header == ("kind", "pattern", "note")
    assert rows == sorted(rows)
    for kind, pattern, note in rows:
        assert kind in KINDS
        assert note
        re.compile(pattern)


@pytest.mark.parametrize(("lang", "name"), RULE_FILES)
def test_boilerplate_rules_never_match_a_wire_sentence(lang, name):
    sentences = [
        ARTICLE,
        "Le Hamas a affirmé que 40 personnes avaient été tuées dans la frappe israélienne sur Khan Younès.",
        "Des combattants du groupe Wagner ont été aperçus à Tombouctou, selon des sources sécuritaires.",
        "Ukrainian forces said they repelled 30 attacks near Chasiv Yar on Tuesday.",
    ]
    _header, *rows = read_tsv("lang", lang, name)
    for _kind, pattern, _note in rows:
        assert not any(re.fullmatch(pattern, s, re.IGNORECASE) for s in sentences), pattern


def test_clean_text_a_cross_heading_glued_to_its_section_goes_on_its_own_line():
    raw = ("Les policiers ont été applaudis.DIMANCHE 11 JANVIERUne grande marche réunit des millions de manifestants, "
           "selon CNN. Jets pounded ISILs positions, SANAs reporter said.")
    assert clean_text(raw, "fr").split("\n") == [
        "Les policiers ont été applaudis.DIMANCHE 11 JANVIER",
        "Une grande marche réunit des millions de manifestants, selon CNN. Jets pounded ISILs positions, SANAs reporter said."]
