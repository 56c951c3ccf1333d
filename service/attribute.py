"""Attribute: who is named in a sentence, and whose position a clause states.

Parties are found by the profile's aliases and by the people the articles themselves tie to a
party with a title or an affiliation ("Kremlin spokesman Dmitry Peskov", "Yuri Ushakov, a
foreign policy adviser to the Kremlin", "Russia's delegation was headed by Admiral Igor
Kostyukov"): those are learned per request, with no edit to the profile.

A clause states a party's position only when that party speaks (`X said`, `according to X`,
`"...," X said`, `quoted X as saying`) or is the subject taking a stance (`Kyiv refuses`; a
relative aside after it, "Kyiv, which refused at first, now offers ...", tells what it did
before). A clause opening with a pronoun, or a bare quotation, continues the previous clause's
speaker. An outlet's hedge ("we are told", "sources say"), unnamed sources credited after a
clause ("..., according to two people briefed on the talks") and a paper someone passed on
("..., according to a summary circulated by the bank") are read out of it: the side whose move
they tell takes the stance. Everything else (events, an outlet's commentary, reports about a
party) states no party's position: it belongs with its issue, as what is reported.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from service.dedupe import STOPWORDS
from service.topic import TopicProfile, words_pattern
from service.wording import (
    ASKED,
    DATELINE,
    DAY,
    DAY_OF_MONTH,
    FACT_TOKEN,
    MONTH,
    NEGATION,
    NUMBER_WORD,
    PROPOSAL_OF,
    TIME_STAMP,
    is_question,
)

_NAME = r"(?:[A-Z][\w’'-]+\s){1,2}[A-Z][\w’'-]+"
# Generic titles and roles that tie a named person to a side; nothing here names any topic.
_TITLE = (
    r"(?:[Pp]resident|[Pp]rime [Mm]inister|[Vv]ice[- ][Pp]resident|[Cc]hancellor|[Mm]inister|"
    r"[Ss]ecretary(?: of [Ss]tate)?|[Ss]pokes(?:man|woman|person)|[Aa]ide|[Aa]dvis[eo]r|[Aa]ssistant|"
    r"[Nn]egotiator|[Ee]nvoy|[Aa]mbassador|[Hh]ead|[Cc]hief [Ee]xecutive|[Cc]hief|[Ll]eader|[Dd]irector|"
    r"[Cc]hair(?:man|woman)?|"
    r"[Cc]ommander|[Aa]dmiral|[Gg]eneral|[Oo]fficial|[Rr]epresentative|[Gg]overnor|[Mm]ayor|[Dd]eputy|"
    r"[Cc]ommissioner|[Pp]resident's|[Ss]ecretary-[Gg]eneral|[Pp]resident-elect|[Cc]oordinator|[Mm]ediator|"
    r"[Pp]remier|[Cc]ouncill?or|CEO|[Mm]anager|[Ll]awyer|[Cc]ounsel|[Aa]ttorney)"
)
# A place's or a body's name, up to four capitalised words: "the IAEA", "the United Nations".
_PLACE_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
# "Kremlin spokesman Dmitry Peskov", "Ukraine's chief negotiator Rustem Umerov": a title right
# before a name; the party is the nearest alias in the few words before the title.
# "Iran's ambassador to the IAEA, Mohsen Jalali": the post's place is not the person's party.
_POSTED_TO = r"\s+(?:to|at)\s+(?:the\s+)?" + _PLACE_NAME
# An envoy's posting, before the place: "ambassador to the", "envoy to".
_POSTED = r"\b(?i:ambassador|envoy|emissary|representative|delegate)s?\s+to\s+(?:the\s+)?"
# "A former Russian ambassador said", "Former Prime Minister Ana Ruiz rejected it": who once
# served a party speaks for no one but themselves.
_FORMER_SPEAKER = re.compile(
    r"^\W*(?i:(?:(?:a|an|the)\s+)?(?:former|retired|onetime|one-time))\s+(?:[\w-]+\s+){0,3}?" + _TITLE + r"\b"
)
# "Minister for Territorial Affairs Marek Ostrand": the portfolio after "for" or "of" is the title's.
_PORTFOLIO = r"\s+(?:for|of)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*"
# "Deputy Foreign Minister Ilse Marrow": the words and titles that qualify the first are no name.
_QUALIFIED = r"(?:(?:[A-Z][a-z]+\s+){0,2}" + _TITLE + r"\s+)*"
# "Gen. Ivar Holm", "Dr Lena Sors": a rank or an honorific before the name is no part of it; a
# short first name is ("First Minister Ana Lucia Marrec" is Ana Lucia Marrec, not Lucia Marrec).
_HONORIFIC = r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Lt|Gen|Col|Maj|Capt|Adm|Sgt|Cdr|Sen|Rep|Gov|Rev|Sir|Dame)\.?\s)"
_TITLED = re.compile(rf"\b{_TITLE}\b(?:{_POSTED_TO}|{_PORTFOLIO})?,?\s+{_QUALIFIED}{_HONORIFIC}?({_NAME})")
_TITLE_LOOKBACK_WORDS = 10
# What follows a side's name whose noun is left out ("..., Halvenia's by Tomas Averin").
_ELLIPSIS = r"(?:by|to|for|from|with|at|in|on|is|was|are|were|has|had|will)\b"
# "Yuri Ushakov, a key foreign policy adviser to the Kremlin,": the affiliation after the name.
# "Jurgen Falk, Ostravia's farm minister,": an affiliation in the possessive; "Ardenza's delegation
# is led by Marta Olzen, Halvenia's by Tomas Averin" goes on to the next side's.
_APPOSITIVE = re.compile(
    r"("
    + _NAME
    + r"),\s+(?:(?:an?|the)\s+([^,;.]{3,90}?)|([A-Z][\w’'-]+[’']s\s+(?!"
    + _ELLIPSIS
    + r")[^,;.]{3,60}?))"
    r"(?=[,;.])"
)


def appositives(text: str) -> Iterator[tuple[str, str]]:
    """Each name with the affiliation set after it ("Jurgen Falk, Ostravia's agriculture minister,")."""
    for m in _APPOSITIVE.finditer(text):
        yield m.group(1), m.group(2) or m.group(3)


# "Rustem Umerov, who led Ukraine's delegation at the talks,".
_WHO_LED = re.compile(
    r"(" + _NAME + r"),\s+who\s+(?:leads|led|heads|headed|chairs|chaired)\s+([^,;.]{3,80}?)(?=[,;.])"
)
# "... leads the central government's delegation", "... leads for the central government".
_LEADS_FOR = re.compile(
    r",?\s+(?:(?:leads|led|heads|headed|represents|represented)\s+(?:for\s+)?|(?:speaks|spoke)\s+for\s+)"
    r"(?:the\s+)?(?P<side>[^,;.]{2,50}?)"
    r"(?:['’]s\s+(?:delegation|team|negotiators|side)\b|(?=[,;.]|\s+and\s|$))"
)
# The party whose body a post is in: "the commission's Scientific Council", "Russia's wealth fund".
_OWNER = re.compile(r"(?:the\s+)?([\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})[’']s?\s+\S")
# A name after its ranks and titles ("Admiral Igor Kostyukov", "Deputy Health Minister Tomas
# Arvide"), the name captured.
_RANKED_NAME = r"(?:(?:[A-Z][a-z]+\.?|" + _TITLE + r")\s+)*(" + _NAME + r")"
# "Russia's delegation was headed by Admiral Igor Kostyukov", "with a delegation headed by Deputy
# Health Minister Tomas Arvide", and after another side's: "Brennland's is led by Henrik Staal".
_LED_BY = re.compile(
    r"(?:(?:delegation|team|side|negotiators)\s+(?:(?:was|were|is|are|will be)\s+)?"
    r"|(?<=\w[’']s)\s+(?:is|was)\s+)(?:led|headed)\s+by\s+" + _RANKED_NAME
)
# The sentence's subject speaks through someone: "The Northern Partnership, which groups 26
# countries, is led by its chief negotiator, Henrik Dalvang"; "The group speaks through
# Ambassador Amara Kesseh".
_ITS_VOICE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:led|headed|represented)\s+by\s+(?:its|their)\s+(?:[\w-]+\s+){0,3}?[\w-]+,?|"
    r"speaks?\s+through)\s+" + _RANKED_NAME
)
# "Valmora's Tomas Arvide says ...": a party's person, named in the possessive, speaking.
_THEIRS_SPEAKS = re.compile(
    r"\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})[’']s\s+("
    + _NAME
    + r")\s+(?:also\s+)?(?:says|said|told|tells|warned|insists|insisted)\b"
)
# "Amara Kesseh, who speaks for the group,", "Commissioner Lorna Beckett sits in for the commission,".
_SPEAKS_FOR = re.compile(
    r"(" + _NAME + r"),?\s+(?:who\s+)?(?:speaks|spoke|negotiates|negotiated|sits\s+in|sat\s+in)\s+for\s+"
    r"([^,;.:]{3,60}?)(?=[,;.:])"
)

_REPORTING = (
    r"(?:was quoted as saying|were quoted as saying|"
    r"said|says|say|told|tells|stated|(?<!member )states|noted|notes|wrote|writes|warned|warns|"
    # "The Commerce Department added 14 companies to a blacklist": a count added, not words; "Each
    # $1,000 added to the stipend": a sum added to something.
    r"(?:added|adds)(?!\s+(?:\d|more\b|another\b|to\b|(?:one|two|three|four|five|six|seven|eight|nine|"
    r"ten|dozens|hundreds)\b))|"
    r"argued|argues|insisted|insists|confirmed|confirms|announced|announces|"
    # The plural's present: "Rovers argue that the links are public infrastructure".
    r"argue|warn|contend|complain|concede|reiterate|acknowledge|"
    # "calls the list \"early retirement by job title\"": a name given in its own words.
    r"calls(?!\s+(?:for|on|off)\b)(?=[^“\".]{1,80}[“\"])|"
    # "issued a two-line statement:".
    r"issu(?:es|ed)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}statement|"
    # "Kosovo declared independence in 2008": an act, not words.
    r"(?:declared|declares)(?!\s+(?:independence|war|victory|bankruptcy|martial law|a state of))|"
    r"explained|claimed|claims|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|reiterated|reiterates|"
    # "have let it be known that they could come down to $85 million".
    r"(?:let|lets)\s+it\s+be\s+known|"
    # "repeated that the commission would not approve it", not "repeated the question".
    r"(?:repeated|repeats)(?=\s+that\b)|"
    r"reaffirmed|reaffirms|highlighted|questioned|urged|urges|suggested|suggests|described|revealed|"
    r"acknowledged|commented|accused|accuses|denied|denies|responded|replied|predicted|cautioned|"
    # "Aurel reported a record profit": a company's results, not its words.
    r"posted|tweeted|(?:reported|reports)(?!\s+(?:(?:a|an|its|their)\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:profit|loss|revenue|earnings|sales|deficit|surplus|income)s?\b)|"
    r"signall?ed|indicated|vowed|threatened|"
    # "Donors pledged $9 billion in 2021": a sum given, not words.
    r"(?:pledged|promised)(?!\s+(?:(?:about|some|nearly|almost|over|more than|up to|another)\s+)?[$€£\d])|"
    r"pushed back|expressed|has said|have said|conceded|concedes|admitted|admits|advised|advises|"
    r"recommended|affirmed|affirms|recalled|recalls|boasted|boasts|outlined|outlines|laid out|lays out|"
    r"(?:sent|sends|issued|issues|released|releases) a statement|"
    # "posts on X that ...", not "border posts".
    r"(?:posts|responds|tweets)(?= (?:on [A-Z][\w-]*\s*)?(?:that\b|:))|"
    r"complained|complains|maintained|maintains|asserted|asserts|"
    r"contended|contends|countered|counters(?= that\b)|call(?:ed|s) (?:it|them)|"
    r"by (?:saying|insisting|stressing|arguing|warning)|"
    # "called the report 'disinformation'", "called talk of a summit 'premature'": naming a thing
    # with quoted words says them.
    r"call(?:ed|s)(?= (?:[\w-]+ ){1,6}[“\"‘']))"
)
# A position that moves: "raised its pay offer from 4% to 6%", "have scaled back their budget demand".
_MOVE = (
    r"(?:raised|raises|lowered|lowers|cut|cuts|dropped|drops|improved|improves|sweetened|sweetens|"
    r"softened|softens|revised|revises|increased|increases|reduced|reduces|scaled\s+(?:back|down))\s+"
    r"(?:its|their|his|her|that|this)\s+(?:[\w’'-]+\s+){0,2}(?:offer|demand|request|proposal|price|bid|claim|pledge|terms|"
    r"target|insistence|objection|condition|contribution|commitment)s?|"
    # "has cut the fine it is seeking from 1.2 billion crowns to 900 million": a figure it moves.
    r"(?:raised|lowered|cut|increased|reduced)\s+(?:the|its|their)\s+(?:[\w’'-]+\s+){1,5}?"
    r"(?:from|to)\s+\S*\d|"
    # "has only crawled from 250 miles to 400 miles", "inched up from 3% to 3.5%": a side's figure
    # moved slowly (verbs of a negotiator's move; "attacks climbed from 30 to 50" is no stance).
    r"(?:crawled|inched|edged|crept|budged|shifted|retreated)\s+(?:(?:up|down|back)\s+)?from\s+\S*\d"
    r"[^.;]{0,40}?\bto\s+\S*\d"
)
# "The co-chairs have extended the session": the talks' timetable moved, no stance taken (but
# "extended an invitation", "pushed for a vote", "extended the deadline" on its offer are stances).
_TIMETABLE = (
    r"(?!\s+(?:back\s+)?(?:the\s+|its\s+|their\s+|this\s+)?(?:session|talks|negotiations|round|"
    r"meeting|schedule|timetable)s?\b)"
)
_STANCE = (
    r"(?:wants?|wanted|demands?|demanded|insists?|rejects?|rejected|refuses?|refused|declined|"
    r"declines|invites?|invited|offers?|offered|proposes?|proposed|agrees?|agreed|accepts?|accepted|"
    r"opposes?|opposed|"
    r"will not|would not|won't|cannot|can't|could not|(?<![Tt]he )will|would|renewed|extended"
    + _TIMETABLE
    + r"|ruled out|"
    r"calls? for|called for|seeks?|sought|hopes?|hoped|expects?|expected|welcomed?|welcomes|"
    r"reserves? the right|reserved the right|"
    r"is open|remains open|remain open|has not|have not|has yet|have yet|"
    # "Liberals back at coalition talks after walkout": back at the table, backing nothing.
    r"back(?:s|ed)?(?!\s+(?:at|in|into|to|from|on|home|inside|and\s+forth)\b)|"
    r"supports?|supported|favou?rs?|favou?red|plans?|planned|intends?|intended|"
    r"must|needs?|pushed" + _TIMETABLE + r"|threatens?|approved|signed|"
    r"dismissed|condemned|blamed|objects?|objected|resist(?:s|ed)?|"
    # "Corvane has committed to 150 permanent jobs", "pledged 40 million": a side binds itself.
    r"commit(?:s|ted)\s+to|pledged|promised|vow(?:s|ed)|"
    r"excludes?|excluded|rules? out|believes?|believed|"
    r"put forward|puts forward|tabled|urge|call(?:ed|s)? on|disputed|disputes|presented|presents|"
    # "Kyiv counters with a joint venture that would leave Russia out": a counter-proposal.
    r"counter(?:s|ed)?\s+with|(?:answered|answers|responded|responds)\s+with|"
    # "has turned that down", "recommends a yes vote", "made its first move".
    r"turn(?:s|ed)?\s+(?:[\w’'-]+\s+){0,3}?down\b|recommend(?:s|ed)?|"
    r"made\s+(?:its|their)\s+(?:[\w-]+\s+)?(?:move|offer|proposal)|"
    # "made a move of its own, offering ...", "threw out that compromise".
    r"made\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:move|offer|proposal|concession)|(?:threw|throws|thrown)\s+out\b|"
    # "Halvern regards streaming rights as a separate product", "The guild sees it differently".
    r"(?:regards?|regarded|sees|saw|views|viewed)\s+(?:[\w’'-]+\s+){0,5}?(?:as|differently)\b|"
    r"asks? for|asked for|push(?:es|ed)? for|press(?:es|ed)? for|"
    # "The union's executive voted 19-4 on Thursday evening to recommend the agreement".
    r"voted\s+(?:[\d–-]+\s+)?(?:(?:late\s+|early\s+)?on\s+\w+(?:\s+(?:night|evening|morning))?\s+)?to\s+"
    r"(?:recommend|reject|accept|approve|endorse|back|ratify|strike|call|ask)|"
    # "is ready", "is also demanding", "were still insisting": a stance said with "to be", an adverb or not.
    r"(?:is|are|was|were)\s+(?:(?:also|still|now|again|already|not)\s+)?"
    r"(?:ready|willing|prepared|seeking|pushing|insisting|demanding|offering|asking|sticking\s+(?:to|by|with)|"
    r"holding\s+(?:out\s+for|at(?=\s+\S*\d)))|"
    # "came down from 80% to 70%", "has moved on payment", "raised its pay offer from 4% to 6%": a
    # position that moves.
    # "has come up from three months to six", "moved from 80 to 200".
    r"(?:came|comes|come|coming)\s+(?:down|up\s+(?:from|to)\b)|(?:has|have|had)\s+moved\s+(?:on|to|from)|"
    r"moved\s+from\s+\S*\d|" + _MOVE + r"|"
    # "opened the talks at 65%", "came to Solmara demanding $15 billion": a first position.
    # (but "opened talks with a committee of its bondholders" is whom it opened them with).
    r"(?:opened|began)\s+(?:the\s+talks\s+|negotiations\s+)?with\s+(?:a|an)\b|"
    r"(?:opened|began|went\s+into|entered)\s+(?:(?:the\s+)?(?:talks|negotiations|bargaining)\s+)?"
    r"(?:(?:on|in)\s+(?:[\w-]+\s+){1,2}?)?(?:at(?=\s+\S*\d)|by\s+(?:offering|asking|demanding|refusing|rejecting|"
    r"insisting|proposing|seeking)|asking|demanding|"
    r"offering|wanting)|"
    r"came\s+to\s+(?:the\s+table|[A-Z][\w-]+)\s+(?:demanding|wanting|asking|offering|insisting)|"
    # "The ministry finally moved, offering to let the plant run until 2031": the move is the offer.
    r"(?:moved|budged|shifted|relented|softened|gave\s+ground|countered|hit\s+back),\s+(?:[a-z]+ly\s+)?"
    r"(?:offering|proposing|demanding|agreeing|accepting|asking|refusing|rejecting|seeking)|"
    # "had been asking for", "had been holding out for 65%", "held out for a price".
    r"been\s+(?:asking|demanding|seeking|pushing|insisting|offering|holding\s+out\s+for)|"
    r"(?:holding|held|holds)\s+out\s+for|"
    # "repeated his pledge of a cap", "stopped at 15 percent", "gave Tarrow until midnight on
    # October 12 to accept", "put a COLA on the table".
    r"repeat(?:s|ed)\s+(?:its|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:pledge|demand|offer|position|call|"
    r"refusal|promise|threat|proposal|condition)s?|(?:stopped|holding|held|holds)\s+at\s+\S*\d|"
    r"(?:gave|gives|given)\s+(?:[\w-]+\s+){1,3}?until\s+[^.;]{1,40}?\bto\s+(?:accept|agree|respond|reply|sign|present|"
    r"submit|decide|answer)|"
    # "has asked Corvane to credit subscribers": a demand made of the other side.
    r"(?:asks|asked)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+to\s+(?!be\b)|"
    r"(?:put|puts|putting)\s+(?:[\w’'-]+\s+){1,4}?on\s+the\s+table|"
    # "has stuck to its 8 million crown fund", "has filed a complaint against the ban".
    r"(?:sticks|stuck|held|holds)\s+(?:to|by|with)|(?:filed|lodged)\s+(?:a|an)\s+(?:[\w-]+\s+)?"
    r"(?:complaint|appeal|challenge|claim|lawsuit)|"
    r"(?:has|have|had)\s+set\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}(?:price|deadline|target|limit|"
    r"condition)s?|defended|defends)"
)
_REPORTING_RE = re.compile(r"(?<![\w-])" + _REPORTING + r"\b")
_STANCE_RE = re.compile(r"(?<![\w-])" + _STANCE + r"\b")
# "Union members will vote on April 27", "Kyiv's team will meet them on Sunday": a step on the
# calendar is an event, not a stance; a condition or a refusal in the rest makes it one again.
_SCHEDULED = re.compile(
    r"\s+(?:(?:still|then|first|formally)\s+)*"
    r"(?:vote|meet|reconvene|resume|hold talks|return to the (?:table|talks)|"
    # "The EU's envoy will visit Pristina", "will still approve the deal": a step of the process,
    # not a stance on what the talks are about.
    r"approve|ratify|visit|publish|"
    # "Admiral Kostyukov will lead its working group", "US envoys will mediate": a role in the
    # talks, not a stance on what they are about.
    r"lead|head|chair|mediate|host|attend|adopt|arrive|travel|take part|join the (?:talks|delegation)|"
    # "the guild's board would review it", "members will have the final say": the deal's own steps.
    r"review|have the (?:final |last )?say|"
    # "Norvik will have to sell far more": what others say it must do, not its stance.
    r"have to|need to)\b"
)
_STANCE_CONDITION = re.compile(r"\b(?:only|if|unless|not|never)\b|n['’]t\b")
# The next clause, where a condition no longer limits a "will" ("..., and it will not be binding");
# ", but only for commercial disputes" still limits the clause it follows.
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?!only\b)|;")
_TO = re.compile(r"\s+to(?=\s)")

# "Kiev forced to accept Russia's terms": a headline's passive, its "was" left out; the subject is
# made to act, and takes no stance of its own.
_MADE_TO = re.compile(r"\s+(?:forced|compelled|pressured|pressed|pushed|obliged|made)\s+to\s+")
# "was quoted as saying", "quoted Ushakov as saying", "said Peskov".
_QUOTED_AS = re.compile(r"\bquoted\s+(.{1,60}?)\s+as saying\b")
# "was invited", "was not invited", "is formally rejected": a passive's subject takes no stance.
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|been|be|being)(?:\s+(?:not|never|also|still|already|yet|\w+ly))*\W*$",
    re.IGNORECASE,
)
_ACCORDING_TO = re.compile(
    # "By the union's count, ...": the party's figures.
    r"^\W*(?:(?:according to|citing) ([^,]{1,80})|"
    r"by ([^,]{1,60})[’']s? (?:count|estimate|calculation|reckoning|figures)),",
    re.IGNORECASE,
)
# A party credited at the end; its figures ("according to data compiled by ...", "according to a
# 2025 survey by the authority") state no position.
_ACCORDING_TO_AFTER = re.compile(r",\s+according to ([^,]{1,60})\W*$", re.IGNORECASE)
_FIGURES = re.compile(
    r"\b(?:data|figures|statistics|survey|poll|study|estimates?|census|records)\b", re.IGNORECASE
)
# "According to two diplomats briefed on the talks, the army ...": others' account of a party.
_OTHERS = re.compile(
    r"\b(?:diplomats?|sources?|people|persons?|analysts?|observers?|experts?|witnesses|residents)\b",
    re.IGNORECASE,
)
# How an unnamed source knows what it tells: "people familiar with the talks".
_IN_THE_KNOW = r"(?:familiar with|close to|briefed on|with knowledge of|involved in)\b"
# "A person familiar with Dravonia's position said ...", "..., according to people briefed on her
# draft": others' account of a party, not its own.
_UNNAMED_SOURCE = re.compile(
    # Not "A Chinese official involved in the talks said": an official of a party speaks for it.
    r"^\W*(?:(?:[Aa]n?|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\s+)?(?:[a-z-]+\s+)?(?:[Pp]ersons?|[Pp]eople|[Ss]ources?|"
    r"[Ii]nsiders?|[Dd]iplomats?)\s+"
    + _IN_THE_KNOW
    # "..., two people familiar with the talks said."
    + r"|,\s+(?:(?:an?|two|three|several|some)\s+)?(?:[a-z-]+\s+)?"
    r"(?:people|persons?|sources?|insiders?|diplomats?)\s+"
    + _IN_THE_KNOW
    + r"[^,]*\b(?:said|say|says|told)\b[^,]*$"
    r"|,\s+according to\s+(?:(?:an?|two|three|several)\s+)?(?:[a-z-]+\s+)?(?:people|persons?|sources?)\s+"
    r"(?:familiar|close|briefed|with|involved|who)\b[^,]*$"
)
# "..., according to a summary of positions circulated to reporters by the bank": a paper that
# someone passed on relays what it says; the one who passed it on does not speak.
_PASSED_ON = re.compile(
    r",\s+according to\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:summary|summaries|documents?|papers?|drafts?|letters?|copy|memo|minutes|agenda|notes?)\b[^,]*?"
    r"\b(?:circulated|seen|shared|handed|obtained|distributed|leaked|passed)\b[^,]*$",
    re.IGNORECASE,
)
_OBJECT_PRONOUN = re.compile(r"^(?:him|her|them|us|me)$", re.IGNORECASE)
_POSSESSIVE_PRONOUN = re.compile(r"his|her|its|their", re.IGNORECASE)
# A clause opening with one of these continues the previous clause's speaker.
_IT_ADVERBS = r"(?:(?:also|still|now|again|\w+ly)\s+)*"
_PRONOUN = re.compile(
    r"^\s*(?:(?:But|And|Yet|So|Now|Still),?\s+)?(?:even\s+)?(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir|"
    # "It said ...", "And it wants ...", "It has asked for ...", "It still demands ...": an
    # institution speaking on, not "It is unclear whether ...". "Its negotiators told the Ledger
    # they would accept ...": its own people, speaking on (not "have yet to explain how ...").
    # "Its latest offer is to cap that at 90 million", "Its plan to move all 34 jets": its stance
    # (but "Its demand of 1.45 crowns is modest" is the writer's verdict on it).
    r"[Ii]ts\s+(?![^,;:]*?\b(?:is|was|are|were)\s+(?!to\b|that\b))(?:[\w’'-]+\s+){0,2}?"
    r"(?:offer|proposal|plan|position|demand|bid|terms|concession)s?(?=\s)|"
    r"(?:[Ii]t|[Ii]ts\s+(?:negotiators?|team|delegation|lawyers?|officials?|leaders?|leadership|board|"
    r"representatives?|spokes(?:man|woman|person)))"
    r"(?=\s+" + _IT_ADVERBS + r"(?:(?:has|had|is|was|have|are)\s+" + _IT_ADVERBS + r")?"
    r"(?:" + _REPORTING + r"|"
    # "It remains willing to sell ...", "It is prepared to consider a ratio", "It plans to move".
    r"(?:remains|is|was)\s+(?:willing|prepared|ready)\s+to|plans\s+to|"
    # "It would accept 30 percent, but only if ...", "It would close the pay gap over four years":
    # what it offers to do (not "It would be a mistake"). "It will also refund half ..." may be a
    # deal's term: only a stance's verb makes it its own.
    r"(?:would|could)\s+(?:(?:not|only)\s+)?" + _IT_ADVERBS + r"(?!(?:be|take|cost|mean|depend|require|"
    r"need|have|come|seem|happen|look|make|become|help|hurt|leave)\b)[a-z]+|"
    r"will\s+(?:not\s+|only\s+|also\s+)?(?:accept|agree|go|pay|offer|drop|consider|support|sign|raise|"
    r"lower|cut|move|settle|contribute|commit|give|allow|keep|reject|refuse)|"
    r"called for|calls for|asked for|asks for|wants|wanted|demands|demanded|demanding|insists|insisted|"
    r"rejects|rejected|refuses|refused|offers|offered|proposes|proposed|seeks|sought|opposes|accepts|"
    r"accepted|threatens|threatened|tabled|"
    # "It has cut its demand from 22.5 to 21.5 percent".
     + _MOVE + r")\b))\b"
)
# Quotation marks, double or single (British style: 'We will not move,' she said).
_OPENS_QUOTE = re.compile(r"^\s*(?:[\"“‘]|'(?=\w))")
# Leading adverbials that are not the subject: "On Thursday,", "Last year,", "Despite X,".
_LEADING_PHRASE = re.compile(
    r"^\W*(?:(?:However|Meanwhile|Still|But|And|Also|Moreover|Separately|Earlier|Later|Now|Yet|"
    # "On the date of the election, the government ...".
    r"In [a-z]+|Last [a-z]+|This [a-z]+|On [A-Za-z]\w+(?: [A-Za-z0-9]\w*)?|"
    # "On continuity of care, Stonebridge is at 90 days.": the matter, in up to four words.
    r"On [a-z]\w+ (?:of|and|for|on|in) [a-z][\w-]*(?: [a-z][\w-]*)?|"
    r"On\s+(?:the|a|an|its|their|this|that)\s+[^,]{0,60}|"
    r"(?:Despite|After|Before|During|Following|Amid|Since|Until|Under|With|In|At|By)\b[^,]{0,120}|"
    # A condition or a point of view is no subject: "If the authority insists on X, I don't see
    # how ...", "For the union, the plan is a threat".
    r"(?:[Ii]f|[Uu]nless|[Ww]hen|[Oo]nce|[Aa]lthough|[Tt]hough|[Ww]hile)\b[^,]{0,120}|"
    # "For the union, ...", not "For two years Bragovia has used the line as a weapon, ...".
    r"For\b(?:(?!\b(?:has|have|had|is|are|was|were|will|would)\b)[^,]){0,80}|"
    # "Asked about the duty, he said ...": the question is not the subject.
    r"(?:Asked|Pressed|Questioned|Speaking)\b[^,]{0,160}|"
    # "At Monday's session, billed as the last before a deal was due, the developer raised ...":
    # what the phrase was called.
    r"(?:[Bb]illed|[Dd]escribed|[Dd]ubbed|[Hh]ailed|[Tt]outed|[Rr]egarded|[Ss]een)\s+as\b[^,]{0,120})\s*,\s*|"
    # A live blog's lead-in: "Big news from the talks: Varnia has raised its offer".
    r"[A-Z][^:,;.“”\"]{0,40}:\s+(?=[A-Z])|"
    # A date with no comma after it: "On 13 October the government reduced its request".
    # "On Saturday it offered to hold the vote on 8 August".
    r"On\s+(?:" + DAY_OF_MONTH + r"|" + DAY + r")(?:,?\s+\d{4})?\s+(?=[A-Za-z]))+"
)


def lead_end(clause: str) -> int:
    """Where the clause's subject may start: after any leading adverbial, condition or lead-in."""
    lead = _LEADING_PHRASE.match(clause)
    return lead.end() if lead else 0


