"""The pipeline: ingest → extract (nlp, resolve) → fuse → store, one transaction per document."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from frontwatch.errors import FrontwatchError, Messages
from frontwatch.records import Document, Event, Skipped
from frontwatch.settings import SETTINGS, Settings
from frontwatch.store.base import Store

log = logging.getLogger(__name__)


@dataclass
class Summary:
    """What one ``process`` call did: documents read, stored, unchanged, skipped; events and claims stored."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    mentions: int = 0
    claims: int = 0

    @property
    def ok(self) -> bool:
        """True when no document was skipped."""
        return not self.skipped


# Documents whose candidate sentences go through the model in one ``nlp.pipe`` call: larger batches fill
# the model's matrices better (measured on bench/ with 100 documents: 1 -> 16 cut the parse time by about a
# fifth; 64 gained nothing more), and a batch's documents are held in memory until it is done.
BATCH_DOCS = 16
# Texts per model batch inside that call (spaCy's ``batch_size``, its default): a batch's sentences (about 170 for 16
# documents of bench/) go through each component as one minibatch. Measured with process_time over 160 bench/
# documents, six rounds alternated: 128 (two minibatches) 44.3 ms per document (median), 256 41.9, 1000 43.1.
PIPE_BATCH = 1000
# Allocations (net, of objects the cyclic collector tracks) between two young-generation collections while documents
# are processed, instead of Python's 700: parsing and extraction allocate and free many short-lived objects (a
# Token per word read, records), nearly all freed by reference counting before any collection would find them.
# Measured with process_time on 300 bench/ documents, one worker: time in the collector 2.0 ms per document at
# 700, 0.85 at 2,000, 0.42 at 10,000, 0.34 at 30,000. Older generations keep their ratios (10 and 10).
GC_YOUNG_THRESHOLD = 10_000


def extract_batch(docs: Sequence[Document]) -> list[tuple[Document, list[Event] | Skipped]]:
    """Each document's events (or why it was skipped), its candidate sentences parsed together with the others',
    and the sentences the claims reader re-parses for their reporting verbs likewise (one model call for the batch
    instead of one per document: a call costs about as much as parsing a sentence, before any sentence)."""
    from frontwatch.extract.parsing import parse_inputs, reporting_inputs

    parses = _piped(docs, parse_inputs)
    reporting = _piped(docs, reporting_inputs, disable=("ner",))  # attributions read no named entity
    return [_extract_or_skip(doc, p, r) for doc, p, r in zip(docs, parses, reporting)]


def _piped(docs: Sequence[Document], inputs_of: Callable[[Document], list[str]],
           disable: tuple[str, ...] = ()) -> list[dict | None]:
    """For each document, the Doc of each of its texts ``inputs_of`` gives, by text, piped through its language's
    pipeline (less ``disable``) together with the other documents'; None where it has none or the batch failed."""
    from frontwatch.nlp.model import MODELS, load_nlp

    inputs: list[list[str]] = []
    for doc in docs:
        try:
            inputs.append(inputs_of(doc))
        except Exception:  # extract_document meets the same problem and reports it
            log.debug("no batch parse for %s", doc.doc_id, exc_info=True)
            inputs.append([])
    parses: list[dict | None] = [None] * len(docs)
    for lang in {doc.language or "fr" for doc in docs} & set(MODELS):
        mine = [i for i, doc in enumerate(docs) if (doc.language or "fr") == lang and inputs[i]]
        try:
            # a text several documents share (a wire story's sentence, a boilerplate line) is parsed once: its
            # Doc depends on its text alone, and extraction reads Docs without changing them
            texts = list(dict.fromkeys(t for i in mine for t in inputs[i]))
            piped = dict(zip(texts, load_nlp(lang).pipe(texts, batch_size=PIPE_BATCH, disable=list(disable))))
            for i in mine:
                parses[i] = {text: piped[text] for text in inputs[i]}
        except Exception:  # each document then parses on its own, and one that fails is skipped alone
            log.warning("batch parse failed; parsing %d documents one by one", len(mine), exc_info=True)
            for i in mine:
                parses[i] = None
    return parses


