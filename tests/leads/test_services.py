import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from leads.models import AuditEntry, Lead, LeadEvent
from leads.services import lead_change_status
from tests.factories import make_editor, make_front_desk, make_lead, make_lead_viewer

pytestmark = pytest.mark.django_db
S = Lead.Status


@pytest.fixture
def desk_user():
    return make_front_desk("franco")


@pytest.mark.parametrize(
    "steps",
    [
        [S.CONTACTED, S.BOOKED, S.CLOSED],
        [S.BOOKED],  # booked on the first call
        [S.CONTACTED, S.NOT_FIT],
        [S.CONTACTED, S.BOOKED, S.NOT_FIT, S.CLOSED],  # outcome corrected
    ],
)
def test_front_desk_moves_a_lead_forward_step_by_step_or_skipping(desk_user, steps):
    """Each move forward is made, with an event and an audit entry."""
    lead = make_lead()
    for step in steps:
        lead_change_status(lead=lead, to=step, by=desk_user)
    lead.refresh_from_db()
    assert lead.status == steps[-1] and lead.first_contacted_at is not None
    assert list(lead.events.values_list("to_status", flat=True)) == steps
    assert AuditEntry.objects.filter(action="change").count() == len(steps)


@pytest.mark.parametrize(
    ("now", "to"),
    [
        (S.BOOKED, S.CONTACTED),
        (S.CLOSED, S.CONTACTED),
        (S.NOT_FIT, S.CONTACTED),
        (S.CLOSED, S.BOOKED),
        (S.CONTACTED, S.NEW),
        (S.BOOKED, S.NEW),
    ],
)
def test_a_lead_never_moves_back_to_an_earlier_step(desk_user, now, to):
    """The service refuses, says why, and records nothing."""
    lead = make_lead(status=now)
    with pytest.raises(ValidationError) as refused:
        lead_change_status(lead=lead, to=to, by=desk_user)
    assert refused.value.code == "status_backwards"
    assert f"never moves back to “{to.label}”" in refused.value.messages[0]
    lead.refresh_from_db()
    assert lead.status == now
    assert not LeadEvent.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.parametrize("now", [S.NEW, S.CONTACTED, S.BOOKED, S.CLOSED, S.NOT_FIT])
def test_any_lead_can_be_marked_spam_and_recovered_where_it_was(desk_user, now):
    """Spam stands aside from the steps: in from anywhere, back to where it was."""
    lead = make_lead(status=now)
    lead_change_status(lead=lead, to=S.SPAM, by=desk_user)
    assert lead.is_spam and lead.status_before_spam() == now
    lead_change_status(lead=lead, to=now, by=desk_user)
    lead.refresh_from_db()
    assert lead.status == now and not lead.is_spam


def test_a_detour_through_spam_never_moves_a_lead_back(desk_user):
    """Booked, marked spam by mistake, then "contacted": refused; it is booked."""
    lead = make_lead(status=S.BOOKED)
    lead_change_status(lead=lead, to=S.SPAM, by=desk_user)
    with pytest.raises(ValidationError) as refused:
        lead_change_status(lead=lead, to=S.CONTACTED, by=desk_user)
    assert refused.value.code == "status_backwards"
    lead_change_status(lead=lead, to=S.CLOSED, by=desk_user)  # forward is fine
    assert lead.status == S.CLOSED and not lead.is_spam


def test_recovered_spam_may_go_straight_to_where_staff_took_it(desk_user):
    """A misjudged lead staff have already called is recovered as contacted."""
    lead = make_lead(is_spam=True, status=S.SPAM)
    lead_change_status(lead=lead, to=S.CONTACTED, by=desk_user)
    lead.refresh_from_db()
    assert lead.status == S.CONTACTED and not lead.is_spam
    assert lead.first_contacted_at is not None


def test_the_rules_judge_the_lead_as_stored_not_a_stale_copy(desk_user):
    """Someone booked the lead after this copy was loaded: it stays booked."""
    stale = make_lead()
    Lead.objects.filter(pk=stale.pk).update(status=S.BOOKED)
    with pytest.raises(ValidationError):
        lead_change_status(lead=stale, to=S.CONTACTED, by=desk_user)
    stale.refresh_from_db()
    assert stale.status == S.BOOKED


def test_an_unknown_status_is_refused(desk_user):
    lead = make_lead()
    with pytest.raises(ValidationError) as refused:
        lead_change_status(lead=lead, to="lost", by=desk_user)
    assert refused.value.code == "invalid_status"


@pytest.mark.parametrize("make_user", [make_lead_viewer, make_editor])
def test_a_user_without_change_permission_cannot_change_a_status(make_user):
    """Viewing leads (or none at all) is not enough; nothing is recorded."""
    lead = make_lead()
    with pytest.raises(PermissionDenied):
        lead_change_status(lead=lead, to=S.CONTACTED, by=make_user())
    lead.refresh_from_db()
    assert lead.status == S.NEW
    assert not LeadEvent.objects.exists() and not AuditEntry.objects.exists()


def test_the_system_may_change_a_status_without_a_user():
    lead = make_lead()
    lead_change_status(lead=lead, to=S.SPAM, by=None)
    assert LeadEvent.objects.get().author is None


def test_only_the_front_desk_may_assign_leads_or_add_notes():
    """The services refuse what the admin would refuse, whoever calls them."""
    from django.core.exceptions import PermissionDenied

    from leads.services import lead_add_note, lead_assign
    from tests.factories import make_editor

    lead = make_lead()
    editor = make_editor()
    with pytest.raises(PermissionDenied):
        lead_assign(lead=lead, to=editor, by=editor)
    with pytest.raises(PermissionDenied):
        lead_add_note(lead=lead, text="Hello", by=editor)
    assert not LeadEvent.objects.exists()
