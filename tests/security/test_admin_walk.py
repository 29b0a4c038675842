"""
Every admin URL, walked as an editor, a front-desk user and marketing: a
response that shows a lead's data always writes an audit entry, and an editor
or marketing never sees any.
"""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse

from attribution.models import CallClick
from leads.models import AuditEntry, Lead, LeadEvent
from outbox.models import OutboxEmail
from tests.factories import (
    make_editor,
    make_front_desk,
    make_lead,
    make_marketing,
    make_post,
)

pytestmark = pytest.mark.django_db

# What the patient sent: if any of it is in a response, the response showed
# lead data.
PATIENT = {
    "name": "Zephyrine Quillfeather",
    "email": "zephyrine@example.test",
    "phone": "+12015550123",
    "message": "A symptom only this test would write",
}
MARKERS = [*PATIENT.values(), "Quillfeather", "555-0123", "zephyrine@"]


@pytest.fixture
def lead():
    post = make_post("An article")
    lead = make_lead(
        **PATIENT,
        article=post,
        checker_summary="Where: heel",
        first_touch={"utm_source": "google", "gclid": "Cj0-walk"},
        utm_source="google",
        status=Lead.Status.BOOKED,
    )
    LeadEvent.objects.create(
        lead=lead, kind=LeadEvent.Kind.STATUS, from_status="new", to_status="booked"
    )
    LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.NOTE, text="Called back")
    OutboxEmail.objects.create(
        to=[PATIENT["email"]], subject="Ack", body="-", next_attempt_at=lead.created_at
    )
    CallClick.objects.create(day=lead.created_at.date(), page="/", count=1)
    AuditEntry.objects.create(action="view", lead_ids=[lead.pk])
    return lead


def admin_urls(lead):
    """Every admin page, with an object of each model where it needs one."""
    urls = ["admin:index", "admin:password_change", "admin:jsi18n"]
    urls = [reverse(name) for name in urls]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls.append(reverse("admin:app_list", args=[opts.app_label]))
        obj = model._default_manager.first()
        for pattern in model_admin.urls:
            if not pattern.name:
                continue
            try:
                urls.append(reverse(f"admin:{pattern.name}"))
            except NoReverseMatch:
                if obj is not None:
                    urls.append(reverse(f"admin:{pattern.name}", args=[obj.pk]))
        if obj is not None:
            content_type = ContentType.objects.get_for_model(model)
            urls.append(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))
    changelist = reverse("admin:leads_lead_changelist")
    urls += [
        changelist + "?q=Quillfeather",
        changelist + "?q=(201) 555-0123",
        changelist + "?status__exact=new",
        changelist + "?spam=all",
        changelist + f"?topic__id__exact={lead.topic_id or 0}",
        changelist + "?name__icontains=zeph",
        changelist + "?message__icontains=symptom",
        reverse("admin:autocomplete")
        + "?app_label=leads&model_name=leadevent&field_name=lead&term=Zeph",
        reverse("admin:articles_post_changelist") + "?leads__isnull=False",
        reverse("admin:articles_topic_changelist") + "?leads=1",
    ]
    return sorted(set(urls))


def shows_lead_data(response):
    text = response.content.decode(errors="replace")
    return [marker for marker in MARKERS if marker in text]


ROLES = {
    "editor": make_editor,
    "front desk": make_front_desk,
    "marketing": make_marketing,
}


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_response_that_shows_lead_data_is_audited(client, lead, role):
    user = ROLES[role]()
    client.force_login(user)
    client.raise_request_exception = False
    walked = []
    for url in admin_urls(lead):
        before = AuditEntry.objects.count()
        response = client.get(url)
        shown = shows_lead_data(response)
        walked.append((url, response.status_code, bool(shown)))
        if role != "front desk":
            assert not shown, f"{url} showed {role} {shown}"
        if shown:
            assert AuditEntry.objects.count() > before, f"{url} showed {shown}"
    # The walk reached the lead's own pages, and for the front desk they showed it.
    assert any("/leads/lead/" in url for url, _, _ in walked)
    if role == "front desk":
        assert any(shown for _, _, shown in walked)


def test_lead_export_is_audited(client, lead):
    client.force_login(make_front_desk())
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("admin:leads_lead_changelist"),
        {"action": "export_csv", "_selected_action": [lead.pk]},
    )
    body = b"".join(response.streaming_content).decode()
    assert PATIENT["name"] in body
    assert AuditEntry.objects.filter(action="export").count() == 1
    assert AuditEntry.objects.count() > before
    assert Lead.objects.filter(pk=lead.pk).exists()
