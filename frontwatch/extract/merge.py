"""Fold one document's event drafts that report the same happening: headline and lede, repeats, anaphors."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from frontwatch.extract.draft import Actor as _Actor
from frontwatch.extract.draft import Draft as _Draft
from frontwatch.extract.draft import country_only as _country_only
from frontwatch.extract.events import TERRITORY, finalise_sub_event_type
from frontwatch.extract.parties import canonical
from frontwatch.extract.political import REMOTE
from frontwatch.extract.sentences import Sentence
from frontwatch.records import STATE_INTER
from frontwatch.resolve.actors import ActorRegistry
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.resolve.generic import generic_kind
from frontwatch.settings import SETTINGS


# A headline is one line of at most this many words (French wire and web headlines run 8 to 20 words; the
# longest of the seeds' and fixtures' is 17), with no closing full stop, among the first lines of the text.
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_PARAGRAPH = 5
# A headline's place may be the nearby town the body names more precisely ("près de Khan Younès" for a
# village 3 km away, or the city for one of its districts): within this distance it is the same place.
HEADLINE_PLACE_KM = 30.0


def headline_sentences(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """Indexes of the sentences that are headlines: a whole short line above the body with no closing full stop (it may
    ask or exclaim: "Attentat de Strasbourg : qui sont les victimes ?"); a line in the body with no full stop is a
    cross-heading or a caption, not the article's headline."""
    per_paragraph: dict[int, list[Sentence]] = {}
    for sent in sentences:
        per_paragraph.setdefault(sent.paragraph, []).append(sent)
    out = set()
    for paragraph, sents in per_paragraph.items():
        if len(sents) > 1 or text[sents[0].start : sents[0].end].rstrip().endswith("."):
            break  # the body has begun
        if len(sents) != 1 or paragraph > HEADLINE_MAX_PARAGRAPH or sents[0].index == len(sentences) - 1:
            continue
        line = text[sents[0].start : sents[0].end].strip()
        if line and line[-1] not in ".…" and len(line.split()) <= HEADLINE_MAX_WORDS:
            out.add(sents[0].index)
    return frozenset(out)


