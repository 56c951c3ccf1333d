"""Characters that are not text: what a reader never sees, and what makes a reader see the wrong thing.

- Invisible characters split a word for every rule: a soft hyphen ("Zelen&shy;sky"), zero-width
  spaces and joiners, a word joiner, a byte-order mark. Pages put them in long words and names.
- Control codes are acted on, not shown: a terminal reading ESC changes colour or moves the
  cursor, BEL rings, NUL ends a C string.
- Directional overrides and isolates show text in another order than it is read ("Trojan Source",
  CVE-2021-42574): a claim could read one way and say another.

Article text drops them all (`UNSEEN`, for str.translate), so "Kremlin" is found however a page
wrote it and a claim shows what it says. Names a caller gives (a document's id, a profile's
party) are refused with `unseen_in`'s description instead, since the caller refers to them.
Tabs, line and paragraph breaks are whitespace, not controls: they stay.
"""

from __future__ import annotations

import unicodedata

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DIRECTIONAL = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 and C1 controls but the whitespace among them: \t \n \v \f \r, the file, group, record and
# unit separators (str.split and str.splitlines read them as whitespace and breaks) and NEL.
_WHITESPACE = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85}
_CONTROLS = [c for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if c not in _WHITESPACE]

UNSEEN = dict.fromkeys([*map(ord, _INVISIBLE + _DIRECTIONAL), *_CONTROLS])


def unseen_in(text: str) -> str | None:
    """The first character of `text` that is not text, described ("U+001B, a control code"); or None."""
    for position, char in enumerate(text):
        if ord(char) in UNSEEN:
            control = unicodedata.category(char) == "Cc"
            kind = "a control code" if control else "an invisible or directional mark"
            return f"U+{ord(char):04X} ({kind}) at character {position}"
    return None


def readable(value: str) -> str:
    """`value` as given, or a ValueError naming the first character in it that is not text (a validator)."""
    if found := unseen_in(value):
        raise ValueError(f"holds {found}; remove it")
    return value
