import re
import secrets
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.db import OperationalError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Post, Topic
from attribution.touches import FIRST_TOUCH_COOKIE
from leads import services
from leads.forms import TOKEN_SALT, ContactForm, issue_form_token
from leads.models import Lead
from outbox.models import OutboxEmail
from outbox.services import outbox_send_due
from tests.factories import make_post, make_topic

pytestmark = pytest.mark.django_db
CONTACT = "/contact/"


def waited_token():
    """A form token for a form shown long enough ago to pass the minimum time."""
    return signing.dumps(
        {"n": secrets.token_hex(8), "t": timezone.now().timestamp() - 60},
        salt=TOKEN_SALT,
    )


def valid_data(**overrides):
    data = {
        "name": "Jamie Rivera",
        "phone": "(201) 555-0199",
        "email": "jamie@example.test",
        "preferred_contact": "call",
        "message": "My heel hurts every morning.",
        "topic": "",
        "consent": "on",
        "website": "",
        "form_token": waited_token(),
        "page": "/contact/",
        "article": "",
    }
    data.update(overrides)
    return data


def test_valid_submission_is_stored_and_redirects_303(client):
    """One lead, normalized phone, consent version and time, then the thank-you."""
    response = client.post(CONTACT, valid_data())
    assert response.status_code == 303
    assert response["Location"] == reverse("leads:contact-sent")
    lead = Lead.objects.get()
    assert str(lead.phone) == "+12015550199"
    assert lead.consent_version and lead.consented_at
    assert lead.status == Lead.Status.NEW and not lead.is_spam
    thanks = client.get(response["Location"])
    assert b"what happens next" in thanks.content.lower()
    assert b'href="tel:+12015550142"' in thanks.content


def test_resending_the_same_form_creates_one_lead(client):
    """Reload or Back-and-resend with the same token and content: still one lead."""
    data = valid_data()
    client.post(CONTACT, data)
    response = client.post(CONTACT, data)
    assert response.status_code == 303
    assert Lead.objects.count() == 1
    outbox_send_due()
    assert OutboxEmail.objects.filter(subject__startswith="New lead").count() == 1


def test_same_cached_token_with_different_people_keeps_both(client):
    """Two visitors handed the same (cached) form token are two leads."""
    token = waited_token()
    client.post(CONTACT, valid_data(form_token=token))
    client.post(CONTACT, valid_data(form_token=token, name="Other Person"))
    assert Lead.objects.count() == 2


def test_phone_or_email_is_required(client):
    response = client.post(CONTACT, valid_data(phone="", email=""))
    assert response.status_code == 400
    assert b"Please give a phone number or an email address" in response.content
    assert not Lead.objects.exists()


def test_email_only_works_when_email_is_preferred(client):
    response = client.post(CONTACT, valid_data(phone="", preferred_contact="email"))
    assert response.status_code == 303


def test_call_preference_needs_a_phone(client):
    response = client.post(CONTACT, valid_data(phone=""))
    assert b"You asked us to call or text" in response.content


@pytest.mark.parametrize("phone", ["(201) 555-0199", "201.555.0199", "+1 201 555 0199"])
def test_phone_numbers_are_stored_as_e164(client, phone):
    client.post(CONTACT, valid_data(phone=phone))
    assert str(Lead.objects.get().phone) == "+12015550199"


def test_invalid_phone_is_a_clear_error(client):
    response = client.post(CONTACT, valid_data(phone="12345"))
    assert response.status_code == 400
    assert b"Enter a phone number we can call" in response.content


def test_errors_are_summarized_tied_to_fields_and_values_kept(client):
    response = client.post(CONTACT, valid_data(name="", consent=""))
    html = response.content.decode()
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert '<a href="#id_name">Please enter your name.</a>' in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'value="(201) 555-0199"' in html  # what they typed is kept
    assert "My heel hurts every morning." in html
    assert "<title>Error: " in html


def test_missing_consent_is_refused(client):
    response = client.post(CONTACT, valid_data(consent=""))
    assert b"Please agree so we may contact you." in response.content
    assert not Lead.objects.exists()


