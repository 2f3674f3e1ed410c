"""``reportedly worst-case``: wall time of the adversarial texts (:mod:`service.adversarial`),
per family, through the engine, through ``POST /v1/analyze`` and as a full batch.

For each family it times one text of ``--chars`` characters (default 100,000, the article
limit) in this process (``Engine.analyze``), then, unless ``--no-http``, against gunicorn
started with the repository's configuration on loopback (``--url`` for one already
running): the same text on ``/v1/analyze`` and ``--batch-chars`` of such texts (default
300,000, the batch limit) on ``/v1/analyze/batch``. Each answer's status and whether it was
JSON is printed beside its time; the targets of issue 13 (3 s for one text, 8 s for a batch,
always JSON) are checked at the end. Then the costly HTML pages
(:func:`service.adversarial.html_pages`) through ``html_to_text`` and ``POST /v1/articles``
(target 5 s), and, with ``--corrections N``, a stored article's ``GET`` after N corrections
(the replay and the answer's size). The server stores into a temporary SQLite database. A
measurement, not a test: exit status 1 only when an answer was not JSON or was a 5xx other
than the deadline's 503 ``analysis_timeout``.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import sys
import time
from typing import Any

from service import adversarial

TARGET_TEXT_SECONDS = 3.0
TARGET_BATCH_SECONDS = 8.0
TARGET_HTML_SECONDS = 5.0
CLIENT_TIMEOUT = 120.0


def post(host: str, port: int, path: str, payload: dict) -> dict:
    """POST ``payload`` as JSON; status, seconds, whether the answer was JSON, error code."""
    body = json.dumps(payload).encode()
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=CLIENT_TIMEOUT)
    status, is_json, code = None, False, None
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        status = resp.status
        try:
            parsed = json.loads(data)
            is_json = True
            if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
                code = parsed["error"].get("code")
            elif isinstance(parsed, dict) and isinstance(parsed.get("results"), list):
                late = sum(
                    1
                    for r in parsed["results"]
                    if isinstance(r, dict)
                    and (r.get("error") or {}).get("code") == "analysis_timeout"
                )
                code = (
                    f"{late}/{len(parsed['results'])} documents analysis_timeout" if late else None
                )
        except ValueError:
            pass
    except (OSError, http.client.HTTPException) as exc:
        code = type(exc).__name__
    finally:
        conn.close()
    return {
        "status": status,
        "seconds": round(time.perf_counter() - start, 3),
        "json": is_json,
        "code": code,
    }


def time_html() -> list[dict]:
    """Each costly HTML page through ``html_to_text`` in this process."""
    from service.web.errors import ApiError
    from service.web.review.extract import html_to_text

    rows = []
    for name, page in adversarial.html_pages().items():
        start, outcome = time.perf_counter(), "text"
        try:
            html_to_text(page)
        except ApiError as exc:
            outcome = exc.code
        rows.append(
            {
                "page": name,
                "bytes": len(page.encode()),
                "outcome": outcome,
                "extract_seconds": round(time.perf_counter() - start, 3),
            }
        )
    return rows


def time_corrections(n: int, models_dir=None) -> dict:
    """``GET /v1/articles/<id>`` (test client, temporary SQLite) after ``n`` corrections."""
    import tempfile

    from service.engine import Engine
    from service.web.app import create_app
    from service.web.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            Settings(database_url=f"sqlite:///{tmp}/corrections.db", max_corrections=max(n, 1)),
            engine=Engine.load(models_dir),
        )
        c = app.test_client()
        article = c.post("/v1/articles", json={"text": adversarial.text("cues", 5_000)}).json
        assert article is not None, "POST /v1/articles answered no JSON"
        url = f"/v1/articles/{article['id']}/corrections"
        sentences = len(article["analysis"]["sentences"])
        for i in range(n):
            c.post(
                url,
                json={
                    "kind": "sentence_label",
                    "target": {"sentence": i % sentences},
                    "after": {"label": ("direct", "reported")[i % 2]},
                    "note": "n" * 200,
                },
            )
        refused = c.post(
            url,
            json={
                "kind": "sentence_label",
                "target": {"sentence": 0},
                "after": {"label": "direct"},
            },
        ).status_code
        start = time.perf_counter()
        resp = c.get(f"/v1/articles/{article['id']}")
        seconds = time.perf_counter() - start
        app.extensions["reportedly.storage"].dispose()
    return {
        "corrections": n,
        "get_seconds": round(seconds, 3),
        "get_bytes": len(resp.data),
        "status": resp.status_code,
        "one_more": refused,
    }


def time_stall(
    host: str, port: int, workers: int, family: str, batch_chars: int, chars: int
) -> dict:
    """A full batch of ``family`` on every worker at once, then a one-line request: how long
    the one-line request waits (the issue's stall: 28 s before the deadline)."""
    import threading

    docs = [
        {"id": str(i), "text": t}
        for i, t in enumerate(adversarial.batch(family, batch_chars, chars))
    ]
    answers: list[dict] = []
    threads = [
        threading.Thread(
            target=lambda: answers.append(
                post(host, port, "/v1/analyze/batch", {"documents": docs})
            )
        )
        for _ in range(workers)
    ]
    for t in threads:
        t.start()
    time.sleep(0.5)  # the batches hold the workers
    trivial = post(host, port, "/v1/analyze", {"text": "It rained, the mayor said."})
    for t in threads:
        t.join()
    return {"family": family, "workers": workers, "trivial": trivial, "batches": answers}


def run(
    families: list[str],
    chars: int = adversarial.DEFAULT_CHARS,
    batch_chars: int = adversarial.DEFAULT_BATCH_CHARS,
    http_: bool = True,
    url: str | None = None,
    workers: int = 1,
    models_dir=None,
    corrections: int = 0,
    stall: bool = False,
) -> dict:
    """Time every family; returns the report :func:`format_report` prints."""
    import tempfile

    from service.bench import _single_thread
    from service.engine import Engine

    engine = Engine.load(models_dir)
    gc.freeze()  # as the server does: full collections do not walk the models
    rows: list[dict[str, Any]] = []
    with _single_thread():  # one BLAS thread, as in a worker
        engine.analyze(adversarial.text("mixed", 2_000))  # warm-up
        for family in families:
            text = adversarial.text(family, chars)
            start, cpu = time.perf_counter(), time.process_time()
            analysis = engine.analyze(text)
            rows.append(
                {
                    "family": family,
                    "chars": len(text),
                    "sentences": len(analysis.sentences),
                    "engine_seconds": round(time.perf_counter() - start, 3),
                    "engine_cpu_seconds": round(time.process_time() - cpu, 3),
                }
            )
    html = time_html()
    if http_:
        from service.loadtest import Server, _loopback

        server, tmp = None, tempfile.TemporaryDirectory()
        if url:
            host, port = _loopback(url)
        else:
            server = Server(
                workers=workers,
                env={"REPORTEDLY_DATABASE_URL": f"sqlite:///{tmp.name}/worst-case.db"},
            ).start()
            host, port = server.host, server.port
        try:
            for row in html:
                row["articles"] = post(
                    host, port, "/v1/articles", {"html": adversarial.html_pages()[row["page"]]}
                )
            for row in rows:
                text = adversarial.text(row["family"], chars)
                row["analyze"] = post(host, port, "/v1/analyze", {"text": text})
                docs = [
                    {"id": str(i), "text": t}
                    for i, t in enumerate(adversarial.batch(row["family"], batch_chars, chars))
                ]
                row["batch_documents"] = len(docs)
                row["batch"] = post(host, port, "/v1/analyze/batch", {"documents": docs})
            if stall and rows:
                worst = max(rows, key=lambda r: r["batch"]["seconds"])["family"]
                stalled = time_stall(host, port, workers, worst, batch_chars, chars)
        finally:
            if server is not None:
                server.stop()
            tmp.cleanup()
    report = {
        "chars": chars,
        "batch_chars": batch_chars,
        "rows": rows,
        "html": html,
        **_verdict(rows),
    }
    report["worst_html_seconds"] = max(
        (r["articles"]["seconds"] if "articles" in r else r["extract_seconds"] for r in html),
        default=None,
    )
    report["all_json_no_5xx"] = report["all_json_no_5xx"] and all(
        _ok(r.get("articles")) for r in html
    )
    if stall and http_ and rows:
        report["stall"] = stalled
        report["all_json_no_5xx"] = report["all_json_no_5xx"] and all(
            _ok(a) for a in [stalled["trivial"], *stalled["batches"]]
        )
    if corrections:
        report["corrections"] = time_corrections(corrections, models_dir)
    return report


def _ok(answer: dict | None) -> bool:
    """A JSON answer, and not a 5xx unless it is the deadline's own 503."""
    if answer is None:
        return True
    status = answer["status"]
    return (
        answer["json"]
        and status is not None
        and (status < 500 or (status == 503 and answer["code"] == "analysis_timeout"))
    )


def _verdict(rows: list[dict]) -> dict:
    worst = lambda key: max((r[key]["seconds"] for r in rows if key in r), default=None)  # noqa: E731
    text_worst, batch_worst = worst("analyze"), worst("batch")
    return {
        "worst_engine_seconds": max((r["engine_seconds"] for r in rows), default=None),
        "worst_analyze_seconds": text_worst,
        "worst_batch_seconds": batch_worst,
        "all_json_no_5xx": all(_ok(r.get("analyze")) and _ok(r.get("batch")) for r in rows),
        "meets_targets": (
            text_worst is not None
            and text_worst <= TARGET_TEXT_SECONDS
            and batch_worst is not None
            and batch_worst <= TARGET_BATCH_SECONDS
        ),
    }


def _answer(a: dict | None) -> str:
    if a is None:
        return "-"
    what = f"{a['status']}" + ("" if a["json"] else " not-JSON")
    if a["code"]:
        what += f" {a['code']}"
    return f"{a['seconds']:7.2f} s  {what}"


def format_report(r: dict) -> str:
    lines = [
        f"reportedly worst-case: one text of {r['chars']:,} characters per family "
        f"(engine, /v1/analyze), batch of {r['batch_chars']:,} characters",
        f"{'family':<16} {'sentences':>9} {'engine':>9} {'CPU':>9}   {'/v1/analyze':<36} batch",
    ]
    for row in r["rows"]:
        lines.append(
            f"{row['family']:<16} {row['sentences']:>9} {row['engine_seconds']:7.2f} s"
            f" {row.get('engine_cpu_seconds', 0):7.2f} s"
            f"   {_answer(row.get('analyze')):<36} {_answer(row.get('batch'))}"
        )
    fmt = lambda v: "-" if v is None else f"{v:.2f} s"  # noqa: E731
    lines.append(
        f"worst: engine {fmt(r['worst_engine_seconds'])}, /v1/analyze "
        f"{fmt(r['worst_analyze_seconds'])} (target {TARGET_TEXT_SECONDS:g} s), batch "
        f"{fmt(r['worst_batch_seconds'])} (target {TARGET_BATCH_SECONDS:g} s); "
        f"every answer JSON without a 5xx: {'yes' if r['all_json_no_5xx'] else 'NO'}"
    )
    lines.append(f"{'html page':<16} {'bytes':>9} {'extract':>9}   /v1/articles")
    for row in r.get("html", []):
        lines.append(
            f"{row['page']:<16} {row['bytes']:>9} {row['extract_seconds']:7.2f} s"
            f"   {_answer(row.get('articles'))}  ({row['outcome']})"
        )
    lines.append(
        f"worst html: {fmt(r.get('worst_html_seconds'))} (target {TARGET_HTML_SECONDS:g} s)"
    )
    if "stall" in r:
        st = r["stall"]
        lines.append(
            f"stall: {st['workers']} full {st['family']} batches at once, then a "
            f"one-line /v1/analyze: {_answer(st['trivial'])}; batches: "
            + ", ".join(_answer(a).strip() for a in st["batches"])
        )
    if "corrections" in r:
        c = r["corrections"]
        lines.append(
            f"GET /v1/articles/<id> after {c['corrections']} corrections: "
            f"{c['get_seconds']:.3f} s, {c['get_bytes']:,} bytes (status {c['status']}); "
            f"one more correction: {c['one_more']}"
        )
    return "\n".join(lines)


def cmd_worst_case(args: argparse.Namespace) -> int:
    families = args.families or list(adversarial.FAMILIES)
    unknown = [f for f in families if f not in adversarial.FAMILIES]
    if unknown:
        print(
            f"reportedly: worst-case: unknown family {unknown[0]!r}; choose from "
            f"{', '.join(adversarial.FAMILIES)}",
            file=sys.stderr,
        )
        return 2
    try:
        report = run(
            families,
            args.chars,
            args.batch_chars,
            http_=not args.no_http,
            url=args.url,
            workers=args.workers,
            models_dir=args.models,
            corrections=args.corrections,
            stall=args.stall,
        )
    except (ValueError, RuntimeError) as exc:
        print(f"reportedly: worst-case: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0 if report["all_json_no_5xx"] else 1


def add_parser(sub) -> None:
    """Register ``worst-case`` on the ``reportedly`` parser's sub-parsers."""
    p = sub.add_parser(
        "worst-case",
        help="time the adversarial texts (engine, REST, batch)",
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument(
        "families",
        nargs="*",
        metavar="FAMILY",
        help=f"families to run (default all: {', '.join(adversarial.FAMILIES)})",
    )
    p.add_argument(
        "--chars",
        type=int,
        default=adversarial.DEFAULT_CHARS,
        help="characters per text (default 100000)",
    )
    p.add_argument(
        "--batch-chars",
        type=int,
        default=adversarial.DEFAULT_BATCH_CHARS,
        help="characters per batch (default 300000)",
    )
    p.add_argument("--no-http", action="store_true", help="time the engine only")
    p.add_argument("--url", help="an already running service (loopback only)")
    p.add_argument("--workers", type=int, default=1, help="gunicorn workers (default 1)")
    p.add_argument("--models", metavar="DIR", help="model folder")
    p.add_argument(
        "--stall",
        action="store_true",
        help="also send the worst family's batch to every worker at once and time "
        "a one-line request behind them",
    )
    p.add_argument(
        "--corrections",
        type=int,
        default=0,
        metavar="N",
        help="also time an article's GET after N corrections (e.g. 500, the cap)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_worst_case)
