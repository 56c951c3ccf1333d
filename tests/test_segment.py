"""Segment: sentences with stable ids and offsets that slice back to the cleaned text; a
document's headline is one sentence, s0, and the body is numbered s1, s2, ... without it."""

from __future__ import annotations

import re

import pytest

from service.ingest import CleanDocument, ingest
from service.schema import Document
from service.segment import MAX_SENTENCE_CHARS, listed_in, listed_terms, segment, split_sentences
from service.settings import PROJECT_ROOT

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))


def seed_docs() -> list[CleanDocument]:
    return ingest([Document(id=p.stem[:3], text=p.read_text(encoding="utf-8")) for p in SEEDS])


def texts(text: str, doc_id: str = "d1") -> list[str]:
    return [s.text for s in segment(CleanDocument(doc_id, text))]


def test_five_seeds_are_present():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("doc", seed_docs(), ids=lambda d: d.doc_id)
def test_offsets_slice_back_to_the_text_and_ids_are_sequential(doc: CleanDocument):
    sentences = segment(doc)
    assert len(sentences) >= 5
    # Every seed opens with a headline: it is s0, the whole first paragraph.
    assert doc.headline and sentences[0].text == doc.title
    assert [s.id for s in sentences] == [f"{doc.doc_id}.s{n}" for n in range(len(sentences))]
    previous_end = 0
    for s in sentences:
        assert s.doc_id == doc.doc_id
        assert doc.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end  # in order, never overlapping
        previous_end = s.end
    # Nothing but whitespace is left between the sentences: no text is lost.
    spans = [(0, 0), *((s.start, s.end) for s in sentences), (len(doc.text), len(doc.text))]
    gaps = [doc.text[a[1] : b[0]] for a, b in zip(spans, spans[1:], strict=False)]
    assert all(not g.strip() for g in gaps)


def test_seed_sentences_a_reader_would_see():
    by_doc = {d.doc_id: segment(d) for d in seed_docs()}
    s003 = [s.text for s in by_doc["003"]]
    assert (
        "Russia wants Ukrainian soldiers to leave the roughly 20% of Donetsk region that the Russian "
        "army does not control." in s003
    )
    # "U.S." followed by a lower-case word stays inside the sentence.
    s002 = [s.text for s in by_doc["002"]]
    assert any(t.startswith("Putin recently proposed") and t.endswith("brokering a ceasefire.") for t in s002)
    # The quoted remark and the sentence after the closing quote are separate sentences.
    s001 = [s.text for s in by_doc["001"]]
    assert "“We are talking about Moscow at this point,” Peskov was quoted as saying by TASS." in s001
    assert "“In diplomatic language, any other speculations are moot.”" in s001


def test_abbreviations_do_not_split():
    text = (
        "Mr. Peskov met Gen. Valery Gerasimov and the U.S. President Donald Trump in Abu Dhabi. "
        "Dr. Smith and Sen. Jones were also there."
    )
    assert texts(text) == [
        "Mr. Peskov met Gen. Valery Gerasimov and the U.S. President Donald Trump in Abu Dhabi.",
        "Dr. Smith and Sen. Jones were also there.",
    ]


def test_initials_do_not_split():
    text = "John F. Kennedy met Nikita S. Khrushchev in Vienna. The talks failed."
    assert texts(text) == ["John F. Kennedy met Nikita S. Khrushchev in Vienna.", "The talks failed."]


def test_sentence_ending_in_a_closing_quote_then_stop():
    text = "Zelenskyy invited Putin to Kyiv, “if he dares”. He told reporters he was ready."
    assert texts(text) == [
        "Zelenskyy invited Putin to Kyiv, “if he dares”.",
        "He told reporters he was ready.",
    ]


def test_sentence_ending_in_stop_then_closing_quote():
    text = "Kadyrov said: “I am against negotiations.” The Kremlin did not comment. “We wait,” he said."
    assert texts(text) == [
        "Kadyrov said: “I am against negotiations.”",
        "The Kremlin did not comment.",
        "“We wait,” he said.",
    ]


def test_question_and_exclamation_end_sentences_but_lower_case_continues():
    text = "“Why Moscow?” he asked. Nobody knew! Then talks resumed."
    assert texts(text) == ["“Why Moscow?” he asked.", "Nobody knew!", "Then talks resumed."]


def test_decimal_numbers_do_not_split():
    assert texts("Prices rose 3.5 percent in Kyiv. Then they fell.") == [
        "Prices rose 3.5 percent in Kyiv.",
        "Then they fell.",
    ]


def test_the_headline_is_s0_whole_and_body_ids_do_not_depend_on_it():
    headline = "Talks resume. Kyiv waits"  # a headline is one sentence, whatever its stops
    body = "The Kremlin said it was ready. Kyiv agreed.\n\nA second round is due on Sunday."
    plain = segment(CleanDocument("d4", body))
    headed = segment(CleanDocument("d4", f"{headline}\n\n{body}", headline=True))
    assert (headed[0].id, headed[0].text, headed[0].start) == ("d4.s0", headline, 0)
    shift = len(headline) + 2
    assert [(s.id, s.text, s.start - shift, s.end - shift) for s in headed[1:]] == [
        (s.id, s.text, s.start, s.end) for s in plain
    ]
    assert [s.id for s in plain] == ["d4.s1", "d4.s2", "d4.s3"]


