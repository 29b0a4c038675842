"""The retention purge is one of the worker's jobs: it runs once a day without a
cron of its own (and `purge_old_leads` still runs it by hand)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from leads.models import Lead
from outbox.models import JobRun
from tests.factories import make_lead
from tests.leads.test_retention import age

pytestmark = pytest.mark.django_db


def test_the_worker_purges_old_leads_once_a_day(time_machine):
    time_machine.move_to(datetime(2027, 1, 4, 3, 0, tzinfo=UTC), tick=False)
    keep = make_lead()
    first = make_lead()
    age(first, 800)
    call_command("run_worker", "--once")
    assert list(Lead.objects.values_list("pk", flat=True)) == [keep.pk]
    run = JobRun.objects.get(name="leads.purge_expired")
    assert not run.error and run.due_at == datetime(2027, 1, 5, 3, 0, tzinfo=UTC)

    second = make_lead()
    age(second, 800)
    time_machine.shift(timedelta(hours=23, minutes=59))
    call_command("run_worker", "--once")
    assert Lead.objects.filter(pk=second.pk).exists()  # not twice a day
    time_machine.shift(timedelta(minutes=1))
    call_command("run_worker", "--once")
    assert not Lead.objects.filter(pk=second.pk).exists()
    assert Lead.objects.filter(pk=keep.pk).exists()
