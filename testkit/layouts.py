"""LinkedIn's notifications at full size, in both template generations: what a mailbox really holds.

Every builder returns the bytes of one RFC 5322 message (CRLF line endings),
shaped after docs/linkedin-email-format.md: the JavaMail
multipart/alternative with quoted-printable text/plain and text/html parts
(Content-ID text-body / html-body), the LinkedIn headers, tracking links and
the recipient footer, padded with "people you may know" cards to the sizes
real mail has. Output is deterministic: the same arguments (seed included)
give the same bytes; different arguments give different Message-IDs.

Where the person's words sit (the format doc could not see some of these, so
these are this module's choices):
- invitation, mercado: ``<p class="invitation-message" data-test-id="invitation-message">``
  under the card's location and mutual-connections lines; in text/plain the
  note is its own paragraph after ``{N} connections in common``. With no note,
  LinkedIn's default sentence ("Hi Sam, I'd like to join your LinkedIn
  network.") is shown there instead.
- invitation, phoenix (2016): ``Hi {First},`` / note (or the default sentence).
- member message: mercado shows no text unless one is given
  (``<p class="message-preview">``); phoenix shows ``<p class="message-body">``.
- InMail: ``<td class="message-contents">`` with ``<br aria-hidden="true">``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .mime import CRLF, address, alternative, clean_header, date_header, esc, folded_b64, header, qp
from .people import DEFAULT_OWNER, DEFAULT_OWNER_EMAIL, DEFAULT_OWNER_HEADLINE, Person, first_name, random_person, vanity
from .texts import CHROME, LANGUAGES
from .tokens import b64, base36, digits, seeded

GENERATIONS = ("mercado", "phoenix")


# --------------------------------------------------------------------------- mail context

@dataclass(frozen=True)
class Wire:
    """How a mail travels, beside what it says: its size and how its HTML part is encoded.

    The defaults are JavaMail's (both parts quoted-printable, the size of the
    kind's real mail). A mailbox also holds mail whose HTML LinkedIn sent in
    base64 and mail that a forwarding service passed on as HTML only.
    """

    size: tuple[int, int] | None = None  # total bytes to aim at, low and high; None: the kind's usual size
    html_base64: bool = False            # the HTML part in base64 instead of quoted-printable
    html_only: bool = False              # no text/plain part


@dataclass
class Ctx:
    """Everything one mail's builders share: who it is for, its generation and its random stream."""

    owner: str
    owner_email: str
    owner_headline: str
    generation: str
    language: str
    rng: random.Random
    date: datetime
    template: str = ""
    eid: str = ""
    eid_tilde: str = ""
    mid_token: str = ""
    mid_sig: str = ""
    lipi: str = ""
    links: int = 0
    chrome: dict[str, str] = field(default_factory=dict)
    wire: Wire = Wire()

    @property
    def rfirst(self) -> str:
        return first_name(self.owner)

    @property
    def mercado(self) -> bool:
        return self.generation == "mercado"

    def t(self, key: str, **values: object) -> str:
        text = self.chrome.get(key) or CHROME["en"][key]
        return text.format(**values) if values else text

    def link(self, path: str, section: str, element: str) -> str:
        """A tracked www.linkedin.com/comm/ link, as every button and name in real mail is."""
        tpl = self.template.removeprefix("email_")
        trk = f"eml-{tpl}-{section}-{self.links}-{element}"
        self.links += 1
        query = (f"lipi=urn%3Ali%3Apage%3Aemail_{tpl}%3B{self.lipi}%3D%3D&midToken={self.mid_token}"
                 f"&midSig={self.mid_sig}&trk={trk}&trkEmail={trk}-null-{self.eid_tilde}-null-null&eid={self.eid}")
        sep = "&" if "?" in path else "?"
        return f"https://www.linkedin.com/comm/{path}{sep}{query}"

    def profile(self, person_name: str) -> str:
        return f"in/{vanity(person_name)}"


def context(kind: str, args: tuple[object, ...], *, owner: str, owner_email: str, owner_headline: str | None,
             generation: str, language: str, seed: int, date: datetime | None, wire: Wire = Wire()) -> Ctx:
    if generation not in GENERATIONS:
        raise ValueError(f"unknown generation {generation!r}; use one of {GENERATIONS}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {LANGUAGES}")
    rng = seeded(kind, seed, owner, owner_email, owner_headline, generation, language, date, *args)
    if owner_headline is None:
        owner_headline = DEFAULT_OWNER_HEADLINE if owner == DEFAULT_OWNER else ""
    return Ctx(owner=owner, owner_email=owner_email, owner_headline=owner_headline, generation=generation,
                language=language, rng=rng, date=draw_date(rng, generation, date), chrome=CHROME[language],
                eid=f"{base36(rng, 6)}-{base36(rng, 8)}-{base36(rng, 2)}",
                eid_tilde=f"{base36(rng, 6)}~{base36(rng, 8)}~{base36(rng, 2)}",
                mid_token="AQ" + b64(rng, 15), mid_sig=b64(rng, 22), lipi=b64(rng, 16, urlsafe=False), wire=wire)


def draw_date(rng: random.Random, generation: str, date: datetime | None) -> datetime:
    if date is not None:
        return date if date.tzinfo else date.replace(tzinfo=timezone.utc)
    base = datetime(2026, 1, 5, tzinfo=timezone.utc) if generation == "mercado" else \
        datetime(2016, 9, 5, tzinfo=timezone.utc)
    return base + timedelta(seconds=rng.randrange(60 * 86400))


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" |,-") + "…"


def avatar_url(rng: random.Random, size: int = 100) -> str:
    return (f"https://media.licdn.com/dms/image/v2/D4E03AQ{b64(rng, 11)}/profile-displayphoto-shrink_{size}_"
            f"{size}/profile-displayphoto-shrink_{size}_{size}/0/{digits(rng, 13)}?e={digits(rng, 10)}"
            f"&v=beta&t={b64(rng, 32)}")


# --------------------------------------------------------------------------- HTML skeletons

