"""Front-desk teams in the admin: superusers (or whoever is given the team
permissions) keep them; the front desk sees them and marks itself away and
back here."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from leads.models import Team, TeamMember
from leads.routing import member_set_away


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 1
    fields = ["user", "is_lead", "away"]
    raw_id_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "offices", "members_display", "team_lead"]
    filter_horizontal = ["locations", "topics"]
    inlines = [TeamMemberInline]
    search_fields = ["name"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).prefetch_related("locations", "members__user")
        )

    @admin.display(description="Offices")
    def offices(self, team):
        return ", ".join(x.name for x in team.locations.all())

    @admin.display(description="Members (away marked)")
    def members_display(self, team):
        return ", ".join(
            m.user.get_username() + (" (away)" if m.away else "")
            for m in team.members.all()
        )

    @admin.display(description="Team lead")
    def team_lead(self, team):
        return (
            ", ".join(m.user.get_username() for m in team.members.all() if m.is_lead)
            or "–"
        )

    def get_urls(self):
        away = self.admin_site.admin_view(require_POST(self.away_view))
        return [path("away/", away, name="leads_team_away"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        mine = TeamMember.objects.filter(user=request.user)
        extra_context = {
            **(extra_context or {}),
            "is_member": mine.exists(),
            "is_away": mine.filter(away=True).exists(),
        }
        return super().changelist_view(request, extra_context)

    def away_view(self, request):
        """The signed-in member marks themselves away ("1") or back ("0")."""
        if not TeamMember.objects.filter(user=request.user).exists():
            raise PermissionDenied
        away = request.POST.get("away") == "1"
        member_set_away(user=request.user, away=away)
        messages.success(
            request,
            "You are marked away: new leads skip you."
            if away
            else "Welcome back: new leads come to you again in turn.",
        )
        response = redirect("admin:leads_team_changelist")
        response.status_code = 303  # see the list again after the POST
        return response
