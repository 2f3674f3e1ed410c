"""``reportedly serve``: build the gunicorn command line and exec it.

The command is built by a pure function (:func:`build_command`) so it can be tested without
starting a server; :func:`exec_gunicorn` replaces the current process so that signals
(SIGTERM, SIGHUP, SIGINT) reach the gunicorn master directly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import NoReturn

CONFIG_PATH = Path(__file__).resolve().with_name("gunicorn_conf.py")
APP = "service.web.wsgi:app"
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# Same defaults as gunicorn_conf.py, which must not import this package.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def format_bind(host: str, port: int) -> str:
    """``host:port`` for gunicorn's ``--bind``, bracketing IPv6 addresses."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"


def build_command(
    host: str | None = None,
    port: int | None = None,
    workers: int | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    python: str | None = None,
    config: Path = CONFIG_PATH,
    app: str = APP,
) -> list[str]:
    """The argv that runs gunicorn with the repo's config plus any overrides.

    ``--bind`` is added only when ``host`` or ``port`` is given; the missing half comes from
    REPORTEDLY_HOST / REPORTEDLY_PORT in ``environ`` (default ``os.environ``) or the defaults.
    """
    env = os.environ if environ is None else environ
    argv = [python or sys.executable, "-m", "gunicorn", "-c", str(config)]
    if host is not None or port is not None:
        host = host or env.get("REPORTEDLY_HOST", "").strip() or DEFAULT_HOST
        port = port or int(env.get("REPORTEDLY_PORT", "").strip() or DEFAULT_PORT)
        argv += ["--bind", format_bind(host, port)]
    if workers is not None:
        argv += ["--workers", str(workers)]
    return argv + [app]


def pin_threads(environ: MutableMapping[str, str] | None = None) -> None:
    """Default BLAS/OpenMP thread counts to 1 (values already set are kept)."""
    env = os.environ if environ is None else environ
    for var in THREAD_VARS:
        env.setdefault(var, "1")


def exec_gunicorn(argv: list[str]) -> NoReturn:
    """Pin threads, flush output and replace this process with ``argv``."""
    pin_threads()
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvp(argv[0], argv)
