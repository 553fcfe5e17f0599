"""People: sender history, per-person overrides and "Only asks", over the suite's Dovecot where mail moves."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from testkit.imap import append, imap_connection, where, write_config
from testkit.layouts import digest_email, inmail_email, invitation_email, member_message_email
from testkit.mailboxes import message_id
from testkit.people import Person
from testkit.phishing import phishing_email
from triage import people
from triage.cli import main
from triage.config import PeopleSettings, load_config, parse_config
from triage.corrections import training_rows
from triage.delivery import send_daily_summary
from triage.items import Item
from triage.mail.client import Fetched
from triage.model.classify import load_model
from triage.parse import parse_email
from triage.passes import build_records
from triage.store import SCHEMA_VERSION, Record, StateTooOld, Store
from triage.summary import build_summary

# A serial pitcher of the suite's own: four asks over two years, never a word about Sam.
RHONA = Person("Rhona Delacroix", "Founder at Apex Momentum | Keynote Speaker | Bestselling Author",
               "Leeds, England, United Kingdom")
ASKS = [
    (datetime(2024, 3, 4, 9, 0, tzinfo=timezone.utc),
     "Hi Sam, would love to see you at my Leadership Momentum Summit in Leeds. Tickets are £199 early-bird "
     "until Friday, register here and bring your team!"),
    (datetime(2024, 11, 12, 14, 30, tzinfo=timezone.utc),
     "Hi Sam, my book Momentum Mindset is out today! Could you buy a copy and leave a five-star review on "
     "Amazon? It would mean the world to me."),
    (datetime(2025, 6, 3, 10, 15, tzinfo=timezone.utc),
     "Hi Sam, who runs training at Kestrel Freight? I'd love an introduction to your HR team about booking my "
     "keynote for your next leadership away-day. Happy to pay a referral fee."),
    (datetime(2026, 1, 20, 8, 45, tzinfo=timezone.utc),
     "Sam, quick favour: my new podcast Momentum Minutes just launched. Would you give it a listen and leave a "
     "rating and review? Five stars helps us get found!"),
]
PITCH_SHAPED = ("Hi Sam, my coaching programme has five places left this quarter at £2,000 per person. Could we "
                "book a 15-minute call this week so I can tell you about our packages?")
PERSONAL_NOTE = ("Sam, congratulations on the new depot! Saw the photos from the opening, the canopy over the "
                 "loading bays looks brilliant. How are the night shifts settling in?")


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def rhona(text: str, when: datetime, seed: int = 0) -> bytes:
    return member_message_email(RHONA, text, date=when, seed=seed)


def state(config: Path) -> Store:
    return Store(load_config(config).state_path)


def folder_and_flags(imap, mid: str) -> tuple[str, set[bytes]]:
    folder = where(imap)[mid]
    with imap_connection(imap) as c:
        c.select_folder(folder, readonly=True)
        uid = c.search(["HEADER", "Message-ID", mid])[0]
        return folder, set(c.get_flags([uid])[uid])


@pytest.fixture
def pitcher(imap, tmp_path):
    """Rhona's four asks, filed by one pass over the suite's Dovecot."""
    mails = [rhona(text, when, seed=i) for i, (when, text) in enumerate(ASKS)]
    append(imap, mails)
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    code, out = cli("once", "-c", str(config))
    assert code == 0, out
    return config, mails


# ------------------------------------------------------------------ keys


@pytest.mark.parametrize("url, expected", [
    ("https://www.linkedin.com/in/Rhona-Delacroix-1a2b3c4d", "rhona-delacroix-1a2b3c4d"),
    ("https://www.linkedin.com/in/rhona-delacroix-1a2b3c4d/?trk=x", "rhona-delacroix-1a2b3c4d"),
    ("https://linkedin.com/in/s%C3%B8ren-mensah", "søren-mensah"),
    ("https://uk.linkedin.com/in/ana-lima", "ana-lima"),
    ("https://www.linkedin.com/company/kestrel-freight", ""),
    ("https://www.linkedin.com.evil.example/in/rhona", ""),
    ("https://evil.example/in/rhona", ""),
    ("", ""),
])
def test_the_key_is_the_profile_vanity_case_folded(url, expected):
    assert people.vanity(url) == expected


def test_without_a_profile_the_name_decides_and_the_headline_breaks_ties():
    directory = people.Directory()
    first = directory.key_for(Item("message", "Jordan Blake", "Buyer at Hillcrest Outdoor"))
    assert first == "name:jordan blake|buyer at hillcrest outdoor"
    # One known Jordan Blake: a later mail without a headline is still them; with another headline it is
    # someone else until a profile link says otherwise (a wrong join would let one's mute hide the other).
    assert directory.key_for(Item("message", "Jördan  Blake", "")) == first
    assert directory.key_for(Item("message", "Jordan Blake", "Buyer at Fernbrook")) == \
        "name:jordan blake|buyer at fernbrook"
    other = directory.key_for(Item("invitation", "Jordan Blake", "Chef at The Quay",
                                   profile_url="https://www.linkedin.com/in/jordan-blake-77"))
    assert other == "in:jordan-blake-77"
    # Several people answer to the name: the headline chooses; without one, nobody is guessed.
    assert directory.key_for(Item("message", "Jordan Blake", "Buyer at Hillcrest Outdoor")) == first
    assert directory.key_for(Item("message", "Jordan Blake", "Chef at The Quay")) == "in:jordan-blake-77"
    assert directory.key_for(Item("message", "Jordan Blake", "")) == "name:jordan blake|"


def test_invitation_message_inmail_and_digest_card_of_one_person_meet_in_one_record(tmp_path):
    ana = Person("Ana Lima", "Planner at Severn Port Services", "Bristol")
    mails = [
        invitation_email(ana, "Great to meet you at the port safety walk, Sam!", date=datetime(2025, 3, 1)),
        member_message_email(ana, "Thanks again for the tour yesterday.", date=datetime(2025, 3, 5)),
        inmail_email(ana, "Cross-dock question", "Hi Sam, could I ask how you ran the shift handovers?",
                     date=datetime(2025, 4, 2)),
        digest_email([(Person("Tariq Osei", "Driver"), ""), (ana, "Lovely to see you at the breakfast, Sam.")],
                     date=datetime(2025, 5, 9)),
    ]
    store = Store(tmp_path / "s.db")
    config = parse_config({"maildir": {"path": str(tmp_path / "m")}})
    parsed = [parse_email(raw) for raw in mails]
    built = build_records([Fetched(i, raw, frozenset()) for i, raw in enumerate(mails)], parsed, load_model(),
                          config, people.Directory.load(store))
    with store.transaction():
        store.add(r for _, r, _ in built)
        people.record_items(store, [r for _, r, _ in built])

    found = people.find(store, "ana lima")
    assert found.key == f"in:{people.vanity(ana.profile)}"
    assert [t.kind for t in people.timeline(store, found)] == ["invitation", "message", "inmail", "invitation"]
    assert found.counts["personal"] == 4 and found.first_seen.startswith("2025-03-01")
    assert found.last_seen.startswith("2025-05-09")
    # The digest's other card is its own person with its own verdict, not the mail's.
    tariq = people.find(store, "Tariq Osei")
    assert tariq.counts == {"personal": 0, "generic": 1, "pitch": 0, "unsure": 0}
    store.close()


# ------------------------------------------------------------------ the override step


def _built(mails: list[bytes], directory: people.Directory) -> list[Record]:
    config = parse_config({"maildir": {"path": "/nonexistent"}})
    parsed = [parse_email(raw) for raw in mails]
    return [r for _, r, _ in build_records([Fetched(i, raw, frozenset()) for i, raw in enumerate(mails)],
                                           parsed, load_model(), config, directory)]


def test_history_never_changes_a_verdict_only_an_override_does(pitcher, imap):
    """A past pitcher's real personal note stays personal, and a person seen for the first time gets the
    model's verdict exactly: the pass uses no history prior (bench/history_prior.py says why)."""
    config, _ = pitcher
    note = rhona(PERSONAL_NOTE, datetime(2026, 2, 1, tzinfo=timezone.utc), seed=50)
    stranger = member_message_email(Person("Bea Hollis", "Account Executive"), PITCH_SHAPED)
    append(imap, [note, stranger])
    assert cli("once", "-c", str(config))[0] == 0

    model = load_model()
    alone = [model.classify(parse_email(raw).labeled_items)[0] for raw in (note, stranger)]
    with state(config) as store:
        recorded = [store.get(message_id(raw)) for raw in (note, stranger)]
        assert people.find(store, "Rhona").counts["pitch"] == 4
    assert [r.label for r in recorded] == [v.label for v in alone] == ["personal", "pitch"]
    assert [r.probabilities for r in recorded] == [v.probabilities for v in alone]
    assert all(r.override == "" for r in recorded)
    assert where(imap)[message_id(note)] == "INBOX"


