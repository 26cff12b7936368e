"""The Ray backend: the same per-document task on Ray actors, one per worker.

Each actor is a long-lived process holding the models (loaded by the stages' cached
loaders on its first document), created with ``max_concurrency=1`` so it converts one
document at a time, and ``max_restarts=-1`` so a crashed actor comes back for the
documents after it. Ray schedules and transports; the driver only hands the next
document to whichever actor is idle (``ray.wait`` on one call per actor, as
``ray.util.ActorPool`` does, but remembering which document each call carries so a
failure is reported against it). A document whose actor dies is retried once, then
recorded as ``worker_crashed``; everything else comes back as the same
:class:`DocRecord` the local backend produces. Ray is imported only when this backend is chosen (``fiscalocr[ray]``).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterator

from fiscalocr.app.options import ConvertOptions
from fiscalocr.model import DependencyError, ExitCode

from .inputs import InputFile
from .job import BatchSettings, run_job
from .record import DocRecord
from .worker import configure_worker_logging

ACTOR_CPUS = 1
PROBE_PAUSE_SECONDS = 1.0  # between readiness probes of an actor that is restarting


class ConverterActor:
    """Holds one worker's models; ``convert`` is :func:`run_job` for one document."""

    def __init__(
        self, options: ConvertOptions, settings: BatchSettings, quiet: bool, verbose: bool = False
    ) -> None:
        configure_worker_logging(None, quiet, verbose)
        self.options = options
        self.settings = settings

    def convert(self, job: InputFile) -> DocRecord:
        return run_job(job, self.options, self.settings)

    def ready(self) -> int:
        """A cheap call that succeeds once a restarted actor is back."""
        return os.getpid()


def import_ray():
    """``ray``, or a DependencyError naming the extra to install."""
    try:
        import ray
    except ImportError as error:
        raise DependencyError(
            "the ray backend needs the optional extra: pip install 'fiscalocr[ray]'"
        ) from error
    return ray


def run_ray(
    jobs: list[InputFile],
    options: ConvertOptions,
    settings: BatchSettings,
    *,
    workers: int,
    address: str | None = None,
    quiet: bool = False,
    verbose: bool = False,
) -> Iterator[DocRecord]:
    """Yield one record per job, in completion order, computed on Ray actors.

    Connects to ``address`` (``auto`` = the running cluster) or starts a local Ray;
    ``workers=0`` means one actor per CPU of the cluster. The input paths and OUTDIR
    must be visible to every node under the same names (a shared filesystem).
    """
    ray = import_ray()
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, log_to_driver=not quiet, include_dashboard=False)
    try:
        n_actors = workers or max(int(ray.cluster_resources().get("CPU", 1)), 1)
        remote_actor = ray.remote(
            num_cpus=ACTOR_CPUS, max_concurrency=1, max_restarts=-1, max_task_retries=0
        )(ConverterActor)
        actors = [remote_actor.remote(options, settings, quiet, verbose) for _ in range(n_actors)]
        yield from _gather(ray, actors, jobs)
    finally:
        if started_here:
            ray.shutdown()


def _gather(ray, actors: list, jobs: list[InputFile]) -> Iterator[DocRecord]:
    """Keep every live actor busy with one document; yield records as calls finish.

    A failed call (the actor was killed, e.g. by Ray's out-of-memory monitor, or was
    still restarting) puts its document back once; a second failure records it as
    ``worker_crashed``. The actor gets new work only after a ``ready`` probe succeeds.
    """
    waiting = deque(jobs)
    idle = list(actors)
    in_flight: dict = {}  # ObjectRef -> (actor, job), job None for a readiness probe
    retried: set[str] = set()
    while waiting or any(job is not None for _, job in in_flight.values()):
        while waiting and idle:
            actor, job = idle.pop(), waiting.popleft()
            in_flight[actor.convert.remote(job)] = (actor, job)
        if not in_flight:  # every actor is gone for good
            yield from (_crashed_record(job, "no Ray actor is left") for job in waiting)
            return
        (ref,), _ = ray.wait(list(in_flight), num_returns=1)
        actor, job = in_flight.pop(ref)
        try:
            record = ray.get(ref)
        except ray.exceptions.RayError as error:
            if job is not None and job.path in retried:
                yield _crashed_record(job, f"{type(error).__name__}: {str(error)[:300]}")
            elif job is not None:
                retried.add(job.path)
                waiting.appendleft(job)
            if not isinstance(error, ray.exceptions.ActorDiedError):
                time.sleep(PROBE_PAUSE_SECONDS if job is None else 0)
                in_flight[actor.ready.remote()] = (actor, None)
            continue
        idle.append(actor)
        if job is not None:
            yield record


def _crashed_record(job: InputFile, reason: str) -> DocRecord:
    return DocRecord(
        input=job.path,
        status="failed",
        error_code="worker_crashed",
        message=f"the Ray actor failed twice on this document: {reason}",
        exit_code=int(ExitCode.INTERNAL),
    )