def cross_headings(text: str, sentences: Sequence[Sentence], headlines: frozenset[int]) -> frozenset[int]:
    """Indexes of the body's cross-headings: short lines with no closing full stop between two sentences of the
    body (AFP's "- Quatre soldats tués -"), which announce the section after them."""
    return frozenset(
        s.index for s in sentences[:-1]
        if s.index not in headlines and (line := text[s.start:s.end].strip(" -–\n"))
        and line[-1] not in ".!?…\"»" and len(line.split()) <= HEADLINE_MAX_WORDS // 3)


def is_topic_label(draft: _Draft, text: str, headlines: frozenset[int]) -> bool:
    """A headline event named only in the topic before its colon ("Attentat de Trèbes : le récit glaçant de la
    prise d'otage", "Militaires français tués au Mali : les réactions politiques") labels what the article is
    about; what the headline reports comes after the colon ("Mali : neuf soldats tués dans une attaque")."""
    if not draft.sentences <= headlines:
        return False
    colon = text.find(":", draft.sentence.start, draft.sentence.end)
    return colon != -1 and draft.mention.end <= colon


def named_in_passing(draft: _Draft, headlines: frozenset[int], lede: int) -> bool:
    """A known event named in passing (``EventMention.known``: "l'attaque jihadiste contre l'Hyper Cacher"), told in
    one sentence only, after the lede (``lede``: its index), with no date in its sentence: the article recalls it, it
    does not report it. Told in the headline, the lede or again further on, it is what the article reports."""
    return (draft.mention.known and not _own_date(draft) and len(draft.sentences) <= 1
            and not draft.sentences <= headlines and draft.sentence.index > lede)


def merge_same_happening(drafts: list[_Draft], counted: set[int] = frozenset(),
                          headlines: frozenset[int] = frozenset(),
                          headings: frozenset[int] = frozenset()) -> list[_Draft]:
    """ACLED codes one event per day, place, actor pair and type: fold a document's repeats together.

    Folds, in order: victims counted beside an event trigger of their sentence ("tués lors d'une frappe")
    belong to it, and victims counted alone belong to the event told in the sentence before; "cette
    offensive" names the latest event of its type told before (it is kept only to carry the figures of its
    sentence, ``counted`` holds the starts of sentences with a counted figure); otherwise two drafts are one
    happening when type, date, place and actors agree (``_same_happening``). A definite subject with no
    place or date of its own ("L'attaque a été revendiquée") is the latest event of its type told before, and
    victims counted with no party and no place of their own ("Le ministère a fait état de 80 blessés") belong
    to the latest event told before, those of a cross-heading (``headings``) to the violence told right after it.
    A headline (``headlines``: sentence indexes) is merged on its own, then folded into the body's event it
    announces (``_fold_headlines``); a body draft matching a headline's group
    takes it in, so the body's wording, parties and place come first. Last, a withdrawal or shelling told
    beside the battle for the same place and parties folds into that battle (``_fold_into_battles``), and damage a
    demonstration's crowd does in its sentence makes it a violent demonstration (``_fold_crowd_damage``).
    """
    merged: list[_Draft] = []
    holder: dict[int, _Draft] = {}  # id of a draft folded away -> the draft that holds it now

    def fold(target: _Draft, draft: _Draft) -> None:
        while id(target) in holder:
            target = holder[id(target)]
        _absorb(target, draft)
        holder[id(draft)] = target

    hosts = [d for d in drafts if not _dependent(d)]
    summed = {d.sentence.index for d in drafts if sums_demonstrations(d)}
    for draft in drafts:
        if draft.sentence.index in summed and (sums_demonstrations(draft) or draft.mention.kind == "casualty"):
            continue  # "Les manifestations ont fait un mort et 528 blessés": all of them, not one place's
        host = _host_in_sentence(hosts, draft) if _dependent(draft) else None
        if host is None and draft.mention.kind == "casualty":  # "sont morts lorsque leur blindé a heurté un engin
            # explosif": a bomb, a shell or a strike of their sentence killed them, even told with no party
            host = _host_in_sentence([d for d in drafts if d.event_type == REMOTE and not d.mention.anaphoric], draft)
        if host is None and draft.mention.kind == "casualty":  # "Le bilan de cette offensive a atteint 311 morts":
            # the event "cette offensive" points back to
            host = next((d for d in drafts if d.mention.anaphoric and id(d) in holder
                         and d.sentence.start == draft.sentence.start), None)
        if host is None and draft.mention.kind == "casualty" and draft.sentence.index in headings:
            # "- Quatre soldats tués -" announces the section after it: the violence its first sentence tells
            host = next((d for d in hosts if d.sentence.index == draft.sentence.index + 1
                         and d.event_type in VIOLENCE_TYPES), None)
            if host is not None and draft.place_inherited:
                draft.place = None  # the place of the section before is not the one it announces
        if host is not None:  # the host may come later in its sentence: it carries the victims along
            fold(host, draft)
            if draft.event_type == "Riots" and host.event_type == "Protests":  # "residents protested and barricaded
                # streets", "protested by burning tires": the crowd's violence makes its demonstration a violent one
                host.event_type, host.sub_event_type = draft.event_type, draft.sub_event_type
            continue
        if draft.mention.anaphoric or draft.mention.told_before:
            target = _antecedent(merged, draft)
            if target is not None and draft.sentence.start in counted:
                fold(target, draft)
            if target is not None or draft.mention.told_before:
                continue
        target = _host_before(merged, draft, summed)
        if target is None and not _own_place(draft) and not _own_date(draft):
            if draft.mention.definite:
                target = next((k for k in reversed(merged) if k.event_type == draft.event_type), None)
            elif draft.event_type == "Protests" and draft.sub_event_type != PEACEFUL and merged and (
                    merged[-1].event_type in _PER_PLACE and max(merged[-1].sentences) == min(draft.sentences) - 1):
                # the force that met the crowd of the sentence before ("L'armée israélienne a tiré des gaz
                # lacrymogènes pour les empêcher de s'approcher"): that demonstration, met
                target = merged[-1]
                _met(target, draft)
            elif draft.mention.kind == "casualty" and draft.mention.actor1 is None:
                target = merged[-1] if merged else None
        if target is None:
            target = next((kept for kept in merged if _same_happening(kept, draft)), None)
        if target is not None and target.sentences <= headlines and not draft.sentences <= headlines:
            _absorb(draft, target)  # the body's wording decides what the headline announced
            if _typed_by_headline(draft, target):
                draft.event_type, draft.sub_event_type = target.event_type, target.sub_event_type
            holder[id(target)] = draft
            merged[merged.index(target)] = draft
        elif target is not None:
            fold(target, draft)
        else:
            merged.append(draft)
    head = [d for d in merged if d.sentences <= headlines]
    if head:
        merged = _fold_headlines(head, [d for d in merged if not d.sentences <= headlines])
    merged = _fold_into_battles(merged)
    merged = _fold_crowd_damage(merged)
    merged = _fold_loose_clashes(merged, headlines)
    for draft in merged:  # who took the place is known only once the folds are done
        if draft.sub_event_type in _TERRITORY and draft.actor1 is not None and draft.actor1.inter is not None:
            draft.sub_event_type = finalise_sub_event_type(TERRITORY, draft.actor1.inter)
    return merged


def sums_demonstrations(draft: _Draft) -> bool:
    """A plural demonstration subject with no place or date of its own ("Les manifestations ont fait un mort et 528
    blessés") sums a movement's demonstrations: ACLED codes one per place and day, so it is none of them, and the
    victims its sentence counts are no one demonstration's."""
    return (draft.mention.definite and draft.mention.plural and draft.event_type in _PER_PLACE
            and not _own_place(draft) and not _own_date(draft))


def _own_place(draft: _Draft) -> bool:
    return draft.place is not None and not draft.place_inherited


def _own_date(draft: _Draft) -> bool:
    when = draft.event_date
    return when is not None and draft.sentence.start <= when.mention.start < draft.sentence.end


def _fold_headlines(head: list[_Draft], body: list[_Draft]) -> list[_Draft]:
    """A headline announces the lede's event in fewer words: fold it into the first body event of its type
    (else of any type, when the same named force acts, else the first one at all) whose date and place agree;
    the body's wording, type and parties decide, unless the body only counts victims and the headline names
    what killed them. A headline that announces nothing the body tells stays an event of its own."""
    kept = []
    for h in head:
        fits = [b for b in body if _dates_agree(b, h) and _headline_place_agrees(b, h)]
        parties = [b for b in fits if _roles_agree(b, h, swapped=False) or _roles_agree(b, h, swapped=True)]
        target = next((b for b in parties if b.event_type == h.event_type), None)
        if target is None:
            target = next((b for b in parties if _same_named(b.actor1, h.actor1)), None)
        if target is None:
            # "Deux soldats français tués au combat" over a lede telling the IED that killed them
            target = next(iter(fits), None)
        if target is None:
            kept.append(h)
            continue
        place, actor1, actor2 = target.place, target.actor1, target.actor2
        _fold_keeping_type(target, h)
        if _typed_by_headline(target, h):
            target.event_type, target.sub_event_type = h.event_type, h.sub_event_type
        elif target.event_type != h.event_type:  # another type's reading of the parties ("au combat") fills none
            target.actor1, target.actor2 = actor1 or target.actor1, actor2
        target.place = place or h.place
    return kept + body


def _typed_by_headline(body: _Draft, head: _Draft) -> bool:
    """Victims counted with no event word of their own ("sont morts quand le véhicule a été frappé") under a
    headline that names what killed them ("tués par une bombe"): the headline's word gives the type."""
    return body.mention.kind == "casualty" and head.mention.kind == "event"


def _headline_place_agrees(body: _Draft, head: _Draft) -> bool:
    """The headline's place is the body's, the province or country holding it, or a town close to it."""
    if _places_agree(body, head):
        return True
    pa, pb = body.place, head.place
    if pa.admin1 is not None and pa.admin1 == pb.admin1 and pb.geo_precision >= 2:
        return True
    if None in (pa.latitude, pa.longitude, pb.latitude, pb.longitude):
        return False
    return haversine_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= HEADLINE_PLACE_KM


def _fold_into_battles(drafts: list[_Draft]) -> list[_Draft]:
    """ACLED: a withdrawal where a capture is reported, shelling between a battle's parties, and a grenade thrown
    in the course of an armed assault, are that battle."""
    battles = [d for d in drafts if d.event_type == "Battles"]
    out = []
    for draft in drafts:
        host = None
        if draft.sub_event_type == "Non-violent transfer of territory":
            host = next((b for b in battles if b.sub_event_type in _TERRITORY and _dates_agree(b, draft)
                         and _places_agree(b, draft)), None)
        elif draft.sub_event_type == "Shelling/artillery/missile attack" and _registered(draft):
            host = next((b for b in battles if _dates_agree(b, draft) and _places_agree(b, draft)
                         and _same_parties(b, draft)), None)
        elif draft.sub_event_type == "Grenade":  # "ils ont lancé une grenade, avant d'ouvrir le feu": the assault's
            host = next((b for b in battles if _dates_agree(b, draft) and _places_agree(b, draft)
                         and (_roles_agree(b, draft, swapped=False) or _roles_agree(b, draft, swapped=True))), None)
        if host is None:
            out.append(draft)
            continue
        kind, sub = host.event_type, host.sub_event_type
        _absorb(host, draft)
        host.event_type, host.sub_event_type = kind, sub
    return out


def _fold_crowd_damage(drafts: list[_Draft]) -> list[_Draft]:
    """ACLED: demonstrators who ransack, vandalise, burn or throw stones in their demonstration ("students
    demonstrated and ransacked the complex", "des habitants sont sortis dans les rues, jetant des pierres aux forces
    qui les ont dispersés avec du gaz lacrymogène") make it a violent demonstration; damage told in its sentence by
    the crowd, or by no named party, and a riot told in it are that demonstration, not events of their own, and so
    are such damage and a riot told with no place of their own in the sentence right after it. A demonstration told
    again after one, with neither a place nor a day of its own ("Demonstrators also remembered martyrs during their
    demonstration"), is that one."""
    crowds = [d for d in drafts if d.event_type == "Protests"]
    out = []
    for draft in drafts:
        if draft.event_type == "Protests" and not _own_place(draft) and not _own_date(draft) and (
                told := next((c for c in reversed(out) if c.event_type in _PER_PLACE
                              and max(c.sentences) < min(draft.sentences)
                              and _dates_agree(c, draft) and _places_agree(c, draft)), None)):
            _fold_keeping_type(told, draft, keep_parties=True)
            if told.sub_event_type == PEACEFUL:  # "PNC has used tear gas to disperse the protest"
                _met(told, draft)
            continue
        host = None
        # the crowd as written or named as ACLED's crowd ("The demonstrators also set the hotel on fire"), or no one
        unnamed = draft.actor1 is None or not canonical(draft.actor1) or generic_kind(draft.actor1.name) in _CROWDS
        if draft.sub_event_type == "Looting/property destruction" and unnamed or draft.event_type == "Riots":
            host = next((c for c in crowds if c is not draft and c.sentences & draft.sentences
                         and _dates_agree(c, draft) and _places_agree(c, draft)), None)
        if host is None and (draft.sub_event_type == "Looting/property destruction" or draft.event_type == "Riots") and (
                unnamed and draft.mention.actor1 is not None and not _own_place(draft)):
            # "Students protested in Yako. They engaged in some minor vandalism", "youth demonstrated ... The crowd
            # erected barricades": the crowd of the sentence before
            host = next((c for c in crowds if min(draft.sentences) - 1 in c.sentences and _dates_agree(c, draft)), None)
        if host is None:
            out.append(draft)
            continue
        _fold_keeping_type(host, draft, keep_parties=True)
        host.event_type, host.sub_event_type = "Riots", "Violent demonstration"
    return out


def _loose_clash(draft: _Draft) -> bool:
    """An armed clash read for want of a better type: "l'attaque", "tués" with at most one party named."""
    return (draft.event_type == "Battles" and draft.sub_event_type == "Armed clash"
            and (draft.actor1 is None or draft.actor2 is None))


VIOLENCE_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")  # ACLED's violent event types
PEACEFUL = "Peaceful protest"  # ACLED's sub-type of a demonstration no one met
_PER_PLACE = ("Protests", "Riots")  # demonstrations: ACLED codes one per place and day, never a country's sum
_CROWDS = ("protesters", "rioters")  # ACLED's generic actors of a demonstration's crowd


def _met(demonstration: _Draft, intervention: _Draft) -> None:
    """A demonstration an intervention folded into it tells was met: a peaceful one takes the intervention's
    sub-type, and the state force that intervened is its other side ("L'armée israélienne a tiré des gaz
    lacrymogènes pour les empêcher de s'approcher")."""
    if demonstration.sub_event_type == PEACEFUL:
        demonstration.sub_event_type = intervention.sub_event_type
    if demonstration.actor2 is None and intervention.actor1 is not None and intervention.actor1.inter == STATE_INTER:
        demonstration.actor2 = intervention.actor1


def _loosely_told(clash: _Draft, precise: _Draft, headlines: frozenset[int]) -> bool:
    """Whether an armed clash is ``precise`` told loosely: on its day (or undated) and at its place, and told
    before it (a headline or a lede announcing it) or in its paragraph; when ``precise`` is what the headline
    announces, a loose clash told anywhere, and any clash told near it or naming one actor at most (the other
    party a phrase as written: "attaque à la bombe contre le convoi du vice-président", then "notre convoi a été
    attaqué ... la plupart des gens"). Otherwise a later paragraph's clash is another event ("de son côté,
    l'armée a tué...")."""
    if clash.event_type != "Battles" or clash.sub_event_type != "Armed clash" or clash is precise:
        return False
    announced = bool(precise.sentences & headlines)
    near = clash.mention.start < precise.mention.start or bool(clash.paragraphs & precise.paragraphs)
    one_actor = sum(a is not None and canonical(a) for a in (clash.actor1, clash.actor2)) <= 1
    told = (near or announced) if _loose_clash(clash) else announced and (near or one_actor)
    return told and not _fires(clash, precise, headlines) and _dates_agree(clash, precise) and _places_agree(clash, precise)


def _attack_loosely_told(attack: _Draft, remote: _Draft, headlines: frozenset[int]) -> bool:
    """Whether an attack on civilians is the shelling, strike or bombing ``remote`` told loosely: "one civilian was
    killed due to terrorist attacks with rocket shells", "SANA reported a 'terrorist attack' on the district"
    beside the car bomb the headline announces. ACLED codes civilians hit from afar as the remote violence, with
    them as its second party, not as a second event. Told before it, in its sentence, or anywhere when it heads
    the article (in its headline or its first sentence), on its day and at the place it names, by no party
    (a phrase as written is none), by the one that fired, or by a registry party where its paragraph names no one firing."""
    if (attack.event_type, attack.sub_event_type) != ("Violence against civilians", "Attack") or remote is attack:
        return False
    if remote.event_type != REMOTE:
        return False
    done_by = attack.actor1
    if done_by is not None and canonical(done_by) and not (
            (remote.actor1 is not None and remote.actor1.name == done_by.name)
            or (remote.actor1 is None and done_by.actor_id is not None and attack.paragraphs & remote.paragraphs)):
        return False  # done by another party than the one that fired: another event (a registry party may be who
        # fired the shells its paragraph tells with no party: "a push by the government killed 23", then "jets
        # bombarded")
    if remote.place is None or remote.place_inherited or _country_only(remote.place):
        return False  # a bomb placed in no town or province is no report to fold an attack into ("alerte à la bombe")
    # told before it or in its sentence: after it, in the paragraph, "par ailleurs, l'Iran a signalé une attaque sur
    # son consulat" is another event
    near = attack.mention.start < remote.mention.start or bool(attack.sentences & remote.sentences)
    announced = bool(remote.sentences & headlines) or remote.sentence.index == 0  # the headline, or the lede
    return (near or announced) and _dates_agree(attack, remote) and _places_agree(attack, remote)


def _fires(clash: _Draft, precise: _Draft, headlines: frozenset[int]) -> bool:
    """Whether a clash told near ``precise`` (``_loosely_told`` checks where and when) names who fired, and
    ``precise`` is a bare count of shells or explosions that names no one, outside the headline ("the Ukrainian Forces
    fired small arms at the positions near Kominternove. The OSCE SMM observed 36 projectiles"): the clash is the
    exchange of fire ACLED codes, not the count told loosely, and keeps its type."""
    named = clash.actor1 is not None and canonical(clash.actor1)  # who fired, not only who was hit
    bare = precise.actor1 is None and precise.actor2 is None and not precise.sentences & headlines
    return precise.event_type == REMOTE and named and bare


def _fold_loose_clashes(drafts: list[_Draft], headlines: frozenset[int]) -> list[_Draft]:
    """A loose clash on the day and at the place of an event of a precise type the document tells (a bomb, an
    attack on civilians, a strike) is that event told loosely ("l'attaque terroriste perpétrée dimanche à
    Kouré" beside "six humanitaires ont été tués par des hommes armés"): it folds into the first such event,
    whose type and parties stand (a loose reading's parties are no better than its type); a role the event leaves
    empty takes the party of a clash told in its sentence or the one next to it, at a place of its own ("the NAF
    rebel forces fired ... at the governmental positions near Pisky" beside "the OSCE SMM observed a total of 4
    projectiles ... near Pisky, 2 soldiers wounded": the NAF fired the projectiles). A clash that names who fired
    stays apart from a bare count of shells nobody is named for (``_fires``)."""
    precise = [d for d in drafts if not _loose_clash(d) and d.event_type in VIOLENCE_TYPES]
    kept = []
    for draft in drafts:
        target = next((p for p in precise if _loosely_told(draft, p, headlines)
                       or _attack_loosely_told(draft, p, headlines)), None)
        if target is None:
            kept.append(draft)
            continue
        # the clash's parties fill the event's empty roles only when it is told beside it (in its sentence or the
        # next or last one), at a place of its own
        beside = (any(abs(i - j) <= 1 for i in draft.sentences for j in target.sentences)
                  and draft.place is not None and not draft.place_inherited)
        # an event that names nobody acting takes the one the clash names as its subject ("ASWJ insurgents attacked
        # the village of Nsemo. ... Several people were shot dead")
        told = draft.mention.actor1 is not None and draft.mention.actor1.dep == "nsubj" and draft.actor1 is not None
        _fold_keeping_type(target, draft, keep_parties=True, fill_empty=beside or (target.actor1 is None and told))
    return kept


def _fold_keeping_type(target: _Draft, other: _Draft, keep_parties: bool = False, fill_empty: bool = False) -> None:
    """Fold ``other`` into ``target``, whose type and sub-type stand (and its parties, with ``keep_parties``; with
    ``fill_empty`` too, a role ``target`` leaves empty takes ``other``'s party in that role, unless it is the
    party of ``target``'s other role)."""
    kind, sub, actor1, actor2 = target.event_type, target.sub_event_type, target.actor1, target.actor2
    _absorb(target, other)
    target.event_type, target.sub_event_type = kind, sub
    if keep_parties:
        if fill_empty:
            actor1 = actor1 if actor1 is not None or _named_as(other.actor1, actor2) else other.actor1
            actor2 = actor2 if actor2 is not None or _named_as(other.actor2, actor1) else other.actor2
        target.actor1, target.actor2 = actor1, actor2


def _same_parties(a: _Draft, b: _Draft) -> bool:
    pa = {x.name for x in (a.actor1, a.actor2) if x is not None}
    pb = {x.name for x in (b.actor1, b.actor2) if x is not None}
    return len(pb) == 2 and pa == pb


def _dependent(draft: _Draft) -> bool:
    """Victims counted ("tués", "blessés"), or a bare trigger with no party and no target of its own."""
    m = draft.mention
    return m.kind == "casualty" or not (m.actor1 or m.actor2 or m.target or m.assoc1)


def _host_in_sentence(hosts: Sequence[_Draft], draft: _Draft) -> _Draft | None:
    """The event told in the same sentence, nearest to the trigger, hosts victims counted beside it and a bare
    trigger ("l'aviation a mené des frappes et permis de repousser les attaques")."""
    same = [k for k in hosts if k is not draft and k.sentence.start == draft.sentence.start
            and k.mention.kind != "casualty" and _dates_agree(k, draft) and _own_places_agree(k, draft)]
    return min(same, key=lambda k: abs(k.mention.start - draft.mention.start), default=None)


def _host_before(merged: Sequence[_Draft], draft: _Draft, summed: Collection[int] = ()) -> _Draft | None:
    """Victims counted with no actor and no event word of their own ("200 militants ont été éliminés") are
    those of the event told in the sentence just before, in the same paragraph; after a sentence that ``summed``
    demonstrations ("Les manifestations ont fait un mort"), those of the latest demonstration."""
    if draft.mention.kind != "casualty" or draft.actor1 is not None or draft.sentence.index == 0:
        return None
    previous = draft.sentence.index - 1
    if previous in summed:
        return next((k for k in reversed(merged) if k.event_type in _PER_PLACE and _dates_agree(k, draft)), None)
    return next((k for k in reversed(merged) if previous in k.sentences and draft.sentence.paragraph in k.paragraphs
                 and _dates_agree(k, draft) and _own_places_agree(k, draft)), None)


def _antecedent(merged: Sequence[_Draft], draft: _Draft) -> _Draft | None:
    """What "cette offensive", "ces attaques" point back to: the latest event of its type told before, else (a
    generic word read as the default type) the latest violent one: "Washington a condamné ces attaques" after
    a bombing and a massacre names them."""
    told = [k for k in merged if _dates_agree(k, draft) and (
        k.event_type == draft.event_type or (draft.event_type in VIOLENCE_TYPES and k.event_type in VIOLENCE_TYPES))]
    same = [k for k in told if k.event_type == draft.event_type]
    return max(same or told, key=lambda k: max(e.start for e in k.evidence), default=None)


def _dates_agree(a: _Draft, b: _Draft) -> bool:
    da, db = (a.event_date.date if a.event_date else None), (b.event_date.date if b.event_date else None)
    return da is None or db is None or da == db


def _same_happening(a: _Draft, b: _Draft) -> bool:
    """Same type, date and place (or one unknown, or a province holding the other's town), actors that agree."""
    if a.event_type != b.event_type or not _dates_agree(a, b) or not _places_agree(a, b):
        return False
    if a.event_type != "Battles" and a.sub_event_type != b.sub_event_type and not _same_named(a.actor1, b.actor1):
        return False  # an air strike and shelling are two events, unless one force's strikes are told two ways
    symmetric = a.event_type == "Battles"  # who attacked whom is often told both ways in one report
    if not (_roles_agree(a, b, swapped=False) or (symmetric and _roles_agree(a, b, swapped=True))):
        return False
    # actors that merely do not clash must still be tied: a shared named actor, one paragraph, or no actor
    shared = _registered(a) & _registered(b)
    paragraphs = a.paragraphs & b.paragraphs
    return bool(shared or paragraphs or not _registered(a) or not _registered(b))


def _own_places_agree(host: _Draft, victims: _Draft) -> bool:
    """Victims counted at a place named after their own trigger, elsewhere than the event beside them, are another
    event's ("des militaires ont tiré sur la foule à Istanbul, tandis que 17 policiers ont été tués à Ankara"); a
    place named before them may be the event's, told in a different way ("dans le camp de Nousseirat, dans le
    centre de la bande de Gaza, tuant 22 personnes")."""
    return not victims.place_after or _places_agree(host, victims)


def _places_agree(a: _Draft, b: _Draft) -> bool:
    """One place, or one unknown or only inherited from an earlier sentence, or a province holding the other."""
    pa, pb = a.place, b.place
    if pa is None or pb is None or a.place_inherited or b.place_inherited or _country_only(pa) or _country_only(pb):
        return True
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return True
    if None not in (pa.latitude, pa.longitude, pb.latitude, pb.longitude):
        if haversine_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= SETTINGS.merge_same_place_km:
            return True
    province = pa.geo_precision >= 3 or pb.geo_precision >= 3
    return province and pa.admin1 is not None and pa.admin1 == pb.admin1


def _same_named(x: _Actor | None, y: _Actor | None) -> bool:
    return x is not None and y is not None and x.specificity == y.specificity == "named" and x.name == y.name


def _all_names(d: _Draft) -> set[str]:
    return {x.name for x in (d.actor1, d.actor2) if x is not None} | set(d.assoc1) | set(d.assoc2)


def _registered(d: _Draft) -> set[str]:
    return {x.name for x in (d.actor1, d.actor2) if x is not None and x.specificity == "named"}


def _roles_agree(a: _Draft, b: _Draft, swapped: bool) -> bool:
    b1, b2 = (b.actor2, b.actor1) if swapped else (b.actor1, b.actor2)
    return _compatible(a.actor1, b1, a, b) and _compatible(a.actor2, b2, a, b)


def _compatible(x: _Actor | None, y: _Actor | None, a: _Draft, b: _Draft) -> bool:
    """Two fillers of one role clash only when both are named registry actors, differ, and neither is an ally."""
    if x is None or y is None or x.name == y.name:
        return True
    if x.specificity != "named" or y.specificity != "named":
        return True  # as written or descriptive ("des groupes armés") may be either party's wording
    return x.name in _all_names(b) or y.name in _all_names(a)


_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def _absorb(kept: _Draft, other: _Draft) -> None:
    if other.sub_event_type in _TERRITORY and kept.sub_event_type not in _TERRITORY:
        kept.sub_event_type = other.sub_event_type  # the final capture outranks the fighting before it
    kept.event_date = kept.event_date or other.event_date
    # a more precise place, unless inherited from an earlier sentence where the kept one is the event's own
    # (a place inherited from an earlier sentence in another country never replaces the event's own country: "In
    # Iraq meanwhile, a suicide bomber ..." is not in the Syrian town told before)
    finer = other.place is not None and kept.place is not None and other.place.geo_precision < kept.place.geo_precision \
        and not (other.place_inherited and not kept.place_inherited)
    abroad = other.place is not None and kept.place is not None and other.place_inherited and not kept.place_inherited \
        and other.place.country != kept.place.country
    if kept.place is None or (other.place is not None and not abroad and (
            finer
            or (kept.place_inherited and not other.place_inherited)  # named in the event's own sentences
            or (_country_only(kept.place) and not _country_only(other.place)))):  # a province beats its country
        kept.place, kept.place_inherited = other.place, other.place_inherited
    o1, o2, a1, a2 = other.actor1, other.actor2, other.assoc1, other.assoc2
    # a place changing hands told from the loser's side ("l'armée perd le contrôle de la route", then "la
    # prise de la base" filled with the party named before it): the loser never becomes the taker
    territory = kept.sub_event_type in _TERRITORY or other.sub_event_type in _TERRITORY
    if territory and (_named_as(o1, kept.actor2) or _named_as(o2, kept.actor1)):
        o1, o2, a1, a2 = o2, o1, a2, a1
    kept.actor1 = _filler(kept.actor1, o1)
    kept.actor2 = _filler(kept.actor2, o2, hit=kept.event_type not in _PER_PLACE)  # a march hits no one
    if kept.actor2 is not None and _named_as(kept.actor1, kept.actor2):
        kept.actor2 = None  # one party on both sides is one side told twice
    kept.assoc1 = tuple(dict.fromkeys(kept.assoc1 + a1))
    kept.assoc2 = tuple(dict.fromkeys(kept.assoc2 + a2))
    kept.paragraphs |= other.paragraphs
    kept.sentences |= other.sentences
    kept.event_sentences |= other.event_sentences
    for e in other.evidence:
        if e not in kept.evidence:
            kept.evidence.append(e)


def _named_as(x: _Actor | None, y: _Actor | None) -> bool:
    """Both roles filled by the same actor."""
    return x is not None and y is not None and x.name == y.name


def _filler(mine: _Actor | None, theirs: _Actor | None, hit: bool = False) -> _Actor | None:
    """A role's filler after a fold: the kept one, or the folded draft's when the role is empty, or, for the one
    ``hit``, only a phrase as written ("attacked Chul" beside "killed 1 resident": the civilians), or when it is
    only described ("des groupes armés") and the other names a registry actor of that side ("HTS")."""
    if mine is None or (hit and theirs is not None and not canonical(mine) and canonical(theirs)):
        return theirs
    if theirs is not None and mine.specificity == "descriptive" and theirs.specificity == "named" and _same_side(mine, theirs):
        return theirs
    return mine


def _same_side(x: _Actor, y: _Actor) -> bool:
    """Registry actors of one side or of declared allies."""
    if x.actor_id is None or y.actor_id is None:
        return False
    registry = ActorRegistry.load()  # sides and alliances do not depend on the aliases' language
    sx, sy = registry.side(x.actor_id), registry.side(y.actor_id)
    return sx is not None and sy is not None and (sx == sy or registry.linked("allies", sx, sy))
