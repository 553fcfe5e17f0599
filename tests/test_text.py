"""The one text normaliser: the same accent folding everywhere, in its two forms, and the phrase-list patterns."""

from __future__ import annotations

import re

from triage.text import caseless, fold, normalize, vocabulary


def test_fold_drops_latin_diacritics_and_keeps_other_scripts_marks() -> None:
    assert fold("Ünïcödé façade, São Paulo") == "Unicode facade, Sao Paulo"
    assert fold("it\u2019s \u2018ok\u2019") == "it's 'ok'"
    # Japanese voicing marks are not diacritics: が stays が (the model was trained on text folded so).
    assert fold("が") == "か\u3099"
    assert fold("plain ASCII stays as it is") == "plain ASCII stays as it is"


def test_normalize_is_the_keyword_form() -> None:
    assert normalize("J\u2019aimerais VOUS inviter, Straße!") == "jaimerais vous inviter, strasse!"
    assert normalize("Don't  stop") == "dont  stop"


def test_caseless_is_the_line_form() -> None:
    assert caseless("  Voir   le\tProfil de Zoë ") == "voir le profil de zoe"
    assert caseless("View Dana\u2019s profile") == "view dana's profile"
    assert caseless("STRASSE") == caseless("Straße")


def test_grouped_vocabulary_finds_the_same_phrases_as_a_plain_alternation() -> None:
    phrases = [r"quick (?:call|chat)", r"quote\b", r"\d+[ -]?min(?:ute)?s?\b", r"(?:are|would) you (?:be )?open to", r"qualified"]
    grouped = vocabulary(phrases)
    plain = re.compile(r"(?<![^\W_])(?:" + "|".join(phrases) + ")")
    for text in ["quick call? a quote, 15 minutes, would you be open to it", "quickly quoted unqualified 15min",
                 "are you open to a quick chat about a quote"]:
        assert sorted(grouped.findall(text)) == sorted(plain.findall(text))
