import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Topic
from checker import engine as checker
from checker.models import CheckerDay, CheckerOption, RuleSet
from checker.services import rule_set_copy, rule_set_make_live
from leads.models import Lead
from tests.factories import make_checker, make_editor, make_post

pytestmark = pytest.mark.django_db
URL = "/condition-checker/"
STATE = re.compile(r'name="state" value="([^"]+)"')


@pytest.fixture
def rules():
    rule_set = make_checker()
    plantar = Topic.objects.get(slug="plantar-fasciitis")
    foot = Topic.objects.get(slug="foot-and-ankle")
    for i in range(3):
        make_post(f"Plantar article {i}", topics=[plantar])
    make_post("Ankle article", topics=[foot])
    return rule_set


def answer(client, state, step, *codes, action="next"):
    data = {"state": state, "step": step, "action": action, "answer": list(codes)}
    return client.post(URL, data)


def walk(client, answers):
    """Answer steps in order; returns the last response."""
    response = client.get(URL)
    for step, codes in enumerate(answers):
        state = STATE.search(response.content.decode()).group(1)
        response = answer(client, state, step, *codes)
    return response


HEEL = [["none"], ["heel"], ["months"], ["mornings"], ["no"], ["no"]]


def test_heel_months_mornings_points_to_plantar_fasciitis(client, rules):
    response = walk(client, HEEL)
    html = response.content.decode()
    assert "Conditions people with answers like yours often read about" in html
    assert "This is not a diagnosis." in html
    assert html.index("Plantar fasciitis") < html.index("Foot and ankle")
    assert 3 <= html.count('class="post-card"') <= 5
    assert "Plantar article 0" in html
    assert 'name="attach_answers"' in html
    assert CheckerDay.objects.get().results_shown == 1


def test_progress_and_one_question_per_step(client, rules):
    html = client.get(URL).content.decode()
    assert "Step 1 of 6" in html
    assert "Do any of these apply to you right now?" in html
    assert "<legend>" in html and "autofocus" in html
    state = STATE.search(html).group(1)
    html = answer(client, state, 0, "none").content.decode()
    assert "Step 2 of 6" in html and "Where does it hurt?" in html


def test_red_flag_stops_with_emergency_message_and_no_articles(client, rules):
    html = walk(client, [["bladder"]]).content.decode()
    assert "Please get urgent medical care now" in html
    assert 'href="tel:911"' in html
    assert 'class="post-card"' not in html
    assert "Articles to read" not in html
    assert CheckerDay.objects.get().red_flag_stops == 1


def test_red_flag_later_in_the_steps_also_stops(client, rules):
    html = walk(
        client, [["none"], ["lower-back"], ["days"], ["sitting"], ["yes"], ["groin"]]
    )
    assert "Please get urgent medical care now" in html.content.decode()


def test_back_keeps_answers(client, rules):
    response = walk(client, [["none"], ["heel"]])
    state = STATE.search(response.content.decode()).group(1)
    back = answer(client, state, 2, action="back").content.decode()
    assert "Where does it hurt?" in back
    assert re.search(r'value="heel" checked', back)


def test_no_answer_is_a_clear_error_on_the_same_step(client, rules):
    state = STATE.search(client.get(URL).content.decode()).group(1)
    response = answer(client, state, 0)
    assert response.status_code == 400
    assert b"Please choose an answer to go on." in response.content
    assert b"Step 1 of 6" in response.content


@pytest.mark.parametrize(
    "tamper",
    ["forged", "skip", "unknown", "old-version", "bad-step"],
)
def test_tampered_requests_get_a_clear_message_and_a_way_back(client, rules, tamper):
    state = STATE.search(client.get(URL).content.decode()).group(1)
    if tamper == "forged":
        response = answer(client, state[:-3] + "xyz", 0, "none")
    elif tamper == "skip":
        response = answer(client, state, 3, "mornings")
    elif tamper == "unknown":
        response = answer(client, state, 0, "<script>")
    elif tamper == "bad-step":
        response = answer(client, state, "nine", "none")
    else:
        old = signing.dumps({"v": 0, "a": {}, "p": None}, salt=checker.STATE_SALT)
        response = answer(client, old, 0, "none")
    assert response.status_code == 400
    assert b"Start the checker again" in response.content
    assert b"<script>" not in response.content


def test_replayed_state_after_a_new_version_goes_live(client, rules):
    state = STATE.search(client.get(URL).content.decode()).group(1)
    draft = rule_set_copy(rule_set=rules)
    draft.reviewer, draft.reviewed_on = rules.reviewer, rules.reviewed_on
    draft.save()
    rule_set_make_live(rule_set=draft)
    response = answer(client, state, 0, "none")
    assert response.status_code == 400
    assert b"updated since you started" in response.content


def test_answers_are_never_stored_until_the_patient_writes(client, rules):
    walk(client, HEEL)
    assert not Lead.objects.exists()


