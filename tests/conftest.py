"""Shared fixtures: where the user's seed articles live, and their publication dates."""

from __future__ import annotations

from pathlib import Path

import pytest
import seed_files

REPO = Path(__file__).resolve().parent.parent

SEED_PUBLISHED = seed_files.SEED_PUBLISHED


def _seeds_dir() -> Path:
    return seed_files.seeds_dir()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the user's five seed articles (``../shared/seeds`` or ``$FRONTWATCH_SEEDS``)."""
    path = _seeds_dir()
    if not path.is_dir():
        pytest.fail(f"seed articles not found at {path}; set FRONTWATCH_SEEDS")
    return path


@pytest.fixture(scope="session")
def seed_paths(seeds_dir) -> list[Path]:
    """The five seed files, sorted."""
    return sorted(seeds_dir.glob("*.txt"))
