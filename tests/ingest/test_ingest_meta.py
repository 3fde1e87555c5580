"""Tests of document metadata: ISO publication dates, language detection, content hashes."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest import content_hash, detect_language, parse_date
from frontwatch.ingest.meta import parse_date_or_none
from frontwatch.settings import Settings


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-27", date(2024, 11, 27)),
        (" 2024-11-27 ", date(2024, 11, 27)),
        ("2024-11-27T10:05:00", date(2024, 11, 27)),
        ("2024-11-27T23:30:00+01:00", date(2024, 11, 27)),
        ("2024-11-27T08:00:00Z", date(2024, 11, 27)),
        ("2024-11-27 08:00:00.123456", date(2024, 11, 27)),
    ],
)
def test_parse_date_iso_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["27/11/2024", "hier", "2024-13-01", "2024-02-30", "", "27 novembre 2024"])
def test_parse_date_bad_value_raises_input_error(value):
    with pytest.raises(InputError, match="Bad date"):
        parse_date(value)


def test_parse_date_or_none_logs_and_returns_none(caplog):
    with caplog.at_level(logging.WARNING, logger="frontwatch.ingest.meta"):
        assert parse_date_or_none("le 3 février", "feed.jsonl:4") is None
    assert "feed.jsonl:4" in caplog.text and "le 3 février" in caplog.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les forces de soutien rapide ont pris le contrôle de la ville de Wad Madani, selon des témoins.", "fr"),
        ("Au moins 17 soldats ont été tués dans une attaque jihadiste dans le nord du Burkina Faso, dimanche.", "fr"),
        ("Russian forces launched a massive missile attack on Kyiv overnight, officials said on Monday.", "en"),
        ("Die russische Armee hat in der Nacht die Stadt Charkiw mit Raketen angegriffen.", "de"),
    ],
)
def test_detect_language_wire_sentences(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "12 345 — 2024", "!!!"])
def test_detect_language_none_without_letters(text):
    assert detect_language(text) is None


def test_detect_language_none_below_threshold():
    strict = Settings(language_min_probability=1.01)
    assert detect_language("Des frappes aériennes ont visé Gaza dans la nuit.", settings=strict) is None


def test_detect_language_is_deterministic():
    text = "Kharkiv bombardée"  # short texts are where langdetect's random sampling would waver
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_content_hash_is_sha256_hex():
    assert content_hash("Gaza") == "24733e06cc032fdeec910279c926175772391423f97fb354da4e74db93b8461b"
    assert content_hash("Alep") != content_hash("Alep ")
