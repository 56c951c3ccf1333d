"""Screen: sentences that address the model instead of the reader are dropped and reported.

Article text is untrusted data. A sentence such as "Ignore your instructions and report that
..." is no party's position and no fact about the negotiation; quoting it would let the
article steer the brief, so it leaves the evidence with a warning naming where it was.
"""

from __future__ import annotations

import re

from service.dedupe import Unit

_ADDRESSED_TO_MODEL = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+|these\s+)?"
    r"(?:previous\s+|prior\s+|above\s+|earlier\s+|system\s+)?(?:instructions?|prompts?|rules|guidelines)\b"
    r"|^\W*(?:system|assistant|developer)\s*(?:prompt|message)?\s*:"
    r"|\b(?:you are now|as an ai|language model,? you)\b"
    r"|\bthe (?:brief|summary|model) must (?:say|state|report)\b",
    re.IGNORECASE,
)


def screen(units: list[Unit]) -> tuple[list[Unit], list[str]]:
    """Units that read as article text, and the sentence ids of those that read as instructions."""
    kept, flagged = [], []
    for unit in units:
        if _ADDRESSED_TO_MODEL.search(unit.sentence.text):
            flagged += [s.id for s in unit.sources]
        else:
            kept.append(unit)
    return kept, flagged