# A party named after these is not the subject: "a source close to the union", "few in Kyiv".
_NOT_THE_PARTY = re.compile(
    r"\b(?:close to|familiar with|near|(?:few|many|some|most|others|those|people|residents|analysts|"
    r"observers|experts|diplomats|families|farmers|workers|citizens|voters|businesses|companies|"
    r"protesters|students|villagers|communities|locals|correspondents?|reporters?)\s+"
    r"(?:in|from|near|below|around|outside))\s+(?:the\s+)?$"
    # "72% of Ukrainians opposed ...", "most Russians": a poll of the public, not the party.
    r"|(?:\b\d+(?:[.,]\d+)?\s?(?:%|per ?cent)|\b(?:a|the)\s+(?:majority|minority|third|quarter|half)|"
    r"\btwo-thirds|\bthree-quarters)\s+of\s+$|(?<![\w-])(?:most|many|few)\s+$",
    re.IGNORECASE,
)
# "Ostravian farmers' leaders say", "Vestria's environmentalists want": a demonym or a possessive
# before people who are not the party.
_CIVILIANS = re.compile(
    # "Our Veldran correspondent", "the Kremlin bureau chief": an outlet's people, named for where
    # they report from (right after the name: "Kostyukov told reporters" is Kostyukov speaking).
    r"(?:[’']s)?\s+(?:correspondent|reporter|bureau chief|editor|columnist|reporting team)s?\b|"
    # A word between may qualify the people ("Ostravian dairy farmers"), but a verb that tells them
    # something or wants something of them makes them its object ("told analysts", "wants
    # companies to pay more"; "promised voters coal until 2038" is a campaign's, gone by).
    r"(?:[’']s)?\s+(?:(?!(?:told|tells|briefed|briefs|warned|warns|urged|urges|asked|asks|wants|wanted|"
    r"expects|needs|requires|forces|lets)\b)[a-z-]+\s+)?"
    r"(?:farmers|residents|citizens|voters|families|protesters|businesses|companies|"
    r"firms|exporters|importers|operators|carriers|manufacturers|investors|shareholders|lenders|"
    r"media|newspapers|analysts|experts|economists|commentators|students|"
    r"environmentalists|activists|campaigners|opposition|"
    # "Serbian state broadcaster RTS reports": an outlet of the country, not its government.
    r"broadcaster|television|newspaper|daily|news agency|outlet)\b"
)
# "X and Y agreed": two parties acting together is an event, not one party's position.
# "Russia and Ukraine", "Russia & Ukraine", and a headline's "Egypt, Sudan Call for ...".
_JOINT = re.compile(r"^\s*(?:,\s*)?(?:and|&|nor)\s+(?:the\s+)?$|^\s*,\s*$", re.IGNORECASE)
# "The Kremlin has not commented": saying nothing is no position.
_NO_COMMENT = re.compile(
    r"\b(?:(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:\w+ly\s+)?(?:commented|responded|replied|confirmed|answered|"
    r"comment|respond|reply|confirm|answer|"
    r"said\s+(?:(?:\w+ly|in\s+public)\s+)?(?:whether|if|how|which|what|when|where|who))|"
    r"(?:has|have|had)\s+yet\s+to\s+(?:comment|respond|reply|say\s+(?:whether|if|how))|"
    # "refused to discuss the withdrawal of his troops" refuses a demand; "declined to discuss it"
    # says nothing.
    r"declined\s+to\s+discuss|"
    r"(?:declined|refused)\s+to\s+(?:comment|say|answer|elaborate|(?:give|provide)\s+details|"
    r"disclose|reveal)|no\s+comment\s+(?:yet\s+)?from|"
    r"(?:would|will|could|did|does)\s+not\s+say\s+(?:whether|if|how|when|what)|"
    r"(?:does|do|did)\s*(?:not|n['’]t)\s+comment|^\W*neither\s+[^,]{1,60}\bnor\b[^,]{1,60}\bsaid|"
    r"(?:was|were)\s+not\s+available\s+for\s+comment|did\s+not\s+respond|"
    r"(?:would|will|could)\s+not\s+be\s+drawn\s+(?:on|into))\b",
    re.IGNORECASE,
)
_QUOTED_NO_COMMENT = re.compile(r"[‘'\"“]no\s+comment\b", re.IGNORECASE)
# "Asked whether ..., Brennan said only: 'We'll see.'", "... said that was 'a decision for the
# president'": an answer that declines to answer is no position either.
_DEFLECTS = re.compile(
    r"\b(?:said|says|replied|replies|answered)\s+only\s*[:,]|"
    # A refusal on a condition ("will not discuss quotas until ...") is a position, not a dodge.
    r"(?:(?:not|n['’]t)\s+(?:going|about)\s+to|(?:would|will)\s+[‘'\"“]?not)\s+[‘'\"“]?"
    r"(?:answer|speculate|comment|get into)\b"
    r"(?![^.;]*\b(?:until|unless|if|before)\b)|"
    r"(?:not|n['’]t)\s+for\s+(?:me|us|him|her|them|the\s+[\w-]+)\s+to\s+(?:say|speak|decide|comment|announce)|"
    r"\bleave\s+(?:that|it|this)\s+[‘'\"“]?to\b|\bspeak\s+for\s+themselves\b|\bfor\s+another\s+day\b|"
    # "I'll leave domestic politics to the politicians", "I'll let the voters judge that".
    # Its speaker's own to leave: "the government will ... leave compensation to the courts" is a
    # threat, a side's stance.
    r"\b(?:I|we|he|she)(?:[’']ll|[’']d|\s+(?:will|would|can|must))?\s+(?:just\s+|simply\s+)?leave\s+"
    r"(?:[a-z]+\s+){1,3}to\s+the\s+(?:politicians|voters|courts?|lawyers|negotiators|experts|mediators?)\b|"
    r"\blet\s+(?:the\s+)?[a-z]+\s+(?:judge|decide)\b|"
    r"\b(?:rather|prefer)\s+not\s+(?:to\s+)?(?:get\s+into|comment|say|speculate|discuss)\b|"
    # Someone else's to answer: "that was 'a decision for the president'", "That is a question for
    # the Assembly", "that decision was 'for the member states'", "That is for the two governments
    # to agree", "You'd have to ask Mr Hollander".
    # (but "constitutional change was 'a matter for the Armenian people'" is a stance).
    r"\b(?:that|this|it)(?:\s+decision)?\s+(?:is|was|[’']s)\s+[‘'\"“]?(?:(?:a|the)\s+(?:question|matter|decision)\s+for\b|"
    r"for\s+(?:the\s+)?(?:[\w-]+\s+){1,4}?to\s+(?:decide|agree|say|settle|answer|judge|announce)\b|"
    r"for\s+(?:the\s+)?(?:[\w-]+\s+){0,3}[\w-]+[’'\"”]?[.!?]?$)|"
    r"\byou(?:[’']d|\s+would|[’']ll|\s+will)\s+have\s+to\s+ask\b|"
    # Not now, not here: "You'll hear our number at the table", "Ask me when somebody offers
    # eight", "You'll forgive me if I keep that for the room".
    r"\byou(?:[’']ll|\s+will)\s+hear\s+(?:that|it|this|(?:our|my|the)\s+[\w-]+)\s+(?:from|at|in|when)\b|"
    r"(?:^|(?<=[:.]\s))ask\s+(?:me|us|him|her|them)\s+(?:when|after|again|later|once|tomorrow|next)\b|"
    r"\bkeep\s+(?:that|it|this)\s+for\s+the\s+(?:room|table|talks|negotiations)\b|"
    # Nothing said at all: "says he has 'nothing to add tonight'", "has said nothing in public"
    # (but "has said nothing will change its mind" is a stance).
    r"\bnothing\s+(?:more\s+|further\s+)?to\s+add\b|\b(?:has|have|had)\s+said\s+nothing\b(?!\s+(?:will|would|can|could|is|was|has|had)\b)|"
    r"\bwhen\s+there\s+is\s+something\s+to\s+say\b|"
    # Not in public: "not negotiating on your show", "would respond 'at the table, not in the press'",
    # "not going to do the mediator's job on the radio", "won't pre-empt it on air".
    r"(?:not|n['’]t)\s+[‘'\"“]?(?:(?:going|about)\s+to\s+)?(?:[\w’'-]+\s+){0,6}?(?:on|in|through|from|with|for)\s+"
    r"(?:the\s+|a\s+|your\s+|this\s+|live\s+|(?:a\s+)?foreign\s+)?(?:show|air|radio|television|tv|press|podium|media|camera|"
    r"studio|"
    r"reporters|journalists|newspapers?|public)\b",
    re.IGNORECASE,
)
_POSSESSIVE_S = re.compile(r"[’']s\b")
_NAME_AFTER_S = re.compile(r"[’']s\s+[A-Z]")
# A party's title set off before the name of who holds it: "'s foreign minister, (Sergei) ".
_TITLE_APPOSED = re.compile(r"^[’']s\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s*(?:[A-Z][\w-]+\s+)?$")
# The same, unset: "'s foreign minister (Andrii) ", "'s Deputy Prime Minister ".
_TITLE_BEFORE_NAME = re.compile(r"^[’']s\s+(?:[A-Za-z-]+\s+){0,3}" + _TITLE + r"\s+(?:[A-Z][\w’'-]+\s+)?$")
# A headline in the first person plural, outside quotation marks (its words lower-cased, "US"
# still a name): a partisan outlet speaking for its readers.
_OURS = re.compile(r"\b(?:our|us|we)\b")
_QUOTATION = re.compile(r"[“\"‘][^”\"’]*[”\"’]")
# "Under the deal, China will keep ...": the terms both sides signed are no one side's position.
_UNDER_DEAL = re.compile(
    r"^\W*(?:No:\s+)?[Uu]nder\s+(?:the|that|this|a|an|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?i:deal|agreement|arrangement|accord|truce|ceasefire|settlement|contract|pact|decision|protocol|"
    r"memorandum|treaty|licen[cs]e)\b"
)
# A name and where its bearer works: "Ana Ruiz", "Ana Ruiz of the Carnegie Endowment".
_NAMED_SPEAKER = r"(?:[A-Z][\w’'.-]*\s+){1,4}(?:(?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){1,4})?"
_QUOTE_VERB = r"(?:said|says|added|adds|told|tells|wrote|writes)"
# Someone named by a common noun, and what ties them to the story: "an analyst who studies the
# Kremlin" (but "an Ossaran official" may be a party's).
_SOMEONE = (
    r"(?:a|an|one|another)\s+(?:[a-z][\w’'-]*\s+){1,3}"
    r"(?:(?:who|which|at|of|from|with)\s+(?:[\w’'-]+\s+){1,5})?"
)
# "“...,” said Marguerite Anand" / "“...,” Anand said" / "“...,” said an analyst who studies the
# Kremlin": the quotation names its own speaker.
_CREDITED_QUOTE = re.compile(
    r"[,.!?]?[”\"’']\s+(?:"
    + _QUOTE_VERB
    + r"\s+(?:[A-Z]|"
    + _SOMEONE
    + r")|"
    + _NAMED_SPEAKER
    + _QUOTE_VERB
    + r"\b|"
    + _SOMEONE
    + _QUOTE_VERB
    + r"\b)"
)
# "'The US side cannot talk about stability ...,' she said": the words are hers, whatever party
# they name; the quotation continues its speaker (and evidence names who "she" is).
HE_SAID = re.compile(
    r"[,.!?]?[”\"’'],?\s+(?:he|she)\s+(?:said|says|added|adds|told|tells|wrote|writes|insisted|warned|noted)\b"
)
# A stance in the passive: "The offer was dismissed by Kamran Zolfaghari", "was welcomed by Kyiv".
_BY_AGENT = re.compile(
    r"\b(?:was|were|has been|have been|had been)\s+(?:also\s+|\w+ly\s+)?(?:rejected|dismissed|"
    r"welcomed|critici[sz]ed|condemned|accepted|endorsed|backed|praised|opposed|denounced|"
    r"proposed|put forward|tabled|turned down)(?:\s+outright|\s+\w+ly)?\s+by\s+"
)
# "Varnia's figure would ...", "the government's public offer sits ...": the subject is a thing
# the party put forward, and what is said of it is the outlet's, not the party's.
_THING_OF = re.compile(
    r"[’']s\s+(?:(?:[a-z-]+|[$€£]?\d[\d.,]*%?)\s+){0,2}(?:offer|counter-?offer|proposal|plan|figure|demand|bid|"
    r"terms|draft|idea|estimate|position|stance|request|claim)s?\b"
)
# ... or others the party has: "Kiev's European sponsors are pushing it to fight on".
_OTHERS_OF = re.compile(
    r"[’']s\s+(?:[\w-]+\s+){0,2}(?:all(?:y|ies)|sponsors?|backers?|partners?|critics?|opponents?|enem(?:y|ies)|"
    r"neighbou?rs?|creditors?|patrons?|supporters?|friends?|rivals?|adversar(?:y|ies))\b"
)
# A party in a relative clause, a place, or a possessor is not the one who speaks: also the object
# of the relative clause's verb ("A diplomat from one of the EU countries that do not recognise
# Kosovo said").
_WHERE = re.compile(r",\s+where\s+(?:the\s+)?$")
_RELATIVE_BEFORE = re.compile(
    r"\b(?:which|who|whom|that|whether|a charge|a claim)\s+(?-i:[a-z]+\s+){0,3}$", re.IGNORECASE
)
# "ambassador to the US": a posting and its place, which are the title's, not a party's words.
_POSTING = re.compile(_POSTED + _PLACE_NAME)
# Where a speaker is, or is posted: "in Brussels", "at the UN", "ambassador to the US".
_PLACE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$|" + _POSTED + r"$")
_POSSESSED = re.compile(
    r"[’']s\s+(?!(?:[A-Za-z-]+\s+){0,2}(?:" + _TITLE + r"|(?i:government|ministry|delegation|team|office|"
    r"side|administration|negotiators|officials|leadership|envoys?|cabinet|parliament|statement|"
    r"communiqu[eé]|letter|website|account|campaign|board|executive|council|assembly|committee|"
    r"congress|caucus|members|membership))\b)"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]")
