"""One triage pass: fetch, parse, classify, record, act.

Data flows one way, a batch at a time, so memory does not grow with the
mailbox. Each verdict is recorded before its mail is touched and marked done
after, so a crash or a dropped connection at any point is repaired on the
next pass: nothing is filed twice and nothing is skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .config import Config
from .errors import TriageError
from .corrections import learn_from_moves, note_inbox_return
from .items import MAIL_LINKEDIN, MAIL_NOT_LINKEDIN, MAIL_UNPARSEABLE, RECORD_LABELS, Item, ParsedMail, Verdict
from .mail.client import Fetched, MailClient, Ref
from .mail.connect import connect
from .mail.credentials import imap_password
from .policy import Action, decide, mail_label
from .replies import apply_replies
from .state import open_store
from .store import Record, Store

if TYPE_CHECKING:
    from .model.classify import Classifier
    from .people import Directory
    from .parse import ParseOptions
    from .parse.pool import Parsed

log = logging.getLogger(__name__)

# The counts a pass reports, in this order: every record label, then the mail the prefilter or the parser left out.
COUNT_ORDER = RECORD_LABELS + ("not LinkedIn",)


@dataclass
class Planned:
    """A record and the mailbox handle it acts on."""

    ref: Ref
    record: Record


@dataclass
class PassResult:
    counts: Counter = field(default_factory=Counter)
    planned: list[Planned] = field(default_factory=list)
    repaired: int = 0
    learned: int = 0
    replies: int = 0             # corrections applied from reply commands (summary codes)
    # Seconds per phase (search, fetch, parse, classify, record, move), for benchmarks and debug logs.
    timings: Counter = field(default_factory=Counter)
    round_trips: int = 0      # IMAP commands the pass sent (the metrics endpoint counts them)

    def summary_line(self) -> str:
        return " · ".join(f"{name} {self.counts.get(name, 0)}" for name in COUNT_ORDER)

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[phase] += time.perf_counter() - start


class ItemClassifier(Protocol):
    """What the pass needs of a model: verdicts for a batch of items, in order."""

    def classify(self, items: Sequence[Item]) -> list[Verdict]: ...


class LazyClassifier:
    """The model in use, loaded on the first batch that has something to classify.

    Importing scikit-learn and loading the model cost ~2 s; a pass that finds
    nothing new (cron, a systemd timer, most of the service's passes) never
    pays it. A backlog asks for it early (`load_in_background`): it then
    loads while the first batches are fetched and parsed.
    """

    def __init__(self, config: Config) -> None:
        self._config = config
        self._model: Classifier | None = None
        self._loading: threading.Thread | None = None
        self._error: BaseException | None = None

    def load_in_background(self) -> None:
        if self._model is None and self._loading is None:
            self._loading = threading.Thread(target=self._load, name="model-load", daemon=True)
            self._loading.start()

    def _load(self) -> None:
        try:
            self._model = _model_in_use(self._config)
        except BaseException as exc:  # noqa: BLE001 - handed to the pass, which reports it as ever
            self._error = exc

    @property
    def model(self) -> Classifier:
        if self._loading is not None:
            self._loading.join()
            self._loading = None
            if self._error is not None:
                error, self._error = self._error, None
                raise error
        if self._model is None:
            self._model = _model_in_use(self._config)
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def classify(self, items: Sequence[Item]) -> list[Verdict]:
        return self.model.classify(items)


def _model_in_use(config: Config) -> Classifier:
    from .model.registry import model_in_use  # scikit-learn: only where a model is needed

    return model_in_use(config)


def parse_options(config: Config) -> ParseOptions:
    from .parse import ParseOptions  # the parser: imported when there is mail to read

    return ParseOptions(trusted_authserv_ids=config.trusted_authserv_ids,
                        owner_names=config.owner_names,
                        max_part_bytes=min(config.max_message_bytes, 2_000_000))


# The domain of the stand-in key of a mail without a Message-ID: no server can search for it.
STAND_IN_DOMAIN = "@triage.invalid>"


def message_key(parsed: ParsedMail, raw: bytes) -> str:
    """The Message-ID, or a stable stand-in for mail that has none."""
    if parsed.message_id:
        return parsed.message_id
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}{STAND_IN_DOMAIN}"


def build_records(fetched: Sequence[Fetched], parsed: Sequence[ParsedMail], classifier: ItemClassifier,
                  config: Config, people: Directory | None = None) -> list[tuple[Fetched, Record, Action]]:
    """Classify every labeled item of the batch in one call, apply the people's overrides, and
    turn each mail into a record whose items carry their person and their own verdict."""
    from .people import Directory, annotate   # imported with the first mail, not by an idle pass
    items = [(i, item) for i, p in enumerate(parsed) if p.status == MAIL_LINKEDIN and not p.suspicious
             for item in p.labeled_items]
    verdicts = classifier.classify([item for _, item in items]) if items else []
    for verdict in verdicts:
        if verdict.label != "unsure" and verdict.confidence < config.unsure_below:
            verdict.label, verdict.reason = "unsure", f"confidence {verdict.confidence:.2f} below unsure_below"
    # The override step: the user's word about a person beats the model's verdict for new mail.
    people = people if people is not None else Directory()
    keys, verdicts = people.apply_overrides([item for _, item in items], verdicts)
    per_mail: dict[int, list[Verdict]] = {}
    per_item: dict[int, tuple[str, Verdict]] = {}
    for (i, item), key, verdict in zip(items, keys, verdicts):
        per_mail.setdefault(i, []).append(verdict)
        per_item[id(item)] = (key, verdict)

    out = []
    for i, (f, p) in enumerate(zip(fetched, parsed)):
        key = message_key(p, f.raw)
        if p.status == MAIL_UNPARSEABLE:
            record = Record(message_id=key, status=p.status, subject=p.subject, from_address=p.from_address,
                            label="unparseable", error=p.error, state="left")
            out.append((f, record, Action(None)))
            continue
        mine = per_mail.get(i, [])
        label = mail_label(mine, p.suspicious)
        action = decide(label, config)
        primary = (p.labeled_items or p.items or [None])[0]
        best = _best_verdict(mine, label)
        record = Record(
            message_id=key, status=p.status, kind=p.kind, subject=p.subject, from_address=p.from_address,
            mail_date=p.date.isoformat() if p.date else None,
            items=[_item_dict(it, per_item, annotate) for it in p.items], suspicious_reasons=list(p.suspicious_reasons),
            label=label, destination=action.destination, flags=list(action.flags),
            state="planned" if action.destination is not None else "left",
        )
        if primary is not None:
            record.sender_name, record.sender_headline = primary.sender_name, primary.sender_headline
            record.sender_location, record.mutual_connections = primary.sender_location, primary.mutual_connections
            record.profile_url, record.text, record.language = primary.profile_url, primary.text, primary.language
        if best is not None:
            record.confidence, record.probabilities = best.confidence, best.probabilities
            record.model_version, record.reason = best.model_version, best.reason
            record.override = best.override
        elif label == "suspicious":
            record.reason = "; ".join(p.suspicious_reasons)
        out.append((f, record, action))
    return out


def _item_dict(item: Item, per_item: dict[int, tuple[str, Verdict]],
               annotate: Callable[[dict, str, Verdict | None], None]) -> dict:
    out = item.to_dict()
    if id(item) in per_item:
        annotate(out, *per_item[id(item)])
    return out


def _best_verdict(verdicts: list[Verdict], label: str) -> Verdict | None:
    matching = [v for v in verdicts if v.label == label] or verdicts
    return max(matching, key=lambda v: v.confidence) if matching else None


def act(client: MailClient, planned: Sequence[tuple[Ref, Action]]) -> None:
    """Flags first (they travel with a moved message), then one MOVE per destination; the handles are the inbox's."""
    by_flags: dict[tuple[str, ...], list[Ref]] = {}
    by_folder: dict[str, list[Ref]] = {}
    for ref, action in planned:
        if action.flags:
            by_flags.setdefault(action.flags, []).append(ref)
        if action.destination:
            by_folder.setdefault(action.destination, []).append(ref)
    for flags, refs in by_flags.items():
        client.add_flags(refs, flags)
    for folder, refs in by_folder.items():
        client.ensure_folder(folder)
        client.move(refs, folder)


def repair(client: MailClient, store: Store) -> int:
    """Finish what a crashed pass recorded but may not have done; find each mail where it was or went.

    Every planned mail is looked up at once, in the inbox and in each destination
    (`locate_many`: a few commands, not two searches a mail), then the moves
    still owed are made together and the states recorded in one transaction.
    Run again after a crash of its own it finds the same mail in the same places."""
    records = store.planned()
    if not records:
        return 0
    ids = [r.message_id for r in records]
    in_inbox = client.locate_many(ids, "")
    in_destination = {folder: client.locate_many([r.message_id for r in records if r.destination == folder], folder)
                      for folder in dict.fromkeys(r.destination for r in records if r.destination)}
    owed: list[tuple[Ref, Action]] = []
    copies: list[Ref] = []
    states: dict[str, list[str]] = {"done": [], "gone": []}
    for r in records:
        here = in_inbox.get(r.message_id, [])
        there = in_destination[r.destination].get(r.message_id, []) if r.destination else here
        if r.destination and here and there:
            copies.extend(here)              # the copy of an interrupted COPY+EXPUNGE
            state = "done"
        elif here:
            owed.append((here[0], Action(r.destination, tuple(r.flags))))
            state = "done"
        elif there:
            state = "done"
        else:
            state = "gone"                   # moved or deleted by the user meanwhile: theirs now
        states[state].append(r.message_id)
    act(client, owed)
    client.remove_copies(copies)   # last: a server without UIDPLUS refuses it, and the moves are made by then
    with store.transaction():
        for state, message_ids in states.items():
            store.set_state(message_ids, state)
    log.info("repaired %d mail(s) a pass had recorded but not finished: %d done, %d gone",
             len(records), len(states["done"]), len(states["gone"]))
    return len(records)


def run_pass(client: MailClient, store: Store, classifier: ItemClassifier, config: Config, *,
             dry_run: bool = False, limit: int | None = None,
             on_batch: Callable[[int, int], None] | None = None,
             should_stop: Callable[[], bool] | None = None,
             on_backlog: Callable[[], None] | None = None) -> PassResult:
    """One pass over new mail in the inbox; see the module docstring for the guarantees.

    `should_stop` is asked between batches, so a stop request finishes the
    current batch and leaves the rest for the next pass. `on_backlog` is
    called when the pass finds a backlog (a model not loaded yet can start
    loading)."""
    result = PassResult()
    if not dry_run:
        result.repaired = repair(client, store)
    inbox_name = client.inbox
    with result.timed("search"):
        state = client.open_inbox()
    if not dry_run:
        # The user's own word first: commands sent from the summary, then moves made in a mail client.
        result.replies = sum(r.applied for r in apply_replies(client, store, config))
        result.learned = len(learn_from_moves(client, store, config))
    checkpoint = store.checkpoint(inbox_name)
    after = 0
    if checkpoint and checkpoint[0] == state.uidvalidity:
        after = checkpoint[1]
    elif checkpoint:
        log.warning("UIDVALIDITY of %s changed (%s -> %s): rescanning, known mail is recognised by Message-ID",
                    inbox_name, checkpoint[0], state.uidvalidity)
    with result.timed("search"):
        refs, ruled_out = client.new_refs(after, state)
    result.counts["not LinkedIn"] += ruled_out
    truncated = limit is not None and len(refs) > limit
    if truncated:
        refs = refs[:limit]
    people: Directory | None = None
    if refs:
        from .people import Directory, record_items   # imported with the first mail, not by an idle pass
        people = Directory.load(store)
    batches = FetchedBatches(client, refs, client.batch_size, config, result, should_stop)
    if on_backlog is not None and batches.backlog:
        on_backlog()
    seen_keys: set[str] = set()
    owed = OwedMoves(inbox_name, state.uidvalidity)
    done = 0
    for batch, fetched, parsed in batches:
        keep = []
        for f, p in zip(fetched, parsed):
            if p.status == MAIL_NOT_LINKEDIN:
                result.counts["not LinkedIn"] += 1
                continue
            keep.append((f, p))
        known = store.known(message_key(p, f.raw) for f, p in keep)
        fresh = []
        unlocated: list[tuple[Ref, str, Action]] = []
        for f, p in keep:
            key = message_key(p, f.raw)
            if key in known or key in seen_keys:
                if (not dry_run and known.get(key) == "gone" and key.endswith(STAND_IN_DOMAIN)
                        and key not in seen_keys):
                    # A mail without a Message-ID that a crashed pass had recorded: the repair can only
                    # look mail up by Message-ID, so it could not find it, but here it is, still in the
                    # inbox (the checkpoint never passed it). What was owed is done now.
                    record = store.get(key)
                    if record is not None:
                        unlocated.append((f.ref, key, Action(record.destination, tuple(record.flags))))
                # Otherwise already filed (a flagged personal note), a duplicate copy, or
                # mail the user moved back to the inbox: a correction, never refiled.
                elif not dry_run and known.get(key) == "done" and note_inbox_return(store, key):
                    result.learned += 1
                seen_keys.add(key)
                continue
            seen_keys.add(key)
            fresh.append((f, p))
        with result.timed("classify"):
            built = build_records([f for f, _ in fresh], [p for _, p in fresh], classifier, config, people)
        del fetched, parsed, keep, fresh  # a backlog streams through in batches; memory stays flat
        for f, record, _ in built:
            result.counts["unparseable" if record.status == MAIL_UNPARSEABLE else record.label] += 1
            if dry_run:
                result.planned.append(Planned(f.ref, record))
        if not dry_run:
            with result.timed("record"), store.transaction():
                store.add(record for _, record, _ in built)
                record_items(store, [record for _, record, _ in built])
            owed.add([(f.ref, record.message_id, action) for f, record, action in built if record.state == "planned"]
                     + unlocated, batch[-1])
            if owed.batches >= MOVE_EVERY_BATCHES:
                owed.settle(client, store, result)
        done += len(batch)
        if on_batch:
            on_batch(done, len(refs))
    if not dry_run:
        owed.settle(client, store, result)   # the last batches, and those before a stop request
    truncated = truncated or batches.stopped
    if not dry_run and state.uidvalidity and not truncated:
        with store.transaction():
            store.set_checkpoint(inbox_name, state.uidvalidity, max(after, state.uidnext - 1))
    return result


# A pass records each fetched batch as it goes, but moves its mail every this many batches: a MOVE costs
# the server about as much per command as per hundreds of mails (Dovecot rewrites the folder's index), and
# each batch goes to several folders. Until moved, a batch's mail is "planned" in the state, and a pass cut
# short there is finished by the next one's repair, as one cut between recording and moving always was.
MOVE_EVERY_BATCHES = 2


class OwedMoves:
    """The moves and flags the pass has recorded but not made yet, and the checkpoint that follows them.

    The checkpoint moves past a batch only once its mail is moved and marked
    done: a crash before that leaves the mail planned, never skipped."""

    def __init__(self, inbox: str, uidvalidity: int) -> None:
        self.inbox, self.uidvalidity = inbox, uidvalidity
        self.planned: list[tuple[Ref, Action]] = []
        self.message_ids: list[str] = []
        self.last_ref: Ref | None = None   # the batch's last handle: its UID, where the backend has UIDs
        self.batches = 0

    def add(self, planned: Sequence[tuple[Ref, str, Action]], last_ref: Ref) -> None:
        self.planned += [(ref, action) for ref, _, action in planned]
        self.message_ids += [message_id for _, message_id, _ in planned]
        self.last_ref = last_ref
        self.batches += 1

    def settle(self, client: MailClient, store: Store, result: PassResult) -> None:
        """Make the moves owed, then mark their mail done and move the checkpoint, in one transaction."""
        if self.last_ref is None:
            return
        with result.timed("move"):
            act(client, self.planned)
        with result.timed("record"), store.transaction():
            store.set_state(self.message_ids, "done")
            if self.uidvalidity:
                store.set_checkpoint(self.inbox, self.uidvalidity, int(self.last_ref))
        self.planned, self.message_ids, self.last_ref, self.batches = [], [], None, 0


class FetchedBatches:
    """The pass's new mail, a batch at a time: (UIDs, fetched mail, parsed mail), in order.

    With the parser's workers started, batch k+1 is fetched and handed to
    them before batch k is given out, so they parse while the pass
    classifies, records and moves batch k; batch k's parse is collected (and
    the bytes it no longer needs dropped) before k+1 is fetched, so one
    batch's bytes are held at a time. Without workers each batch is given out
    as soon as it is parsed. A stop request
    is honoured before the next batch is given out, as before the read-ahead:
    the batch the pass is on is finished, the rest (the one read ahead
    included: it was neither recorded nor checkpointed) is left for the next
    pass (`stopped`). The parser's workers, if it started any, are shut down
    when the batches end, however they end (the last one given out, an error
    in the pass, a stop).
    """

    def __init__(self, client: MailClient, refs: Sequence[Ref], size: int, config: Config,
                 result: PassResult, should_stop: Callable[[], bool] | None) -> None:
        self.client, self.refs, self.size, self.config = client, refs, size, config
        self.result, self.should_stop = result, should_stop
        self.stopped = False

    @property
    def backlog(self) -> bool:
        """Enough new mail for the parser's workers (and for loading the model early)."""
        if not self.refs:
            return False   # an idle pass never imports the parser
        from .parse.pool import BACKLOG

        return len(self.refs) >= BACKLOG

    def __iter__(self) -> Iterator[tuple[Sequence[Ref], list[Fetched], list[ParsedMail]]]:
        if not self.refs:
            return
        from .parse.pool import ParsePool

        workers = self.config.parse_workers if self.backlog else 0
        with ParsePool(parse_options(self.config), workers) as parser:
            pending: tuple[Sequence[Ref], list[Fetched], Parsed] | None = None  # the batch the workers parse
            for start in range(0, len(self.refs), self.size):
                if self._stop():
                    return
                # Batch k's parse is collected (its bytes dropped) before k+1 is fetched: one batch's bytes at a time.
                ready = self._finished(pending) if pending is not None else None
                pending = None
                batch = self.refs[start:start + self.size]
                with self.result.timed("fetch"):
                    fetched = self.client.fetch(batch, self.config.max_message_bytes)
                # Parsed here, in this process, unless the pool has workers: then it is only handed over.
                with self.result.timed("parse"):
                    job = parser.submit([f.raw for f in fetched])
                pending, fetched, job = (batch, fetched, job), None, None  # the batch is held once, here
                if ready is not None:
                    yield ready  # with workers, batch k goes through the pass while they parse k+1
                    ready = None
                    if self._stop():
                        return
                if not parser.started:  # parsed already (no workers, or they failed): give it out now
                    ready, pending = self._finished(pending), None
                    yield ready
                    ready = None
            if pending is not None:
                ready, pending = self._finished(pending), None
                yield ready

    def _stop(self) -> bool:
        if self.should_stop is not None and self.should_stop():
            self.stopped = True
        return self.stopped

    def _finished(self, pending: tuple[Sequence[Ref], list[Fetched], Parsed]
                  ) -> tuple[Sequence[Ref], list[Fetched], list[ParsedMail]]:
        """A batch's parse, and the batch without the bytes of mail that has a Message-ID.

        The pass needs a mail's bytes after parsing only to name one that has
        no Message-ID (message_key); dropping the rest here keeps a batch's
        18 MB from being held through classification, records and moves.
        """
        batch, fetched, job = pending
        with self.result.timed("parse"):  # with workers: the time the pass waited for them
            parsed = job.result()
        slim = [f if not p.message_id else dataclasses.replace(f, raw=b"") for f, p in zip(fetched, parsed)]
        return batch, slim, parsed


def run_once(config: Config, *, dry_run: bool = False, limit: int | None = None,
             on_batch: Callable[[int, int], None] | None = None,
             classifier: ItemClassifier | None = None, lock: bool = True,
             should_stop: Callable[[], bool] | None = None) -> PassResult:
    """`triage once`: take the state lock, connect, run one pass, record how it went.

    The service holds the lock for its whole life and passes lock=False."""
    password = imap_password(config.imap, str(config.path)) if config.imap else ""
    lazy = LazyClassifier(config) if classifier is None else None
    classifier = classifier or lazy
    on_backlog = lazy.load_in_background if lazy is not None else None
    in_memory = dry_run and not config.state_path.exists()     # a dry run leaves no state behind
    with (Store.in_memory(config.account) if in_memory else open_store(config)) as store:
        if lock:
            store.lock()
        if dry_run:
            with connect(config, password) as client:
                return run_pass(client, store, classifier, config, dry_run=True, limit=limit, on_batch=on_batch,
                                should_stop=should_stop, on_backlog=on_backlog)
        pass_id = store.start_pass()
        try:
            with connect(config, password) as client:
                result = run_pass(client, store, classifier, config, limit=limit, on_batch=on_batch,
                                  should_stop=should_stop, on_backlog=on_backlog)
                result.round_trips = client.round_trips
        except Exception as exc:
            from .health import error_kind
            store.finish_pass(pass_id, False, {}, str(exc)[:500], error_kind(exc))
            raise
        store.finish_pass(pass_id, True, dict(result.counts))
        return result


def run_accounts_once(config: Config, accounts: Sequence[Config], *, dry_run: bool = False,
                      limit: int | None = None, on_batch: Callable[[int, int], None] | None = None,
                      should_stop: Callable[[], bool] | None = None
                      ) -> list[tuple[Config, PassResult | Exception]]:
    """`triage once` over several accounts: one state lock, each account in turn, a failure never stops the rest.

    A TriageError of one account (mail, config, model) is its outcome (the CLI prints one
    line each and exits 1); the others are still triaged."""
    lock = None if dry_run else open_store(config)
    try:
        if lock is not None:
            lock.lock()
        outcomes: list[tuple[Config, PassResult | Exception]] = []
        for account in accounts:
            if should_stop is not None and should_stop():
                break  # a stop request: the accounts not reached yet are left for the next pass
            try:
                outcomes.append((account, run_once(account, dry_run=dry_run, limit=limit, on_batch=on_batch,
                                                   lock=False, should_stop=should_stop)))
            except TriageError as exc:
                outcomes.append((account, exc))
        return outcomes
    finally:
        if lock is not None:
            lock.close()