def test_lead_from_the_checker_keeps_summary_and_version_when_ticked(
    client, rules, settings
):
    settings.LEADS_MIN_SECONDS = 0
    html = walk(client, HEEL).content.decode()
    fields = dict(
        re.findall(r'name="(checker_state|form_token|page)" value="([^"]*)"', html)
    )
    data = {
        **fields,
        "name": "Sam Okafor",
        "phone": "2015550144",
        "preferred_contact": "call",
        "message": "Heel pain.",
        "topic": Topic.objects.get(slug="plantar-fasciitis").pk,
        "consent": "on",
    }
    client.post("/contact/", {**data, "attach_answers": "on"})
    lead = Lead.objects.get()
    assert lead.checker_version == rules.version
    assert "Where does it hurt? Heel" in lead.checker_summary
    assert "Mornings" in lead.checker_summary
    Lead.objects.all().delete()
    client.post("/contact/", {**data, "name": "Sam Two"})  # box not ticked
    lead = Lead.objects.get()
    assert lead.checker_version == rules.version and lead.checker_summary == ""


def test_no_live_rule_set_is_a_friendly_page(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b"not available right now" in response.content


def test_preview_is_for_editors_only_and_counts_nothing(client, rules):
    draft = rule_set_copy(rule_set=rules)
    url = reverse("checker:preview", kwargs={"preview_pk": draft.pk})
    assert client.get(url).status_code == 403
    client.force_login(make_editor())
    html = client.get(url).content.decode()
    assert "Preview" in html and f"v{draft.version}" in html
    response = client.post(
        url,
        {"state": STATE.search(html).group(1), "step": 0, "answer": ["bladder"]},
    )
    assert b"urgent medical care" in response.content
    assert not CheckerDay.objects.exists()


def test_live_rule_set_cannot_be_edited_or_deleted_in_admin(client, rules):
    client.force_login(make_editor())
    change = reverse("admin:checker_ruleset_change", args=[rules.pk])
    response = client.post(change, {"name": "sneaky"})
    assert response.status_code == 403
    rules.refresh_from_db()
    assert rules.name != "sneaky"
    delete = reverse("admin:checker_ruleset_delete", args=[rules.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_making_live_needs_a_review(rules):
    draft = RuleSet.objects.create(name="Unreviewed")
    CheckerOption.objects.create(rule_set=draft, question="where", code="x", label="X")
    with pytest.raises(Exception, match="medical reviewer"):
        rule_set_make_live(rule_set=draft)
    assert RuleSet.objects.live().get() == rules


def test_making_live_needs_a_review_that_has_happened(rules):
    draft = rule_set_copy(rule_set=rules)
    RuleSet.objects.filter(pk=draft.pk).update(
        reviewer=rules.reviewer, reviewed_on=timezone.localdate() + timedelta(days=1)
    )
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot be in the future"):
        rule_set_make_live(rule_set=draft)
    assert RuleSet.objects.live().get() == rules


def test_copy_keeps_options_and_rules(rules):
    copy = rule_set_copy(rule_set=rules)
    assert copy.status == "draft" and copy.version == rules.version + 1
    assert copy.options.count() == rules.options.count()
    assert copy.rules.count() == rules.rules.count()
    for rule in copy.rules.all():
        assert all(o.rule_set_id == copy.pk for o in rule.options.all())


def test_result_page_back_returns_to_the_last_question_with_its_answer(client, rules):
    html = walk(client, HEEL).content.decode()
    state = STATE.search(html).group(1)
    back = answer(client, state, 6, action="back").content.decode()
    assert "Step 6 of 6" in back
    assert re.search(r'value="no" checked', back)


def test_ticked_answers_are_kept_when_going_back(client, rules):
    response = walk(client, [["none"], ["heel"]])
    state = STATE.search(response.content.decode()).group(1)
    back = answer(client, state, 2, "weeks", action="back")
    state = STATE.search(back.content.decode()).group(1)
    forward = answer(client, state, 1, "heel").content.decode()
    assert re.search(r'value="weeks" checked', forward)


def test_a_result_always_offers_three_articles(client, rules):
    for i in range(3):
        make_post(f"General article {i}")
    html = walk(
        client, [["none"], ["hip"], ["days"], ["walking"], ["no"], ["no"]]
    ).content.decode()
    assert "did not point to one of our topics" in html
    assert html.count('class="post-card"') >= 3


def test_incomplete_rule_set_cannot_go_live(rules):
    draft = rule_set_copy(rule_set=rules)
    draft.reviewer, draft.reviewed_on = rules.reviewer, rules.reviewed_on
    draft.save()
    draft.options.filter(question="numbness").delete()
    with pytest.raises(Exception, match="missing: Do you have numbness"):
        rule_set_make_live(rule_set=draft)
    draft.options.update(is_red_flag=False)
    CheckerOption.objects.create(
        rule_set=draft, question="numbness", code="n", label="N"
    )
    with pytest.raises(Exception, match="red flag"):
        rule_set_make_live(rule_set=draft)
    assert RuleSet.objects.live().get() == rules


def test_unknown_action_from_the_result_page_is_a_clear_page(client, rules):
    state = STATE.search(walk(client, HEEL).content.decode()).group(1)
    response = client.post(URL, {"state": state, "step": 6, "action": "x"})
    assert response.status_code == 400
    assert b"Start the checker again" in response.content


def test_front_desk_cannot_open_checker_rules(client, rules):
    from tests.factories import make_front_desk

    client.force_login(make_front_desk())
    assert client.get(reverse("admin:checker_ruleset_changelist")).status_code == 403
    url = reverse("checker:preview", kwargs={"preview_pk": rules.pk})
    assert client.get(url).status_code == 403
