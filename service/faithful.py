"""Faithful: whether a claim's text says only what the quotes it cites say.

A claim may say less than its quotes (a compression), name a party by another of the profile's
names for it (Moscow for Russia), use another neutral reporting verb ("said" for "told") or
reorder; it may not say anything else. Cheap, high-precision gates, each with its reason:

- words: every content word of the claim (stemmed) is in the quotes;
- numbers and dates: each one the claim states is in the quotes;
- scope: a word the claim negates, hedges, quantifies, stages ("ready to"), puts under a modal
  or in a part ("one of the heaviest") has the same markers in the quotes, and a word the quotes
  so mark keeps its markers;
- conditions: a word the quotes limit ("only if", "once", "without", "should he", a leading
  "If ...,", "would ... in a bad year") stays limited;
- roles: a party or person the claim puts just before a word ("Putin agreed") or just after it
  ("led by Umerov") is named there in the quotes too;
- accounts: what the quotes give as someone's account ("Peskov said", "according to a person
  who attended", "hardliners' confidence that") stays an account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.attribute import Parties
from service.dedupe import STOPWORDS
from service.evidence import stem
from service.wording import FACT_TOKEN


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Neutral reporting verbs: one may stand for another ("said" for "told reporters").
_SAY = _words(
    "say says said tell tells told state states stated add adds added note notes noted remark remarks "
    "remarked comment comments commented explain explains explained write writes wrote"
)
# Verbs (and a few nouns: "hardliners' confidence that ...") that give what follows as someone's
# account or belief, not as a fact (stems).
_ACCOUNT = frozenset(
    stem(w)
    for w in _words(
        "claim accuse allege insist warn argue announce confirm reiterate stress emphasize "
        "emphasise deny acknowledge reaffirm highlight describe predict reply respond declare suggest "
        "reveal fear believe doubt confidence belief allegation assessment"
    )
) | {"SAY"}
_NEGATION = _words("not no never nor none cannot non")
_MODAL = _words("will would could may might must should can shall")
_HEDGE = _words(
    "reportedly allegedly alleged possibly perhaps likely probably apparently purportedly unconfirmed "
    "essentially almost nearly largely partly partially mostly virtually roughly approximately"
)
_QUANTIFIER = _words(
    "all every each entire whole only both some most more less fewer least any few many several"
)
# Words that limit what comes before them ("a hostile act without a treaty", "only once a deal is
# signed", "should he accept"); "without" also negates what follows it.
_CONDITION = _words("if unless provided once without")
# "One of the heaviest strikes" is not "the heaviest strike": a part of a set hedges what it names.
_PARTITIVE = r"one\s+of|among"
# Words that put an act before it happens: "close to agreeing" is not "agreed".
_STAGE = _words(
    "close near ready willing prepared expected expects plans planned planning aims aimed hopes hoped "
    "seeks sought trying tries tried"
)
# Words, party mentions (as "@n@"), partitives and the punctuation that ends a phrase.
_TOKEN = re.compile(r"@\d+@|(?i:" + _PARTITIVE + r")\b|[^\W_]+(?:['’][^\W_]+)*|[,;:.!?()“”\"—–]")
# Capitalised words that name no one.
_CALENDAR = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december"
)
# Adverbs a marker reaches across: "has not yet formally responded" negates "responded".
_TRANSPARENT = _words("yet still even again ever already also previously repeatedly recently fully really")
# How far a condition ("..., but only if") may follow the word it limits, in words.
_CONDITION_REACH = 5
# A hypothetical's indefinite circumstance is its condition: "would leave the delta dry in a bad
# year" is "if the year is bad".
_HYPOTHETICAL = _words("would could might")
_CIRCUMSTANCE = _words("a an")
_SUBJECTS = _words("he she they it we i you")
_UNNAMED = "an unnamed source"
_ACTOR_REACH = 5
# An account in a short last phrase, followed by this few content words, closes the text and
# covers all of it: "..., the ministry said in a statement."
_CLOSING_ACCOUNT = 3
_CLOSING_PHRASE = 5


@dataclass
class _Use:
    """One occurrence of a content word: the markers on it, whether a condition limits it, its actor.

    `near` holds the markers between the word and the content word before it; `reach` also those
    before that one, so a compression that drops a word between still matches. `before` and
    `after` are the parties, people and names around it in its phrase, nearest first.
    """

    near: set[str] = field(default_factory=set)
    reach: set[str] = field(default_factory=set)
    conditional: bool = False
    before: tuple[_Token, ...] = ()
    after: tuple[_Token, ...] = ()


@dataclass
class _Reading:
    """A text as the gates read it."""

    uses: dict[str, list[_Use]]
    facts: set[str]
    # Who gives an account in the text ("Peskov said", "according to sources"), by name or party,
    # and the content words the account covers.
    accounts: dict[str, set[str]]


def unsupported(claim: str, quotes: list[str], parties: Parties) -> str | None:
    """None when the quotes support the claim's text; otherwise what the claim says that they do not."""
    said = _read(claim, parties)
    source = _read(" … ".join(quotes), parties)
    extra = [w for w in said.uses if w not in source.uses]
    if extra:
        return f"words not in the cited text: {', '.join(sorted(extra)[:6])}"
    facts = sorted(said.facts - source.facts)
    if facts:
        return f"numbers or dates not in the cited text: {', '.join(facts)}"
    for word, uses in said.uses.items():
        for use in uses:
            if reason := _scope(word, use, source.uses[word]):
                return reason
    # What the cited text gives as someone's account stays an account ("Peskov said that Moscow is
    # the only venue" is not "Moscow is the only venue"), even the party's own ("Kyiv says").
    # A claim keeping some speaker may name them another way ("Ushakov said" for "Yuri Ushakov, a
    # Kremlin aide, said"), but not lose an "according to" that names the only source.
    for who, covers in source.accounts.items():
        kept = who in said.accounts if who == _UNNAMED else bool(said.accounts)
        if not kept and covers & said.uses.keys():
            return f"states as fact what the cited text gives as {who.lstrip('@')}'s account"
    return None