def test_an_override_decides_visibly_but_never_for_mail_that_only_claims_to_be_from_them():
    directory = people.Directory(overrides={f"in:{people.vanity(RHONA.profile)}": "always-personal"})
    pitch = rhona(PITCH_SHAPED, datetime(2026, 2, 1, tzinfo=timezone.utc))
    fake = phishing_email("lookalike_domain", RHONA, "Please confirm that you know me.")
    real, phished = _built([pitch, fake], directory)
    assert real.label == "personal" and real.override == "always-personal" and real.confidence == 1.0
    assert real.reason.startswith("override: always-personal (the model said pitch")
    assert real.destination == "" and "\\Flagged" in real.flags
    assert real.items[0]["verdict"] == "personal" and real.items[0]["person"].startswith("in:")
    assert phished.label == "suspicious" and phished.override == ""


# ------------------------------------------------------------------ over Dovecot


def test_a_serial_pitcher_is_named_once_under_only_asks_and_listed_by_disconnect(pitcher, imap, tmp_path):
    config, mails = pitcher
    assert {where(imap)[message_id(m)] for m in mails} == {"LinkedIn/Pitch"}

    code, out = cli("people", "--disconnect", "-c", str(config))
    assert code == 0, out
    assert "Rhona Delacroix: 4 asks since Mar 2024, none asked about you" in out
    assert f"https://www.linkedin.com/in/{people.vanity(RHONA.profile)}" in out
    mute_line = f"triage people set in:{people.vanity(RHONA.profile)} mute"
    assert mute_line in out

    loaded = load_config(config)
    store = Store(loaded.state_path)
    try:
        days = [date(2026, 12, 1), date(2026, 12, 2)]
        for day in days:
            assert send_daily_summary(loaded, store, day, "test").state == "sent"
            append(imap, [rhona(f"{ASKS[1][1]} (again {day})", datetime(2026, 11, 30, tzinfo=timezone.utc),
                                seed=day.day)])
            assert cli("once", "-c", str(config))[0] == 0
    finally:
        store.close()
    summaries = _summaries(imap)
    assert len(summaries) == 2
    first, second = summaries
    assert first.count("ONLY ASKS (1)") == 1 and first.count("Rhona Delacroix: 4 asks since Mar 2024") == 1
    assert f"Mute: {mute_line}" in first
    assert "ONLY ASKS" not in second, "named once, when the line is crossed, not every morning"
    # Still on the list for whoever looks; the two years now end at her latest ask (Nov 2026).
    assert "Rhona Delacroix: 4 asks since Jun 2025" in cli("people", "--disconnect", "-c", str(config))[1]


