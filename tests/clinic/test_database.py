"""Kept PostgreSQL connections and Django's health check (CONN_HEALTH_CHECKS)."""

import select

import pytest
from django.db import close_old_connections, connection, connections

from leads.models import Lead
from tests.factories import make_post
from tests.leads.test_views import CONTACT, valid_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="ends a PostgreSQL session"
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


def end_session_from_the_server(pid):
    """What a restart, a failover or pg_terminate_backend does to a kept connection."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    select.select([connection.connection.fileno()], [], [], 5)


def start_request():
    """What Django does when a request starts (the test client skips it)."""
    close_old_connections()


def test_site_uses_djangos_own_backend_with_health_checks_and_keepalives():
    """Production and tests run Django's PostgreSQL backend, health checks on."""
    assert connection.settings_dict["ENGINE"] == "django.db.backends.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    assert connection.settings_dict["OPTIONS"]["keepalives"] == 1


def test_healthy_connection_is_kept():
    pid = kept_connection_pid()
    start_request()
    assert backend_pid() == pid


def test_connection_ended_by_the_server_is_replaced_before_use():
    """A failover or restart ends the session: the next request reconnects
    instead of failing with a 500."""
    pid = kept_connection_pid()
    end_session_from_the_server(pid)
    start_request()
    assert backend_pid() != pid


@pytest.mark.parametrize("from_article", [False, True], ids=["contact", "article"])
def test_submission_on_a_connection_the_server_ended_is_stored(client, from_article):
    """A patient who presses Send just after a database restart gets the
    thank-you and their lead is stored, from /contact/ and from an article
    (whose form looks the article up first)."""
    post = make_post("Morning heel pain")
    data = valid_data(article=post.slug if from_article else "")
    pid = kept_connection_pid()
    end_session_from_the_server(pid)
    start_request()
    response = client.post(CONTACT, data)
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.name == "Jamie Rivera"
    assert (lead.article == post) is from_article
    assert backend_pid() != pid
