"""The pipeline, top to bottom: documents in, a verified and cited Brief out."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from service import relevance, write
from service import status as statuses
from service.attribute import Parties, learn_people
from service.compose import Judgement, compose, entry_order, reading_order
from service.contested import restated
from service.dedupe import Unit, dedupe
from service.draft import draft_profile
from service.errors import DeadlinePassed, InputError, InputTooLarge, ModelFailed
from service.evidence import Evidence, is_fragment, reads_alone, tag
from service.ingest import CleanDocument, ingest
from service.judge import judge, without_model
from service.llm import DeadlineExceeded, Model, ModelError, ModelSession, Usage
from service.schema import Brief, BriefRequest, IssueStatus, Meta, Source
from service.screen import screen
from service.segment import Sentence, listed_in, segment
from service.select import (
    DEAL_MADE,
    ahead,
    article_day,
    belongs,
    concepts,
    day_numbers,
    later,
    on_the_talks,
    overtaken,
    passed,
    select,
    who_met,
)
from service.settings import Settings
from service.topic import (
    FIT_ISSUE_SHARE,
    FIT_ISSUES,
    FIT_NAMED_PARTIES,
    FIT_SHARE,
    TALKS,
    TopicProfile,
    WordPattern,
    fit,
    load_profile,
    pick_profile,
)
from service.verify import Sources, verify_brief
from service.wording import CALENDAR, MOVED, TIME_OF_DAY, word_count

Progress = Callable[[str], None]
T = TypeVar("T")


@dataclass
class Chosen:
    """What the rule steps made of the documents, for the model and the composer."""

    profile: TopicProfile
    documents: list[CleanDocument]
    sentences: list[Sentence]
    parties: Parties
    cues: dict[IssueStatus, WordPattern]
    pool: list[Evidence]  # the clauses the brief chose from
    chosen: list[Evidence]
    source_words: int
    budget: int  # the most words the brief may take
    # Where each issue stands by all the sources' clauses on it (one of which is chosen).
    standing: dict[str, IssueStatus]
    terms: set[str]  # the sentences that are items of a list of a deal's terms (segment.listed_in)
    past: set[str]  # the clauses telling a step to come whose day had passed by the newest article
    warnings: list[str] = field(default_factory=list)
    drafted: TopicProfile | None = None  # the profile drafted from the articles, when none was given


async def make_brief(
    request: BriefRequest, model: Model | None, settings: Settings, progress: Progress | None = None
) -> Brief:
    """Brief the request's documents; falls back to an extractive brief if the model fails."""
    started = time.monotonic()
    deadline = started + settings.deadline_s
    say = progress or (lambda _: None)
    # The rule steps are CPU work: off the event loop, so /healthz and other requests answer.
    read = await off_loop(read_and_choose, request, settings, deadline, say)
    chosen, profile, cues, warnings = read.chosen, read.profile, read.cues, read.warnings

    use_model = settings.use_model and request.options.use_model
    # This brief's calls alone: the model may be briefing other requests meanwhile.
    session = ModelSession(model, deadline) if use_model and model is not None else None
    repaired = 0
    method = "llm" if session else "extractive"
    judgement = without_model(chosen)
    if session is None:
        warnings.append("model step off: the rule decides every party and status")
    else:
        # The model is asked only where the sources leave an issue undecided (see compose).
        support = {
            i.id: statuses.supported(
                {e.id: e.text for e in chosen if i.id in e.issues},
                cues,
                profile.issue_patterns.get(i.id),
                listed=listed(chosen, read.terms),
            )
            for i in profile.argued()
            if i.id not in read.standing
        }
        say(f"model {session.model.name}: judging")
        try:
            judgement = await judge(
                chosen, support, profile, session, settings.prompts_dir, settings.model_concurrency
            )
        except ModelError as e:
            if not settings.fallback:
                raise _unrecovered(e) from e
            method = "extractive"
            warnings.append(f"model step failed ({e}); the rule decides every party and status")
        warnings += judgement.rejected
        if method == "llm" and _model_writes(session.model, settings):
            say(f"model {session.model.name}: wording")
            try:
                written = await write.by_model(chosen, profile, read.parties, session, settings.prompts_dir)
            except ModelError as e:
                if not settings.fallback:
                    raise _unrecovered(e) from e
                warnings.append(f"model wording failed ({e}); the rule's wordings stand")
            else:
                read.chosen = chosen = written.items
                judgement.prompt_versions += written.prompt_versions
                warnings += written.repaired
                repaired = len(written.repaired)

    usage = session.usage if session else Usage()
    meta = Meta(
        model=session.model.name if session else None,
        prompt_version="+".join(judgement.prompt_versions) or "none",
        method=method,
        tokens_in=usage.tokens_in,
        tokens_out=usage.tokens_out,
        model_calls=usage.calls,
        retries=usage.retries,
        schema_attempts=usage.schema_attempts,
        schema_failures=usage.schema_failures,
        schema_questions=len(usage.schema_first_try_ok),
        schema_first_try_valid=sum(usage.schema_first_try_ok),
        # Labels and statuses set back to the rule's, and wordings the verifier refused: repairs,
        # not dropped claims (verification counts those).
        repaired=len(judgement.rejected) + repaired,
        source_words=read.source_words,
    )
    brief = await off_loop(_compose_and_verify, read, judgement, meta, say)
    brief.meta.latency_ms = int((time.monotonic() - started) * 1000)
    say(f"brief ready: {len(brief.claims())} claims, {brief.meta.claim_words} words")
    return brief


