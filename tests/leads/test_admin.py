import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leads.models import AuditEntry, Lead, LeadEvent
from tests.factories import (
    backdate,
    make_editor,
    make_lead,
    make_lead_viewer,
    make_post,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:leads_lead_changelist")


def change_url(lead):
    return reverse("admin:leads_lead_change", args=[lead.pk])


def test_editors_cannot_see_leads_anywhere(client):
    """No menu entry and 403 on every lead URL for editors."""
    lead = make_lead()
    client.force_login(make_editor())
    index = client.get(reverse("admin:index")).content.decode()
    assert "Leads" not in index and "leads/lead" not in index
    for url in [
        CHANGELIST,
        change_url(lead),
        CHANGELIST + "?q=Patient",
        reverse("admin:app_list", args=["leads"]),
        reverse("admin:leads_auditentry_changelist"),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [lead.pk]}
    )
    assert response.status_code == 403
    assert not AuditEntry.objects.exists()


def test_front_desk_sees_the_lead_list_without_spam(desk):
    make_lead(name="Real Person")
    make_lead(name="Spammy Bot", is_spam=True, status=Lead.Status.SPAM)
    html = desk.get(CHANGELIST).content.decode()
    assert "Real Person" in html and "Spammy Bot" not in html
    html = desk.get(CHANGELIST + "?spam=only").content.decode()
    assert "Spammy Bot" in html and "Real Person" not in html


def test_received_time_is_a_valid_html_datetime(desk):
    """The list's <time datetime> stops at seconds (HTML allows no microseconds)."""
    lead = make_lead()
    received = timezone.now().replace(microsecond=123456)
    Lead.objects.filter(pk=lead.pk).update(created_at=received)
    html = desk.get(CHANGELIST).content.decode()
    (value,) = re.findall(r'<time datetime="([^"]+)"', html)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value)


def test_overdue_leads_are_marked(desk, settings):
    settings.LEADS_RESPONSE_TARGET_MINUTES = 15
    backdate(make_lead(name="Waiting Long"), 20)
    make_lead(name="Just Arrived")
    html = desk.get(CHANGELIST + "?response=overdue").content.decode()
    assert "Waiting Long" in html and "Just Arrived" not in html
    html = desk.get(CHANGELIST).content.decode()
    assert html.count('class="lead-overdue"') == 1  # only the late one is marked


@pytest.mark.parametrize("typed", ["(201) 555-0199", "201.555.0199", "+1 201 555 0199"])
def test_search_by_phone_in_any_formatting(desk, typed):
    make_lead(name="Phone Match", phone="+12015550199")
    make_lead(name="Other Number", phone="+12015550100")
    html = desk.get(CHANGELIST, {"q": typed}).content.decode()
    assert "Phone Match" in html and "Other Number" not in html


def test_search_by_name_and_email(desk):
    make_lead(name="Morgan Lee", email="morgan@example.test")
    assert "Morgan Lee" in desk.get(CHANGELIST, {"q": "morgan"}).content.decode()
    assert (
        "Morgan Lee" in desk.get(CHANGELIST, {"q": "morgan@example"}).content.decode()
    )


