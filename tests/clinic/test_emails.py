"""Every e-mail the site sends, from its template, for a lead full of health
details: none of them reaches a staff e-mail, and the patient's own
acknowledgement repeats nothing they wrote."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.test.signals import template_rendered

from leads.escalation import EMAILS, _email
from leads.models import Lead
from leads.services import leads_digest_send
from outbox.services import outbox_send_due
from tests.factories import make_topic
from tests.leads.test_views import CONTACT, valid_data

HEALTH = {
    "name": "Zephyrine Quillfeather",
    "email": "zephyrine@example.test",
    "phone": "(201) 555-0123",
    "message": "Numb left foot since the herniated disc surgery.",
    "insurance": "Bluebell Mutual PPO 8841",
}
SECRETS = (
    "Zephyrine",
    "zephyrine@",
    "555-0123",
    "Numb",
    "herniated",
    "Sciatica",
    "Bluebell",
)


def email_templates_on_disk():
    roots = [settings.BASE_DIR / "templates"] + [
        config.path + "/templates" for config in apps.get_app_configs()
    ]
    found = set()
    for root in roots:
        for path in Path(root).glob("*/email/*.txt"):
            found.add(str(path.relative_to(root)))
    return found


def test_no_email_template_shows_staff_what_a_patient_sent(client, db, settings):
    settings.LEADS_NOTIFY_PER_CLIENT_HOUR = 1
    rendered = set()

    def collect(sender, template, context, **kwargs):
        rendered.add(template.name)

    template_rendered.connect(collect)
    try:
        topic = make_topic("Sciatica")
        for n in range(3):  # the first is notified; the rest come in the digest
            response = client.post(
                CONTACT,
                valid_data(
                    **{**HEALTH, "message": f"{n} {HEALTH['message']}"},
                    topic=str(topic.pk),
                ),
            )
            assert response.status_code == 303
        assert leads_digest_send() == 2
        lead = Lead.objects.order_by("pk").first()
        staff = [
            _email(lead, name, to=["desk@example.test"], now=lead.created_at)
            for name in EMAILS
        ]
        # The reviewers' e-mail holds posts and dates, never a lead: rendered
        # here so that every template on disk is read by this test.
        for name in ("reviews_due", "reviews_due_subject"):
            render_to_string(f"articles/email/{name}.txt", {"posts": [], "count": 0})
        outbox_send_due()
    finally:
        template_rendered.disconnect(collect)

    assert email_templates_on_disk() <= rendered, "an e-mail template no test renders"
    to_patient = [m for m in mail.outbox if m.to == [HEALTH["email"]]]
    assert len(to_patient) == 1  # the acknowledgement, for the first lead only
    staff_texts = [m.subject + m.body for m in mail.outbox if m not in to_patient]
    staff_texts += [e["subject"] + e["body"] for e in staff]
    assert len(staff_texts) == 4  # a notice, the digest, a reminder, an escalation
    for text in staff_texts + [to_patient[0].body]:
        for secret in SECRETS:
            assert secret not in text, (secret, text)
