"""Extract one document's events: triage, parse candidates, then join triggers, dates, places and actors (what a
role phrase names: ``frontwatch.extract.party_reader``; who acts and who is hit as ACLED codes them:
``frontwatch.extract.sides``, settled once the event's place is final by ``frontwatch.extract.settling``); the
claims of its figures are attached by ``frontwatch.extract.attach``, and
``frontwatch.extract.record`` writes the settled drafts as the record's events."""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from frontwatch.errors import InputError
from frontwatch.extract.claims import agent_phrases, find_attributions
from frontwatch.extract.dates import find_dates
from frontwatch.extract.dating import (compare_cues, date_owners, dated_in_sentence, dates_of_others, day_owning,
                                       filed_day, framing_date, is_dateline, without_glosses)
from frontwatch.extract.draft import Actor as _Actor
from frontwatch.extract.draft import Draft as _Draft
from frontwatch.extract.draft import Located as _Located
from frontwatch.extract.draft import country_only as _country_only
from frontwatch.extract.draft import violence
from frontwatch.extract.events import EventMention, find_event_mentions, finalise_sub_event_type
from frontwatch.extract.attach import attach_claims
from frontwatch.extract.place_words import function_words
from frontwatch.extract.merge import (cross_headings, headline_sentences, is_topic_label, merge_same_happening,
                                     named_in_passing, sums_demonstrations)
from frontwatch.extract.parsing import kept_sentences, parse_kept
from frontwatch.extract.party_reader import PartyReader
from frontwatch.extract.places import find_place_mentions
from frontwatch.extract.parties import CROWDS, country_code
from frontwatch.extract.political import ORGANISED_INTERS, REMOTE, is_political, reports_a_war
from frontwatch.extract.quantities import find_figures
from frontwatch.extract.record import finish, source_of
from frontwatch.extract.responsibility import claimed_by
from frontwatch.extract.scenes import (ARTICLE_COUNTRY, article_country, capital, country_area_at, focus_country,
                                      holder_phrases, located_by, mediator, names_a_town, nearest_before,
                                      occasion_place, origin_phrases, passive_subjects, pronoun_relatives,
                                      resolve_document_places, stands_for_state, state_subjects, theatre_of_places)
from frontwatch.extract.sentences import Sentence, split_sentences
from frontwatch.extract.settling import home_of, of_the_home, settle
from frontwatch.extract.sides import (MOB_SUBTYPES, against_civilians, crowd, front_sides, generic_side, objects_hit,
                                      unnamed_side, victims_named)
from frontwatch.nlp.model import MODELS, load_nlp
from frontwatch.records import CIVILIANS_INTER, STATE_INTER, Document, Event, Evidence, Place
from frontwatch.resolve.actors import ActorRegistry
from frontwatch.resolve.dates import MONTH, WEEK, ResolvedDate, resolve_dates
from frontwatch.resolve.generic import generic_kind
from frontwatch.settings import SETTINGS

log = logging.getLogger(__name__)
INSURGENT_INTERS = frozenset({2, 3})  # ACLED's rebels and political militias

# Event types with two armed sides: a party named after the trigger is the other one when the parse finds none
_TWO_SIDED = frozenset({"Battles", "Explosions/Remote violence"})
# Statuses of an event mention that make it an event; the rest are kept out of the record.
EVENT_STATUSES = frozenset({"asserted", "reported_hedged"})