def read_and_choose(request: BriefRequest, settings: Settings, deadline: float, say: Progress) -> Chosen:
    """Ingest to selection: the documents read, cut into evidence, and the claims chosen."""
    # A topic the request names, or BRIEF_TOPIC when the operator set it, is used as given; with
    # neither, the built-in profile that fits the articles is picked once they are read (below).
    topics_dir = settings.prompts_dir / "topics"
    given = bool(request.topic) or "topic" in settings.model_fields_set
    profile = load_profile(request.topic, topics_dir, settings.topic) if given else None
    try:
        documents = ingest(request.documents)
    except ValueError as e:
        raise InputError(str(e), field="documents") from e
    sentences = [s for d in documents for s in segment(d)]
    check_sentences(len(sentences), settings)
    _on_time(deadline, settings)
    warnings: list[str] = []
    units, flagged = screen(dedupe(sentences))
    if flagged:
        warnings.append(
            f"left out {len(flagged)} sentence(s) that address the model, not the reader: "
            + ", ".join(flagged[:10])
        )
    warnings += relevance.not_english(documents)
    say(f"{len(documents)} documents, {len(sentences)} sentences, {len(units)} distinct")
    _on_time(deadline, settings)
    drafted = None
    if profile is None:
        # Never a brief under a topic that does not fit: a pick, or a profile drafted from the
        # articles when none fits, is said in a warning; with neither, the error names the ways out.
        texts = [u.sentence.text for u in units]
        profile, why = pick_profile(texts, topics_dir)
        if profile is None:
            drafted = profile = _drafted(documents, texts, why)
            warnings.append(
                f"no topic given and no built-in profile fits these articles ({why}): briefed with a "
                f"profile drafted from them ({profile.title}), returned as `drafted_profile`; save it "
                "(or `brief topic draft ARTICLES... -o profile.yaml`), check and edit it, and pass it "
                "with --topic"
            )
            say(f"topic: drafted from the articles ({profile.title})")
        else:
            warnings.append(
                f"no topic given: picked the profile {profile.name!r} ({profile.title}): {why} (a profile "
                f"fits from {FIT_SHARE:.0%}, {FIT_NAMED_PARTIES} parties, and {FIT_ISSUE_SHARE:.0%} on "
                f"{FIT_ISSUES} issues); name another with --topic or the request's `topic` field"
            )
            say(f"topic: {profile.name} (picked: no topic given)")
        _on_time(deadline, settings)
    elif misfit := _misfit(profile, [u.sentence.text for u in units], topics_dir):
        warnings.append(misfit)  # a topic the user names is used as named, but a poor fit is said

    # What the user sent and this topic does not cover is said, not briefed: a sports report's
    # "The two clubs meet again on March 14" would otherwise be the talks' next step.
    off_topic = relevance.off_topic(profile, documents, sentences)
    units = [u for u in units if any(s.doc_id not in off_topic for s in u.sources)]
    warnings += off_topic.values()
    # Who met, who leads each side and when the members vote have an issue of their own, the talks
    # (not before: a sports report's "meet again" would make it the topic's).
    profile = profile.with_talks()
    parties = learn_people([u.sentence.text for u in units], profile)
    # A profile without an issue for the talks themselves still briefs their steps.
    items = tag(units, profile, parties, keep=on_the_talks)
    if not items:
        raise _nothing_to_brief(units, len(flagged), profile, [d.doc_id for d in documents])
    uncovered = sorted(
        {i.label for i in profile.issues} - {profile.issue(x).label for e in items for x in e.issues}
    )
    if uncovered:
        warnings.append(f"no source discusses: {', '.join(uncovered)}")
    source_words = sum(word_count(d.text) for d in documents if d.doc_id not in off_topic)
    # The length follows what the sources say, not how often: ten copies of a wire story are
    # briefed as one.
    budget = claim_budget(distinct_words(units), settings)
    cues = statuses.cues(profile, settings.prompts_dir)
    _on_time(deadline, settings)

    def status_concepts(e: Evidence) -> set[str]:
        return {f"status:{i}" for i in e.issues if i != TALKS and statuses.stated(e.text, cues)}

    # A list of a deal's terms ("Key terms:", then its items) tells what was agreed, item by item.
    terms = listed_in(documents, sentences)
    # A party's claim restated by an outlet as fact stays only in the clause that credits it; a
    # deal's term that meets a party's demand ("30 bcm a year through the Amber Line") is the deal.
    contested = restated(items) - listed(items, terms)
    pool = [e for e in items if belongs(e) and e.id not in contested]
    order = reading_order(documents)
    when = {e.id: max(order[s.doc_id] for s in e.unit.sources) for e in pool}
    gone = passed(pool, when)
    pool = [e for e in pool if e.id not in gone]
    # Where each issue stands is read from every clause on it, and a clause that says so is
    # chosen: a status must not hang on which claims the budget happened to fit.
    # Within a live blog, a later entry is later news: "03:10 - Deal in principle" after "21:30 -
    # Dravtrans has rejected it" the same night.
    entry = entry_order(documents, sentences)
    told = {e.id: max(order[s.doc_id] + entry[s.id] for s in e.unit.sources) for e in pool}
    deal = listed(pool, terms)
    moves = {e.id for e in pool if e.speaker and MOVED.search(e.text)}
    standing = {
        i.id: statuses.standing(
            {e.id: e.text for e in pool if i.id in e.issues},
            cues,
            profile.issue_patterns.get(i.id),
            told,
            deal,
            moves,
        )
        for i in profile.argued()
    }
    # Sources split evenly leave it to the model (judge.py): a clause for each side is shown.
    required = [
        set(ids)
        for status, support in standing.values()
        for said, ids in support.items()
        if said == status or (status == "unknown" and len(support) > 1)
    ]
    tells = {e.id: concepts(e) for e in pool}
    # An issue agreed is told by what was agreed, not only by a clause saying it is settled: where
    # a list of the deal's terms holds one on it, one of those; elsewhere a clause of its figures
    # from the newest report of the deal ("signed up to a fund of 9 million euros a year").
    required += [
        ids
        for i, (status, support) in standing.items()
        if status == "agreed"
        and (
            ids := {e.id for e in pool if e.id in deal and i in e.issues}
            or deal_terms_told([e for e in pool if i in e.issues], support["agreed"], told, tells)
        )
    ]
    # A step planned for a day before the newest dated article's is no longer what comes next,
    # though it is still what was planned.
    days = [(order[d.doc_id], day) for d in documents if (day := article_day(d)) is not None]
    past = overtaken(pool, when, max(days)[1] if days else None)
    for i in past:
        tells[i] = tells[i] - {"summary:next"}
    required += summary_sets(pool, tells, when)
    chosen = select(pool, budget, status_concepts, required, known=tells)
    shown = {e.id for e in chosen}
    stands = {
        i: status for i, (status, support) in standing.items() if shown.intersection(support.get(status, ()))
    }
    if pool and not chosen:
        warnings.append(
            f"no claim fits within the brief's {budget} words (BRIEF_MAX_CLAIM_RATIO of the sources' "
            f"distinct words, BRIEF_MIN_CLAIM_WORDS at least), the shortest taking "
            f"{min(e.words for e in pool)}: raise BRIEF_MIN_CLAIM_WORDS, or send more of the story"
        )
    say(f"{len(pool)} evidence clauses; {len(chosen)} chosen within {budget} words")
    _on_time(deadline, settings)
    return Chosen(
        profile,
        documents,
        sentences,
        parties,
        cues,
        pool,
        chosen,
        source_words,
        budget,
        stands,
        terms,
        past,
        warnings,
        drafted,
    )


