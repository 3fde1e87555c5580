"""Claim attribution: who asserts each sentence, on the seeds and on written wire copy."""

from __future__ import annotations

import pytest

from frontwatch.extract.claims import CARRIED_OVER, QUOTE, Attribution, agent_phrases, find_attributions
from frontwatch.extract.sentences import split_sentences
from frontwatch.nlp.model import load_nlp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("fr")


def attributions_of(text: str, nlp) -> tuple[list, list[Attribution | None]]:
    sentences = [(s.start, s.end) for s in split_sentences(text)]
    result = find_attributions(text, sentences, doc=nlp(text))
    assert [i for i, _ in result] == list(range(len(sentences)))
    return sentences, [a for _, a in result]


@pytest.fixture(scope="module")
def seed_attributions(seeds_dir, nlp):
    """Each seed's text, sentences and attributions, keyed by the seed's id prefix ("000")."""
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name[:3]] = (text, *attributions_of(text, nlp))
    return out


def attribution_for(seed_attributions, seed: str, anchor: str) -> Attribution | None:
    text, sentences, attributions = seed_attributions[seed]
    position = text.index(anchor)
    index = next(i for i, (start, end) in enumerate(sentences) if start <= position < end)
    return attributions[index]


# (seed, words of the sentence, claimant text or None, cue, anaphor text or None)
SEED_CLAIMS = [
    ("000", "L'Observatoire britannique des droits de l'homme a rapporté que près de 100",
     "L'Observatoire britannique des droits de l'homme", "rapporter", None),
    ("000", "Des dizaines de soldats et de rebelles auraient été tués", None, None, None),
    ("000", "Les combats ont également coûté la vie", None, None, None),  # new paragraph: the outlet
    ("000", "Un porte-parole de l'armée syrienne a confirmé", "Un porte-parole de l'armée syrienne", "confirmer", None),
    ("000", "Des témoins font état de centaines de familles", "Des témoins", "faire état", None),
    ("001", "Selon l’Observatoire syrien des droits de l’homme (OSDH), HTS",
     "l’Observatoire syrien des droits de l’homme (OSDH)", "selon", None),
    ("001", "La même ONG a rapporté", "l’Observatoire syrien des droits de l’homme (OSDH)", "rapporter", "La même ONG"),
    ("001", "l’OSDH a aussi signalé", "l’OSDH", "signaler", None),
    ("001", "selon un communiqué militaire", "un communiqué militaire", "selon", None),
    ("001", "L’armée a mentionné des batailles", "l’armée syrienne", "mentionner", "L’armée"),
    ("001", "le président Bachar al-Assad a déclaré", "le président Bachar al-Assad", "déclarer", None),
    ("001", "Selon lui, le pays", "le président Bachar al-Assad", "selon", "lui"),
    ("001", "a atteint 311 morts", None, None, None),
    ("001", "faisant au moins 16 morts", None, None, None),
    ("002", "a déclaré le porte-parole du corps expéditionnaire de Moscou",
     "le porte-parole du corps expéditionnaire de Moscou", "déclarer", None),
    ("002", "Au cours des dernières 24 heures, au moins 200 militants",
     "Le colonel Oleg Ignatnouk, chef adjoint du Centre russe de réconciliation pour la Syrie", QUOTE, None),
    ("002", "« En apportant leur soutien",
     "Le colonel Oleg Ignatnouk, chef adjoint du Centre russe de réconciliation pour la Syrie", QUOTE, None),
    ("002", "Il a ajouté que 400 autres militants",
     "Le colonel Oleg Ignatnouk, chef adjoint du Centre russe de réconciliation pour la Syrie", "ajouter", "Il"),
    ("002", "HTS avait déclaré à Al Jazeera", "HTS", "déclarer", None),
    ("002", "Le groupe a affirmé avoir pris le contrôle", "HTS", "affirmer", "Le groupe"),
    ("002", "Le gouvernement de Damas a déclaré", "Le gouvernement de Damas", "déclarer", None),
    ("002", "La Russie est intervenue dans le conflit en 2015", None, None, None),
    ("003", "Plusieurs experts indiquent", "Plusieurs experts", "indiquer", None),
    ("003", "Plusieurs russes ont aussi été tués", None, None, None),
    ("004", "a annoncé que deux soldats turcs", "le ministère turc", "annoncer", None),
    ("004", "Le ministère a ajouté que «\xa0plus de 50", "le ministère turc", "ajouter", "Le ministère"),
    ("004", "Le ministère russe de la Défense a également déclaré", "Le ministère russe de la Défense", "déclarer", None),
    ("004", "a indiqué le ministère.", "Le ministère russe de la Défense", "indiquer", "le ministère"),
    ("004", "Le ministère a ajouté que la Turquie", "Le ministère russe de la Défense", "ajouter", "Le ministère"),
    ("004", "plus de 1.800 civils ont été tués", None, None, None),
]


