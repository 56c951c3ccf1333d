"""Relevance: which of the documents sent a brief can read, and what it says of the others.

A brief reads English articles about its topic. A document in another language is named in a
warning (little of it can be briefed); one about something else (a football report sent along
with the talks' articles) is left out, with a warning naming it and why, so that nothing it says
stands in the brief as the talks' news.
"""

from __future__ import annotations

import re
from collections import Counter

from service.dedupe import STOPWORDS, content_words
from service.ingest import CleanDocument
from service.segment import Sentence
from service.topic import FIT_SHARE, TopicProfile, fit

# A text reads as English when common English function words ("the", "of", "said") make up at
# least this share of its words: every article of the eval cases is at 29% or more, a French,
# German or Spanish news report at 3% to 5%. Shorter texts are not judged.
ENGLISH_SHARE = 0.15
_JUDGED_WORDS = 20
_LETTERS = re.compile(r"[^\W\d_]+")
# A document of a request is about its topic unless it fails two tests: the topic's (it names one of
# its parties, and FIT_SHARE of its sentences name a party or touch an issue), and the request's (at
# least this share of its distinct content words appear in another of its documents: 0.43 or more
# for every article of the eval cases and dev sets, 0.26 for a football report sent with the seeds).
# Either alone would drop an explainer that names the sides only as "the union" and "the district"
# under a profile drafted without those words.
SHARED_WORDS = 0.35


def english_share(text: str) -> float | None:
    """The share of the text's words that are common English words; None for a short text."""
    words = [w.lower() for w in _LETTERS.findall(text)]
    return sum(w in STOPWORDS for w in words) / len(words) if len(words) >= _JUDGED_WORDS else None


def not_english(documents: list[CleanDocument]) -> list[str]:
    """A warning for each document that does not read as English."""
    warnings = []
    for n, d in enumerate(documents):
        if (share := english_share(d.text)) is not None and share < ENGLISH_SHARE:
            warnings.append(
                f"documents[{n}] ({shown_title(d)}) does not read as English: {share:.0%} of its words are "
                f"common English words, against {ENGLISH_SHARE:.0%} or more in English text; the rules that "
                "find parties, issues and statuses read English, so little of it can be briefed"
            )
    return warnings


def off_topic(
    profile: TopicProfile, documents: list[CleanDocument], sentences: list[Sentence]
) -> dict[str, str]:
    """The documents (by id) that are not about the topic, each with the warning that leaves it out;
    none when that is every document."""
    texts: dict[str, list[str]] = {d.doc_id: [] for d in documents}
    for sentence in sentences:
        texts[sentence.doc_id].append(sentence.text)
    words = {
        doc_id: {w for t in said for w in content_words(t) if len(w) >= 4 and w.isalpha()}
        for doc_id, said in texts.items()
    }
    # How many documents hold each word: a document's word is in another where two or more do.
    holding = Counter(w for mine in words.values() for w in mine)
    off = {}
    for n, d in enumerate(documents):
        said = texts[d.doc_id]
        f = fit(profile, said)
        named = any(p.search(t) for p in profile.party_patterns.values() for t in said)
        if named and f.share >= FIT_SHARE:
            continue
        mine = words[d.doc_id]
        shared = sum(holding[w] > 1 for w in mine) / len(mine) if mine else 0.0
        if shared < SHARED_WORDS:
            why = (
                "it names none of its parties"
                if not named
                else f"{f.share:.0%} of its sentences name its parties or touch its issues"
            )
            off[d.doc_id] = (
                f"left out documents[{n}] ({shown_title(d)}): it is not about {profile.title} ({why}, and "
                f"{shared:.0%} of its words are in the other documents); brief it on its own, or with the "
                "topic it is about"
            )
    return off if len(off) < len(documents) else {}


def shown_title(document: CleanDocument) -> str:
    """The document's title, or its first line, quoted and cut to 60 characters."""
    title = document.title or document.text.split("\n", 1)[0]
    return repr(title if len(title) <= 60 else title[:57] + "...")
