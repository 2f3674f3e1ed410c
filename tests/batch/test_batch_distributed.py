"""The batch job on a Dask cluster started separately: ``dask scheduler`` + ``dask worker``
subprocesses on loopback, random ports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from service.bench import make_articles
from service.cli import main

REPO = Path(__file__).resolve().parents[2]
DASK = [sys.executable, "-m", "dask"]


def _wait_for(path: Path, procs, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            try:
                return json.loads(path.read_text())
            except ValueError:
                pass
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.2)
    pytest.fail(f"dask scheduler did not start (see {path.parent})")


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and one single-threaded worker process, both on 127.0.0.1."""
    info = tmp_path / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    logs = [open(tmp_path / f"{name}.log", "w") for name in ("scheduler", "worker")]
    procs = [
        subprocess.Popen(
            [
                *DASK,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(info),
            ],
            cwd=REPO,
            env=env,
            stdout=logs[0],
            stderr=subprocess.STDOUT,
        )
    ]
    try:
        address = _wait_for(info, procs)["address"]
        procs.append(
            subprocess.Popen(
                [
                    *DASK,
                    "worker",
                    address,
                    "--host",
                    "127.0.0.1",
                    "--nworkers",
                    "1",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--death-timeout",
                    "60",
                ],
                cwd=REPO,
                env=env,
                stdout=logs[1],
                stderr=subprocess.STDOUT,
            )
        )
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        for f in logs:
            f.close()


def _loads() -> int:
    """Run on the worker (sent by value: the worker cannot import this test module)."""
    from service.batch import worker

    return worker.LOADS


def test_job_runs_on_a_separately_started_scheduler(cluster, tmp_path):
    import cloudpickle
    from distributed import Client

    assert cluster.startswith("tcp://127.0.0.1:")
    corpus = tmp_path / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as fh:
        for i, text in enumerate(make_articles(6, words=80)):
            fh.write(json.dumps({"id": f"w{i}", "text": text, "outlet": "wire"}) + "\n")
    out = tmp_path / "out"
    status = main(
        [
            "batch",
            str(corpus),
            "--out",
            str(out),
            "--scheduler",
            cluster,
            "--partition-size",
            "2",
            "--tables",
            "attributions",
        ]
    )
    assert status == 0
    articles = pd.read_parquet(out / "articles")
    assert list(articles["id"]) == [f"w{i}" for i in range(6)]
    assert articles["error"].isna().all()
    assert (articles["outlet"] == "wire").all() and (articles["attributions"] > 0).all()
    assert len(pd.read_parquet(out / "attributions")) == articles["attributions"].sum()
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with Client(cluster, timeout="10s") as client:  # three partitions, models loaded once
            assert list(client.run(_loads).values()) == [1]
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