def _summaries(imap) -> list[str]:
    import email
    import email.policy
    out = []
    with imap_connection(imap) as c:
        c.select_folder("INBOX", readonly=True)
        uids = c.search(["HEADER", "X-Triage-Summary", "1"])
        for uid, data in sorted(c.fetch(uids, ["BODY.PEEK[]"]).items()):
            message = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
            out.append(message.get_body(("plain",)).get_content())
    return out


def test_always_personal_keeps_a_pitch_shaped_note_in_the_inbox_through_retrain_and_rollback(pitcher, imap,
                                                                                             tmp_path):
    config, _ = pitcher
    assert load_model().classify([Item("message", RHONA.name, RHONA.headline, text=PITCH_SHAPED)])[0].label == "pitch"
    code, out = cli("people", "set", "Rhona Delacroix", "always-personal", "-c", str(config))
    assert code == 0 and "override none -> always-personal" in out, out

    def new_pitch(n: int) -> str:
        raw = rhona(f"{PITCH_SHAPED} ({n})", datetime(2026, 2, n, tzinfo=timezone.utc), seed=10 + n)
        append(imap, [raw])
        code, out = cli("once", "-c", str(config))
        assert code == 0, out
        return message_id(raw)

    def kept(mid: str) -> None:
        folder, flags = folder_and_flags(imap, mid)
        assert folder == "INBOX" and b"\\Flagged" in flags
        with state(config) as store:
            record = store.get(mid)
            assert record.label == "personal" and record.override == "always-personal"
            assert record.reason.startswith("override: always-personal")

    kept(new_pitch(1))
    code, out = cli("train", "-c", str(config))
    assert code == 0 and "activated" in out, out
    kept(new_pitch(2))
    code, out = cli("model", "rollback", "-c", str(config))
    assert code == 0 and "active model: shipped" in out, out
    kept(new_pitch(3))
    # The override was never trained on: it speaks about a person, the model learns notes.
    with state(config) as store:
        assert training_rows(store) == []

    code, out = cli("people", "set", "in:" + people.vanity(RHONA.profile), "clear", "-c", str(config))
    assert code == 0 and "-> none (the model decides)" in out, out
    after = new_pitch(4)
    assert where(imap)[after] == "LinkedIn/Pitch"
    with state(config) as store:
        assert store.get(after).override == "" and store.get(after).label == "pitch"
    # What was filed under the override stays where it is.
    assert list(where(imap).values()).count("INBOX") >= 3