def fresh_token_in(response):
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode())[1]


def test_tampered_token_gets_a_form_error_and_a_fresh_token(client):
    """A forged token is refused plainly; its replacement counts the time from
    now, so a bot gains nothing by sending a bad token first."""
    response = client.post(CONTACT, valid_data(form_token="forged:token"))
    assert response.status_code == 400
    assert b"This form was changed or has expired" in response.content
    fresh = fresh_token_in(response)
    assert fresh != "forged:token"
    assert client.post(CONTACT, valid_data(form_token=fresh)).status_code == 303
    assert "too_fast" in Lead.objects.get().spam_reasons


def test_expired_token_gets_the_form_back_with_a_token_that_kept_its_time(
    client, time_machine
):
    """A page left open past LEADS_FORM_TOKEN_HOURS: the patient's message comes
    back with a fresh token, and sending it at once does not look too fast."""
    token = issue_form_token()
    time_machine.move_to(timezone.now() + timedelta(hours=25))
    response = client.post(CONTACT, valid_data(form_token=token))
    assert response.status_code == 400
    assert b"has expired" in response.content
    assert b"My heel hurts every morning." in response.content
    resent = client.post(CONTACT, valid_data(form_token=fresh_token_in(response)))
    assert resent.status_code == 303
    lead = Lead.objects.get()
    assert not lead.is_spam and lead.spam_reasons == []


def test_token_within_its_lifetime_is_accepted(client, time_machine):
    token = issue_form_token()
    time_machine.move_to(timezone.now() + timedelta(hours=23))
    assert client.post(CONTACT, valid_data(form_token=token)).status_code == 303


def test_article_form_is_preset_and_attributed(client):
    topic = make_topic("Plantar fasciitis")
    post = make_post("Morning heel pain", topics=[topic])
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'action="/contact/"' in html
    assert f'<option value="{topic.pk}" selected>' in html
    assert f'name="article" value="{post.slug}"' in html
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    assert token
    client.post(
        CONTACT,
        valid_data(article=post.slug, page=post.get_absolute_url(), topic=topic.pk),
    )
    lead = Lead.objects.get()
    assert lead.article == post and lead.topic == topic
    assert lead.source_page == post.get_absolute_url()


def test_topic_added_elsewhere_is_accepted_at_once(client):
    """The topic list is cached per process; a topic another app server just
    added (no signal here) is still accepted, not refused as invalid."""
    make_topic("Sciatica")
    client.get(CONTACT)  # this process now has the topic list cached
    [added] = Topic.objects.bulk_create([Topic(name="Whiplash", slug="whiplash")])
    response = client.post(CONTACT, valid_data(topic=added.pk))
    assert response.status_code == 303
    assert Lead.objects.get().topic == added


@pytest.mark.parametrize("topic", ["987654", "abc", "1" * 40, "\u0661"])
def test_unknown_topic_is_a_form_error(client, topic):
    """A forged topic is refused with a plain message; only a number that could
    be a topic added elsewhere is looked up."""
    make_topic("Sciatica")
    client.get(CONTACT)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(CONTACT, valid_data(topic=topic))
    assert response.status_code == 400
    assert b"Please choose one of the topics in the list." in response.content
    assert not Lead.objects.exists()
    looked_up = [q for q in queries if "articles_topic" in q["sql"]]
    assert len(looked_up) == (1 if topic == "987654" else 0)


@pytest.mark.parametrize(
    "outer_transaction",
    [
        pytest.param(False, marks=pytest.mark.django_db(transaction=True)),
        pytest.param(True, marks=pytest.mark.django_db),
    ],
    ids=["autocommit", "inside-a-transaction"],
)
def test_topic_deleted_elsewhere_still_stores_the_lead(client, outer_transaction):
    """A topic deleted on another app server while this one still offers it:
    the patient gets the thank-you, the lead is kept without the topic (also
    when the caller holds a transaction, whose commit would otherwise fail)."""
    topic = make_topic("Sciatica")
    client.get(CONTACT)
    Topic.objects.filter(pk=topic.pk)._raw_delete(Topic.objects.db)  # no signals
    response = client.post(CONTACT, valid_data(topic=topic.pk))
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.topic_id is None and lead.name == "Jamie Rivera"


