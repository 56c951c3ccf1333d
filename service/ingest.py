"""Ingest: article text or HTML in, the article's main text out, boilerplate stripped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from itertools import takewhile

import trafilatura

from service.characters import UNSEEN
from service.schema import Document
from service.wording import DAY, DAY_OF_MONTH, MONTH

# Boilerplate that scraped news text carries around the article. Each pattern must match a whole
# line or paragraph that is never an article sentence; they are tried on every line and again on
# every paragraph once hard-wrapped lines are joined.
_BOILERPLATE = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # Ad slots left behind by scrapers, in any spelling ("- Advertisment -", "ADVERTISEMENT").
        r"^[-–—•*\s]*(?:advertis(?:e)?ment|sponsored(?: content)?|ad)[-–—•*\s]*$",
        r"^(?:story|article) continues (?:below|after) (?:this )?advertisement\W*$",
        # Newsletter sign-up boxes: the call to action, the pitch and the form's messages.
        r"^don[’']t miss (?:out|a thing)\W*$",
        r"^join our\b.{0,60}\b(?:community|newsletter|mailing list|channel)\W*$",
        r"^our (?:free |daily |weekly )?newsletter\b.{0,150}$",
        r"^(?:sign up|subscribe)(?: now)? (?:to|for) (?:our|the)\b.{0,60}\b(?:newsletter|alerts)\b",
        # "Sign up for The Talmo Post's Morning Briefing.", "Subscribe to Zarya Online on Telegram ...",
        # "Subscribe to the Observer today.": a whole line that opens so is the call, whatever the
        # product is called.
        r"^(?:sign up|subscribe)(?: now| today| free)? (?:to|for) (?:the )?(?-i:[A-Z“\"‘'])[^!?]{0,150}$",
        r"^(?:invalid|please enter a valid) e-?mail(?: address)?\W*$",
        # Membership and donation appeals ("Support independent journalism. Become a member today.").
        r"^(?:support|help fund|fund|donate to) (?!for\b)(?:[\w-]+ ){0,2}journalism\b.{0,150}$",
        r"^become an? (?:[\w.’'-]+ ){0,4}(?:member|subscriber|supporter|patron)\b[^,;:]{0,40}$",
        # Reader-submission prompts ("Eyewitness? Submit your stories now via ...").
        r"^eyewitness\?",
        # The comment form under the article.
        r"^(?:leave a (?:comment|reply)|post a comment|add a comment|\d+ comments?)\W*$",
        r"^(?:your email address will not be published|required fields are marked)\b",
        # Copyright footers, with or without the © sign.
        r"^(?:(?:©|\(c\)|copyright)\s*)+\d{4}\b",
        # Publisher widgets and plugin badges ("Add X as a Preferred Source", "Verified by ...").
        r"^add .{1,60} as a (?:preferred|trusted) source\b.{0,20}$",
        r"^(?:verified|powered) by [\w .-]{1,40}$",
        # Inline "more stories" boxes: "- list 1 of 3<headline>" items and their end marker.
        r"^[-–•*]?\s*list \d+ of \d+",
        r"^end of list$",
        # Photo captions and their credits ("Photo: Delegates arrive on Monday. (KBN/Tomas Rell)",
        # "[Photo: ...]", "Photo caption: ..."): what a picture shows, not what the article reports.
        r"^[\[(]?\s*(?:(?:photo(?:graph)?|picture|image|video)(?: caption)?|caption|pictured)\s*:",
        # "Read more: <headline>" links into other stories.
        r"^(?:read more|also read|read also|see also|related)\s*:",
        # Bylines ("By Mara Ilieva, 14 March 2025", "By Staff | Tuesday, April 14, 2026"); a
        # sentence opening "By ..." ends in a stop.
        r"^by (?-i:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})(?:(?:,| and | ?\| ).{0,60})?(?<![.!?])$",
        # Mastheads: the outlet and the date ("Bay Ledger Business, March 11, 2026", "The Harbor
        # Times - Tuesday, March 10, 2026"), or the date alone. Under a headline that ends on a
        # word like "on", such a line would otherwise be joined to it as a wrapped line.
        r"^(?:(?-i:[A-Z][\w.’'&-]*(?: [A-Z][\w.’'&-]*){0,5})\s*(?:,|\||[-–—])\s*)?(?:" + DAY + r",?\s+)?"
        r"(?:" + MONTH + r"\.? \d{1,2},? \d{4}|\d{1,2} " + MONTH + r",? \d{4})$",
        # Separator debris: no letters or digits at all ("|", "* * *").
        r"^\W*$",
        # Press-release disclaimers: heading and text in one paragraph, or the text alone
        # ("MENAFN provides the information “as is” without warranty of any kind. ...").
        r"^(?:legal )?disclaimer\s*:\s*\S",
        r"^\S[^.]{0,80}? provides? (?:this|the)\b[\w ]{0,30}\W+as is\W+without warranty\b",
    )
)
# A heading over a list of links to other stories; the headline-like lines after it go too.
_SECTION_HEAD = re.compile(
    r"^(?:related (?:news|articles?|stories|posts|coverage|content)|more (?:news|stories)"
    r"|most (?:popular|read|viewed|shared)|trending(?: now| news| stories)?|top stories"
    r"|latest (?:news|stories)|recommended(?: for you| stories)?|read next"
    r"|you (?:may|might) also (?:like|be interested in))\W*$",
    re.IGNORECASE,
)
# A kicker over the headline: short labels between bars ("ANALYSIS | SPECTRUM & ORBITS", "THE
# CORVENA LEDGER | Business | Analysis"). It is no headline, and the article reports nothing in it.
_KICKER = re.compile(r"^[^\s|]+(?: [^\s|]+){0,2}(?: \| [^\s|]+(?: [^\s|]+){0,2})+$")
# A disclaimer heading alone on its line: the paragraph after it is the disclaimer text.
_DISCLAIMER_HEAD = re.compile(r"^(?:legal )?disclaimer\s*:?$", re.IGNORECASE)

_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?]['\"’”)\]]*$")  # "..." is a cut, not an end
_ELLIPSIS = re.compile(r"\s*(?:\.{3}|…)$")
# A line that stops on a comma or a function word was hard-wrapped mid-sentence.
_WRAPPED = re.compile(r"(?:,|\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|that))$")
_HEADLINE_MAX = 200


@dataclass(frozen=True)
class CleanDocument:
    """An article's main text after cleaning; sentence offsets refer to `text`."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | datetime | None = None
    # The text opens with the headline as a paragraph of its own: a headline is often the single
    # most important fact, so it is evidence (sentence s0) like any other sentence.
    headline: bool = False
    # The date the article's header or dateline gives, as written ("Wednesday 18 November 2026",
    # "Nov 3"): cleaning drops the masthead's date line, but a step to come before it has passed.
    dated: str | None = None


