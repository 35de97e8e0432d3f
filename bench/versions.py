"""Coding speed of two revisions of Offramp on the same corpus, measured in one run.

Used for the accuracy work's "before and after" figure: each revision is checked out into a
temporary directory (``git worktree``), and ``offramp code`` from that source tree codes the
corpus in a fresh process, alternating revisions, several times; medians are reported with
the bare spaCy parse of the same text as the yardstick.

    .venv/bin/python bench/versions.py --before f581629 --after HEAD \\
        --corpus ../shared/data/ngec_voa_benchmark/voa_stories.jsonl --repeats 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import json, sys, time
from offramp.nlp.pipeline import load_model
from offramp.extract.coder import split_text
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
texts = [p for d in docs for _, p in split_text(d["text"])]
nlp = load_model()
nlp.add_pipe("offramp_line_breaks", before="parser")
t = time.perf_counter()
n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
print(json.dumps({"seconds": time.perf_counter() - t, "tokens": n, "docs": len(docs)}))
"""

CODE = """
import json, sys, time
from offramp.extract.coder import Coder
from offramp.records import Document
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
docs = [Document(id=str(d["id"]), text=d["text"], published=d.get("published")) for d in docs]
coder = Coder()
coder.nlp  # load outside the timed part
t = time.perf_counter()
n = sum(len(s) for _, s in coder.iter_code(docs))
print(json.dumps({"seconds": time.perf_counter() - t, "signals": n, "docs": len(docs)}))
"""


def run(src: Path, script: str, corpus: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", script, corpus], env=env, capture_output=True,
                         text=True, check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def checkout(rev: str, where: Path) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), rev],
                   check=True, capture_output=True)  # fmt: skip
    return where / "src"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", default="HEAD")
    ap.add_argument(
        "--corpus", default=str(ROOT.parent / "shared/data/ngec_voa_benchmark/voa_stories.jsonl")
    )
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="offramp-versions-"))
    trees = {}
    try:
        for name, rev in (("before", args.before), ("after", args.after)):
            trees[name] = checkout(rev, tmp / name)
        results: dict[str, list[dict]] = {"bare": [], "before": [], "after": []}
        for _ in range(args.repeats):
            results["bare"].append(run(trees["after"], BARE, args.corpus))
            for name in ("before", "after"):
                results[name].append(run(trees[name], CODE, args.corpus))
        docs = results["after"][0]["docs"]
        rows = []
        for name, runs in results.items():
            med = statistics.median(r["seconds"] for r in runs)
            rows.append((name, med, docs / med))
        bare = rows[0][1]
        print(f"corpus: {args.corpus} ({docs} documents), {args.repeats} runs each, medians")
        print(f"{'run':8s} {'seconds':>8s} {'docs/s':>8s} {'vs bare parse':>14s}")
        for name, med, rate in rows:
            print(f"{name:8s} {med:8.2f} {rate:8.1f} {bare / med:13.2f}x")
        print(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "before": args.before,
                          "after": args.after, "rows": rows}))  # fmt: skip
    finally:
        for name in trees:
            cmd = ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tmp / name)]
            subprocess.run(cmd, capture_output=True)


if __name__ == "__main__":
    main()
