"""Run mutmut on each core module against its own tests, then write the summary.

Each module runs in its own copy of the project under out/mutation/work/, whose pyproject.toml
names that module and its tests (tests/mutation/core.toml), so one module's mutants never wait
on another module's slower tests.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from tests.mutation.summarize import load_equivalent, parse, report, summarize

ROOT = Path(__file__).resolve().parents[2]
CORE = Path(__file__).with_name("core.toml")
COPIED = ["service", "tests", "prompts", "evals", "seeds", "pyproject.toml"]


def source(name: str) -> str:
    """What mutmut mutates for a core name: service/NAME.py, or every module of package service/NAME/."""
    return (
        f"service/{name}/*" if (ROOT / "service" / name / "__init__.py").is_file() else f"service/{name}.py"
    )


def load_core(path: Path = CORE) -> dict[str, dict]:
    """The core modules: each with its tests and, optionally, the mutant names it is narrowed to."""
    core = tomllib.loads(path.read_text(encoding="utf-8"))
    for name, spec in core.items():
        if not any((ROOT / "service").glob(source(name).removeprefix("service/"))):
            raise ValueError(
                f"{path}: [{name}] names no module service/{name}.py nor package service/{name}/"
            )
        missing = [t for t in spec.get("tests", []) if not (ROOT / t).is_file()]
        if not spec.get("tests") or missing:
            raise ValueError(f"{path}: [{name}].tests must list existing test files; missing {missing}")
    return core


def workdir(name: str, spec: dict, out: Path) -> Path:
    """A fresh copy of the project configured to mutate one module against its tests."""
    where = out / "work" / name
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    for item in COPIED:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, where / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, where / item)
    config = {
        "source_paths": ["service/"],
        "only_mutate": [source(name)],
        "pytest_add_cli_args_test_selection": spec["tests"],
        "also_copy": ["prompts/", "evals/", "seeds/", "service/"],
    }
    with (where / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write("\n[tool.mutmut]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in config.items()))
    return where


def mutate(name: str, spec: dict, out: Path, children: int) -> dict[str, str]:
    """Run mutmut on one module; each of its mutants' status."""
    where = workdir(name, spec, out)
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    log = out / f"{name}.log"
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as sink:
        run = subprocess.run(
            [mutmut, "run", "--max-children", str(children), *spec.get("mutants", [])],
            cwd=where,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": ""},
        )
    if run.returncode != 0:
        raise RuntimeError(f"mutmut failed on {name} (exit {run.returncode}); see {log}")
    listed = subprocess.run([mutmut, "results", "--all=true"], cwd=where, capture_output=True, text=True)
    statuses = parse(listed.stdout)
    wanted = spec.get("mutants")
    if wanted:
        statuses = {n: s for n, s in statuses.items() if any(fnmatch.fnmatch(n, w) for w in wanted)}
    print(f"[mutation] {name}: {len(statuses)} mutants in {time.monotonic() - started:.0f} s", flush=True)
    return statuses


def main(argv: list[str] | None = None) -> int:
    """Mutate the core modules (all, or those named) and write OUT/summary.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="core modules to run (default: all in core.toml)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "mutation")
    parser.add_argument("--min-score", type=float, default=0.0, help="exit 1 below this score")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)
    core = load_core()
    unknown = [m for m in args.modules if m not in core]
    if unknown:
        parser.error(f"not in {CORE.name}: {', '.join(unknown)}; choose from {', '.join(core)}")
    args.out.mkdir(parents=True, exist_ok=True)
    statuses: dict[str, str] = {}
    for name in args.modules or list(core):
        statuses |= mutate(name, core[name], args.out, args.children)
    summary = summarize(statuses, load_equivalent())
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return report(summary, args.min_score)


if __name__ == "__main__":
    sys.exit(main())
