import pytest

from leads.models import Lead
from leads.selectors import (
    front_desk_users,
    lead_duplicates,
    lead_sources_recent,
    leads_with_phone,
    phone_to_e164,
)
from tests.factories import make_editor, make_front_desk, make_lead, make_user


@pytest.mark.parametrize(
    "typed", ["(201) 555-0199", "201.555.0199", "+1 201 555 0199", "2015550199"]
)
def test_a_phone_number_reads_the_same_however_it_is_typed(typed):
    """Every usual way of typing one number gives its E.164 form."""
    assert phone_to_e164(typed) == "+12015550199"


@pytest.mark.parametrize("typed", ["2024-11-25", "555-01", "Morgan", "201 555 0199x"])
def test_dates_words_and_partial_numbers_are_not_phone_numbers(typed):
    """Text that is not a whole, valid phone number is searched as text."""
    assert phone_to_e164(typed) is None


@pytest.mark.django_db
def test_phone_search_finds_only_that_number():
    """The leads with that number, or None when the text is no phone number."""
    match = make_lead(phone="+12015550199")
    make_lead(phone="+12015550100")
    assert list(leads_with_phone(Lead.objects.all(), "(201) 555-0199")) == [match]
    assert leads_with_phone(Lead.objects.all(), "Morgan") is None


@pytest.mark.django_db
def test_duplicates_share_a_phone_or_an_email_in_any_case():
    """Same phone or same e-mail (any letter case); never the lead itself."""
    lead = make_lead(phone="+12015550111", email="a@example.test")
    same_phone = make_lead(phone="+12015550111", email="b@example.test")
    same_email = make_lead(phone="+12015550122", email="A@example.test")
    make_lead(phone="+12015550999", email="z@example.test")
    assert {o.pk for o in lead_duplicates(lead)} == {same_phone.pk, same_email.pk}
    assert lead_duplicates(make_lead(phone="", email="")) == []


@pytest.mark.django_db
def test_front_desk_users_are_active_front_desk_plus_the_one_asked_for():
    """Editors and inactive users are left out unless named (a current owner)."""
    desk = make_front_desk("desk")
    gone = make_front_desk("gone")
    gone.is_active = False
    gone.save()
    editor = make_editor("editor")
    boss = make_user("boss", is_superuser=True)
    assert list(front_desk_users()) == [desk]
    assert list(front_desk_users(including=boss.pk)) == [boss, desk]
    assert editor not in front_desk_users(including=boss.pk)


@pytest.mark.django_db
def test_recent_sources_come_from_the_latest_leads_only():
    """A source only older leads used is not offered; direct visits are not a
    source."""
    make_lead(utm_source="old-newsletter")
    make_lead(utm_source="google")
    make_lead(utm_source="bing")
    make_lead(utm_source="")
    assert lead_sources_recent(among=3) == ["bing", "google"]
    assert lead_sources_recent() == ["bing", "google", "old-newsletter"]
