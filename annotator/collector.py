"""Pausing Python's cyclic garbage collector around the work of a build."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector, restoring its previous state after (nesting is safe).

    A build makes millions of small objects with no reference cycles; reference counting frees
    them, and the collections their allocations trigger free nothing while costing about 10%.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
