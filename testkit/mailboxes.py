"""Whole mailboxes: mail that is not LinkedIn's, mixed backlogs, and the suite's small labeled mailbox.

`mixed_mailbox(n)` is what the faults tests and the benchmarks load into
Dovecot: about half LinkedIn notifications of every kind at realistic sizes,
half other mail (colleagues, receipts, newsletters), deterministic for a seed.
`labeled_mailbox()` is one clear-cut mail per outcome, for tests that check the
plumbing (where a verdict sends a mail), not the model's judgment.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime
from email.utils import format_datetime

from .layouts import (Wire, accepted_email, digest_email, draw_date, inmail_email, invitation_email,
                      member_message_email)
from .mime import CRLF, address, alternative, esc, header, qp
from .notifications import OTHER_KINDS, other_email
from .people import DEFAULT_OWNER, DEFAULT_OWNER_EMAIL, Person, first_name, random_person
from .phishing import PHISHING_KINDS, phishing_email
from .texts import INMAILS, NOTES
from .tokens import b64, base36, digits, seeded


# --------------------------------------------------------------------------- mail that is not from LinkedIn

_ORDINARY_SENDERS = (
    ("Jess Ortega", "jess.ortega@example.org"), ("Priya Nair", "priya.nair@example.org"),
    ("Mark Dobbs", "mark.dobbs@example.org"), ("Helen Achterberg", "helen.a@example.org"),
)


def _plain_headers(rng: random.Random, when: datetime, from_name: str, from_addr: str, subject: str,
                   to: str = DEFAULT_OWNER_EMAIL, extra: tuple[str, ...] = ()) -> list[str]:
    domain = from_addr.split("@", 1)[1]
    ip = f"{rng.randint(20, 200)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"
    return [
        f"Return-Path: <bounces+{digits(rng, 7)}@{domain}>",
        f"Delivered-To: {to}",
        f"Received: from mail.{domain} (mail.{domain} [{ip}]){CRLF}\tby mx.example.org (Postfix) with ESMTPS id "
        f"{b64(rng, 8).upper()[:10]}{CRLF}\tfor <{to}>; {format_datetime(when)}",
        f"Authentication-Results: mx.example.org;{CRLF}\tdkim=pass (2048-bit key) header.d={domain} "
        f"header.i=@{domain} header.b={b64(rng, 6)};{CRLF}\tspf=pass smtp.mailfrom={domain};{CRLF}"
        f"\tdmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={domain}",
        f"Date: {format_datetime(when)}",
        "From: " + address(from_name, from_addr),
        "To: " + address(DEFAULT_OWNER, to),
        f"Message-ID: <{b64(rng, 15).replace('-', 'q').replace('_', 'z')}@{domain}>",
        header("Subject", subject),
        "MIME-Version: 1.0",
        *extra,
    ]


def _single_text(headers: list[str], text: str) -> bytes:
    headers = headers + ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
    return (CRLF.join(headers) + CRLF + CRLF).encode("utf-8") + qp(text)


_RIDE_BLURB = ("Rides leave from the Harbourside at 9am sharp; bring lights, a spare tube and something warm "
               "for the café stop. ")


def ordinary_email(seed: int, *, date: datetime | None = None) -> bytes:
    """Mail that has nothing to do with LinkedIn: colleagues, newsletters, receipts; varied by seed."""
    return _ordinary(seeded("ordinary", seed, date), seed % 8, date)


def _ordinary(rng: random.Random, variant: int, date: datetime | None = None) -> bytes:
    when = draw_date(rng, "mercado", date)
    name, addr = rng.choice(_ORDINARY_SENDERS)
    day = rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"))
    if variant == 0:
        text = (f"Hi Sam,\n\nQuick one: the Leeds trunk is running {rng.randint(20, 90)} minutes late again "
                f"tonight, can we move the {rng.choice(('21:00', '22:30', '23:15'))} loading slot?\n\nThanks,\n"
                f"{first_name(name)}\n")
        return _single_text(_plain_headers(rng, when, name, addr, "Leeds trunk tonight"), text)
    if variant == 1:
        text = (f"Hi all,\n\nAgenda for {day}'s ops review:\n\n1. Peak-season staffing plan\n2. Yard check "
                f"results (week {rng.randint(2, 9)})\n3. Forklift servicing schedule\n4. AOB\n\nPlease send "
                f"updates by end of day.\n\n{name}\nKestrel Freight\n")
        return _single_text(_plain_headers(rng, when, name, addr, f"Ops review {day}: agenda"), text)
    if variant == 2:
        order = digits(rng, 8)
        items = [(rng.choice(("Oak chopping board", "Enamel mug", "Linen tea towel", "Seed tray", "Beeswax wraps",
                              "Garden twine", "Cast-iron pan", "Herb scissors")), rng.randint(3, 60))
                 for _ in range(rng.randint(2, 9))]
        total = f"£{sum(price for _, price in items)}.00"
        cell = "padding:8px 12px;border-bottom:1px solid #eeeeee;font-family:Georgia,serif;font-size:15px;color:#333333"
        rows = "".join(f'<tr><td style="{cell}">{esc(item)}</td><td style="{cell};text-align:right">£{price}.00</td></tr>'
                       for item, price in items)
        boundary = f"=_order_{base36(rng, 12)}"
        text = (f"Thank you for your order {order}.\n\n"
                + "".join(f"{item}  £{price}.00\n" for item, price in items)
                + f"\nTotal paid: {total}\n\nBramble & Co, 12 Gloucester Road, Bristol\n")
        html_doc = (f'<html><body style="margin:0;background:#f7f4ef"><table width="600" align="center" '
                    f'style="background:#ffffff;font-family:Georgia,serif"><tr><td style="padding:24px">'
                    f'<h1 style="font-size:24px;color:#2f4f2f">Thank you for your order</h1><p>Order '
                    f'<b>{order}</b></p><table width="100%" style="border-collapse:collapse">{rows}</table>'
                    f'<p style="font-size:18px">Total paid: {total}</p><p style="color:#777777">Bramble &amp; Co, '
                    f'12 Gloucester Road, Bristol</p></td></tr></table></body></html>')
        headers = _plain_headers(rng, when, "Bramble & Co", "orders@brambleandco.example",
                                 f"Your Bramble & Co order {order}",
                                 extra=(f'Content-Type: multipart/alternative; boundary="{boundary}"',))
        return alternative(headers, boundary, text, html_doc, content_ids=False)
    if variant == 3:
        boundary = f"=_news_{base36(rng, 12)}"
        topics = ("Winter rides", "The AGM", "New club kit", "Bike maintenance night", "Ride leader training",
                  "Harbourside sportive", "Lights and visibility", "Members' photos", "Café stop of the month")
        story_style = ("font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:22px;color:#333333;"
                       "margin:0 0 12px")
        stories = []
        for i in range(rng.randint(6, 14)):
            topic = rng.choice(topics)
            url = f"https://bristolcycling.example/news/{i}-{base36(rng, 6)}?utm_source=newsletter&amp;utm_medium=email"
            stories.append(
                f'<tr><td style="padding:16px 24px;border-bottom:1px solid #e0e0e0"><img src="https://bristolcycling'
                f'.example/img/{base36(rng, 10)}.jpg" width="552" alt="" style="display:block;width:100%">'
                f'<h2 style="font-family:Helvetica,Arial,sans-serif;font-size:20px;color:#c0392b">{topic}</h2>'
                f'<p style="{story_style}">{_RIDE_BLURB * rng.randint(3, 8)}</p><a href="{url}" '
                f'style="color:#c0392b;font-weight:bold">Read more</a></td></tr>')
        text = "Bristol Cycling Club newsletter\n\nThis month: winter rides, AGM and new kit.\n"
        html_doc = (f'<html><body style="margin:0;background:#eeeeee"><table width="600" align="center" '
                    f'style="background:#ffffff"><tr><td style="padding:24px"><h1>Bristol Cycling Club</h1></td></tr>'
                    f'{"".join(stories)}<tr><td style="padding:24px"><a href="https://bristolcycling.example/'
                    f'unsubscribe">Unsubscribe</a></td></tr></table></body></html>')
        headers = _plain_headers(rng, when, "Bristol Cycling Club", "news@bristolcycling.example",
                                 f"Club news: winter rides and the AGM ({when:%B})",
                                 extra=("List-Unsubscribe: <https://bristolcycling.example/unsubscribe>",
                                        "List-Id: Bristol Cycling Club news <news.bristolcycling.example>",
                                        f'Content-Type: multipart/alternative; boundary="{boundary}"'))
        return alternative(headers, boundary, text, html_doc, content_ids=False)
    if variant == 4:
        text = (f"Sam,\n\nDid you see the LinkedIn post from the Avonmouth team about the new cross-dock? "
                f"Might be worth sharing with the night shift. I'll forward the photos.\n\n{first_name(name)}\n")
        return _single_text(_plain_headers(rng, when, name, addr, "That post about the cross-dock"), text)
    if variant == 5:
        parcel = b64(rng, 9).upper().replace("-", "7").replace("_", "3")
        text = (f"Your parcel {parcel} is out for delivery today between {rng.randint(8, 12)}:00 and "
                f"{rng.randint(13, 18)}:00.\n\nQuayside Parcels\n")
        return _single_text(_plain_headers(rng, when, "Quayside Parcels", "tracking@quayside-parcels.example",
                                           f"Your parcel {parcel} is on its way"), text)
    if variant == 6:
        amount = f"£{rng.randint(40, 180)}.{rng.randint(0, 99):02d}"
        text = (f"Your {when:%B} bill is ready.\n\nAmount due: {amount}\nDirect debit date: "
                f"{rng.randint(1, 28)} {when:%B}\n\nSevern Energy\n")
        return _single_text(_plain_headers(rng, when, "Severn Energy", "billing@severn-energy.example",
                                           "Your bill is ready"), text)
    text = (f"Hi Sam,\n\nAttached are the minutes from {day}'s health and safety walk. Two actions for "
            f"your team: re-mark bay {rng.randint(1, 30)} and replace the eyewash station label.\n\n"
            f"Best,\n{first_name(name)}\n")
    return _single_text(_plain_headers(rng, when, name, addr, "H&S walk minutes"), text)


# --------------------------------------------------------------------------- mixed mailboxes

def _fill(text: str, first: str) -> str:
    return text.replace("{first}", first).replace("{{Company}}", "{Company}")


# Total sizes of today's notifications (30-66 KB), by kind, for the mixed mailbox; 2016 mail is half as big.
_BACKLOG_SIZES = {
    "invitation": (30_000, 42_000), "message": (30_000, 36_000), "inmail": (34_000, 46_000),
    "digest": (40_000, 66_000), "accepted": (30_000, 38_000), "job_alert": (56_000, 66_000),
    "newsletter": (40_000, 66_000), "other": (30_000, 46_000),
}
# Shares of the mailbox's LinkedIn mail whose HTML part is base64, and that a forwarding service left HTML only.
_BASE64_HTML = 0.2
_HTML_ONLY = 0.08


def _wire(rng: random.Random, kind: str, generation: str) -> Wire:
    low, high = _BACKLOG_SIZES.get(kind, _BACKLOG_SIZES["other"])
    if generation == "phoenix":
        low, high = low // 2, high // 2
    return Wire(size=(low, high), html_base64=rng.random() < _BASE64_HTML, html_only=rng.random() < _HTML_ONLY)


def _one_linkedin(rng: random.Random) -> bytes:
    """One LinkedIn notification of a kind drawn with realistic weights, sizes and encodings."""
    person = random_person(rng)
    person_seed = rng.getrandbits(48)  # far from the small seeds tests pass, so no Message-ID repeats
    generation = "phoenix" if rng.random() < 0.1 else "mercado"
    language = rng.choice(("fr", "de", "es")) if rng.random() < 0.08 else "en"
    owner_first = first_name(DEFAULT_OWNER)
    roll = rng.random()
    wire_rng = random.Random(person_seed)  # a stream of its own: the kinds and people drawn stay as they were
    common = {"seed": person_seed, "generation": generation, "language": language}
    if roll < 0.36:
        label = rng.choices(("personal", "generic", "pitch"), weights=(3, 4, 3))[0]
        note = "" if label == "generic" and rng.random() < 0.5 else _fill(rng.choice(NOTES[label]), owner_first)
        return invitation_email(person, note, mutual=rng.choice((0, 1, 2, 5, 12, 40, 130)),
                                reminder=rng.random() < 0.1, wire=_wire(wire_rng, "invitation", generation), **common)
    if roll < 0.50:
        wire = _wire(wire_rng, "message", generation)
        if generation == "phoenix":
            label = rng.choice(("personal", "generic", "pitch"))
            return member_message_email(person, _fill(rng.choice(NOTES[label]), owner_first), wire=wire, **common)
        return member_message_email(person, None, wire=wire, **common)
    if roll < 0.62:
        label = rng.choices(("personal", "generic", "pitch"), weights=(3, 2, 5))[0]
        subject, body = rng.choice(INMAILS[label])
        return inmail_email(person, _fill(subject, owner_first), _fill(body, owner_first),
                            wire=_wire(wire_rng, "inmail", generation), **common)
    if roll < 0.67:
        entries = []
        for _ in range(rng.randint(2, 4)):
            label = rng.choice(("personal", "generic", "pitch", "none"))
            entries.append((random_person(rng), "" if label == "none" else _fill(rng.choice(NOTES[label]), owner_first)))
        return digest_email(entries, kind=rng.choice(("invitation", "invitation", "message")),
                            wire=_wire(wire_rng, "digest", generation), **common)
    if roll < 0.75:
        return accepted_email(person, wire=_wire(wire_rng, "accepted", generation), **common)
    if roll < 0.95:
        kind = rng.choice(OTHER_KINDS)
        return other_email(kind, seed=person_seed, language=language, wire=_wire(wire_rng, kind, "mercado"))
    label = rng.choice(("personal", "generic", "pitch"))
    return phishing_email(rng.choice(PHISHING_KINDS), person, _fill(rng.choice(NOTES[label]), owner_first),
                          seed=person_seed)


def backlog(n: int, *, seed: int = 0, linkedin_share: float = 0.5) -> Iterator[bytes]:
    """The mails of mixed_mailbox(n, ...) one at a time, for mailboxes too big to hold twice."""
    if n < 0 or not 0.0 <= linkedin_share <= 1.0:
        raise ValueError("n must be >= 0 and linkedin_share within 0..1")
    plan_rng = seeded("mailbox", seed, n, linkedin_share)
    linkedin = round(n * linkedin_share)
    plan = [True] * linkedin + [False] * (n - linkedin)
    plan_rng.shuffle(plan)
    for index, is_linkedin in enumerate(plan):
        item_rng = seeded("mailbox-item", seed, index)
        if is_linkedin:
            yield _one_linkedin(item_rng)
        else:
            yield _ordinary(item_rng, item_rng.randrange(8))


def mixed_mailbox(n: int, *, seed: int = 0, linkedin_share: float = 0.5) -> list[bytes]:
    """n mails, round(n * linkedin_share) of them LinkedIn notifications of every kind, the rest other mail."""
    return list(backlog(n, seed=seed, linkedin_share=linkedin_share))


# --------------------------------------------------------------------------- the suite's labeled mailbox

def labeled_mailbox() -> dict[str, bytes]:
    """One mail per outcome, keyed by the expected verdict.

    The notes are clear-cut on purpose: these tests check where a verdict sends
    a mail, not the model's judgment on hard cases."""
    return {
        "personal": invitation_email(
            Person("Dana Whitlock", "Head of Operations at Fernbrook Logistics", "Bristol, England, United Kingdom"),
            "Sam, great to meet you at the Bristol ops breakfast on Tuesday. Your point about "
            "night-shift handovers stuck with me, I'd love to keep in touch.",
            mutual=12),
        "generic": invitation_email(
            Person("Kai Brenner", "Growth | Sales | Leadership", "Hamburg, Germany"), ""),
        "pitch": inmail_email(
            Person("Rory Vance", "Founder at LeadForge | I help ops teams book 30 meetings a month"),
            "Quick question, Sam",
            "Hi Sam,\n\nWe help operations leaders like you book 30 qualified sales meetings a month "
            "with our done-for-you outreach service. Could we grab 15 minutes next week for a quick "
            "demo call? Plans start at $999 per month.\n\nBest,\nRory"),
        "unsure": member_message_email(
            Person("Lea Novak", "Buyer at Hillcrest Outdoor", "Leeds, England, United Kingdom")),
        "suspicious": phishing_email(
            "lookalike_domain", Person("Ben Ortiz", "Recruiter"), "Please confirm that you know me."),
        "other": other_email("job_alert"),
        "plain": ordinary_email(seed=1),
    }


# Where each of labeled_mailbox()'s mails must end up with the default config.
EXPECTED_FOLDER = {
    "personal": "INBOX",
    "generic": "LinkedIn/Generic",
    "pitch": "LinkedIn/Pitch",
    "unsure": "LinkedIn/Review",
    "suspicious": "LinkedIn/Suspicious",
    "other": "INBOX",
    "plain": "INBOX",
}


def message_id(raw: bytes) -> str:
    """The Message-ID header of a raw CRLF message, "" when it has none."""
    for line in raw.split(b"\r\n\r\n", 1)[0].splitlines():
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    return ""
