"""The README's shell examples call commands that exist: every ``reportedly …`` parses with
the real argument parser, every ``python3 dev.py …`` names a dev.py command, and none
calls a tool by a path that only works from the repository root."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO

from service.cli import build_parser

README = (REPO / "README.md").read_text(encoding="utf-8")
DEV_COMMANDS = set(re.findall(r"^ {4}python3 dev\.py (\w+)", (REPO / "dev.py").read_text(), re.M))


def _commands() -> list[list[str]]:
    """Each simple command of the ```sh blocks (pipelines and ``&&`` split), as argv."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"(^|\s)#.*", "", line)  # comments
            for part in re.split(r"\|\||&&|\||;", line):
                argv = shlex.split(part)
                while argv and re.fullmatch(r"[A-Z_]+=\S*", argv[0]):  # VAR=value prefixes
                    argv.pop(0)
                if argv:
                    out.append(argv)
    return out


COMMANDS = _commands()
CLI = [argv[1:] for argv in COMMANDS if argv[0] == "reportedly"]
CLI += [argv[3:] for argv in COMMANDS if argv[:3] == ["python3", "dev.py", "reportedly"]]


def test_the_readme_has_shell_examples_of_both():
    assert len(CLI) >= 15
    assert {"serve", "test", "reportedly"} <= {
        a[2] for a in COMMANDS if a[:2] == ["python3", "dev.py"]
    }


@pytest.mark.parametrize("args", CLI, ids=" ".join)
def test_every_reportedly_example_parses(args):
    try:
        build_parser().parse_args(args)
    except SystemExit as exc:
        pytest.fail(f"`reportedly {shlex.join(args)}` does not parse (exit {exc.code})")


def test_every_dev_py_example_is_a_dev_py_command():
    used = {argv[2] for argv in COMMANDS if argv[:2] == ["python3", "dev.py"]}
    assert used <= DEV_COMMANDS, sorted(used - DEV_COMMANDS)


def test_no_example_calls_a_tool_by_its_venv_path():
    """The Quick start has the reader activate .venv (or use dev.py): a ``.venv/bin/…`` path
    works only from the repository root and says the opposite."""
    assert not [argv for argv in COMMANDS if argv[0].startswith(".venv/")]
    assert not re.search(r"\.venv/bin/(reportedly|python|pytest)", README)
