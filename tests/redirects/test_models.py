"""What a stored address is: one form for each address, unsafe ones refused."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from redirects.models import Redirect
from redirects.paths import MAX_LENGTH, address_variants, normalise_path

pytestmark = pytest.mark.django_db


def code_of(value, *, query_allowed=True):
    with pytest.raises(ValidationError) as caught:
        normalise_path(value, query_allowed=query_allowed)
    return caught.value.code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  /articles/sciatica/  ", "/articles/sciatica/"),
        ("/caf%C3%A9/", "/café/"),
        ("/café/", "/café/"),
        ("/?p=123", "/?p=123"),
        ("/index.php?p=12&lang=en", "/index.php?p=12&lang=en"),
        ("/search/?s=café au lait", "/search/?s=caf%C3%A9%20au%20lait"),
        ("/what%3F/", "/what%3F/"),
        ("/100%25-sure/", "/100%25-sure/"),
        ("/articles/x/?", "/articles/x/"),
    ],
)
def test_an_address_is_stored_in_one_form(typed, stored):
    """However an editor pastes an address, it is stored the way requests
    arrive, and storing it again changes nothing."""
    assert normalise_path(typed, query_allowed=True) == stored
    assert normalise_path(stored, query_allowed=True) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("articles/sciatica/", "not_site_relative"),
        ("http://x", "not_site_relative"),
        ("https://evil.example/articles/", "not_site_relative"),
        ("javascript:alert(1)", "not_site_relative"),
        ("//evil.example/", "other_site"),
        ("/%2Fevil.example/", "other_site"),
        ("/\\evil.example/", "backslash"),
        ("/%5Cevil.example/", "backslash"),
        ("/a\nb/", "control_characters"),
        ("/a%0D%0ALocation:%20x/", "control_characters"),
        ("/a\x00/", "control_characters"),
        ("/a%00/", "control_characters"),
        ("/a\u200bb/", "control_characters"),
        ("/a\u202eb/", "control_characters"),
        ("/article/#section", "fragment"),
        ("/caf%E9/", "bad_encoding"),
    ],
)
def test_unsafe_or_malformed_address_is_refused_with_a_reason(typed, code):
    """Each refusal carries a code the form turns into a clear message."""
    assert code_of(typed) == code


def test_new_address_may_not_carry_a_query_string():
    """A new address is a page, so the one-hop rule holds for it."""
    assert code_of("/articles/x/?ref=1", query_allowed=False) == "query_not_allowed"


def test_slash_at_the_end_gives_the_other_form_of_an_address():
    assert address_variants("/a/b/") == ["/a/b/", "/a/b"]
    assert address_variants("/a/b?p=1") == ["/a/b?p=1", "/a/b/?p=1"]
    assert address_variants("/?p=1") == ["/?p=1"]


@given(st.one_of(st.text(max_size=60), st.text(max_size=60).map(lambda t: f"/{t}")))
def test_any_text_is_stored_safely_or_refused(text):
    """Nothing stored can lead off the site or carry hidden characters."""
    try:
        stored = normalise_path(text, query_allowed=True)
    except ValidationError as error:
        assert error.code
        return
    assert stored.startswith("/") and not stored.startswith("//")
    assert "\\" not in stored and "#" not in stored
    assert all(char.isprintable() or char == " " for char in stored)
    assert normalise_path(stored, query_allowed=True) == stored


def test_saving_stores_the_normalised_addresses():
    """Code that skips the form still stores what lookups expect."""
    redirect = Redirect.objects.create(old_path=" /caf%C3%A9 ", new_path="/cafe/ ")
    redirect.refresh_from_db()
    assert (redirect.old_path, redirect.new_path) == ("/café", "/cafe/")


def test_full_clean_names_the_field_that_is_wrong():
    redirect = Redirect(old_path="//evil.example/", new_path="/x/" * MAX_LENGTH)
    with pytest.raises(ValidationError) as caught:
        redirect.full_clean()
    assert caught.value.error_dict["old_path"][0].code == "other_site"
    assert caught.value.error_dict["new_path"][0].code == "max_length"


def test_redirect_to_the_same_address_is_refused_by_full_clean():
    with pytest.raises(ValidationError) as caught:
        Redirect(old_path="/a/", new_path="/a").full_clean()
    assert caught.value.error_dict["new_path"][0].code == "self_redirect"