def test_lead_page_view_is_audited(desk):
    lead = make_lead()
    response = desk.get(change_url(lead), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.action == "view" and entry.user == desk.user
    assert entry.lead_ids == [lead.pk] and entry.ip_address == "10.1.2.3"


def test_searches_are_audited_without_what_was_typed(desk):
    """Looking someone up is a view of their lead: which leads were shown and
    by whom is kept, the name or number searched for is not."""
    found = make_lead(name="Morgan Lee", phone="+12015550177")
    other = make_lead(name="Other Person")
    desk.get(CHANGELIST)  # the plain list shows names too: an entry
    listed = AuditEntry.objects.get()
    assert sorted(listed.lead_ids) == sorted([found.pk, other.pk])
    assert listed.detail == "list, 2 lead(s) shown"
    desk.get(CHANGELIST, {"q": "(201) 555-0177"})
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "view" and entry.user == desk.user
    assert entry.lead_ids == [found.pk]
    assert entry.detail == "searched or filtered list, 1 lead(s) shown"
    assert "555" not in entry.detail and "Morgan" not in entry.detail


def test_what_the_patient_sent_is_read_only(desk):
    lead = make_lead(name="Original Name", message="Original message")
    desk.post(
        change_url(lead),
        {"name": "Changed", "message": "Changed", "status": "new", "owner": ""},
    )
    lead.refresh_from_db()
    assert (lead.name, lead.message) == ("Original Name", "Original message")


def test_status_change_and_note_are_recorded_with_who_and_when(desk):
    lead = make_lead()
    response = desk.post(
        change_url(lead),
        {"status": "contacted", "owner": desk.user.pk, "add_note": "Left voicemail."},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == "contacted" and lead.owner == desk.user
    assert lead.first_contacted_at is not None
    kinds = list(lead.events.values_list("kind", "author__username"))
    assert ("status", "franco") in kinds and ("note", "franco") in kinds
    assert ("assign", "franco") in kinds
    html = desk.get(change_url(lead)).content.decode()
    assert "Status: New → Contacted" in html and "Note: Left voicemail." in html
    assert "min after it arrived" in html
    assert AuditEntry.objects.filter(action="change").count() == 3


def test_front_desk_cannot_delete_leads(desk):
    lead = make_lead()
    url = reverse("admin:leads_lead_delete", args=[lead.pk])
    assert desk.get(url).status_code == 403
    assert Lead.objects.filter(pk=lead.pk).exists()


def test_bulk_assign_to_me_and_mark_contacted(desk):
    leads = [make_lead(), make_lead()]
    ids = [lead.pk for lead in leads]
    desk.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": ids})
    desk.post(CHANGELIST, {"action": "mark_contacted", "_selected_action": ids})
    for lead in Lead.objects.filter(pk__in=ids):
        assert lead.owner == desk.user and lead.status == "contacted"


def test_mark_contacted_never_moves_a_lead_backwards(desk):
    """Selecting a booked lead along with a new one leaves the booked one booked."""
    new, booked = make_lead(), make_lead(status=Lead.Status.BOOKED)
    response = desk.post(
        CHANGELIST,
        {"action": "mark_contacted", "_selected_action": [new.pk, booked.pk]},
        follow=True,
    )
    assert (
        "1 already past New (or spam) left as they were." in response.content.decode()
    )
    new.refresh_from_db()
    booked.refresh_from_db()
    assert new.status == "contacted" and booked.status == "booked"
    assert not LeadEvent.objects.filter(lead=booked).exists()


@pytest.mark.parametrize(
    "status", [Lead.Status.CLOSED, Lead.Status.NOT_FIT, Lead.Status.SPAM]
)
def test_mark_contacted_leaves_finished_and_spam_leads_with_a_warning(desk, status):
    """Closed, not-fit and spam leads stay as they were; a warning says so."""
    lead = make_lead(status=status, is_spam=status == Lead.Status.SPAM)
    response = desk.post(
        CHANGELIST + "?spam=all",
        {"action": "mark_contacted", "_selected_action": [lead.pk]},
        follow=True,
    )
    assert_message(
        response, "warning", "1 already past New (or spam) left as they were."
    )
    assert "Marked as contacted." not in response.content.decode()
    lead.refresh_from_db()
    assert lead.status == status and not lead.events.exists()


def test_the_lead_page_refuses_to_move_a_lead_backwards(desk):
    """Booked back to contacted is an error on the status field; nothing is
    saved, not even the owner or note sent with it."""
    lead = make_lead(status=Lead.Status.BOOKED)
    response = desk.post(
        change_url(lead),
        {"status": "contacted", "owner": desk.user.pk, "add_note": "Called."},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["status"] == [
        f"Lead #{lead.pk} is “Appointment booked”; it never moves back to “Contacted”."
    ]
    assert "it never moves back to" in response.content.decode()
    lead.refresh_from_db()
    assert lead.status == "booked" and lead.owner is None
    assert not lead.events.exists()


def test_the_lead_page_moves_a_lead_forward_and_marks_spam(desk):
    lead = make_lead(status=Lead.Status.CONTACTED)
    for status in ["booked", "closed", "spam"]:
        response = desk.post(change_url(lead), {"status": status, "owner": ""})
        assert response.status_code == 302, status
    lead.refresh_from_db()
    assert lead.status == "spam" and lead.is_spam
    steps = list(lead.events.values_list("from_status", "to_status"))
    assert steps == [("contacted", "booked"), ("booked", "closed"), ("closed", "spam")]


def test_staff_who_may_only_view_leads_cannot_change_a_status(client):
    """No status change, from the lead page or a bulk action, without the
    change permission."""
    lead = make_lead()
    client.force_login(make_lead_viewer())
    assert client.get(change_url(lead)).status_code == 200  # they may look
    response = client.post(change_url(lead), {"status": "contacted", "owner": ""})
    assert response.status_code == 403
    for action in ["mark_contacted", "mark_spam", "assign_to_me"]:
        response = client.post(
            CHANGELIST, {"action": action, "_selected_action": [lead.pk]}, follow=True
        )
        assert_message(response, "warning", "No action selected.")
    lead.refresh_from_db()
    assert lead.status == "new" and lead.owner is None
    assert not lead.events.exists()


def assert_message(response, level, text):
    """The page shows `text` as a message of `level` (success, warning, ...)."""
    shown = [(m.level_tag, m.message) for m in response.context["messages"]]
    assert (level, text) in shown, shown


def test_numbers_that_are_not_phone_numbers_are_searched_as_text(desk):
    """A date or part of a number is not taken for a phone number."""
    make_lead(name="Jordan Ames", email="jordan.2024-11-25@example.test")
    html = desk.get(CHANGELIST, {"q": "2024-11-25"}).content.decode()
    assert "Jordan Ames" in html


def test_lead_page_loads_topic_and_article_with_the_lead(desk):
    """The lead page costs the same queries whether or not the lead has a topic
    and an article (they come in the lead's own query, without the article body)."""
    topic = make_topic("Sciatica")
    plain, linked = make_lead(), make_lead(topic=topic, article=make_post("Heel pain"))
    desk.get(change_url(plain))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as plain_queries:
        desk.get(change_url(plain))
    with CaptureQueriesContext(connection) as linked_queries:
        assert "Heel pain" in desk.get(change_url(linked)).content.decode()
    assert len(linked_queries) == len(plain_queries)
    assert not any('"body_html"' in q["sql"] for q in linked_queries)


def test_misjudged_spam_can_be_recovered(desk):
    lead = make_lead(is_spam=True, status=Lead.Status.SPAM, spam_reasons=["too_fast"])
    desk.post(
        CHANGELIST + "?spam=only",
        {"action": "mark_not_spam", "_selected_action": [lead.pk]},
    )
    lead.refresh_from_db()
    assert not lead.is_spam and lead.status == "new"
    assert LeadEvent.objects.filter(lead=lead, to_status="new").exists()


def test_csv_export_is_audited_and_formula_safe(desk):
    lead = make_lead(name='=HYPERLINK("http://evil.test")')
    response = desk.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [lead.pk]}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "lead" and rows[1][0] == str(lead.pk)
    assert rows[1][2].startswith("'=")
    entry = AuditEntry.objects.get(action="export")
    assert entry.lead_ids == [lead.pk] and entry.user == desk.user


def test_duplicates_are_linked_on_the_lead_page(desk):
    first = make_lead(phone="+12015550111", email="a@example.test")
    second = make_lead(phone="+12015550111", email="b@example.test")
    third = make_lead(phone="+12015550122", email="A@example.test")
    make_lead(phone="+12015550999", email="z@example.test")
    html = desk.get(change_url(first)).content.decode()
    assert f"Lead #{second.pk}" in html and f"Lead #{third.pk}" in html
    duplicates = html.split("Other leads with the same phone or e-mail")[1]
    duplicates = duplicates.split("</fieldset>")[0]
    assert duplicates.count("Lead #") == 2


def test_audit_log_is_superuser_only_and_not_editable(client, desk):
    make_lead()
    url = reverse("admin:leads_auditentry_changelist")
    assert desk.get(url).status_code == 403
    admin_user = make_user("root", is_superuser=True)
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.create(action="view", lead_ids=[1], lead_count=1)
    assert (
        client.get(
            reverse("admin:leads_auditentry_delete", args=[entry.pk])
        ).status_code
        == 403
    )
    response = client.post(
        reverse("admin:leads_auditentry_change", args=[entry.pk]), {"detail": "x"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.detail == ""


def test_lead_list_query_count_does_not_grow(desk):
    counts = []
    for batch in (3, 30):
        for _ in range(batch):
            make_lead(owner=desk.user)
        with CaptureQueriesContext(connection) as queries:
            assert desk.get(CHANGELIST).status_code == 200
        counts.append(len(queries))
        counts_sql = [
            q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]
        ]
        # Every count is capped: a list page never counts the whole table.
        assert counts_sql and all("LIMIT" in sql for sql in counts_sql), counts_sql
    assert counts[0] == counts[1]


def test_adding_a_note_keeps_an_owner_from_outside_the_front_desk(client):
    admin_user = make_user("boss", is_superuser=True)
    client.force_login(admin_user)
    lead = make_lead(owner=admin_user)
    html = client.get(change_url(lead)).content.decode()
    assert f'<option value="{admin_user.pk}" selected>' in html
    client.post(
        change_url(lead),
        {"status": "new", "owner": admin_user.pk, "add_note": "Checked insurance."},
    )
    lead.refresh_from_db()
    assert lead.owner == admin_user
    assert not lead.events.filter(kind="assign").exists()


def test_choosing_the_spam_status_shows_spam(desk):
    make_lead(name="Flagged One", is_spam=True, status=Lead.Status.SPAM)
    html = desk.get(CHANGELIST + "?status__exact=spam").content.decode()
    assert "Flagged One" in html


def test_recovered_spam_gets_a_response_time_when_contacted(desk):
    lead = make_lead(is_spam=True, status=Lead.Status.SPAM)
    desk.post(change_url(lead), {"status": "contacted", "owner": ""})
    lead.refresh_from_db()
    assert lead.status == "contacted" and not lead.is_spam
    assert lead.first_contacted_at is not None


def test_failed_save_that_shows_the_lead_again_is_audited(desk):
    lead = make_lead()
    desk.post(change_url(lead), {"status": "no-such-status", "owner": ""})
    assert AuditEntry.objects.filter(action="view", lead_ids=[lead.pk]).exists()


def test_possible_spam_stays_in_the_list_with_its_reasons(desk):
    """Signs that can be wrong are shown for a person to judge, never hidden."""
    make_lead(name="Casey Casino Worker", spam_reasons=["spam_words"])
    make_lead(name="Robot", is_spam=True, status="spam", spam_reasons=["honeypot"])
    html = desk.get(CHANGELIST).content.decode()
    assert "Casey Casino Worker" in html and "words common in spam" in html
    assert "Robot" not in html  # spam is hidden unless asked for


def test_lead_page_keeps_the_topic_and_article_it_was_sent_with(desk):
    from articles.models import Post, Topic

    topic = make_topic("Sciatica")
    post = make_post("Sciatica explained", topics=[topic])
    lead = make_lead(topic=topic, article=post)
    Post.objects.filter(pk=post.pk).delete()
    Topic.objects.filter(pk=topic.pk).delete()
    html = desk.get(change_url(lead)).content.decode()
    assert "Sciatica explained" in html and ">Sciatica<" in html


@pytest.mark.parametrize(
    "query",
    [
        {"name__icontains": "casey"},
        {"message__icontains": "knee"},
        {"phone__startswith": "+1201"},
        {"email__endswith": "example.test"},
        {"owner__username": "x"},
        {"events__text__icontains": "pain"},
    ],
)
def test_lookups_outside_the_lists_own_filters_are_refused(desk, query):
    """Patients cannot be listed by what they wrote through the address bar."""
    make_lead(name="Casey Knee", message="My knee hurts")
    desk.raise_request_exception = False
    response = desk.get(CHANGELIST, query)
    assert response.status_code == 400
    assert b"Casey" not in response.content
    assert not AuditEntry.objects.exists()


def test_every_filter_the_list_offers_works_and_is_audited(desk):
    """Each link in the filter sidebar (and the dashboard's) opens a list."""
    lead = make_lead(name="Casey Knee", topic=make_topic("Knees"), owner=desk.user)
    html = desk.get(CHANGELIST).content.decode()
    links = set(re.findall(r'href="(\?[^"]+)"', html))
    links |= {"?status__exact=new", "?response=overdue", "?spam=all"}
    assert len(links) > 10
    for link in sorted(links):
        before = AuditEntry.objects.count()
        response = desk.get(CHANGELIST + link.replace("&amp;", "&"))
        assert response.status_code == 200, link
        if "Casey Knee" in response.content.decode():
            assert AuditEntry.objects.count() == before + 1, link
            assert AuditEntry.objects.latest("id").lead_ids == [lead.pk]


def test_lead_autocomplete_is_refused(desk):
    """Finding leads by name or phone from an autocomplete box would not be
    audited; no form needs it, so it answers 403."""
    make_lead(name="Casey Knee", phone="+12015550177")
    response = desk.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "leads",
            "model_name": "leadevent",
            "field_name": "lead",
            "term": "Casey",
        },
    )
    assert response.status_code == 403
    assert b"Casey" not in response.content


def test_lead_page_audits_the_duplicates_it_lists(desk):
    lead = make_lead(phone="+12015550177")
    same_phone = make_lead(phone="+12015550177")
    desk.get(change_url(lead))
    entry = AuditEntry.objects.latest("id")
    assert entry.lead_ids == [lead.pk, same_phone.pk]
