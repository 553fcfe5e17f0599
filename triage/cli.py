"""The `triage` command: a thin layer that parses arguments and calls the library.

Exit codes: 0 done, 1 runtime failure (server unreachable, login refused,
state busy, model refused), 2 usage or configuration error. A user's mistake
is one readable line, never a traceback.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .config import Config, find_config, load_config, state_warnings
from .errors import EXIT_RUNTIME, TriageError
from .items import CLEAR_OVERRIDE, LABELED_KINDS, MODEL_VERDICTS, OVERRIDES, Item


class Failure(click.ClickException):
    """A TriageError as click shows it: "Error: <the one line>", and the error's own exit code."""

    def __init__(self, error: TriageError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's known failures into one line and the right exit code (see triage.errors)."""
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TriageError as exc:
            raise Failure(exc) from None
    return wrapper


def config_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-c", "--config", "config_path", metavar="PATH",
                        help="Config file (default: $TRIAGE_CONFIG, else the platform config dir).")(fn)


def account_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--account", "account_name", metavar="NAME",
                        help="One of the config's [[accounts]] (default: the only one; all for once and status).")(fn)


def get_account(config_path: str | None, account_name: str | None) -> Config:
    """The one account a command works on: --account NAME, or the only one there is."""
    return get_config(config_path).select(account_name, default_all=False)[0]


def get_config(config_path: str | None) -> Config:
    config = load_config(find_config(config_path))
    for warning in config.warnings + state_warnings(config):
        click.echo(f"warning: {warning}", err=True)
    return config


@click.group()
@click.version_option(package_name="triage")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Sort LinkedIn invitations and messages: personal first, pitches out of the way."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.command()
@config_option
@account_option
@click.option("--dry-run", is_flag=True, help="Print the plan; change nothing on the server or in state.")
@click.option("--limit", type=click.IntRange(min=1), help="Handle at most N new messages (per account).")
@handle_errors
def once(config_path: str | None, account_name: str | None, dry_run: bool, limit: int | None) -> None:
    """Run one triage pass over new mail (of every account, or --account NAME) and exit."""
    from .passes import run_accounts_once
    from .report import plan_lines

    config = get_config(config_path)
    accounts = config.select(account_name, default_all=True)
    several = len(config.accounts) > 1
    # A SIGTERM or Ctrl-C ends the pass after its current batch (the parser's workers shut down with it).
    with _progress() as on_batch, _stop_on_signals() as stop:
        outcomes = run_accounts_once(config, accounts, dry_run=dry_run, limit=limit, on_batch=on_batch,
                                     should_stop=stop.is_set)
    failures = []
    for account, outcome in outcomes:
        prefix = f"{account.account}: " if several else ""
        if isinstance(outcome, Exception):
            failures.append(f"{prefix}{outcome}")
            continue
        if dry_run:
            for line in plan_lines(outcome):
                click.echo(prefix + line)
        click.echo(prefix + outcome.summary_line())
    if stop.is_set():
        click.echo("stopped on request; the rest is left for the next pass", err=True)
    if len(failures) == 1 and len(outcomes) == 1:
        raise outcomes[0][1]   # one account: its error and exit code, as before accounts
    for line in failures:
        click.echo(f"Error: {line}", err=True)
    if failures:
        sys.exit(EXIT_RUNTIME)


