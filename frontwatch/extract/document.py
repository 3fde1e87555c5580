"""Extract one document's events: triage, parse candidates, then join triggers, dates, places, actors, claims."""

from __future__ import annotations

import hashlib
import logging
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy
from spacy.tokens import Doc

from frontwatch.errors import InputError
from frontwatch.extract.claims import find_attributions
from frontwatch.extract.dates import find_dates
from frontwatch.extract.events import EventMention, Role, find_event_mentions, finalise_sub_event_type
from frontwatch.extract.places import find_place_mentions, infer_country_focus, resolve_place_mentions
from frontwatch.extract.quantities import Figure, find_figures
from frontwatch.extract.sentences import Sentence, split_sentences
from frontwatch.extract.triggers import triage
from frontwatch.fuse.notes import write_notes
from frontwatch.fuse.reconcile import reconcile
from frontwatch.nlp.model import MODELS, load_nlp
from frontwatch.records import Claim, Document, Event, Evidence, Place, Source
from frontwatch.resolve.actors import ActorMatch, ActorRegistry
from frontwatch.resolve.dates import ResolvedDate, resolve_dates
from frontwatch.resolve.publishers import PublisherRegistry

log = logging.getLogger(__name__)

# Statuses of an event mention that make it an event; the rest are kept out of the record.
EVENT_STATUSES = frozenset({"asserted", "reported_hedged"})


@dataclass(frozen=True)
class _Located:
    """A resolved place mention with its offsets in the document."""

    start: int
    end: int
    place: Place


@dataclass(frozen=True)
class _Actor:
    """An actor as it will be exported: canonical name (or as written), inter code, registry id."""

    name: str
    inter: int | None
    actor_id: str | None


def extract_document(doc: Document) -> list[Event]:
    """The events ``doc`` reports on its own, each with claims, evidence and one source."""
    lang = doc.language or "fr"
    if lang not in MODELS:
        raise InputError(f"Document {doc.doc_id} is in {lang!r}; frontwatch has language data for {sorted(MODELS)}.")
    text = doc.text
    sentences = split_sentences(text, lang)
    if not sentences:
        return []
    keep = triage(text, [(s.start, s.end) for s in sentences], lang)
    nlp = load_nlp(lang)
    full, parsed = _parse(nlp, text, sentences, keep)

    registry = ActorRegistry.load(lang)
    actor_matches = registry.find(text, on_date=doc.published)
    dates = resolve_dates(find_dates(text, lang), doc.published)
    places = _resolve_places(full, lang, exclude=[(a.start, a.end) for a in actor_matches])
    spans = [(s.start, s.end) for s in sentences]
    figures = find_figures(text, spans, lang, doc=full)
    attributions = dict(find_attributions(text, spans, lang, doc=full))

    mentions: list[EventMention] = []
    for sent, sdoc in parsed:
        mentions.extend(find_event_mentions(sdoc, lang, offset=sent.start, published=doc.published))
    mentions = [m for m in mentions if m.status in EVENT_STATUSES]
    mentions.sort(key=lambda m: m.start)

    ctx = _Context(doc, text, sentences, dates, places, actor_matches, registry)
    drafts = []
    for mention in mentions:
        draft = ctx.draft(mention)
        if draft is not None:
            drafts.append(draft)
    drafts = _merge_same_happening(drafts)
    claims = ctx.claims(figures, attributions, drafts)
    source = _source(doc)
    return [_finish(d, claims.get(i, ()), source) for i, d in enumerate(drafts)]


def _parse(nlp, text: str, sentences: Sequence[Sentence], keep: Sequence[bool]) -> tuple[Doc, list[tuple[Sentence, Doc]]]:
    """Run the full pipeline on the sentences triage kept, only tokenize the rest; join them into one Doc.

    Each chunk runs from a sentence's start to the next one's, so the joined Doc's text is the document's
    text exactly and its offsets are the document's offsets. The kept sentences' own Docs are returned too.
    """
    bounds = [s.start for s in sentences] + [len(text)]
    chunks = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    chosen = [i for i, k in enumerate(keep) if k]
    full_docs = dict(zip(chosen, nlp.pipe(chunks[i] for i in chosen)))
    parts = [nlp.make_doc(text[: bounds[0]])] if bounds[0] else []
    for i, chunk in enumerate(chunks):
        part = full_docs.get(i)
        if part is None:
            part = nlp.make_doc(chunk)
            if len(part):
                part[0].is_sent_start = True
        parts.append(part)
    parsed = [(sentences[i], full_docs[i]) for i in chosen]
    for part in parts:
        part.tensor = numpy.zeros((0,), dtype="float32")  # joined Docs must agree on the tensor's width
    joined = Doc.from_docs(parts, ensure_whitespace=False) if parts else nlp.make_doc(text)
    return joined, parsed


