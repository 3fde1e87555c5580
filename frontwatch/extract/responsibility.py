"""Who did an act of violence its own sentence told with no party: the registry party a sentence names as having
claimed or planted it ("L'attaque a été revendiquée par le GSIM", "Al-Shabaab claimed responsibility"; cues in
``data/lang/<iso>/responsibility_cues.tsv``). Reads the drafts of one document and fills their actor1."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError
from frontwatch.extract.arguments import lookup
from frontwatch.extract.draft import Draft
from frontwatch.extract.merge import VIOLENCE_TYPES
from frontwatch.extract.modality import load_modality
from frontwatch.extract.parties import NOT_PARTIES, WORD, canonical, party
from frontwatch.extract.political import ORGANISED_INTERS
from frontwatch.extract.sentences import Sentence
from frontwatch.resolve.actors import ActorMatch


@lru_cache(maxsize=None)
def _responsibility_cues(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    """Words after or before which a party is who did an act (``data/lang/<lang>/responsibility_cues.tsv``)."""
    try:
        rows = lang_file(lang, "responsibility_cues")
    except DataFileError:  # a language without the list reads no claim of responsibility
        return ()
    return tuple((re.compile(r"\b" + r"\s+".join(map(re.escape, r["cue"].split())) + r"\b", re.IGNORECASE), r["side"])
                 for r in rows)


_CLAIM_GAP = 40  # characters at most between the cue and the party it names


def claimed_by(drafts: Sequence[Draft], text: str, actor_matches: Sequence[ActorMatch],
               sentence_at: Callable[[int], Sentence], lang: str) -> None:
    """Violence told with no party doing it (none, or a phrase as written: "a roadside IED") takes the party a
    sentence names as having done it ("an IED detonated near Inata ... the device was likely planted by JNIM and/or
    ISGS militants", "Al-Shabaab claimed responsibility of the attacks"): the registry party right after or before a
    responsibility cue (``responsibility_cues.tsv``), for the unnamed violence of the cue's sentence or of the two
    sentences before it."""
    def unnamed(d: Draft) -> bool:
        return (d.actor1 is None or not canonical(d.actor1)) and d.event_type in VIOLENCE_TYPES

    if not any(unnamed(d) for d in drafts):
        return
    for pattern, side in _responsibility_cues(lang):
        for cue in pattern.finditer(text):
            if side == "after":
                found = [a for a in actor_matches if cue.end() <= a.start <= cue.end() + _CLAIM_GAP]
                match = min(found, key=lambda a: a.start, default=None)
            else:
                found = [a for a in actor_matches if cue.start() - _CLAIM_GAP <= a.end <= cue.start()]
                match = max(found, key=lambda a: a.end, default=None)
            if (match is None or match.kind in NOT_PARTIES or match.inter not in ORGANISED_INTERS
                    or negated(text, cue.start(), cue.end(), lang)):
                continue
            said = sentence_at(cue.start()).index
            for draft in drafts:
                if unnamed(draft) and any(said - 2 <= i <= said for i in draft.sentences) and (
                        draft.actor2 is None or draft.actor2.name != match.name):
                    draft.actor1 = party(match)


def negated(text: str, start: int, end: int, lang: str) -> bool:
    """Whether a negation word of the language's modality cues stands within two words of ``text[start:end]``
    ("les talibans n'ont revendiqué aucune attaque", "has not claimed responsibility")."""
    cues = load_modality(lang).dependents
    near = WORD.findall(text[max(0, start - 20):start].lower())[-2:] + WORD.findall(text[end:end + 20].lower())[:2]
    return any(lookup(w, cues) == "negation" for w in near)
