"""The toolkit's own errors: each names the file, the line where known, and the fix."""
from __future__ import annotations

from typing import Optional


class AnnotatorError(Exception):
    """A problem with the user's input that they can act on."""

    def __init__(self, message: str, *, file: Optional[str] = None,
                 line: Optional[int] = None, fix: Optional[str] = None) -> None:
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