def test_mute_files_every_new_item_as_pitch_and_hides_it_from_the_summary(pitcher, imap, tmp_path):
    config, _ = pitcher
    assert cli("people", "set", RHONA.profile, "mute", "-c", str(config))[0] == 0
    note = rhona(PERSONAL_NOTE, datetime(2026, 2, 1, tzinfo=timezone.utc), seed=99)
    append(imap, [note])
    assert cli("once", "-c", str(config))[0] == 0

    assert where(imap)[message_id(note)] == "LinkedIn/Pitch"
    code, out = cli("summary", "--print", "--since", "3d", "-c", str(config))
    assert code == 0, out
    assert "congratulations on the new depot" not in out
    # Her mail is left out; what the summary still says of her is the user's own word, under "What was learned".
    [line] = [line for line in out.splitlines() if "Rhona" in line]
    assert "Rhona Delacroix: no override → mute (your override for this person" in line
    # A muted person is not suggested for muting either.
    assert "ONLY ASKS" not in out
    code, out = cli("people", "show", "Rhona", "-c", str(config))
    assert code == 0 and "override: mute" in out and "override: mute (the model said personal" in out


def test_an_ambiguous_name_lists_the_candidates_and_changes_nothing(imap, tmp_path):
    # Two profiles, one name as triage compares names (accents and case aside).
    twins = [Person("Jordan Blake", "Buyer at Hillcrest Outdoor"), Person("Jördan Blake", "Chef at The Quay")]
    keys = sorted(f"in:{people.vanity(p.profile)}" for p in twins)
    append(imap, [member_message_email(p, "Are you around next week for a coffee?", seed=i)
                  for i, p in enumerate(twins)])
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    assert cli("once", "-c", str(config))[0] == 0

    for command in (["set", "Jordan Blake", "mute"], ["forget", "jordan blake"], ["show", "Jordan"]):
        code, out = cli("people", *command, "-c", str(config))
        assert code == 2, out
        assert "2 people match" in out and keys[0] in out and keys[1] in out
        assert "Traceback" not in out
    with state(config) as store:
        assert [p.override for p in people.people(store)] == ["", ""]
        assert store.db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
    code, out = cli("people", "set", keys[1], "always-personal", "-c", str(config))
    assert code == 0, out
    code, out = cli("people", "set", "nobody at all", "mute", "-c", str(config))
    assert code == 2 and "no person 'nobody at all'" in out


