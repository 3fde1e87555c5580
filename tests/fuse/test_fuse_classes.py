"""Fusion by classes (``fuse/classes.py``): a happening reported many times fuses as it does mention by mention.

Each test fuses documents one by one into a store with ``classes.VERIFY`` on (every partition worked out on classes
is checked against ``cluster.partition`` over the mentions themselves) and compares the store with the one-go
``fuse_events`` of every mention, and with the mention-by-mention path where it says so.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest
from fuse_factories import claim, mention

import frontwatch.fuse as fuse
from frontwatch.fuse import classes, fuse_events, fuse_into_store
from frontwatch.fuse.cluster import assign_roles, partition
from frontwatch.fuse.members import partition_members
from frontwatch.records import Document
from frontwatch.store import open_store
from frontwatch.store.base import StoredMember

RUSSIA, UKRAINE = "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"
STRIKE = "Des missiles russes ont frappé {town} mercredi, faisant plusieurs blessés selon le gouverneur."
CLASH = "De violents combats ont opposé les forces russes et ukrainiennes à {town}, selon l'état-major."
PROVINCE = "Bombardements russes dans la région de Donetsk mercredi, selon les autorités régionales."


def _doc(doc_id: str) -> Document:
    return Document(doc_id=doc_id, text="texte", original="texte", content_hash=doc_id)


def _dumped(events) -> list[str]:
    return sorted(json.dumps(e.to_dict(), sort_keys=True) for e in events)


@pytest.fixture
def verified(monkeypatch):
    """Every partition worked out on classes checked against the mention-by-mention one; the paths counted."""
    monkeypatch.setattr(classes, "VERIFY", True)
    monkeypatch.setattr(fuse, "PATHS", {"classes": 0, "mentions": 0})
    monkeypatch.setattr(classes, "MEMBERS_PATH", classes.Counter())
    return fuse.PATHS


def _report(outlet: str, k: int) -> list:
    """One outlet's report of the day, in the five shapes the hot story repeats (k picks the shape)."""
    shape = k % 5
    if shape == 0:
        return [mention(outlet, STRIKE.format(town="Kramatorsk"), claims=(claim(3, doc_id=outlet),)),
                mention(outlet, PROVINCE, place="Donetsk", geo_precision=3, start=300)]
    if shape == 1:
        return [mention(outlet, STRIKE.format(town="Sloviansk"), place="Sloviansk")]
    if shape == 2:
        return [mention(outlet, CLASH.format(town="Kramatorsk"), event_type="Battles", sub_event_type="Armed clash",
                        actor2=UKRAINE, inter1=8),
                mention(outlet, STRIKE.format(town="Sloviansk"), place="Sloviansk", start=200)]
    if shape == 3:
        return [mention(outlet, "Frappe sur Gao, selon des sources locales.", place="Gao", event_type="Battles",
                        sub_event_type="Armed clash", actor1=None)]
    return [mention(outlet, STRIKE.format(town="Kramatorsk") + " Une école a été touchée.", actor1=None,
                    claims=(claim(5, doc_id=outlet, claimant="gouverneur"),))]


def _hot_story(n: int, seed: int) -> dict[str, list]:
    """n reports of the same few happenings by n outlets, a few of them worded differently."""
    rng = random.Random(seed)
    docs = {}
    for k in range(n):
        outlet = f"outlet-{k:03d}"
        found = _report(outlet, k)
        if rng.random() < 0.15:  # an outlet words it its own way: another class of the same happening
            found = [replace(m, evidence=(replace(m.evidence[0], text=m.evidence[0].text + " Bilan provisoire."),))
                     for m in found]
        docs[outlet] = found
    return docs


def _fuse_one_by_one(docs: dict[str, list], order: list[str], path) -> list[str]:
    with open_store(str(path)) as store:
        for doc_id in order:
            fuse_into_store(store, _doc(doc_id), docs[doc_id])
        return _dumped(store.iter_events())


@pytest.mark.parametrize("proof", [True, False], ids=["proof", "members"])
@pytest.mark.parametrize("seed", [1, 2])
def test_fuse_classes_hot_story_equals_one_go_and_never_reads_mention_by_mention(verified, monkeypatch, tmp_path,
                                                                                  proof, seed):
    monkeypatch.setattr(classes, "PROOF", proof)
    docs = _hot_story(60, seed)
    order = random.Random(seed).sample(sorted(docs), len(docs))
    got = _fuse_one_by_one(docs, order, tmp_path / "hot.db")
    assert got == _dumped(fuse_events([m for ms in docs.values() for m in ms]))
    assert len(got) < 12  # 60 reports, a few happenings (and the variants that do not fuse)
    assert verified == {"classes": 60, "mentions": 0}
    if not proof:
        assert classes.MEMBERS_PATH["documents"] == 60


