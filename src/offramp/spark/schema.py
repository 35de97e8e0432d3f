"""The tables Spark reads and writes: documents in, signal records out (SIGNALS.md).

The signals table keeps the SIGNALS.md record as it is, nested where the record nests:
actors are structs ``{name, code, country, sector}``, ``condition`` and ``alternative``
are structs, and ``stances`` is an array of ``{issue, value}`` structs. A row read back
(``pyarrow.parquet.read_table(...).to_pylist()``) is therefore the very dictionary
``Signal.to_dict()`` gives, which is how the tests compare Spark with ``offramp code``.
"""

from __future__ import annotations

from typing import Any

from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from offramp.readers.jsonl import OPTIONAL_FIELDS
from offramp.records import Signal

#: The document columns read from Parquet input (SIGNALS.md, "Input: a document").
DOCUMENT_COLUMNS: tuple[str, ...] = ("id", "text", "published", *OPTIONAL_FIELDS)


def _string(name: str) -> StructField:
    return StructField(name, StringType(), nullable=True)


ACTOR = StructType([_string("name"), _string("code"), _string("country"), _string("sector")])

#: Documents after reading and checking, with where each came from (for keeping the first
#: of two documents with one id, as ``offramp code`` does).
DOCUMENTS = StructType(
    [
        *(_string(c) for c in DOCUMENT_COLUMNS),
        _string("origin"),
        _string("_file"),
        StructField("_block", LongType()),
        StructField("_row", LongType()),
    ]
)

#: The signal record, field for field and in the order of SIGNALS.md.
SIGNALS = StructType(
    [
        StructField("doc_id", StringType(), nullable=False),
        StructField("start", IntegerType(), nullable=False),
        StructField("end", IntegerType(), nullable=False),
        _string("text"),
        _string("date"),
        StructField("speaker", ACTOR),
        StructField("source", ACTOR),
        StructField("target", ACTOR),
        _string("event_type"),
        StructField("negated", BooleanType()),
        StructField("hypothetical", BooleanType()),
        StructField("condition", StructType([_string("text"), StructField("actor", ACTOR)])),
        StructField("alternative", StructType([_string("text"), _string("event_type")])),
        StructField(
            "stances",
            ArrayType(StructType([_string("issue"), StructField("value", DoubleType())])),
        ),
        StructField("intensity", DoubleType()),
        StructField("past", BooleanType()),
        _string("attributed_by"),
        StructField("confidence", DoubleType()),
    ]
)

SIGNAL_COLUMNS: tuple[str, ...] = tuple(f.name for f in SIGNALS.fields)


def signal_row(signal: Signal) -> dict[str, Any]:
    """One row of the signals table: the SIGNALS.md record of ``signal``."""
    return signal.to_dict()
