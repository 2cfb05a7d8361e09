"""Bytes in, text out: size limit, binary detection and decoding shared by every reader.

Each failure raises an `InputError` naming the input and the reason, so that a reader can turn it into
one line of the batch summary instead of a traceback.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from conflictatlas.errors import InputError
from conflictatlas.model import Article

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # one news page is rarely above 2 MB; 50 MB pages are dumps or traps
MAX_JUNK_SHARE = 0.05  # share of control/private-use characters above which text is binary junk
MAX_CHAOS = 0.2  # charset_normalizer's "mess" ratio above which its guess is not trusted
MIN_COHERENCE = 0.1  # its language coherence below which the guess is not trusted

log = logging.getLogger(__name__)

# C0/C1 controls other than tab, newlines and form feed; surrogates; private use; specials.
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufff0-\uffff]")
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b|<article\b)", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(p|div|body|article|h1|h2|title|span|a)\b[^>]*>", re.IGNORECASE)


def open_input(path: Path) -> BinaryIO:
    """The file opened for reading bytes; an InputError saying why not."""
    source = str(path)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(source, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, expected a file") from None
    except OSError as err:
        raise InputError(source, f"cannot read the file ({err.strerror or err})") from None


def read_limited(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, reading at most `max_bytes + 1` so that a huge file costs no memory."""
    with open_input(path) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as err:
            raise InputError(str(path), f"cannot read the file ({err.strerror or err})") from None
    if len(data) > max_bytes:
        raise InputError(
            str(path),
            f"larger than the size limit of {max_bytes:,} bytes",
            "raise max_bytes if this really is one article",
        )
    return data


def read_file(
    path: Path, parse: Callable[..., Article | InputError], *, published: date | None, max_bytes: int
) -> Article | InputError:
    """A file read within the size limit and handed to `parse(data, source=, published=)`: an Article,
    or the InputError saying why not (never raises on bad input)."""
    try:
        data = read_limited(path, max_bytes)
    except InputError as err:
        return err
    return parse(data, source=str(path), published=published)


def decode_bytes(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a confident charset guess.

    Refuses binary content (NUL bytes, mostly control characters) rather than passing junk on to NLP.
    """
    if not data.strip():
        raise InputError(source, "empty file", "nothing to read")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data, source)
    elif b"\x00" in data[:65536]:
        raise InputError(source, "binary content (NUL bytes), not text", "give a text, HTML or JSONL file")
    else:
        text = _decode_8bit(data, source)
    text = text.removeprefix("\ufeff")
    if _junk_share(text) > MAX_JUNK_SHARE:
        raise InputError(source, "binary content (mostly control characters), not text")
    return text


def _decode_utf16(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputError(source, "invalid UTF-16 despite its byte-order mark") from None


def _decode_8bit(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_error = err
    match = _best_guess(data)
    if match is None or match.chaos > MAX_CHAOS or match.coherence < MIN_COHERENCE:
        raise InputError(
            source,
            f"not valid UTF-8 (byte {first_error.start}) and the encoding cannot be detected with confidence",
            "convert the file to UTF-8",
        )
    log.warning("%s: not valid UTF-8 (byte %d); read as %s", source, first_error.start, match.encoding)
    return str(match)


def _best_guess(data: bytes) -> charset_normalizer.CharsetMatch | None:
    """charset_normalizer's best match; among equally good ones Windows-1252, the web's usual legacy
    encoding (Latin-1 text scores the same in cp1250 and cp1252, which differ on accented letters).
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    ties = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return next((m for m in ties if m.encoding == "cp1252"), best)


def _junk_share(text: str) -> float:
    sample = text[:65536]
    return len(_JUNK.findall(sample)) / max(len(sample), 1)


def looks_like_html(text: str) -> bool:
    """Whether a string is an HTML page rather than plain text that happens to contain a tag or two."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3
