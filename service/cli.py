"""The `brief` command: summarize files, serve the API, verify a brief, or run the demo on the seeds."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import re
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from service.errors import field_errors, field_message
from service.evals.semantic import DEFAULT_THRESHOLD
from service.settings import PROJECT_ROOT, Settings, get_settings

if TYPE_CHECKING:
    from pydantic import ValidationError

    from service.schema import Brief, Document
    from service.topic import TopicProfile

log = logging.getLogger("brief")


def _progress(message: str) -> None:
    print(f"[brief] {message}", file=sys.stderr, flush=True)


def _progress_bar(done: int, total: int, message: str, width: int = 20) -> None:
    """A bar per finished step, one line each so logs stay readable; done 0 is a plain notice."""
    if done == 0:
        _progress(message)
        return
    filled = round(width * done / total)
    _progress(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message}")


def read_documents(paths: list[Path]) -> list[dict[str, str]]:
    """Request documents from files: .html/.htm as HTML, anything else as plain text. A binary
    file stops the run; a text file that is not UTF-8 is read with its stray bytes replaced, and
    says so."""
    documents = []
    for n, path in enumerate(paths):
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise SystemExit(f"brief: cannot read {path}: {e.strerror}") from e
        if (nul := raw.find(b"\x00")) >= 0:
            raise SystemExit(
                f"brief: {path} is not text (it holds a NUL byte at position {nul}); "
                "pass articles as plain text or HTML"
            )
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            # An article saved in another encoding is still worth briefing; its few odd bytes
            # become U+FFFD, and the user hears which file and where.
            byte = raw[e.start : e.start + 1].hex()
            _progress(
                f"{path}: not UTF-8 (byte 0x{byte} at position {e.start}); bytes it cannot read become �"
            )
            body = raw.decode("utf-8", errors="replace")
        kind = "html" if path.suffix.lower() in {".html", ".htm"} else "text"
        documents.append({"id": f"d{n + 1}", kind: body, "title": None, "url": path.name})
    return documents


def load_documents(paths: list[Path]) -> list[Document]:
    """The files as documents; ValueError naming the file and field when one cannot be one."""
    from pydantic import ValidationError

    from service.schema import Document

    documents = []
    for n, fields in enumerate(read_documents(paths)):
        try:
            documents.append(Document.model_validate(fields))
        except ValidationError as e:
            # Named as in a request, so the message reads as `brief summarize`'s does.
            raise ValueError(invalid_files(e, paths, ("documents", n))) from None
    return documents


def invalid_files(error: ValidationError, paths: list[Path], at: tuple[str, int] | None = None) -> str:
    """A request's validation errors, each naming the file it came from: "a.txt (documents[0].text):
    text is empty"."""
    lines = []
    for where, message in field_errors([{**e, "loc": (*(at or ()), *e["loc"])} for e in error.errors()]):
        if (m := re.match(r"documents\[(\d+)\]", where)) and int(m.group(1)) < len(paths):
            where = f"{paths[int(m.group(1))]} ({where})"
        lines.append(f"{where}: {message}")
    return "; ".join(lines)


def _render(
    brief_json: dict, fmt: str, documents: list[Document] | None = None, title: str | None = None
) -> str:
    from service.render import to_markdown
    from service.schema import Brief

    brief = Brief.model_validate(brief_json)
    if fmt == "html":
        from service.page import brief_page, source_texts

        return brief_page(brief, source_texts(documents or []), title)
    return to_markdown(brief, title=title) if fmt == "md" else brief.model_dump_json(indent=2) + "\n"


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise SystemExit(f"brief: cannot write {output}: {e.strerror}; pass another path with -o") from e
    _progress(f"wrote {output}")


def _check_output(output: Path | None, example: str) -> str | None:
    """Why the output path cannot take a file, found before the work is done; None when it can.
    Its directory is made here, so a path that cannot be one fails now, not after the work."""
    if output is None:
        return None
    if output.is_dir():
        return f"{output} is a directory; pass a file path with -o (say {output / example})"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return f"cannot write {output}: {e.strerror}; pass another path with -o"
    return None


