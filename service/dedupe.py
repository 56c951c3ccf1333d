"""Dedupe: merge near-duplicate sentences (wire copy, repeated paragraphs), keeping every source."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from service.segment import Sentence

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Function words carry no content; overlap on them alone must not merge sentences. Negations
# (not, no, never) are content: "agreed" and "not agreed" must never look alike.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at for from by with as is are was were be been being it
    its this that these those he she they them his her their we our you your i me my so
    than then there here has have had do does did will would could should may might can into
    over about after before also said says say which who whom whose what when where while such
    any all some more most other one two just very""".split()  # noqa: SIM905
)


def content_words(text: str) -> list[str]:
    """Lower-cased words of a text, function words removed, light suffix folding."""
    return [fold(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def fold(word: str) -> str:
    """A crude stem: 'guarantees'/'guarantee', 'talks'/'talk', 'invited'/'invite' fold alike."""
    word = word.replace("’", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "s"):
        # "process" is not a plural: a double s stays.
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@dataclass
class Unit:
    """A distinct sentence and every place it occurs; `sentence` is the first occurrence."""

    sentence: Sentence
    copies: list[Sentence] = field(default_factory=list)

    @property
    def sources(self) -> list[Sentence]:
        """The sentence and all its near-duplicates, in document order."""
        return [self.sentence, *self.copies]


def similarity(a: set[str], b: set[str]) -> float:
    """Shared words over the larger sentence's words: high only when each covers the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def dedupe(sentences: list[Sentence], threshold: float = 0.8, min_words: int = 5) -> list[Unit]:
    """Group sentences whose content words mostly coincide; order follows first occurrence."""
    words = [set(content_words(s.text)) for s in sentences]
    df = Counter(w for ws in words for w in ws)
    # Two sentences this similar must share at least one of each one's rarest
    # len - ceil(threshold * len) + 1 words (pigeonhole), so only those are indexed and probed.
    index: dict[str, list[int]] = defaultdict(list)
    units: list[Unit] = []
    owner: list[int] = []
    for i, s in enumerate(sentences):
        probe = len(words[i]) - math.ceil(threshold * len(words[i])) + 1
        rare = sorted(words[i], key=lambda w: (df[w], w))[:probe]
        match = None
        if len(words[i]) >= min_words:
            for j in {j for w in rare for j in index[w]}:
                similar = len(words[j]) >= min_words and similarity(words[i], words[j]) >= threshold
                if similar and (match is None or j < match):
                    match = j
        if match is None:
            owner.append(len(units))
            units.append(Unit(s))
        else:
            owner.append(owner[match])
            units[owner[match]].copies.append(s)
        for w in rare:
            index[w].append(i)
    return units
