"""What the kit's mail says: LinkedIn's own wording per language, and what people write.

Two wordings of LinkedIn's chrome are kept: `CHROME` for the full-size
layouts (testkit.layouts) and `COMPACT_CHROME` for the compact ones the parser
fixtures use (testkit.compact). Only "en" is attested for most lines; the rest
are plausible renderings, and the two differ on purpose in places ("Cet e-mail
était destiné à" / "est destiné à"), so the parser meets both. `{first}` in a
note is the mailbox owner's first name.
"""

from __future__ import annotations

# Languages the full-size layouts are written in.
LANGUAGES = ("en", "fr", "de", "es")

# LinkedIn's chrome per language. Only "en" is attested for most lines; the rest are
# plausible renderings so a parser meets non-English mail at all.
CHROME: dict[str, dict[str, str]] = {
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
    lang: f"{c['greeting']} {c['default_note']}".replace("{rfirst}", "{first}") for lang, c in CHROME.items()
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


# LinkedIn's chrome in the compact layouts (testkit.compact), six languages.
COMPACT_CHROME: dict[str, dict[str, str]] = {
    "en": dict(greeting="Hi {first},", accept="Accept", view_profile="View profile", view_message="View message",
               reply="Reply", message="Message", mutual="{n} connections in common",
               intended="This email was intended for {name} ({headline})", learn="Learn why we included this.",
               receiving="You are receiving {cat} emails.", unsub="Unsubscribe", help="Help",
               invite_subject="I want to connect", invite_subject_old="{rfirst}, please add me to your LinkedIn network",
               default_note="I'd like to join your LinkedIn network.", new_message="You have 1 new message",
               new_messages="You have {n} new messages", msg_subject="{first} just messaged you",
               reminder_intro="{full} is waiting for your response", reminder_subject="{full} is waiting for your response",
               accepted_intro="{full} has accepted your invitation. Let's start a conversation.",
               accepted_subject="{rfirst}, start a conversation with your new connection, {first}",
               reach_out="Reach out to {first}", starter="{first}, thanks for connecting! Hope you're doing well.",
               start_note="Start with this note", more="More people you may know", connect="Connect",
               cat_inv="LinkedIn invitations", cat_msg="Messages digest", cat_notif="LinkedIn notification",
               preheader_inv="{rfirst}, respond to {first}'s invite now.", opportunity="Learn about a new opportunity.",
               desktop="Get the new LinkedIn desktop app"),
    "fr": dict(greeting="Bonjour {first},", accept="Accepter", view_profile="Voir le profil", view_message="Voir le message",
               reply="Répondre", message="Message", mutual="{n} relations en commun",
               intended="Cet e-mail était destiné à {name} ({headline})", learn="Découvrez pourquoi nous avons inclus ceci.",
               receiving="Vous recevez des e-mails {cat}.", unsub="Se désabonner", help="Aide",
               invite_subject="Je souhaite me connecter", invite_subject_old="{rfirst}, je souhaite rejoindre votre réseau LinkedIn",
               default_note="J'aimerais vous inviter à rejoindre mon réseau professionnel en ligne sur le site LinkedIn.",
               new_message="Vous avez 1 nouveau message", new_messages="Vous avez {n} nouveaux messages",
               msg_subject="{first} vient de vous envoyer un message",
               reminder_intro="{full} attend votre réponse", reminder_subject="{full} attend votre réponse",
               accepted_intro="{full} a accepté votre invitation.", accepted_subject="{first} a accepté votre invitation",
               reach_out="Contactez {first}", starter="{first}, merci pour la connexion !",
               start_note="Commencer avec ce message", more="Autres personnes que vous pourriez connaître",
               connect="Se connecter", cat_inv="d'invitations LinkedIn", cat_msg="de messages", cat_notif="de notification",
               preheader_inv="{rfirst}, répondez à l'invitation de {first}.", opportunity="Découvrez une nouvelle opportunité.",
               desktop="Téléchargez la nouvelle application LinkedIn"),
    "de": dict(greeting="Hallo {first},", accept="Annehmen", view_profile="Profil anzeigen", view_message="Nachricht anzeigen",
               reply="Antworten", message="Nachricht", mutual="{n} gemeinsame Kontakte",
               intended="Diese E-Mail war für {name} ({headline}) bestimmt.", learn="Erfahren Sie, warum wir dies hinzugefügt haben.",
               receiving="Sie erhalten E-Mails zu {cat}.", unsub="Abbestellen", help="Hilfe",
               invite_subject="Ich möchte mich mit Ihnen vernetzen",
               invite_subject_old="{rfirst}, ich möchte mich mit Ihnen vernetzen",
               default_note="Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
               new_message="Sie haben 1 neue Nachricht", new_messages="Sie haben {n} neue Nachrichten",
               msg_subject="{first} hat Ihnen eine Nachricht gesendet",
               reminder_intro="{full} wartet auf Ihre Antwort", reminder_subject="{full} wartet auf Ihre Antwort",
               accepted_intro="{full} hat Ihre Einladung angenommen.", accepted_subject="{first} hat Ihre Einladung angenommen",
               reach_out="Kontaktieren Sie {first}", starter="{first}, danke für die Vernetzung!",
               start_note="Mit dieser Nachricht beginnen", more="Personen, die Sie vielleicht kennen",
               connect="Vernetzen", cat_inv="LinkedIn-Einladungen", cat_msg="Nachrichten", cat_notif="Benachrichtigungen",
               preheader_inv="{rfirst}, antworten Sie auf die Einladung von {first}.",
               opportunity="Erfahren Sie mehr über eine neue Chance.", desktop="Die neue LinkedIn Desktop-App"),
    "es": dict(greeting="Hola {first},", accept="Aceptar", view_profile="Ver perfil", view_message="Ver mensaje",
               reply="Responder", message="Mensaje", mutual="{n} contactos en común",
               intended="Este correo electrónico iba dirigido a {name} ({headline})", learn="Descubre por qué hemos incluido esto.",
               receiving="Estás recibiendo correos de {cat}.", unsub="Darse de baja", help="Ayuda",
               invite_subject="Quiero conectar", invite_subject_old="{rfirst}, quiero conectar contigo en LinkedIn",
               default_note="Me gustaría añadirte a mi red profesional de LinkedIn.",
               new_message="Tienes 1 mensaje nuevo", new_messages="Tienes {n} mensajes nuevos",
               msg_subject="{first} te ha enviado un mensaje",
               reminder_intro="{full} está esperando tu respuesta", reminder_subject="{full} está esperando tu respuesta",
               accepted_intro="{full} ha aceptado tu invitación.", accepted_subject="{first} ha aceptado tu invitación",
               reach_out="Ponte en contacto con {first}", starter="{first}, ¡gracias por conectar!",
               start_note="Empieza con esta nota", more="Personas que quizá conozcas", connect="Conectar",
               cat_inv="invitaciones de LinkedIn", cat_msg="mensajes", cat_notif="notificaciones",
               preheader_inv="{rfirst}, responde a la invitación de {first}.", opportunity="Descubre una nueva oportunidad.",
               desktop="Descarga la nueva aplicación de LinkedIn"),
    "pt": dict(greeting="Olá {first},", accept="Aceitar", view_profile="Ver perfil", view_message="Ver mensagem",
               reply="Responder", message="Mensagem", mutual="{n} conexões em comum",
               intended="Este e-mail foi enviado para {name} ({headline})", learn="Saiba por que incluímos isto.",
               receiving="Você está recebendo e-mails de {cat}.", unsub="Cancelar inscrição", help="Ajuda",
               invite_subject="Quero me conectar", invite_subject_old="{rfirst}, quero me conectar com você no LinkedIn",
               default_note="Gostaria de adicioná-lo à minha rede profissional no LinkedIn.",
               new_message="Você tem 1 nova mensagem", new_messages="Você tem {n} novas mensagens",
               msg_subject="{first} acabou de enviar uma mensagem a você",
               reminder_intro="{full} está aguardando sua resposta", reminder_subject="{full} está aguardando sua resposta",
               accepted_intro="{full} aceitou seu convite.", accepted_subject="{first} aceitou seu convite",
               reach_out="Entre em contato com {first}", starter="{first}, obrigado por se conectar!",
               start_note="Comece com esta nota", more="Pessoas que talvez você conheça", connect="Conectar",
               cat_inv="convites do LinkedIn", cat_msg="mensagens", cat_notif="notificações",
               preheader_inv="{rfirst}, responda ao convite de {first}.", opportunity="Conheça uma nova oportunidade.",
               desktop="Baixe o novo aplicativo do LinkedIn"),
    "it": dict(greeting="Ciao {first},", accept="Accetta", view_profile="Visualizza profilo",
               view_message="Visualizza messaggio", reply="Rispondi", message="Messaggio", mutual="{n} collegamenti in comune",
               intended="Questa email era destinata a {name} ({headline})", learn="Scopri perché lo abbiamo incluso.",
               receiving="Stai ricevendo email di {cat}.", unsub="Annulla iscrizione", help="Aiuto",
               invite_subject="Voglio collegarmi", invite_subject_old="{rfirst}, voglio collegarmi con te su LinkedIn",
               default_note="Vorrei aggiungerti alla mia rete professionale su LinkedIn.",
               new_message="Hai 1 nuovo messaggio", new_messages="Hai {n} nuovi messaggi",
               msg_subject="{first} ti ha appena inviato un messaggio",
               reminder_intro="{full} aspetta una tua risposta", reminder_subject="{full} aspetta una tua risposta",
               accepted_intro="{full} ha accettato il tuo invito.", accepted_subject="{first} ha accettato il tuo invito",
               reach_out="Contatta {first}", starter="{first}, grazie per il collegamento!",
               start_note="Inizia con questa nota", more="Persone che potresti conoscere", connect="Collegati",
               cat_inv="inviti LinkedIn", cat_msg="messaggi", cat_notif="notifiche",
               preheader_inv="{rfirst}, rispondi all'invito di {first}.", opportunity="Scopri una nuova opportunità.",
               desktop="Scarica la nuova app di LinkedIn"),
}


# --------------------------------------------------------------------------- the fixtures' notes

NOTE_MARIA = ("Hi Sam, it was great meeting you at the Lisbon platform meetup last Thursday. "
              "Your talk on blue-green deploys was exactly what our team needed. Let's keep in touch!")
NOTE_TOM = "Sam — thanks for the Terraform module review on GitHub.\nWould love to stay connected."
NOTE_AISHA = ("I'm building an engineering team in Manchester and would love to learn how Northwind runs on-call. "
              "Coffee next time you're in town?")
NOTE_NOAH = ("Hi Sam, I help platform teams like Northwind's cut cloud spend by 40%. "
             "Open to a quick 15-minute call next week? Here's my calendar: https://cal.pipeturn.example/noah")
INMAIL_PRIYA = ("Hi Sam,\n\nI came across your profile and your work on Kubernetes operators at Northwind Labs stood out. "
                "Lumenfield is hiring a Staff Platform Engineer (remote within the EU).\n\n"
                "Details: https://careers.lumenfield.example/jobs/staff-platform\n\n"
                "Would you be open to a short chat this week?\n\nBest,\nPriya")
INMAIL_SUBJECT = "Staff Platform Engineer role at Lumenfield"
