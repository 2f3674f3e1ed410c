"""``reportedly loadtest``, briefly: every phase against the real gunicorn on loopback,
including the mixed stream of bad requests and a worker killed mid-load. The full-length
figures are in BENCHMARKS.md; this checks the behaviour, not the speed."""

from __future__ import annotations

import pytest

from service import loadtest
from service.cli import main


def test_short_loadtest_with_mixed_stream_and_fault():
    report = loadtest.run_loadtest(
        clients=(2,), duration=3.0, words=300, workers=2, mixed_clients=4, log=lambda msg: None
    )
    steady, mixed, fault = report["phases"]
    assert steady["phase"] == "steady" and steady["requests"] > 0
    assert steady["errors"] == 0 and steady["well_formed_errors"] == 0
    assert steady["p50_ms"] > 0 and steady["articles_per_second"] > 0
    assert mixed["phase"] == "mixed" and mixed["errors"] == 0
    assert mixed["well_formed_errors"] == 0 and mixed["server_errors"] == 0
    assert all(k["sent"] == k["as_expected"] for k in mixed["by_kind"].values())
    assert fault["phase"] == "fault" and fault["passed"], fault
    assert fault["killed_worker"] not in fault["workers_after"]
    assert len(fault["workers_after"]) == 2 and fault["server_errors"] == 0
    assert fault["lost_in_flight"] <= 1
    workers = report["memory_after_load_mib"]["workers"]
    assert len(workers) == 2 and all(w["pss"] > 0 and w["rss"] >= w["pss"] for w in workers)
    assert report["exit_status"] == 0
    text = loadtest.format_report(report, markdown=True)
    assert "| steady | 2 |" in text and "PASSED" in text


def test_every_bad_kind_expects_its_own_status():
    kinds = loadtest.bad_kinds()
    assert {k.expect for k in kinds.values()} == {400, 404, 413, 415, 422}
    assert not any(k.well_formed for k in kinds.values())
    assert len(kinds["oversize_body"].bodies[0]) > 1_000_000


@pytest.mark.parametrize(
    "url", ["http://10.0.0.1:8000", "http://example.com", "https://127.0.0.1:8000"]
)
def test_only_loopback_targets(url, capsys):
    assert main(["loadtest", "--url", url, "--duration", "1"]) == 1
    assert "loopback" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["loadtest", "--clients", "0"],
        ["loadtest", "--duration", "0"],
        ["loadtest", "--clients", "a,b"],
    ],
)
def test_usage_errors(argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
