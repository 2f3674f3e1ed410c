"""The real gunicorn with the repository's configuration, on loopback: JSON logs with request
ids and no article text, metrics summed over the workers (and kept when one dies), the
metrics folder's life cycle, and a graceful shutdown that lets an in-flight request finish."""

from __future__ import annotations

import glob
import http.client
import json
import os
import signal
import tempfile
import threading
import time

import pytest

from service.loadtest import Server

MARKER = "Quuxlingtonshire"  # a word to look for in the logs
ARTICLE = f"The {MARKER} council will vote on Monday, the mayor said. It rained.\n"


def request(
    server: Server,
    method: str,
    path: str,
    body: dict | None = None,
    headers: dict | None = None,
    timeout: float = 60,
):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(
            method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})}
        )
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    metrics_dir = tmp_path_factory.mktemp("metrics")
    log = tmp_path_factory.mktemp("log") / "server.log"
    with Server(
        workers=2,
        log=log,
        env={"REPORTEDLY_LOG_FORMAT": "json", "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)},
    ) as s:
        s.metrics_dir = metrics_dir
        yield s


def _metric(server: Server, name: str, **labels) -> float:
    from prometheus_client.parser import text_string_to_metric_families

    status, _, body = request(server, "GET", "/metrics")
    assert status == 200
    total = 0.0
    for family in text_string_to_metric_families(body.decode()):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                total += s.value
    return total


def test_logs_are_json_with_request_ids_and_no_article_text(server):
    status, headers, _ = request(
        server, "POST", "/v1/analyze", {"text": ARTICLE}, {"X-Request-ID": "log-test-1"}
    )
    assert status == 200 and headers["X-Request-ID"] == "log-test-1"
    status, headers, _ = request(
        server, "POST", "/v1/analyze", {"text": ARTICLE + " " * 5, "extra": MARKER}
    )
    assert status == 400
    generated = headers["X-Request-ID"]
    time.sleep(0.5)  # let the access lines reach the file
    lines = server.log_path.read_text().splitlines()
    records = [json.loads(line) for line in lines if line.strip()]  # every line is JSON
    access = [r for r in records if r.get("event") == "access"]
    mine = [r for r in access if r["request_id"] == "log-test-1"]
    assert mine and mine[0]["path"] == "/v1/analyze" and mine[0]["status"] == 200
    assert mine[0]["duration_ms"] > 0 and mine[0]["method"] == "POST"
    assert any(r["request_id"] == generated and r["status"] == 400 for r in access)
    assert any(
        r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records
    )
    assert MARKER not in server.log_path.read_text()


def test_metrics_add_up_over_workers_and_survive_a_dead_worker(server):
    before = _metric(server, "reportedly_http_requests_total", route="/v1/models", status="200")
    for _ in range(12):
        assert request(server, "GET", "/v1/models")[0] == 200
    # whichever worker answers the scrape, it reports both workers' requests
    counts = {
        _metric(server, "reportedly_http_requests_total", route="/v1/models", status="200")
        for _ in range(4)
    }
    assert counts == {before + 12}
    victim = server.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while victim in server.worker_pids() or len(server.worker_pids()) < 2:
        assert time.monotonic() < deadline, "gunicorn did not replace the killed worker"
        time.sleep(0.1)
    time.sleep(0.3)
    assert not list(server.metrics_dir.glob(f"*_{victim}.db"))  # folded into the archive
    assert (server.metrics_dir / "counter_archive.db").exists()
    assert (
        _metric(server, "reportedly_http_requests_total", route="/v1/models", status="200")
        == before + 12
    )
    info = _metric(server, "reportedly_model_info", component="sentences")
    assert info == 1
    assert request(server, "POST", "/v1/analyze", {"text": ARTICLE})[0] == 200


def test_graceful_shutdown_finishes_the_request_in_flight(tmp_path):
    """SIGTERM to the master while a slow request runs: the request still gets its 200,
    then the server exits cleanly."""
    from service.bench import make_articles

    # 32 articles of 2,000 words: two seconds or more of work for the one worker
    docs = [{"id": str(i), "text": t} for i, t in enumerate(make_articles(32, 2000, 7))]
    s = Server(
        workers=1, log=tmp_path / "server.log", env={"REPORTEDLY_MAX_BATCH_CHARS": "1000000"}
    ).start()
    try:
        result: dict = {}

        def slow():
            result["status"], _, body = request(
                s, "POST", "/v1/analyze/batch", {"documents": docs}, timeout=120
            )
            result["results"] = len(json.loads(body)["results"])
            result["done"] = time.monotonic()

        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.5)  # the batch is being analysed
        assert "status" not in result
        term = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        t.join(timeout=120)
        assert result["status"] == 200 and result["results"] == 32
        assert result["done"] > term
        assert s.proc.wait(timeout=60) == 0
        with pytest.raises(OSError):
            request(s, "GET", "/healthz", timeout=2)
    finally:
        s.stop()
    log = (tmp_path / "server.log").read_text()
    assert "Handling signal: term" in log and "Shutting down: Master" in log