def _resolve_places(full: Doc, lang: str, exclude: Sequence[tuple[int, int]]) -> list[_Located]:
    place_mentions = find_place_mentions(full, lang, exclude=exclude)
    if not place_mentions:
        return []
    focus = infer_country_focus(place_mentions)
    located = []
    for mention, place in resolve_place_mentions(place_mentions, country_focus=focus, lang=lang):
        if place is not None:
            located.append(_Located(mention.start, mention.end, place))
    return sorted(located, key=lambda p: p.start)


@dataclass
class _Draft:
    """An event being assembled from one trigger (or several merged ones) of one document."""

    mention: EventMention
    sentence: Sentence
    event_type: str
    sub_event_type: str
    event_date: ResolvedDate | None
    place: Place | None
    actor1: _Actor | None
    actor2: _Actor | None
    assoc1: tuple[str, ...]
    assoc2: tuple[str, ...]
    evidence: list[Evidence]


class _Context:
    """What the whole document knows, consulted to place, date and attribute each trigger."""

    def __init__(self, doc, text, sentences, dates, places, actor_matches, registry) -> None:
        self.doc = doc
        self.text = text
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.dates = [d for d in dates if d.is_event_date]
        self.places = places
        self.actor_matches = sorted(actor_matches, key=lambda a: a.start)
        self.registry = registry

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[max(0, bisect_right(self.sent_starts, offset) - 1)]

    def draft(self, mention: EventMention) -> _Draft | None:
        sent = self.sentence_at(mention.start)
        when = self._date_for(mention, sent)
        if when is not None and when.is_background(self.doc.published):
            log.debug("background event dropped: %s", mention.trigger)
            return None
        actor1 = self._actor(mention.actor1)
        actor2 = self._actor(mention.actor2)
        if actor1 is None and actor2 is None and mention.event_type not in ("Protests", "Riots"):
            actor1 = self._nearest_actor(mention.start)
        sub_type = finalise_sub_event_type(mention.sub_event_type, actor1.inter if actor1 else None)
        return _Draft(
            mention=mention,
            sentence=sent,
            event_type=mention.event_type,
            sub_event_type=sub_type,
            event_date=when,
            place=self._place_for(mention, sent),
            actor1=actor1,
            actor2=actor2 if actor2 is None or actor1 is None or actor2.name != actor1.name else None,
            assoc1=self._names(mention.assoc1, exclude=actor1),
            assoc2=self._names(mention.assoc2, exclude=actor2),
            evidence=[self._sentence_evidence(sent)],
        )

    def _date_for(self, mention: EventMention, sent: Sentence) -> ResolvedDate | None:
        in_sentence = [d for d in self.dates if sent.start <= d.mention.start < sent.end]
        if in_sentence:
            return min(in_sentence, key=lambda d: abs(d.mention.start - mention.start))
        before = [d for d in self.dates if d.mention.start < sent.start]
        same_paragraph = [d for d in before if self.sentence_at(d.mention.start).paragraph == sent.paragraph]
        if same_paragraph:
            return same_paragraph[-1]
        if self.dates:  # the lede's date frames an article's later paragraphs
            return before[-1] if before else self.dates[0]
        return None  # filled from publication with a vaguer precision in _finish

    def _place_for(self, mention: EventMention, sent: Sentence) -> Place | None:
        in_sentence = [p for p in self.places if sent.start <= p.start < sent.end]
        if mention.target is not None:
            for p in in_sentence:
                if mention.target.start <= p.start < mention.target.end:
                    return p.place
        if in_sentence:
            after = [p for p in in_sentence if p.start >= mention.start]
            return (after or in_sentence)[0].place
        before = [p for p in self.places if p.start < sent.start]
        if before:
            return before[-1].place
        return self.places[0].place if self.places else None

    def _actor(self, role: Role | None) -> _Actor | None:
        if role is None:
            return None
        inside = [a for a in self.actor_matches if a.start < role.end and a.end > role.start]
        if inside:
            best = min(inside, key=lambda a: (a.specificity != "named", a.start))
            return _Actor(best.name, best.inter, best.actor_id)
        written = role.text.strip(" ,.;:«»\"'")
        if not written or len(written) > 80:
            return None
        if role.dep.startswith("pron") or written.lower() in _PRONOUNS:
            return self._nearest_actor(role.start)
        return _Actor(written, None, None)

    def _nearest_actor(self, offset: int) -> _Actor | None:
        before = [a for a in self.actor_matches if a.end <= offset and a.kind not in _NOT_PARTIES]
        if not before:
            return None
        a = before[-1]
        return _Actor(a.name, a.inter, a.actor_id)

    def _names(self, roles: Sequence[Role], exclude: _Actor | None) -> tuple[str, ...]:
        names: list[str] = []
        for role in roles:
            actor = self._actor(role)
            if actor is not None and actor.name not in names and (exclude is None or actor.name != exclude.name):
                names.append(actor.name)
        return tuple(names)

    def _sentence_evidence(self, sent: Sentence) -> Evidence:
        return Evidence(self.doc.doc_id, sent.start, sent.end, self.text[sent.start : sent.end])

    def claims(self, figures: Sequence[Figure], attributions, drafts: Sequence[_Draft]) -> dict[int, list[Claim]]:
        """Attach every counted figure to the event it is about, with its claimant."""
        out: dict[int, list[Claim]] = {}
        if not drafts:
            return out
        for figure in figures:
            if figure.kind is None:
                continue
            target = self._event_for_figure(figure, drafts)
            sent = self.sentence_at(figure.start)
            attribution = attributions.get(sent.index)
            claimant, claimant_id = self._claimant(attribution)
            subject, subject_id = self._subject(figure)
            relation = self._relation(claimant_id, subject_id)
            evidence = Evidence(self.doc.doc_id, sent.start, sent.end, self.text[sent.start : sent.end])
            out.setdefault(target, []).append(
                Claim(
                    kind=figure.kind,
                    value=figure.value,
                    qualifier=figure.qualifier,
                    doc_id=self.doc.doc_id,
                    evidence=evidence,
                    subject=subject,
                    claimant=claimant,
                    claimant_relation=relation,
                    part_of_total=figure.part_of is not None,
                    hedged=figure.hedged,
                )
            )
        return out

    def _event_for_figure(self, figure: Figure, drafts: Sequence[_Draft]) -> int:
        sent = self.sentence_at(figure.start)
        same = [i for i, d in enumerate(drafts) if any(e.start == sent.start for e in d.evidence)]
        if same:
            return min(same, key=lambda i: abs(drafts[i].mention.start - figure.start))
        before = [i for i, d in enumerate(drafts) if d.mention.start < figure.start]
        if before:
            same_paragraph = [i for i in before if drafts[i].sentence.paragraph == sent.paragraph]
            return (same_paragraph or before)[-1]
        return 0

    def _claimant(self, attribution) -> tuple[str | None, str | None]:
        if attribution is None:
            return None, None
        inside = [a for a in self.actor_matches if a.start < attribution.end and a.end > attribution.start]
        if inside:
            best = min(inside, key=lambda a: (a.specificity != "named", a.start))
            return best.name, best.actor_id
        actor = self.registry.resolve(attribution.text, on_date=self.doc.published)
        if actor is not None:
            return actor.name, actor.id
        return attribution.text.strip(" ,.;:«»\"'"), None

    def _subject(self, figure: Figure) -> tuple[str | None, str | None]:
        if figure.subject_start is not None and figure.subject_end is not None:
            inside = [a for a in self.actor_matches if a.start < figure.subject_end and a.end > figure.subject_start]
            if inside:
                best = min(inside, key=lambda a: (a.specificity != "named", a.start))
                return best.name, best.actor_id
        return (figure.subject_class or figure.subject_text), None

    def _relation(self, claimant_id: str | None, subject_id: str | None) -> str:
        if claimant_id is None:
            return "outlet"
        if subject_id is None:
            return self.registry.relation(claimant_id, None)
        return self.registry.relation(claimant_id, subject_id)