@pytest.mark.django_db(transaction=True)
def test_article_deleted_while_the_form_was_sent_still_stores_the_lead(client):
    """The article passed the form's check, then was deleted before the INSERT."""
    post = make_post("Morning heel pain")
    real_clean = ContactForm.clean_article

    def clean_then_delete(form):
        article = real_clean(form)
        # Raw deletes in one commit, as another process's would look: the
        # post and its review records, no signals.
        with transaction.atomic():
            for rows in (post.events.all(), post.approvals.all()):
                rows._raw_delete(Post.objects.db)
            Post.objects.filter(pk=post.pk)._raw_delete(Post.objects.db)
        return article

    with mock.patch.object(ContactForm, "clean_article", clean_then_delete):
        response = client.post(CONTACT, valid_data(article=post.slug))
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.article_id is None and lead.name == "Jamie Rivera"


@pytest.mark.django_db(transaction=True)
def test_database_failure_while_storing_stores_nothing_and_keeps_the_form(client):
    """The database fails mid-submission: the whole transaction is undone (no
    lead without its e-mails, no e-mails without their lead), and the patient
    gets the form back."""
    with mock.patch.object(
        services.Lead.objects, "create", side_effect=OperationalError("gone")
    ):
        response = client.post(CONTACT, valid_data())
    assert response.status_code == 503
    assert not Lead.objects.exists() and not OutboxEmail.objects.exists()


def test_lead_and_its_emails_are_stored_together(client):
    """The lead and its outbox e-mails are written in one transaction, decided
    at once: nothing waits for the worker but the sending."""
    client.post(CONTACT, valid_data())
    lead = Lead.objects.get()
    queued = OutboxEmail.objects.order_by("pk")
    assert [email.subject for email in queued][0] == f"New lead #{lead.pk}"
    assert queued.count() == 2 and mail.outbox == []


def test_rate_limit_is_judged_when_the_lead_is_stored(client, settings):
    """The per-client rate limit is judged when the lead is stored."""
    settings.LEADS_RATE_LIMIT = 1
    client.post(CONTACT, valid_data(name="A"))
    client.post(CONTACT, valid_data(name="B"))
    last = Lead.objects.order_by("pk").last()
    assert last.possible_spam and last.spam_reasons == ["rate_limited"]
    # Queued with each lead: two notices, and only the first an acknowledgement.
    assert OutboxEmail.objects.count() == 3


def test_forged_article_and_offsite_page_are_not_stored(client):
    client.post(CONTACT, valid_data(article="no-such-post", page="https://evil.test/"))
    lead = Lead.objects.get()
    assert lead.article is None and lead.source_page == ""


# Attribution


def test_first_touch_is_kept_and_last_touch_updates(client):
    """Campaign landing, two more articles, submit on the third: both touches kept."""
    posts = [make_post(f"Article {i}") for i in range(3)]
    client.get(
        posts[0].get_absolute_url() + "?utm_source=newsletter&utm_campaign=sciatica",
        HTTP_REFERER="https://mail.example.test/inbox",
    )
    client.get(posts[1].get_absolute_url(), HTTP_REFERER="http://testserver/")
    client.get(
        posts[2].get_absolute_url() + "?utm_source=social&gclid=abc",
    )
    client.post(CONTACT, valid_data(article=posts[2].slug))
    lead = Lead.objects.get()
    assert lead.first_touch["utm_source"] == "newsletter"
    assert lead.first_touch["utm_campaign"] == "sciatica"
    assert lead.first_touch["referrer"] == "https://mail.example.test/inbox"
    assert lead.first_touch["landing_page"].startswith(posts[0].get_absolute_url())
    assert lead.first_touch["at"]
    assert lead.last_touch["utm_source"] == "social"
    assert lead.last_touch["gclid"] == "abc"
    assert (lead.utm_source, lead.utm_campaign) == ("newsletter", "sciatica")
    assert lead.article == posts[2]