def test_people_json_has_one_object_per_person_with_the_promised_fields(pitcher, imap, tmp_path):
    config, _ = pitcher
    append(imap, [invitation_email(Person("Ana Lima", "Planner at Severn Port Services"),
                                   "Great to meet you at the port safety walk, Sam!")])
    assert cli("once", "-c", str(config))[0] == 0
    code, out = cli("people", "--json", "-c", str(config))
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["name"] for r in rows] == ["Rhona Delacroix", "Ana Lima"]   # most asks first
    for row in rows:
        assert {"name", "profile_url", "headline", "counts", "first_seen", "last_seen", "override"} <= set(row)
        assert row["profile_url"].startswith("https://www.linkedin.com/in/")
    assert rows[0]["counts"] == {"personal": 0, "generic": 0, "pitch": 4, "unsure": 0}
    assert rows[0]["first_seen"].startswith("2024-03-04") and rows[0]["last_seen"].startswith("2026-01-20")
    assert rows[0]["override"] is None
    code, out = cli("people", "--label", "personal", "--sort", "name", "-c", str(config))
    assert code == 0 and "Ana Lima" in out and "Rhona" not in out


def test_show_lists_the_timeline_and_the_lessons_learned_from_moves(pitcher, imap, tmp_path):
    from testkit.imap import move_by_hand
    config, mails = pitcher
    move_by_hand(imap, message_id(mails[0]), "LinkedIn/Pitch", "LinkedIn/Generic")
    assert cli("once", "-c", str(config))[0] == 0

    code, out = cli("people", "show", RHONA.profile, "-c", str(config))
    assert code == 0, out
    lines = out.splitlines()
    timeline = [ln for ln in lines if ln.startswith("  20")]
    assert [ln.split()[0] for ln in timeline] == ["2024-03-04", "2024-11-12", "2025-06-03", "2026-01-20"]
    assert "generic" in timeline[0] and "[move: was pitch]" in timeline[0]
    assert "learned from you:" in out and "move     pitch -> generic" in out
    # A hand move is one lesson about one mail, never an override of the person.
    with state(config) as store:
        assert people.find(store, "Rhona").override == ""


def test_forget_drops_the_person_but_not_their_mail(pitcher, imap, tmp_path):
    config, mails = pitcher
    assert cli("people", "set", "Rhona", "mute", "-c", str(config))[0] == 0
    code, out = cli("people", "forget", "Rhona", "-c", str(config))
    assert code == 0 and "forgot Rhona Delacroix" in out
    assert cli("people", "-c", str(config))[1] == ""
    assert cli("label", "--list", "--learned", "-c", str(config))[1] == ""
    assert {where(imap)[message_id(m)] for m in mails} == {"LinkedIn/Pitch"}
    with state(config) as store:
        assert all(store.get(message_id(m)) is not None for m in mails)


# ------------------------------------------------------------------ only asks, the rule


def _history(store: Store, labels: list[tuple[str, str]], who: str = "in:tess-1", name: str = "Tess Hollis") -> None:
    records = []
    for n, (when, label) in enumerate(labels):
        records.append(Record(
            message_id=f"<{who}-{n}@x>", status="linkedin", kind="message", label=label, state="done",
            mail_date=when, sender_name=name,
            items=[{"kind": "message", "sender_name": name, "sender_headline": "Growth Coach",
                    "profile_url": f"https://www.linkedin.com/in/{who[3:]}", "text": f"note {n}",
                    "person": who, "verdict": label}]))
    with store.transaction():
        store.add(records)
        people.record_items(store, records)


@pytest.mark.parametrize("labels, settings, asks", [
    (["pitch", "pitch", "pitch"], PeopleSettings(), 3),
    (["pitch", "pitch"], PeopleSettings(), None),                                # too few
    (["personal", "pitch", "pitch", "pitch"], PeopleSettings(), None),           # a personal note in the window
    (["generic", "pitch", "pitch", "pitch"], PeopleSettings(), 3),
    (["pitch", "generic", "pitch", "pitch"], PeopleSettings(), None),            # the last three are not all asks
    (["pitch", "generic", "pitch", "pitch"], PeopleSettings(disconnect_after=2), 3),
    (["pitch", "unsure", "pitch", "pitch"], PeopleSettings(), 3),                # unsure is not a label
])
def test_only_asks_rule(tmp_path, labels, settings, asks):
    store = Store(tmp_path / "s.db")
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    _history(store, [((start + timedelta(days=90 * i)).isoformat(), label) for i, label in enumerate(labels)])
    found = people.only_asks(store, settings)
    assert [p.asks for p in found] == ([asks] if asks else [])
    store.close()