def extract_document(doc: Document, parses: Mapping[str, Doc] | None = None,
                     reporting: Mapping[str, Doc] | None = None) -> list[Event]:
    """The events ``doc`` reports on its own, each with claims, evidence and one source.

    ``parses``: the full pipeline's Doc of each text of ``parsing.parse_inputs(doc)``, by its text, when a batch
    caller piped them already; ``reporting``: likewise, the Docs (no entity recogniser) of the texts of
    ``parsing.reporting_inputs(doc)``.
    """
    read = _read(doc, parses)
    if read is None:
        return []
    lang, text, sentences, full, parsed, registry, actor_matches, places, named = read
    found = without_glosses(text, find_dates(text, lang))
    filed = filed_day(text, found, doc.published, sentences, lang)
    dates = [d for d in resolve_dates(found, filed, [s.start for s in sentences]) if not is_dateline(text, d)]
    spans = [(s.start, s.end) for s in sentences]
    # a number inside a date counts nothing ("On June 24, militants killed 3": the parse may hang 24 on the verb)
    figures = [f for f in find_figures(text, spans, lang, doc=full) if not any(d.start <= f.start < d.end for d in found)]
    attributions = dict(find_attributions(text, spans, lang, doc=full, reparsed=reporting))

    mentions: list[EventMention] = []
    for sent, sdoc in parsed:
        mentions.extend(find_event_mentions(sdoc, lang, offset=sent.start, published=doc.published))
    found_all = list(mentions)
    history = {m.sent_start for m in mentions if m.status == "background"}
    mentions = _without_background_tolls(mentions)
    mentions = [m for m in mentions if m.status in EVENT_STATUSES]
    mentions.sort(key=lambda m: m.start)

    owners = date_owners(parsed, day_owning(found_all, parsed), dates)
    ctx = _Context(doc, text, sentences, dates, places, actor_matches, registry,
                   others_dates=dates_of_others(parsed, found_all, owners, dates),
                   date_owners=date_owners(parsed, found_all, dates),
                   speakers=[span for a in attributions.values() if a is not None for span in ((a.start, a.end), a.incise)
                             if span is not None]
                   + agent_phrases(full, lang) + state_subjects(full, places) + holder_phrases(full),
                   origins=origin_phrases(full, lang), named=[m.start for m in named],
                   acted_upon=passive_subjects(full) + victims_named(mentions, actor_matches, text)
                   + objects_hit(mentions),
                   elsewhere=pronoun_relatives(full))
    ctx.history |= history - {m.sent_start for m in mentions}
    if ctx.home is None:  # no country named: the one its places and parties point to, when they agree
        ctx.home = focus_country(full, lang, [(a.start, a.end) for a in actor_matches],
                                 [a.country for a in actor_matches], named)
    drafts = []
    for mention in mentions:
        draft = ctx.draft(mention)
        if draft is not None:
            drafts.append(draft)
            drafts.extend(ctx.other_towns(draft))
    if ctx.home is None:  # no place tells it: the country of the forces its parties' words name ("Somali police")
        forces = [code for d in drafts for a in (d.actor1, d.actor2)
                  if a is not None and a.inter in ORGANISED_INTERS and (code := country_code(a.country))]
        if forces:
            ctx.home = focus_country(full, lang, [(a.start, a.end) for a in actor_matches],
                                     [a.country for a in actor_matches] + forces, named)
    counted = {ctx.sentence_at(f.start).start for f in figures if f.kind is not None}
    ctx.history |= {d.sentence.start for d in drafts if sums_demonstrations(d)}  # a movement's toll: no one event's
    headlines = headline_sentences(text, sentences)
    drafts = merge_same_happening(drafts, counted, headlines=headlines,
                                  headings=cross_headings(text, sentences, headlines))
    dated = {ctx.sentence_at(d.mention.start).index for d in ctx.headings}  # "02 April." opens a note: no lede yet
    lede = min((s.index for s in sentences if s.index not in headlines and s.index not in dated), default=0)
    recalled = {id(d) for d in drafts if named_in_passing(d, headlines, lede)}
    if len(recalled) < len(drafts):  # the only event a text tells is what it reports ("It is assumed that the attack
        drafts = [d for d in drafts if id(d) not in recalled]  # was carried out by Israeli Settlers")
    claimed_by(drafts, ctx.text, ctx.actor_matches, ctx.sentence_at, lang)
    for d in drafts:
        settle(ctx, d)
    # in a report on a war, explosions are the war's even when their own sentences name no party (read only when
    # there is an explosion to judge)
    war = any(d.event_type == REMOTE for d in drafts) and reports_a_war(
        (text[s.start:s.end] for s in sentences), lang)
    # an organised party its sentence names, side or not, makes violence political in a report that opens on the
    # day it happened ("On 13 March, gunmen riding a motorcycle shot dead a QSD fighter"), not in commentary
    drafts = [d for d in drafts if is_political(d, lang, war, named_party=dated_in_sentence(d, text) and any(
        a.inter in ORGANISED_INTERS for a in ctx.parties.parties_in(d.sentence.start, d.sentence.end, None)))
              and not is_topic_label(d, text, headlines)]
    unplaced = {i for i, d in enumerate(drafts) if d.place is None}
    for d in drafts:  # no town, province or country told for it: the country the article is about, as ACLED would
        home = home_of(ctx, d) if d.place is None else None
        if home is not None:
            d.place, d.place_inherited = replace(home, method=ARTICLE_COUNTRY), True
            of_the_home(ctx, d)
    # a bomb no one is named for, in a text that names no rebel or militia it could be laid to, is ACLED's
    # unidentified armed group's, in the country it went off in
    for d in drafts:  # fire across a front line that no report lays to a side is between the front's two parties
        if d.actor1 is None and d.actor2 is None and d.place is not None:
            d.actor1, d.actor2 = front_sides(ctx.parties.registry, d.event_type, d.place.country,
                                             d.event_date.date if d.event_date else doc.published)
    if not any(a.inter in INSURGENT_INTERS for a in ctx.actor_matches):
        for d in drafts:
            if d.actor1 is None and d.place is not None:
                d.actor1 = unnamed_side(d.sub_event_type, d.place.country)
    claims = attach_claims(ctx, figures, attributions, drafts)
    source = source_of(doc)
    # but an act of violence told with no town or province in its sentences, no victims counted and no day of its
    # own, is commentary, not a report ("La France ne peut laisser les Kurdes être massacrés"): ACLED codes violence
    # where it happened; one its sentence dates to the day ("On 17 February, shelling fell on ...") was reported
    kept = [i for i, d in enumerate(drafts)
            if i not in unplaced or d.sub_event_type not in violence() or claims.get(i) or dated_in_sentence(d, text)
            or names_a_town(full, lang, [(sentences[k].start, sentences[k].end) for k in d.sentences], named)]
    for i in set(range(len(drafts))) - set(kept):
        log.debug("act of violence placed nowhere, with no victims counted, dropped: %s", drafts[i].mention.trigger)
    return [finish(drafts[i], claims.get(i, ()), source) for i in kept]


