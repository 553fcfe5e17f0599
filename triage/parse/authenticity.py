"""Is a mail that claims to be LinkedIn really from LinkedIn?

LinkedIn is the brand phishers imitate most, and a fake invitation must never
be labeled "personal" and shown to the user as a real person's note. Each check
here gives a human-readable reason; any reason makes the mail suspicious.
Checks that only make sense together with another one (no X-LinkedIn headers,
a foreign Message-ID) are added as supporting reasons, never decide alone, so
genuine mail with a missing header is not flagged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text import caseless, fold
from .linkedin import LINK_HOSTS, LINK_ROOTS, is_linkedin_domain
from .mime import address_domain

# LinkedIn's own redirectors: harmless in LinkedIn mail, a disguise in anyone else's.
_REDIRECTOR_RE = re.compile(r"^(?:lnkd\.in|(?:[\w-]+\.)?linkedin\.com/(?:slink|redir/redirect))", re.I)

# Letters from other scripts that read as Latin ones in a domain or a display name.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ӏ": "l", "к": "k", "ԁ": "d", "һ": "h", "ո": "n", "ս": "u", "ν": "v", "ο": "o", "ι": "i",
    "κ": "k", "α": "a", "ε": "e", "ı": "i", "ł": "l", "ɩ": "i", "ⅰ": "i", "ⅼ": "l", "Ι": "i",
    "І": "i", "Ӏ": "l", "|": "l", "1": "l", "0": "o", "!": "i",
})

# Words LinkedIn never uses in invitations, messages and their notifications; phishers do.
_CREDENTIAL_RE = re.compile(
    r"verify your (?:account|identity|email|profile)|confirm your (?:account|identity|password|email address)"
    r"|(?:enter|update|reset|confirm) your (?:password|credentials|login|payment)"
    r"|your (?:account|profile) (?:has been|will be|is) (?:suspended|restricted|locked|limited|closed|disabled|deactivated)"
    r"|account (?:suspension|restriction|verification)|unusual (?:sign[- ]in|login) activity"
    r"|sign in to (?:avoid|keep|restore|confirm)|log ?in to (?:avoid|keep|restore|confirm)"
    r"|within (?:24|48|12) hours|immediately to avoid|final (?:notice|warning)|pending (?:connections|invitations) will expire"
    r"|password|passwort|mot de passe|contrase[nñ]a|senha"
    r"|v[ée]rifiez votre compte|verifizieren sie ihr konto|verifica tu cuenta|verifique sua conta",
    re.I)
# Cheap substring checks that must hold before the regex above is worth running.
_CREDENTIAL_TRIGGERS = ("verif", "confirm", "password", "passwort", "mot de passe", "contrase", "senha", "credential",
                        "suspen", "restrict", "locked", "limited", "closed", "disabled", "deactivat", "unusual",
                        "sign in to", "sign-in", "log in to", "login to", "within 12", "within 24", "within 48",
                        "immediately", "final notice", "final warning", "expire", "update your", "reset your",
                        "enter your", "account", "rifiez votre compte")
# Every match of _CREDENTIAL_RE holds a trigger and is shorter than this on either side of it: the pattern is
# tried only in these windows around the triggers (the whole 30 KB body costs ~1 ms, a window a few µs).
_CREDENTIAL_REACH = 80


def _credential_words(lowered: str) -> re.Match[str] | None:
    """The first phrase of _CREDENTIAL_RE in the lowercased body, looked for only around its trigger words."""
    present = [t for t in _CREDENTIAL_TRIGGERS if t in lowered]
    for i in sorted({i for t in present for i in _positions(lowered, t)}):
        found = _CREDENTIAL_RE.search(lowered, max(0, i - _CREDENTIAL_REACH), i + _CREDENTIAL_REACH)
        if found:
            return found
    return None


def _positions(text: str, needle: str, most: int = 200) -> list[int]:
    found, i = [], text.find(needle)
    while i >= 0 and len(found) < most:
        found.append(i)
        i = text.find(needle, i + 1)
    return found
# Attachments that deliver a fake login page or malware.
_DANGEROUS_EXT = (".html", ".htm", ".shtml", ".xhtml", ".svg", ".zip", ".rar", ".7z", ".gz", ".iso", ".img", ".exe",
                  ".scr", ".js", ".jar", ".vbs", ".bat", ".cmd", ".lnk", ".hta", ".docm", ".xlsm", ".pdf.exe", ".msi")
# What a LinkedIn button says; a foreign link behind one of these is the classic fake.
_BUTTON_WORDS = re.compile(
    r"\b(?:accept|view|reply|connect|sign in|log in|confirm|verify|unsubscribe|message|profile|invitation|respond"
    r"|accepter|voir|annehmen|anzeigen|aceptar|ver|aceitar|accetta|visualizza)\b", re.I)


@dataclass
class Evidence:
    """What the parser saw of one mail that claims to be LinkedIn."""

    from_display: str = ""
    from_address: str = ""
    from_domain: str = ""
    reply_to: Sequence[str] = ()
    return_path: str = ""
    authentication_results: Sequence[str] = ()
    message_id: str = ""
    has_linkedin_headers: bool = False
    links: Sequence[tuple[str, str]] = ()       # (visible label, URL), from the HTML and the text part
    attachments: Sequence[tuple[str, str]] = ()  # (file name, content type)
    body_text: str = ""                          # the template's text, the person's words included
    person_texts: Sequence[str] = ()             # the people's own words, whose links are theirs
    intended_for: str | None = None              # None when the mail has no "intended for" footer
    kind: str = ""
    reasons: list[str] = field(default_factory=list)


# ----------------------------------------------------------------- domains


def fold_lookalikes(text: str) -> str:
    """The ASCII a reader would see: accents stripped, other scripts' look-alike letters and digits mapped."""
    text = fold(unicodedata.normalize("NFKC", text).lower().translate(_CONFUSABLES))
    return text.replace("rn", "m").replace("vv", "w")


