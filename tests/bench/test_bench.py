"""Smoke tests of the benchmark: the corpus builder, the checkpoints, and a tiny worker run (no timings asserted)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import corpus, run, worker  # noqa: E402

LEDE = "Kharkiv, 14 mai 2024 (AFP) - Deux civils ont été tués lundi dans une frappe russe sur Kharkiv."
TEXT = "\n".join(["Ukraine : deux morts à Kharkiv", LEDE, "Premier paragraphe mardi.", "Deuxième paragraphe.", "Troisième."])


@pytest.fixture(scope="module")
def articles() -> list[corpus.Article]:
    return corpus.source_articles()


def test_source_articles_include_seeds_and_fixtures(articles):
    names = [a.name for a in articles]
    assert len([n for n in names if n[:3].isdigit()]) == 5
    assert any(n.startswith("ua_") for n in names) and any(n.startswith("sd_") for n in names)
    fixture = next(a for a in articles if a.name == "ua_kharkiv_frappe_20240514")
    assert fixture.published.isoformat() == "2024-05-14"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_perturb_keeps_head_and_paragraphs(seed):
    out = corpus.perturb(TEXT, random.Random(seed))
    lines = out.split("\n")
    assert lines[0].startswith("Ukraine :") and "(AFP) -" in lines[1]
    assert len(lines) == 5
    assert sorted(p[:5] for p in lines[2:]) == ["Deuxi", "Premi", "Trois"]
    assert "lundi" not in lines[1]  # weekdays rotate by 1-6 days, never 0


def test_perturb_renames_towns_from_list():
    towns = set()
    for seed in range(30):
        first = corpus.perturb(TEXT, random.Random(seed)).split("\n")[0]
        towns.add(first.split(" à ")[-1])
    assert towns <= set(corpus.TOWNS) and len(towns) > 3


@pytest.mark.parametrize("n", [1, 16, 40])
def test_write_corpus_gives_unique_ids_and_valid_records(tmp_path, articles, n):
    path = corpus.write_corpus(tmp_path / "c.jsonl", n, articles)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == n
    assert len({r["id"] for r in records}) == n
    assert all(r["language"] == "fr" and r["text"].strip() for r in records)
    if n > len(articles):  # a second copy differs from its original
        assert records[len(articles)]["text"] != records[0]["text"]


@pytest.mark.parametrize("n, expected", [(100, [20, 25, 50, 100]), (2000, [20, 500, 1000, 2000]), (8, [2, 4, 8])])
def test_checkpoints_for_quarters_and_warmup(n, expected):
    assert run.checkpoints_for(n) == expected


def test_warm_rate_between_first_and_last_checkpoint():
    marks = [{"docs": 20, "t": 10.0}, {"docs": 50, "t": 20.0}, {"docs": 120, "t": 35.0}]
    assert run._warm_rate(marks) == pytest.approx(100 / 25)
    assert run._warm_rate(marks[:1]) is None


@pytest.mark.slow
def test_worker_process_tiny_run(tmp_path, articles):
    """The benchmark's process step on 6 documents: every document stored, checkpoints and store size reported."""
    path = corpus.write_corpus(tmp_path / "c.jsonl", 6, articles[5:])
    result = worker.run_process(str(path), str(tmp_path / "fw.db"), 1, [3, 6])
    assert result["docs"] == 6 and result["skipped"] == 0
    assert [m["docs"] for m in result["checkpoints"]] == [3, 6]
    assert result["store_bytes"] > 0 and result["events"] > 0


def test_hot_story_copies_differ_from_their_seed_by_spaces_only():
    texts = [r["text"] for r in corpus.iter_hot_story(15)]
    records = list(corpus.iter_hot_story(15))
    assert [r["id"] for r in records] == [f"b{k}" for k in range(15)]
    assert {r["published"] for r in records} == {"2024-11-29"}
    assert len(set(texts)) == 15  # every report its own text
    for k in range(5, 15):
        assert texts[k] != texts[k % 5] and texts[k].split() == texts[k % 5].split()


def test_write_hot_story_is_reproducible(tmp_path):
    a = corpus.write_hot_story(tmp_path / "a.jsonl", 12).read_text(encoding="utf-8")
    b = corpus.write_hot_story(tmp_path / "b.jsonl", 12).read_text(encoding="utf-8")
    assert a == b and len(a.splitlines()) == 12


@pytest.mark.slow
def test_worker_hot_story_times_every_documents_fusion(tmp_path):
    """The hot story's step on 10 reports: one fusion time per stored document, fused by classes."""
    path = corpus.write_hot_story(tmp_path / "hot.jsonl", 10)
    result = worker.run_hot_story(str(path), str(tmp_path / "hot.db"), [5, 10])
    assert result["docs"] == 10 and len(result["fusion_s"]) == 10
    assert [m["docs"] for m in result["checkpoints"]] == [5, 10]
    assert result["paths"]["classes"] == 10 and result["paths"]["mentions"] == 0
    assert result["events"] < result["mentions"]  # the copies fused
