"""`brief verify BRIEF.json SOURCES...`: every assertion of a brief checked against its sources,
exit 1 naming each claim that fails and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
INVITES = "Russia Invites Ukraine’s Zelenskyy to Moscow for Peace Talks, Offers Security Guarantees."
# The same headline with the roles swapped: Ukraine invites Russia.
SWAPPED = "Ukraine’s Zelenskyy Invites Russia to Moscow for Peace Talks, Offers Security Guarantees."


@pytest.fixture(scope="module")
def seeds_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("brief") / "seeds.json"
    assert main(["summarize", *map(str, SEEDS), "--no-model", "-o", str(path)]) == 0
    return path


def edited(brief: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = brief.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / "edited.json"
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def test_the_seeds_brief_verifies(seeds_brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(seeds_brief), *map(str, SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    supported, total = map(int, out.splitlines()[-1].split(" assertions")[0].split(" of "))
    assert supported == total > 0


def test_swapped_roles_fail_naming_the_claim_and_why(
    seeds_brief: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    swapped = edited(seeds_brief, tmp_path, INVITES, SWAPPED)
    assert main(["verify", str(swapped), *map(str, SEEDS)]) == 1
    failed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1 and "Zelenskyy Invites Russia" in failed[0]


def test_json_verdicts_give_kind_place_and_reason(
    seeds_brief: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    negated = edited(
        seeds_brief, tmp_path, INVITES, "Russia never Invites Ukraine’s Zelenskyy to Moscow for Peace Talks."
    )
    assert main(["verify", str(negated), *map(str, SEEDS), "--format", "json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["ok"] is False and body["failed"] == 1
    [bad] = [v for v in body["verdicts"] if not v["ok"]]
    assert bad["kind"] == "text" and "never Invites" in bad["assertion"] and "not" in bad["reason"]


def test_a_source_left_out_fails_the_claims_citing_it(
    seeds_brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(seeds_brief), *map(str, SEEDS[:-1])]) == 1
    assert "not among the sources" in capsys.readouterr().out


def test_a_file_that_is_not_a_brief_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"summary": []}', encoding="utf-8")
    assert main(["verify", str(bad), *map(str, SEEDS)]) == 2
    assert "not a brief in the Brief schema" in capsys.readouterr().err


def test_another_tools_citations_without_sentence_ids_are_found_by_their_quotes(
    seeds_brief: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(seeds_brief.read_text(encoding="utf-8"))

    def strip(node):
        if isinstance(node, dict):
            node.pop("sentence_id", None)
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(data)
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(data), encoding="utf-8")
    assert main(["verify", str(theirs), *map(str, SEEDS)]) == 0
    capsys.readouterr()
    # A quote that is in no sentence of its document fails, naming the document.
    data["summary"][0]["citations"][0]["quote"] = "Words no article holds."
    theirs.write_text(json.dumps(data), encoding="utf-8")
    assert main(["verify", str(theirs), *map(str, SEEDS)]) == 1
    assert "is in no sentence of document" in capsys.readouterr().out


def test_an_empty_source_file_is_named(
    tmp_path: Path, seeds_brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "004.txt"
    empty.write_text("  ")
    assert main(["verify", str(seeds_brief), *map(str, SEEDS[:-1]), str(empty)]) == 2
    assert f"brief: invalid input: {empty} (documents[4].text): text is empty" in capsys.readouterr().err