def _build_css() -> str:
    rules = ["body{margin:0;padding:0;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%}",
             "table,td{border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt}",
             "img{border:0;height:auto;line-height:100%;outline:none;text-decoration:none;"
             "-ms-interpolation-mode:bicubic}",
             "a{color:#0a66c2;text-decoration:none}", "a:hover{text-decoration:underline}"]
    scale = {"0": "0px", "0.5": "2px", "1": "4px", "1.5": "6px", "2": "8px", "3": "12px", "4": "16px",
             "5": "20px", "6": "24px", "8": "32px"}
    for prefix, props in (("p", ("padding",)), ("px", ("padding-left", "padding-right")),
                          ("py", ("padding-top", "padding-bottom")), ("pt", ("padding-top",)),
                          ("pb", ("padding-bottom",)), ("m", ("margin",)), ("mt", ("margin-top",)),
                          ("mb", ("margin-bottom",)), ("ml", ("margin-left",)), ("mr", ("margin-right",))):
        for step, size in scale.items():
            name = f"{prefix}-{step}".replace(".", "\\.")
            rules.append(f".{name}{{{';'.join(f'{p}:{size}' for p in props)}}}")
    colors = {"brand": "#0a66c2", "text": "rgba(0,0,0,0.9)", "text-low-emphasis": "rgba(0,0,0,0.6)",
              "background-canvas": "#f3f2f0", "background-container": "#ffffff", "border": "#e8e8e8",
              "action": "#0a66c2", "signal-positive": "#057642"}
    for name, value in colors.items():
        rules.append(f".color-{name}{{color:{value}}}")
        rules.append(f".bg-color-{name}{{background-color:{value}}}")
        rules.append(f".border-color-{name}{{border-color:{value}}}")
    for size in (12, 14, 16, 20, 24, 32):
        rules.append(f".text-{size}{{font-size:{size}px;line-height:{round(size * 1.4)}px}}")
    rules += [".font-bold{font-weight:600}", ".font-normal{font-weight:400}", ".rounded-full{border-radius:9999px}",
              ".btn-md{padding:6px 16px;font-size:16px;line-height:24px}", ".w-full{width:100%}",
              "@media (max-width:512px){.mercado-container{width:100%!important}"
              ".px-3{padding-left:12px!important;padding-right:12px!important}}",
              "@media (prefers-color-scheme:dark){.bg-color-background-canvas{background-color:#1b1f23!important}}"]
    return "".join(rules)


_CSS = _build_css()
FONT = ("font-family:-apple-system,system-ui,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',"
         "'Fira Sans',Ubuntu,Oxygen,'Oxygen Sans',Cantarell,'Droid Sans','Apple Color Emoji','Segoe UI Emoji',"
         "'Segoe UI Emoji','Segoe UI Symbol','Lucida Grande',Helvetica,Arial,sans-serif")
P = f"{FONT};margin:0;font-weight:400;font-size:14px;line-height:1.42857;color:rgba(0,0,0,0.9)"
P_LOW = f"{FONT};margin:0;font-weight:400;font-size:12px;line-height:1.33333;color:rgba(0,0,0,0.6)"


def button(ctx: Ctx, label: str, url: str, primary: bool = True) -> str:
    if ctx.mercado:
        bg, fg, border = ("#0a66c2", "#ffffff", "#0a66c2") if primary else ("#ffffff", "#0a66c2", "#0a66c2")
        kind = "btn-primary" if primary else "btn-secondary"
        return (f'<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="auto" '
                f'class="inline-block mr-1"><tbody><tr><td class="btn-md {kind}'
                f' rounded-full" style="{FONT};border-radius:24px;border:1px solid {border};background-color:{bg};'
                f'padding:6px 16px;text-align:center"><a href="{esc(url)}" data-test-id="email-button" '
                f'class="font-bold" style="{FONT};font-size:16px;line-height:24px;font-weight:600;color:{fg};'
                f'text-decoration:none;display:inline-block" target="_blank">{esc(label)}</a></td></tr></tbody></table>')
    bg, fg = ("#008CC9", "#FFFFFF") if primary else ("#FFFFFF", "#008CC9")
    return (f'<table border="0" cellpadding="0" cellspacing="0" style="display:inline-block"><tr><td '
            f'bgcolor="{bg}" style="border:1px solid #008CC9;border-radius:2px;padding:6px 16px">'
            f'<a href="{esc(url)}" style="color:{fg};font-family:Helvetica,Arial,sans-serif;font-size:14px;'
            f'font-weight:bold;text-decoration:none;display:inline-block">{esc(label)}</a></td></tr></table>')


def row(inner: str, pad: str = "px-3 pt-2") -> str:
    return (f'<tr><td class="{pad}" style="padding-left:24px;padding-right:24px;padding-top:8px">'
            f'{inner}</td></tr>')


def _profile_card(ctx: Ctx, person: Person, profile_url: str, *, mutual: int = 0, avatar: int = 72,
                  section: str = "ProfileCard", note_html: str = "") -> str:
    headline = truncate(person.headline, 100)
    lines = [f'<a href="{esc(profile_url)}" target="_blank"><img src="{esc(avatar_url(ctx.rng, 100))}" '
             f'alt="{esc(person.name)}" '
             f'width="{avatar}" height="{avatar}" class="rounded-full" style="border-radius:50%;'
             f'width:{avatar}px;height:{avatar}px"></a>',
             f'<a href="{esc(profile_url)}" class="name" target="_blank" style="text-decoration:none">'
             f'<h2 class="text-20 font-bold color-text" style="{FONT};margin:8px 0 0;font-size:20px;'
             f'line-height:1.25;font-weight:600;color:rgba(0,0,0,0.9)">{esc(person.name)}</h2></a>']
    if headline:
        lines.append(f'<p class="headline text-14 color-text" style="{P}">{esc(headline)}</p>')
    if person.location:
        lines.append(f'<p class="location text-12 color-text-low-emphasis" style="{P_LOW}">{esc(person.location)}</p>')
    if mutual:
        mutual_text = ctx.t("mutual_one") if mutual == 1 else ctx.t("mutual", n=mutual)
        lines.append(f'<p class="mutual-connections text-12 color-text-low-emphasis" style="{P_LOW};margin-top:4px">'
                     f'{esc(mutual_text)}</p>')
    if note_html:
        lines.append(note_html)
    cells = "".join(f'<tr><td style="padding:0">{line}</td></tr>' for line in lines)
    return (f'<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="100%" '
            f'class="profile-card" data-test-id="{section}" style="border:1px solid #e8e8e8;border-radius:8px;'
            f'padding:16px"><tbody>{cells}</tbody></table>')


