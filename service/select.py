"""Select: the smallest set of claims that covers the distinct facts the sources report.

Each candidate clause covers "concepts", each worth something once (Gillick & Favre 2009, in
the greedy, budgeted form of Lin & Bilmes 2011):

- a party's stated position on an issue (or its general stance): every party × issue slot the
  sources fill is worth covering;
- an issue itself, and a basis for its status (a clause that says where it stands);
- dates, numbers and names the clause states, worth more the more articles report them;
- content-word pairs (bigrams) reported by several articles: the facts outlets repeat;
- an article's headline: often the single most important fact of the article;
- the summary's answers: what happened (a report of the event), who met (who leads each side,
  worth covering for every side), where the talks sit, the outcome and what comes next;
- every distinct statement, worth its salience (salience.py): how likely a clause is to state a
  fact a careful reader of the articles would list, by a model fitted on hand-written facts.

A clause on no issue that states no party's position is taken only when it tells who met, where,
what happened or what comes next, and only a few of them: the summary is their one home. A clause
that only refuses to comment, or tells of a statement without what it says, is never taken.

Words are worth what a reader learns from them: a long quotation's words are its speaker's
wording of a stance the claim already counts once (a quotation of a few words, "impossible", is
the stance itself), and a bare reaction ("Kyiv has rejected the demand.") or a move told without
what it is ("Estmar has made its first offer on money.") states no stance a reader can use
without the sentences around it; nor, on no issue, does a clause that leaves what it is about to
the sentence before it ("The council insisted on ten.", "The council has so far refused.").

A concept counts once, so a second wording of the same fact gains little: repeats are
penalised for free. A clause that a longer one of another sentence restates (most of its words,
every date, number and name; or, for a side's figures, the same side's longer clause on the same
issue with every figure of it) has no statement of its own but that one's, and is not taken once
the longer is. The greedy pick maximises gain per word (lazily, O(n log n)) until the
budget is spent or what is left adds too little for its length, so the brief's length follows
the distinct information, not the number of articles.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from service.attribute import is_body
from service.dedupe import STOPWORDS, content_words
from service.evidence import Evidence, ends_sentence, reads_alone, stems
from service.ingest import CleanDocument
from service.salience import Reading, salience
from service.wording import (
    CALENDAR,
    DATELINE,
    DAY,
    DAY_OF_MONTH,
    FACT_TOKEN,
    MONTH,
    NUMBER_WORD,
    TIME_OF_DAY,
    TIME_STAMP,
    is_question,
)

_SLOT = 3.0
_GENERAL_SLOT = 1.5
_ISSUE = 1.5
_STATUS = 1.5
_HEADLINE = 1.0
_FACT_TOKEN = 0.6
_FACT_TOKEN_PER_DOC = 0.3
_BIGRAM_PER_DOC = 0.4
_WORD_PER_DOC = 0.05
# A statement's worth at salience 1: how likely it is to state a fact a reader would list.
_CLAIM = 4.0
_SUMMARY = 2.0
_WHO = 1.5
_STANCE_WORD = 0.6
_ISSUE_WORD = 0.3
# Gain per word below which a claim is not worth its length.
_MIN_GAIN_PER_WORD = 0.04
# Longer claims pay a little more than their words: a reader skims short ones faster.
_LENGTH_EXPONENT = 1.1
# Two claims this alike (content words) say the same thing; so does a claim this much of whose
# content words a longer one holds, with every date and number it states: the longer restates it.
_REPEAT = 0.7
# A clause of this few content words that states only a status chosen claims state already is a
# repeat of them.
_STATUS_ONLY_TERMS = 6
# A clause on no issue that states no party's position has no home but the summary: it is taken
# only to tell who met, where, what happened, the deal made or what comes next, and only this
# many, so the summary can show them all.
UNPLACED_MAX = 4

# What a reader's summary answers; generic English, not any topic's words.
HAPPENED = re.compile(
    # "held" as talks are, not as money is ("an account held by the union").
    r"\b(?:met|meet|meeting|talks?|negotiations?|round|held(?!\s+by\b)|took place|hosted|gathered|"
    r"conference|summit|session)\b",
    re.I,
)
OUTCOME = re.compile(
    r"\b(?:agreed|agreement|reached|ended|concluded|produced|breakthrough|deal|progress|exchange|swap|"
    r"failed|collapsed|stalled|confirmed|accepted|signed|initial(?:l)?ed|"
    # "ended without a deal", not "left without speaking to reporters".
    r"without\s+(?:a|an|any)\s+(?:[\w-]+\s+)?(?:deal|agreement|accord|breakthrough|result|settlement))\b",
    re.I,
)
# A deal made: "reached a tentative agreement", "announced a deal in principle", "the accord was
# signed" (not "no agreement was reached", "have not reached a deal").
_DEAL = r"(?:agreement|deal|accord|settlement|truce|ceasefire|memorandum|pact|protocol|treaty)"
DEAL_MADE = re.compile(
    # "will have to be signed as a protocol" is a step to come.
    r"(?<!\bnot )(?<!\bnever )(?<!\byet )(?<!\bbe )\b"
    r"(?:reached|struck|signed|sealed|clinched|concluded|announced|initial(?:l)?ed)\s+"
    r"(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?" + _DEAL + r"\b|"
    # "The Lake Ivell memorandum, initialled on Friday, reopens ...": a participle after a comma too.
    r"(?<!\bno )(?<!\bany )\b" + _DEAL + r",?\s+"
    r"(?:was\s+|has\s+been\s+|had\s+been\s+)?(?:reached|struck|signed|sealed|clinched|concluded|initial(?:l)?ed)\b",
    re.I,
)
NEXT = re.compile(
    r"\b(?:will|scheduled|slated|planned|set to|expected to|due to|next|resume|deadline|until|"
    r"meet again|in the coming (?:days|weeks|months)|vote on|by " + MONTH + r"\.? \d{1,2})\b",
    re.I,
)
# A day: "April 12", "12 April", "Tuesday".
_DATE = DAY_OF_MONTH + r"|" + DAY + r"|" + MONTH
# What a date sets going, told in the present or by a participle: "Talks resume on Tuesday", "The
# fifth session opens on April 12", "Parliament votes on the agreement on 26 March", "Negotiators
# return to Lisenbourg for a second round on April 20-22", "..., starting in Brannholm on Wednesday,
# December 3", "On May 12 the working group holds its first meeting in Brakkum", "On May 5 ministers
# meet in Kestrel Point".
_STARTS = (
    r"(?<!to )(?:opens?|resumes?|reconvenes?|begins?|starts?|starting|beginning|returns?|takes effect|"
    r"votes? on|holds? (?:its|their|an?|the) (?:[\w-]+ )?(?:meeting|session|vote|hearing|round))\b"
)
_STARTS_ON = (
    _STARTS + r".*\b(?:on|in|from) (?:" + _DATE + r")|"
    r"^On (?:" + _DATE + r")\b[^.;:]*\b(?:" + _STARTS + r"|meets?\b)"
)
# What comes next, said outright: the next round, a vote, a date set.
NEXT_STEP = re.compile(
    r"\b(?:next (?:round|meeting|session|talks)|meet again|reconvene|in the coming (?:days|weeks|months)|"
    # "will be signed on Thursday, June 25": a step told in the passive ("would be" is a condition's).
    r"(?:will|is to|are to) be (?:signed|ratified|voted on|put to a vote)|"
    r"(?:will|would|is to|are to) (?:meet|resume|return|come back|vote|reconvene|send|sign|report|"
    # "will hold talks", not "will hold three of the board's seats".
    r"hold (?:talks|a vote|a meeting|a referendum|elections|another|a new|a second|a final|the next))|"
    r"(?:is|are) due to (?:meet|resume|return|vote|reconvene|open|begin|start|decide|sign|be signed)|"
    + _STARTS_ON
    + r"|"
    r"scheduled|slated|(?:to vote|votes|voting) on|(?:put|go) (?:\w+ ){0,3}to a vote|deadline|expires?|"
    # A whole word: "expired", "reconvened" tell what has happened.
    r"(?:by|until|before) (?:" + _DATE + r"))\b",
    re.I,
)
# A side's own deadline is its position, not a step of the talks: "Dussart's team held to its
# end-2029 deadline".
_OWN_DEADLINE = re.compile(r"\b(?:its|their|his|her|[\w-]+[’']s)\s+(?:[\w-]+\s+)?deadline\b")
# When: a day, a month or a year.
_WHEN = re.compile(r"\b(?:" + _DATE + r"|(?:19|20)\d\d)\b")
# Who met: a person leading a delegation or chairing the talks ("Ukraine's team is led by Rustem
# Umerov", "The talks are chaired by Ruth Calloway", "Jo Bell heads the growers' side"), or the
# official a side sent ("Drusina sent its State Secretary for Foreign Affairs, Mirela Kostandin").
WHO = re.compile(
    r"\b(?:(?:led|headed|chaired|represented|mediated|brokered)\s+by|chief negotiator|"
    r"(?:leads|led|leading|heads|headed|heading|chairs|chaired|chairing)\s+"
    r"(?:(?:the|its|their|his|her|\w+(?:[’']s|s[’']))\s+){0,2}"
    r"(?:[\w-]+\s+)?"
    r"(?:delegation|team|talks|side|negotiations|negotiators|mediation)|"
    r"(?:sent|dispatched)\s+(?:(?:its|their|his|her|a|an)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?i:delegation|team|negotiators?|envoys?|minister|secretary|adviser|ambassador|head|director))\b"
)
# A body's own chair is no one who met: "The association's board, chaired by Gerald Whitcombe,".
_CHAIR_OF_BODY = re.compile(
    r"\b(?:board|company|association|council|committee|party|union|federation|group|firm|bank|fund)s?,?\s+"
    r"chaired\s+by\b"
)
# Where: "in Veloria", "at EMC headquarters".
PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?[A-Z][\w’'-]+")
# Where the talks sit, building and all (see tells_where): "The talks are being held at the
# service's headquarters on Kestrel Street", "Talks have resumed at the State Labour Mediation
# Office", "The three-day round at the Commission's Tessaro Building".
_VENUE = re.compile(
    # "opened on May 4 at the Meridian Conference Centre", "met for six hours on Tuesday 3 November
    # at the offices of ...": how long and when, between the verb and its place.
    r"\b(?:(?:held|hosted|resumed?|resumes|opened|opens|took place|takes place|began|begins?|met|meets?|"
    r"gathered|reconvened?|sat down)\s+(?:for\s+(?:about\s+|nearly\s+|almost\s+)?[\w-]+\s+(?:hours|days)\s+)?"
    r"(?:on\s+(?:" + DAY + r",?\s+)?(?:(?:" + DAY_OF_MONTH + r"),?\s+)?)?"
    r"(?:[a-z-]+\s+){0,3}?|"
    r"(?:talks|negotiations|round|session|meeting)\s+)"
    r"at\s+(?:the\s+)?(?:[\w-]+[’']s\s+)?(?:[\w-]+\s+){0,2}?(?:[A-Z][\w’'-]+|headquarters|offices?|rooms)"
)


# A reaction to something named before, and little more: "Kyiv has rejected the demand.",
# "Oyarzo dismissed it within minutes.", "Corvane has turned that down.", "Kestrel has so far said
# no.", "The guild sees it differently.", "The union says that is not enough."
_REACTION = re.compile(
    r"(?:\b(?:reject|dismiss|accept|welcom|refus|den(?:y|ie)|back|oppos|endors|stud(?:y|ie)|consider|drop)\w*\s+"
    r"(?:it|them|this|that|(?:the|that|this)\s+(?:demand|idea|offer|proposal|plan|request|move|accusation|claim|"
    r"suggestion|appointment|call|charge|report)|"
    # "The union dismissed both moves.": more than one, still unnamed.
    r"(?:both|all|these|those|the\s+two|either|neither)\s+(?:of\s+them|moves?|offers?|proposals?|demands?|ideas?|"
    r"plans?))|"
    # "Sefu has responded within the hour.": an answer, without what it said.
    r"\b(?:(?:has|have|had)\s+)?(?:responded|replied|reacted|hit\s+back)|"
    r"\bturn(?:s|ed)?\s+(?:it|them|this|that)\s+down|\b(?:say|says|said)\s+no|"
    r"\b(?:see|sees|saw|view|views|viewed)\s+(?:it|this|that|things|them|the\s+[\w-]+)\s+differently|"
    r"\b(?:that|this|it)\s+(?:is|was)\s+not\s+enough)"
    # Only when and how: "again on Sunday", "within minutes"; "the demand to leave Donetsk" names it.
    r"(?:,?\s+(?:again|outright|immediately|quickly|flatly|firmly|publicly|carefully|too|also|"
    r"within\s+(?:minutes|hours|days|(?:the|an)\s+hour)|(?:on|last|this|next)\s+[A-Za-z]+))*"
    # Who told of it adds no more of what was rejected: "..., according to chief negotiator X."
    r"(?:,\s+(?:according\s+to|(?:he|she|they|it)\s+said|said)\s+[^,;]{1,80})?[.!?]?$",
    re.IGNORECASE,
)
# A move told without what it is, and little more: "Estmar has made its first offer on money.",
# "The Greens have moved on money.", "Linda Haworth defended the agreement.", "Putin has repeatedly
# made his position clear on a possible meeting.", "Access is another sticking point." The
# sentences after it say what moved; alone it tells a reader only that something did.
_UNTOLD = re.compile(
    # Not an infinitive ("to present a revised draft") nor an adjective ("a revised draft").
    r"(?<!\bto\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)\b"
    r"(?:(?:moved|made|improved|sweetened|raised|increased|lowered|reduced|revised|defended|welcomed|"
    r"tabled|put forward|presented|"
    r"submitted|set out|outlined|changed|hardened|softened|shifted|updated)\s+"
    r"(?:(?:its|his|her|their|the|a|an|another)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:offer|pledge|position|proposal|compromise|agreement|deal|plan|bid|stance|concession|text|draft)s?"
    r"(?:\s+(?:on|over)\s+(?:the\s+)?[\w-]+)?|moved\s+on\s+(?:the\s+)?[\w-]+|"
    r"made\s+(?:his|her|its|their)\s+position\s+clear(?:\s+on\s+[^,;:]*)?|"
    # How far something moved, not what: "Water has moved most.", "The wage numbers have moved
    # more.", "The women's package has seen the clearest movement.", "Migration is somewhere in between."
    r"moved\s+(?:(?:far|much|even)\s+)?(?:more|less|least|most|furthest|further|little)|"
    r"seen\s+the\s+(?:clearest|most|least|biggest|smallest|greatest)\s+movement|"
    r"(?:is|are)\s+somewhere\s+in\s+between|"
    # "To her credit, the minister has not blinked.": held firm, on what the claim does not say.
    r"(?:has|have|had)\s+not\s+(?:blinked|budged|flinched)|"
    r"(?:is|are)\s+(?:another|a\s+further|the\s+\w+|one)\s+(?:of\s+the\s+)?sticking\s+points?)"
    # Only when: "on Saturday", "again"; what follows a comma may say what moved.
    r"(?:\s+(?:again|too|also|(?:on|last|this)\s+[A-Za-z]+))*[.!]?$",
    re.IGNORECASE,
)
# A subordinate clause's move ("voted for a strike before the authority had made its second
# offer") is not the sentence's news.
_SUBORDINATE = re.compile(
    r"\b(?:before|after|when|until|since|if|unless|because|while|once|who|which|whose)\b", re.IGNORECASE
)
# A refusal to comment, or a statement not told, and nothing more: "Channel Nord declined to
# comment.", "The ministry did not respond to a request for comment on Friday.", "02:50 - Margit
# Ellerbrand has issued a short statement." (not "Vella, who declined to comment on the
# substance, said the delegations would meet every day").
_NO_COMMENT = re.compile(
    r"^\W*(?:\d{1,2}[:.]\d{2}\s*[-–—]\s*)?(?:On\s+[^,;:]{1,40},\s+)?(?:[\w’'.-]+\s+){1,6}?"
    r"(?:(?:declined|refused|would not|did not want)\s+to\s+comment|"
    # "Drusinian officials would not confirm the figure.", "Fitch would not discuss pensions."
    r"(?:would not|did not|declined to|refused to)\s+(?:confirm|deny|discuss|disclose)\b|"
    # A lead-in to the words that follow: "On strike pay, Brenning was blunt."
    r"(?:was|were)\s+(?:(?:very|more|less|equally)\s+)?(?:blunt|clear|direct|emphatic|frank|candid|adamant|"
    r"unequivocal|defiant|cautious|guarded)(?= *[.!]?$)|"
    r"made no comment|could not be reached(?:\s+for comment)?|"
    r"did not (?:respond|reply) to (?:a |our )?requests? for comment|"
    r"(?:has |have )?(?:issued|released|put out) (?:a|an) (?:[\w-]+ )?statement(?= *[.!]?$))"
    r"[^,;:]*[.!]?$",
    re.IGNORECASE,
)
# An explainer's or analysis's headline: "Doctors' strike: what was agreed, what wasn't, and what
# happens next", "Analysis: Why a line on a map is the hardest part", "How Valdora ran out of
# dollars". Its cue words ("agreed") state no status.
_LABEL = re.compile(r"(?:^|:\s+)(?:why|how|what)\b", re.IGNORECASE)
# A name: capitalised words not opening the clause.
_NAME = re.compile(r"(?<=[\w,;:’'”\"] )[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*")


_STARTS_ON_RE = re.compile(r"\b" + _STARTS_ON, re.I)
# A step still to come, whatever its verb: "The commission will formally adopt the limit at its
# annual meeting in Aarhavn on December 15" is no report of what happened.
_AHEAD = re.compile(
    r"\b(?:will|(?:is|are) (?:to|due to|set to|expected to))\s+(?:\w+ly\s+)?(?!have\b)[a-z]+|"
    # Told in reported speech: "told reporters on Tuesday that the round would end on Friday".
    r"\b(?:said|says|told\s+[\w ]{1,30}?|announced|confirmed)\s+that\s+(?:[\w’'-]+\s+){1,5}?"
    r"would\s+(?!have\b)[a-z]+"
)


# What a clause leaves to the sentences before it: a figure with nothing saying what it counts
# ("The council insisted on ten.", "The council says 5 million.") or a refusal of nothing named
# ("The council has so far refused.").
_ELLIPTICAL = re.compile(
    r"\b(?:(?:says?|said|wants?|wanted|offers?|offered|insist(?:s|ed)?\s+on|asks?\s+for|asked\s+for|"
    r"is|was|stands?\s+at|stood\s+at)\s+(?:about\s+|only\s+|just\s+)?"
    r"(?:\d[\d,.]*|" + NUMBER_WORD + r")(?:\s+(?:million|billion|thousand))?"
    r"|(?:refused|declined|rejected|objected|balked|disagreed|agreed|accepted)(?:\s+(?:so\s+far|again|outright|"
    r"flatly|too|also))?)[.!]?[\"”’]?$",
    re.IGNORECASE,
)


def _elliptical(text: str) -> bool:
    """Whether the clause leaves what it is about to the sentences before it (see _ELLIPTICAL)."""
    return bool(_ELLIPTICAL.search(text)) and not re.search(r"\b(?:1[89]|20)\d\d[.!]?$", text)


def _untold(text: str) -> bool:
    """Whether the clause tells of a move, a position or a sticking point without saying what it is."""
    text = text.strip()
    told = _UNTOLD.search(text)
    return bool(told and not _SUBORDINATE.search(text[: told.start()]))


def ahead(text: str) -> bool:
    """Whether the clause's head (to its first comma) tells a step still to come ("..., without
    agreeing how the catch will be shared" looks ahead only in its tail), or the clause puts one
    on a date in the present tense ("The second round opens in Tavessa on 20 April")."""
    return bool(_AHEAD.search(text.split(", ", 1)[0]) or _STARTS_ON_RE.search(text))


def to_come(text: str) -> bool:
    """Whether the clause tells a step still to come: said outright (a side's own deadline is
    none), or by the head of its clause."""
    return bool(NEXT_STEP.search(_OWN_DEADLINE.sub("", text))) or ahead(text)


def who_met(who: list[Evidence]) -> list[Evidence]:
    """Of the clauses that tell who leads a side, those of who met, in order; those telling who
    will chair a step to come ("talks will resume ..., chaired by ...") only when no other does."""
    return [e for e in who if not to_come(e.quote)] or who


def tells_where(text: str) -> bool:
    """Whether the text says where the talks sit: "The talks are being held at the service's
    headquarters on Kestrel Street" (not "began pouring concrete at the Selka Gorge")."""
    venue = _VENUE.search(text)
    return bool(venue and HAPPENED.search(text[: venue.end()]))


