"""Every threshold and limit in one table, each with how it was chosen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Tunable numbers; defaults are the calibrated values."""

    # Ingestion. 10 MB is ten times the largest news page seen in testing; 20 s covers slow sites.
    fetch_timeout_s: float = 20.0
    fetch_max_bytes: int = 10_000_000
    # A cleaned document shorter than this is empty for our purposes (a headline alone is ~60 chars).
    min_text_chars: int = 20
    # Language detection is only trusted above this probability; below it the document keeps None.
    language_min_probability: float = 0.70

    # Background: an event whose only date is this many days before publication is history.
    background_max_age_days: int = 365

    # Gazetteer: a fuzzy match below this rapidfuzz ratio is "none of these" (see eval/geocoding).
    geocode_min_score: float = 85.0

    # Fusion: events further apart than this cannot be the same happening.
    fuse_max_km: float = 25.0
    fuse_max_days: int = 1


SETTINGS = Settings()
