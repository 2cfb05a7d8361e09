"""Our cleaner for plain-text articles: page residue out, body paragraphs kept character for character.

Plain text saved from web pages (or machine-translated copies of them) carries what a browser's
"save as text" keeps: a `<style>` line, the title twice, share buttons, the author box and biography.
Those lines would become false events or false places, so they go; every body paragraph stays exactly
as it was, because later stages quote evidence by character offsets into the cleaned text.

The keyword lists live in `data/residue.json` so that they can grow (and be translated) without code.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
MAX_MARKER_CHARS = 80  # a stop marker is a button or heading, never a sentence of the story
MAX_PHRASE_LINE_CHARS = 160  # a cookie or newsletter notice is one short line

_MARKUP_LINE = re.compile(r"^\s*(<[^<>]*>\s*)+$")
_BLOCK_OPEN = re.compile(r"^\s*<(style|script|noscript)\b", re.IGNORECASE)
_CSS_RULE = re.compile(r"^\s*[@.#:\w][^{}]*\{[^{}]*\}\s*$")
_MARKER_TAIL = " \t:.!|-–—»>›•"


@dataclass(frozen=True)
class Residue:
    """The keyword lists of `data/residue.json`, lower-cased."""

    stop_lines: frozenset[str]
    stop_prefixes: tuple[str, ...]
    drop_lines: frozenset[str]
    drop_phrases: tuple[str, ...]


@dataclass(frozen=True)
class Cleaned:
    title: str | None
    text: str


@functools.cache
def residue() -> Residue:
    """The packaged keyword lists, loaded once per process."""
    raw = json.loads(resources.files("conflictatlas").joinpath("data", "residue.json").read_text("utf-8"))
    return Residue(
        stop_lines=frozenset(s.casefold() for s in raw["stop_lines"]),
        stop_prefixes=tuple(s.casefold() for s in raw["stop_prefixes"]),
        drop_lines=frozenset(s.casefold() for s in raw["drop_lines"]),
        drop_phrases=tuple(s.casefold() for s in raw["drop_phrases"]),
    )


def clean_text(raw: str, *, find_title: bool = True) -> Cleaned:
    """The article's title (when the first line looks like one) and its text without page residue.

    The text keeps the title line once at its top, so that sentence offsets cover the headline too.
    """
    lines = _drop_markup(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines = [line for line in lines if not _is_notice(line)]
    lines = _collapse_repeated_first_line(lines)
    first = next((line.strip() for line in lines if line.strip()), None)
    title_line = first if find_title and first is not None and _looks_like_title(first, lines) else None
    lines = _cut_trailing_residue(lines, title_line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = title_line.lstrip("#").strip() if title_line and text else None  # a Markdown heading
    return Cleaned(title=title or None, text=text)


def _drop_markup(lines: list[str]) -> list[str]:
    """Without `<style>`/`<script>` blocks, tag-only lines, and CSS rules before the first prose line."""
    kept: list[str] = []
    closing: str | None = None
    for line in (raw_line.rstrip() for raw_line in lines):
        if closing is not None:
            if closing in line.lower():
                closing = None
            continue
        opened = _BLOCK_OPEN.match(line)
        if opened:
            tag_end = f"</{opened.group(1).lower()}"
            if tag_end not in line.lower():
                closing = tag_end
            continue
        if _MARKUP_LINE.match(line) or (not any(k.strip() for k in kept) and _CSS_RULE.match(line)):
            continue
        kept.append(line)
    return kept


def _key(line: str) -> str:
    return " ".join(line.casefold().split()).strip(_MARKER_TAIL)


def _is_notice(line: str) -> bool:
    """Cookie, newsletter, "Advertisement" lines: residue wherever they stand."""
    key = _key(line)
    if not key:
        return False
    lists = residue()
    if key in lists.drop_lines:
        return True
    return len(key) <= MAX_PHRASE_LINE_CHARS and any(p in key for p in lists.drop_phrases)


def _is_stop_marker(line: str) -> bool:
    key = _key(line)
    if not key or len(key) > MAX_MARKER_CHARS:
        return False
    lists = residue()
    return key in lists.stop_lines or key.startswith(lists.stop_prefixes)


def _collapse_repeated_first_line(lines: list[str]) -> list[str]:
    """Saved pages often repeat the headline (page title + article heading): keep one."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2 or _key(lines[filled[0]]) != _key(lines[filled[1]]):
        return lines
    return lines[: filled[1]] + lines[filled[1] + 1 :]


def _looks_like_title(first: str, lines: list[str]) -> bool:
    """A short line without a sentence end, followed by more text: the headline."""
    has_more = sum(1 for line in lines if line.strip()) > 1
    return (
        has_more
        and len(first) <= MAX_TITLE_CHARS
        and len(first.split()) <= MAX_TITLE_WORDS
        and not first.endswith((".", ",", ";", ":"))
        and not _is_stop_marker(first)
    )


def _cut_trailing_residue(lines: list[str], title: str | None) -> list[str]:
    """Everything from the first stop marker after the body has started is residue (author box, bio,
    related links). A marker before the body (a byline, share buttons under the headline) is dropped alone.
    """
    kept: list[str] = []
    body_started = False
    for line in lines:
        if _is_stop_marker(line):
            if body_started:
                break
            continue
        if line.strip() and line.strip() != title:
            body_started = True
        kept.append(line)
    return kept
