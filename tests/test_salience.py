"""Salience: the fitted model that weighs each claim by how likely it states a fact a reader lists."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from types import ModuleType

import pytest

from service import salience as salience_module
from service.salience import FEATURES, WEIGHTS_FILE, features, log_odds, salience
from service.select import concepts, readings
from service.settings import PROJECT_ROOT
from tests.clauses import ev


def _trainer() -> ModuleType:
    path = PROJECT_ROOT / "evals" / "train_salience.py"
    spec = importlib.util.spec_from_file_location("train_salience", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _salience_of(*items):
    """Each clause's salience, read among the others (their phrases' articles counted together)."""
    rs = readings(list(items), {e.id: concepts(e) for e in items})
    return [salience(r) for r in rs]


def test_a_party_s_dated_position_is_more_salient_than_a_bare_transition():
    position = ev(
        "pos", "Russia wants Ukrainian troops to leave Donetsk by March 5.", 3, "Russia", ("territory",)
    )
    transition = ev("then", "Then there is the matter of the plant.", 7, None, ("zaporizhzhia",), doc="d2")
    high, low = _salience_of(position, transition)
    assert 0 < low < high < 1


def test_who_leads_a_side_is_read_as_the_summary_s_who():
    """A delegation's head is a fact readers list: the feature is read from the clause's concepts."""
    who = ev("who", "Russia's delegation is headed by Admiral Igor Kostyukov.", 2)
    other = ev("other", "Russia's delegation arrived in the city on a chartered plane.", 2, doc="d2")
    names = list(FEATURES)
    rows = [features(r) for r in readings([who, other], {e.id: concepts(e) for e in (who, other)})]
    at = names.index("who met")
    assert (rows[0][at], rows[1][at]) == (1.0, 0.0)
    assert _salience_of(who, other)[0] > _salience_of(who, other)[1]


def test_features_count_names_and_figures_up_to_a_cap():
    many = ev("many", "Talks in Geneva, Vienna, Oslo, Doha and Riyadh on 1, 2, 3, 4 and 5 May.", 1)
    r = readings([many], {many.id: concepts(many)})[0]
    row = dict(zip(FEATURES, features(r), strict=True))
    assert row["names"] == 1.0 and row["dates and numbers"] == 1.0
    assert row["lead"] == 1.0 and row["headline"] == 0.0


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("The government raised its own offer from 100 million to 180 million euros.", 1.0),
        ("Ekdahl said the state would now cover up to €200 million, up from €180 million.", 1.0),
        ("Kestrel has cut its demand to 12 months.", 1.0),
        ("The fee rises to €38.2 million in 2027.", 0.0),
        ("From Monday to Friday the delegations met at Aula House.", 0.0),
    ],
)
def test_a_figure_that_moved_is_read_as_a_move(text: str, moved: float):
    """An offer or demand moved to a figure is what a reader lists as a move; a figure alone is not."""
    e = ev("move", text, 3)
    row = dict(zip(FEATURES, features(readings([e], {e.id: concepts(e)})[0]), strict=True))
    assert row["a figure moved"] == moved


def test_the_log_odds_weigh_every_value_and_refuse_a_count_that_does_not_match():
    assert log_odds([1.0, -2.0, 0.5], [3.0, 1.0, 4.0]) == 3.0
    with pytest.raises(ValueError):
        log_odds([1.0, 2.0], [1.0, 2.0, 3.0])


def test_salience_is_the_logistic_of_the_weighted_features(monkeypatch):
    clause = ev("c", "Russia wants troops out of Donetsk by May 5.", 1, "Russia", ("territory",))
    r = readings([clause], {clause.id: concepts(clause)})[0]
    monkeypatch.setattr(salience_module, "_weights", lambda: (0.0,) * len(FEATURES))
    assert salience(r) == 0.5
    bias_only = (2.0,) + (0.0,) * (len(FEATURES) - 1)
    monkeypatch.setattr(salience_module, "_weights", lambda: bias_only)
    assert salience(r) == pytest.approx(1 / (1 + math.exp(-2.0)))


@pytest.mark.parametrize(
    "content",
    [
        {"features": ["bias"], "weights": [0.0]},
        {"features": list(FEATURES), "weights": [0.0]},
        {"features": list(FEATURES)},
        [0.0],
    ],
)
def test_weights_for_other_features_are_refused_with_the_way_to_refit(tmp_path: Path, content):
    stale = tmp_path / "salience.json"
    stale.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(RuntimeError, match="other features.*evals/train_salience.py"):
        salience_module._weights(stale)


@pytest.mark.parametrize("content", [None, "", "{not json"])
def test_a_missing_or_unreadable_weights_file_names_itself_and_the_fix(tmp_path: Path, content):
    path = tmp_path / "salience.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(RuntimeError, match=f"cannot read the salience weights {path}.*reinstall Brief"):
        salience_module._weights(path)


def test_the_committed_weights_are_what_fitting_on_the_tuned_and_dev_cases_gives(capsys):
    trainer = _trainer()
    assert trainer.main(["--check"]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "matches a refit" in out
    kept = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    # No held-out case is among those fitted on.
    held_out = {c.name for c in trainer.load_cases(trainer.EVALS / "cases") if c.held_out}
    assert held_out and not held_out & set(kept["cases"])


def test_the_check_fails_on_weights_that_a_refit_does_not_give(tmp_path, monkeypatch, capsys):
    trainer = _trainer()
    # Two made-up cases whose clauses are told apart by the first feature after the bias.
    rows = [[1.0, float(i % 2)] + [0.0] * (len(FEATURES) - 2) for i in range(40)]
    labels = [i % 2 for i in range(40)]

    class Named:
        def __init__(self, name: str) -> None:
            self.name = name

    monkeypatch.setattr(trainer, "cases", lambda: [Named("a"), Named("b")])
    monkeypatch.setattr(trainer, "examples", lambda case: (rows, labels))
    monkeypatch.setattr(trainer, "WEIGHTS_FILE", tmp_path / "salience.json")
    assert trainer.main([]) == 0
    written = json.loads((tmp_path / "salience.json").read_text(encoding="utf-8"))
    assert written["cases"] == ["a", "b"] and written["weights"][1] > 0
    assert trainer.main(["--check"]) == 0
    written["weights"][1] += 0.01
    (tmp_path / "salience.json").write_text(json.dumps(written), encoding="utf-8")
    assert trainer.main(["--check"]) == 1
    assert "differs from a refit" in capsys.readouterr().out
