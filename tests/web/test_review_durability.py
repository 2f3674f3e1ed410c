"""Nothing acknowledged is lost: corrections the service answered for survive ``kill -9`` of
the real server (gunicorn, as ``reportedly serve`` runs it) and are there after a restart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from e2e.support import ARTICLE, database_url, free_port  # noqa: F401  (fixture)

REPO = Path(__file__).resolve().parents[2]


def request(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        base + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", "X-Editor": "durable"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, json.loads(resp.read())


class Server:
    def __init__(self, url: str, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DATABASE_URL": url, "REPORTEDLY_WORKERS": "1"}
        env.pop("REPORTEDLY_DATABASE_URL", None)
        env.pop("REPORTEDLY_API_KEYS", None)
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "service", "serve", "--port", str(self.port), "--workers", "1"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env=env,
            start_new_session=True,
        )

    def wait_ready(self, logfile: Path) -> None:
        deadline = time.monotonic() + 120
        while True:
            assert self.proc.poll() is None, logfile.read_text()
            try:
                if request(self.base, "GET", "/readyz")[0] == 200:
                    return
            except (OSError, urllib.error.URLError, ValueError):
                pass
            assert time.monotonic() < deadline, "server not ready after 120 s"
            time.sleep(0.25)

    def kill9(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)  # master and worker, no clean shutdown
        self.proc.wait(timeout=30)
        self.log.close()


def test_acknowledged_corrections_survive_kill_9(database_url, tmp_path):
    logfile = tmp_path / "server.log"
    server = Server(database_url, logfile)
    try:
        server.wait_ready(logfile)
        status, article = request(server.base, "POST", "/v1/articles", {"text": ARTICLE})
        assert status == 201
        aid = article["id"]
        n = len(article["analysis"]["sentences"])
        acknowledged = []
        for i in range(n):
            label = (
                "direct"
                if article["analysis"]["sentences"][i]["label"] == "reported"
                else "reported"
            )
            status, saved = request(
                server.base,
                "POST",
                f"/v1/articles/{aid}/corrections",
                {"kind": "sentence_label", "target": {"sentence": i}, "after": {"label": label}},
            )
            assert status == 200
            acknowledged.append((saved["correction"]["id"], i, label))
    finally:
        server.kill9()  # straight after the last acknowledgement

    server = Server(database_url, logfile)
    try:
        server.wait_ready(logfile)
        status, again = request(server.base, "GET", f"/v1/articles/{aid}")
        assert status == 200
        assert [c["id"] for c in again["corrections"]] == [c for c, _, _ in acknowledged]
        for _, i, label in acknowledged:
            assert again["analysis"]["sentences"][i]["label"] == label
        assert {c["editor"] for c in again["corrections"]} == {"durable"}
    finally:
        server.kill9()
