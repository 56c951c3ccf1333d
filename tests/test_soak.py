"""The soak (service/bench/soak.py) for a few seconds: its report's shape, every kind of traffic
sent and answered, and no 5xx beyond the documented 502/503/504.

Timing and memory are the soak's own verdict over its full ten minutes; they are not asserted
here (a few seconds on a shared machine say nothing about either).
"""

from __future__ import annotations

import json
import os
import socket
from typing import Any

import httpx
import pytest

from service.bench import soak

SECONDS, RATE = "6", "5"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    """One short soak through its CLI: (exit code, soak.json)."""
    out = tmp_path_factory.mktemp("soak")
    with pytest.MonkeyPatch.context() as env:
        for name in [n for n in os.environ if n.startswith("BRIEF_")]:
            env.delenv(name)  # a developer's shell must not change the soak's settings
        code = soak.main(["--seconds", SECONDS, "--rate", RATE, "--out", str(out)])
    return code, json.loads((out / "soak.json").read_text())


def test_the_report_has_every_section(report) -> None:
    code, r = report
    assert set(r) >= {
        "run",
        "requests",
        "upstream",
        "healthz",
        "rss_mb",
        "cache_entries",
        "gc",
        "undocumented_5xx",
        "citation_problems",
        "unanswered",
        "server_log",
        "verdict",
    }
    assert r["run"]["seconds"] == float(SECONDS) and r["run"]["rate_per_s"] == float(RATE)
    checks = r["verdict"]["checks"]
    assert set(checks) == {
        "undocumented_5xx",
        "healthz_p99_ms",
        "rss_growth_after_warmup",
        "briefs_citing_others",
        "unanswered",
    }
    assert all({"value", "bound", "ok"} <= set(c) for c in checks.values())
    # The exit code is the verdict.
    assert r["verdict"]["ok"] == all(c["ok"] for c in checks.values())
    assert code == (0 if r["verdict"]["ok"] else 1)


def test_every_kind_of_traffic_was_sent_and_answered(report) -> None:
    _, r = report
    kinds = r["requests"]["by_kind"]
    assert set(kinds) == set(soak.KINDS)
    for kind, k in kinds.items():
        assert sum(k["statuses"].values()) >= 1, kind
        assert all(s.isdigit() for s in k["statuses"]), (kind, k["statuses"])  # none unanswered
    by_route = r["requests"]["by_route"]
    assert set(by_route) == {"/brief", "/render/markdown", "/render/html"}
    assert sum(sum(c.values()) for c in by_route.values()) == r["requests"]["total"]
    # New briefs are made, and asked again from the cache.
    assert kinds["new"]["statuses"].get("200", 0) >= 1
    assert r["requests"]["cache_on_hits"].get("hit", 0) >= 1
    for render in ("render_md", "render_html"):
        assert "200" in kinds[render]["statuses"] and set(kinds[render]["statuses"]) <= {"200", "503"}
    # Bad input is refused as such.
    assert set(kinds["bad"]["statuses"]) <= {"413", "422"}
    # Hostile profiles answer (a brief or a 4xx), and faults reached the fake upstream.
    assert all(s == "200" or s.startswith("4") or s in {"503", "504"} for s in kinds["hostile"]["statuses"])
    served = r["upstream"]["served"]
    assert served.get("ok", 0) >= 1
    assert sum(n for mode, n in served.items() if mode in soak.FAULTS) >= 1
    # The server counted what the client saw.
    server = r["requests"]["server_counts"]
    for route, statuses in by_route.items():
        assert server[route] == statuses, route


def test_no_undocumented_5xx_and_every_brief_cites_its_own_documents(report) -> None:
    _, r = report
    assert r["undocumented_5xx"] == [] and r["verdict"]["checks"]["undocumented_5xx"]["value"] == 0
    assert r["citation_problems"] == []
    assert r["unanswered"] == []
    assert r["server_log"]["errors"] == 0, r["server_log"]["first_errors"]


