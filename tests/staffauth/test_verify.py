"""The second step of each sign-in: codes, recovery codes, lockout and the log."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from staffauth.models import SignInEvent
from tests.factories import PASSWORD, make_front_desk, make_user
from tests.staffauth.conftest import (
    VERIFY,
    code_now,
    set_up_authenticator,
    sign_in,
)

pytestmark = pytest.mark.django_db
What = SignInEvent.What
LEADS = "admin:leads_lead_changelist"


@pytest.fixture
def desk(client, mfa_on, clock):
    """A front-desk user with an authenticator, signed in again with a password."""
    user = make_front_desk()
    client.force_login(user)
    device, codes = set_up_authenticator(client, user)
    client.logout()
    clock.shift(60)  # the next code: a code is accepted once only
    sign_in(client, user)
    client.user, client.device, client.codes = user, device, codes
    return client


def enter(client, code, recovery=False):
    url = reverse("staffauth:recovery" if recovery else VERIFY)
    return client.post(url, {"code": code, "next": reverse(LEADS)})


def events(user, what):
    return SignInEvent.objects.filter(user=user, what=what)


def test_a_new_sign_in_asks_for_a_code_then_opens_the_leads(desk):
    response = desk.get(reverse(LEADS))
    assert response["Location"].startswith(reverse(VERIFY))
    response = enter(desk, code_now(desk.device))
    assert response.status_code == 303
    assert response["Location"] == reverse(LEADS)
    assert desk.get(reverse(LEADS)).status_code == 200
    assert events(desk.user, What.SECOND_FACTOR_OK).count() == 1


def test_a_code_is_accepted_once(desk):
    code = code_now(desk.device)
    enter(desk, code)
    desk.logout()
    sign_in(desk, desk.user)
    response = enter(desk, code)
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()


def test_signing_out_ends_the_verified_session(desk):
    enter(desk, code_now(desk.device))
    desk.post(reverse("admin:logout"))
    sign_in(desk, desk.user)
    assert desk.get(reverse(LEADS))["Location"].startswith(reverse(VERIFY))


def test_a_wrong_code_is_logged_and_counts_towards_the_lockout(desk, settings, clock):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        response = enter(desk, "000000")
        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.content.decode()
        clock.shift(20)  # past django-otp's short wait between wrong codes
    assert events(desk.user, What.SECOND_FACTOR_FAILED).count() == 2

    response = enter(desk, "000000")
    assert response.status_code == 403
    assert "too many wrong codes" in response.content.decode()
    assert events(desk.user, What.LOCKED_OUT).count() == 1
    assert "_auth_user_id" not in desk.session  # signed out

    # A right password and then the right code do not get in for an hour.
    clock.shift(60)
    sign_in(desk, desk.user)
    assert enter(desk, code_now(desk.device)).status_code == 403
    sign_in(desk, desk.user)
    assert desk.get(reverse(VERIFY)).status_code == 403

    clock.shift(3600)
    sign_in(desk, desk.user)
    assert enter(desk, code_now(desk.device)).status_code == 303
    assert desk.get(reverse(LEADS)).status_code == 200


def test_a_right_password_does_not_reset_the_count_of_wrong_codes(
    desk, settings, clock
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        enter(desk, "000000")
        clock.shift(20)
        desk.logout()
        sign_in(desk, desk.user)
    assert enter(desk, "000000").status_code == 403


def test_a_quick_retry_is_asked_to_wait_and_not_counted(desk):
    enter(desk, "000000")
    response = enter(desk, code_now(desk.device))  # within django-otp's wait
    assert "wait a few seconds" in response.content.decode()
    assert events(desk.user, What.SECOND_FACTOR_FAILED).count() == 1


def test_a_recovery_code_works_once(desk):
    code = desk.codes[0]
    assert len(desk.codes) == 10
    response = enter(desk, code.upper(), recovery=True)
    assert response.status_code == 303
    assert desk.get(reverse(LEADS)).status_code == 200
    used = events(desk.user, What.RECOVERY_CODE_USED).get()
    assert used.detail == "9 recovery codes left"
    assert not StaticToken.objects.filter(token=code).exists()

    desk.logout()
    sign_in(desk, desk.user)
    response = enter(desk, code, recovery=True)
    assert response.status_code == 200
    assert "used already" in response.content.decode()
    failed = events(desk.user, What.SECOND_FACTOR_FAILED).get()
    assert failed.detail == "recovery code"


def test_recovery_codes_are_shown_once(client, mfa_on):
    user = make_front_desk()
    client.force_login(user)
    _device, codes = set_up_authenticator(client, user)
    assert len(set(codes)) == 10
    response = client.get(reverse("staffauth:recovery-codes"))
    assert response.status_code == 302
    assert codes[0] not in client.get(response["Location"]).content.decode()


def test_every_sign_in_step_is_in_the_log(client, mfa_on, clock):
    user = make_front_desk()
    client.post(reverse("admin:login"), {"username": user.username, "password": "x"})
    client.post(reverse("admin:login"), {"username": "nobody", "password": "x"})
    sign_in(client, user)
    set_up_authenticator(client, user)
    client.post(reverse("admin:logout"))
    logged = list(
        SignInEvent.objects.order_by("pk").values_list("username", "what", "user")
    )
    assert logged == [
        (user.username, What.PASSWORD_FAILED, user.pk),
        ("nobody", What.PASSWORD_FAILED, None),
        (user.username, What.SIGNED_IN, user.pk),
        (user.username, What.SECOND_FACTOR_SET_UP, user.pk),
        (user.username, What.SIGNED_OUT, user.pk),
    ]
    assert SignInEvent.objects.filter(ip_address="127.0.0.1").count() == 5


def test_password_lockout_is_in_the_log(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = make_front_desk()
    for _ in range(2):
        client.post(
            reverse("admin:login"), {"username": user.username, "password": "x"}
        )
    assert SignInEvent.objects.filter(what=What.LOCKED_OUT).count() == 1
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (403, 429)


def test_the_sign_in_log_is_for_superusers_only_and_read_only(client, mfa_on, clock):
    client.force_login(make_front_desk())
    url = reverse("admin:staffauth_signinevent_changelist")
    assert client.get(url).status_code in (302, 403)
    superuser = make_user(is_superuser=True)
    client.force_login(superuser)
    set_up_authenticator(client, superuser)
    response = client.get(url)
    assert response.status_code == 200
    event = SignInEvent.objects.first()
    change = reverse("admin:staffauth_signinevent_change", args=[event.pk])
    assert client.post(change, {"what": What.SIGNED_OUT}).status_code == 403
    delete = reverse("admin:staffauth_signinevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    # Authenticators are listed without their secret.
    devices = client.get(reverse("admin:staffauth_authenticator_changelist"))
    assert devices.status_code == 200
    assert superuser.totpdevice_set.get().key not in devices.content.decode()
