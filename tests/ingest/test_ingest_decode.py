"""decode_bytes: empty, binary, UTF-8 (with BOM), legacy code pages, corrupt UTF-8."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import struct
import zipfile
import zlib

import pytest

from newstrace.errors import BinaryInput, EmptyInput, UndecodableInput
from newstrace.ingest.decode import decode_bytes, sniff_binary

ENGLISH = (
    "Venezuelan President Nicolás Maduro has reportedly asked Russia for military assistance, "
    "according to documents seen by The Washington Post. The request was delivered during a "
    "visit to Moscow in mid-October, and it remains unclear whether the Kremlin has replied.\n"
)
ASCII = ENGLISH.replace("á", "a")


def _png() -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", ASCII)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_pdf(), "PDF"),
        (_png(), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 20, "JPEG"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF"),
        (_zip(), "ZIP, DOCX or another zip-based format"),
        (gzip.compress(ASCII.encode()), "gzip"),
        (ASCII.encode()[:50] + b"\x00" + ASCII.encode(), "contains NUL bytes"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 10 + b"some text", "89% control bytes"),
    ],
    ids=["pdf", "png", "jpeg", "gif", "zip", "gzip", "nul", "control"],
)
def test_binary_inputs_are_refused_naming_the_type(data: bytes, kind: str) -> None:
    assert sniff_binary(data) == kind
    with pytest.raises(BinaryInput) as caught:
        decode_bytes(data, source="in.bin")
    assert str(caught.value) == f"in.bin: binary file ({kind}), not text"
    assert caught.value.code == "input.binary"


def test_empty_input_is_refused() -> None:
    with pytest.raises(EmptyInput) as caught:
        decode_bytes(b"", source="empty.txt")
    assert str(caught.value) == "empty.txt: file is empty"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ENGLISH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), "utf-8-sig"),
        (ENGLISH.encode("utf-16"), "utf-16"),
        (ENGLISH.encode("utf-32"), "utf-32"),
        (ENGLISH.encode("cp1252"), "cp1252"),
        (ENGLISH.encode("latin-1"), "cp1252"),
        ("Nicolás “quoted” — £5, café, déjà vu, señor.".encode("cp1252"), "cp1252"),
        (ASCII.encode() + "¿Qué? Ñandú, façade, naïve.\n".encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf32", "cp1252", "latin1", "cp1252-short", "cp1252-tail"],
)
def test_text_decodes_exactly(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, source="x")
    assert decoded.encoding == encoding
    assert decoded.sha256 == hashlib.sha256(data).hexdigest()
    assert "\ufeff" not in decoded.text
    expected = data[3:].decode() if encoding == "utf-8-sig" else data.decode(
        "utf-16" if encoding == "utf-16" else "utf-32" if encoding == "utf-32" else
        "utf-8" if encoding == "utf-8" else "cp1252"
    )  # fmt: skip
    assert decoded.text == expected


def test_cp1252_keeps_accents_and_smart_punctuation() -> None:
    text = "Venezuelan President Nicolás Maduro’s “written appeal” – reportedly – cost £5.\n" * 3
    assert decode_bytes(text.encode("cp1252")).text == text


def test_cyrillic_code_page_is_detected() -> None:
    text = "Президент Венесуэлы Николас Мадуро попросил у России военной помощи. " * 4
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.encoding == "cp1251"
    assert decoded.text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Valid UTF-8 ("Nicolás") around one broken sequence: corrupt UTF-8, not a code page.
        (
            ENGLISH.encode() + b"The caf\xc3\x28 was closed. " + ENGLISH.encode(),
            f"not valid UTF-8: bad byte 0xc3 at offset {len(ENGLISH.encode()) + 7}",
        ),
        # Truncated multi-byte sequence at the very end.
        (
            ENGLISH.encode() + "é".encode()[:1],
            f"not valid UTF-8: bad byte 0xc3 at offset {len(ENGLISH.encode())}",
        ),
        # With a BOM the file declares itself UTF-8; the offset counts the BOM.
        (
            b"\xef\xbb\xbf" + ASCII.encode() + b"caf\xc3\x28",
            f"not valid UTF-8: bad byte 0xc3 at offset {3 + len(ASCII) + 3}",
        ),
        (
            b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8",
            "not valid UTF-16: bad byte 0x00 at offset 6",
        ),
    ],
    ids=["mixed", "truncated", "bom", "utf16"],
)
def test_corrupt_unicode_is_refused_with_the_offset(data: bytes, message: str) -> None:
    with pytest.raises(UndecodableInput) as caught:
        decode_bytes(data, source="bad.txt")
    assert str(caught.value) == f"bad.txt: {message}"
    assert caught.value.code == "input.encoding"


def test_offset_points_at_the_first_bad_byte() -> None:
    data = ENGLISH.encode() + b"The caf\xc3\x28 was closed."
    with pytest.raises(UndecodableInput) as caught:
        decode_bytes(data)
    offset = int(str(caught.value).rsplit(" ", 1)[1].replace(",", ""))
    assert data[offset : offset + 2] == b"\xc3\x28"


def test_stray_byte_in_ascii_text_is_read_as_cp1252() -> None:
    # Documented decision: with no valid UTF-8 sequence anywhere, one stray byte is
    # indistinguishable from a cp1252 character; the text is kept, the byte read as "Ã".
    data = ASCII.encode() + b"The caf\xc3\x28 was closed.\n"
    decoded = decode_bytes(data)
    assert decoded.encoding == "cp1252"
    assert decoded.text.endswith("The cafÃ( was closed.\n")


def test_bytes_no_encoding_reads_are_refused() -> None:
    data = bytes(range(0x80, 0x100)) * 8
    with pytest.raises(UndecodableInput) as caught:
        decode_bytes(data, source="noise")
    assert str(caught.value) == (
        "noise: not valid UTF-8 (first bad byte at offset 0) and no other encoding fits"
    )


def test_bzip2_is_binary_but_text_starting_with_bzh_is_not() -> None:
    assert sniff_binary(bz2.compress(ASCII.encode())) == "bzip2"
    assert sniff_binary(b"BZh is how the bzip2 format starts.") is None
