"""Status: where each issue stands, and the claims that say so.

A status is an assertion like any other: it must rest on claims of the brief whose words say
it (cue words from the topic profile, with shared defaults in prompts/status_cues.yaml). Where
an issue stands is what most of the sources' clauses on it say (`standing`, read from all of
them; a clause naming the talks' broker, a mediator or an envoy, weighs half again), news of a
deal or of its undoing superseding what came before; a narrowing tied with another status is a
narrowing; sources otherwise split evenly leave it to a model (judge.py), or to what most of the
brief's own claims say, and a tie is "unknown". With no claim saying any, two parties' positions
on the issue make it "open" (two sides, no deal), and otherwise the status is "unknown". A cue
inside a condition or a generalisation ("talks like these tend to ...") says nothing, as does
agreeing to talk more or to have the matter studied, one whose object denies it ("signed nothing")
is denied, and one whose sense is its negation ("has not budged") says it still; an agreement or
a narrowing denied, or an agreement undone, says open, but a denial until a ratification is
pending says nothing, and a deal in the making or said to be near is none; a deal on part of the
issue with the rest to settle, or one side's acceptance with the other's answer still to come,
says narrowing; and each part of a claim that turns to another matter speaks for the issue it
names. An item of a list of a deal's terms ("Key terms:", then "- Annual subsidy of EUR 16.8m
from July 1") that says nothing else says agreed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from service.schema import IssueStatus
from service.topic import TopicProfile, WordPattern
from service.wording import MOVED, is_question

STATUSES: tuple[IssueStatus, ...] = ("agreed", "narrowing", "open")
# A cue under a negation says the opposite: "no agreement was reached", "has not agreed",
# "Notably missing: an agreed research budget", "Nobody has yet agreed who pays".
_NEGATED = re.compile(
    r"(?:\b(?:not|no|nobody|neither|nothing|never|yet to|without|nor|far from|failed to|fails to|cannot|"
    r"missing|lacks|lacking)\b|n['’]t\b)"
    r"(?:\W+\w+){0,2}\W*$|"
    # "adjourned the adoption of", "postponed adoption of": what was put off did not happen.
    r"\b(?:postpon\w*|adjourn\w*|defer\w*|delay\w*|put off|puts off|block\w*)(?:\W+\w+){0,2}\W*$|"
    # "No new energy truce was agreed": a "no" opening the subject negates its verb.
    r"(?:^|[,;:]\s+)\W*no\b(?:\W+\w+){1,4}\W+(?:was|were|is|are|has been|have been|had been)\W*$",
    re.IGNORECASE,
)
# A cue inside a condition states what would be, not what is: "stay out until a contract is
# signed", "not binding unless both governments agreed otherwise".
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|until|whether|provided|as long as|on (?:the )?condition)\b[^,;.:!?“”\"]{0,80}$|"
    # A condition after what it limits runs to the end: "would drop its bid if it receives
    # guarantees from Washington, ratified by Congress".
    r"\S\s+(?:only\s+)?(?:if|unless|provided)\b[^;.:!?“”\"]{0,120}$|\bonly\s+when\b[^;.:!?“”\"]{0,120}$|"
    # "before the treaty is signed", "after the agreement is signed", "once the deal is done": a
    # time still to come.
    r"\b(?:before|after|once)\b[^,;.:!?“”\"]{0,60}\b(?:is|are|can be|could be)\s+$|"
    # "would be signed with a final deal", "could be agreed": what would be, not what is; so is
    # what is offered ", to be ratified by Congress" or "expected to be signed".
    r"\b(?:would|could|might)\s+(?:only\s+|then\s+)?(?:be\s+|have\s+(?:been\s+)?)?$|"
    r"(?:,|\b(?:expected|due|set|scheduled))\s+to\s+be\s+$|"
    # "paid at whatever new rate is agreed": any deal still to come, none made; so is "what is
    # done in their name".
    r"\bwhatever\b[^,;.:!?“”\"]{0,60}$|\bwhat\s+(?:(?:is|are|was|were|has\s+been|have\s+been|gets?)\s+)?$|"
    # "Washington wants both signed together", "wants the guarantee ratified first": a wish; not
    # the end of a clause before its verb ("what the developing world wants has shrunk").
    r"\b(?:wants?|wanted|demands?|demanded|seeks?|sought|hopes?|hoped|would like|calls? for|called for|"
    r"urges?|urged)\s+(?!(?:has|have|had|is|are|was|were|will|would)\b)(?:[\w’'-]+\s+){0,4}?(?:to\s+be\s+)?$|"
    # "proposed that the town's final say be settled by a referendum": what one asks for.
    r"\b(?:propos|suggest|urg|demand|ask|insist|recommend)\w*\s+that\s+(?:[\w’'-]+\s+){0,6}?"
    r"(?:should\s+|must\s+)?be\s+$",
    re.IGNORECASE,
)
# "the details are still being worked out": a deal in the making, not made.
_BEING = re.compile(r"\bbeing\s+$", re.IGNORECASE)
# A denial until a formal approval states neither: "not agreed until parliament approves", "no
# deal until the clubs sign it off" (a ratification still pending, not a dispute). A condition
# of one side's ("no ceasefire until rebel fighters have gathered in cantonment sites") and the
# negotiators' "nothing is agreed until everything is agreed" still deny.
_DENIAL = re.compile(r"(?:no|not|nothing|never)\b", re.IGNORECASE)  # a cue that denies: "no deal"
_UNTIL = re.compile(
    r"^\W*(?:[\w’'-]+\W+){0,3}?(?:until|unless)\b(?:\W+[\w’'-]+){0,5}?\W+"
    r"(?:ratif\w*|approv\w*|sign\w*|vot\w*|endors\w*|rubber-stamp\w*)\b",
    re.IGNORECASE,
)
# The talks' broker: a mediator, facilitator, envoy, conciliator or arbitrator, or a conference's
# president.
_BROKER = re.compile(
    r"\b(?:mediators?|facilitators?|envoys?|conciliators?|arbitrators?|conference president)\b", re.IGNORECASE
)
# A deal spoken of as near ("an agreement was 'within touching distance'", "close to a deal") is
# not a deal yet.
_NEAR = re.compile(
    r"\b(?:within (?:touching |striking )?(?:distance|reach|sight)|near(?:ing)?|"
    # Close to a deal, not "a fee far closer to the guild's figure than to the association's".
    r"close(?:r)?(?:\s+than\s+ever)?\s+to\s+(?:(?:a|an|the|their|its|reaching|striking|agreeing)\s+)?"
    r"(?:[\w-]+\s+)?(?:deal|agree\w*|accord|settlement|compromise|breakthrough|pact)|"
    r"on the verge|closing in|in sight)\b",
    re.IGNORECASE,
)
# A figure compared with two others, not a gap narrowing: "closer to the guild's figure than to
# the association's".
_COMPARED = re.compile(r"closer\s+to\b[^,;.:!?]{1,60}?\bthan\s+to\b", re.IGNORECASE)
# A cue said of any deal, in what would follow from one: "a signed deal with authors would help"
# (a participle: "a compromise that would phase it in" is one on the table).
_ANY_DEAL = re.compile(r"\b(?:an?|any)\s+$", re.IGNORECASE)
_WOULD = re.compile(r"\b(?:would|could|might)\b", re.IGNORECASE)
# "once a funding deal is signed", "when the new cladding is finished": a time still to come.
_BEFORE = re.compile(r"\b(?:before|after|once|when)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PRESENT = re.compile(r"\b(?:is|are)\b", re.IGNORECASE)
_NAMED_DEAL = re.compile(r"(?:adoption|acceptance|signing|ratification)\b", re.IGNORECASE)
_WILL = re.compile(r"\bwill\b", re.IGNORECASE)
# "accepted it as a basis for talks": a text to negotiate from, not a deal.
_BASIS = re.compile(
    r"\bas (?:a|the) (?:basis|starting point|framework) for "
    r"(?:further )?(?:talks|negotiations?|discussions?)\b",
    re.IGNORECASE,
)
# Agreeing to talk more, or to look into something, settles nothing: "agreed to keep talking",
# "agreed to further talks", "has agreed to study whether the upgrade can be brought forward",
# "agreed to report by December 15 on whether it can" (but "agreed to meet in Istanbul" settles
# where).
_MORE_TALKS = re.compile(
    r"\bagree(?:s|d)?\s+to\s+(?:(?:keep|continue|go\s+on|carry\s+on)\s+(?:talking|negotiating|discussing|working)|"
    r"(?:further|more)\s+talks|study|consider|examine|explore|look\s+into|report(?:\s+back)?\s+(?:by|on|in|within)|"
    # "agreed to commission an independent study of the routes": the answer put off to a study.
    r"(?:commission|order|fund|set\s+up|launch|hold)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:study|review|survey|assessment|inquiry|audit))\b",
    re.IGNORECASE,
)
# A cue whose object denies it: "We signed nothing on the river", "it agreed to nothing".
_NOTHING = re.compile(r"\s+(?:to\s+|on\s+)?(?:nothing|none of it)\b", re.IGNORECASE)
# "largely agreed", "agreed on most of the principles": part of it agreed is a narrowing.
_PARTLY = re.compile(r"\b(?:largely|mostly|partly|partially|most of|much of)\b", re.IGNORECASE)
# "agreed a first-year payment, but the amounts for the remaining years are still in dispute": a
# deal on part of the issue with the rest to settle is a narrowing, not a deal denied.
_REMAINDER = re.compile(
    r"\b(?:the remaining|the rest of|remains? to be (?:agreed|settled|negotiated|resolved)|"
    r"still (?:to be (?:agreed|settled)|in dispute|outstanding)|"
    # "agreed in principle on a joint company, but not on who runs the field day to day"
    r",?\s+but\s+not\s+(?:yet\s+)?(?:on|over|about)\s+(?:who|what|how|when|whether|the)|"
    # "agreed on the route but are still haggling over the hours", "the remaining names are still
    # being argued over"
    r"still\s+(?:being\s+)?(?:haggling|arguing|argued|working|negotiating|negotiated|discussing|discussed)|"
    # "a free day pass, with the size of the zone left to a working group": the rest handed on.
    r"(?:left|referred|handed|passed)\s+to\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:working\s+group|group|committee|panel|experts|commission))\b",
    re.IGNORECASE,
)
# One side's acceptance with the other's answer still to come ("The union has accepted the
# mediator's proposal; Halcyon has until Friday to respond") is a narrowing, not a deal.
_PENDING = re.compile(
    r"\b(?:(?:has|have)\s+until\s+\w+\s+to\s+(?:respond|reply|answer)|(?:has|have)\s+yet\s+to\s+"
    r"(?:respond|reply|answer|give)|(?:has|have)\s+not\s+yet\s+(?:replied|responded|answered)|"
    r"promised\s+an\s+answer|(?:expected|due)\s+to\s+(?:respond|reply|answer|give\s+(?:its|their)\s+answer)|"
    r"asked\s+for\s+more\s+time|(?:is|are)\s+still\s+considering|"
    r"(?:says?|said)\s+(?:it|they)\s+will\s+(?:respond|reply|answer))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _shared(path: Path, stamp: int) -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {k: tuple(v) for k, v in data.items() if k in STATUSES}


def shared_version(prompts_dir: Path) -> str:
    """A digest of the shared cue words (cheap: the file is read once per version)."""
    path = prompts_dir / "status_cues.yaml"
    if not path.is_file():
        return "none"
    return _digest(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _digest(path: Path, stamp: int) -> str:
    return hashlib.sha256(repr(sorted(_shared(path, stamp).items())).encode()).hexdigest()[:16]


def cues(profile: TopicProfile, prompts_dir: Path) -> dict[IssueStatus, WordPattern]:
    """One regex per status: the profile's cue words where it gives them, else the shared ones."""
    path = prompts_dir / "status_cues.yaml"
    shared = _shared(path.resolve(), path.stat().st_mtime_ns) if path.is_file() else {}
    out = {}
    for status in STATUSES:
        words = profile.status_cues.get(status) or list(shared.get(status, ()))
        if words:
            out[status] = WordPattern(list(words))
    return out


