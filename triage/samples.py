"""Realistic raw emails for tests, benchmarks and the demo: LinkedIn notifications and other mail.

Every builder returns the bytes of one RFC 5322 message (CRLF line endings),
shaped after /work/shared/linkedin-email-format.md: the JavaMail
multipart/alternative with quoted-printable text/plain and text/html parts
(Content-ID text-body / html-body), the LinkedIn headers, tracking links and
the recipient footer. Output is deterministic: the same arguments (seed
included) give the same bytes; different arguments give different Message-IDs.
All people, companies and texts are fictional.

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

import base64
import binascii
import hashlib
import html
import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime

__all__ = [
    "Person", "invitation_email", "member_message_email", "inmail_email", "digest_email",
    "accepted_email", "other_email", "phishing_email", "ordinary_email", "mixed_mailbox", "backlog",
    "NOTES", "INMAILS", "DEFAULT_NOTES", "GENERATIONS", "LANGUAGES", "OTHER_KINDS", "PHISHING_KINDS",
]

GENERATIONS = ("mercado", "phoenix")
LANGUAGES = ("en", "fr", "de", "es")
OTHER_KINDS = ("job_alert", "profile_views", "network_update", "newsletter", "security", "post_reactions")
PHISHING_KINDS = ("lookalike_domain", "homoglyph", "foreign_links", "failed_dmarc", "html_attachment",
                  "reply_to_foreign", "credential_harvest")

DEFAULT_OWNER = "Sam Carter"
DEFAULT_OWNER_EMAIL = "sam@example.org"
DEFAULT_OWNER_HEADLINE = "Operations Manager at Kestrel Freight"

CRLF = "\r\n"


@dataclass
class Person:
    """A fictional LinkedIn member as a notification shows them."""

    name: str
    headline: str = ""
    location: str = ""

    @property
    def first(self) -> str:
        return _first(self.name)


# --------------------------------------------------------------------------- texts

# LinkedIn's chrome per language. Only "en" is attested for most lines; the rest are
# plausible renderings so a parser meets non-English mail at all.
_CHROME: dict[str, dict[str, str]] = {
    "en": {
        "invite_subject": "I want to connect",
        "invite_subject_phoenix": "{rfirst}, please add me to your LinkedIn network",
        "reminder_subject": "{name} is waiting for your response",
        "reminder_subject_phoenix": "Reminder about your invitation from {name}",
        "reminder_line": "{name} would like to connect on LinkedIn. How would you like to respond?",
        "invite_preheader": "{rfirst}, respond to {ifirst}'s invite now.",
        "greeting": "Hi {rfirst},",
        "default_note": "I'd like to join your LinkedIn network.",
        "mutual": "{n} connections in common",
        "mutual_one": "1 connection in common",
        "accept": "Accept",
        "ignore": "Ignore",
        "view_profile": "View profile",
        "view_profile_of": "View {name}'s profile",
        "pymk": "More people you may know",
        "connect": "Connect",
        "upsell": "Get the new LinkedIn desktop app",
        "upsell_body": "Stay on top of your network with notifications on your desktop.",
        "msg_subject": "{first} just messaged you",
        "msg_subject_phoenix": "{name} sent you a message",
        "msg_preheader": "1 new message awaits your response",
        "msg_count": "You have 1 new message",
        "view_message": "View message",
        "reply": "Reply",
        "inmail_intro": "Learn about a new opportunity.",
        "digest_inv_subject": "You have {n} new invitations",
        "digest_inv_subject_one": "You have 1 new invitation",
        "digest_inv_preheader": "See who reached out, {rfirst}",
        "digest_msg_subject": "{names} sent new messages",
        "and": "and",
        "digest_msg_preheader": "{n} new messages await your response",
        "accepted_subject": "{first} accepted your invitation, explore their network",
        "accepted_subject_phoenix": "{rfirst}, start a conversation with your new connection, {first}",
        "accepted_preheader": "See who else you know in common.",
        "accepted_preheader_phoenix": "See {first}'s connections, experience, and more",
        "accepted_hero": "{name} has accepted your invitation. Let's start a conversation.",
        "accepted_text": "{first} has accepted your invitation",
        "view_profile_here": "View profile here",
        "send_message": "Send a message",
        "reach_out": "Reach out to {first}",
        "starter": "{first}, thanks for connecting! Hope you're doing well.",
        "start_with": "Start with this note",
        "message": "Message",
        "intended": "This email was intended for {owner}",
        "learn_why": "Learn why we included this.",
        "learn_why_text": "Learn why we included this",
        "receiving": "You are receiving {category} emails.",
        "unsubscribe": "Unsubscribe",
        "help": "Help",
        "cat_invitation": "LinkedIn invitations",
        "cat_invitation_phoenix": "Invitation",
        "cat_message": "Messages digest",
        "cat_inmail": "LinkedIn notification",
        "cat_accepted": "Invitation accepted",
        "cat_notification": "notification",
        "cat_jobs": "job alert",
        "cat_newsletter": "newsletter",
        "cat_security": "security",
    },
    "fr": {
        "invite_subject": "Je souhaite entrer en relation",
        "invite_subject_phoenix": "{rfirst}, ajoutez-moi à votre réseau LinkedIn",
        "reminder_subject": "{name} attend votre réponse",
        "reminder_subject_phoenix": "Rappel : invitation de {name}",
        "reminder_line": "{name} souhaite entrer en relation sur LinkedIn. Que souhaitez-vous répondre ?",
        "invite_preheader": "{rfirst}, répondez à l’invitation de {ifirst}.",
        "greeting": "Bonjour {rfirst},",
        "default_note": ("J'aimerais vous inviter à rejoindre mon réseau professionnel en ligne, "
                         "sur le site LinkedIn."),
        "mutual": "{n} relations en commun",
        "mutual_one": "1 relation en commun",
        "accept": "Accepter",
        "ignore": "Ignorer",
        "view_profile": "Voir le profil",
        "view_profile_of": "Voir le profil de {name}",
        "pymk": "Autres personnes que vous pourriez connaître",
        "connect": "Se connecter",
        "upsell": "Téléchargez la nouvelle application LinkedIn pour ordinateur",
        "upsell_body": "Suivez votre réseau grâce aux notifications sur votre ordinateur.",
        "msg_subject": "{name} vient de vous envoyer un message",
        "msg_subject_phoenix": "{name} vous a envoyé un message",
        "msg_preheader": "1 nouveau message attend votre réponse",
        "msg_count": "Vous avez 1 nouveau message",
        "view_message": "Voir le message",
        "reply": "Répondre",
        "inmail_intro": "Découvrez une nouvelle opportunité.",
        "digest_inv_subject": "Vous avez {n} nouvelles invitations",
        "digest_inv_subject_one": "Vous avez 1 nouvelle invitation",
        "digest_inv_preheader": "Découvrez qui vous a contacté, {rfirst}",
        "digest_msg_subject": "{names} vous ont envoyé des messages",
        "and": "et",
        "digest_msg_preheader": "{n} nouveaux messages attendent votre réponse",
        "accepted_subject": "{first} a accepté votre invitation, découvrez son réseau",
        "accepted_subject_phoenix": "{rfirst}, entamez la conversation avec votre nouvelle relation, {first}",
        "accepted_preheader": "Découvrez les autres personnes que vous connaissez en commun.",
        "accepted_preheader_phoenix": "Découvrez les relations et l’expérience de {first}",
        "accepted_hero": "{name} a accepté votre invitation. Entamez la conversation.",
        "accepted_text": "{first} a accepté votre invitation",
        "view_profile_here": "Voir le profil ici",
        "send_message": "Envoyer un message",
        "reach_out": "Contactez {first}",
        "starter": "{first}, merci pour la mise en relation ! J’espère que vous allez bien.",
        "start_with": "Commencer avec ce message",
        "message": "Message",
        "intended": "Cet e-mail est destiné à {owner}",
        "learn_why": "Découvrez pourquoi nous avons inclus ceci.",
        "learn_why_text": "Découvrez pourquoi nous avons inclus ceci",
        "receiving": "Vous recevez les e-mails {category}.",
        "unsubscribe": "Se désabonner",
        "help": "Aide",
        "cat_invitation": "d’invitations LinkedIn",
        "cat_invitation_phoenix": "d’invitation",
        "cat_message": "de résumé des messages",
        "cat_inmail": "de notification LinkedIn",
        "cat_accepted": "d’invitation acceptée",
    },
    "de": {
        "invite_subject": "Ich möchte mich mit Ihnen vernetzen",
        "invite_subject_phoenix": "{rfirst}, bitte nehmen Sie mich in Ihr LinkedIn-Netzwerk auf",
        "reminder_subject": "{name} wartet auf Ihre Antwort",
        "reminder_subject_phoenix": "Erinnerung: Einladung von {name}",
        "reminder_line": "{name} möchte sich mit Ihnen auf LinkedIn vernetzen. Wie möchten Sie antworten?",
        "invite_preheader": "{rfirst}, antworten Sie jetzt auf die Einladung von {ifirst}.",
        "greeting": "Hallo {rfirst},",
        "default_note": "ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
        "mutual": "{n} gemeinsame Kontakte",
        "mutual_one": "1 gemeinsamer Kontakt",
        "accept": "Annehmen",
        "ignore": "Ignorieren",
        "view_profile": "Profil anzeigen",
        "view_profile_of": "Profil von {name} anzeigen",
        "pymk": "Weitere Personen, die Sie kennen könnten",
        "connect": "Vernetzen",
        "upsell": "Holen Sie sich die neue LinkedIn Desktop-App",
        "upsell_body": "Bleiben Sie mit Benachrichtigungen auf dem Desktop auf dem Laufenden.",
        "msg_subject": "{first} hat Ihnen eine Nachricht gesendet",
        "msg_subject_phoenix": "{name} hat Ihnen eine Nachricht gesendet",
        "msg_preheader": "1 neue Nachricht wartet auf Ihre Antwort",
        "msg_count": "Sie haben 1 neue Nachricht",
        "view_message": "Nachricht anzeigen",
        "reply": "Antworten",
        "inmail_intro": "Erfahren Sie mehr über eine neue Chance.",
        "digest_inv_subject": "Sie haben {n} neue Einladungen",
        "digest_inv_subject_one": "Sie haben 1 neue Einladung",
        "digest_inv_preheader": "Sehen Sie, wer sich gemeldet hat, {rfirst}",
        "digest_msg_subject": "{names} haben Ihnen Nachrichten gesendet",
        "and": "und",
        "digest_msg_preheader": "{n} neue Nachrichten warten auf Ihre Antwort",
        "accepted_subject": "{first} hat Ihre Einladung angenommen. Entdecken Sie das Netzwerk",
        "accepted_subject_phoenix": "{rfirst}, beginnen Sie eine Unterhaltung mit Ihrem neuen Kontakt {first}",
        "accepted_preheader": "Sehen Sie, wen Sie noch gemeinsam kennen.",
        "accepted_preheader_phoenix": "Kontakte, Berufserfahrung und mehr von {first}",
        "accepted_hero": "{name} hat Ihre Einladung angenommen. Beginnen Sie eine Unterhaltung.",
        "accepted_text": "{first} hat Ihre Einladung angenommen",
        "view_profile_here": "Profil hier anzeigen",
        "send_message": "Nachricht senden",
        "reach_out": "Schreiben Sie {first}",
        "starter": "{first}, danke für die Vernetzung! Ich hoffe, es geht Ihnen gut.",
        "start_with": "Mit dieser Nachricht beginnen",
        "message": "Nachricht",
        "intended": "Diese E-Mail ist für {owner} bestimmt",
        "learn_why": "Erfahren Sie, warum wir dies eingefügt haben.",
        "learn_why_text": "Erfahren Sie, warum wir dies eingefügt haben",
        "receiving": "Sie erhalten E-Mails vom Typ „{category}“.",
        "unsubscribe": "Abbestellen",
        "help": "Hilfe",
        "cat_invitation": "LinkedIn-Einladungen",
        "cat_invitation_phoenix": "Einladung",
        "cat_message": "Nachrichtenübersicht",
        "cat_inmail": "LinkedIn-Benachrichtigung",
        "cat_accepted": "Einladung angenommen",
    },
    "es": {
        "invite_subject": "Quiero conectar",
        "invite_subject_phoenix": "{rfirst}, agrégame a tu red de LinkedIn",
        "reminder_subject": "{name} está esperando tu respuesta",
        "reminder_subject_phoenix": "Recordatorio de la invitación de {name}",
        "reminder_line": "A {name} le gustaría conectar contigo en LinkedIn. ¿Qué quieres responder?",
        "invite_preheader": "{rfirst}, responde ahora a la invitación de {ifirst}.",
        "greeting": "Hola {rfirst}:",
        "default_note": "Me gustaría añadirte a mi red profesional en LinkedIn.",
        "mutual": "{n} contactos en común",
        "mutual_one": "1 contacto en común",
        "accept": "Aceptar",
        "ignore": "Ignorar",
        "view_profile": "Ver perfil",
        "view_profile_of": "Ver el perfil de {name}",
        "pymk": "Más personas que quizá conozcas",
        "connect": "Conectar",
        "upsell": "Descarga la nueva aplicación de LinkedIn para ordenador",
        "upsell_body": "Mantente al día de tu red con notificaciones en tu ordenador.",
        "msg_subject": "{first} te acaba de enviar un mensaje",
        "msg_subject_phoenix": "{name} te ha enviado un mensaje",
        "msg_preheader": "1 mensaje nuevo espera tu respuesta",
        "msg_count": "Tienes 1 mensaje nuevo",
        "view_message": "Ver mensaje",
        "reply": "Responder",
        "inmail_intro": "Descubre una nueva oportunidad.",
        "digest_inv_subject": "Tienes {n} invitaciones nuevas",
        "digest_inv_subject_one": "Tienes 1 invitación nueva",
        "digest_inv_preheader": "Mira quién se ha puesto en contacto contigo, {rfirst}",
        "digest_msg_subject": "{names} te han enviado mensajes nuevos",
        "and": "y",
        "digest_msg_preheader": "{n} mensajes nuevos esperan tu respuesta",
        "accepted_subject": "{first} ha aceptado tu invitación, explora su red",
        "accepted_subject_phoenix": "{rfirst}, inicia una conversación con tu nuevo contacto, {first}",
        "accepted_preheader": "Mira a quién más conocéis en común.",
        "accepted_preheader_phoenix": "Mira los contactos, la experiencia y más de {first}",
        "accepted_hero": "{name} ha aceptado tu invitación. Inicia una conversación.",
        "accepted_text": "{first} ha aceptado tu invitación",
        "view_profile_here": "Ver perfil aquí",
        "send_message": "Enviar un mensaje",
        "reach_out": "Ponte en contacto con {first}",
        "starter": "{first}, ¡gracias por conectar! Espero que estés bien.",
        "start_with": "Empezar con esta nota",
        "message": "Mensaje",
        "intended": "Este email está dirigido a {owner}",
        "learn_why": "Descubre por qué hemos incluido esto.",
        "learn_why_text": "Descubre por qué hemos incluido esto",
        "receiving": "Recibes emails de {category}.",
        "unsubscribe": "Darse de baja",
        "help": "Ayuda",
        "cat_invitation": "invitaciones de LinkedIn",
        "cat_invitation_phoenix": "invitación",
        "cat_message": "resumen de mensajes",
        "cat_inmail": "notificaciones de LinkedIn",
        "cat_accepted": "invitación aceptada",
    },
}

# LinkedIn's default invitation sentence per language, greeting included: "no note".
DEFAULT_NOTES: dict[str, str] = {
    lang: f"{c['greeting']} {c['default_note']}".replace("{rfirst}", "{first}") for lang, c in _CHROME.items()
}

# Built-in fictional notes by label, for mixed mailboxes. {first} is the owner's first name.
NOTES: dict[str, tuple[str, ...]] = {
    "personal": (
        "{first}, great to meet you at the Bristol ops breakfast on Tuesday. Your point about night-shift "
        "handovers stuck with me, I'd love to keep in touch.",
        "Hi {first}, we sat next to each other at the Multimodal conference in Birmingham and talked about "
        "pallet tracking. Would be good to stay connected.",
        "How are we not connected here after a year of Monday calls about the Avonmouth cross-dock?",
        "Hi {first}, Jess Ortega suggested I reach out. I'm taking over the Swindon depot next month and she "
        "said you'd solved the same rota problem. Coffee some time?",
        "Loved your post about moving the yard check to 6am. We tried the same at our Bath site after reading "
        "it and the gate queue halved. Thanks for writing it up.",
        "{first}! Old Kestrel colleague here, I was on the returns team in 2019. Saw you're ops manager now, "
        "congratulations, well deserved.",
        "Thanks for the tour of the cross-dock last week, {first}. The colour-coded bays idea is already on "
        "our whiteboard.",
        "Hi {first}, we met at the UWE careers evening, I was the student asking about shift planning. Could "
        "I ask you two questions about getting into operations?",
        "Great chatting at the Harbourside 10k on Sunday, {first}. Still can't believe we both ran for the "
        "same food bank.",
        "I enjoyed your talk at the Logistics UK meetup about peak-season staffing, especially the part on "
        "agency onboarding. Mind if I connect?",
        "Hi {first}, I'm the new planner at Severn Port Services, we'll be working on the Friday slot "
        "bookings together. Looking forward to it.",
        "We spoke on the phone yesterday about the damaged container from Rotterdam, connecting so I can "
        "send you the survey photos.",
        "{first}, it was lovely to meet you at Priya's leaving drinks. Let me know how the forklift "
        "licence course goes!",
        "Hi {first}, fellow Bristol Rovers season ticket holder and ops person. Your comment on the driver "
        "shortage thread was spot on.",
        "Thanks for being a referee for my CILT application last spring. I passed! Connecting so we don't "
        "lose touch again.",
        "Hi {first}, I run the warehouse at Hillcrest Outdoor, two units down from yours on Cabot Park. "
        "We should compare notes on the new loading bay rules.",
        "Nice to finally put a face to the name after all those emails about the Bristol-Leeds trunking "
        "schedule, {first}.",
        "Your reply to my question in the Women in Logistics forum helped a lot, thank you. Would be great "
        "to be connected.",
        "Hi {first}, we were on the same Lean Six Sigma green belt course in Cardiff in March. How did your "
        "project on picking errors turn out?",
        "Good to meet you at the depot open day, {first}. My daughter hasn't stopped talking about the "
        "electric trucks.",
    ),
    "generic": (
        "I'd like to join your LinkedIn network.",
        "I'd like to add you to my professional network on LinkedIn.",
        "Hi {first}, I'd like to connect with you on LinkedIn.",
        "Great to connect!",
        "Hi {first}, it's great connecting with you. How are you? I love connecting with people, hearing "
        "their stories and learning from them.",
        "Let's connect and grow together!",
        "Hi {first}, I came across your profile and was impressed by your experience. Would love to connect.",
        "Just following up! Would love to hear back from you.",
        "If you could change one thing about your life or your business, what would it be?",
        "Hello {first}, I'm expanding my network of professionals in logistics and supply chain. Happy to "
        "connect.",
        "Hi {first}, always happy to connect with like-minded professionals.",
        "I see we have several mutual connections. Let's connect!",
        "Hi there, hope you're having a great week. Let's connect.",
        "Your profile popped up in my feed and I thought it would be great to connect.",
        "Hi {first}, I'm looking to grow my network with leaders in operations. Looking forward to "
        "connecting.",
        "Hello! I like to connect with people in my industry and share ideas.",
        "Hi {first}, we are in the same industry so I thought I'd reach out and connect.",
        "Would be great to have you in my network, {first}.",
        "Hi {first}, I hope this message finds you well. I'd be glad to connect.",
        "Happy Monday! Let's connect and support each other.",
    ),
    "pitch": (
        "Hi {first}, we help operations leaders book 30 qualified sales meetings a month with done-for-you "
        "outreach. Open to a quick 15-minute call next week?",
        "Loved your post on night-shift handovers! By the way, my team builds route-optimisation software "
        "that cuts fuel by 18%. Worth a 15-minute demo?",
        "Hi {first}, I just launched my podcast on supply chain leadership. Would you listen to episode 1 "
        "and leave a quick rating and review?",
        "Since we're connected now, if you know any logistics firm that needs SEO or a new website, I'd "
        "really appreciate a referral. We give 10% commission!",
        "Hi {first}, are you open to new opportunities? I have several ops roles with great packages. Send "
        "me your CV and I'll match you.",
        "Hi {first}, quick one: we offer offshore back-office staff from $6/hour for freight companies. "
        "Could I send you our rate card?",
        "Your warehouse looks like a perfect fit for our AI pick-path tool. Free trial this month only, "
        "shall I set you up?",
        "Hi {first}, I noticed {{Company}} is growing fast. We help teams like yours automate invoicing. "
        "Can we chat?",
        "Great to connect, {first}! I'm hosting a free webinar on warehouse automation next Thursday, would "
        "love to see you there. Register here: bit.ly/wh-auto",
        "We met at the Bristol ops breakfast, I'm the one from Palletly. Circling back on the pallet "
        "leasing quote, does Thursday work for 15 minutes?",
        "Hi {first}, I'm building a partner network for our telematics platform. Interested in a "
        "collaboration? Our partners earn recurring revenue.",
        "Hi {first}, I help busy managers create passive income with crypto in just 20 minutes a day. "
        "Want to know how?",
        "If you know of a leadership team that could benefit from my keynote on resilience, I'd be "
        "honoured if you'd pass my name on.",
        "Hi {first}, we're a development shop in Kyiv and Lisbon building custom WMS integrations. "
        "Could we schedule a short intro call?",
        "Hey {first}, I'd love your vote for our startup in the Bristol Tech Awards! It takes 30 seconds: "
        "vote.example.net/routewise",
        "Congrats on the new role {first}! We supply forklift training at 30% below market, can I send a "
        "quote for your team?",
        "Hi {first}, noticed you liked a post about driver retention. We run a driver recruitment agency, "
        "10 pre-vetted HGV drivers in 7 days. Interested?",
        "Really enjoyed your comment about peak season. I wrote a book on exactly that, would you review "
        "it on Amazon if I send you a free copy?",
        "Hi {first}, I'm raising a seed round for a last-mile startup. Would you be open to investing or "
        "introducing me to angels in your network?",
        "Hi {first}, we help logistics companies get featured in trade press. Packages start at £499, can "
        "I send details?",
    ),
}

# InMail (subject, body) by label. {first} is the owner's first name.
INMAILS: dict[str, tuple[tuple[str, str], ...]] = {
    "personal": (
        ("Referee for my CILT application?",
         "Hi {first},\n\nWe worked together on the Avonmouth cross-dock project in 2022, when I was the "
         "planner on the night shift. I'm applying for chartered membership of CILT and need a referee who "
         "saw my work. Would you be willing? It's a short online form.\n\nNo worries at all if not.\n\n"
         "Thanks,\nTom"),
        ("Your talk at the Logistics UK meetup",
         "Hi {first},\n\nI was in the audience at your talk on peak-season staffing in Bristol last week. "
         "The idea of pairing each agency worker with a buddy for their first three shifts was brilliant, "
         "and we're trying it at our Gloucester site next month.\n\nWould you mind if I shared your slides "
         "with my team?\n\nBest wishes,\nMarta"),
        ("Coffee about the Swindon depot?",
         "Hello {first},\n\nJess Ortega gave me your name. I'm taking over as site lead at the Swindon "
         "depot and she said you rebuilt the rota at Kestrel after the 2023 reorganisation. Could I buy you "
         "a coffee and ask how you did it? I'm in Bristol most Thursdays.\n\nThanks,\nOwen"),
    ),
    "generic": (
        ("Hello",
         "Hi {first},\n\nI hope you are doing well. I came across your profile and thought it would be "
         "great to connect with you. I'm always keen to meet professionals in the industry.\n\nKind "
         "regards"),
        ("Let's connect",
         "Hi {first},\n\nJust following up! Would love to hear back from you.\n\nCheers"),
    ),
    "pitch": (
        ("Quick question, {first}",
         "Hi {first},\n\nWe help operations leaders like you book 30 qualified sales meetings a month with "
         "our done-for-you outreach service. Could we grab 15 minutes next week for a quick demo call? "
         "Plans start at $999 per month.\n\nBest,\nRory"),
        ("Cut your fleet fuel costs by 18%",
         "Hi {first},\n\nI noticed Kestrel Freight runs a fleet out of Bristol. Our telematics platform "
         "helps companies like yours cut fuel costs by 18% in the first quarter.\n\nAre you free for a "
         "15-minute call on Tuesday or Wednesday? Here is my calendar: cal.example.net/jdavies\n\nThanks,\n"
         "Jordan"),
        ("Exciting opportunity",
         "Hi {first},\n\nI have an exciting opportunity with a fast-growing client that I think could be "
         "a great fit. Competitive salary, hybrid working. Please send me your CV and your current "
         "package and I'll be in touch.\n\nRegards,\nTalent Team"),
        ("Loved your post on hiring",
         "Hi {first},\n\nLoved your post on hiring warehouse staff before peak, especially the part about "
         "buddy shifts. By the way, my agency supplies pre-vetted temporary staff within 48 hours and we "
         "have a special rate for Bristol firms this month. Would you be open to a short call?\n\nBest,\n"
         "Chloe"),
    ),
}

_FIRST_NAMES = (
    "Aisha", "Ben", "Carys", "Dev", "Elena", "Finn", "Grace", "Hamid", "Isla", "Jonah", "Keira", "Luca",
    "Maya", "Niall", "Olu", "Priya", "Quinn", "Rosa", "Samir", "Tess", "Umar", "Vera", "Wes", "Yusuf", "Zoe",
    "Callum", "Freya", "Imogen", "Kofi", "Leona", "Matteo", "Nadia", "Oscar", "Pia", "Rhys", "Sofia",
    "Tobias", "Ines", "Hugo", "Zoë", "Søren", "Aoife", "Łukasz", "Inés", "José",
)
_LAST_NAMES = (
    "Ashworth", "Bellamy", "Castell", "Doyle", "Ellery", "Fairbank", "Garside", "Hollis", "Iverson",
    "Jarrow", "Kettering", "Lowther", "Marchetti", "Northcott", "Okafor", "Pennock", "Radley", "Stroud",
    "Tamsett", "Underhill", "Varga", "Whitcombe", "Yardley", "Zeller", "Brannigan", "Coultard", "Dunmore",
    "Halloran", "Mensah", "Quarrie", "Lindqvist", "Fernández", "Nowak", "Brennan", "Schäfer",
)
_HEADLINES = (
    "Transport Planner at Severn Port Services",
    "Warehouse Operations Lead | Lean & 5S | Continuous Improvement",
    "Head of Supply Chain at Brightwater Foods",
    "Founder @ RouteWise | Helping fleets cut fuel costs by 18%",
    "Talent Partner at Northbeam Recruitment",
    "Account Executive at CloudLedger",
    "Senior Buyer at Hillcrest Outdoor",
    "Growth | Sales | Leadership",
    "Logistics Coordinator at Cabot Park Distribution",
    "HGV Class 1 Driver",
    "MSc Supply Chain Management student at UWE Bristol",
    "Fleet Manager at Greenway Couriers",
    "I help CTOs cut cloud costs 40% | DM me",
    "Customs Specialist at Portbury Clearance Ltd",
    "Operations Director | Ex-Kestrel Freight | Mentor",
    "Business Development Manager at Palletly",
    "Chartered Accountant | Helping SMEs grow",
    "Health & Safety Advisor (NEBOSH) at Avon Industrial",
    "Podcast host: The Supply Chain Sessions",
    "Partnerships at HiveHost",
    "Data Analyst | Python | Power BI",
    "Procurement Manager at Westcountry Builders",
    "Recruitment Consultant - Logistics & Transport - South West",
    "Keynote speaker | Author | Resilience coach",
)
_LOCATIONS = (
    "Bristol, England, United Kingdom", "Bath, England, United Kingdom", "Cardiff, Wales, United Kingdom",
    "Swindon, England, United Kingdom", "London, England, United Kingdom", "Gloucester, England, United Kingdom",
    "Manchester, England, United Kingdom", "Rotterdam, South Holland, Netherlands", "Hamburg, Germany",
    "Lyon, Auvergne-Rhône-Alpes, France", "Madrid, Community of Madrid, Spain", "Austin, Texas, United States",
    "Bengaluru, Karnataka, India", "Lisbon, Portugal", "",
)
_COMPANIES = (
    "Severn Port Services", "Brightwater Foods", "Cabot Park Distribution", "Greenway Couriers",
    "Hillcrest Outdoor", "Avon Industrial", "Portbury Clearance", "Westcountry Builders", "Mendip Cold Chain",
    "Blackthorn Retail", "Quayside Parcels", "Fernbrook Logistics",
)
_JOB_TITLES = (
    "Operations Manager", "Senior Operations Manager", "Warehouse Manager", "Head of Operations",
    "Transport Manager", "Distribution Centre Manager", "Supply Chain Manager", "Site Lead",
    "Continuous Improvement Manager", "Logistics Operations Manager", "Fulfilment Manager",
)


# --------------------------------------------------------------------------- small helpers

def _first(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _rng(*parts: object) -> random.Random:
    """A generator seeded from the arguments, stable across processes (no hash randomisation)."""
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def _b64(rng: random.Random, nbytes: int, urlsafe: bool = True) -> str:
    raw = rng.getrandbits(8 * nbytes).to_bytes(nbytes, "big")
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    return encode(raw).decode("ascii").rstrip("=")


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(rng: random.Random, n: int) -> str:
    value = rng.getrandbits(6 * n)
    out = []
    for _ in range(n):
        value, r = divmod(value, 36)
        out.append(_BASE36[r])
    return "".join(out)


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randrange(10 ** (n - 1), 10 ** n))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _clean_header(value: str) -> str:
    """No CR, LF or other controls in a header value, whatever the caller passed."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", value).strip()


