"""LinkedIn's notifications drawn small: the layouts of the parser fixtures, in six languages.

The same kinds and template generations as testkit.layouts, without the
padding: a person card, the note, the buttons and the footer, each kind as a
(text/plain, text/html) pair, put into an envelope by `genuine` (or by hand with
`assemble` for fixtures that bend the MIME structure). Their HTML cards keep
name, headline and location in one cell (testkit.layouts puts each in its own
table row), and the wording is `texts.COMPACT_CHROME`, so between them the
parser meets both. Every random token comes from one stream, `STREAM`, in the
order the fixture catalogue (testkit.fixtures) builds its mails: that order is
what keeps the committed fixtures byte for byte the same.
"""

from __future__ import annotations

import base64
import html
import quopri
import random
from collections.abc import Sequence
from dataclasses import dataclass
from email.charset import QP, Charset
from email.header import Header
from typing import Any

from .people import AISHA, BEATRIZ, DIEGO, EMMA, GIULIA, JANA, KENJI, LUCAS, MARIA, NOAH, OLIVIA, PYMK, TOM, Person
from .texts import COMPACT_CHROME, NOTE_AISHA, NOTE_MARIA, NOTE_NOAH, NOTE_TOM

# The mailbox the fixtures are written to, and the receiving server its Authentication-Results come from.
OWNER = "Sam Rivera"
OWNER_FIRST = "Sam"
OWNER_HEADLINE = "Platform Engineer at Northwind Labs"
TRUSTED = "mx.northwind.example"


# ---------------------------------------------------------------- links and ids

STREAM = random.Random(20260122)


