"""What the classifier sees: the text it reads and the hand-made features that carry the labeling guide's logic.

The guide is docs/labeling-guide.md. Every function here maps a list of row
dicts (see `classify.item_record`) to one column block, so the fitted Pipeline
holds them and training and prediction can never compute features differently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..parse.linkedin import is_default_words
from ..text import TOKEN_RE, WORD_START, normalize, vocabulary

URL_RE = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|io|co|net|org|ly|me|app|ai|link|page)/\S*", re.I)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")


def _may_hold_url(text: str) -> bool:
    # Every URL_RE branch needs a "/" or a "www.": a substring test spares most notes the regex scan.
    return "/" in text or "www." in text.lower()


def count_urls(text: str) -> int:
    return len(URL_RE.findall(text)) if _may_hold_url(text) else 0


def count_emails(text: str) -> int:
    return len(EMAIL_RE.findall(text)) if "@" in text else 0


# ------------------------------------------------------------- vocabularies
# Each list is matched on normalize(text) with word boundaries. They cover
# en/es/de/fr/pt/it/nl/sv at the level of the common phrasings; the n-gram
# TF-IDF learns the rest from the corpus.



_CALL_TO_ACTION = (
    # en
    r"\d+[ -]?min(?:ute)?s?\b", r"quick (?:call|chat|intro)", r"short (?:call|chat)", r"hop on a call", r"jump on a call",
    r"book (?:a|your|some|time)", r"schedule (?:a|some|time)", r"calendly", r"demo\b", r"free (?:trial|audit|consultation)",
    r"sign up", r"register", r"subscribe", r"rate (?:and|&) review", r"leave a review", r"(?:are|would) you (?:be )?open to",
    r"worth a (?:chat|call|conversation)", r"dm me", r"click", r"link below", r"check (?:it )?out", r"grab (?:a|your) (?:spot|seat)",
    r"let me know if (?:you(?:re| are)|this) (?:interested|relevant)", r"interested\?", r"does \w+day work",
    r"send (?:me )?your (?:cv|resume)", r"reply (?:yes|with)", r"(?:vote|votes) for",
    # es
    r"agendar", r"agendamos", r"llamada (?:rapida|corta)", r"reunion de \d+", r"te interesa", r"inscribete", r"registrate",
    r"suscribete", r"reserva",
    # de
    r"kurzes? (?:gesprach|telefonat|call)", r"termin\b", r"terminvorschlag", r"melden sie sich an", r"jetzt anmelden", r"kostenlose?[sn]? (?:demo|erstgesprach|analyse)",
    r"hatten sie (?:kurz )?zeit", r"interesse\?",
    # fr
    r"appel (?:rapide|de \d+)", r"echange de \d+", r"prendre rendez[ -]vous", r"inscrivez[ -]vous", r"abonnez[ -]vous",
    r"seriez[ -]vous (?:ouvert|disponible|interesse)",
    # pt
    r"agendar uma", r"chamada rapida", r"inscreva[ -]se", r"tem interesse", r"podemos marcar",
    # it
    r"prenota", r"chiamata (?:veloce|breve|di \d+)", r"iscriviti", r"sei interessat",
    # nl
    r"kort (?:gesprek|belletje)", r"plan (?:een|hier)", r"schrijf je in", r"interesse\?",
    # sv
    r"kort (?:samtal|mote)", r"boka", r"anmal dig", r"intresserad\?",
    # a demo or a sales meeting, any language
    r"vorfuhrtermin", r"videochiamata", r"call di \d+", r"zoom[ -]?call", r"une demo", r"(?:presentacion|reunion) con tu",
    r"(?:sesion|sessao|sessione|session) (?:diagnostica|estrategica|strategica|strategique|gratuita|gratuite|gratis)",
)
CALL_TO_ACTION = vocabulary(_CALL_TO_ACTION)

_COMMERCIAL = (
    # en
    r"agency", r"services?\b", r"solutions?\b", r"leads?\b", r"lead gen", r"sales pipeline", r"seo\b", r"outsourc", r"offshore",
    r"white[ -]label", r"dev(?:elopment)? (?:shop|team|partner)", r"roi\b", r"pricing", r"prices?\b", r"discount", r"offer",
    r"quote\b", r"webinar", r"masterclass", r"(?:online|my|our|new) course", r"coaching program", r"package", r"sponsor", r"fee\b", r"commission",
    r"clients?\b", r"customers?\b", r"revenue", r"sales\b", r"scale your", r"grow your (?:business|revenue|team|sales)",
    r"crypto", r"bitcoin", r"forex", r"passive income", r"invest(?:ors?|ing|ment|ments)?\b", r"funding round",
    r"partnership", r"partner(?:ing)? with", r"referrals?",
    r"testimonial", r"introductions? to", r"buyers", r"our (?:platform|product|tool|software|app|company|team|agency|firm|clients)",
    r"we (?:help|offer|provide|build|specialize|specialise|work with)", r"my (?:agency|company|firm|startup|team) (?:helps|offers|builds)",
    r"opportunity", r"(?:open )?(?:roles?|positions?|vacanc\w+)\b", r"candidates?", r"hiring",
    # es
    r"agencia", r"servicios?", r"soluciones", r"clientes", r"precios?", r"descuento", r"oferta", r"ventas", r"inversion",
    r"ayudamos a", r"nuestra (?:empresa|plataforma|agencia)", r"oportunidad",
    # de
    r"agentur", r"dienstleistung", r"losung", r"kunden", r"preis", r"rabatt", r"angebot", r"vertrieb", r"umsatz",
    r"wir helfen", r"unsere? (?:firma|plattform|agentur|losung)", r"investition",
    # fr
    r"agence", r"prestations?", r"solutions?", r"clients", r"tarifs?", r"remise", r"offre", r"chiffre daffaires",
    r"nous aidons", r"notre (?:entreprise|plateforme|agence|solution)", r"investissement", r"opportunite",
    # pt
    r"agencia", r"servicos?", r"solucoes", r"clientes", r"precos?", r"desconto", r"oferta", r"vendas", r"investimento",
    r"ajudamos", r"nossa (?:empresa|plataforma|agencia)", r"oportunidade",
    # free of charge, fees, trials: the vocabulary of an offer, any language
    r"gratis\b", r"gratuit[eoa]?s?\b", r"kostenlos", r"unverbindlich", r"sin costo", r"sem custo", r"senza costi",
    r"contributo (?:editoriale|di)", r"unkostenbeitrag", r"teilnahmegebuhr", r"participation (?:de|seleve)", r"cuota de",
    r"taxa de", r"free (?:product|samples?|session|shipping)", r"(?:\d+|thirty|30)[ -]day (?:trial|free)",
    r"(?:\d+) (?:tage|dias|giorni|jours) (?:kostenlos|gratis|gratuit)",
    # it
    r"agenzia", r"servizi", r"soluzion[ei]", r"clienti", r"prezz[oi]", r"sconto", r"offerta", r"vendite", r"investimento",
    r"aiutiamo", r"la nostra (?:azienda|piattaforma|agenzia)", r"opportunita",
    # nl
    r"bureau", r"diensten", r"oplossing", r"klanten", r"prijs", r"korting", r"aanbod", r"omzet", r"wij helpen",
    r"ons (?:bedrijf|platform|bureau)", r"investering", r"kans\b",
    # sv
    r"byra", r"tjanster", r"losning", r"kunder", r"pris\b", r"rabatt", r"erbjudande", r"forsaljning", r"vi hjalper",
    r"vart (?:foretag|team)", r"var (?:plattform|byra)", r"investering", r"mojlighet",
)
COMMERCIAL = vocabulary(_COMMERCIAL)

_SHARED_CONTEXT = (
    # en
    r"we met", r"(?:meeting|met|meet) you", r"nice to meet", r"great (?:meeting|chatting|talking)", r"worked (?:together|with you)",
    r"work(?:ed)? together", r"at the (?:conference|meetup|event|summit|workshop|breakfast|dinner|lunch|panel|offsite|reunion|party|talk)",
    r"yesterday", r"last (?:week|month|night|year|time)", r"this morning", r"earlier today", r"tonight",
    r"your (?:talk|post|article|paper|comment|book|project|repo|presentation|session|keynote|thread|newsletter|piece|essay|question)",
    r"same (?:team|company|school|class|building|city|office|floor)", r"alumni", r"alumnus", r"classmate", r"former colleague",
    r"colleague", r"mutual friend", r"introduced (?:me|us)", r"suggested (?:i|we) (?:reach out|connect)", r"we spoke", r"we talked",
    r"our (?:call|chat|conversation|meeting|project|time at|days at)", r"as promised", r"after all these", r"sat next to",
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    # es
    r"nos conocimos", r"conocerte", r"trabajamos juntos", r"ayer", r"la semana pasada", r"tu (?:charla|articulo|post|ponencia)",
    r"companer[oa]", r"coincidimos",
    # de
    r"getroffen", r"kennengelernt", r"zusammengearbeitet", r"gestern", r"letzte[nr]? woche", r"dein(?:en|em)? (?:vortrag|beitrag|artikel)",
    r"ihr(?:en|em)? (?:vortrag|beitrag|artikel)", r"kolleg",
    # fr
    r"rencontre", r"travaille ensemble", r"hier (?:soir|matin|apres)", r"la semaine derniere", r"(?:ta|votre) (?:conference|presentation|intervention)",
    r"(?:ton|votre) (?:article|post)", r"collegue",
    # pt
    r"nos conhecemos", r"conhecer voce", r"trabalhamos juntos", r"ontem", r"semana passada", r"sua (?:palestra|apresentacao)",
    r"colega",
    # it
    r"ci siamo conosciuti", r"conoscerti", r"lavorato insieme", r"ieri", r"la settimana scorsa", r"il tuo (?:intervento|articolo|post)",
    r"collega",
    # nl
    r"ontmoet", r"samengewerkt", r"gisteren", r"vorige week", r"je (?:praatje|presentatie|artikel|post)", r"collega",
    # sv
    r"traffades", r"jobbade tillsammans", r"arbetade tillsammans", r"igar", r"forra veckan", r"din (?:presentation|artikel)", r"kollega",
)
SHARED_CONTEXT = vocabulary(_SHARED_CONTEXT)

_GENERIC_TEMPLATE = (
    r"great to connect", r"(?:love|enjoy) connecting", r"(?:expand|grow|build|broaden) (?:my|our) (?:professional )?network",
    r"grow together", r"like[ -]minded", r"impressed (?:by|with) your (?:profile|background|experience)", r"your (?:impressive )?profile",
    r"fellow professionals?", r"always (?:looking|happy|keen) to connect", r"hearing (?:their|your) stor", r"mutually beneficial",
    r"would love to connect", r"lets connect", r"(?:happy|glad|pleased) to connect", r"look(?:ing)? forward to connecting",
    r"stay in touch", r"add you to my network", r"in the same (?:industry|field|space)", r"(?:similar|shared) interests",
    r"red profesional", r"ampliar mi red", r"netzwerk erweitern", r"gerne vernetzen", r"elargir mon reseau", r"ampliar minha rede",
    r"ampliare la mia rete", r"mijn netwerk uitbreiden", r"utoka mitt natverk",
    # "let's connect", "your profile", "thanks for connecting", season's greetings: written to anyone
    r"conectemos", r"conectarnos", r"(?:ampliar|agrandar|crecer) (?:mi|la) red", r"tenerte en mi red", r"(?:tu|su) perfil",
    r"gracias por (?:conectar|aceptar)", r"feliz (?:ano nuevo|navidad)",
    r"(?:lass uns|gerne?) (?:uns )?vernetzen", r"vernetze mich", r"vernetzung", r"(?:dein|ihr) profil",
    r"danke (?:fur|furs) (?:die |das )?(?:vernetzen|vernetzung|annehmen)", r"frohe weihnachten", r"frohes neues",
    r"connectons", r"(?:votre|ton) profil", r"merci pour (?:la connexion|lajout)", r"bonne annee", r"joyeux noel",
    r"(?:seu|teu) perfil", r"obrigad[oa] (?:por|pela) (?:conexao|aceitar|conectar)", r"feliz (?:ano novo|natal)",
    r"colleghiamoci", r"connettiamoci", r"(?:allargando|ampliando) la (?:mia )?rete", r"far parte della (?:sua|tua) rete",
    r"(?:il suo|il tuo) profilo", r"ai miei contatti", r"grazie per (?:aver accettato|il collegamento)", r"buon (?:anno|natale)",
    r"laten we connecten", r"(?:je|uw) profiel", r"bedankt voor (?:het connecten|de connectie)", r"gelukkig nieuwjaar",
    r"lat oss (?:connecta|knyta kontakt)", r"din profil", r"tack for (?:kontakten|att du accepterade)", r"gott nytt ar",
    r"thanks for (?:connecting|the connection|accepting)", r"congrat(?:s|ulations) on (?:the|your) new (?:position|role|job)",
    r"happy (?:new year|holidays)", r"merry christmas",
)
GENERIC_TEMPLATE = vocabulary(_GENERIC_TEMPLATE)

_FOLLOW_UP = (
    r"follow(?:ing)?[ -]up", r"circl(?:e|ing) back", r"checking in", r"bump(?:ing)?\b", r"any update", r"did you (?:see|get|have a chance)",
    r"my (?:last|previous) (?:message|note|email)", r"hear back", r"seguimiento", r"nachfassen", r"meine letzte nachricht",
    r"je reviens vers", r"relance", r"acompanhamento", r"ti ricontatto", r"nog even", r"aterkommer",
)
FOLLOW_UP = vocabulary(_FOLLOW_UP)

_RELATIONAL_ASK = (
    r"coffee", r"(?:a|two|couple of|few) questions? about", r"pick your brain", r"advice", r"referee", r"reference (?:for|letter)",
    r"mentor", r"cafe\b", r"kaffee", r"fika", r"koffie", r"un cafe", r"consejo", r"conseil", r"conselho", r"consiglio", r"rat\b",
)
RELATIONAL_ASK = vocabulary(_RELATIONAL_ASK)

# Asks that benefit the sender's business, dressed as a favour: refer me, review
# my book, vote for us, put a word in with your buyer, "side income". The guide
# calls these pitches however warm the opening is.
_PROMOTION_ASK = (
    # en
    r"intro(?:duce)? me to", r"introduction to your", r"pass (?:on )?my name", r"put (?:in )?a (?:good )?word", r"think of (?:me|us)",
    r"referral fee", r"refer (?:them|clients|people|anyone|your)", r"if you know (?:any|anyone|someone)", r"(?:leave|write) (?:a|an) (?:review|rating)",
    r"review on", r"vote for", r"voting closes", r"(?:share|repost) (?:it|this|my)", r"buy (?:a|my|the) (?:copy|book)", r"pre[ -]?order",
    r"side (?:income|hustle|business)", r"extra income", r"own income", r"changed (?:my life|everything)", r"open[ -]minded",
    r"quot(?:e|ation)\b", r"brochure", r"catalog(?:ue)?", r"price list", r"registration fee", r"(?:speaker|exhibitor|sponsor) (?:package|fee|slot)",
    r"listed with", r"stock (?:our|the new)", r"listing (?:the|our)", r"who handles your", r"what (?:do you|does your team) use for",
    # es
    r"presentarme a", r"me (?:derivas|recomiendas)", r"(?:deja|dejar|dejes) una rese[nñ]a", r"rese[nñ]a en", r"nos votas", r"vot(?:a|ad)nos",
    r"ingresos extra", r"cuota de", r"presupuesto", r"cat[aá]logo",
    # de
    r"(?:stell|empfiehl|empfehlen) (?:mich|uns)", r"rezension", r"bewertung", r"stimme fur", r"nebeneinkommen", r"angebot schicken", r"katalog",
    # fr
    r"me presenter a", r"pensiez a nous", r"pensez a (?:moi|nous)", r"(?:laisser|laissez) un avis", r"un avis sur", r"votez pour", r"revenu d.?appoint",
    r"devis", r"forfait", r"tarif preferentiel",
    # pt
    r"me apresentar", r"indica(?:r)? (?:o meu|meu|a minha)", r"(?:deixar|deixe) uma avalia", r"avaliacao", r"vota(?:r)? em", r"renda extra",
    r"orcamento", r"consorcio",
    # it
    r"presentarmi", r"passargli il mio nome", r"recensione", r"votarci", r"entrata extra", r"preventivo", r"listino",
    # nl
    r"(?:tip|noem) (?:mij|ons)", r"review (?:achterlaten|schrijven)", r"stem op", r"eigen inkomen", r"offerte",
    # sv
    r"tipsa (?:garna )?om (?:mig|oss)", r"recension", r"rosta pa", r"extra inkomst", r"kampanjpris", r"offert",
    # send me your buyers, connect me with whoever handles it, share my page
    r"send (?:me )?your (?:buyers|clients|customers|referrals|leads)", r"send (?:\w+ )?(?:buyers |clients )?my way",
    r"connect me with (?:the right|whoever|your)", r"(?:whoever|the person who) handles",
    r"(?:partager|condividere|compartir|teilen|compartilhar|dela) (?:ma|la mia|mi|meine|minha|min) (?:page|pagina|seite|sida)",
    r"(?:zweites|eigenes) einkommen", r"work from home", r"(?:lavorare|trabajar|trabalhar) (?:da|desde|de) casa",
    # votes and star ratings, any language
    r"votando", r"votar\b", r"(?:tuo|suo) voto", r"(?:deine|ihre) stimme", r"\d ?(?:stars?|estrellas|stelle|etoiles|sterne|estrelas|sterren|stjarnor)\b",
    r"review (?:op|in de|on the)",
    # an introduction to whoever buys, a finder's fee, backing a campaign, a deck for a round
    r"(?:whoever|the person who) (?:buys|purchases|signs off)", r"procurement", r"buying team", r"finders? fee",
    r"(?:back|backing) (?:it|us|me|my|our) on", r"kickstarter", r"crowdfunding", r"indiegogo", r"(?:send|share) (?:you )?(?:the|our|my) (?:pitch )?deck",
    r"(?:raising|raise) (?:a|our|my) (?:seed|pre-seed|series)",
)
PROMOTION_ASK = vocabulary(_PROMOTION_ASK)

# The sender introducing a business of their own: the usual second half of a
# warm opening that turns into a pitch.
_OWN_BUSINESS = (
    r"i (?:run|own|founded|started|launched|lead) (?:a|an|the|my)", r"i(?:m| am) now (?:running|working|doing|with|at)",
    r"(?:just )?launched my", r"my (?:agency|company|consultancy|business|firm|startup|book|novel|podcast|brand|app|course|platform)",
    r"our (?:agency|consultancy|firm|startup|platform|product|software|service|team builds|company)",
    r"mi (?:empresa|libro|consultora|agencia|novela)", r"nuestro (?:software|producto|servicio)",
    r"mein(?:e)? (?:firma|buch|agentur|beratung|startup)", r"unser(?:e)? (?:software|produkt|agentur|firma)",
    r"(?:mon|ma) (?:entreprise|livre|agence|cabinet|societe|start-up|marque)", r"je lance", r"notre (?:logiciel|produit|offre|cabinet)",
    r"(?:o )?meu (?:livro|negocio|consultorio)", r"minha (?:empresa|agencia|consultoria)", r"nosso (?:software|produto)",
    r"il mio (?:libro|studio di|podcast)", r"la mia (?:azienda|agenzia)", r"(?:noi )?realizziamo", r"siamo un.?azienda",
    r"mijn (?:bedrijf|boek|bureau)", r"ons (?:product|platform)", r"mitt (?:foretag|bolag)", r"min (?:bok|byra)",
)
OWN_BUSINESS = vocabulary(_OWN_BUSINESS)

_FORM_QUESTION = (
    r"if you could change one thing", r"(?:what is|whats) (?:your|the) (?:biggest|main|number one|#1) (?:challenge|goal|priority)",
    r"what would it be", r"what keeps you up at night", r"one piece of advice",
    # the same question put to every new contact
    r"(?:i )?ask(?:ing)? (?:everyone|all my|every new|each new)", r"same question", r"misma pregunta", r"meme question",
    r"mesma pergunta", r"stessa domanda", r"dezelfde vraag", r"samma fraga", r"(?:gleiche|dieselbe|selbe) frage",
    r"allen neuen kontakten", r"chaque nouveau contact", r"a todas as pessoas", r"a todos mis (?:nuevos )?contactos",
    r"alla nya kontakter", r"iedereen in mijn netwerk", r"(?:si|se) (?:pudieras|pudiera|pudesse|potessi|potesse) (?:cambiar|mudar|cambiare)",
    r"si vous pouviez changer", r"wenn (?:du|sie) (?:eine sache|etwas) andern", r"als je (?:een|1) ding", r"om du kunde andra",
)
FORM_QUESTION = vocabulary(_FORM_QUESTION)


# The turn from a warm opening to the sender's own business ("by the way, my
# team...", "that's why I started...", "I now represent..."): the hinge of a
# pitch dressed as a personal note.
_SELLER_TURN = (
    # en
    r"by the way", r"speaking of", r"thats (?:actually |exactly )?why (?:i|we) (?:started|built|founded|launched|created)",
    r"which is (?:exactly )?why (?:i|we)", r"i now (?:represent|run|work (?:for|with)|sell|lead|head)",
    r"im now (?:with|at|running|working|selling|representing|heading|leading)",
    r"i(?:ve| have) (?:just |recently )?(?:started|launched|founded|joined|set up)", r"i recently (?:started|launched|joined|founded)",
    r"on behalf of", r"i represent", r"we(?:re| are) (?:launching|building|opening|rolling out|offering)",
    r"(?:in|since) my new (?:role|position|job)", r"my new (?:company|venture|business|startup|programme|program|course|product)",
    r"(?:these days|nowadays) i (?:help|work|run|sell)",
    # es
    r"por cierto", r"ahora (?:trabajo|estoy trabajando|represento|vendo|colaboro)", r"estamos (?:lanzando|abriendo)",
    r"acabo de (?:lanzar|abrir|fundar)", r"lance (?:mi|una|un)", r"en mi nuevo (?:rol|puesto|trabajo)",
    # pt
    r"agora (?:to|estou|trabalho|represento|vendo) (?:trabalhando )?(?:com|na|no|numa|num)", r"lancei (?:o|a|um|uma|meu|minha)",
    r"acabei de (?:lancar|abrir|fundar)", r"estamos (?:lancando|abrindo)", r"a proposito",
    # de
    r"ubrigens", r"ich (?:vertreib|vertreibe|vertrete|verkaufe|arbeite) (?:jetzt|nun|seit kurzem)",
    r"ich (?:habe|hab) mich (?:\w+ ){0,3}selbststandig gemacht", r"wir (?:launchen|starten|bringen|eroffnen)",
    r"in meiner neuen (?:rolle|position)", r"mein neues (?:unternehmen|startup|programm|angebot)",
    # fr
    r"dailleurs", r"au passage", r"je (?:represente|travaille desormais|travaille maintenant)", r"nous lancons",
    r"je me suis lance", r"(?:jai|je viens de) (?:lance|creer|cree|fonde|ouvrir|ouvert)",
    # it
    r"ora (?:lavoro|collaboro|rappresento|vendo)", r"(?:da (?:un|qualche) \w+ )?collaboro con",
    r"ho (?:appena )?(?:lanciato|aperto|fondato)", r"stiamo (?:lanciando|aprendo)",
    # nl
    r"trouwens", r"ik werk (?:nu|tegenwoordig) (?:bij|voor)", r"ik vertegenwoordig", r"we lanceren",
    r"ik ben (?:net |onlangs )?(?:gestart|begonnen) met",
    # sv
    r"forresten", r"jag (?:jobbar|arbetar) (?:nu|numera) (?:pa|med|for)", r"jag representerar", r"vi lanserar",
    r"jag har (?:precis |nyligen )?(?:startat|lanserat|grundat)",
)
SELLER_TURN = vocabulary(_SELLER_TURN)

# What a pitch hands over or asks the reader to try: a demo, a trial, samples,
# a pilot, a "design partner" place, early access, a free guide behind a link,
# a paid workshop, places that are running out.
_OFFER = (
    # en
    r"walk ?through", r"(?:free |product )?samples?\b", r"pilot\b", r"design partners?", r"early access", r"beta (?:testers?|access|program)",
    r"waitlist", r"wait list",
    r"free (?:guide|ebook|e-book|template|checklist|report|resource|playbook|download|workshop|masterclass|copy|toolkit|assessment|seat|spot)",
    r"(?:download|grab|get) (?:the|your|my|our) (?:free )?(?:guide|ebook|e-book|copy|template|checklist|report|playbook)",
    r"paid (?:workshop|programme|program|course|cohort|feature|placement)", r"retainer", r"(?:spots|seats|places) (?:left|available|open)",
    r"limited (?:spots|seats|places|offer|time)", r"portfolio", r"show you (?:how|what|our|a)", r"drop by (?:for|with)",
    r"try (?:it|our|the) ", r"test drive", r"(?:discount|promo|coupon) code", r"(?:special|introductory|launch|founding) (?:price|rate|offer|member)",
    r"early[ -]bird",
    # es
    r"muestras?\b", r"prueba (?:gratuita|gratis|piloto)", r"piloto\b", r"acceso anticipado", r"guia gratuita", r"taller (?:de pago|pagado)",
    r"plazas (?:limitadas|disponibles)", r"precio (?:especial|de lanzamiento)",
    # pt
    r"amostras?\b", r"teste (?:gratis|gratuito)", r"acesso antecipado", r"guia gratuito", r"vagas (?:limitadas|abertas)",
    r"e-?book gratuito", r"preco (?:especial|de lancamento)",
    # de
    r"muster\b", r"probepaket", r"testphase", r"pilotprojekt", r"pilotkunden", r"fruhe[nr]? zugang", r"kostenlose[nr]? (?:leitfaden|ratgeber|guide|workshop)",
    r"platze (?:frei|verfugbar)", r"vorfuhrung", r"jubilaumspreis", r"sonderpreis", r"einfuhrungspreis", r"(?:mein|unser) portfolio",
    # fr
    r"echantillons?", r"essai gratuit", r"projet pilote", r"acces anticipe", r"guide gratuit", r"atelier payant",
    r"places (?:limitees|disponibles)", r"prix (?:special|de lancement)", r"demonstration",
    # it
    r"campioni", r"prova gratuita", r"progetto pilota", r"accesso anticipato", r"guida gratuita", r"posti (?:limitati|liberi|disponibili)",
    r"prezzo (?:speciale|di lancio|lancio)", r"dimostrazione",
    # nl
    r"monsters?\b", r"proefperiode", r"gratis (?:proef|gids|e-?book|workshop)", r"pilotproject", r"plekken (?:vrij|beschikbaar)",
    r"introductieprijs", r"demonstratie",
    # sv
    r"prover\b", r"provperiod", r"gratis (?:guide|e-?bok|workshop)", r"tidig tillgang", r"platser kvar", r"introduktionspris",
)
OFFER = vocabulary(_OFFER)

# Praise that opens a note: on its own it says nothing (flattery is generic),
# before an ask it is the warm-up of a pitch.
_COMPLIMENT = (
    r"lov(?:ed|e) your", r"great (?:post|article|talk|piece|thread|work|job)", r"congrat", r"well done", r"amazing (?:work|post|job)",
    r"inspir", r"impressive", r"brilliant", r"felicidades", r"felicitaciones", r"enhorabuena", r"parabens", r"gratulier",
    r"gluckwunsch", r"bravo", r"felicitations", r"complimenti", r"gefeliciteerd", r"grattis", r"me encanto", r"adorei", r"jai adore",
    r"ho adorato", r"super (?:post|beitrag|artikel)", r"toller? (?:beitrag|post|vortrag|artikel)",
)
COMPLIMENT = vocabulary(_COMPLIMENT)

# Notes that sound specific but are not: each names something a sender reads
# off the profile or gets from LinkedIn, not something the two share. A job
# title or employer read off the profile ("I saw you work at X as Y")...
_PROFILE_FACT = (
    # en
    r"(?:i )?(?:noticed|saw|see|can see) (?:that )?you(?:re| are)? (?:work|working|the|a|an|now|currently|based|leading|heading|running)",
    r"(?:noticed|saw|see) (?:that )?you (?:work|lead|head|run|manage)", r"your (?:role|position|title|work) (?:as|at)",
    r"(?:came across|stumbled (?:up)?on|visited|viewed|looked at|checked out|went through) your profile",
    r"your (?:background|experience|career|journey) (?:in|at|as)", r"as a fellow", r"(?:other|fellow) \w+ (?:professionals|people|women|leaders)",
    r"someone (?:in|from) (?:the|your) (?:\w+ )?(?:industry|field|space|sector)",
    # es
    r"(?:vi|he visto|veo) que (?:trabajas|eres|estas|usted)", r"(?:vi|revise|visite) tu perfil", r"tu (?:trayectoria|experiencia) (?:en|como)",
    r"(?:otros|otras) profesionales", r"profesionales del (?:sector|rubro)",
    # de
    r"(?:ich )?(?:habe )?gesehen, dass (?:sie|du)", r"(?:bin auf|auf) (?:ihr|dein) profil (?:gestossen|aufmerksam)",
    r"als (?:inhaberin|inhaber|leiterin|leiter|geschaftsfuhrerin|geschaftsfuhrer) (?:bei|von|tatig)", r"tatig (?:sind|bist)",
    r"expert:?innen aus", r"fachleute? aus", r"kolleg:?innen aus der branche",
    # fr
    r"jai vu que (?:vous|tu)", r"je vois que (?:vous|tu)", r"(?:votre|ton) parcours (?:chez|dans|en)", r"(?:en|a) tant que (?:fondatrice|fondateur|directrice|directeur|responsable)",
    r"(?:autres|d.?autres) professionnel", r"professionnel(?:le)?s (?:du|de la|de l)",
    # pt
    r"vi que (?:voce|trabalha|es|e)", r"(?:vi|visitei|olhei) (?:o )?(?:seu|teu) perfil", r"(?:sua|tua) trajetoria", r"profissionais (?:da|do|de)",
    # it
    r"ho (?:visto|notato) che", r"ricopr(?:e|i) il ruolo", r"(?:il tuo|il suo) percorso", r"(?:altri|altre) professionist", r"professionist[ie] del",
    # nl
    r"ik zag dat (?:je|u)", r"ik zie dat (?:je|u)", r"(?:andere|mede)professionals",
    # sv
    r"jag sag att du", r"jag ser att du", r"andra (?:yrkesmanniskor|proffs)",
)
PROFILE_FACT = vocabulary(_PROFILE_FACT)

# ...a reason to connect that LinkedIn supplied: a count of shared connections,
# "LinkedIn suggested you", the same industry or city...
_PLATFORM_REASON = (
    r"(?:\d+|many|so many|several|lots of|a lot of|a few) (?:mutual|shared) (?:connections|contacts|friends)",
    r"(?:mutual|shared) connections", r"(?:connections|contacts) in common", r"in common that",
    r"linkedin (?:suggested|recommended|showed|keeps (?:showing|suggesting)|thinks)", r"(?:people|someone) you may know",
    r"(?:showed|popped|came) up (?:in|on) my (?:feed|suggestions|network|timeline)", r"(?:in|among) my suggestions",
    r"gemeinsame(?:n)? (?:kontakte|kontakten|verbindungen|bekannte)", r"contactos en comun", r"conexiones en comun",
    r"cont(?:a|ac)tos em comum", r"conexoes em comum", r"(?:contacts|relations|connexions) en commun", r"(?:contatti|collegamenti) in comune",
    r"gemeenschappelijke (?:connecties|contacten|connecties)", r"gemensamma (?:kontakter|kontakt|connections)",
    r"linkedin (?:me )?(?:sugirio|sugeriu|suggere|suggeriert|hat (?:dich|sie|mir) vorgeschlagen|mi ha suggerito|ha suggerito|stelde voor|foreslog)",
    r"(?:sugerencias|sugestoes|suggestions|suggerimenti|vorschlagen|suggesties|forslag) (?:de|di|von|van|fran)? ?linkedin",
)
PLATFORM_REASON = vocabulary(_PLATFORM_REASON)

# ...a holiday, a birthday or a work anniversary, the greetings LinkedIn prompts...
_OCCASION = (
    r"merry christmas", r"happy (?:new year|holidays|easter|diwali|eid|birthday|thanksgiving|ramadan|hanukkah|lunar new year|\w+ day)",
    r"seasons greetings", r"eid mubarak", r"ramadan (?:kareem|mubarak)", r"work anniversary", r"\d+ years? (?:at|with)", r"(?:years|year) anniversary",
    r"congrat(?:s|ulations) on (?:the|your) (?:new (?:position|role|job)|promotion|work anniversary|\d+)",
    r"feliz (?:navidad|ano nuevo|cumpleanos|aniversario|dia|natal|ano novo|pascua|pascoa)", r"felices fiestas", r"\d+ anos (?:en|na|no|com)",
    r"frohe (?:weihnachten|ostern|feiertage|festtage)", r"frohes (?:neues|fest)", r"guten rutsch", r"alles gute zum", r"\d+ jahre (?:bei|im)", r"jubilaum",
    r"joyeux (?:noel|anniversaire)", r"bonne annee", r"bonnes fetes", r"meilleurs voeux", r"\d+ ans (?:chez|a|au|dans)", r"aid (?:moubarak|mubarak)",
    r"boas festas", r"buon (?:natale|anno|compleanno)", r"buone feste", r"tanti auguri", r"\d+ anni (?:in|presso|da|con)",
    r"fijne (?:feestdagen|kerst)", r"prettige feestdagen", r"gelukkig nieuwjaar", r"\d+ jaar bij", r"god jul", r"gott nytt ar", r"\d+ ar pa",
)
OCCASION = vocabulary(_OCCASION)

# ...and content named without a word of it: "your posts", "your content".
_VAGUE_CONTENT = (
    r"your (?:recent |latest |last )?(?:posts|content|updates|insights)", r"(?:what|everything) you (?:share|post|write)",
    r"your (?:recent|latest) (?:post|article)", r"(?:enjoy|love|like) (?:reading )?your (?:posts|content)",
    r"(?:tus|sus) publicaciones", r"(?:tu|su) contenido", r"(?:deine|ihre) (?:beitrage|posts|inhalte)", r"(?:vos|tes) (?:publications|posts|contenus)",
    r"(?:seus|teus) (?:posts|conteudos)", r"(?:seu|teu) conteudo", r"(?:i tuoi|i suoi) (?:contenuti|post)", r"(?:je|uw) (?:posts|berichten)",
    r"(?:dina|era) (?:inlagg|poster)",
)
VAGUE_CONTENT = vocabulary(_VAGUE_CONTENT)


def _leading_alternatives(phrase: str) -> list[str]:
    """A phrase that opens with a group, "(?:a|b) rest", as the phrases "a rest" and "b rest".

    Only for the filter of PhraseCounter, which asks where some phrase can
    start: the phrases match at exactly the same places, but grouped by first
    letter instead of tried one by one at every word start (the "sounds
    specific" lists open with many such groups). An optional group, "(?:i )?saw",
    also gives the phrase without it; a group with groups inside stays as it is.
    """
    if not phrase.startswith("(?:"):
        return [phrase]
    end = phrase.find(")")
    inner = phrase[3:end]
    if end < 0 or "(" in inner:
        return [phrase]
    rest = phrase[end + 1:]
    if rest[:1] in ("*", "+", "{"):
        return [phrase]
    optional = rest[:1] == "?"
    if optional:
        rest = rest[1:]
    tails = _leading_alternatives(rest) if rest else [""]
    heads = inner.split("|") + ([""] if optional else [])
    out = [head + tail for head in heads for tail in tails]
    return [phrase] if "" in out else out


class PhraseCounter:
    """Counts the matches of several phrase lists in one scan of a text.

    Python's engine pays a fixed cost at every position of every scan, so
    twelve lists scanned one by one cost twelve passes. Here one zero-width
    pattern over all the phrases at once (grouped by first letter, so a word
    start costs one check per letter, not one per list) finds the word starts
    where any list matches; only there is each list tried, and a list's match
    is counted unless it starts inside its own previous match. That is exactly
    what `len(pattern.findall(text))` counts for each list (checked in
    tests/test_features.py), at about two thirds of the time.
    """

    def __init__(self, phrase_lists: Sequence[Sequence[str]]) -> None:
        self.patterns = tuple(vocabulary(phrases) for phrases in phrase_lists)
        every = vocabulary([alternative for phrases in phrase_lists for phrase in phrases
                            for alternative in _leading_alternatives(phrase)])
        self._any = re.compile(WORD_START + "(?=" + every.pattern[len(WORD_START):] + ")")

    def counts(self, text: str) -> list[int]:
        """One count per pattern, in the order given."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[int], list[int], list[int]]:
        """Per pattern: its count, where its first match starts and where its last one starts (-1: none)."""
        out = [0] * len(self.patterns)
        first = [-1] * len(self.patterns)
        last = [-1] * len(self.patterns)
        free_from = [0] * len(self.patterns)   # where each list's previous match ended
        for hit in self._any.finditer(text):
            start = hit.start()
            for k, pattern in enumerate(self.patterns):
                if start >= free_from[k]:
                    match = pattern.match(text, start)
                    if match:
                        out[k] += 1
                        free_from[k] = match.end()
                        last[k] = start
                        if first[k] < 0:
                            first[k] = start
        return out, first, last


# The lists read from the note, in the order _row_features unpacks them.
TEXT_VOCABULARIES = PhraseCounter([_CALL_TO_ACTION, _COMMERCIAL, _SHARED_CONTEXT, _GENERIC_TEMPLATE, _FOLLOW_UP,
                                   _RELATIONAL_ASK, _PROMOTION_ASK, _OWN_BUSINESS, _FORM_QUESTION,
                                   _SELLER_TURN, _OFFER, _COMPLIMENT, _PROFILE_FACT, _PLATFORM_REASON, _OCCASION,
                                   _VAGUE_CONTENT])
# Which of those lists carry an ask for the sender's business, and which a warm opening.
# COMMERCIAL is left out of the asks: its words ("role", "clients") also fill warm notes.
_ASK_LISTS = (0, 6, 7, 9, 10)
_WARM_LISTS = (2, 11)

# Pronouns, counted over the word tokens (a set lookup per word is much cheaper
# than another regex scan), German inflections spelled out.
_GERMAN_ENDINGS = ("", "e", "en", "em", "er", "es")
FIRST_SINGULAR = frozenset("i im ive me my mine yo mi ich mich je jai moi mon ma eu meu minha io ik mijn jag mig min mitt".split()
                           + [f"mein{e}" for e in _GERMAN_ENDINGS])
FIRST_PLURAL = frozenset("we us our ours nosotros nosotras nuestro nuestra nuestros nuestras wir uns nous notre nos nossa nosso "
                         "noi nostro nostra nostri nostre wij ons onze vi oss vart".split()
                         + [f"unser{e}" for e in _GERMAN_ENDINGS])
SECOND_PERSON = frozenset("you your youre yours tu te ti usted du dich dir sie ihnen vous votre toi ton voce seu sua tuo tua "
                          "jij jouw uw dig din ditt".split()
                          + [f"{stem}{e}" for stem in ("dein", "ihr") for e in _GERMAN_ENDINGS])


def _count_words(words: frozenset[str], tokens: Sequence[str]) -> int:
    return sum(map(words.__contains__, tokens))


# Template fields left unfilled: {{first_name}}, [Company], %NAME%, "Hi ," ...
# Split in two so the common case (no brackets at all) costs one cheap scan.
MERGED_BRACKETS_RE = re.compile(r"\{\{[^}]{1,30}\}\}|\{[A-Za-z_ ]{2,30}\}|\[[A-Z][A-Za-z_ ]{1,30}\]|%[A-Z_]{3,30}%|<[A-Z_]{3,30}>",
                                re.I)
MERGED_WORDS_RE = re.compile(
    r"(?<![^\W_])(?:(?:hi|hello|hey|dear|hola|hallo|bonjour|salut|ciao|ola|oi|hej|hoi|beste|querid[oa])\s+[,!.]"
    r"|(?:firstname|first_name|company_name|companyname)\b)")
# Every branch of MONEY_RE and NUMERIC_DATE_RE needs a digit: both are skipped for text without one.
MONEY_RE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:[%$€£¥円]|k\b|(?:usd|eur|gbp|chf|sek|nok|dkk|brl|mxn|mad|kes|zar|aud|cad|inr|jpy)\b)"
                      r"|\b\d+x\b", re.I)
