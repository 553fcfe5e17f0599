"""People: every labeled item tied to the person who sent it, their overrides, and who only asks.

A person is keyed by their LinkedIn profile (`in:<vanity>`, from the item's
profile URL, tracking already removed by the parser, case-folded), else by
their display name with the headline as the tie-breaker (`name:<name>|<headline>`,
both in triage.text's caseless form). Invitations, messages, InMails and
digest cards of one person meet in one record.

An override is the user's word about a person and beats the model for new
mail: it is kept in the state database (so a retrain or a rollback leaves it
alone), logged in the corrections table (source "override") so it is listed
and undone like any lesson, and never trained on: the model learns notes,
an override is about a person.
"""

from __future__ import annotations

import json
import logging
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from .config import PeopleSettings
from .errors import EXIT_USAGE, TriageError
from .items import CLEAR_OVERRIDE, LABELED_KINDS, LABELS, MODEL_VERDICTS, OVERRIDES, Item, Verdict
from .store import Record, Store, now
from .summary import OnlyAsks, clean
from .text import caseless

log = logging.getLogger(__name__)

CLEAR = CLEAR_OVERRIDE
# The label each override gives every new item of the person; mute files as pitch and hides from the summary.
OVERRIDE_LABEL = {"always-personal": "personal", "always-pitch": "pitch", "always-generic": "generic",
                  "mute": "pitch"}
OVERRIDE_SOURCE = "override"


class PersonError(TriageError):
    """A person (or lesson) the user named who is not known, or not known uniquely: exit 2."""

    exit_code = EXIT_USAGE


class AmbiguousPerson(PersonError):
    """Several people answer to the name; the message lists them and nothing changes."""

    def __init__(self, query: str, candidates: Sequence["Person"]) -> None:
        self.candidates = list(candidates)
        lines = [f"{len(candidates)} people match {query!r}; nothing changed. Name one of them by its key:"]
        lines += [f"  {shlex.quote(p.key)}  {p.display_name}" + (f" · {p.display_headline}" if p.headline else "")
                  for p in candidates]
        super().__init__("\n".join(lines))


# ------------------------------------------------------------------ keys


def vanity(profile_url: str) -> str:
    """The `/in/<vanity>` of a LinkedIn profile URL, case-folded; "" for anything else."""
    try:
        parts = urlsplit((profile_url or "").strip())
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return ""
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[0].lower() == "in":
        return unquote(segments[1]).strip().casefold()
    return ""


def name_norm(name: str) -> str:
    """A name or headline as two that read the same share it (the parser's caseless form)."""
    return caseless(" ".join((name or "").split()))


def name_key(name: str, headline: str) -> str:
    return f"name:{name_norm(name)}|{name_norm(headline)}"


def profile_link(profile_url: str) -> str:
    """The canonical https://www.linkedin.com/in/<vanity> link of a person, or "" when there is none."""
    slug = vanity(profile_url)
    if not slug or len(slug) > 200 or any(ch.isspace() or ch in "\\/\"'<>`?#" for ch in slug):
        return ""
    return "https://www.linkedin.com/in/" + quote(slug, safe="-_.~")


