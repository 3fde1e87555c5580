"""Figures: value, qualifier, kind, counted subject and breakdowns, on the seeds and on written wire copy."""

from __future__ import annotations

import pytest

from frontwatch.extract.quantities import Figure, find_figures
from frontwatch.extract.sentences import split_sentences
from frontwatch.nlp.model import load_nlp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("fr")


@pytest.fixture(scope="module")
def seed_figures(seeds_dir, nlp):
    """Each seed's text and figures, keyed by the seed's id prefix ("000")."""
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = [(s.start, s.end) for s in split_sentences(text)]
        out[path.name[:3]] = (text, find_figures(text, sentences, doc=nlp(text)))
    return out


def figures_of(text: str, nlp) -> list[Figure]:
    sentences = [(s.start, s.end) for s in split_sentences(text)]
    return find_figures(text, sentences, doc=nlp(text))


def figure_at(text: str, figures: list[Figure], anchor: str) -> Figure:
    start = text.index(anchor)
    found = [f for f in figures if f.start == start]
    assert found, f"no figure at {anchor!r}; figures: {[(f.text, f.start) for f in figures]}"
    return found[0]


# (seed, anchor where the figure starts, value, qualifier, kind, subject_text, subject_class, vague)
SEED_FIGURES = [
    ("000", "des dizaines de soldats\n", 10, "at_least", "killed", "soldats", "soldiers", True),
    ("000", "Des dizaines de morts", 10, "at_least", "killed", "morts", "people", True),
    ("000", "Des dizaines de soldats et de rebelles", 10, "at_least", "killed", "soldats et de rebelles", "soldiers", True),
    ("000", "10 zones", 10, "at_least", None, "zones", "places", False),
    ("000", "100 combattants", 100, "about", "killed", "combattants et soldats", "fighters", False),
    ("000", "44 membres", 44, "exact", "killed", "membres du HTS", "members", False),
    ("000", "16 alliés", 16, "exact", "killed", "alliés", "allies", False),
    ("000", "37 membres", 37, "exact", "killed", "membres des forces du régime", "members", False),
    ("000", "quatre officiers", 4, "at_least", "killed", "officiers", "officers", False),
    ("000", "Cinq autres soldats", 5, "exact", "captured", "soldats", "soldiers", False),
    ("000", "des centaines d’obus", 100, "at_least", None, "obus et de roquettes", "munitions", True),
    ("000", "dizaines de combattants", 10, "at_least", "killed", "combattants", "fighters", True),
    ("000", "centaines de familles", 100, "at_least", "displaced", "familles", "families", True),
    ("001", "16 morts", 16, "at_least", "killed", "morts", "people", False),
    ("001", "20 blessés", 20, "exact", "wounded", "blessés", "people", False),
    ("001", "un général iranien", 1, "exact", "killed", "général iranien", "officers", False),
    ("001", "311 morts", 311, "exact", "killed", "morts", "people", False),
    ("001", "183 combattants", 183, "exact", "killed", "combattants du HTS", "fighters", False),
    ("001", "100 soldats", 100, "exact", "killed", "soldats", "soldiers", False),
    ("001", "28 civils", 28, "exact", "killed", "civils", "civilians", False),
    ("002", "200 militants", 200, "at_least", "killed", "militants", "militants", False),
    ("002", "400 autres militants", 400, "exact", "killed", "militants", "militants", False),
    ("002", "400 kilomètres carrés", 400, "about", "territory_km2", None, "territory", False),
    ("003", "295km2", 295, "exact", "territory_km2", None, "territory", False),
    ("003", "Plusieurs russes", 2, "at_least", "killed", "russes", "people", True),
    ("004", "un char et", 1, "exact", "equipment_destroyed", "char", "tanks", False),
    ("004", "un véhicule blindé appartenant", 1, "exact", "equipment_destroyed", "véhicule blindé", "armoured_vehicles", False),
    ("004", "Un char du régime", 1, "exact", "equipment_captured", "char du régime", "tanks", False),
    ("004", "deux soldats turcs", 2, "exact", "killed", "soldats turcs", "soldiers", False),
    ("004", "cinq autres avaient", 5, "exact", "wounded", "soldats turcs", "soldiers", False),
    ("004", "50 éléments", 50, "more_than", "killed", "éléments du régime", "members", False),
    ("004", "cinq chars", 5, "exact", "equipment_destroyed", "chars", "tanks", False),
    ("004", "deux véhicules blindés, deux", 2, "exact", "equipment_destroyed", "véhicules blindés", "armoured_vehicles", False),
    ("004", "un obusier", 1, "exact", "equipment_destroyed", "obusier", "artillery", False),
    ("004", "1.800 civils", 1800, "more_than", "killed", "civils", "civilians", False),
    ("004", "12 points d’observation", 12, "exact", None, "points d’observation turcs", "places", False),
    ("004", "12 soldats turcs", 12, "exact", "killed", "soldats turcs", "soldiers", False),
    ("004", "1,7 million", 1_700_000, "more_than", "displaced", "civils", "civilians", False),
    ("004", "3,7 millions", 3_700_000, "more_than", None, "Syriens", "people", False),
]


