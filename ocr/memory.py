"""Keeping a long-running reader's memory bounded.

Two caches grow with every new input shape, and scanned pages and crop batches come in
ever new shapes:
- Paddle's default ``auto_growth`` allocator keeps every chunk it ever freed for reuse by a
  later tensor; ``naive_best_fit`` on the CPU hands freed tensors back to ``malloc``;
- glibc ``malloc`` keeps freed memory in its per-thread arenas; ``malloc_trim(0)`` hands
  the free pages back to the system. Called once per OCR page, it costs a few ms.
(ONNX Runtime's own per-shape caches, its CPU arena and memory patterns, are switched off
where its sessions are made, in ``onnx_engine``.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import cache

PADDLE_FLAGS = {"FLAGS_allocator_strategy": "naive_best_fit"}
"""Set before Paddle is imported, unless the environment already says otherwise."""


def bound_paddle_allocator() -> None:
    """Paddle's allocator flags (read once, when paddle is first imported)."""
    for name, value in PADDLE_FLAGS.items():
        os.environ.setdefault(name, value)


@cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_freed_memory() -> bool:
    """Return the heap's free pages to the system (glibc only); False where unsupported."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True
