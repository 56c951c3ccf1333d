"""Property tests (hypothesis) for ingest and segment: any text or HTML is cleaned without a crash,
and every sentence maps back to its offsets in the cleaned text, with unique, stable ids.

Example counts are bounded so the suite stays fast; no example database is written.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.characters import UNSEEN
from service.ingest import CleanDocument, clean_text, html_to_text, ingest
from service.schema import Document
from service.segment import Sentence, segment

BOUNDED = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Pieces news text is made of, so examples hit sentence ends, quotes, abbreviations and
# boilerplate lines far more often than uniformly random characters would.
WORDS = ["Russia", "Ukraine", "Kyiv", "talks", "said", "Mr.", "U.S.", "e.g.", "No.", "3.5", "a", "the"]
MARKS = [". ", "! ", "? ", ", ", ' "', '" ', "“", "”", "’", "...", "…", " (", ") ", "\n", "\n\n", " ", "\t"]
LINES = ["Advertisement", "Read more: Talks stall", "© 2026 Wire", "By Mara Ilieva", "Related News", "* * *"]
texty = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(LINES), st.text(max_size=8)),
    max_size=80,
).map("".join)
any_text = st.one_of(st.text(max_size=400), texty)

TAGS = ["p", "div", "span", "b", "br", "li", "ul", "h1", "script", "style", "nav", "article", "table", "td"]
tag_soup = st.lists(
    st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(
            ["&amp;", "&lt;", "&#x41;", "&#0;", "&bogus;", "<!--", "-->", "<![CDATA[", "<!DOCTYPE html>"]
        ),
        st.sampled_from(['<a href="x">', '<p class="comment">', "<img src=x onerror=1>", "<"]),
        texty,
    ),
    max_size=40,
).map("".join)


def assert_sentences_map_back(doc: CleanDocument, sentences: list[Sentence]) -> None:
    """Offsets slice the cleaned text back to each sentence; ids unique and numbered in order:
    s0 for the headline (the whole first paragraph), s1, s2, ... for the body."""
    first = 0 if doc.headline else 1
    assert [s.id for s in sentences] == [f"{doc.doc_id}.s{n}" for n in range(first, len(sentences) + first)]
    if doc.headline:
        assert sentences[0].text == doc.text.split("\n\n")[0]
    end = 0
    for s in sentences:
        assert s.doc_id == doc.doc_id
        assert doc.text[s.start : s.end] == s.text
        assert s.text.strip() and s.start >= end, (s, end)  # non-empty, in order, never overlapping
        end = s.end


@BOUNDED
@given(any_text, st.sampled_from(["d1", "a", "doc-7"]))
def test_any_cleaned_text_segments_into_sentences_that_map_back(text: str, doc_id: str) -> None:
    doc = CleanDocument(doc_id, text)
    sentences = segment(doc)
    assert_sentences_map_back(doc, sentences)
    assert segment(doc) == sentences  # stable: the same text gives the same ids and offsets


@BOUNDED
@given(any_text, any_text)
def test_adding_a_paragraph_keeps_the_ids_before_it(text: str, more: str) -> None:
    # Ids are citations: text appended later must not renumber what is already cited.
    before = segment(CleanDocument("d1", text))
    after = segment(CleanDocument("d1", text + "\n\n" + more))
    assert after[: len(before)] == before


@BOUNDED
@given(any_text)
def test_any_text_is_ingested_or_refused_with_a_message(text: str) -> None:
    try:
        Document(text=text)
    except ValueError:
        return  # blank: the schema refuses it with a message, tested in test_bad_input.py
    try:
        (doc,) = ingest([Document(text=text)])
    except ValueError as e:
        assert "documents[0] has no article text" in str(e)
        return
    assert doc.text and doc.text == doc.text.strip()
    assert "\n\n\n" not in doc.text  # paragraphs are separated by exactly one blank line
    assert_headline_kept_once(doc)
    assert_sentences_map_back(doc, segment(doc))


def assert_headline_kept_once(doc: CleanDocument) -> None:
    """A headline is the title, the first paragraph, and no other paragraph repeats it."""
    paragraphs = doc.text.split("\n\n")
    assert doc.headline == (doc.title is not None)
    if doc.headline:
        assert paragraphs[0] == doc.title
        assert doc.title not in paragraphs[1:]
        assert len(paragraphs) >= 2  # a headline comes with a body


@BOUNDED
@given(any_text, st.one_of(st.none(), st.sampled_from(WORDS + LINES), st.text(max_size=30)))
def test_a_given_title_is_the_headline_paragraph_once(text: str, title: str | None) -> None:
    try:
        given = Document(text=text, title=title)
    except ValueError:
        return  # blank text
    try:
        (doc,) = ingest([given])
    except ValueError as e:
        assert "documents[0] has no article text" in str(e)
        return
    normalised = " ".join((title or "").translate(UNSEEN).split()) or None
    if normalised is not None:
        assert doc.title == normalised
    assert_headline_kept_once(doc)
    assert_sentences_map_back(doc, segment(doc))


def cleaned(text: str) -> CleanDocument | None:
    """What ingest makes of the text (headline paragraph and body), None when it refuses it."""
    try:
        return ingest([Document(text=text)])[0]
    except ValueError:
        return None  # blank, or nothing left after cleaning: tested above


@BOUNDED
@given(any_text)
def test_ingest_is_idempotent(text: str) -> None:
    """Ingesting ingest's own output changes nothing: f(f(x)) == f(x), title and headline included."""
    once = cleaned(text)
    if once is None:
        return
    twice = cleaned(once.text)
    assert twice is not None
    assert (twice.text, twice.title, twice.headline) == (once.text, once.title, once.headline)


@BOUNDED
@given(any_text)
def test_cleaning_the_body_again_only_drops_whole_paragraphs(text: str) -> None:
    cleaned_body, _ = clean_text(text)
    again, _ = clean_text(cleaned_body)
    # Without its headline the body's next headline-like line becomes the headline and goes, but
    # the paragraphs kept are neither changed nor reordered: they are an ordered subsequence.
    remaining = iter(cleaned_body.split("\n\n"))
    assert all(paragraph in remaining for paragraph in again.split("\n\n") if again)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(tag_soup)
def test_any_html_is_ingested_without_markup_or_refused(html: str) -> None:
    text, title = html_to_text(html)
    assert isinstance(text, str) and (title is None or isinstance(title, str))
    if not html.strip():
        return
    try:
        (doc,) = ingest([Document(html=html)])
    except ValueError as e:
        assert "documents[0] has no article text" in str(e)
        return
    if not any(escape in html for escape in ("&lt;", "<!--", "CDATA", "<<")):  # markup as text
        assert "<script>" not in doc.text and "</p>" not in doc.text
    assert_headline_kept_once(doc)
    assert_sentences_map_back(doc, segment(doc))
