"""The benchmark itself: every figure is measured in this run, on the same corpus.

Throughput per core is articles divided by the CPU seconds of the process doing the
work (so other jobs on the machine do not make pantau look slower than it is); wall
times are printed next to it. Speed targets are checked here and printed as met or
not met; they are never asserted in tests.
"""

from __future__ import annotations

import html
import json
import os
import platform
import re
import resource
import tempfile
import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from pantau.bench.corpus import find_shared, fingerprint, generate, load_seeds
from pantau.pipeline import BATCH_SIZE, Pipeline, Settings
from pantau.records import Article
from pantau.runners.heap import Settled, settle_heap

__all__ = ["BenchConfig", "machine", "run_bench"]

Emit = Callable[[str], None]

TARGET_RATE = 500.0  # articles/s per core, end to end
TARGET_RSS_MB = 1536.0
TARGET_POOL_SPEEDUP = 1.7
TARGET_DASK_GAP = 0.25
TARGET_LINEAR = 0.15  # per-article cost may grow by at most this much from the middle to the largest size

_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")


@dataclass(frozen=True)
class BenchConfig:
    """What to measure; ``quick`` sizes everything down for CI (under a minute)."""

    sizes: tuple[int, ...] = (1000, 10000, 100000)
    quick: bool = False
    seed: int = 20240601
    shared: Path | None = None
    workers: int = 2
    sample: int = 300  # articles for the stage breakdown, the baselines and HTML
    scale_size: int = 2000  # articles for pool and Dask
    dask: bool = True
    json_path: Path | None = None
    repeats: int = 2  # pool and Dask runs are wall-clock: the best of this many, against other jobs' noise

    @classmethod
    def quick_config(cls, **overrides: object) -> BenchConfig:
        values: dict[str, object] = {"sizes": (20, 40, 80), "quick": True, "sample": 12, "scale_size": 48, "repeats": 1}
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]


@dataclass
class Report:
    """Figures by name (also written as JSON with ``--json``)."""

    figures: dict[str, object] = field(default_factory=dict)

    def __setitem__(self, key: str, value: object) -> None:
        self.figures[key] = value


def machine() -> str:
    """CPU model and core count, from /proc/cpuinfo where there is one."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # KiB on Linux


def _write_shards(articles: Iterable[Article], folder: Path, per_shard: int) -> tuple[list[str], int, int]:
    """The articles as JSONL shards (the input the runners read); returns files, count, bytes of text."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    handle = None
    count = size = 0
    for article in articles:
        if count % per_shard == 0:
            if handle is not None:
                handle.close()
            files.append(str(folder / f"shard-{len(files):05d}.jsonl"))
            handle = open(files[-1], "w", encoding="utf-8")
        record = {"doc_id": article.doc_id, "text": article.text, "title": article.title, "url": article.url,
                  "pub_date": article.pub_date.isoformat() if article.pub_date else None}
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")  # type: ignore[union-attr]
        count += 1
        size += len(article.text.encode("utf-8"))
    if handle is not None:
        handle.close()
    return files, count, size


def _end_to_end(pipeline: Pipeline, files: Sequence[str]) -> tuple[float, float, int, int]:
    """Read every shard and run every article through the pipeline: (cpu s, wall s, articles, events)."""
    from pantau.errors import InputError
    from pantau.stages.read import read_inputs

    from pantau.runners.local import batches, safe_batch

    cpu, wall = time.process_time(), time.perf_counter()
    articles = events = 0
    # in batches, as the runners do (pantau.pipeline.BATCH_SIZE)
    for chunk in batches(item for item in read_inputs(list(files)) if not isinstance(item, InputError)):
        for result in safe_batch(pipeline, chunk):
            articles += 1
            events += len(result.events)
    return time.process_time() - cpu, time.perf_counter() - wall, articles, events


