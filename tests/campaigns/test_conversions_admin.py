"""Downloading offline conversions from the admin: who may, what comes back,
and the list of past downloads."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from campaigns.models import ConversionExport, ExportedConversion
from clinic.roles import MARKETING
from leads.models import AuditEntry, LeadEvent
from tests.factories import make_editor, make_front_desk, make_lead, make_user

pytestmark = pytest.mark.django_db

GCLID = "Cj0KCQiAx9q6BhCDARIsACwUxu4abc_DEF-xyz"
DOWNLOAD = "admin:campaigns_conversionexport_download"
LIST = "admin:campaigns_conversionexport_changelist"
FORM = {"platform": "google", "since": "2026-01-01"}


@pytest.fixture
def lead():
    lead = make_lead(name="Zebulon Quackenbush", last_touch={"gclid": GCLID})
    LeadEvent.objects.create(
        lead=lead,
        kind=LeadEvent.Kind.STATUS,
        from_status="new",
        to_status="booked",
        created_at=datetime(2026, 3, 1, 10, tzinfo=ZoneInfo("America/New_York")),
    )
    return lead


def make_marketing():
    return make_user(groups=[MARKETING])


@pytest.mark.parametrize(
    "make", [lambda: make_user(is_superuser=True), make_marketing], ids=["su", "mkt"]
)
def test_superuser_and_marketing_download_an_audited_attachment(client, lead, make):
    """POST gives the CSV as a file named for the platform and the date, and
    an audit entry names the lead by id only."""
    user = make()
    client.force_login(user)
    response = client.post(reverse(DOWNLOAD), FORM)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="conversions-google-2026-01-01.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert list(csv.reader(io.StringIO(body)))[1] == [
        GCLID,
        "",
        "",
        "Booked appointment",
        "2026-03-01 10:00:00-0500",
    ]
    assert "Zebulon" not in body
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert (entry.lead_ids, entry.user, entry.username) == (
        [lead.pk],
        user,
        user.username,
    )
    assert "Zebulon" not in entry.detail
    export = ConversionExport.objects.get()
    assert (export.created_by, export.username, export.row_count) == (
        user,
        user.username,
        1,
    )


@pytest.mark.parametrize("make", [make_front_desk, make_editor], ids=["desk", "ed"])
def test_front_desk_and_editors_may_not_download(client, lead, make):
    """Without campaigns.add_conversionexport: 403, and nothing exported."""
    client.force_login(make())
    assert client.get(reverse(DOWNLOAD)).status_code == 403
    assert client.post(reverse(DOWNLOAD), FORM).status_code == 403
    assert client.get(reverse(LIST)).status_code == 403
    assert not ConversionExport.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_the_form_has_labels_and_asks_before_listing_again(client):
    """GET shows the form: platform, date, and the "exported before" box."""
    client.force_login(make_marketing())
    response = client.get(reverse(DOWNLOAD))
    assert response.status_code == 200
    page = response.content.decode()
    for field in ("platform", "since", "again"):
        assert f'for="id_{field}"' in page
    assert 'type="date"' in page
    assert "Include conversions exported before" in page
    assert 'aria-describedby="id_since_helptext"' in page


@pytest.mark.parametrize(
    ("since", "message"),
    [("2999-01-01", "is in the future."), ("0001-01-01", "from 2000-01-01 on")],
)
def test_a_day_that_cannot_start_an_export_is_an_error(client, lead, since, message):
    """The form says what is wrong (a day in year 1 once overflowed to a 500
    east of UTC); nothing is exported."""
    client.force_login(make_marketing())
    response = client.post(reverse(DOWNLOAD), {**FORM, "since": since})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not ConversionExport.objects.exists()


def test_a_refused_conversion_name_is_shown_not_a_500(client, lead, settings):
    """A name matching a topic: the form shows why; nothing is written."""
    from tests.factories import make_topic

    settings.CAMPAIGNS_CONVERSION_NAMES = {"booked": "Discovery call"}
    make_topic("Discovery call")
    client.force_login(make_marketing())
    response = client.post(reverse(DOWNLOAD), FORM)
    assert response.status_code == 400
    assert "is refused" in response.content.decode()
    assert not ExportedConversion.objects.exists()


def test_downloading_again_lists_exported_conversions_only_when_asked(client, lead):
    """The second download is empty; ticking the box lists the row again."""
    client.force_login(make_marketing())
    client.post(reverse(DOWNLOAD), FORM)
    second = client.post(reverse(DOWNLOAD), FORM).content.decode()
    assert GCLID not in second
    again = client.post(reverse(DOWNLOAD), {**FORM, "again": "on"}).content.decode()
    assert GCLID in again
    assert list(ConversionExport.objects.values_list("again", "row_count")) == [
        (True, 1),
        (False, 0),
        (False, 1),
    ]


def test_the_list_shows_past_downloads_and_the_download_link(client, lead):
    """Marketing sees each download and a link to make one; no add, change
    or delete."""
    user = make_marketing()
    client.force_login(user)
    client.post(reverse(DOWNLOAD), FORM)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse(DOWNLOAD) in page
    assert "Download conversions" in page
    assert user.username in page
    assert reverse("admin:campaigns_conversionexport_add") not in page
    assert "Zebulon" not in page
    export = ConversionExport.objects.get()
    change = client.get(
        reverse("admin:campaigns_conversionexport_change", args=[export.pk])
    )
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    delete = reverse("admin:campaigns_conversionexport_delete", args=[export.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert (
        client.get(reverse("admin:campaigns_conversionexport_add")).status_code == 403
    )
