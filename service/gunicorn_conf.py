"""gunicorn configuration for the reportedly web service (``gunicorn -c`` this file).

Analysis is CPU-bound pure Python (Punkt, CRFsuite, scikit-learn on small matrices), so the
service runs one single-threaded **sync worker per core**: a request holds one worker for
its whole analysis, and parallelism comes from processes, never threads.

- Models are loaded once in the master (``preload_app``) and shared copy-on-write by the
  forked workers; the master freezes the garbage collector's view of them before forking
  (``gc.freeze``) so collections in the workers do not copy the shared pages.
- BLAS/OpenMP pools are pinned to one thread per worker here, before anything imports numpy.
- ``timeout``: a worker silent this long is killed and replaced. The request limits keep
  every well-formed request far below it (a 100,000-character article takes about 1-2 s),
  and the app's own analysis deadline (``REPORTEDLY_ANALYSIS_TIMEOUT``, a ``SIGALRM`` timer
  in the worker's main thread) answers a JSON 503 before it: a start with a deadline not
  at least 5 s below ``timeout`` is refused.
- Graceful shutdown: on SIGTERM (or SIGHUP for a reload) workers stop accepting, finish the
  requests they hold for up to ``graceful_timeout`` seconds, then exit. Give the container
  runtime a longer stop timeout than that (``docker stop -t 35``,
  ``terminationGracePeriodSeconds: 35``).
- ``max_requests`` (+ jitter so workers do not all restart together) recycles workers to bound
  slow leaks; a restart is a fork of the preloaded master, a few milliseconds.
- Metrics: ``PROMETHEUS_MULTIPROC_DIR`` is set to a fresh temporary folder (in ``/dev/shm``
  when there is one) before the app is imported, unless set already (then its old files are
  removed); a dead worker's counters are folded into an archive file by ``child_exit``. The
  folder is removed at exit, or, if the master was killed, when the next master starts.
- Logs: JSON lines (``REPORTEDLY_LOG_FORMAT=json``, the default) for gunicorn's error log,
  its access log (standard output) and the app; ``text`` keeps gunicorn's plain format.

Environment (command-line flags override all of it):

=================================  =================  ========================================
variable                           default            meaning
=================================  =================  ========================================
``REPORTEDLY_HOST``                ``127.0.0.1``      address to bind
``REPORTEDLY_PORT``                ``8000``           port to bind
``REPORTEDLY_WORKERS``             CPUs available     sync worker processes
``REPORTEDLY_TIMEOUT``             ``30``             seconds before a silent worker is replaced
``REPORTEDLY_GRACEFUL_TIMEOUT``    ``30``             seconds to finish in-flight requests
``REPORTEDLY_ANALYSIS_TIMEOUT``    ``10``             the app's deadline (checked against timeout)
``REPORTEDLY_MAX_REQUESTS``        ``1000``           requests before a worker is recycled (0 never)
``REPORTEDLY_MAX_REQUESTS_JITTER`` ``100``            random extra requests before recycling
``REPORTEDLY_LOG_FORMAT``          ``json``           ``json`` or ``text``
``REPORTEDLY_LOG_LEVEL``           ``INFO``           level of the app's and gunicorn's logs
``PROMETHEUS_MULTIPROC_DIR``       a new temp folder  where workers keep their metrics
=================================  =================  ========================================

On a bigger machine keep one worker per core (the default) and keep requests short; for more
throughput add replicas behind a load balancer rather than threads (see the README, "Scaling
out"). Memory grows by roughly the per-worker figure in BENCHMARKS.md per worker.

Deliberately imports nothing from ``service``: this file runs before the app is imported, so
the thread limits and the metrics folder below take effect before numpy and
prometheus_client load.
"""

import gc as _gc
import glob as _glob
import os
import shutil as _shutil
import sys as _sys
import tempfile as _tempfile

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

# One BLAS/OpenMP thread per worker: parallelism comes from processes, and threaded BLAS
# in forked workers oversubscribes the CPUs (and can deadlock after fork).
for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
):
    os.environ.setdefault(_var, "1")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours taskset/cpusets, unlike cpu_count()
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from None
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value


_host = os.environ.get("REPORTEDLY_HOST", "").strip() or DEFAULT_HOST
_port = _env_int("REPORTEDLY_PORT", DEFAULT_PORT)
bind = [f"[{_host}]:{_port}" if ":" in _host and not _host.startswith("[") else f"{_host}:{_port}"]

workers = _env_int("REPORTEDLY_WORKERS", _cpus())
worker_class = "sync"
preload_app = True

timeout = _env_int("REPORTEDLY_TIMEOUT", 30)  # silent worker: replaced
graceful_timeout = _env_int("REPORTEDLY_GRACEFUL_TIMEOUT", 30)  # SIGTERM: finish in-flight
DEADLINE_MARGIN = 5  # seconds between the app's JSON 503 and gunicorn's kill