class _Clock:
    """CPU seconds summed by label."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}

    def time(self, label: str, fn: Callable[..., object], *args: object, **kwargs: object) -> object:
        start = time.process_time()
        out = fn(*args, **kwargs)
        self.total[label] = self.total.get(label, 0.0) + time.process_time() - start
        return out


def _stages(pipeline: Pipeline, articles: Sequence[Article], emit: Emit, report: Report) -> list[object]:
    """Each stage timed on its own (the same calls, in the same order, as ``Pipeline``);
    places (every sentence) and dates (sentences with a trigger, as extract reads them) timed
    again in a separate pass over the same sentences."""
    clock = _Clock()
    docs = []
    for article in articles:
        doc = clock.time("clean", pipeline.cleaner, article, default_pub_date=None)
        doc = clock.time("langid", pipeline.langid, doc, forced=None)
        if doc.language is None or doc.language not in pipeline.packs:
            continue
        doc = clock.time("sentences", pipeline.splitter, doc)
        clock.time("extract", pipeline.extractor(doc.language), doc)
        docs.append(doc)
    for doc in docs:
        extractor = pipeline.extractor(doc.language)
        for s in doc.sentences:
            clock.time("extract: places (geoparser)", extractor.geo.find, doc.text, s.start, s.end)
            if extractor.finder.scan(doc.text, s.start, s.end)[1]:  # as in extract: dates only where a trigger is
                clock.time("extract: dates", extractor.dates.find, doc.text, s.start, s.end)
    n = len(articles)
    whole = sum(clock.total.get(k, 0.0) for k in ("clean", "langid", "sentences", "extract"))
    emit(f"stage breakdown on {n} articles ({len(docs)} coded), CPU ms per article:")
    for label, seconds in clock.total.items():
        share = f"{100 * seconds / whole:5.1f}%" if not label.startswith("extract:") else "  (in extract)"
        emit(f"  {label:<28} {1000 * seconds / n:9.2f} ms  {share}")
        report[f"stage_ms.{label}"] = round(1000 * seconds / n, 3)
    emit(f"  {'all stages':<28} {1000 * whole / n:9.2f} ms")
    return docs


def _naive_places(gazetteer: object, text: str) -> list[object]:
    """The baseline geoparser: every capitalised run of 1-3 words looked up, most populous place wins."""
    found = []
    for m in _CAPITALISED_RUN.finditer(text):
        words = m.group().split()
        for k in range(len(words), 0, -1):
            candidates = gazetteer.candidates(" ".join(words[:k]))  # type: ignore[attr-defined]
            if candidates:
                found.append(max(candidates, key=lambda p: p.population))
                break
    return found


def _baselines(pipeline: Pipeline, docs: Sequence[object], emit: Emit, report: Report) -> None:
    """Naive baselines on the same sentences as ours, reported as time ratios."""
    sents = [(d, s) for d in docs for s in d.sentences]  # type: ignore[attr-defined]
    if not sents:
        return
    clock = _Clock()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from dateparser.search import search_dates

        for doc, s in sents:
            extractor = pipeline.extractor(doc.language)
            clock.time("ours dates", extractor.dates.find, doc.text, s.start, s.end)
            clock.time("dateparser", search_dates, s.text, languages=[doc.language])
            clock.time("ours places", extractor.geo.find, doc.text, s.start, s.end)
            clock.time("naive places", _naive_places, pipeline.gazetteer, s.text)
    t = clock.total
    emit(f"baselines on the same {len(sents)} sentences of {len(docs)} articles (CPU s; ratio = baseline / ours):")
    for ours, base, what in (("ours dates", "dateparser", "dates: dateparser.search_dates"),
                             ("ours places", "naive places", "places: most-populous gazetteer lookup")):
        ratio = t[base] / t[ours] if t[ours] > 0 else float("nan")
        verdict = f"ours {ratio:.2f}x faster" if ratio >= 1 else f"ours {1 / ratio:.2f}x slower"
        emit(f"  {what:<42} baseline {t[base]:8.3f} s, ours {t[ours]:8.3f} s: baseline/ours = {ratio:7.2f} ({verdict})")
        report[f"baseline_ratio.{base}"] = round(ratio, 3)


def _read_articles(files: Sequence[str]) -> Iterable[Article]:
    from pantau.errors import InputError
    from pantau.stages.read import read_inputs

    return (a for a in read_inputs(list(files)) if not isinstance(a, InputError))


def _pool_rate(files: Sequence[str], workers: int, pipeline: Pipeline, chunksize: int) -> float:
    """Articles/s of a pool over the JSONL shards Dask reads too (so both identify the language
    and read JSON), once its workers are up: from the first chunk's results to the last result,
    counting the articles after the first chunk (a chunk's results come back together, so the
    first chunk marks the start; the build is excluded). One worker is this process with its
    pipeline already built, in batches of the same size, which is what the pool does then."""
    from pantau.runners.local import batches, safe_batch
    from pantau.runners.pool import run_pool

    first = last = 0.0
    done = 0
    articles = _read_articles(files)
    results = (
        (r for chunk in batches(articles, chunksize) for r in safe_batch(pipeline, chunk)) if workers == 1
        else run_pool(articles, Settings(), workers, chunksize=chunksize)
    )
    for _ in results:
        done += 1
        if done == chunksize:
            first = time.perf_counter()
        last = time.perf_counter()
    return (done - chunksize) / (last - first) if last > first else float("nan")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _worker_rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _dask_rate(files: Sequence[str], n: int, workers: int, out: Path, repeats: int) -> tuple[float, float, float]:
    """Articles/s on a LocalCluster with the pipeline already built on every worker (best of
    ``repeats`` runs), the workers' CPU ms per article in that run, and peak worker RSS (MB)."""
    from pantau.runners import shards
    from pantau.runners.dask import dask_client, run_dask, warm_up

    plan = shards.plan_shards(files)
    best = (0.0, float("nan"))
    with dask_client(None, workers) as client:
        warm_up(client, Settings())
        for attempt in range(max(1, repeats)):
            cpu = client.run(_cpu_seconds)
            start = time.perf_counter()
            outcomes = list(run_dask(plan, Settings(), out / f"run-{attempt}", client=client))
            seconds = time.perf_counter() - start
            used = sum(client.run(_cpu_seconds).values()) - sum(cpu.values())
            failed = [o for o in outcomes if o.error]
            if failed:
                raise RuntimeError(f"dask shard failed: {failed[0].error}")
            if n / seconds > best[0]:
                best = (n / seconds, 1000 * used / n)
        rss = client.run(_worker_rss)
    return best[0], best[1], max(rss.values())


