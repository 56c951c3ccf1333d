"""Development sets: hand-labelled sentences the party and status rules are tuned on.

`evals/dev/attribution.yaml` holds short article excerpts in several outlets' styles, each
sentence labelled with the party whose position it states (or none); `evals/dev/status.yaml`
holds sentences labelled with what each says of one issue's status (or none); and
`evals/dev/standing.yaml` holds issues, each told by a few articles in order, labelled with where
the issue stands after the last one. All were written by hand for rules to be tuned on, so the
eval cases stay the test: a figure here is a dev figure. `briefed` briefs each attribution set's
topics and judges the claims the briefs place under a party: a brief chooses a few sentences, and
a rule's misreadings matter as much as the brief chooses them.

    python -m service.evals.devsets
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from service import status as statuses
from service.attribute import learn_people
from service.briefing import make_brief
from service.dedupe import dedupe
from service.draft import draft_profile
from service.evals.cases import Label
from service.evals.drafted import renamed
from service.evals.scorer import party_claims, right_party
from service.evidence import tag
from service.ingest import ingest
from service.schema import BriefRequest, Document, IssueStatus
from service.segment import segment
from service.settings import Settings
from service.topic import TopicProfile, WordPattern, read_profile

DEV = Path(__file__).resolve().parents[2] / "evals" / "dev"
PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@dataclass
class DevScore:
    """Right answers out of all, the (gold, given) pairs counted, and each wrong one."""

    right: int = 0
    total: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    def add(self, gold: str, given: str, text: str) -> None:
        self.total += 1
        self.confusion[(gold, given)] += 1
        if gold == given:
            self.right += 1
        else:
            self.wrong.append(f"{gold} read as {given}: {text}")

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def document(n: int, sentences: list[dict]) -> Document:
    """An excerpt as an article: its headline (if any) as title and first paragraph, then the body."""
    head = [s["text"] for s in sentences if s.get("headline")]
    body = " ".join(s["text"] for s in sentences if not s.get("headline"))
    return Document(id=f"x{n}", text="\n\n".join([*head, body]), title=head[0] if head else None)


def attribution(path: Path = DEV / "attribution.yaml") -> DevScore:
    """The party the pipeline gives each labelled sentence (none when no clause of it is evidence)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    profiles: dict[str, TopicProfile] = {}
    score = DevScore()
    for n, excerpt in enumerate(data["excerpts"]):
        topic = excerpt["topic"]
        profile = profiles.setdefault(topic, read_profile(path.parent / f"{topic}.yaml"))
        units = dedupe(segment(ingest([document(n, excerpt["sentences"])])[0]))
        parties = learn_people([u.sentence.text for u in units], profile)
        given: dict[str, set[str]] = {}
        for e in tag(units, profile, parties):
            given.setdefault(" ".join(e.unit.sentence.text.split()), set()).add(e.speaker or "none")
        for s in excerpt["sentences"]:
            said = given.get(" ".join(s["text"].split()), {"none"})
            score.add(str(s["party"]), " + ".join(sorted(said)), s["text"])
    return score


