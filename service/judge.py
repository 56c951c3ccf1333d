"""The model's part: where an issue stands when the sources leave it undecided and the chosen
claims support more than one status, and, for chat models, whose position each claim states.

Small base models judge well when they only rank given options, so with servers that return
prompt log-probabilities every option is scored and calibrated against its score after an
empty input (removing the model's prior for the word itself). Whose position a claim states
is the rule's (attribute.py) on this path: on the hand labels the model did not beat it.
Chat models without log-probabilities answer one JSON object instead; every answer is checked
against the rule's options, and one outside them is repaired to the rule's answer and counted.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, create_model

from service.compose import Judgement
from service.evidence import Evidence
from service.llm import ModelError, ModelSession
from service.prompts import Prompt, load_prompt
from service.schema import IssueStatus
from service.topic import TopicProfile

NONE = "none"
# Status wordings the base model scores, mapped to the schema's values.
_STATUS_WORDS: dict[str, IssueStatus] = {
    "agreed": "agreed",
    "getting closer": "narrowing",
    "still divided": "open",
}
_WORD_OF = {v: k for k, v in _STATUS_WORDS.items()}
# Claims shown to the model per status question.
_STATUS_REPORTS = 4


async def choose(
    session: ModelSession,
    prompt: str,
    empty_prompt: str,
    options: list[str],
    every: list[str],
    bonus: dict[str, float] | None = None,
) -> str:
    """The option the model ranks first after `prompt`, once each option's prior is removed.

    The prior is the option's score after `empty_prompt`, asked once over `every` option and
    kept in the model's Priors; `bonus` adds log-odds to chosen options (a rule's prior belief).
    """
    model = session.model
    prior = model.priors.get(empty_prompt)
    if prior is None:
        scores = _one_each(await session.score(empty_prompt, [" " + o for o in every]), every)
        prior = dict(zip(every, scores, strict=True))
        model.priors.keep(empty_prompt, prior)
    offsets = [-prior[o] + (bonus or {}).get(o, 0.0) for o in options]
    spaced = [" " + o for o in options]
    if model.capabilities.option_bias:
        return options[await session.pick(prompt, spaced, offsets)]
    raw = _one_each(await session.score(prompt, spaced), options)
    return max(zip(raw, offsets, options, strict=True), key=lambda t: t[0] + t[1])[2]


def _one_each(scores: list[float], options: list[str]) -> list[float]:
    """The scores, when there is one per option: otherwise the model failed, and the rule decides."""
    if len(scores) != len(options):
        raise ModelError(f"model returned {len(scores)} scores for {len(options)} options")
    return scores


def without_model(items: list[Evidence]) -> Judgement:
    """The rule alone: each claim's speaker; statuses from the claims' cue words."""
    return Judgement(party={e.id: e.speaker for e in items})


async def judge(
    items: list[Evidence],
    support: dict[str, dict[IssueStatus, list[str]]],
    profile: TopicProfile,
    session: ModelSession,
    prompts_dir: Path,
    concurrency: int,
) -> Judgement:
    """Ask the model, through whichever capability it declares.

    `support` gives, per issue id, the statuses the chosen claims state (evidence ids each).
    """
    capabilities = session.model.capabilities
    if capabilities.option_scoring:
        return await _by_scoring(items, support, profile, session, prompts_dir, concurrency)
    if capabilities.structured_output != "none":
        return await _by_chat(items, support, profile, session, prompts_dir)
    raise ModelError(f"model {session.model.name} declares neither option scoring nor structured output")


async def _by_scoring(items, support, profile, session, prompts_dir, concurrency) -> Judgement:
    status = load_prompt(prompts_dir, "status")
    text_of = {e.id: e.text for e in items}
    gate = asyncio.Semaphore(concurrency)

    async def where(issue_id: str) -> IssueStatus:
        said = {s: [text_of[i] for i in ids] for s, ids in support[issue_id].items()}
        async with gate:
            return await status_among(session, status, profile.issue(issue_id).label, said)

    # Only issues whose claims support two statuses or more are a question at all.
    asked = [i for i, s in support.items() if len(s) >= 2]
    # A TaskGroup cancels the other questions as soon as one fails: no calls after a fallback.
    try:
        async with asyncio.TaskGroup() as group:
            answers = {i: group.create_task(where(i)) for i in asked}
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None
    judgement = without_model(items)
    judgement.status = {i: a.result() for i, a in answers.items()}
    judgement.prompt_versions = [status.version] if asked else []
    return judgement


async def status_among(
    session: ModelSession, prompt: Prompt, issue: str, said: dict[IssueStatus, list[str]]
) -> IssueStatus:
    """The status the model ranks first among those the reports say (`said`: status -> the
    reports that say it), each option's prior removed."""
    reports = [text for texts in said.values() for text in texts][:_STATUS_REPORTS]
    best = await choose(
        session,
        prompt.render(issue=issue, reports=reports),
        prompt.render(issue="", reports=[]),
        [_WORD_OF[s] for s in said],
        list(_STATUS_WORDS),
    )
    return _STATUS_WORDS[best]


async def _by_chat(items, support, profile, session, prompts_dir) -> Judgement:
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
    answer = await session.generate([{"role": "user", "content": text}], answer_model)
    by_id = {e.id: e for e in items}
    judgement = without_model(items)
    judgement.prompt_versions = [prompt.version]
    for lab in answer.labels:  # type: ignore[attr-defined]
        item = by_id.get(lab.id)
        if item is None:
            shown = lab.id[:40]  # model output: bounded before it reaches warnings
            judgement.rejected.append(f"party: model labelled {shown!r}, which is not a claim; dropped")
            continue
        party = None if lab.party == NONE else lab.party
        # The party must be named in the claim: a label naming anyone else is unsupported.
        if party is not None and party not in item.parties:
            judgement.rejected.append(
                f"party: {lab.id} is not {party}'s position (the claim does not name it); "
                "repaired to the rule's"
            )
            continue
        judgement.party[lab.id] = party
    for r in answer.statuses:  # type: ignore[attr-defined]
        if r.status == "unknown" or r.status in support.get(r.issue, {}):
            judgement.status[r.issue] = r.status
        else:
            judgement.rejected.append(
                f"status: no claim on {r.issue} says {r.status!r}; repaired to the rule's"
            )
    return judgement
