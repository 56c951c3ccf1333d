"""Render a Brief as Markdown: the same object as the JSON, for people."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from service.page import SourceText, source_name, who_note
from service.schema import Brief, Claim, Listed
from service.topic import TALKS

# A line break would let a value start a block of its own (a heading, a list, raw HTML).
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
# Markdown's punctuation; `_` only where it can open or close emphasis, so snake_case ids read as is.
_SPECIAL = re.compile(r"[\\`*\[\]<>#|]|(?<![^\W_])_|_(?![^\W_])")


def _escape(text: str) -> str:
    # Every string of a brief is untrusted (article text, model text, and whatever a client
    # posts to /render/markdown): keep it from turning into Markdown links, HTML or headings.
    return _SPECIAL.sub(lambda m: "\\" + m[0], _LINE_BREAK.sub(" ", text))


def _cite(claim: Claim) -> str:
    return ", ".join(_escape(c.sentence_id) for c in claim.citations)


def _tag(claim: Claim) -> str:
    return f"({_escape(claim.id)}) " if claim.id else ""


def _labelled(label: str, lines: list[str]) -> list[str]:
    """One list item under `label`: on its line when it is the only one, else nested below it."""
    if len(lines) <= 1:
        return [f"- {label} {line}" for line in lines]
    return [f"- {label}"] + [f"  - {line}" for line in lines]


def _lead(listed: Listed) -> str:
    return _tag(listed) if isinstance(listed, Claim) else ""


def to_markdown(brief: Brief, sources: Sequence[SourceText] = (), title: str | None = None) -> str:
    """The brief as Markdown, every claim followed by the sentence ids it cites.

    `sources`, the documents as read, name a pasted text that has no title by its headline;
    `title` is the topic's title (the heading names the topic's slug without it).
    """
    # Resolved once: a brief may hold thousands of references.
    by_id: dict[str, Claim] = {}
    for c in brief.claims():
        if c.id is not None:
            by_id.setdefault(c.id, c)

    def item(listed: Listed) -> str:
        """A claim with its citations; a reference names the claim shown earlier, not its text again."""
        if isinstance(listed, Claim):
            note = who_note(listed)
            named = f" ({_escape(note)}, {_escape(listed.who.sentence_id)})" if note and listed.who else ""
            return f"{_escape(listed.text)}{named} [{_cite(listed)}]"
        claim = by_id.get(listed.see)
        return f"see ({_escape(listed.see)})" + (f" [{_cite(claim)}]" if claim else "")

    out = [f"# Brief: {_escape(title or brief.topic)}", ""]
    if brief.as_of:
        out += [f"As of {brief.as_of}.", ""]
    if brief.summary:
        out += ["## Summary", ""] + [f"- {_tag(c)}{item(c)}" for c in brief.summary] + [""]
    out += ["## Issues", ""]
    for issue in brief.issues:
        basis = f" (basis: {', '.join(map(_escape, issue.status_basis))})" if issue.status_basis else ""
        # The talks' own card has no status: they are no point agreed or open.
        status = "" if issue.issue == TALKS else f" — {issue.status}{basis}"
        out += [f"### {_escape(issue.label)}{status}", ""]
        # A side with several claims, or several reports, is one label over a nested list.
        for party, held in groupby(issue.positions, key=lambda p: p.party):
            out += _labelled(f"**{_escape(party)}:**", [f"{_lead(p.claim)}{item(p.claim)}" for p in held])
        out += _labelled("Reported:", [f"{_lead(c)}{item(c)}" for c in issue.reported])
        out.append("")
    stances = [p for p in brief.parties if p.claims]
    if stances:
        out += ["## Other positions", ""]
        for party in stances:
            out += [f"**{_escape(party.party)}**", ""]
            out += [f"- {_lead(c)}{item(c)}" for c in party.claims] + [""]
    out += ["## Sources", ""]
    texts = {s.doc_id: s for s in sources}
    for s in brief.sources:
        # Named as the HTML page's list names it; a source with no name is shown by its id alone.
        name = source_name(s, texts.get(s.doc_id)).full
        extra = " · ".join(str(x) for x in (s.url if s.url != name else None, s.published) if x)
        named = f": {_escape(name)}" if name else ""
        out.append(f"- {_escape(s.doc_id)}{named}" + (f" ({_escape(extra)})" if extra else ""))
    m = brief.meta
    out += [
        "",
        "## How this brief was made",
        "",
        f"Method {m.method}; model {_escape(m.model or 'none')}; prompts {_escape(m.prompt_version)}; "
        f"{m.model_calls} model calls, {m.retries} retries, {m.tokens_in} tokens in, {m.tokens_out} out; "
        f"{m.dropped_claims} claims dropped; {m.claim_words} words from {m.source_words}; {m.latency_ms} ms.",
    ]
    if brief.warnings:
        out += ["", "Warnings:", ""] + [f"- {_escape(w)}" for w in brief.warnings]
    return "\n".join(out) + "\n"