def decode_idna(domain: str) -> str:
    """A punycode (xn--) domain in the letters it displays as."""
    labels = []
    for label in domain.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                pass
        labels.append(label)
    return ".".join(labels)


def _levenshtein(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _reads_as_linkedin(word: str, distance: int) -> bool:
    folded = fold_lookalikes(word).replace("-", "").replace("_", "")
    if "linkedin" in folded:
        return True
    return 6 <= len(folded) <= 12 and _levenshtein(folded, "linkedin") <= distance


def lookalike_domain(domain: str) -> bool:
    """A domain that is not LinkedIn's but reads like it (linkedln.com, linkedin.com.evil.ru, lіnkedin.com)."""
    domain = domain.lower().rstrip(".")
    if not domain or is_linkedin_domain(domain):
        return False
    shown = decode_idna(domain)
    return any(_reads_as_linkedin(label, 2) for label in shown.split(".") if label)


def display_imitates_linkedin(display: str) -> bool:
    """A From display name that says LinkedIn (also with look-alike letters): "LinkedIn", "Linkedln Team"."""
    if not display:
        return False
    if "linkedin" in display.lower():
        return True
    return any(_reads_as_linkedin(word, 1) for word in re.findall(r"[^\s\"'<>()@,.:]+", display))


_HOST_RE = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:\\]*)", re.I)


def _host(url: str) -> str:
    """The host of a URL, lowercased (a regex: urlsplit is slow and raises on odd input)."""
    m = _HOST_RE.match(url.strip())
    return m.group(1).lower().rstrip(".") if m else ""


def _allowed_host(host: str) -> bool:
    if host in LINK_HOSTS:
        return True
    return any(host == root or host.endswith("." + root) for root in LINK_ROOTS)


# ---------------------------------------------------------- Authentication-Results


