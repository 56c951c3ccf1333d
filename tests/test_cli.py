"""The `brief summarize` command, run in-process with the model step off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main
from service.settings import Settings
from tests.fake_openai import Answer, FakeOpenAI

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_summarize_prints_a_json_brief_with_verbatim_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", *map(str, SEEDS), "--no-model", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    brief = json.loads(out)
    texts = {f"d{n + 1}": p.read_text() for n, p in enumerate(SEEDS)}
    claims = [*brief["summary"], *(p["claim"] for i in brief["issues"] for p in i["positions"])]
    quotes = [c for claim in claims for c in claim.get("citations", [])]  # a reference has none
    assert quotes and all(c["quote"] in texts[c["doc_id"]] for c in quotes)
    assert brief["meta"]["method"] == "extractive"
    assert "[brief]" in err and "[brief]" not in out  # progress on stderr only


def test_summarize_writes_markdown_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "brief.md"
    assert main(["summarize", *map(str, SEEDS), "--no-model", "--format", "md", "-o", str(target)]) == 0
    text = target.read_text()
    # The heading names the topic by its profile's title, not its slug.
    assert text.startswith("# Brief: Russia–Ukraine peace talks\n")
    assert "## Issues" in text and "## Sources" in text
    # Each article is named by its headline, as on the page, before its file name.
    sources = text.split("## Sources", 1)[1]
    for n in range(1, len(SEEDS) + 1):
        [line] = [x for x in sources.splitlines() if x.startswith(f"- d{n}: ")]
        assert not line.startswith(f"- d{n}: ("), line


def test_topic_may_be_a_profile_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = ROOT / "prompts" / "topics" / "ukraine_peace_talks.yaml"
    custom = tmp_path / "custom.yaml"
    custom.write_text(profile.read_text().replace("name: ukraine_peace_talks", "name: my_copy"))
    assert main(["summarize", str(SEEDS[0]), "--no-model", "--topic", str(custom)]) == 0
    assert json.loads(capsys.readouterr().out)["topic"] == "my_copy"


def test_errors_say_what_was_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="cannot read"):
        main(["summarize", "/nonexistent/article.txt", "--no-model"])
    assert main(["summarize", str(SEEDS[0]), "--no-model", "--topic", "no_such_topic"]) == 1
    assert "unknown topic 'no_such_topic'" in capsys.readouterr().err


def test_demo_serves_the_api_and_briefs_the_seeds_over_http(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """README's main job, on a fake model server: the API on loopback, the seeds posted twice (the
    second a cache hit), the brief written and printed under the topic's title."""
    with FakeOpenAI(default=Answer("")) as fake:
        # get_settings reads the environment once per process: the settings are handed in.
        monkeypatch.setattr("service.cli.get_settings", lambda: Settings(base_url=fake.url, use_model=False))
        assert main(["demo", "--out", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "first: HTTP 200" in err and "again: HTTP 200" in err and "(cache hit)" in err
    assert out.startswith("# Brief: Russia–Ukraine peace talks\n")
    assert (tmp_path / "brief.md").read_text(encoding="utf-8") == out
    assert json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))["topic"] == "ukraine_peace_talks"