@main.command()
@config_option
@account_option
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Human text, or one JSON object per line for log collectors.")
@click.option("--debug", is_flag=True, help="Log at debug level (never passwords or message bodies).")
@handle_errors
def run(config_path: str | None, account_name: str | None, log_format: str, debug: bool) -> None:
    """Run as a service for every account (or --account NAME): passes, IDLE, the morning summary."""
    stop_requested = _note_stop_signals()   # first: importing the service and loading the model take a while
    from dataclasses import replace

    from .service import run_service, setup_logging

    config = get_config(config_path)
    if account_name is not None:
        only = config.select(account_name, default_all=True)[0]
        config = replace(only, all_accounts=(only,))
    setup_logging(log_format, logging.DEBUG if debug else logging.INFO)
    sys.exit(run_service(config, stop_requested=stop_requested))


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """While the block runs, a SIGTERM or Ctrl-C sets the event instead of killing the process."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers can only be set from the main thread
        return
    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    for signum in previous:
        signal.signal(signum, lambda _signum, _frame: stop.set())
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _note_stop_signals() -> threading.Event:
    """Until the service installs its own handlers, a SIGTERM or Ctrl-C is noted, not fatal: it then stops cleanly."""
    noted = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: noted.set())
    return noted


@main.command()
@config_option
@account_option
@click.option("--print", "print_it", is_flag=True, help="Write the text part to stdout (the default).")
@click.option("--send", is_flag=True, help="Deliver it now by the configured route.")
@click.option("--since", default="24h", show_default=True, help="Cover what was triaged in this window (90m, 24h, 3d).")
@handle_errors
def summary(config_path: str | None, account_name: str | None, print_it: bool, send: bool, since: str) -> None:
    """Build the summary on demand (with [summary] combine and no --account: the combined one)."""
    from datetime import datetime

    from . import people
    from .delivery import build_for, deliver, local_timezone, parse_since, summary_message_id
    from .model.registry import model_in_use
    from .state import open_store

    try:
        window = parse_since(since)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None
    config = get_config(config_path)
    combined = config.summary.combine and account_name is None and len(config.accounts) > 1
    if combined:
        built, summary_id = _combined_summary(config, window, send)
        config = config.accounts[0]
        if send:
            deliver(config, built, summary_id)
    else:
        config = config.select(account_name, default_all=False)[0]
        version = model_in_use(config).version
        now = datetime.now(local_timezone(config))
        summary_id = summary_message_id(config, now.date())
        if send:
            summary_id = summary_id.replace("summary-", "summary-manual-")
        with open_store(config) as store:
            built = build_for(config, store, now.date(), now - window, version, send_empty=True,
                              summary_id=summary_id, now=now)
            assert built is not None
            if send:
                deliver(config, built, summary_id)
                with store.transaction():
                    store.mark_replies_reported(built.replies, summary_id)
                people.mark_announced(store, config.people, built.only_asks)
    if send:
        click.echo(f"sent: {built.subject}")
    if print_it or not send:
        click.echo(f"Subject: {built.subject}\n")
        click.echo(built.text)


def _combined_summary(config: Config, window: Any, send: bool) -> tuple[Any, str]:
    """Every account's summary in one, as [summary] combine sends it (its Message-ID for --send)."""
    from datetime import datetime, timezone

    from .delivery import combined_records, local_timezone, summary_message_id
    from .model.registry import model_version
    from .state import open_store
    from .summary import build_combined

    first = config.accounts[0]
    now = datetime.now(local_timezone(first))
    parts = []
    for account in config.accounts:
        with open_store(account) as store:
            parts.append(combined_records(account, store, now.astimezone(timezone.utc) - window))
    built = build_combined(parts, day=now.date(), model_version=model_version(first), now=now, send_empty=True)
    assert built is not None
    summary_id = summary_message_id(first, now.date()).replace("summary-", "summary-combined-")
    return built, summary_id.replace("summary-", "summary-manual-") if send else summary_id


@main.command()
@config_option
@account_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.option("--check", is_flag=True,
              help="Exit 1, one line per problem, when the service is not running or an account is stale "
                   "(stale_after_minutes) or must sign in again.")
@handle_errors
def status(config_path: str | None, account_name: str | None, as_json: bool, check: bool) -> None:
    """Every account's last pass and error, IDLE state, model, counts, last summary; and the service."""
    from .model.registry import model_version
    from .status import check_failures, service_report, status_lines, status_report
    from .state import open_store

    config = get_config(config_path)
    reports = []
    for account in config.select(account_name, default_all=True):
        with open_store(account) as store:
            reports.append(status_report(account, store, model_version(account)))
    with open_store(config) as store:
        report = service_report(store, reports)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    elif not check:
        for line in status_lines(report):
            click.echo(line)
    if check:
        failures = check_failures(report)
        for line in failures:
            click.echo(line, err=as_json)
        if not failures and not as_json:
            click.echo("healthy: " + ", ".join(r["account"] for r in reports))
        if failures:
            sys.exit(EXIT_RUNTIME)


