"""Read one raw email into a ParsedMail: which kind of LinkedIn notification it is, who wrote, and their exact words.

Why it is built this way:
- Speed. A mailbox holds years of LinkedIn mail and `email` with policy.default
  costs ~3 ms a message, BeautifulSoup ~6 ms more. So the MIME structure is
  split by hand (the notifications are simple multipart/alternative), only the
  needed parts are decoded with binascii, and the text/plain part is read
  first; the HTML is parsed only when the text part lacks what is needed, and
  then by lxml's parser straight into lines (no tree: ~0.5 ms for 27 KB).
- Robustness. Nothing here raises: mail that cannot be read comes back as
  MAIL_UNPARSEABLE with a one-line reason, and the pass goes on.
- Honesty. When the body of an invitation or message cannot be found the mail
  is unparseable, never an item with an empty text that would read as "no note".

Layouts: see docs/linkedin-email-format.md. Both the 2016 "phoenix" and the
2024+ "mercado" templates reduce to the same line layout (a card: name,
headline, location, "N connections in common"; the person's words; buttons;
a footer), which is what the extractors below read. An invitations digest
("You have N new invitations") holds several such cards, split at the text
part's dotted lines or, in the HTML, after each card's buttons; one item per
card, kind "digest", and kind "other" when its cards cannot be read.
"""

from __future__ import annotations

import binascii
import html as html_lib
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from . import authenticity
from .features import is_default_note
from .items import MAIL_LINKEDIN, MAIL_NOT_LINKEDIN, MAIL_UNPARSEABLE, Item, ParsedMail
from .language import guess_language


@dataclass(frozen=True)
class ParseOptions:
    """What the parser needs from the config."""

    trusted_authserv_ids: tuple[str, ...] = ()  # whose Authentication-Results to believe
    owner_names: tuple[str, ...] = ()           # the mailbox owner as LinkedIn writes them in "intended for"
    max_part_bytes: int = 2_000_000             # read at most this much of one MIME part


MAX_MESSAGE_BYTES = 50_000_000
MAX_HEADER_BYTES = 512_000
MAX_PARTS = 64
MAX_DEPTH = 8
MAX_HTML_NODES = 200_000
MAX_HTML_TREE_CHARS = 1_000_000  # notifications are under 200 KB of HTML; the tree costs ~0.7 s per MB
MAX_LINKS = 2_000


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
        return ParsedMail(status=MAIL_UNPARSEABLE, error=_one_line(f"parser error: {type(exc).__name__}: {exc}"))


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ======================================================================= text helpers

# Preheader filler and invisible characters LinkedIn (and mail clients) put in.
_INVISIBLE = str.maketrans({
    "\u034f": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u00ad": None, "\u180e": None, "\u200e": None, "\u200f": None, "\x00": None, "\r": None,
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u3000": " ",
})
_SPACE_RE = re.compile(r"[ \t\f\v]+")


_INVISIBLE_RE = re.compile("[" + "".join(chr(c) for c in _INVISIBLE) + "]")


def clean_text(text: str) -> str:
    """Text without the invisible filler characters (U+034F, zero-width, soft hyphen; U+00A0 becomes a space)."""
    if text.isascii():  # str.translate walks every character in Python: only pay where it can matter
        return text.replace("\r", "").replace("\x00", "") if ("\r" in text or "\x00" in text) else text
    if not _INVISIBLE_RE.search(text):
        return text
    return _INVISIBLE_RE.sub(lambda m: _INVISIBLE[ord(m.group(0))] or "", text)