def tells_who(text: str) -> bool:
    """Whether the text says who leads a side or chairs the talks (a body's own chair aside), and
    names them: "Face-to-face talks chaired by the union are rare" tells no one who met."""
    return bool(WHO.search(_CHAIR_OF_BODY.sub("", text))) and _person(text)


def _person(text: str) -> bool:
    """Whether the text names a person: a name of two words or more that is no body's ("chaired
    by the Meridian Community" tells no one who met), opening the text too ("Isadora Venn is
    leading ...", not "The Kremlin")."""
    names = [m.group() for m in _NAME.finditer(text)]
    if (lead := _LEAD_NAME.match(text)) and lead.group(1).lower() not in STOPWORDS:
        names.append(lead.group())
    return any(len(n.split()) > 1 and not is_body(n) for n in names)


# Two capitalised words or more opening a text, before a comma or a lower-case word.
_LEAD_NAME = re.compile(r"([A-Z][a-z]+)(?: [A-Z][\w’'-]+)+(?=,| [a-z])")


def concepts(e: Evidence) -> set[str]:
    """What a reader learns from the clause, as concept keys."""
    out = {f"issue:{i}" for i in e.issues}
    if e.speaker:
        out |= {f"slot:{e.speaker}:{i}" for i in e.issues} or {f"slot:{e.speaker}:-"}
    # A live blog's time stamp ("16:40 - ") dates the entry, it reports no number.
    quote = TIME_STAMP.sub("", e.quote, count=1)
    out |= {f"fact:{m.group().lower()}" for m in FACT_TOKEN.finditer(quote)}
    out |= {f"fact:{m.group().lower()}" for m in _NAME.finditer(quote)}
    words = _terms(e)
    out |= {f"pair:{a} {b}" for a, b in pairwise(words)}
    out |= {f"word:{w}" for w in words}
    # What a party says, word by word: a second wording of a stance adds little, a new one much.
    # A long quotation's words are the speaker's own wording, not more of what a reader learns:
    # the stance it states counts (its slot, its claim), its many words do not.
    quoted = _quoted(e.text)
    own = [w for w in words if w not in quoted]
    if e.speaker:
        out |= {f"stance:{e.speaker}:{w}" for w in own}
    out |= {f"on:{i}:{w}" for i in e.issues[:1] for w in own}
    if e.headline:
        out.add(f"headline:{e.unit.sentence.doc_id}")
    # A summary needs who met, where, what happened and what comes next: one claim of each is
    # worth a lot, and who leads each side is worth knowing for every side.
    if tells_where(quote):
        out.add("summary:where")
    if tells_who(e.text):
        out.add("summary:who")
        out |= {f"who:{p}" for p in e.parties}
    dated = FACT_TOKEN.search(quote)
    if dated and not e.speaker and ahead(quote):
        # What the talks will do, in figures ("Moscow will release 300 prisoners by Friday", a
        # deal's term, no side's stance), is the outcome on its issue: a slot of its own, as a
        # party's position is.
        out |= {f"slot:terms:{i}" for i in e.issues[:1]}
    if HAPPENED.search(quote) and not e.speaker and (dated or PLACE.search(quote)):
        out.add("summary:event")
    # What comes next, and when ("at the next round" on "those two chapters" says not when).
    if dated and NEXT_STEP.search(_OWN_DEADLINE.sub("", quote)) and _WHEN.search(quote):
        out.add("summary:next")
    if OUTCOME.search(quote) and not e.speaker and (dated or len(e.issues) > 1):
        out.add("summary:outcome")
    # Every distinct statement is worth something of its own, by its salience (see _weights).
    out.add(_claim(e))
    if _REACTION.search(e.text) or _untold(e.text) or (not e.issues and _elliptical(e.text)):
        # "Kyiv has rejected the demand.": a reaction to something the claim does not name tells
        # a reader nothing alone; it is no stance, and no claim worth stating for itself.
        out = {c for c in out if not c.startswith(("stance:", "slot:", "claim:", "summary:", "who:"))}
    return out