def _encode_header(name: str, value: str) -> str:
    value = _clean_header(value)
    if value.isascii() and len(name) + len(value) < 76:
        return f"{name}: {value}"
    charset = "us-ascii" if value.isascii() else "utf-8"
    return f"{name}: " + Header(value, charset, header_name=name).encode(linesep=CRLF)


def _address(display: str, addr: str) -> str:
    display = _clean_header(display)
    if not display:
        return addr
    if display.isascii():
        quoted = display.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{addr}>'
    return f"{Header(display, 'utf-8').encode(linesep=CRLF)} <{addr}>"


def _qp(text: str) -> bytes:
    """UTF-8 quoted-printable with CRLF line ends, as JavaMail writes it."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8", "surrogatepass")
    return binascii.b2a_qp(data, istext=True).replace(b"\n", b"\r\n")


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" |,-") + "…"


def _vanity(name: str) -> str:
    """The person's profile slug: the same in every mail that names them."""
    rng = _rng("vanity", name)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].strip("-") or "member"
    return f"{slug}-{rng.getrandbits(32):08x}"


def _avatar(rng: random.Random, size: int = 100) -> str:
    return (f"https://media.licdn.com/dms/image/v2/D4E03AQ{_b64(rng, 11)}/profile-displayphoto-shrink_{size}_"
            f"{size}/profile-displayphoto-shrink_{size}_{size}/0/{_digits(rng, 13)}?e={_digits(rng, 10)}"
            f"&v=beta&t={_b64(rng, 32)}")