# Month names as whole words (a set lookup over the tokens), numeric dates and years by regex.
MONTHS = frozenset(
    "jan january feb february march april may june july aug august sep sept september oct october nov november dec december "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre januar februar marz mai juni "
    "juli oktober dezember janvier fevrier mars avril juin juillet aout septembre octobre novembre decembre janeiro fevereiro "
    "marco maio junho julho setembro outubro novembro dezembro gennaio febbraio aprile maggio giugno luglio settembre ottobre "
    "dicembre januari februari maart augustus".split())
NUMERIC_DATE_RE = re.compile(r"\b\d{1,2}[./]\d{1,2}\b|\b(?:19|20)\d\d\b")
_DIGIT_RE = re.compile(r"\d")
SALESY_HEADLINE = vocabulary([r"i help", r"helping", r"dm (?:me|for)", r"book a call", r"\d+ ?%", r"\d+x\b", r"leads?\b",
                               r"revenue", r"growth", r"sales", r"b2b", r"scale", r"roi\b", r"agency", r"coach", r"consultant",
                               r"founder", r"ceo\b", r"outsourc", r"seo\b", r"marketing", r"closing", r"appointments?",
                               r"passive income", r"crypto", r"ghostwrit", r"podcast host"])

# ---------------------------------------------------------------- the block

