"""Install hygiene: `pip install .` brings every module the service imports, with any pip.

Checked against pyproject.toml and the metadata of the installed distributions, not by installing.
"""

from __future__ import annotations

import ast
import importlib.metadata
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from service.settings import PROJECT_ROOT

PROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def names(requirements: Iterable[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


CORE = names(PROJECT["dependencies"])
EXTRAS = names(r for group in PROJECT["optional-dependencies"].values() for r in group)


def third_party_imports() -> Iterator[tuple[str, str, bool]]:
    """(top-level module, file, imported when the file is) for each third-party import in service/."""
    for path in sorted((PROJECT_ROOT / "service").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        at_load = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                root = module.split(".")[0]
                if root != "service" and root not in sys.stdlib_module_names:
                    yield root, str(path.relative_to(PROJECT_ROOT)), id(node) in at_load


def test_every_module_the_service_imports_is_declared() -> None:
    # An import at module level needs a core dependency; one inside a function may be an extra's.
    owners = importlib.metadata.packages_distributions()
    undeclared = set()
    for module, path, at_load in third_party_imports():
        # An extra not installed here (the local model's weights in a dev setup) is known by its
        # import name, which is its distribution's name spelled with underscores.
        distributions = {canonicalize_name(d) for d in owners.get(module, [])} or {canonicalize_name(module)}
        if not distributions & (CORE if at_load else CORE | EXTRAS):
            undeclared.add(f"{module} ({path}; from {sorted(distributions) or 'nothing installed'})")
    assert not undeclared, f"imported but not declared in pyproject.toml: {sorted(undeclared)}"


def test_what_dependencies_get_through_an_extra_is_declared_directly() -> None:
    # Python 3.11's pip (23.2) installs none of `lxml[html_clean]` (justext's, under trafilatura)
    # since lxml spells the extra `html-clean`: what an extra brings must not depend on pip's reading.
    undeclared = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [Requirement(r) for r in PROJECT["dependencies"]]
    while todo:
        wanted = todo.pop()
        key = (canonicalize_name(wanted.name), frozenset(canonicalize_name(e) for e in wanted.extras))
        if key in seen:
            continue
        seen.add(key)
        for raw in importlib.metadata.distribution(wanted.name).requires or []:
            needed = Requirement(raw)
            if needed.marker is None or needed.marker.evaluate({"extra": ""}):
                todo.append(needed)
            elif any(needed.marker.evaluate({"extra": extra}) for extra in key[1]):
                todo.append(needed)
                if canonicalize_name(needed.name) not in CORE:
                    undeclared.add(f"{needed.name} (for {wanted})")
    assert not undeclared, f"reached only through an extra, not declared: {sorted(undeclared)}"


def test_an_installed_wheel_carries_every_prompt_and_topic_profile() -> None:
    """prompts/ sits beside the package in a checkout; a wheel ships it as service/prompt_files."""
    tool = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    prompts = PROJECT_ROOT / "prompts"
    files = [p.relative_to(prompts) for p in prompts.rglob("*") if p.is_file()]
    assert files
    left_out = []
    for f in files:
        package = ".".join(["service.prompt_files", *f.parts[:-1]])
        shipped = package in tool["packages"] and tool["package-dir"].get(package) == "/".join(
            ["prompts", *f.parts[:-1]]
        )
        if not shipped or not any(Path(f.name).match(g) for g in tool["package-data"].get(package, [])):
            left_out.append(str(f))
    assert left_out == [], f"add these to the packages, package-dir and package-data of pyproject: {left_out}"


def test_settings_read_the_packaged_prompts_when_there_is_no_checkout(monkeypatch, tmp_path) -> None:
    import service.settings as settings

    monkeypatch.setattr(settings, "PROJECT_ROOT", tmp_path)  # no prompts/ beside the package
    assert settings._prompts() == Path(settings.__file__).resolve().parent / "prompt_files"
    monkeypatch.setattr(settings, "PROJECT_ROOT", PROJECT_ROOT)
    assert settings._prompts() == PROJECT_ROOT / "prompts"


def test_every_python_package_of_the_service_ships_in_the_wheel() -> None:
    # setuptools is given an explicit list: a package missing from it installs without its code.
    listed = set(
        tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    packages = {
        ".".join(init.parent.relative_to(PROJECT_ROOT).parts)
        for init in (PROJECT_ROOT / "service").rglob("__init__.py")
    }
    assert packages <= listed, f"not in [tool.setuptools] packages: {sorted(packages - listed)}"


def test_an_installed_wheel_carries_the_package_s_own_data_files() -> None:
    """service/salience.json (the fitted weights select reads) ships with the package."""
    tool = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    data = [
        p for p in (PROJECT_ROOT / "service").iterdir() if p.is_file() and p.suffix not in {".py", ".pyc"}
    ]
    assert any(p.name == "salience.json" for p in data)
    patterns = tool["package-data"].get("service", [])
    assert [p.name for p in data if not any(p.match(g) for g in patterns)] == []
