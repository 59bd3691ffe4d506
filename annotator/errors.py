"""The toolkit's own errors: each names the file, the line where known, and the fix."""
from __future__ import annotations

from typing import Optional

EXCERPT_CHARS = 80  # the most of a user's text an error message quotes
MESSAGE_CHARS = 600  # a longer message (a whole file quoted by mistake) is cut


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short piece of ``text`` for an error message: its start, then "…" when it is longer."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


class AnnotatorError(Exception):
    """A problem with the user's input that they can act on."""

    def __init__(self, message: str, *, file: Optional[str] = None,
                 line: Optional[int] = None, fix: Optional[str] = None) -> None:
        message, fix = excerpt(message, MESSAGE_CHARS), excerpt(fix, MESSAGE_CHARS) if fix else fix
        file = excerpt(file, MESSAGE_CHARS) if file else file
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.fix = fix

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}{self.message}{fix}"


class ManifestError(AnnotatorError):
    """corpus.toml is missing, malformed, or names something that is not there."""


class InputTextError(AnnotatorError):
    """A text file cannot be read as a document."""


class OutputError(AnnotatorError):
    """The output folder cannot be written."""
