"""How long ``offramp code --workers 2`` takes to get going, by start method.

Starts a pool of two workers with ``forkserver`` or ``spawn`` and codes 32 one-sentence
documents, so the time is almost all start-up: starting the processes, importing spaCy and
Offramp, loading the model. Prints one JSON line.

    python bench/pool_start.py --start-method forkserver
"""

from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", choices=["forkserver", "spawn"], required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()

    from offramp.extract.parallel import iter_code_parallel
    from offramp.records import Document

    text = "Moscow rejected the peace plan put forward by Washington."
    docs = [Document(id=str(i), text=text) for i in range(32)]
    coded = iter_code_parallel(
        docs, workers=args.workers, batch_size=4, start_method=args.start_method
    )
    n = sum(1 for _ in coded)
    print(json.dumps({"documents": n, "seconds_in_process": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
