"""Stream an exporter's output as an HTTP body: the writer runs in a thread, the response reads its chunks."""

from __future__ import annotations

import io
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

logger = logging.getLogger(__name__)

# Chunks are flushed at about this many characters; the queue holds a few, so a slow client slows the
# writer (back-pressure) instead of the whole export piling up in memory.
CHUNK_CHARS = 64 * 1024
QUEUE_CHUNKS = 8
_POLL_S = 0.5
_DONE = object()


class _Cancelled(Exception):
    """The client went away; the writer thread stops at its next write."""


class _QueueWriter(io.TextIOBase):
    """A text sink that hands chunks of what is written to a bounded queue."""

    def __init__(self, chunks: queue.Queue, cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled
        self._buffer: list[str] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._buffer.append(text)
        self._size += len(text)
        if self._size >= CHUNK_CHARS:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._buffer:
            self._put("".join(self._buffer))
            self._buffer, self._size = [], 0

    def _put(self, item: object) -> None:
        while True:
            if self._cancelled.is_set():
                raise _Cancelled
            try:
                self._chunks.put(item, timeout=_POLL_S)
                return
            except queue.Full:
                continue

    def finish(self, outcome: object) -> None:
        self.flush()
        self._put(outcome)


def stream_writer(write: Callable[[TextIO], object]) -> Iterator[bytes]:
    """Run ``write(sink)`` in a thread and yield what it writes as UTF-8 chunks, stopping it if the reader stops."""
    chunks: queue.Queue = queue.Queue(maxsize=QUEUE_CHUNKS)
    cancelled = threading.Event()
    sink = _QueueWriter(chunks, cancelled)

    def run() -> None:
        try:
            write(sink)
            sink.finish(_DONE)
        except _Cancelled:
            logger.info("export cancelled by the client")
        except Exception as e:  # handed to the reader, which re-raises it in the request's context
            try:
                sink.finish(e)
            except _Cancelled:
                pass

    thread = threading.Thread(target=run, name="frontwatch-export", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, Exception):
                raise item
            yield item.encode("utf-8")
    finally:
        cancelled.set()