# A quotation: curly or straight double quotes; one left open runs to the end of the clause.
_QUOTATION = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


# A quotation of a few words ("impossible", "very close") is the stance word itself, set off as
# the speaker's; a longer one is the speaker's own wording of a stance the claim counts once.
_STANCE_QUOTE_WORDS = 4


def _quoted(text: str) -> set[str]:
    """The content words the text quotes at more than a few words' length."""
    quotes = (m.group() for m in _QUOTATION.finditer(text))
    return set(stems(" ".join(q for q in quotes if len(q.split()) > _STANCE_QUOTE_WORDS)))


def _claim(e: Evidence) -> str:
    return f"claim:{e.sentence_id}:{e.start}"


def weights(items: list[Evidence], status_of: Callable[[Evidence], set[str]]) -> dict[str, float]:
    """Each concept's worth: its kind and how many articles report it, or a statement's salience."""
    return _weights(items, {e.id: concepts(e) | status_of(e) for e in items})


def _weights(items: list[Evidence], covers: dict[str, set[str]]) -> dict[str, float]:
    articles = _articles(items, covers)
    # A statement is worth what a reader learns from it by its salience: the likeliest wording of
    # a clause sets it.
    claims: dict[str, float] = {}
    for r in readings(items, covers, articles):
        claim = _claim(r.evidence)
        if claim in r.concepts:
            claims[claim] = max(claims.get(claim, 0.0), _CLAIM * salience(r))
    return {c: claims[c] if c in claims else _worth(c, n) for c, n in articles.items()}


