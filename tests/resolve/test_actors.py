"""Actor registry: finding actors in French wire copy, dates, theatres and claimant relations."""

from __future__ import annotations

import time
import timeit
from datetime import date

import pytest

from frontwatch.resolve.actors import ActorRegistry, fold

SYRIA_2024 = date(2024, 11, 29)


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load("fr")


def _ids(registry, text, **kwargs):
    return [m.actor_id for m in registry.find(text, **kwargs)]


# Every variant the seed articles use, as written there, in its sentence.
SEED_VARIANTS = [
    ("les combattants de Hay'et Tahrir al-Sham (HTS) et des groupes alliés", "Hay'et Tahrir al-Sham", "sy_hts"),
    ("les forces rebelles du groupe jihadiste Hayat Tahrir al-Sham (HTS)", "Hayat Tahrir al-Sham", "sy_hts"),
    ("Le groupe terroriste Hayat Tahrir-al-Sham (HTS) et les milices alliées", "Hayat Tahrir-al-Sham", "sy_hts"),
    ("au deuxième jour de l'offensive générale, les militants HTS (Hay’at Tahrir al-Sham)", "Hay’at Tahrir al-Sham", "sy_hts"),
    ("Les combats ont également coûté la vie à 44 membres du HTS et à 16 alliés.", "HTS", "sy_hts"),
    ("l'attaque de groupes armés contre l'armée syrienne dans le nord d'Alep", "armée syrienne", "sy_military"),
    ("Parmi les soldats syriens tués figurent 37 membres des forces du régime", "forces du régime", "sy_military"),
    ("Retraite des forces loyales au régime", "forces loyales au régime", "sy_military"),
    ("En apportant leur soutien à l’armée arabe syrienne, les forces aérospatiales russes", "armée arabe syrienne", "sy_military"),
    ("avec la capture de soldats de l’AAS (Armée Arabe Syrienne).", "AAS", "sy_military"),
    ("Les défenses de l’armée d’Assad se sont effondrée.", "armée d’Assad", "sy_military"),
    ("une opération militaire contre les forces du régime d’Assad", "forces du régime d’Assad", "sy_military"),
    ("plus de 50 éléments du régime, cinq chars", "éléments du régime", "sy_military"),
    ("En apportant leur soutien à l’armée arabe syrienne, les forces aérospatiales russes mènent", "forces aérospatiales russes", "ru_military"),
    ("Des avions de combat russes stationnés en Syrie ont mené des frappes", "avions de combat russes", "ru_military"),
    ("L'armée de l'air russe a mené des frappes et permis au régime de repousser", "armée de l'air russe", "ru_military"),
    ("l’intensification des frappes aériennes des forces aériennes russes et syriennes", "forces aériennes russes", "ru_military"),
    ("L'Observatoire britannique des droits de l'homme a rapporté que près de 100 combattants", "Observatoire britannique des droits de l'homme", "sy_sohr"),
    ("Selon l’Observatoire syrien des droits de l’homme (OSDH), HTS et ses factions alliées", "Observatoire syrien des droits de l’homme", "sy_sohr"),
    ("Plus tard dans la journée, l’OSDH a aussi signalé que l’aéroport d’Alep", "OSDH", "sy_sohr"),
    ("a déclaré le porte-parole du corps expéditionnaire de Moscou.", "corps expéditionnaire de Moscou", "ru_mod"),
    ("le colonel Oleg Ignatnouk, chef adjoint du Centre russe de réconciliation pour la Syrie", "Centre russe de réconciliation", "ru_mod"),
    ("Le ministère russe de la Défense a également déclaré que des groupes d'opposition", "ministère russe de la Défense", "ru_mod"),
    ("Plus tard dans la journée, le ministère turc de la a annoncé que deux soldats turcs", "ministère turc", "tr_mod"),
    ("deux soldats turcs avaient été tués lors d'une frappe aérienne à Idlib", "soldats turcs", "tr_military"),
    ("Les forces turques et des groupes modérés lancent une opération", "forces turques", "tr_military"),
    ("cette offensive a été validé par l’armée Turque, qui est présente à Idlib", "armée Turque", "tr_military"),
    ("Les rebelles pro-Turques, présents un peu plus haut autour d’Afrin", "rebelles pro-Turques", "sy_sna"),
    ("le long de la frontière Turque (SNA) se prépareraient à bouger", "SNA", "sy_sna"),
    ("des soldats turcs et des groupes d’opposition modérés ont lancé jeudi", "groupes d’opposition modérés", "sy_opposition"),
    ("contre l’équipement et le personnel des groupes armés illégaux", "groupes armés illégaux", "sy_opposition"),
    ("HTS et ses factions alliées ont réussi à prendre le contrôle", "factions alliées", "sy_opposition"),
    ("la mort du brigadier général Haj Hashem des gardiens de la révolution Iraniens.", "gardiens de la révolution Iraniens", "ir_irgc"),
    ("où le Hezbollah soutenu par l'Iran est fortement présent", "Hezbollah", "lb_hezbollah"),
    ("ses forces se composent aussi de rebelles des SDF", "SDF", "sy_sdf"),
    ("à al-Nosra, à l’État islamique (EI, anciennement ISIS)", "État islamique", "sy_is"),
    ("faisant des victimes civiles, dont des enfants.", "enfants", "sy_civilians"),
    ("Le directeur des communications de la Turquie, Fahrettin Altun, a déclaré", "directeur des communications de la Turquie", "tr_communications"),
]


