"""``reportedly loadtest``: the real service under load, on this machine's loopback.

Starts gunicorn with the repository's configuration on 127.0.0.1 (a free port), waits for
``/readyz``, then runs, each for ``--duration`` seconds:

1. **steady** phases: ``--clients`` concurrent clients (default 1, 8 and 32), each sending
   ``POST /v1/analyze`` with a synthetic ``--words``-word article (from :mod:`service.bench`)
   as soon as its previous answer arrives;
2. a **mixed** stream (``--mixed-clients``, default 8): mostly well-formed articles and
   batches, plus oversize bodies (413), over-long texts (413), texts with too many sentences
   (422), malformed JSON, empty texts (400), wrong content types (415) and unknown paths
   (404); each must get exactly its own status;
3. a **fault** phase (``--fault``, default on): the same article stream with 8 clients; a third
   of the way in one worker is killed with SIGKILL. gunicorn must replace it, and no
   well-formed request may get a 5xx; at most the request the killed worker held (sync
   workers hold one) may lose its connection.

It prints, per phase: throughput (requests and articles per second), latency p50/p95/p99/max
of the well-formed article requests, errors (5xx, lost connections, timeouts, and answers
with a status other than the expected one), the workers' CPU time per article and the load
average; then the master's and each worker's memory (RSS and PSS, which counts pages shared
copy-on-write once). ``--json`` prints the report as JSON, ``--markdown`` as the tables in
BENCHMARKS.md.

Client and server share the machine, and so does anything else running on it: the client
threads take some CPU from the workers, so the wall-clock figures are a floor for a server
with the cores to itself. The CPU time per article is much less sensitive to that, and
``capacity/s`` (workers / CPU time per article) is the throughput the workers would reach
with a core each and nothing else running. Only loopback addresses
are accepted for ``--url``; every loop is bounded by its duration.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from service.bench import make_articles, percentile

ANALYZE = "/v1/analyze"
BATCH = "/v1/analyze/batch"
JSON_TYPE = {"Content-Type": "application/json"}
CLIENT_TIMEOUT = 120.0  # seconds; a request that takes longer counts as an error


# --- requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of request in a stream: what to send and the status it must get."""

    name: str
    method: str
    path: str
    headers: dict
    bodies: tuple[bytes, ...]
    expect: int
    articles: int = 0  # articles analysed by a successful answer
    well_formed: bool = True  # a request the service must answer with 2xx


def article_kinds(words: int, n: int = 40, seed: int = 0) -> dict[str, Kind]:
    """Well-formed requests: single articles, and batches of four."""
    texts = make_articles(n, words, seed)
    singles = tuple(json.dumps({"text": t}).encode() for t in texts)
    batches = tuple(
        json.dumps(
            {"documents": [{"id": f"d{i}-{j}", "text": texts[(i + j) % n]} for j in range(4)]}
        ).encode()
        for i in range(8)
    )
    return {
        "article": Kind("article", "POST", ANALYZE, JSON_TYPE, singles, 200, 1),
        "batch": Kind("batch", "POST", BATCH, JSON_TYPE, batches, 200, 4),
    }