def _articles(items: list[Evidence], covers: Mapping[str, set[str]]) -> dict[str, int]:
    docs: dict[str, set[str]] = {}
    for e in items:
        for c in covers[e.id]:
            docs.setdefault(c, set()).update(s.doc_id for s in e.unit.sources)
    return {c: len(where) for c, where in docs.items()}


def readings(
    items: list[Evidence], covers: Mapping[str, set[str]], articles: Mapping[str, int] | None = None
) -> list[Reading]:
    """What salience reads of each clause, given every clause's concepts by id (and how many
    articles report each concept, when the caller has counted them)."""
    articles = _articles(items, covers) if articles is None else articles
    return [
        Reading(
            e,
            covers[e.id],
            articles,
            quoted=_quoted_share(e),
            ahead=ahead(e.quote),
        )
        for e in items
    ]


def _quoted_share(e: Evidence) -> float:
    """The share of the clause's content words that a long quotation holds."""
    words, quoted = _terms(e), _quoted(e.text)
    return sum(w in quoted for w in words) / len(words) if words else 0.0


def _worth(concept: str, articles: int) -> float:
    """A concept's worth by its kind; facts, pairs and words are worth more the more articles report them."""
    kind = concept.partition(":")[0]
    if kind == "slot":
        return _GENERAL_SLOT if concept.endswith(":-") else _SLOT
    if kind == "fact":
        return _FACT_TOKEN + _FACT_TOKEN_PER_DOC * (articles - 1)
    if kind == "pair":
        return _BIGRAM_PER_DOC * (articles - 1)
    if kind == "word":
        return _WORD_PER_DOC * articles
    flat = {
        "issue": _ISSUE,
        "status": _STATUS,
        "headline": _HEADLINE,
        "summary": _SUMMARY,
        "stance": _STANCE_WORD,
        "who": _WHO,
    }
    return flat.get(kind, _ISSUE_WORD)  # "on": a word said on an issue