@main.command()
@config_option
@click.option("--flow", type=click.Choice(["device", "loopback"]),
              help="device: enter a code on any device; loopback: a browser on this machine "
                   "(default: device for Microsoft, loopback for Gmail).")
@click.option("--no-browser", is_flag=True, help="Only print the sign-in URL; do not open a browser.")
@account_option
@handle_errors
def auth(config_path: str | None, account_name: str | None, flow: str | None, no_browser: bool) -> None:
    """Sign in with OAuth2 once (auth = "oauth2"); triage keeps the sign-in fresh after that."""
    from .mail.oauth import sign_in

    config = get_account(config_path, account_name)
    click.echo(sign_in(config, flow, open_browser=not no_browser, say=click.echo))


@main.command()
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path),
              help="Build the demo Maildir here and keep it (default: a temporary directory).")
@handle_errors
def demo(keep: Path | None) -> None:
    """Sort a built-in sample mailbox (no server needed) and show what went where."""
    from .demo import run_demo

    for line in run_demo(keep):
        click.echo(line)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file per line.")
@config_option
@account_option
@handle_errors
def parse(files: tuple[Path, ...], as_json: bool, config_path: str | None, account_name: str | None) -> None:
    """Show what the parser reads in saved .eml files."""
    from .report import parse_file_rows

    options = _parse_options(_optional_config(config_path, account_name))
    for row in parse_file_rows(files, options):
        _emit(row, as_json)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--text", help="Classify this text instead of files.")
@click.option("--kind", type=click.Choice(LABELED_KINDS), default="invitation", show_default=True,
              help="Kind of the --text item.")
