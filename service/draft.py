"""Draft: a topic profile proposed from the articles themselves, statistically, with no model.

`brief topic draft` and a request that no profile fits use it; the draft is for a person to
review and edit (`profile_yaml` writes it as commented YAML). Nothing here names any topic: the
only word lists are generic English (function words, titles, the nouns institutions and news
outlets are named with, the vocabulary every negotiation shares) and the world's countries
(`service.countries`). Examples in comments are made up.

The method, step by step:

1. **Sentences.** The articles are cut into sentences (`segment`); near-duplicate sentences (one
   wire story run by two outlets) count once (`dedupe`), and lines that cannot state a fact
   (bylines, link lists, sub-headlines) are skipped (`is_fragment`).
2. **Names.** Runs of capitalised words, with "of"/"for" (and "and" after an "of", or between
   a word or two and a body's name: "Harbour and Ferry Workers' Union"; never "and the", which
   joins two names) inside ("Ministry of Trade and Industry"), a plural's apostrophe ("Pilots'
   Union"), a common word's possessive before a body's noun, one or two words on ("People's Party",
   "People's Civic Alliance") and a short number after ("Local 9"). A
   possessive or a title ends a run ("Ostland's Ministry", "Ostlandic President Ana Ruiz"; a title
   word before a body's noun is part of its name: "Vessmark Premier League"), and
   so does "of" after a person's two names ("Lena Ortiz of the Rural Party"); the words that only
   qualify a title ("Trade Minister") name no one, nor does a sum with its currency's code
   ("EUR35.25"). At the start of a sentence a word the
   articles also write in lower case, or a function word, starts no name; a Title Case headline
   is skipped. Names in datelines and credit lines are marked (a wire lead's names after its
   dateline's dash are news, not credit, and its first word there opens the sentence).
3. **People.** A name the text ties to a title or an affiliation (the patterns of
   `service.attribute`: "Trade Minister Ana Ruiz", "X, a spokesman for Y", "Y's delegation was
   headed by Z", and "X, director of Y"; the titles and the words that qualify them are no part
   of the name: "Deputy Foreign Minister Ana Ruiz"), a name next to a verb of saying ("said Lena
   Ortiz", not "told City Radio": whom one tells is the listener) that opens no longer name
   ("Linden Regional said" is Linden Regional Health's), and a two- or three-word name whose last
   word also stands alone ("Lena Ortiz" ... "Ortiz said") is a person, unless its first word
   stands alone as a place or often ("Calderport Athletic said" ... "in Calderport": a place's
   club), or its last word is a country by its demonym ("Radio Ostland"), a body by "the" ("the
   Greens"; "the Free Liberals" make "Free Liberal" no person) or a building's ("the Aldermoor
   Hotel"), or the articles give it people of its own
   ("Aldmoor Grid's Bernard Kittle"). People are never parties: each becomes an alias of the
   party the text ties them to (full name and surname); nor is a transcript's speaker label
   ("QUIST:").
4. **Actors.** The other names, less news outlets (a press noun in the name, unless a body's
   noun heads it: "News Publishers' Alliance", "Alliance of Film and Television Studios" are
   parties; or used as a source:
   "told City Radio", "the news agency NTA reported"), places (mostly after "in", "at", "from"...),
   portfolios (only ever before a title) and common words. Variants are merged: a name inside one
   longer name ("Nurses Union" in "Riverside Nurses Union"), an acronym of its initials ("RNU"), a
   word opening or closing one longer name that is no country nor a dateline's city and that two
   articles or more give, or the only one ("Corvane" for "Corvane Therapeutics"; not "Kestmilk
   Meadow", a brand named once), the word after the place a club or company is named for
   ("Rovers" of "Halvern Rovers FC"), a country's or a province's "Government of", "Republic of" or
   "Province of" ("Government of Ostland", "Government of the Republic of Ostland", "Federal
   Republic of Ostland" -> "Ostland"), a body's name less its noun as a plural for its members
   ("the Free Liberals" of the Free Liberal Party), a demonym sharing the stem of a one-word
   name ("Ostlandic" -> "Ostland"; a "-land" less its ending: "Brennish" -> "Brennland"), a
   capital the text calls one ("Pravo, the Ostlandic capital"), a dateline's capitals ("PRAVO"),
   and an institution in an actor's possessive
   ("Ostland's Ministry of Trade and Industry"), and a company's board ("Board of Corvane
   Signalling"; "the board" then the company's too). An acronym's initials may open a hyphenated
   word's parts ("KMI": Koehl-Marant Industries), and a company's noun ("Industries", "plc") makes
   a name a body, not a place, however often things come "from" it. A longer name that adds an
   institution's noun is another body named for the actor ("Calderport Athletic Supporters'
   Trust"), never its variant. A real country's other names (`service.countries`: its capital,
   seat of government, demonym and official spellings) are that country, named as the country,
   when the articles also name it another way; the ones the articles use become its aliases.
5. **Short forms.** A word (or two) of an actor's name that the articles use, lower-cased, after
   "the" as the subject of a stance verb ("the union said", "the trust has offered"), and that is
   a body's noun, the name's head or a plural (not "the airline" of an airline pilots' union), and
   no word of another actor's name (unless that one is named in passing, or only it sits at the
   table: step 6), becomes an alias; so
   does the agent of the work its name names ("the regulator" of the Rail Regulation Authority,
   "the mediator" of a Mediation Service), and a role the text gives that actor's people only
   ("the mediator"). A body named in lower case ("the company said", "the bondholders' committee
   wants") is the actor the articles name it as the body of, twice or more and of no other ("the
   board of the Halvermont Symphony Orchestra Association", "Tarrow's board", "the Tarrow
   board"); else the actor most often named just before it, if that is no country nor a body of
   another kind by its name ("the league" is not the "Players Association"); if a country is, it
   is a party of its own, named by its phrase. A dateline's city is a place, not an actor, unless
   it is a real country's capital, or the articles name it as a town that negotiates ("the city of
   Port Halvern", then "the city has offered"): then "the city" and its "mayor" are its aliases;
   so is a province that negotiates ("the province of Upper Tamarac", "the Northmere provincial
   government"), with its "premier" (and "provincial government", where the articles say it). A
   masthead in capitals ("TANAKWE NATION COUNCIL - MEMBERS' BULLETIN") is no dateline's city.
   With no country's government named, "the government" that acts is the one ministry among the
   actors; a ministry's minister goes by its portfolio ("Economy and Industry Minister Ingrid
   Saltvik"), unless the articles name the government of a country it is not named for ("Culture
   Minister Henrik Solvang" is the Velsland Ministry of Culture's beside "Velsland's government");
   "the federal (central, national) government" that acts with no country named is a party of
   its own ("Federal government"). People named in lower case by what they are (a plural agent or
   collective noun: "the herders want", "the clan leaders reject"), the subject of stances three
   times in two articles or more, are the actor the articles tie them to (by apposition or what it
   is of, in the singular too: "the Alliance, a coalition of developing countries", "the Group of
   21 donor countries" for "the donors"; by its name beside theirs: "the rebel Tarn Front"; by its
   body they own: "the producers' group"), else a side of their own ("Herders"), with the groups
   they own ("the herders' clan leaders") and those of their word ("the clans").
   An office named by its holder's title that acts ("the governor's office has offered") is a side,
   "the governor" its alias, when no actor is a country (whose government a minister's office is).
6. **Ranking.** A provisional profile holds every actor; `service.attribute` (learn_people, then
   `speaker` clause by clause, as the pipeline reads them) says whose position each clause
   states, and a clause opening with an actor and a verb ("Ortiz called both sides") counts too.
   Actors are ranked by those clauses and kept when they have at least two (and 12% of the
   leader's) and are named in two articles or more, unless the articles call them the opposition
   ("the opposition Liberal Party") or an analyst or an expert ("Analyst Jo Bell"); where the
   articles name the sides ("talks between A and B", "A and B agreed", "C is taking part in the
   sessions"), an actor named neither there nor as the one who chairs, mediates or hosts needs
   half the weaker side's stances: 2 to 5 parties. People are then learned again against the kept
   parties and the other actors that act, so a title next to a place or a dropped actor binds no
   one to a party.
7. **Issues.** Candidate phrases are content words that head a phrase (used after "the", "of",
   "on"... and before punctuation or a function word, not only before another noun or after a
   copula; an "-ing" word only where one use does both: "on funding.", not "a starting point")
   and pairs of adjacent content words; function words, names of parties and people,
   numbers, verbs (by the word before: "to", "will", a pronoun), nouns for people by what they
   do ("drivers" when the articles use "drive") and the generic vocabulary of negotiation (with
   units of measure: "euros", "tonnes") are left out. Recurring names that are no actor and
   never act ("the Northgate Line") are phrases too. A phrase scores by the articles it is in,
   its uses within twelve words after a party's stance verb (what a party wants, offers or
   rejects), the parties whose stances those are, the sentences where it comes with a number,
   and its rarity (idf over sentences); a phrase of one article is dropped (unless that leaves
   fewer than three issues). The 60 best are clustered greedily, best first: a phrase joins the
   issue it is a word of ("ratio" and "staffing ratio") or co-occurs with, on average over the
   issue's phrases, in half of its sentences (or, a little discounted, paragraphs); otherwise it
   opens an issue. The 3 to 7 heaviest issues whose phrases are in three sentences or more are
   kept (best phrase, plus 0.3 of each joined one), and one more for the talks themselves (rounds,
   delegations, meetings, votes, deadlines: words every negotiation shares, those the articles
   use); an issue whose phrases are all such words ("US-mediated") is that one. Keywords are the
   phrases as escaped regexes (`re.escape`, with the simple plural the articles use: "ratios?",
   "tax(?:es)?"), each checked to compile in RE2 and to match an article sentence. An issue is
   named by its best phrase that is no unit the articles measure in (a currency: "60 million
   thalers"; a word after a figure in nearly all its uses: "52 dBW"), which stays a keyword.
8. **Examples.** For each party, the first short complete sentence that states its position
   (`speaker` with the drafted parties) and names no other party, and one sentence with a number
   that names no party and states no position ("none").

Status cue words are left to the shared defaults (prompts/status_cues.yaml).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

import re2

from service.attribute import (
    _LED_BY,
    _REPORTING,
    _STANCE,
    _TITLE,
    _TITLE_WORD,
    _TITLED,
    BUSINESS,
    INSTITUTION,
    Parties,
    Thread,
    _behind,
    appositives,
    deal_terms,
    lead_end,
    learn_people,
)
from service.countries import country_of, names_of
from service.dedupe import STOPWORDS, Unit, dedupe
from service.evidence import is_fragment
from service.ingest import CleanDocument
from service.segment import PARAGRAPH, segment
from service.topic import TALKS, TALKS_KEYWORDS, Example, Issue, Party, TopicProfile, WordPattern, talks_issue
from service.wording import DATELINE, TIME_STAMP, clauses

MAX_PARTIES = 5
MIN_PARTIES = 2
MAX_ISSUES = 7
MIN_ISSUES = 3
MAX_KEYWORDS = 8
# An issue's phrases are in at least this many sentences: one named twice is a detail ("phone
# conversations", "the period"), and its claim would take a place in the brief.
MIN_ISSUE_SENTENCES = 3
# A run of more capitalised words than this is a shouted line, not a name.
_MAX_NAME_WORDS = 8
# A party takes a stance in at least this many clauses (when there are enough to tell) ...
_MIN_STANCES = 2
# ... and in at least this share of the leading party's: below it, a bystander the articles quote
# (a court, an opposition party, a think tank), though a mediator who speaks less stays.
_MIN_STANCE_SHARE = 0.12
# Where the articles name the sides at the table, an actor named neither there nor as the one who
# chairs, mediates or hosts is a side only with this share of the weaker side's stances.
_TABLE_SHARE = 0.5
# Phrases considered for issues, best first.
_PHRASE_POOL = 60
# What each phrase that joins an issue adds to its weight, against its best phrase's score.
_JOINED_WEIGHT = 0.3
# Words after a party's stance verb that state what it wants, offers or rejects.
_NEAR_WORDS = 12
# A shared paragraph ties two phrases this much less than a shared sentence.
_PARAGRAPH = 0.8
# A phrase joins an issue when this share of its sentences also hold one of the issue's phrases.
_JOIN = 0.5

# --- generic English: nothing here belongs to any one negotiation ---------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns that name a body of people of their own, after the name of the one it is named for.
_BODY = _words("trust supporters action members friends parents residents")
# Nouns news outlets are named with: such names are sources, not parties.
_PRESS = _words(
    """news press times post journal herald ledger review courier gazette tribune sentinel broadcast
    network radio television tv wire daily weekly magazine chronicle observer telegraph bulletin"""
)
# The last word of a text's name: what is negotiated, never who negotiates.
_INSTRUMENTS = _words(
    "accord accords agreement agreements treaty convention protocol charter pact act bill memorandum statute"
)
# Capitalised words that never start a name of their own.
_NOT_NAME = _words(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday
    tuesday wednesday thursday friday saturday sunday i mr mrs ms dr am pm live read more related
    analysis opinion editorial explainer update breaking exclusive watch gmt utc bst cet est edt pst
    prime vice"""
)
# Function words that open sentences with a capital.
_FUNCTION = _words(
    """neither either both each every behind under while after before despite since until among
    without within across through during inside outside then there here this these those what when
    where which who why how yet so because although though if unless as once now today however
    meanwhile still instead later earlier nearly almost already around again soon ever never too
    very rather quite perhaps ago away ahead together else nobody everyone someone anyone nothing
    according big per via plus minus versus him us including regarding concerning following due
    towards toward amid beyond besides upon onto alongside"""
)
# Words that open a country's or region's name and are no first name.
_DIRECTIONAL = _words("north south east west northern southern eastern western new upper lower central")
_CONNECTORS = ("of", "for", "and", "de")
# Titles that, after "the", stand for the one side whose people hold them ("the mediator").
_ROLES = _words(
    "mediator envoy negotiator ambassador coordinator commissioner spokesman spokeswoman spokesperson"
)
_NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands dozen dozens half third quarter fifth"""
)
# Common irregular past forms: verbs, never what is argued about.
_IRREGULAR = _words(
    """went came took gave made got began became brought thought stood sent spent won held kept told
    met ran knew saw seen taken given gone done been put set let left felt heard fell rose grew paid
    sold bought lost built fallen risen grown shown known chosen broken spoken written driven frozen
    stolen hidden forgotten struck stricken drew drawn wore worn tore torn swore sworn
    bore borne"""
)
# What every negotiation talks about: the process, the situation it is meant to end, people in
# general, time, quantities, reporting.
_GENERIC = _words(
    """talk talks negotiation negotiator negotiating round meeting session summit deal agreement offer
    proposal discussion discussions response peace war conflict fighting place future remain
    demand position side issue point table statement reporter report news source official
    spokesperson spokesman spokeswoman delegation team party parties member leader government people
    person country countries city week day month year time today tonight morning evening afternoon
    night hour minute percent cent million billion number figure contract plan idea request step move
    progress gap compromise breakthrough concession framework terms term matter question way thing
    part end start lot kind sort case fact lead head chief deputy senior former first second third
    last next new final full fair serious major key big little long short late early recent other
    same own whole several many much few fewer least most more less such only also even still just well
    back down off out over under about against between interview comment remarks briefing conference
    press agency document dispute standoff crisis process stage phase sign hope view reason effect
    rest group bargaining negotiated negotiate outcome result talking table ground line nobody
    everyone someone anyone nothing something everything anything statement according
    euro euros dollar dollars pound pounds crown crowns franc francs yen yuan rouble roubles ruble rubles
    tonne tonnes ton tons metre metres meter meters kilometre kilometres kilometer kilometers mile miles
    hectare hectares barrel barrels principle"""
)
_VERBISH = re.compile(r"^(?:" + _REPORTING[3:-1] + "|" + _STANCE[3:-1] + r")$")
_VERB_RE = re.compile(r"\b(?:" + _REPORTING + "|" + _STANCE + r")\b")
_BEFORE_VERB = _words(
    "to will would could should can may might must not did does do cannot it he she they we who which i"
)
_COPULA = _words("is are was were be been being remain remains remained seem seems become became stay stays")
_BEFORE_NOUN = _words(
    """the a an its their his her our your my this that these those any every all no of on over for
    in with from by each both some"""
)

_TOKEN = re.compile(r"[A-Za-z0-9][\w’'&.-]*\w|[A-Za-z0-9]")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4})$")
_NUMBER = re.compile(r"^\d[\d.,]*$")
_APOSTROPHE = re.compile(r"['’]")
_GOVERNMENT_OF = re.compile(
    # "Government of the Republic of Velmora", "Federal Republic of Ardenza".
    r"(?:(?:Government|Federal|United|Democratic|Islamic|Socialist|People['’]s)\s+(?:of\s+the\s+)?)*"
    r"(?:Government|Republic|Kingdom|State|Federation|Principality|Province|Canton|Territory|"
    r"Commonwealth) of ([A-Z][\w’'-]+)"
)
# A ministry by its portfolio: "Ministry for Economy and Industry", "Ministry of Trade".
_MINISTRY = re.compile(r"Ministry (?:of|for) (?:the )?(.+)")
# A polity's executive by its name: "Meridian Commission", "Ardenza Government".
_EXECUTIVE_OF = re.compile(r"([A-Z][\w’'-]+) (?:Commission|Government|Cabinet|Presidency|Executive)")
# A company's governing body: "Board of Corvane Signalling", "Supervisory Board of Tarrow".
_BOARD_OF = re.compile(
    r"(?:(?:Supervisory|Executive|Management)\s+)?(Board|Directors)\s+of\s+(?:the\s+)?(.+)"
)
# A government and whose it is: "the government of Dalvera", "Dalvera's government", "the
# Dalveran government"; a town's is the town: "the city of Port Halvern".
_LOCAL_KINDS = ("city", "town", "municipality", "province")
# A local government named for its place: "Verrick County", "Harlow District".
_NAMED_LOCAL = ("county", "district", "borough", "municipality", "province", "region", "canton")
# Who speaks for a town or a province.
_HEAD_OF = {"city": "mayor", "town": "mayor", "municipality": "mayor", "province": "premier"}
_LOCAL = r"(?P<local>" + "|".join(_LOCAL_KINDS) + ")"
_GOVERNMENT = re.compile(
    r"\b[Gg]overnment of (?P<of>[A-Z][\w’'-]+)"
    r"|\b(?P<owner>[A-Z][\w’'-]+?)(?:['’]s)? (?P<kind>(?:central |national |federal )?)government\b(?! of)"
    r"|\b[Tt]he " + _LOCAL + r" of (?P<place>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})"
    # "the Northmere provincial government": the province of Northmere.
    r"|\b(?P<province>[A-Z][\w’'-]+) provincial government\b"
)
# "the government", or "the central government" where the articles say so; "the city".
_THE_GOVERNMENT = re.compile(
    r"\b[Tt]he\s+(?:(?P<kind>(?:central |national |federal )?)government|" + _LOCAL + r")\b(?!-)"
)
_THE_UNION = re.compile(r"\b[Tt]he\s+union\b(?!-)")
# The city a wire dateline opens on ("PORT LENN, Ossara, March 9 (CPA) -").
_DATELINE_CITY = re.compile(r"^([A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+){0,3})(?=,| \(| [-–—])")
# A transcript's speaker label ("QUIST: That is a question for ..."): a person, or the anchor.
_SPEAKER_LABEL = re.compile(r"^\W*([A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+){0,2}):")
_NAME_RE = r"[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,2}"
# "said Gwen Adeyemi," / "Joseph Amari said": a name right next to a verb of saying.
_SAID_NAME = re.compile(
    # "told Frontline Ostland": whom one tells is the listener, often an outlet.
    r"\b(?:said|says|added|according to)\s+(?P<a>" + _NAME_RE + r")\b(?![\w’'-])"
    r"|(?P<b>" + _NAME_RE + r")\s+(?:said|says|told|added)\b"
)
# "X, director of Y", "X, a senior mediator with Y": a title within a few words of the name.
# ... or "X is the student body president": a title after "is".
_AFFILIATED = re.compile(r"(" + _NAME_RE + r")(?:,| is)\s+(?:[\w-]+\s+){0,4}?" + _TITLE + r"\b")
# "the union said", "the authority has offered": a stance verb within two words.
_STANCE_AFTER = re.compile(r"^(?:\s+\w+){0,2}?\s+(?:" + _REPORTING + "|" + _STANCE + r")\b")
# A subject acting: a verb right after it ("Ortiz called", "Ortiz has put forward").
_ACTS = re.compile(
    r"^(?:['’]s\b)?\W{0,3}(?:\w+\W+){0,2}?(?:"
    + _REPORTING
    + "|"
    + _STANCE
    + r"|has|have|had|[a-z]{3,}ed|"
    + "|".join(sorted(_IRREGULAR))
    + r")\b"
)
_PRESS_USE = re.compile(
    r"\b(?:news agency|agency|broadcaster|newspaper|told|according to|(?:quoted|cited|seen|reported) by|"
    r"interview with)\s+(?:the\s+)?"
    r"(?P<a>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,3})(?=\s+(?:reported|reports|quoted|said|that|on|in|,|\.)|[.,])"
    r"|(?P<b>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,3})\s+(?:reported|reports|quoted|cited)\b"
)
_SUBJECT_OF = re.compile(
    r"(?:['’]s\b|\s*,|\s+(?:" + _REPORTING + "|" + _STANCE + r"|has|have|had|is|are|was|were)\b)"
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|on|outside|inside|across|into|towards?|via|of)\s+(?:the\s+)?$", re.IGNORECASE
)
_CAPITAL_RE = re.compile(
    r"(?P<x>[A-Z][\w’'-]+),\s+(?:the\s+)?(?:capital of (?P<y1>[A-Z][\w’'-]+)|(?P<y2>[A-Z][\w’'-]+)\s+capital)"
    r"|(?P<y3>[A-Z][\w’'-]+)['’]s\s+capital,?\s+(?P<x2>[A-Z][\w’'-]+)"
    r"|\bthe\s+(?P<y4>[A-Z][\w’'-]+)\s+capital,?\s+(?P<x3>[A-Z][\w’'-]+)"
)
_NONE_ISSUE = [Issue(id="none", label="none", keywords=[r"\b\B"])]  # matches nothing


@dataclass
class _Name:
    """A capitalised name and where the articles use it."""

    text: str
    count: int = 0
    docs: set[str] = field(default_factory=set)
    mid_sentence: bool = False
    subject: bool = False  # seen right before a verb ("Ostland said")
    in_credit: int = 0  # uses in a dateline or a credit line
    qualifier: int = 0  # uses right before a title ("Trade Minister")
    place: int = 0  # uses after "in", "at", "from", ...


@dataclass
class _Actor:
    """A candidate party: its name, the other names the text uses for it, and how it acts."""

    name: str
    aliases: list[str] = field(default_factory=list)
    stances: int = 0
    docs: set[str] = field(default_factory=set)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def words(self) -> set[str]:
        """Every word of its names, lower-cased."""
        return {w.lower() for n in self.names() for w in n.split()}


@dataclass
class _Read:
    """The articles cut up: distinct sentences that can state a fact, and their articles."""

    units: list[Unit]
    headlines: set[str]
    documents: int
    lower: set[str] = field(default_factory=set)  # every word written in lower case somewhere
    paragraphs: list[tuple[str, int]] = field(default_factory=list)  # each unit's paragraph

    @property
    def texts(self) -> list[str]:
        return [u.sentence.text for u in self.units]

    def docs_of(self, unit: Unit) -> set[str]:
        return {s.doc_id for s in unit.sources}

    @property
    def spread(self) -> int:
        """The articles a name must be in to be more than one article's: two, or the one there is."""
        return min(2, self.documents)

    def clauses(self, parties: Parties) -> Iterable[tuple[int, Unit, int, int, str | None]]:
        """Every clause, with whose position it states (the pipeline's reading, in order)."""
        thread = Thread(parties)
        for index, unit in enumerate(self.units):
            s = unit.sentence
            for clause in clauses(s.text):
                quote = s.text[clause.start : clause.end]
                said_by = thread.read(s.doc_id, quote, s.id in self.headlines, s.text[: clause.start])
                yield index, unit, clause.start, clause.end, said_by


