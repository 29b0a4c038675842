"""
Routing, at once: a new, non-spam lead gets its team and owner in the
transaction that stores it (leads.services._lead_store).

The team is the one serving the lead's office, preferring a team whose topics
include the lead's topic, then a team without topics. Within the team,
round-robin among active members not marked away: the team's row is locked
(SELECT … FOR UPDATE) while its next turn is taken, so leads sent at the same
moment to several app servers are handed out strictly in turn. With nobody
available the lead goes to the team lead and is flagged.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

from clinic.pagecache import cached_value
from leads.models import Team, TeamMember

TEAM_LOCATIONS = "leads:team-locations"


@dataclass
class Route:
    team: Team | None = None
    owner: Any = None  # a user, or None
    to_team_lead: bool = False
    rule: str = ""

    def record(self, lead):
        """The assignment in the lead's history, with the rule that made it."""
        from leads.models import LeadEvent

        if self.rule:
            who = self.owner.get_username() if self.owner else "nobody"
            LeadEvent.objects.create(
                lead=lead,
                kind=LeadEvent.Kind.ASSIGN,
                text=f"Assigned to {who} ({self.rule})",
            )


def route_lead(location, topic_id):
    """Where a new lead goes (takes a turn: call it inside the lead's
    transaction). No team for the office: Route() (stays unassigned)."""
    if location is None or location.pk not in locations_with_teams():
        return Route()
    team = _team_for(location, topic_id)
    if team is None:
        return Route()
    member = (
        TeamMember.objects.filter(team=team, away=False, user__is_active=True)
        .select_related("user")
        .order_by("last_turn", "pk")
        .first()
    )
    if member is not None:
        team.turns += 1
        Team.objects.filter(pk=team.pk).update(turns=team.turns)
        TeamMember.objects.filter(pk=member.pk).update(last_turn=team.turns)
        return Route(team, member.user, False, f"round-robin in team {team.name}")
    lead_member = (
        TeamMember.objects.filter(team=team, is_lead=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if lead_member is not None:
        return Route(
            team, lead_member.user, True, f"team lead of {team.name}: nobody available"
        )
    return Route(team, None, True, f"team {team.name}: nobody available, no team lead")


def locations_with_teams():
    """The offices some team answers for, kept with the pages (cleared when a
    team changes: leads/signals.py), so a clinic without teams routes a lead
    without a query."""
    return cached_value(TEAM_LOCATIONS, _team_location_ids)


def _team_location_ids():
    return frozenset(
        Team.locations.through.objects.values_list("location_id", flat=True)
    )


def _team_for(location, topic_id):
    """The office's team, locked until the transaction ends; the most specific
    first (its topics include the lead's), then one without topics."""
    topics = Team.topics.through.objects.filter(team=OuterRef("pk"))
    ranks = [When(~Exists(topics), then=Value(1))]
    if topic_id:
        ranks.insert(0, When(Exists(topics.filter(topic_id=topic_id)), then=Value(0)))
    return (
        Team.objects.filter(locations=location)
        .annotate(rank=Case(*ranks, default=Value(2), output_field=IntegerField()))
        .filter(rank__lt=2)  # a team for other topics only is not this lead's
        .order_by("rank", "pk")
        .select_for_update(of=("self",))
        .first()
    )


def member_set_away(*, user, away):
    """Mark `user` away (or back) in every team they belong to; each team's
    history (the admin's log) records it. Returns the teams changed."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.db import transaction

    with transaction.atomic():
        changed = list(
            Team.objects.filter(members__user=user, members__away=not away).distinct()
        )
        TeamMember.objects.filter(user=user).update(away=away)
        if changed:
            LogEntry.objects.log_actions(
                user_id=user.pk,
                queryset=changed,
                action_flag=CHANGE,
                change_message=f"{user.get_username()} marked "
                + ("away" if away else "back"),
                single_object=len(changed) == 1,
            )
    return changed
