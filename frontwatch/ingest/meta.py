"""Document metadata: publication dates, language detection and content hashes."""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from functools import lru_cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from frontwatch.errors import InputError, Messages
from frontwatch.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

# langdetect samples n-grams at random; a fixed seed makes the same text always get the same answer.
_LANGDETECT_SEED = 0


def content_hash(text: str) -> str:
    """The sha256 of ``text`` (UTF-8), in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_date(value: str, field: str = "published") -> date:
    """The date of an ISO date or datetime string (``2024-11-27``, ``2024-11-27T10:05:00+01:00``)."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()
    except ValueError as e:
        raise InputError(Messages.E012.format(value=value, field=field)) from e


def parse_date_or_none(value: object, source: str, field: str = "published") -> date | None:
    """The date of ``value`` when it is a valid ISO string; otherwise None and a logged warning."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(value if isinstance(value, str) else repr(value), field)
    except InputError as e:
        log.warning("%s: %s The document is read without a publication date.", source, e)
        return None


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = _LANGDETECT_SEED
    return factory


def detect_language(text: str, *, settings: Settings = SETTINGS) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when no language is probable enough."""
    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    if best.prob < settings.language_min_probability:
        log.debug("language of text unsure: %s at %.2f", best.lang, best.prob)
        return None
    return best.lang.split("-")[0]
