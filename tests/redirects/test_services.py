"""The redirect rules (redirects/services.py): one hop, no circles, moves back."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from redirects.models import Redirect
from redirects.services import (
    redirect_create,
    redirect_path_moved,
    redirect_update,
    redirect_validate,
)

pytestmark = pytest.mark.django_db


def stored():
    return dict(Redirect.objects.values_list("old_path", "new_path"))


def error_code(error, field="new_path"):
    return error.value.error_dict[field][0].code


def test_three_renames_lead_every_old_address_straight_to_the_last():
    """a→b, b→c, c→d: a, b and c each lead to d in one hop."""
    redirect_path_moved(old_path="/articles/a/", new_path="/articles/b/")
    redirect_path_moved(old_path="/articles/b/", new_path="/articles/c/")
    redirect_path_moved(old_path="/articles/c/", new_path="/articles/d/")
    assert stored() == {
        "/articles/a/": "/articles/d/",
        "/articles/b/": "/articles/d/",
        "/articles/c/": "/articles/d/",
    }


def test_moving_back_makes_the_old_address_live_again():
    """a→b then b→a: a shows its page again, b leads to a, no circle."""
    redirect_path_moved(old_path="/articles/a/", new_path="/articles/b/")
    redirect_path_moved(old_path="/articles/b/", new_path="/articles/a/")
    assert stored() == {"/articles/b/": "/articles/a/"}
    redirect_path_moved(old_path="/articles/a/", new_path="/articles/b/")
    assert stored() == {"/articles/a/": "/articles/b/"}


def test_moving_back_two_steps_keeps_one_hop():
    """a→b, b→c, c→a: b and c lead to a, which is live."""
    for old, new in [("/a/", "/b/"), ("/b/", "/c/"), ("/c/", "/a/")]:
        redirect_path_moved(old_path=old, new_path=new)
    assert stored() == {"/b/": "/a/", "/c/": "/a/"}


def test_moving_to_the_same_address_changes_nothing():
    assert redirect_path_moved(old_path="/a/", new_path="/a/") is None
    assert redirect_path_moved(old_path="/a/", new_path="/a") is None
    assert not Redirect.objects.exists()


def test_moved_redirect_says_why_it_exists():
    redirect = redirect_path_moved(old_path="/a/", new_path="/b/")
    assert redirect.note


def test_new_redirect_to_an_address_that_redirects_goes_one_hop_further():
    """A→B while B→C exists stores A→C."""
    redirect_create(old_path="/b/", new_path="/c/")
    redirect = redirect_create(old_path="/a/", new_path="/b/")
    assert redirect.new_path == "/c/"
    assert stored() == {"/a/": "/c/", "/b/": "/c/"}


def test_redirect_from_a_target_rewrites_those_leading_to_it():
    """B→C added while X→B exists: X now leads to C."""
    redirect_create(old_path="/x/", new_path="/b/")
    redirect_create(old_path="/b", new_path="/c/")  # same address without "/"
    assert stored() == {"/x/": "/c/", "/b": "/c/"}


def test_redirect_to_itself_is_refused():
    with pytest.raises(ValidationError) as error:
        redirect_create(old_path="/a/", new_path="/a/")
    assert error_code(error) == "self_redirect"
    with pytest.raises(ValidationError) as error:
        redirect_create(old_path="/a/", new_path="/a")
    assert error_code(error) == "self_redirect"
    assert not Redirect.objects.exists()


def test_circle_is_refused():
    """B→A while A→B exists would send visitors round for ever."""
    redirect_create(old_path="/a/", new_path="/b/")
    with pytest.raises(ValidationError) as error:
        redirect_create(old_path="/b/", new_path="/a/")
    assert error_code(error) == "loop"
    assert "/a/ already leads back to /b/" in error.value.messages[0]
    assert stored() == {"/a/": "/b/"}


def test_longer_circle_stored_before_the_rules_is_still_caught():
    """Redirects written around the services (a shell, an old import) cannot
    hide a circle."""
    Redirect.objects.create(old_path="/b/", new_path="/c/")
    Redirect.objects.create(old_path="/c/", new_path="/a/")
    with pytest.raises(ValidationError) as error:
        redirect_create(old_path="/a/", new_path="/b/")
    assert error_code(error) == "loop"


def test_creating_the_same_redirect_twice_creates_nothing_new():
    first = redirect_create(old_path="/?p=12", new_path="/articles/x/")
    again = redirect_create(old_path=" /?p=12 ", new_path="/articles/x/")
    assert again.pk == first.pk
    assert Redirect.objects.count() == 1


def test_second_redirect_from_the_same_address_is_refused():
    redirect_create(old_path="/a/", new_path="/b/")
    with pytest.raises(ValidationError) as error:
        redirect_create(old_path="/a/", new_path="/c/")
    assert error_code(error, "old_path") == "exists"


def test_changing_a_redirect_keeps_the_rules():
    redirect_create(old_path="/c/", new_path="/d/")
    redirect = redirect_create(old_path="/a/", new_path="/b/")
    redirect_update(redirect=redirect, old_path="/a/", new_path="/c/")
    assert stored() == {"/a/": "/d/", "/c/": "/d/"}
    with pytest.raises(ValidationError) as error:
        redirect_update(redirect=redirect, old_path="/d/", new_path="/a/")
    assert error_code(error) == "loop"
    with pytest.raises(ValidationError) as error:
        redirect_update(redirect=redirect, old_path="/c/", new_path="/e/")
    assert error_code(error, "old_path") == "exists"


def test_malformed_addresses_are_refused_per_field():
    with pytest.raises(ValidationError) as error:
        redirect_validate(old_path="//evil.example/", new_path="http://x")
    assert error_code(error, "old_path") == "other_site"
    assert error_code(error, "new_path") == "not_site_relative"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the table lock is PostgreSQL's"
)
@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_once_cannot_build_a_circle():
    """A→B and B→A saved at the same moment: the second waits for the first and
    is refused."""
    first_saved, outcome = threading.Event(), {}

    def second_editor():
        first_saved.wait()
        try:
            redirect_create(old_path="/b/", new_path="/a/")
        except ValidationError as error:
            outcome["code"] = error.error_dict["new_path"][0].code
        finally:
            connection.close()

    other = threading.Thread(target=second_editor)
    other.start()
    with transaction.atomic():
        redirect_create(old_path="/a/", new_path="/b/")
        first_saved.set()
        other.join(timeout=0.5)
        assert other.is_alive(), "the second editor waits for the first"
    other.join(timeout=10)
    assert outcome == {"code": "loop"}
    assert stored() == {"/a/": "/b/"}
