"""Where a toponym stands: the mention itself (``PlaceMention``) and the distance-and-direction phrases that place
one mention relative to another ("à 6 kilomètres à l'ouest de Saraqib", "à 10 km de X et à 6 km de Y", "Le
village, ..., est situé à ..."), attached by ``attach_relations``. Read by ``frontwatch.extract.places``, which finds
the mentions, and ``frontwatch.extract.geocode``, which resolves the anchors and offsets the points. The words are the
language's data (``places_directions.tsv``, ``places_units.tsv``, ``places_approx.tsv``, ``places_qualifiers.tsv``),
compiled by ``place_words``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from frontwatch.extract.parties import state_named

if TYPE_CHECKING:
    from frontwatch.extract.place_words import PlaceLexicon

# A relative phrase's anchor must start within this many characters after "de" ("la ville stratégique de").
_ANCHOR_WINDOW = 60
# A target and its relative phrase may be this far apart ("Khan Al Assal, situé à moins de 2km de").
_TARGET_GAP = 45


@dataclass(frozen=True)
class RelativePosition:
    """A distance-and-direction phrase placing a mention relative to an anchor mention."""

    anchor: str
    anchor_start: int
    anchor_end: int
    start: int
    end: int
    text: str
    distance_km: float | None = None
    bearing: float | None = None  # degrees clockwise from north
    qualifier: str = "exact"  # exact, about, up_to, more_than


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in the text: offsets, the type word before it, and any relative placement."""

    text: str
    start: int
    end: int
    sentence: int
    type_hint: str | None = None  # a row of data/gazetteer/feature_types.tsv
    cue: str | None = None  # the type noun as written ("village", "aéroport")
    is_admin_context: bool = False  # "province d'Idleb", "campagne d'Alep": context for places nearby
    relations: tuple[RelativePosition, ...] = ()
    # ner, cue, gazetteer (untagged text), capital (untagged, another country's), anaphor ("Le village" opening a
    # sentence) or relative (a distance from a place that names no place of its own: "à 60 km de Niamey")
    source: str = "ner"
    phrase: str | None = None  # the type noun with the name ("aéroport d'Alep"), when there is one
    country: str | None = None  # the country the phrase itself names ("la capitale malienne": ML), ISO code
    # the areas written right after the name as lying around it, narrowest first: "Tiloa (Ouallam, Tillaberi)"
    within: tuple[str, ...] = ()


def sentence_of(starts: Sequence[int], offset: int) -> int:
    """The index of the sentence (by its start, in ``starts``) that holds ``offset``."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _distance(m: re.Match[str], lex: PlaceLexicon) -> tuple[float | None, str]:
    qualifier = lex.qualifiers.get(re.sub(r"\s+", " ", (m.group("qual") or "").lower()), "exact")
    if m.group("num"):
        value = float(m.group("num").replace(",", "."))
    elif m.group("approx"):
        value, qualifier = lex.approx[re.sub(r"\s+", " ", m.group("approx").lower())], "about"
    else:
        return None, qualifier
    unit = lex.units.get(m.group("unit").lower(), 1.0)
    return value * unit, qualifier


def attach_relations(mentions: list[PlaceMention], text: str, lex: PlaceLexicon, sent_starts: Sequence[int],
                      lang: str = "fr") -> list[PlaceMention]:
    relations: dict[int, list[RelativePosition]] = {}
    found: list[tuple[int, int, float | None, float | None, str]] = []
    taken: list[tuple[int, int]] = []
    for m in lex.relative_re.finditer(text):
        km, qualifier = _distance(m, lex)
        bearing = lex.bearings.get(m.group("dir").lower()) if m.group("dir") else None
        found.append((m.start(), m.end(), km, bearing, qualifier))
        taken.append((m.start(), m.end()))
    for m in lex.bare_direction_re.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append((m.start(), m.end(), None, lex.bearings.get(m.group("dir").lower()), "about"))
    for m in lex.near_re.finditer(text) if lex.near_re is not None else ():  # "Sham Gare village near Bariirre"
        if not any(s <= m.start() < e for s, e in taken):
            found.append((m.start(), m.end(), None, None, "about"))
    found.sort()
    previous_target: tuple[int, int] | None = None  # (mention index, end of the last phrase's anchor)
    for start, end, km, bearing, qualifier in found:
        anchor = next((i for i, mm in enumerate(mentions) if end <= mm.start <= end + _ANCHOR_WINDOW), None)
        if anchor is None:
            continue
        anchor_m = mentions[anchor]
        if re.search(r"[.;!?]", text[end : anchor_m.start]):
            continue
        target = _target(mentions, text, start, anchor, previous_target, lex, lang)
        if isinstance(target, PlaceMention):  # "Le village, ..., est situé à": its antecedent is elsewhere
            target = replace(target, sentence=sentence_of(sent_starts, target.start))
            mentions.append(target)
            target = len(mentions) - 1
        if target is None and km is not None:  # "un parc à 60 km au sud-est de Niamey": the phrase is the place
            mentions.append(PlaceMention(text[start:anchor_m.end], start, anchor_m.end, sentence_of(sent_starts, start),
                                         source="relative"))
            target = len(mentions) - 1
        previous_target = (target, anchor_m.end) if target is not None else None
        if target is None:
            continue
        rel = RelativePosition(
            anchor=anchor_m.text, anchor_start=anchor_m.start, anchor_end=anchor_m.end, start=start,
            end=anchor_m.end, text=text[start : anchor_m.end], distance_km=km, bearing=bearing, qualifier=qualifier,
        )
        relations.setdefault(target, []).append(rel)
    out = [replace(m, relations=tuple(relations.get(i, ()))) for i, m in enumerate(mentions)]
    return sorted(out, key=lambda m: m.start)


def _target(mentions: list[PlaceMention], text: str, start: int, anchor: int,
            previous: tuple[int, int] | None, lex: PlaceLexicon, lang: str = "fr") -> int | PlaceMention | None:
    """Which mention a relative phrase at ``start`` places: the one just before it, the one the previous
    phrase placed ("à 10 km de X et à 6 km de Y"), or the last one of the type a definite noun phrase
    opening the sentence names ("Le village, ..., est situé à ...")."""
    if previous is not None and re.fullmatch(r"\s*(?:,|et|,\s*et)\s*", text[previous[1] : start]):
        return previous[0]
    before = [i for i, m in enumerate(mentions) if m.end <= start and i != anchor]
    if before and not state_named(mentions[before[-1]].text, lang):  # "de l'Ukraine située à 15 km de": no country
        i = before[-1]
        gap = text[mentions[i].end : start]
        if len(gap) <= _TARGET_GAP and not re.search(r"[.;!?]", gap):
            return i
    sentence_start = max((s for s in _sentence_bounds(text, start)), default=0)
    m = lex.definite_type_re.match(text[sentence_start:start])
    if m:
        type_name = lex.types.get(m.group("cue").lower(), (None, False))[0]
        same = [i for i in before if mentions[i].type_hint == type_name and start - mentions[i].end < 400]
        if same:
            return same[-1]
        np_start = sentence_start + m.start()
        return PlaceMention(
            text=text[np_start : sentence_start + m.end()].strip(), start=np_start, end=sentence_start + m.end(),
            sentence=0, type_hint=type_name, cue=m.group("cue").lower(), source="anaphor",
        )
    return None


def _sentence_bounds(text: str, pos: int) -> Iterable[int]:
    for m in re.finditer(r"[.!?]\s+|\n", text[:pos]):
        yield m.end()
