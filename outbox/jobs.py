"""
Periodic jobs (clinic.hooks.Job, offered by each app's `periodic_jobs()`), run
by the worker (`manage.py run_worker`) once per cadence however many workers
run.

Each job has a row in JobRun. A worker claims a run with one conditional UPDATE
(… SET due_at = now + cadence WHERE name = … AND due_at <= now AND the last run
has finished): of several workers that find the job due, the database lets
exactly one change the row, and only that one runs the job. A run that outlasts
its cadence is not started again beside itself; a worker killed mid-job leaves
its run unfinished, and the job starts again once JOB_LEASE has passed.
"""

import logging
import traceback
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone

from clinic.hooks import Job
from outbox.models import JobRun

logger = logging.getLogger(__name__)

# How long a started run holds its job: past this a run that never finished
# (its worker was killed) no longer keeps the job from starting.
JOB_LEASE = timedelta(hours=1)
# A failed run is tried again after its cadence or this, whichever is sooner
# (a daily purge that met a lock timeout need not wait a day).
RETRY_AFTER_FAILURE = timedelta(hours=1)


def jobs_run_due(
    *, jobs: Iterable[Job], now: datetime | None = None
) -> dict[str, bool]:
    """
    Run, one after another, each of `jobs` that is due and that this worker
    claims. Returns {name: whether it succeeded} for the jobs it ran.
    """
    jobs = list(jobs)
    # One read for the usual round, in which nothing is due.
    waiting = set(
        JobRun.objects.filter(
            name__in=[job.name for job in jobs], due_at__gt=now or timezone.now()
        ).values_list("name", flat=True)
    )
    ran: dict[str, bool] = {}
    for job in jobs:
        # Each claim at its own moment: a slow job before it must not date it.
        if job.name not in waiting and job_claim(job=job, now=now or timezone.now()):
            ran[job.name] = _run(job)
    return ran


def job_claim(*, job: Job, now: datetime) -> bool:
    """
    Whether this worker may run `job` now. Of the workers that ask while it is
    due and not running (its first run included), exactly one gets True, and
    the job's next run moves a cadence on.
    """
    not_running = Q(finished_at__gte=F("started_at")) | Q(
        started_at__lt=now - JOB_LEASE
    )
    claimed = JobRun.objects.filter(not_running, name=job.name, due_at__lte=now).update(
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


def failure_log(what: str, exc: BaseException) -> None:
    """Log that `what` failed: the exception's class and line only. Its text (a
    database error quoting a row, say) can carry what a patient sent."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    logger.error(
        "%s failed: %s at %s:%s",
        what,
        type(exc).__name__,
        where.filename,
        where.lineno,
    )


def _run(job: Job) -> bool:
    try:
        job.run()
    except Exception as exc:  # any job's failure waits, and is tried again
        failure_log(f"Job {job.name}", exc)
        now = timezone.now()
        JobRun.objects.filter(name=job.name).update(
            finished_at=now,
            error=type(exc).__name__[:100],
            due_at=now + min(job.cadence, RETRY_AFTER_FAILURE),
        )
        return False
    JobRun.objects.filter(name=job.name).update(finished_at=timezone.now(), error="")
    return True
