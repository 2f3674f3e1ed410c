"""``reportedly bench``: throughput of :meth:`Engine.analyze` on synthetic news articles.

A benchmark, not a test: it prints figures and asserts nothing. Articles are generated
deterministically from a built-in bank of templates (headline, byline, dateline, paragraphs
mixing the writer's own sentences with quotes, "said" clauses and "according to"), so it runs
without the PolNeAR data.
"""

from __future__ import annotations

import gc
import math
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

TARGET_WORDS_PER_SECOND = 30_000  # whole engine (sentences, spans, sources) on one core
BASELINE_FLOOR = 0.30  # the engine's words per CPU-second over the TF-IDF baseline's, at least

_FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Robert",
    "Elena",
    "David",
    "Priya",
    "Thomas",
    "Grace",
    "Michael",
    "Sofia",
    "Daniel",
    "Hannah",
    "Carlos",
    "Linda",
    "Wei",
]
_LAST = [
    "Alvarez",
    "Brooks",
    "Chen",
    "Donovan",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Hughes",
    "Iverson",
    "Jackson",
    "Kowalski",
    "Lindqvist",
    "Moreno",
    "Nakamura",
    "O'Brien",
    "Patel",
]
_TITLE = ["Sen.", "Rep.", "Gov.", "Mayor", "Dr.", "Mr.", "Ms.", "Gen.", "Judge"]
_ROLE = [
    "a spokeswoman for the agency",
    "the committee's ranking member",
    "a senior economist",
    "the department's deputy director",
    "a lawyer for the family",
    "an industry analyst",
    "the union's president",
    "a former prosecutor",
    "the city's budget director",
]
_ORG = [
    "the Department of Transportation",
    "the Federal Reserve",
    "the state Senate",
    "the World Health Organization",
    "the city council",
    "the Justice Department",
    "the U.S. Chamber of Commerce",
    "the school board",
    "the Pentagon",
    "the Congressional Budget Office",
    "a coalition of civil rights groups",
]
_PLACE = [
    "WASHINGTON",
    "CHICAGO",
    "PHOENIX",
    "ATLANTA",
    "DENVER",
    "BOSTON",
    "SACRAMENTO",
    "AUSTIN, Texas",
    "ALBANY, N.Y.",
    "COLUMBUS, Ohio",
]
_TOPIC = [
    "the infrastructure bill",
    "the new tariff schedule",
    "the hospital merger",
    "the proposed tax increase",
    "the redistricting plan",
    "the water contamination",
    "the pension reform",
    "the border agreement",
    "the bridge closure",
    "the minimum wage proposal",
    "the emergency spending package",
]
_THING = [
    "the budget",
    "the proposal",
    "the investigation",
    "the agreement",
    "the ruling",
    "the program",
    "the new rules",
    "the settlement",
    "the report",
]
_VERB = [
    "said",
    "told reporters",
    "said in a statement",
    "said in an interview",
    "wrote in a letter",
    "testified",
    "argued",
    "warned",
    "added",
    "noted",
]
_MONTH = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
_DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# {p}: a person, {P}: a person's surname on later mention, {r}: a role, {o}: organisation,
# {t}: topic, {x}: thing, {v}: a reporting verb, {n}: number, {m}/{d}: month / weekday.
_DIRECT = [
    "The vote on {t} is scheduled for {d}, and leaders expect a narrow margin.",
    "{o} released its annual figures on {d}, showing a {n} percent increase over last year.",
    "The measure would cost about ${n} million over the next decade.",
    "Lawmakers spent most of {d} debating amendments to {t}.",
    "Turnout in the district has fallen in each of the last {n} elections.",
    "The hearing lasted more than {n} hours and drew protesters on both sides.",
    "{x} was first introduced in {m} {n2}, but stalled in committee.",
    "Shares of the company fell {n} percent in early trading before recovering.",
    "About {n},000 residents were without power by late {d}.",
    "The plan includes money for roads, bridges and public transit.",
    "Negotiations resumed on {d} after a two-week pause.",
    "{o} has faced criticism over its handling of {t} for months.",
    "The agency employs roughly {n},000 people across the country.",
    "Officials closed the highway in both directions shortly after noon.",
    "Critics of {t} have staged weekly rallies outside the Capitol since {m} {n2}.",
    "The report runs to {n}0 pages and includes dozens of recommendations.",
]
_REPORTED = [
    '"We are not going to let {t} fail," {p} {v}.',
    '"This is a matter of basic fairness," said {p}, {r}.',
    '"I think the public deserves answers," {P} said. "So far we have none."',
    "{p}, {r}, said {x} would be reviewed by {d}.",
    "According to {o}, the changes will take effect next year.",
    "According to a report released {d} by {o}, costs rose {n} percent.",
    "{P} said the administration had not been consulted on {t}.",
    "{o} said in a statement that it was reviewing {x}.",
    "Officials familiar with the talks said a deal could come as soon as {d}.",
    '{P} told reporters that {x} was "dead on arrival" in its current form.',
    "Supporters argue that {t} will create jobs, while opponents say it is too expensive.",
    '"It\'s a disaster," said one resident, who asked not to be named.',
    "{p} {v} that the delays were caused by a shortage of inspectors.",
    "The numbers are worse than expected, {P} said, adding that more cuts were likely.",
    "A spokesman for {o} declined to comment on {x}.",
    "{P} denied the allegations, calling them politically motivated.",
    'In a letter to members, {p} wrote that "{x} must be fixed before anything else."',
    "Analysts at {o} estimate that {n} percent of households would be affected, the report said.",
]


