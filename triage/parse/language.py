"""A small, dependency-free guess of the language a person wrote in.

Notes and messages are short, so a statistical model buys little; counting
each language's most frequent function words (plus a few letters only one of
them uses) tells the common ones apart well enough for the classifier and the
summary, and says "" rather than guess when the text is too short or mixed.
"""

from __future__ import annotations

import re

from ..text import fold

# The most frequent short words of each language, chosen to overlap little.
_STOPWORDS: dict[str, str] = {
    "en": "the and you your to of is are was were for with that this have has been be it i'm i we our "
          "would could will can not but at on from about my me an a just what when how if so do did",
    "fr": "le la les des du de et est sont vous votre vos nous notre je suis une un pour avec dans "
          "sur pas que qui ce cette mais au aux ou tres bien merci bonjour serait aimerais",
    "de": "der die das und ist sind sie ihr ihre ich wir nicht mit fur auf dem den des ein eine einen "
          "zu von auch aber wie bei nach uber noch gerne haben hat ware mochte hallo vielen dank",
    "es": "el la los las y es son usted tu su de del en que por para con una un lo como pero mas "
          "muy gracias hola me te nos estoy sobre tambien esta este gustaria",
    "pt": "o a os as e e sao voce seu sua de do da dos das em no na que por para com uma um nao mas "
          "muito obrigado obrigada ola gostaria estou sobre tambem isso",
    "it": "il lo la gli le e sono tu tuo tua di del della in che per con una un non ma come molto "
          "grazie ciao sono mi ti ci anche questo questa vorrei",
    "nl": "de het een en is zijn je jij u uw ik wij we niet met voor op van dat die maar ook hoe bij "
          "naar over graag heb hebt heeft dank hallo groet",
    "sv": "och att det som en ett ar jag du vi inte med for pa av den till har var kan men ocksa hur "
          "om mycket tack hej din ditt vill",
}
_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}

# Letters (before accents are stripped) that point at one language.
_LETTERS: dict[str, str] = {"de": "ßäöü", "es": "ñ¿¡", "pt": "ãõ", "sv": "åä", "fr": "çèêàù", "it": "ìò"}

_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_HITS = 3
_MIN_MARGIN = 1.25


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "" when it is too short or unclear."""
    if not text:
        return ""
    words = _WORD_RE.findall(fold(text[:4000].lower()))
    if len(words) < 3:
        return ""
    scores = {lang: 0.0 for lang in _WORDS}
    for word in words:
        for lang, vocabulary in _WORDS.items():
            if word in vocabulary:
                scores[lang] += 1.0
    lowered = text[:4000].lower()
    for lang, letters in _LETTERS.items():
        if any(c in lowered for c in letters):
            scores[lang] += 1.5
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_HITS or top < second * _MIN_MARGIN:
        return ""
    return best