def _norm(text: str) -> str:
    """Lowercase, accents stripped, one space between words: what vocabularies match against."""
    text = text.strip().replace("\u2019", "'").replace("\u2018", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE_RE.sub(" ", text.casefold())


_CHARSET_ALIASES = {"latin1": "cp1252", "latin-1": "cp1252", "iso-8859-1": "cp1252", "iso8859-1": "cp1252",
                    "iso_8859-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "ansi_x3.4-1968": "cp1252",
                    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unknown": "", "unknown-8bit": ""}


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Bytes to text when the declared charset may lie: valid UTF-8 wins, then the declared one, then cp1252.

    Valid multi-byte UTF-8 almost never happens by accident in Latin-1 text, so
    trying it first repairs "declared iso-8859-1, sent UTF-8"; "declared UTF-8,
    sent cp1252" fails strict UTF-8 and falls through. ISO-8859-1 is read as
    cp1252, as browsers do, so curly quotes survive.
    """
    if data.isascii():
        return data.decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    cs = (charset or "").strip().strip("\"'").lower()
    cs = _CHARSET_ALIASES.get(cs, cs)
    if cs and cs != "utf-8":
        try:
            return data.decode(cs)
        except (LookupError, UnicodeDecodeError, ValueError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_ENCODED_WORD_RE = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS_RE = re.compile(r"(\?=)\s+(=\?)")


def _decode_word(m: re.Match[str]) -> str:
    charset, encoding, payload = m.group(1).split("*", 1)[0], m.group(2).upper(), m.group(3)
    try:
        if encoding == "B":
            payload = payload + "=" * (-len(payload) % 4)
            data = binascii.a2b_base64(payload.encode("ascii", "ignore"))
        else:
            data = binascii.a2b_qp(payload.replace("_", " ").encode("ascii", "ignore"), header=True)
    except (binascii.Error, ValueError):
        return m.group(0)
    return decode_bytes(data, charset)


def decode_header(value: bytes | str) -> str:
    """A header's text: unfolded, raw 8-bit bytes decoded, RFC 2047 encoded words decoded."""
    text = decode_bytes(value) if isinstance(value, bytes) else value
    text = re.sub(r"\n[ \t]+", " ", text).replace("\n", " ")
    if "=?" in text:
        text = _BETWEEN_WORDS_RE.sub(r"\1\2", text)
        text = _ENCODED_WORD_RE.sub(_decode_word, text)
    return clean_text(text).strip()


# ======================================================================= MIME


_HEADER_NAME_RE = re.compile(rb"^[!-9;-~]{1,76}$")
_CORE_HEADERS = frozenset({"from", "to", "subject", "date", "message-id", "received", "mime-version",
                           "content-type", "return-path", "reply-to", "sender", "delivered-to"})


def _split_head(data: bytes) -> tuple[bytes, bytes]:
    """Header block and body of a message or part whose line ends are already \\n."""
    if data.startswith(b"\n"):
        return b"", data[1:]
    end = data.find(b"\n\n")
    if end < 0:
        return data, b""
    return data[:end], data[end + 2:]


def _parse_headers(head: bytes) -> tuple[dict[str, list[bytes]], bytes]:
    """Header fields by lowercase name (in order), and any text that ended the header block early."""
    headers: dict[str, list[bytes]] = {}
    last: list[bytes] | None = None
    lines = head.split(b"\n")
    for i, line in enumerate(lines):
        if line[:1] in (b" ", b"\t"):
            if last is not None:
                last[-1] += b"\n" + line
            continue
        name, colon, value = line.partition(b":")
        name = name.rstrip()
        if not colon or not _HEADER_NAME_RE.match(name):
            if i == 0 and line.startswith(b"From "):  # an mbox separator line
                continue
            # Not a header: the body started without a blank line.
            return headers, b"\n".join(lines[i:])
        last = headers.setdefault(name.decode("ascii").lower(), [])
        last.append(value.strip(b" \t"))
    return headers, b""


def _params(value: str) -> tuple[str, dict[str, str]]:
    """The main value and the parameters of a Content-Type or Content-Disposition header."""
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for m in re.finditer(r'([\w.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)', rest):
        key, val = m.group(1).lower(), m.group(2)
        if val.startswith('"'):
            val = val[1:-1].replace('\\"', '"')
        if key.endswith("*") or "*" in key:  # RFC 2231: charset'lang'percent-encoded
            key = key.split("*", 1)[0]
            if "'" in val:
                charset, _, encoded = val.split("'", 2) if val.count("'") >= 2 else ("utf-8", "", val)
                val = unquote(encoded, encoding=charset or "utf-8", errors="replace")
            params[key] = params.get(key, "") + val if key in params and key == "filename" else val
        else:
            params.setdefault(key, val)
    return main.strip().lower(), params


@dataclass
class _Part:
    ctype: str
    charset: str
    encoding: str
    payload: bytes
    filename: str = ""
    attachment: bool = False


@dataclass
class _Mime:
    text: _Part | None = None
    html: _Part | None = None
    attachments: list[_Part] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    parts: int = 0


def _header_str(headers: dict[str, list[bytes]], name: str) -> str:
    values = headers.get(name)
    return decode_header(values[0]) if values else ""


def _split_multipart(body: bytes, boundary: bytes) -> list[bytes] | None:
    """The parts between boundary lines; None when the boundary never appears. A missing close is tolerated."""
    marker = b"\n--" + boundary
    text = b"\n" + body
    idx = text.find(marker)
    parts: list[bytes] = []
    found = False
    while idx >= 0:
        after = idx + len(marker)
        tail = text[after:after + 2]
        if tail[:1] not in (b"", b"-", b"\n", b" ", b"\t"):
            idx = text.find(marker, after)
            continue
        found = True
        if tail == b"--":
            break
        eol = text.find(b"\n", after)
        if eol < 0:
            break
        nxt = text.find(marker, eol)
        while nxt >= 0 and text[nxt + len(marker):nxt + len(marker) + 1] not in (b"", b"-", b"\n", b" ", b"\t"):
            nxt = text.find(marker, nxt + len(marker))
        parts.append(text[eol + 1: nxt if nxt >= 0 else len(text)])
        idx = nxt
    return parts if found else None


_GUESS_BOUNDARY_RE = re.compile(rb"^--([^\s]{4,200}?)(?:--)?[ \t]*$", re.M)


def _walk(headers: dict[str, list[bytes]], body: bytes, mime: _Mime, options: ParseOptions, depth: int) -> None:
    """Collect the first text/plain and text/html body parts and every attachment."""
    mime.parts += 1
    if mime.parts > MAX_PARTS:
        mime.defects.append("too many MIME parts")
        return
    ctype, params = _params(_header_str(headers, "content-type") or "text/plain")
    if "/" not in ctype:
        ctype = "text/plain"
    disposition, dparams = _params(_header_str(headers, "content-disposition"))
    filename = dparams.get("filename") or params.get("name") or ""
    encoding = _header_str(headers, "content-transfer-encoding").lower().strip()

    if ctype.startswith("multipart/"):
        if depth >= MAX_DEPTH:
            mime.defects.append("MIME nested too deeply")
            return
        boundary = params.get("boundary", "").encode("utf-8", "replace")
        parts = _split_multipart(body, boundary) if boundary else None
        if parts is None:
            guess = _GUESS_BOUNDARY_RE.search(body[:65536])
            if guess:
                mime.defects.append("multipart boundary missing or wrong; guessed from the body")
                parts = _split_multipart(body, guess.group(1))
        if parts is None:
            mime.defects.append("multipart without boundary; read as text")
            _leaf(_Part("text/plain", params.get("charset", ""), encoding, body), mime, options)
            return
        for part in parts:
            head, part_body = _split_head(part)
            part_headers, early = _parse_headers(head)
            if early:
                part_body = early + (b"\n\n" + part_body if part_body else b"")
            _walk(part_headers, part_body, mime, options, depth + 1)
        return
    part = _Part(ctype, params.get("charset", ""), encoding, body, filename,
                 attachment=disposition == "attachment" or bool(filename) or ctype == "message/rfc822")
    _leaf(part, mime, options)


def _leaf(part: _Part, mime: _Mime, options: ParseOptions) -> None:
    if part.attachment or not part.ctype.startswith("text/"):
        if part.ctype.startswith(("text/", "application/", "image/", "audio/", "video/", "message/", "model/", "font/")) \
                or part.filename:
            mime.attachments.append(part)
        return
    cap = options.max_part_bytes * 4 // 3 + 1024 if part.encoding == "base64" else options.max_part_bytes
    if len(part.payload) > cap:
        part.payload = part.payload[:cap]
        mime.defects.append("a part was cut at max_part_bytes")
    if part.ctype == "text/html":
        if mime.html is None:
            mime.html = part
    elif mime.text is None:
        mime.text = part


def _decode_part(part: _Part, clean: bool = True) -> str:
    data = part.payload
    if part.encoding == "base64":
        try:
            data = binascii.a2b_base64(data)
        except (binascii.Error, ValueError):
            cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", data)
            cleaned = cleaned[: len(cleaned) - len(cleaned) % 4]
            try:
                data = binascii.a2b_base64(cleaned)
            except (binascii.Error, ValueError):
                data = b""
    elif part.encoding == "quoted-printable" or (
            part.encoding not in ("", "7bit", "8bit", "binary") and re.search(rb"=\n|=[0-9A-F]{2}", data[:65536])):
        # An unknown transfer encoding that looks like quoted-printable is read as such.
        data = binascii.a2b_qp(data)
    text = decode_bytes(data, part.charset)
    return clean_text(text) if clean else text


# ======================================================================= addresses and URLs


def split_address(value: str) -> tuple[str, str]:
    """(display name, address) of a From-like header, keeping look-alike letters as they are."""
    value = value.strip()
    m = re.search(r"<([^<>]*)>\s*$", value)
    if m:
        display = value[: m.start()].strip()
        address = m.group(1).strip()
    elif "@" in value:
        display, address = "", value.split()[-1] if value.split() else value
        comment = re.search(r"\(([^()]*)\)", value)
        if comment:
            display = comment.group(1)
            address = value[: comment.start()].strip() or address
    else:
        display, address = value, ""
    display = display.strip().strip('"').strip("'").strip().replace('\\"', '"')
    return display, address.strip().strip("<>")


def _address_domain(address: str) -> str:
    return address.rsplit("@", 1)[1].lower().strip(" .>") if "@" in address else ""


_VIA_RE = re.compile(r"\s+(?:via|über|par l'intermédiaire de|por medio de|por meio de|tramite)\s+linkedin\s*$", re.I)


def sender_name_from_display(display: str) -> str:
    """The person's name in a From display name, without " via LinkedIn"; "" for LinkedIn's own senders."""
    name = _VIA_RE.sub("", display).strip()
    if not name or "linkedin" in name.lower():
        return ""
    return name


# Query parameters LinkedIn adds to track a click; everything else is kept.
_TRACKING_PARAMS = frozenset({
    "lipi", "midtoken", "midsig", "trk", "trkemail", "eid", "loid", "otptoken", "authtype", "authtoken",
    "trkinfo", "lici", "refid", "trackingid", "originalsubdomain", "utm_source", "utm_medium", "utm_campaign",
    "utm_content", "utm_term", "src", "veh", "sharedkey", "mboxid", "invitationid", "ref", "sig", "tracking",
})


def clean_url(url: str) -> str:
    """A link without LinkedIn's click tracking: tracking query parameters and the /comm/ prefix removed."""
    url = url.strip().strip("()<>\"'")
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if not host:
        return url
    path = parts.path
    if authenticity.is_linkedin_domain(host) and path.startswith("/comm/"):
        path = path[len("/comm"):]
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _TRACKING_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


_PROFILE_URL_RE = re.compile(
    r"^[(<]?https?://(?:[\w-]+\.)*linkedin\.com(?::\d+)?/(?:comm/)?(?:(?:in|pub)/[^/?#\s]+|profile/view)", re.I)


def is_profile_url(url: str) -> bool:
    """A link to a member's profile on linkedin.com (with or without LinkedIn's /comm/ click tracking)."""
    return bool(_PROFILE_URL_RE.match(url.strip()))


# ======================================================================= vocabularies
# Written in _norm() form: lowercase, no accents. en, fr, de, es, pt, it, nl, sv.

_BUTTON_LABELS = frozenset(_norm(x) for x in """
accept|ignore|view profile|view message|view messages|reply|message|send a message|send message|view profile here
|connect|see all invitations|view all invitations|start with this note|view invitation|see invitation|respond
|view conversation|see conversation|read message|read more|see more|view|unsubscribe|help|learn why we included this
|get the new linkedin desktop app|get the app|download the app|view all messages|see all messages|view job|see all jobs
|accepter|ignorer|voir le profil|voir le message|repondre|envoyer un message|voir la conversation|voir les invitations
|annehmen|ignorieren|profil anzeigen|nachricht anzeigen|antworten|nachricht|nachricht senden|unterhaltung anzeigen
|aceptar|ignorar|ver perfil|ver mensaje|responder|mensaje|enviar mensaje|ver conversacion|ver invitaciones
|aceitar|ver mensagem|mensagem|enviar mensagem|ver conversa|ver convites
|accetta|ignora|visualizza profilo|visualizza messaggio|rispondi|messaggio|invia messaggio
|accepteren|negeren|profiel bekijken|bericht bekijken|beantwoorden|bericht|bericht sturen
|acceptera|ignorera|visa profil|visa meddelande|svara|meddelande|skicka meddelande
""".replace("\n", "").split("|"))
_BUTTON_RE = re.compile(
    r"^(?:view|see) .{1,60}'s profile$|^voir le profil de .{1,60}$|^profil von .{1,60} anzeigen$"
    r"|^ver (?:el )?perfil de .{1,60}$|^visualizza il profilo di .{1,60}$|^reach out to .{1,40}$")
# Several buttons on one line, as an HTML row of inline buttons reads ("Accept View profile").
_BUTTON_ROW_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(label) for label in sorted(_BUTTON_LABELS, key=len, reverse=True) if label)
    + r")\s*[·|•-]?\s*){2,}$")
