"""The parser fixtures in tests/fixtures/mail: every NAME.eml and the NAME.expected.json beside it.

    python -m testkit.fixtures            # rewrites them (from the repository root)
    python -m testkit.fixtures --out DIR  # writes them elsewhere, to compare

Every person, company and address is invented. The layouts follow
docs/linkedin-email-format.md: the 2016 "phoenix" and the 2024+ "mercado"
templates, drawn small (testkit.compact), with the phishing (testkit.phishing)
and malformed (testkit.malformed) variants. The expected values are written
from what each fixture puts in, never from what the parser reads; each was also
read by eye.
"""

from __future__ import annotations

import argparse
import json
import quopri
import sys
from collections.abc import Sequence
from pathlib import Path

from . import malformed, phishing
from .catalogue import FIXTURES, Fixture, add, item
from .compact import (FILLER, OWNER, OWNER_FIRST, Part, accepted, assemble, digest_heading, genuine, genuine_headers,
                      html_part, inmail, invitation, invitation_digest, job_alert, message, phoenix_footer, phoenix_html,
                      simple_notification, text_part, token)
from .people import (AISHA, BEATRIZ, CARMEN, CHLOE, DIEGO, EMMA, FELIX, GIULIA, INES, JANA, JOSE, KENJI, LENA, LUCAS,
                     MARIA, NOAH, OLIVIA, PRIYA, PYMK, TOM)
from .texts import COMPACT_CHROME, INMAIL_PRIYA, INMAIL_SUBJECT, NOTE_AISHA, NOTE_MARIA, NOTE_NOAH, NOTE_TOM

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mail"


