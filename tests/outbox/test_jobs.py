"""The worker's periodic jobs: each runs once per cadence however many workers
run; one that fails is logged without what it said and stops neither the other
jobs nor the outbox; `run_worker --once` runs those that are due."""

import signal
import threading
import types
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.core import checks, mail
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from clinic.hooks import Job
from outbox.jobs import job_claim, jobs_run_due
from outbox.management.commands import run_worker
from outbox.models import JobRun
from outbox.services import outbox_enqueue
from tests.factories import make_editor, make_front_desk, make_user

pytestmark = pytest.mark.django_db

START = datetime(2027, 5, 3, 8, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def offered(monkeypatch):
    """Jobs an app offers for this test, besides the site's own."""
    jobs = []
    monkeypatch.setattr(apps.get_app_config("checker"), "periodic_jobs", lambda: jobs)
    return jobs


class Counter:
    """A job's work: counts how often it ran."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1


def counted(name="tests.count", cadence=HOUR):
    work = Counter()
    return Job(name=name, cadence=cadence, run=work), work


def fails():
    raise ValueError("Jane Roe <jane.roe@example.test> asked about sciatica")


def queue_hourly():
    outbox_enqueue({"to": ["desk@clinic.test"], "subject": "Hourly", "body": "x"})


def test_a_job_runs_once_per_cadence_however_often_workers_look(clock):
    job, work = counted()
    assert jobs_run_due(jobs=[job]) == {"tests.count": True}
    assert jobs_run_due(jobs=[job]) == {}  # the next round, or another worker
    clock.shift(HOUR - timedelta(seconds=1))
    assert jobs_run_due(jobs=[job]) == {}
    assert work.runs == 1
    clock.shift(timedelta(seconds=1))
    assert jobs_run_due(jobs=[job]) == {"tests.count": True}
    assert work.runs == 2


def test_two_workers_that_find_a_job_due_at_once_run_it_once(clock):
    """Both read it as due; the conditional update lets one of them claim it,
    for a job never run before as for one that has."""
    job, _ = counted()
    now = timezone.now()
    assert job_claim(job=job, now=now)
    assert not job_claim(job=job, now=now)
    JobRun.objects.update(finished_at=now)  # the claimer's run ends
    clock.shift(HOUR)
    now = timezone.now()
    assert job_claim(job=job, now=now)
    assert not job_claim(job=job, now=now)
    assert JobRun.objects.get().due_at == now + HOUR


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one writer at a time: no workers at the same moment",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("ran_before", [False, True])
def test_workers_running_at_the_same_moment_run_a_job_once(ran_before):
    """Six workers' rounds at once, for a new job and for one that is due."""
    job, work = counted()
    if ran_before:
        earlier = timezone.now() - HOUR
        JobRun.objects.create(
            name=job.name,
            due_at=timezone.now(),
            started_at=earlier,
            finished_at=earlier,
        )
    start = threading.Barrier(6)
    results, errors = [], []

    def worker():
        try:
            start.wait()
            results.append(jobs_run_due(jobs=[job]))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert work.runs == 1
    assert sorted(map(len, results)) == [0, 0, 0, 0, 0, 1]


def test_while_one_worker_runs_a_job_another_does_not_start_it(clock):
    rounds_meanwhile = []

    def slow():
        rounds_meanwhile.append(jobs_run_due(jobs=[job]))  # a second worker

    job = Job(name="tests.slow", cadence=HOUR, run=slow)
    assert jobs_run_due(jobs=[job]) == {"tests.slow": True}
    assert rounds_meanwhile == [{}]


def test_a_failing_job_is_logged_without_what_it_said_and_the_others_run(clock, caplog):
    job, work = counted()
    failing = Job(name="tests.fails", cadence=HOUR, run=fails)
    assert jobs_run_due(jobs=[failing, job]) == {
        "tests.fails": False,
        "tests.count": True,
    }
    assert work.runs == 1
    (record,) = [r for r in caplog.records if r.name.startswith("outbox")]
    assert "tests.fails" in record.getMessage() and "ValueError" in record.getMessage()
    assert record.exc_info is None  # a traceback would carry the message
    assert "jane" not in caplog.text.lower() and "sciatica" not in caplog.text
    run = JobRun.objects.get(name="tests.fails")
    assert run.error == "ValueError"
    assert run.finished_at == START
    clock.shift(HOUR)
    jobs_run_due(jobs=[Job(name="tests.fails", cadence=HOUR, run=Counter())])
    run.refresh_from_db()
    assert run.error == ""


def test_run_worker_once_runs_the_due_jobs_and_sends_what_they_queue(
    clock, offered, capsys
):
    offered.append(Job(name="tests.hourly", cadence=HOUR, run=queue_hourly))
    call_command("run_worker", "--once")
    out = capsys.readouterr().out
    assert "Outbox: 1 sent, 0 failed." in out and " 0 failed." in out.split("\n")[0]
    call_command("run_worker", "--once")
    assert [m.subject for m in mail.outbox] == ["Hourly"]
    clock.shift(HOUR)
    call_command("run_worker", "--once")
    assert [m.subject for m in mail.outbox] == ["Hourly", "Hourly"]


def test_a_failing_job_does_not_stop_the_outbox(clock, offered, capsys):
    offered.extend(
        [
            Job(name="tests.fails", cadence=HOUR, run=fails),
            Job(name="tests.hourly", cadence=HOUR, run=queue_hourly),
        ]
    )
    call_command("run_worker", "--once")
    jobs_line, outbox_line = capsys.readouterr().out.splitlines()
    assert jobs_line.startswith("Jobs:") and jobs_line.endswith(", 1 failed.")
    assert outbox_line == "Outbox: 1 sent, 0 failed."


def test_the_running_worker_sends_even_when_the_jobs_cannot_be_read(
    clock, monkeypatch, capsys
):
    """A round whose jobs step fails (the database away for a moment) still
    sends, and the worker goes on to the next round."""

    def broken():
        raise DatabaseError("connection lost")

    def sleep(seconds):
        signal.raise_signal(signal.SIGTERM)  # stop after this round

    queue_hourly()
    monkeypatch.setattr(run_worker, "site_jobs", broken)
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(run_worker, "time", types.SimpleNamespace(sleep=sleep))
    before = signal.getsignal(signal.SIGTERM)
    call_command("run_worker")
    assert [m.subject for m in mail.outbox] == ["Hourly"]
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is put back


def test_two_jobs_with_one_name_stop_the_start(offered):
    """They would share one record of runs, and one of them would never run."""
    offered.append(Job(name="leads.chase", cadence=HOUR, run=Counter()))
    errors = [e for e in checks.run_checks() if e.id == "outbox.E001"]
    assert len(errors) == 1 and "leads.chase" in errors[0].msg


def test_superusers_see_the_job_runs_read_only(client, clock):
    jobs_run_due(jobs=[Job(name="tests.fails", cadence=HOUR, run=fails)])
    run = JobRun.objects.get()
    client.force_login(make_user(is_superuser=True))
    changelist = reverse("admin:outbox_jobrun_changelist")
    page = client.get(changelist).content.decode()
    assert "tests.fails" in page
    assert '<td class="field-result">Failed</td>' in page
    change = reverse("admin:outbox_jobrun_change", args=[run.pk])
    assert client.get(change).status_code == 200
    assert client.get(reverse("admin:outbox_jobrun_add")).status_code == 403
    delete = reverse("admin:outbox_jobrun_delete", args=[run.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert JobRun.objects.count() == 1


@pytest.mark.parametrize("make_staff", [make_editor, make_front_desk])
def test_other_staff_never_see_the_job_runs(client, make_staff):
    client.force_login(make_staff())
    assert client.get(reverse("admin:outbox_jobrun_changelist")).status_code == 403


def test_a_job_that_ran_well_reads_ok_in_the_admin(client, clock):
    jobs_run_due(jobs=[Job(name="tests.fine", cadence=HOUR, run=Counter())])
    client.force_login(make_user(is_superuser=True))
    page = client.get(reverse("admin:outbox_jobrun_changelist")).content.decode()
    assert '<td class="field-result">OK</td>' in page


def test_a_run_that_outlasts_its_cadence_is_not_started_beside_itself(clock):
    rounds_meanwhile = []

    def slow():
        clock.shift(timedelta(minutes=3))  # three cadences pass while it runs
        rounds_meanwhile.append(jobs_run_due(jobs=[job]))  # another worker

    job = Job(name="tests.slow", cadence=timedelta(minutes=1), run=slow)
    assert jobs_run_due(jobs=[job]) == {"tests.slow": True}
    assert rounds_meanwhile == [{}]
    run = JobRun.objects.get()
    assert run.finished_at >= run.started_at


def test_a_run_whose_worker_was_killed_starts_again_after_its_lease(clock):
    from outbox.jobs import JOB_LEASE

    job, work = counted(cadence=timedelta(minutes=1))
    JobRun.objects.create(name=job.name, due_at=START, started_at=START)  # never ended
    clock.shift(JOB_LEASE - timedelta(minutes=1))
    assert jobs_run_due(jobs=[job]) == {}
    clock.shift(timedelta(minutes=2))
    assert jobs_run_due(jobs=[job]) == {"tests.count": True}
    assert work.runs == 1


def test_a_failed_daily_job_is_tried_again_within_the_hour(clock):
    calls = []

    def fails_once():
        calls.append(timezone.now())
        if len(calls) == 1:
            raise DatabaseError("lock timeout")

    job = Job(name="tests.daily", cadence=timedelta(days=1), run=fails_once)
    assert jobs_run_due(jobs=[job]) == {"tests.daily": False}
    clock.shift(HOUR)
    assert jobs_run_due(jobs=[job]) == {"tests.daily": True}
    assert JobRun.objects.get().due_at == START + HOUR + timedelta(days=1)


def test_run_worker_once_sends_even_when_the_jobs_cannot_be_read(
    clock, monkeypatch, capsys, caplog
):
    def broken():
        raise DatabaseError("Jane Roe's row could not be read")

    queue_hourly()
    monkeypatch.setattr(run_worker, "site_jobs", broken)
    call_command("run_worker", "--once")
    assert capsys.readouterr().out.splitlines()[-1] == "Outbox: 1 sent, 0 failed."
    assert "run_jobs" in caplog.text and "DatabaseError" in caplog.text
    assert "Jane" not in caplog.text