def test_without_the_headline_flag_the_first_paragraph_is_body():
    text = "Talks resume in Abu Dhabi on Sunday\n\nThe Kremlin said it was ready."
    assert [s.id for s in segment(CleanDocument("d2", text))] == ["d2.s1", "d2.s2"]
    assert [s.id for s in segment(CleanDocument("d2", text, headline=True))] == ["d2.s0", "d2.s1"]


def test_an_ingested_title_is_s0_and_the_seed_body_keeps_its_ids():
    text = (SEEDS[3]).read_text(encoding="utf-8")
    [titled] = ingest([Document(id="x", text=text, title="Kremlin awaits a reply")])
    [plain] = ingest([Document(id="x", text=text)])
    a, b = segment(titled), segment(plain)
    assert (a[0].id, a[0].text) == ("x.s0", "Kremlin awaits a reply")
    assert [(s.id, s.text) for s in a[1:]] == [(s.id, s.text) for s in b[1:]]
    assert a[1].id == "x.s1" and a[1].text.startswith("On Thursday, the Kremlin reaffirmed")


def test_paragraphs_never_share_a_sentence():
    # The first paragraph has no full stop: the paragraph break still ends its sentence.
    text = "Talks resume in Abu Dhabi on Sunday\n\nThe Kremlin said it was ready. Kyiv agreed."
    doc = CleanDocument("d9", text)
    sentences = segment(doc)
    assert [s.text for s in sentences] == [
        "Talks resume in Abu Dhabi on Sunday",
        "The Kremlin said it was ready.",
        "Kyiv agreed.",
    ]
    for s in sentences:
        assert "\n" not in s.text
        assert doc.text[s.start : s.end] == s.text
    assert [s.id for s in sentences] == ["d9.s1", "d9.s2", "d9.s3"]


@pytest.mark.parametrize("doc", seed_docs(), ids=lambda d: d.doc_id)
def test_no_seed_sentence_crosses_a_paragraph_break(doc: CleanDocument):
    breaks = [m.start() for m in re.finditer(r"\n\n", doc.text)]
    assert breaks, "cleaned seeds have several paragraphs"
    for s in segment(doc):
        assert not any(s.start <= b < s.end for b in breaks)


def test_a_list_items_marker_is_no_part_of_its_sentence():
    text = "The deal provides:\n\n- The ceasefire starts on Friday.\n\n• Monitors deploy.\n\n-5C is forecast."
    doc = CleanDocument("d4", text)
    sentences = segment(doc)
    assert [s.text for s in sentences] == [
        "The deal provides:",
        "The ceasefire starts on Friday.",
        "Monitors deploy.",
        "-5C is forecast.",
    ]
    assert all(doc.text[s.start : s.end] == s.text for s in sentences)


def test_debris_is_skipped_without_leaving_gaps_in_ids():
    doc = CleanDocument("d3", "The talks began.\n\n*\n\nThey ended.")
    assert [(s.id, s.text) for s in segment(doc)] == [("d3.s1", "The talks began."), ("d3.s2", "They ended.")]


def test_segmenting_twice_gives_identical_sentences():
    for doc in seed_docs():
        assert segment(doc) == segment(doc)
    # Ingesting again (a fresh CleanDocument) gives the same ids, offsets and text too.
    first = [s for d in seed_docs() for s in segment(d)]
    second = [s for d in seed_docs() for s in segment(d)]
    assert first == second
    assert len({s.id for s in first}) == len(first)


def test_a_quotation_of_several_sentences_stays_with_its_attribution():
    text = (
        '"We will not go back to work on a promise. We go back when there is a guarantee in writing," '
        "she said. Talks resume on Monday."
    )
    spans = [text[a:b] for a, b in split_sentences(text)]
    assert spans == [text[: text.index(" Talks")], "Talks resume on Monday."]


def test_an_unclosed_quote_does_not_swallow_the_paragraph():
    text = "“This quote never closes. " + " ".join(f"Sentence number {n} ends here." for n in range(40))
    assert len(split_sentences(text)) > 5


def test_a_run_with_no_sentence_end_is_cut_at_spaces_into_pieces_no_longer_than_the_limit():
    # A list pasted without stops, or decoded markup: no sentence of prose runs 1,500 characters.
    run = " ".join(f"Item{n}" for n in range(1000))  # 6,889 characters, no full stop
    text = f"Talks resumed on Monday. {run}. The union said it would strike."
    spans = split_sentences(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces[0] == "Talks resumed on Monday." and pieces[-1] == "The union said it would strike."
    middle = pieces[1:-1]
    assert len(middle) > 1 and all(len(p) <= MAX_SENTENCE_CHARS for p in middle)
    assert " ".join(middle) == f"{run}."
    assert all(p == p.strip() for p in middle)


def test_a_word_longer_than_the_limit_is_cut_inside_it():
    word = "A" * (2 * MAX_SENTENCE_CHARS + 10)
    assert [b - a for a, b in split_sentences(word)] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 10]


