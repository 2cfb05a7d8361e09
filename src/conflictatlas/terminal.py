"""What the commands print on the terminal besides their results: one stderr console, counted nouns."""

from __future__ import annotations

from rich.console import Console

#: warnings, errors, progress and summaries go to stderr; results (JSONL, CSV, tables) to stdout
err = Console(stderr=True, highlight=False)


def counted(number: int, noun: str) -> str:
    """ "1 article", "3 articles"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
