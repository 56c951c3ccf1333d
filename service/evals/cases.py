"""Eval cases: the documents to brief and the facts a careful reader expects in the brief.

A case is a YAML file (see evals/cases/seeds.yaml). Unknown keys are accepted and ignored, so case
sets written elsewhere load as they are. Every problem is reported as `FILE: FIELD: what to do`.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from service.schema import BriefRequest, Document
from service.topic import TopicProfile, read_profile


class CaseError(ValueError):
    """A case file could not be read or is invalid; the message names the file and the field."""


def _check_groups(groups: list[list[str]], info: ValidationInfo) -> list[list[str]]:
    """Every group has at least one alternative and every alternative compiles as a regex."""
    owner = info.data.get("id")
    who = f" (fact {owner!r})" if owner else ""
    if not groups:
        raise ValueError(f'no groups{who}; give at least one group of regexes, e.g. [["moscow"]]')
    for g, group in enumerate(groups, start=1):
        if not group:
            raise ValueError(f"group {g} is empty{who}; give it at least one regex or remove it")
        for alt in group:
            if not alt:
                raise ValueError(f"group {g} has an empty regex{who}; it would match anything, remove it")
            try:
                re.compile(alt, re.IGNORECASE)
            except re.error as e:
                raise ValueError(f"group {g}: {alt!r} is not a valid regex{who} ({e}); fix it") from e
    return groups


class _Matchable(BaseModel):
    """Something found in a claim when every group matches it (any alternative of a group will do)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(..., min_length=1)
    match: list[list[str]]

    @field_validator("match")
    @classmethod
    def _groups(cls, value: list[list[str]], info: ValidationInfo) -> list[list[str]]:
        return _check_groups(value, info)

    @cached_property
    def patterns(self) -> list[list[re.Pattern[str]]]:
        """The match groups compiled, case-insensitive."""
        return [[re.compile(alt, re.IGNORECASE) for alt in group] for group in self.match]


class Fact(_Matchable):
    """A fact the brief should state, and where it belongs (party and issue; either may be null)."""

    party: str | None = None
    issue: str | None = None
    fact: str = ""
    source: list[str] = Field(default_factory=list)


class MustNot(_Matchable):
    """A statement the brief must not make (it would be false or unsupported)."""

    fact: str = ""