def listed(items: list[Evidence], terms: set[str]) -> set[str]:
    """The ids of the clauses whose sentence is an item of a list of a deal's terms (`terms`)."""
    return {e.id for e in items if any(s.id in terms for s in e.unit.sources)}


# A clause that tells a deal by name, or that something was agreed.
_TELLS_DEAL = re.compile(r"\b(?:deal|agreement|accord|settlement|agreed|terms)\b", re.IGNORECASE)
# A figure that is no date nor a time of day: what a deal's terms are measured in.
_FIGURE = re.compile(r"\d")


def deal_terms_told(
    items: list[Evidence], agreed: list[str], when: dict[str, float], tells: dict[str, set[str]]
) -> set[str]:
    """The ids of the clauses on an agreed issue that tell its terms: a figure (not a date nor a
    time of day), in a report as new as the newest that says it is agreed, that says so too or
    names the deal, and no step still to come ("The council votes on the agreement on 3 December";
    `tells`: each clause's concepts)."""
    since = max(when[i] for i in agreed)
    return {
        e.id
        for e in items
        if when[e.id] >= since
        and _FIGURE.search(TIME_OF_DAY.sub("", CALENDAR.sub("", e.quote)))
        and "summary:next" not in tells[e.id]
        and (e.id in agreed or _TELLS_DEAL.search(e.quote))
    }


