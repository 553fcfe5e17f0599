"""The parse: one raw email into a ParsedMail, the text part first and the HTML only when it is needed.

Nothing here raises: mail that cannot be read comes back as MAIL_UNPARSEABLE
with a one-line reason, and the pass goes on. When the body of an invitation
or message cannot be found the mail is unparseable, never an item with an
empty text that would read as "no note".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import one_line
from ..items import LABELED_KINDS, MAIL_LINKEDIN, MAIL_NOT_LINKEDIN, MAIL_UNPARSEABLE, ParsedMail, message_id_of
from ..text import caseless
from . import authenticity
from .cards import looks_like_name
from .document import Doc, is_button, text_doc
from .extract import extract, merge
from .extract.digest import extract_invitation_digest
from .extract.other import other_item
from .kinds import (INVITATION_DIGEST, claims_linkedin, kind_from_body, kind_from_headers, name_from_body,
                    name_from_subject, subject_claims)
from .language import guess_language
from .linkedin import INTENDED_RE, is_profile_url, sender_name_from_display
from .markup import html_doc, html_links, intended_for_in_html, tag_free
from .mime import (CORE_HEADERS, MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, Mime, address_domain, decode_header, decode_part,
                   header_str, parse_date, parse_headers, split_address, split_head, walk)

_TEXT_URL_RE = re.compile(r"https?://[^\s<>()\"'\]]+")


@dataclass(frozen=True)
class ParseOptions:
    """What the parser needs from the config."""

    trusted_authserv_ids: tuple[str, ...] = ()  # whose Authentication-Results to believe
    owner_names: tuple[str, ...] = ()           # the mailbox owner as LinkedIn writes them in "intended for"
    max_part_bytes: int = 2_000_000             # read at most this much of one MIME part


def parse_email(raw: bytes, options: ParseOptions | None = None) -> ParsedMail:
    """Parse one raw message; never raises (a mail that cannot be read is MAIL_UNPARSEABLE with the reason)."""
    options = options or ParseOptions()
    try:
        return _parse(raw, options)
    except RecursionError:
        return ParsedMail(status=MAIL_UNPARSEABLE, error="structure nested too deeply to read")
    except MemoryError:
        return ParsedMail(status=MAIL_UNPARSEABLE, error="message too large to read")
    except Exception as exc:  # noqa: BLE001 - the pass must go on whatever one mail holds
        return ParsedMail(status=MAIL_UNPARSEABLE, error=one_line(f"parser error: {type(exc).__name__}: {exc}"))


def _intended_for(doc: Doc | None) -> str | None:
    """The footer's "This email was intended for {name}"; None when the footer has no such line."""
    found = INTENDED_RE.search(doc.footer) if doc is not None else None
    return found.group("name").strip() if found else None


