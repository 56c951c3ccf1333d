"""Settings are documented: every BRIEF_* variable appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from service.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_readme(name: str) -> None:
    assert f"`BRIEF_{name.upper()}`" in README


def test_settings_read_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_DEADLINE_S", "7.5")
    monkeypatch.setenv("BRIEF_USE_MODEL", "false")
    s = Settings()
    assert s.deadline_s == 7.5
    assert s.use_model is False


def test_invalid_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_MAX_CLAIM_RATIO", "3")
    with pytest.raises(ValidationError, match="max_claim_ratio"):
        Settings()


def test_the_retired_auth_token_variable_stops_the_service(monkeypatch: pytest.MonkeyPatch) -> None:
    # Left set after the rename, it would otherwise be ignored and the API would run open.
    monkeypatch.setenv("BRIEF_AUTH_TOKEN", "s3cret")
    with pytest.raises(ValidationError, match="BRIEF_API_KEYS"):
        Settings()
