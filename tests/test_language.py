"""The language guess: right on ordinary notes, silent ("") when it cannot tell."""

from __future__ import annotations

import pytest

from triage.parse.language import guess_language


@pytest.mark.parametrize("lang,text", [
    ("en", "Hi Sam, it was great meeting you at the meetup last week. Would love to stay in touch!"),
    ("fr", "Bonjour Sam, j'ai beaucoup aimé votre article sur les opérateurs. Au plaisir d'échanger avec vous !"),
    ("de", "Hallo Sam, wir haben uns auf der KubeCon über Observability unterhalten. Ich würde mich freuen, in Kontakt zu bleiben."),
    ("es", "Hola Sam, coincidimos en el taller de Terraform el mes pasado. Me encantaría seguir en contacto."),
    ("pt", "Olá Sam! Vi a sua palestra sobre observabilidade e gostei muito. Podemos tomar um café quando estiver pelo Porto?"),
    ("it", "Ciao Sam, ho letto il tuo post sugli SLO e mi è stato molto utile per il nostro team."),
    ("nl", "Hoi Sam, ik heb je talk over Kubernetes gezien en wil graag met je in contact blijven. Dank je!"),
    ("sv", "Hej Sam! Vi träffades på frukosten i Stockholm och jag vill gärna hålla kontakten med dig."),
])
def test_common_languages(lang: str, text: str) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize("text", ["", "Hi!", "Thanks", "Kubernetes Terraform Grafana", "👍👍", "12 345 678"])
def test_too_short_or_no_words_is_unknown(text: str) -> None:
    assert guess_language(text) == ""


def test_long_input_is_cheap_and_still_right() -> None:
    assert guess_language("the and you your to of is " * 50_000) == "en"
