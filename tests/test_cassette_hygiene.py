"""Cassette hygiene: replay is the default, a missing recording fails naming the re-record command,
credentials are filtered when a cassette is written, and no cassette in the repository holds one.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import httpx
import pytest
import vcr
import yaml

from service.briefing import make_brief
from service.evals.runner import CASSETTES, REPLAY_URL, SECRET_HEADERS, SECRET_QUERY, cassette_config
from service.llm import OpenAIModel, capabilities_for
from service.schema import BriefRequest, Document
from service.settings import PROJECT_ROOT, Settings
from tests.fake_openai import FakeOpenAI, Fault
from tests.test_cassettes import DOCS, RERECORD, recorded_or_fail

SEED_CASSETTE = (
    Path(__file__).parent
    / "cassettes"
    / "test_cassettes"
    / "test_seed_brief_from_recorded_model_traffic.yaml"
)
EVERY_CASSETTE = sorted([*(Path(__file__).parent / "cassettes").rglob("*.yaml"), *CASSETTES.glob("*.yaml")])
SECRET = "sk-proj-Zx81SECRETsecretSECRET0000"

# Credentials as they look in the wild; any match in a cassette fails the suite.
TOKEN_PATTERNS = {
    "bearer token": re.compile(r"(?i)\bbearer\s+(?=[\w.~+/=-]*\d)[\w.~+/=-]{16,}"),
    "OpenAI-style key": re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
}
SECRET_RESPONSE_HEADERS = {"set-cookie", "openai-organization", "openai-project"}


def credentials_in(path: Path) -> list[str]:
    """What in this cassette looks like a credential: secret headers, key-like query parameters,
    token patterns anywhere in the file."""
    raw = path.read_text(encoding="utf-8")
    found = [f"{name} in the file" for name, pattern in TOKEN_PATTERNS.items() if pattern.search(raw)]
    for n, interaction in enumerate((yaml.safe_load(raw) or {}).get("interactions", [])):
        request, response = interaction.get("request", {}), interaction.get("response", {})
        headers = {h.lower() for h in request.get("headers") or {}}
        found += [f"interaction {n}: request header {h}" for h in sorted(headers & set(SECRET_HEADERS))]
        headers = {h.lower() for h in response.get("headers") or {}}
        found += [f"interaction {n}: response header {h}" for h in sorted(headers & SECRET_RESPONSE_HEADERS)]
        query = httpx.URL(request.get("uri", "")).params
        found += [f"interaction {n}: query parameter {k}" for k in query if k.lower() in SECRET_QUERY]
    return found


# --- replay by default, loud misses -------------------------------------------------------------


def test_replay_is_the_default(pytestconfig: pytest.Config, record_mode: str) -> None:
    addopts = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "--record-mode" not in addopts["addopts"]
    assert pytestconfig.getoption("--record-mode") is None
    assert record_mode == "none"
    assert cassette_config("none")["record_mode"] == "none"


def test_the_re_record_command_is_the_readme_s() -> None:
    assert RERECORD in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


async def test_a_request_missing_from_the_cassette_fails_naming_the_re_record_command() -> None:
    # The recorded request, its split report saying "latest round" for "last round": the status
    # question quotes the report, so the cassette never heard it.
    settings = Settings(base_url=REPLAY_URL, max_retries=0, fallback=False)
    model = OpenAIModel(settings, REPLAY_URL, capabilities_for(settings, embedded=True))
    documents = [Document(id=k, text=v.replace("last round", "latest round")) for k, v in DOCS.items()]
    try:
        with (
            vcr.VCR(**cassette_config("none")).use_cassette(str(SEED_CASSETTE)),
            pytest.raises(pytest.fail.Exception) as failed,
            recorded_or_fail(),
        ):
            await make_brief(BriefRequest(documents=documents), model, settings)
    finally:
        await model.close()
    message = str(failed.value)
    assert RERECORD in message and "not in the cassette" in message
    assert f"nothing listens at {REPLAY_URL}" in message


async def test_other_failures_pass_through_unchanged() -> None:
    with pytest.raises(ValueError, match="not a replay miss"), recorded_or_fail():
        raise ValueError("not a replay miss")


# --- filtered at record time --------------------------------------------------------------------


def record(path: Path, config: dict[str, Any]) -> None:
    """Record one request carrying every kind of credential, answered with a cookie."""
    models = {"object": "list", "data": [{"id": "m", "object": "model", "owned_by": "x"}]}
    headers = {"Set-Cookie": f"session={SECRET}", "OpenAI-Organization": "org-SECRET"}
    with (
        FakeOpenAI([Fault(200, headers=headers, body=models)]) as fake,
        vcr.VCR(**config).use_cassette(str(path)),
    ):
        httpx.get(
            f"{fake.url}/models",
            params={"key": SECRET, "api_key": SECRET, "token": SECRET, "limit": "5"},
            headers={
                "Authorization": f"Bearer {SECRET}",
                "api-key": SECRET,
                "x-api-key": SECRET,
                "Cookie": f"session={SECRET}",
            },
        )


def test_credentials_are_filtered_when_a_cassette_is_recorded(tmp_path: Path) -> None:
    cassette = tmp_path / "recorded.yaml"
    record(cassette, cassette_config("all"))
    text = cassette.read_text()
    assert SECRET not in text and "org-SECRET" not in text
    assert credentials_in(cassette) == []
    (interaction,) = yaml.safe_load(text)["interactions"]
    assert dict(httpx.URL(interaction["request"]["uri"]).params) == {"limit": "5"}  # the rest kept


def test_the_scan_finds_every_credential_an_unfiltered_recording_holds(tmp_path: Path) -> None:
    # The negative control: the same traffic recorded without the filters.
    cassette = tmp_path / "unfiltered.yaml"
    record(cassette, {"record_mode": "all"})
    found = credentials_in(cassette)
    for what in ("bearer token", "OpenAI-style key"):
        assert f"{what} in the file" in found
    for header in ("api-key", "authorization", "cookie", "x-api-key"):
        assert f"interaction 0: request header {header}" in found
    for header in ("openai-organization", "set-cookie"):
        assert f"interaction 0: response header {header}" in found
    for param in ("key", "api_key", "token"):
        assert f"interaction 0: query parameter {param}" in found


@pytest.mark.parametrize(
    "line",
    [
        "Authorization: Bearer abc123def456ghi789",
        "key AKIAIOSFODNN7EXAMPLE here",
        "ghp_" + "a1" * 18,
        "AIza" + "B" * 35,
        "-----BEGIN RSA PRIVATE KEY-----",
    ],
)
def test_the_scan_finds_token_patterns(tmp_path: Path, line: str) -> None:
    cassette = tmp_path / "planted.yaml"
    cassette.write_text(yaml.safe_dump({"interactions": [], "note": line}))
    assert credentials_in(cassette)


def test_the_scan_does_not_flag_article_prose(tmp_path: Path) -> None:
    cassette = tmp_path / "prose.yaml"
    prose = "The standard-bearer of the opposition said the token gesture was a key step; sk-ills."
    cassette.write_text(yaml.safe_dump({"interactions": [], "note": prose}))
    assert credentials_in(cassette) == []


# --- every cassette in the repository -----------------------------------------------------------


def test_there_are_cassettes_to_scan() -> None:
    names = {p.name for p in EVERY_CASSETTE}
    assert SEED_CASSETTE.name in names and {"seeds.yaml", "port_strike.yaml"} <= names


@pytest.mark.parametrize("cassette", EVERY_CASSETTE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_cassette_holds_a_credential(cassette: Path) -> None:
    assert credentials_in(cassette) == [], f"{cassette} holds credentials; scrub it and re-record"