async def _summarize(args: argparse.Namespace, settings: Settings) -> int:
    from pydantic import ValidationError

    from service.backend import open_model
    from service.briefing import make_brief
    from service.errors import BriefError
    from service.schema import BriefRequest
    from service.topic import TopicError, read_profile

    if problem := _check_output(args.output, f"brief.{args.format}"):
        print(f"brief: {problem}", file=sys.stderr)
        return 2
    try:
        # A path is the operator's choice, read here; requests themselves may only name profiles.
        topic = read_profile(Path(args.topic)) if args.topic and Path(args.topic).is_file() else args.topic
        request = BriefRequest.model_validate(
            {
                "documents": read_documents(args.files),
                "topic": topic,
                "options": {"use_model": not args.no_model},
            }
        )
    except ValidationError as e:
        print(f"brief: invalid input: {invalid_files(e, args.files)}", file=sys.stderr)
        return 2
    except TopicError as e:
        print(f"brief: invalid input: {e}", file=sys.stderr)
        return 2
    async with contextlib.AsyncExitStack() as stack:
        model = None
        if not args.no_model:
            where = settings.base_url or "embedded llama.cpp server"
            _progress(f"starting model ({where})")
            model = await stack.enter_async_context(open_model(settings))
        try:
            brief = await make_brief(request, model, settings, progress=_progress)
        except (BriefError, TopicError) as e:
            print(f"brief: {e}", file=sys.stderr)
            return 1
    title = _title(brief, request.topic, settings)
    _write(_render(brief.model_dump(mode="json"), args.format, request.documents, title), args.output)
    return 0


def _title(brief: Brief, requested: str | TopicProfile | None, settings: Settings) -> str:
    """The heading's topic title: the drafted profile's, else the profile briefed under (make_brief
    has loaded it already; with no topic given, the one it picked is the brief's topic)."""
    from service.topic import load_profile

    if brief.drafted_profile:
        return brief.drafted_profile.title
    return load_profile(requested or brief.topic, settings.prompts_dir / "topics", settings.topic).title


def _port(text: str) -> int:
    """A TCP port from the command line, or a message argparse shows with the usage."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is no TCP port: give a number from 0 to 65535")
    return int(text)


def _at_least_one(text: str) -> int:
    """A count from the command line: a whole number, 1 or more (0 would wait forever or time nothing)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is no count: give a whole number, 1 or more")
    return int(text)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from service.api import create_app
    from service.threaded_server import serve

    serve(create_app(settings), args.host, args.port, settings.log_level, _progress)
    return 0


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    import httpx

    from service.api import create_app
    from service.schema import Brief
    from service.threaded_server import serve_in_thread

    files = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
    payload = {"documents": read_documents(files)}
    with serve_in_thread(create_app(settings), args.host, args.port) as url:
        _progress(f"serving Brief at {url} (API description at {url}/openapi.json); waiting for the model")
        with httpx.Client(base_url=url, timeout=settings.deadline_s + 30) as client:
            deadline = time.monotonic() + settings.local_start_timeout_s + 60
            while client.get("/readyz").status_code != 200:
                if time.monotonic() > deadline:
                    raise SystemExit("brief: the model did not become ready; see the log above")
                time.sleep(0.5)
            # The second request shows the cache: the same documents, answered without the model.
            for run in ("first", "again"):
                _progress(f"POST /brief with the {len(files)} seed articles ({run})")
                started = time.monotonic()
                response = client.post("/brief", json=payload)
                cache = response.headers.get("x-brief-cache", "off")
                took = time.monotonic() - started
                _progress(f"{run}: HTTP {response.status_code} in {took:.2f} s (cache {cache})")
                if response.status_code != 200:
                    print(response.text, file=sys.stderr)
                    return 1
        brief = response.json()
        title = _title(Brief.model_validate(brief), None, settings)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "brief.json").write_text(_render(brief, "json"), encoding="utf-8")
        (args.out / "brief.md").write_text(_render(brief, "md", title=title), encoding="utf-8")
        sys.stdout.write(_render(brief, "md", title=title))
        _progress(f"brief written to {args.out / 'brief.json'} and {args.out / 'brief.md'}")
        if args.keep_serving:
            _progress(f"still serving at {url}; Ctrl-C to stop")
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
    return 0


