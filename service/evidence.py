"""Evidence: the clauses a brief may state, tagged with parties, issues and whose position they give.

Each distinct sentence (headlines included) is cut into clauses that state a fact each; a clause
is evidence when it names a party or touches an issue. Sentences that cannot be claims are left
out: fragments cut off mid-sentence, sub-headlines, and lines too short to state a fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from service.attribute import HE_SAID, Mention, Parties, Thread, learn_people, says_we
from service.dedupe import STOPWORDS, Unit
from service.segment import Sentence
from service.topic import TopicProfile, WordPattern
from service.wording import TIME_STAMP, Clause, clauses, shortened, word_count, wording

_MIN_WORDS = 5
# No word of prose runs this long, nor a link worth a claim; a run of decoded markup ("A&A&A&...") does.
_LONGEST_WORD = 80
_ENDS_SENTENCE = re.compile(r"[.!?][\"'’”)\]]*$")
# A sentence that stops on a function word or a colon was cut off; one that ends on "that", "to" or
# "for" with its full stop is whole ("Idrava rejects that.", "what our members asked for."), one
# that ends on "and" or "the" never is.
_CUT_OFF = re.compile(
    r"(?:\b(?:that|to|and|or|but|of|the|a|an|with|by|for|as)|[:,;])[\"'’”)\]\s]*$|\b(?:and|or|but|the|a|an)\W*$",
    re.IGNORECASE,
)
# A subject that points back to a list it does not name ("The first is about energy.", "The latter
# was rejected"): no reader can tell what it is about.
_POINTS_BACK = re.compile(
    r"^\W*the\s+(?:first|second|third|fourth|fifth|last|latter|former|rest)\s+(?:is|are|was|were|has|had)\b",
    re.IGNORECASE,
)
# A live blog's greeting and nothing more ("Good morning and welcome to day 13 of the blackout.");
# "Good morning from Istanbul, where the talks have gone into a third day" says where and when.
_GREETING = re.compile(
    r"^\W*(?:(?:good (?:morning|afternoon|evening)|hello)\b,?(?:\s+and)?"
    r"(?:\s+welcome(?:\s+back)?\s+to\b[^,;:]*)?"
    r"|welcome(?:\s+back)?\s+to\s+(?:our|the)\s+(?:live\s+)?(?:coverage|blog|updates)\b[^,;:]*)[.!]?$",
    re.IGNORECASE,
)
# A call to the reader, a newsletter's or a campaign's ("Join us on the steps of Harwell Hall at 9
# a.m. on Thursday", "Sign up for the Courier's Business Briefing", "Write to your assembly
# member today"): it tells the reader what to do, not what the talks did.
_CALL = re.compile(
    r"^\W*(?:Please\s+)?(?:Join|Come\s+to|Donate|Subscribe|Attend|Bring|Sign\s+(?:up|the|our)|"
    r"Tell\s+(?:your|them|us)|Write\s+to|Help\s+us|Vote\s+(?:yes|no|to|for|against)|Share\s+(?:this|our))\b"
)
# A line that announces what follows ("We, the ministers of ..., make the following statement.",
# "The following is an edited transcript of ...", "Here is what Harland has agreed."): it may say
# who speaks, but states nothing. "... 3% in each of the following two years." is a time, not one.
_ANNOUNCES = re.compile(
    r"^\W*the\s+following\s+(?:is|are)\b|\bthe\s+following"
    r"(?!(?:\s+[\w-]+)?\s+(?:days?|weeks?|months?|years?|seasons?|mornings?|evenings?|nights?)\b)"
    r"(?:\s+[\w-]+){0,2}\W*$"
    r"|^\W*here(?:['’]s|\s+is|\s+are)\s+(?:what|how|why|where|who|when)\b[^,;:.!?]*[.:]?$",
    re.I,
)

# A correction note: what an earlier version of the article said is withdrawn ("Correction: An
# earlier version of this article said that 69 detainees were freed"), and "The correct number is
# 96." leans on it.
_RETRACTED = re.compile(
    r"\ban?\s+earlier\s+version\s+of\s+(?:this|the)\s+(?:article|story|report|entry|post|piece|item)\b"
    r"|^\W*the\s+correct\s+(?:number|figure|total|amount|date|day|name|spelling|title|sum)\s+(?:is|was)\b",
    re.I,
)


@dataclass(frozen=True)
class Named:
    """A person of a party, named in a sentence: sentence.text[start:end]."""

    sentence: Sentence
    start: int
    end: int
    party: str

    @property
    def name(self) -> str:
        """The name as the sentence gives it."""
        return self.sentence.text[self.start : self.end]


@dataclass
class Evidence:
    """A clause of a distinct sentence, with the parties it names and the issues it touches."""

    id: str
    unit: Unit
    start: int
    end: int
    parties: list[str]
    issues: list[str]
    # The party whose position the clause states (as speaker or as the subject taking a
    # stance); None for events, commentary and reports about a party.
    speaker: str | None
    text: str  # the claim's wording
    # What the wording says, for telling facts apart: stemmed content words, every name of a
    # party as that party ("Kremlin", "Moscow" and "Putin" are all "@Russia").
    terms: list[str] = field(default_factory=list)
    # Who the clause's speaker is when it says only "he" or "she" ("He said ...", "“...,” she
    # added"): the person the sentence before names.
    who: Named | None = None

    @property
    def words(self) -> int:
        """The words a reader reads for the claim: its wording, and who "he" is."""
        return word_count(self.text) + (word_count(self.who.name) if self.who else 0)

    @property
    def quote(self) -> str:
        """The clause, verbatim from the sentence."""
        return self.unit.sentence.text[self.start : self.end]

    @property
    def sentence_id(self) -> str:
        """The id of the sentence the clause is from."""
        return self.unit.sentence.id

    @property
    def key(self) -> tuple[str, int]:
        """The clause's place: wordings of one clause share it, and a brief states one of them."""
        return (self.sentence_id, self.start)

    @property
    def headline(self) -> bool:
        """Whether the clause is from an article's headline."""
        return self.sentence_id.endswith(".s0")