class _Writer:
    """Fills templates with one article's cast so people are introduced, then referred back to."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people = [
            (f"{rng.choice(_TITLE)} {rng.choice(_FIRST)} {last}", last)
            for last in rng.sample(_LAST, 4)
        ]
        self.topic = rng.choice(_TOPIC)
        self.introduced: set[str] = set()
        self.recent: list[str] = []

    def pick(self, bank: list[str]) -> str:
        """A template not used in the last few sentences."""
        template = self.rng.choice([t for t in bank if t not in self.recent])
        self.recent = (self.recent + [template])[-6:]
        return template

    def _person(self) -> tuple[str, str]:
        full, last = self.rng.choice(self.people)
        if full in self.introduced:
            return last, last
        self.introduced.add(full)
        return full, full

    def fill(self, template: str) -> str:
        rng = self.rng
        full, last = self._person() if "{p}" in template or "{P}" in template else ("", "")
        text = template.format(
            p=full,
            P=last,
            r=rng.choice(_ROLE),
            o=rng.choice(_ORG),
            t=self.topic if rng.random() < 0.7 else rng.choice(_TOPIC),
            x=rng.choice(_THING),
            v=rng.choice(_VERB),
            n=rng.randint(2, 95),
            n2=rng.randint(2015, 2024),
            m=rng.choice(_MONTH),
            d=rng.choice(_DAY),
        )
        return text[0].upper() + text[1:]


def make_article(rng: random.Random, words: int = 1000) -> str:
    """One article of at least ``words`` words: headline, byline, dateline, paragraphs."""
    w = _Writer(rng)
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    topic, org = (x.split(" ", 1)[1].title() for x in (w.topic, rng.choice(_ORG)))
    headline = f"{topic} Faces New Test as {org} Weighs In"
    lede = w.fill(w.pick(_DIRECT))
    paragraphs = [headline, f"By {first} {last}", f"{rng.choice(_PLACE)} — {lede}"]
    count = sum(len(p.split()) for p in paragraphs)
    while count < words:
        sentences = [
            w.fill(w.pick(_REPORTED if rng.random() < 0.55 else _DIRECT))
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def make_articles(n: int, words: int = 1000, seed: int = 0) -> list[str]:
    """``n`` articles, the same for the same ``seed`` on every run and machine."""
    return [make_article(random.Random(f"{seed}:{i}"), words) for i in range(n)]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (``values`` need not be sorted; must not be empty)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _single_thread():
    """A context limiting BLAS/OpenMP pools to one thread (no-op without threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=1)


