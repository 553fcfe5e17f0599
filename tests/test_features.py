"""The hand-made features: what each one counts, in the languages it claims, and that the fast paths agree with the slow ones."""

from __future__ import annotations

import numpy as np
import pytest

from triage.model import features
from triage.model.features import HAND_FEATURE_NAMES, hand_features
from triage.parse.linkedin import is_default_note
from triage.text import normalize


def feature(text: str, name: str, kind: str = "invitation", **row: object) -> float:
    values = hand_features([{"text": text, "kind": kind, **row}])[0]
    return float(values[HAND_FEATURE_NAMES.index(name)])


@pytest.mark.parametrize("text", [
    "Hi Sam, let's connect and grow together!",
    "Hola Diego, ¡conectemos! Siempre es bueno ampliar la red.",
    "Hallo Katrin, lass uns vernetzen!",
    "Ciao Giulia, colleghiamoci 🍇",
    "Buongiorno, il suo profilo è davvero notevole.",
    "Hej Anders, låt oss connecta!",
    "Thanks for connecting, and happy new year!",
])
def test_templates_written_to_anyone_count_in_every_language(text: str) -> None:
    assert feature(text, "generic_template") > 0


@pytest.mark.parametrize("text", [
    "Quick question I ask everyone I connect with: what is your biggest challenge?",
    "Je pose la même question à chaque nouveau contact : qu'est-ce qui vous motive ?",
    "Eine Frage, die ich allen neuen Kontakten stelle: was treibt dich an?",
    "Pergunto a todas as pessoas: qual foi o maior erro da sua carreira?",
])
def test_the_same_question_put_to_every_contact_is_a_form_question(text: str) -> None:
    assert feature(text, "form_question") > 0


@pytest.mark.parametrize("text", ["a fee of 290 € applies", "only 680€ + IVA", "£850 for the feature", "2 500 MAD per seat",
                                  "from $999 a month", "30% off", "10x your leads"])
def test_prices_count_however_they_are_written(text: str) -> None:
    assert feature(text, "money_numbers") > 0


@pytest.mark.parametrize("text", ["We met on 12 March at the expo", "see you 3/4", "back in 2019", "el 5 de mayo"])
def test_dates_count_by_month_name_or_number(text: str) -> None:
    assert feature(text, "dates") > 0


def test_text_without_digits_or_months_has_no_dates_or_money() -> None:
    text = "Lovely to meet you at the breakfast, let's keep in touch"
    assert feature(text, "dates") == 0
    assert feature(text, "money_numbers") == 0


def test_german_pronoun_inflections_count_but_lookalike_nouns_do_not() -> None:
    assert feature("meinen Kunden, meiner Firma, unsere Praxis", "first_singular_rate") > 0
    assert feature("meinen Kunden, meiner Firma, unsere Praxis", "first_plural_rate") > 0
    assert feature("Meinung Meinungen", "first_singular_rate") == 0


@pytest.mark.parametrize("text, urls", [
    ("see www.example.org for more", 1),
    ("book here: https://cal.example.com/sam and EXAMPLE.COM/demo", 2),
    ("no links at all, just words. And a full stop.", 0),
])
def test_links_are_counted_with_or_without_a_scheme(text: str, urls: int) -> None:
    assert features.count_urls(text) == urls


def test_default_notes_are_recognised_and_long_texts_are_never_defaults() -> None:
    assert is_default_note("I'd like to join your LinkedIn network.")
    assert is_default_note("Hallo Katrin, ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.")
    assert is_default_note("Vorrei aggiungerti alla mia rete professionale su LinkedIn. Giulia")
    assert not is_default_note("I'd like to join your LinkedIn network. " + "We met at the Leeds expo and talked about pallets. " * 3)
    assert not is_default_note("I'd like to join your LinkedIn network. " + "x" * 500)


@pytest.mark.parametrize("text", [
    "Loved your post on night shifts! By the way, my team builds rostering software. 15 minutes Thursday?",
    "Great to see you at the expo last week. I now represent ShockPulse in Austria, could I drop by for a demo?",
    "Qué gusto verte en la feria ayer. Por cierto, estamos lanzando un seguro de carga, ¿agendamos una llamada?",
    "Schön, dich letzte Woche gesehen zu haben! Übrigens: ich vertreibe jetzt Kollagen-Shakes, soll ich Muster schicken?",
    "Rafa, foi ótimo te ver ontem no congresso! Agora tô trabalhando com consórcio, bora marcar um café pra eu te explicar?",
])
def test_a_warm_opening_then_the_senders_business_is_an_ask_after_a_warm_opening(text: str) -> None:
    assert feature(text, "ask_after_warm_opening") == 1
    assert feature(text, "seller_turn") + feature(text, "offer") > 0
    assert feature(text, "warm_without_ask") == 0