def token(n: int, alphabet: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(STREAM.choice(alphabet) for _ in range(n))


def tracked(url: str, tpl: str, section: str) -> str:
    """A LinkedIn link as the mails write it: /comm/ prefix and the tracking parameters."""
    base = url.replace("https://www.linkedin.com/", "https://www.linkedin.com/comm/", 1)
    sep = "&" if "?" in base else "?"
    return (f"{base}{sep}lipi=urn%3Ali%3Apage%3Aemail_{tpl}%3B{token(22)}%3D%3D&midToken=AQ{token(24)}"
            f"&midSig={token(26)}&trk=eml-{tpl}-{section}-0-{section}&trkEmail=eml-{tpl}-{section}-null-{token(6)}"
            f"~{token(8)}-null-null&eid={token(6)}-{token(8)}-{token(2)}&otpToken={token(40)}")


def thread_url() -> str:
    return f"https://www.linkedin.com/messaging/thread/2-{token(40)}==/"


def accept_url() -> str:
    return (f"https://www.linkedin.com/mynetwork/invite-accept/invitationId/{STREAM.randrange(10**18, 10**19)}"
            f"/sharedKey/{token(8)}/")



# ---------------------------------------------------------------- HTML templates

CSS = "\n".join(
    f".{name}-{i}{{{prop}:{value}}}" for name, prop, value in [
        ("p", "padding", "{i}px"), ("px", "padding-left", "{i}px"), ("py", "padding-top", "{i}px"),
        ("m", "margin", "{i}px"), ("mt", "margin-top", "{i}px"), ("w", "width", "{i}%"),
        ("text", "font-size", "{i}px"), ("leading", "line-height", "{i}px"), ("rounded", "border-radius", "{i}px"),
    ] for i in range(0, 24)).replace("{i}", "8")
CSS = CSS + "\n" + "\n".join(
    f"@media (max-width:{w}px){{.mercado-container{{width:100%!important}}.sm\\:p-{w % 9}{{padding:{w % 9}px!important}}"
    f".sm\\:text-{w % 7}{{font-size:{12 + w % 7}px!important}}.sm\\:hidden{{display:none!important}}}}"
    for w in range(360, 640, 14))

FONT = ("font-family:-apple-system,system-ui,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue','Fira Sans',"
        "Ubuntu,Oxygen,'Oxygen Sans',Cantarell,'Droid Sans','Apple Color Emoji','Segoe UI Emoji','Segoe UI Emoji',"
        "'Segoe UI Symbol','Lucida Grande',Helvetica,Arial,sans-serif;")
FILLER = "\u034f\u00a0" * 90


def escape_text(text: str) -> str:
    return html.escape(text, quote=False)


def escape_lines(text: str) -> str:
    return "<br aria-hidden=\"true\">".join(escape_text(line) for line in text.split("\n"))


def button(label: str, href: str, primary: bool = True) -> str:
    colors = ("background-color:#0a66c2;color:#ffffff;border:1px solid #0a66c2;" if primary
              else "background-color:#ffffff;color:#0a66c2;border:1px solid #0a66c2;")
    return (f'<table role="presentation" border="0" cellspacing="0" cellpadding="0" style="display:inline-block">'
            f'<tr><td style="border-radius:24px;{colors}padding:8px 16px;text-align:center">'
            f'<a href="{html.escape(href)}" data-test-id="email-button" target="_blank" '
            f'style="{FONT}{colors}text-decoration:none;font-size:16px;font-weight:600;line-height:1.25;'
            f'border-radius:24px;display:inline-block">{escape_text(label)}</a></td></tr></table>')


def avatar(size: int, who: str) -> str:
    return (f'<img src="https://media.licdn.com/dms/image/v2/{token(16)}/profile-displayphoto-shrink_{size}_{size}/'
            f'0/{STREAM.randrange(10**12)}?e=2147483647&amp;v=beta&amp;t={token(43)}" alt="{escape_text(who)}" '
            f'width="{size}" height="{size}" style="border-radius:50%;display:block;outline:none;border:none">')


def lead_in_html(lines: Sequence[str]) -> str:
    """What some HTML layouts show right above a person's words: names, a headline, a date, one paragraph each."""
    return "".join(f'<p style="{FONT}margin:0 0 4px;color:#00000099;font-size:14px">{escape_text(line)}</p>' for line in lines)


def person_card(p: Person, tpl: str, lang: str, size: int = 72, mutual: bool = True, location: bool = True,
                headline_class: str = "") -> str:
    href = html.escape(tracked(p.profile, tpl, "profile"))
    rows = [f'<a href="{href}" style="{FONT}color:#000000e6;font-weight:600;font-size:16px;text-decoration:none">'
            f'{escape_text(p.name)}</a>',
            f'<p class="{headline_class} text-sm" style="{FONT}margin:0;color:#00000099;font-size:14px">{escape_text(p.headline)}</p>']
    if location and p.location:
        rows.append(f'<p class="text-sm" style="{FONT}margin:0;color:#00000099;font-size:14px">{escape_text(p.location)}</p>')
    if mutual and p.mutual:
        rows.append(f'<p class="text-xs" style="{FONT}margin:4px 0 0 0;color:#00000099;font-size:12px">'
                    f'{escape_text(COMPACT_CHROME[lang]["mutual"].format(n=p.mutual))}</p>')
    return (f'<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0">'
            f'<tr><td width="{size}" valign="top" style="padding:0 12px 0 0"><a href="{href}">{avatar(size, p.name)}</a>'
            f'</td><td valign="top" style="padding:0">{"".join(rows)}</td></tr></table>')


def mercado_html(lang: str, tpl: str, preheader: str, content: str, category: str, visible_filler: bool = False,
                 extra_sections: str = "", owner_in_header: bool = False) -> str:
    """owner_in_header: the recipient's name beside their avatar in the header, as some mercado variants show it."""
    s = COMPACT_CHROME[lang]
    owner_name = (f'<td align="right" style="{FONT}font-size:14px;color:#00000099;padding-right:8px">{escape_text(OWNER)}</td>'
                  if owner_in_header else "")
    logo = f'<img src="https://static.licdn.com/aero-v1/sc/h/{token(25).lower()}" alt="LinkedIn" width="84" height="21">'
    filler = (f'<span style="font-size:1px;color:#f3f2f0;line-height:1px">{escape_text(FILLER)}</span>' if visible_filler
              else f'<div style="display:none;max-height:0;overflow:hidden">{escape_text(FILLER)}</div>')
    footer = (
        f'<tr><td style="padding:24px 24px 32px;background-color:#f3f2f0">'
        f'<p style="{FONT}margin:0 0 8px;color:#00000099;font-size:12px">{escape_text(s["intended"].format(name=OWNER, headline=OWNER_HEADLINE))}</p>'
        f'<p style="{FONT}margin:0 0 8px;font-size:12px"><a href="{html.escape(tracked("https://www.linkedin.com/help/linkedin/answer/4788", tpl, "footer"))}" '
        f'style="color:#0a66c2">{escape_text(s["learn"])}</a></p>'
        f'<p style="{FONT}margin:0 0 8px;color:#00000099;font-size:12px">{escape_text(s["receiving"].format(cat=category))}</p>'
        f'<p style="{FONT}margin:0 0 8px;font-size:12px"><a href="{html.escape(tracked("https://www.linkedin.com/psettings/email-unsubscribe", tpl, "footer"))}">'
        f'{escape_text(s["unsub"])}</a> &middot; <a href="{html.escape(tracked("https://www.linkedin.com/help/linkedin/answer/67", tpl, "footer"))}">{escape_text(s["help"])}</a></p>'
        f'<p style="{FONT}margin:0;color:#00000099;font-size:12px">&copy; 2025 LinkedIn Corporation, 1&zwnj;000 West Maude Avenue, '
        f'Sunnyvale, CA 94085. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.</p></td></tr>')
    upsell = (f'<tr><td style="padding:16px 24px;border-top:1px solid #e8e8e8"><table role="presentation" width="100%"><tr>'
              f'<td><p style="{FONT}margin:0;font-size:14px;font-weight:600">{escape_text(s["desktop"])}</p></td>'
              f'<td align="right"><a href="https://apps.apple.com/app/linkedin/id288429040"><img src="https://static.licdn.com/aero-v1/sc/h/{token(20).lower()}" alt="App Store" width="120"></a>'
              f'<a href="https://play.google.com/store/apps/details?id=com.linkedin.android"><img src="https://static.licdn.com/aero-v1/sc/h/{token(20).lower()}" alt="Google Play" width="120"></a>'
              f'</td></tr></table></td></tr>')
    return (
        f'<!DOCTYPE html><html lang="{lang}" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="viewport" '
        f'content="width=device-width,initial-scale=1"><title></title><style>{CSS}</style></head>'
        f'<body style="margin:0;padding:0;background-color:#f3f2f0;{FONT}">'
        f'<div data-email-preheader="true" style="display:none;max-height:0;overflow:hidden">{escape_text(preheader)}</div>{filler}'
        f'<table role="presentation" class="mercado-container" width="512" align="center" border="0" cellspacing="0" '
        f'cellpadding="0" style="width:512px;max-width:512px;background-color:#ffffff;margin:0 auto">'
        f'<tr><td style="padding:24px 24px 0"><table role="presentation" width="100%"><tr>'
        f'<td><a href="{html.escape(tracked("https://www.linkedin.com/feed/", tpl, "header"))}">{logo}</a></td>'
        f'{owner_name}<td align="right">{avatar(32, OWNER)}</td></tr></table></td></tr>'
        f'<tr><td style="padding:24px">{content}</td></tr>{extra_sections}{upsell}{footer}</table>'
        f'<img src="https://www.linkedin.com/emimp/ip_{token(60)}.gif" alt="" width="1" height="1" style="display:none">'
        f'</body></html>')


def pymk_section(lang: str, tpl: str) -> str:
    s = COMPACT_CHROME[lang]
    cards = "".join(
        f'<tr><td style="padding:12px 0;border-top:1px solid #e8e8e8">{person_card(p, tpl, lang, 56, mutual=False, location=False)}'
        f'{button(s["connect"], tracked("https://www.linkedin.com/mynetwork/", tpl, "pymk"), primary=False)}</td></tr>'
        for p in PYMK)
    return (f'<tr><td style="padding:0 24px 24px"><table role="presentation" width="100%"><tr><td>'
            f'<h2 style="{FONT}font-size:16px;margin:0 0 8px">{escape_text(s["more"])}</h2></td></tr>{cards}</table></td></tr>')


def phoenix_html(lang: str, content: str, category: str) -> str:
    s = COMPACT_CHROME[lang]
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>'
        '<style type="text/css">body{margin:0;padding:0}table{border-collapse:collapse}a{color:#008CC9}'
        + "".join(f".c{i}{{padding:{i}px;color:#{i:02x}{i:02x}{i:02x}}}" for i in range(60)) +
        '</style></head><body style="background-color:#EDF0F3;margin:0;padding:0">'
        '<table width="100%" bgcolor="#EDF0F3" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">'
        '<table width="512" bgcolor="#FFFFFF" cellpadding="0" cellspacing="0" border="0" style="font-family:Helvetica,Arial,sans-serif">'
        '<tr><td style="padding:16px 24px;background-color:#FFFFFF;border-bottom:1px solid #008CC9">'
        '<img src="https://static.licdn.com/scds/common/u/images/email/phoenix/logos/logo_phoenix_header_blue_78x66_v1.png" alt="LinkedIn" width="39"/></td></tr>'
        f'<tr><td style="padding:20px 24px">{content}</td></tr>'
        f'<tr><td style="padding:16px 24px;background-color:#EDF0F3;font-size:11px;color:#737373">'
        f'<p>{escape_text(s["receiving"].format(cat=category))}</p>'
        f'<p>{escape_text(s["intended"].format(name=OWNER, headline=OWNER_HEADLINE))}</p>'
        f'<p><a href="https://www.linkedin.com/e/v2?e={token(12)}&amp;t=lun&amp;midToken={token(20)}">{escape_text(s["learn"])}</a></p>'
        '<p>&copy; 2016 LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the LinkedIn logo '
        'are registered trademarks of LinkedIn.</p></td></tr></table></td></tr></table>'
        f'<img src="https://www.linkedin.com/emimo/{token(30)}/blank.gif" width="1" height="1"/></body></html>')