@pytest.mark.parametrize("sentence, words, actor_id", SEED_VARIANTS)
def test_actors_find_seed_variants(registry, sentence, words, actor_id):
    # A Syrian anchor, as the seed articles always have one, lets descriptive phrases count.
    text = f"Alep : HTS contre l'armée syrienne. {sentence}"
    matches = {m.text: m for m in registry.find(text, on_date=SYRIA_2024)}
    assert words in matches, sorted(matches)
    assert matches[words].actor_id == actor_id
    match = matches[words]
    assert text[match.start : match.end] == words


OTHER_THEATRES = [
    # Ukraine
    ("Les forces russes ont lancé dans la nuit 80 drones sur l'Ukraine, a indiqué l'armée de l'air ukrainienne.", {"forces russes": "ru_military", "armée de l'air ukrainienne": "ua_military"}),
    ("Selon l'état-major ukrainien, l'armée russe a perdu 1.200 soldats en 24 heures.", {"état-major ukrainien": "ua_general_staff", "armée russe": "ru_military"}),
    ("Le ministère russe de la Défense a affirmé avoir abattu 41 drones ukrainiens au-dessus de la région de Belgorod.", {"ministère russe de la Défense": "ru_mod", "drones ukrainiens": "ua_military"}),
    ("Des soldats nord-coréens combattent aux côtés des troupes russes dans la région de Koursk, selon Kiev.", {"soldats nord-coréens": "kp_military", "troupes russes": "ru_military"}),
    ("Deux civils ont été tués à Kharkiv par une frappe russe, a annoncé le parquet ukrainien.", {"civils": "ua_civilians", "parquet ukrainien": "ua_prosecutor"}),
    # Sahel
    ("Les FAMa et leurs partenaires russes ont neutralisé une dizaine de terroristes près de Tessalit, selon l'état-major général des armées.", {"FAMa": "ml_military", "partenaires russes": "ru_wagner", "terroristes": "ml_unidentified", "état-major général des armées": "ml_army_staff"}),
    ("Le JNIM a revendiqué l'attaque contre un camp de l'armée burkinabè à Djibo.", {"JNIM": "sahel_jnim", "armée burkinabè": "bf_military"}),
    ("Des hommes armés ont tué une vingtaine de villageois et deux VDP dans la province du Soum.", {"hommes armés": "bf_unidentified", "villageois": "bf_civilians", "VDP": "bf_vdp"}),
    ("L'État islamique au Sahel (EI-Sahel) a attaqué une position des Forces armées nigériennes près de Tillabéri.", {"État islamique au Sahel": "sahel_is", "EI-Sahel": "sahel_is", "Forces armées nigériennes": "ne_military"}),
    ("Les rebelles du Front de libération de l'Azawad ont affirmé avoir abattu un drone des FAMa.", {"rebelles": "ml_fla", "Front de libération de l'Azawad": "ml_fla", "FAMa": "ml_military"}),
    # Sudan
    ("Les Forces de soutien rapide (FSR) ont pris le contrôle d'El-Facher, a affirmé le Réseau des médecins soudanais.", {"Forces de soutien rapide": "sd_rsf", "FSR": "sd_rsf", "Réseau des médecins soudanais": "sd_doctors_network"}),
    ("L'armée soudanaise a mené des frappes aériennes sur Nyala, tuant au moins 30 civils, selon des comités de résistance.", {"armée soudanaise": "sd_military", "civils": "sd_civilians", "comités de résistance": "sd_resistance_committees"}),
    ("Les paramilitaires des FSR ont bombardé un camp de déplacés au Darfour, selon les salles d'intervention d'urgence.", {"paramilitaires des FSR": "sd_rsf", "déplacés": "sd_civilians", "salles d'intervention d'urgence": "sd_err"}),
    # Gaza
    ("Au moins 45 Palestiniens ont été tués dans des frappes, selon le ministère de la Santé du Hamas.", {"Palestiniens": "ps_civilians", "ministère de la Santé du Hamas": "ps_moh"}),
    ("Tsahal a affirmé avoir éliminé un commandant des Brigades Ezzedine al-Qassam, la branche armée du mouvement.", {"Tsahal": "il_military", "Brigades Ezzedine al-Qassam": "ps_qassam"}),
    ("Le Jihad islamique a revendiqué des tirs de roquettes ; la Défense civile de Gaza a retiré 12 corps des décombres.", {"Jihad islamique": "ps_pij", "Défense civile de Gaza": "ps_civil_defence"}),
    ("Les rebelles houthis du Yémen ont tiré un missile vers Israël, selon l'armée israélienne.", {"rebelles houthis": "ye_houthis", "armée israélienne": "il_military"}),
]


