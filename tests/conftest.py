"""Shared fixtures: where the user's seed articles live, and their publication dates."""

from __future__ import annotations

from pathlib import Path

import pytest
import seed_files

REPO = Path(__file__).resolve().parent.parent

# The seeds' publication dates, read from the articles' own context by an analyst (see eval/gold/).
SEED_PUBLISHED = {
    "000_aa270c8139391302": "2024-11-28",
    "001_aee5ed9c4d934e62": "2024-11-30",
    "002_d71c614b73ba7402": "2024-11-29",
    "003_2cad39a29c5e9619": "2024-11-28",
    "004_ba46cf9732d3d3aa": "2020-02-20",
}


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