# (name, cap): a count feature is min(count, cap) / cap, so every feature is in
# [0, 1] and non-negative (Complement NB needs that; linear models like the scale).
# Only what the sender wrote: the guide says the numbers never decide and the
# headline alone never decides, so no sender field is read here (see SENDER_FEATURES).
HAND_FEATURES: tuple[tuple[str, float], ...] = (
    ("note_empty", 1), ("default_note", 1),
    ("kind_invitation", 1), ("kind_message", 1), ("kind_inmail", 1),
    ("questions", 3), ("exclamations", 3), ("urls", 2), ("emails", 1),
    ("call_to_action", 3), ("commercial", 4), ("money_numbers", 2),
    ("shared_context", 3), ("dates", 2), ("relational_ask", 2),
    ("generic_template", 2), ("follow_up", 2), ("form_question", 1), ("merged_field", 1),
    ("promotion_ask", 2), ("own_business", 2),
    ("first_singular_rate", 1), ("first_plural_rate", 1), ("second_person_rate", 1),
    ("length", 1), ("short_note", 1),
    ("seller_turn", 2), ("offer", 2), ("compliment", 2),
    ("ask_after_warm_opening", 1), ("ask_in_last_part", 1), ("warm_without_ask", 1),
    ("profile_fact", 2), ("platform_reason", 1), ("occasion", 1), ("vague_content", 1),
)
HAND_FEATURE_NAMES: tuple[str, ...] = tuple(name for name, _ in HAND_FEATURES)
_CAPS = np.array([cap for _, cap in HAND_FEATURES], dtype=float)
# Where "the last part" of a note starts, as a share of its length: a pitch's ask usually comes at the end.
LAST_PART = 0.4


