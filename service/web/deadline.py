"""The analysis deadline: a request's analyses get ``REPORTEDLY_ANALYSIS_TIMEOUT`` seconds in
all, then end with 503 ``analysis_timeout`` (and ``Retry-After``), long before gunicorn's
worker timeout would kill the worker and send its HTML page.

A sync gunicorn worker answers one request at a time in its main thread, so the deadline is
a real-time interval timer (``setitimer``) whose ``SIGALRM`` raises :class:`AnalysisTimeout`
in that thread, between two Python bytecodes of whatever the engine is doing. The engine
knows nothing of it. :class:`AnalysisTimeout` derives from ``BaseException`` so that no
``except Exception`` in the engine or the batch loop swallows it; :func:`analysis_deadline`
turns it into the :class:`ApiError`. The timer runs only around analysis and HTML
extraction, never around a database write, so a fired deadline leaves nothing half-written.

Outside a main thread (a threaded dev server) or without ``SIGALRM`` there is no deadline;
the CLI and the batch runner never enter this module.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

from flask import g, has_request_context

from service.web.errors import ApiError

RETRY_AFTER_SECONDS = 10


class AnalysisTimeout(BaseException):
    """Raised in the worker's main thread when the request's analysis deadline passes."""


def _raise_timeout(signum, frame) -> None:
    raise AnalysisTimeout()


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def timeout_error(seconds: float) -> ApiError:
    """The 503 a request gets when its analyses ran out of time."""
    return ApiError(
        503,
        "analysis_timeout",
        f"The analysis took longer than this server allows ({seconds:g} s) and was "
        f"stopped; nothing was stored. Send a shorter text or retry later.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


@contextlib.contextmanager
def analysis_deadline(seconds: float | None) -> Iterator[None]:
    """Run the block under the request's deadline: ``seconds`` from the first time any
    block of this request entered, so a batch shares one budget. Raises the 503
    :class:`ApiError` when it passes. Nested blocks run under the outer one's timer."""
    if not seconds or not _usable():
        yield
        return
    if has_request_context():
        started = g.setdefault("analysis_started", time.monotonic())
    else:
        started = time.monotonic()
    remaining = seconds - (time.monotonic() - started)
    if remaining <= 0:
        raise timeout_error(seconds)
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # an outer block's timer is running
        yield
        return
    previous = signal.getsignal(signal.SIGALRM)
    try:
        try:
            signal.signal(signal.SIGALRM, _raise_timeout)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001))
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except AnalysisTimeout:  # also one that fired between the block's end and the cancel
        raise timeout_error(seconds) from None
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
