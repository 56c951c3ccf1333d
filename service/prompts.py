"""Prompt templates: Jinja files under prompts/ named NAME.vN.j2; the version travels with every brief."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

_NAME = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.j2$")


@dataclass(frozen=True)
class Prompt:
    """A loaded template and its version tag, e.g. 'attribute.v2'."""

    name: str
    version: str
    source: str

    def render(self, **variables: object) -> str:
        """Fill the template; article text is passed as data, never compiled as template source."""
        return _compiled(self.source).render(**variables)


@lru_cache(maxsize=64)
def _compiled(source: str) -> Template:
    # Compiling costs ~2 ms, a brief renders dozens of prompts: compile each template once.
    return _env().from_string(source)


@lru_cache
def _env() -> SandboxedEnvironment:
    # Sandboxed and strict: a typo in a variable name fails loudly instead of rendering blank.
    env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)
    env.filters["quote"] = quote
    return env


def quote(value: object) -> str:
    """Article text as a JSON string literal: quoted data inside a prompt, never instructions."""
    return json.dumps(value, ensure_ascii=False)


def load_prompt(prompts_dir: Path, name: str) -> Prompt:
    """The highest version of prompt NAME under prompts_dir."""
    found = []
    for path in prompts_dir.glob(f"{name}.v*.j2"):
        m = _NAME.match(path.name)
        if m and m["name"] == name:
            found.append((int(m["version"]), path))
    if not found:
        raise FileNotFoundError(f"no prompt template {name}.vN.j2 in {prompts_dir}")
    version, path = max(found)
    return Prompt(name, f"{name}.v{version}", path.read_text(encoding="utf-8"))


def prompt_versions(prompts_dir: Path) -> dict[str, str]:
    """Every prompt under prompts_dir at its highest version: {name: 'name.vN <sha256 of the source>'}."""
    # Asked on every request (the cache key): read the files again only when one has changed.
    stamp = tuple(sorted((e.name, e.stat().st_mtime_ns) for e in os.scandir(prompts_dir) if e.is_file()))
    return dict(_versions(prompts_dir, stamp))


@lru_cache(maxsize=8)
def _versions(prompts_dir: Path, stamp: tuple[tuple[str, int], ...]) -> tuple[tuple[str, str], ...]:
    names = {m["name"] for p in prompts_dir.glob("*.v*.j2") if (m := _NAME.match(p.name))}
    versions = {}
    for name in sorted(names):
        prompt = load_prompt(prompts_dir, name)
        versions[name] = f"{prompt.version} {hashlib.sha256(prompt.source.encode()).hexdigest()[:16]}"
    return tuple(versions.items())
