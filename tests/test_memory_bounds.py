"""What the process keeps across requests is bounded: the model's priors and alias patterns.

Bounds are asserted by behaviour (entries held, recomputation, objects freed), not by RSS.
"""

from __future__ import annotations

import gc
import itertools
import time
import weakref

from service import attribute, topic
from service.judge import choose
from service.llm import ModelSession
from service.priors import PRIORS_KEPT
from service.topic import MAX_ALIASES, TopicProfile, words_pattern
from tests.fakes import FakeModel

OPTIONS = ["agreed", "still divided"]
# Distinct per call, so no pattern compiled earlier in the run (or cached anywhere) is reused.
_fresh = itertools.count()


async def ask(model: FakeModel, empty_prompt: str) -> str:
    return await choose(ModelSession(model, time.monotonic() + 10), "Status:", empty_prompt, OPTIONS, OPTIONS)


def times_asked(model: FakeModel, prompt: str) -> int:
    return sum(1 for kind, args in model.calls if kind == "score" and args[0] == prompt)


async def test_a_models_priors_hold_at_most_priors_kept_entries() -> None:
    model = FakeModel()
    extra = 5
    empty = [f"Issue: inline profile {n}\nStatus:" for n in range(PRIORS_KEPT + extra)]
    for prompt in empty:
        await ask(model, prompt)
    assert len(model.priors) == PRIORS_KEPT
    # The newest prior is kept: asked once only.
    await ask(model, empty[-1])
    assert times_asked(model, empty[-1]) == 1
    # The oldest was evicted: asked again, and the priors stay at their bound.
    await ask(model, empty[0])
    assert times_asked(model, empty[0]) == 2
    assert len(model.priors) == PRIORS_KEPT


async def test_a_models_priors_evict_the_least_recently_used() -> None:
    model = FakeModel()
    empty = [f"Issue: {n}\nStatus:" for n in range(PRIORS_KEPT)]
    for prompt in empty:
        await ask(model, prompt)
    await ask(model, empty[0])  # used again: now the most recent
    await ask(model, "Issue: one more\nStatus:")
    await ask(model, empty[0])
    await ask(model, empty[1])
    assert times_asked(model, empty[0]) == 1
    assert times_asked(model, empty[1]) == 2


async def test_cleared_priors_are_asked_again_and_only_once() -> None:
    """Clearing the model's priors (as the eval runner does between cases) forgets every one."""
    model = FakeModel()
    await ask(model, "Issue: a\nStatus:")
    await ask(model, "Issue: b\nStatus:")
    model.priors.clear()
    assert len(model.priors) == 0
    await ask(model, "Issue: a\nStatus:")
    await ask(model, "Issue: a\nStatus:")
    assert times_asked(model, "Issue: a\nStatus:") == 2
    assert len(model.priors) == 1


def aliases(n: int) -> list[str]:
    tag = next(_fresh)
    return [f"Alias{tag}x{i}" for i in range(n)]


def inline_profile() -> TopicProfile:
    return TopicProfile.model_validate(
        {
            "name": "inline",
            "title": "Inline",
            "parties": [
                {"name": "Russia", "aliases": aliases(MAX_ALIASES)},
                {"name": "Ukraine", "aliases": aliases(MAX_ALIASES)},
            ],
            "issues": [{"id": "talks", "label": "Talks", "keywords": ["talks"]}],
        }
    )


def test_an_alias_pattern_lives_only_as_long_as_its_owner() -> None:
    for not_after in (r"\w", r"[\w-]"):
        words = aliases(1000)
        pattern = words_pattern(words, not_after=not_after)
        assert pattern.search(f"talks with {words[7]} resumed")
        ref = weakref.ref(pattern)
        del pattern
        gc.collect()
        assert ref() is None, f"a pattern over request aliases outlived its owner (not_after={not_after!r})"


def test_every_alias_pattern_of_a_request_is_freed_with_it(monkeypatch) -> None:
    compiled: list[weakref.ref] = []

    def recorded(words: list[str], not_after: str = r"\w"):
        pattern = words_pattern(words, not_after)
        compiled.append(weakref.ref(pattern))
        return pattern

    monkeypatch.setattr(topic, "words_pattern", recorded)
    monkeypatch.setattr(attribute, "words_pattern", recorded)
    profile = inline_profile()
    alias = profile.parties[0].aliases[3]
    text = f"Kremlin aide Yuri Ushakov said {alias} wants talks."
    parties = attribute.learn_people([text], profile)
    assert parties.named(text) == ["Russia"]
    assert profile.party_patterns["Russia"].search(text)
    assert len(compiled) >= 3  # the request's Parties, and one per party of the profile
    del profile, parties
    gc.collect()
    assert all(r() is None for r in compiled), "a request's alias patterns outlived the request"
