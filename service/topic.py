"""Topic profiles: the parties and issues of a negotiation, loaded from YAML under prompts/topics/."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal

import re2
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

# Aliases and keywords are matched against every sentence: an empty one would match anywhere.
Term = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# Keywords and status cue words are regexes that arrive inline with requests: they are matched
# by RE2, in time linear in the text, so no pattern can stall a worker (Python's re backtracks).


class Party(BaseModel):
    """A side in the negotiation and the names the press uses for it."""

    model_config = ConfigDict(extra="forbid")

    name: Term
    aliases: list[Term] = Field(default_factory=list)


class Issue(BaseModel):
    """A point under negotiation and the words that signal it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(..., pattern=r"^[a-z0-9_]+$")
    label: str
    description: str = ""
    keywords: list[Term] = Field(..., min_length=1)

    @field_validator("keywords")
    @classmethod
    def _safe_regexes(cls, keywords: list[str]) -> list[str]:
        return _check_regexes(keywords)


def _check_regexes(keywords: list[str]) -> list[str]:
    """Every keyword compiles as an RE2 regex (no lookarounds or backreferences)."""
    for k, keyword in enumerate(keywords):
        try:
            re2.compile(keyword)
        except re2.error as e:
            raise ValueError(
                f"keywords[{k}] {keyword!r} is not a valid regex ({e}); escape special characters "
                "(lookarounds and backreferences are not supported)"
            ) from None
    return keywords


class WordPattern:
    """Regexes matched as whole words, case-insensitively, in linear time (RE2)."""

    def __init__(self, words: list[str]) -> None:
        body = "|".join(f"(?:{w})" for w in words)
        # RE2 has no lookarounds: the word boundary before is matched, the one after checked.
        # Leftmost-longest: of "meet" and "meeting", "meeting" is tried, so the boundary holds.
        options = re2.Options()
        options.longest_match = True
        self._re = re2.compile(f"(?i)(?:^|[^\\pL\\pN_])({body})", options)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the words occur, as (start, end), each ending at a word boundary."""
        out = []
        for m in self._re.finditer(text):
            start, end = m.span(1)
            if end > start and (end == len(text) or not _is_word_char(text[end])):
                out.append((start, end))
        return out

    def search(self, text: str) -> bool:
        """Whether any of the words occurs."""
        return bool(self.spans(text))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Example(BaseModel):
    """A short hand-written sentence and the party whose position it states (few-shot prompt)."""

    model_config = ConfigDict(extra="forbid")

    sentence: str
    party: str


StatusWord = Literal["agreed", "narrowing", "open"]


class TopicProfile(BaseModel):
    """Parties, issues and few-shot examples for one negotiation."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., pattern=r"^[A-Za-z0-9_.-]+$")
    title: str
    parties: list[Party] = Field(..., min_length=2)
    issues: list[Issue] = Field(..., min_length=1)
    examples: list[Example] = Field(default_factory=list)
    # Regexes a claim must contain for an issue to get that status; a status given here replaces
    # the shared list (prompts/status_cues.yaml), the others keep it.
    status_cues: dict[StatusWord, list[Term]] = Field(default_factory=dict)

    @field_validator("status_cues")
    @classmethod
    def _safe_cues(cls, cues: dict[str, list[str]]) -> dict[str, list[str]]:
        for words in cues.values():
            _check_regexes(words)
        return cues

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
        return {p.name: words_pattern([p.name, *p.aliases]) for p in self.parties}

    @cached_property
    def issue_patterns(self) -> dict[str, WordPattern]:
        """One pattern per issue over its keywords (a keyword may itself be a regex)."""
        return {i.id: WordPattern(i.keywords) for i in self.issues}

    def issue(self, issue_id: str) -> Issue:
        """The issue with this id."""
        return next(i for i in self.issues if i.id == issue_id)


def words_pattern(words: list[str], not_after: str = r"\w") -> re.Pattern[str]:
    """One case-insensitive regex over literal words, each matched whole: not after `not_after`,
    not before a word character; an all-capitals word (an acronym) only in capitals."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        body = re.escape(w)  # aliases are literal: no pattern of the user's reaches Python's re
        # An all-capitals alias (US, TASS) is an acronym: "us" or "Tass" must not match it.
        parts.append(f"(?-i:{body})" if w.isupper() else body)
    source = f"(?<!{not_after})(?:" + "|".join(parts) + r")(?!\w)"
    # Not re.compile: it keeps its last 512 patterns for the process's life, and aliases come
    # with requests (one pattern of 100k aliases holds ~15 MB). This one lives as long as its
    # owner: the profile, or the request's Parties. A profile's aliases compile in under 1 ms.
    return re._compiler.compile(source, re.IGNORECASE)


MAX_NAME_CHARS = 100  # of a profile name given by reference


class TopicError(ValueError):
    """A topic profile could not be found or is invalid."""


def load_profile(ref: str | TopicProfile | None, topics_dir: Path, default: str) -> TopicProfile:
    """A profile by name (prompts/topics/NAME.yaml) or given inline; never an arbitrary path.

    Names come from requests, so they are restricted to profile names: a request must not make
    the service read, or echo, any other file. Files elsewhere go through `read_profile`.
    """
    if isinstance(ref, TopicProfile):
        return ref
    name = ref or default
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise TopicError("topic must be a profile name (letters, digits, _ or -) or an inline profile")
    if len(name) > MAX_NAME_CHARS:
        # Past 250 characters the file name is too long to even look up (ENAMETOOLONG).
        raise TopicError(
            f"unknown topic of {len(name)} characters: profile names have at most {MAX_NAME_CHARS}; "
            "name a profile under prompts/topics/ (GET /topics lists them) or send one inline"
        )
    path = topics_dir / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in topics_dir.glob("*.yaml"))
        raise TopicError(f"unknown topic {name!r}; known profiles: {known}")
    return read_profile(path)


def read_profile(path: Path) -> TopicProfile:
    """A profile from a YAML file the operator chose (the CLI's --topic PATH).

    Parsed once per version of the file: parsing YAML costs more than a cached brief.
    """
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as e:
        raise TopicError(f"topic profile {path.name} is invalid: not readable ({type(e).__name__})") from e
    return _parse_profile(path.resolve(), stamp)


@lru_cache(maxsize=64)
def _parse_profile(path: Path, stamp: int) -> TopicProfile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise TopicError(
            f"topic profile {path.name} is invalid: not readable YAML ({type(e).__name__})"
        ) from e
    try:
        return TopicProfile.model_validate(data)
    except ValidationError as e:
        # Locations and messages only: the file's values stay out of error messages.
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or '(root)'}: {err['msg']}" for err in e.errors()[:10]
        )
        raise TopicError(f"topic profile {path.name} is invalid: {problems}") from e
