"""Versions of a post: one per save, restored as new ones, never silently
overwritten by a second editor; the editorial history; the reviewers' diff."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains

from articles import diff
from articles.models import Post, PostEvent, version_topics
from articles.services import (
    post_import_version,
    post_record_past_review,
    post_save_version,
)
from clinic.roles import EDITORS
from tests.articles.reviewing import (
    approve_in_admin,
    change_url,
    edit,
    in_review,
    review_url,
    save_in_admin,
    signed_in,
    versions_url,
    withdraw_url,
)
from tests.factories import (
    approve,
    make_editor,
    make_post,
    make_reviewer,
    make_reviewer_user,
    make_topic,
    make_user,
    post_form_data,
)

pytestmark = pytest.mark.django_db


def test_every_admin_save_keeps_exactly_one_version_with_its_topics():
    """Adding, then saving and sending, keep one version each, topics included."""
    editor = make_editor()
    client = signed_in(editor)
    knee, hip = make_topic("Knee"), make_topic("Hip")
    data = post_form_data(author=editor.pk, topics=[knee.pk, hip.pk])
    assert client.post(reverse("admin:articles_post_add"), data).status_code == 302
    post = Post.objects.get()
    assert post.history.count() == 1
    assert {t.name for t in version_topics(post.latest_version())} == {"Knee", "Hip"}
    response = save_in_admin(client, post, topics=[hip.pk], _send_for_review="1")
    assert response.status_code == 302
    assert post.history.count() == 2
    assert [t.name for t in version_topics(post.latest_version())] == ["Hip"]
    assert post.latest_version().history_user == editor


def test_restoring_an_old_version_makes_a_new_one_to_review(client):
    """The old words and topics come back as the working copy; patients keep
    reading the approved version."""
    knee, hip = make_topic("Knee"), make_topic("Hip")
    post = make_post("First title", body="First words.", topics=[knee])
    first = post.approval.version
    post.title, post.body = "Second title", "Second words."
    post_save_version(
        post=post, by=make_editor(), save_m2m=lambda: post.topics.set([hip])
    )
    approve(post, make_reviewer_user())
    live = post.approval
    editor = make_editor()
    response = signed_in(editor).post(
        versions_url(post),
        {"version": first.history_id},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    restored = post.latest_version()
    assert restored.history_id > live.version.history_id
    assert (restored.title, restored.body) == ("First title", "First words.")
    assert version_topics(restored) == [knee]
    assert (post.title, list(post.topics.all())) == ("First title", [knee])
    assert post.approval == live
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Second words." in html and "First words." not in html
    event = post.events.get(action=PostEvent.Action.RESTORED)
    assert event.by == editor and event.version == restored


# What an editor can type: the admin's form refuses NUL characters.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    before=TEXT,
    after=TEXT,
    title=st.sampled_from(["<script>alert(1)</script>", "A & B", "Plain"]),
)
def test_diff_of_any_two_texts_never_fails_and_escapes_html(before, after, title):
    """Any two texts give a diff, and no markup from them gets through."""
    post = make_post(
        title="Start",
        body=before + "\n\n<script>alert(2)</script>",
        status=Post.Status.DRAFT,
    )
    old = post.latest_version()
    post.title = title
    post.excerpt = f"<b>{after[:100]}</b>"
    post.body = after + "\n\n<script>alert(3)</script>"
    new = post_save_version(post=post, by=make_editor())
    for html in (
        "".join(row.html for row in diff.diff_versions(old, new)),
        "".join(row.html for row in diff.diff_versions(None, new)),
    ):
        assert "<script" not in html.lower() and "<b>" not in html


def make_named_editor(username, first, last):
    return make_user(username, groups=[EDITORS], first_name=first, last_name=last)


def test_two_editors_saving_at_once_the_second_is_told_and_nothing_is_lost():
    """The second save is refused with the other version shown; saving again
    after reading it keeps the second editor's words, and the first's stay in
    the versions."""
    post = make_post("Knee care", body="Ice it.", topics=[make_topic()])
    ann = signed_in(make_named_editor("ann", "Ann", "Lee"))
    ben = signed_in(make_editor())
    opened = post_form_data(post)  # both open the form on the same version
    versions = post.history.count()
    first = ann.post(change_url(post), {**opened, "body": "Ice it for 15 minutes."})
    assert first.status_code == 302
    second = ben.post(change_url(post), {**opened, "body": "Ice it, then rest."})
    assert second.status_code == 200
    assertContains(second, "Someone else saved this post while you were editing it")
    assertContains(second, "Ann Lee")
    assertContains(second, "The other version, compared with the one you started")
    assertContains(second, "for 15 minutes.</ins>")
    assertContains(second, "Ice it, then rest.")  # the second editor's words kept
    post.refresh_from_db()
    assert post.body == "Ice it for 15 minutes."
    assert post.history.count() == versions + 1
    html = second.content.decode()
    base = re.search(r'name="base_version" value="(\d+)"', html).group(1)
    again = ben.post(
        change_url(post), {**opened, "body": "Ice it, then rest.", "base_version": base}
    )
    assert again.status_code == 302
    post.refresh_from_db()
    assert post.body == "Ice it, then rest."
    assert post.history.filter(body="Ice it for 15 minutes.").exists()


def test_edit_conflict_message_gives_the_time_in_the_clinics_time_zone(time_machine):
    """“Someone else saved … (Ann Lee, 10:00)” is the time on the clinic's clocks."""
    saved_at = timezone.make_aware(datetime(2027, 3, 3, 10, 0))
    post = make_post("Knee care", topics=[make_topic()])
    opened = post_form_data(post)
    time_machine.move_to(saved_at, tick=False)
    ann = signed_in(make_named_editor("ann", "Ann", "Lee"))
    ann.post(change_url(post), {**opened, "body": "Ice it for 15 minutes."})
    second = signed_in(make_editor()).post(
        change_url(post), {**opened, "body": "Ice it, then rest."}
    )
    assertContains(second, "(Ann Lee, 2027-03-03 10:00)")


