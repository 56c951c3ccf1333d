"""The mutation summary: mutmut's statuses counted by module, with equivalents set apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mutation.run import load_core
from tests.mutation.summarize import load_equivalent, parse, report, summarize

RESULTS = """\
    service.verify.x_check_claim__mutmut_1: killed
    service.verify.x_check_claim__mutmut_2: survived
    service.verify.xǁSourcesǁof__mutmut_3: timeout
    service.judge.x_choose__mutmut_1: no tests
    service.judge.x_choose__mutmut_2: survived
    service.judge.x_choose__mutmut_3: segfault
"""


def test_parse_reads_every_mutant_and_its_status() -> None:
    statuses = parse(RESULTS + "noise that is not a result\n")
    assert len(statuses) == 6
    assert statuses["service.verify.xǁSourcesǁof__mutmut_3"] == "timeout"
    assert statuses["service.judge.x_choose__mutmut_1"] == "no tests"


def test_counts_by_module_and_score_set_equivalents_apart() -> None:
    equivalent = {"service.judge.x_choose__mutmut_2": "same result either way"}
    summary = summarize(parse(RESULTS), equivalent)
    assert summary["modules"] == {
        "judge": {"killed": 1, "survived": 1, "equivalent": 1},
        "verify": {"killed": 2, "survived": 1, "equivalent": 0},
    }
    # killed 3 (a timeout and a segfault are caught too); survived 2 ("no tests" is a survivor).
    assert summary["score"] == pytest.approx(3 / 5)
    assert summary["survivors"] == [
        "service.judge.x_choose__mutmut_1: no tests",
        "service.verify.x_check_claim__mutmut_2: survived",
    ]
    assert summary["stale_equivalent"] == []


def test_an_equivalent_that_was_killed_is_stale_but_other_modules_entries_are_not() -> None:
    equivalent = {
        "service.verify.x_check_claim__mutmut_1": "claimed equivalent, yet a test kills it",
        "service.topic.x_fit__mutmut_9": "a module not run this time",
    }
    summary = summarize(parse(RESULTS), equivalent)
    assert summary["stale_equivalent"] == ["service.verify.x_check_claim__mutmut_1"]
    assert summary["modules"]["verify"]["equivalent"] == 0


def test_an_incomplete_run_is_an_error_not_a_score() -> None:
    with pytest.raises(ValueError, match="not checked"):
        summarize(parse(RESULTS + "    service.verify.x_f__mutmut_9: not checked\n"), {})


def test_report_fails_below_the_minimum_score(capsys: pytest.CaptureFixture[str]) -> None:
    summary = summarize(parse(RESULTS), {})
    assert report(summary, min_score=0.5) == 0
    assert report(summary, min_score=0.7) == 1
    assert "below 0.7" in capsys.readouterr().err


def test_an_equivalent_needs_its_reason(tmp_path: Path) -> None:
    listed = tmp_path / "equivalent.yaml"
    listed.write_text("service.verify.x_f__mutmut_1: ''\n", encoding="utf-8")
    with pytest.raises(ValueError, match="give a reason for service.verify.x_f__mutmut_1"):
        load_equivalent(listed)


def test_checked_in_lists_are_well_formed() -> None:
    """Every core module exists with its tests, and every equivalent names a core module."""
    core = load_core()
    assert {"verify", "judge", "cache", "api", "screen", "ingest", "topic"} <= set(core)
    assert {name.split(".")[1] for name in load_equivalent()} <= set(core)


def test_core_modules_must_exist(tmp_path: Path) -> None:
    bad = tmp_path / "core.toml"
    bad.write_text('[nosuch]\ntests = ["tests/test_verify.py"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="names no module service/nosuch.py"):
        load_core(bad)
