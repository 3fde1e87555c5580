"""Fixtures of the ingestion tests: the shared seed articles and the bundled HTML pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import seed_files

REPO = Path(__file__).resolve().parents[2]
HTML_FIXTURES = REPO / "tests" / "fixtures" / "html"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five French seed articles: $FRONTWATCH_SEEDS, else ../shared/seeds, else the copies in tests/fixtures."""
    path = seed_files.seeds_dir()
    if not path.is_dir():
        pytest.skip(f"seed articles not found at {path}; set FRONTWATCH_SEEDS")
    return path


@pytest.fixture(scope="session")
def html_dir() -> Path:
    """The HTML pages written for these tests."""
    return HTML_FIXTURES
