"""What an analyst checks in exported events: running totals kept out, losers of ground as actor2, ranks as forces."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.extract.dates import find_dates
from frontwatch.resolve.dates import resolve_dates


@pytest.mark.parametrize(
    "text, since",
    [
        ("En septembre 2018, la Turquie et la Russie avaient convenu d'une zone de désescalade. Mais depuis, "
         "plus de 1.800 civils ont été tués.", date(2018, 9, 1)),
        ("L'armée a lancé une offensive le 12 janvier. Depuis lors, les combats n'ont pas cessé.", date(2024, 1, 12)),
        ("Le cessez-le-feu est entré en vigueur en mai 2023. Depuis cette date, 40 violations ont été relevées.",
         date(2023, 5, 1)),
    ],
)
def test_resolve_dates_since_then_starts_at_the_date_told_before(text, since):
    found = [r for r in resolve_dates(find_dates(text), date(2024, 6, 1)) if r.mention.kind == "since_then"]
    assert [(r.date, r.mention.relation, r.is_event_date) for r in found] == [(since, "since", False)]


def test_resolve_dates_since_then_without_an_earlier_date_has_none():
    found = resolve_dates(find_dates("Depuis lors, 30 personnes ont été tuées."), date(2024, 6, 1))
    assert [(r.mention.kind, r.date) for r in found] == [("since_then", None)]


@pytest.mark.parametrize(
    "text, published, absent",
    [
        # seed 004: a running total counted from a date told in the sentence before ("depuis" as an adverb)
        ("Les forces du régime avaient pris le contrôle de Neirab le 3 février dans le cadre d'une offensive.\n\n"
         "En septembre 2018, la Turquie et la Russie avaient convenu de faire de la province d'Idlib une zone de "
         "désescalade. Mais depuis, plus de 1.800 civils ont été tués dans les attaques du régime et des forces "
         "russes.", date(2020, 2, 20), 1800),
        ("Les rebelles ont attaqué mercredi la ville de Tassia, tuant cinq soldats.\n\nEn mars 2022, l'armée avait "
         "lancé une offensive dans la région. Depuis lors, 1.200 civils ont été tués dans la région.",
         date(2024, 3, 21), 1200),
        # a campaign's displaced, told in a paragraph of their own, are no single event's
        ("Des drones russes ont frappé mardi Kharkiv, tuant trois civils, selon le gouverneur.\n\nLa guerre a "
         "contraint plus de 6 millions d'Ukrainiens à fuir à l'étranger.", date(2024, 5, 14), 6_000_000),
        ("Les forces du régime avaient pris le contrôle de Neirab le 3 février.\n\nLes avancées du régime d'Assad "
         "ont contraint plus de 1,7 million de civils à fuir vers la frontière.", date(2020, 2, 20), 1_700_000),
    ],
)
def test_extract_document_keeps_running_totals_off_events(extract, text, published, absent):
    events = extract(text, published)
    assert events, text
    assert all(c.value != absent for e in events for c in e.claims), [(c.kind, c.value) for e in events for c in e.claims]


def test_extract_document_keeps_the_event_toll_beside_a_running_total(extract):
    text = ("Les rebelles ont attaqué mercredi la ville de Tassia, tuant cinq soldats.\n\nEn mars 2022, l'armée "
            "avait lancé une offensive. Depuis lors, 1.200 civils ont été tués dans la région.")
    values = [c.value for e in extract(text, date(2024, 3, 21)) for c in e.claims]
    assert values == [5]


@pytest.mark.parametrize(
    "text, published, loser",
    [
        # seed 003: the army that loses control is acted upon, and a later "prise" does not make it the taker
        ("Les militants HTS ont attaqué Saraqeb jeudi. C'est la débâcle pour l'armée syrienne qui perd le "
         "contrôle de la route Alep-Damas. De nombreux équipements ont été capturés à l'Armée arabe syrienne, avec "
         "la prise d'une importante base militaire.", date(2024, 11, 28), "Military Forces of Syria (2000-2024)"),
        ("Les Forces de soutien rapide ont attaqué samedi Wad Madani. L'armée soudanaise a perdu le contrôle de "
         "la ville, selon des témoins.", date(2023, 12, 18), "Military Forces of Sudan (2019-)"),
    ],
)
def test_extract_document_puts_the_loser_of_ground_in_actor2(extract, text, published, loser):
    events = extract(text, published)
    territory = [e for e in events if e.sub_event_type in ("Government regains territory",
                                                           "Non-state actor overtakes territory")]
    assert territory, [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    assert all(e.actor1 != loser for e in territory), [(e.actor1, e.actor2) for e in territory]
    assert any(e.actor2 == loser for e in territory), [(e.actor1, e.actor2) for e in territory]
    assert all(e.sub_event_type == "Government regains territory" for e in territory if e.inter1 == 1)


@pytest.mark.parametrize(
    "text, published, actor2",
    [
        ("Un colonel a été tué mercredi dans une embuscade près de Tassia, a indiqué le ministère.",
         date(2024, 3, 21), "Military Forces of Niger (2023-)"),
        ("Deux officiers ont été tués jeudi dans une frappe de drone à Kherson, selon le parquet.",
         date(2024, 11, 8), "Military Forces of Ukraine (2019-)"),
        # the force named right after the officer says whose he is
        ("Un général de l'armée soudanaise a été tué samedi dans des combats à El-Facher, selon une source "
         "militaire.", date(2024, 6, 10), "Military Forces of Sudan (2019-)"),
        ("Les militants HTS sont entrés jeudi dans Khan al-Assal. Le brigadier général Haj Hashem des gardiens de "
         "la révolution iraniens a été tué dans les combats.", date(2024, 11, 28),
         "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"),
    ],
)
def test_extract_document_reads_ranks_as_forces(extract, text, published, actor2):
    events = extract(text, published)
    assert any(e.actor2 == actor2 for e in events), [(e.actor1, e.actor2) for e in events]
    assert not any(w in (e.actor2 or "").lower() for e in events for w in ("colonel", "officier", "général"))