# Where a claim turns from one matter to another ("agreed to share data ..., but ended without a
# deal on the dry-season flow", "agreed on quotas but remain far apart on subsidies", "reached a
# deal on tariffs, clearing the way for talks on quotas"): a cue speaks for the issue of its part.
_TURN = re.compile(
    r",\s+(?:but|while|whereas|although|though|yet|clearing|opening|paving|leaving|with)\b|"
    # A headline's second half: "Talvera talks reach deal on guarantee and tickets, tax and
    # security still open".
    r",\s+(?=(?:[\w-]+\s+){1,4}(?:still|remain|remains)\s+"
    r"(?:open|unresolved|outstanding|in dispute)\b(?!\s+to\b))|"
    r"\s+(?:but|whereas)\s+(?=(?:are|is|remain|remains|still|not|no|the|they|it|have|has)\b)|;\s+"
)
# A report that undoes a deal, besides the words of one undone (_UNDONE): "members rejected the
# tentative pay deal", "declared the clause void", "withdrew its price freeze"; not one that
# finds the issue disputed.
_REJECTS = re.compile(
    r"\b(?:reject\w*|turned down|voted (?:[\w-]+ ){0,3}down|void|withdr[ae]wn?|no longer)\b", re.IGNORECASE
)
# The fate of a deal in the past ("That year's talks produced a draft that Kiev rejected"): history,
# not news of the deal at issue.
_HISTORY = re.compile(
    r"\b(?:that year|last year|years? ago|in the past|(?:in|of|since) (?:19|20)\d\d|(?:19|20)\d\d[’']s|"
    r"last (?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"spring|summer|autumn|winter))\b",
    re.IGNORECASE,
)
# An agreement undone: "the ceasefire agreed in May collapsed", "denied that it had agreed".
_UNDONE = re.compile(
    r"\b(?:collapsed?|collapses|fell apart|fallen apart|falls apart|broke down|broken down|unravel\w*|"
    r"torn up|tore up|lapsed|expired|off the table|declared dead|scrapped|abandoned|reneged|denied|"
    r"denies|revoked|no longer in force|withdr[ae]wn? from|"
    # "the pause had ended on February 1 as agreed", "two days after the expiry of a pause agreed":
    # a deal run out is no deal now.
    r"(?:has|had|have) (?:now )?ended|expiry|ran out|run out)\b",
    re.IGNORECASE,
)