_BRACKETS = frozenset("{[%<")


_SPACE_THEN_STOP_RE = re.compile(r"\s[,!.]")


def _merged_fields(raw: str, text: str) -> int:
    brackets = len(MERGED_BRACKETS_RE.findall(raw)) if not _BRACKETS.isdisjoint(raw) else 0
    # MERGED_WORDS_RE needs "name" or a space before a stop ("Hi ,"): test for those first.
    if "name" in text or _SPACE_THEN_STOP_RE.search(text):
        brackets += len(MERGED_WORDS_RE.findall(text))
    return brackets


def _dates(text: str, tokens: Sequence[str], has_digit: bool) -> int:
    return _count_words(MONTHS, tokens) + (len(NUMERIC_DATE_RE.findall(text)) if has_digit else 0)


def _row_features(row: dict[str, Any]) -> list[float]:
    raw = row.get("text") or ""
    kind = row.get("kind") or ""
    subject = (row.get("subject") or "") if kind == "inmail" else ""
    text = normalize(f"{subject}\n{raw}" if subject else raw)
    tokens = TOKEN_RE.findall(text)
    words = max(1, len(tokens))
    empty = not raw.strip()
    counts, first, last = TEXT_VOCABULARIES.scan(text)
    (call_to_action, commercial, shared_context, generic_template, follow_up, relational_ask, promotion_ask,
     own_business, form_question, seller_turn, offer, compliment, profile_fact, platform_reason, occasion,
     vague_content) = counts
    has_digit = _DIGIT_RE.search(text) is not None
    # The guide: "when a message has both a real shared context and a commercial ask, the ask wins".
    last_ask = max(last[k] for k in _ASK_LISTS)
    warm = [first[k] for k in _WARM_LISTS if first[k] >= 0]
    first_warm = min(warm) if warm else -1
    return [
        float(empty), float(not empty and not subject and is_default_words(tokens)),
        float(kind == "invitation"), float(kind == "message"), float(kind == "inmail"),
        raw.count("?"), raw.count("!"), count_urls(raw), count_emails(raw),
        call_to_action, commercial, len(MONEY_RE.findall(text)) if has_digit else 0,
        shared_context, _dates(text, tokens, has_digit), relational_ask,
        generic_template, follow_up, form_question,
        _merged_fields(raw, text), promotion_ask, own_business,
        min(1.0, 5 * _count_words(FIRST_SINGULAR, tokens) / words),
        min(1.0, 5 * _count_words(FIRST_PLURAL, tokens) / words),
        min(1.0, 5 * _count_words(SECOND_PERSON, tokens) / words),
        min(1.0, math.log1p(len(raw)) / math.log1p(3000)), float(0 < len(raw.strip()) <= 80),
        seller_turn, offer, compliment,
        float(0 <= first_warm < last_ask), float(last_ask >= 0 and last_ask >= LAST_PART * len(text)),
        float(first_warm >= 0 and last_ask < 0),
        profile_fact, platform_reason, occasion, vague_content,
    ]


