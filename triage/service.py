"""`triage run`: the long-running worker.

A BlockingScheduler runs a triage pass every poll_minutes and the morning
summary on a cron trigger; a second IMAP connection waits in IDLE and asks
for a pass as soon as new mail arrives. Failures are logged as one line and
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
from datetime import date, datetime, timedelta
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from .config import Config, ConfigError
from .delivery import local_timezone, send_daily_summary
from .errors import one_line
from .mail.connect import connect
from .mail.credentials import imap_password
from .mail.errors import LoginRefused, MailError
from .model.registry import model_in_use
from .passes import run_once
from .store import Store

log = logging.getLogger("triage.service")

MAX_BACKOFF = 300.0          # seconds; the brief's cap on reconnect waits
LOGIN_RETRY = 900.0          # a refused password is retried slowly, not hammered
IDLE_RENEW = 25 * 60.0       # servers drop IDLE clients after 30 minutes (RFC 2177 says 29)


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


class Service:
    """The worker's state: one scheduler, one IDLE thread, one stop flag."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.tz = service_timezone(config)
        self.stop = threading.Event()
        self.wanted = threading.Event()      # new mail seen while a pass was running
        self.failures = 0
        self.scheduler = BlockingScheduler(timezone=self.tz, job_defaults={"coalesce": True, "max_instances": 1})
        self.classifier = model_in_use(config)
        self.lock_store = Store(config.state_path)
        self.retrainer: threading.Thread | None = None
        self.catch_up_day: date | None = None

    # -- jobs -------------------------------------------------------------

    def triage_job(self) -> None:
        """Passes until nothing new is waiting; then a missed morning summary, if one is due."""
        self._passes()
        day, self.catch_up_day = self.catch_up_day, None
        if day is not None and not self.stop.is_set():
            self.send_summary(day)

    def _passes(self) -> None:
        """One pass, again at once if new mail came meanwhile; failures back off."""
        while not self.stop.is_set():
            self.wanted.clear()
            try:
                result = run_once(self.config, classifier=self.classifier, lock=False,
                                  should_stop=self.stop.is_set)
            except LoginRefused as exc:
                self._retry_later(LOGIN_RETRY, f"{exc}; retrying in {LOGIN_RETRY / 60:.0f} min")
                return
            except (MailError, ConfigError, OSError) as exc:
                self.failures += 1
                delay = backoff(self.failures)
                self._retry_later(delay, f"pass failed: {exc}; retrying in {delay:.0f} s")
                return
            except Exception:  # a bug must not kill a service that runs for months
                log.exception("pass failed unexpectedly")
                self._retry_later(MAX_BACKOFF, "retrying in 5 min")
                return
            if self.failures:
                log.info("mail server reachable again after %d failures", self.failures)
            self.failures = 0
            self.maybe_retrain()
            total = sum(v for k, v in result.counts.items() if k != "not LinkedIn")
            if total:
                log.info("pass: %s", result.summary_line())
            if not self.wanted.is_set():
                return

    def maybe_retrain(self) -> None:
        """After retrain_after new corrections, train in the background and swap the model in."""
        every = self.config.service.retrain_after
        if not every or (self.retrainer and self.retrainer.is_alive()):
            return
        with Store(self.config.state_path) as store:
            since = int(store.get_meta("retrained_at_correction", "0"))
            newest = store.last_correction_id()
            corrected = store.corrections_since(since)   # messages, not rows; overrides do not retrain
        if corrected >= every:
            self.retrainer = threading.Thread(target=self._retrain, args=(newest,), name="retrain", daemon=True)
            self.retrainer.start()

    def _retrain(self, newest: int) -> None:
        from .model.retrain import retrain

        with Store(self.config.state_path) as store:
            try:
                report = retrain(self.config, store, self.classifier)
                with store.transaction():
                    store.set_meta("retrained_at_correction", str(newest))
                for line in report.lines():
                    log.info("retrain: %s", line)
                if report.activated:
                    self.classifier = model_in_use(self.config)
            except Exception as exc:  # training must never take the service down
                log.warning("retraining failed: %s", one_line(exc))

    def _retry_later(self, delay: float, message: str) -> None:
        log.warning(message)
        if not self.stop.is_set():
            self.scheduler.modify_job("triage", next_run_time=datetime.now(self.tz) + timedelta(seconds=delay))

    def summary_job(self) -> None:
        day = datetime.now(self.tz).date()
        self.send_summary(day)

    def send_summary(self, day: date) -> None:
        with Store(self.config.state_path) as store:
            try:
                outcome = send_daily_summary(self.config, store, day, self.classifier.version)
                log.info("summary for %s: %s %s", day, outcome.state, outcome.detail)
            except (MailError, ConfigError) as exc:
                log.warning("summary for %s not delivered: %s; retrying in 10 min", day, exc)
                self.scheduler.add_job(self.send_summary, "date", args=[day],
                                       run_date=datetime.now(self.tz) + timedelta(minutes=10))

    def request_pass(self) -> None:
        """Ask for a pass now (from the IDLE thread)."""
        self.wanted.set()
        try:
            self.scheduler.modify_job("triage", next_run_time=datetime.now(self.tz))
        except Exception:  # the scheduler is shutting down
            pass

    # -- IDLE ---------------------------------------------------------------

    def idle_loop(self) -> None:
        """Keep one connection in IDLE on the inbox; reconnect with backoff when it drops."""
        failures = 0
        while not self.stop.is_set():
            client = None
            try:
                client = connect(self.config, imap_password(self.config.imap, str(self.config.path)))
                if not client.supports_idle():
                    log.info("the server has no IDLE; polling every %s min", self.config.service.poll_minutes)
                    return
                client.idle_start()
                failures = 0
                renewed = time.monotonic()
                while not self.stop.is_set():
                    if client.idle_wait(timeout=1.0):
                        self.request_pass()
                    if time.monotonic() - renewed > IDLE_RENEW:
                        client.idle_stop()
                        client.idle_start()
                        renewed = time.monotonic()
                client.idle_stop()
            except LoginRefused:
                self.stop.wait(LOGIN_RETRY)
            except (MailError, OSError, ConfigError, Exception) as exc:  # noqa: B014 (IMAP aborts vary)
                failures += 1
                delay = backoff(failures)
                log.warning("IDLE connection lost (%s); reconnecting in %.0f s", one_line(exc), delay)
                self.stop.wait(delay)
            finally:
                if client is not None:
                    try:
                        client.close()
                    except Exception:
                        pass

    # -- lifecycle ----------------------------------------------------------

    def catch_up_summary(self) -> None:
        """A machine asleep (or a service down) at summary time sends it on start, within the grace."""
        now = datetime.now(self.tz)
        hour, minute, second = self.config.service.summary_at
        due = now.replace(hour=hour, minute=minute, second=second, microsecond=0)
        grace = timedelta(hours=self.config.service.misfire_grace_hours)
        trigger = self.summary_trigger()
        first_today = trigger.get_next_fire_time(None, due - timedelta(seconds=1))
        if first_today is not None and first_today.date() == due.date() and due <= now <= due + grace:
            # Sent by the first triage job, after its pass, so it covers the mail that came overnight.
            self.catch_up_day = due.date()

    def summary_trigger(self) -> CronTrigger:
        hour, minute, second = self.config.service.summary_at
        return CronTrigger(hour=hour, minute=minute, second=second,
                           day_of_week=self.config.service.summary_days, timezone=self.tz)

    def run(self, stop_requested: threading.Event | None = None) -> int:
        """Schedule the jobs and block until SIGTERM/SIGINT; `stop_requested` carries a signal that came during start-up."""
        self.lock_store.lock()
        poll = IntervalTrigger(minutes=self.config.service.poll_minutes, timezone=self.tz)
        self.scheduler.add_job(self.triage_job, poll, id="triage", next_run_time=datetime.now(self.tz))
        self.scheduler.add_job(self.summary_job, self.summary_trigger(), id="summary",
                               misfire_grace_time=int(self.config.service.misfire_grace_hours * 3600))
        self.catch_up_summary()
        idle_thread = None
        if self.config.imap is not None and self.config.service.idle:
            idle_thread = threading.Thread(target=self.idle_loop, name="idle", daemon=True)
            idle_thread.start()

        def on_signal(signum: int, _frame: object) -> None:
            log.info("%s: finishing the current batch and stopping", signal.Signals(signum).name)
            self.stop.set()
            threading.Thread(target=self.scheduler.shutdown, kwargs={"wait": True}, daemon=True).start()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        log.info("triage running: pass every %s min, summary at %02d:%02d:%02d %s, model %s",
                 self.config.service.poll_minutes, *self.config.service.summary_at, self.tz,
                 self.classifier.version)
        if stop_requested is not None and stop_requested.is_set():
            log.info("asked to stop while starting")
            self.stop.set()
        try:
            if not self.stop.is_set():
                self.scheduler.start()
        finally:
            self.stop.set()
            if idle_thread is not None:
                idle_thread.join(timeout=3)
            self.lock_store.close()
        log.info("stopped")
        return 0


def run_service(config: Config, stop_requested: threading.Event | None = None) -> int:
    """Start the worker; returns the exit code.

    `stop_requested` is set by whoever caught SIGTERM/Ctrl-C before the service
    was up (the CLI catches them before importing scikit-learn and loading the
    model, which takes a second or two); the service then stops at once, exit 0.
    """
    return Service(config).run(stop_requested=stop_requested)