# A claim opening with a pronoun or a bare quotation leans on the sentence before it.
_DEPENDENT = re.compile(r"^\W*(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|We|Our)\b|^\s*[\"“]")


def reads_alone(e: Evidence) -> bool:
    """Whether a reader can read the claim on its own: it opens on no pronoun or bare quotation,
    or the brief names who its "he" or "its" is."""
    return bool(e.who) or not _DEPENDENT.match(e.text)


def ends_sentence(text: str) -> bool:
    """Whether the text stops as a sentence does: a full stop, "!" or "?", quotes aside."""
    return bool(_ENDS_SENTENCE.search(text))


def is_fragment(text: str, headline: bool = False) -> bool:
    """A line that cannot stand as a claim: cut off, a sub-headline, too short to state a fact, a
    greeting, a call to the reader, a subject pointing back to what it does not name, or no prose
    (a "word" of thousands of characters, as decoded markup leaves)."""
    body = TIME_STAMP.sub("", text)
    words = body.split()
    if len(words) < _MIN_WORDS or _CUT_OFF.search(text) or text[:1].islower():
        return True
    if _POINTS_BACK.match(body) or _GREETING.match(body):
        return True
    if not headline and _CALL.match(body):
        return True
    if any(len(w) > _LONGEST_WORD for w in words):
        return True
    if headline:
        return False
    # A sub-headline: no full stop, most words capitalised ("Zelenskyy Emphasizes Urgency").
    return not ends_sentence(text)


