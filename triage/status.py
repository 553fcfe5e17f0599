"""`triage status`: what the service did last, per account, for people and for health checks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from .config import Config
from .health import account_health, service_state
from .store import Store


def status_report(config: Config, store: Store, model_version: str) -> dict[str, Any]:
    """One account: last pass, counts today and since the last summary, last summary, model, IDLE, health."""
    last_summary = store.last_summary()
    midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    since_summary = last_summary["started_at"] if last_summary else None
    health = account_health(store, timedelta(minutes=config.service.stale_after_minutes))
    last = health.last_pass
    failed = last is not None and not last["ok"]
    return {
        "account": config.account,
        "mailbox": config.imap.username if config.imap else str(config.maildir),
        "state": str(config.state_path),
        "model": model_version,
        "last_pass": _pass_view(last),
        "last_successful_pass": health.last_ok["finished_at"] if health.last_ok else None,
        "last_in_sync": health.last_synced,
        "last_error": last["error"] if failed else None,
        "last_error_kind": (last.get("error_kind") or None) if failed else None,
        "idle": health.idle,
        "today": store.label_counts(since=midnight.astimezone(timezone.utc).isoformat(timespec="seconds")),
        "since_last_summary": store.label_counts(since=since_summary),
        "last_summary": ({"day": last_summary["day"], "state": last_summary["state"],
                          "sent_at": last_summary["sent_at"]} if last_summary else None),
        "pending_repairs": len(store.planned()),
        "replies": _replies_view(store),
        "problems": [line for _, line in health.problems],
        "healthy": health.healthy,
    }


def service_report(store: Store, accounts: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole service: is it running, and every account's report; healthy only if all of it is."""
    running, detail = service_state(store)
    return {"service": {"running": running, "detail": detail}, "accounts": accounts,
            "healthy": running and all(a["healthy"] for a in accounts)}


def check_failures(report: dict[str, Any]) -> list[str]:
    """`status --check`: one line per thing that is wrong, naming the account."""
    lines = [] if report["service"]["running"] else [report["service"]["detail"]]
    for account in report["accounts"]:
        lines += [f"account {account['account']}: {problem}" for problem in account["problems"]]
    return lines


def _replies_view(store: Store) -> dict[str, Any]:
    """Where reply commands are read from, the last one, and what the user has not been told yet."""
    folder = store.get_meta("replies:sent_folder", "?")
    last = store.reply_commands(limit=1)
    problems = [f"{line['line']}: {line['outcome']}" for row in store.reply_commands(unreported=True)
                for line in row["lines"] if line["outcome"] not in ("applied", "undone")]
    view: dict[str, Any] = {"sent_folder": None if folder in ("", "?") else folder,
                            "looked": folder != "?", "last": None, "problems": problems}
    if last:
        row = last[0]
        view["last"] = {"read_at": row["read_at"], "state": row["state"],
                        "applied": sum(line["outcome"] in ("applied", "undone") for line in row["lines"]),
                        "not_applied": sum(line["outcome"] not in ("applied", "undone") for line in row["lines"])}
    return view


def _pass_view(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"started_at": p["started_at"], "finished_at": p["finished_at"], "ok": bool(p["ok"]),
            "counts": p["counts"]}


def status_lines(report: dict[str, Any]) -> list[str]:
    """The service line, then each account's block."""
    def counts(c: dict[str, int]) -> str:
        return " · ".join(f"{k} {v}" for k, v in c.items()) or "nothing"

    lines = [f"service:         {report['service']['detail']}"]
    several = len(report["accounts"]) > 1
    for account in report["accounts"]:
        last = account["last_pass"]
        idle = account["idle"]
        block = [
            f"state:           {account['state']}",
            f"model:           {account['model']}",
            "last pass:       " + (f"{last['finished_at']} ({'ok' if last['ok'] else 'failed'})" if last else "never"),
            f"last success:    {account['last_successful_pass'] or 'never'}",
            "idle:            " + (f"{idle['state']} since {idle['since']}" + (f" ({idle['detail']})" if idle["detail"]
                                                                             else "") if idle else "never ran"),
            f"today:           {counts(account['today'])}",
            f"since summary:   {counts(account['since_last_summary'])}",
            "last summary:    " + (f"{account['last_summary']['day']} ({account['last_summary']['state']})"
                                     if account["last_summary"] else "never"),
        ]
        if account["last_error"]:
            block.append(f"last error:      {account['last_error']}")
        replies = account["replies"]
        if replies["looked"]:
            where = f"from {replies['sent_folder']}" if replies["sent_folder"] else "no Sent folder found"
            last = replies["last"]
            if last and last["state"] == "ignored":
                where += f"; last {last['read_at']}: ignored (a command mail in the inbox not authenticated as you)"
            elif last:
                where += f"; last {last['read_at']}: {last['applied']} applied, {last['not_applied']} not"
            block.append(f"replies:         {where}")
            block += [f"reply problem:   {problem}" for problem in replies["problems"][:10]]
        if account["pending_repairs"]:
            block.append(f"pending repairs: {account['pending_repairs']} (finished by the next pass)")
        block += [f"problem:         {p}" for p in account["problems"]]
        block.append(f"healthy:         {'yes' if account['healthy'] else 'no'}")
        if several:
            lines += ["", f"account {account['account']} ({account['mailbox']})"] + ["  " + b for b in block]
        else:
            lines += block
    return lines
