"""find_dates: which French (and English) expressions are dates, what they spell out, and what is not a date."""

from __future__ import annotations

import pytest

from frontwatch.data import lang_file
from frontwatch.extract.dates import DateMention, find_dates

# (sentence, the date expression as it must be read, kind, relation)
FOUND = [
    # seeds
    ("L'Observatoire a rapporté que près de 100 combattants ont perdu la vie lors de violents combats mercredi.",
     "mercredi", "weekday", "at"),
    ("Au cours des dernières 24 heures, au moins 200 militants ont été éliminés.",
     "Au cours des dernières 24 heures", "duration_window", "at"),
    ("Il a ajouté que 400 autres militants avaient été tués la veille par les forces russes et syriennes.",
     "la veille", "relative_day", "at"),
    ("Les forces du régime avaient pris le contrôle de Neirab le 3 février dans le cadre d'une offensive.",
     "le 3 février", "day_month", "at"),
    ("Les forces du régime ont capturé Saraqib deux jours plus tard.", "deux jours plus tard", "relative_offset", "at"),
    ("En septembre 2018, la Turquie et la Russie avaient convenu de faire d'Idlib une zone de désescalade.",
     "En septembre 2018", "month_year", "at"),
    ("Les forces syriennes ont levé le siège d'Alep en décembre 2016.", "en décembre 2016", "month_year", "at"),
    ("Les forces russes ont mené des frappes sur Alep pour la première fois depuis 2016.",
     "pour la première fois depuis 2016", "since_reference", "reference"),
    ("Leur leader a rompu avec Al Qaida il y a longtemps.", "il y a longtemps", "distant_past", "at"),
    ("Ce matin, l'armée syrienne a confirmé que des combattants avaient pénétré dans la ville.",
     "Ce matin", "part_of_day", "at"),
    ("Une offensive fulgurante dure depuis trois jours à Alep.", "depuis trois jours", "relative_offset", "since"),
    ("La Russie est intervenue dans le conflit en 2015.", "en 2015", "year", "at"),
    ("Mise à jour : A 21h13, avec l'ajout de la déclaration.", "A 21h13", "time", "at"),
    # Ukraine
    ("Au moins 12 civils ont été tués dans la nuit de mardi à mercredi par des drones russes à Kharkiv.",
     "dans la nuit de mardi à mercredi", "night_span", "at"),
    ("L'armée ukrainienne a repoussé 40 assauts ces dernières 48 heures près de Pokrovsk.",
     "ces dernières 48 heures", "duration_window", "at"),
    ("Le 1er mars 2022, une colonne de chars russes stationnait au nord de Kiev.", "Le 1er mars 2022", "absolute", "at"),
    ("Moscou a revendiqué jeudi dernier la prise de Vouhledar.", "jeudi dernier", "weekday", "at"),
    ("Selon un bilan publié le 03/11/2024, 43 civils ont été tués.", "le 03/11/2024", "absolute", "at"),
    ("Le bilan, arrêté au 2024-02-03, fait état de 31 morts.", "2024-02-03", "absolute", "at"),
    # Sahel
    ("Des jihadistes ont attaqué lundi dernier un poste militaire près de Djibo.", "lundi dernier", "weekday", "at"),
    ("Mi-février, l'armée malienne et ses supplétifs russes ont repris Kidal.", "Mi-février", "month_part", "at"),
    ("L'attaque de Barsalogho, fin août, a fait des centaines de morts.", "fin août", "month_part", "at"),
    ("Quelques jours plus tard, le JNIM a revendiqué l'embuscade.", "Quelques jours plus tard", "relative_offset", "at"),
    # Sudan
    ("Les FSR se sont emparées d'El-Facher le 26 octobre, après des mois de siège.", "le 26 octobre", "day_month", "at"),
    ("Du 3 au 5 février, des combats ont opposé les FSR à l'armée dans le Kordofan.",
     "Du 3 au 5 février", "date_range", "at"),
    ("Le camp de Zamzam est bombardé depuis début novembre, selon MSF.", "depuis début novembre", "month", "since"),
    ("Il y a deux semaines, un convoi humanitaire a été attaqué au sud de Khartoum.",
     "Il y a deux semaines", "relative_offset", "at"),
    # Gaza
    ("Le 7 octobre 2023, le Hamas a lancé une attaque contre Israël.", "Le 7 octobre 2023", "absolute", "at"),
    ("Depuis le 7 octobre, plus de 40.000 Palestiniens ont été tués.", "Depuis le 7 octobre", "day_month", "since"),
    ("La guerre dure depuis plus d'un an.", "depuis plus d'un an", "relative_offset", "since"),
    ("C'est la frappe la plus meurtrière depuis mars 2024 à Rafah.", "la plus meurtrière depuis mars 2024",
     "since_reference", "reference"),
    ("Le lendemain matin, l'armée israélienne a frappé Khan Younès.", "Le lendemain matin", "relative_day", "at"),
    ("Un accord de mars 2020 visait à mettre fin aux combats.", "mars 2020", "month_year", "at"),
    ("La semaine dernière, l'armée a affirmé avoir neutralisé une centaine de combattants.",
     "La semaine dernière", "relative_offset", "at"),
    ("Les 12 et 13 juin, des frappes ont visé Rafah.", "Les 12 et 13 juin", "date_range", "at"),
    # a date that names what happened on it
    ("Il était l'instigateur des attentats du 11-Septembre aux Etats-Unis.", "11-Septembre", "day_month", "at"),
    # a part of the publication's year (sentences of shared/corpus/fr-dev): months ago, no day
    ("Elle a fait l'objet en début d'année d'une vaste offensive du régime syrien.", "en début d'année",
     "relative_offset", "at"),
    ("Il s'agissait du premier soldat tué en mission depuis le début de l'année.", "depuis le début de l'année",
     "relative_offset", "reference"),
]