def about(text: str, issue: WordPattern | None) -> list[str]:
    """The claim's parts (split where it turns) that name the issue; every part when no part
    names it (its issue came from its sentence) or no issue is given."""
    parts = _TURN.split(text)
    named = [p for p in parts if issue is not None and issue.spans(p)]
    return named or parts


def says(text: str, pattern: WordPattern) -> bool:
    """Whether the text states the cue, not under a negation or inside a condition."""
    return not all(_negations(text, pattern))


def _denies(text: str, pattern: WordPattern | None) -> bool:
    """Whether the text states the cue negated ("no agreement was reached", "did not narrow")."""
    return pattern is not None and any(_negations(text, pattern))


# Cues said under a negation, whose negation is their sense: "has not budged", "Neither side has
# moved an inch".
_NEGATIVE_POLARITY = re.compile(r"(?:budged?|moved an inch)$", re.IGNORECASE)


def _negations(text: str, pattern: WordPattern) -> list[bool]:
    """For each mention of the cue outside a condition, whether a negation stands before it."""
    out = []
    for start, end in pattern.spans(text):
        if _conditional(text, start, end):
            continue
        negated = bool(_NEGATED.search(text[:start])) and not _NEGATIVE_POLARITY.search(text[start:end])
        negated = negated or bool(_NOTHING.match(text, end))
        if (negated or _DENIAL.match(text, start)) and _UNTIL.match(text[end:]):
            continue
        out.append(negated)
    return out


