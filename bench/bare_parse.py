"""The baseline: spaCy alone, parsing what ``offramp code`` parses, as fast as it can.

Same model and components (``offramp.nlp.pipeline.load_model()`` plus the line-break
sentencizer Offramp adds before the parser), same texts (read by Offramp's readers and
cut by Offramp's chunking of long documents), same batch size, and ``n_process`` equal to
the number of workers it is compared with. It prints one JSON line of counts.

    python bench/bare_parse.py CORPUS.jsonl --processes 2
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()

    from offramp.extract.coder import DEFAULT_BATCH_SIZE, split_text
    from offramp.nlp.pipeline import load_model
    from offramp.readers import iter_documents

    started = time.perf_counter()
    nlp = load_model()
    nlp.add_pipe("offramp_line_breaks", before="parser")
    counts = {"documents": 0, "chunks": 0, "tokens": 0}

    def texts() -> Iterator[str]:
        for document in iter_documents(args.corpus):
            counts["documents"] += 1
            for _, piece in split_text(document.text):
                counts["chunks"] += 1
                yield piece

    for doc in nlp.pipe(texts(), batch_size=DEFAULT_BATCH_SIZE, n_process=args.processes):
        counts["tokens"] += len(doc)
    counts["seconds_in_process"] = round(time.perf_counter() - started, 3)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
