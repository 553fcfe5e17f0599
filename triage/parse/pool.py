"""Parsing a backlog on every core: fetched batches go to worker processes while the next batch is fetched.

A first pass over years of mail is bound by the parser (pure Python, most
of a millisecond a notification), and one process uses one core.
`ParsePool` hands each fetched batch to a pool of worker processes (one per
core), in chunks, and gives the results back in order; meanwhile the pass
works through the batch before (see passes.FetchedBatches). A small batch
(the usual pass: a few new mails) is parsed right here: starting workers
costs more than it saves.

The workers are started on the first big batch, not before, as fresh
interpreters that import only the parser (never the model), so each is
small. They ignore SIGINT and SIGTERM: a Ctrl-C or a `systemctl stop`
reaches the whole process group, and it is the pass that decides to stop
(after the current batch) and then shuts them down; a pass killed outright
takes its workers with it (each watches its parent); a worker that dies
(out of memory, SIGKILL) costs its batch a reparse here, never the pass.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..items import ParsedMail
from .reader import ParseOptions, parse_email

if TYPE_CHECKING:  # imported where the workers start: a pass with nothing new never pays for multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

# A pass with fewer new mails than this parses in this process: starting the workers (~0.3 s) would cost
# about what they save. A backlog has more.
BACKLOG = 1000
# Fewer mails than this in one batch (the last of a backlog, say) are parsed in this process too.
MIN_POOL_BATCH = 200
# Each worker gets a batch in chunks of about this many mails: enough to keep pickling cheap, few enough
# that the workers finish a batch at nearly the same time.
CHUNK = 50


def default_workers() -> int:
    """One worker per core this process may run on; none on a single core.

    The pass itself (fetching, classifying, recording, moving) mostly waits on
    the server, and its waits are when the workers parse. Measured on two
    shared cores with the Dovecot on the same two (bench/README.md): two
    workers beat one (10-12 s against 13 s for 10,000 mails); neither beat
    parsing in the pass, as the server, the pass and the workers then share
    the same cores (the workers' time shows up as slower moves).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


def _parse_chunk(raws: Sequence[bytes], options: ParseOptions) -> list[ParsedMail]:
    return [parse_email(raw, options) for raw in raws]


def _worker_start(parent: int) -> None:
    """In a worker: leave SIGINT and SIGTERM to the pass, and end when the pass's process is gone.

    The pass stops after its batch and shuts the pool down; a pass killed
    outright (SIGKILL, a crash) cannot, and a worker blocked on its queue would
    wait forever: a watcher thread ends it within a second of its parent.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


class Parsed:
    """The parse of one batch: ready, or under way in the workers."""

    def __init__(self, pool: ParsePool, raws: Sequence[bytes], futures: list[Future] | None = None,
                 done: list[ParsedMail] | None = None) -> None:
        self._pool = pool
        self._raws = raws
        self._futures = futures or []
        self._done = done

    def result(self) -> list[ParsedMail]:
        """The batch's ParsedMail, in the order the mails were given."""
        if self._done is None:
            try:
                self._done = [parsed for future in self._futures for parsed in future.result()]
            except Exception as exc:  # noqa: BLE001 - a dead worker (BrokenProcessPool) must not end the pass
                log.warning("the parser workers failed (%s); parsing in this process from now on",
                            type(exc).__name__)
                self._pool.give_up()
                self._done = _parse_chunk(self._raws, self._pool.options)
            self._futures = []
        self._raws = ()  # parsed: the bytes are not needed for a reparse any more
        return self._done


class ParsePool:
    """Parses batches of raw mail in order, in worker processes when a batch is big enough.

    Use it as a context manager (or call close()): the workers, if any were
    started, are shut down when it ends, whatever ends it.
    """

    def __init__(self, options: ParseOptions, workers: int | None = None, min_batch: int | None = None) -> None:
        """workers: how many worker processes (None: default_workers()); 0 parses everything in this process.

        min_batch: smaller batches are parsed in this process (None: MIN_POOL_BATCH)."""
        self.options = options
        self.workers = default_workers() if workers is None else workers
        self.min_batch = MIN_POOL_BATCH if min_batch is None else min_batch
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False

    @property
    def started(self) -> bool:
        return self._executor is not None

    def submit(self, raws: Sequence[bytes]) -> Parsed:
        """Start parsing a batch; its result() is the ParsedMail list, in order."""
        if self.workers < 1 or len(raws) < self.min_batch or self._broken:
            return Parsed(self, raws, done=_parse_chunk(raws, self.options))
        executor = self._executor or self._start()
        size = max(CHUNK, -(-len(raws) // (self.workers * 4)))
        try:
            futures = [executor.submit(_parse_chunk, raws[i:i + size], self.options)
                       for i in range(0, len(raws), size)]
        except RuntimeError:  # BrokenProcessPool, or shut down
            log.warning("the parser workers are gone; parsing in this process from now on")
            self.give_up()
            return Parsed(self, raws, done=_parse_chunk(raws, self.options))
        return Parsed(self, raws, futures=futures)

    def give_up(self) -> None:
        """After a worker failure: parse in this process for the rest of the pass.

        The surviving workers are killed first: a pool that lost a worker can
        hang in its own shutdown (its queue's feeder blocked on a pipe nobody
        reads), and nothing they hold is wanted any more.
        """
        self._broken = True
        executor, self._executor = self._executor, None
        if executor is None:
            return
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            if process.is_alive():
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # A fresh interpreter per worker: the pass's process may hold threads (the service) and a TLS socket,
        # which a fork would copy; a fork server's workers outlive a killed pass.
        context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_start,
                                             initargs=(os.getpid(),))
        log.debug("parsing with %d worker processes", self.workers)
        return self._executor

    def close(self) -> None:
        """Shut the workers down (pending chunks are dropped; a result not asked for is not wanted)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
