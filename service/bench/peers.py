"""What users would build instead of Brief, on the same model and schema, scored like Brief.

- naive: every article in one prompt, the whole brief asked for as JSON, json.loads + pydantic,
  no retries;
- instructor: the instructor library in JSON mode with max_retries=2;
- extractive: Brief's pipeline with the model step off;
- brief: Brief's pipeline.

Every peer's output is scored by the evals' scorer against the seed case's hand-written facts,
and its claims are checked by the service's own verifier. Failures are recorded, not hidden:
output that is not valid JSON for the schema scores schema validity 0 and recall 0.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openai
from pydantic import BaseModel, ValidationError

from service.briefing import make_brief
from service.evals.cases import Case
from service.evals.scorer import score_case
from service.ingest import ingest
from service.llm import Model
from service.prompts import load_prompt
from service.schema import Brief, Claim, IssueBrief, Meta, PartyBrief, Source
from service.settings import Settings, get_settings
from service.topic import TopicProfile, load_profile
from service.verify import Sources, check_claim

_SHOWN_CHARS = 600  # of a peer's raw output, kept in bench.json to show what went wrong


class BriefDraft(BaseModel):
    """The Brief as a model is asked to write it: what the service itself fills in (sources, meta,
    warnings) is left out."""

    topic: str
    as_of: date | datetime | None = None
    summary: list[Claim]
    parties: list[PartyBrief]
    issues: list[IssueBrief]


@dataclass
class PeerResult:
    """One peer's brief of the seeds, scored."""

    name: str
    schema_validity: float
    fact_recall: float
    facts_found: int
    facts: int
    # Of the facts found, the share stated under the right party and issue.
    right_place: float | None
    compression: float | None
    # Citations whose quote is verbatim in the cited document (the evals' measure).
    citation_validity: float | None
    # Claims the service's verifier accepts: cited sentences exist and support every content word.
    supported_claims: float | None
    claims: int
    latency_s: float
    prompt_tokens: int | None
    completion_tokens: int | None
    attempts: int
    error: str | None = None
    output_head: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """For bench.json."""
        return asdict(self)


@dataclass
class _Run:
    """What a peer produced and what it cost, before scoring."""

    brief: Brief | None
    latency_s: float
    prompt_tokens: int | None
    completion_tokens: int | None
    attempts: int
    error: str | None = None
    output: str | None = None


def _sources(case: Case) -> Sources:
    settings = get_settings()
    profile = load_profile(case.profile(), settings.prompts_dir / "topics", settings.topic)
    return Sources.of(ingest(case.request().documents), profile)


def _resolve(claim: Claim, sources: Sources) -> Claim:
    """A peer cannot know the service's sentence ids: cite the sentence of its doc holding the quote."""
    citations = []
    for c in claim.citations:
        sentence = sources.sentences.get(c.sentence_id)
        if sentence is None or sentence.doc_id != c.doc_id or c.quote not in sentence.text:
            holder = sources.holding(c.doc_id, c.quote)
            if holder is not None:
                c = c.model_copy(update={"sentence_id": holder.id})
        citations.append(c)
    return claim.model_copy(update={"citations": citations})


def _supported(brief: Brief, sources: Sources) -> float | None:
    claims = brief.claims()
    if not claims:
        return None
    return sum(check_claim(_resolve(c, sources), sources) is None for c in claims) / len(claims)


def score(name: str, case: Case, run: _Run) -> PeerResult:
    """Score a peer's run with the evals' scorer and the service's verifier."""
    common: dict[str, Any] = {
        "name": name,
        "facts": len(case.facts),
        "latency_s": round(run.latency_s, 2),
        "prompt_tokens": run.prompt_tokens,
        "completion_tokens": run.completion_tokens,
        "attempts": run.attempts,
        "error": run.error,
        "output_head": run.output[:_SHOWN_CHARS] if run.output is not None else None,
    }
    if run.brief is None:
        return PeerResult(
            **common,
            schema_validity=0.0,
            fact_recall=0.0,
            facts_found=0,
            right_place=None,
            compression=None,
            citation_validity=None,
            supported_claims=None,
            claims=0,
        )
    result = score_case(case, run.brief, case.texts())
    return PeerResult(
        **common,
        schema_validity=1.0,
        fact_recall=result.fact_recall or 0.0,
        facts_found=sum(f.found for f in result.facts),
        right_place=result.right_place,
        compression=result.compression,
        citation_validity=result.citation_validity,
        supported_claims=_supported(run.brief, _sources(case)),
        claims=len(run.brief.claims()),
    )


def _as_brief(draft: BriefDraft, case: Case, prompt_version: str, model: str, run: dict[str, Any]) -> Brief:
    """The draft completed as the caller's code would: sources and meta from what it knows."""
    texts = case.texts()
    return Brief(
        **draft.model_dump(),
        sources=[
            Source(doc_id=i, url=p.name, words=len(texts[i].split()))
            for i, p in zip(case.doc_ids, case.documents, strict=True)
        ],
        meta=Meta(model=model, prompt_version=prompt_version, method="llm", **run),
    )


def peer_prompt(prompts_dir: Path, case: Case, profile: TopicProfile, with_schema: bool) -> tuple[str, str]:
    """(text, version) of the peers' prompt: topic, parties, issue ids, every article; the schema too
    unless the library adds it itself."""
    prompt = load_prompt(prompts_dir / "bench", "peer")
    text = prompt.render(
        title=profile.title,
        parties=[p.name for p in profile.parties],
        issues=[{"id": i.id, "label": i.label} for i in profile.issues],
        schema=json.dumps(BriefDraft.model_json_schema()) if with_schema else None,
        articles=[{"id": i, "text": t} for i, t in case.texts().items()],
    )
    return text, prompt.version