def test_tampered_attribution_cookie_is_ignored(client):
    client.cookies[FIRST_TOUCH_COOKIE] = "forged-value"
    client.post(CONTACT, valid_data())
    assert Lead.objects.get().first_touch == {}


def test_attribution_values_are_length_limited(client):
    post = make_post()
    client.get(post.get_absolute_url() + "?utm_source=" + "x" * 5000)
    client.post(CONTACT, valid_data())
    assert len(Lead.objects.get().utm_source) == 200


# Spam


def test_honeypot_is_labelled_and_hidden_from_assistive_technology(client):
    html = client.get(CONTACT).content.decode()
    wrapper = re.search(
        r'<div class="hp-field" aria-hidden="true">(.*?)</div>\s*<button', html, re.S
    )
    assert wrapper, "honeypot wrapper missing"
    assert "Leave this field empty" in wrapper.group(1)
    assert 'name="website"' in wrapper.group(1) and 'tabindex="-1"' in wrapper.group(1)


def test_honeypot_files_the_lead_as_spam_without_email(client):
    """The one certain sign: the sender sees the normal thank-you, nobody is
    notified, and staff can still recover the lead."""
    response = client.post(CONTACT, valid_data(website="http://spam.test"))
    assert response.status_code == 303
    assert response["Location"] == reverse("leads:contact-sent")
    lead = Lead.objects.get()
    assert lead.is_spam and lead.status == Lead.Status.SPAM
    assert lead.spam_reasons == ["honeypot"]
    assert outbox_send_due() == (0, 0)
    assert not OutboxEmail.objects.exists() and mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"form_token": "fresh"}, "too_fast"),
        ({"message": "see http://a.test http://b.test http://c.test"}, "many_links"),
        ({"message": "I hurt my back at the casino where I work"}, "spam_words"),
    ],
)
def test_signs_that_can_be_wrong_mark_possible_spam_and_notify_as_usual(
    client, overrides, reason
):
    """A patient who works at a casino is still a patient: the lead stays New
    in the front desk's list with the reason, and the front desk is told of it.
    The address it gave gets no acknowledgement: it may not be the sender's."""
    if overrides.get("form_token") == "fresh":
        overrides["form_token"] = issue_form_token()  # shown just now
    assert client.post(CONTACT, valid_data(**overrides)).status_code == 303
    lead = Lead.objects.get()
    assert not lead.is_spam and lead.status == Lead.Status.NEW
    assert lead.possible_spam and reason in lead.spam_reasons
    assert outbox_send_due() == (1, 0)
    assert [m.subject for m in mail.outbox] == [f"New lead #{lead.pk}"]


def test_rate_limit_marks_possible_spam_past_the_limit(client, settings):
    """Eight patients behind one clinic Wi-Fi: past the limit their leads are
    marked possible spam, and every one is still worked and notified (only
    the first two get an acknowledgement)."""
    settings.LEADS_RATE_LIMIT = 2
    settings.LEADS_NOTIFY_PER_CLIENT_HOUR = 10
    for i in range(4):
        assert client.post(CONTACT, valid_data(name=f"Person {i}")).status_code == 303
    assert outbox_send_due() == (6, 0)  # four notices, two acknowledgements
    leads = list(Lead.objects.order_by("pk"))
    assert [lead.possible_spam for lead in leads] == [False, False, True, True]
    assert not any(lead.is_spam for lead in leads)
    assert "rate_limited" in leads[-1].spam_reasons
    assert len([m for m in mail.outbox if m.subject.startswith("New lead")]) == 4


def test_rate_limit_counts_per_client_address(settings):
    settings.LEADS_RATE_LIMIT = 1
    Client(REMOTE_ADDR="10.0.0.1").post(CONTACT, valid_data(name="A"))
    Client(REMOTE_ADDR="10.0.0.2").post(CONTACT, valid_data(name="B"))
    assert not any(lead.possible_spam for lead in Lead.objects.all())


def test_rate_limit_window_passes(client, settings, time_machine):
    settings.LEADS_RATE_LIMIT = 1
    client.post(CONTACT, valid_data(name="A"))
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    client.post(CONTACT, valid_data(name="B", form_token=waited_token()))
    assert not any(lead.possible_spam for lead in Lead.objects.all())