@pytest.mark.parametrize("sentence, expected", OTHER_THEATRES)
def test_actors_find_other_theatres(registry, sentence, expected):
    found = {m.text: m.actor_id for m in registry.find(sentence, on_date=date(2025, 3, 1))}
    for words, actor_id in expected.items():
        assert found.get(words) == actor_id, (words, found)


@pytest.mark.parametrize(
    "text, words",
    [
        ("Les forces d'HTS ont avancé.", "HTS"),
        ("Les soldats de l'armée syrienne se sont retirés.", "armée syrienne"),
        ("Les combattants d’Hayat Tahrir al-Sham sont entrés dans Alep.", "Hayat Tahrir al-Sham"),
        ("ARMEE ARABE SYRIENNE : les renforts arrivent", "ARMEE ARABE SYRIENNE"),
        ("Les combattants de Hayat Tahrir al Sham sont entrés.", "Hayat Tahrir al Sham"),
        ("l'Etat islamique a revendiqué l'attentat", "Etat islamique"),
        ("Les forces\ndu régime ont reculé face à HTS", "forces\ndu régime"),
    ],
)
def test_actors_find_is_insensitive_to_case_accents_apostrophes_and_elision(registry, text, words):
    matches = [m for m in registry.find(text, on_date=SYRIA_2024) if m.text == words]
    assert matches, [m.text for m in registry.find(text)]
    assert text[matches[0].start : matches[0].end] == words


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Le conflit dure depuis quatre ans, selon HTS.", "sy_sna"),  # "ans" is not the acronym ANS
        ("Un fan de football a été blessé à Niamey.", "ne_military"),  # "fan" is not FAN
        ("Il a rejoint l'armée. Syrienne de naissance, elle a quitté HTS.", "sy_military"),  # no alias across a full stop
        ("Le monde entier regarde Alep.", "media_lemonde"),  # an outlet's name keeps its capitals
    ],
)
def test_actors_find_ignores_lookalikes(registry, text, absent):
    assert absent not in _ids(registry, text)


def test_actors_find_prefers_longest_alias(registry):
    matches = registry.find("Le Centre russe de réconciliation pour la Syrie et l'Armée syrienne libre.")
    assert [(m.text, m.actor_id) for m in matches] == [
        ("Centre russe de réconciliation", "ru_mod"),
        ("Armée syrienne libre", "sy_opposition"),
    ]