def tag(
    units: list[Unit],
    profile: TopicProfile,
    parties: Parties | None = None,
    keep: Callable[[Evidence], bool] | None = None,
) -> list[Evidence]:
    """Evidence clauses of units that name a party or touch an issue, in document order, and those
    naming neither that `keep` keeps (the talks' own steps: "Talks resume on Tuesday 24 November")."""
    parties = parties or learn_people([u.sentence.text for u in units], profile)
    out: list[Evidence] = []
    thread = Thread(parties)
    last: dict[str, Named] = {}  # per article, the person named last: whom "he" may be
    previous: dict[str, Sentence] = {}  # per article, the sentence before: whose "its" it may name
    declared: dict[str, Named] = {}  # per article, the party its lead declares it the statement of
    for unit in units:
        sentence = unit.sentence
        doc = sentence.doc_id
        prior, previous[doc] = previous.get(doc), sentence
        if prior and sentence.number - prior.number != 1:
            prior = None
        # A clause naming no issue of its own is on its sentence's ("..., although significant
        # disparities remain between the Russian and Ukrainian positions").
        context = _issues(profile.issue_patterns, sentence.text)
        for clause, said_by in read_clauses(thread, sentence):
            _declare(declared, sentence, thread, parties)
            if clause is None:
                # Too short to state a fact, but “Never,” Peskov replied makes him the speaker; an
                # announcement states nothing, but may name who speaks next.
                if person := _person(sentence, 0, sentence.text, said_by, parties):
                    last[doc] = person
                continue
            quote = sentence.text[clause.start : clause.end]
            # "He" is the person the sentence before (or an earlier clause) names as the speaker's
            # party; further back, someone named in between may be meant.
            earlier = last.get(doc)
            who = earlier if said_by and earlier and earlier.party == said_by else None
            if who and sentence.number - who.sentence.number > 1:
                who = None
            if person := _person(sentence, clause.start, quote, said_by, parties):
                last[doc] = person
            named = parties.named(quote)
            if not named and not _issues(profile.issue_patterns, quote) and keep is None:
                continue
            is_party = lambda s: bool(parties.named(s))  # noqa: E731
            texts = [wording(quote, is_party)]
            short = shortened(texts[0])
            if short:
                texts.append(wording(short, is_party))
            for text in texts:
                issues = _issues(profile.issue_patterns, text) or context
                if not is_fragment(text, True):
                    e = Evidence(
                        f"e{len(out) + 1}", unit, clause.start, clause.end, named, issues, said_by, text
                    )
                    e.terms = terms(text, parties)
                    e.who = who if says_he(text) else None
                    if says_we(text) and (voice := declared.get(doc)) and voice.party == said_by:
                        e.who = voice  # whose "we": the party the statement declares itself
                    if owns(text):
                        # "Its" is the party named before it: in the sentence's clauses before, or,
                        # for its first clause, in the sentence before.
                        its = _owner(sentence if clause.start else prior, clause.start or None, parties)
                        # A side's "it" or "they" is the side whose stance the rule reads.
                        if its and (said_by == its.party or (said_by is None and not _it_acts(text))):
                            e.who = its
                    if issues or named or (keep and keep(e)):
                        out.append(e)
    return out


def read_clauses(thread: Thread, sentence: Sentence) -> Iterator[tuple[Clause | None, str | None]]:
    """Read the sentence into the thread clause by clause, as a brief reads it: each clause that may
    be a claim with whose position it states; a line that cannot be one is read whole (None)."""
    headline = sentence.id.endswith(".s0")
    if (
        is_fragment(sentence.text, headline)
        or _ANNOUNCES.search(sentence.text)
        or _RETRACTED.search(sentence.text)
    ):
        yield None, thread.read(sentence.doc_id, sentence.text)
        return
    for clause in clauses(sentence.text):
        quote = sentence.text[clause.start : clause.end]
        yield clause, thread.read(sentence.doc_id, quote, headline, sentence.text[: clause.start])


def _declare(declared: dict[str, Named], sentence: Sentence, thread: Thread, parties: Parties) -> None:
    """Record where an article declares itself a party's statement, once the thread has read it."""
    if thread.voice is None or sentence.doc_id in declared:
        return
    if named := next((m for m in parties.mentions(sentence.text) if m.party == thread.voice), None):
        declared[sentence.doc_id] = Named(sentence, named.start, named.end, named.party)


# "He said ...": a person the clause does not name (as is the "she" of "“...,” she added").
_HE = re.compile(r"^\W*(?:He|She)\b")


def says_he(text: str) -> bool:
    """Whether the claim's speaker is a "he" or "she" it does not name."""
    text = TIME_STAMP.sub("", text, count=1)
    return bool(_HE.match(text) or HE_SAID.search(text))