def _analysis_timeout() -> float:
    raw = os.environ.get("REPORTEDLY_ANALYSIS_TIMEOUT", "").strip()
    try:
        return float(raw) if raw else 10.0  # service.web.settings.DEFAULT_ANALYSIS_TIMEOUT
    except ValueError:
        raise ValueError(f"REPORTEDLY_ANALYSIS_TIMEOUT must be a number, not {raw!r}") from None


_ANALYSIS_TIMEOUT = _analysis_timeout()
if not 0 < _ANALYSIS_TIMEOUT <= timeout - DEADLINE_MARGIN:
    raise ValueError(
        f"REPORTEDLY_ANALYSIS_TIMEOUT ({_ANALYSIS_TIMEOUT:g} s) must be above 0 and "
        f"at least {DEADLINE_MARGIN} s below REPORTEDLY_TIMEOUT ({timeout} s), so "
        f"a slow analysis ends with the app's JSON 503, not gunicorn's kill"
    )
keepalive = 5  # only used by async workers; sync workers close after each response

max_requests = _env_int("REPORTEDLY_MAX_REQUESTS", 1000, minimum=0)  # recycle against leaks
max_requests_jitter = _env_int("REPORTEDLY_MAX_REQUESTS_JITTER", 100, minimum=0)

# No gunicornc admin socket in $HOME: unused here, shared by every instance on a machine and
# not writable for the image's user.
control_socket_disable = True

accesslog = "-"  # stdout
errorlog = "-"  # stderr
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" %({x-request-id}o)s'
proc_name = "reportedly"

# The worker heartbeat file on a container's overlay filesystem can stall workers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

_LOG_FORMAT = os.environ.get("REPORTEDLY_LOG_FORMAT", "").strip().lower() or "json"
_LOG_LEVEL = os.environ.get("REPORTEDLY_LOG_LEVEL", "").strip().upper() or "INFO"
if _LOG_FORMAT not in ("json", "text"):
    raise ValueError(f"REPORTEDLY_LOG_FORMAT must be json or text, not {_LOG_FORMAT!r}")
loglevel = _LOG_LEVEL.lower()
if _LOG_FORMAT == "json":
    _JSON = {"()": "service.web.metrics_logging.JsonFormatter"}
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": _JSON},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"level": _LOG_LEVEL, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": _LOG_LEVEL, "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        },
    }

# --- metrics folder (only when gunicorn itself reads this file, not when a test imports it) --

_METRICS_ENV = "PROMETHEUS_MULTIPROC_DIR"


def _sweep_dead_masters(parent: str) -> None:
    """Remove the metrics folders of masters that died without ``on_exit`` (SIGKILL, OOM)."""
    for path in _glob.glob(os.path.join(parent, "reportedly-metrics-*-*")):
        try:
            pid = int(os.path.basename(path).split("-")[2])
            os.kill(pid, 0)
        except ProcessLookupError:
            _shutil.rmtree(path, ignore_errors=True)
        except (ValueError, IndexError, PermissionError):
            pass  # not ours to judge (another user's master is alive)


_METRICS_MARK = "_REPORTEDLY_METRICS_MASTER"  # "pid:folder we made or ''": set up once
if "gunicorn.arbiter" in _sys.modules and os.environ.get(_METRICS_MARK, "").split(":")[0] != str(
    os.getpid()
):
    _own = ""
    if os.environ.get(_METRICS_ENV):
        os.makedirs(os.environ[_METRICS_ENV], exist_ok=True)
        for _stale in _glob.glob(os.path.join(os.environ[_METRICS_ENV], "*.db")):
            os.remove(_stale)  # counters of an earlier run would be added to this one's
    else:
        _shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else _tempfile.gettempdir()
        _sweep_dead_masters(_shm)
        _own = _tempfile.mkdtemp(prefix=f"reportedly-metrics-{os.getpid()}-", dir=_shm)
        os.environ[_METRICS_ENV] = _own
    os.environ[_METRICS_MARK] = f"{os.getpid()}:{_own}"


def pre_fork(server, worker):
    """Move everything the master holds (the models) out of the collector's reach, so
    collections in the workers do not write to, and so copy, the shared pages."""
    _gc.freeze()


def child_exit(server, worker):
    """A worker is gone (recycled, crashed, killed): keep its counters, drop its files."""
    if os.environ.get(_METRICS_ENV):
        try:
            from service.web.metrics import archive_dead_worker

            archive_dead_worker(worker.pid)
        except Exception:  # never let bookkeeping take the master down
            server.log.exception("could not archive the metrics of worker %s", worker.pid)


def on_exit(server):
    """Remove the metrics folder this master made (one given by the operator stays)."""
    pid, _, own = os.environ.get(_METRICS_MARK, "").partition(":")
    if own and pid == str(os.getpid()):
        _shutil.rmtree(own, ignore_errors=True)
