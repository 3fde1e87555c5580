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
