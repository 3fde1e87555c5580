"""Tests of reading inputs: seed files, HTML pages, directories, JSONL lines and every kind of bad input."""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path

import pytest

from frontwatch.errors import Messages
from frontwatch.ingest import content_hash, iter_documents
from frontwatch.records import Document, Skipped

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "bad"

SUDAN = (
    "Les forces de soutien rapide (FSR) ont lancé mardi une attaque contre la ville d'El-Obeid, dans le "
    "Kordofan-Nord, faisant au moins 8 morts parmi les civils, selon un comité de résistance local."
)
GAZA = (
    "Une frappe israélienne a tué au moins 14 personnes dans une école transformée en abri à Nousseirat, "
    "dans le centre de la bande de Gaza, a annoncé la Défense civile palestinienne."
)


def _one(inputs, **kwargs) -> Document | Skipped:
    (item,) = list(iter_documents([str(i) for i in inputs], **kwargs))
    return item


def _reason_code(item: Skipped) -> str:
    """The code of the Messages template that produced ``item.reason``."""
    for code in (c for c in dir(Messages) if c.startswith("E")):
        prefix = getattr(Messages, code).split("{")[0]
        if item.reason.startswith(prefix):
            return code
    raise AssertionError(f"reason matches no message template: {item.reason}")


def test_iter_documents_seeds_ids_are_file_stems(seeds_dir):
    docs = list(iter_documents([str(seeds_dir)], published=date(2024, 11, 29), publisher="Seed Press"))
    paths = sorted(seeds_dir.glob("*.txt"))
    assert [d.doc_id for d in docs] == [p.stem for p in paths]
    for doc, path in zip(docs, paths):
        assert isinstance(doc, Document)
        assert doc.original == path.read_text(encoding="utf-8")
        assert doc.language == "fr"
        assert doc.published == date(2024, 11, 29)
        assert doc.publisher == "Seed Press"
        assert doc.source == str(path)
        assert doc.content_hash == content_hash(doc.text)
        assert "\n\n" not in doc.text


def test_iter_documents_seed_debris_gone(seeds_dir):
    texts = {d.doc_id[:3]: d.text for d in iter_documents([str(seeds_dir)])}
    assert "wpDiscuz" not in texts["004"] and "NEWSLETTER" not in texts["004"]
    assert "Lien source" not in texts["002"] and not texts["002"].startswith("X\n")
    assert "1,7 million de civils" in texts["004"]


@pytest.mark.parametrize(
    ("name", "must_have", "must_not_have"),
    [
        (
            "soudan_el_fasher",
            ["Au moins 27 civils ont été tués et plus de 130 blessés jeudi", "selon les Nations unies."],
            ["commentaires", "Jean-Pierre", "NEWSLETTER", "Accueil", "Bourse de Paris", "Football", "Tous droits"],
        ),
        (
            "ukraine_kharkiv",
            ["Quatre personnes ont été tuées et au moins 21 blessées dimanche", "abattu 60 drones ukrainiens"],
            ["cookies", "Lire aussi", "gâteau au chocolat", "Partager sur", "Mots-clés"],
        ),
    ],
)
def test_iter_documents_html_page_main_text_only(html_dir, name, must_have, must_not_have):
    doc = _one([html_dir / f"{name}.html"])
    assert isinstance(doc, Document)
    assert doc.doc_id == name
    for text in must_have:
        assert text in doc.text
    for text in must_not_have:
        assert text not in doc.text
    assert doc.original.startswith("<!DOCTYPE html>")
    assert doc.text.split("\n")[0] == doc.title


@pytest.mark.parametrize(
    ("name", "title", "publisher", "published"),
    [
        (
            "soudan_el_fasher",
            "Soudan : au moins 27 civils tués dans des bombardements des FSR sur El-Fasher",
            "Le Courrier du Sahel",
            date(2024, 6, 14),
        ),
        (
            "ukraine_kharkiv",
            "Ukraine : frappe russe sur Kharkiv, quatre morts selon les autorités régionales",
            "L'Écho de l'Est",
            date(2024, 5, 19),
        ),
    ],
)
def test_iter_documents_html_metadata(html_dir, name, title, publisher, published):
    doc = _one([html_dir / f"{name}.html"])
    assert (doc.title, doc.publisher, doc.published, doc.language) == (title, publisher, published, "fr")


def test_iter_documents_html_caller_arguments_win_over_page(html_dir):
    doc = _one([html_dir / "soudan_el_fasher.html"], publisher="AFP", published=date(2024, 6, 15), lang="fr")
    assert (doc.publisher, doc.published) == ("AFP", date(2024, 6, 15))


def test_iter_documents_html_without_main_text_skipped(html_dir):
    item = _one([html_dir / "no_main_text.html"])
    assert isinstance(item, Skipped)
    assert _reason_code(item) == "E007"
    assert item.source.endswith("no_main_text.html")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.txt", "E001"),
        ("blank.txt", "E001"),
        ("nul_bytes.txt", "E002"),
        ("image.png", "E002"),
        ("latin1.txt", "E003"),
    ],
)
def test_iter_documents_bad_file_skipped(name, code):
    item = _one([BAD / name])
    assert isinstance(item, Skipped)
    assert _reason_code(item) == code
    assert item.source == str(BAD / name)
    assert "\n" not in item.reason


def test_iter_documents_invalid_utf8_reports_byte_position():
    item = _one([BAD / "latin1.txt"])
    raw = (BAD / "latin1.txt").read_bytes()
    assert f"at byte {raw.index(0xE9)}" in item.reason


def test_iter_documents_missing_path_skipped(tmp_path):
    item = _one([tmp_path / "absent.txt"])
    assert isinstance(item, Skipped) and _reason_code(item) == "E016"


