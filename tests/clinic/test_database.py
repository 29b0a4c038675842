"""The PostgreSQL backend's health check (clinic.postgres)."""

import select
from unittest import mock

import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's own backend"
    ),
]


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def kept_connection_pid():
    """The backend of a connection kept between requests (DB_CONN_MAX_AGE; the
    test settings otherwise close it after each)."""
    pid = backend_pid()
    connection.close_at = None
    return pid


def start_request():
    """What Django does when a request starts (with connection health checks on)."""
    connection.close_if_unusable_or_obsolete()


def test_site_uses_the_socket_checking_backend_with_keepalives():
    """Production and tests run the same backend, health checks and keepalives on."""
    assert connection.settings_dict["ENGINE"] == "clinic.postgres"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    assert connection.settings_dict["OPTIONS"]["keepalives"] == 1


def test_healthy_connection_is_kept_without_asking_the_server():
    """A kept connection that is fine is reused, and checking it sends nothing."""
    pid = kept_connection_pid()
    start_request()
    with mock.patch.object(
        type(connections["default"]), "is_usable", side_effect=AssertionError
    ):
        assert backend_pid() == pid


def test_connection_ended_by_the_server_is_replaced_before_use():
    """A failover or restart ends the session: the next request reconnects
    instead of failing with a 500."""
    pid = kept_connection_pid()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    # Until the server's goodbye has arrived (it is sent at once).
    select.select([connection.connection.fileno()], [], [], 5)
    start_request()
    assert backend_pid() != pid
