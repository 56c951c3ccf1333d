"""`brief topic schema` and `brief topic check`: the profile format, and a profile file checked."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.cli import main
from service.settings import PROJECT_ROOT

TOPICS = PROJECT_ROOT / "prompts" / "topics"
BUILT_IN = sorted(TOPICS.glob("*.yaml"))

GOOD = """\
name: grain_deal
title: Black Sea grain deal
parties:
  - name: Turkey
    aliases: [Ankara, Erdogan]
  - name: United Nations
    aliases: [UN, Guterres]
issues:
  - id: corridor
    label: Shipping corridor
    keywords: ['corridor', 'ships?']
  - id: inspections
    label: Inspections
    keywords: ['inspect\\w*']
"""


def schema(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["topic", "schema"]) == 0
    return json.loads(capsys.readouterr().out)


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["topic", "check", str(path)])
    return code, capsys.readouterr().out


def write(tmp_path: Path, text: str, name: str = "profile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- schema -------------------------------------------------------------------------------------


def _schema_errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    """The schema's verdict on `instance`: jsonschema's when installed, else a small validator
    of the keywords pydantic emits here ($ref, type, required, properties, additionalProperties,
    items, minItems, minLength, maxLength, pattern, enum, propertyNames)."""
    try:
        import jsonschema
    except ImportError:
        return _mini_validate(instance, schema, schema, "")
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def _mini_validate(value: Any, node: dict[str, Any], root: dict[str, Any], at: str) -> list[str]:
    if "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool}
    if "type" in node and not isinstance(value, kinds[node["type"]]):
        return [f"{at}: not {node['type']}"]
    out = []
    if "enum" in node and value not in node["enum"]:
        out.append(f"{at}: not one of {node['enum']}")
    if isinstance(value, str):
        if len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", len(value)):
            out.append(f"{at}: length")
        if "pattern" in node and not re.search(node["pattern"], value):
            out.append(f"{at}: pattern")
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0):
            out.append(f"{at}: too few items")
        for n, item in enumerate(value):
            out += _mini_validate(item, node.get("items", {}), root, f"{at}/{n}")
    if isinstance(value, dict):
        props = node.get("properties", {})
        out += [f"{at}: {k} is required" for k in node.get("required", []) if k not in value]
        for key, item in value.items():
            if "propertyNames" in node:
                out += _mini_validate(key, node["propertyNames"], root, f"{at}/{key}")
            if key in props:
                out += _mini_validate(item, props[key], root, f"{at}/{key}")
            elif node.get("additionalProperties") is False:
                out.append(f"{at}: {key} is not allowed")
            elif isinstance(node.get("additionalProperties"), dict):
                out += _mini_validate(item, node["additionalProperties"], root, f"{at}/{key}")
    return out


def test_schema_is_the_json_schema_of_a_profile(capsys: pytest.CaptureFixture[str]) -> None:
    found = schema(capsys)
    assert found["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert found["type"] == "object" and set(found["required"]) == {"name", "title", "parties", "issues"}
    # Examples and status cues are optional.
    assert {"examples", "status_cues"} <= set(found["properties"]) - set(found["required"])
    try:
        import jsonschema
    except ImportError:
        pass
    else:
        jsonschema.Draft202012Validator.check_schema(found)


def test_every_field_of_the_schema_is_described(capsys: pytest.CaptureFixture[str]) -> None:
    found = schema(capsys)
    objects = [found, *found["$defs"].values()]
    undescribed = [
        f"{obj.get('title')}.{name}"
        for obj in objects
        for name, prop in obj["properties"].items()
        if len(prop.get("description", "")) < 20
    ]
    assert not undescribed
    keywords = found["$defs"]["Issue"]["properties"]["keywords"]["description"]
    assert "RE2" in keywords


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_the_built_in_profiles_validate_against_the_schema(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _schema_errors(yaml.safe_load(path.read_text(encoding="utf-8")), schema(capsys)) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.pop("parties"),
        lambda p: p.update(colour="blue"),
        lambda p: p["parties"][0].pop("name"),
        lambda p: p["issues"][0].update(id="Not An Id"),
        lambda p: p["issues"][0].update(keywords=[]),
        lambda p: p.update(status_cues={"maybe": ["perhaps"]}),
    ],
    ids=["no parties", "unknown field", "party without name", "bad issue id", "no keywords", "bad status"],
)
def test_the_schema_refuses_what_the_model_refuses(change, capsys: pytest.CaptureFixture[str]) -> None:
    profile = yaml.safe_load(GOOD)
    change(profile)
    assert _schema_errors(profile, schema(capsys))


# --- check --------------------------------------------------------------------------------------


def test_check_passes_a_good_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # No examples and no status cues: both are optional.
    code, out = check(write(tmp_path, GOOD), capsys)
    assert (code, out) == (0, "ok: 2 parties, 2 issues, and the talks' shared one\n")


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_check_passes_the_built_in_profiles(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(path, capsys)
    assert code == 0 and out.startswith("ok: ")
    # The seed topic's own issue holds the talks: it adds no shared one.
    assert out.endswith("issues\n") == (path.stem == "ukraine_peace_talks"), out


def test_check_names_a_bad_regex_by_its_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("keywords: ['inspect\\w*']", "keywords: ['inspect\\w*', '(?<!no)inspections', '*']")
    code, out = check(write(tmp_path, text), capsys)
    assert code == 1
    # Every bad keyword, each with its path and the line it is on.
    assert re.search(r"line 14: issues\[1\]\.keywords\[1\]: '\(\?<!no\)inspections' is not a valid", out)
    assert re.search(r"line 14: issues\[1\]\.keywords\[2\]: '\*' is not a valid regex", out)
    assert "ok:" not in out


def test_check_names_a_missing_party_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("  - name: United Nations\n    aliases", "  - aliases")
    code, out = check(write(tmp_path, text), capsys)
    assert code == 1
    assert re.search(r"line 6: parties\[1\]\.name: Field required", out)


def test_check_names_a_yaml_syntax_error_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("aliases: [Ankara, Erdogan]", "aliases: [Ankara, Erdogan")
    code, out = check(write(tmp_path, text), capsys)
    assert code == 1
    assert re.search(r"line 6, column \d+: YAML syntax error: .*flow sequence.*line 5", out)


def alias_bomb(levels: int) -> str:
    """A profile whose parties are 9**levels aliased copies of one list: billion laughs in YAML."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\nname: t\ntitle: T\nissues: []\nparties: *a{levels}\n"