@pytest.mark.parametrize("seed,anchor,value,qualifier,kind,subject,subject_class,vague", SEED_FIGURES)
def test_quantities_seed_figure_read_as_an_analyst_would(
    seed_figures, seed, anchor, value, qualifier, kind, subject, subject_class, vague
):
    text, figures = seed_figures[seed]
    figure = figure_at(text, figures, anchor)
    assert (figure.value, figure.qualifier, figure.kind) == (value, qualifier, kind)
    assert (figure.subject_text, figure.subject_class, figure.vague) == (subject, subject_class, vague)
    assert text[figure.start:figure.end] == figure.text
    if subject is not None and figure.subject_start > figure.start:
        assert text[figure.subject_start:figure.subject_end] == subject


@pytest.mark.parametrize(
    "seed,anchor",
    [
        ("000", "10 kilomètres"),  # a distance
        ("001", "2016"),  # a year
        ("001", "2011"),
        ("001", "21h13"),  # a time
        ("001", "100 kilomètres"),
        ("001", "trois jours"),  # a duration
        ("002", "2020"),
        ("002", "24 heures"),
        ("002", "cinq ans"),
        ("003", "2 de l’offensive"),  # "Jour 2": a label
        ("003", "12km"),
        ("003", "2km"),
        ("003", "4 ans"),
        ("004", "4, est situé"),  # road M4
        ("004", "10 kilomètres"),
        ("004", "6 kilomètres"),
        ("004", "3 février"),  # a date
        ("004", "12 janvier"),
        ("004", "2018"),
        ("004", "11\n"),  # a comment counter alone on its line
    ],
)
def test_quantities_seed_non_figures_are_not_read(seed_figures, seed, anchor):
    text, figures = seed_figures[seed]
    starts = {f.start for f in figures}
    position = text.index(anchor)
    assert position not in starts


def test_quantities_seed_breakdowns_point_at_their_total(seed_figures):
    text, figures = seed_figures["001"]
    total = figure_at(text, figures, "311 morts")
    index = figures.index(total)
    parts = [figure_at(text, figures, a) for a in ("183 combattants", "100 soldats", "28 civils")]
    assert [p.part_of for p in parts] == [index, index, index]
    assert total.part_of is None
    text, figures = seed_figures["000"]
    officers = figure_at(text, figures, "quatre officiers")
    assert figures[officers.part_of] == figure_at(text, figures, "37 membres")


def test_quantities_seed_conditional_report_is_hedged(seed_figures):
    text, figures = seed_figures["000"]
    assert figure_at(text, figures, "Des dizaines de soldats et de rebelles").hedged
    assert not figure_at(text, figures, "44 membres").hedged


