"""The public API: everything in ``offramp.__all__`` exists, and the main names are there."""

import offramp


def test_exported_members_all_resolve():
    for name in offramp.__all__:
        assert getattr(offramp, name) is not None, name


def test_exported_members_include_the_main_api():
    for name in (
        "Coder",
        "Signal",
        "Document",
        "Actor",
        "read_documents",
        "iter_documents",
        "OfframpError",
    ):
        assert name in offramp.__all__