@pytest.mark.parametrize(
    "text, words, on_date, actor_id, historical, valid",
    [
        ("Avant 2017, le HTS était connu sous le nom de Jabhat al-Nusra.", "Jabhat al-Nusra", date(2024, 11, 29), "sy_hts", True, False),
        ("Avant 2017, le HTS était connu sous le nom de Jabhat al-Nusra.", "HTS", date(2024, 11, 29), "sy_hts", False, True),
        ("Le Front al-Nosra a pris Idlib, selon l'OSDH.", "Front al-Nosra", date(2015, 3, 28), "sy_hts", False, True),
        ("La Turquie a classé l'EIGS comme organisation terroriste, selon les FAMa.", "EIGS", date(2024, 5, 1), "sahel_is", True, False),
        ("L'EIGS a attaqué Ménaka, selon les FAMa.", "EIGS", date(2020, 1, 9), "sahel_is", False, True),
        ("Le FLA a abattu un drone des FAMa.", "FLA", date(2023, 5, 1), "ml_fla", False, False),
        ("La force Barkhane a neutralisé un chef du JNIM.", "force Barkhane", date(2021, 6, 1), "fr_military", False, True),
    ],
)
def test_actors_find_marks_alias_validity(registry, text, words, on_date, actor_id, historical, valid):
    match = next(m for m in registry.find(text, on_date=on_date) if m.text == words)
    assert (match.actor_id, match.historical, match.valid) == (actor_id, historical, valid)


@pytest.mark.parametrize(
    "on_date, actor_id",
    [
        (date(2024, 11, 28), "sy_military"),
        (date(2025, 3, 7), "sy_military_2024"),
        (None, "sy_military"),  # without a date, the first listed period
    ],
)
def test_actors_find_picks_the_period_of_the_date(registry, on_date, actor_id):
    match = next(m for m in registry.find("L'armée syrienne a repris Hama.", on_date=on_date) if m.text == "armée syrienne")
    assert match.actor_id == actor_id
    assert set(match.alternatives) == {"sy_military", "sy_military_2024"} - {actor_id}


@pytest.mark.parametrize(
    "text, words, actor_id",
    [
        ("Selon l'OSDH, 28 civils ont été tués à Alep.", "civils", "sy_civilians"),
        ("Selon Kiev, des civils ont été tués par les forces russes à Kherson, a dit l'état-major ukrainien.", "civils", "ua_civilians"),
        ("Des civils ont été tués, selon les FSR.", "civils", "sd_civilians"),
        ("Des civils ont été tués dans le nord de la Colombie.", "civils", "civilians"),
        ("L'EI a revendiqué l'attaque en Afghanistan.", "EI", "is_central"),
        ("Les FAMa accusent l'EI d'avoir tué des civils.", "EI", "sahel_is"),
        ("RSF dénonce la mort d'un journaliste à Paris.", "RSF", "rsf_ngo"),
        ("Les FSR, aussi appelées RSF, ont pris Wad Madani selon l'armée soudanaise.", "RSF", "sd_rsf"),
    ],
)
def test_actors_find_resolves_shared_words_by_theatre(registry, text, words, actor_id):
    match = next(m for m in registry.find(text) if m.text == words)
    assert match.actor_id == actor_id


@pytest.mark.parametrize(
    "text",
    [
        "Les rebelles ont pris la ville, selon l'armée colombienne.",
        "Les paramilitaires ont attaqué un village de la région.",
        "Des hommes armés ont enlevé 30 élèves dans l'État de Kaduna, selon HTS.",
    ],
)
def test_actors_find_drops_descriptive_phrases_of_other_theatres(registry, text):
    assert [m.text for m in registry.find(text) if m.specificity == "descriptive" and m.theatre != "global"] == []


def test_actors_find_uses_the_theatre_given(registry):
    text = "Les rebelles ont pris la ville."
    assert _ids(registry, text) == []
    assert _ids(registry, text, theatre="syria") == ["sy_opposition"]
    assert _ids(registry, text, theatre="sahel") == ["ml_fla"]


@pytest.mark.parametrize(
    "text, theatre",
    [
        # two phrases only Syria's file has: its war
        ("Les forces du régime ont pilonné les positions des rebelles syriens.", "syria"),
        # one phrase alone, and a word several actors share, tell no war
        ("Les rebelles syriens ont pris la ville.", None),
        ("Les forces gouvernementales ont pris la ville.", None),
        # a name tells the war, not this
        ("Les forces du régime ont pilonné les positions du HTS et des rebelles syriens.", None),
        # a group's name of several wars, one of them Syria's, is the second phrase; alone it tells none
        ("Les forces du régime ont avancé après des combats avec l'État islamique.", "syria"),
        ("L'État islamique a attaqué la ville.", None),
    ],
)
def test_actors_descriptive_theatre(registry, text, theatre):
    found = registry.descriptive_theatre(text) if registry.guess_theatre(text) is None else None
    assert found == theatre


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("44 membres du HTS", "HTS: Hayat Tahrir al Sham"),
        ("le porte-parole du corps expéditionnaire de Moscou", "Ministry of Defence of Russia"),
        ("le ministère turc de la", "Ministry of National Defence of Turkey"),
        ("l'Observatoire britannique des droits de l'homme", "Syrian Observatory for Human Rights"),
        ("un porte-parole de l'armée syrienne", "Military Forces of Syria (2000-2024)"),
        ("l'agence officielle Sana", "Syrian Arab News Agency"),
        ("l'agence de presse turque Anadolu", "Anadolu"),
        ("la chaîne Al Jazeera", "Al Jazeera"),
        ("les Forces armées maliennes (FAMa)", "Military Forces of Mali (2021-)"),
    ],
)
def test_actors_resolve_phrase(registry, phrase, name):
    actor = registry.resolve(phrase, on_date=SYRIA_2024)
    assert actor is not None and actor.name == name