def test_check_refuses_aliases_that_stand_for_too_many_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 9**5 copies build in a moment; 9**9 (473 bytes) kept a worker busy for minutes before.
    code, out = check(write(tmp_path, alias_bomb(5)), capsys)
    assert code == 1
    assert "line 6: its aliases (*name) stand for more than 100,000 values; no profile holds that many" in out
    seed = str(PROJECT_ROOT / "seeds" / "000_fa65fd90d91e186e.txt")
    assert main(["summarize", seed, "--no-model", "--topic", str(write(tmp_path, alias_bomb(5)))]) == 2
    assert (
        "topic profile profile.yaml is invalid: line 6: its aliases (*name) stand for"
        in capsys.readouterr().err
    )


def test_check_takes_an_alias_that_repeats_a_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As yaml.dump writes a list given twice; and an alias inside its own value is refused.
    text = GOOD.replace("aliases: [Ankara, Erdogan]", "aliases: &people [Ankara, Erdogan]")
    assert check(write(tmp_path, text + "status_cues: {agreed: *people}\n"), capsys)[0] == 0
    code, out = check(write(tmp_path, text + "examples: &loop [*loop]\n"), capsys)
    assert code == 1 and "an alias (*name) inside the value it names" in out


def test_check_refuses_nesting_no_profile_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for depth in (25, 5_000):  # within the parser's recursion, and far past it
        code, out = check(write(tmp_path, "name: " + "[" * depth + "]" * depth + "\n"), capsys)
        assert code == 1
        assert "nested more than 20 levels deep; a profile needs about five" in out


def test_check_prints_every_problem_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        GOOD.replace("name: grain_deal", "name: grain deal")
        .replace("    label: Inspections\n", "")
        .replace("'ships?'", "'ships?('")
        + "status_cues:\n  agreed: ['(?=deal)']\nexamples:\n  - {sentence: Talks went on., party: Russia}\n"
        + "title: Again\n"
    )
    code, out = check(write(tmp_path, text), capsys)
    assert code == 1
    lines = out.splitlines()
    assert all(line.startswith(f"{tmp_path / 'profile.yaml'}: ") for line in lines)
    wanted = [
        r"name: String should match pattern",
        r"issues\[0\]\.keywords\[1\]: 'ships\?\(' is not a valid regex",
        r"issues\[1\]\.label: Field required",
        r"status_cues\.agreed\[0\]: '\(\?=deal\)' is not a valid regex",
        r"\(root\): key 'title' is given twice",
    ]
    for pattern in wanted:
        assert any(re.search(pattern, line) for line in lines), (pattern, out)