SENDER_FEATURE_NAMES: tuple[str, ...] = ("mutual_connections", "mutual_unknown", "headline_salesy")


def sender_features(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    """The sender's numbers and headline as features: measured in the model comparison, never shipped.

    The seed model once read these; after the corpus's sender fields were
    redrawn they add nothing on grouped CV, and the guide forbids them to
    decide (`triage/invariance.py` checks that they do not).
    """
    out = np.zeros((len(rows), len(SENDER_FEATURE_NAMES)))
    for i, row in enumerate(rows):
        mutual = row.get("mutual_connections")
        if isinstance(mutual, (int, float)) and mutual > 0:
            out[i, 0] = min(1.0, math.log1p(mutual) / math.log1p(500))
        out[i, 1] = float(mutual is None)
        out[i, 2] = min(len(SALESY_HEADLINE.findall(normalize(row.get("sender_headline") or ""))), 3) / 3
    return out


def sender_feature_names(transformer: Any = None, input_features: Any = None) -> list[str]:
    return list(SENDER_FEATURE_NAMES)


def hand_features(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    """The HAND_FEATURES block, one row per item, every value in [0, 1]."""
    if not len(rows):
        return np.zeros((0, len(HAND_FEATURES)))
    values = np.array([_row_features(row) for row in rows], dtype=float)
    return np.minimum(values, _CAPS) / _CAPS


def hand_feature_matrix(rows: Sequence[dict[str, Any]]) -> Any:
    """hand_features as a sparse matrix: the pipeline's block.

    With every block sparse, the FeatureUnion stacks them on scipy's fast
    path instead of going through COO (13% of classify time, same values).
    """
    from scipy.sparse import csr_matrix

    return csr_matrix(hand_features(rows))


def hand_feature_names(transformer: Any = None, input_features: Any = None) -> list[str]:
    """Names for the hand-made block (also FunctionTransformer's feature_names_out)."""
    return list(HAND_FEATURE_NAMES)


def model_text(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The words the n-gram models read: the InMail subject plus the text, links and addresses reduced to a token."""
    out = []
    for row in rows:
        text = row.get("text") or ""
        if row.get("kind") == "inmail" and row.get("subject"):
            text = f"{row['subject']}\n{text}"
        if _may_hold_url(text):
            text = URL_RE.sub(" urltoken ", text)
        out.append(EMAIL_RE.sub(" emailtoken ", text) if "@" in text else text)
    return out


def text_feature_names(transformer: Any = None, input_features: Any = None) -> list[str]:
    return ["text"]


# ------------------------------------------------------ character n-grams


def __getattr__(name: str) -> Any:
    """CharNgrams lived here until the compiled model needed these features without scikit-learn.

    Model pickles name `triage.model.features.CharNgrams`; unpickling asks this
    module for it, and gets the class where it lives now (PEP 562).
    """
    if name == "CharNgrams":
        from .steps import CharNgrams

        return CharNgrams
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
