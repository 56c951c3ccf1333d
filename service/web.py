"""The analyst's web page at `/`, the topic list, and a Brief rendered as HTML or Markdown.

The page calls the public API (POST /brief) like any client, then asks /render/html for the
brief as the shared template renders it, so the page and `brief summarize --format html` show
the same thing, and /render/markdown for the same Markdown as `--format md`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, FastAPI, params
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.api.auth import KeyedRoute
from service.api.problems import Problem, deadline, field_problem, problem_docs, too_late
from service.api.state import SettingsDep, WorkSlotDep
from service.briefing import check_sentences, off_loop
from service.errors import InputTooLarge
from service.page import STATIC, SourceText, app_page, brief_fragment, source_texts
from service.render import to_markdown
from service.schema import Brief, Document, well_formed, wrapped
from service.settings import Settings
from service.topic import TopicError, TopicProfile, check_profile_text, read_profile


class ProfileText(BaseModel):
    """POST /topics/check: a topic profile as YAML (or JSON) text."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=200_000)


class ProfileCheck(BaseModel):
    """The profile the text holds, or every problem with it as "line N: path: what"."""

    profile: TopicProfile | None
    problems: list[str]


class TopicInfo(BaseModel):
    """A topic profile a request may name."""

    name: str
    title: str


class Topics(BaseModel):
    """GET /topics."""

    default: str
    topics: list[TopicInfo]


class RenderRequest(BaseModel):
    """POST /render/html: a brief and, to show its sources, the documents it was made from."""

    model_config = ConfigDict(extra="forbid")

    brief: Brief
    documents: list[Document] = Field(
        default_factory=list, description="The request's documents, so citations open their sentences."
    )
    topic_title: str | None = Field(
        None, max_length=200, description="The heading's topic title, for a profile sent inline."
    )

    @model_validator(mode="before")
    @classmethod
    def _well_formed_and_wrapped(cls, data: Any) -> Any:
        return wrapped(well_formed(data))


def topic_list(settings: Settings) -> list[TopicInfo]:
    """The profiles under the prompts folder that load; a broken file is left out, not fatal."""
    out = []
    for path in sorted((settings.prompts_dir / "topics").glob("*.yaml")):
        try:
            out.append(TopicInfo(name=path.stem, title=read_profile(path).title))
        except TopicError:
            continue
    return out


class MarkdownResponse(PlainTextResponse):
    """text/markdown, so /openapi.json names what the route sends."""

    media_type = "text/markdown"


page_router = APIRouter(tags=["web page"], responses=problem_docs(401, 413, 422, 503))
# Rendering is CPU work on documents as large as a brief's: it is held to the same keys.
render_router = APIRouter(
    tags=["web page"], route_class=KeyedRoute, responses=problem_docs(401, 413, 422, 503)
)


@page_router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(settings: SettingsDep) -> str:
    """The analyst's page."""
    topics = [(t.name, t.title) for t in topic_list(settings)]
    return app_page(topics, settings.topic)


@page_router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """The page's icon, for clients that ask for it by the old name: the SVG it links."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@page_router.get("/topics")
def topics(settings: SettingsDep) -> Topics:
    """The topic profiles a request may name, and the one used when it names none."""
    return Topics(default=settings.topic, topics=topic_list(settings))


@render_router.post("/render/html", response_class=HTMLResponse, responses=problem_docs(504))
async def render_html(body: RenderRequest, settings: SettingsDep, slot: WorkSlotDep) -> str:
    """The brief as an HTML fragment, its sources cut into the sentences citations name.

    The heading shows the topic profile's title when the brief's topic is a listed profile.
    """
    late = too_late("rendering the brief", settings.deadline_s)
    # Held to /brief's limits, slots and deadline. Past the deadline, the step running finishes
    # (its thread cannot be stopped) and the next never starts.
    async with slot(body.documents), deadline(settings.deadline_s, late):
        sources = await off_loop(_read_sources, body.documents, settings)
        return await off_loop(_fragment, body, sources, settings)


def _read_sources(documents: list[Document], settings: Settings) -> list[SourceText]:
    """The documents as the page shows them, with no more sentences than a brief may have."""
    try:
        sources = source_texts(documents)
    except ValueError as e:  # what ingest says of a document it cannot read
        raise Problem(422, f"documents: {e}") from e
    count = sum(1 for s in sources for para in s.paragraphs for span in para if span.sentence_id)
    try:
        check_sentences(count, settings)
    except InputTooLarge as e:
        raise field_problem(e.status, "documents", str(e)) from e
    return sources


def _fragment(body: RenderRequest, sources: list[SourceText], settings: Settings) -> str:
    return brief_fragment(body.brief, sources, _title(body.brief, body.topic_title, settings))


def _title(brief: Brief, given: str | None, settings: Settings) -> str | None:
    """The drafted profile's title, the one sent for an inline profile, or the listed profile's
    as /topics gives it; an unknown profile keeps its name (None)."""
    if brief.drafted_profile:
        return brief.drafted_profile.title
    return given or {t.name: t.title for t in topic_list(settings)}.get(brief.topic)


# A plain `def`: the thread pool runs it; the text is bounded, and parsing it is linear.
@render_router.post("/topics/check")
def check_topic(body: ProfileText) -> ProfileCheck:
    """A topic profile checked as `brief topic check` does: the profile, or its problems."""
    profile, problems = check_profile_text(body.text)
    return ProfileCheck(profile=profile, problems=problems)


# A plain `def`: the thread pool runs it. Markdown is linear in the brief, which the body
# limit bounds, so it needs no slot.
@render_router.post("/render/markdown", response_class=MarkdownResponse)
def render_markdown(brief: Brief, settings: SettingsDep) -> MarkdownResponse:
    """The brief as Markdown, as `brief summarize --format md` writes it."""
    return MarkdownResponse(to_markdown(brief, title=_title(brief, None, settings)))


def install(app: FastAPI, guard: Sequence[params.Depends]) -> None:
    """Add the page, its static files and the render routes to the API app; `guard` declares
    the API keys the render routes take (KeyedRoute checks them), as /brief's do."""
    app.include_router(page_router)
    app.include_router(render_router, dependencies=guard)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
