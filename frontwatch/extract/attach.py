"""Which event each counted figure of a document is about, and who claims it: the claims of the events a document
drafted (``extract_document`` calls ``attach_claims`` once its drafts are folded and placed).

A figure of a sentence told as history, a running total or an accident is no event's; a figure is the event's its
sentence reports, else a framed toll's lead event, else the nearest event before it; its claimant is the
attribution of its statement (or the monitor whose statement frames it), narrowed to the event's region.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from frontwatch.extract.claims import TOLL_KINDS, attribution_at, carry_monitor_tolls, is_framed_toll
from frontwatch.extract.draft import Draft, violence
from frontwatch.extract.political import says
from frontwatch.extract.quantities import Figure
from frontwatch.records import Claim
from frontwatch.resolve.actors import ActorRegistry
from frontwatch.settings import SETTINGS

if TYPE_CHECKING:
    from frontwatch.extract.document import _Context

log = logging.getLogger(__name__)

_HARMED = frozenset({"killed", "wounded", "casualties"})


def attach_claims(ctx: _Context, figures: Sequence[Figure], attributions,
                  drafts: Sequence[Draft]) -> dict[int, list[Claim]]:
    """Attach every counted figure to the event it is about, with its claimant.

    A figure outside its sentence's statement (a coordinated clause of its own) is the outlet's; an
    unattributed casualty figure that a monitor's statement frames is the monitor's
    (``claims.carry_monitor_tolls`` states the rule).
    """
    out: dict[int, list[Claim]] = {}
    if not drafts:
        return out
    counted = [f for f in figures if f.kind is not None]
    own = {id(f): _claimant(ctx, attribution_at(attributions, ctx.sentence_at(f.start).index, f.start))
           for f in counted}
    tolls = {ctx.sentence_at(f.start).index for f in counted if f.kind in TOLL_KINDS}
    claimed = {ctx.sentence_at(f.start).index for f in counted if f.kind in TOLL_KINDS and own[id(f)][0]}

    def monitor_of(attribution) -> str | None:
        _, actor_id = _claimant(ctx, attribution)
        return actor_id if actor_id and ctx.registry.relation(actor_id, None) == "neutral_monitor" else None

    carried = carry_monitor_tolls(ctx.text, [(s.start, s.end) for s in ctx.sentences], attributions,
                                  tolls - claimed, claimed, monitor_of, ctx.doc.language or "fr")
    told = {e.start for d in drafts for e in d.evidence}
    lang = ctx.doc.language or "fr"
    for figure in counted:
        sent = ctx.sentence_at(figure.start)
        if sent.start in ctx.history - told:
            log.debug("figure of a sentence told as history or a running total dropped: %s", figure.value)
            continue
        told_here = ctx.text[sent.start:sent.end]
        if says("cumulative", told_here, lang):
            log.debug("figure of a running total (over a war, over months) dropped: %s", figure.value)
            continue
        if (sent.start not in told and says("not_political", told_here, lang)
                and not says("political", told_here, lang)):
            # "Treize militaires ont péri dans la collision de leurs deux hélicoptères": an accident's toll
            log.debug("figure of an accident, a disaster or a disease dropped: %s", figure.value)
            continue
        target = _event_for_figure(ctx, figure, drafts)
        if target is None or (figure.kind in TOLL_KINDS and _dated_apart(ctx, figure, drafts[target])):
            continue
        if ctx.told_apart(figure.start, drafts[target].mention):
            log.debug("figure of the event a pronoun stands for dropped: %s", figure.value)  # "après celle qui a
            continue  # fait trois morts à Reading"
        if (figure.kind in TOLL_KINDS and figure.value >= SETTINGS.single_event_toll_max
                and (figure.vague or sent.start not in drafts[target].event_sentences)):
            # "des milliers d'enfants ... se préparent à mourir": thousands told vaguely are a war's, not one event's
            log.debug("toll too large for one event, vague or told apart from it, dropped: %s", figure.value)
            continue
        claimant, claimant_id = own[id(figure)]
        if claimant is None and figure.kind in TOLL_KINDS and sent.index in carried:
            claimant, claimant_id = _claimant(ctx, carried[sent.index])
        place = drafts[target].place
        if claimant_id is not None and place is not None:  # "les autorités régionales" of the event's region
            narrowed = ctx.registry.narrow_to_place(
                claimant_id, (place.name, place.admin1, place.mention), ctx.doc.published)
            if narrowed is not None:
                claimant, claimant_id = narrowed.name, narrowed.id
        subject, subject_id = _subject(ctx, figure)
        relation = _relation(ctx.registry, claimant_id, subject_id)
        evidence = ctx.sentence_evidence(sent)
        out.setdefault(target, []).append(
            Claim(
                kind=figure.kind,
                value=figure.value,
                qualifier=figure.qualifier,
                doc_id=ctx.doc.doc_id,
                evidence=evidence,
                subject=subject,
                claimant=claimant,
                claimant_relation=relation,
                part_of_total=figure.part_of is not None,
                hedged=figure.hedged,
            )
        )
    return out


def _event_for_figure(ctx: _Context, figure: Figure, drafts: Sequence[Draft]) -> int | None:
    """The event a figure is about: the one its sentence reports; a toll the text calls a toll ("le
    bilan de l'offensive") outside any event's sentence sums up the article's lead event; else the
    nearest event before it, those where the counted group is a party first, in its paragraph first.
    Only a toll (killed, wounded, missing, captured) reaches an event of an earlier paragraph: people
    displaced or ground gained told apart from any event are a whole campaign's, not one event's (None). The dead
    and wounded told apart from any event are never a truce's, an arrest's or a protest's: only an act of
    violence reaches them."""
    sent = ctx.sentence_at(figure.start)
    same = [i for i, d in enumerate(drafts) if any(e.start == sent.start for e in d.evidence)]
    if same:
        return min(same, key=lambda i: abs(drafts[i].mention.start - figure.start))
    reach = range(len(drafts))
    if figure.kind in _HARMED:
        reach = [i for i in reach if drafts[i].sub_event_type in violence()]
        if not reach:
            return None
    if figure.kind in TOLL_KINDS and is_framed_toll(ctx.text[sent.start:sent.end], ctx.doc.language or "fr"):
        return min(reach, key=lambda i: drafts[i].mention.start)
    before = [i for i in reach if drafts[i].mention.start < figure.start]
    if not before:
        return reach[0]
    counted, _ = _subject(ctx, figure)
    if counted is not None:
        parties = [i for i in before if counted in (
            drafts[i].actor1 and drafts[i].actor1.name, drafts[i].actor2 and drafts[i].actor2.name,
            *drafts[i].assoc1, *drafts[i].assoc2)]
        before = parties or before
    same_paragraph = [i for i in before if drafts[i].sentence.paragraph == sent.paragraph]
    if not same_paragraph and figure.kind not in TOLL_KINDS:
        return None  # "les avancées du régime ont contraint 1,7 million de civils à fuir": a campaign's figure
    return max(same_paragraph or before, key=lambda i: drafts[i].mention.start)


def _dated_apart(ctx: _Context, figure: Figure, draft: Draft) -> bool:
    """Whether the day nearest a toll in its sentence is another trigger's and not the event's ("people protested on
    24 July after 4 people had been killed on 23 July": the dead are another day's)."""
    sent = ctx.sentence_at(figure.start)
    days = [d for d in ctx.dates if sent.start <= d.mention.start < sent.end]
    if not days or draft.event_date is None:
        return False
    nearest = min(days, key=lambda d: abs(d.mention.start - figure.start))
    owner = ctx.date_owners.get(nearest.mention.start)
    return owner is not None and owner != draft.mention.start and nearest.date != draft.event_date.date


def _claimant(ctx: _Context, attribution) -> tuple[str | None, str | None]:
    if attribution is None:
        return None, None
    best = ctx.parties.actor_within(attribution.start, attribution.end)
    if best is not None:
        return best.name, best.actor_id
    actor = ctx.registry.resolve(attribution.text, on_date=ctx.doc.published)
    if actor is not None:
        return actor.name, actor.id
    return attribution.text.strip(" ,.;:«»\"'"), None


def _subject(ctx: _Context, figure: Figure) -> tuple[str | None, str | None]:
    if figure.subject_start is not None and figure.subject_end is not None:
        best = ctx.parties.actor_within(figure.subject_start, figure.subject_end)
        if best is not None:
            return best.name, best.actor_id
    return (figure.subject_class or figure.subject_text), None


def _relation(registry: ActorRegistry, claimant_id: str | None, subject_id: str | None) -> str:
    return "outlet" if claimant_id is None else registry.relation(claimant_id, subject_id)