def _scope(word: str, use: _Use, sources: list[_Use]) -> str | None:
    """Why this use of a word is not one the quotes make, or None when one of theirs matches."""
    reasons = []
    for src in sources:
        # A compression may bring a marker closer; a quantifier further off still counts ("most
        # in Kyiv expect" is not "few in Kyiv expect").
        extra = (use.near | (use.reach & _QUANTIFIER)) - src.reach
        if extra:
            reasons.append(f"{word!r} is marked {'/'.join(sorted(extra))} only in the claim")
        elif not src.near <= use.reach:
            reasons.append(f"{word!r} loses {'/'.join(sorted(src.near - use.reach))} from the cited text")
        elif src.conditional and not use.conditional:
            reasons.append(f"{word!r} is conditional in the cited text, not in the claim")
        elif who := _stray(use.before, src.before):
            reasons.append(
                f"{word!r} is done by {who} in the claim but by {src.before[0].word} in the cited text"
            )
        elif whom := _stray(use.after, src.after):
            reasons.append(
                f"{word!r} is followed by {whom} in the claim but by {src.after[0].word} in the cited text"
            )
        else:
            return None
    return reasons[0]  # sources is never empty: every word of the claim is in the quotes


# Words of four letters or more (not a party's @n@ mark): most of them capitalised is a headline.
_LONG_WORD = re.compile(r"(?<![@\w])[A-Za-z][\w’'-]{3,}")
_TITLE_CASE_SHARE = 0.6


def _title_case(flat: str) -> bool:
    words = _LONG_WORD.findall(flat)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)