@lru_cache(maxsize=None)
def _list_joint(lang: str) -> re.Pattern[str]:
    """What stands between two names of a list: a comma or the language's coordinator, and one preposition; a
    bracket of lower-case words may follow a name ("à Naplouse et Qalqilyah (nord), à Ramallah (centre)")."""
    coordinator = function_words(lang)["coordinator"] or "(?!)"
    return re.compile(rf"\s*(?:\([^()A-ZÀ-Þ]*\))?\s*,?\s*(?:(?:{coordinator})\s+)?(?:[^\W\d]+'?\s*)?")


def document_places(doc: Document) -> list[_Located]:
    """The places ``doc`` names, resolved as extraction resolves them (actors' names left out, the article's
    country focus and each name's context applied), with their offsets: what the geocoding eval scores."""
    read = _read(doc, None)
    if read is None:
        return []
    lang, full, actor_matches = read[0], read[3], read[6]
    return resolve_document_places(full, lang, exclude=[(a.start, a.end) for a in actor_matches],
                           actor_countries=_party_countries(read[5], actor_matches), metonyms=True, named=read[8])


def _party_countries(registry: ActorRegistry, matches) -> list[str]:
    """The countries the text's parties act in (``ActorRegistry.countries_of``)."""
    return [code for m in matches for code in registry.countries_of(m)]


