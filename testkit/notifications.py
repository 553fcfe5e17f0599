"""LinkedIn's other notifications: job alerts, profile views, network updates, newsletters, security, reactions.

They carry no words from a person to the owner: the parser counts them as
"other" and never classifies them. Same envelope and chrome as testkit.layouts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from .layouts import (FONT, P, P_LOW, Ctx, Mail, Wire, avatar_url, button, context, genuine_bytes, page, row,
                      target_size, text_footer, truncate)
from .mime import esc, qp
from .people import COMPANIES, DEFAULT_OWNER, DEFAULT_OWNER_EMAIL, JOB_TITLES, LOCATIONS, random_person
from .tokens import b64, base36, digits

OTHER_KINDS = ("job_alert", "profile_views", "network_update", "newsletter", "security", "post_reactions")


def _job_card(ctx: Ctx, i: int) -> str:
    title = ctx.rng.choice(JOB_TITLES)
    company = ctx.rng.choice(COMPANIES)
    place = ctx.rng.choice(LOCATIONS[:7])
    url = ctx.link(f"jobs/view/{digits(ctx.rng, 10)}/?trackingId={b64(ctx.rng, 16, urlsafe=False)}%3D%3D"
                   f"&refId={b64(ctx.rng, 16, urlsafe=False)}%3D%3D", "job_card", f"{i}-job~title")
    logo = (f"https://media.licdn.com/dms/image/v2/C4E0BAQ{b64(ctx.rng, 11)}/company-logo_100_100/0/"
            f"{digits(ctx.rng, 13)}")
    extra = ctx.rng.choice(("Actively recruiting", "Easy Apply", f"{ctx.rng.randint(2, 40)} applicants",
                            "Be an early applicant", "Promoted"))
    return row(f'<table role="presentation" width="100%" class="job-card" border="0" cellspacing="0" '
                f'cellpadding="0"><tbody><tr><td width="56" style="padding:12px 12px 12px 0;vertical-align:top">'
                f'<a href="{esc(url)}"><img src="{esc(logo)}" alt="{esc(company)}" width="48" height="48"></a></td>'
                f'<td style="padding:12px 0;vertical-align:top"><a href="{esc(url)}" style="{FONT};font-size:16px;'
                f'font-weight:600;color:#0a66c2">{esc(title)}</a><p style="{P}">{esc(company)} &middot; '
                f'{esc(place or "Remote")}</p><p style="{P_LOW}">{esc(extra)}</p></td></tr></tbody></table>')


def _update_card(ctx: Ctx, i: int) -> str:
    person = random_person(ctx.rng)
    what = ctx.rng.choice((
        f"started a new position as {ctx.rng.choice(JOB_TITLES)} at {ctx.rng.choice(COMPANIES)}",
        f"is celebrating {ctx.rng.randint(2, 15)} years at {ctx.rng.choice(COMPANIES)}",
        "shared a post: Five things our night shift taught us about handovers",
        "commented on a post about electric HGV charging at depots",
        "reposted: Peak season planning checklist for small warehouses",
    ))
    url = ctx.link(f"feed/update/urn:li:activity:{digits(ctx.rng, 19)}/", "update", f"{i}-update")
    return row(f'<table role="presentation" width="100%" class="update-card" border="0" cellspacing="0" '
                f'cellpadding="0"><tbody><tr><td width="56" style="padding:12px 12px 12px 0;vertical-align:top">'
                f'<img src="{esc(avatar_url(ctx.rng, 100))}" alt="{esc(person.name)}" width="48" height="48" '
                f'style="border-radius:50%"></td><td style="padding:12px 0"><p style="{P}"><a href="{esc(url)}" '
                f'style="font-weight:600;color:rgba(0,0,0,0.9)">{esc(person.name)}</a> {esc(what)}</p>'
                f'<p style="{P_LOW}">{esc(truncate(person.headline, 60))}</p></td></tr></tbody></table>')


def _article_card(ctx: Ctx, i: int) -> str:
    title = ctx.rng.choice(("Why cross-docking is back", "The hidden cost of empty miles",
                            "What drivers want from a dispatcher", "Five metrics every warehouse should track",
                            "Rethinking the peak-season playbook", "Electric vans: one year in"))
    url = ctx.link(f"pulse/{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}-{base36(ctx.rng, 5)}/",
                   "article", f"{i}-title")
    body = ("We asked twelve operations leaders what changed in their sites this year. Their answers ranged from "
            "shift patterns to software, but three themes kept coming up.")
    return row(f'<a href="{esc(url)}" style="{FONT};font-size:16px;font-weight:600;color:rgba(0,0,0,0.9)">'
                f'{esc(title)}</a><p style="{P}">{esc(body)}</p>')


def other_email(kind: str, *, seed: int = 0, owner: str = DEFAULT_OWNER, owner_email: str = DEFAULT_OWNER_EMAIL,
                owner_headline: str | None = None, generation: str = "mercado", language: str = "en",
                date: datetime | None = None, wire: Wire = Wire()) -> bytes:
    """A LinkedIn notification with no words from a person to the owner (job alert, profile views, ...)."""
    if kind not in OTHER_KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {OTHER_KINDS}")
    ctx = context("other", (kind,), owner=owner, owner_email=owner_email, owner_headline=owner_headline,
                   generation=generation, language=language, seed=seed, date=date, wire=wire)
    rng = ctx.rng
    rows: list[str] = []
    unsubscribe = ""
    filler: Callable[[int], str] = lambda i: _update_card(ctx, i)  # noqa: E731
    filler_title = "More updates for you"
    if kind == "job_alert":
        ctx.template = "email_job_alert_digest_01"
        title, company = rng.choice(JOB_TITLES), rng.choice(COMPANIES)
        subject = f"“operations manager”: {company} - {title} and more"
        preheader = "Your job alert for operations manager in Bristol"
        sender, cls, category = ("LinkedIn Job Alerts", "jobalerts-noreply@linkedin.com"), "SAVEDSEARCH", \
            ctx.t("cat_jobs")
        unsubscribe = (f"https://www.linkedin.com/comm/jobs/alerts/job-alert-email-unsubscribe?savedSearchId="
                       f"{digits(rng, 10)}&midToken={ctx.mid_token}&eid={ctx.eid}")
        rows.append(row(f'<h2 style="{FONT};margin:0;font-size:20px;font-weight:600">Your job alert for '
                         f'operations manager in Bristol</h2><p style="{P_LOW}">New jobs match your preferences.</p>',
                         "px-3 pt-3"))
        rows += [_job_card(ctx, i) for i in range(6)]
        filler, filler_title = (lambda i: _job_card(ctx, 6 + i)), "More jobs for you"  # noqa: E731
        text = "Your job alert for operations manager in Bristol\n\n" + f"{title}\n{company}\nBristol\n\n"
    elif kind == "profile_views":
        ctx.template = "email_wvmp_digest_01"
        n = rng.randint(3, 40)
        subject = f"{ctx.rfirst}, your profile was viewed by {n} people"
        preheader = "See who's looking at your profile"
        sender, cls, category = ("LinkedIn", "notifications-noreply@linkedin.com"), "EMAIL-DEFAULT", \
            ctx.t("cat_notification")
        url = ctx.link("me/profile-views/", "hero", "see~all")
        rows.append(row(f'<h2 style="{FONT};margin:0;font-size:20px;font-weight:600">Your profile was viewed by '
                         f'{n} people in the past week</h2><p style="{P}">You also appeared in {rng.randint(5, 90)} '
                         f'searches.</p>' + button(ctx, "See all views", url), "px-3 pt-3"))
        text = f"Your profile was viewed by {n} people in the past week\n\nSee all views: {url}\n"
    elif kind == "network_update":
        ctx.template = "email_notification_digest_01"
        person = random_person(rng)
        company = rng.choice(COMPANIES)
        subject = rng.choice((f"Congratulate {person.name} for {rng.randint(2, 12)} years at {company}",
                              f"{person.name} reshared a post: Peak season planning checklist"))
        preheader = "Here's what's happened since you were last on LinkedIn"
        sender, cls, category = ("LinkedIn", "notifications-noreply@linkedin.com"), "EMAIL-DEFAULT", \
            ctx.t("cat_notification")
        rows.append(row(f'<h2 style="{FONT};margin:0;font-size:20px;font-weight:600">{esc(subject)}</h2>',
                         "px-3 pt-3"))
        rows += [_update_card(ctx, i) for i in range(3)]
        text = f"{subject}\n\n{preheader}\n"
    elif kind == "newsletter":
        ctx.template = "email_series_follower_digest_01"
        author = random_person(rng)
        issue = rng.choice(("Why cross-docking is back", "The hidden cost of empty miles",
                            "What drivers want from a dispatcher"))
        subject = f"Warehouse Weekly: {issue}"
        preheader = f"{author.name} published a new edition of Warehouse Weekly"
        sender, cls, category = (f"{author.name} via LinkedIn", "newsletters-noreply@linkedin.com"), \
            "EMAIL-DEFAULT", ctx.t("cat_newsletter")
        url = ctx.link(f"pulse/{base36(rng, 12)}/", "hero", "read")
        rows.append(row(f'<p style="{P_LOW}">Warehouse Weekly &middot; {esc(author.name)}</p>'
                         f'<h1 style="{FONT};margin:4px 0;font-size:24px;font-weight:600">{esc(issue)}</h1>'
                         + button(ctx, "Read article", url), "px-3 pt-3"))
        filler, filler_title = (lambda i: _article_card(ctx, i)), "More from Warehouse Weekly"  # noqa: E731
        text = f"Warehouse Weekly\n{issue}\nby {author.name}\n\nRead article: {url}\n"
    elif kind == "security":
        ctx.template = "email_pin_verification_01"
        pin = digits(rng, 6)
        subject = f"{ctx.rfirst}, here's your PIN {pin}"
        preheader = "Please use this verification code to complete your sign in"
        sender, cls, category = ("LinkedIn", "security-noreply@linkedin.com"), "SECURITY", ctx.t("cat_security")
        rows.append(row(f'<p style="{P}">Hi {esc(ctx.rfirst)},</p><p style="{P}">Please use this verification '
                         f'code to complete your sign in: </p><p style="{FONT};font-size:32px;font-weight:600;'
                         f'margin:12px 0">{pin}</p><p style="{P_LOW}">If you didn\'t try to sign in, change your '
                         'password right away.</p>', "px-3 pt-3"))
        filler = None
        text = f"Hi {ctx.rfirst},\n\nPlease use this verification code to complete your sign in: {pin}\n"
    else:  # post_reactions
        ctx.template = "email_notification_single_01"
        person = random_person(rng)
        others = rng.randint(2, 60)
        subject = f"{person.name} and {others} others reacted to your post"
        preheader = "See who reacted to your post about the new cross-dock"
        sender, cls, category = ("LinkedIn", "notifications-noreply@linkedin.com"), "EMAIL-DEFAULT", \
            ctx.t("cat_notification")
        url = ctx.link(f"feed/update/urn:li:activity:{digits(rng, 19)}/", "hero", "view~post")
        rows.append(row(f'<p style="{P}">{esc(subject)}</p><p style="{P_LOW}">“Our new cross-dock opened '
                         'this week. Proud of the whole team.”</p>' + button(ctx, "View post", url), "px-3 pt-3"))
        text = f"{subject}\n\nView post: {url}\n"
    text += text_footer(ctx, category)
    html_text = page(ctx, title=subject, preheader=preheader, rows=rows, category=category, filler=filler,
                      filler_title=filler_title, text_size=len(text), target=target_size(ctx, kind))
    if kind == "security":  # pad with a plain help section rather than cards
        html_text = _pad_comment(html_text, text, ctx)
    return genuine_bytes(ctx, Mail(subject=subject, from_name=sender[0], from_addr=sender[1],
                                     linkedin_class=cls, text=text, html=html_text, unsubscribe=unsubscribe))


def _pad_comment(html_text: str, text: str, ctx: Ctx) -> str:
    target = target_size(ctx, "security")
    missing = target - len(qp(html_text)) - len(text) - 4200
    if missing <= 0:
        return html_text
    tips = (f'<tr><td style="padding:0 24px"><p style="{P_LOW}">Never share this code. LinkedIn will never ask '
            'you for it by phone or message.</p></td></tr>')
    count = max(1, missing // len(qp(tips)))
    return html_text.replace("</tbody></table>\n<img", tips * count + "</tbody></table>\n<img", 1)