# Notification


def test_notification_has_no_health_information(client, settings):
    settings.LEADS_NOTIFY_EMAILS = ["desk@clinic.test"]
    settings.SITE_URL = "https://clinic.example"
    post = make_post("Sciatica relief")
    client.post(CONTACT, valid_data(article=post.slug, message="Secret symptom text"))
    assert len(mail.outbox) == 0  # nothing is sent inside the request
    assert outbox_send_due() == (2, 0)
    notice = next(m for m in mail.outbox if m.to == ["desk@clinic.test"])
    lead = Lead.objects.get()
    assert notice.subject == f"New lead #{lead.pk}"
    assert f"New lead #{lead.pk}, received at" in notice.body
    assert "Sciatica relief" in notice.body
    assert f"https://clinic.example/admin/leads/lead/{lead.pk}/change/" in notice.body
    for private in ("Jamie", "Rivera", "Secret symptom", "555", "jamie@", "heel"):
        assert private not in notice.subject + notice.body


@pytest.mark.parametrize(
    ("page", "named"),
    [
        ("/contact/", "the contact page"),
        ("/condition-checker/", "the site"),  # says so only with checker answers
        ("/articles/sign-in-again-at-https-evil-test/", "the site"),
        ("/Please sign in again at https://evil.test", "the site"),
        ("https://evil.test/login", "the site"),
    ],
)
def test_staff_email_names_the_page_in_our_own_words(client, settings, page, named):
    """Whatever a visitor puts in the hidden `page` field never reaches the
    front desk's mail: it names one of our pages, or just the site."""
    client.post(CONTACT, valid_data(page=page))
    outbox_send_due()
    notice = next(m for m in mail.outbox if m.subject.startswith("New lead"))
    assert f"from {named}." in notice.body
    assert "evil" not in notice.body and "sign in" not in notice.body.lower()


def test_staff_email_names_the_condition_checker_for_its_leads(client):
    """A lead sent with the checker's signed answers came from the checker."""
    from leads.forms import sign_checker_answers

    attached = sign_checker_answers(version=3, summary="Where does it hurt? Heel")
    client.post(CONTACT, valid_data(page="/condition-checker/", checker_state=attached))
    outbox_send_due()
    notice = next(m for m in mail.outbox if m.subject.startswith("New lead"))
    assert "from the condition checker." in notice.body
    assert "Heel" not in notice.body


def test_acknowledgement_repeats_nothing_the_patient_wrote(client):
    client.post(CONTACT, valid_data())
    outbox_send_due()
    ack = next(m for m in mail.outbox if m.to == ["jamie@example.test"])
    for private in ("Jamie", "heel", "555-0199"):
        assert private not in ack.subject + ack.body


def test_mail_outage_does_not_lose_the_submission(client, settings, time_machine):
    """With the mail server down the form still works; mail goes out once it is back."""
    settings.EMAIL_BACKEND = "tests.outbox.failing_mail.FailingBackend"
    response = client.post(CONTACT, valid_data())
    assert response.status_code == 303
    assert outbox_send_due() == (0, 2)
    pending = OutboxEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert pending.first().attempts == 1
    assert "ConnectionRefusedError" in pending.first().last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_send_due() == (0, 0)  # not yet: backing off
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    assert outbox_send_due() == (2, 0)
    assert len(mail.outbox) == 2
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()


# Calls


def test_call_links_still_call_without_javascript(client):
    html = client.get("/contact/").content.decode()
    assert re.search(r'<a [^>]*href="tel:\+12015550142"[^>]*data-call-link', html)


# Bad and hostile input


def test_wrong_methods_are_405(client):
    assert client.put(CONTACT).status_code == 405
    assert client.delete(CONTACT).status_code == 405
    assert client.get("/calls/").status_code == 405


def test_missing_csrf_token_is_403_and_keeps_what_was_typed():
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(CONTACT, valid_data())
    assert response.status_code == 403
    assert b"Your message was not sent yet" in response.content
    assert b"My heel hurts every morning." in response.content
    assert not Lead.objects.exists()