def test_fuse_classes_gives_the_events_the_mention_by_mention_path_gives(verified, monkeypatch, tmp_path):
    docs = _hot_story(40, 3)
    order = random.Random(3).sample(sorted(docs), len(docs))
    by_classes = _fuse_one_by_one(docs, order, tmp_path / "classes.db")
    monkeypatch.setattr(classes, "plan_document", lambda *args: None)  # every document mention by mention
    by_mentions = _fuse_one_by_one(docs, order, tmp_path / "mentions.db")
    assert by_classes == by_mentions
    assert verified["classes"] == 40 and verified["mentions"] == 40


def _bridged(n: int) -> dict[str, list]:
    """n outlets each report a Russian attack and a Ukrainian one at Kramatorsk that day (two happenings: the sides
    differ), and one outlet a clash there naming no side, with the same words: it links to both."""
    docs = {}
    for k in range(n):
        outlet = f"wire-{k:02d}"
        docs[outlet] = [
            mention(outlet, CLASH.format(town="Kramatorsk"), event_type="Battles", sub_event_type="Armed clash"),
            mention(outlet, CLASH.format(town="Kramatorsk"), event_type="Battles", sub_event_type="Armed clash",
                    actor1=UKRAINE, inter1=8, start=400),
        ]
    docs["bridge"] = [mention("bridge", CLASH.format(town="Kramatorsk"), event_type="Battles",
                              sub_event_type="Armed clash", actor1=None)]
    return docs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fuse_classes_report_linking_two_happenings_is_partitioned_on_members(verified, tmp_path, seed):
    docs = _bridged(12)
    order = random.Random(seed).sample(sorted(docs), len(docs))
    got = _fuse_one_by_one(docs, order, tmp_path / "bridge.db")
    assert got == _dumped(fuse_events([m for ms in docs.values() for m in ms]))
    assert 2 <= len(got) <= 3  # the bridge joins a side (where partition's order takes it), the two stay apart
    assert verified == {"classes": len(docs), "mentions": 0}
    if order.index("bridge") < len(order) - 1:  # a later report of either side meets the bridge: the proof gives up
        assert classes.MEMBERS_PATH["documents"] > 0


@pytest.mark.parametrize("seed", range(8))
def test_fuse_classes_report_linking_two_happenings_is_taken_turn_by_turn(verified, monkeypatch, tmp_path, seed):
    """Where a bridging report meets both happenings at one level, the level's links are followed turn by turn on
    classes (``turns``): the bridge joins the happening ``partition``'s order of ids gives it, later reports join
    their own, each checked against the mention-by-mention partition; where that order is not known for sure (a
    class's later mentions could come first), the partition is worked out on members."""
    docs = _bridged(10)
    del docs["bridge"]
    name = f"bridge-{seed}"  # another name, another id: before or after the first reports of either side
    docs[name] = [mention(name, CLASH.format(town="Kramatorsk"), event_type="Battles", sub_event_type="Armed clash",
                          actor1=None)]
    taken = []
    take_level = classes.take_level
    monkeypatch.setattr(classes, "take_level", lambda *args: taken.append(take_level(*args)) or taken[-1])
    order = random.Random(seed).sample(sorted(docs), len(docs))
    got = _fuse_one_by_one(docs, order, tmp_path / "bridge.db")
    assert got == _dumped(fuse_events([m for ms in docs.values() for m in ms]))
    assert verified == {"classes": len(docs), "mentions": 0}
    if seed in (1, 6):  # every later report of either side proven on classes
        assert True in taken and classes.MEMBERS_PATH["documents"] == 0


def test_fuse_classes_partitioned_on_members_grows_stored_events_from_their_folds(tmp_path, monkeypatch):
    """A report partitioned on members that only joins stored happenings builds them from the folds this process
    kept, as the proof on classes does: the happenings' stored mentions are not read again for each new report."""
    monkeypatch.setattr(classes, "MEMBERS_PATH", classes.Counter())
    monkeypatch.setattr(classes, "take_level", lambda *args: False)  # the bridged levels go to the members
    docs = _bridged(12)
    order = ["wire-00", "bridge", *(d for d in sorted(docs) if d not in ("wire-00", "bridge"))]
    read: list[str] = []
    with open_store(str(tmp_path / "bridge.db")) as store:
        mentions_of = store.mentions_of
        monkeypatch.setattr(store, "mentions_of", lambda ids: (read.extend(ids), mentions_of(ids))[1])
        for doc_id in order:
            fuse_into_store(store, _doc(doc_id), docs[doc_id])
        got = _dumped(store.iter_events())
    assert got == _dumped(fuse_events([m for ms in docs.values() for m in ms]))
    assert classes.MEMBERS_PATH["documents"] >= 10  # every report after the bridge
    assert read == []


