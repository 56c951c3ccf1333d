"""The Brief as HTML: one template for the web page's brief and the CLI's self-contained page.

Sources are shown as their cleaned text (the text quotes are verbatim in), cut into the same
sentences, with the same ids, that citations point to; a citation chip opens its sentence.
Article and model text is untrusted: the environment autoescapes every value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from service.ingest import ingest
from service.schema import Brief, Claim, Document, IssueBrief
from service.segment import PARAGRAPH, segment

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


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


def stances(brief: Brief, issue: IssueBrief) -> list[tuple[str, list[Claim]]]:
    """Every party's claims on the issue, in the brief's party order; an empty list is no stance."""
    order = [p.party for p in brief.parties]
    order += [p.party for p in issue.positions if p.party not in order]
    return [(party, [p.claim for p in issue.positions if p.party == party]) for party in order]


def party_issues(brief: Brief, party: str) -> list[tuple[int, IssueBrief]]:
    """The issues (with their index in the brief) on which the party has a position."""
    return [(n, i) for n, i in enumerate(brief.issues) if any(p.party == party for p in i.positions)]


def brief_fragment(brief: Brief, sources: list[SourceText]) -> str:
    """The brief and its sources as an HTML fragment (the web page inserts it as is)."""
    return _env.get_template("brief.html.j2").render(brief=brief, sources=sources)


def brief_page(brief: Brief, sources: list[SourceText]) -> str:
    """A self-contained HTML page of the brief: styles and script inline, nothing fetched."""
    return _env.get_template("standalone.html.j2").render(
        brief=brief,
        fragment=Markup(brief_fragment(brief, sources)),
        css=_static("brief.css"),
        script=_static("cite.js"),
    )


_env.globals.update(stances=stances, party_issues=party_issues)


def app_page(topics: list[tuple[str, str]], default_topic: str) -> str:
    """The analyst's page: the form, and room for the brief it fetches."""
    return _env.get_template("app.html.j2").render(topics=topics, default_topic=default_topic)


def _static(name: str) -> Markup:
    # Our own files, inlined into <style>/<script>: trusted, and never carry a closing tag.
    return Markup((STATIC / name).read_text(encoding="utf-8"))
