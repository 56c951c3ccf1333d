"""Calibration priors: each option's score after an empty prompt, which a calibrated choice removes."""

from __future__ import annotations

from cachetools import LRUCache

# A handful of empty prompts recur (templates with their blanks empty); one carrying request
# text, such as an inline profile's, must not stay for the process's life.
PRIORS_KEPT = 256


class Priors:
    """One model's priors by empty prompt: per model, as a prior is its weights' liking for a word;
    only the PRIORS_KEPT most recently used, as a prompt can carry request text."""

    def __init__(self) -> None:
        self._by_prompt: LRUCache[str, dict[str, float]] = LRUCache(PRIORS_KEPT)

    def get(self, empty_prompt: str) -> dict[str, float] | None:
        """The option scores kept for empty_prompt (now the most recently used), or None."""
        return self._by_prompt.get(empty_prompt)

    def keep(self, empty_prompt: str, scores: dict[str, float]) -> None:
        """Keep the option scores after empty_prompt, evicting the least recently used."""
        self._by_prompt[empty_prompt] = scores

    def clear(self) -> None:
        """Forget every prior, so the next choice asks for its prior again."""
        self._by_prompt.clear()

    def __len__(self) -> int:
        return len(self._by_prompt)
