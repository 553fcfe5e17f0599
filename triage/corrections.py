"""Corrections: the user's word on a verdict, from `triage label` or from moving mail.

A correction is saved at once, moves the mail to where its new label says,
and marks it the user's: triage never moves it again. One correction per
message counts for training (the latest wins, so a mail moved twice counts
once, by its last place). A move teaches only when the mail lands in a label
folder or the inbox: Trash, Archive, Junk, Review or any other folder teach
nothing, and neither do triage's own moves (the record already says where
triage put it). A correction of a digest speaks for its primary item, the one
whose text the record and the training row carry. Nothing here pins a sender:
that is an override (`triage people set`), which only the user sets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .config import Config
from .errors import TriageError
from .items import LABELS, VERDICTS
from .mail.client import FLAGGED, MailClient
from .policy import decide
from .store import Store

log = logging.getLogger(__name__)

SKIP = "skip"                 # "not a real item": left alone, never trained on
CORRECTION_LABELS = LABELS + (SKIP,)


class CorrectionError(TriageError):
    """An unknown message or label; one line for the user."""


@dataclass(frozen=True)
class Correction:
    message_id: str
    old_label: str
    new_label: str
    moved: bool


def _location(record_destination: str | None) -> str:
    return record_destination or ""


def apply_label(store: Store, config: Config, message_id: str, label: str, *,
                client: MailClient | None = None, source: str = "label") -> Correction:
    """Record the user's label and move the mail where that label goes."""
    if label not in CORRECTION_LABELS:
        raise CorrectionError(f"unknown label {label!r} (use one of {', '.join(CORRECTION_LABELS)})")
    record = store.get(message_id)
    if record is None:
        raise CorrectionError(f"no message {message_id} in {store.path} (see `triage label --list`)")
    moved = False
    new_destination = record.destination
    if label != SKIP:
        action = decide(label, config)
        new_destination = action.destination
        if client is not None and record.state in ("done", "planned") and record.destination is not None:
            remove = [FLAGGED] if FLAGGED in record.flags and FLAGGED not in action.flags else []
            moved = client.relocate(message_id, _location(record.destination), _location(new_destination),
                                    add=action.flags, remove=remove)
            if not moved:
                log.info("%s is no longer where triage put it; only the label changes", message_id)
                new_destination = record.destination
    with store.transaction():
        store.add_correction(message_id, record.label, label, record.destination, source)
        fields: dict[str, Any] = {"label": label, "user_owned": 1}
        if moved:
            fields["destination"] = new_destination
            fields["flags"] = list(decide(label, config).flags)
        store.update(message_id, **fields)
    return Correction(message_id, record.label, label, moved)


def undo_last(store: Store, config: Config, client: MailClient | None = None) -> Correction | None:
    """Take back the last `triage label` answer: the label and the folder both."""
    last = store.last_correction(source="label")
    return undo_correction(store, config, last, client) if last else None


def undo_correction(store: Store, config: Config, last: dict[str, Any],
                    client: MailClient | None = None) -> Correction:
    """Take back one correction (a row of the corrections table): the label and the folder both."""
    record = store.get(last["message_id"])
    assert record is not None
    moved = False
    if client is not None and record.destination != last["old_destination"]:
        old_flags = list(decide(last["old_label"], config).flags) if last["old_label"] in VERDICTS else []
        remove = [f for f in record.flags if f not in old_flags]
        moved = client.relocate(record.message_id, _location(record.destination),
                                _location(last["old_destination"]), add=old_flags, remove=remove)
    with store.transaction():
        store.delete_correction(last["id"])
        previous = store.last_correction_for(record.message_id)
        fields: dict[str, Any] = {"label": last["old_label"], "user_owned": 1 if previous else 0}
        if moved:
            fields["destination"] = last["old_destination"]
            fields["flags"] = list(decide(last["old_label"], config).flags)
        store.update(record.message_id, **fields)
    return Correction(record.message_id, last["new_label"], last["old_label"], moved)


def folder_labels(config: Config) -> dict[str, str]:
    """Which label a folder stands for, for reading the user's moves ('' = inbox = personal)."""
    labels = {"": "personal"}
    for label in LABELS:
        folder = config.folders.get(label, "")
        if folder:
            labels[folder] = label
    return labels


def learn_from_moves(client: MailClient, store: Store, config: Config) -> list[Correction]:
    """Notice mail the user moved between triage's folders in any mail client."""
    learned = []
    for folder, label in folder_labels(config).items():
        if folder == "":
            continue  # moves back to the inbox are seen by the pass itself (see note_inbox_return)
        key = f"folder:{folder}"
        since = store.checkpoint(key)
        mark, ids = client.arrivals(folder, since)
        for message_id in ids:
            record = store.get(message_id)
            if record is None or record.destination == folder or record.state not in ("done", "gone"):
                continue
            learned.append(_record_move(store, record.message_id, record.label, record.destination, folder, label))
        if mark != since:  # an idle pass writes nothing
            with store.transaction():
                store.set_checkpoint(key, *mark)
    return learned


def note_inbox_return(store: Store, message_id: str) -> Correction | None:
    """A filed notification is back in the inbox: the user says it is personal.

    Mail the user moved before counts too (its last place wins); triage's own
    moves to the inbox leave the record's destination at "" and teach nothing."""
    record = store.get(message_id)
    if record is None or record.state != "done" or not record.destination:
        return None
    return _record_move(store, message_id, record.label, record.destination, "", "personal")


def _record_move(store: Store, message_id: str, old_label: str, old_destination: str | None,
                 folder: str, label: str) -> Correction:
    with store.transaction():
        store.add_correction(message_id, old_label, label, old_destination, "move")
        store.update(message_id, label=label, destination=folder, user_owned=1, state="done")
    log.info("learned from a move: %s is %s (was %s)", message_id, label, old_label)
    return Correction(message_id, old_label, label, moved=False)


def training_rows(store: Store, accounts: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """One row per corrected message, latest correction wins, skips left out.

    `accounts`: whose corrections (a model the accounts share learns from all of them); default the store's."""
    rows = []
    for c in store.corrections(accounts):
        if c["new_label"] not in LABELS:
            continue
        record = store.record_of(c["account"], c["message_id"])
        if record is None:
            continue
        item = (record.items or [{}])[0]
        rows.append({
            "id": record.message_id,
            "text": record.text,
            "kind": item.get("kind") or record.kind,
            "subject": item.get("subject", ""),
            "sender_name": record.sender_name,
            "sender_headline": record.sender_headline,
            "sender_location": record.sender_location,
            "mutual_connections": record.mutual_connections,
            "label": c["new_label"],
        })
    return rows