def _restatements(items: list[Evidence], covers: dict[str, set[str]]) -> dict[str, set[str]]:
    """The clauses' concepts, each clause that a longer one of another sentence restates sharing
    that one's statement instead of having its own: a brief that says "Russia opened with an offer
    of 300 prisoners." and "Russia opened with an offer of 300 prisoners, far fewer than Ukraine
    asked for." has not told two. A longer clause restates a clause when it holds most of its words
    (see _REPEAT) and its names, dates and numbers, or, for a side's figures, when the same side
    says more of them on the same issue ("Dravtrans wants a 10-year contract." and "Dravtrans has
    come down from 10 years to seven.")."""
    terms = {e.id: set(_terms(e)) for e in items}
    facts = {e.id: {c for c in covers[e.id] if c.startswith("fact:")} for e in items}
    holders: dict[str, list[Evidence]] = {}
    sides: dict[tuple[str | None, tuple[str, ...]], list[Evidence]] = {}
    for e in items:
        for t in terms[e.id]:
            holders.setdefault(t, []).append(e)
        sides.setdefault((e.speaker, tuple(e.issues[:1])), []).append(e)
    rarity = {t: len(h) for t, h in holders.items()}

    def restates(c: Evidence, e: Evidence) -> bool:
        return (
            c.sentence_id != e.sentence_id
            and len(terms[c.id]) > len(terms[e.id])
            and facts[e.id] <= facts[c.id]
        )

    out = dict(covers)
    for e in items:
        mine = terms[e.id]
        if len(mine) < 3:
            continue
        best, most = None, 0.0
        near = {c.id: c for t in _rarest(mine, rarity) for c in holders[t]}
        for c in near.values():
            if not restates(c, e):
                continue
            held = len(mine & terms[c.id]) / len(mine)
            if held >= _REPEAT and held > most:
                best, most = c, held
        if best is None and e.speaker and any(_FIGURE.search(f) for f in facts[e.id]):
            same = [c for c in sides[e.speaker, tuple(e.issues[:1])] if restates(c, e)]
            best = max(same, key=lambda c: len(terms[c.id]), default=None)
        if best is not None:
            out[e.id] = (covers[e.id] - {_claim(e)}) | {_claim(best)}
    return out


