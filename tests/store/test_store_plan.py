"""Batch planning: a batch of saves has the same effect as the same saves one by one."""

from __future__ import annotations

import dataclasses
import json

import pytest
from store_factories import KHARKIV, SUDAN, build_corpus, make_document, make_event, mention_of

from frontwatch.records import Event
from frontwatch.store import open_store
from frontwatch.store.plan import StoredMention, plan
from frontwatch.store.rows import dumps


@pytest.mark.parametrize("key", ["kharkiv", "mali", "sudan", "gaza"])
def test_dumps_gives_the_json_of_to_dict(key):
    _, event = build_corpus()[key]
    event = dataclasses.replace(event, extra={"trigger_lemma": "frapper", "scores": [0.9, 0.4]})
    assert json.loads(dumps(event)) == json.loads(json.dumps(event.to_dict()))


def _scenario_items(name):
    """Sequences of saves written the way the pipeline writes them, including re-saves and merges."""
    reuters = make_document("reuters-kharkiv", KHARKIV, publisher="Reuters")
    afp = make_document("afp-kharkiv", "Une frappe de missile russe sur Kharkiv a tué au moins 14 civils jeudi.")
    sudan = make_document("afp-wad-madani", SUDAN)
    a = make_event("ev-a", reuters, "frappe de missile russe sur Kharkiv")
    b = make_event("ev-b", afp, "frappe de missile russe sur Kharkiv", fatalities=14)
    s = make_event(
        "ev-s",
        sudan,
        "ont pris le contrôle de Wad Madani",
        event_type="Battles",
        sub_event_type="Non-state actor overtakes territory",
        fatalities=25,
    )
    ab = dataclasses.replace(a, event_id="ev-ab", sources=a.sources + b.sources, fatalities=12)
    if name == "merge_across_items":
        return [
            (reuters, [mention_of(a)], [a], {"ev-a-m": "ev-a"}, ()),
            (sudan, [mention_of(s)], [s], {"ev-s-m": "ev-s"}, ()),
            (afp, [mention_of(b)], [ab], {"ev-a-m": "ev-ab", "ev-b-m": "ev-ab"}, ("ev-a",)),
        ]
    if name == "resave_same_document":
        revised = dataclasses.replace(s, fatalities=30)
        return [
            (sudan, [mention_of(s)], [s], {"ev-s-m": "ev-s"}, ()),
            (reuters, [mention_of(a)], [a], {"ev-a-m": "ev-a"}, ()),
            (sudan, [mention_of(s)], [revised], {}, ()),
        ]
    if name == "document_loses_its_mention":
        return [
            (reuters, [mention_of(a)], [a], {"ev-a-m": "ev-a"}, ()),
            (reuters, [], [], {}, ()),
        ]
    raise AssertionError(name)


def _snapshot(store):
    events = [e.to_dict() for e in store.iter_events()]
    mentions = store.mentions_of([e["event_id"] for e in events])
    links = {eid: sorted(m.event_id for m in ms) for eid, ms in mentions.items()}
    return store.stats(), events, links


@pytest.mark.parametrize("name", ["merge_across_items", "resave_same_document", "document_loses_its_mention"])
def test_save_many_equals_saves_one_by_one(tmp_path, name):
    items = _scenario_items(name)
    one_by_one = open_store(str(tmp_path / "seq.db"))
    batched = open_store(str(tmp_path / "batch.db"))
    try:
        for item in items:
            one_by_one.save(*item)
        batched.save_many(items)
        assert _snapshot(batched) == _snapshot(one_by_one)
    finally:
        one_by_one.close()
        batched.close()


def test_save_many_merge_leaves_one_event_with_both_mentions(tmp_path):
    store = open_store(str(tmp_path / "m.db"))
    try:
        store.save_many(_scenario_items("merge_across_items"))
        stats, events, links = _snapshot(store)
        assert [e["event_id"] for e in events] == ["ev-ab", "ev-s"]
        assert links == {"ev-ab": ["ev-a-m", "ev-b-m"], "ev-s": ["ev-s-m"]}
    finally:
        store.close()


def test_plan_rejects_a_mention_id_of_another_document():
    corpus = build_corpus()
    doc, event = corpus["mali"]
    other = make_document("afp-copy", doc.text)
    mention = mention_of(event)
    with pytest.raises(ValueError, match="already belongs to afp-djiguibombo"):
        plan([(doc, [mention], [event], {}, ()), (other, [mention], [], {}, ())], {})


def test_plan_moves_stored_mentions_of_other_documents():
    doc, event = build_corpus()["gaza"]
    stored = {"old-m": StoredMention("afp-older", "ev-old")}
    write = plan(
        [(doc, [mention_of(event)], [event], {"ev-rafah-m": "ev-rafah", "old-m": "ev-rafah"}, ("ev-old",))], stored
    )
    assert write.moved == {"old-m": "ev-rafah"}
    assert write.events == {"ev-old": None, "ev-rafah": event}
    assert list(write.mentions) == ["ev-rafah-m"]
    assert isinstance(write.mentions["ev-rafah-m"][0], Event)
