"""User-facing errors: each says what went wrong and what to do next, and prints as one line."""

from __future__ import annotations


class ConflictAtlasError(Exception):
    """An error the user can act on. `str()` gives one line: the reason, then the hint."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(ConflictAtlasError):
    """One input (file, line, record) could not be read; the rest of a batch goes on."""

    def __init__(self, source: str, reason: str, hint: str | None = None):
        super().__init__(f"{source}: {reason}", hint)
        self.source = source
        self.reason = reason
