"""The optional Prometheus endpoint of `triage run` ([service] metrics = "127.0.0.1:9464").

Off by default, and then prometheus-client is never imported (it is the
`triage[metrics]` extra). Labels are the account name, a verdict, an outcome
or an error kind: never a subject, a sender or an address.
"""

from __future__ import annotations

from collections.abc import Mapping

from .config import ConfigError

VERDICTS = ("personal", "generic", "pitch", "unsure", "suspicious", "other", "unparseable", "not LinkedIn")


class Metrics:
    """What the service reports; this base records nothing (metrics off)."""

    address = ""

    def pass_finished(self, account: str, ok: bool, counts: Mapping[str, int], seconds: float,
                      round_trips: int, finished_at: float) -> None:
        """One pass of an account, good or failed."""

    def error(self, account: str, kind: str) -> None:
        """A failure of an account's pass or IDLE connection, by kind (login, sign-in, timeout, ...)."""

    def round_trips(self, account: str, count: int) -> None:
        """IMAP commands sent outside a pass (IDLE and its keepalives)."""

    def idle_connected(self, account: str, connected: bool) -> None: ...

    def close(self) -> None: ...


class PrometheusMetrics(Metrics):
    """Counters and gauges on their own registry, served over HTTP on `address`."""

    def __init__(self, address: str, accounts: list[str]) -> None:
        try:
            from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
        except ImportError:
            raise ConfigError('[service] metrics needs prometheus-client: pip install "triage[metrics]"') from None
        self.registry = CollectorRegistry()
        r = self.registry
        self.passes = Counter("triage_passes", "Triage passes, by outcome.", ["account", "outcome"], registry=r)
        self.mails = Counter("triage_mails", "Mails triaged, by verdict.", ["account", "verdict"], registry=r)
        self.errors = Counter("triage_errors", "Failures, by kind.", ["account", "kind"], registry=r)
        self.trips = Counter("triage_imap_round_trips", "IMAP commands sent.", ["account"], registry=r)
        self.duration = Histogram("triage_pass_duration_seconds", "Duration of a pass.", ["account"],
                                  buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300), registry=r)
        self.last_success = Gauge("triage_last_success_timestamp_seconds", "When the last good pass finished.",
                                  ["account"], registry=r)
        self.idle = Gauge("triage_idle_connected", "1 while the account's IDLE connection is up.", ["account"],
                          registry=r)
        for account in accounts:   # every series exists from the start, at 0: rate() needs a baseline
            self.passes.labels(account, "ok")
            self.passes.labels(account, "failed")
            self.trips.labels(account)
            self.idle.labels(account).set(0)
            for verdict in VERDICTS:
                self.mails.labels(account, verdict)
        host, _, port = address.rpartition(":")
        try:
            self.server, self.thread = start_http_server(int(port), addr=host.strip("[]"), registry=r)
        except OSError as exc:
            raise ConfigError(f"[service] metrics: cannot listen on {address}: {exc.strerror or exc}") from None
        self.address = address

    def pass_finished(self, account: str, ok: bool, counts: Mapping[str, int], seconds: float,
                      round_trips: int, finished_at: float) -> None:
        self.passes.labels(account, "ok" if ok else "failed").inc()
        self.duration.labels(account).observe(seconds)
        self.trips.labels(account).inc(round_trips)
        for verdict, count in counts.items():
            if verdict in VERDICTS and count:
                self.mails.labels(account, verdict).inc(count)
        if ok:
            self.last_success.labels(account).set(finished_at)

    def error(self, account: str, kind: str) -> None:
        self.errors.labels(account, kind).inc()

    def round_trips(self, account: str, count: int) -> None:
        if count:
            self.trips.labels(account).inc(count)

    def idle_connected(self, account: str, connected: bool) -> None:
        self.idle.labels(account).set(1 if connected else 0)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_metrics(address: str, accounts: list[str]) -> Metrics:
    """The endpoint the config asks for, or the silent stand-in when it asks for none."""
    return PrometheusMetrics(address, accounts) if address else Metrics()