def _earlier_metrics(path: Path) -> dict:
    """The metrics of an earlier `brief eval` run's report.json, or a message naming the file."""
    import json

    try:
        metrics = json.loads(path.read_text(encoding="utf-8"))["metrics"]
    except OSError as e:
        raise SystemExit(f"brief: cannot read {path}: {e.strerror}") from None
    except (ValueError, KeyError, TypeError):
        metrics = None
    if not isinstance(metrics, dict):
        raise SystemExit(f"brief: {path} is no report.json of `brief eval` (it has no metrics to compare)")
    return metrics


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    import yaml

    from service.evals import faithfulness, report
    from service.evals.cases import CaseError, load_cases
    from service.evals.runner import ReplayMiss, run_cases
    from service.evals.semantic import MatcherUnavailable

    if args.record and args.mode != "live":
        raise SystemExit("brief: --record re-records cassettes from the live model: use it with --mode live")
    # Every file the run needs is read before it, so a typo costs no run.
    try:
        cases = load_cases(args.cases)
    except CaseError as e:
        raise SystemExit(f"brief: {e}") from None
    try:
        thresholds = report.load_thresholds(args.thresholds)
    except (OSError, ValueError, yaml.YAMLError) as e:
        reason = e.strerror if isinstance(e, OSError) else str(e)
        raise SystemExit(f"brief: cannot use the thresholds {args.thresholds}: {reason}") from None
    before = _earlier_metrics(args.compare) if args.compare else None
    if not cases:
        raise SystemExit(f"brief: no eval cases in {args.cases}")
    _progress(f"{len(cases)} case(s), mode {args.mode}")
    try:
        run = asyncio.run(
            run_cases(
                cases,
                settings,
                args.mode,
                args.concurrency,
                record=args.record,
                progress=_progress_bar,
                matcher=args.matcher,
                semantic_threshold=args.semantic_threshold,
            )
        )
    except (MatcherUnavailable, ReplayMiss) as e:
        raise SystemExit(f"brief: {e}") from None
    results = run.results
    rewrites = faithfulness.load_rewrites()
    _progress(f"faithfulness benchmark: {len(rewrites)} hand-written rewrites")
    every_case = load_cases(PROJECT_ROOT / "evals" / "cases")
    faith = faithfulness.score_rewrites(rewrites, every_case, settings).as_dict()
    values = report.metrics(results, run.scorer_check, faith)
    comparison = report.compare(before, values) if before is not None else None
    breaches = report.check_thresholds(values, thresholds)
    report.write_reports(args.out, values, results, breaches, comparison, args.history)
    _progress(
        f"recall {values['fact_recall']:.0%} ({values['facts_found']}/{values['facts']} facts); "
        f"reports in {args.out}"
    )
    if comparison:
        for name, before_value, after_value, change in comparison:
            print(f"{name:24} {before_value!s:>12} {after_value!s:>12} {change:>10}")
    for breach in breaches:
        print(f"threshold breached: {breach}", file=sys.stderr)
    return 1 if breaches else 0