# The header's lines that may date the article: its first few, before the body.
_HEADER_LINES = 5
_HEADER_WORDS = 12
# A masthead's or live blog's date with its year ("The Bellwether | Wednesday 18 November 2026",
# "Last updated Tuesday 17 November 2026, 00:35"); a headline's date has none.
_DATED = re.compile(r"\b(?:" + DAY_OF_MONTH + r"),?\s+(?:19|20)\d\d\b", re.IGNORECASE)
# A wire's dateline: "BRENNSHOLT, Nov 3 (Stonechat) - ", "ALDERMOOR, 4 November (CWS) - ".
_DATELINE_DATE = re.compile(r"^[A-Z][A-Z .'’/-]+,\s+(?:[A-Z][a-z]+,\s+)?(" + DAY_OF_MONTH + r")\b")


def header_date(text: str) -> str | None:
    """The date the article's header gives (a short line's date with its year), or its wire
    dateline's, as written; None when its first lines give none."""
    for line in [line.strip() for line in text.splitlines() if line.strip()][:_HEADER_LINES]:
        if dateline := _DATELINE_DATE.match(line):
            return dateline.group(1)
        if len(line.split()) <= _HEADER_WORDS and (dated := _DATED.search(line)):
            return dated.group()
    return None


# Markdown a pasted text may carry, as HTML carries tags: a heading's or a quotation's marker at
# the start of a line, an image, a link's target, emphasis around words. What it marks stays.
_MARKDOWN = (
    (re.compile(r"^[ \t]*(?:#{1,6}|>+)[ \t]+", re.MULTILINE), ""),
    (re.compile(r"!\[([^\]\n]*)\]\([^)\s]*\)"), ""),
    (re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|www\.)[^)\s]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])"), r"\2"),
)


def unmark(text: str) -> str:
    """Plain text with Markdown's markup removed and what it marks kept."""
    for pattern, kept in _MARKDOWN:
        text = pattern.sub(kept, text)
    return text


def ingest(documents: list[Document]) -> list[CleanDocument]:
    """Clean every document; ids default to d1, d2, ... in request order."""
    out = []
    for i, doc in enumerate(documents):
        title = " ".join((doc.title or "").translate(UNSEEN).split()) or None
        raw = unmark(doc.text or "")
        if doc.html is not None:
            raw, page_title = html_to_text(doc.html)
            title = title or page_title
        text, headline = clean_text(raw.translate(UNSEEN), title)
        if not text:
            raise ValueError(f"documents[{i}] has no article text after cleaning")
        doc_id = doc.id or f"d{i + 1}"
        title = title or headline
        if title:
            text = f"{title}\n\n{text}"
        out.append(
            CleanDocument(
                doc_id, text, title, doc.url, doc.published, headline=bool(title), dated=header_date(raw)
            )
        )
    return out