def briefed(path: Path, drafted: bool = False) -> DevScore:
    """The claims that briefs of an attribution set place under a party, judged against the labels
    of the sentences they cite: one brief (model off) of each topic's excerpts. A brief chooses few
    of the sentences; when it favours misread ones, this falls below the set's own figure. With
    `drafted`, each topic is briefed with a profile drafted from its excerpts (`brief topic draft`),
    its parties named as the hand profile's (`drafted.renamed`): what the drafter costs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    topics: dict[str, list[int]] = {}
    for n, excerpt in enumerate(data["excerpts"]):
        topics.setdefault(excerpt["topic"], []).append(n)
    score = DevScore()
    for topic, numbers in topics.items():
        excerpts = [data["excerpts"][n]["sentences"] for n in numbers]
        documents = [document(n, sentences) for n, sentences in zip(numbers, excerpts, strict=True)]
        profile = read_profile(path.parent / f"{topic}.yaml")
        if drafted:
            profile = renamed(draft_profile(ingest(documents), f"{topic}_drafted"), profile)
        request = BriefRequest(documents=documents, topic=profile)
        brief = asyncio.run(make_brief(request, None, Settings(use_model=False)))
        labels = [Label(text=s["text"], party=str(s["party"])) for sentences in excerpts for s in sentences]
        for at, label in party_claims(brief, labels):
            given = at.party or "none"
            score.add(given if right_party(at.party, label) else label[0], given, at.claim.text)
    return score


def shared_cues(path: Path, prompts_dir: Path = PROMPTS) -> dict[IssueStatus, WordPattern]:
    """The shared status cue words, as a dev set beside `path` reads them: the dev profiles give
    none of their own."""
    return statuses.cues(read_profile(path.parent / "dev_trade_talks.yaml"), prompts_dir)


def status(path: Path = DEV / "status.yaml", prompts_dir: Path = PROMPTS) -> DevScore:
    """The status the shared cue words give each sentence for its issue (none for "unknown")."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cues = shared_cues(path, prompts_dir)
    keywords = {issue: WordPattern(words) for issue, words in data["issues"].items()}
    score = DevScore()
    for s in data["sentences"]:
        support = statuses.supported({"s": s["text"]}, cues, keywords[s["issue"]])
        given = statuses.by_rule(support)
        score.add(s["status"], "none" if given == "unknown" else given, s["text"])
    return score


@dataclass
class Story:
    """One issue told by several articles: each clause's text and its article's place in time
    (all the same when the articles came out the same day), with where a reader puts the issue."""

    topic: str
    issue: str
    label: str
    keywords: WordPattern
    texts: dict[str, str]
    when: dict[str, int]

    @property
    def where(self) -> str:
        return f"{self.topic}/{self.issue}"


def stories(path: Path = DEV / "standing.yaml") -> list[Story]:
    """The issues of a standing set, each with its articles' clauses."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for entry in data["issues"]:
        texts, when = {}, {}
        for n, article in enumerate(entry["articles"]):
            for m, text in enumerate(article):
                texts[f"a{n}.s{m}"], when[f"a{n}.s{m}"] = text, 0 if entry.get("same_day") else n
        keywords = WordPattern(data["topics"][entry["topic"]]["issues"][entry["issue"]])
        out.append(Story(entry["topic"], entry["issue"], entry["status"], keywords, texts, when))
    return out


def standing(path: Path = DEV / "standing.yaml", prompts_dir: Path = PROMPTS) -> DevScore:
    """Where the shared cue words put each issue after reading all of its articles (none for
    "unknown"), with each sentence's article as its place in time."""
    cues = shared_cues(path, prompts_dir)
    score = DevScore()
    for story in stories(path):
        given, _ = statuses.standing(story.texts, cues, story.keywords, story.when)
        score.add(story.label, "none" if given == "unknown" else given, story.where)
    return score


def sets() -> list[Path]:
    """Every dev set by name: the party sets (attribution*.yaml), then the issue standing sets
    (standing*.yaml) and the sentence status sets (status*.yaml)."""
    return sorted(p for kind in ("attribution", "standing", "status") for p in DEV.glob(f"{kind}*.yaml"))


def score(path: Path) -> DevScore:
    """The rule's reading of one dev set, by its kind."""
    kinds = {"status": status, "standing": standing}
    return kinds.get(path.name.split("_")[0].removesuffix(".yaml"), attribution)(path)


def main() -> None:
    """Print every dev set's figure and every sentence read wrong."""
    for path in sets():
        result = score(path)
        print(f"{path.name}: {result.right}/{result.total} ({result.accuracy:.3f})")
        for line in result.wrong:
            print(f"  {line}")
    for drafted in (False, True):
        how = "with profiles drafted from it" if drafted else "with its profiles"
        for path in sorted(DEV.glob("attribution*.yaml")):
            result = briefed(path, drafted)
            print(f"{path.name} briefed {how}: {result.right}/{result.total} ({result.accuracy:.3f})")
            for line in result.wrong:
                print(f"  {line}")


if __name__ == "__main__":
    main()