# "..., according to a joint statement." / "..., the text says.": what both sides signed.
_JOINT_TEXT = re.compile(
    # A party's own statement ("..., the statement said") is the party's: only a joint one is not.
    r",\s+(?:according to\s+(?:a|the)\s+joint\s+\w+|(?:the|a)\s+(?:joint\s+(?:text|statement|communiqu[eé]|"
    r"declaration)|text|communiqu[eé]|declaration|agreement)\s+(?:says|said|states|stated|reads))[^,]{0,40}[.!?]?$",
    re.IGNORECASE,
)
# "..., Sokolov noted." / "..., Ana Ruiz of the Carnegie Endowment said." / "..., said Ana Ruiz,
# an analyst.": the speaker closes the clause.
_TRAILING_CREDIT = re.compile(
    r",\s+(?:(" + _NAMED_SPEAKER + r")(?:said|says|noted|notes|added|adds|wrote|writes|argued|argues)[.!?]?$"
    r"|(?:said|says|noted|added|wrote|argued)\s+((?:[A-Z][\w’'.-]*\s*){1,3})(?:,[^,“”\"]*)?[.!?]?$)"
)
# A headline's or a live blog's credit: "Zelensky: we will not give up land".
_CREDIT = re.compile(r"^\W*((?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'.-]*):\s+(?=\S)")
# A transcript's speaker: a name in capitals ("HALLORAN", "MEERA SHAH"), not a label ("UPDATE").
_TRANSCRIPT = re.compile(
    r"Q|(?!(?:UPDATE|BREAKING|WATCH|LIVE|EXCLUSIVE|ANALYSIS|OPINION|VIDEO|PHOTOS?|READ MORE|RELATED|"
    r"EDITORIAL|COMMENT|FACT CHECK|CORRECTION|NOTE)$)[A-Z][A-Z’'.-]+(?:\s[A-Z][A-Z’'.-]+){0,2}"
)
# A clause opening on a question word has a question, not a party, for its subject.
_QUESTION = re.compile(r"\W*(?:Whether|How|Why|What|Which|Who|Where)\b")
# A party right after "if": the subject of a condition, not of what is reported.
_IF_BEFORE = re.compile(r"\b(?:if|unless|once|until)\s+(?:the\s+)?$", re.IGNORECASE)
# A reporting verb further than this from its subject is some other clause's.
_SUBJECT_GAP_WORDS = 4
# The subject of a stance sits within the first words of the clause.
_SUBJECT_WORDS = 8
# Words allowed before the subject's first mention: "An unnamed US official", "The Kremlin".
_SUBJECT_LEAD_WORDS = 3
# "Under the new offer, pilots would get ...": an offer whose owner the sentence does not name is
# not its subject's; nor surely the last speaker's (in mediated talks often not the owner).
_UNDER_UNOWNED = re.compile(
    r"^\W*Under\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:offer|proposal|plan|compromise|package)\b[^,]{0,60},"
)
# What a proposal would have done in the past ("that rise would have added 12 cents"): a sum.
_WOULD_HAVE = re.compile(r"\bwould\s+have\s+(?:been|\w+ed|\w+en)\b")
# Someone addressed by name or title, then "you" or "your": an interviewer speaking to a guest.
_ADDRESSED = re.compile(r"^(?![\"“‘'])\W*(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*,\s+.*\byour?\b")
# An explainer's headline: "The talks, explained", "The Sedrin truce talks explained".
_EXPLAINER = re.compile(r"\bexplained\W*$")
# ", a key adviser to the Kremlin," / ", who ...,": asides between a subject and its verb.
_ASIDE = re.compile(r",[^,]{0,100},")
# ", signed in 2015,", ", first agreed in May,": an aside opening on a past participle.
_PARTICIPLE_ASIDE = re.compile(r",\s+(?:[a-z]+ly\s+|first\s+|only\s+)?[a-z]+(?:ed|en)\b[^,]{0,100},")
# ", which refused any payment at the start,": a relative aside right after the subject.
_WHICH_ASIDE = re.compile(r",\s+(?:which|who)\b[^,]{0,100},")
# What follows such an aside when it is one: the subject's own verb ("expires"), not a participle
# or a conjunction ("disputed that, saying ...", "offered to stop ..., and only if": the verb was
# the aside's).
_FINITE_NEXT = re.compile(
    r"\s*(?!\w+ing\b)(?!(?:and|or|but|then|to|the|a|an|in|on|at|for|with|by|of|only|if|as)\b)[a-z]+\b"
)


@dataclass
class Mention:
    """A party named in a text: where, and which party."""

    start: int
    end: int
    party: str