# ---------------------------------------------------------------- text templates

DASHES = "-" * 40
DOTS = "." * 37


def mercado_footer(lang: str, tpl: str, category: str) -> str:
    s = COMPACT_CHROME[lang]
    return "\n".join([
        DASHES, "",
        s["intended"].format(name=OWNER, headline=OWNER_HEADLINE),
        f'{s["learn"].rstrip(".")}: {tracked("https://www.linkedin.com/help/linkedin/answer/4788", tpl, "footer")}',
        s["receiving"].format(cat=category), "",
        f'{s["unsub"]}: {tracked("https://www.linkedin.com/psettings/email-unsubscribe", tpl, "footer")}',
        f'{s["help"]}: {tracked("https://www.linkedin.com/help/linkedin/answer/67", tpl, "footer")}', "",
        "© 2025 LinkedIn Corporation, 1zwnj000 West Maude Avenue, Sunnyvale, CA 94085.",
        "LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.", ""])


def phoenix_footer(lang: str, category: str) -> str:
    s = COMPACT_CHROME[lang]
    return "\n".join([
        DOTS, "",
        f'{s["unsub"]}: https://www.linkedin.com/e/v2?e={token(12)}&t=lun&midToken={token(20)}&ek=email_m2m_invite_single_01',
        f'{s["help"]}: https://www.linkedin.com/e/v2?e={token(12)}&a=customerServiceUrl&ek=email_m2m_invite_single_01', "",
        s["receiving"].format(cat=category), "",
        s["intended"].format(name=OWNER, headline=OWNER_HEADLINE) + ("" if lang == "de" else "."),
        f'{s["learn"].rstrip(".")}: https://www.linkedin.com/e/v2?e={token(12)}&a=customerServiceUrl&articleId=4788',
        "© 2016 LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the LinkedIn logo "
        "are registered trademarks of LinkedIn.", ""])