def _read(doc: Document, parses: Mapping[str, Doc] | None):
    """Sentences, the parse of the kept ones, the actors and the places of ``doc`` (None when it has no text); last,
    the place mentions of the joined Doc (``find_place_mentions``: found once, read again by the later steps)."""
    lang = doc.language or "fr"
    if lang not in MODELS:
        raise InputError(f"Document {doc.doc_id} is in {lang!r}; frontwatch has language data for {sorted(MODELS)}.")
    text = doc.text
    sentences = split_sentences(text, lang)
    if not sentences:
        return None
    keep = kept_sentences(text, lang)
    full, parsed = parse_kept(load_nlp(lang), text, sentences, keep, parses)
    registry = ActorRegistry.load(lang)
    actor_matches = registry.find(text, on_date=doc.published)
    named = find_place_mentions(full, lang)
    places = resolve_document_places(full, lang, exclude=[(a.start, a.end) for a in actor_matches],
                             actor_countries=_party_countries(registry, actor_matches), named=named)
    theatre = theatre_of_places(registry, text, places)
    if theatre is None and not places and registry.guess_theatre(text) is None:
        # no place and no name tell the war: the words only one theatre uses ("regime forces") do
        theatre = registry.descriptive_theatre(text)
    if theatre is not None:  # "regime forces shelled Kafr Zita, Hama": the places say whose regime
        actor_matches = registry.find(text, on_date=doc.published, theatre=theatre)
    return lang, text, sentences, full, parsed, registry, actor_matches, places, named


def _without_background_tolls(mentions: list[EventMention]) -> list[EventMention]:
    """Victims counted in a sentence whose only event is history ("l'attaque du 7 octobre 2023, qui a entraîné
    la mort de 1.198 personnes") or told before ("blames the government for the attack which it says kills 1400
    people") are that event's toll, not a new event."""
    background = {m.sent_start for m in mentions if m.kind != "casualty" and (m.status == "background" or m.told_before)}
    asserted = {m.sent_start for m in mentions
                if m.kind != "casualty" and m.status in EVENT_STATUSES and not m.told_before}
    return [m for m in mentions if not (m.kind == "casualty" and m.sent_start in background - asserted)]


