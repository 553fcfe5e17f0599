"""`triage status`: what the service did last, for people and for health checks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from .config import Config
from .store import Store


def status_report(config: Config, store: Store, model_version: str) -> dict[str, Any]:
    """Last pass, counts today and since the last summary, last summary, model, last error."""
    now = datetime.now(timezone.utc)
    last = store.last_pass()
    last_ok = store.last_pass(ok_only=True)
    last_summary = store.last_summary()
    midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    since_summary = last_summary["started_at"] if last_summary else None
    failed = last is not None and not last["ok"]
    report: dict[str, Any] = {
        "state": str(config.state_path),
        "model": model_version,
        "last_pass": _pass_view(last),
        "last_successful_pass": last_ok["finished_at"] if last_ok else None,
        "last_error": last["error"] if failed else None,
        "today": store.label_counts(since=midnight.astimezone(timezone.utc).isoformat(timespec="seconds")),
        "since_last_summary": store.label_counts(since=since_summary),
        "last_summary": ({"day": last_summary["day"], "state": last_summary["state"],
                          "sent_at": last_summary["sent_at"]} if last_summary else None),
        "pending_repairs": len(store.planned()),
        "replies": _replies_view(store),
    }
    limit = timedelta(minutes=3 * config.service.poll_minutes)
    report["healthy"] = bool(last_ok) and now - datetime.fromisoformat(last_ok["finished_at"]) <= limit
    return report


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
    def counts(c: dict[str, int]) -> str:
        return " · ".join(f"{k} {v}" for k, v in c.items()) or "nothing"

    last = report["last_pass"]
    lines = [
        f"state:           {report['state']}",
        f"model:           {report['model']}",
        "last pass:       " + (f"{last['finished_at']} ({'ok' if last['ok'] else 'failed'})" if last else "never"),
        f"last success:    {report['last_successful_pass'] or 'never'}",
        f"today:           {counts(report['today'])}",
        f"since summary:   {counts(report['since_last_summary'])}",
        "last summary:    " + (f"{report['last_summary']['day']} ({report['last_summary']['state']})"
                                 if report["last_summary"] else "never"),
    ]
    if report["last_error"]:
        lines.append(f"last error:      {report['last_error']}")
    replies = report["replies"]
    if replies["looked"]:
        where = f"from {replies['sent_folder']}" if replies["sent_folder"] else "no Sent folder found"
        last = replies["last"]
        if last and last["state"] == "ignored":
            where += f"; last {last['read_at']}: ignored (a command mail in the inbox not authenticated as you)"
        elif last:
            where += f"; last {last['read_at']}: {last['applied']} applied, {last['not_applied']} not"
        lines.append(f"replies:         {where}")
        lines += [f"reply problem:   {problem}" for problem in replies["problems"][:10]]
    if report["pending_repairs"]:
        lines.append(f"pending repairs: {report['pending_repairs']} (finished by the next pass)")
    lines.append(f"healthy:         {'yes' if report['healthy'] else 'no'}")
    return lines