def _pymk_card(ctx: Ctx, index: int) -> str:
    person = random_person(ctx.rng)
    url = ctx.link(ctx.profile(person.name), "pymk", f"{index}-profile")
    connect = ctx.link(f"mynetwork/invite-connect/connections/?vanityName={vanity(person.name)}",
                       "pymk", f"{index}-connect")
    mutual = ctx.rng.randint(1, 60)
    return row(
        f'<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="100%" class="pymk-card">'
        f'<tbody><tr><td width="56" style="padding:8px 12px 8px 0;vertical-align:top"><a href="{esc(url)}">'
        f'<img src="{esc(avatar_url(ctx.rng, 100))}" alt="{esc(person.name)}" width="48" height="48" '
        f'style="border-radius:50%;width:48px;height:48px"></a></td><td style="padding:8px 0;vertical-align:top">'
        f'<a href="{esc(url)}" style="{FONT};font-size:16px;font-weight:600;color:rgba(0,0,0,0.9);'
        f'text-decoration:none">{esc(person.name)}</a><p style="{P}">{esc(truncate(person.headline, 60))}</p>'
        f'<p style="{P_LOW}">{esc(ctx.t("mutual", n=mutual))}</p></td><td width="100" style="padding:8px 0;'
        f'text-align:right;vertical-align:middle">{button(ctx, ctx.t("connect"), connect, primary=False)}</td>'
        f'</tr></tbody></table>')


def page(ctx: Ctx, *, title: str, preheader: str, rows: list[str], category: str,
          filler: Callable[[int], str] | None, filler_title: str, text_size: int, target: int) -> str:
    """The whole HTML document; filler rows are added until the mail reaches about `target` bytes."""
    if ctx.mercado:
        head, tail = _mercado_frame(ctx, title=title, preheader=preheader, category=category)
    else:
        head, tail = _phoenix_frame(ctx, title=title, preheader=preheader, category=category)
    body = "\n".join(rows)
    text_size = 0 if ctx.wire.html_only else text_size
    size = _encoded_size(ctx, head + body + tail) + text_size + 4200  # headers and MIME framing
    extra: list[str] = []
    if filler is not None and size < target:
        extra.append(row(f'<h3 style="{FONT};margin:16px 0 4px;font-size:16px;font-weight:600;'
                          f'color:rgba(0,0,0,0.9)">{esc(filler_title)}</h3>', "px-3 pt-4"))
        i = 0
        while size < target and i < 200:
            fragment = filler(i)
            extra.append(fragment)
            size += _encoded_size(ctx, fragment) + 2
            i += 1
    return head + body + "\n" + "\n".join(extra) + tail


def _encoded_size(ctx: Ctx, markup: str) -> int:
    """Bytes the markup takes in the mail: base64 (4 per 3, CRLF every 76) or quoted-printable."""
    if ctx.wire.html_base64:
        n = len(markup.encode("utf-8"))
        return (n + 2) // 3 * 4 * 78 // 76
    return len(qp(markup))


def _mercado_frame(ctx: Ctx, *, title: str, preheader: str, category: str) -> tuple[str, str]:
    filler = "\u034f\u00a0" * 90
    logo = f"https://static.licdn.com/aero-v1/sc/h/{base36(ctx.rng, 25)}"
    home = ctx.link("feed/", "header", "home")
    me = ctx.link(f"in/{vanity(ctx.owner)}", "header", "profile")
    avatar = avatar_url(seeded(ctx.owner, "avatar"), 100)
    head = (
        '<!DOCTYPE html><html lang="' + ctx.language + '" xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        '<meta name="x-apple-disable-message-reformatting"><meta name="color-scheme" content="light dark">'
        f'<title>{esc(title)}</title><style>{_CSS}</style></head>\n'
        f'<body dir="ltr" class="bg-color-background-canvas" style="margin:0;padding:0;width:100%;'
        f'background-color:#f3f2f0">\n'
        f'<div data-email-preheader="true" style="display:none;max-height:0;overflow:hidden;opacity:0;'
        f'font-size:1px;line-height:1px;color:#f3f2f0">{esc(preheader)}</div>\n'
        f'<div style="display:none;max-height:0;overflow:hidden">{filler}</div>\n'
        '<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="512" align="center" '
        'class="mercado-container w-[512px] max-w-[512px] mx-auto my-0 p-0" style="width:512px;max-width:512px;'
        'margin:0 auto;padding:0;background-color:#f3f2f0"><tbody>\n'
        '<tr><td class="px-3 pt-3" style="padding:12px 24px 0"><table role="presentation" width="100%" '
        'border="0" cellspacing="0" cellpadding="0"><tbody><tr>'
        f'<td style="vertical-align:middle"><a href="{esc(home)}" target="_blank"><img src="{esc(logo)}" alt="LinkedIn" '
        'width="84" height="21" style="width:84px;height:21px"></a></td>'
        f'<td style="text-align:right;vertical-align:middle"><a href="{esc(me)}" target="_blank">'
        f'<img src="{esc(avatar)}" alt="{esc(ctx.owner)}" width="32" height="32" style="border-radius:50%;'
        'width:32px;height:32px"></a></td></tr></tbody></table></td></tr>\n'
        '<tr><td><table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0" '
        'class="bg-color-background-container" style="background-color:#ffffff;border-radius:8px;'
        'margin-top:12px"><tbody>\n')
    desktop = ctx.link("desktop-app/", "upsell", "get~app")
    unsubscribe = ctx.link("psettings/email-unsubscribe", "footer", "unsubscribe")
    help_url = ctx.link("help/linkedin?lang=" + ctx.language, "footer", "help")
    why = ctx.link("help/linkedin/answer/4788", "footer", "learn~why")
    intended = ctx.t("intended", owner=ctx.owner) + (f" ({ctx.owner_headline})" if ctx.owner_headline else "")
    company = "LinkedIn Corporation, 1&zwnj;000 West Maude Avenue, Sunnyvale, CA 94085" if ctx.language == "en" \
        else "LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2"
    pixel = f"https://www.linkedin.com/emimp/ip_{b64(ctx.rng, 60)}.gif"
    tail = (
        '\n</tbody></table></td></tr>\n'
        '<tr><td class="px-3 pt-4" style="padding:16px 24px 0"><table role="presentation" width="100%" '
        'border="0" cellspacing="0" cellpadding="0" style="background-color:#ffffff;border-radius:8px">'
        f'<tbody><tr><td style="padding:16px"><p style="{FONT};margin:0;font-size:16px;font-weight:600;'
        f'color:rgba(0,0,0,0.9)">{esc(ctx.t("upsell"))}</p><p style="{P}">{esc(ctx.t("upsell_body"))}</p>'
        f'<p style="margin:8px 0 0">{button(ctx, ctx.t("upsell"), desktop, primary=False)}</p></td></tr>'
        '</tbody></table></td></tr>\n'
        '<tr><td class="px-3 py-4" style="padding:16px 24px"><table role="presentation" width="100%" '
        'border="0" cellspacing="0" cellpadding="0"><tbody>'
        f'<tr><td style="padding:0 0 8px"><p class="intended-for" style="{P_LOW}">{esc(intended)}</p></td></tr>'
        f'<tr><td style="padding:0 0 8px"><a href="{esc(why)}" style="{P_LOW};text-decoration:underline">'
        f'{esc(ctx.t("learn_why"))}</a></td></tr>'
        f'<tr><td style="padding:0 0 8px"><p style="{P_LOW}">{esc(ctx.t("receiving", category=category))}</p></td></tr>'
        f'<tr><td style="padding:0 0 8px"><p style="{P_LOW}"><a href="{esc(unsubscribe)}" style="color:rgba(0,0,0,0.6);'
        f'text-decoration:underline">{esc(ctx.t("unsubscribe"))}</a> &middot; <a href="{esc(help_url)}" '
        f'style="color:rgba(0,0,0,0.6);text-decoration:underline">{esc(ctx.t("help"))}</a></p></td></tr>'
        f'<tr><td style="padding:0 0 8px"><img src="https://static.licdn.com/aero-v1/sc/h/{base36(ctx.rng, 25)}" '
        'alt="LinkedIn" width="56" height="14" style="width:56px;height:14px"></td></tr>'
        f'<tr><td><p style="{P_LOW}">&copy; {ctx.date.year} {company}. LinkedIn and the LinkedIn logo are '
        'registered trademarks of LinkedIn.</p></td></tr></tbody></table></td></tr>\n'
        f'</tbody></table>\n<img src="{esc(pixel)}" alt="" width="1" height="1" style="width:1px;height:1px;'
        'display:block;border:0"></body></html>\n')
    return head, tail


