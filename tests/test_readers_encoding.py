"""Decoding input bytes: BOMs, UTF-8, legacy code pages, and clear refusals."""

from __future__ import annotations

import codecs

import pytest

from newsfuse.errors import InputError
from newsfuse.readers.encoding import decode_bytes, stream_encoding

FRENCH = (
    "Le maire a déclaré à la presse que l'école était fermée. À Zürich, les élèves "
    "ont reçu un prix; ça coûte cher, dit-il. Les pompiers sont arrivés très vite."
)


def test_decode_plain_utf8() -> None:
    assert decode_bytes("Mérida: ½ of the vote".encode(), "a.txt") == "Mérida: ½ of the vote"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_decode_strips_byte_order_mark(codec: str) -> None:
    text = "Storm warning — 3 dead"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data, "a.txt") == text


def test_decode_latin1_file_is_read_as_western_text() -> None:
    assert decode_bytes(FRENCH.encode("latin-1"), "fr.txt") == FRENCH


def test_decode_cp1252_smart_quotes() -> None:
    text = "He said \u201cwe will rebuild\u201d \u2014 and left the briefing\u2026 " * 3
    assert decode_bytes(text.encode("cp1252"), "q.txt") == text


def test_decode_utf16_without_bom() -> None:
    assert decode_bytes("Flood waters rose overnight.".encode("utf-16-le"), "u.txt") == (
        "Flood waters rose overnight."
    )


def test_decode_rejects_binary_with_nul_bytes() -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "img.txt")
    assert err.value.reason == "binary file, not text"
    assert err.value.source == "img.txt"


def test_decode_rejects_control_character_soup_as_binary() -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(bytes(range(1, 32)) * 20, "ctl.txt")


def test_decode_rejects_mostly_utf8_file_with_invalid_bytes() -> None:
    data = "Café owners said ".encode() + b"\xff\xfe\xfa" + " prices rose.".encode()
    with pytest.raises(InputError) as err:
        decode_bytes(data, "bad.txt")
    assert "not valid UTF-8" in err.value.reason
    assert "byte 18" in err.value.reason


def test_decode_rejects_bytes_no_encoding_explains() -> None:
    # Bytes undefined in every Western code page and no coherent text in any other.
    with pytest.raises(InputError, match="cannot decode|binary file"):
        decode_bytes(bytes(range(0x80, 0x100)) * 8, "junk.txt")


def test_decode_uses_declared_encoding_when_not_utf8() -> None:
    text = "Ciudad de México: la alcaldía informó"
    assert decode_bytes(text.encode("latin-1"), "p.html", declared="iso8859-1") == text


def test_stream_encoding_prefers_bom_then_utf8() -> None:
    assert stream_encoding(codecs.BOM_UTF8 + b"id,text\n", "a.csv") == "utf-8-sig"
    assert stream_encoding("id,text\nMünchen".encode(), "a.csv") == "utf-8"
    # A multi-byte character cut at the end of the head is still UTF-8.
    assert stream_encoding("id,text\nMünchen".encode()[:11], "a.csv") == "utf-8"
    assert stream_encoding("x".encode("utf-16"), "a.csv") == "utf-16"


def test_stream_encoding_rejects_binary_head() -> None:
    with pytest.raises(InputError, match="binary"):
        stream_encoding(b"\x00\x01\x02", "a.jsonl")


def test_broken_utf8_that_also_reads_as_cp1252_is_rejected_not_mangled():
    import pytest

    from newsfuse.errors import InputError
    from newsfuse.readers.encoding import decode_bytes

    data = b"Floods \xff\xfe hit the valley and crews worked \xc3\x28 all night long."
    with pytest.raises(InputError, match="byte 7 is not valid UTF-8"):
        decode_bytes(data, "flood.txt")


def test_legacy_text_with_capital_a_tilde_before_a_letter_still_decodes():
    from newsfuse.readers.encoding import decode_bytes

    text = "SÃO PAULO — Floods closed 12 roads, officials said. The café reopened."
    assert decode_bytes(text.encode("cp1252"), "sp.txt") == text