def _auth_verdicts(header: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(authserv-id, [(method, result, properties)]) of one Authentication-Results header."""
    header = re.sub(r"\([^()]*\)", " ", header)
    authserv, _, rest = header.partition(";")
    authserv = authserv.strip().split()[0].lower() if authserv.strip() else ""
    verdicts = []
    for clause in rest.split(";"):
        m = re.match(r"\s*([a-z0-9-]+)\s*=\s*([a-z]+)(.*)", clause, re.I | re.S)
        if m:
            verdicts.append((m.group(1).lower(), m.group(2).lower(), m.group(3)))
    return authserv, verdicts


def _auth_reasons(headers: Sequence[str], trusted: Sequence[str]) -> list[str]:
    """Failures stated by the receiving servers the user trusts; other servers' headers may be forged."""
    trusted_ids = {t.strip().lower() for t in trusted if t.strip()}
    if not trusted_ids:
        return []
    reasons: list[str] = []
    for header in headers:
        authserv, verdicts = _auth_verdicts(header)
        if authserv not in trusted_ids:
            continue
        dkim_pass_linkedin = False
        for method, result, props in verdicts:
            if method in ("dkim", "dmarc") and result in ("fail", "permerror"):
                reasons.append(f"{authserv} reports {method}={result}")
            if method == "dkim" and result == "pass":
                d = re.search(r"header\.(?:d|i)\s*=\s*@?([\w.-]+)", props, re.I)
                if d and is_linkedin_domain(d.group(1)):
                    dkim_pass_linkedin = True
        if not dkim_pass_linkedin:
            reasons.append(f"{authserv} reports no dkim=pass for linkedin.com")
        break  # the topmost trusted header is the one our own server wrote
    return list(dict.fromkeys(reasons))


def sender_domain_aligned(headers: Sequence[str], trusted: Sequence[str], domain: str) -> bool:
    """Whether the topmost Authentication-Results a trusted server wrote shows `domain` itself sent the mail.

    Aligned means DKIM passed with a signature of `domain`, or SPF passed for a
    MAIL FROM on `domain`, and the header.from it checked (when it names one)
    is `domain` too. Headers from servers not in `trusted` are ignored: anyone
    can write them.
    """
    trusted_ids = {t.strip().lower() for t in trusted if t.strip()}
    domain = domain.strip().lower().rstrip(".")
    if not trusted_ids or not domain:
        return False
    for header in headers:
        authserv, verdicts = _auth_verdicts(header)
        if authserv not in trusted_ids:
            continue
        aligned = False
        for method, result, props in verdicts:
            from_domain = re.search(r"header\.from\s*=\s*([\w.-]+)", props, re.I)
            if from_domain and from_domain.group(1).lower().rstrip(".") != domain:
                return False
            if result != "pass":
                continue
            if method == "dkim":
                signer = re.search(r"header\.(?:d|i)\s*=\s*@?([\w.-]+)", props, re.I)
                aligned |= bool(signer and signer.group(1).lower().rstrip(".") == domain)
            elif method == "spf":
                sender = re.search(r"smtp\.mailfrom\s*=\s*(?:[^@\s;]*@)?([\w.-]+)", props, re.I)
                aligned |= bool(sender and sender.group(1).lower().rstrip(".") == domain)
        return aligned  # the topmost trusted header is the one our own server wrote
    return False


# ------------------------------------------------------------------ checks


def check(evidence: Evidence, trusted_authserv_ids: Sequence[str] = (), owner_names: Sequence[str] = ()) -> list[str]:
    """Every reason to doubt that this mail comes from LinkedIn; [] for a genuine one."""
    reasons: list[str] = []
    domain = evidence.from_domain.lower()
    genuine_domain = is_linkedin_domain(domain)

    if not genuine_domain:
        shown = decode_idna(domain)
        if not domain:
            reasons.append("the From header has no address")
        elif shown != domain:
            reasons.append(f"From domain {domain} shows as {shown}, imitating linkedin.com with look-alike letters")
        elif not domain.isascii():
            reasons.append(f"From domain {domain} imitates linkedin.com with look-alike letters")
        elif lookalike_domain(domain):
            reasons.append(f"From domain {domain} imitates linkedin.com")
        else:
            reasons.append(f"From domain {domain} is not linkedin.com")

    display = evidence.from_display
    if display:
        other = re.search(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", display)
        if other and other.group(1).lower() != domain:
            reasons.append(f"display name \"{display}\" shows an address on {other.group(1).lower()}, "
                           f"sent from {domain or 'no domain'}")
        if not display.isascii() and "linkedin" not in display.lower() and display_imitates_linkedin(display):
            reasons.append(f"display name \"{display}\" imitates LinkedIn with look-alike letters")

    reasons.extend(_auth_reasons(evidence.authentication_results, trusted_authserv_ids))

    if evidence.return_path:
        rp_domain = address_domain(evidence.return_path)
        # Forwarding services rewrite the bounce address (SRS) but keep the original domain in it.
        if rp_domain and not is_linkedin_domain(rp_domain) and "=linkedin.com" not in evidence.return_path.lower():
            reasons.append(f"Return-Path {evidence.return_path.strip()} is not on linkedin.com")
    for address in evidence.reply_to:
        rt_domain = address_domain(address)
        if rt_domain and not is_linkedin_domain(rt_domain):
            reasons.append(f"Reply-To {address.strip()} is not on linkedin.com")

    reasons.extend(_link_reasons(evidence, genuine_domain))

    for filename, ctype in evidence.attachments:
        name = filename.lower()
        if name.endswith(_DANGEROUS_EXT) or ctype.lower() in ("text/html", "application/zip", "application/x-msdownload"):
            reasons.append(f"carries a dangerous attachment: {filename or ctype}")
        else:
            reasons.append(f"carries an attachment ({filename or ctype}); LinkedIn notifications have none")

    # Genuine security and account mail talks about passwords: there the words only back up other reasons.
    if evidence.kind in ("invitation", "message", "inmail", "digest", "accepted") or reasons:
        credential = _credential_words(evidence.body_text.lower())
        if credential:
            reasons.append(f"asks for credentials or urgent action: \"{credential.group(0)}\"")

    if evidence.intended_for is not None:
        if not evidence.intended_for.strip():
            reasons.append("the footer names no recipient (broken merge field)")
        elif owner_names and caseless(evidence.intended_for) not in {caseless(n) for n in owner_names}:
            reasons.append(f"intended for \"{evidence.intended_for}\", not the mailbox owner")

    if reasons:
        if not evidence.has_linkedin_headers:
            reasons.append("no X-LinkedIn headers")
        mid = evidence.message_id.strip().rstrip(">").lower()
        if mid and not mid.endswith("linkedin.com"):
            reasons.append(f"Message-ID {evidence.message_id} is not from linkedin.com")
    return list(dict.fromkeys(reasons))


def _link_reasons(evidence: Evidence, genuine_domain: bool) -> list[str]:
    """Links outside LinkedIn, unless the person wrote them; LinkedIn redirectors in foreign mail."""
    person = " ".join(evidence.person_texts)
    foreign: dict[str, list[str]] = {}
    redirectors: set[str] = set()
    reasons: list[str] = []
    for label, url in evidence.links:
        url = url.strip()
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme in ("javascript", "data", "vbscript"):
            reasons.append(f"link with a {scheme}: address behind \"{label or 'a link'}\"")
            continue
        if scheme not in ("http", "https") or (person and url in person):
            continue
        host = _host(url)
        if not host:
            continue
        if not _allowed_host(host):
            foreign.setdefault(host, []).append(label)
        elif not genuine_domain and _REDIRECTOR_RE.match(url.split("://", 1)[-1]):
            redirectors.add(host)
    for host, labels in list(foreign.items())[:5]:
        button = next((label for label in labels if label and label != "form" and _BUTTON_WORDS.search(label)), "")
        if button:
            reasons.append(f"button \"{button}\" links to {host}, not LinkedIn")
        elif "form" in labels:
            reasons.append(f"a form sends what is typed to {host}")
        else:
            reasons.append(f"links to {host}, not LinkedIn")
    for host in sorted(redirectors):
        reasons.append(f"uses LinkedIn's redirector {host} in mail not sent by LinkedIn")
    return reasons
