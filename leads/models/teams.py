"""Front-desk teams: who answers the leads of which locations (and topics).

Models only; leads/routing.py assigns new leads to them."""

from django.conf import settings
from django.db import models


class Team(models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text="E.g. “Maple Hollow desk”."
    )
    locations = models.ManyToManyField(
        "locations.Location",
        related_name="teams",
        help_text="The offices whose appointment requests this team answers.",
    )
    topics = models.ManyToManyField(
        "articles.Topic",
        blank=True,
        related_name="teams",
        help_text="Optional: only these topics. A team with topics takes those "
        "topics' leads before a team without any at the same office.",
    )
    # Round-robin: each assignment takes the next turn number; the member whose
    # last turn is the oldest goes next (leads/routing.py).
    turns = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        help_text="A front-desk user.",
    )
    is_lead = models.BooleanField(
        "team lead",
        default=False,
        help_text="Gets the leads nobody else is available for, and escalations.",
    )
    away = models.BooleanField(
        default=False,
        help_text="Skipped by round-robin. Members mark themselves away and back "
        "on the teams page.",
    )
    last_turn = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["team", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"], name="one_membership_per_team"
            )
        ]
        indexes = [models.Index(fields=["team", "last_turn"])]

    def __str__(self):
        return f"{self.user} in {self.team}"
