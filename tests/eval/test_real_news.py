"""The whole real-news development corpus (shared/corpus/fr-dev, 428 articles) processed and exported as a user
would: actor fields hold actors, no toll of a war or an epidemic becomes an event's, and articles that report no
political violence mostly yield no event. Read from ../shared, never copied into the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.eval.gold import corpus_dir, load_gold
from frontwatch.export.jsonl import write_jsonl
from frontwatch.extract.scenes import resolve_document_places
from frontwatch.ingest.clean import clean_text
from frontwatch.nlp.model import load_nlp
from frontwatch.pipeline import process
from frontwatch.resolve.actors import ActorRegistry
from frontwatch.resolve.generic import acled_country, generic_kind, is_generic
from frontwatch.store import open_store

REPO = Path(__file__).resolve().parents[2]
FR_DEV = corpus_dir(REPO / "eval" / "gold" / "real-dev.json") / "fr-dev"
# Share of the `other` articles (not picked by the conflict filter) that yield an event: pinned at what the
# program reaches, only ever lowered; the real-news issue's target is 0.15. Some of them do report events
# (protests in France, attacks in Europe): the gold-annotated ones are checked one by one below.
OTHER_WITH_EVENTS_MAX = 0.15

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[list[dict], dict[str, str]]:
    if not (FR_DEV / "conflict.jsonl").is_file():
        pytest.skip("../shared/corpus/fr-dev is not available")
    tmp = tmp_path_factory.mktemp("fr-dev")
    store = open_store(str(tmp / "fr-dev.db"))
    try:
        summary = process([str(FR_DEV / "conflict.jsonl"), str(FR_DEV / "other.jsonl")], store)
        assert not summary.skipped
        out = tmp / "events.jsonl"
        with out.open("w", encoding="utf-8") as f:
            write_jsonl(store.iter_events(), f)
    finally:
        store.close()
    kinds = {}
    for name in ("conflict", "other"):
        for line in (FR_DEV / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            kinds[json.loads(line)["id"]] = name
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], kinds


def test_real_news_events_mostly_have_coordinates(exported):
    """The places issue's target: under 5 % (7 of 243 events; an event whose text names no town, province or
    country is placed at the country the article is about, at precision 3)."""
    events, _ = exported
    without = [e["event_id"] for e in events if e["latitude"] is None]
    assert len(without) < 0.05 * len(events), without


@pytest.mark.parametrize("doc_id,capitals", [
    ("orangesum-21965", {"Paris", "London", "Washington"}),  # "les frappes par Paris, Londres et Washington en Syrie"
    ("orangesum-16105", {"Paris", "London", "Washington"}),  # "des frappes coordonnées de Paris, Washington et Londres"
    ("orangesum-13218", {"Ankara"}),  # "lors d'une visite à Ankara, la Turquie a accepté de suspendre son offensive"
    ("orangesum-33420", {"Abu Dhabi", "Washington"}),  # "le prince héritier d'Abou Dhabi", "la signature, à Washington"
    ("orangesum-31411", {"Yerevan"}),  # "une vidéo publiée par Erevan montre deux chars ennemis frappés"
    ("orangesum-21421", {"Baghdad"}),  # "Bagdad ne voulait pas des terroristes étrangers qui avaient mené des attaques"
    ("orangesum-34262", {"Washington"}),  # "la confiance de Washington" before an attack in Iraq
    ("orangesum-31411", {"Baku"}),  # "Bakou a également affirmé s'être emparé d'une hauteur stratégique dans le Karabakh"
    ("orangesum-13474", {"Paris"}),  # "La maire de Paris Anne Hidalgo estime quant à elle que l'offensive turque…"
    ("orangesum-22003", {"Orsay"}),  # "a expliqué l'ancien ministre de la Défense depuis le quai d'Orsay": the ministry
])
def test_real_news_capitals_standing_for_states_are_no_scenes(exported, doc_id, capitals):
    events, _ = exported
    placed = {e["location"] for e in events if any(s["doc_id"] == doc_id for s in e["sources"])}
    assert not placed & capitals, placed


def test_real_news_a_known_city_is_no_misspelt_village_of_the_articles_country():
    """"de Madrid à Sydney en passant par Oulan-Bator et Tel Aviv" in an article about France (the 2015 retrospective,
    whose marches are history): Sydney is not a misspelling of Saint-Denis."""
    path = FR_DEV / "conflict.jsonl"
    if not path.is_file():
        pytest.skip("../shared/corpus/fr-dev is not available")
    row = next(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if '"orangesum-35366"' in line)
    full = load_nlp("fr")(clean_text(row["text"], "fr"))
    placed = {(full.text[p.start:p.end], p.place.name) for p in resolve_document_places(full, "fr", [])}
    names = {name for _, name in placed}
    assert {"Paris", "Ulan Bator", "Tel Aviv"} <= names and "Saint-Denis" not in names, placed


def test_real_news_a_movements_toll_is_no_one_demonstrations(exported):
    """"Les manifestations ont fait un mort et 528 blessés" sums the gilets jaunes' demonstrations across France:
    no demonstration of the article carries that death."""
    events, _ = exported
    own = [e for e in events if any(s["doc_id"] == "orangesum-19875" for s in e["sources"])]
    assert own and all(e["fatalities"] == 0 for e in own)
    assert not any("528 blessés" in x["text"] for e in own for x in e["evidence"])


def test_real_news_events_placed_at_the_articles_country_say_so(exported):
    events, _ = exported
    fallback = [e for e in events if (e["place_reason"] or "").startswith("no place named for the event")]
    assert fallback and all(e["location"] == e["country"] and e["geo_precision"] == 3 for e in fallback)


def test_real_news_a_headline_bombing_takes_in_the_clash_its_body_tells(exported):
    # "Afghanistan: au moins dix morts dans une attaque à la bombe contre le convoi du vice-président", then
    # "notre convoi a été attaqué": one bombing, not a bombing and a clash. The text never says where the convoy
    # was ("Kaboul" only as the government: "l'équipe de négociateurs de Kaboul"), so it is placed at the country.
    # The accusations it quotes, placed nowhere and counting no victims ("accusé les talibans de mener des
    # attaques quotidiennement", "soupçonner le réseau Haqqani d'être derrière l'attentat"), are no events
    events, _ = exported
    told = [e for e in events if any(s["doc_id"] == "orangesum-34205" for s in e["sources"])]
    assert [(e["sub_event_type"], e["location"]) for e in told] == [("Remote explosive/landmine/IED", "Afghanistan")]


def test_real_news_actor_fields_hold_registry_or_generic_actors(exported):
    events, _ = exported
    known = {name for actor in ActorRegistry.load("fr") for name in (actor.name, *(n for n, _ in actor.former_names))}
    for event in events:
        for name in (event["actor1"], event["actor2"], *event["assoc_actor_1"], *event["assoc_actor_2"]):
            assert name is None or name in known or is_generic(name), (event["event_id"], name)


def test_real_news_generic_crowds_victims_and_gunmen_are_of_the_events_country(exported):
    """ACLED names unnamed gunmen, crowds and civilians after the country where the event happens ("Protesters
    (Israel)" for a march in Tel Aviv told in a list of rallies across the world)."""
    events, _ = exported
    wrong = [(e["event_id"], e["country"], name) for e in events
             for name in (e["actor1"], e["actor2"], *e["assoc_actor_1"], *e["assoc_actor_2"])
             if name and generic_kind(name) in ("armed_group", "rioters", "protesters", "civilians")
             and not name.endswith(f"({acled_country(e['country'])})")]
    assert not wrong, wrong


def test_real_news_unresolved_parties_keep_their_words(exported):
    events, _ = exported
    kept = [e for e in events if e["actor1"] is None and e["actor1_text"]]
    assert kept, "a party no actor stands for is kept as written for the analyst"
    assert all(e["actor1_text"] in " ".join(ev["text"] for ev in e["evidence"]) for e in kept)


def test_real_news_no_event_carries_a_war_or_epidemic_toll(exported):
    events, _ = exported
    assert not [(e["event_id"], e["fatalities"]) for e in events if e["fatalities"] >= 1000]


def test_real_news_articles_without_political_violence_mostly_yield_no_event(exported):
    events, kinds = exported
    others = sum(kind == "other" for kind in kinds.values())
    with_events = {s["doc_id"] for e in events for s in e["sources"] if kinds.get(s["doc_id"]) == "other"}
    assert len(with_events) / others <= OTHER_WITH_EVENTS_MAX, sorted(with_events)


def test_real_news_events_of_other_articles_the_gold_rejects_are_few(exported):
    """Of the `other` articles the real-news gold (real-dev and real-other: all 200 of them) annotates as reporting
    no event, few yield one."""
    events, kinds = exported
    empty = {d.doc_id for name in ("real-dev", "real-other") for d in load_gold(REPO / "eval" / "gold" / f"{name}.json").documents
             if kinds.get(d.doc_id) == "other" and not d.events}
    yielding = {s["doc_id"] for e in events for s in e["sources"]} & empty
    assert len(yielding) <= 2, sorted(yielding)


def test_real_news_a_party_from_another_war_does_not_stand_in_for_the_fighting_sides(exported):
    # "Au moins 16 militaires séparatistes ont été tués" in an article on Karabakh: the separatists of Ukraine's war
    # name no one there, and the battle keeps the side the text names ("le ministère azerbaïdjanais de la Défense a
    # indiqué avoir lancé une contre-offensive")
    events, _ = exported
    battles = [e for e in events if e["event_type"] == "Battles"
               and any(s["doc_id"] == "orangesum-31411" for s in e["sources"])]
    assert [(e["location"], e["actor1"]) for e in battles] == [("Nagorno-Karabakh", "Military Forces of Azerbaijan")]


def test_real_news_an_event_known_by_its_province_is_at_the_provinces_seat(exported):
    # "dans la province de Soueida (sud), où des dizaines de personnes ont défilé": ACLED puts it at the seat,
    # As-Suwayda, with precision 3, not at the province's centroid 26 km away
    events, _ = exported
    protest = [e for e in events if e["event_type"] == "Protests" and e["location"] == "As Suwayda'"
               and any(s["doc_id"] == "orangesum-5617" for s in e["sources"])]
    assert [(e["geo_precision"], round(e["latitude"], 2), round(e["longitude"], 2)) for e in protest] == [(3, 32.71, 36.57)]
    assert "placed at the province's seat, As-Suwayda" in protest[0]["place_reason"]


def test_real_news_an_accidents_toll_is_no_events(exported):
    # "Treize militaires français ont péri le 25 novembre au Mali dans la collision de leurs deux hélicoptères":
    # told in articles on the Sahel war, the accident's dead are no attack's fatalities
    events, _ = exported
    borne = [(e["sources"][0]["doc_id"], c["value"]) for e in events for c in e["claims"]
             if "collision de leurs deux hélicoptères" in c["evidence"]["text"]]
    assert borne == []


def test_real_news_a_cross_heading_announces_the_section_after_it(exported):
    # "...ont tenté de manifester à Bamako, avant d'être dispersés.- Quatre soldats tués -Alors que ..., quatre soldats
    # ont été tués ... par un engin explosif dans le centre du pays": the heading's dead are the bomb's, not the march's
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-35475" for s in e["sources"])]
    assert {(e["event_type"], e["fatalities"]) for e in mine} >= {("Protests", 0), ("Explosions/Remote violence", 4)}
    assert all(e["fatalities"] == 0 for e in mine if e["event_type"] == "Protests")


def test_real_news_a_retrospectives_timeline_is_history(exported):
    # "Les trois jours de janvier 2015 qui ont sidéré la France", published in August 2020: "DIMANCHE 11 JANVIER", a
    # heading scraped onto "Une grande marche républicaine réunit plus de 3,5 millions de manifestants", is the
    # Sunday of 2015 and dates its section; the march of Paris is no event of 2020
    events, _ = exported
    assert not [e for e in events if any(s["doc_id"] == "orangesum-35366" for s in e["sources"])]


def test_real_news_an_attempted_attack_is_an_attack_where_it_was_made(exported):
    # "Samedi, une tentative d'"attentat" mené grâce à deux aéronefs a visé le président vénézuélien ... dans le
    # centre de Caracas", in an article on drones over a French fort: the attempt is the attack, in Venezuela, and
    # the drone that "a explosé contre un bâtiment" in the next paragraph is no blast at the naval base of Hyères.
    # The aircraft the attempt was "mené grâce à" are its means: one drone attack, not an attack and a blast
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-29271" for s in e["sources"])]
    assert [(e["country"], e["event_type"]) for e in mine] == [("Venezuela", "Explosions/Remote violence")], mine


def test_real_news_the_day_after_an_event_dates_that_event_the_day_before(exported):
    # "Ce mail a été envoyé le mercredi 3 juin, soit le lendemain de la manifestation pour Adama Traoré qui a réuni à
    # Paris devant le tribunal, près de 20.000 personnes": the rally is of Tuesday 2 June
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-7245" for s in e["sources"])]
    assert "2020-06-02" in {e["event_date"] for e in mine}, [(e["location"], e["event_date"]) for e in mine]


def test_real_news_a_plane_beside_an_arrest_makes_no_air_strike(exported):
    # "Une mère de famille revenant de Syrie a été interpellée mercredi soir à Roissy, à sa descente de l'avion":
    # the plane refines no arrest into a strike
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-31019" for s in e["sources"])]
    assert not [e for e in mine if e["event_type"] == "Explosions/Remote violence"], mine


def test_real_news_a_weekly_habit_is_no_event_of_this_week(exported):
    # "9 novembre 2018. Comme chaque vendredi depuis des mois, des milliers de Palestiniens se réunissent ... pour une
    # énième manifestation", in a feature published in June 2020: what recurs every Friday is no march of the
    # Friday before publication
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-2859" for s in e["sources"])]
    assert not [e for e in mine if e["event_type"] == "Protests" and e["event_date"] >= "2020-06-01"], mine


def test_real_news_armed_men_killed_in_an_accident_make_no_event(exported):
    # "Un gendarme mobile est décédé ... sur l'autoroute A1 à Gonesse ... quand un véhicule est venu les percuter":
    # a gendarme is an armed party when he acts, not when a car kills him
    events, _ = exported
    assert not [e for e in events if any(s["doc_id"] == "orangesum-28700" for s in e["sources"])]


def test_real_news_a_present_relative_clause_describes_an_actor(exported):
    # "l'Espagne fait partie de la coalition internationale, menée par les États-Unis, qui frappe les jihadistes en
    # Syrie et en Irak": what an actor does, in a present relative clause with no date, is who it is, not an event
    events, _ = exported
    told = [x["text"] for e in events for x in e["evidence"] if x["doc_id"] == "orangesum-17042"]
    assert not any("qui frappe les jihadistes" in text for text in told), told


@pytest.mark.parametrize("doc_id,phrase", [
    # a modal rules its subject: the attacks prevented did not take place
    ("orangesum-16599", "avant que les attentats ne puissent"),
    # the attacks of 2015, named in 2019 as a point in time
    ("orangesum-13819", "après les attentats de Paris"),
    # the attacks of 2016 whose claim a man voiced: the article does not tell them
    ("orangesum-15161", "revendication des attentats de Nice"),
    # whenever the Taliban attack: a habit, no one event
    ("orangesum-11308", "quand ils attaquent nos partenaires"),
    # months before publication, with no day
    ("orangesum-6238", "en début d'année"),
    # what the foreign fighters had done is who they are
    ("orangesum-21421", "qui avaient mené des attaques hors"),
    # protests going on in another country since a past day: a series, not one event
    ("orangesum-7245", "qui émaillent les Etats-Unis depuis"),
    # the man whose death that series followed, named again by a demonstrative: told before, no event of the rally
    ("orangesum-7245", "Cet homme de 46 ans"),
    # the raids a base is used for: a purpose, no raid told
    ("orangesum-19288", "pour ses raids contre les jihadistes"),
    # an accumulation of accusations: many events over time, none told
    ("orangesum-18616", "l'accumulation des accusations"),
    # struck by a crisis, by the rainy season: no one acts
    ("orangesum-2262", "frappée par une crise"),
    ("orangesum-5177", "frappé par la saison des pluies"),
    # a helicopter "de manoeuvre et d'assaut" is a kind of helicopter: their collision is an accident
    ("orangesum-20613", "hélicoptère de manoeuvre et d'assaut"),
    # drugs seized in Italy: no territory taken
    ("orangesum-567", "Saisie record en Italie"),
    # a study of 51 attacks, 33,769 attacks over a period: tallies, no one event
    ("orangesum-17464", "51 attaques concentrées sur 8 pays"),
    ("orangesum-13780", "33.769 attentats ont eu lieu"),
    # 222 attacks led in a week, 400 soldiers killed or wounded in a week: what a span adds up, no one event
    ("orangesum-4449", "ont mené 222 attaques"),
    ("orangesum-4449", "tués ou blessés par les talibans en une semaine"),
    # "un combat sans relâche face au terrorisme": the singular is a struggle, whatever its lemma shares with a battle
    ("orangesum-12116", "combat sans relâche face au terrorisme"),
    # the goal a soldier says an act has ("Le but n'est pas forcément de tuer"): no killing told
    ("orangesum-5177", "Le but n'est pas forcément de tuer"),
    # a town described by what was done to it, undated, in a clause about a family that fled: no retaking told
    ("orangesum-13249", "une autre ville d'Idleb reconquise par les forces du régime"),
    # a captured member of Daech: the bare participle says who he is, no capture told
    ("orangesum-16660", "un membre français de Daech capturé"),
    # the battle of Raqqa names when she was arrested: told as a point in time, no battle of the day
    ("orangesum-16627", "aux dernières heures de la bataille"),
    # why the murderer of 2016 targeted the couple: an inquiry in 2018 into an event told as history
    ("orangesum-30317", "pourquoi le meurtrier"),
    # what recurs every day or every year is a habit, no one event
    ("orangesum-31578", "il y a chaque jour des attaques"),
    ("orangesum-10751", "suscite chaque année des controverses"),
    # what the nationals a country will not take back did makes them who they are
    ("orangesum-12476", "qui ont combattu dans les rangs jihadistes"),
])
def test_real_news_a_passage_that_tells_no_event_is_no_evidence(exported, doc_id, phrase):
    events, _ = exported
    told = [x["text"] for e in events for x in e["evidence"] if x["doc_id"] == doc_id]
    assert not any(phrase in text for text in told), told


def test_real_news_one_death_counted_over_a_span_is_still_told(exported):
    # "Un deuxième soldat français tué au Mali en quatre jours": the span counts the deaths before it, this one is told
    events, _ = exported
    told = [x["text"] for e in events for x in e["evidence"] if x["doc_id"] == "orangesum-13465"]
    assert any("Un deuxième soldat français tué" in text for text in told), told


def test_real_news_a_purpose_rules_only_what_follows_it(exported):
    # orangesum-19875: "Les forces de l'ordre ont ... eu recours ce mardi matin à Caen ... à des gaz lacrymogènes pour
    # déloger des manifestants": the gas was used (the parse hangs it under "déloger"), the protest met force
    events, _ = exported
    assert [e for e in events if any(s["doc_id"] == "orangesum-19875" for s in e["sources"])
            and e["event_type"] == "Protests" and e["location"] == "Caen"]


def test_real_news_what_a_group_prefers_is_no_act(exported):
    # the Kouré killings (orangesum-36342): "Jusqu'ici, les jihadistes privilégiaient surtout la prise d'otages" says
    # what they used to do; the aid workers were shot, not abducted
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-36342" for s in e["sources"])]
    assert mine and not [e for e in mine if e["sub_event_type"] == "Abduction/forced disappearance"], mine


def test_real_news_a_battle_that_lasted_a_week_is_a_campaign(exported):
    # orangesum-13943: "La bataille, qui a duré une semaine, a fait plus de 500 morts": a week-long offensive's toll is
    # no one event's
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-13943" for s in e["sources"])]
    assert all((e["fatalities"] or 0) < 500 for e in mine), [(e["event_type"], e["fatalities"]) for e in mine]


def test_real_news_the_dead_told_apart_are_no_truces(exported):
    # a week's 422 soldiers killed or wounded, told apart from the Taliban's three-day ceasefire: no toll of the truce
    events, _ = exported
    truces = [e for e in events if any(s["doc_id"] == "orangesum-4449" for s in e["sources"])
              and e["event_type"] == "Strategic developments"]
    assert all(not e["fatalities"] for e in truces), truces


def test_real_news_attacks_that_hit_a_country_are_attacks_not_air_strikes(exported):
    # "bouleversé par les attentats qui ont frappé l'Espagne": the verb tells the attack its subject names
    events, _ = exported
    assert not [e["event_id"] for e in events if any(s["doc_id"] == "orangesum-24273" for s in e["sources"])
                and e["event_type"] == "Explosions/Remote violence"]


def test_real_news_what_must_not_be_allowed_to_happen_is_no_event(exported):
    # "La France ne peut laisser les Kurdes être massacrés par les forces d'Erdogan": the passive infinitive belongs
    # to the clause of "ne peut laisser", which no massacre took place in
    events, _ = exported
    told = [x["text"] for e in events for x in e["evidence"] if x["doc_id"] == "orangesum-13474"]
    assert not any("être massacrés" in text for text in told), told


def test_real_news_a_cyberattack_is_no_event(exported):
    # "Israël s'est réveillé avec une série d'attaques informatiques ciblant des sites internet ... Un lien mène à une
    # vidéo de Tel-Aviv bombardée ... signé 'hackers of the Saviors'": no attack, no shelling of Tel Aviv
    events, _ = exported
    assert not [e for e in events if any(s["doc_id"] == "orangesum-9895" for s in e["sources"])
                and e["location"] == "Tel Aviv"]


def test_real_news_soldiers_in_the_palestinian_territories_are_israels(exported):
    # "un soldat arrive et lui tire dessus" in the West Bank: the territories have no army (gaza.toml's forces)
    events, _ = exported
    assert not [e["event_id"] for e in events if "Military Forces of Palestine" in (e["actor1"], e["actor2"])]


@pytest.mark.parametrize("doc_id,event_type,claimer", [
    # "L'explosion de l'engin artisanal, qui a tué le soldat français Ronan Pointeau ...", then the claim by the EI
    ("orangesum-21126", "Explosions/Remote violence", "Islamic State (Greater Sahara)"),
    # "un assaut jihadiste meurtrier contre une prison" at Jalalabad, then "revendiqué par le groupe Etat islamique"
    ("orangesum-36148", "Battles", "Islamic State (Khorasan Province)"),
])
def test_real_news_violence_told_without_its_author_takes_the_party_that_claimed_it(exported, doc_id, event_type,
                                                                                   claimer):
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == doc_id for s in e["sources"]) and e["event_type"] == event_type]
    assert claimer in {e["actor1"] for e in mine}, [(e["event_date"], e["actor1"]) for e in mine]