# Wire copy written for these tests in the style of AFP/RFI dispatches about other wars.
# (sentence, figure text, value, qualifier, kind, subject_text, subject_class, vague, hedged)
WIRE_FIGURES = [
    ("Au moins 25 civils ont été tués dimanche dans une frappe de drone sur un marché d'El-Facher, selon le Réseau des médecins soudanais.",
     "25", 25, "at_least", "killed", "civils", "civilians", False, False),
    ("Les Forces de soutien rapide ont tué une vingtaine de villageois et blessé des dizaines d'autres dans le Kordofan-Nord.",
     "une vingtaine", 20, "about", "killed", "villageois", "villagers", False, False),
    ("Les Forces de soutien rapide ont tué une vingtaine de villageois et blessé des dizaines d'autres dans le Kordofan-Nord.",
     "des dizaines", 10, "at_least", "wounded", "villageois", "villagers", True, False),
    ("Plus de 12 millions de personnes ont été déplacées par la guerre au Soudan, d'après l'OIM.",
     "12 millions", 12_000_000, "more_than", "displaced", "personnes", "people", False, False),
    ("La défense antiaérienne ukrainienne a abattu 45 des 60 drones lancés par la Russie dans la nuit.",
     "45", 45, "exact", "equipment_destroyed", "drones", "drones", False, False),
    ("La défense antiaérienne ukrainienne a abattu 45 des 60 drones lancés par la Russie dans la nuit.",
     "60", 60, "exact", None, "drones", "drones", False, False),
    ("Une frappe russe sur un immeuble de Dnipro a fait quatre morts et 27 blessés, selon le gouverneur régional.",
     "quatre", 4, "exact", "killed", "morts", "people", False, False),
    ("Une frappe russe sur un immeuble de Dnipro a fait quatre morts et 27 blessés, selon le gouverneur régional.",
     "27", 27, "exact", "wounded", "blessés", "people", False, False),
    ("Le ministère russe de la Défense a affirmé avoir détruit trois chars et deux véhicules blindés près d'Avdiïvka.",
     "trois", 3, "exact", "equipment_destroyed", "chars", "tanks", False, False),
    ("Le ministère russe de la Défense a affirmé avoir détruit trois chars et deux véhicules blindés près d'Avdiïvka.",
     "deux", 2, "exact", "equipment_destroyed", "véhicules blindés", "armoured_vehicles", False, False),
    ("Une dizaine de soldats maliens ont été tués lors d'une embuscade près de Boulkessi.",
     "Une dizaine", 10, "about", "killed", "soldats maliens", "soldiers", False, False),
    ("L'armée burkinabè a affirmé avoir neutralisé une cinquantaine de terroristes dans la région du Sahel.",
     "une cinquantaine", 50, "about", "killed", "terroristes", "militants", False, False),
    ("Selon le ministère de la Santé du Hamas, le bilan s'élève à 1 200 morts depuis le début de l'offensive.",
     "1 200", 1200, "exact", "killed", "morts", "people", False, False),
    ("Aucun mort n'a été signalé après l'explosion.",
     "Aucun", 0, "exact", "killed", "mort", "people", False, False),
    ("Quelque 300 personnes auraient été enlevées par des hommes armés dans l'État de Kaduna.",
     "300", 300, "about", "abducted", "personnes", "people", False, True),
    ("Les combats ont fait plusieurs centaines de morts en une semaine.",
     "plusieurs centaines", 100, "at_least", "killed", "morts", "people", True, False),
    ("Les forces ukrainiennes ont repris le contrôle de 12 km² autour de Robotyne.",
     "12", 12, "exact", "territory_km2", None, "territory", False, False),
    ("Les assaillants ont incendié 350 hectares de cultures près de Djibo.",
     "350", 3.5, "exact", "territory_km2", None, "territory", False, False),
    ("Quatre casques bleus ont été tués et huit autres blessés dans une attaque au Mali.",
     "huit", 8, "exact", "wounded", "casques bleus", "peacekeepers", False, False),
    ("Vingt-huit orpailleurs ont été tués par des hommes armés sur un site aurifère du nord du Burkina.",
     "Vingt-huit", 28, "exact", "killed", "orpailleurs", "miners", False, False),
    ("Les autorités ont fait état de 25 personnes au moins tuées dans l'attaque de Barsalogho.",
     "25", 25, "at_least", "killed", "personnes", "people", False, False),
    ("Trois militaires ont été faits prisonniers par les rebelles près de Kidal.",
     "Trois", 3, "exact", "captured", "militaires", "soldiers", False, False),
    ("Près d'une centaine d'otages seraient toujours retenus à Gaza.",
     "une centaine", 100, "about", None, "otages", "hostages", False, False),
    ("Jusqu'à 500 personnes sont portées disparues après le naufrage.",
     "500", 500, "up_to", "missing", "personnes", "people", False, False),
    # an army's losses count dead and wounded together; bodies count the dead
    ("Selon Moscou, les forces ukrainiennes ont perdu jusqu'à 300 militaires en 24 heures près d'Avdiïvka.",
     "300", 300, "up_to", "casualties", "militaires", "soldiers", False, False),
    ("Les secouristes ont retiré 32 corps des décombres d'un immeuble de Khan Younès.",
     "32", 32, "exact", "killed", "corps", "people", False, False),
]


@pytest.mark.parametrize(
    "sentence,figure_text,value,qualifier,kind,subject,subject_class,vague,hedged", WIRE_FIGURES
)
def test_quantities_wire_figure_read(nlp, sentence, figure_text, value, qualifier, kind, subject, subject_class, vague, hedged):
    figures = figures_of(sentence, nlp)
    found = [f for f in figures if f.text == figure_text]
    assert len(found) == 1, [(f.text, f.kind) for f in figures]
    figure = found[0]
    assert (figure.value, figure.qualifier, figure.kind) == (value, qualifier, kind)
    assert (figure.subject_text, figure.subject_class) == (subject, subject_class)
    assert (figure.vague, figure.hedged) == (vague, hedged)