def test_a_long_run_of_abbreviations_is_still_cut():
    # Each "Gen." would have kept the sentence open to the end of the paragraph.
    text = "Gen. " * 2000 + "Smith spoke."
    spans = split_sentences(text)
    assert len(spans) > 5 and all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert "".join(text[a:b] + " " for a, b in spans).strip() == text.strip()


def test_the_items_of_a_list_of_a_deal_s_terms_are_marked_and_nothing_else():
    """ "Key terms:" (a line naming a deal's terms, ending in a colon) opens a list: its items, and
    every sentence of an item, are the deal's terms; a line that is no item ends it. A list of
    what is still open, a list under no such line, and prose are none."""
    text = (
        "Talks live\n\n"
        "05:40 - It's done, at least in part. Key terms:\n"
        "- No shift longer than 13 hours from 1 October.\n"
        "- Six electric ferries. The city pays 40% of the cost.\n"
        "Pay is not part of the agreement.\n"
        "- A stray item after the list ended.\n\n"
        "Still open after the agreement:\n"
        "- Crew job guarantees.\n\n"
        "What we want:\n"
        "- A 14% pay rise.\n\n"
        "The deal was signed: the union will vote on it.\n"
        "The terms, in short: pay rises 6%."
    )
    assert listed_items(Document(id="d1", text=text)) == [
        "No shift longer than 13 hours from 1 October.",
        "Six electric ferries.",
        "The city pays 40% of the cost.",
    ]


def test_a_deal_s_terms_listed_in_html_are_marked_as_in_text():
    """A press release's terms in an HTML list (<ul><li>) under "Key terms:" are items as in text."""
    html = (
        "<html><body><article><h1>Ferry deal</h1><p>The city and Orsby announced a deal.</p>"
        "<p>Key terms:</p><ul><li>Annual subsidy of EUR 16.8m from July 1.</li>"
        "<li>Resident fare capped at EUR 2.60.</li></ul><p>Crew jobs were left out.</p>"
        "</article></body></html>"
    )
    marked = listed_items(Document(id="d1", html=html))
    assert marked == ["Annual subsidy of EUR 16.8m from July 1.", "Resident fare capped at EUR 2.60."]


def test_a_section_under_a_heading_naming_a_deal_s_terms_lists_them():
    """A union bulletin's "WHAT WE WON" and an explainer's "What has been agreed?" head sections of
    a deal's terms: every sentence of the section is an item, to the next heading; the headings
    themselves, a section of what is left, and an item telling what is still open are none."""
    text = (
        "Tentative agreement reached\n\n"
        "At 4:40 this morning your committee reached a tentative agreement.\n\n"
        "WHAT WE WON\n\n"
        "WAGES: 21 percent over four years. A top-rate worker goes to $42 an hour.\n\n"
        "COLA: Back from September 2026.\n\n"
        "WHAT WE HAVE NOT WON YET\n\n"
        "GRESHAM: Tessaly still wants out of the plant.\n\n"
        "What has been agreed?\n"
        "Two things. Rest days rise to two a week. Pensions are still in dispute.\n\n"
        "And pay?\n"
        "The league offers 3%."
    )
    assert listed_items(Document(id="d1", text=text)) == [
        "WAGES: 21 percent over four years.",
        "A top-rate worker goes to $42 an hour.",
        "COLA: Back from September 2026.",
        "Two things.",
        "Rest days rise to two a week.",
    ]


def test_a_headline_naming_what_was_agreed_heads_no_section():
    """An explainer's headline ("What was agreed in Geneva") is no heading: its article is no list
    of terms; nor is a heading that names none ("Background")."""
    text = (
        "What was agreed in Geneva\n\nThe sides met for two days. Russia wants Donetsk.\n\n"
        "Background\n\nThe war began in 2022."
    )
    assert listed_items(Document(id="d1", text=text)) == []


def test_how_the_talks_began_is_no_term_of_a_section_of_what_was_won():
    """A bulletin's "What we won" section tells the opening offer as backstory: no term."""
    text = (
        "Our bulletin\n\nThe talks are over.\n\nWhat we won\n\nWhen the talks opened on October 6, the "
        "PCA offered a fund of 15 billion thalers. We leave the table with 35 billion thalers.\n\n"
        "What comes next\n\nMembers vote on November 12."
    )
    assert listed_items(Document(id="d1", text=text)) == ["We leave the table with 35 billion thalers."]


def listed_items(document: Document) -> list[str]:
    """The sentences of a document that are items of a list of a deal's terms, read one document
    alone (listed_terms) and among others (listed_in) alike."""
    [doc] = ingest([document])
    other = CleanDocument("d2", "Key terms:\n\n- Another article's item.")
    sentences = segment(doc)
    alone = listed_terms(doc, sentences)
    assert listed_in([doc, other], sentences + segment(other)) == alone | {"d2.s2"}
    return [s.text for s in sentences if s.id in alone]