# ---------------------------------------------------------------- kinds: (text, html) pairs

def invitation(p: Person, lang: str, note: str, gen: str, reminder: bool = False,
               greeting: str | None = None, lead_in: Sequence[str] = ()) -> tuple[str, str]:
    """greeting: the 2016 line above the note, "{first}" the owner's first name (default: the language's "Hi {first},").

    lead_in: lines the HTML shows right above the note (the recipient's name, the sender's name and headline, a
    date). With it, the 2024+ HTML puts the note above the card and names the owner in the header, as mail
    whose text part a forwarding service dropped has been seen to read."""
    s = dict(COMPACT_CHROME[lang])
    if greeting is not None:
        s["greeting"] = greeting
    tpl = "m2m_invite_reminder_02" if reminder else "m2m_invite_single_01"
    acc = tracked(accept_url(), tpl, "accept")
    prof = tracked(p.profile, tpl, "profile")
    if gen == "phoenix":
        if reminder:
            intro = f"{p.name} would like to connect on LinkedIn. How would you like to respond?"
            text = "\n".join([intro, "", f'{s["accept"]}: {acc}', "", f"View {p.name}'s profile: {prof}", ""])
            content = (f"<p>{escape_text(intro)}</p><table><tr><td>{button(s['accept'], acc)}</td></tr></table>"
                       f'<p><a href="{html.escape(prof)}">View {escape_text(p.name)}\'s profile</a></p>')
        else:
            text = "\n".join([s["greeting"].format(first=OWNER_FIRST), "", note, "", p.name, p.headline, "",
                              f'{s["view_profile"]}: {prof}', "", f'{s["accept"]}: {acc}', ""])
            content = (f'<table width="100%"><tr><td>{lead_in_html(lead_in)}<p>{escape_text(s["greeting"].format(first=OWNER_FIRST))}</p>'
                       f'<p>{escape_lines(note)}</p></td></tr></table>'
                       f'<table width="100%"><tr><td><a href="{html.escape(prof)}" style="font-weight:bold">{escape_text(p.name)}</a>'
                       f'<br/>{escape_text(p.headline)}</td></tr></table>'
                       f'<table><tr><td>{button(s["accept"], acc)}</td><td>{button(s["view_profile"], prof, False)}</td></tr></table>')
        return text + phoenix_footer(lang, s["cat_inv"]), phoenix_html(lang, content, s["cat_inv"])
    lines = []
    if reminder:
        lines += [s["reminder_intro"].format(full=p.name), ""]
    card = [p.name, p.headline] + ([p.location] if p.location else []) + (
        [s["mutual"].format(n=p.mutual)] if p.mutual else [])
    lines += card + [""]
    if note:
        lines += [note, ""]
    lines += [f'{s["accept"]}: {acc}', "", f'{s["view_profile"]}: {prof}', "", ""]
    text = "\n".join(lines) + mercado_footer(lang, tpl, s["cat_inv"])
    content = ""
    if reminder:
        content += f'<h2 style="{FONT}font-size:20px;margin:0 0 16px">{escape_text(s["reminder_intro"].format(full=p.name))}</h2>'
    note_html = (f'<table role="presentation" width="100%"><tr><td style="padding:16px 0 0">{lead_in_html(lead_in)}'
                 f'<p style="{FONT}margin:0;font-size:16px;line-height:1.5;color:#000000e6">{escape_lines(note)}</p>'
                 f'</td></tr></table>') if note else ""
    if lead_in:
        content += note_html + person_card(p, tpl, lang)
    else:
        content += person_card(p, tpl, lang) + note_html
    content += (f'<table role="presentation" style="margin-top:16px"><tr><td>{button(s["accept"], acc)}</td>'
                f'<td style="padding-left:8px">{button(s["view_profile"], prof, False)}</td></tr></table>')
    pre = s["preheader_inv"].format(rfirst=OWNER_FIRST, first=p.first)
    return text, mercado_html(lang, tpl, pre, content, s["cat_inv"], extra_sections=pymk_section(lang, tpl),
                              owner_in_header=bool(lead_in))


DIGEST_HEADING = {"en": ("You have 1 new invitation", "You have {n} new invitations"),
                  "fr": ("Vous avez 1 nouvelle invitation", "Vous avez {n} nouvelles invitations"),
                  "de": ("Sie haben 1 neue Einladung", "Sie haben {n} neue Einladungen"),
                  "es": ("Tienes 1 invitación nueva", "Tienes {n} invitaciones nuevas"),
                  "pt": ("Você tem 1 novo convite", "Você tem {n} novos convites"),
                  "it": ("Hai 1 nuovo invito", "Hai {n} nuovi inviti")}


def digest_heading(lang: str, n: int) -> str:
    one, many = DIGEST_HEADING[lang]
    return one if n == 1 else many.format(n=n)