def test_only_asks_window_is_anchored_on_the_persons_latest_item(tmp_path):
    store = Store(tmp_path / "s.db")
    old = [(f"2019-0{m}-01T00:00:00+00:00", "personal") for m in (1, 2)]
    recent = [(f"2025-0{m}-01T00:00:00+00:00", "pitch") for m in (1, 4, 7)]
    _history(store, old + recent)
    found = people.only_asks(store, PeopleSettings(window_days=730))
    assert [(p.asks, p.since.year) for p in found] == [(3, 2025)]      # the 2019 notes are out of the window
    assert people.only_asks(store, PeopleSettings(window_days=3650)) == []
    store.close()


def test_a_correction_counts_for_the_person_and_uncrossing_the_line_rearms_the_entry(tmp_path):
    store = Store(tmp_path / "s.db")
    settings = PeopleSettings()
    _history(store, [(f"2025-0{m}-01T00:00:00+00:00", "pitch") for m in (1, 2, 3)])
    assert [p.key for p in people.newly_only_asks(store, settings)] == ["in:tess-1"]
    people.mark_announced(store, settings, ["in:tess-1"])
    assert people.newly_only_asks(store, settings) == []
    with store.transaction():
        store.add_correction("<in:tess-1-2@x>", "pitch", "personal", None, "label")
        store.update("<in:tess-1-2@x>", label="personal", user_owned=1)
    assert people.only_asks(store, settings) == []
    people.mark_announced(store, settings, [])
    assert store.db.execute("SELECT announced_at FROM people").fetchone()[0] is None   # may be named again
    store.close()


def test_only_asks_section_escapes_the_sender_and_links_only_canonical_profiles():
    hostile = people.OnlyAsks(
        key="in:x\"><script>alert(1)</script>", name='Eve <img src=x onerror=alert(1)> \u202eoops',
        headline="<b>Growth</b>", profile_url="javascript:alert(2)", asks=5,
        since=datetime(2024, 1, 5, tzinfo=timezone.utc), last_seen="", override="", announced=False)
    good = people.OnlyAsks(
        key="in:tess-hollis-1", name="Tess Hollis", headline="Growth Coach",
        profile_url=people.profile_link("https://www.linkedin.com/in/Tess-Hollis-1?trk=abc"), asks=3,
        since=datetime(2024, 6, 1, tzinfo=timezone.utc), last_seen="", override="", announced=False)
    summary = build_summary([], day=date(2026, 12, 1), model_version="m", only_asks=[hostile, good],
                            now=datetime(2026, 12, 1, 7, 30, tzinfo=timezone.utc))
    assert summary is not None and summary.only_asks == [hostile.key, good.key]
    soup = BeautifulSoup(summary.html, "html.parser")
    assert not soup.find_all(["script", "img"]) and "\u202e" not in summary.html
    assert [a["href"] for a in soup.find_all("a")] == ["https://www.linkedin.com/in/tess-hollis-1"]
    assert "Tess Hollis: 3 asks since Jun 2024, none asked about you" in summary.text
    assert "Mute: triage people set in:tess-hollis-1 mute" in summary.text
    assert "Mute: triage people set 'in:x\"><script>alert(1)</script>' mute" in summary.text


# ------------------------------------------------------------------ migration


