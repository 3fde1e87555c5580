"""Build the benchmark corpus: the seeds and fixture articles, repeated with varied ids and light perturbation.

Each copy of a source article gets its own id and is changed in three ways, all seeded by its index so a
corpus is the same from run to run:
- the body's paragraphs after the lede are shuffled (the title and the lede stay first);
- weekday words are rotated (``lundi`` -> ``mardi`` ...) and small number words swapped (``deux`` <-> ``trois``),
  so dates and figures vary;
- every town of ``TOWNS`` found in the text is renamed to another town of the same list.
The publication date moves by up to 700 days so events spread over two years, as in a real archive.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "articles"

# Towns of the wars the seeds and fixtures report on; a copy renames those it finds to others of the list.
TOWNS = (
    "Alep", "Idleb", "Hama", "Homs", "Saraqeb", "Kharkiv", "Kherson", "Pokrovsk", "Bakhmout", "Zaporijjia",
    "Khartoum", "El-Facher", "Omdourman", "Nyala", "Gaza", "Rafah", "Khan Younès", "Nousseirat", "Gao",
    "Tombouctou", "Mopti", "Djibo", "Kaya", "Tillabéri", "Diffa",
)
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_NUMBER_SWAPS = {"deux": "trois", "trois": "deux", "quatre": "cinq", "cinq": "quatre", "six": "sept", "sept": "six"}
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_NUMBER_RE = re.compile(r"\b(" + "|".join(_NUMBER_SWAPS) + r")\b")
_TOWN_RE = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(TOWNS, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class Article:
    """One source article: its name, text and publication date (None when unknown)."""

    name: str
    text: str
    published: date | None


def seeds_dir() -> Path:
    """``$FRONTWATCH_SEEDS``, else ``../shared/seeds``, else the repository's bundled copy."""
    override = os.environ.get("FRONTWATCH_SEEDS")
    if override:
        return Path(override)
    shared = REPO.parent / "shared" / "seeds"
    return shared if shared.is_dir() else REPO / "tests" / "fixtures" / "seeds"


_DATE_IN_NAME = re.compile(r"_(\d{8})$")
GOLD = REPO / "eval" / "gold" / "seeds.json"


def _gold_dates(gold: Path = GOLD) -> dict[str, date]:
    """The seeds' publication dates as the gold records them (empty when the gold is absent)."""
    if not gold.is_file():
        return {}
    docs = json.loads(gold.read_text(encoding="utf-8")).get("documents", [])
    return {d["doc_id"]: date.fromisoformat(d["published"]) for d in docs if d.get("published")}


def source_articles(seeds: Path | None = None, fixtures: Path = FIXTURES) -> list[Article]:
    """The seed articles and the fixture articles, sorted by name; fixtures' dates come from their names."""
    out = []
    dates = _gold_dates()
    for path in sorted((seeds or seeds_dir()).glob("*.txt")):
        out.append(Article(path.stem, path.read_text(encoding="utf-8"), dates.get(path.stem)))
    for path in sorted(fixtures.rglob("*.txt")):
        m = _DATE_IN_NAME.search(path.stem)
        published = date(int(m[1][:4]), int(m[1][4:6]), int(m[1][6:])) if m else None
        out.append(Article(path.stem, path.read_text(encoding="utf-8"), published))
    if not out:
        raise FileNotFoundError(f"no articles in {seeds or seeds_dir()} or {fixtures}")
    return out


def perturb(text: str, rng: random.Random) -> str:
    """A lightly changed copy of ``text``: body paragraphs shuffled, weekdays rotated, numbers and towns swapped."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, body = paragraphs[:2], paragraphs[2:]
    rng.shuffle(body)
    out = "\n".join(head + body)
    shift = rng.randrange(1, 7)
    out = _WEEKDAY_RE.sub(lambda m: _WEEKDAYS[(_WEEKDAYS.index(m[1]) + shift) % 7], out)
    if rng.random() < 0.5:
        out = _NUMBER_RE.sub(lambda m: _NUMBER_SWAPS[m[1]], out)
    renames = {t: rng.choice(TOWNS) for t in TOWNS}
    return _TOWN_RE.sub(lambda m: renames[m[1]], out)


def iter_corpus(n: int, articles: list[Article], seed: int = 6) -> Iterator[dict]:
    """``n`` JSONL records cycling through ``articles``; copy 0 of each article is unchanged."""
    for i in range(n):
        article = articles[i % len(articles)]
        copy = i // len(articles)
        rng = random.Random(seed * 1_000_003 + i)
        text = article.text if copy == 0 else perturb(article.text, rng)
        record = {"id": f"bench-{i:06d}-{article.name}", "text": text, "language": "fr", "publisher": "AFP"}
        if article.published is not None:
            shifted = article.published - timedelta(days=0 if copy == 0 else rng.randrange(0, 700))
            record["published"] = shifted.isoformat()
        yield record


def write_corpus(path: Path, n: int, articles: list[Article] | None = None) -> Path:
    """Write ``n`` articles as JSONL at ``path`` (one object a line: id, text, language, publisher, published)."""
    articles = articles or source_articles()
    with path.open("w", encoding="utf-8") as out:
        for record in iter_corpus(n, articles):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# The hot story: a big offensive reported by hundreds of outlets within days (issue 15). Every copy is one of the
# five seeds under its own id, all published the same day, the text changed only by a few spaces, so the copies of
# a seed report the same happenings and fusion groups them into a few events reported hundreds of times.
HOT_STORY_PUBLISHED = date(2024, 11, 29)


def hot_story_text(text: str, copy: int) -> str:
    """``text`` with a few spaces doubled (none for copy 0): which ones depends on ``copy``."""
    if copy == 0:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    chosen = sorted({spaces[(copy * 7919 + j * 104_729) % len(spaces)] for j in range(1 + copy % 3)}, reverse=True)
    for i in chosen:
        text = text[:i] + " " + text[i:]
    return text


def iter_hot_story(n: int, seeds: Path | None = None) -> Iterator[dict]:
    """``n`` JSONL records ``b0`` ... ``b{n-1}``: the seeds in turn, copy ``k // 5`` of seed ``k % 5``."""
    paths = sorted((seeds or seeds_dir()).glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"no seed articles in {seeds or seeds_dir()}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for k in range(n):
        yield {"id": f"b{k}", "text": hot_story_text(texts[k % len(texts)], k // len(texts)), "language": "fr",
               "published": HOT_STORY_PUBLISHED.isoformat()}


def write_hot_story(path: Path, n: int, seeds: Path | None = None) -> Path:
    """Write the hot story's first ``n`` reports as JSONL at ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for record in iter_hot_story(n, seeds):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