def build() -> list[Fixture]:
    """Every fixture, in the one order that keeps their bytes (see testkit.compact)."""
    FIXTURES.clear()
    inv = "invitations@linkedin.com"

    # ---- invitations, 2024+ mercado
    add("mercado_invitation_note_en", genuine(invitation(MARIA, "en", NOTE_MARIA, "mercado"), from_display=MARIA.name,
        from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", MARIA, NOTE_MARIA, location=MARIA.location, reminder=False, language="en")],
        intended_for=OWNER)
    add("mercado_invitation_no_note_en", genuine(invitation(KENJI, "en", "", "mercado"), from_display=KENJI.name,
        from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", KENJI, "", location=KENJI.location, language="")])
    add("mercado_invitation_default_note_en", genuine(invitation(OLIVIA, "en",
        "I'd like to add you to my professional network on LinkedIn.", "mercado"), from_display=OLIVIA.name,
        from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", OLIVIA, "", location=OLIVIA.location)],
        notes="LinkedIn's old default sentence counts as no note")
    add("mercado_invitation_pitch_en", genuine(invitation(NOAH, "en", NOTE_NOAH, "mercado"), from_display=NOAH.name,
        from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", NOAH, NOTE_NOAH, location=NOAH.location, mutual=None)],
        notes="a person's own link in the note is not a reason for suspicion")
    add("mercado_invitation_multiline_en", genuine(invitation(TOM, "en", NOTE_TOM, "mercado"), from_display=TOM.name + " via LinkedIn",
        from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", TOM, NOTE_TOM, location=TOM.location)],
        notes="display name with ' via LinkedIn'; a note of two lines")
    add("mercado_reminder_en", genuine(invitation(AISHA, "en", NOTE_AISHA, "mercado", reminder=True),
        from_display=AISHA.name, from_addr=inv, subject=COMPACT_CHROME["en"]["reminder_subject"].format(full=AISHA.name),
        tpl="m2m_invite_reminder_02"),
        kind="invitation", items=[item("invitation", AISHA, NOTE_AISHA, location=AISHA.location, reminder=True)])
    add("mercado_reminder_no_note_de", genuine(invitation(FELIX, "de", "", "mercado", reminder=True),
        from_display=FELIX.name, from_addr=inv, subject=COMPACT_CHROME["de"]["reminder_subject"].format(full=FELIX.name),
        tpl="m2m_invite_reminder_02"),
        kind="invitation", items=[item("invitation", FELIX, "", location=FELIX.location, reminder=True)])

    # ---- invitations, 2016 phoenix
    note_2016 = "Sam, we sat next to each other at the SREcon workshop in Dublin. Would be good to stay in touch."
    add("phoenix_invitation_note_en", genuine(invitation(AISHA, "en", note_2016, "phoenix"), from_display=AISHA.name,
        from_addr=inv, subject="Sam, please add me to your LinkedIn network", gen="phoenix"),
        kind="invitation", items=[item("invitation", AISHA, note_2016, mutual=None, location="", reminder=False)],
        intended_for=OWNER)
    add("phoenix_invitation_default_en", genuine(invitation(TOM, "en", COMPACT_CHROME["en"]["default_note"], "phoenix"),
        from_display=TOM.name, from_addr=inv, subject="Sam, please add me to your LinkedIn network", gen="phoenix"),
        kind="invitation", items=[item("invitation", TOM, "", mutual=None)])
    add("phoenix_reminder_guest_en", genuine(invitation(OLIVIA, "en", "", "phoenix", reminder=True),
        from_display=OLIVIA.name, from_addr=inv, subject=f"Reminder: {OLIVIA.name} would like to connect", gen="phoenix",
        klass="INVITE-GUEST"),
        kind="invitation", items=[item("invitation", OLIVIA, "", headline="", mutual=None, reminder=True)],
        notes="2016 guest reminder: no card, no note")
    add("phoenix_invitation_note_de", genuine(invitation(JANA, "de",
        "Hallo Sam, wir haben uns auf der KubeCon in Hamburg über Observability unterhalten. Ich würde mich freuen, in Kontakt zu bleiben.",
        "phoenix"), from_display=JANA.name, from_addr=inv, subject=COMPACT_CHROME["de"]["invite_subject_old"].format(rfirst=OWNER_FIRST),
        gen="phoenix"),
        kind="invitation", items=[item("invitation", JANA,
        "Hallo Sam, wir haben uns auf der KubeCon in Hamburg über Observability unterhalten. Ich würde mich freuen, in Kontakt zu bleiben.",
        mutual=None, language="de")])
    add("phoenix_invitation_default_es", genuine(invitation(JOSE, "es", COMPACT_CHROME["es"]["default_note"], "phoenix"),
        from_display=JOSE.name, from_addr=inv, subject=COMPACT_CHROME["es"]["invite_subject_old"].format(rfirst=OWNER_FIRST), gen="phoenix"),
        kind="invitation", items=[item("invitation", JOSE, "", mutual=None)],
        notes="RFC 2047 encoded From name; Spanish default sentence")
    add("phoenix_invitation_default_pt", genuine(invitation(INES, "pt", COMPACT_CHROME["pt"]["default_note"], "phoenix"),
        from_display=INES.name, from_addr=inv, subject=COMPACT_CHROME["pt"]["invite_subject_old"].format(rfirst=OWNER_FIRST), gen="phoenix"),
        kind="invitation", items=[item("invitation", INES, "", mutual=None)])

    # ---- invitations in other languages, mercado
    note_fr = "Bonjour Sam, j'ai beaucoup aimé votre article sur les opérateurs Kubernetes. Au plaisir d'échanger !"
    add("mercado_invitation_note_fr", genuine(invitation(LUCAS, "fr", note_fr, "mercado"), from_display=LUCAS.name,
        from_addr=inv, subject=COMPACT_CHROME["fr"]["invite_subject"], tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", LUCAS, note_fr, location=LUCAS.location, language="fr")],
        intended_for=OWNER)
    add("mercado_invitation_default_fr", genuine(invitation(CHLOE, "fr", COMPACT_CHROME["fr"]["default_note"], "mercado"),
        from_display=CHLOE.name, from_addr=inv, subject=COMPACT_CHROME["fr"]["invite_subject"], tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", CHLOE, "", location=CHLOE.location)])
    add("mercado_invitation_default_de", genuine(invitation(FELIX, "de", COMPACT_CHROME["de"]["default_note"], "mercado"),
        from_display=FELIX.name, from_addr=inv, subject=COMPACT_CHROME["de"]["invite_subject"], tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", FELIX, "", location=FELIX.location)])
    note_es = ("Hola Sam, coincidimos en el taller de Terraform en Valencia el mes pasado. "
               "Me encantaría seguir en contacto y comentar lo de los módulos.")
    add("mercado_invitation_note_es", genuine(invitation(DIEGO, "es", note_es, "mercado"), from_display=DIEGO.name,
        from_addr=inv, subject=COMPACT_CHROME["es"]["invite_subject"], tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", DIEGO, note_es, location=DIEGO.location, language="es")])
    note_pt = ("Olá Sam! Vi a sua palestra sobre observabilidade no Porto Tech Hub e gostei muito. "
               "Podemos tomar um café quando estiver pelo Porto?")
    add("mercado_invitation_note_pt", genuine(invitation(BEATRIZ, "pt", note_pt, "mercado"), from_display=BEATRIZ.name,
        from_addr=inv, subject=COMPACT_CHROME["pt"]["invite_subject"], tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", BEATRIZ, note_pt, location=BEATRIZ.location, language="pt")])
    note_it = "Ciao Sam, ho letto il tuo post sugli SLO e mi è stato molto utile per il nostro team. Restiamo in contatto!"
    add("mercado_invitation_note_it", genuine(invitation(GIULIA, "it", note_it, "mercado"), from_display=GIULIA.name,
        from_addr=inv, subject=COMPACT_CHROME["it"]["invite_subject"], tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", GIULIA, note_it, location=GIULIA.location, language="it")])

    # ---- messages
    add("mercado_message_en", genuine(message([MARIA], "en", "mercado"), from_display=f"{MARIA.name} via LinkedIn",
        from_addr="messaging-digest-noreply@linkedin.com", subject=f"{MARIA.first} just messaged you",
        tpl="member_message_v2", klass="EMAIL-DEFAULT"),
        kind="message", items=[item("message", MARIA, "", mutual=None)],
        notes="modern member message: the mail never holds the text")
    add("mercado_message_pt", genuine(message([BEATRIZ], "pt", "mercado"), from_display=f"{BEATRIZ.name} via LinkedIn",
        from_addr="messaging-digest-noreply@linkedin.com", subject=COMPACT_CHROME["pt"]["msg_subject"].format(first=BEATRIZ.first),
        tpl="member_message_v2", klass="EMAIL-DEFAULT"),
        kind="message", items=[item("message", BEATRIZ, "", mutual=None)])
    add("mercado_message_fr_html_only", genuine(message([CHLOE], "fr", "mercado"), from_display=f"{CHLOE.name} via LinkedIn",
        from_addr="messaging-digest-noreply@linkedin.com", subject=COMPACT_CHROME["fr"]["msg_subject"].format(first=CHLOE.first),
        tpl="member_message_v2", klass="EMAIL-DEFAULT", html_only=True),
        kind="message", items=[item("message", CHLOE, "", mutual=None)])
    add("mercado_digest_en", genuine(message([MARIA, TOM, AISHA], "en", "mercado"), from_display="LinkedIn Messaging",
        from_addr="messaging-digest-noreply@linkedin.com",
        subject=f"{MARIA.first}, {TOM.first}, and {AISHA.first} sent new messages", tpl="member_message_v2", klass="EMAIL-DEFAULT"),
        kind="digest", items=[item("message", p, "", mutual=None) for p in (MARIA, TOM, AISHA)])
    add("mercado_digest_de_html_only", genuine(message([JANA, FELIX], "de", "mercado"), from_display="LinkedIn Messaging",
        from_addr="messaging-digest-noreply@linkedin.com", subject=f"{JANA.first} und {FELIX.first}: 2 neue Nachrichten",
        tpl="member_message_v2", klass="EMAIL-DEFAULT", html_only=True),
        kind="digest", items=[item("message", p, "", mutual=None) for p in (JANA, FELIX)])
    msg_2016 = ("Hi Sam,\nare you coming to the Lisbon design meetup on Thursday? I'd love to introduce you to our new CTO.\n\n"
                "Maria")
    add("phoenix_message_en", genuine(message([MARIA], "en", "phoenix", [msg_2016]), from_display=MARIA.name,
        from_addr="messages-noreply@linkedin.com", subject=f"{MARIA.name} sent you a new message", gen="phoenix",
        tpl="member_message_01"),
        kind="message", items=[item("message", MARIA, msg_2016, mutual=None, language="en")],
        notes="2016 messages carried the text; the profile link is in the HTML only")
    texts = ["Are you still up for coffee on Friday? The new café near the office finally opened.",
             "Thanks for the intro to Aisha yesterday, we set up a call for next week."]
    add("phoenix_digest_en", genuine(message([MARIA, TOM], "en", "phoenix", texts), from_display="LinkedIn",
        from_addr="messages-noreply@linkedin.com", subject=f"{MARIA.name} and {TOM.name} sent you messages", gen="phoenix"),
        kind="digest", items=[item("message", MARIA, texts[0], mutual=None),
                              item("message", TOM, texts[1], mutual=None)],
        notes="the profile links are in the HTML only")

    # ---- InMail
    add("mercado_inmail_en", genuine(inmail(PRIYA, "en", INMAIL_SUBJECT, INMAIL_PRIYA, "mercado"),
        from_display=PRIYA.name, from_addr="inmail-hit-reply@linkedin.com", subject=INMAIL_SUBJECT,
        tpl="hire_inmail_initial_single_01", klass="INMAIL", reply_to=f"{PRIYA.name} <{token(8).lower()}-{token(4).lower()}@reply.linkedin.com>"),
        kind="inmail", items=[item("inmail", PRIYA, INMAIL_PRIYA, location=PRIYA.location, mutual=None,
                                   subject=INMAIL_SUBJECT, language="en")],
        notes="text part has no headline: the HTML fills it in; the person's own link is not suspicious")
    body_de = ("Hallo Sam,\n\nich leite das Datenplattform-Team bei Flusswerk und suche eine erfahrene Person für unser "
               "Kubernetes-Setup. Hätten Sie nächste Woche Zeit für ein kurzes Gespräch?\n\nViele Grüße\nJana")
    add("mercado_inmail_de", genuine(inmail(JANA, "de", "Platform Engineering bei Flusswerk", body_de, "mercado"),
        from_display=JANA.name, from_addr="inmail-hit-reply@linkedin.com", subject="Platform Engineering bei Flusswerk",
        tpl="hire_inmail_initial_single_01", klass="INMAIL", reply_to=f"{JANA.name} <{token(12).lower()}@reply.linkedin.com>"),
        kind="inmail", items=[item("inmail", JANA, body_de, location=JANA.location, mutual=None,
                                   subject="Platform Engineering bei Flusswerk", language="de")])
    body_fr = ("Bonjour Sam,\n\nJe suis responsable produit chez Pléiade. Nous préparons une table ronde sur la fiabilité "
               "des plateformes et votre retour d'expérience serait précieux.\n\nBien à vous,\nChloé")
    add("mercado_inmail_fr_base64", genuine(inmail(CHLOE, "fr", "Table ronde sur la fiabilité", body_fr, "mercado"),
        from_display=CHLOE.name, from_addr="inmail-hit-reply@linkedin.com", subject="Table ronde sur la fiabilité",
        tpl="hire_inmail_initial_single_01", klass="INMAIL", cte="base64"),
        kind="inmail", items=[item("inmail", CHLOE, body_fr, location=CHLOE.location, mutual=None,
                                   subject="Table ronde sur la fiabilité", language="fr")],
        notes="both parts base64; RFC 2047 subject")
    add("mercado_inmail_es_html_only", genuine(inmail(DIEGO, "es", "Proyecto de datos en Valencia",
        "Hola Sam,\n\nestamos montando un equipo de plataforma en Solaria Tech y me gustaría conocer tu opinión.\n\nUn saludo,\nDiego",
        "mercado"), from_display=DIEGO.name, from_addr="inmail-hit-reply@linkedin.com", subject="Proyecto de datos en Valencia",
        tpl="hire_inmail_initial_single_01", klass="INMAIL", html_only=True),
        kind="inmail", items=[item("inmail", DIEGO,
        "Hola Sam,\n\nestamos montando un equipo de plataforma en Solaria Tech y me gustaría conocer tu opinión.\n\nUn saludo,\nDiego",
        location=DIEGO.location, mutual=None, subject="Proyecto de datos en Valencia", language="es")])
    body_2016 = ("Hello Sam,\n\nKestrel Analytics is growing its infrastructure team in Berlin and your background "
                 "with Terraform caught my eye.\nWould you be open to a conversation?\n\nTom")
    add("phoenix_inmail_en", genuine(inmail(TOM, "en", "Infrastructure lead in Berlin", body_2016, "phoenix"),
        from_display=TOM.name, from_addr="inmail-hit-reply@linkedin.com", subject="Infrastructure lead in Berlin",
        gen="phoenix", klass="INMAIL", reply_to=f"{TOM.name} <{token(10).lower()}@reply.linkedin.com>"),
        kind="inmail", items=[item("inmail", TOM, body_2016, mutual=None, subject="Infrastructure lead in Berlin")])

    # ---- accepted
    add("mercado_accepted_en", genuine(accepted(KENJI, "en", "mercado"), from_display=f"{KENJI.name} via LinkedIn",
        from_addr=inv, subject=COMPACT_CHROME["en"]["accepted_subject"].format(rfirst=OWNER_FIRST, first=KENJI.first),
        tpl="m2m_invite_accepted_01"),
        kind="accepted", items=[item("accepted", KENJI, "", location=KENJI.location, mutual=None)],
        notes="the 'thanks for connecting!' starter is LinkedIn's, not Kenji's")
    add("mercado_accepted_es", genuine(accepted(JOSE, "es", "mercado"), from_display=f"{JOSE.name} via LinkedIn",
        from_addr=inv, subject=COMPACT_CHROME["es"]["accepted_subject"].format(first=JOSE.first), tpl="m2m_invite_accepted_01"),
        kind="accepted", items=[item("accepted", JOSE, "", location=JOSE.location, mutual=None)])
    add("phoenix_accepted_en", genuine(accepted(EMMA, "en", "phoenix"), from_display=f"{EMMA.name} via LinkedIn",
        from_addr=inv, subject=f"Sam, start a conversation with your new connection, {EMMA.first}", gen="phoenix"),
        kind="accepted", items=[item("accepted", EMMA, "", headline="", mutual=None)])

    # ---- other notifications
    add("mercado_job_alert", genuine(job_alert(), from_display="LinkedIn Job Alerts", from_addr="jobalerts-noreply@linkedin.com",
        subject="“platform engineer”: 18 new jobs in Lisbon", tpl="job_alert_digest_01", klass="SAVEDSEARCH"),
        kind="other", items=[item("other", name="LinkedIn Job Alerts", headline="", mutual=None, profile=None)])
    add("mercado_profile_views", genuine(simple_notification(
        ["Your profile was viewed by 7 people", "Including someone from Kestrel Analytics and 3 others in Platform Engineering."],
        "notifications_wvmp_01", "LinkedIn notification", "https://www.linkedin.com/me/profile-views/", "See all views"),
        from_display="LinkedIn", from_addr="notifications-noreply@linkedin.com", subject="Sam, you appeared in 12 searches this week",
        tpl="notifications_wvmp_01", klass="EMAIL-DEFAULT"),
        kind="other", items=[item("other", name="LinkedIn", headline="", mutual=None, profile=None)])
    add("mercado_newsletter", genuine(simple_notification(
        ["The on-call issue", "Why your pager should be boring: three lessons from a year of incident reviews."],
        "newsletters_01", "newsletter", "https://www.linkedin.com/pulse/on-call-issue-olivia-chen/", "Read article"),
        from_display=f"{OLIVIA.name} via LinkedIn", from_addr="newsletters-noreply@linkedin.com",
        subject="The on-call issue: why your pager should be boring", tpl="newsletters_01", klass="EMAIL-DEFAULT"),
        kind="other", items=[item("other", name=OLIVIA.name, headline="", mutual=None, profile=None)])
    add("mercado_security_pin", genuine(simple_notification(
        ["Sam, here's your PIN 482913", "Please use this verification code to complete your sign in.",
         "If you didn't try to sign in, change your password right away."],
        "security_pin_01", "security", "https://www.linkedin.com/psettings/change-password", "Change password"),
        from_display="LinkedIn", from_addr="security-noreply@linkedin.com", subject="Sam, here's your PIN 482913",
        tpl="security_pin_01", klass="SECURITY"),
        kind="other", items=[item("other", name="LinkedIn", headline="", mutual=None, profile=None)],
        notes="genuine security mail mentions passwords and must not be flagged")
    add("mercado_pymk", genuine(simple_notification(
        [f"{PYMK[0].name} - {PYMK[0].headline}", "You have 4 mutual connections."],
        "pymk_01", "People You May Know", "https://www.linkedin.com/mynetwork/", "Connect"),
        from_display="LinkedIn", from_addr="messages-noreply@linkedin.com", subject=f"Sam, add {PYMK[0].name} - {PYMK[0].headline}",
        tpl="pymk_01", klass="EMAIL-DEFAULT"),
        kind="other", items=[item("other", name="LinkedIn", headline="", mutual=None, profile=None)])
    add("mercado_invitation_digest", genuine(simple_notification(
        ["You have 3 new invitations", "Maria Lopez, Tom Becker and 1 other want to connect."],
        "m2m_invite_digest_02", "LinkedIn invitations", "https://www.linkedin.com/mynetwork/invitation-manager/", "See all invitations"),
        from_display="LinkedIn", from_addr=inv, subject="You have 3 new invitations", tpl="m2m_invite_digest_02"),
        kind="other", items=[item("other", name="LinkedIn", headline="", mutual=None, profile=None)],
        notes="a digest that only sums up (no cards, no Accept buttons) cannot be read: counted as other, never guessed at")
    add("mercado_news_editors", genuine(simple_notification(
        ["Top stories for you", "Tech layoffs slow as hiring picks up in infrastructure roles."],
        "editors_daily_rundown_01", "LinkedIn News", "https://www.linkedin.com/news/", "Read more"),
        from_display="LinkedIn News", from_addr="editors-noreply@linkedin.com", subject="Hiring picks up in infrastructure roles",
        tpl="editors_daily_rundown_01", klass="EMAIL-DEFAULT"),
        kind="other", items=[item("other", name="LinkedIn News", headline="", mutual=None, profile=None)])
    phoenix_jobs_text = ("Jobs you may be interested in\n\nSite Reliability Engineer\nTidewater - Lisbon\n"
                         "View job: https://www.linkedin.com/comm/jobs2/view/123456?trk=eml-jobs\n\n") + phoenix_footer("en", "Jobs")
    add("phoenix_jobs_other", genuine((phoenix_jobs_text, phoenix_html("en", "<p>Jobs you may be interested in</p>", "Jobs")),
        from_display="LinkedIn Jobs", from_addr="jobs-listings@linkedin.com", subject="Sam, 5 new jobs for you",
        gen="phoenix", klass="JOBS-TO-MBR"),
        kind="other", items=[item("other", name="LinkedIn Jobs", headline="", mutual=None, profile=None)])

    # ---- encodings
    note_cp = "Sam – loved your “boring pager” talk at the Lisbon meetup. Café next week? 🙂"[:-2]
    add("phoenix_invitation_cp1252_8bit", genuine(invitation(CHLOE, "en", note_cp, "phoenix"), from_display=CHLOE.name,
        from_addr=inv, subject="Sam, please add me to your LinkedIn network", gen="phoenix", text_cs="windows-1252", cte="8bit"),
        kind="invitation", items=[item("invitation", CHLOE, note_cp, mutual=None)],
        notes="windows-1252, 8bit transfer: en dash and curly quotes")
    note_l1 = "Olá Sam, trabalhámos juntos na migração para Kubernetes na Maré. Vamos manter o contacto!"
    add("phoenix_invitation_latin1_qp", genuine(invitation(INES, "pt", note_l1, "phoenix"), from_display=INES.name,
        from_addr=inv, subject=COMPACT_CHROME["pt"]["invite_subject_old"].format(rfirst=OWNER_FIRST), gen="phoenix", text_cs="iso-8859-1"),
        kind="invitation", items=[item("invitation", INES, note_l1, mutual=None, language="pt")])
    note_lie = "Salut Sam, on s'est croisés à la conférence DevOps Rex à Paris. Ravi de garder le contact."
    text, markup = invitation(LUCAS, "fr", note_lie, "mercado")
    headers = genuine_headers(from_display=LUCAS.name, from_addr=inv, subject=COMPACT_CHROME["fr"]["invite_subject"], tpl="m2m_invite_single_01")
    lying = [Part("text/plain", quopri.encodestring(text.encode("cp1252", "replace")), "UTF-8", "quoted-printable", "text-body"),
             Part("text/html", quopri.encodestring(markup.encode("cp1252", "replace")), "UTF-8", "quoted-printable", "html-body")]
    add("mercado_invitation_lying_utf8", assemble(headers, lying),
        kind="invitation", items=[item("invitation", LUCAS, note_lie, location=LUCAS.location, language="fr")],
        notes="declares UTF-8, bytes are windows-1252")
    note_lie2 = "Hola Sam, gracias por la charla sobre SLOs en Madrid. ¡Seguimos en contacto!"
    text, markup = invitation(JOSE, "es", note_lie2, "mercado")
    headers = genuine_headers(from_display=JOSE.name, from_addr=inv, subject=COMPACT_CHROME["es"]["invite_subject"], tpl="m2m_invite_single_01")
    lying = [Part("text/plain", quopri.encodestring(text.encode("utf-8")), "ISO-8859-1", "quoted-printable", "text-body"),
             Part("text/html", quopri.encodestring(markup.encode("utf-8")), "ISO-8859-1", "quoted-printable", "html-body")]
    add("mercado_invitation_lying_latin1", assemble(headers, lying),
        kind="invitation", items=[item("invitation", JOSE, note_lie2, location=JOSE.location, language="es")],
        notes="declares ISO-8859-1, bytes are UTF-8")
    text, markup = invitation(DIEGO, "es", note_es, "mercado")
    headers = genuine_headers(from_display=DIEGO.name, from_addr=inv, subject="¿Quiero conectar? Diego Fernández", tpl="m2m_invite_single_01")
    headers = [h if not h.startswith("Subject:") else "Subject: =?ISO-8859-1?Q?=BFQuiero_conectar=3F_Diego_Fern=E1ndez?=" for h in headers]
    add("mercado_invitation_rfc2047_q_latin1", assemble(headers, [text_part(text), html_part(markup)], crlf=False),
        kind="invitation", items=[item("invitation", DIEGO, note_es, location=DIEGO.location)],
        subject="¿Quiero conectar? Diego Fernández", notes="Q-encoded ISO-8859-1 subject; LF line ends")
    add("mercado_invitation_html_only", genuine(invitation(EMMA, "en",
        "Hej Sam! We met at the Stockholm SRE breakfast. Great chat about error budgets.", "mercado"),
        from_display=EMMA.name, from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01", html_only=True),
        kind="invitation", items=[item("invitation", EMMA,
        "Hej Sam! We met at the Stockholm SRE breakfast. Great chat about error budgets.", location=EMMA.location)])
    add("phoenix_invitation_html_only_base64", genuine(invitation(GIULIA, "it", "Ciao Sam, grazie per l'aiuto con Prometheus!",
        "phoenix"), from_display=GIULIA.name, from_addr=inv, subject=COMPACT_CHROME["it"]["invite_subject_old"].format(rfirst=OWNER_FIRST),
        gen="phoenix", html_only=True, cte="base64"),
        kind="invitation", items=[item("invitation", GIULIA, "Ciao Sam, grazie per l'aiuto con Prometheus!", mutual=None)])
    text, markup = invitation(MARIA, "en", NOTE_MARIA, "mercado")
    filler_text = FILLER + "\n" + text.replace("Hi Sam, it was", "Hi Sam,\u200b it was")
    add("mercado_invitation_filler_text", genuine((filler_text, markup.replace("<div style=\"display:none;max-height:0;overflow:hidden\">", "<div>")),
        from_display=MARIA.name, from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01"),
        kind="invitation", items=[item("invitation", MARIA, NOTE_MARIA, location=MARIA.location)],
        notes="preheader filler (U+034F, U+00A0) and a zero-width space in the text part are removed")

    # ---- not LinkedIn
    fwd_text, _ = invitation(MARIA, "en", NOTE_MARIA, "mercado")
    fwd = ("Look who wrote to me, do you know her?\n\n---------- Forwarded message ---------\n"
           "From: Maria Lopez <invitations@linkedin.com>\nDate: Thu, Jan 22, 2026 at 11:14 AM\nSubject: I want to connect\n"
           f"To: Sam Rivera <sam.rivera@northwind.example>\n\n{fwd_text}")
    add("forwarded_invitation", assemble(
        ["From: Sam Rivera <sam.rivera@northwind.example>", "To: Alex Morgan <alex@morgan.example>",
         "Subject: Fwd: I want to connect", "Date: Fri, 23 Jan 2026 09:00:00 +0000", "Message-ID: <fwd-1@northwind.example>",
         "MIME-Version: 1.0"], [text_part(fwd)]),
        status="not_linkedin", kind="",
        notes="forwarded by a person: not a LinkedIn notification, left alone (documented choice)")
    add("personal_mentions_linkedin", assemble(
        ["From: Tom Becker <tom@kestrel.example>", "To: Sam Rivera <sam.rivera@northwind.example>",
         "Subject: Re: saw your LinkedIn post", "Date: Fri, 23 Jan 2026 10:00:00 +0100", "Message-ID: <abc@kestrel.example>",
         "MIME-Version: 1.0"], [text_part("Great post on LinkedIn yesterday! Lunch on Tuesday?\n\nTom\n")]),
        status="not_linkedin", kind="")
    add("other_brand_newsletter", assemble(
        ["From: Tidewater Weekly <news@tidewater.example>", "To: sam.rivera@northwind.example",
         "Subject: Your weekly digest: 5 new posts", "Date: Fri, 23 Jan 2026 10:00:00 +0000", "Message-ID: <w1@tidewater.example>",
         "MIME-Version: 1.0"], [html_part("<html><body><p>Five new posts this week.</p><a href='https://tidewater.example'>Read</a></body></html>")]),
        status="not_linkedin", kind="")

    phishing.catalogue()
    malformed.catalogue()
    build_digests()  # after the above, so the fixtures above keep their bytes (one random stream)
    build_lead_ins()
    return list(FIXTURES)


def build_digests() -> None:
    """Invitation digests (one item per card) and 2016 invitations whose greeting is not "Hi {first},"."""
    inv = "invitations@linkedin.com"
    tpl = "m2m_invite_digest_02"
    default_en = "I'd like to add you to my professional network on LinkedIn."
    entries = [(MARIA, NOTE_MARIA), (KENJI, ""), (OLIVIA, default_en)]
    add("mercado_invitation_digest_en", genuine(invitation_digest(entries, "en"), from_display="LinkedIn",
        from_addr=inv, subject=digest_heading("en", 3), tpl=tpl, klass="INVITATION"),
        kind="digest", intended_for=OWNER,
        items=[item("invitation", MARIA, NOTE_MARIA, location=MARIA.location, reminder=False, language="en"),
               item("invitation", KENJI, "", location=KENJI.location, language=""),
               item("invitation", OLIVIA, "", location=OLIVIA.location, language="")],
        notes="three cards split at the dotted lines: a note, no note, LinkedIn's default sentence (no note)")

    note_jana = "Hallo Sam,\nwir haben auf der KubeCon über Observability gesprochen. Lass uns in Kontakt bleiben!"
    entries = [(JANA, note_jana), (LENA, ""), (FELIX, COMPACT_CHROME["de"]["default_note"])]
    add("mercado_invitation_digest_de_html_only", genuine(invitation_digest(entries, "de"), from_display="LinkedIn",
        from_addr=inv, subject=digest_heading("de", 3), tpl=tpl, klass="INVITATION", html_only=True),
        kind="digest",
        items=[item("invitation", JANA, note_jana, location=JANA.location, language="de"),
               item("invitation", LENA, "", location="", mutual=None),
               item("invitation", FELIX, "", location=FELIX.location)],
        notes="HTML only: cards split by their containers; a card without location or mutual connections")

    note_carmen = "Hola Sam:\n¿Te apetece un café el jueves para hablar de los módulos de Terraform?"
    add("mercado_invitation_digest_one_es", genuine(invitation_digest([(CARMEN, note_carmen)], "es"),
        from_display="LinkedIn", from_addr=inv, subject=digest_heading("es", 1), tpl=tpl, text_only=True),
        kind="digest",
        items=[item("invitation", CARMEN, note_carmen, location="", language="es")],
        notes="a digest of one card, text only, no location line; the greeting is part of the person's note here")

    note_es = "Coincidimos en la charla sobre SRE en Madrid. Me encantaría seguir en contacto."
    add("phoenix_invitation_greeting_es", genuine(invitation(DIEGO, "es", note_es, "phoenix", greeting="Hola {first}:"),
        from_display=DIEGO.name, from_addr=inv, subject=COMPACT_CHROME["es"]["invite_subject_old"].format(rfirst=OWNER_FIRST),
        gen="phoenix"),
        kind="invitation", items=[item("invitation", DIEGO, note_es, mutual=None, location="", language="es")],
        notes="2016 Spanish greeting 'Hola Sam:' (a colon, as Spanish letters write it) above the note")


def build_lead_ins() -> None:
    """HTML-only mail (a forwarding service dropped the text part) whose layout shows names, a headline or a date
    right above the person's words, one fixture per layout: the note must come out exactly, without them."""
    inv = "invitations@linkedin.com"
    note = ("Sam, your incident-review talk at SREcon changed how we run ours.\n\n"
            "Could we compare notes on on-call rotations some time?")
    add("mercado_invitation_lead_in_html_only", genuine(
        invitation(AISHA, "en", note, "mercado", lead_in=[OWNER, AISHA.name, AISHA.headline, "Jan 12, 2026"]),
        from_display=AISHA.name, from_addr=inv, subject="I want to connect", tpl="m2m_invite_single_01", html_only=True),
        kind="invitation", intended_for=OWNER,
        items=[item("invitation", AISHA, note, location=AISHA.location, language="en")],
        notes="the owner's name in the header; the note above the card under the owner's name, the sender's name and "
              "headline and the date")
    note_2016 = "We met at the Dublin SRE meetup last week. Let's stay in touch!"
    add("phoenix_invitation_lead_in_html_only", genuine(
        invitation(TOM, "en", note_2016, "phoenix", lead_in=[TOM.name, TOM.headline, "Sep 14, 2016"]),
        from_display=TOM.name, from_addr=inv, subject="Sam, please add me to your LinkedIn network", gen="phoenix",
        html_only=True),
        kind="invitation", items=[item("invitation", TOM, note_2016, mutual=None, location="", language="en")],
        notes="the sender's name, headline and the date between the greeting and the note")
    text = "Hi Sam,\nare you free for a call about the design-system audit on Friday?\n\nMaria"
    add("phoenix_message_lead_in_html_only", genuine(
        message([MARIA], "en", "phoenix", [text], lead_in=[OWNER, "Tue, Sep 13, 2016 at 9:41 AM"]),
        from_display=MARIA.name, from_addr="messages-noreply@linkedin.com", subject=f"{MARIA.name} sent you a new message",
        gen="phoenix", tpl="member_message_01", html_only=True),
        kind="message", items=[item("message", MARIA, text, mutual=None, language="en")],
        notes="a message preview under the owner's name and when it was sent")
    add("mercado_inmail_lead_in_html_only", genuine(
        inmail(PRIYA, "en", INMAIL_SUBJECT, INMAIL_PRIYA, "mercado", lead_in=[OWNER, "Jan 20, 2026"]),
        from_display=PRIYA.name, from_addr="inmail-hit-reply@linkedin.com", subject=INMAIL_SUBJECT,
        tpl="hire_inmail_initial_single_01", klass="INMAIL", html_only=True,
        reply_to=f"{PRIYA.name} <{token(8).lower()}-{token(4).lower()}@reply.linkedin.com>"),
        kind="inmail", items=[item("inmail", PRIYA, INMAIL_PRIYA, location=PRIYA.location, mutual=None,
                                   subject=INMAIL_SUBJECT, language="en")],
        notes="the body opens with the owner's name and the date")
    note_kenji = "Thanks for the Terraform module review, Sam. Your comments saved us a week."
    entries = [(MARIA, NOTE_MARIA), (KENJI, note_kenji)]
    add("mercado_invitation_digest_lead_in_html_only", genuine(
        invitation_digest(entries, "en", lead_ins=[[MARIA.name, "Jan 9"], [KENJI.name, KENJI.headline, "2 days ago"]]),
        from_display="LinkedIn", from_addr=inv, subject=digest_heading("en", 2), tpl="m2m_invite_digest_02",
        klass="INVITATION", html_only=True),
        kind="digest",
        items=[item("invitation", MARIA, NOTE_MARIA, location=MARIA.location, language="en"),
               item("invitation", KENJI, note_kenji, location=KENJI.location, language="en")],
        notes="each card's note under the sender's name (and headline) and a date")


def write(out: Path) -> int:
    """Write every fixture and its expected result into `out`; returns how many."""
    fixtures = build()
    names = set()
    out.mkdir(parents=True, exist_ok=True)
    for f in fixtures:
        assert f.name not in names, f.name
        names.add(f.name)
        (out / f"{f.name}.eml").write_bytes(f.raw)
        (out / f"{f.name}.expected.json").write_text(json.dumps(f.expected, ensure_ascii=False, indent=2) + "\n")
    return len(fixtures)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m testkit.fixtures", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=FIXTURE_DIR, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    count = write(args.out)
    print(f"wrote {count} fixtures to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