@pytest.mark.parametrize(
    "phrase",
    ["", "le Front Polisario", "les combattants des FARC", "la police municipale de Lyon", "les forces"],
)
def test_actors_resolve_unknown_is_none(registry, phrase):
    assert registry.resolve(phrase) is None


def test_actors_get_returns_actor_or_none(registry):
    actor = registry.get("sy_hts")
    assert (actor.name, actor.inter, actor.country, actor.kind) == ("HTS: Hayat Tahrir al Sham", 2, "SY", "rebel")
    assert registry.get("no_such_actor") is None


@pytest.mark.parametrize(
    "claimant, counted, theatre, relation",
    [
        ("ru_mod", "sy_hts", None, "enemy"),
        ("ru_mod", "sy_opposition", "syria", "enemy"),
        ("ru_mod", "sy_military", "syria", "own_side"),
        ("ru_mod", "ru_military", None, "own_side"),
        ("sy_sohr", "sy_hts", None, "neutral_monitor"),
        ("sy_sohr", "sy_military", None, "neutral_monitor"),
        ("un_ocha", "sd_rsf", None, "neutral_monitor"),
        ("tr_mod", "tr_military", None, "own_side"),
        ("tr_mod", "sy_military", None, "enemy"),
        ("sy_army_command", "sy_military", None, "own_side"),
        ("sy_hts", "sy_hts", None, "own_side"),
        ("sy_hts", "sy_opposition", None, "own_side"),
        ("sy_hts", "sy_military", None, "enemy"),
        ("ua_general_staff", "ru_military", "ukraine", "enemy"),
        ("ua_general_staff", "ua_military", None, "own_side"),
        ("ru_military", "ua_military", "syria", "unknown"),  # adversaries only where the file says so
        ("ps_moh", "ps_qassam", None, "own_side"),
        ("ps_moh", "il_military", None, "enemy"),
        ("sd_military", "sd_rsf", None, "enemy"),
        ("ml_army_staff", "sahel_jnim", None, "enemy"),
        ("media_aljazeera", "sy_hts", None, "outlet"),
        ("ru_mod", "sy_civilians", None, "unknown"),
        ("ru_mod", "no_such_actor", None, "unknown"),
        ("ru_mod", None, None, "unknown"),
        ("sy_sohr", None, None, "neutral_monitor"),  # a monitor stays one when the counted group is unknown
        ("media_afp", None, None, "outlet"),
        (None, "sy_hts", None, "unknown"),
    ],
)
def test_actors_relation_rules(registry, claimant, counted, theatre, relation):
    assert registry.relation(claimant, counted, theatre=theatre) == relation


@pytest.mark.parametrize(
    "claimant, counted, theatre, on_date, relation",
    [
        ("sy_sana", "sy_hts", None, date(2024, 11, 29), "enemy"),  # state media stand with their state's forces
        ("media_rt", "sy_hts", None, date(2024, 11, 29), "enemy"),  # RT, from the publisher registry
        ("media_rt", "ua_military", "ukraine", date(2025, 2, 1), "enemy"),
        ("media_rt", "ru_military", None, None, "own_side"),
        ("media_afp", "ru_military", None, None, "outlet"),
        ("sy_mod", "sy_is", None, date(2025, 3, 1), "enemy"),  # the ministry of the new authorities
    ],
)
def test_actors_relation_of_state_bodies_follows_their_state(registry, claimant, counted, theatre, on_date, relation):
    assert registry.relation(claimant, counted, theatre=theatre, on_date=on_date) == relation


