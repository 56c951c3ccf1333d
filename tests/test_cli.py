"""The `brief summarize` command, run in-process with the model step off."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from service.cli import main, read_documents
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


def test_an_empty_file_is_named_with_the_field_it_fills(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["summarize", str(SEEDS[0]), str(empty), "--no-model"]) == 2
    err = capsys.readouterr().err
    assert f"{empty} (documents[1].text): text is empty" in err
    assert "pydantic" not in err and "Value error" not in err
    assert main(["topic", "draft", str(empty)]) == 2
    assert f"{empty} (documents[0].text): text is empty" in capsys.readouterr().err


def test_a_binary_file_stops_the_run_naming_it(tmp_path: Path) -> None:
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"GIF89a" + bytes(range(256)))
    with pytest.raises(SystemExit, match=r"photo\.txt is not text \(it holds a NUL byte at position 6\)"):
        main(["summarize", str(blob), "--no-model"])


def test_a_file_in_another_encoding_is_briefed_and_the_user_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The first seed saved as Windows-1252 after one word is given an accent.
    text = SEEDS[0].read_text(encoding="utf-8").replace("Moscow", "Moscöw", 1)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(text.encode("cp1252", errors="replace"))
    assert main(["summarize", str(latin), "--no-model", "--topic", "ukraine_peace_talks"]) == 0
    out, err = capsys.readouterr()
    at = text.encode("cp1252", errors="replace").index("ö".encode("cp1252"))
    assert f"{latin}: not UTF-8 (byte 0xf6 at position {at})" in err
    assert json.loads(out)["summary"]


def test_a_utf8_byte_order_mark_is_no_part_of_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marked = tmp_path / "marked.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + SEEDS[0].read_bytes())
    [document] = read_documents([marked])
    assert document["text"] == SEEDS[0].read_text(encoding="utf-8")
    assert "not UTF-8" not in capsys.readouterr().err


def test_an_output_path_that_cannot_take_the_file_fails_before_the_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import service.briefing

    async def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("briefed although the output could not be written")

    monkeypatch.setattr(service.briefing, "make_brief", never)
    assert main(["summarize", str(SEEDS[0]), "--no-model", "--format", "md", "-o", str(tmp_path)]) == 2
    assert f"{tmp_path} is a directory; pass a file path with -o (say {tmp_path / 'brief.md'})" in (
        capsys.readouterr().err
    )
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert main(["summarize", str(SEEDS[0]), "--no-model", "-o", str(blocked / "brief.json")]) == 2
    assert f"cannot write {blocked / 'brief.json'}:" in capsys.readouterr().err
    assert main(["topic", "draft", *map(str, SEEDS), "-o", str(tmp_path)]) == 2
    assert f"(say {tmp_path / 'profile.yaml'})" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["99999", "-1", "eighty"])
def test_a_port_out_of_range_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", port])
    assert exit_.value.code == 2
    said = capsys.readouterr().err
    assert f"argument --port: {port!r} is no TCP port: give a number from 0 to 65535" in said


def test_serve_on_a_port_in_use_fails_before_the_app_starts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # uvicorn binds after the app's startup, which starts the embedded model: minutes lost to a typo.
    import uvicorn

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server ran although its port was taken")

    monkeypatch.setattr(uvicorn.Server, "run", never)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exit_:
            main(["serve", "--host", "127.0.0.1", "--port", str(port)])
    assert str(exit_.value) == (
        f"brief: cannot listen on 127.0.0.1:{port}: Address already in use; stop what uses the port, "
        "or pick another with --port"
    )


@pytest.mark.parametrize(
    "argv", [["eval", "--concurrency", "0"], ["bench", "--rounds", "0"], ["bench", "--rounds", "-3"]]
)
def test_a_count_below_one_is_a_usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # Zero cases at a time would wait forever; zero rounds would time nothing.
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert f"{argv[-1]!r} is no count: give a whole number, 1 or more" in capsys.readouterr().err


def test_a_wrong_setting_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from service.settings import get_settings

    monkeypatch.setenv("BRIEF_PORT", "99999")
    monkeypatch.setenv("BRIEF_USE_MODEL", "maybe")
    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit, match=r"BRIEF_PORT: Input should be less than or equal to 65535") as e:
            main(["topic", "schema"])
        assert "BRIEF_USE_MODEL: Input should be a valid boolean" in str(e.value)
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


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
