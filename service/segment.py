"""Segment: cleaned text into sentences with stable ids ("d2.s7") and character offsets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from service.ingest import CleanDocument


@dataclass(frozen=True)
class Sentence:
    """One sentence of a cleaned document; `text == document.text[start:end]`."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str

    @property
    def number(self) -> int:
        """The sentence's place in its document: 7 for "d2.s7" (0 for the headline)."""
        return int(self.id.rsplit(".s", 1)[1])


# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and a capital, digit or opening quote. Abbreviations below must not end a sentence.
_BOUNDARY = re.compile(r"""[.!?]['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Rep|Sen|Gov|St|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|etc|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z]|\be\.g|\bi\.e|\b[ap]\.m)\.$"
)
_MIN_CHARS = 3
# A list item's marker ("- ", "• ") opens no sentence: the item is the sentence.
_LIST_MARKER = re.compile(r"[-–—•*▪]\s+")
# A paragraph: lines up to a blank line. Sentences never cross one.
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
# A quotation of several sentences stays one sentence with its attribution ("...," she said),
# up to this many words: an unclosed quote in messy text must not swallow a paragraph.
_MAX_QUOTED_WORDS = 70
# No sentence of prose runs this long (a long one is 80 words, some 500 characters). A longer run
# with no sentence end (a list pasted without stops, decoded markup, a run of "Gen." after "Gen.")
# is cut at a space before it: every rule after reads each sentence in time that grows faster than
# its length, so an article of 200,000 characters in one sentence would stall a worker for minutes.
MAX_SENTENCE_CHARS = 1500
# An abbreviation ends within this many characters of its full stop ("Sept.", "U.S.A.").
_ABBREVIATION_CHARS = 20


def _inside_quote(text: str) -> bool:
    """Whether text leaves a double quotation open (curly or straight)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end()
        if _ABBREVIATIONS.search(paragraph, max(start, end - _ABBREVIATION_CHARS), end):
            continue
        if _inside_quote(paragraph[start:end]) and len(paragraph[start:end].split()) < _MAX_QUOTED_WORDS:
            continue
        spans += _cut(paragraph, start, end)
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if paragraph[start:].strip():
        spans += _cut(paragraph, start, len(paragraph.rstrip()))
    return spans


def _cut(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span [start, end), cut at spaces into pieces of at most MAX_SENTENCE_CHARS (a word longer
    than that is cut inside)."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        space = paragraph.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS + 1)
        stop = space if space > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, stop))
        start = stop
        while start < end and paragraph[start].isspace():
            start += 1
    return [*pieces, (start, end)] if start < end else pieces


def segment(doc: CleanDocument) -> list[Sentence]:
    """Sentences of a document, numbered s1, s2, ... in order; paragraphs never share one.

    A document's headline is one sentence, s0, so the body's ids do not depend on it.
    """
    out: list[Sentence] = []
    paragraphs = list(PARAGRAPH.finditer(doc.text))
    head: list[Sentence] = []
    if doc.headline and paragraphs:
        first = paragraphs.pop(0)
        head = [Sentence(f"{doc.doc_id}.s0", doc.doc_id, first.start(), first.end(), first.group())]
    for para in paragraphs:
        base = para.start()
        for s, e in split_sentences(para.group()):
            if marker := _LIST_MARKER.match(para.group(), s):
                s = marker.end()
            text = doc.text[base + s : base + e]
            if len(text.strip()) < _MIN_CHARS:
                continue
            out.append(Sentence(f"{doc.doc_id}.s{len(out) + 1}", doc.doc_id, base + s, base + e, text))
    return head + out


