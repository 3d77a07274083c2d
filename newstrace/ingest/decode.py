"""Bytes to text: refuse empty and binary inputs, decode UTF-8 or a detected legacy encoding.

Decisions (see docs/ingest.md, "Encodings"):

* UTF-8 (with or without a BOM) is tried first; UTF-16/UTF-32 are accepted only with a BOM.
* A file that is *shaped like UTF-8* (it holds valid multi-byte UTF-8 sequences at least as
  often as invalid bytes) but does not decode is corrupt UTF-8: it is refused with the offset
  of the first bad byte rather than decoded as a code page into mojibake.
* Otherwise the file is in a legacy encoding, detected by charset-normalizer. Western
  code pages are preferred when they read the bytes as well as the best guess does, because
  the detector cannot tell cp1252 from cp1250/cp1257 on a few accented letters and only
  English is analysed (so ``Nicolás`` stays ``Nicolás``, never ``Nicolįs``).
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newstrace.errors import BinaryInput, EmptyInput, UndecodableInput

log = logging.getLogger(__name__)

_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

# Magic numbers of the binary formats people most often feed a text tool by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP, DOCX or another zip-based format"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # (byte order mark, codec for the bytes after it, name reported as the encoding)
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

SNIFF_BYTES = 8192
"""How many leading bytes are inspected for control characters."""

MAX_CONTROL_SHARE = 0.10
"""More than this share of control bytes (other than tab, newlines, form feed) is binary."""

_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}

# A valid UTF-8 multi-byte sequence (lead byte plus the right number of continuation bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

# What ``surrogateescape`` turns each undecodable byte into.
_ESCAPED = re.compile("[\udc80-\udcff]")

_WESTERN = ("cp1252",)
"""Code pages preferred when they decode the bytes as well as the detector's best guess."""

_CHAOS_TOLERANCE = 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from an input, with the encoding used and the sha256 of the bytes."""

    text: str
    encoding: str
    sha256: str


def decode_bytes(data: bytes, *, source: str | None = None) -> Decoded:
    """Decode ``data`` to text or raise an :class:`~newstrace.errors.InputError`.

    Raises :class:`EmptyInput` for no bytes, :class:`BinaryInput` for a known binary format
    or control bytes, and :class:`UndecodableInput` for corrupt UTF-8 or bytes no encoding
    reads plausibly.
    """
    if not data:
        raise EmptyInput("file is empty", source=source)
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff_binary(data)
    if kind is not None:
        raise BinaryInput(f"binary file ({kind}), not text", source=source)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), name, digest)
            except UnicodeDecodeError as err:
                raise _undecodable(err, name, source, skipped=len(bom)) from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", digest)
    except UnicodeDecodeError as err:
        if _shaped_like_utf8(data):
            raise _undecodable(err, "utf-8", source) from None
        first_bad = err.start
    legacy = detect_legacy_encoding(data)
    if legacy is None:
        raise UndecodableInput(
            f"not valid UTF-8 (first bad byte at offset {first_bad:,}) and no other encoding fits",
            source=source,
        )
    try:
        text = data.decode(legacy)
    except (UnicodeDecodeError, LookupError):
        raise UndecodableInput(
            f"not valid UTF-8 (first bad byte at offset {first_bad:,}) and not {legacy} either",
            source=source,
        ) from None
    log.debug("%s: not UTF-8, decoded as %s", source, legacy)
    return Decoded(text, legacy, digest)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data``, or ``None`` when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if _BZIP2.match(data):
        return "bzip2"
    if any(data.startswith(bom) for bom, _, _ in _BOMS):
        return None  # UTF-16/32 text has NUL bytes; the BOM says so.
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = sum(1 for byte in head if byte in _CONTROL)
    if controls > MAX_CONTROL_SHARE * len(head):
        return f"{controls * 100 // len(head)}% control bytes"
    return None


def detect_legacy_encoding(data: bytes) -> str | None:
    """The code page that reads ``data`` best, preferring Western ones on a near tie."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos + _CHAOS_TOLERANCE:
            for western in _WESTERN:
                if western in match.could_be_from_charset and _decodes(data, western):
                    return western
    return str(best.encoding)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _shaped_like_utf8(data: bytes) -> bool:
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return False
    invalid = len(_ESCAPED.findall(data.decode("utf-8", errors="surrogateescape")))
    return valid >= invalid


def _undecodable(
    err: UnicodeDecodeError, encoding: str, source: str | None, *, skipped: int = 0
) -> UndecodableInput:
    """The error for bytes that break ``encoding``; the offset counts from the file's start."""
    return UndecodableInput(
        f"not valid {encoding.removesuffix('-sig').upper()}: "
        f"bad byte 0x{err.object[err.start]:02x} at offset {skipped + err.start:,}",
        source=source,
    )