_BUTTON_FIRST_WORDS = frozenset(label.split()[0] for label in _BUTTON_LABELS if label.strip())
_FIRST_TOKEN_RE = re.compile(r"[^\s·|•-]+")
_MESSAGE_BUTTONS = frozenset(_norm(x) for x in """view message|view messages|reply|view conversation|read message
|voir le message|repondre|voir la conversation|nachricht anzeigen|antworten|unterhaltung anzeigen|ver mensaje|responder
|ver conversacion|ver mensagem|ver conversa|visualizza messaggio|rispondi|bericht bekijken|beantwoorden
|visa meddelande|svara""".replace("\n", "").split("|"))
_PROFILE_BUTTONS = frozenset(_norm(x) for x in """view profile|view profile here|voir le profil|profil anzeigen|ver perfil
|visualizza profilo|profiel bekijken|visa profil""".replace("\n", "").split("|"))
_ACCEPT_BUTTONS = frozenset({"accept", "accepter", "annehmen", "aceptar", "aceitar", "accetta", "accepteren", "acceptera"})

_LABEL_URL_RE = re.compile(r"^\s*([^:]{1,80}?)\s*:\s*<?(https?://\S+?)>?\s*$")
_URL_LINE_RE = re.compile(r"^\s*[(<]?(https?://[^\s()<>]+)[)>]?\s*$")
_SEPARATOR_RE = re.compile(r"^\s*(?:[.·•_=~*]{3,}|[-–—]{3,19}|[}{]|\.{3,})\s*$")
_DASHES_RE = re.compile(r"^\s*[-–—─_=]{20,}\s*$")
_NAME_HEADLINE_RE = re.compile(r"^(.{1,100}?)\s+\((.{1,300})\)$")
_MUTUAL_RE = re.compile(
    r"^(\d[\d.,' ]*)\+?\s+(?:(?:mutual|shared) connections?|connections? in common|relations? en commun"
    r"|gemeinsame (?:kontakte|kontakt|verbindungen?)|contactos? en comun|conexiones? en comun|conexoes em comum"
    r"|conexao em comum|collegamenti in comune|collegamento in comune|gemeenschappelijke connecties?"
    r"|gemensamma kontakter|gemensam kontakt)\.?$")
# A greeting line on its own: "Hi Sam," and, as Spanish and Portuguese letters write it, "Hola Sam:".
_GREETING_RE = re.compile(
    r"^[¡¿]?(?:hi|hello|hey|dear|good (?:morning|afternoon)|bonjour|bonsoir|salut|cher|chere|madame|monsieur"
    r"|hallo|guten tag|liebe|lieber|sehr geehrte[rs]?|servus|moin"
    r"|hola|buenos dias|buenas(?: tardes)?|estimad[oa]s?|querid[oa]"
    r"|ola|oi|bom dia|boa tarde|prezad[oa]s?|car[oa]|ciao|buongiorno|gentile|hoi|beste|hej)\b[^.!?:]{0,40}[,:!]?$")
# LinkedIn's own sentences around the card (reminders, accepted, digests).
_BOILERPLATE_RE = re.compile(
    r"^(?:.{1,80} (?:is (?:still )?waiting for your response|would like to connect(?: with you)? on linkedin\.?(?: how would you like to respond\?)?"
    r"|wants to connect(?: with you)?|has accepted your invitation|accepted your invitation|sent you an invitation"
    r"|attend (?:votre|ta) reponse|souhaite (?:se connecter|rejoindre votre reseau)|a accepte votre invitation"
    r"|wartet (?:noch )?auf (?:ihre|deine) antwort|mochte sich mit (?:ihnen|dir) vernetzen|hat (?:ihre|deine) einladung angenommen"
    r"|(?:esta )?esperando tu respuesta|quiere conectar contigo|ha aceptado tu invitacion|acepto tu invitacion"
    r"|(?:esta )?aguardando (?:a )?sua resposta|quer se conectar(?: com voce)?|aceitou (?:o )?seu convite"
    r"|aspetta una tua risposta|vuole collegarsi|ha accettato il tuo invito|wacht op je antwoord|vantar pa ditt svar)"
    r"|.{1,60}, respond to .{1,60} invite(?: now)?|you have (?:an|a new|\d+ new) (?:invitation|message|connection)s?"
    r"|see who reached out(?:, .{1,40})?"
    r"|vous avez (?:une|un|\d+) (?:nouvelles? |nouveaux? )?(?:invitations?|messages?)(?: nouveaux?| nouvelles?)?"
    r"|sie haben (?:eine|\d+) neue (?:einladung|einladungen|nachricht|nachrichten)"
    r"|tienes (?:una|un|\d+) (?:nueva |nuevo )?(?:invitacion|invitaciones|mensaje|mensajes)(?: nuevos?| nuevas?)?"
    r"|voce tem (?:um|uma|\d+) (?:nova |novo )?(?:convite|convites|mensagem|mensagens)(?: novas?| novos?)?"
    r"|hai (?:un|\d+) (?:nuovo |nuovi )?(?:invito|inviti|messaggio|messaggi)(?: nuovi)?"
    r"|reminder|rappel|erinnerung|recordatorio|lembrete|promemoria|invitation|einladung|invitacion|convite"
    r"|learn about a new opportunity|.{1,60}, thanks for connecting!.{0,80}|let's start a conversation"
    r"|more people you may know|people you may know|reach out to .{1,40})[.!?]*$")
_FOOTER_RE = re.compile(
    r"^(?:this (?:e-?mail|message) was (?:intended|sent) (?:for|to)|cet (?:e-?mail|email) (?:etait|a ete) (?:destine|envoye)"
    r"|ce message (?:etait|a ete) (?:destine|envoye)|diese (?:e-mail|nachricht) (?:war|ist|wurde) (?:fur|an)"
    r"|este (?:correo electronico|correo|email|e-mail|mensaje) (?:iba|estaba|fue|se ha) (?:dirigido|destinado|enviado)"
    r"|este (?:e-mail|email) (?:foi|era) (?:enviado|destinado)|questa (?:e-?mail) (?:era destinata|e stata inviata)"
    r"|deze e-?mail (?:is|was) (?:bestemd|verzonden)|det har e-postmeddelandet"
    r"|you are receiving|you're receiving|vous recevez|sie erhalten|estas recibiendo|recibes|voce esta recebendo"
    r"|voce recebe|stai ricevendo|ricevi|u ontvangt|du far"
    r"|learn why we included this|decouvrez pourquoi|erfahren sie, warum|descubre por que|saiba por que|scopri perche"
    r"|(?:unsubscribe|help|se desabonner|se desinscrire|aide|abbestellen|abmelden|hilfe|darse de baja|cancelar (?:la )?suscripcion"
    r"|ayuda|cancelar (?:a )?inscricao|descadastrar|ajuda|annulla iscrizione|aiuto|afmelden|avsluta prenumeration)"
    r"(?:\s*[:·|]|$)"
    r"|(?:©|\(c\)|copyright)\s*\d{4}\s*linkedin|linkedin (?:corporation|ireland)|linkedin and the linkedin logo)")
_INTENDED_RE = re.compile(
    r"(?:This (?:e-?mail|message) was (?:intended|sent) (?:for|to)"
    r"|(?:Cet|Ce) (?:e-?mail|email|message) (?:était|etait|a été|a ete) (?:destiné|destine|envoyé|envoye) à"
    r"|Diese (?:E-Mail|Nachricht) (?:war|ist|wurde) (?:für|fur|an)"
    r"|Este (?:correo electrónico|correo|email|e-mail|mensaje) (?:iba|estaba|fue|se ha) (?:dirigido|destinado|enviado) a"
    r"|Este (?:e-mail|email) (?:foi|era) (?:enviado|destinado) (?:para|a)"
    r"|Questa (?:email|e-mail) (?:era destinata|è stata inviata) a"
    r"|Deze e-?mail (?:is|was) (?:bestemd|verzonden) (?:voor|aan)"
    r"|Det här e-postmeddelandet var avsett för)"
    r"[ \t]*(?P<name>[^()\n]*?)[ \t]*(?:\(|\bbestimmt\b|\bgesendet\b|\.?[ \t]*$)",
    re.I | re.M)

# Subjects, in _norm() form. Each kind's patterns in en, fr, de, es, pt, it, nl, sv.
_SUBJECT_ACCEPTED = re.compile(
    r"accepted your invitation|start a conversation with your new connection|a accepte votre invitation"
    r"|a accepte ton invitation|hat (?:ihre|deine) einladung angenommen|ha aceptado tu invitacion|acepto tu invitacion"
    r"|aceitou (?:o )?seu convite|ha accettato il tuo invito|heeft je uitnodiging geaccepteerd|har accepterat din inbjudan")
_SUBJECT_INVITE_DIGEST = re.compile(
    r"you have \d+ new invitations?|vous avez \d+ (?:nouvelles? )?invitations?|sie haben \d+ neue einladung"
    r"|tienes \d+ invitaciones? nuevas?|tienes \d+ nuevas? invitaciones?|voce tem \d+ novos? convites?"
    r"|hai \d+ nuovi inviti|je hebt \d+ nieuwe uitnodigingen|du har \d+ nya inbjudningar")