@pytest.mark.parametrize("text", [
    "Great meeting you at the breakfast yesterday, Sam",
    "Congrats on the new role!",
    "Loved your talk on observability at the Berlin meetup, the part on alert fatigue was spot on.",
])
def test_a_warm_note_without_an_ask_is_not_one(text: str) -> None:
    assert feature(text, "ask_after_warm_opening") == 0
    assert feature(text, "warm_without_ask") == 1


def test_an_ask_that_comes_first_is_not_after_a_warm_opening() -> None:
    text = "Book a demo of our platform today. We met at the expo last week."
    assert feature(text, "ask_after_warm_opening") == 0
    assert feature(text, "call_to_action") > 0


@pytest.mark.parametrize("text", ["Happy to send free samples", "We are looking for design partners for the pilot",
                                  "Download your free guide here", "Jetzt Sonderpreis sichern", "Prova gratuita di 30 giorni",
                                  "Essai gratuit et démonstration", "Vagas limitadas para o workshop"])
def test_offers_count_in_every_language(text: str) -> None:
    assert feature(text, "offer") > 0


def test_no_sender_field_reaches_the_hand_features() -> None:
    note = {"text": "Hi Sam, lovely to meet you at the Leeds meetup!", "kind": "invitation"}
    plain = hand_features([note])
    for sender in ({"mutual_connections": 0}, {"mutual_connections": 500}, {"mutual_connections": None},
                   {"sender_headline": "I help founders 10x revenue | DM me"}, {"sender_location": "Leeds, UK"}):
        assert np.array_equal(hand_features([{**note, **sender}]), plain)


def test_every_value_is_between_zero_and_one() -> None:
    rows = [{"text": "Hi!!! " * 200 + "https://x.example.com/a " * 10, "kind": "inmail", "subject": "Offer",
             "sender_headline": "I help B2B founders scale revenue 10x | DM me", "mutual_connections": 5000},
            {"text": "", "kind": "message"}]
    values = hand_features(rows)
    assert values.shape == (2, len(HAND_FEATURE_NAMES))
    assert np.all(values >= 0) and np.all(values <= 1)


def test_one_scan_counts_exactly_what_each_list_finds_on_its_own() -> None:
    import json
    from pathlib import Path

    texts = ["we help clients like you: our platform, our clients. 15 minute call? quick chat! referral fee, vote for us",
             "whats one piece of advice youd give? asking everyone in my network",
             "hi diego, circling back on the free audit. we found $42k for a carrier last month"]
    for path in sorted(Path(__file__).parent.parent.joinpath("corpus").glob("b*.jsonl")):
        texts += [normalize(json.loads(line)["text"]) for line in path.read_text().splitlines() if line.strip()]
    counter = features.TEXT_VOCABULARIES
    for text in texts:
        counts, first, last = counter.scan(text)
        assert counts == [len(p.findall(text)) for p in counter.patterns], text
        starts = [[m.start() for m in p.finditer(text)] for p in counter.patterns]
        assert first == [s[0] if s else -1 for s in starts], text
        assert last == [s[-1] if s else -1 for s in starts], text


@pytest.mark.parametrize("text, name", [
    ("I noticed you work at Lindqvist Foods as head of procurement, would love to connect", "profile_fact"),
    ("Vi que trabajas como directora de operaciones, me encantaría conectar", "profile_fact"),
    ("Ich habe gesehen, dass Sie als Leiterin bei einer Klinik tätig sind", "profile_fact"),
    ("We have 14 mutual connections, so I thought I'd reach out", "platform_reason"),
    ("LinkedIn suggested you as someone I may know", "platform_reason"),
    ("Nous avons des contacts en commun, connectons-nous", "platform_reason"),
    ("Congratulations on your work anniversary, Sam!", "occasion"),
    ("Frohe Weihnachten und einen guten Rutsch!", "occasion"),
    ("I really enjoy your posts, keep them coming", "vague_content"),
    ("Adoro i tuoi contenuti, colleghiamoci", "vague_content"),
])
def test_what_sounds_specific_but_is_read_off_the_profile_or_supplied_by_linkedin(text: str, name: str) -> None:
    assert feature(text, name) > 0


def test_a_shared_moment_is_none_of_the_read_off_the_profile_features() -> None:
    text = "Lovely to meet you at Tuesday's breakfast, thanks again for the tip about the Porto supplier"
    for name in ("profile_fact", "platform_reason", "occasion", "vague_content"):
        assert feature(text, name) == 0