def _phoenix_frame(ctx: Ctx, *, title: str, preheader: str, category: str) -> tuple[str, str]:
    logo = ("https://static.licdn.com/scds/common/u/images/email/phoenix/logos/logo_phoenix_header_blue_78x66_v1.png"
            f"?{base36(ctx.rng, 6)}")
    home = ctx.link("feed/", "header", "home")
    unsubscribe = ctx.link(f"e/v2?e={ctx.eid}&t=lun&ek={ctx.template}&li=12&m=unsub&ts=footerGlobalUnsubscribe",
                           "footer", "unsubscribe")
    help_url = ctx.link("e/v2?e=" + ctx.eid + "&t=ssuw", "footer", "help")
    why = ctx.link("e/v2?e=" + ctx.eid + "&t=plh", "footer", "learn~why")
    intended = ctx.t("intended", owner=ctx.owner) + (f" ({ctx.owner_headline})" if ctx.owner_headline else "")
    font = "font-family:Helvetica,Arial,sans-serif"
    head = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{ctx.language}" xml:lang="{ctx.language}"><head>'
        '<meta http-equiv="Content-Type" content="text/html;charset=utf-8" /><meta name="HandheldFriendly" '
        'content="true" /><meta name="viewport" content="width=device-width; initial-scale=0.666667; '
        f'maximum-scale=0.666667; user-scalable=0" /><title>{esc(title)}</title>'
        '<style type="text/css">@media all and (max-width:590px){*[class].responsive{width:290px!important}'
        '*[class].hide-for-mobile{display:none!important}}.ReadMsgBody{width:100%}.ExternalClass{width:100%}'
        '.ExternalClass *{line-height:100%}</style></head>\n'
        '<body style="padding:0;margin:0 auto;-webkit-text-size-adjust:100%;width:100%!important;'
        '-ms-text-size-adjust:100%;background-color:#EDF0F3">\n'
        f'<div style="overflow:hidden;color:transparent;visibility:hidden;mso-hide:all;width:0;font-size:0;'
        f'opacity:0;height:0">{esc(preheader)}</div>\n'
        '<table align="center" border="0" cellspacing="0" cellpadding="0" width="100%" bgcolor="#EDF0F3" '
        'style="background-color:#EDF0F3;table-layout:fixed"><tbody><tr><td align="center">'
        '<center style="width:100%"><table border="0" class="phoenix-email-container" cellspacing="0" '
        'cellpadding="0" width="512" bgcolor="#FFFFFF" style="background-color:#FFFFFF;margin:0 auto;'
        'max-width:512px;width:inherit"><tbody>\n'
        f'<tr><td bgcolor="#008CC9" style="background-color:#008CC9;padding:12px 24px">'
        f'<a href="{esc(home)}" style="text-decoration:none"><img src="{esc(logo)}" alt="LinkedIn" width="39" '
        'height="33" border="0" style="outline:none;color:#FFFFFF;display:block" /></a></td></tr>\n')
    tail = (
        '\n<tr><td style="padding:24px 24px 0"><table border="0" cellspacing="0" cellpadding="0" width="100%" '
        f'bgcolor="#EDF0F3" style="background-color:#EDF0F3;{font};font-size:11px;color:#737373">'
        f'<tbody><tr><td style="padding:16px 24px"><a href="{esc(unsubscribe)}" style="color:#737373">'
        f'{esc(ctx.t("unsubscribe"))}</a> | <a href="{esc(help_url)}" style="color:#737373">{esc(ctx.t("help"))}</a>'
        f'<p style="margin:8px 0 0">{esc(ctx.t("receiving", category=category))}</p>'
        f'<p class="intended-for" style="margin:8px 0 0">{esc(intended)}</p>'
        f'<p style="margin:8px 0 0"><a href="{esc(why)}" style="color:#737373">{esc(ctx.t("learn_why"))}</a></p>'
        f'<p style="margin:8px 0 0">&copy; {ctx.date.year} LinkedIn Corporation, 2029 Stierlin Court, Mountain View '
        'CA 94043. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.</p></td></tr>'
        '</tbody></table></td></tr>\n</tbody></table></center></td></tr></tbody></table>\n'
        f'<img src="https://www.linkedin.com/emimp/ip_{b64(ctx.rng, 40)}.gif" style="outline:none;'
        'text-decoration:none;-ms-interpolation-mode:bicubic;width:1px;height:1px" width="1" height="1" />'
        '</body></html>\n')
    return head, tail