_SUBJECT_REMINDER = re.compile(
    r"waiting for your response|reminder|rappel|attend (?:votre|ta) reponse|erinnerung|wartet (?:noch )?auf (?:ihre|deine) antwort"
    r"|recordatorio|esperando tu respuesta|lembrete|aguardando (?:a )?sua resposta|promemoria|aspetta una tua risposta"
    r"|herinnering|wacht op je antwoord|paminnelse|vantar pa ditt svar")
_SUBJECT_INVITATION = re.compile(
    r"add me to your linkedin network|i want to connect|i(?:'d| would) like to connect|wants to connect|invitation to connect"
    r"|join my (?:linkedin )?network|connection request|new invitation|pending (?:connection|invitation)"
    r"|je souhaite (?:me connecter|rejoindre votre reseau|vous ajouter)|souhaite se connecter|invitation a se connecter"
    r"|ich mochte mich (?:mit (?:ihnen|dir) )?vernetzen|mochte sich mit (?:ihnen|dir) vernetzen|kontaktanfrage|einladung zum vernetzen"
    r"|quiero conectar|quiere conectar|invitacion para conectar|quero me conectar|quero conectar|quer se conectar"
    r"|convite para (?:se )?conectar|voglio collegarmi|vuole collegarsi|ik wil (?:met je )?(?:connectie maken|connecten)"
    r"|jag vill (?:ansluta|kontakta|knyta kontakt)")
_SUBJECT_MESSAGE = re.compile(
    r"just messaged you|sent you (?:a )?(?:new )?messages?|sent new messages|new messages? from|\d+ new messages"
    r"|vous a envoye un message|vient de vous envoyer un message|ont envoye de nouveaux messages|nouveaux messages"
    r"|hat ihnen (?:gerade )?eine nachricht gesendet|hat dir (?:gerade )?eine nachricht gesendet|neue nachrichten"
    r"|te (?:ha )?envi(?:o|ado) un mensaje|acaba de enviarte un mensaje|mensajes nuevos|nuevos mensajes"
    r"|acabou de (?:lhe )?enviar uma mensagem|enviou uma mensagem|novas mensagens"
    r"|ti ha (?:appena )?inviato un messaggio|nuovi messaggi|heeft je een bericht gestuurd|har skickat ett meddelande")
_FORWARD_RE = re.compile(r"^\s*(?:fwd?|fw|tr|wg|rv|enc|i|vs|doorst)\s*:", re.I)
_REPLY_RE = re.compile(r"^\s*(?:re|aw|antw|sv|r|rif)\s*:", re.I)
_NAME_IN_SUBJECT = (
    re.compile(r"^(?:invitation from|einladung von|invitacion de|convite de|invitation de)\s+(.{2,60}?)\s*$", re.I),
    re.compile(r"^(.{2,60}?)\s+(?:wants to connect|is waiting for your response|would like to connect|just messaged you"
               r"|sent you a message|accepted your invitation)", re.I),
)

# ======================================================================= documents


@dataclass
class _Doc:
    """A body reduced to lines (the footer cut off) and its links, from the text part or the HTML."""

    lines: list[str]
    links: list[tuple[str, str]]      # (label, URL)
    footer: str
    source: str                       # "text" | "html"
    line_links: dict[int, str] = field(default_factory=dict)  # line index -> URL it carries


def _is_footer(line: str) -> bool:
    if _DASHES_RE.match(line):
        return True
    return bool(_FOOTER_RE.match(_norm(line)))


def _text_doc(text: str) -> _Doc:
    """The text/plain part as lines; "Label: URL" and "(URL)" lines become links."""
    raw_lines = text.split("\n")
    lines: list[str] = []
    links: list[tuple[str, str]] = []
    line_links: dict[int, str] = {}
    footer_at = len(raw_lines)
    for i, line in enumerate(raw_lines):
        stripped = line.strip()
        if stripped and _is_footer(stripped):
            footer_at = i
            break
    for line in raw_lines[:footer_at]:
        line = line.rstrip()
        stripped = line.strip()
        m = _LABEL_URL_RE.match(stripped) if "http" in stripped else None
        if m:
            links.append((m.group(1).strip(), m.group(2)))
            line_links[len(lines)] = m.group(2)
        else:
            u = _URL_LINE_RE.match(stripped) if "http" in stripped else None
            if u:
                label = next((p.strip() for p in reversed(lines) if p.strip()), "")
                links.append((label, u.group(1)))
                line_links[len(lines)] = u.group(1)
        lines.append(line)
    return _Doc(lines, links, "\n".join(raw_lines[footer_at:]), "text", line_links)


# ----------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset({"p", "div", "li", "dd", "dt", "td", "th", "center", "section", "article", "header", "footer",
                         "address", "pre", "figcaption", "main", "nav", "aside", "form", "caption", "tbody", "thead"})
