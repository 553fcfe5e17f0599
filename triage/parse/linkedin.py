"""LinkedIn's template facts: its domains and links, the sentences it writes, the words on its buttons.

One place for what LinkedIn's notifications say in its own voice, in the
languages the mailbox owners read (en, fr, de, es, pt, it, nl, sv): the
parser reads a person's words as what is left when these are taken away, the
authenticity checks hold a mail against them, and the classifier's features
ask `is_default_note` and `has_no_note` (an invitation whose note is
LinkedIn's default sentence has nothing written for this recipient). Plain
`re` and the text normaliser only: importing it costs no scikit-learn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..text import TOKEN_RE, caseless, normalize, vocabulary

# ======================================================================= domains and links

LINKEDIN_DOMAIN = "linkedin.com"
# Hosts a genuine notification links to: LinkedIn, its image CDN, its shortener, the app stores.
LINK_ROOTS = ("linkedin.com", "licdn.com", "lnkd.in", "linkedin.cn")
LINK_HOSTS = ("apps.apple.com", "itunes.apple.com", "play.google.com")
# A line that is only a link to LinkedIn, its CDN or its shortener.
LINKEDIN_URL_RE = re.compile(r"^[(<]?https?://(?:[\w-]+\.)*(?:linkedin\.com|licdn\.com|lnkd\.in)(?:[/:?#]|$)", re.I)


def is_linkedin_domain(domain: str) -> bool:
    """linkedin.com itself or one of its subdomains, spelled in plain ASCII."""
    domain = domain.lower().rstrip(".")
    return domain == LINKEDIN_DOMAIN or domain.endswith("." + LINKEDIN_DOMAIN)


VIA_RE = re.compile(r"\s+(?:via|über|par l'intermédiaire de|por medio de|por meio de|tramite)\s+linkedin\s*$", re.I)


def sender_name_from_display(display: str) -> str:
    """The person's name in a From display name, without " via LinkedIn"; "" for LinkedIn's own senders."""
    name = VIA_RE.sub("", display).strip()
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
    if is_linkedin_domain(host) and path.startswith("/comm/"):
        path = path[len("/comm"):]
    if not parts.query or _only_tracking(parts.query):
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _TRACKING_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def _only_tracking(query: str) -> bool:
    """Whether every parameter of a query string is click tracking (LinkedIn's own links, nearly always)."""
    for pair in query.split("&"):
        key = pair.split("=", 1)[0]
        if not key:
            continue
        if "%" in key or "+" in key:
            return False  # an encoded name: left to parse_qsl
        if key.lower() not in _TRACKING_PARAMS:
            return False
    return True


_PROFILE_URL_RE = re.compile(
    r"^[(<]?https?://(?:[\w-]+\.)*linkedin\.com(?::\d+)?/(?:comm/)?(?:(?:in|pub)/[^/?#\s]+|profile/view)", re.I)


def is_profile_url(url: str) -> bool:
    """A link to a member's profile on linkedin.com (with or without LinkedIn's /comm/ click tracking)."""
    return bool(_PROFILE_URL_RE.match(url.strip()))


# ======================================================================= default notes
# The sentences LinkedIn fills in when the sender writes nothing of their own,
# in the languages the mailbox owners read, matched on the words of normalize(), joined by single spaces.
_DEFAULT_NOTES = [
    r"i(?:d| would) like to (?:join your linkedin network|add you to my professional network(?: on linkedin)?"
    r"|connect with you on linkedin)",
    r"me gustaria (?:anadirte|agregarte|anadirle|agregarle|anadirlo|agregarlo) a mi red profesional(?: (?:en|de) linkedin)?",
    r"me gustaria unirme a tu red(?: de linkedin)?",
    r"ich mochte (?:sie|dich) (?:gerne? )?(?:zu|in) meinem (?:beruflichen )?netzwerk (?:auf linkedin )?hinzufugen",
    r"ich mochte (?:gerne? )?teil (?:ihres|deines) (?:linkedin )?netzwerks? werden",
    r"ich wurde mich gerne? mit (?:ihnen|dir) (?:auf linkedin )?vernetzen",
    r"jaimerais (?:vous|t) inviter a rejoindre mon reseau professionnel(?: en ligne)?(?: sur (?:le site )?linkedin)?",
    r"je (?:souhaite|souhaiterais|voudrais) (?:faire partie de|rejoindre) (?:votre|ton) reseau(?: linkedin)?",
    r"jaimerais (?:faire partie de|rejoindre) (?:votre|ton) reseau(?: linkedin)?",
    r"gostaria de (?:adiciona l[oa]|te adicionar|adicionar voce) a minha rede profissional(?: no linkedin)?",
    r"gostaria de participar da sua rede(?: do linkedin)?",
    r"vorrei aggiungerti alla mia rete professionale(?: su linkedin)?",
    r"vorrei (?:entrare a )?far parte della tua rete(?: su linkedin)?",
    r"ik wil (?:je|u) graag toevoegen aan mijn (?:professionele )?netwerk(?: op linkedin)?",
    r"ik wil graag deel uitmaken van (?:je|uw) (?:linkedin )?netwerk(?: op linkedin)?",
    r"jag (?:vill|skulle vilja) (?:garna )?lagga till dig (?:i|till) mitt (?:professionella )?natverk(?: pa linkedin)?",
    r"jag vill garna ga med i ditt (?:linkedin natverk|natverk pa linkedin)",
]
DEFAULT_NOTE_RE = vocabulary(_DEFAULT_NOTES)
# What may surround a default sentence and still leave it a default: a greeting, a name, a sign-off.
_DEFAULT_SLACK_WORDS = 4
# Longer than any default sentence with its slack, however it is spaced: not a default.
_DEFAULT_MAX_CHARS = 400


def is_default_note(text: str) -> bool:
    """True for LinkedIn's own invitation sentence, possibly with a greeting or a name around it."""
    if len(text) > _DEFAULT_MAX_CHARS:
        return False
    return is_default_words(TOKEN_RE.findall(normalize(text)))


def is_default_words(words: Sequence[str]) -> bool:
    """is_default_note for text already split into normalize()d words (the features have them at hand)."""
    # A default sentence plus its slack is at most a few dozen words.
    if len(words) > 40:
        return False
    flat = " ".join(words)
    match = DEFAULT_NOTE_RE.search(flat)
    if match is None:
        return False
    rest = (flat[: match.start()] + " " + flat[match.end():]).split()
    return len(rest) <= _DEFAULT_SLACK_WORDS


def has_no_note(row: dict[str, Any]) -> bool:
    """An empty note or LinkedIn's default sentence: nothing was written for this recipient."""
    text = (row.get("text") or "").strip()
    return not text or is_default_note(text)


# ======================================================================= buttons, sentences, footers, subjects
# Written in caseless() form: lowercase, no accents.

BUTTON_LABELS = frozenset(caseless(x) for x in """
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
BUTTON_RE = re.compile(
    r"^(?:view|see) .{1,60}'s profile$|^voir le profil de .{1,60}$|^profil von .{1,60} anzeigen$"
    r"|^ver (?:el )?perfil de .{1,60}$|^visualizza il profilo di .{1,60}$|^reach out to .{1,40}$"
    # The 2010-12 invitation's buttons, which fakes still copy.
    r"|^(?:accept|view) invitation from .{1,60}$|^confirm that you know .{1,60}$")
# Several buttons on one line, as an HTML row of inline buttons reads ("Accept View profile").
BUTTON_ROW_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(label) for label in sorted(BUTTON_LABELS, key=len, reverse=True) if label)
    + r")\s*[·|•-]?\s*){2,}$")
BUTTON_FIRST_WORDS = frozenset(label.split()[0] for label in BUTTON_LABELS if label.strip())
FIRST_TOKEN_RE = re.compile(r"[^\s·|•-]+")
MESSAGE_BUTTONS = frozenset(caseless(x) for x in """view message|view messages|reply|view conversation|read message
|voir le message|repondre|voir la conversation|nachricht anzeigen|antworten|unterhaltung anzeigen|ver mensaje|responder
|ver conversacion|ver mensagem|ver conversa|visualizza messaggio|rispondi|bericht bekijken|beantwoorden
|visa meddelande|svara""".replace("\n", "").split("|"))
PROFILE_BUTTONS = frozenset(caseless(x) for x in """view profile|view profile here|voir le profil|profil anzeigen|ver perfil
|visualizza profilo|profiel bekijken|visa profil""".replace("\n", "").split("|"))
ACCEPT_BUTTONS = frozenset({"accept", "accepter", "annehmen", "aceptar", "aceitar", "accetta", "accepteren", "acceptera"})

LABEL_URL_RE = re.compile(r"^\s*([^:]{1,80}?)\s*:\s*<?(https?://\S+?)>?\s*$")
URL_LINE_RE = re.compile(r"^\s*[(<]?(https?://[^\s()<>]+)[)>]?\s*$")
SEPARATOR_RE = re.compile(r"^\s*(?:[.·•_=~*]{3,}|[-–—]{3,19}|[}{]|\.{3,})\s*$")
DASHES_RE = re.compile(r"^\s*[-–—─_=]{20,}\s*$")
NAME_HEADLINE_RE = re.compile(r"^(.{1,100}?)\s+\((.{1,300})\)$")
_MUTUAL_WORDS = (r"(?:mutual|shared) connections?|connections? in common|relations? en commun"
                 r"|gemeinsamer? (?:kontakte|kontakt|verbindungen?)|contactos? en comun|conexiones? en comun|conexoes em comum"
                 r"|conexao em comum|collegamenti in comune|collegamento in comune|gemeenschappelijke connecties?"
                 r"|gemensamma kontakter|gemensam kontakt")
MUTUAL_RE = re.compile(r"^(\d[\d.,' ]*)\+?\s+(?:" + _MUTUAL_WORDS + r")\.?$")
# The count as LinkedIn's web pages write it, naming one of them: "Denise Carter and 37 other mutual connections"
# (38 in all), "Denise Carter is a mutual connection", "Denise Carter and Tom Li are mutual connections".
MUTUAL_NAMED_RE = re.compile(
    r"^.{1,60}? (?:and|und|et|y|e|en|och) (?P<others>\d[\d.,' ]*)\+? (?:other|weitere|autres|otros|outras|altri|andere|andra)"
    r" (?:" + _MUTUAL_WORDS + r")\.?$"
    r"|^.{1,60}? is a (?P<one>mutual|shared) connection\.?$"
    r"|^.{1,60}? and .{1,60}? are (?P<two>mutual|shared) connections\.?$")
# A greeting line on its own: "Hi Sam," and, as Spanish and Portuguese letters write it, "Hola Sam:".
GREETING_RE = re.compile(
    r"^[¡¿]?(?:hi|hello|hey|dear|good (?:morning|afternoon)|bonjour|bonsoir|salut|cher|chere|madame|monsieur"
    r"|hallo|guten tag|liebe|lieber|sehr geehrte[rs]?|servus|moin"
    r"|hola|buenos dias|buenas(?: tardes)?|estimad[oa]s?|querid[oa]"
    r"|ola|oi|bom dia|boa tarde|prezad[oa]s?|car[oa]|ciao|buongiorno|gentile|hoi|beste|hej)\b[^.!?:]{0,40}[,:!]?$")
# A body line that says "this is an invitation" when the headers do not (fakes, in caseless() form).
INVITATION_SENTENCE_RE = re.compile(
    r"^.{2,60}? (?:wants to connect|would like to connect|invited you to connect)\b"
    r"|^(?:accept|view) invitation from |^confirm that you know ")
# A line that is only a date or a time, as a notification stamps a note or a message ("Mar 3, 2025",
# "3. März 2025, 10:12", "7 days ago", "il y a 2 jours"), in caseless() form.
_MONTHS = (r"(?:jan(?:uary|vier|uar|eiro)?|feb(?:ruary|ruar|rero)?|fev(?:rier|ereiro)?|mar(?:ch|s|z|zo|co)?"
           r"|apr(?:il)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|maggio|mei|jun(?:e|i|io|ho)?|juin|giugno"
           r"|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust|ustus)?|aout|ago(?:sto)?|sep(?:t|tember|tembre|tiembre)?"
           r"|set(?:embro|tembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|out(?:ubro)?|ott(?:obre)?"
           r"|nov(?:ember|embre|iembre|embro)?|dec(?:ember|embre)?|dez(?:ember|embro)?|dic(?:iembre|embre)?|gen(?:naio)?"
           r"|ene(?:ro)?|lug(?:lio)?|mag(?:gio)?|giu(?:gno)?)\.?")
_WEEKDAY = (r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|lundi|mardi|mercredi|jeudi|vendredi|samedi"
            r"|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miercoles|jueves"
            r"|viernes|sabado|domingo)\.?,?")
_CLOCK = r"(?:(?:at|um|a|a las|as|alle|om)\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?"
DATE_LINE_RE = re.compile(
    r"^(?:" + _WEEKDAY + r"\s+)?(?:"
    r"" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?" + _MONTHS + r"(?:\s+(?:de\s+)?\d{4})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|(?:today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|hoje|ontem|oggi|ieri|vandaag|gisteren)"
    r"|\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago"
    r"|vor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren|sekunde|minute|stunde|tag|woche|monat|jahr)"
    r"|il y a\s+\d+\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)"
    r"|hace\s+\d+\s+(?:segundos?|minutos?|horas?|dias?|semanas?|meses|mes|anos?)"
    r"|ha\s+\d+\s+(?:segundos?|minutos?|horas?|dias?|semanas?|meses|mes|anos?)"
    r"|" + _CLOCK + r")"
    r"(?:,?\s+" + _CLOCK + r")?\.?$")

# LinkedIn's own sentences around the card (reminders, accepted, digests).
BOILERPLATE_RE = re.compile(
    r"^(?:.{1,80} (?:is (?:still )?waiting for your response|invited you to connect(?: \d+ \w+ ago)?|would like to connect(?: with you)? on linkedin\.?(?: how would you like to respond\?)?"
    r"|wants to connect(?: with you)?|has accepted your invitation|accepted your invitation|sent you an invitation"
    r"|attend (?:votre|ta) reponse|souhaite (?:se connecter|rejoindre votre reseau)|a accepte votre invitation"
    r"|wartet (?:noch )?auf (?:ihre|deine) antwort|mochte sich mit (?:ihnen|dir) vernetzen|hat (?:ihre|deine) einladung angenommen"
    r"|(?:esta )?esperando tu respuesta|quiere conectar contigo|ha aceptado tu invitacion|acepto tu invitacion"
    r"|(?:esta )?aguardando (?:a )?sua resposta|quer se conectar(?: com voce)?|aceitou (?:o )?seu convite"
    r"|aspetta una tua risposta|vuole collegarsi|ha accettato il tuo invito|wacht op je antwoord|vantar pa ditt svar)"
    r"|.{1,60}, respond to .{1,60} invite(?: now)?|you have (?:an|a new|\d+ new|\d+ pending) (?:invitation|message|connection)s?"
    r"|see who reached out(?:, .{1,40})?"
    r"|vous avez (?:une|un|\d+) (?:nouvelles? |nouveaux? )?(?:invitations?|messages?)(?: nouveaux?| nouvelles?)?"
    r"|sie haben (?:eine|\d+) neue (?:einladung|einladungen|nachricht|nachrichten)"
    r"|tienes (?:una|un|\d+) (?:nueva |nuevo )?(?:invitacion|invitaciones|mensaje|mensajes)(?: nuevos?| nuevas?)?"
    r"|voce tem (?:um|uma|\d+) (?:nova |novo )?(?:convite|convites|mensagem|mensagens)(?: novas?| novos?)?"
    r"|hai (?:un|\d+) (?:nuovo |nuovi )?(?:invito|inviti|messaggio|messaggi)(?: nuovi)?"
    r"|reminder|rappel|erinnerung|recordatorio|lembrete|promemoria|invitation|einladung|invitacion|convite"
    r"|learn about a new opportunity|.{1,60}, thanks for connecting!.{0,80}|let's start a conversation"
    r"|more people you may know|people you may know|reach out to .{1,40})[.!?]*$")
FOOTER_RE = re.compile(
    r"^(?:this (?:e-?mail|message) was (?:intended|sent) (?:for|to)|cet (?:e-?mail|email) (?:etait|a ete) (?:destine|envoye)"
    r"|ce message (?:etait|a ete) (?:destine|envoye)|diese (?:e-mail|nachricht) (?:war|ist|wurde) (?:fur|an)"
    r"|este (?:correo electronico|correo|email|e-mail|mensaje) (?:iba|estaba|fue|se ha) (?:dirigido|destinado|enviado)"
    r"|este (?:correo electronico|correo|email|e-mail|mensaje) se envio a"
    r"|este (?:e-mail|email) (?:foi|era) (?:enviado|destinado)|questa (?:e-?mail) (?:era destinata|e stata inviata)"
    r"|deze e-?mail (?:is|was) (?:bestemd|bedoeld|verzonden)|det har e-postmeddelandet"
    r"|you are receiving|you're receiving|vous recevez|sie erhalten|estas recibiendo|recibes|voce esta recebendo"
    r"|voce recebe|stai ricevendo|ricevi|u ontvangt|du far"
    r"|learn why we included this|decouvrez pourquoi|erfahren sie, warum|descubre por que|saiba por que|scopri perche"
    r"|(?:unsubscribe|help|se desabonner|se desinscrire|aide|abbestellen|abmelden|hilfe|darse de baja|cancelar (?:la )?suscripcion"
    r"|ayuda|cancelar (?:a )?inscricao|descadastrar|ajuda|annulla iscrizione|aiuto|afmelden|avsluta prenumeration)"
    r"(?:\s*[:·|]|$)"
    r"|(?:©|\(c\)|copyright)\s*\d{4}\s*linkedin|linkedin (?:corporation|ireland)|linkedin and the linkedin logo)")
INTENDED_RE = re.compile(
    r"(?:This (?:e-?mail|message) was (?:intended|sent) (?:for|to)"
    r"|(?:Cet|Ce) (?:e-?mail|email|message) (?:était|etait|a été|a ete) (?:destiné|destine|envoyé|envoye) à"
    r"|Diese (?:E-Mail|Nachricht) (?:war|ist|wurde) (?:für|fur|an)"
    r"|Este (?:correo electrónico|correo|email|e-mail|mensaje) (?:(?:iba|estaba|fue|se ha) (?:dirigido|destinado|enviado)"
    r"|se envió|se envio) a"
    r"|Este (?:e-mail|email) (?:foi|era) (?:enviado|destinado) (?:para|a)"
    r"|Questa (?:email|e-mail) (?:era destinata|è stata inviata) a"
    r"|Deze e-?mail (?:is|was) (?:bestemd|bedoeld|verzonden) (?:voor|aan)"
    r"|Det här e-postmeddelandet var avsett för)"
    r"[ \t]*(?P<name>[^()\n]*?)[ \t]*(?:\(|\bbestimmt\b|\bgesendet\b|\.?[ \t]*$)",
    re.I | re.M)

# Subjects, in caseless() form. Each kind's patterns in en, fr, de, es, pt, it, nl, sv.
SUBJECT_ACCEPTED = re.compile(
    r"accepted your invitation|start a conversation with your new connection|a accepte votre invitation"
    r"|a accepte ton invitation|hat (?:ihre|deine) einladung angenommen|ha aceptado tu invitacion|acepto tu invitacion"
    r"|aceitou (?:o )?seu convite|ha accettato il tuo invito|heeft je uitnodiging geaccepteerd|har accepterat din inbjudan")
SUBJECT_INVITE_DIGEST = re.compile(
    r"you have \d+ new invitations?|vous avez \d+ (?:nouvelles? )?invitations?|sie haben \d+ neue einladung"
    r"|tienes \d+ invitaciones? nuevas?|tienes \d+ nuevas? invitaciones?|voce tem \d+ novos? convites?"
    r"|hai \d+ nuovi inviti|je hebt \d+ nieuwe uitnodigingen|du har \d+ nya inbjudningar")
SUBJECT_REMINDER = re.compile(
    r"waiting for your response|reminder|rappel|attend (?:votre|ta) reponse|erinnerung|wartet (?:noch )?auf (?:ihre|deine) antwort"
    r"|recordatorio|esperando tu respuesta|lembrete|aguardando (?:a )?sua resposta|promemoria|aspetta una tua risposta"
    r"|herinnering|wacht op je antwoord|paminnelse|vantar pa ditt svar")
SUBJECT_INVITATION = re.compile(
    r"add me to your linkedin network|i want to connect|i(?:'d| would) like to connect|wants to connect|invitation to connect"
    r"|join my (?:linkedin )?network|connection request|new invitation|pending (?:connection|invitation)"
    r"|je souhaite (?:me connecter|rejoindre votre reseau|vous ajouter)|souhaite se connecter|invitation a se connecter"
    r"|ich mochte mich (?:mit (?:ihnen|dir) )?vernetzen|mochte sich mit (?:ihnen|dir) vernetzen|kontaktanfrage|einladung zum vernetzen"
    r"|quiero conectar|quiere conectar|invitacion para conectar|quero me conectar|quero conectar|quer se conectar"
    r"|convite para (?:se )?conectar|voglio collegarmi|vuole collegarsi|ik wil (?:met je )?(?:connectie maken|connecten)"
    r"|jag vill (?:ansluta|kontakta|knyta kontakt)")
SUBJECT_MESSAGE = re.compile(
    r"just messaged you|sent you (?:a )?(?:new )?messages?|sent new messages|new messages? from|\d+ new messages"
    r"|vous a envoye un message|vient de vous envoyer un message|ont envoye de nouveaux messages|nouveaux messages"
    r"|hat ihnen (?:gerade )?eine nachricht gesendet|hat dir (?:gerade )?eine nachricht gesendet|neue nachrichten"
    r"|te (?:ha )?envi(?:o|ado) un mensaje|acaba de enviarte un mensaje|mensajes nuevos|nuevos mensajes"
    r"|acabou de (?:lhe )?enviar uma mensagem|enviou uma mensagem|novas mensagens"
    r"|ti ha (?:appena )?inviato un messaggio|nuovi messaggi|heeft je een bericht gestuurd|har skickat ett meddelande")
FORWARD_RE = re.compile(r"^\s*(?:fwd?|fw|tr|wg|rv|enc|i|vs|doorst)\s*:", re.I)
REPLY_RE = re.compile(r"^\s*(?:re|aw|antw|sv|r|rif)\s*:", re.I)
NAME_IN_SUBJECT = (
    # "From Sarah Whitmore" opens the card of the 2010-12 invitation, which fakes still copy.
    re.compile(r"^(?:invitation from|einladung von|invitacion de|convite de|invitation de|from)\s+(.{2,60}?)\s*$", re.I),
    re.compile(r"^(?:reminder:\s*)?(.{2,60}?)\s+invited you to connect", re.I),
    re.compile(r"^(.{2,60}?)\s+(?:wants to connect|is waiting for your response|would like to connect|just messaged you"
               r"|sent you a message|accepted your invitation)", re.I),
    re.compile(r"^confirm that you know\s+(.{2,60}?)\s*$", re.I),
)
