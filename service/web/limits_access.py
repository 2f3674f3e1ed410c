"""Who may call the API, and how often.

- **API keys** (``REPORTEDLY_API_KEYS``, comma-separated): when set, every ``/v1/`` route needs
  one of them in ``X-API-Key`` (401 ``unauthorized`` otherwise), except reading a stored
  article (``GET /v1/articles/<id>``), which stays open so that permalinks can be shared.
  ``/healthz``, ``/readyz``, ``/metrics``, ``/openapi.json``, ``/docs`` and the review page
  are not under ``/v1/`` and stay open. Keys are compared in constant time.
- **Failed key attempts**: with keys configured, every request a keyed route refuses (no
  key, a wrong key) takes a token from its client address's bucket of
  :data:`AUTH_FAILURES` (20 a minute); when it is empty the address gets 429 until it
  refills, rate limit or not, so keys cannot be guessed at speed.
- **Rate limit** (``REPORTEDLY_RATE_LIMIT``, e.g. ``120/minute``): a token bucket per API key
  (per client address for requests without a valid key) holding that many requests and
  refilled at that rate; a request to ``/v1/``, ``/``, ``/review``, ``/review/<id>`` or any
  POST finding it empty gets 429 ``rate_limited`` with ``Retry-After`` (whole seconds). A
  batch counts as one request. The buckets live in a shared memory map made when the app
  is created, so with ``preload_app`` every gunicorn worker draws from the same buckets;
  each slot is locked with an ``fcntl`` record lock, which the kernel releases if a worker
  dies holding it. Client addresses share a fixed table by hash: an address arriving in a
  slot held by another takes over that bucket as it is (never a full one), so two
  addresses in one slot can only slow each other down, never refill each other. Behind a
  reverse proxy the client address is the proxy's unless the proxy is trusted to set it
  (see the README).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import mmap
import os
import struct
import tempfile
import threading
import time
from contextlib import contextmanager

from flask import Flask, current_app, request

from service.web.errors import ApiError
from service.web.settings import Settings

API_KEY_HEADER = "X-API-Key"
EXTENSION = "reportedly.access"
AUTH_EXTENSION = "reportedly.auth_failures"
AUTH_FAILURES = (20, 60.0)  # refused key attempts per client address: requests, seconds
# Reads that stay open when keys are configured (endpoint names, GET only).
OPEN_ENDPOINTS = frozenset({"articles.get_article"})
# Pages under the rate limit besides /v1/ and every POST (endpoint names).
LIMITED_PAGES = frozenset({"review.index", "review.permalink"})


def _settings() -> Settings:
    return current_app.config["REPORTEDLY_SETTINGS"]


def valid_key() -> str | None:
    """The configured key sent in ``X-API-Key``, if one was."""
    given = request.headers.get(API_KEY_HEADER, "").encode()
    for key in _settings().api_keys:
        if hmac.compare_digest(given, key.encode()):
            return key
    return None


def require_api_key() -> None:
    """401 unless no keys are configured or ``X-API-Key`` holds one of them."""
    if not _settings().api_keys or valid_key() is not None:
        return
    raise ApiError(
        401,
        "unauthorized",
        f"This server needs an API key: send it in the {API_KEY_HEADER} header.",
        headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'},
    )


class TokenBuckets:
    """Token buckets shared by the processes forked after it is made (see module doc).

    Each slot is ``(owner hash, tokens, last refill)``; configured keys get slots of their
    own, other identities (client addresses) share the rest by hash, and an identity finding
    its slot held by another takes the bucket over as it is (only an empty slot starts
    full), so a collision never hands anyone fresh tokens.
    """

    _SLOT = struct.Struct("<Qdd")

    def __init__(
        self, requests: int, period: float, reserved: tuple[str, ...] = (), slots: int = 4096
    ):
        self.capacity = float(requests)
        self.rate = requests / period  # tokens per second
        self.reserved = {self._hash(k): i for i, k in enumerate(dict.fromkeys(reserved))}
        self.slots = len(self.reserved) + slots
        size = self.slots * self._SLOT.size
        fd, path = tempfile.mkstemp(
            prefix="reportedly-ratelimit-",
            dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None,
        )
        os.unlink(path)  # nothing to clean up; the open descriptor keeps it alive
        os.ftruncate(fd, size)
        self._fd = fd
        self._map = mmap.mmap(fd, size, mmap.MAP_SHARED)
        self._thread_lock = threading.Lock()

    @staticmethod
    def _hash(identity: str) -> int:
        digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:8], "little") | 1  # never 0, the empty slot

    def _slot(self, h: int) -> int:
        if h in self.reserved:
            return self.reserved[h]
        return len(self.reserved) + h % (self.slots - len(self.reserved))

    @contextmanager
    def _locked(self, offset: int):
        import fcntl

        with self._thread_lock:
            fcntl.lockf(self._fd, fcntl.LOCK_EX, self._SLOT.size, offset)
            try:
                yield
            finally:
                fcntl.lockf(self._fd, fcntl.LOCK_UN, self._SLOT.size, offset)

    def take(self, identity: str, now: float | None = None) -> float:
        """Take one token for ``identity``: 0.0 if it had one, else seconds until it will."""
        h = self._hash(identity)
        offset = self._slot(h) * self._SLOT.size
        with self._locked(offset):
            owner, tokens, last = self._SLOT.unpack_from(self._map, offset)
            now = time.monotonic() if now is None else now  # system-wide clock on Linux
            if owner == 0:  # never used: a full bucket
                tokens, last = self.capacity, now
            tokens = min(self.capacity, tokens + max(0.0, now - last) * self.rate)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._SLOT.pack_into(self._map, offset, h, tokens, now)
        return wait


def _identity(settings: Settings) -> str:
    if settings.api_keys:
        key = valid_key()
        if key is not None:
            return "key:" + key
    return "addr:" + (request.remote_addr or "-")


def _too_many(wait: float, message: str) -> ApiError:
    seconds = max(1, math.ceil(wait))
    return ApiError(
        429,
        "rate_limited",
        f"{message}; retry in {seconds} s.",
        headers={"Retry-After": str(seconds)},
    )


def _check_key(settings: Settings) -> None:
    """:func:`require_api_key`, charging a refused attempt to the client's address."""
    try:
        require_api_key()
    except ApiError:
        failures: TokenBuckets | None = current_app.extensions.get(AUTH_EXTENSION)
        if failures is not None:
            wait = failures.take("addr:" + (request.remote_addr or "-"))
            if wait > 0:
                raise _too_many(wait, "Too many requests without a valid API key") from None
        raise


