"""`brief eval --mode replay`: offline from recorded cassettes, reports, thresholds, comparison."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
import yaml

from service.bench.soak import SPLIT_REPORT
from service.cli import main
from service.evals import runner
from service.evals.cases import load_case
from service.prompts import load_prompt
from service.settings import Settings
from tests.fakes import FakeModel

ROOT = Path(__file__).parent.parent
SEEDS_CASE = ROOT / "evals" / "cases" / "seeds.yaml"
# The one case whose sources leave an issue split evenly, so its brief asks the model (the
# seeds' asks nothing); a fixture only: nothing is tuned on the held-out case.
ASKING_CASE = ROOT / "evals" / "cases" / "istanbul_talks" / "case.yaml"
METRICS = {
    "fact_recall", "citation_validity", "schema_validity", "compression", "must_not_violations",
    "latency_p50_ms", "latency_p95_ms", "tokens_in", "tokens_out", "retries", "fallback_rate",
    "recall_by_party", "recall_by_issue",
}  # fmt: skip


def run_eval(tmp_path: Path, *extra: str) -> tuple[int, dict]:
    out = tmp_path / "out"
    code = main(["eval", "--mode", "replay", "--cases", str(SEEDS_CASE), "--out", str(out), *extra])
    return code, json.loads((out / "report.json").read_text())


def test_replay_scores_the_seeds_offline_and_writes_both_reports(tmp_path: Path) -> None:
    code, report = run_eval(tmp_path)
    assert code == 0, report["breaches"]
    metrics = report["metrics"]
    assert set(metrics) >= METRICS
    assert metrics["facts"] == 32 and 0 < metrics["fact_recall"] <= 1
    assert metrics["citation_validity"] == 1.0
    assert metrics["must_not_violations"] == []
    assert metrics["scorer"]["n"] >= 40
    (case,) = report["cases"]
    # The seeds leave no issue undecided: the rule settles every status, and the model is not asked.
    assert case["method"] == "llm" and case["brief"]["meta"]["model_calls"] == 0
    # What a reader sees is scored too.
    assert {"fragments", "repeats", "dropped_facts", "wrong_party", "summary_answers"} <= set(case)
    assert case["wrong_party"] is not None and case["summary_answers"] is not None
    assert {f["placement"] for f in case["facts"] if f["found"]} <= {"right", "elsewhere"}
    assert "## Thresholds" in (tmp_path / "out" / "report.md").read_text()


def test_a_replayed_case_asks_its_status_questions_from_the_tape(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["eval", "--mode", "replay", "--cases", str(ASKING_CASE), "--out", str(out)]) == 0
    (case,) = json.loads((out / "report.json").read_text())["cases"]
    # The prior, then a question for each issue the sources leave undecided.
    assert case["method"] == "llm" and case["brief"]["meta"]["model_calls"] >= 2


def test_a_breached_threshold_fails_the_run_and_names_it(tmp_path: Path, capsys) -> None:
    strict = tmp_path / "thresholds.yaml"
    strict.write_text("fact_recall: {min: 0.99}\n")
    code, report = run_eval(tmp_path, "--thresholds", str(strict))
    assert code == 1
    assert report["breaches"] and "fact_recall" in report["breaches"][0]
    assert "threshold breached: fact_recall" in capsys.readouterr().err


def test_compare_prints_a_regression_table(tmp_path: Path, capsys) -> None:
    previous = tmp_path / "previous.json"
    previous.write_text(json.dumps({"metrics": {"fact_recall": 0.5, "retries": 3}}))
    code, report = run_eval(tmp_path, "--compare", str(previous))
    assert code == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("fact_recall"))
    assert "0.5" in row and f"{report['metrics']['fact_recall'] - 0.5:+.4g}" in row


async def test_a_replay_clears_the_models_priors_before_each_case(monkeypatch) -> None:
    """Each replayed case asks for its prior, as it did when recorded: no prior leaks from the case before."""
    model = FakeModel()

    @contextlib.asynccontextmanager
    async def fake_model(mode, settings):
        yield model

    monkeypatch.setattr(runner, "_model_for", fake_model)
    settings = Settings()
    case = load_case(ASKING_CASE)
    run = await runner.run_cases([case, case], settings, "replay", pairs=None)
    empty = load_prompt(settings.prompts_dir, "status").render(issue="", reports=[])
    assert sum(1 for kind, (prompt, _) in model.calls if kind == "score" and prompt == empty) == 2
    first, second = (r.brief.meta for r in run.results)
    assert first.method == second.method == "llm"
    assert first.model_calls == second.model_calls > 1


async def test_re_recording_a_case_the_model_is_no_longer_asked_about_empties_its_cassette(
    monkeypatch, tmp_path: Path
) -> None:
    """A stale recording is not kept: replay must expect no call where the brief makes none."""
    stale = tmp_path / "seeds.yaml"
    stale.write_text((ROOT / "evals" / "cassettes" / "istanbul_talks.yaml").read_text())
    assert yaml.safe_load(stale.read_text())["interactions"]

    @contextlib.asynccontextmanager
    async def fake_model(mode, settings):
        yield FakeModel()

    monkeypatch.setattr(runner, "_model_for", fake_model)
    monkeypatch.setattr(runner, "CASSETTES", tmp_path)
    await runner.run_cases([load_case(SEEDS_CASE)], Settings(), "live", record=True, pairs=None)
    assert yaml.safe_load(stale.read_text())["interactions"] == []


def test_record_needs_live_mode(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="--mode live"):
        main(["eval", "--mode", "replay", "--record", "--cases", str(SEEDS_CASE), "--out", str(tmp_path)])


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--cases", "/no/such/cases"], r"/no/such/cases: no such file or directory; give a case file"),
        (["--compare", "/no/such/report.json"], r"cannot read /no/such/report.json: No such file"),
        (["--compare", "{tmp}/report.json"], r"report.json is no report.json of `brief eval`"),
        (["--thresholds", "/no/such.yaml"], r"cannot use the thresholds /no/such.yaml: No such file"),
        (["--thresholds", "{tmp}/report.json"], r"cannot use the thresholds .*must be a mapping"),
    ],
)
def test_a_file_the_run_needs_is_checked_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], says: str
) -> None:
    from service.evals import runner

    async def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("ran the cases before finding the file unusable")

    monkeypatch.setattr(runner, "run_cases", never)
    (tmp_path / "report.json").write_text('{"fact_recall": [1]}')  # JSON and YAML, no report, no bounds
    argv = ["eval", "--mode", "replay", "--cases", str(SEEDS_CASE), "--out", str(tmp_path / "out")]
    with pytest.raises(SystemExit, match=says):
        main([*argv, *(a.replace("{tmp}", str(tmp_path)) for a in extra)])


def test_html_report_is_self_contained_and_charts_the_history(tmp_path: Path) -> None:
    history = tmp_path / "history"
    for _ in range(2):
        code = main(
            ["eval", "--cases", str(ASKING_CASE), "--out", str(tmp_path / "out"), "--history", str(history)]
        )
        assert code == 0
    assert len(list(history.glob("*.json"))) == 2
    page = (tmp_path / "out" / "report.html").read_text()
    assert page.count("<svg") == 5 and "2 run(s)" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page


def test_html_report_escapes_untrusted_text() -> None:
    from service.evals.html_report import to_html

    attack = "<img src=x onerror=alert(1)>"
    case = {"name": attack, "fact_recall": 0.5, "facts": [
        {"id": "f1", "party": None, "issue": None, "found": True, "placement": "right", "reason": attack}
    ]}  # fmt: skip
    values = {"fact_recall": 0.5, "recall_by_party": {attack: 1.0}, "recall_by_issue": {}}
    page = to_html(values, [case], [attack], [{"at": "t", "metrics": values}])
    assert attack not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_replay_with_the_llm_judge_reads_every_verdict_from_its_cassettes(tmp_path: Path) -> None:
    code, report = run_eval(tmp_path, "--matcher", "judge")
    assert code == 0, report["breaches"]
    metrics = report["metrics"]
    scorer = metrics["scorer"]
    # A call missing from evals/cassettes/judge/ would fail and leave facts unmeasured.
    assert scorer["matcher"] == "judge" and scorer["judge_failures"] == 0 and scorer["judge_calls"] > 32
    assert metrics["facts_unmeasured"] == 0 and scorer["n"] >= 40
    assert "judge matcher" in (tmp_path / "out" / "report.md").read_text()


def test_replay_with_the_semantic_matcher_and_a_foreign_case_set(tmp_path: Path) -> None:
    # A case set with ids unknown to the scorer pairs: the scorer is still checked, on the seeds' facts.
    port = ROOT / "evals" / "cases" / "port_strike" / "case.yaml"
    out, bounds = tmp_path / "out", tmp_path / "thresholds.yaml"
    bounds.write_text("citation_validity: {min: 1.0}\n")  # recall bounds belong to the regex scorer
    argv = ["eval", "--mode", "replay", "--matcher", "semantic", "--cases", str(port), "--out", str(out)]
    code = main([*argv, "--thresholds", str(bounds)])
    report = json.loads((out / "report.json").read_text())
    assert code == 0, report["breaches"]
    assert report["metrics"]["scorer"]["matcher"] == "semantic"
    assert report["metrics"]["facts"] == 30 and report["metrics"]["fact_recall"] > 0


def test_a_replay_that_misses_its_cassette_stops_and_names_the_re_record_command(tmp_path: Path) -> None:
    # The seeds case and a report that leaves the security guarantees undecided: a question for
    # the model that evals/cassettes/seeds.yaml does not hold.
    case = yaml.safe_load(SEEDS_CASE.read_text())
    case["documents"] = [str((SEEDS_CASE.parent / d).resolve()) for d in case["documents"]]
    case["documents"].insert(0, str(SPLIT_REPORT))
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case))
    with pytest.raises(SystemExit, match="Re-record with `brief eval --mode live --record`"):
        main(["eval", "--mode", "replay", "--cases", str(path), "--out", str(tmp_path / "out")])