def summary_sets(pool: list[Evidence], tells: dict[str, set[str]], when: dict[str, int]) -> list[set[str]]:
    """The clauses a summary a reader can stop after needs one of each of (by id): who met (who
    leads each side), where, what happened on which date (as the newest article that dates an
    event tells it; a step still to come is what comes next), a deal made where one was, and what
    comes next. `tells`: each clause's concepts, `when`: the place in time of its newest article."""
    # The summary shows only claims a reader can read alone: "She said the next round ..." is none.
    pool = [e for e in pool if reads_alone(e)]
    dated = [
        e for e in pool if "summary:event" in tells[e.id] and CALENDAR.search(e.quote) and not ahead(e.quote)
    ]
    newest = max((when[e.id] for e in dated), default=None)
    latest = [e for e in dated if when[e.id] == newest]
    # The outcome, where a deal was made (by any article: requiring the newest one's costs facts).
    deals = [e for e in pool if "summary:outcome" in tells[e.id] and DEAL_MADE.search(e.quote)]
    # What comes next on the calendar, where a clause says so ("the next round opens on 12 April"),
    # before a step on a weekday ("The round is scheduled to end on Wednesday").
    next_steps = [e for e in pool if "summary:next" in tells[e.id]]
    next_steps = [e for e in next_steps if CALENDAR.search(e.quote)] or next_steps
    # A step on a day the newest event or a deal made has reached is past: "the round would end on
    # November 13", told on its first Tuesday, once the deal of November 13 is reported.
    reached = latest + deals
    happened = max((d for e in reached for d in day_numbers(e.quote)), default=None)
    if happened is not None:
        next_steps = [e for e in next_steps if later(e.quote, happened)] or next_steps
    # Who leads each side the clauses name a leader of ("The farmers' delegation is led by Jo
    # Bell", "Ann Roe heads the herders' side"): one side's leader tells half of who met. A chair
    # or mediator alone answers when no side's leader is told.
    met = who_met([e for e in pool if "summary:who" in tells[e.id]])
    sides = dict.fromkeys(p for e in met for p in e.parties)
    sets = (
        *([{e.id for e in met if side in e.parties} for side in sides] or [{e.id for e in met}]),
        {e.id for e in pool if "summary:where" in tells[e.id]},
        {e.id for e in latest},
        {e.id for e in deals},
        {e.id for e in next_steps},
    )
    return [ids for ids in sets if ids]