def _read(text: str, parties: Parties) -> _Reading:
    # A party's mention becomes one token: "@n@", n indexing (word, party). A profile alias
    # reads as its party (Moscow = Russia); a person the articles tie to a party keeps their name.
    people = {name.casefold() for name in parties.persons}
    mentions: list[tuple[str, str]] = []
    marked, at = [], 0
    for m in parties.mentions(text):
        said = text[m.start : m.end]
        word = stem(said.split()[-1].casefold()) if said.casefold() in people else "@" + m.party
        marked += [text[at : m.start], f" @{len(mentions)}@ "]
        mentions.append((word, "@" + m.party))
        at = m.end
    marked.append(text[at:])
    flat = "".join(marked)
    if _title_case(flat):
        # A headline capitalises its verbs ("Russia Invites Zelenskyy"): read as prose, so a
        # capital is no name and "Invites" keeps its roles.
        flat = _LONG_WORD.sub(lambda m: m.group().lower(), flat)
    read = [_classify(t, mentions) for t in _TOKEN.findall(flat)]

    uses: dict[str, list[_Use]] = {}
    accounts: dict[str, set[str]] = {}
    for n, t in enumerate(read):
        if t.word is None:
            continue
        if t.kind == "actor":
            uses.setdefault(t.word, []).append(_Use())
            if t.word != t.value:  # a person stands for their party too: "the Kremlin" for "Peskov"
                uses.setdefault(t.value, []).append(_Use())
            if _according_to(read, n):
                accounts.setdefault(t.word, set()).update(_every(read))
            continue
        near, reach = _markers(read, n)
        # A name has no roles of its own: "Abu Dhabi talks" is no one's act.
        before, after = ((), ()) if t.value == "name" else (_before(read, n), _after(read, n))
        uses.setdefault(t.word, []).append(_Use(near, near | reach, _conditional(read, n), before, after))
        if t.word in _ACCOUNT:
            actor = next((e for e in before if e.kind == "actor"), None)
            who = actor.word if actor else "someone"
            accounts.setdefault(who, set()).update(_covered(read, n))
        elif t.low == "according" and _unnamed_source(read, n):
            # "according to X" covers the whole text, before it or after.
            accounts.setdefault(_UNNAMED, set()).update(_every(read))
    # A number inside a party's name ("Local 17") is the name, not a fact.
    facts = {" ".join(m.group().lower().split()) for m in FACT_TOKEN.finditer(re.sub(r"@\d+@", " ", flat))}
    return _Reading(uses, facts, accounts)


@dataclass(frozen=True)
class _Token:
    """A token as the gates read it: the content word it is (if any), its kind, and more.

    Kinds: "actor" (a party or person; `value` is the party), "marker" (negation, modal, hedge,
    quantifier, stage; `value` says which), "condition", "word" (content; `value` "name" for a
    capitalised word), "function" (stopwords, and adverbs a marker reaches across) and "break".
    """

    word: str | None
    kind: str
    value: str | None
    low: str


def _classify(token: str, mentions: list[tuple[str, str]]) -> _Token:
    low = _lower(token)
    if token.startswith("@"):
        word, party = mentions[int(token.strip("@"))]
        return _Token(word, "actor", party, low)
    if not token[0].isalnum():
        return _Token(None, "break", None, low)
    if low in _CONDITION:
        return _Token(None, "condition", low, low)
    if re.fullmatch(_PARTITIVE, low):
        return _Token(None, "marker", "one of", low)
    if low.endswith("n't") or low in _NEGATION:
        return _Token(None, "marker", "not", low)
    if low in _MODAL or low in _HEDGE or low in _QUANTIFIER or low in _STAGE:
        return _Token(None, "marker", low, low)
    if low in _SAY:
        return _Token("SAY", "word", None, low)
    # An -ly word is an adverb when the stemmer takes the -ly off ("formally", not "Italy" or "supply").
    adverb = low in _TRANSPARENT or (low.endswith("ly") and not stem(low).endswith("li"))
    if adverb or low in STOPWORDS or len(low) < 2:
        return _Token(None, "function", None, low)
    return _Token(stem(low.removesuffix("'s")), "word", "name" if token[0].isupper() else None, low)


def _markers(read: list[_Token], n: int) -> tuple[set[str], set[str]]:
    """The markers between word n and the content word before it, and those before that one."""
    near: set[str] = set()
    reach: set[str] = set()
    into = near
    for t in reversed(read[:n]):
        if t.kind == "break":
            break
        if t.kind == "marker" and t.value:
            into.add(t.value)
        elif t.low == "without":
            into.add("not")
        elif t.word is not None:
            if into is reach:
                break
            into = reach
    return near, reach


def _conditional(read: list[_Token], n: int) -> bool:
    """Whether a condition limits word n: "accept the panel, but only if ..." limits "panel", and
    "If X, Y" limits every word of X and of Y."""
    if read and read[0].kind == "condition" and [t.low for t in read[1:2]] != ["again"]:
        return True
    after = read[n + 1 : n + 2 + _CONDITION_REACH]
    for k, t in enumerate(after):
        if t.kind == "condition" and not (
            t.low == "once" and k + 1 < len(after) and after[k + 1].low == "again"
        ):
            return True
        following = after[k + 1].low if k + 1 < len(after) else None
        # "should he decide": an inverted condition.
        if t.low == "should" and following in _SUBJECTS:
            return True
        if t.low == "in" and following in _CIRCUMSTANCE and _hypothetical(read, n):
            return True
        if t.word is not None or (t.kind == "break" and t.low != ","):
            return False
    return False


