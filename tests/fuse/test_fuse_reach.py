"""Fusion's store lookup: the reaches of a new mention never leave out a stored mention the relation would pair it with."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from fuse_factories import PLACES, mention

from frontwatch.extract.geocode import offset_point
from frontwatch.fuse import box_around, fuse_events, fuse_into_store, mention_reaches
from frontwatch.fuse.cluster import assign_roles, attachable, linked
from frontwatch.records import Document
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.store import open_store

TEXTS = (
    "Des frappes russes ont touché {town} mercredi, faisant trois blessés selon les autorités locales.",
    "Bombardement russe sur {town} : trois blessés, selon le gouverneur de la région.",
    "Les combats se poursuivent près de {town}, a indiqué l'état-major ukrainien dans son bulletin.",
)
# Distances from the anchor town that sit on either side of the fusion thresholds (3 km and 25 km by default).
EDGE_KM = (0.0, 1.0, 2.95, 3.05, 12.0, 24.9, 25.1, 40.0, 300.0)


def _doc(doc_id: str) -> Document:
    return Document(doc_id=doc_id, text="texte", original="texte", content_hash=doc_id)


def _random_mention(rng: random.Random, doc_id: str, start: int, anchor: tuple[float, float]):
    """A mention placed around ``anchor`` near the distance thresholds, with any mix of precisions and areas."""
    event_type = rng.choice(["Explosions/Remote violence", "Battles"])
    when = (date(2024, 6, 12) + timedelta(days=rng.randint(-40, 40))).isoformat()
    m = mention(doc_id, rng.choice(TEXTS).format(town="Kramatorsk"), day=when, event_type=event_type,
                time_precision=rng.choice([1, 1, 2, 3]), geo_precision=rng.choice([1, 1, 2, 3]), start=start,
                actor1=rng.choice(["Military Forces of Russia (2000-)", None]))
    lat, lon = offset_point(*anchor, rng.choice(EDGE_KM), rng.uniform(0, 360))
    placed = rng.random() > 0.1
    return replace(
        m,
        latitude=lat if placed else None,
        longitude=lon if placed else None,
        geonameid=rng.choice([704147, 704147, None, 700569]),
        country=rng.choice(["Ukraine", "Ukraine", "Ukraine", "Russia", None]),
        admin1=rng.choice(["Donetsk", "Donetsk", "Kharkiv", None]),
    )


def _random_documents(seed: int, n_docs: int, anchor: tuple[float, float]) -> dict[str, list]:
    rng = random.Random(seed)
    return {
        f"doc-{seed}-{k:03d}": [_random_mention(rng, f"doc-{seed}-{k:03d}", i * 100, anchor) for i in range(rng.choice([1, 1, 2, 3]))]
        for k in range(n_docs)
    }


ANCHORS = {
    "Donbas": PLACES["Kramatorsk"][:2],
    "near the antimeridian": (65.0, 179.95),
    "near the pole": (89.9, 20.0),
    "Sahel": PLACES["Gao"][:2],
}


@pytest.mark.parametrize("anchor", list(ANCHORS), ids=list(ANCHORS))
@pytest.mark.parametrize("km", [3.0, 25.0, 120.0])
def test_box_around_holds_every_point_within_reach(anchor, km):
    lat, lon = ANCHORS[anchor]
    lat0, lat1, lon0, lon1 = box_around(lat, lon, km)
    rng = random.Random(7)
    for _ in range(2000):
        plat, plon = offset_point(lat, lon, km * rng.choice([1.0, rng.random()]), rng.uniform(0, 360))
        assert haversine_km(lat, lon, plat, plon) <= km + 1e-6
        assert lat0 <= plat <= lat1 and lon0 <= plon <= lon1


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("anchor", ["Donbas", "near the antimeridian"])
def test_mention_reaches_never_drop_a_stored_mention_the_relation_pairs(seed, anchor, tmp_path):
    docs = {d: assign_roles(ms) for d, ms in _random_documents(seed, 110, ANCHORS[anchor]).items()}
    pool = [m for ms in docs.values() for m in ms]
    with open_store(str(tmp_path / "reach.db")) as store:
        store.save_many([(_doc(d), ms, ms, {m.event_id: m.event_id for m in ms}, ()) for d, ms in docs.items()])
        pairs = 0
        for a in pool:
            found = {m.event_id for _, m in store.mentions_within(mention_reaches(a))} if mention_reaches(a) else set()
            for b in pool:
                if b.sources[0].doc_id == a.sources[0].doc_id:
                    continue
                if linked(a, b) or attachable(a, b) or attachable(b, a):
                    pairs += 1
                    assert b.event_id in found, (a, b)
    assert pairs >= 40  # the generated mentions do pair often enough for the test to mean something


@pytest.mark.parametrize("seed", [4, 5])
def test_fuse_into_store_random_documents_equal_batch(seed, tmp_path):
    docs = _random_documents(seed, 45, ANCHORS["Donbas"])
    batch = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in fuse_events([m for ms in docs.values() for m in ms]))
    order = random.Random(seed).sample(sorted(docs), len(docs))
    with open_store(str(tmp_path / "fw.db")) as store:
        for doc_id in order:
            fuse_into_store(store, _doc(doc_id), docs[doc_id])
        stored = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())
    assert stored == batch
    assert len(batch) < sum(map(len, docs.values()))  # some reports did fuse


def test_fuse_into_store_contested_report_weighs_precise_ones_outside_the_new_reach(tmp_path):
    """A month-level report fitting two stored strikes equally well, 20 days before a new one it fits less well,
    stays alone as in one go (the store is asked for every strike it fits, not only those near the new one)."""
    far = [
        mention("kyiv-independent", TEXTS[0].format(town="Kramatorsk"), day="2024-06-10"),
        mention("ukrinform", TEXTS[0].format(town="Sloviansk"), place="Sloviansk", day="2024-06-08"),
    ]
    monthly = mention("rfi", "Le gouverneur fait état de frappes russes répétées dans la région de Donetsk en juin.",
                      place="Donetsk", day="2024-06-20", time_precision=3, geo_precision=3)
    new = mention("afp", TEXTS[2].format(town="Kramatorsk"), day="2024-06-30")
    everything = [*far, monthly, new]
    batch = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in fuse_events(everything))
    with open_store(str(tmp_path / "fw.db")) as store:
        for m in everything:
            fuse_into_store(store, _doc(m.sources[0].doc_id), [m])
        stored = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())
    assert stored == batch
    assert len(batch) == 4  # no strike is its strictly best fit: it joins none