def check_sentences(count: int, settings: Settings) -> None:
    """InputTooLarge when documents of `count` sentences pass BRIEF_MAX_SENTENCES."""
    if count > settings.max_sentences:
        raise InputTooLarge(
            f"the documents have {count} sentences; the limit is {settings.max_sentences} "
            "(BRIEF_MAX_SENTENCES): send fewer or shorter documents",
            field="documents",
        )


def _misfit(profile: TopicProfile, texts: list[str], topics_dir: Path) -> str | None:
    """Why a named topic does not fit the articles (the sentences `texts`), with what fits them
    instead; None when it fits."""
    if (named := fit(profile, texts)).fits:
        return None
    other, why = pick_profile(texts, topics_dir)
    instead = (
        f"the built-in profile {other.name!r} fits them ({why})"
        if other is not None and other.name != profile.name
        else "`brief topic draft ARTICLES... -o profile.yaml` drafts a profile from them"
    )
    return (
        f"the articles do not fit the topic {profile.name!r} ({profile.title}): {named.describe()}; {instead}"
    )


def _drafted(documents: list[CleanDocument], texts: list[str], why: str) -> TopicProfile:
    """A profile drafted from the articles, if it fits them; else the error naming the ways out."""
    profile = draft_profile(documents)
    drafted_fit = fit(profile, texts)
    # Drafted from these articles, its issues are theirs: its parties are what must fit.
    if not drafted_fit.names_fit:
        raise InputError(
            f"no built-in profile fits these articles ({why}), nor does one drafted from them "
            f"({drafted_fit.describe()}); name a topic profile with --topic (in a request: the `topic` "
            "field, a profile name or a whole profile inline), or write one: `brief topic draft "
            "ARTICLES... -o profile.yaml` gives a start to edit, then pass it with --topic profile.yaml",
            field="topic",
        )
    return profile