@dataclass
class Directory:
    """Who is known and their overrides, for the pass: loaded once, extended as new people appear."""

    overrides: dict[str, str] = field(default_factory=dict)
    names: dict[str, dict[str, str]] = field(default_factory=dict)   # name_norm -> {key: headline_norm}

    @classmethod
    def load(cls, store: Store) -> "Directory":
        directory = cls()
        for row in store.db.execute("SELECT key, name_norm, headline, override FROM people WHERE account=?",
                                    (store.account,)):
            directory._know(row["key"], row["name_norm"], name_norm(row["headline"]))
            if row["override"]:
                directory.overrides[row["key"]] = row["override"]
        return directory

    def _know(self, key: str, name: str, headline: str) -> None:
        if name:
            self.names.setdefault(name, {}).setdefault(key, headline)

    def key_for(self, item: Item) -> str:
        """The person an item belongs to: their profile; else a known person of that name and headline
        (or the only one of that name, when the item shows no headline); else someone new.

        Two people who share a name are kept apart rather than joined on a guess: a
        wrong join would let one person's mute hide another's note."""
        name, headline = name_norm(item.sender_name), name_norm(item.sender_headline)
        slug = vanity(item.profile_url)
        if slug:
            key = f"in:{slug}"
        else:
            known = self.names.get(name, {})
            same_headline = sorted(k for k, h in known.items() if h == headline)
            if same_headline:
                key = same_headline[0]
            elif not headline and len(known) == 1:
                key = next(iter(known))
            else:
                key = name_key(item.sender_name, item.sender_headline)
        self._know(key, name, headline)
        return key

    def apply_overrides(self, items: Sequence[Item], verdicts: Sequence[Verdict]) -> tuple[list[str], list[Verdict]]:
        """The override step: each item's person, and the verdict the user's word makes of the model's.

        A person without an override keeps the model's verdict exactly; the
        person's history never changes a verdict (see bench/history_prior.py)."""
        keys, out = [], []
        for item, verdict in zip(items, verdicts):
            key = self.key_for(item)
            keys.append(key)
            override = self.overrides.get(key, "")
            if override:
                said = f"{verdict.label} {verdict.confidence:.2f}" if verdict.label != "unsure" else "unsure"
                verdict = Verdict(OVERRIDE_LABEL[override], 1.0, dict(verdict.probabilities), verdict.model_version,
                                  f"override: {override} (the model said {said})", override)
            out.append(verdict)
        return keys, out


# ------------------------------------------------------------------ recording


def _utc(stamp: str | None) -> str:
    """An ISO time in UTC, so that times compare as strings; "" when unreadable."""
    if not stamp:
        return ""
    try:
        parsed = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return ""
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat(timespec="seconds")


def record_items(store: Store, records: Iterable[Record]) -> None:
    """Tie each recorded item that names its person (item["person"]) to that person (in the caller's transaction)."""
    for record in records:
        seen = _utc(record.mail_date) or _utc(record.first_seen) or now()
        primary = next((i for i, it in enumerate(record.items) if it.get("kind") in LABELED_KINDS), None)
        for position, item in enumerate(record.items):
            key = item.get("person")
            if not key:
                continue
            store.db.execute(
                "INSERT OR IGNORE INTO person_items(account, message_id, position, person_key, kind, label, reason, "
                "is_primary, seen_at) VALUES(?,?,?,?,?,?,?,?,?)",
                (store.account, record.message_id, position, key, item.get("kind", ""), item.get("verdict", ""),
                 item.get("reason", ""), int(position == primary), seen))
            store.db.execute(
                "INSERT INTO people(account, key, name, name_norm, headline, profile_url, first_seen, last_seen) "
                "VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(account, key) DO UPDATE SET "
                "name = CASE WHEN excluded.last_seen >= people.last_seen THEN excluded.name ELSE people.name END, "
                "name_norm = CASE WHEN excluded.last_seen >= people.last_seen THEN excluded.name_norm "
                "ELSE people.name_norm END, "
                "headline = CASE WHEN excluded.last_seen >= people.last_seen THEN excluded.headline "
                "ELSE people.headline END, "
                "profile_url = CASE WHEN excluded.profile_url != '' AND excluded.last_seen >= people.last_seen "
                "THEN excluded.profile_url ELSE people.profile_url END, "
                "first_seen = min(people.first_seen, excluded.first_seen), "
                "last_seen = max(people.last_seen, excluded.last_seen)",
                (store.account, key, item.get("sender_name", ""), name_norm(item.get("sender_name", "")),
                 item.get("sender_headline", ""), item.get("profile_url", ""), seen, seen))


def annotate(item: dict[str, Any], key: str, verdict: Verdict | None) -> None:
    """Mark an item dict (as kept in items_json) with its person and its own verdict."""
    item["person"] = key
    if verdict is not None:
        item["verdict"] = verdict.label
        if verdict.reason:
            item["reason"] = verdict.reason