def _random_person(rng: random.Random) -> Person:
    return Person(f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}", rng.choice(_HEADLINES),
                  rng.choice(_LOCATIONS))


# --------------------------------------------------------------------------- mail context

@dataclass
class _Ctx:
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

    @property
    def rfirst(self) -> str:
        return _first(self.owner)

    @property
    def mercado(self) -> bool:
        return self.generation == "mercado"

    def t(self, key: str, **values: object) -> str:
        text = self.chrome.get(key) or _CHROME["en"][key]
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
        return f"in/{_vanity(person_name)}"


def _context(kind: str, args: tuple[object, ...], *, owner: str, owner_email: str, owner_headline: str | None,
             generation: str, language: str, seed: int, date: datetime | None) -> _Ctx:
    if generation not in GENERATIONS:
        raise ValueError(f"unknown generation {generation!r}; use one of {GENERATIONS}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {LANGUAGES}")
    rng = _rng(kind, seed, owner, owner_email, owner_headline, generation, language, date, *args)
    if owner_headline is None:
        owner_headline = DEFAULT_OWNER_HEADLINE if owner == DEFAULT_OWNER else ""
    return _Ctx(owner=owner, owner_email=owner_email, owner_headline=owner_headline, generation=generation,
                language=language, rng=rng, date=_when(rng, generation, date), chrome=_CHROME[language],
                eid=f"{_base36(rng, 6)}-{_base36(rng, 8)}-{_base36(rng, 2)}",
                eid_tilde=f"{_base36(rng, 6)}~{_base36(rng, 8)}~{_base36(rng, 2)}",
                mid_token="AQ" + _b64(rng, 15), mid_sig=_b64(rng, 22), lipi=_b64(rng, 16, urlsafe=False))


def _when(rng: random.Random, generation: str, date: datetime | None) -> datetime:
    if date is not None:
        return date if date.tzinfo else date.replace(tzinfo=timezone.utc)
    base = datetime(2026, 1, 5, tzinfo=timezone.utc) if generation == "mercado" else \
        datetime(2016, 9, 5, tzinfo=timezone.utc)
    return base + timedelta(seconds=rng.randrange(60 * 86400))


def _date_header(when: datetime, utc_comment: bool = True) -> str:
    text = format_datetime(when)
    return f"{text} (UTC)" if utc_comment and when.utcoffset() == timedelta(0) else text


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
_FONT = ("font-family:-apple-system,system-ui,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',"
         "'Fira Sans',Ubuntu,Oxygen,'Oxygen Sans',Cantarell,'Droid Sans','Apple Color Emoji','Segoe UI Emoji',"
         "'Segoe UI Emoji','Segoe UI Symbol','Lucida Grande',Helvetica,Arial,sans-serif")
_P = f"{_FONT};margin:0;font-weight:400;font-size:14px;line-height:1.42857;color:rgba(0,0,0,0.9)"
_P_LOW = f"{_FONT};margin:0;font-weight:400;font-size:12px;line-height:1.33333;color:rgba(0,0,0,0.6)"


def _button(ctx: _Ctx, label: str, url: str, primary: bool = True) -> str:
    if ctx.mercado:
        bg, fg, border = ("#0a66c2", "#ffffff", "#0a66c2") if primary else ("#ffffff", "#0a66c2", "#0a66c2")
        kind = "btn-primary" if primary else "btn-secondary"
        return (f'<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="auto" '
                f'class="inline-block mr-1"><tbody><tr><td class="btn-md {kind}'
                f' rounded-full" style="{_FONT};border-radius:24px;border:1px solid {border};background-color:{bg};'
                f'padding:6px 16px;text-align:center"><a href="{_e(url)}" data-test-id="email-button" '
                f'class="font-bold" style="{_FONT};font-size:16px;line-height:24px;font-weight:600;color:{fg};'
                f'text-decoration:none;display:inline-block" target="_blank">{_e(label)}</a></td></tr></tbody></table>')
    bg, fg = ("#008CC9", "#FFFFFF") if primary else ("#FFFFFF", "#008CC9")
    return (f'<table border="0" cellpadding="0" cellspacing="0" style="display:inline-block"><tr><td '
            f'bgcolor="{bg}" style="border:1px solid #008CC9;border-radius:2px;padding:6px 16px">'
            f'<a href="{_e(url)}" style="color:{fg};font-family:Helvetica,Arial,sans-serif;font-size:14px;'
            f'font-weight:bold;text-decoration:none;display:inline-block">{_e(label)}</a></td></tr></table>')


def _row(inner: str, pad: str = "px-3 pt-2") -> str:
    return (f'<tr><td class="{pad}" style="padding-left:24px;padding-right:24px;padding-top:8px">'
            f'{inner}</td></tr>')


def _profile_card(ctx: _Ctx, person: Person, profile_url: str, *, mutual: int = 0, avatar: int = 72,
                  section: str = "ProfileCard", note_html: str = "") -> str:
    headline = _truncate(person.headline, 100)
    lines = [f'<a href="{_e(profile_url)}" target="_blank"><img src="{_e(_avatar(ctx.rng, 100))}" '
             f'alt="{_e(person.name)}" '
             f'width="{avatar}" height="{avatar}" class="rounded-full" style="border-radius:50%;'
             f'width:{avatar}px;height:{avatar}px"></a>',
             f'<a href="{_e(profile_url)}" class="name" target="_blank" style="text-decoration:none">'
             f'<h2 class="text-20 font-bold color-text" style="{_FONT};margin:8px 0 0;font-size:20px;'
             f'line-height:1.25;font-weight:600;color:rgba(0,0,0,0.9)">{_e(person.name)}</h2></a>']
    if headline:
        lines.append(f'<p class="headline text-14 color-text" style="{_P}">{_e(headline)}</p>')
    if person.location:
        lines.append(f'<p class="location text-12 color-text-low-emphasis" style="{_P_LOW}">{_e(person.location)}</p>')
    if mutual:
        mutual_text = ctx.t("mutual_one") if mutual == 1 else ctx.t("mutual", n=mutual)
        lines.append(f'<p class="mutual-connections text-12 color-text-low-emphasis" style="{_P_LOW};margin-top:4px">'
                     f'{_e(mutual_text)}</p>')
    if note_html:
        lines.append(note_html)
    cells = "".join(f'<tr><td style="padding:0">{line}</td></tr>' for line in lines)
    return (f'<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="100%" '
            f'class="profile-card" data-test-id="{section}" style="border:1px solid #e8e8e8;border-radius:8px;'
            f'padding:16px"><tbody>{cells}</tbody></table>')


