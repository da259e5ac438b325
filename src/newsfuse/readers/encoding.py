"""Turn the bytes of an input into text, or say clearly why that is not possible.

Order: byte-order marks, strict UTF-8, an encoding the document declares, then
charset-normalizer. Nothing is ever decoded with ``errors="replace"``: a file we cannot
decode faithfully is rejected with a reason instead of being silently mangled.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from newsfuse.errors import InputError

# UTF-32 LE must be tested before UTF-16 LE: its BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A well-formed UTF-8 multi-byte sequence. A legacy single-byte text (Latin-1, cp1252)
# almost never contains one, so a file that has them but fails strict UTF-8 is corrupt or
# mixes encodings, and guessing a legacy code page for it would garble the valid part.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

# charset-normalizer often ranks another code page first for Western text that decodes
# just as cleanly in cp1252 (measured: French Latin-1 came back as cp1250, "À" -> "Ŕ";
# English with curly quotes as cp775). When the code page most Western news uses decodes
# the bytes with no more mess than the best guess, we take it.
_PREFERRED_ON_TIE = ("cp1252",)
# Wrong code pages score a mess ratio near 1.0 on real text, right ones near 0; a short
# Latin-1 CSV scored 0.04 in cp1252 against 0.029 for the top guess (mac_latin2).
_TIE_MARGIN = 0.1

MAX_CHAOS = 0.2
"""Largest charset-normalizer "mess" ratio accepted for a guessed encoding."""

MIN_PRINTABLE_RATIO = 0.95
"""Share of characters that must be printable or whitespace for the input to count as text."""

_SAMPLE = 64 * 1024

_CHARSET_DECLARATION = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_DECLARATION = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding announced by a byte-order mark and the BOM's length, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first 4 KB, if valid."""
    head = data[:4096]
    match = _CHARSET_DECLARATION.search(head) or _XML_DECLARATION.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode an input's bytes to text without ever replacing characters.

    Args:
        data: the raw bytes.
        source: the path, record or URL, used in error messages.
        declared: an encoding the document itself declares (HTML meta, XML declaration,
            HTTP header); tried after a BOM and strict UTF-8.

    Returns:
        The text, without a BOM.

    Raises:
        InputError: the bytes are binary, or no encoding decodes them reliably.
    """
    bom = bom_encoding(data)
    if bom is not None:
        name, length = bom
        try:
            text = data[length:].decode(name)
        except UnicodeDecodeError as exc:
            raise InputError(
                source, f"cannot decode: starts with a {name} byte-order mark but byte "
                f"{exc.start + length} is not valid {name}"
            ) from None
        _check_printable(text, source)
        return text
    if b"\x00" in data[:_SAMPLE]:
        text = _try_utf16_without_bom(data)
        if text is None:
            raise InputError(source, "binary file, not text")
        _check_printable(text, source)
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise InputError(
                source, f"cannot decode: mostly UTF-8 but byte {exc.start} is not valid "
                "UTF-8 (corrupt file or mixed encodings)"
            ) from None
        text = _decode_legacy(data, source, declared)
    _check_printable(text, source)
    return text


def stream_encoding(head: bytes, source: str) -> str:
    """Choose the codec for a streamed input (JSONL, CSV) from its first bytes.

    A BOM wins; else UTF-8 if the head is valid UTF-8 (allowing a character cut at the end
    of the head); else the legacy code page charset-normalizer finds for the head.

    Raises:
        InputError: the head is binary or in no reliable encoding.
    """
    bom = bom_encoding(head)
    if bom is not None:
        # "utf-8-sig" and the plain utf-16/utf-32 codecs consume the BOM themselves.
        return {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
                "utf-32-le": "utf-32", "utf-32-be": "utf-32"}[bom[0]]
    if b"\x00" in head:
        raise InputError(source, "binary file, not text")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        if _UTF8_MULTIBYTE.search(head):
            raise InputError(
                source, "cannot decode: mostly UTF-8 but contains invalid UTF-8 bytes "
                "(corrupt file or mixed encodings)"
            ) from None
    return _guess_legacy(head, source, None)


# Signs that bytes read with a legacy code page were never text in it: a UTF-8 lead byte
# of the Latin-1 range (0xC2/0xC3, "Â"/"Ã" in cp1252) followed by a byte that cannot continue
# it, or a UTF-16 byte-order mark inside the text. charset-normalizer scores such input as
# clean cp125x (measured: chaos 0.0), so without this check it is silently mangled. Genuine
# legacy text has a letter after "Ã" ("SÃO PAULO") and never carries a BOM mid-file.
_BROKEN_UTF8 = re.compile(rb"[\xc2\xc3](?=[\x00-\x40\x5b-\x60\x7b-\x7f])|\xff\xfe|\xfe\xff")


def _decode_legacy(data: bytes, source: str, declared: str | None) -> str:
    broken = _BROKEN_UTF8.search(data)
    if broken is not None:
        raise InputError(
            source, f"cannot decode: byte {broken.start()} is not valid UTF-8 and the file "
            "does not read as any legacy encoding either (corrupt or mixed encodings)"
        )
    name = _guess_legacy(data, source, declared)
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        # The guess was made on a sample; a later byte does not fit it.
        raise InputError(
            source, "cannot decode: not UTF-8 and no reliable encoding found"
        ) from None


def _guess_legacy(data: bytes, source: str, declared: str | None) -> str:
    if declared and declared not in {"utf-8", "ascii"}:
        try:
            data.decode(declared)
            return declared
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common; fall through to detection
    matches = list(from_bytes(data[: 4 * _SAMPLE]))
    if not matches:
        raise InputError(source, "cannot decode: not UTF-8 and no reliable encoding found")
    best = matches[0]
    if best.chaos > MAX_CHAOS:
        raise InputError(
            source, f"cannot decode: not UTF-8 and no reliable encoding found "
            f"(best guess {best.encoding} looks garbled)"
        )
    sample = data[: 4 * _SAMPLE]
    for name in _PREFERRED_ON_TIE:
        try:
            decoded = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if mess_ratio(decoded, maximum_threshold=1.0) <= best.chaos + _TIE_MARGIN:
            return name
    return best.encoding


def _try_utf16_without_bom(data: bytes) -> str | None:
    """Decode BOM-less UTF-16 (NUL in every other byte of ASCII text), else None."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        codec = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _check_printable(text: str, source: str) -> None:
    sample = text[:_SAMPLE]
    if not sample:
        return
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t\f\v")
    if printable / len(sample) < MIN_PRINTABLE_RATIO:
        raise InputError(source, "binary file, not text")
