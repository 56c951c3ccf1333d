"""The model's part: whose position each evidence sentence states, and where each issue stands.

Small base models judge well when they only rank given options, so with servers that return
prompt log-probabilities every option is scored and calibrated against its score after an
empty input (removing the model's prior for the word itself). Chat models without
log-probabilities label a batch in one JSON answer instead. With the model off, a sentence
goes to the first party it names and statuses stay "unknown": that is the ablation baseline.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, create_model

from service.evidence import Evidence
from service.llm import Model, ModelError, Usage
from service.prompts import load_prompt
from service.schema import IssueStatus
from service.topic import TopicProfile

NONE = "none"
# Status wordings the base model scores, mapped to the schema's values.
_STATUS_WORDS: dict[str, IssueStatus] = {
    "agreed": "agreed",
    "getting closer": "narrowing",
    "still divided": "open",
}
_STATUS_REPORTS = 2
# A status is a claim about the sources: the model may only pick one its reports give words for.
_STATUS_CUES: dict[str, re.Pattern[str]] = {
    "agreed": re.compile(r"\b(?:agreed|agreement was reached|deal was reached|signed|accepted)\b", re.I),
    "getting closer": re.compile(
        r"\b(?:closer|narrow\w*|very close|momentum|progress toward|good things)\b", re.I
    ),
    "still divided": re.compile(
        r"\b(?:remain\w*|disput\w*|disagree\w*|sticking points?|gaps?|far apart|difficult|"
        r"reject\w*|refus\w*|unacceptable|impossible|does not want|limited progress)\b",
        re.I,
    ),
}
# Log-odds added to the sentence's lead party: the rule is the prior, the model must outweigh it.
# Measured on evals/labels/attribution.yaml (30 sentences): rule 26, model alone 17, model + rule 26.
LEAD_BONUS = 2.0


@dataclass
class Judgement:
    """Attribution per evidence id (None: no party's position) and status per issue id."""

    party: dict[str, str | None]
    status: dict[str, IssueStatus]
    prompt_versions: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


async def choose(
    model: Model,
    prompt: str,
    empty_prompt: str,
    options: list[str],
    every: list[str],
    usage: Usage,
    deadline: float,
    bonus: dict[str, float] | None = None,
) -> str:
    """The option the model ranks first after `prompt`, once each option's prior is removed.

    The prior is the option's score after `empty_prompt`, asked once over `every` option and
    kept in model.memo; `bonus` adds log-odds to chosen options (a rule's prior belief).
    """
    priors: dict[str, dict[str, float]] = model.memo.setdefault("priors", {})
    if empty_prompt not in priors:
        scores = await model.score(empty_prompt, [" " + o for o in every], usage, deadline)
        priors[empty_prompt] = dict(zip(every, scores, strict=True))
    offsets = [-priors[empty_prompt][o] + (bonus or {}).get(o, 0.0) for o in options]
    spaced = [" " + o for o in options]
    if model.capabilities.option_bias:
        return options[await model.pick(prompt, spaced, offsets, usage, deadline)]
    raw = await model.score(prompt, spaced, usage, deadline)
    return max(zip(raw, offsets, options, strict=True), key=lambda t: t[0] + t[1])[2]


def without_model(items: list[Evidence], profile: TopicProfile) -> Judgement:
    """The ablation baseline: each sentence's lead party, status unknown."""
    return Judgement(
        party={e.id: e.lead for e in items},
        status={i.id: "unknown" for i in profile.issues},
    )


async def judge(
    items: list[Evidence],
    profile: TopicProfile,
    model: Model,
    usage: Usage,
    deadline: float,
    prompts_dir: Path,
    concurrency: int = 1,
) -> Judgement:
    """Ask the model, through whichever capability it declares."""
    if model.capabilities.option_scoring:
        return await _by_scoring(items, profile, model, usage, deadline, prompts_dir, concurrency)
    if model.capabilities.structured_output != "none":
        return await _by_chat(items, profile, model, usage, deadline, prompts_dir)
    raise ModelError(f"model {model.name} declares neither option scoring nor structured output")


async def _by_scoring(items, profile, model, usage, deadline, prompts_dir, concurrency) -> Judgement:
    attribute = load_prompt(prompts_dir, "attribute")
    status = load_prompt(prompts_dir, "status")
    names = [p.name for p in profile.parties]
    examples = [e.model_dump() for e in profile.examples]
    gate = asyncio.Semaphore(concurrency)

    async def decide(
        prompt: str, empty_prompt: str, options: list[str], every: list[str], favour: str | None = None
    ) -> str:
        async with gate:
            bonus = {favour: LEAD_BONUS} if favour else None
            return await choose(model, prompt, empty_prompt, options, every, usage, deadline, bonus)

    def attribution_prompt(sentence: str) -> str:
        return attribute.render(title=profile.title, parties=names, examples=examples, sentence=sentence)

    async def whose(item: Evidence) -> str | None:
        if not item.parties:
            return None
        every = [*names, NONE]
        best = await decide(
            attribution_prompt(item.text), attribution_prompt(""), [*item.parties, NONE], every, item.lead
        )
        return None if best == NONE else best

    async def where(issue_id: str) -> IssueStatus:
        reports = [e.text for e in _reports_on(items, issue_id)]
        supported = [w for w, cue in _STATUS_CUES.items() if any(cue.search(r) for r in reports)]
        if not supported:
            return "unknown"
        if len(supported) == 1:
            return _STATUS_WORDS[supported[0]]
        best = await decide(
            status.render(issue=profile.issue(issue_id).label, reports=reports),
            status.render(issue="", reports=[]),
            supported,
            list(_STATUS_WORDS),
        )
        return _STATUS_WORDS[best]

    # A TaskGroup cancels the other questions as soon as one fails: no calls after a fallback.
    try:
        async with asyncio.TaskGroup() as group:
            parties = [group.create_task(whose(e)) for e in items]
            statuses = [group.create_task(where(i.id)) for i in profile.issues]
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None
    return Judgement(
        party={e.id: p.result() for e, p in zip(items, parties, strict=True)},
        status={i.id: s.result() for i, s in zip(profile.issues, statuses, strict=True)},
        prompt_versions=[attribute.version, status.version],
    )


def _reports_on(items: list[Evidence], issue_id: str) -> list[Evidence]:
    """The issue's most telling sentences: those that speak of its state first, then by salience."""
    on_issue = [e for e in items if issue_id in e.issues]
    telling = lambda e: any(cue.search(e.text) for cue in _STATUS_CUES.values())  # noqa: E731
    return sorted(on_issue, key=lambda e: (not telling(e), -e.salience))[:_STATUS_REPORTS]


async def _by_chat(items, profile, model, usage, deadline, prompts_dir) -> Judgement:
    prompt = load_prompt(prompts_dir, "attribute_chat")
    names = [p.name for p in profile.parties]
    issue_ids = [i.id for i in profile.issues]
    label = create_model(
        "Label",
        id=(str, ...),
        party=(Literal[tuple([*names, NONE])], ...),  # type: ignore[valid-type]
    )
    rating = create_model(
        "Rating",
        issue=(Literal[tuple(issue_ids)], ...),  # type: ignore[valid-type]
        status=(IssueStatus, ...),
    )
    answer_model: type[BaseModel] = create_model(
        "Labels",
        labels=(list[label], ...),
        statuses=(list[rating], []),  # type: ignore[valid-type]
    )
    text = prompt.render(
        title=profile.title,
        parties=names,
        issues=issue_ids,
        items=[{"id": e.id, "text": e.text} for e in items],
    )
    answer = await model.generate([{"role": "user", "content": text}], answer_model, usage, deadline)
    known = {e.id for e in items}
    judgement = without_model(items, profile)
    judgement.prompt_versions = [prompt.version]
    for lab in answer.labels:  # type: ignore[attr-defined]
        if lab.id not in known:
            shown = lab.id[:40]  # model output: bounded before it reaches warnings
            judgement.rejected.append(f"model labelled {shown!r}, which is not an evidence sentence")
            continue
        judgement.party[lab.id] = None if lab.party == NONE else lab.party
    for r in answer.statuses:  # type: ignore[attr-defined]
        judgement.status[r.issue] = r.status
    return judgement
