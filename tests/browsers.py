"""Debian's Chromium driven by Playwright, one way for every browser test.

Needs /usr/bin/chromium (``apt-get install --no-install-recommends chromium fonts-ipaexfont-gothic``)
and Playwright from PyPI, which drives that Chromium (never ``playwright install``). Without either,
the test that asks for a browser is skipped with the reason.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
# as root on a closed network: no sandbox, and no background requests that the network refuses
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
MISSING = "/usr/bin/chromium is missing: apt-get install chromium fonts-ipaexfont-gothic"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason=MISSING)


@contextmanager
def chromium_context(profile: Path, width: int = 1400, height: int = 900, **options: Any) -> Iterator[Any]:
    """A Chromium context with a fresh profile in ``profile`` (Playwright's ``options`` passed on)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(MISSING)
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is missing: pip install playwright")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=ARGS, headless=True,
            viewport={"width": width, "height": height}, locale="ja-JP", **options)
        try:
            yield context
        finally:
            context.close()