def _tokens(usage: Any) -> tuple[int | None, int | None]:
    if usage is None:
        return None, None
    return usage.prompt_tokens, usage.completion_tokens


async def naive(
    client: openai.AsyncOpenAI, model: str, case: Case, settings: Settings, max_tokens: int, timeout_s: float
) -> PeerResult:
    """One chat call with everything in it; json.loads and pydantic on the reply, no retries."""
    profile = load_profile(case.profile(), settings.prompts_dir / "topics", settings.topic)
    text, version = peer_prompt(settings.prompts_dir, case, profile, with_schema=True)
    started = time.monotonic()
    try:
        response = await client.chat.completions.create(
            model=model,
            messages=[{"role": "user", "content": text}],
            temperature=0.0,
            max_tokens=max_tokens,
            timeout=timeout_s,
        )
    except openai.OpenAIError as e:
        return score("naive", case, _Run(None, time.monotonic() - started, None, None, 1, _error(e)))
    latency = time.monotonic() - started
    choice = response.choices[0] if response.choices else None
    content = (choice.message.content or "") if choice else ""
    cut = f" (cut off at max_tokens={max_tokens})" if choice and choice.finish_reason == "length" else ""
    prompt_tokens, completion_tokens = _tokens(response.usage)
    run = _Run(None, latency, prompt_tokens, completion_tokens, 1, output=content)
    try:
        draft = BriefDraft.model_validate(json.loads(content))
    except json.JSONDecodeError as e:
        run.error = f"not JSON{cut}: {e}"
    except ValidationError as e:
        run.error = f"JSON, but not a brief{cut}: {e.error_count()} schema error(s), first: {_first(e)}"
    else:
        meta = {"tokens_in": prompt_tokens or 0, "tokens_out": completion_tokens or 0, "model_calls": 1}
        run.brief = _as_brief(draft, case, version, model, meta)
    return score("naive", case, run)


class _Attempts:
    """What instructor's hooks report: one call per attempt, tokens summed, the last reply kept."""

    def __init__(self) -> None:
        self.calls = 0
        self.prompt_tokens: int | None = None
        self.completion_tokens: int | None = None
        self.last: str | None = None

    def called(self, *args: Any, **kwargs: Any) -> None:
        self.calls += 1

    def answered(self, response: Any) -> None:
        prompt, completion = _tokens(getattr(response, "usage", None))
        if prompt is not None:
            self.prompt_tokens = (self.prompt_tokens or 0) + prompt
            self.completion_tokens = (self.completion_tokens or 0) + (completion or 0)
        choices = getattr(response, "choices", None)
        self.last = choices[0].message.content if choices else None


async def with_instructor(
    client: openai.AsyncOpenAI, model: str, case: Case, settings: Settings, max_tokens: int, timeout_s: float
) -> PeerResult:
    """instructor in JSON mode with max_retries=2 (three attempts), on the same schema; instructor
    takes timeout_s as the bound of each call and of all attempts together."""
    import instructor
    from instructor.core.exceptions import InstructorError

    profile = load_profile(case.profile(), settings.prompts_dir / "topics", settings.topic)
    text, version = peer_prompt(settings.prompts_dir, case, profile, with_schema=False)
    patched = instructor.from_openai(client, mode=instructor.Mode.JSON)
    seen = _Attempts()
    patched.on("completion:kwargs", seen.called)
    patched.on("completion:response", seen.answered)
    started = time.monotonic()
    try:
        draft = await patched.chat.completions.create(
            model=model,
            response_model=BriefDraft,
            messages=[{"role": "user", "content": text}],
            max_retries=2,
            temperature=0.0,
            max_tokens=max_tokens,
            timeout=timeout_s,
        )
    except InstructorError as e:
        error = f"{type(e).__name__} after {seen.calls} attempt(s): {_why(e)}"
        run = _Run(None, time.monotonic() - started, seen.prompt_tokens, seen.completion_tokens, seen.calls)
        run.error, run.output = error, seen.last
        return score("instructor", case, run)
    latency = time.monotonic() - started
    meta = {
        "tokens_in": seen.prompt_tokens or 0,
        "tokens_out": seen.completion_tokens or 0,
        "model_calls": seen.calls,
    }
    brief = _as_brief(draft, case, version, model, meta)
    run = _Run(brief, latency, seen.prompt_tokens, seen.completion_tokens, seen.calls, None, seen.last)
    return score("instructor", case, run)


async def with_pipeline(name: str, case: Case, model: Model | None, settings: Settings) -> PeerResult:
    """Brief's own pipeline (model None: the extractive ablation), scored as the peers are."""
    started = time.monotonic()
    brief = await make_brief(case.request(use_model=model is not None), model, settings)
    latency = time.monotonic() - started
    output = brief.model_dump_json()
    valid = Brief.model_validate_json(output)  # the same check the peers' JSON gets
    run = _Run(
        valid, latency, brief.meta.tokens_in, brief.meta.tokens_out, brief.meta.model_calls, None, None
    )
    return score(name, case, run)


def _why(error: Exception) -> str:
    """The last attempt's failure in a line: instructor's own message is a multi-line XML dump."""
    failed = getattr(error, "failed_attempts", None)
    cause = failed[-1].exception if failed else (error.__cause__ or error)
    if isinstance(cause, ValidationError):
        return f"{cause.error_count()} schema error(s), first: {_first(cause)}"
    return f"{type(cause).__name__}: {str(cause).strip()[:300]}"


def _first(error: ValidationError) -> str:
    e = error.errors()[0]
    return f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"


def _error(e: openai.OpenAIError) -> str:
    status = getattr(e, "status_code", None)
    return f"{type(e).__name__}" + (f" (HTTP {status})" if status else "") + f": {str(e)[:300]}"
