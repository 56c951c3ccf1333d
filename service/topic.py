"""Topic profiles: the parties and issues of a negotiation, loaded from YAML under prompts/topics/."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import re2
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from service.characters import readable
from service.errors import field_message

# What a brief shows as given: a control code or a directional mark would act on a reader's
# terminal or reorder what the page shows.
Shown = Annotated[str, AfterValidator(readable)]
# Aliases and keywords are matched against every sentence: an empty one would match anywhere.
Term = Annotated[Shown, StringConstraints(min_length=1, max_length=200)]
# Keywords and status cue words are regexes that arrive inline with requests: they are matched
# by RE2, in time linear in the text, so no pattern can stall a worker (Python's re backtracks).


MAX_ALIASES = 200


class Party(BaseModel):
    """A side in the negotiation and the names the press uses for it."""

    model_config = ConfigDict(extra="forbid")

    name: Term = Field(
        description="The party's name as the brief shows it; also matched in the articles, like an alias."
    )
    aliases: list[Term] = Field(
        default_factory=list,
        # A party has tens of names, not thousands: a list of thousands costs seconds of CPU to
        # compile and match per request, and its garbage-collection pauses stall every request.
        max_length=MAX_ALIASES,
        description="Other names the press uses for the party: people, capitals, institutions, "
        "demonyms, short forms. Literal words, matched whole and case-insensitively (an alias in "
        "capitals only, like 'US', only in capitals). At most 200.",
    )


class Issue(BaseModel):
    """A point under negotiation and the words that signal it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        ...,
        pattern=r"^[a-z0-9_]+$",
        description="A short key, unique in the profile: lower-case letters, digits and _.",
    )
    label: Shown = Field(description="The issue's name as the brief shows it.")
    description: str = Field("", description="What the issue covers, in a sentence (for people, the model).")
    keywords: list[Term] = Field(
        ...,
        min_length=1,
        description="Regexes in RE2 syntax (no lookarounds or backreferences), matched as whole words "
        "and case-insensitively; a sentence matching one touches the issue.",
    )

    @field_validator("keywords")
    @classmethod
    def _safe_regexes(cls, keywords: list[str]) -> list[str]:
        return _check_regexes(keywords)


# The talks themselves, which every negotiation has and a profile's own issues rarely name (their
# words are generic): rounds, delegations, meetings, votes and deadlines. Without an issue for
# them, who met, who leads each side and when the members vote fall on no issue and compete for
# the summary's few places.
TALKS = "talks"
TALKS_KEYWORDS = [
    r"talks",
    r"negotiat\w*",
    r"rounds?",
    r"delegations?",
    r"negotiating teams?",
    r"mediat\w*",
    r"meet(?:s|ing|ings)?",
    r"met",
    r"summit",
    r"venue",
    r"(?:led|headed|chaired) by",
    r"votes?",
    r"voted",
    r"voting",
    r"ballot",
    r"ratif\w*",
    r"deadline",
    # A deadline told by its day: "Both sides have until 5 pm on Tuesday to accept or reject it".
    r"(?:has|have|had|given) until",
    r"agenda",
    r"resume[sd]?",
    r"reconvene[sd]?",
]


def talks_issue(keywords: list[str] = TALKS_KEYWORDS, note: str = "shared by every negotiation") -> Issue:
    """The issue of the talks themselves (id TALKS), on `keywords`."""
    return Issue(
        id=TALKS,
        label="The talks",
        description=f"Rounds, delegations, meetings, votes and deadlines ({note}).",
        keywords=list(keywords),  # the shared list is never the issue's own to edit
    )


class ProfileProblems(ValueError):
    """Problems a validator found, each with its path below the value validated (for `check`)."""

    def __init__(self, problems: list[tuple[str, str]], message: str) -> None:
        super().__init__(message)
        self.problems = problems  # (path suffix such as "[2]" or ".agreed[0]", what is wrong)


