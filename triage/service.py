"""`triage run`: the long-running worker, for every account of the config.

A BlockingScheduler runs each account's pass every poll_minutes and the
morning summary on a cron trigger; per account, one more IMAP connection waits
in IDLE and asks for a pass as soon as new mail arrives, and is checked every
keepalive so a connection that died silently is replaced. Each account has its
own job, backoff, IDLE thread and connection budget: a wrong password or a
dead server in one never delays another. Failures are logged as one line and
retried with exponential backoff and jitter; the service itself never exits
on a mail error. SIGTERM/SIGINT finish the current batch and exit 0.
"""

from __future__ import annotations

import json
import logging
import random
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from .config import DEFAULT_ACCOUNT, Config, ConfigError
from .delivery import account_problems, local_timezone, send_alert, send_combined_summary, send_daily_summary
from .errors import one_line
from .health import HEARTBEAT_SECONDS, clear_heartbeat, error_kind, write_heartbeat
from .mail.client import MailClient
from .mail.connect import connect
from .mail.credentials import imap_password
from .mail.errors import LoginRefused, MailError
from .metrics import Metrics, start_metrics
from .model.classify import Classifier
from .model.registry import active_model_dir, model_in_use
from .passes import run_once
from .state import open_store
from .store import Store, now

log = logging.getLogger("triage.service")

MAX_BACKOFF = 300.0          # seconds; the brief's cap on reconnect waits
LOGIN_RETRY = 900.0          # a refused password is retried slowly, not hammered


def backoff(failures: int) -> float:
    """Seconds to wait after `failures` failures in a row: doubling up to MAX_BACKOFF, with jitter
    (half to all of it), so that many clients cut off at once do not come back at once."""
    return min(MAX_BACKOFF, 2.0 ** failures) * random.uniform(0.5, 1.0)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(log_format: str, level: int) -> None:
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    logging.getLogger("imapclient").setLevel(max(level, logging.INFO))


def service_timezone(config: Config) -> Any:
    return local_timezone(config)


