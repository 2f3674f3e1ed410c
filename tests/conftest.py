"""Test-wide guards: no network beyond loopback, no NLTK downloads."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from service.training.config import data_root
from service.training.datasets import skip_reason

REPO = Path(__file__).resolve().parents[1]
DATA = data_root()  # $REPORTEDLY_DATA or ../shared/data; `python3 dev.py data` checks it


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to reach anything but loopback."""


def _is_loopback(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def block_network():
    """Every test runs with outbound connections limited to loopback and nltk.download refused."""
    import nltk

    mp = pytest.MonkeyPatch()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guard(address):
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            raise NetworkBlocked(f"test tried to connect to {address!r}")

    def connect(self, address):
        guard(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        guard(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            raise NetworkBlocked(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def no_download(*args, **kwargs):
        raise NetworkBlocked("nltk.download called: the project must ship its own NLTK data")

    mp.setattr(socket.socket, "connect", connect)
    mp.setattr(socket.socket, "connect_ex", connect_ex)
    mp.setattr(socket, "getaddrinfo", getaddrinfo)
    mp.setattr(nltk, "download", no_download)
    mp.setattr(nltk.downloader, "download", no_download)
    yield
    mp.undo()


@pytest.fixture(scope="session")
def engine():
    """The engine with the shipped models, loaded once for the session."""
    from service.engine import Engine

    return Engine.load()


@pytest.fixture(scope="session")
def polnear_root() -> Path:
    if reason := skip_reason("polnear", DATA):
        pytest.skip(reason)
    return DATA / "polnear"