def test_editorial_history_says_who_did_what_and_when(time_machine):
    """Each action is on the change form with who did it and the local time."""
    time_machine.move_to(timezone.make_aware(datetime(2027, 3, 3, 10, 0)), tick=False)
    ann = make_named_editor("ann", "Ann", "Lee")
    reviewer = make_reviewer_user()
    reviewer.last_name = "Reyes"
    reviewer.save()
    editor, clinician = signed_in(ann), signed_in(reviewer)
    data = post_form_data(author=ann.pk, topics=[make_topic().pk])
    add = reverse("admin:articles_post_add")
    assert editor.post(add, {**data, "_send_for_review": "1"}).status_code == 302
    post = Post.objects.get()
    first = post.latest_version()
    steps = [
        approve_in_admin(clinician, post),
        save_in_admin(editor, post, body="Changed.", _send_for_review="1"),
        clinician.post(review_url(post), {"send_back": "1", "comment": "Too short."}),
        editor.post(versions_url(post), {"version": first.history_id}),
        editor.post(withdraw_url(post), {"reason": "Pulled for now."}),
    ]
    assert [step.status_code for step in steps] == [302] * 5

    html = editor.get(change_url(post)).content.decode()
    table = html.split('class="editorial-history"')[1].split("</table>")[0]
    rows = re.findall(
        r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", table
    )
    assert [(what, who) for _, what, who, _ in rows] == [
        ("Withdrawn", "Ann Lee"),
        ("Restored an old version", "Ann Lee"),
        ("Saved", "Ann Lee"),
        ("Sent back", "Dana Reyes"),
        ("Sent for review", "Ann Lee"),
        ("Saved", "Ann Lee"),
        ("Published", "Dana Reyes"),
        ("Approved", "Dana Reyes"),
        ("Sent for review", "Ann Lee"),
        ("Saved", "Ann Lee"),
    ]
    assert {when for when, *_ in rows} == {"2027-03-03 10:00"}
    notes = [note for *_, note in rows]
    assert "Pulled for now." in notes and "Too short." in notes


def test_versions_page_lists_versions_saved_without_a_login():
    """Versions from before sign-off (the migration, demo content) have no
    login: the page lists them with a dash and still offers restore."""
    post = make_post("Carried over", body="Old words.")
    edit(post, body="New words.")
    response = signed_in(make_editor()).get(versions_url(post))
    assert response.status_code == 200
    assertContains(response, "<td>–</td>", html=True)
    assertContains(response, "Restore as a new version")


def test_a_save_from_a_form_opened_before_approval_keeps_the_approval():
    """The editor's copy of the post was read before the reviewer approved and
    published it: saving it publishes nothing back, unapproves nothing."""
    from articles.services import post_save_version
    from tests.factories import approve, make_editor, make_post, make_reviewer_user

    post = make_post("Stale copy", status=Post.Status.DRAFT)
    stale = Post.objects.get(pk=post.pk)
    approval = approve(post, make_reviewer_user())
    stale.excerpt = "Edited meanwhile."
    post_save_version(post=stale, by=make_editor())
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.approval == approval
    assert post.published_at is not None and post.live_version == approval.version
    assert post.excerpt == "Edited meanwhile." and post.is_live


def test_going_live_reads_the_same_in_the_history_whichever_way_it_happens(
    time_machine,
):
    """An approval, an import and a review carried over all publish the post
    with the version; the history says when it shows (local time)."""
    time_machine.move_to(timezone.make_aware(datetime(2027, 3, 3, 10, 0)), tick=False)
    later = timezone.make_aware(datetime(2027, 3, 5, 8, 30))

    def published_note(post):
        event = post.events.filter(action=PostEvent.Action.PUBLISHED).get()
        return event.comment

    approved = in_review("Approved now")
    approve(approved, make_reviewer_user())
    scheduled = in_review("Approved for later", published_at=later)
    approve(scheduled, make_reviewer_user())
    imported = make_post("Imported", status=Post.Status.DRAFT)
    post_import_version(post=imported, topics=[], go_live=True, reason="Import")
    carried = make_post("Carried over", status=Post.Status.DRAFT)
    post_record_past_review(
        post=carried, reviewer=make_reviewer(), reviewed_at=timezone.now()
    )
    for post in (approved, scheduled, imported, carried):
        post.refresh_from_db()
        assert post.status == Post.Status.PUBLISHED
        assert post.live_version == post.latest_version()
        assert (post.withdrawn_at, post.withdrawn_reason) == (None, "")
    assert published_note(approved) == "now"
    assert published_note(scheduled) == "at 2027-03-05 08:30"
    assert published_note(imported) == "now, without review"
    assert not carried.events.filter(action=PostEvent.Action.PUBLISHED).exists()
    assert carried.published_at == timezone.now()
