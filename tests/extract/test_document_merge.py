"""Within-document folding of event drafts, dating, and cumulative accounts, on French wire-style text."""

from __future__ import annotations

from datetime import date

import pytest



@pytest.mark.parametrize(
    "text, published, expected",
    [
        # victims counted beside a strike belong to the strike, even when told first
        ("Au moins sept civils ont été tués lundi dans une frappe de missiles russe sur Kharkiv, a annoncé le gouverneur.",
         date(2024, 5, 14), 1),
        # "cette offensive" names the offensive told before; its toll rides with it
        ("Les paramilitaires des FSR ont lancé mardi une offensive contre El-Facher. Le bilan de cette offensive "
         "a atteint 40 morts, selon des médecins.", date(2024, 6, 12), 1),
        # two strikes by different forces in different paragraphs stay two events
        ("Deux soldats maliens ont été tués lors d'une frappe de drone à Diafarabé, a annoncé l'armée.\n"
         "L'armée de l'air française a mené des frappes près de Tombouctou, a indiqué l'état-major.",
         date(2024, 6, 12), 2),
        # "tués au combat" counts deaths in action (no battle of its own); the victims of a sentence belong to
        # its bare event word ("un engin explosif")
        ("Trois soldats nigériens tués au combat\n\nLes trois soldats sont morts lorsque leur véhicule a heurté un "
         "engin explosif près d'Ayorou, a indiqué l'armée.", date(2024, 6, 12), 1),
        # an attack on civilians told in the sentence of the shells that hit them is that shelling
        ("Une attaque terroriste a tué dimanche un civil à Alep, où des terroristes ont tiré des obus de mortier sur "
         "un quartier résidentiel.", date(2024, 6, 12), 1),
    ],
)
def test_extract_document_folds_one_happening_once(extract, text, published, expected):
    events = extract(text, published)
    assert len(events) == expected, [(e.event_type, e.sub_event_type, e.location, e.evidence) for e in events]


@pytest.mark.parametrize(
    "text, published",
    [
        ("Depuis le 7 octobre 2023, plus de 40.000 Palestiniens ont été tués dans la bande de Gaza.", date(2024, 8, 6)),
        ("Les combats dans la région de Donetsk durent depuis janvier, selon Kiev.", date(2024, 8, 29)),
    ],
)
def test_extract_document_drops_cumulative_accounts(extract, text, published):
    assert extract(text, published) == []


def test_extract_document_a_movements_toll_is_no_one_demonstrations(extract):
    """ACLED codes a demonstration per place and day: "les manifestations" with no place of their own sum the
    movement's, and the victims they count are not those of the one demonstration told before."""
    text = ("Des centaines de personnes ont manifesté mardi à Caen contre la hausse des taxes sur les carburants, "
            "selon la préfecture.\nLes manifestations ont fait un mort et 528 blessés, dont 17 touchés grièvement.")
    events = extract(text, date(2018, 11, 20))
    assert events and all(e.fatalities == 0 and "528" not in " ".join(x.text for x in e.evidence) for e in events)


@pytest.mark.parametrize("text", [
    "Des centaines d'étudiants ont manifesté jeudi à Ndjamena et ont saccagé le rectorat.",
    "Jeudi à Ndjamena, des centaines d'étudiants sont sortis dans les rues, jetant des pierres aux policiers qui les "
    "ont dispersés avec des gaz lacrymogènes.",
])
def test_extract_document_a_demonstration_that_ransacks_is_a_riot(extract, text):
    """ACLED: demonstrators who ransack what they march on, or stone the police, hold a violent demonstration, one
    event."""
    events = extract(text, date(2020, 3, 13))
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Violent demonstration")]


def test_extract_document_does_not_date_by_a_later_year(extract):
    text = ("Les rebelles ont attaqué mercredi les positions de l'armée près de Saraqeb.\n"
            "La Russie n'est plus en capacité de soutenir l'armée comme en 2016.")
    events = extract(text, date(2024, 11, 28))
    assert events and all(e.event_date == "2024-11-27" for e in events)


def test_extract_document_headline_is_not_dated_by_a_later_paragraph(extract):
    text = ("Ukraine : un mort dans des tirs russes sur Kherson\n"
            "Les bombardements ont touché la veille Bilozerka, a annoncé l'administration militaire.")
    events = extract(text, date(2024, 11, 8))
    assert {e.event_date for e in events} <= {"2024-11-08", "2024-11-07"}
    assert any(e.event_date == "2024-11-07" for e in events)


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # a headline naming the other side's counter-offensive does not make that side the attacker of the lede
        ("Les avions soudanais soutiennent la contre-offensive de l'armée\n\nLes paramilitaires des Forces de soutien "
         "rapide (FSR) ont attaqué lundi des positions de l'armée dans le nord du Soudan.",
         date(2024, 6, 12), "Rapid Support Forces"),
        # a party first only described ("des groupes rebelles") is named by a later sentence of the same happening
        ("Des groupes rebelles ont attaqué mercredi les positions de l'armée syrienne près de Saraqeb. Les combattants "
         "de HTS ont pris le contrôle de la localité, selon l'OSDH.", date(2024, 11, 28), "HTS: Hayat Tahrir al Sham"),
        ("Des groupes armés ont lancé mercredi une attaque contre l'armée syrienne près de Saraqeb. Les combattants "
         "de HTS se sont emparés de la localité, selon l'OSDH.", date(2024, 11, 28), "HTS: Hayat Tahrir al Sham"),
    ],
)
def test_extract_document_body_names_the_acting_party(extract, text, published, expected):
    events = [e for e in extract(text, published) if e.event_type == "Battles"]
    assert len(events) == 1, [(e.actor1, e.evidence) for e in events]
    assert events[0].actor1 == expected


