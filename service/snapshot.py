"""``reportedly snapshot``: prove a refactoring leaves every analysis byte-identical.

``reportedly snapshot write FILE`` analyses a fixed set of texts and writes one JSON line per
text (its name and the analysis as compact JSON); ``reportedly snapshot check FILE`` analyses
the same texts again and lists every text whose analysis differs, with the first differing
path. The texts are the repository's article fixtures, the adversarial families of
:mod:`service.adversarial` (short and seeded, so deterministic) and, when the data folder is
there, the first ``--polnear`` PolNeAR dev articles and ``--gum`` GUM documents (read from
the data path at run time, never copied). Exit status 1 when ``check`` finds a difference.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from service import adversarial

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def texts(data: Path | None, polnear: int = 40, gum: int = 20) -> Iterator[tuple[str, str]]:
    """(name, text) pairs of the snapshot set, always in the same order."""
    for folder in ("articles", "realstyle"):
        for path in sorted((FIXTURES / folder).glob("*.txt")):
            yield f"{folder}/{path.stem}", path.read_text(encoding="utf-8")
    for family in adversarial.FAMILIES:
        yield f"adversarial/{family}", adversarial.text(family, chars=6_000, seed=1)
    if data is None:
        return
    if polnear and (data / "polnear" / "dev").is_dir():
        from service.training.polnear import read_split

        for doc in read_split(data / "polnear", "dev", limit=polnear):
            yield f"polnear/{doc.name}", doc.text
    if gum and (data / "gum").is_dir():
        from service.training.gum import document_names, read_document

        for name in document_names(data / "gum")[:gum]:
            yield f"gum/{name}", read_document(data / "gum", name).text


def _first_difference(a: Any, b: Any, path: str = "$") -> str:
    if type(a) is not type(b):
        return path
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path} (length {len(a)} -> {len(b)})"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
    return path


def cmd_snapshot(args: argparse.Namespace) -> int:
    from service.engine import Engine

    engine = Engine.load(args.models)
    data = None if args.no_data else args.data
    current = {}
    for name, text in texts(data, args.polnear, args.gum):
        current[name] = json.dumps(
            engine.analyze(text).to_dict(),
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
    if args.action == "write":
        with open(args.file, "w", encoding="utf-8") as out:
            for name, dumped in current.items():
                out.write(
                    json.dumps(
                        {"name": name, "analysis": json.loads(dumped)},
                        ensure_ascii=False,
                        sort_keys=True,
                    )
                    + "\n"
                )
        print(f"wrote {len(current)} analyses to {args.file}")
        return 0
    stored = {}
    with open(args.file, encoding="utf-8") as src:
        for line in src:
            row = json.loads(line)
            stored[row["name"]] = row["analysis"]
    differ = 0
    for name, dumped in current.items():
        if name not in stored:
            print(f"new    {name}")
            continue
        now = json.loads(dumped)
        if now != stored[name]:
            differ += 1
            print(f"differ {name}: {_first_difference(stored[name], now)}")
    missing = sorted(set(stored) - set(current))
    for name in missing:
        print(f"gone   {name}")
    print(f"{len(current)} analyses, {differ} differ, {len(missing)} gone")
    return 1 if differ or missing else 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    from service.training.config import data_root

    p = sub.add_parser(
        "snapshot",
        help="check that a refactoring leaves analyses unchanged",
        description=__doc__.split("\n\n")[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("action", choices=("write", "check"))
    p.add_argument("file", type=Path, help="JSON lines file of analyses")
    p.add_argument("--models", type=Path, default=None, help="models folder (default: shipped)")
    p.add_argument("--data", type=Path, default=data_root(), help="data root (PolNeAR, GUM)")
    p.add_argument("--no-data", action="store_true", help="fixtures and adversarial texts only")
    p.add_argument("--polnear", type=int, default=40, help="PolNeAR dev articles (default 40)")
    p.add_argument("--gum", type=int, default=20, help="GUM documents (default 20)")
    p.set_defaults(func=cmd_snapshot)
