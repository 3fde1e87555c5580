"""Fixtures for the server tests: stores filled by hand and by the real pipeline on the seeds, and clients."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from seed_files import SEED_PUBLISHED
from fastapi.testclient import TestClient
from serve_factories import fill, hand_built

from frontwatch.serve import create_app
from frontwatch.store import open_store

OUT = Path(__file__).parent / "out"


@pytest.fixture(scope="session")
def hand_store(tmp_path_factory):
    """A store holding the hand-built events (Ukraine, Syria, Mali, Sudan, Gaza, an unlocated one, a hostile one)."""
    store = open_store(str(tmp_path_factory.mktemp("serve") / "hand.db"))
    fill(store, hand_built())
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(hand_store):
    """An in-process client of the app over the hand-built store."""
    with TestClient(create_app(hand_store)) as test_client:
        yield test_client


def seed_published() -> dict[str, str]:
    """The seeds' publication dates (tests/seed_files.py)."""
    return dict(SEED_PUBLISHED)


def run_pipeline_on_seeds(store, seed_paths) -> int:
    """Process each seed with its own publication date; return how many documents were stored."""
    from frontwatch.pipeline import process

    published = seed_published()
    stored = 0
    for path in seed_paths:
        summary = process([str(path)], store, published=date.fromisoformat(published[path.stem]))
        stored += summary.stored + summary.unchanged
    return stored


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, seed_paths):
    """A store filled by the real pipeline on the five seeds (loads the spaCy model once per session)."""
    store = open_store(str(tmp_path_factory.mktemp("serve-seeds") / "seeds.db"))
    stored = run_pipeline_on_seeds(store, seed_paths)
    assert stored == len(seed_paths), f"the pipeline stored {stored} of {len(seed_paths)} seeds"
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_client(seed_store):
    """An in-process client of the app over the seeds' store."""
    with TestClient(create_app(seed_store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def out_dir() -> Path:
    """Where the browser test leaves its screenshots (git-ignored)."""
    OUT.mkdir(exist_ok=True)
    return OUT
