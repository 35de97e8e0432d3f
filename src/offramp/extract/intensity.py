"""Intensity of a signal on a Goldstein-style scale, from a documented table per PLOVER type.

The table (``data/intensity.toml``) is derived from the Goldstein values of the CAMEO codes
PLOVER maps to each type (``scripts/derive_intensity.py``); modifiers scale it for
hypothetical, conditional and negated statements.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class IntensityTable:
    base: dict[str, float]
    modifiers: dict[str, float]

    def score(
        self,
        event_type: str | None,
        *,
        negated: bool = False,
        hypothetical: bool = False,
        conditional: bool = False,
    ) -> float:
        """Intensity of one signal as stated (-10 conflict .. +10 cooperation)."""
        if event_type is None:
            return 0.0
        value = self.base.get(event_type, 0.0)
        if negated:
            value *= self.modifiers.get("negated", 0.0)
        if hypothetical:
            value *= self.modifiers.get("hypothetical", 0.5)
        if conditional:
            value *= self.modifiers.get("conditional", 0.75)
        return round(value, 2)


@cache
def load_intensity() -> IntensityTable:
    with resources.files("offramp.data").joinpath("intensity.toml").open("rb") as f:
        data = tomllib.load(f)
    return IntensityTable(base=dict(data["base"]), modifiers=dict(data["modifiers"]))