@pytest.mark.parametrize("seed,anchor,claimant,cue,anaphor", SEED_CLAIMS)
def test_claims_seed_claimant_read_as_an_analyst_would(seed_attributions, seed, anchor, claimant, cue, anaphor):
    text = seed_attributions[seed][0]
    found = attribution_for(seed_attributions, seed, anchor)
    if claimant is None:
        assert found is None
        return
    assert found is not None
    assert (found.text, found.cue) == (claimant, cue)
    assert text[found.start:found.end] == claimant
    if anaphor is None:
        assert found.anaphor_start is None
    else:
        assert text[found.anaphor_start:found.anaphor_end] == anaphor


# (wire text, index of the sentence, claimant or None, cue)
WIRE_CLAIMS = [
    ("Au moins 25 civils ont été tués dimanche dans une frappe de drone sur un marché d'El-Facher, selon le Réseau des médecins soudanais.",
     0, "le Réseau des médecins soudanais", "selon"),
    ("D'après l'Organisation internationale pour les migrations, plus de 12 millions de personnes ont fui les combats.",
     0, "l'Organisation internationale pour les migrations", "d'après"),
    ("La défense antiaérienne a abattu 45 des 60 drones lancés dans la nuit, a annoncé l'armée de l'air ukrainienne.",
     0, "l'armée de l'air ukrainienne", "annoncer"),
    ("Une dizaine de soldats maliens ont été tués lors d'une embuscade près de Boulkessi, a-t-on appris de sources sécuritaires.",
     0, "sources sécuritaires", "de source"),
    ("L'armée israélienne a affirmé avoir tué une vingtaine de combattants du Hamas à Khan Younès.",
     0, "L'armée israélienne", "affirmer"),
    ("L'Observatoire syrien des droits de l'homme a recensé 18 morts dans les frappes. Les victimes étaient pour la plupart des civils.",
     1, "L'Observatoire syrien des droits de l'homme", CARRIED_OVER),
    ("L'Observatoire syrien des droits de l'homme a recensé 18 morts dans les frappes.\nLes combats se poursuivent lundi.",
     1, None, None),
    ("Le ministère de la Santé a annoncé 40 morts. Les secours fouillent toujours les décombres.",
     1, None, None),
    ("Les frappes ont repris lundi sur Khartoum. Aucun bilan n'était disponible.",
     0, None, None),
]


@pytest.mark.parametrize("text,index,claimant,cue", WIRE_CLAIMS)
def test_claims_wire_claimant(nlp, text, index, claimant, cue):
    _, attributions = attributions_of(text, nlp)
    found = attributions[index]
    if claimant is None:
        assert found is None
    else:
        assert found is not None and (found.text, found.cue) == (claimant, cue)


def test_claims_quote_speaker_after_closed_quote(nlp):
    text = ("« Nos unités ont repoussé trois assauts. Au moins 30 assaillants ont été tués. » "
            "Le porte-parole de l'armée nigérienne a déclaré jeudi à la télévision nationale.")
    _, attributions = attributions_of(text, nlp)
    assert [a.cue if a else None for a in attributions] == [QUOTE, QUOTE, "déclarer"]
    assert {a.text for a in attributions} == {"Le porte-parole de l'armée nigérienne"}


def test_claims_quote_closed_earlier_is_not_given_to_a_later_speaker(nlp):
    text = ("« Nous tiendrons Pokrovsk », a lancé le commandant. Les combats ont fait 12 morts. "
            "Le général a déclaré jeudi à la presse.")
    _, attributions = attributions_of(text, nlp)
    assert attributions[1] is None


def test_claims_new_speaker_stops_carry_over(nlp):
    text = ("Le Hamas a affirmé que 20 soldats israéliens avaient été tués. "
            "L'armée israélienne a démenti, selon un communiqué publié lundi.")
    _, attributions = attributions_of(text, nlp)
    assert attributions[0].text == "Le Hamas"
    assert attributions[1].text == "un communiqué publié lundi"