def _extract_or_skip(doc: Document, parses: dict | None = None,
                     reporting: dict | None = None) -> tuple[Document, list[Event] | Skipped]:
    from frontwatch.extract.document import extract_document  # lazily: it loads the language model

    try:
        return doc, extract_document(doc, parses, reporting)
    except FrontwatchError as e:
        return doc, Skipped(doc.source or doc.doc_id, str(e))
    except Exception as e:  # a bug on one document must not lose the batch; it is logged in full
        log.exception("extraction failed on %s", doc.doc_id)
        return doc, Skipped(doc.source or doc.doc_id, Messages.E017.format(source=doc.doc_id, detail=repr(e)))


def _batches(docs: Iterator[Document], size: int = BATCH_DOCS) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extracted(docs: Iterator[Document], workers: int) -> Iterator[tuple[Document, list[Event] | Skipped]]:
    if workers <= 1:
        for batch in _batches(docs):
            yield from extract_batch(batch)
        return
    import multiprocessing as mp

    # The workers load the model themselves and this process never does: it only reads, fuses and stores, so
    # the model is resident in N processes, not N + 1 (2 workers: 1.3 GB resident in all instead of 1.7 GB).
    with mp.get_context().Pool(workers, initializer=_load_models) as pool:
        for results in pool.imap(extract_batch, _batches(docs)):
            yield from results


def _load_models() -> None:
    """Load every configured language's model in a fresh worker, before its first batch; the worker only
    extracts, so its young generation is collected as seldom as ``process_documents``'s (``GC_YOUNG_THRESHOLD``)."""
    from frontwatch.nlp.model import MODELS, load_nlp

    for lang in MODELS:
        load_nlp(lang)
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), *older)


_gc_lock = threading.Lock()
_gc_depth = 0  # process_documents calls under way (threads of one server may run several)
_gc_saved: tuple[int, ...] = ()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the young generation's threshold to ``GC_YOUNG_THRESHOLD`` while documents are processed; the thresholds
    found are put back when the last call under way ends (never lowered: a caller's higher one is kept)."""
    global _gc_depth, _gc_saved
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            young, *older = _gc_saved
            gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), *older)
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0:
                gc.set_threshold(*_gc_saved)


def process(
    inputs: Sequence[str],
    store: Store,
    *,
    published: date | None = None,
    publisher: str | None = None,
    lang: str | None = None,
    allow_private: bool = False,
    workers: int = 1,
    settings: Settings = SETTINGS,
    on_document: Callable[[Document | Skipped], None] | None = None,
) -> Summary:
    """Read every input, extract its events, fuse them into the store; skip and report bad documents."""
    from frontwatch.ingest import iter_documents

    items = iter_documents(
        inputs, published=published, publisher=publisher, lang=lang, allow_private=allow_private, settings=settings
    )
    return process_documents(items, store, workers=workers, settings=settings, on_document=on_document)


def process_documents(
    items: Iterable[Document | Skipped],
    store: Store,
    *,
    workers: int = 1,
    settings: Settings = SETTINGS,
    on_document: Callable[[Document | Skipped], None] | None = None,
) -> Summary:
    """Extract the events of documents already read (a Skipped is counted and reported), fuse them into the store."""
    import frontwatch.review  # noqa: F401  (gives the store fusion's builder, to hold analysts' merges and splits)
    from frontwatch.fuse import fuse_into_store

    summary = Summary()

    def fresh_documents() -> Iterator[Document]:
        seen: set[str] = set()
        for item in items:
            summary.read += 1
            if on_document is not None:
                on_document(item)
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                continue
            if item.doc_id in seen or store.has_document(item.doc_id, item.content_hash):
                summary.unchanged += 1
                continue
            seen.add(item.doc_id)
            yield item

    with _fewer_collections():
        for doc, result in _extracted(fresh_documents(), workers):
            if isinstance(result, Skipped):
                summary.skipped.append(result)
                continue
            try:
                affected: tuple[str, ...] = ()
                if store.has_document(doc.doc_id):  # a new version of a stored document replaces it
                    affected = store.delete_document(doc.doc_id).affected_event_ids
                fuse_into_store(store, doc, result, affected=affected)
            except FrontwatchError as e:
                summary.skipped.append(Skipped(doc.source or doc.doc_id, str(e)))
                continue
            summary.stored += 1
            summary.mentions += len(result)
            summary.claims += sum(len(m.claims) for m in result)
    return summary