# A figure among a clause's facts: a number, in digits or words.
_FIGURE = re.compile(r"\d|\b" + NUMBER_WORD + r"\b", re.I)


def _rarest(terms: Collection[str], rarity: Mapping[str, int]) -> list[str]:
    """The terms a clause holding _REPEAT of `terms` must hold one of: the rarest len -
    ceil(_REPEAT * len) + 1 (pigeonhole), so only their holders need reading. `rarity`: how many
    clauses hold each term."""
    probe = len(terms) - math.ceil(_REPEAT * len(terms)) + 1
    return sorted(terms, key=lambda t: (rarity[t], t))[:probe]


def _terms(e: Evidence) -> list[str]:
    # Evidence built by hand (tests, other producers) may carry no terms: its words then serve.
    return e.terms or content_words(e.text)


def select(
    items: list[Evidence],
    budget_words: int,
    status_of: Callable[[Evidence], set[str]] | None = None,
    required: Sequence[Collection[str]] = (),
    known: Mapping[str, set[str]] | None = None,
) -> list[Evidence]:
    """The claims that cover the most of what the sources report per word, within budget_words,
    and one of each set of ids in `required` (the clauses an issue's status rests on, or that
    answer a question the summary must answer). `known`: each clause's concepts, by id, when the
    caller has read them already."""
    status_of = status_of or (lambda _: set())
    covers = _restatements(
        items, {e.id: (known[e.id] if known else concepts(e)) | status_of(e) for e in items}
    )
    worth = _weights(items, covers)
    needed = {i for ids in required for i in ids}
    chosen = _greedy(items, budget_words, covers, worth, needed=needed)
    # A clause chosen before the longer one that restates it came in says nothing the longer one
    # does not: it gives its words back, and the choice is made again without it.
    left = items
    for _ in range(_RESTATED_ROUNDS):
        said_again = {e.id for e in chosen if e.id not in needed and any(_holds(c, e) for c in chosen)}
        if not said_again:
            break
        left = [e for e in left if e.id not in said_again]
        chosen = _greedy(left, budget_words, covers, worth, needed=needed)
    # The fewest words that hold one clause of each missing set go in last, the rest chosen
    # within what is left: only the least worth of the first choice gives way to them. They
    # take at most a third of the budget (see REQUIRED_SHARE).
    # Choosing again may lose a set the first choice held: each round sets aside at least one
    # more clause, or stops.
    last: list[Evidence] = []
    while missing := [ids for ids in required if not any(e.id in ids for e in chosen)]:
        grown = len(last)
        for e in _cover(items, missing):
            if e not in last and sum(x.words for x in last) + e.words <= budget_words // REQUIRED_SHARE:
                last.append(e)
        if len(last) == grown:
            break
        chosen = _greedy(left, budget_words, covers, worth, last, needed)
    return chosen


# What the fewest words holding each missing requirement may take: a third of the budget
# (budget // REQUIRED_SHARE). A brief is more than the basis of its statuses, but its summary
# (who leads each side, where, when, the deal, what next) and its deals' terms are what a reader
# stops after: a quarter left a side's leader out where five statuses needed their basis.
REQUIRED_SHARE = 3

# Rounds of choosing again without the clauses said again: one more rarely finds another.
_RESTATED_ROUNDS = 3


def _holds(c: Evidence, e: Evidence) -> bool:
    """Whether the longer clause `c` holds _REPEAT of the three or more content words of `e`, and
    every date and number of it, as the same side's (or as no side's). Its words as written, not
    its terms: "Zelenskyy invites Putin to Kyiv" is not held by "Russia invites Zelenskyy to
    Moscow", whose terms name the same parties."""
    mine, theirs = set(content_words(e.text)), set(content_words(c.text))
    return (
        c is not e
        and e.speaker == c.speaker
        and len(theirs) > len(mine) >= 3
        and len(mine & theirs) >= _REPEAT * len(mine)
        and {m.group().lower() for m in FACT_TOKEN.finditer(e.quote)}
        <= {m.group().lower() for m in FACT_TOKEN.finditer(c.quote)}
    )


def _cover(items: list[Evidence], sets: list[Collection[str]]) -> list[Evidence]:
    """Clauses holding one of each set, in few words (greedy set cover: most sets per word first)."""
    left, out = list(sets), []
    while left:
        best = max(
            (e for e in items if any(e.id in ids for ids in left)),
            key=lambda e: sum(e.id in ids for ids in left) / e.words,
        )
        out.append(best)
        left = [ids for ids in left if best.id not in ids]
    return out


