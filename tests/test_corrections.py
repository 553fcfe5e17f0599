"""Corrections against the suite's Dovecot: `triage label`, learning from moves, retraining, rollback."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import append, imap_connection, where, write_config
from mixes import labeled_mailbox, message_id
from triage import samples
from triage.classify import load_model
from triage.cli import main
from triage.config import load_config
from triage.items import Item
from triage.registry import active_model_dir
from triage.samples import Person
from triage.store import Store


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def sorted_mailbox(imap, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    code, out = cli("once", "-c", str(config))
    assert code == 0, out
    return config, mails


def test_set_moves_the_mail_and_undo_restores_label_and_folder(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    pitch = message_id(mails["pitch"])
    assert where(imap)[pitch] == "LinkedIn/Pitch"

    code, out = cli("label", "-c", str(config), "--set", pitch, "personal")

    assert code == 0, out
    assert "pitch -> personal (moved)" in out
    assert where(imap)[pitch] == "INBOX"
    with imap_connection(imap) as c:
        c.select_folder("INBOX", readonly=True)
        uid = c.search(["HEADER", "Message-ID", pitch])[0]
        assert b"\\Flagged" in c.get_flags([uid])[uid]

    # Undo (the `u` key of the session) takes back both the label and the move.
    from triage.corrections import undo_last
    from triage.mailboxes import connect
    loaded = load_config(config)
    store = Store(loaded.state_path)
    with connect(loaded, imap.password) as client:
        undone = undo_last(store, loaded, client)
    assert undone is not None and undone.moved
    assert store.get(pitch).label == "pitch"
    store.close()
    assert where(imap)[pitch] == "LinkedIn/Pitch"
    with imap_connection(imap) as c:
        c.select_folder("LinkedIn/Pitch", readonly=True)
        uid = c.search(["HEADER", "Message-ID", pitch])[0]
        assert b"\\Flagged" not in c.get_flags([uid])[uid]


def test_list_json_and_unknown_message(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)

    code, out = cli("label", "-c", str(config), "--list", "--json")

    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["label"] == "unsure"  # unsure first: that is where a label helps most
    assert {r["message_id"] for r in rows} >= {message_id(mails[n]) for n in ("personal", "generic", "pitch")}
    code, out = cli("label", "-c", str(config), "--set", "<nobody@example>", "pitch")
    assert code == 1 and "no message <nobody@example>" in out and "Traceback" not in out
    code, out = cli("label", "-c", str(config), "--set", message_id(mails["pitch"]), "spam")
    assert code == 1 and "unknown label 'spam'" in out


def test_label_without_a_terminal_says_how_to_script_it(imap, tmp_path):
    config, _ = sorted_mailbox(imap, tmp_path)
    code, out = cli("label", "-c", str(config))
    assert code == 2 and "--set MESSAGE_ID LABEL" in out


def test_interactive_session_relabels_on_the_server(imap, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    config, mails = sorted_mailbox(imap, tmp_path)
    child = pexpect.spawn("triage", ["label", "-c", str(config)], encoding="utf-8", timeout=30,
                          env={**__import__("os").environ, "COLUMNS": "100", "TERM": "dumb"})
    # The queue starts with the unsure item: call it generic.
    child.expect("now: unsure")
    child.send("g")
    child.expect("unsure -> generic")
    child.send("?")
    child.expect("undo")
    child.send("q")
    child.expect("1 labels saved")
    child.expect(pexpect.EOF)
    unsure = message_id(mails["unsure"])
    assert where(imap)[unsure] == "LinkedIn/Generic"


def test_a_hand_move_back_to_the_inbox_is_a_personal_correction(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    pitch = message_id(mails["pitch"])
    with imap_connection(imap) as c:
        c.select_folder("LinkedIn/Pitch")
        c.move(c.search(["HEADER", "Message-ID", pitch]), "INBOX")

    code, out = cli("once", "-c", str(config))
    assert code == 0, out
    code, out = cli("once", "-c", str(config))
    assert code == 0, out

    assert where(imap)[pitch] == "INBOX"
    store = Store(load_config(config).state_path)
    try:
        record = store.get(pitch)
        assert record.label == "personal" and record.user_owned
        assert [(c["old_label"], c["new_label"], c["source"]) for c in store.corrections()] == [
            ("pitch", "personal", "move")]
    finally:
        store.close()


def test_a_hand_move_between_triage_folders_is_learned_and_respected(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    generic = message_id(mails["generic"])
    with imap_connection(imap) as c:
        c.select_folder("LinkedIn/Generic")
        c.move(c.search(["HEADER", "Message-ID", generic]), "LinkedIn/Pitch")

    code, out = cli("once", "-c", str(config))

    assert code == 0, out
    assert where(imap)[generic] == "LinkedIn/Pitch"
    store = Store(load_config(config).state_path)
    try:
        assert store.get(generic).label == "pitch"
        assert len(store.corrections()) == 1
    finally:
        store.close()


# A kind of offer the seed corpus does not contain: sponsored rooftop beehives for
# the recipient's company, sold as a friendly note. Written for this test.
_OPENINGS = ["Hi Sam,", "Hello Sam!", "Sam -", "Good morning Sam,", "Hey Sam,"]
_BODIES = [
    "our bees are looking for a new rooftop in Bristol. We install and run a hive on your building "
    "and your team gets the honey and the ESG story.",
    "every company roof in Bristol could host a hive. We place one, our beekeepers visit monthly, "
    "and you get branded honey jars for clients.",
    "I run HiveHost, we put corporate beehives on office roofs. Fernbrook's warehouse roof looks perfect "
    "for two colonies and a sustainability report.",
    "adopting a beehive is the easiest ESG win of the year: we install, maintain and report, "
    "your staff get honey workshops.",
    "we are placing sponsored hives on 20 logistics sites this spring and I kept one slot for your depot.",
    "would your warehouse roof welcome 60,000 new employees? Our rooftop hive programme handles everything.",
    "our corporate beekeeping programme gives your brand its own honey, a live hive camera and pollinator credits.",
    "bee-friendly roofs are the new green badge. We host, insure and harvest the hive for you.",
]
_ASKS = [
    "Packages from GBP 1,950 a year. Shall I send the brochure?",
    "The hive sponsorship is 2,400 a season, all in. Free for a quick call Thursday?",
    "First month of hosting is on us, then 180 a month. Can I book you in for a site visit?",
    "Pricing starts at 1,500 per hive per year. Want the deck?",
    "Only 3 roofs left at the launch price, reply YES and I will hold one.",
]


def beehive_pitches(n: int = 40) -> list[str]:
    rng = random.Random(7)
    notes: set[str] = set()
    while len(notes) < n:
        notes.add(f"{rng.choice(_OPENINGS)} {rng.choice(_BODIES)} {rng.choice(_ASKS)}")
    return sorted(notes)


def test_ten_corrections_teach_a_new_pitch_pattern(imap, tmp_path, capsys):
    notes = beehive_pitches()
    people = [Person(f"Keeper {i:02d} Honeywell", "Partnerships at HiveHost", "Bristol, England") for i in range(40)]
    mails = [samples.member_message_email(p, note, seed=i, generation="phoenix")
             for i, (p, note) in enumerate(zip(people, notes))]
    append(imap, mails)
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    assert cli("once", "-c", str(config))[0] == 0
    loaded = load_config(config)
    before_model = load_model(active_model_dir(loaded))

    def pitch_share(classifier, texts):
        verdicts = classifier.classify([Item(kind="message", text=t, sender_headline="Partnerships at HiveHost")
                                        for t in texts])
        return sum(v.label == "pitch" for v in verdicts) / len(texts)

    taught, held_out = mails[:10], notes[10:]
    before = pitch_share(before_model, held_out)
    for raw in taught:
        code, out = cli("label", "-c", str(config), "--set", message_id(raw), "pitch")
        assert code == 0, out

    code, out = cli("train", "-c", str(config))

    assert code == 0, out
    assert "10 corrections" in out
    after_model = load_model(active_model_dir(loaded))
    after = pitch_share(after_model, held_out)
    with capsys.disabled():
        print(f"\nlearning: pitch share on 30 held-out beehive pitches {before:.2f} -> {after:.2f}")
    assert after >= 0.8
    assert after > before or before >= 0.8

    # Rollback restores the previous model's predictions exactly.
    code, out = cli("model", "rollback", "-c", str(config))
    assert code == 0, out
    rolled = load_model(active_model_dir(loaded))
    probe = [Item(kind="message", text=t) for t in held_out]
    assert [v.probabilities for v in rolled.classify(probe)] == [v.probabilities for v in before_model.classify(probe)]
    code, out = cli("model", "list", "-c", str(config))
    assert code == 0 and "* shipped" in out
