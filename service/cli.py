"""The ``reportedly`` command line: ``analyze``, ``evaluate``, ``serve``, ``bench`` and
``export-corrections``.

Exit status: 0 on success, 1 when any input or the data/models could not be used (after
doing everything that could be done), 2 for usage errors (raised by argparse).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from service.argtypes import port, positive_int
from service.version import __version__

PROG = "reportedly"
STDIN = "-"
FORMATS = ("jsonl", "json", "table", "csv")
HTML_SUFFIXES = (".html", ".htm")  # read as HTML without --html
SPLITS = ("train", "dev", "test")


class InputError(Exception):
    """An input that cannot be analysed; ``str()`` is a one-line reason."""


class CommandError(Exception):
    """A failure that ends the command with a one-line message and exit status 1."""


def _error(*parts: object) -> None:
    print(f"{PROG}: " + ": ".join(str(p) for p in parts), file=sys.stderr)


def _load_engine(models_dir: Path | None):
    """Load the engine once; ``None`` uses the shipped models."""
    from service.engine import Engine
    from service.engine.artifacts import ArtifactError

    try:
        return Engine.load(models_dir)
    except (ArtifactError, OSError) as exc:
        raise CommandError(f"cannot load models: {exc}") from exc


# --- analyze -------------------------------------------------------------------------------


def read_input(name: str) -> str:
    """Read one input (``-`` is standard input) as strict UTF-8.

    Raises :class:`InputError` with a one-line reason for missing, unreadable, directory
    or non-UTF-8 input.
    """
    try:
        if name == STDIN:
            buffer = getattr(sys.stdin, "buffer", None)
            if buffer is None:  # an already-decoded stream (e.g. replaced in tests)
                return sys.stdin.read()
            data = buffer.read()
        else:
            data = Path(name).read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError((exc.strerror or str(exc)).lower()) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start]
        raise InputError(f"not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start})") from None


def article_text(name: str, html: bool = False) -> str:
    """The text to analyse from input ``name``: read as :func:`read_input`, and reduced to
    its article text (:func:`service.extract.html_to_text`, as the API does) when ``html``
    or the file ends in .html or .htm.

    Raises :class:`InputError` as :func:`read_input` does, and for HTML too complex to
    parse safely or input with no text (empty or white space only, as the API's 400
    ``empty_text``).
    """
    text = read_input(name)
    if html or name.lower().endswith(HTML_SUFFIXES):
        from service.extract import HtmlTooComplex, html_to_text

        try:
            text = html_to_text(text)
        except HtmlTooComplex as exc:
            raise InputError(f"HTML too complex to read safely: {exc}") from None
        if not text.strip():
            raise InputError("no article text in the HTML (nothing to analyse)")
    elif not text.strip():
        raise InputError("no text to analyse (empty or white space only)")
    return text


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse each input in order; bad inputs are reported on stderr and skipped."""
    from service import report

    names = args.files or [STDIN]
    engine = None
    status = 0
    tables = 0
    csv_out = None
    results: list[dict] = []
    for name in names:
        try:
            text = article_text(name, html=args.html)
        except InputError as exc:
            _error(name, exc)
            status = 1
            continue
        if engine is None:
            engine = _load_engine(args.models)
        try:
            result = {"file": name, **engine.analyze(text, bias=args.bias).to_dict()}
        except Exception as exc:  # one bad article must not lose the rest of a batch
            _error(name, f"analysis failed: {type(exc).__name__}: {exc}")
            status = 1
            continue
        if args.format == "jsonl":
            print(json.dumps(result, ensure_ascii=False, separators=(",", ":")), flush=True)
        elif args.format == "table":
            width = shutil.get_terminal_size((report.WIDTH, 24)).columns
            print(("\n" if tables else "") + report.format_table(name, result, width), flush=True)
            tables += 1
        elif args.format == "csv":
            csv_out = csv_out or report.csv_writer(sys.stdout)
            csv_out.writerows(report.csv_rows(name, result))
            sys.stdout.flush()
        else:
            results.append(result)
    if args.format == "json" and (results or len(names) > 1):
        doc = results[0] if len(names) == 1 else results
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    return status


