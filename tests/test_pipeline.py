"""The pipeline end to end: ``process`` with one worker and with two gives the same store."""

from __future__ import annotations

import json
from datetime import date

from wire_texts import GAZA, KHARKIV, MALI, SUDAN

from frontwatch.pipeline import process
from frontwatch.store import open_store


def _corpus(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [{"id": f"w{i}", "text": text, "published": "2024-03-15"} for i, text in enumerate((KHARKIV, MALI, SUDAN, GAZA))]
    rows = [json.dumps(line, ensure_ascii=False) for line in lines]
    rows.insert(2, '{"id": "broken", "text": ')  # a bad line is skipped, the rest is kept
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _run(corpus: str, db: str, workers: int):
    with open_store(db) as store:
        summary = process([corpus], store, workers=workers, published=date(2024, 3, 15))
        return summary, sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())


def test_pipeline_two_workers_store_what_one_worker_stores(tmp_path):
    corpus = _corpus(tmp_path)
    one, events_one = _run(corpus, str(tmp_path / "one.db"), 1)
    two, events_two = _run(corpus, str(tmp_path / "two.db"), 2)
    assert (one.read, one.stored, len(one.skipped)) == (two.read, two.stored, len(two.skipped)) == (5, 4, 1)
    assert events_one and events_two == events_one


def test_pipeline_english_and_french_reports_of_one_attack_fuse(tmp_path):
    """examples/english.jsonl: the Diafarabé fixture (French) and an English dispatch written for the project on
    the same attack; the language of the English one is detected. The attack is one event citing both, dated by
    "mardi" / "on Tuesday", never by the English dispatch's dateline ("BAMAKO, June 13, 2024 -")."""
    from pathlib import Path

    manifest = Path(__file__).resolve().parents[1] / "examples" / "english.jsonl"
    with open_store(str(tmp_path / "mixed.db")) as store:
        summary = process([str(manifest)], store)
        events = list(store.iter_events())
    assert (summary.read, summary.stored) == (2, 2)
    attack = [e for e in events if e.event_type == "Battles" and e.location and "Diafarab" in e.location]
    docs = [{ev.doc_id for ev in e.evidence} for e in attack]
    assert {"ml_diafarabe_attaque_20240612", "en_diafarabe_20240613"} in docs
    fused = attack[docs.index({"ml_diafarabe_attaque_20240612", "en_diafarabe_20240613"})]
    assert fused.event_date == "2024-06-11" and fused.fatalities == 9
    assert all(e.event_date != "2024-06-13" for e in events)


def test_pipeline_text_whose_only_sentence_triage_skips_is_stored_without_events(tmp_path):
    """A short note with no trigger word (an ACLED note such as "The president spoke at length last night.")
    used to crash place reading: its one sentence was tokenized without sentence boundaries."""
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "one", "text": "Le président a parlé longuement hier soir.",
                                "published": "2024-03-15", "language": "fr"}) + "\n", encoding="utf-8")
    with open_store(str(tmp_path / "one.db")) as store:
        summary = process([str(path)], store)
        assert (summary.stored, len(summary.skipped)) == (1, 0)
        assert list(store.iter_events()) == []
