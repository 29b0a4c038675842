"""STAFF_MFA_REQUIRED: on in production unless turned off, off in development."""

import subprocess
import sys

import pytest
from django.conf import settings

from tests.clinic.test_security import PRODUCTION_ENV, run_check


@pytest.mark.parametrize(
    ("env", "warned"),
    [
        ({}, False),
        ({"STAFF_MFA_REQUIRED": "false"}, True),
        ({"STAFF_MFA_REQUIRED": "true"}, False),
    ],
)
def test_check_deploy_warns_only_when_production_turns_it_off(env, warned):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is not part of production.
    env = {**PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE": None, **env}
    result = run_check(env, "--deploy")
    assert result.returncode == 0, result.stderr
    assert ("staffauth.W001" in result.stderr) is warned


def test_development_leaves_it_off_unless_asked():
    """`make run`'s demo logins need no second factor; STAFF_MFA_REQUIRED=true asks."""
    code = "from clinic import settings; print(settings.STAFF_MFA_REQUIRED)"
    for env, expected in [
        ({"DEBUG": "true"}, "False"),
        ({"DEBUG": "true", "STAFF_MFA_REQUIRED": "true"}, "True"),
        ({**PRODUCTION_ENV}, "True"),
    ]:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env={"PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == expected, env
