"""Characters that are not text: which are dropped from articles, and how one is named when refused."""

from __future__ import annotations

import pytest

from service.characters import UNSEEN, readable, unseen_in

WHITESPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85"


@pytest.mark.parametrize(
    "char",
    [
        *"\x00\x01\x07\x08\x0e\x1b\x7f\x80\x84\x86\x9b\x9f",
        *"\u00ad\u200b\u200c\u200d\u2060\ufeff",
        *"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ],
)
def test_controls_invisible_and_directional_characters_are_dropped(char: str) -> None:
    assert f"Krem{char}lin".translate(UNSEEN) == "Kremlin"


def test_whitespace_and_the_rest_of_unicode_stay() -> None:
    text = f"a{WHITESPACE}b “Kyiv” – Zürich 😀 ١٢ \u00a0 \u2028 \u0600"
    assert text.translate(UNSEEN) == text
    assert unseen_in(text) is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("ab\x1b[2J", "U+001B (a control code) at character 2"),
        ("\x9bx", "U+009B (a control code) at character 0"),
        ("Ky\u202eiv\x07", "U+202E (an invisible or directional mark) at character 2"),
        ("Zelen\u00adsky", "U+00AD (an invisible or directional mark) at character 5"),
    ],
)
def test_the_first_character_that_is_not_text_is_named_with_its_place(text: str, said: str) -> None:
    assert unseen_in(text) == said
    with pytest.raises(ValueError) as refused:
        readable(text)
    assert str(refused.value) == f"holds {said}; remove it"


def test_a_readable_value_is_returned_as_given() -> None:
    assert readable("Kyiv’s “plan”") == "Kyiv’s “plan”"
