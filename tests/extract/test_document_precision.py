"""Precision rules of document extraction: headlines, go-betweens, background tolls, anaphors, report dates."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.extract.dates import find_dates
from frontwatch.extract.document import extract_document
from frontwatch.extract.merge import headline_sentences
from frontwatch.extract.sentences import split_sentences
from frontwatch.ingest.clean import clean_text
from frontwatch.records import Document
from frontwatch.resolve.dates import resolve_dates


def _events(text: str, published: date):
    doc = Document(doc_id="t", text=text, original=text, content_hash="t", published=published,
                   language="fr", publisher="AFP")
    return extract_document(doc)


@pytest.mark.parametrize(
    "text, headlines",
    [
        ("Soudan : des dizaines de civils tués à El-Facher\nPort-Soudan (AFP) - Des obus ont frappé un marché. "
         "Le bilan est lourd.\nSituation sur le terrain\nLes combats continuent.", ["Soudan : des dizaines de civils tués à El-Facher"]),
        ("Les combats reprennent à Goma. Des obus sont tombés.\nGoma (AFP) - Les rebelles avancent.", []),
    ],
)
def test_headline_sentences_only_lines_above_the_body(text, headlines):
    sentences = split_sentences(text, "fr")
    found = [text[sentences[i].start : sentences[i].end].strip() for i in sorted(headline_sentences(text, sentences))]
    assert found == headlines


@pytest.mark.parametrize(
    "text, published, n_events",
    [
        ("Ukraine : trois civils tués dans une frappe russe sur Kharkiv\n"
         "Kharkiv (Ukraine), 14 mai 2024 (AFP) - Trois civils ont été tués lundi soir dans une frappe de missiles "
         "russe sur un quartier résidentiel de Kharkiv, ont annoncé les autorités régionales.",
         date(2024, 5, 14), 1),
        ("Gaza : au moins dix morts dans une frappe israélienne près de Khan Younès\n"
         "Gaza (AFP) - Au moins dix Palestiniens ont été tués mardi dans une frappe israélienne sur une maison "
         "de Khan Younès, selon la Défense civile.",
         date(2024, 8, 6), 1),
    ],
)
def test_extract_document_headline_folds_into_lede(text, published, n_events):
    assert len(_events(text, published)) == n_events


@pytest.mark.parametrize(
    "text, published, country",
    [
        ("Les rebelles ont attaqué mercredi des positions de l'armée dans le nord de la Syrie, brisant une trêve "
         "négociée par la Russie et la Turquie.", date(2024, 11, 28), "Syria"),
        ("Les paramilitaires ont attaqué jeudi des positions de l'armée dans le sud du Soudan, malgré un accord "
         "obtenu sous l'égide de l'Arabie saoudite.", date(2024, 9, 27), "Sudan"),
    ],
)
def test_extract_document_mediator_is_never_the_place(text, published, country):
    events = [e for e in _events(text, published) if e.event_type == "Battles"]
    assert events and all(e.country == country for e in events)


@pytest.mark.parametrize(
    "text, published",
    [
        ("La guerre a été déclenchée par l'attaque du Hamas le 7 octobre 2023 contre Israël, qui a entraîné la "
         "mort de 1.198 personnes.", date(2024, 8, 6)),
        ("Le conflit a été déclenché par l'offensive des FSR contre l'armée le 15 avril 2023, qui a fait des "
         "milliers de morts.", date(2024, 3, 1)),
    ],
)
def test_extract_document_background_toll_is_no_event(text, published):
    assert _events(text, published) == []


@pytest.mark.parametrize(
    "text, published",
    [
        ("Des jihadistes ont attaqué mardi un poste de l'armée à Diafarabé, tuant neuf soldats. "
         "L'attaque a été revendiquée par le JNIM, selon SITE Intelligence.", date(2024, 6, 12)),
        ("Des jihadistes ont affronté lundi l'armée nigérienne près de Tillabéri, tuant six soldats. "
         "Les combats ont duré plus de trois heures, selon une source sécuritaire.", date(2024, 3, 20)),
    ],
)
def test_extract_document_definite_subject_is_the_event_told_before(text, published):
    assert len(_events(text, published)) == 1


@pytest.mark.parametrize(
    "text, event_dates",
    [
        ("Dans un communiqué publié mercredi soir, l'armée a reconnu une attaque.", []),
        ("Dans une déclaration diffusée jeudi, le ministère a dénoncé une attaque menée lundi.", ["2024-06-10"]),
        ("Le groupe a consacré une page à l'attaque dans son numéro daté de jeudi.", []),  # a magazine's issue
    ],
)
def test_find_dates_report_date_is_not_an_event_date(text, event_dates):
    resolved = resolve_dates(find_dates(text, "fr"), date(2024, 6, 13))
    assert [d.date.isoformat() for d in resolved if d.is_event_date] == event_dates


@pytest.mark.parametrize(
    "line",
    ["Vous aimerez aussi : Cisjordanie, les colons multiplient les attaques", "Sur le même sujet : la guerre au Soudan"],
)
def test_clean_text_drops_related_article_teasers(line):
    body = "Kherson (AFP) - Un homme a été tué vendredi par des tirs russes, a annoncé l'administration régionale."
    assert clean_text(f"{body}\n{line}", "fr") == body


def test_extract_document_a_day_another_event_is_told_by_is_not_this_ones():
    # an explosion told beside "l'attaque de vendredi" it has nothing to do with happened on the lede's Saturday
    events = _events("Un soldat français a été tué samedi matin au Mali, a indiqué l'Élysée. L'explosion de l'engin, "
                     "qui a tué le soldat, est survenue près de Ménaka, mais n'a aucun lien avec l'attaque de vendredi "
                     "contre un camp de l'armée malienne.", date(2019, 11, 2))
    bombs = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert [e.event_date for e in bombs] == ["2019-11-02"], [(e.event_type, e.event_date) for e in events]



@pytest.mark.parametrize("text", [
    # a rise in attacks is many events, none told (the English data has "an increase in attacks")
    "Elle s'est dite consternée par l'augmentation dans le pays d'\"attaques brutales contre des civils par des "
    "groupes armés\".",
    "La hausse des violences contre les civils inquiète l'ONU.",
])
def test_extract_document_a_rise_in_violence_is_no_event(text):
    assert not _events(text, date(2020, 6, 5))


def test_extract_document_a_near_spelling_of_another_name_tells_no_country():
    # "l'Assemblée" is in the gazetteer only as a near spelling of "Assembleia", another name of a Brazilian town:
    # the march of an article that names no other place is in no country, not in Brazil
    text = ("Mardi, le leader de la France insoumise défilait dans le cortège des cheminots. Il a regagné le métro pour "
            "être à l'heure à la séance de questions au gouvernement à l'Assemblée.")
    events = _events(text, date(2018, 4, 4))
    assert events and all(e.country != "Brazil" for e in events), [(e.location, e.country) for e in events]


# Victims of attackers or troops as written are political violence ("killed by unidentified gunmen",
# tests/data/test_acled_notes_en.py); of the police alone, no: a settlement over a police killing is no event.
@pytest.mark.parametrize(
    "text, published, n_events",
    [
        ("La famille d'une Afro-Américaine tuée par la police obtient 12 millions de dollars de dédommagement.",
         date(2020, 9, 16), 0),
    ],
)
def test_extract_document_victims_of_attackers_not_of_the_police(text, published, n_events):
    assert len(_events(text, published)) == n_events