def _html_pages(articles: Sequence[Article]) -> list[str]:
    """News pages around real texts: navigation, related links and a footer to strip."""
    pages = []
    for a in articles:
        title = html.escape(a.title or a.text[:60])
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in a.text.split("\n") if p.strip())
        pages.append(
            f"<!doctype html><html><head><title>{title}</title>"
            f"<meta property='og:title' content='{title}'></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/sport'>Sport</a></nav>"
            f"<main><article><h1>{title}</h1>{body}</article>"
            "<aside><h3>Related</h3><ul><li><a href='/a'>Other story</a></li><li><a href='/b'>More</a></li></ul></aside>"
            "</main><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
        )
    return pages


def _html(articles: Sequence[Article], emit: Emit, report: Report) -> None:
    from pantau.stages.read.html import article_from_html

    pages = _html_pages(articles)
    size = sum(len(p.encode("utf-8")) for p in pages)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.process_time()
        for i, page in enumerate(pages):
            list(article_from_html(page, doc_id=f"page-{i}", origin=f"page-{i}"))
        seconds = time.process_time() - start
    rate = len(pages) / seconds if seconds else float("nan")
    emit(f"HTML parsing (trafilatura, separate from the targets): {len(pages)} pages, {rate:.1f} pages/s per core, "
         f"{size / 1e6 / seconds:.2f} MB/s")
    report["html_pages_per_s"] = round(rate, 2)