def backfill(store: Store) -> int:
    """The migration to schema 2: tie the items already recorded to their people (inside its transaction).

    Only the mail-level verdict was recorded before, so an item's own verdict
    is what can be told from it: the mail's verdict when the mail holds one
    labeled item, or all of a digest's items when the digest was pitch (the
    lowest precedence), or the guide's rules (no note); else "" (not recorded),
    which counts for nobody."""
    from .model.classify import item_record, rule_verdict   # only here: it loads scikit-learn

    directory = Directory()
    count = 0
    rows = store.db.execute("SELECT * FROM messages WHERE account=? AND status='linkedin' AND label != 'suspicious' "
                            "ORDER BY first_seen, rowid", (store.account,)).fetchall()
    for row in rows:
        record = Record.from_row(row)
        first = store.db.execute("SELECT old_label FROM corrections WHERE account=? AND message_id=? "
                                 "ORDER BY id LIMIT 1", (store.account, record.message_id)).fetchone()
        said = first[0] if first else record.label        # the model's verdict, before any correction
        labeled = [it for it in record.items if isinstance(it, dict) and it.get("kind") in LABELED_KINDS]
        for item in labeled:
            fields = {k: item.get(k) for k in Item.__dataclass_fields__ if k in item}
            as_item = Item(**fields)
            rule = rule_verdict(item_record(as_item))
            if rule is not None:
                label = rule[0]
            elif len(labeled) == 1 or said == "pitch":
                label = said if said in MODEL_VERDICTS else ""
            else:
                label = ""
            annotate(item, directory.key_for(as_item), Verdict(label, 0.0) if label else None)
            count += 1
        if labeled:
            store.update(record.message_id, items=record.items)
            record_items(store, [record])
    if count:
        log.info("state migrated: %d items tied to %d people", count,
                 store.db.execute("SELECT count(*) FROM people WHERE account=?", (store.account,)).fetchone()[0])
    return count


# ------------------------------------------------------------------ reading


@dataclass
class Person:
    """One person as `triage people` shows them."""

    key: str
    name: str
    headline: str
    profile_url: str          # canonical https://www.linkedin.com/in/... or ""
    override: str
    first_seen: str
    last_seen: str
    counts: dict[str, int]
    announced_at: str | None = None

    @property
    def display_name(self) -> str:
        return clean(self.name) or "(no name)"

    @property
    def display_headline(self) -> str:
        return clean(self.headline)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "profile_url": self.profile_url, "headline": self.headline,
                "counts": dict(self.counts), "first_seen": self.first_seen, "last_seen": self.last_seen,
                "override": self.override or None}


@dataclass
class TimelineItem:
    """One item of a person's history: what it was, and what decided its label."""

    message_id: str
    when: str
    kind: str
    label: str                # the label in force: the user's correction, else the verdict ("" = not recorded)
    verdict: str              # what triage decided when the mail came (the model, or an override)
    reason: str
    corrected: str            # source of the user's correction (label | move), "" if none
    first_line: str


def _person(row: Any, counts: dict[str, int]) -> Person:
    return Person(row["key"], row["name"], row["headline"], profile_link(row["profile_url"]), row["override"],
                  row["first_seen"], row["last_seen"], counts, row["announced_at"])


