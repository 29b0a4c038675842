"""Editors manage redirects in the admin; mistakes come back as form errors."""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redirects.forms import RedirectAdminForm
from redirects.models import Redirect
from redirects.services import redirect_create
from tests.factories import make_editor, make_front_desk, make_user

pytestmark = pytest.mark.django_db

ADD = "admin:redirects_redirect_add"
CHANGELIST = "admin:redirects_redirect_changelist"
# Any text, and text after a "/" (so that many examples get as far as saving).
ADDRESSES = st.one_of(
    st.text(max_size=80), st.text(max_size=80).map(lambda text: f"/{text}")
)


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor("elena"))
    return client


def add(client, old_path, new_path, note=""):
    data = {"old_path": old_path, "new_path": new_path, "note": note}
    return client.post(reverse(ADD), data, follow=True)


def form_errors(response):
    return response.context["adminform"].form.errors


def test_editor_sees_redirects_in_the_admin(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse(CHANGELIST) in html


def test_editor_adds_changes_and_deletes_a_redirect(editor_client):
    response = add(editor_client, " /?p=12 ", "/articles/sciatica/", "WordPress")
    assert response.status_code == 200
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.new_path) == ("/?p=12", "/articles/sciatica/")

    change = reverse("admin:redirects_redirect_change", args=[redirect.pk])
    data = {"old_path": "/?p=12", "new_path": "/articles/back-pain/", "note": ""}
    assert editor_client.post(change, data).status_code == 302
    redirect.refresh_from_db()
    assert redirect.new_path == "/articles/back-pain/"

    delete = reverse("admin:redirects_redirect_delete", args=[redirect.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Redirect.objects.exists()


def test_list_shows_recent_redirects_and_finds_them(editor_client):
    redirect_create(old_path="/old-one/", new_path="/articles/one/")
    redirect_create(old_path="/?p=77", new_path="/articles/two/")
    response = editor_client.get(reverse(CHANGELIST))
    assert list(response.context["cl"].result_list.values_list("old_path")) == [
        ("/?p=77",),
        ("/old-one/",),
    ]
    found = editor_client.get(reverse(CHANGELIST), {"q": "/?p=77"})
    assert [r.old_path for r in found.context["cl"].result_list] == ["/?p=77"]


def test_redirect_to_an_address_that_redirects_says_where_it_leads(editor_client):
    """A→B while B→C exists: stored A→C, and the editor is told why."""
    redirect_create(old_path="/b/", new_path="/c/")
    response = add(editor_client, "/a/", "/b/")
    assert Redirect.objects.get(old_path="/a/").new_path == "/c/"
    assert "/a/ now leads straight to /c/" in response.content.decode()


def test_circle_is_refused_with_a_message(editor_client):
    redirect_create(old_path="/a/", new_path="/b/")
    response = add(editor_client, "/b/", "/a/")
    assert response.status_code == 200
    assert form_errors(response)["new_path"][0].startswith(
        "/a/ already leads back to /b/"
    )
    assert Redirect.objects.count() == 1


def test_redirect_to_itself_is_refused_with_a_message(editor_client):
    response = add(editor_client, "/a/", "/a")
    assert (
        "visitors would be sent round in a circle"
        in form_errors(response)["new_path"][0]
    )
    assert not Redirect.objects.exists()


def test_changing_a_redirect_into_a_circle_is_refused(editor_client):
    redirect_create(old_path="/a/", new_path="/b/")
    redirect = redirect_create(old_path="/c/", new_path="/d/")
    change = reverse("admin:redirects_redirect_change", args=[redirect.pk])
    data = {"old_path": "/b/", "new_path": "/a/", "note": ""}
    response = editor_client.post(change, data)
    assert response.status_code == 200
    assert "already leads back" in form_errors(response)["new_path"][0]


def test_second_redirect_from_the_same_address_is_refused(editor_client):
    redirect_create(old_path="/a/", new_path="/b/")
    response = add(editor_client, " /a/", "/c/")
    assert (
        "a redirect from this address already" in form_errors(response)["old_path"][0]
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("new_path", "//evil.example/", "leads to another site"),
        ("new_path", "http://x", "not a full URL"),
        ("new_path", "https://evil.example/a/", "not a full URL"),
        ("new_path", "/\\evil.example", "never contain"),
        ("new_path", "/a/?next=x", "without “?…”"),
        ("old_path", "/a\u202e/", "invisible characters"),
        ("old_path", "/a\x07b/", "invisible characters"),
        ("old_path", "/a%0d%0aSet-Cookie:x/", "invisible characters"),
        ("old_path", "/" + "a" * 5000, "at most 500 characters"),
        ("old_path", "/?" + "é" * 450, "at most 500 characters"),
    ],
)
def test_hostile_address_gets_a_form_error_not_a_500(
    editor_client, field, value, message
):
    values = {"old_path": "/old/", "new_path": "/new/", field: value}
    response = add(editor_client, **values)
    assert response.status_code == 200
    assert message in " ".join(form_errors(response)[field])
    assert not Redirect.objects.exists()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(old_path=ADDRESSES, new_path=ADDRESSES)
def test_any_text_is_saved_or_explained(old_path, new_path):
    """Whatever is typed, the form either saves a safe redirect or names the
    problem; the database never refuses what the form let through."""
    form = RedirectAdminForm({"old_path": old_path, "new_path": new_path})
    if not form.is_valid():
        assert form.errors
        return
    with transaction.atomic():
        redirect = redirect_create(**form.cleaned_data)
        assert redirect.old_path.startswith("/") and redirect.new_path[:2] != "//"
        transaction.set_rollback(True)


def test_hostile_addresses_through_the_admin_never_fail(editor_client):
    """A sample of odd input straight through the admin page."""
    for value in ["\x00", "/\x00", "/%00", "/%ed%a0%80", "/%ff", "\\\\x", " ", "/#"]:
        response = add(editor_client, value, "/new/")
        assert response.status_code == 200
        assert form_errors(response)["old_path"]


@pytest.mark.parametrize("user", [make_front_desk, make_user])
def test_staff_without_the_permission_get_403(client, user):
    """The front desk (and staff with no role) cannot see or change redirects."""
    redirect = Redirect.objects.create(old_path="/a/", new_path="/b/")
    client.force_login(user())
    for url in [
        reverse(CHANGELIST),
        reverse(ADD),
        reverse("admin:redirects_redirect_change", args=[redirect.pk]),
        reverse("admin:redirects_redirect_delete", args=[redirect.pk]),
        reverse("admin:app_list", args=["redirects"]),
    ]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse(ADD), {"old_path": "/x/", "new_path": "/y/"}).status_code
        == 403
    )
    assert Redirect.objects.count() == 1


def test_only_editors_are_given_redirects():
    assert set(
        Permission.objects.filter(
            content_type__app_label="redirects", group__name="Editors"
        ).values_list("codename", flat=True)
    ) == {"add_redirect", "change_redirect", "delete_redirect", "view_redirect"}
    assert not Permission.objects.filter(
        content_type__app_label="redirects", group__name="Front desk"
    ).exists()


def test_anonymous_visitor_is_sent_to_sign_in():
    response = Client().get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
