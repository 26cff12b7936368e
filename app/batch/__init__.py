"""Archive-scale conversion: many documents, worker processes or Ray, resumable.

The one entry point of the CLI is :func:`run_convert` (with :func:`add_convert_parser`);
programs use :func:`run_batch` with a :class:`BatchPlan`, or :func:`run_job` for one
document with the same resume and fault-isolation rules.
"""

from .command import add_convert_parser, run_convert
from .inputs import InputFile, collect_inputs
from .job import BatchSettings, run_job
from .record import DocRecord
from .runner import BatchPlan, run_batch
from .summary import RunSummary, batch_exit_code

__all__ = [
    "BatchPlan",
    "BatchSettings",
    "DocRecord",
    "InputFile",
    "RunSummary",
    "add_convert_parser",
    "batch_exit_code",
    "collect_inputs",
    "run_batch",
    "run_convert",
    "run_job",
]