def _metrics_dirs(master: int) -> list[str]:
    """The metrics folders gunicorn made for this master (in /dev/shm, else the temp dir)."""
    return sorted(
        {
            *glob.glob(f"/dev/shm/reportedly-metrics-{master}-*"),
            *glob.glob(os.path.join(tempfile.gettempdir(), f"reportedly-metrics-{master}-*")),
        }
    )


def test_metrics_folder_is_removed_at_exit_and_swept_after_a_kill(tmp_path):
    """gunicorn makes its own metrics folder; a clean exit removes it, and one left by a
    master killed with SIGKILL is removed when the next server starts."""
    env = {"PROMETHEUS_MULTIPROC_DIR": ""}
    first = Server(workers=1, log=tmp_path / "first.log", env=env).start()
    master = first.proc.pid
    assert len(_metrics_dirs(master)) == 1
    os.killpg(master, signal.SIGKILL)  # no on_exit
    first.proc.wait(timeout=30)
    first.stop()
    assert len(_metrics_dirs(master)) == 1
    second = Server(workers=1, log=tmp_path / "second.log", env=env).start()
    try:
        assert _metrics_dirs(master) == []  # swept: its master is dead
        assert len(_metrics_dirs(second.proc.pid)) == 1
    finally:
        assert second.stop() == 0
    assert _metrics_dirs(second.proc.pid) == []


def test_deadline_answers_json_503_under_gunicorn_sync_workers(tmp_path):
    """The SIGALRM deadline in a real sync worker: a JSON 503 with Retry-After long before
    the worker timeout, and the worker goes on answering (no kill, no HTML page)."""
    from service import adversarial

    text = adversarial.text("mixed", chars=100_000)  # seconds of analysis anywhere
    with Server(
        workers=1, log=tmp_path / "server.log", env={"REPORTEDLY_ANALYSIS_TIMEOUT": "0.5"}
    ) as s:
        pid = s.worker_pids()
        start = time.monotonic()
        status, headers, body = request(s, "POST", "/v1/analyze", {"text": text})
        assert time.monotonic() - start < 10
        assert status == 503 and headers["Content-Type"] == "application/json"
        assert json.loads(body)["error"]["code"] == "analysis_timeout"
        assert int(headers["Retry-After"]) >= 1
        status, _, _ = request(s, "POST", "/v1/analyze", {"text": "Hi."})
        assert status == 200 and s.worker_pids() == pid  # the same worker, still alive


def test_gunicorn_refuses_a_deadline_too_close_to_its_timeout(tmp_path):
    import subprocess
    import sys

    from service.serve import CONFIG_PATH

    env = {**os.environ, "REPORTEDLY_TIMEOUT": "30", "REPORTEDLY_ANALYSIS_TIMEOUT": "28"}
    done = subprocess.run(
        [sys.executable, "-c", f"import gunicorn.arbiter; exec(open({str(CONFIG_PATH)!r}).read())"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "at least 5 s below" in done.stderr