def invitation_digest(entries: list[tuple[Person, str]], lang: str,
                      lead_ins: Sequence[Sequence[str]] = ()) -> tuple[str, str]:
    """An invitations digest (email_m2m_invite_digest_02), 2024+: one card per invitation.

    The real card layout is unseen (format doc, section B); this follows the
    single invitation's: name / headline / location / "N connections in common",
    the note under the card, Accept and View profile. text/plain separates the
    cards with dotted lines; the HTML puts each card in its own container table.
    lead_ins: per card, lines the HTML shows above its note (the sender's name, a date).
    """
    s = COMPACT_CHROME[lang]
    tpl = "m2m_invite_digest_02"
    heading = digest_heading(lang, len(entries))
    blocks = []
    content = f'<h2 style="{FONT}font-size:20px;margin:0 0 16px">{escape_text(heading)}</h2>'
    for k, (p, note) in enumerate(entries):
        lead_in = lead_ins[k] if k < len(lead_ins) else ()
        acc = tracked(accept_url(), tpl, "ProfileCard")
        prof = tracked(p.profile, tpl, "ProfileCard")
        card = [p.name, p.headline] + ([p.location] if p.location else []) + (
            [s["mutual"].format(n=p.mutual)] if p.mutual else [])
        block = "\n".join(card) + "\n\n"
        if note:
            block += note + "\n\n"
        block += f'{s["accept"]}: {acc}\n{s["view_profile"]}: {prof}\n'
        blocks.append(block)
        note_html = (f'<tr><td style="padding:12px 0 0">{lead_in_html(lead_in)}<p class="invitation-message" style="{FONT}margin:0;padding:12px;'
                     f'background-color:#f3f2f0;border-radius:8px;font-size:14px">{escape_lines(note)}</p></td></tr>'
                     if note else "")
        content += (f'<table role="presentation" class="invitation-card" width="100%" border="0" cellspacing="0" '
                    f'cellpadding="0" style="border-top:1px solid #e8e8e8;padding:16px 0">'
                    f'<tr><td>{person_card(p, tpl, lang)}</td></tr>{note_html}'
                    f'<tr><td style="padding:12px 0 0"><table role="presentation"><tr><td>{button(s["accept"], acc)}</td>'
                    f'<td style="padding-left:8px">{button(s["view_profile"], prof, False)}</td></tr></table></td></tr></table>')
    text = heading + "\n\n" + ("\n" + DOTS + "\n\n").join(blocks) + "\n" + mercado_footer(lang, tpl, s["cat_inv"])
    pre = f"See who reached out, {OWNER_FIRST}"
    return text, mercado_html(lang, tpl, pre, content, s["cat_inv"], extra_sections=pymk_section(lang, tpl))


def message(people: list[Person], lang: str, gen: str, texts: list[str] | None = None,
            lead_in: Sequence[str] = ()) -> tuple[str, str]:
    """lead_in (phoenix, one sender): lines the HTML shows above the message (the recipient's name, when it was sent)."""
    s = COMPACT_CHROME[lang]
    tpl = "member_message_v2"
    n = len(people)
    if gen == "phoenix":
        texts = texts or [""] * n
        if n == 1:
            p, t = people[0], texts[0]
            thread = tracked(thread_url(), tpl, "message")
            text = "\n".join([p.name, p.headline, "", t, "", f'{s["view_message"]}: {thread}', "",
                              f'{s["reply"]}: {thread}', ""])
            content = (f'<table width="100%"><tr><td><a href="{html.escape(tracked(p.profile, tpl, "profile"))}">'
                       f'{escape_text(p.name)}</a><br/>{escape_text(p.headline)}</td></tr></table>'
                       f'<table width="100%"><tr><td>{lead_in_html(lead_in)}<p>{escape_lines(t)}</p></td></tr></table>'
                       f'<table><tr><td>{button(s["view_message"], thread)}</td></tr></table>')
        else:
            blocks = [s["new_messages"].format(n=n)]
            content = f"<h2>{escape_text(s['new_messages'].format(n=n))}</h2>"
            for p, t in zip(people, texts):
                thread = tracked(thread_url(), tpl, "message")
                blocks += [DOTS, p.name, p.headline, "", t, f'{s["view_message"]}: {thread}']
                content += (f'<table width="100%"><tr><td><a href="{html.escape(tracked(p.profile, tpl, "profile"))}">'
                            f'{escape_text(p.name)}</a><br/>{escape_text(p.headline)}</td></tr><tr><td><p>{escape_text(t)}</p></td></tr>'
                            f'<tr><td>{button(s["view_message"], thread)}</td></tr></table>')
            text = "\n".join(blocks) + "\n"
        return text + phoenix_footer(lang, s["cat_msg"]), phoenix_html(lang, content, s["cat_msg"])
    head = s["new_message"] if n == 1 else s["new_messages"].format(n=n)
    lines = [head]
    content = f'<h2 class="threads-summary" style="{FONT}font-size:20px;margin:0 0 16px">{escape_text(head)}</h2>'
    for p in people:
        thread = tracked(thread_url(), tpl, "message")
        lines += [DOTS, f"{p.name} ({p.headline})", f"({tracked(p.profile, tpl, 'profile')})",
                  f'{s["view_message"]}: {thread}']
        content += (f'<table role="presentation" class="one-to-one-single-thread" width="100%" style="margin-bottom:16px">'
                    f'<tr><td>{person_card(p, tpl, lang, 80, mutual=False, location=False, headline_class="sender-headline")}'
                    f'</td></tr><tr><td style="padding-top:12px">{button(s["view_message"], thread)}</td></tr></table>')
    lines += [DOTS, "}", ""]
    pre = "1 new message awaits your response" if n == 1 else f"{n} new messages await your response"
    return "\n".join(lines) + mercado_footer(lang, tpl, s["cat_msg"]), mercado_html(lang, tpl, pre, content, s["cat_msg"])


