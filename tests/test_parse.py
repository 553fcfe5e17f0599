"""The parser: every fixture gives its expected fields, exactly; bad input never raises.

The fixtures in tests/fixtures/mail/ are synthetic (`python -m testkit.fixtures`
writes them, fictional people only), each with NAME.expected.json beside it.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testkit import compact
from testkit.layouts import digest_email, inmail_email, invitation_email
from testkit.people import AISHA, CARMEN, DIEGO, FELIX, JANA, KENJI, LENA, MARIA, OLIVIA, PRIYA, TOM, Person
from testkit.texts import COMPACT_CHROME, INMAIL_PRIYA, INMAIL_SUBJECT, NOTE_MARIA
from triage.items import MAIL_LINKEDIN, MAIL_NOT_LINKEDIN, MAIL_UNPARSEABLE, ParsedMail
from triage.parse import ParseOptions, parse_email
from triage.parse.linkedin import clean_url
from triage.parse.markup import MAX_HTML_NODES, MAX_HTML_TREE_CHARS, html_doc
from triage.parse.mime import clean_text, decode_bytes, decode_header

FIXTURES = Path(__file__).parent / "fixtures" / "mail"

FILES = sorted(FIXTURES.glob("*.eml"))
OPTIONS = ParseOptions(trusted_authserv_ids=("mx.northwind.example",), owner_names=("Sam Rivera",))
STATUSES = (MAIL_LINKEDIN, MAIL_NOT_LINKEDIN, MAIL_UNPARSEABLE)
ITEM_FIELDS = ("kind", "sender_name", "sender_headline", "sender_location", "mutual_connections", "profile_url",
               "text", "subject", "reminder", "language")


def expected(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.name[: -len(".eml")] + ".expected.json").read_text())


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.eml").read_bytes()


def parse(name: str, options: ParseOptions = OPTIONS) -> ParsedMail:
    return parse_email(fixture(name), options)


# ------------------------------------------------------------------ fixtures


def test_enough_fixtures_of_each_sort() -> None:
    exp = {p.stem: expected(p) for p in FILES}
    assert len(exp) >= 50
    assert sum(name.startswith("phish_") for name in exp) >= 12
    assert sum(name.startswith("malformed_") for name in exp) >= 10
    kinds = {(e["kind"], name.split("_")[0]) for name, e in exp.items() if e["status"] == "linkedin" and not e["suspicious"]}
    for kind in ("invitation", "message", "inmail", "digest", "accepted", "other"):
        assert (kind, "mercado") in kinds and (kind, "phoenix") in kinds, kind
    languages = {i.get("language") for e in exp.values() for i in e.get("items", [])}
    assert {"en", "fr", "de", "es", "pt"} <= languages


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_fixture(path: Path) -> None:
    exp = expected(path)
    options = ParseOptions(**{k: tuple(v) for k, v in exp["options"].items()}) if "options" in exp else OPTIONS
    parsed = parse_email(path.read_bytes(), options)
    assert parsed.status == exp["status"], parsed.error
    if exp["status"] == MAIL_UNPARSEABLE:
        assert parsed.error and "\n" not in parsed.error
        if "error_contains" in exp:
            assert exp["error_contains"] in parsed.error
        if exp.get("kind"):
            assert parsed.kind == exp["kind"]
        return
    assert parsed.kind == exp["kind"]
    assert parsed.suspicious == exp["suspicious"], parsed.suspicious_reasons
    reasons = " | ".join(parsed.suspicious_reasons).lower()
    for fragment in exp.get("reasons_include", []):
        assert fragment.lower() in reasons, parsed.suspicious_reasons
    if "subject" in exp:
        assert parsed.subject == exp["subject"]
    if "intended_for" in exp:
        assert parsed.intended_for == exp["intended_for"]
    if "items" in exp:
        got = [item.to_dict() for item in parsed.items]
        assert len(got) == len(exp["items"]), got
        for want, have in zip(exp["items"], got):
            for key in ITEM_FIELDS:
                if key in want:
                    assert have[key] == want[key], f"{key}: {have[key]!r} != {want[key]!r}"
    if exp["status"] == MAIL_LINKEDIN and not exp["suspicious"]:
        assert parsed.message_id.endswith("linkedin.com>")
        assert parsed.date is not None


def test_genuine_fixtures_are_never_suspicious_even_without_options() -> None:
    for path in FILES:
        exp = expected(path)
        if exp["status"] == "linkedin" and not exp["suspicious"]:
            for options in (ParseOptions(), OPTIONS):
                parsed = parse_email(path.read_bytes(), options)
                assert not parsed.suspicious, (path.name, parsed.suspicious_reasons)


def test_every_phishing_fixture_says_why() -> None:
    for path in FILES:
        if path.stem.startswith("phish_"):
            parsed = parse_email(path.read_bytes(), OPTIONS)
            assert parsed.status == MAIL_LINKEDIN and parsed.suspicious, path.name
            assert parsed.suspicious_reasons and all(r.strip() for r in parsed.suspicious_reasons)


# ------------------------------------------------------------------ focused: the person's words


def invitation_mail(note: str, lang: str = "en", gen: str = "mercado", person: Person = MARIA,
                    **kw: Any) -> bytes:
    subject = COMPACT_CHROME[lang]["invite_subject"] if gen == "mercado" else COMPACT_CHROME[lang]["invite_subject_old"].format(rfirst="Sam")
    return compact.genuine(compact.invitation(person, lang, note, gen), from_display=person.name,
                      from_addr="invitations@linkedin.com", subject=subject,
                      tpl="m2m_invite_single_01" if gen == "mercado" else "", gen=gen, **kw)


@pytest.mark.parametrize("lang,note", [
    ("en", "I'd like to join your LinkedIn network."),
    ("en", "Hi Sam, I'd like to join your LinkedIn network."),
    ("en", "I'd like to connect with you on LinkedIn."),
    ("en", "I'd like to add you to my professional network on LinkedIn."),
    ("fr", "J'aimerais vous inviter à rejoindre mon réseau professionnel en ligne sur le site LinkedIn."),
    ("de", "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen."),
    ("es", "Me gustaría añadirte a mi red profesional de LinkedIn."),
    ("pt", "Gostaria de adicioná-lo à minha rede profissional no LinkedIn."),
    ("it", "Vorrei aggiungerti alla mia rete professionale su LinkedIn."),
])
@pytest.mark.parametrize("gen", ["mercado", "phoenix"])
def test_linkedin_default_sentences_count_as_no_note(lang: str, note: str, gen: str) -> None:
    parsed = parse_email(invitation_mail(note, lang, gen), OPTIONS)
    assert parsed.status == MAIL_LINKEDIN and parsed.kind == "invitation"
    assert parsed.items[0].text == ""


def test_a_note_that_only_starts_with_the_default_sentence_is_kept() -> None:
    note = "I'd like to join your LinkedIn network. We met at the Lisbon SRE meetup and talked about Nomad for an hour."
    assert parse_email(invitation_mail(note), OPTIONS).items[0].text == note


@pytest.mark.parametrize("gen", ["mercado", "phoenix"])
def test_a_persons_own_links_stay_in_their_words(gen: str) -> None:
    note = "Loved your SLO talk, Sam.\nSlides from mine: https://talks.maria.example/slo\nhttps://maria.example"
    parsed = parse_email(invitation_mail(note, gen=gen), OPTIONS)
    assert parsed.items[0].text == note
    assert not parsed.suspicious


def test_linkedin_redirects_in_a_note_are_unwrapped() -> None:
    note = ("See my write-up: https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fmaria%2Eexample%2Fslo"
            "&urlhash=Ab1c&trk=eml-x and https://www.linkedin.com/comm/pulse/slo-maria?trk=eml-y&lipi=z")
    text = parse_email(invitation_mail(note), OPTIONS).items[0].text
    assert text == "See my write-up: https://maria.example/slo and https://www.linkedin.com/pulse/slo-maria"


@pytest.mark.parametrize("gen", ["mercado", "phoenix"])
def test_html_only_gives_the_same_note_as_the_text_part(gen: str) -> None:
    note = "Sam, your SLO workshop slides saved our quarter.\nCoffee in Lisbon next month?"
    both = parse_email(invitation_mail(note, gen=gen), OPTIONS).items[0]
    html_only = parse_email(invitation_mail(note, gen=gen, html_only=True), OPTIONS).items[0]
    assert both.text == html_only.text == note
    assert both.sender_headline == html_only.sender_headline
    assert both.profile_url == html_only.profile_url == MARIA.profile


def test_the_text_fast_path_never_builds_the_html_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    import triage.parse.reader as reader

    def refuse(markup: str) -> None:
        raise AssertionError("the HTML was parsed")

    monkeypatch.setattr(reader, "html_doc", refuse)
    for name in ("mercado_invitation_note_en", "mercado_message_en", "mercado_digest_en", "phoenix_invitation_note_de",
                 "mercado_accepted_en", "mercado_job_alert", "phoenix_inmail_en"):
        assert parse(name).status == MAIL_LINKEDIN, name


def test_inmail_text_part_lacks_the_headline_so_the_html_fills_it_in() -> None:
    item = parse("mercado_inmail_en").items[0]
    assert item.subject == INMAIL_SUBJECT
    assert item.sender_headline == PRIYA.headline and item.sender_location == PRIYA.location
    assert item.text == INMAIL_PRIYA


def test_html_reader_lines_links_and_hidden_parts() -> None:
    doc = html_doc("<body><span style='DISPLAY : NONE'>pre1</span><div hidden>pre2</div>"
                    "<span data-email-preheader>pre3</span><table><tr><td style='mso-hide:all'>pre4</td></tr></table>"
                    "<p style='visibility:\thidden'>pre5</p><p style='color:red;text-decoration:none'>shown "
                    "<a href='https://www.linkedin.com/in/x' style='border:none'>Maria <b>Lopez</b></a></p>"
                    "<style>p{}</style><script>x</script><!-- c -->Line<br>two</body>")
    # A paragraph is set apart by a blank line, as a reader sees it (and as innerText writes it); <br> is a line break.
    assert doc.lines == ["shown Maria Lopez", "", "Line", "two"]
    assert doc.links == [("Maria Lopez", "https://www.linkedin.com/in/x")]
    for empty in ("", "   ", "<!-- only -->", "\x00"):
        assert html_doc(empty).lines in ([], ["\ufffd"])


def test_html_reader_survives_depth_declarations_and_size() -> None:
    # Deeper than libxml2's tree limit (256): the text inside and after is still read, without recursion.
    assert html_doc("<div>" * 50_000 + "hello" + "</div>" * 50_000 + "<p>after</p>").lines == ["hello", "", "after"]
    # A str with an XML encoding declaration (lxml's fromstring refuses it) and a <meta charset> that is not obeyed.
    doc = html_doc("<?xml version='1.0' encoding='iso-8859-1'?><html><head><meta charset='iso-8859-1'></head>"
                    "<body><p>Café Zürich</p><a href='https://x.example/'>Voir</a></body></html>")
    assert doc.lines == ["Café Zürich", "", "Voir"] and doc.links == [("Voir", "https://x.example/")]
    # More nodes than MAX_HTML_NODES (6 a repeat) within MAX_HTML_TREE_CHARS: reading stops there, quickly.
    unit = "<a href=h>x</a><b>y</b>"
    assert MAX_HTML_TREE_CHARS // len(unit) * 6 > MAX_HTML_NODES
    start = time.perf_counter()
    doc = html_doc(unit * (MAX_HTML_TREE_CHARS // len(unit)))
    assert time.perf_counter() - start < 5
    assert len(doc.links) == MAX_HTML_NODES // 6


def test_both_html_readers_read_every_fixture_alike() -> None:
    """lexbor's tree (notifications) and lxml's stream (markup with more tags than any notification) agree."""
    from triage.parse.markup import _read_html, _read_lexbor
    from triage.parse.mime import Mime, decode_part, parse_headers, split_head, walk

    read = 0
    for path in sorted(FIXTURES.glob("**/*.eml")):
        raw = path.read_bytes().replace(b"\r\n", b"\n")
        head, body = split_head(raw)
        mime = Mime()
        walk(parse_headers(head)[0], body, mime, 2_000_000, 0)
        if mime.html is None:
            continue
        markup = decode_part(mime.html, clean=False)
        streamed = _read_html(markup)
        stream_lines = [" ".join(x.split()) for x in clean_text("".join(streamed.out)).split("\n")]
        stream_links = list(streamed.links)
        out, links = _read_lexbor(markup)
        assert [" ".join(x.split()) for x in clean_text("".join(out)).split("\n")] == stream_lines, path.name
        assert links == stream_links, path.name
        read += 1
    assert read >= 120


def test_html_reader_is_thread_safe() -> None:
    from concurrent.futures import ThreadPoolExecutor

    raws = [without_text_part(fixture(name)) for name in ("mercado_invitation_digest_en", "mercado_invitation_note_en")]
    raws += [fixture("mercado_inmail_en")]
    want = [parse_email(raw, OPTIONS).to_dict() for raw in raws]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda raw: parse_email(raw, OPTIONS).to_dict(), raws * 20))
    assert got == want * 20


def test_modern_message_has_no_text_and_old_message_keeps_it() -> None:
    assert parse("mercado_message_en").items[0].text == ""
    assert "Lisbon design meetup" in parse("phoenix_message_en").items[0].text


def test_digest_gives_one_item_per_sender() -> None:
    people = [MARIA, TOM, AISHA, KENJI]
    raw = compact.genuine(compact.message(people, "en", "mercado"), from_display="LinkedIn Messaging",
                     from_addr="messaging-digest-noreply@linkedin.com", subject="4 new messages",
                     tpl="member_message_v2", klass="EMAIL-DEFAULT")
    parsed = parse_email(raw, OPTIONS)
    assert parsed.kind == "digest"
    assert [(i.kind, i.sender_name, i.sender_headline) for i in parsed.items] == [
        ("message", p.name, p.headline) for p in people]
    assert [i.profile_url for i in parsed.items] == [p.profile for p in people]


# ------------------------------------------------------------------ focused: invitation digests


def without_text_part(raw: bytes) -> bytes:
    """The mail with its text/plain part cut out, so the parser must read the HTML."""
    m = re.search(rb"(--[^\r\n]+)\r?\nContent-Type: text/plain.*?(?=\1)", raw, re.S)
    assert m, "no text/plain part"
    return raw[:m.start()] + raw[m.end():]


def card_fields(parsed: ParsedMail) -> list[tuple[Any, ...]]:
    return [(i.kind, i.sender_name, i.sender_headline, i.sender_location, i.mutual_connections, i.profile_url, i.text)
            for i in parsed.items]


def test_invitation_digest_gives_one_item_per_card() -> None:
    parsed = parse("mercado_invitation_digest_en")
    assert parsed.status == MAIL_LINKEDIN and parsed.kind == "digest" and not parsed.suspicious
    assert card_fields(parsed) == [
        ("invitation", MARIA.name, MARIA.headline, MARIA.location, 12, MARIA.profile, NOTE_MARIA),
        ("invitation", KENJI.name, KENJI.headline, KENJI.location, 41, KENJI.profile, ""),
        ("invitation", OLIVIA.name, OLIVIA.headline, OLIVIA.location, 1, OLIVIA.profile, ""),
    ]
    assert [i.language for i in parsed.items] == ["en", "", ""]
    assert len(parsed.labeled_items) == 3
    # The HTML alone gives the same cards.
    html_only = parse_email(without_text_part(fixture("mercado_invitation_digest_en")), OPTIONS)
    assert html_only.kind == "digest" and card_fields(html_only) == card_fields(parsed)


def test_invitation_digest_html_cards_without_location_or_mutual_line() -> None:
    parsed = parse("mercado_invitation_digest_de_html_only")
    assert parsed.kind == "digest"
    assert [(i.sender_name, i.sender_location, i.mutual_connections, i.profile_url) for i in parsed.items] == [
        (JANA.name, JANA.location, 5, JANA.profile), (LENA.name, "", None, LENA.profile),
        (FELIX.name, FELIX.location, 11, FELIX.profile)]
    assert [bool(i.text) for i in parsed.items] == [True, False, False]


def test_invitation_digest_of_one_card_is_still_a_digest() -> None:
    parsed = parse("mercado_invitation_digest_one_es")
    assert parsed.kind == "digest" and len(parsed.items) == 1
    item = parsed.items[0]
    assert (item.sender_name, item.sender_location, item.mutual_connections) == (CARMEN.name, "", 5)
    assert item.text.startswith("Hola Sam:\n")  # under a 2024+ card the greeting is the person's own


@pytest.mark.parametrize("html_only", [False, True], ids=["text", "html"])
@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_samples_invitation_digest_is_split_per_card(language: str, html_only: bool) -> None:
    people = [Person("Dana Whitlock", "Head of Ops at Ferrow", "Leeds, England, United Kingdom"),
              Person("Kai Moreno", "Forklift Fleet Lead at Brannock"),
              Person("Zoë Fischer", "Planner at Nordkai", "Hamburg, Germany")]
    notes = ["Great to meet you at the depot open day, Sam.", "", "Danke für die Tour!\nBis bald, Zoë"]
    raw = digest_email(list(zip(people, notes)), language=language)
    parsed = parse_email(without_text_part(raw) if html_only else raw, OPTIONS)
    assert parsed.status == MAIL_LINKEDIN and parsed.kind == "digest"
    assert [(i.kind, i.sender_name, i.sender_headline, i.sender_location, i.text) for i in parsed.items] == [
        ("invitation", p.name, p.headline, p.location, n) for p, n in zip(people, notes)]
    assert all(i.profile_url.startswith("https://www.linkedin.com/in/") for i in parsed.items)
    assert len({i.profile_url for i in parsed.items}) == 3


def test_an_invitation_digest_that_cannot_be_read_stays_other() -> None:
    summary = parse("mercado_invitation_digest")  # sums up, no cards
    assert summary.status == MAIL_LINKEDIN and summary.kind == "other" and not summary.labeled_items
    # Cards whose heading the parser does not know and with no HTML to tell the names: misread, so not guessed at.
    text = ("Invitations waiting for you\n\nMaria Lopez\nProduct Designer at Brightloom\n12 connections in common\n\n"
            "Great talk last week!\n\nAccept: https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/1/sharedKey/a/\n"
            "View profile: https://www.linkedin.com/comm/in/maria-lopez-bl\n\n" + compact.mercado_footer("en", "x", "invitations"))
    raw = compact.genuine((text, ""), from_display="LinkedIn", from_addr="invitations@linkedin.com",
                     subject="You have 2 new invitations", tpl="m2m_invite_digest_02", text_only=True)
    parsed = parse_email(raw, OPTIONS)
    assert parsed.status == MAIL_LINKEDIN and parsed.kind == "other" and [i.kind for i in parsed.items] == ["other"]


@pytest.mark.parametrize("html_only", [False, True], ids=["text", "html"])
def test_samples_cards_read_across_html_rows_give_no_card_lines_as_words(html_only: bool) -> None:
    """testkit.layouts puts each card line in its own table row: the HTML reads them with blank lines between."""
    people = [Person("Dana Whitlock", "Head of Ops at Ferrow", "Leeds, England, United Kingdom"),
              Person("Kai Moreno", "Forklift Fleet Lead at Brannock", "Rotterdam, South Holland, Netherlands")]
    raw = digest_email([(p, "") for p in people], kind="message")
    parsed = parse_email(without_text_part(raw) if html_only else raw, OPTIONS)
    assert parsed.kind == "digest"
    assert [(i.sender_name, i.sender_headline, i.text) for i in parsed.items] == [(p.name, p.headline, "") for p in people]
    raw = invitation_email(people[0], "", mutual=4)
    item = parse_email(without_text_part(raw) if html_only else raw, OPTIONS).items[0]
    assert (item.sender_headline, item.sender_location, item.mutual_connections, item.text) == (
        people[0].headline, people[0].location, 4, "")


# ------------------------------------------------------------------ focused: 2016 greetings


@pytest.mark.parametrize("html_only", [False, True], ids=["text", "html"])
@pytest.mark.parametrize("lang,greeting", [
    ("es", "Hola {first}:"), ("es", "¡Hola {first}!"), ("es", "Estimado {first}:"), ("es", "Hola {first},"),
    ("fr", "Bonjour {first},"), ("fr", "Bonjour {first} :"), ("fr", "Salut {first} !"),
    ("de", "Hallo {first},"), ("de", "Sehr geehrter Herr Rivera,"), ("de", "Liebe {first},"),
    ("pt", "Olá {first},"), ("pt", "Prezado {first}:"), ("pt", "Oi {first}!"),
])
def test_a_2016_greeting_in_any_language_keeps_the_note(lang: str, greeting: str, html_only: bool) -> None:
    note = "Nos vimos en el taller de Terraform.\nSeguimos en contacto."
    raw = compact.genuine(compact.invitation(DIEGO, lang, note, "phoenix", greeting=greeting), from_display=DIEGO.name,
                     from_addr="invitations@linkedin.com", subject=COMPACT_CHROME[lang]["invite_subject_old"].format(rfirst="Sam"),
                     gen="phoenix", html_only=html_only)
    parsed = parse_email(raw, OPTIONS)
    assert parsed.kind == "invitation" and parsed.items[0].text == note


@pytest.mark.parametrize("html_only", [False, True], ids=["text", "html"])
@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_samples_phoenix_invitation_keeps_the_note_after_the_greeting(language: str, html_only: bool) -> None:
    person = Person("Dana Whitlock", "Head of Ops at Ferrow", "Leeds, England, United Kingdom")
    note = "Gracias por la visita al almacén de ayer. ¡Hablamos pronto!"
    for text, want in ((note, note), ("", "")):
        raw = invitation_email(person, text, generation="phoenix", language=language, mutual=3)
        parsed = parse_email(without_text_part(raw) if html_only else raw, OPTIONS)
        assert parsed.kind == "invitation" and parsed.items[0].text == want
        assert parsed.items[0].sender_headline == person.headline


def test_phoenix_spanish_greeting_fixture() -> None:
    item = parse("phoenix_invitation_greeting_es").items[0]
    assert item.text == "Coincidimos en la charla sobre SRE en Madrid. Me encantaría seguir en contacto."
    assert item.language == "es"


def test_reminders_are_invitations_marked_as_reminders() -> None:
    for name in ("mercado_reminder_en", "mercado_reminder_no_note_de", "phoenix_reminder_guest_en"):
        parsed = parse(name)
        assert parsed.kind == "invitation" and parsed.items[0].reminder, name
    assert not parse("mercado_invitation_note_en").items[0].reminder


def test_accepted_carries_no_words_and_other_is_never_labeled() -> None:
    accepted = parse("mercado_accepted_en")
    assert accepted.items[0].text == "" and not accepted.labeled_items
    for name in ("mercado_job_alert", "mercado_security_pin", "mercado_newsletter", "mercado_invitation_digest"):
        parsed = parse(name)
        assert parsed.kind == "other" and not parsed.labeled_items
        assert [i.kind for i in parsed.items] == ["other"]


def test_sender_name_loses_via_linkedin_and_rfc2047() -> None:
    assert parse("mercado_invitation_multiline_en").items[0].sender_name == "Tom Becker"
    assert parse("mercado_accepted_es").items[0].sender_name == "José Martínez"


# ------------------------------------------------------------------ focused: helpers


def test_tracking_parameters_and_comm_prefix_are_removed() -> None:
    url = ("https://www.linkedin.com/comm/in/maria-lopez-bl?lipi=urn%3Ali%3Apage%3Aemail_x%3BAbc%3D%3D"
           "&midToken=AQabc&midSig=xyz&trk=eml-x-profile-0&trkEmail=eml-x&eid=1-2-3&otpToken=tok")
    assert clean_url(url) == "https://www.linkedin.com/in/maria-lopez-bl"
    assert clean_url("https://www.linkedin.com/comm/profile/view?id=AAsAAA123&authType=name&authToken=x&trk=y") \
        == "https://www.linkedin.com/profile/view?id=AAsAAA123"
    assert clean_url("https://careers.example/jobs?id=7&utm_source=linkedin") == "https://careers.example/jobs?id=7"


def test_filler_and_invisible_characters_are_removed() -> None:
    assert clean_text("\u034f\u00a0" * 5 + "Hi\u200b Sam\u00ad!\ufeff") == "     Hi Sam!"
    raw = invitation_mail("Hi Sam,\u200b great\u00a0talk!\u034f")
    assert parse_email(raw, OPTIONS).items[0].text == "Hi Sam, great talk!"


@pytest.mark.parametrize("data,declared,want", [
    ("Café – “ok”".encode("cp1252"), "utf-8", "Café – “ok”"),          # declares UTF-8, is cp1252
    ("Café ü".encode("utf-8"), "iso-8859-1", "Café ü"),                # declares Latin-1, is UTF-8
    ("Café".encode("latin-1"), "iso-8859-1", "Café"),
    ("Ação".encode("cp1252"), "x-unknown-charset", "Ação"),            # unknown charset name
    (b"\x81\x8d caf\xe9", "us-ascii", "\x81\x8d café"),                  # bytes cp1252 leaves undefined
    ("Привет".encode("koi8-r"), "koi8-r", "Привет"),
])
def test_a_charset_that_lies_is_survived(data: bytes, declared: str, want: str) -> None:
    assert decode_bytes(data, declared) == want


def test_rfc2047_headers() -> None:
    assert decode_header(b"=?UTF-8?Q?Jos=C3=A9_Mart=C3=ADnez?= via LinkedIn") == "José Martínez via LinkedIn"
    assert decode_header(b"=?utf-8?b?UXVlcm8gbWUg?=\n =?utf-8?b?Y29uZWN0YXI=?=") == "Quero me conectar"
    assert decode_header(b"=?ISO-8859-1?Q?=BFQuiero_conectar=3F?=") == "¿Quiero conectar?"
    assert decode_header("Café raw 8-bit".encode("cp1252")) == "Café raw 8-bit"
    assert decode_header(b"=?bogus-charset?Q?caf=E9?= =?UTF-8?B?!!notbase64?=") .startswith("café")


# ------------------------------------------------------------------ focused: authenticity


def test_phishing_reasons_name_what_is_wrong() -> None:
    reasons = " | ".join(parse("phish_exact_spoof_dmarc_fail").suspicious_reasons)
    assert "dmarc=fail" in reasons and "dkim=fail" in reasons and "Return-Path" in reasons
    assert any("imitates linkedin.com" in r for r in parse("phish_linkedln_html_latin1").suspicious_reasons)
    assert any("look-alike" in r for r in parse("phish_cyrillic_domain_utf8_header").suspicious_reasons)
    assert any("attachment" in r for r in parse("phish_html_attachment").suspicious_reasons)
    assert any("Reply-To" in r for r in parse("phish_reply_to_freemail").suspicious_reasons)


def test_only_trusted_authentication_results_count() -> None:
    raw = fixture("phish_exact_spoof_dmarc_fail")
    untrusted = parse_email(raw, ParseOptions(trusted_authserv_ids=("mx.other.example",)))
    assert not any("dmarc" in r or "dkim" in r for r in untrusted.suspicious_reasons)
    assert untrusted.suspicious  # the foreign Return-Path still gives it away
    forged = parse("phish_foreign_buttons_forged_auth")
    assert not any("mx.attacker.example" in r for r in forged.suspicious_reasons)


def test_owner_names_decide_the_intended_for_check() -> None:
    raw = fixture("mercado_invitation_note_en")
    assert not parse_email(raw, ParseOptions(owner_names=("Sam Rivera",))).suspicious
    assert not parse_email(raw, ParseOptions(owner_names=("SAM RIVERA", "Samuel Rivera"))).suspicious
    stranger = parse_email(raw, ParseOptions(owner_names=("Alex Morgan",)))
    assert stranger.suspicious and "not the mailbox owner" in stranger.suspicious_reasons[0]


@pytest.mark.parametrize("domain,lookalike", [
    ("linkedln.com", True), ("linked-in.com", True), ("linkedin-mail.com", True), ("linkedin.com.evil.example", True),
    ("lіnkedin.com", True), ("xn--lnkedin-rog.com", True), ("llnkedin.net", True), ("1inkedin.com", True),
    ("linkedin.com", False), ("e.linkedin.com", False), ("bounce.linkedin.com", False), ("gmail.com", False),
    ("linden.example", False), ("kestrel.example", False),
])
def test_lookalike_domains(domain: str, lookalike: bool) -> None:
    from triage.parse.authenticity import lookalike_domain

    assert lookalike_domain(domain) is lookalike


def test_a_forward_or_a_friend_mentioning_linkedin_is_not_linkedin_mail() -> None:
    for name in ("forwarded_invitation", "personal_mentions_linkedin", "other_brand_newsletter"):
        parsed = parse(name)
        assert parsed.status == MAIL_NOT_LINKEDIN and not parsed.items and not parsed.suspicious


# ------------------------------------------------------------------ bad input never raises

TIME_LIMIT = 3.0


def check_never_raises(raw: Any, options: ParseOptions = OPTIONS) -> ParsedMail:
    start = time.perf_counter()
    parsed = parse_email(raw, options)
    assert time.perf_counter() - start < TIME_LIMIT
    assert isinstance(parsed, ParsedMail) and parsed.status in STATUSES
    if parsed.status == MAIL_UNPARSEABLE:
        assert parsed.error and "\n" not in parsed.error
    else:
        assert parsed.error == ""
    for item in parsed.items:
        assert item.kind in ("invitation", "message", "inmail", "accepted", "other")
    parsed.to_dict()
    return parsed


def test_not_bytes_and_huge_parts_are_handled() -> None:
    assert check_never_raises("a str, not bytes").status == MAIL_UNPARSEABLE
    assert check_never_raises(None).status == MAIL_UNPARSEABLE
    huge = (b"From: Maria Lopez <invitations@linkedin.com>\r\nSubject: I want to connect\r\n"
            b"Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>"
            + b"<div><p>filler <a href='https://www.linkedin.com/x'>x</a></p></div>" * 300_000 + b"</body></html>")
    assert len(huge) > 20_000_000
    assert check_never_raises(huge).status == MAIL_UNPARSEABLE
    nested = b"From: LinkedIn <invitations@linkedin.com>\r\nContent-Type: text/html\r\n\r\n" + b"<div>" * 100_000
    check_never_raises(nested)


GENUINE = [p for p in FILES if not p.stem.startswith("malformed_")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(data: bytes) -> None:
    check_never_raises(data)
    check_never_raises(b"From: LinkedIn <invitations@linkedin.com>\r\nContent-Type: multipart/alternative; "
                       b"boundary=b\r\n\r\n--b\r\n" + data)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    raw = draw(st.sampled_from(GENUINE)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "flip", "charset", "duplicate", "nul", "cr", "delete", "insert"]))
        pos = draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "truncate":
            raw = raw[:pos]
        elif op == "flip" and raw:
            raw = raw[:pos] + bytes([raw[pos] ^ draw(st.integers(1, 255))]) + raw[pos + 1:]
        elif op == "charset":
            new = draw(st.sampled_from([b"iso-8859-1", b"windows-1252", b"utf-16", b"x-nonsense", b"", b"utf-8\""]))
            raw = raw.replace(b"charset=UTF-8", b"charset=" + new).replace(b"charset=utf-8", b"charset=" + new)
        elif op == "duplicate":
            end = raw.find(b"\r\n\r\n")
            head = raw[:end if end > 0 else len(raw)].split(b"\r\n")
            line = head[draw(st.integers(0, len(head) - 1))]
            raw = line + b"\r\n" + raw
        elif op == "nul":
            raw = raw[:pos] + b"\x00" * draw(st.integers(1, 50)) + raw[pos:]
        elif op == "cr":
            raw = raw.replace(b"\r\n", b"\r") if draw(st.booleans()) else raw.replace(b"\r\n", b"\n")
        elif op == "delete":
            raw = raw[:pos] + raw[pos + draw(st.integers(1, 5000)):]
        else:
            raw = raw[:pos] + draw(st.binary(min_size=1, max_size=200)) + raw[pos:]
    return raw


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_fixtures_never_raise(raw: bytes) -> None:
    check_never_raises(raw)


def test_inmail_card_headline_and_location_come_from_the_html() -> None:
    raw = inmail_email(Person("Tom Achebe", "Transport Planner at Avon", "Bristol, England"), "A question",
                       "Hi Sam,\n\nWe met at the expo.\n\nBest, Tom", seed=3)
    item = parse_email(raw).items[0]
    assert (item.sender_headline, item.sender_location) == ("Transport Planner at Avon", "Bristol, England")
    assert item.text == "Hi Sam,\n\nWe met at the expo.\n\nBest, Tom"
