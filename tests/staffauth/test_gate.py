"""Who must pass a second factor before the admin shows anything."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from leads.models import AuditEntry
from tests.factories import (
    PASSWORD,
    make_editor,
    make_front_desk,
    make_lead,
    make_marketing,
    make_user,
)
from tests.security.test_admin_walk import admin_urls, shows_lead_data
from tests.staffauth.conftest import (
    SETUP,
    VERIFY,
    code_now,
    set_up_authenticator,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return make_lead(name="Zephyrine Quillfeather", email="zephyrine@example.test")


def lead_urls(lead):
    changelist = reverse("admin:leads_lead_changelist")
    return [
        reverse("admin:index"),  # the front desk's dashboard
        changelist,
        changelist + "?status__exact=new",
        reverse("admin:leads_lead_change", args=[lead.pk]),
        reverse("admin:leads_lead_history", args=[lead.pk]),
        reverse("admin:leads_auditentry_changelist"),
    ]


def export(client, lead):
    return client.post(
        reverse("admin:leads_lead_changelist"),
        {"action": "export_csv", "_selected_action": [lead.pk]},
    )


def test_front_desk_with_only_a_password_reaches_no_lead_url(client, mfa_on, lead):
    """Every lead URL sends them to set up a second factor, and shows nothing."""
    user = make_front_desk()
    assert sign_in(client, user).status_code == 302
    for url in lead_urls(lead):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse(SETUP)), url
    response = export(client, lead)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(SETUP))
    assert not AuditEntry.objects.exists()  # nothing was shown


def test_no_admin_url_shows_lead_data_before_the_second_factor(client, mfa_on, lead):
    """The whole admin, walked: only signing out and the set-up stay open."""
    client.force_login(make_front_desk())
    client.raise_request_exception = False
    for url in admin_urls(lead):
        response = client.get(url)
        assert not shows_lead_data(response), url
        if url not in (reverse("admin:login"), reverse("admin:logout")):
            assert response.status_code == 302, url
    assert not AuditEntry.objects.exists()


def test_after_setting_up_an_authenticator_the_lead_pages_open(client, mfa_on, lead):
    user = make_front_desk()
    sign_in(client, user)
    set_up_authenticator(client, user)
    for url in lead_urls(lead)[:-1]:  # the audit log is for superusers
        assert client.get(url).status_code == 200, url
    response = export(client, lead)
    assert response.status_code == 200
    assert "Quillfeather" in b"".join(response.streaming_content).decode()


def test_superusers_and_lead_viewers_are_asked_too(client, mfa_on, lead):
    admin_user = make_user(is_superuser=True)
    sign_in(client, admin_user)
    response = client.get(reverse("admin:leads_lead_changelist"))
    assert response["Location"].startswith(reverse(SETUP))


def test_the_sign_in_goes_on_to_where_the_person_was_going(client, mfa_on, lead):
    user = make_front_desk()
    change = reverse("admin:leads_lead_change", args=[lead.pk])
    client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD},
        QUERY_STRING=f"next={change}",
    )
    response = client.get(change)
    assert response["Location"] == f"{reverse(SETUP)}?{urlencode({'next': change})}"
    client.get(response["Location"])
    device = TOTPDevice.objects.get(user=user)
    response = client.post(response["Location"], {"code": code_now(device)})
    assert response.status_code == 303
    response = client.get(response["Location"])  # the recovery codes, once
    assert response.context["next"] == change


def test_editors_are_not_asked_for_a_second_factor(client, mfa_on):
    client.force_login(make_editor())
    assert client.get(reverse("admin:articles_post_changelist")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_the_setting_off_a_password_is_enough(client, settings, lead):
    """Development default (DEBUG on): the demo logins work straight away."""
    assert settings.STAFF_MFA_REQUIRED is False
    client.force_login(make_front_desk())
    for url in lead_urls(lead)[:-1]:
        assert client.get(url).status_code == 200, url


def test_setup_shows_the_qr_code_inline_from_this_server(client, mfa_on):
    user = make_front_desk()
    client.force_login(user)
    response = client.get(reverse(SETUP))
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert re.search(r"<svg[^>]*>\s*<title>QR code", html)
    assert "<img" not in html
    assert "otpauth" not in html  # drawn here, not linked anywhere
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # no other origin
    key = response.context["key"].replace(" ", "")
    assert key in html.replace(" ", "")
    assert response["Cache-Control"].startswith("max-age=0")
    # Reloading keeps the same secret until it is confirmed.
    client.get(reverse(SETUP))
    assert TOTPDevice.objects.get(user=user).key == device.key


def test_the_code_field_is_labelled_and_its_error_tied_to_it(client, mfa_on):
    client.force_login(make_front_desk())
    client.get(reverse(SETUP))
    response = client.post(reverse(SETUP), {"code": "12345"})
    html = response.content.decode()
    assert '<label for="id_code">' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert 'aria-describedby="id_code_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_code_error"' in html
    assert "autofocus" in html
    assert "Enter the 6 digits" in html


def test_someone_with_the_password_cannot_replace_a_set_up_authenticator(
    client, mfa_on
):
    user = make_front_desk()
    client.force_login(user)
    set_up_authenticator(client, user)
    client.logout()
    sign_in(client, user)
    response = client.get(reverse(SETUP))
    assert response["Location"].startswith(reverse(VERIFY))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_an_editor_may_set_one_up_and_is_then_asked_for_it(client, mfa_on):
    editor = make_editor()
    client.force_login(editor)
    set_up_authenticator(client, editor)
    client.logout()
    sign_in(client, editor)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse(VERIFY))


def test_who_may_download_conversions_passes_a_second_factor(client, mfa_on):
    """Conversions carry each booked lead's click id: Marketing sets up an
    authenticator app before the admin shows anything."""
    marketing = make_marketing()
    client.force_login(marketing)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(SETUP))