class Account:
    """One account inside the service: its pass job and backoff, its IDLE connection, its budget."""

    def __init__(self, service: "Service", config: Config) -> None:
        self.service = service
        self.config = config
        self.name = config.account
        self.job_id = f"pass:{self.name}"
        self.wanted = threading.Event()      # new mail seen while a pass was running
        self.wake = threading.Event()        # cuts the IDLE thread's reconnect wait short (stop, SIGHUP)
        self.failures = 0
        limit = config.imap.max_connections if config.imap else 2
        # Every connection triage opens to this account (IDLE, a pass, a summary APPEND) takes a slot.
        self.connections = threading.BoundedSemaphore(limit)
        self.idle_allowed = limit >= 2
        self.catch_up_day: date | None = None
        self.retrainer: threading.Thread | None = None

    def store(self) -> Store:
        return open_store(self.config)

    # -- passes -------------------------------------------------------------

    def triage_job(self) -> None:
        """Passes until nothing new is waiting; then a missed morning summary, if one is due."""
        self._passes()
        day, self.catch_up_day = self.catch_up_day, None
        if day is not None and not self.service.stop.is_set():
            self.service.send_summary(day, [self])

    def _passes(self) -> None:
        """One pass, again at once if new mail came meanwhile; failures back off, this account's only."""
        service = self.service
        while not service.stop.is_set():
            self.wanted.clear()
            started = time.monotonic()
            try:
                with self.connection():
                    result = run_once(self.config, classifier=service.classifier_for(self.config), lock=False,
                                      should_stop=service.stop.is_set)
            except Exception as exc:  # noqa: BLE001 (a bug must not kill a service that runs for months either)
                self._failed(exc, time.monotonic() - started)
                return
            service.metrics.pass_finished(self.name, True, result.counts, time.monotonic() - started,
                                          result.round_trips, time.time())
            if self.failures:
                log.info("%s: mail server reachable again after %d failures", self.name, self.failures)
            self.failures = 0
            service.maybe_retrain(self)
            total = sum(v for k, v in result.counts.items() if k != "not LinkedIn")
            if total:
                log.info("%s: pass: %s", self.name, result.summary_line())
            if not self.wanted.is_set():
                return

    def _failed(self, exc: Exception, seconds: float) -> None:
        kind = error_kind(exc)
        self.service.metrics.pass_finished(self.name, False, {}, seconds, 0, time.time())
        self.service.metrics.error(self.name, kind)
        if isinstance(exc, LoginRefused):
            self.retry_later(LOGIN_RETRY, f"{self.name}: {one_line(exc)}; retrying in {LOGIN_RETRY / 60:.0f} min")
        elif isinstance(exc, (MailError, ConfigError, OSError)):
            self.failures += 1
            delay = backoff(self.failures)
            self.retry_later(delay, f"{self.name}: pass failed: {one_line(exc)}; retrying in {delay:.0f} s")
        else:
            log.error("%s: pass failed unexpectedly", self.name, exc_info=exc)
            self.retry_later(MAX_BACKOFF, f"{self.name}: retrying in 5 min")

    def retry_later(self, delay: float, message: str) -> None:
        log.warning(message)
        if not self.service.stop.is_set():
            self.service.scheduler.modify_job(self.job_id,
                                              next_run_time=datetime.now(self.service.tz) + timedelta(seconds=delay))

    def retry_now(self) -> None:
        """SIGHUP: a fixed password or a new sign-in is tried at once, not after the backoff."""
        self.failures = 0
        self.wake.set()
        self.request_pass()

    def request_pass(self) -> None:
        """Ask for a pass now (from the IDLE thread)."""
        self.wanted.set()
        try:
            self.service.scheduler.modify_job(self.job_id, next_run_time=datetime.now(self.service.tz))
        except Exception:  # the scheduler is shutting down
            pass

    @contextmanager
    def connection(self) -> Iterator[None]:
        """Hold one of the account's connection slots (waits while IDLE, a pass and a summary hold them all)."""
        self.connections.acquire()
        try:
            yield
        finally:
            self.connections.release()

    # -- IDLE ---------------------------------------------------------------

    def idle_loop(self) -> None:
        """Keep one connection in IDLE on the inbox; check it every keepalive; reconnect with backoff."""
        service = self.service
        keepalive = service.config.service.keepalive_seconds
        # Renew at half the keepalive and allow the other half for the answer: a silent death shows within one.
        every, answer_within = keepalive / 2, max(1.0, keepalive / 2)
        failures = 0
        while not service.stop.is_set():
            client = None
            self.connections.acquire()
            try:
                client = connect(self.config, imap_password(self.config.imap, str(self.config.path)))
                if not client.supports_idle():
                    log.info("%s: the server has no IDLE; polling every %s min", self.name,
                             service.config.service.poll_minutes)
                    self._idle_state("unsupported")
                    return
                client.idle_start()
                self._idle_state("connected")
                service.metrics.idle_connected(self.name, True)
                if failures:
                    log.info("%s: IDLE connection back; a pass files what came meanwhile", self.name)
                    self.request_pass()
                failures = 0
                renewed = time.monotonic()
                while not service.stop.is_set():
                    if client.idle_wait(timeout=min(1.0, every)):
                        self.request_pass()
                    if time.monotonic() - renewed >= every:
                        if client.idle_keepalive(answer_within):
                            self.request_pass()
                        renewed = time.monotonic()
                        with self.store() as store, store.transaction():
                            store.idle_checked()
                client.idle_stop()
            except Exception as exc:  # noqa: BLE001 (IMAP aborts vary; the thread must live on)
                failures += 1
                kind = error_kind(exc)
                service.metrics.idle_connected(self.name, False)
                service.metrics.error(self.name, kind)
                delay = LOGIN_RETRY if isinstance(exc, LoginRefused) else backoff(failures)
                log.warning("%s: IDLE connection lost (%s); reconnecting in %.0f s", self.name, one_line(exc), delay)
                self._idle_state("reconnecting", one_line(exc))
                if client is not None:
                    service.metrics.round_trips(self.name, client.round_trips)
                    _quietly_close(client)
                    client = None
                self.connections.release()
                self.wake.wait(delay)
                self.wake.clear()
                continue
            finally:
                if client is not None:
                    service.metrics.round_trips(self.name, client.round_trips)
                    _quietly_close(client)
                    self.connections.release()
        self._idle_state("off")
        service.metrics.idle_connected(self.name, False)

    def _idle_state(self, state: str, detail: str = "") -> None:
        try:
            with self.store() as store, store.transaction():
                store.set_idle_state(state, detail)
        except Exception as exc:  # noqa: BLE001 (status is a report; it must never stop IDLE)
            log.debug("%s: idle state not recorded: %s", self.name, exc)