# "Its chief negotiator is Rafael Oyarzo", "Their offer still stands": a party's people or
# position, the party named in the sentence before ("Its status", "Its petition" may be anything's).
_ITS = re.compile(
    r"^\W*(?:Its|Their)\s+(?:(?:chief|lead|top|senior|new|latest|final|own)\s+)?(?:negotiators?|delegations?|"
    r"team|leaders?|president|spokes(?:man|woman|person)|chair|envoy|minister|offer|counter-?offer|proposal|"
    r"demand|position)\b"
)
# "It still refuses to ...", "They insist the cranes will go ahead": a body or a side taking a
# stance, as "he" does a person ("It leaves $127 million untouched" may be a plan's doing).
_IT_ACTS = re.compile(
    r"^\W*(?:It|They)\s+(?:(?:still|also|now|again|too|even|already|never|only|then)\s+)?(?:"
    r"wants?|insists?|says|said|refus(?:es|ed|e)|reject(?:s|ed)?|offer(?:s|ed)?|propos(?:es|ed|e)|"
    r"demand(?:s|ed)?|accept(?:s|ed)?|argu(?:es|ed|e)|maintain(?:s|ed)?|agree[sd]?|would|will|won[’']t|"
    r"cannot|can[’']t|(?:is|are|was|were)\s+(?:asking|demanding|offering|seeking|proposing|insisting|"
    r"refusing)|seek(?:s)?|sought|oppos(?:es|ed|e)|back(?:s|ed)?|favou?r(?:s|ed)?|plan(?:s|ned)?)\b"
)


def owns(text: str) -> bool:
    """Whether the claim opens on "its" or "their" and a party's people or position, or on "it" or
    "they" taking a stance, and so needs the party named before to be read alone."""
    text = TIME_STAMP.sub("", text, count=1)
    return bool(_ITS.match(text) or _IT_ACTS.match(text))


def _it_acts(text: str) -> bool:
    return bool(_IT_ACTS.match(TIME_STAMP.sub("", text, count=1)))


def needs_who(text: str) -> bool:
    """Whether a reader needs the brief to name who the claim's "he", "its" or "we" is."""
    return says_he(text) or owns(text) or says_we(text)


def owner(text: str, parties: Parties) -> Mention | None:
    """The first name of the one party the text names by a name that is no person's ("Caldora's is
    headed by Adriana Costell": Caldora); None when it names none, or more than one."""
    mentions = [m for m in parties.mentions(text) if text[m.start : m.end] not in parties.persons]
    return mentions[0] if len({m.party for m in mentions}) == 1 else None


def _owner(sentence: Sentence | None, end: int | None, parties: Parties) -> Named | None:
    """The sentence's one party (see owner; up to `end`), as it names it (a name ends before its
    possessive: "Caldora's" names Caldora); None for no sentence."""
    first = owner(sentence.text[:end], parties) if sentence else None
    return Named(sentence, first.start, first.end, first.party) if first else None


def _person(
    sentence: Sentence, offset: int, clause: str, said_by: str | None, parties: Parties
) -> Named | None:
    """The person the clause names (at `offset` in the sentence) whom a later "he" would mean: the
    first of the speaker's party, else the first named."""
    people = [m for m in parties.mentions(clause) if clause[m.start : m.end] in parties.persons]
    first = next((m for m in people if m.party == said_by), people[0] if people else None)
    if first is None:
        return None
    return Named(sentence, offset + first.start, offset + first.end, first.party)


# Articles repeat their words: each is stemmed once (the stemmer is pure Python).
stem = lru_cache(maxsize=65536)(snowballstemmer.stemmer("english").stemWord)
_WORD = re.compile(r"@[^@]+@|[^\W_]+(?:['’][^\W_]+)?")


def terms(text: str, parties: Parties) -> list[str]:
    """The text's stemmed content words, each name of a party replaced by the party."""
    marked, at = [], 0
    for m in parties.mentions(text):
        marked += [text[at : m.start], f" @{m.party}@ "]
        at = m.end
    marked.append(text[at:])
    out = []
    for w in _WORD.findall("".join(marked)):
        if w.startswith("@"):
            out.append(w.strip("@").join("@@")[:-1])
        elif word := _stemmed(w):
            out.append(word)
    return out


def stems(text: str) -> list[str]:
    """The text's stemmed content words as `terms` gives them, names of parties left as words."""
    return [word for w in _WORD.findall(text) if (word := _stemmed(w))]


def _stemmed(word: str) -> str | None:
    low = word.lower()
    return None if low in STOPWORDS or len(low) <= 1 else stem(low.replace("’", "'").removesuffix("'s"))


def _issues(patterns: dict[str, WordPattern], text: str) -> list[str]:
    """Issues ordered by how many keyword hits they have; ties keep profile order."""
    counts = [(-len(p.spans(text)), n, key) for n, (key, p) in enumerate(patterns.items())]
    return [key for c, _, key in sorted(counts) if c < 0]