def text_footer(ctx: Ctx, category: str) -> str:
    intended = ctx.t("intended", owner=ctx.owner) + (f" ({ctx.owner_headline})" if ctx.owner_headline else "")
    why = ctx.link("help/linkedin/answer/4788", "footer", "learn~why")
    unsubscribe = ctx.link("psettings/email-unsubscribe", "footer", "unsubscribe")
    help_url = ctx.link("help/linkedin?lang=" + ctx.language, "footer", "help")
    if ctx.mercado:
        company = "LinkedIn Corporation, 1zwnj000 West Maude Avenue, Sunnyvale, CA 94085" if ctx.language == "en" \
            else "LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2"
        return ("\n" + "-" * 40 + "\n\n" + f"{intended}\n{ctx.t('learn_why_text')}: {why}\n"
                f"{ctx.t('receiving', category=category)}\n\n{ctx.t('unsubscribe')}: {unsubscribe}\n"
                f"{ctx.t('help')}: {help_url}\n\n© {ctx.date.year} {company}.\n"
                "LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.\n")
    return ("\n" + "." * 37 + "\n\n" + f"{ctx.t('unsubscribe')}: {unsubscribe}\n{ctx.t('help')}: {help_url}\n\n"
            f"{ctx.t('receiving', category=category)}\n\n{intended}.\n{ctx.t('learn_why_text')}: {why}\n"
            f"© {ctx.date.year} LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the "
            "LinkedIn logo are registered trademarks of LinkedIn.\n")


# --------------------------------------------------------------------------- the message

@dataclass
class Mail:
    """One LinkedIn notification before it becomes bytes."""

    subject: str
    from_name: str
    from_addr: str
    linkedin_class: str
    text: str
    html: str
    reply_to: tuple[str, str] | None = None
    bounce_prefix: str = "s"
    unsubscribe: str = ""


def genuine_bytes(ctx: Ctx, mail: Mail) -> bytes:
    rng = ctx.rng
    when = ctx.date
    epoch_ms = int(when.timestamp() * 1000) + rng.randrange(1000)
    relay = rng.choice("abd")
    ip = f"108.174.{ {'a': 3, 'b': 6, 'd': 0}[relay]}.{rng.randint(10, 250)}"
    relay_host = f"mail{relay}-{base36(rng, 2)}.linkedin.com"
    bounce = f"{mail.bounce_prefix}-{b64(rng, 41).replace('-', 'x').replace('_', 'y')}@bounce.linkedin.com"
    if ctx.mercado:
        message_id = f"<{digits(rng, 10)}.{digits(rng, 6)}.{epoch_ms}@ltx1-app{digits(rng, 5)}.prod.linkedin.com>"
        selector = rng.choice(("d2048-202308-00", "d2048-202308-0b", "d2048-202308-0d"))
        bits = "2048-bit key"
    else:
        message_id = (f"<{digits(rng, 10)}.{digits(rng, 5)}.{epoch_ms}.JavaMail.app@lva1-app"
                      f"{digits(rng, 4)}.prod.linkedin.com>")
        selector = "proddkim1024"
        bits = "1024-bit key"
    boundary = f"----=_Part_{rng.randint(100000, 9999999)}_{rng.randint(100000000, 2099999999)}.{epoch_ms}"
    date = date_header(when)
    dkim = []
    for domain in ("linkedin.com", f"mail{relay}.linkedin.com"):
        dkim.append(
            f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain};{CRLF}"
            f"\ts={selector}; t={int(when.timestamp())}; bh={b64(rng, 32, urlsafe=False)}=;{CRLF}"
            f"\th=From:Subject:Date:To:MIME-Version:Content-Type:X-LinkedIn-Class:{CRLF}"
            f"\t X-LinkedIn-Template:X-LinkedIn-fbl;{CRLF}"
            f"\tb={folded_b64(rng, 256 if ctx.mercado else 128)}")
    auth = (f"Authentication-Results: mx.example.org;{CRLF}"
            f"\tdkim=pass ({bits}) header.d=linkedin.com header.i=@linkedin.com header.b={b64(rng, 6)};{CRLF}"
            f"\tdkim=pass ({bits}) header.d=mail{relay}.linkedin.com header.i=@mail{relay}.linkedin.com "
            f"header.b={b64(rng, 6)};{CRLF}"
            f"\tspf=pass (mx.example.org: domain of {bounce} designates {ip} as permitted sender){CRLF}"
            f"\t smtp.mailfrom={bounce};{CRLF}"
            f"\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com")
    headers = [
        f"Return-Path: <{bounce}>",
        f"Delivered-To: {ctx.owner_email}",
        f"Received: from {relay_host} ({relay_host} "
        f"[{ip}]){CRLF}\tby mx.example.org (Postfix) with ESMTPS id {b64(rng, 8).upper()[:10]}{CRLF}"
        f"\tfor <{ctx.owner_email}>; {date}",
        auth,
        *dkim,
        f"Date: {date}",
        "From: " + address(mail.from_name, mail.from_addr),
    ]
    if mail.reply_to:
        headers.append("Reply-To: " + address(*mail.reply_to))
    headers += [
        "To: " + address(ctx.owner, ctx.owner_email),
        f"Message-ID: {message_id}",
        header("Subject", mail.subject),
        "MIME-Version: 1.0",
        f'Content-Type: multipart/alternative; {CRLF}\tboundary="{boundary}"',
        f"X-LinkedIn-Class: {mail.linkedin_class}",
        f"X-LinkedIn-Template: {ctx.template}",
        f"X-LinkedIn-fbl: m2-{b64(rng, 75)}",
        f"X-LinkedIn-Id: {ctx.eid}",
        f"Feedback-ID: {ctx.template.removeprefix('email_')}:linkedin",
    ]
    unsubscribe = mail.unsubscribe or (ctx.link("psettings/email-unsubscribe", "footer", "unsubscribe")
                                       + f"&loid={b64(rng, 20)}")
    if not ctx.mercado:
        unsubscribe = (f"https://www.linkedin.com/e/v2?e={ctx.eid}&t=lun&midToken={ctx.mid_token}&ek={ctx.template}"
                       f"&li=10&m=unsub&ts=unsub&loid={b64(rng, 20)}&eid={ctx.eid}")
    headers.append(f"List-Unsubscribe: <{unsubscribe}>")
    if ctx.mercado:
        headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    headers.append(f"Require-Recipient-Valid-Since: {ctx.owner_email}; Mon, 10 Mar 2014 09:21:04 +0000")
    return alternative(headers, boundary, mail.text, mail.html, html_base64=ctx.wire.html_base64,
                       html_only=ctx.wire.html_only)


# --------------------------------------------------------------------------- LinkedIn kinds

