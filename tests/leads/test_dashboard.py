"""The admin index's figures for the front desk (leads.reports)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import backdate, make_editor, make_lead, make_post

pytestmark = pytest.mark.django_db


def test_dashboard_shows_front_desk_figures(desk, settings, time_machine):
    from attribution.models import CallClick

    # Midday, so "30 minutes ago" is today whenever the suite runs (signed in
    # again: the clock jump would otherwise end the idle session).
    time_machine.move_to(timezone.localtime().replace(hour=12, minute=0))
    desk.force_login(desk.user)

    settings.LEADS_RESPONSE_TARGET_MINUTES = 15
    backdate(make_lead(utm_source="newsletter", utm_campaign="sciatica"), 30)
    make_lead()
    make_lead(is_spam=True, status="spam")
    CallClick.objects.create(
        day=timezone.localdate(),
        page="/",
        utm_source="newsletter",
        utm_campaign="sciatica",
        count=4,
    )
    html = desk.get(reverse("admin:index")).content.decode()

    def figure(label):
        row = html.split(label, 1)[1].split("</tr>", 1)[0]
        return re.search(r"<td>(\d+)</td>", row).group(1)

    assert figure("New leads</a>") == "2"  # two new, non-spam leads
    assert figure("Overdue leads (still New past the response target)</a>") == "1"
    assert figure("Today's leads</a>") == "2"
    assert "newsletter / sciatica</td><td>1</td><td>4</td>" in html


def test_dashboard_rows_count_leads_and_calls_per_article(desk):
    """Two articles with the same title are two rows, and an article that made
    the list through its calls still shows its leads."""
    from attribution.models import CallClick

    first, second = make_post("Heel pain"), make_post("Heel pain")
    for post in [make_post(f"Busy {n}") for n in range(20)]:
        make_lead(article=post)
        make_lead(article=post)
    make_lead(article=first)  # 21st by leads alone
    CallClick.objects.create(
        day=timezone.localdate(), page="/a/", article=first, count=9
    )
    make_lead(article=second)
    make_lead(article=second)
    html = desk.get(reverse("admin:index")).content.decode()
    assert "<td>Heel pain</td><td>1</td><td>9</td>" in html
    assert "<td>Heel pain</td><td>2</td><td>0</td>" in html


def test_editor_dashboard_has_no_lead_figures(client):
    make_lead()
    client.force_login(make_editor())
    html = client.get(reverse("admin:index")).content.decode()
    assert "Overdue leads" not in html and "New leads" not in html


def test_dashboard_chart_is_server_rendered_svg_with_a_text_alternative(desk):
    make_lead(utm_source="newsletter")
    make_lead(utm_source="newsletter")
    make_lead()
    html = desk.get(reverse("admin:index")).content.decode()
    assert '<svg viewBox="0 0 600 180"' in html and 'role="img"' in html
    assert "3 leads in the last 30 days" in html
    assert "newsletter 2" in html and "direct 1" in html
    assert html.count("<rect x=") == 2  # today's bar: two sources stacked
    assert "The same figures as a table" in html


def test_dashboard_counts_condition_checker_use_per_day(desk):
    from attribution.models import CallClick
    from checker.models import CheckerDay

    today = timezone.localdate()
    CheckerDay.objects.create(day=today, results_shown=7, red_flag_stops=2)
    make_lead(checker_version=1)
    CallClick.objects.create(day=today, page="/condition-checker/", count=3)
    html = desk.get(reverse("admin:index")).content.decode()
    assert "Condition checker, last 14 days" in html
    row = html.split("Condition checker, last 14 days")[1].split("</tr>")[1]
    assert re.sub(r"\s+", "", row).endswith("<td>7</td><td>2</td><td>1</td><td>3</td>")
