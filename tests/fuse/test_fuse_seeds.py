"""Fusion of the five seed articles as extracted: one store vs five, shuffled orders, bounds on the tolls."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
from seed_files import SEED_PUBLISHED
from frontwatch.fuse import fuse_into_store
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.store import open_store

@pytest.fixture(scope="module")
def extracted(seed_paths):
    """(document, mentions) per seed, extracted once (loads the spaCy model)."""
    from frontwatch.extract.document import extract_document
    from frontwatch.ingest import iter_documents

    out = {}
    for path in seed_paths:
        (doc,) = [d for d in iter_documents([str(path)], published=date.fromisoformat(SEED_PUBLISHED[path.stem]))]
        out[doc.doc_id] = (doc, extract_document(doc))
    return out


def _fuse(extracted, order, path):
    with open_store(str(path)) as store:
        for doc_id in order:
            fuse_into_store(store, *extracted[doc_id])
        return list(store.iter_events())


def _shared_happenings() -> dict[str, list[tuple[str, list[str]]]]:
    """Happening key -> (document, evidence phrases) of each seed reporting it, for happenings reported twice or more."""
    gold = json.loads((Path(__file__).resolve().parents[2] / "eval" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    units: dict[str, list[tuple[str, list[str]]]] = {}
    for doc in gold["documents"]:
        for event in doc["events"]:
            if event.get("happening"):
                units.setdefault(event["happening"], []).append((doc["doc_id"], event["evidence"]))
    return {key: found for key, found in units.items() if len({d for d, _ in found}) > 1}


def test_fuse_seeds_one_store_has_fewer_events_than_five(extracted, tmp_path):
    one = _fuse(extracted, sorted(extracted), tmp_path / "one.db")
    five = sum(len(_fuse(extracted, [d], tmp_path / f"{d}.db")) for d in extracted)
    assert len(one) < five


@pytest.mark.parametrize("happening", sorted(_shared_happenings()))
def test_fuse_seeds_happening_told_by_two_outlets_is_one_event_with_both_sources(extracted, tmp_path, happening):
    """The Wednesday attack (seeds 000, 002) and the entry into Aleppo (001, 002), found by the gold's evidence."""
    events = _fuse(extracted, sorted(extracted), tmp_path / "one.db")


    def found(event, doc_id, phrases):  # how many of the gold's evidence phrases this event's evidence holds
        return sum(any(ev.doc_id == doc_id and p in ev.text for ev in event.evidence) for p in phrases)

    holding = {max(events, key=lambda e: found(e, doc_id, phrases)).event_id
               for doc_id, phrases in _shared_happenings()[happening]}
    assert len(holding) == 1, holding
    (event,) = [e for e in events if e.event_id in holding]
    assert {d for d, _ in _shared_happenings()[happening]} <= {s.doc_id for s in event.sources}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fuse_seeds_shuffled_order_gives_identical_events(extracted, tmp_path, seed):
    ref = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in _fuse(extracted, sorted(extracted), tmp_path / "a.db"))
    order = random.Random(seed).sample(sorted(extracted), len(extracted))
    got = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in _fuse(extracted, order, tmp_path / "b.db"))
    assert got == ref


def test_fuse_seeds_no_event_merges_distant_places_and_tolls_are_ordered(extracted, tmp_path):
    events = _fuse(extracted, sorted(extracted), tmp_path / "one.db")
    with open_store(str(tmp_path / "one.db")) as store:
        mentions = store.mentions_of([e.event_id for e in events])
    for event in events:
        precise = [m for m in mentions[event.event_id] if m.geo_precision == 1 and m.latitude is not None]
        for a in precise:
            for b in precise:
                assert haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= 3.0
        values = [v for v in (event.fatalities_low, event.fatalities_best, event.fatalities_high) if v is not None]
        assert values == sorted(values)
        assert event.fatalities == (event.fatalities_low or 0)


def _copy(doc, mentions, k: int):
    """The document and its mentions as reported again by another outlet: its own id, the same text."""
    from dataclasses import replace

    doc_id = f"{doc.doc_id}-copy{k}"

    def moved(e):
        return replace(e, doc_id=doc_id)

    out = [
        replace(m, event_id=f"{m.event_id}-{k}", sources=tuple(replace(s, doc_id=doc_id) for s in m.sources),
                evidence=tuple(moved(e) for e in m.evidence),
                claims=tuple(replace(c, doc_id=doc_id, evidence=moved(c.evidence)) for c in m.claims))
        for m in mentions
    ]
    return replace(doc, doc_id=doc_id, content_hash=f"{doc.content_hash}-{k}"), out


def test_fuse_seeds_hot_story_by_classes_equals_mention_by_mention(extracted, tmp_path, monkeypatch):
    """The five seeds reported eight times each (issue 15's hot story): fused by classes, every partition checked
    against the mention-by-mention one, the events are those of the mention-by-mention path and of one go."""
    import frontwatch.fuse as fuse
    from frontwatch.fuse import classes, fuse_events

    copies = [_copy(doc, mentions, k) for k in range(8) for doc, mentions in extracted.values()]
    random.Random(15).shuffle(copies)

    def stored(path):
        with open_store(str(path)) as store:
            for doc, mentions in copies:
                fuse_into_store(store, doc, mentions)
            return sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())

    monkeypatch.setattr(classes, "VERIFY", True)
    monkeypatch.setattr(fuse, "PATHS", {"classes": 0, "mentions": 0})
    by_classes = stored(tmp_path / "classes.db")
    assert fuse.PATHS == {"classes": len(copies), "mentions": 0}
    monkeypatch.setattr(classes, "plan_document", lambda *args: None)
    assert stored(tmp_path / "mentions.db") == by_classes
    assert by_classes == sorted(json.dumps(e.to_dict(), sort_keys=True)
                                for e in fuse_events([m for _, ms in copies for m in ms]))