_SIZES = {  # target total size in bytes for mercado mail, low and high
    "invitation": (28_000, 38_000), "message": (21_500, 27_000), "inmail": (32_000, 40_000),
    "digest": (36_000, 52_000), "accepted": (25_000, 33_000), "job_alert": (58_000, 69_000),
    "profile_views": (24_000, 34_000), "network_update": (30_000, 45_000), "newsletter": (34_000, 55_000),
    "security": (20_500, 23_500), "post_reactions": (24_000, 34_000),
}


def target_size(ctx: Ctx, kind: str) -> int:
    low, high = _SIZES[kind]
    if not ctx.mercado:
        low, high = low // 2, high // 2
    if ctx.wire.size is not None:
        low, high = ctx.wire.size
    return ctx.rng.randint(low, high)


def _note_block(ctx: Ctx, note: str, css_class: str = "invitation-message") -> str:
    body = "<br>".join(esc(line) for line in note.split("\n"))
    return (f'<p class="{css_class}" data-test-id="{css_class}" style="{P};margin-top:12px;padding:12px;'
            f'background-color:#f3f2f0;border-radius:8px">{body}</p>')


def _invitation(ctx: Ctx, person: Person, note: str, mutual: int, reminder: bool) -> Mail:
    ctx.template = "email_m2m_invite_reminder_02" if reminder else "email_m2m_invite_single_01"
    shown = note if note else (ctx.t("greeting", rfirst=ctx.rfirst) + " " + ctx.t("default_note"))
    profile = ctx.link(ctx.profile(person.name), "hero", "profile")
    invitation_id, shared_key = digits(ctx.rng, 19), b64(ctx.rng, 6)
    if ctx.mercado:
        accept = ctx.link(f"mynetwork/invite-accept/invitationId/{invitation_id}/sharedKey/{shared_key}/",
                          "hero", "accept~cta")
    else:
        accept = ctx.link(f"people/invite-accept?mboxid=I{invitation_id}_500&sharedKey={shared_key}"
                          f"&invitationId={invitation_id}&fr=false&invitationType=inviteReceived", "hero", "accept")
    view = ctx.link(ctx.profile(person.name), "hero", "view~profile")
    if ctx.mercado:
        subject = ctx.t("reminder_subject", name=person.name) if reminder else ctx.t("invite_subject")
        category = ctx.t("cat_invitation")
        rows = []
        if reminder:
            rows.append(row(f'<p class="reminder" style="{P};font-size:16px">'
                             f'{esc(ctx.t("reminder_line", name=person.name))}</p>', "px-3 pt-3"))
        card = _profile_card(ctx, person, profile, mutual=mutual, note_html=_note_block(ctx, shown))
        rows.append(row(card, "px-3 pt-3"))
        rows.append(row(button(ctx, ctx.t("accept"), accept) + button(ctx, ctx.t("view_profile"), view, False),
                         "px-3 pt-2 pb-3"))
        lines = [person.name]
        lines += [x for x in (person.headline, person.location) if x]
        if mutual:
            lines.append(ctx.t("mutual_one") if mutual == 1 else ctx.t("mutual", n=mutual))
        text = ""
        if reminder:
            text += ctx.t("reminder_line", name=person.name) + "\n\n"
        text += "\n".join(lines) + "\n\n" + shown + "\n\n" + f"{ctx.t('accept')}: {accept}\n\n"
        text += f"{ctx.t('view_profile')}: {view}\n" + text_footer(ctx, category)
    else:
        subject = (ctx.t("reminder_subject_phoenix", name=person.name) if reminder
                   else ctx.t("invite_subject_phoenix", rfirst=ctx.rfirst))
        category = ctx.t("cat_invitation_phoenix")
        body = note if note else ctx.t("default_note")
        greeting = ctx.t("greeting", rfirst=ctx.rfirst)
        rows = []
        if reminder:
            rows.append(row(f'<p style="{P};font-size:16px">{esc(ctx.t("reminder_line", name=person.name))}</p>'))
        rows.append(row(f'<p style="{P};font-size:16px">{esc(greeting)}</p>'
                         + _note_block(ctx, body, "invitation-message")))
        rows.append(row(_profile_card(ctx, person, profile, mutual=mutual, avatar=64)))
        rows.append(row(button(ctx, ctx.t("accept"), accept) + " "
                         + button(ctx, ctx.t("view_profile"), view, False), "px-3 pt-2 pb-3"))
        text = ""
        if reminder:
            text += ctx.t("reminder_line", name=person.name) + "\n\n"
        text += f"{greeting}\n\n{body}\n\n{person.name}\n{person.headline}\n\n"
        view_label = ctx.t("view_profile_of", name=person.name) if reminder else ctx.t("view_profile")
        text += f"{view_label}: {view}\n\n{ctx.t('accept')}: {accept}\n" + text_footer(ctx, category)
    preheader = ctx.t("invite_preheader", rfirst=ctx.rfirst, ifirst=person.first)
    html_text = page(ctx, title=subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=target_size(ctx, "invitation"))
    via = ctx.rng.random() < 0.5
    return Mail(subject=subject, from_name=f"{person.name} via LinkedIn" if via else person.name,
                 from_addr="invitations@linkedin.com", linkedin_class="INVITATION", text=text, html=html_text)