def test_healthz_was_polled_and_rss_read_throughout(report) -> None:
    _, r = report
    hz = r["healthz"]
    assert hz["n"] >= 10 and hz["failures"] == 0
    assert hz["p50_ms"] is not None and hz["p99_ms"] >= hz["p50_ms"]
    assert [m["minute"] for m in hz["per_minute"]] == [1]
    rss = r["rss_mb"]
    assert 0 < rss["start"] <= rss["peak"] and rss["warm"] > 0 and rss["end"] > 0


def test_the_tables_name_every_part(report) -> None:
    _, r = report
    text = soak.format_report(r)
    for needle in ("/brief", "/render/html", "/healthz every", "RSS MB: start", "verdict:"):
        assert needle in text


def test_the_faulty_upstream_answers_each_fault() -> None:
    upstream = soak.FaultyUpstream()
    completion = {"prompt": "Where does it stand?", "max_tokens": 1, "logit_bias": {" agreed": 60}}
    with upstream.run() as url:
        with httpx.Client(base_url=url, timeout=soak.HANG_S + soak.DRIP_S) as client:
            assert client.get("/models").status_code == 200
            ok = client.post("/completions", json=completion)
            assert ok.status_code == 200 and ok.json()["choices"][0]["text"] == " agreed"
            marked = {**completion, "prompt": f"{soak.FAULT_MARK}error"}
            assert client.post("/completions", json=marked).status_code == 500
            marked["prompt"] = f"{soak.FAULT_MARK}garbage"
            with pytest.raises(json.JSONDecodeError):
                client.post("/completions", json=marked).json()
            marked["prompt"] = f"{soak.FAULT_MARK}drop"
            with pytest.raises(httpx.RemoteProtocolError):
                client.post("/completions", json=marked)
        with httpx.Client(base_url=url, timeout=0.3) as client:
            marked["prompt"] = f"{soak.FAULT_MARK}hang"
            with pytest.raises(httpx.ReadTimeout):
                client.post("/completions", json=marked)
    assert upstream.served == {"ok": 2, "error": 1, "garbage": 1, "drop": 1, "hang": 1}
    # Every address it used was on loopback, and it stopped: its port is closed now.
    host, port = url.removeprefix("http://").split("/")[0].split(":")
    assert host == "127.0.0.1"
    with pytest.raises(OSError), socket.create_connection((host, int(port)), timeout=1):
        pass


def test_citation_problems_name_foreign_documents_and_quotes() -> None:
    docs = [{"id": "a", "text": "Kyiv said no. Moscow said yes."}]
    good = {
        "sources": [{"doc_id": "a"}],
        "summary": [{"citations": [{"doc_id": "a", "quote": "Kyiv said no."}]}],
    }
    assert soak.citation_problems(good, docs) == []
    bad = {
        "sources": [{"doc_id": "b"}],
        "issues": [{"positions": [{"claim": {"citations": [{"doc_id": "a", "quote": "Kyiv said yes."}]}}]}],
        "summary": [{"citations": [{"doc_id": "b", "quote": "x"}]}],
    }
    problems = soak.citation_problems(bad, docs)
    assert len(problems) == 3 and any("not in 'a'" in p for p in problems)


def test_percentile_is_nearest_rank() -> None:
    assert soak.percentile([], 0.99) is None
    values = [float(v) for v in range(1, 101)]
    assert soak.percentile(values, 0.5) == 50.0 and soak.percentile(values, 0.99) == 99.0
    assert soak.percentile([7.0], 0.99) == 7.0


def test_the_deck_holds_each_kind_in_its_share() -> None:
    traffic = soak.Traffic(soak.Settings(base_url="http://127.0.0.1:9/v1", **soak.SOAK_SETTINGS), seed=1)
    drawn = [traffic.next_kind() for _ in range(2 * sum(soak.DECK.values()))]
    assert {k: drawn.count(k) for k in soak.DECK} == {k: 2 * n for k, n in soak.DECK.items()}
