"""dev.py installs a pip that compares extras by normalised name before the locked
dependencies (pip 23.2 warned "lxml does not provide the extra 'html_clean'")."""

from __future__ import annotations

import re

from conftest import REPO


def test_pip_is_pinned_with_hashes_and_installed_first():
    text = (REPO / "requirements-pip.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^(\S+)==(\S+) \\$", text, re.M)
    assert [name for name, _ in pins] == ["pip"]
    version = tuple(int(part) for part in pins[0][1].split(".")[:2])
    assert (23, 3) <= version < (26, 3), version
    assert text.count("--hash=sha256:") >= 1
    dev = (REPO / "dev.py").read_text(encoding="utf-8")
    first = dev.index('"-r", str(PIP_LOCK)')
    assert first < dev.index('"-r", str(LOCKS[extras])') < dev.index('"--no-deps", "-e", "."')