_PARA_TAGS = frozenset({"table", "tr", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"})
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "img", "svg", "meta", "link", "object",
                        "iframe", "template", "input", "select", "textarea", "video", "audio", "map", "area"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)


# Mail HTML puts long inline styles on most elements and _HIDDEN_STYLE_RE (re.I, three branches) costs ~9 µs on
# each. What every match of it holds, found ~30 times faster: no letter but n, h, a matches n, h, a under re.I.
_HIDDEN_HINT_RE = re.compile(r":\s*[nNhHaA]")
# The same as _HIDDEN_STYLE_RE for ASCII text once lowercased (re.I folds only A-Z there), ~5 times faster.
_HIDDEN_STYLE_LOWER_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all")


def _hidden(attrib: Any) -> bool:
    """Whether the attributes hide the element: a preheader, hidden, or a style with display:none and the like."""
    if "data-email-preheader" in attrib or "hidden" in attrib:
        return True
    style = attrib.get("style")
    if not style or _HIDDEN_HINT_RE.search(style) is None:
        return False
    if style.isascii():
        return _HIDDEN_STYLE_LOWER_RE.search(style.lower()) is not None
    return _HIDDEN_STYLE_RE.search(style) is not None


class _HtmlStop(Exception):
    """Raised by _HtmlReader to stop lxml's parser at MAX_HTML_NODES."""


# What _HtmlReader does with an element: on leaving it (_CLOSE_*), or skip it (_SKIP), or a line break (_BR).
_CLOSE_NONE, _CLOSE_BLOCK, _CLOSE_PARA, _CLOSE_LINK, _SKIP, _BR = 0, 1, 2, 3, 4, 5
_TAG_ACTION = {**{tag: _CLOSE_BLOCK for tag in _BLOCK_TAGS}, **{tag: _CLOSE_PARA for tag in _PARA_TAGS}, "a": _CLOSE_LINK,
               **{tag: _SKIP for tag in _SKIP_TAGS}, "br": _BR}


class _HtmlReader:
    """An lxml parser target that turns the parser's events into the visible text and links of the <body>.

    No tree is built: lxml calls start/end/data/comment as it reads, in
    document order, so nesting costs no stack and libxml2's limit of 256
    levels for a tree does not apply (mail nests thousands of tags deep).
    Only the first <body> is read; without one, the whole document is.
    """

    __slots__ = ("out", "links", "open_links", "closes", "pending", "seen", "skip", "buf", "in_body", "done")

    def __init__(self) -> None:
        self._reset()
        self.in_body = False

    def _reset(self) -> None:
        self.out: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.open_links: list[tuple[int, str]] = []  # (index in out where the link text starts, href)
        self.closes: list[int] = []                  # a _CLOSE_* for each element being read
        # Line breaks wait until the next visible text, so nested blocks give one break, not a blank line each.
        self.pending = 0
        self.seen = 0
        self.skip = 0       # > 0 inside a skipped element (script, style, hidden preheader...): its depth
        self.buf: list[str] = []  # text not yet read: lxml hands one text in several pieces
        self.done = False

    def _count(self) -> None:
        """Count one node, as a walk of the tree would; stop the parser past MAX_HTML_NODES."""
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self.done = True
            raise _HtmlStop

    def _text(self) -> None:
        buf = self.buf
        text = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self._count()
        piece = _SPACE_RE.sub(" ", text.replace("\n", " "))
        if piece.strip():
            if self.pending:
                self.out.append("\n" * min(self.pending, 2))
                self.pending = 0
            self.out.append(piece)
        elif not self.pending:
            self.out.append(piece)

    def start(self, tag: str, attrib: Any) -> None:
        if self.buf:
            self._text()
        if not self.in_body and tag == "body":
            self._reset()  # what came before the body is not read
            self.in_body = True
        if self.skip or self.done:
            self.skip += 1
            return
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self._count()
        action = _TAG_ACTION.get(tag, _CLOSE_NONE)
        if action == _SKIP or (attrib and _hidden(attrib)):
            self.skip = 1
            return
        if action in (_CLOSE_NONE, _CLOSE_BLOCK, _CLOSE_PARA):
            self._break(action)
        elif action == _CLOSE_LINK:
            href = attrib.get("href") if attrib else None
            if href:
                self.open_links.append((len(self.out), href))
        else:  # <br>
            self.pending += 1
            self.skip = 1  # its end is not a closing either
            return
        self.closes.append(action)

    def _break(self, code: int) -> None:
        """A block edge asks for one line break, a paragraph edge for a blank line; never fewer than pending."""
        if code == _CLOSE_BLOCK:
            self.pending = max(self.pending, 1)
        elif code == _CLOSE_PARA:
            self.pending = max(self.pending, 2)

    def end(self, tag: str) -> None:
        if self.buf:
            self._text()
        if self.skip:
            self.skip -= 1
            return
        if self.done or not self.closes:
            return
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self._count()
        code = self.closes.pop()
        if code in (_CLOSE_NONE, _CLOSE_BLOCK, _CLOSE_PARA):
            self._break(code)
        elif self.open_links:  # _CLOSE_LINK
            start, href = self.open_links.pop()
            self.links.append((" ".join("".join(self.out[start:]).split()), href))
        if self.in_body and not self.closes:
            self.done = True  # the body is read

    def data(self, text: str) -> None:
        if text and not self.skip and not self.done:
            self.buf.append(text)

    def comment(self, text: str) -> None:
        if self.buf:
            self._text()
        if not self.skip and not self.done:
            self._count()

    def pi(self, target: str, data: str | None = None) -> None:
        self.comment(target)

    def close(self) -> None:
        if self.buf and not self.done:
            self._text()


_html_parsers = threading.local()  # .pair: this thread's (lxml parser, its _HtmlReader)


def _read_html(markup: str) -> _HtmlReader:
    """The markup read by lxml's HTML parser into an _HtmlReader; never raises, keeps what was read on an error."""
    from lxml import etree  # imported here: only mail without a usable text part pays

    # One parser per thread, reused: a new parser target costs lxml an inspect.signature() call (~0.1 ms).
    pair = getattr(_html_parsers, "pair", None)
    if pair is None:
        reader = _HtmlReader()
        pair = _html_parsers.pair = (etree.HTMLParser(target=reader, recover=True, no_network=True), reader)
    parser, reader = pair
    reader._reset()
    reader.in_body = False
    try:
        # A str is parsed as the text it is: a <meta charset> in it is not obeyed.
        etree.fromstring(markup, parser)
        return reader
    except ValueError:
        if reader.seen or reader.in_body:
            return reader  # raised while reading: keep what was read
        # A str with an <?xml encoding=...?> declaration, refused before reading: the feed interface takes it.
    except Exception:  # noqa: BLE001 - _HtmlStop, or lxml's error on hostile markup
        return reader
    reader = _HtmlReader()  # a parser of its own: the shared one is not left half-fed
    try:
        parser = etree.HTMLParser(target=reader, recover=True, no_network=True)
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001
        pass
    return reader


def _html_doc(markup: str) -> _Doc:
    """The HTML part as lines, the way a reader sees it: hidden preheaders dropped, tables and <br> as line breaks."""
    reader = _read_html(markup[:MAX_HTML_TREE_CHARS])
    out, links = reader.out, reader.links
    reader._reset()  # the reader is kept for the thread's next mail: not this one's text
    text = clean_text("".join(out))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    footer_at = len(lines)
    for i, line in enumerate(lines):
        if line and _is_footer(line):
            footer_at = i
            break
    # Collapse runs of blank lines to one, so paragraphs read as in the text part.
    content: list[str] = []
    for line in lines[:footer_at]:
        if line or (content and content[-1]):
            content.append(line)
    return _Doc(content, links, "\n".join(lines[footer_at:]), "html")


_ANCHOR_START_RE = re.compile(r"<(a|area|form)\b([^>]{0,4000})>", re.I)
_HREF_RE = re.compile(r"""\b(href|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TAG_RE = re.compile(r"<[^>]*>")
_TEXT_URL_RE = re.compile(r"https?://[^\s<>()\"'\]]+")


def _html_links(markup: str) -> list[tuple[str, str]]:
    """(label, URL) of every link and form in the HTML, cheaply, without building a tree."""
    links: list[tuple[str, str]] = []
    for m in _ANCHOR_START_RE.finditer(markup):
        if len(links) >= MAX_LINKS:
            break
        h = _HREF_RE.search(m.group(2))
        if not h:
            continue
        url = (h.group(2) or h.group(3) or h.group(4) or "").strip()
        if "&#" in url:  # an entity-encoded host hides where the link goes; &amp; in the query does not matter
            url = html_lib.unescape(url)
        tag = m.group(1).lower()
        if tag == "form":
            links.append(("form", url))
            continue
        label = ""
        if tag == "a":
            end = markup.find("</a", m.end(), m.end() + 4000)
            if end > 0:
                label = markup[m.end():end]
                if "<" in label:
                    label = _TAG_RE.sub(" ", label)
                label = " ".join((html_lib.unescape(label) if "&" in label else label).split())
        links.append((clean_text(label).strip(), url))
    return links


def _html_intended_for(markup: str) -> str | None:
    """The "intended for" footer read from the HTML with a regex, when the text part has none."""
    for m in re.finditer(r"intended for|destin[ée] à|war für|dirigido a|enviado para|destinata a", markup, re.I):
        chunk = markup[max(0, m.start() - 200): m.end() + 600]
        text = " ".join(html_lib.unescape(_TAG_RE.sub(" ", chunk)).split())
        found = _INTENDED_RE.search(clean_text(text))
        if found:
            return found.group("name").strip()
    return None


# ======================================================================= line helpers


_LINKEDIN_URL_RE = re.compile(r"^[(<]?https?://(?:[\w-]+\.)*(?:linkedin\.com|licdn\.com|lnkd\.in)(?:[/:?#]|$)", re.I)


def _is_button(line: str) -> bool:
    """A LinkedIn button: a known label, bare or as "Label: URL", or any label on a LinkedIn URL.

    "Portfolio: https://maria.example" in a note is the person's words, not a button.
    """
    stripped = line.strip()
    if not stripped:
        return False
    m = _LABEL_URL_RE.match(stripped) if "http" in stripped else None
    if m:
        if _LINKEDIN_URL_RE.match(m.group(2)):
            return True
        stripped = m.group(1)
    n = _norm(stripped).rstrip(" .:>»›→")
    if n in _BUTTON_LABELS or _BUTTON_RE.match(n):
        return True
    # A row of buttons starts with a button's first word: checked first, the row pattern tries every label.
    first = _FIRST_TOKEN_RE.match(n)
    return len(n) < 120 and first is not None and first.group(0) in _BUTTON_FIRST_WORDS and bool(_BUTTON_ROW_RE.match(n))


def _is_url_line(line: str) -> bool:
    """A line that is only a LinkedIn link (a person's own bare link stays part of their words)."""
    if "http" not in line:
        return False
    m = _URL_LINE_RE.match(line)
    return bool(m) and bool(_LINKEDIN_URL_RE.match(m.group(1)))


def _is_noise(line: str) -> bool:
    """A line that is never a person's words: a button, a bare link, a separator."""
    return _is_button(line) or _is_url_line(line) or bool(_SEPARATOR_RE.match(line))


def _same_name(a: str, b: str) -> bool:
    return bool(a) and _norm(a) == _norm(b)


def _find_line(lines: list[str], name: str, start: int = 0) -> int | None:
    if not name:
        return None
    target = _norm(name)
    for i in range(start, len(lines)):
        if lines[i] and _norm(lines[i]) == target:
            return i
    return None


@dataclass
class _Card:
    start: int
    end: int                 # index after the card's last line
    name: str
    headline: str = ""
    location: str = ""
    mutual: int | None = None


def _mutual(line: str) -> int | None:
    m = _MUTUAL_RE.match(_norm(line))
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return int(digits) if digits else None


_LOCATION_SMALL_WORDS = frozenset("""de del della dei da do dos das du des di d e y i la le les el lo l of and the upon on
am an der die den im in och en et und sur bei aan op van von area region regiao metropolitan greater okolice alrededores
umgebung peripherie environs""".split())


def _looks_like_location(line: str, next_line: str = "") -> bool:
    """A place as a card writes it ("Bristol, England, United Kingdom", "São Paulo e Região"), not a sentence."""
    line = line.strip()
    if not line or next_line.strip() or len(line) > 80 or line[-1] in ".!?:;,…" or any(c.isdigit() for c in line):
        return False
    if _GREETING_RE.match(_norm(line)):
        return False
    words = [w for w in re.split(r"[\s,/·()'’-]+", line) if w]
    if not 1 <= len(words) <= 8:
        return False
    return all(not w[0].isalpha() or w[0].isupper() or _norm(w) in _LOCATION_SMALL_WORDS for w in words)


def _card_at(lines: list[str], i: int, loose: bool = False) -> _Card:
    """The name line and the lines right under it: headline, location, "N connections in common".

    loose: HTML that puts each card line in its own table row reads as lines
    with blank lines between; then the card lines are looked for across
    the blanks (see _loose_card).
    """
    if loose and i + 1 < len(lines) and not lines[i + 1].strip():
        return _loose_card(lines, i)
    card = _Card(i, i + 1, lines[i].strip())
    j = i + 1
    others: list[str] = []
    while j < len(lines) and j - i <= 5:
        line = lines[j].strip()
        if not line or _is_button(line) or _is_url_line(line) or _SEPARATOR_RE.match(line):
            break
        mutual = _mutual(line)
        if mutual is not None:
            card.mutual = mutual
        else:
            others.append(line)
        j += 1
        if mutual is not None:
            break
    card.end = j
    if others:
        card.headline = others[0]
    if len(others) > 1:
        card.location = others[1]
    return card


def _loose_card(lines: list[str], i: int) -> _Card:
    """A card whose lines are separated by blank lines (HTML rows): name, then up to four lines before a button.

    With an "N connections in common" line the card ends there. Without one,
    the first line is the headline and the second the location only when it
    reads as a place and is a line of its own; anything else is left to the note.
    """
    card = _Card(i, i + 1, lines[i].strip())
    found: list[tuple[int, str]] = []
    j = i + 1
    while j < len(lines) and len(found) < 4:
        line = lines[j].strip()
        if line:
            if _is_button(line) or _is_url_line(line) or _SEPARATOR_RE.match(line):
                break
            found.append((j, line))
        j += 1
    for k, (idx, line) in enumerate(found):
        mutual = _mutual(line)
        if mutual is not None:
            card.mutual, card.end = mutual, idx + 1
            others = [text for _, text in found[:k]]
            card.headline = others[0] if others else ""
            card.location = others[1] if len(others) > 1 else ""
            return card
    if not found or _GREETING_RE.match(_norm(found[0][1])) or len(found[0][1]) > 220:
        return card
    idx, card.headline = found[0]
    card.end = idx + 1
    if len(found) > 1:
        idx, line = found[1]
        if _looks_like_location(line, lines[idx + 1] if idx + 1 < len(lines) else ""):
            card.location, card.end = line, idx + 1
    return card


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 6 and len(line) <= 60 and not line.rstrip().endswith((".", "!", "?", ":", ","))


def _guess_card(lines: list[str], before: int) -> int | None:
    """Where the card starts when the sender's name is not known: above "N connections" or the first button."""
    for i in range(before):
        if _mutual(lines[i]) is not None:
            j = i
            while j > 0 and lines[j - 1].strip() and not _is_noise(lines[j - 1]):
                j -= 1
            return j if j < i else None
    j = before - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    end = j
    while j > 0 and lines[j - 1].strip() and not _is_noise(lines[j - 1]):
        j -= 1
    if 0 <= j <= end and end - j <= 3 and _looks_like_name(lines[j]) and not _is_noise(lines[j]) \
            and not _BOILERPLATE_RE.match(_norm(lines[j])):
        return j
    return None


def _paragraphs(lines: list[str]) -> str:
    """Lines back into text: single newlines inside a paragraph, one blank line between paragraphs."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line.strip():
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    text = "\n".join(out)
    return _unwrap_tracking(text).strip()


_REDIRECT_RE = re.compile(r"https?://(?:[\w-]+\.)?linkedin\.com/(?:comm/)?redir/redirect\?[^\s<>()\"']+")


def _unwrap_tracking(text: str) -> str:
    """Links in a person's words: LinkedIn's redirect wrapper unwrapped, tracking parameters dropped."""
    if "linkedin.com" not in text:
        return text

    def unwrap(m: re.Match[str]) -> str:
        query = dict(parse_qsl(urlsplit(m.group(0)).query))
        return query.get("url", m.group(0))

    text = _REDIRECT_RE.sub(unwrap, text)
    return re.sub(r"https?://(?:[\w-]+\.)?linkedin\.com/[^\s<>()\"']+", lambda m: clean_url(m.group(0)), text)


def _words_between(lines: list[str], start: int, end: int) -> list[str]:
    """Lines in [start, end) that can be a person's words: no buttons, links, separators, LinkedIn sentences."""
    kept = []
    for line in lines[start:end]:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if _is_noise(stripped) or _BOILERPLATE_RE.match(_norm(stripped)):
            continue
        kept.append(line)
    return kept


def _first_button(lines: list[str], start: int) -> int:
    for i in range(start, len(lines)):
        if _is_button(lines[i]):
            return i
    return len(lines)


def _profile_link(doc: _Doc, name: str, near: int | None = None) -> str:
    """The sender's profile: the link labeled with their name or "View profile", else the card's own link."""
    if near is not None and doc.source == "text":
        for i in range(near, min(near + 4, len(doc.lines))):
            url = doc.line_links.get(i)
            if url and is_profile_url(url):
                return clean_url(url)
    fallback = ""
    for label, url in doc.links:
        if not is_profile_url(url):
            continue
        n = _norm(label)
        if name and (n == _norm(name) or n.startswith(_norm(name) + " (")):
            return clean_url(url)
        if not fallback and (n in _PROFILE_BUTTONS or _BUTTON_RE.match(n)):
            fallback = clean_url(url)
    return fallback


# ======================================================================= extractors


def _extract_invitation(doc: _Doc, name: str) -> Item | None:
    """An invitation's card and note; None when the layout is not recognised."""
    lines = doc.lines
    first_button = _first_button(lines, 0)
    if first_button >= len(lines):
        return None  # no Accept / View profile at all: cut off or not an invitation layout
    i = _find_line(lines, name)
    if i is not None and i > first_button:
        i = None
    if i is None:
        i = _guess_card(lines, first_button)
    item = Item(kind="invitation")
    greeting = next((k for k in range(len(lines)) if lines[k].strip() and _GREETING_RE.match(_norm(lines[k]))), None)
    if i is not None:
        card = _card_at(lines, i, loose=doc.source == "html")
        item.sender_name = name if _same_name(name, card.name) else card.name
        item.sender_headline, item.sender_location, item.mutual_connections = card.headline, card.location, card.mutual
        after = _words_between(lines, card.end, _first_button(lines, card.end))
        # 2016 layout: greeting, note, then the card. A note under the card (2024+) needs nothing above it.
        if greeting is not None and greeting < i:
            before = _words_between(lines, greeting + 1, i)
        elif not any(line.strip() for line in after):
            before = _words_between(lines, 0, i)
        else:
            before = []
        note = before + [""] + after
        item.profile_url = _profile_link(doc, item.sender_name)
    else:
        has_accept = any(_norm(label) in _ACCEPT_BUTTONS for label, _ in doc.links) or any(
            _norm(line).rstrip(" .:") in _ACCEPT_BUTTONS for line in lines)
        if not has_accept or not name:
            return None
        item.sender_name = name
        start = greeting + 1 if greeting is not None else 0
        note = _words_between(lines, start, first_button)
        item.profile_url = _profile_link(doc, name)
    text = _paragraphs(note)
    item.text = "" if text and is_default_note(text) else text
    return item


# What each line of a digest is, worked out once: blank, separator, Accept, other button, LinkedIn link, words.
_BLANK, _SEP, _ACCEPT, _BUTTON, _LINK, _WORDS = range(6)


def _line_roles(lines: list[str]) -> list[int]:
    roles = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            roles.append(_BLANK)
        elif _SEPARATOR_RE.match(stripped):
            roles.append(_SEP)
        elif _is_button(stripped):
            m = _LABEL_URL_RE.match(stripped) if "http" in stripped else None
            words = _norm(m.group(1) if m else stripped).split(None, 1)
            roles.append(_ACCEPT if words and words[0].rstrip(" .:>»›→") in _ACCEPT_BUTTONS else _BUTTON)
        elif _is_url_line(stripped):
            roles.append(_LINK)
        else:
            roles.append(_WORDS)
    return roles


def _invitation_segments(roles: list[int]) -> list[tuple[int, int, bool]]:
    """[start, end) per card of an invitation digest, and whether it holds an Accept button.

    Split at separator lines (the text part's dotted lines) and at the first
    line after a group of buttons that held an Accept, so HTML cards, which
    have no separators, split after their buttons.
    """
    segments: list[tuple[int, int, bool]] = []
    start, accept, after_buttons = 0, False, False
    for i, role in enumerate(roles):
        if role == _BLANK or role == _LINK:
            continue
        if role == _SEP:
            segments.append((start, i, accept))
            start, accept, after_buttons = i + 1, False, False
            continue
        if role == _ACCEPT or role == _BUTTON:
            accept = accept or role == _ACCEPT
            after_buttons = accept
            continue
        if after_buttons:
            segments.append((start, i, accept))
            start, accept, after_buttons = i, False, False
    segments.append((start, len(roles), accept))
    return [seg for seg in segments if seg[1] > seg[0]]


def _extract_invitation_digest(doc: _Doc, subject: str, names: frozenset[str]) -> list[Item]:
    """One invitation per card of a digest; [] when any card with an Accept button cannot be read.

    names: the people's names as the HTML labels their profile links (_norm form),
    where a card starts when the segment has one; otherwise the card is the first
    line that is not LinkedIn's heading. A misread card gives no items rather
    than a guessed note: the caller then counts the mail as "other".
    """
    lines = doc.lines
    loose = doc.source == "html"
    heading = _norm(subject)
    roles = _line_roles(lines)
    items: list[Item] = []
    for start, end, accept in _invitation_segments(roles):
        if not accept:
            continue
        k = None
        if names:
            k = next((j for j in range(start, end) if roles[j] == _WORDS and _norm(lines[j]) in names), None)
        if k is None:
            k = start
            while k < end and (roles[k] != _WORDS or _norm(lines[k]) == heading
                               or _BOILERPLATE_RE.match(_norm(lines[k]))):
                k += 1
        if k >= end or roles[k] != _WORDS or not _looks_like_name(lines[k].strip()) or _mutual(lines[k]) is not None:
            return []
        card = _card_at(lines[:end], k, loose=loose)
        button = next((j for j in range(card.end, end) if roles[j] in (_ACCEPT, _BUTTON)), end)
        if button >= end:
            return []
        between = lines[card.end:button]
        if any(_mutual(line) is not None for line in between if line.strip()):
            return []  # the card's own lines below what was read as the card: the layout was misread
        item = Item(kind="invitation", sender_name=card.name, sender_headline=card.headline,
                    sender_location=card.location, mutual_connections=card.mutual)
        text = _paragraphs(_words_between(lines, card.end, button))
        item.text = "" if text and is_default_note(text) else text
        item.profile_url = _segment_profile(doc, start, end, card.name)
        items.append(item)
    return items


def _segment_profile(doc: _Doc, start: int, end: int, name: str) -> str:
    """The profile link of the card in lines [start, end): a "View profile: URL" line, else the link labeled with the name."""
    for i in range(start, end):
        url = doc.line_links.get(i)
        if url and is_profile_url(url):
            return clean_url(url)
    if doc.source == "html":
        target = _norm(name)
        for label, url in doc.links:
            if is_profile_url(url) and _norm(label) == target:
                return clean_url(url)
    return ""


def _message_segments(lines: list[str]) -> list[tuple[int, int]]:
    """[start, end) ranges, one per message card: split at separators and after each message button."""
    segments: list[tuple[int, int]] = []
    start = 0
    after_button = False
    for i, line in enumerate(lines + ["........"]):
        stripped = line.strip()
        is_sep = bool(_SEPARATOR_RE.match(stripped)) if stripped else False
        is_msg_button = bool(stripped) and _is_message_button(stripped)
        if is_sep or (after_button and stripped and not is_msg_button and not _is_noise(stripped)):
            if i > start:
                segments.append((start, i))
            start = i + 1 if is_sep else i
            after_button = False
        if is_msg_button:
            after_button = True
    return segments


def _is_message_button(line: str) -> bool:
    m = _LABEL_URL_RE.match(line) if "http" in line else None
    if m:
        return _norm(m.group(1)) in _MESSAGE_BUTTONS or "/messaging/" in m.group(2)
    return _norm(line).rstrip(" .:>»›→") in _MESSAGE_BUTTONS


def _extract_messages(doc: _Doc, name: str) -> list[Item]:
    """One item per message card (several in a digest): name, headline, profile, and the text when the mail has it."""
    lines = doc.lines
    items: list[Item] = []
    for start, end in _message_segments(lines):
        segment = lines[start:end]
        if not any(_is_message_button(line.strip()) for line in segment if line.strip()):
            continue
        k = 0
        while k < len(segment) and (not segment[k].strip() or _BOILERPLATE_RE.match(_norm(segment[k]))
                                    or _is_noise(segment[k])):
            k += 1
        if k >= len(segment):
            continue
        first = segment[k].strip()
        item = Item(kind="message")
        m = _NAME_HEADLINE_RE.match(first)
        nxt = segment[k + 1].strip() if k + 1 < len(segment) else ""
        if m and _is_url_line(nxt):
            item.sender_name, item.sender_headline = m.group(1).strip(), m.group(2).strip()
            url = _URL_LINE_RE.match(nxt).group(1)  # type: ignore[union-attr]
            item.profile_url = clean_url(url) if is_profile_url(url) else ""
            body_from = k + 2
        else:
            card = _card_at(segment, k, loose=doc.source == "html")
            item.sender_name, item.sender_headline, item.sender_location = card.name, card.headline, card.location
            item.mutual_connections = card.mutual
            body_from = card.end
            item.profile_url = _profile_link(doc, item.sender_name)
        if _same_name(name, item.sender_name):
            item.sender_name = name
        body_end = _first_button(segment, body_from)
        item.text = _paragraphs(_words_between(segment, body_from, body_end))
        items.append(item)
    return items


def _extract_inmail(doc: _Doc, name: str, subject: str) -> Item | None:
    """An InMail's sender card and its full body (between the card and the "View message" button or the footer)."""
    lines = doc.lines
    i = _find_line(lines, name)
    if i is None:
        return None
    card = _card_at(lines, i, loose=doc.source == "html")
    item = Item(kind="inmail", sender_name=name, sender_headline=card.headline, sender_location=card.location,
                mutual_connections=card.mutual, subject=subject)
    j = card.end
    while j < len(lines) and (not lines[j].strip() or _is_noise(lines[j])):
        j += 1
    end = len(lines)
    for k in range(j, len(lines)):
        stripped = lines[k].strip()
        if (_is_button(stripped) and not _LABEL_URL_RE.match(stripped)) or _is_message_button(stripped):
            end = k
            break
    body = [line for line in lines[j:end] if not _SEPARATOR_RE.match(line.strip()) or not line.strip()]
    # The 2016 layout repeats the subject above the body.
    if body and subject and _norm(body[0]) == _norm(subject) and (len(body) == 1 or not body[1].strip()):
        body = body[1:]
    item.text = _paragraphs(body)
    item.profile_url = _profile_link(doc, name)
    return item


def _extract_accepted(doc: _Doc, name: str) -> Item:
    """The new connection: name, headline, profile. The "thanks for connecting!" starter is LinkedIn's, not theirs."""
    item = Item(kind="accepted", sender_name=name)
    i = _find_line(doc.lines, name)
    if i is not None:
        card = _card_at(doc.lines, i)
        item.sender_headline, item.sender_location, item.mutual_connections = card.headline, card.location, card.mutual
    item.profile_url = _profile_link(doc, name)
    return item


# ======================================================================= kinds


# Internal kind of an invitations digest while it is read; the mail becomes "digest" (or "other" when unreadable).
_INVITATION_DIGEST = "invitation_digest"


def _kind_from_headers(local: str, domain: str, template: str, klass: str, subject: str) -> tuple[str, bool]:
    """(kind, reminder) from sender, X-LinkedIn headers and subject; kind "" when they do not tell."""
    n = _norm(subject)
    template, klass = template.lower(), klass.upper()
    if "inmail" in template or klass == "INMAIL" or local in ("inmail-hit-reply", "hit-reply"):
        return "inmail", False
    if "invite_digest" in template or _SUBJECT_INVITE_DIGEST.search(n):
        return _INVITATION_DIGEST, False
    if "accept" in template or ((local.startswith("invitation") or not template) and _SUBJECT_ACCEPTED.search(n)):
        return "accepted", False
    if "invite_reminder" in template:
        return "invitation", True
    invite_family = "m2m_invite" in template or klass in ("INVITATION", "INVITE-GUEST") or local.startswith("invitation")
    if invite_family or _SUBJECT_INVITATION.search(n):
        return "invitation", bool(_SUBJECT_REMINDER.search(n))
    if "member_message" in template or "messaging" in template or local in ("messaging-digest-noreply", "member") \
            or _SUBJECT_MESSAGE.search(n):
        return "message", False
    if template or klass or authenticity.is_linkedin_domain(domain):
        return "other", False
    return "", False


def _claims_linkedin(display: str, domain: str, headers: dict[str, list[bytes]], subject: str) -> bool:
    """Whether the mail presents itself as a LinkedIn notification (before looking at the body)."""
    if authenticity.is_linkedin_domain(domain) or authenticity.lookalike_domain(domain):
        return True
    if authenticity.display_imitates_linkedin(display):
        return True
    return any(name.startswith("x-linkedin") for name in headers)


def _subject_claims(subject: str) -> bool:
    """A LinkedIn notification subject sent by someone else: a fake, unless the user forwarded or replied."""
    if _FORWARD_RE.match(subject) or _REPLY_RE.match(subject):
        return False
    n = _norm(subject)
    return bool(_SUBJECT_INVITATION.search(n) or _SUBJECT_ACCEPTED.search(n) or _SUBJECT_INVITE_DIGEST.search(n))


# ======================================================================= the parse


def _parse(raw: bytes, options: ParseOptions) -> ParsedMail:
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        return ParsedMail(status=MAIL_UNPARSEABLE, error=f"expected bytes, got {type(raw).__name__}")
    raw = bytes(raw[:MAX_MESSAGE_BYTES])
    if not raw.strip():
        return ParsedMail(status=MAIL_UNPARSEABLE, error="empty message")
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if b"\x00" in raw:
        raw = raw.replace(b"\x00", b"")
    raw = raw.lstrip(b"\n")
    head, body = _split_head(raw)
    if len(head) > MAX_HEADER_BYTES:
        return ParsedMail(status=MAIL_UNPARSEABLE, error="header block too large or no end of headers")
    headers, early = _parse_headers(head)
    if early and not body and b"\n" not in early.strip() and headers:
        early = b""  # the message ended inside its headers: a cut-off last line, not a body
    if early:
        body = early + (b"\n\n" + body if body else b"")
    if not _CORE_HEADERS.intersection(headers):
        return ParsedMail(status=MAIL_UNPARSEABLE, error="no mail headers found")

    subject = _header_str(headers, "subject")
    from_value = _header_str(headers, "from")
    display, address = split_address(from_value)
    domain = _address_domain(address)
    message_id = _header_str(headers, "message-id")
    mid = re.search(r"<[^<>]+>", message_id)
    message_id = mid.group(0) if mid else message_id.split()[0] if message_id.split() else ""
    date = _parse_date(_header_str(headers, "date"))
    base = dict(message_id=message_id, subject=subject, from_address=address, date=date)

    claims = _claims_linkedin(display, domain, headers, subject)
    if not claims and not (subject and _subject_claims(subject)):
        return ParsedMail(status=MAIL_NOT_LINKEDIN, **base)

    mime = _Mime()
    _walk(headers, body, mime, options, 0)
    text = _decode_part(mime.text) if mime.text else ""
    # The markup is cleaned of filler characters only where its text is read (_html_doc, labels).
    markup = _decode_part(mime.html, clean=False) if mime.html else ""
    if not claims:
        # Only the subject says LinkedIn: believe it when the body does too (a fake invitation from a freemail).
        if "linkedin" not in text.lower() and "linkedin" not in markup.lower():
            return ParsedMail(status=MAIL_NOT_LINKEDIN, **base)

    local = address.rsplit("@", 1)[0].lower() if "@" in address else ""
    kind, reminder = _kind_from_headers(local, domain, _header_str(headers, "x-linkedin-template"),
                                        _header_str(headers, "x-linkedin-class"), subject)
    name = sender_name_from_display(display) or _name_from_subject(subject)

    text_doc = _text_doc(text) if text.strip() else None
    html_doc: _Doc | None = None

    def html() -> _Doc | None:
        nonlocal html_doc
        if html_doc is None and markup.strip():
            html_doc = _html_doc(markup)
        return html_doc

    if not kind:
        kind = _kind_from_body(text_doc or html())
    links = _html_links(markup) if markup else []
    if kind == _INVITATION_DIGEST:
        names = frozenset(_norm(label) for label, url in links
                          if label and is_profile_url(url) and _looks_like_name(label) and not _is_button(label))
        items = _extract_invitation_digest(text_doc, subject, names) if text_doc else []
        if not items and html() is not None:
            items = _extract_invitation_digest(html_doc, subject, names)  # type: ignore[arg-type]
        if not items:
            kind = "other"  # a digest whose cards cannot be read is counted, never guessed at
        complete = True
    if kind == "other":
        items, complete = [_other_item(display)], True
    elif kind != _INVITATION_DIGEST:
        items, complete = _extract(kind, text_doc, name, subject) if text_doc else ([], False)
    if not complete and html() is not None:
        html_items, html_complete = _extract(kind, html_doc, name, subject)  # type: ignore[arg-type]
        items = _merge(items, html_items) if items else html_items
        complete = complete or html_complete

    intended = _INTENDED_RE.search(text_doc.footer) if text_doc else None
    intended_for: str | None = intended.group("name").strip() if intended else None
    if intended_for is None and html_doc is not None:
        found = _INTENDED_RE.search(html_doc.footer)
        intended_for = found.group("name").strip() if found else None
    if intended_for is None and markup:
        intended_for = _html_intended_for(markup)

    for item in items:
        probe = f"{item.subject}\n{item.text}" if item.kind == "inmail" else item.text
        item.language = guess_language(probe) if item.text else ""

    if text:
        links = links + [("", u) for u in _TEXT_URL_RE.findall(text)]
    evidence = authenticity.Evidence(
        from_display=display, from_address=address, from_domain=domain,
        reply_to=[split_address(decode_header(v))[1] or decode_header(v) for v in headers.get("reply-to", [])],
        return_path=_header_str(headers, "return-path"),
        authentication_results=[decode_header(v) for v in headers.get("authentication-results", [])],
        message_id=message_id,
        has_linkedin_headers=any(n.startswith("x-linkedin") for n in headers),
        links=links,
        attachments=[(p.filename, p.ctype) for p in mime.attachments],
        body_text=(text or " ".join(html_lib.unescape(_TAG_RE.sub(" ", markup[:400_000])).split()))[:200_000],
        person_texts=[i.text for i in items if i.text],
        intended_for=intended_for,
        kind="digest" if (kind == "message" and len(items) > 1) or kind == _INVITATION_DIGEST else kind,
    )
    reasons = authenticity.check(evidence, options.trusted_authserv_ids, options.owner_names)

    mail_kind = kind
    if (kind == "message" and len(items) > 1) or kind == _INVITATION_DIGEST:
        mail_kind = "digest"
    if kind == "invitation":
        for item in items:
            item.reminder = reminder
    parsed = ParsedMail(status=MAIL_LINKEDIN, kind=mail_kind, items=items, suspicious=bool(reasons),
                        suspicious_reasons=reasons, intended_for=intended_for or "", **base)
    if kind in ("invitation", "message", "inmail") and not items and not reasons:
        why = "no body" if not (text or markup) else f"the {kind} was not found in the body"
        if mime.defects:
            why += f" ({mime.defects[0]})"
        return ParsedMail(status=MAIL_UNPARSEABLE, kind=mail_kind, error=why, intended_for=intended_for or "", **base)
    return parsed


def _extract(kind: str, doc: _Doc, name: str, subject: str) -> tuple[list[Item], bool]:
    """Items of one kind from one document, and whether nothing more is to be had from the HTML."""
    if kind == "invitation":
        item = _extract_invitation(doc, name)
        return ([item], True) if item else ([], False)
    if kind == "message":
        items = _extract_messages(doc, name)
        if not items and name and doc.lines:
            return [], False
        return items, bool(items)
    if kind == "inmail":
        item = _extract_inmail(doc, name, subject)
        if not item:
            return [], False
        # The text part of an InMail has no headline or profile link: those come from the HTML.
        return [item], bool(item.sender_headline and item.profile_url)
    if kind == "accepted":
        return ([_extract_accepted(doc, name)] if name else []), bool(name)
    return [], True


def _other_item(display: str) -> Item:
    """A notification with no words from a person: counted, never classified."""
    return Item(kind="other", sender_name=_VIA_RE.sub("", display).strip())


def _merge(primary: list[Item], extra: list[Item]) -> list[Item]:
    """Fields the text part lacked, filled in from the HTML; the text part's words win."""
    for a, b in zip(primary, extra):
        if not _same_name(a.sender_name, b.sender_name):
            continue
        a.sender_headline = a.sender_headline or b.sender_headline
        a.sender_location = a.sender_location or b.sender_location
        a.profile_url = a.profile_url or b.profile_url
        if a.mutual_connections is None:
            a.mutual_connections = b.mutual_connections
        a.text = a.text or b.text
    return primary


def _kind_from_body(doc: _Doc | None) -> str:
    """For mail whose headers do not tell (fakes mostly): an Accept button means an invitation."""
    if doc is None:
        return "other"
    labels = {_norm(label) for label, _ in doc.links} | {_norm(line).rstrip(" .:") for line in doc.lines if line}
    if labels & _ACCEPT_BUTTONS:
        return "invitation"
    if labels & _MESSAGE_BUTTONS:
        return "message"
    return "other"


def _name_from_subject(subject: str) -> str:
    for pattern in _NAME_IN_SUBJECT:
        m = pattern.match(subject.strip())
        if m and "linkedin" not in m.group(1).lower():
            return m.group(1).strip()
    return ""


def _parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(re.sub(r"\([^()]*\)", "", value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
