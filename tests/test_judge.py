"""The model's part: statuses it may give are only those the issue's reports support."""

from __future__ import annotations

import time

from service.dedupe import dedupe
from service.evidence import tag
from service.ingest import CleanDocument
from service.judge import judge
from service.llm import Usage
from service.segment import segment
from service.settings import Settings
from service.topic import load_profile
from tests.fakes import FakeModel

SETTINGS = Settings()
PROFILE = load_profile(None, SETTINGS.prompts_dir / "topics", SETTINGS.topic)


def items_of(text: str):
    return tag(dedupe(segment(CleanDocument("d1", text))), PROFILE)


def always_agreed(prompt: str, options: list[str]) -> int:
    return next((i for i, o in enumerate(options) if "agreed" in o), 0)


async def judged(text: str, model: FakeModel):
    return await judge(items_of(text), PROFILE, model, Usage(), time.monotonic() + 30, SETTINGS.prompts_dir)


async def test_a_model_cannot_call_an_issue_agreed_that_the_reports_call_disputed() -> None:
    text = (
        "Rubio said the dispute over Donetsk remains very difficult to overcome. "
        "Kyiv has stated that it does not want to give up territory in Donetsk."
    )
    model = FakeModel(prefer=always_agreed)
    result = await judged(text, model)
    assert result.status["territory"] == "open"
    # One supported status needs no question: the model was asked only whose position it is.
    assert all("Status:" not in call[1][0] for call in model.calls if call[0] == "score")


async def test_the_model_chooses_only_between_supported_statuses() -> None:
    text = (
        "The Kremlin confirmed that Putin agreed to pause strikes on energy infrastructure. "
        "Disputes remain over how long the energy pause should last."
    )
    model = FakeModel(prefer=always_agreed)
    result = await judged(text, model)
    assert result.status["energy_pause"] == "agreed"
    asked = [call[1][1] for call in model.calls if call[0] == "score" and "Status:" in call[1][0]]
    assert asked and all(" getting closer" not in options for options in asked[1:])


async def test_an_issue_whose_reports_say_nothing_of_its_state_is_unknown() -> None:
    result = await judged("Peskov said the peacekeepers question was discussed.", FakeModel())
    assert result.status["peacekeepers"] == "unknown"