@pytest.mark.parametrize(("sentence", "expected", "kind", "relation"), FOUND)
def test_find_dates_reads_expression(sentence, expected, kind, relation):
    mentions = find_dates(sentence)
    assert [m.text for m in mentions] == [expected]
    mention = mentions[0]
    assert (mention.kind, mention.relation) == (kind, relation)
    assert sentence[mention.start : mention.end] == expected


# Numbers, codes and clock-free figures that must never be read as dates.
NOT_DATES = [
    "Il existe actuellement 12 points d'observation turcs à l'intérieur du territoire syrien.",
    "Le village, sur l'autoroute M4, est situé à environ 10 kilomètres au sud-est d'Idlib.",
    "Plus de 1.800 civils ont été tués dans les attaques du régime.",
    "Le groupe a affirmé avoir pris le contrôle de quelque 400 kilomètres carrés de territoire.",
    "Ils ont capturé une vaste portion de la campagne à l'ouest d'Alep (295km2).",
    "Jour 2 de l'offensive d'Alep.",
    "Ici, à Zerbeh, 12km de la ligne de contact habituelle.",
    "Plus de 1,7 million de civils ont fui vers la frontière, qui accueille déjà 3,7 millions de Syriens.",
    "Le bilan s'élève désormais à plus de 2000, selon le ministère de la Santé.",
    "La 47e brigade mécanisée a perdu 2 024 hommes et 12 chars Leopard.",
    "Des avions Su-25 et des F-16 ont été aperçus au-dessus de la région de Koursk.",
    "L'armée israélienne se prépare à une offensive dans les 24 heures, selon des sources.",
    "Les FSR ont déployé 3000 combattants et 15 véhicules à El-Obeid.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_find_dates_ignores_numbers_that_are_not_dates(sentence):
    assert find_dates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "fields"),
    [
        ("Neirab est tombé le 3 février.", {"day": 3, "month": 2, "year": None}),
        ("L'opération a débuté le 1er mars 2022.", {"day": 1, "month": 3, "year": 2022}),
        ("Un bilan du 03/11/2024.", {"day": 3, "month": 11, "year": 2024}),
        ("Les combats de mercredi.", {"weekday": 2, "mode": "last_or_same", "anchor": "publication"}),
        ("Kidal est tombée dimanche dernier.", {"weekday": 6, "mode": "last"}),
        ("Il y a trois ans.", {"offset": -3, "unit": "year", "anchor": "publication", "vague": False}),
        ("Saraqib tombe deux jours plus tard.", {"offset": 2, "unit": "day", "anchor": "previous", "offset_days": 2}),
        ("Quelques jours plus tard.", {"offset": 3, "unit": "day", "vague": True}),
        ("Depuis près de cinq ans.", {"offset": -5, "unit": "year", "vague": True, "relation": "since"}),
        ("La veille.", {"offset": -1, "unit": "day", "anchor": "previous", "offset_days": -1}),
        ("Dans la nuit de mardi à mercredi.", {"weekday": 1, "end_weekday": 2}),
        ("Dans la nuit du 2 au 3 février.", {"day": 2, "end_day": 3, "month": 2}),
        ("Ces dernières 48 heures.", {"offset": -48, "unit": "hour"}),
        ("Une semaine auparavant.", {"offset": -1, "unit": "week", "offset_days": -7}),
        ("A 21h13.", {"hour": 21, "minute": 13}),
        ("Fin novembre 2023.", {"month": 11, "year": 2023, "mode": "late"}),
    ],
)
def test_find_dates_spells_out_parts(sentence, fields):
    (mention,) = find_dates(sentence)
    for name, value in fields.items():
        assert getattr(mention, name) == value, name


