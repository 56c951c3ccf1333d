"""Wording: a sentence into the clauses that state a fact each, and each clause into a claim.

Shortening only deletes what carries no fact: a discourse opener ("However,"), an outlet's
credit ("According to Interfax,", ", news agency X reports") and a title before a full name.
It never drops a date, number, name, negation, condition or a clause of its own: a sentence
joined by ";" or by "while"/"but"/"although" with a subject of its own is cut into clauses,
and each clause is a candidate claim that cites the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Where a sentence holds two facts: "; " or a conjunction opening a clause with its own subject.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DETERMINER = r"(?:[A-Z]|the |a |an |its |his |her |their |both |several |many |some |no |one |two |three )"
_SPLIT = re.compile(
    # "..., while offering the island its two smaller ports" goes on the same subject: no clause.
    r";\s+|,\s+(?:while|whereas|although|though)\s+(?!if\b|only\b|unless\b|[a-z]+ing\b)|"
    r",\s+(?P<coordinate>but|and|yet)\s+(?=" + _DETERMINER + r")(?!If\b|Only\b)"
)
# "X, and the fate of the plant" lists a noun; a clause of its own has a verb.
_FINITE = re.compile(
    # "to have come down" is an infinitive, no verb of its own ("X is understood to have gone to 35,
    # and Y to have come down to 40": one clause).
    r"(?<!\bto )\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|does|"
    r"did|do|remains?|continues?|says?|wants?|seeks?)\b|(?<![\w-])[a-z]{3,}ed\b"
)
# Reported speech: "He added that Russia was an aggressor, and Belarus a partner" is all his.
_REPORTS = re.compile(
    r"\b(?:said|says|told|stated|added|noted|wrote|warned|argued|insisted|claimed|announced|confirmed|"
    r"reported|reports|stressed|suggested|emphasi[sz]ed)\b"
)
_REPORTED_THAT = re.compile(_REPORTS.pattern + r"\s+that\b")
_MIN_CLAUSE_WORDS = 5
# A clause ending on a name set off after a title ("Kavana's foreign minister, Joaquim Ardel") is
# one subject of a list, not a clause, when it has no verb.
_APPOSED_NAME = re.compile(r",\s+(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+$")
# "Under her proposal, a committee would ... and the authority would not ...": every clause of
# the sentence is a term of the proposal, and so its owner's position.
_PROPOSAL = r"(?:proposals?|plans?|offers?|compromise|terms|framework|draft|package|formula|scheme|blueprint)"
PROPOSAL_OF = re.compile(
    # "Under her proposal", "Under Ukraine's plan", "Under the mediators' proposal", "Under a
    # Chinese proposal tabled on Monday", "Under a plan the union presented on Wednesday".
    r"^\W*(?:Under|In)\s+(?:(?P<owner>his|her|its|their|(?:the\s+)?[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*)*[’']s?|"
    r"the\s+[a-z-]+(?:[’']s|s[’'])|(?:a|an|the)\s+[A-Z][\w’'.-]*)\s+(?:[\w-]+\s+){0,2}?" + _PROPOSAL + r"\b"
    r"|(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?" + _PROPOSAL + r"\s+(?:that\s+)?(?P<maker>(?:the\s+)?[\w’'.-]+"
    r"(?:\s[\w’'.-]+){0,2}?)\s+(?:presented|put forward|tabled|submitted|offered|drafted|proposed|"
    r"sent|circulated|laid out)\b"
    # "Under the proposal drawn up by the mediator, ...".
    r"|(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?" + _PROPOSAL + r"\s+(?:drawn up|put forward|tabled|presented|"
    r"submitted|drafted|made|circulated)\s+by\s+(?P<by>[^,]{2,60}))[^,]{0,60},\s*"
)

_OPENERS = re.compile(
    r"^(?:(?:However|Meanwhile|Still|But|And|Also|Moreover|Nevertheless|Separately|In addition),\s+"
    # "But Russia still rejects ...": the connective, not a name ("So" may be one: "So Hee-jin").
    r"|(?:But|And|Yet|So)\s+(?=[a-z])|(?:But|And|Yet)\s+(?=[A-Z][a-z])"
    # A list's place ("Second, the merged group will ...") and a live blog's label ("BREAKING:").
    r"|(?:First|Second|Third|Fourth|Fifth|Firstly|Secondly|Thirdly|Finally|Lastly),\s+"
    r"|(?:BREAKING|Breaking|UPDATE|Update|LIVE|Live|JUST IN|Just in|EXCLUSIVE|Exclusive)\s*:\s+"
    # An interview's answer label ("A: No. The offer does nothing ..."): the brief names whose.
    r"|A:\s+"
    # An explainer's answer to a question the claim does not show: "No. The university says ...".
    r"|(?:Yes|No)\.\s+(?=[A-Z][a-z])"
    # "According to Interfax," / "According to a TASS state news agency report," -- a named
    # outlet, not a speaker ("According to Kremlin aide Yuri Ushakov," has a capital after it).
    r"|According to (?:a |the )?[A-Z][\w.-]*(?: [a-z]+){0,4},\s+)+"
)
# "Reuters news agency reports that Zelenskyy said ..." -> "Zelenskyy said ...".
_LEADING_CREDIT = re.compile(r"^(?:[A-Z][\w.-]*\s+){1,3}(?:news agency\s+)?report(?:s|ed) that\s+")
# ", news agency RBC-Ukraine reports." / ", the agency reported." / ", Reuters reported."
_TRAILING_CREDIT = re.compile(
    r",\s+(?:(?:the\s+)?(?:news\s+)?agency(?:\s+[\w.-]+)?|(?:news\s+agency\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)"
    r"\s+report(?:s|ed)(?=[.!?]?$)"
)
# A body in lower case before its speaker's title: "union spokesman Danny Kerrigan" -> "Danny Kerrigan".
_BODY = (
    r"(?:union|company|government|party|ministry|council|committee|board|association|federation|league|"
    r"alliance|coalition|commission|authority|agency|campaign|embassy|delegation)"
)
# "US Secretary of State Marco Rubio" -> "Marco Rubio": the office is context, the name stays whole.
_TITLED_NAME = re.compile(
    r"\b(?:(?:the )?(?:(?!(?:On|In|At|No|Not|By|For|From|With|As|But|And|If|When|After|Before|Last|This|Next|"
    r"Every|"
    + MONTH[3:-1]
    + r"|"
    + DAY[3:-1]
    + r")\b)[A-Z][\w.’']* )+|the |(?:[Tt]he )?"
    + _BODY
    + r" )?(?:President|Prime Minister|Foreign Minister|Secretary of State|"
    r"spokes(?:man|woman|person)|(?:presidential |foreign policy )?(?:aide|adviser|assistant)) "
    r"(?=(?:[A-Z][\w’'-]+ )+[A-Z][\w’'-]+)"
)


# A wire dateline opening an article's lead ("MARLOW BAY, March 5 (Coastal Press Association) - ",
# "VELORIA - "): the lead of a wire report says who did what, where and when.
DATELINE = re.compile(
    # "ROSK, Elvandia (AP) — ": a city, its country or state, a date, the agency.
    r"^(?:[A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+){0,3}"
    r"(?:,\s+[A-Z][a-z][\w.'’-]*(?: [A-Z][a-z][\w.'’-]*)?(?=,|\s+\())?"
    r"(?:,\s+" + MONTH + r"\.? \d{1,2}(?:,? \d{4})?)?"
    r"(?P<agency>\s+\([^()]{2,50}\))?|[A-Z][A-Z.'’/-]{3,}(?: [A-Z][A-Z.'’/-]+){0,3})\s+[-–—]+\s+(?=[A-Z“\"])"
)
# A clock time as a live blog stamps its entries: "09:15 GMT", "11:30 p.m.", "23:48".
_CLOCK = r"^\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?:(?P<half>[AaPp])\.?[Mm]\.?|[A-Z]{2,4})?"
# A figure that moved: "from 100 million to 180 million", "up from 180", "raised its offer to 200".
MOVED = re.compile(
    r"\bfrom\s+\S*\d[^,;.]{0,30}?\s+to\s+\S*\d|\b(?:up|down)\s+from\s+\S*\d|"
    r"\b(?:raised|lowered|cut|increased|reduced|dropped|trimmed|improved|upped)\b[^,;.]{0,40}?\bto\s+\S*\d",
    re.I,
)
# A time of day anywhere in a text: "4 a.m.", "9am", "10:00".
TIME_OF_DAY = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[AaPp]\.?[Mm]\b\.?|\b\d{1,2}:\d{2}\b")
# A live blog's time stamp ("09:15 GMT – ") dates the entry; it states nothing of its own.
TIME_STAMP = re.compile(_CLOCK + r"\s*[–—-]\s*")
# The stamp on a line of its own, the entry on the lines after it ("23:48", "9:40 a.m. Thursday").
STAMP_LINE = re.compile(_CLOCK + r"(?:,?\s+" + DAY + r")?\s*$")
# A day of a month: "March 16", "Mar. 16", "16 March".
DAY_OF_MONTH = MONTH + r"\.? \d{1,2}|\d{1,2} " + MONTH
# A count in words, as a figure a side names ("at three months", "insisted on ten").
NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
)
# Dates, numbers and amounts: facts a reader checks first.
FACT_TOKEN = re.compile(
    r"\b(?:" + DAY_OF_MONTH + r"|" + DAY + r")\b"
    # A month on its own ("in early April", "by March") dates a step as well; "may" is a modal.
    r"|\b(?-i:January|February|March|April|June|July|August|September|October|November|December)\b"
    r"|\b\d+(?:[.,]\d+)*(?:\s?(?:%|per ?cent\b))?"
    r"|\b(?:one-(?:third|fifth|quarter|half)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|dozens?)\b",
    re.IGNORECASE,
)
# A date a reader can place the event by ("on Thursday, February 5", "January 23-24", "today").
DATE = re.compile(
    r"\b(?:"
    + MONTH
    + r"\.? \d{1,2}(?:[-–]\d{1,2})?|\d{1,2} "
    + MONTH
    + r"|"
    + DAY
    + r"|today|tomorrow|yesterday)\b",
    re.IGNORECASE,
)
# A date on the calendar ("March 16", "16 March", "January 23-24"): a weekday or "today" says
# when only to a reader who knows the article's date.
CALENDAR = re.compile(r"\b(?:" + DAY_OF_MONTH + r")\b", re.IGNORECASE)
# What must never be cut out of a claim: dates and numbers (above), negations, conditions, modals.
KEEPS = re.compile(
    r"\b(?:not|no|never|nor|none|without|cannot|if|unless|only|until|except|provided|must|may|might|"
    r"could|would|should|will|can)\b|n['’]t\b",
    re.IGNORECASE,
)
# Parts that add context, not the clause's own fact: an appositive or relative aside after a
# name ("Yuri Ushakov, a key adviser to the Kremlin, said"), a leading adverbial ("Despite the
# renewed invitation,"), a bracketed abbreviation, a participial or relative tail (", pledging
# that ...", ", which he said was ..."). Each goes only when it holds nothing KEEPS or FACT_TOKEN
# would keep, no share, no role at the talks and no stance held before (see below); a tail that is
# a fact of its own is still in the whole clause, its own candidate.
_ASIDES = (
    re.compile(
        r"(?<=[A-Za-z’'])\s*,\s+(?:who|whose|which|an?|the|[a-z]+ing)\s[^,;:“”\"]{3,110},(?=\s+[a-z])"
    ),
    re.compile(
        r"^(?:Despite|During|Amid|Against|After|With|In response to|In (?:a|an|his|her|its|their)\s+"
        r"(?:[\w-]+\s+){0,3}(?:statement|interview|address|speech|post|video|briefing|message|letter|"
        r"conference|remarks)\b)[^,;“”\"]{0,70},\s+(?=[A-Z])"
    ),
    re.compile(r"\s+\([A-Z][\w.]{0,10}\)"),
    re.compile(r",\s+(?:which|(?!including\b|according\b)[a-z]+ing)\b[^;“”\"]{3,160}(?=[.!?]?$)"),
    # Where or how it was said, closing the clause: "..., Zelensky said in his nightly video address."
    re.compile(r"\s+(?:in|at|on|outside|after|during|before|via|from)\s+[^,;:“”\"]{2,60}(?=[.!?]?$)"),
)
# The speech verbs a closing "where or how it was said" follows.
_SAID = re.compile(
    r"\b(?:said|says|wrote|writes|added|adds|posted|told (?:reporters|journalists|the press))$"
)
# A second apposition after the aside ("Graham Aitkin, managing director of Kesso Copper Ltd, the
# local company that runs the mine"): cutting the first would hang the second on the name.
_APPOSED_NEXT = re.compile(r"\s+(?:the|an?)\s")
# A list's later items after what looks like an aside: "..., a body of imams, church leaders and
# traditional chiefs chaired by ..." is a list of three, and cutting its first item leaves a garble.
_LIST_NEXT = re.compile(r"\s+[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,3}\s+(?:and|or)\s")
# A title set off after a name and still open where an aside begins: ", chairman of the Nalumbe
# Council of Churches" before ", which sits in the talks as an observer,".
_OPEN_APPOSITION = re.compile(
    r",\s+(?!(?:and|but|or|while|which|who)\b)(?:the\s+|its\s+|their\s+)?[a-z][^,;:“”\"]*$"
)
# Who leads a side, and the role they hold there: in "Corvane's team is led by Adrian Pellowe, the
# company's chief commercial officer, with ...", the role is part of who met.
_LEADS = re.compile(r"\b(?:led|headed|represented|chaired)\s+by\b|\b(?:leads|heads|chairs)\b", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:president|minister|secretary|chief|director|chair(?:man|woman)?|head|officer|negotiator|"
    r"envoy|ambassador|commissioner|mayor|governor|leader|manager|executive)\b",
    re.IGNORECASE,
)
# A role at the talks ("Olivier Dussart, the Commission's chief negotiator,", "Laurent Beck, who led
# Maranthe's team,", "Judith Ambrose, the federal mediator,") or a stance held before ("The
# Liberals, who had opposed any fixed closing date,", "Grenmart, which had ruled out any
# extension"): who met, or a move, not an aside. So is a share ("which funds a third of its budget").
_AT_THE_TALKS = re.compile(
    r"\b(?:lead(?:s|ing)?|led|head(?:s|ed|ing)?|negotiators?|mediat(?:or|ors|es|ing|ed)|delegation|team|"
    r"chairs?|chaired|chairing|envoy|facilitat(?:or|es|ing)|conciliator|observer)\b",
    re.IGNORECASE,
)
_HAD_STANCE = re.compile(
    r"\b(?:had|once)\s+(?:\w+\s+)?(?:opposed|ruled out|rejected|refused|demanded|insisted|wanted|called|"
    r"asked|proposed|offered)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\b(?:half|(?:a|one|two)[ -]thirds?|(?:a|one|three)[ -]quarters?|a fifth|a tenth)\b", re.I
)
# A tail that runs on past an aside into the sentence's own verb: ", which sits in the talks as an
# observer, urged both sides to talk".
_MAIN_VERB_AFTER = re.compile(r",\s+(?:[a-z]+\s+)?(?:" + _FINITE.pattern + r")")
# A name in a tail or a leading phrase is a fact of its own ("including Ukraine's NATO ambitions").
_NAMED = re.compile(r"(?<=\s)[A-Z]")


def shortened(text: str) -> str | None:
    """The clause without the asides that carry none of its facts; None when there are none."""
    out = text
    for pattern in _ASIDES:
        for m in reversed(list(pattern.finditer(out))):
            cut = m.group()
            if FACT_TOKEN.search(cut) or KEEPS.search(cut) or _SHARE.search(cut):
                continue
            if pattern is _ASIDES[0] and not _after_name(out, m.start()):
                continue
            if pattern is _ASIDES[0] and any(p.match(out, m.end()) for p in (_APPOSED_NEXT, _LIST_NEXT)):
                continue
            held = (_LEADS.search(out) and _ROLE.search(cut)) or _AT_THE_TALKS.search(cut)
            if (pattern is _ASIDES[0] and held) or (
                pattern in (_ASIDES[0], _ASIDES[3]) and _HAD_STANCE.search(cut)
            ):
                continue  # who leads, the role at the talks, a stance held before: facts of their own
            if pattern is _ASIDES[4] and not _SAID.search(out[: m.start()]):
                continue
            if pattern is _ASIDES[3] and _MAIN_VERB_AFTER.search(cut, 1):
                continue  # ", which sits in the talks as an observer, urged both sides ...": the verb stays
            if pattern in (_ASIDES[1], _ASIDES[3], _ASIDES[4]) and _NAMED.search(cut.strip()):
                continue
            if pattern is _ASIDES[0] and re.match(r"\s*,\s+(?:an?|the)\s", cut) and _FINITE.search(cut):
                continue  # ", the Kremlin reaffirmed its invitation," is a clause, not an aside
            # "Ndoleka, chairman of the council of churches, which sits in the talks, urged": the
            # aside goes, the comma closing the title before it stays.
            title = _OPEN_APPOSITION.search(out, 0, m.start()) if pattern is _ASIDES[0] else None
            closing = "," if title and not _FINITE.search(title.group()) else ""
            out = out[: m.start()] + closing + out[m.end() :]
    out = out.strip()
    if out == text.strip() or len(out.split()) < _MIN_CLAUSE_WORDS:
        return None
    return out[:1].upper() + out[1:]


def _after_name(text: str, at: int) -> bool:
    """Whether the word before `at` is a name (capitalised, not the clause's first word)."""
    words = text[:at].split()
    return len(words) >= 2 and words[-1][:1].isupper() and not re.match(DAY, words[-1])


@dataclass(frozen=True)
class Clause:
    """A span of a sentence that states one fact: sentence.text[start:end]."""

    start: int
    end: int


def clauses(text: str) -> list[Clause]:
    """The sentence's clauses; the whole sentence when it cannot be cut cleanly."""
    cuts = []
    start = 0
    for m in _SPLIT.finditer(text):
        left, right = text[start : m.start()], text[m.end() :]
        if _quote_open(text[: m.start()]):
            continue  # inside a quotation: the speaker's words stay whole
        if len(left.split()) < _MIN_CLAUSE_WORDS or len(right.split()) < _MIN_CLAUSE_WORDS:
            continue
        if m.group("coordinate") and (not _FINITE.search(right) or _REPORTS.search(left)):
            continue
        if _APPOSED_NAME.search(left) and not _FINITE.search(left):
            continue  # "Kavana's foreign minister, Joaquim Ardel, and Estrelia's Tomas Ekwall signed": a list
        if not m.group().startswith(";") and _REPORTED_THAT.search(left):
            continue  # "Vucic said that Belgrade had done its part, while Pristina had not": all his
        cuts.append(Clause(start, m.start()))
        start = m.end()
    if not cuts:
        return [Clause(0, len(text))]
    return [*cuts, Clause(start, len(text))]


def _quote_open(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def wording(text: str, is_party: Callable[[str], bool] | None = None) -> str:
    """The claim's wording of a clause: less openers, outlet credits and titles before names.

    It only ever removes words, so every word of the claim is in the cited text; `is_party`
    says whether a leading credit names a party (then it is a speaker and stays).
    """
    trimmed = _OPENERS.sub("", text.strip())
    credit = _LEADING_CREDIT.match(trimmed)
    if credit and not (is_party and is_party(credit.group())):
        trimmed = trimmed[credit.end() :]
    trimmed = _TRAILING_CREDIT.sub("", trimmed)
    if (dateline := DATELINE.match(trimmed)) and dateline.group("agency"):
        # "ROSK, Elvandia, March 5 (Coastal Press Agency) - ": the place and date are facts, the
        # agency that filed the report is its credit.
        trimmed = trimmed[: dateline.start("agency")] + trimmed[dateline.end("agency") :]
    trimmed = _TITLED_NAME.sub("", trimmed)
    trimmed = trimmed.rstrip(" ,;:")
    if trimmed and trimmed[-1] not in '.!?”"’)':
        trimmed += "."
    return trimmed[:1].upper() + trimmed[1:] if trimmed else text.strip()


# A negation: "not", "no", "never", "nothing", "none", "n't".
NEGATION = re.compile(r"\b(?:not|no|never|nothing|none)\b|n[’']t\b", re.IGNORECASE)
# An interviewer's line ("Q: The employers say the port will lose ships."): it puts what others
# say to the guest, asking, whatever its punctuation.
ASKED = re.compile(r"^\W*Q:\s")


def is_question(text: str) -> bool:
    """Whether the text asks rather than states: it ends on a question mark, quotation marks aside,
    or it is an interviewer's "Q:" line."""
    return text.rstrip(" ’'”\"").endswith("?") or bool(ASKED.match(text))


def word_count(text: str) -> int:
    """Words as a reader counts them."""
    return len(text.split())