@pytest.mark.parametrize("name", ["notes.md", "article.pdf.txt.bak", "data.csv"])
def test_iter_documents_unsupported_explicit_file_skipped(tmp_path, name):
    path = tmp_path / name
    path.write_text(SUDAN, encoding="utf-8")
    item = _one([path])
    assert isinstance(item, Skipped) and _reason_code(item) == "E011"


@pytest.mark.parametrize("url", ["ftp://example.org/article.txt", "file:///etc/passwd"])
def test_iter_documents_unsupported_scheme_skipped(url):
    item = _one([url])
    assert isinstance(item, Skipped) and _reason_code(item) == "E011" and item.source == url


def test_iter_documents_short_text_is_empty(tmp_path):
    path = tmp_path / "court.txt"
    path.write_text("Partager\n12\nX\n", encoding="utf-8")
    assert _reason_code(_one([path])) == "E001"


def test_iter_documents_directory_recursive_sorted(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a.txt").write_text(SUDAN, encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.TXT").write_text(GAZA, encoding="utf-8")
    (tmp_path / "b" / "z.jsonl").write_text(json.dumps({"id": "j1", "text": GAZA}) + "\n", encoding="utf-8")
    (tmp_path / "b" / "image.png").write_bytes((BAD / "image.png").read_bytes())
    (tmp_path / "b" / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / ".cache" / "hidden.txt").write_text(SUDAN, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(SUDAN, encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    assert [i.doc_id for i in items] == ["a", "j1", "c"]
    assert all(isinstance(i, Document) for i in items)


def test_iter_documents_inputs_keep_their_order(tmp_path):
    (tmp_path / "z.txt").write_text(SUDAN, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GAZA, encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "z.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "a.txt")]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["z", "a"]


def test_iter_documents_txt_language_argument_skips_detection(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(SUDAN, encoding="utf-8")
    assert _one([path], lang="FR").language == "fr"
    assert _one([path], lang="en").language == "en"
    assert _one([path]).language == "fr"


def test_iter_documents_jsonl_mixed_lines(tmp_path):
    items = list(iter_documents([str(BAD / "mixed.jsonl")]))
    codes = [i.doc_id if isinstance(i, Document) else _reason_code(i) for i in items]
    assert codes == ["sahel-1", "E004", "E005", "E004", "E005"]
    assert [i.source for i in items] == [f"{BAD / 'mixed.jsonl'}:{n}" for n in range(1, 6)]
    assert items[0].publisher == "Agence Sahel Presse" and items[0].published == date(2024, 8, 24)


def _jsonl(tmp_path: Path, *objects) -> Path:
    path = tmp_path / "feed.jsonl"
    lines = [o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objects]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_iter_documents_jsonl_line_fields_override_arguments(tmp_path):
    path = _jsonl(
        tmp_path,
        {"id": "own", "text": SUDAN, "publisher": "Radio Dabanga", "published": "2024-09-10T07:00:00+02:00",
         "language": "fr", "title": "Attaque des FSR à El-Obeid", "url": "https://example.org/el-obeid"},
        {"text": GAZA},
    )
    own, default = iter_documents([str(path)], publisher="AFP", published=date(2024, 9, 11), lang="fr")
    assert (own.doc_id, own.publisher, own.published) == ("own", "Radio Dabanga", date(2024, 9, 10))
    assert (own.title, own.url) == ("Attaque des FSR à El-Obeid", "https://example.org/el-obeid")
    assert (default.publisher, default.published, default.language) == ("AFP", date(2024, 9, 11), "fr")
    assert default.doc_id == content_hash(GAZA)[:16] == default.content_hash[:16]
    assert default.title is None and default.url is None


def test_iter_documents_jsonl_html_field_goes_through_trafilatura(tmp_path, html_dir):
    html = (html_dir / "ukraine_kharkiv.html").read_text(encoding="utf-8")
    doc = _one([_jsonl(tmp_path, {"id": "kh", "html": html})])
    assert doc.publisher == "L'Écho de l'Est" and doc.published == date(2024, 5, 19)
    assert "abattu 60 drones" in doc.text and "cookies" not in doc.text
    assert doc.original == html


def test_iter_documents_jsonl_bad_date_read_without_it(tmp_path, caplog):
    path = _jsonl(tmp_path, {"id": 17, "text": SUDAN, "published": "mardi dernier"})
    with caplog.at_level(logging.WARNING):
        doc = _one([path])
    assert isinstance(doc, Document)
    assert doc.doc_id == "17" and doc.published is None
    assert "mardi dernier" in caplog.text


def test_iter_documents_jsonl_invalid_utf8_line_skipped_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"text": SUDAN}).encode() + b"\n" + b'{"text": "caf\xe9 bombard\xe9"}\n')
    items = list(iter_documents([str(path)]))
    assert isinstance(items[0], Document)
    assert _reason_code(items[1]) == "E003" and items[1].source == f"{path}:2"


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_iter_documents_jsonl_without_lines_is_empty(tmp_path, content):
    path = tmp_path / "feed.jsonl"
    path.write_text(content, encoding="utf-8")
    item = _one([path])
    assert _reason_code(item) == "E001" and item.source == str(path)


def test_iter_documents_evidence_offsets_point_into_text(seeds_dir):
    doc = next(iter_documents([str(seeds_dir)]))
    sentence = "Les combats ont également coûté la vie à 44 membres du HTS"
    start = doc.text.index(sentence)
    assert doc.text[start : start + len(sentence)] == sentence


def test_iter_documents_special_file_skipped(tmp_path):
    fifo = tmp_path / "flux.txt"
    os.mkfifo(fifo)
    assert _reason_code(_one([fifo])) == "E011"
    assert list(iter_documents([str(tmp_path)])) == []