_PRONOUNS = frozenset({"il", "ils", "elle", "elles", "ceux-ci", "celles-ci", "ceux-là", "on", "le groupe", "les deux"})
_NOT_PARTIES = frozenset({"monitor", "media", "organisation", "spokesperson"})


def _merge_same_happening(drafts: list[_Draft]) -> list[_Draft]:
    """ACLED codes one event per day, place, actor pair and type: fold a document's repeats together."""
    merged: list[_Draft] = []
    for draft in drafts:
        for kept in merged:
            if _same_happening(kept, draft):
                _absorb(kept, draft)
                break
        else:
            merged.append(draft)
    return merged


def _same_happening(a: _Draft, b: _Draft) -> bool:
    if a.event_type != b.event_type:
        return False
    da, db = (a.event_date.date if a.event_date else None), (b.event_date.date if b.event_date else None)
    if da is not None and db is not None and da != db:
        return False
    pa, pb = a.place, b.place
    if pa is not None and pb is not None and (pa.name, pa.latitude, pa.longitude) != (pb.name, pb.latitude, pb.longitude):
        return False
    return _compatible(a.actor1, b.actor1) and _compatible(a.actor2, b.actor2)


def _compatible(x: _Actor | None, y: _Actor | None) -> bool:
    return x is None or y is None or x.name == y.name