@pytest.mark.parametrize("seed", range(6))
def test_partition_members_is_partition(seed):
    """``partition_members`` over stored events and a new document is ``cluster.partition`` of the same mentions."""
    rng = random.Random(seed)
    docs = _bridged(8) | _hot_story(30, seed)
    new_id = rng.choice(sorted(docs))
    stored = [m for d, ms in docs.items() if d != new_id for m in assign_roles(ms)]
    groups = partition(stored)
    members = {}
    for group in groups:
        eid = min(m.event_id for m in group)
        members[eid] = [StoredMember(m.event_id, m.sources[0].doc_id, m.extra["fuse_class"],
                                             m.extra["fuse_role"], m.extra["fuse_unit"]) for m in group]
    reps = {m.extra["fuse_class"]: m for m in stored}
    new = assign_roles(docs[new_id])
    expected = sorted(sorted(m.event_id for m in g) for g in partition([*new, *stored]))
    got = partition_members(new, new_id, members, dict(reps), classes.pairs_for())
    assert sorted(got) == expected


def test_fuse_classes_a_class_is_what_the_pairwise_tests_read():
    a = assign_roles([mention("afp", STRIKE.format(town="Kramatorsk"))])[0]
    same = assign_roles([mention("rfi", STRIKE.format(town="Kramatorsk"), start=40)])[0]
    other_words = assign_roles([mention("rts", STRIKE.format(town="Kramatorsk") + " Une usine touchée.")])[0]
    other_actor = assign_roles([mention("bbc", STRIKE.format(town="Kramatorsk"), actor1=None)])[0]
    assert a.extra["fuse_class"] == same.extra["fuse_class"]  # other document, offsets and id: same class
    assert len({a.extra["fuse_class"], other_words.extra["fuse_class"], other_actor.extra["fuse_class"]}) == 3


def _own_fit(n: int) -> dict[str, list]:
    """An outlet reports strikes at Kramatorsk and Sloviansk and Russian bombing in their province, which fits both
    equally (a vague report); other outlets report a strike at Bakhmut, in the same province, which it fits as well.
    It may join only another outlet's report: the Bakhmut strike is its strictly best fit."""
    docs = {"solo": [
        mention("solo", STRIKE.format(town="Kramatorsk")),
        mention("solo", STRIKE.format(town="Sloviansk"), place="Sloviansk", start=200),
        mention("solo", PROVINCE, place="Donetsk", geo_precision=3, start=400),
    ]}
    for k in range(n):
        bakhmut = mention(f"other-{k}", STRIKE.format(town="Bakhmut"))
        docs[f"other-{k}"] = [replace(bakhmut, latitude=48.5956, longitude=38.0003, geonameid=712165, location="Bakhmut")]
    return docs


@pytest.mark.parametrize("proof", [True, False], ids=["proof", "members"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fuse_classes_vague_report_is_never_fitted_to_its_own_documents_report(verified, monkeypatch, tmp_path,
                                                                               proof, seed):
    monkeypatch.setattr(classes, "PROOF", proof)
    docs = _own_fit(6)
    assert [m.extra["fuse_role"] for m in assign_roles(docs["solo"])] == ["precise", "precise", "vague"]
    order = random.Random(seed).sample(sorted(docs), len(docs))
    got = _fuse_one_by_one(docs, order, tmp_path / "own.db")
    assert got == _dumped(fuse_events([m for ms in docs.values() for m in ms]))
    province = next(json.loads(e) for e in got if "Bombardements" in e)
    assert province["location"] == "Bakhmut"  # its own document's reports fit it as well, but never count


def _child_rows(store) -> dict[str, list]:
    """The claim, evidence and source rows of every event (their positions left out), and whether positions repeat."""
    out = {}
    with store._engine.connect() as conn:
        for table, columns in (("claims", "event_id, claimant, kind, subject, value, qualifier, doc_id, start, \"end\", "
                                          "text, claimant_relation"),
                               ("evidence", "event_id, doc_id, start, \"end\", text"),
                               ("event_sources", "event_id, doc_id, publisher, url, published")):
            out[table] = sorted(map(repr, conn.exec_driver_sql(f"SELECT {columns} FROM {table}").all()))
        for table in ("claims", "evidence"):
            repeated = conn.exec_driver_sql(f"SELECT event_id, position FROM {table} GROUP BY 1, 2 HAVING count(*) > 1")
            assert not repeated.all(), table
    return out


def test_fuse_classes_growing_an_event_writes_what_rewriting_it_writes(tmp_path, monkeypatch):
    """A report joining a stored happening adds its own claim, evidence and source rows to the stored ones (renamed
    when its mention becomes the smallest): the same rows and payloads as rewriting every event whole."""
    docs = _hot_story(50, 4)
    order = random.Random(4).sample(sorted(docs), len(docs))
    results = []
    for name in ("grown", "whole"):
        with open_store(str(tmp_path / f"{name}.db")) as store:
            if name == "whole":
                save = store.save
                monkeypatch.setattr(store, "save", lambda *args: save(*args[:5]))  # no ``grown`` hint
            for doc_id in order:
                fuse_into_store(store, _doc(doc_id), docs[doc_id])
            results.append((_dumped(store.iter_events()), _child_rows(store), store.stats()))
    assert results[0] == results[1]
    assert results[0][2]["claims"] >= 20 and results[0][2]["evidence"] > results[0][2]["events"]