def run_benchmark(
    articles: int = 200,
    words: int = 1000,
    seed: int = 0,
    warmup: int = 5,
    models_dir: str | Path | None = None,
    engine=None,
    with_baseline: bool = True,
) -> dict:
    """Load the engine once, warm up, then time ``engine.analyze`` on each article; then
    the TF-IDF sentence baseline on the same articles (:mod:`service.bench_baseline`)."""
    from service.engine import Engine

    texts = make_articles(articles, words, seed)
    warm = make_articles(max(0, warmup), words, seed + 1_000_003)
    t0 = time.perf_counter()
    engine = engine or Engine.load(models_dir)
    # The loaded models are ~200k long-lived objects; left in the collected generations,
    # every full garbage collection walks them all (about 10% of the time). The server
    # freezes them the same way once the models are loaded.
    gc.freeze()
    load_s = time.perf_counter() - t0
    times: list[float] = []
    sentences = 0
    with _single_thread():
        for text in warm:
            engine.analyze(text)
        cpu0 = time.process_time()
        for text in texts:
            start = time.perf_counter()
            analysis = engine.analyze(text)
            times.append(time.perf_counter() - start)
            sentences += len(analysis.sentences)
        cpu_s = time.process_time() - cpu0
    total_words = sum(len(t.split()) for t in texts)
    total_s = sum(times)
    baseline = None
    if with_baseline:
        from service.bench_baseline import baseline_words_per_cpu_second

        with _single_thread():
            baseline = baseline_words_per_cpu_second(
                engine, texts, make_articles(max(20, warmup), words, seed + 2_000_003)
            )
    engine_cpu_wps = total_words / cpu_s if cpu_s else float("inf")
    wps = total_words / total_s if total_s else float("inf")
    return {
        "articles": articles,
        "words": total_words,
        "avg_words_per_article": round(total_words / articles, 1),
        "sentences": sentences,
        "seconds": round(total_s, 4),
        "words_per_second": round(wps, 1),
        "words_per_cpu_second": round(engine_cpu_wps, 1),
        "baseline_words_per_cpu_second": round(baseline, 1) if baseline else None,
        "baseline_ratio": round(engine_cpu_wps / baseline, 3) if baseline else None,
        "baseline_floor": BASELINE_FLOOR,
        "target_words_per_second": TARGET_WORDS_PER_SECOND,
        "meets_target": wps >= TARGET_WORDS_PER_SECOND,
        "p50_ms": round(percentile(times, 50) * 1000, 3),
        "p95_ms": round(percentile(times, 95) * 1000, 3),
        "p99_ms": round(percentile(times, 99) * 1000, 3),
        "max_ms": round(max(times) * 1000, 3),
        "model_load_seconds": round(load_s, 3),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "warmup_articles": len(warm),
        "seed": seed,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def format_report(r: dict) -> str:
    """The benchmark figures for people."""
    verdict = "meets" if r["meets_target"] else "BELOW"
    return "\n".join(
        [
            f"reportedly bench: {r['articles']} articles, {r['avg_words_per_article']:.0f} words "
            f"on average ({r['words']:,} words, {r['sentences']:,} sentences), one process",
            f"throughput   {r['words_per_second']:>12,.0f} words/s   "
            f"({verdict} target of {r['target_words_per_second']:,} words/s on one core)",
            f"CPU time     {r['words_per_cpu_second']:>12,.0f} words per CPU-second "
            "(steadier than wall time when other processes share the cores)",
            *(
                [
                    f"baseline     {r['baseline_words_per_cpu_second']:>12,.0f} words per CPU-second "
                    f"(TF-IDF sentence classifier, same articles): engine at {r['baseline_ratio']:.3f}x, "
                    f"{'meets' if r['baseline_ratio'] >= r['baseline_floor'] else 'BELOW'} the "
                    f"{r['baseline_floor']:.2f}x floor"
                ]
                if r.get("baseline_words_per_cpu_second")
                else []
            ),
            f"per article  p50 {r['p50_ms']:.2f} ms   p95 {r['p95_ms']:.2f} ms   "
            f"p99 {r['p99_ms']:.2f} ms   max {r['max_ms']:.2f} ms",
            f"model load   {r['model_load_seconds']:.2f} s   peak RSS {r['peak_rss_mib']:.0f} MiB   "
            f"(Python {r['python']}, {r['cpus']} CPUs)",
        ]
    )
