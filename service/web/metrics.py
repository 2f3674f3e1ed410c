"""``GET /metrics``: Prometheus metrics of the web service.

- ``reportedly_http_requests_total``: requests answered, by ``route`` (the URL rule, e.g.
  ``/v1/articles/<aid>``; ``unmatched`` for 404s), ``method`` and ``status``
- ``reportedly_http_request_duration_seconds``: latency histogram by ``route`` and ``method``
- ``reportedly_http_requests_in_progress``: requests being answered now (summed over workers)
- ``reportedly_errors_total``: error responses and failed batch documents, by ``code``
- ``reportedly_articles_analysed_total``: articles analysed, by ``endpoint`` (``analyze``,
  ``batch``, ``articles``)
- ``reportedly_words_analysed_total``: white-space separated words in those articles
- ``reportedly_model_info``: 1, labelled with each loaded ``component`` and its ``artifact_id``
- ``reportedly_build_info``: 1, labelled with the package ``version``

Under gunicorn every worker is a process of its own, so the counters live in
prometheus_client's multiprocess mode: ``PROMETHEUS_MULTIPROC_DIR`` (set by
``service/gunicorn_conf.py`` to a fresh temporary folder before anything imports
prometheus_client) holds one small memory-mapped file per worker, and a scrape, answered by
whichever worker gets it, adds them all up. When a worker exits (``max_requests`` recycling, a
crash, a kill) the master folds its counters into one ``*_archive.db`` file
(:func:`archive_dead_worker`), so totals survive and the folder does not grow with every
recycled worker. Without the variable (tests, ``flask run``) the process's own registry is
served.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.mmap_dict import MmapedDict

from service.version import __version__

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
COMPONENTS = "reportedly.metrics.components"  # app extension: the loaded models
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# Seconds: a 1,000-word article takes ~70 ms on one core, a 100,000-character one ~1 s.
LATENCY_BUCKETS = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.075,
    0.1,
    0.15,
    0.25,
    0.5,
    0.75,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
)

disable_created_metrics()  # no *_created series: multiprocess mode has none either

REQUESTS = Counter(
    "reportedly_http_requests", "HTTP requests answered.", ["route", "method", "status"]
)
LATENCY = Histogram(
    "reportedly_http_request_duration_seconds",
    "Time to answer a request, from routing to response.",
    ["route", "method"],
    buckets=LATENCY_BUCKETS,
)
IN_PROGRESS = Gauge(
    "reportedly_http_requests_in_progress",
    "Requests being answered now.",
    multiprocess_mode="livesum",
)
ERRORS = Counter(
    "reportedly_errors", "Error responses and failed batch documents, by code.", ["code"]
)
ARTICLES = Counter("reportedly_articles_analysed", "Articles analysed.", ["endpoint"])
WORDS = Counter(
    "reportedly_words_analysed", "Words (white-space separated) analysed.", ["endpoint"]
)

bp = Blueprint("metrics", __name__)


def multiprocess_dir() -> str | None:
    """The multiprocess folder, if this process runs in multiprocess mode."""
    path = os.environ.get(MULTIPROC_ENV)
    return path if path and os.path.isdir(path) else None


def record_analysis(endpoint: str, text: str) -> None:
    """Count one analysed article and its words."""
    ARTICLES.labels(endpoint).inc()
    WORDS.labels(endpoint).inc(len(text.split()))


def record_error(code: str) -> None:
    ERRORS.labels(code).inc()


def _route() -> str:
    rule = request.url_rule
    return rule.rule if rule is not None else "unmatched"


def _start() -> None:
    g.metrics_start = time.perf_counter()
    IN_PROGRESS.inc()


def _finish(response: Response) -> Response:
    start = g.pop("metrics_start", None)
    if start is not None:
        method = request.method if request.method in METHODS else "other"
        route = _route()
        LATENCY.labels(route, method).observe(time.perf_counter() - start)
        REQUESTS.labels(route, method, str(response.status_code)).inc()
        IN_PROGRESS.dec()
    return response


def _teardown(exc: BaseException | None) -> None:
    # after_request did not run (an error while handling an error): still leave the gauge right
    if g.pop("metrics_start", None) is not None:
        IN_PROGRESS.dec()


class _ModelCollector:
    """The loaded models and package version, read from the app at scrape time."""

    def __init__(self, components: dict[str, str]):
        self.components = components

    def collect(self):
        build = GaugeMetricFamily(
            "reportedly_build_info", "The reportedly package serving.", labels=["version"]
        )
        build.add_metric([__version__], 1)
        yield build
        models = GaugeMetricFamily(
            "reportedly_model_info", "Loaded model components.", labels=["component", "artifact_id"]
        )
        for name, artifact in sorted(self.components.items()):
            models.add_metric([name, artifact], 1)
        yield models


def _components() -> dict[str, str]:
    components = current_app.extensions.get(COMPONENTS)
    return components() if components is not None else {}


def render() -> bytes:
    """The exposition text: all workers' metrics (or this process's), then model info."""
    path = multiprocess_dir()
    for attempt in range(3):
        try:
            if path:
                registry = CollectorRegistry()
                multiprocess.MultiProcessCollector(registry, path=path)
                body = generate_latest(registry)
            else:
                body = generate_latest(REGISTRY)
            break
        except FileNotFoundError:  # a dead worker's file folded away mid-read: read again
            if attempt == 2:
                raise
    info = CollectorRegistry()
    info.register(_ModelCollector(_components()))
    return body + generate_latest(info)


@bp.get("/metrics")
def metrics() -> Response:
    """Prometheus text exposition format (open, like the health checks)."""
    return Response(
        render(), content_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"}
    )


def init_app(app: Flask, components: Callable[[], dict[str, str]] | None = None) -> None:
    """Time and count every request of ``app`` and serve ``/metrics``; ``components``
    gives the loaded models (component -> artifact id) at scrape time."""
    if components is not None:
        app.extensions[COMPONENTS] = components
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_teardown)
    app.register_blueprint(bp)


# --- gunicorn master hooks -------------------------------------------------------------------


def archive_dead_worker(pid: int, path: str | None = None) -> None:
    """Fold a dead worker's counters and histograms into ``*_archive.db`` and drop its files
    (its live gauges go, as :func:`prometheus_client.multiprocess.mark_process_dead` does).

    Run by the gunicorn master only (``child_exit``), one worker at a time.
    """
    path = path or multiprocess_dir()
    if not path:
        return
    multiprocess.mark_process_dead(pid, path)
    for kind in ("counter", "histogram", "summary"):
        dead = os.path.join(path, f"{kind}_{pid}.db")
        if not os.path.exists(dead):
            continue
        values = MmapedDict.read_all_values_from_file(dead)
        archive = MmapedDict(os.path.join(path, f"{kind}_archive.db"))
        try:
            for key, value, _timestamp, _pos in values:
                old, _ = archive.read_value(key)
                archive.write_value(key, old + value, 0.0)
        finally:
            archive.close()
        os.remove(dead)
    # gauges kept after death ("all", "max", ...) are per pid: drop them too
    for stale in glob.glob(os.path.join(path, f"gauge_*_{pid}.db")):
        os.remove(stale)
