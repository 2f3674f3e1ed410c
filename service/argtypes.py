"""argparse value types shared by the command-line modules."""

from __future__ import annotations

import argparse


def positive_int(value: str) -> int:
    """An integer of at least 1, or an argparse error naming the value."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n


def port(value: str) -> int:
    """A TCP port number (1-65535)."""
    n = positive_int(value)
    if n > 65535:
        raise argparse.ArgumentTypeError(f"not a TCP port: {value!r}")
    return n