def _compose_and_verify(read: Chosen, judgement: Judgement, meta: Meta, say: Progress) -> Brief:
    """The chosen claims laid out as a brief, and every assertion of it verified."""
    sections = compose(
        read.chosen,
        judgement,
        read.profile,
        read.cues,
        reading_order(read.documents),
        read.standing,
        listed(read.chosen, read.terms),
        read.past,
    )
    say("verifying citations")
    documents = read.documents
    brief = Brief(
        topic=read.profile.name,
        as_of=max((d.published for d in documents if d.published), default=None),
        summary=sections.summary,
        parties=sections.parties,
        issues=sections.issues,
        sources=[
            Source(
                doc_id=d.doc_id,
                title=d.title,
                url=d.url,
                published=d.published,
                words=word_count(d.text),
            )
            for d in documents
        ],
        meta=meta,
        warnings=read.warnings,
        drafted_profile=read.drafted,
    )
    sources = Sources(
        {d.doc_id: d for d in documents},
        {s.id: s for s in read.sentences},
        read.parties,
        read.cues,
        read.terms,
    )
    brief, _ = verify_brief(brief, sources)
    brief.meta.claim_words = sum(c.words() for c in brief.claims())
    return brief


def _unrecovered(e: ModelError) -> DeadlinePassed | ModelFailed:
    """What a model failure becomes when the extractive fallback is off: 504 or 502."""
    return (DeadlinePassed if isinstance(e, DeadlineExceeded) else ModelFailed)(str(e))


def _model_writes(model: Model, settings: Settings) -> bool:
    """Whether the model words the claims: BRIEF_WRITER, or on "auto" a chat model (one answering
    JSON without option scoring, as capable servers behind BRIEF_BASE_URL do). The embedded model
    scores options; the ablation in README found no gain in its wordings."""
    if settings.writer != "auto":
        return settings.writer == "model"
    caps = model.capabilities
    return caps.structured_output != "none" and not caps.option_scoring


def _on_time(deadline: float, settings: Settings) -> None:
    """Stop the rule steps once the request's deadline has passed: no one waits for them."""
    if time.monotonic() > deadline:
        raise DeadlinePassed(f"the brief took longer than {settings.deadline_s:g}s (BRIEF_DEADLINE_S)")


async def off_loop(work: Callable[..., T], *args: Any) -> T:
    """Run CPU work in a thread; if the caller is cancelled (a deadline), wait for the thread to
    stop before passing the cancellation on, so the caller's slot is not freed under running work."""
    task = asyncio.ensure_future(asyncio.to_thread(_no_stop_iteration, work, *args))
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise


def _no_stop_iteration(work: Callable[..., T], *args: Any) -> T:
    # A Future cannot carry StopIteration (a `next()` that ran dry): asyncio would log it and
    # leave the caller waiting for ever. It is raised as the bug it is instead.
    try:
        return work(*args)
    except StopIteration as e:
        raise RuntimeError(f"{getattr(work, '__name__', work)} raised StopIteration") from e


def _nothing_to_brief(
    units: list[Unit], flagged: int, profile: TopicProfile, doc_ids: list[str]
) -> InputError:
    """Why no sentence could become a claim, in the words of what the user can change (doc_ids:
    the request's documents' ids, in order, so a sentence's document is named as the request has it)."""
    if not units:
        return InputError(
            f"every sentence addresses the model rather than a reader ({flagged} left out), so "
            "nothing is left to brief; give the articles' own text",
            field="documents",
        )
    if all(is_fragment(u.sentence.text, u.sentence.id.endswith(".s0")) for u in units):
        first = units[0].sentence
        return InputError(
            f"every sentence is too short or cut off to state a fact (as documents"
            f"[{doc_ids.index(first.doc_id)}]'s {first.text[:60]!r}); give whole articles, not "
            "headlines or fragments",
            field="documents",
        )
    return InputError(
        f"no sentence names a party or an issue of topic {profile.name!r}; "
        "check the topic profile's aliases and keywords",
        field="topic",
    )


def claim_budget(words: int, settings: Settings) -> int:
    """The most words a brief may take of sources with this many distinct words."""
    return max(int(settings.max_claim_ratio * words), min(settings.min_claim_words, words))


def distinct_words(units: list[Unit]) -> int:
    """The words of the distinct sentences: one a wire copy repeats counts once."""
    return sum(word_count(u.sentence.text) for u in units)