@pytest.mark.parametrize(
    "body",
    [
        "La junte au pouvoir à Bamako a reçu samedi une délégation de la Cédéao. Quatre soldats maliens ont été tués "
        "samedi par un engin explosif dans le centre du pays, selon l'armée.",
        "Alors que les discussions se poursuivent à Bamako, quatre soldats maliens ont été tués samedi par un engin "
        "explosif dans le centre du pays, selon l'armée.",
    ],
)
def test_extract_document_a_part_of_the_country_is_the_country_not_the_last_town(extract, body):
    """"dans le centre du pays": the article's country (precision 3), not the capital named before the event."""
    text = "Mali : quatre soldats tués par un engin explosif\n\n" + body
    events = extract(text, date(2020, 8, 23))
    bomb = next(e for e in events if e.sub_event_type == "Remote explosive/landmine/IED")
    assert bomb.location == "Mali" and bomb.geo_precision == 3


@pytest.mark.parametrize(
    "text, admin1, precise",
    [  # no place after the trigger: the nearest before it, unless it is the province of a town named before it
        ("Le mécontentement gronde dans les zones contrôlées par Damas, comme dans la province de Soueida, où des "
         "dizaines de personnes ont manifesté mardi.", "As Suwayda'", False),
        ("Quatre infirmiers d'un dispensaire de Maarzita, dans le sud de la province d'Idleb, ont été tués mardi dans "
         "des frappes russes.", "Idlib", True),
    ],
)
def test_extract_document_place_before_the_trigger(extract, text, admin1, precise):
    (event,) = extract(text, date(2020, 6, 10))
    assert event.admin1 == admin1 and (event.geo_precision == 1) is precise, (event.location, event.admin1)


def test_extract_document_place_before_the_trigger_is_the_phrase_not_the_town_it_measures_from(extract):
    """A park 60 km from Niamey is near Niamey (ACLED's precision 2), not in it."""
    (event,) = extract("Dans un parc naturel à 60 kilomètres de Niamey, des hommes armés ont tué dimanche six humanitaires.",
                       date(2020, 8, 10))
    assert (event.location, event.geo_precision) == ("Niamey", 2)


def test_merge_a_victims_phrase_as_written_yields_to_the_victims_named():
    """Folding "killed one resident" into "attacked Chul": the one hit becomes the civilians, not the village's name
    kept as written; the one acting keeps its words (they become a generic actor later, never a party merely
    mentioned in another folded sentence)."""
    from frontwatch.extract.draft import Actor
    from frontwatch.extract.merge import _filler

    written, civilians = Actor("Chul", None, None), Actor("Civilians (Nigeria)", 7, None, "descriptive", "Nigeria")
    assert _filler(written, civilians, hit=True) == civilians
    assert _filler(written, civilians) == written
    assert _filler(None, civilians) == civilians


def test_extract_document_a_headline_names_what_killed_the_victims_the_lede_counts(extract):
    # the body only counts the dead; the headline's bomb says what killed them
    text = ("Afghanistan : deux employés d'une chaîne de télévision tués par une bombe\n\n"
            "Un journaliste et le chauffeur du minibus de la chaîne sont morts samedi à Kaboul, a indiqué son directeur "
            "à l'AFP.")
    events = extract(text, date(2020, 5, 30))
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Explosions/Remote violence",
                                                                   "Remote explosive/landmine/IED")]


def test_extract_document_a_day_told_deep_in_the_next_sentence_is_another_happenings(extract):
    # "qui s'est terminé mardi" dates the truce's end, not the blast told undated just before
    text = ("Un journaliste et le chauffeur du minibus sont morts quand leur véhicule a été frappé par une bombe à "
            "Kaboul, a indiqué son directeur. Un rare cessez-le-feu de trois jours, initié par les talibans et qui s'est "
            "terminé mardi, avait permis de diminuer les violences.")
    events = extract(text, date(2020, 5, 30))
    assert events and all(e.event_date != "2020-05-26" for e in events)



def test_extract_document_a_grenade_thrown_in_an_assault_is_the_assault(extract):
    # ACLED: a grenade used in the course of an armed assault is that clash, not an explosion of its own
    text = ("Quatre hommes armés ont attaqué lundi la Bourse dans le centre de Karachi, a indiqué la police. Les "
            "assaillants ont lancé une grenade sur les gardes devant l'édifice, avant d'ouvrir le feu, a déclaré le chef "
            "de la police.")
    events = extract(text, date(2020, 6, 29))
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Armed clash")]


def test_barricades_the_crowd_erects_after_its_demonstration_make_it_violent():
    from frontwatch.extract.document import extract_document
    from frontwatch.records import Document

    text = "On 19 October 2019, youth demonstrated in Goma. The crowd erected barricades, blocking passage."
    events = extract_document(Document(doc_id="t", text=text, original=text, content_hash="t", language="en",
                                       published=date(2019, 10, 20)))
    assert [(e.event_type, e.sub_event_type, e.location) for e in events] == [
        ("Riots", "Violent demonstration", "Goma")], [(e.event_type, e.trigger) for e in events]
