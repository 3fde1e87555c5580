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
