"""The pipeline: ingest → extract (nlp, resolve) → fuse → store, one transaction per document."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
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


def extract_mentions(doc: Document) -> list[Event]:
    """The events one document reports on its own (imported lazily: it loads the language model)."""
    from frontwatch.extract.document import extract_document

    return extract_document(doc)


def _extract_or_skip(doc: Document) -> tuple[Document, list[Event] | Skipped]:
    try:
        return doc, extract_mentions(doc)
    except FrontwatchError as e:
        return doc, Skipped(doc.source or doc.doc_id, str(e))
    except Exception as e:  # a bug on one document must not lose the batch; it is logged in full
        log.exception("extraction failed on %s", doc.doc_id)
        return doc, Skipped(doc.source or doc.doc_id, Messages.E017.format(source=doc.doc_id, detail=repr(e)))


def _extracted(docs: Iterator[Document], workers: int) -> Iterator[tuple[Document, list[Event] | Skipped]]:
    if workers <= 1:
        for doc in docs:
            yield _extract_or_skip(doc)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":
        # The first document is extracted here: the model, lexicons and gazetteer it loads are then shared
        # by the forked workers (copy-on-write) instead of being loaded again by each of them.
        docs = iter(docs)
        first = next(docs, None)
        if first is None:
            return
        yield _extract_or_skip(first)
    with ctx.Pool(workers) as pool:
        yield from pool.imap(_extract_or_skip, docs, chunksize=4)


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
    from frontwatch.fuse import fuse_into_store
    from frontwatch.ingest import iter_documents

    summary = Summary()

    def fresh_documents() -> Iterator[Document]:
        seen: set[str] = set()
        for item in iter_documents(
            inputs, published=published, publisher=publisher, lang=lang, allow_private=allow_private, settings=settings
        ):
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