def _check_regexes(keywords: list[str], where: str = "") -> list[str]:
    """Every keyword compiles as an RE2 regex (no lookarounds or backreferences)."""
    problems = []
    quiet = re2.Options()
    quiet.log_errors = False  # the reason goes into the error; RE2 would also log it to stderr
    for k, keyword in enumerate(keywords):
        try:
            re2.compile(keyword, quiet)
        except re2.error as e:
            reason = e.args[0].decode(errors="replace") if e.args and isinstance(e.args[0], bytes) else e
            problems.append(
                (
                    f"{where}[{k}]",
                    f"{keyword!r} is not a valid regex ({reason}); escape special characters "
                    "(lookarounds and backreferences are not supported)",
                )
            )
    if problems:
        message = "; ".join(f"keywords{path.removeprefix(where)} {what}" for path, what in problems)
        raise ProfileProblems(problems, message)
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
        out: list[tuple[int, int]] = []
        pos, restarts = 0, 0
        while True:
            for m in self._re.finditer(text, pos):
                start, end = m.span(1)
                if end > start and (end == len(text) or not _is_word_char(text[end])):
                    out.append((start, end))
                    continue
                # The longest match ran past a word's end ("is dead" in "is deadlocked"): a word
                # that begins inside it is looked for again, a bounded number of times so that
                # hostile text stays linear.
                inner = _WORD_START.search(text, start + 1, end)
                if inner and restarts < _RESTARTS:
                    restarts += 1
                    pos = inner.start()
                    break
            else:
                return out

    def search(self, text: str) -> bool:
        """Whether any of the words occurs."""
        return bool(self.spans(text))


# A non-word character before a word character: where a word begins.
_WORD_START = re.compile(r"[^\w](?=\w)")
_RESTARTS = 32


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Example(BaseModel):
    """A short hand-written sentence and the party whose position it states (few-shot prompt)."""

    model_config = ConfigDict(extra="forbid")

    sentence: str = Field(description="A short sentence in the style of the articles.")
    party: str = Field(description="The name of the party whose position it states, or 'none'.")


StatusWord = Literal["agreed", "narrowing", "open"]


class TopicProfile(BaseModel):
    """Parties, issues and few-shot examples for one negotiation."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        ...,
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="The profile's key (the file name without .yaml): the brief's `topic`.",
    )
    title: Shown = Field(description="The negotiation's name as the brief's heading shows it.")
    parties: list[Party] = Field(
        ..., min_length=2, description="The sides of the negotiation (two or more), names unique."
    )
    issues: list[Issue] = Field(
        ..., min_length=1, description="The points under negotiation, in the order the brief lists them."
    )
    examples: list[Example] = Field(
        default_factory=list,
        description="Optional few-shot examples for the model's attribution step: sentences and "
        "whose position each states.",
    )
    talks: bool = Field(
        True,
        description="Whether the brief adds the shared issue 'The talks' (rounds, delegations, meetings, "
        "votes, deadlines) after the profile's own; false when an issue of the profile covers them. "
        f"A profile's own issue with the id '{TALKS}' is that issue.",
    )
    # Regexes a claim must contain for an issue to get that status; a status given here replaces
    # the shared list (prompts/status_cues.yaml), the others keep it.
    status_cues: dict[StatusWord, list[Term]] = Field(
        default_factory=dict,
        description="Optional words that give an issue a status: per status (agreed, narrowing, "
        "open), RE2 regexes matched as whole words. A status given here replaces the shared list "
        "in prompts/status_cues.yaml; the statuses not given keep it.",
    )

    @field_validator("status_cues")
    @classmethod
    def _safe_cues(cls, cues: dict[str, list[str]]) -> dict[str, list[str]]:
        problems: list[ProfileProblems] = []
        for status, words in cues.items():
            try:
                _check_regexes(words, f".{status}")
            except ProfileProblems as e:
                problems.append(e)
        if problems:
            raise ProfileProblems([p for e in problems for p in e.problems], "; ".join(map(str, problems)))
        return cues

    @model_validator(mode="after")
    def _consistent(self) -> TopicProfile:
        names = [p.name for p in self.parties]
        problems = []  # (path, what is wrong)
        if len(set(names)) != len(names):
            problems.append(("parties", f"party names must be unique: {names}"))
        ids = [i.id for i in self.issues]
        if len(set(ids)) != len(ids):
            problems.append(("issues", f"issue ids must be unique: {ids}"))
        for n, ex in enumerate(self.examples):
            if ex.party not in names and ex.party != "none":
                problems.append((f"examples[{n}].party", f"{ex.party!r} is not a party of the profile"))
        if problems:
            # A problem of a whole list reads alone; one of an item names the item.
            message = "; ".join(what if "[" not in path else f"{path} {what}" for path, what in problems)
            raise ProfileProblems(problems, message)
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> TopicProfile:
        """A copy whose patterns are built from its own parties and issues, not the original's."""
        copy = super().model_copy(update=update, deep=deep)
        for cached in ("party_patterns", "issue_patterns"):
            copy.__dict__.pop(cached, None)
        return copy

    def with_talks(self) -> TopicProfile:
        """The profile with the shared issue of the talks last, unless it has one or `talks` is false."""
        if not self.talks or any(i.id == TALKS for i in self.issues):
            return self
        return self.model_copy(update={"issues": [*self.issues, talks_issue()]})

    def argued(self) -> list[Issue]:
        """The issues the parties argue about, each with a status: all but the talks' own."""
        return [i for i in self.issues if i.id != TALKS]

    @cached_property
    def party_patterns(self) -> dict[str, re.Pattern[str]]:
        """One case-insensitive, word-bounded regex per party over its name and aliases."""
        return {p.name: words_pattern([p.name, *p.aliases]) for p in self.parties}

    @cached_property
    def issue_patterns(self) -> dict[str, WordPattern]:
        """One pattern per issue over its keywords (a keyword may itself be a regex)."""
        return {i.id: WordPattern(i.keywords) for i in self.issues}

    def issue(self, issue_id: str) -> Issue:
        """The issue with this id; KeyError naming the profile's issues when it has none such."""
        for i in self.issues:
            if i.id == issue_id:
                return i
        known = ", ".join(i.id for i in self.issues)
        raise KeyError(f"profile {self.name!r} has no issue {issue_id!r} (its issues: {known})")


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
        _, data = load_yaml(path.read_text(encoding="utf-8"))
    except UnsafeYAML as e:
        raise TopicError(f"topic profile {path.name} is invalid: {e}") from e
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