def _verify(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from pydantic import ValidationError

    from service.schema import Verification
    from service.topic import TopicError, read_profile
    from service.verify import check_brief

    try:
        data = json.loads(args.brief.read_bytes())
    except OSError as e:
        raise SystemExit(f"brief: cannot read {args.brief}: {e.strerror}") from e
    except ValueError as e:
        print(f"brief: {args.brief} is not JSON: {e}", file=sys.stderr)
        return 2
    if not isinstance(data, dict):
        print(f"brief: {args.brief} is not a brief in the Brief schema: not a JSON object", file=sys.stderr)
        return 2
    try:
        documents = load_documents(args.sources)
    except ValueError as e:
        print(f"brief: invalid input: {e}", file=sys.stderr)
        return 2
    # The brief names its documents; each file is the source whose url or id it matches.
    listed = [s for s in data.get("sources") or [] if isinstance(s, dict)]
    ids = {s.get("doc_id") for s in listed}
    for n, (path, doc) in enumerate(zip(args.sources, documents, strict=True)):
        match = next((s.get("doc_id") for s in listed if s.get("url") == path.name), None)
        match = match or next((i for i in (path.stem, path.stem[:3]) if i in ids), None)
        documents[n] = doc.model_copy(update={"id": match or doc.id})
    try:
        topic = read_profile(Path(args.topic)) if args.topic and Path(args.topic).is_file() else args.topic
        results = check_brief(data, documents, topic or data.get("topic"), settings)
    except TopicError as e:
        print(f"brief: {e}", file=sys.stderr)
        return 2
    except ValidationError as e:
        print(f"brief: {args.brief} is not a brief in the Brief schema: {e}", file=sys.stderr)
        return 2
    failed = [v for v in results if not v.ok]
    if args.format == "json":
        report = Verification(ok=not failed, failed=len(failed), verdicts=results)
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        for v in results:
            mark = "ok  " if v.ok else "FAIL"
            sys.stdout.write(f"{mark} {v.kind:6} {v.where}: {v.assertion[:80]}\n")
            if not v.ok:
                sys.stdout.write(f"     {v.reason}\n")
        sys.stdout.write(f"{len(results) - len(failed)} of {len(results)} assertions supported\n")
    return 1 if failed else 0


def _bench(args: argparse.Namespace, settings: Settings) -> int:
    from service.bench import report
    from service.bench.runner import BenchOptions, run_bench

    bench = asyncio.run(run_bench(settings, BenchOptions(rounds=args.rounds), progress=_progress_bar))
    report.write(args.out, bench)
    _progress(f"wrote {args.out / 'bench.json'} and {args.out / 'bench.md'}")
    return 0


def _topic(args: argparse.Namespace) -> int:
    """`brief topic schema|check|draft`: the profile format, a profile file checked, a draft."""
    import json

    from service.topic import check_profile_text, profile_schema

    if args.topic_command == "schema":
        sys.stdout.write(json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n")
        return 0
    if args.topic_command == "check":
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
            print(f"{args.file}: cannot read: {reason}", file=sys.stderr)
            return 1
        profile, problems = check_profile_text(text)
        for problem in problems:
            print(f"{args.file}: {problem}")
        if profile is None:
            print(f"{len(problems)} problem(s); `brief topic schema` prints the format", file=sys.stderr)
            return 1
        talks = ", and the talks' shared one" if profile.with_talks() is not profile else ""
        print(f"ok: {len(profile.parties)} parties, {len(profile.issues)} issues{talks}")
        return 0
    return _draft(args)


def _draft(args: argparse.Namespace) -> int:
    from service import draft  # the drafter is loaded only when asked for
    from service.ingest import ingest

    if problem := _check_output(args.output, "profile.yaml"):
        print(f"brief: {problem}", file=sys.stderr)
        return 2
    if args.output is not None and args.output.exists() and not args.force:
        print(f"brief: {args.output} exists; pass --force to replace it", file=sys.stderr)
        return 2
    name = args.name or (_profile_name(args.output.stem) if args.output else "drafted")
    try:
        documents = ingest(load_documents(args.articles))
    except ValueError as e:
        print(f"brief: invalid input: {e}", file=sys.stderr)
        return 2
    _progress(f"drafting profile {name!r} from {len(documents)} article(s)")
    profile = draft.draft_profile(documents, name)
    _write(draft.profile_yaml(profile), args.output)
    where = args.output or "profile.yaml"
    _progress(
        f"{len(profile.parties)} parties, {len(profile.issues)} issues: edit the draft, then "
        f"`brief topic check {where}` and `brief summarize ARTICLES... --topic {where}`"
    )
    return 0


def _profile_name(text: str) -> str:
    """A profile name (letters, digits, _ and -) made of any text, such as a file's stem."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")[:100] or "drafted"


def _name_arg(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,100}", text):
        raise argparse.ArgumentTypeError("a profile name is 1-100 letters, digits, _ or -")
    return text


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(prog="brief", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    summarize = sub.add_parser("summarize", help="brief article files (plain text or HTML)")
    summarize.add_argument("files", nargs="+", type=Path)
    summarize.add_argument(
        "--format", choices=["json", "md", "html"], default="json", help="html: one self-contained page"
    )
    summarize.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    summarize.add_argument("--topic", help="topic profile name or path to a profile YAML")
    summarize.add_argument("--no-model", action="store_true", help="switch the model step off (ablation)")

    serve = sub.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default=None, help="default BRIEF_HOST (127.0.0.1)")
    serve.add_argument("--port", type=_port, default=None, help="default BRIEF_PORT (8000)")

    ev = sub.add_parser("eval", help="score briefs of eval cases against hand-written facts")
    ev.add_argument(
        "--mode",
        choices=["replay", "live"],
        default="replay",
        help="replay: offline from recorded cassettes; live: the configured model",
    )
    ev.add_argument(
        "--cases", type=Path, default=PROJECT_ROOT / "evals" / "cases", help="a case YAML or a folder of them"
    )
    ev.add_argument("--out", type=Path, default=Path("out/eval"))
    ev.add_argument("--concurrency", type=_at_least_one, default=1, help="cases briefed at once (live mode)")
    ev.add_argument("--compare", type=Path, help="a previous report.json to compare against")
    ev.add_argument("--thresholds", type=Path, default=PROJECT_ROOT / "evals" / "thresholds.yaml")
    ev.add_argument("--record", action="store_true", help="with --mode live: re-record the cassettes")
    ev.add_argument("--history", type=Path, help="folder of past runs to chart (default OUT/history)")
    ev.add_argument(
        "--matcher",
        choices=["regex", "semantic", "judge"],
        default="regex",
        help="how facts are found in claims: the cases' regexes (default), MiniLM similarity "
        "(extra 'semantic'), or the model as judge (its calls replay from evals/cassettes/judge)",
    )
    ev.add_argument(
        "--semantic-threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"cosine similarity a semantic match needs (default {DEFAULT_THRESHOLD})",
    )

    verify = sub.add_parser(
        "verify", help="check a brief (ours or another tool's) against its sources; exit 1 if any claim fails"
    )
    verify.add_argument("brief", type=Path, help="a brief in the Brief schema (JSON)")
    verify.add_argument("sources", nargs="+", type=Path, help="the article files it was made from")
    verify.add_argument("--topic", help="topic profile name or path (default: the brief's topic)")
    verify.add_argument("--format", choices=["text", "json"], default="text")

    bench = sub.add_parser("bench", help="benchmark Brief against its peers and bare FastAPI, in one run")
    bench.add_argument("--out", type=Path, default=Path("out/bench"))
    bench.add_argument(
        "--rounds", type=_at_least_one, default=5, help="rounds per timing (the median is reported)"
    )

    topic = sub.add_parser("topic", help="topic profiles: print their schema, check one, draft one")
    topic_sub = topic.add_subparsers(dest="topic_command", required=True)
    topic_sub.add_parser("schema", help="print the JSON Schema of a topic profile")
    check = topic_sub.add_parser("check", help="check a profile YAML; print every problem with its path")
    check.add_argument("file", type=Path)
    draft = topic_sub.add_parser("draft", help="draft a profile YAML from article files, to edit")
    draft.add_argument("articles", nargs="+", type=Path, help="article files (plain text or HTML)")
    draft.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    draft.add_argument(
        "--name", type=_name_arg, help="the profile's name (default: the output file's stem, or 'drafted')"
    )
    draft.add_argument("--force", action="store_true", help="replace the output file if it exists")

    demo = sub.add_parser("demo", help="serve the API on loopback and brief the seed articles over HTTP")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=_port, default=0, help="0 picks a free port")
    demo.add_argument("--out", type=Path, default=Path("out"))
    demo.add_argument("--keep-serving", action="store_true")
    return parser


def _settings() -> Settings:
    """The settings from the environment, or a message naming each BRIEF_* variable that is wrong."""
    from pydantic import ValidationError

    try:
        return get_settings()
    except ValidationError as e:
        # A field's error names its variable; a check across fields has no field to name.
        named = [(f"BRIEF_{str(x['loc'][0]).upper()}: " if x["loc"] else "", x["msg"]) for x in e.errors()]
        wrong = "; ".join(f"{name}{field_message(message)}" for name, message in named)
        raise SystemExit(f"brief: {wrong} (see Settings in the README)") from None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `brief` console script."""
    args = build_parser().parse_args(argv)
    settings = _settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    # One line per model call drowns the progress lines; the API's metrics count calls instead.
    for noisy in ("httpx", "vcr"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    if args.command == "summarize":
        return asyncio.run(_summarize(args, settings))
    if args.command == "serve":
        args.host = args.host or settings.host
        args.port = settings.port if args.port is None else args.port
        return _serve(args, settings)
    if args.command == "eval":
        return _eval(args, settings)
    if args.command == "bench":
        return _bench(args, settings)
    if args.command == "verify":
        return _verify(args, settings)
    if args.command == "topic":
        return _topic(args)
    return _demo(args, settings)


if __name__ == "__main__":
    sys.exit(main())
