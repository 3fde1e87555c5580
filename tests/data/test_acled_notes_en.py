"""English extraction on ACLED's own notes: rules shown on the real text of the development file.

The notes are read from the shared development file at test time (ACLED's terms: the data is used to measure,
never copied into the repository); a test names a row by its ``event_id_cnty`` and checks what frontwatch makes
of its notes, published the day after, as the ACLED evaluation feeds them.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from frontwatch.eval.acled import read_acled
from frontwatch.eval.gold import corpus_dir
from frontwatch.records import Document

ACLED_CSV = corpus_dir() / "en-acled-dev" / "acled_dev.csv"
pytestmark = pytest.mark.skipif(not ACLED_CSV.is_file(), reason=f"ACLED development file not at {ACLED_CSV}")


@lru_cache(maxsize=1)
def _documents() -> dict:
    return {r.event_id: d for d in read_acled(ACLED_CSV) for r in d.rows}


def events_of(event_id: str) -> list:
    """What frontwatch extracts from the notes of ACLED row ``event_id``."""
    from frontwatch.extract.document import extract_document

    d = _documents()[event_id]
    return extract_document(Document(doc_id=d.doc_id, text=d.text, original=d.text, content_hash=d.doc_id,
                                     language="en", published=date.fromisoformat(d.published[:10])))


def summary(events: list) -> list[tuple]:
    return [(e.event_type, e.sub_event_type, e.actor1, e.actor2, e.location) for e in events]


# --- a demonstration's grievance is no event of its own --------------------------------------------------------

# "demonstrated ... over sexual violence", "protested against suspected PNC killing of a worker", "protested ...,
# condemning the US, Jubaland security forces, and government security forces (Danab) for targeting civilians": the
# violence the crowd demonstrates about names its grievance; the event is the demonstration.
@pytest.mark.parametrize("event_id,country", [("NIG17293", "Nigeria"), ("DRC15627", "Democratic Republic of Congo"),
                                              ("SOM54666", "Somalia"), ("SOM54667", "Somalia")])
def test_a_protests_grievance_is_no_event_of_its_own(event_id, country):
    events = events_of(event_id)
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == [
        ("Protests", "Peaceful protest", f"Protesters ({country})")], summary(events)


# --- a loose clash told beside a precise event lends it the parties it lacks ------------------------------------

# "the NAF rebel forces fired heavy machine guns ... at the governmental positions near Pisky" then "the OSCE SMM
# observed a total of 4 projectiles ... near Pisky": one happening, whose shooter the first sentence names.
def test_a_loose_clash_beside_a_precise_event_names_its_shooter():
    events = events_of("UKR36692")
    assert [e.actor1 for e in events] == ["NAF: United Armed Forces of Novorossiya"], summary(events)


# "the Ukrainian Forces fired small arms at the positions of the Donbass People's Militia in the area of
# Kominternove" then "the OSCE SMM observed a total of 36 projectiles/explosions": the named clash is the exchange of
# fire ACLED codes (an armed clash), not the loose telling of a count of shells nobody is named for.
def test_a_clash_that_names_who_fired_keeps_its_type_beside_a_bare_count_of_shells():
    events = events_of("UKR36860")
    assert ("Battles", "Armed clash", "Military Forces of Ukraine (2019-)") in {
        (e.event_type, e.sub_event_type, e.actor1) for e in events}, summary(events)


# --- "Boko Haram" after ISWAP split from it names either faction -----------------------------------------------

JOINT = "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"


# "Boko Haram attacked Chul ...", "Boko Haram planted an IED in the Lake Chad area": ACLED's joint label.
@pytest.mark.parametrize("event_id", ["NIG16705", "CHA1125"])
def test_boko_haram_by_name_is_acleds_joint_label_after_the_split(event_id):
    events = events_of(event_id)
    assert JOINT in [e.actor1 for e in events], summary(events)


# --- a registry name right before a common noun the parse cut it from --------------------------------------------

# "AS fighters attacked Somali military forces in Xhudur": the parse reads "AS" as the preposition "as".
def test_a_name_right_before_a_role_noun_is_its_party():
    events = events_of("SOM28080")
    assert [(e.actor1, e.actor2) for e in events] == [("Al Shabaab", "Military Forces of Somalia (2017-2022)")], \
        summary(events)


# --- fighting outranks the shelling told with it, a capture the fighting before it ---------------------------------

# "Houthi forces reportedly exchanged artillery with pro-Hadi forces": an armed clash, as ACLED codes it.
def test_an_exchange_of_artillery_between_two_forces_is_an_armed_clash():
    events = events_of("YEM52271")
    assert ("Battles", "Armed clash") in [(e.event_type, e.sub_event_type) for e in events], summary(events)


# --- the Sinai insurgency's parties --------------------------------------------------------------------------------

@pytest.mark.parametrize("event_id,actor1", [("EGY10879", "Islamic State (Egypt)"),
                                             ("EGY10866", "Military Forces of Egypt (2014-)")])
def test_the_sinai_insurgencys_parties_are_egypts(event_id, actor1):
    events = events_of(event_id)
    assert actor1 in [e.actor1 for e in events], summary(events)


# --- Congolese factions and police by their ACLED names -----------------------------------------------------------

# "Mayi Mayi Mazembe attacked PNC officer": the faction after "Mayi Mayi", the Police nationale congolaise.
def test_a_mayi_mayi_faction_and_the_congolese_police_by_name():
    events = events_of("DRC15313")
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Mayi Mayi Militia (Mazembe)", "Police Forces of the Democratic Republic of Congo (2019-)")], summary(events)


# --- a crowd that protests violently riots --------------------------------------------------------------------------

# "Residents of Bobo-Dioulasso ... violently protested": a violent demonstration; "demonstrated ... over sexual
# violence" stays a peaceful one (the adverb, not the word "violence", makes it a riot).
@pytest.mark.parametrize("event_id,sub_event_type", [("BFO265", "Violent demonstration"),
                                                     ("NIG17293", "Peaceful protest")])
def test_a_crowd_that_protests_violently_riots(event_id, sub_event_type):
    events = events_of(event_id)
    assert sub_event_type in [e.sub_event_type for e in events], summary(events)


# --- who planted or claimed a bomb told with no party ------------------------------------------------------------

# "The device was likely planted by JNIM or ISGS militants", "Claimed by JNIM on 26/12", "Al-Shabaab claimed
# responsibility of the attacks", "(Al Shabaab assumed responsible)", "a roadside IED planted by Al Shabaab".
@pytest.mark.parametrize("event_id,actor1", [
    ("NIR1507", "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"),
    ("BFO944", "JNIM: Group for Support of Islam and Muslims"),
    ("KEN5501", "Al Shabaab"),
    ("KEN7176", "Al Shabaab"),
    ("SOM31588", "Al Shabaab"),
])
def test_the_party_that_planted_or_claimed_a_bomb_is_its_actor1(event_id, actor1):
    events = events_of(event_id)
    assert [e.actor1 for e in events if e.event_type == "Explosions/Remote violence"] == [actor1], summary(events)


# --- a text that names no country is about the one its places and parties point to ------------------------------

# "In Ceel Cadde, Al Shabaab militants have killed two": no country named and no place the gazetteer knows, yet the
# party says Somalia; "hundreds of teachers from the territory of Uvira, Sud-Kivu ... took to the streets of its
# capital city": the names are DR Congo's only, and the crowd is DR Congo's protesters.
@pytest.mark.parametrize("event_id,country", [("SOM30032", "Somalia"), ("DRC16102", "Democratic Republic of the Congo")])
def test_a_text_naming_no_country_is_about_its_places_and_parties_country(event_id, country):
    events = events_of(event_id)
    assert events and all(e.country == country for e in events), summary(events)


# "On 9 December 2019, Mayi-Mayi elements abducted a man close from Kabambare, Maniema": the man is DR Congo's civilian
def test_people_acted_upon_in_an_unplaced_event_are_the_home_countrys():
    events = events_of("DRC16214")
    assert [e.actor2 for e in events] == ["Civilians (Democratic Republic of Congo)"], summary(events)


# --- a place cue opening a sentence is capitalised; a name typed inside an actor's name is no place ---------------

def _mentions(event_id: str) -> list:
    from frontwatch.extract.document import _read

    d = _documents()[event_id]
    read = _read(Document(doc_id=d.doc_id, text=d.text, original=d.text, content_hash=d.doc_id, language="en",
                          published=date.fromisoformat(d.published[:10])), None)
    return read


# "06 December 2019. In Ceel Cadde, Al Shabaab militants have killed two ...": "In" opens the sentence
def test_a_place_cue_opening_a_sentence_reads_its_place():
    from frontwatch.extract.places import find_place_mentions

    full = _mentions("SOM30032")[3]
    assert "Ceel Cadde" in [m.text for m in find_place_mentions(full, "en")]


# "Egyptian military forces conducted airstrikes targeting Islamic State militants in Rafah": "Islamic" typed by
# "State" inside the actor's name is no state of the article's focus
def test_a_name_typed_inside_an_actors_name_is_no_place():
    from frontwatch.extract.places import find_place_mentions
    from frontwatch.extract.scenes import _typed_inside_actor

    read = _mentions("EGY10866")
    full, actors = read[3], read[6]
    spans = [(a.start, a.end) for a in actors]
    typed = [m.text for m in find_place_mentions(full, "en") if _typed_inside_actor(m, full.text, spans)]
    assert typed == ["Islamic"]


# --- fire aimed at a post names whose post it is -------------------------------------------------------------------

# "the Ukrainian Forces fired ... at the positions of the Donbass People's Militia in the area of Vasylivka": the
# positions are aimed at (no scene), their owner is actor2; "People's" before "Militia" makes it no group of people
def test_fire_at_the_positions_of_a_force_names_it_actor2():
    events = events_of("UKR36778")
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya")], summary(events)


# "anti-government demonstrators in Kerbala City burned tyres and hurled rocks and Molotov cocktails at security
# forces": the demonstrators of a violent demonstration are ACLED's rioters, not protesters.
def test_the_crowd_of_a_violent_demonstration_are_rioters():
    events = events_of("IRQ27629")
    assert [(e.event_type, e.actor1) for e in events] == [("Riots", "Rioters (Iraq)")], summary(events)


# "Women gathered in the street of Beni to demand the return of peace": a gathering that says what it is for is a
# demonstration; "as a crowd gathered, the second bomber detonated his explosives" is not (a written phrasing).
def test_a_gathering_for_a_demand_is_a_protest():
    assert ("Protests", "Beni") in {(e.event_type, e.location) for e in events_of("DRC12941")}, summary(
        events_of("DRC12941"))


def test_a_crowd_gathering_at_a_blast_is_no_protest():
    from frontwatch.extract.document import extract_document

    text = "As a crowd gathered at the site of the first blast in Homs, a second bomber detonated his explosives."
    events = extract_document(Document(doc_id="t", text=text, original=text, content_hash="t", language="en",
                                       published=date(2016, 1, 26)))
    assert "Protests" not in {e.event_type for e in events}, summary(events)


# --- a town the text puts in one country is never a namesake abroad -------------------------------------------

# "near Mayadin Syria": the town in the country written after it; "the Husseiniya area of Al-Ma'amil, Baghdad - Sadr
# City": no Egyptian Husseiniya in a note whose other places are in Iraq, even after a locative cue ("in").
# "suspected JNIM and/or ISGS militants burned five schools in the area of Mansila": a village of Burkina Faso, one
# of the countries the Sahel's armed groups act in, though the registry files them under Mali (the gazetteer spells it
# Marsila, 0.6 km from ACLED's point).
@pytest.mark.parametrize("event_id,country,location", [("SYR25126", "Syria", "Mayādīn"),
                                                        ("IRQ27426", "Iraq", "Sadr City"),
                                                        ("BFO1860", "Burkina Faso", "Marsila")])
def test_a_town_is_read_in_the_country_the_note_puts_it_in(event_id, country, location):
    events = events_of(event_id)
    assert (country, location) in [(e.country, e.location) for e in events], summary(events)


# --- who acted, when the sentence that tells it is not the event's own ------------------------------------------

# "ASWJ insurgents attacked the village of Nsemo ... Several people were shot dead": the shooting, the precise event,
# names nobody; the attack told loosely two sentences before names its subject, who did it.
def test_an_event_naming_nobody_takes_the_subject_of_the_clash_told_before():
    events = events_of("MZM1291")
    assert [(e.event_type, e.actor1) for e in events] == [
        ("Violence against civilians", "Islamist Militia (Mozambique)")], summary(events)


# "Clashes took place between regime forces, supported by pro-regime militias, and rebel and Islamist factions": the
# parser hangs the rebels on the militias; they are still the second side (an armed group: "rebel factions" names
# no registry actor, ACLED's Opposition Rebels).
def test_both_sides_of_a_clash_between_a_supported_force_and_another():
    events = events_of("SYR34200")
    assert events and events[0].actor1 == "Military Forces of Syria (2000-2024)", summary(events)
    assert events[0].actor2 in ("Opposition Rebels (Syria)", "Unidentified Armed Group (Syria)"), summary(events)


# "suspected JNIM militants killed two members of the Foulse community in Palal-Sambo" (a village the gazetteer lacks):
# the victims become the country's civilians only once the event is placed in the country the note is about, and
# then the killing is an attack on civilians, not a clash.
def test_victims_read_as_civilians_after_placing_make_an_attack_on_civilians():
    events = events_of("BFO1782")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Violence against civilians", "Attack")], \
        summary(events)


# "Students protested in Yako ... They engaged in some minor vandalism (lowering a flag at the police station, breaking
# lightbulbs at the courthouse)": the crowd's damage told in the next sentence makes the demonstration violent.
def test_a_crowds_vandalism_told_next_makes_its_demonstration_violent():
    events = events_of("BFO130")
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == [
        ("Riots", "Violent demonstration", "Rioters (Burkina Faso)")], summary(events)


# "Between February 6th and 7th, an Israeli airstrike targeted regime positions at the Jamraya Research Center": a
# range of days is no pair of sides, the demonym names who struck, and a sentence opening on its days reports an event
# even where the gazetteer knows no place.
def test_a_range_of_days_is_no_pair_of_sides_and_dates_its_sentence():
    events = events_of("SYR20928")
    assert ("Air/drone strike", "Military Forces of Israel (1948-)") in [
        (e.sub_event_type, e.actor1) for e in events], summary(events)


# "Suspected United States forces conducted an air strike in Buaale": a country's name of several words inside the
# phrase names its forces, as a demonym would.
def test_a_country_named_inside_a_phrase_names_its_forces():
    events = events_of("SOM29811")
    assert ("Air/drone strike", "Military Forces of the United States (2017-2021)") in [
        (e.sub_event_type, e.actor1) for e in events], summary(events)


# --- a sentence that opens on its day frames the next, not the day of an earlier killing it recalls -------------

# "On 24 July, in Goma, ... have protested ... after 4 people have been killed on 23 July in Goma. PNC has used tear
# gas to disperse the protest.": the tear gas is the 24th's, and the protest told again is that one; the dead of the
# 23rd, in a clause of their own, are another day's, not the demonstration's.
def test_the_day_a_sentence_opens_on_frames_the_next_sentence():
    events = events_of("DRC15096")
    assert [(str(e.event_date), e.fatalities) for e in events] == [("2019-07-24", 0)], summary(events)


# --- a clause written before the verb the parse hangs it on is no complement of that verb --------------------------

# "On 7 May 2020, university students protested, in Jerusalem city, against ..., the students also called for a
# reduction in tuition fees": the parse makes the protest a complement of "called for"; it is told, not demanded.
def test_a_clause_before_its_verb_is_not_what_the_verb_demands():
    events = events_of("ISR1784")
    assert [(e.event_type, e.actor1) for e in events] == [("Protests", "Protesters (Israel)")], summary(events)


# --- a crowd that kills someone is a mob ------------------------------------------------------------------------

# "community members killed a man suspected of killing his brother": a casualty word a crowd does to its object is
# mob violence (ACLED), not victims counted with no party.
def test_a_crowd_that_kills_someone_is_a_mob():
    events = events_of("KEN7438")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Mob violence")], summary(events)


# "Hawiye-Habar Gedir-Saleban sub-clan militia clashed with Darod-Marehan-Cili sub-clan militia", "unidentified clan
# militia shot and killed a civilian", "were killed by Zamfara Communal Militias": an identity militia whose kind is
# written is named as ACLED names it, after its group as written (the part of the name the parse cut off included),
# or ACLED's "Unidentified", in the event's country.
@pytest.mark.parametrize("event_id,actors", [
    ("SOM56078", ("Hawiye-Habar Gedir-Saleban Sub-Clan Militia (Somalia)", "Darod-Marehan-Cili Sub-Clan Militia (Somalia)")),
    ("SOM51798", ("Unidentified Clan Militia (Somalia)", "Civilians (Somalia)")),
    ("NIG19048", ("Zamfara Communal Militia (Nigeria)", "Civilians (Nigeria)")),
])
def test_an_identity_militia_is_named_after_its_group_and_kind(event_id, actors):
    events = events_of(event_id)
    assert actors in [(e.actor1, e.actor2) for e in events], summary(events)


# "staged a demonstration and closed the port by burning tires", "demonstrators gathered ... and barricaded streets":
# the crowd's violence told in the demonstration's sentence with no party of its own makes that demonstration violent;
# "demonstrated in front of a hotel ... The demonstrators also set the hotel on fire": so does the damage its crowd
# does in the next sentence, named as the crowd.
@pytest.mark.parametrize("event_id,country", [("SUD19632", "Sudan"), ("MZM892", "Mozambique"), ("SOM32014", "Somalia")])
def test_a_crowds_violence_makes_its_demonstration_a_violent_one(event_id, country):
    events = events_of(event_id)
    crowd = [(e.event_type, e.sub_event_type, e.actor1) for e in events if e.event_type in ("Protests", "Riots")]
    assert crowd == [("Riots", "Violent demonstration", f"Rioters ({country})")], summary(events)


# "Government forces clashed with ISIS militants near the 137th Brigade Army Base in Deir-ez-Zor": the English names
# of the Islamic State's fighters are Syria's as much as Iraq's, so they vote for no one theatre and Syria's places
# say whose government forces and whose Islamic State these are.
def test_the_islamic_states_fighters_in_syria_are_syrias():
    events = events_of("SYR6599")
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Syria (2000-2024)", "Islamic State (Syria)")], summary(events)


# "Clashes took place between regime forces ... in Dar'a Al-Sad in Dar'a city": a quarter the gazetteer lacks lies in
# the town its type word says is one, so the clash is in Dar'a (Syria), whose regime forces fought it.
def test_a_quarter_of_a_town_typed_after_it_is_placed_in_that_town():
    events = events_of("SYR41333")
    assert ("Military Forces of Syria (2000-2024)", "Syria") in [(e.actor1, e.country) for e in events], summary(events)


# "continued in central Basrah", "Residents of Pouytenga attacked customs posts": a name after "in central" or after
# the people who live there is a place, though the model tagged it a person or an organisation.
@pytest.mark.parametrize("event_id,place", [("IRQ22533", "Basrah"), ("BFO309", "Pouytenga")])
def test_a_town_after_in_central_or_its_residents_is_the_place(event_id, place):
    events = events_of(event_id)
    assert place in [e.location for e in events], summary(events)


# "Zamfara militias attacked ...", "were killed by Zamfara Communal Militias": ACLED's recurring communal militia of
# Zamfara is a registry actor, whose country also places a village the note names only beside a town.
@pytest.mark.parametrize("event_id", ["NIG16575", "NIG14181"])
def test_zamfaras_communal_militia_is_a_registry_actor(event_id):
    events = events_of(event_id)
    assert ("Zamfara Communal Militia (Nigeria)", "Nigeria") in [(e.actor1, e.country) for e in events], summary(events)


# "suspected Fulani militiamen attacked the Dogon village of Tieba (Bankass, Mopti)": the registry's Fulani militia
# acting in Mali is ACLED's Fulani militia of Mali, still the group that attacked, so the village it attacked with no
# one answering makes the attack one on civilians.
def test_a_registry_militia_abroad_is_named_for_the_country_and_still_acts():
    events = events_of("MLI3808")
    assert [(e.event_type, e.actor1, e.actor2) for e in events] == [
        ("Violence against civilians", "Fulani Ethnic Militia (Mali)", "Civilians (Mali)")], summary(events)


# "the OSCE SMM observed a total of 32 projectiles involving unknown weapons in both directions of the frontline":
# fire both ways across the frontline is an armed clash; "blocked the Sport City intersection in Beirut in both
# directions" is still a demonstration (the trigger needs a position: the frontline).
def test_fire_in_both_directions_of_the_frontline_is_an_armed_clash():
    events = events_of("UKR36923")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Armed clash")], summary(events)
    events = events_of("LBN4940")
    assert ("Protests", "Peaceful protest", "Beirut") in [(e.event_type, e.sub_event_type, e.location) for e in events], \
        summary(events)


# ACLED's own names for recurring groups its notes write: "JWS" (the Syrian National Army), "Ambazonian separatists".
@pytest.mark.parametrize("event_id,actor1", [
    ("SYR88819", "JWS: Syrian National Army"),
    ("CAO3226", "Ambazonian Separatists (Cameroon)"),
])
def test_recurring_groups_are_named_as_acled_names_them(event_id, actor1):
    events = events_of(event_id)
    assert actor1 in [e.actor1 for e in events], summary(events)


# "Awrmale clan militia reached an agreement with Marehan clan militia" (2025): ACLED names a Somali clan's militia
# by its lineage then, "Hawiye-Awramale", "Darod-Marehan" (data/taxonomy/clan_lineages.tsv).
def test_a_somali_clans_militia_is_named_by_its_lineage():
    events = events_of("SOM50857")
    assert ("Hawiye-Awramale Sub-Clan Militia (Somalia)", "Darod-Marehan Sub-Clan Militia (Somalia)") in [
        (e.actor1, e.actor2) for e in events], summary(events)


# "Military Forces attacked an ASWJ insurgent base", "Nigerian Airforce conducted air strikes against Boko Haram
# elements": a force noun is who acted; the party named after the verb is the other side, not whose forces these are
# (a member's force is named through "of": "a colonel of the Sudanese army").
@pytest.mark.parametrize("event_id,actor1", [
    ("MZM1249", "Military Forces of Mozambique (1990-)"),
    ("NIG19364", "Military Forces of Nigeria (2015-2023)"),
])
def test_the_party_after_the_verb_is_not_whose_forces_act(event_id, actor1):
    events = events_of(event_id)
    assert actor1 in [e.actor1 for e in events], summary(events)


# --- a note that names no place is about the country of the forces it names ----------------------------------------

# "Somali police officers shot and killed a civilian at a traffic stop": no place, but Somali police; the one killed
# is Somalia's civilian, so the shooting is an attack on civilians.
def test_a_note_with_no_place_is_about_its_forces_country():
    events = events_of("SOM29462")
    assert [(e.event_type, e.actor2, e.location) for e in events] == [
        ("Violence against civilians", "Civilians (Somalia)", "Somalia")], summary(events)


# --- "reportedly" attributes a figure, "suspected" qualifies who died: neither hedges the toll ------------------

# "Ten GNA soldiers were reportedly killed", "3 Soldiers were reportedly killed in the attacks": wire copy's way of
# reporting a count, which ACLED codes; "burned two suspected robbers to death", "burned to death a suspected thief":
# what is suspected is who they were, not that they died.
@pytest.mark.parametrize("event_id,fatalities", [("LBY9935", 10), ("IRQ22505", 3), ("NIG15801", 2), ("NIG14297", 1)])
def test_reportedly_or_suspected_does_not_hedge_a_toll(event_id, fatalities):
    events = events_of(event_id)
    assert fatalities in [e.fatalities for e in events], [(e.event_type, e.fatalities) for e in events]


# --- a count's noun is the head the parse gives the number -------------------------------------------------------

# "Nigerian troops killed 5 Boko Haram fighters", "killed one rapid intervention battalion soldier", "12 pro-Houthi
# fighters were reported killed", "shot and killed 1 air force intelligence member": the dead counted, as ACLED does.
@pytest.mark.parametrize("event_id,fatalities", [("NIG19266", 5), ("CAO3226", 1), ("YEM52255", 12), ("SYR89913", 1)])
def test_a_count_of_named_fighters_is_the_events_toll(event_id, fatalities):
    events = events_of(event_id)
    assert fatalities in [e.fatalities for e in events], [(e.event_type, e.fatalities) for e in events]


# "unidentified armed men reportedly attempted to kill a Tihama Resistance commander ... No fatalities nor injuries
# were reported": an attempt kills nobody.
def test_an_attempt_to_kill_is_no_toll():
    events = events_of("YEM52040")
    assert events and all(e.fatalities == 0 for e in events), [(e.event_type, e.fatalities) for e in events]


# "Unknown fatalities coded as 10", "Unspecified number of fatalities coded as 3", "Fatalities coded to 11": the
# number said of the fatalities is the toll.
@pytest.mark.parametrize("event_id,fatalities", [("SYR14102", 10), ("SOM55780", 3), ("SYR105500", 11)])
def test_a_number_the_fatalities_are_coded_as_is_the_toll(event_id, fatalities):
    events = events_of(event_id)
    assert fatalities in [e.fatalities for e in events], [(e.event_type, e.fatalities) for e in events]


# "the OSCE SMM observed a total of 20 explosions involving unknown weapons near Troitske": explosions told by the
# weapons that fired them are shelling, not a device's blast.
@pytest.mark.parametrize("event_id", ["UKR37011", "UKR36841"])
def test_explosions_of_weapons_are_shelling(event_id):
    events = events_of(event_id)
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")], summary(events)


# "anti-Houthi National Resistance forces reportedly fired artillery shells", "anti-Houthi National Resistance
# forces reportedly established new fortifications": the party is the forces the phrase's head names, not the
# name it is against.
@pytest.mark.parametrize("event_id", ["YEM52193", "YEM52343"])
def test_the_actor_holding_the_phrases_head_is_its_party(event_id):
    events = events_of(event_id)
    assert [e.actor1 for e in events] == ["National Resistance Forces"], summary(events)


# "demonstrators in Nassriya city", "in Nassriya City": the city of 558,000 spelt nearly as written (Nasiriyah), not a
# Lebanese hamlet spelt a little closer, tells the article's country.
@pytest.mark.parametrize("event_id,actor1", [("IRQ23627", "Rioters (Iraq)"), ("IRQ22594", "Protesters (Iraq)")])
def test_a_city_spelt_nearly_as_written_tells_the_country_before_a_hamlet(event_id, actor1):
    events = events_of(event_id)
    assert [(e.actor1, e.country) for e in events] == [(actor1, "Iraq")], summary(events)


# "regime forces shelled Bara in Idleb countryside", "in Daoudiyet Mala in rural Tal Tamer in al-Hasakeh": a name the
# model tagged a person, which the gazetteer has inside the area named right after it, is the place, not the area.
@pytest.mark.parametrize("event_id,location", [("SYR77967", "Barah"), ("SYR78226", "Tall Tamr")])
def test_a_name_the_gazetteer_has_in_the_area_named_after_it_is_the_place(event_id, location):
    events = events_of(event_id)
    assert [e.location for e in events] == [location], summary(events)


# Recurring groups ACLED codes under their own names, not folded into a coalition or a generic militia: "Ansaroul
# Islam fighters attacked 2 police stations", "AMISOM forces have shot dead a civilian driver" (AMISOM's name until
# ATMIS took over in April 2022), "Rebel fighters, including Rahman Corps, clashed", "Clashes took place between
# Jaysh al Islam and HTS", "clashes took place between National Defense Forces and unidentified gunmen", "JTW and
# Islamist militias captured Ejaz", "the children of fire initiative carried out an arson attack", "southern
# resistance forces reportedly attacked Houthi forces".
@pytest.mark.parametrize("event_id,actor1", [
    ("BFO770", "Ansaroul Islam"),
    ("SOM29972", "AMISOM: African Union Mission in Somalia (2007-)"),
    ("SYR20719", "FaR: Al Rahman Corps"),
    ("SYR39976", "Jaysh al Islam"),
    ("SYR60887", "QDW: National Defence Forces"),
    ("SYR71308", "JTW: National Liberation Front"),
    ("TUR11649", "Children of Fire"),
    ("YEM51937", "Southern Resistance"),
])
def test_recurring_groups_acled_codes_apart_are_named_as_acled_names_them(event_id, actor1):
    events = events_of(event_id)
    assert actor1 in [e.actor1 for e in events], summary(events)


# "Reported on 04 December 2019, unknown gunmen shot and killed a village elder in Mandali", "As reported on 1 May
# 2020, 10 Taliban militants were killed by an Afghan military airstrike in Maywand district": a fronted past
# participle says the clause was reported; its subject did not speak, and the clause is no speaker's incise, so
# its place is the event's.
@pytest.mark.parametrize("event_id,location", [("IRQ22331", "Mandalī"), ("AFG45403", "Maywand")])
def test_a_fronted_reported_names_no_speaker(event_id, location):
    events = events_of(event_id)
    assert [e.location for e in events] == [location], summary(events)


# "unknown gunmen shot and killed a village elder", "two unknown gunmen shot and killed a clan elder", "unidentified
# gunmen killed a pastor": elders and clergy are civilians (targets.tsv), so the killing is an attack on civilians.
@pytest.mark.parametrize("event_id", ["IRQ22331", "SOM32544", "NIG16118"])
def test_an_elder_or_a_pastor_killed_is_a_civilian_attacked(event_id):
    events = events_of(event_id)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Violence against civilians", "Attack")], \
        summary(events)


# "the Ukrainian Forces fired grenade launchers at the positions", "fired grenade launchers and heavy machine guns":
# grenade launchers fire shells, which ACLED codes as shelling (not a hand grenade); "fired 82mm mortars, grenade
# launchers, heavy machine guns and small arms": with small arms it is an armed clash.
@pytest.mark.parametrize("event_id,sub_event_type", [
    ("UKR36703", "Shelling/artillery/missile attack"),
    ("UKR37005", "Shelling/artillery/missile attack"),
    ("UKR36507", "Armed clash"),
])
def test_grenade_launchers_shell_unless_small_arms_fire_with_them(event_id, sub_event_type):
    events = events_of(event_id)
    assert [e.sub_event_type for e in events] == [sub_event_type], summary(events)


# "members of the FDS forces, with the assistance of helicopters (assumed DAG), clashed with members of an Islamist
# militia": in Mozambique the FDS are its Defence and Security Forces (not the Syrian SDF's French acronym), and a
# clash stays an armed clash whatever air support it names.
def test_mozambiques_fds_clashing_with_air_support_is_an_armed_clash():
    events = events_of("MZM1952")
    assert (("Battles", "Armed clash", "Military Forces of Mozambique (1990-)")
            in [(e.event_type, e.sub_event_type, e.actor1) for e in events]), summary(events)


# "Mozambican Defense and Security Forces clashed with members of an Islamist militia around Cabo Afungi".
def test_mozambiques_defense_and_security_forces_are_its_military():
    events = events_of("MZM2021")
    assert "Military Forces of Mozambique (1990-)" in {e.actor1 for e in events} | {e.actor2 for e in events}, \
        summary(events)


# "Regime forces managed to recapture several villages", "QSD militias managed to control the villages ... after
# clashes", "Jaysh al Islam managed to repel attempts by regime forces": what a force managed to do was done
# (modality.tsv, class achieved), the "to" of its infinitive is no intention.
@pytest.mark.parametrize("event_id", ["SYR18978", "SYR23184", "SYR40748"])
def test_what_a_force_managed_to_do_is_an_event(event_id):
    events = events_of(event_id)
    assert [e.event_type for e in events] == ["Battles"], summary(events)


# "police clashed with demonstrators in Munig who were protesting against the eviction": a clash between a crowd and
# the police is a violent demonstration, the crowd (rioters) its actor1 and the police its actor2.
def test_a_crowd_clashing_with_police_is_a_violent_demonstration():
    events = events_of("DRC13003")
    assert ("Riots", "Violent demonstration", "Rioters (Democratic Republic of Congo)",
            "Police Forces of the Democratic Republic of Congo (2001-2019)") in [
        (e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in events], summary(events)


# "international forces (coded as Unidentified Military Forces) launched an airstrike targeting Al Shabaab",
# "international forces (described as allied forces, ...)": ACLED's actor for the foreign air forces in Somalia.
@pytest.mark.parametrize("event_id", ["SOM52587", "SOM50049"])
def test_international_forces_striking_in_somalia_are_unidentified_military_forces(event_id):
    events = events_of(event_id)
    assert ("Air/drone strike", "Unidentified Military Forces") in [(e.sub_event_type, e.actor1) for e in events], \
        summary(events)


# --- a village spelt as written is no coin toss with a near spelling -------------------------------------------

# "militants abducted at least eleven people in Toumour": the village of Diffa spelt so, not "Tuomor" of Nigeria, the
# country the note's armed group is filed under; "in Nia Nia, an armed group attacked a mining site": Nia-Nia of
# Ituri, not "Niani" of another Congolese province.
@pytest.mark.parametrize("event_id,location", [("NIR907", "Toumour"), ("DRC14962", "Nia-Nia")])
def test_a_village_spelt_as_written_wins_over_a_near_spelling(event_id, location):
    events = events_of(event_id)
    assert location in [e.location for e in events], summary(events)


# "MONUSCO forces attacked ADF positions in Beni territory": the model tags "Beni" an adjective but a place; with its
# type word it is the territory ACLED places at Beni, not the country.
def test_a_name_tagged_adjective_and_place_before_its_type_word_is_a_place():
    events = events_of("DRC10162")
    assert [e.location for e in events] == ["Beni"], summary(events)


# --- ACLED's areas after a name, and its "town - part" names --------------------------------------------------

# "in the village of Mindere (Torodi, Tillaberi)": the gazetteer's Mendere of Tillabéri, 44 km from the town of Torodi
# that the bracket names for its district (a district reaches further than a town's outskirts); "the village of
# Gadabo (Anzourou, Tillaberi)" likewise.
@pytest.mark.parametrize("event_id,location", [("NIR1505", "Mendere"), ("NIR1314", "Gabado")])
def test_a_village_lies_in_the_district_a_town_names_in_brackets(event_id, location):
    events = events_of(event_id)
    assert [e.location for e in events] == [location], summary(events)


# "in Mogadishu - Hawl Wadaag (Banadir)", "in Mogadishu-Bondhere (Bondhere, Banadir)": a part of Mogadishu the
# gazetteer does not know is in Mogadishu, which lies in the province Banadir names (not in the village named
# Banaadir elsewhere, nor in Oondheere, a near spelling of Bondhere in another province).
@pytest.mark.parametrize("event_id", ["SOM52041", "SOM30984"])
def test_a_part_of_a_town_written_after_its_name_and_a_dash_is_in_the_town(event_id):
    events = events_of(event_id)
    assert {e.location for e in events} == {"Mogadishu"}, summary(events)


# "Boko Haram fighters ... attacked Magumeri (Borno state) ... Upon seizing control of the town": the province written
# in brackets after the town is no scene, so the seizure told next is in Magumeri too, not in Borno.
def test_an_area_bracketed_with_its_type_word_is_no_scene_of_the_next_sentence():
    events = events_of("NIG15211")
    assert {e.location for e in events} == {"Magumeri"}, summary(events)


# --- a span in parentheses glosses the day before it -------------------------------------------------------------

# "Around 29 July 2020 (between 28 - 30 July), JNIM and ISGS clashed", "Around 30 March 2020 (from 27 March - 2
# April), Nigerien forces reportedly arrested and executed ...": the day is the one glossed, and the span's last day
# (after the publication, so read as last year's) makes nothing history.
@pytest.mark.parametrize("event_id,event_type", [("BFO4020", "Battles"), ("NIR1278", "Violence against civilians")])
def test_a_span_in_parentheses_glosses_the_day_before_it(event_id, event_type):
    events = events_of(event_id)
    row = next(r for r in _documents()[event_id].rows if r.event_id == event_id)
    assert (event_type, row.event_date) in {(e.event_type, e.event_date) for e in events}, summary(events)


# --- IEDs by any of their acronyms ----------------------------------------------------------------------------

# "a RCIED targeting soldiers of the Somali military exploded in an animal market": a remote-controlled IED is
# political violence by its name, as an IED is.
def test_a_remote_controlled_ied_that_explodes_is_an_ied_attack():
    events = events_of("SOM30425")
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") in [
        (e.event_type, e.sub_event_type) for e in events], summary(events)


# "NISA and SNPF removed a suspected VBIED from Hodan District": removing a bomb disrupts its use, and NISA is
# ACLED's "Military Forces of Somalia (...) National Intelligence and Security Agency".
def test_the_intelligence_agency_removing_a_car_bomb_disrupts_weapons_use():
    events = events_of("SOM28043")
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == [
        ("Strategic developments", "Disrupted weapons use",
         "Military Forces of Somalia (2017-2022) National Intelligence and Security Agency")], summary(events)


# "the PMF's 52nd Brigade Badr and Turkmen forces destroyed a number of IS vehicles and weapons as well as IEDs":
# "IEDs" written in capitals with a plural "s" is the acronym, not a name.
def test_ieds_in_the_plural_are_an_acronym_not_a_name():
    events = events_of("IRQ23485")
    assert "Military Forces of Iraq (2018-2020) Popular Mobilization Forces" in [e.actor1 for e in events], \
        summary(events)


# --- a day counted in a clause about something else is that clause's --------------------------------------------

# "On 30 April 2020, ... militiamen ... torched a pickup truck that the group of people they ambushed the previous
# day ... were in", "On 30 April 2020, pro-STC forces ... took control of the HQs ... following an attack launched
# the previous day": the previous day is the ambush's, the attack's; the torching and the takeover are the 30th's
# (the Security Belt Forces, state forces for ACLED, regain ground, as its row codes it).
@pytest.mark.parametrize("event_id,sub_event_type", [("PHL10478", "Looting/property destruction"),
                                                     ("YEM52028", "Government regains territory")])
def test_a_day_counted_in_a_clause_about_something_else_is_not_the_events(event_id, sub_event_type):
    events = events_of(event_id)
    assert (sub_event_type, "2020-04-30") in {(e.sub_event_type, e.event_date) for e in events}, summary(events)


# --- a cue governs its complements, not a word the parse hangs on it as a modifier ---------------------------

# "On Feb 28, hundreds of Yazidi residents of Sinuni ... protested demanding updates regarding the health of ...": the
# parse hangs "protested" on "demanding" as an adjective; what a crowd demands does not make its protest a wish.
def test_a_protest_the_parse_hangs_on_its_demand_is_still_a_protest():
    events = events_of("IRQ23682")
    assert [(e.event_type, e.actor1) for e in events] == [("Protests", "Protesters (Iraq)")], summary(events)


# --- victims of armed men are political violence -----------------------------------------------------------------

# "Two police officers and two civilians were killed on the Sokoto-Isa road by unidentified gunmen": victims alone,
# but of armed men as written, who act, though no place tells their country.
def test_victims_of_armed_men_as_written_are_political_violence():
    events = events_of("NIG14184")
    assert [e.event_type for e in events] == ["Battles"], summary(events)


# --- a military unit names the forces ------------------------------------------------------------------------

# "the presidential guard shot and killed a civilian passing the presidential palace in N'Djamena": a guard, a
# brigade, a regiment or a battalion is a unit of the country's forces, an organised party.
@pytest.mark.parametrize("event_id", ["CHA1114", "CHA1091"])
def test_the_presidential_guard_is_the_countrys_military(event_id):
    events = events_of(event_id)
    assert "Military Forces of Chad" in {(e.actor1 or "").split(" (")[0] for e in events}, summary(events)


# "CPI-Maoist cadres triggered an Improvised Explosive Device (IED) blast": a phrase in capitals spelt out before its
# acronym is the acronym's words, not a name.
def test_a_capitalised_phrase_before_its_acronym_is_no_name():
    events = events_of("IND74278")
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") in [
        (e.event_type, e.sub_event_type) for e in events], summary(events)


# --- "between A and B against C": C is the other side ------------------------------------------------------

# "Clashes took place between regime forces and allied militias against Islamic State fighters": the allies stand
# with the regime; the side after "against" is the enemy.
@pytest.mark.parametrize("event_id", ["SYR11649", "SYR10717"])
def test_the_side_after_against_is_the_other_side_of_a_clash_between(event_id):
    events = events_of(event_id)
    assert ("Military Forces of Syria (2000-2024)", "Islamic State (Syria)") in [
        (e.actor1, e.actor2) for e in events], summary(events)


# "government security forces (Danab) clashed with Al Shabaab": since 2022 ACLED codes Danab as the national
# forces' special forces.
@pytest.mark.parametrize("event_id", ["SOM51369", "SOM50177"])
def test_danab_is_somalias_special_forces(event_id):
    events = events_of(event_id)
    assert "Military Forces of Somalia (2022-) Special Forces" in [e.actor1 for e in events], summary(events)


# "Saudi rocket and artillery shelling was reported on populated villages of Razih": in Yemen, ACLED codes the
# Saudi-led coalition's strikes and shelling as "Operation Restoring Hope".
def test_saudi_shelling_in_yemen_is_operation_restoring_hope():
    events = events_of("YEM52025")
    assert [e.actor1 for e in events] == ["Operation Restoring Hope"], summary(events)


# "a peaceful protest in Amara ... turned violent when people began to set fire to government buildings": a
# violent demonstration, its crowd rioters.
def test_a_protest_that_turned_violent_is_a_violent_demonstration():
    events = events_of("IRQ21628")
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == [
        ("Riots", "Violent demonstration", "Rioters (Iraq)")], summary(events)


# "hundreds of personnel ... protesting in Tahrir square (Rusafa) in central Baghdad demanding that they be given
# back their jobs": the square is no village called Tahrir, the district in brackets and the city it lies in are
# one place, not a list of demonstrations, and the crowd before "demanding that" is no speaker whose places are
# no scene.
def test_a_square_in_its_district_and_city_is_one_demonstration_in_that_city():
    events = events_of("IRQ19202")
    assert [(e.event_type, e.actor1, e.admin1) for e in events] == [
        ("Protests", "Protesters (Iraq)", "Baghdad")], summary(events)


# "On 21 January 2026, Kenya security forces conducted an airstrike targeting Al Shabaab in Bushbush village": a
# country's name before its forces says whose they are, as its demonym does ("Kenyan security forces").
def test_a_countrys_name_before_its_forces_names_that_countrys_forces():
    events = events_of("SOM54974")
    assert [e.actor1.split(" (")[0] for e in events] == ["Military Forces of Kenya"], summary(events)


# "Somali military forces attacked the Daynile district police": the district's name is spelt like no place of the
# gazetteer but a Daniel of the United States, while the party points to Somalia; no event lands in America.
def test_a_near_spelling_abroad_yields_to_the_parties_country():
    events = events_of("SOM29333")
    assert events and {e.country for e in events} == {"Somalia"}, summary(events)


# "On June 24, IS militants killed 3 civilians": the model reads "IS" by its lower-case norm as the verb "is" (a
# passive with no agent) unless the language's data gives it its own spelling; and the day of the date, which the
# parse hangs on the verb, counts no dead.
def test_is_before_its_fighters_is_the_islamic_state_and_a_days_number_counts_no_dead():
    events = events_of("IRQ20573")
    assert [(e.actor1, e.fatalities) for e in events] == [("Islamic State (Iraq)", 3)], summary(events)


# "Clashes took place between regime forces, supported by pro-regime militias, and Hayat Tahrir al Sham fighters":
# the parse hangs the second side on "took place"; it is the other side of the clashes all the same.
def test_the_second_side_of_clashes_that_took_place_between_two_forces():
    events = events_of("SYR53395")
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Syria (2000-2024)", "HTS: Hayat Tahrir al Sham")], summary(events)


# "Tama ethnic militia and Zaghawa ethnic militia clashed": the second of two subjects coordinated before a verb of
# fighting between sides is the side fought (the coordinator hangs on it, as in UD, so it is read as coordinated).
def test_two_militias_that_clashed_are_the_two_sides():
    events = events_of("CHA1171")
    assert [(e.actor1.split(" (")[0], e.actor2.split(" (")[0]) for e in events] == [
        ("Tama Ethnic Militia", "Zaghawa Ethnic Militia")], summary(events)


# "explosive experts in the PMF forces ... defused 24 explosives": people in a force are the force's.
def test_people_in_a_force_act_for_that_force():
    events = events_of("IRQ28754")
    assert [e.actor1 for e in events] == ["Military Forces of Iraq (2020-2022) Popular Mobilization Forces"], \
        summary(events)


# "3 security forces were injured by the explosion of an unidentified IED on the outskirts of Jalawla", "Somali
# military forces were hit by an IED explosion in Hodan": a bomb no one is named for is ACLED's unidentified armed
# group's, in the country it went off in.
@pytest.mark.parametrize("event_id,country", [("IRQ24093", "Iraq"), ("SOM28742", "Somalia")])
def test_a_bomb_no_one_is_named_for_is_an_unidentified_armed_groups(event_id, country):
    events = events_of(event_id)
    assert [e.actor1 for e in events] == [f"Unidentified Armed Group ({country})"], summary(events)


# "pro-Hadi and affiliated forces reportedly thwarted a pro-Houthi attack": ACLED's name in its Yemen notes for the
# government's forces and their allies.
def test_pro_hadi_and_affiliated_forces_are_yemens_military():
    events = events_of("YEM52023")
    assert events and {e.actor1 for e in events} == {"Military Forces of Yemen (2012-2022)"}, summary(events)


# "shelling exchange took place between regime forces and opposition rebels on Regiment 46 - Military Base axis": a
# number after the sides is no date range ("between 6 and 7 May"); "Clashes took place between QSD against
# unidentified gunmen": the side after "against" on the light verb is the other.
@pytest.mark.parametrize("event_id,sides", [
    ("SYR94942", ("Military Forces of Syria (2000-2024)", "Opposition Rebels (Syria)")),
    ("SYR52521", ("QSD: Syrian Democratic Forces", "Unidentified Armed Group (Syria)")),
])
def test_the_sides_of_what_took_place_between_them(event_id, sides):
    events = events_of(event_id)
    assert [(e.actor1, e.actor2) for e in events] == [sides], summary(events)


# "volunteer fighters (VDP) reportedly attacked the village of Tiofa": ACLED's name for the VDP in 2020.
def test_the_vdp_in_2020_bear_acleds_name_of_then():
    events = events_of("BFO3942")
    assert [e.actor1 for e in events] == ["VDP: Volunteer for Defense of Homeland"], summary(events)


# --- a name's reading in the areas written after it ------------------------------------------------------------

# "in Ras al-Ain city in al-Hasakeh": of the Syrian villages named Ras al-Ain, the town of al-Hasakeh province; "in
# the area of Banh (Banh, Loroum)": the gazetteer's Ban of Loroum, not the Banh of Yatenga the ranking put first; in
# "Darkoye (Gorom-Gorom, Oudalan)", Oudalan is a province some source holds as the village's district.
@pytest.mark.parametrize("event_id,location,area", [("SYR77629", "Ra's al `Ayn", "Hasaka (Al Haksa)"),
                                                    ("BFO4031", "Ban", "Loroum"), ("BFO3722", "Darkoy", "Oudalan")])
def test_a_name_is_read_as_the_place_of_that_name_in_the_areas_written_after_it(event_id, location, area):
    events = events_of(event_id)
    assert [(e.location, area in (e.admin1, e.admin2)) for e in events] == [(location, True)], summary(events)


# "near Kamyanka, Donetsk": several villages of Donetsk province bear the name and none is likelier; the event stays
# in the province, not in one of them picked at random.
def test_a_name_several_places_of_its_area_bear_stays_in_the_area():
    events = events_of("UKR36578")
    assert events and {e.location for e in events} == {"Donetsk"}, summary(events)


# "presumed JNIM and/or ISGS militants attacked ... in Solhan": the only Solhan the ranking knew as written is a
# Turkish village, which only the name itself puts in view; the parties point to Burkina Faso, where the gazetteer
# has the village under that name too.
def test_a_small_place_abroad_yields_to_its_namesake_in_the_parties_country():
    events = events_of("BFO1248")
    assert [(e.location, e.country) for e in events] == [("Solna", "Burkina Faso")], summary(events)


# "in Mboza, Moatize.", "near Khutir Vilny, Luhansk.": a district or province written after a place and a comma
# at the end of the clause is its area even where the model tags it a person or nothing; the events lie there (the
# NAF's shelling in Ukraine, not the Nigerian air force's in Nigeria).
@pytest.mark.parametrize("event_id,location,country", [("MZM668", "Moatize", "Mozambique"),
                                                       ("UKR37039", "Luhansk", "Ukraine")])
def test_an_untagged_area_after_a_comma_places_the_event(event_id, location, country):
    events = events_of(event_id)
    assert events and {(e.location, e.country) for e in events} == {(location, country)}, summary(events)


# "People from the town of Bittou again marched in protest": the town is where the crowd comes from and the sentence
# names no other place, so the march is there; "communal militias from Yagaba and Kubori marched to Gordi (...)"
# names where they went (a village the gazetteer lacks), so the origin places nothing (no Yagaba of Nigeria).
def test_a_crowds_town_places_its_march_when_the_sentence_names_no_other_place():
    events = events_of("BFO422")
    assert [(e.event_type, e.location) for e in events] == [("Protests", "Bittou")], summary(events)
    events = events_of("GHA1006")
    assert events and not any(e.country == "Nigeria" for e in events), summary(events)


# --- "soldiers" of a theatre of several states are the forces of the event's country ---------------------------

# "soldiers opened fire ... in Ndjamena", "policemen in NDjamena tortured a man", "killing five soldiers" between
# Baga Sola and Ngouboua: the Lake Chad theatre's bare soldier nouns name Chad's forces in Chad, not Nigeria's.
@pytest.mark.parametrize("event_id,force", [
    ("CHA887", "Military Forces of Chad (2021-)"), ("CHA858", "Police Forces of Chad"),
    ("CHA855", "Military Forces of Chad (2021-)"),
])
def test_a_bare_soldier_noun_of_a_shared_theatre_names_the_forces_of_the_events_country(event_id, force):
    events = events_of(event_id)
    assert force in {a for e in events for a in (e.actor1, e.actor2)}, summary(events)
    assert not any("Nigeria" in (a or "") for e in events for a in (e.actor1, e.actor2)), summary(events)


# --- a bare noun for fighters takes up the armed group named just before ----------------------------------------

# "presumed Ansaroul Islam (JNIM) militants searched for a customary chief ..., the militants assaulted members of a
# family", "militants opened fire", "FDLR-FOCA combatants killed a man": the group named before, not an
# unidentified armed group.
@pytest.mark.parametrize("event_id,group", [
    ("BFO1523", "JNIM: Group for Support of Islam and Muslims"),
    ("BFO1415", "JNIM: Group for Support of Islam and Muslims"),
    ("DRC12809", "FDLR: Democratic Forces for the Liberation of Rwanda"),
])
def test_a_bare_fighters_noun_takes_up_the_group_named_before(event_id, group):
    events = events_of(event_id)
    assert events and all(e.actor1 == group for e in events), summary(events)


# "an unidentified armed group attacked a minibus ... Assailants are believed to be linked to Renamo Military
# Junta": a noun that says no one knows who they are takes up no one.
def test_unidentified_attackers_take_up_no_group():
    events = events_of("MZM1256")
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Mozambique)"], summary(events)


# --- the other side of a trigger the parse gives no object ------------------------------------------------------

# "Turkish Army Forces carried out airstrikes against PKK targets", "Regime forces clashed with Hayat Tahrir al-Sham in
# the villages of ...", "LNA air force targeted GNA positions": the armed party named right after the trigger in its
# clause is the one it acted on.
@pytest.mark.parametrize("event_id,sides", [
    ("IRQ21847", ("Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party")),
    ("SYR38709", ("Military Forces of Syria (2000-2024)", "HTS: Hayat Tahrir al Sham")),
    ("LBY9934", ("Military Forces of Libya (2014-) Haftar Faction",
                 "Military Forces of Libya (2016-2021) Government of National Accord")),
])
def test_the_armed_party_named_after_a_trigger_is_its_other_side(event_id, sides):
    events = events_of(event_id)
    assert sides in {(e.actor1, e.actor2) for e in events}, summary(events)


# "a drone strike by NATO forces [assumed US military] killed 1 civilian": the bracket glosses who struck; it names
# no other side.
def test_a_bracketed_gloss_of_who_acted_is_no_other_side():
    events = events_of("AFG45493")
    assert [(e.actor1, e.actor2) for e in events] == [
        ("NATO: North Atlantic Treaty Organization", "Civilians (Afghanistan)")], summary(events)


# --- the victims nobody names are civilians, as ACLED codes every attack and looting ---------------------------

# "suspected JNIM militants killed one individual in the village of Norde", "a group of Imbonerakure destroyed 4
# houses belonging to CNL members", "the military forces burnt motorcycles and looted a shop": the country's
# civilians are actor2.
@pytest.mark.parametrize("event_id,victims", [
    ("BFO2036", "Civilians (Burkina Faso)"), ("BUR9638", "Civilians (Burundi)"), ("CAO3243", "Civilians (Cameroon)"),
])
def test_the_unnamed_victims_of_an_attack_or_a_looting_are_civilians(event_id, victims):
    events = events_of(event_id)
    assert events and all(e.actor2 == victims for e in events), summary(events)


# --- English names of registry actors ---------------------------------------------------------------------------

# "the global coalition targeted IS sites with three airstrikes" (the coalition's own name), "three pro-Houthi
# military vehicles reportedly besieged a mosque" (after 2016 ACLED's actor for the Houthis' forces).
@pytest.mark.parametrize("event_id,actor1", [
    ("IRQ20091", "Global Coalition Against Daesh"),
    ("YEM52043", "Military Forces of Yemen (2016-) Supreme Political Council"),
])
def test_english_names_of_registry_actors(event_id, actor1):
    events = events_of(event_id)
    assert actor1 in [e.actor1 for e in events], summary(events)


# --- a war told by its own words alone --------------------------------------------------------------------------

# "Amid regime shelling of the area, regime forces battled rebel forces in the Crash factory area of Damascus' Jobar":
# no place resolved and no name, but two phrases only Syria's registry has: its forces and its rebels.
def test_a_note_without_place_or_name_is_read_in_the_war_its_words_tell():
    events = events_of("SYR4254")
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Syria (2000-2024)", "Opposition Rebels (Syria)")], summary(events)


# --- a dispersed protest and the Israeli police ------------------------------------------------------------------

# "The police forces of DRC dispersed a protest", "a protest by Haredi Jews was dispersed by police in Bnei Brak":
# a protest (the noun) is what police disperse, and the police of Israel is ACLED's "Police Forces of Israel".
@pytest.mark.parametrize("event_id,police", [
    ("DRC11611", "Police Forces of the Democratic Republic of Congo (2001-2019)"),
    ("ISR1787", "Police Forces of Israel (2009-)"),
])
def test_a_protest_dispersed_by_police_is_a_protest_with_intervention(event_id, police):
    events = events_of(event_id)
    assert ("Protest with intervention", police) in {(e.sub_event_type, e.actor2) for e in events}, summary(events)


# --- a faction named by the operation it fights under -----------------------------------------------------------

# "opposition rebels, operating under OPS, looted", "clashes took place between opposition rebels under OPS and QSD",
# "JWS, which operates under OPS, targeted a group of QSD fighters": ACLED codes the factions by the operation.
@pytest.mark.parametrize("event_id", ["SYR78105", "SYR78566", "SYR78044"])
def test_a_faction_fighting_under_an_operation_is_coded_by_it(event_id):
    events = events_of(event_id)
    assert [e.actor1 for e in events] == ["Operation Peace Spring"], summary(events)


# "French Operation Barkhane forces conducted an airstrike in coordination with Nigerien forces ... and killed an
# unspecified number of suspected ISGS militants": the forces struck beside are no other side.
def test_a_party_named_as_an_ally_is_no_other_side():
    events = events_of("NIR1255")
    assert ("Military Forces of France (2017-)", "Islamic State (Greater Sahara)") in {
        (e.actor1, e.actor2) for e in events}, summary(events)
# --- an organised party named in a dated report makes its violence political ----------------------------------

# "On 13 March 2021, unidentified gunmen riding a motorcycle shot dead a QSD fighter in the town of Thiban", "On 4
# May 2020, pro-Hadi force reportedly thwarted a Houthi attack": the parse makes neither named party a side, but
# a report opening on the day it happened that names one is political violence.
@pytest.mark.parametrize("event_id,event_type", [("SYR88398", "Battles"), ("YEM52201", "Battles"),
                                                 ("DRC12838", "Violence against civilians")])
def test_a_party_named_in_a_dated_report_makes_its_violence_political(event_id, event_type):
    events = events_of(event_id)
    assert [e.event_type for e in events] == [event_type], summary(events)


# --- demonstrators, protesters and citizens who destroy are a crowd -----------------------------------------------

# "Demonstrators also torched an office belonging to al-Dawa party": demonstrators' violence is a violent
# demonstration; "citizens reportedly set fire to a police Jeep": a crowd's is mob violence.
@pytest.mark.parametrize("event_id,sub_event_type", [("IRQ22158", "Violent demonstration"),
                                                     ("DRC15878", "Mob violence")])
def test_demonstrators_or_citizens_who_destroy_riot(event_id, sub_event_type):
    events = events_of(event_id)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", sub_event_type)], summary(events)


# --- an organised party that does violence is no accident or sport ---------------------------------------------

# "unidentified gunmen killed 11 hunters in a forest", "unidentified cult militias stormed a football viewing
# centre ... and killed 2 people": hunters and football name who was hit and where, not a hunt or a match.
@pytest.mark.parametrize("event_id", ["NIG16746", "NIG16374"])
def test_armed_men_who_act_are_no_hunt_nor_sport(event_id):
    events = events_of(event_id)
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Nigeria)"], summary(events)


# --- livestock seized is looted ----------------------------------------------------------------------------------

# "suspected ISWAP or Boko Haram militants seized livestock in the village of Lari Kanouri", "unknown gunmen seized
# hundreds of ruminants in the village of Dan Toukouyou": goods taken are ACLED's looting, not ground nor weapons.
@pytest.mark.parametrize("event_id", ["NIR1088", "NIR1435"])
def test_livestock_seized_is_looting(event_id):
    events = events_of(event_id)
    assert [e.sub_event_type for e in events] == ["Looting/property destruction"], summary(events)


# --- a day written as a sentence of its own dates the report after it --------------------------------------------

# "20 January (on or around). The FARDC and Eco Guards clashed with the Kakule militia": no place the gazetteer knows,
# but the report is dated to the day by the sentence before it, so the clash is reported, not commentary.
def test_a_day_written_alone_before_a_report_dates_it():
    events = events_of("DRC13383")
    assert [(e.event_type, str(e.event_date)) for e in events] == [("Battles", "2019-01-20")], summary(events)


# --- a village the gazetteer holds without its province lies near the district written after it -----------------

# "kidnapped between 6 and 11 women in Manica (Macomia, Cabo Delgado)": the Manica spelt as written that lies by
# Macomia, though the gazetteer gives it no province, not Manica's provincial capital nor the district's centre.
def test_a_village_without_its_province_is_read_near_the_district_written():
    events = events_of("MZM1797")
    assert events and {(e.location, e.country) for e in events} == {("Manica", "Mozambique")}, summary(events)
    assert all(e.latitude > -13 for e in events), [(e.latitude, e.longitude) for e in events]


# --- what a crowd did to protest is the protest -------------------------------------------------------------------

# "students came out to protest in Rumaitha district", "drivers blocked the EN1 highway, in Inchope, to protest over
# the lack of security": the infinitive of purpose of an act told done is no intention but the protest itself.
@pytest.mark.parametrize("event_id", ["IRQ22427", "MZM1253"])
def test_an_act_done_to_protest_is_a_protest(event_id):
    events = events_of(event_id)
    assert [e.event_type for e in events] == ["Protests"], summary(events)


# --- a part of a month dates a report to ACLED's week precision --------------------------------------------------

# "In mid-October 2019 (coded as October 15 at time precision 2), suspected JNIM militants abducted a female
# student": a part of a month is no reminder told by its month alone; ACLED dates it to the 15th.
def test_a_part_of_a_month_dates_a_report():
    events = events_of("BFO2135")
    assert events and {str(e.event_date) for e in events} == {"2019-10-15"}, summary(events)


# --- groups that clashed fought -----------------------------------------------------------------------------------

# "Beni Amir and Nuba groups clashed at an unspecified location in Kassala state": two groups that clashed are
# political violence, as "clashes" already were, though the registry knows neither.
def test_groups_that_clashed_fought():
    events = events_of("SUD13906")
    assert [(e.event_type, e.location) for e in events] == [("Battles", "Kassala")], summary(events)


# --- a group named before a militia noun alone is ACLED's identity militia of that group -----------------------

# "A suspected Lendu militia attacked Musekere", "clashes between Kipsigis and Maasai militias": no kind word is
# written, and ACLED codes the people's ethnic militia (the first conjunct shares the second's noun).
@pytest.mark.parametrize("event_id,actor1,actor2", [
    ("DRC14280", "Lendu Ethnic Militia (Democratic Republic of Congo)",
     "Military Forces of the Democratic Republic of Congo (2019-)"),
    ("KEN5275", "Kipsigis Ethnic Militia (Kenya)", "Maasai Ethnic Militia (Kenya)"),
])
def test_a_group_before_a_militia_noun_alone_is_its_ethnic_militia(event_id, actor1, actor2):
    events = events_of(event_id)
    assert (actor1, actor2) in {(e.actor1, e.actor2) for e in events}, summary(events)


# --- fire across the Donbas contact line that no report lays to a side ------------------------------------------

# "the OSCE SMM observed a total of 56 projectiles/explosions ... in both directions of the frontline", "a total of
# 3 explosions involving unknown weapons near Berezove": the front's two sides clashed; fire is the state's (ACLED
# lays it to one side by where it was heard, which the text does not tell), never an unidentified armed group.
@pytest.mark.parametrize("event_id,expected", [
    ("UKR36600", ("Battles", "Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya")),
    ("UKR36516", ("Explosions/Remote violence", "Military Forces of Ukraine (2019-)", None)),
])
def test_unattributed_fire_on_the_donbas_front_is_between_its_sides(event_id, expected):
    events = events_of(event_id)
    assert [(e.event_type, e.actor1, e.actor2) for e in events] == [expected], summary(events)


# "the NAF rebel forces fired ... at the governmental positions near Orikhove": a side named keeps its place.
def test_a_side_named_on_the_front_keeps_its_role():
    events = events_of("UKR36817")
    assert [(e.actor1, e.actor2) for e in events] == [
        ("NAF: United Armed Forces of Novorossiya", "Military Forces of Ukraine (2019-)")], summary(events)


# --- Yemen: the STC's forces are ACLED's Security Belt Forces -------------------------------------------------

# "pro-STC forces, coded as Security Belt forces by default ..., reportedly ambushed pro-Hadi forces", "Security Belt
# Forces and unidentified tribesmen loyal to the STC reportedly attacked pro-Hadi forces".
@pytest.mark.parametrize("event_id", ["YEM52146", "YEM51956"])
def test_the_stcs_forces_are_the_security_belt_forces(event_id):
    events = events_of(event_id)
    assert ("Military Forces of Yemen (2012-) Security Belt Forces", "Military Forces of Yemen (2012-2022)") in {
        (e.actor1, e.actor2) for e in events}, summary(events)


# --- a party a trigger acts on does not do its sentence's other events -----------------------------------------

# "An unknown armed group targeted AMISOM forces using a RCIED": the bomb, which names no one, is not AMISOM's (the
# party named last before it), but the group's that targeted AMISOM with it.
def test_the_object_of_a_trigger_does_not_set_off_the_bomb_told_after_it():
    events = events_of("SOM30478")
    assert [(e.event_type, e.actor1, e.actor2) for e in events] == [
        ("Explosions/Remote violence", "Unidentified Armed Group (Somalia)",
         "AMISOM: African Union Mission in Somalia (2007-)")], summary(events)


# --- a global group's name names its branch in the event's country ----------------------------------------------

# "an unknown armed group believed to be IS opened fire on an Asayish checkpoint in Darnaj town in Deir-ez-Zor
# countryside": the Asayish makes the registry read IS as Iraq's, but the event is in Syria: IS there is ACLED's
# "Islamic State (Syria)", not the global group.
def test_is_in_syria_is_the_syrian_branch_whatever_the_registry_read_first():
    events = events_of("SYR81693")
    assert [e.actor1 for e in events] == ["Islamic State (Syria)"], summary(events)


# --- a theatre's own phrase and a name of several wars tell the war ----------------------------------------------

# "Regime forces advances and controlled al-Mazburah after clashes with Islamic State forces", "Clashes took place
# between regime forces and allied militias against Islamic State fighters in areas of the Jeb Shair-...
# mountains triangle": no place resolves, IS is in many files, but only Syria's has "regime forces".
@pytest.mark.parametrize("event_id", ["SYR3143", "SYR11620"])
def test_regime_forces_against_is_are_syrias_war(event_id):
    events = events_of(event_id)
    assert ("Military Forces of Syria (2000-2024)", "Islamic State (Syria)") in {
        (e.actor1, e.actor2) for e in events}, summary(events)


# --- factions said to operate as part of an operation are the operation's ---------------------------------------

# "Turkish and Syrian National Army forces that operate as part of Operation Peace Spring captured the village",
# "Ahrar al Sharqiyah forces operating as part of Operation Peace Spring clashed with QSD and YPG forces" (a faction
# the registry does not know): ACLED's "Operation Peace Spring".
@pytest.mark.parametrize("event_id", ["SYR68789", "SYR68604"])
def test_factions_operating_as_part_of_an_operation_are_the_operations(event_id):
    events = events_of(event_id)
    assert ("Operation Peace Spring", "QSD: Syrian Democratic Forces") in {(e.actor1, e.actor2) for e in events}, \
        summary(events)


# --- a crowd written with its nationality is of that country -----------------------------------------------------

# "Chadian students demonstrated in front of their embassy" (in Ouagadougou, which the note does not name),
# "Sudanese refugees at a refugee camp in Agadez protested ... and threw stones at humanitarian workers", "Kenyans in
# Namanga demonstrated against Tanzanian leader John Magufuli": ACLED's crowd of the demonym's country.
@pytest.mark.parametrize("event_id,crowd", [("BFO399", "Protesters (Chad)"), ("NIR813", "Rioters (Sudan)"),
                                            ("KEN5357", "Protesters (Kenya)")])
def test_a_crowd_written_with_its_nationality_is_of_that_country(event_id, crowd):
    events = events_of(event_id)
    assert crowd in [e.actor1 for e in events], summary(events)


# --- Turkey's earlier operations in Syria are ACLED actors like Operation Peace Spring ---------------------------

# "JSH Olive Branch forces took control of Bilan Koy village in northern Afrin ... following clashes with YPG
# fighters": ACLED's "Operation Olive Branch".
def test_olive_branch_forces_are_acleds_operation_olive_branch():
    events = events_of("SYR29619")
    assert ("Operation Olive Branch", "YPG: Peoples Protection Units") in {(e.actor1, e.actor2) for e in events}, \
        summary(events)


# --- state forces that protest are the crowd of a peaceful protest -----------------------------------------------

# "soldiers staged a demonstration at the military camp in Diafarabe", "Puntland Darawish forces protested in
# Turmasaale village ... due to unpaid salaries": no one met the protest, so the forces are no actor2 (ACLED codes
# none); 'Darawish' is another spelling of the Puntland Dervish Force.
@pytest.mark.parametrize("event_id,country", [("MLI3742", "Mali"), ("SOM55506", "Somalia")])
def test_state_forces_that_protest_are_no_side_of_their_peaceful_protest(event_id, country):
    events = events_of(event_id)
    assert (f"Protesters ({country})", None) in {(e.actor1, e.actor2) for e in events
                                                 if e.sub_event_type == "Peaceful protest"}, summary(events)


# --- the force that met a crowd is its demonstration's other side -----------------------------------------------

# "Police in Burkina Faso fired tear gas Saturday to disperse demonstrators protesting against the creation of a
# Senate": the crowd named after the police is the demonstration's actor1, and the police, not the crowd again, its
# actor2.
def test_the_force_that_dispersed_a_crowd_is_its_other_side():
    events = events_of("BFO353")
    assert [(e.actor1, e.actor2) for e in events] == [("Protesters (Burkina Faso)", "Police Forces of Burkina Faso")], \
        summary(events)


# --- an idiom says only what its own words are ---------------------------------------------------------------

# "hundreds took part in the protest following Friday prayers following the call to protests by Muqtada al-Sadr":
# "call to protests" is figurative for its own "protests", not for the protest the crowd took part in.
def test_an_idiom_further_off_leaves_the_trigger_literal():
    events = events_of("IRQ22033")
    assert [(e.event_type, e.actor1) for e in events] == [("Protests", "Protesters (Iraq)")], summary(events)


# --- a city's airport code or a romanisation of its name in another script is no name of it ----------------------

# "near Aru, unspecified number of youth demonstrated": DR Congo's Aru, not Brazil's Araçatuba (airport code ARU);
# "attacked ... Al-Souq checkpoint and the criminal security building in As-Sanamayn in the northern countryside of
# Dar'a": Al-Souq was Indonesia's Sorong by a romanisation of its name, which put the note in Indonesia.
@pytest.mark.parametrize("event_id,country,location", [("DRC15137", "Democratic Republic of the Congo", "Aru"),
                                                        ("SYR89617", "Syria", "As sanamayn")])
def test_a_code_or_a_romanisation_is_no_name_of_a_city_abroad(event_id, country, location):
    events = events_of(event_id)
    assert (country, location) in [(e.country, e.location) for e in events], summary(events)


# --- a name's own namesakes abroad do not outvote the parties and the areas of the note ---------------------------

# "FRPI looted Bavi village": DR Congo's Bavi, the country of the Ituri militia, not Vietnam's Ba Vì, which only the
# name's own candidates brought into view; "a village in Fudaylah district, Thi-Qar province": the Iraqi district,
# not a Yemeni Fuḑaylah.
@pytest.mark.parametrize("event_id,country,location", [("DRC13135", "Democratic Republic of the Congo", "Bavi"),
                                                        ("IRQ23598", "Iraq", "Nahiyah al Fudaylah")])
def test_a_names_own_namesakes_abroad_do_not_outvote_the_notes_parties_and_areas(event_id, country, location):
    events = events_of(event_id)
    assert (country, location) in [(e.country, e.location) for e in events], summary(events)


# --- a large town the model tags a person or a group, after a preposition of place, is a place -------------------

# "students in several schools of Bobo-Dioulasso" (tagged a person), "women on Moundou staged a protest" (tagged an
# organisation): each note's only place, once left unplaced.
@pytest.mark.parametrize("event_id,country,location", [("BFO235", "Burkina Faso", "Bobo-Dioulasso"),
                                                        ("CHA816", "Chad", "Moundou")])
def test_a_large_town_tagged_a_person_after_a_preposition_of_place_is_a_place(event_id, country, location):
    events = events_of(event_id)
    assert (country, location) in [(e.country, e.location) for e in events], summary(events)


# --- a place written near another is looked for around it ---------------------------------------------------------

# "in Sham Gare village near Bariirre village (Afgooye, Lower Shabelle)", "... near Awdheegle village (Afgooye, Lower
# Shabelle)": the gazetteer has no Sham Gare there (its near spelling Sagarey lies 330 km away), so the village is
# placed at Bariirre's point, in Afgooye district, as ACLED places it; "killed ... in Kodera Forest near Homa Bay
# (Homa Bay)": in Kenya, at Homa Bay, not the Nigerian Kodera.
@pytest.mark.parametrize("event_id,country,admin2", [("SOM51525", "Somalia", "Afgooye"),
                                                     ("SOM52677", "Somalia", "Afgooye"), ("KEN7438", "Kenya", None)])
def test_a_place_written_near_another_is_looked_for_around_it(event_id, country, admin2):
    events = events_of(event_id)
    assert [(e.country, e.admin2) for e in events] == [(country, admin2)], summary(events)


# --- a crowd that acts demonstrates ---------------------------------------------------------------------------

# "demonstrators demanded the dismissal of the governor ... in Basrah": no protest verb, but a crowd that acts is a
# demonstration (triggers.tsv needs=agent), where the sentence tells no other event.
# "hundreds of Kurdish protesters in Sulaymaniyah city denounced the Turkish airstrike ...": the airstrike they denounce
# is their grievance, no other event of the sentence, and the denouncing is told done.
@pytest.mark.parametrize("event_id,location", [("IRQ28313", "Basrah"), ("IRQ25222", "Sulaymaniyah")])
def test_a_crowd_that_acts_is_a_demonstration(event_id, location):
    events = events_of(event_id)
    assert [(e.event_type, e.actor1, e.location) for e in events] == [("Protests", "Protesters (Iraq)", location)], \
        summary(events)


# --- a recap cue inside a party's name dates nothing ---------------------------------------------------------

# "disabled soldiers from the Northeastern security forces (formerly SSC-Khaatumo) protested in Laascaanood town":
# "formerly" tells what the forces were called, not that the protest is history.
def test_a_recap_cue_on_a_partys_name_is_no_history():
    events = events_of("SOM54966")
    assert [(e.event_type, e.location) for e in events] == [("Protests", "Laascaanood")], summary(events)


# --- a participle told after the clause names who fired ------------------------------------------------------

# "a missile fell on Fadlan in Dujail ..., near Balad airbase, launched by an unknown armed group": the agent of the
# participle the parse hangs on "fell" fired the missile.
def test_a_detached_participles_agent_fired_the_missile():
    events = events_of("IRQ22916")
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Iraq)"], summary(events)


# --- the only event a text tells is what it reports -----------------------------------------------------------

# "28 Palestinian-owned olive trees were cut down in the village of Sawiyah. It is assumed that the attack was carried
# out by Israeli Settlers": "the attack", known and undated, is no recalled event where the note tells no other.
def test_a_known_event_a_note_tells_alone_is_its_event():
    events = events_of("PSE7128")
    assert [e.actor1 for e in events] == ["Settlers (Israel)"], summary(events)


# --- the force that met a crowd, told in the next sentence, is its other side --------------------------------

# "Resistance Committee members demonstrated against a rise in petrol prices in the Soba area of Khartoum. Police
# reportedly assaulted the demonstrators, and fired tear gas": the demonstration was met, by the police.
@pytest.mark.parametrize("event_id,force", [("SUD13884", "Police Forces of Sudan"),
                                            ("SUD13890", "Military Forces of Sudan")])
def test_the_force_that_met_a_crowd_in_the_next_sentence_is_its_other_side(event_id, force):
    events = events_of(event_id)
    assert any(e.event_type == "Protests" and (e.actor2 or "").startswith(force) for e in events), summary(events)


# --- what a crowd is against is no place ---------------------------------------------------------------------

# "hundreds of residents protested in Tayeeglow town (Tayeeglow, Bakool) against Israel's recognition of Somaliland":
# the protest is in Somalia, its grievance's country is no scene, and a peaceful protest hits no one (no actor2).
def test_what_a_crowd_is_against_is_no_place():
    events = events_of("SOM54894")
    assert [(e.event_type, e.country, e.actor1, e.actor2) for e in events] == [
        ("Protests", "Somalia", "Protesters (Somalia)", None)], summary(events)
