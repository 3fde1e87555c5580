"""resolve_dates: relative French dates against the publication date, ACLED time_precision, background."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from frontwatch.extract.dates import find_dates
from frontwatch.resolve.dates import DateMention, ResolvedDate, resolve_dates

FRI_2024_11_29 = date(2024, 11, 29)
THU_2020_02_27 = date(2020, 2, 27)


def _resolve(text: str, published: date | None, lang: str = "fr") -> list[ResolvedDate]:
    return resolve_dates(find_dates(text, lang), published)


def _by_text(text: str, published: date | None) -> dict[str, tuple[date | None, int]]:
    return {r.mention.text: (r.date, r.time_precision) for r in _resolve(text, published)}


# (text, publication, expression, expected date, expected time_precision)
SINGLE = [
    # published Friday 2024-11-29
    ("Les combats ont fait rage mercredi à Alep.", FRI_2024_11_29, "mercredi", date(2024, 11, 27), 1),
    ("Le colonel a déclaré vendredi aux journalistes.", FRI_2024_11_29, "vendredi", date(2024, 11, 29), 1),
    ("Moscou a revendiqué vendredi dernier la prise du village.", FRI_2024_11_29, "vendredi dernier", date(2024, 11, 22), 1),
    ("Kiev a annoncé jeudi dernier une contre-offensive.", FRI_2024_11_29, "jeudi dernier", date(2024, 11, 28), 1),
    ("Les pourparlers reprendront lundi prochain à Djeddah.", FRI_2024_11_29, "lundi prochain", date(2024, 12, 2), 1),
    # "dernières 24 heures" ends at publication: the publication day, precision 1 (a 24-hour window is a day)
    ("Au cours des dernières 24 heures, au moins 200 militants ont été éliminés.", FRI_2024_11_29,
     "Au cours des dernières 24 heures", FRI_2024_11_29, 1),
    ("L'armée a repoussé 40 assauts ces dernières 48 heures.", FRI_2024_11_29, "ces dernières 48 heures", FRI_2024_11_29, 2),
    ("Des frappes ont visé Gaza ces derniers jours.", FRI_2024_11_29, "ces derniers jours", FRI_2024_11_29, 2),
    ("Trois drones ont été abattus hier au-dessus de Koursk.", FRI_2024_11_29, "hier", date(2024, 11, 28), 1),
    ("Une frappe a visé Kherson avant-hier.", FRI_2024_11_29, "avant-hier", date(2024, 11, 27), 1),
    ("Aujourd'hui, les FSR contrôlent la ville.", FRI_2024_11_29, "Aujourd'hui", FRI_2024_11_29, 1),
    ("Ce matin, l'armée a confirmé la percée.", FRI_2024_11_29, "Ce matin", FRI_2024_11_29, 1),
    ("Cette nuit, des drones ont frappé Odessa.", FRI_2024_11_29, "Cette nuit", FRI_2024_11_29, 1),
    ("Huit civils ont été tués dans la nuit de mardi à mercredi à Kharkiv.", FRI_2024_11_29,
     "dans la nuit de mardi à mercredi", date(2024, 11, 27), 1),
    ("Des frappes ont visé Rafah dans la nuit du 2 au 3 novembre.", FRI_2024_11_29,
     "dans la nuit du 2 au 3 novembre", date(2024, 11, 3), 1),
    ("La semaine dernière, l'armée burkinabè a repris Djibo.", FRI_2024_11_29, "La semaine dernière", date(2024, 11, 22), 2),
    ("Il y a deux semaines, un convoi a été attaqué.", FRI_2024_11_29, "Il y a deux semaines", date(2024, 11, 15), 2),
    ("L'offensive a été lancée il y a trois ans.", FRI_2024_11_29, "il y a trois ans", date(2021, 11, 29), 3),
    ("Le mois dernier, le JNIM a attaqué Bamako.", FRI_2024_11_29, "Le mois dernier", date(2024, 10, 1), 3),
    ("L'an dernier, les combats avaient fait 300 morts.", FRI_2024_11_29, "L'an dernier", date(2023, 1, 1), 3),
    ("En décembre, les FSR ont pris Wad Madani.", FRI_2024_11_29, "En décembre", date(2023, 12, 1), 3),
    ("En novembre, les FSR ont pris Wad Madani.", FRI_2024_11_29, "En novembre", date(2024, 11, 1), 3),
    ("Début mars, l'armée a lancé une offensive.", FRI_2024_11_29, "Début mars", date(2024, 3, 5), 3),
    ("Mi-février, Avdiivka est tombée.", FRI_2024_11_29, "Mi-février", date(2024, 2, 15), 3),
    # "fin novembre" in a paper of 29 November: the 25th, not after publication
    ("Fin novembre, les rebelles ont pris Alep.", FRI_2024_11_29, "Fin novembre", date(2024, 11, 25), 3),
    ("Fin novembre, les rebelles ont pris Alep.", date(2024, 11, 22), "Fin novembre", date(2024, 11, 22), 3),
    ("Le camp est bombardé depuis janvier.", FRI_2024_11_29, "depuis janvier", date(2024, 1, 1), 3),
    ("Du 3 au 5 février, des combats ont eu lieu dans le Kordofan.", FRI_2024_11_29, "Du 3 au 5 février", date(2024, 2, 3), 2),
    # published Thursday 2020-02-27
    ("Les soldats turcs ont lancé jeudi une opération.", THU_2020_02_27, "jeudi", THU_2020_02_27, 1),
    ("Le régime a pris Neirab le 3 février.", THU_2020_02_27, "le 3 février", date(2020, 2, 3), 1),
    ("Un nouveau cessez-le-feu a commencé le 12 janvier.", THU_2020_02_27, "le 12 janvier", date(2020, 1, 12), 1),
    ("En septembre 2018, la Turquie et la Russie avaient convenu d'une zone de désescalade.", THU_2020_02_27,
     "En septembre 2018", date(2018, 9, 1), 3),
    ("Le 3 février 2020, l'armée a pris Neirab.", THU_2020_02_27, "Le 3 février 2020", date(2020, 2, 3), 1),
    ("Un bilan arrêté au 3/2/2020.", THU_2020_02_27, "3/2/2020", date(2020, 2, 3), 1),
    ("Un bilan arrêté au 2020-02-03.", THU_2020_02_27, "2020-02-03", date(2020, 2, 3), 1),
    ("La Russie est intervenue en 2015.", THU_2020_02_27, "en 2015", date(2015, 1, 1), 3),
    # published 2025-01-03: a late-December day is last year's
    ("Les FSR ont bombardé El-Facher le 28 décembre.", date(2025, 1, 3), "le 28 décembre", date(2024, 12, 28), 1),
    # a day after publication in the same year goes to the previous year
    ("L'attaque du 15 mars a fait 12 morts.", date(2024, 3, 10), "15 mars", date(2023, 3, 15), 1),
]


@pytest.mark.parametrize(("text", "published", "expression", "expected", "precision"), SINGLE)
def test_resolve_dates_against_publication(text, published, expression, expected, precision):
    assert _by_text(text, published)[expression] == (expected, precision)


# (text, publication, [(expression, expected date)]) — each resolution depends on the one before it
CHAINS = [
    ("Le colonel a déclaré vendredi aux journalistes. Il a ajouté que 400 militants avaient été tués la veille.",
     FRI_2024_11_29, [("vendredi", date(2024, 11, 29)), ("la veille", date(2024, 11, 28))]),
    ("Les forces du régime avaient pris Neirab le 3 février, capturant Saraqib deux jours plus tard.",
     THU_2020_02_27, [("le 3 février", date(2020, 2, 3)), ("deux jours plus tard", date(2020, 2, 5))]),
    ("Les FSR ont attaqué le 10 juin. Trois jours après, elles entraient dans la ville ; le lendemain, l'armée fuyait.",
     date(2024, 7, 1), [("le 10 juin", date(2024, 6, 10)), ("Trois jours après", date(2024, 6, 13)),
                        ("le lendemain", date(2024, 6, 14))]),
    # "la veille" is a side remark: "plus tôt dans la journée" returns to the day of the statement
    ("Le ministère a déclaré vendredi que 400 soldats avaient été tués la veille. Plus tôt dans la journée, "
     "le HTS avait annoncé la prise de 400 kilomètres carrés.", FRI_2024_11_29,
     [("la veille", date(2024, 11, 28)), ("Plus tôt dans la journée", FRI_2024_11_29)]),
    # a year or a month is too coarse to count days from: "la veille" falls back on publication
    ("La trêve négociée en 2020 a été rompue. La veille, les rebelles avaient massé des troupes.", FRI_2024_11_29,
     [("en 2020", date(2020, 1, 1)), ("La veille", date(2024, 11, 28))]),
    ("La ville a été prise le 3 février, après une offensive en cours depuis janvier, et Saraqib deux jours plus tard.",
     THU_2020_02_27, [("depuis janvier", date(2020, 1, 1)), ("deux jours plus tard", date(2020, 2, 5))]),
    ("Le 5 mai, l'armée a bombardé Khartoum. Le mercredi suivant, les FSR ont riposté.", date(2024, 6, 1),
     [("Le 5 mai", date(2024, 5, 5)), ("Le mercredi suivant", date(2024, 5, 8))]),
]


def test_resolve_dates_offset_right_after_a_month_counts_from_that_month():
    """"Quelques jours plus tard" right after a sentence telling early January is in January (month precision),
    not a few days after the weekday told earlier: a background fact in a May article. A month told sentences
    before does not anchor it."""
    for between, month in ((), 1), (("Le pays a protesté.", "Des sanctions ont suivi."), 5):
        sentences = ["Il a parlé lundi.", "Les tensions ont culminé début janvier, avec une frappe près de l'aéroport.",
                     *between, "Quelques jours plus tard, le pays ripostait par des tirs de missiles."]
        text = " ".join(sentences)
        starts = [text.index(sentence) for sentence in sentences]
        found = {r.mention.text: r for r in resolve_dates(find_dates(text), date(2020, 5, 31), starts)}
        assert found["Quelques jours plus tard"].date.month == month


def test_resolve_dates_part_of_day_after_a_written_date_is_that_day():
    """"On 21 May 2025, overnight, ..." is the night of 21 May; "overnight" alone counts from publication."""
    text = "On 21 May 2025, overnight, gunmen attacked a base. Overnight, the army shelled the town."
    found = resolve_dates(find_dates(text, "en"), date(2025, 5, 23), [0, text.index("Overnight")])
    assert [(r.mention.text, r.date) for r in found] == [
        ("On 21 May 2025", date(2025, 5, 21)), ("overnight", date(2025, 5, 21)), ("Overnight", date(2025, 5, 23))]


@pytest.mark.parametrize(("text", "published", "expected"), CHAINS)
def test_resolve_dates_counts_from_previous_date(text, published, expected):
    found = {r.mention.text: r.date for r in _resolve(text, published)}
    for expression, day in expected:
        assert found[expression] == day, expression


def test_resolve_dates_la_veille_without_previous_is_day_before_publication():
    (resolved,) = _resolve("La veille, les FSR avaient pris Nyala.", FRI_2024_11_29)
    assert resolved.date == date(2024, 11, 28)
    assert "publication" in resolved.reason


@pytest.mark.parametrize("text", ["Quelques jours plus tard, les rebelles ont pris Hama.", "Le lendemain, Kidal est tombée."])
def test_resolve_dates_forward_offset_without_previous_is_none(text):
    (resolved,) = _resolve(text, FRI_2024_11_29)
    assert resolved.date is None


def test_resolve_dates_vague_offset_is_precision_two():
    by_text = _by_text("Les FSR ont pris Wad Madani le 18 décembre. Quelques jours plus tard, elles entraient à Sennar.",
                       date(2024, 1, 10))
    assert by_text["Quelques jours plus tard"] == (date(2023, 12, 21), 2)


@pytest.mark.parametrize(
    "text",
    [
        "Les combats ont fait rage mercredi.",
        "Trois drones ont été abattus hier.",
        "Le régime a pris Neirab le 3 février.",
        "En décembre, les FSR ont pris Wad Madani.",
        "La veille, les FSR avaient pris Nyala.",
        "Au cours des dernières 24 heures, 200 militants ont été éliminés.",
        "Il y a trois ans, l'offensive a commencé.",
        "Dans la nuit de mardi à mercredi, huit civils ont été tués.",
    ],
)
def test_resolve_dates_relative_without_publication_is_none(text):
    resolved = _resolve(text, None)
    assert resolved and all(r.date is None for r in resolved)
    assert all(r.reason for r in resolved)


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Le 7 octobre 2023, le Hamas a attaqué Israël.", "Le 7 octobre 2023", date(2023, 10, 7)),
        ("En septembre 2018, un accord a été signé.", "En septembre 2018", date(2018, 9, 1)),
        ("La Russie est intervenue en 2015.", "en 2015", date(2015, 1, 1)),
        ("Le 3 février 2020, Neirab est tombé ; deux jours plus tard, Saraqib.", "deux jours plus tard", date(2020, 2, 5)),
    ],
)
def test_resolve_dates_absolute_without_publication_still_resolves(text, expression, expected):
    resolved = {r.mention.text: r for r in _resolve(text, None)}[expression]
    assert resolved.date == expected
    assert resolved.year_explicit


@pytest.mark.parametrize(
    ("text", "published", "expression", "expected"),
    [
        # leap years: 29 February goes back to the last leap year; offsets cross the end of February
        ("L'attaque du 29 février a fait 20 morts.", date(2021, 3, 1), "29 février", date(2020, 2, 29)),
        ("L'attaque du 29 février a fait 20 morts.", date(2024, 3, 1), "29 février", date(2024, 2, 29)),
        ("Le 28 février 2024, puis deux jours plus tard, des frappes.", None, "deux jours plus tard", date(2024, 3, 1)),
        ("Le 28 février 2023, puis deux jours plus tard, des frappes.", None, "deux jours plus tard", date(2023, 3, 2)),
        ("Il y a un an, la ville est tombée.", date(2024, 2, 29), "Il y a un an", date(2023, 2, 28)),
        ("Le 1er mars, la veille de l'offensive.", date(2024, 3, 5), "la veille", date(2024, 2, 29)),
        # year boundary
        ("Hier, des frappes ont touché Kiev.", date(2025, 1, 1), "Hier", date(2024, 12, 31)),
        ("En décembre, les FSR ont pris Wad Madani.", date(2025, 1, 3), "En décembre", date(2024, 12, 1)),
    ],
)
def test_resolve_dates_leap_year_and_boundaries(text, published, expression, expected):
    assert {r.mention.text: r.date for r in _resolve(text, published)}[expression] == expected


@pytest.mark.parametrize(
    ("published", "expected_hier"),
    [
        # Europe's spring change (31 March 2024, a 23-hour day) and autumn change (27 October 2024, 25 hours)
        (datetime(2024, 3, 31, 1, 30, tzinfo=timezone(timedelta(hours=1))), date(2024, 3, 30)),
        (datetime(2024, 3, 31, 23, 30, tzinfo=timezone(timedelta(hours=2))), date(2024, 3, 30)),
        (datetime(2024, 10, 27, 2, 30, tzinfo=timezone(timedelta(hours=1))), date(2024, 10, 26)),
        (datetime(2024, 11, 3, 1, 30, tzinfo=timezone(timedelta(hours=-4))), date(2024, 11, 2)),
    ],
)
def test_resolve_dates_dst_publication_datetime_counts_calendar_days(published, expected_hier):
    by_text = {r.mention.text: r for r in _resolve("Hier, une frappe a visé Kharkiv. Au cours des dernières 24 heures, 3 morts.", published)}
    assert by_text["Hier"].date == expected_hier
    assert by_text["Au cours des dernières 24 heures"].date == published.date()


def test_resolve_dates_time_and_reference_are_not_event_dates():
    resolved = {r.mention.text: r for r in _resolve(
        "Les forces russes ont frappé Alep pour la première fois depuis 2016. Mise à jour : A 21h13.", date(2024, 11, 30))}
    reference, clock = resolved["pour la première fois depuis 2016"], resolved["A 21h13"]
    assert reference.date == date(2016, 1, 1) and not reference.is_event_date
    assert reference.is_background(date(2024, 11, 30))
    assert clock.date is None and not clock.is_event_date


@pytest.mark.parametrize(("text", "lang", "habit", "that_day"), [
    ("Le 9 novembre, ils ont défilé. Comme chaque vendredi, des milliers se rassemblent. Ce vendredi-là, un soldat a tiré.",
     "fr", "Comme chaque vendredi", "Ce vendredi-là"),
    ("On 9 November, they marched. Every Friday, thousands gather. That Friday, a soldier fired.",
     "en", "Every Friday", "That Friday"),
])
def test_resolve_dates_a_habit_is_no_date_and_that_weekday_is_the_day_told(text, lang, habit, that_day):
    """A weekday that recurs ("chaque vendredi") dates no one event, and "ce vendredi-là" is the day the story
    told, not the Friday before publication (a feature published months later)."""
    found = {r.mention.text: r for r in _resolve(text, date(2020, 6, 21), lang)}
    assert not found[habit].is_event_date and found[habit].is_background(date(2020, 6, 21))
    assert found[that_day].date == date(2019, 11, 9)


@pytest.mark.parametrize(
    ("text", "published", "expression", "background"),
    [
        ("La Russie est intervenue dans le conflit en 2015.", FRI_2024_11_29, "en 2015", True),
        ("Le siège d'Alep a été levé en décembre 2016.", FRI_2024_11_29, "en décembre 2016", True),
        ("Le HTS est présent à Idlib depuis 2017.", FRI_2024_11_29, "depuis 2017", True),
        ("Leur chef a rompu avec Al-Qaïda il y a longtemps.", FRI_2024_11_29, "il y a longtemps", True),
        ("Les combats ont fait rage mercredi.", FRI_2024_11_29, "mercredi", False),
        ("Le régime a pris Neirab le 3 février.", THU_2020_02_27, "le 3 février", False),
        ("En septembre 2018, un accord a été signé.", THU_2020_02_27, "En septembre 2018", True),
    ],
)
def test_resolve_dates_marks_background_history(text, published, expression, background):
    resolved = {r.mention.text: r for r in _resolve(text, published)}[expression]
    assert resolved.is_background(published) is background


# Without a publication date a year or a month is history; a written day is not; an unknowable day names
# the event's date without giving it. (text, expression, background, names the event's date)
WITHOUT_PUBLICATION = [
    ("La Turquie a pris la responsabilité d'Idlib en 2018.", "en 2018", True, True),  # seed 002
    ("Un accord de mars 2020 a été conclu entre Ankara et Moscou.", "mars 2020", True, True),  # seed 002
    ("Fin 2016, l'armée syrienne a repris Alep-Est.", "Fin 2016", True, True),
    ("En juillet 2023, les militaires ont pris le pouvoir à Niamey.", "En juillet 2023", True, True),
    ("Le 24 février 2022, la Russie a lancé son invasion de l'Ukraine.", "Le 24 février 2022", False, True),
    ("Du 3 au 5 février 2024, des combats ont eu lieu dans le Kordofan.", "Du 3 au 5 février 2024", False, True),
    ("Les combats ont fait rage mercredi à Alep.", "mercredi", False, True),
    ("Le régime a pris Neirab le 3 février.", "le 3 février", False, True),
    ("Le camp de Jabaliya est bombardé depuis janvier.", "depuis janvier", False, False),
    ("Les frappes russes ont visé Alep pour la première fois depuis 2016.", "pour la première fois depuis 2016", True, False),
]


@pytest.mark.parametrize(("text", "expression", "background", "names_event"), WITHOUT_PUBLICATION)
def test_resolve_dates_without_publication_year_or_month_is_background(text, expression, background, names_event):
    resolved = {r.mention.text: r for r in _resolve(text, None)}[expression]
    assert resolved.is_background(None) is background
    assert resolved.names_event_date is names_event
    assert resolved.is_event_date is (names_event and resolved.date is not None)


@pytest.mark.parametrize(
    ("text", "expression", "published"),
    [
        ("En mars 2023, des jihadistes ont tué 33 soldats près de Ouahigouya.", "En mars 2023", date(2023, 4, 2)),
        ("En 2024, les FSR ont attaqué le camp de Zamzam.", "En 2024", date(2024, 12, 20)),
    ],
)
def test_resolve_dates_year_or_month_is_current_with_recent_publication(text, expression, published):
    resolved = {r.mention.text: r for r in _resolve(text, published)}[expression]
    assert resolved.is_background(published) is False
    assert resolved.is_background(None) is True


def test_resolve_dates_age_days():
    (resolved,) = _resolve("En 2015, la Russie est intervenue.", date(2016, 1, 11))
    assert resolved.age_days(date(2016, 1, 11)) == 375
    assert resolved.age_days(None) is None
    assert resolved.is_background(date(2016, 1, 11), max_age_days=400) is False


def test_resolve_dates_long_window_has_no_single_date():
    (resolved,) = _resolve("Le groupe a changé de nom ces dernières années.", FRI_2024_11_29)
    assert resolved.date is None


def test_resolve_dates_seed_002_sequence(seed_paths):
    text = next(p for p in seed_paths if p.name.startswith("002")).read_text(encoding="utf-8")
    resolved = [(r.mention.text, r.date, r.time_precision) for r in _resolve(text, FRI_2024_11_29)]
    assert resolved[:6] == [
        ("mercredi", date(2024, 11, 27), 1),
        ("en 2020", date(2020, 1, 1), 3),
        ("Au cours des dernières 24 heures", FRI_2024_11_29, 1),
        ("vendredi", FRI_2024_11_29, 1),
        ("la veille", date(2024, 11, 28), 1),
        ("Plus tôt dans la journée", FRI_2024_11_29, 1),
    ]


def test_resolve_dates_mention_is_frozen_record():
    mention = DateMention(start=0, end=4, text="hier", kind="relative_day", anchor="publication", offset=-1, unit="day")
    (resolved,) = resolve_dates([mention], FRI_2024_11_29)
    assert resolved.date == date(2024, 11, 28)
    with pytest.raises(AttributeError):
        resolved.mention.day = 3  # type: ignore[misc]


def test_resolve_dates_unknown_kind_is_none_with_reason():
    (resolved,) = resolve_dates([DateMention(0, 5, "Noël", kind="holiday")], FRI_2024_11_29)
    assert resolved.date is None and "holiday" in resolved.reason


@pytest.mark.parametrize(("text", "expression", "expected"), [
    # a retrospective: 7 January 2020 was a Tuesday, 7 January 2015 the Wednesday its title's year gives
    ("Les trois jours de janvier 2015. Il n'est pas midi le mercredi 7 janvier.", "le mercredi 7 janvier",
     date(2015, 1, 7)),
    # no year the text writes fits "jeudi 16 octobre" (a slip for Wednesday): the most recent 16 October stays
    ("Le 3 mars 2019, rien. Jeudi 16 octobre, des tirs ont visé la ville.", "Jeudi 16 octobre", date(2019, 10, 16)),
    # the weekday fits the most recent one: the year written elsewhere changes nothing
    ("En 2015, la guerre. Le mardi 7 janvier, des tirs ont visé la ville.", "Le mardi 7 janvier", date(2020, 1, 7)),
])
def test_resolve_dates_a_weekday_that_fits_a_year_the_text_writes_is_of_that_year(text, expression, expected):
    found = {r.mention.text: r.date for r in _resolve(text, date(2020, 8, 30))}
    assert found[expression] == expected


@pytest.mark.parametrize(("text", "published", "expression", "expected"), [
    # "soit le lendemain de la manifestation": the demonstration is the day before the day the sentence tells
    ("Ce mail a été envoyé le mercredi 3 juin, soit le lendemain de la manifestation.", date(2020, 6, 5),
     "le lendemain de", date(2020, 6, 2)),
    ("Au lendemain de l'accident, le Premier ministre a parlé.", date(2019, 11, 27), "Au lendemain de",
     date(2019, 11, 26)),
    ("Dimanche, Merkel a dénoncé une attaque au lendemain d'une tentative d'intrusion.", date(2020, 8, 31),
     "au lendemain d'une", date(2020, 8, 29)),
    # with nothing named after it, "le lendemain" is the day after the one told before
    ("Les combats ont commencé le 3 juin. Le lendemain, l'armée a reculé.", date(2020, 6, 10), "Le lendemain",
     date(2020, 6, 4)),
])
def test_resolve_dates_the_day_after_an_event_dates_that_event_the_day_before(text, published, expression, expected):
    found = {r.mention.text: r.date for r in _resolve(text, published)}
    assert found[expression] == expected
