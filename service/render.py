"""Render a Brief as Markdown: the same object as the JSON, for people."""

from __future__ import annotations

from service.schema import Brief, Claim, Listed


def _cite(claim: Claim) -> str:
    return ", ".join(c.sentence_id for c in claim.citations)


def _item(brief: Brief, listed: Listed) -> str:
    """A claim with its citations; a reference names the claim shown earlier, not its text again."""
    if isinstance(listed, Claim):
        return f"{_escape(listed.text)} [{_cite(listed)}]"
    claim = brief.resolve(listed)
    return f"see ({listed.see})" + (f" [{_cite(claim)}]" if claim else "")


def _tag(claim: Claim) -> str:
    return f"({claim.id}) " if claim.id else ""


def _lead(listed: Listed) -> str:
    return _tag(listed) if isinstance(listed, Claim) else ""


def _escape(text: str) -> str:
    # Article text is untrusted: keep it from turning into Markdown links, HTML or headings.
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown, every claim followed by the sentence ids it cites."""
    out = [f"# Brief: {brief.topic}", ""]
    if brief.as_of:
        out += [f"As of {brief.as_of}.", ""]
    if brief.summary:
        out += ["## Summary", ""] + [f"- {_tag(c)}{_item(brief, c)}" for c in brief.summary] + [""]
    out += ["## Issues", ""]
    for issue in brief.issues:
        basis = f" (basis: {', '.join(issue.status_basis)})" if issue.status_basis else ""
        out += [f"### {_escape(issue.label)} — {issue.status}{basis}", ""]
        out += [f"- **{_escape(p.party)}:** {_lead(p.claim)}{_item(brief, p.claim)}" for p in issue.positions]
        out += [f"- Reported: {_lead(c)}{_item(brief, c)}" for c in issue.reported]
        out.append("")
    stances = [p for p in brief.parties if p.claims]
    if stances:
        out += ["## Other positions", ""]
        for party in stances:
            out += [f"**{_escape(party.party)}**", ""]
            out += [f"- {_lead(c)}{_item(brief, c)}" for c in party.claims] + [""]
    out += ["## Sources", ""]
    for s in brief.sources:
        title = _escape(s.title or "(untitled)")
        extra = " · ".join(str(x) for x in (s.url, s.published) if x)
        out.append(f"- {s.doc_id}: {title}" + (f" ({_escape(extra)})" if extra else ""))
    m = brief.meta
    out += [
        "",
        "## How this brief was made",
        "",
        f"Method {m.method}; model {m.model or 'none'}; prompts {m.prompt_version}; "
        f"{m.model_calls} model calls, {m.retries} retries, {m.tokens_in} tokens in, {m.tokens_out} out; "
        f"{m.dropped_claims} claims dropped; {m.claim_words} words from {m.source_words}; {m.latency_ms} ms.",
    ]
    if brief.warnings:
        out += ["", "Warnings:", ""] + [f"- {_escape(w)}" for w in brief.warnings]
    return "\n".join(out) + "\n"