def guard() -> None:
    """Before every request: the API key on ``/v1/`` routes, then the rate limit on
    ``/v1/``, the review pages and every POST."""
    v1 = request.path.startswith("/v1/")
    settings = _settings()
    if v1 and not (request.endpoint in OPEN_ENDPOINTS and request.method in ("GET", "HEAD")):
        _check_key(settings)
    buckets: TokenBuckets | None = current_app.extensions.get(EXTENSION)
    if buckets is None or not (v1 or request.method == "POST" or request.endpoint in LIMITED_PAGES):
        return
    wait = buckets.take(_identity(settings))
    if wait > 0:
        raise _too_many(
            wait,
            f"Too many requests: this server allows {settings.rate_limit} "
            f"per {'API key' if settings.api_keys else 'client'}",
        )


def init_app(app: Flask, settings: Settings) -> None:
    """Make the rate-limit buckets (if a limit is set), the failed-key buckets (if keys
    are set) and check every request."""
    rate = settings.rate
    if rate is not None:
        app.extensions[EXTENSION] = TokenBuckets(
            *rate, reserved=tuple("key:" + k for k in settings.api_keys)
        )
    if settings.api_keys:
        app.extensions[AUTH_EXTENSION] = TokenBuckets(*AUTH_FAILURES)
    app.before_request(guard)
