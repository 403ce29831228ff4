"""A bounded pool of tagging worker processes, off the request path.

Why processes: the decoders (libjpeg, libwebp, libheif, PDFium) parse hostile
bytes; in a worker process a crash or a runaway allocation kills that worker,
not the web server, and the caller gets TaggingFailed("worker_crashed") while
the pool starts fresh workers. Workers are spawned (not forked from a
threaded server) and each runs one Tesseract at a time, so `workers` is the
number of cores used. Documents reach workers through a pipe, never a file.

The queue is bounded: `submit` raises TaggingQueueFull when `workers +
max_queue` documents are already waiting or running, so a burst of uploads
cannot pile plaintext up in memory.
"""

from __future__ import annotations

import multiprocessing
import resource
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from vault.errors import Unavailable
from vault.tagging.model import TaggingFailed, TaggingOptions, TagResult
from vault.tagging.pipeline import tag_document
from vault.tagging.previews import PagePreview, render_page

TASKS_PER_WORKER = 200


class TaggingQueueFull(Unavailable):
    """Too many documents are waiting to be tagged; try again later."""

    code = "tagging_queue_full"


Result = TypeVar("Result")


def forbid_core_files() -> None:
    """A worker that dies (a decoder crash, its CPU limit) must not leave its memory,
    plaintext included, in a core file."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run(data: bytes, mime: str, options: TaggingOptions) -> TagResult:
    return tag_document(data, mime, options)


class TaggingPool:
    """Runs tag_document in `workers` processes with at most `max_queue` waiting."""

    def __init__(self, options: TaggingOptions, workers: int = 2, max_queue: int = 64) -> None:
        if workers < 1 or max_queue < 0:
            raise ValueError("workers must be >= 1 and max_queue >= 0")
        self._options = options
        self._workers = workers
        self._capacity = workers + max_queue
        self._lock = threading.Lock()
        self._pending = 0
        self._closed = False
        self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            max_tasks_per_child=TASKS_PER_WORKER,
            initializer=forbid_core_files,
        )

    def submit(self, data: bytes, mime: str) -> Future[TagResult]:
        """Queue one document; the future gives its TagResult or raises TaggingFailed
        (an unexpected error inside the worker becomes reason `internal_error`).

        Raises TaggingQueueFull when the queue is full, RuntimeError once closed.
        """
        return self._submit(_run, data, mime, self._options)

    def preview(self, data: bytes, number: int) -> Future[PagePreview]:
        """Queue the rendering of page `number` of a PDF, like `submit` (same queue, same failures)."""
        return self._submit(render_page, data, number, self._options)

    def _submit(self, work: Callable[..., Result], *args: object) -> Future[Result]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the tagging pool is closed")
            if self._pending >= self._capacity:
                raise TaggingQueueFull(f"{self._pending} documents are already waiting")
            self._pending += 1
            executor = self._executor
        outer: Future[Result] = Future()
        try:
            inner = executor.submit(work, *args)
        except BrokenProcessPool:
            self._replace(executor)
            inner = self._executor.submit(work, *args)
        inner.add_done_callback(lambda done: self._settle(done, outer, executor))
        return outer

    def _settle(self, inner: Future[Result], outer: Future[Result], executor: ProcessPoolExecutor) -> None:
        with self._lock:
            self._pending -= 1
        error = None if inner.cancelled() else inner.exception()
        if isinstance(error, BrokenProcessPool):
            self._replace(executor)
        if outer.done():  # the caller stopped waiting and cancelled it
            return
        if inner.cancelled():
            outer.set_exception(TaggingFailed("cancelled", "the pool closed first"))
        elif isinstance(error, BrokenProcessPool):
            outer.set_exception(TaggingFailed("worker_crashed", "the tagging worker died"))
        elif isinstance(error, TaggingFailed):
            outer.set_exception(error)
        elif error is not None:
            failure = TaggingFailed("internal_error", type(error).__name__)
            failure.__cause__ = error
            outer.set_exception(failure)
        else:
            outer.set_result(inner.result())

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken and not self._closed:
                self._executor = self._new_executor()
        broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop accepting work, cancel what waits, and wait for running documents."""
        with self._lock:
            self._closed = True
            executor = self._executor
        executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> TaggingPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