def _conditional(text: str, start: int, end: int) -> bool:
    """Whether the cue at text[start:end] is inside a condition, or a time still to come ("before
    the accord is signed", not "before the accord was signed")."""
    if _CONDITIONAL.search(text[:start]):
        return True
    cue = text[start:end]
    if cue.split()[0].endswith("ed") and _ANY_DEAL.search(text[:start]) and _WOULD.search(text[end:]):
        return True  # "a signed deal with authors would help": any such deal, not one made
    # "will be open for signature after the adoption of the annex": a deal named by its noun is one
    # to come when the clause tells what will follow it; so is one in the past tense of what a side
    # said it would do ("would put the claim on hold once a funding deal was signed").
    return bool(
        _BEFORE.search(text[:start])
        and (
            _PRESENT.search(cue)
            or _WOULD.search(text[:start])
            or (_NAMED_DEAL.match(cue) and _WILL.search(text))
        )
    )


# A leading "After two weeks of stalling," or "Following the truce's collapse,": what came before.
_PRIOR = re.compile(r"^\W*(?:after|following)\s+[^,;:]{1,80},", re.IGNORECASE)
# A relative clause on a person, set off by a comma.
_RELATIVE = re.compile(r",\s+(?:who|whom|whose)\b[^,;]*", re.IGNORECASE)
# A generalisation speaks of talks like these, not of where this issue stands: "Face-to-face talks
# are rare and tend to be reserved for cases where a satellite operates at the contested position".
_GENERALLY = re.compile(r"\b(?:tends? to|usually|typically|generally|as a rule|in general)\b", re.IGNORECASE)


