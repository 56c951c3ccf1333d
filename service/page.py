"""The Brief as HTML: one template for the web page's brief and the CLI's self-contained page.

Sources are shown as their cleaned text (the text quotes are verbatim in), cut into the same
sentences, with the same ids, that citations point to; a citation chip opens its sentence.
Each claim is shown once, where the page first lists it (element id "claim-<id>"); every other
place that lists it links there instead of repeating it.
Article and model text is untrusted: the environment autoescapes every value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from service.ingest import ingest
from service.schema import Brief, Claim, ClaimRef, Document, IssueBrief, Listed, Source
from service.segment import PARAGRAPH, segment
from service.topic import TALKS
from service.wording import TIME_STAMP

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
OUTLET_CHARS = 30  # a citation chip names its source in about this many characters
SEPARATORS = " \t-–—|:·"  # what a title may trail (a dateline's dash); not part of its name
HEADLINE_CHARS = 150  # a pasted text's first line this short, with more text after it, is its headline
GIST_WORDS = 6  # a reference recalls the claim by this many of its first words, at most

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_OWNER = re.compile(r"^\W*(its|their|it|they|we|our)\b", re.IGNORECASE)


def who_note(claim: Claim) -> str | None:
    """What a reader needs to know who the claim's "he" or "she" is ("he: Witkoff"), who its "it"
    is, or whose its "its" ("its: Caldora") or its "we" ("we: Local 17"), if given."""
    if claim.who is None:
        return None
    pronoun = _OWNER.match(TIME_STAMP.sub("", claim.text, count=1)) or _PRONOUN.search(claim.text)
    return f"{pronoun.group(pronoun.lastindex or 0).lower() if pronoun else 'who'}: {claim.who.quote}"


_env.globals["who_note"] = who_note


@dataclass(frozen=True)
class Span:
    """A run of a source's text: one sentence (with its id) or the text between sentences."""

    text: str
    sentence_id: str | None = None


@dataclass(frozen=True)
class SourceText:
    """A source's cleaned text as paragraphs of spans."""

    doc_id: str
    title: str | None
    url: str | None
    published: date | datetime | None
    paragraphs: list[list[Span]]


def source_texts(documents: list[Document]) -> list[SourceText]:
    """The documents cleaned and cut into sentences exactly as the pipeline does."""
    out = []
    for doc in ingest(documents):
        sentences = segment(doc)
        paragraphs = []
        for para in PARAGRAPH.finditer(doc.text):
            spans, cursor = [], para.start()
            for s in (s for s in sentences if para.start() <= s.start < para.end()):
                if s.start > cursor:
                    spans.append(Span(doc.text[cursor : s.start]))
                spans.append(Span(s.text, s.id))
                cursor = s.end
            if cursor < para.end():
                spans.append(Span(doc.text[cursor : para.end()]))
            paragraphs.append(spans)
        out.append(SourceText(doc.doc_id, doc.title, doc.url, doc.published, paragraphs))
    return out


# --- what the page shows where ---------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One place on the page that lists a claim: the claim itself, or a link to where it is shown.

    `anchor` is set where the claim is shown (its element id); `see` where the place refers to a
    claim shown elsewhere (`claim` is None when no claim of the brief has that id).
    """

    claim: Claim | None
    anchor: str | None = None
    see: str | None = None
    where: str = ""
    above: bool = True

    @property
    def gist(self) -> str:
        return gist(self.claim.text) if self.claim else ""


@dataclass
class IssueView:
    issue: IssueBrief
    n: int
    argued: bool = True  # an issue the sides argue about; the talks' own has no status, no stance list
    basis: list[Entry] = field(default_factory=list)
    stances: list[tuple[str, list[Entry]]] = field(default_factory=list)
    reported: list[Entry] = field(default_factory=list)


@dataclass
class PartyView:
    party: str
    claims: list[Entry]
    issues: list[tuple[int, IssueBrief]]


@dataclass
class BriefView:
    """The brief laid out in page order: summary, issue cards, parties' other positions."""

    brief: Brief
    title: str
    summary: list[Entry]
    issues: list[IssueView]
    parties: list[PartyView]
    outlets: dict[str, str]  # doc id -> the short name its citation chips show
    titles: dict[str, str]  # doc id -> the source's full title (or url)
    claim_count: int


def gist(text: str, words: int = GIST_WORDS) -> str:
    """The first words of a claim, never all of them: a reminder, not a repeat."""
    split = text.split()
    keep = min(words, max(1, len(split) - 2))
    return " ".join(split[:keep]).rstrip(",;:") + "…"