def _parse(raw: bytes, options: ParseOptions) -> ParsedMail:
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        return ParsedMail(status=MAIL_UNPARSEABLE, error=f"expected bytes, got {type(raw).__name__}")
    raw = bytes(raw[:MAX_MESSAGE_BYTES])
    if not raw.strip():
        return ParsedMail(status=MAIL_UNPARSEABLE, error="empty message")
    if b"\r" in raw:
        # split/join: bytes.replace with a shorter replacement is ~1.7x slower on 40 KB of CRLF mail.
        raw = b"\n".join(raw.split(b"\r\n"))
        if b"\r" in raw:
            raw = raw.replace(b"\r", b"\n")
    if b"\x00" in raw:
        raw = raw.replace(b"\x00", b"")
    raw = raw.lstrip(b"\n")
    head, body = split_head(raw)
    if len(head) > MAX_HEADER_BYTES:
        return ParsedMail(status=MAIL_UNPARSEABLE, error="header block too large or no end of headers")
    headers, early = parse_headers(head)
    if early and not body and b"\n" not in early.strip() and headers:
        early = b""  # the message ended inside its headers: a cut-off last line, not a body
    if early:
        body = early + (b"\n\n" + body if body else b"")
    if not CORE_HEADERS.intersection(headers):
        return ParsedMail(status=MAIL_UNPARSEABLE, error="no mail headers found")

    subject = header_str(headers, "subject")
    from_value = header_str(headers, "from")
    display, address = split_address(from_value)
    domain = address_domain(address)
    message_id = message_id_of(header_str(headers, "message-id"))
    date = parse_date(header_str(headers, "date"))
    base = dict(message_id=message_id, subject=subject, from_address=address, date=date)

    claims = claims_linkedin(display, domain, headers, subject)
    if not claims and not (subject and subject_claims(subject)):
        return ParsedMail(status=MAIL_NOT_LINKEDIN, **base)

    mime = Mime()
    walk(headers, body, mime, options.max_part_bytes, 0)
    text = decode_part(mime.text) if mime.text else ""
    # The markup is cleaned of filler characters only where its text is read (html_doc, labels).
    markup = decode_part(mime.html, clean=False) if mime.html else ""
    if not claims:
        # Only the subject says LinkedIn: believe it when the body does too (a fake invitation from a freemail).
        if "linkedin" not in text.lower() and "linkedin" not in markup.lower():
            return ParsedMail(status=MAIL_NOT_LINKEDIN, **base)

    local = address.rsplit("@", 1)[0].lower() if "@" in address else ""
    kind, reminder = kind_from_headers(local, domain, header_str(headers, "x-linkedin-template"),
                                        header_str(headers, "x-linkedin-class"), subject)
    name = sender_name_from_display(display) or name_from_subject(subject)

    doc_text = text_doc(text) if text.strip() else None
    doc_html: Doc | None = None
    intended_for = _intended_for(doc_text)

    def html() -> Doc | None:
        nonlocal doc_html, intended_for
        if doc_html is None and markup.strip():
            doc_html = html_doc(markup)
            intended_for = intended_for if intended_for is not None else _intended_for(doc_html)
        return doc_html

    # Who the mail is for: some layouts show the recipient's name above a person's words.
    to_display = split_address(header_str(headers, "to"))[0]
    owners = {caseless(n) for n in (*options.owner_names, to_display) if n.strip()}

    def recipients() -> frozenset[str]:
        return frozenset(owners | ({caseless(intended_for)} if intended_for else set()))

    if not kind:
        kind = kind_from_body(doc_text or html())
    if not name and kind == "invitation":
        name = name_from_body(doc_text or html())
    links = html_links(markup) if markup else []
    if kind == INVITATION_DIGEST:
        names = frozenset(caseless(label) for label, url in links
                          if label and is_profile_url(url) and looks_like_name(label) and not is_button(label))
        items = extract_invitation_digest(doc_text, subject, names, recipients()) if doc_text else []
        if not items and html() is not None:
            items = extract_invitation_digest(doc_html, subject, names, recipients())  # type: ignore[arg-type]
        if not items:
            kind = "other"  # a digest whose cards cannot be read is counted, never guessed at
        complete = True
    if kind == "other":
        items, complete = [other_item(display)], True
    elif kind != INVITATION_DIGEST:
        items, complete = extract(kind, doc_text, name, subject, recipients()) if doc_text else ([], False)
    if not complete and html() is not None:
        html_items, html_complete = extract(kind, doc_html, name, subject, recipients())  # type: ignore[arg-type]
        items = merge(items, html_items) if items else html_items
        complete = complete or html_complete

    if intended_for is None and markup:
        intended_for = intended_for_in_html(markup)

    for item in items:
        probe = f"{item.subject}\n{item.text}" if item.kind == "inmail" else item.text
        item.language = guess_language(probe) if item.text else ""

    if text:
        links = links + [("", u) for u in _TEXT_URL_RE.findall(text)]
    evidence = authenticity.Evidence(
        from_display=display, from_address=address, from_domain=domain,
        reply_to=[split_address(decode_header(v))[1] or decode_header(v) for v in headers.get("reply-to", [])],
        return_path=header_str(headers, "return-path"),
        authentication_results=[decode_header(v) for v in headers.get("authentication-results", [])],
        message_id=message_id,
        has_linkedin_headers=any(n.startswith("x-linkedin") for n in headers),
        links=links,
        attachments=[(p.filename, p.ctype) for p in mime.attachments],
        body_text=(text or tag_free(markup[:400_000]))[:200_000],
        person_texts=[i.text for i in items if i.text],
        intended_for=intended_for,
        kind="digest" if (kind == "message" and len(items) > 1) or kind == INVITATION_DIGEST else kind,
    )
    reasons = authenticity.check(evidence, options.trusted_authserv_ids, options.owner_names)

    mail_kind = kind
    if (kind == "message" and len(items) > 1) or kind == INVITATION_DIGEST:
        mail_kind = "digest"
    if kind == "invitation":
        for item in items:
            item.reminder = reminder
    parsed = ParsedMail(status=MAIL_LINKEDIN, kind=mail_kind, items=items, suspicious=bool(reasons),
                        suspicious_reasons=reasons, intended_for=intended_for or "", **base)
    if kind in LABELED_KINDS and not items and not reasons:
        why = "no body" if not (text or markup) else f"the {kind} was not found in the body"
        if mime.defects:
            why += f" ({mime.defects[0]})"
        return ParsedMail(status=MAIL_UNPARSEABLE, kind=mail_kind, error=why, intended_for=intended_for or "", **base)
    return parsed