def _greedy(
    items: list[Evidence],
    budget_words: int,
    covers: Mapping[str, set[str]],
    worth: Mapping[str, float],
    last: Sequence[Evidence] = (),
    needed: Collection[str] = (),
) -> list[Evidence]:
    """The greedy choice (`covers`: each clause's concepts by id, `worth`: each concept's) around
    the clauses of `last`, which go in first and are listed last; the report of the event opening
    it is one of `needed` (ids of required clauses) where one is."""
    cost = {e.id: e.words**_LENGTH_EXPONENT for e in items}
    covered: set[str] = set()
    chosen: list[Evidence] = []
    said: list[set[str]] = []
    dated: list[set[str]] = []  # each chosen claim's dates and numbers, as said is its terms
    figured: list[tuple[Evidence, set[str]]] = []  # each chosen claim of a party, with its figures
    holders: dict[str, list[int]] = {}  # term -> indexes into said of the claims that have it
    stated: set[tuple[str, int]] = set()
    steps: list[_Step] = []  # the talks' steps the chosen claims report
    used = unplaced = 0

    def value(e: Evidence) -> float:
        # fsum: a set's order changes with the hash seed, and a float sum with its order.
        return math.fsum(worth[c] for c in covers[e.id] - covered)

    def gain(e: Evidence) -> float:
        return value(e) / cost[e.id]

    rarity = Counter(t for e in items for t in set(_terms(e)))

    def repeats(mine: set[str], facts: set[str], restated: bool) -> bool:
        """Whether a chosen claim shares _REPEAT of the longer one's terms, or (`restated`) restates
        this one (longer, and holding _REPEAT of its three or more terms), and every date and
        number of this one ("pay 15% of premiums" and "will pay 10% of premiums" are two facts)."""
        near = {k for t in _rarest(mine, rarity) for k in holders.get(t, ())}
        return any(
            len(mine & said[k])
            >= _REPEAT
            * (len(mine) if restated and len(said[k]) > len(mine) >= 3 else max(len(mine), len(said[k])))
            and facts <= dated[k]
            for k in near
        )

    def refigured(e: Evidence) -> bool:
        """Whether a chosen claim of the same party on one of its issues (on any, when it names none)
        states every figure this one does: "Harland came to the table asking for 9 percent." after
        "Harland began at 9 per cent, moved to 7 per cent ..." is the party's same offer told again."""
        figures = _figures(e.quote)
        return bool(e.speaker and figures) and any(
            k.speaker == e.speaker and (not e.issues or set(k.issues) & set(e.issues)) and figures <= theirs
            for k, theirs in figured
        )

    def restatus(e: Evidence) -> bool:
        """Whether the clause only says where its issues stand, as chosen claims already do: "Strike
        pay is not settled." after "There is no agreement on strike pay." (no side's, no figure)."""
        said = {c for c in covers[e.id] if c.startswith("status:")}
        return bool(
            said
            and said <= covered
            and not e.speaker
            and not FACT_TOKEN.search(TIME_STAMP.sub("", e.quote, count=1))
            and not _NAME.search(e.quote)
            and sum(not t.isdigit() for t in _terms(e)) <= _STATUS_ONLY_TERMS  # a time stamp's too
        )

    def take(best: Evidence, required: bool = False) -> bool:
        """Take the clause if it is worth its words, fits, and repeats no chosen claim (a clause a
        requirement holds may be one a chosen claim restates or refigures)."""
        nonlocal used, covered, unplaced
        words = best.words
        if value(best) / words < _MIN_GAIN_PER_WORD or used + words > budget_words:
            return False
        mine = set(_terms(best))
        facts = {m.group().lower() for m in FACT_TOKEN.finditer(best.quote)}
        if best.key in stated or not mine or repeats(mine, facts, not required):
            return False
        if not required and refigured(best):
            return False
        if not required and restatus(best):
            return False
        step = _step(best, covers[best.id], mine)
        if step and any(step.same(other) for other in steps):
            return False
        if not placed(best):
            if unplaced == UNPLACED_MAX:
                return False
            unplaced += 1
        stated.add(best.key)
        if step:
            steps.append(step)
        chosen.append(best)
        for t in mine:
            holders.setdefault(t, []).append(len(said))
        said.append(mine)
        dated.append(facts)
        if best.speaker:
            figured.append((best, _figures(best.quote)))
        used += words
        covered |= covers[best.id]
        return True

    # The clauses set aside for requirements go in first, so that what they state is covered and
    # no claim restates them; they are listed last.
    for e in last:
        take(e, required=True)
    # A brief opens on what happened (who met, where, when), not on a step still to come: the
    # report of the event a required set holds (the newest dated one: see briefing), so the
    # summary does not tell two events; else a wire report's datelined lead, else the report whose
    # names and phrases the most articles share.
    events = [e for e in items if "summary:event" in covers[e.id]]

    def shared(e: Evidence) -> float:
        return math.fsum(worth[c] for c in covers[e.id] if c.startswith(("pair:", "fact:"))) / cost[e.id]

    for e in sorted(
        events, key=lambda e: (to_come(e.quote), e.id not in needed, not DATELINE.match(e.quote), -shared(e))
    ):
        # The opener may be one of `last`, in already.
        if e in chosen or take(e):
            break
    # Every issue the sources discuss first gets its best claim: a brief silent on one is wrong.
    for issue in dict.fromkeys(i for e in items for i in e.issues):
        if f"issue:{issue}" not in covered:
            for e in sorted((e for e in items if issue in e.issues), key=gain, reverse=True):
                if take(e):
                    break
    # Then a lazy max-heap: gains only fall as concepts are covered, so a popped entry whose gain
    # is still current beats every other. Ties go to the earlier clause.
    heap = [(-gain(e), n, e) for n, e in enumerate(items)]
    heapq.heapify(heap)
    while heap:
        pushed, n, best = heapq.heappop(heap)
        current = -gain(best)
        if current != pushed:
            heapq.heappush(heap, (current, n, best))
            continue
        take(best)
    return [e for e in chosen if e not in last] + [e for e in chosen if e in last]


# A step of the talks a claim may report: what happened, what comes next.
_STEPS = frozenset({"summary:event", "summary:next"})


@dataclass(frozen=True)
class _Step:
    """A step of the talks on a calendar day that a claim reports: its kinds, days and other terms."""

    kinds: frozenset[str]
    days: frozenset[tuple[str, str]]
    terms: frozenset[str]

    def same(self, other: _Step) -> bool:
        """Whether both report one step: "The negotiators meet again on April 7", "The two sides
        will meet again on 7 April" (a kind and a word alike, on days the other names)."""
        return bool(self.kinds & other.kinds and self.days <= other.days and self.terms & other.terms)


def _step(e: Evidence, told: set[str], terms: set[str]) -> _Step | None:
    """The step of the talks on a calendar day the clause reports (`told`: its concepts, `terms`:
    its terms); a side's stance on a date is its own ("the moratorium was only ever meant to run
    until February 1")."""
    kinds, days = told & _STEPS, _days(e.quote)
    if e.speaker or not kinds or not days:
        return None
    return _Step(frozenset(kinds), frozenset(days), frozenset(terms - _date_words(e.quote)))


_WEEKDAY_OR_MONTH = re.compile(DAY + r"|" + MONTH, re.IGNORECASE)


