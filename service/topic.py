"""Topic profiles: the parties and issues of a negotiation, loaded from YAML under prompts/topics/."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class Party(BaseModel):
    """A side in the negotiation and the names the press uses for it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1)
    aliases: list[str] = Field(default_factory=list)


class Issue(BaseModel):
    """A point under negotiation and the words that signal it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(..., pattern=r"^[a-z0-9_]+$")
    label: str
    description: str = ""
    keywords: list[str] = Field(..., min_length=1)


class Example(BaseModel):
    """A short hand-written sentence and the party whose position it states (few-shot prompt)."""

    model_config = ConfigDict(extra="forbid")

    sentence: str
    party: str


class TopicProfile(BaseModel):
    """Parties, issues and few-shot examples for one negotiation."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., pattern=r"^[A-Za-z0-9_.-]+$")
    title: str
    parties: list[Party] = Field(..., min_length=2)
    issues: list[Issue] = Field(..., min_length=1)
    examples: list[Example] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> TopicProfile:
        names = [p.name for p in self.parties]
        if len(set(names)) != len(names):
            raise ValueError(f"party names must be unique: {names}")
        ids = [i.id for i in self.issues]
        if len(set(ids)) != len(ids):
            raise ValueError(f"issue ids must be unique: {ids}")
        for n, ex in enumerate(self.examples):
            if ex.party not in names and ex.party != "none":
                raise ValueError(f"examples[{n}].party {ex.party!r} is not a party of the profile")
        return self

    @cached_property
    def party_patterns(self) -> dict[str, re.Pattern[str]]:
        """One case-insensitive, word-bounded regex per party over its name and aliases."""
        return {p.name: _words_pattern([p.name, *p.aliases]) for p in self.parties}

    @cached_property
    def issue_patterns(self) -> dict[str, re.Pattern[str]]:
        """One regex per issue over its keywords (a keyword may itself be a regex)."""
        return {i.id: _words_pattern(i.keywords, literal=False) for i in self.issues}

    def issue(self, issue_id: str) -> Issue:
        """The issue with this id."""
        return next(i for i in self.issues if i.id == issue_id)


def _words_pattern(words: list[str], literal: bool = True) -> re.Pattern[str]:
    parts = sorted((re.escape(w) if literal else w for w in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


class TopicError(ValueError):
    """A topic profile could not be found or is invalid."""


def load_profile(ref: str | TopicProfile | None, topics_dir: Path, default: str) -> TopicProfile:
    """A profile by name (prompts/topics/NAME.yaml), by path to a YAML file, or given inline."""
    if isinstance(ref, TopicProfile):
        return ref
    ref = ref or default
    path = Path(ref)
    if not (path.suffix in {".yaml", ".yml"} and path.exists()):
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", ref):
            raise TopicError(f"topic {ref!r} is neither a profile name nor a YAML file")
        path = topics_dir / f"{ref}.yaml"
        if not path.exists():
            known = sorted(p.stem for p in topics_dir.glob("*.yaml"))
            raise TopicError(f"unknown topic {ref!r}; known profiles: {known}")
    try:
        return TopicProfile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError) as e:
        raise TopicError(f"topic profile {path} is invalid: {e}") from e