@pytest.mark.parametrize("text", ["le 31 février", "le 30/02/2024", "le 29/02/2023"])
def test_find_dates_drops_impossible_calendar_dates(text):
    assert [m for m in find_dates(text) if m.day is not None] == []


def test_find_dates_prefers_longest_overlapping_expression():
    text = "Les frappes ont eu lieu dans la nuit de jeudi à vendredi, puis le lendemain."
    assert [m.text for m in find_dates(text)] == ["dans la nuit de jeudi à vendredi", "le lendemain"]


def test_find_dates_seed_article_in_text_order(seed_paths):
    text = next(p for p in seed_paths if p.name.startswith("004")).read_text(encoding="utf-8")
    mentions = find_dates(text)
    assert [m.text for m in mentions] == [
        "jeudi", "Plus tard dans la journée", "jeudi", "le 3 février", "depuis janvier", "deux jours plus tard",
        "En septembre 2018", "depuis", "de 2018", "le 12 janvier",
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(isinstance(m, DateMention) for m in mentions)


@pytest.mark.parametrize(
    ("sentence", "expected", "kind"),
    [
        ("Russian drones struck Kharkiv on Wednesday, officials said.", "on Wednesday", "weekday"),
        ("Two days later, RSF fighters seized the town.", "Two days later", "relative_offset"),
        ("Shelling resumed on Friday, November 29, 2024.", "on Friday, November 29, 2024", "absolute"),
        ("It was the deadliest attack since 2016.", "the deadliest attack since 2016", "since_reference"),
        ("Twelve observation points were set up in the past 24 hours.", "in the past 24 hours", "duration_window"),
        # two days joined by "and": a range, dated by its first day as ACLED codes it
        ("On 13 and 14 February, militiamen clashed in the villages of Tina and Iriba.", "On 13 and 14 February",
         "date_range"),
    ],
)
def test_find_dates_english_needs_only_data(sentence, expected, kind):
    mentions = find_dates(sentence, "en")
    assert [(m.text, m.kind) for m in mentions] == [(expected, kind)]


# A season is read as its year: "since the summer of 2014" starts an ongoing period (history, not an event of the
# day), "au printemps 2015" dates what happened to that year.
@pytest.mark.parametrize(
    ("sentence", "lang", "expected", "relation"),
    [
        ("The coalition has been carrying out airstrikes in Syria since the summer of 2014.", "en",
         "since the summer of 2014", "since"),
        ("Thousands fled in the winter of 2016.", "en", "in the winter of 2016", "at"),
        ("La coalition frappe l'EI depuis l'été 2014.", "fr", "depuis l'été 2014", "since"),
        ("Au printemps 2015, les rebelles ont pris Idleb.", "fr", "Au printemps 2015", "at"),
    ],
)
def test_find_dates_reads_a_season_as_its_year(sentence, lang, expected, relation):
    (mention,) = find_dates(sentence, lang)
    assert (mention.text, mention.kind, mention.relation, mention.year) == (expected, "year", relation,
                                                                             int(expected[-4:]))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["dates_months", "dates_weekdays", "dates_numbers", "dates_units", "dates_patterns"])
def test_dates_lexicon_rows_sorted_and_unique(lang, name):
    rows = lang_file(lang, name)
    first = [tuple(r.values()) for r in rows]
    assert rows, f"{lang}/{name} is empty"
    assert first == sorted(first, key=lambda r: tuple(str(c) for c in r))
    keys = [next(iter(r.values())) for r in rows]
    assert len(set(keys)) == len(keys), f"{lang}/{name} repeats a key"


def test_find_dates_reads_a_capital_dotted_i():
    # "LUNDİ" typed on a Turkish keyboard lower-cases to "i" and a combining dot; it once raised a KeyError
    found = find_dates("LUNDİ 3 MARS, des combats ont eu lieu.", "fr")
    assert [(d.day, d.month, d.weekday) for d in found] == [(3, 3, 0)]