def test_actors_inter_for_state_forces_abroad(registry):
    assert registry.inter_for("ru_military", "SY") == 8
    assert registry.inter_for("ru_military", "RU") == 1
    assert registry.inter_for("sy_hts", "SY") == 2
    assert registry.inter_for("no_such_actor", "SY") is None


def test_actors_guess_theatre(registry, seed_paths):
    for path in seed_paths:
        assert registry.guess_theatre(path.read_text(encoding="utf-8")) == "syria", path.name
    assert registry.guess_theatre("Les FAMa ont repoussé une attaque du JNIM près de Boulkessi.") == "sahel"
    assert registry.guess_theatre("Il pleut sur Brest.") is None
    assert registry.theatres_for_country("ML") == ["sahel"]


def test_actors_find_offsets_on_seeds(registry, seed_paths):
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        matches = registry.find(text)
        assert matches, path.name
        for match in matches:
            assert text[match.start : match.end] == match.text
            assert fold(match.text) in {fold(a.text) for a in registry.get(match.actor_id).aliases}
        assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))


def test_actors_find_is_fast(registry, seed_paths):
    text = "\n".join(p.read_text(encoding="utf-8") for p in seed_paths)[:4000]
    registry.find(text)
    # CPU time, best of nine: other processes on a shared machine must not fail the test.
    runs = timeit.repeat(lambda: registry.find(text, on_date=SYRIA_2024), number=20, repeat=9, timer=time.process_time)
    best = min(runs) / 20
    assert best < 0.002, f"{best * 1000:.2f} ms for 4,000 characters"


def test_actors_load_is_cached_and_language_scoped():
    assert ActorRegistry.load("fr") is ActorRegistry.load("fr")
    english = ActorRegistry.load("en", include_publishers=False)
    assert english.resolve("the Syrian Observatory for Human Rights").id == "sy_sohr"
    assert english.resolve("l'Observatoire syrien des droits de l'homme") is None
    assert ActorRegistry.load("fr").resolve("Syrian Arab Army") is None  # English aliases are not French ones


@pytest.mark.parametrize(
    "text, on_date, words, name",
    [
        ("a indiqué le gouverneur de la région de Donetsk, Vadym Filachkine.", date(2024, 8, 29),
         "gouverneur de la région de Donetsk", "Donetsk Regional Military Administration"),
        ("a déclaré sur Telegram le gouverneur de la région, Oleh Synehoubov.", date(2024, 5, 14),
         "Oleh Synehoubov", "Kharkiv Regional Military Administration"),
        ("a rapporté le Syndicat des médecins du Soudan.", date(2024, 9, 27),
         "Syndicat des médecins du Soudan", "Sudan Doctors Union"),
        ("selon le Comité central des médecins soudanais.", date(2024, 9, 27),
         "Comité central des médecins soudanais", "Central Committee of Sudan Doctors"),
        ("selon le ministère de la Santé du Hamas.", date(2024, 10, 22),
         "ministère de la Santé du Hamas", "Ministry of Health of Gaza"),
        ("Vingt soldats nigériens ont été tués, a annoncé le ministère de la Défense.", date(2024, 3, 21),
         "ministère de la Défense", "Ministry of Defence of Niger"),
        ("Dix soldats maliens ont été tués, a annoncé le ministère de la Défense.", date(2024, 6, 12),
         "ministère de la Défense", "Ministry of Defence of Mali"),
    ],
)
def test_actors_find_claimants_of_other_theatres(registry, text, on_date, words, name):
    found = {(m.text, m.name) for m in registry.find(text, on_date=on_date)}
    assert (words, name) in found


@pytest.mark.parametrize(
    "claimant, counted, relation",
    [
        ("ru_mod", "sy_hts", "enemy"),
        ("ne_mod", "ne_military", "own_side"),
        ("sd_doctors_union", None, "neutral_monitor"),
        ("ua_donetsk_rma", "ua_military", "own_side"),
    ],
)
def test_actors_relation_of_claimants(registry, claimant, counted, relation):
    assert registry.relation(claimant, counted) == relation


