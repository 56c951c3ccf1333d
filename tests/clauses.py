"""Evidence built by hand: clauses of made-up sentences, read as the seed topic's parties."""

from __future__ import annotations

from service.attribute import learn_people
from service.dedupe import Unit
from service.evidence import Evidence, terms
from service.segment import Sentence
from service.settings import PROJECT_ROOT
from service.topic import load_profile

PROFILE = load_profile("ukraine_peace_talks", PROJECT_ROOT / "prompts" / "topics", "ukraine_peace_talks")
PARTIES = learn_people([], PROFILE)


def ev(
    eid: str,
    text: str,
    n: int,
    speaker: str | None = None,
    issues: tuple[str, ...] = (),
    doc: str = "d1",
    copies: tuple[str, ...] = (),
    start: int = 0,
) -> Evidence:
    """A clause of sentence `doc`.s`n` stated by `speaker` (reported again by the documents in `copies`)."""
    sentence = Sentence(f"{doc}.s{n}", doc, 0, len(text), text)
    unit = Unit(sentence, [Sentence(f"{d}.s{n}", d, 0, len(text), text) for d in copies])
    e = Evidence(eid, unit, start, len(text), PARTIES.named(text), list(issues), speaker, text)
    e.terms = terms(text, PARTIES)
    return e