def inmail(p: Person, lang: str, subject: str, body: str, gen: str, lead_in: Sequence[str] = ()) -> tuple[str, str]:
    """lead_in (mercado): lines the HTML shows at the top of the body (the recipient's name, the date)."""
    s = COMPACT_CHROME[lang]
    tpl = "hire_inmail_initial_single_01"
    thread = thread_url()
    if gen == "phoenix":
        prof = tracked(p.profile, tpl, "profile")
        text = "\n".join([p.name, p.headline, "", subject, "", body, "", f'{s["reply"]}: {tracked(thread, tpl, "reply")}',
                          f"View {p.first}'s profile: {prof}", ""])
        content = (f'<table width="100%"><tr><td><a href="{html.escape(prof)}">{escape_text(p.name)}</a><br/>{escape_text(p.headline)}'
                   f'</td></tr></table><table><tr><td><h3>{escape_text(subject)}</h3><p>{escape_lines(body)}</p></td></tr></table>'
                   f'<table><tr><td>{button(s["reply"], tracked(thread, tpl, "reply"))}</td></tr></table>')
        return text + phoenix_footer(lang, s["cat_notif"]), phoenix_html(lang, content, s["cat_notif"])
    text = "\n".join([subject, subject, "", f"      {p.name}", f"        {s['reply']}", f"        {thread}", "",
                      body, ""]) + mercado_footer(lang, tpl, s["cat_notif"])
    content = (f'<h1 style="{FONT}font-size:24px;margin:0 0 8px">{escape_text(subject)}</h1>'
               f'<p style="{FONT}margin:0 0 16px;color:#00000099">{escape_text(s["opportunity"])}</p>'
               + person_card(p, tpl, lang, 64, mutual=False) +
               f'<table role="presentation" width="100%"><tr><td class="message-contents" style="{FONT}padding:16px 0;'
               f'font-size:16px;line-height:1.5">{lead_in_html(lead_in)}{escape_lines(body)}</td></tr></table>'
               f'<table role="presentation"><tr><td>{button(s["view_message"], tracked(thread, tpl, "inmail"))}</td></tr></table>')
    preheader = body.replace("\n", " ")[:50] + "..."
    return text, mercado_html(lang, tpl, preheader, content, s["cat_notif"])


def accepted(p: Person, lang: str, gen: str) -> tuple[str, str]:
    s = COMPACT_CHROME[lang]
    tpl = "m2m_invite_accepted_01"
    prof = tracked(p.profile, tpl, "profile")
    msg = tracked(thread_url(), tpl, "message")
    if gen == "phoenix":
        text = "\n".join([f"{p.first} has accepted your invitation", "", f"View profile here: {prof}", "",
                          f"Send a message: {msg}", ""])
        content = (f"<p>{escape_text(p.first)} has accepted your invitation</p>"
                   f'<p><a href="{html.escape(prof)}">View profile here</a></p><p><a href="{html.escape(msg)}">Send a message</a></p>')
        return text + phoenix_footer(lang, "Invitation"), phoenix_html(lang, content, "Invitation")
    starter = s["starter"].format(first=p.first)
    text = "\n".join([s["accepted_intro"].format(full=p.name), "", p.name, p.headline] + ([p.location] if p.location else [])
                     + ["", f'{s["message"]}: {msg}', "", s["reach_out"].format(first=p.first), starter,
                        f'{s["start_note"]}: {msg}', "", f'{s["view_profile"]}: {prof}', "", ""]) + mercado_footer(lang, tpl, s["cat_inv"])
    content = (f'<p style="{FONT}font-size:20px;margin:0 0 16px">{escape_text(s["accepted_intro"].format(full=p.name))}</p>'
               + person_card(p, tpl, lang, mutual=False) +
               f'<table role="presentation" style="margin-top:12px"><tr><td>{button(s["message"], msg)}</td></tr></table>'
               f'<table role="presentation" width="100%" style="margin-top:24px;background:#f3f2f0"><tr><td style="padding:16px">'
               f'<h3 style="{FONT}margin:0 0 8px">{escape_text(s["reach_out"].format(first=p.first))}</h3>'
               f'<p style="{FONT}margin:0 0 12px">{escape_text(starter)}</p>{button(s["start_note"], msg, False)}</td></tr></table>')
    return text, mercado_html(lang, tpl, f"See {p.first}'s connections, experience, and more", content, s["cat_inv"])


