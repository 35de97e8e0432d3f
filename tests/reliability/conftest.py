"""Settings for the reliability tests: hypothesis profiles for quick and long fuzzing.

The normal run tries a few examples per property (``fast``), so the suite stays quick;
``OFFRAMP_FUZZ=1`` (or ``--hypothesis-profile=fuzz``) runs the long version whose figures
are in docs/RELIABILITY.md. ``deadline=None`` because the first call of a property loads
nothing but may still hit a cold cache; the per-document time budget is tested apart.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    "derandomize": False,
    "database": None,
}
settings.register_profile("fast", max_examples=8, **_COMMON)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("OFFRAMP_FUZZ_EXAMPLES", "1000")), **_COMMON
)
settings.load_profile("fuzz" if os.environ.get("OFFRAMP_FUZZ") else "fast")
