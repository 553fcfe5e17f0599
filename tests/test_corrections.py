"""Corrections against the suite's Dovecot: `triage label`, learning from moves, retraining, rollback."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from testkit import layouts
from testkit.imap import append, imap_connection, move_by_hand, where, write_config
from testkit.mailboxes import labeled_mailbox, message_id
from testkit.people import Person
from triage.cli import main
from triage.config import load_config
from triage.corrections import training_rows
from triage.items import Item
from triage.model.classify import load_model
from triage.model.registry import active_model_dir
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
    from triage.mail.connect import connect
    loaded = load_config(config)
    with Store(loaded.state_path) as store, connect(loaded, imap.password) as client:
        undone = undo_last(store, loaded, client)
        assert undone is not None and undone.moved
        assert store.get(pitch).label == "pitch"
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
    child.expect("1 label saved")
    child.expect(pexpect.EOF)
    unsure = message_id(mails["unsure"])
    assert where(imap)[unsure] == "LinkedIn/Generic"


def test_a_hand_move_back_to_the_inbox_is_a_personal_correction(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    pitch = message_id(mails["pitch"])
    move_by_hand(imap, pitch, "LinkedIn/Pitch", "INBOX")

    code, out = cli("once", "-c", str(config))
    assert code == 0, out
    code, out = cli("once", "-c", str(config))
    assert code == 0, out

    assert where(imap)[pitch] == "INBOX"
    with Store(load_config(config).state_path) as store:
        record = store.get(pitch)
        assert record.label == "personal" and record.user_owned
        assert [(c["old_label"], c["new_label"], c["source"]) for c in store.corrections()] == [
            ("pitch", "personal", "move")]


def test_a_hand_move_between_triage_folders_is_learned_and_respected(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    generic = message_id(mails["generic"])
    move_by_hand(imap, generic, "LinkedIn/Generic", "LinkedIn/Pitch")

    code, out = cli("once", "-c", str(config))

    assert code == 0, out
    assert where(imap)[generic] == "LinkedIn/Pitch"
    with Store(load_config(config).state_path) as store:
        assert store.get(generic).label == "pitch"
        assert len(store.corrections()) == 1


# ------------------------------------------------------------------ what a move teaches (and what it does not)


def _lessons(config: Path) -> list[dict]:
    code, out = cli("label", "--list", "--learned", "--json", "-c", str(config))
    assert code == 0, out
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("target", ["Trash", "Archive", "Junk", "Projects/Kestrel", "LinkedIn/Review"])
def test_moving_mail_anywhere_but_a_label_folder_or_the_inbox_teaches_nothing(imap, tmp_path, target):
    config, mails = sorted_mailbox(imap, tmp_path)
    moved = {message_id(mails["pitch"]): "LinkedIn/Pitch", message_id(mails["generic"]): "LinkedIn/Generic",
             message_id(mails["personal"]): "INBOX"}
    for mid, source in moved.items():
        move_by_hand(imap, mid, source, target)

    for _ in range(2):
        code, out = cli("once", "-c", str(config))
        assert code == 0, out

    assert all(where(imap)[mid] == target for mid in moved), "the user's mail stays where they put it"
    store = Store(load_config(config).state_path)
    try:
        assert store.corrections() == []
        assert {store.get(mid).label for mid in moved} == {"pitch", "generic", "personal"}
    finally:
        store.close()
    assert _lessons(config) == []


def test_triages_own_moves_teach_nothing(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    pitch = message_id(mails["pitch"])
    assert cli("once", "-c", str(config))[0] == 0           # sees its own filing of the first pass
    assert _lessons(config) == []

    code, out = cli("label", "-c", str(config), "--set", pitch, "generic")   # triage moves it
    assert code == 0 and "(moved)" in out, out
    assert cli("once", "-c", str(config))[0] == 0
    assert [(l["source"], l["old"], l["new"]) for l in _lessons(config)] == [("label", "pitch", "generic")]

    from triage.corrections import undo_last
    from triage.mail.connect import connect
    loaded = load_config(config)
    store = Store(loaded.state_path)
    try:
        with connect(loaded, imap.password) as client:      # triage moves it back
            assert undo_last(store, loaded, client).moved
    finally:
        store.close()
    assert cli("once", "-c", str(config))[0] == 0
    assert where(imap)[pitch] == "LinkedIn/Pitch"
    assert _lessons(config) == []


def test_a_mail_moved_twice_before_a_pass_counts_once_by_its_last_place(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    pitch, generic = message_id(mails["pitch"]), message_id(mails["generic"])
    move_by_hand(imap, pitch, "LinkedIn/Pitch", "LinkedIn/Generic")
    move_by_hand(imap, pitch, "LinkedIn/Generic", "INBOX")
    move_by_hand(imap, generic, "LinkedIn/Generic", "LinkedIn/Pitch")     # and back where triage put it
    move_by_hand(imap, generic, "LinkedIn/Pitch", "LinkedIn/Generic")

    assert cli("once", "-c", str(config))[0] == 0

    store = Store(load_config(config).state_path)
    try:
        assert [(c["message_id"], c["new_label"]) for c in store.corrections()] == [(pitch, "personal")]
        assert [(r["id"], r["label"]) for r in training_rows(store)] == [(pitch, "personal")]
        assert store.get(generic).label == "generic" and not store.get(generic).user_owned
    finally:
        store.close()


def test_a_mail_moved_twice_across_passes_counts_once_by_its_last_place(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    pitch = message_id(mails["pitch"])
    move_by_hand(imap, pitch, "LinkedIn/Pitch", "LinkedIn/Generic")
    assert cli("once", "-c", str(config))[0] == 0
    move_by_hand(imap, pitch, "LinkedIn/Generic", "INBOX")
    assert cli("once", "-c", str(config))[0] == 0

    store = Store(load_config(config).state_path)
    try:
        assert [(r["id"], r["label"]) for r in training_rows(store)] == [(pitch, "personal")]
        assert store.corrections_since(0) == 1          # what the service's retrain_after counts
    finally:
        store.close()
    assert [(l["message_id"], l["source"], l["new"]) for l in _lessons(config)] == [(pitch, "move", "personal")]


def test_every_lesson_from_a_move_is_listed_and_can_be_undone(imap, tmp_path):
    config, mails = sorted_mailbox(imap, tmp_path)
    generic = message_id(mails["generic"])
    move_by_hand(imap, generic, "LinkedIn/Generic", "LinkedIn/Pitch")
    assert cli("once", "-c", str(config))[0] == 0

    [lesson] = _lessons(config)
    assert (lesson["message_id"], lesson["source"], lesson["old"], lesson["new"]) == (generic, "move", "generic",
                                                                                       "pitch")
    assert lesson["undo"] == f"triage label --undo-learned {lesson['id']}"
    code, out = cli("label", "--list", "--learned", "-c", str(config))
    assert code == 0 and "move     generic -> pitch" in out and lesson["undo"] in out

    code, out = cli("label", "--undo-learned", str(lesson["id"]), "-c", str(config))
    assert code == 0 and "forgotten; label back to generic" in out, out
    assert _lessons(config) == []
    store = Store(load_config(config).state_path)
    try:
        assert training_rows(store) == [] and store.get(generic).label == "generic"
    finally:
        store.close()
    assert cli("once", "-c", str(config))[0] == 0
    assert where(imap)[generic] == "LinkedIn/Pitch", "forgetting a lesson never moves the user's mail"
    code, out = cli("label", "--undo-learned", str(lesson["id"]), "-c", str(config))
    assert code == 2 and f"no lesson {lesson['id']} in force" in out


# A kind of offer the seed corpus does not contain: holiday homes let to
# "friends of friends", written as a warm personal note. Selling something is a
# pitch (the labeling guide); the seed model reads these as personal.
_OPENINGS = ["Hi Sam!", "Hello Sam,", "Sam -", "Morning Sam,", "Hey Sam,"]
_BODIES = [
    "our family has a lovely villa near Lagos in the Algarve and we let a few weeks to friends of friends each summer.",
    "we've finished doing up the old farmhouse in the Dordogne and are letting it to people we know before it goes online.",
    "my parents' chalet in Morzine is free for most of February and we rent it out to friends of friends rather than strangers.",
    "the cottage in St Ives is ours again after the renovation and we are offering a few summer weeks to our network first.",
    "we have a beach house on Mallorca that sleeps eight, and we rent it privately to people we trust.",
    "our canal boat in Bath is available for week-long stays this spring, we only let it to friends and their friends.",
    "the lake house in Annecy has some gaps in August and we'd rather let them to someone from our circle.",
    "we bought a little finca outside Ronda and rent it to friends of friends between our own visits.",
]
_ASKS = [
    "Thought of you and the kids - the July weeks are still open, just say which one suits and I'll hold it.",
    "Mates' rate is 900 a week including the cleaner. Want me to send some photos?",
    "Happy to do you a good price for a week or two, let me know your dates.",
    "Only two weeks left for the summer, shall I pencil you in?",
    "Deposit is just 20% to hold the dates, the rest a month before. Fancy it?",
]


def holiday_let_pitches(n: int = 40) -> list[str]:
    rng = random.Random(7)
    notes: set[str] = set()
    while len(notes) < n:
        notes.add(f"{rng.choice(_OPENINGS)} {rng.choice(_BODIES)} {rng.choice(_ASKS)}")
    return sorted(notes)


def test_ten_corrections_teach_a_new_pitch_pattern(imap, tmp_path, capsys):
    notes = holiday_let_pitches()
    people = [Person(f"Robin {i:02d} Ashworth", "Operations Director", "Bristol, England") for i in range(40)]
    mails = [layouts.member_message_email(p, note, seed=i, generation="phoenix")
             for i, (p, note) in enumerate(zip(people, notes))]
    append(imap, mails)
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    assert cli("once", "-c", str(config))[0] == 0
    loaded = load_config(config)
    before_model = load_model(active_model_dir(loaded))

    def pitch_share(classifier, texts):
        verdicts = classifier.classify([Item(kind="message", text=t, sender_headline="Operations Director")
                                        for t in texts])
        return sum(v.label == "pitch" for v in verdicts) / len(texts)

    taught, held_out = mails[:10], notes[10:]
    before = pitch_share(before_model, held_out)
    for raw in taught:
        code, out = cli("label", "-c", str(config), "--set", message_id(raw), "pitch")
        assert code == 0, out

    code, out = cli("train", "-c", str(config))

    assert code == 0, out
    assert "10 corrections" in out and "activated" in out, out
    with capsys.disabled():
        print("\n" + out)
    after_model = load_model(active_model_dir(loaded))
    after = pitch_share(after_model, held_out)
    with capsys.disabled():
        print(f"\nlearning: pitch share on 30 held-out holiday-let pitches {before:.2f} -> {after:.2f}")
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
