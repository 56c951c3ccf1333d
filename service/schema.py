"""Request and Brief models: the service's public contract."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    field_validator,
    model_validator,
)

from service.characters import readable
from service.topic import TopicProfile
from service.wording import word_count

SCHEMA_VERSION = "2"
# json.loads accepts "\ud800" escapes that pair with nothing; such a string cannot be encoded
# back to UTF-8, so it would fail the model call or the response after the work was done.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    # Lax parsing reads a number, or a string of digits, as a Unix timestamp; the schema
    # documents an ISO date string.
    if isinstance(value, bool | int | float) or (isinstance(value, str) and not _ISO_DATE.match(value)):
        raise ValueError("expected an ISO date or date-time string, such as 2026-01-29 or 2026-01-29T10:00Z")
    return value


# A date or date-time, read from ISO strings even inside the strict Brief: a Brief that POST /brief
# returned (its dates serialized as strings) is read back by /render/*.
When = Annotated[
    Annotated[date, Strict(False)] | Annotated[datetime, Strict(False)],
    BeforeValidator(_iso_date),
]


class Document(BaseModel):
    """One article: plain text or HTML, with optional metadata."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=200, description="Caller's id; defaults to d1, d2, ...")
    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="HTML of the article page; main text is extracted.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: When | None = Field(
        None,
        description="ISO date or date-time. Beside other documents' date-times a date reads as its "
        "midnight, and beside date-times with an offset one without reads as UTC.",
    )

    @field_validator("id", "url")
    @classmethod
    def _readable(cls, value: str | None) -> str | None:
        # A brief shows ids and urls as given: a control code or a directional mark in one would
        # act on a reader's terminal or reorder what the page shows.
        return value if value is None else readable(value)

    @field_validator("text", "html")
    @classmethod
    def _not_blank(cls, value: str | None, info) -> str | None:
        if value is not None and not value.strip():
            raise ValueError(f"{info.field_name} is empty")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> Document:
        if self.text is None and self.html is None:
            raise ValueError("give the article as 'text' or 'html'")
        if self.text is not None and self.html is not None:
            raise ValueError("give either 'text' or 'html', not both")
        return self


_EXAMPLE = {
    "documents": [
        {
            "id": "a1",
            "text": "Russia and Ukraine said the talks on territory would continue next week. "
            "Kyiv said it would never cede land it still holds.",
            "published": "2026-01-29",
        }
    ]
}


class BriefOptions(BaseModel):
    """Per-request switches."""

    model_config = ConfigDict(extra="forbid")

    # Strict: lax parsing would take 0, "no" or "off" for a boolean the schema documents as one.
    use_model: StrictBool = Field(True, description="False runs the same pipeline with the model step off.")


class BriefRequest(BaseModel):
    """POST /brief body."""

    # The example is in /docs, and the API fuzz test (tests/test_openapi_fuzz.py) sends it.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    documents: list[Document] = Field(..., min_length=1)
    topic: str | TopicProfile | None = Field(
        None, description="A profile name under prompts/topics/, or an inline profile."
    )
    options: BriefOptions = Field(default_factory=BriefOptions)

    @model_validator(mode="before")
    @classmethod
    def _valid_unicode(cls, data: Any) -> Any:
        return well_formed(data)

    @model_validator(mode="after")
    def _unique_ids(self) -> BriefRequest:
        ids = [d.id for d in self.documents if d.id is not None]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"document ids must be unique; repeated: {sorted(dup)}")
        return self

    @model_validator(mode="after")
    def _comparable_dates(self) -> BriefRequest:
        # The brief's as_of is the latest `published`, and Python orders neither a date against
        # a date-time nor a naive date-time against an aware one.
        given = [d.published for d in self.documents if d.published is not None]
        if len({_date_kind(p) for p in given}) > 1:
            aware = any(_date_kind(p) == "aware" for p in given)
            for d in self.documents:
                if d.published is not None:
                    d.published = _as_datetime(d.published, aware)
        return self


class _Out(BaseModel):
    """A part of the Brief. Strict, so a Brief posted back (to render it) is read as the schema
    says: false is not a count and 7 is not a text."""

    model_config = ConfigDict(strict=True)


class Citation(_Out):
    """A verbatim quote from one source sentence."""

    doc_id: str
    sentence_id: str
    quote: str


class Claim(_Out):
    """A statement in the brief and the source sentences that support it."""

    id: str | None = Field(None, description="Unique in the brief; places that repeat it refer to it.")
    text: str
    citations: list[Citation] = Field(..., min_length=1)
    who: Citation | None = Field(
        None,
        description='Who "he" or "she" in the text is (the person\'s name), or whose "its", "their", '
        '"we" or "our" opening it is (the party\'s name), quoted from an earlier sentence of the same '
        "article.",
    )

    def words(self) -> int:
        """The words a reader reads for the claim: its text, and the name of who "he" (or "its") is."""
        return word_count(self.text) + (word_count(self.who.quote) if self.who else 0)


class ClaimRef(_Out):
    """A claim shown elsewhere in the brief (each claim is shown once): `see` is its id."""

    model_config = ConfigDict(strict=True, extra="forbid")

    see: str


# A place in the brief holds a claim, or refers to one shown elsewhere.
Listed = Claim | ClaimRef


class PartyBrief(_Out):
    """A party's stated positions that belong to no single issue (issue positions sit under issues)."""

    party: str
    claims: list[Listed]


class Position(_Out):
    """One party's position on one issue."""

    party: str
    claim: Listed


IssueStatus = Literal["open", "narrowing", "agreed", "unknown"]