# --- evaluate ------------------------------------------------------------------------------


def _eval_sentences(args: argparse.Namespace, engine) -> tuple[dict, str]:
    from service.training.evaluate import evaluate_split, format_evaluation

    report = evaluate_split(args.data, split=args.split, limit=args.limit, engine=engine)
    return report, format_evaluation(report)


def _eval_spans(args: argparse.Namespace, engine) -> tuple[dict, str]:
    from service.training.evaluate import evaluate_spans, format_span_evaluation

    report = evaluate_spans(args.data, split=args.split, limit=args.limit, engine=engine)
    return report, format_span_evaluation(report)


def _eval_bias(args: argparse.Namespace, engine) -> tuple[dict, str]:
    from service.training.evaluate import evaluate_bias_task, format_bias_evaluation

    report = evaluate_bias_task(args.data, limit=args.limit, engine=engine)
    return report, format_bias_evaluation(report)


def _eval_gum(args: argparse.Namespace, engine) -> tuple[dict, str]:
    from service.training.gum_eval import evaluate_gum, format_gum_evaluation

    report = evaluate_gum(args.data, selection=args.split, limit=args.limit, engine=engine)
    return report, format_gum_evaluation(report)


def _eval_fixtures(args: argparse.Namespace, engine) -> tuple[dict, str]:
    from service.training.fixtures_eval import evaluate_fixtures, format_fixtures_evaluation

    report = evaluate_fixtures(args.fixtures, engine=engine)
    return report, format_fixtures_evaluation(report)


