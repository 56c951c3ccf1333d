"""Evidence: tag distinct sentences with the profile's parties and issues, and rank them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.dedupe import Unit
from service.topic import TopicProfile

# Verbs and phrases that mark a stated position rather than background narrative.
_POSITION_CUES = re.compile(
    r"\b(?:said|says|say|stated|told|insist\w*|demand\w*|want\w*|reject\w*|refus\w*|declin\w*|"
    r"agree\w*|invit\w*|propos\w*|offer\w*|guarantee\w*|ready|willing\w*|oppos\w*|urg\w*|warn\w*|"
    r"question\w*|ruled out|will not|would not|cannot|could not|impossible|unacceptable|must|"
    r"confirm\w*|announc\w*|highlight\w*|reaffirm\w*|reiterat\w*|emphasi[sz]\w*|express\w*|"
    r"suggest\w*|describ\w*|call\w*|pledg\w*|welcome|pushed back|skeptic\w*|expect\w*)\b",
    re.IGNORECASE,
)
# A sentence opening with a pronoun continues the previous sentence's speaker.
_PRONOUN_SUBJECT = re.compile(r"^(?:He|She|They|His|Her|Their)\b")
# A party named this far into a sentence is what it talks about, not who speaks.
_SPEAKER_WORDS = 12


@dataclass
class Evidence:
    """A distinct sentence with the parties it mentions and the issues it touches."""

    id: str
    unit: Unit
    parties: list[str]
    issues: list[str]
    salience: float
    # The party the sentence most likely speaks for: the first named, or, for a sentence
    # opening with a pronoun, the previous sentence's.
    lead: str | None = None

    @property
    def text(self) -> str:
        """The sentence's text (first occurrence)."""
        return self.unit.sentence.text


def _mentions(patterns: dict[str, re.Pattern[str]], text: str) -> list[str]:
    """Keys whose pattern matches, ordered by first match, then by number of matches."""
    hits = []
    for key, pattern in patterns.items():
        found = list(pattern.finditer(text))
        if found:
            hits.append((found[0].start(), -len(found), key))
    return [key for _, _, key in sorted(hits)]


def _speaker(profile: TopicProfile, text: str) -> str | None:
    """The party named first, if it is named early enough to be the sentence's subject."""
    opening = " ".join(text.split()[:_SPEAKER_WORDS])
    named = _mentions(profile.party_patterns, opening)
    return named[0] if named else None


def _primary_issues(patterns: dict[str, re.Pattern[str]], text: str) -> list[str]:
    """Issues ordered by how many keyword hits they have; ties keep profile order."""
    counts = [(-len(p.findall(text)), n, key) for n, (key, p) in enumerate(patterns.items())]
    return [key for c, _, key in sorted(counts) if c < 0]


def tag(units: list[Unit], profile: TopicProfile) -> list[Evidence]:
    """Evidence items for units that mention a party or touch an issue, in document order."""
    out = []
    previous: tuple[str, str | None] = ("", None)  # (doc_id, lead) of the sentence before
    for unit in units:
        text = unit.sentence.text
        parties = _mentions(profile.party_patterns, text)
        issues = _primary_issues(profile.issue_patterns, text)
        same_doc = previous[0] == unit.sentence.doc_id
        if _PRONOUN_SUBJECT.match(text) and same_doc and previous[1]:
            lead = previous[1]
        else:
            lead = _speaker(profile, text)
        previous = (unit.sentence.doc_id, lead)
        if not parties and not issues:
            continue
        if lead and lead not in parties:
            parties = [lead, *parties]
        salience = _salience(unit, parties, issues)
        out.append(Evidence(f"e{len(out) + 1}", unit, parties, issues, salience, lead))
    return out


def _salience(unit: Unit, parties: list[str], issues: list[str]) -> float:
    """How much a sentence is worth to a reader of the brief, before attribution."""
    text = unit.sentence.text
    words = len(text.split())
    score = (1.0 if issues else 0.0) + (0.5 if len(issues) >= 2 else 0.0) + 0.5 * min(len(parties), 2)
    score += 1.0 if _POSITION_CUES.search(text) else 0.0
    # Said by several outlets: corroborated and, usually, central.
    score += 0.5 * min(len(unit.sources) - 1, 2)
    if _sentence_number(unit.sentence.id) <= 3:
        score += 0.5
    if words < 6:
        score -= 1.0
    return score


def _sentence_number(sentence_id: str) -> int:
    return int(sentence_id.rsplit(".s", 1)[1])