def test_forged_csrf_token_is_403():
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.get(CONTACT)
    data = valid_data(csrfmiddlewaretoken="x" * 64)
    assert csrf_client.post(CONTACT, data).status_code == 403
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "a" * 121),
        ("message", "a" * 3001),
        ("email", "a" * 250 + "@x.test"),
        ("name", "Null\x00byte"),
        ("message", "Null\x00byte"),
        ("preferred_contact", "carrier-pigeon"),
        ("topic", "99999"),
        ("topic", "not-a-number"),
    ],
)
def test_bad_field_values_are_form_errors(client, field, value):
    response = client.post(CONTACT, valid_data(**{field: value}))
    assert response.status_code == 400
    assert not Lead.objects.exists()


def test_ten_megabyte_body_is_a_clear_400(client):
    response = client.post(CONTACT, valid_data(message="a" * 10_000_000))
    assert response.status_code == 400
    assert b"We could not read that request" in response.content
    assert not Lead.objects.exists()


def test_invalid_utf8_is_not_a_500(client):
    body = (
        b"name=\xff\xfe&message=\xc3\x28&consent=on&phone=2015550199"
        b"&preferred_contact=call"
    )
    response = client.generic(
        "POST", CONTACT, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert b"We could not read that request" in response.content
    assert not Lead.objects.exists()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(
        [
            "name",
            "phone",
            "email",
            "preferred_contact",
            "message",
            "topic",
            "consent",
            "website",
            "form_token",
            "page",
            "article",
        ]
    ),
    value=st.text(max_size=400),
)
def test_arbitrary_text_in_any_field_never_fails(field, value):
    """Any text in any field: a 303 (stored whole) or a 400 (nothing stored)."""
    before = Lead.objects.count()
    response = Client().post(CONTACT, valid_data(**{field: value}))
    assert response.status_code in (303, 400)
    after = Lead.objects.count()
    assert after - before == (1 if response.status_code == 303 else 0)


def test_article_page_with_the_form_is_not_shared_by_caches(client):
    """The page holds a per-visitor CSRF token, so shared caches must not store it."""
    response = client.get(make_post().get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_rate_limit_uses_the_forwarded_client_behind_a_trusted_proxy(settings):
    """Behind a load balancer, patients are told apart by X-Forwarded-For."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.LEADS_RATE_LIMIT = 1
    for i, address in enumerate(["198.51.100.1", "198.51.100.2", "198.51.100.3"]):
        Client(REMOTE_ADDR="10.0.0.9").post(
            CONTACT,
            valid_data(name=f"Person {i}"),
            HTTP_X_FORWARDED_FOR=f"203.0.113.66, {address}",
        )
    assert not any(lead.possible_spam for lead in Lead.objects.all())
    # The left-most entry is whatever the client claimed: it is not trusted.
    Client(REMOTE_ADDR="10.0.0.9").post(
        CONTACT,
        valid_data(name="Person 9"),
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1",
    )
    assert [lead.name for lead in Lead.objects.all() if lead.possible_spam] == [
        "Person 9"
    ]


def test_deleting_the_topic_or_article_keeps_what_the_lead_was_about(client):
    """What a patient sent, and from where, never changes after the fact: the
    lead keeps the names, and its history says what was deleted."""
    topic = make_topic("Plantar fasciitis")
    post = make_post("Morning heel pain", topics=[topic])
    client.post(
        CONTACT,
        valid_data(article=post.slug, page=post.get_absolute_url(), topic=topic.pk),
    )
    post.delete()
    topic.delete()
    lead = Lead.objects.get()
    assert lead.topic is None and lead.article is None
    assert lead.topic_name == "Plantar fasciitis"
    assert lead.article_title == "Morning heel pain"
    assert lead.origin_label == "the article “Morning heel pain”"
    history = [event.text for event in lead.events.all()]
    assert (
        "The article “Morning heel pain” was deleted; the lead keeps its title."
        in history
    )
    assert (
        "The topic “Plantar fasciitis” was deleted; the lead keeps its name." in history
    )