def _hypothetical(read: list[_Token], n: int) -> bool:
    """Whether "would", "could" or "might" comes before word n in its phrase."""
    for t in reversed(read[:n]):
        if t.kind == "break":
            return False
        if t.low in _HYPOTHETICAL:
            return True
    return False


def _before(read: list[_Token], n: int) -> tuple[_Token, ...]:
    """The parties and people close before word n in its phrase, and the names right before it:
    who does what it says ("US envoy Jared Kushner told": the US, Kushner; not Kushner for "talks"
    in "... told reporters talks")."""
    named, adjacent = [], True
    for t in reversed(read[max(0, n - _ACTOR_REACH) : n]):
        if t.kind == "break":
            break
        if t.kind == "actor" or (adjacent and _named(t)):
            named.append(t)
        elif t.word is not None:
            adjacent = False
    return tuple(named)


def _after(read: list[_Token], n: int) -> tuple[_Token, ...]:
    """The parties, people and names right after word n, up to the next other content word: to or
    by whom it is done ("told Kushner", "led by Umerov"); a list ("Kyiv, Moscow and Washington") whole."""
    named = []
    for t in read[n + 1 :]:
        if t.kind == "break" and t.low != ",":
            break
        if _named(t):
            named.append(t)
        elif t.word is not None:
            break
    return tuple(named)


def _named(t: _Token) -> bool:
    """Whether a token names someone: a party, a person or another capitalised word."""
    return t.kind == "actor" or (t.value == "name" and t.low not in _CALENDAR)


def _stray(claim: tuple[_Token, ...], source: tuple[_Token, ...]) -> str | None:
    """The party or person the claim names in a role that the cited text gives only to others.

    A party and any of its people may stand for each other ("the Kremlin said" for "Peskov said");
    two people, or a party and a name it does not own, may not. Where the claim names no party or
    person nearest, or the text names no one, no role is asserted.
    """
    actor = claim[0] if claim else None
    if actor is None or actor.kind != "actor" or not source:
        return None
    for t in source:
        # A party's mention reads as "@Party", a person's as their name.
        if t.word == actor.word or (t.value == actor.value and actor.value in (t.word, actor.word)):
            return None
    return actor.word


def _according_to(read: list[_Token], n: int) -> bool:
    """Whether "according to" comes before the actor at token n (first names may sit between)."""
    while n > 0 and read[n - 1].value == "name":
        n -= 1
    return n >= 2 and read[n - 2].low == "according" and read[n - 1].low == "to"


def _every(read: list[_Token]) -> set[str]:
    return {t.word for t in read if t.word and t.kind == "word"}


def _covered(read: list[_Token], n: int) -> set[str]:
    """The content words an account at token n covers: what follows it ("X said that ..."), or the
    whole text when it closes the text (", Rosatom chief Alexei Likhachev said last week.")."""
    after = [t for t in read[n + 1 :] if t.word and t.kind == "word"]
    phrase = 0  # words from the last comma to the account
    for t in reversed(read[:n]):
        if t.kind == "break":
            break
        phrase += 1
    opens_clause = n + 1 < len(read) and read[n + 1].low == "that"  # "confidence that ..."
    if len(after) <= _CLOSING_ACCOUNT and phrase <= _CLOSING_PHRASE and phrase < n and not opens_clause:
        return _every(read)
    return {t.word for t in after if t.word} - {t.word for t in read[:n] if t.word}


def _unnamed_source(read: list[_Token], n: int) -> bool:
    """Whether "according to" at token n names no one: "according to a person who attended", not
    "according to Interfax" (an outlet's credit) or "according to Peskov" (an actor)."""
    # The first word past function words and quantifiers: "according to some officials", "to one
    # of those who attended".
    first = next((t for t in read[n + 2 :] if t.kind not in ("function", "marker")), None)
    return first is not None and first.kind == "word" and first.value != "name"


def _lower(token: str) -> str:
    return token.lower().replace("’", "'")
