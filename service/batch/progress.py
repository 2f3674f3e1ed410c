"""Progress: a tqdm bar on a terminal, plain throttled lines in logs (or nothing)."""

from __future__ import annotations

import sys
import time


class Progress:
    """Counts articles as partitions finish. ``mode``: "bar", "lines" or None (silent)."""

    def __init__(
        self,
        total: int,
        partitions: int,
        done: int = 0,
        mode: str | None = "auto",
        stream=None,
        every: float = 10.0,
    ):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode, self.total, self.partitions, self.every = mode, total, partitions, every
        self.articles = self.errors = self.parts = 0
        self.start = self.last = time.perf_counter()
        self.bar = None
        if mode == "bar":
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                initial=done,
                unit="doc",
                file=self.stream,
                desc="batch",
                dynamic_ncols=True,
            )
        self.done = done

    def restart(self) -> None:
        """Start the clock now (the workers are ready: their start-up is not scoring time)."""
        self.start = self.last = time.perf_counter()
        if self.bar is not None:
            self.bar.start_t = self.bar.last_print_t = self.bar._time()

    def update(self, articles: int, errors: int = 0) -> None:
        self.articles += articles
        self.errors += errors
        self.parts += 1
        if self.bar is not None:
            self.bar.update(articles)
            if self.errors:
                self.bar.set_postfix(errors=self.errors, refresh=False)
        elif self.mode == "lines":
            now = time.perf_counter()
            if now - self.last >= self.every or self.parts == self.partitions:
                self.last = now
                self.line()

    def line(self) -> None:
        elapsed = time.perf_counter() - self.start
        rate = self.articles / elapsed if elapsed else 0.0
        left = self.total - self.done - self.articles
        eta = f", about {left / rate:.0f} s left" if rate and left else ""
        print(
            f"batch: {self.done + self.articles}/{self.total} articles "
            f"({self.parts}/{self.partitions} partitions, {self.errors} errors), "
            f"{rate:.1f} articles/s{eta}",
            file=self.stream,
            flush=True,
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