def test_claims_english_is_data_only():
    text = "At least 25 civilians were killed, according to the Sudan Doctors Network. The army said two tanks were destroyed."
    sentences = [(0, text.index(" The army")), (text.index("The army"), len(text))]
    result = find_attributions(text, sentences, lang="en")
    assert [(i, a.text, a.cue) for i, a in result] == [
        (0, "the Sudan Doctors Network", "according to"),
        (1, "The army", "say"),  # the cue is the lexicon's form: a lemma, as in French ("annoncer")
    ]


# Incises, possessives and documents' own anaphors: (wire text, sentence index, claimant text or None, cue)
INCISE_CLAIMS = [
    ("Vingt-trois soldats ont été tués mercredi dans une embuscade près de Tassia, a annoncé jeudi le ministère de la Défense.",
     0, "le ministère de la Défense", "annoncer"),
    ("« Les miliciens ont pilonné le camp de déplacés », a déclaré l'organisation dans un communiqué, faisant état de 47 blessés.",
     0, "l'organisation", "déclarer"),
    ("Un homme a été tué et quatre personnes blessées par des tirs russes sur Kherson, a annoncé l'administration militaire régionale.",
     0, "l'administration militaire régionale", "annoncer"),
    ("Un habitant de Téra, à quarante kilomètres de Tassia, a indiqué à l'AFP avoir vu « des dizaines de blessés ».",
     0, "Un habitant de Téra", "indiquer"),
    ("Les FSR ont accusé l'armée d'avoir bombardé un marché de Mellit, tuant 11 civils.",
     0, "Les FSR", "accuser"),
    # the channel ("à l'AFP", "aux journalistes") is not the speaker, who may follow it
    ("Au moins douze civils ont péri dans un bombardement sur Omdurman, a affirmé à Reuters un médecin de l'hôpital.",
     0, "un médecin de l'hôpital", "affirmer"),
    ("« Nous avons enterré 14 corps ce matin », a déclaré à l'AFP un chef de village joint par téléphone.",
     0, "un chef de village", "déclarer"),
    ("Trois soldats ont été tués près de Gao, a indiqué aux journalistes un officier sous couvert d'anonymat.",
     0, "un officier", "indiquer"),
    # how the speaker spoke is not part of who they are
    ("Un responsable local, s'exprimant sous couvert d'anonymat, a affirmé que 20 personnes avaient péri à Rafah.",
     0, "Un responsable local", "affirmer"),
]


@pytest.mark.parametrize("text,index,claimant,cue", INCISE_CLAIMS)
def test_claims_incise_speaker_after_verb(nlp, text, index, claimant, cue):
    _, attributions = attributions_of(text, nlp)
    found = attributions[index]
    assert found is not None and (found.text, found.cue) == (claimant, cue)


@pytest.mark.parametrize("text,index,claimant,anaphor", [
    ("Le ministère de la Défense a annoncé la mort de 23 soldats. « Une trentaine de terroristes ont été neutralisés », ajoute le texte.",
     1, "Le ministère de la Défense", "le texte"),
    ("L'administration militaire régionale de Kherson a fait état de deux blessés. Selon son chef, Oleksandr Prokoudine, un drone a visé Bilozerka.",
     1, "L'administration militaire régionale de Kherson", "son chef"),
    ("La Défense civile a annoncé 18 morts. « Nos équipes ont extrait 18 corps », a déclaré son porte-parole.",
     1, "La Défense civile", "son porte-parole"),
])
def test_claims_anaphor_stands_for_last_claimant(nlp, text, index, claimant, anaphor):
    _, attributions = attributions_of(text, nlp)
    found = attributions[index]
    assert found is not None and found.text == claimant
    assert text[found.anaphor_start:found.anaphor_end] == anaphor


def test_claims_coordinated_clause_is_outside_the_statement(nlp):
    text = "Par ailleurs, l'Iran a signalé une attaque contre son consulat à Alep, et un général iranien a été tué."
    _, attributions = attributions_of(text, nlp)
    found = attributions[0]
    assert found is not None and found.text == "l'Iran"
    assert found.covers(text.index("attaque")) and not found.covers(text.index("général"))