def html_to_text(html: str) -> tuple[str, str | None]:
    """The main text of an HTML page (one paragraph per line) and the page's title."""
    # favor_recall: losing an article paragraph costs more than keeping a stray line.
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not any(_SENTENCE_END.search(line) for line in (text or "").splitlines()):
        # No prose (None, or only nav links): trafilatura prunes containers whose class starts
        # with "comment", say, and can lose the whole article; never drop it silently.
        text = _strip_tags(html).strip() or text or ""
    title = getattr(trafilatura.extract_metadata(html), "title", None)
    return text, " ".join(title.translate(UNSEEN).split()) if title else None


def clean_text(text: str, title: str | None = None) -> tuple[str, str | None]:
    """Article paragraphs separated by blank lines, and the headline the text opened with.

    Copies of the headline and of `title` (whole, cut short with "...", or behind a
    breadcrumb) are removed, as are a kicker over it, `_BOILERPLATE` and link lists under
    `_SECTION_HEAD`.
    """
    paragraphs = _paragraphs(text)
    while paragraphs and _KICKER.match(paragraphs[0]):
        paragraphs.pop(0)
    headline = _headline(paragraphs)
    titles = [t for t in (title, headline) if t]
    kept: list[str] = []
    in_links = skip_next = False
    for para in paragraphs:
        if skip_next or any(_repeats(para, t) for t in titles):
            skip_next = False
            continue
        if _SECTION_HEAD.match(para):
            in_links = True
            continue
        if in_links and _headline_like(para):
            continue
        in_links = False
        if _DISCLAIMER_HEAD.match(para):
            skip_next = True
        elif not _is_boilerplate(para):
            kept.append(para)
    return "\n\n".join(kept), headline


def _paragraphs(text: str) -> list[str]:
    """Paragraphs from blank-line separated or one-per-line text, hard-wrapped lines joined."""
    paragraphs: list[str] = []
    joinable = False  # the previous line may continue on this one
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line or _is_boilerplate(line):
            joinable = False
            continue
        if joinable and (line[0].islower() or _WRAPPED.search(paragraphs[-1])):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        joinable = not _SENTENCE_END.search(line) and not line.endswith((":", ";"))
    return paragraphs


def _is_boilerplate(line: str) -> bool:
    return any(p.search(line) for p in _BOILERPLATE)


def _headline_like(para: str) -> bool:
    return len(para) < _HEADLINE_MAX and not _SENTENCE_END.search(para)


def _headline(paragraphs: list[str]) -> str | None:
    """The first headline-like paragraph before the prose starts, skipping cut-short copies."""
    lead = list(takewhile(_headline_like, paragraphs))
    if len(lead) == len(paragraphs):
        return None  # no prose follows: a one-line text without a full stop is the article
    for para in lead:
        if not _ELLIPSIS.search(para) and len(para.split()) >= 3 and not para.endswith(":"):
            return para
    return None


def _repeats(para: str, title: str) -> bool:
    """True if `para` is `title` again: whole, cut short, or glued to a breadcrumb ("HomeNews")."""
    if para == title:
        return True
    stem = _ELLIPSIS.sub("", para)
    if stem == para and not _headline_like(para):
        return False
    # The last copy of the title's start: a breadcrumb glued before it may begin the same way.
    at = stem.rfind(title[:20])
    tail = stem[at:]  # when found, it holds title[:20] at least
    if at < 0 or not title.startswith(tail):
        return False
    return stem != para or len(tail) == len(title) or not title[len(tail)].isalnum()


class _TextOnly(HTMLParser):
    """Visible text of a page outside page chrome, a line break at every block element."""

    # Page chrome too, but not <header>/<form>: some pages wrap the whole article in them.
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "title"})
    SKIP |= {"nav", "aside", "footer"}
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "tr", "pre", "blockquote", "figcaption", "section"}
        | {"article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag in self.SKIP
        self.parts.append("\n" if tag in self.BLOCKS else "")

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in self.SKIP and self.depth > 0
        self.parts.append("\n" if tag in self.BLOCKS else "")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(re.sub(r"\s+", " ", data))  # source line breaks are not paragraphs


def _strip_tags(html: str) -> str:
    """Fallback extraction with the stdlib parser: the page's text, one block per line."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
