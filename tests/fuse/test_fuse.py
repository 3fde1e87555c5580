"""Fusion on hand-built mentions: what merges, what stays apart, and order independence."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date

import pytest
from fuse_factories import claim, mention

from frontwatch.fuse import fuse_events, fuse_into_store
from frontwatch.records import Document, Event
from frontwatch.settings import SETTINGS
from frontwatch.store import open_store

STRIKE = "Des frappes russes ont touché {town} mercredi, faisant plusieurs blessés selon les autorités locales."


def _doc(doc_id: str) -> Document:
    return Document(doc_id=doc_id, text="texte", original="texte", content_hash=doc_id)


def test_fuse_events_two_strikes_two_towns_same_day_stay_two():
    a = mention("afp", STRIKE.format(town="Kramatorsk"), place="Kramatorsk")
    b = mention("ukrinform", STRIKE.format(town="Sloviansk"), place="Sloviansk")
    assert len(fuse_events([a, b])) == 2


def test_fuse_events_headline_and_body_of_one_document_merge():
    head = mention("afp", "Frappes russes sur Kramatorsk", start=0)
    body = mention("afp", "L'armée russe a frappé Kramatorsk mercredi, tuant trois civils.", start=40)
    (event,) = fuse_events([head, body])
    assert len(event.evidence) == 2 and len(event.sources) == 1


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        ({"day": "2024-06-12"}, True),  # the same strike reported by a second outlet
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, False),  # another type
        ({"actor1": "Military Forces of Ukraine (2019-)", "inter1": 1}, False),  # the other side fires
        ({"actor1": None}, True),  # actor unknown in one report
        ({"place": "El Fasher"}, False),
    ],
)
def test_fuse_events_cross_document_rules(second, merged):
    a = mention("afp", "Des missiles russes ont frappé Kramatorsk mercredi matin, selon le gouverneur.")
    b = mention("rfi", "Kramatorsk a été touchée par des missiles russes, a annoncé le gouverneur régional.", **second)
    assert (len(fuse_events([a, b])) == 1) is merged


DAY_APART = replace(SETTINGS, fuse_max_days=1)


def test_fuse_events_day_apart_stays_apart_by_default():
    a = mention("afp", "Des missiles russes ont frappé Kramatorsk, selon le gouverneur Vadym Filachkine.")
    b = mention("rfi", "Kramatorsk frappée par des missiles russes, selon le gouverneur Vadym Filachkine.", day="2024-06-13")
    assert len(fuse_events([a, b])) == 2


def test_fuse_events_day_apart_merges_with_similar_evidence_when_allowed():
    a = mention("afp", "Des missiles russes ont frappé Kramatorsk, selon le gouverneur Vadym Filachkine.")
    b = mention("rfi", "Kramatorsk frappée par des missiles russes, selon le gouverneur Vadym Filachkine.", day="2024-06-13")
    assert len(fuse_events([a, b], DAY_APART)) == 1


def test_fuse_events_day_apart_with_unrelated_wording_stays_apart():
    a = mention("afp", "Des missiles russes ont frappé Kramatorsk mercredi matin, selon le gouverneur.")
    b = mention("rfi", "Nouvelle attaque de drones sur une usine de la ville, deux ouvriers blessés.", day="2024-06-13")
    assert len(fuse_events([a, b], DAY_APART)) == 2


def test_fuse_events_province_level_report_does_not_bridge_two_towns():
    a = mention("afp", STRIKE.format(town="Kramatorsk"), place="Kramatorsk")
    b = mention("afp", STRIKE.format(town="Sloviansk"), place="Sloviansk", start=200)
    vague = mention("afp", "Bombardements dans la région de Donetsk.", place="Donetsk", geo_precision=3, start=400)
    events = fuse_events([a, b, vague])
    assert len(events) == 3
    assert sorted(e.location for e in events) == ["Donetsk", "Kramatorsk", "Sloviansk"]


def test_fuse_events_province_level_report_joins_the_only_precise_one():
    a = mention("afp", STRIKE.format(town="Kramatorsk"), place="Kramatorsk")
    vague = mention("afp", "Bombardements dans la région de Donetsk.", place="Donetsk", geo_precision=3, start=400)
    (event,) = fuse_events([a, vague])
    assert event.location == "Kramatorsk" and event.geo_precision == 1


@pytest.mark.parametrize(
    ("towns", "expected"),
    [(("Kramatorsk",), 1), (("Kramatorsk", "Sloviansk"), 3)],
    ids=["one-fits", "two-fit"],
)
def test_fuse_events_other_outlets_province_level_report_joins_only_a_single_fit(towns, expected):
    precise = [mention("afp", STRIKE.format(town=t), place=t, start=200 * i) for i, t in enumerate(towns)]
    vague = mention("rfi", "Bombardements russes dans la région de Donetsk mercredi.", place="Donetsk", geo_precision=3)
    events = fuse_events([*precise, vague])
    assert len(events) == expected
    if expected == 1:
        assert {s.doc_id for s in events[0].sources} == {"afp", "rfi"}


def test_fuse_events_one_outlets_two_reports_are_never_chained_by_a_third():
    monday = mention("tass", "Missiles sur Kramatorsk lundi, usine touchée, selon le ministère.", day="2024-06-10")
    tuesday = mention("tass", "Drones contre une gare mardi, deux blessés.", day="2024-06-11", start=100)
    other = mention("afp", "Missiles sur Kramatorsk lundi soir, une usine et une gare touchées, deux blessés.", day="2024-06-10")
    events = fuse_events([monday, tuesday, other], DAY_APART)
    groups = sorted(sorted(e.extra["mention_ids"]) for e in events)
    assert len(events) == 2
    assert sorted([monday.event_id, other.event_id]) in groups


def test_fuse_events_keeps_every_claim_and_reconciles():
    a = mention("afp", "Frappe sur Gao", place="Gao", claims=(claim(12, doc_id="afp", subject="civilians"),))
    b = mention("rfi", "Frappe sur Gao", place="Gao", claims=(claim(20, doc_id="rfi", subject="civilians"),))
    (event,) = fuse_events([a, b])
    assert sorted(c.value for c in event.claims) == [12, 20]
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (12, 12, 12, 20)
    assert event.extra["disagreements"][0]["summary"] == "12 (afp) vs 20 (rfi)"
    assert event.notes.startswith("On 12 June 2024,") and "12 to 20" in event.notes


def _corpus():
    return {
        "afp": [
            mention("afp", STRIKE.format(town="Kramatorsk"), place="Kramatorsk"),
            mention("afp", STRIKE.format(town="Sloviansk"), place="Sloviansk", start=300),
        ],
        "rfi": [mention("rfi", "Kramatorsk frappée par des missiles russes mercredi.", place="Kramatorsk")],
        "rts": [mention("rts", "Missiles russes sur Sloviansk et morts civils.", place="Sloviansk", actor1=None)],
        "lemonde": [
            mention(
                "lemonde",
                "Combats à El Fasher entre l'armée et les RSF.",
                place="El Fasher",
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1="Rapid Support Forces",
                inter1=2,
            )
        ],
    }


def _stored(order, path) -> list[str]:
    corpus = _corpus()
    with open_store(str(path / "fw.db")) as store:
        for doc_id in order:
            fuse_into_store(store, _doc(doc_id), corpus[doc_id])
        return sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())


@pytest.mark.parametrize("order", list(itertools.permutations(["afp", "rfi", "rts", "lemonde"]))[::5])
def test_fuse_into_store_order_independent_and_equal_to_batch(order, tmp_path):
    batch = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in fuse_events([m for ms in _corpus().values() for m in ms]))
    assert _stored(order, tmp_path) == batch
    assert len(batch) == 3


def test_fuse_into_store_replaced_document_leaves_no_trace_in_survivors(tmp_path):
    afp = mention("afp", STRIKE.format(town="Kramatorsk"), claims=(claim(3, doc_id="afp"),))
    rfi_v1 = mention("rfi", STRIKE.format(town="Kramatorsk"), claims=(claim(5, doc_id="rfi"),))
    rfi_v2 = mention("rfi", STRIKE.format(town="Sloviansk"), place="Sloviansk")
    with open_store(str(tmp_path / "fw.db")) as store:
        fuse_into_store(store, _doc("afp"), [afp])
        fuse_into_store(store, _doc("rfi"), [rfi_v1])
        assert store.count_events() == 1
        affected = store.delete_document("rfi").affected_event_ids
        fuse_into_store(store, _doc("rfi"), [rfi_v2], affected=affected)
        events = {e.location: e for e in store.iter_events()}
    assert set(events) == {"Kramatorsk", "Sloviansk"}
    kramatorsk = events["Kramatorsk"]
    assert [s.doc_id for s in kramatorsk.sources] == ["afp"]
    assert [c.value for c in kramatorsk.claims] == [3]
    assert kramatorsk.fatalities == 3


TAKEN = "Les forces russes ont pris le contrôle de {town}, a annoncé le ministère russe de la Défense."


def _taken(doc_id: str, day: str, town: str = "Kramatorsk", **kw) -> Event:
    return mention(doc_id, TAKEN.format(town=town), place=town, day=day, event_type="Battles",
                   sub_event_type="Government regains territory", **kw)


def test_fuse_events_capture_reported_a_day_apart_is_one_event_but_a_strike_is_not():
    assert len(fuse_events([_taken("tass", "2024-06-12"), _taken("afp", "2024-06-13")])) == 1
    a = mention("afp", "Des missiles russes ont frappé Kramatorsk, selon le gouverneur Vadym Filachkine.")
    b = mention("rfi", "Kramatorsk frappée par des missiles russes, selon le gouverneur Vadym Filachkine.", day="2024-06-13")
    assert len(fuse_events([a, b])) == 2  # strikes recur daily: fusion.tsv gives them no day apart


def test_fuse_events_reports_a_day_apart_never_chain_into_a_longer_happening():
    reports = [_taken("tass", "2024-06-11"), _taken("afp", "2024-06-12"), _taken("rfi", "2024-06-13")]
    events = fuse_events(reports)
    assert len(events) == 2
    for event in events:
        days = [m.event_date for m in reports if m.event_id in event.extra["mention_ids"]]
        assert len(days) == 1 or (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days <= 1


def test_fuse_events_vague_report_joins_the_happening_naming_its_parties():
    both = mention("afp", STRIKE.format(town="Kramatorsk"), place="Kramatorsk", actor2="Military Forces of Ukraine (2019-)")
    one = mention("afp", STRIKE.format(town="Sloviansk"), place="Sloviansk", start=200)
    vague = mention("rfi", "Bombardements russes contre l'armée ukrainienne dans la région de Donetsk mercredi.",
                    place="Donetsk", geo_precision=3, actor2="Military Forces of Ukraine (2019-)")
    events = fuse_events([both, one, vague])
    assert len(events) == 2
    (joined,) = [e for e in events if vague.event_id in e.extra["mention_ids"]]
    assert both.event_id in joined.extra["mention_ids"] and joined.location == "Kramatorsk"


def test_fuse_events_report_vague_only_in_time_does_not_join_another_town():
    precise = mention("afp", STRIKE.format(town="Kramatorsk"), place="Kramatorsk")
    placed = mention("rfi", STRIKE.format(town="Sloviansk") + " Cette semaine.", place="Sloviansk", time_precision=2)
    assert len(fuse_events([precise, placed])) == 2


def test_fuse_into_store_writes_only_the_events_a_document_changes(tmp_path):
    # a province-level report from Le Monde fits both strikes: the neighbourhood of a new report on Sloviansk holds
    # the Kramatorsk event too (the vague report's other fit), which is read for context and not written again
    strike_k = mention("afp", STRIKE.format(town="Kramatorsk"))
    vague = mention("lemonde", STRIKE.format(town="la région de Donetsk"), place="Donetsk", geo_precision=3)
    strike_s = mention("rfi", STRIKE.format(town="Sloviansk"), place="Sloviansk")
    written: list[list[str]] = []
    with open_store(str(tmp_path / "fw.db")) as store:
        save = store.save

        def recording_save(doc, mentions, events, *rest):
            written.append(sorted(e.location for e in events))
            return save(doc, mentions, events, *rest)

        store.save = recording_save
        for doc_id, m in (("afp", strike_k), ("lemonde", vague), ("rfi", strike_s)):
            fuse_into_store(store, _doc(doc_id), [m])
        before = {e.event_id: e.to_dict() for e in store.iter_events() if e.location == "Kramatorsk"}
        fuse_into_store(store, _doc("rts"), [mention("rts", STRIKE.format(town="Sloviansk"), place="Sloviansk")])
        after = {e.event_id: e.to_dict() for e in store.iter_events() if e.location == "Kramatorsk"}
        everything = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())
    assert written[-1] == ["Sloviansk"]  # the Kramatorsk event was in the neighbourhood, unchanged, not rewritten
    assert before == after
    one_shot = fuse_events([strike_k, vague, strike_s, mention("rts", STRIKE.format(town="Sloviansk"), place="Sloviansk")])
    assert everything == sorted(json.dumps(e.to_dict(), sort_keys=True) for e in one_shot)


def _placeless(m: Event) -> Event:
    return replace(m, country=None, admin1=None, location=None, latitude=None, longitude=None, geo_precision=3)


def test_fuse_events_report_of_no_country_joins_its_own_documents_happening_only():
    # "des frappes ont tué 40 combattants cette semaine", no place: another outlet's strike that week is not it
    precise = mention("afp", STRIKE.format(town="Kramatorsk"))
    other = _placeless(mention("tass", "Des frappes ont tué 40 combattants, selon le ministère.", time_precision=2))
    assert len(fuse_events([precise, other])) == 2
    same_doc = _placeless(mention("afp", "Des frappes ont tué 40 combattants, selon le ministère.", time_precision=2,
                                  start=200))
    assert len(fuse_events([precise, same_doc])) == 1


def test_fused_event_search_texts_are_those_its_claims_and_evidence_give():
    """The claimants and evidence texts a fold keeps for the store's search row (``records.with_search_texts``) make
    the row read from the event's claims and evidence, whatever order the reports were folded in."""
    from frontwatch.fuse.merge import Fold
    from frontwatch.records import search_texts
    from frontwatch.store.rows import search_row

    reports = [
        mention(doc, STRIKE.format(town=town), start=start, claims=(
            claim(n, doc_id=doc, claimant=who, start=start), claim(n + 1, doc_id=doc, claimant=None, start=start)))
        for doc, town, start, n, who in (
            ("d3", "Kramatorsk", 0, 4, "AFP"), ("d1", "kramatorsk", 40, 3, "afp"), ("d2", "Kramatorsk", 0, 5, "Kyiv"),
            ("d1", "Kramatorsk", 0, 2, "Kyiv"), ("d4", "Sloviansk", 10, 7, ""))
    ]
    for order in ([0, 1, 2, 3, 4], [4, 2, 0, 3, 1]):
        fold = Fold([reports[order[0]]])
        fold.event()
        for i in order[1:]:
            event = fold.add([reports[i]]).event()
        assert search_texts(event) is not None
        assert search_row(event) == search_row(replace(event))  # a copy keeps none: the row is read from the fields
    # a piece of evidence replaced by another of the same place with another text: the fold keeps none
    other = replace(reports[1], event_id="x", evidence=(replace(reports[1].evidence[0], text="autre texte"),))
    assert search_texts(Fold([reports[1], other]).event()) is None