# --- Reading a profile's YAML, which may come from anyone (POST /topics/check) ----------------------

# A profile is a few levels deep (issues[2].keywords[0]); far deeper is no profile.
_MAX_DEPTH = 20
_TOO_DEEP = f"nested more than {_MAX_DEPTH} levels deep; a profile needs about five"
# Values a profile holds once its aliases (*name) are read out: a large profile has some thousands.
_MAX_VALUES = 100_000


class UnsafeYAML(ValueError):
    """YAML that would cost its reader unbounded time or memory: aliases that stand for more
    values than any profile holds (a "billion laughs"), an alias inside its own value, or
    nesting far deeper than a profile's."""


def load_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """A profile's YAML as its node tree and its data, refused (UnsafeYAML) before any value is
    built when it is nested past _MAX_DEPTH or its aliases stand for more than _MAX_VALUES values.
    An alias that repeats a party or an issue, as `yaml.dump` writes one, is fine."""
    # As yaml.safe_load does, composing the tree and then building it, with the count between.
    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except RecursionError:
            raise UnsafeYAML(_TOO_DEEP) from None
        if root is None:
            return None, None
        _count_values(root)
        return root, loader.construct_document(root)
    finally:
        loader.dispose()


def _count_values(root: yaml.Node) -> None:
    """Count the values the tree holds with every alias read out (PyYAML gives an alias the very
    node its anchor names), each node once, so linear in the text however many aliases; refuse
    (UnsafeYAML) past _MAX_VALUES, _MAX_DEPTH or at an alias inside its own value."""
    counted: dict[int, int] = {}
    open_: set[int] = set()  # the nodes whose values are being counted: an alias to one is a loop
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in counted:
            continue  # an alias to a node already counted: its count is known
        children = (
            [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode)
            else (list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        )
        line = node.start_mark.line + 1
        if children_done:
            counted[id(node)] = 1 + sum(counted[id(n)] for n in children)
            if counted[id(node)] > _MAX_VALUES:
                raise UnsafeYAML(
                    f"line {line}: its aliases (*name) stand for more than {_MAX_VALUES:,} values; "
                    "no profile holds that many: write the values out"
                )
            continue
        if id(node) in open_:
            raise UnsafeYAML(f"line {line}: an alias (*name) inside the value it names; write the values out")
        if depth > _MAX_DEPTH:
            raise UnsafeYAML(f"line {line}: {_TOO_DEEP}")
        open_.add(id(node))
        stack.append((node, depth, True))
        stack += [(n, depth + 1, False) for n in children]


# --- Checking a profile file: every problem, with its path and line -------------------------------


def profile_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a topic profile, from the model."""
    schema = TopicProfile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Brief topic profile",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def check_profile_text(text: str) -> tuple[TopicProfile | None, list[str]]:
    """A profile's YAML checked: the profile, or every problem found as "line N: path: what".

    YAML syntax errors name their line and column; a value that fails the model names its path
    (`issues[2].keywords[0]`) and the line it is on. Keys given twice are problems too (YAML
    keeps the last silently).
    """
    try:
        root, data = load_yaml(text)
    except UnsafeYAML as e:
        return None, [str(e)]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = e.problem or e.context or "not YAML"
        if e.context and e.problem and e.context_mark:
            what += f" ({e.context}, from line {e.context_mark.line + 1})"
        return None, [f"{where}YAML syntax error: {what}"]
    except yaml.YAMLError as e:
        return None, [f"YAML syntax error: {e}"]
    problems = [
        f"line {key.start_mark.line + 1}: {path}: key {key.value!r} is given twice (the later one would win)"
        for path, key in _duplicate_keys(root, ())
    ]
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        shape = "a profile is a mapping (name, title, parties, issues, ...)"
        return None, [*problems, f"(root): the file is {kind}; {shape}"]
    try:
        profile = TopicProfile.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            for loc, what in _located(err):
                problems.append(f"line {_line_of(root, loc)}: {format_path(loc) or '(root)'}: {what}")
        return None, problems
    return (None if problems else profile), problems


def format_path(loc: tuple[str | int, ...] | list[str | int]) -> str:
    """A location as a path: ("issues", 2, "keywords", 0) as issues[2].keywords[0]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part != "[key]":  # pydantic's marker for a mapping's key
            out += f".{part}" if out else str(part)
    return out


_SUFFIX = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def _located(err: dict) -> list[tuple[tuple[str | int, ...], str]]:
    """One pydantic error as (location, what is wrong): a ProfileProblems is one per problem."""
    loc = tuple(err["loc"])
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, ProfileProblems):
        out = []
        for suffix, what in cause.problems:
            parts = [int(i) if i else name for i, name in _SUFFIX.findall(suffix)]
            out.append(((*loc, *parts), what))
        return out
    return [(loc, field_message(err["msg"]))]


