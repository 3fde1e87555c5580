"""JSONL manifest lines: a ``path`` to a .txt or .html file with the line's metadata, bad lines skipped alone."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from frontwatch.errors import Messages
from frontwatch.ingest import iter_documents
from frontwatch.records import Document, Skipped

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "seeds.jsonl"

SAHEL = (
    "Au moins 23 soldats nigériens ont été tués mercredi dans une embuscade tendue par des jihadistes près de "
    "Tassia, dans la région de Tillabéri, a annoncé le ministère de la Défense."
)
UKRAINE = (
    "Une frappe de missiles russe a tué trois civils lundi soir dans un quartier résidentiel de Kharkiv, a "
    "annoncé le gouverneur régional Oleg Synegoubov."
)


def _manifest(folder: Path, *objects) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.jsonl"
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), encoding="utf-8")
    return path


def _code(item: Skipped) -> str:
    """The code of the Messages template that produced ``item.reason``."""
    (code,) = [c for c in dir(Messages) if c.startswith("E") and item.reason.startswith(getattr(Messages, c).split("{")[0])]
    return code


@pytest.fixture()
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "niger_tassia.txt").write_text(SAHEL, encoding="utf-8")
    (folder / "kharkiv.html").write_text(
        f"<html><head><title>Kharkiv</title></head><body><article><p>{UKRAINE}</p></article></body></html>",
        encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("line", "doc_id", "published", "publisher"),
    [
        ({"path": "../articles/niger_tassia.txt", "published": "2024-03-21"}, "niger_tassia", date(2024, 3, 21), None),
        ({"path": "../articles/niger_tassia.txt", "id": "afp-1", "publisher": "AFP"}, "afp-1", None, "AFP"),
        ({"path": "../articles/niger_tassia.txt", "published": "2024-03-21T18:05:00+01:00"}, "niger_tassia",
         date(2024, 3, 21), None),
    ],
)
def test_iter_documents_manifest_path_reads_file_with_line_metadata(tmp_path, articles, line, doc_id, published, publisher):
    (doc,) = list(iter_documents([str(_manifest(tmp_path / "lists", line))]))
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.published, doc.publisher) == (doc_id, published, publisher)
    assert doc.text == SAHEL and doc.language == "fr"
    assert Path(doc.source) == articles / "niger_tassia.txt"


def test_iter_documents_manifest_html_path_goes_through_trafilatura(tmp_path, articles):
    line = {"path": str(articles / "kharkiv.html"), "url": "https://example.org/kharkiv", "published": "2024-05-14"}
    (doc,) = list(iter_documents([str(_manifest(tmp_path, line))]))
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.url, doc.published) == ("kharkiv", "https://example.org/kharkiv", date(2024, 5, 14))
    assert "Kharkiv" in doc.text and "<p>" not in doc.text


def test_iter_documents_manifest_line_date_beats_command_line(tmp_path, articles):
    path = _manifest(tmp_path, {"path": "articles/niger_tassia.txt", "published": "2024-03-21"},
                     {"path": "articles/kharkiv.html"})
    docs = list(iter_documents([str(path)], published=date(2024, 5, 14), publisher="AFP"))
    assert [(d.doc_id, d.published, d.publisher) for d in docs] == [
        ("niger_tassia", date(2024, 3, 21), "AFP"), ("kharkiv", date(2024, 5, 14), "AFP")]


@pytest.mark.parametrize(
    ("line", "code", "names"),
    [
        ({"path": "articles/absent.txt"}, "E016", "absent.txt"),
        ({"path": "articles/niger_tassia.txt", "text": UKRAINE}, "E018", "'text' given too"),
        ({"path": "articles/niger_tassia.txt", "html": "<p>x</p>"}, "E018", "'html' given too"),
        ({"path": "articles"}, "E018", "is a directory"),
        ({"path": "manifest.jsonl"}, "E018", "not a .txt or .html file"),
        ({"path": ["articles/niger_tassia.txt"]}, "E018", "expected a file path"),
        ({"path": "  "}, "E018", "expected a file path"),
        ({"path": "articles/empty.txt"}, "E001", "empty.txt"),
        ({"path": "articles/binary.txt"}, "E002", "binary.txt"),
    ],
)
def test_iter_documents_manifest_bad_line_skipped_alone(tmp_path, articles, line, code, names):
    (articles / "empty.txt").write_text("  \n", encoding="utf-8")
    (articles / "binary.txt").write_bytes(b"\x00\x01PK")
    path = _manifest(tmp_path, {"path": "articles/niger_tassia.txt"}, line, {"id": "kyiv", "text": UKRAINE})
    first, bad, last = iter_documents([str(path)])
    assert (first.doc_id, last.doc_id) == ("niger_tassia", "kyiv")
    assert isinstance(bad, Skipped) and bad.source == f"{path}:2"
    assert _code(bad) == code and names in bad.reason


def test_examples_seeds_manifest_lists_the_seeds_with_gold_dates():
    gold = json.loads((REPO / "eval" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    expected = {d["doc_id"]: d["published"] for d in gold["documents"]}
    lines = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {Path(line["path"]).stem: line["published"] for line in lines} == expected
    assert all(line["path"].startswith("../../shared/seeds/") for line in lines)


def test_examples_seeds_manifest_reads_five_dated_documents(tmp_path, seeds_dir):
    # the manifest's paths are relative to it: rebuild ../../shared/seeds beside a copy of it
    (tmp_path / "main" / "examples").mkdir(parents=True)
    shutil.copytree(seeds_dir, tmp_path / "shared" / "seeds")
    manifest = tmp_path / "main" / "examples" / "seeds.jsonl"
    shutil.copy(EXAMPLE, manifest)
    docs = list(iter_documents([str(manifest)]))
    assert all(isinstance(d, Document) for d in docs)
    assert [(d.doc_id, d.published) for d in docs] == [
        (p.stem, date.fromisoformat(json.loads(line)["published"]))
        for p, line in zip(sorted(seeds_dir.glob("*.txt")), EXAMPLE.read_text(encoding="utf-8").splitlines())
    ]