def stated(part: str, patterns: dict[IssueStatus, WordPattern]) -> set[IssueStatus]:
    """The statuses one part of a claim states (a question or a generalisation states none)."""
    if is_question(part) or _GENERALLY.search(part):
        return set()
    # A relative clause tells of its person: "It is a famous win for Vestergaard and her team, who
    # refused to budge while Halcyon dangled caps" says nothing of where the issue stands.
    part = _RELATIVE.sub("", part)
    # What a leading "After weeks of stalling," tells is what came before the news, not where the
    # issue stands: its dispute says nothing ("After two weeks of stalling, Teveria has won back
    # the spectrum").
    prior = _PRIOR.match(part)
    now = part[prior.end() :] if prior else part
    out = {status for status, pattern in patterns.items() if says(now if status == "open" else part, pattern)}
    if "agreed" in out and all(_BEING.search(part[:start]) for start, _ in patterns["agreed"].spans(part)):
        out.discard("agreed")
    if "agreed" in out and all(_MORE_TALKS.match(part, start) for start, _ in patterns["agreed"].spans(part)):
        out.discard("agreed")  # "We have agreed to keep talking about them": more talks, no deal
    if "agreed" in out and _HISTORY.search(part):
        out.discard("agreed")  # "agreed last September to buy Castell": what was agreed before
    if "agreed" in out and "narrowing" in patterns and (_PARTLY.search(part) or _BASIS.search(part)):
        out = (out - {"agreed"}) | {"narrowing"}
    if {"agreed", "narrowing"} <= out and _NEAR.search(part):
        out.discard("agreed")
    spans = patterns["narrowing"].spans(part) if "narrowing" in out else []
    if spans and all(_COMPARED.match(part, start) for start, _ in spans):
        out.discard("narrowing")  # "a fee far closer to the guild's figure than to the association's"
    if "open" in patterns:
        # No agreement, or a gap that did not narrow, is an open issue; so is an agreement undone.
        if any(s not in out and _denies(now, patterns.get(s)) for s in ("agreed", "narrowing")):
            out.add("open")
        if "agreed" in out and _UNDONE.search(now):
            out = (out - {"agreed"}) | {"open"}
    if "narrowing" in out:
        out.discard("open")  # a gap that narrows is narrowing ("as the gap narrows")
    return out


def _partial(text: str, patterns: dict[IssueStatus, WordPattern]) -> bool:
    """Whether the text tells of a deal on part of the issue with the rest still to settle."""
    rest = list(_REMAINDER.finditer(text))
    if not rest:
        return False
    # "remains to be agreed", "still in dispute", "but not on who", "left to a working group" say
    # it; "the remaining years" needs a dispute after it.
    said = ("remain", "still", "but", "left", "referred", "handed", "passed")
    return any(m.group().lower().lstrip(", ").startswith(said) for m in rest) or bool(
        "open" in patterns and patterns["open"].spans(text[rest[0].start() :])
    )