class IssueBrief(_Out):
    """An open issue: its status and the claims it rests on, each party's position, what is reported."""

    issue: str
    label: str
    status: IssueStatus
    status_basis: list[str] = Field(
        default_factory=list, description="Ids of the claims the status rests on; empty only when unknown."
    )
    positions: list[Position]
    reported: list[Listed] = Field(
        default_factory=list,
        description="Background and reports on the issue that state no party's position.",
    )


class Source(_Out):
    """A document the brief was made from."""

    doc_id: str
    title: str | None = None
    url: str | None = None
    published: When | None = None
    words: int


class Meta(_Out):
    """How the brief was made."""

    model: str | None
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    method: Literal["llm", "extractive"]
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    model_calls: int = 0
    retries: int = 0
    schema_attempts: int = Field(0, description="Structured answers asked for (chat path).")
    schema_failures: int = Field(0, description="Of those, answers that failed the schema.")
    schema_questions: int = Field(0, description="Structured questions asked, each retried as needed.")
    schema_first_try_valid: int = Field(0, description="Of those, questions answered validly at once.")
    dropped_claims: int = 0
    repaired: int = Field(0, description="Party labels and statuses the verifier set to the rule's answer.")
    source_words: int = 0
    claim_words: int = 0


class Brief(_Out):
    """A structured, cited brief of a negotiation."""

    topic: str
    as_of: When | None
    summary: list[Claim]
    parties: list[PartyBrief]
    issues: list[IssueBrief]
    sources: list[Source]
    meta: Meta
    warnings: list[str] = Field(default_factory=list)
    drafted_profile: TopicProfile | None = Field(
        None,
        description="With no topic given and no built-in profile fitting the articles: the profile "
        "drafted from them that the brief was made with, to save, edit and pass as `topic`.",
    )

    @model_validator(mode="before")
    @classmethod
    def _valid_unicode(cls, data: Any) -> Any:
        return well_formed(data)

    def listings(self) -> list[Listed]:
        """Every place a claim is listed or referred to, in reading order."""
        every: list[Listed] = [*self.summary]
        for i in self.issues:
            every += [*(pos.claim for pos in i.positions), *i.reported]
        every += [c for p in self.parties for c in p.claims]
        return every

    def claims(self) -> list[Claim]:
        """Every claim in the brief, each once, in reading order."""
        seen: dict[tuple, Claim] = {}
        for c in self.listings():
            if isinstance(c, Claim):
                seen.setdefault((c.text, tuple(x.sentence_id for x in c.citations)), c)
        return list(seen.values())

    def resolve(self, listed: Listed) -> Claim | None:
        """The claim a listing shows or refers to (None: a reference to no claim of the brief)."""
        if isinstance(listed, Claim):
            return listed
        return next((c for c in self.claims() if c.id == listed.see), None)


class Verdict(_Out):
    """One assertion of a brief (a claim's text, who its "he" is, its party, an issue's status),
    where it stands, and whether the sources support it; `reason` says why not."""

    kind: Literal["text", "who", "party", "status"]
    where: str
    assertion: str
    ok: bool
    reason: str = ""


class Verification(_Out):
    """POST /verify's answer: every assertion's verdict; `ok` when all hold."""

    ok: bool
    failed: int
    verdicts: list[Verdict]


class VerifyRequest(BaseModel):
    """POST /verify body: a brief in the Brief schema, ours or another tool's, and its documents."""

    model_config = ConfigDict(extra="forbid")

    brief: dict[str, Any] = Field(
        ...,
        description="A Brief as JSON. A citation may leave out sentence_id: its quote is then "
        "looked up in its document, and a quote found in no sentence fails.",
    )
    documents: list[Document] = Field(..., min_length=1, description="The documents the brief cites.")
    topic: str | TopicProfile | None = Field(None, description="Default: the brief's own topic.")

    @model_validator(mode="before")
    @classmethod
    def _well_formed_and_wrapped(cls, data: Any) -> Any:
        return wrapped(well_formed(data))


def wrapped(data: Any) -> Any:
    """`data` as is; ValueError when it is a brief sent bare where a body wraps one in "brief"."""
    if isinstance(data, dict) and "brief" not in data and {"summary", "issues"} & data.keys():
        raise ValueError(
            'the body is a brief itself; send it wrapped: {"brief": <the brief>, "documents": [...]}'
        )
    return data


def well_formed(data: Any) -> Any:
    """`data` (parsed JSON) as is; ValueError naming the first string that is not valid Unicode."""
    where = _lone_surrogate(data)
    if where is not None:
        raise ValueError(f"{where} is not valid Unicode (a lone surrogate); send well-formed UTF-8 text")
    return data


def _date_kind(value: date) -> str:
    if not isinstance(value, datetime):
        return "date"
    return "naive" if value.utcoffset() is None else "aware"


def _as_datetime(value: date, aware: bool) -> datetime:
    """`value` as a date-time: a date at its midnight; a naive one read as UTC when `aware`."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value.replace(tzinfo=UTC) if aware and value.utcoffset() is None else value


def _lone_surrogate(data: Any) -> str | None:
    """Path of the first string (or key) in parsed JSON holding a lone surrogate, else None."""
    # Iterative: JSON nested as deep as the parser allows must not hit the recursion limit here.
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _LONE_SURROGATE.search(value):
                return path or "body"
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if isinstance(key, str) and _LONE_SURROGATE.search(key):
                    return f"{path or 'body'} (a key)"
                stack.append((f"{path}.{key}" if path else str(key), item))
        elif isinstance(value, list):
            stack += [(f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value)))]
    return None