def _pymk_card(ctx: _Ctx, index: int) -> str:
    person = _random_person(ctx.rng)
    url = ctx.link(ctx.profile(person.name), "pymk", f"{index}-profile")
    connect = ctx.link(f"mynetwork/invite-connect/connections/?vanityName={_vanity(person.name)}",
                       "pymk", f"{index}-connect")
    mutual = ctx.rng.randint(1, 60)
    return _row(
        f'<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="100%" class="pymk-card">'
        f'<tbody><tr><td width="56" style="padding:8px 12px 8px 0;vertical-align:top"><a href="{_e(url)}">'
        f'<img src="{_e(_avatar(ctx.rng, 100))}" alt="{_e(person.name)}" width="48" height="48" '
        f'style="border-radius:50%;width:48px;height:48px"></a></td><td style="padding:8px 0;vertical-align:top">'
        f'<a href="{_e(url)}" style="{_FONT};font-size:16px;font-weight:600;color:rgba(0,0,0,0.9);'
        f'text-decoration:none">{_e(person.name)}</a><p style="{_P}">{_e(_truncate(person.headline, 60))}</p>'
        f'<p style="{_P_LOW}">{_e(ctx.t("mutual", n=mutual))}</p></td><td width="100" style="padding:8px 0;'
        f'text-align:right;vertical-align:middle">{_button(ctx, ctx.t("connect"), connect, primary=False)}</td>'
        f'</tr></tbody></table>')


def _page(ctx: _Ctx, *, title: str, preheader: str, rows: list[str], category: str,
          filler: Callable[[int], str] | None, filler_title: str, text_size: int, target: int) -> str:
    """The whole HTML document; filler rows are added until the mail reaches about `target` bytes."""
    if ctx.mercado:
        head, tail = _mercado_frame(ctx, title=title, preheader=preheader, category=category)
    else:
        head, tail = _phoenix_frame(ctx, title=title, preheader=preheader, category=category)
    body = "\n".join(rows)
    size = len(_qp(head + body + tail)) + text_size + 4200  # headers and MIME framing
    extra: list[str] = []
    if filler is not None and size < target:
        extra.append(_row(f'<h3 style="{_FONT};margin:16px 0 4px;font-size:16px;font-weight:600;'
                          f'color:rgba(0,0,0,0.9)">{_e(filler_title)}</h3>', "px-3 pt-4"))
        i = 0
        while size < target and i < 200:
            fragment = filler(i)
            extra.append(fragment)
            size += len(_qp(fragment)) + 2
            i += 1
    return head + body + "\n" + "\n".join(extra) + tail


def _mercado_frame(ctx: _Ctx, *, title: str, preheader: str, category: str) -> tuple[str, str]:
    filler = "\u034f\u00a0" * 90
    logo = f"https://static.licdn.com/aero-v1/sc/h/{_base36(ctx.rng, 25)}"
    home = ctx.link("feed/", "header", "home")
    me = ctx.link(f"in/{_vanity(ctx.owner)}", "header", "profile")
    avatar = _avatar(_rng(ctx.owner, "avatar"), 100)
    head = (
        '<!DOCTYPE html><html lang="' + ctx.language + '" xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        '<meta name="x-apple-disable-message-reformatting"><meta name="color-scheme" content="light dark">'
        f'<title>{_e(title)}</title><style>{_CSS}</style></head>\n'
        f'<body dir="ltr" class="bg-color-background-canvas" style="margin:0;padding:0;width:100%;'
        f'background-color:#f3f2f0">\n'
        f'<div data-email-preheader="true" style="display:none;max-height:0;overflow:hidden;opacity:0;'
        f'font-size:1px;line-height:1px;color:#f3f2f0">{_e(preheader)}</div>\n'
        f'<div style="display:none;max-height:0;overflow:hidden">{filler}</div>\n'
        '<table role="presentation" border="0" cellspacing="0" cellpadding="0" width="512" align="center" '
        'class="mercado-container w-[512px] max-w-[512px] mx-auto my-0 p-0" style="width:512px;max-width:512px;'
        'margin:0 auto;padding:0;background-color:#f3f2f0"><tbody>\n'
        '<tr><td class="px-3 pt-3" style="padding:12px 24px 0"><table role="presentation" width="100%" '
        'border="0" cellspacing="0" cellpadding="0"><tbody><tr>'
        f'<td style="vertical-align:middle"><a href="{_e(home)}" target="_blank"><img src="{_e(logo)}" alt="LinkedIn" '
        'width="84" height="21" style="width:84px;height:21px"></a></td>'
        f'<td style="text-align:right;vertical-align:middle"><a href="{_e(me)}" target="_blank">'
        f'<img src="{_e(avatar)}" alt="{_e(ctx.owner)}" width="32" height="32" style="border-radius:50%;'
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
    pixel = f"https://www.linkedin.com/emimp/ip_{_b64(ctx.rng, 60)}.gif"
    tail = (
        '\n</tbody></table></td></tr>\n'
        '<tr><td class="px-3 pt-4" style="padding:16px 24px 0"><table role="presentation" width="100%" '
        'border="0" cellspacing="0" cellpadding="0" style="background-color:#ffffff;border-radius:8px">'
        f'<tbody><tr><td style="padding:16px"><p style="{_FONT};margin:0;font-size:16px;font-weight:600;'
        f'color:rgba(0,0,0,0.9)">{_e(ctx.t("upsell"))}</p><p style="{_P}">{_e(ctx.t("upsell_body"))}</p>'
        f'<p style="margin:8px 0 0">{_button(ctx, ctx.t("upsell"), desktop, primary=False)}</p></td></tr>'
        '</tbody></table></td></tr>\n'
        '<tr><td class="px-3 py-4" style="padding:16px 24px"><table role="presentation" width="100%" '
        'border="0" cellspacing="0" cellpadding="0"><tbody>'
        f'<tr><td style="padding:0 0 8px"><p class="intended-for" style="{_P_LOW}">{_e(intended)}</p></td></tr>'
        f'<tr><td style="padding:0 0 8px"><a href="{_e(why)}" style="{_P_LOW};text-decoration:underline">'
        f'{_e(ctx.t("learn_why"))}</a></td></tr>'
        f'<tr><td style="padding:0 0 8px"><p style="{_P_LOW}">{_e(ctx.t("receiving", category=category))}</p></td></tr>'
        f'<tr><td style="padding:0 0 8px"><p style="{_P_LOW}"><a href="{_e(unsubscribe)}" style="color:rgba(0,0,0,0.6);'
        f'text-decoration:underline">{_e(ctx.t("unsubscribe"))}</a> &middot; <a href="{_e(help_url)}" '
        f'style="color:rgba(0,0,0,0.6);text-decoration:underline">{_e(ctx.t("help"))}</a></p></td></tr>'
        f'<tr><td style="padding:0 0 8px"><img src="https://static.licdn.com/aero-v1/sc/h/{_base36(ctx.rng, 25)}" '
        'alt="LinkedIn" width="56" height="14" style="width:56px;height:14px"></td></tr>'
        f'<tr><td><p style="{_P_LOW}">&copy; {ctx.date.year} {company}. LinkedIn and the LinkedIn logo are '
        'registered trademarks of LinkedIn.</p></td></tr></tbody></table></td></tr>\n'
        f'</tbody></table>\n<img src="{_e(pixel)}" alt="" width="1" height="1" style="width:1px;height:1px;'
        'display:block;border:0"></body></html>\n')
    return head, tail


def _phoenix_frame(ctx: _Ctx, *, title: str, preheader: str, category: str) -> tuple[str, str]:
    logo = ("https://static.licdn.com/scds/common/u/images/email/phoenix/logos/logo_phoenix_header_blue_78x66_v1.png"
            f"?{_base36(ctx.rng, 6)}")
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
        f'maximum-scale=0.666667; user-scalable=0" /><title>{_e(title)}</title>'
        '<style type="text/css">@media all and (max-width:590px){*[class].responsive{width:290px!important}'
        '*[class].hide-for-mobile{display:none!important}}.ReadMsgBody{width:100%}.ExternalClass{width:100%}'
        '.ExternalClass *{line-height:100%}</style></head>\n'
        '<body style="padding:0;margin:0 auto;-webkit-text-size-adjust:100%;width:100%!important;'
        '-ms-text-size-adjust:100%;background-color:#EDF0F3">\n'
        f'<div style="overflow:hidden;color:transparent;visibility:hidden;mso-hide:all;width:0;font-size:0;'
        f'opacity:0;height:0">{_e(preheader)}</div>\n'
        '<table align="center" border="0" cellspacing="0" cellpadding="0" width="100%" bgcolor="#EDF0F3" '
        'style="background-color:#EDF0F3;table-layout:fixed"><tbody><tr><td align="center">'
        '<center style="width:100%"><table border="0" class="phoenix-email-container" cellspacing="0" '
        'cellpadding="0" width="512" bgcolor="#FFFFFF" style="background-color:#FFFFFF;margin:0 auto;'
        'max-width:512px;width:inherit"><tbody>\n'
        f'<tr><td bgcolor="#008CC9" style="background-color:#008CC9;padding:12px 24px">'
        f'<a href="{_e(home)}" style="text-decoration:none"><img src="{_e(logo)}" alt="LinkedIn" width="39" '
        'height="33" border="0" style="outline:none;color:#FFFFFF;display:block" /></a></td></tr>\n')
    tail = (
        '\n<tr><td style="padding:24px 24px 0"><table border="0" cellspacing="0" cellpadding="0" width="100%" '
        f'bgcolor="#EDF0F3" style="background-color:#EDF0F3;{font};font-size:11px;color:#737373">'
        f'<tbody><tr><td style="padding:16px 24px"><a href="{_e(unsubscribe)}" style="color:#737373">'
        f'{_e(ctx.t("unsubscribe"))}</a> | <a href="{_e(help_url)}" style="color:#737373">{_e(ctx.t("help"))}</a>'
        f'<p style="margin:8px 0 0">{_e(ctx.t("receiving", category=category))}</p>'
        f'<p class="intended-for" style="margin:8px 0 0">{_e(intended)}</p>'
        f'<p style="margin:8px 0 0"><a href="{_e(why)}" style="color:#737373">{_e(ctx.t("learn_why"))}</a></p>'
        f'<p style="margin:8px 0 0">&copy; {ctx.date.year} LinkedIn Corporation, 2029 Stierlin Court, Mountain View '
        'CA 94043. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.</p></td></tr>'
        '</tbody></table></td></tr>\n</tbody></table></center></td></tr></tbody></table>\n'
        f'<img src="https://www.linkedin.com/emimp/ip_{_b64(ctx.rng, 40)}.gif" style="outline:none;'
        'text-decoration:none;-ms-interpolation-mode:bicubic;width:1px;height:1px" width="1" height="1" />'
        '</body></html>\n')
    return head, tail


def _text_footer(ctx: _Ctx, category: str) -> str:
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
class _Mail:
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


def _genuine_bytes(ctx: _Ctx, mail: _Mail) -> bytes:
    rng = ctx.rng
    when = ctx.date
    epoch_ms = int(when.timestamp() * 1000) + rng.randrange(1000)
    relay = rng.choice("abd")
    ip = f"108.174.{ {'a': 3, 'b': 6, 'd': 0}[relay]}.{rng.randint(10, 250)}"
    relay_host = f"mail{relay}-{_base36(rng, 2)}.linkedin.com"
    bounce = f"{mail.bounce_prefix}-{_b64(rng, 41).replace('-', 'x').replace('_', 'y')}@bounce.linkedin.com"
    if ctx.mercado:
        message_id = f"<{_digits(rng, 10)}.{_digits(rng, 6)}.{epoch_ms}@ltx1-app{_digits(rng, 5)}.prod.linkedin.com>"
        selector = rng.choice(("d2048-202308-00", "d2048-202308-0b", "d2048-202308-0d"))
        bits = "2048-bit key"
    else:
        message_id = (f"<{_digits(rng, 10)}.{_digits(rng, 5)}.{epoch_ms}.JavaMail.app@lva1-app"
                      f"{_digits(rng, 4)}.prod.linkedin.com>")
        selector = "proddkim1024"
        bits = "1024-bit key"
    boundary = f"----=_Part_{rng.randint(100000, 9999999)}_{rng.randint(100000000, 2099999999)}.{epoch_ms}"
    date = _date_header(when)
    dkim = []
    for domain in ("linkedin.com", f"mail{relay}.linkedin.com"):
        dkim.append(
            f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain};{CRLF}"
            f"\ts={selector}; t={int(when.timestamp())}; bh={_b64(rng, 32, urlsafe=False)}=;{CRLF}"
            f"\th=From:Subject:Date:To:MIME-Version:Content-Type:X-LinkedIn-Class:{CRLF}"
            f"\t X-LinkedIn-Template:X-LinkedIn-fbl;{CRLF}"
            f"\tb={_folded_b64(rng, 256 if ctx.mercado else 128)}")
    auth = (f"Authentication-Results: mx.example.org;{CRLF}"
            f"\tdkim=pass ({bits}) header.d=linkedin.com header.i=@linkedin.com header.b={_b64(rng, 6)};{CRLF}"
            f"\tdkim=pass ({bits}) header.d=mail{relay}.linkedin.com header.i=@mail{relay}.linkedin.com "
            f"header.b={_b64(rng, 6)};{CRLF}"
            f"\tspf=pass (mx.example.org: domain of {bounce} designates {ip} as permitted sender){CRLF}"
            f"\t smtp.mailfrom={bounce};{CRLF}"
            f"\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com")
    headers = [
        f"Return-Path: <{bounce}>",
        f"Delivered-To: {ctx.owner_email}",
        f"Received: from {relay_host} ({relay_host} "
        f"[{ip}]){CRLF}\tby mx.example.org (Postfix) with ESMTPS id {_b64(rng, 8).upper()[:10]}{CRLF}"
        f"\tfor <{ctx.owner_email}>; {date}",
        auth,
        *dkim,
        f"Date: {date}",
        "From: " + _address(mail.from_name, mail.from_addr),
    ]
    if mail.reply_to:
        headers.append("Reply-To: " + _address(*mail.reply_to))
    headers += [
        "To: " + _address(ctx.owner, ctx.owner_email),
        f"Message-ID: {message_id}",
        _encode_header("Subject", mail.subject),
        "MIME-Version: 1.0",
        f'Content-Type: multipart/alternative; {CRLF}\tboundary="{boundary}"',
        f"X-LinkedIn-Class: {mail.linkedin_class}",
        f"X-LinkedIn-Template: {ctx.template}",
        f"X-LinkedIn-fbl: m2-{_b64(rng, 75)}",
        f"X-LinkedIn-Id: {ctx.eid}",
        f"Feedback-ID: {ctx.template.removeprefix('email_')}:linkedin",
    ]
    unsubscribe = mail.unsubscribe or (ctx.link("psettings/email-unsubscribe", "footer", "unsubscribe")
                                       + f"&loid={_b64(rng, 20)}")
    if not ctx.mercado:
        unsubscribe = (f"https://www.linkedin.com/e/v2?e={ctx.eid}&t=lun&midToken={ctx.mid_token}&ek={ctx.template}"
                       f"&li=10&m=unsub&ts=unsub&loid={_b64(rng, 20)}&eid={ctx.eid}")
    headers.append(f"List-Unsubscribe: <{unsubscribe}>")
    if ctx.mercado:
        headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    headers.append(f"Require-Recipient-Valid-Since: {ctx.owner_email}; Mon, 10 Mar 2014 09:21:04 +0000")
    return _assemble(headers, boundary, mail.text, mail.html)