def _message(ctx: Ctx, person: Person, text_body: str | None) -> Mail:
    ctx.template = "email_member_message_v2"
    profile = ctx.link(ctx.profile(person.name), "ProfileCard", "profile")
    thread = ctx.link(f"messaging/thread/2-{b64(ctx.rng, 33, urlsafe=False)}==/", "conversation", "view~message")
    reply = ctx.link(f"messaging/thread/2-{b64(ctx.rng, 33, urlsafe=False)}==/?reply=true", "conversation", "reply")
    shown = text_body or ""
    category = ctx.t("cat_message")
    if ctx.mercado:
        subject = ctx.t("msg_subject", first=person.first, name=person.name)
        note = _note_block(ctx, shown, "message-preview") if shown else ""
        card = (f'<table role="presentation" width="100%" class="one-to-one-single-thread" border="0" '
                f'cellspacing="0" cellpadding="0"><tbody><tr><td width="88" style="padding:8px 8px 8px 0;'
                f'vertical-align:top"><a href="{esc(profile)}"><img src="{esc(avatar_url(ctx.rng, 100))}" '
                f'alt="{esc(person.name)}" width="80" height="80" style="border-radius:50%;width:80px;height:80px">'
                f'</a></td><td style="vertical-align:top;padding:8px 0"><a href="{esc(profile)}" style="{FONT};'
                f'font-size:16px;font-weight:600;color:rgba(0,0,0,0.9);text-decoration:none">{esc(person.name)}</a>'
                f'<p class="sender-headline" style="{P_LOW}">{esc(truncate(person.headline, 100))}</p>{note}'
                f'</td></tr></tbody></table>')
        rows = [row(f'<h2 class="threads-summary" style="{FONT};margin:0;font-size:20px;font-weight:600;'
                     f'color:rgba(0,0,0,0.9)">{esc(ctx.t("msg_count"))}</h2>', "px-3 pt-3"),
                row(card), row(button(ctx, ctx.t("view_message"), thread), "px-3 pt-2 pb-3")]
        headline = f" ({person.headline})" if person.headline else ""
        text = (f"{ctx.t('msg_count')}\n" + "." * 37 + f"\n\n{person.name}{headline}\n"
                f"({ctx.link(ctx.profile(person.name), 'ProfileCard', 'profile~text')})\n\n")
        if shown:
            text += shown + "\n\n"
        text += f"{ctx.t('view_message')}: {thread}\n\n" + "." * 37 + "\n}\n" + text_footer(ctx, category)
        from_addr, from_name = "messaging-digest-noreply@linkedin.com", f"{person.name} via LinkedIn"
    else:
        subject = ctx.t("msg_subject_phoenix", name=person.name, first=person.first)
        rows = [row(_profile_card(ctx, person, profile, avatar=64), "px-3 pt-3")]
        if shown:
            rows.append(row(_note_block(ctx, shown, "message-body")))
        rows.append(row(button(ctx, ctx.t("reply"), reply) + " "
                         + button(ctx, ctx.t("view_message"), thread, False), "px-3 pt-2 pb-3"))
        text = f"{person.name}\n{person.headline}\n\n"
        if shown:
            text += shown + "\n\n"
        text += f"{ctx.t('reply')}: {reply}\n\n{ctx.t('view_message')}: {thread}\n" + text_footer(ctx, category)
        from_addr, from_name = "messages-noreply@linkedin.com", f"{person.name} via LinkedIn"
    html_text = page(ctx, title=subject, preheader=ctx.t("msg_preheader"), rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=target_size(ctx, "message"))
    return Mail(subject=subject, from_name=from_name, from_addr=from_addr, linkedin_class="EMAIL-DEFAULT",
                 text=text, html=html_text)


def _inmail(ctx: Ctx, person: Person, subject: str, body: str) -> Mail:
    ctx.template = "email_hire_inmail_initial_single_01"
    raw_thread = f"https://www.linkedin.com/messaging/thread/2-{b64(ctx.rng, 33, urlsafe=False)}==/"
    thread = ctx.link(raw_thread.removeprefix("https://www.linkedin.com/"), "inmail", "view~message")
    profile = ctx.link(ctx.profile(person.name), "inmail", "profile")
    category = ctx.t("cat_inmail")
    body_html = '<br aria-hidden="true">'.join(esc(line) for line in body.split("\n"))
    rows = [
        row(f'<h1 style="{FONT};margin:0;font-size:24px;line-height:1.25;font-weight:600;'
             f'color:rgba(0,0,0,0.9)">{esc(subject)}</h1><p style="{P_LOW};margin-top:4px">'
             f'{esc(ctx.t("inmail_intro"))}</p>', "px-3 pt-3"),
        row(_profile_card(ctx, person, profile, avatar=64, section="inmail")),
        row(f'<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0"><tbody><tr>'
             f'<td class="message-contents" style="{P};padding:16px 0">{body_html}</td></tr></tbody></table>'),
        row(button(ctx, ctx.t("view_message"), thread) + " " + button(ctx, ctx.t("reply"), thread, False),
             "px-3 pt-2 pb-3"),
    ]
    clean_subject = clean_header(subject)
    text = (f"{clean_subject}\n{clean_subject}\n\n      {person.name}\n        {ctx.t('reply')}\n"
            f"        {raw_thread}\n\n{body}\n" + text_footer(ctx, category))
    flat = " ".join(body.split())
    preheader = flat[:50] + ("..." if len(flat) > 50 else "")
    html_text = page(ctx, title=clean_subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=target_size(ctx, "inmail"))
    uuid = "-".join(base36(ctx.rng, n) for n in (8, 4, 4, 4, 12))
    return Mail(subject=subject, from_name=person.name, from_addr="inmail-hit-reply@linkedin.com",
                 linkedin_class="INMAIL", text=text, html=html_text,
                 reply_to=(person.name, f"{uuid}@reply.linkedin.com"),
                 bounce_prefix="m")