def job_alert(lang: str = "en") -> tuple[str, str]:
    tpl = "job_alert_digest_01"
    jobs = [("Senior Platform Engineer", "Cobalt Grid", "Lisbon (Hybrid)"), ("Site Reliability Engineer", "Tidewater", "Remote"),
            ("Staff Infrastructure Engineer", "Orbitals", "Porto"), ("Kubernetes Engineer", "Mosaikwerk", "Lisbon"),
            ("DevOps Lead", "Fjordlight", "Remote, Portugal"), ("Cloud Engineer", "Ondas", "Braga")] * 3
    lines = ["Your job alert for platform engineer in Lisbon", "18 new jobs match your preferences.", ""]
    content = "<h2>Your job alert for platform engineer in Lisbon</h2><p>18 new jobs match your preferences.</p>"
    for i, (title, company, place) in enumerate(jobs):
        url = tracked(f"https://www.linkedin.com/jobs/view/{3900000000 + i * 7919}/", tpl, "jobcard")
        lines += [title, company, place, f"View job: {url}", "", DASHES[:20]]
        content += (f'<table role="presentation" width="100%" style="border-top:1px solid #e8e8e8"><tr><td style="padding:12px 0">'
                    f'<a href="{html.escape(url)}" style="{FONT}font-weight:600;font-size:16px">{escape_text(title)}</a>'
                    f'<p style="{FONT}margin:0">{escape_text(company)} · {escape_text(place)}</p><p style="{FONT}margin:0;color:#057642">Actively recruiting</p>'
                    f'</td></tr></table>')
    text = "\n".join(lines) + "\n" + mercado_footer(lang, tpl, "Job alert")
    return text, mercado_html(lang, tpl, "18 new jobs for platform engineer", content, "Job alert")


def simple_notification(lines: list[str], tpl: str, category: str, link: str, label: str) -> tuple[str, str]:
    url = tracked(link, tpl, "hero")
    text = "\n".join(lines + ["", f"{label}: {url}", "", ""]) + mercado_footer("en", tpl, category)
    content = "".join(f'<p style="{FONT}margin:0 0 8px">{escape_text(line)}</p>' for line in lines) + button(label, url)
    return text, mercado_html("en", tpl, lines[0], content, category)



# ---------------------------------------------------------------- the envelope

def encode_header(value: str, charset: str = "utf-8") -> str:
    if value.isascii():
        return value
    if charset == "utf-8":
        return Header(value, "utf-8").encode()
    cs = Charset(charset)
    cs.header_encoding = QP
    return Header(value, cs).encode()


def address(display: str, addr: str, encode: bool = True) -> str:
    if not display:
        return addr
    shown = encode_header(display) if encode else display
    if shown == display and any(c in display for c in ',.;:"()'):
        shown = '"' + display.replace('"', '\\"') + '"'
    return f"{shown} <{addr}>"


def encode_body(text: str, charset: str, cte: str) -> bytes:
    codec = {"utf-8": "utf-8", "windows-1252": "cp1252", "iso-8859-1": "latin-1"}.get(charset, charset)
    data = text.encode(codec)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    if cte == "base64":
        return base64.encodebytes(data)
    return data


@dataclass
class Part:
    ctype: str
    body: bytes
    charset: str = "UTF-8"
    cte: str = "quoted-printable"
    cid: str = ""
    filename: str = ""

    def render(self) -> bytes:
        head = [f"Content-Type: {self.ctype}" + (f';charset={self.charset}' if self.charset else "")
                + (f'; name="{self.filename}"' if self.filename else "")]
        if self.cte:
            head.append(f"Content-Transfer-Encoding: {self.cte}")
        if self.cid:
            head.append(f"Content-ID: {self.cid}")
        if self.filename:
            head.append(f'Content-Disposition: attachment; filename="{self.filename}"')
        return ("\n".join(head) + "\n\n").encode() + self.body


def text_part(text: str, charset: str = "UTF-8", cte: str = "quoted-printable") -> Part:
    return Part("text/plain", encode_body(text, charset.lower(), cte), charset, cte, "text-body")


def html_part(markup: str, charset: str = "UTF-8", cte: str = "quoted-printable") -> Part:
    return Part("text/html", encode_body(markup, charset.lower(), cte), charset, cte, "html-body")


