"""Fusion's candidate lookup: mentions by date window, narrowed by event type and country."""

from __future__ import annotations

import dataclasses

import pytest
from store_factories import build_corpus, mention_of

from frontwatch.store import open_store


@pytest.fixture
def store(tmp_path):
    opened = open_store(str(tmp_path / "cand.db"))
    for doc, event in build_corpus().values():
        same_day = dataclasses.replace(event, event_date="2024-03-14")
        mention = mention_of(same_day)
        opened.save(doc, [mention], [same_day], {mention.event_id: same_day.event_id})
    yield opened
    opened.close()


def _countries(found) -> list[str | None]:
    return sorted(m.country or "" for _, m in found)


def test_store_candidates_window_holds_every_theatre(store):
    assert len(store.candidate_mentions("2024-03-13", "2024-03-15")) == 4
    assert store.candidate_mentions("2024-03-15", "2024-03-20") == []


@pytest.mark.parametrize(
    "types,countries,expected",
    [
        (None, ["Ukraine"], ["Ukraine"]),
        (None, ["Ukraine", "Sudan"], ["Sudan", "Ukraine"]),
        (["Riots"], None, []),
    ],
)
def test_store_candidates_narrowed_by_type_and_country(store, types, countries, expected):
    found = store.candidate_mentions("2024-03-13", "2024-03-15", types, countries)
    assert _countries(found) == expected
    for event_id, mention in found:
        assert event_id is not None and mention.event_id.endswith("-m")
