"""
Periodic jobs (clinic.hooks.Job, offered by each app's `periodic_jobs()`), run
by the worker (`manage.py run_worker`) once per cadence however many workers
run.

Each job has a row in JobRun. A worker claims a run with one conditional UPDATE
(… SET due_at = now + cadence WHERE name = … AND due_at <= now): of several
workers that find the job due, the database lets exactly one change the row, and
only that one runs the job. A worker killed mid-job has already moved `due_at`
on, so the job waits for its next cadence rather than running twice.
"""

import logging
import traceback
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from clinic.hooks import Job
from outbox.models import JobRun

logger = logging.getLogger(__name__)


def jobs_run_due(
    *, jobs: Iterable[Job], now: datetime | None = None
) -> dict[str, bool]:
    """
    Run, one after another, each of `jobs` that is due and that this worker
    claims. Returns {name: whether it succeeded} for the jobs it ran.
    """
    now = now or timezone.now()
    jobs = list(jobs)
    # One read for the usual round, in which nothing is due.
    waiting = set(
        JobRun.objects.filter(
            name__in=[job.name for job in jobs], due_at__gt=now
        ).values_list("name", flat=True)
    )
    ran: dict[str, bool] = {}
    for job in jobs:
        if job.name not in waiting and job_claim(job=job, now=now):
            ran[job.name] = _run(job)
    return ran


def job_claim(*, job: Job, now: datetime) -> bool:
    """
    Whether this worker may run `job` now. Of the workers that ask while it is
    due (its first run included), exactly one gets True, and the job's next run
    moves a cadence on.
    """
    claimed = JobRun.objects.filter(name=job.name, due_at__lte=now).update(
        due_at=now + job.cadence, started_at=now
    )
    if claimed:
        return True
    # Never run before: the worker whose insert lands has it (the unique name
    # turns the others' inserts into a read).
    _, created = JobRun.objects.get_or_create(
        name=job.name, defaults={"due_at": now + job.cadence, "started_at": now}
    )
    return created


def _run(job: Job) -> bool:
    try:
        job.run()
    except Exception as exc:  # any job's failure waits for its next cadence
        error = type(exc).__name__
        # The class and the line only: an exception's text (a database error
        # quoting a row, say) can carry what a patient sent.
        where = traceback.extract_tb(exc.__traceback__)[-1]
        logger.error(
            "Job %s failed: %s at %s:%s",
            job.name,
            error,
            where.filename,
            where.lineno,
        )
    else:
        error = ""
    JobRun.objects.filter(name=job.name).update(
        finished_at=timezone.now(), failed=bool(error), error=error[:100]
    )
    return not error
