"""Execute the jupytext percent-format notebooks headless (used by ``make train`` and the tests).

    python -m service.training.notebook_runner notebooks/01_punkt.py [...]

The environment is passed to the kernel, so ``REPORTEDLY_SAMPLE`` / ``REPORTEDLY_MODELS_OUT``
select a quick run into a scratch folder. Outputs are not written back: the notebooks in the
repo keep no outputs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from service.training.config import REPO_ROOT


def run_notebook(path: str | Path, timeout: int = 1800, save_to: Path | None = None):
    """Run every cell of a percent-format notebook; raise on the first failing cell."""
    import jupytext
    from nbclient import NotebookClient

    nb = jupytext.read(path)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(REPO_ROOT)}}
    )
    client.execute()
    if save_to is not None:
        import nbformat

        nbformat.write(nb, save_to)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        t = time.perf_counter()
        print(f"running {path} ...", flush=True)
        nb = run_notebook(path, timeout=args.timeout)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out.get("name") == "stdout":
                    sys.stdout.write(out["text"])
        print(f"{path}: ok in {time.perf_counter() - t:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