def _article(doc_id: str) -> str:
    for name in ("conflict", "other"):
        for line in (FR_DEV / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if json.loads(line)["id"] == doc_id:
                return json.loads(line)["text"]
    raise KeyError(doc_id)


def test_real_news_a_feeling_takes_no_town():
    # orangesum-19258, the Munich shooting: "De là est venue la terreur qui s'est emparée de la ville": terror is no one
    # who takes a town (targets.tsv, class feeling)
    from frontwatch.extract.events import find_event_mentions

    if not (FR_DEV / "other.jsonl").is_file():
        pytest.skip("../shared/corpus/fr-dev is not available")
    text = _article("orangesum-19258")
    start = text.index("De là est venue la terreur")
    sentence = text[start:text.index(".", start) + 1]
    assert not find_event_mentions(load_nlp("fr")(sentence), "fr")


def test_real_news_a_negated_claim_names_no_author():
    # orangesum-11149: "L'EI a revendiqué l'attaque pendant les funérailles. Les talibans n'ont revendiqué aucune
    # attaque dans les grandes villes": the first names who did it, the second names no one
    from frontwatch.extract.responsibility import negated

    if not (FR_DEV / "conflict.jsonl").is_file():
        pytest.skip("../shared/corpus/fr-dev is not available")
    text = _article("orangesum-11149")
    claimed = text.index("a revendiqué l'attaque pendant")
    denied = text.index("ont revendiqué aucune")
    assert not negated(text, claimed, claimed + len("a revendiqué"), "fr")
    assert negated(text, denied, denied + len("ont revendiqué"), "fr")


def test_real_news_a_list_of_towns_is_one_demonstration_in_each(exported):
    # "Des rassemblements ont également lieu à Naplouse et Qalqilyah (nord), à Ramallah (centre) et à Jéricho":
    # ACLED codes one demonstration per place; the brackets say where each town lies, they end no list
    events, _ = exported
    towns = {e["location"] for e in events if any(s["doc_id"] == "orangesum-6717" for s in e["sources"])}
    assert {"Nablus", "Qalqiliya", "Ramallah"} <= towns, towns


def test_real_news_an_unplaced_event_of_foreign_parties_is_not_in_the_articles_country(exported):
    # "La Turquie a lancé le 9 octobre une offensive contre la milice kurde des Unités de protection du peuple (YPG)",
    # in a French article on victims of the Paris attacks writing about the Kurds: no town is told for the offensive
    # and none of its parties fights in France, so it is no battle in France but one in the YPG's country
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-13819" for s in e["sources"])]
    assert [e["country"] for e in mine if e["event_type"] == "Battles"] == ["Syria"], mine
    # "La récente offensive turque dans la région", in an article on French jihadists held in Syria: the Turkish army
    # does not fight in France either
    mine = [e for e in events if any(s["doc_id"] == "orangesum-12476" for s in e["sources"])]
    assert "France" not in {e["country"] for e in mine if e["actor1"] == "Military Forces of Turkey (2016-)"}, mine


def test_real_news_a_place_told_of_another_event_by_its_pronoun_is_no_scene(exported):
    # "une attaque au couteau, moins d'une semaine après celle qui a fait trois morts à Reading": Reading is the
    # place of the attack "celle" stands for; the Glasgow attack the article reports is not placed there
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-1435" for s in e["sources"])]
    assert mine and "Reading" not in {e["location"] for e in mine}, [(e["location"], e["event_date"]) for e in mine]
    # nor does it take the three dead of Reading
    assert 3 not in {e["fatalities"] for e in mine}, [(e["location"], e["fatalities"]) for e in mine]


def test_real_news_a_known_event_named_in_passing_is_no_event_of_the_day(exported):
    # "l'attaque jihadiste contre l'Hyper Cacher a provoqué un traumatisme", in an article on the 2020 trial: the 2015
    # attack is named as known, dated by nothing, told once in the body; the article recalls it, it reports no
    # attack on the day it was published
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-32884" for s in e["sources"])]
    assert not [e for e in mine if e["event_date"].startswith("2020-09")], [
        (e["event_type"], e["event_date"]) for e in mine]


def test_real_news_a_question_headline_is_a_headline(exported):
    # "Militaires tués au Mali : quelles sont les opération militaires en cours dans le Sahel ?": a headline that asks
    # is still the article's headline, and what it names before its colon labels the topic (the helicopter accident
    # the body tells), it reports no clash
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-20615" for s in e["sources"])]
    assert not [e for e in mine if e["event_type"] == "Battles"], [(e["sub_event_type"], e["event_date"]) for e in mine]


def test_real_news_a_crowd_that_acts_is_a_demonstration(exported):
    # "A Tulkarem, ..., plusieurs dizaines de manifestants ont brandi des drapeaux palestiniens et scandé des slogans":
    # the Naksa-day march, told by what its crowd did
    events, _ = exported
    mine = [e for e in events if any(s["doc_id"] == "orangesum-6717" for s in e["sources"])]
    assert "Tulkarm" in {e["location"] for e in mine if e["event_type"] == "Protests"}, [e["location"] for e in mine]
    # "L'armée israélienne a tiré des grenades assourdissantes et des gaz lacrymogènes pour les empêcher de
    # s'approcher", the next sentence: the march was met by the army, and Tubas' rubber bullets are another event
    tulkarm = [e for e in mine if e["location"] == "Tulkarm"]
    assert [(e["sub_event_type"], e["actor2"]) for e in tulkarm] == [
        ("Protest with intervention", "Military Forces of Israel (1948-)")], tulkarm
    assert "Tubas" in {e["location"] for e in mine}, [e["location"] for e in mine]
