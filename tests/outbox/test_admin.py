import pytest
from django.urls import reverse

from outbox.services import outbox_enqueue
from tests.factories import make_editor, make_front_desk, make_user

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:outbox_outboxemail_changelist")


@pytest.fixture
def email():
    (email,) = outbox_enqueue(
        {"to": ["patient@example.test"], "subject": "We received it", "body": "Body"}
    )
    return email


def test_superuser_sees_the_queue_without_recipients_or_bodies(client, email):
    """Superusers check what is waiting; an acknowledgement's address stays hidden."""
    client.force_login(make_user(is_superuser=True))
    for url in [
        CHANGELIST,
        reverse("admin:outbox_outboxemail_change", args=[email.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "We received it" in response.content.decode()
        assert "patient@example.test" not in response.content.decode()


def test_nobody_changes_the_queue_in_the_admin(client, email):
    client.force_login(make_user(is_superuser=True))
    assert client.get(reverse("admin:outbox_outboxemail_add")).status_code == 403
    delete = reverse("admin:outbox_outboxemail_delete", args=[email.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


@pytest.mark.parametrize("make_staff", [make_editor, make_front_desk])
def test_other_staff_never_see_the_outbox(client, email, make_staff):
    client.force_login(make_staff())
    assert "outbox" not in client.get(reverse("admin:index")).content.decode().lower()
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(reverse("admin:app_list", args=["outbox"])).status_code == 403
