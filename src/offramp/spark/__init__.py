"""Apache Spark: code a corpus too large for one machine, with the same extractor.

``offramp spark-code INPUT OUTPUT`` (and the ``spark-submit`` entry point
:mod:`offramp.spark.submit`) reads JSONL or Parquet documents, codes them in
``mapInPandas`` with the same function ``offramp code`` uses, and writes a Parquet table of
signal records whose columns are the SIGNALS.md fields (actors as structs, stances as an
array of structs). On the same input it holds exactly the records ``offramp code`` writes.

PySpark is an optional extra: ``pip install 'offramp[spark]'``. Nothing else in Offramp
imports this package; only the CLI does. docs/SPARK.md explains running it on a cluster.
"""

from __future__ import annotations

from offramp.errors import usage_error

#: What to run when PySpark is missing.
INSTALL_HINT = "pip install 'offramp[spark]'"


def require_pyspark() -> None:
    """Raise a :class:`~offramp.errors.UsageError` with the install command if PySpark,
    pyarrow or pandas is missing."""
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as err:
        raise usage_error("E330", name=err.name or "pyspark") from None