def test_claims_unparsed_speaker_sentence_is_parsed(nlp):
    """The pipeline parses only trigger and figure sentences; the speaker's sentence is parsed for its claimant."""
    import numpy
    from spacy.tokens import Doc

    parts = ["« Au moins 200 militants ont été éliminés. » ", "Le colonel Oleg Ignatnouk a déclaré vendredi aux journalistes. ",
             "Il a ajouté que 400 autres militants avaient été tués la veille."]
    docs = [nlp(parts[0]), nlp.make_doc(parts[1]), nlp(parts[2])]  # what the cheap pass leaves
    for doc in docs:
        doc.tensor = numpy.zeros((0,), dtype="float32")
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    text = "".join(parts)
    starts = [0, len(parts[0]), len(parts[0]) + len(parts[1])]
    sentences = [(s, s + len(p.rstrip())) for s, p in zip(starts, parts)]
    result = find_attributions(text, sentences, doc=joined)
    assert [a.text if a else None for _, a in result] == ["Le colonel Oleg Ignatnouk"] * 3
    assert [a.cue for _, a in result] == [QUOTE, "déclarer", "ajouter"]


def _monitor_case(text: str, claimants: dict[int, str], tolls: set[int], claimed: set[int], monitors: set[str]):
    from frontwatch.extract.claims import carry_monitor_tolls

    sentences = [(s.start, s.end) for s in split_sentences(text)]
    attributions = {i: None for i in range(len(sentences))}
    for i, name in claimants.items():
        start = text.index(name)
        attributions[i] = Attribution(start, start + len(name), name, "rapporter")
    carried = carry_monitor_tolls(text, sentences, attributions, tolls, claimed,
                                  lambda a: a.text if a.text in monitors else None)
    return {i: a.text for i, a in carried.items()}


@pytest.mark.parametrize("text,claimants,tolls,claimed,expected", [
    # the sentence after a monitor's statement, and the toll sentences that follow it in its paragraph
    ("Airwars a recensé 40 morts dans les frappes sur Rafah.\nLes bombardements ont aussi tué 12 secouristes. "
     "Parmi les victimes figurent 9 enfants.",
     {0: "Airwars"}, {1, 2}, {0}, {1: "Airwars", 2: "Airwars"}),
    # a framed total in an article that cites one monitor and no partisan toll
    ("Selon l'OSDH, les jihadistes ont pris trois villages.\nL'armée a envoyé des renforts vers Hama.\n"
     "Le bilan des combats a atteint 61 morts.",
     {0: "l'OSDH"}, {2}, set(), {2: "l'OSDH"}),
    # a framed total where a party also gave a toll: the outlet's
    ("Selon l'OSDH, les jihadistes ont pris trois villages.\nL'armée a annoncé la mort de 20 terroristes.\n"
     "Le bilan des combats a atteint 61 morts.",
     {0: "l'OSDH", 1: "L'armée"}, {2}, {1}, {}),
    # an unframed toll two paragraphs after the monitor: the outlet's
    ("Selon l'OSDH, les jihadistes ont pris trois villages.\nL'armée a envoyé des renforts.\n"
     "Cinq soldats ont été tués près de Saraqeb.",
     {0: "l'OSDH"}, {2}, set(), {}),
    # a party's statement does not carry its tolls over
    ("Les FSR ont annoncé avoir pris la ville.\nOnze civils ont été tués dans un marché.",
     {0: "Les FSR"}, {1}, set(), {}),
])
def test_claims_monitor_toll_carries_over_only_when_framed(text, claimants, tolls, claimed, expected):
    assert _monitor_case(text, claimants, tolls, claimed, monitors={"Airwars", "l'OSDH"}) == expected


@pytest.mark.parametrize("sentence,framed", [
    ("Le bilan provisoire de l'attaque s'élève à 26 morts.", True),
    ("Au total, 14 soldats ont été tués depuis lundi.", True),
    ("Quatorze soldats ont été tués lundi près de Djibo.", False),
])
def test_claims_is_framed_toll(sentence, framed):
    from frontwatch.extract.claims import is_framed_toll

    assert is_framed_toll(sentence) is framed


def test_agent_phrases_are_who_spoke_or_acted(nlp):
    text = ("La mort du jihadiste dans une frappe avait été annoncée le 21 février par des sources à Paris, avant que "
            "la coalition ne confirme son décès.")
    spans = [text[a:b] for a, b in agent_phrases(nlp(text), "fr")]
    assert any("sources à Paris" in span for span in spans), spans
    backers = "Soutenu par Moscou et Téhéran, M. Assad a repris la majorité du territoire syrien."
    assert [backers[a:b] for a, b in agent_phrases(nlp(backers), "fr")] == ["par Moscou et Téhéran"]