class Label(BaseModel):
    """A hand label: whose position a source sentence states ("none": no party's)."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(..., min_length=1)
    party: str = Field(..., min_length=1)
    # A sentence that states two parties' positions: the labeller names the main one, then these.
    also: list[str] = Field(default_factory=list)


SummaryQuestion = Literal["who", "where", "when", "outcome", "next"]


class Case(BaseModel):
    """One eval case: documents (resolved paths), an optional topic, facts and must-nots.

    Optional: `held_out` (kept out of tuning; reported apart), `positions` (hand labels of
    whose position each sentence states) and `summary` (the fact ids that answer each question
    a reader's summary must answer).
    """

    model_config = ConfigDict(extra="ignore")

    path: Path
    name: str
    documents: list[Path] = Field(..., min_length=1)
    topic: str | None = None
    facts: list[Fact] = Field(default_factory=list)
    must_not: list[MustNot] = Field(default_factory=list)
    held_out: bool = False
    positions: list[Label] = Field(default_factory=list)
    summary: dict[SummaryQuestion, list[str]] = Field(default_factory=dict)
    # Where each issue stands after the last article, as a reader judges it (issue id -> status).
    statuses: dict[str, Literal["open", "narrowing", "agreed"]] = Field(default_factory=dict)

    @field_validator("documents", mode="before")
    @classmethod
    def _resolve(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, list):
            return value
        base = Path((info.context or {}).get("base", "."))
        out = []
        for n, item in enumerate(value):
            if not isinstance(item, str | Path) or not str(item).strip():
                raise ValueError(f"documents[{n}] must be a file path (relative to the case file)")
            p = Path(item).expanduser()
            p = (p if p.is_absolute() else base / p).resolve()
            if not p.is_file():
                raise ValueError(f"documents[{n}]: {item} not found (looked at {p}); fix the path")
            out.append(p)
        return out

    @model_validator(mode="after")
    def _unique_ids(self) -> Case:
        ids = [f.id for f in self.facts] + [m.id for m in self.must_not]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"fact and must_not ids must be unique; rename the repeated ones: {dup}")
        unknown = sorted({i for ids_ in self.summary.values() for i in ids_} - {f.id for f in self.facts})
        if unknown:
            raise ValueError(f"summary names facts the case does not have: {unknown}; fix the ids")
        return self

    def fact(self, fact_id: str) -> Fact | MustNot:
        """The fact or must-not with this id."""
        for f in [*self.facts, *self.must_not]:
            if f.id == fact_id:
                return f
        raise KeyError(f"{self.name}: no fact or must_not with id {fact_id!r}")

    @cached_property
    def doc_ids(self) -> list[str]:
        """Document ids: the first 3 characters when every stem starts with 3 digits, else the stem."""
        stems = [p.stem for p in self.documents]
        short = [s[:3] for s in stems]
        ids = short if all(re.match(r"\d{3}", s) for s in stems) and len(set(short)) == len(short) else stems
        seen: dict[str, int] = {}
        unique = []
        for i in ids:
            seen[i] = seen.get(i, 0) + 1
            unique.append(i if seen[i] == 1 else f"{i}_{seen[i]}")
        return unique

    def texts(self) -> dict[str, str]:
        """Each document's original text (HTML as it is on disk), by document id."""
        pairs = zip(self.doc_ids, self.documents, strict=True)
        return {i: p.read_text(encoding="utf-8", errors="replace") for i, p in pairs}

    def profile(self) -> str | TopicProfile | None:
        """The topic: a TopicProfile when `topic` is a path to a profile file, else the name."""
        if self.topic is None:
            return None
        p = Path(self.topic).expanduser()
        p = p if p.is_absolute() else self.path.parent / p
        return read_profile(p) if p.is_file() else self.topic

    def request(self, use_model: bool = True) -> BriefRequest:
        """The POST /brief body for this case's documents and topic."""
        docs = []
        texts = self.texts()
        for doc_id, path in zip(self.doc_ids, self.documents, strict=True):
            body = texts[doc_id]
            kind = "html" if path.suffix.lower() in {".html", ".htm"} else "text"
            docs.append(Document(id=doc_id, url=path.name, **{kind: body}))
        return BriefRequest(documents=docs, topic=self.profile(), options={"use_model": use_model})


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


_HINTS = {
    "match": 'add match: [["regex", ...], ...] (every group must match one claim)',
    "id": "add a unique id",
    "documents": "add documents: [paths relative to the case file]",
}


def _message(err: dict) -> str:
    if err["type"] == "missing":
        hint = _HINTS.get(str(err["loc"][-1]), "add it")
        return f"required field is missing; {hint}"
    if err["type"] == "extra_forbidden":
        return "unknown field; remove it"
    msg = err["msg"].removeprefix("Value error, ")
    return msg


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_case(path: str | Path) -> Case:
    """One case from a YAML file; raises CaseError naming the file and the field."""
    path = Path(path)
    shown = _shown(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CaseError(f"{shown}: cannot read the file ({e.strerror})") from e
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise CaseError(f"{shown}: not readable YAML ({type(e).__name__}: {e}); fix the syntax") from e
    if not isinstance(data, dict):
        raise CaseError(f"{shown}: (root): expected a mapping with documents and facts")
    default_name = path.parent.name if path.name == "case.yaml" else path.stem
    data = {**data, "path": path.resolve()}
    data.setdefault("name", default_name)
    try:
        return Case.model_validate(data, context={"base": path.resolve().parent})
    except ValidationError as e:
        problems = [f"{shown}: {_where(err['loc'])}: {_message(err)}" for err in e.errors()[:10]]
        raise CaseError("\n".join(problems)) from e


def load_cases(where: str | Path) -> list[Case]:
    """A case file; a case's own folder (its case.yaml: other YAML there, such as its topic
    profile, is not a case); or every `*.yaml` in a directory (sorted) and every `*/case.yaml`."""
    where = Path(where)
    if where.is_file():
        return [load_case(where)]
    if (where / "case.yaml").is_file():
        return [load_case(where / "case.yaml")]
    if not where.is_dir():
        raise CaseError(f"{_shown(where)}: no such file or directory; give a case file or a folder of them")
    files = sorted(where.glob("*.yaml")) + sorted(where.glob("*/case.yaml"))
    if not files:
        raise CaseError(f"{_shown(where)}: no *.yaml or */case.yaml case files found")
    return [load_case(f) for f in files]
