"""gunicorn configuration for the reportedly web service (``gunicorn -c`` this file).

Models are loaded once in the master (``preload_app``) and shared copy-on-write by the forked
sync workers. Environment: REPORTEDLY_HOST (127.0.0.1), REPORTEDLY_PORT (8000),
REPORTEDLY_WORKERS (CPUs available to this process). Command-line flags override all of this.

Deliberately imports nothing from ``service``: this file runs before the app is imported, so
the BLAS/OpenMP thread limits below take effect before numpy loads.
"""
import os

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

# One BLAS/OpenMP thread per worker: parallelism comes from processes, and threaded BLAS
# in forked workers oversubscribes the CPUs (and can deadlock after fork).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours taskset/cpusets, unlike cpu_count()
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from None
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {value}")
    return value


_host = os.environ.get("REPORTEDLY_HOST", "").strip() or DEFAULT_HOST
_port = _env_int("REPORTEDLY_PORT", DEFAULT_PORT)
bind = [f"[{_host}]:{_port}" if ":" in _host and not _host.startswith("[") else f"{_host}:{_port}"]

workers = _env_int("REPORTEDLY_WORKERS", _cpus())
worker_class = "sync"
preload_app = True

timeout = 30            # a worker silent this long is killed and replaced
graceful_timeout = 30   # time allowed to finish in-flight requests on SIGTERM/HUP
keepalive = 5           # only used by async workers; sync workers close after each response

max_requests = 1000     # recycle workers to bound slow leaks; restarts are cheap with preload
max_requests_jitter = 100

accesslog = "-"         # stdout
errorlog = "-"          # stderr
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
proc_name = "reportedly"

# The worker heartbeat file on a container's overlay filesystem can stall workers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