# A deal's terms listed: a line ending in a colon that names them ("Key terms:", "Barrow reads the
# terms on the steps of the Customs House:", "the main points of the agreement, from a summary
# released by the mediators:"), then the items of its list. Not a list of what is left ("Still
# open:", "Not agreed:").
_TERMS_LEAD = re.compile(
    r"\b(?:terms|deal|agreement|accord|settlement|agreed|provisions)\b[^:]*:\s*$", re.IGNORECASE
)
_NOT_TERMS = re.compile(
    r"\b(?:not|no|still|remain\w*|open|unresolved|outstanding|disputed|yet)\b", re.IGNORECASE
)
# A heading: a line of its own, a few words with no full stop ("WHAT WE WON", "What was agreed on
# money?", "By Tomas Quillec"). One that names what a deal holds opens a section of its terms: a
# union bulletin's "What we won", an explainer's "What was agreed?", a release's "Key terms"; the
# section runs to the next heading.
_HEADING_WORDS = 10
# An item that says what is left ("- Production cap still in square brackets") is no term, nor
# is the story of how the talks began that a section of what was won tells ("When the talks
# opened on October 6, the PCA offered 15 billion").
_NO_TERM = re.compile(
    r"\b(?:still|yet|remains?|unresolved|outstanding|disputed|undecided)\b"
    r"|^\W*(?:When|As|Before)\s+(?:the\s+)?(?:talks|negotiations)\s+(?:opened|began|started)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"[^\n.,;:!]+\??[ \t]*(?=\n|$)")
_TERMS_HEADING = re.compile(
    r"^\W*(?:what\s+(?:we|they|[\w’'-]+(?:\s[\w’'-]+)?)\s+(?:won|got|gained|secured)|"
    r"what\s+(?:was|has\s+been|is|were|have\s+been)\s+(?:\w+\s+)?agreed|"
    r"what[’']?s\s+in\s+the\s+(?:deal|agreement|accord|settlement)|what\s+is\s+in\s+the\s+"
    r"(?:deal|agreement|accord|settlement)|(?:the\s+)?(?:key|main)\s+terms|the\s+terms|"
    r"the\s+deal[’']s\s+terms)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Heading:
    start: int
    end: int
    terms: bool  # it names a deal's terms: the section under it lists them


def _headings(doc: CleanDocument) -> list[_Heading]:
    """The document's headings after its headline, in order."""
    out = []
    for line in _HEADING.finditer(doc.text):
        start = doc.text.rfind("\n", 0, line.start()) + 1
        text = doc.text[start : line.end()].strip()
        if start != line.start() and doc.text[start : line.start()].strip():
            continue  # the end of a longer line, not a line of its own
        if not doc.text[:start].strip():
            continue  # the headline: "What was agreed in Geneva" heads the whole article
        if text and len(text.split()) <= _HEADING_WORDS:
            terms = bool(_TERMS_HEADING.search(text)) and not _NOT_TERMS.search(text)
            out.append(_Heading(start, line.end(), terms))
    return out


def listed_terms(doc: CleanDocument, sentences: list[Sentence]) -> set[str]:
    """The ids of the document's sentences (in order) that are items of a list of a deal's terms,
    or stand in a section under a heading that names them; an item telling what is left is none."""
    out: set[str] = set()
    under = False
    headings = _headings(doc)
    starts = [h.start for h in headings]
    for s in sentences:
        over = headings[bisect.bisect_right(starts, s.start) - 1] if starts and starts[0] <= s.start else None
        if over and over.terms and s.end > over.end:  # under it, not the heading itself
            if not _NO_TERM.search(s.text):
                out.add(s.id)
            continue
        line = doc.text.rfind("\n", 0, s.start) + 1
        if under and _LIST_MARKER.match(doc.text, line):
            if not _NO_TERM.search(s.text):
                out.add(s.id)
            continue
        under = bool(_TERMS_LEAD.search(s.text)) and not _NOT_TERMS.search(s.text)
    return out


def by_document(sentences: Iterable[Sentence]) -> dict[str, list[Sentence]]:
    """The sentences grouped by document id, each group in the order given."""
    out: dict[str, list[Sentence]] = {}
    for s in sentences:
        out.setdefault(s.doc_id, []).append(s)
    return out


def listed_in(documents: list[CleanDocument], sentences: list[Sentence]) -> set[str]:
    """The ids of the sentences (of these documents) that are items of a list of a deal's terms."""
    by_doc = by_document(sentences)
    return set().union(*(listed_terms(d, by_doc.get(d.doc_id, [])) for d in documents))
