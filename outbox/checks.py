from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, register

from clinic.hooks import site_jobs


@register()
def job_names_are_unique(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """Each periodic job's name keys its runs (outbox.JobRun): two jobs with one
    name would share them, and one of the two would never run."""
    names = Counter(job.name for job in site_jobs())
    return [
        Error(
            f"Two periodic jobs are named {name!r}.",
            hint="Give each job its own name in its app's periodic_jobs().",
            id="outbox.E001",
        )
        for name, count in names.items()
        if count > 1
    ]
