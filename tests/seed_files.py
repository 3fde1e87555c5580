"""Where the user's seed articles are, for test modules that need them at collection time."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def seeds_dir() -> Path:
    """``$FRONTWATCH_SEEDS``, else ``../shared/seeds``, else the repository's copy in ``tests/fixtures/seeds``."""
    override = os.environ.get("FRONTWATCH_SEEDS")
    if override:
        return Path(override)
    shared = REPO.parent / "shared" / "seeds"
    return shared if shared.is_dir() else REPO / "tests" / "fixtures" / "seeds"


# The seeds' publication dates, read from the articles' own context by an analyst (see eval/gold/).
SEED_PUBLISHED = {
    "000_aa270c8139391302": "2024-11-28",
    "001_aee5ed9c4d934e62": "2024-11-30",
    "002_d71c614b73ba7402": "2024-11-29",
    "003_2cad39a29c5e9619": "2024-11-28",
    "004_ba46cf9732d3d3aa": "2020-02-20",
}