def test_an_existing_state_is_migrated_in_place_from_what_it_recorded(tmp_path):
    """A schema-1 database (no people, no per-item verdicts) gains both on open; no mail is read again."""
    code, out = cli("demo", "--keep", str(tmp_path / "demo"))
    assert code == 0, out
    path = tmp_path / "demo" / "triage.db"
    with Store(path) as live:
        want = people.people(live, sort="name")
        want_asks = [(p.key, p.asks) for p in people.only_asks(live, PeopleSettings())]
    db = sqlite3.connect(path)
    rows = db.execute("SELECT message_id, items_json FROM messages").fetchall()
    for mid, items in rows:
        stripped = [{k: v for k, v in item.items() if k not in ("person", "verdict", "reason")}
                    for item in json.loads(items)]
        db.execute("UPDATE messages SET items_json=? WHERE message_id=?", (json.dumps(stripped), mid))
    db.executescript("DROP TABLE people; DROP TABLE person_items; ALTER TABLE messages DROP COLUMN override; "
                     "ALTER TABLE corrections DROP COLUMN person_key; PRAGMA user_version=1;")
    db.close()
    (tmp_path / "demo" / "Maildir").rename(tmp_path / "no-mail-here")   # nothing to fetch from

    with pytest.raises(StateTooOld):     # the store alone cannot tell who a person is; nothing changes
        Store(path)
    with Store(path, fill_people=people.backfill) as migrated:
        assert migrated.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        got = people.people(migrated, sort="name")
        assert [(p.key, p.name, p.first_seen) for p in got] == [(p.key, p.name, p.first_seen) for p in want]
        assert [(p.key, p.asks) for p in people.only_asks(migrated, PeopleSettings())] == want_asks
        # The personal digest of three cards: the guide's rule tells the card without a note; which of the
        # other two made the mail personal was never recorded, so they count for nobody rather than a guess.
        by_name = {p.name: p.counts for p in got}
        assert by_name["Dmitri Sokolov"]["generic"] == 1
        assert sum(by_name["Ruth Akande"].values()) == sum(by_name["Paige Whitfield"].values()) == 0
        assert {p.name: p.counts for p in want}["Ruth Akande"]["personal"] == 1
        # Every other person's counts are what the live pass recorded.
        live = {p.name: p.counts for p in want}
        assert {n: c for n, c in by_name.items() if n not in ("Ruth Akande", "Paige Whitfield")} == {
            n: c for n, c in live.items() if n not in ("Ruth Akande", "Paige Whitfield")}
    with Store(path) as again:   # opening twice migrates once
        assert len(people.people(again)) == len(want)


def test_the_demo_has_a_serial_pitcher_to_show(tmp_path):
    code, out = cli("demo", "--keep", str(tmp_path))
    assert code == 0, out
    config = str(tmp_path / "config.toml")
    code, out = cli("people", "--disconnect", "-c", config)
    assert code == 0 and out.startswith("Clive Ashdown: 4 asks since Feb 2024, none asked about you\n"), out
    code, out = cli("people", "-c", config)
    assert code == 0 and out.splitlines()[1].startswith("Clive Ashdown"), out
    code, out = cli("summary", "--print", "-c", config)
    assert code == 0 and "ONLY ASKS (1)" in out and "Mute: triage people set in:clive-ashdown-" in out


def test_classify_explain_and_the_summary_show_the_override(pitcher, imap, tmp_path):
    config, _ = pitcher
    assert cli("people", "set", "Rhona", "always-personal", "-c", str(config))[0] == 0
    saved = tmp_path / "rhona.eml"
    saved.write_bytes(rhona(PITCH_SHAPED, datetime(2026, 2, 1, tzinfo=timezone.utc), seed=77))

    code, out = cli("classify", "--explain", "--json", str(saved), "-c", str(config))
    assert code == 0, out
    row = json.loads(out)
    assert row["label"] == "personal" and row["override"] == "always-personal"
    assert row["explain"]["override"].startswith("override: always-personal (the model said pitch")
    assert row["explain"]["label"] == "pitch"          # what the model alone says, still shown

    append(imap, [saved.read_bytes()])
    assert cli("once", "-c", str(config))[0] == 0
    code, out = cli("summary", "--print", "--since", "3d", "-c", str(config))
    assert code == 0 and "your override: always-personal" in out, out


def test_an_override_is_a_lesson_listed_and_undone_back_to_the_previous_one(pitcher, tmp_path):
    config, _ = pitcher
    assert cli("people", "set", "Rhona", "mute", "-c", str(config))[0] == 0
    assert cli("people", "set", "Rhona", "always-pitch", "-c", str(config))[0] == 0
    code, out = cli("label", "--list", "--learned", "--json", "-c", str(config))
    assert code == 0, out
    [lesson] = [json.loads(line) for line in out.splitlines()]
    assert (lesson["source"], lesson["old"], lesson["new"], lesson["who"]) == ("override", "mute", "always-pitch",
                                                                             "Rhona Delacroix")
    code, out = cli("label", "--undo-learned", str(lesson["id"]), "-c", str(config))
    assert code == 0 and "back to mute" in out, out
    with state(config) as store:
        assert people.find(store, "Rhona").override == "mute"
        assert store.corrections() == [] and training_rows(store) == []