class Service:
    """The worker: one scheduler, one Account per configured account, one lock on the state database."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.tz = service_timezone(config)
        self.stop = threading.Event()
        self.accounts = [Account(self, c) for c in config.accounts]
        # A pass, an IDLE-triggered pass and a summary per account may run at once; a slow account
        # holds its own worker, never another account's.
        workers = ThreadPoolExecutor(max_workers=2 * len(self.accounts) + 4)
        self.scheduler = BlockingScheduler(timezone=self.tz, executors={"default": workers},
                                           job_defaults={"coalesce": True, "max_instances": 1})
        self._classifiers: dict[Path | None, Classifier] = {}
        self._classifiers_lock = threading.Lock()
        for account in config.accounts:
            self.classifier_for(account)
        self.lock_store = open_store(config)
        self.metrics: Metrics = Metrics()
        self.started_at = now()

    @property
    def classifier(self) -> Classifier:
        """The first account's model (what the start-up line names)."""
        return self.classifier_for(self.config)

    def classifier_for(self, config: Config) -> Classifier:
        """The account's active model, loaded once per model directory and shared by the accounts using it."""
        key = active_model_dir(config)
        with self._classifiers_lock:
            if key not in self._classifiers:
                self._classifiers[key] = model_in_use(config)
            return self._classifiers[key]

    # -- learning -------------------------------------------------------------

    def maybe_retrain(self, account: Account) -> None:
        """After retrain_after new corrections (of the accounts sharing this model), retrain in the background."""
        every = self.config.service.retrain_after
        leader = self._model_leader(account)
        if not every or (leader.retrainer and leader.retrainer.is_alive()):
            return
        with leader.store() as store:
            since = int(store.get_meta(_retrain_key(leader.config), "0"))
            newest = store.last_correction_id(leader.config.model_group)
            corrected = store.corrections_since(since, leader.config.model_group)   # messages; overrides do not count
        if corrected >= every:
            leader.retrainer = threading.Thread(target=self._retrain, args=(leader, newest),
                                                name=f"retrain:{leader.name}", daemon=True)
            leader.retrainer.start()

    def _model_leader(self, account: Account) -> Account:
        """Accounts that share a model retrain it once, through the first of them."""
        if not account.config.model_shared:
            return account
        return next(a for a in self.accounts if a.config.model_shared)

    def _retrain(self, account: Account, newest: int) -> None:
        from .model.retrain import retrain

        try:
            with account.store() as store:
                report = retrain(account.config, store, self.classifier_for(account.config))
                with store.transaction():
                    store.set_meta(_retrain_key(account.config), str(newest))
            for line in report.lines():
                log.info("%s: retrain: %s", account.name, line)
            if report.activated:
                self.classifier_for(account.config)   # loads the new version; passes pick it up
        except Exception as exc:  # training must never take the service down
            log.warning("%s: retraining failed: %s", account.name, one_line(exc))

    # -- summaries and alerts --------------------------------------------------

    def summary_job(self, names: list[str]) -> None:
        day = datetime.now(self.tz).date()
        self.send_summary(day, [a for a in self.accounts if a.name in names])

    def send_summary(self, day: date, accounts: list[Account]) -> None:
        """The morning summary of these accounts (combined into one when configured); retried in 10 min."""
        if self.config.summary.combine:
            accounts = self.accounts
        stores = [a.store() for a in accounts]
        try:
            with accounts[0].connection():
                if self.config.summary.combine:
                    outcome = send_combined_summary(
                        [(a.config, s, self.classifier_for(a.config).version) for a, s in zip(accounts, stores)], day)
                else:
                    outcome = send_daily_summary(accounts[0].config, stores[0], day,
                                                 self.classifier_for(accounts[0].config).version)
            log.info("%s: summary for %s: %s %s", accounts[0].name, day, outcome.state, outcome.detail)
        except (MailError, ConfigError, OSError) as exc:
            log.warning("%s: summary for %s not delivered: %s; retrying in 10 min", accounts[0].name, day,
                        one_line(exc))
            self.metrics.error(accounts[0].name, "summary")
            self.alert_elsewhere(accounts, stores, day)
            self.scheduler.add_job(self.send_summary, "date", args=[day, accounts],
                                   run_date=datetime.now(self.tz) + timedelta(minutes=10))
        finally:
            for s in stores:
                s.close()

    def alert_elsewhere(self, accounts: list[Account], stores: list[Store], day: date) -> None:
        """The summary route is down: mail each problem (no sync, a sign-in to renew) through another account."""
        others = [a for a in self.accounts if a not in accounts] or [a for a in self.accounts if a is not accounts[0]]
        for account, store in zip(accounts, stores):
            problems = account_problems(store, account.config)
            if not problems:
                continue
            for via in others:
                try:
                    with via.connection():
                        if send_alert(account.config, store, problems, via.config, day):
                            log.warning("%s: alert sent through account %s: %s", account.name, via.name,
                                        "; ".join(line for _, line in problems))
                    break
                except (MailError, ConfigError, OSError) as exc:
                    log.warning("%s: alert through %s failed: %s", account.name, via.name, one_line(exc))

    # -- lifecycle ----------------------------------------------------------

    def heartbeat_job(self) -> None:
        """Proof for `triage status --check` that the service is alive and its scheduler runs jobs."""
        try:
            with open_store(self.config) as store:    # a connection per thread: sqlite3 wants it so
                write_heartbeat(store, self.started_at, [a.name for a in self.accounts])
        except Exception as exc:  # noqa: BLE001 (a busy database delays one beat, not the service)
            log.warning("heartbeat not written: %s", one_line(exc))

    def catch_up_summary(self) -> None:
        """A machine asleep (or a service down) at summary time sends it on start, within the grace."""
        now_ = datetime.now(self.tz)
        hour, minute, second = self.config.service.summary_at
        due = now_.replace(hour=hour, minute=minute, second=second, microsecond=0)
        grace = timedelta(hours=self.config.service.misfire_grace_hours)
        trigger = self.summary_trigger()
        first_today = trigger.get_next_fire_time(None, due - timedelta(seconds=1))
        if first_today is not None and first_today.date() == due.date() and due <= now_ <= due + grace:
            # Sent by each account's first triage job, after its pass, so it covers the mail that came overnight.
            for account in (self.accounts[:1] if self.config.summary.combine else self.accounts):
                account.catch_up_day = due.date()

    def summary_trigger(self) -> CronTrigger:
        hour, minute, second = self.config.service.summary_at
        return CronTrigger(hour=hour, minute=minute, second=second,
                           day_of_week=self.config.service.summary_days, timezone=self.tz)

    def run(self, stop_requested: threading.Event | None = None) -> int:
        """Schedule the jobs and block until SIGTERM/SIGINT; `stop_requested` carries a signal that came during start-up."""
        self.lock_store.lock()
        self.metrics = start_metrics(self.config.service.metrics, [a.name for a in self.accounts])
        self.heartbeat_job()
        start = datetime.now(self.tz)
        for i, account in enumerate(self.accounts):
            poll = IntervalTrigger(minutes=self.config.service.poll_minutes, timezone=self.tz)
            # First passes a little apart, so fifty accounts do not log in in the same instant.
            self.scheduler.add_job(account.triage_job, poll, id=account.job_id,
                                   next_run_time=start + timedelta(seconds=0.2 * i))
        groups = [[a.name for a in self.accounts]] if self.config.summary.combine else \
            [[a.name] for a in self.accounts]
        for names in groups:
            self.scheduler.add_job(self.summary_job, self.summary_trigger(), args=[names], id=f"summary:{names[0]}",
                                   misfire_grace_time=int(self.config.service.misfire_grace_hours * 3600))
        self.scheduler.add_job(self.heartbeat_job, IntervalTrigger(seconds=HEARTBEAT_SECONDS, timezone=self.tz),
                               id="heartbeat")
        self.catch_up_summary()
        idle_threads = []
        for account in self.accounts:
            if account.config.imap is None or not self.config.service.idle:
                account._idle_state("off")
                continue
            if not account.idle_allowed:
                log.info("%s: max_connections = 1 leaves no room for IDLE; polling every %s min",
                         account.name, self.config.service.poll_minutes)
                account._idle_state("off", "max_connections = 1")
                continue
            thread = threading.Thread(target=account.idle_loop, name=f"idle:{account.name}", daemon=True)
            thread.start()
            idle_threads.append(thread)

        def on_signal(signum: int, _frame: object) -> None:
            log.info("%s: finishing the current batch and stopping", signal.Signals(signum).name)
            self.stop.set()
            for account in self.accounts:
                account.wake.set()
            threading.Thread(target=self.scheduler.shutdown, kwargs={"wait": True}, daemon=True).start()

        def on_hangup(_signum: int, _frame: object) -> None:
            log.info("SIGHUP: retrying every account now")
            for account in self.accounts:
                threading.Thread(target=account.retry_now, daemon=True).start()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGHUP, on_hangup)
        names = ", ".join(a.name for a in self.accounts)
        log.info("triage running: %s; pass every %s min, summary at %02d:%02d:%02d %s, model %s%s",
                 names if names != DEFAULT_ACCOUNT else "one account",
                 self.config.service.poll_minutes, *self.config.service.summary_at, self.tz,
                 self.classifier.version, f", metrics on {self.metrics.address}" if self.metrics.address else "")
        if stop_requested is not None and stop_requested.is_set():
            log.info("asked to stop while starting")
            self.stop.set()
        try:
            if not self.stop.is_set():
                self.scheduler.start()
        finally:
            self.stop.set()
            deadline = time.monotonic() + 3
            for thread in idle_threads:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
            try:
                clear_heartbeat(self.lock_store)
            except Exception as exc:  # noqa: BLE001
                log.warning("heartbeat not cleared: %s", one_line(exc))
            self.metrics.close()
            self.lock_store.close()
        log.info("stopped")
        return 0


def _retrain_key(config: Config) -> str:
    """Where the corrections count at the last retrain is kept (the legacy key for the models/ registry)."""
    if config.model_shared or config.account == DEFAULT_ACCOUNT:
        return "retrained_at_correction"
    return f"retrained_at_correction:{config.account}"


def _quietly_close(client: MailClient) -> None:
    try:
        client.close()
    except Exception:  # noqa: BLE001 (the connection is already broken)
        pass


def run_service(config: Config, stop_requested: threading.Event | None = None) -> int:
    """Start the worker; returns the exit code.

    `stop_requested` is set by whoever caught SIGTERM/Ctrl-C before the service
    was up (the CLI catches them before importing scikit-learn and loading the
    model, which takes a second or two); the service then stops at once, exit 0.
    """
    return Service(config).run(stop_requested=stop_requested)