@click.option("--headline", default="", help="Sender headline of the --text item.")
@click.option("--subject", default="", help="Subject of the --text item (InMail).")
@click.option("--mutual", type=int, default=None, help="Mutual connections of the --text item.")
@click.option("--explain", is_flag=True, help="Show the features and words that pushed the label.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@config_option
@account_option
@handle_errors
def classify(files: tuple[Path, ...], text: str | None, kind: str, headline: str, subject: str,
             mutual: int | None, explain: bool, as_json: bool, config_path: str | None,
             account_name: str | None) -> None:
    """Classify saved .eml files, or one --text, with the model in use (see `triage model list`)."""
    from .model.classify import item_record
    from .model.registry import model_in_use
    from .report import classify_file_rows

    if not files and text is None:
        raise click.UsageError("give .eml files or --text")
    config = _optional_config(config_path, account_name)
    classifier = model_in_use(config)
    known = _known_people(config) if config is not None else None
    if text is not None:
        item = Item(kind=kind, text=text, sender_headline=headline, subject=subject, mutual_connections=mutual)
        verdict = classifier.classify([item])[0]
        row: dict[str, Any] = {"kind": kind, "text": text, "label": verdict.label,
                               "confidence": round(verdict.confidence, 4),
                               "probabilities": {k: round(v, 4) for k, v in verdict.probabilities.items()}}
        if verdict.reason:
            row["reason"] = verdict.reason
        if explain:
            row["explain"] = classifier.explain(item_record(item))
        row["model"] = classifier.version
        _emit(row, as_json)
    for row in classify_file_rows(files, _parse_options(config), classifier, explain=explain, people=known):
        _emit(row, as_json)


@main.command()
@config_option
@click.option("--recent", type=click.IntRange(min=1), help="Only the N newest items.")
@click.option("--label", "only_label", type=click.Choice(MODEL_VERDICTS),
              help="Review one class.")
@click.option("--search", help="Only items whose text, sender or subject contains this.")
@click.option("--set", "set_pair", nargs=2, metavar="MESSAGE_ID LABEL",
              help="Label one message without the interactive session (personal, generic, pitch, skip).")
@click.option("--list", "list_items", is_flag=True, help="List the review queue.")
@click.option("--learned", is_flag=True, help="With --list: what triage learned from you (labels, moves, overrides).")
@click.option("--undo-learned", "undo_id", type=int, metavar="ID", help="Forget one lesson (an ID from --learned).")
@click.option("--json", "as_json", is_flag=True, help="With --list: one JSON object per line.")
@account_option
@handle_errors
def label(config_path: str | None, account_name: str | None, recent: int | None, only_label: str | None,
          search: str | None, set_pair: tuple[str, str] | None, list_items: bool, learned: bool,
          undo_id: int | None, as_json: bool) -> None:
    """Correct verdicts; the mail moves to the right folder and the model learns."""
    from .corrections import apply_label
    from .labeling import Session, review_queue, run_session
    from .state import open_store

    config = get_account(config_path, account_name)
    with open_store(config) as store:
        if learned or undo_id is not None:
            _lessons(store, undo_id, as_json)
            return
        if set_pair:
            message_id, new_label = set_pair
            with _mail_client(config) as client:
                c = apply_label(store, config, message_id, new_label, client=client)
            click.echo(f"{c.message_id}: {c.old_label} -> {c.new_label}" + (" (moved)" if c.moved else ""))
            return
        queue = review_queue(store, recent=recent, label=only_label, search=search)
        if list_items:
            for r in queue:
                row = {"message_id": r.message_id, "label": r.label, "confidence": r.confidence,
                       "kind": r.kind, "sender_name": r.sender_name, "text": r.text}
                if as_json:
                    click.echo(json.dumps(row, ensure_ascii=False))
                else:
                    conf = f"{r.confidence:.2f}" if r.confidence is not None else "  - "
                    click.echo(f"{r.label:<9} {conf}  {r.message_id}  {r.sender_name}: {r.text[:60]!r}")
            return
        if not sys.stdin.isatty():
            raise click.UsageError("triage label needs a terminal; in scripts use "
                                   "`triage label --set MESSAGE_ID LABEL` or `triage label --list --json`")
        if not queue:
            click.echo("nothing to review")
            return
        from rich.console import Console

        with _mail_client(config) as client:
            run_session(Session(store, config, queue, client), Console(), click.getchar)


@main.group("people", invoke_without_command=True)
@config_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per person per line.")
@click.option("--label", "only_label", type=click.Choice(MODEL_VERDICTS),
              help="Only people with at least one item of this label.")
@click.option("--sort", type=click.Choice(["asks", "recent", "name"]), default="asks", show_default=True)
@click.option("--disconnect", is_flag=True, help="Only the people who only ask (Disconnect Day).")
@account_option
@click.pass_context
@handle_errors
def people_command(ctx: click.Context, config_path: str | None, as_json: bool, only_label: str | None,
                   sort: str, disconnect: bool, account_name: str | None) -> None:
    """Who wrote to you: counts per label, first and last seen, your overrides."""
    if ctx.invoked_subcommand is not None:
        return
    from . import people as lib
    from .state import open_store

    config = get_account(config_path, account_name)
    with open_store(config) as store:
        if disconnect:
            for entry in lib.only_asks(store, config.people):
                if as_json:
                    click.echo(json.dumps(entry.to_json(), ensure_ascii=False))
                else:
                    click.echo(entry.sentence)
                    click.echo(f"  {entry.profile_url or '(no profile link)'}" +
                               (f"  (override: {entry.override})" if entry.override else ""))
                    click.echo(f"  {entry.mute_command}")
            return
        found = lib.people(store, label=only_label, sort=sort)
        if found and not as_json:
            click.echo(f"{'NAME':<22} {'HEADLINE':<34} PERSONAL GENERIC PITCH  FIRST SEEN  LAST SEEN   OVERRIDE")
        for person in found:
            click.echo(json.dumps(person.to_json(), ensure_ascii=False) if as_json else person_line(person))


def person_line(person: Any) -> str:
    c = person.counts
    return (f"{_fit(person.display_name, 22)} {_fit(person.display_headline, 34)} {c['personal']:>8} "
            f"{c['generic']:>7} {c['pitch']:>5}  {person.first_seen[:10]}  {person.last_seen[:10]}  "
            f"{person.override}").rstrip()


def _fit(text: str, width: int) -> str:
    return (text if len(text) <= width else text[:width - 1] + "…").ljust(width)


@people_command.command("show")
@click.argument("who")
@config_option
@account_option
@handle_errors
def people_show(who: str, config_path: str | None, account_name: str | None) -> None:
    """One person's timeline: every item with date, kind, verdict and first line, and what you taught."""
    from . import people as lib
    from .state import open_store

    config = get_account(config_path, account_name)
    with open_store(config) as store:
        person = lib.find(store, who)
        click.echo(f"{person.display_name}" + (f" · {person.display_headline}" if person.headline else ""))
        click.echo(f"  key: {person.key}" + (f"   profile: {person.profile_url}" if person.profile_url else ""))
        click.echo("  " + " · ".join(f"{k} {v}" for k, v in person.counts.items())
                   + f"   override: {person.override or 'none'}")
        click.echo("")
        for item in lib.timeline(store, person):
            label = item.label or "?"
            why = f"  [{item.corrected}: was {item.verdict or '?'}]" if item.corrected else (
                f"  [{item.reason}]" if item.reason.startswith("override") else "")
            said = f"“{item.first_line}”" if item.first_line else "(no note)" if item.kind == "invitation" else "(no text)"
            click.echo(f"  {item.when[:10]}  {item.kind:<10} {label:<9} {said}{why}")
        taught = lib.lessons(store, person.key)
        if taught:
            click.echo("\nlearned from you:")
            for lesson in taught:
                click.echo("  " + lesson_line(lesson))


@people_command.command("set")
@click.argument("who")
@click.argument("override", type=click.Choice(OVERRIDES + (CLEAR_OVERRIDE,)))
@config_option
@account_option
@handle_errors
def people_set(who: str, override: str, config_path: str | None, account_name: str | None) -> None:
    """Your word about a person, for their new mail: it beats the model; `clear` hands them back to it."""
    from . import people as lib
    from .state import open_store

    config = get_account(config_path, account_name)
    with open_store(config) as store:
        person, before = lib.set_override(store, who, override)
    now_ = person.override or "none (the model decides)"
    click.echo(f"{person.display_name} ({person.key}): override {before or 'none'} -> {now_}; applies to new mail")


@people_command.command("forget")
@click.argument("who")
@config_option
@account_option
@handle_errors
def people_forget(who: str, config_path: str | None, account_name: str | None) -> None:
    """Drop what triage keeps about a person (history links, override); their mail stays where it is."""
    from . import people as lib
    from .state import open_store

    config = get_account(config_path, account_name)
    with open_store(config) as store:
        person = lib.forget(store, who)
    click.echo(f"forgot {person.display_name} ({person.key})")


def _known_people(config: Config) -> Any:
    """The people and their overrides from the state, when there is a state (classify shows what the pass would do)."""
    from .people import Directory
    from .state import open_store

    if not config.state_path.exists():
        return None
    with open_store(config) as store:
        return Directory.load(store)


def _lessons(store: Any, undo_id: int | None, as_json: bool) -> None:
    """`label --list --learned` and `label --undo-learned ID`."""
    from dataclasses import asdict

    from .people import lessons, undo_lesson

    if undo_id is not None:
        click.echo(undo_lesson(store, undo_id))
        return
    for lesson in lessons(store):
        if as_json:
            click.echo(json.dumps({**asdict(lesson), "undo": lesson.undo}, ensure_ascii=False))
        else:
            click.echo(lesson_line(lesson))


def lesson_line(lesson: Any) -> str:
    where = lesson.message_id or lesson.person_key
    return (f"{lesson.id:>5}  {lesson.created_at[:10]}  {lesson.source:<8} {lesson.old} -> {lesson.new:<16} "
            f"{lesson.who}: “{lesson.what}”  {where}  (undo: {lesson.undo})")


def _mail_client(config: Config) -> Any:
    from .mail.connect import connect
    from .mail.credentials import imap_password

    return connect(config, imap_password(config.imap, str(config.path)) if config.imap else "")


@main.command()
@config_option
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Seed data (JSONL) instead of the shipped corpus; repeatable.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the model here instead of the model registry (not activated).")
@click.option("--force", is_flag=True, help="Activate even if seed-test macro-F1 drops by more than 0.02.")
@account_option
@handle_errors
def train(config_path: str | None, account_name: str | None, data: tuple[Path, ...], out: Path | None, force: bool) -> None:
    """Train a new model on the seed corpus plus your corrections."""
    from .model.registry import model_in_use
    from .model.retrain import retrain
    from .state import open_store

    config = get_account(config_path, account_name)
    with open_store(config) as store:
        report = retrain(config, store, model_in_use(config), data=list(data) or None, out=out, force=force)
    for line in report.lines():
        click.echo(line)


@main.command("eval")
@click.option("--data", "data", required=True, multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Labeled JSONL (kind, label, text; sender fields, subject, id optional); repeatable.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.option("--items", "items", is_flag=True, help="Also each row's verdict (its id, else file:line), to see which were wrong.")
@config_option
@account_option
@handle_errors
def eval_command(data: tuple[Path, ...], as_json: bool, items: bool, config_path: str | None,
                 account_name: str | None) -> None:
    """Per-class precision, recall, F1, confusion matrix and unsure rate on labeled data."""
    from .model.corpus import CorpusError, load_labeled
    from .model.registry import model_in_use
    from .model.evaluation import evaluate, format_report, item_verdicts

    rows, sources = load_labeled(list(data))
    if not rows:
        raise CorpusError(f"{', '.join(map(str, data))}: no labeled rows")
    classifier = model_in_use(_optional_config(config_path, account_name))
    report = evaluate(classifier, rows)
    per_item = item_verdicts(classifier, rows, sources) if items else []
    if as_json:
        click.echo(json.dumps({**report, "items": per_item} if items else report))
        return
    click.echo(f"model {classifier.version}, {len(rows)} items")
    click.echo(format_report(report))
    if items:
        click.echo("")
        for line in per_item:
            mark = " " if line["correct"] else "x"
            click.echo(f"{mark} {line['item']:<40} {line['label']:<9} -> {line['verdict']:<9} {line['confidence']:.2f}")


@main.group()
def model() -> None:
    """List, choose and roll back model versions."""


@model.command("list")
@config_option
@account_option
@handle_errors
def model_list(config_path: str | None, account_name: str | None) -> None:
    """The shipped model and your trained versions; * marks the active one."""
    from .model.registry import versions

    for m in versions(get_account(config_path, account_name)):
        metrics = m.card.get("metrics", {}).get("test", {}) if isinstance(m.card.get("metrics"), dict) else {}
        f1 = metrics.get("macro_f1")
        trained = m.card.get("trained_at", "")
        click.echo(f"{'*' if m.active else ' '} {m.version:<28} {trained:<26} "
                   + (f"seed-test macro-F1 {f1:.3f}" if isinstance(f1, (int, float)) else ""))


@model.command("use")
@click.argument("version")
@config_option
@account_option
@handle_errors
def model_use(version: str, config_path: str | None, account_name: str | None) -> None:
    """Make VERSION the active model (`shipped` for the built-in one)."""
    from .model.registry import use

    use(get_account(config_path, account_name), version)
    click.echo(f"active model: {version}")


@model.command("rollback")
@config_option
@account_option
@handle_errors
def model_rollback(config_path: str | None, account_name: str | None) -> None:
    """Go back to the model that was active before."""
    from .model.registry import rollback

    version = rollback(get_account(config_path, account_name))
    click.echo(f"active model: {version}")


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar for a backlog when a person is watching (stderr is a terminal); nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from rich.console import Console

    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("triage", total=None)

        def on_batch(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield on_batch


def _optional_config(config_path: str | None, account_name: str | None = None) -> Config | None:
    """The account's config, for commands that also work without one (parse, classify, eval): None when
    none is named and the default one does not exist."""
    if config_path or find_config(None).exists():
        return get_account(config_path, account_name)
    return None


def _parse_options(config: Config | None) -> Any:
    from .parse import ParseOptions
    from .passes import parse_options

    return parse_options(config) if config is not None else ParseOptions()


def _emit(row: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    for key, value in row.items():
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False, default=str)
        click.echo(f"{key:>18}: {value}")
    click.echo()


if __name__ == "__main__":  # pragma: no cover
    main()