def test_check_names_an_example_of_no_party(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD + "examples:\n  - {sentence: Ankara said the corridor stays open., party: Ankara}\n"
    code, out = check(write(tmp_path, text), capsys)
    assert code == 1
    assert re.search(r"line 16: examples\[0\]\.party: 'Ankara' is not a party of the profile", out)


def test_check_refuses_what_is_not_a_profile_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(write(tmp_path, "- just\n- a list\n"), capsys)
    assert code == 1 and "(root): the file is a list" in out
    code, out = check(tmp_path / "missing.yaml", capsys)
    assert code == 1


def test_schema_is_titled_as_a_brief_topic_profile(capsys: pytest.CaptureFixture[str]) -> None:
    """The schema's title is 'Brief topic profile', not the model's class name."""
    assert schema(capsys)["title"] == "Brief topic profile"


@pytest.mark.parametrize(
    "text, problem",
    [
        # Syntax errors: line and column, the problem, and where the construct it breaks began.
        ("name: a: b\n", "line 1, column 8: YAML syntax error: mapping values are not allowed here"),
        (
            "name: `x`\n",
            "line 1, column 7: YAML syntax error: found character '`' that cannot start any token",
        ),
        (
            GOOD.replace("aliases: [Ankara, Erdogan]", "aliases: [Ankara, Erdogan"),
            "line 6, column 9: YAML syntax error: expected ',' or ']', but got ':' "
            "(while parsing a flow sequence, from line 5)",
        ),
        ("", "(root): the file is empty; a profile is a mapping (name, title, parties, issues, ...)"),
        (
            "just words\n",
            "(root): the file is a str; a profile is a mapping (name, title, parties, issues, ...)",
        ),
        # A field missing from the top is placed where the mapping starts, after any comments.
        (
            "# A profile\n" + GOOD.replace("title: Black Sea grain deal\n", ""),
            "line 2: title: Field required",
        ),
        # An unknown status is named by its key (pydantic's "[key]" marker left out), on its line.
        (
            GOOD + "status_cues:\n  maybe: [perhaps]\n",
            "line 16: status_cues.maybe: Input should be 'agreed', 'narrowing' or 'open'",
        ),
    ],
    ids=["mapping value", "bad character", "flow sequence", "empty", "scalar", "missing title", "bad status"],
)
def test_check_reports_the_one_problem_of_a_file_exactly(
    text: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each of these files has one problem, printed as the path, the line and what is wrong."""
    path = write(tmp_path, text)
    assert check(path, capsys) == (1, f"{path}: {problem}\n")


@pytest.mark.parametrize(
    "text, problem",
    [
        (GOOD + "title: Again\n", "line 15: (root): key 'title' is given twice"),
        # In a mapping nested in a list, with later items free of duplicates.
        (
            GOOD.replace("  - name: Turkey\n", "  - name: Turkey\n    name: Ankara\n"),
            "line 5: parties[0]: key 'name' is given twice",
        ),
        (
            GOOD + "status_cues:\n  open: [open]\n  open: [talks]\n",
            "line 17: status_cues: key 'open' is given twice",
        ),
    ],
    ids=["top level", "in a party", "in status cues"],
)
def test_check_fails_a_profile_whose_only_problem_is_a_key_given_twice(
    text: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key given twice fails the check even though the model would accept the file."""
    path = write(tmp_path, text)
    assert check(path, capsys) == (1, f"{path}: {problem} (the later one would win)\n")


def test_check_survives_a_list_given_twice_with_the_later_copy_longer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With `issues` given twice, a problem in an item only the later copy has is reported at its line."""
    text = GOOD.replace("issues:", "issues:\n  - {id: a, label: A, keywords: [a]}\nissues:", 1).replace(
        "    label: Inspections\n", ""
    )
    code, out = check(write(tmp_path, text), capsys)
    assert code == 1
    assert "line 10: (root): key 'issues' is given twice" in out
    # The later copy is the one PyYAML keeps: its second item opens on line 14, not the first copy's.
    assert re.search(r": line 14: issues\[1\]\.label: Field required$", out, re.MULTILINE)
