"""The spend upload page and typing spend in, in the admin."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attribution.models import CampaignVisit
from campaigns import spend
from campaigns.models import AdSpend
from tests.campaigns.test_spend_import import BAD, GOOGLE, MICROSOFT
from tests.factories import make_editor, make_front_desk, make_location, make_user

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:campaigns_adspend_upload")
CHANGELIST = reverse("admin:campaigns_adspend_changelist")


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 15:00:00+00:00", tick=False)


def upload(client, text, *, source="google", location="", name="report.csv"):
    data = text if isinstance(text, bytes) else text.encode()
    return client.post(
        UPLOAD,
        {
            "file": SimpleUploadedFile(name, data, "text/csv"),
            "source": source,
            "location": location,
        },
    )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("groups, superuser", [((), True), (["Marketing"], False)])
def test_superusers_and_marketing_upload_a_file(client, groups, superuser):
    user = make_user(groups=groups, is_superuser=superuser)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 200
    response = upload(client, GOOGLE, source="Google")
    assert response.status_code == 303
    assert response["Location"] == CHANGELIST
    assert messages_of(response) == [
        "Imported 2 days of spend for source google: 4 created, 0 replaced, "
        "0 unchanged (Nov. 1, 2026 to Nov. 2, 2026). 3 blank or total rows "
        "were skipped."
    ]
    assert AdSpend.objects.filter(source="google", updated_by=user).count() == 4


def test_uploading_again_reports_what_was_replaced(client):
    client.force_login(make_user(is_superuser=True))
    upload(client, MICROSOFT, source="bing")
    response = upload(client, MICROSOFT.replace('"9.99"', '"10.99"'), source="bing")
    assert "0 created, 1 replaced, 2 unchanged" in messages_of(response)[-1]
    assert AdSpend.objects.count() == 3


def test_an_office_can_be_chosen(client):
    office = make_location("Northside")
    client.force_login(make_user(is_superuser=True))
    upload(client, MICROSOFT, source="bing", location=office.pk)
    assert set(AdSpend.objects.values_list("location", flat=True)) == {office.pk}


@pytest.mark.parametrize("make", [make_front_desk, make_editor])
def test_front_desk_and_editors_may_not_upload(client, make):
    client.force_login(make())
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, GOOGLE).status_code == 403
    assert not AdSpend.objects.exists()


def test_a_bad_file_shows_its_bad_rows_and_writes_nothing(client):
    client.force_login(make_user(groups=["Marketing"]))
    response = upload(client, BAD)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and 'href="#id_file"' in html
    assert "7 rows of the file have problems" in html
    assert "<td>12</td>" in html and "kept in USD and not converted" in html
    for line in (5, 6, 8, 9, 13, 14):
        assert f"<td>{line}</td>" in html
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert not AdSpend.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x00\x01\x02binary\xff\xfe\x00" * 100, "not a CSV text file"),
        (b"Day,Campaign,Cost\n", "no rows of spend"),
    ],
)
def test_an_unreadable_file_gets_one_message(client, data, message):
    client.force_login(make_user(is_superuser=True))
    response = upload(client, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AdSpend.objects.exists()


def test_a_file_over_the_size_cap_is_refused(client):
    client.force_login(make_user(is_superuser=True))
    rows = b"2026-11-01,A,1\n" * (spend.MAX_BYTES // 15 + 1)
    response = upload(client, b"Day,Campaign,Cost\n" + rows)
    assert response.status_code == 200
    assert "the limit is 5 MB" in response.content.decode()
    assert not AdSpend.objects.exists()


def test_a_bad_source_is_shown_at_its_field(client):
    client.force_login(make_user(is_superuser=True))
    response = upload(client, GOOGLE, source="google ads")
    assert 'href="#id_source"' in response.content.decode()
    assert not AdSpend.objects.exists()


def test_sources_already_seen_are_suggested(client):
    AdSpend.objects.create(
        day=date(2026, 11, 1), source="bing", campaign="A", cost=1, currency="USD"
    )
    CampaignVisit.objects.create(day=date(2026, 11, 1), utm_source="Facebook")
    CampaignVisit.objects.create(day=date(2026, 11, 2), utm_source="<script>")
    client.force_login(make_user(is_superuser=True))
    html = client.get(UPLOAD).content.decode()
    assert '<option value="bing">' in html and '<option value="facebook">' in html
    assert "script" not in html.split('<datalist id="spend-sources">')[1]
    assert 'list="spend-sources"' in html
    assert "All offices (not split by office)" in html


def test_the_list_links_to_the_upload_and_the_report(client):
    client.force_login(make_user(groups=["Marketing"]))
    html = client.get(CHANGELIST).content.decode()
    assert f'href="{UPLOAD}"' in html
    assert f'href="{reverse("admin:campaigns_report")}"' in html


def test_viewers_of_spend_see_no_upload_link(client):
    from django.contrib.auth.models import Permission

    user = make_user()
    user.user_permissions.set(Permission.objects.filter(codename="view_adspend"))
    client.force_login(user)
    html = client.get(CHANGELIST).content.decode()
    assert UPLOAD not in html
    assert client.get(UPLOAD).status_code == 403


def test_spend_typed_in_is_kept_in_usd_with_a_lowercase_source(client):
    user = make_user(groups=["Marketing"])
    client.force_login(user)
    add = reverse("admin:campaigns_adspend_add")
    values = {"day": "2026-11-03", "source": "Google", "campaign": "Knee ", "cost": "5"}
    response = client.post(add, {**values, "currency": "EUR"})
    assert response.status_code == 200
    assert "kept in USD and not converted" in response.content.decode()
    assert not AdSpend.objects.exists()
    response = client.post(add, {**values, "currency": "usd"})
    assert response.status_code == 302
    row = AdSpend.objects.get()
    assert (row.source, row.campaign, row.currency) == ("google", "Knee", "USD")
    assert row.cost == Decimal("5.00") and row.updated_by == user