@dataclass
class Parties:
    """The profile's parties plus the people the request's articles tie to them."""

    profile: TopicProfile
    people: dict[str, str] = field(default_factory=dict)  # a person's name or surname -> party
    # Everyone the articles name with a title or affiliation, the profile's own aliases included.
    persons: dict[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None
    _owner: dict[str, str] = field(default_factory=dict)
    _words: set[str] = field(default_factory=set)  # the words of every party's names
    _common: set[str] = field(default_factory=set)  # aliases the profile writes in lower case

    def mentions(self, text: str) -> list[Mention]:
        """Every party named in text (aliases and learned people), in order, overlaps merged."""
        if self._pattern is None:
            self._compile()
        assert self._pattern is not None
        out = []
        for m in self._pattern.finditer(text):
            if _WITHIN_NAME.match(text, m.end()) or _NAMED_FOR.search(
                text, _behind(m.start(), _NEAR), m.start()
            ):
                continue  # "the Calderport Athletic Supporters' Trust" is not the club
            if self._in_longer_name(text, m) or self._ends_longer_name(text, m):
                continue  # "Meravian Renewal says", "the Finance Ministry": another body
            party = self._owner.get(m.group().casefold()) or next(
                (p for p, pat in self.profile.party_patterns.items() if pat.fullmatch(m.group())), None
            )
            if party is not None:
                out.append(Mention(m.start(), m.end(), party))
        return out

    def _in_longer_name(self, text: str, m: re.Match[str]) -> bool:
        """Whether the name opens a longer name that is no office of the party's and no person's:
        "Sundra National Petroleum", "Olvana Forward" (not "Russian Foreign Minister", "Ukrainian
        Defence Ministry", "Ukrainian Rustem Umerov")."""
        after = _CAPITALISED_RUN.match(text, m.end())
        # A headline's capitals ("Kremlin Excludes Putin") make no name.
        return bool(after) and not self._office_or_person(after.group().split()) and not _title_case(text)

    def _ends_longer_name(self, text: str, m: re.Match[str]) -> bool:
        """Whether a common noun the profile names a party by ("ministry", "board") ends another
        body's name, capitalised after a word of no party's names: "the Finance Ministry" is not
        the Ministry of Health ("the Health Ministry" is)."""
        if m.group().casefold() not in self._common or not m.group()[:1].isupper():
            return False
        before = _LAST_WORD.search(text, _behind(m.start()), m.start())
        word = before.group(1) if before else ""
        # A headline's capitals ("Statement From The Ministry") make no name.
        return word[:1].isupper() and word.casefold() not in self._words | STOPWORDS and not _title_case(text)

    def _office_or_person(self, words: list[str]) -> bool:
        """Whether capitalised words next to a party's name name its office or post ("Foreign
        Minister", "Defence Ministry"), a person, or a party."""
        # Every person's name holds a word of a party's names (an alias, or a learned person's).
        return any(
            _POSSESSIVE_END.sub("", w.lower()) in _OFFICE_WORDS
            or _TITLE_WORD.fullmatch(w)
            or w.casefold() in self._words
            for w in words
        )

    def named(self, text: str) -> list[str]:
        """The parties named in text, by first mention."""
        return list(dict.fromkeys(m.party for m in self.mentions(text)))

    def _compile(self) -> None:
        terms: dict[str, str] = {}
        for p in self.profile.parties:
            for alias in [p.name, *p.aliases]:
                terms.setdefault(alias, p.name)
                if alias.startswith("the "):
                    # "the government" names the party in "a government official" too.
                    for staff in _STAFF:
                        terms.setdefault(f"{alias[4:]} {staff}", p.name)
        for name, party in self.people.items():
            terms.setdefault(name, party)
        self._owner = {t.casefold(): p for t, p in terms.items()}
        self._words = {w for t in self._owner for w in t.split()}
        self._common = {t.casefold() for t in terms if t.islower()}
        # Possessives and hyphenated forms ("Kremlin-backed", "Russia's") still name the party.
        self._pattern = words_pattern(list(terms), not_after=r"[\w-]")


# A party's people, named by the common noun a profile names the party by ("the government").
_STAFF = ("official", "officials", "spokesman", "spokeswoman", "spokesperson", "negotiator", "negotiators")
# "is known to favour", "is said to want", "is expected to accept": a stance as others take it.
_HEARSAY = re.compile(
    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:known|believed|understood|said|thought|reported|rumou?red|"
    r"expected|widely\s+seen)\s+to\b"
)
# "The government is right to insist ...": the writer's verdict on a party, not its position.
_JUDGED = re.compile(r"\b(?:is|was|are|were)\s+(?:right|wrong)\s+to\b")
# A named subject and what it must, should or needs to do, in no one's voice: the writer's demand.
_PRESCRIBED = re.compile(
    r"^\W*(?:The\s+)?(?:[A-Z][\w’'.-]*\s+){1,3}(?:must|should|needs?|ought\s+to)\b(?!\s+still\b)"
)
# A body or an outlet named for a party: "Parents for Kellerton Public Schools", "Citizens
# against ...", "the opposition paper Pelin Evening" (the country's adjective before an outlet,
# "The Sevranian daily", is _CIVILIANS').
_MEDIA = (
    r"(?:daily|dailies|newspapers?|papers?|weekly|tabloids?|magazines?|broadcasters?|television|outlets?|"
    r"news agency|websites?|media)"
)
_NAMED_FOR = re.compile(
    r"(?:\b[A-Z][\w’'-]*\s+(?:for|against)\s+(?:the\s+|a\s+)?|(?i:\b" + _MEDIA + r"\s+(?:the\s+)?))$"
)
# A party's name opening the name of another body: "the Velmora Cabin Crew Association", "The
# Dravonian Solar Association says" (an organisation named for the country, not its government),
# "The Ardovian Homeland party".
_WITHIN_NAME = re.compile(
    r"(?:\s+[A-Z][\w’'-]*){0,3}\s+(?:Trust|Association|Foundation|Institute|Society|Federation|Confederation|"
    r"Club|League|Union|Council|Committee|Group|Party|Alliance|Coalition|Chamber|Network|Forum|Centre|Center|"
    r"Corporation|Company|Broadcasting|Bank|News)\b|(?:\s+[A-Z][\w’'-]*){1,3}\s+party\b"
)
# Capitalised words right after a name: with it, perhaps a longer name (see Parties._in_longer_name).
# (Words before a name may be a person's first names: "Secretary of State Marco Rubio".)
_CAPITALISED_RUN = re.compile(r"(?:\s+[A-Z][\w’'-]*){1,3}\b")
# The word right before a common noun that names a party, unless a sentence ends between ("...
# said. Ministry officials"): "Finance" in "the Finance Ministry" (see Parties._ends_longer_name).
_LAST_WORD = re.compile(r"(?:^|(?<![.!?:])\s)([A-Za-z][\w’'-]*)\s+$")
# How far before a name the patterns that end at it look (_NAMED_FOR, _LAST_WORD, _ITS,
# _OPPOSITION_BEFORE, _NOT_THE_PARTY, a title's words before it): farther than any of their
# matches reach, and a bound, so a text naming parties thousands of times (the quotes of a claim
# many copies report, joined) is read in linear time.
_BEHIND = 100
# What names a body for a party or puts people near it ("Parents for Kellerton", "residents
# outside the") is a few words long, and read before every name: a sentence may name thousands.
_NEAR = 50


def _behind(start: int, chars: int = _BEHIND) -> int:
    """Where a search for a pattern that ends at `start` begins (lookbehinds still see before it)."""
    return max(0, start - chars)


_POSSESSIVE_END = re.compile(r"[’']s?$")


@lru_cache(maxsize=64)  # asked once per name in a text, which may name thousands
def _title_case(text: str) -> bool:
    """Whether most of the text's longer words are capitalised, as in a headline."""
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


_TITLE_WORD = re.compile(_TITLE)
# A party's offices and forces, and a person's honorifics: "Ukrainian Defence Ministry", "Russian
# Armed Forces", "Kremlin Spokesman".
_OFFICE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """ministry ministries government cabinet treasury office department embassy mission delegation
    army navy force forces military guard coast armed air defence defense foreign interior finance
    security intelligence service services command commission presidency mr mrs ms dr sir dame
    senator congressman congresswoman judge""",
    )
)
# A company called by its trade ("the utility offered", "the insurer says"): a body's noun, though
# inside a longer name it may tell what the body's members do ("Velmora Airline Pilots' Union").
BUSINESS = frozenset(re.findall(r"\w+", "utility insurer carrier airline hospital firm operator developer"))
# The nouns bodies are named with ("the Meridian Community", "United Graduate Workers"): a name
# ending in one is no person's.
INSTITUTION = (
    frozenset(
        re.findall(
            r"\w+",
            """union unions council authority ministry service community association company corporation
    agency commission committee party government department board federation league organisation
    organization bank fund institute office court parliament assembly group alliance coalition
    confederation secretariat administration cabinet congress senate guild society foundation
    university college chamber forces army navy police command employers workers republic kingdom
    states nations emirates bloc movement front trust cooperative consortium collective syndicate""",
        )
    )
    | BUSINESS
)


def is_body(name: str) -> bool:
    """Whether a name of several words is a body's ("the Clear Seas Coalition"), not a person's."""
    return name.split()[-1].lower() in INSTITUTION


# The sides' agreement made, told as news: "the three sides finally agreed on the lease", "both
# sides have signed the deal", "the two delegations reached an agreement" (not "agreed to meet").
_SIDES_AGREED = re.compile(
    r"\b(?:the|both|all)\s+(?:(?:two|three|four)\s+)?(?:sides|parties|delegations)\s+(?:have\s+|had\s+)?"
    r"(?:(?:finally|now|formally|also)\s+)?(?:agreed\s+(?:on|to)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:lease|deal|agreement|contract|terms|accord|settlement|text|framework|package)|signed|initialled|"
    r"reached\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:deal|agreement|accord|settlement))\b",
    re.IGNORECASE,
)


def deal_terms(text: str) -> bool:
    """Whether the clause gives the terms of a deal ("Under the deal, China will keep ...")."""
    return bool(_UNDER_DEAL.match(text))


def reported(text: str) -> bool:
    """Whether the clause credits what it says to someone: a reporting verb, or "according to"."""
    return bool(_REPORTING_RE.search(text) or re.search(r"\baccording to\b", text, re.IGNORECASE))