def genuine_headers(*, from_display: str, from_addr: str, subject: str, tpl: str = "", klass: str = "",
                    date: str = "Thu, 22 Jan 2026 11:14:46 +0000 (UTC)", gen: str = "mercado", auth: bool = True,
                    reply_to: str = "", extra: list[str] | None = None) -> list[str]:
    epoch = STREAM.randrange(1_700_000_000_000, 1_770_000_000_000)
    if gen == "phoenix":
        mid = f"<{STREAM.randrange(10**8)}.{STREAM.randrange(10**6)}.{epoch}.JavaMail.app@lva1-app{STREAM.randrange(1000, 9999)}.prod.linkedin.com>"
        date = date if "2026" not in date else "Tue, 14 Jun 2016 08:02:11 +0000 (UTC)"
    else:
        mid = f"<{STREAM.randrange(10**9)}.{STREAM.randrange(10**5)}.{epoch}@ltx1-app{STREAM.randrange(10000, 99999)}.prod.linkedin.com>"
    bounce = "m-" if "inmail" in tpl else "s-"
    h = [f"Return-Path: <{bounce}{token(55)}@bounce.linkedin.com>",
         f"Received: from maila-dk.linkedin.com (maila-dk.linkedin.com [108.174.3.{STREAM.randrange(2, 250)}])\n"
         f"\tby {TRUSTED} (Postfix) with ESMTPS id {token(12)}\n\tfor <sam.rivera@northwind.example>; {date}"]
    if auth:
        h.append(f"Authentication-Results: {TRUSTED};\n\tdkim=pass header.d=linkedin.com header.s=d2048-202308-00 header.b={token(8)};\n"
                 f"\tdkim=pass header.d=maila.linkedin.com header.s=d2048-202308-0b header.b={token(8)};\n"
                 f"\tspf=pass (domain of bounce.linkedin.com designates 108.174.3.12 as permitted sender) smtp.mailfrom=bounce.linkedin.com;\n"
                 f"\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com")
        h.append(f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=linkedin.com;\n\ts=d2048-202308-00; t={epoch // 1000};\n"
                 f"\tbh={token(43)}=;\n\th=Date:From:To:Message-ID:Subject:MIME-Version:Content-Type:X-LinkedIn-Class:\n"
                 f"\t X-LinkedIn-Template:X-LinkedIn-fbl;\n\tb={token(76)}\n\t {token(76)}\n\t {token(40)}==")
    h += [f"Date: {date}", f"From: {address(from_display, from_addr)}"]
    if reply_to:
        h.append(f"Reply-To: {reply_to}")
    h += [f"To: {address(OWNER, 'sam.rivera@northwind.example')}", f"Message-ID: {mid}",
          f"Subject: {encode_header(subject)}", "MIME-Version: 1.0"]
    if klass:
        h.append(f"X-LinkedIn-Class: {klass}")
    if tpl:
        h += [f"X-LinkedIn-Template: email_{tpl}", f"X-LinkedIn-fbl: m2-{token(100)}",
              f"X-LinkedIn-Id: {STREAM.randrange(100000, 999999)}-{token(8)}-{token(2)}",
              f"Feedback-ID: email_{tpl}:linkedin"]
    if gen == "mercado":
        h += [f"List-Unsubscribe: <{tracked('https://www.linkedin.com/psettings/email-unsubscribe', tpl or 'x', 'unsub')}>",
              "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
    h += extra or []
    return h


def assemble(headers: list[str], parts: list[Part], *, boundary: str | None = None, crlf: bool = True,
             declared_boundary: str | None = "same", multipart: str = "multipart/alternative") -> bytes:
    """Headers and parts as one message; a single part becomes the whole body."""
    if len(parts) == 1 and boundary is None:
        p = parts[0]
        head = headers + [f"Content-Type: {p.ctype}" + (f"; charset={p.charset}" if p.charset else "")]
        if p.cte:
            head.append(f"Content-Transfer-Encoding: {p.cte}")
        data = ("\n".join(head) + "\n\n").encode() + p.body
    else:
        boundary = boundary or f"----=_Part_{STREAM.randrange(10**6)}_{STREAM.randrange(10**9)}.{STREAM.randrange(10**12)}"
        declared = boundary if declared_boundary == "same" else declared_boundary
        ctype = f"Content-Type: {multipart}" + (f';\n\tboundary="{declared}"' if declared else "")
        data = ("\n".join(headers + [ctype]) + "\n\n").encode()
        for p in parts:
            data += f"--{boundary}\n".encode() + p.render().rstrip(b"\n") + b"\n"
        data += f"--{boundary}--\n".encode()
    return data.replace(b"\n", b"\r\n") if crlf else data



def genuine(kind_text_html: tuple[str, str], *, from_display: str, from_addr: str, subject: str, tpl: str = "",
            klass: str = "", gen: str = "mercado", text_cs: str = "UTF-8", cte: str = "quoted-printable",
            html_only: bool = False, text_only: bool = False, crlf: bool = True, **kw: Any) -> bytes:
    text, markup = kind_text_html
    headers = genuine_headers(from_display=from_display, from_addr=from_addr, subject=subject, tpl=tpl, klass=klass,
                              gen=gen, **kw)
    if html_only:
        parts = [html_part(markup, text_cs, cte)]
    elif text_only:
        parts = [text_part(text, text_cs, cte)]
    else:
        parts = [text_part(text, text_cs, cte), html_part(markup, text_cs, cte)]
    return assemble(headers, parts, crlf=crlf)



# ---------------------------------------------------------------- many mails of realistic size

def build_realistic(count: int, seed: int = 1) -> list[bytes]:
    """`count` genuine mails of realistic size (20-40 KB multipart), for the benchmark."""
    rng = random.Random(seed)
    people = [MARIA, TOM, AISHA, LUCAS, JANA, DIEGO, BEATRIZ, GIULIA, KENJI, OLIVIA, NOAH, EMMA]
    notes = [NOTE_MARIA, NOTE_TOM, NOTE_AISHA, NOTE_NOAH, ""]
    out = []
    inv = "invitations@linkedin.com"
    for _ in range(min(count, 200)):
        p = rng.choice(people)
        kind = rng.random()
        if kind < 0.5:
            raw = genuine(invitation(p, "en", rng.choice(notes), "mercado"), from_display=p.name, from_addr=inv,
                          subject="I want to connect", tpl="m2m_invite_single_01")
        elif kind < 0.8:
            raw = genuine(message([p], "en", "mercado"), from_display=f"{p.name} via LinkedIn",
                          from_addr="messaging-digest-noreply@linkedin.com", subject=f"{p.first} just messaged you",
                          tpl="member_message_v2", klass="EMAIL-DEFAULT")
        else:
            raw = genuine(accepted(p, "en", "mercado"), from_display=f"{p.name} via LinkedIn", from_addr=inv,
                          subject=f"Sam, start a conversation with your new connection, {p.first}", tpl="m2m_invite_accepted_01")
        out.append(raw)
    return [out[i % len(out)] for i in range(count)]