def _folded_b64(rng: random.Random, nbytes: int) -> str:
    value = _b64(rng, nbytes, urlsafe=False)
    value += "=" * (-len(value) % 4)
    return f"{CRLF}\t ".join(value[i:i + 70] for i in range(0, len(value), 70))


def _assemble(headers: list[str], boundary: str, text: str, html_text: str, *,
              content_ids: bool = True) -> bytes:
    """Headers plus a JavaMail-style multipart/alternative body of text and HTML."""
    def part(subtype: str, body: str, cid: str) -> bytes:
        lines = [f"Content-Type: text/{subtype};charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
        if content_ids:
            lines.append(f"Content-ID: {cid}")
        return (f"--{boundary}{CRLF}" + CRLF.join(lines) + CRLF + CRLF).encode("ascii") + _qp(body) + CRLF.encode()

    head = (CRLF.join(headers) + CRLF + CRLF).encode("utf-8")
    return (head + part("plain", text, "text-body") + part("html", html_text, "html-body")
            + f"--{boundary}--{CRLF}".encode("ascii"))


# --------------------------------------------------------------------------- LinkedIn kinds

_SIZES = {  # target total size in bytes for mercado mail, low and high
    "invitation": (28_000, 38_000), "message": (21_500, 27_000), "inmail": (32_000, 40_000),
    "digest": (36_000, 52_000), "accepted": (25_000, 33_000), "job_alert": (58_000, 69_000),
    "profile_views": (24_000, 34_000), "network_update": (30_000, 45_000), "newsletter": (34_000, 55_000),
    "security": (20_500, 23_500), "post_reactions": (24_000, 34_000),
}


def _target(ctx: _Ctx, kind: str) -> int:
    low, high = _SIZES[kind]
    if not ctx.mercado:
        low, high = low // 2, high // 2
    return ctx.rng.randint(low, high)


def _note_block(ctx: _Ctx, note: str, css_class: str = "invitation-message") -> str:
    body = "<br>".join(_e(line) for line in note.split("\n"))
    return (f'<p class="{css_class}" data-test-id="{css_class}" style="{_P};margin-top:12px;padding:12px;'
            f'background-color:#f3f2f0;border-radius:8px">{body}</p>')


def _invitation(ctx: _Ctx, person: Person, note: str, mutual: int, reminder: bool) -> _Mail:
    ctx.template = "email_m2m_invite_reminder_02" if reminder else "email_m2m_invite_single_01"
    shown = note if note else (ctx.t("greeting", rfirst=ctx.rfirst) + " " + ctx.t("default_note"))
    profile = ctx.link(ctx.profile(person.name), "hero", "profile")
    invitation_id, shared_key = _digits(ctx.rng, 19), _b64(ctx.rng, 6)
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
            rows.append(_row(f'<p class="reminder" style="{_P};font-size:16px">'
                             f'{_e(ctx.t("reminder_line", name=person.name))}</p>', "px-3 pt-3"))
        card = _profile_card(ctx, person, profile, mutual=mutual, note_html=_note_block(ctx, shown))
        rows.append(_row(card, "px-3 pt-3"))
        rows.append(_row(_button(ctx, ctx.t("accept"), accept) + _button(ctx, ctx.t("view_profile"), view, False),
                         "px-3 pt-2 pb-3"))
        lines = [person.name]
        lines += [x for x in (person.headline, person.location) if x]
        if mutual:
            lines.append(ctx.t("mutual_one") if mutual == 1 else ctx.t("mutual", n=mutual))
        text = ""
        if reminder:
            text += ctx.t("reminder_line", name=person.name) + "\n\n"
        text += "\n".join(lines) + "\n\n" + shown + "\n\n" + f"{ctx.t('accept')}: {accept}\n\n"
        text += f"{ctx.t('view_profile')}: {view}\n" + _text_footer(ctx, category)
    else:
        subject = (ctx.t("reminder_subject_phoenix", name=person.name) if reminder
                   else ctx.t("invite_subject_phoenix", rfirst=ctx.rfirst))
        category = ctx.t("cat_invitation_phoenix")
        body = note if note else ctx.t("default_note")
        greeting = ctx.t("greeting", rfirst=ctx.rfirst)
        rows = []
        if reminder:
            rows.append(_row(f'<p style="{_P};font-size:16px">{_e(ctx.t("reminder_line", name=person.name))}</p>'))
        rows.append(_row(f'<p style="{_P};font-size:16px">{_e(greeting)}</p>'
                         + _note_block(ctx, body, "invitation-message")))
        rows.append(_row(_profile_card(ctx, person, profile, mutual=mutual, avatar=64)))
        rows.append(_row(_button(ctx, ctx.t("accept"), accept) + " "
                         + _button(ctx, ctx.t("view_profile"), view, False), "px-3 pt-2 pb-3"))
        text = ""
        if reminder:
            text += ctx.t("reminder_line", name=person.name) + "\n\n"
        text += f"{greeting}\n\n{body}\n\n{person.name}\n{person.headline}\n\n"
        view_label = ctx.t("view_profile_of", name=person.name) if reminder else ctx.t("view_profile")
        text += f"{view_label}: {view}\n\n{ctx.t('accept')}: {accept}\n" + _text_footer(ctx, category)
    preheader = ctx.t("invite_preheader", rfirst=ctx.rfirst, ifirst=person.first)
    html_text = _page(ctx, title=subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=_target(ctx, "invitation"))
    via = ctx.rng.random() < 0.5
    return _Mail(subject=subject, from_name=f"{person.name} via LinkedIn" if via else person.name,
                 from_addr="invitations@linkedin.com", linkedin_class="INVITATION", text=text, html=html_text)


def _message(ctx: _Ctx, person: Person, text_body: str | None) -> _Mail:
    ctx.template = "email_member_message_v2"
    profile = ctx.link(ctx.profile(person.name), "ProfileCard", "profile")
    thread = ctx.link(f"messaging/thread/2-{_b64(ctx.rng, 33, urlsafe=False)}==/", "conversation", "view~message")
    reply = ctx.link(f"messaging/thread/2-{_b64(ctx.rng, 33, urlsafe=False)}==/?reply=true", "conversation", "reply")
    shown = text_body or ""
    category = ctx.t("cat_message")
    if ctx.mercado:
        subject = ctx.t("msg_subject", first=person.first, name=person.name)
        note = _note_block(ctx, shown, "message-preview") if shown else ""
        card = (f'<table role="presentation" width="100%" class="one-to-one-single-thread" border="0" '
                f'cellspacing="0" cellpadding="0"><tbody><tr><td width="88" style="padding:8px 8px 8px 0;'
                f'vertical-align:top"><a href="{_e(profile)}"><img src="{_e(_avatar(ctx.rng, 100))}" '
                f'alt="{_e(person.name)}" width="80" height="80" style="border-radius:50%;width:80px;height:80px">'
                f'</a></td><td style="vertical-align:top;padding:8px 0"><a href="{_e(profile)}" style="{_FONT};'
                f'font-size:16px;font-weight:600;color:rgba(0,0,0,0.9);text-decoration:none">{_e(person.name)}</a>'
                f'<p class="sender-headline" style="{_P_LOW}">{_e(_truncate(person.headline, 100))}</p>{note}'
                f'</td></tr></tbody></table>')
        rows = [_row(f'<h2 class="threads-summary" style="{_FONT};margin:0;font-size:20px;font-weight:600;'
                     f'color:rgba(0,0,0,0.9)">{_e(ctx.t("msg_count"))}</h2>', "px-3 pt-3"),
                _row(card), _row(_button(ctx, ctx.t("view_message"), thread), "px-3 pt-2 pb-3")]
        headline = f" ({person.headline})" if person.headline else ""
        text = (f"{ctx.t('msg_count')}\n" + "." * 37 + f"\n\n{person.name}{headline}\n"
                f"({ctx.link(ctx.profile(person.name), 'ProfileCard', 'profile~text')})\n\n")
        if shown:
            text += shown + "\n\n"
        text += f"{ctx.t('view_message')}: {thread}\n\n" + "." * 37 + "\n}\n" + _text_footer(ctx, category)
        from_addr, from_name = "messaging-digest-noreply@linkedin.com", f"{person.name} via LinkedIn"
    else:
        subject = ctx.t("msg_subject_phoenix", name=person.name, first=person.first)
        rows = [_row(_profile_card(ctx, person, profile, avatar=64), "px-3 pt-3")]
        if shown:
            rows.append(_row(_note_block(ctx, shown, "message-body")))
        rows.append(_row(_button(ctx, ctx.t("reply"), reply) + " "
                         + _button(ctx, ctx.t("view_message"), thread, False), "px-3 pt-2 pb-3"))
        text = f"{person.name}\n{person.headline}\n\n"
        if shown:
            text += shown + "\n\n"
        text += f"{ctx.t('reply')}: {reply}\n\n{ctx.t('view_message')}: {thread}\n" + _text_footer(ctx, category)
        from_addr, from_name = "messages-noreply@linkedin.com", f"{person.name} via LinkedIn"
    html_text = _page(ctx, title=subject, preheader=ctx.t("msg_preheader"), rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=_target(ctx, "message"))
    return _Mail(subject=subject, from_name=from_name, from_addr=from_addr, linkedin_class="EMAIL-DEFAULT",
                 text=text, html=html_text)


def _inmail(ctx: _Ctx, person: Person, subject: str, body: str) -> _Mail:
    ctx.template = "email_hire_inmail_initial_single_01"
    raw_thread = f"https://www.linkedin.com/messaging/thread/2-{_b64(ctx.rng, 33, urlsafe=False)}==/"
    thread = ctx.link(raw_thread.removeprefix("https://www.linkedin.com/"), "inmail", "view~message")
    profile = ctx.link(ctx.profile(person.name), "inmail", "profile")
    category = ctx.t("cat_inmail")
    body_html = '<br aria-hidden="true">'.join(_e(line) for line in body.split("\n"))
    rows = [
        _row(f'<h1 style="{_FONT};margin:0;font-size:24px;line-height:1.25;font-weight:600;'
             f'color:rgba(0,0,0,0.9)">{_e(subject)}</h1><p style="{_P_LOW};margin-top:4px">'
             f'{_e(ctx.t("inmail_intro"))}</p>', "px-3 pt-3"),
        _row(_profile_card(ctx, person, profile, avatar=64, section="inmail")),
        _row(f'<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0"><tbody><tr>'
             f'<td class="message-contents" style="{_P};padding:16px 0">{body_html}</td></tr></tbody></table>'),
        _row(_button(ctx, ctx.t("view_message"), thread) + " " + _button(ctx, ctx.t("reply"), thread, False),
             "px-3 pt-2 pb-3"),
    ]
    clean_subject = _clean_header(subject)
    text = (f"{clean_subject}\n{clean_subject}\n\n      {person.name}\n        {ctx.t('reply')}\n"
            f"        {raw_thread}\n\n{body}\n" + _text_footer(ctx, category))
    flat = " ".join(body.split())
    preheader = flat[:50] + ("..." if len(flat) > 50 else "")
    html_text = _page(ctx, title=clean_subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=_target(ctx, "inmail"))
    uuid = "-".join(_base36(ctx.rng, n) for n in (8, 4, 4, 4, 12))
    return _Mail(subject=subject, from_name=person.name, from_addr="inmail-hit-reply@linkedin.com",
                 linkedin_class="INMAIL", text=text, html=html_text,
                 reply_to=(person.name, f"{uuid}@reply.linkedin.com"),
                 bounce_prefix="m")


def _join_names(ctx: _Ctx, names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {ctx.t('and')} {names[1]}"
    comma = "," if ctx.language == "en" else ""
    return ", ".join(names[:-1]) + f"{comma} {ctx.t('and')} {names[-1]}"


def _digest(ctx: _Ctx, entries: list[tuple[Person, str]], kind: str) -> _Mail:
    rows: list[str] = []
    text_parts: list[str] = []
    if kind == "invitation":
        ctx.template = "email_m2m_invite_digest_02"
        n = len(entries)
        subject = ctx.t("digest_inv_subject_one") if n == 1 else ctx.t("digest_inv_subject", n=n)
        preheader = ctx.t("digest_inv_preheader", rfirst=ctx.rfirst)
        category = ctx.t("cat_invitation")
        rows.append(_row(f'<h2 style="{_FONT};margin:0;font-size:20px;font-weight:600">{_e(subject)}</h2>',
                         "px-3 pt-3"))
        for i, (person, note) in enumerate(entries):
            profile = ctx.link(ctx.profile(person.name), "ProfileCard", f"{i}-profile")
            accept = ctx.link(f"mynetwork/invite-accept/invitationId/{_digits(ctx.rng, 19)}/sharedKey/"
                              f"{_b64(ctx.rng, 6)}/", "ProfileCard", f"{i}-accept~cta")
            mutual = ctx.rng.choice((0, 0, 1, 3, 8, 14, 27, 55))
            block = _note_block(ctx, note) if note else ""
            rows.append(_row(_profile_card(ctx, person, profile, mutual=mutual, note_html=block)))
            rows.append(_row(_button(ctx, ctx.t("accept"), accept)
                             + _button(ctx, ctx.t("view_profile"), profile, False)))
            lines = [person.name] + [x for x in (person.headline, person.location) if x]
            if mutual:
                lines.append(ctx.t("mutual_one") if mutual == 1 else ctx.t("mutual", n=mutual))
            part = "\n".join(lines) + "\n\n"
            if note:
                part += note + "\n\n"
            part += f"{ctx.t('accept')}: {accept}\n{ctx.t('view_profile')}: {profile}\n"
            text_parts.append(part)
        text = subject + "\n\n" + ("\n" + "." * 37 + "\n\n").join(text_parts) + _text_footer(ctx, category)
        sender = ("LinkedIn", "invitations@linkedin.com")
        linkedin_class = "INVITATION"
    else:
        ctx.template = "email_member_message_digest_v2"
        names = [p.first for p, _ in entries]
        subject = ctx.t("digest_msg_subject", names=_join_names(ctx, names))
        preheader = ctx.t("digest_msg_preheader", n=len(entries))
        category = ctx.t("cat_message")
        for i, (person, message) in enumerate(entries):
            thread = ctx.link(f"messaging/thread/2-{_b64(ctx.rng, 33, urlsafe=False)}==/", "conversation",
                              f"{i}-view~message")
            shown = message if (message and not ctx.mercado) else ""
            block = _note_block(ctx, shown, "message-body") if shown else ""
            rows.append(_row(_profile_card(ctx, person, ctx.link(ctx.profile(person.name), "ProfileCard",
                                                                 f"{i}-profile"), avatar=48, note_html=block)))
            rows.append(_row(_button(ctx, ctx.t("view_message"), thread)))
            part = f"{person.name} ({person.headline})\n" if person.headline else f"{person.name}\n"
            part += f"({ctx.link(ctx.profile(person.name), 'ProfileCard', f'{i}-profile~text')})\n"
            if shown:
                part += "\n" + shown + "\n"
            text_parts.append(part + f"{ctx.t('view_message')}: {thread}\n")
        text = preheader + "\n" + "." * 37 + "\n\n" + "\n".join(text_parts) + _text_footer(ctx, category)
        sender = ("LinkedIn Messaging", "messaging-digest-noreply@linkedin.com")
        linkedin_class = "EMAIL-DEFAULT"
    html_text = _page(ctx, title=subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=_target(ctx, "digest"))
    return _Mail(subject=subject, from_name=sender[0], from_addr=sender[1], linkedin_class=linkedin_class,
                 text=text, html=html_text)


def _accepted(ctx: _Ctx, person: Person) -> _Mail:
    ctx.template = "email_accept_invite_single_01"
    category = ctx.t("cat_accepted")
    profile = ctx.link(ctx.profile(person.name), "ProfileCard", "profile")
    message = ctx.link(f"messaging/compose/?recipient={_vanity(person.name)}", "hero", "message~cta")
    if ctx.mercado:
        subject = ctx.t("accepted_subject", first=person.first)
        preheader = ctx.t("accepted_preheader")
    else:
        subject = ctx.t("accepted_subject_phoenix", rfirst=ctx.rfirst, first=person.first)
        preheader = ctx.t("accepted_preheader_phoenix", first=person.first)
    starter = ctx.t("starter", first=person.first)
    rows = [
        _row(f'<h2 style="{_FONT};margin:0;font-size:20px;line-height:1.3;font-weight:600">'
             f'{_e(ctx.t("accepted_hero", name=person.name))}</h2>', "px-3 pt-3"),
        _row(_profile_card(ctx, person, profile)),
        _row(_button(ctx, ctx.t("message"), message), "px-3 pt-2"),
        _row(f'<h3 style="{_FONT};margin:16px 0 4px;font-size:16px;font-weight:600">'
             f'{_e(ctx.t("reach_out", first=person.first))}</h3><p class="starter-message" style="{_P};padding:12px;'
             f'border:1px solid #e8e8e8;border-radius:8px">{_e(starter)}</p>', "px-3 pt-2"),
        _row(_button(ctx, ctx.t("start_with"), message + "&body=starter", primary=False), "px-3 pt-2 pb-3"),
    ]
    text = f"{ctx.t('accepted_text', first=person.first)}\n\n"
    if not ctx.mercado:
        text += f"{ctx.t('view_profile_here')}: {profile}\n\n"
    text += f"{ctx.t('send_message')}: {message}\n" + _text_footer(ctx, category)
    html_text = _page(ctx, title=subject, preheader=preheader, rows=rows, category=category,
                      filler=lambda i: _pymk_card(ctx, i), filler_title=ctx.t("pymk"),
                      text_size=len(text), target=_target(ctx, "accepted"))
    return _Mail(subject=subject, from_name=f"{person.name} via LinkedIn", from_addr="invitations@linkedin.com",
                 linkedin_class="INVITE-ACCEPT", text=text, html=html_text)


# --------------------------------------------------------------------------- public builders

def invitation_email(person: Person, note: str, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                     owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                     generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                     date: datetime | None = None) -> bytes:
    """An invitation to connect (or its reminder); "" means no note, shown as LinkedIn's default sentence."""
    ctx = _context("invitation", (person, note, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date)
    return _genuine_bytes(ctx, _invitation(ctx, person, note, mutual, reminder))


def member_message_email(person: Person, text: str | None = None, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                         owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                         generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                         date: datetime | None = None) -> bytes:
    """A "just messaged you" notification: mercado shows no text unless given, phoenix shows the text."""
    ctx = _context("message", (person, text, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date)
    return _genuine_bytes(ctx, _message(ctx, person, text))


def inmail_email(person: Person, subject: str, body: str, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                 owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                 generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                 date: datetime | None = None) -> bytes:
    """An InMail: the sender's own subject and full body, Reply-To on reply.linkedin.com."""
    ctx = _context("inmail", (person, subject, body, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date)
    return _genuine_bytes(ctx, _inmail(ctx, person, subject, body))


def digest_email(entries: list[tuple[Person, str]], *, kind: str = "invitation", owner: str = DEFAULT_OWNER,
                 owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                 generation: str = "mercado", language: str = "en", seed: int = 0,
                 date: datetime | None = None) -> bytes:
    """Several senders in one mail: an invitations digest (notes shown) or, with kind="message", a messages digest."""
    if kind not in ("invitation", "message"):
        raise ValueError(f"unknown digest kind {kind!r}; use 'invitation' or 'message'")
    if not entries:
        raise ValueError("a digest needs at least one entry")
    ctx = _context("digest", (tuple(entries), kind), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date)
    return _genuine_bytes(ctx, _digest(ctx, list(entries), kind))


def accepted_email(person: Person, *, mutual: int = 0, owner: str = DEFAULT_OWNER,
                   owner_email: str = DEFAULT_OWNER_EMAIL, owner_headline: str | None = None,
                   generation: str = "mercado", language: str = "en", reminder: bool = False, seed: int = 0,
                   date: datetime | None = None) -> bytes:
    """"{First} accepted your invitation": carries a LinkedIn-written starter, never the person's words."""
    ctx = _context("accepted", (person, mutual, reminder), owner=owner, owner_email=owner_email,
                   owner_headline=owner_headline, generation=generation, language=language, seed=seed, date=date)
    return _genuine_bytes(ctx, _accepted(ctx, person))


# --------------------------------------------------------------------------- other notifications

def _job_card(ctx: _Ctx, i: int) -> str:
    title = ctx.rng.choice(_JOB_TITLES)
    company = ctx.rng.choice(_COMPANIES)
    place = ctx.rng.choice(_LOCATIONS[:7])
    url = ctx.link(f"jobs/view/{_digits(ctx.rng, 10)}/?trackingId={_b64(ctx.rng, 16, urlsafe=False)}%3D%3D"
                   f"&refId={_b64(ctx.rng, 16, urlsafe=False)}%3D%3D", "job_card", f"{i}-job~title")
    logo = (f"https://media.licdn.com/dms/image/v2/C4E0BAQ{_b64(ctx.rng, 11)}/company-logo_100_100/0/"
            f"{_digits(ctx.rng, 13)}")
    extra = ctx.rng.choice(("Actively recruiting", "Easy Apply", f"{ctx.rng.randint(2, 40)} applicants",
                            "Be an early applicant", "Promoted"))
    return _row(f'<table role="presentation" width="100%" class="job-card" border="0" cellspacing="0" '
                f'cellpadding="0"><tbody><tr><td width="56" style="padding:12px 12px 12px 0;vertical-align:top">'
                f'<a href="{_e(url)}"><img src="{_e(logo)}" alt="{_e(company)}" width="48" height="48"></a></td>'
                f'<td style="padding:12px 0;vertical-align:top"><a href="{_e(url)}" style="{_FONT};font-size:16px;'
                f'font-weight:600;color:#0a66c2">{_e(title)}</a><p style="{_P}">{_e(company)} &middot; '
                f'{_e(place or "Remote")}</p><p style="{_P_LOW}">{_e(extra)}</p></td></tr></tbody></table>')


def _update_card(ctx: _Ctx, i: int) -> str:
    person = _random_person(ctx.rng)
    what = ctx.rng.choice((
        f"started a new position as {ctx.rng.choice(_JOB_TITLES)} at {ctx.rng.choice(_COMPANIES)}",
        f"is celebrating {ctx.rng.randint(2, 15)} years at {ctx.rng.choice(_COMPANIES)}",
        "shared a post: Five things our night shift taught us about handovers",
        "commented on a post about electric HGV charging at depots",
        "reposted: Peak season planning checklist for small warehouses",
    ))
    url = ctx.link(f"feed/update/urn:li:activity:{_digits(ctx.rng, 19)}/", "update", f"{i}-update")
    return _row(f'<table role="presentation" width="100%" class="update-card" border="0" cellspacing="0" '
                f'cellpadding="0"><tbody><tr><td width="56" style="padding:12px 12px 12px 0;vertical-align:top">'
                f'<img src="{_e(_avatar(ctx.rng, 100))}" alt="{_e(person.name)}" width="48" height="48" '
                f'style="border-radius:50%"></td><td style="padding:12px 0"><p style="{_P}"><a href="{_e(url)}" '
                f'style="font-weight:600;color:rgba(0,0,0,0.9)">{_e(person.name)}</a> {_e(what)}</p>'
                f'<p style="{_P_LOW}">{_e(_truncate(person.headline, 60))}</p></td></tr></tbody></table>')


def _article_card(ctx: _Ctx, i: int) -> str:
    title = ctx.rng.choice(("Why cross-docking is back", "The hidden cost of empty miles",
                            "What drivers want from a dispatcher", "Five metrics every warehouse should track",
                            "Rethinking the peak-season playbook", "Electric vans: one year in"))
    url = ctx.link(f"pulse/{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}-{_base36(ctx.rng, 5)}/",
                   "article", f"{i}-title")
    body = ("We asked twelve operations leaders what changed in their sites this year. Their answers ranged from "
            "shift patterns to software, but three themes kept coming up.")
    return _row(f'<a href="{_e(url)}" style="{_FONT};font-size:16px;font-weight:600;color:rgba(0,0,0,0.9)">'
                f'{_e(title)}</a><p style="{_P}">{_e(body)}</p>')


def other_email(kind: str, *, seed: int = 0, owner: str = DEFAULT_OWNER, owner_email: str = DEFAULT_OWNER_EMAIL,
                owner_headline: str | None = None, generation: str = "mercado", language: str = "en",
                date: datetime | None = None) -> bytes:
    """A LinkedIn notification with no words from a person to the owner (job alert, profile views, ...)."""
    if kind not in OTHER_KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {OTHER_KINDS}")
    ctx = _context("other", (kind,), owner=owner, owner_email=owner_email, owner_headline=owner_headline,
                   generation=generation, language=language, seed=seed, date=date)
    rng = ctx.rng
    rows: list[str] = []
    unsubscribe = ""
    filler: Callable[[int], str] = lambda i: _update_card(ctx, i)  # noqa: E731
    filler_title = "More updates for you"
    if kind == "job_alert":
        ctx.template = "email_job_alert_digest_01"
        title, company = rng.choice(_JOB_TITLES), rng.choice(_COMPANIES)
        subject = f"“operations manager”: {company} - {title} and more"
        preheader = "Your job alert for operations manager in Bristol"
        sender, cls, category = ("LinkedIn Job Alerts", "jobalerts-noreply@linkedin.com"), "SAVEDSEARCH", \
            ctx.t("cat_jobs")
        unsubscribe = (f"https://www.linkedin.com/comm/jobs/alerts/job-alert-email-unsubscribe?savedSearchId="
                       f"{_digits(rng, 10)}&midToken={ctx.mid_token}&eid={ctx.eid}")
        rows.append(_row(f'<h2 style="{_FONT};margin:0;font-size:20px;font-weight:600">Your job alert for '
                         f'operations manager in Bristol</h2><p style="{_P_LOW}">New jobs match your preferences.</p>',
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
        rows.append(_row(f'<h2 style="{_FONT};margin:0;font-size:20px;font-weight:600">Your profile was viewed by '
                         f'{n} people in the past week</h2><p style="{_P}">You also appeared in {rng.randint(5, 90)} '
                         f'searches.</p>' + _button(ctx, "See all views", url), "px-3 pt-3"))
        text = f"Your profile was viewed by {n} people in the past week\n\nSee all views: {url}\n"
    elif kind == "network_update":
        ctx.template = "email_notification_digest_01"
        person = _random_person(rng)
        company = rng.choice(_COMPANIES)
        subject = rng.choice((f"Congratulate {person.name} for {rng.randint(2, 12)} years at {company}",
                              f"{person.name} reshared a post: Peak season planning checklist"))
        preheader = "Here's what's happened since you were last on LinkedIn"
        sender, cls, category = ("LinkedIn", "notifications-noreply@linkedin.com"), "EMAIL-DEFAULT", \
            ctx.t("cat_notification")
        rows.append(_row(f'<h2 style="{_FONT};margin:0;font-size:20px;font-weight:600">{_e(subject)}</h2>',
                         "px-3 pt-3"))
        rows += [_update_card(ctx, i) for i in range(3)]
        text = f"{subject}\n\n{preheader}\n"
    elif kind == "newsletter":
        ctx.template = "email_series_follower_digest_01"
        author = _random_person(rng)
        issue = rng.choice(("Why cross-docking is back", "The hidden cost of empty miles",
                            "What drivers want from a dispatcher"))
        subject = f"Warehouse Weekly: {issue}"
        preheader = f"{author.name} published a new edition of Warehouse Weekly"
        sender, cls, category = (f"{author.name} via LinkedIn", "newsletters-noreply@linkedin.com"), \
            "EMAIL-DEFAULT", ctx.t("cat_newsletter")
        url = ctx.link(f"pulse/{_base36(rng, 12)}/", "hero", "read")
        rows.append(_row(f'<p style="{_P_LOW}">Warehouse Weekly &middot; {_e(author.name)}</p>'
                         f'<h1 style="{_FONT};margin:4px 0;font-size:24px;font-weight:600">{_e(issue)}</h1>'
                         + _button(ctx, "Read article", url), "px-3 pt-3"))
        filler, filler_title = (lambda i: _article_card(ctx, i)), "More from Warehouse Weekly"  # noqa: E731
        text = f"Warehouse Weekly\n{issue}\nby {author.name}\n\nRead article: {url}\n"
    elif kind == "security":
        ctx.template = "email_pin_verification_01"
        pin = _digits(rng, 6)
        subject = f"{ctx.rfirst}, here's your PIN {pin}"
        preheader = "Please use this verification code to complete your sign in"
        sender, cls, category = ("LinkedIn", "security-noreply@linkedin.com"), "SECURITY", ctx.t("cat_security")
        rows.append(_row(f'<p style="{_P}">Hi {_e(ctx.rfirst)},</p><p style="{_P}">Please use this verification '
                         f'code to complete your sign in: </p><p style="{_FONT};font-size:32px;font-weight:600;'
                         f'margin:12px 0">{pin}</p><p style="{_P_LOW}">If you didn\'t try to sign in, change your '
                         'password right away.</p>', "px-3 pt-3"))
        filler = None
        text = f"Hi {ctx.rfirst},\n\nPlease use this verification code to complete your sign in: {pin}\n"
    else:  # post_reactions
        ctx.template = "email_notification_single_01"
        person = _random_person(rng)
        others = rng.randint(2, 60)
        subject = f"{person.name} and {others} others reacted to your post"
        preheader = "See who reacted to your post about the new cross-dock"
        sender, cls, category = ("LinkedIn", "notifications-noreply@linkedin.com"), "EMAIL-DEFAULT", \
            ctx.t("cat_notification")
        url = ctx.link(f"feed/update/urn:li:activity:{_digits(rng, 19)}/", "hero", "view~post")
        rows.append(_row(f'<p style="{_P}">{_e(subject)}</p><p style="{_P_LOW}">“Our new cross-dock opened '
                         'this week. Proud of the whole team.”</p>' + _button(ctx, "View post", url), "px-3 pt-3"))
        text = f"{subject}\n\nView post: {url}\n"
    text += _text_footer(ctx, category)
    html_text = _page(ctx, title=subject, preheader=preheader, rows=rows, category=category, filler=filler,
                      filler_title=filler_title, text_size=len(text), target=_target(ctx, kind))
    if kind == "security":  # pad with a plain help section rather than cards
        html_text = _pad_comment(html_text, text, ctx)
    return _genuine_bytes(ctx, _Mail(subject=subject, from_name=sender[0], from_addr=sender[1],
                                     linkedin_class=cls, text=text, html=html_text, unsubscribe=unsubscribe))


def _pad_comment(html_text: str, text: str, ctx: _Ctx) -> str:
    target = _target(ctx, "security")
    missing = target - len(_qp(html_text)) - len(text) - 4200
    if missing <= 0:
        return html_text
    tips = (f'<tr><td style="padding:0 24px"><p style="{_P_LOW}">Never share this code. LinkedIn will never ask '
            'you for it by phone or message.</p></td></tr>')
    count = max(1, missing // len(_qp(tips)))
    return html_text.replace("</tbody></table>\n<img", tips * count + "</tbody></table>\n<img", 1)


# --------------------------------------------------------------------------- phishing

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
    ctx = _context("phishing", (kind, person, note), owner=owner, owner_email=owner_email,
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
    token = _b64(rng, 12)

    def link(path: str) -> str:
        if kind == "foreign_links":
            return f"https://{bad_host}/wp-includes/css/li/{path}?id={token}"
        return f"https://{bad_host}/comm/{path}?session={token}"

    accept, view = link("invite-accept"), link("profile")
    intended = f"This email was intended for {owner}" if kind != "credential_harvest" else "This message was sent to ."
    note_html = "<br>".join(_e(line) for line in note.split("\n"))
    subject = {"lookalike_domain": "Invitation to connect on LinkedIn", "homoglyph": "I want to connect",
               "foreign_links": "I want to connect", "failed_dmarc": "Invitation to connect on LinkedIn",
               "html_attachment": "You have 3 pending connection requests",
               "reply_to_foreign": f"{person.first} just messaged you",
               "credential_harvest": f"Action required: confirm that you know {person.name}"}[kind]
    card = (f'<p style="{_P};font-size:16px;font-weight:600">{_e(person.name)}</p>'
            f'<p style="{_P}">{_e(person.headline)}</p>'
            f'<p class="invitation-message" style="{_P};margin-top:12px;padding:12px;background-color:#f3f2f0">'
            f'{note_html}</p>')
    if kind == "credential_harvest":
        card += (f'<p style="{_P};margin-top:12px">To keep your account safe, your LinkedIn access has been '
                 'restricted. Confirm your identity within 24 hours to accept pending invitations.</p>')
        buttons = f'<a href="{_e(link("uas/login"))}" style="background:#0a66c2;color:#fff;padding:8px 16px;' \
                  'border-radius:24px">Verify now</a>'
    else:
        buttons = (f'<a href="{_e(accept)}" style="background:#0a66c2;color:#fff;padding:8px 16px;'
                   f'border-radius:24px">Accept</a> <a href="{_e(view)}" style="color:#0a66c2">View profile</a>')
    logo = "https://static.licdn.com/aero-v1/sc/h/" + _base36(rng, 25)
    html_doc = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                f'<title>{_e(subject)}</title></head><body style="background-color:#f3f2f0;margin:0">'
                f'<table role="presentation" width="512" align="center" style="background:#ffffff;{_FONT}">'
                f'<tr><td style="padding:16px 24px"><img src="{logo}" alt="LinkedIn" width="84" height="21"></td></tr>'
                f'<tr><td style="padding:0 24px">{card}</td></tr><tr><td style="padding:16px 24px">{buttons}</td></tr>'
                f'<tr><td style="padding:16px 24px"><p style="{_P_LOW}">{_e(intended)}</p>'
                f'<p style="{_P_LOW}"><a href="{_e(link("unsubscribe"))}">Unsubscribe</a> &middot; '
                f'<a href="{_e(link("help"))}">Help</a></p><p style="{_P_LOW}">&copy; {when.year} LinkedIn '
                'Corporation, 1&zwnj;000 West Maude Avenue, Sunnyvale, CA 94085.</p></td></tr></table></body></html>\n')
    text = (f"{person.name}\n{person.headline}\n\n{note}\n\n"
            + (f"Verify now: {link('uas/login')}\n" if kind == "credential_harvest" else
               f"Accept: {accept}\n\nView profile: {view}\n")
            + "\n" + "-" * 40 + f"\n{intended}\nUnsubscribe: {link('unsubscribe')}\n")
    message_id = f"<{_b64(rng, 12).replace('-', 'a').replace('_', 'b')}@{domain}>"
    from_name, from_addr = f"{person.name} via LinkedIn", f"invitations@{domain}"
    return_path = f"bounce+{_digits(rng, 6)}@{domain}"
    reply_to = ""
    dkim_domain = domain
    dmarc = f"dmarc=pass (p=NONE sp=NONE dis=NONE) header.from={domain}"
    spf = "pass"
    extra: list[str] = []
    if kind == "lookalike_domain":
        from_name = "LinkedIn"
    elif kind == "homoglyph":
        extra = ["X-LinkedIn-Class: INVITATION", "X-LinkedIn-Template: email_m2m_invite_single_01"]
        message_id = f"<{_digits(rng, 10)}.{_digits(rng, 6)}.{int(when.timestamp() * 1000)}@ltx1-app" \
                     f"{_digits(rng, 5)}.prod.{domain}>"
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
        message_id = f"<{_b64(rng, 16).replace('-', 'c').replace('_', 'd')}@{domain}>"
    elif kind == "html_attachment":
        from_name, from_addr = "LinkedIn", f"notifications@{domain}"
        dkim_domain = ""
        dmarc = f"dmarc=none (p=NONE) header.from={domain}"
    elif kind == "reply_to_foreign":
        from_addr = "messages-noreply@linkedin.com"
        return_path = f"bounce-{_digits(rng, 5)}@em4412.{domain}"
        dmarc = "dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com"
        first_last = re.sub(r"[^a-z.]", "", unicodedata.normalize("NFKD", person.name).encode("ascii", "ignore")
                            .decode().lower().replace(" ", ".")) or "recruiter"
        reply_to = _address(person.name, f"{first_last}.hr@{domain}")
        message_id = f"<{_b64(rng, 14).replace('-', 'e').replace('_', 'f')}@em4412.{domain}>"
    elif kind == "credential_harvest":
        from_name, from_addr = "LinkedIn Security", f"security-noreply@{domain}"
        spf = "softfail"
        dkim_domain = ""
        dmarc = f"dmarc=none (p=NONE) header.from={domain}"
    mail_from = return_path.split("@", 1)[1]
    dkim_text = (f"dkim=pass (2048-bit key) header.d={dkim_domain} header.i=@{dkim_domain} header.b={_b64(rng, 6)}"
                 if dkim_domain else "dkim=none (message not signed)")
    headers = [
        f"Return-Path: <{return_path}>",
        f"Delivered-To: {owner_email}",
        f"Received: from {mail_from} ({mail_from} [{ip}]){CRLF}\tby mx.example.org (Postfix) with ESMTP id "
        f"{_b64(rng, 8).upper()[:10]}{CRLF}\tfor <{owner_email}>; {date_text}",
        f"Authentication-Results: mx.example.org;{CRLF}\t{dkim_text};{CRLF}"
        f"\tspf={spf} (mx.example.org: domain of {return_path} {'designates' if spf == 'pass' else 'does not designate'}"
        f" {ip} as permitted sender){CRLF}\t smtp.mailfrom={return_path};{CRLF}\t{dmarc}",
    ]
    if dkim_domain:
        headers.append(f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={dkim_domain}; s=default;{CRLF}"
                       f"\tt={int(when.timestamp())}; bh={_b64(rng, 32, urlsafe=False)}=;{CRLF}"
                       f"\th=From:To:Subject:Date:Message-ID;{CRLF}\tb={_folded_b64(rng, 256)}")
    headers += [f"Date: {date_text}", "From: " + _address(from_name, from_addr)]
    if reply_to:
        headers.append("Reply-To: " + reply_to)
    headers += ["To: " + _address(owner, owner_email), f"Message-ID: {message_id}",
                _encode_header("Subject", subject), "MIME-Version: 1.0", *extra]
    if kind == "failed_dmarc":  # single-part HTML from a PHP mailer, Latin-1 when it fits
        try:
            body = html_doc.replace("charset=utf-8", "charset=iso-8859-1").encode("latin-1")
            charset = "iso-8859-1"
        except UnicodeEncodeError:
            body, charset = html_doc.encode("utf-8", "surrogatepass"), "utf-8"
        qp = binascii.b2a_qp(body.replace(b"\r\n", b"\n"), istext=True).replace(b"\n", b"\r\n")
        headers += [f"Content-Type: text/html; charset={charset}", "Content-Transfer-Encoding: quoted-printable"]
        return (CRLF.join(headers) + CRLF + CRLF).encode("utf-8") + qp
    if kind == "html_attachment":
        boundary = f"=_{_b64(rng, 16).replace('-', 'x').replace('_', 'y')}"
        headers.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
        greeting = (f"Hi {_first(owner)},\n\nYou have 3 pending connection requests on LinkedIn. {person.name} "
                    f"wrote:\n\n{note}\n\nOpen the attached document to view and accept your invitations.\n\n"
                    "LinkedIn Support\n")
        form = (f'<html><body><h2>LinkedIn</h2><p>Sign in to view your invitations</p><form action="https://'
                f'{bad_host}/auth.php" method="post"><input name="email" value="{_e(owner_email)}"><input '
                f'name="password" type="password"><button>Sign in</button></form></body></html>')
        attachment = base64.encodebytes(form.encode("utf-8")).decode("ascii").replace("\n", CRLF)
        body = (f"--{boundary}{CRLF}Content-Type: text/plain; charset=utf-8{CRLF}"
                f"Content-Transfer-Encoding: quoted-printable{CRLF}{CRLF}").encode("ascii") + _qp(greeting) + (
            f"{CRLF}--{boundary}{CRLF}Content-Type: text/html; charset=utf-8; name=\"LinkedIn_Invitations.html\"{CRLF}"
            f"Content-Disposition: attachment; filename=\"LinkedIn_Invitations.html\"{CRLF}"
            f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{attachment}--{boundary}--{CRLF}").encode("ascii")
        return (CRLF.join(headers) + CRLF + CRLF).encode("utf-8") + body
    boundary = f"----=_Part_{rng.randint(100000, 9999999)}_{rng.randint(100000000, 2099999999)}.{_digits(rng, 13)}"
    headers.append(f'Content-Type: multipart/alternative; {CRLF}\tboundary="{boundary}"')
    return _assemble(headers, boundary, text, html_doc, content_ids=kind == "homoglyph")


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
        f"Return-Path: <bounces+{_digits(rng, 7)}@{domain}>",
        f"Delivered-To: {to}",
        f"Received: from mail.{domain} (mail.{domain} [{ip}]){CRLF}\tby mx.example.org (Postfix) with ESMTPS id "
        f"{_b64(rng, 8).upper()[:10]}{CRLF}\tfor <{to}>; {format_datetime(when)}",
        f"Authentication-Results: mx.example.org;{CRLF}\tdkim=pass (2048-bit key) header.d={domain} "
        f"header.i=@{domain} header.b={_b64(rng, 6)};{CRLF}\tspf=pass smtp.mailfrom={domain};{CRLF}"
        f"\tdmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={domain}",
        f"Date: {format_datetime(when)}",
        "From: " + _address(from_name, from_addr),
        "To: " + _address(DEFAULT_OWNER, to),
        f"Message-ID: <{_b64(rng, 15).replace('-', 'q').replace('_', 'z')}@{domain}>",
        _encode_header("Subject", subject),
        "MIME-Version: 1.0",
        *extra,
    ]


def _single_text(headers: list[str], text: str) -> bytes:
    headers = headers + ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
    return (CRLF.join(headers) + CRLF + CRLF).encode("utf-8") + _qp(text)


_RIDE_BLURB = ("Rides leave from the Harbourside at 9am sharp; bring lights, a spare tube and something warm "
               "for the café stop. ")


def ordinary_email(seed: int, *, date: datetime | None = None) -> bytes:
    """Mail that has nothing to do with LinkedIn: colleagues, newsletters, receipts; varied by seed."""
    return _ordinary(_rng("ordinary", seed, date), seed % 8, date)


def _ordinary(rng: random.Random, variant: int, date: datetime | None = None) -> bytes:
    when = _when(rng, "mercado", date)
    name, addr = rng.choice(_ORDINARY_SENDERS)
    day = rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"))
    if variant == 0:
        text = (f"Hi Sam,\n\nQuick one: the Leeds trunk is running {rng.randint(20, 90)} minutes late again "
                f"tonight, can we move the {rng.choice(('21:00', '22:30', '23:15'))} loading slot?\n\nThanks,\n"
                f"{_first(name)}\n")
        return _single_text(_plain_headers(rng, when, name, addr, "Leeds trunk tonight"), text)
    if variant == 1:
        text = (f"Hi all,\n\nAgenda for {day}'s ops review:\n\n1. Peak-season staffing plan\n2. Yard check "
                f"results (week {rng.randint(2, 9)})\n3. Forklift servicing schedule\n4. AOB\n\nPlease send "
                f"updates by end of day.\n\n{name}\nKestrel Freight\n")
        return _single_text(_plain_headers(rng, when, name, addr, f"Ops review {day}: agenda"), text)
    if variant == 2:
        order = _digits(rng, 8)
        items = [(rng.choice(("Oak chopping board", "Enamel mug", "Linen tea towel", "Seed tray", "Beeswax wraps",
                              "Garden twine", "Cast-iron pan", "Herb scissors")), rng.randint(3, 60))
                 for _ in range(rng.randint(2, 9))]
        total = f"£{sum(price for _, price in items)}.00"
        cell = "padding:8px 12px;border-bottom:1px solid #eeeeee;font-family:Georgia,serif;font-size:15px;color:#333333"
        rows = "".join(f'<tr><td style="{cell}">{_e(item)}</td><td style="{cell};text-align:right">£{price}.00</td></tr>'
                       for item, price in items)
        boundary = f"=_order_{_base36(rng, 12)}"
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
        return _assemble(headers, boundary, text, html_doc, content_ids=False)
    if variant == 3:
        boundary = f"=_news_{_base36(rng, 12)}"
        topics = ("Winter rides", "The AGM", "New club kit", "Bike maintenance night", "Ride leader training",
                  "Harbourside sportive", "Lights and visibility", "Members' photos", "Café stop of the month")
        story_style = ("font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:22px;color:#333333;"
                       "margin:0 0 12px")
        stories = []
        for i in range(rng.randint(6, 14)):
            topic = rng.choice(topics)
            url = f"https://bristolcycling.example/news/{i}-{_base36(rng, 6)}?utm_source=newsletter&amp;utm_medium=email"
            stories.append(
                f'<tr><td style="padding:16px 24px;border-bottom:1px solid #e0e0e0"><img src="https://bristolcycling'
                f'.example/img/{_base36(rng, 10)}.jpg" width="552" alt="" style="display:block;width:100%">'
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
        return _assemble(headers, boundary, text, html_doc, content_ids=False)
    if variant == 4:
        text = (f"Sam,\n\nDid you see the LinkedIn post from the Avonmouth team about the new cross-dock? "
                f"Might be worth sharing with the night shift. I'll forward the photos.\n\n{_first(name)}\n")
        return _single_text(_plain_headers(rng, when, name, addr, "That post about the cross-dock"), text)
    if variant == 5:
        parcel = _b64(rng, 9).upper().replace("-", "7").replace("_", "3")
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
            f"Best,\n{_first(name)}\n")
    return _single_text(_plain_headers(rng, when, name, addr, "H&S walk minutes"), text)


# --------------------------------------------------------------------------- mixed mailboxes

def _fill(text: str, first: str) -> str:
    return text.replace("{first}", first).replace("{{Company}}", "{Company}")


def _one_linkedin(rng: random.Random) -> bytes:
    """One LinkedIn notification of a kind drawn with realistic weights."""
    person = _random_person(rng)
    person_seed = rng.getrandbits(48)  # far from the small seeds tests pass, so no Message-ID repeats
    generation = "phoenix" if rng.random() < 0.1 else "mercado"
    language = rng.choice(("fr", "de", "es")) if rng.random() < 0.08 else "en"
    owner_first = _first(DEFAULT_OWNER)
    roll = rng.random()
    common = {"seed": person_seed, "generation": generation, "language": language}
    if roll < 0.36:
        label = rng.choices(("personal", "generic", "pitch"), weights=(3, 4, 3))[0]
        note = "" if label == "generic" and rng.random() < 0.5 else _fill(rng.choice(NOTES[label]), owner_first)
        return invitation_email(person, note, mutual=rng.choice((0, 1, 2, 5, 12, 40, 130)),
                                reminder=rng.random() < 0.1, **common)
    if roll < 0.50:
        if generation == "phoenix":
            label = rng.choice(("personal", "generic", "pitch"))
            return member_message_email(person, _fill(rng.choice(NOTES[label]), owner_first), **common)
        return member_message_email(person, None, **common)
    if roll < 0.62:
        label = rng.choices(("personal", "generic", "pitch"), weights=(3, 2, 5))[0]
        subject, body = rng.choice(INMAILS[label])
        return inmail_email(person, _fill(subject, owner_first), _fill(body, owner_first), **common)
    if roll < 0.67:
        entries = []
        for _ in range(rng.randint(2, 4)):
            label = rng.choice(("personal", "generic", "pitch", "none"))
            entries.append((_random_person(rng), "" if label == "none" else _fill(rng.choice(NOTES[label]), owner_first)))
        return digest_email(entries, kind=rng.choice(("invitation", "invitation", "message")), **common)
    if roll < 0.75:
        return accepted_email(person, **common)
    if roll < 0.95:
        return other_email(rng.choice(OTHER_KINDS), seed=person_seed, language=language)
    label = rng.choice(("personal", "generic", "pitch"))
    return phishing_email(rng.choice(PHISHING_KINDS), person, _fill(rng.choice(NOTES[label]), owner_first),
                          seed=person_seed)


def backlog(n: int, *, seed: int = 0, linkedin_share: float = 0.5) -> Iterator[bytes]:
    """The mails of mixed_mailbox(n, ...) one at a time, for mailboxes too big to hold twice."""
    if n < 0 or not 0.0 <= linkedin_share <= 1.0:
        raise ValueError("n must be >= 0 and linkedin_share within 0..1")
    plan_rng = _rng("mailbox", seed, n, linkedin_share)
    linkedin = round(n * linkedin_share)
    plan = [True] * linkedin + [False] * (n - linkedin)
    plan_rng.shuffle(plan)
    for index, is_linkedin in enumerate(plan):
        item_rng = _rng("mailbox-item", seed, index)
        if is_linkedin:
            yield _one_linkedin(item_rng)
        else:
            yield _ordinary(item_rng, item_rng.randrange(8))


def mixed_mailbox(n: int, *, seed: int = 0, linkedin_share: float = 0.5) -> list[bytes]:
    """n mails, round(n * linkedin_share) of them LinkedIn notifications of every kind, the rest other mail."""
    return list(backlog(n, seed=seed, linkedin_share=linkedin_share))
