"""Fusion of the five seed articles as extracted: one store vs five, shuffled orders, bounds on the tolls."""

from __future__ import annotations

import json
import random
from datetime import date

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


@pytest.mark.xfail(
    strict=True,
    reason="known gap (issue 4): extraction places seed 002's report of the Wednesday attack at country level "
    "and dates 001's entry into Aleppo a day after 002's, so no seed happening fuses across outlets yet",
)
def test_fuse_seeds_one_store_has_fewer_events_than_five(extracted, tmp_path):
    one = _fuse(extracted, sorted(extracted), tmp_path / "one.db")
    five = sum(len(_fuse(extracted, [d], tmp_path / f"{d}.db")) for d in extracted)
    assert len(one) < five
    assert any(len({s.doc_id for s in e.sources}) >= 2 for e in one)


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