# Task name -> function(args, engine) -> (report dict, text for people). Add tasks here.
EVAL_TASKS: dict[str, Callable[[argparse.Namespace, object], tuple[dict, str]]] = {
    "sentences": _eval_sentences,
    "spans": _eval_spans,
    "bias": _eval_bias,
    "gum": _eval_gum,
    "fixtures": _eval_fixtures,
}
# Where each task's data lives under the data root (fixtures: in the repository, --fixtures).
EVAL_DATA = {
    "sentences": "polnear/{split}",
    "spans": "polnear/{split}",
    "bias": "babe",
    "gum": "gum",
}
# --split when not given; "dev+test" and "all" exist for GUM only.
EVAL_DEFAULT_SPLIT = {"gum": "dev+test"}


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score the engine on a PolNeAR split and print the report."""
    from service.training.evaluate import default_data_root

    args.data = Path(args.data) if args.data else default_data_root()
    if args.split is None:
        args.split = EVAL_DEFAULT_SPLIT.get(args.task, "dev")
    elif args.task != "gum" and args.split not in SPLITS:
        _error(f"--split {args.split} is for --task gum only")
        return 1
    needed = args.data / EVAL_DATA.get(args.task, "").format(split=args.split)
    if args.task in EVAL_DATA and not needed.is_dir():
        _error(
            f"data for --task {args.task} not found at {needed} (use --data or set REPORTEDLY_DATA)"
        )
        return 1
    engine = _load_engine(args.models)
    try:
        report, text = EVAL_TASKS[args.task](args, engine)
    except (OSError, ValueError) as exc:
        _error("evaluate", exc)
        return 1
    print(json.dumps(report, indent=2) if args.json else text)
    return 0


# --- serve / bench -------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    """Replace this process with gunicorn running the web app."""
    import importlib.util

    from service.serve import build_command, exec_gunicorn

    if importlib.util.find_spec("gunicorn") is None:
        _error("serve", "gunicorn is not installed (pip install gunicorn)")
        return 1
    exec_gunicorn(build_command(host=args.host, port=args.port, workers=args.workers))
    return 1  # not reached: exec replaces the process


def cmd_bench(args: argparse.Namespace) -> int:
    """Time the engine on synthetic articles and print throughput figures."""
    from service import bench

    report = bench.run_benchmark(
        articles=args.articles,
        words=args.words,
        seed=args.seed,
        warmup=args.warmup,
        models_dir=args.models,
    )
    print(json.dumps(report, indent=2) if args.json else bench.format_report(report))
    return 0


# --- parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(prog=PROG, description="Source attribution for news text.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    models = argparse.ArgumentParser(add_help=False)
    models.add_argument(
        "--models",
        type=Path,
        metavar="DIR",
        help="model folder (default: $REPORTEDLY_MODELS_DIR or shipped models)",
    )

    p = sub.add_parser(
        "analyze",
        parents=[models],
        help="analyse articles (files or stdin)",
        description="Analyse each FILE (UTF-8 text; '-' or none = stdin; a .html or .htm "
        "file is reduced to its article text first, as the API does). "
        "jsonl: one JSON object per input, with a 'file' key. json: one "
        "object for a single input, a list of objects for several. "
        "table: a sourcing report for people (sentences with who said what, sources, "
        "scores, writer-voice bias flags). csv: one row per relation with its sentence "
        "and source, one header for all inputs. An empty input is an error (exit 1); "
        "the other inputs are still analysed.",
    )
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument(
        "--html",
        action="store_true",
        help="read every input (stdin too) as HTML and analyse its article text",
    )
    p.add_argument(
        "--no-bias",
        dest="bias",
        action="store_false",
        help="skip the bias stage and its cost (sentences carry no bias)",
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser(
        "evaluate",
        parents=[models],
        help="score the models: sentences and spans on PolNeAR, bias on BABE",
    )
    p.add_argument(
        "--task",
        choices=sorted(EVAL_TASKS),
        default="sentences",
        help="sentences, spans (PolNeAR --split), bias (BABE, outlets held out) or "
        "gum (GUM news + interview against RST attribution and coreference)",
    )
    p.add_argument(
        "--split",
        choices=SPLITS + ("dev+test", "all"),
        help="PolNeAR split (default dev); for gum a split of GUM's splits.md, "
        "dev+test (default) or all",
    )
    p.add_argument(
        "--data",
        type=Path,
        metavar="PATH",
        help="folder holding polnear/ and babe/ (default: $REPORTEDLY_DATA or ../shared/data)",
    )
    p.add_argument(
        "--fixtures",
        type=Path,
        metavar="DIR",
        help="--task fixtures: real-style articles with gold relations "
        "(default tests/fixtures/realstyle)",
    )
    p.add_argument(
        "--limit",
        type=positive_int,
        metavar="N",
        help="first N documents only (bias: first max(25 N, 300) sentences)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "serve",
        help="run the web service under gunicorn",
        description="Exec gunicorn with service/gunicorn_conf.py; options "
        "override $REPORTEDLY_HOST, $REPORTEDLY_PORT, $REPORTEDLY_WORKERS.",
    )
    p.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    p.add_argument("--port", type=port, help="TCP port (default 8000)")
    p.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help="worker processes (default: CPUs available)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("bench", parents=[models], help="measure throughput (words/s)")
    p.add_argument("--words", type=positive_int, default=1000, help="words per article")
    p.add_argument("--articles", type=positive_int, default=200, help="articles timed")
    p.add_argument("--warmup", type=int, default=5, help="untimed warm-up articles")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=cmd_bench)

    from service.storage.cli import add_parser as add_export_corrections

    add_export_corrections(sub)
    from service.batch.cli import add_parser as add_batch

    add_batch(sub)
    from service.loadtest import add_parser as add_loadtest

    add_loadtest(sub)
    from service.worst_case import add_parser as add_worst_case

    add_worst_case(sub)
    from service.snapshot import add_parser as add_snapshot

    add_snapshot(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (argparse exits 2 on usage errors)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CommandError as exc:
        _error(exc)
        return 1
    except BrokenPipeError:  # e.g. ``reportedly analyze *.txt | head``: stop quietly
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except KeyboardInterrupt:
        return 130