@pytest.mark.parametrize(
    "country, kind, on_date, name",
    [
        ("RU", "state_forces", date(2024, 5, 14), "Military Forces of Russia (2000-)"),
        ("US", "state_forces", date(2024, 3, 11), "Military Forces of the United States (2021-2025)"),
        ("US", "state_forces", date(2025, 3, 1), "Military Forces of the United States (2025-)"),
        ("US", "state_forces", date(2016, 6, 12), "Military Forces of the United States (2009-2017)"),
        # before any registered period: the nearest one, not the latest
        ("US", "state_forces", date(2005, 6, 1), "Military Forces of the United States (2009-2017)"),
        ("PS", "civilians", date(2024, 8, 6), "Civilians (Palestine)"),
        # the territories have no army: a theatre's forces say whose soldiers act there (gaza.toml)
        ("PS", "state_forces", date(2020, 6, 21), "Military Forces of Israel (1948-)"),
        ("SO", "state_forces", date(2024, 2, 22), "Military Forces of Somalia (2022-)"),
        ("MM", "civilians", date(2024, 12, 21), "Civilians (Myanmar)"),
    ],
)
def test_actors_of_country_picks_the_period_of_the_date(registry, country, kind, on_date, name):
    actor = registry.of_country(country, kind, on_date)
    assert actor is not None and actor.name == name


def test_actors_name_out_of_every_period_takes_the_nearest(registry):
    """A force named on a date none of its periods covers is the period nearest the date (a 2005 report of
    "forces américaines" is not the force of 2025)."""
    match = registry.resolve_match("les forces américaines", date(2005, 6, 1), theatre="yemen")
    assert match is not None and not match.valid and match.name == "Military Forces of the United States (2009-2017)"


def test_a_theatre_front_holds_its_two_sides_until_it_ended(registry):
    """The Donbas contact line (ukraine.toml's front) runs between Ukraine's forces and the NAF until the 2022
    invasion; no theatre declares a front in Syria."""
    front = registry.front("UA", date(2020, 5, 1))
    assert front is not None and [a.name for a in front] == [
        "Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya"]
    assert registry.front("UA", date(2023, 5, 1)) is None
    assert registry.front("SY", date(2020, 5, 1)) is None


def test_actors_of_country_unknown_is_none(registry):
    assert registry.of_country("IS", "state_forces", date(2024, 1, 1)) is None


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("l'Armée d'Arakan", "AA: Arakan Army"),
        ("les rebelles du M23", "M23: March 23 Movement"),
        ("les islamistes shebab", "Al Shabaab"),
        ("les rebelles houthis", "Houthi Movement"),
    ],
)
def test_actors_new_theatres_resolve(registry, phrase, name):
    actor = registry.resolve(phrase, on_date=date(2024, 6, 1))
    assert actor is not None and actor.name == name


@pytest.mark.parametrize(
    "generic, places, expected",
    [
        ("ua_regional_admin", ["Kharkiv", None], "ua_kharkiv_rma"),  # "les autorités régionales" of a Kharkiv strike
        ("ua_regional_admin", ["Bilozerka", "Kherson"], "ua_kherson_rma"),  # a village, its region named
        ("ua_regional_admin", ["Kramatorsk", "Donetsk"], "ua_donetsk_rma"),
        ("ua_regional_admin", ["Lviv"], None),  # no sub-body listed for the place: stays generic
        ("ua_regional_admin", [], None),
        ("ua_kharkiv_rma", ["Kharkiv"], None),  # a body without sub-bodies is not narrowed
    ],
)
def test_actors_narrow_to_place_picks_the_regional_body(registry, generic, places, expected):
    actor = registry.narrow_to_place(generic, places, on_date=date(2024, 6, 1))
    assert (actor.id if actor else None) == expected


# An armed group acts in every country of the theatre it was named in, a state's forces in their own country: which
# countries a text about JNIM may place its events in ("the area of Mansila", Burkina Faso).
@pytest.mark.parametrize("text,actor_id,countries", [
    ("Le JNIM a revendiqué l'attaque.", "sahel_jnim", ("ML", "BF", "NE")),
    ("L'armée malienne a riposté.", "ml_military", ("ML",)),
])
def test_countries_of_an_actor(registry, text, actor_id, countries):
    (match,) = [m for m in registry.find(text) if m.actor_id == actor_id]
    assert registry.countries_of(match) == countries


def test_an_alias_ending_on_a_common_noun_names_its_plural_too():
    from frontwatch.resolve.alias_index import AliasIndex

    index = AliasIndex()
    index.add("Fulani militia", "fulani")
    index.add("HTS", "hts")
    assert [s.text for s in index.scan("Fulani militias burned houses, then the Fulani militia left.")] == [
        "Fulani militias", "Fulani militia"]
    assert index.scan("The HTSs") == []  # an acronym alone is no common noun