def _join_names(ctx: Ctx, names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {ctx.t('and')} {names[1]}"
    comma = "," if ctx.language == "en" else ""
    return ", ".join(names[:-1]) + f"{comma} {ctx.t('and')} {names[-1]}"


def _digest(ctx: Ctx, entries: list[tuple[Person, str]], kind: str) -> Mail:
    rows: list[str] = []
    text_parts: list[str] = []
    if kind == "invitation":
        ctx.template = "email_m2m_invite_digest_02"
        n = len(entries)
        subject = ctx.t("digest_inv_subject_one") if n == 1 else ctx.t("digest_inv_subject", n=n)
        preheader = ctx.t("digest_inv_preheader", rfirst=ctx.rfirst)
        category = ctx.t("cat_invitation")
        rows.append(row(f'<h2 style="{FONT};margin:0;font-size:20px;font-weight:600">{esc(subject)}</h2>',
                         "px-3 pt-3"))
        for i, (person, note) in enumerate(entries):
            profile = ctx.link(ctx.profile(person.name), "ProfileCard", f"{i}-profile")
            accept = ctx.link(f"mynetwork/invite-accept/invitationId/{digits(ctx.rng, 19)}/sharedKey/"
                              f"{b64(ctx.rng, 6)}/", "ProfileCard", f"{i}-accept~cta")
            mutual = ctx.rng.choice((0, 0, 1, 3, 8, 14, 27, 55))
            block = _note_block(ctx, note) if note else ""
            rows.append(row(_profile_card(ctx, person, profile, mutual=mutual, note_html=block)))
            rows.append(row(button(ctx, ctx.t("accept"), accept)
                             + button(ctx, ctx.t("view_profile"), profile, False)))
            lines = [person.name] + [x for x in (person.headline, person.location) if x]
            if mutual:
                lines.append(ctx.t("mutual_one") if mutual == 1 else ctx.t("mutual", n=mutual))
            part = "\n".join(lines) + "\n\n"
            if note:
                part += note + "\n\n"
            part += f"{ctx.t('accept')}: {accept}\n{ctx.t('view_profile')}: {profile}\n"
            text_parts.append(part)
        text = subject + "\n\n" + ("\n" + "." * 37 + "\n\n").join(text_parts) + text_footer(ctx, category)
        sender = ("LinkedIn", "invitations@linkedin.com")
        linkedin_class = "INVITATION"
    else:
        ctx.template = "email_member_message_digest_v2"
        names = [p.first for p, _ in entries]
        subject = ctx.t("digest_msg_subject", names=_join_names(ctx, names))
        preheader = ctx.t("digest_msg_preheader", n=len(entries))
        category = ctx.t("cat_message")
        for i, (person, message) in enumerate(entries):
            thread = ctx.link(f"messaging/thread/2-{b64(ctx.rng, 33, urlsafe=False)}==/", "conversation",
                              f"{i}-view~message")
            shown = message if (message and not ctx.mercado) else ""
            block = _note_block(ctx, shown, "message-body") if shown else ""
            rows.append(row(_profile_card(ctx, person, ctx.link(ctx.profile(person.name), "ProfileCard",
                                                                 f"{i}-profile"), avatar=48, note_html=block)))
            rows.append(row(button(ctx, ctx.t("view_message"), thread)))
            part = f"{person.name} ({person.headline})\n" if person.headline else f"{person.name}\n"
            part += f"({ctx.link(ctx.profile(person.name), 'ProfileCard', f'{i}-profile~text')})\n"
            if shown:
                part += "\n" + shown + "\n"
            text_parts.append(part + f"{ctx.t('view_message')}: {thread}\n")
        text = preheader + "\n" + "." * 37 + "\n\n" + "\n".join(text_parts) + text_footer(ctx, category)
        sender = ("LinkedIn Messaging", "messaging-digest-noreply@linkedin.com")
        linkedin_class = "EMAIL-DEFAULT"
    html_text = page(ctx, title=subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=target_size(ctx, "digest"))
    return Mail(subject=subject, from_name=sender[0], from_addr=sender[1], linkedin_class=linkedin_class,
                 text=text, html=html_text)


def _accepted(ctx: Ctx, person: Person) -> Mail:
    ctx.template = "email_accept_invite_single_01"
    category = ctx.t("cat_accepted")
    profile = ctx.link(ctx.profile(person.name), "ProfileCard", "profile")
    message = ctx.link(f"messaging/compose/?recipient={vanity(person.name)}", "hero", "message~cta")
    if ctx.mercado:
        subject = ctx.t("accepted_subject", first=person.first)
        preheader = ctx.t("accepted_preheader")
    else:
        subject = ctx.t("accepted_subject_phoenix", rfirst=ctx.rfirst, first=person.first)
        preheader = ctx.t("accepted_preheader_phoenix", first=person.first)
    starter = ctx.t("starter", first=person.first)
    rows = [
        row(f'<h2 style="{FONT};margin:0;font-size:20px;line-height:1.3;font-weight:600">'
             f'{esc(ctx.t("accepted_hero", name=person.name))}</h2>', "px-3 pt-3"),
        row(_profile_card(ctx, person, profile)),
        row(button(ctx, ctx.t("message"), message), "px-3 pt-2"),
        row(f'<h3 style="{FONT};margin:16px 0 4px;font-size:16px;font-weight:600">'
             f'{esc(ctx.t("reach_out", first=person.first))}</h3><p class="starter-message" style="{P};padding:12px;'
             f'border:1px solid #e8e8e8;border-radius:8px">{esc(starter)}</p>', "px-3 pt-2"),
        row(button(ctx, ctx.t("start_with"), message + "&body=starter", primary=False), "px-3 pt-2 pb-3"),
    ]
    text = f"{ctx.t('accepted_text', first=person.first)}\n\n"
    if not ctx.mercado:
        text += f"{ctx.t('view_profile_here')}: {profile}\n\n"
    text += f"{ctx.t('send_message')}: {message}\n" + text_footer(ctx, category)
    html_text = page(ctx, title=subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=target_size(ctx, "accepted"))
    return Mail(subject=subject, from_name=f"{person.name} via LinkedIn", from_addr="invitations@linkedin.com",
                 linkedin_class="INVITE-ACCEPT", text=text, html=html_text)


# --------------------------------------------------------------------------- public builders

def invitation_email(person: Person, note: str, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                     owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                     generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                     date: datetime | None = None, wire: Wire = Wire()) -> bytes:
    """An invitation to connect (or its reminder); "" means no note, shown as LinkedIn's default sentence."""
    ctx = context("invitation", (person, note, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date,
                   wire=wire)
    return genuine_bytes(ctx, _invitation(ctx, person, note, mutual, reminder))


def member_message_email(person: Person, text: str | None = None, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                         owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                         generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                         date: datetime | None = None, wire: Wire = Wire()) -> bytes:
    """A "just messaged you" notification: mercado shows no text unless given, phoenix shows the text."""
    ctx = context("message", (person, text, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date,
                   wire=wire)
    return genuine_bytes(ctx, _message(ctx, person, text))


def inmail_email(person: Person, subject: str, body: str, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                 owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                 generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                 date: datetime | None = None, wire: Wire = Wire()) -> bytes:
    """An InMail: the sender's own subject and full body, Reply-To on reply.linkedin.com."""
    ctx = context("inmail", (person, subject, body, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date,
                   wire=wire)
    return genuine_bytes(ctx, _inmail(ctx, person, subject, body))


def digest_email(entries: list[tuple[Person, str]], *, kind: str = "invitation", owner: str = DEFAULT_OWNER,
                 owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                 generation: str = "mercado", language: str = "en", seed: int = 0,
                 date: datetime | None = None, wire: Wire = Wire()) -> bytes:
    """Several senders in one mail: an invitations digest (notes shown) or, with kind="message", a messages digest."""
    if kind not in ("invitation", "message"):
        raise ValueError(f"unknown digest kind {kind!r}; use 'invitation' or 'message'")
    if not entries:
        raise ValueError("a digest needs at least one entry")
    ctx = context("digest", (tuple(entries), kind), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date,
                   wire=wire)
    return genuine_bytes(ctx, _digest(ctx, list(entries), kind))


def accepted_email(person: Person, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                   owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                   generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                   date: datetime | None = None, wire: Wire = Wire()) -> bytes:
    """"{First} accepted your invitation": carries a LinkedIn-written starter, never the person's words."""
    ctx = context("accepted", (person, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date,
                   wire=wire)
    return genuine_bytes(ctx, _accepted(ctx, person))
