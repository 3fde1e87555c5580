"""The normalised key of a place name: one key for the many romanisations of one toponym.

The rules are data (``data/translit/*.tsv``): Latin folding, Arabic-script normalisation, Cyrillic
transliteration and the articles to drop. The same function builds the index and the queries, so a
rule can only merge spellings; ``lang`` adds that language's articles to the universal ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.data import read_tsv_dicts

# Marks that romanise ayn and hamza, and apostrophes: removed, joining the letters around them.
_MARKS = "'’‘`´ʿʾʻʼ′ʹ"
_MARKS_RE = re.compile(f"[{re.escape(_MARKS)}]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.,;:/()\[\]\"«»!?]+")
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ð": "d", "þ": "th"})
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[a-z]")


@dataclass(frozen=True)
class _Rule:
    stage: str
    pattern: re.Pattern[str]
    replacement: str


@dataclass(frozen=True)
class _Rules:
    latin: tuple[_Rule, ...]
    arabic: dict[str, str]
    cyrillic: dict[str, str]
    articles: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    latin = tuple(
        _Rule(row["stage"], re.compile(row["pattern"]), row["replacement"])
        for row in sorted(read_tsv_dicts("translit", "latin.tsv"), key=lambda r: r["order"])
    )
    arabic = {row["source"]: row["replacement"] for row in read_tsv_dicts("translit", "arabic.tsv")}
    cyrillic = {row["source"]: row["replacement"] for row in read_tsv_dicts("translit", "cyrillic.tsv")}
    articles: dict[str, set[str]] = {}
    for row in read_tsv_dicts("translit", "articles.tsv"):
        articles.setdefault(row["lang"], set()).add(row["article"])
    return _Rules(latin, arabic, cyrillic, {k: frozenset(v) for k, v in articles.items()})


def _articles(lang: str) -> frozenset[str]:
    rules = _rules()
    return rules.articles.get("und", frozenset()) | rules.articles.get(lang, frozenset())


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def script_of(name: str) -> str:
    """The script a name is keyed in: ``arabic``, ``cyrillic``, ``latin`` or ``other``."""
    if _ARABIC.search(name):
        return "arabic"
    if _CYRILLIC.search(name):
        return "cyrillic"
    if _LATIN_LETTER.search(_strip_marks(name).lower()):
        return "latin"
    return "other"


def _arabic_key(name: str) -> str:
    table = _rules().arabic
    text = "".join(table.get(ch, ch) for ch in name)
    words = []
    for word in _SEPARATORS.split(text):
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        if word and word != "ال":
            words.append(word)
    return "".join(words)


def _latin_key(text: str, lang: str, fold: bool = True) -> str:
    rules = _rules()
    text = _MARKS_RE.sub("", _strip_marks(text.lower()))
    articles = _articles(lang)
    words: list[str] = []
    after_article = False
    raw_words = [w for w in _SEPARATORS.split(text) if w]
    for i, word in enumerate(raw_words):
        if word in articles and i < len(raw_words) - 1:
            after_article = True
            continue
        # An article glued by sun-letter assimilation ("Deir Ezzor"): vowel + doubled consonant.
        if words and not after_article and len(word) >= 5:
            m = re.match(r"^[ae](sh|th|dh|[dnrstzl])\1", word)
            if m:
                word = word[1 + len(m.group(1)) :]
        after_article = False
        for rule in rules.latin if fold else ():
            if rule.stage == "token":
                word = rule.pattern.sub(rule.replacement, word)
        words.append(word)
    key = "".join(words)
    for rule in rules.latin if fold else ():
        if rule.stage == "string":
            key = rule.pattern.sub(rule.replacement, key)
    return re.sub(r"[^a-z0-9]", "", key)


def _key(name: str, lang: str, fold: bool) -> str:
    script = script_of(name)
    if script == "arabic":
        return _arabic_key(name)
    if script == "cyrillic":
        table = _rules().cyrillic
        name = "".join(table.get(ch, ch) for ch in name.lower())
    if script == "other":
        return ""
    return _latin_key(name, lang, fold)


@lru_cache(maxsize=65536)
def normalise(name: str, lang: str = "und") -> str:
    """The normalised key of ``name``: folded, article-free, spaceless; "" when nothing is left."""
    return _key(name, lang, fold=True)


@lru_cache(maxsize=65536)
def surface_key(name: str, lang: str = "und") -> str:
    """A lighter key for similarity: lower-case, unaccented, article-free, spaceless, but not folded."""
    return _key(name, lang, fold=False)


_VOWELS = re.compile(r"[aeiou]")


def skeleton(key: str) -> str:
    """The consonants of a normalised key ("sfuhan" -> "sfhn"): what transliterations agree on most."""
    return _VOWELS.sub("", key)