def _figures(text: str) -> set[str]:
    """The figures the text states, digits or words, with "per cent" as "%" ("9 percent" is "9%");
    a day or a month alone is none."""
    return {
        re.sub(r"\s*per ?cent|\s*%", "%", m.group().lower())
        for m in FACT_TOKEN.finditer(text)
        if not _WEEKDAY_OR_MONTH.fullmatch(m.group())
    }


def _date_words(text: str) -> set[str]:
    """The terms of the text's dates and days ("april", "tuesday"): the same day is no same step."""
    return set(stems(" ".join(m.group() for m in FACT_TOKEN.finditer(text))))


def _days(text: str) -> set[tuple[str, str]]:
    """The calendar days the text names, as (month, day): "April 7", "Apr. 7" and "7 April" are one."""
    return {_day(m.group()) for m in CALENDAR.finditer(text)}


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def later(text: str, day: int) -> bool:
    """Whether the text names a calendar day after `day` (see day_numbers); one more than half a
    year before it is taken as the next year's ("January 10" after "December 20")."""
    return any(d > day or d < day - 6 * 32 for d in day_numbers(text))


def day_numbers(text: str) -> list[int]:
    """The calendar days the text names, as numbers that order them within a year."""
    return [_day_number(_MONTHS.index(month), int(day)) for month, day in _days(text)]


def _day_number(month: int, day: int) -> int:
    """A calendar day as a number that orders it within a year (`month`: 0 for January)."""
    return month * 32 + day


def _day(date: str) -> tuple[str, str]:
    """A calendar date (CALENDAR's match) as (month, day); "Apr." is cut to "apr" with the rest."""
    month, day = sorted(date.split(), key=str.isdigit)
    return month[:3].lower(), day


# Words for the talks themselves and the steps that end them: "The talks resume on Tuesday 24
# November", "The two delegations met", "The agreement is scheduled to be signed on Monday,
# December 15", "The Zbor votes on ratification on Tuesday, December 23".
_ON_THE_TALKS = re.compile(
    r"\b(?:talks|negotiat\w*|round|session|met|meet(?:s|ing)?|delegations?|mediat\w*|deadline|"
    r"sign(?:ed|ing)?|ratif\w*|votes?|voting|ballot|referendum)\b",
    re.I,
)


def on_the_talks(e: Evidence) -> bool:
    """Whether a clause naming no party nor issue may be stated all the same: it tells the summary
    a step of the talks themselves ("The talks resume at the Civic Centre on Friday 27 November")."""
    return bool(_ON_THE_TALKS.search(e.quote)) and belongs(e)


def passed(items: list[Evidence], when: Mapping[str, int]) -> set[str]:
    """The ids of the talks' steps to come told by a weekday alone ("The delegations meet again on
    Thursday at 9am.") in an article older than the newest one telling a step to come on a calendar
    day ("... return on Tuesday 1 December"): by the newest, that weekday has come and gone, and the
    newest tells what comes next. `when`: each clause's article's place in time."""
    steps = _steps(items)
    newest = max((when[e.id] for e in steps if CALENDAR.search(e.quote)), default=0)
    return {
        e.id
        for e in steps
        if when[e.id] < newest
        and (days := [m.group() for m in FACT_TOKEN.finditer(TIME_OF_DAY.sub("", e.quote))])
        and all(re.fullmatch(DAY, d, re.I) for d in days)
    }


def overtaken(items: list[Evidence], when: Mapping[str, int], today: int | None) -> set[str]:
    """The ids of the talks' steps to come, in an article older than the newest, on calendar days
    all before `today` (the day the newest dated article is dated, see article_day): "the talks
    resume on Friday 13 November", told on 9 November, is no longer what comes next on 18 November,
    though it is still what was planned."""
    last = max(when.values(), default=0)
    return {
        e.id
        for e in _steps(items)
        if today is not None
        and when[e.id] < last
        and CALENDAR.search(e.quote)
        and not later(e.quote, today - 1)
    }


def _steps(items: list[Evidence]) -> list[Evidence]:
    """The clauses that tell a step of the talks to come, in no side's voice."""
    return [e for e in items if not e.speaker and _ON_THE_TALKS.search(e.quote) and NEXT_STEP.search(e.quote)]


def article_day(doc: CleanDocument) -> int | None:
    """The calendar day an article is dated (as day_numbers numbers it): its `published` day, else
    the one its header gives."""
    if doc.published is not None:
        return _day_number(doc.published.month - 1, doc.published.day)
    return next(iter(day_numbers(doc.dated or "")), None)


def placed(e: Evidence) -> bool:
    """Whether the claim has a home in the brief's body: an issue, or a party whose position it states."""
    return bool(e.issues or e.speaker)


def belongs(e: Evidence) -> bool:
    """Whether a brief may state the clause: it has a home in the body, or it tells who met, what
    happened, the deal made or what comes next (the summary's)."""
    if is_question(e.text):
        return False  # "When do the guns fall silent?": an explainer's question states nothing
    if e.headline and _LABEL.search(e.quote) and not ends_sentence(e.quote):
        return False  # an explainer's or analysis's headline names questions, it answers none
    if _NO_COMMENT.match(re.sub(r",[^,;:]{1,80},", "", e.text)):
        return False  # "Channel Nord, the regional broadcaster, declined to comment.": nothing said
    # The summary, the only home of a claim with none in the body, shows what reads alone.
    answers = {"summary:who", "summary:where", "summary:event", "summary:next"}
    told = concepts(e)
    # The outcome too, when it is a deal made ("your bargaining committee reached a tentative
    # agreement with Tessaly"), not any result ("60,000 hectares of rice failed").
    if "summary:outcome" in told and DEAL_MADE.search(e.quote):
        answers.add("summary:outcome")
    return placed(e) or (reads_alone(e) and bool(answers & told))


def centrality(items: list[Evidence]) -> dict[str, float]:
    """How widely each clause's content is reported: its concepts' worth, unnormalised (by id)."""
    worth = weights(items, lambda _: set())
    return {e.id: math.fsum(worth[c] for c in concepts(e)) for e in items}