def supported(
    texts: dict[str, str],
    patterns: dict[IssueStatus, WordPattern],
    issue: WordPattern | None = None,
    sides: dict[str, str] | None = None,
    listed: Collection[str] = (),
) -> dict[IssueStatus, list[str]]:
    """For each status some claim states of the issue (its keywords), the ids of those claims
    (texts: claim id -> text). A claim that is an item of a list of a deal's terms (`listed`, see
    segment.listed_terms) says agreed when it says nothing else, and a party's position whose
    figure moved (sides: claim id -> party) narrowing. With no status said, two parties'
    positions on it make it open: a reader calls an issue with two sides and no deal undecided."""
    out: dict[IssueStatus, list[str]] = {}
    for cid, text in texts.items():
        said: set[IssueStatus] = set()
        for part in about(text, issue):
            said |= stated(part, patterns)
        if not said and cid in listed and "agreed" in patterns and not is_question(text):
            said = {"agreed"}  # "- Annual subsidy of EUR 16.8m from July 1", under "Key terms:"
        if not said and cid in (sides or {}) and "narrowing" in patterns and MOVED.search(text):
            said = {"narrowing"}  # "Harland has lowered its rent demand to 7%": a side's figure moved
        if (
            "agreed" in said
            and "narrowing" in patterns
            and (_partial(text, patterns) or _PENDING.search(text))
        ):
            said = (said - {"agreed", "open"}) | {"narrowing"}
        if {"agreed", "open"} <= said:
            # A deal claimed and denied in one breath ("the district says settled; the union says
            # it agreed to nothing", "reports of a deal were premature", "a draft deal, reported
            # as agreed, was reopened") is no deal.
            said.discard("agreed")
        for status in said:
            out.setdefault(status, []).append(cid)
    if not out and "open" in patterns and len(set((sides or {}).values())) >= 2:
        return {"open": [cid for cid in texts if cid in (sides or {})]}
    return {status: out[status] for status in patterns if status in out}


def standing(
    texts: dict[str, str],
    patterns: dict[IssueStatus, WordPattern],
    issue: WordPattern | None = None,
    when: Mapping[str, float] | None = None,
    listed: Collection[str] = (),
    moves: Collection[str] = (),
) -> tuple[IssueStatus, dict[IssueStatus, list[str]]]:
    """Where the issue stands by what most of the sources' clauses on it say (all of them, not
    only those a brief has room for), with the clauses that say each status. News supersedes
    what came before it (`when`: clause id -> its place in time, its article's and, in a live
    blog, its entry's): a deal reported later than every other status settles it, and a deal
    rejected, voided or withdrawn later than every other status (not a past deal's fate) leaves
    it open. A deal's terms listed (`listed`, see supported) say agreed. An issue the clauses
    leave open that a side has moved on (`moves`: clauses of a side's figure that moved, "has come
    down from 10 years to seven") is narrowing, on those clauses."""
    support = supported(texts, patterns, issue, listed=listed)
    if when and "agreed" in support and len(support) > 1:
        last = {status: max(when[i] for i in ids) for status, ids in support.items()}

        def newest(said: IssueStatus) -> bool:
            """Whether `said` is reported later than every other status."""
            return said in last and all(last[said] > t for status, t in last.items() if status != said)

        if newest("agreed"):
            return "agreed", support
        if newest("open") and any(
            (_UNDONE.search(texts[i]) or _REJECTS.search(texts[i])) and not _HISTORY.search(texts[i])
            for i in support["open"]
            if when[i] == last["open"]
        ):
            return "open", support
    weights = {i: weight(texts[i]) for ids in support.values() for i in ids}
    status = by_rule(support, weights)
    if status == "open" and (moved := [i for i in texts if i in moves]):
        # A reader calls an issue whose gap a side's offer has closed part of narrowing, however
        # often the articles say the sides are still apart.
        return "narrowing", {**support, "narrowing": sorted({*support.get("narrowing", ()), *moved})}
    return status, support


def weight(text: str) -> float:
    """How much a clause's word on where the issue stands counts: one that names the talks'
    broker (the mediator speaking, or the envoy's proposal) counts half again, as a reader trusts
    the one side at the table with no stake in the answer over either party's spin."""
    return 1.5 if _BROKER.search(text) else 1.0


def by_rule(support: dict[IssueStatus, list[str]], weights: Mapping[str, float] | None = None) -> IssueStatus:
    """The status the claims state with the most weight (`weights`: claim id -> weight, 1 where
    not given); "unknown" when none does or two tie, unless one of those tied is "narrowing": a
    gap said to narrow by some and to remain by others is narrowing."""
    if not support:
        return "unknown"
    total = {status: sum((weights or {}).get(i, 1.0) for i in ids) for status, ids in support.items()}
    ranked = sorted(total.items(), key=lambda kv: -kv[1])
    tied = [status for status, w in ranked if abs(w - ranked[0][1]) < 1e-9]
    if len(tied) > 1:
        return "narrowing" if "narrowing" in tied else "unknown"
    return ranked[0][0]
