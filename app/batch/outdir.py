"""One run at a time per output folder, and a run summary that is always this run's.

Two runs into one folder would each rewrite ``run-summary.json`` with their own
documents, the last to finish silently erasing the other's account. So a run holds an
exclusive lock on ``OUTDIR/.fiscalocr.lock`` (``flock``: released by the kernel when the
process dies, so a killed run never leaves a stale lock) and a second run is refused
with the first one's pid.

An earlier run's summary must never stand as this run's: the first thing a run writes is
its own, empty, ``finished: false`` summary. If even that cannot be written (a full
disk), the old one is removed before the error is reported.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from fiscalocr.model import DiskFullError, OutputError, UsageError

LOCK_NAME = ".fiscalocr.lock"


class OutdirBusyError(UsageError):
    code = "outdir_busy"


@contextlib.contextmanager
def outdir_lock(outdir: Path) -> Iterator[None]:
    """Hold the folder's run lock for the block; OutdirBusyError if another run has it."""
    path = outdir / LOCK_NAME
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held for the block)
    except OSError as error:
        raise OutputError(
            f"cannot create {LOCK_NAME}: {error.strerror}", path=str(outdir)
        ) from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise OutdirBusyError(
                f"another fiscalocr run (pid {holder}) is writing into this folder; "
                "wait for it to finish or choose another -o",
                path=str(outdir),
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def replace_or_remove(summary_path: Path, write) -> None:
    """Run ``write()`` (this run's first summary); if it fails, remove the earlier run's
    summary so it cannot pass for this one, then raise the failure as ours."""
    try:
        write()
    except OSError as error:
        with contextlib.suppress(OSError):
            summary_path.unlink()
        raise as_output_error(error, summary_path) from error


def as_output_error(error: OSError, path: Path) -> OutputError:
    """The OSError of a write, as the error class (and exit code 7) it stands for."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            f"no space left on the device writing {path.name}", path=str(path.parent)
        )
    return OutputError(
        f"cannot write {path.name}: {error.strerror or error}", path=str(path.parent)
    )