def target_checks(rate: float, rss_mb: float, speedup: float, gap: float, growth: float,
                  workers: int) -> list[tuple[str, bool, str]]:
    """Issue 7's targets as (what, met, measured value). Growth is an upper bound: a per-article
    cost that falls at the largest size (warmer memos) is still at most linear time."""
    return [
        (f"end to end >= {TARGET_RATE:.0f} articles/s per core", rate >= TARGET_RATE, f"{rate:.1f}"),
        (f"peak memory <= {TARGET_RSS_MB:.0f} MB", rss_mb <= TARGET_RSS_MB, f"{rss_mb:.0f} MB"),
        (f"{workers}-worker pool >= {TARGET_POOL_SPEEDUP}x one worker", speedup >= TARGET_POOL_SPEEDUP, f"x{speedup:.2f}"),
        (f"Dask within {100 * TARGET_DASK_GAP:.0f}% of the pool", abs(1 - gap) <= TARGET_DASK_GAP, f"{100 * gap:.0f}%"),
        (f"linear growth (per-article cost grows by at most {100 * TARGET_LINEAR:.0f}%)", growth <= 1 + TARGET_LINEAR,
         f"x{growth:.3f}"),
    ]


def run_bench(config: BenchConfig, emit: Emit = print) -> dict[str, object]:
    """Run every measurement, printing as it goes; the last line is ``N articles/s per core``."""
    report = Report()
    emit(f"pantau bench{' --quick' if config.quick else ''}: {machine()}")
    report["machine"] = machine()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    emit(f"load average at start: {load:.2f} (other jobs on the machine slow wall times, not CPU-time rates)")
    seeds, sources = load_seeds(find_shared(config.shared))
    emit(f"corpus: seeds = {sources.describe()}; varied copies, seed {config.seed}")
    start = time.perf_counter()
    pipeline = Pipeline(Settings())
    emit(f"pipeline build: {time.perf_counter() - start:.2f} s (once per process; not in the rates)")
    from pantau.knowledge.gazetteer import Gazetteer

    start, cpu = time.perf_counter(), time.process_time()
    Gazetteer.load()  # from the cache the build above wrote or read (issue 3: under 1 s)
    load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu
    report["gazetteer_load_s"] = round(load_s, 3)
    emit(f"gazetteer load (cached index): {load_s:.2f} s wall, {load_cpu:.2f} s CPU")
    pipeline(seeds[0])  # first-use work out of the timings
    for lang in pipeline.packs.languages:  # an extractor is built on its language's first article: not timed
        pipeline.extractor(lang)
    # as the CLI and every runner's worker do once their pipeline is built (pantau.runners.heap)
    settle_heap()

    # no language, as in the JSONL shards of the end-to-end runs: language identification is timed too
    sample = [replace(a, language=None) for a in generate(seeds, config.sample, config.seed)]
    emit(f"sample fingerprint {fingerprint(sample)}; mean text size "
         f"{sum(len(a.text.encode()) for a in sample) / len(sample) / 1024:.2f} KB")
    docs = _stages(pipeline, sample, emit, report)
    _baselines(pipeline, docs[: max(4, len(docs) // 3)], emit, report)
    _html(sample, emit, report)

    rates: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
        emit("end to end in one process (read JSONL, clean, language, sentences, extract):")
        for n in config.sizes:
            files, count, size = _write_shards(generate(seeds, n, config.seed), Path(tmp) / f"n{n}", max(250, n // 16))
            cpu, wall, read, events = _end_to_end(pipeline, files)
            rate = read / cpu if cpu else float("nan")
            rates[n] = (rate, cpu / max(1, read))
            emit(f"  {n:>7} articles: {cpu:8.1f} CPU s ({wall:8.1f} s wall), {rate:7.1f} articles/s per core, "
                 f"{size / 1e6 / cpu:6.3f} MB/s, {1000 * cpu / max(1, read):6.2f} ms/article, {events} events, "
                 f"peak RSS {_rss_mb():.0f} MB")
            report[f"size.{n}"] = {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3), "articles_per_s_per_core": round(rate, 2),
                                   "mb_per_s": round(size / 1e6 / cpu, 4), "events": events, "rss_mb": round(_rss_mb(), 1)}
            for f in files:
                os.unlink(f)
        sizes = sorted(rates)
        growth = rates[sizes[-1]][1] / rates[sizes[-2]][1] if len(sizes) > 1 else float("nan")
        emit(f"  cost per article, {sizes[-2] if len(sizes) > 1 else '-'} -> {sizes[-1]} articles: x{growth:.3f} "
             "(1.000 = time grows linearly)")
        report["growth"] = round(growth, 4)

        # pool and Dask read the same JSONL shards: the same work (JSON, language, ...) for both
        files, count, _ = _write_shards(generate(seeds, config.scale_size, config.seed + 1), Path(tmp) / "scale",
                                        max(4, config.scale_size // (4 * config.workers)))
        runs = max(1, config.repeats)
        # the runners' batch (pipeline.BATCH_SIZE), smaller when there are few articles per worker
        chunk = min(BATCH_SIZE, max(1, count // (8 * config.workers)))
        rate1 = max(_pool_rate(files, 1, pipeline, chunk) for _ in range(runs))
        # Each pool worker starts with empty memos (the stages learn words and places as they go);
        # this process's pipeline has coded every article above. One worker that starts as a pool
        # worker does (a fresh pipeline, built before the clock starts) shows how much of the gap is that.
        fresh1 = max(_pool_rate(files, 1, Settled()(Settings()), chunk) for _ in range(runs))
        rate2 = max(_pool_rate(files, config.workers, pipeline, chunk) for _ in range(runs))
        speedup = rate2 / rate1
        best = f"best of {runs} runs, " if runs > 1 else ""
        emit(f"process pool on {count} articles read from {len(files)} JSONL shards, chunks of {chunk} "
             f"({best}after worker start-up): "
             f"1 worker {rate1:.1f} articles/s, {config.workers} workers {rate2:.1f} articles/s -> x{speedup:.2f} "
             f"(one worker with a fresh pipeline, as a pool worker starts: {fresh1:.1f} articles/s -> x{rate2 / fresh1:.2f})")
        report["pool"] = {"rate_1": round(rate1, 2), f"rate_{config.workers}": round(rate2, 2), "speedup": round(speedup, 3),
                          "rate_1_fresh": round(fresh1, 2), "speedup_vs_fresh": round(rate2 / fresh1, 3)}
        gap = float("nan")
        if config.dask:
            drate, dcpu, drss = _dask_rate(files, count, config.workers, Path(tmp) / "dask-out", runs)
            gap = drate / rate2
            emit(f"Dask LocalCluster ({config.workers} worker processes, {len(files)} shards, {best}pipelines built): "
                 f"{drate:.1f} articles/s = {100 * gap:.0f}% of the pool; workers' CPU {dcpu:.2f} ms/article; "
                 f"worker peak RSS {drss:.0f} MB")
            report["dask"] = {"rate": round(drate, 2), "vs_pool": round(gap, 3), "worker_cpu_ms_per_article": round(dcpu, 3),
                              "worker_rss_mb": round(drss, 1)}
        load_end = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        emit(f"load average after the pool and Dask runs: {load_end:.2f} (their rates are wall-clock)")
    rss = max(_rss_mb(), _rss_mb(resource.RUSAGE_CHILDREN))
    report["peak_rss_mb"] = round(rss, 1)
    final = rates[sizes[-1]][0]
    report["articles_per_s_per_core"] = round(final, 2)
    emit("targets:")
    checks = target_checks(final, rss, speedup, gap, growth, config.workers)
    for what, met, value in checks:
        emit(f"  {'met    ' if met else 'NOT met'}  {what}: {value}")
        report[f"target.{what}"] = met
    if config.json_path is not None:
        Path(config.json_path).write_text(json.dumps(report.figures, indent=1) + "\n", "utf-8")
    emit(f"{final:.0f} articles/s per core")
    return report.figures