def draft_profile(documents: list[CleanDocument], name: str = "drafted") -> TopicProfile:
    """A topic profile drafted from the articles: parties, issues and examples (see the module doc)."""
    read = _read(documents)
    names = _names(read)
    people = _people(read.texts, names)
    actors = _actors(read, names, people)
    parties, learned = _rank(read, actors)
    bystanders = {a.name for a in actors if a.stances == 0 and a.name not in {p.name for p in parties}}
    issues = _issues(read, parties, learned, bystanders, people)
    return TopicProfile(
        name=_safe_name(name),
        title=_title(parties, read.documents),
        parties=parties,
        issues=issues,
        examples=_examples(read, parties, learned),
    )


# --- 1. sentences ---------------------------------------------------------------------------


def _read(documents: list[CleanDocument]) -> _Read:
    sentences = [s for d in documents for s in segment(d)]
    headlines = {s.id for s in sentences if s.id.endswith(".s0")}
    units = [u for u in dedupe(sentences) if not is_fragment(u.sentence.text, u.sentence.id in headlines)]
    lower = {w for u in units for w in re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", u.sentence.text)}
    breaks = {d.doc_id: [m.start() for m in PARAGRAPH.finditer(d.text)] for d in documents}
    paragraphs = [
        (u.sentence.doc_id, bisect_right(breaks[u.sentence.doc_id], u.sentence.start)) for u in units
    ]
    return _Read(units, headlines, len(documents), lower, paragraphs)


# --- 2. names -------------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        word, end = m.group(), m.end()
        if word.endswith(".") and not _ACRONYM.match(word):
            word, end = word[:-1], end - 1
        out.append((m.start(), end, word))
    return out


def _starts_name(word: str) -> bool:
    low = word.lower()
    return (
        word[:1].isupper()
        and low not in _NOT_NAME
        and low not in STOPWORDS
        and low not in _FUNCTION
        and not _SUM.match(word)
    )


# A sum with its currency's code or sign glued on ("EUR35.25", "USD4bn", "GBP1.2m"): no name.
_SUM = re.compile(r"^[A-Z]{1,3}\$?\d")


# "The Wexmoor-based Professional Pilots' Union": where a body is, or who runs it, is no word of
# its name.
_OF_A_PLACE = re.compile(r"[A-Z][\w’'-]*-(?:based|led|run|owned|backed|funded|born)")


def name_runs(text: str, lower: set[str], known: set[str] | None = None) -> list[tuple[int, int, str]]:
    """Capitalised names in a sentence, as (start, end, name).

    At the start of a sentence a capitalised word is no name when the articles also write it in
    lower case (or it is a function word); nor is a first word in front of a name `known` from
    the middle of sentences ("Behind Riverside's ..." is "Riverside").
    """
    toks = _tokens(text)
    out = []
    i = 0
    while i < len(toks):
        start, _, word = toks[i]
        if not _starts_name(word) or _OF_A_PLACE.fullmatch(word):
            i += 1
            continue
        words, j, has_of = [word], i + 1, False
        if _TITLE_WORD.fullmatch(word) and _titled_body(text, toks, i):
            words, j = [word, toks[i + 1][2]], i + 2  # "Premier League clubs ..."
        while (
            j < len(toks)
            and (not (gap := text[toks[j - 1][1] : toks[j][0]].strip()) or _APOSTROPHE.fullmatch(gap))
            # "Ostland's Ministry": two names; "the People's Party": one, a common word's possessive.
            and (not re.search(r"['’]s$", words[-1]) or _common_possessive(words[-1], toks[j : j + 3], lower))
            and not _TITLE_WORD.fullmatch(words[-1])
        ):
            nxt = toks[j][2]
            if gap:
                # "the Velmora Airline Pilots' Union": a plural's apostrophe is inside the name.
                if not (words[-1].endswith("s") and _starts_name(nxt)):
                    break
                words[-1] += gap
            if _TITLE_WORD.fullmatch(nxt):
                if _titled_body(text, toks, j):
                    words += [nxt, toks[j + 1][2]]  # "Vessmark Premier League", "UN General Assembly"
                    j += 2
                    continue
                break  # "Ostlandic President Ana Ruiz": the title parts two names
            if _starts_name(nxt) and not _OF_A_PLACE.fullmatch(nxt):
                words.append(nxt)
                j += 1
                continue
            if _NUMBER.match(nxt) and len(nxt) <= 3 and _name_number(text, toks[j][1]):
                words.append(nxt)  # "Local 9", "Gate 4"
                j += 1
                break
            if nxt == "of" and _person_like(words):
                break  # "Gunnar Sel of the Rural Party", "Maarten Bosma of Corbel": a person of a body
            if nxt in _CONNECTORS and (nxt != "and" or has_of or _joint_body(words, toks, j + 1)):
                k = j + 1 + int(j + 1 < len(toks) and toks[j + 1][2] == "the")
                joined = all(
                    not text[toks[x - 1][1] : toks[x][0]].strip() for x in range(j, min(k, len(toks) - 1) + 1)
                )
                # "... Performers and the Alliance of ...": "and the" joins two names, not one.
                two = nxt == "and" and k > j + 1
                if k < len(toks) and joined and not two and _starts_name(toks[k][2]):
                    has_of = has_of or nxt != "and"
                    words += [t[2] for t in toks[j:k]]
                    j = k
                    continue
            break
        if _TITLE_WORD.fullmatch(words[-1]):
            words = []
        elif j < len(toks) and _TITLE_WORD.fullmatch(toks[j][2]):
            while words and words[-1].lower() in lower and not words[-1].isupper():
                words = words[:-1]  # the words that qualify a title ("Foreign Minister") name no one
        # A wire lead's first word comes after its dateline ("HALVERMONT, Sept. 17 (MWS) - Musicians
        # of the Halvermont Symphony Orchestra and ...").
        opens = not text[:start].strip(" \"“‘'(") or ((d := DATELINE.match(text)) and d.end() == start)
        if words and opens:
            first = words[0].lower()
            rest = re.sub(r"['’]s$", "", " ".join(_trim(words[1:])))  # "Ring-fence Corvane's labs"
            # "People's Party picks ...": a name the articles give mid-sentence stays whole.
            whole = " ".join(_trim(words))
            kept = bool(known) and " " in whole and whole in known
            common = first in lower or first in STOPWORDS or first in _FUNCTION
            if not kept and (common or (known and rest in known)):
                words = words[1:]
        words = _trim(words)
        if words and _starts_name(words[0]) and len(words) <= _MAX_NAME_WORDS:
            words[-1] = re.sub(r"['’]s$", "", words[-1])
            out.append((start, toks[j - 1][1], " ".join(words)))
        i = j
    return out


def _titled_body(text: str, toks: list[tuple[int, int, str]], at: int) -> bool:
    """Whether the title word toks[at] opens a body's noun ("Premier League", "General Assembly"):
    part of a name, not a person's title."""
    if at + 1 >= len(toks) or text[toks[at][1] : toks[at + 1][0]] != " ":
        return False
    noun = toks[at + 1][2]
    return noun[:1].isupper() and noun.lower() in INSTITUTION


def _joint_body(words: list[str], toks: list[tuple[int, int, str]], at: int) -> bool:
    """Whether a word or two, "and", then the capitalised words from toks[at] name one body:
    "Harbour and Ferry Workers' Union", "Lorland Composers and Publishers Society" (not "Grenmart
    and Castell", nor "Green Alliance and Liberal Reform Party")."""
    # "Green Alliance and Liberal Reform Party": a body's name before "and" is a body of its own.
    if len(words) > 2 or re.sub(r"['’]s?$", "", words[-1]).lower() in INSTITUTION:
        return False
    run = itertools.takewhile(lambda t: _starts_name(t[2]), toks[at : at + 4])
    return any(re.sub(r"['’]s?$", "", t[2]).lower() in INSTITUTION for t in run)


def _common_possessive(word: str, after: list[tuple[int, int, str]], lower: set[str]) -> bool:
    """Whether the word and the capitalised words `after` it are one name: a common word's
    possessive before a body's noun, one or two words on ("People's Party", "Children's Hospital",
    "People's Civic Alliance"), where "Ostland's Ministry" is two."""
    if word[:-2].lower() not in lower:
        return False
    run = [t[2] for t in itertools.takewhile(lambda t: _starts_name(t[2]), after)]
    return any(re.sub(r"['’]s?$", "", w).lower() in INSTITUTION for w in run)


def _person_like(words: list[str]) -> bool:
    """Whether the words could be a person's first and last name: two, neither a body's noun nor a title."""
    return (
        len(words) == 2
        and all(_capitalised(w) for w in words)
        and not any(w.lower() in INSTITUTION or _TITLE_WORD.fullmatch(w) for w in words)
    )


def _capitalised(word: str) -> bool:
    """A capital, then lower-case letters only, or such words hyphenated: "Ortiz", "Julián",
    "Anne-Marie"; not "GDP" nor "McAvoy"."""
    return all(p[:1].isupper() and p[1:].isalpha() and p[1:].islower() for p in word.split("-"))


def _trim(words: list[str]) -> list[str]:
    """Words less the connectors (and "the") at either end."""
    while words and words[0].lower() in (*_CONNECTORS, "the"):
        words = words[1:]
    while words and words[-1].lower() in (*_CONNECTORS, "the"):
        words = words[:-1]
    return words


def _name_number(text: str, end: int) -> bool:
    """Whether a number ending at `end` closes a name ("Local 9 president"), not an amount or date."""
    return not re.match(r"(?:[.,]\d|\s*(?:%|per\b|percent|million|billion|[ap]\.m))", text[end:])


def _opening_end(text: str, stamp: re.Match[str] | None = None) -> int:
    """Where the sentence's first word starts, past quotation marks, brackets and a time stamp."""
    at = stamp.end() if stamp else 0
    return at + len(text[at:]) - len(text[at:].lstrip(" \"“‘'("))


# A news agency's credit before the dash of a dateline: "(Coastal Press Agency) -".
_CREDIT_PAREN = re.compile(r"\(([^()]*)\)\s*-")
# A portfolio before its title: "(Trade) Minister", "(Labour) and Social Affairs Minister".
_BEFORE_TITLE = re.compile(r"(?:\s+and(?:\s+[A-Z][\w-]*)+)?\s+" + _TITLE + r"\b")
# A title's portfolio after it: "Minister of Labour and (Social Affairs)" (but "a spokesman for
# Dravonia's (Energy Ministry)" names whom he speaks for).
_PORTFOLIO_OF = re.compile(r"\b" + _TITLE + r"\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+(?:and\s+)?)*$")


def _names(read: _Read) -> dict[str, _Name]:
    """Every name, counted by distinct sentence; names in datelines and credits are marked."""
    known = {
        name
        for t in read.texts
        for opening in (_opening_end(t),)
        for start, _, name in name_runs(t, read.lower)
        if start > opening
    }
    names: dict[str, _Name] = {}
    for unit in read.units:
        text = unit.sentence.text
        words = text.split()
        if unit.sentence.id in read.headlines and sum(w[:1].isupper() for w in words) > 0.5 * len(words):
            continue  # A Headline In Title Case names nothing by its capitals
        credit = "|" in text or bool(re.match(r"^\s*[A-Z][A-Z ,./'’-]+\s*(?:,|\(|-)", text))
        # A wire lead's dateline is a credit; the names after its dash are the news ("KESSBURG,
        # October 13 (CWS) - The government, the state-owned Brennmark Coal Company and ...").
        credited = (dateline.end() if (dateline := DATELINE.match(text)) else len(text)) if credit else 0
        # An agency credited in brackets before a dash: "(Reuters) -", "(Coastal Press Agency) -".
        credits = [m.group(1) for m in _CREDIT_PAREN.finditer(text)]
        # A live blog's time stamp ("10:20 — Arriving, ...") opens the sentence, it is no word of it.
        opening = _opening_end(text, TIME_STAMP.match(text))
        for start, end, name in name_runs(text, read.lower, known):
            n = names.setdefault(name, _Name(name))
            # What comes before is read a few words back: a sentence may hold thousands of names.
            lookback = _behind(start)
            n.qualifier += bool(_BEFORE_TITLE.match(text, end) or _PORTFOLIO_OF.search(text, lookback, start))
            n.place += bool(_LOCATIVE.search(text, lookback, start))
            n.count += len(unit.sources)
            n.docs |= read.docs_of(unit)
            n.mid_sentence = n.mid_sentence or start > opening
            n.subject = n.subject or bool(_SUBJECT_OF.match(text, end))
            if start < credited or any(c == name or c.endswith(" " + name) for c in credits):
                n.in_credit += 1
    return names


# --- 3. people ------------------------------------------------------------------------------


def _people(texts: list[str], names: dict[str, _Name]) -> set[str]:
    """Full names of people: tied to a title or an affiliation, or next to a verb of saying or
    later called by surname."""
    titled: set[str] = set()
    said: set[str] = set()
    for text in texts:
        for m in [*_TITLED.finditer(text), *_LED_BY.finditer(text), *_AFFILIATED.finditer(text)]:
            titled.add(_person_name(m.group(1)) or "")
        for name, affiliation in appositives(text):
            if re.search(r"\b" + _TITLE + r"\b", affiliation):
                titled.add(_person_name(name) or "")
        for m in _SAID_NAME.finditer(text):
            said.add(_person_name(m.group("a") or m.group("b")) or "")
    singles = {n for n in names if " " not in n}
    # "Linden Regional said": a name that opens a longer one ("Linden Regional Health") is a body's.
    said = {p for p in said if not any(n.startswith(p + " ") for n in names)}
    # "Frontline Ostland": a word with a demonym ("Ostlandic") is a country, no one's surname.
    countries = {c for c in singles for w in singles if _demonym_of(w, c)}
    for name in names:
        words = name.split()
        if _person_name(name) != name:  # "Lawyers for Carrovo" is no one's name
            continue
        if words[0].lower() in _DIRECTIONAL or any(_NUMBER.match(w) or _ACRONYM.match(w) for w in words):
            continue
        # "Lena Ortiz" ... "Ortiz said"; but "the Greens" are a body, not the Young Greens' surname,
        # and "the Free Liberals" are the Free Liberal Party's members, no one named "Free Liberal".
        if (
            words[-1] in singles - countries
            and not _placed(names.get(words[0]))
            and not _after_the(words[-1], texts)
            and not _after_the(name + "s", texts)
        ):
            said.add(name)
    # "Calderport Athletic said": a name whose first word the articles also use alone ("in
    # Calderport", "Corvane said") is a place's club or a company, unless a title ties it to a
    # person ("Vice Premier Zhao Mingyuan" ... "Zhao said").
    alone = {n for n in singles if (names[n].mid_sentence or names[n].subject) and names[n].count >= 2}
    said = {p for p in said if p and p.split()[0] not in alone and not _has_people(p, texts)}
    return (titled | said) - {""}


def _has_people(name: str, texts: list[str]) -> bool:
    """Whether the articles give the name people of its own ("Aldmoor Grid's Bernard Kittle",
    "Aldmoor Grid's chief executive"): a body's, not a person's, though it "said" things."""
    owner = re.compile(re.escape(name) + r"['’]s\s+(?:" + _TITLE + r"\b|[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)")
    return any(owner.search(t) for t in texts)


def _placed(name: _Name | None) -> bool:
    """Whether a one-word name stands alone as a place or often: "in Calderport" (so "Calderport
    Athletic" is its club), not the one "Magnus brings home" of Magnus Ekdahl."""
    return name is not None and (name.place > 0 or name.count >= 2)


def _after_the(word: str, texts: list[str]) -> bool:
    """Whether the articles write "the" before the word: a body ("the Greens"), never a surname."""
    return any(re.search(r"\b[Tt]he " + re.escape(word) + r"\b", t) for t in texts)


def _person_name(text: str) -> str | None:
    """A person's name less the titles before it; None when it cannot be one."""
    words = re.sub(r"['’]s$", "", text).split()
    # "Energy Minister Ilse": the words up to a title qualify it.
    titled = [n for n, w in enumerate(words) if _TITLE_WORD.fullmatch(w)]
    words = words[titled[-1] + 1 :] if titled else words
    while words and words[0].lower() in _NOT_NAME:
        words.pop(0)
    if not 2 <= len(words) <= 3 or _institutional(" ".join(words)) or words[0].lower() in _DIRECTIONAL:
        return None
    if words[-1].lower() in _BUILDING:
        return None  # "the talks at the Aldermoor Hotel": a place, no one's name
    if not _capitalised(words[0]) or any(_starts_name(w) is False for w in words):
        return None
    return " ".join(words)


# The nouns buildings and venues are named with: a name ending in one is a place's.
_BUILDING = _words(
    "hotel house hall centre center palace building tower square street avenue mint castle manor lodge "
    "inn stadium arena museum library cathedral church park gardens airport station quay pier"
)
# A surname's transliterations differ in their last letters: "Zelensky", "Zelenskiy", "Zelenskyy".
_TRANSLITERATED_END = re.compile(r"(?:iy|yy|ij|y|i)$")
_MIN_SPELLING_STEM = 5


def _spelling(word: str) -> str:
    """The word less a transliteration's ending, lower-cased: one key for "Zelensky" and "Zelenskiy"."""
    return _TRANSLITERATED_END.sub("", word.lower())


def _spelled_otherwise(surnames: set[str], words: Iterable[str]) -> dict[str, str]:
    """The words that spell one of the surnames otherwise ("Zelensky" for "Zelenskiy"), with it."""
    keys = {_spelling(s): s for s in surnames if len(_spelling(s)) >= _MIN_SPELLING_STEM}
    return {w: keys[k] for w in words if (k := _spelling(w)) in keys and keys[k] != w}


def _institutional(name: str) -> bool:
    """Whether the name is a body's: an institution's, a company's or an outlet's noun in it."""
    return any(w.lower().strip(".,") in INSTITUTION | _COMPANY | _PRESS for w in name.split())


# The words companies are named with ("Koehl-Marant Industries", "Tarrow Minerals plc"): a body,
# though the articles say what comes "from" it as they say it of a place.
_COMPANY = _words("industries holdings plc ltd limited inc corp ag sa nv gmbh llc")


def _is_press(name: str) -> bool:
    """A news outlet's name: a press noun in it, unless a body's noun heads it ("News Publishers'
    Alliance", "Alliance of Film and Television Studios" are bodies of outlets and studios, parties)."""
    words = [w.lower().rstrip("'’") for w in name.split()]
    head = words[: words.index("of")] if "of" in words else words[-1:]
    return any(w in _PRESS for w in words) and not set(head) & INSTITUTION


# --- 4./5. actors ---------------------------------------------------------------------------


def _initials(name: str) -> str:
    """The capitals opening a name's words, a hyphenated word's parts too ("Koehl-Marant Industries": KMI)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and (w[0].isupper() or w[0].isdigit()))


def _demonym_of(word: str, country: str) -> bool:
    """Whether `word` is a demonym of the one-word name `country` ("Ostlandic", "Ostlanders"; a
    "-land" by its stem: "Brennish" of Brennland)."""
    if len(country) < 4 or word == country or " " in country:
        return False
    stem = country[: -len("land")] if country.endswith("land") else ""
    if len(stem) >= 3 and word.startswith(stem) and re.fullmatch(r"[a-z]?(?:ish|ic)", word[len(stem) :]):
        return True
    tail = word[len(country) - 1 :]
    return word.startswith(country[:-1]) and bool(re.fullmatch(r"[a-z]{0,3}(?:n|ns|ese|i|is|ish)", tail))


def _actors(read: _Read, names: dict[str, _Name], people: set[str]) -> list[_Actor]:
    """Candidate parties: names that are no person, outlet or common word, variants merged."""
    # "Zhao said" for Vice Premier Zhao Mingyuan: a family name may come first.
    surnames = {w for p in people for w in (p.split()[0], p.split()[-1])}
    surnames |= set(_spelled_otherwise(surnames, names))
    labels = {m.group(1) for t in read.texts if (m := _SPEAKER_LABEL.match(t))}
    # "PORT LENN, Ossara, March 9 (CPA) -": a dateline's city is a place, unless it is a real
    # country's capital, filed under the country below.
    datelined = {m.group(1).title() for t in read.texts if (m := _DATELINE_CITY.match(t))}
    # A masthead is no dateline: "TANAKWE NATION COUNCIL - MEMBERS' BULLETIN" names a body.
    places = {d for d in datelined if not country_of(d) and not _institutional(d)}
    prose = " ".join(read.texts)
    candidates: dict[str, _Name] = {}
    for n in names.values():
        if n.text in people or n.text in surnames or any(p in n.text for p in people) or n.text in labels:
            continue
        if n.text in places:
            continue
        if _is_press(n.text) or n.in_credit >= n.count or _TITLE_WORD.fullmatch(n.text):
            continue
        if n.text.rsplit(" ", 1)[-1].lower() in _INSTRUMENTS:
            continue  # the text negotiated ("a global Pandemic Accord", the "Paris Agreement"), no one at it
        if (n.qualifier >= n.count and not n.text.isupper()) or (
            n.place >= 0.5 * n.count and not _institutional(n.text) and not _head_acts(n.text, read)
        ):
            continue  # a portfolio ("Trade Minister") or a place ("talks in Geneva")
        single = " " not in n.text and not _ACRONYM.match(n.text)
        if single and (_common(n, read, prose) or not (n.mid_sentence or n.subject)):
            continue  # a common word written with a capital, or a sentence's first word
        if single and not n.mid_sentence and n.text.endswith("ing"):
            continue  # a participle opening its sentence ("Arriving, the minister said"), not Beijing
        if (words := n.text.rsplit(" ", 1))[1:] and _NUMBER.match(words[1]) and words[0] in names:
            continue  # "the Greens 22 and the Liberal Forum 14": seats, not a name ("Local 17" is one)
        candidates[n.text] = n
    press = _press_like(read.texts, candidates)
    candidates = {c: n for c, n in candidates.items() if c not in press}
    owner: dict[str, str] = {}  # a variant -> the name it is a variant of
    for c in candidates:
        if c.isupper() and len(c) > 3 and c.title() in candidates:
            owner[c] = c.title()  # "PRAVO" in a dateline is "Pravo"
    multi = [c for c in candidates if " " in c]
    singles = [c for c in candidates if " " not in c and not _ACRONYM.match(c)]
    for c in candidates:
        if c in owner:
            continue
        if _ACRONYM.match(c):  # letters that are the initials of one longer name
            hits = [m for m in multi if _initials(m) == c.replace(".", "")]
            if len(hits) == 1:
                owner[c] = hits[0]
        elif (
            " " in c
            and len(longer := [m for m in multi if m != c and re.search(rf"\b{re.escape(c)}\b", m)]) == 1
            and not _named_for(c, longer[0])
            and not _BOARD_OF.fullmatch(longer[0])
        ):
            owner[c] = longer[0]  # a name inside one longer name
    demonyms: dict[str, set[str]] = defaultdict(set)
    capitals: dict[str, set[str]] = defaultdict(set)
    capitalised = {w for t in read.texts for w in re.findall(r"\b[A-Z][a-z]+\b", t)}
    for word in capitalised:
        for country in singles:
            if _demonym_of(word, country):
                demonyms[country].add(word)
                if word in candidates:
                    owner[word] = country
    for text in read.texts:
        for m in _CAPITAL_RE.finditer(text):
            city = m.group("x") or m.group("x2") or m.group("x3")
            country = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4")
            target = next((c for c in singles if c == country or _demonym_of(country, c)), None)
            if target and city != target:
                capitals[target].add(city)
                if city in candidates:
                    owner[city] = target
        for start, _, name in name_runs(text, read.lower):
            holder = re.search(r"\b([A-Z][\w’'-]+)['’]s\s+$", text[:start])
            # "Ostland's Ministry of Trade and Industry"; not "Ostland's Constitutional Court", nor
            # "Veresia's Civic Union", a party of the country and not its government.
            governing = _institutional(name) and not {w.lower() for w in name.split()} & (
                _BESIDE_GOVERNMENT | _OF_THE_PEOPLE
            )
            if holder and holder.group(1) in singles and name in candidates and governing:
                owner.setdefault(name, holder.group(1))

    for c in multi:
        # "Government of Ondara", "Republic of Ondara": the country's government is the country.
        if (m := _GOVERNMENT_OF.fullmatch(c)) and m.group(1) in singles:
            owner.setdefault(c, m.group(1))
        # "Board of Corvane Signalling": a company's board is the company.
        if (m := _BOARD_OF.fullmatch(c)) and m.group(2) in candidates:
            owner[c] = m.group(2)
        # "Meridian Commission" beside "Meridian" (its delegation, citizens, court): a union's
        # executive speaks for it, as a government for its country.
        if (m := _EXECUTIVE_OF.fullmatch(c)) and m.group(1) in singles:
            owner.setdefault(c, m.group(1))
    # A country with a government ("Kestria's government") is no word of a longer name: "Climate
    # Alliance Kestria" is an environmental group of the country.
    governed = {
        x for t in read.texts for m in _GOVERNMENT.finditer(t) if (x := m.group("of") or m.group("owner"))
    }
    for c in singles:
        # "Corvane" for "Corvane Therapeutics", "Athletic" for "Calderport Athletic": a word that
        # opens or closes one longer name, and is no country (it has no demonym, and is seldom a
        # place the articles put things in) nor a dateline's city ("TARNOV, Oct 16 (ATA) -").
        # A body's noun ("at the Authority's headquarters") is never a place.
        placed = candidates[c].place > 0.2 * candidates[c].count and c.lower() not in INSTITUTION
        if c in owner or demonyms.get(c) or placed or c in datelined or c in governed:
            continue
        hits = [m for m in multi if c in (m.split()[0].rstrip("'’"), m.split()[-1]) and not _named_for(c, m)]
        # "Rovers" of "Halvern Rovers FC": the word after the place a club or company is named for.
        hits = hits or [
            m
            for m in multi
            if len(words := m.split()) > 2
            and words[1] == c
            and (first := names.get(words[0])) is not None
            and (first.place > 0.2 * first.count or words[0] in datelined)
        ]
        # The longer name is the full one when more than one article gives it (or the one article
        # there is): "Kestmilk Meadow", named once, is a brand of Kestmilk's, not its full name.
        if len(hits) == 1 and owner.get(hits[0]) != c and len(candidates[hits[0]].docs) >= read.spread:
            owner[c] = hits[0]
    # "Vettern Energie" in one wire lead, "Vettern" in every article: a longer name of one article
    # that a word of more articles opens is that word's (not "Meridian Court of Justice", a body, nor
    # "Kyiv Dispatch", an outlet of a country's capital).
    for c in singles:
        if (
            c in owner
            or len(candidates[c].docs) < read.spread
            or country_of(c)
            or demonyms.get(c)
            or c in governed
        ):
            continue
        for m in multi:
            if (
                m.split()[0] == c
                and m not in owner
                and len(candidates[m].docs) < read.spread
                and not _institutional(m)
            ):
                owner[m] = c
    # "Liberal leader Felix Aurand" and "the Liberals" of the Liberal Reform Party: a word that
    # opens one longer name, used alone and as a plural for the members, is a party's adjective
    # (not a country's, though "Liberals" reads like a demonym of "Liberal"). A demonym is no such
    # word: "the Russians" are Russia's, not the Russian Defence Ministry's.
    of_countries = set().union(*demonyms.values())
    opening: dict[str, list[str]] = defaultdict(list)  # first word -> the longer names it opens
    for m in multi:
        opening[m.split()[0]].append(m)
    for first, longer in opening.items():
        if (
            len(longer) == 1
            and first + "s" in candidates
            and first not in of_countries
            and not country_of(first)
        ):
            owner[first + "s"] = longer[0]
            if first in candidates:
                owner[first] = longer[0]
    # "the Free Liberals" of the Free Liberal Party: its name less its body's noun, as a plural, is
    # its members.
    for m in multi:
        stem, _, noun = m.rpartition(" ")
        if noun.lower() in INSTITUTION and stem + "s" in candidates and stem + "s" not in owner:
            owner[stem + "s"] = m
    # A country's capital, seat of government or demonym is the country (`service.countries`),
    # when the articles also name it another way: a capital alone may be a person's name.
    for c in candidates:
        country = country_of(c)
        if country and country != c and c not in owner and _named_otherwise(country, c, read.texts):
            owner[c] = country

    def root(x: str) -> str:
        seen = set()
        while x in owner and x not in seen:
            seen.add(x)
            x = owner[x]
        return x

    actors: dict[str, _Actor] = {}
    for c in sorted(candidates, key=lambda c: (-len(c.split()), -candidates[c].count, c)):
        top = root(c)
        actor = actors.setdefault(top, _Actor(top))
        if c != top:
            actor.aliases.append(c)
    for country in actors.keys() & (demonyms.keys() | capitals.keys()):
        actors[country].aliases += sorted(demonyms[country]) + sorted(capitals[country])
    named = {a.name: sum(candidates[n].count for n in a.names() if n in candidates) for a in actors.values()}
    table = _at_table(list(actors.values()), read.texts)
    for actor in actors.values():
        if country_of(actor.name) == actor.name:
            actor.aliases += [n for n in names_of(actor.name) if _used(n, read.texts)]
        actor.aliases += _short_forms(actor, actors, read, named, table)
    for noun, phrase, antecedent in _bodies_in_lower_case(actors, read):
        if antecedent:
            antecedent.aliases.append(noun)
        else:
            # Named as a side is: "Bondholders' committee", "Council" (its lower-case noun an alias).
            name = phrase[:1].upper() + phrase[1:]
            actors[name] = _Actor(name, [noun])
    for office in _offices(actors, read):
        actors.setdefault(office.name, office)
    for phrases, antecedent in _groups_in_lower_case(actors, read):
        if antecedent is None:
            name = phrases[0][:1].upper() + phrases[0][1:]
            antecedent = actors.setdefault(name, _Actor(name))
        antecedent.aliases.extend(phrases)
    for actor, aliases in _governed(actors, read, surnames):
        actors.setdefault(actor.name, actor).aliases.extend(aliases)
    # "Verrick County", then "the county has offered $120 million": a local government named for its
    # place is "the county" of the articles, when it alone is named so and "the county" acts; so is
    # a body named by its last word ("Linden Park Zoo", then "the zoo wants a 15-year loan").
    heads = {a.name.rsplit(" ", 1)[-1].lower() for a in actors.values() if " " in a.name}
    for kind in sorted(set(_NAMED_LOCAL) | (heads - INSTITUTION)):
        holders = [a for a in actors.values() if a.name.rsplit(" ", 1)[-1].lower() == kind]
        if len(holders) == 1 and _the_noun_acts(kind, read):
            holders[0].aliases.append(kind)
    # A ministry's minister by portfolio ("Economy and Industry Minister Ingrid Saltvik", "Culture
    # Minister Henrik Solvang" of the Velsland Ministry of Culture, "the economy and industry
    # minister said"), when the articles name no country's government or the ministry is named for
    # one of those they name ("Velsland's government"; with "Vestmark's government" named, the
    # minister of a "Ministry for Economy and Industry" is Vestmark's).
    owners = {x for x in governed if x.lower() not in STOPWORDS}
    for actor in actors.values():
        if (
            (m := _MINISTRY.search(actor.name))
            and (not owners or owners & set(actor.name.split()))
            and _used(minister := f"{m.group(1)} Minister", read.texts)
        ):
            actor.aliases.append(minister)
    # "The Tarvenian government" of a country the articles name only as a place ("in Tarvenia"),
    # in no other actor's name: the side is the country, named as the country, its demonym an alias.
    taken = {w for a in actors.values() for n in a.names() for w in n.split()}
    places = sorted(capitalised - taken)
    for name in [n for n, a in actors.items() if " " not in n and "government" in a.aliases]:
        if country := next((c for c in places if _demonym_of(name, c)), None):
            actor = actors.pop(name)
            actors[country] = _Actor(country, [name, *actor.aliases], actor.stances, actor.docs)
    if union := _union(actors, read):
        union.aliases.append("union")
    for actor in actors.values():
        actor.aliases = list(dict.fromkeys(a for a in actor.aliases if a != actor.name))
    return list(actors.values())


def _head_acts(name: str, read: _Read) -> bool:
    """Whether a name of two words or more is a body's that the articles call by its last word in
    lower case as it acts ("Linden Park Zoo", then "the zoo wants a 15-year loan"), though they
    mostly name it as a place ("the pandas at Linden Park Zoo")."""
    head = name.rsplit(" ", 1)[-1]
    return " " in name and head[:1].isupper() and _the_noun_acts(head.lower(), read)


def _the_noun_acts(noun: str, read: _Read) -> bool:
    """Whether "the <noun>" (not "the county's", "the zoo-keepers") acts in the articles (see _acting)."""
    return _acting(re.compile(rf"\b[Tt]he {re.escape(noun)}\b(?!['’-])"), read)


def _common(name: _Name, read: _Read, prose: str) -> bool:
    """Whether a one-word name is a common word written with a capital: one the articles also
    write in lower case, unless it is a body's noun they capitalise three times as often, as the
    subject of a verb ("The Commission wants" twenty times, "the executive commission" once)."""
    low = name.text.lower()
    if low not in read.lower:
        return False
    if low in INSTITUTION - _GOVERNING and name.subject and name.mid_sentence and name.count >= 3:
        return name.count < 3 * len(re.findall(rf"\b{re.escape(low)}\b", prose))
    return True


def _governed(actors: dict[str, _Actor], read: _Read, surnames: set[str]) -> list[tuple[_Actor, list[str]]]:
    """Each government that acts in the articles, with its aliases: the actor whose government
    they name ("the government of Dalvera", "Dalvera's government", "the Dalveran government",
    "Castrena's central government"), when "the government" (or "the central government") then
    acts in them: that actor's, and the actor a country even where the articles mostly name it as
    a place; a town or a province that negotiates ("the province of Upper Tamarac", then "the
    province has offered"). With two governments of a kind named, "the government" is no one's; a
    person's ("Vanhalst's government", `surnames`: the people's first and last words) is its
    leader's, no second one. With none named, it is the one ministry or government body among
    the actors, if there is one; and "the federal government" that acts with none named is a
    party of its own."""
    of = {n: a.name for a in actors.values() for n in a.names()}
    named: dict[str, set[str]] = defaultdict(set)  # owners named with each kind of government
    for t in read.texts:
        for m in _GOVERNMENT.finditer(t):
            x = m.group("of") or m.group("owner") or m.group("place") or m.group("province")
            if x.lower() not in STOPWORDS and x not in surnames:
                named[_kind(m)].add(of.get(x, x))
    national = set().union(*(owners for kind, owners in named.items() if kind not in _LOCAL_KINDS))
    uses: dict[str, list[str]] = defaultdict(list)  # what follows "the (central) government", by kind
    for t in read.texts:
        for m in _THE_GOVERNMENT.finditer(t):
            uses[_kind(m)].append(t[m.end() :])
    # Named by no owner, "the government" is the one ministry or government body among the actors
    # ("the Ministry for Economy and Industry").
    if not national:
        bodies = [a.name for a in actors.values() if {w.lower() for w in a.name.split()} & _GOVERNING]
        national = set(bodies[:1]) if len(bodies) == 1 else set()
    out: list[tuple[_Actor, list[str]]] = []
    for kind in sorted(uses, key=lambda k: -len(uses[k])):
        if not _acted(uses[kind]):
            continue
        owners = named[kind] if kind else national
        if kind in _LOCAL_KINDS:
            # A town's mayor speaks for it ("Mayor Clara Vennick has set a deadline"), a
            # province's premier for the province.
            head = _HEAD_OF[kind]
            aliases = [kind] + [head] * any(re.search(rf"\b{head}\b", t, re.I) for t in read.texts)
            if kind == "province" and any("the provincial government" in t for t in read.texts):
                aliases.append("provincial government")
        elif not owners and kind:
            # "the federal government has offered $420 million", its country never named.
            owners, aliases = {f"{kind.capitalize()}government"}, [kind + "government"]
        elif not owners and sum(bool(_STANCE_AFTER.match(u)) for u in uses[kind]) >= _GROUP_STANCES:
            # "the government has offered three of seven seats", over and over, whose it never says:
            # a side of its own, as a group named in lower case is.
            owners, aliases = {"Government"}, ["government"]
        else:
            aliases = [kind + "government"]
        if len(owners) == 1:
            owner = next(iter(owners))
            out.append((actors.get(owner) or _Actor(owner), aliases))
    return out


def _kind(m: re.Match[str]) -> str:
    """The kind of government a match names: "" for a plain one, "central " ..., or "city"."""
    return m.group("local") or ("province" if m.groupdict().get("province") else m.group("kind")) or ""


# A country's own bodies: "the army" or "the administration" of a country is that country's.
_GOVERNING = _words(
    "government administration ministry department cabinet army forces navy police command office"
)
_THE_BODY = re.compile(
    r"\b[Tt]he\s+(?P<phrase>(?:[a-z][\w-]*(?:['’]s?)?\s+)?(?P<noun>"
    + "|".join(sorted(INSTITUTION - _GOVERNING))
    + r"))\b(?!-)"
)


def _bodies_in_lower_case(actors: dict[str, _Actor], read: _Read) -> list[tuple[str, str, _Actor | None]]:
    """Bodies the articles name in lower case ("the committee said"), as (noun, name, antecedent):
    the actor most often named just before them when that is no country ("the company" after
    "Corvane Therapeutics"); else, when a country is, or when a public body follows no actor it may
    be ("the council" after a company), none: a body of its own, named by its commonest phrase
    ("the bondholders' committee"), that the country is not. Named before any actor, it is neither."""
    words = {w for a in actors.values() for w in a.words()}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    last: dict[str, str] = {}  # per article, the actor named last
    of = {n: a.name for a in actors.values() for n in a.names()}
    # Longest first, so "NGL Players Association" is not "NGL".
    mentions = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(of, key=len, reverse=True))) + r")\b")
    for unit in read.units:
        doc, text = unit.sentence.doc_id, unit.sentence.text
        events = [(m.start(), "body", m) for m in _THE_BODY.finditer(text) if m.group("noun") not in words]
        events += [(m.start(), "actor", m) for m in mentions.finditer(text)] if of else []
        for _, kind, m in sorted(events, key=lambda e: e[0]):
            if kind == "actor":
                last[doc] = of[m.group()]
                continue
            noun = m.group("noun")
            if _STANCE_AFTER.match(text[m.end() :]):
                found[noun][m.group("phrase")] += 1
            votes[noun][last.get(doc, "")] += 1
    out = []
    owned = _owned_bodies(actors, read, set(found))
    for noun, phrases in found.items():
        uses = sum(votes[noun].values())
        if sum(phrases.values()) < 2 or uses < 3:
            continue
        if noun in owned:
            out.append((noun, noun, owned[noun]))
            continue
        top = actors.get(votes[noun].most_common(1)[0][0])
        fitting = [(n, a) for name, n in votes[noun].items() if (a := actors.get(name)) and _may_be(a, noun)]
        count, antecedent = max(fitting, key=lambda x: x[0], default=(0, None))
        # "the company" after Halvern four times and after Corvane twice may be either: no one's;
        # after Tarrow six times and after its mine twice, Tarrow's.
        rivals = sorted((n for n, _ in fitting), reverse=True)[1:2]
        if antecedent and 2 * count >= uses and not (rivals and rivals[0] >= max(_RIVAL_USES, count / 2)):
            out.append((noun, noun, antecedent))
        elif top is not None and (_country_like(top) or (noun in _PUBLIC and not fitting)):
            # Named as a modified noun when that acts too: "the bondholders' committee".
            named = [p for p, n in phrases.most_common() if n >= 2 and " " in p]
            out.append((noun, (named or [noun])[0], None))
    return out


# People the articles name by what they are, in lower case ("the herders want", "the displaced
# families reject"): a plural agent noun, or a collective one.
_GROUP_NOUN = re.compile(
    r"[a-z][\w-]*(?:ers|ors|ists|ians|ants|ents)|families|clans|tribes|communities|households|states"
    r"|nations|countries|rebels|villages"
)
# Those who speak about the talks, not at them, and the generic names of who negotiates.
_ONLOOKERS = _words(
    """analysts experts observers diplomats officials negotiators mediators critics reporters journalists
    insiders economists lawyers sources organisers organizers authorities others"""
)
# Who negotiates, in general: a group only with a word of what they are ("the clan leaders").
_ANYONE = _words(
    "leaders members participants delegates ministers governments parties sides states nations countries"
)
_THE_GROUP = re.compile(
    r"\b[Tt]he\s+(?P<phrase>(?:(?P<mod>[a-z][\w-]*)\s+)?(?P<noun>" + _GROUP_NOUN.pattern + r"))\b(?![’'-])"
)
# Uses as the subject of a stance a group needs to be a side: as many as a body named in lower case.
_GROUP_STANCES = 3


def _groups_in_lower_case(actors: dict[str, _Actor], read: _Read) -> list[tuple[list[str], _Actor | None]]:
    """People the articles name in lower case by what they are ("the herders", "the clan
    leaders"), each the subject of stances in two articles or more, as (phrases, actor): one
    actor's when the articles tie them to it by apposition or what it is of, in the singular too
    ("the Alliance, a coalition of 54 developing countries", "the Group of 21 donor countries" for
    "the donors"), by its name beside theirs ("the rebel Liberation Front") or by its body
    that they own ("the producers' group", of the Materials Group); else none, a side of its own
    named by its first phrase. A group another owns ("the herders' clan leaders") or sharing its
    head's word ("the clans") is that one's."""
    words = {w.rstrip("'’") for a in actors.values() for w in a.words()}

    def group(m: re.Match[str]) -> str | None:
        noun, mod = m.group("noun"), m.group("mod") or ""
        if noun in _ONLOOKERS or noun in words or (noun in _ANYONE and not mod):
            return None
        if mod and (mod in _GENERIC or mod in _NUMBER_WORDS or mod in STOPWORDS or mod in words):
            return None
        return m.group("phrase")

    groups = _acting_often(_THE_GROUP, group, read)
    prose = " ".join(read.texts)
    owned = {g: re.search(rf"\b([a-z][\w-]*)['’]\s+{re.escape(g)}\b", prose) for g in groups}
    owners = {g: m.group(1) for g, m in owned.items() if m and m.group(1) in groups}
    sides: dict[str, tuple[list[str], _Actor | None]] = {}
    for g in groups:
        stems = {w.rstrip("s") for w in g.split()}
        head = owners.get(g) or next((s for s in sides if {w.rstrip("s") for w in s.split()} & stems), g)
        if head not in sides:
            sides[head] = ([head], _tied(head, actors, prose))
        sides[head][0].append(g)
    return [(list(dict.fromkeys(phrases)), actor) for phrases, actor in sides.values()]


# "The governor's office has offered": an office that acts, named by whose office it is.
_THE_OFFICE = re.compile(r"\b[Tt]he\s+(?P<title>" + _TITLE + r")['’]s\s+office\b")


def _offices(actors: dict[str, _Actor], read: _Read) -> list[_Actor]:
    """Offices the articles name by their holder's title ("the governor's office"), each the
    subject of stances in two articles or more, when no actor is a country (whose government a
    prime minister's office is): sides of their own, "the governor" an alias."""
    if any(_country_like(a) for a in actors.values()):
        return []
    return [
        _Actor(f"{title[:1].upper()}{title[1:]}'s office", [f"{title}'s office", title])
        for title in _acting_often(_THE_OFFICE, lambda m: m.group("title").lower(), read)
    ]


def _acting_often(
    pattern: re.Pattern[str], key: Callable[[re.Match[str]], str | None], read: _Read
) -> list[str]:
    """The keys of the matches of `pattern` (None: no key) that are the subject of a stance
    _GROUP_STANCES times or more, in two articles or more (the one there is), most often first."""
    stances: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    for unit in read.units:
        text = unit.sentence.text
        for m in pattern.finditer(text):
            if (k := key(m)) is not None and _STANCE_AFTER.match(text[m.end() :]):
                stances[k] += 1
                docs[k] |= read.docs_of(unit)
    return sorted(
        (k for k, n in stances.items() if n >= _GROUP_STANCES and len(docs[k]) >= read.spread),
        key=lambda k: (-stances[k], k),
    )


def _tied(group: str, actors: dict[str, _Actor], prose: str) -> _Actor | None:
    """The actor the articles tie a group of people to: by apposition or what it is of, by its name
    beside theirs, or by a body of its own name that they own (see _groups_in_lower_case)."""
    of = {n: a for a in actors.values() for n in a.names()}
    if not of:
        return None
    names = "|".join(map(re.escape, sorted(of, key=len, reverse=True)))
    # The group's words, each singular or plural: "donors" are "donor countries" described.
    g = r"\s+".join(re.escape(w.rstrip("s")) + "s?" for w in group.split())
    noun = re.escape(group.split()[-1])
    m = re.search(
        rf"\b(?P<a>{names})(?:,\s+(?:an?|the)|\s+of)\s[^,.;]*\b{g}\b|\b{noun.rstrip('s')}s?\s+(?P<b>{names})\b"
        rf"|\b(?P<c>{names})\s+{noun}\b",
        prose,
    )
    if m:
        return of[m.group("a") or m.group("b") or m.group("c")]
    bodies = {b.lower() for b in re.findall(rf"\b{g}['’]\s+([a-z][\w-]*)", prose)} & INSTITUTION
    owning = [a for a in actors.values() if a.words() & bodies]
    return owning[0] if len(owning) == 1 else None


def _owned_bodies(actors: dict[str, _Actor], read: _Read, nouns: set[str]) -> dict[str, _Actor]:
    """Bodies the articles name as one actor's own, twice or more and as no other's: "the board
    of the Halvermont Symphony Orchestra Association", "Tarrow's board" (by noun)."""
    of = {n: a for a in actors.values() if not _country_like(a) for n in a.names()}
    if not nouns or not of:
        return {}
    names = "|".join(map(re.escape, sorted(of, key=len, reverse=True)))
    body = "|".join(map(re.escape, sorted(nouns)))
    owned = re.compile(
        rf"\b[Tt]he\s+(?P<noun>{body})\s+of\s+(?:the\s+)?(?P<actor>{names})\b"
        rf"|\b(?P<owner>{names})['’]s?\s+(?P<owned>{body})\b"
        # "The LUMEN consortium did not move": the actor, called by its kind.
        rf"|\b[Tt]he\s+(?P<kind_of>{names})\s+(?P<kind>{body})\b"
    )
    owners: dict[str, Counter[str]] = defaultdict(Counter)
    for text in read.texts:
        for m in owned.finditer(text):
            noun = m.group("noun") or m.group("owned") or m.group("kind")
            owners[noun][of[m.group("actor") or m.group("owner") or m.group("kind_of")].name] += 1
    return {
        noun: actors[name]
        for noun, named in owners.items()
        if len(named) == 1 and (name := next(iter(named))) and named[name] >= 2
    }


# Uses of "the <noun>" after a second actor it may be that make the noun either actor's (when
# they are half the first actor's uses or more).
_RIVAL_USES = 2


def _may_be(actor: _Actor, noun: str) -> bool:
    """Whether "the <noun>" may be the actor: no country, no body of another kind by its name
    ("the league" is not the "NGL Players Association"), and a public body only one named so."""
    if noun in _PUBLIC and noun not in actor.words():
        return False  # "the council" is no company's or union's name for itself
    return not _country_like(actor) and actor.words() & INSTITUTION <= {noun}


# Bodies of public government: "the council" after "Verdane Environmental Services" is the city's.
_PUBLIC = _words("council commission authority assembly parliament senate municipality")


def _country_like(actor: _Actor) -> bool:
    """Whether the actor is a country: a real one, or one the articles give a demonym."""
    return country_of(actor.name) == actor.name or any(_demonym_of(a, actor.name) for a in actor.aliases)


# A country's courts and legislature: its bodies, never its government's voice.
_BESIDE_GOVERNMENT = _words("court tribunal parliament assembly senate congress chamber")
# A country's parties, unions, firms and societies are its people's, not its government.
_OF_THE_PEOPLE = _words(
    "union unions party federation league association alliance coalition confederation guild movement "
    "front bloc company corporation group society foundation employers workers university college"
)
# An actor named this many times or fewer is named in passing.
_MINOR = 2
# A body of workers by its name: "United Graduate Workers", "Screen Performers Guild".
_LABOUR = re.compile(r"\b(?:Workers|Union|Guild|Teamsters|Brotherhood|Employees)\b")


def _union(actors: dict[str, _Actor], read: _Read) -> _Actor | None:
    """The one body of workers among the actors, when "the union" acts in the articles and is no
    word of its name already ("the union says" is the United Graduate Workers')."""
    labour = [a for a in actors.values() if _LABOUR.search(a.name)]
    if len(labour) != 1 or any("union" in a.lower().split() for a in labour[0].names()):
        return None
    return labour[0] if _acting(_THE_UNION, read) else None


def _named_for(name: str, longer: str) -> bool:
    """Whether `longer` is another body named for `name`: "Calderport Athletic Supporters' Trust",
    "Kestmilk Farmers Action Group" (an institution's noun added that `name` has not)."""
    own = {w.lower() for w in name.split()}
    added = [w.lower().rstrip("'’") for w in longer.split() if w.lower() not in own]
    return longer.startswith(name) and any(w in INSTITUTION or w in _BODY for w in added)


def _used(name: str, texts: list[str]) -> bool:
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])")
    return any(pattern.search(t) for t in texts)


def _named_otherwise(country: str, name: str, texts: list[str]) -> bool:
    """Whether the articles name `country` by another of its names than `name`."""
    return any(_used(n, texts) for n in [country, *names_of(country)] if n != name)


def _press_like(texts: list[str], candidates: dict[str, _Name]) -> set[str]:
    """Names the articles treat as news sources ("told City Radio", "the news agency NTA reported")."""
    hits: Counter[str] = Counter()
    for text in texts:
        for m in _PRESS_USE.finditer(text):
            name = m.group("a") or m.group("b")
            hits[name] += 1
    return {c for c, n in hits.items() if c in candidates and n >= max(1, candidates[c].count // 2)}


def _short_forms(
    actor: _Actor, actors: dict[str, _Actor], read: _Read, named: dict[str, int], table: Collection[str]
) -> list[str]:
    """Words of the name that the articles use, lower-cased after "the", for the actor acting; a
    body's noun in two actors' names is the one's the articles name twice as often or more, when
    the other is named only in passing ("the alliance" is the News Publishers' Alliance, not the
    Liberal Alliance named twice), or the one's at the table (`table`, see _at_table: "the league"
    is the Premier League that opened the talks, not the Women's League its rights are sold with)."""

    rivals = [a for a in actors.values() if a is not actor]
    seated = actor.name in table
    others = {
        w
        for a in rivals
        if named[a.name] > _MINOR or 2 * named[a.name] > named[actor.name]
        if a.name in table or not seated
        for w in a.words()
    }
    others |= {w for a in rivals for w in a.words()} - INSTITUTION
    written = [w.lower() for w in actor.name.split()]
    # "Farmers'" of a Farmers' Association: "the farmers said" is the word alone.
    words = [w.rstrip("'’") for w in written]
    # A body's noun ("the union"), the head ("the studios") or a plural ("the players"); "the
    # airline" is not the Velmora Airline Pilots' Union.
    head = words[words.index("of") - 1] if "of" in words else words[-1]
    options = [
        w
        for w in words
        if len(w) > 3
        and w in read.lower
        and w not in others | STOPWORDS
        and (w == head or w.endswith("s") or w in INSTITUTION - BUSINESS)
    ]
    options += [f"{a} {b}" for a, b in zip(written, written[1:], strict=False) if {a, b} <= read.lower]
    # Its board named as a variant ("Board of Corvane Signalling"): "the board" is its.
    options += [m.group(1).lower() for a in actor.aliases if (m := _BOARD_OF.fullmatch(a))]
    # Who does the body's work: "the regulator" is the Rail Regulation Authority, "the mediator"
    # the State Mediation Service, unless a rival's name does the same work.
    rival_roles = {r for a in rivals for w in a.words() if (r := _role(w))}
    options += [r for w in words if (r := _role(w)) and r in read.lower and r not in rival_roles]
    return [
        word
        for word in options
        if _acting(re.compile(r"\b[Tt]he\s+(?:\w+['’]s\s+)?" + re.escape(word) + r"\b(?!-)"), read)
    ]


def _role(word: str) -> str | None:
    """The agent noun of a word for a body's work ("regulation", "regulatory": "regulator")."""
    m = re.fullmatch(r"(\w{3,}at)(?:ion|ory)", word.lower())
    return m.group(1) + "or" if m else None


def _acting(the: re.Pattern[str], read: _Read) -> bool:
    """Whether what `the` matches ("the union", "the government") is used twice or more in the
    articles, and once at least as the subject of saying or of a stance."""
    return _acted([t[m.end() :] for t in read.texts for m in the.finditer(t)])


def _acted(uses: list[str]) -> bool:
    """Whether a phrase followed by each of `uses` is used twice or more, once at least as the
    subject of saying or of a stance."""
    return len(uses) >= 2 and any(_STANCE_AFTER.match(u) for u in uses)


# --- 6. ranking -----------------------------------------------------------------------------


def _profile(parties: list[Party]) -> TopicProfile:
    """A profile of just these parties, for the attribution rules."""
    return TopicProfile(name="draft", title="draft", parties=parties, issues=_NONE_ISSUE)


def _acts(clause: str, parties: Parties) -> str | None:
    """The party opening the clause as the subject of a verb ("Ortiz called", "X has put")."""
    return next(iter(_actors_of(clause, parties)), None)


def _actors_of(clause: str, parties: Parties) -> list[str]:
    """The parties opening the clause as the subject of a verb: one ("Ortiz called", "X has put"),
    or two joined ("Saudi Arabia and the United States blocked a vote")."""
    start = lead_end(clause)
    mentions = [m for m in parties.mentions(clause) if m.start >= start]
    if not mentions or len(clause[start : mentions[0].start].split()) > 2:
        return []
    first, subject = mentions[0], [mentions[0].party]
    rest = clause[first.end :]
    if re.match(r"['’]s\b", rest):
        return []  # "the authority's figures show": the party is no subject
    if len(mentions) > 1 and (joined := _AND.match(clause, first.end)) and joined.end() == mentions[1].start:
        subject.append(mentions[1].party)
        rest = clause[mentions[1].end :]
    rest = re.sub(r"^,[^,]{1,80},", "", rest)
    return list(dict.fromkeys(subject)) if _ACTS.match(rest) else []


_AND = re.compile(r"\s+and\s+(?:the\s+)?")


def _rank(read: _Read, actors: list[_Actor]) -> tuple[list[Party], Parties]:
    """The actors whose positions the articles give most, as parties with their aliases and people."""
    while len(actors) < MIN_PARTIES:
        actors.append(_Actor(f"Party {len(actors) + 1}"))
    learned = learn_people(read.texts, _profile([Party(name=a.name, aliases=a.aliases) for a in actors]))
    stances: Counter[str] = Counter()
    named: dict[str, set[str]] = defaultdict(set)
    for _, unit, start, end, said_by in read.clauses(learned):
        quote = unit.sentence.text[start:end]
        for p in learned.named(quote):
            named[p] |= read.docs_of(unit)
        for who in [said_by] if said_by else _actors_of(quote, learned):
            stances[who] += len(unit.sources)
    for a in actors:
        a.stances, a.docs = stances[a.name], named[a.name]
    ranked = sorted(actors, key=lambda a: (-a.stances, -len(a.docs), a.name))
    best = ranked[0].stances
    floor = max(min(_MIN_STANCES, best), _MIN_STANCE_SHARE * best, 1)
    # The opposition ("the opposition Liberal Party", "Opposition leader Rutger Vallance of the
    # Heritage Party") speaks about the talks, not at them.
    # So does one the articles call an analyst or an expert: a voice on the talks, not a side.
    sides = [
        a for a in ranked if not _opposition(a.name, read.texts) and not _commentator(a.name, read.texts)
    ]
    table = _at_table(sides, read.texts)
    if len(table) >= 2:
        # The articles name who sits at the table ("talks between the port authority and
        # Meridane"): an actor named neither there nor as the one who chairs, with fewer than half
        # the weaker side's stances, comments on the talks (a rival, a residents' group, a union).
        people = defaultdict(list)
        for person, party in learned.people.items():
            people[party].append(person)
        least = min(a.stances for a in sides if a.name in table)
        sides = [
            a
            for a in sides
            if a.name in table
            or a.stances >= _TABLE_SHARE * least
            or _chairs([*a.names(), *people[a.name]], read.texts)
        ]
    kept = [a for a in sides if a.stances >= floor and len(a.docs) >= read.spread][:MAX_PARTIES]
    kept += [a for a in ranked if a not in kept][: max(0, MIN_PARTIES - len(kept))]
    # People again, against the kept parties and the names that act: a title near a place or an
    # outlet binds no one, and a person of a dropped actor is no one's.
    acting = kept + [a for a in ranked if a not in kept and a.stances > 0]
    learned = learn_people(read.texts, _profile([Party(name=a.name, aliases=a.aliases) for a in acting]))
    people_of: dict[str, list[str]] = defaultdict(list)
    for person, party in learned.people.items():
        if name := _person_name(person) if " " in person else person:
            people_of[party].append(name)
    # "Zelensky said" where a title named "Volodymyr Zelenskiy": the surname spelled otherwise.
    capitalised = {w for t in read.texts for w in re.findall(r"\b[A-Z][a-z]{4,}\b", t)}
    for names in people_of.values():
        names += sorted(_spelled_otherwise({n for n in names if " " not in n}, capitalised))
    parties: list[Party] = []
    taken: set[str] = set()
    for a in kept:
        aliases = [*a.aliases, *_title_aliases(read.texts, learned, a.name), *people_of[a.name]]
        aliases = [x for x in dict.fromkeys(aliases) if x.casefold() not in taken and x != a.name]
        taken |= {x.casefold() for x in [a.name, *aliases]}
        parties.append(Party(name=a.name, aliases=aliases))
    return parties, learn_people(read.texts, _profile(parties))


def _at_table(actors: list[_Actor], texts: list[str]) -> set[str]:
    """The actors the articles name as the sides: "talks between A and B", "A and B agreed", "C is
    taking part in the sessions"."""
    names = {n: a.name for a in actors for n in a.names() if len(n) > 2}
    if not names:
        return set()
    one = r"(?:the\s+)?(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?:['’]s?)?"
    both = one + r"\s+and\s+" + one
    pair = re.compile(rf"\bbetween\s+{both}\b|\b{both}\s+(?:have\s+|had\s+)?{_TOGETHER}\b")
    # "The regional grid operator, Aldmoor Grid, is taking part in the sessions": a third at the table.
    taking = re.compile(
        rf"\b{one},?\s+(?:is|are|was|were)\s+(?:also\s+)?(?:taking part|participating)\s+in\b"
    )
    return {
        names[g] for text in texts for p in (pair, taking) for m in p.finditer(text) for g in m.groups() if g
    }


# What the two sides do together: "A and B agreed", "A and B negotiators", "A and B open talks".
_TOGETHER = (
    r"(?:agreed|signed|reached|negotiators|delegations|teams|met|resumed|initialled|announced|open|opened)"
)
# Who chairs, mediates or hosts the talks: "chaired by", "the mediator", "hosted by".
_CHAIR = (
    r"\b(?:chair(?:s|ed|ing)|mediat(?:or|es|ed|ing)|facilitat(?:or|es|ed|ing)|brokered|"
    r"conciliat(?:or|es|ed)|inspector|envoy|host(?:s|ed|ing))\b"
)


def _chairs(names: list[str], texts: list[str]) -> bool:
    """Whether the articles call an actor (by one of its names or its people's) the one who chairs,
    mediates or hosts the talks: "hosted by the Grand Duchy of Vellmont", "Vellmont's foreign
    minister, Henrike Dassel, is chairing"."""
    named = "(?:" + "|".join(map(re.escape, names)) + ")"
    gap = r"\W+(?:\w+\W+){0,6}?"
    near = re.compile(named + gap + _CHAIR + "|" + _CHAIR + gap + named, re.IGNORECASE)
    return any(near.search(t) for t in texts)


# What the articles call one who comments on talks: "Analyst Jo Bell", "Jo Bell, an analyst at a
# bank", "the economist Ana Reyes".
_COMMENTATOR = (
    r"(?:analyst|economist|professor|researcher|expert|consultant|historian|strategist|commentator|"
    r"academic|scholar|lecturer)"
)


def _commentator(name: str, texts: list[str]) -> bool:
    """Whether the articles call the actor, a person, an analyst or an expert."""
    if _institutional(name) or " " not in name:
        return False
    escaped = re.escape(name)
    called = re.compile(
        rf"\b{_COMMENTATOR}\s+(?:[a-z][\w-]*\s+){{0,2}}{escaped}\b"
        rf"|\b{escaped},\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}{_COMMENTATOR}\b",
        re.IGNORECASE,
    )
    return any(called.search(t) for t in texts)


def _opposition(name: str, texts: list[str]) -> bool:
    """Whether the articles call the actor the opposition."""
    escaped = re.escape(name)
    called = re.compile(
        rf"\b[Oo]pposition\s+(?:leader\s+(?:[A-Z][\w’'-]+\s+){{1,3}}of\s+(?:the\s+)?)?{escaped}\b(?!\s+[A-Z])"
        rf"|\b{escaped},\s+(?:the\s+)?(?:main\s+|largest\s+)?opposition\b"
    )
    return any(called.search(t) for t in texts)


def _title_aliases(texts: list[str], learned: Parties, party: str) -> list[str]:
    """Titles the articles give this party's people only, used after "the" ("the mediator")."""
    owners: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for m in _TITLED.finditer(text):
            who = learned.people.get(m.group(1)) or learned.people.get(m.group(1).split()[-1])
            if who:
                owners[re.match(_TITLE, m.group()).group().lower()].add(who)
        for name, affiliation in appositives(text):
            if who := learned.people.get(name):
                for title in re.findall(r"\b" + _TITLE + r"\b", affiliation):
                    owners[title.lower()].add(who)
    return sorted(
        title
        for title, who in owners.items()
        if who == {party}
        and title in _ROLES
        and any(re.search(rf"\bthe {title}\b", t, re.IGNORECASE) for t in texts)
    )


# --- 7. issues ------------------------------------------------------------------------------


@dataclass
class _Phrase:
    """A phrase that may name an issue, and where it occurs."""

    words: tuple[str, ...]
    named: bool = False  # a recurring name that is no party ("the Northgate Line")
    sentences: set[int] = field(default_factory=set)
    paragraphs: set[tuple[str, int]] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    near: int = 0  # uses right after a party's stance verb ("wants a staffing ratio")
    parties: set[str] = field(default_factory=set)  # whose stances those are
    numbers: int = 0  # sentences with a number that contain it
    forms: Counter[str] = field(default_factory=Counter)

    def score(self, sentences: int) -> float:
        """Spread over articles x closeness to the parties' stances x specificity (idf)."""
        specific = 1.5 if len(self.words) > 1 else 1.0
        idf = math.log(max(sentences, 2) / len(self.sentences))
        return (
            specific * len(self.docs) * (1 + self.near + 0.5 * self.numbers) * (1 + len(self.parties)) * idf
        )


# Plurals that add no "s": "children" is the "child" the articles also name.
_PLURALS = {"children": "child", "women": "woman", "men": "man", "feet": "foot", "teeth": "tooth"}


def _lemma(word: str, vocabulary: set[str]) -> str:
    if _PLURALS.get(word) in vocabulary:
        return _PLURALS[word]
    if word.endswith("ies") and word[:-3] + "y" in vocabulary:
        return word[:-3] + "y"
    # "-es" is a plural's ending after a hiss ("taxes", "churches"), not after "sit" ("sites").
    if word.endswith(("xes", "zes", "ches", "shes")) and word[:-2] in vocabulary:
        return word[:-2]
    if word.endswith("ses") and word[:-2] in vocabulary:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and word[:-1] in vocabulary:
        return word[:-1]
    return word


def _issues(
    read: _Read, parties: list[Party], learned: Parties, bystanders: set[str], people: set[str]
) -> list[Issue]:
    """3 to 7 issues: recurring phrases near the parties' positions, clustered (see the module doc),
    and the talks themselves."""
    usage = _Usage(read.texts)
    # A party's own words name a side, not what is argued about: "doctors" of "Resident Doctors' Union".
    names = {w for p in parties for n in [p.name, *p.aliases] for w in _name_words(n)}
    names |= {w for p in people for w in _name_words(p)}
    phrases: dict[tuple[str, ...], _Phrase] = {}
    for index, unit, start, end, said_by in read.clauses(learned):
        text = unit.sentence.text
        masked = text
        for m in learned.mentions(text):
            masked = masked[: m.start] + " " * (m.end - m.start) + masked[m.end :]
        part = masked[start:end]
        found = {key: (form, at) for key, form, at in _phrases_in(part, read.lower, usage, names)}
        for at, _, name in name_runs(text[start:end], read.lower):
            # A named thing no one speaks for may be argued about (a plant, a port, a strait); a
            # body no one speaks for hosts or watches the talks ("the International Maritime
            # Organization").
            if name in bystanders and not _institutional(name):
                found[(name,)] = (name, at)
        # What a party wants, offers or rejects comes right after its verb; so do the terms of a
        # deal ("Under the deal, the council will raise its fuel subsidy"), no side's
        # position but what the sides argued about.
        if said_by is None and deal_terms(text[start:end]):
            said_by = _acts(text[start:end], learned)
        windows = [] if said_by is None else [_window(part, v.end()) for v in _VERB_RE.finditer(part)]
        for key, (form, at) in found.items():
            ph = phrases.setdefault(key, _Phrase(key, named=key[0][:1].isupper()))
            ph.sentences.add(index)
            ph.paragraphs.add(read.paragraphs[index])
            ph.docs |= read.docs_of(unit)
            ph.forms[form] += 1
            if any(a <= at < b for a, b in windows):
                ph.near += 1
                ph.parties.add(str(said_by))
            if re.search(r"\d", part):
                ph.numbers += 1
    count = len(read.units)
    units = {w for w in usage.before if usage.unit(w)}
    issues: list[Issue] = []
    # Phrases in two articles or more; with too few issues from those, phrases of one article.
    for spread in dict.fromkeys([read.spread, 1]):
        pool = [p for p in phrases.values() if len(p.docs) >= spread and len(p.sentences) >= 2]
        pool = sorted(pool, key=lambda p: (-p.score(count), p.words))[:_PHRASE_POOL]
        clusters = sorted(_cluster(pool), key=lambda c: -_weight(c, count))
        issues = _as_issues(clusters, read.texts, count, units)
        if len(issues) >= MIN_ISSUES:
            break
    keywords = [k for k in TALKS_KEYWORDS if _matches(k, read.texts)] or ["talks"]
    return [*issues, talks_issue(keywords, "drafted: shared by every negotiation")]


def _as_issues(
    clusters: list[list[_Phrase]], texts: list[str], count: int, units: Collection[str] = ()
) -> list[Issue]:
    """The heaviest clusters in enough sentences, and not the talks', as issues, each keyword checked
    to match a sentence; an issue is named by a phrase of its own, not by the currency its sums are
    in (`units`: "thalers" of "60 million thalers" measures what is argued about)."""
    issues: list[Issue] = []
    ids: set[str] = {TALKS}  # the talks' own issue comes last
    talks = WordPattern(TALKS_KEYWORDS)
    clusters = [
        c
        for c in clusters
        if len(set().union(*(p.sentences for p in c))) >= MIN_ISSUE_SENTENCES
        # An issue all of whose phrases are the talks' words ("US-mediated") is the talks issue.
        and not all(talks.search(form) for p in c for form in p.forms)
    ]
    for members in clusters[: MAX_ISSUES * 2]:
        keywords = list(dict.fromkeys(kw for p in members if _matches(kw := _keyword(p), texts)))[
            :MAX_KEYWORDS
        ]
        if not keywords:
            continue
        named_by = [p for p in members if p.forms.most_common(1)[0][0].split()[-1] not in units] or members
        label = _label(_head(named_by, count))
        words = set(label.lower().split())
        same = next((i for i in issues if words <= set(i.label.lower().split())), None)
        if same is not None:
            # "Cantonment" after "Cantonment sites": one matter named twice is one issue.
            same.keywords[:] = list(dict.fromkeys([*same.keywords, *keywords]))[:MAX_KEYWORDS]
            continue
        ids.add(issue_id := _snake(label, ids))
        shown = ", ".join(_label(p) if p.named else _label(p).lower() for p in members[:4])
        description = f"What the parties say about {shown} (drafted: phrases recurring near their positions)."
        issues.append(Issue(id=issue_id, label=label, description=description, keywords=keywords))
        if len(issues) == MAX_ISSUES:
            break
    return issues


def _matches(keyword: str, texts: list[str]) -> bool:
    """Whether the keyword is a valid RE2 regex that matches one of the sentences."""
    try:
        pattern = WordPattern([keyword])
    except re2.error:
        return False
    return any(pattern.search(t) for t in texts)


def _window(text: str, at: int, words: int = _NEAR_WORDS) -> tuple[int, int]:
    """The span of the next `words` words after `at`."""
    m = re.match(r"(?:\W*[\w’'-]+){1," + str(words) + "}", text[at:])
    return at, at + (m.end() if m else 0)


# A word right after a figure in this share of its uses, three or more, is a unit ("52 dBW").
_UNIT_USES = 3
_UNIT_SHARE = 0.8
_MEASURED = re.compile(
    r"(?:\d[\d,.]*|\b(?:million|billion|thousand))(?:\s+(?:million|billion|thousand))?\s+([A-Za-z][\w’'-]*)"
)


class _Usage:
    """The words before and after each lower-case word, for telling nouns from verbs and adjectives."""

    def __init__(self, texts: list[str]) -> None:
        self.before: dict[str, Counter[str]] = defaultdict(Counter)
        self.after: dict[str, Counter[str]] = defaultdict(Counter)
        # Uses of an "-ing" word as a noun heading its phrase ("the funding.", "on staffing for"),
        # not as a verb's ("starting with") or a modifier's ("a starting point").
        self.headed: Counter[str] = Counter()
        self.measured: Counter[str] = Counter()  # uses right after a figure ("650,000 thalers")
        for text in texts:
            self.measured.update(m.group(1).lower() for m in _MEASURED.finditer(text))
            tokens = [t.lower() for t in re.findall(r"[A-Za-z][\w’'-]*|[^\w\s]", text)]
            for a, b in zip(["."] + tokens, tokens + ["."], strict=True):
                self.before[b][a] += 1
                self.after[a][b] += 1
            for a, b, c in zip(["."] + tokens[:-1], tokens, tokens[1:] + ["."], strict=True):
                if b.endswith("ing") and a in _BEFORE_NOUN and _heads(c):
                    self.headed[b] += 1

    def unit(self, word: str) -> bool:
        """Whether the word measures what is argued about: right after a figure in half its uses or
        more, and after "million" or "billion" at least once ("60 million thalers", "650,000
        thalers"; not the "300 detainees" a side wants freed), or in nearly all of three or more
        ("52 dBW", "30 bcm")."""
        before = self.before[word]
        uses = sum(before.values())
        large = before["million"] + before["billion"]
        measured = self.measured[word]
        return (large > 0 and 2 * measured >= max(uses, 1)) or (
            uses >= _UNIT_USES and measured >= _UNIT_SHARE * uses
        )

    def noun(self, word: str) -> bool:
        """Whether the word is used as a noun at least as often as a verb, and heads a phrase
        ("the deadline", "on staffing.") rather than only qualifying one ("night shift")
        or following a copula ("remains open")."""
        before, after = self.before[word], self.after[word]
        verb = sum(n for w, n in before.items() if w in _BEFORE_VERB)
        noun = sum(n for w, n in before.items() if w in _BEFORE_NOUN)
        if verb > noun or (word.endswith("ing") and not self.headed[word]):
            return False
        copula = sum(n for w, n in before.items() if w in _COPULA)
        heads = sum(n for w, n in after.items() if _heads(w))
        # "is ready to", "was ready": a word after a copula more often than after an article is
        # said of something, not a thing.
        return heads > copula and noun >= copula


def _heads(after: str) -> bool:
    """Whether a word before this one heads its phrase: punctuation or a function word follows."""
    return not after[:1].isalpha() or after in STOPWORDS or after in _FUNCTION


def _name_words(name: str) -> list[str]:
    """A name's words in lower case, less their possessive endings ("Doctors' Union": doctors, union)."""
    return [re.sub(r"[’']s?$", "", w) for w in name.lower().split()]


def _phrases_in(
    text: str, vocabulary: set[str], usage: _Usage, excluded: set[str]
) -> list[tuple[tuple[str, ...], str, int]]:
    """Content words that head a phrase, and pairs of adjacent content words, in a clause:
    (lemma key, surface form, start)."""
    out = []
    prev: tuple[int, str, str, int] | None = None  # (end, lemma, surface, start) of the word before
    for m in re.finditer(r"[A-Za-z][\w’'-]*", text):
        word, low = m.group(), m.group().lower()
        lemma = _lemma(low, vocabulary)
        if not _content(word, low, lemma, usage, excluded, vocabulary):
            prev = None
            continue
        if usage.noun(low):
            out.append(((lemma,), low, m.start()))
        if prev is not None and re.fullmatch(r" +", text[prev[0] : m.start()]):
            out.append(((prev[1], lemma), f"{prev[2]} {low}", prev[3]))
        prev = (m.end(), lemma, low, m.start())
    return out


def _agent(lemma: str, vocabulary: set[str]) -> bool:
    """A noun for people by what they do: "-er"/"-or" on a verb the articles use ("drive")."""
    lemma = lemma.removesuffix("s")
    if not lemma.endswith(("er", "or")) or len(lemma) < 5:
        return False
    stem = lemma[:-2]
    return any(stem + tail in vocabulary for tail in ("e", "es", "ed", "ing", "s", "")) or (
        stem.endswith("at") and stem[:-2] + "ation" in vocabulary
    )


def _content(
    word: str, low: str, lemma: str, usage: _Usage, excluded: set[str], vocabulary: set[str]
) -> bool:
    """A word that can name what is argued about: no function word, name, number, verb or
    generic word of negotiation."""
    if not word[:1].islower() or len(low) < 3 or re.search(r"['’]|^\w+-?$(?<=-)", low):
        return False
    forms = {low, lemma, low.removesuffix("s"), low.removesuffix("es")}
    if forms & (STOPWORDS | _GENERIC | _FUNCTION | _NUMBER_WORDS | _IRREGULAR | excluded):
        return False
    if _VERBISH.match(low) or _TITLE_WORD.fullmatch(low) or low.endswith(("ed", "ly")):
        return False
    if _agent(lemma, vocabulary):
        return False  # who acts ("drivers", "farmers") is not what is argued about
    # A verb more often than a noun by the word before it ("to fit", "will pay").
    verb = sum(n for w, n in usage.before[low].items() if w in _BEFORE_VERB)
    noun = sum(n for w, n in usage.before[low].items() if w in _BEFORE_NOUN)
    return verb <= noun


def _cluster(pool: list[_Phrase]) -> list[list[_Phrase]]:
    """Greedy clusters, best phrase first: a phrase joins the issue it shares a word with, or
    co-occurs with on average; otherwise it opens an issue of its own."""
    clusters: list[list[_Phrase]] = []
    for p in pool:
        best, link = None, 0.0
        for c in clusters:
            value = max(
                max(float(_shares_word(p, m)) for m in c),
                sum(_cooccur(p, m) for m in c) / len(c),
            )
            if value > link:
                best, link = c, value
        if best is not None and link >= _JOIN:
            best.append(p)
        else:
            clusters.append([p])
    # A phrase that opened an issue before the phrase tying it to another arrived ("share", then
    # "staffing ratio") goes to that issue.
    for c in [c for c in clusters if len(c) == 1]:
        home = next((o for o in clusters if o is not c and any(_shares_word(c[0], m) for m in o)), None)
        if home is not None:
            home.append(c[0])
            clusters.remove(c)
    return clusters


def _shares_word(p: _Phrase, m: _Phrase) -> bool:
    """One phrase is a word of the other ("ratio" and "staffing ratio"), or two phrases of two
    words or more share one ("quota share" and "fishing quotas")."""
    if p.named or m.named:
        return False
    if len(p.words) > 1 and len(m.words) > 1:
        return bool(set(p.words) & set(m.words))
    if len(p.words) == len(m.words):
        return False
    return set(min(p.words, m.words, key=len)) <= set(max(p.words, m.words, key=len))


def _cooccur(p: _Phrase, m: _Phrase) -> float:
    """The share of the rarer phrase's sentences that hold the other too (two at least); a
    paragraph shared counts for a little less than a sentence."""
    best = 0.0
    for mine, theirs, weight in ((p.sentences, m.sentences, 1.0), (p.paragraphs, m.paragraphs, _PARAGRAPH)):
        shared = len(mine & theirs)
        if shared >= 2:
            best = max(best, weight * shared / min(len(mine), len(theirs)))
    return best


def _weight(members: list[_Phrase], sentences: int) -> float:
    """An issue's weight: its best phrase, and a little for each phrase that joined it."""
    scores = sorted((p.score(sentences) for p in members), reverse=True)
    return scores[0] + _JOINED_WEIGHT * sum(scores[1:])


def _keyword(p: _Phrase) -> str:
    """The phrase as a regex: escaped words, and a simple plural on the last when the articles use
    one ("ratios?", "tax(?:es)?"). Spaces and hyphens stay as they are, for the reader."""
    if p.named:
        return _escape(p.words[0])
    *first, last = p.words
    plural = {f.split()[-1] for f in p.forms} - {last}
    if last.endswith("y") and last[:-1] + "ies" in plural:
        tail = _escape(last[:-1]) + "(?:y|ies)"
    elif last + "es" in plural:
        tail = _escape(last) + "(?:es)?"
    elif last + "s" in plural:
        tail = _escape(last) + "s?"
    else:
        tail = _escape(last)
    return " ".join([*(_escape(w) for w in first), tail])


def _escape(text: str) -> str:
    return re.escape(text).replace("\\ ", " ").replace("\\-", "-")


def _label(p: _Phrase) -> str:
    form = p.words[0] if p.named else p.forms.most_common(1)[0][0]
    return form[:1].upper() + form[1:]


def _head(members: list[_Phrase], sentences: int) -> _Phrase:
    """The phrase an issue is named by: its best, or a two-word phrase nearly as good."""
    best = members[0]
    pairs = [
        p for p in members[:4] if len(p.words) > 1 and p.score(sentences) >= 0.25 * best.score(sentences)
    ]
    return pairs[0] if pairs and len(best.words) == 1 and best.words[0] in pairs[0].words else best


def _snake(label: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "issue"
    out, n = base, 2
    while out in used:
        out, n = f"{base}_{n}", n + 1
    return out


# --- 8. examples ----------------------------------------------------------------------------


def _examples(read: _Read, parties: list[Party], learned: Parties) -> list[Example]:
    """One sentence per party whose position it states, and one that states none."""
    picked: dict[str, Example] = {}
    none: Example | None = None
    thread = Thread(learned)
    for unit in read.units:
        s = unit.sentence
        said_by = thread.read(s.doc_id, s.text, headline=s.id in read.headlines)
        clean = (
            s.id not in read.headlines
            and 8 <= len(s.text.split()) <= 30
            and s.text.rstrip().endswith(".")
            and not re.match(r"^\W*[\"“‘]|^\s*(?:He|She|They|It|His|Her|Their|Its)\b", s.text)
        )
        if not clean:
            continue
        named = learned.named(s.text)
        if said_by and said_by not in picked and named == [said_by]:
            picked[said_by] = Example(sentence=s.text, party=said_by)
        elif said_by is None and none is None and not named and re.search(r"\d", s.text):
            none = Example(sentence=s.text, party="none")
    return [picked[p.name] for p in parties if p.name in picked] + ([none] if none else [])


def _title(parties: list[Party], documents: int) -> str:
    names = [p.name for p in parties]
    who = ", ".join(names[:-1]) + " and " + names[-1]
    return f"Talks between {who} (drafted from {documents} article{'s' if documents != 1 else ''})"


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "drafted"


# --- YAML -----------------------------------------------------------------------------------


def profile_yaml(profile: TopicProfile) -> str:
    """The profile as commented YAML for a person to review; `read_profile` reads it back equal."""
    m = re.search(r"drafted from (\d+) articles?", profile.title)
    source = f"{m.group(1)} article{'s' if m.group(1) != '1' else ''}" if m else "the articles"
    lines = [
        f"# Topic profile DRAFTED from {source} by `brief topic draft`: statistically, with no model.",
        "# It is a starting point and MUST BE REVIEWED before it is relied on: check that the parties",
        "# are the sides at the table, that no alias belongs to another side, and that each issue's",
        "# keywords name what the sides argue about. Delete what is wrong, add what is missing.",
        "# Brief with it: `brief summarize ARTICLES --topic FILE`.",
        f"name: {_q(profile.name)}",
        "# The title shown over the brief.",
        f"title: {_q(profile.title)}",
        "",
        "# Parties: the sides, ranked by how often the articles give their position. Aliases are",
        "# matched as whole words, case-insensitively (an all-capitals alias only in capitals): other",
        '# names, short forms ("the union"), demonyms, and people the articles tie to the party.',
        "parties:",
    ]
    for p in profile.parties:
        lines += [f"  - name: {_q(p.name)}", f"    aliases: {_flow(p.aliases)}"]
    lines += [
        "",
        "# Issues: what the parties argue about, from phrases that recur across the articles near",
        "# the parties' positions. Keywords are regexes (RE2: no lookarounds or backreferences),",
        "# matched as whole words, case-insensitively; a claim goes under the issues it names.",
        "# Rename the ids and labels, merge issues that are one, and add the words you know. The last,",
        "# 'talks', holds what every negotiation shares (rounds, delegations, meetings, votes): without",
        "# it, who met and when the next round is fall on no issue. Delete it and the brief adds the",
        "# shared one (all its words); add 'talks: false' to have none.",
        "issues:",
    ]
    for i in profile.issues:
        lines += [
            f"  - id: {_q(i.id)}",
            f"    label: {_q(i.label)}",
            f"    description: {_q(i.description)}",
            f"    keywords: {_flow(i.keywords)}",
        ]
    lines += [
        "",
        '# Examples: sentences from the articles and the party whose position each states ("none":',
        "# no party's); the model step reads them as worked examples. Replace them with clearer ones.",
    ]
    if profile.examples:
        lines.append("examples:")
        for e in profile.examples:
            lines += [f"  - sentence: {_q(e.sentence)}", f"    party: {_q(e.party)}"]
    else:
        lines.append("examples: []")
    lines += [
        "",
        "# Status cue words (agreed / narrowing / open): empty uses the shared defaults in",
        "# prompts/status_cues.yaml; a status given here replaces its shared list.",
    ]
    if profile.status_cues:
        lines.append("status_cues:")
        lines += [f"  {status}: {_flow(words)}" for status, words in profile.status_cues.items()]
    else:
        lines.append("status_cues: {}")
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A YAML scalar: single-quoted (backslashes stay literal), double-quoted if it must escape."""
    if any(ord(c) < 32 or c in "\x7f\x85\u2028\u2029\ufeff" for c in text):
        return json.dumps(text, ensure_ascii=False)
    return "'" + text.replace("'", "''") + "'"


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(x) for x in items) + "]"