def _line_of(root: yaml.Node, loc: tuple[str | int, ...]) -> int:
    """The line (1-based) of the deepest node on `loc` in the YAML tree below `root`."""
    node: yaml.Node | None = root
    line = root.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            # A key given twice keeps its later value (as PyYAML does), so look from the end.
            node = next((v for k, v in reversed(node.value) if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            # A path pydantic gives is one the data has, and the data is this tree (later copies
            # of a key included): its index exists.
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _duplicate_keys(node: yaml.Node | None, loc: tuple[str | int, ...]) -> list[tuple[str, yaml.Node]]:
    """Keys given twice in one mapping, anywhere in the tree, with the mapping's path."""
    out: list[tuple[str, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    out.append((format_path(loc) or "(root)", key))
                seen.add(key.value)
                out += _duplicate_keys(value, (*loc, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            out += _duplicate_keys(item, (*loc, n))
    return out


# --- Picking a profile when a request names none ---------------------------------------------------

# A built-in profile fits articles when at least this share of their sentences names one of its
# parties or touches one of its issues ...
FIT_SHARE = 0.30
# ... and the articles name at least this many of its parties by a proper name: an alias the
# profile writes with a capital ("Kremlin", "Local 17"), found capitalised. Common nouns ("union",
# "employers", "mediator") are shared by every strike or talks; proper names are not.
FIT_NAMED_PARTIES = 2
# ... and the articles argue about its issues: at least this share of the sentences touch one, and
# where several do, they touch at least this many of them (all, if it has fewer). Names alone fit
# any story between the same sides: talks on a US-Russian arms treaty name two of the Ukraine
# peace talks' three parties in most sentences, and touch one of their seven issues; one sentence
# on the talks may touch only one.
FIT_ISSUE_SHARE = 0.20
FIT_ISSUES = 2
FIT_SEVERAL = 3


@dataclass(frozen=True)
class Fit:
    """How well a profile fits a set of sentences."""

    name: str
    share: float  # of sentences naming a party or touching an issue
    named_parties: list[str]  # parties named by a proper name somewhere
    issues: list[str]  # the ids of the issues some sentence touches
    issue_share: float  # of sentences touching an issue
    # How many issues must be touched: FIT_ISSUES (or all of fewer), or one where few sentences do.
    needed_issues: int

    @property
    def names_fit(self) -> bool:
        """Whether the sentences name its parties enough: all a profile drafted from them needs."""
        return self.share >= FIT_SHARE and len(self.named_parties) >= FIT_NAMED_PARTIES

    @property
    def fits(self) -> bool:
        """Whether the sentences name its parties and argue about its issues."""
        argued = len(self.issues) >= self.needed_issues and self.issue_share >= FIT_ISSUE_SHARE
        return self.names_fit and argued

    def describe(self) -> str:
        return (
            f"{self.share:.0%} of the sentences name its parties or touch its issues, "
            f"{len(self.named_parties)} of its parties are named by a proper name, and "
            f"{self.issue_share:.0%} of the sentences touch {len(self.issues)} of its issues"
        )


def fit(profile: TopicProfile, texts: list[str]) -> Fit:
    """How well `profile` fits the sentences `texts`."""
    parties, issues = list(profile.party_patterns.values()), profile.issue_patterns
    on_issue = [any(p.search(t) for p in issues.values()) for t in texts]
    hits = sum(hit or any(p.search(t) for p in parties) for t, hit in zip(texts, on_issue, strict=True))
    named = []
    for party in profile.parties:
        proper = [w for w in (party.name, *party.aliases) if w[:1].isupper()]
        pattern = words_pattern(proper) if proper else None
        if pattern and any(m.group(0)[:1].isupper() for t in texts for m in pattern.finditer(t)):
            named.append(party.name)
    return Fit(
        name=profile.name,
        share=hits / len(texts) if texts else 0.0,
        named_parties=named,
        issues=[i.id for i in profile.issues if any(issues[i.id].search(t) for t in texts)],
        issue_share=sum(on_issue) / len(texts) if texts else 0.0,
        needed_issues=min(FIT_ISSUES, len(profile.issues)) if sum(on_issue) >= FIT_SEVERAL else 1,
    )


def built_in_profiles(topics_dir: Path) -> list[TopicProfile]:
    """The valid profiles under topics_dir, by file name (a broken one is reported when named)."""
    profiles = []
    for path in sorted(topics_dir.glob("*.yaml")):
        try:
            profiles.append(read_profile(path))
        except TopicError:
            continue
    return profiles


def pick_profile(texts: list[str], topics_dir: Path) -> tuple[TopicProfile | None, str]:
    """The built-in profile that fits the sentences `texts` best, and why; None if none fits.

    Fits: at least FIT_SHARE of the sentences name one of its parties (any alias) or touch one of
    its issues (a keyword), at least FIT_NAMED_PARTIES of its parties are named by a proper name,
    and at least FIT_ISSUE_SHARE of the sentences touch its issues, FIT_ISSUES or more of them where
    FIT_SEVERAL sentences or more touch one. Of the profiles that fit, the one with the largest
    share wins (then the first by name). The reason says, for a pick, its share; for none, how
    close the nearest came.
    """
    profiles = built_in_profiles(topics_dir)
    if not profiles:
        return None, f"there are no valid profiles in {topics_dir.name}/"
    fits = sorted(((fit(p, texts), p) for p in profiles), key=lambda f: (-f[0].share, f[0].name))
    best = next(((f, p) for f, p in fits if f.fits), None)
    if best is None:
        nearest = fits[0][0]
        return None, f"the nearest, {nearest.name!r}: {nearest.describe()}"
    return best[1], best[0].describe()