@pytest.mark.parametrize(
    "sentence",
    [
        "La ville, située à 15 kilomètres au nord de Bakhmout, a été bombardée à 21h30 le 3 mars 2023.",
        "Le 2e bataillon a quitté la route M14 en 2022 ; 80 % des habitants étaient partis.",
        "Jour 412 de la guerre : la résolution 2334 reste lettre morte depuis 15 ans au moins.",
        "Une attaque a visé la deuxième ville du pays, où un convoi de l'ONU est arrivé.",
        "Les chasseurs F-16 et les chars T-72 ont été livrés pour 300 millions de dollars.",
        "Plusieurs experts estiment que la situation restera tendue pendant des semaines.",
    ],
)
def test_quantities_wire_non_figures_are_not_read(nlp, sentence):
    assert figures_of(sentence, nlp) == []


@pytest.mark.parametrize(
    "sentence,total,parts",
    [
        ("Au moins 40 Palestiniens, dont 12 enfants et huit femmes, ont été tués dans des frappes sur Gaza.",
         "40", ["12", "huit"]),
        ("Le bilan de l'attaque contre le camp de Zamzam atteint 120 morts, parmi lesquels 45 enfants.",
         "120", ["45"]),
    ],
)
def test_quantities_wire_breakdown_points_at_total(nlp, sentence, total, parts):
    figures = figures_of(sentence, nlp)
    by_text = {f.text: i for i, f in enumerate(figures)}
    assert figures[by_text[total]].part_of is None
    for part in parts:
        assert figures[by_text[part]].part_of == by_text[total]
        assert figures[by_text[part]].kind == figures[by_text[total]].kind == "killed"


def test_quantities_alternative_counts_are_not_parts(nlp):
    figures = figures_of("Une frappe a fait 25 morts et 30 blessés, dont 10 enfants, selon la Défense civile.", nlp)
    by_text = {f.text: f for f in figures}
    assert by_text["25"].part_of is None and by_text["30"].part_of is None


def test_quantities_english_is_data_only():
    text = "At least 25 civilians were killed on Sunday in a drone strike. Dozens of soldiers were wounded."
    sentences = [(0, text.index(" Dozens")), (text.index("Dozens"), len(text))]
    figures = find_figures(text, sentences, lang="en")
    assert [(f.text, f.value, f.qualifier, f.kind, f.subject_class, f.vague) for f in figures] == [
        ("25", 25, "at_least", "killed", "civilians", False),
        ("Dozens", 12, "at_least", "wounded", "soldiers", True),
    ]


# The parse makes the counted noun the number's head even when words stand between them: a name, a unit or a
# hyphenated side ("5 Boko Haram fighters", "one rapid intervention battalion soldier", "12 pro-Houthi fighters");
# the kind word governs that head, not the first word after the number ("killing 1 QDW member, and injuring three").
@pytest.mark.parametrize("text,figure,kind,subject_class", [
    ("Nigerian troops killed 5 Boko Haram fighters and recovered weapons.", "5", "killed", "fighters"),
    ("Separatists killed one rapid intervention battalion soldier during an operation.", "one", "killed", "soldiers"),
    ("12 pro-Houthi fighters were reported killed, including a field leader.", "12", "killed", "fighters"),
    ("IS ambushed a vehicle, killing 1 QDW member, and injuring three others.", "1", "killed", "members"),
    ("A Somali police officer was stoned to death by an angry mob.", "A", "killed", "police"),
])
def test_quantities_counted_noun_is_the_numbers_head_in_the_parse(text, figure, kind, subject_class):
    figures = {f.text: f for f in find_figures(text, [(0, len(text))], lang="en")}
    assert (figures[figure].kind, figures[figure].subject_class) == (kind, subject_class), figures


# What a verb or noun of attempt or intention governs did not befall the count: no toll.
@pytest.mark.parametrize("text,lang,figure", [
    ("Unidentified armed men attempted to kill a Tihama Resistance commander as he returned.", "en", "a"),
    ("Gunmen tried to assassinate two officials.", "en", "two"),
    ("They threatened to kill 10 hostages.", "en", "10"),
    ("Des hommes armés ont tenté de tuer deux soldats.", "fr", "deux"),
])
def test_quantities_an_attempted_killing_is_no_toll(text, lang, figure):
    figures = {f.text: f for f in find_figures(text, [(0, len(text))], lang=lang)}
    assert figure not in figures or figures[figure].kind is None, figures


# A bare number said of a kind noun through its verb counts what that noun names.
@pytest.mark.parametrize("text,figure", [
    ("The death toll rose to 15.", "15"),
    ("Unknown number of fatalities coded as 10.", "10"),
    ("Fatalities were estimated at 10.", "10"),
])
def test_quantities_a_number_said_of_a_kind_noun_counts_its_kind(text, figure):
    figures = {f.text: f for f in find_figures(text, [(0, len(text))], lang="en")}
    assert figures[figure].kind == "killed", figures
