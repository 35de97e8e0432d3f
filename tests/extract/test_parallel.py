"""Coding on several processes: same records, same order, clear failures, no leftovers.

These start real worker processes (forkserver, spawn) on real VOA stories; nothing is mocked.
"""

import multiprocessing
import os
import signal

import pytest

from offramp import ConfigError, Document
from offramp.errors import CodingError
from offramp.extract import coder as coder_module
from offramp.extract import parallel
from offramp.extract.parallel import ParallelCoder, iter_code_parallel


def as_json(pairs):
    return [(d.id, [s.to_json() for s in ss]) for d, ss in pairs]


@pytest.fixture(scope="module")
def coded_on_two_workers(voa_slice):
    # batch_size 3: the 20 stories make 7 batches, so results from both workers interleave
    return as_json(iter_code_parallel(voa_slice, workers=2, batch_size=3))


def test_parallel_two_workers_give_the_records_of_one_process(
    coded_on_two_workers, voa_slice_signals
):
    assert coded_on_two_workers == voa_slice_signals
    assert sum(len(ss) for _, ss in coded_on_two_workers) > 50


def test_parallel_keeps_the_input_order(coded_on_two_workers, voa_slice):
    assert [doc_id for doc_id, _ in coded_on_two_workers] == [d.id for d in voa_slice]


def test_parallel_one_worker_codes_in_process_with_the_same_records(voa_slice, voa_slice_signals):
    assert as_json(iter_code_parallel(voa_slice[:6], workers=1)) == voa_slice_signals[:6]


def test_parallel_reads_the_input_lazily(voa_slice):
    read = []

    def documents():
        for d in voa_slice:
            read.append(d.id)
            yield d

    stream = iter_code_parallel(documents(), workers=1, batch_size=2)
    next(stream)
    assert len(read) == 2  # one batch, not the corpus
    stream.close()


def test_parallel_invalid_actor_file_is_the_same_clear_error_as_in_one_process(tmp_path):
    bad = tmp_path / "actors.jsonl"
    bad.write_text('{"name": "X", "code": "ZZZQQQ"}\n')
    docs = [Document(id="a", text="Moscow rejected the plan.")]
    for workers in (1, 2):
        with pytest.raises(ConfigError) as err:
            list(iter_code_parallel(docs, workers=workers, actor_files=[bad]))
        assert "actors.jsonl:1" in str(err.value), workers


def test_parallel_a_document_that_fails_is_named_in_the_error(voa_slice):
    # Not a valid Document (text is None), the kind of thing a library caller could pass:
    # the extractor fails on it, and the error must say which document it was.
    broken = Document(id="broken-doc", text=None, origin="mine.jsonl:7")  # type: ignore[arg-type]
    docs = [*voa_slice[:2], broken, voa_slice[2]]
    for workers in (1, 2):
        with pytest.raises(CodingError) as err:
            list(iter_code_parallel(docs, workers=workers, batch_size=2))
        message = str(err.value)
        assert "'broken-doc'" in message and "mine.jsonl:7" in message, workers
        assert "Error: " in message and "[E501]" in message  # what failed, and where


def test_parallel_a_worker_that_dies_stops_coding_with_a_clear_error(voa_slice):
    stream = iter_code_parallel(voa_slice * 3, workers=2, batch_size=1, start_method="spawn")
    next(stream)  # the pool is up and coding
    victims = multiprocessing.active_children()
    assert victims
    os.kill(victims[0].pid, signal.SIGKILL)
    with pytest.raises(CodingError) as err:
        list(stream)
    assert "[E502]" in str(err.value) and "--workers" in str(err.value)


def test_parallel_rejects_zero_workers():
    with pytest.raises(ValueError, match="at least 1"):
        iter_code_parallel([], workers=0)


def test_parallel_batch_size_default_matches_the_coder():
    assert parallel.DEFAULT_BATCH_SIZE == coder_module.DEFAULT_BATCH_SIZE


def test_parallel_default_start_method_is_never_plain_fork():
    assert parallel.default_start_method() in ("forkserver", "spawn")


def test_parallel_coder_keeps_its_pool_between_calls(voa_slice, voa_slice_signals):
    with ParallelCoder(workers=2, batch_size=2) as coder:
        first = coder.iter_code(voa_slice[:6])
        next(first)
        first.close()  # stopped early: its queued batches are dropped
        pool = coder._pool
        again = as_json(coder.iter_code(voa_slice[:6]))
        assert coder._pool is pool  # the same workers, models already loaded
    assert again == voa_slice_signals[:6]
    assert coder._pool is None


def test_parallel_coder_stands_in_for_a_coder_in_ingest(coder, voa_slice, tmp_path):
    # offramp ingest codes one store batch per iter_code call; a ParallelCoder keeps its
    # workers across those calls and stores the same signals as a Coder does.
    from offramp.store import Store
    from offramp.store.ingest import ingest_documents

    docs = voa_slice[:6]
    serial = ingest_documents(Store.open(tmp_path / "a.duckdb", read_only=False), docs, coder)
    with ParallelCoder(workers=2) as parallel_coder:
        store = Store.open(tmp_path / "b.duckdb", read_only=False)
        parallel = ingest_documents(store, docs, parallel_coder, batch_size=3)
    assert parallel == serial and serial.signals > 0


GERMAN = (
    "Die Regierung in Berlin hat am Montag erklärt, dass sie die Gespräche mit Moskau "
    "fortsetzen wolle, sobald die Kämpfe in der Ostukraine aufhören und die Truppen "
    "sich zurückziehen. Der Kanzler sagte, es gebe keine Alternative zu Verhandlungen."
)


def test_parallel_skips_like_the_coder_and_reports_them_in_this_process(voa_slice):
    # A document the coder leaves out (not in English) is not yielded on any number of
    # workers, and on_skip hears of it here, in input order, before the documents after it.
    german = Document(id="de", text=GERMAN, origin="mixed.jsonl:2")
    docs = [voa_slice[0], german, voa_slice[1]]
    for workers in (1, 2):
        events = []

        def on_skip(skipped, events=events):
            events.append(("skip", skipped.document.id, skipped.code))

        for document, _ in iter_code_parallel(docs, workers=workers, on_skip=on_skip):
            events.append(("coded", document.id))
        assert events == [
            ("skip", "de", "E130"),
            ("coded", voa_slice[0].id),
            ("coded", voa_slice[1].id),
        ], workers