# "Olvanan opposition leader Brigitte Anzel": the country's opposition is not its government.
_OPPOSITION = re.compile(r"\bopposition\b", re.IGNORECASE)
_OPPOSITION_BEFORE = re.compile(r"\bopposition\s+$", re.IGNORECASE)
# "Teodor Salvat, a retired president of the Constitutional Court": a post once held binds no one.
_FORMER = re.compile(r"^(?:former|retired|ex-|onetime|one-time|then)\b", re.IGNORECASE)
# A title after "its" or "their": the post of the sentence's subject.
_ITS = re.compile(r"\b(?:its|their)\s+(?:[a-z-]+\s+){0,2}$")
# A party this few words before "its" is whose it is ("the federal government by its ...").
_ITS_NEAR_WORDS = 1
# Where a sentence's next clause, with a subject of its own, begins.
_CLAUSE_BREAK = re.compile(
    r"[;:]\s+|,?\s+(?:while|whereas)\s+|,\s+(?:but|although|though)\s+|"
    # "... Marten Solberg and BlueFinch is represented by its chief executive": a subject and its verb.
    r",?\s+and\s+(?=(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s+(?:is|are|was|were|has|have|had)\b)"
)


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding text[at] begins: after the last clause break before it, one that
    ends right at `at` aside (", while its chief negotiator ..." is the clause before's "its")."""
    # The whole text is searched: a break's lookahead may read past `at`.
    return max((b.end() for b in _CLAUSE_BREAK.finditer(text) if b.end() < at), default=0)


def learn_people(texts: list[str], profile: TopicProfile) -> Parties:
    """The profile's parties, plus every person the texts name with a title or affiliation."""
    known = Parties(profile)
    people: dict[str, str] = {}
    persons: dict[str, str] = {}  # people the profile names as aliases
    conflicts: set[str] = set()
    leaders: dict[str, set[str]] = defaultdict(set)  # who leads a side's team, and whose

    def bind(name: str, party: str) -> None:
        name = re.sub(r"[’']s$", "", name)  # "Mayor Clara Vennick's deadline"
        surname = name.split()[-1]
        # A body's last word is no surname ("the Clear Seas Coalition, a group led by ...").
        for key in (name,) if is_body(name) else (name, surname):
            if key in conflicts:
                continue
            if known.named(key):
                # A person the profile already names as this party is still a person: the
                # verifier tells two people of one party apart.
                if known.named(key) == [party]:
                    persons[key] = party
                continue
            if people.get(key, party) != party:
                conflicts.add(key)
                people.pop(key, None)
            else:
                people[key] = party

    for text in texts:
        for m in _TITLED.finditer(text):
            before = " ".join(text[_behind(m.start()) : m.start()].split()[-_TITLE_LOOKBACK_WORDS:])
            # "chaired by Civic Union leader Lukas Brenner, whom President Irena Sobek asked": a
            # relative clause opens a new subject, and the party before it is Brenner's alone; so
            # does a semicolon ("the guild 78; the mediator, Judith Ambrose, suggested 76").
            before = _RELATIVE_WORD.split(before)[-1].rsplit(";", 1)[-1]
            # "the alliance will drop its petition against President Silas Ondambe": whom a party
            # acts against is no one of its own.
            before = _AGAINST.split(before)[-1]
            # "... writes the review court into statute, a demand Commerce Secretary Dana Whitcombe
            # called ...": the person opens a clause on the thing just named, and a party before it
            # is what the thing is about, not whose the person is.
            if thing := _THING_BEFORE.search(before):
                before = thing.group("title")
            # '"... we will not start in Talvera," spokesman Felix Amankwah said': a party inside
            # the quotation is what he spoke of, not whose he is.
            before = re.split(r"[”\"]", before)[-1]
            title = text[m.start() : m.start(1)]
            posted = re.search(_POSTED_TO, title)
            named = known.mentions(before + " " + (title[: posted.start()] if posted else title))
            if (leads := _LEADS_FOR.match(text, m.end(1))) and (side := known.mentions(leads.group("side"))):
                # "Minister for Territorial Affairs Marek Ostrand leads the central government's
                # delegation", "Venhoek heads the city's delegation, chairman Anselm Krayer leads for
                # Rovers": the side the person leads, named after the name, whatever came before.
                named = side[:1]
            if named and (its := _ITS.search(text, _behind(m.start()), m.start())):
                # "Dravonia, for its part, has offered ... if Vestria drops the fee, according to
                # its chief negotiator": "its" is the subject's, the sentence's first party; but
                # "..., and the federal government by its chief negotiator": the party just before.
                mentions = known.mentions(text[: its.start()])
                near = [x for x in mentions if len(text[x.end : its.start()].split()) <= _ITS_NEAR_WORDS]
                # "The company is represented by its chief executive, ..., while the union's team is
                # led by its president": a clause of its own has its own subject.
                own = [x for x in mentions if x.start >= _clause_start(text, its.start())]
                named = near[-1:] or own[:1] or mentions[:1]
            if owner := _OWNER_BEFORE.search(before):
                # "Castelmar's mayor, Aurelio Danz": the owner's, though "mayor" names another side.
                owned = known.mentions(owner.group(1))
                party = owned[-1].party if owned else None
            else:
                # "... made Aurelo popular here," guild president Ana Varga said: the body's noun
                # before the title names her side, not the party quoted before it.
                party = _body_of_title(before, known) or (named[-1].party if named else None)
            # "chair of the Cystic Fibrosis Association": the portfolio's tail is no one's name.
            if (
                party
                and not _OPPOSITION_BEFORE.search(text, _behind(m.start()), m.start())
                and not is_body(m.group(1))
            ):
                bind(m.group(1), party)
        for name, affiliation in appositives(text):
            named = known.named(affiliation)
            if _OPPOSITION.search(affiliation) or _FORMER.match(affiliation):
                continue  # "Brigitte Anzel, Olvana's opposition leader": not the government's
            if len(named) == 1 and re.search(r"\b" + _TITLE + r"\b|-backed\b", affiliation):
                bind(name, named[0])
        for m in _WHO_LED.finditer(text):
            named = known.named(m.group(2))
            if len(named) != 1 or _OPPOSITION.search(m.group(2)):
                continue
            if re.search(r"\b(?:delegation|team|side|negotiat\w+)\b", m.group(2)):
                bind(m.group(1), named[0])
                leaders[m.group(1)].add(named[0])
            elif _heads(m.group(2), known, named[0]) or _is_named(m.group(2), known):
                bind(m.group(1), named[0])
        for m in _LED_BY.finditer(text):
            named = known.mentions(text[max(0, m.start() - 60) : m.start()])
            if named:
                bind(m.group(1), named[-1].party)
                leaders[m.group(1)].add(named[-1].party)
        for m in _ITS_VOICE.finditer(text):
            # The subject of the clause ("..., while the union's team is led by its president, X").
            clause = _clause_start(text, m.start())
            if subject := known.mentions(text[clause : m.start()]) or known.mentions(text[: m.start()]):
                bind(m.group(1), subject[0].party)
                leaders[m.group(1)].add(subject[0].party)
        for m in _THEIRS_SPEAKS.finditer(text):
            if len(named := known.named(m.group(1))) == 1 and not is_body(m.group(2)):
                bind(m.group(2), named[0])
        for m in _SPEAKS_FOR.finditer(text):
            if len(named := known.named(m.group(2))) == 1:
                bind(m.group(1), named[0])
    # Whom a person leads at the talks is whose they are there, whatever else they lead: "Ossara's
    # team is led by First Minister Aulin Marrec" and "The Ossaran People's Alliance, led by First
    # Minister Aulin Marrec" make him Ossara's, not no one's. A surname another person shares
    # stays no one's (counted once, not per leader: a hostile text may name thousands).
    full_names = Counter(k.split()[-1] for k in {*people, *conflicts} if " " in k)
    for name, (party, *others) in leaders.items():
        surname = name.split()[-1]
        namesake = full_names[surname] > int(name in people or name in conflicts)
        for key in (name,) if is_body(name) or namesake else (name, surname):
            if not others and key in conflicts and not known.named(key):
                people[key] = party
    return Parties(profile, people, persons | people)


# Whose the title is, said right before it: "Castelmar's" in "Castelmar's mayor, Aurelio Danz".
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)['’]s\s*$")


def _body_of_title(before: str, known: Parties) -> str | None:
    """The one party whose name holds the lower-case body's noun right before a title ("guild" in
    "guild president Ana Varga": the Lorland Songwriters' Guild), if exactly one does."""
    if not (words := before.split()):
        return None
    noun = words[-1]
    # "party leader" in coalition talks, where every side is a party, tells none of them apart.
    if noun not in INSTITUTION - {"party"} or known.named(noun):
        return None
    owners = [p.name for p in known.profile.parties if noun in p.name.lower().split()]
    return owners[0] if len(owners) == 1 else None


def _is_named(body: str, known: Parties) -> bool:
    """Whether the words are a party's name and nothing more ("who chairs the New Carrick Public
    Utilities Commission"): who leads it is its own."""
    mentions = known.mentions(body)
    return (
        len(mentions) == 1
        and not re.sub(r"^the\s+", "", body[: mentions[0].start]).strip()
        and not body[mentions[0].end :].strip()
    )


def _heads(body: str, known: Parties, party: str) -> bool:
    """Whether who leads `body` is the party's: a body of its own ("who chairs the commission's
    Scientific Council"), not one it is named in ("who chairs the talks on Estmar's quota")."""
    return bool((owner := _OWNER.match(body)) and known.named(owner.group(1)) == [party])


# An outlet's hedge on what it reports: "The league's offer now stands at 24 percent, we
# understand.", "A last-minute move, we are told: the employers have raised ...", "On indexation,
# sources say the employers have offered ...". What it reports is read as told plainly.
_HEDGE_WORDS = (
    r"(?:we\s+understand|we\s+are\s+told|we\s+hear|we\s+learn|we\s+gather|sources\s+say|sources\s+tell\s+us)"
)
_HEDGE = re.compile(
    # An aside or a tail ("..., we understand, was ...", "..., we understand."), before a colon
    # ("..., we are told: the employers ..."), before what it reports ("On data mining, we are told
    # Corvane has ..."), or opening the clause before a comma or a colon.
    r",\s*" + _HEDGE_WORDS + r"\s*(?P<aside>,|(?=[.!]?$))|,\s*" + _HEDGE_WORDS + r"\s*(?P<colon>:)"
    r"|(?P<lead>,)\s*" + _HEDGE_WORDS + r"(?:\s+that)?\s+(?=\S)|^\W*" + _HEDGE_WORDS + r"\s*[,:]\s*",
    re.IGNORECASE,
)


def _unhedged(clause: str) -> str:
    """The clause less an outlet's hedge on it (see _HEDGE)."""
    return _HEDGE.sub(lambda m: ":" if m.group("colon") else ", " if m.group("lead") else "", clause)


def speaker(
    clause: str, parties: Parties, previous: str | None, headline: bool = False, before: str = ""
) -> str | None:
    """The party whose position the clause states, or None when it states no party's position.

    `before` is the sentence's text before the clause. A headline is read with its verbs
    lower-cased ("Kremlin Says" is "Kremlin says").
    """
    if headline:
        # Headlines capitalise verbs ("Kremlin Says", "Russia Invites"); in prose "United States"
        # is no verb, so only a headline's words (other than names) are lower-cased.
        clause = " ".join(w if parties.named(w) else w.lower() for w in clause.split())
    clause = _unhedged(_body(clause))
    if headline and _EXPLAINER.search(clause):
        return None  # "The Sedrin truce talks explained": an explainer's title, no one speaking
    if _addressed(clause):
        return None  # "Ombudsman, last week you proposed ...": an interviewer's question
    mentions = _subjects(clause, parties)
    if _JOINT_TEXT.search(clause):
        return None  # the terms both sides signed are no one side's position
    # "..., Sokolov noted.": a name of no party credits the whole clause to someone else.
    if _closed_by_other(clause, parties):
        return None
    # An answer that declines to answer, whoever gives it ("HALLORAN: I'm not going to answer
    # hypotheticals"). In "Asked whether he expected a deal, Brennan said only: ..." the question
    # takes no stance.
    asked = lead_end(clause)
    if (dodge := _DEFLECTS.search(clause, asked)) and all(
        m.group() in ("will", "would") for m in _STANCE_RE.finditer(clause, asked, dodge.start())
    ):
        return None  # "he would leave that to ...", but not "rejected the plan and would not discuss it"
    # "Araqchi: US Must Abandon 'Maximum Pressure'": a name and a colon credit what follows.
    if (credit := _CREDIT.match(clause)) and len(named := parties.named(credit.group(1))) == 1:
        return named[0]
    # "MEERA SHAH: Dana, the studios say ...": a transcript's speaker who is no party's, the
    # interviewer; the line is hers, whatever party it names.
    if credit and not named and _TRANSCRIPT.fullmatch(credit.group(1)):
        return None
    if headline and _OURS.search(_QUOTATION.sub("", clause)):
        return None  # "Strevio wants our journalism for a rounding error": the outlet's own voice
    if _writers_voice(before) and not _REPORTING_RE.search(before + clause):
        # "The stock our fathers fished is at its lowest ..., and Holvik still wants the biggest
        # share of what is left": a clause of the writer's own sentence is the writer's.
        return None
    unnamed = _UNNAMED_SOURCE.search(clause)
    if after := (unnamed if unnamed and unnamed.group().startswith(",") else _PASSED_ON.search(clause)):
        # "Greyfell raised its offer to 2.5 percent, according to two people briefed on the talks":
        # the sources tell the side's move; what they tell is read as if told plainly.
        return speaker(clause[: after.start()], parties, previous, headline, before)
    if unnamed or _FORMER_SPEAKER.match(clause):
        return None
    # "Under her proposal, ...": the sentence is the proposal's owner's position, clause by clause.
    if frame := PROPOSAL_OF.match(before or clause):
        owner = frame.group("owner") or frame.group("maker") or frame.group("by")
        if _POSSESSIVE_PRONOUN.fullmatch(owner):
            return previous
        if _WOULD_HAVE.search(clause):
            return None  # "Under Kestmilk's formula, that rise would have added 12 cents": a sum
        if len(named := parties.named(owner)) == 1:
            return named[0]
    elif _UNDER_UNOWNED.match(before or clause):
        return None
    if (silent := _NO_COMMENT.search(clause)) and not _verb(clause[: silent.start()]):
        return None
    if _QUOTED_NO_COMMENT.search(clause):
        return None  # 'says there will be "no comment until ..."': said, but nothing stated
    if deal_terms(clause):
        return None
    if m := _ACCORDING_TO.match(clause):
        source = m.group(1) or m.group(2)
        if _OBJECT_PRONOUN.match(source.strip()):
            return previous
        if named := parties.named(source):
            return named[0]
        if _OTHERS.search(source):
            return None
    # "Vossmark has offered an annual review, according to the cooperative": the source speaks.
    if (
        (credited := _ACCORDING_TO_AFTER.search(clause))
        and not _FIGURES.search(credited.group(1))
        and (named := parties.named(credited.group(1)))
    ):
        # "The war has killed about 9,400 people, according to the Meridian Community": a party
        # as the source of a figure takes no stance in it.
        fact = clause[: credited.start()]
        if _DEAL_EXISTS.match(re.sub(r"^\W*(?:[A-Za-z]+\s*){1,2}:\s+", "", fact)):
            return None  # "Breaking: there is an agreement, according to a Liberal negotiator": news
        return None if FACT_TOKEN.search(fact) and not _verb(fact) else named[0]
    for m in _QUOTED_AS.finditer(clause):
        if named := parties.named(m.group(1)):
            return named[0]
    if _OPENS_QUOTE.match(clause) and HE_SAID.search(clause):
        return previous
    if previous and _BARE_QUOTE.match(clause):
        return previous  # X's words go on, whichever party they name or quote ("The Fund has not engaged")
    if (judged := _JUDGED.search(clause)) and not _REPORTING_RE.search(clause[: judged.start()]):
        # "The government is right to insist on ...", "Carrovo is right to say ...": the writer's
        # verdict on a party, not its position (but "Peskov said Kyiv was wrong to ..." is his).
        return None
    if (heard := _HEARSAY.search(clause)) and not _REPORTING_RE.search(clause[: heard.start()]):
        return None  # "The Finance Ministry is known to favour ...": what others take its stance to be
    if is_question(clause):
        # "What has the regulator suggested?", "Would Kosovo accept an association?": a question
        # takes no stance (a speaker's bare quotation asking one was read as his above).
        return None
    if _REPORTING_RE.search(clause):
        found, verb = _reporting_subject(clause, mentions)
        if found and verb and (actor := _acted(clause, parties, verb, found)):
            return actor  # the other side's proposal, told by this side's people
        if found:
            return None if _relayed(clause, parties, verb) else found
    if _CREDITED_QUOTE.search(clause):
        # A quotation credited to someone who is no party's: no party's words in it, and a stance
        # it tells is that person's reading ("Kyiv wants 'a just peace,' Ana Ruiz said"), as an
        # unquoted one is ("..., Sokolov noted").
        return None
    if _opens_with_pronoun(clause):
        # "He added that ...", but "Their offer stands, Kyiv said" is Kyiv's; "She settled a
        # dispute in 2022" (no word said, no stance taken) is background about her, and "She said
        # the council would vote on October 8" news.
        return previous if _verb(clause) and not _relayed(clause, parties) else None
    # "Ondara needs a debt deal", "Tarrant must pay what it owes", "The Greens must not sign": the
    # writer's demand, in a headline or in prose.
    if _PRESCRIBED.match(clause) and not _REPORTING_RE.search(clause):
        return None
    if _HISTORY.search(_MAIN_CLAUSE.split(clause, 1)[0]) and not _STANCE_NOW.search(clause):
        return None  # "Kosovo declared independence in 2008", "Donors pledged $9 billion in 2021": history
    if (
        (_GONE_BY.search(_MAIN_CLAUSE.split(_ASIDE.sub(" ", clause), 1)[0]) or _DATED_BEFORE.match(before))
        and not _STANCE_NOW.search(clause)
        and not _REPORTING_RE.search(clause)
        and not _REFUSED.search(clause)
    ):
        # "Grenmart, the largest grocer, agreed last September to buy Castell": an act gone by
        # (but "Last year, Zelensky declined an invitation, saying ..." said words then, and "Kyiv
        # rejected a similar proposal last year" is a refusal that stands).
        return None
    if found := _agent(clause, mentions) or _stance_subject(clause, mentions) or _own_terms(clause, mentions):
        return found
    if _OPENS_QUOTE.match(clause):
        return previous  # a quotation with no speaker of its own continues the last one's
    return None


# A party's own statement, declared in its headline or lead ("Local 17 statement on the offer",
# "The following is a statement from the Harbor Employers Council"): its "we" is that party; so
# are the "we" and the answers of an interview with one guest of that party.
_STATEMENT = re.compile(
    # The whole sentence declares it: "The following is a statement from X.", "Statement by X",
    # "Joint statement of X on the adjournment", "Communiqué of X".
    r"^\W*(?i:(?:the\s+following\s+is|this\s+is|below\s+is|here\s+is)\s+(?:a|the)\s+(?:full\s+)?"
    r"(?:text\s+of\s+(?:a|the)\s+)?)?(?i:(?:joint\s+)?(?:statement|communiqu[eé]|declaration)\s+"
    r"(?:from|by|of|issued\s+by)\s+(?:the\s+)?)(?P<by>[^.,;:]{2,80}?)\W*$"
    # A headline of a name and its statement: "Local 17 statement on the employers' offer".
    r"|^\W*(?P<own>(?:[A-Z][\w’'&.-]*\s+){0,4}(?:[A-Z][\w’'&.-]*|\d+))(?:[’']s)?\s+"
    r"(?i:(?:joint\s+)?statement\s+(?:on|about|after|over|regarding|in\s+response\s+to))\b"
    # A party's own newsletter, by its masthead: "Members' newsletter of Halvern Rovers FC | Issue
    # 212", "THE ALLIANCE BULLETIN - Members' newsletter of the Arvenland News Publishers Alliance".
    r"|^\W*(?:[^|–—]{2,40}(?:[|–—]|\s-)\s+)?(?i:(?:the\s+)?(?:(?:members|staff)[’']?\s+|official\s+)?"
    r"(?:newsletter|bulletin|magazine|journal)\s+(?:of|from)\s+(?:the\s+)?)(?P<organ>[^.|–—;:]{2,80}?)"
    r"\s*(?:(?:[|–—]|\s-\s).*)?$"
    # A statement that says who "we" are: "We, the ministers of the Pacific island states, make the
    # following statement." (not a quotation: a quoted "We, the people" is someone's speech).
    r"|^We,\s+(?P<we>[^,;:]{2,150}),"
    # An interview's one guest, whose answers ("A: No.") the article gives: "The following is an
    # edited transcript of an interview with Maria Delgado, president of Local 17."
    r"|^\W*(?i:(?:the\s+following\s+is\s+)?(?:an?\s+)?(?:edited\s+|full\s+)?(?:transcript\s+of\s+)?"
    r"(?:an?\s+|the\s+|our\s+)?interview\s+with\s+)(?P<guest>[^.;:]{2,200}?)\W*$"
)
# An interview's answer, in its guest's voice until the next question: "A: No. The offer does
# nothing about automation." ... "Q: What would it take?"
_ANSWER = re.compile(r"^\W*A:\s")
_WE = re.compile(r"^\W*(?:We|Our)\b")
# A statement is declared in the first sentences of its document: the headline and the lead.
LEAD_SENTENCES = 3


# A party's own newsletter or press release says who sends it in a line of nothing but its name:
# "Calderbridge Tenants' Union", "UNITED SCRIPTWRITERS GUILD | Message from your Negotiating
# Committee", "Ministry of Transport and Communications of the Republic of Halvenia" (a label after
# a bar or a dash aside). "The Lessamo Observer" is an outlet named for a capital, no sender.
_SENDER_LABEL = re.compile(r"\s*(?:[|–—]|\s-)\s.*$")
_NAME_GLUE = frozenset({"of", "the", "and", "for", "&"})


def _sender(line: str, parties: Parties) -> str | None:
    """The one party a line names and nothing else, once a label after a bar or dash is set aside."""
    name = _SENDER_LABEL.sub("", line)
    mentions = parties.mentions(name)
    if len({m.party for m in mentions}) != 1:
        return None
    rest = name
    for m in reversed(mentions):
        rest = rest[: m.start] + " " + rest[m.end :]
    return (
        None if any(w.lower() not in _NAME_GLUE for w in re.findall(r"[\w’'-]+", rest)) else mentions[0].party
    )


def declared_voice(sentence: str, parties: Parties) -> str | None:
    """The one party a sentence declares the article to be the statement of, if any: by saying so,
    or as the line naming who sends it."""
    if m := _STATEMENT.search(_body(sentence)):
        named = parties.named(
            m.group("by") or m.group("own") or m.group("organ") or m.group("we") or m.group("guest")
        )
        return named[0] if len(named) == 1 else None
    return _sender(sentence, parties)


def _answering(body: str, answering: bool) -> bool:
    """Whether a sentence (its body) is in an interview's answer, after one that was (`answering`)
    or was not: an "A:" opens an answer, a "Q:" ends it."""
    return bool(_ANSWER.match(body)) or (answering and not ASKED.match(body))


def in_answer(texts: list[str]) -> bool:
    """Whether the last of an article's sentences (given in order up to it) is in an interview's
    answer."""
    answering = False
    for text in texts:
        answering = _answering(_body(text), answering)
    return answering


def says_we(clause: str) -> bool:
    """Whether the clause speaks as a "we" ("We will not ...", "Our members ...")."""
    return bool(_WE.match(clause))


# A statement's thanks are no position: "We want to thank everyone who kept this camp alive"; nor
# is its word to its readers about itself: "We will keep you updated as the talks continue".
_THANKS = re.compile(
    r"^\W*We\s+(?:(?:also|again|would\s+like\s+to|want\s+to|wish\s+to)\s+)*(?:thank|owe\s+thanks|are\s+grateful)\b|"
    r"^\W*(?:[\w,’'-]+\s+){0,8}?we\s+(?:will|shall|'ll|’ll)\s+(?:(?:continue\s+to|also)\s+)?"
    r"(?:keep\s+(?:you|members|our\s+members)\s+(?:informed|updated|posted)|let\s+you\s+know|report\s+back|be\s+in\s+touch)\b",
    re.IGNORECASE,
)


# A statement's calendar is no position: "Our ballot opens on Monday, May 11 and closes at noon on
# Friday, May 22", "Our members' vote runs from June 8 to June 22".
_OUR_STEP = re.compile(
    r"^\W*Our\s+(?:[\w’'-]+\s+){0,3}?(?:ballot|vote|voting|meeting|congress|conference|referendum|assembly)\s+"
    r"(?:[^,.;]{0,40}?\s+)?(?:opens|closes|runs|starts|begins|ends|takes\s+place|is\s+held)\b",
    re.IGNORECASE,
)


def voiced(clause: str, voice: str | None) -> str | None:
    """The party of a statement (`voice`) when the clause speaks as its "we" ("We will not ..."),
    its thanks and its calendar aside."""
    if not voice or not says_we(clause) or _THANKS.match(clause) or _OUR_STEP.match(clause):
        return None
    return voice


class Thread:
    """The speaker carried from clause to clause through an article, so that "He added ..." or a
    bare quotation is read as the one before it; a new article starts with no one."""

    def __init__(self, parties: Parties) -> None:
        self.parties = parties
        self.doc_id: str | None = None
        self.last: str | None = None  # whom a pronoun in the next clause refers to
        self.other = False  # someone of no party spoke last
        self.terms = False  # the clauses before gave a deal's terms ("Under the deal, ...")
        self.asked: str | None = None  # whose position the clause before asked for ("What does X want?")
        self.proposed: str | None = None  # whose proposal's terms the clauses before gave
        self.it: str | None = None  # whom an "it" in the next clause refers to: the subject's party
        self.voice: str | None = None  # the party whose own statement the article is
        self.answering = False  # in an interview's answer, the guest's (the voice's)
        self.sentences = 0  # sentences of the article read so far

    def antecedent(self, clause: str) -> str | None:
        """Whom a pronoun opening the clause refers to: an "it" the last clause's subject ("The
        Commission has put two new proposals on the table, a Kestrian official told us. It now
        offers ..."), any other the last speaker."""
        body = _body(clause)
        return self.it if _IT.match(body[lead_end(body) :]) else self.last

    def read(self, doc_id: str, clause: str, headline: bool = False, before: str = "") -> str | None:
        """The party whose position the clause states, read after the clauses before it
        (`before`: the sentence's text before the clause)."""
        same, body = doc_id == self.doc_id, _body(clause)
        if not same:
            self.voice, self.sentences, self.answering = None, 0, False
        if not before:
            self.sentences += 1
            if self.voice is None and self.sentences <= LEAD_SENTENCES:
                self.voice = declared_voice(clause, self.parties)
        if same and self.other and _goes_on(body):
            # An analyst's next quotation or "She added ..." is still the analyst's, whatever
            # party the words name.
            said_by, other = None, True
        else:
            said_by = speaker(
                clause, self.parties, self.antecedent(clause) if same else None, headline, before
            )
            other = said_by is None and _credited_elsewhere(body, self.parties)
        # "Under the deal, the Fund will pay ... Corvane will refund ...": the terms go on, in the
        # future and in no one's voice, until someone speaks.
        terms = deal_terms(body) or (same and self.terms and _terms_go_on(body))
        if same and self.terms and terms:
            said_by = None
        # "..., the three sides finally agreed on the lease. The Ironjacks will sign a 30-year lease
        # ...": what the sides agreed is then listed, as its terms are.
        terms = terms or (said_by is None and bool(_SIDES_AGREED.search(body)))
        # "Under the mediator's proposal, the charge would rise to 3.70. Arrowline would get an
        # eight-year contract.": a proposal's terms go on, in its owner's voice, until someone speaks
        # or a source is credited ("By the union's count, that would cost ...").
        proposed = said_by if PROPOSAL_OF.match(before or clause) or _PROPOSES.search(body) else None
        if (
            same
            and self.proposed
            and said_by != self.proposed
            and _WOULD.search(body)
            and not _WOULD_RATHER.search(body)
            and _terms_go_on(body)
            and not reported(body)
            and not _ACCORDING_TO.match(body)
        ):
            said_by = proposed = self.proposed
        # "What does Kestmilk want?" "At least 47 cents a litre, a five-year contract ...": an
        # explainer's answer with no speaker of its own is the position asked for.
        if said_by is None and same and self.asked and not (_OPENS_QUOTE.match(body) or _CREDIT.match(body)):
            said_by = self.asked
        asked = _asked(body, self.parties, self.last if same else None)
        subject = _opening(body, _subjects(body, self.parties))
        # "The Kremlin has put two proposals on the table, a Ukrainian official told us. He added
        # ...": the proposal is the Kremlin's, the next "he" the official.
        carried = _teller(body, self.parties) or _carried(said_by, subject)
        if carried is None and same and _opens_with_pronoun(body):
            # "She said she would not 'negotiate from this podium'": no stance, but she is still
            # the one the next "she" means.
            carried = self.last
        # "We will not accept ...": in a party's own statement, its voice, unless someone else speaks.
        if said_by is None and not other:
            said_by = voiced(body, self.voice)
        # "A: They have said that for twenty years.": an interview's answer is its guest's, whoever
        # the answer names, up to the next question.
        if not before:
            self.answering = _answering(body, self.answering)
        if self.voice and self.answering:
            said_by = self.voice
        self.doc_id, self.other, self.terms, self.asked = doc_id, other, terms, asked
        self.proposed = proposed
        self.last = None if other else carried
        self.it = subject[0].party if subject and not _PRONOUN.match(body) else self.last
        return said_by


# An explainer's question for a side's position: "What does the union want?", "What has she
# proposed?", "What is Aurel offering?", "And the bank?", "What about Surana?".
_POSITION_QUESTION = re.compile(
    r"^\W*(?:What\s+(?:does|do|did|has|have|is|are)\s+(?P<who>.+?)\s+(?:now\s+)?(?:want|demand|propose[ds]?|"
    r"suggested|offer(?:ed|ing)?|asking\s+for|seek(?:ing)?|ask(?:ing)?\s+for)(?:\s+now|\s+instead)?|"
    r"And\s+(?P<and>[^,?]+)|"
    r"What\s+about\s+(?P<about>[^,?]+))\s*\?\W*$"
)


def _asked(body: str, parties: Parties, previous: str | None) -> str | None:
    """The party whose position the question asks for (a pronoun: the one spoken of before)."""
    if not (m := _POSITION_QUESTION.match(body)):
        return None
    who = m.group("who") or m.group("and") or m.group("about")
    if re.fullmatch(r"(?:he|she|it|they)", who):
        return previous
    named = parties.named(who)
    return named[0] if len(named) == 1 else None


# "“...”" with no speaker of its own, "“...,” she said", "He added that ...": the last speaker goes on.
_GOES_ON = re.compile(r"^\W*(?:(?:But|And)\s+)?(?:He|She)\s+(?:also\s+|\w+ly\s+)?" + _REPORTING + r"\b")


def _opens_with_pronoun(clause: str) -> bool:
    """Whether the clause's subject, after any leading phrase, is a pronoun ("Asked about the
    plant, he conceded ...")."""
    return bool(_PRONOUN.match(clause[lead_end(clause) :]))


def _goes_on(body: str) -> bool:
    """Whether the clause (its body) goes on in the last speaker's voice (a bare quotation, "She
    added ...")."""
    return bool(_GOES_ON.match(body) or (_OPENS_QUOTE.match(body) and not _CREDITED_QUOTE.search(body)))


# A proposal made: "proposes that the nations receive 12%", "tabled a plan".
_PROPOSES = re.compile(r"\b(?:propos(?:es|ed)|tabled|put forward|puts forward)\b")
# What a proposal would do; not a relative clause's "would" ("Kyiv counters with a venture that
# would leave Russia out" is Kyiv's counter, no term of the proposal before).
_WOULD = re.compile(r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )\bwould\b")
# ... but "Varnia would prefer a UN mission" is Varnia's own stance, no term of the proposal.
_WOULD_RATHER = re.compile(
    r"\bwould\s+(?:(?:also|rather|still|much)\s+)?(?:prefer|like|want|accept|reject|welcome|oppose|support|"
    r"agree|refuse|not)\b"
)
# What a deal's terms say the sides will do; said, quoted or in the past, a clause is no term.
_TERM = re.compile(r"\b(?:will|shall|would|is to|are to)\b")


def _terms_go_on(body: str) -> bool:
    """Whether the clause can go on listing a deal's terms: a future step, or a statement with
    no verb of saying or of a stance ("Bragovia guarantees 25 billion cubic metres a year"), in
    no one's voice but the text's."""
    voiced = _REPORTING_RE.search(body) and not _JOINT_TEXT.search(body)
    return bool(_TERM.search(body) or not _verb(body)) and not voiced and not re.search(r"[\"“”]", body)


# A clause whose subject is "it" or "its" (an institution, not a person).
_IT = re.compile(r"^\W*[Ii]ts?\b")


def _carried(said_by: str | None, subject: list[Mention]) -> str | None:
    """Whom a "he", "she" or bare quotation in the next clause refers to: the clause's speaker,
    else the party of its subject ("Carvenia's trade minister, 54, receives visitors ...");
    `subject`: the clause's mentions from its subject on (`_opening`)."""
    if said_by is not None:
        return said_by
    return subject[0].party if subject else None


def _closed_by_other(clause: str, parties: Parties) -> bool:
    """Whether a speaker of no party closes the clause ("..., Sokolov noted", "..., said Ana Ruiz")."""
    credit = _TRAILING_CREDIT.search(clause)
    return bool(credit) and not parties.named(credit.group(1) or credit.group(2))


def _credited_elsewhere(clause: str, parties: Parties) -> bool:
    """Whether the clause is credited to a speaker who is no party's ("'...,' said analyst Ana
    Ruiz", "..., Sokolov noted", "Hanne Ekdal, a health economist, said ...", "The plan is 'dead
    on arrival,' Ruiz said of the talks"); asked only of a clause that states no party's position."""
    if _closed_by_other(clause, parties):
        return True
    if (lead := _SPEAKER_FIRST.match(clause)) and not parties.mentions(lead.group("name")):
        return True
    return bool(_CREDITED_QUOTE.search(clause))


# A year gone by, in the main clause: what a party did then is history, not its position now
# ("raised its offer to 4.5% in 2027" names the year a rate is for).
_HISTORY = re.compile(r"(?<!%\s)(?<!percent\s)(?<!per cent\s)\b(?:in|since)\s+(?:19|20)\d\d\b")
# A refusal: it stands until it is withdrawn, however long ago it was made.
_REFUSED = re.compile(r"\b(?:rejected|refused|declined|opposed|ruled out|turned down|dismissed)\b")
_YEARS_AGO = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years?\s+ago"
# A time gone by, told from now: "last year", "last September", "two years ago".
_GONE_BY = re.compile(r"\blast\s+(?:year|" + MONTH + r")\b|\b" + _YEARS_AGO + r"\b")
# A sentence that opens in a time gone by dates the clauses joined to it: "That year Tessaly came
# within weeks of bankruptcy, and the union agreed to give up its COLA".
_DATED_BEFORE = re.compile(
    r"^\W*(?:(?:that|the\s+same|the\s+previous|the\s+following)\s+(?:year|month|spring|summer|autumn|fall|winter)|"
    r"(?:in|by)\s+(?:19|20)\d\d|last\s+year|" + _YEARS_AGO + r")\b",
    re.IGNORECASE,
)
# Where the main clause ends: "contributions that were cut in 2021" dates the cut, not the demand.
_MAIN_CLAUSE = re.compile(r",|\b(?:that|which|who|whose)\b")
# What a party wants, insists on or will do holds now, whatever year the clause names.
_STANCE_NOW = re.compile(r"\b(?:will|would|wants?|must|should|insists?|demands?)\b")
# A quotation and nothing else: "“The Fund has not engaged with it.”"
_BARE_QUOTE = re.compile(r"^\s*[\"“‘'].*[.!?,]?[”\"’'][.!?]?\s*$", re.DOTALL)
# "Hanne Ekdal, a health economist at Vessholm University, said ...": a named speaker opens the clause.
_SPEAKER_FIRST = re.compile(
    r"^\W*(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})"
    r"(?:,\s+[^,“”\"]{3,90},|\s+(?:of|at|from)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})?"
    r"\s+(?:also\s+)?(?:said|says|told|tells|added|adds|wrote|writes|argued|argues|warned|warns|noted|notes)\b"
)


def _subjects(clause: str, parties: Parties) -> list[Mention]:
    """The parties named in the clause that could be its subject: not "a source close to the
    union", "families in Kyiv" or "Ostravian farmers"."""
    return [
        m
        for m in parties.mentions(clause)
        if not _NOT_THE_PARTY.search(clause, _behind(m.start, _NEAR), m.start)
        and not _CIVILIANS.match(clause, m.end)
    ]


def _body(clause: str) -> str:
    """The clause without a live blog's time stamp or a wire's dateline ("MOSCOW, Dec 1 (Wire) - "):
    neither is the subject."""
    return DATELINE.sub("", TIME_STAMP.sub("", clause))  # both anchored at the start: one each


def _opening(clause: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions from the clause's subject on, when a party is the subject; else none."""
    start = lead_end(clause)
    opening = [
        m for m in mentions if m.start >= start and len(clause[start : m.start].split()) < _SUBJECT_WORDS
    ]
    if not opening:
        return []
    if _QUESTION.match(clause, start):
        return []  # "Whether Washington would agree remains unclear", "What does the EU want?"
    first, before = opening[0], clause[start : opening[0].start]
    if len(before.split()) > _SUBJECT_LEAD_WORDS:
        return []  # the party is deeper in: "no date for a Putin meeting has been announced"
    if _verb(before) or _CAUSED.search(before):
        # The party is an object: "Analysts expect the bloc to propose a standstill", "Monday's
        # deadline forced Tarrow to settle the back taxes".
        return []
    if _relative(before) or _WHERE.search(before):
        # The party is in a relative clause: "The agreement that Benedek signed ... is ...", "The
        # plant, where Moscow says 200 staff remain, lies ...".
        return []
    if _THING_OF.match(clause, first.end) or _OTHERS_OF.match(clause, first.end):
        return []  # the subject is the party's thing: "Varnia's figure would leave the delta short"
    if _joint(clause, opening) or _AGREED_WITH.match(clause, first.end):
        return []
    return opening


# A verb that makes its object act: what the object then does is no stance it took.
_CAUSED = re.compile(
    r"\b(?:forc|compell|pressur|press|push|oblig|persuad|convinc|dr[io]v|brought|bring|made|make)"
    r"(?:e|es|ed|s|ing)?\s+(?:the\s+)?$"
)


_LINKING = frozenset(
    ["has", "have", "had", "also", "later", "then", "again", "once", "previously", "still", "now"]
)


def _other_subject(gap: str) -> bool:
    """Whether a comma in the gap is followed by a subject of its own ("Moscow, officials said"),
    not just an adverb ("Andrii Sybiha, recently said")."""
    if "," not in gap:
        return False
    tail = gap.rsplit(",", 1)[1].split()
    return any(not (w.endswith("ly") or w.lower() in _LINKING) for w in tail)


# "Strevio and Keldria's news publishers agreed on Friday": a joint act, whoever the other is.
_AGREED_WITH = re.compile(
    r"\s+and\s+(?:[\w’'-]+\s+){1,5}?(?:have\s+|had\s+)?(?:agreed|reached|signed|struck|"
    r"concluded|initialled|settled)\b"
)


def _joint(clause: str, mentions: list[Mention]) -> bool:
    """Whether the first mentions name two parties joined by "and" (a joint subject): "Russia and
    Ukraine", or "Russian President Vladimir Putin and Zelensky" (one party named twice first)."""
    for before, after in itertools.pairwise(mentions):
        if after.party != before.party:
            # "Moscow, Kyiv's main foe, ..." names one subject and a thing of the other.
            # "..., and Estrelia's Tomas Ekwall": a party's person, not a thing of the party.
            return bool(_JOINT.match(clause[before.end : after.start])) and not (
                _POSSESSIVE_S.match(clause, after.end) and not _NAME_AFTER_S.match(clause, after.end)
            )
        if _TITLE_APPOSED.match(clause[before.end : after.start]):
            continue  # "Kavana's foreign minister, Joaquim Ardel, and ...": one subject named twice
        if not _named_again(clause, before, after):
            return False  # the same party named again further on, not one subject named twice
    return False


def _named_again(clause: str, first: Mention, then: Mention) -> bool:
    """Whether `then` names the subject `first` named, a title or name on ("Ukraine's President
    Volodymyr Zelenskyy"): the same party, close after, no verb between."""
    between = clause[first.end : then.start]
    return (
        then.party == first.party
        and (_gap_words(between) <= _SUBJECT_GAP_WORDS - 1 or bool(_TITLE_BEFORE_NAME.match(between)))
        and not _verb(between)
    )


def _verb(text: str) -> bool:
    return bool(_STANCE_RE.search(text) or _REPORTING_RE.search(text))


def _gap_words(text: str) -> int:
    return len(_ASIDE.sub(",", _ROLE_IN.sub(" ", text)).replace(",", " ").split())


# "A Chinese official involved in the talks said": what the speaker has to do with the talks
# is no part of the distance from the party's name to the verb.
_ROLE_IN = re.compile(
    r"\b(?:involved in|taking part in|present at|briefed on|speaking on condition of)\s+"
    r"(?:the\s+|a\s+)?[\w-]+|"
    # "A Kremlin official on the negotiating team said".
    r"\b(?:on|in)\s+(?:the|its|their)\s+(?:[\w-]+\s+)?(?:team|delegation|panel|committee)\b"
)


# A speaker named by a common noun, opening the clause: "A reporter", "Two diplomats", "the paper".
_COMMON_SPEAKER = re.compile(
    r"\W*(?:(?i:a|an|the|one|two|three|some|several|many|most|other)\s+)?(?:[a-z-]+\s+){0,2}[a-z-]+\s+"
)
# "..., the two governments and the Energy Community Secretariat said": a party that speaks with
# others (no verb between the comma and "and") speaks jointly.
_JOINED = re.compile(r"(?:^|,)\s*(?P<other>(?:[\w’'-]+\s+){1,4})and\s+(?:the\s+)?$")


def _coordinated_subject(clause: str, mentions: list[Mention], verb: re.Match[str]) -> str | None:
    """The clause's subject when the reporting verb is its second, after "and": "Medinsky met
    Umerov on Monday and said ..." is Medinsky speaking, not Umerov. Not past a clause of another
    subject: in "Lavrov spoke after Sybiha arrived and said ...", Sybiha may be the one."""
    opening = _opening(clause, mentions)
    # "Radu Vetterli, the union's chief negotiator, comes out and tells reporters": an aside
    # after the subject opens no clause.
    if not opening or _ANOTHER_CLAUSE.search(_ASIDE.sub(" ", clause[opening[0].end : verb.start()])):
        return None
    if _AND_ANOTHER.match(clause, opening[0].end):
        return None  # "Aardal and Hollander shake hands ... and say": two subjects, no one side
    return opening[0].party


_AND_ANOTHER = re.compile(r"\s+(?:and|or|nor|&)\s")
# What may open a clause of another subject, or set it off: a relative or a subordinate
# conjunction, a comma, a colon, a quotation.
_ANOTHER_CLAUSE = re.compile(
    r"[,;:“”\"]|\b(?:that|which|who|whose|while|when|after|before|as|because|since|until|if|unless)\b"
)


def _reporting_subject(clause: str, mentions: list[Mention]) -> tuple[str | None, re.Match[str] | None]:
    """The party named just before (or right after) the first reporting verb that has one, and
    that verb."""
    # A verb inside a leading condition ("If the authority insists on X, ...") is not the clause's.
    skip = lead_end(clause)
    mentions = [m for m in mentions if m.start >= skip]
    for n, verb in enumerate(_REPORTING_RE.finditer(clause, skip)):
        if re.search(r"\b(?:and|but|yet)\s+$", clause[: verb.start()]):
            if n:
                # "A NATO spokesperson says ... in Kosovo and urges ...": the first verb's subject speaks.
                continue
            if subject := _coordinated_subject(clause, mentions, verb):
                return subject, verb
            if not _opening(clause, mentions) and _verb(clause[skip : verb.start()]):
                # "Andrii Sybiha welcomed US monitoring but said ...": the subject is no party's
                # (none the profile knows), and what its first verb names does not speak.
                return None, None
        # "A reporter noted that Northlight had reported ...": the first verb's speaker is no
        # party, and what follows is reported by them.
        if (
            n == 0
            and _COMMON_SPEAKER.fullmatch(clause[skip : verb.start()])
            and not any(m.start < verb.start() for m in mentions)
        ):
            return None, None
        # "Lavrov, commenting on Western support for Kiev, warned": the aside is not the subject.
        aside = re.search(r",[^,]{1,100},\s*$", clause[: verb.start()])
        # "Iran's ambassador to the IAEA, Mohsen Jalali, said": a name set off as the aside speaks.
        named = [m for m in mentions if aside and aside.start() < m.start < aside.end()]
        if aside and named and clause[named[0].start : named[0].end] == aside.group().strip(" ,"):
            return named[0].party, verb
        until = aside.start() if aside else verb.start()
        before = [m for m in mentions if m.end <= until]
        if before and _IF_BEFORE.search(clause[: before[-1].start]):
            continue  # "... if Norvik adds two crowns": a verb in a condition reports nothing
        if before and _relative(clause[: before[-1].start]):
            continue  # "..., which Washington says set the programme back": not the clause's speaker
        if before and _WHERE.search(clause, 0, before[-1].start) and "," in clause[verb.end() :]:
            # "The burial ground, where the council says 200 are buried, lies 2 km from the pit": an
            # aside's speaker (but "..., where Peskov said the Kremlin would not move." is his news).
            continue
        while len(before) >= 2 and _PLACE_BEFORE.search(clause[: before[-1].start]):
            # "An Azerbaijani diplomat in Brussels said": Brussels is where he is; "a Russian
            # ambassador to the US in Washington": neither is whose he is.
            before = before[:-1]
        if before and _POSSESSED.match(clause, before[-1].end):
            continue  # "welcomed Aliyev's remarks and said": Aliyev is not the one who speaks
        if before:
            near = before[-1]
            joined = _JOINED.search(clause, 0, near.start)
            if _joint(clause, before[-2:]) or (
                joined
                and not _verb(joined.group("other"))
                and not any(joined.start("other") <= m.start < near.start for m in mentions)
            ):
                return None, None
            # "A Russian ambassador to the US in Washington said": the posting is the title's.
            gap = _POSTING.sub("", clause[near.end : verb.start()])
            if gap.strip() == "," and (opening := _opening(clause, mentions)) and opening[0] is not near:
                # "Bragovia Cuts Gas Flows Through Meravia, Accuses Drusk ...": a second verb of
                # the clause's subject, not of the party named last.
                return opening[0].party, verb
            # "a refinery near Moscow, officials said": a comma left after the asides ends the
            # clause the party was named in; the verb has another subject.
            other_clause = _other_subject(_ASIDE.sub(" ", gap))
            if (
                _gap_words(gap) <= _SUBJECT_GAP_WORDS
                and not _PASSIVE.search(gap)
                and not other_clause
                and not re.search(r"\bthat\b|[“”\"]", gap)
            ):
                return near.party, verb
        if _PRONOUN.match(clause):
            return None, None  # "She told reporters the Kremlin had not replied": she is the speaker
        # "“...,” said Peskov" / "said Kremlin spokesman Dmitry Peskov".
        after = [m for m in mentions if m.start >= verb.end()]
        if (
            after
            and len(clause[verb.end() : after[0].start].split()) <= 4
            # "said a senior adviser to Zelensky", not "says it will free 300 Russian soldiers"
            and not _CLAUSE_AFTER.search(clause[verb.end() : after[0].start])
            # "said Farah Nasseri, an Iran analyst": the first name after the verb is the speaker's
            and not _CAPITALISED.search(clause[verb.end() : after[0].start])
            # "said an analyst who studies the Kremlin": the party is what the speaker studies
            and not _RELATIVE_WORD.search(clause[verb.end() : after[0].start])
            and _quoted_before(clause, verb.start())
        ):
            return after[0].party, verb
    return None, None


# A relative clause opening: what follows tells of the one named before it.
_RELATIVE_WORD = re.compile(r"\b(?:who|whom|whose|which|what)\b")
_AGAINST = re.compile(r"\b(?:against|versus|vs)\b", re.IGNORECASE)
# A thing named right before a title, the person's clause on it to follow: ", a demand", ", an
# idea" (then the title's first words, which may name the person's side: "Kremlin aide").
_THING_BEFORE = re.compile(
    r",\s+(?:a|an|the|this|that)\s+(?:[\w-]+\s+)?(?:demand|proposal|plan|idea|offer|move|claim|step|"
    r"condition|request|suggestion|position|option|concession|threat|promise|figure)"
    r"(?P<title>(?:\s+(?-i:[A-Z])[\w-]*){0,3})\s*$",
    re.IGNORECASE,
)
# Words after a verb that open what was said, not who said it: a pronoun, a modal, "that".
_CLAUSE_AFTER = re.compile(
    r"\b(?:it|he|she|they|we|I|will|would|could|can|must|that|is|are|was|were|has|have)\b"
)
# What a speaker said, after the verb: "told reporters (that) ...", "said (that) ...".
_SAID_TO = re.compile(r"^\s*(?:(?:reporters|journalists|us|members|the\s+(?:press|media))\b\s*)?(?:that\s+)?")
_TOLD_NAME = re.compile(r"^\s*(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}\s+(?:that\s+)?")
# What follows a closing credit's verb: nothing, where or when it was said, or to whom by name
# ("told Varenne Today").
_CREDIT_TAIL = re.compile(
    r"\W*$|\s*(?:at|in|on|after|before|during|outside|from|late|early|earlier|later|yesterday|today|"
    r"tonight|as|when|while)\b|\s*(?:[A-Z][\w.’'-]*\s*){1,4}\W*$"
)
# A closing credit: "..., Dassel told reporters.", "..., the mediator's office says."
_CLOSING_CREDIT = re.compile(r"^(?P<said>.*?)[,”\"’']+\s*(?:[^,]{0,60})$")
# What both sides did or will do, the talks themselves, or both of what they are about.
_BOTH = re.compile(
    r"^\W*(?:both\s+(?:sides|delegations|parties|teams|governments|questions|issues)|"
    r"the\s+(?:two\s+|three\s+)?(?:sides|delegations|parties|negotiating\s+teams)|the\s+(?:two|three)\s+teams|"
    r"(?:the\s+)?(?:talks|negotiations)|"
    # "Neither side moved on charges": what neither did is the talks' too.
    r"neither\s+(?:side|party|delegation|team)|"
    # "both had agreed not to ...": the pronoun, as the subject of a verb.
    r"both(?=\s+(?:had|have|will|would|were|are|also|agreed)\b))\b(?![’'])",
    re.IGNORECASE,
)
# What both agreed not to do, or did not agree on: "both had agreed not to discuss the talks in
# public", "The two sides did not agree on amnesty" (news of the talks, for all its "not").
_AGREED_NOT = re.compile(
    r"\s+(?:(?:had\s+|have\s+|has\s+)?(?:also\s+)?agreed\s+not\s+to|"
    r"(?:did|do|have|had|could|can)\s*(?:not|n['’]t)\s+(?:yet\s+)?(?:agree|reach|settle|resolve)|"
    r"failed\s+to\s+(?:agree|reach|settle|resolve))\b"
)
# An act of the talks, done or to come: "had agreed to meet daily", "initialled a framework
# agreement", "will come back on April 20".
_DONE = re.compile(
    r"[^,]{0,40}?\s(?:(?:had|have|has|will|would|were|was|are|is)\s+)?(?:also\s+|then\s+|just\s+)?(?:agreed|"
    r"reached|settled|signed|discuss(?:ed|ing)?|"
    r"initiall?ed|closed|provisionally\s+closed|concluded|met|meet|resumed?|returned|return|come\s+back|"
    r"continue|reconvene|worked|be\s+taken\s+up|be\s+held|exchanged?|arrived|moved|budged)\b"
)
# Said to the speaker's side: what its own side must, should or will not do is its stance.
_PRESCRIPTION = re.compile(r"\b(?:must|should|ought|need(?:s|ed)?\s+to|ha(?:ve|s|d)\s+to)\b")
# A step on the calendar with "will": "the council would vote on the money on October 8".
_STEP = re.compile(
    r"^(?P<who>[^,]{1,80}?)\s+(?:will|would)\s+(?:then\s+|also\s+)?(?:vote\s+on|meet|reconvene|resume|"
    r"return|come\s+back|continue|be\s+taken\s+up|be\s+held|go\s+(?:to|before)|announce|"
    # "would put the issue to the union's ministers when they meet on March 22".
    r"put\s+(?:[\w’'-]+\s+){1,4}?to)\b"
    # The talks' own steps, whatever the verb: "the next round of consultations will take place in
    # Riyadh on December 9", "Before that, experts from both sides are to meet in Abu Dhabi on
    # November 25", "The delegations are due back in Riyadh on December 9" (a party's own "would
    # start accepting insurance policies from February" is its stance).
    r"|^(?:(?:before|after)\s+that,\s+|meanwhile,\s+)?(?P<talks>(?:the\s+)?(?:(?:next|new|first|second|third|"
    r"fourth|fifth|final|last)\s+)?(?:round|talks|negotiations|consultations|session|meeting)\b[^,]{0,40}?|"
    r"(?:both\s+|the\s+(?:two\s+)?)(?:sides|delegations|negotiators|teams)|[^,]{1,40}?\bfrom\s+both\s+sides)"
    # "The next round opens at Corvin House on Monday, November 30", "the round would end on Friday".
    r"\s+(?:(?:will|would)\s+(?:take\s+place|open|begin|start|end|close|conclude)|"
    r"(?:opens|begins|starts|resumes|reconvenes|ends|closes|takes\s+place)|(?:is|are|was|were)\s+(?:to|due\s+to|"
    r"scheduled\s+to|set\s+to)\s+(?:meet|reconvene|resume|return|open|begin|start|take\s+place)|"
    r"(?:is|are|was|were)\s+due\s+back)\b",
    re.IGNORECASE,
)
# A thing named by a participle: "the strike planned for Tuesday", "the deal signed on Monday".
_NAMED_BY_PARTICIPLE = re.compile(
    r"\b(?:the|a|an|its|their)\s+[\w-]+\s+(?:planned|scheduled|proposed|offered|agreed|signed|"
    r"accepted|rejected|backed|extended)(?=\s+(?:for|by|on|in|at|last|this|earlier)\b)"
)
# What a thing is worth or costs: "is worth about 4.1 billion crowns", "would cost 560 million".
_COSTS = re.compile(r"\b(?:(?:is|are|was|were|would\s+be)\s+worth|costs(?!\s+of)|would\s+cost)\b")
# A live blog's label before the news: "BREAKING: The two sides have reached ...".
_LABEL = re.compile(r"^\W*[A-Z]{4,}:\s+")
# What was said opens on a figure: "about 60% of affected sections were being covered".
_FIGURE = re.compile(
    r"^\W*(?:(?:about|some|nearly|almost|over|more\s+than|fewer\s+than|less\s+than|at\s+least|only|just)\s+)?"
    r"[$€£]?\d"
)
# A figure told as a fact has a verb of its own ("were covered", "joined"); a bare one is what the
# speaker proposes or claims ("suggested 76", "the OLM says 12,000").
_TOLD = re.compile(r"\b(?:is|are|was|were|has|have|had|been|\w+ed)\b")
# ... but not a sum the party values: "180 million is its last word", "43.5 cents is all it is worth".
_SUM_JUDGED = re.compile(
    r"^[^,]{0,40}?\b(?:is|are|was|were)\s+(?:not\s+)?(?:its|their|his|her|our|all|the|a|an|enough|too|fair|final)\b"
)
# A party's own accounts, reported: "Linden Regional reported an operating margin of 3.1%", "The
# company reported a loss of €410 million last year" (what it earned, not what it wants).
_ACCOUNTS = re.compile(
    r"\W*(?:an?|its|their)\s+(?:[\w-]+\s+){0,2}?(?:loss|profit|margin|revenue|deficit|surplus|sales|"
    r"earnings|income|turnover)s?\b"
)
# "May" is a month only after a preposition ("in May"); FACT_TOKEN leaves it out as a modal.
_IN_MAY = re.compile(r"\b(?:in|by|from|until|since|on)\s+(?:early\s+|late\s+|mid-)?May\b")
# "warned both sides that ...", "has told both governments that ...": what is said follows "that".
_TOLD_THAT = re.compile(r"^[^,“\"]{0,60}?\bthat\s+")
# Single quotation marks, as British style writes a quotation ('engaged seriously').
_SINGLE_QUOTED = re.compile(r"(?<!\w)'[^']{2,}'(?!\w)")


# A deal said to exist: "there is a deal on pay", "there is now an agreement in principle".
_DEAL_EXISTS = re.compile(
    r"\W*there\s+(?:is|are|was)\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:deal|agreement|accord)s?\b"
    # "Deal reached on three of the five issues, Deputy Mayor Rosa Quintel tells reporters".
    r"|\W*(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:deal|agreement|accord)s?\s+(?:has\s+been\s+|have\s+been\s+|"
    r"was\s+|were\s+)?(?:reached|struck|sealed|clinched)\b"
    # "A council source tells the Courier the water cap is settled at 350 cubic metres".
    r"|\W*the\s+(?:[\w-]+\s+){1,3}(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?settled\b",
    re.IGNORECASE,
)
# "has said little in public", "said nothing about the plant" (but "nothing would change" is said).
_SAID_NOTHING = re.compile(
    r"\W*(?:very\s+)?(?:little|nothing)\b(?!\s+(?:would|will|is|was|has|had|can|could|should|must|"
    r"remains?|changes?|changed)\b)"
)


def _said(clause: str, verb: re.Match[str]) -> str:
    """What the reporting verb at `verb` reports, less whom it was told to."""
    after = clause[verb.end() :]
    stripped = _SAID_TO.sub("", after, count=1)
    if stripped == after.lstrip() and verb.group() in ("told", "tells"):
        # "tells the Courier the water cap is settled ...": an outlet or a person told, by name.
        stripped = _TOLD_NAME.sub("", after, count=1)
    after = stripped
    # "..., Dassel told reporters in the courtyard.": the credit closes the clause; what was said
    # comes before it. "said on Tuesday that ..." says it after.
    tail = _CREDIT_TAIL.match(after) and not re.search(r"\bthat\b", after)
    closing = _CLOSING_CREDIT.match(clause[: verb.start()]) if tail else None
    said = _LABEL.sub("", _body(closing.group("said") if closing else after))
    if (that := _TOLD_THAT.match(said)) and not _verb(that.group()):
        said = said[that.end() :]
    return said


# A negotiating act done, told by another party's people: "the American side has floated a 'free
# economic zone'", "The Commission has put two new proposals on the table".
_ACT = re.compile(
    r"(?:[’']s)?(?:\s+(?:side|delegation|team|government|negotiators|mediators?))?\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:also\s+|now\s+|already\s+)?(?:floated|tabled|proposed|offered|put\s+forward|presented|submitted|"
    r"put\s+(?:[\w’'-]+\s+){1,4}?on\s+the\s+table|" + _MOVE + r"|"
    # "The studios have lowered the viewing threshold", "Caldora's negotiators have accepted that
    # condition": a move or an acceptance told by the other side's people.
    r"accepted|(?:raised|lowered|cut|dropped|withdrawn|withdrew)\s+(?:the|its|their)\b)\b"
)

# A charge, not an act told: a motive ascribed, or no act ("had not offered", "offered nothing").
_MOTIVE = re.compile(r"\b(?:only|just|merely|simply)\s+to\b|\bin\s+order\s+to\b", re.I)
_OBJECT = 12  # characters after the act that its object starts within
_AND_THAT = re.compile(r"\band\s+that\b")


def _acted(clause: str, parties: Parties, verb: re.Match[str], speaker: str) -> str | None:
    """The party another party's speaker reports to have made a proposal or an offer, whose
    position the clause states; None when what is reported is no such act of another party.
    What is told may come after the verb or before it ("X has scaled back its demand, Y confirms:
    ...")."""
    closing = _CLOSING_CREDIT.match(clause[: verb.start()])
    for said in (_said(clause, verb), closing.group("said") if closing else ""):
        mentions = parties.mentions(said)
        if not mentions or mentions[0].party == speaker or _gap_words(said[: mentions[0].start]) > 1:
            continue
        act = _ACT.match(said, mentions[0].end)
        if act is None or _MOTIVE.search(said) or NEGATION.search(said, act.start(), act.end() + _OBJECT):
            return None  # "Kyiv had offered nothing", "proposed a freeze only to rearm": the teller's charge
        if _AND_THAT.search(said, act.end()):
            return None  # "... had proposed Miami and that Ukraine had agreed": the teller's own answer too
        return mentions[0].party
    return None


def _teller(clause: str, parties: Parties) -> str | None:
    """The party whose people tell the clause ("Kyiv will return on March 9, Peskov said"): the
    one the next "he" means, whosever act or stance the clause states; None when no party's
    people tell it."""
    if not _REPORTING_RE.search(clause):
        return None
    return _reporting_subject(clause, parties.mentions(clause))[0]


def _relayed(clause: str, parties: Parties, verb: re.Match[str] | None = None) -> bool:
    """Whether what a party's speaker is reported to say is news of the talks, not the party's
    stance: what both sides did or will do ("Varro said both sides had agreed to meet daily"), a
    step on the calendar, dated and unconditional ("She said the council would vote on October 8"),
    a figure, or news confirmed ("Dunmore confirms the partial agreement"). `verb` is the reporting
    verb the speaker was found by; without it, the clause's first."""
    verb = verb or _REPORTING_RE.search(clause)
    if verb is None:
        return False
    # "said the two teams would meet again on May 14, and that both had agreed not to ...": each
    # thing reported is news, or the whole is a stance.
    return all(_news(said.strip(), parties, verb) for said in _AND_THAT.split(_said(clause, verb)))


def _news(said: str, parties: Parties, verb: re.Match[str]) -> bool:
    """Whether one thing a party's speaker is reported to say (`said`, by `verb`) is news of the
    talks, not the party's stance (see _relayed)."""
    if not re.search(r"\w", said) or _SAID_NOTHING.match(said):
        return True  # "The minister has issued a statement.", "has said little": nothing said yet
    if _DEAL_EXISTS.match(said):
        return True  # "steps out to say there is a deal on pay": news of the talks
    if (both := _BOTH.match(said)) and _AGREED_NOT.match(said, both.end()):
        return True  # what both agreed not to do, or did not agree on: an act of the talks
    if (
        _PRESCRIPTION.search(said)
        or _STANCE_CONDITION.search(said)
        or _QUOTATION.search(said)
        or _SINGLE_QUOTED.search(said)
    ):
        return False  # what they must do, on a condition, or in the speaker's own words, is a stance
    step = _STEP.match(said)
    dated = FACT_TOKEN.search(said) or _IN_MAY.search(said)
    if step and not _verb(step.group("who") or step.group("talks")) and dated:
        return True  # a step on the calendar, confirmed or told
    if verb.group().startswith("confirm"):
        # News confirmed, unless what is confirmed is a stance ("the strike planned for Tuesday"
        # names a thing by a stance word, and takes none).
        return not _STANCE_RE.search(_NAMED_BY_PARTICIPLE.sub("", said))
    # "Velloso and Oristan initialled ...": two parties' people as the subject of what was said.
    mentions = parties.mentions(said)
    joint = bool(mentions) and _gap_words(said[: mentions[0].start]) <= 1 and _joint(said, mentions)
    if both or joint:
        # What they did or will do, not how the speaker sees the talks ("were constructive").
        return bool(_DONE.match(said, both.end() if both else mentions[1].end))
    # "about 60% of the classes were covered", "the new share is worth 4.1 billion crowns": the
    # party as the source of a figure, not of a count of who takes a stance ("72% of Ukrainians
    # opposed the plan") nor of a sum it values ("180 million is its last word").
    figure = (
        (_FIGURE.match(said) and _TOLD.search(said))
        or (_COSTS.search(said) and FACT_TOKEN.search(said))
        or (_ACCOUNTS.match(said) and FACT_TOKEN.search(said))
    )
    return bool(figure and not _SUM_JUDGED.match(said) and not _STANCE_RE.search(_COSTS.sub("", said)))


def _writers_voice(before: str) -> bool:
    """Whether the sentence before the clause speaks as "we", "our" or "us" outside quotation
    marks, and leaves no quotation open (inside one, "our" is the speaker's)."""
    unquoted = _QUOTATION.sub("", before)
    return bool(_OURS.search(unquoted)) and not re.search(r"[“\"]", unquoted)


def _addressed(clause: str) -> bool:
    """Whether the clause speaks to someone it names first ("Martin, Kembara's president says
    she'll revoke your concession"), not of them ("Zelensky, speaking in Kyiv, told reporters
    your land is not for sale": the name and an aside, then his verb)."""
    if not (m := _ADDRESSED.match(clause)):
        return False
    said = _REPORTING_RE.search(m.group())
    return not (said and re.search(r",\s*$", clause[: said.start()]))


def _relative(text: str) -> bool:
    """Whether text ends opening a relative clause ("the plan that", "which"), not reported speech
    ("reports that Zelenskyy said" is Zelenskyy's)."""
    m = _RELATIVE_BEFORE.search(text)
    if m is None:
        return False
    return not (
        m.group().lower().startswith("that") and _REPORTING_RE.search(text[: m.start()].rstrip()[-30:])
    )


def _quoted_before(clause: str, at: int) -> bool:
    return bool(re.search(r"[”\"’']\s*,?\s*$", clause[:at]))


def _agent(clause: str, mentions: list[Mention]) -> str | None:
    """The party that takes a stance in the passive: "The offer was dismissed by Iran's minister"."""
    agent = _BY_AGENT.search(clause)
    after = [m for m in mentions if agent and m.start >= agent.end()]
    # "by Iran's minister", "by the Kremlin", "by the new Ukrainian government".
    if agent and after and _gap_words(clause[agent.end() : after[0].start]) <= 2:
        return after[0].party
    return None


# What the writer judges a side would be wise or right to do, not what the side says it would do.
_ADVISED = re.compile(
    r"\s+(?:(?:not|also)\s+)?"
    r"(?:be\s+(?:wise|unwise|well advised|ill advised|foolish|mistaken|right|wrong)|do\s+well)\b"
)


# "Kestrel at 5.9% from July 1.", "The union is still at 12 months": where a side stands, told
# by its figure, verb or none (not a time: "Russia at 10:00 launched drones").
_STANDS_AT = re.compile(
    r"\s+(?:(?:is|was|remains|stays|stood|stands)\s+)?(?:still\s+|now\s+)?at\s+(?:up\s+to\s+|about\s+|"
    r"around\s+|least\s+)?(?:(?!\d{1,2}[:.]\d\d\b)\S*\d|" + NUMBER_WORD + r"\b)"
)
_NAMING = frozenset(
    {"planned", "threatened", "expected", "hoped", "signed", "approved", "backed", "supported"}
)
_POSSESSED_ADJECTIVE = re.compile(r"[’']s\s+(?:(?:new|latest|long|much|oft|once|first|last)[\s-]+)?")


def _stance_subject(clause: str, mentions: list[Mention]) -> str | None:
    """The party that is the clause's subject, when a stance verb follows it closely."""
    opening = _opening(clause, mentions)
    if not opening:
        return None
    first = opening[0]
    for m in opening[1:]:
        if not _named_again(clause, first, m):
            break
        first = m
    if _STANDS_AT.match(clause, first.end):
        return first.party
    verb = _STANCE_RE.search(clause, first.end)
    if verb and _POSSESSED_ADJECTIVE.fullmatch(clause, first.end, verb.start()) and verb.group() in _NAMING:
        # "The league's planned winter cup is shelved": a participle before the party's noun names
        # the party's thing, the clause's subject, whose verbs are no stance of the party (but
        # "Brenner's proposed cap" is his proposal).
        return None
    # "Orsby's contract, signed in 2015, expires ...": a participle's aside, the first after the
    # subject, holds no verb of the subject when the subject's own verb follows it.
    aside = _PARTICIPLE_ASIDE.search(clause, first.end)
    if (
        aside
        and verb
        and aside.start() < verb.start() < aside.end()
        and _FINITE_NEXT.match(clause, aside.end())
    ):
        verb = _STANCE_RE.search(clause, aside.end())
    # "Talvaria, which refused any payment at the start, has offered a fund": a relative aside
    # right after the subject tells what it did before; its own verb follows the aside.
    if verb and (which := _WHICH_ASIDE.match(clause, first.end)) and verb.start() < which.end():
        verb = _STANCE_RE.search(clause, which.end())
    if verb is not None and _scheduled(clause, verb, clause[first.end : verb.start()]):
        verb = None
    if verb is None:
        verb = _REPORTING_RE.search(clause, first.end)
    if verb is None or verb.group() == "must":
        return None  # "The club must leave the stadium": an obligation stated by the writer
    if verb.group() == "would" and _ADVISED.match(clause, verb.end()):
        return None  # "Corvane would be wise not to let the deadline pass": the writer's advice
    gap = clause[first.end : verb.start()]
    passive = re.search(r"\b(?:been|be|being)\b", gap) or _PASSIVE.search(gap) or _MADE_TO.fullmatch(gap)
    if re.search(r"\b(?:he|she|they|we|I)\b", gap) or any(
        _REPORTING_RE.search(a.group()) and not _WHICH_ASIDE.match(a.group()) for a in _ASIDE.finditer(gap)
    ):
        # "Yerevan, he said, is sacrificing ...", "The committee, the official says, wants ...":
        # the one in the aside speaks, of the subject (but in "The union, which says it has 5,600
        # members, wants rents frozen" the subject itself says it).
        return None
    if re.search(r"\b(?:should|ought to)\b", gap):
        return None  # "Washington should accept ...": what the writer would have it do
    if (
        _gap_words(gap) <= _SUBJECT_GAP_WORDS
        and not passive
        and not re.search(r"\b(?:that|which|who|what)\b", _ASIDE.sub(",", gap))
    ):
        return first.party
    return None


# "Tarrow's unconditional offer is still 4.5 percent", "The ministry's final offer is an 8% rise":
# what a side's own offer is, told plainly, is its position.
_OFFER_IS = re.compile(
    r"[’']s\s+(?:[\w-]+\s+){0,2}(?:offer|counter-?offer|demand|position|proposal|bid|answer|last\s+word|"
    r"bottom\s+line)\s+(?:is|was|remains|stands\s+at|stays)\b"
    # What it is: a figure, or what it would do ("to hand ... courts off-duty cases", "that we leave
    # the slot"); not a verdict on it ("is more than generous", "is conditional too").
    r"(?=[^.;]{0,40}\d|\s+(?:still\s+|now\s+)?(?:to|that)\b)"
)


def _own_terms(clause: str, mentions: list[Mention]) -> str | None:
    """The party whose own offer or demand the clause's subject is, told as what it is."""
    start = lead_end(clause)
    first = next((m for m in mentions if m.start >= start), None)
    if first is None or clause[start : first.start].strip().lower() not in ("", "the"):
        return None
    return first.party if _OFFER_IS.match(clause, first.end) else None


def _scheduled(clause: str, verb: re.Match[str], gap: str) -> bool:
    """Whether a bare "will"/"would" takes no stance: a "will" right after its subject (`gap`: the
    words between) with no condition is a step or a deal's term ("Carrovo will put 4 million crowns
    into a fund"), either one puts a step on the calendar ("will vote on April 27"), and so does a
    dated plan ("plans to publish the package from 6 to 13 April")."""
    # A condition limits its own clause: "..., and it will not be binding" limits nothing before.
    end = m.start() if (m := _NEXT_CLAUSE.search(clause, verb.end())) else len(clause)
    if _STANCE_CONDITION.search(clause, verb.end(), end):
        return False
    if verb.group() == "will" and _gap_words(gap) <= 2:
        return True
    if verb.group() in ("plans", "planned", "intends", "intended"):
        # "The KCA then plans to publish the package from 6 to 13 April": a dated step.
        to = _TO.match(clause, verb.end())
        return bool(to and _SCHEDULED.match(clause, to.end()) and FACT_TOKEN.search(clause, to.end()))
    return verb.group() in ("will", "would") and _SCHEDULED.match(clause, verb.end()) is not None