def bad_kinds(
    max_body_bytes: int = 1_000_000, max_text_chars: int = 100_000, max_sentences: int = 2_000
) -> dict[str, Kind]:
    """Requests each limit or check must refuse with its own status."""
    oversize = json.dumps({"text": "a" * (max_body_bytes + 200_000)}).encode()
    long_text = json.dumps({"text": ("word " * (max_text_chars // 5 + 2_000))}).encode()
    many = json.dumps({"text": "Yes. " * (max_sentences + 500)}).encode()
    return {
        "oversize_body": Kind(
            "oversize_body", "POST", ANALYZE, JSON_TYPE, (oversize,), 413, well_formed=False
        ),
        "text_too_long": Kind(
            "text_too_long", "POST", ANALYZE, JSON_TYPE, (long_text,), 413, well_formed=False
        ),
        "too_many_sentences": Kind(
            "too_many_sentences", "POST", ANALYZE, JSON_TYPE, (many,), 422, well_formed=False
        ),
        "malformed_json": Kind(
            "malformed_json",
            "POST",
            ANALYZE,
            JSON_TYPE,
            (b'{"text": "The plan', b"{text: 1}", b"[" * 5000),
            400,
            well_formed=False,
        ),
        "empty_text": Kind(
            "empty_text", "POST", ANALYZE, JSON_TYPE, (b'{"text": "  "}',), 400, well_formed=False
        ),
        "wrong_type": Kind(
            "wrong_type",
            "POST",
            ANALYZE,
            {"Content-Type": "application/xml"},
            (b"<text>hello</text>",),
            415,
            well_formed=False,
        ),
        "unknown_path": Kind(
            "unknown_path",
            "POST",
            "/v1/analyse",
            JSON_TYPE,
            (b'{"text": "a"}',),
            404,
            well_formed=False,
        ),
    }


# Share of each kind in the mixed stream.
MIXED_WEIGHTS = {
    "article": 60,
    "batch": 5,
    "oversize_body": 5,
    "text_too_long": 5,
    "too_many_sentences": 5,
    "malformed_json": 8,
    "empty_text": 4,
    "wrong_type": 4,
    "unknown_path": 4,
}


# --- the client -------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    status: int | None  # None: no answer (connection lost, timeout)
    seconds: float
    expected: bool
    well_formed: bool
    articles: int
    error: str | None = None
    start: float = 0.0


def send(host: str, port: int, kind: Kind, body: bytes) -> Sample:
    """One request on a new connection (sync workers close it after each answer)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=CLIENT_TIMEOUT)
    status, error = None, None
    try:
        try:
            conn.request(kind.method, kind.path, body=body, headers=kind.headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before the whole body was sent: the answer is still there to read
        resp = conn.getresponse()
        resp.read()
        status = resp.status
    except (OSError, http.client.HTTPException) as exc:
        error = type(exc).__name__
    finally:
        conn.close()
    seconds = time.perf_counter() - start
    return Sample(
        kind.name,
        status,
        seconds,
        status == kind.expect,
        kind.well_formed,
        kind.articles if status == kind.expect else 0,
        error,
        start,
    )


def run_stream(
    host: str, port: int, clients: int, duration: float, choose, on_tick=None
) -> tuple[list[Sample], float]:
    """``clients`` threads sending ``choose(rng)`` -> (Kind, body) until ``duration`` is up.

    ``on_tick(elapsed)`` runs in the calling thread every 50 ms (the fault injection)."""
    deadline = time.perf_counter() + duration
    samples: list[Sample] = []
    lock = threading.Lock()

    def client(i: int) -> None:
        rng = random.Random(i)
        mine = []
        while time.perf_counter() < deadline:
            kind, body = choose(rng)
            mine.append(send(host, port, kind, body))
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if on_tick is not None:
            on_tick(time.perf_counter() - start)
        for t in threads:
            t.join(timeout=0.05)
    return samples, time.perf_counter() - start


def picker(kinds: dict[str, Kind], weights: dict[str, int]):
    names = [n for n in weights if n in kinds]
    cum = [weights[n] for n in names]

    def choose(rng: random.Random):
        kind = kinds[rng.choices(names, cum)[0]]
        return kind, rng.choice(kind.bodies)

    return choose


def summarize(name: str, clients: int, samples: list[Sample], elapsed: float) -> dict:
    """Throughput, latency and error counts of one phase."""
    good = [s for s in samples if s.kind == "article" and s.expected]
    lat = [s.seconds for s in good] or [0.0]
    statuses: dict[str, int] = {}
    for s in samples:
        key = str(s.status) if s.status is not None else (s.error or "no answer")
        statuses[key] = statuses.get(key, 0) + 1
    by_kind: dict[str, dict] = {}
    for s in samples:
        k = by_kind.setdefault(s.kind, {"sent": 0, "as_expected": 0})
        k["sent"] += 1
        k["as_expected"] += s.expected
    server_errors = sum(1 for s in samples if s.status is not None and s.status >= 500)
    lost = sum(1 for s in samples if s.status is None)
    unexpected = sum(
        1 for s in samples if s.status is not None and not s.expected and s.status < 500
    )
    return {
        "phase": name,
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": len(samples),
        "requests_per_second": round(len(samples) / elapsed, 2) if elapsed else 0.0,
        "articles": sum(s.articles for s in samples),
        "articles_per_second": round(sum(s.articles for s in samples) / elapsed, 2)
        if elapsed
        else 0.0,
        "p50_ms": round(percentile(lat, 50) * 1000, 1),
        "p95_ms": round(percentile(lat, 95) * 1000, 1),
        "p99_ms": round(percentile(lat, 99) * 1000, 1),
        "max_ms": round(max(lat) * 1000, 1),
        "errors": server_errors + lost + unexpected,
        "server_errors": server_errors,
        "lost_connections": lost,
        "unexpected_status": unexpected,
        "well_formed_errors": sum(1 for s in samples if s.well_formed and not s.expected),
        "statuses": dict(sorted(statuses.items())),
        "by_kind": by_kind,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


# --- the server -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (gunicorn's workers, for the master)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
        ).stdout
        return [int(x) for x in out.split()]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0.0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def memory_mib(pid: int) -> dict:
    """RSS and PSS of a process in MiB (PSS: shared pages divided among their sharers)."""
    out = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in (
                    "Rss",
                    "Pss",
                    "Shared_Clean",
                    "Shared_Dirty",
                    "Private_Clean",
                    "Private_Dirty",
                ):
                    out[key.lower()] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


class Server:
    """gunicorn with the repository's configuration on 127.0.0.1, started and stopped here."""

    def __init__(self, workers: int = 2, env: dict | None = None, log: Path | None = None):
        self.workers = workers
        self.port = _free_port()
        self.host = "127.0.0.1"
        self.env = {**os.environ, **(env or {})}
        self.log_path = log or Path(
            tempfile.mkstemp(prefix="reportedly-loadtest-", suffix=".log")[1]
        )
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 90.0) -> Server:
        from service.serve import build_command

        argv = build_command(host=self.host, port=self.port, workers=self.workers)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            argv, stdout=self._log, stderr=subprocess.STDOUT, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.proc.returncode}: "
                    f"{self.log_path.read_text(errors='replace')[-2000:]}"
                )
            try:
                if self.get("/readyz")[0] == 200 and len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn not ready after {timeout:.0f} s")
            time.sleep(0.2)

    def get(self, path: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid) if self.proc is not None else []

    def cpu_seconds(self) -> float:
        """CPU time the workers alive now have used (the master only forks and watches)."""
        return sum(cpu_seconds(p) for p in self.worker_pids())

    def memory(self) -> dict:
        assert self.proc is not None, "the server is not running"
        return {
            "master": memory_mib(self.proc.pid),
            "workers": [memory_mib(p) for p in self.worker_pids()],
        }

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM (graceful: in-flight requests finish), then wait; SIGKILL if it hangs."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()
        return self.proc.returncode

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --- phases -----------------------------------------------------------------------------------


def steady(server_host: str, port: int, kinds: dict, clients: int, duration: float) -> dict:
    samples, elapsed = run_stream(
        server_host, port, clients, duration, picker(kinds, {"article": 1})
    )
    return summarize("steady", clients, samples, elapsed)


def mixed(server_host: str, port: int, kinds: dict, clients: int, duration: float) -> dict:
    samples, elapsed = run_stream(
        server_host, port, clients, duration, picker(kinds, MIXED_WEIGHTS)
    )
    return summarize("mixed", clients, samples, elapsed)


def fault(server: Server, kinds: dict, clients: int, duration: float) -> dict:
    """Kill one worker with SIGKILL a third of the way in; see the module docstring."""
    before = server.worker_pids()
    state: dict = {"killed": None, "killed_at": None, "replaced_after": None}

    def tick(elapsed: float) -> None:
        if state["killed"] is None and elapsed >= duration / 3 and before:
            victim = before[0]
            os.kill(victim, signal.SIGKILL)
            state["killed"], state["killed_at"] = victim, time.perf_counter()
        elif state["killed"] is not None and state["replaced_after"] is None:
            now = server.worker_pids()
            if len(now) == server.workers and state["killed"] not in now:
                state["replaced_after"] = time.perf_counter() - state["killed_at"]

    samples, elapsed = run_stream(
        server.host, server.port, clients, duration, picker(kinds, {"article": 1}), on_tick=tick
    )
    deadline = time.monotonic() + 10
    while state["replaced_after"] is None and time.monotonic() < deadline:
        tick(duration)
        time.sleep(0.05)
    report = summarize("fault", clients, samples, elapsed)
    after = server.worker_pids()
    # Requests that started before the kill and got no answer were held by the killed worker.
    report.update(
        {
            "killed_worker": state["killed"],
            "workers_before": before,
            "workers_after": after,
            "replaced": state["replaced_after"] is not None,
            "replaced_after_s": None
            if state["replaced_after"] is None
            else round(state["replaced_after"], 3),
            "lost_in_flight": report["lost_connections"],
            "passed": (
                state["replaced_after"] is not None
                and report["server_errors"] == 0
                and report["unexpected_status"] == 0
                and report["lost_connections"] <= 1
            ),
        }
    )
    return report


def _with_cpu(server: Server | None, workers: int, phase, *args) -> dict:
    """Run ``phase(*args)`` and add the workers' CPU time per article to its report, and the
    throughput that gives with a core per worker (what the phase would reach on an otherwise
    idle machine, where client and other processes take no CPU from the workers)."""
    before = server.cpu_seconds() if server is not None else 0.0
    report = phase(*args)
    if server is not None and report["articles"]:
        cpu = server.cpu_seconds() - before
        per_article = cpu / report["articles"]
        report["server_cpu_s"] = round(cpu, 2)
        report["cpu_ms_per_article"] = round(per_article * 1000, 1)
        report["capacity_articles_per_s"] = round(workers / per_article, 1) if cpu else None
    return report


def machine() -> dict:
    mem_kib = 0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_kib = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpus_available": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def _loopback(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        loop = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loop = False
    if parts.scheme != "http" or not loop:
        raise ValueError(
            f"--url must be http:// on a loopback address (127.0.0.1, ::1, localhost), not {url!r}"
        )
    return host, parts.port or 80


def run_loadtest(
    clients: tuple[int, ...] = (1, 8, 32),
    duration: float = 10.0,
    words: int = 1000,
    workers: int | None = None,
    mixed_clients: int = 8,
    do_mixed: bool = True,
    do_fault: bool = True,
    url: str | None = None,
    log=None,
) -> dict:
    """Run every phase and return the report (see the module docstring)."""
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    workers = workers or (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    articles = article_kinds(words)
    kinds = {**articles, **bad_kinds()}
    report: dict = {
        "machine": machine(),
        "words": words,
        "duration_s": duration,
        "workers": workers,
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "phases": [],
    }
    server = None
    if url:
        host, port = _loopback(url)
        report["url"] = url
        do_fault = False  # only a server started here can have a worker killed
    else:
        log(f"starting gunicorn with {workers} workers on 127.0.0.1 ...")
        server = Server(workers, env={"REPORTEDLY_LOG_FORMAT": "json"}).start()
        host, port = server.host, server.port
        report["url"] = server.url
        report["memory_idle_mib"] = server.memory()
    try:
        warm = min(2.0, duration)
        run_stream(host, port, max(1, workers), warm, picker(articles, {"article": 1}))
        for c in clients:
            log(f"steady: {c} clients for {duration:.0f} s ...")
            report["phases"].append(
                _with_cpu(server, workers, steady, host, port, articles, c, duration)
            )
        if server is not None:
            report["memory_after_load_mib"] = server.memory()
        if do_mixed:
            log(f"mixed: {mixed_clients} clients for {duration:.0f} s ...")
            report["phases"].append(
                _with_cpu(server, workers, mixed, host, port, kinds, mixed_clients, duration)
            )
        if do_fault and server is not None:
            log(
                f"fault: 8 clients for {duration:.0f} s, one worker killed at "
                f"{duration / 3:.1f} s ..."
            )
            report["phases"].append(fault(server, articles, 8, duration))
    finally:
        if server is not None:
            report["exit_status"] = server.stop()
            report["server_log"] = str(server.log_path)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return report


def format_report(r: dict, markdown: bool = False) -> str:
    """The report as text tables (Markdown with ``markdown``)."""
    m = r["machine"]
    lines = [
        f"reportedly loadtest: {r['url']}, {r['workers']} sync workers, "
        f"{r['words']}-word articles, {r['duration_s']:.0f} s per phase",
        f"machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, "
        f"Python {m['python']}, {m['date']}",
        f"load average before {r['load_average_before']}, after {r['load_average_after']}",
        "",
    ]
    head = [
        "phase",
        "clients",
        "requests",
        "req/s",
        "articles/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "errors",
        "CPU ms/article",
        "capacity/s",
        "load avg (1, 5, 15 min)",
    ]
    rows = [
        [
            p["phase"],
            p["clients"],
            p["requests"],
            p["requests_per_second"],
            p["articles_per_second"],
            p["p50_ms"],
            p["p95_ms"],
            p["p99_ms"],
            p["max_ms"],
            p["errors"],
            p.get("cpu_ms_per_article", "-"),
            p.get("capacity_articles_per_s", "-"),
            ", ".join(str(x) for x in p["load_average"]),
        ]
        for p in r["phases"]
    ]
    lines += _table(head, rows, markdown)
    for p in r["phases"]:
        if p["phase"] == "mixed":
            lines += ["", "mixed stream, by kind (sent / answered with the expected status):"]
            lines += _table(
                ["kind", "sent", "as expected"],
                [[k, v["sent"], v["as_expected"]] for k, v in sorted(p["by_kind"].items())],
                markdown,
            )
            lines.append(f"statuses: {p['statuses']}")
        if p["phase"] == "fault":
            lines += [
                "",
                f"fault: killed worker {p['killed_worker']} (of {p['workers_before']});"
                f" replaced: {p['replaced']} after {p['replaced_after_s']} s; workers now "
                f"{p['workers_after']}; 5xx: {p['server_errors']}; lost connections "
                f"(in flight on the killed worker): {p['lost_in_flight']}; statuses "
                f"{p['statuses']}; {'PASSED' if p['passed'] else 'FAILED'}",
            ]
    for key, label in (
        ("memory_idle_mib", "memory at start"),
        ("memory_after_load_mib", "memory after the steady phases"),
    ):
        if key in r:
            mem = r[key]
            lines += ["", f"{label} (MiB):"]
            rows = [
                [
                    "master",
                    mem["master"].get("rss"),
                    mem["master"].get("pss"),
                    mem["master"].get("private_dirty"),
                ]
            ]
            rows += [
                [f"worker {i + 1}", w.get("rss"), w.get("pss"), w.get("private_dirty")]
                for i, w in enumerate(mem["workers"])
            ]
            lines += _table(["process", "RSS", "PSS", "private dirty"], rows, markdown)
    return "\n".join(lines)


def _table(head: list, rows: list[list], markdown: bool) -> list[str]:
    cells = [[str(c) for c in row] for row in [head, *rows]]
    if markdown:
        out = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(head)]
        return out + ["| " + " | ".join(r) + " |" for r in cells[1:]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    return [
        "  ".join(c.rjust(w) if j else c.ljust(w) for j, (c, w) in enumerate(zip(r, widths)))
        for r in cells
    ]


# --- command line -----------------------------------------------------------------------------


def _clients(value: str) -> tuple[int, ...]:
    try:
        out = tuple(int(x) for x in value.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of integers: {value!r}") from None
    if not out or min(out) < 1 or max(out) > 256:
        raise argparse.ArgumentTypeError(f"client counts must be 1-256: {value!r}")
    return out


def _duration(value: str) -> float:
    try:
        d = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.5 <= d <= 600:
        raise argparse.ArgumentTypeError(f"duration must be 0.5-600 s: {value!r}")
    return d


def cmd_loadtest(args: argparse.Namespace) -> int:
    try:
        report = run_loadtest(
            clients=args.clients,
            duration=args.duration,
            words=args.words,
            workers=args.workers,
            mixed_clients=args.mixed_clients,
            do_mixed=not args.no_mixed,
            do_fault=not args.no_fault,
            url=args.url,
        )
    except (ValueError, RuntimeError) as exc:
        print(f"reportedly: loadtest: {exc}", file=sys.stderr)
        return 1
    print(
        json.dumps(report, indent=2) if args.json else format_report(report, markdown=args.markdown)
    )
    bad = [
        p
        for p in report["phases"]
        if (
            not p["passed"]
            if p["phase"] == "fault"  # may lose the killed worker's one
            else p["well_formed_errors"] or p["errors"]
        )
    ]
    return 1 if bad else 0


def add_parser(sub) -> None:
    """Register ``loadtest`` on the ``reportedly`` parser's sub-parsers."""
    p = sub.add_parser(
        "loadtest",
        help="load-test the service under gunicorn on loopback",
        description="Start gunicorn on 127.0.0.1 (or use --url, loopback only) "
        "and measure throughput, latency percentiles and errors at several "
        "client counts, a mixed stream with bad requests, and a worker killed "
        "mid-load. Exit status 1 if any well-formed request failed.",
    )
    p.add_argument(
        "--clients",
        type=_clients,
        default=(1, 8, 32),
        metavar="N,N,...",
        help="concurrent clients of the steady phases (default 1,8,32)",
    )
    p.add_argument(
        "--duration",
        type=_duration,
        default=10.0,
        metavar="S",
        help="seconds per phase (default 10)",
    )
    p.add_argument("--words", type=int, default=1000, help="words per article (default 1000)")
    p.add_argument(
        "--workers", type=int, metavar="N", help="gunicorn workers (default: CPUs available)"
    )
    p.add_argument(
        "--mixed-clients",
        type=int,
        default=8,
        metavar="N",
        help="clients of the mixed stream (default 8)",
    )
    p.add_argument("--no-mixed", action="store_true", help="skip the mixed stream")
    p.add_argument("--no-fault", action="store_true", help="skip the worker-kill phase")
    p.add_argument("--url", help="an already running service (loopback only; no fault phase)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the report as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print Markdown tables")
    p.set_defaults(func=cmd_loadtest)