class _Context:
    """What the whole document knows, consulted to place, date and attribute each trigger."""

    def __init__(self, doc, text, sentences, dates, places, actor_matches, registry, others_dates=None,
                 date_owners=None, speakers=(), acted_upon=(), origins=(), named=(), elsewhere=()) -> None:
        self.doc = doc
        # trigger start -> the dates of its sentence that belong to another trigger (``dating.dates_of_others``)
        self.others_dates: dict[int, frozenset[int]] = others_dates or {}
        self.date_owners: dict[int, int] = date_owners or {}  # date start -> its trigger's start (``dating.date_owners``)
        self.text = text
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.dates = [d for d in dates if d.is_event_date]
        # "ont attaqué mercredi" in a document without a publication date: a day named but not knowable
        self.unknowable = [d for d in dates if d.date is None and d.names_event_date]
        # "depuis janvier", "depuis le 7 octobre": the start of an ongoing period, not the date of what is told
        self.since = [d for d in dates if d.date is not None and d.mention.relation == "since"]
        # "DIMANCHE 11 JANVIER" on a line of its own: a timeline's heading dates the section under it
        self.headings = [d for d in self.dates if self._alone_in_sentence(d.mention.start, d.mention.end)]
        self.places = places
        self.home = article_country(places)
        where_when = [(p.start, p.end) for p in places if not _country_only(p.place)]
        where_when += [(d.mention.start, d.mention.end) for d in (*self.dates, *self.unknowable)]
        self.parties = PartyReader(doc, text, actor_matches, registry, self.sentence_at, where_when, acted_upon)
        self.actor_matches = self.parties.actor_matches
        self.registry = registry
        # starts of sentences told as history or as a running total: their figures belong to no event
        self.history: set[int] = set()
        # the claimants' phrases ("a indiqué l'Élysée", "selon Moscou"): who speaks, never where it happened
        self.speakers = list(speakers)
        # clauses that tell another event than the triggers outside them ("après celle qui a fait trois morts à
        # Reading"): their places and figures are that event's
        self.elsewhere = list(elsewhere)
        # where a party comes from ("fighters from the provinces of Aleppo"): no scene while the text names another
        self.origins = list(origins)
        self.named = list(named)  # where the text's place names start, resolved or not
        self._not_scene: dict[int, bool] = {}  # place start -> no scene (``_no_scene``)
        self.scenes: set[int] = set()  # starts of the places an event was placed at in its own sentence

    def _alone_in_sentence(self, start: int, end: int) -> bool:
        """Whether the span at ``start:end`` is all its sentence holds but for punctuation."""
        sent = self.sentence_at(start)
        return not any(c.isalnum() for c in self.text[sent.start:start] + self.text[end:sent.end])

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[max(0, bisect_right(self.sent_starts, offset) - 1)]

    def draft(self, mention: EventMention) -> _Draft | None:
        sent = self.sentence_at(mention.start)
        when = self._date_for(mention, sent)
        if when is not None and when.is_background(self.doc.published):
            log.debug("background event dropped: %s", mention.trigger)
            # a date borrowed from its paragraph may be another sentence's: only the sentence's own marks it
            if sent.start <= when.mention.start < sent.end or self._cumulative(sent, None):
                self.history.add(sent.start)
            return None
        if when is not None and when.time_precision >= MONTH and not self._compared(when):
            # told by its month alone ("en juillet, des hélicoptères ont attaqué", "les attentats de novembre"): a
            # reminder or a trend, not a report; ACLED's month precision is for what the reports cannot date better
            log.debug("event dated by its month alone dropped: %s", mention.trigger)
            self.history.add(sent.start)
            return None
        if when is not None and self.doc.published is not None and when.date > self.doc.published:
            log.debug("event dated after publication dropped (a plan or a deadline): %s", mention.trigger)
            return None
        if self._cumulative(sent, when):
            log.debug("ongoing or cumulative account dropped: %s", mention.trigger)
            self.history.add(sent.start)
            return None
        actor1 = self.parties.actor(mention.actor1, acting=True)
        actor2 = self.parties.actor(mention.actor2)
        mob = (mention.actor1 is not None and crowd(mention.actor1.text, actor1, self.doc.language or "fr") and (
            mention.kind == "event"  # a casualty word a crowd does to its object: "community members killed a man"
            or (mention.actor1.dep == "nsubj" and mention.actor2 is not None and mention.actor2.dep == "obj")))
        if actor1 is None and mention.event_type not in ("Protests", "Riots"):
            actor1 = (self.parties.nearest(mention.start, sent, exclude=actor2)
                      or self.parties.heading_party(mention, sent, exclude=actor2))
        place, inherited, at = self._place_for(mention, sent, (actor1, actor2))
        if actor2 is None and actor1 is not None and place is not None and mention.event_type in _TWO_SIDED:
            actor2 = self.parties.party_after(mention.end, sent, actor1, place,
                                              self.speakers + [(r.start, r.end) for r in mention.assoc1])
        if (actor1 is not None and actor1.inter == CIVILIANS_INTER and mention.event_type not in ("Protests", "Riots")
                and not mob):
            # civilians suffer violence and never wage it (ACLED): victims the parse put first are actor2, and in
            # a battle, which is between armed parties, no side at all
            actor1, actor2 = None, actor2 or (actor1 if mention.event_type != "Battles" else None)
        # a party from another war ("les séparatistes" of Ukraine in an article on Karabakh) names no one here, and
        # must not stand in for the parties a fold brings
        actor1 = self.parties.standing_for(self.parties.fit_to_place(actor1, place), place, victim=False)
        actor2 = self.parties.standing_for(self.parties.fit_to_place(actor2, place), place, victim=True)
        if actor1 is None and mention.event_type in CROWDS and place is not None:
            # ACLED names every demonstration's crowd: "Protesters (Germany)", "Rioters (France)"
            actor1 = generic_side(CROWDS[mention.event_type], place.country)
        sub_type = finalise_sub_event_type(mention.sub_event_type, actor1.inter if actor1 else None)
        event_type, sub_type = against_civilians(mention.event_type, sub_type, actor2, mention,
                                                  self.doc.language or "fr")
        if mob and sub_type in MOB_SUBTYPES:  # violence a crowd does is a riot (ACLED: mob violence), demonstrators'
            # a violent demonstration ("demonstrators also torched an office")
            event_type, sub_type = "Riots", ("Violent demonstration" if actor1 is not None and generic_kind(
                actor1.name) == CROWDS["Protests"] else "Mob violence")
        return _Draft(
            mention=mention,
            sentence=sent,
            event_type=event_type,
            sub_event_type=sub_type,
            event_date=when,
            place=place,
            actor1=actor1,
            actor2=actor2 if actor2 is None or actor1 is None or actor2.name != actor1.name else None,
            assoc1=self.parties.names(mention.assoc1, exclude=actor1),
            assoc2=self.parties.names(mention.assoc2, exclude=actor2),
            evidence=[self.sentence_evidence(sent)],
            paragraphs={sent.paragraph},
            sentences={sent.index},
            event_sentences=set() if mention.kind == "casualty" else {sent.start},
            place_inherited=inherited,
            place_after=at > mention.start,
        )

    def other_towns(self, draft: _Draft) -> list[_Draft]:
        """ACLED codes one demonstration per place: "des rassemblements ont lieu à Naplouse et Qalqilyah, à Ramallah
        et à Jéricho" is four, one draft per further town its sentence names after the trigger."""
        if draft.event_type not in CROWDS or draft.place is None or draft.place_inherited:
            return []
        sent = draft.sentence
        named = [p for p in self._stated_places(sent) if draft.mention.start <= p.start]
        joint = _list_joint(self.doc.language or "fr")
        # only a list names further places ("à Naplouse et Qalqilyah, à Ramallah"); "in Tahrir square (Rusafa) in
        # central Baghdad" is one place told in its areas
        towns = [p.place for prev, p in zip(named, named[1:]) if joint.fullmatch(self.text[prev.end:p.start])
                 and not _country_only(p.place) and p.place.geo_precision <= 2]
        seen = {(draft.place.name, draft.place.country)}
        out = []
        for town in towns:
            if (town.name, town.country) in seen:
                continue
            seen.add((town.name, town.country))
            out.append(replace(draft, place=town, evidence=list(draft.evidence), paragraphs=set(draft.paragraphs),
                               sentences=set(draft.sentences), event_sentences=set(draft.event_sentences),
                               also_at=f"{town.name}|{town.country}"))
        return out

    def _date_for(self, mention: EventMention, sent: Sentence) -> ResolvedDate | None:
        """The date of what ``mention`` tells: the nearest in its sentence, else its paragraph's, else the lede's;
        None when the text gives none (filled from publication with a vaguer precision).

        A background date (history; without a publication date, any year or month) gives its date to nothing:
        in the sentence or its paragraph it makes the sentence history ("L'armée a pris le pouvoir en février
        2021. Depuis, 6.000 civils ont été tués"), and the caller drops the event; it never frames a later
        paragraph. Without a publication date a day named in the sentence but not knowable ("ont attaqué
        mercredi ... une trêve négociée en 2020") leaves the event undated, not dated by the year it recalls.
        """
        published = self.doc.published
        others = self.others_dates.get(mention.start, frozenset())
        in_sentence = [d for d in self.dates if sent.start <= d.mention.start < sent.end]
        if published is None:
            in_sentence += [d for d in self.unknowable if sent.start <= d.mention.start < sent.end]
        # another trigger's day is not this one's; its history still is ("après une attaque de 2019")
        in_sentence = [d for d in in_sentence if d.mention.start not in others or d.is_background(published)]
        if in_sentence:
            nearest = min(in_sentence, key=lambda d: abs(d.mention.start - mention.start))
            return nearest if nearest.date is not None else None
        paragraph = [d for d in self.dates if self.sentence_at(d.mention.start).paragraph == sent.paragraph]
        before = [d for d in paragraph if d.mention.start < sent.start]
        if before:
            return framing_date(before, self.sentence_at(before[-1].mention.start), self.text, self.date_owners)
        # "Les forces russes mènent des frappes. Au cours des dernières 24 heures, 200 ...": the date that opens the
        # next sentence; one told further on ("un cessez-le-feu ... qui s'est terminé mardi", "à partir du 1er
        # juillet", in a scraped article that is one long paragraph) is another happening's
        following = [d for d in paragraph if (nxt := self.sentence_at(d.mention.start)).index == sent.index + 1
                     and d.mention.start - nxt.start <= _OPENING_CHARS]
        if following:
            return following[0]
        # the lede's date frames an article's later paragraphs (and its headline); a year or a month named
        # in passing ("comme en 2016") frames nothing beyond its own paragraph;
        # a date from weeks before publication ("un cessez-le-feu qui a commencé le 12 janvier") frames nothing
        lede = [d for d in self.dates if d.mention.start < sent.start and d.time_precision <= WEEK
                and not d.is_background(published)
                and (published is None or (d.age_days(published) or 0) <= SETTINGS.frame_date_max_age_days)]
        # a timeline's heading dates its section, however old (then what the section tells is history)
        lede += [d for d in self.headings if d.mention.start < sent.start]
        return max(lede, key=lambda d: d.mention.start) if lede else None

    def _compared(self, when: ResolvedDate) -> bool:
        """A year or month told as a comparison ("comme en 2016"), not as when the event happened."""
        tail = " " + " ".join(self.text[max(0, when.mention.start - 30):when.mention.start].lower().split()[-3:]) + " "
        return any(f" {cue} " in tail for cue in compare_cues(self.doc.language or "fr"))

    def _cumulative(self, sent: Sentence, when: ResolvedDate | None) -> bool:
        """A sentence counting from a period's start weeks ago ("depuis le 7 octobre, 40.000 tués") and dated by
        nothing else tells a war-long toll or an ongoing situation, not one event."""
        if when is not None and sent.start <= when.mention.start < sent.end:
            return False
        published = self.doc.published
        return any(
            sent.start <= d.mention.start < sent.end and (d.age_days(published) or 0) > SETTINGS.cumulative_since_min_days
            for d in self.since
        )

    def _place_for(self, mention: EventMention, sent: Sentence,
                   actors: tuple[_Actor | None, ...]) -> tuple[Place | None, bool, int]:
        """The event's place, whether it was inherited from an earlier sentence, and where it is named (-1: unknown).

        In its sentence: the place of the target, else the first one after the trigger, else the first; a
        country alone yields to a town or province of the sentence and never stands for a foreign actor's own
        country ("l'armée turque a bombardé Saraqeb"). Else the last town, province or region named before (a
        capital only where an event was placed: else it is named for its government). A place
        named as who speaks ("a indiqué l'Élysée"), as a go-between, or as who acts ("Damas réplique", "des frappes
        par Paris, Londres et Washington": a capital standing for its state) is no scene. Else the town a party of
        the sentence comes from, where the sentence names no other place ("People from the town of Bittou marched").
        """
        stated = self._place_stated(mention, sent, actors)
        if isinstance(stated, _Located):
            self.scenes.add(stated.start)
            return stated.place, False, stated.start
        if stated is not None:
            return stated, False, -1
        # no later event happens where a sentence telling history did ("les attentats de Bruxelles en 2016"), nor in
        # a capital named but where nothing was placed yet: it stands for its government ("la confiance de
        # Washington", "le président turc a promis un soutien à Bakou")
        before = [p for p in self.places if p.start < sent.start and not _country_only(p.place)
                  and (self.sentence_at(p.start).start not in self.history or p.start in self.scenes)
                  and not (capital(p.place) and p.start not in self.scenes)
                  and not self._no_scene(p)]
        if before:
            return before[-1].place, True, before[-1].start
        # "People from the town of Bittou marched": where the sentence names no other place (known or not: "militias
        # from Yagaba marched to Gordi"), the crowd's town is where it marched
        origin = [p for p in self.places if sent.start <= p.start < sent.end and not _country_only(p.place)
                  and self._in_origin(p.start)]
        if origin and all(self._in_origin(start) for start in self.named if sent.start <= start < sent.end):
            return origin[0].place, False, origin[0].start
        return None, False, -1

    def _place_stated(self, mention: EventMention, sent: Sentence,
                      actors: tuple[_Actor | None, ...]) -> _Located | Place | None:
        """The event's place in its own sentence, or the article's country where it says "dans le centre du pays"."""
        # who acts, when its head word is a place name, is the place's state: no scene ("Damas réplique")
        heads = [r.head_start for r in (mention.actor1, *mention.assoc1) if r is not None and r.head_start >= 0]
        in_sentence = [p for p in self._stated_places(sent) if not any(p.start <= h < p.end for h in heads)
                       and not self.told_apart(p.start, mention)]
        # a state's own forces name their country only as who they are; a rebel group fights at home
        foreign = {a.country for a in actors if a is not None and a.country and a.inter == STATE_INTER}
        local = [p for p in in_sentence if not _country_only(p.place)]
        countries = [p for p in in_sentence if _country_only(p.place) and p.place.country not in foreign]
        if mention.target is not None:
            # (what a crowd is against is no place where the sentence names a town: "protested in Tayeeglow town
            # against Israel's recognition of Somaliland" is in Tayeeglow)
            for p in local + (countries if not (local and mention.event_type in CROWDS) else []):
                if p.start < mention.target.end and mention.target.start < p.end:
                    return p
            # "s'être emparé d'une hauteur stratégique dans le Karabakh": where the target lies
            for p in in_sentence:
                if located_by(self.text, mention.target.end, p.start, self.doc.language or "fr"):
                    return p
        # "(alors que ... à Bamako,) quatre soldats ont été tués ... dans le centre du pays": the article's country
        area = country_area_at(self.text[sent.start:sent.end], self.doc.language or "fr")
        area_country = self.home if area is not None and sent.start + area >= mention.start else None
        for candidates in (local, countries):
            if candidates:
                after = [p for p in candidates if p.start >= mention.start]
                if not after and area_country is not None:
                    return area_country
                return after[0] if after else nearest_before(candidates)
        return area_country

    def _stated_places(self, sent: Sentence) -> list[_Located]:
        """The places of a sentence that may be where something happened."""
        return [p for p in self.places if sent.start <= p.start < sent.end and not self._no_scene(p)]

    def told_apart(self, offset: int, mention: EventMention) -> bool:
        """Whether ``offset`` lies in a clause that tells another event than ``mention`` (``elsewhere``: "après celle
        qui a fait trois morts à Reading"), so that its places and figures are not the mention's."""
        return any(a <= offset < b and not a <= mention.start < b for a, b in self.elsewhere)

    def _in_origin(self, start: int) -> bool:
        """Whether a name starting at ``start`` is in a party's origin phrase ("fighters from the provinces of
        Aleppo")."""
        return any(a <= start < b for a, b in self.origins)

    def _no_scene(self, located: _Located) -> bool:
        """The place is (in) a claimant's phrase ("a indiqué l'Élysée") or a party's origin, a go-between
        ("négociée par la Russie"), an occasion's ("lors d'une visite à Ankara"), a capital standing for its state
        ("des frappes par Paris") or the area written after a place it contains ("Yanfolila (Sikasso)"): not where
        anything happened. Worked out once per place."""
        if located.start not in self._not_scene:
            lang, floor = self.doc.language or "fr", self.sentence_at(located.start).start
            self._not_scene[located.start] = (
                located.area or any(a <= located.start < b for a, b in self.speakers) or self._in_origin(located.start)
                or mediator(self.text, located.start, floor, lang) or occasion_place(self.text, located.start, lang)
                or stands_for_state(self.text, located, self.places, lang))
        return self._not_scene[located.start]

    def sentence_evidence(self, sent: Sentence) -> Evidence:
        return Evidence(self.doc.doc_id, sent.start, sent.end, self.text[sent.start : sent.end])

# A date this close (characters) to the start of the sentence after an undated event opens it ("Au cours des
# dernières 24 heures, ..."): it frames what that sentence continues telling.
_OPENING_CHARS = 40
