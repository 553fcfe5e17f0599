"""Rows and lines the commands print: parse/classify of saved files, a dry run's plan."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .items import MAIL_LINKEDIN, ParsedMail
from .policy import mail_label

if TYPE_CHECKING:
    from .model.classify import Classifier
    from .parse import ParseOptions
    from .people import Directory
    from .passes import PassResult

MAX_FILE_BYTES = 25_000_000


def parsed_row(name: str, parsed: ParsedMail) -> dict[str, Any]:
    """The fields `triage parse --json` promises, from the mail's first person item."""
    first = (parsed.labeled_items or parsed.items or [None])[0]
    row: dict[str, Any] = {
        "file": name,
        "status": parsed.status,
        "kind": parsed.kind if parsed.status == MAIL_LINKEDIN else parsed.status,
        "message_id": parsed.message_id,
        "sender_name": first.sender_name if first else "",
        "sender_headline": first.sender_headline if first else "",
        "sender_location": first.sender_location if first else "",
        "mutual_connections": first.mutual_connections if first else None,
        "profile_url": first.profile_url if first else "",
        "subject": (first.subject if first and first.subject else parsed.subject),
        "text": first.text if first else "",
        "language": first.language if first else "",
        "suspicious": parsed.suspicious,
        "suspicious_reasons": list(parsed.suspicious_reasons),
    }
    if len(parsed.items) > 1:
        row["items"] = [item.to_dict() for item in parsed.items]
    if parsed.error:
        row["error"] = parsed.error
    return row


def _read(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(MAX_FILE_BYTES)


def parse_files(files: Iterable[Path], options: ParseOptions) -> Iterator[tuple[Path, ParsedMail | None, str]]:
    """Each file parsed; a file that cannot even be read yields its error instead."""
    from .parse import parse_email   # the parser, for the file commands only: `triage once` prints without it
    for path in files:
        try:
            raw = _read(path)
        except OSError as exc:
            yield path, None, f"cannot read: {exc.strerror or exc}"
            continue
        yield path, parse_email(raw, options), ""


def parse_file_rows(files: Iterable[Path], options: ParseOptions) -> Iterator[dict[str, Any]]:
    for path, parsed, error in parse_files(files, options):
        yield parsed_row(str(path), parsed) if parsed else {"file": str(path), "error": error}


def classify_file_rows(files: Iterable[Path], options: ParseOptions, classifier: "Classifier",
                       explain: bool = False, people: "Directory | None" = None) -> Iterator[dict[str, Any]]:
    """What the pass would decide for each file: the model's verdict, and the sender's override if any."""
    from .model.classify import item_record

    for path, parsed, error in parse_files(files, options):
        if parsed is None:
            yield {"file": str(path), "error": error}
            continue
        row = parsed_row(str(path), parsed)
        items = parsed.labeled_items if parsed.status == MAIL_LINKEDIN and not parsed.suspicious else []
        verdicts = classifier.classify(items) if items else []
        if people is not None and items:
            _, verdicts = people.apply_overrides(items, verdicts)
        row["label"] = mail_label(verdicts, parsed.suspicious) if parsed.status == MAIL_LINKEDIN else None
        best = max(verdicts, key=lambda v: v.confidence) if verdicts else None
        row["confidence"] = round(best.confidence, 4) if best else None
        if best is not None:
            row["probabilities"] = {k: round(v, 4) for k, v in best.probabilities.items()}
            if best.reason:
                row["reason"] = best.reason
            if best.override:
                row["override"] = best.override
        if explain and items:
            row["explain"] = classifier.explain(item_record(items[0]))
            if verdicts[0].override:
                row["explain"] = {"override": verdicts[0].reason, **row["explain"]}
        row["model"] = classifier.version
        yield row


def plan_lines(result: "PassResult") -> Iterator[str]:
    """A dry run's plan: one line per LinkedIn mail, where it would go."""
    for planned in result.planned:
        r = planned.record
        if r.destination is None:
            where = "leave in place"
        elif r.destination == "":
            where = "stay in inbox" + (" + " + " ".join(r.flags) if r.flags else "")
        else:
            where = f"move to {r.destination}"
        who = r.sender_name or r.from_address
        conf = f" ({r.confidence:.2f})" if r.confidence is not None else ""
        yield f"{r.label or r.status:<11}{conf:<8} {where:<32} {who} | {r.subject[:60]}"
