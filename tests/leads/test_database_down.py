"""A patient who presses Send while the database is down loses nothing."""

import os
import socket
import subprocess

import pytest
from django.db import OperationalError, connection, connections

from leads.models import Lead
from tests.factories import make_post, make_topic
from tests.leads.test_views import CONTACT, valid_data

pytestmark = pytest.mark.django_db(transaction=True)


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_form_came_back(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Your message was not sent yet" in html
    assert "Please try again in a minute, or call" in html
    assert 'href="tel:+12015550142"' in html
    assert 'value="Jamie Rivera"' in html
    assert "My heel hurts every morning." in html


@pytest.mark.parametrize("from_article", [False, True], ids=["contact", "article"])
def test_every_query_failing_gives_the_form_back_with_a_503(client, from_article):
    """From /contact/ or an article page (whose form looks the article up
    first), with a topic chosen: the form again, everything typed kept."""
    post = make_post("Morning heel pain")
    topic = make_topic("Plantar fasciitis")
    data = valid_data(article=post.slug if from_article else "", topic=topic.pk)
    with connection.execute_wrapper(refuse_every_query):
        response = client.post(CONTACT, data)
    assert_form_came_back(response)
    assert not Lead.objects.exists()
    # Once the database is back, sending the same form again stores it once.
    assert client.post(CONTACT, data).status_code == 303
    assert client.post(CONTACT, data).status_code == 303
    assert Lead.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL server that is gone"
)
def test_postgresql_unreachable_gives_the_form_back_with_a_503(client):
    """The server itself is gone (nothing listens where it was)."""
    db = connections["default"]
    saved = dict(db.settings_dict)
    db.close()
    db.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        client.raise_request_exception = False
        response = client.post(CONTACT, valid_data())
    finally:
        db.close()
        db.settings_dict.clear()
        db.settings_dict.update(saved)
    assert_form_came_back(response)
    assert not Lead.objects.exists()


@pytest.mark.skipif(
    not os.environ.get("TEST_POSTGRES_CTL") or connection.vendor != "postgresql",
    reason="needs the throwaway cluster of scripts/with-postgres.sh",
)
def test_postgresql_stopped_gives_the_form_back_and_then_stores_it(client):
    """PostgreSQL really stopped in the middle of the run: the patient gets the
    form back (503); once it is started again, the same form is stored once."""
    ctl = os.environ["TEST_POSTGRES_CTL"]
    data = valid_data()
    connections.close_all()
    subprocess.run([ctl, "stop"], check=True, capture_output=True)  # noqa: S603
    try:
        assert_form_came_back(client.post(CONTACT, data))
    finally:
        subprocess.run([ctl, "start"], check=True, capture_output=True)  # noqa: S603
        connections.close_all()
    assert client.post(CONTACT, data).status_code == 303
    assert client.post(CONTACT, data).status_code == 303
    assert Lead.objects.count() == 1