def shorten(text: str, limit: int = OUTLET_CHARS) -> str:
    """`text` cut at a word to about `limit` characters, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[len(cut)].isspace() and " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]  # not into the middle of a word
    return cut.rstrip(" ,;:-–—") + "…"


def outlet(title: str | None, url: str | None) -> str | None:
    """A source's short name: its title, shortened, or its url's host."""
    if title and title.strip(SEPARATORS):
        return shorten(title.strip(SEPARATORS))  # "KYIV (Reuters) -" names Reuters' dateline
    if url and url.strip():
        try:
            host = urlsplit(url if "//" in url else "//" + url.strip()).hostname
        except ValueError:  # an unclosed "[" of an IPv6 host: the url is shown as given
            host = None
        return shorten(host.removeprefix("www.") if host else url)
    return None


def first_line(source: SourceText) -> str | None:
    """A pasted text's headline when ingest took none as its title: its first line, if short.

    Ingest takes a headline only if it reads as one (three words or more, no full stop); a
    headline such as "Talks stall" or "Will Kyiv cede Donetsk?" still names its article.
    """
    if source.title or len(source.paragraphs) < 2:
        return None  # one paragraph: the text is all body, no headline
    line = "".join(span.text for span in source.paragraphs[0]).strip()
    return line if line and "\n" not in line and len(line) <= HEADLINE_CHARS else None


@dataclass(frozen=True)
class SourceName:
    """What names a source: its title (a pasted text's headline when it has none) and its url."""

    title: str | None
    url: str | None

    @property
    def full(self) -> str | None:
        """The name a list of sources shows: the title, else the url."""
        return self.title or self.url

    @property
    def short(self) -> str | None:
        """The name a citation chip shows: the title shortened, or the url's host."""
        return outlet(self.title, self.url)


def source_name(listed: Source | None, shown: SourceText | None) -> SourceName:
    """A source's name from what the brief lists of it and, when known, its text as read."""
    title = (listed.title if listed else None) or (shown.title if shown else None)
    url = (listed.url if listed else None) or (shown.url if shown else None)
    if not title and not url and shown:
        title = first_line(shown)
    return SourceName(title, url)


def _party_order(brief: Brief, issue: IssueBrief) -> list[str]:
    order = [p.party for p in brief.parties]
    return order + list(dict.fromkeys(p.party for p in issue.positions if p.party not in order))


def brief_view(brief: Brief, sources: list[SourceText], title: str | None = None) -> BriefView:
    """Where each claim is shown (the first place the page lists it) and what refers to it."""
    by_id: dict[str, Claim] = {}
    for c in brief.listings():
        if isinstance(c, Claim) and c.id:
            by_id.setdefault(c.id, c)
    homes: dict[str, tuple[int, str, str]] = {}  # claim id -> (place number, section key, label)
    count = 0

    def place(listed: Listed, section: str, label: str) -> Entry:
        nonlocal count
        count += 1
        claim = listed if isinstance(listed, Claim) else by_id.get(listed.see)
        if claim is None:
            return Entry(None, see=listed.see if isinstance(listed, ClaimRef) else None)
        if not claim.id:  # no id (or ""): nothing can refer to it, so shown where it is listed
            return Entry(claim)
        if claim.id not in homes:
            homes[claim.id] = (count, section, label)
            return Entry(claim, anchor=f"claim-{claim.id}")
        _, home, home_label = homes[claim.id]
        return Entry(claim, see=claim.id, where="this issue" if home == section else home_label)

    summary = [place(c, "summary", "Summary") for c in brief.summary]
    issues, starts = [], []
    for n, issue in enumerate(brief.issues):
        key = f"issue-{n}"
        starts.append(count)
        view = IssueView(issue, n, argued=issue.issue != TALKS)
        if view.argued:
            order = _party_order(brief, issue)
        else:  # on the talks' card only the sides that said something on them: no row of "no stance"
            order = list(dict.fromkeys(p.party for p in issue.positions))
        for party in order:
            entries = [place(p.claim, key, issue.label) for p in issue.positions if p.party == party]
            view.stances.append((party, entries))
        view.reported = [place(c, key, issue.label) for c in issue.reported]
        issues.append(view)
    parties = [
        PartyView(
            p.party,
            [place(c, f"party-{k}", f"{p.party}'s positions") for c in p.claims],
            [(n, i) for n, i in enumerate(brief.issues) if any(x.party == p.party for x in i.positions)],
        )
        for k, p in enumerate(brief.parties)
    ]
    # The claims a status rests on, wherever the page shows them.
    for view, start in zip(issues, starts, strict=True):
        for cid in view.issue.status_basis:
            if cid not in homes:  # no claim of the brief has this id
                view.basis.append(Entry(None, see=cid))
                continue
            at, home, label = homes[cid]
            where = "this issue" if home == f"issue-{view.n}" else label
            view.basis.append(Entry(by_id[cid], see=cid, where=where, above=at <= start))

    texts = {s.doc_id: s for s in sources}
    outlets, titles = {}, {}
    for s in brief.sources:
        named = source_name(s, texts.get(s.doc_id))
        if named.short:
            outlets[s.doc_id] = named.short
        if named.full:
            titles[s.doc_id] = named.full
    for s in sources:  # sources the brief does not list still name themselves in the pane
        full = source_name(None, s).full
        if s.doc_id not in titles and full:
            titles[s.doc_id] = full
    return BriefView(
        brief=brief,
        title=title or brief.topic,
        summary=summary,
        issues=issues,
        parties=parties,
        outlets=outlets,
        titles=titles,
        claim_count=len(homes) + sum(1 for c in brief.claims() if c.id is None),
    )


def brief_fragment(brief: Brief, sources: list[SourceText], title: str | None = None) -> str:
    """The brief and its sources as an HTML fragment (the web page inserts it as is).

    `title` is the topic profile's title, shown instead of the brief's topic name when known.
    """
    view = brief_view(brief, sources, title)
    return _env.get_template("brief.html.j2").render(brief=brief, view=view, sources=sources)


def brief_page(brief: Brief, sources: list[SourceText], title: str | None = None) -> str:
    """A self-contained HTML page of the brief: styles and script inline, nothing fetched."""
    return _env.get_template("standalone.html.j2").render(
        brief=brief,
        title=title or brief.topic,
        fragment=Markup(brief_fragment(brief, sources, title)),
        css=_static("brief.css"),
        script=_static("cite.js"),
    )


def app_page(topics: list[tuple[str, str]], default_topic: str) -> str:
    """The analyst's page: the form, and room for the brief it fetches."""
    return _env.get_template("app.html.j2").render(topics=topics, default_topic=default_topic)


def _static(name: str) -> Markup:
    # Our own files, inlined into <style>/<script>: trusted, and never carry a closing tag.
    return Markup((STATIC / name).read_text(encoding="utf-8"))