_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def _absorb(kept: _Draft, other: _Draft) -> None:
    if other.sub_event_type in _TERRITORY and kept.sub_event_type not in _TERRITORY:
        kept.sub_event_type = other.sub_event_type  # the final capture outranks the fighting before it
    kept.event_date = kept.event_date or other.event_date
    if kept.place is None or (other.place is not None and other.place.geo_precision < kept.place.geo_precision):
        kept.place = other.place
    kept.actor1 = kept.actor1 or other.actor1
    kept.actor2 = kept.actor2 or other.actor2
    kept.assoc1 = tuple(dict.fromkeys(kept.assoc1 + other.assoc1))
    kept.assoc2 = tuple(dict.fromkeys(kept.assoc2 + other.assoc2))
    for e in other.evidence:
        if e not in kept.evidence:
            kept.evidence.append(e)


def _source(doc: Document) -> Source:
    publisher = PublisherRegistry.load().lookup(name=doc.publisher, url=doc.url, text=doc.text)
    return Source(
        doc_id=doc.doc_id,
        publisher=publisher.name if publisher else doc.publisher,
        url=doc.url,
        published=doc.published.isoformat() if doc.published else None,
        publisher_kind=publisher.kind if publisher else None,
        publisher_country=publisher.country if publisher else None,
    )


def mention_id(doc_id: str, start: int, event_type: str) -> str:
    """A stable id for one document's event, from where its first trigger stands."""
    return hashlib.sha256(f"{doc_id}|{start}|{event_type}".encode()).hexdigest()[:16]


def _finish(draft: _Draft, claims: Sequence[Claim], source: Source) -> Event:
    when = draft.event_date
    published: date | None = source.published and date.fromisoformat(source.published)
    if when is not None:
        event_date, precision = when.date.isoformat(), when.time_precision
    elif published is not None:
        event_date, precision = published.isoformat(), 2  # reported without a date: "within days of publication"
    else:
        event_date, precision = None, 3
    place = draft.place
    tolls = reconcile(claims)
    event = Event(
        event_id=mention_id(source.doc_id, draft.mention.start, draft.event_type),
        event_type=draft.event_type,
        sub_event_type=draft.sub_event_type,
        event_date=event_date,
        time_precision=precision,
        actor1=draft.actor1.name if draft.actor1 else None,
        actor2=draft.actor2.name if draft.actor2 else None,
        assoc_actor_1=draft.assoc1,
        assoc_actor_2=draft.assoc2,
        inter1=draft.actor1.inter if draft.actor1 else None,
        inter2=draft.actor2.inter if draft.actor2 else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else 3,
        geonameid=place.geonameid if place else None,
        fatalities=tolls.fatalities,
        fatalities_low=tolls.low,
        fatalities_best=tolls.best,
        fatalities_high=tolls.high,
        claims=tuple(claims),
        sources=(source,),
        evidence=tuple(draft.evidence),
        trigger=draft.mention.trigger,
        extra={"place_method": place.method if place else None, "place_score": place.score if place else None},
    )
    return replace(event, notes=write_notes(event))