def _items(store: Store, keys: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Person items with the label in force: a correction of the mail speaks for its primary item."""
    sql = ("SELECT pi.*, m.items_json, m.text AS mail_text, "
           "(SELECT c.new_label FROM corrections c WHERE c.account = pi.account AND c.message_id = pi.message_id "
           "ORDER BY c.id DESC LIMIT 1) AS corrected_label, "
           "(SELECT c.source FROM corrections c WHERE c.account = pi.account AND c.message_id = pi.message_id "
           "ORDER BY c.id DESC LIMIT 1) AS corrected_by "
           "FROM person_items pi JOIN messages m ON m.account = pi.account AND m.message_id = pi.message_id "
           "WHERE pi.account=?")
    args: list[Any] = [store.account]
    if keys is not None:
        sql += f" AND pi.person_key IN ({','.join('?' * len(keys))})"
        args += list(keys)
    out = []
    for row in store.db.execute(sql + " ORDER BY pi.seen_at, pi.message_id, pi.position", args):
        item = dict(row)
        corrected = item["corrected_label"] if item["is_primary"] else None
        item["effective"] = corrected or item["label"]
        item["corrected_by"] = item["corrected_by"] if corrected else ""
        out.append(item)
    return out


def _counts(items: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(MODEL_VERDICTS, 0)
    for item in items:
        if item["effective"] in counts:
            counts[item["effective"]] += 1
    return counts


def people(store: Store, *, label: str | None = None, sort: str = "asks") -> list[Person]:
    """Everyone triage has seen an item from, with counts per label; `label` keeps those with at least one."""
    by_person: dict[str, list[dict[str, Any]]] = {}
    for item in _items(store):
        by_person.setdefault(item["person_key"], []).append(item)
    out = [_person(row, _counts(by_person.get(row["key"], [])))
           for row in store.db.execute("SELECT * FROM people WHERE account=?", (store.account,))]
    if label:
        out = [p for p in out if p.counts.get(label, 0)]
    if sort == "name":
        out.sort(key=lambda p: (name_norm(p.name), p.key))
    elif sort == "recent":
        out.sort(key=lambda p: (p.last_seen, p.key), reverse=True)
    else:
        out.sort(key=lambda p: (-p.counts["pitch"], -p.counts["generic"], name_norm(p.name), p.key))
    return out


def find(store: Store, query: str) -> Person:
    """The one person a name, profile URL, vanity or key names; PersonError / AmbiguousPerson otherwise."""
    query = (query or "").strip()
    if not query:
        raise PersonError("name a person: their name, profile URL or key (see `triage people`)")
    keys = []
    if query.startswith(("in:", "name:")):
        keys.append(query if query.startswith("name:") else "in:" + query[3:].casefold())
    if slug := vanity(query if "://" in query else "https://www.linkedin.com/" + query.lstrip("/")):
        keys.append(f"in:{slug}")
    keys.append(f"in:{query.casefold()}")
    for key in keys:
        if (row := store.db.execute("SELECT * FROM people WHERE account=? AND key=?",
                                    (store.account, key)).fetchone()) is not None:
            return _one(store, row)
    wanted = name_norm(query)
    rows = store.db.execute("SELECT * FROM people WHERE account=? AND name_norm=? ORDER BY key",
                            (store.account, wanted)).fetchall()
    if not rows and wanted:
        rows = [r for r in store.db.execute("SELECT * FROM people WHERE account=? ORDER BY key", (store.account,))
                if wanted in r["name_norm"]]
    if not rows:
        raise PersonError(f"no person {query!r} in {store.path} (see `triage people`)")
    if len(rows) > 1:
        raise AmbiguousPerson(query, [_one(store, r) for r in rows])
    return _one(store, rows[0])


def _one(store: Store, row: Any) -> Person:
    return _person(row, _counts(_items(store, [row["key"]])))


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def timeline(store: Store, person: Person) -> list[TimelineItem]:
    """Every item of the person, oldest first."""
    out = []
    for item in _items(store, [person.key]):
        try:
            stored = json.loads(item["items_json"])[item["position"]]
        except (ValueError, IndexError, TypeError):
            stored = {}
        text = stored.get("text") or ""
        if stored.get("subject") and item["kind"] == "inmail":
            text = f"{stored['subject']}: {text}"
        first = next((ln for ln in text.splitlines() if ln.strip()), "")
        out.append(TimelineItem(item["message_id"], item["seen_at"], item["kind"], item["effective"],
                                item["label"], item["reason"], item["corrected_by"], _cap(clean(first), 72)))
    return out


# ------------------------------------------------------------------ changing


def set_override(store: Store, query: str, value: str) -> tuple[Person, str]:
    """Set (or `clear`) a person's override for new mail; returns the person and what it was before."""
    if value not in OVERRIDES + (CLEAR,):
        raise PersonError(f"unknown override {value!r} (use one of {', '.join(OVERRIDES + (CLEAR,))})")
    person = find(store, query)
    new = "" if value == CLEAR else value
    if person.override == new:
        return person, person.override
    with store.transaction():
        store.db.execute("UPDATE people SET override=?, override_at=? WHERE account=? AND key=?",
                         (new, now(), store.account, person.key))
        store.db.execute(
            "INSERT INTO corrections(account, message_id, old_label, new_label, old_destination, source, created_at, "
            "person_key) VALUES(?,'',?,?,NULL,?,?,?)", (store.account, person.override or CLEAR, value,
                                                        OVERRIDE_SOURCE, now(), person.key))
    before = person.override
    person.override = new
    return person, before


def name_of(store: Store, key: str) -> str:
    """A person's name by key, "" when triage does not know (or has forgotten) them."""
    row = store.db.execute("SELECT name FROM people WHERE account=? AND key=?", (store.account, key)).fetchone()
    return row[0] if row else ""


def forget(store: Store, query: str) -> Person:
    """Drop a person from triage's memory: their record, history links and override. Their mail stays."""
    person = find(store, query)
    with store.transaction():
        store.db.execute("DELETE FROM person_items WHERE account=? AND person_key=?", (store.account, person.key))
        store.db.execute("DELETE FROM corrections WHERE account=? AND source=? AND person_key=?",
                         (store.account, OVERRIDE_SOURCE, person.key))
        store.db.execute("DELETE FROM people WHERE account=? AND key=?", (store.account, person.key))
    return person


# ------------------------------------------------------------------ lessons


@dataclass
class Lesson:
    """Something triage learned from the user and still uses: one per mail (its last word) or per person."""

    id: int
    created_at: str
    source: str               # label | move | override
    message_id: str           # "" for an override
    person_key: str
    who: str
    old: str
    new: str
    what: str                 # the mail's first line, or "every new item of theirs"

    @property
    def undo(self) -> str:
        return f"triage label --undo-learned {self.id}"


def lessons(store: Store, person_key: str | None = None) -> list[Lesson]:
    """The lessons in force: the latest correction of each mail and the override of each person, newest first."""
    rows = store.db.execute(
        "SELECT c.* FROM corrections c JOIN (SELECT message_id, person_key, max(id) AS id FROM corrections "
        "WHERE account=? GROUP BY message_id, person_key) latest ON c.id = latest.id ORDER BY c.id DESC",
        (store.account,)).fetchall()
    names = {r["key"]: r["name"] for r in store.db.execute("SELECT key, name FROM people WHERE account=?",
                                                           (store.account,))}
    owners = {r["message_id"]: r["person_key"]
              for r in store.db.execute("SELECT message_id, person_key FROM person_items WHERE account=? "
                                        "AND is_primary=1", (store.account,))}
    out = []
    for row in rows:
        if row["source"] == OVERRIDE_SOURCE:
            key = row["person_key"]
            if person_key not in (None, key) or key not in names or row["new_label"] == CLEAR:
                continue
            out.append(Lesson(row["id"], row["created_at"], row["source"], "", key, clean(names[key]),
                              row["old_label"], row["new_label"], "every new item of theirs"))
            continue
        key = owners.get(row["message_id"], "")
        if person_key not in (None, key):
            continue
        record = store.get(row["message_id"])
        if record is None:
            continue
        first = next((ln for ln in (record.text or record.subject).splitlines() if ln.strip()), "")
        who = clean(names.get(key, record.sender_name))
        out.append(Lesson(row["id"], row["created_at"], row["source"], row["message_id"], key, who,
                          row["old_label"], row["new_label"], _cap(clean(first), 60)))
    return out


def undo_lesson(store: Store, lesson_id: int) -> str:
    """Forget one lesson. A mail's lesson goes with every earlier word on that mail (it counted once,
    by its last place); the mail stays where it is and triage still leaves it alone. An override
    goes back to what it was before."""
    live = {lesson.id: lesson for lesson in lessons(store)}
    lesson = live.get(lesson_id)
    if lesson is None:
        raise PersonError(f"no lesson {lesson_id} in force (see `triage label --list --learned`)")
    with store.transaction():
        if lesson.source == OVERRIDE_SOURCE:
            previous = "" if lesson.old == CLEAR else lesson.old
            store.db.execute("UPDATE people SET override=?, override_at=? WHERE account=? AND key=?",
                             (previous, now(), store.account, lesson.person_key))
            store.delete_correction(lesson.id)
            return f"{lesson.who}: override {lesson.new} undone" + (f", back to {previous}" if previous else "")
        first = store.db.execute("SELECT old_label FROM corrections WHERE account=? AND message_id=? "
                                 "ORDER BY id LIMIT 1", (store.account, lesson.message_id)).fetchone()[0]
        store.db.execute("DELETE FROM corrections WHERE account=? AND message_id=?",
                         (store.account, lesson.message_id))
        store.update(lesson.message_id, label=first)
    return (f"{lesson.message_id}: lesson {lesson.old} -> {lesson.new} forgotten; label back to {first}. "
            f"The mail stays where it is (file it with `triage label --set MESSAGE_ID LABEL`).")


# ------------------------------------------------------------------ only asks (Disconnect Day)


def only_asks(store: Store, settings: PeopleSettings) -> list[OnlyAsks]:
    """Everyone whose last `disconnect_after` labeled items within `window_days` of their latest are all
    pitches, with no personal item in that window. Anchored on their own latest item, not on today,
    so a verdict about a person depends on what they sent, not on when one looks."""
    by_person: dict[str, list[dict[str, Any]]] = {}
    for item in _items(store):
        if item["effective"] in LABELS:
            by_person.setdefault(item["person_key"], []).append(item)
    out = []
    rows = {r["key"]: r for r in store.db.execute("SELECT * FROM people WHERE account=?", (store.account,))}
    for key, items in by_person.items():
        if len(items) < settings.disconnect_after or key not in rows:
            continue
        latest = datetime.fromisoformat(items[-1]["seen_at"])
        start = (latest - timedelta(days=settings.window_days)).isoformat(timespec="seconds")
        window = [i for i in items if i["seen_at"] >= start]
        last = window[-settings.disconnect_after:]
        if len(last) < settings.disconnect_after or any(i["effective"] != "pitch" for i in last):
            continue
        if any(i["effective"] == "personal" for i in window):
            continue
        pitches = [i for i in window if i["effective"] == "pitch"]
        row = rows[key]
        out.append(OnlyAsks(key, row["name"], row["headline"], profile_link(row["profile_url"]), len(pitches),
                            datetime.fromisoformat(pitches[0]["seen_at"]), row["last_seen"], row["override"],
                            row["announced_at"] is not None))
    out.sort(key=lambda p: (-p.asks, p.last_seen, p.key))
    return out


def newly_only_asks(store: Store, settings: PeopleSettings) -> list[OnlyAsks]:
    """Those who crossed the line since the last delivered summary, and whom the user has not overridden."""
    return [p for p in only_asks(store, settings) if not p.announced and not p.override]


def mark_announced(store: Store, settings: PeopleSettings, shown: Iterable[str]) -> None:
    """After a summary is delivered: who it named (by key) is not named again; who no longer
    qualifies may be, if they cross the line again."""
    still = {p.key for p in only_asks(store, settings)}
    stamp = now()
    with store.transaction():
        store.db.executemany("UPDATE people SET announced_at=? WHERE account=? AND key=?",
                             [(stamp, store.account, k) for k in shown])
        for row in store.db.execute("SELECT key FROM people WHERE account=? AND announced_at IS NOT NULL",
                                    (store.account,)).fetchall():
            if row["key"] not in still:
                store.db.execute("UPDATE people SET announced_at=NULL WHERE account=? AND key=?",
                                 (store.account, row["key"]))


def muted_message_ids(store: Store, records: Iterable[Record]) -> set[str]:
    """Mail the summary leaves out: decided by a mute, or from people who are all muted now."""
    muted = {r["key"] for r in store.db.execute("SELECT key FROM people WHERE account=? AND override='mute'",
                                                (store.account,))}
    out = set()
    for record in records:
        keys = {item.get("person") for item in record.items if isinstance(item, dict) and item.get("person")}
        if record.override == "mute" or (keys and keys <= muted):
            out.add(record.message_id)
    return out
