"""Print an HTML page to PDF with headless Chromium (optional: only ``--pdf`` needs it)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from ..errors import AnnotatorError

INSTALL = "apt-get install --no-install-recommends chromium fonts-ipaexfont-gothic"
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 180
# no network, no profile state, no first-run work: printing a local file only
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer",
         "--run-all-compositor-stages-before-draw")


class PdfError(AnnotatorError):
    """The PDF could not be printed: Chromium is missing or failed."""


def find_chromium() -> Optional[str]:
    """The Chromium executable to print with: $ANNOTATOR_CHROMIUM, else the usual names on PATH."""
    override = os.environ.get("ANNOTATOR_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(chromium: str, html_path: Path, pdf_path: Path, profile: Path) -> list[str]:
    """The command line that prints ``html_path`` to ``pdf_path`` with a fresh profile."""
    return [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}",
            Path(html_path).absolute().as_uri()]


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print a self-contained HTML file to PDF (A4 comes from the page's own @page rule)."""
    chromium = find_chromium()
    if chromium is None:
        raise PdfError("cannot print the PDF: Chromium is not installed", fix=f"install it: {INSTALL}")
    html_path, pdf_path = Path(html_path), Path(pdf_path).absolute()
    if not html_path.is_file():
        raise PdfError("cannot print the PDF: the page does not exist", file=str(html_path))
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf_path.with_name(f".{pdf_path.name}.part")
    with tempfile.TemporaryDirectory(prefix="annotator-chromium-") as profile:
        try:
            done = subprocess.run(chromium_command(chromium, html_path, partial, Path(profile)),
                                  capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            partial.unlink(missing_ok=True)
            raise PdfError(f"Chromium could not print the PDF: {error}", file=str(html_path),
                           fix=f"check the installation: {INSTALL}") from None
    if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise PdfError(f"Chromium failed to print the PDF (exit {done.returncode}): {last}", file=str(html_path),
                       fix=f"check the installation: {INSTALL}")
    os.replace(partial, pdf_path)


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained page given as text (printed from a private temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="annotator-print-") as folder:
        page, pdf = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        print_pdf(page, pdf)
        return pdf.read_bytes()


def pdf_page_count(data: bytes) -> int:
    """How many pages a PDF written by Chromium has (its page tree's /Count)."""
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return max(counts) if counts else len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
